//! The documents `fiscus calibrate` prints as JSON.

use serde::Serialize;

use crate::spec::{CalibrationSpec, Method, SetType};

/// One calibrated set: the raw column, the set's name, its memberships (`None` where the raw
/// value is missing), the thresholds used (percentiles resolved) and the specification.
///
/// ```
/// use fiscus_calibration::{CalibratedSet, CalibrationSpec};
/// let s = CalibratedSet { name: "D".into(), column: "DEV".into(), values: vec![Some(0.5)],
///     thresholds: vec![1.0, 2.0, 3.0], spec: CalibrationSpec::default(), missing: vec![] };
/// assert!(serde_json::to_string(&s).unwrap().starts_with(r#"{"name":"D","column":"DEV","values":[0.5]"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibratedSet {
    /// The set's name.
    pub name: String,
    /// The raw column.
    pub column: String,
    /// Memberships, one per case.
    pub values: Vec<Option<f64>>,
    /// Thresholds used.
    pub thresholds: Vec<f64>,
    /// The calibration.
    pub spec: CalibrationSpec,
    /// Cases whose raw value is missing.
    pub missing: Vec<String>,
}

/// `fiscus calibrate --column`: one set, its cases first.
///
/// ```
/// use fiscus_calibration::{CalibratedColumn, CalibratedSet, CalibrationSpec};
/// let set = CalibratedSet { name: "D".into(), column: "DEV".into(), values: vec![],
///     thresholds: vec![], spec: CalibrationSpec::default(), missing: vec![] };
/// let doc = CalibratedColumn::new(vec![], set);
/// assert!(serde_json::to_string(&doc).unwrap().starts_with(r#"{"column":"DEV","cases":[],"values":[],"name":"D""#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibratedColumn {
    /// The raw column.
    pub column: String,
    /// Case labels.
    pub cases: Vec<String>,
    /// Memberships.
    pub values: Vec<Option<f64>>,
    /// The set's name.
    pub name: String,
    /// Thresholds used.
    pub thresholds: Vec<f64>,
    /// The calibration.
    pub spec: CalibrationSpec,
    /// Cases whose raw value is missing.
    pub missing: Vec<String>,
}

impl CalibratedColumn {
    /// The document of one calibrated set.
    ///
    /// ```
    /// # use fiscus_calibration::{CalibratedColumn, CalibratedSet, CalibrationSpec};
    /// let set = CalibratedSet { name: "D".into(), column: "DEV".into(), values: vec![],
    ///     thresholds: vec![], spec: CalibrationSpec::default(), missing: vec![] };
    /// assert_eq!(CalibratedColumn::new(vec!["AU".into()], set).cases, vec!["AU"]);
    /// ```
    pub fn new(cases: Vec<String>, s: CalibratedSet) -> Self {
        CalibratedColumn {
            column: s.column,
            cases,
            values: s.values,
            name: s.name,
            thresholds: s.thresholds,
            spec: s.spec,
            missing: s.missing,
        }
    }
}

/// `fiscus calibrate --set ...`: the cases and every set.
///
/// ```
/// let d = fiscus_calibration::CalibratedSets { cases: vec![], sets: vec![] };
/// assert_eq!(serde_json::to_string(&d).unwrap(), r#"{"cases":[],"sets":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibratedSets {
    /// Case labels.
    pub cases: Vec<String>,
    /// The sets, in the order asked for.
    pub sets: Vec<CalibratedSet>,
}

/// `fiscus calibrate --suggest N`: R's findTh() thresholds for a column.
///
/// ```
/// let d = fiscus_calibration::SuggestedThresholds::new("X", 1, vec![2.5]);
/// assert_eq!(serde_json::to_string(&d).unwrap(),
///     r#"{"column":"X","n":1,"thresholds":[2.5],"method":"findTh: complete linkage, euclidean"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedThresholds {
    /// The raw column.
    pub column: String,
    /// Number of thresholds asked for.
    pub n: usize,
    /// The thresholds.
    pub thresholds: Vec<f64>,
    /// How they were found.
    pub method: &'static str,
}

impl SuggestedThresholds {
    /// The document for `n` thresholds of `column`.
    ///
    /// ```
    /// assert_eq!(fiscus_calibration::SuggestedThresholds::new("X", 2, vec![1.0, 2.0]).n, 2);
    /// ```
    pub fn new(column: &str, n: usize, thresholds: Vec<f64>) -> Self {
        SuggestedThresholds {
            column: column.into(),
            n,
            thresholds,
            method: "findTh: complete linkage, euclidean",
        }
    }
}

impl CalibrationSpec {
    /// A one-line description: type, method, shape and anchors.
    ///
    /// ```
    /// let s = fiscus_calibration::CalibrationSpec { thresholds: "1,2,3".parse().unwrap(), ..Default::default() };
    /// assert_eq!(s.describe(), "fuzzy, direct, logistic, idm 0.95, anchors 1,2,3");
    /// ```
    pub fn describe(&self) -> String {
        match (self.set_type, self.method) {
            (SetType::Crisp, _) => format!("crisp, thresholds {}", self.thresholds),
            (SetType::Fuzzy, Method::Tfr) => "fuzzy, TFR".into(),
            (SetType::Fuzzy, Method::Indirect) => {
                format!("fuzzy, indirect, thresholds {}", self.thresholds)
            }
            (SetType::Fuzzy, Method::Direct) => {
                let shape = if self.anchors().len() == 6 {
                    format!("linear bell, below {} above {}", self.below, self.above)
                } else if self.ecdf {
                    "ecdf".into()
                } else if self.logistic {
                    format!("logistic, idm {}", self.idm)
                } else {
                    format!("linear, below {} above {}", self.below, self.above)
                };
                format!("fuzzy, direct, {shape}, anchors {}", self.thresholds)
            }
        }
    }
}
