//! Robustness grid of a typical participatory-budgeting pilot study: 22 cases, 8 raw
//! conditions calibrated (e=20, c=50, i=80), a grid of 5,500 test specifications
//! (crossover shifts of two conditions 5 × 5 × 5 inclusion cut-offs × 2 n-cuts × leave-one-out),
//! on 1 thread and on all threads. Run with `cargo bench -p fiscus-robustness --bench robustness`.

use criterion::{criterion_group, criterion_main, Criterion};
use fiscus_data::{Column, Dataset};
use fiscus_robustness::{grid_size, run_grid, summarize_grid, Grid, Specification};

/// Uniform numbers in [0, 1) for benchmark data (the shared SplitMix64 generator).
struct Rng(fiscus_data::SplitMix64);

impl Rng {
    fn next(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const K: usize = 8;
const N: usize = 22;

/// Raw scores 0..100 whose outcome mostly follows `X1*X2 + X3*~X4`.
fn pilot_data() -> Dataset {
    let mut rng = Rng(fiscus_data::SplitMix64::new(2024));
    let mut cols: Vec<Vec<f64>> = (0..=K).map(|_| Vec::with_capacity(N)).collect();
    for _ in 0..N {
        let x: Vec<f64> = (0..K).map(|_| 0.5 + (rng.next() * 99.0).round()).collect();
        let y = x[0].min(x[1]).max(x[2].min(100.0 - x[3]));
        let y = 0.8 * y + 20.0 * rng.next();
        for j in 0..K {
            cols[j].push(x[j]);
        }
        cols[K].push(y.round() + 0.5);
    }
    let mut columns: Vec<Column> = (0..K)
        .map(|j| Column::numbers(format!("X{}", j + 1), &cols[j]))
        .collect();
    columns.push(Column::numbers("Y", &cols[K]));
    Dataset::new("pilot", (1..=N).map(|i| format!("P{i}")).collect(), columns)
        .expect("benchmark data")
}

fn spec() -> Specification {
    let mut s = Specification::default();
    for j in 1..=K {
        s.calibrations
            .push(format!("X{j}:e=20,c=50,i=80").parse().expect("calibration"));
    }
    s.calibrations
        .push("Y:e=20,c=50,i=80".parse().expect("calibration"));
    s.truth_table.incl_cut1 = 0.8;
    s.minimize.include_remainders = true;
    s
}

fn bench(c: &mut Criterion) {
    let ds = pilot_data();
    let s = spec();
    let grid: Grid =
        "anchors:X1.c=2x2;anchors:X2.c=2x2;incl-cut=0.70,0.75,0.80,0.85,0.90;n-cut=1,2;cases=loo"
            .parse()
            .expect("grid");
    let total = grid_size(&ds, &s, &grid).expect("grid size");
    assert!(total >= 5000, "{total} specifications");
    let conds: Vec<String> = (1..=K).map(|j| format!("X{j}")).collect();
    let mut g = c.benchmark_group(format!("robustness grid {total} specs"));
    g.sample_size(10);
    for threads in [1, 0] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let name = if threads == 1 {
            "1 thread".to_string()
        } else {
            format!("{} threads", pool.current_num_threads())
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                pool.install(|| {
                    let sh =
                        run_grid(&ds, "Y", Some(&conds), &s, &grid, None, &|| {}).expect("grid");
                    summarize_grid(&sh)
                })
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
