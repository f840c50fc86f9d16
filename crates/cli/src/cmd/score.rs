//! `fiscus score`: composite performance evaluation of an indicator system on questionnaire data,
//! fuzzy comprehensive evaluation, entropy weights and TOPSIS.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use fiscus_data::{parse_numbers, parse_pairs, split_list, Dataset};
use fiscus_eval::{
    BootstrapConfig, EntropyReport, FuzzyConfig, FuzzyReport, Overrides, ScoreReport, TopsisReport,
    TopsisWeights, UnitTable,
};

use fiscus_report::views;
use fiscus_study::{Scoring, ScoringFile};

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

/// A units × indicators table.
#[derive(Debug, clap::Args)]
struct UnitArgs {
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
}

impl UnitArgs {
    /// Reads the table.
    fn table(&self) -> Result<UnitTable> {
        let ds = common::load_dataset(&self.data, &self.input)?;
        let cols = self.columns.as_deref().map(split_list);
        let cost: Vec<String> = self.cost.as_deref().map(split_list).unwrap_or_default();
        UnitTable::from_dataset(&ds, cols.as_deref(), &cost).context("--cost")
    }
}

#[derive(Debug, clap::Args)]
struct EntropyArgs {
    #[command(flatten)]
    units: UnitArgs,
    /// Normalisation: min-max or ratio.
    #[arg(long, value_name = "N", default_value = "min-max")]
    normalisation: String,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct TopsisArgs {
    #[command(flatten)]
    units: UnitArgs,
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

fn read_text(path: &Path) -> Result<(String, String)> {
    let name = common::display_name(path);
    let text = String::from_utf8(common::read_bytes(path)?)
        .map_err(|_| anyhow!("{name}: not UTF-8 text"))?;
    Ok((name, text))
}

/// The system (or study) file, the flags and the questionnaire (`--data`, else a study's
/// `[questionnaire]` file), resolved by the library.
fn load(a: &SystemArgs, need_data: bool) -> Result<Scoring> {
    let path = a
        .system
        .as_ref()
        .ok_or_else(|| anyhow!("give the indicator system file (SYSTEM.toml)"))?;
    let (name, text) = read_text(path)?;
    let (conversion, column) = (a.conversion.as_deref(), a.group_column.clone());
    let o = Overrides::from_options(
        conversion,
        &a.schemes,
        column,
        &a.group_weights,
        a.normalise,
    )?;
    let ignore = a.ignore.as_deref().map(split_list).unwrap_or_default();
    let file = ScoringFile::parse(&name, text)?;
    let survey = match &a.data {
        Some(p) => Some(load_survey(p, &a.input)?),
        None => match file.questionnaire(need_data)? {
            Some((rel, id)) => {
                let base = path.parent().unwrap_or(Path::new(""));
                let input = InputArgs {
                    id_column: Some(id),
                    ..a.input.clone()
                };
                let ds = common::load_dataset(&base.join(rel), &input);
                Some(ds.with_context(|| format!("{name}: key `questionnaire.file`"))?)
            }
            None => None,
        },
    };
    let s = file.scoring(&o, survey.as_ref(), &ignore)?;
    common::warn_all(&s.warnings);
    Ok(s)
}

/// Loads the questionnaire; the respondent id is --id-column, else `respondent`, `id` or `case`.
fn load_survey(path: &Path, input: &InputArgs) -> Result<Dataset> {
    common::load_labelled(path, input, &["respondent", "id", "respondent_id"])
}

// ------------------------------------------------------------------ main evaluation

fn run_eval(a: EvalArgs) -> Result<()> {
    let mut l = load(&a.system, true)?;
    l.config.weakest = a.weakest;
    let responses = l.responses()?;
    let deltas = parse_numbers(&a.deltas).context("--deltas")?;
    let bc = (a.bootstrap > 0).then_some(BootstrapConfig {
        replicates: a.bootstrap,
        seed: a.seed,
        level: a.level,
    });
    let run = || {
        ScoreReport::compute(
            &l.title,
            &l.system,
            responses,
            &l.config,
            l.weights.clone(),
            &deltas,
            bc.as_ref(),
        )
    };
    let rep = match a.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .context("cannot start the thread pool")?
            .install(run)?,
        None => run()?,
    };
    a.output.emit(&rep, |d| views::eval::score(&rep, d))
}

// ------------------------------------------------------------------ fuzzy

fn run_fuzzy(a: FuzzyArgs) -> Result<()> {
    let l = load(&a.system, true)?;
    let responses = l.responses()?;
    let inner = a.inner_operator.as_deref().map(str::parse).transpose()?;
    let values = a.values.as_deref().map(parse_numbers).transpose();
    let cfg = FuzzyConfig {
        operator: a.operator.parse()?,
        inner_operator: inner,
        values: values.context("--values")?,
    };
    let rep = FuzzyReport::compute(&l.title, &l.system, responses, &l.config, &cfg)?;
    a.output.emit(&rep, |d| views::eval::fuzzy(&rep, d))
}

// ------------------------------------------------------------------ weights

fn run_weights(a: WeightsArgs) -> Result<()> {
    let l = load(&a.system, false)?;
    a.output
        .emit(&l.weights, |d| views::eval::weights(&l.weights, d))
}

// ------------------------------------------------------------------ entropy and TOPSIS

fn run_entropy(a: EntropyArgs) -> Result<()> {
    let t = a.units.table()?;
    let rep = EntropyReport::compute(&t, a.normalisation.parse()?)?;
    a.output
        .emit(&rep, |d| views::eval::entropy(&rep, &a.normalisation, d))
}

fn run_topsis(a: TopsisArgs) -> Result<()> {
    let t = a.units.table()?;
    let weights = match &a.weights {
        _ if a.entropy => TopsisWeights::Entropy(a.normalisation.parse()?),
        Some(w) => {
            let kv = parse_pairs(std::slice::from_ref(w)).context("--weights")?;
            TopsisWeights::given(&t, &kv).context("--weights")?
        }
        None => TopsisWeights::Equal,
    };
    let rep = TopsisReport::compute(&t, &weights)?;
    a.output.emit(&rep, |d| views::eval::topsis(&rep, d))
}
