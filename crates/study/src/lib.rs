//! `fiscus-study`: study files and the whole Fiscus pipeline, from raw data to a report.
//!
//! A study file (TOML, see `docs/study-file.md`) names the data, how each set is calibrated,
//! and the settings of every stage. [`Study::parse`] reads it (errors name the file, line,
//! column and key), [`run`] runs every stage through the method crates and returns
//! [`StudyResults`] (every number, serialisable to `results.json`), and [`output_files`]
//! renders the reports, tables and figures as bytes for the caller to write. The crate reads
//! no files itself: [`run`] asks the caller's closure for the data file.
//!
//! ```
//! use fiscus_study::{output_files, run, Study};
//! let text = "[study]\ntitle = \"Demo\"\n[data]\nfile = \"d.csv\"\n\
//!             [outcome]\nname = \"Y\"\ncolumn = \"y_raw\"\nanchors = \"e=0, c=5, i=10\"\n\
//!             [[condition]]\nname = \"A\"\n[[condition]]\nname = \"B\"\n";
//! let study = Study::parse(text, "study.toml").unwrap();
//! let csv = b"case,A,B,y_raw\na,0.1,0.2,1\nb,0.2,0.9,9\nc,0.9,0.1,8\nd,0.8,0.9,10\n".to_vec();
//! let results = run(&study, &mut |path| {
//!     assert_eq!(path, "d.csv");
//!     Ok(csv.clone())
//! }, &mut |_stage| {}).unwrap();
//! assert_eq!(results.solutions[1].models[0].expression, "A + B");
//! let files = output_files(&results).unwrap();
//! assert_eq!(files[0].path, "results.json");
//! ```

mod error;
mod evaluation;
mod examples;
mod named;
mod render;
mod run;
mod scoring;
mod spec;
mod templates;

pub use error::{error_chain, MethodError, StudyError};
pub use evaluation::{
    evaluation_scoring, evaluation_system, run_evaluation, AhpLevel, AhpWeights, DelphiRound,
    EvaluationResults, EVALUATION_STAGES,
};
pub use examples::{Example, EXAMPLES};
pub use render::{
    evaluation_document, evaluation_output_files, output_files, report_document, run_to_files,
    OutputFile, StudyOutput,
};
pub use run::{
    run, CalibrationResult, ChartPathResult, ChartResult, DataInfo, GridItem, NecessityResult,
    PathResult, Progress, Reader, RobustnessResult, SolutionResult, StudyInfo, StudyResults,
    TruthTableResult, TtRowResult, STAGES,
};
pub use scoring::{is_study_file, scoring_from_study, scoring_from_system, Scoring, ScoringFile};
pub use spec::{
    AhpSpec, BandSpec, DataSpec, DelphiSpec, DimensionSpec, ExpertJudgments, GradesSpec, GroupSpec,
    Judgment, JudgmentMatrix, KeyPart, Kind, MinimizeSpec, NamedPathSpec, NecessitySpec,
    QuestionnaireSpec, RobustnessSpec, SchemeSpec, SetSpec, Study, StudyMeta, StudySpec,
    TruthTableSpec,
};
pub use templates::{template, template_data};
