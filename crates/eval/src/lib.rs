//! `fiscus-eval`: composite performance evaluation.
//!
//! An [`IndicatorSystem`] holds first-level dimensions (e.g. the balanced scorecard's
//! financial/budget, public, internal process, learning and growth perspectives) and their
//! indicators, with weights as plain numbers (from AHP, Delphi means, entropy or a combination:
//! the crate does not depend on the AHP or Delphi crates). On questionnaire [`Responses`] it
//! computes
//!
//! * the weighted linear composite per indicator, dimension and overall ([`evaluate`],
//!   [`composite_from_means`]): S = Σ_k W_k Σ_i w_i|k x̄_ki, with an explicit 100-point
//!   [`Conversion`] and grades by [`GradeScheme`]s with explicit interval closure (built-in
//!   five-band A–E and Ministry of Finance 优/良/中/差);
//! * Cronbach's α per dimension, response counts, respondent groups with group weights;
//! * fuzzy comprehensive evaluation ([`fuzzy_evaluate`]) with the four operators;
//! * entropy weights ([`entropy_weights`]), their combination with AHP weights
//!   ([`combine_weights`]) and TOPSIS ([`topsis`]);
//! * weight sensitivity ([`one_at_a_time`], [`grade_boundaries`]) and a seeded, parallel,
//!   thread-count-independent bootstrap CI ([`bootstrap_composite`]);
//! * the weakest indicators (weight × gap to the scale maximum).
//!
//! The crate does no I/O; the command line parses the system file and reads the data.
//!
//! ```
//! use fiscus_eval::*;
//! let sys = IndicatorSystem::new(vec![
//!     Dimension::new("Budget", Some(0.6), vec![Indicator::new("F1", Some(0.5)), Indicator::new("F2", Some(0.5))]),
//!     Dimension::new("Public", Some(0.4), vec![Indicator::new("C1", Some(1.0))]),
//! ], WeightCheck::default()).unwrap();
//! let c = composite_from_means(&sys, &[4.2, 3.8, 3.5], &EvalConfig::default()).unwrap();
//! assert!((c.score - 3.8).abs() < 1e-12);
//! assert_eq!(c.grades[0].grade, "B");
//! ```

mod bootstrap;
mod composite;
mod entropy;
mod error;
mod fuzzy;
mod grade;
mod report;
mod responses;
mod sensitivity;
mod system;
mod system_file;
mod units;

pub use bootstrap::{bootstrap_composite, Bootstrap, BootstrapConfig};
pub use composite::{
    composite_from_means, evaluate, Composite, DimensionScore, EvalConfig, Evaluation, Grade,
    IndicatorScore, Weakest,
};
pub use entropy::{
    combine_weights, entropy_weights, topsis, Combination, EntropyNormalisation, EntropyWeights,
    Topsis,
};
pub use error::EvalError;
/// The seeded generator of the bootstrap (defined in `fiscus-data`, shared with robustness grids).
pub use fiscus_data::SplitMix64;
pub use fuzzy::{compose, fuzzy_evaluate, FuzzyConfig, FuzzyLevel, FuzzyOperator, FuzzyResult};
pub use grade::{Band, GradeBasis, GradeScheme};
pub use report::{SchemeBoundaries, ScoreReport, SensitivityReport, SENSITIVITY_FORMULA};
pub use responses::{
    cronbach_alpha, indicator_means, memberships, response_counts, ResponseCounts, Responses,
};
pub use sensitivity::{
    grade_boundaries, one_at_a_time, shifted_weights, DimensionBoundary, GradeShift, SensitivityRun,
};
pub use system::{
    proportional_weights, Conversion, Dimension, Direction, Indicator, IndicatorSystem, Scale,
    WeightCheck,
};
pub use system_file::{
    ComparisonMatrix, DimensionWeight, IndicatorWeight, MatrixWeights, Overrides, ResolvedSystem,
    Settings, SystemFile, WeightReport, WeightSource,
};
pub use units::{
    EntropyReport, FuzzyReport, IndicatorMembership, TopsisReport, TopsisWeights, UnitTable,
};
