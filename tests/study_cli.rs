//! End-to-end tests of `fiscus demo`, `fiscus run` and `fiscus init`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fiscus_qca::{pof, Relation, SetColumn, SetKind};
use serde_json::Value;

fn fiscus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(args)
        .output()
        .expect("the fiscus binary runs")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/study/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("fiscus-study-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn results(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("results.json")).expect("results.json exists");
    serde_json::from_str(&text).expect("results.json is JSON")
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

/// The calibrated memberships of `name` from results.json.
fn membership(r: &Value, name: &str) -> Vec<f64> {
    let c = r["calibration"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no calibration of {name}"));
    nums(&c["membership"])
}

fn columns(r: &Value) -> Vec<SetColumn> {
    r["truth_table"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let name = n.as_str().unwrap();
            SetColumn {
                name: name.into(),
                kind: SetKind::Fuzzy,
                values: membership(r, name),
            }
        })
        .collect()
}

#[test]
fn demo_writes_every_output_and_is_byte_identical_on_rerun() {
    let d1 = tmp("demo1");
    let d2 = tmp("demo2");
    for d in [&d1, &d2] {
        let out = fiscus(&["demo", "-o", d.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "demo prints nothing on stdout");
        assert!(String::from_utf8_lossy(&out.stderr).contains("report.html"));
    }
    let pb1 = d1.join("participatory-budgeting");
    let pb2 = d2.join("participatory-budgeting");
    for f in [
        "report.md",
        "report.html",
        "results.json",
        "tables.xlsx",
        "tables/truth-table.csv",
        "tables/necessity.csv",
        "tables/configuration-chart.csv",
        "figures/configuration-chart.svg",
        "figures/calibration-promo.svg",
        "figures/xy-parsimonious-path1.svg",
        "figures/xy-c1p1-path1.svg",
        "figures/xy-necessity-discl.svg",
        "figures/robustness.svg",
    ] {
        let len = std::fs::metadata(pb1.join(f)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 0, "{f} missing or empty");
    }
    for f in ["results.json", "report.html", "report.md"] {
        let a = std::fs::read(pb1.join(f)).unwrap();
        let b = std::fs::read(pb2.join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
    // tables.xlsx: the truth-table sheet has one row per observed row of results.json.
    let xlsx = std::fs::read(pb1.join("tables.xlsx")).unwrap();
    let opts = fiscus_io::ReadOptions {
        sheet: Some("truth-table".into()),
        id_column: Some("row".into()),
        ..Default::default()
    };
    let sheet = fiscus_io::read_table(&xlsx, "tables.xlsx", &opts).unwrap();
    let r = results(&pb1);
    assert_eq!(
        sheet.n_cases(),
        r["truth_table"]["rows"].as_array().unwrap().len()
    );
    let html = std::fs::read_to_string(pb1.join("report.html")).unwrap();
    assert!(!html.contains("<script"), "the report needs no scripts");
    assert!(!html.contains("src=\"http"), "the report fetches nothing");
    let n_svg = html.matches("<svg ").count();
    let n_files = std::fs::read_dir(pb1.join("figures")).unwrap().count();
    assert_eq!(n_svg, n_files, "every figure file is inline in the HTML");
    let _ = std::fs::remove_dir_all(&d1);
    let _ = std::fs::remove_dir_all(&d2);
}

#[test]
fn demo_numbers_agree_with_the_method_crates() {
    let d = tmp("demo-numbers");
    let out = fiscus(&["demo", "-q", "-o", d.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = results(&d.join("participatory-budgeting"));
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["fiscus_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(r["study"]["seed"], 20240611);
    assert!(r["study"]["text"]
        .as_str()
        .unwrap()
        .contains("[truth_table]"));
    assert_eq!(r["data"]["cases"].as_array().unwrap().len(), 22);
    assert_eq!(r["truth_table"]["config"]["incl_cut1"], 0.8);

    // Calibration: recompute PROMO from the raw values and the study's anchors.
    let promo = &r["calibration"][0];
    assert_eq!(promo["name"], "PROMO");
    let raw: Vec<Option<f64>> = nums(&promo["raw"]).into_iter().map(Some).collect();
    let spec: fiscus_calibration::CalibrationSpec = "e=2, c=5, i=8".parse().unwrap();
    let expect = fiscus_calibration::calibrate(&raw, &spec).unwrap();
    for (a, b) in nums(&promo["membership"]).iter().zip(&expect.values) {
        assert!((a - b.unwrap()).abs() < 1e-12);
    }

    // Every path of every parsimonious and intermediate model: the reported fit equals pof().
    let cols = columns(&r);
    let y = membership(&r, "PERF");
    let mut checked = 0;
    let mut intermediate_paths = 0;
    for s in r["solutions"].as_array().unwrap() {
        for m in s["models"].as_array().unwrap() {
            let expr = m["expression"].as_str().unwrap();
            let fit = pof(expr, &cols, &y, Relation::Sufficiency).unwrap();
            let whole = fit.last().unwrap();
            assert!(
                (whole.incl_s.unwrap() - m["inclS"].as_f64().unwrap()).abs() < 1e-9,
                "{expr}"
            );
            assert!(
                (whole.cov_s.unwrap() - m["covS"].as_f64().unwrap()).abs() < 1e-9,
                "{expr}"
            );
            checked += 1;
        }
        if s["kind"] == "intermediate" {
            intermediate_paths = intermediate_paths.max(s["paths"].as_array().unwrap().len());
        }
    }
    assert!(checked >= 3);
    assert!(
        intermediate_paths >= 3,
        "the example shows several distinct paths"
    );

    // Necessity: inclN of DISCL recomputed by hand, and DISCL reported as necessary.
    let discl = membership(&r, "DISCL");
    let incl_n: f64 =
        discl.iter().zip(&y).map(|(x, y)| x.min(*y)).sum::<f64>() / y.iter().sum::<f64>();
    let row = r["necessity"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["term"] == "DISCL")
        .unwrap();
    assert!((row["inclN"].as_f64().unwrap() - incl_n).abs() < 1e-9);
    assert!(incl_n >= 0.9);
    assert_eq!(r["necessity"]["necessary"][0], "DISCL");

    // The configuration chart's solution fit is the first intermediate model's.
    let chart = &r["configuration_chart"];
    assert!(chart["paths"].as_array().unwrap().len() >= 3);
    let inter = r["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "intermediate")
        .unwrap();
    assert_eq!(chart["inclS"], inter["models"][0]["inclS"]);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn run_resolves_paths_relative_to_the_study_file() {
    let d = tmp("run-small");
    // Run from another working directory: the data path is relative to the study file.
    let out = Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .current_dir(std::env::temp_dir())
        .args([
            "run",
            &fixture("small.toml"),
            "-q",
            "-o",
            d.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = results(&d);
    let pars = r["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "parsimonious")
        .unwrap();
    let expr = pars["models"][0]["expression"].as_str().unwrap();
    assert_eq!(expr, "A + B");
    let fit = pof(
        expr,
        &columns(&r),
        &membership(&r, "Y"),
        Relation::Sufficiency,
    )
    .unwrap();
    let reported = pars["paths"][0]["inclS"].as_f64().unwrap();
    assert!((fit[0].incl_s.unwrap() - reported).abs() < 1e-9);
    // Path memberships are the condition memberships for single-literal paths.
    assert_eq!(nums(&pars["paths"][0]["membership"]), membership(&r, "A"));
    let _ = std::fs::remove_dir_all(&d);
}

fn assert_study_error(file: &str, line: usize, key: &str) {
    let d = tmp(&format!("bad-{line}"));
    let out = fiscus(&["run", &fixture(file), "-q", "-o", d.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{file}:{line}:")), "{err}");
    assert!(err.contains(&format!("key `{key}`")), "{err}");
    assert!(!d.join("results.json").exists());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn malformed_study_files_name_file_line_and_key() {
    assert_study_error("bad-type.toml", 18, "truth_table.incl_cut");
    assert_study_error("bad-anchors.toml", 20, "condition[1].anchors");
    assert_study_error("bad-column.toml", 14, "condition[0].column");
}

#[test]
fn missing_study_and_data_files_are_errors() {
    let out = fiscus(&["run", &fixture("nope.toml")]);
    assert_eq!(out.status.code(), Some(2));
    let d = tmp("init");
    let study = d.join("study.toml");
    let out = fiscus(&["init", "--kind", "qca", "-o", study.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The template names data.csv, which does not exist yet.
    let out = fiscus(&[
        "run",
        study.to_str().unwrap(),
        "-q",
        "-o",
        d.join("out").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("data.file"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn init_writes_templates_and_refuses_to_overwrite() {
    let d = tmp("init2");
    let study = d.join("study.toml");
    let p = study.to_str().unwrap();
    assert!(fiscus(&["init", "-o", p]).status.success());
    let text = std::fs::read_to_string(&study).unwrap();
    assert!(text.contains("[[condition]]") && text.contains("anchors ="));
    let again = fiscus(&["init", "-o", p]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let ev = fiscus(&["init", "--kind", "evaluation", "-o", "-"]);
    assert!(ev.status.success());
    assert!(String::from_utf8_lossy(&ev.stdout).contains("kind = \"evaluation\""));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn demo_lipset_reproduces_r_qca_solutions() {
    let d = tmp("demo-lipset");
    let out = fiscus(&["demo", "-q", "-o", d.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = results(&d.join("lipset"));
    let expr = |kind: &str| {
        r["solutions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == kind)
            .map(|s| s["models"][0]["expression"].as_str().unwrap().to_string())
            .unwrap()
    };
    // R QCA 3.25 on LF, incl.cut = 0.8 (reference A02_LF_fuzzy.json).
    assert_eq!(expr("parsimonious"), "DEV*~IND + URB*STB");
    let complex = expr("complex");
    let mut terms: Vec<&str> = complex.split(" + ").collect();
    terms.sort_unstable();
    assert_eq!(terms, vec!["DEV*URB*LIT*IND*STB", "DEV*~URB*LIT*~IND*STB"]);
    // The parsimonious fit is pof() on the unrounded memberships: close to R's on LF (rounded).
    let fit = pof(
        "DEV*~IND + URB*STB",
        &columns(&r),
        &membership(&r, "SURV"),
        Relation::Sufficiency,
    )
    .unwrap();
    let incl = fit.last().unwrap().incl_s.unwrap();
    assert!((incl - 0.85034965034965).abs() < 0.01, "{incl}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn demo_evaluation_scores_on_the_scale_with_a_grade_and_reruns_identically() {
    let d1 = tmp("demo-eval1");
    let d2 = tmp("demo-eval2");
    for d in [&d1, &d2] {
        let out = fiscus(&["demo", "-q", "-o", d.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let e1 = d1.join("budget-performance");
    let e2 = d2.join("budget-performance");
    let r = results(&e1);
    assert_eq!(r["study"]["kind"], "evaluation");
    let c = &r["evaluation"]["composite"];
    let score = c["score"].as_f64().expect("score");
    let s100 = c["score_100"].as_f64().expect("score_100");
    assert!(
        (1.0..=5.0).contains(&score),
        "score {score} off the 1..5 scale"
    );
    assert!((0.0..=100.0).contains(&s100), "100-point score {s100}");
    assert!((s100 - score * 20.0).abs() < 1e-9, "x20 conversion");
    let grades = c["grades"].as_array().expect("grades");
    assert!(!grades.is_empty());
    assert!(grades
        .iter()
        .all(|g| !g["grade"].as_str().unwrap_or("").is_empty()));
    // AHP weights sum to 1 and the dimension matrix is acceptably consistent.
    let w = nums(&r["ahp"]["dimensions"]["weights"]);
    assert_eq!(w.len(), 4);
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(r["ahp"]["dimensions"]["CR"].as_f64().unwrap() < 0.1);
    let global: f64 = r["ahp"]["global"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_f64().unwrap())
        .sum();
    assert!((global - 1.0).abs() < 1e-9);
    // Two Delphi rounds, each with Kendall's W in [0, 1].
    let rounds = r["delphi"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    for d in rounds {
        let kw = d["kendall"]["W"].as_f64().expect("Kendall W");
        assert!((0.0..=1.0).contains(&kw));
    }
    for f in [
        "report.html",
        "report.md",
        "tables.xlsx",
        "tables/ahp-weights.csv",
        "tables/indicator-scores.csv",
        "tables/delphi-round2.csv",
        "figures/ahp-dimensions.svg",
        "figures/ahp-global.svg",
        "figures/score.svg",
    ] {
        let len = std::fs::metadata(e1.join(f)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 0, "{f} missing or empty");
    }
    let a = std::fs::read(e1.join("results.json")).unwrap();
    let b = std::fs::read(e2.join("results.json")).unwrap();
    assert!(a == b, "results.json differs between two runs");
    let _ = std::fs::remove_dir_all(&d1);
    let _ = std::fs::remove_dir_all(&d2);
}
