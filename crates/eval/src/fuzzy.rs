//! Fuzzy comprehensive evaluation with the four classical composition operators.

use std::str::FromStr;

use serde::Serialize;

use crate::{EvalError, IndicatorSystem, Scale};

/// A fuzzy composition operator B = w ∘ R.
///
/// ```
/// use fiscus_eval::{compose, FuzzyOperator};
/// let r = vec![vec![0.6, 0.4], vec![0.2, 0.8]];
/// let w = [0.7, 0.3];
/// let b = compose(&w, &r, FuzzyOperator::WeightedSum).unwrap();
/// assert!((b[0] - 0.48).abs() < 1e-12);
/// assert_eq!(compose(&w, &r, FuzzyOperator::MinMax).unwrap(), vec![0.6, 0.4]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FuzzyOperator {
    /// M(·,+): b_j = Σ_i w_i r_ij (weighted average; the default).
    #[default]
    WeightedSum,
    /// M(∧,∨) (Zadeh): b_j = max_i min(w_i, r_ij).
    MinMax,
    /// M(·,∨): b_j = max_i w_i r_ij.
    ProductMax,
    /// M(∧,⊕): b_j = min(1, Σ_i min(w_i, r_ij)).
    MinBoundedSum,
}

impl FuzzyOperator {
    /// The operator in the usual notation.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::FuzzyOperator::MinMax.notation(), "M(∧,∨)");
    /// ```
    pub fn notation(self) -> &'static str {
        match self {
            FuzzyOperator::WeightedSum => "M(·,+)",
            FuzzyOperator::MinMax => "M(∧,∨)",
            FuzzyOperator::ProductMax => "M(·,∨)",
            FuzzyOperator::MinBoundedSum => "M(∧,⊕)",
        }
    }
}

impl FromStr for FuzzyOperator {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "dot-plus" | "weighted-sum" | "weighted" | "m(·,+)" | "m(.,+)" => {
                Ok(FuzzyOperator::WeightedSum)
            }
            "min-max" | "zadeh" | "m(∧,∨)" => Ok(FuzzyOperator::MinMax),
            "dot-max" | "product-max" | "m(·,∨)" => Ok(FuzzyOperator::ProductMax),
            "min-bounded-sum" | "min-bsum" | "m(∧,⊕)" => Ok(FuzzyOperator::MinBoundedSum),
            other => Err(EvalError::BadValue(format!(
                "unknown fuzzy operator `{other}` (use dot-plus, min-max, dot-max or min-bounded-sum)"
            ))),
        }
    }
}

/// B = w ∘ R for a weight vector w (one per row of R) and a membership matrix R.
///
/// ```
/// use fiscus_eval::{compose, FuzzyOperator};
/// let b = compose(&[0.5, 0.5], &[vec![0.9, 0.1], vec![0.8, 0.2]], FuzzyOperator::MinBoundedSum).unwrap();
/// assert!(b[0] == 1.0 && (b[1] - 0.3).abs() < 1e-12);
/// assert!(compose(&[1.0], &[vec![0.5], vec![0.5]], FuzzyOperator::MinMax).is_err());
/// ```
pub fn compose(w: &[f64], r: &[Vec<f64>], op: FuzzyOperator) -> Result<Vec<f64>, EvalError> {
    if w.len() != r.len() || r.is_empty() {
        return Err(EvalError::Shape(format!(
            "fuzzy composition: {} weights for {} membership rows",
            w.len(),
            r.len()
        )));
    }
    let m = r[0].len();
    if let Some((i, row)) = r.iter().enumerate().find(|(_, row)| row.len() != m) {
        return Err(EvalError::Shape(format!(
            "fuzzy composition: membership row {} has {} grades, row 1 has {m}",
            i + 1,
            row.len()
        )));
    }
    Ok((0..m)
        .map(|j| {
            let it = w.iter().zip(r).map(|(&wi, row)| (wi, row[j]));
            match op {
                FuzzyOperator::WeightedSum => it.map(|(a, b)| a * b).sum(),
                FuzzyOperator::MinMax => it.map(|(a, b)| a.min(b)).fold(0.0, f64::max),
                FuzzyOperator::ProductMax => it.map(|(a, b)| a * b).fold(0.0, f64::max),
                FuzzyOperator::MinBoundedSum => it.map(|(a, b)| a.min(b)).sum::<f64>().min(1.0),
            }
        })
        .collect())
}

/// Settings of the fuzzy evaluation.
///
/// Defaults: M(·,+) at both levels; grade values V = the scale levels from the top
/// (5, 4, 3, 2, 1), under which the fuzzy score equals the weighted Likert mean.
///
/// ```
/// let c = fiscus_eval::FuzzyConfig::default();
/// assert_eq!(c.operator, fiscus_eval::FuzzyOperator::WeightedSum);
/// assert!(c.inner_operator.is_none() && c.values.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FuzzyConfig {
    /// Operator at the top level (dimensions → overall).
    pub operator: FuzzyOperator,
    /// Operator within dimensions (indicators → dimension); `None` = the same as `operator`.
    pub inner_operator: Option<FuzzyOperator>,
    /// Score of each grade level (top first); `None` = the scale levels.
    pub values: Option<Vec<f64>>,
}

/// The fuzzy result at one level (a dimension or overall).
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let f = fuzzy_evaluate(&sys, &[vec![0.2, 0.5, 0.3, 0.0, 0.0]], &Scale::default(), &FuzzyConfig::default()).unwrap();
/// assert_eq!(f.overall.max_membership_level, 4.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FuzzyLevel {
    /// Dimension name, or `overall`.
    pub name: String,
    /// The membership vector B (as composed; not normalised).
    pub b: Vec<f64>,
    /// B / Σ B.
    pub b_normalised: Vec<f64>,
    /// Position of the largest membership (0 = top grade).
    pub max_membership_index: usize,
    /// The scale level of that grade.
    pub max_membership_level: f64,
    /// Whether another grade has the same largest membership.
    pub tie: bool,
    /// Score B_normalised · V.
    pub score: f64,
}

/// The fuzzy comprehensive evaluation.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let f = fuzzy_evaluate(&sys, &[vec![0.5, 0.5, 0.0, 0.0, 0.0]], &Scale::default(), &FuzzyConfig::default()).unwrap();
/// assert!((f.overall.score - 4.5).abs() < 1e-12);
/// assert!(f.overall.tie);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FuzzyResult {
    /// The grade levels (top first).
    pub levels: Vec<f64>,
    /// The grade values V.
    pub values: Vec<f64>,
    /// Operator within dimensions.
    pub inner_operator: String,
    /// Operator at the top level.
    pub operator: String,
    /// Per dimension.
    pub dimensions: Vec<FuzzyLevel>,
    /// Overall.
    pub overall: FuzzyLevel,
}

fn level(name: &str, b: Vec<f64>, levels: &[f64], values: &[f64]) -> Result<FuzzyLevel, EvalError> {
    let sum: f64 = b.iter().sum();
    if sum <= 0.0 || !sum.is_finite() {
        return Err(EvalError::BadValue(format!(
            "fuzzy evaluation of `{name}`: the memberships sum to {sum}"
        )));
    }
    let bn: Vec<f64> = b.iter().map(|v| v / sum).collect();
    let mut best = 0;
    for (j, v) in b.iter().enumerate() {
        if *v > b[best] {
            best = j;
        }
    }
    let tie = b
        .iter()
        .enumerate()
        .any(|(j, v)| j != best && *v == b[best]);
    Ok(FuzzyLevel {
        name: name.to_string(),
        score: bn.iter().zip(values).map(|(a, v)| a * v).sum(),
        b,
        b_normalised: bn,
        max_membership_index: best,
        max_membership_level: levels[best],
        tie,
    })
}

/// Two-level fuzzy comprehensive evaluation: B_k = w_k ∘ R_k within each dimension, then
/// B = W ∘ [B_1; …; B_K]; grade by maximum membership; score = (B/ΣB) · V.
/// `memberships` has one row per indicator in system order (shares per scale level, top
/// level first; see [`memberships`](crate::memberships)).
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// assert!(fuzzy_evaluate(&sys, &[vec![1.0, 0.0]], &Scale::default(), &FuzzyConfig::default()).is_err());
/// ```
pub fn fuzzy_evaluate(
    system: &IndicatorSystem,
    memberships: &[Vec<f64>],
    scale: &Scale,
    config: &FuzzyConfig,
) -> Result<FuzzyResult, EvalError> {
    let levels = scale.levels();
    let values = config.values.clone().unwrap_or_else(|| levels.clone());
    if values.len() != levels.len() {
        return Err(EvalError::Shape(format!(
            "{} grade values for {} scale levels {:?}",
            values.len(),
            levels.len(),
            levels
        )));
    }
    if memberships.len() != system.n_indicators() {
        return Err(EvalError::Shape(format!(
            "{} membership rows for {} indicators",
            memberships.len(),
            system.n_indicators()
        )));
    }
    for (id, row) in system.indicator_ids().iter().zip(memberships) {
        if row.len() != levels.len() {
            return Err(EvalError::Shape(format!(
                "indicator `{id}`: {} memberships for {} scale levels",
                row.len(),
                levels.len()
            )));
        }
        if let Some(v) = row.iter().find(|v| !(0.0..=1.0).contains(*v)) {
            return Err(EvalError::BadValue(format!(
                "indicator `{id}`: membership {v} is outside [0, 1]"
            )));
        }
    }
    let inner = config.inner_operator.unwrap_or(config.operator);
    let mut dims = Vec::with_capacity(system.dimensions().len());
    let mut start = 0;
    for (k, d) in system.dimensions().iter().enumerate() {
        let n = d.indicators.len();
        let b = compose(
            &system.local_weights()[k],
            &memberships[start..start + n],
            inner,
        )?;
        dims.push(level(&d.name, b, &levels, &values)?);
        start += n;
    }
    let rows: Vec<Vec<f64>> = dims.iter().map(|d| d.b.clone()).collect();
    let b = compose(system.dimension_weights(), &rows, config.operator)?;
    let overall = level("overall", b, &levels, &values)?;
    Ok(FuzzyResult {
        levels,
        values,
        inner_operator: inner.notation().into(),
        operator: config.operator.notation().into(),
        dimensions: dims,
        overall,
    })
}
