//! The error type of the study crate.

/// Errors of a study: in the study file (with file, line, column and key), in the data, or in
/// one of the analysis stages.
///
/// ```
/// let e = fiscus_study::StudyError::Toml { file: "s.toml".into(), line: 3, column: 1,
///     key: "truth_table.incl_cut".into(), message: "must lie in [0, 1], not 2".into() };
/// assert_eq!(e.to_string(), "s.toml:3:1: key `truth_table.incl_cut`: must lie in [0, 1], not 2");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StudyError {
    /// A problem in the study file itself.
    #[error("{file}:{line}:{column}: key `{key}`: {message}")]
    Toml {
        /// The study file.
        file: String,
        /// 1-based line (0 if unknown).
        line: usize,
        /// 1-based column.
        column: usize,
        /// Dotted key path (`condition[2].anchors`).
        key: String,
        /// What is wrong.
        message: String,
    },
    /// A file the study names could not be read.
    #[error("{file}: cannot read `{path}` (key `{key}`): {reason}")]
    Read {
        /// The study file.
        file: String,
        /// The path as written in the study file.
        path: String,
        /// The key naming the path.
        key: String,
        /// The reader's message.
        reason: String,
    },
    /// The data file could not be parsed.
    #[error(transparent)]
    Io(Box<fiscus_io::IoError>),
    /// The data do not fit the analysis.
    #[error(transparent)]
    Data(Box<fiscus_data::DataError>),
    /// A QCA stage failed.
    #[error("{stage}: {source}")]
    Qca {
        /// The stage (`truth table`, `minimisation`, ...).
        stage: String,
        /// The QCA error.
        source: Box<fiscus_qca::QcaError>,
    },
    /// An evaluation stage (AHP, Delphi, composite score) failed.
    #[error("{stage}: {message}")]
    Evaluation {
        /// The stage (`ahp`, `delphi round 1`, `questionnaire`).
        stage: String,
        /// The method crate's message.
        message: String,
    },
    /// A figure could not be drawn.
    #[error(transparent)]
    Report(#[from] fiscus_report::ReportError),
    /// The output could not be assembled.
    #[error("cannot write {what}: {reason}")]
    Output {
        /// The output file.
        what: String,
        /// Why.
        reason: String,
    },
}

impl From<fiscus_io::IoError> for StudyError {
    fn from(e: fiscus_io::IoError) -> Self {
        StudyError::Io(Box::new(e))
    }
}

impl From<fiscus_data::DataError> for StudyError {
    fn from(e: fiscus_data::DataError) -> Self {
        StudyError::Data(Box::new(e))
    }
}
