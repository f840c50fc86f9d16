//! Noisy crisp data of `xtask/noisy-data.py` (the same seeded generator), shared by the budget
//! tests and the cover benchmark: `C0*C1 + C2*~C3` with 5 % of the outcomes flipped.

use fiscus_data::{Column, Dataset, SplitMix64};

/// A uniform number in [0, 1) from the top 53 bits, as `xtask/noisy-data.py` draws it.
fn unit(r: &mut SplitMix64) -> f64 {
    (r.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// `noisy_{k}_{n}.csv` of `xtask/noisy-data.py`: k binary conditions `C0..`, outcome `Y`,
/// cases `c1..cn`.
pub fn noisy(k: usize, n: usize) -> Dataset {
    let mut r = SplitMix64::new((k * 100_000 + n) as u64);
    let mut cols: Vec<Vec<f64>> = vec![Vec::with_capacity(n); k + 1];
    for _ in 0..n {
        let x: Vec<f64> = (0..k)
            .map(|_| f64::from(u8::from(unit(&mut r) > 0.5)))
            .collect();
        let mut y = x[0].min(x[1]).max(x[2].min(1.0 - x[3]));
        if unit(&mut r) < 0.05 {
            y = 1.0 - y;
        }
        for j in 0..k {
            cols[j].push(x[j]);
        }
        cols[k].push(y);
    }
    let mut columns: Vec<Column> = (0..k)
        .map(|j| Column::numbers(format!("C{j}"), &cols[j]))
        .collect();
    columns.push(Column::numbers("Y", &cols[k]));
    Dataset::new(
        "noisy.csv",
        (1..=n).map(|i| format!("c{i}")).collect(),
        columns,
    )
    .expect("generated data are valid")
}
