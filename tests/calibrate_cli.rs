//! End-to-end tests of `fiscus calibrate` against R QCA's reference values
//! (tests/fixtures/calibration/, see its README.md).

use std::path::Path;

use serde_json::Value;

use crate::common::*;

fn lr() -> String {
    fx("calibration/LR.csv")
}

/// Translates a reference R call into command-line flags.
fn flags_from_r(call: &str) -> Vec<String> {
    let mut f = Vec::new();
    let quoted = call
        .split("thresholds = \"")
        .nth(1)
        .and_then(|s| s.split('"').next());
    let vector = call
        .split("thresholds = c(")
        .nth(1)
        .and_then(|s| s.split(')').next());
    let scalar = call
        .split("thresholds = ")
        .nth(1)
        .map(|s| s.split([',', ')']).next().unwrap_or_default())
        .filter(|s| s.parse::<f64>().is_ok());
    if let Some(t) = quoted.or(vector).or(scalar) {
        f.push("--thresholds".to_string());
        f.push(t.replace(' ', ""));
    }
    if call.contains("type = \"crisp\"") {
        f.extend(["--type".into(), "crisp".into()]);
    }
    if call.contains("method = \"indirect\"") {
        f.extend(["--method".into(), "indirect".into()]);
    }
    if call.contains("method = \"TFR\"") {
        f.extend(["--method".into(), "tfr".into()]);
    }
    if call.contains("logistic = FALSE") {
        f.push("--linear".into());
    }
    if call.contains("ecdf = TRUE") {
        f.push("--ecdf".into());
    }
    for name in ["idm", "below", "above"] {
        if let Some(v) = call.split(&format!("{name} = ")).nth(1) {
            f.push(format!("--{name}"));
            f.push(v.split([',', ')']).next().unwrap_or_default().to_string());
        }
    }
    f
}

fn write_column(path: &Path, values: &[Value]) {
    let mut text = String::from("case,x\n");
    for (k, v) in values.iter().enumerate() {
        text.push_str(&format!(
            "c{},{}\n",
            k + 1,
            v.as_f64().map(|v| v.to_string()).unwrap_or_default()
        ));
    }
    std::fs::write(path, text).expect("write csv");
}

#[test]
fn every_reference_calibration_matches_r_through_the_cli() {
    let doc = fixture_json("calibration/C01_calibrate.json");
    let cases = doc["calibrations"].as_array().expect("calibrations");
    assert_eq!(cases.len(), 25);
    for case in cases {
        let id = case["id"].as_str().unwrap_or_default();
        let call = case["r_call"].as_str().unwrap_or_default();
        let path = tmp_path(&format!("{id}.csv"));
        write_column(&path, case["input"].as_array().expect("input"));
        let p = path.display().to_string();
        let mut args: Vec<String> = ["calibrate", &p, "--column", "x", "--format", "json"]
            .map(String::from)
            .to_vec();
        args.extend(flags_from_r(call));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ok_json(&fiscus(&argv));
        assert_eq!(out["schema_version"], 1);
        assert_eq!(out["column"], "x");
        let got = out["values"].as_array().expect("values");
        let expected = case["output"].as_array().expect("output");
        assert_eq!(got.len(), expected.len(), "{id}");
        assert_eq!(out["cases"][0], "c1");
        let tol = if call.contains("indirect") { 1e-6 } else { TOL };
        for (k, (g, e)) in got.iter().zip(expected).enumerate() {
            let (g, e) = (g.as_f64().expect("number"), e.as_f64().expect("number"));
            assert!(
                (g - e).abs() <= tol,
                "{id}: value {k} is {g}, R gives {e} ({argv:?})"
            );
        }
    }
}

/// The anchors R QCA's documentation uses to calibrate LR into LF.
const LF_SETS: [&str; 6] = [
    "DEV=DEV:e=400,c=550,i=900",
    "URB=URB:e=25,c=50,i=65",
    "LIT=LIT:e=50,c=75,i=90",
    "IND=IND:e=20,c=30,i=40",
    "STB=STB:e=15,c=9.5,i=5",
    "SURV=SURV:e=-9,c=0,i=10",
];

fn lf_args(out: &Path) -> Vec<String> {
    let mut a = vec!["calibrate".to_string(), lr()];
    for s in LF_SETS {
        a.push("--set".into());
        a.push(s.into());
    }
    a.push("-o".into());
    a.push(out.display().to_string());
    a
}

fn read(path: &Path) -> fiscus_data::Dataset {
    let bytes = std::fs::read(path).expect("output written");
    fiscus_io::read_table(&bytes, &path.display().to_string(), &Default::default())
        .expect("output readable")
}

/// `round(x, 2)` of R's calibrate() differs from the bundled LF by at most 0.01 (R's own
/// check in C01_calibrate.json); Fiscus must do exactly as well.
fn assert_reproduces_lf(ds: &fiscus_data::Dataset) {
    let lf = read(&fixture("calibration/LF.csv"));
    assert_eq!(ds.cases(), lf.cases());
    let mut exact = 0;
    for col in ["DEV", "URB", "LIT", "IND", "STB", "SURV"] {
        let got = ds.numeric_complete(col).expect("calibrated column");
        let want = lf.numeric_complete(col).expect("LF column");
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            let r = (g * 100.0).round() / 100.0;
            assert!(
                (r - w).abs() <= 0.01 + 1e-9,
                "{col} case {}: {g} vs LF {w}",
                lf.cases()[k]
            );
            exact += usize::from((r - w).abs() < 1e-9);
        }
    }
    // 84 of the 108 memberships agree exactly after rounding, the rest by 0.01 (as in R).
    assert_eq!(exact, 84);
}

#[test]
fn lr_calibrated_with_the_documented_anchors_reproduces_lf_csv() {
    let out = tmp_path("LF_from_LR.csv");
    let args = lf_args(&out);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = fiscus(&argv);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_reproduces_lf(&read(&out));
    let text = std::fs::read_to_string(&out).expect("csv");
    assert!(
        text.starts_with("case,DEV,URB,LIT,IND,STB,SURV\nAU,0.806925632987392,"),
        "{text}"
    );
}

#[test]
fn lr_to_lf_as_an_xlsx_workbook() {
    let out = tmp_path("LF_from_LR.xlsx");
    let args = lf_args(&out);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = fiscus(&argv);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&out).expect("xlsx").starts_with(b"PK"));
    assert_reproduces_lf(&read(&out));
}

#[test]
fn sets_keep_case_labels_and_untouched_columns_and_take_per_set_options() {
    let out = tmp_path("sets.csv");
    let o = fiscus(&[
        "calibrate",
        &lr(),
        "--set",
        "DEVC=DEV:550,850;type=crisp",
        "--set",
        "DEVL=DEV:e=400,c=550,i=900;linear;below=2;above=2",
        "--set",
        "DEVP=DEV:95,50,5;percentiles",
        "-o",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ds = read(&out);
    assert_eq!(
        ds.column_names(),
        vec!["DEV", "URB", "LIT", "IND", "STB", "SURV", "DEVC", "DEVL", "DEVP"]
    );
    assert_eq!(ds.cases()[0], "AU");
    assert_eq!(ds.numeric_complete("DEV").expect("raw kept")[0], 720.0);
    let crisp = ds.numeric_complete("DEVC").expect("crisp");
    assert_eq!(&crisp[..5], &[1.0, 2.0, 1.0, 0.0, 1.0]);
    let lin = ds.numeric_complete("DEVL").expect("linear");
    assert!((lin[0] - 0.867755102040816).abs() < 1e-9, "{}", lin[0]);
    let pct = ds.numeric_complete("DEVP").expect("percentiles");
    assert!(pct.iter().all(|v| (0.0..=1.0).contains(v)));
}

#[test]
fn sets_as_json_list_thresholds_after_percentiles() {
    let v = ok_json(&fiscus(&[
        "calibrate",
        &lr(),
        "--set",
        "D=DEV:95,50,5;percentiles",
        "--set",
        "S=STB:e=15,c=9.5,i=5",
        "--format",
        "json",
    ]));
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["cases"][1], "BE");
    let sets = v["sets"].as_array().expect("sets");
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0]["name"], "D");
    assert_eq!(sets[0]["column"], "DEV");
    // type-7 quantiles of LR$DEV (n = 18, h = 1 + 17p): 329.35, 588, 1047
    let th: Vec<f64> = sets[0]["thresholds"]
        .as_array()
        .expect("thresholds")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(th.len(), 3);
    assert!((th[0] - 329.35).abs() < 1e-9, "{th:?}");
    assert!((th[1] - 588.0).abs() < 1e-9, "{th:?}");
    assert!((th[2] - 1047.0).abs() < 1e-9, "{th:?}");
    assert!((sets[1]["values"][0].as_f64().expect("number") - 0.433477655854178).abs() < 1e-9);
}

#[test]
fn missing_values_are_null_in_json_and_reported_on_stderr() {
    let path = tmp_file("missing.csv", "case,DEV\nAT,720\nBE,NA\nCZ,\nDK,350\n");
    let o = fiscus(&[
        "calibrate",
        path.to_str().expect("path"),
        "--column",
        "DEV",
        "--thresholds",
        "e=400,c=550,i=900",
        "--format",
        "json",
    ]);
    let v = ok_json(&o);
    assert!(v["values"][1].is_null() && v["values"][2].is_null());
    assert!((v["values"][0].as_f64().expect("number") - 0.806925632987392).abs() < 1e-12);
    assert_eq!(v["missing"], serde_json::json!(["BE", "CZ"]));
    let e = stderr(&o);
    assert!(
        e.contains("warning:")
            && e.contains(
                "column `DEV`: 2 missing value(s) stay missing (rows 2 (`BE`), 3 (`CZ`))"
            ),
        "{e}"
    );
}

#[test]
fn bad_specifications_exit_2_with_clear_errors() {
    let lr = lr();
    let base = ["calibrate", lr.as_str(), "--column", "DEV"];
    let run = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        fails(&fiscus(&a), 2)
    };
    let e = run(&["--thresholds", "e=400,c=1000,i=900"]);
    assert!(
        e.contains("LR.csv: column `DEV`: anchors out of order: e=400, c=1000, i=900"),
        "{e}"
    );
    let e = run(&["--thresholds", "e=400,c=400,i=900"]);
    assert!(e.contains("equal anchors: e=400, c=400, i=900"), "{e}");
    let e = run(&["--thresholds", "e=400,c=550,i=900", "--idm", "1.2"]);
    assert!(e.contains("idm 1.2 is outside (0.5, 1)"), "{e}");
    let e = run(&["--thresholds", "2000", "--type", "crisp"]);
    assert!(
        e.contains("crisp threshold 2000 is outside the data range [320, 1098]"),
        "{e}"
    );
    let e = run(&["--thresholds", "e=400,c=abc,i=900"]);
    assert!(
        e.contains("--thresholds: invalid thresholds `e=400,c=abc,i=900`: `abc` is not a number"),
        "{e}"
    );
    let e = run(&[]);
    assert!(
        e.contains("--thresholds (or --percentiles) is required"),
        "{e}"
    );
    let e = run(&["--percentiles", "120,50,5"]);
    assert!(e.contains("percentile 120 is outside [0, 100]"), "{e}");
    let e = fails(
        &fiscus(&["calibrate", &lr, "--column", "DEW", "--thresholds", "1,2,3"]),
        2,
    );
    assert!(
        e.contains("unknown column `DEW` (did you mean `DEV`?)"),
        "{e}"
    );
    let e = fails(&fiscus(&["calibrate", &lr, "--set", "DEV"]), 2);
    assert!(
        e.contains("--set `DEV`: expected NAME=COL:THRESHOLDS"),
        "{e}"
    );
    let e = fails(
        &fiscus(&["calibrate", &lr, "--set", "D=DEV:1,2,3;wiggle"]),
        2,
    );
    assert!(e.contains("unknown option `wiggle`"), "{e}");
    let e = fails(
        &fiscus(&[
            "calibrate",
            &lr,
            "--set",
            "D=DEV:1,2,3",
            "--set",
            "D=URB:1,2,3",
        ]),
        2,
    );
    assert!(e.contains("the output name `D` is used twice"), "{e}");
    let e = fails(&fiscus(&["calibrate", &lr]), 2);
    assert!(e.contains("give --column COL"), "{e}");
    let e = fails(
        &fiscus(&[
            "calibrate",
            &lr,
            "--column",
            "DEV",
            "--thresholds",
            "1,2,3",
            "--method",
            "nonsense",
        ]),
        2,
    );
    assert!(e.contains("invalid value 'nonsense'"), "{e}");
}

#[test]
fn linear_equal_anchors_warn_like_r_and_still_calibrate() {
    let o = fiscus(&[
        "calibrate",
        &lr(),
        "--column",
        "DEV",
        "--thresholds",
        "e=400,c=400,i=900",
        "--linear",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: ")
            && stderr(&o).contains("some thresholds equal, that should not be equal")
    );
}

#[test]
fn suggest_finds_thresholds_like_findth() {
    let path = tmp_file(
        "gdp.csv",
        "gdp\n460\n500\n900\n2000\n2100\n2400\n15000\n16000\n20000\n",
    );
    let v = ok_json(&fiscus(&[
        "calibrate",
        path.to_str().expect("path"),
        "--column",
        "gdp",
        "--suggest",
        "2",
        "--format",
        "json",
    ]));
    assert_eq!(v["thresholds"], serde_json::json!([8700.0, 18000.0]));
    let o = fiscus(&[
        "calibrate",
        path.to_str().expect("path"),
        "--column",
        "gdp",
        "--suggest",
        "1",
        "--format",
        "table",
    ]);
    assert!(stdout(&o).contains("8700"), "{}", stdout(&o));
    let e = fails(
        &fiscus(&[
            "calibrate",
            path.to_str().expect("path"),
            "--column",
            "gdp",
            "--suggest",
            "9",
        ]),
        2,
    );
    assert!(
        e.contains("cannot suggest 9 threshold(s) from 9 distinct value(s)"),
        "{e}"
    );
}

#[test]
fn table_and_csv_output() {
    let o = fiscus(&[
        "calibrate",
        &lr(),
        "--column",
        "STB",
        "--thresholds",
        "e=15,c=9.5,i=5",
        "--format",
        "table",
    ]);
    let t = stdout(&o);
    assert!(
        t.starts_with("case  STB (raw)     STB\nAU           10  0.4335\n"),
        "{t}"
    );
    assert!(
        t.contains("STB <- STB: fuzzy, direct, logistic, idm 0.95, anchors e=15,c=9.5,i=5"),
        "{t}"
    );
    let o = fiscus(&[
        "calibrate",
        &lr(),
        "--column",
        "DEV",
        "--thresholds",
        "550",
        "--type",
        "crisp",
        "--name",
        "DEVC",
        "--format",
        "csv",
    ]);
    let c = stdout(&o);
    assert!(
        c.starts_with("case,DEV,URB,LIT,IND,STB,SURV,DEVC\nAU,720,33.4,98,33.4,10,-9,1\n"),
        "{c}"
    );
}
