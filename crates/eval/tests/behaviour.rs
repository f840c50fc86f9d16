//! Entropy, TOPSIS, groups, reliability, grade schemes and bad input.
//! Expected numbers are worked by hand from the formulas in docs/evaluation.md.

use fiscus_data::{Column, Dataset};
use fiscus_eval::*;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "got {a}, expected {b}");
}

#[test]
fn entropy_weights_by_hand() {
    // min-max: column 1 (1, 2, 3) -> p = (0, 1/3, 2/3); column 2 (2, 2, 4) -> p = (0, 0, 1), e = 0
    let x = vec![vec![1.0, 2.0], vec![2.0, 2.0], vec![3.0, 4.0]];
    let e = entropy_weights(&x, &[Direction::Benefit; 2], EntropyNormalisation::MinMax).unwrap();
    close(e.entropy[0], 0.5793801642856949);
    close(e.entropy[1], 0.0);
    close(e.weights[0], 0.2960819109658653);
    close(e.weights[1], 0.7039180890341347);
    // ratio: a cost column is reflected (max + min - x), here (1, 3, 2) -> (3, 1, 2)
    let x = vec![vec![10.0, 1.0], vec![20.0, 3.0], vec![30.0, 2.0]];
    let e = entropy_weights(
        &x,
        &[Direction::Benefit, Direction::Cost],
        EntropyNormalisation::Ratio,
    )
    .unwrap();
    close(e.entropy[0], 0.920619835714305);
    close(e.weights[0], 0.5);
}

#[test]
fn topsis_by_hand() {
    let x = vec![vec![2.0, 10.0], vec![4.0, 20.0], vec![3.0, 5.0]];
    let t = topsis(&x, &[0.5, 0.5], &[Direction::Benefit, Direction::Cost]).unwrap();
    close(t.closeness[0], 0.503275249702104);
    close(t.closeness[1], 0.3619635714747841);
    close(t.closeness[2], 0.7856148198073412);
    assert_eq!(t.rank, vec![2, 3, 1]);
}

fn sys() -> IndicatorSystem {
    IndicatorSystem::new(
        vec![
            Dimension::new(
                "A",
                Some(0.5),
                vec![
                    Indicator::new("a1", Some(0.5)),
                    Indicator::new("a2", Some(0.5)),
                ],
            ),
            Dimension::new("B", Some(0.5), vec![Indicator::new("b1", Some(1.0))]),
        ],
        WeightCheck::default(),
    )
    .unwrap()
}

#[test]
fn group_weights_change_the_means() {
    let ds = Dataset::new(
        "s.csv",
        vec!["r1".into(), "r2".into(), "r3".into()],
        vec![
            Column::numbers("a1", &[5.0, 3.0, 3.0]),
            Column::numbers("a2", &[5.0, 3.0, 3.0]),
            Column::numbers("b1", &[5.0, 1.0, 1.0]),
            Column::new(
                "group",
                vec![
                    fiscus_data::Cell::Text("officials".into()),
                    fiscus_data::Cell::Text("citizens".into()),
                    fiscus_data::Cell::Text("citizens".into()),
                ],
            ),
        ],
    )
    .unwrap();
    let ids: Vec<String> = ["a1", "a2", "b1"].iter().map(|s| s.to_string()).collect();
    let r = Responses::from_dataset(&ds, &ids, Some("group"), &[], &Scale::default()).unwrap();
    let plain = evaluate(&sys(), &r, &EvalConfig::default()).unwrap();
    // a = 11/3, b = 7/3, overall 3
    close(plain.composite.score, 3.0);
    let cfg = EvalConfig {
        group_weights: Some(vec![("officials".into(), 0.5), ("citizens".into(), 0.5)]),
        ..Default::default()
    };
    let g = evaluate(&sys(), &r, &cfg).unwrap();
    // a = (5 + 3)/2 = 4, b = (5 + 1)/2 = 3, overall 3.5
    close(g.composite.score, 3.5);
    assert_eq!(
        g.counts.groups,
        vec![("officials".to_string(), 1), ("citizens".to_string(), 2)]
    );
    let missing = EvalConfig {
        group_weights: Some(vec![("officials".into(), 1.0)]),
        ..Default::default()
    };
    let e = evaluate(&sys(), &r, &missing).unwrap_err().to_string();
    assert!(e.contains("group `citizens` of s.csv has no weight"), "{e}");
}

#[test]
fn cronbach_alpha_per_dimension_and_weakest_list() {
    let r = Responses::new(
        "s",
        vec!["x".into(), "y".into(), "z".into()],
        vec!["a1".into(), "a2".into(), "b1".into()],
        vec![
            vec![Some(1.0), Some(2.0), Some(4.0)],
            vec![Some(2.0), Some(3.0), Some(4.0)],
            vec![Some(3.0), Some(5.0), Some(4.0)],
        ],
        None,
        &Scale::default(),
    )
    .unwrap();
    let e = evaluate(&sys(), &r, &EvalConfig::default())
        .unwrap()
        .composite;
    close(e.dimensions[0].cronbach_alpha.unwrap(), 54.0 / 57.0);
    assert_eq!(e.dimensions[1].cronbach_alpha, None); // one indicator
                                                      // losses: a1 0.25 x 3 = 0.75, a2 0.25 x (5 - 10/3), b1 0.5 x 1 = 0.5
    assert_eq!(e.weakest[0].id, "a1");
    close(e.weakest[0].loss, 0.75);
}

#[test]
fn grade_boundary_sensitivity() {
    // dimension scores 4.8 and 3.0, equal weights: composite 3.9 (B); weight of the first
    // dimension 5/6 reaches 4.5 (A), 5/18 reaches 3.5 (C below)
    let b = grade_boundaries(
        &[4.8, 3.0],
        &[0.5, 0.5],
        &GradeScheme::five_band(),
        &Scale::default(),
        Conversion::Times,
    )
    .unwrap();
    let up = b[0].increase.as_ref().unwrap();
    close(up.new_weight, 5.0 / 6.0);
    close(up.delta.unwrap(), 5.0 / 3.0 - 1.0);
    assert_eq!(up.grade, "A");
    let down = b[0].decrease.as_ref().unwrap();
    close(down.new_weight, 5.0 / 18.0);
    assert_eq!(down.grade, "C");
    // on the MoF scheme (x20): 90 points = 4.5, 80 = 4.0
    let m = grade_boundaries(
        &[4.8, 3.0],
        &[0.5, 0.5],
        &GradeScheme::mof(),
        &Scale::default(),
        Conversion::Times,
    )
    .unwrap();
    assert_eq!(m[0].current_grade, "中");
    close(m[0].increase.as_ref().unwrap().new_weight, 1.0 / 1.8);
}

#[test]
fn bad_input_is_rejected_with_clear_messages() {
    let no_weight = IndicatorSystem::new(
        vec![Dimension::new(
            "A",
            Some(1.0),
            vec![Indicator::new("a1", Some(0.5)), Indicator::new("a2", None)],
        )],
        WeightCheck::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        no_weight.starts_with("indicator `a2` of dimension `A` has no weight"),
        "{no_weight}"
    );

    let sum = IndicatorSystem::new(
        vec![
            Dimension::new("A", Some(0.5), vec![Indicator::new("a1", Some(1.0))]),
            Dimension::new("B", Some(0.6), vec![Indicator::new("b1", Some(1.0))]),
        ],
        WeightCheck::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        sum.contains("the dimension weights sum to 1.1, not 1"),
        "{sum}"
    );
    assert!(sum.contains("normalise"), "{sum}");

    let ds = Dataset::new(
        "s.csv",
        vec!["r1".into()],
        vec![
            Column::numbers("a1", &[4.0]),
            Column::numbers("a2", &[4.0]),
            Column::numbers("b2", &[4.0]),
        ],
    )
    .unwrap();
    let ids: Vec<String> = ["a1", "a2", "b1"].iter().map(|s| s.to_string()).collect();
    let e = Responses::from_dataset(&ds, &ids, None, &[], &Scale::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("column `b2` is not an indicator of the system (did you mean `b1`?)"),
        "{e}"
    );

    let e = Responses::new(
        "s.csv",
        vec!["r1".into()],
        vec!["a1".into()],
        vec![vec![Some(0.0)]],
        None,
        &Scale::default(),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "s.csv: row 1 (respondent `r1`), column `a1`: response 0 is outside the scale 1..5"
    );

    let gap = GradeScheme::new(
        "custom",
        GradeBasis::Raw,
        vec![
            Band::parse("low", "[1, 3)").unwrap(),
            Band::parse("high", "[3.5, 5]").unwrap(),
        ],
    )
    .unwrap_err()
    .to_string();
    assert!(gap.contains("leave a gap at 3"), "{gap}");
    let overlap = GradeScheme::new(
        "custom",
        GradeBasis::Raw,
        vec![
            Band::parse("low", "[1, 3.5]").unwrap(),
            Band::parse("high", "[3, 5]").unwrap(),
        ],
    )
    .unwrap_err()
    .to_string();
    assert!(overlap.contains("overlap"), "{overlap}");
}

#[test]
fn conversion_choice_can_change_the_grade() {
    let sys = IndicatorSystem::new(
        vec![Dimension::new(
            "A",
            Some(1.0),
            vec![Indicator::new("a", Some(1.0))],
        )],
        WeightCheck::default(),
    )
    .unwrap();
    let x20 = composite_from_means(&sys, &[4.1], &EvalConfig::default()).unwrap();
    let lin = composite_from_means(
        &sys,
        &[4.1],
        &EvalConfig {
            conversion: Conversion::Linear,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(x20.grades[1].grade, "良"); // 82
    assert_eq!(lin.grades[1].grade, "中"); // 77.5
}
