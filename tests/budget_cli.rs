//! `--work-budget`, `--memory-budget` and `--quiet` of `fiscus minimize` and `fiscus necessity`:
//! each limit trips, a truncated result is flagged with its gap, bad values exit 2.

use crate::common::*;

fn minimize(extra: &[&str]) -> std::process::Output {
    let data = fx("budget/noisy_10_2000.csv");
    let mut args = vec![
        "minimize",
        data.as_str(),
        "--outcome",
        "Y",
        "--incl-cut",
        "0.8",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    fiscus(&args)
}

#[test]
fn a_small_work_budget_gives_a_flagged_cover_with_its_gap() {
    // (2e6 now proves this chart's minimum, 41: the Lagrangian bound reaches the LP bound,
    // and the chart has two thirds of the work budget.)
    let o = minimize(&["--include", "?", "--work-budget", "1e6"]);
    let v = ok_json(&o);
    assert_eq!(v["truncated"], true);
    let c = &v["chart"];
    let size = c["model_size"].as_u64().unwrap();
    let lower = c["lower_bound"].as_u64().unwrap();
    assert!(0 < lower && lower < size, "{c}");
    assert_eq!(c["minimum_proven"], false);
    let models = v["models"].as_array().unwrap();
    assert_eq!(models.len(), 1);
    assert_eq!(models[0]["terms"].as_array().unwrap().len() as u64, size);
    let e = stderr(&o);
    assert!(e.contains("--work-budget"), "{e}");
    assert!(e.contains(&format!("at least {lower}")), "{e}");
    // Piped stderr: no progress bar.
    assert!(!e.contains("prime implicants"), "{e}");
}

#[test]
fn a_proven_minimum_is_reported_as_such() {
    let data = fx("budget/noisy_10_100.csv");
    let o = fiscus(&[
        "minimize",
        &data,
        "--outcome",
        "Y",
        "--incl-cut",
        "0.8",
        "--include",
        "?",
        "--quiet",
        "--format",
        "json",
    ]);
    let v = ok_json(&o);
    assert_eq!(v["truncated"], false);
    let c = &v["chart"];
    assert_eq!(c["minimum_proven"], true);
    assert_eq!(c["lower_bound"], c["model_size"]);
    assert!(c["minimal_models"].as_u64().unwrap() >= v["models"].as_array().unwrap().len() as u64);
}

#[test]
fn the_memory_budget_trips_with_exit_2() {
    // Fuzzy data: the membership vectors of the models' PIs are charged to the budget.
    let data = fx("qca/datasets/LF.csv");
    let o = fiscus(&[
        "minimize",
        &data,
        "--outcome",
        "SURV",
        "--incl-cut",
        "0.8",
        "--memory-budget",
        "100",
        "--format",
        "json",
    ]);
    fails_with(&o, 2, "--memory-budget");
    // Crisp data too large for membership vectors are fitted row by row; so small a budget
    // still stops the PI search (a flagged result naming the flag) and caps the model list.
    let o = minimize(&["--include", "?", "--memory-budget", "20K"]);
    let v = ok_json(&o);
    assert_eq!(v["truncated"], true);
    assert_eq!(v["models"].as_array().unwrap().len(), 1);
    assert!(stderr(&o).contains("--memory-budget"), "{}", stderr(&o));
    // The default budget finds every PI and proves the minimum, 41.
    let o = minimize(&["--include", "?"]);
    let v = ok_json(&o);
    assert_eq!(v["truncated"], false);
    assert_eq!(v["chart"]["model_size"], 41);
    assert_eq!(v["chart"]["minimum_proven"], true);
}

#[test]
fn bad_budget_values_exit_2() {
    for (flag, value) in [
        ("--memory-budget", "4X"),
        ("--memory-budget", "0"),
        ("--work-budget", "lots"),
        ("--work-budget", "0.5"),
    ] {
        let o = minimize(&[flag, value]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}: {}", stderr(&o));
        assert!(stderr(&o).contains(flag), "{flag} {value}: {}", stderr(&o));
    }
}

#[test]
fn the_necessity_search_names_its_budgets() {
    let data = fx("budget/noisy_10_100.csv");
    let o = fiscus(&[
        "necessity",
        &data,
        "--outcome",
        "Y",
        "--search",
        "--incl-cut",
        "0",
        "--work-budget",
        "7500",
        "--format",
        "json",
    ]);
    fails_with(&o, 2, "--work-budget");
    let o = fiscus(&[
        "necessity",
        &data,
        "--outcome",
        "Y",
        "--search",
        "--incl-cut",
        "0",
        "--memory-budget",
        "128K",
        "--format",
        "json",
    ]);
    fails_with(&o, 2, "--memory-budget");
}
