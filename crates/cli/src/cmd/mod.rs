//! The subcommands: one module each.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod dist;
pub mod expr;
pub mod qca;

use crate::common::StrictFailure;

pub mod ahp;
pub mod calibrate;
pub mod delphi;
pub mod robustness;
pub mod score;
pub mod study;
pub mod theory;

/// Fiscus: evidence-based public-budget governance research.
///
/// QCA with R QCA parity (calibration, necessity, truth tables, minimisation, robustness),
/// AHP weights, Delphi consensus statistics and composite performance scores.
#[derive(Debug, Parser)]
#[command(name = "fiscus", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "Examples:
  fiscus calibrate LR.csv --column DEV --thresholds e=400,c=550,i=900
  fiscus truth-table LF.csv --outcome SURV --incl-cut 0.8
  fiscus minimize LF.csv --outcome SURV --incl-cut 0.8 --include '?'
  fiscus ahp criteria.csv
  fiscus delphi kendall round1.csv
  fiscus demo

Exit status: 0 success, 1 a --strict check failed, 2 bad usage or bad input.";

#[derive(Debug, Subcommand)]
enum Command {
    // SUBCOMMANDS (keep one per line; each module adds its own)
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(hide = true)]
    Completions(dist::CompletionsCmd),
    /// Write man pages into a directory.
    #[command(hide = true)]
    Man(dist::ManCmd),
    /// Boolean helpers on set expressions: negate, simplify, compute, translate, expand, ...
    Expr(expr::Args),
    /// Robustness of QCA results: test solutions, sensitivity ranges, grids, shards, core/peripheral chart.
    Robustness(robustness::Args),
    /// Run a whole study from a study file: calibration to report.
    Run(study::RunArgs),
    /// Run the bundled example studies and write their reports.
    Demo(study::DemoArgs),
    /// Write a commented study-file template.
    Init(study::InitArgs),
    /// AHP weights: one matrix, a panel of experts (group), a hierarchy, sensitivity.
    Ahp(ahp::Args),
    /// Delphi rounds: item statistics, Kendall's W, authority, screening, round comparison.
    Delphi(delphi::Args),
    /// Composite performance scores, grades, fuzzy evaluation, entropy weights and TOPSIS.
    Score(score::Args),
    /// Truth table of calibrated data (R QCA truthTable()).
    TruthTable(qca::TruthTableCmd),
    /// Boolean minimisation: complex, parsimonious, intermediate solutions (R QCA minimize()).
    Minimize(qca::MinimizeCmd),
    /// Parameters of fit of a set expression (R QCA pof()).
    Fit(qca::FitCmd),
    /// Necessity of every condition, or the superSubset() search with --search.
    Necessity(qca::NecessityCmd),
    /// Rows for ESA: untenable, contradictory simplifying assumptions, SSR (R QCA findRows()).
    FindRows(qca::FindRowsCmd),
    /// Calibrate raw data into set memberships (R QCA's calibrate()).
    Calibrate(calibrate::Args),
    /// Theory evaluation: model x theory intersections and their fit (R QCA modelFit()).
    Theory(theory::TheoryCmd),
    /// Probability that a crisp solution survives corrupted or deleted cases (R QCA retention()).
    Retention(theory::RetentionCmd),
    /// Every factor as an outcome of the factors an ordering allows (R QCA causalChain()).
    CausalChain(theory::CausalChainCmd),
}

/// Parses the command line, runs the subcommand and maps errors to exit statuses.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result: anyhow::Result<()> = match cli.command {
        // DISPATCH (keep one per line; each module adds its own)
        Command::Completions(a) => dist::run_completions(a),
        Command::Man(a) => dist::run_man(a),
        Command::Expr(a) => expr::run(a),
        Command::Robustness(a) => robustness::run(a),
        Command::Run(a) => study::run(a),
        Command::Demo(a) => study::demo(a),
        Command::Init(a) => study::init(a),
        Command::Ahp(a) => ahp::run(a),
        Command::Delphi(a) => delphi::run(a),
        Command::Score(a) => score::run(a),
        Command::TruthTable(a) => qca::run_truth_table(a),
        Command::Minimize(a) => qca::run_minimize(a),
        Command::Fit(a) => qca::run_fit(a),
        Command::Necessity(a) => qca::run_necessity(a),
        Command::FindRows(a) => qca::run_find_rows(a),
        Command::Calibrate(a) => calibrate::run(a),
        Command::Theory(a) => theory::run_theory(a),
        Command::Retention(a) => theory::run_retention(a),
        Command::CausalChain(a) => theory::run_causal_chain(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A context (e.g. the file name) is left out when the message under it already
            // starts with it, so the file is named once.
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            let mut parts: Vec<&str> = Vec::new();
            for (i, c) in chain.iter().enumerate() {
                let repeated = chain
                    .get(i + 1)
                    .is_some_and(|next| next.starts_with(&format!("{c}:")));
                if !repeated {
                    parts.push(c);
                }
            }
            eprintln!("error: {}", parts.join(": "));
            if e.downcast_ref::<StrictFailure>().is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}
