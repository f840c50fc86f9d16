//! The configuration chart (Ragin & Fiss 2008): the paths of a solution with their core and
//! peripheral conditions. It describes one minimisation (core = in a parsimonious term nested
//! in the path), so it lives with the minimisation, not with robustness.

use serde::Serialize;

use crate::error::{QcaError, Result};
use crate::expr::{parse_sop, Literal, Universe};
use crate::minimize::{Minimization, Model};

/// One cell of a configuration chart.
///
/// ```
/// assert_eq!(fiscus_qca::ChartCell::CorePresent.symbol(), "●");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartCell {
    /// Core condition, present (●).
    CorePresent,
    /// Core condition, absent (⊗).
    CoreAbsent,
    /// Peripheral condition, present (•).
    PeripheralPresent,
    /// Peripheral condition, absent (⊘).
    PeripheralAbsent,
    /// Not in the path (blank).
    DontCare,
}

impl ChartCell {
    /// The usual symbol (Ragin & Fiss 2008).
    ///
    /// ```
    /// assert_eq!(fiscus_qca::ChartCell::PeripheralAbsent.symbol(), "⊘");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            ChartCell::CorePresent => "●",
            ChartCell::CoreAbsent => "⊗",
            ChartCell::PeripheralPresent => "•",
            ChartCell::PeripheralAbsent => "⊘",
            ChartCell::DontCare => "",
        }
    }
}

/// One path (intermediate term) of the chart with its fit.
///
/// ```
/// let p = fiscus_qca::ChartPath { path: "A*B".into(), cells: vec![], core: vec!["A".into()],
///     incl_s: 0.9, pri: 0.8, cov_s: 0.5, cov_u: Some(0.2) };
/// assert_eq!(p.core, vec!["A"]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartPath {
    /// The intermediate term.
    pub path: String,
    /// One cell per condition, in condition order.
    pub cells: Vec<ChartCell>,
    /// The core literals.
    pub core: Vec<String>,
    /// Consistency.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Raw coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
    /// Unique coverage (`None` with a single path).
    #[serde(rename = "covU")]
    pub cov_u: Option<f64>,
}

/// A configuration chart (Ragin & Fiss): conditions × intermediate paths, core and peripheral.
///
/// ```
/// let c = fiscus_qca::ConfigurationChart { conditions: vec!["A".into()], paths: vec![],
///     solution: "A".into(), incl_s: 1.0, pri: 1.0, cov_s: 1.0 };
/// assert_eq!(c.conditions.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigurationChart {
    /// The conditions (rows).
    pub conditions: Vec<String>,
    /// The paths (columns).
    pub paths: Vec<ChartPath>,
    /// The intermediate model.
    pub solution: String,
    /// Solution consistency.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// Solution PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Solution coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
}

/// The configuration chart of the first intermediate model: a condition of a path is core when,
/// for every parsimonious model, it appears in a parsimonious term nested in the path.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::*;
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 0.0, 0.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let cfg = MinimizeConfig { include_remainders: true, dir_exp: Some("A,B".into()), ..Default::default() };
/// let chart = configuration_chart(&minimize(&tt, &cfg).unwrap(), &tt.condition_names()).unwrap();
/// assert_eq!(chart.paths[0].cells, vec![ChartCell::CorePresent, ChartCell::CorePresent]);
/// ```
pub fn configuration_chart(m: &Minimization, conditions: &[String]) -> Result<ConfigurationChart> {
    let inter = m
        .intermediate
        .as_ref()
        .and_then(|i| i.first())
        .ok_or_else(|| QcaError::Option("the configuration chart needs the intermediate solution (directional expectations)".into()))?;
    let model = inter
        .models
        .first()
        .ok_or_else(|| QcaError::Analysis("the intermediate solution has no model".into()))?;
    let u = Universe {
        names: conditions.to_vec(),
        kinds: vec![crate::sets::SetKind::Fuzzy; conditions.len()],
        multivalue: false,
    };
    let parse_terms = |terms: &[String]| -> Result<Vec<Vec<Literal>>> {
        terms
            .iter()
            .map(|t| {
                Ok(parse_sop(&u, t)?
                    .terms
                    .into_iter()
                    .next()
                    .unwrap_or_default())
            })
            .collect()
    };
    let pmodels: Vec<Vec<Vec<Literal>>> = m
        .main
        .models
        .iter()
        .map(|p| parse_terms(&p.terms))
        .collect::<Result<_>>()?;
    chart_with(model, conditions, &|term: &[Literal], l: &Literal| {
        pmodels.iter().all(|pm| {
            pm.iter()
                .any(|pt| pt.contains(l) && pt.iter().all(|x| term.contains(x)))
        })
    })
}

/// The configuration chart of one model with every condition of its paths core: the chart of a
/// complex or parsimonious solution when there is no intermediate one.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::*;
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 0.0, 0.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let m = minimize(&tt, &MinimizeConfig::default()).unwrap();
/// let chart = model_chart(&m.main.models[0], &tt.condition_names()).unwrap();
/// assert_eq!(chart.paths[0].core, vec!["A", "B"]);
/// ```
pub fn model_chart(model: &Model, conditions: &[String]) -> Result<ConfigurationChart> {
    chart_with(model, conditions, &|_: &[Literal], _: &Literal| true)
}

/// The chart of `model`'s paths, a literal being core when `is_core(path, literal)`.
fn chart_with(
    model: &Model,
    conditions: &[String],
    is_core: &dyn Fn(&[Literal], &Literal) -> bool,
) -> Result<ConfigurationChart> {
    let u = Universe {
        names: conditions.to_vec(),
        kinds: vec![crate::sets::SetKind::Fuzzy; conditions.len()],
        multivalue: false,
    };
    let mut paths = Vec::new();
    for (k, text) in model.terms.iter().enumerate() {
        let term: Vec<Literal> = parse_sop(&u, text)?
            .terms
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut cells = vec![ChartCell::DontCare; conditions.len()];
        let mut core = Vec::new();
        for l in &term {
            let c = is_core(&term, l);
            let present = !l.negated && l.values.as_ref().is_none_or(|v| v.iter().all(|&x| x >= 1));
            cells[l.set] = match (c, present) {
                (true, true) => ChartCell::CorePresent,
                (true, false) => ChartCell::CoreAbsent,
                (false, true) => ChartCell::PeripheralPresent,
                (false, false) => ChartCell::PeripheralAbsent,
            };
            if c {
                core.push(format!(
                    "{}{}",
                    if present { "" } else { "~" },
                    conditions[l.set]
                ));
            }
        }
        let f = model.terms_fit.get(k);
        paths.push(ChartPath {
            path: text.clone(),
            cells,
            core,
            incl_s: f.and_then(|f| f.incl_s).unwrap_or(f64::NAN),
            pri: f.and_then(|f| f.pri).unwrap_or(f64::NAN),
            cov_s: f.and_then(|f| f.cov_s).unwrap_or(f64::NAN),
            cov_u: f.and_then(|f| f.cov_u).flatten(),
        });
    }
    Ok(ConfigurationChart {
        conditions: conditions.to_vec(),
        paths,
        solution: model.expression.clone(),
        incl_s: model.incl_s,
        pri: model.pri,
        cov_s: model.cov_s,
    })
}
