//! Property tests of the minimisation: models cover every positive row and no negative row,
//! parsimonious models never need more terms than complex ones, and results do not depend on
//! the number of threads.

use fiscus_data::{Column, Dataset};
use fiscus_qca::*;
use proptest::prelude::*;

fn dataset(k: usize, rows: &[(Vec<u8>, f64)]) -> Dataset {
    let mut cols: Vec<Column> = (0..k)
        .map(|j| {
            Column::numbers(
                format!("C{j}"),
                &rows.iter().map(|r| f64::from(r.0[j])).collect::<Vec<_>>(),
            )
        })
        .collect();
    cols.push(Column::numbers(
        "Y",
        &rows.iter().map(|r| r.1).collect::<Vec<_>>(),
    ));
    Dataset::new(
        "random.csv",
        (1..=rows.len()).map(|i| i.to_string()).collect(),
        cols,
    )
    .unwrap()
}

fn in_term(codes_term: &str, u: &Universe, cfg: &[u32]) -> bool {
    let sop = parse_sop(u, codes_term).unwrap();
    sop.terms[0]
        .iter()
        .all(|l| l.membership_of(u.kinds[l.set], f64::from(cfg[l.set])) > 0.5)
}

fn strategy() -> impl Strategy<Value = (usize, Vec<(Vec<u8>, f64)>)> {
    (3usize..=6).prop_flat_map(|k| {
        let row = (
            proptest::collection::vec(0u8..2, k),
            prop_oneof![Just(0.0), Just(1.0), 0.0f64..1.0],
        );
        (Just(k), proptest::collection::vec(row, 6..30))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn models_cover_positives_and_avoid_negatives((k, rows) in strategy()) {
        let ds = dataset(k, &rows);
        let Ok(data) = QcaData::new(&ds, "Y", None) else { return Ok(()) };
        let Ok(tt) = truth_table(data, &TruthTableConfig { incl_cut1: 0.8, ..Default::default() }) else { return Ok(()) };
        let u = tt.data.universe();
        for include in [false, true] {
            let cfg = MinimizeConfig { include_remainders: include, ..Default::default() };
            let Ok(m) = minimize(&tt, &cfg) else { continue };
            for model in &m.main.models {
                for r in &tt.rows {
                    let covered = model.terms.iter().any(|t| in_term(t, &u, &r.config));
                    match r.out {
                        Out::One => prop_assert!(covered, "positive row {} not covered by {}", r.row, model.expression),
                        Out::Zero => prop_assert!(!covered, "negative row {} covered by {}", r.row, model.expression),
                        _ => {}
                    }
                }
                if !include {
                    // The complex solution covers no remainder either.
                    for rem in tt.remainder_rows(1 << 12).unwrap_or_default() {
                        let cfgv = row_config(rem, &tt.levels);
                        prop_assert!(!model.terms.iter().any(|t| in_term(t, &u, &cfgv)));
                    }
                }
            }
        }
    }

    #[test]
    fn parsimonious_never_needs_more_terms((k, rows) in strategy()) {
        let ds = dataset(k, &rows);
        let Ok(data) = QcaData::new(&ds, "Y", None) else { return Ok(()) };
        let Ok(tt) = truth_table(data, &TruthTableConfig { incl_cut1: 0.8, ..Default::default() }) else { return Ok(()) };
        let Ok(c) = minimize(&tt, &MinimizeConfig::default()) else { return Ok(()) };
        let p = minimize(&tt, &MinimizeConfig { include_remainders: true, ..Default::default() }).unwrap();
        prop_assert!(p.main.models[0].terms.len() <= c.main.models[0].terms.len());
        // Every complex PI lies inside a parsimonious PI with no more literals.
        let lits = |t: &str| t.split('*').count();
        for ct in &c.main.models[0].terms {
            prop_assert!(p.main.models[0].terms.iter().chain(&p.main.prime_implicants).any(|pt| lits(pt) <= lits(ct)));
        }
    }

    #[test]
    fn same_result_with_one_and_two_threads((k, rows) in strategy()) {
        let ds = dataset(k, &rows);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| {
                let data = QcaData::new(&ds, "Y", None).ok()?;
                let tt = truth_table(data, &TruthTableConfig { incl_cut1: 0.75, ..Default::default() }).ok()?;
                let m = minimize(&tt, &MinimizeConfig { include_remainders: true, ..Default::default() }).ok()?;
                Some(serde_json::to_string(&(tt.rows, m)).unwrap())
            })
        };
        prop_assert_eq!(run(1), run(2));
    }
}
