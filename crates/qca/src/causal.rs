//! Causal chains (R QCA's `causalChain()`): every factor in turn is an outcome, minimised
//! (parsimonious solution) from the factors the ordering allows as its causes.

use fiscus_data::Dataset;
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::{QcaError, Result};
use crate::minimize::{minimize, MinimizeConfig};
use crate::sets::QcaData;
use crate::truth_table::{truth_table, TruthTableConfig};

/// A causal ordering: levels of factors, earlier levels may cause later ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordering {
    /// The levels, in order; each a list of factor names.
    pub levels: Vec<Vec<String>>,
}

impl std::str::FromStr for Ordering {
    type Err = QcaError;

    /// Parses R's notation: `"A, B < C"` (commas within a level, `<` between levels).
    ///
    /// ```
    /// let o: fiscus_qca::Ordering = "A, B < C".parse().unwrap();
    /// assert_eq!(o.levels, vec![vec!["A".to_string(), "B".into()], vec!["C".into()]]);
    /// assert!("A < ".parse::<fiscus_qca::Ordering>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Ordering> {
        let mut levels = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for part in s.split('<') {
            let names: Vec<String> = part
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                return Err(QcaError::Parse {
                    input: s.to_string(),
                    message: "an empty level in the ordering (write `A, B < C`)".into(),
                });
            }
            for n in &names {
                if seen.contains(n) {
                    return Err(QcaError::Parse {
                        input: s.to_string(),
                        message: format!("`{n}` appears twice in the ordering"),
                    });
                }
                seen.push(n.clone());
            }
            levels.push(names);
        }
        Ok(Ordering { levels })
    }
}

/// The models found for each factor, in the ordering's order (an empty list where
/// minimisation finds no solution).
#[derive(Debug, Clone, PartialEq)]
pub struct CausalChain {
    /// `(factor, model expressions)`.
    pub outcomes: Vec<(String, Vec<String>)>,
}

/// Serialises as `{"outcomes": {"FACTOR": [models], ...}}`, factors in the ordering's order.
impl Serialize for CausalChain {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        struct Outcomes<'a>(&'a [(String, Vec<String>)]);
        impl Serialize for Outcomes<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("outcomes", &Outcomes(&self.outcomes))?;
        m.end()
    }
}

/// R QCA's `causalChain(data, ordering)`: for each factor of `ordering` (every column when it
/// is `None`, all on one level), the parsimonious models of the factor from the factors on its
/// own level (unless `strict`) and on earlier levels, with the truth-table options `tt`.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{causal_chain, TruthTableConfig};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 1.0, 1.0, 1.0])]).unwrap();
/// let c = causal_chain(&ds, Some(&"A, B < Y".parse().unwrap()), false, &TruthTableConfig::default()).unwrap();
/// assert_eq!(c.outcomes[2], ("Y".to_string(), vec!["A + B".to_string()]));
/// assert_eq!(c.outcomes[0].1, Vec::<String>::new()); // A from B alone: no solution
/// ```
pub fn causal_chain(
    ds: &Dataset,
    ordering: Option<&Ordering>,
    strict: bool,
    tt: &TruthTableConfig,
) -> Result<CausalChain> {
    let levels: Vec<Vec<String>> = match ordering {
        Some(o) => o.levels.clone(),
        None => vec![ds.column_names().into_iter().map(str::to_string).collect()],
    };
    for name in levels.iter().flatten() {
        ds.column(name)?;
    }
    let cfg = MinimizeConfig {
        include_remainders: true,
        ..Default::default()
    };
    let mut outcomes = Vec::new();
    for (li, level) in levels.iter().enumerate() {
        for y in level {
            let mut conds: Vec<String> = levels[..li].iter().flatten().cloned().collect();
            if !strict {
                conds.extend(level.iter().filter(|c| *c != y).cloned());
            }
            if conds.is_empty() {
                outcomes.push((y.clone(), Vec::new()));
                continue;
            }
            // Keep the data's column order among the conditions, as R does.
            let names = ds.column_names();
            conds.sort_by_key(|c| names.iter().position(|n| n == c));
            let data = QcaData::new(ds, y, Some(&conds))?;
            let models = match truth_table(data, tt).and_then(|t| minimize(&t, &cfg)) {
                Ok(m) => m.main.models.into_iter().map(|m| m.expression).collect(),
                // No positive row, or no negative row with remainders included: no solution.
                Err(QcaError::Analysis(_)) => Vec::new(),
                Err(e) => return Err(e),
            };
            outcomes.push((y.clone(), models));
        }
    }
    Ok(CausalChain { outcomes })
}
