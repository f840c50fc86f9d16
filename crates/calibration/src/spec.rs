//! The calibration specification and its text syntax.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::CalibrationError;

/// Names of the three anchors of an s-shaped set, in canonical order.
///
/// ```
/// assert_eq!(fiscus_calibration::THREE_ANCHORS.join(","), "e,c,i");
/// ```
pub const THREE_ANCHORS: [&str; 3] = ["e", "c", "i"];
/// Names of the six anchors of a bell (or inverse bell) shaped set, in canonical order.
///
/// ```
/// assert_eq!(fiscus_calibration::SIX_ANCHORS.join(","), "e1,c1,i1,i2,c2,e2");
/// ```
pub const SIX_ANCHORS: [&str; 6] = ["e1", "c1", "i1", "i2", "c2", "e2"];

/// Crisp or fuzzy sets (R's `type`).
///
/// ```
/// assert_eq!(fiscus_calibration::SetType::default(), fiscus_calibration::SetType::Fuzzy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SetType {
    /// Memberships in [0, 1] (default).
    #[default]
    Fuzzy,
    /// Categories 0, 1, … : the number of thresholds at or below the value.
    Crisp,
}

/// How fuzzy memberships are obtained (R's `method`).
///
/// ```
/// assert_eq!(fiscus_calibration::Method::default(), fiscus_calibration::Method::Direct);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Anchors define the membership function directly (default).
    #[default]
    Direct,
    /// Ragin's indirect method: a fractional logit fitted to interval targets.
    Indirect,
    /// Totally fuzzy and relative (ordinal data, lowest category 1).
    Tfr,
}

/// Threshold values in canonical order, and whether they were given with names.
///
/// Parsed from R QCA's syntax: `e=400,c=550,i=900` (any order; three anchors),
/// `e1=..,c1=..,i1=..,i2=..,c2=..,e2=..` (six anchors) or plain numbers taken positionally
/// (`400,550,900`). Spaces are ignored; `;` may separate values too.
///
/// ```
/// use fiscus_calibration::Thresholds;
/// let t: Thresholds = "i=900, e=400, c=550".parse().unwrap();
/// assert_eq!(t.values, vec![400.0, 550.0, 900.0]);
/// assert!(t.named);
/// let p: Thresholds = "550,850".parse().unwrap();
/// assert_eq!((p.values, p.named), (vec![550.0, 850.0], false));
/// assert!("e=1,x=2,i=3".parse::<Thresholds>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Thresholds {
    /// The values, in canonical order (`e,c,i` or `e1,c1,i1,i2,c2,e2` when named).
    pub values: Vec<f64>,
    /// Whether the values were given with anchor names.
    pub named: bool,
}

impl Thresholds {
    /// Unnamed thresholds from numbers.
    ///
    /// ```
    /// let t = fiscus_calibration::Thresholds::plain(&[1.0, 2.0]);
    /// assert!(!t.named && t.values == vec![1.0, 2.0]);
    /// ```
    pub fn plain(values: &[f64]) -> Self {
        Thresholds {
            values: values.to_vec(),
            named: false,
        }
    }
}

impl FromStr for Thresholds {
    type Err = CalibrationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = |reason: String| CalibrationError::Syntax {
            text: text.to_string(),
            reason,
        };
        let items: Vec<&str> = text
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Err(err("no values".into()));
        }
        let mut names = Vec::new();
        let mut values = Vec::new();
        for item in &items {
            let (name, num) = match item.split_once('=') {
                Some((n, v)) => (Some(n.trim().to_ascii_lowercase()), v.trim()),
                None => (None, *item),
            };
            let v: f64 = num
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| err(format!("`{num}` is not a number")))?;
            names.push(name);
            values.push(v);
        }
        let n_named = names.iter().filter(|n| n.is_some()).count();
        if n_named == 0 {
            return Ok(Thresholds {
                values,
                named: false,
            });
        }
        if n_named != names.len() {
            return Err(err("name all values or none".into()));
        }
        let canon: &[&str] = match values.len() {
            3 => &THREE_ANCHORS,
            6 => &SIX_ANCHORS,
            k => {
                return Err(err(format!(
                    "named anchors come as three (e,c,i) or six (e1,c1,i1,i2,c2,e2), got {k}"
                )))
            }
        };
        let mut ordered = vec![f64::NAN; canon.len()];
        let mut seen = vec![false; canon.len()];
        for (name, v) in names.iter().flatten().zip(&values) {
            let k = canon.iter().position(|c| c == name).ok_or_else(|| {
                err(format!(
                    "unknown anchor name `{name}` (expected {})",
                    canon.join(", ")
                ))
            })?;
            if seen[k] {
                return Err(err(format!("anchor `{name}` given twice")));
            }
            seen[k] = true;
            ordered[k] = *v;
        }
        Ok(Thresholds {
            values: ordered,
            named: true,
        })
    }
}

impl fmt::Display for Thresholds {
    /// Writes the thresholds back in the syntax they are parsed from.
    ///
    /// ```
    /// let t: fiscus_calibration::Thresholds = "c=550,e=400,i=900".parse().unwrap();
    /// assert_eq!(t.to_string(), "e=400,c=550,i=900");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Option<&[&str]> = match (self.named, self.values.len()) {
            (true, 3) => Some(&THREE_ANCHORS),
            (true, 6) => Some(&SIX_ANCHORS),
            _ => None,
        };
        let parts: Vec<String> = self
            .values
            .iter()
            .enumerate()
            .map(|(k, v)| match names {
                Some(n) => format!("{}={v}", n[k]),
                None => v.to_string(),
            })
            .collect();
        f.write_str(&parts.join(","))
    }
}

/// Everything `calibrate()` needs besides the data: R QCA's arguments of `calibrate()`.
///
/// The [`Default`] is R's: fuzzy, direct, logistic, `idm = 0.95`, `ecdf = FALSE`,
/// `below = above = 1`, and no thresholds. Parse one from the threshold syntax (see
/// [`Thresholds`]) and adjust it with the `with_*` methods; [`CalibrationSpec::anchors`] and
/// [`CalibrationSpec::with_anchors`] read and replace the anchors (for robustness sweeps).
///
/// ```
/// use fiscus_calibration::{calibrate, CalibrationSpec};
/// let spec: CalibrationSpec = "e=400,c=550,i=900".parse().unwrap();
/// assert_eq!(spec.anchors(), &[400.0, 550.0, 900.0]);
/// let shifted = spec.with_anchors(&[350.0, 550.0, 900.0]);
/// let out = calibrate(&[Some(550.0), None], &shifted).unwrap();
/// assert_eq!(out.values, vec![Some(0.5), None]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationSpec {
    /// Fuzzy (default) or crisp.
    pub set_type: SetType,
    /// Direct (default), indirect or TFR; ignored for crisp sets.
    pub method: Method,
    /// The anchors (fuzzy direct), targets' cut points (indirect) or crisp thresholds.
    pub thresholds: Thresholds,
    /// Logistic s-shape (default `true`); `false` is R's `logistic = FALSE` (linear / power).
    pub logistic: bool,
    /// Inclusion degree of membership at the inclusion anchor, in (0.5, 1) (default 0.95).
    pub idm: f64,
    /// Empirical-CDF shape between the anchors (needs `logistic = false`; default `false`).
    pub ecdf: bool,
    /// Exponent below the crossover of the linear shape (default 1; R's `below`/`p`).
    pub below: f64,
    /// Exponent above the crossover of the linear shape (default 1; R's `above`/`q`).
    pub above: f64,
}

impl Default for CalibrationSpec {
    fn default() -> Self {
        CalibrationSpec {
            set_type: SetType::Fuzzy,
            method: Method::Direct,
            thresholds: Thresholds::default(),
            logistic: true,
            idm: 0.95,
            ecdf: false,
            below: 1.0,
            above: 1.0,
        }
    }
}

impl FromStr for CalibrationSpec {
    type Err = CalibrationError;

    /// A default (fuzzy, direct, logistic) specification with the thresholds in `text`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(CalibrationSpec {
            thresholds: text.parse()?,
            ..CalibrationSpec::default()
        })
    }
}

impl CalibrationSpec {
    /// A crisp specification with the given thresholds.
    ///
    /// ```
    /// let s = fiscus_calibration::CalibrationSpec::crisp(&[550.0, 850.0]);
    /// assert_eq!(s.set_type, fiscus_calibration::SetType::Crisp);
    /// ```
    pub fn crisp(thresholds: &[f64]) -> Self {
        CalibrationSpec {
            set_type: SetType::Crisp,
            thresholds: Thresholds::plain(thresholds),
            ..CalibrationSpec::default()
        }
    }

    /// A TFR specification (no thresholds).
    ///
    /// ```
    /// let s = fiscus_calibration::CalibrationSpec::tfr();
    /// assert_eq!(s.method, fiscus_calibration::Method::Tfr);
    /// ```
    pub fn tfr() -> Self {
        CalibrationSpec {
            method: Method::Tfr,
            ..CalibrationSpec::default()
        }
    }

    /// The anchors / thresholds, in canonical order.
    ///
    /// ```
    /// let s: fiscus_calibration::CalibrationSpec = "i=5,c=9.5,e=15".parse().unwrap();
    /// assert_eq!(s.anchors(), &[15.0, 9.5, 5.0]);
    /// ```
    pub fn anchors(&self) -> &[f64] {
        &self.thresholds.values
    }

    /// A copy with the anchors replaced (same order as [`CalibrationSpec::anchors`]).
    ///
    /// ```
    /// let s: fiscus_calibration::CalibrationSpec = "e=400,c=550,i=900".parse().unwrap();
    /// assert_eq!(s.with_anchors(&[1.0, 2.0, 3.0]).anchors(), &[1.0, 2.0, 3.0]);
    /// ```
    pub fn with_anchors(&self, anchors: &[f64]) -> Self {
        CalibrationSpec {
            thresholds: Thresholds {
                values: anchors.to_vec(),
                named: self.thresholds.named,
            },
            ..self.clone()
        }
    }

    /// A copy with another set type.
    ///
    /// ```
    /// use fiscus_calibration::{CalibrationSpec, SetType};
    /// let s: CalibrationSpec = "550".parse().unwrap();
    /// assert_eq!(s.with_type(SetType::Crisp).set_type, SetType::Crisp);
    /// ```
    pub fn with_type(mut self, set_type: SetType) -> Self {
        self.set_type = set_type;
        self
    }

    /// A copy with another method.
    ///
    /// ```
    /// use fiscus_calibration::{CalibrationSpec, Method};
    /// let s: CalibrationSpec = "1000,4000".parse().unwrap();
    /// assert_eq!(s.with_method(Method::Indirect).method, Method::Indirect);
    /// ```
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// A copy with the logistic function switched on or off.
    ///
    /// ```
    /// let s: fiscus_calibration::CalibrationSpec = "e=1,c=2,i=3".parse().unwrap();
    /// assert!(!s.with_logistic(false).logistic);
    /// ```
    pub fn with_logistic(mut self, logistic: bool) -> Self {
        self.logistic = logistic;
        self
    }

    /// A copy with another inclusion degree of membership.
    ///
    /// ```
    /// let s: fiscus_calibration::CalibrationSpec = "e=1,c=2,i=3".parse().unwrap();
    /// assert_eq!(s.with_idm(0.99).idm, 0.99);
    /// ```
    pub fn with_idm(mut self, idm: f64) -> Self {
        self.idm = idm;
        self
    }

    /// A copy with the empirical-CDF shape switched on or off.
    ///
    /// ```
    /// let s: fiscus_calibration::CalibrationSpec = "e=1,c=2,i=3".parse().unwrap();
    /// assert!(s.with_ecdf(true).ecdf);
    /// ```
    pub fn with_ecdf(mut self, ecdf: bool) -> Self {
        self.ecdf = ecdf;
        self
    }

    /// A copy with other exponents of the linear shape.
    ///
    /// ```
    /// let s: fiscus_calibration::CalibrationSpec = "e=1,c=2,i=3".parse().unwrap();
    /// let s = s.with_exponents(2.0, 0.5);
    /// assert_eq!((s.below, s.above), (2.0, 0.5));
    /// ```
    pub fn with_exponents(mut self, below: f64, above: f64) -> Self {
        self.below = below;
        self.above = above;
        self
    }
}
