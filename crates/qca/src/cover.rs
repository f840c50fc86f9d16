//! Solving a PI chart: the minimum number of prime implicants that cover every positive row,
//! every cover of that size in R QCA's model order, and (for `all_sol`) every irredundant
//! cover by size.
//!
//! The chart is reduced (essential PIs, row and column dominance), split into independent
//! components, and each component is solved by branch and bound with a Lagrangian lower bound.
//! Work budgets bound every search: the result is then flagged as truncated, never a hang.

use crate::bits::{BitSet, IntMap};
use crate::ccubes::Pi;

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
