//! Property tests of the minimisation: models cover every positive row and no negative row,
//! parsimonious models never need more terms than complex ones, the parsimonious PIs are
//! exactly those of a naive level-by-level Consistency Cubes search (R QCA's algorithm as
//! written in the spec), and results do not depend on the number of threads.

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

/// Random multi-value crisp data: `k` conditions with 2 or 3 levels each.
fn mv_strategy() -> impl Strategy<Value = (Vec<u32>, Vec<(Vec<u8>, f64)>)> {
    proptest::collection::vec(2u32..=3, 3..=6).prop_flat_map(|levels| {
        let row = (
            levels.iter().map(|&l| 0u8..l as u8).collect::<Vec<_>>(),
            prop_oneof![Just(0.0), Just(1.0)],
        );
        (Just(levels), proptest::collection::vec(row, 8..40))
    })
}

/// R QCA's CCubes as the spec writes it (section 9), by brute force: level by level, every
/// combination of conditions and every value of it; a term covering a positive row and no
/// negative row is a PI unless a PI of a lower level subsumes it; stop once every positive
/// row is covered and two consecutive levels add nothing.
fn naive_pis(tt: &TruthTable) -> Vec<String> {
    let u = tt.data.universe();
    let k = tt.levels.len();
    let pos: Vec<&Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out == Out::One)
        .map(|r| &r.config)
        .collect();
    let neg: Vec<&Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out != Out::One)
        .map(|r| &r.config)
        .collect();
    let matches = |codes: &[u8], row: &[u32]| {
        codes
            .iter()
            .zip(row)
            .all(|(&c, &v)| c == 0 || u32::from(c) == v + 1)
    };
    let mut found: Vec<Vec<u8>> = Vec::new();
    let mut counter = 0;
    for c in 1..=k {
        let mut new = Vec::new();
        // Every term with exactly c literals.
        let mut codes = vec![0u8; k];
        loop {
            let mut j = 0;
            while j < k {
                codes[j] += 1;
                if u32::from(codes[j]) <= tt.levels[j] {
                    break;
                }
                codes[j] = 0;
                j += 1;
            }
            if j == k {
                break;
            }
            if codes.iter().filter(|&&x| x > 0).count() != c {
                continue;
            }
            let covers = pos.iter().any(|r| matches(&codes, r));
            let clean = !neg.iter().any(|r| matches(&codes, r));
            let subsumed = found
                .iter()
                .any(|f| f.iter().zip(&codes).all(|(&a, &b)| a == 0 || a == b));
            if covers && clean && !subsumed {
                new.push(codes.clone());
            }
        }
        let foundk = !new.is_empty();
        found.extend(new);
        let all = pos.iter().all(|r| found.iter().any(|f| matches(f, r)));
        if all {
            counter = if foundk { 0 } else { counter + 1 };
        }
        if counter > 1 {
            break;
        }
    }
    let mut names: Vec<String> = found.iter().map(|f| u.term_string(f)).collect();
    names.sort();
    names
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parsimonious_pis_are_the_naive_ccubes_pis((levels, rows) in mv_strategy()) {
        let ds = dataset(levels.len(), &rows);
        let Ok(data) = QcaData::new(&ds, "Y", None) else { return Ok(()) };
        let Ok(tt) = truth_table(data, &TruthTableConfig::default()) else { return Ok(()) };
        let cfg = MinimizeConfig { include_remainders: true, ..Default::default() };
        let Ok(m) = minimize(&tt, &cfg) else { return Ok(()) };
        prop_assert!(!m.main.truncated);
        let mut got = m.main.pi_chart.rows.clone();
        got.sort();
        prop_assert_eq!(got, naive_pis(&tt));
    }

    #[test]
    fn binary_parsimonious_pis_are_the_naive_ccubes_pis((k, rows) in strategy()) {
        let ds = dataset(k, &rows);
        let Ok(data) = QcaData::new(&ds, "Y", None) else { return Ok(()) };
        let Ok(tt) = truth_table(data, &TruthTableConfig { incl_cut1: 0.8, ..Default::default() }) else { return Ok(()) };
        let cfg = MinimizeConfig { include_remainders: true, ..Default::default() };
        let Ok(m) = minimize(&tt, &cfg) else { return Ok(()) };
        let mut got = m.main.pi_chart.rows.clone();
        got.sort();
        prop_assert_eq!(got, naive_pis(&tt));
    }

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
