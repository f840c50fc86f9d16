//! End-to-end tests of the QCA commands: JSON contract and bad-input errors (exit status 2).

use crate::common::*;

fn data(name: &str) -> String {
    fx(&format!("qca/datasets/{name}.csv"))
}

#[test]
fn parsimonious_lipset_fuzzy() {
    let v = ok_json(&fiscus(&[
        "minimize",
        &data("LF"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--format",
        "json",
    ]));
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["solution"], "parsimonious");
    assert_eq!(v["models"][0]["expression"], "DEV*~IND + URB*STB");
    assert!((v["models"][0]["inclS"].as_f64().unwrap() - 0.8503491).abs() < 1e-6);
    assert!(v["models"][0]["terms_fit"][0]["covU"].is_number());
    // a model of one term still lists its terms as an array
    let one = ok_json(&fiscus(&[
        "minimize",
        &data("LF"),
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,STB",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--format",
        "json",
    ]));
    let terms = &one["models"][0]["terms"];
    assert!(terms.is_array(), "{one}");
    assert_eq!(terms.as_array().unwrap().len(), 1, "{one}");
}

#[test]
fn truth_table_json_and_table() {
    let v = ok_json(&fiscus(&[
        "truth-table",
        &data("LF"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--format",
        "json",
    ]));
    let rows = v["observed_rows"].as_array().unwrap();
    assert_eq!(rows[0]["row"], 1);
    // every list is an array, even a row of one case (R's jsonlite would write a string)
    assert!(rows
        .iter()
        .all(|r| r["cases"].is_array() && r["dcc"].is_array()));
    assert!(rows.iter().any(|r| r["cases"] == serde_json::json!(["EE"])));
    assert_eq!(v["conditions"].as_array().unwrap().len(), 5);
    let t = fiscus(&[
        "truth-table",
        &data("LF"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--format",
        "table",
        "--sort-by",
        "OUT,incl",
    ]);
    assert!(t.status.success());
    let text = stdout(&t);
    assert!(text.contains("OUT") && text.contains("0.9"));
}

#[test]
fn half_memberships_are_reported_not_dropped_silently() {
    let p = tmp_arg(
        "half.csv",
        "case,A,B,Y\na,0.5,0.2,0.9\nb,0.8,0.9,0.8\nc,0.1,0.7,0.2\n",
    );
    let out = fiscus(&["truth-table", &p, "--outcome", "Y", "--format", "json"]);
    let v = ok_json(&out);
    assert_eq!(v["excluded_cases"][0]["case"], "a");
    assert!(stderr(&out).contains("exactly 0.5"));
}

#[test]
fn outcome_given_as_condition() {
    fails_with(
        &fiscus(&[
            "truth-table",
            &data("LF"),
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,SURV",
        ]),
        2,
        "also given as a condition",
    );
}

#[test]
fn unknown_condition_suggests_closest() {
    fails_with(
        &fiscus(&[
            "minimize",
            &data("LF"),
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,URBB",
        ]),
        2,
        "did you mean `URB`",
    );
}

#[test]
fn condition_with_a_single_value() {
    // R QCA accepts a constant crisp condition as binary (noflevels 2) and minimises as usual.
    let p = tmp_arg("single.csv", "case,A,B,Y\na,1,0,1\nb,1,1,0\nc,1,0,1\n");
    let o = fiscus(&["minimize", &p, "--outcome", "Y", "--format", "json"]);
    assert!(
        stderr(&o).contains("same value in every case"),
        "{}",
        stderr(&o)
    );
    let v = ok_json(&o);
    assert_eq!(v["models"][0]["expression"], "A*~B");
    let tt = ok_json(&fiscus(&[
        "truth-table",
        &p,
        "--outcome",
        "Y",
        "--format",
        "json",
    ]));
    assert_eq!(tt["noflevels"], serde_json::json!([2, 2]));
    let rows: Vec<u64> = tt["observed_rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, vec![3, 4]);
    let ps = ok_json(&fiscus(&[
        "minimize",
        &p,
        "--outcome",
        "Y",
        "--include",
        "?",
        "--format",
        "json",
    ]));
    assert_eq!(ps["models"][0]["expression"], "~B");
}

#[test]
fn no_positive_rows() {
    fails_with(
        &fiscus(&[
            "minimize",
            &data("LF"),
            "--outcome",
            "SURV",
            "--incl-cut",
            "1",
        ]),
        2,
        "no truth-table row is coded 1",
    );
}

#[test]
fn uncalibrated_data_refused() {
    fails_with(
        &fiscus(&["truth-table", &data("LR"), "--outcome", "SURV"]),
        2,
        "calibrate",
    );
}

#[test]
fn text_in_numeric_column_names_row_and_column() {
    let p = tmp_arg("text.csv", "case,A,Y\na,0.2,0.9\nb,high,0.8\n");
    fails_with(
        &fiscus(&["truth-table", &p, "--outcome", "Y"]),
        2,
        "row 2 (case `b`), column `A`",
    );
}

#[test]
fn bad_expression() {
    fails_with(
        &fiscus(&["fit", &data("LF"), "DEV*+URB", "--outcome", "SURV"]),
        2,
        "cannot parse",
    );
}

#[test]
fn find_rows_contradictory_simplifying_assumptions() {
    let v = ok_json(&fiscus(&[
        "find-rows",
        &data("LF"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--type",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["rows"],
        serde_json::json!([10, 12, 14, 16, 17, 21, 25, 29])
    );
}

#[test]
fn human_solution_has_r_layout() {
    let out = fiscus(&[
        "minimize",
        &data("LF"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--format",
        "table",
    ]);
    let text = stdout(&out);
    assert!(text.contains("M1: DEV*~IND + URB*STB -> SURV"), "{text}");
    assert!(text.contains("0.850"));
    // the cases each term covers, as R prints them (A02: FI,IE for DEV*~IND)
    assert!(text.contains("BE, CZ, NL, UK"), "{text}");
}

#[test]
fn minimize_lists_cases_of_terms_and_models() {
    let v = ok_json(&fiscus(&[
        "minimize",
        &data("LF"),
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--format",
        "json",
    ]));
    let m = &v["models"][0];
    // R QCA 3.25 (fixture A02): DEV*~IND covers FI,IE; URB*STB covers BE,CZ,NL,UK
    assert_eq!(m["terms_fit"][0]["cases"], serde_json::json!(["FI", "IE"]));
    assert_eq!(
        m["terms_fit"][1]["cases"],
        serde_json::json!(["BE", "CZ", "NL", "UK"])
    );
    // the model covers the union, by truth-table row; deviant cases are arrays even when empty
    let mut union: Vec<String> = serde_json::from_value(m["cases"].clone()).unwrap();
    union.sort();
    assert_eq!(union, ["BE", "CZ", "FI", "IE", "NL", "UK"]);
    assert!(m["deviant_cases"].is_array());
    // crisp data with a contradiction included: a covered case with outcome 0 is deviant
    let p = tmp_arg(
        "dev.csv",
        "case,A,B,Y\na,1,0,1\nb,1,0,1\nc,1,0,0\nd,0,1,0\ne,0,0,0\n",
    );
    let v = ok_json(&fiscus(&[
        "minimize",
        &p,
        "--outcome",
        "Y",
        "--incl-cut",
        "0.6",
        "--format",
        "json",
    ]));
    assert_eq!(v["models"][0]["expression"], "A*~B");
    assert_eq!(v["models"][0]["cases"], serde_json::json!(["a", "b", "c"]));
    assert_eq!(v["models"][0]["deviant_cases"], serde_json::json!(["c"]));
    assert_eq!(
        v["models"][0]["terms_fit"][0]["deviant_cases"],
        serde_json::json!(["c"])
    );
}

#[test]
fn completions_and_man_pages() {
    let out = fiscus(&["completions", "bash"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("fiscus"));
    let dir = tmp_path("man");
    let out = fiscus(&["man", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let page = std::fs::read_to_string(dir.join("fiscus-minimize.1")).unwrap();
    assert!(page.contains("include"));
}

/// The binomial test (R's `inf.test = "binom"`): a row of 12 cases all in the outcome has
/// p1 = P(S ≥ 12 | 12, 0.75) = 0.75^12 ≈ 0.0317 < 0.05 → OUT 1; a row of 10 cases with 9 in the
/// outcome has p1 = P(S ≥ 9 | 10, 0.75) = 0.2440 but p0 = P(S ≥ 9 | 10, 0.5) = 11/1024 → C;
/// a row of 10 cases with 8 in the outcome has p0 = 56/1024 = 0.0547 → 0.
#[test]
fn binomial_test_codes_rows_by_p_values() {
    let mut text = String::from("case,A,B,Y\n");
    let mut k = 0;
    let mut add = |a: u8, b: u8, y: u8, times: usize| {
        for _ in 0..times {
            k += 1;
            text.push_str(&format!("c{k},{a},{b},{y}\n"));
        }
    };
    add(1, 1, 1, 12);
    add(1, 0, 1, 9);
    add(1, 0, 0, 1);
    add(0, 1, 1, 8);
    add(0, 1, 0, 2);
    add(0, 0, 0, 3);
    let path = tmp_arg("binom.csv", &text);
    let v = ok_json(&fiscus(&[
        "truth-table",
        &path,
        "--outcome",
        "Y",
        "--incl-cut",
        "0.75,0.5",
        "--inf-test",
        "binom",
        "--format",
        "json",
    ]));
    let rows = v["observed_rows"].as_array().unwrap();
    let by_row = |r: u64| rows.iter().find(|x| x["row"] == r).unwrap();
    let close = |a: &serde_json::Value, b: f64| (a.as_f64().unwrap() - b).abs() < 1e-12;
    assert_eq!(by_row(4)["OUT"], "1");
    assert!(close(&by_row(4)["pval1"], 0.75f64.powi(12)));
    assert_eq!(by_row(3)["OUT"], "C");
    assert!(close(&by_row(3)["pval0"], 11.0 / 1024.0));
    let p1 = 10.0 * 0.75f64.powi(9) * 0.25 + 0.75f64.powi(10);
    assert!(close(&by_row(3)["pval1"], p1));
    assert_eq!(by_row(2)["OUT"], "0");
    assert!(close(&by_row(2)["pval0"], 56.0 / 1024.0));
    assert_eq!(by_row(1)["OUT"], "0");
    assert_eq!(v["options"]["inf_test"], "binom, 0.05");
    // With alpha = 0.01 the 12-case row is no longer significant.
    let v = ok_json(&fiscus(&[
        "truth-table",
        &path,
        "--outcome",
        "Y",
        "--incl-cut",
        "0.75",
        "--inf-test",
        "binom,0.01",
        "--format",
        "json",
    ]));
    let rows = v["observed_rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["OUT"] == "0"));
    // One cut-off: no contradictions, so no pval0 (as in R).
    assert!(rows
        .iter()
        .all(|r| r.get("pval0").is_none() && r.get("pval1").is_some()));
    // Cut-offs out of order are refused by fit as by truth-table.
    fails_with(
        &fiscus(&[
            "fit",
            &path,
            "A*B",
            "--outcome",
            "Y",
            "--inf-test",
            "binom",
            "--incl-cut",
            "0.3,0.9",
        ]),
        2,
        "must not exceed the first",
    );
}

#[test]
fn fuzzy_data_given_to_a_crisp_only_option() {
    fails_with(
        &fiscus(&[
            "truth-table",
            &data("LF"),
            "--outcome",
            "SURV",
            "--inf-test",
            "binom",
        ]),
        2,
        "needs crisp data, but condition `DEV` is fuzzy",
    );
    fails_with(
        &fiscus(&[
            "fit",
            &data("LF"),
            "DEV*STB",
            "--outcome",
            "SURV",
            "--inf-test",
            "binom",
        ]),
        2,
        "needs crisp data",
    );
    fails_with(
        &fiscus(&[
            "truth-table",
            &data("LC"),
            "--outcome",
            "SURV",
            "--inf-test",
            "chisq",
        ]),
        2,
        "unknown inferential test `chisq`",
    );
}

#[test]
fn fit_with_binomial_p_values() {
    let v = ok_json(&fiscus(&[
        "fit",
        &data("LC"),
        "DEV*STB + ~URB*LIT",
        "--outcome",
        "SURV",
        "--inf-test",
        "binom, 0.05",
        "--incl-cut",
        "0.75,0.5",
        "--format",
        "json",
    ]));
    // R QCA 3.25: pof("DEV*STB + ~URB*LIT", "SURV", data = LC, relation = "sufficiency",
    // inf.test = "binom, 0.05", incl.cut = c(0.75, 0.5))
    let exp = [
        (0.100112915039062, 0.00390625),
        (0.972702026367188, 0.63671875),
        (0.842356324195862, 0.19384765625),
    ];
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for (r, (p1, p0)) in rows.iter().zip(exp) {
        assert!((r["pval1"].as_f64().unwrap() - p1).abs() < 1e-9);
        assert!((r["pval0"].as_f64().unwrap() - p0).abs() < 1e-9);
    }
}

/// R QCA stops when the remainders are included and no row is negative ("All truth table
/// configurations are used, all conditions are minimized"); Fiscus says why, exit status 2.
#[test]
fn no_negative_rows_with_remainders_included() {
    let path = tmp_arg("allpos.csv", "case,A,B,Y\na,1,0,1\nb,0,1,1\nc,1,1,1\n");
    fails_with(
        &fiscus(&["minimize", &path, "--outcome", "Y", "--include", "?"]),
        2,
        "every condition is minimised away",
    );
    // Without remainders the complex solution is still computed.
    let v = ok_json(&fiscus(&[
        "minimize",
        &path,
        "--outcome",
        "Y",
        "--format",
        "json",
    ]));
    assert_eq!(v["models"][0]["expression"], "A + B");
}

#[test]
fn find_rows_type1_counts_rows_below_n_cut_as_remainders() {
    // Row A=1,B=1 (row 4) is observed once: with --n-cut 2 it is a remainder, so a subset of A.
    let p = tmp_arg(
        "ncut.csv",
        "case,A,B,Y\na,0,0,0\nb,0,0,0\nc,1,0,1\nd,1,0,1\ne,1,1,1\nf,0,1,0\ng,0,1,0\n",
    );
    let rows = |extra: &[&str]| {
        let mut args = vec![
            "find-rows",
            &p,
            "--outcome",
            "Y",
            "--type",
            "1",
            "--expr",
            "A",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        ok_json(&fiscus(&args))["rows"].clone()
    };
    assert_eq!(rows(&[]), serde_json::json!([]));
    assert_eq!(rows(&["--n-cut", "2"]), serde_json::json!([4]));
    assert_eq!(
        rows(&["--n-cut", "2", "--observed"]),
        serde_json::json!([3, 4])
    );
}

#[test]
fn outcome_category_that_does_not_exist() {
    fails_with(
        &fiscus(&[
            "minimize",
            &data("LF"),
            "--outcome",
            "SURV[2]",
            "--incl-cut",
            "0.8",
        ]),
        2,
        "does not exist",
    );
    fails_with(
        &fiscus(&["truth-table", &data("LM"), "--outcome", "SURV[3]"]),
        2,
        "SURV[3]",
    );
    // SURV[1] on a fuzzy outcome is SURV itself
    let a = ok_json(&fiscus(&[
        "fit",
        &data("LF"),
        "DEV",
        "--outcome",
        "SURV[1]",
        "--format",
        "json",
    ]));
    let b = ok_json(&fiscus(&[
        "fit",
        &data("LF"),
        "DEV",
        "--outcome",
        "SURV",
        "--format",
        "json",
    ]));
    assert_eq!(a["rows"][0]["inclS"], b["rows"][0]["inclS"]);
}

#[test]
fn exclude_rows_that_do_not_exist() {
    fails_with(
        &fiscus(&[
            "truth-table",
            &data("LC"),
            "--outcome",
            "SURV",
            "--exclude",
            "3,33",
        ]),
        2,
        "row 33 does not exist",
    );
    fails_with(
        &fiscus(&[
            "minimize",
            &data("LC"),
            "--outcome",
            "SURV",
            "--exclude",
            "0",
        ]),
        2,
        "row 0 does not exist",
    );
}

#[test]
fn fit_with_two_outcomes() {
    fails_with(
        &fiscus(&["fit", &data("LF"), "DEV -> LIT", "--outcome", "SURV"]),
        2,
        "two outcomes",
    );
    // the same outcome twice is fine
    ok_json(&fiscus(&[
        "fit",
        &data("LF"),
        "DEV -> SURV",
        "--outcome",
        "SURV",
        "--format",
        "json",
    ]));
}

#[test]
fn complexity_of_wide_layers_is_exact_or_refused() {
    let v = ok_json(&fiscus(&[
        "expr",
        "complexity",
        "--levels",
        "40",
        "--format",
        "json",
    ]));
    // layer 20 of 40 binary conditions: C(40, 20) · 2^20 terms, exactly
    let c = v["terms"].as_array().unwrap();
    assert_eq!(c[19].as_u64(), Some(137_846_528_820u64 << 20));
    fails_with(
        &fiscus(&["expr", "complexity", "--levels", "64"]),
        2,
        "more than 2^64",
    );
}
