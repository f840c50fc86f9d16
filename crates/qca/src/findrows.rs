//! Untenable and contradictory assumptions (R QCA's `findRows()`).

use crate::error::Result;
use crate::expr::parse_sop;
use crate::truth_table::{row_config, TruthTable};

/// Rows that are subsets of `expr`: remainders (and, with `observed`, observed rows too),
/// ascending. R QCA's `findRows(type = 1)`.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{find_rows_subsets, truth_table, QcaData, TruthTableConfig};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("A", &[0.0, 1.0]), Column::numbers("B", &[0.0, 1.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// assert_eq!(find_rows_subsets(&tt, "A", false).unwrap(), vec![3]);
/// assert_eq!(find_rows_subsets(&tt, "A", true).unwrap(), vec![3, 4]);
/// ```
pub fn find_rows_subsets(tt: &TruthTable, expr: &str, observed: bool) -> Result<Vec<u64>> {
    let u = tt.data.universe();
    let e = parse_sop(&u, expr)?;
    let total = crate::truth_table::n_configs(&tt.levels);
    let obs: std::collections::HashSet<u64> = tt.rows.iter().map(|r| r.row).collect();
    let mut out = Vec::new();
    for r in 1..=total {
        if !observed && obs.contains(&r) {
            continue;
        }
        let cfg = row_config(r, &tt.levels);
        let inside = e.terms.iter().any(|t| {
            t.iter().all(|l| {
                let kind = u.kinds[l.set];
                let x = match kind {
                    crate::sets::SetKind::Fuzzy => f64::from(cfg[l.set]),
                    crate::sets::SetKind::Crisp { .. } => f64::from(cfg[l.set]),
                };
                l.membership_of(kind, x) > 0.5
            })
        });
        if inside {
            out.push(r);
        }
    }
    Ok(out)
}
