//! The one error type of the crate.

use crate::matrix::CellRef;

/// Everything that can go wrong in an AHP computation. Messages are lower-case and name the
/// offending value, cell or element.
///
/// ```
/// use fiscus_ahp::{AhpError, Judgments};
/// let err = Judgments::from_text(&["a".into(), "b".into()], &[vec!["1".into(), "x".into()], vec!["".into(), "1".into()]], &Default::default()).unwrap_err();
/// assert!(matches!(err, AhpError::BadJudgment { .. }));
/// assert!(err.to_string().contains("`x`"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AhpError {
    /// A problem in a TOML input file (syntax, type, unknown key), located at its key.
    #[error(transparent)]
    File(#[from] fiscus_data::KeyError),
    /// A problem with an input table (unknown column, text where a number belongs, ...).
    #[error(transparent)]
    Data(#[from] fiscus_data::DataError),
    /// An error about a value of a TOML input file, located at its key (the error is the
    /// source).
    #[error("{file}:{line}:{column}: key `{key}`")]
    At {
        /// The file.
        file: String,
        /// 1-based line (0 if unknown).
        line: usize,
        /// 1-based column.
        column: usize,
        /// Dotted key path.
        key: String,
        /// What is wrong with the value.
        #[source]
        source: Box<AhpError>,
    },
    /// No elements at all.
    #[error("the matrix is empty")]
    Empty,
    /// A row has the wrong number of cells.
    #[error("the matrix is not square: row {row} (`{name}`) has {got} cells, there are {expected} elements")]
    NotSquare {
        /// 1-based row.
        row: usize,
        /// Row element.
        name: String,
        /// Cells in the row.
        got: usize,
        /// Elements (columns).
        expected: usize,
    },
    /// The matrix has a different number of rows from columns.
    #[error("the matrix is not square: {rows} rows and {cols} columns")]
    NotSquareShape {
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
    },
    /// The row labels do not match the column labels.
    #[error("row {row} is labelled `{row_name}` but column {row} is `{col_name}`: rows and columns must list the elements in the same order")]
    NameMismatch {
        /// 1-based position.
        row: usize,
        /// Row label.
        row_name: String,
        /// Column label.
        col_name: String,
    },
    /// Two elements share a name.
    #[error("duplicate element name `{0}`")]
    DuplicateName(String),
    /// A cell that is neither a number, a fraction nor missing.
    #[error("{}unknown judgment `{text}`: write a number, a fraction such as 1/3, or leave the cell empty", cell.as_ref().map(|c| format!("{c}: ")).unwrap_or_default())]
    BadJudgment {
        /// Where, when known.
        cell: Option<CellRef>,
        /// The text.
        text: String,
    },
    /// A zero, negative or non-finite judgment.
    #[error("{cell}: {value} is not a valid judgment (judgments must be positive and finite)")]
    NotPositive {
        /// Where.
        cell: CellRef,
        /// The value.
        value: f64,
    },
    /// A diagonal cell other than 1.
    #[error("{cell}: the diagonal must be 1, not {value}")]
    Diagonal {
        /// Where.
        cell: CellRef,
        /// The value.
        value: f64,
    },
    /// `a_ij · a_ji` differs from 1 by more than the tolerance.
    #[error("the matrix is not reciprocal: {cell} is {value} but {mirror} is {mirror_value} (product {product}, tolerance {tolerance}); worst of {count} such pair(s)")]
    NotReciprocal {
        /// The worst pair's upper cell.
        cell: Box<CellRef>,
        /// Its value.
        value: f64,
        /// The mirrored cell.
        mirror: Box<CellRef>,
        /// Its value.
        mirror_value: f64,
        /// `value · mirror_value`.
        product: f64,
        /// Relative tolerance used.
        tolerance: f64,
        /// Number of pairs outside the tolerance.
        count: usize,
    },
    /// The comparison graph of an incomplete matrix is not connected.
    #[error("the comparison graph is not connected: {} never compared (directly or through others) with {}; add at least one judgment between the two groups", list(.left), list(.right))]
    Disconnected {
        /// Elements reachable from the first.
        left: Vec<String>,
        /// The others.
        right: Vec<String>,
    },
    /// An RI table does not cover the matrix size.
    #[error("ri table `{table}` has no value for n = {n} (it covers n <= {max}); use `alonso-lamata`, which extends to any n")]
    RiOutOfRange {
        /// Table name.
        table: String,
        /// Matrix size.
        n: usize,
        /// Largest n covered.
        max: usize,
    },
    /// Unknown name of an option value (method, RI table, completion, aggregation).
    #[error("unknown {what} `{name}` (expected one of: {expected})")]
    UnknownOption {
        /// What kind of option.
        what: String,
        /// The name given.
        name: String,
        /// The accepted names.
        expected: String,
    },
    /// Bad weights (priorities, expert weights).
    #[error("{0}")]
    BadWeights(String),
    /// A group-survey cell or column problem.
    #[error("expert `{expert}`, column `{column}`: {message}")]
    SurveyCell {
        /// Expert label.
        expert: String,
        /// Column name.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// Two experts of a panel share an id.
    #[error("expert id `{expert}` is repeated (rows {first} and {second})")]
    DuplicateExpert {
        /// The id.
        expert: String,
        /// 1-based first row (or panel position).
        first: usize,
        /// 1-based second row.
        second: usize,
    },
    /// A problem with the survey as a whole.
    #[error("{0}")]
    Survey(String),
    /// A problem with the shape of a hierarchy.
    #[error("{0}")]
    Hierarchy(String),
    /// A hierarchy node has no comparison matrix.
    #[error("{kind} `{node}` has no comparison matrix{}", under.as_ref().map(|u| format!(" (it is listed under `{u}`)")).unwrap_or_default())]
    MissingMatrix {
        /// `criterion`, `goal`, ...
        kind: String,
        /// The node name.
        node: String,
        /// Its parent, if any.
        under: Option<String>,
    },
    /// A parameter out of its range.
    #[error("{name} must be {expected}, not {value}")]
    BadParameter {
        /// Parameter name.
        name: String,
        /// What it must be.
        expected: String,
        /// What it was.
        value: String,
    },
}

fn list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > 8 {
        format!(" and {} more", names.len() - 8)
    } else {
        String::new()
    };
    format!("{{{}{more}}}", shown.join(", "))
}
