//! Threshold suggestions: R QCA's `findTh()` and percentile anchors.

use crate::{CalibrationError, Thresholds};

fn present(x: &[Option<f64>]) -> Vec<f64> {
    let mut v: Vec<f64> = x
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Suggests `n` crisp thresholds like R QCA's `findTh(x, n)`: complete-linkage hierarchical
/// clustering (euclidean distance) of the sorted values, cut into `n + 1` groups; each threshold
/// is the mean of the last value of one group and the first value of the next. Missing values
/// are left out.
///
/// On a line, complete linkage only ever merges neighbouring groups (the distance between two
/// groups is the span of their union), so the clustering is computed on intervals; ties go to
/// the leftmost pair, as in R's `hclust`.
///
/// ```
/// let x: Vec<Option<f64>> = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0].iter().map(|&v| Some(v)).collect();
/// assert_eq!(fiscus_calibration::find_thresholds(&x, 1).unwrap(), vec![6.5]);
/// assert!(fiscus_calibration::find_thresholds(&x, 6).is_err());
/// ```
pub fn find_thresholds(x: &[Option<f64>], n: usize) -> Result<Vec<f64>, CalibrationError> {
    let v = present(x);
    let mut distinct = v.clone();
    distinct.dedup();
    if n == 0 || distinct.len() < n + 1 {
        return Err(CalibrationError::Suggest {
            n,
            distinct: distinct.len(),
        });
    }
    // Groups as index ranges [start, end] into the sorted values.
    let mut groups: Vec<(usize, usize)> = (0..v.len()).map(|i| (i, i)).collect();
    while groups.len() > n + 1 {
        let mut best = 0;
        let mut best_d = f64::INFINITY;
        for k in 0..groups.len() - 1 {
            let d = v[groups[k + 1].1] - v[groups[k].0];
            if d < best_d {
                best_d = d;
                best = k;
            }
        }
        groups[best].1 = groups[best + 1].1;
        groups.remove(best + 1);
    }
    Ok(groups
        .windows(2)
        .map(|w| (v[w[0].1] + v[w[1].0]) / 2.0)
        .collect())
}

/// The `p`-quantile (`0 <= p <= 1`) of the non-missing values by R's default rule
/// (`quantile(type = 7)`): with sorted values `x_1..x_n` and `h = (n - 1) p`, the result is
/// `x_⌊h⌋+1 + (h - ⌊h⌋)(x_⌊h⌋+2 - x_⌊h⌋+1)`.
///
/// ```
/// let x: Vec<Option<f64>> = vec![Some(1.0), Some(2.0), None, Some(3.0), Some(4.0)];
/// assert_eq!(fiscus_calibration::quantile(&x, 0.5).unwrap(), 2.5);
/// assert!((fiscus_calibration::quantile(&x, 0.95).unwrap() - 3.85).abs() < 1e-12);
/// ```
pub fn quantile(x: &[Option<f64>], p: f64) -> Result<f64, CalibrationError> {
    if !(0.0..=1.0).contains(&p) {
        return Err(CalibrationError::Percentile(p * 100.0));
    }
    let v = present(x);
    if v.is_empty() {
        return Err(CalibrationError::NoData { n: x.len() });
    }
    Ok(quantile_sorted(&v, p))
}

fn quantile_sorted(v: &[f64], p: f64) -> f64 {
    let n = v.len();
    let index = 1.0 + (n as f64 - 1.0) * p;
    let lo = (index.floor() as usize).clamp(1, n);
    let hi = (index.ceil() as usize).clamp(1, n);
    let q = v[lo - 1];
    let h = index - lo as f64;
    if index > lo as f64 && v[hi - 1] != q {
        (1.0 - h) * q + h * v[hi - 1]
    } else {
        q
    }
}

/// Turns percentiles into thresholds on the data (type-7 quantiles of the non-missing values).
///
/// Named percentiles keep their anchors (`e=95,c=50,i=5` is a decreasing set). Plain
/// percentiles are sorted first: for fuzzy sets three of them become `e, c, i` of an
/// increasing set (`95,50,5` and `5,50,95` both mean e = 5th, c = 50th, i = 95th percentile);
/// for crisp sets and indirect calibration they are cut points in increasing order.
///
/// ```
/// use fiscus_calibration::percentile_thresholds;
/// let x: Vec<Option<f64>> = (1..=101).map(|v| Some(v as f64)).collect();
/// let t = percentile_thresholds(&x, &"95,50,5".parse().unwrap()).unwrap();
/// assert_eq!(t.values, vec![6.0, 51.0, 96.0]);
/// let d = percentile_thresholds(&x, &"e=95,c=50,i=5".parse().unwrap()).unwrap();
/// assert_eq!(d.values, vec![96.0, 51.0, 6.0]);
/// ```
pub fn percentile_thresholds(
    x: &[Option<f64>],
    percentiles: &Thresholds,
) -> Result<Thresholds, CalibrationError> {
    let mut ps = percentiles.values.clone();
    if let Some(bad) = ps.iter().find(|p| !(0.0..=100.0).contains(*p)) {
        return Err(CalibrationError::Percentile(*bad));
    }
    if !percentiles.named {
        ps.sort_by(f64::total_cmp);
    }
    let v = present(x);
    if v.is_empty() {
        return Err(CalibrationError::NoData { n: x.len() });
    }
    Ok(Thresholds {
        values: ps.iter().map(|p| quantile_sorted(&v, p / 100.0)).collect(),
        named: percentiles.named,
    })
}
