//! Exact PI covers of noisy crisp data (issue 16, item 4): truth table + parsimonious
//! minimisation of the data sets of `xtask/noisy-data.py` (the same seeded generator), 10–14
//! conditions × 100–2,000 cases, `C0*C1 + C2*~C3` with 5 % of the outcomes flipped, with the
//! default budget. Run with `cargo xtask bench`, or one case with e.g.
//! `cargo bench -p fiscus-qca --bench cover -- --warm-up-time 1 --measurement-time 5 'noisy/12x500'`.
//! The first run prints, for each case, the model size, the proven lower bound and the PIs.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fiscus_data::{Column, Dataset};
use fiscus_qca::{minimize, truth_table, MinimizeConfig, QcaData, TruthTableConfig};

/// SplitMix64 in [0, 1), as in `xtask/noisy-data.py`.
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

/// `noisy_{k}_{n}.csv` of `xtask/noisy-data.py`.
fn noisy(k: usize, n: usize) -> Dataset {
    let mut r = Rng((k * 100_000 + n) as u64);
    let mut cols: Vec<Vec<f64>> = vec![Vec::with_capacity(n); k + 1];
    for _ in 0..n {
        let x: Vec<f64> = (0..k)
            .map(|_| f64::from(u8::from(r.next() > 0.5)))
            .collect();
        let mut y = x[0].min(x[1]).max(x[2].min(1.0 - x[3]));
        if r.next() < 0.05 {
            y = 1.0 - y;
        }
        for j in 0..k {
            cols[j].push(x[j]);
        }
        cols[k].push(y);
    }
    let mut columns: Vec<Column> = (0..k)
        .map(|j| Column::numbers(format!("C{j}"), &cols[j]))
        .collect();
    columns.push(Column::numbers("Y", &cols[k]));
    Dataset::new("noisy", (1..=n).map(|i| i.to_string()).collect(), columns).unwrap()
}

fn solve(ds: &Dataset) -> fiscus_qca::Minimization {
    let tt = truth_table(
        QcaData::new(ds, "Y", None).unwrap(),
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
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("noisy");
    g.sample_size(10);
    for (k, n) in [
        (10, 100),
        (10, 2000),
        (12, 500),
        (12, 2000),
        (14, 500),
        (14, 2000),
    ] {
        let ds = noisy(k, n);
        let m = solve(&ds);
        if let Some(b) = m.main.chart {
            eprintln!(
                "noisy {k}x{n}: {} PIs in the chart, models of {} PIs, lower bound {}, proven {}, {} minimal models{}",
                m.main.pi_chart.rows.len(),
                b.model_size,
                b.lower_bound,
                b.minimum_proven,
                b.minimal_models,
                if b.minimal_models_exact { "" } else { " at least" }
            );
        }
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{k}x{n}")),
            &ds,
            |b, ds| b.iter(|| solve(ds)),
        );
    }
    g.finish();
}

/// The benchmark group (in a module: `criterion_group!` generates an undocumented function).
mod group {
    use super::*;
    criterion_group!(benches, bench);
}
criterion_main!(group::benches);
