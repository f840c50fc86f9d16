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
        k = k.wrapping_mul(u64::from(levels[j])).wrapping_add(u64::from(row[j]));
    }
    k
}

fn subsumed(found: &[Pi], codes: &[u8], mask: u64) -> bool {
    found.iter().any(|p| {
        p.mask & !mask == 0
            && p.mask != mask
            && codes
                .iter()
                .zip(&p.codes)
                .all(|(&a, &b)| b == 0 || a == b)
    })
}

/// Finds the prime implicants covering at least one positive row. `max_depth` limits the
/// number of literals.
pub(crate) fn find_pis(levels: &[u32], pos: &[Vec<u32>], test: &Test<'_>, max_depth: usize) -> Vec<Pi> {
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
        let level: Vec<Vec<(Vec<u8>, u64, BitSet)>> = combos
            .par_iter()
            .map(|s| level_candidates(levels, pos, test, s))
            .collect();
        let mut foundk = false;
        let prev = found.len();
        for cands in level {
            for (codes, mask, cover) in cands {
                if !subsumed(&found[..prev], &codes, mask) {
                    found.push(Pi {
                        codes,
                        mask,
                        cover,
                        nlit: c,
                    });
                    foundk = true;
                }
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
            !(0..pis.len()).any(|b| {
                b != a && counts[b] > counts[a] && pis[a].cover.is_subset(&pis[b].cover)
            })
        })
        .collect();
    pis.into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Minimum number of PIs covering all `n` rows (exact branch and bound).
pub(crate) fn min_cover(covers: &[BitSet], n: usize) -> Option<usize> {
    let mut all = BitSet::new(n);
    for c in covers {
        all.union_with(c);
    }
    if all.count() < n {
        return None;
    }
    // Greedy upper bound.
    let mut covered = BitSet::new(n);
    let mut greedy = 0;
    while covered.count() < n {
        let best = covers
            .iter()
            .max_by_key(|c| c.count_minus(&covered))
            .map(|c| c.clone())
            .unwrap_or_default();
        covered.union_with(&best);
        greedy += 1;
    }
    // Rows -> covering PIs.
    let by_row: Vec<Vec<usize>> = (0..n)
        .map(|r| (0..covers.len()).filter(|&p| covers[p].contains(r)).collect())
        .collect();
    let maxc = covers.iter().map(BitSet::count).max().unwrap_or(1).max(1);
    let mut best = greedy;
    fn rec(
        covers: &[BitSet],
        by_row: &[Vec<usize>],
        n: usize,
        maxc: usize,
        covered: &BitSet,
        depth: usize,
        best: &mut usize,
    ) {
        let left = n - covered.count();
        if left == 0 {
            *best = (*best).min(depth);
            return;
        }
        if depth + left.div_ceil(maxc) >= *best {
            return;
        }
        // The uncovered row with the fewest candidates.
        let r = (0..n)
            .filter(|&r| !covered.contains(r))
            .min_by_key(|&r| by_row[r].len())
            .unwrap_or(0);
        let mut cands = by_row[r].clone();
        cands.sort_by_key(|&p| std::cmp::Reverse(covers[p].count_minus(covered)));
        for p in cands {
            let mut c2 = covered.clone();
            c2.union_with(&covers[p]);
            rec(covers, by_row, n, maxc, &c2, depth + 1, best);
        }
    }
    rec(covers, &by_row, n, maxc, &BitSet::new(n), 0, &mut best);
    Some(best)
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
            rec(covers, suffix, n, size, i + 1, &c2, chosen, irredundant, max_models, out, stopped);
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
            vec![vec![0, 1], vec![0, 2], vec![0, 3], vec![1, 2], vec![1, 3], vec![2, 3]]
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
        assert_eq!(min_cover(&covers, 6), Some(2));
        let mut out = Vec::new();
        covers_of_size(&covers, 6, 2, false, 10, &mut out);
        assert_eq!(out, vec![vec![1, 2]]);
    }
}
