//! fiscus-eval
