//! End-to-end tests of `fiscus delphi` against tests/fixtures/delphi.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/delphi")
        .join(name)
}

fn fiscus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(args)
        .output()
        .expect("fiscus runs")
}

fn json(args: &[&str]) -> Value {
    let out = fiscus(args);
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn reference() -> Value {
    let text =
        std::fs::read_to_string(fixture("kendall_delphi_authority_cases.json")).expect("fixture");
    serde_json::from_str(&text).expect("JSON fixture")
}

fn case(id: &str) -> Value {
    reference()["kendall_delphi_authority_cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"].as_str().is_some_and(|s| s.starts_with(id)))
        .expect("case")
        .clone()
}

fn close(got: &Value, want: &Value, what: &str) {
    let (g, w) = (got.as_f64().expect(what), want.as_f64().expect(what));
    assert!(
        (g - w).abs() <= 1e-9 * w.abs().max(1.0),
        "{what}: got {g}, reference {w}"
    );
}

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fiscus-delphi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write temp file");
    p
}

#[test]
fn kendall_contract_fields_match_irr() {
    let c = case("KW-1");
    let out = json(&[
        "delphi",
        "kendall",
        fixture("anxiety_raters.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out["schema_version"], 1);
    let pf = &c["python_formula"];
    close(&out["W"], &pf["corrected"]["W"], "W");
    close(&out["chi2"], &pf["corrected"]["chi2"], "chi2");
    close(&out["p"], &pf["corrected"]["p"], "p");
    close(&out["df"], &pf["corrected"]["df"], "df");
    close(
        &out["W_uncorrected"],
        &pf["uncorrected"]["W"],
        "W_uncorrected",
    );
}

#[test]
fn kendall_without_id_column_labels_experts_by_row() {
    // the contract checker writes item columns only
    let p = tmp("noid.csv", "A,B,C\n1,2,3\n1,3,2\n");
    let out = json(&["delphi", "kendall", p.to_str().unwrap(), "--format", "json"]);
    close(&out["W"], &Value::from(0.75), "W");
    assert_eq!(out["m"], 2);
}

#[test]
fn round_reports_items_w_and_positive_coefficient() {
    let c = case("DELPHI-1");
    let out = json(&[
        "delphi",
        "round",
        fixture("round1.csv").to_str().unwrap(),
        "--sent",
        "15",
        "--dimensions",
        fixture("dimensions.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    close(
        &out["positive_coefficient"],
        &c["response"]["positive_coefficient_r1"],
        "positive coefficient",
    );
    close(
        &out["kendall"]["W"],
        &c["kendall_round1_corrected"]["W"],
        "W",
    );
    close(
        &out["kendall"]["W_uncorrected"],
        &c["kendall_round1_uncorrected"]["W"],
        "W uncorrected",
    );
    let items = out["items"].as_array().unwrap();
    for (g, w) in items.iter().zip(c["round1_item_stats"].as_array().unwrap()) {
        assert_eq!(g["item"], w["item"]);
        close(&g["mean"], &w["mean"], "mean");
        close(&g["cv"], &w["cv"], "cv");
        close(&g["iqr"], &w["quartiles_Q1_Q3_IQR"]["R7_linear"][2], "iqr");
    }
    assert_eq!(out["dimensions"].as_array().unwrap().len(), 3);
    assert_eq!(out["missing"]["cells"], 0);
}

#[test]
fn quantile_type_6_is_spss() {
    let c = case("DELPHI-1");
    let out = json(&[
        "delphi",
        "round",
        fixture("round1.csv").to_str().unwrap(),
        "--quantile",
        "6",
        "--format",
        "json",
    ]);
    for (g, w) in out["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(c["round1_item_stats"].as_array().unwrap())
    {
        close(
            &g["iqr"],
            &w["quartiles_Q1_Q3_IQR"]["R6_weibull_SPSS"][2],
            "iqr type 6",
        );
    }
}

#[test]
fn authority_recomputes_the_published_table() {
    let c = case("AUTH-1");
    for (file, round) in [
        ("auth1_experts_round1.csv", "round1"),
        ("auth1_experts_round2.csv", "round2"),
    ] {
        let out = json(&[
            "delphi",
            "authority",
            fixture(file).to_str().unwrap(),
            "--format",
            "json",
        ]);
        let want = &c["recomputed_from_published_expression"][round];
        close(&out["Ca"], &want["Ca"], "Ca");
        close(&out["Cs"], &want["Cs"], "Cs");
        close(&out["Cr"], &want["Cr"], "Cr");
        assert_eq!(out["experts"].as_array().unwrap().len(), 16);
    }
}

#[test]
fn authority_strict_fails_with_status_1_below_threshold() {
    let out = fiscus(&[
        "delphi",
        "authority",
        fixture("auth1_experts_round1.csv").to_str().unwrap(),
        "--threshold",
        "0.9",
        "--strict",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn screen_writes_the_retained_list() {
    let kept = tmp("kept.csv", "");
    let out = json(&[
        "delphi",
        "screen",
        fixture("round1.csv").to_str().unwrap(),
        "--rule",
        "mean >= 3.5",
        "--rule",
        "cv <= 0.25",
        "--retained",
        kept.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let retained: Vec<&str> = out["retained"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(retained, vec!["I1", "I2", "I3", "I5", "I6", "I8", "I9"]);
    let text = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(text.lines().count(), 8);
    assert!(text.starts_with("item,mean,cv\nI1,"));
}

#[test]
fn compare_two_rounds_converges() {
    let out = json(&[
        "delphi",
        "compare",
        fixture("round1.csv").to_str().unwrap(),
        fixture("round2.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out["converged"], true);
    assert_eq!(out["w_rising"], true);
    assert_eq!(out["rounds"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_exits_2_naming_file_row_column() {
    let p = tmp("scale.csv", "expert,I1,I2\nE1,5,4\nE2,6,3\n");
    let out = fiscus(&["delphi", "round", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 2 (expert `E2`), column `I1`: score 6 is outside the scale 1..5"),
        "{err}"
    );

    let p = tmp("dup.csv", "expert,I1,I2\nE1,5,4\nE1,4,3\n");
    let out = fiscus(&["delphi", "screen", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`E1` (rows 1 and 2)"));

    let a = tmp("a.csv", "expert,I1,I2\nE1,5,4\nE2,4,3\n");
    let b = tmp("b.csv", "expert,I1,I3\nE1,5,4\nE2,4,3\n");
    let out = fiscus(&[
        "delphi",
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("item `I3` is new compared with"), "{err}");
    let ok = fiscus(&[
        "delphi",
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--rename",
        "I2=I3",
        "--format",
        "json",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let out = fiscus(&[
        "delphi",
        "screen",
        a.to_str().unwrap(),
        "--rule",
        "mean >> 3",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
