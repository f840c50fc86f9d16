//! End-to-end tests of `fiscus ahp` (single matrix, group, hierarchy, sensitivity) against the
//! reference values in tests/fixtures/ahp/ (see its README.md).

use serde_json::Value;

use crate::common::*;

fn reference() -> Value {
    fixture_json("ahp/reference.json")
}

fn vecf(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(num).collect()
}

fn close_vec(what: &str, got: &Value, want: &[f64], tol: f64) {
    let got = vecf(got);
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        close(&format!("{what}[{k}]"), *g, *w, tol);
    }
}

fn write_matrix(name: &str, elements: &[String], m: &Value) -> String {
    let mut text = format!("case,{}\n", elements.join(","));
    for (e, row) in elements.iter().zip(m.as_array().expect("rows")) {
        let cells: Vec<String> = vecf(row).iter().map(|x| format!("{x}")).collect();
        text.push_str(&format!("{e},{}\n", cells.join(",")));
    }
    tmp_arg(name, text)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

#[test]
fn every_reference_matrix_every_method_and_ri_table() {
    let r = reference();
    let tables = [
        ("saaty1980", "saaty1980"),
        ("saaty2005", "saaty2005_ahpy"),
        ("chinese", "chinese_common"),
        ("alonso-lamata", "alonso_lamata_Rahp"),
        ("alonso-lamata-formula", "alonso_lamata_formula"),
        ("donegan-dodd", "donegan_dodd_ahpy"),
    ];
    for case in r["ahp_cases"].as_array().expect("cases") {
        let id = case["id"].as_str().expect("id");
        let names = strings(&case["elements"]);
        let path = write_matrix(&format!("{id}.csv"), &names, &case["matrix"]);
        let c = &case["computed"];
        for (ri, key) in tables {
            let out = ok_json(&fiscus(&[
                "ahp", &path, "--method", "eigen", "--ri", ri, "--format", "json",
            ]));
            assert_eq!(out["schema_version"], 1);
            assert_eq!(strings(&out["elements"]), names);
            assert_eq!(out["ri_table"], ri);
            close_vec(
                &format!("{id} weights"),
                &out["weights"],
                &vecf(&c["eigenvector"]),
                TOL,
            );
            close(
                &format!("{id} lambda"),
                num(&out["lambda_max"]),
                num(&c["lambda_max"]),
                TOL,
            );
            close(&format!("{id} CI"), num(&out["CI"]), num(&c["CI"]), TOL);
            close(
                &format!("{id} CR {ri}"),
                num(&out["CR"]),
                num(&c["CR"][key]),
                TOL,
            );
            assert_eq!(
                out["completed_matrix"].as_array().expect("matrix").len(),
                names.len()
            );
            let mi = &out["most_inconsistent"];
            assert!(mi["i"].is_u64() && mi["j"].is_u64() && mi["suggested"].is_f64());
        }
        for (method, key, lkey) in [
            (
                "geometric",
                "rgmm_weights",
                "rgmm_lambda_est_mean_Aw_over_w",
            ),
            (
                "colnorm",
                "colnorm_mean_weights",
                "colnorm_lambda_est_mean_Aw_over_w",
            ),
        ] {
            let out = ok_json(&fiscus(&[
                "ahp", &path, "--method", method, "--format", "json",
            ]));
            close_vec(
                &format!("{id} {method}"),
                &out["weights"],
                &vecf(&c[key]),
                TOL,
            );
            close(
                &format!("{id} {method} lambda"),
                num(&out["lambda_max"]),
                num(&c[lkey]),
                TOL,
            );
        }
        let g = ok_json(&fiscus(&[
            "ahp",
            &path,
            "--method",
            "geometric",
            "--format",
            "json",
        ]));
        close(
            &format!("{id} GCI"),
            num(&g["GCI"]),
            num(&c["GCI_rgmm"]),
            TOL,
        );
    }
}

#[test]
fn fractions_in_the_csv_match_the_decimal_reference() {
    let r = reference();
    let c = &r["ahp_cases"][0]["computed"];
    let out = ok_json(&fiscus(&[
        "ahp",
        &fx("ahp/drinks.csv"),
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]));
    close_vec("drinks", &out["weights"], &vecf(&c["eigenvector"]), TOL);
    close(
        "drinks CR",
        num(&out["CR"]),
        num(&c["CR"]["saaty1980"]),
        TOL,
    );
    let mi = &c["most_inconsistent_pair_eigen"];
    assert_eq!(out["most_inconsistent"]["i"], mi["i"]);
    assert_eq!(out["most_inconsistent"]["j"], mi["j"]);
    close(
        "suggested",
        num(&out["most_inconsistent"]["suggested"]),
        num(&mi["consistent_value_w_i/w_j"]),
        TOL,
    );
    assert_eq!(out["RI"], 1.32);
    assert_eq!(out["acceptable"], true);
}

#[test]
fn upper_triangle_input() {
    let r = reference();
    let out = ok_json(&fiscus(&[
        "ahp",
        &fx("ahp/leader_upper.csv"),
        "--format",
        "json",
    ]));
    close_vec(
        "leader",
        &out["weights"],
        &vecf(&r["ahp_cases"][2]["computed"]["eigenvector"]),
        TOL,
    );
    assert_eq!(out["filled"].as_array().expect("filled").len(), 0);
}

#[test]
fn incomplete_matrix_harker_and_optimal() {
    let r = reference();
    let case = &r["incomplete_and_group_cases"][0];
    let h = ok_json(&fiscus(&[
        "ahp",
        &fx("ahp/incomplete.csv"),
        "--format",
        "json",
    ]));
    assert_eq!(h["completion"], "harker");
    close_vec(
        "harker",
        &h["weights"],
        &vecf(&case["harker_1987"]["weights"]),
        TOL,
    );
    close(
        "harker lambda",
        num(&h["lambda_max"]),
        num(&case["harker_1987"]["lambda_max_of_C"]),
        TOL,
    );
    close(
        "harker c,d",
        num(&h["completed_matrix"][2][3]),
        num(&case["harker_1987"]["filled_cd = w_c/w_d"]),
        TOL,
    );
    close(
        "harker d,c",
        num(&h["completed_matrix"][3][2]) * num(&h["completed_matrix"][2][3]),
        1.0,
        1e-12,
    );
    assert_eq!(h["filled"][0]["row"], "c");
    let o = ok_json(&fiscus(&[
        "ahp",
        &fx("ahp/incomplete.csv"),
        "--completion",
        "optimal",
        "--ri",
        "donegan-dodd",
        "--format",
        "json",
    ]));
    let want = &case["lambda_max_optimal_completion_independent"];
    close(
        "optimal c,d",
        num(&o["completed_matrix"][2][3]),
        (8.0f64 / 15.0).sqrt(),
        1e-12,
    );
    close_vec(
        "optimal weights",
        &o["weights"],
        &vecf(&want["weights"]),
        1e-8,
    );
    close("optimal CR dd", num(&o["CR"]), num(&want["CR_dd"]), TOL);
}

#[test]
fn group_survey_with_expert_weights() {
    let r = reference();
    let case = &r["incomplete_and_group_cases"][1];
    let check = |out: &Value| {
        close_vec(
            "AIJ",
            &out["aij"]["weights"],
            &vecf(&case["AIJ_eigen"]["weights"]),
            TOL,
        );
        close(
            "AIJ CR",
            num(&out["aij"]["CR"]),
            num(&case["AIJ_eigen"]["CR"]["alonso_lamata_Rahp"]),
            TOL,
        );
        for (i, row) in case["AIJ_weighted_geometric_matrix"]
            .as_array()
            .expect("rows")
            .iter()
            .enumerate()
        {
            close_vec(
                &format!("AIJ row {i}"),
                &out["aij"]["completed_matrix"][i],
                &vecf(row),
                TOL,
            );
        }
        close_vec(
            "AIP arithmetic",
            &out["aip_arithmetic"],
            &vecf(&case["AIP_weighted_arithmetic_of_eigenvectors (gluc/ahp)"]),
            TOL,
        );
        close_vec(
            "AIP geometric",
            &out["aip_geometric"],
            &vecf(&case["AIP_weighted_geometric_of_eigenvectors_normalized"]),
            TOL,
        );
        for (k, d) in ["Dad", "Mom", "Kid"].iter().enumerate() {
            let e = &out["experts"][k];
            assert_eq!(e["expert"], *d);
            close_vec(
                d,
                &e["weights"],
                &vecf(&case["individual"][d]["eigenvector"]),
                TOL,
            );
            close(
                d,
                num(&e["CR"]),
                num(&case["individual"][d]["CR_alonso_lamata_Rahp"]),
                TOL,
            );
        }
    };
    let survey = fx("ahp/vacation_survey.csv");
    let a = ok_json(&fiscus(&[
        "ahp",
        "group",
        &survey,
        "--weight-column",
        "weight",
        "--format",
        "json",
    ]));
    check(&a);
    assert_eq!(strings(&a["elements"]), vec!["Costs", "Fun", "Spa"]);
    assert_eq!(a["aggregation"], "aij");
    assert_eq!(a["weights"], a["aij"]["weights"]);
    let b = ok_json(&fiscus(&[
        "ahp",
        "group",
        &survey,
        "--expert-weights",
        "Dad=2,Mom=2,Kid=1",
        "--format",
        "json",
    ]));
    check(&b);
    let c = ok_json(&fiscus(&[
        "ahp",
        "group",
        &survey,
        "--expert-weights",
        &fx("ahp/authority.csv"),
        "--aggregation",
        "aip-arithmetic",
        "--format",
        "json",
    ]));
    check(&c);
    assert_eq!(c["weights"], c["aip_arithmetic"]);
    // Equal weights by default: a different AIP.
    let d = ok_json(&fiscus(&["ahp", "group", &survey, "--format", "json"]));
    assert!((num(&d["aip_arithmetic"][0]) - num(&a["aip_arithmetic"][0])).abs() > 1e-3);
}

#[test]
fn group_flags_inconsistent_experts_and_strict_fails() {
    let path = tmp_arg(
        "survey_bad.csv",
        "expert,A_vs_B,B_vs_C,A_vs_C\nE1,3,3,9\nE2,9,9,1/9\n",
    );
    let out = ok_json(&fiscus(&["ahp", "group", &path, "--format", "json"]));
    assert_eq!(strings(&out["inconsistent_experts"]), vec!["E2"]);
    assert_eq!(out["experts"][1]["acceptable"], false);
    let ex = ok_json(&fiscus(&[
        "ahp",
        "group",
        &path,
        "--exclude-inconsistent",
        "--format",
        "json",
    ]));
    assert_eq!(ex["experts"][1]["included"], false);
    close(
        "only E1",
        num(&ex["aij"]["completed_matrix"][0][1]),
        3.0,
        1e-12,
    );
    let e = fails(
        &fiscus(&["ahp", "group", &path, "--strict", "--format", "json"]),
        1,
    );
    assert!(e.contains("E2"), "{e}");
    // A zero answer names the expert and the column.
    let z = tmp_arg("survey_zero.csv", "expert,A_vs_B\nE1,0\n");
    let e = fails(&fiscus(&["ahp", "group", &z]), 2);
    assert!(e.contains("expert `E1`, column `A_vs_B`"), "{e}");
}

#[test]
fn hierarchy_global_weights_and_alternatives() {
    let r = reference();
    for (file, k) in [("cities.toml", 1), ("leader.toml", 2)] {
        let case = &r["ahp_cases"][k];
        let out = ok_json(&fiscus(&[
            "ahp",
            "hierarchy",
            &fx(&format!("ahp/{file}")),
            "--format",
            "json",
        ]));
        let want = case["computed_global_target_weights_exact"]
            .as_object()
            .expect("targets");
        for a in out["alternatives"].as_array().expect("alternatives") {
            let name = a["name"].as_str().expect("name");
            close(
                &format!("{file} {name}"),
                num(&a["score"]),
                num(&want[name]),
                TOL,
            );
        }
        let goal = &out["nodes"][0];
        close_vec(
            &format!("{file} criteria"),
            &goal["local_weights"],
            &vecf(&case["computed"]["eigenvector"]),
            TOL,
        );
        assert!(out["total_CR"].is_f64());
        assert_eq!(out["levels"].as_array().expect("levels").len(), 2);
    }
    // The leader file sets `ri = "saaty2005"`: ahpy's CR for the criteria (8 decimals).
    let out = ok_json(&fiscus(&[
        "ahp",
        "hierarchy",
        &fx("ahp/leader.toml"),
        "--format",
        "json",
    ]));
    assert_eq!(out["ri_table"], "saaty2005");
    close("leader CR", num(&out["nodes"][0]["CR"]), 0.04435132, 0.5e-8);
    // A command-line --ri overrides the file.
    let out = ok_json(&fiscus(&[
        "ahp",
        "hierarchy",
        &fx("ahp/leader.toml"),
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]));
    close(
        "leader CR saaty1980",
        num(&out["nodes"][0]["CR"]),
        num(&r["ahp_cases"][2]["computed"]["CR"]["saaty1980"]),
        TOL,
    );
}

#[test]
fn hierarchy_without_alternatives_multiplies_local_weights() {
    let out = ok_json(&fiscus(&[
        "ahp",
        "hierarchy",
        &fx("ahp/bsc.toml"),
        "--format",
        "json",
    ]));
    let crit = out["criteria"].as_array().expect("criteria");
    let debt = crit.iter().find(|c| c["name"] == "Debt").expect("Debt");
    close(
        "Debt global",
        num(&debt["global_weight"]),
        0.75 / 7.0,
        1e-12,
    );
    let leaves: f64 = crit
        .iter()
        .filter(|c| c["leaf"] == true)
        .map(|c| num(&c["global_weight"]))
        .sum();
    close("leaves sum", leaves, 1.0, 1e-12);
    assert_eq!(
        out["alternatives"].as_array().expect("alternatives").len(),
        0
    );
}

#[test]
fn sensitivity_reversal_points() {
    let out = ok_json(&fiscus(&[
        "ahp",
        "sensitivity",
        &fx("ahp/cities.toml"),
        "--format",
        "json",
    ]));
    assert_eq!(
        strings(&out["ranking"]),
        vec!["Pittsburgh", "Boston", "Bethesda", "Santa Fe"]
    );
    assert_eq!(out["most_sensitive"], "Family");
    // At each reported reversal point the two alternatives tie: recompute from the hierarchy.
    let family = &out["factors"][1];
    assert_eq!(family["factor"], "Family");
    let d = num(&family["nearest_decrease"]);
    assert!(d < 0.0 && d > -1.0);
    let m = ok_json(&fiscus(&[
        "ahp",
        "sensitivity",
        &fx("ahp/drinks.csv"),
        "--format",
        "json",
    ]));
    for fac in m["factors"].as_array().expect("factors") {
        for rv in fac["reversals"].as_array().expect("reversals") {
            let w = num(&rv["weight"]);
            assert!(w > 0.0 && w < 1.0);
        }
    }
    let e = fails(
        &fiscus(&[
            "ahp",
            "sensitivity",
            &fx("ahp/cities.toml"),
            "--node",
            "Nowhere",
        ]),
        2,
    );
    assert!(e.contains("Nowhere"), "{e}");
}

#[test]
fn strict_and_repair() {
    let bad = fx("ahp/bad/inconsistent.csv");
    let e = fails(&fiscus(&["ahp", &bad, "--strict", "--format", "json"]), 1);
    assert!(e.contains("CR"), "{e}");
    let ok = fiscus(&["ahp", &fx("ahp/drinks.csv"), "--strict", "--format", "json"]);
    assert!(ok.status.success());
    let p = tmp_arg(
        "inc5.csv",
        "case,A,B,C,D,E\nA,1,3,5,1/3,7\nB,,1,1/5,5,3\nC,,,1,1/7,2\nD,,,,1,9\nE,,,,,1\n",
    );
    let out = ok_json(&fiscus(&[
        "ahp",
        &p,
        "--repair",
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]));
    let rep = &out["repair"];
    assert_eq!(rep["reached"], true);
    assert_eq!(rep["minimal"], true);
    assert!(num(&rep["cr_after"]) < 0.1 && num(&out["CR"]) >= 0.1);
    let changes = rep["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2);
    // No single change suffices: with --max-changes 1 the threshold is not reached.
    let one = ok_json(&fiscus(&[
        "ahp",
        &p,
        "--repair",
        "--max-changes",
        "1",
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]));
    assert_eq!(one["repair"]["reached"], false);
    // An acceptable matrix needs no repair.
    let fine = ok_json(&fiscus(&[
        "ahp",
        &fx("ahp/drinks.csv"),
        "--repair",
        "--format",
        "json",
    ]));
    assert!(fine["repair"].is_null());
}

#[test]
fn bad_input_names_the_cell_and_exits_2() {
    let cases = [
        (
            "bad/nonreciprocal.csv",
            "cell [`a`, `b`] (row 1, column 2) is 3 but cell [`b`, `a`] (row 2, column 1) is 3",
        ),
        (
            "bad/zero.csv",
            "cell [`a`, `b`] (row 1, column 2): 0 is not a valid judgment",
        ),
        (
            "bad/negative.csv",
            "cell [`a`, `b`] (row 1, column 2): -3 is not a valid judgment",
        ),
        ("bad/nonsquare.csv", "not square: 2 rows and 3 columns"),
        (
            "bad/badtext.csv",
            "cell [`a`, `b`] (row 1, column 2): unknown judgment `three`",
        ),
        (
            "bad/disconnected.csv",
            "not connected: {`a`, `b`} never compared",
        ),
        (
            "bad/diagonal.csv",
            "cell [`a`, `a`] (row 1, column 1): the diagonal must be 1, not 2",
        ),
        ("bad/empty.csv", "empty"),
    ];
    for (file, msg) in cases {
        let e = fails(
            &fiscus(&["ahp", &fx(&format!("ahp/{file}")), "--format", "json"]),
            2,
        );
        assert!(e.contains(msg), "{file}: {e}");
        assert!(e.contains(file.trim_start_matches("bad/")), "{file}: {e}");
    }
    let e = fails(
        &fiscus(&["ahp", "hierarchy", &fx("ahp/bad/missing_matrix.toml")]),
        2,
    );
    assert!(
        e.contains("criterion `c2` has no comparison matrix (it is listed under `G`)"),
        "{e}"
    );
    let e = fails(
        &fiscus(&["ahp", "hierarchy", &fx("ahp/bad/missing_file.toml")]),
        2,
    );
    assert!(
        e.contains("no_such_matrix.csv") && e.contains("[[matrix]] #1 (`G`)"),
        "{e}"
    );
    let e = fails(
        &fiscus(&["ahp", &fx("ahp/leader_upper.csv"), "--method", "median"]),
        2,
    );
    assert!(e.contains("median"), "{e}");
    let names: Vec<String> = (0..16).map(|i| format!("x{i}")).collect();
    let mut text = format!("case,{}\n", names.join(","));
    for n in &names {
        text.push_str(&format!("{n}{}\n", ",1".repeat(16)));
    }
    let big = tmp_arg("n16.csv", text);
    let e = fails(&fiscus(&["ahp", &big, "--ri", "saaty1980"]), 2);
    assert!(e.contains("n = 16") && e.contains("alonso-lamata"), "{e}");
    let ok = ok_json(&fiscus(&["ahp", &big, "--format", "json"]));
    close("RI(16) formula", num(&ok["RI"]), 1.5978066667, 1e-9);
}

#[test]
fn reciprocals_typed_with_two_decimals_are_accepted_with_a_warning() {
    let p = tmp_arg("rounded.csv", "case,a,b\na,1,3\nb,0.33,1\n");
    let o = fiscus(&["ahp", &p, "--format", "json"]);
    let out = ok_json(&o);
    close("a", num(&out["weights"][0]), 0.75, 1e-12);
    assert!(stderr(&o).contains("taken as 1/3"), "{}", stderr(&o));
    let e = fails(&fiscus(&["ahp", &p, "--reciprocal-tol", "0.001"]), 2);
    assert!(e.contains("not reciprocal"), "{e}");
}

#[test]
fn table_and_csv_formats() {
    let o = fiscus(&["ahp", &fx("ahp/drinks.csv"), "--format", "table"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.contains("water") && t.contains("CR = 0.0219") && t.contains("alonso-lamata"),
        "{t}"
    );
    let o = fiscus(&["ahp", &fx("ahp/drinks.csv"), "--format", "csv"]);
    let c = String::from_utf8_lossy(&o.stdout);
    assert!(
        c.starts_with("element,weight,rank\ncoffee,0.177456747"),
        "{c}"
    );
    for args in [
        vec!["ahp", "group", &fx("ahp/vacation_survey.csv")],
        vec!["ahp", "hierarchy", &fx("ahp/cities.toml")],
        vec!["ahp", "sensitivity", &fx("ahp/cities.toml")],
    ] {
        for format in ["table", "csv"] {
            let mut a = args.clone();
            a.extend(["--format", format]);
            let o = fiscus(&a);
            assert!(
                o.status.success() && !o.stdout.is_empty(),
                "{a:?}: {}",
                stderr(&o)
            );
        }
    }
}

/// A group survey with a repeated expert id, or a column comparing three elements, is an error
/// naming the file and column (issue 15).
#[test]
fn group_survey_rejects_repeated_experts_and_three_way_columns() {
    let dup = tmp_arg(
        "dup-experts.csv",
        "expert,A_vs_B,A_vs_C,B_vs_C\nE1,3,5,2\nE2,2,4,2\nE1,1,1,1\n",
    );
    fails_with(
        &fiscus(&["ahp", "group", &dup]),
        2,
        "dup-experts.csv: column `expert`: expert id `E1` is repeated (rows 1 and 3)",
    );
    let three = tmp_arg("three-way.csv", "expert,A_vs_B_vs_C,A_vs_C\nE1,3,5\n");
    fails_with(
        &fiscus(&["ahp", "group", &three]),
        2,
        "three-way.csv: column `A_vs_B_vs_C` compares more than two elements",
    );
}

/// Problems in a hierarchy file are reported at their key, with line and column (issue 13).
#[test]
fn hierarchy_file_errors_name_the_key() {
    let unknown = tmp_arg(
        "h-unknown.toml",
        "[[matrix]]\nnode = \"G\"\nupper = [3]\ncolour = 1\n",
    );
    fails_with(
        &fiscus(&["ahp", "hierarchy", &unknown]),
        2,
        "h-unknown.toml:4:1: key `matrix[0].colour`",
    );
    let upper = tmp_arg(
        "h-upper.toml",
        "goal = \"G\"\n[[matrix]]\nnode = \"G\"\nelements = [\"a\", \"b\", \"c\"]\nupper = [3, 2]\n",
    );
    fails_with(
        &fiscus(&["ahp", "hierarchy", &upper]),
        2,
        "h-upper.toml:5:1: key `matrix[0].upper`: `upper` has 2 values; 3 elements need 3",
    );
    let judgment = tmp_arg(
        "h-judgment.toml",
        "[[matrix]]\nnode = \"G\"\nelements = [\"a\", \"b\"]\nvalues = [[1, \"three\"], [\"\", 1]]\n",
    );
    fails_with(
        &fiscus(&["ahp", "hierarchy", &judgment]),
        2,
        "h-judgment.toml:4:1: key `matrix[0].values`: cell [`a`, `b`] (row 1, column 2): unknown judgment `three`",
    );
    let method = tmp_arg(
        "h-method.toml",
        "method = \"median\"\n[[matrix]]\nnode = \"G\"\nelements = [\"a\", \"b\"]\nupper = [3]\n",
    );
    fails_with(
        &fiscus(&["ahp", "hierarchy", &method]),
        2,
        "h-method.toml:1:1: key `method`: unknown",
    );
}
