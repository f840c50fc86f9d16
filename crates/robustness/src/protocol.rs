//! The SetMethods protocol (Oana & Schneider 2021; `rob.fit`, `rob.cases`, `rob.corefit`):
//! the initial solution, test solutions, the robust core and the case cells.

use fiscus_data::Dataset;
use fiscus_qca::{
    configuration_chart, minimize, parse_sop, sop_membership, truth_table, ConfigurationChart,
    FitSums, Minimization, Model, QcaData, QcaError, Result, SufficiencyFit,
};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::spec::{prepare_data, recalibrated, Change, SolutionKind, Specification};

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
/// assert_eq!(serde_json::to_string(&fiscus_robustness::TestStatus::NoSolution).unwrap(), "\"no_solution\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    /// Minimised; its first model is the test solution.
    Ok,
    /// No truth-table row passes the cut-offs (or nothing is left to minimise): the
    /// specification cannot be analysed; it is reported with its reason and left out of every
    /// robustness measure (not counted as an empty test solution against every path).
    NoSolution,
    /// The specification is not valid (e.g. shifted anchors out of order): reported and left
    /// out of every robustness measure.
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
/// use fiscus_robustness::{TestSolution, TestStatus};
/// let t = TestSolution { label: "TS1".into(), expression: None, status: TestStatus::NoSolution,
///     message: Some("no positive rows".into()), membership: vec![0.0, 0.0], necessary: vec![] };
/// assert!(!t.usable());
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
        Ok(d) => fiscus_qca::necessity_table(&d)
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
    /// # use fiscus_robustness::{TestSolution, TestStatus};
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
    /// # use fiscus_robustness::{TestSolution, TestStatus};
    /// let t = TestSolution { label: "x".into(), expression: Some("A".into()), status: TestStatus::Ok, message: None, membership: vec![0.8, 0.2], necessary: vec![] };
    /// assert!((t.similarity(&[0.8, 0.4]) - 1.0 / 1.2).abs() < 1e-12);
    /// ```
    pub fn similarity(&self, other: &[f64]) -> f64 {
        sc(other, &self.membership)
    }

    /// Whether the test counts in the robustness measures: only a test solution with a model
    /// ([`TestStatus::Ok`]) does.
    ///
    /// ```
    /// # use fiscus_robustness::{TestSolution, TestStatus};
    /// let t = TestSolution { label: "x".into(), expression: None, status: TestStatus::Invalid, message: None, membership: vec![], necessary: vec![] };
    /// assert!(!t.usable());
    /// ```
    pub fn usable(&self) -> bool {
        self.status == TestStatus::Ok
    }
}

pub(crate) fn run_test(
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
/// let c = fiscus_robustness::CaseCounts::default();
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
/// let r = fiscus_robustness::CaseRow { case: "a".into(), is: 0.8, min_ts: 0.7, max_ts: 0.9, outcome: 0.6, cell: "robust_typical".into() };
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
/// let f = fiscus_robustness::robustness_fit(&["a".into(), "b".into()], &[0.8, 0.1], &[vec![0.7, 0.3]], &y);
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
/// let f = fiscus_robustness::robustness_fit(&["a".into()], &[0.8], &[], &[0.9]);
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
/// let is = fiscus_robustness::initial_solution(&ds, "Y", None, &Default::default()).unwrap();
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
/// assert!(fiscus_robustness::initial_solution(&ds, "Y", None, &Default::default()).is_err());
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
/// let r = fiscus_robustness::robustness(&ds, "Y", None, &Default::default(), &[]).unwrap();
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
/// # use fiscus_robustness::Change;
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let r = fiscus_robustness::robustness(&ds, "Y", None, &Default::default(),
///     &[("strict".into(), vec![Change::InclCut(1.0, None), Change::NCut(3)])]).unwrap();
/// assert_eq!(r.tests[0].status, fiscus_robustness::TestStatus::NoSolution);
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

/// The configuration chart of an initial specification (which must have directional
/// expectations).
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # use fiscus_robustness::*;
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
