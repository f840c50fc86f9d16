//! Reproduces COMP-1 of `composite_cases` (tests/fixtures/eval/composite_cases.json): weighted
//! linear score, 100-point conversions, grades, fuzzy evaluation with every operator, the
//! one-at-a-time sensitivity grid. The reference rounds to 10 decimals; weights enter as
//! printed, so results are compared to 1e-9.

use fiscus_eval::*;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn case() -> Value {
    let path = format!(
        "{}/../../tests/fixtures/eval/composite_cases.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let v: Value = serde_json::from_str(&text).expect("JSON fixture");
    v["composite_cases"][0].clone()
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(num).collect()
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= TOL * want.abs().max(1.0),
        "{what}: got {got}, reference {want}"
    );
}

fn system(c: &Value) -> IndicatorSystem {
    let fl = &c["first_level"];
    let names: Vec<String> = fl["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let weights = nums(&fl["weights"]);
    let dims = names
        .iter()
        .zip(&weights)
        .map(|(name, &w)| {
            let inds = c["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["perspective"].as_str() == Some(name.as_str()))
                .map(|i| {
                    let label = i["indicator"].as_str().unwrap();
                    let (id, rest) = label.split_once(' ').unwrap();
                    Indicator::new(id, Some(num(&i["local_weight"]))).with_name(rest)
                })
                .collect();
            Dimension::new(name.clone(), Some(w), inds)
        })
        .collect();
    IndicatorSystem::new(dims, WeightCheck::default()).expect("valid system")
}

/// Responses with the reference counts: respondent r of each indicator answers the r-th value
/// of the counts expanded from 5 down to 1.
fn responses(c: &Value) -> Responses {
    let inds = c["indicators"].as_array().unwrap();
    let cols: Vec<Vec<f64>> = inds
        .iter()
        .map(|i| {
            nums(&i["counts_5to1"])
                .iter()
                .zip([5.0, 4.0, 3.0, 2.0, 1.0])
                .flat_map(|(&n, level)| std::iter::repeat_n(level, n as usize))
                .collect()
        })
        .collect();
    let n = cols[0].len();
    let ids: Vec<String> = inds
        .iter()
        .map(|i| {
            i["indicator"]
                .as_str()
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    Responses::new(
        "comp1",
        (1..=n).map(|r| format!("R{r}")).collect(),
        ids,
        (0..n)
            .map(|r| cols.iter().map(|col| Some(col[r])).collect())
            .collect(),
        None,
        &Scale::default(),
    )
    .unwrap()
}

#[test]
fn weighted_linear_score_grades_and_conversions() {
    let c = case();
    let sys = system(&c);
    let resp = responses(&c);
    let e = evaluate(&sys, &resp, &EvalConfig::default()).unwrap();
    let comp = &e.composite;
    for (g, w) in comp
        .indicators
        .iter()
        .zip(c["indicators"].as_array().unwrap())
    {
        close(g.mean, num(&w["mean_likert"]), "indicator mean");
        close(g.global_weight, num(&w["global_weight"]), "global weight");
    }
    for (g, w) in comp
        .dimensions
        .iter()
        .zip(c["second_level"].as_array().unwrap())
    {
        close(g.score, num(&w["perspective_score"]), "perspective score");
    }
    let wl = &c["weighted_linear"];
    close(comp.score, num(&wl["score_1to5"]), "score 1-5");
    close(comp.score_100, num(&wl["score_x20_to_100"]), "x20");
    assert_eq!(
        comp.grades[0].grade,
        wl["grade_5band(A>=4.5,B>=3.5,C>=2.5,D>=1.5,E<1.5)"]
            .as_str()
            .unwrap()
    );
    assert_eq!(
        comp.grades[1].grade,
        wl["MoF_4band_on_x20"].as_str().unwrap()
    );

    let linear = EvalConfig {
        conversion: Conversion::Linear,
        ..Default::default()
    };
    let l = evaluate(&sys, &resp, &linear).unwrap().composite;
    close(
        l.score_100,
        num(&wl["score_linear_map_(s-1)/4*100"]),
        "linear map",
    );
    assert_eq!(
        l.grades[1].grade,
        wl["MoF_4band_on_linear_map"].as_str().unwrap()
    );
    assert_eq!(e.counts.respondents, 50);
}

#[test]
fn fuzzy_dot_plus_equals_weighted_mean_and_matches_reference() {
    let c = case();
    let sys = system(&c);
    let r = memberships(&responses(&c), &Scale::default(), None).unwrap();
    let f = fuzzy_evaluate(&sys, &r, &Scale::default(), &FuzzyConfig::default()).unwrap();
    for (g, w) in f
        .dimensions
        .iter()
        .zip(c["second_level"].as_array().unwrap())
    {
        for (a, b) in g.b.iter().zip(nums(&w["fuzzy_B_perspective"])) {
            close(*a, b, "perspective B");
        }
    }
    let fz = &c["fuzzy_M_dot_plus"];
    for (a, b) in f.overall.b.iter().zip(nums(&fz["B_unnormalized"])) {
        close(*a, b, "overall B");
    }
    assert_eq!(
        f.overall.max_membership_index as f64,
        num(&fz["max_membership_grade_index_5to1"])
    );
    close(
        f.overall.score,
        num(&fz["score_V=(5,4,3,2,1)"]),
        "score V=5..1",
    );
    close(
        f.overall.score,
        num(&c["weighted_linear"]["score_1to5"]),
        "identity with the weighted mean",
    );
    for (key, v) in [
        (
            "score_V=(100,80,60,40,20)",
            vec![100.0, 80.0, 60.0, 40.0, 20.0],
        ),
        (
            "score_V=(95,85,75,65,55)",
            vec![95.0, 85.0, 75.0, 65.0, 55.0],
        ),
    ] {
        let cfg = FuzzyConfig {
            values: Some(v),
            ..Default::default()
        };
        let f = fuzzy_evaluate(&sys, &r, &Scale::default(), &cfg).unwrap();
        close(f.overall.score, num(&fz[key]), key);
    }
}

#[test]
fn fuzzy_other_operators_on_the_perspective_memberships() {
    let c = case();
    let sys = system(&c);
    let r = memberships(&responses(&c), &Scale::default(), None).unwrap();
    let refs = &c["fuzzy_other_operators_on_perspective_Bs"];
    for (key, op) in [
        ("M(min,max)_Zadeh", FuzzyOperator::MinMax),
        ("M(dot,max)", FuzzyOperator::ProductMax),
        ("M(min,bounded_sum)", FuzzyOperator::MinBoundedSum),
    ] {
        let cfg = FuzzyConfig {
            operator: op,
            inner_operator: Some(FuzzyOperator::WeightedSum),
            values: None,
        };
        let f = fuzzy_evaluate(&sys, &r, &Scale::default(), &cfg).unwrap();
        for (a, b) in f.overall.b.iter().zip(nums(&refs[key])) {
            close(*a, b, key);
        }
    }
}

#[test]
fn sensitivity_grid() {
    let c = case();
    let s = &c["sensitivity_one_at_a_time"];
    let scores = nums(&s["perspective_scores"]);
    let weights = nums(&c["first_level"]["weights"]);
    close(
        scores.iter().zip(&weights).map(|(a, b)| a * b).sum(),
        num(&s["base_score"]),
        "base score",
    );
    let runs = s["runs"].as_array().unwrap();
    let deltas = [-0.2, -0.1, 0.1, 0.2];
    let got = one_at_a_time(&scores, &weights, &deltas).unwrap();
    assert_eq!(got.len(), runs.len());
    for (g, w) in got.iter().zip(runs) {
        assert_eq!(g.dimension_index as f64, num(&w["perspective_index"]));
        close(g.delta, num(&w["delta"]), "delta");
        for (a, b) in g.weights.iter().zip(nums(&w["weights"])) {
            close(*a, b, "weights");
        }
        close(g.score, num(&w["score"]), "score");
    }
    // no ±20 % change moves the grade: B holds throughout, and the boundaries are far away
    let b = grade_boundaries(
        &scores,
        &weights,
        &GradeScheme::five_band(),
        &Scale::default(),
        Conversion::Times,
    )
    .unwrap();
    for d in &b {
        assert_eq!(d.current_grade, "B");
        assert!(d.increase.is_none() && d.decrease.is_none(), "{d:?}");
    }
}
