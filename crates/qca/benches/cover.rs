//! Exact PI covers of noisy crisp data (issue 16, item 4): truth table + parsimonious
//! minimisation of the data sets of `xtask/noisy-data.py` (the same seeded generator), 10–14
//! conditions × 100–2,000 cases, `C0*C1 + C2*~C3` with 5 % of the outcomes flipped, with the
//! default budget. Run with `cargo xtask bench`, or one case with e.g.
//! `cargo bench -p fiscus-qca --bench cover -- --warm-up-time 1 --measurement-time 5 'noisy/12x500'`.
//! The first run prints, for each case, the model size, the proven lower bound and the PIs.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fiscus_data::Dataset;
use fiscus_qca::{minimize, truth_table, MinimizeConfig, QcaData, TruthTableConfig};

#[path = "../tests/support/noisy.rs"]
mod support;
use support::noisy;

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
