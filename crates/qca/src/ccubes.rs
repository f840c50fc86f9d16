//! Exact prime-implicant search (Consistency Cubes, Dusa 2018) and PI-chart solving.
//!
//! R QCA's CCubes grows implicants by complexity level: at level `c`, every combination `S` of
//! `c` conditions projects the positive rows onto `S`; a projection is an implicant when
//! (parsimonious search) no negative row has the same projection, or (complete search) every
//! configuration it spans is allowed. It is prime when no implicant of lower complexity
//! subsumes it, and the search stops once the chart is solvable and two more levels add no PI.
//!
//! The parsimonious search here finds exactly the same PIs without visiting every combination:
//! the term `(S, p|S)` taken from a positive row `p` excludes a negative row `n` iff `S` meets
//! the set `D(p, n)` of conditions on which `p` and `n` differ, and it is prime iff `S` is a
//! *minimal* such hitting set. So the PIs covering `p` are the minimal transversals of the
//! hypergraph `{D(p, n)}`, enumerated by the MMCS algorithm (Murakami & Uno 2014) in time
//! proportional to their number. Each PI is reported by the first positive row it covers; the
//! size histogram then gives R's stopping level, and only PIs up to that level are kept.
//! A work budget bounds the search on pathological (noisy, high-dimensional) data: the result
//! is then flagged as truncated, never a hang. Positive rows run in parallel (rayon) in fixed
//! chunks merged in order, so the result never depends on the number of threads.

use rayon::prelude::*;

use crate::bits::{IntHasher, IntMap, IntSet};
use crate::budget::Budget;

type BuildIntHasher = std::hash::BuildHasherDefault<IntHasher>;

/// How candidate implicants are tested.
pub(crate) enum Test<'a> {
    /// Parsimonious: no negative row may share the projection (remainders are don't cares).
    /// Stops after the chart is solvable and two more levels add no PI, as R QCA does.
    NoNegative(&'a [Vec<u32>]),
    /// Complete: every configuration the implicant spans must be in `ok` (positive rows and
    /// don't cares); all PIs are found.
    AllAllowed(&'a [Vec<u32>]),
    /// CNA-style (`pi.cons`): a projection of the positive rows is kept when the predicate
    /// accepts its codes (its sufficiency inclusion on the raw data reaches the threshold);
    /// R's stopping rule as for `NoNegative`. `cost` is the work of one predicate call (the
    /// number of cases), for the search budget.
    Consistent {
        keep: &'a (dyn Fn(&[u8]) -> bool + Sync),
        cost: u64,
    },
}

/// A prime implicant: codes (0 absent, v+1 value v), the conditions it fixes, the positive
/// rows it covers (ascending) and its number of literals.
#[derive(Debug, Clone)]
pub(crate) struct Pi {
    pub codes: Vec<u8>,
    pub mask: u64,
    pub cover: Vec<u32>,
    pub nlit: usize,
}

/// Positive rows searched together; the budget is checked between chunks (deterministic).
const CHUNK: usize = 32;

fn combinations(k: usize, c: usize) -> Vec<Vec<usize>> {
    if c > k {
        return Vec::new();
    }
    let mut idx: Vec<usize> = (0..c).collect();
    let mut out = vec![idx.clone()];
    while crate::supersubset::next_combination(&mut idx, k) {
        out.push(idx.clone());
    }
    out
}

fn key(row: &[u32], s: &[usize], levels: &[u32]) -> u64 {
    let mut k = 0u64;
    for &j in s {
        k = k
            .wrapping_mul(u64::from(levels[j]))
            .wrapping_add(u64::from(row[j]));
    }
    k
}

/// Finds the prime implicants covering at least one positive row. `max_depth` limits the
/// number of literals. The flag says whether a budget stopped the search early (the PIs then
/// still cover every positive row that can be covered, but may not be all of them).
/// `progress(done, total)` is told how many positive rows (parsimonious search) or levels
/// (level-by-level search) are done.
pub(crate) fn find_pis(
    levels: &[u32],
    pos: &[Vec<u32>],
    test: &Test<'_>,
    max_depth: usize,
    budget: &Budget,
    progress: &dyn Fn(usize, usize),
) -> (Vec<Pi>, bool) {
    match test {
        Test::NoNegative(neg) => transversal_pis(
            levels,
            pos,
            neg,
            max_depth,
            (budget.work, budget.max_pis()),
            progress,
        ),
        Test::AllAllowed(ok) => level_pis(
            levels,
            pos,
            &LevelTest::AllAllowed(ok),
            max_depth,
            budget,
            progress,
        ),
        Test::Consistent { keep, cost } => level_pis(
            levels,
            pos,
            &LevelTest::Consistent {
                keep: *keep,
                cost: *cost,
            },
            max_depth,
            budget,
            progress,
        ),
    }
}

/// Configurations as bit planes: plane `t` of a row has bit `j` set when bit `t` of the value
/// of condition `j` is set, so the conditions on which two rows differ are one OR of XORs.
struct Planes {
    nb: usize,
    data: Vec<u64>,
}

impl Planes {
    fn new(rows: &[Vec<u32>], levels: &[u32]) -> Planes {
        let maxl = levels.iter().copied().max().unwrap_or(2).max(2);
        let nb = (32 - (maxl - 1).leading_zeros()) as usize;
        let mut data = vec![0u64; rows.len() * nb];
        for (i, r) in rows.iter().enumerate() {
            for (j, &v) in r.iter().enumerate() {
                for t in 0..nb {
                    if v >> t & 1 == 1 {
                        data[i * nb + t] |= 1 << j;
                    }
                }
            }
        }
        Planes { nb, data }
    }

    /// Whether rows `a` and `b` have the same values on the conditions in `mask`.
    fn agree(&self, a: usize, b: usize, mask: u64) -> bool {
        let nb = self.nb;
        (0..nb).all(|t| (self.data[a * nb + t] ^ self.data[b * nb + t]) & mask == 0)
    }

    fn len(&self) -> usize {
        self.data.len() / self.nb
    }

    /// The conditions on which `a` (a row of `self`) and row `i` of `o` differ.
    fn diffs(&self, a: usize, o: &Planes) -> Vec<u64> {
        let nb = self.nb;
        let pa = &self.data[a * nb..(a + 1) * nb];
        if nb == 1 {
            let x = pa[0];
            return o.data.iter().map(|&y| x ^ y).collect();
        }
        o.data
            .chunks_exact(nb)
            .map(|b| pa.iter().zip(b).fold(0u64, |m, (x, y)| m | (x ^ y)))
            .collect()
    }
}

/// What the search found from one positive row.
struct RowPis {
    /// The conditions fixed by each PI covering this row (its minimal transversals).
    transversals: Vec<u64>,
    work: u64,
    /// False when the row's own budget ran out.
    complete: bool,
}

/// State of one minimal-transversal enumeration.
struct Mmcs<'a> {
    edges: &'a [u64],
    max: u32,
    work: u64,
    cap: u64,
    /// Most transversals to collect (the search stops, incomplete, when reached).
    max_out: usize,
    stopped: bool,
    out: Vec<u64>,
}

impl Mmcs<'_> {
    /// MMCS (Murakami & Uno 2014): extend `s` by the candidates of one uncovered edge (the one
    /// with the fewest candidates), keeping only extensions in which every chosen condition
    /// still has a critical edge (an edge it alone hits). Every minimal transversal of at most
    /// `max` conditions is output exactly once.
    fn rec(&mut self, s: u64, mut cand: u64) {
        if self.work > self.cap {
            self.stopped = true;
            return;
        }
        let edges = self.edges;
        self.work += edges.len() as u64;
        let mut best = 0u64;
        let mut bestc = u32::MAX;
        for &e in edges {
            if e & s == 0 {
                let c = (e & cand).count_ones();
                if c < bestc {
                    best = e;
                    bestc = c;
                    if c <= 1 {
                        break;
                    }
                }
            }
        }
        if bestc == u32::MAX {
            self.out.push(s);
            if self.out.len() >= self.max_out {
                self.stopped = true;
            }
            return;
        }
        if s.count_ones() >= self.max || bestc == 0 {
            return;
        }
        let c = best & cand;
        cand &= !c;
        let mut bits = c;
        while bits != 0 {
            let v = bits & bits.wrapping_neg();
            bits &= bits - 1;
            let s2 = s | v;
            self.work += edges.len() as u64;
            let mut crit = 0u64;
            for &e in edges {
                let x = e & s2;
                if x & x.wrapping_sub(1) == 0 {
                    crit |= x;
                    if crit == s2 {
                        break;
                    }
                }
            }
            if crit == s2 {
                self.rec(s2, cand);
                if self.stopped {
                    return;
                }
            }
            cand |= v;
        }
    }
}

/// The inclusion-minimal sets among `sets`, ascending by size (duplicates dropped); `None`
/// when one is empty (the row equals a negative one and cannot be covered).
fn minimal_sets(sets: Vec<u64>, work: &mut u64) -> Option<Vec<u64>> {
    // Counting sort by size: a set can only be a superset of smaller or equal-sized ones.
    let mut counts = [0usize; 66];
    for &e in &sets {
        counts[e.count_ones() as usize + 1] += 1;
    }
    if counts[1] > 0 {
        return None;
    }
    for i in 1..66 {
        counts[i] += counts[i - 1];
    }
    let mut sorted = vec![0u64; sets.len()];
    for &e in &sets {
        let c = &mut counts[e.count_ones() as usize];
        sorted[*c] = e;
        *c += 1;
    }
    let mut kept: Vec<u64> = Vec::new();
    for d in sorted {
        let mut checked = 0u64;
        // An equal set counts as a subset, so duplicates are dropped too.
        let dominated = kept.iter().any(|&e| {
            checked += 1;
            e & !d == 0
        });
        *work += checked + 1;
        if !dominated {
            kept.push(d);
        }
    }
    Some(kept)
}

/// The PIs covering positive row `p`: the minimal transversals of its difference sets.
fn row_pis(
    p: usize,
    pos: &Planes,
    neg: &Planes,
    k: usize,
    max_depth: usize,
    (cap, max_out): (u64, usize),
) -> RowPis {
    let mut work = neg.len() as u64;
    let all: u64 = if k == 64 { u64::MAX } else { (1u64 << k) - 1 };
    let Some(edges) = minimal_sets(pos.diffs(p, neg), &mut work) else {
        return RowPis {
            transversals: Vec::new(),
            work,
            complete: true,
        };
    };
    if edges.is_empty() {
        // No negative rows: every single literal of the row is a PI (level 1).
        let transversals = if max_depth >= 1 {
            (0..k).map(|j| 1u64 << j).collect()
        } else {
            Vec::new()
        };
        return RowPis {
            transversals,
            work,
            complete: true,
        };
    }
    let mut m = Mmcs {
        edges: &edges,
        max: max_depth.min(64) as u32,
        work: 0,
        cap: cap.saturating_sub(work),
        max_out,
        stopped: false,
        out: Vec::new(),
    };
    m.rec(0, all);
    RowPis {
        work: work + m.work + m.out.len() as u64,
        complete: !m.stopped,
        transversals: m.out,
    }
}

/// A minimal transversal for `p` found greedily (drop conditions while no negative row is
/// let in): a PI covering `p`, used when the exhaustive search stopped early.
fn greedy_pi(p: usize, pos: &Planes, neg: &Planes, k: usize) -> Option<u64> {
    let edges = pos.diffs(p, neg);
    if edges.contains(&0) {
        return None;
    }
    let mut s: u64 = if k == 64 { u64::MAX } else { (1u64 << k) - 1 };
    for j in 0..k {
        let s2 = s & !(1u64 << j);
        if s2 != 0 && edges.iter().all(|&e| e & s2 != 0) {
            s = s2;
        }
    }
    Some(s)
}

fn make_pi(row: &[u32], mask: u64, cover: Vec<u32>) -> Pi {
    let codes = row
        .iter()
        .enumerate()
        .map(|(j, &v)| if mask >> j & 1 == 1 { v as u8 + 1 } else { 0 })
        .collect();
    Pi {
        codes,
        mask,
        cover,
        nlit: mask.count_ones() as usize,
    }
}

/// The parsimonious PIs: minimal transversals per positive row, then R's stopping rule.
fn transversal_pis(
    levels: &[u32],
    pos: &[Vec<u32>],
    neg: &[Vec<u32>],
    max_depth: usize,
    (budget, max_pis): (u64, usize),
    progress: &dyn Fn(usize, usize),
) -> (Vec<Pi>, bool) {
    let k = levels.len();
    let npos = pos.len();
    let maxd = k.min(max_depth);
    if maxd == 0 || npos == 0 {
        return (Vec::new(), false);
    }
    let pp = Planes::new(pos, levels);
    let np = Planes::new(neg, levels);
    // Per-row shares of the budgets, so that one chunk stays within them.
    let cap = budget / CHUNK as u64;
    let per_row = (max_pis / CHUNK).max(1);
    // PIs by identity (fixed conditions and their values): a representative row and the
    // rows whose transversals include it, which is its cover when every row was searched.
    let mut index: std::collections::HashMap<Vec<u64>, usize, BuildIntHasher> =
        std::collections::HashMap::default();
    let mut found: Vec<(usize, u64, Vec<u32>)> = Vec::new();
    let identity = |p: usize, s: u64| -> Vec<u64> {
        let mut id = Vec::with_capacity(pp.nb + 1);
        id.push(s);
        id.extend(pp.data[p * pp.nb..(p + 1) * pp.nb].iter().map(|&x| x & s));
        id
    };
    let mut work = 0u64;
    let mut truncated = false;
    // Rows whose enumeration the budget cut short.
    let mut partial: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < npos {
        progress(start, npos);
        if work > budget || found.len() > max_pis {
            truncated = true;
            break;
        }
        let end = (start + CHUNK).min(npos);
        let chunk: Vec<RowPis> = (start..end)
            .into_par_iter()
            .map(|p| row_pis(p, &pp, &np, k, maxd, (cap, per_row)))
            .collect();
        let mut merged = end;
        for (p, r) in (start..end).zip(chunk) {
            if found.len() > max_pis {
                // Rows from here on count as not searched.
                merged = p;
                break;
            }
            work += r.work;
            if !r.complete {
                truncated = true;
                partial.push(p);
            }
            for s in r.transversals {
                let next = found.len();
                let i = *index.entry(identity(p, s)).or_insert(next);
                if i == next {
                    found.push((p, s, Vec::new()));
                }
                found[i].2.push(p as u32);
            }
        }
        start = merged;
        if merged < end {
            truncated = true;
            break;
        }
    }
    drop(index);
    progress(npos, npos);
    if truncated {
        // Rows the search did not reach get one greedy PI each, and every cover is recomputed
        // from the data (rows not searched are missing from the collected ones).
        let mut covered = vec![false; npos];
        for f in &found {
            for &q in &f.2 {
                covered[q as usize] = true;
            }
        }
        let open: Vec<usize> = (0..npos).filter(|&q| !covered[q]).collect();
        let extra: Vec<Option<u64>> = open
            .par_iter()
            .map(|&q| greedy_pi(q, &pp, &np, k))
            .collect();
        let mut seen: IntSet<(u64, u64)> = IntSet::default();
        for (&q, e) in open.iter().zip(extra) {
            let Some(mask) = e else { continue };
            if covered[q] {
                continue;
            }
            let cover = rows_agreeing(&pp, q, mask);
            for &r in &cover {
                covered[r as usize] = true;
            }
            if seen.insert((mask, u64::from(cover[0]))) {
                found.push((q, mask, cover));
            }
        }
        // A row searched to the end lists every PI covering it; the others are checked.
        let unsearched: Vec<usize> = partial.iter().copied().chain(start..npos).collect();
        found.par_iter_mut().for_each(|f| {
            let (rep, mask) = (f.0, f.1);
            let mut extra: Vec<u32> = unsearched
                .iter()
                .filter(|&&q| pp.agree(rep, q, mask))
                .map(|&q| q as u32)
                .collect();
            if !extra.is_empty() {
                extra.extend_from_slice(&f.2);
                extra.sort_unstable();
                extra.dedup();
                f.2 = extra;
            }
        });
    }
    let mut pis: Vec<Pi> = found
        .into_iter()
        .map(|(p, mask, cover)| make_pi(&pos[p], mask, cover))
        .collect();
    let stop = stop_level(&pis, npos, maxd);
    pis.retain(|p| p.nlit <= stop);
    (pis, truncated)
}

/// R's stopping rule applied to the PIs of every level up to `maxd`: levels in order; once
/// every positive row is covered, stop after two consecutive levels without a new PI. Returns
/// the last level searched.
fn stop_level(pis: &[Pi], npos: usize, maxd: usize) -> usize {
    let mut hist = vec![0usize; maxd + 1];
    let mut best = vec![usize::MAX; npos];
    for p in pis {
        hist[p.nlit.min(maxd)] += 1;
        for &q in &p.cover {
            best[q as usize] = best[q as usize].min(p.nlit);
        }
    }
    let covered_at = best.iter().copied().max().unwrap_or(usize::MAX);
    let mut counter = 0;
    for (c, &h) in hist.iter().enumerate().skip(1) {
        if covered_at <= c {
            if h > 0 {
                counter = 0;
            } else {
                counter += 1;
            }
            if counter > 1 {
                return c;
            }
        }
    }
    maxd
}

/// The positive rows agreeing with row `p` on the conditions in `mask` (ascending).
fn rows_agreeing(pos: &Planes, p: usize, mask: u64) -> Vec<u32> {
    pos.diffs(p, pos)
        .iter()
        .enumerate()
        .filter(|&(_, &d)| d & mask == 0)
        .map(|(q, _)| q as u32)
        .collect()
}

/// The candidate test of the level-by-level search.
enum LevelTest<'a> {
    AllAllowed(&'a [Vec<u32>]),
    Consistent {
        keep: &'a (dyn Fn(&[u8]) -> bool + Sync),
        cost: u64,
    },
}

/// PIs level by level (R's CCubes): the complete (conservative) PIs, whose spanned
/// configurations are all allowed, or the consistent ones (`pi.cons`). A candidate is prime
/// when no PI of a lower level covering its first positive row fixes a subset of its
/// conditions. The consistent search follows R's stopping rule and a work budget (the flag
/// says whether the budget stopped it).
/// `C(n, k)`, saturating at `u64::MAX`.
fn n_choose_k(n: u64, k: u64) -> u64 {
    let k = k.min(n.saturating_sub(k));
    let mut r: u128 = 1;
    for i in 0..k {
        r = r * u128::from(n - i) / u128::from(i + 1);
        if r > u128::from(u64::MAX) {
            return u64::MAX;
        }
    }
    r as u64
}

fn level_pis(
    levels: &[u32],
    pos: &[Vec<u32>],
    test: &LevelTest<'_>,
    max_depth: usize,
    budget: &Budget,
    progress: &dyn Fn(usize, usize),
) -> (Vec<Pi>, bool) {
    let k = levels.len();
    let npos = pos.len();
    let maxd = k.min(max_depth);
    let consistency_budget = budget.share(4, 3);
    let mut found: Vec<Pi> = Vec::new();
    // Fixed conditions of the PIs covering each positive row.
    let mut row_masks: Vec<Vec<u64>> = vec![Vec::new(); npos];
    let mut sorted_levels: Vec<u64> = levels.iter().map(|&l| u64::from(l)).collect();
    sorted_levels.sort_unstable();
    let mut spent = 0u64;
    let mut counter = 0;
    let mut truncated = false;
    for c in 1..=maxd {
        progress(c - 1, maxd);
        // The combinations are built only for levels that are searched: a skipped level of
        // many conditions would otherwise allocate C(k, c) vectors for nothing.
        match test {
            LevelTest::AllAllowed(ok) => {
                // The smallest span at this level must fit into the allowed set.
                let min_span = sorted_levels[..k - c]
                    .iter()
                    .try_fold(1u64, |a, &l| a.checked_mul(l));
                if min_span.is_none_or(|s| s > ok.len() as u64) {
                    continue;
                }
            }
            LevelTest::Consistent { cost, .. } => {
                let worst = n_choose_k(k as u64, c as u64)
                    .saturating_mul(npos as u64)
                    .saturating_mul(*cost);
                if spent > consistency_budget || worst > consistency_budget.saturating_mul(10) {
                    truncated = true;
                    break;
                }
            }
        }
        let combos = combinations(k, c);
        let level: Vec<(Vec<Pi>, u64)> = combos
            .par_iter()
            .map(|s| level_candidates(levels, pos, test, s, &row_masks))
            .collect();
        let mut foundk = false;
        for (pis, work) in level {
            spent = spent.saturating_add(work);
            for pi in pis {
                for &q in &pi.cover {
                    row_masks[q as usize].push(pi.mask);
                }
                found.push(pi);
                foundk = true;
            }
        }
        if let LevelTest::Consistent { .. } = test {
            if row_masks.iter().all(|m| !m.is_empty()) {
                counter = if foundk { 0 } else { counter + 1 };
                if counter > 1 {
                    break;
                }
            }
        }
    }
    progress(maxd, maxd);
    (found, truncated)
}

/// The PIs of one combination of conditions `s`, and the work spent on predicate calls.
fn level_candidates(
    levels: &[u32],
    pos: &[Vec<u32>],
    test: &LevelTest<'_>,
    s: &[usize],
    row_masks: &[Vec<u64>],
) -> (Vec<Pi>, u64) {
    let k = levels.len();
    let mut order: Vec<u64> = Vec::new();
    let mut groups: IntMap<u64, Vec<u32>> = IntMap::default();
    for (i, r) in pos.iter().enumerate() {
        let kk = key(r, s, levels);
        groups
            .entry(kk)
            .or_insert_with(|| {
                order.push(kk);
                Vec::new()
            })
            .push(i as u32);
    }
    let allowed: Option<(u64, IntMap<u64, u64>)> = match test {
        LevelTest::AllAllowed(ok) => {
            let span = (0..k)
                .filter(|j| !s.contains(j))
                .try_fold(1u64, |a, j| a.checked_mul(u64::from(levels[j])));
            let Some(span) = span.filter(|&sp| sp <= ok.len() as u64) else {
                return (Vec::new(), 0);
            };
            let mut counts: IntMap<u64, u64> = IntMap::default();
            for r in ok.iter() {
                *counts.entry(key(r, s, levels)).or_insert(0) += 1;
            }
            Some((span, counts))
        }
        LevelTest::Consistent { .. } => None,
    };
    let mut mask = 0u64;
    for &j in s {
        mask |= 1 << j;
    }
    let mut out = Vec::new();
    let mut work = 0u64;
    for kk in order {
        if let Some((span, counts)) = &allowed {
            if counts.get(&kk) != Some(span) {
                continue;
            }
        }
        let Some(rows) = groups.remove(&kk) else {
            continue;
        };
        let first = rows[0] as usize;
        // A PI of a lower level that subsumes this term covers its rows, the first included.
        if row_masks[first].iter().any(|&m| m & !mask == 0) {
            continue;
        }
        let pi = make_pi(&pos[first], mask, rows);
        if let LevelTest::Consistent { keep, cost } = test {
            work += cost;
            if !keep(&pi.codes) {
                continue;
            }
        }
        out.push(pi);
    }
    (out, work)
}

/// Sorts PIs as R QCA does: by number of literals, then condition by condition, a term
/// with the condition before one without it, lower values first.
pub(crate) fn sort_pis(pis: &mut [Pi]) {
    pis.sort_by(|a, b| {
        a.nlit.cmp(&b.nlit).then_with(|| {
            for (x, y) in a.codes.iter().zip(&b.codes) {
                let kx = if *x == 0 { u16::MAX } else { u16::from(*x) };
                let ky = if *y == 0 { u16::MAX } else { u16::from(*y) };
                if kx != ky {
                    return kx.cmp(&ky);
                }
            }
            std::cmp::Ordering::Equal
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_are_lexicographic() {
        assert_eq!(
            combinations(4, 2),
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        assert_eq!(combinations(3, 3), vec![vec![0, 1, 2]]);
    }

    /// Random configurations of `k` conditions with `levels` values (SplitMix64).
    fn random_rows(k: usize, levels: u32, n: usize, seed: u64) -> Vec<Vec<u32>> {
        let mut x = seed;
        let mut next = move || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut rows: Vec<Vec<u32>> = (0..n)
            .map(|_| {
                (0..k)
                    .map(|_| (next() % u64::from(levels)) as u32)
                    .collect()
            })
            .collect();
        rows.sort();
        rows.dedup();
        rows
    }

    #[test]
    fn truncated_search_still_covers_every_row_with_true_pis() {
        for levels in [2u32, 3] {
            let rows = random_rows(10, levels, 400, u64::from(levels));
            let (pos, neg): (Vec<Vec<u32>>, Vec<Vec<u32>>) =
                rows.into_iter()
                    .enumerate()
                    .fold((vec![], vec![]), |mut acc, (i, r)| {
                        if i % 3 == 0 {
                            acc.0.push(r);
                        } else {
                            acc.1.push(r);
                        }
                        acc
                    });
            let lv = vec![levels; 10];
            let matches = |codes: &[u8], r: &[u32]| {
                codes
                    .iter()
                    .zip(r)
                    .all(|(&c, &v)| c == 0 || u32::from(c) == v + 1)
            };
            let (full, full_cut) =
                transversal_pis(&lv, &pos, &neg, 10, (u64::MAX, usize::MAX), &|_, _| {});
            assert!(!full_cut);
            let (cut, was_cut) = transversal_pis(&lv, &pos, &neg, 10, (10_000, 50), &|_, _| {});
            assert!(was_cut);
            assert!(cut.len() < full.len());
            for pis in [&full, &cut] {
                let mut covered = vec![false; pos.len()];
                for p in pis.iter() {
                    // An implicant: no negative row inside; its cover is exactly its positive rows.
                    assert!(!neg.iter().any(|r| matches(&p.codes, r)));
                    let cover: Vec<u32> = (0..pos.len())
                        .filter(|&q| matches(&p.codes, &pos[q]))
                        .map(|q| q as u32)
                        .collect();
                    assert_eq!(p.cover, cover);
                    for &q in &cover {
                        covered[q as usize] = true;
                    }
                    // Prime: dropping any literal lets a negative row in.
                    for j in 0..p.codes.len() {
                        if p.codes[j] > 0 {
                            let mut c = p.codes.clone();
                            c[j] = 0;
                            assert!(neg.iter().any(|r| matches(&c, r)));
                        }
                    }
                }
                assert!(covered.iter().all(|&c| c));
            }
        }
    }
}
