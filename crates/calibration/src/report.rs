//! The documents `fiscus calibrate` prints as JSON.

use serde::Serialize;

use fiscus_data::Dataset;

use crate::spec::{CalibrationSpec, Method, SetType, Thresholds};
use crate::{calibrate, percentile_thresholds, CalibrationError};

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

impl CalibratedSet {
    /// The memberships as a data column named after the set (missing where the raw value is).
    ///
    /// ```
    /// use fiscus_calibration::{CalibratedSet, CalibrationSpec};
    /// use fiscus_data::Cell;
    /// let s = CalibratedSet { name: "D".into(), column: "DEV".into(), values: vec![Some(0.5), None],
    ///     thresholds: vec![], spec: CalibrationSpec::default(), missing: vec!["b".into()] };
    /// assert_eq!(s.to_column().cells, vec![Cell::Number(0.5), Cell::Missing]);
    /// ```
    pub fn to_column(&self) -> fiscus_data::Column {
        let cells = self
            .values
            .iter()
            .map(|v| v.map_or(fiscus_data::Cell::Missing, fiscus_data::Cell::Number));
        fiscus_data::Column::new(self.name.clone(), cells.collect())
    }
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

    /// `n` crisp thresholds for the column `column` of `ds` (R's `findTh()`; see
    /// [`find_thresholds`](crate::find_thresholds)); an error names the source and the column.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into(), "c".into(), "d".into()],
    ///     vec![Column::numbers("X", &[1.0, 2.0, 11.0, 12.0])]).unwrap();
    /// let s = fiscus_calibration::SuggestedThresholds::compute(&ds, "X", 1).unwrap();
    /// assert_eq!(s.thresholds, vec![6.5]);
    /// let e = fiscus_calibration::SuggestedThresholds::compute(&ds, "X", 9).unwrap_err();
    /// assert!(e.to_string().starts_with("d.csv: column `X`: cannot suggest 9"));
    /// ```
    pub fn compute(ds: &Dataset, column: &str, n: usize) -> Result<Self, CalibrationError> {
        let raw = ds.numeric(column)?;
        let th = crate::find_thresholds(&raw, n)
            .map_err(|e| e.at(format!("{}: column `{column}`", ds.source())))?;
        Ok(SuggestedThresholds::new(column, n, th))
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

/// One set calibrated on a data set ([`SetRequest::calibrate`]).
///
/// ```
/// use fiscus_calibration::{CalibrationSpec, SetRequest};
/// use fiscus_data::{Column, Dataset};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![Column::numbers("X", &[1.0, 3.0])]).unwrap();
/// let c = SetRequest::parse("C=X:2;type=crisp", &CalibrationSpec::default()).unwrap().calibrate(&ds).unwrap();
/// assert_eq!((c.raw, c.notes.len()), (vec![Some(1.0), Some(3.0)], 0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnCalibration {
    /// The set (percentile anchors resolved).
    pub set: CalibratedSet,
    /// The raw values it was computed from.
    pub raw: Vec<Option<f64>>,
    /// What the reader should know (R's warnings, missing values), each naming the source and
    /// the column.
    pub notes: Vec<String>,
}

impl SetRequest {
    /// The request of `fiscus calibrate --column COLUMN`: the set `name` (default: the column)
    /// with the anchors `thresholds` (`--thresholds`) or, resolved on the data, the percentiles
    /// `percentiles` (`--percentiles`); only TFR needs neither.
    ///
    /// ```
    /// use fiscus_calibration::{CalibrationSpec, SetRequest};
    /// let base = CalibrationSpec::default();
    /// let r = SetRequest::for_column("DEV", None, &base, None, Some("95,50,5")).unwrap();
    /// assert!(r.percentiles && r.name == "DEV" && r.spec.thresholds.values == vec![95.0, 50.0, 5.0]);
    /// let e = SetRequest::for_column("DEV", None, &base, Some("e=1,x=2"), None).unwrap_err();
    /// assert!(e.to_string().starts_with("--thresholds: invalid thresholds"));
    /// ```
    pub fn for_column(
        column: &str,
        name: Option<&str>,
        base: &CalibrationSpec,
        thresholds: Option<&str>,
        percentiles: Option<&str>,
    ) -> Result<SetRequest, CalibrationError> {
        let parse = |t: &str, flag: &str| t.parse::<Thresholds>().map_err(|e| e.at(flag));
        let (th, percentiles) = match (thresholds, percentiles) {
            (Some(t), _) => (parse(t, "--thresholds")?, false),
            (None, Some(p)) => (parse(p, "--percentiles")?, true),
            (None, None) if base.method == Method::Tfr => (Thresholds::default(), false),
            (None, None) => return Err(CalibrationError::Unsupported(
                "--thresholds (or --percentiles) is required unless --method tfr or --suggest N is given".into(),
            )),
        };
        Ok(SetRequest {
            name: name.unwrap_or(column).to_string(),
            column: column.to_string(),
            spec: CalibrationSpec {
                thresholds: th,
                ..base.clone()
            },
            percentiles,
        })
    }

    /// The requests of `fiscus calibrate --set ...` ([`SetRequest::parse`] each, options
    /// overriding `base`): at least one, and no set name twice.
    ///
    /// ```
    /// use fiscus_calibration::{CalibrationSpec, SetRequest};
    /// let base = CalibrationSpec::default();
    /// let r = SetRequest::parse_all(&["A=X:1,2,3".into(), "B=X:2;type=crisp".into()], &base).unwrap();
    /// assert_eq!(r.len(), 2);
    /// let e = SetRequest::parse_all(&["A=X:1,2,3".into(), "A=Y:1,2,3".into()], &base).unwrap_err();
    /// assert_eq!(e.to_string(), "--set: the output name `A` is used twice");
    /// ```
    pub fn parse_all(
        texts: &[String],
        base: &CalibrationSpec,
    ) -> Result<Vec<SetRequest>, CalibrationError> {
        if texts.is_empty() {
            return Err(CalibrationError::Unsupported("give --column COL (with --thresholds, --percentiles or --suggest) or one or more --set NAME=COL:SPEC".into()));
        }
        let mut out: Vec<SetRequest> = Vec::new();
        for t in texts {
            let r = SetRequest::parse(t, base).map_err(|e| e.at(format!("--set `{t}`")))?;
            if out.iter().any(|o| o.name == r.name) {
                return Err(CalibrationError::Unsupported(format!(
                    "--set: the output name `{}` is used twice",
                    r.name
                )));
            }
            out.push(r);
        }
        Ok(out)
    }

    /// Calibrates the column of `ds` this request names (percentile anchors resolved on it
    /// first). An error, and every note, names the source and the column, and a bad value its
    /// row and case.
    ///
    /// ```
    /// use fiscus_calibration::{CalibrationSpec, SetRequest};
    /// use fiscus_data::{Cell, Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into(), "c".into()], vec![Column::new("X",
    ///     vec![Cell::Number(1.0), Cell::Missing, Cell::Number(3.0)])]).unwrap();
    /// let r = SetRequest::parse("C=X:2;type=crisp", &CalibrationSpec::default()).unwrap();
    /// let c = r.calibrate(&ds).unwrap();
    /// assert_eq!(c.set.values, vec![Some(0.0), None, Some(1.0)]);
    /// assert_eq!(c.set.missing, vec!["b"]);
    /// assert_eq!(c.notes, vec!["d.csv: column `X`: 1 missing value(s) stay missing (rows 2 (`b`))"]);
    /// ```
    pub fn calibrate(&self, ds: &Dataset) -> Result<ColumnCalibration, CalibrationError> {
        let raw = ds.numeric(&self.column)?;
        let place = format!("{}: column `{}`", ds.source(), self.column);
        let cases = ds.cases();
        let locate = |e: CalibrationError| match e {
            CalibrationError::BadValue { row, .. } => {
                let case = cases.get(row - 1).cloned().unwrap_or_default();
                e.at(format!("{place}: row {row} (case `{case}`)"))
            }
            e => e.at(place.clone()),
        };
        let mut spec = self.spec.clone();
        if self.percentiles {
            spec.thresholds = percentile_thresholds(&raw, &spec.thresholds).map_err(locate)?;
        }
        let out = calibrate(&raw, &spec).map_err(locate)?;
        let mut notes: Vec<String> = out
            .warnings
            .iter()
            .map(|w| format!("{place}: {w}"))
            .collect();
        if !out.missing.is_empty() {
            let shown = out.missing.iter().take(10);
            let shown: Vec<String> = shown
                .map(|&k| format!("{} (`{}`)", k + 1, cases[k]))
                .collect();
            let more = if out.missing.len() > 10 { ", ..." } else { "" };
            notes.push(format!(
                "{place}: {} missing value(s) stay missing (rows {}{more})",
                out.missing.len(),
                shown.join(", ")
            ));
        }
        let missing = out.missing.iter().map(|&k| cases[k].clone()).collect();
        Ok(ColumnCalibration {
            set: CalibratedSet {
                name: self.name.clone(),
                column: self.column.clone(),
                values: out.values,
                thresholds: spec.thresholds.values.clone(),
                spec,
                missing,
            },
            raw,
            notes,
        })
    }
}
