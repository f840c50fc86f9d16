//! `fiscus-ahp`: the Analytic Hierarchy Process with every convention named.
//!
//! * [`Judgments`] validates what was read (positive, unit diagonal, reciprocal within a
//!   tolerance, Saaty-scale warnings, connected comparison graph when judgments are missing);
//!   [`PairwiseMatrix`] is the complete positive reciprocal matrix (its constructor rejects
//!   anything else).
//! * [`priorities`] by eigenvector, row geometric mean or column normalisation; [`consistency`]
//!   gives λmax, CI, CR with any [`RiTable`] and GCI; [`inconsistent_judgments`] ranks the
//!   judgments against the priorities; [`repair`] changes the fewest judgments until CR is
//!   acceptable.
//! * [`complete`] fills missing judgments (Harker, or λmax-optimal).
//! * [`group`] analyses a panel of experts and aggregates by AIJ or AIP.
//! * [`analyze_hierarchy`] handles goal → criteria → sub-criteria → alternatives.
//! * [`one_at_a_time`] finds the rank-reversal points of one-at-a-time weight changes.
//!
//! The crate does no I/O: callers pass names and numbers (or judgment text).
//!
//! ```
//! use fiscus_ahp::{analyze, AhpConfig, Judgments, Method, RiTable};
//! let names: Vec<String> = ["coffee", "tea", "water"].iter().map(|s| s.to_string()).collect();
//! let cells = vec![
//!     vec!["1".to_string(), "3".into(), "1/2".into()],
//!     vec!["1/3".into(), "1".into(), "1/5".into()],
//!     vec!["2".into(), "5".into(), "1".into()],
//! ];
//! let (j, warnings) = Judgments::from_text(&names, &cells, &Default::default()).unwrap();
//! assert!(warnings.is_empty());
//! let cfg = AhpConfig { method: Method::Eigen, ri: RiTable::Saaty1980, ..Default::default() };
//! let r = analyze(&j, &cfg).unwrap();
//! assert!((r.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
//! assert!(r.consistency.cr < 0.1);
//! ```

// Matrix code reads best with explicit (i, j) indices.
#![allow(clippy::needless_range_loop)]

mod analysis;
mod completion;
mod error;
mod group;
mod hierarchy;
mod hierarchy_file;
mod matrix;
mod priority;
mod report;
mod ri;
mod sensitivity;

pub use analysis::{
    analyze, analyze_complete, nearest_scale_value, ranks, repair, AhpConfig, AhpResult, Repair,
    RepairChange, RepairConfig,
};
pub use completion::{complete, Completed, CompletionMethod, FilledCell};
pub use error::AhpError;
pub use group::{
    aggregate_judgments, aggregate_priorities, expert_weights, group, normalise_expert_weights,
    parse_pair_column, survey_judgment, Aggregation, ExpertResult, GroupConfig, GroupResult,
    Survey, SurveyTable,
};
pub use hierarchy::{
    analyze_hierarchy, hierarchy_sensitivity, AlternativeScore, CriterionWeight, HierarchyResult,
    HierarchySpec, LevelConsistency, NodeResult, NodeSpec,
};
pub use hierarchy_file::{HierarchyFile, MatrixFileRef};
pub use matrix::{
    parse_judgment, CellRef, InputConfig, Judgments, PairwiseMatrix, EXACT_RECIPROCAL_TOLERANCE,
    SAATY_MAX,
};
pub use priority::{
    consistency, gci, inconsistent_judgments, lambda_estimate, priorities, Consistency,
    InconsistentJudgment, Method, Priorities,
};
pub use report::{
    expert_weights_table, GroupReport, HierarchyReport, MatrixReport, SensitivityReport,
};
pub use ri::RiTable;
pub use sensitivity::{
    one_at_a_time, FactorSensitivity, Reversal, SensitivityProblem, SensitivityResult,
};
