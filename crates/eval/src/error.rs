//! The one error type of the crate.

use fiscus_data::DataError;

/// Everything that can go wrong in an evaluation; messages name the offending value and, for
/// table input, the source, row and column.
///
/// ```
/// use fiscus_eval::{Dimension, Indicator, IndicatorSystem, WeightCheck};
/// let dims = vec![Dimension::new("Budget", Some(1.0), vec![
///     Indicator::new("F1", Some(0.6)), Indicator::new("F2", Some(0.3))])];
/// let e = IndicatorSystem::new(dims, WeightCheck::default()).unwrap_err();
/// assert!(e.to_string().starts_with("the indicator weights of dimension `Budget` sum to 0.9, not 1"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A problem with the input table itself.
    #[error(transparent)]
    Data(#[from] DataError),
    /// A problem in a TOML input file (syntax, type, or a value), located at its key.
    #[error(transparent)]
    File(#[from] fiscus_data::KeyError),
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
        source: Box<EvalError>,
    },
    /// An indicator or dimension without a weight.
    #[error("{what} has no weight; give `weight`, a comparison matrix or another weight source")]
    MissingWeight {
        /// E.g. "indicator `F3` of dimension `Budget`".
        what: String,
    },
    /// Weights that do not sum to 1 within the tolerance.
    #[error("{what} sum to {}, not 1 (tolerance {tolerance}); normalise them (`normalise = true` in the system file or --normalise) or correct them", short(*.sum))]
    WeightSum {
        /// E.g. "the indicator weights of dimension `Budget`".
        what: String,
        /// Their sum.
        sum: f64,
        /// The tolerance used.
        tolerance: f64,
    },
    /// A negative or non-finite weight.
    #[error("{what}: weight {value} is not a finite non-negative number")]
    BadWeight {
        /// Which weight.
        what: String,
        /// Its value.
        value: f64,
    },
    /// A name used twice.
    #[error("{what} `{name}` is defined twice")]
    Duplicate {
        /// `indicator` or `dimension`.
        what: String,
        /// The repeated name.
        name: String,
    },
    /// Something that must not be empty is.
    #[error("{0}")]
    Empty(String),
    /// A response outside the declared scale.
    #[error("{source_name}: row {row} (respondent `{respondent}`), column `{column}`: response {value} is outside the scale {min}..{max}")]
    OutOfScale {
        /// File or stream.
        source_name: String,
        /// 1-based data row.
        row: usize,
        /// Respondent label.
        respondent: String,
        /// Indicator column.
        column: String,
        /// The response.
        value: f64,
        /// Scale minimum.
        min: f64,
        /// Scale maximum.
        max: f64,
    },
    /// A data column that is not an indicator of the system.
    #[error("{source_name}: column `{column}` is not an indicator of the system{}; remove it or list it as ignored (--ignore)", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownColumn {
        /// File or stream.
        source_name: String,
        /// The column.
        column: String,
        /// The closest indicator id.
        suggestion: Option<String>,
    },
    /// An indicator nobody answered.
    #[error("{source_name}: indicator `{indicator}` has no responses{}", group.as_ref().map(|g| format!(" in group `{g}`")).unwrap_or_default())]
    NoResponses {
        /// File or stream.
        source_name: String,
        /// The indicator.
        indicator: String,
        /// The respondent group, when the problem is within a group.
        group: Option<String>,
    },
    /// A scale, a number list or a `NAME=VALUE` list that cannot be read.
    #[error(transparent)]
    Parse(#[from] fiscus_data::ParseError),
    /// A grade scheme with a gap, an overlap or a malformed band.
    #[error("grade scheme `{scheme}`: {reason}")]
    GradeScheme {
        /// Scheme name.
        scheme: String,
        /// What is wrong.
        reason: String,
    },
    /// A score that falls in no band of the scheme.
    #[error("grade scheme `{scheme}`: score {score} falls in no band")]
    NoGrade {
        /// Scheme name.
        scheme: String,
        /// The score.
        score: f64,
    },
    /// Matrices or vectors of the wrong shape.
    #[error("{0}")]
    Shape(String),
    /// A parameter out of range.
    #[error("{name} = {value} is out of range: {reason}")]
    Parameter {
        /// Parameter.
        name: String,
        /// Value given.
        value: f64,
        /// Allowed range.
        reason: String,
    },
    /// A value a method cannot use (e.g. a negative value under ratio normalisation).
    #[error("{0}")]
    BadValue(String),
    /// Unknown group in the group weights, or a group without weight.
    #[error("respondent groups: {0}")]
    Groups(String),
}

/// A number with at most 10 decimals, trailing zeros dropped (for messages).
fn short(v: f64) -> String {
    let s = format!("{v:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
