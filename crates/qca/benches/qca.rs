//! Truth table, and truth table + parsimonious minimisation, on random crisp and fuzzy data
//! (12, 16, 20 conditions × 2,000 and 20,000 cases; the truth table alone also for 30
//! conditions × 100,000 cases). Run with `cargo xtask bench`, or one
//! case with e.g. `cargo bench -p fiscus-qca --bench qca -- --warm-up-time 1
//! --measurement-time 3 'parsimonious/crisp-16x2000'`.
//!
//! The crisp outcome follows `C0*C1 + C2*~C3` with 5% of the cases flipped, so the
//! parsimonious PI charts of the larger crisp cases are large and cyclic: there the exact chart
//! search stops at its work budget and the result is reported as truncated (bounded time).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fiscus_data::{Column, Dataset};
use fiscus_qca::{minimize, truth_table, MinimizeConfig, QcaData, TruthTableConfig};

/// SplitMix64: a small deterministic generator for benchmark data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Random data whose outcome mostly follows `C0*C1 + C2*~C3`, so that solutions exist.
pub fn random_data(k: usize, n: usize, fuzzy: bool, seed: u64) -> Dataset {
    let mut rng = Rng(seed);
    let mut cols: Vec<Vec<f64>> = vec![Vec::with_capacity(n); k + 1];
    for _ in 0..n {
        let x: Vec<f64> = (0..k)
            .map(|_| {
                let v = rng.next();
                if fuzzy {
                    (v * 100.0).round() / 100.0
                        + if (v * 100.0).round() == 50.0 {
                            0.01
                        } else {
                            0.0
                        }
                } else {
                    f64::from(u8::from(v > 0.5))
                }
            })
            .collect();
        let y = x[0].min(x[1]).max(x[2].min(1.0 - x[3]));
        let noise = rng.next();
        let y = if fuzzy {
            (0.8 * y + 0.2 * noise).min(1.0)
        } else if noise < 0.05 {
            1.0 - y
        } else {
            y
        };
        for j in 0..k {
            cols[j].push(x[j]);
        }
        cols[k].push(y);
    }
    let mut columns: Vec<Column> = (0..k)
        .map(|j| Column::numbers(format!("C{j}"), &cols[j]))
        .collect();
    columns.push(Column::numbers("Y", &cols[k]));
    Dataset::new("bench", (1..=n).map(|i| i.to_string()).collect(), columns).unwrap()
}

fn tt_config() -> TruthTableConfig {
    TruthTableConfig {
        incl_cut1: 0.8,
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let cases: Vec<(String, Dataset)> = [false, true]
        .iter()
        .flat_map(|&fuzzy| {
            [12usize, 16, 20].into_iter().flat_map(move |k| {
                [2_000usize, 20_000].into_iter().map(move |n| {
                    let id = format!("{}-{k}x{n}", if fuzzy { "fuzzy" } else { "crisp" });
                    (id, random_data(k, n, fuzzy, 42))
                })
            })
        })
        .collect();
    let mut g = c.benchmark_group("truth_table");
    g.sample_size(10);
    for (id, ds) in &cases {
        g.bench_with_input(BenchmarkId::from_parameter(id), ds, |b, ds| {
            b.iter(|| {
                let data = QcaData::new(ds, "Y", None).unwrap();
                truth_table(data, &tt_config()).unwrap()
            })
        });
    }
    g.finish();
    // Issue 16's largest case: 30 conditions × 100,000 cases (truth table only).
    let mut g = c.benchmark_group("truth_table_large");
    g.sample_size(10);
    for fuzzy in [false, true] {
        let id = format!("{}-30x100000", if fuzzy { "fuzzy" } else { "crisp" });
        let ds = random_data(30, 100_000, fuzzy, 42);
        g.bench_with_input(BenchmarkId::from_parameter(id), &ds, |b, ds| {
            b.iter(|| {
                let data = QcaData::new(ds, "Y", None).unwrap();
                truth_table(data, &tt_config()).unwrap()
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("parsimonious");
    g.sample_size(10);
    for (id, ds) in &cases {
        g.bench_with_input(BenchmarkId::from_parameter(id), ds, |b, ds| {
            b.iter(|| {
                let data = QcaData::new(ds, "Y", None).unwrap();
                let tt = truth_table(data, &tt_config()).unwrap();
                minimize(
                    &tt,
                    &MinimizeConfig {
                        include_remainders: true,
                        ..Default::default()
                    },
                )
                .ok()
            })
        });
    }
    g.finish();
}

/// The benchmark group (in a module: `criterion_group!` generates an undocumented function).
mod group {
    use super::*;
    criterion_group!(benches, bench);
}
criterion_main!(group::benches);
