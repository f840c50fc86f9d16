//! End-to-end tests of `fiscus theory`, `fiscus retention` and `fiscus causal-chain` against
//! R QCA 3.25's modelFit(), retention() and causalChain() (tests/fixtures/qca/T01), and of
//! their bad-input errors.

use crate::common::*;

use serde_json::Value;

fn data(name: &str) -> String {
    fx(&format!("qca/datasets/{name}.csv"))
}

fn cases(kind: &str) -> Vec<Value> {
    fixture_json("qca/T01_theory_retention_chain.json")["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind)
        .cloned()
        .collect()
}

/// The terms of an SOP as a sorted list ("" and R's "-" are the empty set).
fn terms(e: &Value) -> Vec<String> {
    let s = e.as_str().unwrap_or("").trim();
    if s.is_empty() || s == "-" {
        return Vec::new();
    }
    let mut v: Vec<String> = s.split(" + ").map(|t| t.trim().to_string()).collect();
    v.sort();
    v
}

#[test]
fn theory_matches_model_fit() {
    let all = cases("theory");
    assert_eq!(all.len(), 2);
    for c in all {
        let a = &c["args"];
        let mut args = vec![
            "theory".to_string(),
            data(c["dataset"].as_str().unwrap()),
            "--outcome".into(),
            a["outcome"].as_str().unwrap().into(),
            "--incl-cut".into(),
            a["incl_cut"].to_string(),
            "--theory".into(),
            a["theory"].as_str().unwrap().into(),
            "--format".into(),
            "json".into(),
        ];
        if let Some(inc) = a["include"].as_str().filter(|s| !s.is_empty()) {
            args.extend(["--include".into(), inc.into()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = ok_json(&fiscus(&args));
        let id = c["id"].as_str().unwrap();
        let want = c["expected"]["models"].as_array().unwrap();
        let got = v["models"].as_array().unwrap();
        assert_eq!(got.len(), want.len(), "{id}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(terms(&g["model"]), terms(&w["model"]), "{id}");
            for (k, e) in w["intersections"].as_object().unwrap() {
                assert_eq!(terms(&g["intersections"][k]), terms(e), "{id} {k}");
            }
            let rows = g["rows"].as_array().unwrap();
            for r in w["rows"].as_array().unwrap() {
                let gr = rows
                    .iter()
                    .find(|x| x["term"] == r["term"])
                    .unwrap_or_else(|| panic!("{id}: no row {}", r["term"]));
                for k in ["inclS", "PRI", "covS"] {
                    close(
                        &format!("{id} {} {k}", r["term"]),
                        num(&gr[k]),
                        num(&r[k]),
                        1e-9,
                    );
                }
            }
        }
    }
}

#[test]
fn theory_empty_intersection_is_null() {
    // A theory equal to the model: ~model*theory is empty, its fit is null (R's NaN).
    let v = ok_json(&fiscus(&[
        "theory",
        &data("LC"),
        "--outcome",
        "SURV",
        "--theory",
        "DEV*~URB*LIT*STB + DEV*LIT*IND*STB",
        "--format",
        "json",
    ]));
    let m = &v["models"][0];
    assert_eq!(m["intersections"]["~model*theory"], "");
    assert_eq!(m["intersections"]["model*~theory"], "");
    let row = m["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["term"] == "~model*theory")
        .unwrap();
    assert!(row["inclS"].is_null() && row["covS"].is_null(), "{row}");
}

#[test]
fn theory_with_an_unknown_condition() {
    fails_with(
        &fiscus(&[
            "theory",
            &data("LC"),
            "--outcome",
            "SURV",
            "--theory",
            "DEV*FOO",
        ]),
        2,
        "FOO",
    );
}

#[test]
fn retention_matches_r() {
    for c in cases("retention") {
        let a = &c["args"];
        let mut args = vec![
            "retention".to_string(),
            data(c["dataset"].as_str().unwrap()),
            "--outcome".into(),
            a["outcome"].as_str().unwrap().into(),
            "--incl-cut".into(),
            a["incl_cut"].to_string(),
            "--type".into(),
            a["type"].as_str().unwrap().into(),
            if a["dependent"] == true {
                "--dependent".into()
            } else {
                "--independent".into()
            },
            "--format".into(),
            "json".into(),
        ];
        if a["n_pert"].is_number() {
            args.extend(["--n-pert".into(), a["n_pert"].to_string()]);
        } else {
            args.extend(["--p-pert".into(), a["p_pert"].to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = ok_json(&fiscus(&args));
        close(
            c["id"].as_str().unwrap(),
            num(&v["retention"]),
            num(&c["expected"]["retention"]),
            1e-9,
        );
    }
}

#[test]
fn retention_hand_checked_and_errors() {
    // Two rows of two cases each (one positive, one negative). Deleting exactly 2 of the 4
    // cases keeps both rows unless both cases of a row go: 1 - 2/C(4,2) = 2/3.
    let p = tmp_arg("ret.csv", "case,A,Y\na,0,0\nb,0,0\nc,1,1\nd,1,1\n");
    let v = ok_json(&fiscus(&[
        "retention",
        &p,
        "--outcome",
        "Y",
        "--type",
        "deletion",
        "--dependent",
        "--n-pert",
        "2",
        "--format",
        "json",
    ]));
    close("deletion 2 of 4", num(&v["retention"]), 2.0 / 3.0, 1e-12);
    // Corrupting 1 of the 4 values: a positive case moved changes the solution; a negative
    // case moved leaves its row with the other case: 2/4.
    let v = ok_json(&fiscus(&[
        "retention",
        &p,
        "--outcome",
        "Y",
        "--type",
        "corruption",
        "--dependent",
        "--n-pert",
        "1",
        "--format",
        "json",
    ]));
    close("corruption 1 of 4", num(&v["retention"]), 0.5, 1e-12);
    // Independent corruption with p: no positive case touched, a negative case left: (1-p)^2 (1-p^2).
    let v = ok_json(&fiscus(&[
        "retention",
        &p,
        "--outcome",
        "Y",
        "--type",
        "corruption",
        "--independent",
        "--p-pert",
        "0.1",
        "--format",
        "json",
    ]));
    close(
        "independent corruption",
        num(&v["retention"]),
        0.81 * 0.99,
        1e-12,
    );
    fails_with(
        &fiscus(&[
            "retention",
            &data("LF"),
            "--outcome",
            "SURV",
            "--type",
            "deletion",
            "--dependent",
        ]),
        2,
        "fuzzy",
    );
    fails_with(
        &fiscus(&[
            "retention",
            &p,
            "--outcome",
            "Y",
            "--type",
            "shuffle",
            "--dependent",
        ]),
        2,
        "--type",
    );
    fails_with(
        &fiscus(&[
            "retention",
            &p,
            "--outcome",
            "Y",
            "--type",
            "deletion",
            "--dependent",
            "--n-pert",
            "9",
        ]),
        2,
        "n.pert",
    );
    fails_with(
        &fiscus(&[
            "retention",
            &p,
            "--outcome",
            "Y",
            "--type",
            "deletion",
            "--dependent",
            "--p-pert",
            "0.1",
        ]),
        2,
        "--independent",
    );
}

#[test]
fn causal_chain_matches_r() {
    for c in cases("causal_chain") {
        let a = &c["args"];
        let v = ok_json(&fiscus(&[
            "causal-chain",
            &data(c["dataset"].as_str().unwrap()),
            "--ordering",
            a["ordering"].as_str().unwrap(),
            "--incl-cut",
            &a["incl_cut"].to_string(),
            "--format",
            "json",
        ]));
        let want = c["expected"]["outcomes"].as_object().unwrap();
        let got = v["outcomes"].as_object().unwrap();
        assert_eq!(got.len(), want.len());
        for (o, models) in want {
            let g = got[o]
                .as_array()
                .unwrap_or_else(|| panic!("{o} is not an array"));
            let w: Vec<Vec<String>> = models.as_array().unwrap().iter().map(terms).collect();
            let g: Vec<Vec<String>> = g.iter().map(terms).collect();
            assert_eq!(g, w, "{o}");
        }
        // keys follow the ordering
        let keys: Vec<&str> = got.keys().map(String::as_str).collect();
        assert_eq!(keys, ["DEV", "URB", "LIT", "IND", "STB", "SURV"]);
    }
}

#[test]
fn causal_chain_bad_ordering() {
    fails_with(
        &fiscus(&["causal-chain", &data("LF"), "--ordering", "DEV, DEV < SURV"]),
        2,
        "twice",
    );
    fails_with(
        &fiscus(&[
            "causal-chain",
            &data("LF"),
            "--ordering",
            "DEV, NOPE < SURV",
        ]),
        2,
        "NOPE",
    );
}
