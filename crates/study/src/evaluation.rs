//! Running an evaluation study: AHP weights → Delphi rounds → questionnaire → composite
//! score, 100-point conversion and grades.

use fiscus_ahp::{
    analyze, group, Aggregation, AhpResult, GroupConfig, GroupResult, InputConfig, Judgments,
    Survey,
};
use fiscus_delphi::{item_stats, kendall_w, ItemStats, ItemStatsConfig, Kendall, Ratings};
use fiscus_eval::{
    evaluate, Band, Conversion, Dimension, EvalConfig, Evaluation, GradeBasis, GradeScheme,
    Indicator, IndicatorSystem, Responses, WeightCheck,
};
use fiscus_io::ReadOptions;
use serde::Serialize;

use crate::error::{MethodError, StudyError};
use crate::run::{Progress, Reader, StudyInfo};
use crate::spec::{ExpertJudgments, JudgmentMatrix, KeyPart, Kind, Study};

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
    /// The Delphi rating scale.
    pub delphi_scale: [f64; 2],
    /// The questionnaire file.
    pub questionnaire: String,
    /// Response counts, indicator means, the composite score, its 100-point conversion and
    /// grades.
    pub evaluation: Evaluation,
    /// The scoring settings: response scale, 100-point conversion and grade schemes.
    pub scoring: EvalConfig,
    /// The reliability threshold: a dimension whose Cronbach's α is below it is warned about
    /// (`questionnaire.alpha_min`, default 0.70).
    pub alpha_min: f64,
    /// Warnings for the reader (a dimension with Cronbach's α below `alpha_min`).
    pub warnings: Vec<String>,
}

/// The warnings about the questionnaire's reliability: one per dimension whose Cronbach's α is
/// below `alpha_min`, in dimension order.
fn reliability_warnings(evaluation: &Evaluation, alpha_min: f64) -> Vec<String> {
    evaluation
        .composite
        .dimensions
        .iter()
        .filter_map(|d| {
            let a = d.cronbach_alpha?;
            (a < alpha_min).then(|| {
                format!(
                    "Cronbach's α of the dimension {} is {} (below {}): its indicators do not measure one construct reliably, so its score, and the composite built on it, should be read with caution",
                    d.name,
                    fiscus_report::num(a, 3),
                    fiscus_report::num(alpha_min, 2)
                )
            })
        })
        .collect()
}

/// AHP weights of the indicator system (a two-level hierarchy: dimensions, then each
/// dimension's indicators).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpWeights {
    /// The dimension level (`[ahp]`).
    pub dimensions: AhpLevel,
    /// One per dimension, in order (`[[dimension]]`).
    pub indicators: Vec<AhpLevel>,
    /// Total consistency of the hierarchy, CR_total = Σ_k W_k CI_k / Σ_k W_k RI_k over the
    /// dimensions whose indicators are compared (`None` when none is).
    pub hierarchy_cr: Option<f64>,
    /// Global indicator weights (dimension weight × local weight), system order.
    pub global: Vec<(String, f64)>,
}

/// The AHP of one level: the dimensions, or one dimension's indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AhpLevel {
    /// `single` (one matrix), `group` (a panel's matrices, aggregated) or `equal` (no
    /// judgments: equal weights).
    pub form: &'static str,
    /// The elements compared.
    pub elements: Vec<String>,
    /// The weights used (Σ = 1).
    pub weights: Vec<f64>,
    /// Consistency ratio: of the single matrix, or, for a panel, of the aggregated (AIJ,
    /// geometric-mean) matrix — also when the weights are aggregated as priorities (AIP), where
    /// each expert's own CR is in `group` (`None` for equal weights).
    #[serde(rename = "CR")]
    pub cr: Option<f64>,
    /// The analysis of that matrix: weights, λmax, CI, RI, CR, the most inconsistent judgment.
    pub matrix: Option<AhpResult>,
    /// Group form: each expert's weights and CR, and the AIJ and AIP aggregates.
    pub group: Option<GroupResult>,
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

fn stage_err<E: Into<MethodError>>(stage: &str) -> impl Fn(E) -> StudyError + '_ {
    move |e| StudyError::Evaluation {
        stage: stage.into(),
        source: Box::new(e.into()),
    }
}

/// The `[grades]` table as scoring settings (conversion and schemes), naming the key of any
/// problem.
fn grading(study: &Study) -> Result<EvalConfig, StudyError> {
    let g = &study.spec.grades;
    let mut config = EvalConfig::default();
    if let Some(c) = &g.conversion {
        config.conversion = c
            .parse::<Conversion>()
            .map_err(|e| study.error_at(&[key("grades"), key("conversion")], e.to_string()))?;
    }
    let mut custom = Vec::with_capacity(g.scheme.len());
    for (k, sc) in g.scheme.iter().enumerate() {
        let at = |rest: &[KeyPart]| {
            let mut p = vec![key("grades"), key("scheme"), KeyPart::Index(k)];
            p.extend_from_slice(rest);
            p
        };
        let basis: GradeBasis = sc.basis.parse().map_err(|e: fiscus_eval::EvalError| {
            study.error_at(&at(&[key("basis")]), e.to_string())
        })?;
        let mut bands = Vec::with_capacity(sc.bands.len());
        for (j, b) in sc.bands.iter().enumerate() {
            bands.push(Band::parse(&b.grade, &b.interval).map_err(|e| {
                study.error_at(
                    &at(&[key("bands"), KeyPart::Index(j), key("interval")]),
                    e.to_string(),
                )
            })?);
        }
        let scheme = GradeScheme::new(&sc.name, basis, bands)
            .map_err(|e| study.error_at(&at(&[key("bands")]), e.to_string()))?;
        custom.push(scheme);
    }
    if let Some(names) = &g.schemes {
        let mut schemes = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let scheme = custom
                .iter()
                .find(|s| s.name() == name)
                .cloned()
                .or_else(|| GradeScheme::builtin(name))
                .ok_or_else(|| {
                    study.error_at(
                        &[key("grades"), key("schemes"), KeyPart::Index(i)],
                        format!(
                            "unknown grade scheme `{name}` (built-in: five-band, mof; or a [[grades.scheme]] name)"
                        ),
                    )
                })?;
            schemes.push(scheme);
        }
        if schemes.is_empty() {
            return Err(study.error_at(
                &[key("grades"), key("schemes")],
                "name at least one grade scheme".into(),
            ));
        }
        config.schemes = schemes;
    } else if !custom.is_empty() {
        config.schemes.extend(custom);
    }
    Ok(config)
}

/// Checks the size of a matrix and turns its cells into judgments, naming the key of any problem.
fn judgments(
    study: &Study,
    path: &[KeyPart],
    names: &[String],
    rows: &JudgmentMatrix,
) -> Result<Judgments, StudyError> {
    if rows.len() != names.len() || rows.iter().any(|r| r.len() != names.len()) {
        return Err(study.error_at(
            path,
            format!(
                "the judgment matrix must be {n} × {n} (one row and column per element: {}), not {} rows of {}",
                names.join(", "),
                rows.len(),
                rows.iter()
                    .map(|r| r.len().to_string())
                    .collect::<Vec<_>>()
                    .join("/"),
                n = names.len()
            ),
        ));
    }
    let mut cells = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let mut out = Vec::with_capacity(row.len());
        for (j, v) in row.iter().enumerate() {
            let mut p = path.to_vec();
            p.extend([KeyPart::Index(i), KeyPart::Index(j)]);
            out.push(v.value().map_err(|e| {
                study.error_at(&p, format!("row {}, column {}: {e}", i + 1, j + 1))
            })?);
        }
        cells.push(out);
    }
    Judgments::new(names.to_vec(), cells, &InputConfig::default())
        .map(|(j, _)| j)
        .map_err(|e| study.error_at(path, e.to_string()))
}

/// One level of the hierarchy in the single, group or equal-weights form.
fn level(
    study: &Study,
    path: &[KeyPart],
    names: &[String],
    single: Option<&JudgmentMatrix>,
    panel: &[ExpertJudgments],
    config: &GroupConfig,
) -> Result<AhpLevel, StudyError> {
    let with = |k: &str| {
        let mut p = path.to_vec();
        p.push(key(k));
        p
    };
    match (single, panel.is_empty()) {
        (Some(_), false) => Err(study.error_at(
            &with("panel"),
            "give either `judgments` (one matrix) or a panel of experts' matrices, not both".into(),
        )),
        (Some(m), true) => {
            let p = with("judgments");
            let j = judgments(study, &p, names, m)?;
            let r = analyze(&j, &config.ahp).map_err(|e| study.error_at(&p, e.to_string()))?;
            Ok(AhpLevel {
                form: "single",
                elements: names.to_vec(),
                weights: r.weights.clone(),
                cr: Some(r.consistency.cr),
                matrix: Some(r),
                group: None,
            })
        }
        (None, false) => {
            let mut experts = Vec::with_capacity(panel.len());
            let mut js = Vec::with_capacity(panel.len());
            let mut weights = Vec::with_capacity(panel.len());
            for (k, e) in panel.iter().enumerate() {
                let mut p = with("panel");
                p.push(KeyPart::Index(k));
                if !(e.weight.is_finite() && e.weight >= 0.0) {
                    p.push(key("weight"));
                    return Err(study.error_at(
                        &p,
                        format!(
                            "an expert weight must be a non-negative number, not {}",
                            e.weight
                        ),
                    ));
                }
                let label = e.expert.clone().unwrap_or_else(|| format!("E{}", k + 1));
                if let Some(first) = experts.iter().position(|x| *x == label) {
                    p.push(key(if e.expert.is_some() {
                        "expert"
                    } else {
                        "judgments"
                    }));
                    return Err(study.error_at(
                        &p,
                        format!(
                            "expert id `{label}` is repeated (panel entries {} and {}); give every expert its own `expert`",
                            first + 1,
                            k + 1
                        ),
                    ));
                }
                p.push(key("judgments"));
                js.push(judgments(study, &p, names, &e.judgments)?);
                experts.push(label);
                weights.push(e.weight);
            }
            let survey = Survey {
                elements: names.to_vec(),
                experts,
                judgments: js,
            };
            let g = group(&survey, Some(&weights), config)
                .map_err(|e| study.error_at(&with("panel"), e.to_string()))?;
            Ok(AhpLevel {
                form: "group",
                elements: names.to_vec(),
                weights: g.weights.clone(),
                cr: Some(g.aij.consistency.cr),
                matrix: Some(g.aij.clone()),
                group: Some(g),
            })
        }
        (None, true) => Ok(AhpLevel {
            form: "equal",
            elements: names.to_vec(),
            weights: vec![1.0 / names.len().max(1) as f64; names.len()],
            cr: None,
            matrix: None,
            group: None,
        }),
    }
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

/// The indicator system of an evaluation study with its AHP weights: the dimensions' and each
/// dimension's judgments (single, group or equal form) turned into weights, and the system
/// built from them. `on_step` is told as each matrix (1 = the dimensions, then one per
/// dimension) is done.
///
/// ```
/// use fiscus_study::{evaluation_system, Study};
/// let text = "[study]\nkind = \"evaluation\"\ntitle = \"T\"\n[ahp]\njudgments = [[1, 3], [\"1/3\", 1]]\n\
///             [[dimension]]\nname = \"A\"\nindicators = [\"a1\", \"a2\"]\n\
///             [[dimension]]\nname = \"B\"\nindicators = [\"b1\"]\n";
/// let study = Study::parse(text, "s.toml").unwrap();
/// let (system, ahp) = evaluation_system(&study, &mut |_| {}).unwrap();
/// assert!((system.dimension_weights()[0] - 0.75).abs() < 1e-9);
/// assert_eq!(ahp.global.len(), 3);
/// ```
pub fn evaluation_system(
    study: &Study,
    on_step: &mut dyn FnMut(usize),
) -> Result<(IndicatorSystem, AhpWeights), StudyError> {
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

    let n_dims = s.dimension.len();
    let ahp_spec = s.ahp.clone().unwrap_or_default();
    let aggregation = match &ahp_spec.aggregation {
        None => Aggregation::Aij,
        Some(a) => a.parse().map_err(|e: fiscus_ahp::AhpError| {
            study.error_at(&[key("ahp"), key("aggregation")], e.to_string())
        })?,
    };
    let config = GroupConfig {
        aggregation,
        exclude_inconsistent: ahp_spec.exclude_inconsistent,
        ..GroupConfig::default()
    };
    let dim_names: Vec<String> = s.dimension.iter().map(|d| d.name.clone()).collect();
    if s.ahp.is_none() || (ahp_spec.judgments.is_none() && ahp_spec.panel.is_empty()) {
        return Err(study.error_at(
            &[key(if s.ahp.is_some() { "ahp" } else { "study" })],
            "an evaluation study needs the dimensions' pairwise judgments: [ahp] with `judgments` (one matrix) or [[ahp.panel]] tables (one matrix per expert)".into(),
        ));
    }
    let dimensions = level(
        study,
        &[key("ahp")],
        &dim_names,
        ahp_spec.judgments.as_ref(),
        &ahp_spec.panel,
        &config,
    )?;
    on_step(1);
    let mut indicators = Vec::with_capacity(n_dims);
    let mut system = Vec::with_capacity(n_dims);
    let mut global = Vec::new();
    for (i, d) in s.dimension.iter().enumerate() {
        let res = level(
            study,
            &[key("dimension"), KeyPart::Index(i)],
            &d.indicators,
            d.judgments.as_ref(),
            &d.panel,
            &config,
        )?;
        let dw = dimensions.weights.get(i).copied().unwrap_or(f64::NAN);
        let inds = d
            .indicators
            .iter()
            .zip(&res.weights)
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
        on_step(i + 2);
    }
    let (num, den) = indicators
        .iter()
        .zip(&dimensions.weights)
        .filter_map(|(l, w)| {
            l.matrix
                .as_ref()
                .map(|m| (w * m.consistency.ci, w * m.consistency.ri))
        })
        .fold((0.0, 0.0), |(a, b), (c, d)| (a + c, b + d));
    let hierarchy_cr =
        indicators
            .iter()
            .any(|l| l.matrix.is_some())
            .then(|| if den > 0.0 { num / den } else { 0.0 });
    let system = IndicatorSystem::new(
        system,
        WeightCheck {
            normalise: true,
            ..WeightCheck::default()
        },
    )
    .map_err(stage_err("indicator system"))?;

    Ok((
        system,
        AhpWeights {
            dimensions,
            indicators,
            hierarchy_cr,
            global,
        },
    ))
}

/// The scoring settings of an evaluation study: the questionnaire's response scale and the
/// `[grades]` table (100-point conversion and grade schemes), naming the key of any problem.
///
/// ```
/// let text = "[study]\nkind = \"evaluation\"\ntitle = \"T\"\n[grades]\nconversion = \"linear\"\n";
/// let study = fiscus_study::Study::parse(text, "s.toml").unwrap();
/// let c = fiscus_study::evaluation_scoring(&study).unwrap();
/// assert_eq!(c.conversion, fiscus_eval::Conversion::Linear);
/// ```
pub fn evaluation_scoring(study: &Study) -> Result<EvalConfig, StudyError> {
    let scale = match &study.spec.questionnaire {
        Some(q) => fiscus_eval::Scale::new(q.scale[0], q.scale[1])
            .map_err(|e| study.error_at(&[key("questionnaire"), key("scale")], e.to_string()))?,
        None => fiscus_eval::Scale::default(),
    };
    Ok(EvalConfig {
        scale,
        ..grading(study)?
    })
}

/// Runs an evaluation study (`kind = "evaluation"`). `read` returns the bytes of a file named
/// in the study file; `on_progress` is told as each stage (an index into
/// [`EVALUATION_STAGES`]) starts and advances.
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
    on_progress: &mut dyn FnMut(Progress),
) -> Result<EvaluationResults, StudyError> {
    let s = &study.spec;
    if s.study.kind != Kind::Evaluation {
        return Err(study.error_at(
            &[key("study"), key("kind")],
            "not an evaluation study (set kind = \"evaluation\")".into(),
        ));
    }
    let Some(q) = &s.questionnaire else {
        return Err(study.error_at(
            &[key("study")],
            "an evaluation study needs a [questionnaire] table with `file`".into(),
        ));
    };

    // Stage 0: AHP.
    let n_dims = s.dimension.len();
    on_progress(Progress::start(0, n_dims + 1));
    let (system, ahp) = evaluation_system(study, &mut |k| {
        on_progress(Progress::step(0, k, n_dims + 1))
    })?;
    let ids: Vec<String> = system
        .indicator_ids()
        .into_iter()
        .map(str::to_string)
        .collect();

    // Stage 1: Delphi rounds.
    let n_rounds = s.delphi.as_ref().map_or(0, |d| d.rounds.len());
    on_progress(Progress::start(1, n_rounds));
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
            let ratings =
                Ratings::from_dataset(&table, None, Some(scale)).map_err(stage_err(&stage))?;
            let items = item_stats(&ratings, &cfg).map_err(stage_err(&stage))?;
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
            on_progress(Progress::step(1, k + 1, n_rounds));
        }
    }
    on_progress(Progress::step(1, n_rounds, n_rounds));

    // Stage 2: questionnaire.
    on_progress(Progress::start(2, 1));
    let config = evaluation_scoring(study)?;
    let scale = config.scale;
    if !(0.0..=1.0).contains(&q.alpha_min) {
        return Err(study.error_at(
            &[key("questionnaire"), key("alpha_min")],
            format!("alpha_min must lie in [0, 1], not {}", q.alpha_min),
        ));
    }
    let bytes = read_file(study, read, &q.file, "questionnaire.file")?;
    let opts = ReadOptions {
        id_column: Some(q.respondent_column()),
        ..ReadOptions::default()
    };
    let table = fiscus_io::read_table(&bytes, &q.file, &opts)?;
    let responses = Responses::from_dataset(&table, &ids, None, &[], &scale)
        .map_err(stage_err("questionnaire"))?;

    on_progress(Progress::step(2, 1, 1));

    // Stage 3: score.
    on_progress(Progress::start(3, 1));
    let evaluation =
        evaluate(&system, &responses, &config).map_err(stage_err("composite score"))?;
    let warnings = reliability_warnings(&evaluation, q.alpha_min);
    on_progress(Progress::step(3, 1, 1));

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
        ahp,
        delphi,
        delphi_scale: s.delphi.as_ref().map_or([1.0, 5.0], |d| d.scale),
        questionnaire: q.file.clone(),
        evaluation,
        scoring: config,
        alpha_min: q.alpha_min,
        warnings,
    })
}
