//! End-to-end tests of `fiscus score` against tests/fixtures/eval (COMP-1).

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eval")
        .join(name)
        .to_string_lossy()
        .into_owned()
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
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn case() -> Value {
    let text = std::fs::read_to_string(fixture("composite_cases.json")).expect("fixture");
    let v: Value = serde_json::from_str(&text).expect("JSON fixture");
    v["composite_cases"][0].clone()
}

fn close(got: &Value, want: &Value, what: &str) {
    let (g, w) = (got.as_f64().expect(what), want.as_f64().expect(what));
    assert!(
        (g - w).abs() <= 1e-9 * w.abs().max(1.0),
        "{what}: got {g}, reference {w}"
    );
}

fn tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("fiscus-score-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.to_string_lossy().into_owned()
}

#[test]
fn comp1_weighted_score_and_grades() {
    let c = case();
    for system in ["comp1_system.toml", "comp1_system_ahp.toml"] {
        let out = json(&[
            "score",
            &fixture(system),
            "--data",
            &fixture("comp1_survey.csv"),
            "--format",
            "json",
        ]);
        assert_eq!(out["schema_version"], 1);
        let wl = &c["weighted_linear"];
        close(&out["score"], &wl["score_1to5"], "score");
        close(&out["score_100"], &wl["score_x20_to_100"], "score x20");
        assert_eq!(
            out["grades"][0]["grade"],
            wl["grade_5band(A>=4.5,B>=3.5,C>=2.5,D>=1.5,E<1.5)"]
        );
        assert_eq!(out["grades"][1]["grade"], wl["MoF_4band_on_x20"]);
        for (g, w) in out["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["second_level"].as_array().unwrap())
        {
            close(&g["score"], &w["perspective_score"], "perspective score");
        }
        for (g, w) in out["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["indicators"].as_array().unwrap())
        {
            close(&g["global_weight"], &w["global_weight"], "global weight");
        }
        let runs = out["sensitivity"]["runs"].as_array().unwrap();
        let want = c["sensitivity_one_at_a_time"]["runs"].as_array().unwrap();
        assert_eq!(runs.len(), want.len());
        for (g, w) in runs.iter().zip(want) {
            close(&g["score"], &w["score"], "sensitivity score");
        }
    }
    let lin = json(&[
        "score",
        &fixture("comp1_system.toml"),
        "--data",
        &fixture("comp1_survey.csv"),
        "--conversion",
        "linear",
        "--format",
        "json",
    ]);
    close(
        &lin["score_100"],
        &c["weighted_linear"]["score_linear_map_(s-1)/4*100"],
        "linear map",
    );
    assert_eq!(
        lin["grades"][1]["grade"],
        c["weighted_linear"]["MoF_4band_on_linear_map"]
    );
}

#[test]
fn comp1_fuzzy_operators() {
    let c = case();
    let system = fixture("comp1_system.toml");
    let survey = fixture("comp1_survey.csv");
    let base = [
        "score",
        "fuzzy",
        system.as_str(),
        "--data",
        survey.as_str(),
        "--format",
        "json",
    ];
    let out = json(&base);
    let b_ref = c["fuzzy_M_dot_plus"]["B_unnormalized"].as_array().unwrap();
    for (g, w) in out["overall"]["b"].as_array().unwrap().iter().zip(b_ref) {
        close(g, w, "B");
    }
    close(
        &out["overall"]["score"],
        &c["fuzzy_M_dot_plus"]["score_V=(5,4,3,2,1)"],
        "fuzzy score",
    );
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--values", "100,80,60,40,20"]);
    close(
        &json(&args)["overall"]["score"],
        &c["fuzzy_M_dot_plus"]["score_V=(100,80,60,40,20)"],
        "V 100..20",
    );
    for (op, key) in [
        ("min-max", "M(min,max)_Zadeh"),
        ("dot-max", "M(dot,max)"),
        ("min-bounded-sum", "M(min,bounded_sum)"),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(["--operator", op, "--inner-operator", "dot-plus"]);
        let out = json(&args);
        let want = c["fuzzy_other_operators_on_perspective_Bs"][key]
            .as_array()
            .unwrap();
        for (g, w) in out["overall"]["b"].as_array().unwrap().iter().zip(want) {
            close(g, w, key);
        }
    }
}

#[test]
fn bootstrap_is_reproducible_across_thread_counts() {
    let run = |threads: &str| {
        json(&[
            "score",
            &fixture("comp1_system.toml"),
            "--data",
            &fixture("comp1_survey.csv"),
            "--bootstrap",
            "300",
            "--seed",
            "11",
            "--threads",
            threads,
            "--format",
            "json",
        ])["bootstrap"]
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert!(one["lower"].as_f64().unwrap() < one["estimate"].as_f64().unwrap());
}

#[test]
fn entropy_and_topsis_commands() {
    let e = json(&[
        "score",
        "entropy",
        &fixture("districts.csv"),
        "--cost",
        "overrun",
        "--format",
        "json",
    ]);
    let w: f64 = e["weights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!((w - 1.0).abs() < 1e-12);
    let t = json(&[
        "score",
        "topsis",
        &fixture("districts.csv"),
        "--entropy",
        "--cost",
        "overrun",
        "--format",
        "json",
    ]);
    assert_eq!(t["rank"], serde_json::json!([2, 4, 1, 3]));
}

#[test]
fn bad_input_exits_2() {
    let survey = tmp("s.csv", "respondent,a1,b1\nr1,4,5\nr2,3,4\n");
    let no_weight = tmp(
        "noweight.toml",
        "[[dimension]]\nname = \"A\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a1\"\nweight = 1\n[[dimension]]\nname = \"B\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"b1\"\n",
    );
    let out = fiscus(&["score", &no_weight, "--data", &survey]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("indicator `b1` of dimension `B` has no weight"),
        "{err}"
    );

    let bad_sum = tmp(
        "sum.toml",
        "[[dimension]]\nname = \"A\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a1\"\nweight = 1\n[[dimension]]\nname = \"B\"\nweight = 0.4\n[[dimension.indicator]]\nid = \"b1\"\nweight = 1\n",
    );
    let out = fiscus(&["score", &bad_sum, "--data", &survey]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("sum to 0.9, not 1") && err.contains("--normalise"),
        "{err}"
    );
    assert!(fiscus(&[
        "score",
        &bad_sum,
        "--data",
        &survey,
        "--normalise",
        "--format",
        "json"
    ])
    .status
    .success());

    let extra = tmp("extra.csv", "respondent,a1,b1,b2\nr1,4,5,1\nr2,3,4,2\n");
    let out = fiscus(&["score", &bad_sum, "--data", &extra, "--normalise"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("column `b2` is not an indicator"));

    let scale = tmp("scale.csv", "respondent,a1,b1\nr1,4,7\nr2,3,4\n");
    let out = fiscus(&["score", &bad_sum, "--data", &scale, "--normalise"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("row 1 (respondent `r1`), column `b1`: response 7 is outside the scale 1..5"),
        "{err}"
    );

    let gap = tmp(
        "gap.toml",
        "grades = [\"mine\"]\n[[scheme]]\nname = \"mine\"\nbands = [{grade = \"low\", interval = \"[1, 3)\"}, {grade = \"high\", interval = \"(3, 5]\"}]\n[[dimension]]\nname = \"A\"\nweight = 1\n[[dimension.indicator]]\nid = \"a1\"\nweight = 1\n",
    );
    let out = fiscus(&["score", &gap, "--data", &survey, "--ignore", "b1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("leave a gap at 3"));
}

#[test]
fn weights_from_delphi_means_and_entropy() {
    let delphi = tmp(
        "delphi.toml",
        "weights = \"delphi\"\n[[dimension]]\nname = \"A\"\ndelphi_mean = 4.4\n[[dimension.indicator]]\nid = \"a1\"\ndelphi_mean = 4.5\n[[dimension.indicator]]\nid = \"a2\"\ndelphi_mean = 3.5\n[[dimension]]\nname = \"B\"\ndelphi_mean = 4.4\n[[dimension.indicator]]\nid = \"b1\"\ndelphi_mean = 4\n",
    );
    let w = json(&["score", "weights", &delphi, "--format", "json"]);
    let a = &w["dimensions"][0];
    assert_eq!(a["weight"], 0.5);
    assert_eq!(a["indicators"][0]["local_weight"], 0.5625);
    assert_eq!(a["indicators"][1]["global_weight"], 0.21875);

    let entropy = tmp(
        "entropy.toml",
        &std::fs::read_to_string(&delphi)
            .unwrap()
            .replace("\"delphi\"", "\"entropy\""),
    );
    let survey = tmp(
        "e.csv",
        "respondent,a1,a2,b1\nr1,4,5,2\nr2,3,4,5\nr3,5,5,3\nr4,2,4,4\n",
    );
    let w = json(&[
        "score", "weights", &entropy, "--data", &survey, "--format", "json",
    ]);
    let total: f64 = w["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["weight"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-12);
    let out = fiscus(&["score", "weights", &entropy]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("entropy weights need the questionnaire data"));
}
