//! Running an evaluation study: AHP weights → Delphi rounds → questionnaire → composite
//! score, 100-point conversion and grades.

use fiscus_ahp::{analyze_complete, AhpConfig, AhpResult, PairwiseMatrix};
use fiscus_delphi::{item_stats, kendall_w, ItemStats, ItemStatsConfig, Kendall, Ratings};
use fiscus_eval::{
    evaluate, Dimension, EvalConfig, Evaluation, Indicator, IndicatorSystem, Responses, WeightCheck,
};
use fiscus_io::ReadOptions;
use serde::Serialize;

use crate::error::StudyError;
use crate::run::{Reader, StudyInfo};
use crate::spec::{KeyPart, Kind, Study};

/// The stages of an evaluation study, in order (for progress reporting).
pub const EVALUATION_STAGES: [&str; 4] = ["ahp weights", "delphi rounds", "questionnaire", "score"];

/// Everything an evaluation study produced. Serialises to `results.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationResults {
    /// Always 1.
    pub schema_version: u32,
    /// The Fiscus version that produced the results.
    pub fiscus_version: String,
    /// The study file.
    pub study: StudyInfo,
    /// AHP of the dimensions and of each dimension's indicators.
    pub ahp: AhpWeights,
    /// The Delphi rounds (empty without `[delphi]`).
    pub delphi: Vec<DelphiRound>,
    /// The questionnaire file.
    pub questionnaire: String,
    /// Response counts, indicator means, the composite score, its 100-point conversion and
    /// grades.
    pub evaluation: Evaluation,
}

/// AHP weights of the indicator system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpWeights {
    /// The dimension-level matrix.
    pub dimensions: AhpResult,
    /// One per dimension (`None`: equal weights, no judgments given).
    pub indicators: Vec<Option<AhpResult>>,
    /// Global indicator weights (dimension weight × local weight), system order.
    pub global: Vec<(String, f64)>,
}

/// One Delphi round: item statistics and Kendall's W.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelphiRound {
    /// 1-based round number.
    pub round: usize,
    /// The round file.
    pub file: String,
    /// Number of experts.
    pub experts: usize,
    /// Per item: mean, SD, CV, median, full-mark ratio, ...
    pub items: Vec<ItemStats>,
    /// Kendall's coefficient of concordance (`None` with a note when it cannot be computed).
    pub kendall: Option<Kendall>,
    /// Why W is missing.
    pub note: Option<String>,
}

fn key(k: &str) -> KeyPart {
    KeyPart::Key(k.into())
}

fn stage_err(stage: &str) -> impl Fn(String) -> StudyError + '_ {
    move |message| StudyError::Evaluation {
        stage: stage.into(),
        message,
    }
}

fn matrix(
    study: &Study,
    path: &[KeyPart],
    names: &[String],
    rows: &[Vec<f64>],
) -> Result<AhpResult, StudyError> {
    if rows.len() != names.len() || rows.iter().any(|r| r.len() != names.len()) {
        return Err(study.error_at(
            path,
            format!(
                "the judgment matrix must be {n} × {n} (one row and column per element: {})",
                names.join(", "),
                n = names.len()
            ),
        ));
    }
    let m = PairwiseMatrix::new(names.to_vec(), rows.to_vec())
        .map_err(|e| study.error_at(path, e.to_string()))?;
    analyze_complete(&m, &AhpConfig::default()).map_err(|e| study.error_at(path, e.to_string()))
}

fn read_file(
    study: &Study,
    read: &mut Reader<'_>,
    path: &str,
    key_name: &str,
) -> Result<Vec<u8>, StudyError> {
    read(path).map_err(|reason| StudyError::Read {
        file: study.file.clone(),
        path: path.into(),
        key: key_name.into(),
        reason,
    })
}

/// Runs an evaluation study (`kind = "evaluation"`). `read` returns the bytes of a file named
/// in the study file; `on_stage` is called with the index (into [`EVALUATION_STAGES`]) of each
/// stage as it starts.
///
/// ```
/// use fiscus_study::{run_evaluation, Study};
/// let text = "[study]\nkind = \"evaluation\"\ntitle = \"T\"\n[ahp]\njudgments = [[1, 3], [0.3333333333333333, 1]]\n\
///             [[dimension]]\nname = \"A\"\nindicators = [\"a1\", \"a2\"]\n\
///             [[dimension]]\nname = \"B\"\nindicators = [\"b1\"]\n\
///             [questionnaire]\nfile = \"s.csv\"\n";
/// let study = Study::parse(text, "s.toml").unwrap();
/// let csv = b"respondent,a1,a2,b1\nr1,4,5,3\nr2,4,5,3\n".to_vec();
/// let r = run_evaluation(&study, &mut |_| Ok(csv.clone()), &mut |_| {}).unwrap();
/// assert!((r.ahp.dimensions.weights[0] - 0.75).abs() < 1e-9);
/// assert!((r.evaluation.composite.score - (0.75 * 4.5 + 0.25 * 3.0)).abs() < 1e-9);
/// ```
pub fn run_evaluation(
    study: &Study,
    read: &mut Reader<'_>,
    on_stage: &mut dyn FnMut(usize),
) -> Result<EvaluationResults, StudyError> {
    let s = &study.spec;
    if s.study.kind != Kind::Evaluation {
        return Err(study.error_at(
            &[key("study"), key("kind")],
            "not an evaluation study (set kind = \"evaluation\")".into(),
        ));
    }
    if s.dimension.is_empty() {
        return Err(study.error_at(
            &[key("study")],
            "an evaluation study needs at least one [[dimension]] with `indicators`".into(),
        ));
    }
    let Some(q) = &s.questionnaire else {
        return Err(study.error_at(
            &[key("study")],
            "an evaluation study needs a [questionnaire] table with `file`".into(),
        ));
    };
    let mut ids: Vec<String> = Vec::new();
    for (i, d) in s.dimension.iter().enumerate() {
        if d.indicators.is_empty() {
            return Err(study.error_at(
                &[key("dimension"), KeyPart::Index(i), key("indicators")],
                format!("dimension `{}` has no indicators", d.name),
            ));
        }
        if let Some(n) = &d.indicator_names {
            if n.len() != d.indicators.len() {
                return Err(study.error_at(
                    &[key("dimension"), KeyPart::Index(i), key("indicator_names")],
                    format!("{} names for {} indicators", n.len(), d.indicators.len()),
                ));
            }
        }
        for (j, id) in d.indicators.iter().enumerate() {
            if ids.contains(id) {
                return Err(study.error_at(
                    &[
                        key("dimension"),
                        KeyPart::Index(i),
                        key("indicators"),
                        KeyPart::Index(j),
                    ],
                    format!("the indicator `{id}` is listed twice"),
                ));
            }
            ids.push(id.clone());
        }
    }

    // Stage 0: AHP.
    on_stage(0);
    let dim_names: Vec<String> = s.dimension.iter().map(|d| d.name.clone()).collect();
    let dimensions = match &s.ahp {
        Some(a) => matrix(
            study,
            &[key("ahp"), key("judgments")],
            &dim_names,
            &a.judgments,
        )?,
        None => {
            return Err(study.error_at(
                &[key("study")],
                "an evaluation study needs an [ahp] table with the dimensions' `judgments`".into(),
            ))
        }
    };
    let mut indicators = Vec::with_capacity(s.dimension.len());
    let mut system = Vec::with_capacity(s.dimension.len());
    let mut global = Vec::new();
    for (i, d) in s.dimension.iter().enumerate() {
        let res = match &d.judgments {
            Some(j) => Some(matrix(
                study,
                &[key("dimension"), KeyPart::Index(i), key("judgments")],
                &d.indicators,
                j,
            )?),
            None => None,
        };
        let k = d.indicators.len() as f64;
        let local: Vec<f64> = res
            .as_ref()
            .map_or_else(|| vec![1.0 / k; d.indicators.len()], |r| r.weights.clone());
        let dw = dimensions.weights.get(i).copied().unwrap_or(f64::NAN);
        let inds = d
            .indicators
            .iter()
            .zip(&local)
            .enumerate()
            .map(|(j, (id, w))| {
                global.push((id.clone(), dw * w));
                let ind = Indicator::new(id.clone(), Some(*w));
                match d.indicator_names.as_ref().and_then(|n| n.get(j)) {
                    Some(n) => ind.with_name(n.clone()),
                    None => ind,
                }
            })
            .collect();
        system.push(Dimension::new(d.name.clone(), Some(dw), inds));
        indicators.push(res);
    }
    let system = IndicatorSystem::new(
        system,
        WeightCheck {
            normalise: true,
            ..WeightCheck::default()
        },
    )
    .map_err(|e| stage_err("indicator system")(e.to_string()))?;

    // Stage 1: Delphi rounds.
    on_stage(1);
    let mut delphi = Vec::new();
    if let Some(ds) = &s.delphi {
        let scale = fiscus_delphi::Scale::new(ds.scale[0], ds.scale[1])
            .map_err(|e| study.error_at(&[key("delphi"), key("scale")], e.to_string()))?;
        let cfg = ItemStatsConfig {
            scale,
            ..ItemStatsConfig::default()
        };
        for (k, file) in ds.rounds.iter().enumerate() {
            let stage = format!("delphi round {} ({file})", k + 1);
            let bytes = read_file(study, read, file, &format!("delphi.rounds[{k}]"))?;
            let opts = ReadOptions {
                id_column: Some(ds.id_column.clone().unwrap_or_else(|| "expert".into())),
                ..ReadOptions::default()
            };
            let table = fiscus_io::read_table(&bytes, file, &opts)?;
            let ratings = Ratings::from_dataset(&table, None, Some(scale))
                .map_err(|e| stage_err(&stage)(e.to_string()))?;
            let items = item_stats(&ratings, &cfg).map_err(|e| stage_err(&stage)(e.to_string()))?;
            let (kendall, note) = match kendall_w(&ratings) {
                Ok(w) => (Some(w), None),
                Err(e) => (None, Some(e.to_string())),
            };
            delphi.push(DelphiRound {
                round: k + 1,
                file: file.clone(),
                experts: ratings.n_experts(),
                items,
                kendall,
                note,
            });
        }
    }

    // Stage 2: questionnaire.
    on_stage(2);
    let scale = fiscus_eval::Scale::new(q.scale[0], q.scale[1])
        .map_err(|e| study.error_at(&[key("questionnaire"), key("scale")], e.to_string()))?;
    let bytes = read_file(study, read, &q.file, "questionnaire.file")?;
    let opts = ReadOptions {
        id_column: Some(q.id_column.clone().unwrap_or_else(|| "respondent".into())),
        ..ReadOptions::default()
    };
    let table = fiscus_io::read_table(&bytes, &q.file, &opts)?;
    let responses = Responses::from_dataset(&table, &ids, None, &[], &scale)
        .map_err(|e| stage_err("questionnaire")(e.to_string()))?;

    // Stage 3: score.
    on_stage(3);
    let config = EvalConfig {
        scale,
        ..EvalConfig::default()
    };
    let evaluation = evaluate(&system, &responses, &config)
        .map_err(|e| stage_err("composite score")(e.to_string()))?;

    Ok(EvaluationResults {
        schema_version: 1,
        fiscus_version: env!("CARGO_PKG_VERSION").to_string(),
        study: StudyInfo {
            file: study.file.clone(),
            title: s.study.title.clone(),
            description: s.study.description.clone(),
            kind: s.study.kind,
            seed: s.study.seed,
            text: study.text.clone(),
        },
        ahp: AhpWeights {
            dimensions,
            indicators,
            global,
        },
        delphi,
        questionnaire: q.file.clone(),
        evaluation,
    })
}
