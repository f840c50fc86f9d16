//! fiscus-report
