//! Exact prime-implicant search (Consistency Cubes, Dusa 2018) and PI-chart solving.
//!
//! Implicants are grown by complexity level. At level `c`, every combination `S` of `c`
//! conditions projects the positive rows onto `S`; a projection is an implicant when
//! (parsimonious search) no negative row has the same projection, or (complete search) every
//! configuration it spans is allowed. It is prime when no implicant of lower complexity
//! subsumes it. Levels are independent given the earlier ones, so each level runs in
//! parallel (rayon) and is merged in combination order: the result never depends on the
//! number of threads.

use rayon::prelude::*;

use crate::bits::{BitSet, IntMap, IntSet};

/// How candidate implicants are tested.
pub(crate) enum Test<'a> {
    /// Parsimonious: no negative row may share the projection (remainders are don't cares).
    /// Stops after the chart is solvable and two more levels add no PI, as R QCA does.
    NoNegative(&'a [Vec<u32>]),
    /// Complete: every configuration the implicant spans must be in `ok` (positive rows and
    /// don't cares); all PIs are found.
    AllAllowed(&'a [Vec<u32>]),
}

/// A prime implicant: codes (0 absent, v+1 value v) and the positive rows it covers.
#[derive(Debug, Clone)]
pub(crate) struct Pi {
    pub codes: Vec<u8>,
    pub mask: u64,
    pub cover: BitSet,
    pub nlit: usize,
}

fn combinations(k: usize, c: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if c > k {
        return out;
    }
    let mut idx: Vec<usize> = (0..c).collect();
    loop {
        out.push(idx.clone());
        let mut i = c;
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if idx[i] < k - c + i {
                idx[i] += 1;
                for j in i + 1..c {
                    idx[j] = idx[j - 1] + 1;
                }
                break;
            }
        }
    }
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

/// The PIs of lower levels, for the primality test: a linear scan when there are few, a hash
/// lookup of every proper sub-term of the candidate when that is cheaper.
pub(crate) struct Subsumers<'a> {
    found: &'a [Pi],
    set: Option<std::collections::HashSet<Vec<u8>>>,
}

impl<'a> Subsumers<'a> {
    fn new(found: &'a [Pi], level: usize) -> Subsumers<'a> {
        let use_set = level < 20 && (1usize << level) < found.len();
        Subsumers {
            found,
            set: use_set.then(|| found.iter().map(|p| p.codes.clone()).collect()),
        }
    }

    fn subsumes(&self, codes: &[u8], mask: u64, s: &[usize]) -> bool {
        match &self.set {
            None => subsumed(self.found, codes, mask),
            Some(set) => {
                let c = s.len();
                let mut sub = vec![0u8; codes.len()];
                (1u32..(1u32 << c) - 1).any(|bits| {
                    sub.iter_mut().for_each(|x| *x = 0);
                    for (t, &j) in s.iter().enumerate() {
                        if bits >> t & 1 == 1 {
                            sub[j] = codes[j];
                        }
                    }
                    set.contains(&sub)
                })
            }
        }
    }
}

fn subsumed(found: &[Pi], codes: &[u8], mask: u64) -> bool {
    found.iter().any(|p| {
        p.mask & !mask == 0
            && p.mask != mask
            && codes.iter().zip(&p.codes).all(|(&a, &b)| b == 0 || a == b)
    })
}

/// Finds the prime implicants covering at least one positive row. `max_depth` limits the
/// number of literals.
pub(crate) fn find_pis(
    levels: &[u32],
    pos: &[Vec<u32>],
    test: &Test<'_>,
    max_depth: usize,
) -> Vec<Pi> {
    let k = levels.len();
    let npos = pos.len();
    let mut found: Vec<Pi> = Vec::new();
    let mut counter = 0;
    let mut sorted_levels: Vec<u64> = levels.iter().map(|&l| u64::from(l)).collect();
    sorted_levels.sort_unstable();
    for c in 1..=k.min(max_depth) {
        if let Test::AllAllowed(ok) = test {
            // The smallest span at this level must fit into the allowed set.
            let min_span = sorted_levels[..k - c]
                .iter()
                .try_fold(1u64, |a, &l| a.checked_mul(l));
            if min_span.is_none_or(|s| s > ok.len() as u64) {
                continue;
            }
        }
        let combos = combinations(k, c);
        let index = Subsumers::new(&found, c);
        let level: Vec<Vec<(Vec<u8>, u64, BitSet)>> = combos
            .par_iter()
            .map(|s| level_candidates(levels, pos, test, s, &index))
            .collect();
        let mut foundk = false;
        // Candidates come back already checked against the PIs of lower levels.
        for cands in level {
            for (codes, mask, cover) in cands {
                found.push(Pi {
                    codes,
                    mask,
                    cover,
                    nlit: c,
                });
                foundk = true;
            }
        }
        if let Test::NoNegative(_) = test {
            if !found.is_empty() {
                let mut all = BitSet::new(npos);
                for p in &found {
                    all.union_with(&p.cover);
                }
                if all.count() == npos {
                    if foundk {
                        counter = 0;
                    } else {
                        counter += 1;
                    }
                }
                if counter > 1 {
                    break;
                }
            }
        }
    }
    found
}

fn level_candidates(
    levels: &[u32],
    pos: &[Vec<u32>],
    test: &Test<'_>,
    s: &[usize],
    lower: &Subsumers<'_>,
) -> Vec<(Vec<u8>, u64, BitSet)> {
    let k = levels.len();
    let mut order: Vec<u64> = Vec::new();
    let mut groups: IntMap<u64, Vec<usize>> = IntMap::default();
    for (i, r) in pos.iter().enumerate() {
        let kk = key(r, s, levels);
        groups
            .entry(kk)
            .or_insert_with(|| {
                order.push(kk);
                Vec::new()
            })
            .push(i);
    }
    let allowed: Box<dyn Fn(u64) -> bool> = match test {
        Test::NoNegative(neg) => {
            let negs: IntSet<u64> = neg.iter().map(|r| key(r, s, levels)).collect();
            Box::new(move |kk| !negs.contains(&kk))
        }
        Test::AllAllowed(ok) => {
            let span = (0..k)
                .filter(|j| !s.contains(j))
                .try_fold(1u64, |a, j| a.checked_mul(u64::from(levels[j])));
            let Some(span) = span else {
                return Vec::new();
            };
            if span > ok.len() as u64 {
                return Vec::new();
            }
            let mut counts: IntMap<u64, u64> = IntMap::default();
            for r in ok.iter() {
                *counts.entry(key(r, s, levels)).or_insert(0) += 1;
            }
            Box::new(move |kk| counts.get(&kk).copied() == Some(span))
        }
    };
    let mut mask = 0u64;
    for &j in s {
        mask |= 1 << j;
    }
    let mut out = Vec::new();
    for kk in order {
        if !allowed(kk) {
            continue;
        }
        let rows = &groups[&kk];
        let mut codes = vec![0u8; k];
        for &j in s {
            codes[j] = pos[rows[0]][j] as u8 + 1;
        }
        if lower.subsumes(&codes, mask, s) {
            continue;
        }
        let mut cover = BitSet::new(pos.len());
        for &i in rows {
            cover.insert(i);
        }
        out.push((codes, mask, cover));
    }
    out
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

/// Row dominance: removes every PI whose coverage is a strict subset of another's.
pub(crate) fn row_dominance(pis: Vec<Pi>) -> Vec<Pi> {
    let counts: Vec<usize> = pis.iter().map(|p| p.cover.count()).collect();
    let keep: Vec<bool> = (0..pis.len())
        .map(|a| {
            !(0..pis.len())
                .any(|b| b != a && counts[b] > counts[a] && pis[a].cover.is_subset(&pis[b].cover))
        })
        .collect();
    pis.into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Charts with more open rows than this (after the essential PIs) get a greedy cover,
/// reported as not exhaustive, instead of the exact search.
pub(crate) const MAX_EXACT_ROWS: usize = 3_000;

/// Work (search nodes × chart rows) per chart component before the exact solver gives up and
/// reports that it stopped early, instead of hanging on a pathological chart (about a second).
pub(crate) const SEARCH_BUDGET: u64 = 200_000_000;

/// Minimum cover size of a chart after the classical reductions (essential PIs, row and
/// column dominance), with the exact search on the cyclic core. Returns the size and whether
/// it is proven minimal (false when the search budget ran out and a greedy bound is used).
fn min_size(covers: &[BitSet], n: usize) -> (usize, bool) {
    let npi = covers.len();
    let mut alive_rows: Vec<bool> = vec![true; n];
    let mut alive_pis: Vec<bool> = vec![true; npi];
    let mut size = 0;
    loop {
        let mut changed = false;
        // Essential PIs.
        for r in 0..n {
            if !alive_rows[r] {
                continue;
            }
            let c: Vec<usize> = (0..npi)
                .filter(|&p| alive_pis[p] && covers[p].contains(r))
                .collect();
            if c.len() == 1 {
                size += 1;
                alive_pis[c[0]] = false;
                for (rr, a) in alive_rows.iter_mut().enumerate() {
                    if covers[c[0]].contains(rr) {
                        *a = false;
                    }
                }
                changed = true;
            }
        }
        let rows: Vec<usize> = (0..n).filter(|&r| alive_rows[r]).collect();
        if rows.is_empty() {
            return (size, true);
        }
        // Column dominance: drop a PI whose remaining rows are a subset of another's.
        let mut rowset = BitSet::new(n);
        for &r in &rows {
            rowset.insert(r);
        }
        let restricted: Vec<BitSet> = covers
            .iter()
            .map(|c| {
                let mut b = c.clone();
                b.intersect_with(&rowset);
                b
            })
            .collect();
        for p in 0..npi {
            if !alive_pis[p] {
                continue;
            }
            if restricted[p].count() == 0 {
                alive_pis[p] = false;
                changed = true;
                continue;
            }
            let dominated = (0..npi).any(|q| {
                q != p
                    && alive_pis[q]
                    && restricted[p].is_subset(&restricted[q])
                    && (restricted[p] != restricted[q] || q < p)
            });
            if dominated {
                alive_pis[p] = false;
                changed = true;
            }
        }
        // Row dominance: a row whose candidates include another row's is implied by it.
        let cands: Vec<BitSet> = rows
            .iter()
            .map(|&r| {
                let mut b = BitSet::new(npi);
                for p in 0..npi {
                    if alive_pis[p] && covers[p].contains(r) {
                        b.insert(p);
                    }
                }
                b
            })
            .collect();
        for (i, &r2) in rows.iter().enumerate() {
            let implied = (0..rows.len()).any(|j| {
                j != i
                    && alive_rows[rows[j]]
                    && cands[j].is_subset(&cands[i])
                    && (cands[j] != cands[i] || j < i)
            });
            if implied {
                alive_rows[r2] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // The cyclic core.
    let rows: Vec<usize> = (0..n).filter(|&r| alive_rows[r]).collect();
    let pis: Vec<usize> = (0..npi).filter(|&p| alive_pis[p]).collect();
    let sub: Vec<BitSet> = pis
        .iter()
        .map(|&p| {
            let mut b = BitSet::new(rows.len());
            for (i, &r) in rows.iter().enumerate() {
                if covers[p].contains(r) {
                    b.insert(i);
                }
            }
            b
        })
        .collect();
    let chart = Chart::new(&sub, rows.len());
    let greedy = greedy_size(&sub, rows.len());
    let mut k = chart
        .lower_bound(&BitSet::new(rows.len()), &BitSet::new(sub.len()))
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

fn greedy_cover(covers: &[BitSet], n: usize) -> Vec<usize> {
    let mut covered = BitSet::new(n);
    let mut out = Vec::new();
    while covered.count() < n {
        let Some((p, best)) = covers
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| c.count_minus(&covered))
        else {
            break;
        };
        if best.count_minus(&covered) == 0 {
            break;
        }
        covered.union_with(best);
        out.push(p);
    }
    out.sort_unstable();
    out
}

fn greedy_size(covers: &[BitSet], n: usize) -> usize {
    let mut covered = BitSet::new(n);
    let mut k = 0;
    while covered.count() < n {
        let Some(best) = covers.iter().max_by_key(|c| c.count_minus(&covered)) else {
            break;
        };
        if best.count_minus(&covered) == 0 {
            break;
        }
        covered.union_with(best);
        k += 1;
    }
    k
}

/// An exact set-cover solver over a PI chart: branches on the uncovered row with the fewest
/// candidate PIs (each cover must contain one of them), forbidding the earlier candidates in
/// later branches so that every cover is produced once, and prunes with a lower bound from
/// rows whose candidate sets are pairwise disjoint.
struct Chart<'a> {
    covers: &'a [BitSet],
    by_row: Vec<Vec<usize>>,
    n: usize,
    /// Search nodes left before giving up (the result is then reported as not exhaustive).
    budget: std::cell::Cell<u64>,
    /// Work of one search node: rows plus chart incidences.
    weight: u64,
}

impl<'a> Chart<'a> {
    fn new(covers: &'a [BitSet], n: usize) -> Chart<'a> {
        let by_row: Vec<Vec<usize>> = (0..n)
            .map(|r| {
                (0..covers.len())
                    .filter(|&p| covers[p].contains(r))
                    .collect()
            })
            .collect();
        let weight = (n + by_row.iter().map(Vec::len).sum::<usize>()) as u64 + 1;
        Chart {
            covers,
            by_row,
            n,
            budget: std::cell::Cell::new(SEARCH_BUDGET),
            weight,
        }
    }

    /// Lower bound on the PIs still needed: a greedy packing of uncovered rows with disjoint
    /// candidate sets (each needs its own PI).
    fn lower_bound(&self, covered: &BitSet, forbidden: &BitSet) -> usize {
        let mut rows: Vec<(usize, usize)> = (0..self.n)
            .filter(|&r| !covered.contains(r))
            .map(|r| {
                (
                    self.by_row[r]
                        .iter()
                        .filter(|&&p| !forbidden.contains(p))
                        .count(),
                    r,
                )
            })
            .collect();
        rows.sort_unstable();
        let mut used = BitSet::new(self.covers.len());
        let mut lb = 0;
        for (_, r) in rows {
            let cands = self.by_row[r].iter().filter(|&&p| !forbidden.contains(p));
            if cands.clone().all(|&p| !used.contains(p)) {
                for &p in cands {
                    used.insert(p);
                }
                lb += 1;
            }
        }
        lb
    }

    /// Collects covers with at most `slots` more PIs (exactly `target` in all) into `out`,
    /// stopping after `limit` covers. Returns false when stopped by the limit.
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
            .min_by_key(|&r| {
                self.by_row[r]
                    .iter()
                    .filter(|&&p| !forbidden.contains(p))
                    .count()
            })
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
        let mut cands: Vec<usize> = self.by_row[r]
            .iter()
            .copied()
            .filter(|&p| !forbidden.contains(p))
            .collect();
        cands.sort_by_key(|&p| std::cmp::Reverse(self.covers[p].count_minus(covered)));
        let mut newly = Vec::new();
        let mut ok = true;
        for p in cands {
            let mut c2 = covered.clone();
            c2.union_with(&self.covers[p]);
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

/// All minimum covers of a PI chart: the minimum size and every cover of that size in
/// lexicographic order of PI indices (R QCA's model order), at most `max_models` (the flag
/// says whether the limit cut the list short). `None` when the PIs cannot cover every row.
///
/// The chart is reduced first — PIs that are the only candidate of a row are forced, rows
/// whose candidates include all candidates of another row are implied by it — and then split
/// into independent components (rows linked by shared PIs); each component is solved
/// exactly and the covers are the products of the components' covers.
pub(crate) fn min_covers(
    covers: &[BitSet],
    n: usize,
    max_models: usize,
) -> Option<(usize, Vec<Vec<usize>>, bool)> {
    let npi = covers.len();
    let mut all = BitSet::new(n);
    for c in covers {
        all.union_with(c);
    }
    if all.count() < n {
        return None;
    }
    let cand: Vec<BitSet> = (0..n)
        .map(|r| {
            let mut b = BitSet::new(npi);
            for (p, c) in covers.iter().enumerate() {
                if c.contains(r) {
                    b.insert(p);
                }
            }
            b
        })
        .collect();
    // Forced PIs (sole candidate of some row) and the rows they cover.
    let mut forced: Vec<usize> = Vec::new();
    let mut covered = BitSet::new(n);
    for c in &cand {
        if c.count() == 1 {
            let p = c.first_one().unwrap_or(0);
            if !forced.contains(&p) {
                forced.push(p);
                covered.union_with(&covers[p]);
            }
        }
    }
    // Remaining rows, dropping those implied by another remaining row.
    let open: Vec<usize> = (0..n).filter(|&r| !covered.contains(r)).collect();
    if open.len() > MAX_EXACT_ROWS {
        // Too large for the quadratic reductions and the exact search: one greedy cover of the
        // open rows, reported as not exhaustive.
        let mut cover = forced.clone();
        let mut done = covered.clone();
        while done.count() < n {
            let Some(p) = (0..npi).max_by_key(|&p| covers[p].count_minus(&done)) else {
                break;
            };
            if covers[p].count_minus(&done) == 0 {
                break;
            }
            done.union_with(&covers[p]);
            cover.push(p);
        }
        cover.sort_unstable();
        return Some((cover.len(), vec![cover], true));
    }
    let keep: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&r2| {
            !open.iter().any(|&r1| {
                r1 != r2 && cand[r1].is_subset(&cand[r2]) && (cand[r1] != cand[r2] || r1 < r2)
            })
        })
        .collect();
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
        for p in cand[r].iter_ones() {
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
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, &row) in keep.iter().enumerate() {
        let root = find(&mut comp_of, i);
        match groups.iter_mut().find(|g| g.0 == root) {
            Some(g) => g.1.push(row),
            None => groups.push((root, vec![row])),
        }
    }
    let mut size = forced.len();
    let mut parts: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut truncated = false;
    let mut budget_hit = false;
    for (_, rows) in &groups {
        // The sub-chart of this component: its rows and the PIs covering them.
        let pis: Vec<usize> = {
            let mut u = BitSet::new(npi);
            for &r in rows {
                u.union_with(&cand[r]);
            }
            u.iter_ones().collect()
        };
        let sub: Vec<BitSet> = pis
            .iter()
            .map(|&p| {
                let mut b = BitSet::new(rows.len());
                for (i, &r) in rows.iter().enumerate() {
                    if covers[p].contains(r) {
                        b.insert(i);
                    }
                }
                b
            })
            .collect();
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
            found.push(greedy_cover(&sub, rows.len()));
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
    ) {
        if *stopped {
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
        let covers = vec![mk(&[0, 1, 2, 3]), mk(&[0, 2, 4]), mk(&[1, 3, 5])];
        assert_eq!(min_covers(&covers, 6, 10).map(|m| m.0), Some(2));
        let mut out = Vec::new();
        covers_of_size(&covers, 6, 2, false, 10, &mut out);
        assert_eq!(out, vec![vec![1, 2]]);
        assert_eq!(
            min_covers(&covers, 6, 10),
            Some((2, vec![vec![1, 2]], false))
        );
    }
}
