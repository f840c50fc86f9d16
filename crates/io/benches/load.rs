//! Reading tables: CSV of 20,000 cases × 17 columns (the issue-16 case, 2-decimal fuzzy
//! values plus a label column) and a header of 100,000 columns. Run with `cargo xtask bench`
//! or `cargo bench -p fiscus-io --bench load`.

use criterion::{criterion_group, criterion_main, Criterion};
use fiscus_io::{read_table, ReadOptions};

/// SplitMix64, as in the QCA benchmarks.
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

/// `case,X01..X{k}` with `n` labelled cases and fuzzy values with two decimals.
fn csv_text(k: usize, n: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut s = String::from("case");
    for j in 1..=k {
        s.push_str(&format!(",X{j:02}"));
    }
    s.push('\n');
    for i in 0..n {
        s.push_str(&format!("case{i}"));
        for _ in 0..k {
            s.push_str(&format!(",{}", (rng.next() * 100.0).round() / 100.0));
        }
        s.push('\n');
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(20);
    let long = csv_text(17, 20_000, 7);
    g.bench_function("csv-20000x17", |b| {
        b.iter(|| read_table(long.as_bytes(), "b.csv", &ReadOptions::default()).unwrap())
    });
    let wide = csv_text(100_000, 2, 7);
    g.bench_function("csv-header-100000", |b| {
        b.iter(|| read_table(wide.as_bytes(), "w.csv", &ReadOptions::default()).unwrap())
    });
    g.finish();
}

/// The benchmark group (in a module: `criterion_group!` generates an undocumented function).
mod group {
    use super::*;
    criterion_group!(benches, bench);
}
criterion_main!(group::benches);
