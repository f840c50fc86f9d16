//! Comparison of successive rounds: item changes, W per round, convergence.

use std::collections::HashMap;

use serde::Serialize;

use crate::{item_stats, kendall_w, DelphiError, ItemStats, ItemStatsConfig, Ratings};

/// How the items of successive rounds correspond.
///
/// By default every round must have exactly the items of the previous one. Items renamed
/// between rounds are declared in `renamed` (old name, new name); items screened out in
/// `dropped`; new items in `added`; `allow_changes` accepts any difference (still reported).
///
/// ```
/// let m = fiscus_delphi::ItemMapping::default();
/// assert!(m.renamed.is_empty() && !m.allow_changes);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ItemMapping {
    /// `(old, new)`: the item called `old` in a round is called `new` in the next one.
    pub renamed: Vec<(String, String)>,
    /// Items allowed to disappear.
    pub dropped: Vec<String>,
    /// Items allowed to appear.
    pub added: Vec<String>,
    /// Accept any change of the item set.
    pub allow_changes: bool,
}

impl ItemMapping {
    /// The mapping as written on the command line: `--rename OLD=NEW` (repeatable), the
    /// comma-separated lists `--dropped` and `--added`, and `--allow-changes`.
    ///
    /// ```
    /// use fiscus_delphi::ItemMapping;
    /// let m = ItemMapping::from_options(&["I1 = J1".into()], Some("I4, I7"), None, false).unwrap();
    /// assert_eq!((m.renamed[0].1.as_str(), m.dropped.len()), ("J1", 2));
    /// let e = ItemMapping::from_options(&["I1".into()], None, None, false).unwrap_err();
    /// assert_eq!(e.to_string(), "--rename `I1`: write it as OLD=NEW");
    /// ```
    pub fn from_options(
        renamed: &[String],
        dropped: Option<&str>,
        added: Option<&str>,
        allow_changes: bool,
    ) -> Result<Self, DelphiError> {
        let pair = |s: &String| {
            s.split_once('=')
                .map(|(o, n)| (o.trim().to_string(), n.trim().to_string()))
                .filter(|(o, n)| !o.is_empty() && !n.is_empty())
                .ok_or_else(|| DelphiError::Option(format!("--rename `{s}`: write it as OLD=NEW")))
        };
        let list = |l: Option<&str>| l.map(fiscus_data::split_list).unwrap_or_default();
        Ok(ItemMapping {
            renamed: renamed.iter().map(pair).collect::<Result<_, _>>()?,
            dropped: list(dropped),
            added: list(added),
            allow_changes,
        })
    }
}

/// The convergence rule, applied to the last round (and the one before it).
///
/// Defaults: the last round's W is significant at `alpha = 0.05`; W did not fall from the
/// previous round (`require_w_rise`); every item's CV in the last round is at most
/// `max_cv = 0.25`; no minimum W (`min_w = None`).
///
/// ```
/// let r = fiscus_delphi::ConvergenceRule::default();
/// assert_eq!((r.alpha, r.max_cv, r.require_w_rise, r.min_w), (0.05, 0.25, true, None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ConvergenceRule {
    /// Significance level of the last round's W.
    pub alpha: f64,
    /// Largest acceptable item CV in the last round.
    pub max_cv: f64,
    /// Whether W must not fall between the last two rounds.
    pub require_w_rise: bool,
    /// Smallest acceptable W in the last round, if any.
    pub min_w: Option<f64>,
}

impl Default for ConvergenceRule {
    fn default() -> Self {
        ConvergenceRule {
            alpha: 0.05,
            max_cv: 0.25,
            require_w_rise: true,
            min_w: None,
        }
    }
}

impl ConvergenceRule {
    /// The rule in words.
    ///
    /// ```
    /// let r = fiscus_delphi::ConvergenceRule::default();
    /// assert_eq!(r.describe(), "last round: W significant at p < 0.05; W not lower than in the previous round; every item CV <= 0.25");
    /// ```
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("W significant at p < {}", self.alpha)];
        if self.require_w_rise {
            parts.push("W not lower than in the previous round".into());
        }
        parts.push(format!("every item CV <= {}", self.max_cv));
        if let Some(w) = self.min_w {
            parts.push(format!("W >= {w}"));
        }
        format!("last round: {}", parts.join("; "))
    }
}

/// Settings of [`compare_rounds`].
///
/// ```
/// let c = fiscus_delphi::CompareConfig::default();
/// assert_eq!(c.stats.quantile.get(), 7);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CompareConfig {
    /// Item statistics settings.
    pub stats: ItemStatsConfig,
    /// Correspondence of items between rounds.
    pub mapping: ItemMapping,
    /// The convergence rule.
    pub convergence: ConvergenceRule,
}

/// One round in the comparison.
///
/// ```
/// use fiscus_delphi::{compare_rounds, CompareConfig, Ratings};
/// let r = Ratings::from_rows(&[vec![5.0, 3.0], vec![4.0, 2.0]]).unwrap();
/// let c = compare_rounds(&[r.clone(), r], &CompareConfig::default()).unwrap();
/// assert_eq!(c.rounds[1].round, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundSummary {
    /// 1-based round number.
    pub round: usize,
    /// File or stream.
    pub source: String,
    /// Experts in the round.
    pub n_experts: usize,
    /// Items in the round.
    pub n_items: usize,
    /// Kendall's W (corrected), when defined.
    #[serde(rename = "W")]
    pub w: Option<f64>,
    /// Kendall's W (uncorrected), when defined.
    #[serde(rename = "W_uncorrected")]
    pub w_uncorrected: Option<f64>,
    /// p-value of the corrected W.
    pub p: Option<f64>,
    /// Why W is missing, when it is.
    pub note: Option<String>,
}

/// The change of one item from one round to the next.
///
/// ```
/// let t = fiscus_delphi::Transition { from_round: 1, to_round: 2, mean_change: 0.25, cv_change: Some(-0.03),
///     share_experts_changed: Some(0.25), experts_paired: 12, wilcoxon_p: Some(0.25) };
/// assert_eq!(t.to_round, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// Earlier round (1-based).
    pub from_round: usize,
    /// Later round.
    pub to_round: usize,
    /// Mean(later) − mean(earlier).
    pub mean_change: f64,
    /// CV(later) − CV(earlier), when both are defined.
    pub cv_change: Option<f64>,
    /// Share of the experts who answered the item in both rounds and changed their score.
    pub share_experts_changed: Option<f64>,
    /// Experts who answered the item in both rounds (matched by id).
    pub experts_paired: usize,
    /// Two-sided p of the Wilcoxon signed-rank test of the paired scores (zero differences
    /// dropped, average ranks for ties, exact distribution of the signed-rank sum); `None`
    /// when no expert changed.
    pub wilcoxon_p: Option<f64>,
}

/// One item across the rounds.
///
/// ```
/// use fiscus_delphi::{compare_rounds, CompareConfig, Ratings};
/// let r = Ratings::from_rows(&[vec![5.0, 3.0], vec![4.0, 2.0]]).unwrap();
/// let c = compare_rounds(&[r.clone(), r], &CompareConfig::default()).unwrap();
/// assert_eq!(c.items[0].status, "in every round");
/// assert_eq!(c.items[0].transitions[0].mean_change, 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemTrack {
    /// The item's name where it first appears.
    pub item: String,
    /// Its name in each round (`None` where absent).
    pub names: Vec<Option<String>>,
    /// Mean per round.
    pub means: Vec<Option<f64>>,
    /// CV per round.
    pub cvs: Vec<Option<f64>>,
    /// `in every round`, `added in round k`, `dropped after round k` (or both).
    pub status: String,
    /// Changes between consecutive rounds where the item is present in both.
    pub transitions: Vec<Transition>,
}

/// One part of the convergence verdict.
///
/// ```
/// let c = fiscus_delphi::ConvergenceCheck { check: "x".into(), passed: true, detail: "y".into() };
/// assert!(c.passed);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConvergenceCheck {
    /// What is checked.
    pub check: String,
    /// Whether it holds.
    pub passed: bool,
    /// The numbers behind it.
    pub detail: String,
}

/// The comparison of two or more rounds.
///
/// ```
/// use fiscus_delphi::{compare_rounds, CompareConfig, Ratings};
/// let r1 = Ratings::from_rows(&[vec![5.0, 3.0, 4.0], vec![3.0, 4.0, 5.0], vec![5.0, 4.0, 3.0]]).unwrap();
/// let r2 = Ratings::from_rows(&[vec![5.0, 3.0, 4.0], vec![5.0, 3.0, 4.0], vec![5.0, 3.0, 4.0]]).unwrap();
/// let c = compare_rounds(&[r1, r2], &CompareConfig::default()).unwrap();
/// assert!(c.w_rising);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// One summary per round.
    pub rounds: Vec<RoundSummary>,
    /// Every item that appears in any round, in order of first appearance.
    pub items: Vec<ItemTrack>,
    /// `round k: ITEM` for each item that appears after round 1.
    pub added: Vec<String>,
    /// `after round k: ITEM` for each item that disappears.
    pub dropped: Vec<String>,
    /// W never fell from one round to the next.
    pub w_rising: bool,
    /// The convergence rule in words.
    pub rule: String,
    /// The rule's checks.
    pub checks: Vec<ConvergenceCheck>,
    /// All checks passed.
    pub converged: bool,
}

/// Compares successive rounds (in the order given): W per round, each item's mean and CV
/// and their change, items added or dropped, and the convergence verdict.
///
/// A round whose items differ from the previous round's is an error unless the difference is
/// declared in the [`ItemMapping`].
///
/// ```
/// use fiscus_delphi::{compare_rounds, CompareConfig, Ratings};
/// let r1 = Ratings::from_rows(&[vec![5.0, 3.0], vec![4.0, 2.0]]).unwrap();
/// let r2 = Ratings::from_rows(&[vec![5.0], vec![4.0]]).unwrap().select_items(&[0]);
/// let r2 = Ratings::new("r2.csv", r2.experts().to_vec(), vec!["I1".into()], r2.scores().to_vec(), None).unwrap();
/// let e = compare_rounds(&[r1, r2], &CompareConfig::default()).unwrap_err();
/// assert!(e.to_string().starts_with("r2.csv: item `I2` is missing, though it is in <rows>"));
/// ```
pub fn compare_rounds(
    rounds: &[Ratings],
    config: &CompareConfig,
) -> Result<Comparison, DelphiError> {
    if rounds.len() < 2 {
        return Err(DelphiError::TooFew {
            what: "a comparison of rounds".into(),
            needed: 2,
            got: rounds.len(),
            unit: "rounds".into(),
        });
    }
    let map = &config.mapping;
    for (old, new) in &map.renamed {
        for name in [old, new] {
            if !rounds.iter().any(|r| r.item_index(name).is_some()) {
                return Err(DelphiError::Mapping(format!(
                    "renamed item `{name}` is in no round"
                )));
            }
        }
    }
    let known = || {
        let mut all: Vec<&str> = Vec::new();
        for r in rounds {
            for i in r.items() {
                if !all.contains(&i.as_str()) {
                    all.push(i);
                }
            }
        }
        all.join(", ")
    };
    for (list, items) in [("--dropped", &map.dropped), ("--added", &map.added)] {
        if let Some(item) = items
            .iter()
            .find(|i| !rounds.iter().any(|r| r.item_index(i).is_some()))
        {
            return Err(DelphiError::UnknownMappedItem {
                list: list.into(),
                item: item.clone(),
                known: known(),
            });
        }
    }
    // keys[r][j]: canonical key of item j of round r.
    let mut keys: Vec<Vec<String>> = vec![rounds[0].items().to_vec()];
    let mut order: Vec<String> = rounds[0].items().to_vec();
    let hint_added = |n: &str| {
        format!("declare it with --added {n}, or as renamed with --rename OLD={n}, or pass --allow-changes")
    };
    for r in 1..rounds.len() {
        let prev = &rounds[r - 1];
        let cur = &rounds[r];
        let prev_keys = &keys[r - 1];
        let mut these = Vec::with_capacity(cur.n_items());
        for name in cur.items() {
            let key = if let Some(j) = prev.item_index(name) {
                prev_keys[j].clone()
            } else if let Some(j) = map
                .renamed
                .iter()
                .filter(|(_, new)| new == name)
                .find_map(|(old, _)| prev.item_index(old))
            {
                prev_keys[j].clone()
            } else if map.allow_changes || map.added.iter().any(|a| a == name) {
                if !order.contains(name) {
                    order.push(name.clone());
                }
                name.clone()
            } else {
                return Err(DelphiError::ItemsDiffer {
                    source_name: cur.source().to_string(),
                    item: name.clone(),
                    what: "is new compared with".into(),
                    previous: prev.source().to_string(),
                    hint: hint_added(name),
                });
            };
            if these.contains(&key) {
                return Err(DelphiError::Mapping(format!(
                    "two items of {} map to the same item `{key}`",
                    cur.source()
                )));
            }
            these.push(key);
        }
        for (j, k) in prev_keys.iter().enumerate() {
            if these.contains(k) {
                continue;
            }
            let name = &prev.items()[j];
            let declared = map.dropped.iter().any(|d| d == name || d == k);
            if !(map.allow_changes || declared) {
                return Err(DelphiError::ItemsDiffer {
                    source_name: cur.source().to_string(),
                    item: name.clone(),
                    what: "is missing, though it is in".into(),
                    previous: prev.source().to_string(),
                    hint: format!(
                        "declare it with --dropped {name}, or as renamed with --rename {name}=NEW, or pass --allow-changes"
                    ),
                });
            }
        }
        keys.push(these);
    }

    let stats: Vec<Vec<ItemStats>> = rounds
        .iter()
        .map(|r| item_stats(r, &config.stats))
        .collect::<Result<_, _>>()?;
    let summaries: Vec<RoundSummary> = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let k = kendall_w(r);
            RoundSummary {
                round: i + 1,
                source: r.source().to_string(),
                n_experts: r.n_experts(),
                n_items: r.n_items(),
                w: k.as_ref().ok().map(|k| k.w),
                w_uncorrected: k.as_ref().ok().map(|k| k.w_uncorrected),
                p: k.as_ref().ok().map(|k| k.p),
                note: k.err().map(|e| e.to_string()),
            }
        })
        .collect();

    let nr = rounds.len();
    let mut tracks = Vec::with_capacity(order.len());
    let mut added = Vec::new();
    let mut dropped = Vec::new();
    for key in &order {
        let pos: Vec<Option<usize>> = keys
            .iter()
            .map(|ks| ks.iter().position(|k| k == key))
            .collect();
        let names = pos
            .iter()
            .enumerate()
            .map(|(r, p)| p.map(|j| rounds[r].items()[j].clone()))
            .collect();
        let means: Vec<Option<f64>> = pos
            .iter()
            .enumerate()
            .map(|(r, p)| p.map(|j| stats[r][j].mean))
            .collect();
        let cvs: Vec<Option<f64>> = pos
            .iter()
            .enumerate()
            .map(|(r, p)| p.and_then(|j| stats[r][j].cv))
            .collect();
        let mut transitions = Vec::new();
        for r in 1..nr {
            let (Some(a), Some(b)) = (pos[r - 1], pos[r]) else {
                continue;
            };
            let (sa, sb) = (&stats[r - 1][a], &stats[r][b]);
            let (changed, paired, diffs) = paired_changes(&rounds[r - 1], a, &rounds[r], b);
            transitions.push(Transition {
                from_round: r,
                to_round: r + 1,
                mean_change: sb.mean - sa.mean,
                cv_change: sa.cv.zip(sb.cv).map(|(x, y)| y - x),
                share_experts_changed: (paired > 0).then(|| changed as f64 / paired as f64),
                experts_paired: paired,
                wilcoxon_p: wilcoxon_signed_rank_p(&diffs),
            });
        }
        let first = pos.iter().position(Option::is_some).unwrap_or(0);
        let last = pos.iter().rposition(Option::is_some).unwrap_or(0);
        let mut status = Vec::new();
        if first > 0 {
            status.push(format!("added in round {}", first + 1));
            added.push(format!("round {}: {}", first + 1, key));
        }
        if last + 1 < nr {
            status.push(format!("dropped after round {}", last + 1));
            dropped.push(format!("after round {}: {}", last + 1, key));
        }
        if first == 0 && last + 1 == nr && pos.iter().any(Option::is_none) {
            status.push("absent in some rounds".into());
        }
        tracks.push(ItemTrack {
            item: key.clone(),
            names,
            means,
            cvs,
            status: if status.is_empty() {
                "in every round".into()
            } else {
                status.join(", ")
            },
            transitions,
        });
    }

    let w_rising = summaries
        .windows(2)
        .all(|p| matches!((p[0].w, p[1].w), (Some(a), Some(b)) if b + fiscus_data::TOL >= a));
    let rule = &config.convergence;
    let last = &summaries[nr - 1];
    let prev = &summaries[nr - 2];
    let mut checks = Vec::new();
    checks.push(match last.p {
        Some(p) => ConvergenceCheck {
            check: format!("W of round {nr} significant at p < {}", rule.alpha),
            passed: p < rule.alpha,
            detail: format!("p = {p:.3e}"),
        },
        None => ConvergenceCheck {
            check: format!("W of round {nr} significant at p < {}", rule.alpha),
            passed: false,
            detail: last.note.clone().unwrap_or_default(),
        },
    });
    if rule.require_w_rise {
        let passed = matches!((prev.w, last.w), (Some(a), Some(b)) if b + fiscus_data::TOL >= a);
        checks.push(ConvergenceCheck {
            check: format!("W not lower in round {nr} than in round {}", nr - 1),
            passed,
            detail: format!("W {} -> {}", opt4(prev.w), opt4(last.w)),
        });
    }
    let worst = stats[nr - 1].iter().map(|s| (s.item.as_str(), s.cv)).fold(
        None::<(&str, Option<f64>)>,
        |acc, (it, cv)| match (acc, cv) {
            (None, _) => Some((it, cv)),
            (Some((_, Some(a))), Some(b)) if b > a => Some((it, cv)),
            (Some((_, Some(_))), None) => Some((it, None)),
            (acc, _) => acc,
        },
    );
    let (cv_ok, cv_detail) = match worst {
        Some((it, Some(cv))) => (
            cv - fiscus_data::TOL < rule.max_cv,
            format!("largest CV {cv:.4} (item {it})"),
        ),
        Some((it, None)) => (false, format!("CV of item {it} is undefined")),
        None => (true, "no items".into()),
    };
    checks.push(ConvergenceCheck {
        check: format!("every item CV <= {} in round {nr}", rule.max_cv),
        passed: cv_ok,
        detail: cv_detail,
    });
    if let Some(min_w) = rule.min_w {
        checks.push(ConvergenceCheck {
            check: format!("W >= {min_w} in round {nr}"),
            passed: last.w.is_some_and(|w| w + fiscus_data::TOL >= min_w),
            detail: format!("W = {}", opt4(last.w)),
        });
    }
    let converged = checks.iter().all(|c| c.passed);
    Ok(Comparison {
        rounds: summaries,
        items: tracks,
        added,
        dropped,
        w_rising,
        rule: rule.describe(),
        checks,
        converged,
    })
}

/// (experts who changed their score, experts who answered in both rounds), matched by id.
fn paired_changes(a: &Ratings, ja: usize, b: &Ratings, jb: usize) -> (usize, usize, Vec<f64>) {
    let index: HashMap<&str, usize> = b
        .experts()
        .iter()
        .enumerate()
        .map(|(i, e)| (e.as_str(), i))
        .collect();
    let mut changed = 0;
    let mut paired = 0;
    let mut diffs = Vec::new();
    for (i, e) in a.experts().iter().enumerate() {
        let Some(&k) = index.get(e.as_str()) else {
            continue;
        };
        if let (Some(x), Some(y)) = (a.scores()[i][ja], b.scores()[k][jb]) {
            paired += 1;
            if x != y {
                changed += 1;
                diffs.push(y - x);
            }
        }
    }
    (changed, paired, diffs)
}

/// Two-sided p of the Wilcoxon signed-rank test for non-zero paired differences: average
/// ranks of |d| for ties, exact null distribution of the positive rank sum over all sign
/// patterns (computed by dynamic programming on doubled ranks), p = min(1, 2·min tail).
///
/// ```
/// // Three experts all raised their score: p = 2 · 1/8.
/// assert_eq!(fiscus_delphi::wilcoxon_signed_rank_p(&[1.0, 1.0, 1.0]), Some(0.25));
/// assert_eq!(fiscus_delphi::wilcoxon_signed_rank_p(&[1.0, -1.0, 1.0, -1.0]), Some(1.0));
/// assert_eq!(fiscus_delphi::wilcoxon_signed_rank_p(&[]), None);
/// ```
pub fn wilcoxon_signed_rank_p(diffs: &[f64]) -> Option<f64> {
    let d: Vec<f64> = diffs
        .iter()
        .copied()
        .filter(|x| *x != 0.0 && x.is_finite())
        .collect();
    let n = d.len();
    if n == 0 || n > 400 {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| d[i].abs().total_cmp(&d[j].abs()));
    // Doubled average ranks (integers).
    let mut rank2 = vec![0usize; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && d[order[j + 1]].abs() == d[order[i]].abs() {
            j += 1;
        }
        for k in i..=j {
            rank2[order[k]] = i + j + 2; // 2 × average of ranks i+1..j+1
        }
        i = j + 1;
    }
    let total: usize = rank2.iter().sum();
    let observed: usize = (0..n).filter(|&k| d[k] > 0.0).map(|k| rank2[k]).sum();
    // counts[s] = number of sign patterns with positive doubled rank sum s.
    let mut counts = vec![0f64; total + 1];
    counts[0] = 1.0;
    for &r in &rank2 {
        for s in (r..=total).rev() {
            counts[s] += counts[s - r];
        }
    }
    let all: f64 = counts.iter().sum();
    let lower: f64 = counts[..=observed].iter().sum::<f64>() / all;
    let upper: f64 = counts[observed..].iter().sum::<f64>() / all;
    Some((2.0 * lower.min(upper)).min(1.0))
}

fn opt4(v: Option<f64>) -> String {
    v.map_or_else(|| "undefined".into(), |x| format!("{x:.4}"))
}
