//! Golden tests: every case under `ahp_cases` and `incomplete_and_group_cases` of
//! `tests/fixtures/ahp/reference.json` (a copy of `shared/reference/evaluation/ahp_delphi_scoring.json`).

use fiscus_ahp::{
    aggregate_judgments, aggregate_priorities, analyze, analyze_complete, analyze_hierarchy,
    complete, consistency, gci, inconsistent_judgments, priorities, AhpConfig, CompletionMethod,
    HierarchySpec, InputConfig, Judgments, Method, NodeSpec, PairwiseMatrix, RiTable,
};
use serde_json::Value;

/// Reference values are rounded to 10 decimals: 1e-9 covers rounding and the 12-digit matrices.
const TOL: f64 = 1e-9;

fn reference() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ahp/reference.json"
    );
    let text = std::fs::read_to_string(path).expect("fixture tests/fixtures/ahp/reference.json");
    serde_json::from_str(&text).expect("valid JSON fixture")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn vecf(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(f).collect()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn matrix(names: &[String], m: &Value) -> PairwiseMatrix {
    let cells = m
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| vecf(r).into_iter().map(Some).collect())
        .collect();
    let (j, _) =
        Judgments::new(names.to_vec(), cells, &InputConfig::default()).expect("valid matrix");
    j.to_complete().expect("complete")
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{what}: got {got}, reference {want} (tolerance {tol})"
    );
}

fn close_vec(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        close(&format!("{what}[{k}]"), *g, *w, tol);
    }
}

/// The reference's names for the RI tables.
const TABLES: [(&str, RiTable); 6] = [
    ("saaty1980", RiTable::Saaty1980),
    ("saaty2005_ahpy", RiTable::Saaty2005),
    ("chinese_common", RiTable::Chinese),
    ("alonso_lamata_Rahp", RiTable::AlonsoLamata),
    ("alonso_lamata_formula", RiTable::AlonsoLamataFormula),
    ("donegan_dodd_ahpy", RiTable::DoneganDodd),
];

/// Checks one matrix's `computed` block (eigen, rgmm, colnorm, CR under every table, GCI, most
/// inconsistent judgment).
fn check_computed(id: &str, names: &[String], m: &PairwiseMatrix, c: &Value) {
    let eig = priorities(m, Method::Eigen);
    close_vec(
        &format!("{id} eigenvector"),
        &eig.weights,
        &vecf(&c["eigenvector"]),
        TOL,
    );
    close(
        &format!("{id} lambda_max"),
        eig.lambda_max,
        f(&c["lambda_max"]),
        TOL,
    );
    for (key, table) in TABLES {
        let k = consistency(m, &eig, table, 0.1).expect("ri in range");
        close(&format!("{id} CI"), k.ci, f(&c["CI"]), TOL);
        close(&format!("{id} CR {key}"), k.cr, f(&c["CR"][key]), TOL);
    }
    let g = priorities(m, Method::Geometric);
    close_vec(
        &format!("{id} rgmm"),
        &g.weights,
        &vecf(&c["rgmm_weights"]),
        TOL,
    );
    close(
        &format!("{id} rgmm lambda"),
        g.lambda_max,
        f(&c["rgmm_lambda_est_mean_Aw_over_w"]),
        TOL,
    );
    close(
        &format!("{id} GCI"),
        gci(m, &g.weights),
        f(&c["GCI_rgmm"]),
        TOL,
    );
    let cn = priorities(m, Method::Colnorm);
    close_vec(
        &format!("{id} colnorm"),
        &cn.weights,
        &vecf(&c["colnorm_mean_weights"]),
        TOL,
    );
    close(
        &format!("{id} colnorm lambda"),
        cn.lambda_max,
        f(&c["colnorm_lambda_est_mean_Aw_over_w"]),
        TOL,
    );
    let mi = &c["most_inconsistent_pair_eigen"];
    if f(&mi["|ln e_ij|"]) > 1e-6 {
        let ranked = inconsistent_judgments(m, &eig.weights, None);
        let pair = (
            mi["i"].as_u64().expect("i") as usize,
            mi["j"].as_u64().expect("j") as usize,
        );
        // For n = 3 every judgment has the same error: the reference's pick is one of the tied.
        let worst = ranked.iter().find(|x| (x.i, x.j) == pair).expect("pair");
        close(
            &format!("{id} worst error"),
            ranked[0].log_error,
            worst.log_error,
            1e-9,
        );
        if names.len() > 3 {
            assert_eq!(
                (ranked[0].i, ranked[0].j),
                pair,
                "{id} most inconsistent pair"
            );
        }
        assert_eq!(
            [worst.row.clone(), worst.column.clone()].to_vec(),
            strings(&mi["names"])
        );
        close(
            &format!("{id} suggested"),
            worst.suggested,
            f(&mi["consistent_value_w_i/w_j"]),
            TOL,
        );
        close(
            &format!("{id} ratio"),
            worst.ratio,
            f(&mi["e_ij=a_ij*w_j/w_i"]),
            TOL,
        );
        close(
            &format!("{id} log error"),
            worst.log_error,
            f(&mi["|ln e_ij|"]),
            TOL,
        );
    }
    assert_eq!(names.len(), f(&c["n"]) as usize);
}

#[test]
fn ahp_cases_weights_lambda_cr_all_tables() {
    let r = reference();
    let cases = r["ahp_cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 6);
    for case in cases {
        let id = case["id"].as_str().expect("id");
        let names = strings(&case["elements"]);
        let m = matrix(&names, &case["matrix"]);
        check_computed(id, &names, &m, &case["computed"]);
        if let Some(subs) = case.get("sub_matrices").and_then(Value::as_object) {
            let alts = strings(&case["alternatives"]);
            for (crit, sub) in subs {
                let sm = matrix(&alts, &sub["matrix"]);
                check_computed(&format!("{id}/{crit}"), &alts, &sm, sub);
            }
        }
    }
}

/// pyDecision's `rc` for its three methods is CR with Saaty's 1980 table and the method's λ estimate.
#[test]
fn ahp_cases_pydecision_methods() {
    let r = reference();
    for case in r["ahp_cases"].as_array().expect("cases") {
        let id = case["id"].as_str().expect("id");
        let names = strings(&case["elements"]);
        let m = matrix(&names, &case["matrix"]);
        let py = &case["pyDecision_5.1.8"];
        for (key, method) in [
            ("m", Method::Colnorm),
            ("g", Method::Geometric),
            ("me", Method::Eigen),
        ] {
            let cfg = AhpConfig {
                method,
                ri: RiTable::Saaty1980,
                ..Default::default()
            };
            let res = analyze_complete(&m, &cfg).expect("analysis");
            close_vec(
                &format!("{id} pyDecision {key}"),
                &res.weights,
                &vecf(&py[key]["weights"]),
                TOL,
            );
            close(
                &format!("{id} pyDecision {key} rc"),
                res.consistency.cr,
                f(&py[key]["rc"]),
                TOL,
            );
        }
    }
}

/// ahpy prints rounded values: they must agree with ours to half a unit in their last place.
#[test]
fn ahp_cases_ahpy_published_values() {
    let r = reference();
    for case in r["ahp_cases"].as_array().expect("cases") {
        let id = case["id"].as_str().expect("id");
        let Some(ahpy) = case.get("ahpy_2.1").and_then(Value::as_object) else {
            continue;
        };
        let names = strings(&case["elements"]);
        let m = matrix(&names, &case["matrix"]);
        let eig = priorities(&m, Method::Eigen);
        for (key, v) in ahpy {
            let Some(lw) = v.get("local_weights").and_then(Value::as_object) else {
                continue;
            };
            let precision = v["precision"].as_i64().expect("precision") as i32;
            let half = 0.5 * 10f64.powi(-precision) + 1e-12;
            for (name, w) in lw {
                let k = names.iter().position(|x| x == name).expect("element");
                close(
                    &format!("{id} ahpy {key} {name}"),
                    eig.weights[k],
                    f(w),
                    half,
                );
            }
            let table = if v["random_index"] == "dd" {
                RiTable::DoneganDodd
            } else {
                RiTable::Saaty2005
            };
            let cr = consistency(&m, &eig, table, 0.1).expect("cr").cr;
            close(
                &format!("{id} ahpy {key} CR"),
                cr,
                f(&v["consistency_ratio"]),
                half,
            );
        }
    }
}

fn hierarchy_of(case: &Value) -> HierarchySpec {
    let names = strings(&case["elements"]);
    let alts = strings(&case["alternatives"]);
    let to_j = |names: &[String], m: &Value| Judgments::from(&matrix(names, m));
    let mut nodes = vec![NodeSpec {
        name: "goal".into(),
        judgments: to_j(&names, &case["matrix"]),
    }];
    for crit in &names {
        nodes.push(NodeSpec {
            name: crit.clone(),
            judgments: to_j(&alts, &case["sub_matrices"][crit]["matrix"]),
        });
    }
    HierarchySpec {
        goal: Some("goal".into()),
        nodes,
        alternatives: alts,
    }
}

#[test]
fn ahp_cases_hierarchy_global_weights() {
    let r = reference();
    for case in r["ahp_cases"].as_array().expect("cases") {
        if case.get("sub_matrices").is_none() {
            continue;
        }
        let id = case["id"].as_str().expect("id");
        let h = analyze_hierarchy(&hierarchy_of(case), &AhpConfig::default()).expect("hierarchy");
        let want = case["computed_global_target_weights_exact"]
            .as_object()
            .expect("targets");
        assert_eq!(h.alternatives.len(), want.len());
        for a in &h.alternatives {
            close(
                &format!("{id} global {}", a.name),
                a.score,
                f(&want[&a.name]),
                TOL,
            );
        }
        // ahpy's 8-decimal target weights are built from local weights already rounded to 8
        // decimals, so the rounding errors add up: a few units of 1e-8.
        let p8 = case["ahpy_2.1"]
            .get("p8_dd")
            .or(case["ahpy_2.1"].get("p8_saaty"))
            .expect("p8");
        let targets = if p8.is_array() {
            p8[0].clone()
        } else {
            p8["target"].clone()
        };
        for a in &h.alternatives {
            close(
                &format!("{id} ahpy p8 {}", a.name),
                a.score,
                f(&targets[&a.name]),
                3e-8,
            );
        }
        // Leaf global weights are the criteria weights here and sum to 1.
        let s: f64 = h
            .criteria
            .iter()
            .filter(|c| c.leaf)
            .map(|c| c.global_weight)
            .sum();
        close(&format!("{id} leaf weights sum"), s, 1.0, 1e-12);
    }
}

#[test]
fn incomplete_harker_and_optimal() {
    let r = reference();
    let case = &r["incomplete_and_group_cases"][0];
    assert_eq!(case["id"], "INC-1-bozoki-4x4-missing-cd");
    let names = strings(&case["elements"]);
    let n = names.len();
    let mut cells = vec![vec![None; n]; n];
    for (k, v) in case["given"].as_object().expect("given") {
        let (a, b) = k.split_once(',').expect("pair");
        let i = names.iter().position(|x| x == a).expect("a");
        let j = names.iter().position(|x| x == b).expect("b");
        cells[i][j] = Some(f(v));
    }
    let (j, _) = Judgments::new(names.clone(), cells, &InputConfig::default()).expect("judgments");
    assert_eq!(j.missing(), vec![(2, 3)]);

    // Harker.
    let h = &case["harker_1987"];
    let res = analyze(&j, &AhpConfig::default()).expect("harker");
    close_vec("harker weights", &res.weights, &vecf(&h["weights"]), TOL);
    close(
        "harker lambda",
        res.consistency.lambda_max,
        f(&h["lambda_max_of_C"]),
        TOL,
    );
    close("harker CI", res.consistency.ci, f(&h["CI_from_C"]), TOL);
    close(
        "harker filled c,d",
        res.filled[0].value,
        f(&h["filled_cd = w_c/w_d"]),
        TOL,
    );
    let again = priorities(
        &complete(&j, CompletionMethod::Harker)
            .expect("completed")
            .matrix,
        Method::Eigen,
    );
    close_vec(
        "completed matrix eigen",
        &again.weights,
        &vecf(&h["completed_matrix_eigen"]["weights"]),
        TOL,
    );
    close(
        "completed matrix lambda",
        again.lambda_max,
        f(&h["completed_matrix_eigen"]["lambda_max"]),
        TOL,
    );

    // λmax-optimal: the analytic optimum is sqrt(8/15); the independent reference solved it
    // numerically to about 1e-8, ahpy to its default tolerance 1e-4.
    let o = &case["lambda_max_optimal_completion_independent"];
    let cfg = AhpConfig {
        completion: CompletionMethod::Optimal,
        ..Default::default()
    };
    let res = analyze(&j, &cfg).expect("optimal");
    close(
        "optimal c,d analytic",
        res.filled[0].value,
        (8.0f64 / 15.0).sqrt(),
        1e-12,
    );
    close(
        "optimal c,d independent",
        res.filled[0].value,
        f(&o["a_cd"]),
        1e-7,
    );
    close(
        "optimal c,d ahpy",
        res.filled[0].value,
        f(&case["published"]["ahpy_computed_cd"]),
        1e-6,
    );
    close_vec("optimal weights", &res.weights, &vecf(&o["weights"]), 1e-8);
    close(
        "optimal lambda",
        res.consistency.lambda_max,
        f(&o["lambda_max"]),
        TOL,
    );
    close("optimal CI", res.consistency.ci, f(&o["CI"]), TOL);
    for (key, table) in [
        ("CR_dd", RiTable::DoneganDodd),
        ("CR_saaty1980", RiTable::Saaty1980),
    ] {
        let cfg = AhpConfig {
            completion: CompletionMethod::Optimal,
            ri: table,
            ..Default::default()
        };
        close(
            key,
            analyze(&j, &cfg).expect("optimal").consistency.cr,
            f(&o[key]),
            TOL,
        );
    }
    for (key, v) in case["ahpy_2.1"]["p8"]["weights"].as_object().expect("p8") {
        let k = names.iter().position(|x| x == key).expect("element");
        close(&format!("ahpy p8 {key}"), res.weights[k], f(v), 1e-6);
    }
}

#[test]
fn group_aij_and_aip() {
    let r = reference();
    let case = &r["incomplete_and_group_cases"][1];
    assert_eq!(case["id"], "GRP-1-gluc-ahp-vacation-weighted-3DM");
    let names = strings(&case["elements"]);
    let dms = ["Dad", "Mom", "Kid"];
    let w: Vec<f64> = dms.iter().map(|d| f(&case["dm_weights"][d])).collect();
    let mats: Vec<PairwiseMatrix> = dms
        .iter()
        .map(|d| matrix(&names, &case["dm_matrices"][d]))
        .collect();
    let mut eigs = Vec::new();
    let mut rgmms = Vec::new();
    for (d, m) in dms.iter().zip(&mats) {
        let ind = &case["individual"][d];
        let p = priorities(m, Method::Eigen);
        close_vec(
            &format!("{d} eigenvector"),
            &p.weights,
            &vecf(&ind["eigenvector"]),
            TOL,
        );
        close(
            &format!("{d} lambda"),
            p.lambda_max,
            f(&ind["lambda_max"]),
            TOL,
        );
        let al = consistency(m, &p, RiTable::AlonsoLamata, 0.1).expect("cr");
        close(&format!("{d} CI"), al.ci, f(&ind["CI"]), TOL);
        close(
            &format!("{d} CR al"),
            al.cr,
            f(&ind["CR_alonso_lamata_Rahp"]),
            TOL,
        );
        let s = consistency(m, &p, RiTable::Saaty1980, 0.1).expect("cr");
        close(&format!("{d} CR saaty"), s.cr, f(&ind["CR_saaty1980"]), TOL);
        eigs.push(p.weights);
        rgmms.push(priorities(m, Method::Geometric).weights);
    }
    let g = aggregate_judgments(&mats, &w).expect("aij");
    for (i, row) in case["AIJ_weighted_geometric_matrix"]
        .as_array()
        .expect("rows")
        .iter()
        .enumerate()
    {
        close_vec(&format!("AIJ row {i}"), &g.rows()[i], &vecf(row), TOL);
    }
    let ge = priorities(&g, Method::Eigen);
    let aij = &case["AIJ_eigen"];
    close_vec("AIJ eigen", &ge.weights, &vecf(&aij["weights"]), TOL);
    close("AIJ lambda", ge.lambda_max, f(&aij["lambda_max"]), TOL);
    for (key, table) in TABLES {
        let k = consistency(&g, &ge, table, 0.1).expect("cr");
        close(&format!("AIJ CI {key}"), k.ci, f(&aij["CI"]), TOL);
        close(&format!("AIJ CR {key}"), k.cr, f(&aij["CR"][key]), TOL);
    }
    close_vec(
        "AIJ rgmm",
        &priorities(&g, Method::Geometric).weights,
        &vecf(&case["AIJ_rgmm_weights"]),
        TOL,
    );
    close_vec(
        "AIP arithmetic",
        &aggregate_priorities(&eigs, &w, false).expect("aip"),
        &vecf(&case["AIP_weighted_arithmetic_of_eigenvectors (gluc/ahp)"]),
        TOL,
    );
    close_vec(
        "AIP geometric",
        &aggregate_priorities(&eigs, &w, true).expect("aip"),
        &vecf(&case["AIP_weighted_geometric_of_eigenvectors_normalized"]),
        TOL,
    );
    close_vec(
        "AIP geometric of RGMM",
        &aggregate_priorities(&rgmms, &w, true).expect("aip"),
        &vecf(&case["AIP_weighted_geometric_of_RGMM_normalized (== AIJ RGMM)"]),
        TOL,
    );
}

#[test]
fn ri_tables_match_reference() {
    let r = reference();
    for (key, table) in TABLES {
        let Some(values) = r["ri_tables_n1_to_15"].get(key) else {
            continue;
        };
        for (k, v) in vecf(values).iter().enumerate() {
            close(
                &format!("RI {key} n={}", k + 1),
                table.value(k + 1).expect("in range"),
                *v,
                1e-12,
            );
        }
    }
    for (n, v) in r["ri_dd_extended"].as_object().expect("dd") {
        let n: usize = n.parse().expect("n");
        close(
            &format!("DD n={n}"),
            RiTable::DoneganDodd.value(n).expect("dd"),
            f(v),
            1e-12,
        );
    }
    for (n, v) in r["ri_alonso_lamata_formula_examples"]
        .as_object()
        .expect("al")
    {
        let n: usize = n.parse().expect("n");
        close(
            &format!("AL n={n}"),
            RiTable::AlonsoLamata.value(n).expect("al"),
            f(v),
            1e-9,
        );
    }
    assert!(RiTable::DoneganDodd.value(101).is_err());
    assert!(RiTable::Saaty1980.value(16).is_err());
}
