//! Everything reported for one round: response, missing answers, item statistics, W overall
//! and per dimension.

use serde::Serialize;

use crate::{
    item_stats, kendall_w, positive_coefficient, DelphiError, ItemStats, ItemStatsConfig, Kendall,
    Ratings,
};

/// What to compute for a round.
///
/// ```
/// let c = fiscus_delphi::RoundConfig::default();
/// assert!(c.dimensions.is_empty() && c.sent.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RoundConfig {
    /// Item statistics settings (scale, quantile type, agreement level).
    pub stats: ItemStatsConfig,
    /// Item → first-level dimension, for per-dimension W; empty for none. Every item of the
    /// round must be mapped when any is.
    pub dimensions: Vec<(String, String)>,
    /// Questionnaires sent, for the positive coefficient (returned = experts in the round).
    pub sent: Option<usize>,
}

/// How missing answers were handled and how many there were.
///
/// ```
/// let m = fiscus_delphi::MissingSummary { cells: 0, experts_with_missing: 0, experts_without_answers: 0,
///     policy: "pairwise".into() };
/// assert_eq!(m.cells, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingSummary {
    /// Blank cells in the round.
    pub cells: usize,
    /// Experts with at least one blank (left out of W: listwise).
    pub experts_with_missing: usize,
    /// Experts who answered nothing (not counted as returned).
    pub experts_without_answers: usize,
    /// The policy, in words.
    pub policy: String,
}

/// Statistics of one first-level dimension.
///
/// ```
/// let d = fiscus_delphi::DimensionSummary { dimension: "A".into(), items: vec![], mean_of_means: 4.0,
///     kendall: None, note: Some("one item".into()) };
/// assert!(d.kendall.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionSummary {
    /// Dimension name.
    pub dimension: String,
    /// Its items, in round order.
    pub items: Vec<String>,
    /// Mean of the item means.
    pub mean_of_means: f64,
    /// Kendall's W over the dimension's items (listwise), when defined.
    pub kendall: Option<Kendall>,
    /// Why W is missing, when it is.
    pub note: Option<String>,
}

/// The report of one round.
///
/// ```
/// use fiscus_delphi::{analyse_round, Ratings, RoundConfig};
/// let r = Ratings::from_rows(&[vec![5.0, 3.0], vec![4.0, 2.0]]).unwrap();
/// let rep = analyse_round(&r, &RoundConfig { sent: Some(4), ..Default::default() }).unwrap();
/// assert_eq!(rep.positive_coefficient, Some(0.5));
/// assert_eq!(rep.items.len(), 2);
/// assert!((rep.kendall.as_ref().unwrap().w - 1.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundReport {
    /// File or stream of the round.
    pub source: String,
    /// Experts (rows) in the table.
    pub n_experts: usize,
    /// Experts with at least one answer (questionnaires returned).
    pub n_responding: usize,
    /// Questionnaires sent, when given.
    pub sent: Option<usize>,
    /// Returned / sent, when `sent` is given.
    pub positive_coefficient: Option<f64>,
    /// Missing answers and the policy.
    pub missing: MissingSummary,
    /// Per item statistics (pairwise).
    pub items: Vec<ItemStats>,
    /// Kendall's W over all items (listwise), when defined.
    pub kendall: Option<Kendall>,
    /// Why W is missing, when it is.
    pub kendall_note: Option<String>,
    /// Per dimension summaries, in order of first appearance.
    pub dimensions: Vec<DimensionSummary>,
}

/// The missing-answer policy, as reported.
pub(crate) const POLICY: &str = "pairwise for item statistics (each item uses the experts who answered it); listwise for Kendall's W (experts with any blank among the items involved are left out)";

/// Analyses one round: response, item statistics, W overall and per dimension.
///
/// ```
/// use fiscus_delphi::{analyse_round, Ratings, RoundConfig};
/// let r = Ratings::from_rows(&[vec![5.0, 3.0, 4.0], vec![4.0, 2.0, 4.0]]).unwrap();
/// let cfg = RoundConfig {
///     dimensions: vec![("I1".into(), "A".into()), ("I2".into(), "A".into()), ("I3".into(), "B".into())],
///     ..Default::default()
/// };
/// let rep = analyse_round(&r, &cfg).unwrap();
/// assert_eq!(rep.dimensions.len(), 2);
/// assert!(rep.dimensions[1].kendall.is_none()); // one item: W undefined
/// ```
pub fn analyse_round(ratings: &Ratings, config: &RoundConfig) -> Result<RoundReport, DelphiError> {
    let items = item_stats(ratings, &config.stats)?;
    let n_experts = ratings.n_experts();
    let answered: Vec<usize> = ratings
        .scores()
        .iter()
        .map(|r| r.iter().filter(|v| v.is_some()).count())
        .collect();
    let n_responding = answered.iter().filter(|&&k| k > 0).count();
    let experts_with_missing = answered.iter().filter(|&&k| k < ratings.n_items()).count();
    let experts_without_answers = answered.iter().filter(|&&k| k == 0).count();
    let positive = config
        .sent
        .map(|s| positive_coefficient(s, n_responding))
        .transpose()?;
    let (kendall, kendall_note) = split(kendall_w(ratings));

    let mut dimensions: Vec<DimensionSummary> = Vec::new();
    if !config.dimensions.is_empty() {
        for (item, _) in &config.dimensions {
            if ratings.item_index(item).is_none() {
                return Err(DelphiError::Mapping(format!(
                    "the dimension table names item `{item}`, which {} does not have",
                    ratings.source()
                )));
            }
        }
        let mut order: Vec<String> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (j, name) in ratings.items().iter().enumerate() {
            let Some((_, dim)) = config.dimensions.iter().find(|(i, _)| i == name) else {
                return Err(DelphiError::Mapping(format!(
                    "item `{name}` of {} has no dimension in the dimension table",
                    ratings.source()
                )));
            };
            match order.iter().position(|d| d == dim) {
                Some(k) => members[k].push(j),
                None => {
                    order.push(dim.clone());
                    members.push(vec![j]);
                }
            }
        }
        for (dim, idx) in order.into_iter().zip(members) {
            let sub = ratings.select_items(&idx);
            let (k, note) = split(kendall_w(&sub));
            let mean_of_means = idx.iter().map(|&j| items[j].mean).sum::<f64>() / idx.len() as f64;
            dimensions.push(DimensionSummary {
                dimension: dim,
                items: sub.items().to_vec(),
                mean_of_means,
                kendall: k,
                note,
            });
        }
    }
    Ok(RoundReport {
        source: ratings.source().to_string(),
        n_experts,
        n_responding,
        sent: config.sent,
        positive_coefficient: positive,
        missing: MissingSummary {
            cells: ratings.missing_cells(),
            experts_with_missing,
            experts_without_answers,
            policy: POLICY.into(),
        },
        items,
        kendall,
        kendall_note,
        dimensions,
    })
}

fn split(r: Result<Kendall, DelphiError>) -> (Option<Kendall>, Option<String>) {
    match r {
        Ok(k) => (Some(k), None),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// The item → dimension pairs of a table whose case labels are the items and whose column
/// `dimension` names each item's dimension.
///
/// ```
/// use fiscus_data::{Cell, Column, Dataset};
/// let ds = Dataset::new("d.csv", vec!["I1".into(), "I2".into()],
///     vec![Column::new("dimension", vec![Cell::Text("Budget".into()), Cell::Missing])]).unwrap();
/// assert_eq!(fiscus_delphi::dimensions_from_dataset(&ds).unwrap_err().to_string(),
///     "d.csv: row 2 (case `I2`), column `dimension`: missing value");
/// ```
pub fn dimensions_from_dataset(
    ds: &fiscus_data::Dataset,
) -> Result<Vec<(String, String)>, DelphiError> {
    let col = ds.column("dimension")?;
    ds.cases()
        .iter()
        .zip(&col.cells)
        .enumerate()
        .map(|(i, (item, cell))| match cell {
            fiscus_data::Cell::Missing => Err(DelphiError::Data(fiscus_data::DataError::Missing {
                source_name: ds.source().to_string(),
                row: i + 1,
                case: item.clone(),
                column: "dimension".into(),
            })),
            c => Ok((item.clone(), c.to_string())),
        })
        .collect()
}
