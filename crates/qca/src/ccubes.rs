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

use crate::bits::{BitSet, IntHasher, IntMap, IntSet};

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

/// Work (predicate calls × cases) the consistency-based PI search may spend before it stops
/// and reports a truncated result.
pub(crate) const CONSISTENCY_BUDGET: u64 = 2_000_000_000;

/// A prime implicant: codes (0 absent, v+1 value v), the conditions it fixes, the positive
/// rows it covers (ascending) and its number of literals.
#[derive(Debug, Clone)]
pub(crate) struct Pi {
    pub codes: Vec<u8>,
    pub mask: u64,
    pub cover: Vec<u32>,
    pub nlit: usize,
}

/// Work (elementary bit operations, about a nanosecond each) the parsimonious PI search may
/// spend before it stops and reports a truncated result.
pub(crate) const PI_SEARCH_BUDGET: u64 = 1_500_000_000;

/// Most PIs the parsimonious search collects before it stops (bounds the memory).
pub(crate) const MAX_PIS: usize = 200_000;

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
pub(crate) fn find_pis(
    levels: &[u32],
    pos: &[Vec<u32>],
    test: &Test<'_>,
    max_depth: usize,
) -> (Vec<Pi>, bool) {
    match test {
        Test::NoNegative(neg) => {
            transversal_pis(levels, pos, neg, max_depth, PI_SEARCH_BUDGET, MAX_PIS)
        }
        Test::AllAllowed(ok) => level_pis(levels, pos, &LevelTest::AllAllowed(ok), max_depth),
        Test::Consistent { keep, cost } => level_pis(
            levels,
            pos,
            &LevelTest::Consistent {
                keep: *keep,
                cost: *cost,
            },
            max_depth,
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
    budget: u64,
    max_pis: usize,
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
        .filter(|(_, &d)| d & mask == 0)
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
) -> (Vec<Pi>, bool) {
    let k = levels.len();
    let npos = pos.len();
    let maxd = k.min(max_depth);
    let mut found: Vec<Pi> = Vec::new();
    // Fixed conditions of the PIs covering each positive row.
    let mut row_masks: Vec<Vec<u64>> = vec![Vec::new(); npos];
    let mut sorted_levels: Vec<u64> = levels.iter().map(|&l| u64::from(l)).collect();
    sorted_levels.sort_unstable();
    let mut spent = 0u64;
    let mut counter = 0;
    let mut truncated = false;
    for c in 1..=maxd {
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
                if spent > CONSISTENCY_BUDGET || worst > CONSISTENCY_BUDGET.saturating_mul(10) {
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

/// Whether sorted `a` is a subset of sorted `b`.
fn sorted_subset(a: &[u32], b: &[u32]) -> bool {
    if a.len() > b.len() {
        return false;
    }
    let mut j = 0;
    for &x in a {
        while j < b.len() && b[j] < x {
            j += 1;
        }
        if j == b.len() || b[j] != x {
            return false;
        }
        j += 1;
    }
    true
}

/// For each of `n` rows, the PIs covering it (ascending).
fn rows_of(covers: &[Vec<u32>], n: usize) -> Vec<Vec<u32>> {
    let mut by_row: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (p, c) in covers.iter().enumerate() {
        for &r in c {
            by_row[r as usize].push(p as u32);
        }
    }
    by_row
}

/// Row dominance: removes every PI whose coverage is a strict subset of another's.
pub(crate) fn row_dominance(pis: Vec<Pi>, npos: usize) -> Vec<Pi> {
    let covers: Vec<Vec<u32>> = pis.iter().map(|p| p.cover.clone()).collect();
    let by_row = rows_of(&covers, npos);
    let keep: Vec<bool> = (0..pis.len())
        .map(|a| {
            let ca = &covers[a];
            // A dominating PI covers the first row of `a` too.
            let Some(&r) = ca.first() else {
                return false;
            };
            !by_row[r as usize].iter().any(|&b| {
                let cb = &covers[b as usize];
                b as usize != a && cb.len() > ca.len() && sorted_subset(ca, cb)
            })
        })
        .collect();
    pis.into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Charts with more open rows than this (after the essential PIs) get a greedy cover,
/// reported as not exhaustive, instead of the exact search.
pub(crate) const MAX_EXACT_ROWS: usize = 50_000;

/// Work (subset-test steps) a dominance reduction may take; a reduction that would need more
/// is skipped (the reductions only speed up the exact search, they never change its result).
const REDUCTION_BUDGET: u64 = 150_000_000;

/// Work (search nodes × chart size) per chart component before the exact solver gives up and
/// reports that it stopped early, instead of hanging on a pathological chart (about a second).
pub(crate) const SEARCH_BUDGET: u64 = 300_000_000;

/// Subgradient steps of the Lagrangian bound at the root of a chart and at a search node.
const ROOT_ITERATIONS: usize = 300;
const NODE_ITERATIONS: usize = 25;

/// Minimum cover size of a chart after the classical reductions (essential PIs, row and
/// column dominance), with the exact search on the cyclic core. Returns the size and whether
/// it is proven minimal (false when the search budget ran out and a greedy bound is used).
fn min_size(covers: &[Vec<u32>], n: usize) -> (usize, bool) {
    let npi = covers.len();
    let by_row = rows_of(covers, n);
    let mut alive_rows: Vec<bool> = vec![true; n];
    let mut alive_pis: Vec<bool> = vec![true; npi];
    let mut size = 0;
    let live_rows = |p: usize, alive_rows: &[bool]| -> Vec<u32> {
        covers[p]
            .iter()
            .copied()
            .filter(|&r| alive_rows[r as usize])
            .collect()
    };
    let live_pis = |r: usize, alive_pis: &[bool]| -> Vec<u32> {
        by_row[r]
            .iter()
            .copied()
            .filter(|&p| alive_pis[p as usize])
            .collect()
    };
    loop {
        let mut changed = false;
        // Essential PIs.
        for r in 0..n {
            if !alive_rows[r] {
                continue;
            }
            let c = live_pis(r, &alive_pis);
            if c.len() == 1 {
                let p = c[0] as usize;
                size += 1;
                alive_pis[p] = false;
                for &rr in &covers[p] {
                    alive_rows[rr as usize] = false;
                }
                changed = true;
            }
        }
        if !alive_rows.iter().any(|&a| a) {
            return (size, true);
        }
        // Column dominance: drop a PI whose remaining rows are a subset of another's (a
        // dominating PI covers the dominated one's least covered row).
        let restricted: Vec<Vec<u32>> = (0..npi)
            .map(|p| {
                if alive_pis[p] {
                    live_rows(p, &alive_rows)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let effort: u64 = (0..npi)
            .filter(|&p| alive_pis[p])
            .map(|p| {
                let rp = &restricted[p];
                let least = rp.iter().map(|&r| by_row[r as usize].len()).min();
                (least.unwrap_or(0) * rp.len()) as u64
            })
            .sum();
        for p in 0..npi {
            if !alive_pis[p] {
                continue;
            }
            let rp = &restricted[p];
            if rp.is_empty() {
                alive_pis[p] = false;
                changed = true;
                continue;
            }
            if effort > REDUCTION_BUDGET {
                continue;
            }
            let Some(&r) = rp.iter().min_by_key(|&&r| by_row[r as usize].len()) else {
                alive_pis[p] = false;
                changed = true;
                continue;
            };
            let dominated = by_row[r as usize].iter().any(|&q| {
                let q = q as usize;
                q != p
                    && alive_pis[q]
                    && sorted_subset(rp, &restricted[q])
                    && (rp.len() != restricted[q].len() || q < p)
            });
            if dominated {
                alive_pis[p] = false;
                changed = true;
            }
        }
        // Row dominance: a row whose candidates include another row's is implied by it.
        let cands: Vec<Vec<u32>> = (0..n)
            .map(|r| {
                if alive_rows[r] {
                    live_pis(r, &alive_pis)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let least = |r: usize| cands[r].iter().map(|&p| restricted[p as usize].len()).min();
        let effort: u64 = (0..n)
            .map(|r| (least(r).unwrap_or(0) * cands[r].len()) as u64)
            .sum();
        for r1 in 0..n {
            if !alive_rows[r1] || effort > REDUCTION_BUDGET {
                continue;
            }
            // Every row implied by r1 is covered by r1's least covering candidate.
            let Some(&p) = cands[r1]
                .iter()
                .min_by_key(|&&p| restricted[p as usize].len())
            else {
                continue;
            };
            for &r2 in &restricted[p as usize] {
                let r2 = r2 as usize;
                if r2 != r1
                    && alive_rows[r2]
                    && sorted_subset(&cands[r1], &cands[r2])
                    && (cands[r1].len() != cands[r2].len() || r1 < r2)
                {
                    alive_rows[r2] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // The cyclic core.
    let rows: Vec<usize> = (0..n).filter(|&r| alive_rows[r]).collect();
    let mut local = vec![u32::MAX; n];
    for (i, &r) in rows.iter().enumerate() {
        local[r] = i as u32;
    }
    let sub: Vec<Vec<u32>> = (0..npi)
        .filter(|&p| alive_pis[p])
        .map(|p| {
            covers[p]
                .iter()
                .filter(|&&r| local[r as usize] != u32::MAX)
                .map(|&r| local[r as usize])
                .collect::<Vec<u32>>()
        })
        .filter(|c: &Vec<u32>| !c.is_empty())
        .collect();
    let chart = Chart::new(&sub, rows.len());
    let greedy = greedy_cover(&sub, rows.len(), &BitSet::new(rows.len())).len();
    let lagrangian = chart.lagrangian_bound(
        &BitSet::new(rows.len()),
        &BitSet::new(sub.len()),
        greedy as f64 - 1.0 + 1e-6,
        ROOT_ITERATIONS,
    );
    let mut k = chart
        .lower_bound(&BitSet::new(rows.len()), &BitSet::new(sub.len()))
        .max((lagrangian - 1e-6).ceil().max(0.0) as usize)
        .max(1);
    while k < greedy {
        let mut out = Vec::new();
        let complete = chart.search(
            &BitSet::new(rows.len()),
            &mut BitSet::new(sub.len()),
            &mut Vec::new(),
            k,
            1,
            &mut out,
        );
        if !out.is_empty() {
            return (size + k, true);
        }
        if !complete {
            return (size + greedy, false);
        }
        k += 1;
    }
    (size + greedy, true)
}

/// A greedy cover of the rows not in `covered` (largest gain first, lowest index on ties;
/// lazy evaluation of the gains) without redundant PIs, as PI indices in ascending order.
fn greedy_cover(covers: &[Vec<u32>], n: usize, covered: &BitSet) -> Vec<usize> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut done = covered.clone();
    let mut left = n - done.count().min(n);
    let gain = |p: usize, done: &BitSet| {
        covers[p]
            .iter()
            .filter(|&&r| !done.contains(r as usize))
            .count()
    };
    let mut heap: BinaryHeap<(usize, Reverse<usize>)> = (0..covers.len())
        .map(|p| (gain(p, &done), Reverse(p)))
        .filter(|g| g.0 > 0)
        .collect();
    let mut out = Vec::new();
    while left > 0 {
        let Some((g, Reverse(p))) = heap.pop() else {
            break;
        };
        let now = gain(p, &done);
        if now == 0 {
            continue;
        }
        if now < g {
            heap.push((now, Reverse(p)));
            continue;
        }
        for &r in &covers[p] {
            done.insert(r as usize);
        }
        left -= now;
        out.push(p);
    }
    // Drop PIs made redundant by later picks (latest first): the cover stays irredundant.
    let mut mult = vec![0u32; n];
    for &p in &out {
        for &r in &covers[p] {
            mult[r as usize] += 1;
        }
    }
    let mut keep = vec![true; out.len()];
    for i in (0..out.len()).rev() {
        let rows = &covers[out[i]];
        if rows
            .iter()
            .all(|&r| covered.contains(r as usize) || mult[r as usize] > 1)
        {
            keep[i] = false;
            for &r in rows {
                mult[r as usize] -= 1;
            }
        }
    }
    let mut out: Vec<usize> = out
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect();
    out.sort_unstable();
    out
}

/// An exact set-cover solver over a PI chart: branches on the uncovered row with the fewest
/// candidate PIs (each cover must contain one of them), forbidding the earlier candidates in
/// later branches so that every cover is produced once, and prunes with a lower bound from
/// rows whose candidate sets are pairwise disjoint.
struct Chart<'a> {
    covers: &'a [Vec<u32>],
    by_row: Vec<Vec<u32>>,
    n: usize,
    /// Search work left before giving up (the result is then reported as not exhaustive).
    budget: std::cell::Cell<u64>,
    /// Work of one search node: rows (sorted for the bound) plus chart incidences.
    weight: u64,
}

impl<'a> Chart<'a> {
    fn new(covers: &'a [Vec<u32>], n: usize) -> Chart<'a> {
        let by_row = rows_of(covers, n);
        // Finding the branching row and the lower bound (a sort of the open rows) dominate.
        let log = u64::from(usize::BITS - n.leading_zeros());
        let weight = n as u64 * (2 + log) + by_row.iter().map(Vec::len).sum::<usize>() as u64 + 1;
        Chart {
            covers,
            by_row,
            n,
            budget: std::cell::Cell::new(SEARCH_BUDGET),
            weight,
        }
    }

    fn open_candidates(&self, r: usize, forbidden: &BitSet) -> usize {
        self.by_row[r]
            .iter()
            .filter(|&&p| !forbidden.contains(p as usize))
            .count()
    }

    /// Lagrangian lower bound (subgradient ascent, `iters` steps) on the PIs still needed to
    /// cover the uncovered rows with PIs not forbidden: for multipliers `u ≥ 0` on the rows,
    /// `Σ_r u_r + Σ_p min(0, 1 − Σ_{r∈p} u_r)` bounds the set-cover optimum from below. Stops as
    /// soon as the bound exceeds `enough`. Charges its work to the budget.
    fn lagrangian_bound(
        &self,
        covered: &BitSet,
        forbidden: &BitSet,
        enough: f64,
        iters: usize,
    ) -> f64 {
        let rows: Vec<usize> = (0..self.n).filter(|&r| !covered.contains(r)).collect();
        if rows.is_empty() {
            return 0.0;
        }
        // The open part of every allowed PI.
        let pis: Vec<Vec<u32>> = (0..self.covers.len())
            .filter(|&p| !forbidden.contains(p))
            .map(|p| {
                self.covers[p]
                    .iter()
                    .copied()
                    .filter(|&r| !covered.contains(r as usize))
                    .collect::<Vec<u32>>()
            })
            .filter(|c: &Vec<u32>| !c.is_empty())
            .collect();
        let size: u64 = pis.iter().map(|c| c.len() as u64).sum::<u64>() + rows.len() as u64;
        let mut u = vec![0.0f64; self.n];
        let mut ncand = vec![0usize; self.n];
        for c in &pis {
            for &r in c {
                ncand[r as usize] += 1;
            }
        }
        if rows.iter().any(|&r| ncand[r] == 0) {
            return f64::INFINITY; // a row nothing can cover
        }
        for &r in &rows {
            u[r] = 1.0 / ncand[r] as f64;
        }
        let target = enough + 1.0;
        let mut best = 0.0f64;
        let mut step = 1.0;
        let mut g = vec![0.0f64; self.n];
        for _ in 0..iters {
            let left = self.budget.get();
            if left < size {
                break;
            }
            self.budget.set(left - size);
            let mut value: f64 = rows.iter().map(|&r| u[r]).sum();
            for &r in &rows {
                g[r] = 1.0;
            }
            for c in &pis {
                let reduced = 1.0 - c.iter().map(|&r| u[r as usize]).sum::<f64>();
                if reduced < 0.0 {
                    value += reduced;
                    for &r in c {
                        g[r as usize] -= 1.0;
                    }
                }
            }
            best = best.max(value);
            if best > enough {
                break;
            }
            let norm: f64 = rows.iter().map(|&r| g[r] * g[r]).sum();
            if norm == 0.0 {
                break; // u is optimal for the relaxation
            }
            let t = step * (target - value).max(1e-3) / norm;
            for &r in &rows {
                u[r] = (u[r] + t * g[r]).max(0.0);
            }
            step *= 0.92;
        }
        best
    }

    /// Lower bound on the PIs still needed: a greedy packing of uncovered rows with disjoint
    /// candidate sets (each needs its own PI).
    fn lower_bound(&self, covered: &BitSet, forbidden: &BitSet) -> usize {
        let mut rows: Vec<(usize, usize)> = (0..self.n)
            .filter(|&r| !covered.contains(r))
            .map(|r| (self.open_candidates(r, forbidden), r))
            .collect();
        rows.sort_unstable();
        let mut used = BitSet::new(self.covers.len());
        let mut lb = 0;
        for (_, r) in rows {
            let cands = self.by_row[r]
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| !forbidden.contains(p));
            if cands.clone().all(|p| !used.contains(p)) {
                for p in cands {
                    used.insert(p);
                }
                lb += 1;
            }
        }
        lb
    }

    /// Collects covers with at most `slots` more PIs (exactly `target` in all) into `out`,
    /// stopping after `limit` covers. Returns false when stopped by the limit or the budget.
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        covered: &BitSet,
        forbidden: &mut BitSet,
        chosen: &mut Vec<usize>,
        target: usize,
        limit: usize,
        out: &mut Vec<Vec<usize>>,
    ) -> bool {
        // Each node costs about one pass over the chart's incidences.
        let cost = self.weight;
        let left = self.budget.get();
        if left < cost {
            self.budget.set(0);
            return false;
        }
        self.budget.set(left - cost);
        let Some(r) = (0..self.n)
            .filter(|&r| !covered.contains(r))
            .min_by_key(|&r| self.open_candidates(r, forbidden))
        else {
            if chosen.len() == target {
                if out.len() >= limit {
                    return false;
                }
                let mut c = chosen.clone();
                c.sort_unstable();
                out.push(c);
            }
            return true;
        };
        let slots = target - chosen.len();
        if slots == 0 || self.lower_bound(covered, forbidden) > slots {
            return true;
        }
        // The stronger Lagrangian bound (the tolerance guards rounding).
        if self.lagrangian_bound(covered, forbidden, slots as f64 + 1e-6, NODE_ITERATIONS)
            > slots as f64 + 1e-6
        {
            return true;
        }
        let mut cands: Vec<usize> = self.by_row[r]
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| !forbidden.contains(p))
            .collect();
        let gain = |p: usize| {
            self.covers[p]
                .iter()
                .filter(|&&x| !covered.contains(x as usize))
                .count()
        };
        cands.sort_by_key(|&p| std::cmp::Reverse(gain(p)));
        let mut newly = Vec::new();
        let mut ok = true;
        for p in cands {
            let mut c2 = covered.clone();
            for &x in &self.covers[p] {
                c2.insert(x as usize);
            }
            chosen.push(p);
            ok = self.search(&c2, forbidden, chosen, target, limit, out);
            chosen.pop();
            if !ok || (limit == 1 && !out.is_empty()) {
                break;
            }
            forbidden.insert(p);
            newly.push(p);
        }
        for p in newly {
            forbidden.remove(p);
        }
        ok
    }
}

/// All minimum covers of a PI chart (`covers[p]` = the rows PI `p` covers, ascending): the
/// minimum size and every cover of that size in lexicographic order of PI indices (R QCA's
/// model order), at most `max_models` (the flag says whether the limit or a budget cut the
/// list short). `None` when the PIs cannot cover every row.
///
/// The chart is reduced first — PIs that are the only candidate of a row are forced, rows
/// whose candidates include all candidates of another row are implied by it — and then split
/// into independent components (rows linked by shared PIs); each component is solved
/// exactly and the covers are the products of the components' covers.
pub(crate) fn min_covers(
    covers: &[Vec<u32>],
    n: usize,
    max_models: usize,
) -> Option<(usize, Vec<Vec<usize>>, bool)> {
    let npi = covers.len();
    let cand = rows_of(covers, n);
    if cand.iter().any(Vec::is_empty) {
        return None;
    }
    // Forced PIs (sole candidate of some row) and the rows they cover.
    let mut forced: Vec<usize> = Vec::new();
    let mut is_forced = vec![false; npi];
    let mut covered = BitSet::new(n);
    for c in &cand {
        if c.len() == 1 {
            let p = c[0] as usize;
            if !is_forced[p] {
                is_forced[p] = true;
                forced.push(p);
                for &r in &covers[p] {
                    covered.insert(r as usize);
                }
            }
        }
    }
    // Remaining rows, dropping those implied by another remaining row.
    let open: Vec<usize> = (0..n).filter(|&r| !covered.contains(r)).collect();
    if open.len() > MAX_EXACT_ROWS {
        // Too large for the exact search: one greedy cover of the open rows, reported as not
        // exhaustive.
        let mut cover = forced.clone();
        cover.extend(greedy_cover(covers, n, &covered));
        cover.sort_unstable();
        return Some((cover.len(), vec![cover], true));
    }
    let is_open: Vec<bool> = (0..n).map(|r| !covered.contains(r)).collect();
    let mut implied = vec![false; n];
    let least = |r: usize| cand[r].iter().map(|&p| covers[p as usize].len()).min();
    let effort: u64 = open
        .iter()
        .map(|&r| (least(r).unwrap_or(0) * cand[r].len()) as u64)
        .sum();
    let dominance_rows: &[usize] = if effort <= REDUCTION_BUDGET {
        &open
    } else {
        &[]
    };
    for &r1 in dominance_rows {
        // A row implied by r1 is covered by every candidate of r1, the least covering one too.
        let Some(&p) = cand[r1].iter().min_by_key(|&&p| covers[p as usize].len()) else {
            continue;
        };
        for &r2 in &covers[p as usize] {
            let r2 = r2 as usize;
            if r2 != r1
                && is_open[r2]
                && sorted_subset(&cand[r1], &cand[r2])
                && (cand[r1].len() != cand[r2].len() || r1 < r2)
            {
                implied[r2] = true;
            }
        }
    }
    let keep: Vec<usize> = open.iter().copied().filter(|&r| !implied[r]).collect();
    // Components of the remaining rows (linked by shared candidate PIs).
    let mut comp_of: Vec<usize> = (0..keep.len()).collect();
    fn find(c: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while c[i] != i {
            c[i] = c[c[i]];
            i = c[i];
        }
        i
    }
    let mut owner: Vec<Option<usize>> = vec![None; npi];
    for (i, &r) in keep.iter().enumerate() {
        for &p in &cand[r] {
            let p = p as usize;
            match owner[p] {
                None => owner[p] = Some(i),
                Some(j) => {
                    let (a, b) = (find(&mut comp_of, i), find(&mut comp_of, j));
                    if a != b {
                        comp_of[a.max(b)] = a.min(b);
                    }
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: IntMap<usize, usize> = IntMap::default();
    for (i, &row) in keep.iter().enumerate() {
        let root = find(&mut comp_of, i);
        let g = *group_of.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(row);
    }
    let mut size = forced.len();
    let mut parts: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut truncated = false;
    let mut budget_hit = false;
    let mut local = vec![u32::MAX; n];
    for rows in &groups {
        for (i, &r) in rows.iter().enumerate() {
            local[r] = i as u32;
        }
        // The sub-chart of this component: its rows and the PIs covering them.
        let mut pis: Vec<usize> = rows
            .iter()
            .flat_map(|&r| cand[r].iter().map(|&p| p as usize))
            .collect();
        pis.sort_unstable();
        pis.dedup();
        let sub: Vec<Vec<u32>> = pis
            .iter()
            .map(|&p| {
                let mut c: Vec<u32> = covers[p]
                    .iter()
                    .filter(|&&r| local[r as usize] != u32::MAX)
                    .map(|&r| local[r as usize])
                    .collect();
                c.sort_unstable();
                c
            })
            .collect();
        for &r in rows {
            local[r] = u32::MAX;
        }
        let chart = Chart::new(&sub, rows.len());
        let (k, proven) = min_size(&sub, rows.len());
        truncated |= !proven;
        budget_hit |= !proven;
        let mut found = Vec::new();
        let complete = chart.search(
            &BitSet::new(rows.len()),
            &mut BitSet::new(sub.len()),
            &mut Vec::new(),
            k,
            max_models.saturating_add(1),
            &mut found,
        );
        truncated |= !complete || found.len() > max_models;
        budget_hit |= chart.budget.get() == 0;
        if found.is_empty() {
            // The budget ran out before any cover of that size was listed: fall back to a
            // greedy cover so that a (possibly non-minimal) model is still reported.
            truncated = true;
            found.push(greedy_cover(&sub, rows.len(), &BitSet::new(rows.len())));
        }
        let k = found[0].len();
        size += k;
        parts.push(
            found
                .into_iter()
                .map(|c| c.into_iter().map(|i| pis[i]).collect())
                .collect(),
        );
    }
    // The product of the components' covers, with the forced PIs. When the search budget ran
    // out the covers are a best effort: report one model only.
    let max_models = if budget_hit { 1 } else { max_models };
    let mut models: Vec<Vec<usize>> = vec![forced.clone()];
    for part in &parts {
        let mut next = Vec::new();
        'outer: for m in &models {
            for c in part {
                if next.len() > max_models {
                    truncated = true;
                    break 'outer;
                }
                let mut v = m.clone();
                v.extend_from_slice(c);
                next.push(v);
            }
        }
        models = next;
    }
    for m in &mut models {
        m.sort_unstable();
    }
    models.sort_unstable();
    models.dedup();
    if models.len() > max_models {
        truncated = true;
        models.truncate(max_models);
    }
    Some((size, models, truncated))
}

/// Search nodes the enumeration of non-minimal models (`all_sol`) may visit per size.
const ALL_SOL_NODES: u64 = 50_000_000;

/// Enumerates covers of exactly `size` PIs in lexicographic order of PI indices (R QCA's
/// model order). With `irredundant`, keeps only covers from which no PI can be dropped.
/// Stops after `max_models` models; the flag says whether it stopped early.
pub(crate) fn covers_of_size(
    covers: &[BitSet],
    n: usize,
    size: usize,
    irredundant: bool,
    max_models: usize,
    out: &mut Vec<Vec<usize>>,
) -> bool {
    let m = covers.len();
    // suffix[i] = union of covers[i..]
    let mut suffix = vec![BitSet::new(n); m + 1];
    for i in (0..m).rev() {
        let mut s = suffix[i + 1].clone();
        s.union_with(&covers[i]);
        suffix[i] = s;
    }
    let mut chosen = Vec::with_capacity(size);
    let mut stopped = false;
    let mut nodes = 0u64;
    #[allow(clippy::too_many_arguments)]
    fn rec(
        covers: &[BitSet],
        suffix: &[BitSet],
        n: usize,
        size: usize,
        start: usize,
        covered: &BitSet,
        chosen: &mut Vec<usize>,
        irredundant: bool,
        max_models: usize,
        out: &mut Vec<Vec<usize>>,
        stopped: &mut bool,
        nodes: &mut u64,
    ) {
        if *stopped {
            return;
        }
        *nodes += 1;
        if *nodes > ALL_SOL_NODES {
            *stopped = true;
            return;
        }
        if chosen.len() == size {
            if covered.count() == n && (!irredundant || is_irredundant(covers, chosen, n)) {
                if out.len() >= max_models {
                    *stopped = true;
                    return;
                }
                out.push(chosen.clone());
            }
            return;
        }
        let m = covers.len();
        for i in start..m {
            if m - i < size - chosen.len() {
                break;
            }
            let mut reach = covered.clone();
            reach.union_with(&suffix[i]);
            if reach.count() < n {
                break;
            }
            let mut c2 = covered.clone();
            c2.union_with(&covers[i]);
            chosen.push(i);
            rec(
                covers,
                suffix,
                n,
                size,
                i + 1,
                &c2,
                chosen,
                irredundant,
                max_models,
                out,
                stopped,
                nodes,
            );
            chosen.pop();
            if *stopped {
                return;
            }
        }
    }
    rec(
        covers,
        &suffix,
        n,
        size,
        0,
        &BitSet::new(n),
        &mut chosen,
        irredundant,
        max_models,
        out,
        &mut stopped,
        &mut nodes,
    );
    stopped
}

fn is_irredundant(covers: &[BitSet], chosen: &[usize], n: usize) -> bool {
    (0..chosen.len()).all(|skip| {
        let mut u = BitSet::new(n);
        for (t, &p) in chosen.iter().enumerate() {
            if t != skip {
                u.union_with(&covers[p]);
            }
        }
        u.count() < n
    })
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
            let (full, full_cut) = transversal_pis(&lv, &pos, &neg, 10, u64::MAX, usize::MAX);
            assert!(!full_cut);
            let (cut, was_cut) = transversal_pis(&lv, &pos, &neg, 10, 10_000, 50);
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

    #[test]
    fn min_cover_is_exact() {
        let mk = |rows: &[usize]| {
            let mut b = BitSet::new(6);
            for &r in rows {
                b.insert(r);
            }
            b
        };
        // Greedy picks the big set first and needs 3; the optimum is 2.
        let sparse: Vec<Vec<u32>> = vec![vec![0, 1, 2, 3], vec![0, 2, 4], vec![1, 3, 5]];
        let covers: Vec<BitSet> = sparse
            .iter()
            .map(|c| mk(&c.iter().map(|&r| r as usize).collect::<Vec<_>>()))
            .collect();
        assert_eq!(min_covers(&sparse, 6, 10).map(|m| m.0), Some(2));
        let mut out = Vec::new();
        covers_of_size(&covers, 6, 2, false, 10, &mut out);
        assert_eq!(out, vec![vec![1, 2]]);
        assert_eq!(
            min_covers(&sparse, 6, 10),
            Some((2, vec![vec![1, 2]], false))
        );
        assert_eq!(min_covers(&sparse[..1], 6, 10), None);
    }
}
