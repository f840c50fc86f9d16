//! What the `fiscus ahp` commands print as JSON: each analysis result with the input it came
//! from and the warnings of reading it.

use serde::Serialize;

use crate::{AhpResult, GroupResult, HierarchyResult, Repair, SensitivityResult};

/// One matrix's analysis (`fiscus ahp MATRIX`).
///
/// ```
/// use fiscus_ahp::{analyze, AhpConfig, Judgments, MatrixReport};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(3.0)]).unwrap();
/// let r = MatrixReport { result: analyze(&j, &AhpConfig::default()).unwrap(),
///     source: "m.csv".into(), warnings: vec![], repair: None };
/// assert_eq!(r.result.weights, vec![0.75, 0.25]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixReport {
    /// Weights, consistency, completion and diagnostics.
    #[serde(flatten)]
    pub result: AhpResult,
    /// The matrix file.
    pub source: String,
    /// Warnings of reading the matrix.
    pub warnings: Vec<String>,
    /// Present when a repair was asked for: the repair, or `null` when CR was acceptable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<Option<Repair>>,
}

/// A panel's analysis (`fiscus ahp group`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    /// Each expert's weights and CR, and the AIJ and AIP aggregates.
    #[serde(flatten)]
    pub result: GroupResult,
    /// The survey file.
    pub source: String,
    /// Warnings of reading the survey.
    pub warnings: Vec<String>,
}

/// A hierarchy's analysis (`fiscus ahp hierarchy`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HierarchyReport {
    /// Every matrix, local and global weights, consistency, alternatives.
    #[serde(flatten)]
    pub result: HierarchyResult,
    /// The hierarchy file.
    pub source: String,
    /// Warnings of reading its matrices.
    pub warnings: Vec<String>,
}

/// One-at-a-time sensitivity (`fiscus ahp sensitivity`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityReport {
    /// Rank reversals of every factor.
    #[serde(flatten)]
    pub result: SensitivityResult,
    /// The input file.
    pub source: String,
    /// The node whose children were varied (`None`: the goal's criteria, or a single matrix).
    pub node: Option<String>,
    /// The baseline weights of the factors.
    pub weights: Vec<f64>,
}
