//! Robustness of QCA results (Oana & Schneider 2021; SetMethods' `rob.fit`, `rob.cases`,
//! `rob.corefit`, `rob.inclrange`, `rob.ncutrange`, `rob.calibrange`), plus grids of test
//! specifications evaluated in parallel, path stability, shards, and the core/peripheral
//! configuration chart (Ragin & Fiss).
//!
//! An analysis is a [`Specification`] (truth-table and minimisation options, recalibrations of
//! raw columns, a subset of cases, which solution counts) applied to a [`Dataset`]; only the
//! first model of the chosen solution is used. The initial solution (IS) and the test solutions
//! (TS) are sets whose membership per case is the value of that model; [`robustness_fit`] gives
//! the fit- and case-oriented measures. Everything here is pure: no I/O, no printing, and rayon
//! only through the caller's thread pool.
//!
//! ```
//! use fiscus_data::{Column, Dataset};
//! use fiscus_qca::{robustness, Change, Specification};
//! let ds = Dataset::new("d.csv", (1..=6).map(|i| i.to_string()).collect(), vec![
//!     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1, 0.7, 0.3]),
//!     Column::numbers("B", &[0.8, 0.3, 0.9, 0.2, 0.6, 0.1]),
//!     Column::numbers("Y", &[0.9, 0.7, 0.4, 0.2, 0.8, 0.3])]).unwrap();
//! let mut base = Specification::default();
//! base.truth_table.incl_cut1 = 0.8;
//! let tests = vec![("incl".to_string(), vec![Change::InclCut(0.7, None)])];
//! let r = robustness(&ds, "Y", None, &base, &tests).unwrap();
//! assert_eq!(r.is_expression, "A");
//! assert_eq!(r.tests.len(), 1);
//! ```

use std::collections::BTreeMap;

use fiscus_calibration::{calibrate, CalibrationSpec, Thresholds};
use fiscus_data::{Cell, Column, Dataset};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{QcaError, Result};
use crate::expr::{parse_sop, sop_membership, Literal, Universe};
use crate::fit::{FitSums, SufficiencyFit};
use crate::minimize::{minimize, Minimization, MinimizeConfig, Model};
use crate::sets::QcaData;
use crate::truth_table::{truth_table, TruthTableConfig};

/// Which solution's first model an analysis uses.
///
/// ```
/// use fiscus_qca::SolutionKind;
/// assert_eq!("intermediate".parse::<SolutionKind>().unwrap(), SolutionKind::Intermediate);
/// assert!("best".parse::<SolutionKind>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SolutionKind {
    /// As the minimisation options imply: intermediate with directional expectations,
    /// parsimonious with remainders included, complex otherwise.
    #[default]
    Auto,
    /// The complex (conservative) solution: no remainders.
    Complex,
    /// The parsimonious solution: remainders as don't cares.
    Parsimonious,
    /// The intermediate solution (first conservative × parsimonious pair).
    Intermediate,
}

impl std::str::FromStr for SolutionKind {
    type Err = QcaError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(SolutionKind::Auto),
            "complex" | "conservative" | "c" => Ok(SolutionKind::Complex),
            "parsimonious" | "p" => Ok(SolutionKind::Parsimonious),
            "intermediate" | "i" => Ok(SolutionKind::Intermediate),
            other => Err(QcaError::Option(format!(
                "unknown solution `{other}` (use complex, parsimonious or intermediate)"
            ))),
        }
    }
}

/// A set calibrated from a raw column before the analysis.
///
/// ```
/// use fiscus_qca::Recalibration;
/// let r: Recalibration = "DEV=GNP:e=400,c=550,i=900".parse().unwrap();
/// assert_eq!((r.target.as_str(), r.source.as_str()), ("DEV", "GNP"));
/// assert_eq!(r.spec.anchors(), &[400.0, 550.0, 900.0]);
/// let same: Recalibration = "DEV:e=400,c=550,i=900".parse().unwrap();
/// assert_eq!(same.source, "DEV");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recalibration {
    /// The set (column) the calibrated values go to.
    pub target: String,
    /// The raw column calibrated (may equal `target`).
    pub source: String,
    /// How to calibrate (R's `calibrate()` arguments).
    pub spec: CalibrationSpec,
}

impl std::str::FromStr for Recalibration {
    type Err = QcaError;
    /// `TARGET[=SOURCE]:THRESHOLDS`, e.g. `DEV=GNP:e=400,c=550,i=900` (fuzzy, direct, logistic).
    fn from_str(s: &str) -> Result<Self> {
        let (left, th) = s.split_once(':').ok_or_else(|| QcaError::Parse {
            input: s.to_string(),
            message: "expected TARGET[=SOURCE]:THRESHOLDS, e.g. DEV=GNP:e=400,c=550,i=900".into(),
        })?;
        let (target, source) = match left.split_once('=') {
            Some((t, src)) => (t.trim(), src.trim()),
            None => (left.trim(), left.trim()),
        };
        if target.is_empty() || source.is_empty() {
            return Err(QcaError::Parse {
                input: s.to_string(),
                message: "empty column name".into(),
            });
        }
        let spec: CalibrationSpec = th.parse().map_err(|e| QcaError::Parse {
            input: s.to_string(),
            message: format!("{e}"),
        })?;
        Ok(Recalibration {
            target: target.to_string(),
            source: source.to_string(),
            spec,
        })
    }
}

/// One analysis: everything that a test solution may change.
///
/// The [`Default`] is R QCA's defaults (incl.cut 1, n.cut 1, no remainders), no
/// recalibration, all cases, the solution implied by the options.
///
/// ```
/// let s = fiscus_qca::Specification::default();
/// assert_eq!(s.truth_table.n_cut, 1);
/// assert!(s.calibrations.is_empty() && s.cases.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Specification {
    /// Truth-table options (cut-offs, exclusions).
    pub truth_table: TruthTableConfig,
    /// Minimisation options (remainders, directional expectations).
    pub minimize: MinimizeConfig,
    /// Which solution's first model counts.
    pub solution: SolutionKind,
    /// Raw columns calibrated before the analysis, in order.
    pub calibrations: Vec<Recalibration>,
    /// 0-based rows of the dataset used for the minimisation (`None`: all). The solution's
    /// membership is still evaluated for every case.
    pub cases: Option<Vec<usize>>,
}

/// One change a test solution makes to the initial specification.
///
/// ```
/// use fiscus_qca::Change;
/// let c = Change::parse_list("incl-cut=0.90;n-cut=3").unwrap();
/// assert_eq!(c, vec![Change::InclCut(0.9, None), Change::NCut(3)]);
/// let cal = Change::parse_list("calibrate:DEV=e=350,c=550,i=900").unwrap();
/// assert!(matches!(&cal[0], Change::Calibrate { target, .. } if target == "DEV"));
/// assert!(Change::parse_list("incl-cut=x").is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Change {
    /// `incl-cut=0.8` or `incl-cut=0.8,0.6`.
    InclCut(f64, Option<f64>),
    /// `n-cut=2`.
    NCut(usize),
    /// `pri-cut=0.5`.
    PriCut(f64),
    /// `calibrate:TARGET=THRESHOLDS`: new anchors for a recalibrated set (or, when the
    /// initial analysis does not recalibrate TARGET, a fuzzy direct calibration of the raw
    /// column TARGET).
    Calibrate {
        /// The set.
        target: String,
        /// The new anchors.
        thresholds: Thresholds,
    },
    /// `drop=CASE1,CASE2`: leave these cases out of the minimisation.
    DropCases(Vec<String>),
    /// `solution=parsimonious`.
    Solution(SolutionKind),
    /// `dir-exp=A,~B` (empty: none).
    DirExp(Option<String>),
}

impl Change {
    /// Parses one test: changes joined by `;`.
    ///
    /// ```
    /// assert_eq!(fiscus_qca::Change::parse_list("n-cut=1").unwrap().len(), 1);
    /// ```
    pub fn parse_list(text: &str) -> Result<Vec<Change>> {
        let items: Vec<&str> = text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Err(QcaError::Parse {
                input: text.to_string(),
                message: "empty test specification".into(),
            });
        }
        items.iter().map(|i| Change::parse_one(i)).collect()
    }

    fn parse_one(item: &str) -> Result<Change> {
        let err = |m: String| QcaError::Parse {
            input: item.to_string(),
            message: m,
        };
        if let Some(rest) = item.strip_prefix("calibrate:") {
            let (target, th) = rest
                .split_once('=')
                .ok_or_else(|| err("expected calibrate:SET=e=..,c=..,i=..".into()))?;
            let thresholds: Thresholds = th.parse().map_err(|e| err(format!("{e}")))?;
            return Ok(Change::Calibrate {
                target: target.trim().to_string(),
                thresholds,
            });
        }
        let (key, value) = item
            .split_once('=')
            .ok_or_else(|| err("expected KEY=VALUE (incl-cut, n-cut, pri-cut, calibrate:SET, drop, solution, dir-exp)".into()))?;
        let num = |v: &str| -> Result<f64> {
            v.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| err(format!("`{}` is not a number", v.trim())))
        };
        match key.trim().replace('_', "-").as_str() {
            "incl-cut" | "incl.cut" => {
                let parts: Vec<&str> = value.split(',').collect();
                match parts.as_slice() {
                    [a] => Ok(Change::InclCut(num(a)?, None)),
                    [a, b] => Ok(Change::InclCut(num(a)?, Some(num(b)?))),
                    _ => Err(err("incl-cut takes one or two numbers".into())),
                }
            }
            "n-cut" | "n.cut" => value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(Change::NCut)
                .ok_or_else(|| err(format!("n-cut must be a whole number of at least 1, not `{}`", value.trim()))),
            "pri-cut" | "pri.cut" => Ok(Change::PriCut(num(value)?)),
            "drop" => Ok(Change::DropCases(
                value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            )),
            "solution" => Ok(Change::Solution(value.parse()?)),
            "dir-exp" => {
                let v = value.trim();
                Ok(Change::DirExp(if v.is_empty() { None } else { Some(v.to_string()) }))
            }
            other => Err(err(format!(
                "unknown setting `{other}` (use incl-cut, n-cut, pri-cut, calibrate:SET, drop, solution, dir-exp)"
            ))),
        }
    }
}

impl Specification {
    /// A copy with the changes applied; case labels and calibration targets are checked
    /// against the dataset.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_qca::{Change, Specification};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![Column::numbers("X", &[1.0, 2.0])]).unwrap();
    /// let s = Specification::default().with_changes(&ds, &[Change::NCut(2), Change::DropCases(vec!["a".into()])]).unwrap();
    /// assert_eq!((s.truth_table.n_cut, s.cases.clone()), (2, Some(vec![1])));
    /// assert!(Specification::default().with_changes(&ds, &[Change::DropCases(vec!["z".into()])]).is_err());
    /// ```
    pub fn with_changes(&self, ds: &Dataset, changes: &[Change]) -> Result<Specification> {
        let mut s = self.clone();
        for c in changes {
            match c {
                Change::InclCut(a, b) => {
                    s.truth_table.incl_cut1 = *a;
                    s.truth_table.incl_cut0 = *b;
                }
                Change::NCut(n) => s.truth_table.n_cut = *n,
                Change::PriCut(p) => s.truth_table.pri_cut = *p,
                Change::Calibrate { target, thresholds } => {
                    match s.calibrations.iter_mut().find(|r| &r.target == target) {
                        Some(r) => r.spec = r.spec.with_anchors(&thresholds.values),
                        None => {
                            ds.column(target)?;
                            s.calibrations.push(Recalibration {
                                target: target.clone(),
                                source: target.clone(),
                                spec: CalibrationSpec {
                                    thresholds: thresholds.clone(),
                                    ..CalibrationSpec::default()
                                },
                            });
                        }
                    }
                }
                Change::DropCases(labels) => {
                    let mut keep: Vec<usize> = s
                        .cases
                        .clone()
                        .unwrap_or_else(|| (0..ds.n_cases()).collect());
                    for l in labels {
                        let k =
                            ds.cases().iter().position(|c| c == l).ok_or_else(|| {
                                QcaError::Option(format!("drop: unknown case `{l}`"))
                            })?;
                        keep.retain(|&r| r != k);
                    }
                    s.cases = Some(keep);
                }
                Change::Solution(k) => s.solution = *k,
                Change::DirExp(d) => s.minimize.dir_exp = d.clone(),
            }
        }
        Ok(s)
    }

    fn effective_solution(&self) -> SolutionKind {
        match self.solution {
            SolutionKind::Auto if self.minimize.dir_exp.is_some() => SolutionKind::Intermediate,
            SolutionKind::Auto if self.minimize.include_remainders => SolutionKind::Parsimonious,
            SolutionKind::Auto => SolutionKind::Complex,
            k => k,
        }
    }
}

/// The data of an analysis after recalibration (every case).
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{prepare_data, Specification};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("GNP", &[300.0, 800.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
/// let mut s = Specification::default();
/// s.calibrations.push("DEV=GNP:e=400,c=550,i=900".parse().unwrap());
/// let d = prepare_data(&ds, "Y", Some(&["DEV".to_string()]), &s).unwrap();
/// assert!(d.conditions[0].values[1] > 0.5);
/// ```
pub fn prepare_data(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
) -> Result<QcaData> {
    let ds = recalibrated(ds, spec)?;
    QcaData::new(&ds, outcome, conditions)
}

fn recalibrated(ds: &Dataset, spec: &Specification) -> Result<Dataset> {
    if spec.calibrations.is_empty() {
        return Ok(ds.clone());
    }
    let mut out = ds.clone();
    for r in &spec.calibrations {
        let raw = ds.numeric(&r.source)?;
        let cal = calibrate(&raw, &r.spec).map_err(|e| {
            QcaError::Calibration(format!(
                "`{}` from `{}` ({}): {e}",
                r.target, r.source, r.spec.thresholds
            ))
        })?;
        let cells = cal
            .values
            .iter()
            .map(|v| v.map_or(Cell::Missing, Cell::Number))
            .collect();
        out.set_column(Column::new(r.target.clone(), cells))?;
    }
    Ok(out)
}

/// The first model of one analysis: its expression, fit and membership of every case.
#[derive(Debug, Clone, PartialEq)]
struct Solved {
    expression: String,
    membership: Vec<f64>,
    model: Model,
    minimization: Minimization,
}

/// How one test specification ended.
///
/// ```
/// assert_eq!(serde_json::to_string(&fiscus_qca::TestStatus::NoSolution).unwrap(), "\"no_solution\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    /// Minimised; its first model is the test solution.
    Ok,
    /// No truth-table row passes the cut-offs (or nothing is left to minimise): the test
    /// solution is the empty set (membership 0 for every case).
    NoSolution,
    /// The specification cannot be analysed (e.g. shifted anchors out of order): left out of
    /// every robustness measure.
    Invalid,
}

fn solve(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
    case_labels: &[String],
) -> Result<Solved> {
    let full = recalibrated(ds, spec)?;
    let all = QcaData::new(&full, outcome, conditions)?;
    if all.cases != case_labels && !case_labels.is_empty() {
        return Err(QcaError::Analysis(format!(
            "the recalibrated data have other complete cases ({} instead of {})",
            all.cases.len(),
            case_labels.len()
        )));
    }
    let data = match &spec.cases {
        None => all.clone(),
        Some(rows) => QcaData::new(&full.select_rows(rows), outcome, conditions)?,
    };
    let mut mcfg = spec.minimize.clone();
    let kind = spec.effective_solution();
    match kind {
        SolutionKind::Complex => {
            mcfg.include_remainders = false;
            mcfg.dir_exp = None;
        }
        SolutionKind::Parsimonious => {
            mcfg.include_remainders = true;
            mcfg.dir_exp = None;
        }
        SolutionKind::Intermediate => {
            if mcfg.dir_exp.is_none() {
                return Err(QcaError::Option(
                    "the intermediate solution needs directional expectations (dir-exp)".into(),
                ));
            }
            mcfg.include_remainders = true;
        }
        SolutionKind::Auto => {}
    }
    let tt = truth_table(data, &spec.truth_table)?;
    let m = minimize(&tt, &mcfg)?;
    let model = match kind {
        SolutionKind::Intermediate => m
            .intermediate
            .as_ref()
            .and_then(|i| i.first())
            .and_then(|i| i.models.first()),
        _ => m.main.models.first(),
    }
    .cloned()
    .ok_or_else(|| QcaError::Analysis("the minimisation gave no model".into()))?;
    let u = all.universe();
    let sop = parse_sop(&u, &model.expression)?;
    let membership = sop_membership(&sop, &all.conditions);
    Ok(Solved {
        expression: model.expression.clone(),
        membership,
        model,
        minimization: m,
    })
}

/// The outcome of one test specification: expression (first model) and membership.
///
/// ```
/// use fiscus_qca::{TestSolution, TestStatus};
/// let t = TestSolution { label: "TS1".into(), expression: None, status: TestStatus::NoSolution,
///     message: Some("no positive rows".into()), membership: vec![0.0, 0.0], necessary: vec![] };
/// assert!(t.usable());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestSolution {
    /// What the test changes (as given, or the grid coordinates).
    pub label: String,
    /// The first model (`None` when there is none).
    pub expression: Option<String>,
    /// How the analysis ended.
    pub status: TestStatus,
    /// Why there is no model.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub message: Option<String>,
    /// Membership of every case in the test solution (the initial analysis's cases).
    pub membership: Vec<f64>,
    /// Conditions (and negations) that pass as necessary (inclN ≥ 0.9) under this
    /// specification.
    #[serde(default)]
    pub necessary: Vec<String>,
}

/// Inclusion cut-off of the necessity verdicts tracked across a grid.
pub const NECESSITY_CUT: f64 = 0.9;

/// The conditions (and negations) with inclN ≥ [`NECESSITY_CUT`] under a specification.
fn necessary_terms(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
) -> Vec<String> {
    let Ok(full) = recalibrated(ds, spec) else {
        return Vec::new();
    };
    let full = match &spec.cases {
        None => full,
        Some(rows) => full.select_rows(rows),
    };
    match QcaData::new(&full, outcome, conditions) {
        Ok(d) => crate::supersubset::necessity_table(&d)
            .into_iter()
            .filter(|r| {
                r.incl_n
                    .is_some_and(|v| fiscus_data::ge_tol(v, NECESSITY_CUT))
            })
            .map(|r| r.term)
            .collect(),
        Err(_) => Vec::new(),
    }
}

impl TestSolution {
    /// Sufficiency fit of the test solution for an outcome.
    ///
    /// ```
    /// # use fiscus_qca::{TestSolution, TestStatus};
    /// let t = TestSolution { label: "x".into(), expression: Some("A".into()), status: TestStatus::Ok, message: None, membership: vec![0.8, 0.2], necessary: vec![] };
    /// assert!((t.fit(&[0.9, 0.1]).incl - 0.9).abs() < 1e-12);
    /// ```
    pub fn fit(&self, outcome: &[f64]) -> SufficiencyFit {
        FitSums::new(&self.membership, outcome).sufficiency()
    }

    /// Set-theoretic consistency of the test solution with another set (the IS):
    /// Σ min / Σ max.
    ///
    /// ```
    /// # use fiscus_qca::{TestSolution, TestStatus};
    /// let t = TestSolution { label: "x".into(), expression: Some("A".into()), status: TestStatus::Ok, message: None, membership: vec![0.8, 0.2], necessary: vec![] };
    /// assert!((t.similarity(&[0.8, 0.4]) - 1.0 / 1.2).abs() < 1e-12);
    /// ```
    pub fn similarity(&self, other: &[f64]) -> f64 {
        sc(other, &self.membership)
    }

    /// Whether the test counts in the robustness measures (not [`TestStatus::Invalid`]).
    ///
    /// ```
    /// # use fiscus_qca::{TestSolution, TestStatus};
    /// let t = TestSolution { label: "x".into(), expression: None, status: TestStatus::Invalid, message: None, membership: vec![], necessary: vec![] };
    /// assert!(!t.usable());
    /// ```
    pub fn usable(&self) -> bool {
        self.status != TestStatus::Invalid
    }
}

fn run_test(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
    label: String,
    cases: &[String],
) -> Result<TestSolution> {
    let necessary = necessary_terms(ds, outcome, conditions, spec);
    match solve(ds, outcome, conditions, spec, cases) {
        Ok(s) => Ok(TestSolution {
            label,
            expression: Some(s.expression),
            status: TestStatus::Ok,
            message: None,
            membership: s.membership,
            necessary,
        }),
        Err(QcaError::Analysis(m)) => Ok(TestSolution {
            label,
            expression: None,
            status: TestStatus::NoSolution,
            message: Some(m),
            membership: vec![0.0; cases.len()],
            necessary,
        }),
        Err(e @ (QcaError::Calibration(_) | QcaError::Option(_) | QcaError::Set(_))) => {
            Ok(TestSolution {
                label,
                expression: None,
                status: TestStatus::Invalid,
                message: Some(e.to_string()),
                membership: vec![0.0; cases.len()],
                necessary: Vec::new(),
            })
        }
        Err(e) => Err(e),
    }
}

/// The eight case cells of the robustness protocol (membership strictly above 0.5).
///
/// ```
/// let c = fiscus_qca::CaseCounts::default();
/// assert_eq!(c.robust_typical + c.irrelevant, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCounts {
    /// In IS and in every TS, outcome > 0.5.
    pub robust_typical: usize,
    /// In IS but not in every TS, outcome > 0.5.
    pub shaky_typical: usize,
    /// Not in IS but in some TS, outcome > 0.5.
    pub possible_typical: usize,
    /// In neither IS nor any TS, outcome > 0.5 (deviant cases for coverage).
    pub extreme_deviant: usize,
    /// In IS and in every TS, outcome < 0.5.
    pub robust_deviant: usize,
    /// In IS but not in every TS, outcome < 0.5.
    pub shaky_deviant: usize,
    /// Not in IS but in some TS, outcome < 0.5.
    pub possible_deviant: usize,
    /// In neither IS nor any TS, outcome < 0.5.
    pub irrelevant: usize,
}

/// Per case: memberships and its cell.
///
/// ```
/// let r = fiscus_qca::CaseRow { case: "a".into(), is: 0.8, min_ts: 0.7, max_ts: 0.9, outcome: 0.6, cell: "robust_typical".into() };
/// assert_eq!(r.cell, "robust_typical");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseRow {
    /// Case label.
    pub case: String,
    /// Membership in the IS.
    #[serde(rename = "IS")]
    pub is: f64,
    /// Minimum over the test solutions.
    #[serde(rename = "minTS")]
    pub min_ts: f64,
    /// Maximum over the test solutions.
    #[serde(rename = "maxTS")]
    pub max_ts: f64,
    /// Outcome membership.
    pub outcome: f64,
    /// The case cell (`robust_typical`, ...; empty when the case is in none, e.g. outcome 0.5).
    pub cell: String,
}

/// Fit- and case-oriented robustness of an IS against a set of TS.
///
/// ```
/// let y = [0.9, 0.2];
/// let f = fiscus_qca::robustness_fit(&["a".into(), "b".into()], &[0.8, 0.1], &[vec![0.7, 0.3]], &y);
/// assert_eq!(f.cases.robust_typical, 1);
/// assert_eq!(f.rcc_rank, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustnessFit {
    /// Fit of the robust core RC = min(IS, minTS).
    pub robust_core_fit: SufficiencyFit,
    /// Fit of the IS.
    #[serde(rename = "IS_fit")]
    pub is_fit: SufficiencyFit,
    /// covS(RC) / covS(IS).
    #[serde(rename = "RF_cov")]
    pub rf_cov: f64,
    /// inclS(IS) / inclS(RC).
    #[serde(rename = "RF_cons")]
    pub rf_cons: f64,
    /// Σ min(IS, minTS) / Σ max(IS, minTS).
    #[serde(rename = "RF_SC_minTS")]
    pub rf_sc_min_ts: f64,
    /// Σ min(IS, maxTS) / Σ max(IS, maxTS).
    #[serde(rename = "RF_SC_maxTS")]
    pub rf_sc_max_ts: f64,
    /// The eight case cells.
    pub cases: CaseCounts,
    /// robust_typical / (robust + shaky + possible typical).
    #[serde(rename = "RCR_typ")]
    pub rcr_typ: f64,
    /// robust_deviant / (robust + shaky + possible deviant).
    #[serde(rename = "RCR_dev")]
    pub rcr_dev: f64,
    /// 1 no shaky and no possible case, 2 possible only, 3 shaky only, 4 both.
    #[serde(rename = "RCC_Rank")]
    pub rcc_rank: u8,
    /// Per case memberships and cell.
    pub case_table: Vec<CaseRow>,
}

fn sc(a: &[f64], b: &[f64]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (&x, &y) in a.iter().zip(b) {
        num += x.min(y);
        den += x.max(y);
    }
    num / den
}

/// Computes the robustness measures (qca-parity section 11a) from the membership of every case
/// in the IS, in each TS, and in the outcome. With no TS, minTS = maxTS = IS.
///
/// ```
/// let f = fiscus_qca::robustness_fit(&["a".into()], &[0.8], &[], &[0.9]);
/// assert_eq!(f.rf_cov, 1.0);
/// ```
pub fn robustness_fit(cases: &[String], is: &[f64], ts: &[Vec<f64>], y: &[f64]) -> RobustnessFit {
    let n = is.len();
    let (min_ts, max_ts): (Vec<f64>, Vec<f64>) = (0..n)
        .map(|k| {
            if ts.is_empty() {
                (is[k], is[k])
            } else {
                ts.iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| {
                        (a.min(t[k]), b.max(t[k]))
                    })
            }
        })
        .unzip();
    let rc: Vec<f64> = is.iter().zip(&min_ts).map(|(a, b)| a.min(*b)).collect();
    let rcf = FitSums::new(&rc, y).sufficiency();
    let isf = FitSums::new(is, y).sufficiency();
    let mut c = CaseCounts::default();
    let (mut any_shaky, mut any_possible) = (false, false);
    let mut table = Vec::with_capacity(n);
    for k in 0..n {
        let (i, lo, hi, o) = (is[k], min_ts[k], max_ts[k], y[k]);
        let robust = i.min(lo) > 0.5;
        let shaky = i.min(1.0 - lo) > 0.5;
        let possible = (1.0 - i).min(hi) > 0.5;
        let outside = (1.0 - i).min(1.0 - hi) > 0.5;
        any_shaky |= shaky;
        any_possible |= possible;
        let typical = o > 0.5;
        let deviant = o < 0.5;
        let mut cell = "";
        let mut bump = |cond: bool,
                        typ: &mut usize,
                        dev: &mut usize,
                        tname: &'static str,
                        dname: &'static str| {
            if cond && typical {
                *typ += 1;
                cell = tname;
            } else if cond && deviant {
                *dev += 1;
                cell = dname;
            }
        };
        bump(
            robust,
            &mut c.robust_typical,
            &mut c.robust_deviant,
            "robust_typical",
            "robust_deviant",
        );
        bump(
            shaky,
            &mut c.shaky_typical,
            &mut c.shaky_deviant,
            "shaky_typical",
            "shaky_deviant",
        );
        bump(
            possible,
            &mut c.possible_typical,
            &mut c.possible_deviant,
            "possible_typical",
            "possible_deviant",
        );
        bump(
            outside,
            &mut c.extreme_deviant,
            &mut c.irrelevant,
            "extreme_deviant",
            "irrelevant",
        );
        table.push(CaseRow {
            case: cases.get(k).cloned().unwrap_or_default(),
            is: i,
            min_ts: lo,
            max_ts: hi,
            outcome: o,
            cell: cell.to_string(),
        });
    }
    let ratio = |a: usize, b: usize, d: usize| a as f64 / (a + b + d) as f64;
    RobustnessFit {
        robust_core_fit: rcf,
        is_fit: isf,
        rf_cov: rcf.cov / isf.cov,
        rf_cons: isf.incl / rcf.incl,
        rf_sc_min_ts: sc(is, &min_ts),
        rf_sc_max_ts: sc(is, &max_ts),
        rcr_typ: ratio(c.robust_typical, c.shaky_typical, c.possible_typical),
        rcr_dev: ratio(c.robust_deviant, c.shaky_deviant, c.possible_deviant),
        rcc_rank: match (any_shaky, any_possible) {
            (false, false) => 1,
            (false, true) => 2,
            (true, false) => 3,
            (true, true) => 4,
        },
        cases: c,
        case_table: table,
    }
}

/// The initial solution of a robustness analysis.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let is = fiscus_qca::initial_solution(&ds, "Y", None, &Default::default()).unwrap();
/// assert_eq!(is.expression, "A");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitialSolution {
    /// Its first model.
    pub expression: String,
    /// Complete cases of the analysis.
    pub cases: Vec<String>,
    /// Membership of each case in the IS.
    pub membership: Vec<f64>,
    /// Outcome membership of each case.
    pub outcome: Vec<f64>,
}

/// Solves the initial specification (an error when it has no model).
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=2).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.1]), Column::numbers("Y", &[0.1, 0.2])]).unwrap();
/// assert!(fiscus_qca::initial_solution(&ds, "Y", None, &Default::default()).is_err());
/// ```
pub fn initial_solution(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
) -> Result<InitialSolution> {
    let data = prepare_data(ds, outcome, conditions, spec)?;
    let s = solve(ds, outcome, conditions, spec, &data.cases).map_err(|e| match e {
        QcaError::Analysis(m) => QcaError::Analysis(format!("initial solution: {m}")),
        e => e,
    })?;
    Ok(InitialSolution {
        expression: s.expression,
        cases: data.cases,
        membership: s.membership,
        outcome: data.outcome.values,
    })
}

/// The result of [`robustness`]: IS, each TS and the robustness measures.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let r = fiscus_qca::robustness(&ds, "Y", None, &Default::default(), &[]).unwrap();
/// assert_eq!(r.fit.rcc_rank, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Robustness {
    /// The initial solution.
    #[serde(rename = "IS")]
    pub is_expression: String,
    /// The initial solution's memberships.
    #[serde(skip)]
    pub initial: InitialSolution,
    /// The test solutions, in the order given.
    pub tests: Vec<TestSolution>,
    /// The robustness measures over all usable TS.
    #[serde(flatten)]
    pub fit: RobustnessFit,
}

/// Runs the robustness protocol: the initial specification and one test per `(label, changes)`.
/// Tests run in parallel (rayon) and are reported in the order given.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # use fiscus_qca::Change;
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let r = fiscus_qca::robustness(&ds, "Y", None, &Default::default(),
///     &[("strict".into(), vec![Change::InclCut(1.0, None), Change::NCut(3)])]).unwrap();
/// assert_eq!(r.tests[0].status, fiscus_qca::TestStatus::NoSolution);
/// ```
pub fn robustness(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    tests: &[(String, Vec<Change>)],
) -> Result<Robustness> {
    let is = initial_solution(ds, outcome, conditions, initial)?;
    let specs: Vec<(String, Specification)> = tests
        .iter()
        .map(|(l, c)| Ok((l.clone(), initial.with_changes(ds, c)?)))
        .collect::<Result<_>>()?;
    let ts: Vec<TestSolution> = specs
        .par_iter()
        .map(|(l, s)| run_test(ds, outcome, conditions, s, l.clone(), &is.cases))
        .collect::<Result<_>>()?;
    let members: Vec<Vec<f64>> = ts
        .iter()
        .filter(|t| t.usable())
        .map(|t| t.membership.clone())
        .collect();
    let fit = robustness_fit(&is.cases, &is.membership, &members, &is.outcome);
    Ok(Robustness {
        is_expression: is.expression.clone(),
        initial: is,
        tests: ts,
        fit,
    })
}

// ------------------------------------------------------------------ sensitivity ranges

/// A parameter whose sensitivity range is walked.
///
/// ```
/// let p = fiscus_qca::RangeParameter::Anchor { target: "DEV".into(), anchor: 1 };
/// assert_eq!(p.name(), "DEV anchor 2");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "parameter")]
pub enum RangeParameter {
    /// The inclusion cut-off.
    InclCut,
    /// The frequency cut-off.
    NCut,
    /// One anchor (0-based, canonical order e, c, i) of a recalibrated set.
    Anchor {
        /// The set.
        target: String,
        /// Which anchor.
        anchor: usize,
    },
}

impl RangeParameter {
    /// A readable name: `incl.cut`, `n.cut`, `DEV e` (three named anchors) or `DEV anchor k`.
    ///
    /// ```
    /// assert_eq!(fiscus_qca::RangeParameter::InclCut.name(), "incl.cut");
    /// ```
    pub fn name(&self) -> String {
        match self {
            RangeParameter::InclCut => "incl.cut".into(),
            RangeParameter::NCut => "n.cut".into(),
            RangeParameter::Anchor { target, anchor } => format!("{target} anchor {}", anchor + 1),
        }
    }
}

/// Options of a sensitivity range walk; defaults as SetMethods (`step = 0.01` for incl.cut,
/// 1 for n.cut) and at most 100 steps each way.
///
/// ```
/// let c = fiscus_qca::RangeConfig::default();
/// assert_eq!((c.incl_step, c.max_steps), (0.01, 100));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RangeConfig {
    /// Step of the inclusion cut-off.
    pub incl_step: f64,
    /// Step of each anchor, per target set (default: 1% of the raw column's range).
    pub anchor_steps: BTreeMap<String, f64>,
    /// Steps tried in each direction before giving up.
    pub max_steps: usize,
}

impl Default for RangeConfig {
    fn default() -> Self {
        RangeConfig {
            incl_step: 0.01,
            anchor_steps: BTreeMap::new(),
            max_steps: 100,
        }
    }
}

/// The interval over which the first model stays that of the initial value.
///
/// ```
/// let r = fiscus_qca::SensitivityRange { parameter: "n.cut".into(), value: 2.0, step: 1.0,
///     lower: 2.0, upper: 2.0, lower_unbounded: false, upper_unbounded: false,
///     lower_change: None, upper_change: None };
/// assert_eq!(r.lower, r.upper);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityRange {
    /// What was varied.
    pub parameter: String,
    /// The initial value.
    pub value: f64,
    /// The step.
    pub step: f64,
    /// Lowest value with the same first model.
    pub lower: f64,
    /// Highest value with the same first model.
    pub upper: f64,
    /// True when no change was found below (within `max_steps` or the parameter's domain).
    pub lower_unbounded: bool,
    /// True when no change was found above.
    pub upper_unbounded: bool,
    /// The first model just beyond the lower end (`None` when no model or unbounded).
    pub lower_change: Option<String>,
    /// The first model just beyond the upper end.
    pub upper_change: Option<String>,
}

fn round12(x: f64) -> f64 {
    (x * 1e12).round() / 1e12
}

/// Walks each parameter down and up from the initial value by its step until the first model
/// of the chosen solution changes (SetMethods' `rob.inclrange`, `rob.ncutrange`,
/// `rob.calibrange`). A value where minimisation fails counts as a change. Parameters run in
/// parallel.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// use fiscus_qca::{sensitivity_ranges, RangeConfig, RangeParameter};
/// let r = sensitivity_ranges(&ds, "Y", None, &Default::default(), &[RangeParameter::NCut], &RangeConfig::default()).unwrap();
/// assert_eq!((r[0].lower, r[0].upper), (1.0, 2.0));
/// ```
pub fn sensitivity_ranges(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    parameters: &[RangeParameter],
    cfg: &RangeConfig,
) -> Result<Vec<SensitivityRange>> {
    let is = initial_solution(ds, outcome, conditions, initial)?;
    parameters
        .par_iter()
        .map(|p| walk(ds, outcome, conditions, initial, p, cfg, &is))
        .collect()
}

fn walk(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    p: &RangeParameter,
    cfg: &RangeConfig,
    is: &InitialSolution,
) -> Result<SensitivityRange> {
    let (value, step, lo_dom, hi_dom) = match p {
        RangeParameter::InclCut => (initial.truth_table.incl_cut1, cfg.incl_step, 0.0, 1.0),
        RangeParameter::NCut => (
            initial.truth_table.n_cut as f64,
            1.0,
            1.0,
            is.cases.len() as f64,
        ),
        RangeParameter::Anchor { target, anchor } => {
            let r = initial
                .calibrations
                .iter()
                .find(|r| &r.target == target)
                .ok_or_else(|| {
                    QcaError::Option(format!(
                        "`{target}` is not recalibrated: no anchors to vary"
                    ))
                })?;
            let v = *r.spec.anchors().get(*anchor).ok_or_else(|| {
                QcaError::Option(format!("`{target}` has no anchor {}", anchor + 1))
            })?;
            let raw: Vec<f64> = ds.numeric(&r.source)?.into_iter().flatten().collect();
            let (mn, mx) = raw
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
            let step = cfg
                .anchor_steps
                .get(target)
                .copied()
                .unwrap_or(round12((mx - mn) / 100.0));
            (v, step, f64::NEG_INFINITY, f64::INFINITY)
        }
    };
    if !(step > 0.0 && step.is_finite()) {
        return Err(QcaError::Option(format!(
            "the step of {} must be positive, not {step}",
            p.name()
        )));
    }
    let at = |x: f64| -> Result<Option<String>> {
        let mut s = initial.clone();
        match p {
            RangeParameter::InclCut => {
                s.truth_table.incl_cut1 = x;
                if let Some(c0) = s.truth_table.incl_cut0 {
                    s.truth_table.incl_cut0 = Some(c0.min(x));
                }
            }
            RangeParameter::NCut => s.truth_table.n_cut = x as usize,
            RangeParameter::Anchor { target, anchor } => {
                if let Some(r) = s.calibrations.iter_mut().find(|r| &r.target == target) {
                    let mut a = r.spec.anchors().to_vec();
                    a[*anchor] = x;
                    r.spec = r.spec.with_anchors(&a);
                }
            }
        }
        let t = run_test(ds, outcome, conditions, &s, String::new(), &is.cases)?;
        Ok(t.expression)
    };
    let mut bounds = [(value, true, None), (value, true, None)];
    for (d, dir) in [-1.0f64, 1.0].iter().enumerate() {
        for k in 1..=cfg.max_steps {
            let x = round12(value + dir * step * k as f64);
            if x < lo_dom - 1e-12 || x > hi_dom + 1e-12 {
                break;
            }
            let e = at(x)?;
            if e.as_deref() != Some(is.expression.as_str()) {
                bounds[d].1 = false;
                bounds[d].2 = Some(e);
                break;
            }
            bounds[d].0 = x;
        }
    }
    Ok(SensitivityRange {
        parameter: match p {
            RangeParameter::Anchor { target, anchor } => initial
                .calibrations
                .iter()
                .find(|r| &r.target == target)
                .filter(|r| r.spec.thresholds.named)
                .and_then(|r| match r.spec.anchors().len() {
                    3 => fiscus_calibration::THREE_ANCHORS.get(*anchor),
                    6 => fiscus_calibration::SIX_ANCHORS.get(*anchor),
                    _ => None,
                })
                .map_or_else(|| p.name(), |n| format!("{target} {n}")),
            _ => p.name(),
        },
        value,
        step,
        lower: bounds[0].0,
        upper: bounds[1].0,
        lower_unbounded: bounds[0].1,
        upper_unbounded: bounds[1].1,
        lower_change: bounds[0].2.clone().flatten(),
        upper_change: bounds[1].2.clone().flatten(),
    })
}

// ------------------------------------------------------------------ grids

/// Which cases each grid specification minimises.
///
/// ```
/// assert_eq!(fiscus_qca::CaseSubsets::default(), fiscus_qca::CaseSubsets::All);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSubsets {
    /// All cases (one subset).
    #[default]
    All,
    /// Every case left out once (n subsets).
    LeaveOneOut,
    /// `count` random subsets of `size` cases, drawn with `seed`.
    Random {
        /// Number of subsets.
        count: usize,
        /// Cases per subset.
        size: usize,
        /// Seed of the generator.
        seed: u64,
    },
}

/// Shifts of a recalibrated set's anchors: every anchor (or one) moves by `-k..=k` steps,
/// independently.
///
/// ```
/// let a = fiscus_qca::AnchorShift { target: "DEV".into(), anchor: None, step: 10.0, k: 1 };
/// assert_eq!(a.k, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchorShift {
    /// The recalibrated set.
    pub target: String,
    /// One anchor (0-based) or every anchor (`None`).
    pub anchor: Option<usize>,
    /// Step in raw units.
    pub step: f64,
    /// Steps each way.
    pub k: usize,
}

/// A grid of test specifications: every combination of anchor shifts × inclusion cut-offs ×
/// n-cuts × case subsets, in that order (the last varies fastest). Empty lists keep the
/// initial value.
///
/// ```
/// let g: fiscus_qca::Grid = "incl-cut=0.75,0.8;n-cut=1,2;cases=loo".parse().unwrap();
/// assert_eq!(g.incl_cuts, vec![0.75, 0.8]);
/// assert_eq!(g.cases, fiscus_qca::CaseSubsets::LeaveOneOut);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Grid {
    /// Inclusion cut-offs.
    pub incl_cuts: Vec<f64>,
    /// Frequency cut-offs.
    pub n_cuts: Vec<usize>,
    /// Anchor shifts.
    pub anchors: Vec<AnchorShift>,
    /// Case subsets.
    pub cases: CaseSubsets,
}

impl std::str::FromStr for Grid {
    type Err = QcaError;
    /// `incl-cut=0.75,0.8` or `incl-cut=0.70:0.90:0.05`; `n-cut=1,2,3`; `anchors:DEV=10x2`
    /// (every anchor of DEV by -2..2 steps of 10) or `anchors:DEV.c=10x2` (one anchor: e, c,
    /// i or 1-based position); `cases=all|loo|random:COUNT:SIZE:SEED`; joined by `;`.
    fn from_str(text: &str) -> Result<Grid> {
        let mut g = Grid::default();
        let err = |item: &str, m: String| QcaError::Parse {
            input: item.to_string(),
            message: m,
        };
        for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some(rest) = item.strip_prefix("anchors:") {
                let (who, how) = rest
                    .split_once('=')
                    .ok_or_else(|| err(item, "expected anchors:SET=STEPxK".into()))?;
                let (target, anchor) = match who.split_once('.') {
                    Some((t, a)) => {
                        let idx = match a.trim() {
                            "e" | "e1" => 0,
                            "c" | "c1" => 1,
                            "i" | "i1" => 2,
                            "i2" => 3,
                            "c2" => 4,
                            "e2" => 5,
                            n => n
                                .parse::<usize>()
                                .ok()
                                .filter(|&n| n >= 1)
                                .map(|n| n - 1)
                                .ok_or_else(|| err(item, format!("unknown anchor `{n}`")))?,
                        };
                        (t.trim(), Some(idx))
                    }
                    None => (who.trim(), None),
                };
                let (s, k) = how
                    .split_once('x')
                    .ok_or_else(|| err(item, "expected STEPxK, e.g. 10x2".into()))?;
                let step: f64 = s
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| *v > 0.0 && v.is_finite())
                    .ok_or_else(|| err(item, format!("step `{s}` must be a positive number")))?;
                let k: usize = k
                    .trim()
                    .parse()
                    .map_err(|_| err(item, format!("`{k}` is not a whole number of steps")))?;
                g.anchors.push(AnchorShift {
                    target: target.to_string(),
                    anchor,
                    step,
                    k,
                });
                continue;
            }
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| err(item, "expected KEY=VALUES".into()))?;
            let num = |v: &str| -> Result<f64> {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| err(item, format!("`{}` is not a number", v.trim())))
            };
            match key.trim() {
                "incl-cut" => {
                    let parts: Vec<&str> = value.split(':').collect();
                    if parts.len() == 3 {
                        let (a, b, s) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
                        if s.is_nan() || s <= 0.0 || b < a {
                            return Err(err(
                                item,
                                "expected FROM:TO:STEP with FROM <= TO and STEP > 0".into(),
                            ));
                        }
                        let n = ((b - a) / s + 1e-9).floor() as usize;
                        g.incl_cuts = (0..=n).map(|i| round12(a + s * i as f64)).collect();
                    } else {
                        g.incl_cuts = value.split(',').map(num).collect::<Result<_>>()?;
                    }
                }
                "n-cut" => {
                    g.n_cuts = value
                        .split(',')
                        .map(|v| {
                            v.trim()
                                .parse::<usize>()
                                .ok()
                                .filter(|n| *n >= 1)
                                .ok_or_else(|| {
                                    err(
                                        item,
                                        format!("n-cut `{}` must be a whole number >= 1", v.trim()),
                                    )
                                })
                        })
                        .collect::<Result<_>>()?
                }
                "cases" => {
                    g.cases = match value.trim() {
                        "all" => CaseSubsets::All,
                        "loo" | "leave-one-out" => CaseSubsets::LeaveOneOut,
                        r => {
                            let p: Vec<&str> = r.split(':').collect();
                            let n = |s: &str| s.trim().parse::<u64>().ok();
                            match p.as_slice() {
                                ["random", c, s, seed] => match (n(c), n(s), n(seed)) {
                                    (Some(c), Some(s), Some(seed)) if c > 0 && s > 0 => {
                                        CaseSubsets::Random {
                                            count: c as usize,
                                            size: s as usize,
                                            seed,
                                        }
                                    }
                                    _ => return Err(err(
                                        item,
                                        "expected random:COUNT:SIZE:SEED (positive whole numbers)"
                                            .into(),
                                    )),
                                },
                                _ => {
                                    return Err(err(
                                        item,
                                        "cases: use all, loo or random:COUNT:SIZE:SEED".into(),
                                    ))
                                }
                            }
                        }
                    }
                }
                other => {
                    return Err(err(
                        item,
                        format!(
                            "unknown grid key `{other}` (use incl-cut, n-cut, anchors:SET, cases)"
                        ),
                    ))
                }
            }
        }
        Ok(g)
    }
}

/// The random-number generator of the subsamples (SplitMix64: small, seeded, portable).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The grid, resolved against the data and the initial specification: its size and the
/// specification at each position.
#[derive(Debug, Clone)]
struct Plan {
    /// Per anchor dimension: (target, anchor index, values).
    anchor_dims: Vec<(String, usize, Vec<f64>)>,
    incl: Vec<f64>,
    ncut: Vec<usize>,
    subsets: Vec<(String, Option<Vec<usize>>)>,
}

impl Plan {
    fn new(ds: &Dataset, initial: &Specification, grid: &Grid, case_rows: usize) -> Result<Plan> {
        let mut anchor_dims = Vec::new();
        for a in &grid.anchors {
            let r = initial
                .calibrations
                .iter()
                .find(|r| r.target == a.target)
                .ok_or_else(|| QcaError::Option(format!("anchors: `{}` is not recalibrated (give --calibrate {}=RAW:e=..,c=..,i=..)", a.target, a.target)))?;
            let base = r.spec.anchors();
            let which: Vec<usize> = match a.anchor {
                Some(i) if i < base.len() => vec![i],
                Some(i) => {
                    return Err(QcaError::Option(format!(
                        "anchors: `{}` has no anchor {}",
                        a.target,
                        i + 1
                    )))
                }
                None => (0..base.len()).collect(),
            };
            for i in which {
                let k = a.k as i64;
                let vals = (-k..=k)
                    .map(|s| round12(base[i] + a.step * s as f64))
                    .collect();
                anchor_dims.push((a.target.clone(), i, vals));
            }
        }
        let incl = if grid.incl_cuts.is_empty() {
            vec![initial.truth_table.incl_cut1]
        } else {
            grid.incl_cuts.clone()
        };
        let ncut = if grid.n_cuts.is_empty() {
            vec![initial.truth_table.n_cut]
        } else {
            grid.n_cuts.clone()
        };
        let n = ds.n_cases();
        let base_rows: Vec<usize> = initial.cases.clone().unwrap_or_else(|| (0..n).collect());
        let subsets = match &grid.cases {
            CaseSubsets::All => vec![(String::new(), initial.cases.clone())],
            CaseSubsets::LeaveOneOut => base_rows
                .iter()
                .map(|&r| {
                    (
                        format!("without {}", ds.cases()[r]),
                        Some(base_rows.iter().copied().filter(|&x| x != r).collect()),
                    )
                })
                .collect(),
            CaseSubsets::Random { count, size, seed } => {
                if *size > base_rows.len() {
                    return Err(QcaError::Option(format!(
                        "random subsets of {size} cases from {} cases",
                        base_rows.len()
                    )));
                }
                (0..*count)
                    .map(|j| {
                        let mut st = seed ^ (j as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
                        let mut pool = base_rows.clone();
                        for i in 0..*size {
                            let r = i + (splitmix(&mut st) % (pool.len() - i) as u64) as usize;
                            pool.swap(i, r);
                        }
                        let mut pick = pool[..*size].to_vec();
                        pick.sort_unstable();
                        (format!("subsample {}", j + 1), Some(pick))
                    })
                    .collect()
            }
        };
        let _ = case_rows;
        Ok(Plan {
            anchor_dims,
            incl,
            ncut,
            subsets,
        })
    }

    fn len(&self) -> usize {
        self.anchor_dims
            .iter()
            .map(|d| d.2.len())
            .product::<usize>()
            * self.incl.len()
            * self.ncut.len()
            * self.subsets.len()
    }

    fn spec(&self, initial: &Specification, mut idx: usize) -> (String, Specification) {
        let mut s = initial.clone();
        let mut label = Vec::new();
        let nsub = self.subsets.len();
        let (sl, rows) = &self.subsets[idx % nsub];
        idx /= nsub;
        let nc = self.ncut[idx % self.ncut.len()];
        idx /= self.ncut.len();
        let ic = self.incl[idx % self.incl.len()];
        idx /= self.incl.len();
        let mut anchors = Vec::new();
        for (target, i, vals) in self.anchor_dims.iter().rev() {
            anchors.push((target, *i, vals[idx % vals.len()]));
            idx /= vals.len();
        }
        anchors.reverse();
        for (target, i, v) in anchors {
            if let Some(r) = s.calibrations.iter_mut().find(|r| &r.target == target) {
                let mut a = r.spec.anchors().to_vec();
                a[i] = v;
                r.spec = r.spec.with_anchors(&a);
            }
        }
        for r in &s.calibrations {
            if self.anchor_dims.iter().any(|d| d.0 == r.target) {
                label.push(format!("{}:{}", r.target, r.spec.thresholds));
            }
        }
        s.truth_table.incl_cut1 = ic;
        if let Some(c0) = s.truth_table.incl_cut0 {
            s.truth_table.incl_cut0 = Some(c0.min(ic));
        }
        s.truth_table.n_cut = nc;
        s.cases = rows.clone();
        label.push(format!("incl-cut={ic}"));
        label.push(format!("n-cut={nc}"));
        if !sl.is_empty() {
            label.push(sl.clone());
        }
        (label.join("; "), s)
    }
}

/// The number of specifications in a grid.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_qca::Grid = "n-cut=1,2;cases=loo".parse().unwrap();
/// assert_eq!(fiscus_qca::grid_size(&ds, &Default::default(), &g).unwrap(), 8);
/// ```
pub fn grid_size(ds: &Dataset, initial: &Specification, grid: &Grid) -> Result<usize> {
    Ok(Plan::new(ds, initial, grid, ds.n_cases())?.len())
}

/// The positions `[start, end)` of shard `i` (1-based) of `n` in a grid of `total`
/// specifications: contiguous, in grid order, sizes differing by at most one.
///
/// ```
/// assert_eq!(fiscus_qca::shard_range(10, 1, 3).unwrap(), (0, 3));
/// assert_eq!(fiscus_qca::shard_range(10, 3, 3).unwrap(), (6, 10));
/// assert!(fiscus_qca::shard_range(10, 4, 3).is_err());
/// ```
pub fn shard_range(total: usize, i: usize, n: usize) -> Result<(usize, usize)> {
    if n == 0 || i == 0 || i > n {
        return Err(QcaError::Option(format!("shard {i}/{n}: need 1 <= i <= N")));
    }
    Ok(((i - 1) * total / n, i * total / n))
}

/// The evaluated specifications `[start, end)` of a grid: a shard, or the whole grid.
///
/// ```
/// let s = fiscus_qca::GridShard { initial: fiscus_qca::InitialSolution { expression: "A".into(),
///     cases: vec![], membership: vec![], outcome: vec![] }, total: 0, start: 0, items: vec![] };
/// assert!(s.items.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridShard {
    /// The initial solution (identical in every shard).
    pub initial: InitialSolution,
    /// Specifications in the whole grid.
    pub total: usize,
    /// Grid position of the first item.
    pub start: usize,
    /// The test solutions, in grid order.
    pub items: Vec<TestSolution>,
}

/// Evaluates grid positions `[start, end)` in parallel on the current rayon pool, calling
/// `tick` after each specification; results come back in grid order, so the outcome does not
/// depend on the number of threads.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_qca::Grid = "n-cut=1,2".parse().unwrap();
/// let s = fiscus_qca::run_grid(&ds, "Y", None, &Default::default(), &g, None, &|| {}).unwrap();
/// assert_eq!(s.items.len(), 2);
/// assert_eq!(s.items[1].label, "incl-cut=1; n-cut=2");
/// ```
pub fn run_grid(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    grid: &Grid,
    range: Option<(usize, usize)>,
    tick: &(dyn Fn() + Sync),
) -> Result<GridShard> {
    let is = initial_solution(ds, outcome, conditions, initial)?;
    let plan = Plan::new(ds, initial, grid, is.cases.len())?;
    let total = plan.len();
    let (start, end) = range.unwrap_or((0, total));
    if start > end || end > total {
        return Err(QcaError::Option(format!(
            "grid positions {start}..{end} outside 0..{total}"
        )));
    }
    let items: Vec<TestSolution> = (start..end)
        .into_par_iter()
        .map(|i| {
            let (label, spec) = plan.spec(initial, i);
            let r = run_test(ds, outcome, conditions, &spec, label, &is.cases);
            tick();
            r
        })
        .collect::<Result<_>>()?;
    Ok(GridShard {
        initial: is,
        total,
        start,
        items,
    })
}

/// Combines shards (in any order) into the whole grid; they must be the same grid and cover
/// every position exactly once.
///
/// ```
/// let is = fiscus_qca::InitialSolution { expression: "A".into(), cases: vec![], membership: vec![], outcome: vec![] };
/// let a = fiscus_qca::GridShard { initial: is.clone(), total: 0, start: 0, items: vec![] };
/// assert_eq!(fiscus_qca::merge_shards(vec![a]).unwrap().total, 0);
/// assert!(fiscus_qca::merge_shards(vec![]).is_err());
/// ```
pub fn merge_shards(mut shards: Vec<GridShard>) -> Result<GridShard> {
    shards.sort_by_key(|s| s.start);
    let first = shards
        .first()
        .cloned()
        .ok_or_else(|| QcaError::Option("no shards to merge".into()))?;
    let mut items = Vec::with_capacity(first.total);
    for (j, s) in shards.into_iter().enumerate() {
        if s.initial != first.initial || s.total != first.total {
            return Err(QcaError::Option(format!(
                "shard {} (from position {}) belongs to another analysis or grid",
                j + 1,
                s.start
            )));
        }
        if s.start != items.len() {
            return Err(QcaError::Option(format!(
                "shards do not fit together: expected one starting at position {}, found {}",
                items.len(),
                s.start
            )));
        }
        items.extend(s.items);
    }
    if items.len() != first.total {
        return Err(QcaError::Option(format!(
            "the shards hold {} of the grid's {} specifications",
            items.len(),
            first.total
        )));
    }
    Ok(GridShard {
        initial: first.initial,
        total: first.total,
        start: 0,
        items,
    })
}

/// How often one term (path) appears among the first models of the grid.
///
/// ```
/// let p = fiscus_qca::PathStability { path: "A*B".into(), in_is: true, count: 3, share: 0.75, conditions: vec![] };
/// assert!(p.in_is);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStability {
    /// The term.
    pub path: String,
    /// Whether it is a path of the IS.
    pub in_is: bool,
    /// Test solutions (with a model) containing it.
    pub count: usize,
    /// `count` over the usable test solutions.
    pub share: f64,
    /// For IS paths: each literal and the share of usable TS with a term that contains it and
    /// is nested with the path (a sub- or superset of its literals).
    pub conditions: Vec<(String, f64)>,
}

/// A distinct first model and how many specifications gave it.
///
/// ```
/// let d = fiscus_qca::DistinctSolution { expression: "A".into(), count: 2, share: 1.0, equals_is: true };
/// assert_eq!(d.count, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistinctSolution {
    /// The first model (`(no solution)` when minimisation failed).
    pub expression: String,
    /// Specifications giving it.
    pub count: usize,
    /// Share of the usable specifications.
    pub share: f64,
    /// Whether it is the IS.
    pub equals_is: bool,
}

/// Summary of a grid: counts, share of TS equal to the IS, path stability, distinct models
/// and the robustness measures over every usable TS.
///
/// ```
/// let is = fiscus_qca::InitialSolution { expression: "A".into(), cases: vec!["a".into()], membership: vec![0.8], outcome: vec![0.9] };
/// let sh = fiscus_qca::GridShard { initial: is, total: 0, start: 0, items: vec![] };
/// let s = fiscus_qca::summarize_grid(&sh);
/// assert_eq!(s.specifications, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridSummary {
    /// The IS.
    #[serde(rename = "IS")]
    pub is_expression: String,
    /// Specifications in the grid.
    pub specifications: usize,
    /// With a model.
    pub solved: usize,
    /// Minimisation gave no model (counted as the empty set).
    pub no_solution: usize,
    /// Not analysable (left out).
    pub invalid: usize,
    /// Share of usable TS whose first model equals the IS.
    pub share_equal_is: f64,
    /// Terms, IS paths first, then by frequency.
    pub path_stability: Vec<PathStability>,
    /// Distinct first models, most frequent first.
    pub distinct_solutions: Vec<DistinctSolution>,
    /// Robustness measures over every usable TS of the grid.
    pub fit: RobustnessFit,
    /// How often each condition passes as necessary (inclN ≥ 0.9) across the usable
    /// specifications, most frequent first.
    pub necessity_stability: Vec<NecessityStability>,
}

/// Share of the grid in which a condition passes as necessary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NecessityStability {
    /// The condition or its negation.
    pub term: String,
    /// Specifications where it passes.
    pub count: usize,
    /// Share of the usable specifications.
    pub share: f64,
}

fn literal_set(u: &Universe, term: &str) -> Option<Vec<Literal>> {
    parse_sop(u, term)
        .ok()
        .and_then(|s| s.terms.into_iter().next())
}

/// Summarises a (merged) grid.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_qca::Grid = "n-cut=1,2,3".parse().unwrap();
/// let sh = fiscus_qca::run_grid(&ds, "Y", None, &Default::default(), &g, None, &|| {}).unwrap();
/// let s = fiscus_qca::summarize_grid(&sh);
/// assert_eq!((s.solved, s.no_solution), (2, 1));
/// ```
pub fn summarize_grid(shard: &GridShard) -> GridSummary {
    let is = &shard.initial;
    let usable: Vec<&TestSolution> = shard.items.iter().filter(|t| t.usable()).collect();
    let nu = usable.len();
    let share = |c: usize| c as f64 / nu as f64;
    let is_terms: Vec<String> = is.expression.split(" + ").map(str::to_string).collect();
    // A universe of names that parses every term (names from all expressions).
    let mut names: Vec<String> = Vec::new();
    for e in
        std::iter::once(&is.expression).chain(usable.iter().filter_map(|t| t.expression.as_ref()))
    {
        for n in crate::expr::sop_names(e) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    let u = Universe {
        kinds: vec![crate::sets::SetKind::Fuzzy; names.len()],
        names,
        multivalue: is.expression.contains('['),
    };
    let ts_terms: Vec<Vec<String>> = usable
        .iter()
        .map(|t| {
            t.expression
                .as_deref()
                .map(|e| e.split(" + ").map(str::to_string).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new(); // term -> (count, first seen)
    let mut seen = 0usize;
    for terms in &ts_terms {
        for t in terms {
            let e = counts.entry(t.clone()).or_insert_with(|| {
                seen += 1;
                (0, seen)
            });
            e.0 += 1;
        }
    }
    let parsed: BTreeMap<&String, Vec<Literal>> = counts
        .keys()
        .map(|t| (t, literal_set(&u, t).unwrap_or_default()))
        .collect();
    let mut paths: Vec<PathStability> = Vec::new();
    for t in &is_terms {
        let lits = literal_set(&u, t).unwrap_or_default();
        let texts: Vec<String> = t.split('*').map(str::to_string).collect();
        let conds = lits
            .iter()
            .zip(&texts)
            .map(|(l, txt)| {
                let c = ts_terms
                    .iter()
                    .filter(|terms| {
                        terms.iter().any(|tt| {
                            let tl = parsed.get(tt).map(Vec::as_slice).unwrap_or_default();
                            let sub = tl.iter().all(|x| lits.contains(x));
                            let sup = lits.iter().all(|x| tl.contains(x));
                            tl.contains(l) && (sub || sup)
                        })
                    })
                    .count();
                (txt.clone(), share(c))
            })
            .collect();
        let c = counts.get(t).map_or(0, |x| x.0);
        paths.push(PathStability {
            path: t.clone(),
            in_is: true,
            count: c,
            share: share(c),
            conditions: conds,
        });
    }
    let mut others: Vec<(&String, &(usize, usize))> = counts
        .iter()
        .filter(|(t, _)| !is_terms.contains(t))
        .collect();
    others.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    for (t, (c, _)) in others {
        paths.push(PathStability {
            path: t.clone(),
            in_is: false,
            count: *c,
            share: share(*c),
            conditions: Vec::new(),
        });
    }
    let mut distinct: Vec<(String, usize, usize)> = Vec::new();
    for (k, t) in usable.iter().enumerate() {
        let e = t
            .expression
            .clone()
            .unwrap_or_else(|| "(no solution)".into());
        match distinct.iter_mut().find(|d| d.0 == e) {
            Some(d) => d.1 += 1,
            None => distinct.push((e, 1, k)),
        }
    }
    distinct.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let members: Vec<Vec<f64>> = usable.iter().map(|t| t.membership.clone()).collect();
    let equal = usable
        .iter()
        .filter(|t| t.expression.as_deref() == Some(is.expression.as_str()))
        .count();
    GridSummary {
        is_expression: is.expression.clone(),
        specifications: shard.items.len(),
        solved: shard
            .items
            .iter()
            .filter(|t| t.status == TestStatus::Ok)
            .count(),
        no_solution: shard
            .items
            .iter()
            .filter(|t| t.status == TestStatus::NoSolution)
            .count(),
        invalid: shard
            .items
            .iter()
            .filter(|t| t.status == TestStatus::Invalid)
            .count(),
        share_equal_is: share(equal),
        path_stability: paths,
        distinct_solutions: distinct
            .into_iter()
            .map(|(e, c, _)| DistinctSolution {
                equals_is: e == is.expression,
                expression: e,
                count: c,
                share: share(c),
            })
            .collect(),
        fit: robustness_fit(&is.cases, &is.membership, &members, &is.outcome),
        necessity_stability: {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for t in &usable {
                for term in &t.necessary {
                    match counts.iter_mut().find(|(n, _)| n == term) {
                        Some(c) => c.1 += 1,
                        None => counts.push((term.clone(), 1)),
                    }
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
                .into_iter()
                .map(|(term, count)| NecessityStability {
                    term,
                    count,
                    share: share(count),
                })
                .collect()
        },
    }
}

// ------------------------------------------------------------------ configuration chart

/// One cell of a configuration chart.
///
/// ```
/// assert_eq!(fiscus_qca::ChartCell::CorePresent.symbol(), "●");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartCell {
    /// Core condition, present (●).
    CorePresent,
    /// Core condition, absent (⊗).
    CoreAbsent,
    /// Peripheral condition, present (•).
    PeripheralPresent,
    /// Peripheral condition, absent (⊘).
    PeripheralAbsent,
    /// Not in the path (blank).
    DontCare,
}

impl ChartCell {
    /// The usual symbol (Ragin & Fiss 2008).
    ///
    /// ```
    /// assert_eq!(fiscus_qca::ChartCell::PeripheralAbsent.symbol(), "⊘");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            ChartCell::CorePresent => "●",
            ChartCell::CoreAbsent => "⊗",
            ChartCell::PeripheralPresent => "•",
            ChartCell::PeripheralAbsent => "⊘",
            ChartCell::DontCare => "",
        }
    }
}

/// One path (intermediate term) of the chart with its fit.
///
/// ```
/// let p = fiscus_qca::ChartPath { path: "A*B".into(), cells: vec![], core: vec!["A".into()],
///     incl_s: 0.9, pri: 0.8, cov_s: 0.5, cov_u: Some(0.2) };
/// assert_eq!(p.core, vec!["A"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartPath {
    /// The intermediate term.
    pub path: String,
    /// One cell per condition, in condition order.
    pub cells: Vec<ChartCell>,
    /// The core literals.
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
    /// Unique coverage (`None` with a single path).
    #[serde(rename = "covU")]
    pub cov_u: Option<f64>,
}

/// A configuration chart (Ragin & Fiss): conditions × intermediate paths, core and peripheral.
///
/// ```
/// let c = fiscus_qca::ConfigurationChart { conditions: vec!["A".into()], paths: vec![],
///     solution: "A".into(), incl_s: 1.0, pri: 1.0, cov_s: 1.0 };
/// assert_eq!(c.conditions.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigurationChart {
    /// The conditions (rows).
    pub conditions: Vec<String>,
    /// The paths (columns).
    pub paths: Vec<ChartPath>,
    /// The intermediate model.
    pub solution: String,
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

/// The configuration chart of the first intermediate model: a condition of a path is core when,
/// for every parsimonious model, it appears in a parsimonious term nested in the path.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::*;
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 0.0, 0.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let cfg = MinimizeConfig { include_remainders: true, dir_exp: Some("A,B".into()), ..Default::default() };
/// let chart = configuration_chart(&minimize(&tt, &cfg).unwrap(), &tt.condition_names()).unwrap();
/// assert_eq!(chart.paths[0].cells, vec![ChartCell::CorePresent, ChartCell::CorePresent]);
/// ```
pub fn configuration_chart(m: &Minimization, conditions: &[String]) -> Result<ConfigurationChart> {
    let inter = m
        .intermediate
        .as_ref()
        .and_then(|i| i.first())
        .ok_or_else(|| QcaError::Option("the configuration chart needs the intermediate solution (directional expectations)".into()))?;
    let model = inter
        .models
        .first()
        .ok_or_else(|| QcaError::Analysis("the intermediate solution has no model".into()))?;
    let u = Universe {
        names: conditions.to_vec(),
        kinds: vec![crate::sets::SetKind::Fuzzy; conditions.len()],
        multivalue: false,
    };
    let parse_terms = |terms: &[String]| -> Result<Vec<Vec<Literal>>> {
        terms
            .iter()
            .map(|t| {
                Ok(parse_sop(&u, t)?
                    .terms
                    .into_iter()
                    .next()
                    .unwrap_or_default())
            })
            .collect()
    };
    let pmodels: Vec<Vec<Vec<Literal>>> = m
        .main
        .models
        .iter()
        .map(|p| parse_terms(&p.terms))
        .collect::<Result<_>>()?;
    chart_with(model, conditions, &|term: &[Literal], l: &Literal| {
        pmodels.iter().all(|pm| {
            pm.iter()
                .any(|pt| pt.contains(l) && pt.iter().all(|x| term.contains(x)))
        })
    })
}

/// The configuration chart of one model with every condition of its paths core: the chart of a
/// complex or parsimonious solution when there is no intermediate one.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::*;
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 0.0, 0.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let m = minimize(&tt, &MinimizeConfig::default()).unwrap();
/// let chart = model_chart(&m.main.models[0], &tt.condition_names()).unwrap();
/// assert_eq!(chart.paths[0].core, vec!["A", "B"]);
/// ```
pub fn model_chart(model: &Model, conditions: &[String]) -> Result<ConfigurationChart> {
    chart_with(model, conditions, &|_: &[Literal], _: &Literal| true)
}

/// The chart of `model`'s paths, a literal being core when `is_core(path, literal)`.
fn chart_with(
    model: &Model,
    conditions: &[String],
    is_core: &dyn Fn(&[Literal], &Literal) -> bool,
) -> Result<ConfigurationChart> {
    let u = Universe {
        names: conditions.to_vec(),
        kinds: vec![crate::sets::SetKind::Fuzzy; conditions.len()],
        multivalue: false,
    };
    let mut paths = Vec::new();
    for (k, text) in model.terms.iter().enumerate() {
        let term: Vec<Literal> = parse_sop(&u, text)?
            .terms
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut cells = vec![ChartCell::DontCare; conditions.len()];
        let mut core = Vec::new();
        for l in &term {
            let c = is_core(&term, l);
            let present = !l.negated && l.values.as_ref().is_none_or(|v| v.iter().all(|&x| x >= 1));
            cells[l.set] = match (c, present) {
                (true, true) => ChartCell::CorePresent,
                (true, false) => ChartCell::CoreAbsent,
                (false, true) => ChartCell::PeripheralPresent,
                (false, false) => ChartCell::PeripheralAbsent,
            };
            if c {
                core.push(format!(
                    "{}{}",
                    if present { "" } else { "~" },
                    conditions[l.set]
                ));
            }
        }
        let f = model.terms_fit.get(k);
        paths.push(ChartPath {
            path: text.clone(),
            cells,
            core,
            incl_s: f.and_then(|f| f.incl_s).unwrap_or(f64::NAN),
            pri: f.and_then(|f| f.pri).unwrap_or(f64::NAN),
            cov_s: f.and_then(|f| f.cov_s).unwrap_or(f64::NAN),
            cov_u: f.and_then(|f| f.cov_u).flatten(),
        });
    }
    Ok(ConfigurationChart {
        conditions: conditions.to_vec(),
        paths,
        solution: model.expression.clone(),
        incl_s: model.incl_s,
        pri: model.pri,
        cov_s: model.cov_s,
    })
}

/// The configuration chart of an initial specification (which must have directional
/// expectations).
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # use fiscus_qca::*;
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
/// #     Column::numbers("Y", &[0.0, 0.0, 0.0, 1.0])]).unwrap();
/// let mut s = Specification::default();
/// s.minimize.include_remainders = true;
/// s.minimize.dir_exp = Some("A,B".into());
/// assert_eq!(chart_of(&ds, "Y", None, &s).unwrap().solution, "A*B");
/// ```
pub fn chart_of(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
) -> Result<ConfigurationChart> {
    let data = prepare_data(ds, outcome, conditions, spec)?;
    let mut s = spec.clone();
    s.solution = SolutionKind::Intermediate;
    let solved = solve(ds, outcome, conditions, &s, &data.cases)?;
    let names: Vec<String> = data.conditions.iter().map(|c| c.name.clone()).collect();
    configuration_chart(&solved.minimization, &names)
}
