//! The truth table against the simple implementation it replaced (kept here as the oracle):
//! every case's membership in every observed row as the minimum over all conditions of the
//! factor `x` / `1 − x` (fuzzy) or 1 / 0 (crisp), summed over all cases in input order. On
//! random crisp, multi-value, fuzzy and mixed data, with memberships of exactly 0, 0.5 and 1,
//! ties and outcomes of any kind, the rows, their cases and their inclusion and PRI must agree
//! bit for bit.

use fiscus_data::{Column, Dataset};
use fiscus_qca::*;
use proptest::prelude::*;

/// One observed row as the old implementation computed it.
struct OracleRow {
    row: u64,
    config: Vec<u32>,
    cases: Vec<usize>,
    incl: f64,
    pri: f64,
}

fn oracle(data: &QcaData) -> (Vec<OracleRow>, usize) {
    let levels = data.levels();
    let n = data.n_cases();
    let mut case_row = Vec::with_capacity(n);
    let mut case_cfg = Vec::with_capacity(n);
    let mut halves = 0;
    for i in 0..n {
        let mut cfg = Vec::new();
        let mut half = false;
        for c in &data.conditions {
            let x = c.values[i];
            match c.kind {
                SetKind::Fuzzy => {
                    half |= x == 0.5;
                    cfg.push(u32::from(x > 0.5));
                }
                SetKind::Crisp { .. } => cfg.push(x as u32),
            }
        }
        halves += usize::from(half);
        case_row.push((!half).then(|| row_number(&cfg, &levels).unwrap()));
        case_cfg.push(cfg);
    }
    let mut observed: Vec<(u64, usize)> = case_row
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|r| (r, i)))
        .collect();
    observed.sort_unstable();
    let mut groups: Vec<(u64, Vec<usize>)> = Vec::new();
    for (r, i) in observed {
        match groups.last_mut() {
            Some((lr, v)) if *lr == r => v.push(i),
            _ => groups.push((r, vec![i])),
        }
    }
    let y = &data.outcome.values;
    let member: Vec<Vec<Vec<f64>>> = data
        .conditions
        .iter()
        .map(|c| {
            (0..c.kind.levels())
                .map(|v| match c.kind {
                    SetKind::Fuzzy => c
                        .values
                        .iter()
                        .map(|&x| if v == 1 { x } else { 1.0 - x })
                        .collect(),
                    SetKind::Crisp { .. } => c
                        .values
                        .iter()
                        .map(|&x| if x as u32 == v { 1.0 } else { 0.0 })
                        .collect(),
                })
                .collect()
        })
        .collect();
    let rows = groups
        .into_iter()
        .map(|(r, idx)| {
            let cfg = case_cfg[idx[0]].clone();
            let mut xr = member[0][cfg[0] as usize].clone();
            for (j, &v) in cfg.iter().enumerate().skip(1) {
                for (a, &b) in xr.iter_mut().zip(&member[j][v as usize]) {
                    *a = a.min(b);
                }
            }
            let mut s = (0.0, 0.0, 0.0);
            for (&x, &yy) in xr.iter().zip(y) {
                let m = x.min(yy);
                s.0 += x;
                s.1 += m;
                s.2 += m.min(1.0 - yy);
            }
            OracleRow {
                row: r,
                config: cfg,
                cases: idx,
                incl: s.1 / s.0,
                pri: (s.1 - s.2) / (s.0 - s.2),
            }
        })
        .collect();
    (rows, halves)
}

fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// A column of one kind: 0 fuzzy, 1 binary crisp, 2 multi-value crisp (3 levels).
fn column(kind: u8, n: usize) -> BoxedStrategy<Vec<f64>> {
    let fuzzy = prop_oneof![
        Just(0.0),
        Just(0.5),
        Just(1.0),
        Just(0.3),
        Just(0.7),
        Just(0.1 + 0.2),
        Just(1.0 - 0.3),
        (0u32..=100).prop_map(|v| f64::from(v) / 100.0),
        (0.0f64..=1.0),
    ];
    match kind {
        0 => prop::collection::vec(fuzzy, n).boxed(),
        1 => prop::collection::vec((0u8..2).prop_map(f64::from), n).boxed(),
        _ => prop::collection::vec((0u8..3).prop_map(f64::from), n)
            .prop_map(|mut v| {
                // Every level present (R refuses multi-value data with gaps).
                v[..3].copy_from_slice(&[0.0, 1.0, 2.0]);
                v
            })
            .boxed(),
    }
}

fn data_strategy(max_k: usize) -> impl Strategy<Value = (Vec<u8>, Vec<Vec<f64>>, Vec<f64>)> {
    (1usize..=max_k, 3usize..=80).prop_flat_map(|(k, n)| {
        prop::collection::vec(
            prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
            k,
        )
        .prop_flat_map(move |kinds| {
            let cols: Vec<BoxedStrategy<Vec<f64>>> = kinds.iter().map(|&t| column(t, n)).collect();
            let y = prop_oneof![column(0, n), column(1, n),];
            (Just(kinds), cols, y)
        })
    })
}

fn check(cols: &[Vec<f64>], y: &[f64]) -> std::result::Result<(), TestCaseError> {
    let n = y.len();
    let mut columns: Vec<Column> = cols
        .iter()
        .enumerate()
        .map(|(j, v)| Column::numbers(format!("C{j}"), v))
        .collect();
    columns.push(Column::numbers("Y", y));
    let ds = Dataset::new("r.csv", (1..=n).map(|i| i.to_string()).collect(), columns).unwrap();
    for outcome in ["Y", "~Y"] {
        let Ok(data) = QcaData::new(&ds, outcome, None) else {
            return Ok(());
        };
        let (want, halves) = oracle(&data);
        let Ok(tt) = truth_table(data, &TruthTableConfig::default()) else {
            return Ok(());
        };
        prop_assert_eq!(tt.half_cases.len(), halves);
        prop_assert_eq!(tt.rows.len(), want.len());
        for (got, want) in tt.rows.iter().zip(&want) {
            prop_assert_eq!(got.row, want.row);
            prop_assert_eq!(&got.config, &want.config);
            prop_assert_eq!(&got.cases, &want.cases);
            prop_assert!(
                same_bits(got.incl, want.incl) && same_bits(got.pri, want.pri),
                "row {}: incl {} vs {}, PRI {} vs {}",
                got.row,
                got.incl,
                want.incl,
                got.pri,
                want.pri
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn small_tables_agree_bit_for_bit((_kinds, cols, y) in data_strategy(6)) {
        check(&cols, &y)?;
    }

    #[test]
    fn wide_tables_agree_bit_for_bit((_kinds, cols, y) in data_strategy(22)) {
        check(&cols, &y)?;
    }
}

/// Enough cases for several cache blocks and row chunks, 17 fuzzy conditions (three lookup
/// tables), two crisp ones.
#[test]
fn a_large_mixed_table_agrees_bit_for_bit() {
    let n = 2_500;
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut cols: Vec<Vec<f64>> = (0..17)
        .map(|_| (0..n).map(|_| (next() * 100.0).round() / 100.0).collect())
        .collect();
    cols.push((0..n).map(|i| f64::from(i as u32 % 2)).collect());
    cols.push((0..n).map(|i| f64::from(i as u32 % 3)).collect());
    let y: Vec<f64> = (0..n).map(|_| next()).collect();
    check(&cols, &y).unwrap();
}
