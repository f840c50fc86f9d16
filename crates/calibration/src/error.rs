//! The error type of the crate.

/// Everything that can go wrong while parsing a calibration specification or calibrating.
///
/// Messages are lower-case and name the offending value; rows are 1-based positions in the
/// input vector (the data row when the vector is a data column).
///
/// ```
/// use fiscus_calibration::{calibrate, CalibrationError, CalibrationSpec};
/// let spec: CalibrationSpec = "e=900,c=550,i=400".parse::<CalibrationSpec>().unwrap().with_idm(1.2);
/// let err = calibrate(&[Some(500.0)], &spec).unwrap_err();
/// assert!(matches!(err, CalibrationError::Idm { .. }));
/// assert_eq!(err.to_string(), "idm 1.2 is outside (0.5, 1)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CalibrationError {
    /// The threshold text could not be parsed.
    #[error("invalid thresholds `{text}`: {reason}")]
    Syntax {
        /// The text as given.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The method needs a different number of thresholds.
    #[error("{what} needs {expected} thresholds, got {got}")]
    Count {
        /// The calibration asked for (e.g. `fuzzy direct calibration`).
        what: String,
        /// How many it needs (e.g. `3 or 6`).
        expected: String,
        /// How many were given.
        got: usize,
    },
    /// Anchors that must be ordered are not.
    #[error("anchors out of order: {detail}")]
    Order {
        /// Which anchors, with their values.
        detail: String,
    },
    /// Anchors that must differ are equal.
    #[error("equal anchors: {detail}")]
    Equal {
        /// Which anchors, with their values.
        detail: String,
    },
    /// The inclusion degree of membership is not in (0.5, 1).
    #[error("idm {idm} is outside (0.5, 1)")]
    Idm {
        /// The value given.
        idm: f64,
    },
    /// `below` or `above` is not positive (or not finite).
    #[error("{name} must be a positive number, got {value}")]
    Exponent {
        /// `below` or `above`.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// A crisp threshold lies outside the range of the data.
    #[error("crisp threshold {threshold} is outside the data range [{min}, {max}]")]
    OutsideRange {
        /// The threshold.
        threshold: f64,
        /// Smallest observed value.
        min: f64,
        /// Largest observed value.
        max: f64,
    },
    /// An option that does not apply to the calibration asked for.
    #[error("{0}")]
    Unsupported(String),
    /// No value to calibrate (every value is missing).
    #[error("no value to calibrate: all {n} values are missing")]
    NoData {
        /// Number of (missing) values.
        n: usize,
    },
    /// A value the method cannot use.
    #[error("row {row}: value {value} {reason}")]
    BadValue {
        /// 1-based position in the input.
        row: usize,
        /// The value.
        value: f64,
        /// Why it cannot be used.
        reason: &'static str,
    },
    /// The indirect (fractional logit) model could not be fitted.
    #[error("indirect calibration: {0}")]
    Fit(String),
    /// A percentile outside [0, 100].
    #[error("percentile {0} is outside [0, 100]")]
    Percentile(f64),
    /// An error in one place: an option, a `--set`, a column of a data set (named first).
    #[error("{place}: {error}")]
    At {
        /// Where: `--thresholds`, ``--set `D=DEV:1,2,3` ``, ``LR.csv: column `DEV` ``.
        place: String,
        /// What went wrong there.
        error: Box<CalibrationError>,
    },
    /// A problem with the data set (e.g. an unknown or non-numeric column).
    #[error(transparent)]
    Data(#[from] fiscus_data::DataError),
    /// Too few distinct values to suggest that many thresholds.
    #[error("cannot suggest {n} threshold(s) from {distinct} distinct value(s)")]
    Suggest {
        /// Thresholds asked for.
        n: usize,
        /// Distinct non-missing values available.
        distinct: usize,
    },
}

impl CalibrationError {
    /// This error placed at `place` (see [`CalibrationError::At`]).
    ///
    /// ```
    /// let e = fiscus_calibration::CalibrationError::Percentile(120.0).at("--percentiles");
    /// assert_eq!(e.to_string(), "--percentiles: percentile 120 is outside [0, 100]");
    /// ```
    pub fn at(self, place: impl Into<String>) -> CalibrationError {
        CalibrationError::At {
            place: place.into(),
            error: Box::new(self),
        }
    }
}
