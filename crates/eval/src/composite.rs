//! The weighted linear composite score: per indicator, per dimension, overall; grades;
//! reliability; the weakest indicators.

use serde::Serialize;

use crate::responses::{cronbach_alpha, means_with, resolve_group_weights, response_counts};
use crate::{
    Conversion, EvalError, GradeBasis, GradeScheme, IndicatorSystem, ResponseCounts, Responses,
    Scale,
};

/// Settings of a composite evaluation.
///
/// Defaults: scale 1..5, 100-point conversion `Times` (×20), both built-in grade schemes
/// (five-band on the raw score, Ministry of Finance on 100 points), no group weights, the
/// five weakest indicators.
///
/// ```
/// let c = fiscus_eval::EvalConfig::default();
/// assert_eq!(c.schemes.len(), 2);
/// assert_eq!(c.weakest, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalConfig {
    /// Response scale.
    pub scale: Scale,
    /// Rule for the 100-point score.
    pub conversion: Conversion,
    /// Grade schemes to apply (each on its own basis).
    pub schemes: Vec<GradeScheme>,
    /// Respondent group weights (group label, weight), normalised; `None` = every respondent
    /// counts equally.
    pub group_weights: Option<Vec<(String, f64)>>,
    /// How many weakest indicators to list (0 = all).
    pub weakest: usize,
}

impl Default for EvalConfig {
    fn default() -> Self {
        EvalConfig {
            scale: Scale::default(),
            conversion: Conversion::Times,
            schemes: vec![GradeScheme::five_band(), GradeScheme::mof()],
            group_weights: None,
            weakest: 5,
        }
    }
}

/// A grade under one scheme.
///
/// ```
/// let g = fiscus_eval::Grade { scheme: "five-band".into(), basis: fiscus_eval::GradeBasis::Raw, grade: "B".into() };
/// assert_eq!(g.grade, "B");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    /// Scheme name.
    pub scheme: String,
    /// What was graded (raw or 100-point score).
    pub basis: GradeBasis,
    /// The grade.
    pub grade: String,
}

/// One indicator's part of the composite.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let c = composite_from_means(&sys, &[4.0], &EvalConfig::default()).unwrap();
/// assert_eq!(c.indicators[0].loss, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorScore {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its dimension.
    pub dimension: String,
    /// Weight within the dimension.
    pub local_weight: f64,
    /// Dimension weight × local weight.
    pub global_weight: f64,
    /// Mean response.
    pub mean: f64,
    /// global weight × mean: the indicator's share of the overall score.
    pub contribution: f64,
    /// Scale maximum − mean.
    pub gap: f64,
    /// global weight × gap: what the indicator costs the overall score.
    pub loss: f64,
}

/// One dimension's score.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let c = composite_from_means(&sys, &[4.0], &EvalConfig::default()).unwrap();
/// assert_eq!(c.dimensions[0].score_100, 80.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// Name.
    pub name: String,
    /// Weight.
    pub weight: f64,
    /// Σ local weight × mean.
    pub score: f64,
    /// The score on 100 points.
    pub score_100: f64,
    /// Grades under each scheme.
    pub grades: Vec<Grade>,
    /// Cronbach's α of the dimension's indicators (listwise), when computable.
    pub cronbach_alpha: Option<f64>,
    /// Respondents used for α.
    pub alpha_n: usize,
}

/// An entry of the weakest-indicator list.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(0.5)), Indicator::new("b", Some(0.5))])], WeightCheck::default()).unwrap();
/// let c = composite_from_means(&sys, &[4.0, 3.0], &EvalConfig::default()).unwrap();
/// assert_eq!(c.weakest[0].id, "b");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weakest {
    /// 1 = pulls the score down most.
    pub rank: usize,
    /// Indicator id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Dimension.
    pub dimension: String,
    /// Global weight.
    pub global_weight: f64,
    /// Mean response.
    pub mean: f64,
    /// global weight × (scale maximum − mean).
    pub loss: f64,
}

/// The composite evaluation.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let c = composite_from_means(&sys, &[3.8683357295], &EvalConfig::default()).unwrap();
/// assert_eq!(c.grades[0].grade, "B");
/// assert_eq!(c.grades[1].grade, "中");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Composite {
    /// Overall score on the response scale: Σ_k W_k Σ_i w_i|k x̄_ki.
    pub score: f64,
    /// Overall score on 100 points.
    pub score_100: f64,
    /// The conversion rule in words.
    pub conversion: String,
    /// Overall grades under each scheme.
    pub grades: Vec<Grade>,
    /// Per dimension.
    pub dimensions: Vec<DimensionScore>,
    /// Per indicator, in system order.
    pub indicators: Vec<IndicatorScore>,
    /// The indicators that cost the score most, largest loss first.
    pub weakest: Vec<Weakest>,
}

/// Grades a score under every scheme of the config.
pub(crate) fn grades_of(score: f64, config: &EvalConfig) -> Result<Vec<Grade>, EvalError> {
    let hundred = config.conversion.to_hundred(score, &config.scale);
    config
        .schemes
        .iter()
        .map(|s| {
            let x = match s.basis() {
                GradeBasis::Raw => score,
                GradeBasis::Hundred => hundred,
            };
            Ok(Grade {
                scheme: s.name().to_string(),
                basis: s.basis(),
                grade: s.grade(x)?.to_string(),
            })
        })
        .collect()
}

/// The composite from indicator means (system order), without respondent data (so no α).
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![
///     Dimension::new("A", Some(0.6), vec![Indicator::new("a1", Some(0.5)), Indicator::new("a2", Some(0.5))]),
///     Dimension::new("B", Some(0.4), vec![Indicator::new("b1", Some(1.0))])], WeightCheck::default()).unwrap();
/// let c = composite_from_means(&sys, &[4.0, 5.0, 3.0], &EvalConfig::default()).unwrap();
/// assert!((c.dimensions[0].score - 4.5).abs() < 1e-12);
/// assert!((c.score - (0.6 * 4.5 + 0.4 * 3.0)).abs() < 1e-12);
/// assert!(composite_from_means(&sys, &[4.0, 6.0, 3.0], &EvalConfig::default()).is_err());
/// ```
pub fn composite_from_means(
    system: &IndicatorSystem,
    means: &[f64],
    config: &EvalConfig,
) -> Result<Composite, EvalError> {
    build(system, means, config, None)
}

fn build(
    system: &IndicatorSystem,
    means: &[f64],
    config: &EvalConfig,
    alphas: Option<&[(Option<f64>, usize)]>,
) -> Result<Composite, EvalError> {
    if means.len() != system.n_indicators() {
        return Err(EvalError::Shape(format!(
            "{} means for {} indicators",
            means.len(),
            system.n_indicators()
        )));
    }
    let ids = system.indicator_ids();
    for (id, &m) in ids.iter().zip(means) {
        if !m.is_finite() || !config.scale.contains(m) {
            return Err(EvalError::BadValue(format!(
                "the mean of indicator `{id}` is {m}, outside the scale {}..{}",
                config.scale.min(),
                config.scale.max()
            )));
        }
    }
    let max = config.scale.max();
    let mut indicators = Vec::with_capacity(means.len());
    let mut dimensions = Vec::with_capacity(system.dimensions().len());
    let mut j = 0;
    let mut dim_scores = Vec::with_capacity(system.dimensions().len());
    for (k, d) in system.dimensions().iter().enumerate() {
        let wk = system.dimension_weights()[k];
        let mut ds = 0.0;
        for (i, ind) in d.indicators.iter().enumerate() {
            let lw = system.local_weights()[k][i];
            let m = means[j];
            ds += lw * m;
            indicators.push(IndicatorScore {
                id: ind.id.clone(),
                name: ind.name.clone(),
                dimension: d.name.clone(),
                local_weight: lw,
                global_weight: wk * lw,
                mean: m,
                contribution: wk * lw * m,
                gap: max - m,
                loss: wk * lw * (max - m),
            });
            j += 1;
        }
        let ds = convex(ds, &means[j - d.indicators.len()..j]);
        dim_scores.push(ds);
        let (alpha, alpha_n) = alphas.map_or((None, 0), |a| a[k]);
        dimensions.push(DimensionScore {
            name: d.name.clone(),
            weight: wk,
            score: ds,
            score_100: config.conversion.to_hundred(ds, &config.scale),
            grades: grades_of(ds, config)?,
            cronbach_alpha: alpha,
            alpha_n,
        });
    }
    let score = convex(
        system
            .dimension_weights()
            .iter()
            .zip(&dim_scores)
            .map(|(w, s)| w * s)
            .sum(),
        &dim_scores,
    );
    let mut order: Vec<usize> = (0..indicators.len()).collect();
    order.sort_by(|&a, &b| {
        indicators[b]
            .loss
            .total_cmp(&indicators[a].loss)
            .then(a.cmp(&b))
    });
    let take = if config.weakest == 0 {
        order.len()
    } else {
        config.weakest.min(order.len())
    };
    let weakest = order[..take]
        .iter()
        .enumerate()
        .map(|(r, &i)| {
            let s = &indicators[i];
            Weakest {
                rank: r + 1,
                id: s.id.clone(),
                name: s.name.clone(),
                dimension: s.dimension.clone(),
                global_weight: s.global_weight,
                mean: s.mean,
                loss: s.loss,
            }
        })
        .collect();
    Ok(Composite {
        score,
        score_100: config.conversion.to_hundred(score, &config.scale),
        conversion: config.conversion.describe(&config.scale),
        grades: grades_of(score, config)?,
        dimensions,
        indicators,
        weakest,
    })
}

/// A full evaluation from questionnaire responses.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let r = Responses::new("s", vec!["x".into(), "y".into()], vec!["a".into()], vec![vec![Some(4.0)], vec![Some(5.0)]], None, &Scale::default()).unwrap();
/// let e = evaluate(&sys, &r, &EvalConfig::default()).unwrap();
/// assert_eq!(e.composite.score, 4.5);
/// assert_eq!(e.counts.respondents, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Response counts.
    pub counts: ResponseCounts,
    /// The composite.
    pub composite: Composite,
}

/// Evaluates a system on questionnaire responses: indicator means (group-weighted when
/// configured), Cronbach's α per dimension, the composite and grades.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let r = Responses::new("s", vec!["x".into()], vec!["b".into()], vec![vec![Some(4.0)]], None, &Scale::default()).unwrap();
/// assert!(evaluate(&sys, &r, &EvalConfig::default()).unwrap_err().to_string().contains("indicator `a`"));
/// ```
pub fn evaluate(
    system: &IndicatorSystem,
    responses: &Responses,
    config: &EvalConfig,
) -> Result<Evaluation, EvalError> {
    let cols = system_columns(system, responses)?;
    let gw = resolve_group_weights(responses, config.group_weights.as_deref())?;
    let all = means_with(responses, gw.as_deref())?;
    let means: Vec<f64> = cols.iter().map(|&c| all[c]).collect();
    let mut alphas = Vec::with_capacity(system.dimensions().len());
    let mut j = 0;
    for d in system.dimensions() {
        let idx: Vec<usize> = cols[j..j + d.indicators.len()].to_vec();
        alphas.push(cronbach_alpha(responses, &idx));
        j += d.indicators.len();
    }
    Ok(Evaluation {
        counts: response_counts(responses),
        composite: build(system, &means, config, Some(&alphas))?,
    })
}

/// Response column of every system indicator, in system order.
pub(crate) fn system_columns(
    system: &IndicatorSystem,
    responses: &Responses,
) -> Result<Vec<usize>, EvalError> {
    system
        .indicator_ids()
        .iter()
        .map(|id| {
            responses.indicator_index(id).ok_or_else(|| {
                EvalError::BadValue(format!(
                    "{}: no column for indicator `{id}`",
                    responses.source()
                ))
            })
        })
        .collect()
}

/// A convex combination of `parts` (weights ≥ 0 summing to 1) clamped to their range, so that
/// rounding cannot push a score outside the range of what it averages (equal parts give
/// exactly that value).
pub(crate) fn convex(value: f64, parts: &[f64]) -> f64 {
    let lo = parts.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = parts.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lo <= hi {
        value.clamp(lo, hi)
    } else {
        value
    }
}
