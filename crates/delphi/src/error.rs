//! The one error type of the crate.

use fiscus_data::DataError;

/// Everything that can go wrong in a Delphi analysis; every message names the offending value
/// and, for table input, the source, row and column.
///
/// ```
/// use fiscus_delphi::{Ratings, Scale};
/// let scale = Scale::new(1.0, 5.0).unwrap();
/// let e = Ratings::new("r1.csv", vec!["E1".into()], vec!["I1".into()], vec![vec![Some(6.0)]], Some(scale))
///     .unwrap_err();
/// assert_eq!(e.to_string(), "r1.csv: row 1 (expert `E1`), column `I1`: score 6 is outside the scale 1..5");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DelphiError {
    /// A problem with the input table itself (unknown column, text where a number belongs, ...).
    #[error(transparent)]
    Data(#[from] DataError),
    /// A score outside the declared scale.
    #[error("{source_name}: row {row} (expert `{expert}`), column `{item}`: score {value} is outside the scale {min}..{max}")]
    OutOfScale {
        /// File or stream name.
        source_name: String,
        /// 1-based data row.
        row: usize,
        /// Expert id.
        expert: String,
        /// Item (column) name.
        item: String,
        /// The score.
        value: f64,
        /// Scale minimum.
        min: f64,
        /// Scale maximum.
        max: f64,
    },
    /// A score that is not a finite number.
    #[error("{source_name}: row {row} (expert `{expert}`), column `{item}`: score {value} is not a finite number")]
    NotFinite {
        /// File or stream name.
        source_name: String,
        /// 1-based data row.
        row: usize,
        /// Expert id.
        expert: String,
        /// Item name.
        item: String,
        /// The value.
        value: f64,
    },
    /// Two rows carry the same expert id.
    #[error("{source_name}: expert id `{expert}` is repeated (rows {first} and {second})")]
    DuplicateExpert {
        /// File or stream name.
        source_name: String,
        /// The repeated id.
        expert: String,
        /// 1-based first row.
        first: usize,
        /// 1-based second row.
        second: usize,
    },
    /// Two columns carry the same item name.
    #[error("{source_name}: item `{item}` is repeated (columns {first} and {second})")]
    DuplicateItem {
        /// File or stream name.
        source_name: String,
        /// The repeated name.
        item: String,
        /// 1-based first column.
        first: usize,
        /// 1-based second column.
        second: usize,
    },
    /// A row of the score matrix has the wrong length.
    #[error("{source_name}: row {row} has {got} scores but there are {expected} items")]
    Ragged {
        /// File or stream name.
        source_name: String,
        /// 1-based row.
        row: usize,
        /// Scores found.
        got: usize,
        /// Items.
        expected: usize,
    },
    /// A scale, a number list or a `NAME=VALUE` list that cannot be read.
    #[error(transparent)]
    Parse(#[from] fiscus_data::ParseError),
    /// Too few experts or items for the statistic.
    #[error("{what} needs at least {needed} {unit}, got {got}")]
    TooFew {
        /// The statistic.
        what: String,
        /// Minimum needed.
        needed: usize,
        /// What there is.
        got: usize,
        /// `experts` or `items`.
        unit: String,
    },
    /// Kendall's W with the tie correction has a zero denominator.
    #[error("kendall's w is undefined: every one of the {experts} experts gave all items the same score")]
    AllTied {
        /// Experts used.
        experts: usize,
    },
    /// An item nobody answered.
    #[error("{source_name}: item `{item}` has no answers")]
    NoAnswers {
        /// File or stream name.
        source_name: String,
        /// The item.
        item: String,
    },
    /// A quantile type other than R's 1..9.
    #[error("quantile type {0} is not one of R's types 1..9")]
    QuantileType(u8),
    /// A screening rule that does not parse.
    #[error("invalid screening rule `{rule}`: {reason}")]
    Rule {
        /// The rule text.
        rule: String,
        /// What is wrong.
        reason: String,
    },
    /// A screening parameter out of range.
    #[error("min-fail {min_fail} must be between 1 and the number of rules ({rules})")]
    MinFail {
        /// The value given.
        min_fail: usize,
        /// Number of rules.
        rules: usize,
    },
    /// A round whose items differ from the previous round without a declared mapping.
    #[error("{source_name}: item `{item}` {what} {previous}; {hint}")]
    ItemsDiffer {
        /// The later round.
        source_name: String,
        /// The item.
        item: String,
        /// `is new compared with` or `of ... is missing from`.
        what: String,
        /// The earlier round.
        previous: String,
        /// How to declare the change.
        hint: String,
    },
    /// A mapping entry that names an item no round has.
    #[error("item mapping: {0}")]
    Mapping(String),
    /// A self-rating level outside the scoring table.
    #[error("expert `{expert}`: {basis} level `{level}` is not one of 1..{levels}")]
    BadLevel {
        /// Expert id.
        expert: String,
        /// Judgment basis or `familiarity`.
        basis: String,
        /// The level given.
        level: String,
        /// Levels in the table.
        levels: usize,
    },
    /// A scoring table that cannot be used.
    #[error("scoring table `{name}`: {reason}")]
    BadTable {
        /// Table (basis) name.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// More questionnaires returned than sent, or none sent.
    #[error("positive coefficient: {returned} questionnaires returned but {sent} sent")]
    Returned {
        /// Sent.
        sent: usize,
        /// Returned.
        returned: usize,
    },
    /// A cell of the experts' self-rating table.
    #[error("{source_name}: row {row} (expert `{expert}`), column `{column}`: {message}")]
    SelfRating {
        /// File or stream name.
        source_name: String,
        /// 1-based row.
        row: usize,
        /// Expert id.
        expert: String,
        /// Column.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// An item named in `--dropped`/`--added` (an item mapping) that no round has.
    #[error("{list} names `{item}`, which is in no round (items: {known})")]
    UnknownMappedItem {
        /// `--dropped` or `--added`.
        list: String,
        /// The item.
        item: String,
        /// The items of all rounds.
        known: String,
    },
    /// An option written wrongly (e.g. a `--rename` without `=`).
    #[error("{0}")]
    Option(String),
    /// Expert weights that cannot be normalised.
    #[error("expert weights: {0}")]
    Weights(String),
    /// A parameter out of its range.
    #[error("{name} = {value} is out of range: {reason}")]
    Parameter {
        /// Parameter name.
        name: String,
        /// Value given.
        value: f64,
        /// Allowed range.
        reason: String,
    },
}
