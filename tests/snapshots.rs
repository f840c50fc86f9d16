//! Golden snapshots of every command's output: JSON (the contract scripts rely on), terminal
//! table text and CSV, on the bundled fixtures. A change to any of them fails here with a
//! diff; after reviewing it, `FISCUS_BLESS=1 cargo test --test tests snapshots` rewrites the
//! files under `tests/snapshots/`.

use crate::common::*;

/// (snapshot name, arguments); fixture paths, written `@path`, are relative to `tests/fixtures/`
/// (where the binary runs).
const CASES: &[(&str, &[&str])] = &[
    (
        "calibrate-direct",
        &[
            "calibrate",
            "@qca/datasets/LR.csv",
            "--set",
            "DEV=DEV:350,550,850",
            "--set",
            "URB=URB:25,50,80",
        ],
    ),
    (
        "calibrate-crisp",
        &[
            "calibrate",
            "@qca/datasets/LR.csv",
            "--column",
            "LIT",
            "--type",
            "crisp",
            "--thresholds",
            "75",
        ],
    ),
    (
        "truth-table-lf",
        &[
            "truth-table",
            "@qca/datasets/LF.csv",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
        ],
    ),
    (
        "truth-table-lm-complete",
        &[
            "truth-table",
            "@qca/datasets/LM.csv",
            "--outcome",
            "SURV",
            "--conditions",
            "DEV,URB,LIT",
            "--complete",
            "--sort-by",
            "OUT,n",
        ],
    ),
    (
        "minimize-lc",
        &["minimize", "@qca/datasets/LC.csv", "--outcome", "SURV"],
    ),
    (
        "minimize-lf-intermediate",
        &[
            "minimize",
            "@qca/datasets/LF.csv",
            "--outcome",
            "SURV",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
            "--dir-exp",
            "DEV,URB,LIT,IND,STB",
        ],
    ),
    (
        "minimize-cvf-ambiguous",
        &[
            "minimize",
            "@qca/datasets/CVF.csv",
            "--outcome",
            "PROTEST",
            "--incl-cut",
            "0.8",
            "--include",
            "?",
        ],
    ),
    (
        "fit-lf",
        &["fit", "@qca/datasets/LF.csv", "DEV*~IND + URB*STB -> SURV"],
    ),
    (
        "fit-lc-binom",
        &[
            "fit",
            "@qca/datasets/LC.csv",
            "DEV*LIT",
            "--outcome",
            "SURV",
            "--inf-test",
            "binom",
        ],
    ),
    (
        "necessity-lf",
        &["necessity", "@qca/datasets/LF.csv", "--outcome", "SURV"],
    ),
    (
        "necessity-search",
        &[
            "necessity",
            "@qca/datasets/LF.csv",
            "--outcome",
            "SURV",
            "--search",
            "--incl-cut",
            "0.9",
            "--cov-cut",
            "0.6",
        ],
    ),
    (
        "find-rows-lc",
        &[
            "find-rows",
            "@qca/datasets/LC.csv",
            "--outcome",
            "SURV",
            "--type",
            "2",
        ],
    ),
    (
        "theory-lc",
        &[
            "theory",
            "@qca/datasets/LC.csv",
            "--outcome",
            "SURV",
            "--theory",
            "DEV*~URB*LIT*STB + DEV*LIT*IND*STB",
        ],
    ),
    (
        "retention-lc",
        &[
            "retention",
            "@qca/datasets/LC.csv",
            "--outcome",
            "SURV",
            "--type",
            "corruption",
            "--dependent",
            "--n-pert",
            "2",
        ],
    ),
    (
        "causal-chain-lf",
        &[
            "causal-chain",
            "@qca/datasets/LF.csv",
            "--ordering",
            "DEV, URB < SURV",
        ],
    ),
    (
        "robustness-payf",
        &[
            "robustness",
            "@robustness/PAYF.csv",
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
            "--dir-exp",
            "HE,GG,AH,HI,HW",
            "--test",
            "incl-cut=0.80",
            "--test",
            "incl-cut=0.90;n-cut=3",
            "--ranges",
            "--chart",
        ],
    ),
    (
        "robustness-grid",
        &[
            "robustness",
            "@robustness/PAYF.csv",
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
            "--grid",
            "incl-cut=0.8:0.9:0.05;n-cut=1,2",
            "--quiet",
        ],
    ),
    ("expr-simplify", &["expr", "simplify", "A*B + A*~B + C"]),
    ("expr-negate", &["expr", "negate", "A*B + ~C"]),
    (
        "expr-compute",
        &["expr", "compute", "DEV*~IND", "@qca/datasets/LF.csv"],
    ),
    (
        "expr-complexity",
        &["expr", "complexity", "--levels", "2,2,3"],
    ),
    ("ahp-drinks", &["ahp", "@ahp/drinks.csv", "--repair"]),
    ("ahp-incomplete", &["ahp", "@ahp/incomplete.csv"]),
    (
        "ahp-group",
        &[
            "ahp",
            "group",
            "@ahp/vacation_survey.csv",
            "--weight-column",
            "weight",
        ],
    ),
    ("ahp-hierarchy", &["ahp", "hierarchy", "@ahp/bsc.toml"]),
    ("ahp-sensitivity", &["ahp", "sensitivity", "@ahp/bsc.toml"]),
    (
        "delphi-kendall",
        &[
            "delphi",
            "kendall",
            "@delphi/round1.csv",
            "--dimensions",
            "@delphi/dimensions.csv",
        ],
    ),
    (
        "delphi-round",
        &[
            "delphi",
            "round",
            "@delphi/round1.csv",
            "--sent",
            "15",
            "--dimensions",
            "@delphi/dimensions.csv",
        ],
    ),
    (
        "delphi-authority",
        &["delphi", "authority", "@delphi/auth1_experts_round1.csv"],
    ),
    (
        "delphi-screen",
        &[
            "delphi",
            "screen",
            "@delphi/round1.csv",
            "--rule",
            "mean >= 3.5",
            "--rule",
            "cv <= 0.25",
        ],
    ),
    (
        "delphi-compare",
        &[
            "delphi",
            "compare",
            "@delphi/round1.csv",
            "@delphi/round2.csv",
        ],
    ),
    (
        "score-comp1",
        &[
            "score",
            "@eval/comp1_system.toml",
            "--data",
            "@eval/comp1_survey.csv",
        ],
    ),
    (
        "score-fuzzy",
        &[
            "score",
            "fuzzy",
            "@eval/comp1_system.toml",
            "--data",
            "@eval/comp1_survey.csv",
        ],
    ),
    (
        "score-weights",
        &["score", "weights", "@eval/comp1_system_ahp.toml"],
    ),
    (
        "score-entropy",
        &[
            "score",
            "entropy",
            "@eval/districts.csv",
            "--cost",
            "overrun",
        ],
    ),
    (
        "score-topsis",
        &[
            "score",
            "topsis",
            "@eval/districts.csv",
            "--entropy",
            "--cost",
            "overrun",
        ],
    ),
];

fn args_of(case: &[&str]) -> Vec<String> {
    case.iter()
        .map(|a| a.strip_prefix('@').unwrap_or(a).to_string())
        .collect()
}

/// Runs the binary in `tests/fixtures/`, so that the file names it prints (and the widths of
/// the columns that hold them) do not depend on where the repository is checked out.
fn run_in_fixtures(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(args)
        .current_dir(fixture(""))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("fiscus runs")
}

/// Output text with the fixture directory written as `@`, so snapshots do not depend on
/// where the repository is checked out.
fn portable(text: &str) -> String {
    let root = fixture("").to_string_lossy().into_owned();
    text.replace(root.trim_end_matches('/'), "@")
}

#[test]
fn every_command_matches_its_snapshots() {
    let bless = std::env::var_os("FISCUS_BLESS").is_some();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut failures = Vec::new();
    for (name, case) in CASES {
        for (format, ext) in [("json", "json"), ("table", "txt"), ("csv", "csv")] {
            let mut args = args_of(case);
            args.extend(["--format".to_string(), format.to_string()]);
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run_in_fixtures(&refs);
            let text = portable(&String::from_utf8_lossy(&out.stdout));
            let status = out.status.code().unwrap_or(-1);
            let got = if status == 0 {
                text
            } else {
                format!(
                    "exit {status}\n{}{}",
                    text,
                    portable(&String::from_utf8_lossy(&out.stderr))
                )
            };
            let path = dir.join(format!("{name}.{ext}"));
            if bless {
                std::fs::write(&path, &got).expect("write snapshot");
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if want != got {
                failures.push(format!(
                    "{} differs (fiscus {}):\n--- want\n{want}\n--- got\n{got}",
                    path.display(),
                    refs.join(" ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} snapshot(s) differ; review, then FISCUS_BLESS=1 to accept:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
