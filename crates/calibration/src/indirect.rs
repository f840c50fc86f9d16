//! Indirect calibration: R QCA's fractional-polynomial quasi-binomial logit, fitted by
//! iteratively reweighted least squares exactly as R's `glm.fit` does.

use crate::CalibrationError;

/// `glm.control()` defaults.
const EPSILON: f64 = 1e-8;
const MAX_IT: usize = 25;
/// Rank tolerance of the least-squares step (`glm.fit` uses `min(1e-7, epsilon / 1000)`).
const QR_TOL: f64 = 1e-11;
/// Thresholds of R's logit link (`src/library/stats/src/family.c`).
const THRESH: f64 = 30.0;
const MTHRESH: f64 = -30.0;

fn linkinv(eta: f64) -> f64 {
    let t = if eta < MTHRESH {
        f64::EPSILON
    } else if eta > THRESH {
        1.0 / f64::EPSILON
    } else {
        eta.exp()
    };
    t / (1.0 + t)
}

fn mu_eta(eta: f64) -> f64 {
    let opexp = 1.0 + eta.exp();
    if !(MTHRESH..=THRESH).contains(&eta) {
        f64::EPSILON
    } else {
        eta.exp() / (opexp * opexp)
    }
}

fn y_log_y(y: f64, mu: f64) -> f64 {
    if y != 0.0 {
        y * (y / mu).ln()
    } else {
        0.0
    }
}

fn deviance(y: &[f64], mu: &[f64]) -> f64 {
    y.iter()
        .zip(mu)
        .map(|(&y, &m)| 2.0 * (y_log_y(y, m) + y_log_y(1.0 - y, 1.0 - m)))
        .sum()
}

/// Target memberships: `round(seq(0, 1, by = 1/k), 3)[j + 1]` for `x > th_j` (sorted
/// thresholds), 0 below the first.
pub(crate) fn targets(x: &[f64], sorted_th: &[f64]) -> Vec<f64> {
    let k = sorted_th.len();
    let by = 1.0 / k as f64;
    let values: Vec<f64> = (0..=k).map(|j| round_to(j as f64 * by, 3)).collect();
    x.iter()
        .map(|&v| {
            let mut y = 0.0;
            for (j, t) in sorted_th.iter().enumerate() {
                if v > *t {
                    y = values[j + 1];
                }
            }
            y
        })
        .collect()
}

/// Rounds to `digits` decimals, halves away from zero.
pub(crate) fn round_to(v: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (v * p).round() / p
}

/// Weighted least squares `min ||w (X b - z)||` by Householder QR with R's limited pivoting:
/// a column whose remaining norm is negligible is aliased (left out, coefficient 0).
/// Columns are equilibrated first (the fitted values do not depend on column scale).
fn wls(x: &[[f64; 5]], z: &[f64], w: &[f64]) -> Result<[f64; 5], CalibrationError> {
    let n = x.len();
    let p = 5;
    // Column-major weighted design.
    let mut a: Vec<Vec<f64>> = (0..p)
        .map(|j| (0..n).map(|i| x[i][j] * w[i]).collect())
        .collect();
    let mut rhs: Vec<f64> = (0..n).map(|i| z[i] * w[i]).collect();
    let mut scale = [1.0; 5];
    for j in 0..p {
        let norm = a[j].iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 && norm.is_finite() {
            scale[j] = norm;
            a[j].iter_mut().for_each(|v| *v /= norm);
        }
    }
    let orig_norm: Vec<f64> = a
        .iter()
        .map(|c| c.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    let mut active: Vec<usize> = Vec::new();
    let mut k = 0; // next pivot row
    for j in 0..p {
        if k >= n {
            break;
        }
        let norm = a[j][k..].iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm.is_nan() || norm <= QR_TOL * orig_norm[j] || orig_norm[j] == 0.0 {
            continue; // aliased
        }
        // Householder vector for column j, rows k..n.
        let alpha = if a[j][k] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = a[j][k..].to_vec();
        v[0] -= alpha;
        let vnorm2: f64 = v.iter().map(|t| t * t).sum();
        if vnorm2 > 0.0 {
            for col in a.iter_mut().skip(j) {
                let dot: f64 = v.iter().zip(&col[k..]).map(|(a, b)| a * b).sum();
                let f = 2.0 * dot / vnorm2;
                for (c, vi) in col[k..].iter_mut().zip(&v) {
                    *c -= f * vi;
                }
            }
            let dot: f64 = v.iter().zip(&rhs[k..]).map(|(a, b)| a * b).sum();
            let f = 2.0 * dot / vnorm2;
            for (c, vi) in rhs[k..].iter_mut().zip(&v) {
                *c -= f * vi;
            }
        }
        active.push(j);
        k += 1;
    }
    if active.is_empty() {
        return Err(CalibrationError::Fit("the design matrix has rank 0".into()));
    }
    // Back substitution on the active columns: R is a[active[c]][0..r].
    let r = active.len();
    let mut b = vec![0.0; r];
    for row in (0..r).rev() {
        let mut s = rhs[row];
        for (c, &jc) in active.iter().enumerate().skip(row + 1) {
            s -= a[jc][row] * b[c];
        }
        b[row] = s / a[active[row]][row];
    }
    let mut coef = [0.0; 5];
    for (c, &j) in active.iter().enumerate() {
        coef[j] = b[c] / scale[j];
    }
    if coef.iter().any(|c| !c.is_finite()) {
        return Err(CalibrationError::Fit(
            "the least-squares step is not finite".into(),
        ));
    }
    Ok(coef)
}

/// Result of the fit: fitted values and whether IRLS converged.
pub(crate) struct Fit {
    pub fitted: Vec<f64>,
    pub converged: bool,
}

/// Fits `glm(y ~ log(x) + I(x^(1/2)) + I(x) + I(x^2), family = quasibinomial(logit))` to
/// positive `x` and returns the fitted values.
pub(crate) fn fit(x: &[f64], y: &[f64]) -> Result<Fit, CalibrationError> {
    let design: Vec<[f64; 5]> = x
        .iter()
        .map(|&v| [1.0, v.ln(), v.sqrt(), v, v * v])
        .collect();
    let eta_of = |coef: &[f64; 5]| -> Vec<f64> {
        design
            .iter()
            .map(|row| row.iter().zip(coef).map(|(a, b)| a * b).sum())
            .collect()
    };
    // binomial()$initialize with unit weights
    let mustart: Vec<f64> = y.iter().map(|&y| (y + 0.5) / 2.0).collect();
    let mut eta: Vec<f64> = mustart.iter().map(|&m| (m / (1.0 - m)).ln()).collect();
    let mut mu: Vec<f64> = eta.iter().map(|&e| linkinv(e)).collect();
    let mut devold = deviance(y, &mu);
    let mut coefold: Option<[f64; 5]> = None;
    let mut converged = false;
    for _ in 0..MAX_IT {
        let mut z = Vec::with_capacity(x.len());
        let mut w = Vec::with_capacity(x.len());
        for i in 0..x.len() {
            let me = mu_eta(eta[i]);
            let var = mu[i] * (1.0 - mu[i]);
            if me == 0.0 || var <= 0.0 {
                z.push(0.0);
                w.push(0.0);
                continue;
            }
            z.push(eta[i] + (y[i] - mu[i]) / me);
            w.push((me * me / var).sqrt());
        }
        let mut coef = wls(&design, &z, &w)?;
        eta = eta_of(&coef);
        mu = eta.iter().map(|&e| linkinv(e)).collect();
        let mut dev = deviance(y, &mu);
        // Step halving when the deviance is not finite (glm.fit does the same).
        let mut halvings = 0;
        while !dev.is_finite() {
            let Some(old) = coefold else {
                return Err(CalibrationError::Fit(
                    "no valid set of coefficients has been found".into(),
                ));
            };
            halvings += 1;
            if halvings > MAX_IT {
                return Err(CalibrationError::Fit(
                    "inner loop; cannot correct step size".into(),
                ));
            }
            for (c, o) in coef.iter_mut().zip(old) {
                *c = (*c + o) / 2.0;
            }
            eta = eta_of(&coef);
            mu = eta.iter().map(|&e| linkinv(e)).collect();
            dev = deviance(y, &mu);
        }
        if (dev - devold).abs() / (dev.abs() + 0.1) < EPSILON {
            converged = true;
            break;
        }
        devold = dev;
        coefold = Some(coef);
    }
    Ok(Fit {
        fitted: mu,
        converged,
    })
}
