//! The sums behind the inclusion and PRI of every observed truth-table row.
//!
//! For a row `r` the truth table needs `Σ x`, `Σ min(x, y)` and `Σ min(x, y, 1 − y)` over all
//! cases, where `x` is the case's membership in the row: the minimum over the conditions of
//! the factor `x_j` (row value 1) or `1 − x_j` (row value 0) for a fuzzy condition, 1 or 0
//! for a crisp one. Computed naively that is rows × cases × conditions; here it is rows ×
//! cases × a few table lookups, and the sums come out bit for bit as the naive ones:
//!
//! * A crisp condition on which the case differs from the row makes the membership 0, and
//!   adding 0 leaves a sum unchanged; so a row only visits the cases with the same values on
//!   the crisp conditions (with crisp data only, its own cases: one pass over the data).
//! * For a fuzzy condition, the factor where the row agrees with the case's own crisp
//!   projection (`hi`: `x` above 0.5, `1 − x` at or below) is at least 0.5 and the other one
//!   (`lo`) at most 0.5. So the membership is `min hi` over all conditions when the row is the
//!   case's own, else `min lo` over the conditions where they differ: the very same floating
//!   point values, only fewer of them. Each case ranks its `lo` values; per byte of the
//!   difference mask a 256-entry table gives the lowest rank among its bits, so a pair costs
//!   one lookup per 8 fuzzy conditions.
//! * The cases are visited in their input order within each row, so each sum adds the same
//!   numbers in the same order as the naive loop. Rows are independent (rayon over chunks of
//!   rows; cases in blocks that fit the level-1 cache, four rows at a time).

use rayon::prelude::*;

/// Rows computed together: each block of cases is brought into the cache once for all of
/// them (the chunking does not change any sum: each row adds its cases in input order).
const ROWS_PER_UNIT: usize = 512;

/// The case data of one block should stay in the level-1 cache while the rows visit it.
const BLOCK_BYTES: usize = 24 * 1024;

/// Rows visiting a case together (their sums are kept side by side in registers).
const LANES: usize = 8;

/// The memberships the sums are computed from.
pub(crate) struct Memberships<'a> {
    /// Values of the fuzzy conditions, one slice (of all cases) per condition.
    pub fuzzy: Vec<&'a [f64]>,
    /// Per case: its values on the crisp conditions, as one number.
    pub crisp_key: Vec<u64>,
    /// Per case: bit `j` set when its value on fuzzy condition `j` is above 0.5.
    pub fuzzy_mask: Vec<u64>,
    /// Outcome membership per case.
    pub y: &'a [f64],
}

/// `[Σ x, Σ min(x, y), Σ min(x, y, 1 − y)]` for each row given as `(crisp key, fuzzy mask)`.
pub(crate) fn row_sums(
    m: &Memberships<'_>,
    rows: &[(u64, u64)],
    progress: &(dyn Fn(crate::Progress) + Sync),
) -> Vec<[f64; 3]> {
    let n = m.y.len();
    let kf = m.fuzzy.len();
    // Cases grouped by crisp key, in input order within each group.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| m.crisp_key[i]);
    let mut groups: Vec<(u64, usize, usize)> = Vec::new();
    for (p, &i) in order.iter().enumerate() {
        match groups.last_mut() {
            Some((k, _, e)) if *k == m.crisp_key[i] => *e = p + 1,
            _ => groups.push((m.crisp_key[i], p, p + 1)),
        }
    }
    let y: Vec<f64> = order.iter().map(|&i| m.y[i]).collect();
    let ny: Vec<f64> = y.iter().map(|&v| 1.0 - v).collect();
    // `min(x, y, 1 − y)` as `min(x, w)`: the minimum of the same three numbers.
    let w: Vec<f64> = y.iter().zip(&ny).map(|(&a, &b)| a.min(b)).collect();
    // Rows by group, in chunks: the units of parallel work.
    let mut by_group: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .map(|(r, &(key, _))| {
            let g = groups
                .binary_search_by_key(&key, |&(k, _, _)| k)
                .unwrap_or(usize::MAX);
            (g, r)
        })
        .collect();
    by_group.sort_unstable();
    let mut units: Vec<(usize, Vec<usize>)> = Vec::new();
    for (g, r) in by_group {
        match units.last_mut() {
            Some((ug, rs)) if *ug == g && rs.len() < ROWS_PER_UNIT => rs.push(r),
            _ => units.push((g, vec![r])),
        }
    }
    let mut out = vec![[0.0f64; 3]; rows.len()];
    if kf == 0 {
        // Crisp conditions only: a row's group holds exactly its cases, each with membership 1.
        for (g, rs) in &units {
            if let Some(&(_, a, b)) = groups.get(*g) {
                for &r in rs {
                    let mut s = [0.0f64; 3];
                    for p in a..b {
                        let mm = 1.0f64.min(y[p]);
                        s[0] += 1.0;
                        s[1] += mm;
                        s[2] += mm.min(ny[p]);
                    }
                    out[r] = s;
                }
            }
        }
        return out;
    }
    let fuzzy_pos = Fuzzy::new(m, &order);
    let (done, total) = (std::sync::atomic::AtomicU64::new(0), rows.len() as u64);
    let results: Vec<Vec<(usize, [f64; 3])>> = units
        .par_iter()
        .map(|(g, rs)| {
            let sums = match groups.get(*g) {
                None => rs.iter().map(|&r| (r, [0.0; 3])).collect(),
                Some(&(_, a, b)) => {
                    let masks: Vec<u64> = rs.iter().map(|&r| rows[r].1).collect();
                    let sums = fuzzy_pos.sums(&masks, a, b, &y, &w);
                    rs.iter().copied().zip(sums).collect()
                }
            };
            let d = rs.len() as u64;
            let done = done.fetch_add(d, std::sync::atomic::Ordering::Relaxed) + d;
            progress(crate::Progress {
                stage: "truth table",
                done,
                total,
            });
            sums
        })
        .collect();
    for (r, s) in results.into_iter().flatten() {
        out[r] = s;
    }
    out
}

/// Per case (in grouped order): its fuzzy mask, its `lo` values by rank followed by `min hi`,
/// and per byte of the mask a table of the lowest rank among the bits set.
struct Fuzzy {
    kf: usize,
    tables_per_case: usize,
    mask: Vec<u64>,
    vals: Vec<f64>,
    tables: Vec<[u8; 256]>,
}

impl Fuzzy {
    fn new(m: &Memberships<'_>, order: &[usize]) -> Fuzzy {
        let kf = m.fuzzy.len();
        let tpc = kf.div_ceil(8);
        let mut vals = Vec::with_capacity(order.len() * (kf + 1));
        let mut tables = Vec::with_capacity(order.len() * tpc);
        let mut lo = vec![0.0f64; kf];
        let mut by_rank: Vec<usize> = (0..kf).collect();
        let mut rank = vec![0u8; kf];
        for &i in order {
            let mut hmin = f64::INFINITY;
            for (j, col) in m.fuzzy.iter().enumerate() {
                let x = col[i];
                let (h, l) = if x > 0.5 { (x, 1.0 - x) } else { (1.0 - x, x) };
                lo[j] = l;
                hmin = hmin.min(h);
            }
            by_rank.sort_by(|&a, &b| lo[a].total_cmp(&lo[b]).then(a.cmp(&b)));
            for (r, &j) in by_rank.iter().enumerate() {
                rank[j] = r as u8;
                vals.push(lo[j]);
            }
            vals.push(hmin);
            for g in 0..tpc {
                let mut t = [kf as u8; 256];
                for b in 1..256usize {
                    let j = 8 * g + b.trailing_zeros() as usize;
                    let r = if j < kf { rank[j] } else { kf as u8 };
                    t[b] = t[b & (b - 1)].min(r);
                }
                tables.push(t);
            }
        }
        Fuzzy {
            kf,
            tables_per_case: tpc,
            mask: order.iter().map(|&i| m.fuzzy_mask[i]).collect(),
            vals,
            tables,
        }
    }

    /// The sums of the rows with fuzzy masks `rows` over the cases at positions `a..b`.
    fn sums(&self, rows: &[u64], a: usize, b: usize, y: &[f64], w: &[f64]) -> Vec<[f64; 3]> {
        match self.tables_per_case {
            1 => self.sums_g::<1>(rows, a, b, y, w),
            2 => self.sums_g::<2>(rows, a, b, y, w),
            3 => self.sums_g::<3>(rows, a, b, y, w),
            4 => self.sums_g::<4>(rows, a, b, y, w),
            5 => self.sums_g::<5>(rows, a, b, y, w),
            6 => self.sums_g::<6>(rows, a, b, y, w),
            7 => self.sums_g::<7>(rows, a, b, y, w),
            _ => self.sums_g::<8>(rows, a, b, y, w),
        }
    }

    fn sums_g<const G: usize>(
        &self,
        rows: &[u64],
        a: usize,
        b: usize,
        y: &[f64],
        w: &[f64],
    ) -> Vec<[f64; 3]> {
        let nv = self.kf + 1;
        let per_case = G * 256 + nv * 8 + 24;
        let block = (BLOCK_BYTES / per_case).clamp(8, 4096);
        let mut acc = vec![[0.0f64; 3]; rows.len()];
        let mut start = a;
        while start < b {
            let end = (start + block).min(b);
            for (qi, oct) in rows.chunks(LANES).enumerate() {
                let base = qi * LANES;
                let r: [u64; LANES] = std::array::from_fn(|q| oct[q.min(oct.len() - 1)]);
                // One accumulator array per sum (not per row), so that the additions of the
                // rows run side by side in vector registers; each row still adds its own
                // cases in input order.
                let mut s0 = [0.0f64; LANES];
                let mut s1 = [0.0f64; LANES];
                let mut s2 = [0.0f64; LANES];
                for q in 0..LANES {
                    let sq = acc[(base + q).min(rows.len() - 1)];
                    (s0[q], s1[q], s2[q]) = (sq[0], sq[1], sq[2]);
                }
                let cases = self.mask[start..end]
                    .iter()
                    .zip(self.tables[start * G..end * G].chunks_exact(G))
                    .zip(self.vals[start * nv..end * nv].chunks_exact(nv))
                    .zip(y[start..end].iter().zip(&w[start..end]));
                for (((&fc, t), v), (&yy, &ww)) in cases {
                    let mut x = [0.0f64; LANES];
                    for q in 0..LANES {
                        let d = r[q] ^ fc;
                        // Ranks widened on loading: the minimum is then a compare and a
                        // conditional move, without re-widening a byte.
                        let mut rank = u32::from(t[0][(d & 255) as usize]);
                        for (g, tg) in t.iter().enumerate().skip(1) {
                            rank = rank.min(u32::from(tg[((d >> (8 * g)) & 255) as usize]));
                        }
                        x[q] = v[rank as usize];
                    }
                    // `if y < x { y } else { x }` is `x.min(y)` (the same value, also for a
                    // NaN outcome; the sum of a NaN `x` is NaN either way; a signed zero
                    // cannot change a sum that starts at +0) in a single instruction.
                    for q in 0..LANES {
                        let xq = x[q];
                        s0[q] += xq;
                        s1[q] += if yy < xq { yy } else { xq };
                        s2[q] += if ww < xq { ww } else { xq };
                    }
                }
                for q in 0..oct.len() {
                    acc[base + q] = [s0[q], s1[q], s2[q]];
                }
            }
            start = end;
        }
        acc
    }
}
