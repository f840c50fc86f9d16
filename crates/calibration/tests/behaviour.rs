//! Errors, warnings, threshold parsing, findTh and percentile anchors.

use fiscus_calibration::{
    calibrate, find_thresholds, percentile_thresholds, quantile, CalibrationError, CalibrationSpec,
    Method, SetType, Thresholds,
};

fn some(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().map(|&x| Some(x)).collect()
}

fn spec(text: &str) -> CalibrationSpec {
    text.parse().expect("spec parses")
}

fn err(x: &[Option<f64>], s: &CalibrationSpec) -> CalibrationError {
    calibrate(x, s).expect_err("calibration must fail")
}

const DEV: [f64; 6] = [720.0, 1098.0, 586.0, 468.0, 350.0, 320.0];

#[test]
fn threshold_syntax() {
    let t: Thresholds = " e = 400 , c=550,i=900 ".parse().unwrap();
    assert_eq!((t.values, t.named), (vec![400.0, 550.0, 900.0], true));
    let six: Thresholds = "i1=350, c1=450, e1=550, e2=700, c2=850, i2=1000"
        .parse()
        .unwrap();
    assert_eq!(six.values, vec![550.0, 450.0, 350.0, 1000.0, 850.0, 700.0]);
    let neg: Thresholds = "e=-9,c=0,i=10".parse().unwrap();
    assert_eq!(neg.values, vec![-9.0, 0.0, 10.0]);
    let semi: Thresholds = "1;2;3".parse().unwrap();
    assert_eq!(semi.values, vec![1.0, 2.0, 3.0]);
    for (bad, msg) in [
        ("", "no values"),
        ("e=1,c=x,i=3", "`x` is not a number"),
        ("e=1,2,i=3", "name all values or none"),
        ("e=1,c=2", "three (e,c,i) or six"),
        ("e=1,c=2,q=3", "unknown anchor name `q`"),
        ("e=1,e=2,i=3", "anchor `e` given twice"),
        ("e=1,c=inf,i=3", "`inf` is not a number"),
    ] {
        let e = bad.parse::<Thresholds>().unwrap_err().to_string();
        assert!(e.contains(msg), "`{bad}` gave `{e}`");
        assert!(e.starts_with(&format!("invalid thresholds `{bad}`")), "{e}");
    }
}

#[test]
fn anchors_can_be_read_and_replaced() {
    let s = spec("e=400,c=550,i=900").with_idm(0.99);
    let t = s.with_anchors(&[350.0, 550.0, 950.0]);
    assert_eq!(t.anchors(), &[350.0, 550.0, 950.0]);
    assert_eq!(t.idm, 0.99);
    assert_eq!(s.anchors(), &[400.0, 550.0, 900.0]);
    let a = calibrate(&[Some(950.0)], &t).unwrap().values[0].unwrap();
    assert!((a - 0.99).abs() < 1e-12);
}

#[test]
fn anchors_out_of_order_are_refused() {
    let e = err(&some(&DEV), &spec("e=400,c=1000,i=900"));
    assert!(matches!(e, CalibrationError::Order { .. }));
    assert_eq!(
        e.to_string(),
        "anchors out of order: e=400, c=1000, i=900 (the crossover must lie between the exclusion and inclusion anchors)"
    );
    let e = err(
        &some(&DEV),
        &spec("e=400,c=1000,i=900").with_logistic(false),
    );
    assert!(matches!(e, CalibrationError::Order { .. }));
    let bell = err(
        &some(&DEV),
        &spec("e1=350,c1=450,i1=700,i2=550,c2=850,e2=1000"),
    );
    assert!(
        bell.to_string()
            .starts_with("anchors out of order: e1=350, c1=450, i1=700, i2=550"),
        "{bell}"
    );
}

#[test]
fn equal_anchors_are_refused_or_warned_like_r() {
    let e = err(&some(&DEV), &spec("e=400,c=400,i=900"));
    assert_eq!(
        e.to_string(),
        "equal anchors: e=400, c=400, i=900 (the crossover must differ from the other anchors)"
    );
    let e = err(&some(&DEV), &spec("e=500,c=500,i=500").with_logistic(false));
    assert!(matches!(e, CalibrationError::Equal { .. }), "{e}");
    // R only warns for the linear shape when the crossover equals an end anchor.
    let out = calibrate(
        &some(&[300.0, 400.0, 650.0, 1000.0]),
        &spec("e=400,c=400,i=900").with_logistic(false),
    )
    .unwrap();
    assert_eq!(out.warnings.len(), 1);
    assert!(
        out.warnings[0].contains("some thresholds equal"),
        "{:?}",
        out.warnings
    );
    assert_eq!(out.values[0], Some(0.0));
    assert_eq!(out.values[1], Some(0.0));
    assert_eq!(out.values[2], Some(0.75));
    assert_eq!(out.values[3], Some(1.0));
    let bell = err(
        &some(&DEV),
        &spec("e1=350,c1=350,i1=550,i2=700,c2=850,e2=1000"),
    );
    assert!(matches!(bell, CalibrationError::Equal { .. }), "{bell}");
}

#[test]
fn idm_and_exponents_are_checked() {
    for idm in [0.5, 1.0, 0.3, f64::NAN] {
        let e = err(&some(&DEV), &spec("e=400,c=550,i=900").with_idm(idm));
        assert!(matches!(e, CalibrationError::Idm { .. }), "{idm}: {e}");
    }
    assert_eq!(
        err(&some(&DEV), &spec("e=400,c=550,i=900").with_idm(0.5)).to_string(),
        "idm 0.5 is outside (0.5, 1)"
    );
    let e = err(
        &some(&DEV),
        &spec("e=400,c=550,i=900")
            .with_logistic(false)
            .with_exponents(0.0, 1.0),
    );
    assert_eq!(e.to_string(), "below must be a positive number, got 0");
    let e = err(
        &some(&DEV),
        &spec("e=400,c=550,i=900").with_exponents(1.0, -2.0),
    );
    assert_eq!(e.to_string(), "above must be a positive number, got -2");
}

#[test]
fn threshold_counts_are_checked() {
    let e = err(&some(&DEV), &spec("400,900"));
    assert_eq!(
        e.to_string(),
        "fuzzy direct calibration needs 3 or 6 thresholds, got 2"
    );
    let e = err(&some(&DEV), &CalibrationSpec::crisp(&[]));
    assert_eq!(
        e.to_string(),
        "crisp calibration needs 1 or more thresholds, got 0"
    );
    let e = err(
        &some(&DEV),
        &CalibrationSpec::default().with_method(Method::Indirect),
    );
    assert_eq!(
        e.to_string(),
        "indirect calibration needs 1 or more thresholds, got 0"
    );
}

#[test]
fn crisp_thresholds_must_lie_in_the_data_range() {
    let e = err(&some(&DEV), &CalibrationSpec::crisp(&[300.0]));
    assert_eq!(
        e.to_string(),
        "crisp threshold 300 is outside the data range [320, 1098]"
    );
    let e = err(&some(&DEV), &CalibrationSpec::crisp(&[550.0, 2000.0]));
    assert!(matches!(e, CalibrationError::OutsideRange { threshold, .. } if threshold == 2000.0));
    let e = err(&some(&DEV), &CalibrationSpec::crisp(&[550.0, 550.0]));
    assert!(matches!(e, CalibrationError::Equal { .. }));
    let named = spec("e=400,c=550,i=900").with_type(SetType::Crisp);
    assert!(err(&some(&DEV), &named)
        .to_string()
        .contains("named thresholds (e=400,c=550,i=900) need fuzzy calibration"));
    let indirect_crisp = CalibrationSpec::crisp(&[550.0]).with_method(Method::Indirect);
    assert!(err(&some(&DEV), &indirect_crisp)
        .to_string()
        .contains("method `indirect` applies to fuzzy sets"));
    // Ties go to the upper category, as findInterval does.
    let out = calibrate(
        &some(&[320.0, 550.0, 551.0]),
        &CalibrationSpec::crisp(&[550.0]),
    )
    .unwrap();
    assert_eq!(out.values, some(&[0.0, 1.0, 1.0]));
}

#[test]
fn ecdf_needs_the_linear_three_anchor_shape() {
    let e = err(&some(&DEV), &spec("e=400,c=550,i=900").with_ecdf(true));
    assert_eq!(
        e.to_string(),
        "ecdf needs the linear shape (logistic = false)"
    );
    let e = err(
        &some(&DEV),
        &spec("e1=350,c1=450,i1=550,i2=700,c2=850,e2=1000").with_ecdf(true),
    );
    assert_eq!(e.to_string(), "ecdf applies to three anchors, not to six");
}

#[test]
fn missing_and_bad_values() {
    let x = vec![Some(720.0), None, Some(350.0), None];
    let out = calibrate(&x, &spec("e=400,c=550,i=900")).unwrap();
    assert_eq!(out.missing, vec![1, 3]);
    assert_eq!(out.values[1], None);
    assert!(out.values[0].is_some() && out.values[2].is_some());
    let e = err(&[None, None], &spec("e=400,c=550,i=900"));
    assert_eq!(
        e.to_string(),
        "no value to calibrate: all 2 values are missing"
    );
    let e = err(&[Some(1.0), Some(f64::NAN)], &spec("e=400,c=550,i=900"));
    assert_eq!(e.to_string(), "row 2: value NaN is not a finite number");
    let ind = spec("1000,4000,5000").with_method(Method::Indirect);
    let e = err(&[Some(1.0), Some(-3.0)], &ind);
    assert_eq!(
        e.to_string(),
        "row 2: value -3 is negative; indirect calibration takes logarithms"
    );
}

#[test]
fn indirect_keeps_missing_values_in_place_and_treats_zero_as_tiny() {
    let inc = [
        40110.0, 34400.0, 25200.0, 24920.0, 20060.0, 17090.0, 15320.0, 13680.0, 11720.0, 11290.0,
        10940.0, 9800.0, 7470.0, 4670.0, 4100.0, 4070.0, 3740.0, 3690.0, 3590.0, 2980.0, 1000.0,
        650.0, 450.0, 110.0,
    ];
    let s = spec("1000, 4000, 5000, 10000, 20000").with_method(Method::Indirect);
    let full = calibrate(&some(&inc), &s).unwrap();
    let mut gappy = some(&inc);
    gappy.insert(3, None);
    let out = calibrate(&gappy, &s).unwrap();
    assert_eq!(out.values[3], None);
    assert_eq!(out.missing, vec![3]);
    let mut back = out.values.clone();
    back.remove(3);
    assert_eq!(back, full.values);
    let mut zero = some(&inc);
    zero[23] = Some(0.0);
    let z = calibrate(&zero, &s).unwrap();
    assert_eq!(z.values[23], Some(0.0));
    assert!(z.warnings.is_empty());
}

#[test]
fn tfr_needs_categories_above_one_and_ignores_thresholds_with_a_warning() {
    let e = err(&some(&[1.0, 1.0, 0.0]), &CalibrationSpec::tfr());
    assert_eq!(
        e.to_string(),
        "TFR calibration needs values above the lowest category 1"
    );
    let s = CalibrationSpec {
        thresholds: Thresholds::plain(&[2.0]),
        ..CalibrationSpec::tfr()
    };
    let out = calibrate(&some(&[1.0, 2.0, 3.0, 4.0]), &s).unwrap();
    assert_eq!(out.values, some(&[0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0]));
    assert_eq!(
        out.warnings,
        vec!["thresholds (2) are ignored by TFR calibration".to_string()]
    );
}

#[test]
fn find_thresholds_matches_r_documentation() {
    // R QCA's ?findTh example: findTh(gdp) = 8700; findTh(gdp, n = 2) = 8700 18000.
    let gdp = some(&[
        460.0, 500.0, 900.0, 2000.0, 2100.0, 2400.0, 15000.0, 16000.0, 20000.0,
    ]);
    assert_eq!(find_thresholds(&gdp, 1).unwrap(), vec![8700.0]);
    assert_eq!(find_thresholds(&gdp, 2).unwrap(), vec![8700.0, 18000.0]);
    // Order and missing values do not matter.
    let mut shuffled = gdp.clone();
    shuffled.reverse();
    shuffled.push(None);
    assert_eq!(
        find_thresholds(&shuffled, 2).unwrap(),
        vec![8700.0, 18000.0]
    );
    let e = find_thresholds(&some(&[1.0, 1.0, 2.0]), 2).unwrap_err();
    assert_eq!(
        e.to_string(),
        "cannot suggest 2 threshold(s) from 2 distinct value(s)"
    );
    assert_eq!(
        find_thresholds(&gdp, 0).unwrap_err().to_string(),
        "the number of thresholds to suggest must be at least 1"
    );
}

#[test]
fn percentiles_follow_r_quantile_type_7() {
    // R type 7 by hand: sorted 320 350 468 586 720 1098, h = 1 + 5p → 327.5, 527, 1003.5
    let x = some(&DEV);
    assert!((quantile(&x, 0.05).unwrap() - 327.5).abs() < 1e-9);
    assert!((quantile(&x, 0.5).unwrap() - 527.0).abs() < 1e-9);
    assert!((quantile(&x, 0.95).unwrap() - 1003.5).abs() < 1e-9);
    assert_eq!(quantile(&x, 0.0).unwrap(), 320.0);
    assert_eq!(quantile(&x, 1.0).unwrap(), 1098.0);
    let t = percentile_thresholds(&x, &"95,50,5".parse().unwrap()).unwrap();
    assert!(!t.named);
    let spec = CalibrationSpec {
        thresholds: t,
        ..CalibrationSpec::default()
    };
    let out = calibrate(&some(&[1003.5, 527.0]), &spec).unwrap();
    assert!((out.values[0].unwrap() - 0.95).abs() < 1e-12);
    assert_eq!(out.values[1], Some(0.5));
    let e = percentile_thresholds(&x, &"105,50,5".parse().unwrap()).unwrap_err();
    assert_eq!(e.to_string(), "percentile 105 is outside [0, 100]");
    assert!(percentile_thresholds(&[None], &"50".parse().unwrap()).is_err());
}
