//! Pairwise comparison matrices: judgments as read, validation, and the complete reciprocal matrix.

use serde::Serialize;

use crate::AhpError;

/// Tolerance of [`PairwiseMatrix::new`] on `|a_ij · a_ji − 1|` (rounding noise only).
///
/// ```
/// assert!(fiscus_ahp::EXACT_RECIPROCAL_TOLERANCE < 1e-6);
/// ```
pub const EXACT_RECIPROCAL_TOLERANCE: f64 = 1e-9;

/// The largest judgment on Saaty's 1..9 scale (values above, or below 1/9, get a warning).
///
/// ```
/// assert_eq!(fiscus_ahp::SAATY_MAX, 9.0);
/// ```
pub const SAATY_MAX: f64 = 9.0;

/// The position of one judgment: 0-based indices and the element names.
///
/// ```
/// let c = fiscus_ahp::CellRef::new(1, 0, "wine", "coffee");
/// assert_eq!(c.to_string(), "cell [`wine`, `coffee`] (row 2, column 1)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// 0-based row.
    pub row: usize,
    /// 0-based column.
    pub col: usize,
    /// Row element.
    pub row_name: String,
    /// Column element.
    pub col_name: String,
}

impl CellRef {
    /// A cell reference from indices and names.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::CellRef::new(0, 1, "a", "b").col, 1);
    /// ```
    pub fn new(row: usize, col: usize, row_name: &str, col_name: &str) -> Self {
        CellRef {
            row,
            col,
            row_name: row_name.to_string(),
            col_name: col_name.to_string(),
        }
    }

    fn at(names: &[String], row: usize, col: usize) -> Self {
        CellRef::new(row, col, &names[row], &names[col])
    }
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cell [`{}`, `{}`] (row {}, column {})",
            self.row_name,
            self.col_name,
            self.row + 1,
            self.col + 1
        )
    }
}

/// Parses one judgment: a number (`3`, `0.25`), a fraction (`1/3`), or missing (empty, `NA`,
/// `N/A`, `-`, `?`). A leading `-` on a number is kept (signed survey coding).
///
/// ```
/// use fiscus_ahp::parse_judgment;
/// assert_eq!(parse_judgment(" 1/4 ").unwrap(), Some(0.25));
/// assert_eq!(parse_judgment("3").unwrap(), Some(3.0));
/// assert_eq!(parse_judgment("NA").unwrap(), None);
/// assert!(parse_judgment("three").is_err());
/// assert!(parse_judgment("1/0").is_err());
/// ```
pub fn parse_judgment(text: &str) -> Result<Option<f64>, AhpError> {
    let t = text.trim();
    if t.is_empty() || ["NA", "na", "N/A", "n/a", "-", "?", "NaN"].contains(&t) {
        return Ok(None);
    }
    let bad = || AhpError::BadJudgment {
        cell: None,
        text: t.to_string(),
    };
    let value = match t.split_once('/') {
        Some((num, den)) => {
            let num: f64 = num.trim().parse().map_err(|_| bad())?;
            let den: f64 = den.trim().parse().map_err(|_| bad())?;
            if den == 0.0 {
                return Err(bad());
            }
            num / den
        }
        None => t.parse().map_err(|_| bad())?,
    };
    if value.is_finite() {
        Ok(Some(value))
    } else {
        Err(bad())
    }
}

/// How to validate judgments as read.
///
/// ```
/// let c = fiscus_ahp::InputConfig::default();
/// assert_eq!(c.reciprocal_tolerance, 0.05);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InputConfig {
    /// Largest accepted relative error `|a_ij · a_ji − 1|` when both halves are given (default
    /// 0.05, which accepts reciprocals typed with two decimals such as `0.33` or `0.14`). The
    /// judgment ≥ 1 of the pair is kept and the other becomes its exact reciprocal.
    pub reciprocal_tolerance: f64,
}

impl Default for InputConfig {
    fn default() -> Self {
        InputConfig {
            reciprocal_tolerance: 0.05,
        }
    }
}

/// Validated judgments of one pairwise comparison, possibly incomplete: positive, unit diagonal,
/// exactly reciprocal where given, and (when judgments are missing) a connected comparison graph.
///
/// ```
/// use fiscus_ahp::{Judgments, InputConfig};
/// let names = vec!["a".to_string(), "b".into(), "c".into()];
/// // Upper triangle only; the lower half is filled with reciprocals.
/// let cells = vec![vec![Some(1.0), Some(2.0), None], vec![None, Some(1.0), Some(4.0)], vec![None, None, None]];
/// let (j, warnings) = Judgments::new(names, cells, &InputConfig::default()).unwrap();
/// assert_eq!(j.get(1, 0), Some(0.5));
/// assert_eq!(j.missing(), vec![(0, 2)]);
/// assert!(warnings.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgments {
    names: Vec<String>,
    cells: Vec<Vec<Option<f64>>>,
}

impl Judgments {
    /// Validates a square matrix of optional judgments. A pair given on one side only is completed
    /// with the reciprocal; a pair given on both sides must be reciprocal within
    /// [`InputConfig::reciprocal_tolerance`] (the worst pair is reported otherwise). Returns the
    /// judgments and warnings for people (values outside Saaty's scale, reciprocals adjusted).
    ///
    /// ```
    /// use fiscus_ahp::Judgments;
    /// let names = vec!["a".to_string(), "b".into()];
    /// let err = Judgments::new(names, vec![vec![Some(1.0), Some(3.0)], vec![Some(3.0), Some(1.0)]], &Default::default()).unwrap_err();
    /// assert!(err.to_string().contains("not reciprocal"));
    /// ```
    pub fn new(
        names: Vec<String>,
        mut cells: Vec<Vec<Option<f64>>>,
        config: &InputConfig,
    ) -> Result<(Judgments, Vec<String>), AhpError> {
        let n = names.len();
        if n == 0 {
            return Err(AhpError::Empty);
        }
        if cells.len() != n {
            return Err(AhpError::NotSquareShape {
                rows: cells.len(),
                cols: n,
            });
        }
        for (i, row) in cells.iter().enumerate() {
            if row.len() != n {
                return Err(AhpError::NotSquare {
                    row: i + 1,
                    name: names[i].clone(),
                    got: row.len(),
                    expected: n,
                });
            }
        }
        for (i, a) in names.iter().enumerate() {
            if names[..i].contains(a) {
                return Err(AhpError::DuplicateName(a.clone()));
            }
        }
        if !(config.reciprocal_tolerance >= 0.0 && config.reciprocal_tolerance < 1.0) {
            return Err(AhpError::BadParameter {
                name: "the reciprocal tolerance".into(),
                expected: "in [0, 1)".into(),
                value: config.reciprocal_tolerance.to_string(),
            });
        }
        for (i, row) in cells.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                if let Some(v) = *v {
                    if !(v.is_finite() && v > 0.0) {
                        return Err(AhpError::NotPositive {
                            cell: CellRef::at(&names, i, j),
                            value: v,
                        });
                    }
                }
            }
        }
        for i in 0..n {
            if let Some(v) = cells[i][i] {
                if (v - 1.0).abs() > EXACT_RECIPROCAL_TOLERANCE {
                    return Err(AhpError::Diagonal {
                        cell: CellRef::at(&names, i, i),
                        value: v,
                    });
                }
            }
            cells[i][i] = Some(1.0);
        }
        let mut warnings = Vec::new();
        let mut worst: Option<(f64, usize, usize)> = None;
        let mut count = 0;
        for i in 0..n {
            for j in i + 1..n {
                if let (Some(x), Some(y)) = (cells[i][j], cells[j][i]) {
                    let err = (x * y - 1.0).abs();
                    if err > config.reciprocal_tolerance {
                        count += 1;
                        if worst.is_none_or(|(e, _, _)| err > e) {
                            worst = Some((err, i, j));
                        }
                    }
                }
            }
        }
        if let Some((_, i, j)) = worst {
            let (x, y) = (
                cells[i][j].unwrap_or(f64::NAN),
                cells[j][i].unwrap_or(f64::NAN),
            );
            return Err(AhpError::NotReciprocal {
                cell: Box::new(CellRef::at(&names, i, j)),
                value: x,
                mirror: Box::new(CellRef::at(&names, j, i)),
                mirror_value: y,
                product: x * y,
                tolerance: config.reciprocal_tolerance,
                count,
            });
        }
        for i in 0..n {
            for j in i + 1..n {
                match (cells[i][j], cells[j][i]) {
                    (Some(x), Some(y)) => {
                        let adjusted = (x * y - 1.0).abs() > EXACT_RECIPROCAL_TOLERANCE;
                        if x >= 1.0 {
                            cells[j][i] = Some(1.0 / x);
                            if adjusted {
                                warnings.push(format!(
                                    "{} = {y} taken as 1/{x} (the reciprocal of {})",
                                    CellRef::at(&names, j, i),
                                    CellRef::at(&names, i, j)
                                ));
                            }
                        } else {
                            cells[i][j] = Some(1.0 / y);
                            if adjusted {
                                warnings.push(format!(
                                    "{} = {x} taken as 1/{y} (the reciprocal of {})",
                                    CellRef::at(&names, i, j),
                                    CellRef::at(&names, j, i)
                                ));
                            }
                        }
                    }
                    (Some(x), None) => cells[j][i] = Some(1.0 / x),
                    (None, Some(y)) => cells[i][j] = Some(1.0 / y),
                    (None, None) => {}
                }
                if let Some(x) = cells[i][j] {
                    let big = x.max(1.0 / x);
                    if big > SAATY_MAX * (1.0 + 1e-9) {
                        warnings.push(format!(
                            "{} = {x} is outside Saaty's scale 1/9..9",
                            CellRef::at(&names, i, j)
                        ));
                    }
                }
            }
        }
        let j = Judgments { names, cells };
        j.check_connected()?;
        Ok((j, warnings))
    }

    /// Reads a matrix table: element names in the header; the row labels are the case labels
    /// (an id column), else a first column of text; they must list the same elements as the
    /// header, in the same order. Cells are numbers, fractions (`1/3`) or missing.
    ///
    /// ```
    /// use fiscus_data::{Cell, Column, Dataset};
    /// use fiscus_ahp::Judgments;
    /// let ds = Dataset::new("m.csv", vec!["a".into(), "b".into()], vec![
    ///     Column::new("a", vec![Cell::Number(1.0), Cell::Text("1/3".into())]),
    ///     Column::new("b", vec![Cell::Number(3.0), Cell::Number(1.0)])]).unwrap();
    /// let (j, _) = Judgments::from_dataset(&ds, &Default::default()).unwrap();
    /// assert_eq!(j.get(0, 1), Some(3.0));
    /// let swapped = Dataset::new("m.csv", vec!["b".into(), "a".into()], ds.columns().to_vec()).unwrap();
    /// assert!(Judgments::from_dataset(&swapped, &Default::default()).unwrap_err().to_string().contains("row 1 is labelled `b`"));
    /// ```
    pub fn from_dataset(
        ds: &fiscus_data::Dataset,
        config: &InputConfig,
    ) -> Result<(Judgments, Vec<String>), AhpError> {
        use fiscus_data::Cell;
        let text = |c: &Cell| match c {
            Cell::Number(v) => format!("{v}"),
            Cell::Missing => String::new(),
            Cell::Text(s) => s.clone(),
        };
        let cols = ds.columns();
        let first_is_labels = cols.first().is_some_and(|c| {
            c.cells
                .iter()
                .all(|x| matches!(x, Cell::Text(t) if parse_judgment(t).is_err()))
        });
        let (labels, data) = if first_is_labels {
            let labels: Vec<String> = cols[0].cells.iter().map(text).collect();
            (Some(labels), &cols[1..])
        } else {
            let auto = ds
                .cases()
                .iter()
                .enumerate()
                .all(|(i, c)| *c == (i + 1).to_string());
            ((!auto).then(|| ds.cases().to_vec()), cols)
        };
        let names: Vec<String> = data.iter().map(|c| c.name.clone()).collect();
        if data.len() != ds.n_cases() {
            return Err(AhpError::NotSquareShape {
                rows: ds.n_cases(),
                cols: data.len(),
            });
        }
        if let Some(labels) = labels {
            for (i, (l, n)) in labels.iter().zip(&names).enumerate() {
                if l.trim() != n.trim() {
                    return Err(AhpError::NameMismatch {
                        row: i + 1,
                        row_name: l.clone(),
                        col_name: n.clone(),
                    });
                }
            }
        }
        let cells: Vec<Vec<String>> = (0..ds.n_cases())
            .map(|r| data.iter().map(|c| text(&c.cells[r])).collect())
            .collect();
        Judgments::from_text(&names, &cells, config)
    }

    /// Parses and validates a matrix given as text cells (see [`parse_judgment`]); errors name
    /// the cell.
    ///
    /// ```
    /// use fiscus_ahp::Judgments;
    /// let names = vec!["a".to_string(), "b".into()];
    /// let cells = vec![vec!["1".to_string(), "1/3".into()], vec!["3".into(), "1".into()]];
    /// let (j, _) = Judgments::from_text(&names, &cells, &Default::default()).unwrap();
    /// assert!(j.is_complete());
    /// ```
    pub fn from_text(
        names: &[String],
        cells: &[Vec<String>],
        config: &InputConfig,
    ) -> Result<(Judgments, Vec<String>), AhpError> {
        let mut values = Vec::with_capacity(cells.len());
        for (i, row) in cells.iter().enumerate() {
            let mut r = Vec::with_capacity(row.len());
            for (j, text) in row.iter().enumerate() {
                let v = parse_judgment(text).map_err(|_| AhpError::BadJudgment {
                    cell: Some(CellRef::new(
                        i,
                        j,
                        names.get(i).map_or("?", String::as_str),
                        names.get(j).map_or("?", String::as_str),
                    )),
                    text: text.trim().to_string(),
                })?;
                r.push(v);
            }
            values.push(r);
        }
        Judgments::new(names.to_vec(), values, config)
    }

    /// Judgments from the upper triangle, row by row (`a_12, a_13, …, a_1n, a_23, …`), `None`
    /// for a missing judgment.
    ///
    /// ```
    /// use fiscus_ahp::Judgments;
    /// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), Some(4.0), Some(2.0)]).unwrap();
    /// assert_eq!(j.get(2, 0), Some(0.25));
    /// ```
    pub fn from_upper(
        names: Vec<String>,
        upper: &[Option<f64>],
    ) -> Result<(Judgments, Vec<String>), AhpError> {
        let n = names.len();
        if upper.len() != n * n.saturating_sub(1) / 2 {
            return Err(AhpError::BadParameter {
                name: "the upper triangle".into(),
                expected: format!("{} values for {n} elements", n * n.saturating_sub(1) / 2),
                value: format!("{} values", upper.len()),
            });
        }
        let mut cells = vec![vec![None; n]; n];
        let mut k = 0;
        for (i, row) in cells.iter_mut().enumerate() {
            for cell in row.iter_mut().skip(i + 1) {
                *cell = upper[k];
                k += 1;
            }
        }
        Judgments::new(names, cells, &InputConfig::default())
    }

    /// The element names.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.5, 0.5]).unwrap();
    /// assert_eq!(fiscus_ahp::Judgments::from(&m).names(), &["a".to_string(), "b".into()]);
    /// ```
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of elements.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.5, 0.5]).unwrap();
    /// assert_eq!(fiscus_ahp::Judgments::from(&m).n(), 2);
    /// ```
    pub fn n(&self) -> usize {
        self.names.len()
    }

    /// The judgment `a_ij`, if given (the diagonal is always 1).
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.75, 0.25]).unwrap();
    /// assert_eq!(fiscus_ahp::Judgments::from(&m).get(0, 1), Some(3.0));
    /// ```
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        self.cells.get(i).and_then(|r| r.get(j)).copied().flatten()
    }

    /// The cells, `None` where a judgment is missing.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into()], &[1.0]).unwrap();
    /// assert_eq!(fiscus_ahp::Judgments::from(&m).cells(), &[vec![Some(1.0)]]);
    /// ```
    pub fn cells(&self) -> &[Vec<Option<f64>>] {
        &self.cells
    }

    /// The missing pairs `(i, j)` with `i < j`.
    ///
    /// ```
    /// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), None, Some(2.0)]).unwrap();
    /// assert_eq!(j.missing(), vec![(0, 2)]);
    /// ```
    pub fn missing(&self) -> Vec<(usize, usize)> {
        let n = self.n();
        (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .filter(|&(i, j)| self.cells[i][j].is_none())
            .collect()
    }

    /// The given pairs `(i, j)` with `i < j`.
    ///
    /// ```
    /// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), None, Some(2.0)]).unwrap();
    /// assert_eq!(j.given(), vec![(0, 1), (1, 2)]);
    /// ```
    pub fn given(&self) -> Vec<(usize, usize)> {
        let n = self.n();
        (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .filter(|&(i, j)| self.cells[i][j].is_some())
            .collect()
    }

    /// Whether every judgment is given.
    ///
    /// ```
    /// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(2.0)]).unwrap();
    /// assert!(j.is_complete());
    /// ```
    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// The complete matrix, when no judgment is missing.
    ///
    /// ```
    /// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(2.0)]).unwrap();
    /// assert_eq!(j.to_complete().unwrap().get(1, 0), 0.5);
    /// ```
    pub fn to_complete(&self) -> Option<PairwiseMatrix> {
        let rows: Option<Vec<Vec<f64>>> = self
            .cells
            .iter()
            .map(|r| r.iter().copied().collect::<Option<Vec<f64>>>())
            .collect();
        rows.map(|a| PairwiseMatrix {
            names: self.names.clone(),
            a,
        })
    }

    /// The same judgments with some pairs removed (used by the repair search).
    pub(crate) fn without(&self, pairs: &[(usize, usize)]) -> Judgments {
        let mut j = self.clone();
        for &(a, b) in pairs {
            j.cells[a][b] = None;
            j.cells[b][a] = None;
        }
        j
    }

    /// Whether the comparison graph is connected (without judgments removed by `without`).
    pub(crate) fn connected(&self) -> bool {
        self.components().1.is_empty()
    }

    fn components(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.n();
        let mut seen = vec![false; n];
        let mut stack = vec![0];
        seen[0] = true;
        while let Some(i) = stack.pop() {
            for j in 0..n {
                if !seen[j] && self.cells[i][j].is_some() {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let left = (0..n).filter(|&i| seen[i]).collect();
        let right = (0..n).filter(|&i| !seen[i]).collect();
        (left, right)
    }

    pub(crate) fn check_connected(&self) -> Result<(), AhpError> {
        let (left, right) = self.components();
        if right.is_empty() {
            return Ok(());
        }
        Err(AhpError::Disconnected {
            left: left.iter().map(|&i| self.names[i].clone()).collect(),
            right: right.iter().map(|&i| self.names[i].clone()).collect(),
        })
    }
}

impl From<&PairwiseMatrix> for Judgments {
    fn from(m: &PairwiseMatrix) -> Self {
        Judgments {
            names: m.names.clone(),
            cells: m
                .a
                .iter()
                .map(|r| r.iter().map(|&v| Some(v)).collect())
                .collect(),
        }
    }
}

/// A complete positive reciprocal matrix: `a_ii = 1`, `a_ji = 1/a_ij`. The constructor rejects
/// anything else, so every function taking a `PairwiseMatrix` can rely on the invariant.
///
/// ```
/// use fiscus_ahp::PairwiseMatrix;
/// let m = PairwiseMatrix::new(vec!["a".into(), "b".into()], vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]]).unwrap();
/// assert_eq!(m.get(0, 1), 3.0);
/// assert!(PairwiseMatrix::new(vec!["a".into(), "b".into()], vec![vec![1.0, 3.0], vec![0.5, 1.0]]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairwiseMatrix {
    names: Vec<String>,
    a: Vec<Vec<f64>>,
}

impl PairwiseMatrix {
    /// Validates a complete matrix; reciprocity must hold to [`EXACT_RECIPROCAL_TOLERANCE`].
    ///
    /// ```
    /// let e = fiscus_ahp::PairwiseMatrix::new(vec!["a".into(), "b".into()], vec![vec![1.0, -2.0], vec![-0.5, 1.0]]).unwrap_err();
    /// assert!(e.to_string().contains("-2"));
    /// ```
    pub fn new(names: Vec<String>, rows: Vec<Vec<f64>>) -> Result<PairwiseMatrix, AhpError> {
        let cells = rows
            .into_iter()
            .map(|r| r.into_iter().map(Some).collect())
            .collect();
        let config = InputConfig {
            reciprocal_tolerance: EXACT_RECIPROCAL_TOLERANCE,
        };
        let (j, _) = Judgments::new(names.clone(), cells, &config)?;
        j.to_complete().ok_or(AhpError::NotSquareShape {
            rows: names.len(),
            cols: names.len(),
        })
    }

    /// The consistent matrix `a_ij = w_i / w_j` of positive weights.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.6, 0.2]).unwrap();
    /// assert!((m.get(0, 1) - 3.0).abs() < 1e-12);
    /// ```
    pub fn from_weights(names: Vec<String>, w: &[f64]) -> Result<PairwiseMatrix, AhpError> {
        if names.len() != w.len() || w.is_empty() {
            return Err(AhpError::BadWeights(format!(
                "{} weights for {} elements",
                w.len(),
                names.len()
            )));
        }
        if let Some(bad) = w.iter().find(|v| !(v.is_finite() && **v > 0.0)) {
            return Err(AhpError::BadWeights(format!(
                "weight {bad} is not positive"
            )));
        }
        let n = w.len();
        let mut a = vec![vec![1.0; n]; n];
        for i in 0..n {
            for j in i + 1..n {
                a[i][j] = w[i] / w[j];
                a[j][i] = 1.0 / a[i][j];
            }
        }
        for (i, x) in names.iter().enumerate() {
            if names[..i].contains(x) {
                return Err(AhpError::DuplicateName(x.clone()));
            }
        }
        Ok(PairwiseMatrix { names, a })
    }

    /// Builds a matrix from values already known to be positive and reciprocal (upper triangle
    /// authoritative).
    pub(crate) fn from_upper_unchecked(names: Vec<String>, mut a: Vec<Vec<f64>>) -> PairwiseMatrix {
        let n = a.len();
        for i in 0..n {
            a[i][i] = 1.0;
            for j in i + 1..n {
                a[j][i] = 1.0 / a[i][j];
            }
        }
        PairwiseMatrix { names, a }
    }

    /// The element names.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into()], &[1.0]).unwrap();
    /// assert_eq!(m.names(), &["a".to_string()]);
    /// ```
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of elements.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into()], &[1.0]).unwrap();
    /// assert_eq!(m.n(), 1);
    /// ```
    pub fn n(&self) -> usize {
        self.names.len()
    }

    /// The judgment `a_ij` (panics only on an index out of range, like slice indexing).
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.8, 0.2]).unwrap();
    /// assert!((m.get(1, 0) - 0.25).abs() < 1e-12);
    /// ```
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.a[i][j]
    }

    /// The rows of the matrix.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into()], &[1.0]).unwrap();
    /// assert_eq!(m.rows(), &[vec![1.0]]);
    /// ```
    pub fn rows(&self) -> &[Vec<f64>] {
        &self.a
    }

    /// The same matrix with elements reordered: element `k` of the result is element `order[k]`.
    ///
    /// ```
    /// let m = fiscus_ahp::PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.8, 0.2]).unwrap();
    /// let p = m.permuted(&[1, 0]).unwrap();
    /// assert_eq!(p.names()[0], "b");
    /// assert!((p.get(0, 1) - 0.25).abs() < 1e-12);
    /// ```
    pub fn permuted(&self, order: &[usize]) -> Result<PairwiseMatrix, AhpError> {
        let n = self.n();
        let mut seen = vec![false; n];
        if order.len() != n
            || order
                .iter()
                .any(|&k| k >= n || std::mem::replace(&mut seen[k], true))
        {
            return Err(AhpError::BadParameter {
                name: "the order".into(),
                expected: format!("a permutation of 0..{n}"),
                value: format!("{order:?}"),
            });
        }
        Ok(PairwiseMatrix {
            names: order.iter().map(|&k| self.names[k].clone()).collect(),
            a: order
                .iter()
                .map(|&i| order.iter().map(|&j| self.a[i][j]).collect())
                .collect(),
        })
    }
}
