//! End-to-end tests of `fiscus demo`, `fiscus run` and `fiscus init`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::common::*;

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
        "figures/xy-necessity-econ.svg",
        "figures/xy-necessity-fiscal.svg",
        "figures/robustness.svg",
    ] {
        let len = std::fs::metadata(pb1.join(f)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 0, "{f} missing or empty");
    }
    // every file, tables.xlsx included (its creation time is fixed): the manifests list the
    // SHA-256 of each
    let m1 = std::fs::read(d1.join(".fiscus-manifest.json")).unwrap();
    let m2 = std::fs::read(d2.join(".fiscus-manifest.json")).unwrap();
    assert!(m1 == m2, "the two demo runs differ");
    for example in ["participatory-budgeting", "budget-performance", "lipset"] {
        for f in ["results.json", "report.html", "report.md", "tables.xlsx"] {
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
fn demo_writes_an_index_of_the_three_reports() {
    let html = std::fs::read_to_string(demo().join("index.html")).expect("index.html");
    for example in ["participatory-budgeting", "budget-performance", "lipset"] {
        let link = format!("href=\"{example}/report.html\"");
        assert!(html.contains(&link), "index.html lacks {link}");
        assert!(demo().join(example).join("report.html").exists());
    }
    // no temporary file is left behind by the atomic writes
    let leftovers: Vec<_> = std::fs::read_dir(demo())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn output_files_are_never_written_through_a_symlink() {
    let dir = tmp("symlink-out");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.join("out.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let data = crate::common::fx("qca/datasets/LF.csv");
    let o = crate::common::fiscus(&[
        "fit",
        &data,
        "DEV",
        "--outcome",
        "SURV",
        "--format",
        "json",
        "-o",
        link.to_str().unwrap(),
    ]);
    crate::common::fails_with(&o, 2, "symbolic link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    // a plain -o FILE is written whole
    let plain = dir.join("plain.json");
    let o = crate::common::fiscus(&[
        "fit",
        &data,
        "DEV",
        "--outcome",
        "SURV",
        "--format",
        "json",
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&plain).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
    let _ = std::fs::remove_dir_all(&dir);
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
    let promo = &r["calibration"][2];
    assert_eq!(promo["name"], "PROMO");
    assert_eq!(promo["group"], "O");
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

    // Necessity: inclN and RoN of every condition and negation recomputed by hand; ECON and
    // FISCAL, and only they, are reported as necessary (the founding study's finding).
    let mut above = Vec::new();
    for row in r["necessity"]["rows"].as_array().unwrap() {
        let term = row["term"].as_str().unwrap();
        let x: Vec<f64> = match term.strip_prefix('~') {
            Some(base) => membership(&r, base).iter().map(|v| 1.0 - v).collect(),
            None => membership(&r, term),
        };
        let both: f64 = x.iter().zip(&y).map(|(x, y)| x.min(*y)).sum();
        let incl_n = both / y.iter().sum::<f64>();
        let ron = x.iter().map(|v| 1.0 - v).sum::<f64>()
            / x.iter().zip(&y).map(|(x, y)| 1.0 - x.min(*y)).sum::<f64>();
        close(
            &format!("inclN of {term}"),
            row["inclN"].as_f64().unwrap(),
            incl_n,
            TOL,
        );
        close(
            &format!("RoN of {term}"),
            row["RoN"].as_f64().unwrap(),
            ron,
            TOL,
        );
        if incl_n >= 0.9 {
            assert!(ron >= 0.5, "{term}: RoN {ron}");
            above.push(term.to_string());
        }
    }
    assert_eq!(above, ["ECON", "FISCAL"]);
    assert_eq!(
        r["necessity"]["necessary"],
        serde_json::json!(["ECON", "FISCAL"])
    );

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
    // The template names data.csv, written beside it; without it the run fails.
    std::fs::remove_file(d.join("data.csv")).unwrap();
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

/// The founding study of participatory budgeting, as the issue states its findings: after
/// `fiscus demo`, `fiscus necessity` on the memberships table finds inclN >= 0.90 for ECON and
/// FISCAL only; the intermediate solution has three paths, named by the study file's rule;
/// the conditions are grouped T, O, E in the necessity table and the configuration chart.
#[test]
fn demo_participatory_budgeting_reproduces_the_founding_study() {
    let pb = demo().join("participatory-budgeting");
    let memberships = pb.join("tables/memberships.csv");
    let nec = ok_json(&fiscus(&[
        "necessity",
        memberships.to_str().unwrap(),
        "--outcome",
        "PERF",
    ]));
    let rows = nec["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 16, "8 conditions and their negations");
    let necessary: Vec<&str> = rows
        .iter()
        .filter(|x| x["inclN"].as_f64().unwrap() >= 0.9)
        .map(|x| x["term"].as_str().unwrap())
        .collect();
    assert_eq!(necessary, ["ECON", "FISCAL"]);
    for x in rows.iter().filter(|x| x["inclN"].as_f64().unwrap() >= 0.9) {
        assert!(x["RoN"].as_f64().unwrap() >= 0.5, "{x}");
    }

    let r = results(&pb);
    assert_eq!(
        r["warnings"].as_array().unwrap().len(),
        0,
        "{}",
        r["warnings"]
    );
    let groups: Vec<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["T", "O", "E"]);
    // The intermediate solution: one model of exactly three paths, each named, every name used
    // once; the name follows the rule (the term contains the path's defining literals).
    let inter = solution(&r, "intermediate");
    assert_eq!(inter["models"].as_array().unwrap().len(), 1);
    let paths = inter["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 3);
    let defining = [
        ("multi-interaction", vec!["PROMO", "MULTI", "TECH"]),
        ("citizen empowerment", vec!["DEPTH", "EDU"]),
        ("resource-led", vec!["PROMO", "DISCL", "ECON", "FISCAL"]),
    ];
    let mut names: Vec<&str> = Vec::new();
    for p in paths {
        let term = p["term"].as_str().unwrap();
        let name = p["name"]
            .as_str()
            .unwrap_or_else(|| panic!("{term} unnamed"));
        let (_, lits) = defining.iter().find(|(n, _)| *n == name).unwrap();
        let literals: Vec<&str> = term.split('*').collect();
        assert!(lits.iter().all(|l| literals.contains(l)), "{name}: {term}");
        // Economic level and fiscal freedom are in every path (they are necessary).
        assert!(
            literals.contains(&"ECON") && literals.contains(&"FISCAL"),
            "{term}"
        );
        names.push(name);
    }
    names.sort_unstable();
    assert_eq!(
        names,
        ["citizen empowerment", "multi-interaction", "resource-led"]
    );
    let chart_names: Vec<&str> = r["configuration_chart"]["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(chart_names.len(), 3);

    // The report: the three names in the solution and the chart, the groups in the necessity
    // table and the chart.
    let html = std::fs::read_to_string(pb.join("report.html")).unwrap();
    for n in ["multi-interaction", "citizen empowerment", "resource-led"] {
        assert!(html.contains(&format!(": {n}</th>")), "chart table: {n}");
        assert!(html.contains(&format!(" = {n}")), "solution: {n}");
    }
    assert!(!html.contains("class=\"warning\""));
    let necessity = std::fs::read_to_string(pb.join("tables/necessity.csv")).unwrap();
    let mut lines = necessity.lines();
    assert_eq!(
        lines.next().unwrap(),
        "group,condition,inclN,RoN,covN,necessary"
    );
    let first_cells: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(first_cells.len(), 16);
    assert!(first_cells[..4].iter().all(|g| *g == "T (Technology)"));
    assert!(first_cells[4..10].iter().all(|g| *g == "O (Organisation)"));
    assert!(first_cells[10..].iter().all(|g| *g == "E (Environment)"));
    let chart = std::fs::read_to_string(pb.join("figures/configuration-chart.svg")).unwrap();
    for label in [
        "T · DISCL",
        "O · MULTI",
        "E · FISCAL",
        "citizen empowerment",
    ] {
        assert!(chart.contains(label), "chart: {label}");
    }
}

/// A named path that matches no path of the main solution is a warning in results.json and
/// in the report; a term matching no named path stays unnamed; groups without a label.
#[test]
fn named_paths_that_match_nothing_are_warned_about() {
    let d = tmp("named-paths");
    fiscus_ok(&[
        "run",
        &study_fixture("named-paths.toml"),
        "-q",
        "-o",
        d.to_str().unwrap(),
    ]);
    let r = results(&d);
    let pars = solution(&r, "parsimonious");
    assert_eq!(pars["models"][0]["expression"], "A + B");
    assert_eq!(pars["paths"][0]["name"], "first");
    assert_eq!(pars["paths"][1]["name"], "second");
    let warnings = r["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0].as_str().unwrap();
    assert!(w.contains("`ghost` (~C) matches no path"), "{w}");
    for f in ["report.html", "report.md"] {
        let text = std::fs::read_to_string(d.join(f)).unwrap();
        assert!(text.contains("Warning:"), "{f}");
        assert!(
            text.contains("`ghost`") || text.contains("<code>ghost</code>"),
            "{f}"
        );
    }
    // Groups in [[group]] order (X before Z), the label or the bare name.
    let necessity = std::fs::read_to_string(d.join("tables/necessity.csv")).unwrap();
    let groups: Vec<&str> = necessity
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        groups,
        [
            "X (Group X)",
            "X (Group X)",
            "X (Group X)",
            "X (Group X)",
            "Z",
            "Z"
        ]
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn malformed_groups_and_named_paths_name_file_line_and_key() {
    assert_study_error("bad-group.toml", 31, "condition[1].group");
    assert_study_error("bad-path.toml", 50, "path[1].conditions[1]");
}

/// The founding study of budget performance: composite 4.0296 to four decimals, grade B, from
/// the real pipeline on the example's files; a reliable questionnaire (α >= 0.70 in every
/// dimension, as recomputed independently), so no warning.
#[test]
fn demo_budget_performance_reproduces_the_founding_study() {
    let e = demo().join("budget-performance");
    let r = results(&e);
    let c = &r["evaluation"]["composite"];
    let score = c["score"].as_f64().unwrap();
    assert_eq!(format!("{score:.4}"), "4.0296");
    assert_eq!(c["grades"][0]["scheme"], "five-band");
    assert_eq!(c["grades"][0]["grade"], "B");
    let x = reference();
    let alphas: Vec<f64> = c["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["cronbach_alpha"].as_f64().unwrap())
        .collect();
    close_all("Cronbach's alpha", &alphas, &nums(&x["cronbach_alpha"]));
    assert!(alphas.iter().all(|&a| a >= 0.7), "{alphas:?}");
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
    for f in ["report.html", "report.md"] {
        let text = std::fs::read_to_string(e.join(f)).unwrap();
        assert!(
            text.contains("Composite score 4.0296 on the response scale"),
            "{f}"
        );
        assert!(text.contains("Grades: B (five-band)"), "{f}");
        assert!(!text.contains("Warning:"), "{f}");
    }
}

/// A questionnaire with Cronbach's α below 0.70 in a dimension: results.json and the report
/// warn about that dimension (α recomputed here from the fixture), not about the reliable one.
#[test]
fn unreliable_questionnaire_dimensions_are_warned_about() {
    let d = tmp("eval-unreliable");
    fiscus_ok(&[
        "run",
        &study_fixture("eval-unreliable.toml"),
        "-q",
        "-o",
        d.to_str().unwrap(),
    ]);
    // α = k/(k-1) (1 - Σ var(item) / var(sum)) on the fixture's responses.
    let rows: [[f64; 6]; 6] = [
        [5., 5., 4., 4., 3., 3.],
        [4., 4., 4., 3., 4., 2.],
        [2., 3., 2., 2., 3., 4.],
        [3., 3., 3., 5., 4., 3.],
        [1., 2., 1., 2., 2., 3.],
        [4., 5., 5., 4., 3., 5.],
    ];
    let var = |xs: &[f64]| {
        let m = xs.iter().sum::<f64>() / xs.len() as f64;
        xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64
    };
    let alpha = |cols: [usize; 3]| {
        let items: f64 = cols
            .iter()
            .map(|&c| var(&rows.iter().map(|r| r[c]).collect::<Vec<_>>()))
            .sum();
        let total = var(&rows
            .iter()
            .map(|r| cols.iter().map(|&c| r[c]).sum())
            .collect::<Vec<f64>>());
        1.5 * (1.0 - items / total)
    };
    let (good, bad) = (alpha([0, 1, 2]), alpha([3, 4, 5]));
    assert!(good >= 0.7 && bad < 0.7);
    let r = results(&d);
    let dims = r["evaluation"]["composite"]["dimensions"]
        .as_array()
        .unwrap();
    close(
        "alpha Reliable",
        dims[0]["cronbach_alpha"].as_f64().unwrap(),
        good,
        TOL,
    );
    close(
        "alpha Unreliable",
        dims[1]["cronbach_alpha"].as_f64().unwrap(),
        bad,
        TOL,
    );
    assert_eq!(r["alpha_min"], 0.7);
    let warnings = r["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0].as_str().unwrap();
    assert!(
        w.contains("dimension Unreliable is 0.265 (below 0.70)"),
        "{w}"
    );
    let html = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert!(html.contains("<p class=\"warning\"><strong>Warning:</strong> Cronbach"));
    assert!(
        html.contains("0.265 (below 0.70)"),
        "flagged in the dimension table"
    );
    let md = std::fs::read_to_string(d.join("report.md")).unwrap();
    assert!(md.contains("> **Warning:** Cronbach's α of the dimension Unreliable is 0.265"));
    let _ = std::fs::remove_dir_all(&d);
}

/// The rows of a CSV table written beside a report (a small RFC 4180 reader: quoted cells
/// may hold commas).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

#[test]
fn demo_reports_number_their_tables_and_figures_and_list_them_first() {
    for example in ["lipset", "participatory-budgeting", "budget-performance"] {
        let dir = demo().join(example);
        let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
        let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
        let n_tables = std::fs::read_dir(dir.join("tables")).unwrap().count();
        let n_figures = std::fs::read_dir(dir.join("figures")).unwrap().count();
        // Every table and figure numbered in order, with its anchor, in both documents.
        for k in 1..=n_tables {
            assert!(
                html.contains(&format!(
                    "<table id=\"table-{k}\">\n<caption><span class=\"label\">Table {k}.</span> "
                )),
                "{example}: table {k}"
            );
            assert!(html.contains(&format!("<a href=\"#table-{k}\">Table {k}. ")));
            assert!(md.contains(&format!("<a id=\"table-{k}\"></a>\n\n**Table {k}.** ")));
        }
        assert!(!html.contains(&format!("id=\"table-{}\"", n_tables + 1)));
        for k in 1..=n_figures {
            assert!(
                html.contains(&format!("<figure id=\"figure-{k}\">")),
                "{example}: figure {k}"
            );
            assert!(html.contains(&format!("<span class=\"label\">Figure {k}.</span> ")));
            assert!(md.contains(&format!("**Figure {k}.** ")));
        }
        // The contents follow the title; cross-references are resolved.
        let nav = html
            .find("<nav class=\"contents\"")
            .expect("a contents list");
        assert!(nav < html.find("<h2 id=\"section-1\">").unwrap());
        assert!(md.find("**Contents**").unwrap() < md.find("<a id=\"section-1\">").unwrap());
        for text in [&html, &md] {
            assert!(
                !text.contains("{table:") && !text.contains("{figure:"),
                "{example}: an unresolved cross-reference"
            );
        }
        assert!(html.contains("Table 1") && md.contains("Table 1"));
        // The study file: a collapsed appendix, wrapped.
        let appendix = &html[html.find("<section class=\"appendix\">").unwrap()..];
        assert!(appendix.contains("<details>\n<summary>The study file "));
        assert!(appendix.contains("[study]"));
        assert!(html
            .contains("pre{background:#f6f6f6;padding:.8rem;font-size:.8rem;white-space:pre-wrap"));
        // Text columns left-aligned, numeric ones right-aligned.
        assert!(html.contains("th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left"));
        assert!(html.contains("<td class=\"num\">"));
    }
    // The necessity table: the condition names left, the fit right.
    let pb = std::fs::read_to_string(demo().join("participatory-budgeting/report.html")).unwrap();
    assert!(pb.contains("<tr><th>group</th><th>condition</th><th class=\"num\">inclN</th>"));
}

#[test]
fn demo_solution_tables_list_the_cases_of_each_term() {
    for example in ["lipset", "participatory-budgeting"] {
        let dir = demo().join(example);
        let r = results(&dir);
        let outcome = r["truth_table"]["outcome"].as_str().unwrap().to_string();
        let y = membership(&r, &outcome);
        let cases: Vec<String> = r["data"]["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let y_of = |c: &str| y[cases.iter().position(|k| k == c).unwrap()];
        for s in r["solutions"].as_array().unwrap() {
            for m in s["models"].as_array().unwrap() {
                let file = format!(
                    "tables/solution-{}-{}.csv",
                    s["name"].as_str().unwrap().to_lowercase(),
                    m["name"].as_str().unwrap().to_lowercase()
                );
                let rows = csv_rows(&dir.join(&file));
                assert_eq!(
                    rows[0],
                    [
                        "term",
                        "inclS",
                        "PRI",
                        "covS",
                        "covU",
                        "cases",
                        "typical cases",
                        "deviant cases"
                    ],
                    "{example} {file}"
                );
                let fit = m["terms_fit"].as_array().unwrap();
                let terms: Vec<&Value> = fit.iter().filter(|t| t["term"] != "expression").collect();
                assert_eq!(rows.len() - 1, terms.len());
                for (row, t) in rows[1..].iter().zip(terms) {
                    let list = |v: &Value| {
                        v.as_array()
                            .unwrap()
                            .iter()
                            .map(|c| c.as_str().unwrap())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    assert_eq!(row[0], t["term"].as_str().unwrap());
                    assert_eq!(row[5], list(&t["cases"]), "{example} {file}: cases");
                    assert_eq!(row[7], list(&t["deviant_cases"]), "{example}: deviant");
                    // Typical: the covered cases with outcome membership above 0.5.
                    let want: Vec<&str> = t["cases"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| c.as_str().unwrap())
                        .filter(|c| y_of(c) > 0.5)
                        .collect();
                    assert_eq!(row[6], want.join(", "), "{example} {file}: typical");
                }
                assert!(
                    rows[1..].iter().any(|r| !r[5].is_empty()),
                    "{example} {file}: no term covers a case"
                );
            }
        }
    }
}

#[test]
fn demo_evaluation_report_rounds_text_tables_and_figures_alike() {
    let dir = demo().join("budget-performance");
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let svg = |f: &str| std::fs::read_to_string(dir.join("figures").join(f)).unwrap();
    // The composite score: four decimals in the text and on the figure, two on 100 points.
    let r = results(&dir);
    let score = r["evaluation"]["composite"]["score"].as_f64().unwrap();
    let s100 = r["evaluation"]["composite"]["score_100"].as_f64().unwrap();
    let (s4, h2) = (format!("{score:.4}"), format!("{s100:.2}"));
    assert!(md.contains(&format!(
        "Composite score {s4} on the response scale; {h2} on 100 points"
    )));
    assert!(svg("score.svg").contains(&format!(">overall {s4}</text>")));
    assert!(svg("score.svg").contains(&format!(">overall {h2}</text>")));
    // Dimension scores: the table's four decimals on the figure.
    for row in &csv_rows(&dir.join("tables/dimension-scores.csv"))[1..] {
        assert!(
            svg("score.svg").contains(&format!("{} {}", row[0], row[2])),
            "dimension {} {}",
            row[0],
            row[2]
        );
    }
    // AHP weights: the bars carry the table's values.
    for row in &csv_rows(&dir.join("tables/ahp-weights.csv"))[1..] {
        assert!(svg("ahp-dimensions.svg").contains(&format!(">{}</text>", row[1])));
        assert!(svg("ahp-global.svg").contains(&format!(">{}</text>", row[6])));
    }
    // p-values: `< 0.001` below 0.001, else three decimals.
    let rounds = csv_rows(&dir.join("tables/delphi-rounds.csv"));
    assert_eq!(rounds[0][4], "p");
    for (row, d) in rounds[1..].iter().zip(r["delphi"].as_array().unwrap()) {
        let p = d["kendall"]["p"].as_f64().unwrap();
        let want = if p < 0.001 {
            "< 0.001".to_string()
        } else {
            format!("{p:.3}")
        };
        assert_eq!(row[4], want);
    }
}

#[test]
fn report_md_escapes_case_labels_like_report_html() {
    let d = tmp("escaped-labels");
    std::fs::copy(
        Path::new(&study_fixture("small.toml")),
        d.join("study.toml"),
    )
    .unwrap();
    let csv = std::fs::read_to_string(study_fixture("small.csv"))
        .unwrap()
        .replace("k1,", "<b>k1</b>,")
        .replace("k2,", "\"a|b\",");
    std::fs::write(d.join("small.csv"), csv).unwrap();
    let out = d.join("out");
    fiscus_ok(&[
        "run",
        d.join("study.toml").to_str().unwrap(),
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!md.contains("<b>") && !html.contains("<b>"));
    assert!(md.contains("&lt;b&gt;k1&lt;/b&gt;") && html.contains("&lt;b&gt;k1&lt;/b&gt;"));
    assert!(md.contains("a\\|b"));
    // Every line of every Markdown table has as many unescaped `|` as its header.
    let mut header_pipes = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header_pipes = None;
            continue;
        }
        let pipes = line
            .char_indices()
            .filter(|&(i, c)| c == '|' && (i == 0 || line.as_bytes()[i - 1] != b'\\'))
            .count();
        match header_pipes {
            None => header_pipes = Some(pipes),
            Some(h) => assert_eq!(pipes, h, "a broken table row: {line}"),
        }
    }
    let _ = std::fs::remove_dir_all(&d);
}
