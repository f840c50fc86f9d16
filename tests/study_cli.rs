//! End-to-end tests of `fiscus demo`, `fiscus run` and `fiscus init`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use common::*;

use fiscus_qca::{pof, Relation, SetColumn, SetKind};
use serde_json::Value;

/// Runs fiscus and asserts success.
fn fiscus_ok(args: &[&str]) -> Output {
    let out = fiscus(args);
    assert!(out.status.success(), "fiscus {args:?}: {}", stderr(&out));
    out
}

/// A study-file fixture (`tests/fixtures/study/NAME`) as a command-line argument.
fn study_fixture(name: &str) -> String {
    fx(&format!("study/{name}"))
}

/// A fresh, empty directory in this test binary's temporary directory.
fn tmp(name: &str) -> PathBuf {
    let d = tmp_path(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The output of one `fiscus demo`, shared by the tests that only read it.
fn demo() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tmp("demo");
        let out = fiscus_ok(&["demo", "-o", d.to_str().unwrap()]);
        assert!(out.stdout.is_empty(), "demo prints nothing on stdout");
        assert!(stderr(&out).contains("report.html"));
        d
    })
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

/// Matches a list of numbers to the reference within the project tolerance.
fn close_all(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        close(&format!("{what}[{k}]"), *g, *w, TOL);
    }
}

/// The first solution of the given kind.
fn solution<'a>(r: &'a Value, kind: &str) -> &'a Value {
    r["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} solution"))
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

/// Every `<figure>` of a report holds an `<svg>` that draws something, and every figure file
/// is inline in the page.
fn assert_figures_drawn(dir: &Path) {
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(!html.contains("<script"), "the report needs no scripts");
    assert!(!html.contains("src=\"http"), "the report fetches nothing");
    let figures: Vec<&str> = html.split("<figure").skip(1).collect();
    assert!(!figures.is_empty(), "{}: no figures", dir.display());
    for f in &figures {
        let body = &f[..f.find("</figure>").expect("closed figure")];
        let svg = &body[body.find("<svg").expect("an svg in every figure")..];
        assert!(
            ["<circle", "<rect", "<polyline", "<path", "<line"]
                .iter()
                .any(|t| svg.contains(t)),
            "an empty figure: {}",
            &body[..body.len().min(120)]
        );
    }
    let n_files = std::fs::read_dir(dir.join("figures")).unwrap().count();
    assert_eq!(
        figures.len(),
        n_files,
        "every figure file is inline in the HTML"
    );
}

#[test]
fn demo_writes_every_output_and_is_byte_identical_on_rerun() {
    let d1 = demo();
    let d2 = tmp("demo-rerun");
    fiscus_ok(&["demo", "-q", "-o", d2.to_str().unwrap()]);
    let pb1 = d1.join("participatory-budgeting");
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
    for example in ["participatory-budgeting", "budget-performance", "lipset"] {
        for f in ["results.json", "report.html", "report.md"] {
            let a = std::fs::read(d1.join(example).join(f)).unwrap();
            let b = std::fs::read(d2.join(example).join(f)).unwrap();
            assert!(a == b, "{example}/{f} differs between two runs");
        }
        assert_figures_drawn(&d1.join(example));
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
    let _ = std::fs::remove_dir_all(&d2);
}

#[test]
fn demo_numbers_agree_with_the_method_crates() {
    let r = results(&demo().join("participatory-budgeting"));
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
            close(
                expr,
                whole.incl_s.unwrap(),
                m["inclS"].as_f64().unwrap(),
                TOL,
            );
            close(expr, whole.cov_s.unwrap(), m["covS"].as_f64().unwrap(), TOL);
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
    close(
        "inclN of DISCL",
        row["inclN"].as_f64().unwrap(),
        incl_n,
        TOL,
    );
    assert!(incl_n >= 0.9);
    assert_eq!(r["necessity"]["necessary"][0], "DISCL");

    // The configuration chart is fiscus_qca::configuration_chart's on the first intermediate
    // model: its paths are that model's terms, its fit the model's, and every core literal
    // of a path is one of the path's conditions.
    let chart = &r["configuration_chart"];
    let inter = solution(&r, "intermediate");
    assert_eq!(chart["inclS"], inter["models"][0]["inclS"]);
    let terms: Vec<&str> = inter["models"][0]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let paths = chart["paths"].as_array().unwrap();
    assert!(paths.len() >= 3);
    assert_eq!(
        paths
            .iter()
            .map(|p| p["term"].as_str().unwrap())
            .collect::<Vec<_>>(),
        terms
    );
    for p in paths {
        let term = p["term"].as_str().unwrap();
        let literals: Vec<&str> = term.split('*').collect();
        let core = p["core"].as_array().unwrap();
        assert!(!core.is_empty(), "{term} has a core condition");
        for c in core {
            assert!(literals.contains(&c.as_str().unwrap()), "{term}: {c}");
        }
        let n_core = p["cells"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c.as_str().unwrap().starts_with("core"))
            .count();
        assert_eq!(n_core, core.len(), "{term}");
    }
}

#[test]
fn run_resolves_paths_relative_to_the_study_file() {
    let d = tmp("run-small");
    // Run from another working directory: the data path is relative to the study file.
    let out = Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .args([
            "run",
            &study_fixture("small.toml"),
            "-q",
            "-o",
            d.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let r = results(&d);
    let pars = solution(&r, "parsimonious");
    let expr = pars["models"][0]["expression"].as_str().unwrap();
    assert_eq!(expr, "A + B");
    let fit = pof(
        expr,
        &columns(&r),
        &membership(&r, "Y"),
        Relation::Sufficiency,
    )
    .unwrap();
    close(
        "inclS of the first path",
        fit[0].incl_s.unwrap(),
        pars["paths"][0]["inclS"].as_f64().unwrap(),
        TOL,
    );
    // Path memberships are the condition memberships for single-literal paths.
    assert_eq!(nums(&pars["paths"][0]["membership"]), membership(&r, "A"));
    let _ = std::fs::remove_dir_all(&d);
}

fn assert_study_error(file: &str, line: usize, key: &str) {
    let d = tmp(&format!("bad-{file}"));
    let out = fiscus(&["run", &study_fixture(file), "-q", "-o", d.to_str().unwrap()]);
    let err = fails(&out, 2);
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
fn malformed_ahp_judgments_name_file_line_and_key() {
    assert_study_error("bad-panel-size.toml", 16, "ahp.panel[1].judgments");
    assert_study_error("bad-judgment.toml", 21, "dimension[0].judgments[0][1]");
    assert_study_error("bad-both.toml", 11, "ahp.panel");
    assert_study_error("bad-aggregation.toml", 8, "ahp.aggregation");
}

#[test]
fn evaluation_study_with_group_single_and_equal_weights() {
    let d = tmp("eval-small");
    fiscus_ok(&[
        "run",
        &study_fixture("eval-small.toml"),
        "-q",
        "-o",
        d.to_str().unwrap(),
    ]);
    let r = results(&d);
    let ahp = &r["ahp"];
    // Group (AIJ): the geometric mean of 4 and 1 is 2, so the weights are 2/3 and 1/3.
    assert_eq!(ahp["dimensions"]["form"], "group");
    close_all(
        "dimension weights",
        &nums(&ahp["dimensions"]["weights"]),
        &[2.0 / 3.0, 1.0 / 3.0],
    );
    close(
        "AIJ judgment",
        ahp["dimensions"]["group"]["aij"]["completed_matrix"][0][1]
            .as_f64()
            .unwrap(),
        2.0,
        TOL,
    );
    // Single form with "1/3": 3/4 and 1/4; equal weights for the one-indicator dimension.
    assert_eq!(ahp["indicators"][0]["form"], "single");
    close_all(
        "local weights of A",
        &nums(&ahp["indicators"][0]["weights"]),
        &[0.75, 0.25],
    );
    assert_eq!(ahp["indicators"][1]["form"], "equal");
    assert!(ahp["indicators"][1]["CR"].is_null());
    // Means a1 = 4, a2 = 3, b1 = 14/3.
    let c = &r["evaluation"]["composite"];
    let score = 2.0 / 3.0 * (0.75 * 4.0 + 0.25 * 3.0) + 1.0 / 3.0 * 14.0 / 3.0;
    close("composite", c["score"].as_f64().unwrap(), score, TOL);
    close(
        "100 points",
        c["score_100"].as_f64().unwrap(),
        score * 20.0,
        TOL,
    );
    assert_eq!(c["grades"][0]["grade"], "B");
    assert_eq!(c["grades"][1]["grade"], "良");
    assert_figures_drawn(&d);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn missing_study_and_data_files_are_errors() {
    let out = fiscus(&["run", &study_fixture("nope.toml")]);
    assert_eq!(out.status.code(), Some(2));
    let d = tmp("init");
    let study = d.join("study.toml");
    fiscus_ok(&["init", "--kind", "qca", "-o", study.to_str().unwrap()]);
    // The template names data.csv, which does not exist yet.
    let out = fiscus(&[
        "run",
        study.to_str().unwrap(),
        "-q",
        "-o",
        d.join("out").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("data.file"));
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
    assert!(stderr(&again).contains("--force"));
    let ev = fiscus(&["init", "--kind", "evaluation", "-o", "-"]);
    assert!(ev.status.success());
    assert!(stdout(&ev).contains("kind = \"evaluation\""));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn demo_lipset_reproduces_r_qca_solutions() {
    let r = results(&demo().join("lipset"));
    let expr = |kind: &str| {
        solution(&r, kind)["models"][0]["expression"]
            .as_str()
            .unwrap()
            .to_string()
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
}

/// The reference values of the budget-performance example, computed independently by
/// `tests/fixtures/study/budget_performance_reference.py`.
fn reference() -> Value {
    fixture_json("study/budget-performance-reference.json")
}

#[test]
fn demo_evaluation_matches_the_independent_reference() {
    let e = demo().join("budget-performance");
    let r = results(&e);
    let x = reference();
    assert_eq!(r["study"]["kind"], "evaluation");
    let ahp = &r["ahp"];

    // Group AHP (AIJ of five experts) at both levels: weights, CR, each expert's CR.
    let levels = std::iter::once((&ahp["dimensions"], &x["dimensions"])).chain(
        ahp["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .zip(x["indicators"].as_array().unwrap()),
    );
    let mut n_levels = 0;
    for (k, (got, want)) in levels.enumerate() {
        assert_eq!(got["form"], "group");
        close_all(
            &format!("level {k} weights"),
            &nums(&got["weights"]),
            &nums(&want["weights"]),
        );
        close(
            &format!("level {k} CR"),
            got["CR"].as_f64().unwrap(),
            want["CR"].as_f64().unwrap(),
            TOL,
        );
        close(
            &format!("level {k} lambda_max"),
            got["matrix"]["lambda_max"].as_f64().unwrap(),
            want["lambda_max"].as_f64().unwrap(),
            TOL,
        );
        let experts: Vec<f64> = got["group"]["experts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["CR"].as_f64().unwrap())
            .collect();
        close_all(
            &format!("level {k} expert CR"),
            &experts,
            &nums(&want["expert_CR"]),
        );
        n_levels += 1;
    }
    assert_eq!(n_levels, 5, "4 first-level indicators: 1 + 4 matrices");
    assert_eq!(
        ahp["dimensions"]["group"]["experts"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(ahp["dimensions"]["group"]["inconsistent_experts"][0], "E5");
    close(
        "hierarchy CR",
        ahp["hierarchy_cr"].as_f64().unwrap(),
        x["hierarchy_cr"].as_f64().unwrap(),
        TOL,
    );
    let global = ahp["global"].as_array().unwrap();
    assert_eq!(global.len(), 20, "20 second-level indicators");
    for (g, w) in global.iter().zip(x["global"].as_array().unwrap()) {
        assert_eq!(g[0], w[0]);
        close(
            &format!("global weight of {}", w[0]),
            g[1].as_f64().unwrap(),
            w[1].as_f64().unwrap(),
            TOL,
        );
    }

    // Composite score, 100-point score, dimension scores and grades.
    let c = &r["evaluation"]["composite"];
    close(
        "score",
        c["score"].as_f64().unwrap(),
        x["score"].as_f64().unwrap(),
        TOL,
    );
    close(
        "score_100",
        c["score_100"].as_f64().unwrap(),
        x["score_100"].as_f64().unwrap(),
        TOL,
    );
    let dims: Vec<f64> = c["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["score"].as_f64().unwrap())
        .collect();
    close_all("dimension scores", &dims, &nums(&x["dimension_scores"]));
    let means: Vec<f64> = c["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["mean"].as_f64().unwrap())
        .collect();
    close_all("indicator means", &means, &nums(&x["indicator_means"]));
    assert_eq!(c["grades"][0]["grade"], x["grades"][0]);
    assert_eq!(c["grades"][1]["grade"], x["grades"][1]);

    // Two Delphi rounds: Kendall's W (tie-corrected), item means and CVs.
    let rounds = r["delphi"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    for (k, (d, w)) in rounds
        .iter()
        .zip(x["delphi"].as_array().unwrap())
        .enumerate()
    {
        close(
            &format!("round {} W", k + 1),
            d["kendall"]["W"].as_f64().unwrap(),
            w["kendall_W"].as_f64().unwrap(),
            TOL,
        );
        let items = d["items"].as_array().unwrap();
        let mean: Vec<f64> = items.iter().map(|i| i["mean"].as_f64().unwrap()).collect();
        let cv: Vec<f64> = items.iter().map(|i| i["cv"].as_f64().unwrap()).collect();
        close_all(&format!("round {} means", k + 1), &mean, &nums(&w["mean"]));
        close_all(&format!("round {} CVs", k + 1), &cv, &nums(&w["cv"]));
    }

    for f in [
        "report.html",
        "report.md",
        "tables.xlsx",
        "tables/ahp-weights.csv",
        "tables/ahp-panel.csv",
        "tables/indicator-scores.csv",
        "tables/delphi-round2.csv",
        "figures/ahp-dimensions.svg",
        "figures/ahp-financial.svg",
        "figures/ahp-global.svg",
        "figures/delphi.svg",
        "figures/score.svg",
    ] {
        let len = std::fs::metadata(e.join(f)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 0, "{f} missing or empty");
    }
    // The AHP bars show the CR; the Delphi figure has a mean and a CV per item and round; the
    // score figure marks the composite on both grade scales.
    let svg = |f: &str| std::fs::read_to_string(e.join("figures").join(f)).unwrap();
    assert!(svg("ahp-dimensions.svg").contains("group CR"));
    assert!(svg("ahp-financial.svg").contains("CR"));
    let delphi = svg("delphi.svg");
    assert_eq!(delphi.matches(": mean ").count(), 40);
    assert_eq!(delphi.matches(": CV ").count(), 40);
    let score = svg("score.svg");
    assert_eq!(score.matches("<title>overall:").count(), 2);
}
