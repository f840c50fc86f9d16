//! The binomial inference test of R QCA (`inf.test = "binom"`): crisp data only.
//!
//! For a set with `n` cases (Σ X) and sufficiency inclusion `incl`, `success = round(n·incl)`
//! and `pval = P(S ≥ success)` for `S ~ Binomial(n, cut)` (R's
//! `binom.test(success, n, p = cut, alternative = "greater")`), once with each inclusion
//! cut-off. A truth-table row is then `1` when `pval1 < alpha`, else `C` (two cut-offs only)
//! when `pval0 < alpha`, else `0`.

use serde::Serialize;
use statrs::function::gamma::ln_gamma;

use crate::error::{QcaError, Result};
use crate::sets::{SetColumn, SetKind};

/// The inferential test of sufficiency (R QCA's `inf.test`).
///
/// ```
/// use fiscus_qca::{InfTest, TruthTableConfig};
/// let cfg = TruthTableConfig { incl_cut1: 0.75, inf_test: Some(InfTest { alpha: 0.01 }), ..Default::default() };
/// assert_eq!(InfTest::default().alpha, 0.05);
/// assert!(cfg.validate().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct InfTest {
    /// Significance level (R's default 0.05).
    pub alpha: f64,
}

impl Default for InfTest {
    fn default() -> Self {
        InfTest { alpha: 0.05 }
    }
}

impl std::str::FromStr for InfTest {
    type Err = QcaError;

    /// Parses R's spelling: `binom` or `binom, 0.01`.
    ///
    /// ```
    /// let t: fiscus_qca::InfTest = "binom, 0.01".parse().unwrap();
    /// assert_eq!(t.alpha, 0.01);
    /// assert!("chisq".parse::<fiscus_qca::InfTest>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<InfTest> {
        let mut parts = s.split(',').map(str::trim);
        let name = parts.next().unwrap_or("");
        if name != "binom" {
            return Err(QcaError::Option(format!(
                "unknown inferential test `{name}` (only `binom` or `binom, ALPHA` is available)"
            )));
        }
        let alpha = match parts.next() {
            None => 0.05,
            Some(a) => a.parse::<f64>().map_err(|_| {
                QcaError::Option(format!("the significance level `{a}` is not a number"))
            })?,
        };
        if parts.next().is_some() {
            return Err(QcaError::Option(format!(
                "`{s}`: give the test as `binom` or `binom, ALPHA`"
            )));
        }
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(QcaError::Option(format!(
                "the significance level must lie strictly between 0 and 1, not {alpha}"
            )));
        }
        Ok(InfTest { alpha })
    }
}

/// Upper tail of the binomial distribution, `P(S ≥ k)` for `S ~ Binomial(n, p)` (R's
/// `pbinom(k - 1, n, p, lower.tail = FALSE)`, the p-value of a one-sided exact binomial
/// test).
///
/// ```
/// // 8 successes out of 8 against p = 0.75: 0.75^8.
/// let p = fiscus_qca::binom_upper_tail(8, 8, 0.75);
/// assert!((p - 0.75f64.powi(8)).abs() < 1e-15);
/// assert_eq!(fiscus_qca::binom_upper_tail(0, 5, 0.3), 1.0);
/// ```
pub fn binom_upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let nf = n as f64;
    let ln_choose = |j: u64| {
        let jf = j as f64;
        ln_gamma(nf + 1.0) - ln_gamma(jf + 1.0) - ln_gamma(nf - jf + 1.0)
    };
    let pmf = |j: u64| {
        let jf = j as f64;
        (ln_choose(j) + jf * p.ln() + (nf - jf) * (1.0 - p).ln()).exp()
    };
    // Sum the shorter tail from its far end (smallest terms first) for accuracy.
    if (k as f64) > nf * p {
        (k..=n).rev().map(pmf).sum::<f64>().min(1.0)
    } else {
        let lower: f64 = (0..k).rev().map(pmf).sum();
        (1.0 - lower).clamp(0.0, 1.0)
    }
}

/// The two p-values of a set with `n` cases (Σ X, rounded) and inclusion `incl` against the
/// cut-offs `cut1` and `cut0` (`None` when the inclusion is undefined).
///
/// ```
/// let (p1, p0) = fiscus_qca::binom_pvalues(8.0, 1.0, 0.75, 0.5).unwrap();
/// assert!((p1 - 0.100112915039062).abs() < 1e-12);
/// assert!((p0 - 0.00390625).abs() < 1e-15);
/// ```
pub fn binom_pvalues(n: f64, incl: f64, cut1: f64, cut0: f64) -> Option<(f64, f64)> {
    if n.is_nan() || n <= 0.0 || !incl.is_finite() {
        return None;
    }
    let nn = n.round_ties_even() as u64;
    let success = (n * incl).round_ties_even().max(0.0) as u64;
    Some((
        binom_upper_tail(success, nn, cut1),
        binom_upper_tail(success, nn, cut0),
    ))
}

/// Checks that the binomial test can be used: every condition and the outcome must be crisp.
///
/// ```
/// use fiscus_qca::{require_crisp, SetColumn, SetKind};
/// let a = SetColumn { name: "A".into(), kind: SetKind::Fuzzy, values: vec![0.2, 0.8] };
/// let e = require_crisp(&[a], "Y", &[0.0, 1.0]).unwrap_err();
/// assert!(e.to_string().contains("condition `A` is fuzzy"));
/// ```
pub fn require_crisp(conditions: &[SetColumn], outcome: &str, y: &[f64]) -> Result<()> {
    if let Some(c) = conditions.iter().find(|c| matches!(c.kind, SetKind::Fuzzy)) {
        return Err(QcaError::Option(format!(
            "the binomial test (inf.test = binom) needs crisp data, but condition `{}` is fuzzy",
            c.name
        )));
    }
    if let Some(v) = y.iter().find(|&&v| v != 0.0 && v != 1.0) {
        return Err(QcaError::Option(format!(
            "the binomial test (inf.test = binom) needs crisp data, but the outcome `{outcome}` has the fuzzy membership {v}"
        )));
    }
    Ok(())
}
