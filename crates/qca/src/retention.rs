//! Retention probabilities of a crisp-set solution under data perturbation (R QCA's
//! `retention()`; Thiem, Spöhel & Duşa 2016).
//!
//! The solution is retained when every truth-table row keeps its output: a row coded 1 keeps it
//! while none of its cases is corrupted (a corrupted case would carry the outcome to another
//! configuration) and while at least `n.cut` of its cases remain after deletions; a row coded 0
//! or C keeps it while at least `n.cut` of its cases remain unperturbed. Rows observed in fewer
//! than `n.cut` cases are remainders and stay so. Rows are independent, so the probability is a
//! product (independent perturbations) or a convolution of per-row counts (dependent ones).

use serde::Serialize;

use crate::error::{QcaError, Result};
use crate::truth_table::{truth_table, Out, TruthTableConfig};
use crate::QcaData;

/// What happens to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Perturbation {
    /// A condition value of a case is flipped.
    Corruption,
    /// A case is deleted.
    Deletion,
}

/// How many perturbations happen.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum PerturbationCount {
    /// Exactly this many, all choices equally likely (R's `dependent = TRUE`, `n.pert`).
    Dependent(usize),
    /// Each value (corruption) or case (deletion) with this probability (R's `p.pert`).
    Independent(f64),
}

/// Options of [`retention`].
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionConfig {
    /// Inclusion cut-off (R default 1).
    pub incl_cut: f64,
    /// Minimum number of cases of a coded row (R default 1).
    pub n_cut: usize,
    /// Corruption or deletion.
    pub kind: Perturbation,
    /// Dependent (`n.pert`) or independent (`p.pert`) perturbations.
    pub count: PerturbationCount,
}

impl RetentionConfig {
    /// The options of `fiscus retention` as written: `--type corruption|deletion`, and
    /// `--dependent` with `--n-pert K` (default 1) or `--independent` with `--p-pert P`
    /// (default 0.5); a count alone implies its kind.
    ///
    /// ```
    /// use fiscus_qca::{PerturbationCount, RetentionConfig};
    /// let c = RetentionConfig::from_options(1.0, 1, "deletion", false, false, None, Some(0.1)).unwrap();
    /// assert_eq!(c.count, PerturbationCount::Independent(0.1));
    /// assert_eq!(c.describe(), "independent, p = 0.1 deletion");
    /// assert!(RetentionConfig::from_options(1.0, 1, "deletion", true, false, None, Some(0.1)).is_err());
    /// ```
    pub fn from_options(
        incl_cut: f64,
        n_cut: usize,
        kind: &str,
        dependent: bool,
        independent: bool,
        n_pert: Option<usize>,
        p_pert: Option<f64>,
    ) -> Result<Self> {
        let bad = |m: &str| Err(QcaError::Option(m.into()));
        let kind = match kind {
            "corruption" => Perturbation::Corruption,
            "deletion" => Perturbation::Deletion,
            k => return bad(&format!("--type: `{k}` (use corruption or deletion)")),
        };
        let count = match (dependent, independent, n_pert, p_pert) {
            (_, false, Some(n), None) => PerturbationCount::Dependent(n),
            (false, _, None, Some(p)) => PerturbationCount::Independent(p),
            (true, _, None, None) => PerturbationCount::Dependent(1),
            (_, true, None, None) => PerturbationCount::Independent(0.5),
            (true, _, _, Some(_)) => return bad(
                "--p-pert goes with --independent; --dependent counts perturbations with --n-pert",
            ),
            (_, true, Some(_), _) => {
                return bad("--n-pert goes with --dependent; --independent takes --p-pert")
            }
            _ => return bad("give --dependent --n-pert K or --independent --p-pert P"),
        };
        Ok(RetentionConfig {
            incl_cut,
            n_cut,
            kind,
            count,
        })
    }

    /// The perturbations in words: `2 dependent corruption`, `independent, p = 0.1 deletion`.
    ///
    /// ```
    /// let c = fiscus_qca::RetentionConfig::from_options(1.0, 1, "corruption", true, false, Some(2), None).unwrap();
    /// assert_eq!(c.describe(), "2 dependent corruption");
    /// ```
    pub fn describe(&self) -> String {
        let kind = match self.kind {
            Perturbation::Corruption => "corruption",
            Perturbation::Deletion => "deletion",
        };
        match self.count {
            PerturbationCount::Dependent(n) => format!("{n} dependent {kind}"),
            PerturbationCount::Independent(p) => format!("independent, p = {p} {kind}"),
        }
    }
}

/// The result of [`retention`] as the CLI reports it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RetentionResult {
    /// The probability that the solution is retained.
    pub retention: f64,
}

/// Log of the binomial coefficient C(n, k).
fn ln_choose(n: u64, k: u64) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    let k = k.min(n - k);
    (0..k).map(|i| ((n - i) as f64 / (i + 1) as f64).ln()).sum()
}

/// For d = 0..=m, the number of ways of choosing d of a row's `n · per_case` units such that
/// at least `keep` of its `n` cases (each `per_case` units) stay untouched. A dynamic programme
/// over the cases (no alternating sums, so no cancellation).
fn row_ways(n: u64, per_case: u64, keep: u64, m: u64) -> Vec<f64> {
    // Each touched case takes at least one unit, so at most m cases are touched.
    let max_touched = (n - keep).min(m) as usize;
    let m = m as usize;
    // ways[t][d]: t cases touched so far, d units chosen.
    let mut ways = vec![vec![0.0f64; m + 1]; max_touched + 1];
    ways[0][0] = 1.0;
    let unit: Vec<f64> = (0..=per_case.min(m as u64))
        .map(|j| ln_choose(per_case, j).exp())
        .collect();
    for _ in 0..n {
        let mut next = vec![vec![0.0f64; m + 1]; max_touched + 1];
        for t in 0..=max_touched {
            for d in 0..=m {
                let w = ways[t][d];
                if w == 0.0 {
                    continue;
                }
                next[t][d] += w;
                if t < max_touched {
                    for (j, &c) in unit.iter().enumerate().skip(1) {
                        if d + j <= m {
                            next[t + 1][d + j] += w * c;
                        }
                    }
                }
            }
        }
        ways = next;
    }
    (0..=m).map(|d| ways.iter().map(|w| w[d]).sum()).collect()
}

/// The probability that the solution of `data` is retained (R QCA's `retention()`). Crisp
/// binary data only.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{retention, Perturbation, PerturbationCount, QcaData, RetentionConfig};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("Y", &[0.0, 0.0, 1.0, 1.0])]).unwrap();
/// let d = QcaData::new(&ds, "Y", None).unwrap();
/// let cfg = RetentionConfig { incl_cut: 1.0, n_cut: 1, kind: Perturbation::Deletion,
///                             count: PerturbationCount::Independent(0.1) };
/// // both rows (two cases each) must keep a case: (1 − 0.1²)²
/// assert!((retention(&d, &cfg).unwrap() - 0.99f64.powi(2)).abs() < 1e-15);
/// ```
pub fn retention(data: &QcaData, config: &RetentionConfig) -> Result<f64> {
    if let Some(c) = data
        .conditions
        .iter()
        .find(|c| c.kind != crate::SetKind::Crisp { levels: 2 })
    {
        return Err(QcaError::Option(format!(
            "retention is defined for binary crisp sets, but condition `{}` is {}",
            c.name,
            if c.kind == crate::SetKind::Fuzzy {
                "fuzzy"
            } else {
                "multi-value"
            }
        )));
    }
    if data.outcome.values.iter().any(|&y| y != 0.0 && y != 1.0) {
        return Err(QcaError::Option(format!(
            "retention is defined for binary crisp sets, but the outcome `{}` is fuzzy",
            data.outcome.label
        )));
    }
    let tt = truth_table(
        data.clone(),
        &TruthTableConfig {
            incl_cut1: config.incl_cut,
            n_cut: config.n_cut,
            ..Default::default()
        },
    )?;
    let k = data.conditions.len() as u64;
    let n_cut = config.n_cut.max(1) as u64;
    let (per_case, units) = match config.kind {
        Perturbation::Corruption => (k, data.n_cases() as u64 * k),
        Perturbation::Deletion => (1, data.n_cases() as u64),
    };
    // Per coded row: its number of cases and how many must stay untouched.
    let rows: Vec<(u64, u64)> = tt
        .rows
        .iter()
        .filter(|r| r.out != Out::Remainder)
        .map(|r| {
            let n = r.n as u64;
            let keep = match (config.kind, r.out) {
                (Perturbation::Corruption, Out::One) => n,
                _ => n_cut.min(n),
            };
            (n, keep)
        })
        .collect();
    match config.count {
        PerturbationCount::Independent(p) => {
            if !(0.0..=1.0).contains(&p) {
                return Err(QcaError::Option(format!(
                    "p.pert must lie in [0, 1], not {p}"
                )));
            }
            // A case is touched when any of its units is.
            let q = 1.0 - (1.0 - p).powi(per_case as i32);
            Ok(rows
                .iter()
                .map(|&(n, keep)| {
                    (0..=n - keep)
                        .map(|t| {
                            ln_choose(n, t).exp()
                                * q.powi(t as i32)
                                * (1.0 - q).powi((n - t) as i32)
                        })
                        .sum::<f64>()
                })
                .product())
        }
        PerturbationCount::Dependent(m) => {
            let m = m as u64;
            if m > units {
                return Err(QcaError::Option(format!(
                    "n.pert = {m}: more perturbations than the {units} values that can be perturbed"
                )));
            }
            let ln_total = ln_choose(units, m);
            if !ln_total.is_finite() {
                return Err(QcaError::Option(format!("n.pert = {m} is too large")));
            }
            // Units outside coded rows (remainder rows' cases) may be perturbed freely.
            let free = units - rows.iter().map(|&(n, _)| n * per_case).sum::<u64>();
            // Convolution of per-row counts, truncated at m, scaled by C(units, m) as we go.
            let scale = (-ln_total / (rows.len() as f64 + 1.0)).exp();
            let mut poly: Vec<f64> = (0..=m).map(|d| ln_choose(free, d).exp() * scale).collect();
            for &(n, keep) in &rows {
                let row: Vec<f64> = row_ways(n, per_case, keep, m)
                    .into_iter()
                    .map(|w| w * scale)
                    .collect();
                let mut next = vec![0.0; (m + 1) as usize];
                for (a, &x) in poly.iter().enumerate() {
                    if x == 0.0 {
                        continue;
                    }
                    for (b, &y) in row.iter().enumerate() {
                        if a + b <= m as usize {
                            next[a + b] += x * y;
                        }
                    }
                }
                poly = next;
            }
            let p = poly[m as usize];
            if !p.is_finite() {
                return Err(QcaError::Option(format!(
                    "n.pert = {m}: too many perturbations of {units} values to count exactly"
                )));
            }
            Ok(p.clamp(0.0, 1.0))
        }
    }
}
