//! Property tests of Kendall's W, the quantiles and screening.

use fiscus_delphi::{
    item_stats, kendall_w_rows, quantile, screen, ItemStatsConfig, QuantileType, Ratings,
    ScreenConfig,
};
use proptest::prelude::*;

/// m experts (2..8) by n items (2..9), Likert 1..5.
fn table() -> impl Strategy<Value = Vec<Vec<f64>>> {
    (2usize..8, 2usize..9).prop_flat_map(|(m, n)| {
        prop::collection::vec(prop::collection::vec((1u8..=5).prop_map(f64::from), n), m)
    })
}

proptest! {
    #[test]
    fn w_is_one_when_all_experts_agree(row in prop::collection::vec((1u8..=5).prop_map(f64::from), 2..9), m in 2usize..8) {
        prop_assume!(row.iter().any(|&v| v != row[0]));
        let rows = vec![row; m];
        let k = kendall_w_rows(&rows).unwrap();
        prop_assert!((k.w - 1.0).abs() < 1e-12, "W = {}", k.w);
    }

    #[test]
    fn w_in_unit_interval_and_correction_never_lowers(rows in table()) {
        match kendall_w_rows(&rows) {
            Ok(k) => {
                prop_assert!(k.w >= -1e-12 && k.w <= 1.0 + 1e-12, "W = {}", k.w);
                prop_assert!(k.w_uncorrected >= -1e-12 && k.w_uncorrected <= 1.0 + 1e-12);
                prop_assert!(k.w + 1e-12 >= k.w_uncorrected, "corrected {} < uncorrected {}", k.w, k.w_uncorrected);
                prop_assert!(k.p >= 0.0 && k.p <= 1.0);
            }
            Err(e) => prop_assert!(e.to_string().contains("same score"), "{e}"),
        }
    }

    #[test]
    fn w_invariant_to_relabelling_items(rows in table(), seed in any::<u64>()) {
        let n = rows[0].len();
        // a permutation of the item columns from the seed
        let mut perm: Vec<usize> = (0..n).collect();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            perm.swap(i, (s >> 33) as usize % (i + 1));
        }
        let permuted: Vec<Vec<f64>> = rows.iter().map(|r| perm.iter().map(|&j| r[j]).collect()).collect();
        match (kendall_w_rows(&rows), kendall_w_rows(&permuted)) {
            (Ok(a), Ok(b)) => {
                prop_assert!((a.w - b.w).abs() < 1e-12);
                prop_assert!((a.w_uncorrected - b.w_uncorrected).abs() < 1e-12);
            }
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "one ordering failed and the other did not"),
        }
    }

    #[test]
    fn quantiles_are_ordered_and_within_range(mut x in prop::collection::vec(-100.0f64..100.0, 1..30), t in 1u8..=9) {
        x.sort_by(f64::total_cmp);
        let qt = QuantileType::new(t).unwrap();
        let q1 = quantile(&x, 0.25, qt);
        let q2 = quantile(&x, 0.5, qt);
        let q3 = quantile(&x, 0.75, qt);
        prop_assert!(x[0] <= q1 + 1e-9 && q1 <= q2 + 1e-9 && q2 <= q3 + 1e-9 && q3 <= x[x.len() - 1] + 1e-9);
    }

    #[test]
    fn item_stats_lie_on_the_scale(rows in table()) {
        let r = Ratings::from_rows(&rows).unwrap();
        for s in item_stats(&r, &ItemStatsConfig::default()).unwrap() {
            prop_assert!((1.0..=5.0).contains(&s.mean));
            prop_assert!((0.0..=1.0).contains(&s.full_mark_ratio));
            prop_assert!(s.full_mark_ratio <= s.full_mark_ratio_observed);
            prop_assert!(s.iqr >= 0.0);
        }
    }

    #[test]
    fn retained_and_dropped_partition_the_items(rows in table()) {
        let r = Ratings::from_rows(&rows).unwrap();
        let s = screen(&item_stats(&r, &ItemStatsConfig::default()).unwrap(), &ScreenConfig::default()).unwrap();
        prop_assert_eq!(s.retained.len() + s.dropped.len(), r.n_items());
    }
}

#[test]
fn quantile_types_match_r_on_a_small_sample() {
    // quantile(c(1, 2, 4, 7, 11), 0.3, type = t), t = 1..9, worked by hand from R's
    // quantile.default formulas (Hyndman & Fan 1996)
    let x = [1.0, 2.0, 4.0, 7.0, 11.0];
    let want = [2.0, 2.0, 2.0, 1.5, 2.0, 1.8, 2.4, 1.9333333333333333, 1.95];
    for (t, w) in (1u8..=9).zip(want) {
        let got = quantile(&x, 0.3, QuantileType::new(t).unwrap());
        assert!((got - w).abs() < 1e-12, "type {t}: got {got}, R {w}");
    }
}
