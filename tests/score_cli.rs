//! End-to-end tests of `fiscus score` against tests/fixtures/eval (COMP-1).

use serde_json::Value;

use crate::common::*;

fn case() -> Value {
    fixture_json("eval/composite_cases.json")["composite_cases"][0].clone()
}

#[test]
fn comp1_weighted_score_and_grades() {
    let c = case();
    for system in ["comp1_system.toml", "comp1_system_ahp.toml"] {
        let out = ok_json(&fiscus(&[
            "score",
            &fx(&format!("eval/{system}")),
            "--data",
            &fx("eval/comp1_survey.csv"),
            "--format",
            "json",
        ]));
        assert_eq!(out["schema_version"], 1);
        let wl = &c["weighted_linear"];
        close_value("score", &out["score"], &wl["score_1to5"], TOL);
        close_value("score x20", &out["score_100"], &wl["score_x20_to_100"], TOL);
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
            close_value(
                "perspective score",
                &g["score"],
                &w["perspective_score"],
                TOL,
            );
        }
        for (g, w) in out["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .zip(c["indicators"].as_array().unwrap())
        {
            close_value(
                "global weight",
                &g["global_weight"],
                &w["global_weight"],
                TOL,
            );
        }
        let runs = out["sensitivity"]["runs"].as_array().unwrap();
        let want = c["sensitivity_one_at_a_time"]["runs"].as_array().unwrap();
        assert_eq!(runs.len(), want.len());
        for (g, w) in runs.iter().zip(want) {
            close_value("sensitivity score", &g["score"], &w["score"], TOL);
        }
    }
    let lin = ok_json(&fiscus(&[
        "score",
        &fx("eval/comp1_system.toml"),
        "--data",
        &fx("eval/comp1_survey.csv"),
        "--conversion",
        "linear",
        "--format",
        "json",
    ]));
    close_value(
        "linear map",
        &lin["score_100"],
        &c["weighted_linear"]["score_linear_map_(s-1)/4*100"],
        TOL,
    );
    assert_eq!(
        lin["grades"][1]["grade"],
        c["weighted_linear"]["MoF_4band_on_linear_map"]
    );
}

#[test]
fn comp1_fuzzy_operators() {
    let c = case();
    let system = fx("eval/comp1_system.toml");
    let survey = fx("eval/comp1_survey.csv");
    let base = [
        "score",
        "fuzzy",
        system.as_str(),
        "--data",
        survey.as_str(),
        "--format",
        "json",
    ];
    let out = ok_json(&fiscus(&base));
    let b_ref = c["fuzzy_M_dot_plus"]["B_unnormalized"].as_array().unwrap();
    for (g, w) in out["overall"]["b"].as_array().unwrap().iter().zip(b_ref) {
        close_value("B", g, w, TOL);
    }
    close_value(
        "fuzzy score",
        &out["overall"]["score"],
        &c["fuzzy_M_dot_plus"]["score_V=(5,4,3,2,1)"],
        TOL,
    );
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--values", "100,80,60,40,20"]);
    close_value(
        "V 100..20",
        &ok_json(&fiscus(&args))["overall"]["score"],
        &c["fuzzy_M_dot_plus"]["score_V=(100,80,60,40,20)"],
        TOL,
    );
    for (op, key) in [
        ("min-max", "M(min,max)_Zadeh"),
        ("dot-max", "M(dot,max)"),
        ("min-bounded-sum", "M(min,bounded_sum)"),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(["--operator", op, "--inner-operator", "dot-plus"]);
        let out = ok_json(&fiscus(&args));
        let want = c["fuzzy_other_operators_on_perspective_Bs"][key]
            .as_array()
            .unwrap();
        for (g, w) in out["overall"]["b"].as_array().unwrap().iter().zip(want) {
            close_value(key, g, w, TOL);
        }
    }
}

#[test]
fn bootstrap_is_reproducible_across_thread_counts() {
    let run = |threads: &str| {
        ok_json(&fiscus(&[
            "score",
            &fx("eval/comp1_system.toml"),
            "--data",
            &fx("eval/comp1_survey.csv"),
            "--bootstrap",
            "300",
            "--seed",
            "11",
            "--threads",
            threads,
            "--format",
            "json",
        ]))["bootstrap"]
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert!(one["lower"].as_f64().unwrap() < one["estimate"].as_f64().unwrap());
}

#[test]
fn entropy_and_topsis_commands() {
    let e = ok_json(&fiscus(&[
        "score",
        "entropy",
        &fx("eval/districts.csv"),
        "--cost",
        "overrun",
        "--format",
        "json",
    ]));
    let w: f64 = e["weights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!((w - 1.0).abs() < 1e-12);
    let t = ok_json(&fiscus(&[
        "score",
        "topsis",
        &fx("eval/districts.csv"),
        "--entropy",
        "--cost",
        "overrun",
        "--format",
        "json",
    ]));
    assert_eq!(t["rank"], serde_json::json!([2, 4, 1, 3]));
}

#[test]
fn bad_input_exits_2() {
    let survey = tmp_arg("s.csv", "respondent,a1,b1\nr1,4,5\nr2,3,4\n");
    let no_weight = tmp_arg(
        "noweight.toml",
        "[[dimension]]\nname = \"A\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a1\"\nweight = 1\n[[dimension]]\nname = \"B\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"b1\"\n",
    );
    let out = fiscus(&["score", &no_weight, "--data", &survey]);
    fails_with(&out, 2, "indicator `b1` of dimension `B` has no weight");

    let bad_sum = tmp_arg(
        "sum.toml",
        "[[dimension]]\nname = \"A\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a1\"\nweight = 1\n[[dimension]]\nname = \"B\"\nweight = 0.4\n[[dimension.indicator]]\nid = \"b1\"\nweight = 1\n",
    );
    let out = fiscus(&["score", &bad_sum, "--data", &survey]);
    let err = fails_with(&out, 2, "sum to 0.9, not 1");
    assert!(err.contains("--normalise"), "{err}");
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

    let extra = tmp_arg("extra.csv", "respondent,a1,b1,b2\nr1,4,5,1\nr2,3,4,2\n");
    let out = fiscus(&["score", &bad_sum, "--data", &extra, "--normalise"]);
    fails_with(&out, 2, "column `b2` is not an indicator");

    let scale = tmp_arg("scale.csv", "respondent,a1,b1\nr1,4,7\nr2,3,4\n");
    let out = fiscus(&["score", &bad_sum, "--data", &scale, "--normalise"]);
    fails_with(
        &out,
        2,
        "row 1 (respondent `r1`), column `b1`: response 7 is outside the scale 1..5",
    );

    let gap = tmp_arg(
        "gap.toml",
        "grades = [\"mine\"]\n[[scheme]]\nname = \"mine\"\nbands = [{grade = \"low\", interval = \"[1, 3)\"}, {grade = \"high\", interval = \"(3, 5]\"}]\n[[dimension]]\nname = \"A\"\nweight = 1\n[[dimension.indicator]]\nid = \"a1\"\nweight = 1\n",
    );
    let out = fiscus(&["score", &gap, "--data", &survey, "--ignore", "b1"]);
    fails_with(&out, 2, "leave a gap at 3");
}

#[test]
fn weights_from_delphi_means_and_entropy() {
    let delphi = tmp_arg(
        "delphi.toml",
        "weights = \"delphi\"\n[[dimension]]\nname = \"A\"\ndelphi_mean = 4.4\n[[dimension.indicator]]\nid = \"a1\"\ndelphi_mean = 4.5\n[[dimension.indicator]]\nid = \"a2\"\ndelphi_mean = 3.5\n[[dimension]]\nname = \"B\"\ndelphi_mean = 4.4\n[[dimension.indicator]]\nid = \"b1\"\ndelphi_mean = 4\n",
    );
    let w = ok_json(&fiscus(&["score", "weights", &delphi, "--format", "json"]));
    let a = &w["dimensions"][0];
    assert_eq!(a["weight"], 0.5);
    assert_eq!(a["indicators"][0]["local_weight"], 0.5625);
    assert_eq!(a["indicators"][1]["global_weight"], 0.21875);

    let entropy = tmp_arg(
        "entropy.toml",
        std::fs::read_to_string(&delphi)
            .unwrap()
            .replace("\"delphi\"", "\"entropy\""),
    );
    let survey = tmp_arg(
        "e.csv",
        "respondent,a1,a2,b1\nr1,4,5,2\nr2,3,4,5\nr3,5,5,3\nr4,2,4,4\n",
    );
    let w = ok_json(&fiscus(&[
        "score", "weights", &entropy, "--data", &survey, "--format", "json",
    ]));
    let total: f64 = w["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["weight"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-12);
    let out = fiscus(&["score", "weights", &entropy]);
    fails_with(&out, 2, "entropy weights need the questionnaire data");
}

/// `fiscus score` reads a study file's evaluation section (issue 13): the weights come from its
/// AHP judgments and the questionnaire from its `[questionnaire]` file (or --data).
#[test]
fn score_reads_a_study_file() {
    // eval-small.toml: dimensions by a panel X = [[1, 4], [1/4, 1]], Y = [[1, 1], [1, 1]]
    // (AIJ: a_AB = sqrt(4 * 1) = 2, so 2/3 and 1/3); dimension A [[1, 3], [1/3, 1]] (3/4, 1/4);
    // dimension B one indicator. Means from eval-survey.csv, computed here.
    let survey = std::fs::read_to_string(fixture("study/eval-survey.csv")).unwrap();
    let rows: Vec<Vec<f64>> = survey
        .lines()
        .skip(1)
        .map(|l| l.split(',').skip(1).map(|x| x.parse().unwrap()).collect())
        .collect();
    let mean = |j: usize| rows.iter().map(|r| r[j]).sum::<f64>() / rows.len() as f64;
    let a = 0.75 * mean(0) + 0.25 * mean(1);
    let want = 2.0 / 3.0 * a + 1.0 / 3.0 * mean(2);
    let study = fx("study/eval-small.toml");
    for extra in [vec![], vec!["--data", &*fx("study/eval-survey.csv")]] {
        let mut args = vec!["score", study.as_str(), "--format", "json"];
        args.extend(extra.iter().copied());
        let out = ok_json(&fiscus(&args));
        close("score", num(&out["score"]), want, 1e-9);
        close("dimension A", num(&out["dimensions"][0]["score"]), a, 1e-9);
        assert_eq!(out["weights"]["source"], "ahp");
        close(
            "weight of A",
            num(&out["weights"]["dimensions"][0]["weight"]),
            2.0 / 3.0,
            1e-9,
        );
        assert_eq!(out["title"], "Small evaluation");
    }
    let w = ok_json(&fiscus(&["score", "weights", &study, "--format", "json"]));
    close(
        "global a1",
        num(&w["dimensions"][0]["indicators"][0]["global_weight"]),
        2.0 / 3.0 * 0.75,
        1e-9,
    );
}

/// Problems in a system file are reported at their key, with line and column (issue 13).
#[test]
fn system_file_errors_name_the_key() {
    let survey = tmp_arg("k.csv", "respondent,a1,a2\nr1,4,5\nr2,3,4\n");
    let head = "[[dimension]]\nname = \"A\"\nweight = 1\n";
    let cases = [
        (
            "type.toml",
            format!("{head}[[dimension.indicator]]\nid = \"a1\"\nweight = \"half\"\n[[dimension.indicator]]\nid = \"a2\"\nweight = 0.5\n"),
            "type.toml:6:10: key `dimension[0].indicator[0].weight`",
        ),
        (
            "direction.toml",
            format!("{head}[[dimension.indicator]]\nid = \"a1\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a2\"\nweight = 0.5\ndirection = \"up\"\n"),
            "direction.toml:10:1: key `dimension[0].indicator[1].direction`: unknown indicator direction `up`",
        ),
        (
            "basis.toml",
            format!("[[scheme]]\nname = \"s\"\nbasis = \"points\"\nbands = [{{grade = \"x\", interval = \"(-inf, inf)\"}}]\n{head}[[dimension.indicator]]\nid = \"a1\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a2\"\nweight = 0.5\n"),
            "basis.toml:3:1: key `scheme[0].basis`: unknown grade basis `points`",
        ),
        (
            "twice.toml",
            format!("{head}[[dimension.indicator]]\nid = \"a1\"\nweight = 0.5\n[[dimension.indicator]]\nid = \"a1\"\nweight = 0.5\n"),
            "twice.toml:8:1: key `dimension[0].indicator[1].id`: the indicator `a1` is listed twice",
        ),
        (
            "unknown.toml",
            format!("ahp = 1\n{head}"),
            "unknown.toml:1:1: key `ahp`",
        ),
    ];
    for (file, text, want) in cases {
        let p = tmp_arg(file, text);
        fails_with(&fiscus(&["score", &p, "--data", &survey]), 2, want);
    }
}

/// A study file's panel with a repeated expert id is an error at the key (issue 15).
#[test]
fn study_panel_with_a_repeated_expert_is_an_error() {
    let text = std::fs::read_to_string(fixture("study/eval-small.toml"))
        .unwrap()
        .replace("expert = \"Y\"", "expert = \"X\"");
    let p = tmp_file("dup-panel.toml", text);
    let out = fiscus(&[
        "score",
        p.to_str().unwrap(),
        "--data",
        &fx("study/eval-survey.csv"),
    ]);
    fails_with(
        &out,
        2,
        "dup-panel.toml:15:1: key `ahp.panel[1].expert`: expert id `X` is repeated",
    );
}
