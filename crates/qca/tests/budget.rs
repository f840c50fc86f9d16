//! Every work and memory limit of the minimisation and superset/subset searches trips, and
//! at the limit the result is a flagged partial result or an error naming the budget; results
//! do not depend on the number of threads.

use fiscus_data::{Column, Dataset};
use fiscus_qca::{
    minimize, super_subset, truth_table, Budget, Minimization, MinimizeConfig, QcaData, QcaError,
    SuperSubsetConfig, TruthTable, TruthTableConfig,
};

#[path = "support/noisy.rs"]
mod support;
use support::noisy;

fn table(k: usize, n: usize) -> TruthTable {
    let cfg = TruthTableConfig {
        incl_cut1: 0.8,
        ..Default::default()
    };
    truth_table(QcaData::new(&noisy(k, n), "Y", None).unwrap(), &cfg).unwrap()
}

fn parsimonious(budget: Budget) -> MinimizeConfig {
    MinimizeConfig {
        include_remainders: true,
        budget,
        ..Default::default()
    }
}

/// Every model covers every positive row with PIs of the chart.
fn assert_models_cover(m: &Minimization) {
    let chart = &m.main.pi_chart;
    assert!(!m.main.models.is_empty());
    for model in &m.main.models {
        for (c, _) in chart.cols.iter().enumerate() {
            assert!(
                model.terms.iter().any(|t| {
                    let p = chart.rows.iter().position(|r| r == t).unwrap();
                    chart.matrix[p][c]
                }),
                "{} leaves row {} open",
                model.expression,
                chart.cols[c]
            );
        }
    }
}

#[test]
fn the_default_budget_proves_a_noisy_minimum() {
    let m = minimize(&table(10, 100), &parsimonious(Budget::default())).unwrap();
    let c = m.main.chart.unwrap();
    assert!(!m.main.truncated);
    assert!(c.minimum_proven);
    assert_eq!(c.lower_bound, c.model_size);
    assert_eq!(m.main.models[0].terms.len(), c.model_size);
    assert!(c.minimal_models >= m.main.models.len() as u64);
    assert_models_cover(&m);
}

#[test]
fn a_small_work_budget_stops_the_pi_search_with_a_covering_model() {
    let tt = table(10, 500);
    let full = minimize(
        &tt,
        &parsimonious(Budget {
            work: 20_000_000,
            ..Budget::default()
        }),
    )
    .unwrap();
    let cut = minimize(
        &tt,
        &parsimonious(Budget {
            work: 100_000,
            ..Budget::default()
        }),
    )
    .unwrap();
    assert!(cut.main.truncated);
    assert!(cut.main.pi_chart.rows.len() < full.main.pi_chart.rows.len());
    assert_models_cover(&cut);
}

#[test]
fn the_memory_budget_limits_the_number_of_pis() {
    let tt = table(10, 100);
    let full = minimize(&tt, &parsimonious(Budget::default())).unwrap();
    // 100 kB: five PIs' worth of the PI search, enough for the memberships of 100 cases.
    let cut = minimize(
        &tt,
        &parsimonious(Budget {
            memory: 100_000,
            ..Budget::default()
        }),
    )
    .unwrap();
    assert!(cut.main.truncated);
    assert!(cut.main.pi_chart.rows.len() < full.main.pi_chart.rows.len());
    assert_models_cover(&cut);
}

#[test]
fn an_unproven_chart_reports_its_best_cover_and_lower_bound() {
    // (10 × 2,000 is proven minimal since the Lagrangian bound reaches the LP bound.)
    let tt = table(12, 2000);
    // Too little to prove the chart minimum.
    let m = minimize(
        &tt,
        &parsimonious(Budget {
            work: 20_000_000,
            ..Budget::default()
        }),
    )
    .unwrap();
    let c = m.main.chart.unwrap();
    assert!(m.main.truncated);
    assert!(!c.minimum_proven);
    assert!(c.lower_bound < c.model_size, "{c:?}");
    assert!(c.lower_bound > 0);
    // One cover of the unproven part, times the minimal covers of the chart's proven parts.
    assert!(!m.main.models.is_empty());
    assert!(m.main.models.iter().all(|x| x.terms.len() == c.model_size));
    assert_eq!(c.minimal_models, 0);
    assert!(!c.minimal_models_exact);
    assert_models_cover(&m);
}

#[test]
fn all_sol_never_returns_nothing() {
    let tt = table(10, 100);
    let cfg = MinimizeConfig {
        all_sol: true,
        max_models: 300,
        ..parsimonious(Budget {
            work: 30_000_000,
            ..Budget::default()
        })
    };
    let m = minimize(&tt, &cfg).unwrap();
    assert!(!m.main.models.is_empty());
    assert_models_cover(&m);
    let plain = minimize(&tt, &parsimonious(Budget::default())).unwrap();
    // The minimal models come first.
    assert_eq!(m.main.models[0].expression, plain.main.models[0].expression);
    // The enumeration of non-minimal models stops at its share of a small budget, flagged,
    // with the minimal models.
    let cut = minimize(
        &tt,
        &MinimizeConfig {
            all_sol: true,
            ..parsimonious(Budget {
                work: 3_000_000,
                ..Budget::default()
            })
        },
    )
    .unwrap();
    assert!(cut.main.truncated);
    assert!(!cut.main.models.is_empty());
    assert_models_cover(&cut);
}

#[test]
fn the_membership_tables_respect_the_memory_budget() {
    // Fuzzy conditions (crisp ones are fitted row by row without membership vectors).
    let crisp = noisy(10, 100);
    let fuzzy: Vec<Column> = crisp
        .columns()
        .iter()
        .map(|c| {
            let v: Vec<f64> = crisp.numeric_complete(&c.name).unwrap();
            if c.name == "Y" {
                Column::numbers(&c.name, &v)
            } else {
                Column::numbers(
                    &c.name,
                    &v.iter().map(|x| 0.02 + 0.96 * x).collect::<Vec<_>>(),
                )
            }
        })
        .collect();
    let ds = Dataset::new("fuzzy.csv", crisp.cases().to_vec(), fuzzy).unwrap();
    let cfg = TruthTableConfig {
        incl_cut1: 0.7,
        ..Default::default()
    };
    let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &cfg).unwrap();
    let err = minimize(
        &tt,
        &MinimizeConfig {
            budget: Budget {
                memory: 500,
                ..Budget::default()
            },
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, QcaError::Budget(_)), "{err}");
    assert!(err.to_string().contains("--memory-budget"), "{err}");
}

#[test]
fn the_cna_searches_stop_at_their_budgets() {
    let tt = table(10, 100);
    let small = Budget {
        work: 20_000,
        ..Budget::default()
    };
    let pi_cons = MinimizeConfig {
        pi_cons: 0.8,
        sol_cons: 0.8,
        sol_cov: 0.5,
        ..parsimonious(small)
    };
    // The consistent-PI search stops at its budget (the models search then finds nothing or
    // a flagged partial result).
    match minimize(&tt, &pi_cons) {
        Ok(m) => assert!(m.main.truncated),
        Err(e) => assert!(e.to_string().contains("budget"), "{e}"),
    }
    // The memberships of the consistent-model search respect the memory budget.
    let err = minimize(
        &tt,
        &MinimizeConfig {
            budget: Budget {
                memory: 10_000,
                ..Budget::default()
            },
            ..pi_cons
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("--memory-budget"), "{err}");
}

#[test]
fn the_superset_subset_search_names_its_budgets() {
    let d = QcaData::new(&noisy(10, 200), "Y", None).unwrap();
    let work = super_subset(
        &d,
        &SuperSubsetConfig {
            incl_cut: 0.0,
            budget: Budget {
                work: 75 * 100,
                ..Budget::default()
            },
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(work.to_string().contains("--work-budget"), "{work}");
    let memory = super_subset(
        &d,
        &SuperSubsetConfig {
            incl_cut: 0.0,
            budget: Budget {
                memory: 4_295 * 30,
                ..Budget::default()
            },
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(memory.to_string().contains("--memory-budget"), "{memory}");
}

/// The JSON of a minimisation run on a pool of `threads` threads.
fn json_with(threads: usize, tt: &TruthTable, cfg: &MinimizeConfig) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| serde_json::to_string(&minimize(tt, cfg).unwrap()).unwrap())
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let ds = noisy(10, 2000);
    let tts: Vec<String> = [1, 4]
        .iter()
        .map(|&t| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap();
            pool.install(|| {
                let tt = truth_table(
                    QcaData::new(&ds, "Y", None).unwrap(),
                    &TruthTableConfig {
                        incl_cut1: 0.8,
                        ..Default::default()
                    },
                )
                .unwrap();
                format!("{:?}", tt.rows)
            })
        })
        .collect();
    assert_eq!(tts[0], tts[1]);
    let tt = table(10, 100);
    for budget in [
        Budget::default(),
        // A truncated PI search and an unproven chart.
        Budget {
            work: 50_000,
            ..Budget::default()
        },
    ] {
        let cfg = parsimonious(budget);
        assert_eq!(json_with(1, &tt, &cfg), json_with(4, &tt, &cfg));
    }
}

/// A minimisation with the intermediate solutions of directional expectations on every
/// condition.
fn intermediate(k: usize, budget: Budget) -> MinimizeConfig {
    let dir_exp = (0..k)
        .map(|j| format!("C{j}"))
        .collect::<Vec<_>>()
        .join(",");
    MinimizeConfig {
        dir_exp: Some(dir_exp),
        ..parsimonious(budget)
    }
}

#[test]
fn the_intermediate_solutions_share_the_work_budget() {
    let tt = table(6, 60);
    let full = minimize(&tt, &intermediate(6, Budget::default())).unwrap();
    let inter = full.intermediate.unwrap();
    assert!(!inter.is_empty());
    assert!(inter.iter().all(|i| !i.truncated && !i.models.is_empty()));
    // Each (conservative, parsimonious) pair needs a million work units: one fewer than that
    // for all pairs together is an error naming the flag to raise.
    let pairs = inter.len() as u64;
    let cut = minimize(
        &tt,
        &intermediate(
            6,
            Budget {
                work: pairs * 1_000_000 - 1,
                ..Budget::default()
            },
        ),
    );
    let err = cut.unwrap_err().to_string();
    assert!(err.contains("intermediate solutions"), "{err}");
    assert!(err.contains("--work-budget"), "{err}");
    // Exactly enough: the same intermediate solutions.
    let enough = minimize(
        &tt,
        &intermediate(
            6,
            Budget {
                work: pairs * 1_000_000,
                ..Budget::default()
            },
        ),
    )
    .unwrap();
    assert_eq!(enough.intermediate.unwrap(), inter);
}

/// `k` random binary conditions over `n` cases (seeded) with the outcome `C0`: the remainders
/// inside `C0` (about `2^(k-1)`) are counterfactuals of the intermediate solution.
fn outcome_c0(k: usize, n: usize) -> TruthTable {
    let mut r = fiscus_data::SplitMix64::new(7);
    let cols: Vec<Vec<f64>> = (0..k)
        .map(|_| (0..n).map(|_| (r.next_u64() & 1) as f64).collect())
        .collect();
    let mut columns: Vec<Column> = (0..k)
        .map(|j| Column::numbers(format!("C{j}"), &cols[j]))
        .collect();
    columns.push(Column::numbers("Y", &cols[0]));
    let ds = Dataset::new(
        "c0.csv",
        (1..=n).map(|i| format!("c{i}")).collect(),
        columns,
    )
    .unwrap();
    truth_table(
        QcaData::new(&ds, "Y", None).unwrap(),
        &TruthTableConfig::default(),
    )
    .unwrap()
}

#[test]
fn the_counterfactuals_of_intermediate_solutions_respect_the_memory_budget() {
    let tt = outcome_c0(14, 60);
    let full = minimize(&tt, &intermediate(14, Budget::default())).unwrap();
    let inter = full.intermediate.unwrap();
    let rows: usize = inter
        .iter()
        .map(|i| i.easy_counterfactuals.len() + i.difficult_counterfactuals.len())
        .sum();
    assert!(rows > 8000, "{rows}");
    // A budget that holds the memberships but not the counterfactual rows (16 bytes each):
    // the PI searches stop at its share of PIs (flagged), the intermediate solution at the
    // counterfactuals, with an error naming the flag.
    let err = minimize(
        &tt,
        &intermediate(
            14,
            Budget {
                memory: 100_000,
                ..Budget::default()
            },
        ),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("counterfactuals"), "{err}");
    assert!(err.contains("--memory-budget"), "{err}");
}

#[test]
fn the_superset_subset_search_counts_the_cases() {
    // Few expressions but many cases: 20 expressions of one literal over 2,000 cases take
    // 20 · (2 · 2,000 + 16) work units.
    let d = QcaData::new(&noisy(10, 2000), "Y", None).unwrap();
    let cfg = |work| SuperSubsetConfig {
        incl_cut: 0.0,
        depth: Some(1),
        budget: Budget {
            work,
            ..Budget::default()
        },
        ..Default::default()
    };
    let err = super_subset(&d, &cfg(20 * 4016 - 1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("over 2000 cases"), "{err}");
    assert!(err.contains("--work-budget"), "{err}");
    assert_eq!(super_subset(&d, &cfg(20 * 4016)).unwrap().len(), 20);
}

/// `n` cases of five conditions A–E drawn by a seeded xorshift and the outcome
/// `A*B + C*~D + E*~A*D` (a structured exception), each crisp value `b` turned into a
/// membership by `value(b, next)` (which may draw from the generator too).
fn five_conditions(
    n: usize,
    seed: u64,
    mut value: impl FnMut(u8, &mut dyn FnMut() -> u64) -> f64,
) -> Dataset {
    let mut x = seed;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut cols: Vec<Vec<f64>> = (0..6).map(|_| Vec::with_capacity(n)).collect();
    for _ in 0..n {
        let v: Vec<u8> = (0..5).map(|_| (next() >> 33) as u8 & 1).collect();
        let y = (v[0] & v[1]) | (v[2] & (1 - v[3])) | (v[4] & (1 - v[0]) & v[3]);
        for (c, &b) in cols.iter_mut().zip(v.iter().chain([&y])) {
            c.push(value(b, &mut next));
        }
    }
    let names = ["A", "B", "C", "D", "E", "Y"];
    Dataset::new(
        "d.csv",
        (1..=n).map(|i| format!("c{i}")).collect(),
        names
            .iter()
            .zip(&cols)
            .map(|(m, c)| Column::numbers(*m, c))
            .collect(),
    )
    .unwrap()
}

/// The parsimonious solution of `tt` (`n` cases) with the default budget, again with a memory
/// budget one byte less than its models' membership vectors take (the PIs used and twice the
/// widest model, 8 bytes per case each), and that budget.
fn below_membership_vectors(tt: &TruthTable, n: usize) -> (Minimization, Minimization, u64) {
    let dense = minimize(tt, &parsimonious(Budget::default())).unwrap();
    let d = &dense.main;
    let used = d.prime_implicants.len() as u64;
    let widest = d.models.iter().map(|m| m.terms.len()).max().unwrap() as u64;
    let memory = (used + 2 * widest) * n as u64 * 8 - 1;
    let below = minimize(
        tt,
        &parsimonious(Budget {
            memory,
            ..Budget::default()
        }),
    )
    .unwrap();
    (dense, below, memory)
}

/// Crisp models whose membership vectors would exceed the memory budget are fitted row by row
/// (a term's membership is 1 exactly on the cases of the rows it covers): the same models,
/// measures (to rounding) and cases as the dense computation.
#[test]
fn crisp_models_too_large_for_membership_vectors_are_fitted_row_by_row() {
    // Five crisp conditions, 200,000 cases, an outcome with a structured exception: a few
    // PIs (the PI search's share of the memory budget is no limit) over many cases.
    let n = 200_000;
    let ds = five_conditions(n, 0x2545_f491_4f6c_dd1d, |b, _| f64::from(b));
    let tt = truth_table(
        QcaData::new(&ds, "Y", None).unwrap(),
        &TruthTableConfig::default(),
    )
    .unwrap();
    let (dense, sparse, memory) = below_membership_vectors(&tt, n);
    let d = &dense.main;
    // More than the PI search and model list need.
    assert!(memory / 20_000 > d.pi_chart.rows.len() as u64, "{memory}");
    let s = &sparse.main;
    assert_eq!(s.truncated, d.truncated);
    assert_eq!(s.models.len(), d.models.len());
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9 || (a.is_nan() && b.is_nan()),
        (a, b) => a == b,
    };
    for (a, b) in s.models.iter().zip(&d.models) {
        assert_eq!(a.terms, b.terms);
        assert!((a.incl_s - b.incl_s).abs() < 1e-9);
        assert!((a.pri - b.pri).abs() < 1e-9);
        assert!((a.cov_s - b.cov_s).abs() < 1e-9);
        assert_eq!(a.cases, b.cases);
        assert_eq!(a.deviant_cases, b.deviant_cases);
        assert_eq!(a.terms_fit.len(), b.terms_fit.len());
        for (x, y) in a.terms_fit.iter().zip(&b.terms_fit) {
            assert_eq!(x.term, y.term);
            assert!(close(x.incl_s, y.incl_s), "{x:?} {y:?}");
            assert!(close(x.pri, y.pri), "{x:?} {y:?}");
            assert!(close(x.cov_s, y.cov_s), "{x:?} {y:?}");
            assert!(close(x.cov_u.flatten(), y.cov_u.flatten()), "{x:?} {y:?}");
            assert_eq!(x.cov_u.is_some(), y.cov_u.is_some());
            assert_eq!(x.cases, y.cases);
            assert_eq!(x.deviant_cases, y.deviant_cases);
        }
    }
}

/// Fuzzy models too large for membership vectors are fitted in two streamed passes over their
/// terms: exactly the numbers, cases and models of the dense computation.
#[test]
fn fuzzy_models_too_large_for_membership_vectors_are_streamed() {
    let n = 100_000;
    // Fuzzy memberships near the crisp values (never 0.5).
    let ds = five_conditions(n, 0x9e37_79b9_7f4a_7c15, |b, next| {
        let jitter = (next() % 100) as f64 / 1000.0;
        if b == 1 {
            0.9 + jitter
        } else {
            0.1 - jitter / 2.0
        }
    });
    let cfg = TruthTableConfig {
        incl_cut1: 0.8,
        ..Default::default()
    };
    let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &cfg).unwrap();
    let (dense, streamed, _) = below_membership_vectors(&tt, n);
    let d = &dense.main;
    let widest = d.models.iter().map(|m| m.terms.len()).max().unwrap();
    assert!(widest >= 3, "{:?}", d.models[0].terms);
    let s = &streamed.main;
    assert_eq!(s.models, d.models);
    assert_eq!(s.essential, d.essential);
    assert_eq!(s.truncated, d.truncated);
}

/// The work budget bounds the models fitted too: noisy 10 × 100 (260 minimal models) with
/// each case repeated 200 times, so that fitting a model costs more than finding it. At a
/// budget that still lists every minimal model, only the first models are fitted, identical
/// to the default budget's, and the note says how many of them are listed.
#[test]
fn the_work_budget_bounds_the_models_fitted() {
    let base = noisy(10, 100);
    let times = 200;
    let columns: Vec<Column> = base
        .columns()
        .iter()
        .map(|c| {
            let values: Vec<f64> = (0..times)
                .flat_map(|_| c.cells.iter().map(|x| x.as_number().unwrap()))
                .collect();
            Column::numbers(c.name.clone(), &values)
        })
        .collect();
    let n = 100 * times;
    let ds = Dataset::new("d.csv", (1..=n).map(|i| format!("c{i}")).collect(), columns).unwrap();
    let cfg = TruthTableConfig {
        incl_cut1: 0.8,
        ..Default::default()
    };
    let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &cfg).unwrap();
    let all = minimize(&tt, &parsimonious(Budget::default())).unwrap();
    let c = all.main.chart.unwrap();
    assert!(c.minimum_proven && c.minimal_models_exact);
    assert_eq!(all.main.models.len() as u64, c.minimal_models);
    assert!(all.notes(false).is_empty());
    // A model of `size` terms costs size × cases × (conditions + 1) work units to fit.
    let per_model = (c.model_size * n * 11) as u64;
    let few = minimize(
        &tt,
        &parsimonious(Budget {
            work: 20 * per_model + per_model / 2,
            ..Budget::default()
        }),
    )
    .unwrap();
    let f = few.main.chart.unwrap();
    assert_eq!(
        (f.minimal_models, f.minimal_models_exact),
        (c.minimal_models, true)
    );
    assert_eq!(few.main.models.len(), 20);
    assert_eq!(few.main.models_found, Some(c.minimal_models as usize));
    assert_eq!(all.main.models_found, None);
    for (a, b) in few.main.models.iter().zip(&all.main.models) {
        assert_eq!(a.terms, b.terms);
        assert_eq!(a.incl_s, b.incl_s);
    }
    let notes = few.notes(false);
    assert!(
        notes[0].starts_with(&format!(
            "20 of the {} models found are listed",
            c.minimal_models
        )),
        "{notes:?}"
    );
}
