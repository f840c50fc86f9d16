//! Necessity tables and the superset/subset search (R QCA's `superSubset()`).

use serde::Serialize;

use crate::error::{QcaError, Result};
use crate::expr::Universe;
use crate::fit::{FitRow, FitSums, Relation};
use crate::sets::{QcaData, SetKind};

/// Options of [`super_subset`]; defaults as in R QCA.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuperSubsetConfig {
    /// Necessity (supersets of the outcome) or sufficiency (subsets).
    pub relation: Relation,
    /// Inclusion cut-off (default 1).
    pub incl_cut: f64,
    /// Coverage cut-off (default 0).
    pub cov_cut: f64,
    /// RoN cut-off for necessity (default 0).
    pub ron_cut: f64,
    /// PRI cut-off for sufficiency (default 0).
    pub pri_cut: f64,
    /// Maximum number of literals (default: the number of conditions).
    pub depth: Option<usize>,
}

impl Default for SuperSubsetConfig {
    fn default() -> Self {
        SuperSubsetConfig {
            relation: Relation::Necessity,
            incl_cut: 1.0,
            cov_cut: 0.0,
            ron_cut: 0.0,
            pri_cut: 0.0,
            depth: None,
        }
    }
}

/// Necessity of every condition and of its negation (every category of a multi-value
/// condition), like `pof()` on the conditions and their negations.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{necessity_table, QcaData};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("A", &[0.2, 0.9]), Column::numbers("Y", &[0.1, 0.8])]).unwrap();
/// let rows = necessity_table(&QcaData::new(&ds, "Y", None).unwrap());
/// assert_eq!(rows[0].term, "A");
/// assert_eq!(rows[1].term, "~A");
/// assert_eq!(rows[0].incl_n, Some(1.0));
/// ```
pub fn necessity_table(d: &QcaData) -> Vec<FitRow> {
    let y = &d.outcome.values;
    let u = d.universe();
    let mut rows = Vec::new();
    for (j, c) in d.conditions.iter().enumerate() {
        let mut push = |name: String, x: Vec<f64>| {
            rows.push(FitRow::nec(name, FitSums::new(&x, y).necessity(), 1e-5));
        };
        match c.kind {
            SetKind::Crisp { levels } if levels > 2 || u.multivalue => {
                for v in 0..c.kind.levels() {
                    let x = c.values.iter().map(|&a| f64::from(u8::from(a as u32 == v))).collect();
                    push(format!("{}[{}]", c.name, v), x);
                }
            }
            _ => {
                push(c.name.clone(), c.values.clone());
                push(format!("~{}", c.name), c.values.iter().map(|a| 1.0 - a).collect());
            }
        }
        let _ = j;
    }
    rows
}

/// R QCA's `superSubset()`.
pub fn super_subset(d: &QcaData, cfg: &SuperSubsetConfig) -> Result<Vec<FitRow>> {
    let _ = (Universe::from_columns(&d.conditions), cfg);
    Err(QcaError::Analysis("superSubset search is being implemented".into()))
}
