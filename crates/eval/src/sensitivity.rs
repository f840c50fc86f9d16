//! One-at-a-time weight sensitivity of the composite and the weight change that moves the grade.

use serde::Serialize;

use crate::{Conversion, EvalError, GradeBasis, GradeScheme, Scale};

/// One run of the one-at-a-time analysis.
///
/// ```
/// let r = fiscus_eval::one_at_a_time(&[4.0, 3.0], &[0.5, 0.5], &[0.2]).unwrap();
/// assert_eq!(r[0].dimension_index, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityRun {
    /// Which dimension's weight was changed.
    pub dimension_index: usize,
    /// Relative change δ.
    pub delta: f64,
    /// All weights after the change.
    pub weights: Vec<f64>,
    /// The composite with those weights.
    pub score: f64,
}

fn check(scores: &[f64], weights: &[f64]) -> Result<(), EvalError> {
    if scores.len() != weights.len() || scores.is_empty() {
        return Err(EvalError::Shape(format!(
            "{} dimension scores for {} weights",
            scores.len(),
            weights.len()
        )));
    }
    if let Some(w) = weights.iter().find(|w| !w.is_finite() || **w < 0.0) {
        return Err(EvalError::BadWeight {
            what: "sensitivity".into(),
            value: *w,
        });
    }
    if let Some(s) = scores.iter().find(|s| !s.is_finite()) {
        return Err(EvalError::BadValue(format!(
            "dimension score {s} is not finite"
        )));
    }
    Ok(())
}

/// Weights after changing weight k by δ: w_k' = w_k(1 + δ), the others rescaled by
/// (1 − w_k')/(1 − w_k) so they still sum to 1. `None` when w_k = 1 or w_k' leaves [0, 1].
///
/// ```
/// let w = fiscus_eval::shifted_weights(&[0.5, 0.3, 0.2], 0, 0.2).unwrap();
/// assert!((w[0] - 0.6).abs() < 1e-12 && (w[1] - 0.24).abs() < 1e-12);
/// assert!(fiscus_eval::shifted_weights(&[0.5, 0.5], 0, 1.5).is_none());
/// ```
pub fn shifted_weights(weights: &[f64], k: usize, delta: f64) -> Option<Vec<f64>> {
    let wk = *weights.get(k)?;
    let new = wk * (1.0 + delta);
    if !(0.0..=1.0).contains(&new) || wk >= 1.0 {
        return None;
    }
    let f = (1.0 - new) / (1.0 - wk);
    Some(
        weights
            .iter()
            .enumerate()
            .map(|(j, &w)| if j == k { new } else { w * f })
            .collect(),
    )
}

/// The composite Σ_j w_j' S_j for each dimension k and each δ in `deltas` (runs whose new
/// weight would leave [0, 1] are skipped).
///
/// ```
/// let runs = fiscus_eval::one_at_a_time(&[4.0, 3.0], &[0.5, 0.5], &[-0.2, 0.2]).unwrap();
/// assert_eq!(runs.len(), 4);
/// assert!((runs[1].score - 3.6).abs() < 1e-12); // w = (0.6, 0.4)
/// ```
pub fn one_at_a_time(
    scores: &[f64],
    weights: &[f64],
    deltas: &[f64],
) -> Result<Vec<SensitivityRun>, EvalError> {
    check(scores, weights)?;
    let mut runs = Vec::new();
    for k in 0..weights.len() {
        for &d in deltas {
            if !d.is_finite() {
                return Err(EvalError::Parameter {
                    name: "delta".into(),
                    value: d,
                    reason: "must be finite".into(),
                });
            }
            let Some(w) = shifted_weights(weights, k, d) else {
                continue;
            };
            let score = w.iter().zip(scores).map(|(a, b)| a * b).sum();
            runs.push(SensitivityRun {
                dimension_index: k,
                delta: d,
                weights: w,
                score,
            });
        }
    }
    Ok(runs)
}

/// The smallest change of one dimension's weight (others rescaled) that changes the grade.
///
/// ```
/// let s = fiscus_eval::GradeShift { delta: Some(0.5), new_weight: 0.75, score: 4.5, grade: "A".into() };
/// assert_eq!(s.grade, "A");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeShift {
    /// Relative change δ = w'/w − 1 (`None` when the weight is 0).
    pub delta: Option<f64>,
    /// The weight at the band boundary.
    pub new_weight: f64,
    /// The composite at the boundary (on the response scale).
    pub score: f64,
    /// The grade just past the boundary.
    pub grade: String,
}

/// How far one dimension's weight can move before the grade changes.
///
/// ```
/// # use fiscus_eval::*;
/// let b = grade_boundaries(&[4.8, 3.0], &[0.5, 0.5], &GradeScheme::five_band(), &Scale::default(), Conversion::Times).unwrap();
/// assert_eq!(b[0].current_grade, "B");
/// assert!((b[0].increase.as_ref().unwrap().new_weight - 0.8333333333333334).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionBoundary {
    /// Dimension index.
    pub dimension_index: usize,
    /// Current weight.
    pub weight: f64,
    /// Current grade of the composite.
    pub current_grade: String,
    /// Nearest grade change when the weight rises (`None`: no change up to weight 1).
    pub increase: Option<GradeShift>,
    /// Nearest grade change when the weight falls (`None`: no change down to weight 0).
    pub decrease: Option<GradeShift>,
}

/// For each dimension, the weight change (others rescaled proportionally) that moves the
/// composite across a band boundary of `scheme`. The composite is linear in the weight:
/// S(w') = w' S_k + (1 − w') R_k with R_k the rescaled mean of the other dimensions, so the
/// boundary b is reached at w' = (b − R_k)/(S_k − R_k). A scheme on 100 points is mapped back
/// to the response scale with the conversion.
///
/// ```
/// # use fiscus_eval::*;
/// let b = grade_boundaries(&[4.0, 3.0], &[0.5, 0.5], &GradeScheme::five_band(), &Scale::default(), Conversion::Times).unwrap();
/// // score 3.5 is exactly at the B/C boundary; lowering the first weight at all makes it C
/// assert_eq!(b[0].decrease.as_ref().unwrap().grade, "C");
/// ```
pub fn grade_boundaries(
    scores: &[f64],
    weights: &[f64],
    scheme: &GradeScheme,
    scale: &Scale,
    conversion: Conversion,
) -> Result<Vec<DimensionBoundary>, EvalError> {
    check(scores, weights)?;
    let to_basis = |s: f64| match scheme.basis() {
        GradeBasis::Raw => s,
        GradeBasis::Hundred => conversion.to_hundred(s, scale),
    };
    let from_basis = |b: f64| match scheme.basis() {
        GradeBasis::Raw => b,
        GradeBasis::Hundred => match conversion {
            Conversion::Times => b * scale.max() / 100.0,
            Conversion::Linear => scale.min() + b / 100.0 * (scale.max() - scale.min()),
        },
    };
    let base: f64 = weights.iter().zip(scores).map(|(a, b)| a * b).sum();
    let current = scheme.grade(to_basis(base))?.to_string();
    let mut out = Vec::with_capacity(weights.len());
    for k in 0..weights.len() {
        let wk = weights[k];
        let sk = scores[k];
        let mut inc: Option<GradeShift> = None;
        let mut dec: Option<GradeShift> = None;
        if wk < 1.0 {
            let rk = (base - wk * sk) / (1.0 - wk);
            let at = |w: f64| w * sk + (1.0 - w) * rk;
            if (sk - rk).abs() > 1e-15 {
                for b in scheme.boundaries() {
                    let w_star = (from_basis(b) - rk) / (sk - rk);
                    if !(0.0..=1.0).contains(&w_star) {
                        continue;
                    }
                    let directions: &[bool] = if w_star > wk {
                        &[true]
                    } else if w_star < wk {
                        &[false]
                    } else {
                        &[true, false]
                    };
                    for &up in directions {
                        // the grade at the boundary and just past it, in the direction of travel
                        let probe = if up { w_star + 1e-9 } else { w_star - 1e-9 }.clamp(0.0, 1.0);
                        let changed = [w_star, probe]
                            .into_iter()
                            .filter_map(|w| scheme.grade(to_basis(at(w))).ok())
                            .find(|g| *g != current);
                        let Some(grade) = changed else { continue };
                        let target = if up { &mut inc } else { &mut dec };
                        let nearer = target
                            .as_ref()
                            .is_none_or(|s| (w_star - wk).abs() < (s.new_weight - wk).abs());
                        if nearer {
                            *target = Some(GradeShift {
                                delta: (wk > 0.0).then(|| w_star / wk - 1.0),
                                new_weight: w_star,
                                score: at(w_star),
                                grade: grade.to_string(),
                            });
                        }
                    }
                }
            }
        }
        out.push(DimensionBoundary {
            dimension_index: k,
            weight: wk,
            current_grade: current.clone(),
            increase: inc,
            decrease: dec,
        });
    }
    Ok(out)
}
