//! Set columns and the data of one analysis: conditions, outcome, set types.

use fiscus_data::Dataset;
use serde::Serialize;

use crate::error::{QcaError, Result};
use crate::expr::{Literal, Universe};

/// The type of a set column, detected from its values as R QCA does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetKind {
    /// Integer-coded crisp set with `levels` categories `0..levels` (2 = binary crisp).
    Crisp {
        /// Number of categories.
        levels: u32,
    },
    /// Fuzzy memberships in [0, 1].
    Fuzzy,
}

impl SetKind {
    /// Number of truth-table levels (2 for fuzzy sets).
    ///
    /// ```
    /// use fiscus_qca::SetKind;
    /// assert_eq!(SetKind::Fuzzy.levels(), 2);
    /// assert_eq!(SetKind::Crisp { levels: 3 }.levels(), 3);
    /// ```
    pub fn levels(self) -> u32 {
        match self {
            SetKind::Crisp { levels } => levels.max(2),
            SetKind::Fuzzy => 2,
        }
    }
}

/// A named set with its membership values (complete: no missing values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetColumn {
    /// Name as in the data.
    pub name: String,
    /// Detected type.
    pub kind: SetKind,
    /// One value per case.
    pub values: Vec<f64>,
}

/// Detects the set type of a column (R QCA's `getInfo()` rules): fuzzy when it has
/// non-integer values in [0,1]; integer columns are crisp with `max + 1` levels. Uncalibrated
/// data (non-integer values above 1, negative values, more than 20 levels or integer levels
/// with gaps) are refused.
///
/// ```
/// use fiscus_qca::{detect_kind, SetKind};
/// assert_eq!(detect_kind("A", &[0.2, 0.9]).unwrap(), SetKind::Fuzzy);
/// assert_eq!(detect_kind("A", &[0.0, 2.0, 1.0]).unwrap(), SetKind::Crisp { levels: 3 });
/// assert!(detect_kind("A", &[0.5, 3.2]).is_err());
/// assert!(detect_kind("A", &[0.0, 3.0]).is_err());
/// // Neither an infinity nor a huge whole number is a multi-value condition.
/// assert!(detect_kind("A", &[0.0, f64::INFINITY]).is_err());
/// assert!(detect_kind("A", &[0.0, 1e300]).is_err());
/// ```
pub fn detect_kind(name: &str, values: &[f64]) -> Result<SetKind> {
    if let Some(v) = values.iter().find(|v| **v < 0.0) {
        return Err(QcaError::Set(format!(
            "column `{name}` has a negative value ({v}): calibrate it into set memberships first"
        )));
    }
    // `v.fract() == 0.0` without a call to `trunc` per value: every finite float of
    // magnitude 2^52 or more is an integer, and below that the round trip through i64 is
    // exact (infinities and NaN are not integers, as `fract` says).
    let integer = values
        .iter()
        .all(|&v| v.is_finite() && (v.abs() >= 4_503_599_627_370_496.0 || (v as i64) as f64 == v));
    if !integer {
        if let Some(v) = values.iter().find(|v| **v > 1.0) {
            return Err(QcaError::Set(format!(
                "uncalibrated data: column `{name}` has a value above 1 ({v}); calibrate it first (fiscus calibrate)"
            )));
        }
        return Ok(SetKind::Fuzzy);
    }
    let max = values.iter().fold(0.0f64, |a, &b| a.max(b));
    if max <= 1.0 {
        return Ok(SetKind::Crisp { levels: 2 });
    }
    if max > 20.0 {
        return Err(QcaError::Set(format!(
            "possibly uncalibrated multi-value condition `{name}`: values 0..{max} expected without gaps (and at most 20 levels)"
        )));
    }
    let levels = max as u64 + 1;
    let mut seen = vec![false; levels.min(1_000_000) as usize];
    for v in values {
        if let Some(s) = seen.get_mut(*v as usize) {
            *s = true;
        }
    }
    if levels > 20 || seen.iter().any(|s| !s) {
        return Err(QcaError::Set(format!(
            "possibly uncalibrated multi-value condition `{name}`: values 0..{max} expected without gaps (and at most 20 levels)"
        )));
    }
    Ok(SetKind::Crisp {
        levels: levels as u32,
    })
}

/// A case left out of an analysis, with the reason (never silent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DroppedCase {
    /// Case label.
    pub case: String,
    /// Why it was left out.
    pub reason: String,
}

/// The outcome of an analysis: its label in R notation and its membership per case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// As given: `Y`, `~Y`, `Y[1]`, `~Y[1,2]`.
    pub label: String,
    /// The outcome column's name.
    pub column: String,
    /// Membership of each case in the outcome (negation and value selection applied).
    pub values: Vec<f64>,
}

/// The conditions and outcome of one analysis, with complete cases only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QcaData {
    /// Case labels (complete cases).
    pub cases: Vec<String>,
    /// The causal conditions, in the order given.
    pub conditions: Vec<SetColumn>,
    /// The outcome.
    pub outcome: Outcome,
    /// Cases left out because of missing values.
    pub dropped: Vec<DroppedCase>,
}

impl QcaData {
    /// Builds the analysis data from a dataset: `outcome` in R notation (`Y`, `~Y`, `Y[1]`),
    /// `conditions` (default: every other column). Cases with a missing value in any of these
    /// columns are left out and listed in `dropped`.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_qca::QcaData;
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
    ///     Column::numbers("A", &[0.2, 0.8]), Column::numbers("Y", &[0.1, 0.9])]).unwrap();
    /// let d = QcaData::new(&ds, "~Y", None).unwrap();
    /// assert_eq!(d.outcome.values, vec![0.9, 0.09999999999999998]);
    /// assert_eq!(d.conditions[0].name, "A");
    /// ```
    pub fn new(ds: &Dataset, outcome: &str, conditions: Option<&[String]>) -> Result<QcaData> {
        let (mut d, keep) = Self::build(ds, outcome, conditions)?;
        d.cases = keep.iter().map(|&i| ds.cases()[i].clone()).collect();
        Ok(d)
    }

    /// [`QcaData::new`] taking the data set, so that the case labels move instead of being
    /// copied (what a program that reads a file for one analysis wants).
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
    ///     Column::numbers("A", &[0.2, 0.8]), Column::numbers("Y", &[0.1, 0.9])]).unwrap();
    /// let d = fiscus_qca::QcaData::from_dataset(ds.clone(), "Y", None).unwrap();
    /// assert_eq!(d, fiscus_qca::QcaData::new(&ds, "Y", None).unwrap());
    /// ```
    pub fn from_dataset(
        ds: Dataset,
        outcome: &str,
        conditions: Option<&[String]>,
    ) -> Result<QcaData> {
        let (mut d, keep) = Self::build(&ds, outcome, conditions)?;
        let mut all = ds.into_cases();
        d.cases = if keep.len() == all.len() {
            all
        } else {
            keep.iter().map(|&i| std::mem::take(&mut all[i])).collect()
        };
        Ok(d)
    }

    /// The analysis data without its case labels, and the rows of `ds` it keeps.
    fn build(
        ds: &Dataset,
        outcome: &str,
        conditions: Option<&[String]>,
    ) -> Result<(QcaData, Vec<usize>)> {
        let spec = parse_outcome(outcome)?;
        ds.column(&spec.column)?;
        let conds: Vec<String> = match conditions {
            Some(c) if !c.is_empty() => expand_ranges(ds, c)?,
            _ => ds
                .column_names()
                .into_iter()
                .filter(|n| *n != spec.column)
                .map(str::to_string)
                .collect(),
        };
        if conds.is_empty() {
            return Err(QcaError::Option("no causal conditions".into()));
        }
        for (i, c) in conds.iter().enumerate() {
            if *c == spec.column {
                return Err(QcaError::Option(format!(
                    "the outcome `{c}` is also given as a condition"
                )));
            }
            if conds[..i].contains(c) {
                return Err(QcaError::Option(format!("condition `{c}` is given twice")));
            }
            ds.column(c)?;
        }
        let mut names: Vec<&str> = conds.iter().map(String::as_str).collect();
        names.push(&spec.column);
        let missing = ds.rows_with_missing(&names)?;
        let keep: Vec<usize> = (0..ds.n_cases())
            .filter(|i| missing.binary_search(i).is_err())
            .collect();
        let dropped = missing
            .iter()
            .map(|&i| {
                let cols: Vec<&str> = names
                    .iter()
                    .filter(|n| {
                        ds.column(n)
                            .map(|c| matches!(c.cells[i], fiscus_data::Cell::Missing))
                            .unwrap_or(false)
                    })
                    .copied()
                    .collect();
                DroppedCase {
                    case: ds.cases()[i].clone(),
                    reason: format!("missing value in {}", cols.join(", ")),
                }
            })
            .collect::<Vec<_>>();
        if keep.is_empty() {
            return Err(QcaError::Analysis(format!(
                "{}: no case has values for all of {}",
                ds.source(),
                names.join(", ")
            )));
        }
        // Values of the kept cases, read from the whole data set so that an error names the
        // case's row in the file (not its position among the kept cases).
        let kept = |name: &str| -> Result<Vec<f64>> {
            let cells = &ds.column(name)?.cells;
            let values: Vec<f64> = keep.iter().filter_map(|&i| cells[i].as_number()).collect();
            if values.len() < keep.len() {
                // A kept case's cell is text: name its row in the file and the column.
                let col = ds.column(name)?;
                if let Some((i, t)) = keep.iter().find_map(|&i| match &cells[i] {
                    fiscus_data::Cell::Text(t) => Some((i, t)),
                    _ => None,
                }) {
                    return Err(fiscus_data::DataError::NotNumeric {
                        source_name: ds.source().to_string(),
                        row: i + 1,
                        case: ds.cases()[i].clone(),
                        column: name.to_string(),
                        value: t.clone(),
                        labels_like: col.cells.iter().all(|c| c.as_number().is_none()),
                    }
                    .into());
                }
            }
            Ok(values)
        };
        let mut conditions = Vec::with_capacity(conds.len());
        for c in &conds {
            let values = kept(c)?;
            let kind = detect_kind(c, &values)?;
            conditions.push(SetColumn {
                name: c.clone(),
                kind,
                values,
            });
        }
        let yraw = kept(&spec.column)?;
        let ykind = detect_kind(&spec.column, &yraw)?;
        let ycol = SetColumn {
            name: spec.column.clone(),
            kind: ykind,
            values: yraw,
        };
        let values = spec.membership(&ycol)?;
        Ok((
            QcaData {
                cases: Vec::new(),
                conditions,
                outcome: Outcome {
                    label: outcome.trim().to_string(),
                    column: spec.column,
                    values,
                },
                dropped,
            },
            keep,
        ))
    }

    /// Number of cases.
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// # let ds = Dataset::new("d.csv", vec!["a".into()], vec![
    /// #     Column::numbers("A", &[0.2]), Column::numbers("Y", &[0.1])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// assert_eq!(d.n_cases(), 1);
    /// ```
    pub fn n_cases(&self) -> usize {
        self.cases.len()
    }

    /// Conditions with one value in every case (R accepts them as binary sets and minimises
    /// as usual; they cannot separate configurations, so callers warn about them).
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
    ///     Column::numbers("A", &[0.0, 0.0]), Column::numbers("B", &[0.0, 1.0]),
    ///     Column::numbers("Y", &[0.0, 1.0])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// assert_eq!(d.constant_conditions(), vec!["A"]);
    /// assert_eq!(d.levels(), vec![2, 2]);
    /// ```
    pub fn constant_conditions(&self) -> Vec<&str> {
        if self.n_cases() < 2 {
            return Vec::new();
        }
        self.conditions
            .iter()
            .filter(|c| c.values.iter().all(|v| *v == c.values[0]))
            .map(|c| c.name.as_str())
            .collect()
    }

    /// Whether any condition is multi-value (then terms print as `X[v]`).
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// # let ds = Dataset::new("d.csv", vec!["a".into(), "b".into(), "c".into()], vec![
    /// #     Column::numbers("A", &[0.0, 2.0, 1.0]), Column::numbers("Y", &[0.0, 1.0, 1.0])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// assert!(d.multivalue());
    /// ```
    pub fn multivalue(&self) -> bool {
        self.conditions
            .iter()
            .any(|c| matches!(c.kind, SetKind::Crisp { levels } if levels > 2))
    }

    /// Numbers of levels of the conditions (2 for binary crisp and fuzzy).
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// # let ds = Dataset::new("d.csv", vec!["a".into(), "b".into(), "c".into()], vec![
    /// #     Column::numbers("A", &[0.0, 2.0, 1.0]), Column::numbers("Y", &[0.0, 1.0, 1.0])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// assert_eq!(d.levels(), vec![3]);
    /// ```
    pub fn levels(&self) -> Vec<u32> {
        self.conditions.iter().map(|c| c.kind.levels()).collect()
    }

    /// The universe of condition names used to parse and print expressions.
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// # let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
    /// #     Column::numbers("A", &[0.2, 0.7]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// assert_eq!(d.universe().names, vec!["A".to_string()]);
    /// ```
    pub fn universe(&self) -> Universe {
        Universe {
            names: self.conditions.iter().map(|c| c.name.clone()).collect(),
            kinds: self.conditions.iter().map(|c| c.kind).collect(),
            multivalue: self.multivalue(),
        }
    }
}

fn expand_ranges(ds: &Dataset, conds: &[String]) -> Result<Vec<String>> {
    let names = ds.column_names();
    let mut out = Vec::new();
    for c in conds {
        if let Some((a, b)) = c.split_once(':') {
            let ia = names.iter().position(|n| *n == a.trim());
            let ib = names.iter().position(|n| *n == b.trim());
            match (ia, ib) {
                (Some(i), Some(j)) if i <= j => {
                    out.extend(names[i..=j].iter().map(|s| s.to_string()))
                }
                _ => {
                    return Err(QcaError::Parse {
                        input: c.clone(),
                        message: "a range must name two columns in file order".into(),
                    })
                }
            }
        } else {
            out.push(c.trim().to_string());
        }
    }
    Ok(out)
}

/// The parsed outcome specification.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutcomeSpec {
    pub column: String,
    pub negated: bool,
    pub values: Option<Vec<u32>>,
}

impl OutcomeSpec {
    pub(crate) fn membership(&self, col: &SetColumn) -> Result<Vec<f64>> {
        let lit = Literal {
            set: 0,
            values: self.values.clone(),
            negated: self.negated,
        };
        if let (SetKind::Crisp { levels }, None) = (col.kind, &self.values) {
            if levels > 2 {
                return Err(QcaError::Option(format!(
                    "the outcome `{}` is multi-value: name the value(s), e.g. `{}[1]`",
                    col.name, col.name
                )));
            }
        }
        if let Some(vs) = &self.values {
            let levels = col.kind.levels();
            if let Some(v) = vs.iter().find(|&&v| v >= levels) {
                let what = match col.kind {
                    SetKind::Fuzzy => {
                        "a fuzzy set: only `[1]` (membership) and `[0]` (non-membership) apply"
                            .to_string()
                    }
                    SetKind::Crisp { .. } => format!("observed with values 0 to {}", levels - 1),
                };
                return Err(QcaError::Option(format!(
                    "the outcome category `{}[{v}]` does not exist: `{}` is {what}",
                    col.name, col.name
                )));
            }
            if vs.is_empty() {
                return Err(QcaError::Option(format!(
                    "the outcome `{}[]` names no category",
                    col.name
                )));
            }
        }
        Ok((0..col.values.len())
            .map(|i| lit.membership_of(col.kind, col.values[i]))
            .collect())
    }
}

pub(crate) fn parse_outcome(s: &str) -> Result<OutcomeSpec> {
    let t = s.trim();
    let (negated, rest) = match t.strip_prefix('~') {
        Some(r) => (true, r.trim()),
        None => (false, t),
    };
    let (name, values) = crate::expr::split_brackets(rest).map_err(|m| QcaError::Parse {
        input: s.to_string(),
        message: m,
    })?;
    if name.is_empty() {
        return Err(QcaError::Parse {
            input: s.to_string(),
            message: "no outcome name".into(),
        });
    }
    Ok(OutcomeSpec {
        column: name,
        negated,
        values,
    })
}
