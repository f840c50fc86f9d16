//! Necessity tables and the superset/subset search (R QCA's `superSubset()`).

use std::collections::HashSet;

use serde::Serialize;

use crate::budget::Budget;
use crate::error::{QcaError, Result};
use crate::expr::Universe;
use crate::fit::{FitRow, FitSums, Relation};
use crate::sets::{QcaData, SetKind};

/// Options of [`super_subset`]; defaults as in R QCA.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuperSubsetConfig {
    /// Necessity (supersets of the outcome) or sufficiency (subsets).
    pub relation: Relation,
    /// Inclusion cut-off (default 1).
    pub incl_cut: f64,
    /// Coverage cut-off (default 0).
    pub cov_cut: f64,
    /// RoN cut-off for necessity (default 0).
    pub ron_cut: f64,
    /// PRI cut-off for sufficiency (default 0).
    pub pri_cut: f64,
    /// Maximum number of literals (default, and `Some(0)`: the number of conditions).
    pub depth: Option<usize>,
    /// Work and memory limits: a complexity level may examine at most `work / 75` expressions
    /// (2·10⁷ by default) and the search may keep `memory / 4,295` bytes' worth (10⁶ by
    /// default) of expressions.
    pub budget: Budget,
}

impl Default for SuperSubsetConfig {
    fn default() -> Self {
        SuperSubsetConfig {
            relation: Relation::Necessity,
            incl_cut: 1.0,
            cov_cut: 0.0,
            ron_cut: 0.0,
            pri_cut: 0.0,
            depth: None,
            budget: Budget::default(),
        }
    }
}

/// Necessity of every condition and of its negation (every category of a multi-value
/// condition), like `pof()` on the conditions and their negations.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{necessity_table, QcaData};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("A", &[0.2, 0.9]), Column::numbers("Y", &[0.1, 0.8])]).unwrap();
/// let rows = necessity_table(&QcaData::new(&ds, "Y", None).unwrap());
/// assert_eq!(rows[0].term, "A");
/// assert_eq!(rows[1].term, "~A");
/// assert_eq!(rows[0].incl_n, Some(1.0));
/// ```
pub fn necessity_table(d: &QcaData) -> Vec<FitRow> {
    let y = &d.outcome.values;
    let u = d.universe();
    let mut rows = Vec::new();
    for (j, c) in d.conditions.iter().enumerate() {
        let mut push = |name: String, x: Vec<f64>| {
            rows.push(FitRow::nec(name, FitSums::new(&x, y).necessity(), 1e-5));
        };
        match c.kind {
            SetKind::Crisp { levels } if levels > 2 || u.multivalue => {
                for v in 0..c.kind.levels() {
                    let x = c
                        .values
                        .iter()
                        .map(|&a| f64::from(u8::from(a as u32 == v)))
                        .collect();
                    push(format!("{}[{}]", c.name, v), x);
                }
            }
            _ => {
                push(c.name.clone(), c.values.clone());
                push(
                    format!("~{}", c.name),
                    c.values.iter().map(|a| 1.0 - a).collect(),
                );
            }
        }
        let _ = j;
    }
    rows
}

/// Limits that turn a search which would run for hours, or fill the memory, into an error.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Work units the whole search may take: an expression of a level costs two passes over
    /// the cases (conjunction and disjunction) and a constant (checked before each level).
    work: f64,
    /// Most expressions retained.
    kept: usize,
}

impl Limits {
    /// With the default budget: 1.5·10⁹ work units (20 binary conditions over 20 cases reach
    /// them at 8 literals, over 2,000 cases at 6), 10⁶ expressions kept.
    fn of(b: &Budget) -> Limits {
        Limits {
            work: b.work as f64,
            kept: (b.memory / 4_295).clamp(1, usize::MAX as u64) as usize,
        }
    }

    /// Work units of one expression over `m` cases.
    fn per_expression(m: usize) -> f64 {
        2.0 * m as f64 + 16.0
    }
}

/// R QCA's `superSubset()`: the search for necessary (supersets of the outcome) or
/// sufficient (subsets) expressions.
///
/// By increasing complexity `k = 1..=depth`, every conjunction of `k` literals (every value of
/// every chosen condition: `A`/`~A`, or `X[0]`, `X[1]`, ... in multi-value notation) is
/// examined, conditions in lexicographic order and the last condition's value changing
/// fastest, as R does:
///
/// * a conjunction is kept when its inclusion is at least `incl_cut − √ε` and its coverage at
///   least `cov_cut` (`cov_cut − √ε` when `cov_cut > 0`); for sufficiency it is dropped when
///   it contains an already kept simpler conjunction;
/// * for necessity, when the conjunction fails, the disjunction of the same literals
///   (`A + ~B`) is examined with the same cut-offs and kept unless it contains the literals of
///   a kept simpler conjunction or disjunction;
/// * from `k = 4` on, once anything has been found, the search stops after the first level
///   that adds nothing.
///
/// The rows are the conjunctions, then the disjunctions, in the order found; `ron_cut`
/// (necessity) or `pri_cut` (sufficiency) filters them afterwards with a plain `>=`. A ratio
/// 0/0 counts as 0. An empty result is not an error. Sufficiency rows carry no covU.
/// Outcomes written with a value (`Y[1]`) print every condition in multi-value notation, as
/// R does.
///
/// # Errors
///
/// A cut-off that is not a finite number; a level that would examine more than 2·10⁷
/// expressions (the message names the largest workable depth); more than 10⁶ retained
/// expressions.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{super_subset, QcaData, SuperSubsetConfig};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.9, 0.8, 0.7, 0.1]), Column::numbers("B", &[0.2, 0.9, 0.4, 0.6]),
///     Column::numbers("Y", &[0.8, 0.7, 0.6, 0.1])]).unwrap();
/// let d = QcaData::new(&ds, "Y", None).unwrap();
/// let rows = super_subset(&d, &SuperSubsetConfig::default()).unwrap();
/// assert_eq!(rows[0].term, "A");
/// assert_eq!(rows[0].incl_n, Some(1.0));
/// assert!(rows.iter().all(|r| r.incl_n.unwrap() >= 1.0 - 1e-8));
/// ```
pub fn super_subset(d: &QcaData, cfg: &SuperSubsetConfig) -> Result<Vec<FitRow>> {
    super_subset_with_progress(d, cfg, &|_| {})
}

/// [`super_subset`], telling `progress` how many expressions of the levels up to the depth
/// have been examined (stage `"expressions"`; the search may end before the last level).
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{super_subset_with_progress, QcaData, SuperSubsetConfig};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.9, 0.8, 0.7, 0.1]), Column::numbers("B", &[0.2, 0.9, 0.4, 0.6]),
///     Column::numbers("Y", &[0.8, 0.7, 0.6, 0.1])]).unwrap();
/// let d = QcaData::new(&ds, "Y", None).unwrap();
/// let last = std::sync::Mutex::new((0, 0));
/// super_subset_with_progress(&d, &SuperSubsetConfig::default(), &|p| {
///     *last.lock().unwrap() = (p.done, p.total);
/// })
/// .unwrap();
/// // A and B (two values each): 4 one-literal and 4 two-literal expressions.
/// assert_eq!(*last.lock().unwrap(), (8, 8));
/// ```
pub fn super_subset_with_progress(
    d: &QcaData,
    cfg: &SuperSubsetConfig,
    progress: &(dyn Fn(crate::Progress) + Sync),
) -> Result<Vec<FitRow>> {
    for (name, v) in [
        ("incl_cut", cfg.incl_cut),
        ("cov_cut", cfg.cov_cut),
        ("ron_cut", cfg.ron_cut),
        ("pri_cut", cfg.pri_cut),
    ] {
        if !v.is_finite() {
            return Err(QcaError::Option(format!(
                "{name} must be a number, not {v}"
            )));
        }
    }
    let nec = cfg.relation == Relation::Necessity;
    let search = Search::new(d, cfg);
    let (conj, disj) = search.run(Limits::of(&cfg.budget), progress)?;
    let rows = conj
        .into_iter()
        .chain(disj)
        .filter(|f| f.ron_pri >= if nec { cfg.ron_cut } else { cfg.pri_cut })
        .map(|f| {
            if nec {
                FitRow {
                    term: f.term,
                    incl_s: None,
                    pri: None,
                    cov_s: None,
                    cov_u: None,
                    incl_n: Some(f.incl),
                    ron: Some(f.ron_pri),
                    cov_n: Some(f.cov),
                    pval1: None,
                    pval0: None,
                    cases: None,
                    deviant_cases: None,
                }
            } else {
                FitRow {
                    term: f.term,
                    incl_s: Some(f.incl),
                    pri: Some(f.ron_pri),
                    cov_s: Some(f.cov),
                    cov_u: None,
                    incl_n: None,
                    ron: None,
                    cov_n: None,
                    pval1: None,
                    pval0: None,
                    cases: None,
                    deviant_cases: None,
                }
            }
        })
        .collect();
    Ok(rows)
}

/// One retained expression: its text and inclusion, RoN (necessity) or PRI (sufficiency),
/// coverage.
struct Found {
    term: String,
    incl: f64,
    ron_pri: f64,
    cov: f64,
}

/// `a / b`, with 0/0 counted as 0 (as `C_superSubset` does).
fn ratio(a: f64, b: f64) -> f64 {
    if a == 0.0 && b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// Kept literal sets (one code per condition: 0 absent, `v + 1` value `v`), for the test
/// "does a kept simpler expression use only literals of this one?".
struct KeptSets {
    /// Literals (condition, code) of each kept expression.
    list: Vec<Vec<(usize, u8)>>,
    /// The same sets as full code vectors, for look-up by subset enumeration.
    set: HashSet<Vec<u8>>,
}

impl KeptSets {
    fn new() -> KeptSets {
        KeptSets {
            list: Vec::new(),
            set: HashSet::new(),
        }
    }

    fn insert(&mut self, codes: &[u8]) {
        self.list.push(
            codes
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c > 0)
                .map(|(j, &c)| (j, c))
                .collect(),
        );
        self.set.insert(codes.to_vec());
    }

    /// Whether the literals of some kept expression with fewer literals are all literals of
    /// the expression `codes` whose conditions are `conds`. Either scans the kept list or
    /// looks up every proper subset of `conds`, whichever is cheaper; both give the same
    /// answer.
    fn contains_subset_of(&self, codes: &[u8], conds: &[usize]) -> bool {
        if self.list.is_empty() {
            return false;
        }
        let k = conds.len();
        let subsets = if k >= 63 { u64::MAX } else { (1u64 << k) - 2 };
        if (self.list.len() as u64) <= subsets {
            self.list
                .iter()
                .any(|lits| lits.len() < k && lits.iter().all(|&(j, c)| codes[j] == c))
        } else {
            let mut key = vec![0u8; codes.len()];
            (1..(1u64 << k) - 1).any(|mask| {
                key.iter_mut().for_each(|c| *c = 0);
                for (b, &j) in conds.iter().enumerate() {
                    if mask >> b & 1 == 1 {
                        key[j] = codes[j];
                    }
                }
                self.set.contains(&key)
            })
        }
    }
}

/// Everything the search needs, prepared once.
struct Search<'a> {
    nec: bool,
    /// Membership of every case in every literal: `lits[condition][value]`.
    lits: Vec<Vec<Vec<f64>>>,
    /// Printed literal: `names[condition][value]`.
    names: Vec<Vec<String>>,
    universe: Universe,
    y: &'a [f64],
    sum_y: f64,
    incl_cut: f64,
    cov_cut: f64,
    /// The cut-offs as given, for messages.
    cfg_incl: f64,
    cfg_cov: f64,
    depth: usize,
}

/// Running sums of one expression (conjunction: minimum; disjunction: maximum).
#[derive(Default)]
struct Sums {
    x: f64,
    xy: f64,
    nx: f64,
    nxy: f64,
    pri: f64,
}

impl<'a> Search<'a> {
    fn new(d: &'a QcaData, cfg: &'a SuperSubsetConfig) -> Search<'a> {
        let mut universe = d.universe();
        // R prints every condition in multi-value notation when any condition or the
        // outcome is multi-value (`Y[1]`).
        if d.outcome.label.contains(['[', '{']) {
            universe.multivalue = true;
        }
        let n = d.conditions.len();
        let mut lits = Vec::with_capacity(n);
        let mut names = Vec::with_capacity(n);
        for (j, c) in d.conditions.iter().enumerate() {
            let levels = c.kind.levels();
            let mut cl = Vec::with_capacity(levels as usize);
            let mut cn = Vec::with_capacity(levels as usize);
            for v in 0..levels {
                let m: Vec<f64> = match c.kind {
                    SetKind::Fuzzy if v == 0 => c.values.iter().map(|x| 1.0 - x).collect(),
                    SetKind::Fuzzy => c.values.clone(),
                    SetKind::Crisp { .. } => c
                        .values
                        .iter()
                        .map(|&x| if x == f64::from(v) { 1.0 } else { 0.0 })
                        .collect(),
                };
                cl.push(m);
                let mut codes = vec![0u8; n];
                codes[j] = (v + 1) as u8;
                cn.push(universe.term_string(&codes));
            }
            lits.push(cl);
            names.push(cn);
        }
        let y = &d.outcome.values;
        let depth = match cfg.depth {
            Some(k) if k > 0 => k.min(n),
            _ => n,
        };
        Search {
            nec: cfg.relation == Relation::Necessity,
            lits,
            names,
            universe,
            y,
            sum_y: y.iter().sum(),
            incl_cut: cfg.incl_cut - fiscus_data::TOL,
            cov_cut: if cfg.cov_cut > 0.0 {
                cfg.cov_cut - fiscus_data::TOL
            } else {
                cfg.cov_cut
            },
            cfg_incl: cfg.incl_cut,
            cfg_cov: cfg.cov_cut,
            depth,
        }
    }

    /// Number of expressions with `k` literals: Σ over k-subsets of conditions of the product
    /// of their numbers of values.
    fn level_size(&self, k: usize) -> f64 {
        let mut e = vec![0.0f64; k + 1];
        e[0] = 1.0;
        for l in &self.lits {
            let lv = l.len() as f64;
            for i in (1..=k).rev() {
                e[i] += e[i - 1] * lv;
            }
        }
        e[k]
    }

    fn run(
        &self,
        limits: Limits,
        progress: &(dyn Fn(crate::Progress) + Sync),
    ) -> Result<(Vec<Found>, Vec<Found>)> {
        let n = self.lits.len();
        let total = (1..=self.depth)
            .map(|k| self.level_size(k))
            .sum::<f64>()
            .min(u64::MAX as f64) as u64;
        let mut done = 0u64;
        let m = self.y.len();
        let mut conj = Vec::new();
        let mut disj = Vec::new();
        let mut kept_conj = KeptSets::new();
        let mut kept_disj = KeptSets::new();
        let mut go = true;
        let mut k = 1;
        let mut spent = 0.0f64;
        while k <= self.depth && go {
            let before = conj.len() + disj.len();
            // Beyond three literals, continue only while a level adds something.
            let must_find = before > 0 && k > 3;
            let size = self.level_size(k);
            spent += size * Limits::per_expression(m);
            if spent > limits.work {
                let depth = if k > 1 {
                    format!("limit it with a smaller depth (at most {}) or ", k - 1)
                } else {
                    String::new()
                };
                return Err(QcaError::Budget(format!(
                    "the search would examine {size:.0} expressions of {k} literals over {m} cases, more than the work budget allows: {depth}raise the budget (--work-budget)"
                )));
            }
            let mut conds: Vec<usize> = (0..k).collect();
            let mut mins = vec![vec![0.0f64; m]; k + 1];
            let mut maxs = vec![vec![0.0f64; m]; k + 1];
            mins[0].iter_mut().for_each(|v| *v = f64::INFINITY);
            let mut codes = vec![0u8; n];
            loop {
                self.values(
                    &conds,
                    0,
                    &mut codes,
                    &mut mins,
                    &mut maxs,
                    &mut conj,
                    &mut disj,
                    &mut kept_conj,
                    &mut kept_disj,
                );
                done = done.saturating_add(
                    conds
                        .iter()
                        .map(|&j| self.lits[j].len() as u64)
                        .product::<u64>(),
                );
                progress(crate::Progress {
                    stage: "expressions",
                    done,
                    total,
                });
                if conj.len() + disj.len() > limits.kept {
                    return Err(QcaError::Budget(format!(
                        "more than {} expressions pass the cut-offs (incl_cut {}, cov_cut {}); raise them, limit the depth or raise the memory budget (--memory-budget)",
                        limits.kept, self.cfg_incl, self.cfg_cov
                    )));
                }
                if !next_combination(&mut conds, n) {
                    break;
                }
            }
            if must_find {
                go = conj.len() + disj.len() > before;
            }
            k += 1;
        }
        Ok((conj, disj))
    }

    /// Enumerates the values of `conds[pos..]` (last condition fastest), keeping the running
    /// minimum and maximum over the literals chosen so far.
    #[allow(clippy::too_many_arguments)]
    fn values(
        &self,
        conds: &[usize],
        pos: usize,
        codes: &mut [u8],
        mins: &mut [Vec<f64>],
        maxs: &mut [Vec<f64>],
        conj: &mut Vec<Found>,
        disj: &mut Vec<Found>,
        kept_conj: &mut KeptSets,
        kept_disj: &mut KeptSets,
    ) {
        if pos == conds.len() {
            self.examine(
                conds, codes, &mins[pos], &maxs[pos], conj, disj, kept_conj, kept_disj,
            );
            return;
        }
        let j = conds[pos];
        for (v, lit) in self.lits[j].iter().enumerate() {
            codes[j] = (v + 1) as u8;
            let (lo, hi) = mins.split_at_mut(pos + 1);
            for ((o, &p), &x) in hi[0].iter_mut().zip(&lo[pos]).zip(lit) {
                *o = if x < p { x } else { p };
            }
            let (lo, hi) = maxs.split_at_mut(pos + 1);
            for ((o, &p), &x) in hi[0].iter_mut().zip(&lo[pos]).zip(lit) {
                *o = if x > p { x } else { p };
            }
            self.values(
                conds,
                pos + 1,
                codes,
                mins,
                maxs,
                conj,
                disj,
                kept_conj,
                kept_disj,
            );
        }
        codes[j] = 0;
    }

    fn sums(&self, x: &[f64]) -> Sums {
        let mut s = Sums::default();
        for (&a, &y) in x.iter().zip(self.y) {
            let m = if a < y { a } else { y };
            s.x += a;
            s.xy += m;
            if self.nec {
                s.nx += 1.0 - a;
                s.nxy += 1.0 - m;
            } else {
                let ny = 1.0 - y;
                s.pri += if m < ny { m } else { ny };
            }
        }
        s
    }

    /// Tests one expression (the conjunction, then for necessity the disjunction).
    #[allow(clippy::too_many_arguments)]
    fn examine(
        &self,
        conds: &[usize],
        codes: &[u8],
        minx: &[f64],
        maxx: &[f64],
        conj: &mut Vec<Found>,
        disj: &mut Vec<Found>,
        kept_conj: &mut KeptSets,
        kept_disj: &mut KeptSets,
    ) {
        let s = self.sums(minx);
        let suf_incl = ratio(s.xy, s.x);
        let nec_incl = ratio(s.xy, self.sum_y);
        let (incl, cov) = if self.nec {
            (nec_incl, suf_incl)
        } else {
            (suf_incl, nec_incl)
        };
        if incl >= self.incl_cut && cov >= self.cov_cut {
            if !self.nec && kept_conj.contains_subset_of(codes, conds) {
                return;
            }
            let ron_pri = if self.nec {
                ratio(s.nx, s.nxy)
            } else {
                ratio(s.xy - s.pri, s.x - s.pri)
            };
            conj.push(Found {
                term: self.universe.term_string(codes),
                incl,
                ron_pri,
                cov,
            });
            kept_conj.insert(codes);
            return;
        }
        if !self.nec {
            return;
        }
        let s = self.sums(maxx);
        let incl = ratio(s.xy, self.sum_y);
        let cov = ratio(s.xy, s.x);
        if incl >= self.incl_cut
            && cov >= self.cov_cut
            && !kept_conj.contains_subset_of(codes, conds)
            && !kept_disj.contains_subset_of(codes, conds)
        {
            let term = conds
                .iter()
                .map(|&j| self.names[j][usize::from(codes[j]) - 1].as_str())
                .collect::<Vec<_>>()
                .join(" + ");
            disj.push(Found {
                term,
                incl,
                ron_pri: ratio(s.nx, s.nxy),
                cov,
            });
            kept_disj.insert(codes);
        }
    }
}

/// Advances `c` (sorted indices out of `0..n`) to the next combination in lexicographic
/// order; false after the last one.
pub(crate) fn next_combination(c: &mut [usize], n: usize) -> bool {
    let k = c.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if c[i] < n - k + i {
            c[i] += 1;
            for j in i + 1..k {
                c[j] = c[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use fiscus_data::{Column, Dataset};

    fn data(n: usize) -> QcaData {
        let m = 6;
        let mut cols: Vec<Column> = (0..n)
            .map(|j| {
                let v: Vec<f64> = (0..m)
                    .map(|i| (((i + 1) * (j + 3)) % 11) as f64 / 11.0 + 0.02)
                    .collect();
                Column::numbers(format!("C{j}"), &v)
            })
            .collect();
        cols.push(Column::numbers("Y", &[0.1, 0.4, 0.6, 0.8, 0.3, 0.9]));
        let cases = (1..=m).map(|i| i.to_string()).collect();
        QcaData::new(&Dataset::new("t.csv", cases, cols).unwrap(), "Y", None).unwrap()
    }

    fn cfg(incl_cut: f64) -> SuperSubsetConfig {
        SuperSubsetConfig {
            incl_cut,
            ..SuperSubsetConfig::default()
        }
    }

    #[test]
    fn oversized_level_asks_for_a_smaller_depth() {
        let d = data(6);
        let c = cfg(1.5);
        // Level 1 has 12 expressions, level 2 has 15 · 4 = 60, level 3 has 20 · 8 = 160:
        // room for the first two levels and 100 expressions more.
        let limits = Limits {
            work: (12.0 + 60.0 + 100.0) * Limits::per_expression(d.outcome.values.len()),
            kept: 10,
        };
        let err = Search::new(&d, &c)
            .run(limits, &|_| {})
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("160 expressions of 3 literals"), "{err}");
        assert!(err.contains("at most 2"), "{err}");
    }

    #[test]
    fn too_many_kept_expressions_are_refused() {
        let d = data(6);
        let c = cfg(0.0);
        let limits = Limits {
            work: 1e12,
            kept: 20,
        };
        let err = Search::new(&d, &c)
            .run(limits, &|_| {})
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("more than 20 expressions pass"), "{err}");
        // With the normal limits the same search keeps every conjunction: 3^6 − 1.
        assert_eq!(super_subset(&d, &c).unwrap().len(), 728);
    }

    #[test]
    fn level_sizes_count_every_value_combination() {
        let d = data(4);
        let c = cfg(1.0);
        let s = Search::new(&d, &c);
        assert_eq!(s.level_size(1), 8.0);
        assert_eq!(s.level_size(2), 24.0);
        assert_eq!(s.level_size(4), 16.0);
    }

    #[test]
    fn combinations_run_in_lexicographic_order() {
        let mut c = vec![0, 1];
        let mut all = vec![c.clone()];
        while next_combination(&mut c, 4) {
            all.push(c.clone());
        }
        assert_eq!(
            all,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
    }

    #[test]
    fn zero_over_zero_is_zero() {
        assert_eq!(ratio(0.0, 0.0), 0.0);
        assert_eq!(ratio(1.0, 2.0), 0.5);
        assert!(ratio(1.0, 0.0).is_infinite());
    }

    #[test]
    fn kept_subsets_are_found_by_both_strategies() {
        let mut k = KeptSets::new();
        k.insert(&[2, 0, 0, 0]);
        // Few kept sets: linear scan.
        assert!(k.contains_subset_of(&[2, 1, 0, 0], &[0, 1]));
        assert!(!k.contains_subset_of(&[1, 1, 0, 0], &[0, 1]));
        for codes in [[0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1], [0, 1, 1, 0]] {
            k.insert(&codes);
        }
        // More kept sets than proper subsets of a 2-literal term: hash look-up.
        assert!(k.contains_subset_of(&[2, 0, 0, 2], &[0, 3]));
        assert!(k.contains_subset_of(&[0, 1, 1, 2], &[1, 2, 3]));
        assert!(!k.contains_subset_of(&[0, 1, 0, 2], &[1, 3]));
        assert!(!k.contains_subset_of(&[0, 1, 1, 0], &[1, 2]));
    }
}
