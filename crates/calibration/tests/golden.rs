//! Every calibration in R QCA's reference file (tests/fixtures/calibration/C01_calibrate.json)
//! reproduced through the library: 1e-9 (indirect: 1e-6, R rounds it to 6 decimals).

use fiscus_calibration::{calibrate, CalibrationSpec, Method, SetType, Thresholds};
use serde_json::Value;

const TOL: f64 = 1e-9;
const TOL_INDIRECT: f64 = 1e-6;

fn fixture() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/calibration/C01_calibrate.json"
    );
    let text = std::fs::read_to_string(path).expect("fixture C01_calibrate.json is readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// The value of `name = ...` in an R call, if present.
fn arg<'a>(call: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name} = ");
    let start = call.find(&key)? + key.len();
    let rest = &call[start..];
    let end = rest.find([',', ')']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// Translates the R call of a reference case into a specification.
fn spec_from_r(call: &str) -> CalibrationSpec {
    let thresholds: Thresholds = if let Some(s) = call.split("thresholds = \"").nth(1) {
        s.split('"')
            .next()
            .unwrap_or_default()
            .parse()
            .expect("thresholds parse")
    } else if let Some(s) = call.split("thresholds = c(").nth(1) {
        s.split(')')
            .next()
            .unwrap_or_default()
            .parse()
            .expect("thresholds parse")
    } else if let Some(v) = arg(call, "thresholds") {
        v.parse().expect("thresholds parse")
    } else {
        Thresholds::default()
    };
    let mut spec = CalibrationSpec {
        thresholds,
        ..CalibrationSpec::default()
    };
    if call.contains("type = \"crisp\"") {
        spec.set_type = SetType::Crisp;
    }
    if call.contains("method = \"indirect\"") {
        spec.method = Method::Indirect;
    }
    if call.contains("method = \"TFR\"") {
        spec.method = Method::Tfr;
    }
    spec.logistic = !call.contains("logistic = FALSE");
    spec.ecdf = call.contains("ecdf = TRUE");
    for (name, slot) in [
        ("idm", &mut spec.idm),
        ("below", &mut spec.below),
        ("above", &mut spec.above),
    ] {
        if let Some(v) = arg(call, name) {
            *slot = v.parse().expect("numeric argument");
        }
    }
    spec
}

fn numbers(v: &Value) -> Vec<Option<f64>> {
    v.as_array()
        .expect("array")
        .iter()
        .map(Value::as_f64)
        .collect()
}

#[test]
fn every_reference_calibration_matches_r() {
    let doc = fixture();
    let cases = doc["calibrations"].as_array().expect("calibrations");
    assert_eq!(cases.len(), 25, "the reference file has 25 calibrations");
    for case in cases {
        let id = case["id"].as_str().unwrap_or_default();
        let call = case["r_call"].as_str().unwrap_or_default();
        let spec = spec_from_r(call);
        let input = numbers(&case["input"]);
        let expected = numbers(&case["output"]);
        let got = calibrate(&input, &spec).unwrap_or_else(|e| panic!("{id}: {e}"));
        let tol = if spec.method == Method::Indirect {
            TOL_INDIRECT
        } else {
            TOL
        };
        assert_eq!(got.values.len(), expected.len(), "{id}: length");
        for (k, (g, e)) in got.values.iter().zip(&expected).enumerate() {
            let (g, e) = (g.expect("no missing input"), e.expect("no missing output"));
            assert!(
                (g - e).abs() <= tol,
                "{id}: value {k} is {g}, R gives {e} ({call})"
            );
        }
        assert!(
            got.warnings.is_empty(),
            "{id}: unexpected warnings {:?}",
            got.warnings
        );
    }
}

#[test]
fn reference_calls_are_translated_as_intended() {
    let s = spec_from_r(
        r#"calibrate(LR$DEV, thresholds = "e=400, c=550, i=900", logistic = FALSE, below = 0.5, above = 3)"#,
    );
    assert_eq!(s.anchors(), &[400.0, 550.0, 900.0]);
    assert!(!s.logistic);
    assert_eq!((s.below, s.above), (0.5, 3.0));
    let c = spec_from_r("calibrate(LR$DEV, type = \"crisp\", thresholds = c(550, 850))");
    assert_eq!(
        (c.set_type, c.anchors()),
        (SetType::Crisp, &[550.0, 850.0][..])
    );
    let one = spec_from_r("calibrate(LR$STB, type = \"crisp\", thresholds = 10)");
    assert_eq!(one.anchors(), &[10.0]);
    assert_eq!(
        spec_from_r("calibrate(likert, method = \"TFR\")").method,
        Method::Tfr
    );
}
