//! `fiscus delphi`: Delphi rounds (item statistics, Kendall's W, authority, screening, comparison).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use fiscus_data::Dataset;
use fiscus_delphi::{
    analyse_round, authority, compare_rounds, item_stats, screen, AuthorityOutput, AuthorityTables,
    CompareConfig, ConvergenceRule, ExpertSelfRating, ItemMapping, ItemStatsConfig, KendallOutput,
    Ratings, RoundConfig, RoundOutput, Scale, ScreenConfig, ScreenOutput,
};

use fiscus_report::{table::Digits, views};

use crate::common::{self, InputArgs, OutputArgs};

const EXAMPLES: &str = "Examples:
  fiscus delphi kendall round1.csv
  fiscus delphi round round1.csv --sent 15 --dimensions dims.csv --experts experts.csv
  fiscus delphi authority experts.csv
  fiscus delphi screen round2.csv --rule 'mean >= 3.5' --rule 'cv <= 0.25' --retained kept.csv
  fiscus delphi screen round1.csv --rule 'mean >= 3.5 and cv <= 0.25 and full_mark >= 0.2' --min-fail 2
  fiscus delphi compare round1.csv round2.csv --dropped I4,I7

Round files: one row per expert (id in a column named `expert`, `id` or `case`, or chosen with
--id-column; without one, experts are numbered 1..m), one column per item, blank = no answer.";

/// Delphi rounds: item statistics, Kendall's W, expert authority, screening, round comparison.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    cmd: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Kendall's coefficient of concordance W (tie-corrected and uncorrected), χ², df, p.
    Kendall(KendallArgs),
    /// Everything for one round: response, item statistics, W overall and per dimension.
    Round(RoundArgs),
    /// Authority coefficients Ca, Cs, Cr per expert and for the panel; expert weights.
    Authority(AuthorityArgs),
    /// Screen items by rules and write the retained list.
    Screen(ScreenArgs),
    /// Compare rounds: change of means and CVs, items added/dropped, W per round, convergence.
    Compare(CompareArgs),
}

/// How to read a round file.
#[derive(Debug, Clone, clap::Args)]
struct RoundInput {
    #[command(flatten)]
    input: InputArgs,
    /// Item columns to use, comma-separated (default: every column but the expert id).
    #[arg(long, value_name = "COLS")]
    items: Option<String>,
}

/// Statistic settings shared by round, screen and compare.
#[derive(Debug, Clone, clap::Args)]
struct StatArgs {
    /// Declared score scale MIN..MAX; a score outside it is an error.
    #[arg(long, value_name = "MIN..MAX", default_value = "1..5")]
    scale: String,
    /// Quantile definition for median and quartiles: R's type 1..9 (7 = R default, 6 = SPSS).
    #[arg(long, value_name = "TYPE", default_value_t = 7)]
    quantile: u8,
    /// Scores at or above this count as agreement (the `agree` share).
    #[arg(long, value_name = "SCORE", default_value_t = 4.0)]
    agree_at: f64,
}

impl StatArgs {
    fn config(&self) -> Result<ItemStatsConfig> {
        Ok(ItemStatsConfig::from_options(
            &self.scale,
            self.quantile,
            self.agree_at,
        )?)
    }
}

#[derive(Debug, clap::Args)]
struct KendallArgs {
    /// Ratings: rows experts, columns items (.csv, .tsv, .xlsx or `-`).
    ratings: PathBuf,
    #[command(flatten)]
    round: RoundInput,
    /// Declared scale MIN..MAX to check the scores against (default: no check; ranks need none).
    #[arg(long, value_name = "MIN..MAX")]
    scale: Option<String>,
    /// Item → dimension table (columns `item`, `dimension`) for W per dimension.
    #[arg(long, value_name = "FILE")]
    dimensions: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct RoundArgs {
    /// Ratings of the round: rows experts, columns items.
    ratings: PathBuf,
    #[command(flatten)]
    round: RoundInput,
    #[command(flatten)]
    stats: StatArgs,
    /// Questionnaires sent, for the positive coefficient (returned = experts who answered).
    #[arg(long, value_name = "N")]
    sent: Option<usize>,
    /// Item → dimension table (columns `item`, `dimension`) for per-dimension statistics.
    #[arg(long, value_name = "FILE")]
    dimensions: Option<PathBuf>,
    /// Expert self-rating table, for the authority coefficient (see `fiscus delphi authority`).
    #[arg(long, value_name = "FILE")]
    experts: Option<PathBuf>,
    #[command(flatten)]
    tables: TableArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Custom scoring tables for the authority coefficient.
#[derive(Debug, Clone, clap::Args)]
struct TableArgs {
    /// A judgment basis and its level scores, `NAME=S1,S2,S3` (level 1 = large influence);
    /// repeat for each basis. Default: practice=0.5,0.4,0.3 theory=0.3,0.2,0.1
    /// peers=0.1,0.1,0.1 intuition=0.1,0.1,0.1.
    #[arg(long = "basis", value_name = "NAME=SCORES")]
    bases: Vec<String>,
    /// Familiarity scores by level (level 1 = very familiar). Default 1,0.8,0.6,0.4,0.2.
    #[arg(long, value_name = "SCORES")]
    familiarity: Option<String>,
    /// Cr at or above which authority is acceptable.
    #[arg(long, value_name = "CR", default_value_t = 0.7)]
    threshold: f64,
}

impl TableArgs {
    fn tables(&self) -> Result<AuthorityTables> {
        let f = self.familiarity.as_deref();
        AuthorityTables::from_options(&self.bases, f, self.threshold)
            .context("--basis/--familiarity")
    }
}

#[derive(Debug, clap::Args)]
struct AuthorityArgs {
    /// Expert table: an id column, one column per judgment basis (`practice`, `theory`, `peers`,
    /// `intuition`: level 1/2/3 or large/medium/small) and `familiarity` (1..5 or very
    /// familiar .. unfamiliar).
    experts: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    tables: TableArgs,
    /// Exit with status 1 when the panel's Cr is below the threshold.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct ScreenArgs {
    /// Ratings of the round: rows experts, columns items.
    ratings: PathBuf,
    #[command(flatten)]
    round: RoundInput,
    #[command(flatten)]
    stats: StatArgs,
    /// A rule `STAT OP NUMBER` (STAT: mean, sd, cv, median, q1, q3, iqr, full_mark,
    /// full_mark_observed, agree, n; OP: >=, >, <=, <, ==, !=); several may be joined by `and`.
    /// Repeatable. Default: `mean >= 3.5` and `cv <= 0.25`.
    #[arg(long = "rule", value_name = "RULE")]
    rules: Vec<String>,
    /// Drop an item only when at least this many rules fail (default 1: all must pass).
    #[arg(long, value_name = "K", default_value_t = 1)]
    min_fail: usize,
    /// Write the retained items (`item,mean,cv`) to FILE, for the next round or for AHP.
    #[arg(long, value_name = "FILE")]
    retained: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// Round files in order (two or more).
    #[arg(required = true, num_args = 2..)]
    rounds: Vec<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    stats: StatArgs,
    /// An item renamed between rounds, `OLD=NEW`; repeatable.
    #[arg(long = "rename", value_name = "OLD=NEW")]
    renamed: Vec<String>,
    /// Items allowed to disappear (screened out), comma-separated.
    #[arg(long, value_name = "ITEMS")]
    dropped: Option<String>,
    /// Items allowed to appear, comma-separated.
    #[arg(long, value_name = "ITEMS")]
    added: Option<String>,
    /// Accept any change of the item set (still reported).
    #[arg(long)]
    allow_changes: bool,
    /// Convergence: significance level of the last round's W.
    #[arg(long, value_name = "A", default_value_t = 0.05)]
    alpha: f64,
    /// Convergence: largest acceptable item CV in the last round.
    #[arg(long, value_name = "CV", default_value_t = 0.25)]
    max_cv: f64,
    /// Convergence: smallest acceptable W in the last round.
    #[arg(long, value_name = "W")]
    min_w: Option<f64>,
    /// Convergence: do not require W to rise between the last two rounds.
    #[arg(long)]
    no_w_rise: bool,
    /// Exit with status 1 when the rounds have not converged.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: OutputArgs,
}

/// Runs `fiscus delphi ...`.
pub fn run(args: Args) -> Result<()> {
    match args.cmd {
        Sub::Kendall(a) => run_kendall(a),
        Sub::Round(a) => run_round(a),
        Sub::Authority(a) => run_authority(a),
        Sub::Screen(a) => run_screen(a),
        Sub::Compare(a) => run_compare(a),
    }
}

// ------------------------------------------------------------------ input

/// Loads a table whose rows are experts: the id column is `--id-column`, else a column named
/// `expert`, `id` or `case` (any case), else rows are numbered.
fn load_expert_table(path: &Path, input: &InputArgs) -> Result<Dataset> {
    common::load_labelled(path, input, &["expert", "id", "expert_id", "专家"])
}

fn load_round(path: &Path, round: &RoundInput, scale: Option<Scale>) -> Result<Ratings> {
    let ds = load_expert_table(path, &round.input)?;
    let items = round.items.as_deref().map(common::split_list);
    Ok(Ratings::from_dataset(&ds, items.as_deref(), scale)?)
}

fn load_dimensions(path: &Path) -> Result<Vec<(String, String)>> {
    let opts = InputArgs {
        id_column: Some("item".into()),
        ..Default::default()
    };
    let ds = common::load_dataset(path, &opts).with_context(|| {
        format!(
            "dimension table {} (columns `item`, `dimension`)",
            path.display()
        )
    })?;
    Ok(fiscus_delphi::dimensions_from_dataset(&ds)?)
}

fn load_self_ratings(
    path: &Path,
    input: &InputArgs,
    tables: &AuthorityTables,
) -> Result<Vec<ExpertSelfRating>> {
    let ds = load_expert_table(path, input)?;
    Ok(ExpertSelfRating::from_dataset(&ds, tables)?)
}

// ------------------------------------------------------------------ kendall

fn run_kendall(a: KendallArgs) -> Result<()> {
    let scale = a.scale.as_deref().map(Scale::parse).transpose()?;
    let r = load_round(&a.ratings, &a.round, scale)?;
    let dims = a.dimensions.as_deref().map(load_dimensions).transpose()?;
    let out = KendallOutput::compute(&r, dims)?;
    a.output.emit(&out, |d| views::delphi::kendall(&out, d))
}

// ------------------------------------------------------------------ round

fn run_round(a: RoundArgs) -> Result<()> {
    let stats = a.stats.config()?;
    let r = load_round(&a.ratings, &a.round, Some(stats.scale))?;
    let cfg = RoundConfig {
        stats,
        dimensions: a
            .dimensions
            .as_deref()
            .map(load_dimensions)
            .transpose()?
            .unwrap_or_default(),
        sent: a.sent,
    };
    let rep = analyse_round(&r, &cfg)?;
    let auth = match &a.experts {
        Some(p) => {
            let tables = a.tables.tables()?;
            let experts = load_self_ratings(p, &a.round.input, &tables)?;
            let ids = experts.iter().map(|e| e.expert.as_str());
            let unknown: Vec<&str> = ids.filter(|id| r.expert_index(id).is_none()).collect();
            if !unknown.is_empty() {
                let (p, ratings) = (common::display_name(p), common::display_name(&a.ratings));
                let msg = format!("{p}: experts not in {ratings}: {}", unknown.join(", "));
                common::warn(&msg);
            }
            Some(authority(&experts, &tables)?)
        }
        None => None,
    };
    let out = RoundOutput::new(rep, r.items(), &stats, auth);
    a.output.emit(&out, |d| views::delphi::round(&out, d))
}

// ------------------------------------------------------------------ authority

fn run_authority(a: AuthorityArgs) -> Result<()> {
    let tables = a.tables.tables()?;
    let experts = load_self_ratings(&a.experts, &a.input, &tables)?;
    let authority = authority(&experts, &tables)?;
    let out = AuthorityOutput { authority, tables };
    a.output.emit(&out, |d| views::delphi::authority(&out, d))?;
    common::strict(a.strict, out.authority.shortfall())
}

// ------------------------------------------------------------------ screen

fn run_screen(a: ScreenArgs) -> Result<()> {
    let stats_cfg = a.stats.config()?;
    let r = load_round(&a.ratings, &a.round, Some(stats_cfg.scale))?;
    let stats = item_stats(&r, &stats_cfg)?;
    let sc = screen(&stats, &ScreenConfig::from_options(&a.rules, a.min_fail)?)?;
    if let Some(path) = &a.retained {
        let t = views::delphi::retained(&stats, &sc.retained, Digits::Exact);
        common::write_atomic(path, t.to_csv().as_bytes())?;
    }
    let out = ScreenOutput {
        screening: sc,
        items: stats,
    };
    a.output.emit(&out, |d| views::delphi::screen(&out, d))
}

// ------------------------------------------------------------------ compare

fn run_compare(a: CompareArgs) -> Result<()> {
    let stats = a.stats.config()?;
    let round_input = RoundInput {
        input: a.input.clone(),
        items: None,
    };
    let rounds: Vec<Ratings> = a
        .rounds
        .iter()
        .map(|p| load_round(p, &round_input, Some(stats.scale)))
        .collect::<Result<_>>()?;
    let (dropped, added) = (a.dropped.as_deref(), a.added.as_deref());
    let cfg = CompareConfig {
        stats,
        mapping: ItemMapping::from_options(&a.renamed, dropped, added, a.allow_changes)?,
        convergence: ConvergenceRule {
            alpha: a.alpha,
            max_cv: a.max_cv,
            require_w_rise: !a.no_w_rise,
            min_w: a.min_w,
        },
    };
    let c = compare_rounds(&rounds, &cfg)?;
    a.output.emit(&c, |d| views::delphi::compare(&c, d))?;
    let msg = "the rounds have not converged (see the checks)";
    common::strict(a.strict, (!c.converged).then(|| msg.into()))
}
