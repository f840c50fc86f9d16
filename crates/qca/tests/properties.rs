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
    let neg: Vec<Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out != Out::One)
        .map(|r| r.config.clone())
        .collect();
    naive_pis_with(tt, |codes| !neg.iter().any(|r| term_has(codes, r)))
}

fn term_has(codes: &[u8], row: &[u32]) -> bool {
    codes
        .iter()
        .zip(row)
        .all(|(&c, &v)| c == 0 || u32::from(c) == v + 1)
}

/// Sufficiency inclusion and coverage of an expression on the raw data.
fn suff(tt: &TruthTable, expr: &str) -> (f64, f64) {
    let u = tt.data.universe();
    let sop = parse_sop(&u, expr).unwrap();
    let x = sop_membership(&sop, &tt.data.conditions);
    let f = FitSums::new(&x, &tt.data.outcome.values).sufficiency();
    (f.incl, f.cov)
}

/// The naive CCubes with `keep` as the implicant test (no negative row inside, or R's
/// `pi.cons` inclusion test).
fn naive_pis_with(tt: &TruthTable, keep: impl Fn(&[u8]) -> bool) -> Vec<String> {
    let u = tt.data.universe();
    let k = tt.levels.len();
    let pos: Vec<&Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out == Out::One)
        .map(|r| &r.config)
        .collect();
    let matches = term_has;
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
            let clean = covers && keep(&codes);
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
        // A chart may have more minimal models than `max_models`; the PIs are complete anyway.
        prop_assert!(!m.main.truncated || m.main.models.len() >= cfg.max_models);
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
        // Every observed row positive with the remainders included minimises every condition
        // away (R stops there too): nothing to compare.
        let p = match minimize(&tt, &MinimizeConfig { include_remainders: true, ..Default::default() }) {
            Ok(p) => p,
            Err(fiscus_qca::QcaError::Analysis(_)) if tt.rows.iter().all(|r| r.out != fiscus_qca::Out::Zero) => return Ok(()),
            Err(e) => panic!("parsimonious minimisation failed: {e}"),
        };
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
                // The CNA-style searches too (an error is a result as well).
                let cna = MinimizeConfig { include_remainders: true, pi_cons: 0.7, sol_cons: 0.7, sol_cov: 0.5, all_sol: true, ..Default::default() };
                let c = minimize(&tt, &cna).map_err(|e| e.to_string());
                Some(serde_json::to_string(&(tt.rows, m, c)).unwrap())
            })
        };
        prop_assert_eq!(run(1), run(2));
    }
}

/// Twelve crisp cases: row A*B has inclusion 3/4, A*~B 2/3, ~A*B 1/3, ~A*~B 0.
fn ab_data() -> TruthTable {
    let a = [1., 1., 1., 1., 1., 1., 1., 0., 0., 0., 0., 0.];
    let b = [1., 1., 1., 1., 0., 0., 0., 1., 1., 1., 0., 0.];
    let y = [1., 1., 1., 0., 1., 1., 0., 1., 0., 0., 0., 0.];
    let ds = Dataset::new(
        "ab.csv",
        (1..=12).map(|i| format!("c{i}")).collect(),
        vec![
            Column::numbers("A", &a),
            Column::numbers("B", &b),
            Column::numbers("Y", &y),
        ],
    )
    .unwrap();
    let cfg = TruthTableConfig {
        incl_cut1: 0.7,
        ..Default::default()
    };
    truth_table(QcaData::new(&ds, "Y", None).unwrap(), &cfg).unwrap()
}

/// Hand-checked CNA-style searches on `ab_data` (only row 4, A*B, is coded 1).
/// A: 7 cases, 5 with Y → inclusion 5/7, coverage 5/6; B: 4/7 and 4/6;
/// A + B: 10 cases, all 6 with Y → inclusion 0.6, coverage 1.
#[test]
fn cna_hand_checked_example() {
    let tt = ab_data();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    // pi.cons 0.5 keeps A and B; only A + B reaches coverage 0.9 (with consistency 0.6).
    let m = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            pi_cons: 0.5,
            sol_cons: 0.6,
            sol_cov: 0.9,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m.solution, "parsimonious");
    assert_eq!(m.main.pi_chart.rows, vec!["A", "B"]);
    assert_eq!(m.main.models.len(), 1);
    assert_eq!(m.main.models[0].expression, "A + B");
    assert!(close(m.main.models[0].incl_s, 0.6) && close(m.main.models[0].cov_s, 1.0));
    // pi.cons 0.7 drops B (4/7); A alone reaches consistency 0.7 and coverage 0.8.
    let m = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            pi_cons: 0.7,
            sol_cons: 0.7,
            sol_cov: 0.8,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m.main.pi_chart.rows, vec!["A"]);
    assert_eq!(m.main.models[0].expression, "A");
    assert!(close(m.main.models[0].incl_s, 5.0 / 7.0));
    assert!(close(m.main.models[0].cov_s, 5.0 / 6.0));
    // With all_sol the superset A + B is still not listed (minimal models only).
    let all = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            pi_cons: 0.5,
            sol_cons: 0.55,
            sol_cov: 0.8,
            all_sol: true,
            ..Default::default()
        },
    )
    .unwrap();
    let exprs: Vec<&str> = all
        .main
        .models
        .iter()
        .map(|m| m.expression.as_str())
        .collect();
    assert_eq!(exprs, vec!["A"]);
    // pi.cons alone: the PI chart of the positive row is solved as usual.
    let m = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            pi_cons: 0.7,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(m.main.models[0].expression, "A");
    // No model reaches the default coverage of 1 with consistency 0.7.
    let e = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            sol_cons: 0.7,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("sol.cons"), "{e}");
    // Without the remainders the thresholds are refused.
    let e = minimize(
        &tt,
        &MinimizeConfig {
            sol_cons: 0.7,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("--include '?'"), "{e}");
    // pi.cons 0.8: no term reaches it, row 4 is named.
    let e = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            pi_cons: 0.8,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("row(s) 4"), "{e}");
    // Thresholds outside [0, 1] and a zero depth are refused, naming the value.
    for bad in [
        MinimizeConfig {
            pi_cons: -0.1,
            ..Default::default()
        },
        MinimizeConfig {
            sol_cov: 1.2,
            ..Default::default()
        },
        MinimizeConfig {
            sol_depth: 0,
            sol_cons: 0.5,
            ..Default::default()
        },
    ] {
        let e = minimize(&tt, &bad).unwrap_err().to_string();
        assert!(
            e.contains("-0.1") || e.contains("1.2") || e.contains("not 0"),
            "{e}"
        );
    }
}

/// Random fuzzy data with `k` conditions (memberships away from 0.5).
fn fuzzy_strategy() -> impl Strategy<Value = (usize, Vec<(Vec<f64>, f64)>)> {
    let m = prop_oneof![
        Just(0.0),
        Just(0.2),
        Just(0.4),
        Just(0.6),
        Just(0.8),
        Just(1.0)
    ];
    (3usize..=5).prop_flat_map(move |k| {
        let row = (proptest::collection::vec(m.clone(), k), 0.0f64..=1.0);
        (Just(k), proptest::collection::vec(row, 8..30))
    })
}

fn fuzzy_dataset(k: usize, rows: &[(Vec<f64>, f64)]) -> Dataset {
    let mut cols: Vec<Column> = (0..k)
        .map(|j| {
            Column::numbers(
                format!("C{j}"),
                &rows.iter().map(|r| r.0[j]).collect::<Vec<_>>(),
            )
        })
        .collect();
    cols.push(Column::numbers(
        "Y",
        &rows.iter().map(|r| r.1).collect::<Vec<_>>(),
    ));
    Dataset::new(
        "fuzzy.csv",
        (1..=rows.len()).map(|i| i.to_string()).collect(),
        cols,
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn cna_pis_and_models_reach_their_thresholds(
        (k, rows) in fuzzy_strategy(),
        pi_cons in prop_oneof![Just(0.6), Just(0.75), Just(0.9)],
        sol_cons in prop_oneof![Just(0.6), Just(0.75), Just(0.9)],
        sol_cov in prop_oneof![Just(0.3), Just(0.6), Just(0.9)],
        all_sol in any::<bool>(),
    ) {
        let ds = fuzzy_dataset(k, &rows);
        let Ok(data) = QcaData::new(&ds, "Y", None) else { return Ok(()) };
        let ttc = TruthTableConfig { incl_cut1: 0.7, ..Default::default() };
        let Ok(tt) = truth_table(data, &ttc) else { return Ok(()) };
        let cfg = MinimizeConfig { include_remainders: true, pi_cons, sol_cons, sol_cov, all_sol, ..Default::default() };
        let m = match minimize(&tt, &cfg) {
            Ok(m) => m,
            // Nothing coded 1, or no model reaching the thresholds: said so in the error.
            Err(e) => {
                let t = e.to_string();
                prop_assert!(
                    t.contains("sol.cons") || t.contains("coded 1") || t.contains("minimised away"),
                    "{t}"
                );
                return Ok(());
            }
        };
        // The PIs: exactly the naive level-by-level search with the inclusion test.
        let u = tt.data.universe();
        let incl_of = |codes: &[u8]| suff(&tt, &u.term_string(codes)).0;
        let mut got = m.main.pi_chart.rows.clone();
        got.sort();
        prop_assert_eq!(&got, &naive_pis_with(&tt, |c| incl_of(c) + 1e-9 > pi_cons));
        for pi in &m.main.pi_chart.rows {
            prop_assert!(suff(&tt, pi).0 + 1e-9 > pi_cons, "PI {} below pi.cons", pi);
        }
        // The models: consistency and coverage reached, none contains another, by size.
        for (i, model) in m.main.models.iter().enumerate() {
            let (incl, cov) = suff(&tt, &model.expression);
            prop_assert!(incl + 1e-9 > sol_cons && cov + 1e-9 > sol_cov, "{}: {incl} {cov}", model.expression);
            prop_assert!(model.terms.len() <= cfg.sol_depth);
            for other in &m.main.models[..i] {
                prop_assert!(other.terms.len() <= model.terms.len());
                prop_assert!(!other.terms.iter().all(|t| model.terms.contains(t)));
            }
            if !all_sol {
                prop_assert_eq!(model.terms.len(), m.main.models[0].terms.len());
            }
        }
    }
}
