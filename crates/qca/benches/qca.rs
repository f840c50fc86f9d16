//! Truth table + parsimonious minimisation on random crisp and fuzzy data
//! (12, 16, 20 conditions × 2,000 and 20,000 cases). Run with `cargo xtask bench`.

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

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("truth_table+parsimonious");
    g.sample_size(10);
    for &fuzzy in &[false, true] {
        for &k in &[12usize, 16, 20] {
            for &n in &[2_000usize, 20_000] {
                let ds = random_data(k, n, fuzzy, 42);
                let id = format!("{}-{k}x{n}", if fuzzy { "fuzzy" } else { "crisp" });
                g.bench_with_input(BenchmarkId::from_parameter(id), &ds, |b, ds| {
                    b.iter(|| {
                        let data = QcaData::new(ds, "Y", None).unwrap();
                        let tt = truth_table(
                            data,
                            &TruthTableConfig {
                                incl_cut1: 0.8,
                                ..Default::default()
                            },
                        )
                        .unwrap();
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
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
