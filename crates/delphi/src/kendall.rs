//! Kendall's coefficient of concordance W with and without the tie correction.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::{DelphiError, Ratings};

/// Kendall's W for m experts ranking n items, as R `irr::kendall(ratings, correct = TRUE)`
/// computes it (with the uncorrected value alongside).
///
/// Ranks are taken within each expert (average ranks for ties); `S = Σ_j (R_j − m(n+1)/2)²`;
/// `W = 12S / (m²(n³ − n) − m Σ_i T_i)` with `T_i = Σ_g (t_g³ − t_g)` over the tie groups of
/// expert i (uncorrected: `Σ T_i = 0`); `χ² = m(n − 1)W`, `df = n − 1`, `p = P(χ²_df ≥ χ²)`.
///
/// ```
/// use fiscus_delphi::{kendall_w_rows};
/// let k = kendall_w_rows(&[vec![1.0, 2.0, 3.0], vec![1.0, 3.0, 2.0]]).unwrap();
/// assert!((k.w - 0.75).abs() < 1e-12);
/// assert_eq!(k.df, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kendall {
    /// W with the tie correction.
    #[serde(rename = "W")]
    pub w: f64,
    /// W without the tie correction.
    #[serde(rename = "W_uncorrected")]
    pub w_uncorrected: f64,
    /// χ² = m(n − 1)W (corrected).
    pub chi2: f64,
    /// χ² of the uncorrected W.
    pub chi2_uncorrected: f64,
    /// Degrees of freedom n − 1.
    pub df: usize,
    /// p-value of the corrected χ².
    pub p: f64,
    /// p-value of the uncorrected χ².
    pub p_uncorrected: f64,
    /// Sum of squared deviations of the rank sums from their mean.
    #[serde(rename = "S")]
    pub s: f64,
    /// Σ_i T_i, the tie correction term.
    pub sum_t: f64,
    /// Experts used (m).
    pub m: usize,
    /// Items (n).
    pub n: usize,
    /// Rank sum R_j of each item.
    pub rank_sums: Vec<f64>,
    /// Ids of the experts dropped because they left an item blank (listwise deletion).
    pub experts_dropped: Vec<String>,
}

/// Average ranks (1-based) of `x` and the tie term Σ (t³ − t) over its tie groups.
fn ranks(x: &[f64]) -> (Vec<f64>, f64) {
    let n = x.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; n];
    let mut t = 0.0;
    let mut i = 0;
    while i < n {
        let mut k = i;
        while k + 1 < n && x[idx[k + 1]] == x[idx[i]] {
            k += 1;
        }
        let avg = (i + k) as f64 / 2.0 + 1.0;
        for &p in &idx[i..=k] {
            r[p] = avg;
        }
        let g = (k - i + 1) as f64;
        t += g * g * g - g;
        i = k + 1;
    }
    (r, t)
}

/// Kendall's W of complete rows (one row per expert, one column per item).
///
/// Needs at least 2 experts and 2 items; rows of different lengths or non-finite scores are
/// errors, and so is the corrected W when every expert tied every item (zero denominator).
///
/// ```
/// let k = fiscus_delphi::kendall_w_rows(&[vec![3.0, 1.0, 2.0], vec![3.0, 1.0, 2.0], vec![3.0, 2.0, 1.0]]).unwrap();
/// assert!(k.w > 0.7 && k.w <= 1.0);
/// assert!(fiscus_delphi::kendall_w_rows(&[vec![1.0, 2.0]]).is_err());
/// ```
pub fn kendall_w_rows(rows: &[Vec<f64>]) -> Result<Kendall, DelphiError> {
    let r = Ratings::from_rows(rows)?;
    kendall_w(&r)
}

/// Kendall's W of a round, using the experts who answered every item (listwise deletion;
/// the dropped experts are listed in the result).
///
/// ```
/// use fiscus_delphi::{kendall_w, Ratings};
/// let r = Ratings::new("r", vec!["a".into(), "b".into(), "c".into()], vec!["I1".into(), "I2".into()],
///     vec![vec![Some(1.0), Some(2.0)], vec![Some(1.0), Some(2.0)], vec![None, Some(3.0)]], None).unwrap();
/// let k = kendall_w(&r).unwrap();
/// assert_eq!(k.m, 2);
/// assert_eq!(k.experts_dropped, vec!["c".to_string()]);
/// ```
pub fn kendall_w(ratings: &Ratings) -> Result<Kendall, DelphiError> {
    let n = ratings.n_items();
    if n < 2 {
        return Err(DelphiError::TooFew {
            what: "kendall's w".into(),
            needed: 2,
            got: n,
            unit: "items".into(),
        });
    }
    let mut rank_sums = vec![0.0; n];
    let mut sum_t = 0.0;
    let mut m = 0usize;
    let mut dropped = Vec::new();
    for (row, expert) in ratings.scores().iter().zip(ratings.experts()) {
        let complete: Option<Vec<f64>> = row.iter().copied().collect();
        let Some(x) = complete else {
            dropped.push(expert.clone());
            continue;
        };
        let (rk, t) = ranks(&x);
        for (s, v) in rank_sums.iter_mut().zip(&rk) {
            *s += v;
        }
        sum_t += t;
        m += 1;
    }
    if m < 2 {
        return Err(DelphiError::TooFew {
            what: "kendall's w (experts with no blank answer)".into(),
            needed: 2,
            got: m,
            unit: "experts".into(),
        });
    }
    let (mf, nf) = (m as f64, n as f64);
    let mean = mf * (nf + 1.0) / 2.0;
    let s: f64 = rank_sums.iter().map(|r| (r - mean).powi(2)).sum();
    let full = mf * mf * (nf.powi(3) - nf);
    let denom = full - mf * sum_t;
    if denom <= 0.0 {
        return Err(DelphiError::AllTied { experts: m });
    }
    let w = 12.0 * s / denom;
    let w_unc = 12.0 * s / full;
    let df = n - 1;
    let chi = |w: f64| mf * (nf - 1.0) * w;
    let p = |x: f64| -> f64 {
        ChiSquared::new(df as f64)
            .map(|d| d.sf(x))
            .unwrap_or(f64::NAN)
    };
    Ok(Kendall {
        w,
        w_uncorrected: w_unc,
        chi2: chi(w),
        chi2_uncorrected: chi(w_unc),
        df,
        p: p(chi(w)),
        p_uncorrected: p(chi(w_unc)),
        s,
        sum_t,
        m,
        n,
        rank_sums,
        experts_dropped: dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::ranks;

    #[test]
    fn average_ranks_and_tie_term() {
        let (r, t) = ranks(&[3.0, 1.0, 3.0, 2.0]);
        assert_eq!(r, vec![3.5, 1.0, 3.5, 2.0]);
        assert_eq!(t, 6.0);
    }
}
