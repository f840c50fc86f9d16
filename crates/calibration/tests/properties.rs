//! Property tests: fuzzy memberships lie in [0, 1], are monotone in x, are 0.5 at the
//! crossover and 0.95 at the inclusion anchor with the default idm.

use fiscus_calibration::{calibrate, CalibrationSpec, Thresholds};
use proptest::prelude::*;

/// Strictly increasing anchors e < c < i.
fn anchors() -> impl Strategy<Value = (f64, f64, f64)> {
    (-1000.0f64..1000.0, 0.01f64..500.0, 0.01f64..500.0)
        .prop_map(|(e, d1, d2)| (e, e + d1, e + d1 + d2))
}

fn spec(e: f64, c: f64, i: f64) -> CalibrationSpec {
    CalibrationSpec {
        thresholds: Thresholds {
            values: vec![e, c, i],
            named: true,
        },
        ..CalibrationSpec::default()
    }
}

fn one(x: f64, s: &CalibrationSpec) -> f64 {
    calibrate(&[Some(x)], s).expect("valid spec").values[0].expect("not missing")
}

/// The shapes to check: logistic (several idm), linear with exponents, ecdf needs data.
fn shapes(e: f64, c: f64, i: f64, idm: f64, below: f64, above: f64) -> Vec<CalibrationSpec> {
    vec![
        spec(e, c, i),
        spec(e, c, i).with_idm(idm),
        spec(e, c, i)
            .with_logistic(false)
            .with_exponents(below, above),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fuzzy_memberships_lie_in_unit_interval(
        (e, c, i) in anchors(),
        xs in prop::collection::vec(-3000.0f64..3000.0, 1..40),
        idm in 0.51f64..0.999,
        below in 0.1f64..5.0,
        above in 0.1f64..5.0,
        decreasing in any::<bool>(),
    ) {
        let x: Vec<Option<f64>> = xs.iter().map(|&v| Some(v)).collect();
        let (e, i) = if decreasing { (i, e) } else { (e, i) };
        let mut all = shapes(e, c, i, idm, below, above);
        all.push(spec(e, c, i).with_logistic(false).with_ecdf(true));
        for s in &all {
            let out = calibrate(&x, s).expect("valid spec");
            for v in out.values {
                let v = v.expect("no missing");
                prop_assert!((0.0..=1.0).contains(&v), "{v} outside [0,1] for {s:?}");
            }
        }
    }

    #[test]
    fn fuzzy_memberships_are_monotone_in_x(
        (e, c, i) in anchors(),
        mut xs in prop::collection::vec(-3000.0f64..3000.0, 2..40),
        idm in 0.51f64..0.999,
        below in 0.1f64..5.0,
        above in 0.1f64..5.0,
    ) {
        xs.sort_by(f64::total_cmp);
        let x: Vec<Option<f64>> = xs.iter().map(|&v| Some(v)).collect();
        for s in shapes(e, c, i, idm, below, above)
            .into_iter()
            .chain([spec(e, c, i).with_logistic(false).with_ecdf(true)])
        {
            let up: Vec<f64> = calibrate(&x, &s).expect("valid").values.into_iter().flatten().collect();
            prop_assert!(up.windows(2).all(|w| w[0] <= w[1]), "not increasing: {up:?} for {s:?}");
            let rev = s.with_anchors(&[i, c, e]);
            let down: Vec<f64> = calibrate(&x, &rev).expect("valid").values.into_iter().flatten().collect();
            prop_assert!(down.windows(2).all(|w| w[0] >= w[1]), "not decreasing: {down:?} for {rev:?}");
        }
    }

    #[test]
    fn crossover_gives_one_half((e, c, i) in anchors(), idm in 0.51f64..0.999, below in 0.1f64..5.0, above in 0.1f64..5.0) {
        for s in shapes(e, c, i, idm, below, above) {
            prop_assert_eq!(one(c, &s), 0.5);
            prop_assert_eq!(one(c, &s.with_anchors(&[i, c, e])), 0.5);
        }
    }

    #[test]
    fn default_idm_gives_095_at_inclusion_and_005_at_exclusion((e, c, i) in anchors()) {
        let s = spec(e, c, i);
        prop_assert!((one(i, &s) - 0.95).abs() < 1e-9, "{} at i", one(i, &s));
        prop_assert!((one(e, &s) - 0.05).abs() < 1e-9, "{} at e", one(e, &s));
        let d = s.with_anchors(&[i, c, e]);
        prop_assert!((one(e, &d) - 0.95).abs() < 1e-9);
        prop_assert!((one(i, &d) - 0.05).abs() < 1e-9);
    }

    #[test]
    fn bell_memberships_lie_in_unit_interval_and_peak_on_the_plateau(
        start in -1000.0f64..1000.0,
        gaps in prop::collection::vec(0.01f64..300.0, 5),
        xs in prop::collection::vec(-3000.0f64..3000.0, 1..30),
    ) {
        let mut a = vec![start];
        for g in &gaps {
            a.push(a[a.len() - 1] + g);
        }
        let bell = CalibrationSpec { thresholds: Thresholds { values: a.clone(), named: true }, ..CalibrationSpec::default() };
        let x: Vec<Option<f64>> = xs.iter().map(|&v| Some(v)).collect();
        for v in calibrate(&x, &bell).expect("valid bell").values.into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&v));
        }
        prop_assert_eq!(one((a[2] + a[3]) / 2.0, &bell), 1.0);
        prop_assert_eq!(one(a[1], &bell), 0.5);
        prop_assert_eq!(one(a[4], &bell), 0.5);
    }

    #[test]
    fn crisp_categories_count_thresholds_below(
        xs in prop::collection::vec(-100.0f64..100.0, 2..40),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
    ) {
        let mut th: Vec<f64> = picks.iter().map(|p| xs[p.index(xs.len())]).collect();
        th.sort_by(f64::total_cmp);
        th.dedup();
        let x: Vec<Option<f64>> = xs.iter().map(|&v| Some(v)).collect();
        let out = calibrate(&x, &CalibrationSpec::crisp(&th)).expect("thresholds inside the range");
        for (v, raw) in out.values.iter().zip(&xs) {
            let expected = th.iter().filter(|t| **t <= *raw).count() as f64;
            prop_assert_eq!(*v, Some(expected));
        }
    }

    #[test]
    fn missing_values_stay_missing((e, c, i) in anchors(), xs in prop::collection::vec(prop::option::of(-3000.0f64..3000.0), 1..30)) {
        prop_assume!(xs.iter().any(Option::is_some));
        let out = calibrate(&xs, &spec(e, c, i)).expect("valid");
        for (k, (v, raw)) in out.values.iter().zip(&xs).enumerate() {
            prop_assert_eq!(v.is_none(), raw.is_none());
            prop_assert_eq!(out.missing.contains(&k), raw.is_none());
        }
    }

    #[test]
    fn thresholds_display_round_trips((e, c, i) in anchors()) {
        let t = Thresholds { values: vec![e, c, i], named: true };
        prop_assert_eq!(t.to_string().parse::<Thresholds>().expect("parses"), t);
    }
}

/// Naive complete linkage on sorted values: merge the adjacent pair with the smallest span
/// (leftmost on ties) until `k` groups remain; thresholds between groups.
fn naive_find_th(x: &[f64], n: usize) -> Vec<f64> {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    let mut groups: Vec<(usize, usize)> = (0..v.len()).map(|i| (i, i)).collect();
    while groups.len() > n + 1 {
        let best = (0..groups.len() - 1)
            .min_by(|&a, &b| {
                let da = v[groups[a + 1].1] - v[groups[a].0];
                let db = v[groups[b + 1].1] - v[groups[b].0];
                da.total_cmp(&db).then(a.cmp(&b))
            })
            .expect("two groups at least");
        groups[best].1 = groups[best + 1].1;
        groups.remove(best + 1);
    }
    groups
        .windows(2)
        .map(|w| (v[w[0].1] + v[w[1].0]) / 2.0)
        .collect()
}

proptest! {
    #[test]
    fn find_thresholds_agrees_with_naive_complete_linkage(
        xs in prop::collection::vec(0u8..40, 2..60),
        n in 1usize..5,
    ) {
        let x: Vec<f64> = xs.iter().map(|&v| f64::from(v) * 1.5).collect();
        let mut distinct = x.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        prop_assume!(distinct.len() > n);
        let opt: Vec<Option<f64>> = x.iter().map(|&v| Some(v)).collect();
        let got = fiscus_calibration::find_thresholds(&opt, n).expect("enough values");
        prop_assert_eq!(got, naive_find_th(&x, n));
    }
}
