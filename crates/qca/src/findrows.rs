//! Untenable and contradictory assumptions (R QCA's `findRows()`).

use crate::error::Result;
use crate::expr::parse_sop;
use crate::truth_table::{row_config, TruthTable};

/// Rows that are subsets of `expr`: remainders (and, with `observed`, observed rows too),
/// ascending. R QCA's `findRows(type = 1)`. A row observed in fewer than `n_cut` cases counts
/// as a remainder, as it does in minimisation.
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
    // A row observed in fewer than n.cut cases is a remainder here, as in minimisation.
    let obs: std::collections::HashSet<u64> = tt
        .rows
        .iter()
        .filter(|r| r.out != crate::truth_table::Out::Remainder)
        .map(|r| r.row)
        .collect();
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

/// The truth table of the negated outcome with the same options (the second inclusion
/// cut-off, when there is one, becomes the cut-off for the negation).
fn negated_table(tt: &TruthTable) -> Result<TruthTable> {
    let mut data = tt.data.clone();
    data.outcome.values = data.outcome.values.iter().map(|y| 1.0 - y).collect();
    data.outcome.label = match data.outcome.label.strip_prefix('~') {
        Some(l) => l.to_string(),
        None => format!("~{}", data.outcome.label),
    };
    let mut cfg = tt.config.clone();
    cfg.incl_cut1 = cfg.incl_cut0.unwrap_or(cfg.incl_cut1);
    cfg.incl_cut0 = None;
    crate::truth_table::truth_table(data, &cfg)
}

fn parsimonious_sa(tt: &TruthTable) -> Result<Vec<u64>> {
    let cfg = crate::minimize::MinimizeConfig {
        include_remainders: true,
        ..Default::default()
    };
    match crate::minimize::minimize(tt, &cfg) {
        Ok(m) => {
            let mut all: Vec<u64> = m
                .simplifying_assumptions
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect();
            all.sort_unstable();
            all.dedup();
            Ok(all)
        }
        // No positive row: nothing is assumed.
        Err(crate::error::QcaError::Analysis(_)) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// R QCA's `findRows()`: `types` 1 (remainders that are subsets of `expr`; with `observed`
/// observed rows too), 2 (contradictory simplifying assumptions: remainders used by the
/// parsimonious solutions of both the outcome and its negation), 3 (simultaneous subset
/// relations: observed rows coded 1 for both), 0 (all three). Row numbers, ascending.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{find_rows, truth_table, QcaData, TruthTableConfig};
/// let ds = Dataset::new("d.csv", (1..=3).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 1.0, 0.0]), Column::numbers("B", &[0.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 1.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// // Row 4 (A*B) is a remainder used by both A + B (for Y) and ... nothing for ~Y but ~A*~B.
/// assert_eq!(find_rows(&tt, &[2], None, false).unwrap(), Vec::<u64>::new());
/// assert_eq!(find_rows(&tt, &[1], Some("A"), false).unwrap(), vec![4]);
/// ```
pub fn find_rows(
    tt: &TruthTable,
    types: &[u8],
    expr: Option<&str>,
    observed: bool,
) -> Result<Vec<u64>> {
    let mut want: Vec<u8> = types.to_vec();
    if want.contains(&0) {
        want = vec![1, 2, 3];
    }
    let mut out = Vec::new();
    for t in want {
        match t {
            1 => {
                let e = expr.ok_or_else(|| {
                    crate::error::QcaError::Option("type 1 needs an expression (--expr)".into())
                })?;
                out.extend(find_rows_subsets(tt, e, observed)?);
            }
            2 => {
                let pos = parsimonious_sa(tt)?;
                let neg = parsimonious_sa(&negated_table(tt)?)?;
                out.extend(pos.into_iter().filter(|r| neg.binary_search(r).is_ok()));
            }
            3 => {
                let ntt = negated_table(tt)?;
                let neg_one: std::collections::HashSet<u64> = ntt
                    .rows
                    .iter()
                    .filter(|r| r.out == crate::truth_table::Out::One)
                    .map(|r| r.row)
                    .collect();
                out.extend(
                    tt.rows
                        .iter()
                        .filter(|r| {
                            r.out == crate::truth_table::Out::One && neg_one.contains(&r.row)
                        })
                        .map(|r| r.row),
                );
            }
            other => {
                return Err(crate::error::QcaError::Option(format!(
                    "unknown findRows type {other} (use 0, 1, 2 or 3)"
                )))
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}
