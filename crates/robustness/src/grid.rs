//! Grids of test specifications: the grid syntax, its plan (the specification at each
//! position), shards of positions and their parallel evaluation.

use fiscus_data::{Dataset, SplitMix64};
use fiscus_qca::{QcaError, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::protocol::{initial_solution, run_test, InitialSolution, TestSolution};
use crate::provenance::Provenance;
use crate::ranges::round12;
use crate::spec::{prepare_data, Specification};

/// Which cases each grid specification minimises.
///
/// ```
/// assert_eq!(fiscus_robustness::CaseSubsets::default(), fiscus_robustness::CaseSubsets::All);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSubsets {
    /// All cases (one subset).
    #[default]
    All,
    /// Every case left out once (n subsets).
    LeaveOneOut,
    /// `count` random subsets of `size` cases, drawn with `seed`.
    Random {
        /// Number of subsets.
        count: usize,
        /// Cases per subset.
        size: usize,
        /// Seed of the generator.
        seed: u64,
    },
}

/// Shifts of a recalibrated set's anchors: every anchor (or one) moves by `-k..=k` steps,
/// independently.
///
/// ```
/// let a = fiscus_robustness::AnchorShift { target: "DEV".into(), anchor: None, step: 10.0, k: 1 };
/// assert_eq!(a.k, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnchorShift {
    /// The recalibrated set.
    pub target: String,
    /// One anchor (0-based) or every anchor (`None`).
    pub anchor: Option<usize>,
    /// Step in raw units.
    pub step: f64,
    /// Steps each way.
    pub k: usize,
}

/// A grid of test specifications: every combination of anchor shifts × inclusion cut-offs ×
/// PRI cut-offs × n-cuts × case subsets, in that order (the last varies fastest). Empty lists
/// keep the initial value.
///
/// ```
/// let g: fiscus_robustness::Grid = "incl-cut=0.75,0.8;n-cut=1,2;cases=loo".parse().unwrap();
/// assert_eq!(g.incl_cuts, vec![0.75, 0.8]);
/// assert_eq!(g.cases, fiscus_robustness::CaseSubsets::LeaveOneOut);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Grid {
    /// Inclusion cut-offs.
    pub incl_cuts: Vec<f64>,
    /// PRI cut-offs.
    #[serde(default)]
    pub pri_cuts: Vec<f64>,
    /// Frequency cut-offs.
    pub n_cuts: Vec<usize>,
    /// Anchor shifts.
    pub anchors: Vec<AnchorShift>,
    /// Case subsets.
    pub cases: CaseSubsets,
}

impl std::str::FromStr for Grid {
    type Err = QcaError;
    /// `incl-cut=0.75,0.8` or `incl-cut=0.70:0.90:0.05`; `pri-cut=0.5,0.7` (same forms);
    /// `n-cut=1,2,3`; `anchors:DEV=10x2`
    /// (every anchor of DEV by -2..2 steps of 10) or `anchors:DEV.c=10x2` (one anchor: e, c,
    /// i or 1-based position); `cases=all|loo|random:COUNT:SIZE:SEED`; joined by `;`.
    fn from_str(text: &str) -> Result<Grid> {
        let mut g = Grid::default();
        let err = |item: &str, m: String| QcaError::Parse {
            input: item.to_string(),
            message: m,
        };
        for item in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some(rest) = item.strip_prefix("anchors:") {
                let (who, how) = rest
                    .split_once('=')
                    .ok_or_else(|| err(item, "expected anchors:SET=STEPxK".into()))?;
                let (target, anchor) = match who.split_once('.') {
                    Some((t, a)) => {
                        let idx = match a.trim() {
                            "e" | "e1" => 0,
                            "c" | "c1" => 1,
                            "i" | "i1" => 2,
                            "i2" => 3,
                            "c2" => 4,
                            "e2" => 5,
                            n => n
                                .parse::<usize>()
                                .ok()
                                .filter(|&n| n >= 1)
                                .map(|n| n - 1)
                                .ok_or_else(|| err(item, format!("unknown anchor `{n}`")))?,
                        };
                        (t.trim(), Some(idx))
                    }
                    None => (who.trim(), None),
                };
                let (s, k) = how
                    .split_once('x')
                    .ok_or_else(|| err(item, "expected STEPxK, e.g. 10x2".into()))?;
                let step: f64 = s
                    .trim()
                    .parse()
                    .ok()
                    .filter(|v: &f64| *v > 0.0 && v.is_finite())
                    .ok_or_else(|| err(item, format!("step `{s}` must be a positive number")))?;
                let k: usize = k
                    .trim()
                    .parse()
                    .map_err(|_| err(item, format!("`{k}` is not a whole number of steps")))?;
                g.anchors.push(AnchorShift {
                    target: target.to_string(),
                    anchor,
                    step,
                    k,
                });
                continue;
            }
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| err(item, "expected KEY=VALUES".into()))?;
            let num = |v: &str| -> Result<f64> {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| err(item, format!("`{}` is not a number", v.trim())))
            };
            match key.trim() {
                "incl-cut" | "pri-cut" => {
                    let parts: Vec<&str> = value.split(':').collect();
                    let values = if parts.len() == 3 {
                        let (a, b, s) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
                        if s.is_nan() || s <= 0.0 || b < a {
                            return Err(err(
                                item,
                                "expected FROM:TO:STEP with FROM <= TO and STEP > 0".into(),
                            ));
                        }
                        let n = ((b - a) / s + 1e-9).floor() as usize;
                        (0..=n).map(|i| round12(a + s * i as f64)).collect()
                    } else {
                        value.split(',').map(num).collect::<Result<_>>()?
                    };
                    if key.trim() == "incl-cut" {
                        g.incl_cuts = values;
                    } else {
                        g.pri_cuts = values;
                    }
                }
                "n-cut" => {
                    g.n_cuts = value
                        .split(',')
                        .map(|v| {
                            v.trim()
                                .parse::<usize>()
                                .ok()
                                .filter(|n| *n >= 1)
                                .ok_or_else(|| {
                                    err(
                                        item,
                                        format!("n-cut `{}` must be a whole number >= 1", v.trim()),
                                    )
                                })
                        })
                        .collect::<Result<_>>()?
                }
                "cases" => {
                    g.cases = match value.trim() {
                        "all" => CaseSubsets::All,
                        "loo" | "leave-one-out" => CaseSubsets::LeaveOneOut,
                        r => {
                            let p: Vec<&str> = r.split(':').collect();
                            let n = |s: &str| s.trim().parse::<u64>().ok();
                            match p.as_slice() {
                                ["random", c, s, seed] => match (n(c), n(s), n(seed)) {
                                    (Some(c), Some(s), Some(seed)) if c > 0 && s > 0 => {
                                        CaseSubsets::Random {
                                            count: c as usize,
                                            size: s as usize,
                                            seed,
                                        }
                                    }
                                    _ => return Err(err(
                                        item,
                                        "expected random:COUNT:SIZE:SEED (positive whole numbers)"
                                            .into(),
                                    )),
                                },
                                _ => {
                                    return Err(err(
                                        item,
                                        "cases: use all, loo or random:COUNT:SIZE:SEED".into(),
                                    ))
                                }
                            }
                        }
                    }
                }
                other => {
                    return Err(err(
                        item,
                        format!(
                            "unknown grid key `{other}` (use incl-cut, pri-cut, n-cut, anchors:SET, cases)"
                        ),
                    ))
                }
            }
        }
        Ok(g)
    }
}

/// The grid, resolved against the data and the initial specification: its size and the
/// specification at each position.
#[derive(Debug, Clone)]
struct Plan {
    /// Per anchor dimension: (target, anchor index, values).
    anchor_dims: Vec<(String, usize, Vec<f64>)>,
    incl: Vec<f64>,
    /// PRI cut-offs; `vary_pri` when the grid names them (they then appear in labels).
    pri: Vec<f64>,
    vary_pri: bool,
    ncut: Vec<usize>,
    subsets: Vec<(String, Option<Vec<usize>>)>,
}

impl Plan {
    fn new(ds: &Dataset, initial: &Specification, grid: &Grid) -> Result<Plan> {
        let mut anchor_dims = Vec::new();
        for a in &grid.anchors {
            let r = initial
                .calibrations
                .iter()
                .find(|r| r.target == a.target)
                .ok_or_else(|| QcaError::Option(format!("anchors: `{}` is not recalibrated (give --calibrate {}=RAW:e=..,c=..,i=..)", a.target, a.target)))?;
            let base = r.spec.anchors();
            let which: Vec<usize> = match a.anchor {
                Some(i) if i < base.len() => vec![i],
                Some(i) => {
                    return Err(QcaError::Option(format!(
                        "anchors: `{}` has no anchor {}",
                        a.target,
                        i + 1
                    )))
                }
                None => (0..base.len()).collect(),
            };
            for i in which {
                let k = a.k as i64;
                let vals = (-k..=k)
                    .map(|s| round12(base[i] + a.step * s as f64))
                    .collect();
                anchor_dims.push((a.target.clone(), i, vals));
            }
        }
        let incl = if grid.incl_cuts.is_empty() {
            vec![initial.truth_table.incl_cut1]
        } else {
            grid.incl_cuts.clone()
        };
        let pri = if grid.pri_cuts.is_empty() {
            vec![initial.truth_table.pri_cut]
        } else {
            grid.pri_cuts.clone()
        };
        let ncut = if grid.n_cuts.is_empty() {
            vec![initial.truth_table.n_cut]
        } else {
            grid.n_cuts.clone()
        };
        let n = ds.n_cases();
        let base_rows: Vec<usize> = initial.cases.clone().unwrap_or_else(|| (0..n).collect());
        let subsets = match &grid.cases {
            CaseSubsets::All => vec![(String::new(), initial.cases.clone())],
            CaseSubsets::LeaveOneOut => base_rows
                .iter()
                .map(|&r| {
                    (
                        format!("without {}", ds.cases()[r]),
                        Some(base_rows.iter().copied().filter(|&x| x != r).collect()),
                    )
                })
                .collect(),
            CaseSubsets::Random { count, size, seed } => {
                if *size > base_rows.len() {
                    return Err(QcaError::Option(format!(
                        "random subsets of {size} cases from {} cases",
                        base_rows.len()
                    )));
                }
                (0..*count)
                    .map(|j| {
                        // One stream per subset, so subsets do not depend on each other.
                        let mut rng =
                            SplitMix64::new(seed ^ (j as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
                        let mut pool = base_rows.clone();
                        for i in 0..*size {
                            // a partial Fisher-Yates shuffle, without modulo bias
                            let r = i + rng.below((pool.len() - i) as u64) as usize;
                            pool.swap(i, r);
                        }
                        let mut pick = pool[..*size].to_vec();
                        pick.sort_unstable();
                        (format!("subsample {}", j + 1), Some(pick))
                    })
                    .collect()
            }
        };
        Ok(Plan {
            anchor_dims,
            incl,
            vary_pri: !grid.pri_cuts.is_empty(),
            pri,
            ncut,
            subsets,
        })
    }

    fn len(&self) -> usize {
        self.anchor_dims
            .iter()
            .map(|d| d.2.len())
            .product::<usize>()
            * self.incl.len()
            * self.pri.len()
            * self.ncut.len()
            * self.subsets.len()
    }

    fn spec(&self, initial: &Specification, mut idx: usize) -> (String, Specification) {
        let mut s = initial.clone();
        let mut label = Vec::new();
        let nsub = self.subsets.len();
        let (sl, rows) = &self.subsets[idx % nsub];
        idx /= nsub;
        let nc = self.ncut[idx % self.ncut.len()];
        idx /= self.ncut.len();
        let pc = self.pri[idx % self.pri.len()];
        idx /= self.pri.len();
        let ic = self.incl[idx % self.incl.len()];
        idx /= self.incl.len();
        let mut anchors = Vec::new();
        for (target, i, vals) in self.anchor_dims.iter().rev() {
            anchors.push((target, *i, vals[idx % vals.len()]));
            idx /= vals.len();
        }
        anchors.reverse();
        for (target, i, v) in anchors {
            if let Some(r) = s.calibrations.iter_mut().find(|r| &r.target == target) {
                let mut a = r.spec.anchors().to_vec();
                a[i] = v;
                r.spec = r.spec.with_anchors(&a);
            }
        }
        for r in &s.calibrations {
            if self.anchor_dims.iter().any(|d| d.0 == r.target) {
                label.push(format!("{}:{}", r.target, r.spec.thresholds));
            }
        }
        s.truth_table.incl_cut1 = ic;
        if let Some(c0) = s.truth_table.incl_cut0 {
            s.truth_table.incl_cut0 = Some(c0.min(ic));
        }
        s.truth_table.pri_cut = pc;
        s.truth_table.n_cut = nc;
        s.cases = rows.clone();
        label.push(format!("incl-cut={ic}"));
        if self.vary_pri {
            label.push(format!("pri-cut={pc}"));
        }
        label.push(format!("n-cut={nc}"));
        if !sl.is_empty() {
            label.push(sl.clone());
        }
        (label.join("; "), s)
    }
}

/// The number of specifications in a grid.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_robustness::Grid = "n-cut=1,2;cases=loo".parse().unwrap();
/// assert_eq!(fiscus_robustness::grid_size(&ds, &Default::default(), &g).unwrap(), 8);
/// ```
pub fn grid_size(ds: &Dataset, initial: &Specification, grid: &Grid) -> Result<usize> {
    Ok(Plan::new(ds, initial, grid)?.len())
}

/// The cases each case subset of a grid minimises (0-based dataset rows; `None`: all), in
/// grid order.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_robustness::Grid = "cases=loo".parse().unwrap();
/// let s = fiscus_robustness::case_subsets(&ds, &Default::default(), &g).unwrap();
/// assert_eq!(s[0], Some(vec![1, 2, 3]));
/// ```
pub fn case_subsets(
    ds: &Dataset,
    initial: &Specification,
    grid: &Grid,
) -> Result<Vec<Option<Vec<usize>>>> {
    Ok(Plan::new(ds, initial, grid)?
        .subsets
        .into_iter()
        .map(|(_, rows)| rows)
        .collect())
}

/// The positions `[start, end)` of shard `i` (1-based) of `n` in a grid of `total`
/// specifications: contiguous, in grid order, sizes differing by at most one.
///
/// ```
/// assert_eq!(fiscus_robustness::shard_range(10, 1, 3).unwrap(), (0, 3));
/// assert_eq!(fiscus_robustness::shard_range(10, 3, 3).unwrap(), (6, 10));
/// assert!(fiscus_robustness::shard_range(10, 4, 3).is_err());
/// ```
pub fn shard_range(total: usize, i: usize, n: usize) -> Result<(usize, usize)> {
    if n == 0 || i == 0 || i > n {
        return Err(QcaError::Option(format!("shard {i}/{n}: need 1 <= i <= N")));
    }
    Ok(((i - 1) * total / n, i * total / n))
}

/// The evaluated specifications `[start, end)` of a grid: a shard, or the whole grid.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_robustness::Grid = "n-cut=1,2,3".parse().unwrap();
/// let s = fiscus_robustness::run_grid(&ds, "Y", None, &Default::default(), &g, Some((1, 3)), &|| {}).unwrap();
/// assert_eq!((s.total, s.start, s.items.len()), (3, 1, 2));
/// assert_eq!(s.provenance.conditions, vec!["A"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridShard {
    /// What the shard was computed from (data, options, condition order).
    pub provenance: Provenance,
    /// The initial solution (identical in every shard).
    pub initial: InitialSolution,
    /// Specifications in the whole grid.
    pub total: usize,
    /// Grid position of the first item.
    pub start: usize,
    /// The test solutions, in grid order.
    pub items: Vec<TestSolution>,
}

/// Evaluates grid positions `[start, end)` in parallel on the current rayon pool, calling
/// `tick` after each specification; results come back in grid order, so the outcome does not
/// depend on the number of threads.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// let g: fiscus_robustness::Grid = "n-cut=1,2".parse().unwrap();
/// let s = fiscus_robustness::run_grid(&ds, "Y", None, &Default::default(), &g, None, &|| {}).unwrap();
/// assert_eq!(s.items.len(), 2);
/// assert_eq!(s.items[1].label, "incl-cut=1; n-cut=2");
/// ```
pub fn run_grid(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    grid: &Grid,
    range: Option<(usize, usize)>,
    tick: &(dyn Fn() + Sync),
) -> Result<GridShard> {
    let is = initial_solution(ds, outcome, conditions, initial)?;
    let plan = Plan::new(ds, initial, grid)?;
    let analysed: Vec<String> = prepare_data(ds, outcome, conditions, initial)?
        .conditions
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let provenance = Provenance::new(ds, outcome, conditions, &analysed, initial, grid);
    let total = plan.len();
    let (start, end) = range.unwrap_or((0, total));
    if start > end || end > total {
        return Err(QcaError::Option(format!(
            "grid positions {start}..{end} outside 0..{total}"
        )));
    }
    let items: Vec<TestSolution> = (start..end)
        .into_par_iter()
        .map(|i| {
            let (label, spec) = plan.spec(initial, i);
            let r = run_test(ds, outcome, conditions, &spec, label, &is.cases);
            tick();
            r
        })
        .collect::<Result<_>>()?;
    Ok(GridShard {
        provenance,
        initial: is,
        total,
        start,
        items,
    })
}

/// Combines shards (in any order) into the whole grid. They must come from the same data,
/// condition order, options and grid (their [`Provenance`]), share the initial solution, and
/// cover every position exactly once.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// use fiscus_robustness::{merge_shards, run_grid, shard_range, Grid};
/// let g: Grid = "n-cut=1,2,3".parse().unwrap();
/// let part = |i| run_grid(&ds, "Y", None, &Default::default(), &g, Some(shard_range(3, i, 2).unwrap()), &|| {}).unwrap();
/// let whole = run_grid(&ds, "Y", None, &Default::default(), &g, None, &|| {}).unwrap();
/// assert_eq!(merge_shards(vec![part(2), part(1)]).unwrap(), whole);
/// assert!(merge_shards(vec![part(1)]).is_err());
/// assert!(merge_shards(vec![]).is_err());
/// ```
pub fn merge_shards(mut shards: Vec<GridShard>) -> Result<GridShard> {
    shards.sort_by_key(|s| s.start);
    let first = shards
        .first()
        .cloned()
        .ok_or_else(|| QcaError::Option("no shards to merge".into()))?;
    let mut items = Vec::with_capacity(first.total);
    for (j, s) in shards.into_iter().enumerate() {
        let which = format!("shard {} (from position {})", j + 1, s.start);
        let (p, q) = (&s.provenance, &first.provenance);
        if p.data != q.data {
            return Err(QcaError::Option(format!(
                "{which} was computed on other data (data hash {} differs from {})",
                short(&p.data),
                short(&q.data)
            )));
        }
        if p.conditions != q.conditions {
            return Err(QcaError::Option(format!(
                "{which} has another condition order ({} instead of {})",
                p.conditions.join(","),
                q.conditions.join(",")
            )));
        }
        if p.options != q.options {
            return Err(QcaError::Option(format!(
                "{which} was computed with other options or another grid (options hash {} differs from {})",
                short(&p.options),
                short(&q.options)
            )));
        }
        if s.initial != first.initial || s.total != first.total {
            return Err(QcaError::Option(format!(
                "{which} belongs to another analysis or grid"
            )));
        }
        if s.start != items.len() {
            return Err(QcaError::Option(format!(
                "shards do not fit together: expected one starting at position {}, found {}",
                items.len(),
                s.start
            )));
        }
        items.extend(s.items);
    }
    if items.len() != first.total {
        return Err(QcaError::Option(format!(
            "the shards hold {} of the grid's {} specifications",
            items.len(),
            first.total
        )));
    }
    Ok(GridShard {
        provenance: first.provenance,
        initial: first.initial,
        total: first.total,
        start: 0,
        items,
    })
}

/// The first 12 hex digits of a hash, for messages.
fn short(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}

/// Shard `I/N` of a grid as written on the command line (1-based `I`).
///
/// ```
/// assert_eq!(fiscus_robustness::parse_shard("2/3").unwrap(), (2, 3));
/// assert!(fiscus_robustness::parse_shard("2").is_err());
/// ```
pub fn parse_shard(text: &str) -> crate::Result<(usize, usize)> {
    text.split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)))
        .ok_or_else(|| {
            fiscus_qca::QcaError::Option(format!("--shard: expected I/N, e.g. 2/3, not `{text}`"))
        })
}

/// Which part of a grid of `total` specifications to run: the whole grid, or the shard `I/N`
/// (`--shard`); a grid larger than `max` (`--max-grid`) is refused.
///
/// ```
/// use fiscus_robustness::GridSlice;
/// let s = GridSlice::new(10, 100, Some("3/3")).unwrap();
/// assert_eq!((s.range, s.shard, s.len()), (Some((6, 10)), Some((3, 3)), 4));
/// assert_eq!(GridSlice::new(10, 100, None).unwrap().len(), 10);
/// assert!(GridSlice::new(0, 100, None).unwrap().is_empty());
/// assert!(GridSlice::new(10, 5, None).unwrap_err().to_string().starts_with("--grid: 10 specifications"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridSlice {
    /// Specifications in the whole grid.
    pub total: usize,
    /// The positions `[start, end)` of the shard (`None`: the whole grid).
    pub range: Option<(usize, usize)>,
    /// The shard `(i, n)`, when one was asked for.
    pub shard: Option<(usize, usize)>,
}

impl GridSlice {
    /// The slice of a grid of `total` specifications that `shard` (`I/N`) names.
    pub fn new(total: usize, max: usize, shard: Option<&str>) -> Result<Self> {
        if total > max {
            return Err(QcaError::Option(format!(
                "--grid: {total} specifications exceed --max-grid {max} (raise it, e.g. --max-grid {total}, or use a coarser grid)"
            )));
        }
        let shard = shard.map(parse_shard).transpose()?;
        let range = shard.map(|(i, n)| shard_range(total, i, n)).transpose()?;
        Ok(GridSlice {
            total,
            range,
            shard,
        })
    }

    /// The number of specifications to run.
    pub fn len(&self) -> usize {
        self.range.map_or(self.total, |(b, e)| e - b)
    }

    /// True when there is nothing to run.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
