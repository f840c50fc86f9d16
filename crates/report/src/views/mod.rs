//! What each `fiscus` command prints, built from the library result types: one function per
//! result, returning a [`crate::table::View`] that the binary renders as terminal text or CSV
//! (`--format table|csv`; JSON is the result type itself). The study reports use the same
//! tables.

pub mod ahp;
pub mod calibration;
pub mod delphi;
pub mod eval;
pub mod expr;
pub mod qca;
pub mod robustness;

/// Column headers from string literals.
pub(crate) fn strs(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}
