//! One round's score table and the declared scale.

use fiscus_data::Dataset;

use crate::DelphiError;

pub use fiscus_data::Scale;

/// One round: experts (rows) by items (columns), `None` where an expert gave no answer.
///
/// The constructors check that expert ids and item names are unique, every row has one score
/// per item, every score is finite and, when a scale is declared, on the scale.
///
/// ```
/// use fiscus_delphi::Ratings;
/// let r = Ratings::new("r1.csv", vec!["E1".into(), "E2".into()], vec!["I1".into(), "I2".into()],
///     vec![vec![Some(4.0), None], vec![Some(5.0), Some(3.0)]], None).unwrap();
/// assert_eq!(r.n_experts(), 2);
/// assert_eq!(r.answers(0), vec![4.0, 5.0]);
/// assert_eq!(r.answers(1), vec![3.0]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    source: String,
    experts: Vec<String>,
    items: Vec<String>,
    scores: Vec<Vec<Option<f64>>>,
}

impl Ratings {
    /// A round from expert ids, item names and the score rows (one per expert).
    ///
    /// ```
    /// use fiscus_delphi::Ratings;
    /// let e = Ratings::new("r.csv", vec!["E1".into(), "E1".into()], vec!["I1".into()],
    ///     vec![vec![Some(1.0)], vec![Some(2.0)]], None).unwrap_err();
    /// assert_eq!(e.to_string(), "r.csv: expert id `E1` is repeated (rows 1 and 2)");
    /// ```
    pub fn new(
        source: impl Into<String>,
        experts: Vec<String>,
        items: Vec<String>,
        scores: Vec<Vec<Option<f64>>>,
        scale: Option<Scale>,
    ) -> Result<Self, DelphiError> {
        let source = source.into();
        for (i, e) in experts.iter().enumerate() {
            if let Some(j) = experts[..i].iter().position(|d| d == e) {
                return Err(DelphiError::DuplicateExpert {
                    source_name: source,
                    expert: e.clone(),
                    first: j + 1,
                    second: i + 1,
                });
            }
        }
        for (i, it) in items.iter().enumerate() {
            if let Some(j) = items[..i].iter().position(|d| d == it) {
                return Err(DelphiError::DuplicateItem {
                    source_name: source,
                    item: it.clone(),
                    first: j + 1,
                    second: i + 1,
                });
            }
        }
        if scores.len() != experts.len() {
            return Err(DelphiError::Ragged {
                source_name: source,
                row: scores.len().min(experts.len()) + 1,
                got: 0,
                expected: items.len(),
            });
        }
        for (i, row) in scores.iter().enumerate() {
            if row.len() != items.len() {
                return Err(DelphiError::Ragged {
                    source_name: source,
                    row: i + 1,
                    got: row.len(),
                    expected: items.len(),
                });
            }
            for (j, v) in row.iter().enumerate() {
                let Some(v) = *v else { continue };
                if !v.is_finite() {
                    return Err(DelphiError::NotFinite {
                        source_name: source,
                        row: i + 1,
                        expert: experts[i].clone(),
                        item: items[j].clone(),
                        value: v,
                    });
                }
                if let Some(s) = scale {
                    if !s.contains(v) {
                        return Err(DelphiError::OutOfScale {
                            source_name: source,
                            row: i + 1,
                            expert: experts[i].clone(),
                            item: items[j].clone(),
                            value: v,
                            min: s.min(),
                            max: s.max(),
                        });
                    }
                }
            }
        }
        Ok(Ratings {
            source,
            experts,
            items,
            scores,
        })
    }

    /// Complete rows without ids: experts are labelled `1..m`, items `I1..In`, no scale check.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0, 2.0], vec![2.0, 1.0]]).unwrap();
    /// assert_eq!(r.items(), &["I1".to_string(), "I2".to_string()]);
    /// ```
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self, DelphiError> {
        let n = rows.first().map_or(0, Vec::len);
        Ratings::new(
            "<rows>",
            (1..=rows.len()).map(|i| i.to_string()).collect(),
            (1..=n).map(|j| format!("I{j}")).collect(),
            rows.iter()
                .map(|r| r.iter().map(|&v| Some(v)).collect())
                .collect(),
            None,
        )
    }

    /// A round from a dataset: the case labels are the expert ids, the named columns (all
    /// columns when `items` is `None`) are the items.
    ///
    /// ```
    /// use fiscus_data::{Cell, Column, Dataset};
    /// use fiscus_delphi::{Ratings, Scale};
    /// let ds = Dataset::new("r1.csv", vec!["E1".into(), "E2".into()],
    ///     vec![Column::numbers("I1", &[4.0, 5.0]), Column::new("I2", vec![Cell::Number(3.0), Cell::Missing])]).unwrap();
    /// let r = Ratings::from_dataset(&ds, None, Some(Scale::default())).unwrap();
    /// assert_eq!(r.answers(1), vec![3.0]);
    /// ```
    pub fn from_dataset(
        ds: &Dataset,
        items: Option<&[String]>,
        scale: Option<Scale>,
    ) -> Result<Self, DelphiError> {
        let names: Vec<String> = match items {
            Some(list) => list.to_vec(),
            None => ds.column_names().iter().map(|s| s.to_string()).collect(),
        };
        let mut cols = Vec::with_capacity(names.len());
        for name in &names {
            cols.push(ds.numeric(name)?);
        }
        let scores = (0..ds.n_cases())
            .map(|i| cols.iter().map(|c| c[i]).collect())
            .collect();
        Ratings::new(ds.source(), ds.cases().to_vec(), names, scores, scale)
    }

    /// The file or stream the round came from.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0]]).unwrap();
    /// assert_eq!(r.source(), "<rows>");
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Expert ids, in row order.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0], vec![2.0]]).unwrap();
    /// assert_eq!(r.experts(), &["1".to_string(), "2".to_string()]);
    /// ```
    pub fn experts(&self) -> &[String] {
        &self.experts
    }

    /// Item names, in column order.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0, 2.0]]).unwrap();
    /// assert_eq!(r.items().len(), 2);
    /// ```
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// The score rows (one per expert, one cell per item).
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0, 2.0]]).unwrap();
    /// assert_eq!(r.scores()[0], vec![Some(1.0), Some(2.0)]);
    /// ```
    pub fn scores(&self) -> &[Vec<Option<f64>>] {
        &self.scores
    }

    /// Number of experts (rows).
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::Ratings::from_rows(&[vec![1.0]]).unwrap().n_experts(), 1);
    /// ```
    pub fn n_experts(&self) -> usize {
        self.experts.len()
    }

    /// Number of items (columns).
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::Ratings::from_rows(&[vec![1.0, 3.0]]).unwrap().n_items(), 2);
    /// ```
    pub fn n_items(&self) -> usize {
        self.items.len()
    }

    /// The answers given for item `j` (missing ones left out), in expert order.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0, 3.0], vec![2.0, 4.0]]).unwrap();
    /// assert_eq!(r.answers(1), vec![3.0, 4.0]);
    /// ```
    pub fn answers(&self, j: usize) -> Vec<f64> {
        self.scores
            .iter()
            .filter_map(|r| r.get(j).copied().flatten())
            .collect()
    }

    /// Position of an item by name.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0, 3.0]]).unwrap();
    /// assert_eq!(r.item_index("I2"), Some(1));
    /// ```
    pub fn item_index(&self, name: &str) -> Option<usize> {
        self.items.iter().position(|i| i == name)
    }

    /// Position of an expert by id.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0], vec![2.0]]).unwrap();
    /// assert_eq!(r.expert_index("2"), Some(1));
    /// ```
    pub fn expert_index(&self, id: &str) -> Option<usize> {
        self.experts.iter().position(|e| e == id)
    }

    /// Number of cells without an answer.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::new("r", vec!["a".into()], vec!["I1".into(), "I2".into()],
    ///     vec![vec![None, Some(2.0)]], None).unwrap();
    /// assert_eq!(r.missing_cells(), 1);
    /// ```
    pub fn missing_cells(&self) -> usize {
        self.scores.iter().flatten().filter(|v| v.is_none()).count()
    }

    /// A round restricted to some items (by position), keeping every expert.
    ///
    /// ```
    /// let r = fiscus_delphi::Ratings::from_rows(&[vec![1.0, 3.0, 5.0]]).unwrap();
    /// assert_eq!(r.select_items(&[2, 0]).items(), &["I3".to_string(), "I1".to_string()]);
    /// ```
    pub fn select_items(&self, idx: &[usize]) -> Ratings {
        let idx: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&j| j < self.n_items())
            .collect();
        Ratings {
            source: self.source.clone(),
            experts: self.experts.clone(),
            items: idx.iter().map(|&j| self.items[j].clone()).collect(),
            scores: self
                .scores
                .iter()
                .map(|r| idx.iter().map(|&j| r[j]).collect())
                .collect(),
        }
    }
}
