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
    /// A method crate's error, as it is (`fiscus score` on a system file).
    #[error(transparent)]
    Method(Box<MethodError>),
    /// A command-line option that does not fit the study (e.g. an unknown grade scheme).
    #[error("{0}")]
    Option(String),
    /// The data do not fit the analysis.
    #[error(transparent)]
    Data(Box<fiscus_data::DataError>),
    /// A QCA stage failed. The message names the stage only; the QCA error is the source (a
    /// printer of the error chain shows both, once each).
    #[error("{stage}")]
    Qca {
        /// The stage (`truth table`, `minimisation`, ...).
        stage: String,
        /// The QCA error.
        #[source]
        source: Box<fiscus_qca::QcaError>,
    },
    /// An evaluation stage (AHP, Delphi, composite score) failed. The message names the stage
    /// only; the method crate's error is the source.
    #[error("{stage}")]
    Evaluation {
        /// The stage (`indicator system`, `delphi round 1`, `questionnaire`, ...).
        stage: String,
        /// The method crate's error.
        #[source]
        source: Box<MethodError>,
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

impl From<fiscus_data::KeyError> for StudyError {
    fn from(e: fiscus_data::KeyError) -> Self {
        StudyError::Toml {
            file: e.file,
            line: e.line,
            column: e.column,
            key: e.key,
            message: e.message,
        }
    }
}

impl From<fiscus_io::IoError> for StudyError {
    fn from(e: fiscus_io::IoError) -> Self {
        StudyError::Io(Box::new(e))
    }
}

impl From<fiscus_ahp::AhpError> for StudyError {
    fn from(e: fiscus_ahp::AhpError) -> Self {
        StudyError::Method(Box::new(e.into()))
    }
}

impl From<fiscus_eval::EvalError> for StudyError {
    fn from(e: fiscus_eval::EvalError) -> Self {
        StudyError::Method(Box::new(e.into()))
    }
}

impl From<fiscus_data::DataError> for StudyError {
    fn from(e: fiscus_data::DataError) -> Self {
        StudyError::Data(Box::new(e))
    }
}

/// The error of an evaluation method crate, kept typed as the source of
/// [`StudyError::Evaluation`].
///
/// ```
/// let e = fiscus_study::MethodError::from(fiscus_delphi::DelphiError::QuantileType(12));
/// assert_eq!(e.to_string(), "quantile type 12 is not one of R's types 1..9");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MethodError {
    /// From `fiscus-ahp`.
    #[error(transparent)]
    Ahp(#[from] fiscus_ahp::AhpError),
    /// From `fiscus-delphi`.
    #[error(transparent)]
    Delphi(#[from] fiscus_delphi::DelphiError),
    /// From `fiscus-eval`.
    #[error(transparent)]
    Eval(#[from] fiscus_eval::EvalError),
}

/// The messages of an error and of its sources, outermost first (what a printer of the chain
/// shows, joined by `: `).
///
/// ```
/// use fiscus_study::{error_chain, StudyError};
/// let e = StudyError::Evaluation {
///     stage: "questionnaire".into(),
///     source: Box::new(fiscus_delphi::DelphiError::QuantileType(12).into()),
/// };
/// assert_eq!(error_chain(&e), vec!["questionnaire", "quantile type 12 is not one of R's types 1..9"]);
/// ```
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        out.push(s.to_string());
        cur = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No message of the chain repeats the message of its source: a printer of the chain says
    /// everything once.
    #[test]
    fn no_message_repeats_its_source() {
        let qca = fiscus_qca::QcaError::Option("incl_cut must lie in [0, 1], not 2".into());
        let errors: Vec<StudyError> = vec![
            StudyError::Qca {
                stage: "truth table".into(),
                source: Box::new(qca),
            },
            StudyError::Evaluation {
                stage: "delphi round 1".into(),
                source: Box::new(fiscus_delphi::DelphiError::QuantileType(12).into()),
            },
            StudyError::Evaluation {
                stage: "indicator system".into(),
                source: Box::new(
                    fiscus_eval::EvalError::from(fiscus_data::ParseError::BadScale {
                        min: 5.0,
                        max: 1.0,
                    })
                    .into(),
                ),
            },
            StudyError::Evaluation {
                stage: "ahp".into(),
                source: Box::new(fiscus_ahp::AhpError::Empty.into()),
            },
            StudyError::from(fiscus_data::DataError::Empty {
                source_name: "d.csv".into(),
            }),
        ];
        for e in &errors {
            let chain = error_chain(e);
            for w in chain.windows(2) {
                assert!(
                    !w[0].contains(&w[1]) && !w[1].contains(&w[0]),
                    "{chain:?} repeats a message"
                );
            }
            let mut seen = std::collections::HashSet::new();
            for m in &chain {
                assert!(seen.insert(m.clone()), "{chain:?} repeats `{m}`");
            }
        }
    }
}
