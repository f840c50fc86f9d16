//! The whole result of scoring a system on questionnaire data (`fiscus score`): the composite,
//! response counts, weights, one-at-a-time sensitivity with the grade boundaries, and an
//! optional bootstrap interval.

use serde::Serialize;

use crate::{
    bootstrap_composite, evaluate, grade_boundaries, one_at_a_time, Bootstrap, BootstrapConfig,
    Composite, DimensionBoundary, EvalConfig, EvalError, IndicatorSystem, ResponseCounts,
    Responses, Scale, SensitivityRun, WeightReport,
};

/// The rule of the one-at-a-time sensitivity runs.
pub const SENSITIVITY_FORMULA: &str =
    "w_k' = w_k(1+delta); w_j' = w_j (1 - w_k')/(1 - w_k) for j != k; S' = sum_j w_j' S_j";

/// The weight changes that move the grade of one scheme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchemeBoundaries {
    /// The grade scheme.
    pub scheme: String,
    /// One entry per dimension.
    pub dimensions: Vec<DimensionBoundary>,
}

/// One-at-a-time sensitivity of the overall score to the dimension weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityReport {
    /// The rule ([`SENSITIVITY_FORMULA`]).
    pub formula: &'static str,
    /// One run per dimension and relative change.
    pub runs: Vec<SensitivityRun>,
    /// Per grade scheme, the weight changes that move the grade.
    pub grade_boundaries: Vec<SchemeBoundaries>,
}

/// Everything `fiscus score` reports.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![
///     Dimension::new("A", Some(0.5), vec![Indicator::new("a", Some(1.0))]),
///     Dimension::new("B", Some(0.5), vec![Indicator::new("b", Some(1.0))])], WeightCheck::default()).unwrap();
/// let r = Responses::new("s", vec!["r1".into(), "r2".into()], vec!["a".into(), "b".into()],
///     vec![vec![Some(4.0), Some(3.0)], vec![Some(5.0), Some(3.0)]], None, &Scale::default()).unwrap();
/// let w = WeightReport::new(WeightSource::Given, vec![], vec![], &sys);
/// let rep = ScoreReport::compute("T", &sys, &r, &EvalConfig::default(), w, &[0.1], None).unwrap();
/// assert!((rep.composite.score - 3.75).abs() < 1e-12);
/// assert_eq!(rep.sensitivity.runs.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    /// The title of the system.
    pub title: String,
    /// The response scale.
    pub scale: Scale,
    /// Scores, 100-point conversion, grades, indicator contributions, weakest indicators.
    #[serde(flatten)]
    pub composite: Composite,
    /// Respondents, groups and blank answers.
    pub counts: ResponseCounts,
    /// The weights and where they came from.
    pub weights: WeightReport,
    /// One-at-a-time sensitivity.
    pub sensitivity: SensitivityReport,
    /// The bootstrap interval of the overall score, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<Bootstrap>,
}

impl ScoreReport {
    /// Evaluates the system, runs the sensitivity grid (`deltas`: relative weight changes)
    /// and, with `bootstrap`, the bootstrap (parallel on the caller's thread pool; the result
    /// does not depend on the number of threads).
    pub fn compute(
        title: &str,
        system: &IndicatorSystem,
        responses: &Responses,
        config: &EvalConfig,
        weights: WeightReport,
        deltas: &[f64],
        bootstrap: Option<&BootstrapConfig>,
    ) -> Result<ScoreReport, EvalError> {
        let ev = evaluate(system, responses, config)?;
        let dim_scores: Vec<f64> = ev.composite.dimensions.iter().map(|d| d.score).collect();
        let runs = one_at_a_time(&dim_scores, system.dimension_weights(), deltas)?;
        let grade_boundaries = config
            .schemes
            .iter()
            .map(|s| {
                Ok(SchemeBoundaries {
                    scheme: s.name().to_string(),
                    dimensions: grade_boundaries(
                        &dim_scores,
                        system.dimension_weights(),
                        s,
                        &config.scale,
                        config.conversion,
                    )?,
                })
            })
            .collect::<Result<_, EvalError>>()?;
        let bootstrap = bootstrap
            .map(|bc| bootstrap_composite(system, responses, config, bc))
            .transpose()?;
        Ok(ScoreReport {
            title: title.to_string(),
            scale: config.scale,
            composite: ev.composite,
            counts: ev.counts,
            weights,
            sensitivity: SensitivityReport {
                formula: SENSITIVITY_FORMULA,
                runs,
                grade_boundaries,
            },
            bootstrap,
        })
    }
}
