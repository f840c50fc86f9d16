//! Running a configurational study: data → calibration → necessity → truth table →
//! minimisation → robustness grid.

use fiscus_calibration::{calibrate, CalibrationSpec, Method, SetType};
use fiscus_data::{Cell, Column, Dataset};
use fiscus_io::ReadOptions;
use fiscus_qca::{
    configuration_chart, minimize, necessity_table, parse_sop, sop_membership, truth_table,
    ChartCell, ConfigurationChart, DroppedCase, FitRow, MinimizeConfig, Model, Out, QcaData,
    QcaError, TruthTable, TruthTableConfig,
};
use fiscus_robustness::{
    grid_size, merge_shards, run_grid, summarize_grid, Grid, GridSummary, SolutionKind,
    Specification, TestStatus,
};
use serde::Serialize;

use crate::error::StudyError;
use crate::spec::{GroupSpec, KeyPart, Kind, SetSpec, Study};

/// Everything a study run produced: every number of the report, with the study file, the
/// Fiscus version and the seed. Serialises to `results.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyResults {
    /// Always 1.
    pub schema_version: u32,
    /// The Fiscus version that produced the results.
    pub fiscus_version: String,
    /// The study file.
    pub study: StudyInfo,
    /// The data as analysed.
    pub data: DataInfo,
    /// Raw values and memberships of the outcome and every condition.
    pub calibration: Vec<CalibrationResult>,
    /// Necessity of every condition and its negation.
    pub necessity: NecessityResult,
    /// The truth table.
    pub truth_table: TruthTableResult,
    /// The solutions asked for.
    pub solutions: Vec<SolutionResult>,
    /// The configuration chart of the main solution.
    pub configuration_chart: ChartResult,
    /// The robustness grid, if the study has one.
    pub robustness: Option<RobustnessResult>,
    /// The groups of the conditions (`[[group]]`, or the groups the conditions name), in order.
    pub groups: Vec<GroupSpec>,
    /// Warnings about the named paths (`[[path]]`): a name that matches no path of the main
    /// solution or several, a path that matches several names.
    pub warnings: Vec<String>,
}

/// The study file as run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyInfo {
    /// Its name.
    pub file: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Kind.
    pub kind: Kind,
    /// Seed (recorded; the configurational pipeline draws no random numbers).
    pub seed: u64,
    /// The whole study file.
    pub text: String,
}

/// The data as analysed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataInfo {
    /// The data file, as named in the study file.
    pub file: String,
    /// Cases in the analysis.
    pub cases: Vec<String>,
    /// Cases left out (missing values).
    pub dropped: Vec<DroppedCase>,
}

/// Calibration of one set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationResult {
    /// Set name.
    pub name: String,
    /// Label.
    pub label: String,
    /// `outcome` or `condition`.
    pub role: &'static str,
    /// The condition's group (`[[group]]`), if any.
    pub group: Option<String>,
    /// Raw data column.
    pub column: String,
    /// The calibration used (`None`: the column already holds memberships).
    pub spec: Option<CalibrationSpec>,
    /// Raw values, one per case of the data file.
    pub raw: Vec<Option<f64>>,
    /// Memberships.
    pub membership: Vec<Option<f64>>,
    /// Calibration warnings.
    pub warnings: Vec<String>,
    /// The membership function on a grid of raw values (for the calibration curve).
    pub curve: Vec<(f64, f64)>,
}

/// The necessity analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NecessityResult {
    /// inclN cut-off.
    pub incl_cut: f64,
    /// RoN cut-off.
    pub ron_cut: f64,
    /// Every condition and its negation.
    pub rows: Vec<FitRow>,
    /// Terms passing both cut-offs.
    pub necessary: Vec<String>,
}

/// One truth-table row with case labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TtRowResult {
    /// R's row number.
    pub row: u64,
    /// Condition values.
    pub config: Vec<u32>,
    /// Output value.
    #[serde(rename = "OUT")]
    pub out: Out,
    /// Number of cases.
    pub n: usize,
    /// Consistency.
    pub incl: f64,
    /// PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Case labels.
    pub cases: Vec<String>,
    /// Deviant cases for consistency.
    pub dcc: Vec<String>,
    /// Forced to 0 (ESA).
    pub excluded: bool,
}

/// The truth table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthTableResult {
    /// Outcome.
    pub outcome: String,
    /// Conditions.
    pub conditions: Vec<String>,
    /// Options.
    pub config: TruthTableConfig,
    /// Observed rows.
    pub rows: Vec<TtRowResult>,
    /// Cases with a membership of exactly 0.5 in some condition (in no row).
    pub half_cases: Vec<DroppedCase>,
}

/// One sufficient path (a term of the first model) with the case memberships.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathResult {
    /// The term.
    pub term: String,
    /// The name of the `[[path]]` the term matches, if any.
    pub name: Option<String>,
    /// Membership of every case in the term.
    pub membership: Vec<f64>,
    /// Consistency.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// Raw coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
    /// Unique coverage (`None` for a one-term model).
    #[serde(rename = "covU")]
    pub cov_u: Option<f64>,
}

/// One solution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SolutionResult {
    /// `complex`, `parsimonious` or `intermediate`.
    pub kind: String,
    /// `complex`, `parsimonious`, or the C×P pair (`C1P1`).
    pub name: String,
    /// The models.
    pub models: Vec<Model>,
    /// Essential prime implicants.
    pub essential: Vec<String>,
    /// Easy counterfactuals (intermediate).
    pub easy_counterfactuals: Vec<u64>,
    /// Difficult counterfactuals (intermediate).
    pub difficult_counterfactuals: Vec<u64>,
    /// The terms of the first model, with memberships.
    pub paths: Vec<PathResult>,
}

/// A column of the configuration chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartPathResult {
    /// The term.
    pub term: String,
    /// The name of the `[[path]]` the term matches, if any.
    pub name: Option<String>,
    /// Per condition: `core_present`, `peripheral_present`, `core_absent`,
    /// `peripheral_absent` or `dont_care`.
    pub cells: Vec<&'static str>,
    /// The core literals (`A`, `~B`).
    pub core: Vec<String>,
    /// Consistency.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Raw coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
    /// Unique coverage.
    #[serde(rename = "covU")]
    pub cov_u: Option<f64>,
}

/// The configuration chart (Ragin and Fiss): core conditions are in the parsimonious
/// solution, peripheral ones only in the intermediate solution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartResult {
    /// Solution the chart shows (`C1P1 M1`, `parsimonious M1`, ...).
    pub solution: String,
    /// Conditions (rows).
    pub conditions: Vec<String>,
    /// Paths (columns).
    pub paths: Vec<ChartPathResult>,
    /// Solution consistency.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// Solution PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Solution coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
}

/// One specification of the robustness grid, as `fiscus robustness --grid` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridItem {
    /// 1-based position in the grid.
    pub position: usize,
    /// What it changes (`incl-cut=0.8; n-cut=2`).
    pub specification: String,
    /// Its parsimonious M1 (`None` when it cannot be analysed).
    pub expression: Option<String>,
    /// `ok`, `no_solution` or `invalid`.
    pub status: TestStatus,
    /// Why it cannot be analysed.
    pub reason: Option<String>,
}

/// The robustness section: the study's parsimonious M1 (the initial solution) re-derived on a
/// grid of truth-table settings and summarised by `fiscus_robustness::summarize_grid`, the
/// function behind `fiscus robustness --grid` (same path stability, same SetMethods measures).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustnessResult {
    /// The grid in `fiscus robustness --grid` syntax.
    pub grid: String,
    /// Every specification, in grid order.
    pub items: Vec<GridItem>,
    /// Counts, specifications left out with their reason, path stability, distinct models,
    /// the robustness measures (RF_cov, RF_cons, RF_SC, case cells) and necessity stability.
    pub summary: GridSummary,
}

impl StudyResults {
    /// The report's notes on cases for the terminal: those left out for missing values, and
    /// those in no truth-table row (a membership of exactly 0.5).
    ///
    /// ```
    /// let ex = &fiscus_study::EXAMPLES[2];
    /// let study = fiscus_study::Study::parse(ex.study, &ex.name()).unwrap();
    /// let r = fiscus_study::run(&study, &mut |rel: &str| ex.file(rel), &mut |_| {}).unwrap();
    /// assert!(r.dropped_notes().iter().all(|n| n.starts_with("examples/lipset/study.toml: ")));
    /// ```
    pub fn dropped_notes(&self) -> Vec<String> {
        let list = |cases: &[DroppedCase]| {
            let cases = cases.iter().map(|d| format!("`{}` ({})", d.case, d.reason));
            cases.collect::<Vec<_>>().join(", ")
        };
        let mut out = Vec::new();
        let (file, dropped) = (&self.study.file, &self.data.dropped);
        if !dropped.is_empty() {
            out.push(format!(
                "{file}: {} case(s) of {} left out of the analysis: {}",
                dropped.len(),
                self.data.file,
                list(dropped)
            ));
        }
        let half = &self.truth_table.half_cases;
        if !half.is_empty() {
            let n = half.len();
            out.push(format!(
                "{file}: {n} case(s) in no truth-table row: {}",
                list(half)
            ));
        }
        out
    }
}

/// Reads a file named in the study file (path as written; the caller resolves it relative
/// to the study file). Returns the bytes or a message.
pub type Reader<'a> = dyn FnMut(&str) -> Result<Vec<u8>, String> + 'a;

/// How far a running study has got, as told to the caller's progress callback: step `done` of
/// `total` in stage `stage` (an index into [`STAGES`] or
/// [`EVALUATION_STAGES`](crate::EVALUATION_STAGES)). Each stage is announced with `done = 0`
/// before its first step and ends with `done = total`.
///
/// ```
/// let p = fiscus_study::Progress::start(2, 5);
/// assert_eq!((p.stage, p.done, p.total), (2, 0, 5));
/// assert!(fiscus_study::Progress::step(2, 5, 5).finished());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The stage.
    pub stage: usize,
    /// Steps done in the stage.
    pub done: usize,
    /// Steps in the stage (at least 1).
    pub total: usize,
}

impl Progress {
    /// The start of a stage of `total` steps (0 is taken as 1).
    ///
    /// ```
    /// assert_eq!(fiscus_study::Progress::start(0, 0).total, 1);
    /// ```
    pub fn start(stage: usize, total: usize) -> Progress {
        Progress {
            stage,
            done: 0,
            total: total.max(1),
        }
    }

    /// Step `done` of `total` of a stage (0 steps of 0 is reported as 1 of 1).
    ///
    /// ```
    /// let p = fiscus_study::Progress::step(1, 0, 0);
    /// assert_eq!((p.done, p.total), (1, 1));
    /// ```
    pub fn step(stage: usize, done: usize, total: usize) -> Progress {
        if total == 0 {
            Progress {
                stage,
                done: 1,
                total: 1,
            }
        } else {
            Progress {
                stage,
                done: done.min(total),
                total,
            }
        }
    }

    /// Whether the stage is complete.
    ///
    /// ```
    /// assert!(!fiscus_study::Progress::start(0, 3).finished());
    /// ```
    pub fn finished(&self) -> bool {
        self.done >= self.total
    }
}

/// The stages of a configurational study, in order (for progress reporting).
pub const STAGES: [&str; 6] = [
    "data",
    "calibration",
    "necessity",
    "truth table",
    "minimisation",
    "robustness",
];

fn key(k: &str) -> KeyPart {
    KeyPart::Key(k.into())
}

fn set_path(role: &str, index: usize, field: &str) -> Vec<KeyPart> {
    if role == "outcome" {
        vec![key("outcome"), key(field)]
    } else {
        vec![key("condition"), KeyPart::Index(index), key(field)]
    }
}

fn qca_err(stage: &str) -> impl Fn(QcaError) -> StudyError + '_ {
    move |source| StudyError::Qca {
        stage: stage.into(),
        source: Box::new(source),
    }
}

/// Checks the study file's values (beyond its syntax), naming the key of any problem.
fn validate(study: &Study) -> Result<(), StudyError> {
    let s = &study.spec;
    if s.study.kind == Kind::Evaluation {
        return Err(study.error_at(
            &[key("study"), key("kind")],
            "an evaluation study runs through `run_evaluation`, not `run`".into(),
        ));
    }
    if s.data.is_none() {
        return Err(study.error_at(
            &[key("study")],
            "a configurational study needs a [data] table with `file`".into(),
        ));
    }
    if s.outcome.is_none() {
        return Err(study.error_at(
            &[key("study")],
            "a configurational study needs an [outcome] table".into(),
        ));
    }
    if s.condition.is_empty() {
        return Err(study.error_at(
            &[key("study")],
            "a configurational study needs at least one [[condition]]".into(),
        ));
    }
    let mut names: Vec<&str> = vec![];
    for (i, c) in s.condition.iter().enumerate() {
        if names.contains(&c.name.as_str()) || s.outcome.as_ref().is_some_and(|o| o.name == c.name)
        {
            return Err(study.error_at(
                &set_path("condition", i, "name"),
                format!("the set name `{}` is used twice", c.name),
            ));
        }
        if c.name.is_empty()
            || !c
                .name
                .chars()
                .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '.')
        {
            return Err(study.error_at(
                &set_path("condition", i, "name"),
                format!(
                    "`{}` is not a valid set name (letters, digits, `_`, `.`)",
                    c.name
                ),
            ));
        }
        names.push(&c.name);
    }
    let unit = |v: f64, path: &[KeyPart], what: &str| -> Result<(), StudyError> {
        if (0.0..=1.0).contains(&v) {
            Ok(())
        } else {
            Err(study.error_at(path, format!("{what} must lie in [0, 1], not {v}")))
        }
    };
    unit(
        s.necessity.incl_cut,
        &[key("necessity"), key("incl_cut")],
        "the inclusion cut-off",
    )?;
    unit(
        s.necessity.ron_cut,
        &[key("necessity"), key("ron_cut")],
        "the RoN cut-off",
    )?;
    unit(
        s.truth_table.incl_cut,
        &[key("truth_table"), key("incl_cut")],
        "the inclusion cut-off",
    )?;
    unit(
        s.truth_table.pri_cut,
        &[key("truth_table"), key("pri_cut")],
        "the PRI cut-off",
    )?;
    if let Some(c0) = s.truth_table.incl_cut0 {
        unit(
            c0,
            &[key("truth_table"), key("incl_cut0")],
            "the second inclusion cut-off",
        )?;
    }
    if s.truth_table.n_cut == 0 {
        return Err(study.error_at(
            &[key("truth_table"), key("n_cut")],
            "n_cut must be at least 1".into(),
        ));
    }
    if let Some(sol) = &s.minimize.solutions {
        for (i, name) in sol.iter().enumerate() {
            if !["complex", "parsimonious", "intermediate"].contains(&name.as_str()) {
                return Err(study.error_at(
                    &[key("minimize"), key("solutions"), KeyPart::Index(i)],
                    format!(
                        "unknown solution `{name}` (use complex, parsimonious or intermediate)"
                    ),
                ));
            }
            if name == "intermediate" && s.minimize.dir_exp.is_none() {
                return Err(study.error_at(
                    &[key("minimize"), key("solutions"), KeyPart::Index(i)],
                    "the intermediate solution needs directional expectations (`dir_exp`)".into(),
                ));
            }
        }
    }
    if let Some(r) = &s.robustness {
        for (i, v) in r.incl_cuts.iter().enumerate() {
            unit(
                *v,
                &[key("robustness"), key("incl_cuts"), KeyPart::Index(i)],
                "an inclusion cut-off",
            )?;
        }
        for (i, v) in r.pri_cuts.iter().enumerate() {
            unit(
                *v,
                &[key("robustness"), key("pri_cuts"), KeyPart::Index(i)],
                "a PRI cut-off",
            )?;
        }
        if let Some(i) = r.n_cuts.iter().position(|&n| n == 0) {
            return Err(study.error_at(
                &[key("robustness"), key("n_cuts"), KeyPart::Index(i)],
                "n_cut must be at least 1".into(),
            ));
        }
    }
    crate::named::validate(study)
}

/// Builds the calibration specification of a set, or `None` for a column of memberships.
fn calibration_spec(
    study: &Study,
    set: &SetSpec,
    role: &str,
    i: usize,
) -> Result<Option<CalibrationSpec>, StudyError> {
    let method = match set.method.as_deref() {
        None | Some("direct") => Method::Direct,
        Some("indirect") => Method::Indirect,
        Some("tfr") => Method::Tfr,
        Some(m) => {
            return Err(study.error_at(
                &set_path(role, i, "method"),
                format!("unknown method `{m}` (use direct, indirect or tfr)"),
            ))
        }
    };
    let set_type = match set.set_type.as_deref() {
        None | Some("fuzzy") => SetType::Fuzzy,
        Some("crisp") => SetType::Crisp,
        Some(t) => {
            return Err(study.error_at(
                &set_path(role, i, "type"),
                format!("unknown set type `{t}` (use fuzzy or crisp)"),
            ))
        }
    };
    let mut spec = match (&set.anchors, method) {
        (None, Method::Tfr) => CalibrationSpec::tfr(),
        (None, _) => {
            if set.method.is_some()
                || set.set_type.is_some()
                || set.logistic.is_some()
                || set.idm.is_some()
            {
                return Err(study.error_at(
                    &set_path(role, i, "name"),
                    format!(
                        "set `{}` has calibration options but no `anchors`",
                        set.name
                    ),
                ));
            }
            return Ok(None);
        }
        (Some(a), _) => a
            .parse::<CalibrationSpec>()
            .map_err(|e| study.error_at(&set_path(role, i, "anchors"), e.to_string()))?,
    };
    spec = spec.with_type(set_type).with_method(method);
    if let Some(l) = set.logistic {
        spec = spec.with_logistic(l);
    }
    if let Some(idm) = set.idm {
        spec.idm = idm;
    }
    Ok(Some(spec))
}

fn calibrate_set(
    study: &Study,
    raw_ds: &Dataset,
    set: &SetSpec,
    role: &'static str,
    i: usize,
) -> Result<CalibrationResult, StudyError> {
    let col_key = if set.column.is_some() {
        "column"
    } else {
        "name"
    };
    let raw = raw_ds
        .numeric(set.raw_column())
        .map_err(|e| study.error_at(&set_path(role, i, col_key), e.to_string()))?;
    let spec = calibration_spec(study, set, role, i)?;
    let (membership, warnings, curve) = match &spec {
        None => {
            if let Some((k, v)) = raw
                .iter()
                .enumerate()
                .find_map(|(k, v)| v.filter(|v| !(0.0..=1.0).contains(v)).map(|v| (k, v)))
            {
                return Err(study.error_at(
                    &set_path(role, i, col_key),
                    format!(
                        "column `{}` has no `anchors`, so it must hold memberships in [0, 1], but row {} (case `{}`) is {v}",
                        set.raw_column(),
                        k + 1,
                        raw_ds.cases()[k]
                    ),
                ));
            }
            (raw.clone(), vec![], vec![])
        }
        Some(sp) => {
            let out = calibrate(&raw, sp).map_err(|e| {
                study.error_at(
                    &set_path(role, i, "anchors"),
                    format!("column `{}`: {e}", set.raw_column()),
                )
            })?;
            let curve = curve_points(&raw, sp, &out.values);
            (out.values, out.warnings, curve)
        }
    };
    Ok(CalibrationResult {
        name: set.name.clone(),
        label: set.display_label().to_string(),
        role,
        group: set.group.clone(),
        column: set.raw_column().to_string(),
        spec,
        raw,
        membership,
        warnings,
        curve,
    })
}

/// The membership function on 101 raw values spanning the data and the anchors (direct
/// fuzzy calibration), or the cases sorted by raw value (other methods).
fn curve_points(
    raw: &[Option<f64>],
    spec: &CalibrationSpec,
    values: &[Option<f64>],
) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = raw
        .iter()
        .zip(values)
        .filter_map(|(r, m)| Some(((*r)?, (*m)?)))
        .collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    if spec.set_type == SetType::Fuzzy && spec.method == Method::Direct {
        let all: Vec<f64> = pts
            .iter()
            .map(|p| p.0)
            .chain(spec.anchors().iter().copied())
            .collect();
        let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if lo.is_finite() && hi > lo {
            let grid: Vec<Option<f64>> = (0..=100)
                .map(|k| Some(lo + (hi - lo) * f64::from(k) / 100.0))
                .collect();
            if let Ok(out) = calibrate(&grid, spec) {
                return grid
                    .iter()
                    .zip(out.values)
                    .filter_map(|(x, m)| Some(((*x)?, m?)))
                    .collect();
            }
        }
    }
    pts
}

/// Runs a study. `read` returns the bytes of a file named in the study file; `on_progress` is
/// told as each stage (an index into [`STAGES`]) starts and advances (one step per set in the
/// calibration, per solution in the minimisation, per setting of the robustness grid).
///
/// ```
/// use fiscus_study::{run, Study};
/// let text = "[study]\ntitle = \"T\"\n[data]\nfile = \"d.csv\"\n[outcome]\nname = \"Y\"\n\
///             [[condition]]\nname = \"A\"\n[[condition]]\nname = \"B\"\n[truth_table]\nincl_cut = 1\n";
/// let study = Study::parse(text, "s.toml").unwrap();
/// let csv = b"case,A,B,Y\na,0,0,0\nb,0,1,1\nc,1,0,1\nd,1,1,1\n".to_vec();
/// let res = run(&study, &mut |_| Ok(csv.clone()), &mut |_| {}).unwrap();
/// let pars = res.solutions.iter().find(|s| s.kind == "parsimonious").unwrap();
/// assert_eq!(pars.models[0].expression, "A + B");
/// ```
pub fn run(
    study: &Study,
    read: &mut Reader<'_>,
    on_progress: &mut dyn FnMut(Progress),
) -> Result<StudyResults, StudyError> {
    validate(study)?;
    let s = &study.spec;
    let (Some(data), Some(outcome)) = (&s.data, &s.outcome) else {
        return Err(study.error_at(
            &[key("study")],
            "a configurational study needs [data] and [outcome]".into(),
        ));
    };
    // Stage 0: data.
    on_progress(Progress::start(0, 1));
    let bytes = read(&data.file).map_err(|reason| StudyError::Read {
        file: study.file.clone(),
        path: data.file.clone(),
        key: "data.file".into(),
        reason,
    })?;
    let opts = ReadOptions {
        decimal_comma: data.decimal_comma,
        sheet: data.sheet.clone(),
        id_column: data.id_column.clone(),
        ..ReadOptions::default()
    };
    let raw_ds = fiscus_io::read_table(&bytes, &data.file, &opts)?;
    on_progress(Progress::step(0, 1, 1));

    // Stage 1: calibration.
    let n_sets = s.condition.len() + 1;
    on_progress(Progress::start(1, n_sets));
    let mut calibration = Vec::with_capacity(n_sets);
    for (i, c) in s.condition.iter().enumerate() {
        calibration.push(calibrate_set(study, &raw_ds, c, "condition", i)?);
        on_progress(Progress::step(1, i + 1, n_sets));
    }
    calibration.push(calibrate_set(study, &raw_ds, outcome, "outcome", 0)?);
    on_progress(Progress::step(1, n_sets, n_sets));
    let columns: Vec<Column> = calibration
        .iter()
        .map(|c| {
            Column::new(
                c.name.clone(),
                c.membership
                    .iter()
                    .map(|v| v.map_or(Cell::Missing, Cell::Number))
                    .collect(),
            )
        })
        .collect();
    let set_ds = Dataset::new(data.file.clone(), raw_ds.cases().to_vec(), columns)?;
    let cond_names: Vec<String> = s.condition.iter().map(|c| c.name.clone()).collect();
    let qd = QcaData::new(&set_ds, &outcome.name, Some(&cond_names))
        .map_err(qca_err("calibrated data"))?;

    // Stage 2: necessity.
    on_progress(Progress::start(2, 1));
    let nec_rows = necessity_table(&qd);
    let necessary = nec_rows
        .iter()
        .filter(|r| {
            r.incl_n
                .is_some_and(|v| fiscus_data::ge_tol(v, s.necessity.incl_cut))
                && r.ron
                    .is_some_and(|v| fiscus_data::ge_tol(v, s.necessity.ron_cut))
        })
        .map(|r| r.term.clone())
        .collect();
    let necessity = NecessityResult {
        incl_cut: s.necessity.incl_cut,
        ron_cut: s.necessity.ron_cut,
        rows: nec_rows,
        necessary,
    };
    on_progress(Progress::step(2, 1, 1));

    // Stage 3: truth table.
    on_progress(Progress::start(3, 1));
    let tt_cfg = TruthTableConfig {
        incl_cut1: s.truth_table.incl_cut,
        incl_cut0: s.truth_table.incl_cut0,
        n_cut: s.truth_table.n_cut,
        pri_cut: s.truth_table.pri_cut,
        exclude: s.truth_table.exclude.clone(),
        ..TruthTableConfig::default()
    };
    let tt = truth_table(qd.clone(), &tt_cfg).map_err(qca_err("truth table"))?;
    let truth = truth_table_result(&tt);
    on_progress(Progress::step(3, 1, 1));

    // Stage 4: minimisation.
    let wanted: Vec<String> = s.minimize.solutions.clone().unwrap_or_else(|| {
        let mut v = vec!["complex".to_string(), "parsimonious".to_string()];
        if s.minimize.dir_exp.is_some() {
            v.push("intermediate".into());
        }
        v
    });
    let n_solutions = ["complex", "parsimonious", "intermediate"]
        .iter()
        .filter(|w| wanted.iter().any(|x| x == *w))
        .count();
    on_progress(Progress::start(4, n_solutions));
    let base = MinimizeConfig {
        row_dom: s.minimize.row_dom,
        all_sol: s.minimize.all_sol,
        ..MinimizeConfig::default()
    };
    let mut solutions = Vec::new();
    let mut chart: Option<ChartResult> = None;
    let mut done = 0;
    for w in ["complex", "parsimonious", "intermediate"] {
        if !wanted.iter().any(|x| x == w) {
            continue;
        }
        let cfg = match w {
            "complex" => base.clone(),
            "parsimonious" => MinimizeConfig {
                include_remainders: true,
                ..base.clone()
            },
            _ => MinimizeConfig {
                include_remainders: true,
                dir_exp: s.minimize.dir_exp.clone(),
                ..base.clone()
            },
        };
        let m = minimize(&tt, &cfg).map_err(|e| match &e {
            QcaError::Parse { .. } if w == "intermediate" => {
                study.error_at(&[key("minimize"), key("dir_exp")], e.to_string())
            }
            _ => qca_err("minimisation")(e),
        })?;
        if w == "intermediate" {
            if let Some((im, first)) = m
                .intermediate
                .iter()
                .flatten()
                .next()
                .and_then(|im| Some((im, im.models.first()?)))
            {
                let c =
                    configuration_chart(&m, &cond_names).map_err(qca_err("configuration chart"))?;
                chart = Some(chart_result(
                    format!("intermediate {} {}", im.name, first.name),
                    c,
                ));
            }
            for im in m.intermediate.iter().flatten() {
                solutions.push(SolutionResult {
                    kind: "intermediate".into(),
                    name: im.name.clone(),
                    paths: paths_of(&tt, im.models.first())?,
                    models: im.models.clone(),
                    essential: im.essential.clone(),
                    easy_counterfactuals: im.easy_counterfactuals.clone(),
                    difficult_counterfactuals: im.difficult_counterfactuals.clone(),
                });
            }
        } else {
            solutions.push(SolutionResult {
                kind: w.into(),
                name: w.into(),
                paths: paths_of(&tt, m.main.models.first())?,
                models: m.main.models.clone(),
                essential: m.main.essential.clone(),
                easy_counterfactuals: vec![],
                difficult_counterfactuals: vec![],
            });
        }
        done += 1;
        on_progress(Progress::step(4, done, n_solutions));
    }
    on_progress(Progress::step(4, n_solutions, n_solutions));
    // Without an intermediate solution the chart shows the parsimonious M1, every condition
    // core (core conditions are those of the parsimonious solution). A complex solution alone
    // says nothing about core and peripheral conditions, so it gets no chart.
    if chart.is_none() {
        let source = solutions
            .iter()
            .find(|x| x.kind == "parsimonious")
            .and_then(|x| Some((x, x.models.first()?)));
        if let Some((sol, model)) = source {
            let c = fiscus_qca::model_chart(model, &tt.condition_names())
                .map_err(qca_err("configuration chart"))?;
            chart = Some(chart_result(format!("{} M1", sol.name), c));
        }
    }
    let mut configuration_chart = match chart {
        Some(c) => c,
        None => ChartResult {
            solution: "none".into(),
            conditions: cond_names.clone(),
            paths: vec![],
            incl_s: f64::NAN,
            pri: f64::NAN,
            cov_s: f64::NAN,
        },
    };

    let warnings = crate::named::name_paths(&s.path, &mut solutions, &mut configuration_chart);

    // Stage 5: robustness.
    let robustness = match &s.robustness {
        Some(r) => Some(robustness_section(
            study,
            &set_ds,
            &outcome.name,
            &cond_names,
            &tt_cfg,
            &base,
            r,
            &mut |done, total| on_progress(Progress::step(5, done, total)),
        )?),
        None => {
            on_progress(Progress::start(5, 1));
            on_progress(Progress::step(5, 1, 1));
            None
        }
    };

    Ok(StudyResults {
        schema_version: 1,
        fiscus_version: env!("CARGO_PKG_VERSION").to_string(),
        study: StudyInfo {
            file: study.file.clone(),
            title: s.study.title.clone(),
            description: s.study.description.clone(),
            kind: s.study.kind,
            seed: s.study.seed,
            text: study.text.clone(),
        },
        data: DataInfo {
            file: data.file.clone(),
            cases: qd.cases.clone(),
            dropped: qd.dropped.clone(),
        },
        calibration,
        necessity,
        truth_table: truth,
        solutions,
        configuration_chart,
        robustness,
        groups: crate::named::groups(s),
        warnings,
    })
}

fn truth_table_result(tt: &TruthTable) -> TruthTableResult {
    let label = |idx: &Vec<usize>| {
        idx.iter()
            .filter_map(|&i| tt.data.cases.get(i).cloned())
            .collect()
    };
    TruthTableResult {
        outcome: tt.data.outcome.label.clone(),
        conditions: tt.condition_names(),
        config: tt.config.clone(),
        rows: tt
            .rows
            .iter()
            .map(|r| TtRowResult {
                row: r.row,
                config: r.config.clone(),
                out: r.out,
                n: r.n,
                incl: r.incl,
                pri: r.pri,
                cases: label(&r.cases),
                dcc: label(&r.dcc),
                excluded: r.excluded,
            })
            .collect(),
        half_cases: tt.half_cases.clone(),
    }
}

fn paths_of(tt: &TruthTable, model: Option<&Model>) -> Result<Vec<PathResult>, StudyError> {
    let Some(m) = model else { return Ok(vec![]) };
    let u = tt.data.universe();
    let mut out = Vec::new();
    for (k, term) in m.terms.iter().enumerate() {
        let sop = parse_sop(&u, term).map_err(qca_err("path memberships"))?;
        let membership = sop_membership(&sop, &tt.data.conditions);
        let fit = m.terms_fit.get(k);
        out.push(PathResult {
            term: term.clone(),
            name: None,
            membership,
            incl_s: fit.and_then(|f| f.incl_s).unwrap_or(f64::NAN),
            cov_s: fit.and_then(|f| f.cov_s).unwrap_or(f64::NAN),
            cov_u: fit.and_then(|f| f.cov_u.flatten()),
        });
    }
    Ok(out)
}

fn cell_name(c: ChartCell) -> &'static str {
    match c {
        ChartCell::CorePresent => "core_present",
        ChartCell::CoreAbsent => "core_absent",
        ChartCell::PeripheralPresent => "peripheral_present",
        ChartCell::PeripheralAbsent => "peripheral_absent",
        // `ChartCell` is non-exhaustive: anything else is left blank.
        _ => "dont_care",
    }
}

/// Maps `fiscus_qca::configuration_chart`'s result (first intermediate model; core = in a
/// nested term of every parsimonious model) into the study's result.
fn chart_result(solution: String, c: ConfigurationChart) -> ChartResult {
    ChartResult {
        solution,
        conditions: c.conditions,
        paths: c
            .paths
            .into_iter()
            .map(|p| ChartPathResult {
                term: p.path,
                name: None,
                cells: p.cells.into_iter().map(cell_name).collect(),
                core: p.core,
                incl_s: p.incl_s,
                pri: p.pri,
                cov_s: p.cov_s,
                cov_u: p.cov_u,
            })
            .collect(),
        incl_s: c.incl_s,
        pri: c.pri,
        cov_s: c.cov_s,
    }
}

/// The grid of a `[robustness]` table in `fiscus robustness --grid` syntax (empty lists keep
/// the study's value and are left out).
fn grid_text(r: &crate::spec::RobustnessSpec) -> String {
    let list = |v: &[String]| v.join(",");
    let mut parts = Vec::new();
    if !r.incl_cuts.is_empty() {
        let v: Vec<String> = r.incl_cuts.iter().map(|x| x.to_string()).collect();
        parts.push(format!("incl-cut={}", list(&v)));
    }
    if !r.pri_cuts.is_empty() {
        let v: Vec<String> = r.pri_cuts.iter().map(|x| x.to_string()).collect();
        parts.push(format!("pri-cut={}", list(&v)));
    }
    if !r.n_cuts.is_empty() {
        let v: Vec<String> = r.n_cuts.iter().map(|x| x.to_string()).collect();
        parts.push(format!("n-cut={}", list(&v)));
    }
    parts.join(";")
}

/// Stage 5: the grid evaluated by `fiscus_robustness::run_grid` (in slices, so that progress
/// can be told; the slices are joined by `merge_shards`) and summarised by `summarize_grid`.
#[allow(clippy::too_many_arguments)]
fn robustness_section(
    study: &Study,
    set_ds: &Dataset,
    outcome: &str,
    conditions: &[String],
    tt_cfg: &TruthTableConfig,
    base: &MinimizeConfig,
    r: &crate::spec::RobustnessSpec,
    on_step: &mut dyn FnMut(usize, usize),
) -> Result<RobustnessResult, StudyError> {
    let fail = |e: QcaError| study.error_at(&[key("robustness")], e.to_string());
    let text = grid_text(r);
    let grid: Grid = text.parse().map_err(fail)?;
    let initial = Specification {
        truth_table: tt_cfg.clone(),
        minimize: MinimizeConfig {
            include_remainders: true,
            dir_exp: None,
            ..base.clone()
        },
        solution: SolutionKind::Parsimonious,
        ..Specification::default()
    };
    let total = grid_size(set_ds, &initial, &grid).map_err(fail)?;
    on_step(0, total);
    // About twenty slices: each is evaluated in parallel on the caller's pool.
    let slice = total.div_ceil(20).max(1);
    let mut shards = Vec::new();
    let mut start = 0;
    while start < total || shards.is_empty() {
        let end = (start + slice).min(total);
        let sh = run_grid(
            set_ds,
            outcome,
            Some(conditions),
            &initial,
            &grid,
            Some((start, end)),
            &|| {},
        )
        .map_err(fail)?;
        shards.push(sh);
        on_step(end, total);
        start = end;
    }
    let shard = merge_shards(shards).map_err(fail)?;
    let summary = summarize_grid(&shard);
    let items = shard
        .items
        .iter()
        .enumerate()
        .map(|(k, t)| GridItem {
            position: k + 1,
            specification: t.label.clone(),
            expression: t.expression.clone(),
            status: t.status,
            reason: t.message.clone(),
        })
        .collect();
    Ok(RobustnessResult {
        grid: text,
        items,
        summary,
    })
}
