//! End-to-end tests of `fiscus delphi` against tests/fixtures/delphi.

use serde_json::Value;

use crate::common::*;

fn reference() -> Value {
    fixture_json("delphi/kendall_delphi_authority_cases.json")
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

#[test]
fn kendall_contract_fields_match_irr() {
    let c = case("KW-1");
    let out = ok_json(&fiscus(&[
        "delphi",
        "kendall",
        &fx("delphi/anxiety_raters.csv"),
        "--format",
        "json",
    ]));
    assert_eq!(out["schema_version"], 1);
    let pf = &c["python_formula"];
    close_value("W", &out["W"], &pf["corrected"]["W"], TOL);
    close_value("chi2", &out["chi2"], &pf["corrected"]["chi2"], TOL);
    close_value("p", &out["p"], &pf["corrected"]["p"], TOL);
    close_value("df", &out["df"], &pf["corrected"]["df"], TOL);
    close_value(
        "W_uncorrected",
        &out["W_uncorrected"],
        &pf["uncorrected"]["W"],
        TOL,
    );
}

#[test]
fn kendall_without_id_column_labels_experts_by_row() {
    // the contract checker writes item columns only
    let p = tmp_file("noid.csv", "A,B,C\n1,2,3\n1,3,2\n");
    let out = ok_json(&fiscus(&[
        "delphi",
        "kendall",
        p.to_str().unwrap(),
        "--format",
        "json",
    ]));
    close("W", num(&out["W"]), 0.75, TOL);
    assert_eq!(out["m"], 2);
}

#[test]
fn round_reports_items_w_and_positive_coefficient() {
    let c = case("DELPHI-1");
    let out = ok_json(&fiscus(&[
        "delphi",
        "round",
        &fx("delphi/round1.csv"),
        "--sent",
        "15",
        "--dimensions",
        &fx("delphi/dimensions.csv"),
        "--format",
        "json",
    ]));
    close_value(
        "positive coefficient",
        &out["positive_coefficient"],
        &c["response"]["positive_coefficient_r1"],
        TOL,
    );
    close_value(
        "W",
        &out["kendall"]["W"],
        &c["kendall_round1_corrected"]["W"],
        TOL,
    );
    close_value(
        "W uncorrected",
        &out["kendall"]["W_uncorrected"],
        &c["kendall_round1_uncorrected"]["W"],
        TOL,
    );
    let items = out["items"].as_array().unwrap();
    for (g, w) in items.iter().zip(c["round1_item_stats"].as_array().unwrap()) {
        assert_eq!(g["item"], w["item"]);
        close_value("mean", &g["mean"], &w["mean"], TOL);
        close_value("cv", &g["cv"], &w["cv"], TOL);
        close_value(
            "iqr",
            &g["iqr"],
            &w["quartiles_Q1_Q3_IQR"]["R7_linear"][2],
            TOL,
        );
    }
    assert_eq!(out["dimensions"].as_array().unwrap().len(), 3);
    assert_eq!(out["missing"]["cells"], 0);
}

#[test]
fn quantile_type_6_is_spss() {
    let c = case("DELPHI-1");
    let out = ok_json(&fiscus(&[
        "delphi",
        "round",
        &fx("delphi/round1.csv"),
        "--quantile",
        "6",
        "--format",
        "json",
    ]));
    for (g, w) in out["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(c["round1_item_stats"].as_array().unwrap())
    {
        close_value(
            "iqr type 6",
            &g["iqr"],
            &w["quartiles_Q1_Q3_IQR"]["R6_weibull_SPSS"][2],
            TOL,
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
        let out = ok_json(&fiscus(&[
            "delphi",
            "authority",
            &fx(&format!("delphi/{file}")),
            "--format",
            "json",
        ]));
        let want = &c["recomputed_from_published_expression"][round];
        close_value("Ca", &out["Ca"], &want["Ca"], TOL);
        close_value("Cs", &out["Cs"], &want["Cs"], TOL);
        close_value("Cr", &out["Cr"], &want["Cr"], TOL);
        assert_eq!(out["experts"].as_array().unwrap().len(), 16);
    }
}

#[test]
fn authority_strict_fails_with_status_1_below_threshold() {
    let out = fiscus(&[
        "delphi",
        "authority",
        &fx("delphi/auth1_experts_round1.csv"),
        "--threshold",
        "0.9",
        "--strict",
        "--format",
        "json",
    ]);
    fails(&out, 1);
}

#[test]
fn screen_writes_the_retained_list() {
    let kept = tmp_file("kept.csv", "");
    let out = ok_json(&fiscus(&[
        "delphi",
        "screen",
        &fx("delphi/round1.csv"),
        "--rule",
        "mean >= 3.5",
        "--rule",
        "cv <= 0.25",
        "--retained",
        kept.to_str().unwrap(),
        "--format",
        "json",
    ]));
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
    let out = ok_json(&fiscus(&[
        "delphi",
        "compare",
        &fx("delphi/round1.csv"),
        &fx("delphi/round2.csv"),
        "--format",
        "json",
    ]));
    assert_eq!(out["converged"], true);
    assert_eq!(out["w_rising"], true);
    assert_eq!(out["rounds"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_exits_2_naming_file_row_column() {
    let p = tmp_file("scale.csv", "expert,I1,I2\nE1,5,4\nE2,6,3\n");
    let out = fiscus(&["delphi", "round", p.to_str().unwrap()]);
    fails_with(
        &out,
        2,
        "row 2 (expert `E2`), column `I1`: score 6 is outside the scale 1..5",
    );

    let p = tmp_file("dup.csv", "expert,I1,I2\nE1,5,4\nE1,4,3\n");
    let out = fiscus(&["delphi", "screen", p.to_str().unwrap()]);
    fails_with(&out, 2, "`E1` (rows 1 and 2)");

    let a = tmp_file("a.csv", "expert,I1,I2\nE1,5,4\nE2,4,3\n");
    let b = tmp_file("b.csv", "expert,I1,I3\nE1,5,4\nE2,4,3\n");
    let out = fiscus(&[
        "delphi",
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    fails_with(&out, 2, "item `I3` is new compared with");
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
    assert!(ok.status.success(), "{}", stderr(&ok));

    let out = fiscus(&[
        "delphi",
        "screen",
        a.to_str().unwrap(),
        "--rule",
        "mean >> 3",
    ]);
    fails(&out, 2);
}

/// `--dropped` / `--added` naming an item that no round has is an error naming the option
/// (issue 15).
#[test]
fn compare_with_an_unknown_dropped_item_fails() {
    let r1 = tmp_arg(
        "cmp1.csv",
        "expert,I1,I2,I3\nE1,4,5,3\nE2,5,4,3\nE3,4,4,2\n",
    );
    let r2 = tmp_arg("cmp2.csv", "expert,I1,I2\nE1,4,5\nE2,5,4\nE3,4,4\n");
    let out = fiscus(&["delphi", "compare", &r1, &r2, "--dropped", "I9"]);
    fails_with(&out, 2, "--dropped names `I9`, which is in no round");
    let out = fiscus(&[
        "delphi",
        "compare",
        &r1,
        &r2,
        "--dropped",
        "I3",
        "--added",
        "I7",
    ]);
    fails_with(&out, 2, "--added names `I7`, which is in no round");
    let ok = fiscus(&[
        "delphi",
        "compare",
        &r1,
        &r2,
        "--dropped",
        "I3",
        "--format",
        "json",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

/// Every problem of the authority table names the file, the row and the column (issue 15).
#[test]
fn authority_errors_name_file_row_and_column() {
    let head = "expert,practice,theory,peers,intuition,familiarity\nX1,large,large,medium,small,very familiar\n";
    let missing = tmp_arg(
        "auth-missing.csv",
        format!("{head}X2,large,small,medium,small,\n"),
    );
    fails_with(
        &fiscus(&["delphi", "authority", &missing]),
        2,
        "auth-missing.csv: row 2 (expert `X2`), column `familiarity`: missing value",
    );
    let bad = tmp_arg(
        "auth-bad.csv",
        format!("{head}X2,large,huge,medium,small,familiar\n"),
    );
    fails_with(
        &fiscus(&["delphi", "authority", &bad]),
        2,
        "auth-bad.csv: row 2 (expert `X2`), column `theory`: `huge` is not a level",
    );
    // a level the custom table does not have
    let small = tmp_arg(
        "auth-small.csv",
        format!("{head}X2,small,small,medium,small,familiar\n"),
    );
    fails_with(
        &fiscus(&[
            "delphi",
            "authority",
            &small,
            "--basis",
            "practice=0.5,0.4",
            "--basis",
            "theory=0.3,0.2,0.1",
        ]),
        2,
        "auth-small.csv: row 2 (expert `X2`), column `practice`: level `small` is beyond the 2 levels",
    );
}
