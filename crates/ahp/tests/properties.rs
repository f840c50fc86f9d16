//! Property tests of the AHP mathematics.

use fiscus_ahp::{
    aggregate_judgments, aggregate_priorities, analyze, analyze_complete, complete, priorities,
    repair, AhpConfig, CompletionMethod, Judgments, Method, PairwiseMatrix, RepairConfig, RiTable,
};
use proptest::prelude::*;

fn names(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("e{i}")).collect()
}

fn normalised(raw: &[f64]) -> Vec<f64> {
    let s: f64 = raw.iter().sum();
    raw.iter().map(|x| x / s).collect()
}

/// Positive weights for 1..=12 elements.
fn weights() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.05f64..10.0, 1..=12).prop_map(|v| normalised(&v))
}

/// A random reciprocal matrix on Saaty's scale (upper triangle drawn from 1/9..9).
fn random_matrix() -> impl Strategy<Value = PairwiseMatrix> {
    (3usize..=8).prop_flat_map(|n| {
        prop::collection::vec(prop::sample::select(SCALE.to_vec()), n * (n - 1) / 2).prop_map(
            move |up| {
                let (j, _) =
                    Judgments::from_upper(names(n), &up.into_iter().map(Some).collect::<Vec<_>>())
                        .expect("valid");
                j.to_complete().expect("complete")
            },
        )
    })
}

const SCALE: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A consistent matrix returns its weights with λmax = n and CR = 0 by every method.
    #[test]
    fn consistent_matrix_returns_its_weights(w in weights()) {
        let m = PairwiseMatrix::from_weights(names(w.len()), &w).expect("matrix");
        for method in Method::ALL {
            let cfg = AhpConfig { method, ..Default::default() };
            let r = analyze_complete(&m, &cfg).expect("analysis");
            for (a, b) in r.weights.iter().zip(&w) {
                prop_assert!((a - b).abs() < 1e-10, "{method:?}: {a} vs {b}");
            }
            prop_assert!((r.consistency.lambda_max - w.len() as f64).abs() < 1e-9);
            prop_assert!(r.consistency.cr.abs() < 1e-9);
            prop_assert!(r.consistency.gci.abs() < 1e-18);
        }
    }

    /// Weights are positive and sum to 1; λmax ≥ n for the eigenvector; CR ≥ 0.
    #[test]
    fn weights_sum_to_one(m in random_matrix()) {
        for method in Method::ALL {
            let p = priorities(&m, method);
            prop_assert!((p.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            prop_assert!(p.weights.iter().all(|w| *w > 0.0));
            if method == Method::Eigen {
                prop_assert!(p.lambda_max >= m.n() as f64 - 1e-9);
            }
        }
    }

    /// The eigenvector satisfies A w = λ w.
    #[test]
    fn eigenvector_is_an_eigenvector(m in random_matrix()) {
        let p = priorities(&m, Method::Eigen);
        for (i, row) in m.rows().iter().enumerate() {
            let aw: f64 = row.iter().zip(&p.weights).map(|(a, w)| a * w).sum();
            prop_assert!((aw - p.lambda_max * p.weights[i]).abs() < 1e-10 * p.lambda_max);
        }
    }

    /// Permuting the elements permutes the weights (every method).
    #[test]
    fn permutation_equivariance(m in random_matrix(), seed in any::<u64>()) {
        let n = m.n();
        let mut order: Vec<usize> = (0..n).collect();
        // Fisher–Yates with a simple LCG from the seed.
        let mut s = seed;
        for k in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(k, (s >> 33) as usize % (k + 1));
        }
        let p = m.permuted(&order).expect("permutation");
        for method in Method::ALL {
            let a = priorities(&m, method).weights;
            let b = priorities(&p, method).weights;
            for (k, &o) in order.iter().enumerate() {
                prop_assert!((b[k] - a[o]).abs() < 1e-12);
            }
        }
    }

    /// AIJ of reciprocal matrices is reciprocal, and with geometric priorities AIJ equals
    /// geometric AIP.
    #[test]
    fn aij_reciprocal_and_equals_geometric_aip(
        ms in (3usize..=6).prop_flat_map(|n| prop::collection::vec(
            prop::collection::vec(prop::sample::select(SCALE.to_vec()), n * (n - 1) / 2), 2..=5)),
        raw in prop::collection::vec(0.1f64..5.0, 5),
    ) {
        let n = (1..10).find(|k| k * (k - 1) / 2 == ms[0].len()).expect("size");
        let mats: Vec<PairwiseMatrix> = ms.iter().map(|up| {
            Judgments::from_upper(names(n), &up.iter().map(|&x| Some(x)).collect::<Vec<_>>())
                .expect("valid").0.to_complete().expect("complete")
        }).collect();
        let w = &raw[..mats.len()];
        let g = aggregate_judgments(&mats, w).expect("aij");
        for i in 0..n {
            prop_assert_eq!(g.get(i, i), 1.0);
            for j in 0..n {
                prop_assert!((g.get(i, j) * g.get(j, i) - 1.0).abs() < 1e-12);
            }
        }
        // The constructor accepts it.
        prop_assert!(PairwiseMatrix::new(g.names().to_vec(), g.rows().to_vec()).is_ok());
        let aij = priorities(&g, Method::Geometric).weights;
        let each: Vec<Vec<f64>> = mats.iter().map(|m| priorities(m, Method::Geometric).weights).collect();
        let aip = aggregate_priorities(&each, w, true).expect("aip");
        for (a, b) in aij.iter().zip(&aip) {
            prop_assert!((a - b).abs() < 1e-12);
        }
    }

    /// A judgment removed from a consistent matrix is recovered exactly by both completions.
    #[test]
    fn completion_recovers_consistent_values(w in prop::collection::vec(0.05f64..10.0, 3..=7), pick in any::<prop::sample::Index>()) {
        let w = normalised(&w);
        let n = w.len();
        let m = PairwiseMatrix::from_weights(names(n), &w).expect("matrix");
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect();
        let (a, b) = pairs[pick.index(pairs.len())];
        let mut cells: Vec<Vec<Option<f64>>> = m.rows().iter().map(|r| r.iter().map(|&x| Some(x)).collect()).collect();
        cells[a][b] = None;
        cells[b][a] = None;
        let (j, _) = Judgments::new(names(n), cells, &Default::default()).expect("judgments");
        for method in [CompletionMethod::Harker, CompletionMethod::Optimal] {
            let c = complete(&j, method).expect("completion");
            prop_assert!((c.filled[0].value / (w[a] / w[b]) - 1.0).abs() < 1e-9, "{method:?}");
        }
    }

}

proptest! {
    // Repair runs many λmax-optimal completions: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Repair of an unacceptable matrix always reaches CR < 0.10 with at least one change; an
    /// acceptable matrix is left alone.
    #[test]
    fn repair_reaches_threshold(m in (3usize..=5).prop_flat_map(|n| {
        prop::collection::vec(prop::sample::select(SCALE.to_vec()), n * (n - 1) / 2).prop_map(move |up| {
            Judgments::from_upper(names(n), &up.into_iter().map(Some).collect::<Vec<_>>()).expect("valid").0
        })
    })) {
        let cfg = AhpConfig { ri: RiTable::Saaty1980, ..Default::default() };
        let before = analyze(&m, &cfg).expect("analysis");
        let r = repair(&m, &cfg, &RepairConfig::default()).expect("repair");
        if before.consistency.acceptable {
            prop_assert!(r.changes.is_empty());
        } else {
            prop_assert!(r.reached);
            prop_assert!(r.cr_after < 0.1);
            prop_assert!(!r.changes.is_empty());
        }
    }
}

#[test]
fn ri_is_zero_for_small_matrices_and_cr_zero() {
    let m = PairwiseMatrix::from_weights(names(2), &[0.9, 0.1]).expect("matrix");
    for table in RiTable::ALL {
        let r = analyze_complete(
            &m,
            &AhpConfig {
                ri: table,
                ..Default::default()
            },
        )
        .expect("analysis");
        assert_eq!(r.consistency.cr, 0.0);
        assert_eq!(r.consistency.ri, 0.0);
    }
}
