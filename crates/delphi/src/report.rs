//! What the `fiscus delphi` commands print as JSON. The Kendall fields `W`, `W_uncorrected`,
//! `chi2`, `df` and `p` are fixed by the command-line contract.

use serde::Serialize;

use crate::{
    analyse_round, kendall_w, Authority, AuthorityTables, DelphiError, DimensionSummary, ItemStats,
    ItemStatsConfig, Kendall, MissingSummary, Ratings, RoundConfig, RoundReport, Scale, Screening,
};

/// Kendall's W with the items it ranks.
///
/// ```
/// use fiscus_delphi::{kendall_w, KendallReport, Ratings};
/// let r = Ratings::new("r", vec!["E1".into(), "E2".into()], vec!["A".into(), "B".into(), "C".into()],
///     vec![vec![Some(1.0), Some(2.0), Some(3.0)], vec![Some(1.0), Some(3.0), Some(2.0)]], None).unwrap();
/// let k = KendallReport::new(&kendall_w(&r).unwrap(), r.items());
/// assert!((k.w - 0.75).abs() < 1e-12);
/// assert_eq!(serde_json::to_value(&k).unwrap()["W"], 0.75);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KendallReport {
    /// Tie-corrected W.
    #[serde(rename = "W")]
    pub w: f64,
    /// W without the tie correction.
    #[serde(rename = "W_uncorrected")]
    pub w_uncorrected: f64,
    /// χ² = m(n − 1)W.
    pub chi2: f64,
    /// Degrees of freedom n − 1.
    pub df: usize,
    /// P(χ²_{n−1} ≥ χ²).
    pub p: f64,
    /// χ² of the uncorrected W.
    pub chi2_uncorrected: f64,
    /// Its p-value.
    pub p_uncorrected: f64,
    /// S, the sum of squared deviations of the rank sums.
    #[serde(rename = "S")]
    pub s: f64,
    /// Σ T_i, the tie correction.
    #[serde(rename = "sum_T")]
    pub sum_t: f64,
    /// Experts ranked.
    pub m: usize,
    /// Items.
    pub n: usize,
    /// The items, in order.
    pub items: Vec<String>,
    /// Rank sum of each item.
    pub rank_sums: Vec<f64>,
    /// Experts left out for blank answers (listwise).
    pub experts_dropped: Vec<String>,
}

impl KendallReport {
    /// The report of a W over `items`.
    pub fn new(k: &Kendall, items: &[String]) -> Self {
        KendallReport {
            w: k.w,
            w_uncorrected: k.w_uncorrected,
            chi2: k.chi2,
            df: k.df,
            p: k.p,
            chi2_uncorrected: k.chi2_uncorrected,
            p_uncorrected: k.p_uncorrected,
            s: k.s,
            sum_t: k.sum_t,
            m: k.m,
            n: k.n,
            items: items.to_vec(),
            rank_sums: k.rank_sums.clone(),
            experts_dropped: k.experts_dropped.clone(),
        }
    }
}

/// W within one dimension's items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionKendall {
    /// The dimension.
    pub dimension: String,
    /// Its items.
    pub items: Vec<String>,
    /// W, when it can be computed.
    pub kendall: Option<KendallReport>,
    /// Why it cannot.
    pub note: Option<String>,
}

impl DimensionKendall {
    /// From a dimension summary of a round.
    pub fn new(d: &DimensionSummary) -> Self {
        DimensionKendall {
            dimension: d.dimension.clone(),
            items: d.items.clone(),
            kendall: d.kendall.as_ref().map(|k| KendallReport::new(k, &d.items)),
            note: d.note.clone(),
        }
    }
}

/// `fiscus delphi kendall`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KendallOutput {
    /// W over all items.
    #[serde(flatten)]
    pub kendall: KendallReport,
    /// How blank answers are handled.
    pub missing_policy: &'static str,
    /// W per dimension, when a dimension table was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_dimension: Option<Vec<DimensionKendall>>,
}

impl KendallOutput {
    /// Kendall's W of a round over all its items and, with a dimension table (`(item,
    /// dimension)` pairs), per dimension.
    ///
    /// ```
    /// use fiscus_delphi::{KendallOutput, Ratings};
    /// let r = Ratings::new("r", vec!["E1".into(), "E2".into()], vec!["A".into(), "B".into(), "C".into()],
    ///     vec![vec![Some(1.0), Some(2.0), Some(3.0)], vec![Some(1.0), Some(3.0), Some(2.0)]], None).unwrap();
    /// let k = KendallOutput::compute(&r, None).unwrap();
    /// assert!((k.kendall.w - 0.75).abs() < 1e-12 && k.by_dimension.is_none());
    /// ```
    pub fn compute(
        ratings: &Ratings,
        dimensions: Option<Vec<(String, String)>>,
    ) -> Result<Self, DelphiError> {
        let k = kendall_w(ratings)?;
        let by_dimension = match dimensions {
            Some(dimensions) => {
                let cfg = RoundConfig {
                    dimensions,
                    // only W is reported here; item statistics are not
                    stats: ItemStatsConfig::default(),
                    sent: None,
                };
                let dims = analyse_round(ratings, &cfg)?.dimensions;
                Some(dims.iter().map(DimensionKendall::new).collect())
            }
            None => None,
        };
        Ok(KendallOutput {
            kendall: KendallReport::new(&k, ratings.items()),
            missing_policy: W_MISSING_POLICY,
            by_dimension,
        })
    }
}

/// The missing-answer policy of W.
pub const W_MISSING_POLICY: &str = "listwise: experts with a blank answer are left out";

/// `fiscus delphi round`: the round report with its settings and the panel's authority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundOutput {
    /// The round file.
    pub source: String,
    /// Experts in the file.
    pub n_experts: usize,
    /// Experts who answered at least one item.
    pub n_responding: usize,
    /// Questionnaires sent.
    pub sent: Option<usize>,
    /// Returned / sent.
    pub positive_coefficient: Option<f64>,
    /// Blank answers.
    pub missing: MissingSummary,
    /// Item statistics.
    pub items: Vec<ItemStats>,
    /// W over all items.
    pub kendall: Option<KendallReport>,
    /// Why W is missing.
    pub kendall_note: Option<String>,
    /// Per-dimension statistics.
    pub dimensions: Vec<DimensionSummary>,
    /// The declared scale.
    pub scale: Scale,
    /// R's quantile type.
    pub quantile_type: u8,
    /// Scores at or above this count as agreement.
    pub agree_at: f64,
    /// The panel's authority, when the self-ratings were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority: Option<Authority>,
}

impl RoundOutput {
    /// The output of a round over `items`.
    pub fn new(
        rep: RoundReport,
        items: &[String],
        stats: &ItemStatsConfig,
        authority: Option<Authority>,
    ) -> Self {
        RoundOutput {
            kendall: rep.kendall.as_ref().map(|k| KendallReport::new(k, items)),
            source: rep.source,
            n_experts: rep.n_experts,
            n_responding: rep.n_responding,
            sent: rep.sent,
            positive_coefficient: rep.positive_coefficient,
            missing: rep.missing,
            items: rep.items,
            kendall_note: rep.kendall_note,
            dimensions: rep.dimensions,
            scale: stats.scale,
            quantile_type: stats.quantile.get(),
            agree_at: stats.agree_at,
            authority,
        }
    }
}

/// `fiscus delphi authority`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorityOutput {
    /// Per-expert and panel coefficients.
    #[serde(flatten)]
    pub authority: Authority,
    /// The scoring tables used.
    pub tables: AuthorityTables,
}

/// `fiscus delphi screen`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenOutput {
    /// Rules, verdicts, retained and dropped items.
    #[serde(flatten)]
    pub screening: Screening,
    /// The item statistics screened.
    pub items: Vec<ItemStats>,
}
