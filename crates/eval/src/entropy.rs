//! Entropy weights, their combination with AHP weights, and TOPSIS.

use std::str::FromStr;

use serde::Serialize;

use crate::{Direction, EvalError};

/// How the data are normalised before the entropy is taken.
///
/// ```
/// assert_eq!("ratio".parse::<fiscus_eval::EntropyNormalisation>().unwrap(), fiscus_eval::EntropyNormalisation::Ratio);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntropyNormalisation {
    /// Min–max: benefit (x − min)/(max − min), cost (max − x)/(max − min); then p = x'/Σx'.
    #[default]
    MinMax,
    /// Ratio p = x/Σx on the raw values (x ≥ 0); a cost indicator is first reflected,
    /// x' = max + min − x.
    Ratio,
}

impl FromStr for EntropyNormalisation {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "min-max" | "minmax" | "range" => Ok(EntropyNormalisation::MinMax),
            "ratio" | "proportion" | "sum" => Ok(EntropyNormalisation::Ratio),
            other => Err(EvalError::BadValue(format!(
                "unknown entropy normalisation `{other}` (use min-max or ratio)"
            ))),
        }
    }
}

/// Entropy weights and their ingredients.
///
/// ```
/// use fiscus_eval::{entropy_weights, Direction, EntropyNormalisation};
/// let x = vec![vec![1.0, 5.0], vec![2.0, 5.0], vec![3.0, 5.0]];
/// let e = entropy_weights(&x, &[Direction::Benefit; 2], EntropyNormalisation::MinMax).unwrap();
/// assert_eq!(e.weights, vec![1.0, 0.0]); // a constant column carries no information
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntropyWeights {
    /// Entropy e_j = −Σ_i p_ij ln p_ij / ln m (0 ln 0 = 0; a constant column has e = 1).
    pub entropy: Vec<f64>,
    /// Divergence d_j = 1 − e_j.
    pub divergence: Vec<f64>,
    /// w_j = d_j / Σ d.
    pub weights: Vec<f64>,
    /// The normalisation used.
    pub normalisation: EntropyNormalisation,
}

fn check_matrix(x: &[Vec<f64>], directions: &[Direction], what: &str) -> Result<usize, EvalError> {
    if x.len() < 2 {
        return Err(EvalError::Shape(format!(
            "{what} needs at least 2 units (rows), got {}",
            x.len()
        )));
    }
    let n = directions.len();
    if n == 0 {
        return Err(EvalError::Shape(format!(
            "{what} needs at least 1 indicator"
        )));
    }
    for (i, row) in x.iter().enumerate() {
        if row.len() != n {
            return Err(EvalError::Shape(format!(
                "{what}: row {} has {} values for {n} indicators",
                i + 1,
                row.len()
            )));
        }
        if let Some(v) = row.iter().find(|v| !v.is_finite()) {
            return Err(EvalError::BadValue(format!(
                "{what}: row {} has the non-finite value {v}",
                i + 1
            )));
        }
    }
    Ok(n)
}

/// Entropy weights of a units × indicators matrix (m ≥ 2 units).
///
/// ```
/// use fiscus_eval::{entropy_weights, Direction, EntropyNormalisation};
/// let x = vec![vec![10.0, 1.0], vec![20.0, 3.0], vec![30.0, 2.0]];
/// let e = entropy_weights(&x, &[Direction::Benefit, Direction::Cost], EntropyNormalisation::Ratio).unwrap();
/// assert!((e.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// assert!(entropy_weights(&[vec![-1.0], vec![2.0]], &[Direction::Benefit], EntropyNormalisation::Ratio).is_err());
/// ```
pub fn entropy_weights(
    x: &[Vec<f64>],
    directions: &[Direction],
    normalisation: EntropyNormalisation,
) -> Result<EntropyWeights, EvalError> {
    let n = check_matrix(x, directions, "entropy weights")?;
    let m = x.len();
    let ln_m = (m as f64).ln();
    let mut entropy = Vec::with_capacity(n);
    for j in 0..n {
        let col: Vec<f64> = x.iter().map(|r| r[j]).collect();
        let lo = col.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = col.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let xs: Vec<f64> = match normalisation {
            EntropyNormalisation::MinMax => {
                if hi == lo {
                    entropy.push(1.0);
                    continue;
                }
                col.iter()
                    .map(|&v| match directions[j] {
                        Direction::Benefit => (v - lo) / (hi - lo),
                        Direction::Cost => (hi - v) / (hi - lo),
                    })
                    .collect()
            }
            EntropyNormalisation::Ratio => {
                if lo < 0.0 {
                    return Err(EvalError::BadValue(format!(
                        "entropy weights: indicator {} has the negative value {lo}; ratio normalisation needs values >= 0 (use min-max)",
                        j + 1
                    )));
                }
                match directions[j] {
                    Direction::Benefit => col,
                    Direction::Cost => col.iter().map(|&v| hi + lo - v).collect(),
                }
            }
        };
        let sum: f64 = xs.iter().sum();
        if sum <= 0.0 {
            entropy.push(1.0);
            continue;
        }
        let h: f64 = xs
            .iter()
            .map(|&v| {
                let p = v / sum;
                if p > 0.0 {
                    -p * p.ln()
                } else {
                    0.0
                }
            })
            .sum();
        entropy.push((h / ln_m).min(1.0));
    }
    let divergence: Vec<f64> = entropy.iter().map(|e| 1.0 - e).collect();
    let total: f64 = divergence.iter().sum();
    if total <= 0.0 {
        return Err(EvalError::BadValue(
            "entropy weights: every indicator is constant or evenly spread across units (all entropies are 1)".into(),
        ));
    }
    Ok(EntropyWeights {
        weights: divergence.iter().map(|d| d / total).collect(),
        entropy,
        divergence,
        normalisation,
    })
}

/// How subjective (AHP) and objective (entropy) weights are combined.
///
/// ```
/// use fiscus_eval::{combine_weights, Combination};
/// let w = combine_weights(&[0.6, 0.4], &[0.2, 0.8], Combination::Linear { alpha: 0.5 }).unwrap();
/// assert!((w[0] - 0.4).abs() < 1e-12);
/// let w = combine_weights(&[0.6, 0.4], &[0.2, 0.8], Combination::Multiplicative).unwrap();
/// assert!((w[0] - 0.12 / 0.44).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Combination {
    /// α w_AHP + (1 − α) w_entropy.
    Linear {
        /// Share of the AHP weights, in [0, 1].
        alpha: f64,
    },
    /// w_AHP · w_entropy, normalised.
    Multiplicative,
}

/// Combines two weight vectors (each normalised first).
///
/// ```
/// use fiscus_eval::{combine_weights, Combination};
/// assert!(combine_weights(&[0.5, 0.5], &[1.0], Combination::Multiplicative).is_err());
/// assert!(combine_weights(&[0.5, 0.5], &[0.5, 0.5], Combination::Linear { alpha: 1.5 }).is_err());
/// ```
pub fn combine_weights(
    subjective: &[f64],
    objective: &[f64],
    how: Combination,
) -> Result<Vec<f64>, EvalError> {
    if subjective.len() != objective.len() || subjective.is_empty() {
        return Err(EvalError::Shape(format!(
            "cannot combine {} subjective with {} objective weights",
            subjective.len(),
            objective.len()
        )));
    }
    let a = crate::proportional_weights(subjective)?;
    let b = crate::proportional_weights(objective)?;
    match how {
        Combination::Linear { alpha } => {
            if !(0.0..=1.0).contains(&alpha) {
                return Err(EvalError::Parameter {
                    name: "alpha".into(),
                    value: alpha,
                    reason: "must lie in [0, 1]".into(),
                });
            }
            Ok(a.iter()
                .zip(&b)
                .map(|(x, y)| alpha * x + (1.0 - alpha) * y)
                .collect())
        }
        Combination::Multiplicative => {
            let prod: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x * y).collect();
            crate::proportional_weights(&prod)
        }
    }
}

/// TOPSIS ranking of units.
///
/// ```
/// use fiscus_eval::{topsis, Direction};
/// let t = topsis(&[vec![1.0, 1.0], vec![3.0, 3.0]], &[0.5, 0.5], &[Direction::Benefit; 2]).unwrap();
/// assert_eq!(t.closeness, vec![0.0, 1.0]);
/// assert_eq!(t.rank, vec![2, 1]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topsis {
    /// Weighted, vector-normalised matrix v_ij = w_j x_ij / sqrt(Σ_i x_ij²).
    pub weighted: Vec<Vec<f64>>,
    /// Ideal point (benefit max, cost min).
    pub ideal: Vec<f64>,
    /// Anti-ideal point.
    pub anti_ideal: Vec<f64>,
    /// Distance to the ideal D⁺.
    pub d_plus: Vec<f64>,
    /// Distance to the anti-ideal D⁻.
    pub d_minus: Vec<f64>,
    /// Closeness C = D⁻/(D⁺ + D⁻) (0.5 when a unit is both: all units identical).
    pub closeness: Vec<f64>,
    /// Rank by closeness (1 = best; ties share the smaller rank).
    pub rank: Vec<usize>,
}

/// TOPSIS with vector normalisation.
///
/// ```
/// use fiscus_eval::{topsis, Direction};
/// let t = topsis(&[vec![2.0, 10.0], vec![4.0, 20.0], vec![3.0, 5.0]], &[0.5, 0.5], &[Direction::Benefit, Direction::Cost]).unwrap();
/// assert_eq!(t.rank.len(), 3);
/// assert!(t.closeness.iter().all(|c| (0.0..=1.0).contains(c)));
/// ```
pub fn topsis(
    x: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
) -> Result<Topsis, EvalError> {
    let n = check_matrix(x, directions, "TOPSIS")?;
    if weights.len() != n {
        return Err(EvalError::Shape(format!(
            "TOPSIS: {} weights for {n} indicators",
            weights.len()
        )));
    }
    let w = crate::proportional_weights(weights)?;
    let norms: Vec<f64> = (0..n)
        .map(|j| x.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt())
        .collect();
    let weighted: Vec<Vec<f64>> = x
        .iter()
        .map(|r| {
            (0..n)
                .map(|j| {
                    if norms[j] > 0.0 {
                        w[j] * r[j] / norms[j]
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let col_max = |j: usize| {
        weighted
            .iter()
            .map(|r| r[j])
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let col_min = |j: usize| weighted.iter().map(|r| r[j]).fold(f64::INFINITY, f64::min);
    let (ideal, anti_ideal): (Vec<f64>, Vec<f64>) = (0..n)
        .map(|j| match directions[j] {
            Direction::Benefit => (col_max(j), col_min(j)),
            Direction::Cost => (col_min(j), col_max(j)),
        })
        .unzip();
    let dist = |r: &[f64], p: &[f64]| {
        r.iter()
            .zip(p)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let d_plus: Vec<f64> = weighted.iter().map(|r| dist(r, &ideal)).collect();
    let d_minus: Vec<f64> = weighted.iter().map(|r| dist(r, &anti_ideal)).collect();
    let closeness: Vec<f64> = d_plus
        .iter()
        .zip(&d_minus)
        .map(|(p, m)| if p + m > 0.0 { m / (p + m) } else { 0.5 })
        .collect();
    let rank = closeness
        .iter()
        .map(|c| 1 + closeness.iter().filter(|d| *d > c).count())
        .collect();
    Ok(Topsis {
        weighted,
        ideal,
        anti_ideal,
        d_plus,
        d_minus,
        closeness,
        rank,
    })
}
