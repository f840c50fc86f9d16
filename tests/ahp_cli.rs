//! End-to-end tests of `fiscus ahp` (single matrix, group, hierarchy, sensitivity) against the
//! reference values in tests/fixtures/ahp/ (see its README.md).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ahp")
        .join(name)
}

fn fx(name: &str) -> String {
    fixture(name).display().to_string()
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ahp_cli");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn fiscus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("fiscus runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs fiscus, expects success and returns the JSON on stdout.
fn json(args: &[&str]) -> Value {
    let o = fiscus(args);
    assert!(o.status.success(), "fiscus {args:?} failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// Runs fiscus, expects exit status `code` and returns stderr.
fn fails(args: &[&str], code: i32) -> String {
    let o = fiscus(args);
    assert_eq!(
        o.status.code(),
        Some(code),
        "fiscus {args:?}: {}",
        stderr(&o)
    );
    let e = stderr(&o);
    assert!(e.starts_with("error: "), "{e}");
    e
}

fn reference() -> Value {
    let text = std::fs::read_to_string(fixture("reference.json")).expect("reference.json");
    serde_json::from_str(&text).expect("valid JSON")
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn vecf(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(f).collect()
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{what}: got {got}, reference {want}"
    );
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
    let p = tmp(name);
    std::fs::write(&p, text).expect("write matrix");
    p.display().to_string()
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
            let out = json(&[
                "ahp", &path, "--method", "eigen", "--ri", ri, "--format", "json",
            ]);
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
                f(&out["lambda_max"]),
                f(&c["lambda_max"]),
                TOL,
            );
            close(&format!("{id} CI"), f(&out["CI"]), f(&c["CI"]), TOL);
            close(
                &format!("{id} CR {ri}"),
                f(&out["CR"]),
                f(&c["CR"][key]),
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
            let out = json(&["ahp", &path, "--method", method, "--format", "json"]);
            close_vec(
                &format!("{id} {method}"),
                &out["weights"],
                &vecf(&c[key]),
                TOL,
            );
            close(
                &format!("{id} {method} lambda"),
                f(&out["lambda_max"]),
                f(&c[lkey]),
                TOL,
            );
        }
        let g = json(&["ahp", &path, "--method", "geometric", "--format", "json"]);
        close(&format!("{id} GCI"), f(&g["GCI"]), f(&c["GCI_rgmm"]), TOL);
    }
}

#[test]
fn fractions_in_the_csv_match_the_decimal_reference() {
    let r = reference();
    let c = &r["ahp_cases"][0]["computed"];
    let out = json(&[
        "ahp",
        &fx("drinks.csv"),
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]);
    close_vec("drinks", &out["weights"], &vecf(&c["eigenvector"]), TOL);
    close("drinks CR", f(&out["CR"]), f(&c["CR"]["saaty1980"]), TOL);
    let mi = &c["most_inconsistent_pair_eigen"];
    assert_eq!(out["most_inconsistent"]["i"], mi["i"]);
    assert_eq!(out["most_inconsistent"]["j"], mi["j"]);
    close(
        "suggested",
        f(&out["most_inconsistent"]["suggested"]),
        f(&mi["consistent_value_w_i/w_j"]),
        TOL,
    );
    assert_eq!(out["RI"], 1.32);
    assert_eq!(out["acceptable"], true);
}

#[test]
fn upper_triangle_input() {
    let r = reference();
    let out = json(&["ahp", &fx("leader_upper.csv"), "--format", "json"]);
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
    let h = json(&["ahp", &fx("incomplete.csv"), "--format", "json"]);
    assert_eq!(h["completion"], "harker");
    close_vec(
        "harker",
        &h["weights"],
        &vecf(&case["harker_1987"]["weights"]),
        TOL,
    );
    close(
        "harker lambda",
        f(&h["lambda_max"]),
        f(&case["harker_1987"]["lambda_max_of_C"]),
        TOL,
    );
    close(
        "harker c,d",
        f(&h["completed_matrix"][2][3]),
        f(&case["harker_1987"]["filled_cd = w_c/w_d"]),
        TOL,
    );
    close(
        "harker d,c",
        f(&h["completed_matrix"][3][2]) * f(&h["completed_matrix"][2][3]),
        1.0,
        1e-12,
    );
    assert_eq!(h["filled"][0]["row"], "c");
    let o = json(&[
        "ahp",
        &fx("incomplete.csv"),
        "--completion",
        "optimal",
        "--ri",
        "donegan-dodd",
        "--format",
        "json",
    ]);
    let want = &case["lambda_max_optimal_completion_independent"];
    close(
        "optimal c,d",
        f(&o["completed_matrix"][2][3]),
        (8.0f64 / 15.0).sqrt(),
        1e-12,
    );
    close_vec(
        "optimal weights",
        &o["weights"],
        &vecf(&want["weights"]),
        1e-8,
    );
    close("optimal CR dd", f(&o["CR"]), f(&want["CR_dd"]), TOL);
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
            f(&out["aij"]["CR"]),
            f(&case["AIJ_eigen"]["CR"]["alonso_lamata_Rahp"]),
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
                f(&e["CR"]),
                f(&case["individual"][d]["CR_alonso_lamata_Rahp"]),
                TOL,
            );
        }
    };
    let survey = fx("vacation_survey.csv");
    let a = json(&[
        "ahp",
        "group",
        &survey,
        "--weight-column",
        "weight",
        "--format",
        "json",
    ]);
    check(&a);
    assert_eq!(strings(&a["elements"]), vec!["Costs", "Fun", "Spa"]);
    assert_eq!(a["aggregation"], "aij");
    assert_eq!(a["weights"], a["aij"]["weights"]);
    let b = json(&[
        "ahp",
        "group",
        &survey,
        "--expert-weights",
        "Dad=2,Mom=2,Kid=1",
        "--format",
        "json",
    ]);
    check(&b);
    let c = json(&[
        "ahp",
        "group",
        &survey,
        "--expert-weights",
        &fx("authority.csv"),
        "--aggregation",
        "aip-arithmetic",
        "--format",
        "json",
    ]);
    check(&c);
    assert_eq!(c["weights"], c["aip_arithmetic"]);
    // Equal weights by default: a different AIP.
    let d = json(&["ahp", "group", &survey, "--format", "json"]);
    assert!((f(&d["aip_arithmetic"][0]) - f(&a["aip_arithmetic"][0])).abs() > 1e-3);
}

#[test]
fn group_flags_inconsistent_experts_and_strict_fails() {
    let p = tmp("survey_bad.csv");
    std::fs::write(&p, "expert,A_vs_B,B_vs_C,A_vs_C\nE1,3,3,9\nE2,9,9,1/9\n").expect("write");
    let path = p.display().to_string();
    let out = json(&["ahp", "group", &path, "--format", "json"]);
    assert_eq!(strings(&out["inconsistent_experts"]), vec!["E2"]);
    assert_eq!(out["experts"][1]["acceptable"], false);
    let ex = json(&[
        "ahp",
        "group",
        &path,
        "--exclude-inconsistent",
        "--format",
        "json",
    ]);
    assert_eq!(ex["experts"][1]["included"], false);
    close(
        "only E1",
        f(&ex["aij"]["completed_matrix"][0][1]),
        3.0,
        1e-12,
    );
    let e = fails(&["ahp", "group", &path, "--strict", "--format", "json"], 1);
    assert!(e.contains("E2"), "{e}");
    // A zero answer names the expert and the column.
    let z = tmp("survey_zero.csv");
    std::fs::write(&z, "expert,A_vs_B\nE1,0\n").expect("write");
    let e = fails(&["ahp", "group", &z.display().to_string()], 2);
    assert!(e.contains("expert `E1`, column `A_vs_B`"), "{e}");
}

#[test]
fn hierarchy_global_weights_and_alternatives() {
    let r = reference();
    for (file, k) in [("cities.toml", 1), ("leader.toml", 2)] {
        let case = &r["ahp_cases"][k];
        let out = json(&["ahp", "hierarchy", &fx(file), "--format", "json"]);
        let want = case["computed_global_target_weights_exact"]
            .as_object()
            .expect("targets");
        for a in out["alternatives"].as_array().expect("alternatives") {
            let name = a["name"].as_str().expect("name");
            close(
                &format!("{file} {name}"),
                f(&a["score"]),
                f(&want[name]),
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
    let out = json(&["ahp", "hierarchy", &fx("leader.toml"), "--format", "json"]);
    assert_eq!(out["ri_table"], "saaty2005");
    close("leader CR", f(&out["nodes"][0]["CR"]), 0.04435132, 0.5e-8);
    // A command-line --ri overrides the file.
    let out = json(&[
        "ahp",
        "hierarchy",
        &fx("leader.toml"),
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]);
    close(
        "leader CR saaty1980",
        f(&out["nodes"][0]["CR"]),
        f(&r["ahp_cases"][2]["computed"]["CR"]["saaty1980"]),
        TOL,
    );
}

#[test]
fn hierarchy_without_alternatives_multiplies_local_weights() {
    let out = json(&["ahp", "hierarchy", &fx("bsc.toml"), "--format", "json"]);
    let crit = out["criteria"].as_array().expect("criteria");
    let debt = crit.iter().find(|c| c["name"] == "Debt").expect("Debt");
    close("Debt global", f(&debt["global_weight"]), 0.75 / 7.0, 1e-12);
    let leaves: f64 = crit
        .iter()
        .filter(|c| c["leaf"] == true)
        .map(|c| f(&c["global_weight"]))
        .sum();
    close("leaves sum", leaves, 1.0, 1e-12);
    assert_eq!(
        out["alternatives"].as_array().expect("alternatives").len(),
        0
    );
}

#[test]
fn sensitivity_reversal_points() {
    let out = json(&["ahp", "sensitivity", &fx("cities.toml"), "--format", "json"]);
    assert_eq!(
        strings(&out["ranking"]),
        vec!["Pittsburgh", "Boston", "Bethesda", "Santa Fe"]
    );
    assert_eq!(out["most_sensitive"], "Family");
    // At each reported reversal point the two alternatives tie: recompute from the hierarchy.
    let family = &out["factors"][1];
    assert_eq!(family["factor"], "Family");
    let d = f(&family["nearest_decrease"]);
    assert!(d < 0.0 && d > -1.0);
    let m = json(&["ahp", "sensitivity", &fx("drinks.csv"), "--format", "json"]);
    for fac in m["factors"].as_array().expect("factors") {
        for rv in fac["reversals"].as_array().expect("reversals") {
            let w = f(&rv["weight"]);
            assert!(w > 0.0 && w < 1.0);
        }
    }
    let e = fails(
        &[
            "ahp",
            "sensitivity",
            &fx("cities.toml"),
            "--node",
            "Nowhere",
        ],
        2,
    );
    assert!(e.contains("Nowhere"), "{e}");
}

#[test]
fn strict_and_repair() {
    let bad = fx("bad/inconsistent.csv");
    let e = fails(&["ahp", &bad, "--strict", "--format", "json"], 1);
    assert!(e.contains("CR"), "{e}");
    let ok = fiscus(&["ahp", &fx("drinks.csv"), "--strict", "--format", "json"]);
    assert!(ok.status.success());
    let p = tmp("inc5.csv");
    std::fs::write(
        &p,
        "case,A,B,C,D,E\nA,1,3,5,1/3,7\nB,,1,1/5,5,3\nC,,,1,1/7,2\nD,,,,1,9\nE,,,,,1\n",
    )
    .expect("write");
    let out = json(&[
        "ahp",
        &p.display().to_string(),
        "--repair",
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]);
    let rep = &out["repair"];
    assert_eq!(rep["reached"], true);
    assert_eq!(rep["minimal"], true);
    assert!(f(&rep["cr_after"]) < 0.1 && f(&out["CR"]) >= 0.1);
    let changes = rep["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 2);
    // No single change suffices: with --max-changes 1 the threshold is not reached.
    let one = json(&[
        "ahp",
        &p.display().to_string(),
        "--repair",
        "--max-changes",
        "1",
        "--ri",
        "saaty1980",
        "--format",
        "json",
    ]);
    assert_eq!(one["repair"]["reached"], false);
    // An acceptable matrix needs no repair.
    let fine = json(&["ahp", &fx("drinks.csv"), "--repair", "--format", "json"]);
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
        let e = fails(&["ahp", &fx(file), "--format", "json"], 2);
        assert!(e.contains(msg), "{file}: {e}");
        assert!(e.contains(file.trim_start_matches("bad/")), "{file}: {e}");
    }
    let e = fails(&["ahp", "hierarchy", &fx("bad/missing_matrix.toml")], 2);
    assert!(
        e.contains("criterion `c2` has no comparison matrix (it is listed under `G`)"),
        "{e}"
    );
    let e = fails(&["ahp", "hierarchy", &fx("bad/missing_file.toml")], 2);
    assert!(
        e.contains("no_such_matrix.csv") && e.contains("[[matrix]] #1 (`G`)"),
        "{e}"
    );
    let e = fails(&["ahp", &fx("leader_upper.csv"), "--method", "median"], 2);
    assert!(e.contains("median"), "{e}");
    let big = tmp("n16.csv");
    let names: Vec<String> = (0..16).map(|i| format!("x{i}")).collect();
    let mut text = format!("case,{}\n", names.join(","));
    for n in &names {
        text.push_str(&format!("{n}{}\n", ",1".repeat(16)));
    }
    std::fs::write(&big, text).expect("write");
    let e = fails(&["ahp", &big.display().to_string(), "--ri", "saaty1980"], 2);
    assert!(e.contains("n = 16") && e.contains("alonso-lamata"), "{e}");
    let ok = json(&["ahp", &big.display().to_string(), "--format", "json"]);
    close("RI(16) formula", f(&ok["RI"]), 1.5978066667, 1e-9);
}

#[test]
fn reciprocals_typed_with_two_decimals_are_accepted_with_a_warning() {
    let p = tmp("rounded.csv");
    std::fs::write(&p, "case,a,b\na,1,3\nb,0.33,1\n").expect("write");
    let o = fiscus(&["ahp", &p.display().to_string(), "--format", "json"]);
    assert!(o.status.success());
    let out: Value = serde_json::from_slice(&o.stdout).expect("json");
    close("a", f(&out["weights"][0]), 0.75, 1e-12);
    assert!(stderr(&o).contains("taken as 1/3"), "{}", stderr(&o));
    let e = fails(
        &["ahp", &p.display().to_string(), "--reciprocal-tol", "0.001"],
        2,
    );
    assert!(e.contains("not reciprocal"), "{e}");
}

#[test]
fn table_and_csv_formats() {
    let o = fiscus(&["ahp", &fx("drinks.csv"), "--format", "table"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.contains("water") && t.contains("CR = 0.0219") && t.contains("alonso-lamata"),
        "{t}"
    );
    let o = fiscus(&["ahp", &fx("drinks.csv"), "--format", "csv"]);
    let c = String::from_utf8_lossy(&o.stdout);
    assert!(
        c.starts_with("element,weight,rank\ncoffee,0.177456747"),
        "{c}"
    );
    for args in [
        vec!["ahp", "group", &fx("vacation_survey.csv")],
        vec!["ahp", "hierarchy", &fx("cities.toml")],
        vec!["ahp", "sensitivity", &fx("cities.toml")],
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
