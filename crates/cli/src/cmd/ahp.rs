//! `fiscus ahp`: AHP weights for one matrix, a panel of experts, a hierarchy, and sensitivity.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use fiscus_ahp::{
    analyze, analyze_hierarchy, expert_weights_table, group, hierarchy_sensitivity, Aggregation,
    AhpConfig, CompletionMethod, GroupConfig, GroupReport, HierarchyFile, HierarchyReport,
    HierarchySpec, InputConfig, Judgments, MatrixReport, Method, RepairConfig, RiTable,
    SensitivityProblem, SensitivityReport, SurveyTable,
};
use fiscus_data::Dataset;

use fiscus_report::views;

use crate::common::{self, strict, InputArgs, OutputArgs};

const EXAMPLES: &str = "Examples:
  fiscus ahp criteria.csv
  fiscus ahp criteria.csv --method geometric --ri saaty1980 --format json
  fiscus ahp criteria.csv --strict --repair
  fiscus ahp incomplete.csv --completion optimal
  fiscus ahp group survey.csv --weight-column weight --aggregation aij
  fiscus ahp group survey.csv --expert-weights authority.csv
  fiscus ahp hierarchy bsc.toml
  fiscus ahp sensitivity bsc.toml --node Goal

MATRIX: a CSV/XLSX square matrix, element names in the header and first column; cells are
numbers or fractions (1/3); an empty cell or NA is a missing judgment (completed by Harker's
method, or --completion optimal). Only the upper (or lower) triangle may be given: the other
half is filled with reciprocals.";

/// AHP: priorities, λmax, CI, CR, diagnostics and repair for one pairwise matrix; `group`,
/// `hierarchy` and `sensitivity` for panels, hierarchies and rank reversals.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = EXAMPLES
)]
pub struct Args {
    #[command(subcommand)]
    sub: Option<Sub>,
    #[command(flatten)]
    matrix: MatrixArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// A panel of experts: one survey row per expert, columns like `PROMO_vs_ECON`.
    Group(GroupArgs),
    /// A hierarchy (goal → criteria → sub-criteria → alternatives) described in a TOML file.
    Hierarchy(HierarchyArgs),
    /// One-at-a-time weight changes and the rank-reversal points (matrix CSV or hierarchy TOML).
    Sensitivity(SensitivityArgs),
}

/// Settings shared by every AHP command.
#[derive(Debug, Clone, clap::Args)]
struct AhpOpts {
    /// Priority method: eigen (principal eigenvector), geometric (row geometric mean, 方根法)
    /// or colnorm (column normalisation, 和积法) [default: eigen].
    #[arg(long, value_parser = str::parse::<Method>)]
    method: Option<Method>,
    /// Random-index table for CR: saaty1980, saaty2005, chinese, alonso-lamata,
    /// alonso-lamata-formula or donegan-dodd [default: alonso-lamata].
    #[arg(long, value_parser = str::parse::<RiTable>)]
    ri: Option<RiTable>,
    /// How missing judgments are completed: harker (Harker 1987) or optimal (λmax-optimal,
    /// Bozóki, Fülöp & Rónyai 2010) [default: harker].
    #[arg(long, value_parser = str::parse::<CompletionMethod>)]
    completion: Option<CompletionMethod>,
    /// CR below this is acceptable.
    #[arg(long, value_name = "CR", default_value_t = 0.10)]
    threshold: f64,
    /// Largest accepted |a_ij·a_ji − 1| when both halves are given (0.33 for 1/3 passes).
    #[arg(long, value_name = "TOL", default_value_t = 0.05)]
    reciprocal_tol: f64,
}

impl AhpOpts {
    /// The analysis settings; `fallback` holds a hierarchy file's own `method`/`ri`/`completion`.
    fn config(&self, fallback: &AhpConfig) -> AhpConfig {
        AhpConfig {
            method: self.method.unwrap_or(fallback.method),
            ri: self.ri.unwrap_or(fallback.ri),
            completion: self.completion.unwrap_or(fallback.completion),
            threshold: self.threshold,
        }
    }

    fn input(&self) -> InputConfig {
        InputConfig {
            reciprocal_tolerance: self.reciprocal_tol,
        }
    }
}

#[derive(Debug, Clone, clap::Args)]
struct MatrixArgs {
    /// Pairwise comparison matrix (CSV, TSV, XLSX or `-`).
    #[arg(value_name = "MATRIX", required = true)]
    matrix: Option<PathBuf>,
    #[command(flatten)]
    ahp: AhpOpts,
    /// Exit with status 1 when CR ≥ the threshold.
    #[arg(long)]
    strict: bool,
    /// When CR ≥ the threshold, change the fewest judgments that bring it below and list them.
    #[arg(long)]
    repair: bool,
    /// Most judgments --repair may change.
    #[arg(long, value_name = "K", requires = "repair")]
    max_changes: Option<usize>,
    /// Judgments listed in the table output's diagnostics.
    #[arg(long, value_name = "K", default_value_t = 5)]
    top: usize,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, clap::Args)]
struct GroupArgs {
    /// Survey table: one row per expert (id in `expert`, `id` or `case`), columns `A_vs_B`.
    /// Answers: v ≥ 1 means A is v times as important as B; −v (or 1/v) means B is.
    #[arg(value_name = "SURVEY")]
    survey: PathBuf,
    #[command(flatten)]
    ahp: AhpOpts,
    /// Which aggregate is reported as `weights` (all three are computed): aij (weighted
    /// geometric mean of the judgments), aip-arithmetic or aip-geometric (of the priorities).
    #[arg(long, value_parser = str::parse::<Aggregation>, default_value = "aij")]
    aggregation: Aggregation,
    /// Column with expert weights (in SURVEY, or in the --expert-weights file).
    #[arg(long, value_name = "COL")]
    weight_column: Option<String>,
    /// Expert weights: a table (expert id, and a `weight` or `Cr` column, e.g. the output of
    /// `fiscus delphi authority --format csv`) or a list `E1=0.4,E2=0.6`.
    #[arg(long, value_name = "FILE|LIST")]
    expert_weights: Option<String>,
    /// Leave experts with CR ≥ the threshold out of the aggregation (default: flag them only).
    #[arg(long)]
    exclude_inconsistent: bool,
    /// Exit with status 1 when an expert or the group matrix has CR ≥ the threshold.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, clap::Args)]
struct HierarchyArgs {
    /// Hierarchy description (TOML; see docs/ahp.md).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    ahp: AhpOpts,
    /// Exit with status 1 when any matrix or the total CR is ≥ the threshold.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Clone, clap::Args)]
struct SensitivityArgs {
    /// A hierarchy TOML, or a single matrix (CSV, TSV, XLSX).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Vary the local weights of this node's children (default: the goal's criteria).
    #[arg(long, value_name = "NAME")]
    node: Option<String>,
    #[command(flatten)]
    ahp: AhpOpts,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `fiscus ahp`.
pub fn run(args: Args) -> Result<()> {
    match args.sub {
        Some(Sub::Group(a)) => run_group(a),
        Some(Sub::Hierarchy(a)) => run_hierarchy(a),
        Some(Sub::Sensitivity(a)) => run_sensitivity(a),
        None => run_matrix(args.matrix),
    }
}

// ------------------------------------------------------------------ reading matrices

fn read_judgments(
    path: &Path,
    input: &InputArgs,
    cfg: &InputConfig,
) -> Result<(Judgments, Vec<String>)> {
    let name = common::display_name(path);
    let ds = common::load_dataset(path, input)?;
    Judgments::from_dataset(&ds, cfg).with_context(|| name.clone())
}

fn warn_all(source: &str, warnings: &[String]) {
    for w in warnings {
        common::warn(&format!("{source}: {w}"));
    }
}

// ------------------------------------------------------------------ one matrix

fn run_matrix(a: MatrixArgs) -> Result<()> {
    let path = a
        .matrix
        .clone()
        .ok_or_else(|| anyhow!("a MATRIX file is required"))?;
    let name = common::display_name(&path);
    let cfg = a.ahp.config(&AhpConfig::default());
    let (j, warnings) = read_judgments(&path, &a.input, &a.ahp.input())?;
    warn_all(&name, &warnings);
    let rc = a.repair.then(|| RepairConfig {
        max_changes: a.max_changes,
        ..Default::default()
    });
    let doc = MatrixReport::compute(&j, &cfg, &name, warnings, rc).with_context(|| name.clone())?;
    a.output
        .emit(&doc, |d| views::ahp::matrix(&doc, a.top, d))?;
    strict(a.strict, doc.shortfall())
}

// ------------------------------------------------------------------ groups

fn run_group(a: GroupArgs) -> Result<()> {
    let name = common::display_name(&a.survey);
    let ds = common::load_dataset(&a.survey, &a.input)?;
    let labelled = a.input.id_column.is_some();
    let weight_column = a.weight_column.as_deref().filter(|c| ds.has_column(c));
    let t = SurveyTable::from_dataset(&ds, labelled, weight_column, &a.ahp.input())
        .with_context(|| name.clone())?;
    warn_all(&name, &t.warnings);
    let weights = panel_weights(&a, &ds, &name, &t.experts)?;
    let cfg = GroupConfig {
        ahp: a.ahp.config(&AhpConfig::default()),
        aggregation: a.aggregation,
        exclude_inconsistent: a.exclude_inconsistent,
    };
    let result = group(&t.survey, weights.as_deref(), &cfg).with_context(|| name.clone())?;
    let (source, warnings) = (name.clone(), t.warnings);
    let doc = GroupReport {
        result,
        source,
        warnings,
    };
    a.output.emit(&doc, |d| views::ahp::group(&doc, d))?;
    strict(a.strict, doc.shortfall())
}

fn panel_weights(
    a: &GroupArgs,
    ds: &Dataset,
    name: &str,
    experts: &[String],
) -> Result<Option<Vec<f64>>> {
    if let Some(spec) = &a.expert_weights {
        let path = Path::new(spec);
        if spec.contains('=') && !path.exists() {
            let map =
                fiscus_data::parse_pairs(std::slice::from_ref(spec)).context("--expert-weights")?;
            return Ok(Some(fiscus_ahp::expert_weights(
                &map,
                experts,
                "--expert-weights",
            )?));
        }
        let wds = common::load_labelled(path, &InputArgs::default(), &["expert"])?;
        let column = a.weight_column.as_deref();
        return Ok(Some(expert_weights_table(&wds, column, experts)?));
    }
    if let Some(c) = &a.weight_column {
        if !ds.has_column(c) {
            bail!("{name}: no column `{c}` with expert weights");
        }
        return Ok(Some(ds.numeric_complete(c)?));
    }
    Ok(None)
}

// ------------------------------------------------------------------ hierarchies

/// A hierarchy TOML file turned into the library's plain data, with the file's own defaults.
struct LoadedHierarchy {
    spec: HierarchySpec,
    defaults: AhpConfig,
    warnings: Vec<String>,
}

fn load_hierarchy(path: &Path, opts: &AhpOpts) -> Result<LoadedHierarchy> {
    let name = common::display_name(path);
    let text = String::from_utf8(common::read_bytes(path)?)
        .map_err(|_| anyhow!("{name}: not valid UTF-8"))?;
    let f = HierarchyFile::parse(&name, &text)?;
    let defaults = f.defaults()?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut files = Vec::new();
    for m in f.matrix_files() {
        let ctx = format!("{name}: [[matrix]] #{} (`{}`)", m.index + 1, m.node);
        let p = base.join(&m.path);
        if !p.exists() {
            bail!("{ctx}: matrix file `{}` does not exist", p.display());
        }
        let (j, w) =
            read_judgments(&p, &InputArgs::default(), &opts.input()).with_context(|| ctx)?;
        files.push((m.index, j, w));
    }
    let (spec, warnings) = f.build(&opts.input(), files)?;
    Ok(LoadedHierarchy {
        spec,
        defaults,
        warnings,
    })
}

fn run_hierarchy(a: HierarchyArgs) -> Result<()> {
    let name = common::display_name(&a.file);
    let h = load_hierarchy(&a.file, &a.ahp)?;
    warn_all(&name, &h.warnings);
    let cfg = a.ahp.config(&h.defaults);
    let result = analyze_hierarchy(&h.spec, &cfg).with_context(|| name.clone())?;
    let (source, warnings) = (name.clone(), h.warnings);
    let doc = HierarchyReport {
        result,
        source,
        warnings,
    };
    a.output.emit(&doc, |d| views::ahp::hierarchy(&doc, d))?;
    strict(a.strict, doc.shortfall(cfg.threshold))
}

// ------------------------------------------------------------------ sensitivity

fn run_sensitivity(a: SensitivityArgs) -> Result<()> {
    let name = common::display_name(&a.file);
    let is_toml = a
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let problem: SensitivityProblem = if is_toml {
        let h = load_hierarchy(&a.file, &a.ahp)?;
        warn_all(&name, &h.warnings);
        let cfg = a.ahp.config(&h.defaults);
        hierarchy_sensitivity(&h.spec, &cfg, a.node.as_deref()).with_context(|| name.clone())?
    } else {
        if a.node.is_some() {
            bail!("--node applies to a hierarchy TOML file only");
        }
        let (j, warnings) = read_judgments(&a.file, &a.input, &a.ahp.input())?;
        warn_all(&name, &warnings);
        let r = analyze(&j, &a.ahp.config(&AhpConfig::default())).with_context(|| name.clone())?;
        SensitivityProblem::elements(r.elements, r.weights)
    };
    let doc = SensitivityReport::compute(&problem, &name, a.node.as_deref());
    let doc = doc.with_context(|| name.clone())?;
    a.output.emit(&doc, |d| views::ahp::sensitivity(&doc, d))
}
