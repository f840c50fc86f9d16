//! fiscus-qca
