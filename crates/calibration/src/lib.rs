//! `fiscus-calibration`: raw data to set memberships, with R QCA 3.25 `calibrate()` parity.
//!
//! One pure function, [`calibrate`], turns a column of raw values (missing values as `None`)
//! into set memberships according to a [`CalibrationSpec`], R's arguments of `calibrate()`:
//!
//! * **fuzzy, direct, three anchors** `e, c, i` (exclusion, crossover, inclusion): the logistic
//!   s-shape (default; `idm` is the membership at the inclusion anchor, 0.95 by default) or the
//!   linear / power shape (`logistic = false`, exponents `below` and `above`, optionally the
//!   empirical CDF between the anchors with `ecdf = true`); `e > i` gives a decreasing set;
//! * **fuzzy, direct, six anchors** `e1, c1, i1, i2, c2, e2`: bell (`e1 < c1 < i1 <= i2 < c2 < e2`)
//!   or inverse bell (`i1 < c1 < e1 <= e2 < c2 < i2`), always linear / power;
//! * direct memberships below 0.0001 become 0 and above 0.9999 become 1, as in R;
//! * **crisp** with one or more thresholds: the number of thresholds at or below the value
//!   (0/1, or 0/1/2/… for multi-value sets); thresholds must lie inside the data range;
//! * **indirect** (Ragin 2008): interval targets `0, 1/k, …, 1` (rounded to 3 decimals) for the
//!   `k` sorted thresholds, a quasi-binomial logit of the targets on `log x, √x, x, x²` fitted by
//!   iteratively reweighted least squares as R's `glm.fit` does, fitted values rounded to 6
//!   decimals;
//! * **TFR** (totally fuzzy and relative, ordinal data whose lowest category is 1):
//!   `max(0, (F(x) − F(1)) / (1 − F(1)))` with `F` the empirical CDF.
//!
//! Missing values stay missing (and are listed in [`Calibrated::missing`]). Where R only warns
//! (two anchors equal in the linear shape, an indirect fit that did not converge, thresholds
//! given to TFR), the warning is returned in [`Calibrated::warnings`]; everything R refuses, and
//! anchors out of order, is a [`CalibrationError`].
//!
//! Thresholds are parsed from R's syntax (`"e=400, c=550, i=900"`, six named anchors, or plain
//! numbers); [`CalibrationSpec::anchors`] and [`CalibrationSpec::with_anchors`] read and replace
//! them, e.g. to recalibrate with shifted anchors in a robustness test. [`find_thresholds`]
//! suggests crisp thresholds like R's `findTh()`, and [`percentile_thresholds`] turns
//! percentiles (type-7 quantiles, R's default) into anchors.
//!
//! ```
//! use fiscus_calibration::{calibrate, CalibrationSpec};
//! let dev = [Some(720.0), Some(1098.0), None, Some(350.0)];
//! let spec: CalibrationSpec = "e=400, c=550, i=900".parse().unwrap();
//! let out = calibrate(&dev, &spec).unwrap();
//! assert!((out.values[0].unwrap() - 0.806925632987392).abs() < 1e-12);
//! assert_eq!(out.values[2], None);
//! assert_eq!(out.missing, vec![2]);
//! ```

mod direct;
mod error;
mod indirect;
mod report;
mod spec;
mod suggest;

pub use error::CalibrationError;
pub use report::{
    CalibratedColumn, CalibratedSet, CalibratedSets, ColumnCalibration, SetRequest,
    SuggestedThresholds,
};
pub use spec::{CalibrationSpec, Method, SetType, Thresholds, SIX_ANCHORS, THREE_ANCHORS};
pub use suggest::{find_thresholds, percentile_thresholds, quantile};

use serde::Serialize;

/// The result of [`calibrate`].
///
/// ```
/// let out = fiscus_calibration::calibrate(&[Some(1.0), None], &fiscus_calibration::CalibrationSpec::crisp(&[1.0])).unwrap();
/// assert_eq!(out.values, vec![Some(1.0), None]);
/// assert!(out.warnings.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibrated {
    /// One membership (or crisp category) per input value; `None` where the input is missing.
    pub values: Vec<Option<f64>>,
    /// What R would print as warnings.
    pub warnings: Vec<String>,
    /// 0-based positions of the missing input values.
    pub missing: Vec<usize>,
}

/// Calibrates `x` according to `spec` (see the crate documentation for the methods).
///
/// ```
/// use fiscus_calibration::{calibrate, CalibrationSpec, Method};
/// let x = [Some(1.0), Some(2.0), Some(2.0), Some(3.0)];
/// let tfr = calibrate(&x, &CalibrationSpec::tfr()).unwrap();
/// assert_eq!(tfr.values, vec![Some(0.0), Some(2.0 / 3.0), Some(2.0 / 3.0), Some(1.0)]);
/// let crisp = calibrate(&x, &CalibrationSpec::crisp(&[2.0])).unwrap();
/// assert_eq!(crisp.values, vec![Some(0.0), Some(1.0), Some(1.0), Some(1.0)]);
/// let bad: CalibrationSpec = "e=3,c=1,i=2".parse().unwrap();
/// assert!(calibrate(&x, &bad).unwrap_err().to_string().starts_with("anchors out of order"));
/// ```
pub fn calibrate(
    x: &[Option<f64>],
    spec: &CalibrationSpec,
) -> Result<Calibrated, CalibrationError> {
    if let Some((k, v)) = x
        .iter()
        .enumerate()
        .find_map(|(k, v)| v.filter(|v| !v.is_finite()).map(|v| (k, v)))
    {
        return Err(CalibrationError::BadValue {
            row: k + 1,
            value: v,
            reason: "is not a finite number",
        });
    }
    let missing: Vec<usize> = (0..x.len()).filter(|&k| x[k].is_none()).collect();
    let present: Vec<f64> = x.iter().flatten().copied().collect();
    if present.is_empty() {
        return Err(CalibrationError::NoData { n: x.len() });
    }
    let th = spec.anchors();
    if th.iter().any(|t| !t.is_finite()) {
        return Err(CalibrationError::Syntax {
            text: spec.thresholds.to_string(),
            reason: "thresholds must be finite numbers".into(),
        });
    }
    let mut warnings = Vec::new();
    let map = |f: &dyn Fn(f64) -> f64| -> Vec<Option<f64>> { x.iter().map(|v| v.map(f)).collect() };
    let values = match (spec.set_type, spec.method) {
        (SetType::Crisp, Method::Direct) => {
            if spec.thresholds.named {
                return Err(CalibrationError::Unsupported(format!(
                    "named thresholds ({}) need fuzzy calibration; give crisp thresholds as plain numbers",
                    spec.thresholds
                )));
            }
            if th.is_empty() {
                return Err(count_error("crisp calibration", "1 or more", 0));
            }
            let (min, max) = present
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                    (a.min(v), b.max(v))
                });
            if let Some(&t) = th.iter().find(|&&t| t < min || t > max) {
                return Err(CalibrationError::OutsideRange {
                    threshold: t,
                    min,
                    max,
                });
            }
            let mut sorted = th.to_vec();
            sorted.sort_by(f64::total_cmp);
            if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
                return Err(CalibrationError::Equal {
                    detail: format!("crisp threshold {} is given twice", w[0]),
                });
            }
            map(&|v| direct::crisp(v, &sorted))
        }
        (SetType::Crisp, m) => {
            return Err(CalibrationError::Unsupported(format!(
                "crisp calibration uses its thresholds directly; method `{}` applies to fuzzy sets",
                method_name(m)
            )))
        }
        (SetType::Fuzzy, Method::Direct) => {
            if !(spec.idm > 0.5 && spec.idm < 1.0) {
                return Err(CalibrationError::Idm { idm: spec.idm });
            }
            for (name, value) in [("below", spec.below), ("above", spec.above)] {
                if !(value > 0.0 && value.is_finite()) {
                    return Err(CalibrationError::Exponent { name, value });
                }
            }
            match th.len() {
                3 => {
                    let (t, w) = direct::check_three(th, spec.logistic)?;
                    warnings.extend(w);
                    if spec.logistic {
                        if spec.ecdf {
                            return Err(CalibrationError::Unsupported(
                                "ecdf needs the linear shape (logistic = false)".into(),
                            ));
                        }
                        map(&|v| direct::clamp(direct::logistic(v, &t, spec.idm)))
                    } else {
                        let cdf = spec.ecdf.then(|| {
                            let lo = th.iter().copied().fold(f64::INFINITY, f64::min);
                            let hi = th.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                            direct::Ecdf::new(&present, lo, hi)
                        });
                        map(&|v| {
                            direct::clamp(direct::linear(
                                v,
                                &t,
                                spec.below,
                                spec.above,
                                cdf.as_ref(),
                            ))
                        })
                    }
                }
                6 => {
                    if spec.ecdf {
                        return Err(CalibrationError::Unsupported(
                            "ecdf applies to three anchors, not to six".into(),
                        ));
                    }
                    let s = direct::check_six(th)?;
                    map(&|v| direct::clamp(direct::six(v, &s, spec.below, spec.above)))
                }
                k => return Err(count_error("fuzzy direct calibration", "3 or 6", k)),
            }
        }
        (SetType::Fuzzy, Method::Indirect) => {
            if th.is_empty() {
                return Err(count_error("indirect calibration", "1 or more", 0));
            }
            if let Some((k, v)) = x
                .iter()
                .enumerate()
                .find_map(|(k, v)| v.filter(|v| *v < 0.0).map(|v| (k, v)))
            {
                return Err(CalibrationError::BadValue {
                    row: k + 1,
                    value: v,
                    reason: "is negative; indirect calibration takes logarithms",
                });
            }
            let mut sorted = th.to_vec();
            sorted.sort_by(f64::total_cmp);
            let y = indirect::targets(&present, &sorted);
            let xs: Vec<f64> = present
                .iter()
                .map(|&v| if v == 0.0 { 1e-5 } else { v })
                .collect();
            let fit = indirect::fit(&xs, &y)?;
            if !fit.converged {
                warnings.push("glm.fit: algorithm did not converge".into());
            }
            let mut it = fit.fitted.into_iter();
            x.iter()
                .map(|v| {
                    v.and_then(|_| it.next())
                        .map(|m| direct::clamp(indirect::round_to(m, 6)))
                })
                .collect()
        }
        (SetType::Fuzzy, Method::Tfr) => {
            if !th.is_empty() {
                warnings.push(format!(
                    "thresholds ({}) are ignored by TFR calibration",
                    spec.thresholds
                ));
            }
            let cdf = direct::Ecdf::of_all(&present);
            let e1 = cdf.at(1.0);
            if e1 >= 1.0 {
                return Err(CalibrationError::Unsupported(
                    "TFR calibration needs values above the lowest category 1".into(),
                ));
            }
            map(&|v| direct::tfr(v, &cdf, e1))
        }
    };
    Ok(Calibrated {
        values,
        warnings,
        missing,
    })
}

fn count_error(what: &str, expected: &str, got: usize) -> CalibrationError {
    CalibrationError::Count {
        what: what.into(),
        expected: expected.into(),
        got,
    }
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Direct => "direct",
        Method::Indirect => "indirect",
        Method::Tfr => "tfr",
    }
}
