//! Score scale, 100-point conversion, and the indicator system with its weights.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::EvalError;

pub use fiscus_data::Scale;

/// How a score on the scale becomes a 100-point score. The choice can change the grade
/// (3.8683 is 77.37 by `Times` and 71.71 by `Linear`), so it is always explicit and reported.
///
/// ```
/// use fiscus_eval::{Conversion, Scale};
/// let s = Scale::default();
/// assert!((Conversion::Times.to_hundred(4.0, &s) - 80.0).abs() < 1e-12);
/// assert!((Conversion::Linear.to_hundred(4.0, &s) - 75.0).abs() < 1e-12);
/// assert_eq!("x20".parse::<Conversion>().unwrap(), Conversion::Times);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Conversion {
    /// S × 100 / max (×20 on a 1..5 scale).
    Times,
    /// (S − min) / (max − min) × 100.
    Linear,
}

impl Conversion {
    /// Converts a score.
    ///
    /// ```
    /// let s = fiscus_eval::Scale::default();
    /// assert_eq!(fiscus_eval::Conversion::Linear.to_hundred(1.0, &s), 0.0);
    /// ```
    pub fn to_hundred(self, score: f64, scale: &Scale) -> f64 {
        match self {
            Conversion::Times => score * 100.0 / scale.max(),
            Conversion::Linear => (score - scale.min()) / (scale.max() - scale.min()) * 100.0,
        }
    }

    /// The rule in words.
    ///
    /// ```
    /// let s = fiscus_eval::Scale::default();
    /// assert_eq!(fiscus_eval::Conversion::Times.describe(&s), "S x 100/5 (x20)");
    /// ```
    pub fn describe(self, scale: &Scale) -> String {
        match self {
            Conversion::Times => format!("S x 100/{} (x{})", scale.max(), 100.0 / scale.max()),
            Conversion::Linear => format!(
                "(S - {}) / ({} - {}) x 100",
                scale.min(),
                scale.max(),
                scale.min()
            ),
        }
    }
}

impl FromStr for Conversion {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "times" | "x20" | "multiply" | "scale" => Ok(Conversion::Times),
            "linear" | "minmax" | "min-max" => Ok(Conversion::Linear),
            other => Err(EvalError::BadValue(format!(
                "unknown 100-point conversion `{other}` (use `x20`/`times` for S x 100/max or `linear` for (S - min)/(max - min) x 100)"
            ))),
        }
    }
}

/// Whether more is better (benefit) or worse (cost), for entropy weights and TOPSIS.
///
/// ```
/// assert_eq!("cost".parse::<fiscus_eval::Direction>().unwrap(), fiscus_eval::Direction::Cost);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Larger is better.
    #[default]
    Benefit,
    /// Smaller is better.
    Cost,
}

impl FromStr for Direction {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "benefit" | "positive" | "+" | "max" => Ok(Direction::Benefit),
            "cost" | "negative" | "-" | "min" => Ok(Direction::Cost),
            other => Err(EvalError::BadValue(format!(
                "unknown indicator direction `{other}` (use `benefit` or `cost`)"
            ))),
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Direction::Benefit => "benefit",
            Direction::Cost => "cost",
        })
    }
}

/// A second-level indicator: its id (the data column), display name and local weight
/// within its dimension.
///
/// ```
/// let i = fiscus_eval::Indicator::new("F1", Some(0.4)).with_name("Budget execution rate");
/// assert_eq!(i.name, "Budget execution rate");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Id: the questionnaire column.
    pub id: String,
    /// Display name (the id when not given).
    pub name: String,
    /// Local weight within the dimension.
    pub weight: Option<f64>,
    /// Benefit or cost.
    pub direction: Direction,
}

impl Indicator {
    /// An indicator with its id as name, benefit direction.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::Indicator::new("C1", None).name, "C1");
    /// ```
    pub fn new(id: impl Into<String>, weight: Option<f64>) -> Self {
        let id = id.into();
        Indicator {
            name: id.clone(),
            id,
            weight,
            direction: Direction::Benefit,
        }
    }

    /// Sets the display name.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::Indicator::new("C1", None).with_name("x").name, "x");
    /// ```
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }
}

/// A first-level dimension (e.g. a balanced-scorecard perspective) with its weight and
/// indicators.
///
/// ```
/// let d = fiscus_eval::Dimension::new("Financial", Some(0.4), vec![fiscus_eval::Indicator::new("F1", Some(1.0))]);
/// assert_eq!(d.indicators.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// Name.
    pub name: String,
    /// Weight among the dimensions.
    pub weight: Option<f64>,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
}

impl Dimension {
    /// A dimension from its parts.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::Dimension::new("P", None, vec![]).name, "P");
    /// ```
    pub fn new(name: impl Into<String>, weight: Option<f64>, indicators: Vec<Indicator>) -> Self {
        Dimension {
            name: name.into(),
            weight,
            indicators,
        }
    }
}

/// How strictly weights are checked: they must sum to 1 within `tolerance` (default 1e-6)
/// unless `normalise` is set, in which case each group of weights is divided by its sum.
///
/// ```
/// let c = fiscus_eval::WeightCheck::default();
/// assert_eq!((c.tolerance, c.normalise), (1e-6, false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeightCheck {
    /// Largest accepted |Σw − 1|.
    pub tolerance: f64,
    /// Divide weights by their sum instead of rejecting them.
    pub normalise: bool,
}

impl Default for WeightCheck {
    fn default() -> Self {
        WeightCheck {
            tolerance: 1e-6,
            normalise: false,
        }
    }
}

/// A validated indicator system: every dimension and indicator has a finite non-negative
/// weight, the dimension weights and each dimension's indicator weights sum to 1, and ids are
/// unique.
///
/// ```
/// use fiscus_eval::{Dimension, Indicator, IndicatorSystem, WeightCheck};
/// let sys = IndicatorSystem::new(vec![
///     Dimension::new("A", Some(0.6), vec![Indicator::new("a1", Some(0.5)), Indicator::new("a2", Some(0.5))]),
///     Dimension::new("B", Some(0.4), vec![Indicator::new("b1", Some(1.0))]),
/// ], WeightCheck::default()).unwrap();
/// assert_eq!(sys.indicator_ids(), vec!["a1", "a2", "b1"]);
/// assert!((sys.global_weights()[0] - 0.3).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSystem {
    dimensions: Vec<Dimension>,
    dimension_weights: Vec<f64>,
    local_weights: Vec<Vec<f64>>,
}

impl IndicatorSystem {
    /// Validates (and, with `check.normalise`, normalises) the weights.
    ///
    /// ```
    /// use fiscus_eval::{Dimension, Indicator, IndicatorSystem, WeightCheck};
    /// let dims = vec![Dimension::new("A", Some(2.0), vec![Indicator::new("a1", Some(3.0)), Indicator::new("a2", Some(1.0))])];
    /// let sys = IndicatorSystem::new(dims, WeightCheck { normalise: true, ..Default::default() }).unwrap();
    /// assert_eq!(sys.local_weights()[0], vec![0.75, 0.25]);
    /// assert_eq!(sys.dimension_weights(), &[1.0]);
    /// ```
    pub fn new(dimensions: Vec<Dimension>, check: WeightCheck) -> Result<Self, EvalError> {
        if dimensions.is_empty() {
            return Err(EvalError::Empty(
                "the indicator system has no dimensions".into(),
            ));
        }
        let mut seen_ind: Vec<&str> = Vec::new();
        for (k, d) in dimensions.iter().enumerate() {
            if dimensions[..k].iter().any(|e| e.name == d.name) {
                return Err(EvalError::Duplicate {
                    what: "dimension".into(),
                    name: d.name.clone(),
                });
            }
            if d.indicators.is_empty() {
                return Err(EvalError::Empty(format!(
                    "dimension `{}` has no indicators",
                    d.name
                )));
            }
            for i in &d.indicators {
                if seen_ind.contains(&i.id.as_str()) {
                    return Err(EvalError::Duplicate {
                        what: "indicator".into(),
                        name: i.id.clone(),
                    });
                }
                seen_ind.push(&i.id);
            }
        }
        let dw: Vec<f64> = dimensions
            .iter()
            .map(|d| {
                d.weight.ok_or_else(|| EvalError::MissingWeight {
                    what: format!("dimension `{}`", d.name),
                })
            })
            .collect::<Result<_, _>>()?;
        let dimension_weights = check_group(
            &dw,
            "the dimension weights",
            |k| format!("dimension `{}`", dimensions[k].name),
            check,
        )?;
        let mut local_weights = Vec::with_capacity(dimensions.len());
        for d in &dimensions {
            let w: Vec<f64> = d
                .indicators
                .iter()
                .map(|i| {
                    i.weight.ok_or_else(|| EvalError::MissingWeight {
                        what: format!("indicator `{}` of dimension `{}`", i.id, d.name),
                    })
                })
                .collect::<Result<_, _>>()?;
            local_weights.push(check_group(
                &w,
                &format!("the indicator weights of dimension `{}`", d.name),
                |k| {
                    format!(
                        "indicator `{}` of dimension `{}`",
                        d.indicators[k].id, d.name
                    )
                },
                check,
            )?);
        }
        Ok(IndicatorSystem {
            dimensions,
            dimension_weights,
            local_weights,
        })
    }

    /// The dimensions as given.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.dimensions()[0].name, "A");
    /// ```
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The (checked or normalised) dimension weights.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.dimension_weights(), &[1.0]);
    /// ```
    pub fn dimension_weights(&self) -> &[f64] {
        &self.dimension_weights
    }

    /// The (checked or normalised) local indicator weights, per dimension.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.local_weights(), &[vec![1.0]]);
    /// ```
    pub fn local_weights(&self) -> &[Vec<f64>] {
        &self.local_weights
    }

    /// Global weight of every indicator (dimension weight × local weight), in system order.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![
    ///     Dimension::new("A", Some(0.5), vec![Indicator::new("a", Some(1.0))]),
    ///     Dimension::new("B", Some(0.5), vec![Indicator::new("b", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.global_weights(), vec![0.5, 0.5]);
    /// ```
    pub fn global_weights(&self) -> Vec<f64> {
        self.dimension_weights
            .iter()
            .zip(&self.local_weights)
            .flat_map(|(d, l)| l.iter().map(move |w| d * w))
            .collect()
    }

    /// Indicator ids in system order (dimension by dimension).
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.indicator_ids(), vec!["a"]);
    /// ```
    pub fn indicator_ids(&self) -> Vec<&str> {
        self.dimensions
            .iter()
            .flat_map(|d| d.indicators.iter().map(|i| i.id.as_str()))
            .collect()
    }

    /// Number of indicators.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.n_indicators(), 1);
    /// ```
    pub fn n_indicators(&self) -> usize {
        self.dimensions.iter().map(|d| d.indicators.len()).sum()
    }

    /// For each indicator in system order, the index of its dimension.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![
    ///     Dimension::new("A", Some(0.5), vec![Indicator::new("a", Some(1.0))]),
    ///     Dimension::new("B", Some(0.5), vec![Indicator::new("b", Some(1.0))])], WeightCheck::default()).unwrap();
    /// assert_eq!(sys.dimension_of(), vec![0, 1]);
    /// ```
    pub fn dimension_of(&self) -> Vec<usize> {
        self.dimensions
            .iter()
            .enumerate()
            .flat_map(|(k, d)| std::iter::repeat_n(k, d.indicators.len()))
            .collect()
    }

    /// A copy with other dimension weights (checked like the originals).
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![
    ///     Dimension::new("A", Some(0.5), vec![Indicator::new("a", Some(1.0))]),
    ///     Dimension::new("B", Some(0.5), vec![Indicator::new("b", Some(1.0))])], WeightCheck::default()).unwrap();
    /// let s2 = sys.with_dimension_weights(&[0.2, 0.8]).unwrap();
    /// assert_eq!(s2.dimension_weights(), &[0.2, 0.8]);
    /// ```
    pub fn with_dimension_weights(&self, w: &[f64]) -> Result<Self, EvalError> {
        if w.len() != self.dimensions.len() {
            return Err(EvalError::Shape(format!(
                "{} dimension weights for {} dimensions",
                w.len(),
                self.dimensions.len()
            )));
        }
        let dimension_weights = check_group(
            w,
            "the dimension weights",
            |k| format!("dimension `{}`", self.dimensions[k].name),
            WeightCheck::default(),
        )?;
        Ok(IndicatorSystem {
            dimension_weights,
            ..self.clone()
        })
    }
}

fn check_group(
    w: &[f64],
    what: &str,
    name: impl Fn(usize) -> String,
    check: WeightCheck,
) -> Result<Vec<f64>, EvalError> {
    for (k, &v) in w.iter().enumerate() {
        if !v.is_finite() || v < 0.0 {
            return Err(EvalError::BadWeight {
                what: name(k),
                value: v,
            });
        }
    }
    let sum: f64 = w.iter().sum();
    if check.normalise {
        if sum <= 0.0 {
            return Err(EvalError::WeightSum {
                what: what.to_string(),
                sum,
                tolerance: check.tolerance,
            });
        }
        return Ok(w.iter().map(|v| v / sum).collect());
    }
    if (sum - 1.0).abs() > check.tolerance {
        return Err(EvalError::WeightSum {
            what: what.to_string(),
            sum,
            tolerance: check.tolerance,
        });
    }
    Ok(w.to_vec())
}

/// Weights proportional to non-negative scores (e.g. Delphi item means): w_i = s_i / Σ s.
///
/// ```
/// let w = fiscus_eval::proportional_weights(&[4.5, 4.0, 3.5]).unwrap();
/// assert!((w[0] - 0.375).abs() < 1e-12);
/// assert!(fiscus_eval::proportional_weights(&[0.0, 0.0]).is_err());
/// ```
pub fn proportional_weights(scores: &[f64]) -> Result<Vec<f64>, EvalError> {
    if scores.is_empty() {
        return Err(EvalError::Empty("no scores to derive weights from".into()));
    }
    for &v in scores {
        if !v.is_finite() || v < 0.0 {
            return Err(EvalError::BadWeight {
                what: "proportional weights".into(),
                value: v,
            });
        }
    }
    let sum: f64 = scores.iter().sum();
    if sum <= 0.0 {
        return Err(EvalError::BadValue(
            "the scores to derive weights from sum to 0".into(),
        ));
    }
    Ok(scores.iter().map(|v| v / sum).collect())
}
