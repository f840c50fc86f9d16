//! End-to-end tests of the CNA-style options of `fiscus minimize` (`--pi-cons`, `--sol-cons`,
//! `--sol-cov`, `--sol-depth`): a hand-checked example and the bad-input errors (exit 2).

use crate::common::*;

/// Twelve crisp cases: row A*B has inclusion 3/4, A*~B 2/3, ~A*B 1/3, ~A*~B 0. Term A holds
/// 7 cases, 5 with Y (inclusion 5/7, coverage 5/6); A + B holds 10, all 6 with Y
/// (inclusion 0.6, coverage 1).
const AB: &str = "case,A,B,Y\nc1,1,1,1\nc2,1,1,1\nc3,1,1,1\nc4,1,1,0\nc5,1,0,1\nc6,1,0,1\nc7,1,0,0\nc8,0,1,1\nc9,0,1,0\nc10,0,1,0\nc11,0,0,0\nc12,0,0,0\n";

fn run(extra: &[&str]) -> std::process::Output {
    let data = tmp_arg("ab.csv", AB);
    let mut args = vec![
        "minimize",
        data.as_str(),
        "--outcome",
        "Y",
        "--include",
        "?",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    fiscus(&args)
}

#[test]
fn consistent_models_hand_checked() {
    let v = ok_json(&run(&[
        "--incl-cut",
        "0.7",
        "--pi-cons",
        "0.5",
        "--sol-cons",
        "0.6",
        "--sol-cov",
        "0.9",
    ]));
    assert_eq!(v["solution"], "parsimonious");
    assert_eq!(v["models"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["models"][0]["expression"], "A + B");
    close("inclS", num(&v["models"][0]["inclS"]), 0.6, 1e-12);
    close("covS", num(&v["models"][0]["covS"]), 1.0, 1e-12);
}

#[test]
fn default_cut_becomes_the_smaller_threshold_as_in_r() {
    let o = run(&["--pi-cons", "0.7", "--sol-cons", "0.7", "--sol-cov", "0.8"]);
    let v = ok_json(&o);
    assert!(
        stderr(&o).contains("min(pi.cons, sol.cons) = 0.7"),
        "{}",
        stderr(&o)
    );
    assert_eq!(v["initial_minterms"], serde_json::json!([4]));
    assert_eq!(v["models"][0]["expression"], "A");
    close("inclS", num(&v["models"][0]["inclS"]), 5.0 / 7.0, 1e-12);
    close("covS", num(&v["models"][0]["covS"]), 5.0 / 6.0, 1e-12);
}

#[test]
fn bad_thresholds_exit_2() {
    fails_with(
        &run(&["--pi-cons", "1.5"]),
        2,
        "--pi-cons must lie in [0, 1], not 1.5",
    );
    fails_with(
        &run(&["--sol-cons=-0.2"]),
        2,
        "--sol-cons must lie in [0, 1], not -0.2",
    );
    fails_with(
        &run(&["--sol-cov", "2"]),
        2,
        "--sol-cov must lie in [0, 1], not 2",
    );
    fails_with(
        &run(&["--sol-depth", "0"]),
        2,
        "--sol-depth must be at least 1, not 0",
    );
    // No model reaches the default coverage of 1 with consistency 0.7.
    fails_with(
        &run(&["--incl-cut", "0.7", "--sol-cons", "0.7"]),
        2,
        "no disjunction of at most 7 prime implicants reaches solution consistency 0.7",
    );
    // No term reaches pi.cons 0.8: the uncovered row is named.
    fails_with(
        &run(&["--incl-cut", "0.7", "--pi-cons", "0.8"]),
        2,
        "covers truth-table row(s) 4",
    );
}

#[test]
fn thresholds_need_the_remainders_included() {
    let data = tmp_arg("ab.csv", AB);
    fails_with(
        &fiscus(&[
            "minimize",
            &data,
            "--outcome",
            "Y",
            "--incl-cut",
            "0.7",
            "--sol-cons",
            "0.6",
        ]),
        2,
        "--pi-cons/--sol-cons act in the parsimonious search: add --include '?'",
    );
}
