//! One matrix from judgments to a report: completion, priorities, consistency, diagnostics and
//! the optional repair.

use serde::Serialize;

use crate::completion::optimal_values;
use crate::{
    complete, consistency, inconsistent_judgments, priorities, AhpError, CompletionMethod,
    Consistency, FilledCell, InconsistentJudgment, Judgments, Method, PairwiseMatrix, RiTable,
};

/// Settings of a single-matrix analysis.
///
/// ```
/// let c = fiscus_ahp::AhpConfig::default();
/// assert_eq!(c.threshold, 0.10);
/// assert_eq!(c.ri, fiscus_ahp::RiTable::AlonsoLamata);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AhpConfig {
    /// Priority method (default eigen).
    pub method: Method,
    /// RI table (default Alonso–Lamata).
    pub ri: RiTable,
    /// How missing judgments are filled (default Harker).
    pub completion: CompletionMethod,
    /// CR below which a matrix is acceptable (default 0.10).
    pub threshold: f64,
}

impl Default for AhpConfig {
    fn default() -> Self {
        AhpConfig {
            method: Method::Eigen,
            ri: RiTable::AlonsoLamata,
            completion: CompletionMethod::Harker,
            threshold: 0.10,
        }
    }
}

/// The analysis of one matrix.
///
/// ```
/// use fiscus_ahp::{analyze, AhpConfig, Judgments};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), Some(4.0), Some(2.0)]).unwrap();
/// let r = analyze(&j, &AhpConfig::default()).unwrap();
/// assert!((r.weights[0] - 4.0 / 7.0).abs() < 1e-12);
/// assert_eq!(r.ranks, vec![1, 2, 3]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpResult {
    /// Element names.
    pub elements: Vec<String>,
    /// Priority method.
    pub method: Method,
    /// Weights (Σ = 1).
    pub weights: Vec<f64>,
    /// Rank of each element (1 = largest weight; ties share the smaller rank).
    pub ranks: Vec<usize>,
    /// λmax, CI, RI, CR, GCI and acceptance.
    #[serde(flatten)]
    pub consistency: Consistency,
    /// The completion method when judgments were missing.
    pub completion: Option<CompletionMethod>,
    /// The complete matrix the priorities come from.
    pub completed_matrix: Vec<Vec<f64>>,
    /// The judgments that were filled.
    pub filled: Vec<FilledCell>,
    /// The most inconsistent given judgment (`None` for n = 1).
    pub most_inconsistent: Option<InconsistentJudgment>,
    /// All given judgments, most inconsistent first.
    pub inconsistent_judgments: Vec<InconsistentJudgment>,
}

/// Analyses one matrix of judgments.
///
/// ```
/// use fiscus_ahp::{analyze, AhpConfig, Judgments};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), None, Some(2.0)]).unwrap();
/// let r = analyze(&j, &AhpConfig::default()).unwrap();
/// assert_eq!(r.filled.len(), 1);
/// assert!((r.completed_matrix[0][2] - 4.0).abs() < 1e-9);
/// ```
pub fn analyze(j: &Judgments, config: &AhpConfig) -> Result<AhpResult, AhpError> {
    let completed = complete(j, config.completion)?;
    let mut r = analyze_complete(&completed.matrix, config)?;
    r.inconsistent_judgments = inconsistent_judgments(&completed.matrix, &r.weights, Some(j));
    r.most_inconsistent = r.inconsistent_judgments.first().cloned();
    if !completed.filled.is_empty() {
        r.completion = Some(completed.method);
        r.filled = completed.filled;
    }
    Ok(r)
}

/// Analyses a complete matrix.
///
/// ```
/// use fiscus_ahp::{analyze_complete, AhpConfig, PairwiseMatrix};
/// let m = PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.25, 0.75]).unwrap();
/// let r = analyze_complete(&m, &AhpConfig::default()).unwrap();
/// assert_eq!(r.ranks, vec![2, 1]);
/// assert_eq!(r.consistency.cr, 0.0);
/// ```
pub fn analyze_complete(m: &PairwiseMatrix, config: &AhpConfig) -> Result<AhpResult, AhpError> {
    check_threshold(config.threshold)?;
    let p = priorities(m, config.method);
    let c = consistency(m, &p, config.ri, config.threshold)?;
    let inc = inconsistent_judgments(m, &p.weights, None);
    Ok(AhpResult {
        elements: m.names().to_vec(),
        method: config.method,
        ranks: ranks(&p.weights),
        weights: p.weights,
        consistency: c,
        completion: None,
        completed_matrix: m.rows().to_vec(),
        filled: Vec::new(),
        most_inconsistent: inc.first().cloned(),
        inconsistent_judgments: inc,
    })
}

fn check_threshold(t: f64) -> Result<(), AhpError> {
    if t.is_finite() && t > 0.0 {
        Ok(())
    } else {
        Err(AhpError::BadParameter {
            name: "the CR threshold".into(),
            expected: "a positive number".into(),
            value: t.to_string(),
        })
    }
}

/// Competition ranks (1 = largest) of a weight vector.
///
/// ```
/// assert_eq!(fiscus_ahp::ranks(&[0.2, 0.5, 0.2, 0.1]), vec![2, 1, 2, 4]);
/// ```
pub fn ranks(w: &[f64]) -> Vec<usize> {
    w.iter()
        .map(|x| 1 + w.iter().filter(|y| **y > *x + 1e-12).count())
        .collect()
}

/// The Saaty-scale value (1/9 … 1/2, 1, 2 … 9) nearest to `x` on a log scale.
///
/// ```
/// assert_eq!(fiscus_ahp::nearest_scale_value(2.6), 3.0);
/// assert_eq!(fiscus_ahp::nearest_scale_value(0.3), 1.0 / 3.0);
/// assert_eq!(fiscus_ahp::nearest_scale_value(40.0), 9.0);
/// ```
pub fn nearest_scale_value(x: f64) -> f64 {
    let big = x.max(1.0 / x);
    let mut best: f64 = 1.0;
    for k in 2..=9 {
        let v = k as f64;
        if (v.ln() - big.ln()).abs() < (best.ln() - big.ln()).abs() {
            best = v;
        }
    }
    if x >= 1.0 {
        best
    } else {
        1.0 / best
    }
}

/// Limits of the repair search.
///
/// ```
/// assert_eq!(fiscus_ahp::RepairConfig::default().max_evaluations, 20_000);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RepairConfig {
    /// Most judgments that may be changed (default: no limit beyond keeping the comparison graph
    /// connected).
    pub max_changes: Option<usize>,
    /// Most candidate sets tried by the exhaustive search before falling back to the greedy one
    /// (default 20 000).
    pub max_evaluations: usize,
}

impl Default for RepairConfig {
    fn default() -> Self {
        RepairConfig {
            max_changes: None,
            max_evaluations: 20_000,
        }
    }
}

/// One changed judgment.
///
/// ```
/// let c = fiscus_ahp::RepairChange { i: 0, j: 1, row: "a".into(), column: "b".into(), old: 9.0, new: 2.1, nearest_scale: 2.0 };
/// assert!(c.new < c.old);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepairChange {
    /// 0-based row (i < j).
    pub i: usize,
    /// 0-based column.
    pub j: usize,
    /// Row element.
    pub row: String,
    /// Column element.
    pub column: String,
    /// The judgment as given.
    pub old: f64,
    /// The λmax-optimal replacement.
    pub new: f64,
    /// The Saaty-scale value nearest to `new`.
    pub nearest_scale: f64,
}

/// The result of a repair.
///
/// ```
/// use fiscus_ahp::{repair, AhpConfig, Judgments, RepairConfig};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(9.0), Some(1.0 / 9.0), Some(9.0)]).unwrap();
/// let r = repair(&j, &AhpConfig::default(), &RepairConfig::default()).unwrap();
/// assert!(r.reached && r.cr_after < 0.1);
/// assert_eq!(r.changes.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repair {
    /// The judgments changed (fewest possible when `minimal`).
    pub changes: Vec<RepairChange>,
    /// CR before.
    pub cr_before: f64,
    /// CR after the changes (with the λmax-optimal values).
    pub cr_after: f64,
    /// CR after with each changed judgment rounded to the nearest Saaty-scale value.
    pub cr_after_rounded: f64,
    /// Weights after the changes.
    pub weights_after: Vec<f64>,
    /// The repaired matrix.
    pub matrix_after: Vec<Vec<f64>>,
    /// Whether CR < threshold was reached.
    pub reached: bool,
    /// Whether the exhaustive search proved the number of changes minimal (false after falling
    /// back to the greedy search).
    pub minimal: bool,
}

/// Changes the fewest judgments needed to bring CR below the threshold: for k = 1, 2, … it tries
/// every set of k given judgments, replaces them (and any missing ones) by their λmax-optimal
/// values (Bozóki, Fülöp & Poesz 2015), and keeps the set with the lowest CR once one passes.
/// Beyond `max_evaluations` candidate sets it continues greedily, replacing the most
/// inconsistent remaining judgment each step.
///
/// ```
/// use fiscus_ahp::{repair, AhpConfig, Judgments, RepairConfig};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), Some(4.0), Some(2.0)]).unwrap();
/// let r = repair(&j, &AhpConfig::default(), &RepairConfig::default()).unwrap();
/// assert!(r.changes.is_empty() && r.minimal);
/// ```
pub fn repair(j: &Judgments, config: &AhpConfig, rc: &RepairConfig) -> Result<Repair, AhpError> {
    let base = analyze(j, config)?;
    let start =
        PairwiseMatrix::from_upper_unchecked(j.names().to_vec(), base.completed_matrix.clone());
    let missing = j.missing();
    let evaluate = |free_given: &[(usize, usize)],
                    tol: f64|
     -> Result<(PairwiseMatrix, AhpResult), AhpError> {
        let mut free = missing.clone();
        free.extend_from_slice(free_given);
        let m = if free.is_empty() {
            start.clone()
        } else {
            optimal_values(&start, &free, tol)
        };
        let r = analyze_complete(&m, config)?;
        Ok((m, r))
    };
    // The search uses a loose tolerance; the reported values are polished.
    let finish = |set: &[(usize, usize)], minimal: bool| -> Result<Repair, AhpError> {
        let (m, r) = evaluate(set, 1e-12)?;
        let changes: Vec<RepairChange> = set
            .iter()
            .map(|&(a, b)| RepairChange {
                i: a,
                j: b,
                row: j.names()[a].clone(),
                column: j.names()[b].clone(),
                old: j.get(a, b).unwrap_or(f64::NAN),
                new: m.get(a, b),
                nearest_scale: nearest_scale_value(m.get(a, b)),
            })
            .collect();
        let mut rounded = m.rows().to_vec();
        for ch in &changes {
            rounded[ch.i][ch.j] = ch.nearest_scale;
        }
        let rounded = PairwiseMatrix::from_upper_unchecked(m.names().to_vec(), rounded);
        let rr = analyze_complete(&rounded, config)?;
        Ok(Repair {
            changes,
            cr_before: base.consistency.cr,
            cr_after: r.consistency.cr,
            cr_after_rounded: rr.consistency.cr,
            weights_after: r.weights.clone(),
            matrix_after: m.rows().to_vec(),
            reached: r.consistency.acceptable,
            minimal,
        })
    };
    if base.consistency.acceptable {
        return finish(&[], true);
    }
    let given = j.given();
    let max_k = rc.max_changes.unwrap_or(given.len()).min(given.len());
    let mut evaluations = 0usize;
    for k in 1..=max_k {
        let mut best: Option<Candidate> = None;
        let mut idx: Vec<usize> = (0..k).collect();
        let mut exhausted_budget = false;
        loop {
            let set: Vec<(usize, usize)> = idx.iter().map(|&t| given[t]).collect();
            if j.without(&set).connected() {
                evaluations += 1;
                let (m, r) = evaluate(&set, 1e-7)?;
                if r.consistency.acceptable
                    && best
                        .as_ref()
                        .is_none_or(|(_, _, b)| r.consistency.cr < b.consistency.cr)
                {
                    best = Some((set, m, r));
                }
                if evaluations >= rc.max_evaluations {
                    exhausted_budget = true;
                    break;
                }
            }
            if !next_combination(&mut idx, given.len()) {
                break;
            }
        }
        if let Some((set, _, _)) = best {
            return finish(&set, !exhausted_budget);
        }
        if exhausted_budget {
            return greedy(j, config, rc, &given, &evaluate, &finish);
        }
    }
    // Not reachable within max_changes: report the best greedy attempt.
    greedy(j, config, rc, &given, &evaluate, &finish)
}

type Candidate = (Vec<(usize, usize)>, PairwiseMatrix, AhpResult);
type Evaluate<'a> =
    dyn Fn(&[(usize, usize)], f64) -> Result<(PairwiseMatrix, AhpResult), AhpError> + 'a;
type Finish<'a> = dyn Fn(&[(usize, usize)], bool) -> Result<Repair, AhpError> + 'a;

fn greedy(
    j: &Judgments,
    config: &AhpConfig,
    rc: &RepairConfig,
    given: &[(usize, usize)],
    evaluate: &Evaluate<'_>,
    finish: &Finish<'_>,
) -> Result<Repair, AhpError> {
    let max_k = rc.max_changes.unwrap_or(given.len()).min(given.len());
    let mut set: Vec<(usize, usize)> = Vec::new();
    let (mut m, mut r) = evaluate(&set, 1e-7)?;
    while set.len() < max_k && r.consistency.cr >= config.threshold {
        let remaining = j.without(&set);
        let next = inconsistent_judgments(&m, &r.weights, Some(&remaining))
            .into_iter()
            .map(|x| (x.i, x.j))
            .find(|p| {
                let mut trial = set.clone();
                trial.push(*p);
                j.without(&trial).connected()
            });
        let Some(p) = next else { break };
        set.push(p);
        (m, r) = evaluate(&set, 1e-7)?;
    }
    finish(&set, false)
}

/// Advances `idx` (a sorted k-subset of 0..n) to the next combination; false when done.
fn next_combination(idx: &mut [usize], n: usize) -> bool {
    let k = idx.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if idx[i] < n - k + i {
            idx[i] += 1;
            for t in i + 1..k {
                idx[t] = idx[t - 1] + 1;
            }
            return true;
        }
    }
    false
}
