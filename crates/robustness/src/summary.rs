//! The summary of a (merged) grid: path stability, distinct first models, necessity
//! stability and the robustness measures over the usable test solutions.

use std::collections::BTreeMap;

use fiscus_qca::{parse_sop, sop_names, Literal, SetKind, Universe};
use serde::{Deserialize, Serialize};

use crate::grid::GridShard;
use crate::protocol::{robustness_fit, RobustnessFit, TestSolution, TestStatus};

/// How often one term (path) appears among the first models of the grid.
///
/// ```
/// let p = fiscus_robustness::PathStability { path: "A*B".into(), in_is: true, count: 3, share: 0.75, conditions: vec![] };
/// assert!(p.in_is);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStability {
    /// The term.
    pub path: String,
    /// Whether it is a path of the IS.
    pub in_is: bool,
    /// Test solutions (with a model) containing it.
    pub count: usize,
    /// `count` over the usable test solutions.
    pub share: f64,
    /// For IS paths: each literal and the share of usable TS with a term that contains it and
    /// is nested with the path (a sub- or superset of its literals).
    pub conditions: Vec<(String, f64)>,
}

/// A distinct first model and how many specifications gave it.
///
/// ```
/// let d = fiscus_robustness::DistinctSolution { expression: "A".into(), count: 2, share: 1.0, equals_is: true };
/// assert_eq!(d.count, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistinctSolution {
    /// The first model (`(no solution)` when minimisation failed).
    pub expression: String,
    /// Specifications giving it.
    pub count: usize,
    /// Share of the usable specifications.
    pub share: f64,
    /// Whether it is the IS.
    pub equals_is: bool,
}

/// Summary of a grid: counts, share of TS equal to the IS, path stability, distinct models
/// and the robustness measures over every usable TS.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_robustness::Grid = "n-cut=1,2,9".parse().unwrap();
/// let sh = fiscus_robustness::run_grid(&ds, "Y", None, &Default::default(), &g, None, &|| {}).unwrap();
/// let s = fiscus_robustness::summarize_grid(&sh);
/// // n-cut 9 leaves no row: listed, and the shares are over the two others
/// assert_eq!((s.specifications, s.solved, s.excluded.len()), (3, 2, 1));
/// assert_eq!(s.excluded[0].position, 3);
/// assert_eq!(s.path_stability[0].share, 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridSummary {
    /// The IS.
    #[serde(rename = "IS")]
    pub is_expression: String,
    /// Specifications in the grid.
    pub specifications: usize,
    /// With a model.
    pub solved: usize,
    /// No truth-table row passed the cut-offs or the minimisation gave no model: listed in
    /// `excluded` and left out of every share and measure.
    pub no_solution: usize,
    /// Not analysable (e.g. anchors out of order): listed in `excluded` and left out.
    pub invalid: usize,
    /// The specifications left out, in grid order, with the reason.
    pub excluded: Vec<ExcludedSpecification>,
    /// Share of usable TS whose first model equals the IS.
    pub share_equal_is: f64,
    /// Terms, IS paths first, then by frequency.
    pub path_stability: Vec<PathStability>,
    /// Distinct first models, most frequent first.
    pub distinct_solutions: Vec<DistinctSolution>,
    /// Robustness measures over every usable TS of the grid.
    pub fit: RobustnessFit,
    /// How often each condition passes as necessary (inclN ≥ 0.9) across the usable
    /// specifications, most frequent first.
    pub necessity_stability: Vec<NecessityStability>,
}

/// A grid specification left out of the summary, and why.
///
/// ```
/// let e = fiscus_robustness::ExcludedSpecification { position: 3, specification: "incl-cut=1; n-cut=9".into(),
///     status: fiscus_robustness::TestStatus::NoSolution, reason: "no truth-table row passes".into() };
/// assert_eq!(e.position, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcludedSpecification {
    /// 1-based position in the grid.
    pub position: usize,
    /// Its label (what it changes).
    pub specification: String,
    /// `no_solution` or `invalid`.
    pub status: TestStatus,
    /// Why it could not be analysed.
    pub reason: String,
}

/// Share of the grid in which a condition passes as necessary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NecessityStability {
    /// The condition or its negation.
    pub term: String,
    /// Specifications where it passes.
    pub count: usize,
    /// Share of the usable specifications.
    pub share: f64,
}

fn literal_set(u: &Universe, term: &str) -> Option<Vec<Literal>> {
    parse_sop(u, term)
        .ok()
        .and_then(|s| s.terms.into_iter().next())
}

/// Summarises a (merged) grid.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_robustness::Grid = "n-cut=1,2,3".parse().unwrap();
/// let sh = fiscus_robustness::run_grid(&ds, "Y", None, &Default::default(), &g, None, &|| {}).unwrap();
/// let s = fiscus_robustness::summarize_grid(&sh);
/// assert_eq!((s.solved, s.no_solution), (2, 1));
/// ```
pub fn summarize_grid(shard: &GridShard) -> GridSummary {
    let is = &shard.initial;
    let usable: Vec<&TestSolution> = shard.items.iter().filter(|t| t.usable()).collect();
    let nu = usable.len();
    let share = |c: usize| c as f64 / nu as f64;
    let is_terms: Vec<String> = is.expression.split(" + ").map(str::to_string).collect();
    // A universe of names that parses every term (names from all expressions).
    let mut names: Vec<String> = Vec::new();
    for e in
        std::iter::once(&is.expression).chain(usable.iter().filter_map(|t| t.expression.as_ref()))
    {
        for n in sop_names(e) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    let u = Universe {
        kinds: vec![SetKind::Fuzzy; names.len()],
        names,
        multivalue: is.expression.contains('['),
    };
    let ts_terms: Vec<Vec<String>> = usable
        .iter()
        .map(|t| {
            t.expression
                .as_deref()
                .map(|e| e.split(" + ").map(str::to_string).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new(); // term -> (count, first seen)
    let mut seen = 0usize;
    for terms in &ts_terms {
        for t in terms {
            let e = counts.entry(t.clone()).or_insert_with(|| {
                seen += 1;
                (0, seen)
            });
            e.0 += 1;
        }
    }
    let parsed: BTreeMap<&String, Vec<Literal>> = counts
        .keys()
        .map(|t| (t, literal_set(&u, t).unwrap_or_default()))
        .collect();
    let mut paths: Vec<PathStability> = Vec::new();
    for t in &is_terms {
        let lits = literal_set(&u, t).unwrap_or_default();
        let texts: Vec<String> = t.split('*').map(str::to_string).collect();
        let conds = lits
            .iter()
            .zip(&texts)
            .map(|(l, txt)| {
                let c = ts_terms
                    .iter()
                    .filter(|terms| {
                        terms.iter().any(|tt| {
                            let tl = parsed.get(tt).map(Vec::as_slice).unwrap_or_default();
                            let sub = tl.iter().all(|x| lits.contains(x));
                            let sup = lits.iter().all(|x| tl.contains(x));
                            tl.contains(l) && (sub || sup)
                        })
                    })
                    .count();
                (txt.clone(), share(c))
            })
            .collect();
        let c = counts.get(t).map_or(0, |x| x.0);
        paths.push(PathStability {
            path: t.clone(),
            in_is: true,
            count: c,
            share: share(c),
            conditions: conds,
        });
    }
    let mut others: Vec<(&String, &(usize, usize))> = counts
        .iter()
        .filter(|(t, _)| !is_terms.contains(t))
        .collect();
    others.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    for (t, (c, _)) in others {
        paths.push(PathStability {
            path: t.clone(),
            in_is: false,
            count: *c,
            share: share(*c),
            conditions: Vec::new(),
        });
    }
    let mut distinct: Vec<(String, usize, usize)> = Vec::new();
    for (k, t) in usable.iter().enumerate() {
        let e = t
            .expression
            .clone()
            .unwrap_or_else(|| "(no solution)".into());
        match distinct.iter_mut().find(|d| d.0 == e) {
            Some(d) => d.1 += 1,
            None => distinct.push((e, 1, k)),
        }
    }
    distinct.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let members: Vec<Vec<f64>> = usable.iter().map(|t| t.membership.clone()).collect();
    let equal = usable
        .iter()
        .filter(|t| t.expression.as_deref() == Some(is.expression.as_str()))
        .count();
    GridSummary {
        is_expression: is.expression.clone(),
        specifications: shard.items.len(),
        solved: shard
            .items
            .iter()
            .filter(|t| t.status == TestStatus::Ok)
            .count(),
        no_solution: shard
            .items
            .iter()
            .filter(|t| t.status == TestStatus::NoSolution)
            .count(),
        invalid: shard
            .items
            .iter()
            .filter(|t| t.status == TestStatus::Invalid)
            .count(),
        excluded: shard
            .items
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.usable())
            .map(|(k, t)| ExcludedSpecification {
                position: shard.start + k + 1,
                specification: t.label.clone(),
                status: t.status,
                reason: t.message.clone().unwrap_or_default(),
            })
            .collect(),
        share_equal_is: share(equal),
        path_stability: paths,
        distinct_solutions: distinct
            .into_iter()
            .map(|(e, c, _)| DistinctSolution {
                equals_is: e == is.expression,
                expression: e,
                count: c,
                share: share(c),
            })
            .collect(),
        fit: robustness_fit(&is.cases, &is.membership, &members, &is.outcome),
        necessity_stability: {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for t in &usable {
                for term in &t.necessary {
                    match counts.iter_mut().find(|(n, _)| n == term) {
                        Some(c) => c.1 += 1,
                        None => counts.push((term.clone(), 1)),
                    }
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
                .into_iter()
                .map(|(term, count)| NecessityStability {
                    term,
                    count,
                    share: share(count),
                })
                .collect()
        },
    }
}
