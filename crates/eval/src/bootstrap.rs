//! Bootstrap confidence interval of the composite score over respondents: seeded, parallel
//! (rayon, on the caller's pool), identical for any number of threads.

use rayon::prelude::*;
use serde::Serialize;

use fiscus_data::SplitMix64;

use crate::composite::{convex, system_columns};
use crate::responses::{means_with, resolve_group_weights};
use crate::{EvalConfig, EvalError, IndicatorSystem, Responses};

/// The seed of replicate `r` (a SplitMix64 step of seed ⊕ golden-ratio multiple of r + 1).
fn replicate_seed(seed: u64, r: usize) -> u64 {
    let mut g = SplitMix64::new(seed ^ (r as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    g.next_u64()
}

/// Settings of the bootstrap: replicates (default 2000), seed (default 20240601), confidence
/// level (default 0.95).
///
/// ```
/// let b = fiscus_eval::BootstrapConfig::default();
/// assert_eq!((b.replicates, b.level), (2000, 0.95));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BootstrapConfig {
    /// Number of resamples.
    pub replicates: usize,
    /// Seed of the random streams.
    pub seed: u64,
    /// Confidence level of the percentile interval.
    pub level: f64,
}

impl Default for BootstrapConfig {
    fn default() -> Self {
        BootstrapConfig {
            replicates: 2000,
            seed: 20_240_601,
            level: 0.95,
        }
    }
}

/// The bootstrap distribution of the composite score.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let r = Responses::new("s", vec!["x".into(), "y".into()], vec!["a".into()], vec![vec![Some(3.0)], vec![Some(3.0)]], None, &Scale::default()).unwrap();
/// let b = bootstrap_composite(&sys, &r, &EvalConfig::default(), &BootstrapConfig { replicates: 50, ..Default::default() }).unwrap();
/// assert_eq!((b.lower, b.upper), (3.0, 3.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bootstrap {
    /// Replicates asked for.
    pub replicates: usize,
    /// Replicates that gave a score (a resample with no answer to some indicator gives none).
    pub valid: usize,
    /// Seed.
    pub seed: u64,
    /// Confidence level.
    pub level: f64,
    /// The composite on the full data.
    pub estimate: f64,
    /// Mean of the replicate scores.
    pub mean: f64,
    /// Standard deviation of the replicate scores (bootstrap standard error).
    pub se: f64,
    /// Lower percentile bound (R type-7 quantile of the replicates).
    pub lower: f64,
    /// Upper percentile bound.
    pub upper: f64,
    /// What is resampled, in words.
    pub method: String,
}

/// Percentile bootstrap CI of the overall composite: respondents are resampled with
/// replacement (within each respondent group, keeping group sizes), the composite is
/// recomputed with the same weights and group weights. Replicate r draws from its own
/// SplitMix64 stream seeded by (seed, r), and replicates run in parallel on the current rayon
/// pool, so the result is identical for any number of threads.
///
/// ```
/// # use fiscus_eval::*;
/// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0), vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
/// let r = Responses::new("s", vec!["x".into(), "y".into(), "z".into()], vec!["a".into()],
///     vec![vec![Some(2.0)], vec![Some(4.0)], vec![Some(5.0)]], None, &Scale::default()).unwrap();
/// let cfg = BootstrapConfig { replicates: 200, seed: 7, level: 0.9 };
/// let a = bootstrap_composite(&sys, &r, &EvalConfig::default(), &cfg).unwrap();
/// let b = bootstrap_composite(&sys, &r, &EvalConfig::default(), &cfg).unwrap();
/// assert_eq!(a, b);
/// assert!(a.lower <= a.estimate && a.estimate <= a.upper);
/// ```
pub fn bootstrap_composite(
    system: &IndicatorSystem,
    responses: &Responses,
    config: &EvalConfig,
    bc: &BootstrapConfig,
) -> Result<Bootstrap, EvalError> {
    if bc.replicates < 2 {
        return Err(EvalError::Parameter {
            name: "replicates".into(),
            value: bc.replicates as f64,
            reason: "the bootstrap needs at least 2 replicates".into(),
        });
    }
    if !(bc.level > 0.0 && bc.level < 1.0) {
        return Err(EvalError::Parameter {
            name: "level".into(),
            value: bc.level,
            reason: "the confidence level must lie strictly between 0 and 1".into(),
        });
    }
    let cols = system_columns(system, responses)?;
    let gw = resolve_group_weights(responses, config.group_weights.as_deref())?;
    let global = system.global_weights();
    let score_of = |r: &Responses| -> Result<f64, EvalError> {
        let m = means_with(r, gw.as_deref())?;
        let parts: Vec<f64> = cols.iter().map(|&c| m[c]).collect();
        let s = parts.iter().zip(&global).map(|(x, w)| w * x).sum();
        Ok(convex(s, &parts))
    };
    let estimate = score_of(responses)?;
    let groups = responses.group_rows();
    let scores: Vec<Option<f64>> = (0..bc.replicates)
        .into_par_iter()
        .map(|r| {
            let mut g = SplitMix64::new(replicate_seed(bc.seed, r));
            let mut rows = Vec::with_capacity(responses.n_respondents());
            for (_, members) in &groups {
                for _ in 0..members.len() {
                    rows.push(members[g.below(members.len() as u64) as usize]);
                }
            }
            score_of(&responses.rows(&rows)).ok()
        })
        .collect();
    let mut valid: Vec<f64> = scores.into_iter().flatten().collect();
    if valid.len() < 2 {
        return Err(EvalError::BadValue(format!(
            "the bootstrap gave only {} usable replicates of {} (too many blank answers)",
            valid.len(),
            bc.replicates
        )));
    }
    let n = valid.len() as f64;
    let mean = valid.iter().sum::<f64>() / n;
    let se = (valid.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    valid.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let h = (n - 1.0) * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(valid.len() - 1);
        valid[lo] + (h - lo as f64) * (valid[hi] - valid[lo])
    };
    let a = (1.0 - bc.level) / 2.0;
    Ok(Bootstrap {
        replicates: bc.replicates,
        valid: valid.len(),
        seed: bc.seed,
        level: bc.level,
        estimate,
        mean,
        se,
        lower: q(a),
        upper: q(1.0 - a),
        method: if responses.groups().is_some() {
            "percentile; respondents resampled with replacement within each group".into()
        } else {
            "percentile; respondents resampled with replacement".into()
        },
    })
}
