//! Solving a PI chart: the minimum number of prime implicants that cover every positive row,
//! every cover of that size in R QCA's model order, and (for `all_sol`) every irredundant
//! cover by size.
//!
//! The chart is reduced (essential PIs, row and column dominance), split into independent
//! components, and each component is solved by branch and bound with a Lagrangian lower bound.
//! Work budgets bound every search: the result is then flagged as truncated, never a hang.

use std::cell::Cell;

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

/// Subgradient steps of the Lagrangian bound at a search node.
const NODE_ITERATIONS: usize = 25;

/// What the exact search learnt about one chart component.
struct Bounds {
    /// A proven lower bound on the minimum cover size.
    lower: usize,
    /// The best cover found (PI indices, ascending); minimum when `lower == best.len()`.
    best: Vec<usize>,
}

/// Minimum cover of a chart after the classical reductions (essential PIs, row and column
/// dominance), with the exact search on the cyclic core: a Lagrangian heuristic gives a cover
/// and a lower bound, and branch and bound closes the gap from below while the budget lasts.
fn min_size(covers: &[Vec<u32>], n: usize, budget: &Cell<u64>) -> Bounds {
    let npi = covers.len();
    let mut picked: Vec<usize> = Vec::new();
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
                picked.push(p);
                alive_pis[p] = false;
                for &rr in &covers[p] {
                    alive_rows[rr as usize] = false;
                }
                changed = true;
            }
        }
        if !alive_rows.iter().any(|&a| a) {
            picked.sort_unstable();
            return Bounds {
                lower: size,
                best: picked,
            };
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
    let core_pis: Vec<usize> = (0..npi)
        .filter(|&p| alive_pis[p] && covers[p].iter().any(|&r| local[r as usize] != u32::MAX))
        .collect();
    let sub: Vec<Vec<u32>> = core_pis
        .iter()
        .map(|&p| {
            covers[p]
                .iter()
                .filter(|&&r| local[r as usize] != u32::MAX)
                .map(|&r| local[r as usize])
                .collect::<Vec<u32>>()
        })
        .collect();
    let nrows = rows.len();
    let chart = Chart::new(&sub, nrows, budget);
    let greedy = greedy_cover(&sub, nrows, &BitSet::new(nrows));
    // The bound, with the covers its primal heuristic builds on the way.
    let relaxed = lagrangian_heuristic(&sub, nrows, greedy, budget);
    let floor = (relaxed.bound - 1e-6).ceil().max(0.0) as usize;
    // Two-for-one and three-for-two swaps, unless the bound already proves the cover.
    let mut best = relaxed.cover.clone();
    if floor < best.len() {
        let (cover, spent) = swap_two_for_one(&sub, &chart.by_row, nrows, best, budget.get() / 10);
        best = cover;
        budget.set(budget.get().saturating_sub(spent));
    }
    let mut k = chart
        .lower_bound(&BitSet::new(nrows), &BitSet::new(sub.len()))
        .max(floor)
        .max(1);
    // Branch and bound for a cover of at most `k` PIs, on the PIs reduced-cost fixing
    // leaves, the node bounds starting from the root's multipliers. `Some(cover)` when one
    // is found, `None` when there is none (the search was complete), `Err` when the budget
    // ran out.
    let better = |k: usize| -> Result<Option<Vec<usize>>, ()> {
        let keep = pis_within(&relaxed, k);
        let fixed: Vec<Vec<u32>> = keep.iter().map(|&p| sub[p].clone()).collect();
        if rows_of(&fixed, nrows).iter().any(Vec::is_empty) {
            return Ok(None); // some row has no candidate left
        }
        let mut out = Vec::new();
        let complete = Chart::new(&fixed, nrows, budget).warm(&relaxed.u).search(
            &BitSet::new(nrows),
            &mut BitSet::new(fixed.len()),
            &mut Vec::new(),
            k,
            1,
            &mut out,
        );
        match out.pop() {
            Some(c) => Ok(Some(c.into_iter().map(|i| keep[i]).collect())),
            None if complete => Ok(None),
            None => Err(()),
        }
    };
    // From above: a cover one PI smaller than the best, again and again, with `allowance` of
    // the budget (a complete search that finds none proves the best minimal).
    let descend = |best: &mut Vec<usize>, k: &mut usize, allowance: u64| {
        let reserve = budget.get().saturating_sub(allowance);
        budget.set(budget.get() - reserve);
        while *k < best.len() {
            match better(best.len() - 1) {
                Ok(Some(c)) => *best = c,
                Ok(None) => *k = best.len(),
                Err(()) => break,
            }
        }
        budget.set(budget.get() + reserve);
    };
    // A tenth of the budget first: the exact search settles most charts with that. Then the
    // weighted local search, which finds much smaller covers of large charts than branch and
    // bound, with 60 % of what is left; then the exact search again with half of the rest.
    descend(&mut best, &mut k, budget.get() / 10);
    if k < best.len() {
        let (cover, spent) =
            weighted_local_search(&sub, &chart.by_row, nrows, best, k, budget.get() / 5 * 3);
        best = cover;
        budget.set(budget.get().saturating_sub(spent));
    }
    descend(&mut best, &mut k, budget.get() / 2);
    // From below with the rest: each complete search without a cover of k PIs raises the
    // proven bound.
    while k < best.len() {
        match better(k) {
            Ok(Some(c)) => {
                best = c;
                break;
            }
            Ok(None) => k += 1,
            Err(()) => break,
        }
    }
    let lower = size + k.min(best.len());
    picked.extend(best.into_iter().map(|i| core_pis[i]));
    picked.sort_unstable();
    Bounds {
        lower,
        best: picked,
    }
}

/// Subgradient steps of the Lagrangian heuristic at most, and how often it builds a cover.
const HEURISTIC_ITERATIONS: usize = 20_000;
const HEURISTIC_EVERY: usize = 5;
/// Steps without a better bound before the step factor λ is halved, and the λ at which the
/// ascent stops.
const STALL: usize = 30;
const MIN_LAMBDA: f64 = 0.002;

/// The Lagrangian relaxation of a set-cover chart (`covers[p]` = the rows PI `p` covers)
/// optimised by subgradient ascent, with a primal heuristic on the reduced costs every few
/// steps (Beasley 1990; the scores of Caprara, Fischetti & Toth 1999). For multipliers
/// `u ≥ 0` on the rows, `L(u) = Σ_r u_r + Σ_p min(0, 1 − Σ_{r∈p} u_r)` is a lower bound on the
/// minimum cover size. Returns the best bound and the smallest cover found (`start` if none is
/// smaller), as ascending PI indices. Charges its work to `budget`, using at most half of it.
fn lagrangian_heuristic(
    covers: &[Vec<u32>],
    n: usize,
    start: Vec<usize>,
    budget: &Cell<u64>,
) -> Relaxed {
    let mut best_cover = start;
    if n == 0 || covers.is_empty() {
        return Relaxed {
            bound: 0.0,
            cover: best_cover,
            u: vec![0.0; n],
            reduced: vec![1.0; covers.len()],
        };
    }
    let by_row = rows_of(covers, n);
    if by_row.iter().any(Vec::is_empty) {
        return Relaxed {
            bound: f64::INFINITY,
            cover: best_cover,
            u: vec![0.0; n],
            reduced: vec![1.0; covers.len()],
        };
    }
    let nnz: u64 = covers.iter().map(|c| c.len() as u64).sum();
    let step = nnz + n as u64 + covers.len() as u64;
    let mut allowance = budget.get() / 2;
    // Multipliers start at the least cost per row of the cheapest way to cover it.
    let mut u: Vec<f64> = by_row
        .iter()
        .map(|c| {
            c.iter()
                .map(|&p| 1.0 / covers[p as usize].len() as f64)
                .fold(0.0, f64::max)
        })
        .collect();
    let mut reduced = vec![0.0f64; covers.len()];
    let mut best_reduced = vec![1.0f64; covers.len()];
    let mut best_u = vec![0.0f64; n];
    let mut g = vec![0.0f64; n];
    let mut best = 0.0f64;
    // Beasley's step control: large steps, halved after a stall.
    let mut lambda = 2.0;
    let mut stalled = 0;
    // Covers (a scan of the PIs for each PI taken) are built every few steps while they take
    // at most a quarter of the allowance: on large charts the bound needs the steps more.
    let mut cover_allowance = allowance / 4;
    for it in 0..HEURISTIC_ITERATIONS {
        let cover_cost = nnz + (covers.len() * best_cover.len()) as u64;
        let build = it % HEURISTIC_EVERY == 0
            && cover_cost <= cover_allowance
            && step + cover_cost <= allowance;
        let cost = if build {
            cover_allowance -= cover_cost;
            step + cover_cost
        } else {
            step
        };
        if allowance < cost {
            break;
        }
        allowance -= cost;
        budget.set(budget.get() - cost);
        let mut value: f64 = u.iter().sum();
        g.iter_mut().for_each(|x| *x = 1.0);
        for (p, c) in covers.iter().enumerate() {
            let rc = 1.0 - c.iter().map(|&r| u[r as usize]).sum::<f64>();
            reduced[p] = rc;
            if rc < 0.0 {
                value += rc;
                for &r in c {
                    g[r as usize] -= 1.0;
                }
            }
        }
        let improved = value > best + 1e-9;
        best = best.max(value);
        let ub = best_cover.len() as f64;
        if (best - 1e-6).ceil() >= ub {
            break; // the cover is proven minimal
        }
        if improved {
            best_reduced.clone_from(&reduced);
            best_u.clone_from(&u);
            stalled = 0;
        } else {
            // Halve λ after a stretch without a better bound, stop when the steps have become
            // too small to matter.
            stalled += 1;
            if stalled >= STALL {
                lambda /= 2.0;
                stalled = 0;
                if lambda < MIN_LAMBDA {
                    break;
                }
            }
        }
        if build {
            let c = reduced_cost_cover(covers, &by_row, n, &reduced);
            if c.len() < best_cover.len() {
                best_cover = c;
            }
        }
        // The projected subgradient: a row at u = 0 that is over-covered keeps u = 0
        // and takes no part in the step length.
        for (x, d) in u.iter().zip(g.iter_mut()) {
            if *x <= 0.0 && *d < 0.0 {
                *d = 0.0;
            }
        }
        let norm: f64 = g.iter().map(|x| x * x).sum();
        if norm == 0.0 {
            break; // u is optimal for the relaxation
        }
        let target = 1.05 * best_cover.len() as f64;
        let t = lambda * (target - value).max(1e-3) / norm;
        for (x, &d) in u.iter_mut().zip(&g) {
            *x = (*x + t * d).max(0.0);
        }
    }
    Relaxed {
        bound: best,
        cover: best_cover,
        u: best_u,
        reduced: best_reduced,
    }
}

/// What the Lagrangian heuristic found: the bound, the smallest cover, and the multipliers
/// of the bound with the PIs' reduced costs under them.
struct Relaxed {
    /// `L(u)`, a lower bound on the minimum cover size.
    bound: f64,
    /// The smallest cover found (ascending PI indices).
    cover: Vec<usize>,
    /// The row multipliers `u` of `bound`.
    u: Vec<f64>,
    /// `1 − Σ_{r∈p} u_r` for each PI `p`.
    reduced: Vec<f64>,
}

/// Reduced-cost fixing: a cover containing PI `p` has at least `L(u) + rc_p` PIs when
/// `rc_p > 0` (forcing `p` in adds its reduced cost to the relaxation), so only the PIs with
/// `L(u) + max(rc_p, 0) ≤ k` can be part of a cover of `k` PIs. Ascending indices.
fn pis_within(r: &Relaxed, k: usize) -> Vec<usize> {
    let limit = k as f64 + 1e-6;
    (0..r.reduced.len())
        .filter(|&p| r.bound + r.reduced[p].max(0.0) <= limit)
        .collect()
}

/// Local search on a cover: two of its PIs replaced by one PI that covers every row only they
/// covered (or dropped when no row needs them), first improving pair in index order; when no
/// pair improves, three PIs replaced by two; until neither improves or `allowance` work units
/// are spent. Ascending PI indices, and the work spent.
fn swap_two_for_one(
    covers: &[Vec<u32>],
    by_row: &[Vec<u32>],
    n: usize,
    start: Vec<usize>,
    allowance: u64,
) -> (Vec<usize>, u64) {
    let mut cover = start;
    let mut mult = vec![0u32; n];
    for &p in &cover {
        for &r in &covers[p] {
            mult[r as usize] += 1;
        }
    }
    let mut spent = 0u64;
    let mut open: Vec<u32> = Vec::new();
    'improve: loop {
        for i in 0..cover.len() {
            for j in i + 1..cover.len() {
                let (a, b) = (cover[i], cover[j]);
                // Rows covered by a and b and by no other PI of the cover.
                rows_only_of(covers, &mult, &[a, b], &mut open);
                spent += (covers[a].len() + covers[b].len()) as u64;
                let replacement = match open.first() {
                    None => None,
                    Some(&r0) => {
                        let cands = &by_row[r0 as usize];
                        spent += (cands.len() * open.len()) as u64;
                        cands.iter().map(|&q| q as usize).find(|&q| {
                            q != a
                                && q != b
                                && open.iter().all(|r| covers[q].binary_search(r).is_ok())
                        })
                    }
                };
                if open.is_empty() || replacement.is_some() {
                    let added: Vec<usize> = replacement.into_iter().collect();
                    exchange(covers, &mut mult, &mut cover, &[a, b], &added);
                    continue 'improve;
                }
                if spent > allowance {
                    break 'improve;
                }
            }
        }
        // No pair improves: three PIs replaced by two.
        for i in 0..cover.len() {
            for j in i + 1..cover.len() {
                for l in j + 1..cover.len() {
                    let trio = [cover[i], cover[j], cover[l]];
                    rows_only_of(covers, &mult, &trio, &mut open);
                    spent += trio
                        .iter()
                        .map(|&p| 3 * covers[p].len() as u64)
                        .sum::<u64>();
                    let Some(&r0) = open.iter().min_by_key(|&&r| by_row[r as usize].len()) else {
                        continue;
                    };
                    let mut pair = None;
                    for &q1 in &by_row[r0 as usize] {
                        let q1 = q1 as usize;
                        if trio.contains(&q1) {
                            continue;
                        }
                        let rest: Vec<u32> = open
                            .iter()
                            .copied()
                            .filter(|r| covers[q1].binary_search(r).is_err())
                            .collect();
                        let Some(&r1) = rest.first() else {
                            pair = Some((q1, None));
                            break;
                        };
                        let cands = &by_row[r1 as usize];
                        spent += (open.len() + cands.len() * rest.len()) as u64;
                        if spent > allowance {
                            break 'improve;
                        }
                        if let Some(q2) = cands.iter().map(|&q| q as usize).find(|&q2| {
                            !trio.contains(&q2)
                                && rest.iter().all(|r| covers[q2].binary_search(r).is_ok())
                        }) {
                            pair = Some((q1, Some(q2)));
                            break;
                        }
                    }
                    if let Some((q1, q2)) = pair {
                        let added: Vec<usize> = std::iter::once(q1).chain(q2).collect();
                        exchange(covers, &mut mult, &mut cover, &trio, &added);
                        continue 'improve;
                    }
                    if spent > allowance {
                        break 'improve;
                    }
                }
            }
        }
        break;
    }
    (cover, spent)
}

/// Row-weighting local search for unicost set cover (Gao, Weise & Li 2015, "RWLS"), from the
/// cover `start`: whenever the current PIs cover every row the set is recorded and its least
/// useful PI dropped; otherwise one PI leaves (the least useful, not the one just added) and
/// one enters (the most useful for a pseudo-randomly chosen open row, among those whose
/// neighbourhood changed since they left: configuration checking), and every open row's
/// weight grows by one. Ties go to the PI that changed least recently, then to the lower
/// index; the row choice is seeded, so the search is deterministic. Returns the smallest cover
/// found (ascending PI indices) and the work spent, at most about `allowance`.
fn weighted_local_search(
    covers: &[Vec<u32>],
    by_row: &[Vec<u32>],
    n: usize,
    start: Vec<usize>,
    floor: usize,
    allowance: u64,
) -> (Vec<usize>, u64) {
    if n == 0 || start.len() <= floor.max(1) {
        return (start, 0);
    }
    let mut s = Weighted::new(covers, by_row, n, &start);
    let mut best = start;
    let mut tabu = usize::MAX;
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    while s.spent < allowance {
        while s.open.is_empty() {
            if s.current.len() < best.len() {
                best.clone_from(&s.current);
                best.sort_unstable();
                if best.len() <= floor {
                    return (best, s.spent);
                }
            }
            let Some(p) = s.least_useful(usize::MAX) else {
                return (best, s.spent);
            };
            s.toggle(p, false);
        }
        // One out ...
        if let Some(p) = s.least_useful(tabu) {
            s.toggle(p, false);
            s.can_add[p] = false;
        }
        // ... one in, for a pseudo-random open row.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let r = s.open[(x % s.open.len() as u64) as usize] as usize;
        let q = s.most_useful(r);
        s.toggle(q, true);
        tabu = q;
        s.weigh_open_rows();
    }
    (best, s.spent)
}

/// The state of [`weighted_local_search`].
struct Weighted<'a> {
    covers: &'a [Vec<u32>],
    by_row: &'a [Vec<u32>],
    /// Row weights.
    weight: Vec<i64>,
    /// How many PIs of the current set cover each row, and which one when exactly one does.
    mult: Vec<u32>,
    only: Vec<u32>,
    inside: Vec<bool>,
    /// The current PIs.
    current: Vec<usize>,
    /// Weight of the open rows a PI outside would cover; minus the weight of the rows a PI
    /// inside covers alone.
    score: Vec<i64>,
    /// When each PI last changed sides.
    stamp: Vec<u64>,
    step: u64,
    /// Configuration checking: a PI that left may come back only after a neighbour changed.
    can_add: Vec<bool>,
    /// The open rows, and each one's position in that list.
    open: Vec<u32>,
    at: Vec<u32>,
    spent: u64,
}

impl<'a> Weighted<'a> {
    fn new(covers: &'a [Vec<u32>], by_row: &'a [Vec<u32>], n: usize, start: &[usize]) -> Self {
        let npi = covers.len();
        let mut s = Weighted {
            covers,
            by_row,
            weight: vec![1; n],
            mult: vec![0; n],
            only: vec![u32::MAX; n],
            inside: vec![false; npi],
            current: Vec::with_capacity(start.len() + 1),
            score: vec![0; npi],
            stamp: vec![0; npi],
            step: 0,
            can_add: vec![true; npi],
            open: Vec::new(),
            at: vec![u32::MAX; n],
            spent: 0,
        };
        // Start from the empty set: every row open, then the cover's PIs in.
        for (r, cands) in by_row.iter().enumerate() {
            s.at[r] = r as u32;
            s.open.push(r as u32);
            for &q in cands {
                s.score[q as usize] += 1;
            }
        }
        for &p in start {
            s.toggle(p, true);
        }
        s
    }

    /// Moves PI `p` into the set (`add`) or out of it, keeping the counts, the open rows, the
    /// scores and the neighbours' configuration checks.
    fn toggle(&mut self, p: usize, add: bool) {
        self.inside[p] = add;
        if add {
            self.current.push(p);
        } else {
            self.current.retain(|&q| q != p);
        }
        self.step += 1;
        self.stamp[p] = self.step;
        self.spent += self.current.len() as u64;
        for &r in &self.covers[p] {
            let r = r as usize;
            let w = self.weight[r];
            let cands = &self.by_row[r];
            self.spent += cands.len() as u64 + 1;
            for &q in cands {
                self.can_add[q as usize] = true;
            }
            if add {
                match self.mult[r] {
                    0 => {
                        // The row closes: nobody gains it any more, and p alone covers it.
                        for &q in cands {
                            self.score[q as usize] -= w;
                        }
                        self.score[p] -= w;
                        self.only[r] = p as u32;
                        let i = self.at[r] as usize;
                        self.open.swap_remove(i);
                        if let Some(&moved) = self.open.get(i) {
                            self.at[moved as usize] = i as u32;
                        }
                        self.at[r] = u32::MAX;
                    }
                    1 => self.score[self.only[r] as usize] += w,
                    _ => {}
                }
                self.mult[r] += 1;
            } else {
                self.mult[r] -= 1;
                match self.mult[r] {
                    0 => {
                        // The row opens: every candidate (p among them) would gain it.
                        self.score[p] += w;
                        for &q in cands {
                            self.score[q as usize] += w;
                        }
                        self.at[r] = self.open.len() as u32;
                        self.open.push(r as u32);
                    }
                    1 => {
                        let inside = &self.inside;
                        if let Some(&q) = cands.iter().find(|&&q| inside[q as usize]) {
                            self.only[r] = q;
                            self.score[q as usize] -= w;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Whether PI `a` is a better pick than `b`: higher score, then older stamp, then lower
    /// index.
    fn before(&self, a: usize, b: usize) -> bool {
        (
            self.score[a],
            std::cmp::Reverse(self.stamp[a]),
            std::cmp::Reverse(a),
        ) > (
            self.score[b],
            std::cmp::Reverse(self.stamp[b]),
            std::cmp::Reverse(b),
        )
    }

    /// The PI of the set whose removal loses least, other than `tabu`.
    fn least_useful(&self, tabu: usize) -> Option<usize> {
        self.current
            .iter()
            .copied()
            .filter(|&p| p != tabu)
            .reduce(|a, b| if self.before(b, a) { b } else { a })
    }

    /// The most useful candidate of open row `r` allowed back in (any candidate when none is).
    fn most_useful(&mut self, r: usize) -> usize {
        let cands = &self.by_row[r];
        self.spent += cands.len() as u64;
        let pick = |allowed: bool| {
            cands
                .iter()
                .map(|&q| q as usize)
                .filter(|&q| !allowed || self.can_add[q])
                .reduce(|a, b| if self.before(b, a) { b } else { a })
        };
        pick(true)
            .or_else(|| pick(false))
            .expect("every row has a candidate")
    }

    /// Every open row weighs one more.
    fn weigh_open_rows(&mut self) {
        for &r in &self.open {
            let r = r as usize;
            self.weight[r] += 1;
            for &q in &self.by_row[r] {
                self.score[q as usize] += 1;
            }
            self.spent += self.by_row[r].len() as u64 + 1;
        }
    }
}

/// The rows covered by the PIs of `group` and by no other PI of the cover (`mult[r]`: how
/// many PIs of the cover cover row `r`), ascending, into `open`.
fn rows_only_of(covers: &[Vec<u32>], mult: &[u32], group: &[usize], open: &mut Vec<u32>) {
    open.clear();
    for &p in group {
        open.extend(covers[p].iter().filter(|&&r| {
            let in_group = group
                .iter()
                .filter(|&&q| covers[q].binary_search(&r).is_ok())
                .count() as u32;
            mult[r as usize] == in_group
        }));
    }
    open.sort_unstable();
    open.dedup();
}

/// Replaces the PIs `removed` of `cover` by the PIs `added`, keeping the row counts `mult`
/// and the cover ascending.
fn exchange(
    covers: &[Vec<u32>],
    mult: &mut [u32],
    cover: &mut Vec<usize>,
    removed: &[usize],
    added: &[usize],
) {
    for &p in removed {
        for &r in &covers[p] {
            mult[r as usize] -= 1;
        }
    }
    cover.retain(|p| !removed.contains(p));
    for &q in added {
        for &r in &covers[q] {
            mult[r as usize] += 1;
        }
        cover.push(q);
    }
    cover.sort_unstable();
    cover.dedup();
}

/// A cover built on reduced costs: repeatedly the PI of the best score (reduced cost per newly
/// covered row when positive, times it when negative; lowest index on ties), then redundant
/// PIs dropped, largest reduced cost first. Ascending PI indices.
fn reduced_cost_cover(
    covers: &[Vec<u32>],
    by_row: &[Vec<u32>],
    n: usize,
    reduced: &[f64],
) -> Vec<usize> {
    let mut gain: Vec<u32> = covers.iter().map(|c| c.len() as u32).collect();
    let mut covered = vec![false; n];
    let mut left = n;
    let mut chosen = Vec::new();
    while left > 0 {
        let mut pick = usize::MAX;
        let mut score = f64::INFINITY;
        for (p, &m) in gain.iter().enumerate() {
            if m == 0 {
                continue;
            }
            let m = f64::from(m);
            let rc = reduced[p];
            let s = if rc > 0.0 { rc / m } else { rc * m };
            if s < score {
                score = s;
                pick = p;
            }
        }
        if pick == usize::MAX {
            break;
        }
        chosen.push(pick);
        for &r in &covers[pick] {
            let r = r as usize;
            if !covered[r] {
                covered[r] = true;
                left -= 1;
                for &q in &by_row[r] {
                    gain[q as usize] -= 1;
                }
            }
        }
    }
    // Drop redundant PIs, largest reduced cost first.
    let mut mult = vec![0u32; n];
    for &p in &chosen {
        for &r in &covers[p] {
            mult[r as usize] += 1;
        }
    }
    chosen.sort_by(|&a, &b| reduced[b].total_cmp(&reduced[a]).then(a.cmp(&b)));
    chosen.retain(|&p| {
        if covers[p].iter().all(|&r| mult[r as usize] > 1) {
            for &r in &covers[p] {
                mult[r as usize] -= 1;
            }
            false
        } else {
            true
        }
    });
    chosen.sort_unstable();
    chosen
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
    budget: &'a Cell<u64>,
    /// Work of one search node: rows (sorted for the bound) plus chart incidences.
    weight: u64,
    /// Row multipliers the node bounds start from (good ones from the root relaxation make
    /// the few subgradient steps of a node count); `None`: one over the row's candidates.
    start: Option<&'a [f64]>,
    /// Whether a cover with fewer than `target` PIs counts too (the search for a better
    /// cover); otherwise exactly `target` (the listing of minimal covers).
    at_most: bool,
}

impl<'a> Chart<'a> {
    fn new(covers: &'a [Vec<u32>], n: usize, budget: &'a Cell<u64>) -> Chart<'a> {
        let by_row = rows_of(covers, n);
        // Finding the branching row and the lower bound (a sort of the open rows) dominate.
        let log = u64::from(usize::BITS - n.leading_zeros());
        let weight = n as u64 * (2 + log) + by_row.iter().map(Vec::len).sum::<usize>() as u64 + 1;
        Chart {
            covers,
            by_row,
            n,
            budget,
            weight,
            start: None,
            at_most: false,
        }
    }

    /// The same chart, its node bounds starting from the multipliers `u` (one per row), its
    /// search taking any cover of at most the target size.
    fn warm(self, u: &'a [f64]) -> Chart<'a> {
        Chart {
            start: Some(u),
            at_most: true,
            ..self
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
            u[r] = match self.start {
                Some(u0) => u0[r],
                None => 1.0 / ncand[r] as f64,
            };
        }
        let target = enough + 1.0;
        let mut best = 0.0f64;
        // From good multipliers, small steps.
        let mut step = if self.start.is_some() { 0.25 } else { 1.0 };
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
            if chosen.len() == target || (self.at_most && chosen.len() < target) {
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

/// The solution of a PI chart by [`min_covers`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Covers {
    /// The models (ascending PI indices), in lexicographic order: every cover of the minimum
    /// size up to `max_models` when `proven`, else the smallest cover found.
    pub models: Vec<Vec<usize>>,
    /// A proven lower bound on the minimum cover size (the size itself when `proven`).
    pub lower_bound: usize,
    /// Whether the models' size is proven minimal.
    pub proven: bool,
    /// How many minimal covers exist: exact when `count_exact`, else a lower bound.
    pub count: u64,
    /// Whether `count` is exact.
    pub count_exact: bool,
}

/// All minimum covers of a PI chart (`covers[p]` = the rows PI `p` covers, ascending): every
/// cover of the minimum size in lexicographic order of PI indices (R QCA's model order); when
/// there are more than `max_models`, or more than fit in `max_cells`, the first combinations of
/// the components' covers (each component's covers in lexicographic order, the first
/// component varying slowest), sorted — not necessarily the lexicographically first covers of
/// the whole chart. At most `max_models`, and no more than `max_cells` PI indices in all (the models of a noisy
/// chart can hold tens of thousands of PIs each; `count` still says how many there are).
/// `budget` is the work (about a nanosecond each) of the whole chart to find and prove the
/// minimum, and to list the minimal covers: each component takes its share by rows of what
/// the components before it left; when a share runs out the component's best cover is
/// returned with a proven lower bound. `None` when the PIs cannot cover every row.
///
/// The chart is reduced first — PIs that are the only candidate of a row are forced, rows
/// whose candidates include all candidates of another row are implied by it — and then split
/// into independent components (rows linked by shared PIs); each component is solved
/// exactly and the covers are the products of the components' covers.
pub(crate) fn min_covers(
    covers: &[Vec<u32>],
    n: usize,
    (max_models, max_cells): (usize, usize),
    (find_budget, list_budget): (u64, u64),
    progress: &dyn Fn(usize, usize),
) -> Option<Covers> {
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
        // proven minimal (the forced PIs and a disjoint-row packing bound the minimum).
        let mut cover = forced.clone();
        cover.extend(greedy_cover(covers, n, &covered));
        cover.sort_unstable();
        return Some(Covers {
            models: vec![cover],
            lower_bound: forced.len() + 1,
            proven: false,
            count: 0,
            count_exact: false,
        });
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
    let mut lower_bound = forced.len();
    let mut proven = true;
    let mut count: u64 = 1;
    let mut count_exact = true;
    let mut parts: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut local = vec![u32::MAX; n];
    // The work left for finding and for listing, shared by the components in order.
    let (mut find_left, mut list_left) = (find_budget, list_budget);
    let mut rows_left: usize = groups.iter().map(Vec::len).sum();
    for (g, rows) in groups.iter().enumerate() {
        progress(g, groups.len());
        let ahead = rows_left.max(1) as u128;
        rows_left -= rows.len();
        let share = |left: u64| (u128::from(left) * rows.len() as u128 / ahead) as u64;
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
        let find = share(find_left);
        let work = Cell::new(find);
        let bounds = min_size(&sub, rows.len(), &work);
        find_left -= find - work.get();
        let k = bounds.best.len();
        lower_bound += bounds.lower;
        let found = if bounds.lower == k {
            // Proven: list the covers of that size (with its share of the listing budget).
            let list = share(list_left);
            let left = Cell::new(list);
            let chart = Chart::new(&sub, rows.len(), &left);
            let mut found = Vec::new();
            let complete = chart.search(
                &BitSet::new(rows.len()),
                &mut BitSet::new(sub.len()),
                &mut Vec::new(),
                k,
                max_models.saturating_add(1),
                &mut found,
            );
            list_left -= list - left.get();
            if found.is_empty() {
                found.push(bounds.best);
            }
            found.sort_unstable();
            count_exact &= complete && found.len() <= max_models;
            // Beyond u64 the count is a lower bound, not exact.
            count = count.checked_mul(found.len() as u64).unwrap_or_else(|| {
                count_exact = false;
                u64::MAX
            });
            found
        } else {
            proven = false;
            count_exact = false;
            count = 0;
            vec![bounds.best]
        };
        parts.push(
            found
                .into_iter()
                .map(|c| c.into_iter().map(|i| pis[i]).collect())
                .collect(),
        );
    }
    progress(groups.len(), groups.len());
    // The product of the components' covers, with the forced PIs.
    let size: usize = forced.len() + parts.iter().map(|p| p[0].len()).sum::<usize>();
    // Models of `size` PIs each, at most `max_cells` PI indices in all (at least one model).
    let max_models = max_models.min(max_cells / size.max(1)).max(1);
    // The first `max_models + 1` combinations in lexicographic order of the components'
    // covers (the first component most significant), each model built once.
    let radix: Vec<usize> = parts.iter().map(Vec::len).collect();
    let combinations = radix
        .iter()
        .try_fold(1usize, |a, &r| a.checked_mul(r))
        .unwrap_or(usize::MAX)
        .min(max_models.saturating_add(1));
    let mut digits = vec![0usize; parts.len()];
    let mut models: Vec<Vec<usize>> = Vec::with_capacity(combinations);
    for _ in 0..combinations {
        let mut m = Vec::with_capacity(size);
        m.extend_from_slice(&forced);
        for (part, &d) in parts.iter().zip(&digits) {
            m.extend_from_slice(&part[d]);
        }
        models.push(m);
        // The next combination: the last component varies fastest.
        for (d, &r) in digits.iter_mut().zip(&radix).rev() {
            *d += 1;
            if *d < r {
                break;
            }
            *d = 0;
        }
    }
    for m in &mut models {
        m.sort_unstable();
    }
    models.sort_unstable();
    models.dedup();
    if models.len() > max_models {
        models.truncate(max_models);
    }
    if proven && !count_exact {
        count = count.max(models.len() as u64);
    }
    Some(Covers {
        models,
        lower_bound,
        proven,
        count,
        count_exact,
    })
}

/// Enumerates covers of exactly `size` PIs in lexicographic order of PI indices (R QCA's
/// model order). With `irredundant`, keeps only covers from which no PI can be dropped.
/// Stops after `max_models` models or `max_nodes` search nodes; the flag says whether it
/// stopped early.
pub(crate) fn covers_of_size(
    covers: &[BitSet],
    n: usize,
    size: usize,
    (irredundant, max_nodes): (bool, u64),
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
        (irredundant, max_nodes): (bool, u64),
        max_models: usize,
        out: &mut Vec<Vec<usize>>,
        stopped: &mut bool,
        nodes: &mut u64,
    ) {
        if *stopped {
            return;
        }
        *nodes += 1;
        if *nodes > max_nodes {
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
                (irredundant, max_nodes),
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
        (irredundant, max_nodes),
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
        let mut out = Vec::new();
        covers_of_size(&covers, 6, 2, (false, u64::MAX), 10, &mut out);
        assert_eq!(out, vec![vec![1, 2]]);
        assert_eq!(
            min_covers(
                &sparse,
                6,
                (10, usize::MAX),
                (u64::MAX / 4, u64::MAX / 4),
                &|_, _| {}
            ),
            Some(Covers {
                models: vec![vec![1, 2]],
                lower_bound: 2,
                proven: true,
                count: 1,
                count_exact: true
            })
        );
        assert_eq!(
            min_covers(&sparse[..1], 6, (10, usize::MAX), (1000, 1000), &|_, _| {}),
            None
        );
    }

    /// Ten independent rows with two PIs each: 2^10 minimal covers of ten PIs. The list stops
    /// at the cell budget (the first covers in lexicographic order) while the count stays
    /// exact; the same list as without the cap, only shorter.
    #[test]
    fn the_model_list_stops_at_its_cell_budget() {
        let sparse: Vec<Vec<u32>> = (0..20u32).map(|p| vec![p / 2]).collect();
        let full = min_covers(
            &sparse,
            10,
            (2000, usize::MAX),
            (1 << 30, 1 << 30),
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(full.models.len(), 1024);
        assert_eq!((full.count, full.count_exact), (1024, true));
        let cut = min_covers(&sparse, 10, (2000, 55), (1 << 30, 1 << 30), &|_, _| {}).unwrap();
        assert_eq!(cut.models.len(), 5);
        assert_eq!(cut.models[..], full.models[..5]);
        assert_eq!((cut.count, cut.proven), (1024, true));
        // At least one model, however small the budget.
        let one = min_covers(&sparse, 10, (2000, 1), (1 << 30, 1 << 30), &|_, _| {}).unwrap();
        assert_eq!(one.models, full.models[..1]);
    }

    /// Random charts: the proven minimum and every minimal cover match a brute-force search
    /// over all subsets of PIs; with a tiny budget the best cover is still a cover and the
    /// lower bound is at most the minimum.
    /// `count` random charts of up to `max_rows` rows and `max_pis` PIs (seeded), each with
    /// its minimal covers found by brute force over all subsets of PIs.
    #[allow(clippy::type_complexity)]
    fn random_charts(
        count: usize,
        max_rows: u64,
        max_pis: u64,
    ) -> Vec<(Vec<Vec<u32>>, usize, Vec<Vec<usize>>)> {
        let mut x = 7u64;
        let mut next = move |m: u64| {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % m
        };
        (0..count)
            .map(|_| {
                let n = 1 + next(max_rows) as usize;
                let npi = 1 + next(max_pis) as usize;
                let covers: Vec<Vec<u32>> = (0..npi)
                    .map(|_| {
                        let mut c: Vec<u32> = (0..n as u32).filter(|_| next(3) == 0).collect();
                        if c.is_empty() {
                            c.push(next(n as u64) as u32);
                        }
                        c
                    })
                    .collect();
                let mut best: Option<usize> = None;
                let mut all: Vec<Vec<usize>> = Vec::new();
                for mask in 0u32..1 << npi {
                    let s: Vec<usize> = (0..npi).filter(|&p| mask >> p & 1 == 1).collect();
                    if is_cover(&covers, n, &s) {
                        match best {
                            Some(b) if s.len() > b => {}
                            Some(b) if s.len() == b => all.push(s),
                            _ => {
                                best = Some(s.len());
                                all = vec![s];
                            }
                        }
                    }
                }
                all.sort();
                (covers, n, all)
            })
            .collect()
    }

    fn is_cover(covers: &[Vec<u32>], n: usize, s: &[usize]) -> bool {
        (0..n as u32).all(|r| s.iter().any(|&p| covers[p].contains(&r)))
    }

    #[test]
    fn min_covers_match_brute_force() {
        for (covers, n, all) in random_charts(300, 12, 13) {
            let is_cover = |s: &[usize]| is_cover(&covers, n, s);
            let best = all.first().map(Vec::len);
            let got = min_covers(
                &covers,
                n,
                (1000, usize::MAX),
                (1 << 40, 1 << 40),
                &|_, _| {},
            );
            let Some(b) = best else {
                assert!(got.is_none());
                continue;
            };
            let got = got.unwrap();
            assert!(got.proven);
            assert_eq!(got.lower_bound, b);
            assert_eq!(got.models, all, "{covers:?}");
            assert_eq!(got.count, all.len() as u64);
            assert!(got.count_exact);
            let cut = min_covers(&covers, n, (1000, usize::MAX), (50, 50), &|_, _| {}).unwrap();
            assert!(cut.lower_bound <= b);
            assert!(cut.models.iter().all(|m| is_cover(m)));
            assert_eq!(cut.proven, cut.models[0].len() == cut.lower_bound);
        }
    }

    /// The weighted local search ends on a minimum cover of small random charts (checked by
    /// brute force), stays within its allowance, and stops as soon as it reaches `floor`.
    #[test]
    fn weighted_local_search_finds_the_minimum() {
        for (covers, n, all) in random_charts(200, 14, 16) {
            let Some(min) = all.first().map(Vec::len) else {
                continue;
            };
            let by_row = rows_of(&covers, n);
            let start = greedy_cover(&covers, n, &BitSet::new(n));
            let (got, spent) =
                weighted_local_search(&covers, &by_row, n, start.clone(), 0, 200_000);
            assert!(is_cover(&covers, n, &got), "{covers:?}");
            assert_eq!(got.len(), min, "{covers:?}");
            assert!(got.windows(2).all(|w| w[0] < w[1]));
            assert!(spent < 200_000 + 1_000);
            // Told that the minimum is `min`, it stops there.
            let (early, quick) = weighted_local_search(&covers, &by_row, n, start, min, 200_000);
            assert_eq!(early.len(), min);
            assert!(quick < spent || spent < 1_000, "{quick} {spent}");
        }
    }
}
