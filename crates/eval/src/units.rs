//! Units × indicators tables (districts, years) for entropy weights and TOPSIS, and the
//! reports of those two commands and of the fuzzy evaluation.

use fiscus_data::Dataset;
use serde::Serialize;

use crate::{
    entropy_weights, fuzzy_evaluate, memberships, proportional_weights, topsis, Direction,
    EntropyNormalisation, EntropyWeights, EvalConfig, EvalError, FuzzyConfig, FuzzyResult,
    IndicatorSystem, Responses, Topsis,
};

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

impl EntropyReport {
    /// The entropy weights of `table` under `normalisation`.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_eval::{EntropyNormalisation, EntropyReport, UnitTable};
    /// let ds = Dataset::new("d.csv", vec!["u1".into(), "u2".into(), "u3".into()], vec![
    ///     Column::numbers("A", &[1.0, 2.0, 3.0]), Column::numbers("B", &[5.0, 5.0, 5.0])]).unwrap();
    /// let t = UnitTable::from_dataset(&ds, None, &[]).unwrap();
    /// let e = EntropyReport::compute(&t, EntropyNormalisation::MinMax).unwrap();
    /// assert_eq!((e.units, e.result.weights.clone()), (3, vec![1.0, 0.0]));
    /// ```
    pub fn compute(
        table: &UnitTable,
        normalisation: EntropyNormalisation,
    ) -> Result<EntropyReport, EvalError> {
        Ok(EntropyReport {
            result: entropy_weights(&table.x, &table.directions, normalisation)?,
            indicators: table.columns.clone(),
            directions: table.directions.clone(),
            units: table.units.len(),
        })
    }
}

/// Where the weights of a TOPSIS ranking come from.
///
/// ```
/// use fiscus_eval::{EntropyNormalisation, TopsisWeights};
/// let w = TopsisWeights::Entropy(EntropyNormalisation::Ratio);
/// assert_ne!(w, TopsisWeights::Equal);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum TopsisWeights {
    /// Every indicator weighs the same.
    Equal,
    /// The entropy weights of the same table.
    Entropy(EntropyNormalisation),
    /// Given weights, one per indicator column in table order (see [`TopsisWeights::given`]).
    Given(Vec<f64>),
}

impl TopsisWeights {
    /// Given `COLUMN=WEIGHT` pairs matched to the columns of `table`: every column needs a
    /// weight and every name must be a column.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_eval::{TopsisWeights, UnitTable};
    /// let ds = Dataset::new("d.csv", vec!["u1".into(), "u2".into()], vec![
    ///     Column::numbers("A", &[1.0, 2.0]), Column::numbers("B", &[5.0, 3.0])]).unwrap();
    /// let t = UnitTable::from_dataset(&ds, None, &[]).unwrap();
    /// let w = TopsisWeights::given(&t, &[("B".into(), 3.0), ("A".into(), 1.0)]).unwrap();
    /// assert_eq!(w, TopsisWeights::Given(vec![1.0, 3.0]));
    /// let e = TopsisWeights::given(&t, &[("A".into(), 1.0)]).unwrap_err();
    /// assert_eq!(e.to_string(), "no weight for `B`");
    /// ```
    pub fn given(table: &UnitTable, pairs: &[(String, f64)]) -> Result<Self, EvalError> {
        if let Some((k, _)) = pairs.iter().find(|(k, _)| !table.columns.contains(k)) {
            return Err(EvalError::BadValue(format!(
                "`{k}` is not among the indicator columns"
            )));
        }
        let weight = |c: &String| {
            let w = pairs.iter().find(|(k, _)| k == c).map(|(_, v)| *v);
            w.ok_or_else(|| EvalError::BadValue(format!("no weight for `{c}`")))
        };
        Ok(TopsisWeights::Given(
            table.columns.iter().map(weight).collect::<Result<_, _>>()?,
        ))
    }
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

impl TopsisReport {
    /// The TOPSIS ranking of the units of `table` with the weights `weights` names.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_eval::{TopsisReport, TopsisWeights, UnitTable};
    /// let ds = Dataset::new("d.csv", vec!["u1".into(), "u2".into()], vec![
    ///     Column::numbers("A", &[1.0, 3.0]), Column::numbers("B", &[1.0, 3.0])]).unwrap();
    /// let t = UnitTable::from_dataset(&ds, None, &[]).unwrap();
    /// let r = TopsisReport::compute(&t, &TopsisWeights::Equal).unwrap();
    /// assert_eq!((r.result.rank.clone(), r.weights.clone()), (vec![2, 1], vec![0.5, 0.5]));
    /// assert_eq!(r.weights_from, "equal");
    /// ```
    pub fn compute(table: &UnitTable, weights: &TopsisWeights) -> Result<TopsisReport, EvalError> {
        let (w, from) = match weights {
            TopsisWeights::Equal => (vec![1.0; table.columns.len()], "equal"),
            TopsisWeights::Given(w) => (w.clone(), "given"),
            TopsisWeights::Entropy(n) => {
                let e = entropy_weights(&table.x, &table.directions, *n)?;
                (e.weights, "entropy")
            }
        };
        Ok(TopsisReport {
            result: topsis(&table.x, &w, &table.directions)?,
            units: table.units.clone(),
            indicators: table.columns.clone(),
            weights: proportional_weights(&w)?,
            weights_from: from.into(),
        })
    }
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

impl FuzzyReport {
    /// The fuzzy comprehensive evaluation of `system` on `responses`: each indicator's
    /// membership vector (shares of the answers at each level of `config.scale`, weighted by
    /// `config.group_weights`), then [`fuzzy_evaluate`] under `fuzzy`.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let sys = IndicatorSystem::new(vec![Dimension::new("A", Some(1.0),
    ///     vec![Indicator::new("a", Some(1.0))])], WeightCheck::default()).unwrap();
    /// let r = Responses::new("s", vec!["r1".into(), "r2".into()], vec!["a".into()],
    ///     vec![vec![Some(5.0)], vec![Some(4.0)]], None, &Scale::default()).unwrap();
    /// let f = FuzzyReport::compute("T", &sys, &r, &EvalConfig::default(), &FuzzyConfig::default()).unwrap();
    /// assert_eq!(f.memberships[0].r, vec![0.5, 0.5, 0.0, 0.0, 0.0]);
    /// assert!((f.result.overall.score - 4.5).abs() < 1e-12);
    /// ```
    pub fn compute(
        title: &str,
        system: &IndicatorSystem,
        responses: &Responses,
        config: &EvalConfig,
        fuzzy: &FuzzyConfig,
    ) -> Result<FuzzyReport, EvalError> {
        let all = memberships(responses, &config.scale, config.group_weights.as_deref())?;
        let ids = system.indicator_ids();
        let rows: Vec<Vec<f64>> = ids
            .iter()
            .map(|id| {
                let j = responses.indicator_index(id);
                j.map(|j| all[j].clone())
                    .ok_or_else(|| EvalError::BadValue(format!("no column for indicator `{id}`")))
            })
            .collect::<Result<_, _>>()?;
        Ok(FuzzyReport {
            title: title.to_string(),
            result: fuzzy_evaluate(system, &rows, &config.scale, fuzzy)?,
            memberships: ids
                .iter()
                .zip(rows)
                .map(|(id, r)| IndicatorMembership {
                    id: id.to_string(),
                    r,
                })
                .collect(),
        })
    }
}
