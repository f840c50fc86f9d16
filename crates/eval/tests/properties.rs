//! Property tests: the composite lies within the scale, equal answers give exactly that
//! score, M(·,+) fuzzy equals the weighted mean, the bootstrap is identical on 1 and 2 threads.

use fiscus_eval::*;
use proptest::prelude::*;

/// A random system: 1..4 dimensions of 1..4 indicators with positive weights (normalised).
fn system_shape() -> impl Strategy<Value = (Vec<f64>, Vec<Vec<f64>>)> {
    prop::collection::vec(prop::collection::vec(0.01f64..1.0, 1..4), 1..4).prop_flat_map(|local| {
        let k = local.len();
        (prop::collection::vec(0.01f64..1.0, k), Just(local))
    })
}

fn build(dw: &[f64], local: &[Vec<f64>]) -> IndicatorSystem {
    let dims = dw
        .iter()
        .zip(local)
        .enumerate()
        .map(|(k, (&w, l))| {
            Dimension::new(
                format!("D{k}"),
                Some(w),
                l.iter()
                    .enumerate()
                    .map(|(i, &v)| Indicator::new(format!("D{k}I{i}"), Some(v)))
                    .collect(),
            )
        })
        .collect();
    IndicatorSystem::new(
        dims,
        WeightCheck {
            normalise: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn responses(sys: &IndicatorSystem, rows: &[Vec<u8>]) -> Responses {
    let ids: Vec<String> = sys.indicator_ids().iter().map(|s| s.to_string()).collect();
    Responses::new(
        "prop",
        (1..=rows.len()).map(|r| r.to_string()).collect(),
        ids.clone(),
        rows.iter()
            .map(|r| {
                r.iter()
                    .take(ids.len())
                    .map(|&v| Some(f64::from(v)))
                    .collect()
            })
            .collect(),
        None,
        &Scale::default(),
    )
    .unwrap()
}

proptest! {
    #[test]
    fn score_lies_within_the_scale((dw, local) in system_shape(), seed in prop::collection::vec(prop::collection::vec(1u8..=5, 16), 2..12)) {
        let sys = build(&dw, &local);
        let r = responses(&sys, &seed);
        let e = evaluate(&sys, &r, &EvalConfig::default()).unwrap();
        prop_assert!((1.0..=5.0).contains(&e.composite.score), "{}", e.composite.score);
        prop_assert!((20.0..=100.0).contains(&e.composite.score_100));
        for d in &e.composite.dimensions {
            prop_assert!((1.0..=5.0).contains(&d.score));
        }
    }

    #[test]
    fn equal_answers_give_exactly_that_score((dw, local) in system_shape(), v in 1u8..=5, n in 1usize..10) {
        let sys = build(&dw, &local);
        let rows = vec![vec![v; 16]; n];
        let r = responses(&sys, &rows);
        let e = evaluate(&sys, &r, &EvalConfig::default()).unwrap();
        prop_assert_eq!(e.composite.score, f64::from(v));
        for d in &e.composite.dimensions {
            prop_assert_eq!(d.score, f64::from(v));
        }
        let m = memberships(&r, &Scale::default(), None).unwrap();
        let f = fuzzy_evaluate(&sys, &m, &Scale::default(), &FuzzyConfig::default()).unwrap();
        prop_assert_eq!(f.overall.score, f64::from(v));
    }

    #[test]
    fn fuzzy_dot_plus_equals_weighted_mean((dw, local) in system_shape(), seed in prop::collection::vec(prop::collection::vec(1u8..=5, 16), 1..12)) {
        let sys = build(&dw, &local);
        let r = responses(&sys, &seed);
        let e = evaluate(&sys, &r, &EvalConfig::default()).unwrap();
        let m = memberships(&r, &Scale::default(), None).unwrap();
        let f = fuzzy_evaluate(&sys, &m, &Scale::default(), &FuzzyConfig::default()).unwrap();
        prop_assert!((f.overall.score - e.composite.score).abs() < 1e-12);
    }

    #[test]
    fn entropy_weights_are_a_distribution(x in prop::collection::vec(prop::collection::vec(0.0f64..100.0, 3), 2..8)) {
        for norm in [EntropyNormalisation::MinMax, EntropyNormalisation::Ratio] {
            if let Ok(e) = entropy_weights(&x, &[Direction::Benefit, Direction::Cost, Direction::Benefit], norm) {
                prop_assert!((e.weights.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                prop_assert!(e.weights.iter().all(|w| *w >= 0.0));
                prop_assert!(e.entropy.iter().all(|v| (0.0..=1.0 + 1e-12).contains(v)));
            }
        }
    }

    #[test]
    fn topsis_closeness_in_unit_interval(x in prop::collection::vec(prop::collection::vec(0.1f64..100.0, 3), 2..8)) {
        let t = topsis(&x, &[0.2, 0.3, 0.5], &[Direction::Benefit, Direction::Cost, Direction::Benefit]).unwrap();
        prop_assert!(t.closeness.iter().all(|c| (0.0..=1.0).contains(c)));
    }
}

#[test]
fn bootstrap_identical_with_one_and_two_threads() {
    let sys = build(
        &[0.5, 0.3, 0.2],
        &[vec![0.5, 0.5], vec![1.0], vec![0.3, 0.7]],
    );
    let mut g = SplitMix64::new(99);
    let rows: Vec<Vec<u8>> = (0..40)
        .map(|_| (0..16).map(|_| 1 + g.below(5) as u8).collect())
        .collect();
    let r = responses(&sys, &rows);
    let cfg = BootstrapConfig {
        replicates: 500,
        seed: 12345,
        level: 0.95,
    };
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| bootstrap_composite(&sys, &r, &EvalConfig::default(), &cfg).unwrap())
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
    assert!(
        one.lower < one.estimate && one.estimate < one.upper,
        "{one:?}"
    );
    let other_seed = bootstrap_composite(
        &sys,
        &r,
        &EvalConfig::default(),
        &BootstrapConfig { seed: 1, ..cfg },
    )
    .unwrap();
    assert_ne!(one.lower, other_seed.lower);
}
