//! Theory evaluation, retention and causal chains: `fiscus theory`, `fiscus retention`,
//! `fiscus causal-chain` (R QCA's `modelFit()`, `retention()`, `causalChain()`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use fiscus_qca::{
    causal_chain, minimize, model_fit, retention, Ordering, RetentionConfig, TruthTableConfig,
};

use crate::cmd::qca::{MinOpts, SetArgs, TtOpts};
use fiscus_report::views;

use crate::common::{self, load_dataset, InputArgs, OutputArgs};

/// `fiscus theory`: R QCA's modelFit().
#[derive(Debug, Args)]
pub struct TheoryCmd {
    #[command(flatten)]
    tt: TtOpts,
    #[command(flatten)]
    min: MinOpts,
    /// The theory to evaluate, an SOP expression over the conditions, e.g. `DEV*STB`.
    #[arg(long)]
    theory: String,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus theory`.
pub fn run_theory(a: TheoryCmd) -> Result<()> {
    let tt = a.tt.truth_table()?;
    let m =
        minimize(&tt, &a.min.config()?).with_context(|| common::display_name(&a.tt.set.data))?;
    let models = m.named_models();
    let fit = model_fit(&tt.data, &models, &a.theory).context("--theory")?;
    a.out.emit(&fit, |d| views::qca::theory(&fit, d))
}

/// `fiscus retention`: R QCA's retention().
#[derive(Debug, Args)]
pub struct RetentionCmd {
    #[command(flatten)]
    set: SetArgs,
    /// Inclusion cut-off.
    #[arg(long, default_value_t = 1.0)]
    incl_cut: f64,
    /// Minimum number of cases for a row to be coded.
    #[arg(long, default_value_t = 1)]
    n_cut: usize,
    /// `corruption` (a condition value flipped) or `deletion` (a case removed).
    #[arg(long = "type", value_name = "TYPE")]
    kind: String,
    /// Dependent perturbations: exactly --n-pert of them.
    #[arg(long, conflicts_with = "independent")]
    dependent: bool,
    /// Independent perturbations: each value (or case) with probability --p-pert.
    #[arg(long)]
    independent: bool,
    /// Number of perturbations (with --dependent).
    #[arg(long)]
    n_pert: Option<usize>,
    /// Probability of each perturbation (with --independent).
    #[arg(long)]
    p_pert: Option<f64>,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus retention`.
pub fn run_retention(a: RetentionCmd) -> Result<()> {
    let (dep, indep) = (a.dependent, a.independent);
    let cfg = RetentionConfig::from_options(
        a.incl_cut, a.n_cut, &a.kind, dep, indep, a.n_pert, a.p_pert,
    )?;
    let d = a.set.load()?;
    let p = retention(&d, &cfg).with_context(|| common::display_name(&a.set.data))?;
    let doc = fiscus_qca::RetentionResult { retention: p };
    let what = cfg.describe();
    a.out
        .emit(&doc, |d| views::qca::retention(&a.set.outcome, &what, p, d))
}

/// `fiscus causal-chain`: R QCA's causalChain().
#[derive(Debug, Args)]
pub struct CausalChainCmd {
    /// Calibrated data: .csv, .tsv, .xlsx or `-` for stdin.
    data: PathBuf,
    /// Causal ordering: `A, B < C` (default: every column on one level).
    #[arg(long)]
    ordering: Option<String>,
    /// Factors on the same level are not outcomes of each other.
    #[arg(long)]
    strict: bool,
    /// Inclusion cut-off(s).
    #[arg(long, default_value_t = 1.0)]
    incl_cut: f64,
    /// Minimum number of cases for a row to be coded.
    #[arg(long, default_value_t = 1)]
    n_cut: usize,
    /// Minimum PRI for OUT = 1.
    #[arg(long, default_value_t = 0.0)]
    pri_cut: f64,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus causal-chain`.
pub fn run_causal_chain(a: CausalChainCmd) -> Result<()> {
    let ds = load_dataset(&a.data, &a.input)?;
    let ordering: Option<Ordering> = a
        .ordering
        .as_deref()
        .map(str::parse)
        .transpose()
        .context("--ordering")?;
    let tt = TruthTableConfig {
        incl_cut1: a.incl_cut,
        n_cut: a.n_cut,
        pri_cut: a.pri_cut,
        ..Default::default()
    };
    let chain = causal_chain(&ds, ordering.as_ref(), a.strict, &tt)
        .with_context(|| common::display_name(&a.data))?;
    a.out.emit(&chain, |_| views::qca::causal_chain(&chain))
}
