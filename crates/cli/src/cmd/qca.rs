//! QCA commands: truth-table, minimize, fit, necessity, find-rows.

use std::path::PathBuf;

use anyhow::{anyhow, Context, Result};
use clap::Args;
use fiscus_qca::{
    FitReport, InfTestInfo, MinimizeConfig, QcaData, Relation, TruthTable, TruthTableConfig,
};
use fiscus_report::views;

use crate::common::{self, load_dataset, split_list, InputArgs, OutputArgs};
use crate::progress::Bars;

/// The data, the outcome and the conditions of a QCA command.
#[derive(Debug, Clone, Args)]
pub struct SetArgs {
    /// Calibrated data: .csv, .tsv, .xlsx or `-` for stdin.
    pub data: PathBuf,
    /// Outcome in R notation: `Y`, `~Y` (negated), `Y[1]` (multi-value).
    #[arg(long)]
    pub outcome: String,
    /// Causal conditions, comma-separated (default: every other column); `A:D` is a range.
    #[arg(long)]
    pub conditions: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

impl SetArgs {
    /// Reads the data and builds the analysis data set, printing what was left out.
    pub fn load(&self) -> Result<QcaData> {
        let conds = self.conditions.as_deref().map(split_list);
        qca_data(&self.data, &self.input, &self.outcome, conds.as_deref())
    }
}

/// The data and truth-table options shared by the QCA commands.
#[derive(Debug, Clone, Args)]
pub struct TtOpts {
    #[command(flatten)]
    pub set: SetArgs,
    /// Inclusion cut-off(s): `0.8`, or `0.8,0.6` to code rows between them as contradictions (C).
    #[arg(long, default_value = "1")]
    pub incl_cut: String,
    /// Minimum number of cases for a row to be coded (fewer: remainder).
    #[arg(long, default_value_t = 1)]
    pub n_cut: usize,
    /// Minimum PRI for OUT = 1.
    #[arg(long, default_value_t = 0.0)]
    pub pri_cut: f64,
    /// Rows forced to OUT = 0 (ESA): row numbers `3,7,12`, or an SOP expression whose
    /// remainders are excluded.
    #[arg(long)]
    pub exclude: Option<String>,
    /// Binomial test instead of the inclusion cut-offs (crisp data only): `binom` or
    /// `binom,0.01` (R's `inf.test`; alpha defaults to 0.05).
    #[arg(long)]
    pub inf_test: Option<String>,
    /// No progress bars (they are shown only on a terminal anyway).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Reads `path` and builds the analysis data set of `outcome` and `conditions` (default: every
/// other column), printing what was left out.
pub fn qca_data(
    path: &std::path::Path,
    input: &InputArgs,
    outcome: &str,
    conditions: Option<&[String]>,
) -> Result<QcaData> {
    let ds = load_dataset(path, input)?;
    let d = QcaData::from_dataset(ds, outcome, conditions)
        .with_context(|| common::display_name(path))?;
    common::warn_all(d.notes());
    Ok(d)
}

impl TtOpts {
    /// The truth-table configuration (exclusions resolved on the data later).
    pub fn config(&self) -> Result<TruthTableConfig> {
        let inf_test = self.inf_test.as_deref();
        let c = TruthTableConfig::from_options(&self.incl_cut, self.n_cut, self.pri_cut, inf_test);
        Ok(c?)
    }

    /// Builds the truth table, resolving `--exclude`.
    pub fn truth_table(&self) -> Result<TruthTable> {
        if self.quiet {
            crate::progress::set_quiet();
        }
        let data = self.set.load()?;
        self.tabulate(data, self.config()?)
    }

    /// Builds the truth table of `data` under `cfg`, resolving `--exclude`.
    fn tabulate(&self, data: QcaData, mut cfg: TruthTableConfig) -> Result<TruthTable> {
        if let Some(ex) = &self.exclude {
            cfg.exclude_rows(&data, ex)?;
        }
        let bars = Bars::new(&common::display_name(&self.set.data), self.quiet);
        let tt = fiscus_qca::truth_table_with_progress(data, &cfg, &|p| {
            bars.update(p.stage, p.done, p.total)
        });
        bars.finish();
        let tt = tt.with_context(|| common::display_name(&self.set.data))?;
        common::warn_all(tt.notes());
        Ok(tt)
    }
}

/// `fiscus truth-table`: R QCA's truthTable().
#[derive(Debug, Args)]
pub struct TruthTableCmd {
    #[command(flatten)]
    tt: TtOpts,
    /// Also list the remainder rows in the table output.
    #[arg(long)]
    complete: bool,
    /// Sort the table output: e.g. `OUT,incl,n` (descending; `n+` ascending).
    #[arg(long)]
    sort_by: Option<String>,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus truth-table`.
pub fn run_truth_table(a: TruthTableCmd) -> Result<()> {
    let tt = a.tt.truth_table()?;
    let order = match &a.sort_by {
        Some(s) => tt.order_by(s)?,
        None => (0..tt.rows.len()).collect(),
    };
    a.out.emit(&tt.report(), |d| {
        views::qca::truth_table(&tt, &order, a.complete, d)
    })
}

/// `fiscus minimize`: R QCA's minimize().
#[derive(Debug, Args)]
pub struct MinimizeCmd {
    #[command(flatten)]
    tt: TtOpts,
    #[command(flatten)]
    min: MinOpts,
    #[command(flatten)]
    cna: CnaOpts,
    #[command(flatten)]
    out: OutputArgs,
}

/// CNA-style search options of `fiscus minimize` (R's `pi.cons`, `sol.cons`, `sol.cov`,
/// `sol.depth`); either threshold implies `--include '?'`.
#[derive(Debug, Clone, Args)]
pub struct CnaOpts {
    /// Keep a candidate PI when its sufficiency inclusion on the data is at least this, instead
    /// of when it covers no negative row (0 = off).
    #[arg(long, default_value_t = 0.0)]
    pub pi_cons: f64,
    /// List models as disjunctions of PIs with solution consistency at least this and
    /// coverage at least --sol-cov, instead of minimal covers of the PI chart (0 = off).
    #[arg(long, default_value_t = 0.0)]
    pub sol_cons: f64,
    /// Minimum solution coverage of the --sol-cons models.
    #[arg(long, default_value_t = 1.0)]
    pub sol_cov: f64,
    /// Most PIs in one --sol-cons model.
    #[arg(long, default_value_t = 7)]
    pub sol_depth: usize,
}

/// Minimisation options shared by minimize and robustness.
#[derive(Debug, Clone, Args)]
pub struct MinOpts {
    /// Other outputs to use as don't cares: `?` (remainders: parsimonious), `C`, or `?,C`.
    #[arg(long, default_value = "")]
    pub include: String,
    /// Directional expectations for the intermediate solution: `A,~B,C[1,2]`.
    #[arg(long)]
    pub dir_exp: Option<String>,
    /// Remove dominated prime implicants before solving the PI chart.
    #[arg(long)]
    pub row_dom: bool,
    /// All irredundant models, not only the minimal ones.
    #[arg(long)]
    pub all_sol: bool,
    /// Stop listing models after this many (the output says when it stopped early).
    #[arg(long, default_value_t = 100_000)]
    pub max_models: usize,
    #[command(flatten)]
    pub budget: BudgetArgs,
}

/// Work and memory budgets of the searches (`--work-budget`, `--memory-budget`).
#[derive(Debug, Clone, Args)]
pub struct BudgetArgs {
    /// Work each search may do before it stops and reports a truncated result, in units of
    /// about a nanosecond: `1.5e9` (the default, about a second per search), `6e10` (about a
    /// minute).
    #[arg(long, value_name = "UNITS", value_parser = fiscus_data::parse_count)]
    pub work_budget: Option<u64>,
    /// Memory the large tables (prime implicants, memberships) may take: `4G` (the default),
    /// `512M`, `16G`, or bytes.
    #[arg(long, value_name = "SIZE", value_parser = fiscus_data::parse_size)]
    pub memory_budget: Option<u64>,
}

impl BudgetArgs {
    /// The budget the flags describe (library defaults for those not given).
    pub fn budget(&self) -> fiscus_qca::Budget {
        fiscus_qca::Budget::new(self.work_budget, self.memory_budget)
    }
}

impl MinOpts {
    /// The minimisation configuration.
    pub fn config(&self) -> Result<MinimizeConfig> {
        let (dir_exp, budget) = (self.dir_exp.clone(), self.budget.budget());
        let (include, max) = (&self.include, self.max_models);
        let c =
            MinimizeConfig::from_options(include, dir_exp, self.row_dom, self.all_sol, max, budget);
        Ok(c?)
    }
}

/// Runs `fiscus minimize`.
pub fn run_minimize(a: MinimizeCmd) -> Result<()> {
    if a.tt.quiet {
        crate::progress::set_quiet();
    }
    let mut cfg = a.min.config()?;
    let c = &a.cna;
    cfg.set_cna(c.pi_cons, c.sol_cons, c.sol_cov, c.sol_depth)?;
    let mut tt_cfg = a.tt.config()?;
    if let Some(cut) = cfg.cna_incl_cut(tt_cfg.incl_cut1) {
        common::warn(&format!(
            "as in R QCA, the inclusion cut-off 1 becomes min(pi.cons, sol.cons) = {cut} with a consistency threshold; give --incl-cut to choose it"
        ));
        tt_cfg.incl_cut1 = cut;
    }
    let tt = a.tt.tabulate(a.tt.set.load()?, tt_cfg)?;
    let bar = Bars::new(&common::display_name(&a.tt.set.data), a.tt.quiet);
    let m =
        fiscus_qca::minimize_with_progress(&tt, &cfg, &|p| bar.update(p.stage, p.done, p.total));
    bar.finish();
    let m = m?;
    common::warn_all(m.notes(cfg.all_sol));
    a.out.emit(&m, |d| views::qca::minimization(&m, d))
}

/// `fiscus fit`: parameters of fit of an SOP expression (R QCA's pof()).
#[derive(Debug, Args)]
pub struct FitCmd {
    /// Calibrated data.
    data: PathBuf,
    /// SOP expression, e.g. `DEV*~IND + URB*STB` (an arrow `-> Y` sets the outcome).
    expr: String,
    /// Outcome (`Y`, `~Y`, `Y[1]`).
    #[arg(long)]
    outcome: Option<String>,
    /// sufficiency (suf) or necessity (nec).
    #[arg(long, default_value = "sufficiency")]
    relation: String,
    /// Binomial test of sufficiency (crisp data only): `binom` or `binom,0.01`; adds the
    /// p-values `pval1`/`pval0` against the `--incl-cut` cut-offs.
    #[arg(long)]
    inf_test: Option<String>,
    /// Inclusion cut-offs tested by `--inf-test` (pof's default `0.75,0.5`).
    #[arg(long, default_value = "0.75,0.5")]
    incl_cut: String,
    /// No progress bar while a large file is read (it is shown only on a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus fit`.
pub fn run_fit(a: FitCmd) -> Result<()> {
    if a.quiet {
        crate::progress::set_quiet();
    }
    let relation: Relation = a.relation.parse()?;
    let (expr, outcome, relation) =
        fiscus_qca::split_statement(&a.expr, a.outcome.as_deref(), relation)?;
    let outcome =
        outcome.ok_or_else(|| anyhow!("name the outcome with --outcome (or write `EXPR -> Y`)"))?;
    let names = fiscus_qca::sop_names(&expr);
    let d = qca_data(&a.data, &a.input, &outcome, Some(&names))?;
    let test = a.inf_test.as_deref();
    let test = test.map(|t| InfTestInfo::from_options(t, &a.incl_cut, relation));
    let doc = FitReport::compute(&d, &expr, relation, test.transpose()?);
    // the binomial test's errors are about the data (crisp sets); the expression's are not
    let doc = match a.inf_test {
        Some(_) => doc.with_context(|| common::display_name(&a.data))?,
        None => doc?,
    };
    a.out.emit(&doc, |d| views::qca::fit(&doc, d))
}

/// `fiscus necessity`: every condition and its negation, or superSubset() with --search.
#[derive(Debug, Args)]
pub struct NecessityCmd {
    #[command(flatten)]
    set: SetArgs,
    /// Search conjunctions and disjunctions (R QCA's superSubset()).
    #[arg(long)]
    search: bool,
    /// Relation searched: necessity or sufficiency (with --search).
    #[arg(long, default_value = "necessity")]
    relation: String,
    /// Inclusion cut-off (with --search).
    #[arg(long, default_value_t = 1.0)]
    incl_cut: f64,
    /// Coverage cut-off (with --search).
    #[arg(long, default_value_t = 0.0)]
    cov_cut: f64,
    /// RoN cut-off (with --search, necessity).
    #[arg(long, default_value_t = 0.0)]
    ron_cut: f64,
    /// PRI cut-off (with --search, sufficiency).
    #[arg(long, default_value_t = 0.0)]
    pri_cut: f64,
    /// Maximum number of literals per term (with --search).
    #[arg(long)]
    depth: Option<usize>,
    /// Exit with status 1 unless some condition passes the inclusion cut-off (default 0.9).
    #[arg(long)]
    strict: bool,
    /// No progress bar for the search (it is shown only on a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    budget: BudgetArgs,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus necessity`.
pub fn run_necessity(a: NecessityCmd) -> Result<()> {
    if a.quiet {
        crate::progress::set_quiet();
    }
    let d = a.set.load()?;
    let relation: Relation = a.relation.parse()?;
    let search = a.search.then(|| fiscus_qca::SuperSubsetConfig {
        relation,
        incl_cut: a.incl_cut,
        cov_cut: a.cov_cut,
        ron_cut: a.ron_cut,
        pri_cut: a.pri_cut,
        depth: a.depth,
        budget: a.budget.budget(),
    });
    let bars = Bars::new(&common::display_name(&a.set.data), a.quiet);
    let doc = FitReport::necessity(&d, relation, search.as_ref(), &|p| {
        bars.update(p.stage, p.done, p.total)
    });
    bars.finish();
    let doc = doc?;
    a.out.emit(&doc, |d| views::qca::fit(&doc, d))?;
    let cut = if a.search { a.incl_cut } else { 0.9 };
    let msg = || format!("no term reaches an inclusion of {cut}");
    common::strict(a.strict, (!doc.reaches(cut)).then(msg))
}

/// `fiscus find-rows`: untenable assumptions, contradictory simplifying assumptions and
/// simultaneous subset relations (R QCA's findRows()), for `--exclude` (ESA).
#[derive(Debug, Args)]
pub struct FindRowsCmd {
    #[command(flatten)]
    tt: TtOpts,
    /// 1 subsets of --expr, 2 contradictory simplifying assumptions, 3 simultaneous subset
    /// relations, 0 all; several as `2,3`.
    #[arg(long = "type", default_value = "1")]
    types: String,
    /// The expression for type 1 (e.g. an untenable `DEV*~IND`).
    #[arg(long)]
    expr: Option<String>,
    /// Type 1: include observed rows too.
    #[arg(long)]
    observed: bool,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus find-rows`.
pub fn run_find_rows(a: FindRowsCmd) -> Result<()> {
    let types = fiscus_qca::find_rows_types(&a.types)?;
    let tt = a.tt.truth_table()?;
    let rows = fiscus_qca::find_rows(&tt, &types, a.expr.as_deref(), a.observed)?;
    let doc = fiscus_qca::FindRowsReport {
        outcome: tt.data.outcome.label.clone(),
        types,
        rows,
    };
    a.out.emit(&doc, |_| views::qca::find_rows(&doc, &tt))
}
