//! `fiscus score`: composite performance evaluation of an indicator system on questionnaire data,
//! fuzzy comprehensive evaluation, entropy weights and TOPSIS.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use fiscus_data::Dataset;
use fiscus_eval::{
    bootstrap_composite, combine_weights, entropy_weights, evaluate, fuzzy_evaluate,
    grade_boundaries, memberships, one_at_a_time, proportional_weights, topsis, Band,
    BootstrapConfig, Combination, Composite, Conversion, Dimension, DimensionBoundary, Direction,
    EntropyNormalisation, EvalConfig, FuzzyConfig, FuzzyOperator, FuzzyResult, GradeBasis,
    GradeScheme, Indicator, IndicatorSystem, Responses, Scale, WeightCheck,
};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::{self, InputArgs, OutputArgs};

const EXAMPLES: &str = "Examples:
  fiscus score system.toml --data survey.csv
  fiscus score system.toml --data survey.csv --conversion linear --bootstrap 2000 --seed 7
  fiscus score system.toml --data survey.csv --group-column group --group-weight officials=0.4 --group-weight citizens=0.6
  fiscus score fuzzy system.toml --data survey.csv --operator min-max
  fiscus score weights system.toml --data survey.csv
  fiscus score entropy districts.csv --cost C3,C7 --normalisation ratio
  fiscus score topsis districts.csv --entropy --cost C3

The system file (TOML) names the dimensions and their indicators (the data columns), with weights
given, from AHP comparison matrices, from Delphi means, from entropy, or combined; it may also set the
scale, the 100-point conversion and the grade schemes. See docs/evaluation.md.";

/// Composite performance scores of an indicator system; fuzzy evaluation; entropy and TOPSIS.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    sub: Option<Sub>,
    #[command(flatten)]
    eval: EvalArgs,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Fuzzy comprehensive evaluation (two levels, four operators, maximum membership).
    Fuzzy(FuzzyArgs),
    /// The resolved weights of a system (given, AHP, Delphi, entropy or combined).
    Weights(WeightsArgs),
    /// Entropy weights of a units × indicators table.
    Entropy(EntropyArgs),
    /// TOPSIS ranking of units (districts, years) on a units × indicators table.
    Topsis(TopsisArgs),
}

/// The system file and the questionnaire.
#[derive(Debug, Clone, clap::Args)]
struct SystemArgs {
    /// Indicator system file (TOML).
    #[arg(value_name = "SYSTEM.toml", required = true)]
    system: Option<PathBuf>,
    /// Questionnaire data: one row per respondent, one column per indicator.
    #[arg(long, value_name = "FILE")]
    data: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    /// Column holding each respondent's group (overrides `group_column` in the file).
    #[arg(long, value_name = "COL")]
    group_column: Option<String>,
    /// Weight of a respondent group, `GROUP=W`; repeatable (overrides `[groups]` in the file).
    #[arg(long = "group-weight", value_name = "GROUP=W")]
    group_weights: Vec<String>,
    /// Data columns that are neither indicators nor the group column, to be ignored.
    #[arg(long, value_name = "COLS")]
    ignore: Option<String>,
    /// Divide weights that do not sum to 1 by their sum instead of stopping.
    #[arg(long)]
    normalise: bool,
    /// 100-point conversion: `x20` (S × 100/max) or `linear` ((S − min)/(max − min) × 100);
    /// overrides the file.
    #[arg(long, value_name = "RULE")]
    conversion: Option<String>,
    /// Grade schemes to apply (`five-band`, `mof`, or a `[[scheme]]` of the file); repeatable;
    /// overrides the file.
    #[arg(long = "scheme", value_name = "NAME")]
    schemes: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct EvalArgs {
    #[command(flatten)]
    system: SystemArgs,
    /// Relative weight changes for the one-at-a-time sensitivity grid.
    #[arg(
        long,
        value_name = "DELTAS",
        default_value = "-0.2,-0.1,0.1,0.2",
        allow_hyphen_values = true
    )]
    deltas: String,
    /// Bootstrap replicates for a confidence interval of the overall score (0 = none).
    #[arg(long, value_name = "N", default_value_t = 0)]
    bootstrap: usize,
    /// Seed of the bootstrap.
    #[arg(long, value_name = "SEED", default_value_t = 20_240_601)]
    seed: u64,
    /// Confidence level of the bootstrap interval.
    #[arg(long, value_name = "LEVEL", default_value_t = 0.95)]
    level: f64,
    /// Worker threads for the bootstrap (default: all cores); results do not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// How many weakest indicators to list (0 = all).
    #[arg(long, value_name = "N", default_value_t = 5)]
    weakest: usize,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct FuzzyArgs {
    #[command(flatten)]
    system: SystemArgs,
    /// Operator at the top level: dot-plus (M(·,+)), min-max (M(∧,∨)), dot-max (M(·,∨)),
    /// min-bounded-sum (M(∧,⊕)).
    #[arg(long, value_name = "OP", default_value = "dot-plus")]
    operator: String,
    /// Operator within dimensions (default: the same as --operator).
    #[arg(long, value_name = "OP")]
    inner_operator: Option<String>,
    /// Score of each grade level from the top (default: the scale points, e.g. 5,4,3,2,1).
    #[arg(long, value_name = "V")]
    values: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct WeightsArgs {
    #[command(flatten)]
    system: SystemArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct EntropyArgs {
    /// Units × indicators table (rows: districts, years, ...; an id column `case` or --id-column).
    data: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// Indicator columns (default: all).
    #[arg(long, value_name = "COLS")]
    columns: Option<String>,
    /// Cost indicators (smaller is better), comma-separated.
    #[arg(long, value_name = "COLS")]
    cost: Option<String>,
    /// Normalisation: min-max or ratio.
    #[arg(long, value_name = "N", default_value = "min-max")]
    normalisation: String,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct TopsisArgs {
    /// Units × indicators table.
    data: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// Indicator columns (default: all).
    #[arg(long, value_name = "COLS")]
    columns: Option<String>,
    /// Cost indicators, comma-separated.
    #[arg(long, value_name = "COLS")]
    cost: Option<String>,
    /// Weights `COL=W,...` (normalised); default equal weights.
    #[arg(long, value_name = "SPEC", conflicts_with = "entropy")]
    weights: Option<String>,
    /// Use entropy weights of the same table.
    #[arg(long)]
    entropy: bool,
    /// Normalisation of the entropy weights.
    #[arg(long, value_name = "N", default_value = "min-max")]
    normalisation: String,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `fiscus score ...`.
pub fn run(args: Args) -> Result<()> {
    match args.sub {
        Some(Sub::Fuzzy(a)) => run_fuzzy(a),
        Some(Sub::Weights(a)) => run_weights(a),
        Some(Sub::Entropy(a)) => run_entropy(a),
        Some(Sub::Topsis(a)) => run_topsis(a),
        None => run_eval(args.eval),
    }
}

// ------------------------------------------------------------------ the system file

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemFile {
    title: Option<String>,
    scale: Option<[f64; 2]>,
    conversion: Option<String>,
    grades: Option<Vec<String>>,
    normalise: Option<bool>,
    weights: Option<String>,
    alpha: Option<f64>,
    combine: Option<String>,
    entropy_normalisation: Option<String>,
    matrix: Option<Vec<Vec<f64>>>,
    group_column: Option<String>,
    groups: Option<BTreeMap<String, f64>>,
    #[serde(default, rename = "scheme")]
    schemes: Vec<SchemeSpec>,
    #[serde(default, rename = "dimension")]
    dimensions: Vec<DimSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeSpec {
    name: String,
    basis: Option<String>,
    bands: Vec<BandSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandSpec {
    grade: String,
    interval: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DimSpec {
    name: String,
    weight: Option<f64>,
    delphi_mean: Option<f64>,
    matrix: Option<Vec<Vec<f64>>>,
    #[serde(default, rename = "indicator")]
    indicators: Vec<IndSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndSpec {
    id: String,
    name: Option<String>,
    weight: Option<f64>,
    delphi_mean: Option<f64>,
    direction: Option<String>,
}

/// Where the weights come from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum WeightSource {
    Given,
    Delphi,
    Entropy,
    Combined,
}

/// Everything resolved from the file, the flags and the data.
struct Loaded {
    title: String,
    system: IndicatorSystem,
    config: EvalConfig,
    responses: Option<Responses>,
    weight_source: WeightSource,
    weight_notes: Vec<String>,
    ahp: Vec<Value>,
}

fn parse_system_file(path: &Path) -> Result<SystemFile> {
    let bytes = common::read_bytes(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{}: not UTF-8 text", common::display_name(path)))?;
    toml::from_str(&text).map_err(|e| {
        anyhow!(
            "{}: {}",
            common::display_name(path),
            e.to_string().trim_end()
        )
    })
}

fn ahp_weights(
    names: Vec<String>,
    matrix: &[Vec<f64>],
    what: &str,
    notes: &mut Vec<Value>,
) -> Result<Vec<f64>> {
    if matrix.len() != names.len() {
        bail!(
            "{what}: the comparison matrix has {} rows for {} elements",
            matrix.len(),
            names.len()
        );
    }
    let m = fiscus_ahp::PairwiseMatrix::new(names.clone(), matrix.to_vec())
        .with_context(|| what.to_string())?;
    let r = fiscus_ahp::analyze_complete(&m, &fiscus_ahp::AhpConfig::default())
        .with_context(|| what.to_string())?;
    notes.push(json!({
        "matrix": what,
        "elements": names,
        "weights": r.weights,
        "lambda_max": r.consistency.lambda_max,
        "CR": r.consistency.cr,
        "acceptable": r.consistency.acceptable,
    }));
    if !r.consistency.acceptable {
        common::warn(&format!(
            "{what}: CR = {:.4} is not below {}",
            r.consistency.cr, r.consistency.threshold
        ));
    }
    Ok(r.weights)
}

fn parse_kv(list: &[String], flag: &str) -> Result<Vec<(String, f64)>> {
    list.iter()
        .flat_map(|s| common::split_list(s))
        .map(|item| {
            let (k, v) = item
                .split_once('=')
                .ok_or_else(|| anyhow!("{flag} `{item}`: write it as NAME=VALUE"))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| anyhow!("{flag} `{item}`: `{}` is not a number", v.trim()))?;
            Ok((k.trim().to_string(), v))
        })
        .collect()
}

fn parse_numbers(s: &str, flag: &str) -> Result<Vec<f64>> {
    common::split_list(s)
        .iter()
        .map(|x| {
            x.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| anyhow!("{flag}: `{x}` is not a number"))
        })
        .collect()
}

fn load(a: &SystemArgs, need_data: bool) -> Result<Loaded> {
    let path = a
        .system
        .as_ref()
        .ok_or_else(|| anyhow!("give the indicator system file (SYSTEM.toml)"))?;
    let name = common::display_name(path);
    let f = parse_system_file(path)?;
    if f.dimensions.is_empty() {
        bail!("{name}: no [[dimension]] tables");
    }
    let scale = match f.scale {
        Some([lo, hi]) => Scale::new(lo, hi).with_context(|| name.clone())?,
        None => Scale::default(),
    };
    let conversion: Conversion = a
        .conversion
        .as_deref()
        .or(f.conversion.as_deref())
        .unwrap_or("x20")
        .parse()?;
    let mut custom = Vec::new();
    for s in &f.schemes {
        let basis = match s.basis.as_deref().unwrap_or("raw").to_lowercase().as_str() {
            "raw" | "scale" => GradeBasis::Raw,
            "hundred" | "100" | "percent" => GradeBasis::Hundred,
            other => bail!(
                "{name}: scheme `{}`: basis `{other}` is neither `raw` nor `hundred`",
                s.name
            ),
        };
        let bands = s
            .bands
            .iter()
            .map(|b| Band::parse(&b.grade, &b.interval))
            .collect::<std::result::Result<Vec<_>, _>>()
            .with_context(|| format!("{name}: scheme `{}`", s.name))?;
        custom.push(GradeScheme::new(&s.name, basis, bands).with_context(|| name.clone())?);
    }
    let wanted: Vec<String> = if !a.schemes.is_empty() {
        a.schemes
            .iter()
            .flat_map(|s| common::split_list(s))
            .collect()
    } else if let Some(g) = &f.grades {
        g.clone()
    } else if !custom.is_empty() {
        custom.iter().map(|s| s.name().to_string()).collect()
    } else {
        vec!["five-band".into(), "mof".into()]
    };
    let schemes = wanted
        .iter()
        .map(|w| {
            custom
                .iter()
                .find(|s| s.name() == w)
                .cloned()
                .or_else(|| GradeScheme::builtin(w))
                .ok_or_else(|| anyhow!("unknown grade scheme `{w}` (built-in: five-band, mof; or a [[scheme]] in {name})"))
        })
        .collect::<Result<Vec<_>>>()?;

    let group_column = a.group_column.clone().or(f.group_column.clone());
    let group_weights = if !a.group_weights.is_empty() {
        Some(parse_kv(&a.group_weights, "--group-weight")?)
    } else {
        f.groups
            .as_ref()
            .map(|g| g.iter().map(|(k, v)| (k.clone(), *v)).collect())
    };
    if group_weights.is_some() && group_column.is_none() {
        bail!("group weights need a group column (--group-column or `group_column` in {name})");
    }

    let ids: Vec<String> = f
        .dimensions
        .iter()
        .flat_map(|d| d.indicators.iter().map(|i| i.id.clone()))
        .collect();
    let responses = match &a.data {
        Some(p) => {
            let ds = load_survey(p, &a.input)?;
            let ignore = a
                .ignore
                .as_deref()
                .map(common::split_list)
                .unwrap_or_default();
            Some(Responses::from_dataset(
                &ds,
                &ids,
                group_column.as_deref(),
                &ignore,
                &scale,
            )?)
        }
        None if need_data => bail!("give the questionnaire data with --data FILE"),
        None => None,
    };

    let source = match f
        .weights
        .as_deref()
        .unwrap_or("given")
        .to_lowercase()
        .as_str()
    {
        "given" | "ahp" | "fixed" => WeightSource::Given,
        "delphi" | "delphi-means" => WeightSource::Delphi,
        "entropy" => WeightSource::Entropy,
        "combined" | "ahp-entropy" => WeightSource::Combined,
        other => {
            bail!("{name}: weights = `{other}` is not one of given, delphi, entropy, combined")
        }
    };
    let mut notes = Vec::new();
    let mut ahp = Vec::new();
    // base (subjective) weights: given numbers or AHP matrices, or Delphi means
    let dim_names: Vec<String> = f.dimensions.iter().map(|d| d.name.clone()).collect();
    let mut dim_w: Vec<Option<f64>> = f.dimensions.iter().map(|d| d.weight).collect();
    if dim_w.iter().any(Option::is_none) {
        if let Some(m) = &f.matrix {
            let w = ahp_weights(
                dim_names.clone(),
                m,
                &format!("{name}: dimension matrix"),
                &mut ahp,
            )?;
            dim_w = w.into_iter().map(Some).collect();
            notes.push("dimension weights from the AHP matrix (eigenvector)".to_string());
        } else if source == WeightSource::Delphi
            && f.dimensions.iter().all(|d| d.delphi_mean.is_some())
        {
            let means: Vec<f64> = f.dimensions.iter().filter_map(|d| d.delphi_mean).collect();
            dim_w = proportional_weights(&means)?
                .into_iter()
                .map(Some)
                .collect();
            notes.push("dimension weights proportional to their Delphi means".to_string());
        }
    }
    let mut local: Vec<Vec<Option<f64>>> = Vec::with_capacity(f.dimensions.len());
    for d in &f.dimensions {
        let mut w: Vec<Option<f64>> = d.indicators.iter().map(|i| i.weight).collect();
        if source == WeightSource::Delphi {
            let means: Option<Vec<f64>> = d.indicators.iter().map(|i| i.delphi_mean).collect();
            match means {
                Some(m) if !m.is_empty() => {
                    w = proportional_weights(&m)?.into_iter().map(Some).collect();
                }
                _ => {
                    if let Some(i) = d.indicators.iter().find(|i| i.delphi_mean.is_none()) {
                        bail!("{name}: weights = \"delphi\" but indicator `{}` of dimension `{}` has no delphi_mean", i.id, d.name);
                    }
                }
            }
        } else if w.iter().any(Option::is_none) {
            if let Some(m) = &d.matrix {
                let names = d.indicators.iter().map(|i| i.id.clone()).collect();
                w = ahp_weights(
                    names,
                    m,
                    &format!("{name}: matrix of dimension `{}`", d.name),
                    &mut ahp,
                )?
                .into_iter()
                .map(Some)
                .collect();
            }
        }
        local.push(w);
    }
    if source == WeightSource::Delphi {
        notes.push(
            "indicator weights proportional to their Delphi means within each dimension".into(),
        );
    }
    let directions: Vec<Direction> = f
        .dimensions
        .iter()
        .flat_map(|d| d.indicators.iter())
        .map(|i| {
            i.direction
                .as_deref()
                .unwrap_or("benefit")
                .parse::<Direction>()
        })
        .collect::<std::result::Result<_, _>>()?;
    let check = WeightCheck {
        normalise: a.normalise || f.normalise.unwrap_or(false),
        ..Default::default()
    };
    let build = |dim_w: &[Option<f64>], local: &[Vec<Option<f64>>]| -> Result<IndicatorSystem> {
        let mut k = 0;
        let dims = f
            .dimensions
            .iter()
            .zip(dim_w)
            .zip(local)
            .map(|((d, &w), l)| {
                let inds = d
                    .indicators
                    .iter()
                    .zip(l)
                    .map(|(i, &lw)| {
                        let mut ind = Indicator::new(i.id.clone(), lw);
                        if let Some(n) = &i.name {
                            ind = ind.with_name(n.clone());
                        }
                        ind.direction = directions[k];
                        k += 1;
                        ind
                    })
                    .collect();
                Dimension::new(d.name.clone(), w, inds)
            })
            .collect();
        IndicatorSystem::new(dims, check).with_context(|| name.clone())
    };
    let system = match source {
        WeightSource::Given | WeightSource::Delphi => build(&dim_w, &local)?,
        WeightSource::Entropy | WeightSource::Combined => {
            let r = responses.as_ref().ok_or_else(|| {
                anyhow!("{name}: entropy weights need the questionnaire data (--data)")
            })?;
            let norm: EntropyNormalisation = f
                .entropy_normalisation
                .as_deref()
                .unwrap_or("min-max")
                .parse()?;
            let rows: Vec<Vec<f64>> = r
                .values()
                .iter()
                .filter_map(|row| {
                    ids.iter()
                        .map(|id| r.indicator_index(id).and_then(|j| row[j]))
                        .collect()
                })
                .collect();
            let ent = entropy_weights(&rows, &directions, norm)
                .context("entropy weights over the complete responses")?;
            notes.push(format!(
                "entropy weights ({}) over the {} respondents who answered every indicator",
                match norm {
                    EntropyNormalisation::MinMax => "min-max",
                    EntropyNormalisation::Ratio => "ratio",
                },
                rows.len()
            ));
            let global = if source == WeightSource::Entropy {
                ent.weights
            } else {
                let base = build(&dim_w, &local)?.global_weights();
                let how = match f
                    .combine
                    .as_deref()
                    .unwrap_or("linear")
                    .to_lowercase()
                    .as_str()
                {
                    "linear" => Combination::Linear {
                        alpha: f.alpha.unwrap_or(0.5),
                    },
                    "multiplicative" | "product" => Combination::Multiplicative,
                    other => {
                        bail!("{name}: combine = `{other}` is neither linear nor multiplicative")
                    }
                };
                notes.push(match how {
                    Combination::Linear { alpha } => {
                        format!("combined: {alpha} x AHP/given + {} x entropy", 1.0 - alpha)
                    }
                    Combination::Multiplicative => {
                        "combined: AHP/given x entropy, normalised".into()
                    }
                });
                combine_weights(&base, &ent.weights, how)?
            };
            // split global weights into dimension and local weights
            let mut dw = Vec::new();
            let mut lw = Vec::new();
            let mut j = 0;
            for d in &f.dimensions {
                let g = &global[j..j + d.indicators.len()];
                let s: f64 = g.iter().sum();
                dw.push(Some(s));
                lw.push(
                    g.iter()
                        .map(|v| Some(if s > 0.0 { v / s } else { 1.0 / g.len() as f64 }))
                        .collect(),
                );
                j += d.indicators.len();
            }
            build(&dw, &lw)?
        }
    };
    Ok(Loaded {
        title: f.title.clone().unwrap_or_else(|| name.clone()),
        system,
        config: EvalConfig {
            scale,
            conversion,
            schemes,
            group_weights,
            weakest: 5,
        },
        responses,
        weight_source: source,
        weight_notes: notes,
        ahp,
    })
}

/// Loads the questionnaire; the respondent id is --id-column, else `respondent`, `id` or `case`.
fn load_survey(path: &Path, input: &InputArgs) -> Result<Dataset> {
    let ds = common::load_dataset(path, input)?;
    if input.id_column.is_some() {
        return Ok(ds);
    }
    let id = ds
        .column_names()
        .into_iter()
        .find(|n| {
            matches!(
                n.to_lowercase().as_str(),
                "respondent" | "id" | "respondent_id"
            )
        })
        .map(str::to_string);
    match id {
        Some(col) => common::load_dataset(
            path,
            &InputArgs {
                id_column: Some(col),
                ..input.clone()
            },
        ),
        None => Ok(ds),
    }
}

// ------------------------------------------------------------------ formatting

fn f4(v: f64) -> String {
    format!("{v:.4}")
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn source_name(s: WeightSource) -> &'static str {
    match s {
        WeightSource::Given => "given",
        WeightSource::Delphi => "delphi",
        WeightSource::Entropy => "entropy",
        WeightSource::Combined => "combined",
    }
}

fn weights_json(l: &Loaded) -> Value {
    let sys = &l.system;
    let global = sys.global_weights();
    let mut j = 0;
    let dims: Vec<Value> = sys
        .dimensions()
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let inds: Vec<Value> = d
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| {
                    let v = json!({"id": ind.id, "name": ind.name, "local_weight": sys.local_weights()[k][i],
                                   "global_weight": global[j], "direction": ind.direction.to_string()});
                    j += 1;
                    v
                })
                .collect();
            json!({"name": d.name, "weight": sys.dimension_weights()[k], "indicators": inds})
        })
        .collect();
    json!({"source": source_name(l.weight_source), "notes": l.weight_notes, "ahp": l.ahp, "dimensions": dims})
}

// ------------------------------------------------------------------ main evaluation

fn run_eval(a: EvalArgs) -> Result<()> {
    let mut l = load(&a.system, true)?;
    l.config.weakest = a.weakest;
    let responses = l
        .responses
        .as_ref()
        .ok_or_else(|| anyhow!("give the questionnaire data with --data FILE"))?;
    let ev = evaluate(&l.system, responses, &l.config)?;
    let comp = &ev.composite;
    let deltas = parse_numbers(&a.deltas, "--deltas")?;
    let dim_scores: Vec<f64> = comp.dimensions.iter().map(|d| d.score).collect();
    let runs = one_at_a_time(&dim_scores, l.system.dimension_weights(), &deltas)?;
    let mut boundaries = Vec::new();
    for s in &l.config.schemes {
        boundaries.push((
            s.name().to_string(),
            grade_boundaries(
                &dim_scores,
                l.system.dimension_weights(),
                s,
                &l.config.scale,
                l.config.conversion,
            )?,
        ));
    }
    let boot = if a.bootstrap > 0 {
        let bc = BootstrapConfig {
            replicates: a.bootstrap,
            seed: a.seed,
            level: a.level,
        };
        let run = || bootstrap_composite(&l.system, responses, &l.config, &bc);
        Some(match a.threads {
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .context("cannot start the thread pool")?
                .install(run)?,
            None => run()?,
        })
    } else {
        None
    };
    let mut j = serde_json::to_value(comp)?;
    j["title"] = json!(l.title);
    j["scale"] = json!({"min": l.config.scale.min(), "max": l.config.scale.max()});
    j["counts"] = serde_json::to_value(&ev.counts)?;
    j["weights"] = weights_json(&l);
    j["sensitivity"] = json!({
        "formula": "w_k' = w_k(1+delta); w_j' = w_j (1 - w_k')/(1 - w_k) for j != k; S' = sum_j w_j' S_j",
        "runs": runs,
        "grade_boundaries": boundaries.iter().map(|(s, b)| json!({"scheme": s, "dimensions": b})).collect::<Vec<_>>(),
    });
    if let Some(b) = &boot {
        j["bootstrap"] = serde_json::to_value(b)?;
    }
    let table = || eval_table(&l, comp, &ev.counts, &runs, &boundaries, boot.as_ref());
    a.output.emit(j, table, || indicator_csv(comp))
}

fn grade_list(g: &[fiscus_eval::Grade]) -> String {
    g.iter()
        .map(|g| format!("{} {}", g.scheme, g.grade))
        .collect::<Vec<_>>()
        .join(", ")
}

fn eval_table(
    l: &Loaded,
    c: &Composite,
    counts: &fiscus_eval::ResponseCounts,
    runs: &[fiscus_eval::SensitivityRun],
    boundaries: &[(String, Vec<DimensionBoundary>)],
    boot: Option<&fiscus_eval::Bootstrap>,
) -> String {
    let mut s = format!("{}: {} respondents", l.title, counts.respondents);
    if counts.groups.len() > 1 || counts.groups.first().is_some_and(|g| g.0 != "all") {
        let g: Vec<String> = counts
            .groups
            .iter()
            .map(|(g, n)| format!("{g} {n}"))
            .collect();
        s.push_str(&format!(" ({})", g.join(", ")));
    }
    s.push_str(&format!(", {} blank answers\n", counts.missing));
    s.push_str(&format!(
        "Overall score {} on {}..{}; {} on 100 points by {}; grades: {}\n",
        f4(c.score),
        l.config.scale.min(),
        l.config.scale.max(),
        f4(c.score_100),
        c.conversion,
        grade_list(&c.grades)
    ));
    if let Some(b) = boot {
        s.push_str(&format!(
            "Bootstrap {:.0}% CI [{}, {}] (SE {}, {} of {} replicates, seed {}; {})\n",
            b.level * 100.0,
            f4(b.lower),
            f4(b.upper),
            f4(b.se),
            b.valid,
            b.replicates,
            b.seed,
            b.method
        ));
    }
    s.push_str(&format!("Weights: {}", source_name(l.weight_source)));
    if !l.weight_notes.is_empty() {
        s.push_str(&format!(" ({})", l.weight_notes.join("; ")));
    }
    s.push_str("\n\n");
    let mut header = strs(&["dimension", "weight", "score", "score_100"]);
    header.extend(l.config.schemes.iter().map(|x| x.name().to_string()));
    header.push("alpha".into());
    let rows: Vec<Vec<String>> = c
        .dimensions
        .iter()
        .map(|d| {
            let mut r = vec![d.name.clone(), f4(d.weight), f4(d.score), f4(d.score_100)];
            r.extend(d.grades.iter().map(|g| g.grade.clone()));
            r.push(d.cronbach_alpha.map_or_else(|| "NA".into(), f4));
            r
        })
        .collect();
    s.push_str(&common::text_table(&header, &rows));
    s.push('\n');
    let header = strs(&[
        "indicator",
        "dimension",
        "local_w",
        "global_w",
        "mean",
        "contribution",
        "loss",
    ]);
    let rows: Vec<Vec<String>> = c
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.dimension.clone(),
                f4(i.local_weight),
                f4(i.global_weight),
                f4(i.mean),
                f4(i.contribution),
                f4(i.loss),
            ]
        })
        .collect();
    s.push_str(&common::text_table(&header, &rows));
    s.push_str(&format!(
        "\nWeakest indicators (global weight x gap to {}):\n",
        l.config.scale.max()
    ));
    for w in &c.weakest {
        s.push_str(&format!(
            "  {}. {} {} ({}): mean {}, loss {}\n",
            w.rank,
            w.id,
            w.name,
            w.dimension,
            f4(w.mean),
            f4(w.loss)
        ));
    }
    s.push_str("\nSensitivity (one dimension weight changed by delta, the others rescaled):\n");
    let header = strs(&["dimension", "delta", "weight", "score"]);
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|r| {
            vec![
                c.dimensions[r.dimension_index].name.clone(),
                format!("{:+}", r.delta),
                f4(r.weights[r.dimension_index]),
                f4(r.score),
            ]
        })
        .collect();
    s.push_str(&common::text_table(&header, &rows));
    for (scheme, bs) in boundaries {
        s.push_str(&format!("Weight change that moves the {scheme} grade:\n"));
        for b in bs {
            let show = |x: &Option<fiscus_eval::GradeShift>| match x {
                Some(g) => format!(
                    "weight {} ({}) -> {}",
                    f4(g.new_weight),
                    g.delta
                        .map_or_else(|| "from 0".into(), |d| format!("{:+.1}%", d * 100.0)),
                    g.grade
                ),
                None => "no change".into(),
            };
            s.push_str(&format!(
                "  {}: raising the weight: {}; lowering it: {}\n",
                c.dimensions[b.dimension_index].name,
                show(&b.increase),
                show(&b.decrease)
            ));
        }
    }
    s
}

fn indicator_csv(c: &Composite) -> String {
    let header = strs(&[
        "indicator",
        "name",
        "dimension",
        "local_weight",
        "global_weight",
        "mean",
        "contribution",
        "gap",
        "loss",
    ]);
    let rows: Vec<Vec<String>> = c
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.name.clone(),
                i.dimension.clone(),
                i.local_weight.to_string(),
                i.global_weight.to_string(),
                i.mean.to_string(),
                i.contribution.to_string(),
                i.gap.to_string(),
                i.loss.to_string(),
            ]
        })
        .collect();
    common::csv_text(&header, &rows)
}

// ------------------------------------------------------------------ fuzzy

fn run_fuzzy(a: FuzzyArgs) -> Result<()> {
    let l = load(&a.system, true)?;
    let responses = l
        .responses
        .as_ref()
        .ok_or_else(|| anyhow!("give the questionnaire data with --data FILE"))?;
    let ids: Vec<&str> = l.system.indicator_ids();
    let all = memberships(
        responses,
        &l.config.scale,
        l.config.group_weights.as_deref(),
    )?;
    let rows: Vec<Vec<f64>> = ids
        .iter()
        .map(|id| {
            responses
                .indicator_index(id)
                .map(|j| all[j].clone())
                .ok_or_else(|| anyhow!("no column for indicator `{id}`"))
        })
        .collect::<Result<_>>()?;
    let cfg = FuzzyConfig {
        operator: a.operator.parse::<FuzzyOperator>()?,
        inner_operator: a
            .inner_operator
            .as_deref()
            .map(str::parse::<FuzzyOperator>)
            .transpose()?,
        values: a
            .values
            .as_deref()
            .map(|v| parse_numbers(v, "--values"))
            .transpose()?,
    };
    let f = fuzzy_evaluate(&l.system, &rows, &l.config.scale, &cfg)?;
    let mut j = serde_json::to_value(&f)?;
    j["title"] = json!(l.title);
    j["memberships"] = json!(ids
        .iter()
        .zip(&rows)
        .map(|(id, r)| json!({"id": id, "r": r}))
        .collect::<Vec<_>>());
    a.output.emit(j, || fuzzy_table(&l, &f), || fuzzy_csv(&f))
}

fn fuzzy_table(l: &Loaded, f: &FuzzyResult) -> String {
    let mut s = format!(
        "{}: fuzzy comprehensive evaluation, {} within dimensions, {} overall\nGrade levels {:?}, values V = {:?}\n\n",
        l.title, f.inner_operator, f.operator, f.levels, f.values
    );
    let mut header = vec!["level".to_string()];
    header.extend(f.levels.iter().map(|v| format!("B[{v}]")));
    header.extend(strs(&["max", "score"]));
    let rows: Vec<Vec<String>> = f
        .dimensions
        .iter()
        .chain(std::iter::once(&f.overall))
        .map(|d| {
            let mut r = vec![d.name.clone()];
            r.extend(d.b.iter().map(|v| f4(*v)));
            r.push(format!(
                "{}{}",
                d.max_membership_level,
                if d.tie { " (tie)" } else { "" }
            ));
            r.push(f4(d.score));
            r
        })
        .collect();
    s.push_str(&common::text_table(&header, &rows));
    s.push_str("(B as composed; the score uses B normalised to sum 1)\n");
    s
}

fn fuzzy_csv(f: &FuzzyResult) -> String {
    let mut header = vec!["level".to_string()];
    header.extend(f.levels.iter().map(|v| format!("B_{v}")));
    header.extend(strs(&["max_membership_level", "score"]));
    let rows: Vec<Vec<String>> = f
        .dimensions
        .iter()
        .chain(std::iter::once(&f.overall))
        .map(|d| {
            let mut r = vec![d.name.clone()];
            r.extend(d.b.iter().map(|v| v.to_string()));
            r.push(d.max_membership_level.to_string());
            r.push(d.score.to_string());
            r
        })
        .collect();
    common::csv_text(&header, &rows)
}

// ------------------------------------------------------------------ weights

fn run_weights(a: WeightsArgs) -> Result<()> {
    let l = load(&a.system, false)?;
    let j = weights_json(&l);
    let global = l.system.global_weights();
    let dim_of = l.system.dimension_of();
    let ids = l.system.indicator_ids();
    let rows: Vec<Vec<String>> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let k = dim_of[i];
            let local_i = i - dim_of.iter().take_while(|&&d| d < k).count();
            vec![
                id.to_string(),
                l.system.dimensions()[k].name.clone(),
                l.system.dimension_weights()[k].to_string(),
                l.system.local_weights()[k][local_i].to_string(),
                global[i].to_string(),
            ]
        })
        .collect();
    let header = strs(&[
        "indicator",
        "dimension",
        "dimension_weight",
        "local_weight",
        "global_weight",
    ]);
    a.output.emit(
        j,
        || {
            let pretty: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    for c in r.iter_mut().skip(2) {
                        *c = c.parse::<f64>().map(f4).unwrap_or_default();
                    }
                    r
                })
                .collect();
            let mut s = format!("Weights: {}", source_name(l.weight_source));
            if !l.weight_notes.is_empty() {
                s.push_str(&format!(" ({})", l.weight_notes.join("; ")));
            }
            s.push('\n');
            for m in &l.ahp {
                s.push_str(&format!(
                    "  {}: CR = {:.4}{}\n",
                    m["matrix"].as_str().unwrap_or_default(),
                    m["CR"].as_f64().unwrap_or(f64::NAN),
                    if m["acceptable"].as_bool() == Some(true) {
                        ""
                    } else {
                        " (not acceptable)"
                    }
                ));
            }
            s.push('\n');
            s.push_str(&common::text_table(&header, &pretty));
            s
        },
        || common::csv_text(&header, &rows),
    )
}

// ------------------------------------------------------------------ entropy and TOPSIS

struct UnitTable {
    units: Vec<String>,
    columns: Vec<String>,
    x: Vec<Vec<f64>>,
    directions: Vec<Direction>,
}

fn unit_table(
    path: &Path,
    input: &InputArgs,
    columns: Option<&str>,
    cost: Option<&str>,
) -> Result<UnitTable> {
    let ds = common::load_dataset(path, input)?;
    let cols: Vec<String> = match columns {
        Some(c) => common::split_list(c),
        None => ds.column_names().iter().map(|s| s.to_string()).collect(),
    };
    let cost: Vec<String> = cost.map(common::split_list).unwrap_or_default();
    for c in &cost {
        if !cols.contains(c) {
            ds.column(c)?;
            bail!("--cost names `{c}`, which is not among the indicator columns");
        }
    }
    let mut data = Vec::with_capacity(cols.len());
    for c in &cols {
        data.push(ds.numeric_complete(c)?);
    }
    Ok(UnitTable {
        units: ds.cases().to_vec(),
        x: (0..ds.n_cases())
            .map(|i| data.iter().map(|c| c[i]).collect())
            .collect(),
        directions: cols
            .iter()
            .map(|c| {
                if cost.contains(c) {
                    Direction::Cost
                } else {
                    Direction::Benefit
                }
            })
            .collect(),
        columns: cols,
    })
}

fn run_entropy(a: EntropyArgs) -> Result<()> {
    let t = unit_table(&a.data, &a.input, a.columns.as_deref(), a.cost.as_deref())?;
    let norm: EntropyNormalisation = a.normalisation.parse()?;
    let e = entropy_weights(&t.x, &t.directions, norm)?;
    let mut j = serde_json::to_value(&e)?;
    j["indicators"] = json!(t.columns);
    j["directions"] = json!(t
        .directions
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>());
    j["units"] = json!(t.units.len());
    let rows = |full: bool| -> Vec<Vec<String>> {
        t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let f = |v: f64| if full { v.to_string() } else { f4(v) };
                vec![
                    c.clone(),
                    t.directions[i].to_string(),
                    f(e.entropy[i]),
                    f(e.divergence[i]),
                    f(e.weights[i]),
                ]
            })
            .collect()
    };
    let header = strs(&["indicator", "direction", "entropy", "divergence", "weight"]);
    a.output.emit(
        j,
        || {
            format!(
                "Entropy weights over {} units ({} normalisation)\n{}",
                t.units.len(),
                a.normalisation,
                common::text_table(&header, &rows(false))
            )
        },
        || common::csv_text(&header, &rows(true)),
    )
}

fn run_topsis(a: TopsisArgs) -> Result<()> {
    let t = unit_table(&a.data, &a.input, a.columns.as_deref(), a.cost.as_deref())?;
    let (weights, how) = if a.entropy {
        let norm: EntropyNormalisation = a.normalisation.parse()?;
        (
            entropy_weights(&t.x, &t.directions, norm)?.weights,
            "entropy",
        )
    } else if let Some(w) = &a.weights {
        let kv = parse_kv(std::slice::from_ref(w), "--weights")?;
        for (k, _) in &kv {
            if !t.columns.contains(k) {
                bail!("--weights names `{k}`, which is not among the indicator columns");
            }
        }
        let w = t
            .columns
            .iter()
            .map(|c| {
                kv.iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| *v)
                    .ok_or_else(|| anyhow!("--weights gives no weight for `{c}`"))
            })
            .collect::<Result<Vec<_>>>()?;
        (w, "given")
    } else {
        (vec![1.0; t.columns.len()], "equal")
    };
    let r = topsis(&t.x, &weights, &t.directions)?;
    let wn = proportional_weights(&weights)?;
    let mut j = serde_json::to_value(&r)?;
    j["units"] = json!(t.units);
    j["indicators"] = json!(t.columns);
    j["weights"] = json!(wn);
    j["weights_from"] = json!(how);
    let rows = |full: bool| -> Vec<Vec<String>> {
        t.units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let f = |v: f64| if full { v.to_string() } else { f4(v) };
                vec![
                    u.clone(),
                    f(r.d_plus[i]),
                    f(r.d_minus[i]),
                    f(r.closeness[i]),
                    r.rank[i].to_string(),
                ]
            })
            .collect()
    };
    let header = strs(&["unit", "D+", "D-", "closeness", "rank"]);
    a.output.emit(
        j,
        || {
            let w: Vec<String> = t
                .columns
                .iter()
                .zip(&wn)
                .map(|(c, w)| format!("{c} {}", f4(*w)))
                .collect();
            format!(
                "TOPSIS ({} weights: {})\n{}",
                how,
                w.join(", "),
                common::text_table(&header, &rows(false))
            )
        },
        || common::csv_text(&header, &rows(true)),
    )
}
