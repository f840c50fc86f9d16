//! What `fiscus score` evaluates: an indicator system, its scoring settings, the resolved
//! weights and the questionnaire's responses, from a system file or from the evaluation
//! section of a study file. The caller reads the files; this module does the rest.

use fiscus_data::Dataset;
use fiscus_eval::{
    ComparisonMatrix, EvalConfig, GradeScheme, IndicatorSystem, MatrixWeights, Overrides,
    Responses, SystemFile, WeightReport, WeightSource,
};

use crate::error::StudyError;
use crate::evaluation::{evaluation_scoring, evaluation_system};
use crate::spec::Study;

/// An indicator system ready to score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// The title (the system file's, or the study's).
    pub title: String,
    /// Dimensions and indicators with their weights.
    pub system: IndicatorSystem,
    /// Scale, conversion, grade schemes, group weights.
    pub config: EvalConfig,
    /// The questionnaire's answers, when given.
    pub responses: Option<Responses>,
    /// How the weights were obtained.
    pub weights: WeightReport,
    /// Things the user should know (e.g. an AHP matrix whose CR is not acceptable).
    pub warnings: Vec<String>,
}

impl Scoring {
    /// The questionnaire's answers, which scoring needs.
    ///
    /// ```
    /// let text = "[[dimension]]\nname = \"D\"\nweight = 1.0\n[[dimension.indicator]]\nid = \"a\"\nweight = 1.0\n";
    /// let s = fiscus_study::scoring_from_system("s.toml", text, &Default::default(), None, &[]).unwrap();
    /// assert_eq!(s.responses().unwrap_err().to_string(), "give the questionnaire data with --data FILE");
    /// ```
    pub fn responses(&self) -> Result<&Responses, StudyError> {
        let msg = "give the questionnaire data with --data FILE";
        self.responses
            .as_ref()
            .ok_or_else(|| StudyError::Option(msg.into()))
    }
}

/// The file `fiscus score` reads: an indicator system file, or a study file whose evaluation
/// is scored.
///
/// ```
/// use fiscus_study::ScoringFile;
/// let f = ScoringFile::parse("s.toml", "[[dimension]]\nname = \"D\"\n".into()).unwrap();
/// assert!(matches!(f, ScoringFile::System { .. }));
/// assert!(f.questionnaire(false).unwrap().is_none());
/// assert!(f.questionnaire(true).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ScoringFile {
    /// A system file.
    System {
        /// Its name in messages.
        name: String,
        /// Its text.
        text: String,
    },
    /// A study file.
    Study(Box<Study>),
}

impl ScoringFile {
    /// Reads `text` (named `name` in messages): a study file when it has a `[study]` table,
    /// else a system file.
    pub fn parse(name: &str, text: String) -> Result<Self, StudyError> {
        Ok(match is_study_file(&text) {
            true => ScoringFile::Study(Box::new(Study::parse(&text, name)?)),
            false => ScoringFile::System {
                name: name.to_string(),
                text,
            },
        })
    }

    /// The questionnaire to read when no data are given: a study's `[questionnaire]` file
    /// (relative to the study file) and its respondent id column; when `required`, its
    /// absence is an error.
    pub fn questionnaire(&self, required: bool) -> Result<Option<(&str, String)>, StudyError> {
        let (q, what) = match self {
            ScoringFile::Study(s) => (s.spec.questionnaire.as_ref(), Some(&s.file)),
            ScoringFile::System { .. } => (None, None),
        };
        match (q, what) {
            (Some(q), _) => Ok(Some((q.file.as_str(), q.respondent_column()))),
            (None, _) if !required => Ok(None),
            (None, Some(name)) => Err(StudyError::Option(format!(
                "give the questionnaire data with --data FILE (the study file {name} has no [questionnaire])"
            ))),
            (None, None) => Err(StudyError::Option(
                "give the questionnaire data with --data FILE".into(),
            )),
        }
    }

    /// The scoring of this file with the command line's overrides and the survey (columns
    /// not in the system listed in `ignore` are skipped).
    pub fn scoring(
        &self,
        o: &Overrides,
        survey: Option<&Dataset>,
        ignore: &[String],
    ) -> Result<Scoring, StudyError> {
        match self {
            ScoringFile::Study(s) => scoring_from_study(s, &s.file, o, survey, ignore),
            ScoringFile::System { name, text } => {
                scoring_from_system(name, text, o, survey, ignore)
            }
        }
    }
}

/// True when `text` is a study file (it has a `[study]` table) rather than a system file.
///
/// ```
/// assert!(fiscus_study::is_study_file("[study]\ntitle = \"x\"\n"));
/// assert!(!fiscus_study::is_study_file("[[dimension]]\nname = \"A\"\n"));
/// ```
pub fn is_study_file(text: &str) -> bool {
    toml::from_str::<toml::Table>(text).is_ok_and(|t| t.contains_key("study"))
}

/// The AHP priorities of a system file's comparison matrix (eigenvector, Alonso–Lamata RI).
fn ahp_weights(
    m: &ComparisonMatrix,
    warnings: &mut Vec<String>,
) -> Result<MatrixWeights, StudyError> {
    let pm = fiscus_ahp::PairwiseMatrix::new(m.elements.clone(), m.values.clone())?;
    let r = fiscus_ahp::analyze_complete(&pm, &fiscus_ahp::AhpConfig::default())?;
    let c = &r.consistency;
    if !c.acceptable {
        warnings.push(format!(
            "{}: CR = {:.4} is not below {}",
            m.label, c.cr, c.threshold
        ));
    }
    Ok(MatrixWeights {
        matrix: m.label.clone(),
        elements: m.elements.clone(),
        weights: r.weights,
        lambda_max: c.lambda_max,
        cr: c.cr,
        acceptable: c.acceptable,
    })
}

/// A system file (`name` labels errors) with the command line's overrides and the survey
/// (columns not in the system listed in `ignore` are skipped).
///
/// ```
/// let text = "[[dimension]]\nname = \"D\"\nweight = 1.0\n[[dimension.indicator]]\nid = \"a\"\nname = \"A\"\nweight = 1.0\n";
/// let s = fiscus_study::scoring_from_system("s.toml", text, &Default::default(), None, &[]).unwrap();
/// assert_eq!(s.system.indicator_ids(), vec!["a"]);
/// ```
pub fn scoring_from_system(
    name: &str,
    text: &str,
    o: &Overrides,
    survey: Option<&Dataset>,
    ignore: &[String],
) -> Result<Scoring, StudyError> {
    let f = SystemFile::parse(name, text)?;
    let settings = f.settings(o)?;
    let responses = survey
        .map(|ds| {
            let group = settings.group_column.as_deref();
            Responses::from_dataset(
                ds,
                &f.indicator_ids(),
                group,
                ignore,
                &settings.config.scale,
            )
        })
        .transpose()?;
    let mut warnings = Vec::new();
    let ahp = f
        .matrices(&settings)?
        .iter()
        .map(|m| ahp_weights(m, &mut warnings))
        .collect::<Result<Vec<_>, _>>()?;
    let r = f.resolve(&settings, responses.as_ref(), &ahp)?;
    Ok(Scoring {
        title: settings.title,
        system: r.system,
        config: settings.config,
        responses,
        weights: r.weights,
        warnings,
    })
}

/// The evaluation section of a study file (`name` labels errors), with the command line's
/// overrides and the survey (`--data`, or the study's `[questionnaire]` file read by the caller).
pub fn scoring_from_study(
    study: &Study,
    name: &str,
    o: &Overrides,
    survey: Option<&Dataset>,
    ignore: &[String],
) -> Result<Scoring, StudyError> {
    let bad = StudyError::Option;
    let (system, ahp) = evaluation_system(study, &mut |_| {})?;
    let mut config = evaluation_scoring(study)?;
    if let Some(c) = o.conversion {
        config.conversion = c;
    }
    if !o.schemes.is_empty() {
        config.schemes = o
            .schemes
            .iter()
            .map(|w| {
                let own = config.schemes.iter().find(|s| s.name() == w).cloned();
                own.or_else(|| GradeScheme::builtin(w)).ok_or_else(|| {
                    bad(format!("--scheme: unknown grade scheme `{w}` (built-in: five-band, mof; or a [[grades.scheme]] of {name})"))
                })
            })
            .collect::<Result<_, _>>()?;
    }
    if o.group_weights.is_some() && o.group_column.is_none() {
        return Err(bad("--group-weight needs --group-column".into()));
    }
    config.group_weights = o.group_weights.clone();
    let ids: Vec<String> = system
        .indicator_ids()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let responses = survey
        .map(|ds| {
            Responses::from_dataset(ds, &ids, o.group_column.as_deref(), ignore, &config.scale)
        })
        .transpose()?;
    let dims = study.spec.dimension.iter().zip(&ahp.indicators);
    let levels = std::iter::once(("ahp".to_string(), &ahp.dimensions))
        .chain(dims.map(|(d, l)| (format!("dimension `{}`", d.name), l)));
    let matrices = levels
        .filter_map(|(what, l)| {
            let m = l.matrix.as_ref()?;
            Some(MatrixWeights {
                matrix: format!("{name}: {what} ({})", l.form),
                elements: l.elements.clone(),
                weights: l.weights.clone(),
                lambda_max: m.consistency.lambda_max,
                cr: m.consistency.cr,
                acceptable: m.consistency.acceptable,
            })
        })
        .collect();
    let weights = WeightReport::new(
        WeightSource::Ahp,
        vec!["dimension and indicator weights from the study file's AHP judgments".into()],
        matrices,
        &system,
    );
    Ok(Scoring {
        title: study.spec.study.title.clone(),
        system,
        config,
        responses,
        weights,
        warnings: Vec::new(),
    })
}
