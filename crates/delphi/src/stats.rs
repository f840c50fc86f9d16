//! Per item statistics: mean, SD, CV, full-mark ratios, median, quartiles, agreement share.

use serde::Serialize;

use crate::{DelphiError, Ratings, Scale};

/// One of R's nine sample quantile definitions (Hyndman & Fan 1996); type 7 (linear
/// interpolation between order statistics) is R's and Fiscus' default, type 6 is SPSS's,
/// type 2 averages at discontinuities.
///
/// ```
/// use fiscus_delphi::QuantileType;
/// assert_eq!(QuantileType::default().get(), 7);
/// assert!(QuantileType::new(10).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuantileType(u8);

impl Default for QuantileType {
    fn default() -> Self {
        QuantileType(7)
    }
}

impl QuantileType {
    /// A quantile type; only 1..=9 exist.
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::QuantileType::new(6).unwrap().get(), 6);
    /// ```
    pub fn new(t: u8) -> Result<Self, DelphiError> {
        if (1..=9).contains(&t) {
            Ok(QuantileType(t))
        } else {
            Err(DelphiError::QuantileType(t))
        }
    }

    /// The type number.
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::QuantileType::new(2).unwrap().get(), 2);
    /// ```
    pub fn get(self) -> u8 {
        self.0
    }
}

/// The `p` quantile of `sorted` (ascending, non-empty) by R's `quantile(x, p, type = t)`.
/// Returns NaN for an empty slice.
///
/// ```
/// use fiscus_delphi::{quantile, QuantileType};
/// let x = [3.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 5.0, 5.0, 5.0];
/// assert_eq!(quantile(&x, 0.75, QuantileType::default()), 4.25);
/// assert_eq!(quantile(&x, 0.75, QuantileType::new(6).unwrap()), 4.75);
/// assert_eq!(quantile(&x, 0.75, QuantileType::new(2).unwrap()), 4.5);
/// ```
pub fn quantile(sorted: &[f64], p: f64, t: QuantileType) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let nf = n as f64;
    let fuzz = 4.0 * f64::EPSILON;
    // x padded as in R: x[1], x[1], x..., x[n], x[n]; index j+2 (1-based) = padded[j+1] (0-based).
    let at = |k: isize| -> f64 {
        // k is R's 1-based index into the padded vector
        let i = k - 3; // position in sorted
        sorted[i.clamp(0, n as isize - 1) as usize]
    };
    let t = t.get();
    if t <= 3 {
        let nppm = if t == 3 { nf * p - 0.5 } else { nf * p };
        let j = (nppm + fuzz).floor();
        let h: f64 = match t {
            1 => f64::from(u8::from(nppm > j + fuzz)),
            2 => (f64::from(u8::from(nppm > j + fuzz)) + 1.0) / 2.0,
            _ => {
                let odd = (j as i64).rem_euclid(2) == 1;
                f64::from(u8::from((nppm - j).abs() > fuzz || odd))
            }
        };
        let j = j as isize;
        let lo = at(j + 2);
        let hi = at(j + 3);
        if h == 0.0 {
            lo
        } else if h == 1.0 {
            hi
        } else {
            (1.0 - h) * lo + h * hi
        }
    } else {
        let (a, b) = match t {
            4 => (0.0, 1.0),
            5 => (0.5, 0.5),
            6 => (0.0, 0.0),
            7 => (1.0, 1.0),
            8 => (1.0 / 3.0, 1.0 / 3.0),
            _ => (3.0 / 8.0, 3.0 / 8.0),
        };
        let nppm = a + p * (nf + 1.0 - a - b);
        let j = (nppm + fuzz).floor();
        let mut h = nppm - j;
        if h.abs() < fuzz {
            h = 0.0;
        }
        let j = j as isize;
        let lo = at(j + 2);
        let hi = at(j + 3);
        if h == 0.0 {
            lo
        } else if h == 1.0 {
            hi
        } else {
            (1.0 - h) * lo + h * hi
        }
    }
}

/// How item statistics are computed.
///
/// ```
/// let c = fiscus_delphi::ItemStatsConfig::default();
/// assert_eq!(c.scale.max(), 5.0);
/// assert_eq!(c.quantile.get(), 7);
/// assert_eq!(c.agree_at, 4.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ItemStatsConfig {
    /// The declared scale (its maximum is the "full mark"); default 1..5.
    pub scale: Scale,
    /// Quantile definition for median, Q1, Q3; default R type 7.
    pub quantile: QuantileType,
    /// Scores at or above this count as agreement; default 4.
    pub agree_at: f64,
}

impl ItemStatsConfig {
    /// The settings as written on the command line: the scale `MIN..MAX`, R's quantile type
    /// (1..9) and the agreement score.
    ///
    /// ```
    /// let c = fiscus_delphi::ItemStatsConfig::from_options("1..7", 6, 5.0).unwrap();
    /// assert_eq!((c.scale.max(), c.quantile.get(), c.agree_at), (7.0, 6, 5.0));
    /// assert!(fiscus_delphi::ItemStatsConfig::from_options("1..5", 10, 4.0).is_err());
    /// ```
    pub fn from_options(scale: &str, quantile: u8, agree_at: f64) -> Result<Self, DelphiError> {
        Ok(ItemStatsConfig {
            scale: Scale::parse(scale)?,
            quantile: QuantileType::new(quantile)?,
            agree_at,
        })
    }
}

impl Default for ItemStatsConfig {
    fn default() -> Self {
        ItemStatsConfig {
            scale: Scale::default(),
            quantile: QuantileType::default(),
            agree_at: 4.0,
        }
    }
}

/// The statistics of one item over the experts who answered it.
///
/// ```
/// use fiscus_delphi::{item_stats, ItemStatsConfig, Ratings};
/// let r = Ratings::from_rows(&[vec![5.0], vec![4.0], vec![5.0], vec![3.0]]).unwrap();
/// let s = &item_stats(&r, &ItemStatsConfig::default()).unwrap()[0];
/// assert_eq!(s.mean, 4.25);
/// assert_eq!(s.full_mark_ratio, 0.5);
/// assert_eq!(s.share_agree, 0.75);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// Item name.
    pub item: String,
    /// Answers given.
    pub n: usize,
    /// Experts who left the item blank.
    pub missing: usize,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (divisor n − 1); `None` with one answer.
    pub sd: Option<f64>,
    /// Coefficient of variation SD/mean; `None` when SD is undefined or the mean is 0.
    pub cv: Option<f64>,
    /// Median (the 0.5 quantile of the chosen type).
    pub median: f64,
    /// First quartile.
    pub q1: f64,
    /// Third quartile.
    pub q3: f64,
    /// Q3 − Q1.
    pub iqr: f64,
    /// Share of answers at the scale maximum.
    pub full_mark_ratio: f64,
    /// Share of answers at the item's observed maximum (SPSSAU's convention).
    pub full_mark_ratio_observed: f64,
    /// Share of answers at or above the agreement level.
    pub share_agree: f64,
    /// Lowest answer.
    pub min: f64,
    /// Highest answer.
    pub max: f64,
}

/// Statistics of every item, pairwise over missing answers (each item uses the experts who
/// answered it). An item nobody answered is an error.
///
/// ```
/// use fiscus_delphi::{item_stats, ItemStatsConfig, Ratings};
/// let r = Ratings::from_rows(&[vec![4.0, 2.0], vec![4.0, 3.0]]).unwrap();
/// let s = item_stats(&r, &ItemStatsConfig::default()).unwrap();
/// assert_eq!(s[0].cv, Some(0.0));
/// assert_eq!(s[1].full_mark_ratio, 0.0);
/// assert_eq!(s[1].full_mark_ratio_observed, 0.5);
/// ```
pub fn item_stats(
    ratings: &Ratings,
    config: &ItemStatsConfig,
) -> Result<Vec<ItemStats>, DelphiError> {
    if !config.agree_at.is_finite() {
        return Err(DelphiError::Parameter {
            name: "agree_at".into(),
            value: config.agree_at,
            reason: "must be a finite score".into(),
        });
    }
    (0..ratings.n_items())
        .map(|j| {
            let mut x = ratings.answers(j);
            let item = ratings.items()[j].clone();
            if x.is_empty() {
                return Err(DelphiError::NoAnswers {
                    source_name: ratings.source().to_string(),
                    item,
                });
            }
            x.sort_by(f64::total_cmp);
            let n = x.len();
            let nf = n as f64;
            let mean = x.iter().sum::<f64>() / nf;
            let sd = (n > 1)
                .then(|| (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (nf - 1.0)).sqrt());
            let cv = sd.and_then(|s| (mean != 0.0).then(|| s / mean));
            let q = |p| quantile(&x, p, config.quantile);
            let (q1, median, q3) = (q(0.25), q(0.5), q(0.75));
            let min = x[0];
            let max = x[n - 1];
            let share = |f: &dyn Fn(f64) -> bool| x.iter().filter(|&&v| f(v)).count() as f64 / nf;
            let full = config.scale.max();
            Ok(ItemStats {
                item,
                n,
                missing: ratings.n_experts() - n,
                mean,
                sd,
                cv,
                median,
                q1,
                q3,
                iqr: q3 - q1,
                full_mark_ratio: share(&|v| v == full),
                full_mark_ratio_observed: share(&|v| v == max),
                share_agree: share(&|v| v >= config.agree_at),
                min,
                max,
            })
        })
        .collect()
}
