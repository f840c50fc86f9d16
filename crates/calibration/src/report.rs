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

/// One calibration asked for: which raw column, into which set, how (`fiscus calibrate --set`).
///
/// ```
/// use fiscus_calibration::{CalibrationSpec, SetRequest, SetType};
/// let r = SetRequest::parse("DEV=GNPCAP:400,550,900;idm=0.9", &CalibrationSpec::default()).unwrap();
/// assert_eq!((r.name.as_str(), r.column.as_str(), r.spec.idm), ("DEV", "GNPCAP", 0.9));
/// let c = SetRequest::parse("L=LIT:75;type=crisp", &CalibrationSpec::default()).unwrap();
/// assert_eq!(c.spec.set_type, SetType::Crisp);
/// assert!(SetRequest::parse("GNPCAP:400,550,900", &CalibrationSpec::default()).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SetRequest {
    /// The set's name.
    pub name: String,
    /// The raw column.
    pub column: String,
    /// The calibration.
    pub spec: CalibrationSpec,
    /// The thresholds are percentiles, to resolve on the data.
    pub percentiles: bool,
}

impl SetRequest {
    /// Parses `NAME=COL[:THRESHOLDS][;OPTION...]`, options overriding `base`: `type=crisp|fuzzy`,
    /// `method=direct|indirect|tfr`, `linear`, `logistic`, `ecdf`, `idm=X`, `below=X`,
    /// `above=X`, `percentiles`.
    pub fn parse(
        text: &str,
        base: &CalibrationSpec,
    ) -> Result<SetRequest, crate::CalibrationError> {
        let bad = |m: String| crate::CalibrationError::Unsupported(m);
        let usage = "expected NAME=COL:THRESHOLDS, e.g. DEV=GNPCAP:400,550,900";
        let mut parts = text.split(';');
        let head = parts.next().unwrap_or_default();
        let (name, rest) = head.split_once('=').ok_or_else(|| bad(usage.into()))?;
        let (column, thresholds) = match rest.split_once(':') {
            Some((c, t)) => (c.trim(), Some(t.trim())),
            None => (rest.trim(), None),
        };
        let name = name.trim();
        if name.is_empty() || column.is_empty() {
            return Err(bad(usage.into()));
        }
        let mut spec = base.clone();
        let mut percentiles = false;
        for opt in parts.map(str::trim).filter(|o| !o.is_empty()) {
            let (key, value) = match opt.split_once('=') {
                Some((k, v)) => (k.trim().to_ascii_lowercase(), Some(v.trim())),
                None => (opt.to_ascii_lowercase(), None),
            };
            let number = |v: Option<&str>| {
                v.and_then(|v| v.parse::<f64>().ok())
                    .ok_or_else(|| bad(format!("option `{opt}` needs a number, e.g. {key}=2")))
            };
            match (key.as_str(), value.map(str::to_ascii_lowercase).as_deref()) {
                ("type", Some("crisp")) => spec.set_type = SetType::Crisp,
                ("type", Some("fuzzy")) => spec.set_type = SetType::Fuzzy,
                ("method", Some("direct")) => spec.method = Method::Direct,
                ("method", Some("indirect")) => spec.method = Method::Indirect,
                ("method", Some("tfr")) => spec.method = Method::Tfr,
                ("linear", None) => spec.logistic = false,
                ("logistic", None) => spec.logistic = true,
                ("ecdf", None) => {
                    spec.ecdf = true;
                    spec.logistic = false;
                }
                ("idm", _) => spec.idm = number(value)?,
                ("below", _) => spec.below = number(value)?,
                ("above", _) => spec.above = number(value)?,
                ("percentiles", None) => percentiles = true,
                _ => return Err(bad(format!(
                    "unknown option `{opt}` (options: type=crisp|fuzzy, method=direct|indirect|tfr, linear, logistic, ecdf, idm=X, below=X, above=X, percentiles)"
                ))),
            }
        }
        spec.thresholds = match thresholds {
            Some(t) if !t.is_empty() => t.parse()?,
            _ if spec.method == Method::Tfr => Default::default(),
            _ => {
                return Err(bad(
                    "no thresholds: write NAME=COL:THRESHOLDS (only method=tfr needs none)".into(),
                ))
            }
        };
        Ok(SetRequest {
            name: name.to_string(),
            column: column.to_string(),
            spec,
            percentiles,
        })
    }
}
