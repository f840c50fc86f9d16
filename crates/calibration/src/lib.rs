//! fiscus-calibration
