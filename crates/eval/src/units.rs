//! Units × indicators tables (districts, years) for entropy weights and TOPSIS, and the
//! reports of those two commands and of the fuzzy evaluation.

use fiscus_data::Dataset;
use serde::Serialize;

use crate::{Direction, EntropyWeights, EvalError, FuzzyResult, Topsis};

/// A units × indicators table: complete numeric columns and each indicator's direction.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_eval::{Direction, UnitTable};
/// let ds = Dataset::new("d.csv", vec!["u1".into(), "u2".into()], vec![
///     Column::numbers("C1", &[1.0, 2.0]), Column::numbers("C2", &[5.0, 3.0])]).unwrap();
/// let t = UnitTable::from_dataset(&ds, None, &["C2".to_string()]).unwrap();
/// assert_eq!(t.x, vec![vec![1.0, 5.0], vec![2.0, 3.0]]);
/// assert_eq!(t.directions, vec![Direction::Benefit, Direction::Cost]);
/// let e = UnitTable::from_dataset(&ds, Some(&["C1".to_string()]), &["C2".to_string()]).unwrap_err();
/// assert!(e.to_string().contains("`C2`"), "{e}");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitTable {
    /// Unit labels (the case labels).
    pub units: Vec<String>,
    /// Indicator columns.
    pub columns: Vec<String>,
    /// `x[unit][indicator]`.
    pub x: Vec<Vec<f64>>,
    /// Benefit or cost, per indicator.
    pub directions: Vec<Direction>,
}

impl UnitTable {
    /// The table of `columns` (default: every column) with the `cost` indicators marked; a
    /// missing or non-numeric cell is an error naming its row and column.
    pub fn from_dataset(
        ds: &Dataset,
        columns: Option<&[String]>,
        cost: &[String],
    ) -> Result<UnitTable, EvalError> {
        let cols: Vec<String> = match columns {
            Some(c) => c.to_vec(),
            None => ds.column_names().iter().map(|s| s.to_string()).collect(),
        };
        for c in cost {
            if !cols.contains(c) {
                ds.column(c)?;
                return Err(EvalError::BadValue(format!(
                    "cost indicator `{c}` is not among the indicator columns"
                )));
            }
        }
        let data = cols
            .iter()
            .map(|c| ds.numeric_complete(c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(UnitTable {
            units: ds.cases().to_vec(),
            x: (0..ds.n_cases())
                .map(|i| data.iter().map(|c| c[i]).collect())
                .collect(),
            directions: cols
                .iter()
                .map(|c| {
                    if cost.contains(c) {
                        Direction::Cost
                    } else {
                        Direction::Benefit
                    }
                })
                .collect(),
            columns: cols,
        })
    }
}

/// Entropy weights of a unit table, as `fiscus score entropy` reports them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntropyReport {
    /// Entropy, divergence, weights and the normalisation.
    #[serde(flatten)]
    pub result: EntropyWeights,
    /// The indicator columns.
    pub indicators: Vec<String>,
    /// Their directions.
    pub directions: Vec<Direction>,
    /// Number of units.
    pub units: usize,
}

/// A TOPSIS ranking, as `fiscus score topsis` reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopsisReport {
    /// Distances, closeness and ranks.
    #[serde(flatten)]
    pub result: Topsis,
    /// The units.
    pub units: Vec<String>,
    /// The indicator columns.
    pub indicators: Vec<String>,
    /// The weights used (normalised).
    pub weights: Vec<f64>,
    /// `entropy`, `given` or `equal`.
    pub weights_from: String,
}

/// One indicator's membership vector (share of answers at each grade level).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorMembership {
    /// Indicator id.
    pub id: String,
    /// Memberships, from the top grade level down.
    pub r: Vec<f64>,
}

/// A fuzzy comprehensive evaluation, as `fiscus score fuzzy` reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FuzzyReport {
    /// The title of the system.
    pub title: String,
    /// Levels, operators, the composed vectors and scores.
    #[serde(flatten)]
    pub result: FuzzyResult,
    /// Each indicator's membership vector.
    pub memberships: Vec<IndicatorMembership>,
}
