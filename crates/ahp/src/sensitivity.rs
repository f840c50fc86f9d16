//! One-at-a-time sensitivity of a ranking to one weight, with the rank-reversal points.

use serde::Serialize;

use crate::{ranks, AhpError};

/// A ranking problem linear in a set of weights: the score of target `t` is
/// `base[t] + scale · Σ_k weights[k] · contributions[k][t]`. Changing weight k to
/// `w_k' = w_k (1 + δ)` rescales the others by `(1 − w_k')/(1 − w_k)` so they still sum to the same
/// total.
///
/// ```
/// use fiscus_ahp::SensitivityProblem;
/// let p = SensitivityProblem::elements(vec!["a".into(), "b".into()], vec![0.7, 0.3]);
/// assert_eq!(p.contributions[0], vec![1.0, 0.0]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityProblem {
    /// The weights varied one at a time (e.g. criteria).
    pub factors: Vec<String>,
    /// Their baseline weights (summing to 1).
    pub weights: Vec<f64>,
    /// What is ranked (e.g. alternatives).
    pub targets: Vec<String>,
    /// Score of each target from outside the varied weights.
    pub base: Vec<f64>,
    /// Multiplier of the varied part (the global weight of the node whose children vary).
    pub scale: f64,
    /// `contributions[k][t]`: the score target t gets per unit of weight k.
    pub contributions: Vec<Vec<f64>>,
}

impl SensitivityProblem {
    /// The elements of one matrix ranked by their own weights (targets = factors).
    ///
    /// ```
    /// let p = fiscus_ahp::SensitivityProblem::elements(vec!["a".into()], vec![1.0]);
    /// assert_eq!(p.targets, p.factors);
    /// ```
    pub fn elements(names: Vec<String>, weights: Vec<f64>) -> SensitivityProblem {
        let n = names.len();
        SensitivityProblem {
            factors: names.clone(),
            targets: names,
            base: vec![0.0; n],
            scale: 1.0,
            contributions: (0..n)
                .map(|k| (0..n).map(|t| if t == k { 1.0 } else { 0.0 }).collect())
                .collect(),
            weights,
        }
    }
}

/// A point where two targets swap places.
///
/// ```
/// let r = fiscus_ahp::Reversal { factor: "a".into(), delta: Some(0.5), weight: 0.6, ahead: "x".into(), overtaken_by: "y".into() };
/// assert!(r.delta.unwrap() > 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reversal {
    /// The varied weight.
    pub factor: String,
    /// Relative change δ with `w' = w (1 + δ)` (`None` when the baseline weight is 0).
    pub delta: Option<f64>,
    /// The weight `w'` at which the two targets tie.
    pub weight: f64,
    /// The target ranked higher at baseline.
    pub ahead: String,
    /// The target that overtakes it beyond this point.
    pub overtaken_by: String,
}

/// Rank reversals for one varied weight.
///
/// ```
/// use fiscus_ahp::{one_at_a_time, SensitivityProblem};
/// let r = one_at_a_time(&SensitivityProblem::elements(vec!["a".into(), "b".into()], vec![0.6, 0.4])).unwrap();
/// assert!((r.factors[0].nearest_decrease.unwrap() + 1.0 / 6.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorSensitivity {
    /// The varied weight.
    pub factor: String,
    /// Its baseline value.
    pub weight: f64,
    /// The smallest decrease δ < 0 that changes the ranking (`None`: no decrease does).
    pub nearest_decrease: Option<f64>,
    /// The smallest increase δ > 0 that changes the ranking.
    pub nearest_increase: Option<f64>,
    /// Every pairwise reversal for w' strictly between 0 and 1, by w'.
    pub reversals: Vec<Reversal>,
}

/// The sensitivity analysis.
///
/// ```
/// use fiscus_ahp::{one_at_a_time, SensitivityProblem};
/// let r = one_at_a_time(&SensitivityProblem::elements(vec!["a".into(), "b".into()], vec![0.6, 0.4])).unwrap();
/// assert_eq!(r.ranking, vec!["a", "b"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityResult {
    /// Targets.
    pub targets: Vec<String>,
    /// Baseline scores.
    pub scores: Vec<f64>,
    /// Baseline ranks (1 = best).
    pub ranks: Vec<usize>,
    /// Targets from best to worst.
    pub ranking: Vec<String>,
    /// One entry per varied weight.
    pub factors: Vec<FactorSensitivity>,
    /// The factor whose smallest relative change (either direction) reverses a rank.
    pub most_sensitive: Option<String>,
}

/// Varies each weight alone and finds where targets swap ranks.
///
/// ```
/// use fiscus_ahp::{one_at_a_time, SensitivityProblem};
/// // Two criteria, two alternatives: x is good on c1, y on c2.
/// let p = SensitivityProblem {
///     factors: vec!["c1".into(), "c2".into()], weights: vec![0.6, 0.4],
///     targets: vec!["x".into(), "y".into()], base: vec![0.0, 0.0], scale: 1.0,
///     contributions: vec![vec![0.8, 0.2], vec![0.3, 0.7]],
/// };
/// let r = one_at_a_time(&p).unwrap();
/// // x = 0.3 + 0.5 w1, y = 0.7 − 0.5 w1: tie at w1 = 0.4, δ = −1/3.
/// assert!((r.factors[0].nearest_decrease.unwrap() + 1.0 / 3.0).abs() < 1e-12);
/// ```
pub fn one_at_a_time(p: &SensitivityProblem) -> Result<SensitivityResult, AhpError> {
    let k = p.factors.len();
    let t = p.targets.len();
    if p.weights.len() != k || p.contributions.len() != k || p.base.len() != t {
        return Err(AhpError::BadWeights(
            "the sensitivity problem's sizes do not match".into(),
        ));
    }
    if p.contributions.iter().any(|c| c.len() != t) {
        return Err(AhpError::BadWeights(
            "each factor needs one contribution per target".into(),
        ));
    }
    if let Some(bad) = p.weights.iter().find(|w| !(w.is_finite() && **w >= 0.0)) {
        return Err(AhpError::BadWeights(format!(
            "weight {bad} is not a non-negative number"
        )));
    }
    let score = |w: &[f64]| -> Vec<f64> {
        (0..t)
            .map(|a| {
                p.base[a] + p.scale * (0..k).map(|f| w[f] * p.contributions[f][a]).sum::<f64>()
            })
            .collect()
    };
    let scores = score(&p.weights);
    let rk = ranks(&scores);
    let mut order: Vec<usize> = (0..t).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut factors = Vec::with_capacity(k);
    for f in 0..k {
        let wk = p.weights[f];
        let rest = 1.0 - wk;
        let mut reversals = Vec::new();
        if rest > 1e-12 {
            // S_a(w') = base_a + scale (w' u_af + (1 − w') R_a), R_a = Σ_{j≠f} w_j u_aj / (1 − w_f).
            let r: Vec<f64> = (0..t)
                .map(|a| {
                    (0..k)
                        .filter(|&j| j != f)
                        .map(|j| p.weights[j] * p.contributions[j][a])
                        .sum::<f64>()
                        / rest
                })
                .collect();
            for a in 0..t {
                for b in 0..t {
                    if scores[a] <= scores[b] + 1e-12 {
                        continue;
                    }
                    let d0 = p.base[a] - p.base[b] + p.scale * (r[a] - r[b]);
                    let d1 =
                        p.scale * (p.contributions[f][a] - r[a] - p.contributions[f][b] + r[b]);
                    if d1.abs() < 1e-15 {
                        continue;
                    }
                    let w_star = -d0 / d1;
                    // A reversal needs the order to flip strictly inside (0, 1): targets that
                    // only meet at w' = 0 or 1 (where the other weights vanish) never swap.
                    if w_star > 1e-12 && w_star < 1.0 - 1e-12 && (w_star - wk).abs() > 1e-12 {
                        reversals.push(Reversal {
                            factor: p.factors[f].clone(),
                            delta: (wk > 0.0).then(|| w_star / wk - 1.0),
                            weight: w_star,
                            ahead: p.targets[a].clone(),
                            overtaken_by: p.targets[b].clone(),
                        });
                    }
                }
            }
        }
        reversals.sort_by(|x, y| x.weight.total_cmp(&y.weight));
        let nearest_decrease = reversals
            .iter()
            .filter_map(|r| r.delta)
            .filter(|d| *d < 0.0)
            .fold(None, |acc: Option<f64>, d| {
                Some(acc.map_or(d, |x| x.max(d)))
            });
        let nearest_increase = reversals
            .iter()
            .filter_map(|r| r.delta)
            .filter(|d| *d > 0.0)
            .fold(None, |acc: Option<f64>, d| {
                Some(acc.map_or(d, |x| x.min(d)))
            });
        factors.push(FactorSensitivity {
            factor: p.factors[f].clone(),
            weight: wk,
            nearest_decrease,
            nearest_increase,
            reversals,
        });
    }
    let most_sensitive = factors
        .iter()
        .filter_map(|f| {
            let m = [f.nearest_decrease.map(f64::abs), f.nearest_increase]
                .into_iter()
                .flatten()
                .fold(f64::INFINITY, f64::min);
            m.is_finite().then_some((f.factor.clone(), m))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|x| x.0);
    Ok(SensitivityResult {
        targets: p.targets.clone(),
        ranking: order.iter().map(|&a| p.targets[a].clone()).collect(),
        scores,
        ranks: rk,
        factors,
        most_sensitive,
    })
}
