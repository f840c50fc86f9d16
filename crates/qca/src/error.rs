//! The error type of `fiscus-qca`.

use fiscus_data::DataError;

/// Everything that can go wrong in a QCA analysis. Messages name the offending value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum QcaError {
    /// A data problem (unknown column, text in a numeric column, ...).
    #[error(transparent)]
    Data(#[from] DataError),
    /// A column cannot be used as a set.
    #[error("{0}")]
    Set(String),
    /// A malformed set expression or specification.
    #[error("cannot parse `{input}`: {message}")]
    Parse {
        /// The text that failed to parse.
        input: String,
        /// What is wrong with it.
        message: String,
    },
    /// An option with an invalid value.
    #[error("{0}")]
    Option(String),
    /// The analysis cannot run on these data (e.g. no positive rows).
    #[error("{0}")]
    Analysis(String),
    /// A search or table would exceed its work or memory budget; the message names the budget
    /// to raise.
    #[error("{0}")]
    Budget(String),
    /// Recalibration failed during a robustness run.
    #[error("calibration: {0}")]
    Calibration(String),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, QcaError>;
