//! End-to-end tests of the QCA commands: JSON contract and bad-input errors (exit status 2).

use std::process::{Command, Output};

fn fiscus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(args)
        .output()
        .unwrap()
}

fn data(name: &str) -> String {
    format!(
        "{}/tests/fixtures/qca/datasets/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn write_tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("fiscus-qca-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn fails(out: &Output, text: &str) {
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(text), "stderr `{err}` lacks `{text}`");
    assert!(err.starts_with("error: "));
}

#[test]
fn parsimonious_lipset_fuzzy() {
    let v = json(&fiscus(&[
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
}

#[test]
fn truth_table_json_and_table() {
    let v = json(&fiscus(&[
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
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.contains("OUT") && text.contains("0.9"));
}

#[test]
fn half_memberships_are_reported_not_dropped_silently() {
    let p = write_tmp(
        "half.csv",
        "case,A,B,Y\na,0.5,0.2,0.9\nb,0.8,0.9,0.8\nc,0.1,0.7,0.2\n",
    );
    let out = fiscus(&["truth-table", &p, "--outcome", "Y", "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["excluded_cases"][0]["case"], "a");
    assert!(String::from_utf8_lossy(&out.stderr).contains("exactly 0.5"));
}

#[test]
fn outcome_given_as_condition() {
    fails(
        &fiscus(&[
            "truth-table",
            &data("LF"),
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,SURV",
        ]),
        "also given as a condition",
    );
}

#[test]
fn unknown_condition_suggests_closest() {
    fails(
        &fiscus(&[
            "minimize",
            &data("LF"),
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,URBB",
        ]),
        "did you mean `URB`",
    );
}

#[test]
fn condition_with_a_single_value() {
    let p = write_tmp("single.csv", "case,A,B,Y\na,1,0,1\nb,1,1,0\nc,1,0,1\n");
    fails(&fiscus(&["minimize", &p, "--outcome", "Y"]), "single value");
}

#[test]
fn no_positive_rows() {
    fails(
        &fiscus(&[
            "minimize",
            &data("LF"),
            "--outcome",
            "SURV",
            "--incl-cut",
            "1",
        ]),
        "no truth-table row is coded 1",
    );
}

#[test]
fn uncalibrated_data_refused() {
    fails(
        &fiscus(&["truth-table", &data("LR"), "--outcome", "SURV"]),
        "calibrate",
    );
}

#[test]
fn text_in_numeric_column_names_row_and_column() {
    let p = write_tmp("text.csv", "case,A,Y\na,0.2,0.9\nb,high,0.8\n");
    fails(
        &fiscus(&["truth-table", &p, "--outcome", "Y"]),
        "row 2 (case `b`), column `A`",
    );
}

#[test]
fn bad_expression() {
    fails(
        &fiscus(&["fit", &data("LF"), "DEV*+URB", "--outcome", "SURV"]),
        "cannot parse",
    );
}

#[test]
fn find_rows_contradictory_simplifying_assumptions() {
    let v = json(&fiscus(&[
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
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("M1: DEV*~IND + URB*STB -> SURV"), "{text}");
    assert!(text.contains("0.850"));
}

#[test]
fn completions_and_man_pages() {
    let out = fiscus(&["completions", "bash"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("fiscus"));
    let dir = std::env::temp_dir().join(format!("fiscus-man-{}", std::process::id()));
    let out = fiscus(&["man", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let page = std::fs::read_to_string(dir.join("fiscus-minimize.1")).unwrap();
    assert!(page.contains("include"));
}
