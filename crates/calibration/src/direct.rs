//! Direct calibration (three and six anchors), crisp thresholds and TFR.

use crate::CalibrationError;

/// R's `all.equal()` tolerance.
const ALL_EQUAL_TOL: f64 = 1.5e-8;

/// `x == t` as R's `isTRUE(all.equal(x, t))`: relative to `|x|` unless `|x|` is tiny.
fn near(x: f64, t: f64) -> bool {
    let d = (x - t).abs();
    let scale = x.abs();
    if scale.is_finite() && scale > ALL_EQUAL_TOL {
        d / scale <= ALL_EQUAL_TOL
    } else {
        d <= ALL_EQUAL_TOL
    }
}

/// `x <= t` with R's `all.equal` tolerance on the equality.
fn le(x: f64, t: f64) -> bool {
    x < t || near(x, t)
}

/// `a / b`, with 0 for `0 / 0` (cannot happen for data inside the anchors; a guard only).
fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// `base^exp` for the power arms, with `base` floored at 0: a value within R's `all.equal`
/// tolerance beyond an anchor would otherwise give a negative base (NaN).
fn pw(base: f64, exp: f64) -> f64 {
    base.max(0.0).powf(exp)
}

/// R's post-processing of direct and indirect calibration.
pub(crate) fn clamp(fs: f64) -> f64 {
    if fs < 0.0001 {
        0.0
    } else if fs > 0.9999 {
        1.0
    } else {
        fs
    }
}

/// The validated three anchors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Three {
    pub e: f64,
    pub c: f64,
    pub i: f64,
}

impl Three {
    fn increasing(&self) -> bool {
        self.e < self.i
    }
}

/// Checks three anchors: the crossover must lie between the other two. Returns warnings for
/// the linear shape (R only warns there when two anchors coincide).
pub(crate) fn check_three(
    a: &[f64],
    logistic: bool,
) -> Result<(Three, Vec<String>), CalibrationError> {
    let t = Three {
        e: a[0],
        c: a[1],
        i: a[2],
    };
    let detail = format!("e={}, c={}, i={}", t.e, t.c, t.i);
    let mut warnings = Vec::new();
    if t.e == t.i {
        return Err(CalibrationError::Equal {
            detail: format!("{detail} (exclusion and inclusion anchors must differ)"),
        });
    }
    let (lo, hi) = if t.e < t.i { (t.e, t.i) } else { (t.i, t.e) };
    if t.c < lo || t.c > hi {
        return Err(CalibrationError::Order {
            detail: format!(
                "{detail} (the crossover must lie between the exclusion and inclusion anchors)"
            ),
        });
    }
    if t.c == t.e || t.c == t.i {
        if logistic {
            return Err(CalibrationError::Equal {
                detail: format!("{detail} (the crossover must differ from the other anchors)"),
            });
        }
        warnings.push(format!(
            "some thresholds equal, that should not be equal ({detail})"
        ));
    }
    Ok((t, warnings))
}

/// The logistic s-shape (R's default).
pub(crate) fn logistic(x: f64, t: &Three, idm: f64) -> f64 {
    let (th_ex, th_in) = if t.e > t.i { (t.i, t.e) } else { (t.e, t.i) };
    let b = (idm / (1.0 - idm)).ln();
    let fs = if x < t.c {
        1.0 / (1.0 + ((x - t.c) * b / (th_ex - t.c)).exp())
    } else {
        1.0 / (1.0 + (-(x - t.c) * b / (th_in - t.c)).exp())
    };
    if t.e > t.i {
        1.0 - fs
    } else {
        fs
    }
}

/// The empirical CDF of the values inside the anchors' range (R's `ecdf = TRUE`).
pub(crate) struct Ecdf {
    sorted: Vec<f64>,
}

impl Ecdf {
    pub(crate) fn new(values: &[f64], lo: f64, hi: f64) -> Self {
        let mut sorted: Vec<f64> = values
            .iter()
            .copied()
            .filter(|v| *v >= lo && *v <= hi)
            .collect();
        sorted.sort_by(f64::total_cmp);
        Ecdf { sorted }
    }

    pub(crate) fn of_all(values: &[f64]) -> Self {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Ecdf { sorted }
    }

    /// Share of values `<= x`.
    pub(crate) fn at(&self, x: f64) -> f64 {
        if self.sorted.is_empty() {
            return 0.0;
        }
        let k = self.sorted.partition_point(|v| *v <= x);
        k as f64 / self.sorted.len() as f64
    }
}

/// Increasing arm between exclusion `e`, crossover `c` and inclusion `i` (`e < c < i`),
/// evaluated for `e < x` (the caller has handled `x <= e`).
fn rising(x: f64, e: f64, c: f64, i: f64, below: f64, above: f64) -> f64 {
    if le(x, c) {
        pw((e - x) / (e - c), below) / 2.0
    } else if le(x, i) {
        1.0 - pw((i - x) / (i - c), above) / 2.0
    } else {
        1.0
    }
}

/// The linear (power) s-shape, optionally with the empirical CDF (R's `logistic = FALSE`).
pub(crate) fn linear(x: f64, t: &Three, below: f64, above: f64, ecdf: Option<&Ecdf>) -> f64 {
    let (e, c, i) = (t.e, t.c, t.i);
    if t.increasing() {
        if le(x, e) {
            0.0
        } else if le(x, c) {
            match ecdf {
                Some(f) => ratio(f.at(x), f.at(c)) / 2.0,
                None => pw((e - x) / (e - c), below) / 2.0,
            }
        } else if le(x, i) {
            match ecdf {
                Some(f) => 1.0 - ratio(1.0 - f.at(x), 1.0 - f.at(c)) / 2.0,
                None => 1.0 - pw((i - x) / (i - c), above) / 2.0,
            }
        } else {
            1.0
        }
    } else if le(x, i) {
        1.0
    } else if le(x, c) {
        match ecdf {
            Some(f) => 1.0 - ratio(f.at(x), f.at(c)) / 2.0,
            None => 1.0 - pw((i - x) / (i - c), above) / 2.0,
        }
    } else if le(x, e) {
        match ecdf {
            Some(f) => ratio(1.0 - f.at(x), 1.0 - f.at(c)) / 2.0,
            None => pw((e - x) / (e - c), below) / 2.0,
        }
    } else {
        0.0
    }
}

/// The validated six anchors, in canonical order `e1, c1, i1, i2, c2, e2`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Six {
    a: [f64; 6],
    bell: bool,
}

/// Checks six anchors: a bell (`e1 < c1 < i1 <= i2 < c2 < e2`) or an inverse bell
/// (`i1 < c1 < e1 <= e2 < c2 < i2`).
pub(crate) fn check_six(a: &[f64]) -> Result<Six, CalibrationError> {
    let [e1, c1, i1, i2, c2, e2] = [a[0], a[1], a[2], a[3], a[4], a[5]];
    let detail = format!("e1={e1}, c1={c1}, i1={i1}, i2={i2}, c2={c2}, e2={e2}");
    let bell = e1 < c1 && c1 < i1 && i1 <= i2 && i2 < c2 && c2 < e2;
    let inverse = i1 < c1 && c1 < e1 && e1 <= e2 && e2 < c2 && c2 < i2;
    if bell || inverse {
        return Ok(Six {
            a: [e1, c1, i1, i2, c2, e2],
            bell,
        });
    }
    let equal = e1 == c1 || c1 == i1 || i2 == c2 || c2 == e2 || c1 == c2 || e1 == i1 || i2 == e2;
    let mut ordered = [e1, c1, i1, i2, c2, e2];
    let weakly_bell = {
        ordered.sort_by(f64::total_cmp);
        ordered == [e1, c1, i1, i2, c2, e2]
    };
    let weakly_inverse = ordered == [i1, c1, e1, e2, c2, i2];
    if equal && (weakly_bell || weakly_inverse) {
        Err(CalibrationError::Equal {
            detail: format!(
                "{detail} (only i1 = i2, or e1 = e2 for an inverse bell, may coincide)"
            ),
        })
    } else {
        Err(CalibrationError::Order {
            detail: format!(
                "{detail} (a bell needs e1 < c1 < i1 <= i2 < c2 < e2, an inverse bell i1 < c1 < e1 <= e2 < c2 < i2)"
            ),
        })
    }
}

/// The six-anchor (bell / inverse bell) linear shape.
pub(crate) fn six(x: f64, s: &Six, below: f64, above: f64) -> f64 {
    let [e1, c1, i1, i2, c2, e2] = s.a;
    if s.bell {
        if le(x, e1) {
            0.0
        } else if le(x, c1) {
            pw((e1 - x) / (e1 - c1), below) / 2.0
        } else if x < i1 {
            1.0 - pw((i1 - x) / (i1 - c1), above) / 2.0
        } else if le(x, i2) {
            1.0
        } else if le(x, c2) {
            1.0 - pw((i2 - x) / (i2 - c2), above) / 2.0
        } else if le(x, e2) {
            pw((e2 - x) / (e2 - c2), below) / 2.0
        } else {
            0.0
        }
    } else if le(x, i1) {
        1.0
    } else if le(x, c1) {
        1.0 - pw((i1 - x) / (i1 - c1), above) / 2.0
    } else if x < e1 {
        pw((e1 - x) / (e1 - c1), below) / 2.0
    } else if le(x, e2) {
        0.0
    } else {
        // Rising again from e2 through c2 to i2.
        rising(x, e2, c2, i2, below, above)
    }
}

/// Crisp categories: the number of (sorted) thresholds `<= x` (R's `findInterval`).
pub(crate) fn crisp(x: f64, sorted: &[f64]) -> f64 {
    sorted.partition_point(|t| *t <= x) as f64
}

/// TFR membership from the empirical CDF of all values.
pub(crate) fn tfr(x: f64, cdf: &Ecdf, e1: f64) -> f64 {
    ((cdf.at(x) - e1) / (1.0 - e1)).max(0.0)
}
