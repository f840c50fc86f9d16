//! The end-to-end tests of the `fiscus` binary, in one test binary (as ripgrep does): one
//! module per area, sharing the helpers in `common`. One binary links once, which keeps
//! `cargo test` and CI fast.

mod common;

mod ahp_cli;
mod browser;
mod budget_cli;
mod calibrate_cli;
mod delphi_cli;
mod io_cli;
mod output_safety;
mod qca_cli;
mod qca_cna_cli;
mod robustness_cli;
mod score_cli;
mod snapshots;
mod study_cli;
mod theory_cli;
