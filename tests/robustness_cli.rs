//! End-to-end tests of `fiscus robustness` against the R01 reference and its own guarantees
//! (threads, shards, failures, bad input).

use std::process::Output;

use crate::common::*;

fn payf_args() -> Vec<String> {
    [
        "robustness",
        &fx("robustness/PAYF.csv"),
        "--outcome",
        "HL",
        "--conditions",
        "HE,GG,AH,HI,HW",
        "--incl-cut",
        "0.87",
        "--n-cut",
        "2",
        "--include",
        "?",
        "--format",
        "json",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn run_payf(extra: &[&str]) -> Output {
    let mut a = payf_args();
    a.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = a.iter().map(String::as_str).collect();
    fiscus(&refs)
}

#[test]
fn contract_r01_test_sets() {
    let r = fixture_json("robustness/R01_PAYF_robustness.json");
    let spec = |t: &str| match t {
        "TS1" => "incl-cut=0.70",
        "TS2" => "n-cut=1",
        "TS3" => "incl-cut=0.80",
        _ => "incl-cut=0.90;n-cut=3",
    };
    for (key, exp) in r["results"].as_object().unwrap() {
        let mut extra = Vec::new();
        for t in exp["test_set"].as_array().unwrap() {
            extra.push("--test");
            extra.push(spec(t.as_str().unwrap()));
        }
        let out = ok_json(&run_payf(&extra));
        assert_eq!(out["schema_version"], 1);
        assert_eq!(out["IS"], exp["IS"], "{key}");
        let ts: Vec<&str> = out["TS"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let want: Vec<&str> = exp["test_set"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| exp["TS"][t.as_str().unwrap()].as_str().unwrap())
            .collect();
        assert_eq!(ts, want, "{key}");
        for k in [
            "RF_cov",
            "RF_cons",
            "RF_SC_minTS",
            "RF_SC_maxTS",
            "RCR_typ",
            "RCR_dev",
            "RCC_Rank",
        ] {
            let (g, w) = (out[k].as_f64().unwrap(), exp[k].as_f64().unwrap());
            assert!((g - w).abs() <= TOL, "{key} {k}: {g} vs {w}");
        }
        for f in ["robust_core_fit", "IS_fit"] {
            for m in ["inclS", "PRI", "covS"] {
                let (g, w) = (out[f][m].as_f64().unwrap(), exp[f][m].as_f64().unwrap());
                assert!((g - w).abs() <= TOL, "{key} {f}.{m}");
            }
        }
        for (k, v) in exp["cases"].as_object().unwrap() {
            assert_eq!(&out["cases"][k], v, "{key} cases.{k}");
        }
        assert!(out["cases"]["extreme_deviant"].is_u64() && out["cases"]["irrelevant"].is_u64());
        assert_eq!(out["tests"].as_array().unwrap().len(), want.len());
    }
}

#[test]
fn ranges_match_setmethods() {
    let out = ok_json(&run_payf(&["--test", "n-cut=1", "--ranges"]));
    let rg = out["ranges"].as_array().unwrap();
    assert_eq!(rg[0]["parameter"], "incl.cut");
    assert!((rg[0]["lower"].as_f64().unwrap() - 0.85).abs() < TOL);
    assert!((rg[0]["upper"].as_f64().unwrap() - 0.87).abs() < TOL);
    assert_eq!(
        (rg[1]["lower"].as_f64(), rg[1]["upper"].as_f64()),
        (Some(2.0), Some(2.0))
    );
}

#[test]
fn failed_test_solution_is_reported_with_exit_zero() {
    let out = run_payf(&["--test", "incl-cut=1;n-cut=40", "--test", "n-cut=1"]);
    let j = ok_json(&out);
    assert_eq!(j["tests"][0]["status"], "no_solution");
    assert!(j["TS"][0].is_null());
    assert!(j["tests"][0]["message"]
        .as_str()
        .unwrap()
        .contains("no truth-table row"));
    assert!(stderr(&out).contains("incl-cut=1;n-cut=40"));
}

/// Robustness of the fuzzy LR calibration, anchoring STB with `stb` (e.g. `STB:e=5,c=10,i=15`).
fn lr_with_stb(stb: &str, extra: &[&str]) -> Output {
    let f = fx("robustness/LR.csv");
    let mut a = vec![
        "robustness",
        &f,
        "--outcome",
        "SURV",
        "--conditions",
        "DEV,URB,LIT,IND,STB",
        "--calibrate",
        "DEV:e=400,c=550,i=900",
        "--calibrate",
        "URB:e=25,c=50,i=65",
        "--calibrate",
        "LIT:e=50,c=75,i=90",
        "--calibrate",
        "IND:e=20,c=30,i=40",
        "--calibrate",
        stb,
        "--calibrate",
        "SURV:e=-5,c=0,i=5",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--format",
        "json",
    ];
    a.extend_from_slice(extra);
    fiscus(&a)
}

fn lr_args(extra: &[&str]) -> Output {
    lr_with_stb("STB:e=5,c=10,i=15", extra)
}

#[test]
fn calibration_test_on_raw_data() {
    let j = ok_json(&lr_args(&[
        "--test",
        "calibrate:DEV=e=350,c=550,i=900",
        "--test",
        "calibrate:STB=e=3,c=12,i=15",
    ]));
    assert_eq!(j["tests"][0]["status"], "ok");
    assert!(j["IS"].as_str().unwrap().contains('*'));
    // same as the IS recalibrated directly with the test's anchors
    let direct = lr_with_stb("STB:e=3,c=12,i=15", &[]);
    assert_eq!(ok_json(&direct)["IS"], j["TS"][1]);
}

#[test]
fn grid_identical_with_one_and_two_threads_and_three_shards_merge() {
    let grid = "anchors:DEV.c=25x1;incl-cut=0.75,0.8;n-cut=1,2;cases=loo";
    let one = lr_args(&["--grid", grid, "--threads", "1"]);
    let two = lr_args(&["--grid", grid, "--threads", "2"]);
    let j = ok_json(&one);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(j["specifications"], 3 * 2 * 2 * 18);
    let share = j["share_equal_is"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share));
    let dir = tmp_path("shards");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for i in 1..=3 {
        let p = dir.join(format!("s{i}.json"));
        let sh = format!("{i}/3");
        let o = lr_args(&["--grid", grid, "--shard", &sh, "-o", p.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        files.push(p.to_str().unwrap().to_string());
    }
    let mut a = vec!["robustness", "merge", "--format", "json"];
    a.extend(files.iter().rev().map(String::as_str));
    let merged = fiscus(&a);
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert_eq!(merged.stdout, one.stdout);
    // two shards are not the whole grid
    let partial = fiscus(&["robustness", "merge", &files[0], &files[1]]);
    fails_with(&partial, 2, "specifications");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn configuration_chart_of_lipset_fuzzy() {
    let f = fx("robustness/LF.csv");
    let out = fiscus(&[
        "robustness",
        &f,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--dir-exp",
        "DEV,URB,LIT,IND,STB",
        "--chart",
        "--format",
        "table",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Configuration chart"));
    let ind = text.lines().find(|l| l.starts_with("IND")).unwrap();
    assert!(ind.contains('⊗'), "{ind}");
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let out = run_payf(&["--test", "incl-cut=abc"]);
    fails_with(&out, 2, "abc");
    let out = fiscus(&[
        "robustness",
        &fx("robustness/PAYF.csv"),
        "--outcome",
        "HLX",
        "--conditions",
        "HE,GG",
        "--include",
        "?",
    ]);
    fails_with(&out, 2, "HLX");
    let out = run_payf(&["--grid", "n-cut=1,2", "--test", "n-cut=1"]);
    fails(&out, 2);
}

/// The study's robustness section and `fiscus robustness --grid` are one computation: on the
/// same data and settings every number of the summary is equal (issue 13).
#[test]
fn study_report_robustness_equals_robustness_grid() {
    let dir = tmp_path("study-vs-grid");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("robustness/PAYF.csv"), dir.join("PAYF.csv")).unwrap();
    let mut study = String::from(
        "[study]\ntitle = \"PAYF robustness\"\n[data]\nfile = \"PAYF.csv\"\n[outcome]\nname = \"HL\"\n",
    );
    for c in ["HE", "GG", "AH", "HI", "HW"] {
        study.push_str(&format!("[[condition]]\nname = \"{c}\"\n"));
    }
    // n-cut 40 leaves no truth-table row: that setting must be listed, not counted
    study.push_str(
        "[truth_table]\nincl_cut = 0.87\nn_cut = 2\n[minimize]\nsolutions = [\"parsimonious\"]\n\
         [robustness]\nincl_cuts = [0.8, 0.87, 0.9]\nn_cuts = [1, 2, 40]\n",
    );
    let toml = dir.join("study.toml");
    std::fs::write(&toml, study).unwrap();
    let out_dir = dir.join("out");
    let run = fiscus(&[
        "run",
        toml.to_str().unwrap(),
        "-q",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let res: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("results.json")).unwrap()).unwrap();
    let rob = &res["robustness"];
    let grid = rob["grid"].as_str().unwrap();
    assert_eq!(grid, "incl-cut=0.8,0.87,0.9;n-cut=1,2,40");
    let cli = ok_json(&run_payf(&["--solution", "parsimonious", "--grid", grid]));
    let summary = rob["summary"].as_object().unwrap();
    assert!(summary.len() >= 10);
    for (k, v) in summary {
        assert_eq!(
            &cli[k], v,
            "robustness field `{k}` differs between the report and --grid"
        );
    }
    // the unanalysable settings are listed with their reason and left out of the shares
    assert_eq!(summary["specifications"], 9);
    assert_eq!(summary["no_solution"], 3);
    let excluded = summary["excluded"].as_array().unwrap();
    assert_eq!(excluded.len(), 3);
    assert!(excluded.iter().all(
        |e| e["specification"].as_str().unwrap().contains("n-cut=40")
            && e["reason"].as_str().unwrap().contains("no truth-table row")
    ));
    let solved = summary["solved"].as_u64().unwrap() as f64;
    for p in summary["path_stability"].as_array().unwrap() {
        let share = p["share"].as_f64().unwrap();
        assert!((share - p["count"].as_f64().unwrap() / solved).abs() < 1e-12);
    }
    assert_eq!(rob["items"].as_array().unwrap().len(), 9);
    // and the report shows the protocol
    let md = std::fs::read_to_string(out_dir.join("report.md")).unwrap();
    for needle in [
        "RF_cov",
        "RCC_Rank",
        "robust",
        "cannot be analysed",
        "n-cut=40",
    ] {
        assert!(md.contains(needle), "report.md lacks `{needle}`");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Writes shard `i` of 2 of a PAYF grid computed on `data` with `conditions`.
fn payf_shard(dir: &std::path::Path, data: &str, conditions: &str, i: usize) -> String {
    let p = dir.join(format!("{conditions}-{i}-{}.json", data.len()));
    let sh = format!("{i}/2");
    let o = fiscus(&[
        "robustness",
        data,
        "--outcome",
        "HL",
        "--conditions",
        conditions,
        "--incl-cut",
        "0.87",
        "--include",
        "?",
        "--grid",
        "incl-cut=0.8,0.87;n-cut=1,2",
        "--shard",
        &sh,
        "-o",
        p.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    p.to_str().unwrap().to_string()
}

/// Shards carry their provenance: merging shards of other data or another condition order is
/// refused (issue 15, item 7).
#[test]
fn merge_refuses_shards_of_other_data_or_condition_order() {
    let dir = tmp_path("provenance");
    std::fs::create_dir_all(&dir).unwrap();
    let data = fx("robustness/PAYF.csv");
    let conds = "HE,GG,AH,HI,HW";
    let a1 = payf_shard(&dir, &data, conds, 1);
    let a2 = payf_shard(&dir, &data, conds, 2);
    let ok = fiscus(&["robustness", "merge", &a2, &a1, "--format", "json"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    // the same file with one membership changed
    let text = std::fs::read_to_string(fixture("robustness/PAYF.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let last = lines.len() - 1;
    lines[last] = lines[last].replacen(",0.", ",0.0", 1);
    assert_ne!(lines[last], text.lines().last().unwrap());
    let other = dir.join("PAYF-edited.csv");
    std::fs::write(&other, lines.join("\n")).unwrap();
    let b2 = payf_shard(&dir, other.to_str().unwrap(), conds, 2);
    let e = fiscus(&["robustness", "merge", &a1, &b2]);
    let msg = fails_with(&e, 2, "other data");
    assert!(msg.contains(&b2) || msg.contains("PAYF"), "{msg}");
    // the same data, conditions in another order
    let c2 = payf_shard(&dir, &data, "HW,HI,AH,GG,HE", 2);
    let e = fiscus(&["robustness", "merge", &a1, &c2]);
    fails_with(&e, 2, "condition order");
    std::fs::remove_dir_all(&dir).ok();
}

/// A grid larger than `--max-grid` is refused before any work, naming the size (issue 16).
#[test]
fn grid_larger_than_max_grid_needs_the_flag() {
    let grid = "incl-cut=0.7:0.9:0.01;n-cut=1,2,3;cases=loo";
    let out = run_payf(&["--grid", grid, "--max-grid", "100"]);
    let msg = fails_with(&out, 2, "--max-grid");
    assert!(msg.contains("exceed"), "{msg}");
    // the default cap also trips on a grid this size (21 x 3 x every case left out once)
    let out = run_payf(&[
        "--grid",
        "incl-cut=0.5:0.99:0.001;n-cut=1,2,3,4,5,6,7,8,9,10;cases=loo",
    ]);
    fails_with(&out, 2, "--max-grid");
    // raising the cap lets a small grid run
    let out = run_payf(&["--grid", "n-cut=1,2", "--max-grid", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
