//! `super_subset` against R QCA 3.25's `superSubset()` (the 7 searches of
//! `tests/fixtures/qca/N01_necessity.json`), plus properties on random data.

use std::path::PathBuf;

use fiscus_data::{Column, Dataset};
use fiscus_qca::{pof, super_subset, FitRow, QcaData, Relation, SuperSubsetConfig};
use proptest::prelude::*;
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/qca")
}

/// Reads one of the fixture CSV files (first column: case names; numbers elsewhere).
fn dataset(name: &str) -> Dataset {
    let path = fixtures().join("datasets").join(format!("{name}.csv"));
    let text = std::fs::read_to_string(&path).expect("fixture dataset");
    let unquote = |s: &str| s.trim().trim_matches('"').to_string();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(unquote)
        .collect();
    let mut cases = Vec::new();
    let mut cols: Vec<Vec<f64>> = vec![Vec::new(); header.len() - 1];
    for l in lines {
        let cells: Vec<String> = l.split(',').map(unquote).collect();
        cases.push(cells[0].clone());
        for (c, v) in cols.iter_mut().zip(&cells[1..]) {
            c.push(v.parse().expect("number"));
        }
    }
    let columns = header[1..]
        .iter()
        .zip(&cols)
        .map(|(n, v)| Column::numbers(n.as_str(), v))
        .collect();
    Dataset::new(path.display().to_string(), cases, columns).expect("dataset")
}

/// Reads one measure of a fit row.
type Getter = fn(&FitRow) -> Option<f64>;

fn reference() -> Value {
    let text = std::fs::read_to_string(fixtures().join("N01_necessity.json")).expect("N01");
    serde_json::from_str(&text).expect("json")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Runs the search of reference block `key` and compares terms (in R's order) and numbers.
fn check(key: &str, data: &str, outcome: &str, cfg: SuperSubsetConfig) {
    let r = reference();
    let block = &r[key];
    let d = QcaData::new(&dataset(data), outcome, None).expect("data");
    let got = super_subset(&d, &cfg).expect("search");
    let want = block["rows"].as_array().expect("rows");
    let got_terms: Vec<&str> = got.iter().map(|r| r.term.as_str()).collect();
    let want_terms: Vec<&str> = want
        .iter()
        .map(|r| r["term"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(got_terms, want_terms, "{key}: {}", block["r_call"]);
    let keys: [(&str, Getter); 3] = match cfg.relation {
        Relation::Necessity => [
            ("inclN", |r| r.incl_n),
            ("RoN", |r| r.ron),
            ("covN", |r| r.cov_n),
        ],
        Relation::Sufficiency => [
            ("inclS", |r| r.incl_s),
            ("PRI", |r| r.pri),
            ("covS", |r| r.cov_s),
        ],
    };
    for (g, w) in got.iter().zip(want) {
        for (name, get) in keys {
            let e = w[name].as_f64().expect("number");
            let v = get(g).unwrap_or(f64::NAN);
            assert!(close(v, e), "{key} {} {name}: {v}, R gives {e}", g.term);
        }
    }
}

fn nec(incl_cut: f64, cov_cut: f64) -> SuperSubsetConfig {
    SuperSubsetConfig {
        incl_cut,
        cov_cut,
        ..SuperSubsetConfig::default()
    }
}

#[test]
fn lf_necessity_with_coverage_cut() {
    check("superSubset_LF", "LF", "SURV", nec(0.9, 0.6));
}

#[test]
fn lf_necessity_with_ron_cut() {
    let cfg = SuperSubsetConfig {
        ron_cut: 0.6,
        ..nec(0.9, 0.0)
    };
    check("superSubset_LF_ron", "LF", "SURV", cfg);
}

#[test]
fn cvf_necessity_disjunctions_up_to_four_literals() {
    check("superSubset_CVF", "CVF", "PROTEST", nec(0.9, 0.6));
}

#[test]
fn lf_negated_outcome() {
    check("superSubset_LF_negout", "LF", "~SURV", nec(0.9, 0.6));
}

#[test]
fn lm_multivalue_notation() {
    check("superSubset_LM_mv", "LM", "SURV", nec(0.9, 0.5));
}

#[test]
fn lf_sufficiency_drops_supersets_of_kept_terms() {
    let cfg = SuperSubsetConfig {
        relation: Relation::Sufficiency,
        incl_cut: 0.85,
        ..SuperSubsetConfig::default()
    };
    check("superSubset_LF_sufficiency", "LF", "SURV", cfg);
}

#[test]
fn cvf_depth_two() {
    let cfg = SuperSubsetConfig {
        depth: Some(2),
        ..nec(0.85, 0.5)
    };
    check("superSubset_CVF_depth2", "CVF", "PROTEST", cfg);
}

#[test]
fn nothing_passing_gives_no_rows() {
    let d = QcaData::new(&dataset("LF"), "SURV", None).unwrap();
    let rows = super_subset(&d, &nec(1.0, 0.9)).unwrap();
    assert!(rows.is_empty(), "{rows:?}");
    let cfg = SuperSubsetConfig {
        ron_cut: 2.0,
        ..nec(0.9, 0.0)
    };
    assert!(super_subset(&d, &cfg).unwrap().is_empty());
}

#[test]
fn depth_limits_the_number_of_literals() {
    let d = QcaData::new(&dataset("CVF"), "PROTEST", None).unwrap();
    let full = super_subset(&d, &nec(0.85, 0.5)).unwrap();
    assert!(full.iter().any(|r| r.term.matches('+').count() >= 2));
    for depth in 1..=3 {
        let cfg = SuperSubsetConfig {
            depth: Some(depth),
            ..nec(0.85, 0.5)
        };
        let rows = super_subset(&d, &cfg).unwrap();
        assert!(!rows.is_empty());
        for r in &rows {
            let literals = r.term.split(['+', '*']).count();
            assert!(literals <= depth, "{} at depth {depth}", r.term);
        }
    }
}

#[test]
fn value_selected_outcome_prints_multivalue_notation() {
    let d = QcaData::new(&dataset("LC"), "SURV[1]", None).unwrap();
    let rows = super_subset(&d, &nec(0.9, 0.5)).unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.term.contains('[')), "{rows:?}");
}

#[test]
fn non_numeric_cut_offs_are_refused() {
    let d = QcaData::new(&dataset("LF"), "SURV", None).unwrap();
    let err = super_subset(&d, &nec(f64::NAN, 0.0)).unwrap_err();
    assert!(err.to_string().contains("incl_cut"), "{err}");
    let cfg = SuperSubsetConfig {
        pri_cut: f64::INFINITY,
        ..nec(0.9, 0.0)
    };
    assert!(super_subset(&d, &cfg)
        .unwrap_err()
        .to_string()
        .contains("pri_cut"));
}

/// Random fuzzy data: `n` conditions `C1..Cn` and outcome `Y` over `m` cases.
fn random_data(n: usize, values: &[f64], y: &[f64]) -> QcaData {
    let m = y.len();
    let mut cols: Vec<Column> = (0..n)
        .map(|j| Column::numbers(format!("C{}", j + 1), &values[j * m..(j + 1) * m]))
        .collect();
    cols.push(Column::numbers("Y", y));
    let cases = (1..=m).map(|i| i.to_string()).collect();
    QcaData::new(&Dataset::new("random.csv", cases, cols).unwrap(), "Y", None).unwrap()
}

#[test]
fn many_conditions_with_a_depth_limit_are_fast() {
    let (n, m) = (14, 60);
    let values: Vec<f64> = (0..n * m)
        .map(|i| ((i * 37 % 101) as f64 + 0.5) / 102.0)
        .collect();
    let y: Vec<f64> = (0..m)
        .map(|i| ((i * 53 % 97) as f64 + 0.5) / 98.0)
        .collect();
    let d = random_data(n, &values, &y);
    let start = std::time::Instant::now();
    let cfg = SuperSubsetConfig {
        depth: Some(4),
        ..nec(0.8, 0.0)
    };
    super_subset(&d, &cfg).unwrap();
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn oversized_levels_ask_for_a_depth() {
    // 30 multi-value conditions with 20 categories: 174,000 expressions of two literals,
    // 32,480,000 of three.
    let (n, m) = (30, 20);
    let values: Vec<f64> = (0..n * m).map(|i| ((i % m) * 7 % m) as f64).collect();
    let y: Vec<f64> = (0..m).map(|i| (i % 2) as f64).collect();
    let d = random_data(n, &values, &y);
    let err = super_subset(&d, &nec(1.5, 0.0)).unwrap_err();
    assert!(err.to_string().contains("of 3 literals"), "{err}");
    assert!(err.to_string().contains("depth (at most 2)"), "{err}");
}

fn literals(term: &str) -> Vec<String> {
    let mut v: Vec<String> = term
        .split(['+', '*'])
        .map(|s| s.trim().to_string())
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn returned_terms_pass_the_cut_offs_and_match_pof(
        n in 1usize..5,
        m in 3usize..12,
        raw in proptest::collection::vec(0.0f64..=1.0, 60),
        yraw in proptest::collection::vec(0.0f64..=1.0, 12),
        incl_cut in 0.5f64..1.0,
        cov_cut in 0.0f64..0.8,
        sufficiency in any::<bool>(),
    ) {
        let values: Vec<f64> = raw.iter().map(|v| (v * 100.0).round() / 100.0 * 0.98 + 0.01).collect();
        let d = random_data(n, &values, &yraw[..m]);
        let relation = if sufficiency { Relation::Sufficiency } else { Relation::Necessity };
        let cfg = SuperSubsetConfig { relation, incl_cut, cov_cut, ..SuperSubsetConfig::default() };
        let rows = super_subset(&d, &cfg).unwrap();
        let mut seen = std::collections::HashSet::new();
        for r in &rows {
            prop_assert!(seen.insert(literals(&r.term)), "{} twice", r.term);
            let (incl, cov) = match relation {
                Relation::Necessity => (r.incl_n.unwrap(), r.cov_n.unwrap()),
                Relation::Sufficiency => (r.incl_s.unwrap(), r.cov_s.unwrap()),
            };
            prop_assert!(incl >= incl_cut - 1e-8, "{}: incl {incl} < {incl_cut}", r.term);
            prop_assert!(cov >= cov_cut - 1e-8, "{}: cov {cov} < {cov_cut}", r.term);
            // The same numbers as pof() on the printed expression (pof zeroes values < 1e-5
            // and gives NaN for 0/0, which the search counts as 0).
            let p = pof(&r.term, &d.conditions, &d.outcome.values, relation).unwrap();
            let e = p.last().unwrap();
            let pairs = match relation {
                Relation::Necessity => [(r.incl_n, e.incl_n), (r.ron, e.ron), (r.cov_n, e.cov_n)],
                Relation::Sufficiency => [(r.incl_s, e.incl_s), (r.pri, e.pri), (r.cov_s, e.cov_s)],
            };
            for (a, b) in pairs {
                let (a, b) = (a.unwrap(), b.unwrap());
                prop_assert!(!a.is_nan(), "{}: NaN", r.term);
                let same = if b.is_nan() { a == 0.0 } else { (a - b).abs() < 1e-5 + 1e-9 };
                prop_assert!(same, "{}: {a} vs pof {b}", r.term);
            }
        }
        // Sufficiency keeps no term containing another kept term; a necessary disjunction
        // never contains the literals of a kept conjunction or of a shorter disjunction
        // (necessary conjunctions are not checked, as in R).
        for r in &rows {
            let lr = literals(&r.term);
            for s in &rows {
                let ls = literals(&s.term);
                if ls.len() < lr.len() && ls.iter().all(|l| lr.contains(l)) {
                    prop_assert!(
                        relation == Relation::Necessity && !r.term.contains('+'),
                        "{} contains the kept {}", r.term, s.term
                    );
                }
            }
        }
    }
}
