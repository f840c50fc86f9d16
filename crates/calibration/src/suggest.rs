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
    if n == 0 {
        return Err(CalibrationError::Unsupported(
            "the number of thresholds to suggest must be at least 1".into(),
        ));
    }
    if distinct.len() < n + 1 {
        return Err(CalibrationError::Suggest {
            n,
            distinct: distinct.len(),
        });
    }
    let groups = merge_intervals(&v, n + 1);
    Ok(groups
        .windows(2)
        .map(|w| (v[w[0].1] + v[w[1].0]) / 2.0)
        .collect())
}

/// Complete-linkage agglomeration of sorted values down to `k` groups (index ranges). The
/// distance of two neighbouring groups is the span of their union; the closest pair merges
/// first, ties to the leftmost pair. A heap keeps this `O(n log n)`.
fn merge_intervals(v: &[f64], k: usize) -> Vec<(usize, usize)> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let n = v.len();
    // Groups are identified by their first index; `end[s]` is the last index of group `s`.
    let mut end: Vec<usize> = (0..n).collect();
    let mut next: Vec<Option<usize>> = (0..n).map(|i| (i + 1 < n).then_some(i + 1)).collect();
    let mut prev: Vec<Option<usize>> = (0..n).map(|i| i.checked_sub(1)).collect();
    let mut version = vec![0u64; n];
    // Spans are non-negative, so their bit patterns order like the numbers.
    let key = |a: usize, b_end: usize| (v[b_end] - v[a]).max(0.0).to_bits();
    let mut heap = BinaryHeap::new();
    for i in 0..n.saturating_sub(1) {
        heap.push(Reverse((key(i, i + 1), i, i + 1, 0u64, 0u64)));
    }
    let mut groups = n;
    while groups > k {
        let Some(Reverse((_, a, b, va, vb))) = heap.pop() else {
            break;
        };
        if version[a] != va || version[b] != vb || next[a] != Some(b) {
            continue; // stale entry
        }
        end[a] = end[b];
        next[a] = next[b];
        if let Some(c) = next[b] {
            prev[c] = Some(a);
        }
        version[a] += 1;
        version[b] += 1;
        groups -= 1;
        if let Some(p) = prev[a] {
            heap.push(Reverse((key(p, end[a]), p, a, version[p], version[a])));
        }
        if let Some(c) = next[a] {
            heap.push(Reverse((key(a, end[c]), a, c, version[a], version[c])));
        }
    }
    let mut out = Vec::with_capacity(groups);
    let mut cur = (n > 0).then_some(0);
    while let Some(s) = cur {
        out.push((s, end[s]));
        cur = next[s];
    }
    out
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
