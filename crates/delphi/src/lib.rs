//! fiscus-delphi
