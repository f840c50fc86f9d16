//! fiscus-study
