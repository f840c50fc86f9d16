//! fiscus-ahp
