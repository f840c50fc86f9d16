//! `fiscus robustness`: robustness of QCA results (Oana & Schneider 2021) across test
//! solutions, sensitivity ranges, grids (sharded for clusters) and the configuration chart.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args as ClapArgs, Subcommand};
use fiscus_qca::TruthTableConfig;
use fiscus_report::views;
use fiscus_robustness::{
    chart_of, run_grid, sensitivity_ranges, Change, Grid, GridReport, GridSlice, RangeConfig,
    RobustnessReport, ShardDocument, Specification,
};

use crate::cmd::qca::MinOpts;
use crate::common::{self, load_dataset, split_list, InputArgs, OutputArgs};
use crate::progress::Bars;

/// The default of `--max-grid`: about an hour of a typical study on a laptop.
const DEFAULT_MAX_GRID: usize = 10_000;

/// Arguments of `fiscus robustness`.
#[derive(Debug, ClapArgs)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  fiscus robustness PAYF.csv --outcome HL --conditions HE,GG,AH,HI,HW --incl-cut 0.87 --n-cut 2 \\
      --include '?' --test incl-cut=0.70 --test n-cut=1 --test 'incl-cut=0.90;n-cut=3'
  fiscus robustness LR.csv --outcome SURV --conditions DEV,URB,LIT,IND,STB \\
      --calibrate DEV:e=400,c=550,i=900 ... --test 'calibrate:DEV=e=350,c=550,i=900'
  fiscus robustness PAYF.csv ... --ranges
  fiscus robustness LR.csv ... --grid 'anchors:DEV=10x1;incl-cut=0.75:0.9:0.05;n-cut=1,2;cases=loo'
  fiscus robustness LR.csv ... --grid SPEC --shard 2/3 -o shard2.json
  fiscus robustness merge shard1.json shard2.json shard3.json"
)]
pub struct Args {
    #[command(subcommand)]
    sub: Option<Sub>,
    /// Data (calibrated, or raw columns with --calibrate): .csv, .tsv, .xlsx or `-`.
    data: Option<PathBuf>,
    /// Outcome in R notation: `Y`, `~Y`, `Y[1]`.
    #[arg(long)]
    outcome: Option<String>,
    /// Causal conditions, comma-separated (default: every other column); `A:D` is a range.
    #[arg(long)]
    conditions: Option<String>,
    /// Inclusion cut-off(s) of the initial solution: `0.8` or `0.8,0.6`.
    #[arg(long, default_value = "1")]
    incl_cut: String,
    /// Frequency cut-off of the initial solution.
    #[arg(long, default_value_t = 1)]
    n_cut: usize,
    /// PRI cut-off of the initial solution.
    #[arg(long, default_value_t = 0.0)]
    pri_cut: f64,
    /// Truth-table rows forced to OUT = 0 (row numbers, comma-separated).
    #[arg(long)]
    exclude: Option<String>,
    #[command(flatten)]
    min: MinOpts,
    /// Which solution's first model counts: complex, parsimonious, intermediate (default: as
    /// implied by --include and --dir-exp).
    #[arg(long, default_value = "auto")]
    solution: String,
    /// Calibrate a raw column before the analysis: `TARGET[=SOURCE]:e=..,c=..,i=..`
    /// (fuzzy, direct, logistic; repeatable). Tests and grids can shift these anchors.
    #[arg(long, value_name = "SPEC")]
    calibrate: Vec<String>,
    /// A test solution: changes joined by `;` – `incl-cut=0.7`, `n-cut=1`, `pri-cut=0.5`,
    /// `calibrate:DEV=e=350,c=550,i=900`, `drop=CASE,..`, `solution=parsimonious`, `dir-exp=A,~B`.
    #[arg(long, value_name = "SPEC")]
    test: Vec<String>,
    /// Also report sensitivity ranges: incl.cut, n.cut and every anchor of --calibrate.
    #[arg(long)]
    ranges: bool,
    /// Step of the inclusion cut-off in --ranges.
    #[arg(long, default_value_t = 0.01)]
    incl_step: f64,
    /// Step of the anchors of a set in --ranges: `DEV=10` (default 1% of the raw range).
    #[arg(long, value_name = "SET=STEP")]
    anchor_step: Vec<String>,
    /// Steps tried each way in --ranges.
    #[arg(long, default_value_t = 100)]
    max_steps: usize,
    /// Also print the configuration chart (core/peripheral conditions) of the intermediate
    /// solution (needs --dir-exp).
    #[arg(long)]
    chart: bool,
    /// Evaluate a grid of specifications instead of --test:
    /// `anchors:DEV=10x2;incl-cut=0.7:0.9:0.05;n-cut=1,2;cases=loo|random:COUNT:SIZE:SEED`.
    #[arg(long, value_name = "SPEC")]
    grid: Option<String>,
    /// Run only slice I of N of the grid and write it for `fiscus robustness merge`.
    #[arg(long, value_name = "I/N", requires = "grid")]
    shard: Option<String>,
    /// Largest grid (number of specifications, before sharding) run without complaint; a
    /// larger --grid is refused unless this is raised.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_GRID, requires = "grid")]
    max_grid: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Combine grid shards (written with --shard) into the result of the unsharded run.
    Merge(MergeArgs),
}

#[derive(Debug, ClapArgs)]
struct MergeArgs {
    /// Shard files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    out: OutputArgs,
}

/// Runs `fiscus robustness`.
pub fn run(a: Args) -> Result<()> {
    if let Some(Sub::Merge(m)) = a.sub {
        return merge(m);
    }
    if a.quiet {
        crate::progress::set_quiet();
    }
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = a.threads {
            if n == 0 {
                bail!("--threads must be at least 1");
            }
            b = b.num_threads(n);
        }
        b.build().context("cannot start the worker threads")?
    };
    pool.install(|| run_analysis(&a))
}

struct Setup {
    ds: fiscus_data::Dataset,
    outcome: String,
    conditions: Option<Vec<String>>,
    spec: Specification,
}

fn setup(a: &Args) -> Result<Setup> {
    let data = a
        .data
        .clone()
        .ok_or_else(|| anyhow!("robustness needs a DATA file (or `merge FILES...`)"))?;
    let outcome = a
        .outcome
        .clone()
        .ok_or_else(|| anyhow!("robustness needs --outcome"))?;
    let tt = TruthTableConfig::from_options(&a.incl_cut, a.n_cut, a.pri_cut, None)?;
    let exclude = a.exclude.as_deref();
    let spec =
        Specification::from_options(tt, a.min.config()?, &a.solution, exclude, &a.calibrate)?;
    let ds = load_dataset(&data, &a.input)?;
    Ok(Setup {
        ds,
        outcome,
        conditions: a.conditions.as_deref().map(split_list),
        spec,
    })
}

fn run_analysis(a: &Args) -> Result<()> {
    let s = setup(a)?;
    let name = common::display_name(a.data.as_deref().unwrap_or(std::path::Path::new("-")));
    if let Some(g) = &a.grid {
        if !a.test.is_empty() {
            bail!("--grid and --test cannot be combined: a grid defines its own test solutions");
        }
        return run_grid_cmd(a, &s, g).with_context(|| name.clone());
    }
    let tests = Change::parse_tests(&a.test)?;
    let conds = s.conditions.as_deref();
    let r = fiscus_robustness::robustness(&s.ds, &s.outcome, conds, &s.spec, &tests)
        .with_context(|| name.clone())?;
    for t in &r.tests {
        if let Some(m) = &t.message {
            common::warn(&format!("test `{}`: {m}", t.label));
        }
    }
    let ranges = if a.ranges {
        let params = fiscus_robustness::standard_parameters(&s.spec);
        let cfg = RangeConfig::from_options(a.incl_step, a.max_steps, &a.anchor_step)?;
        Some(
            sensitivity_ranges(&s.ds, &s.outcome, conds, &s.spec, &params, &cfg)
                .with_context(|| name.clone())?,
        )
    } else {
        None
    };
    let chart = if a.chart {
        Some(chart_of(&s.ds, &s.outcome, conds, &s.spec).with_context(|| name.clone())?)
    } else {
        None
    };
    let doc = RobustnessReport::new(&r, ranges.as_deref(), chart.as_ref());
    a.out.emit(&doc, |d| {
        views::robustness::robustness(&r, ranges.as_deref(), chart.as_ref(), d)
    })
}

// ------------------------------------------------------------------ grids and shards

fn run_grid_cmd(a: &Args, s: &Setup, text: &str) -> Result<()> {
    let grid: Grid = text.parse().context("--grid")?;
    let total = fiscus_robustness::grid_size(&s.ds, &s.spec, &grid)?;
    let slice = GridSlice::new(total, a.max_grid, a.shard.as_deref())?;
    let bars = Bars::new(
        &common::display_name(a.data.as_deref().unwrap_or(std::path::Path::new("-"))),
        a.quiet,
    );
    let tick = || bars.tick("robustness grid", slice.len() as u64);
    let conds = s.conditions.as_deref();
    let result = run_grid(&s.ds, &s.outcome, conds, &s.spec, &grid, slice.range, &tick);
    bars.finish();
    let shard_data = result?;
    match slice.shard {
        Some((i, n)) => {
            let doc = ShardDocument::new(text, i, n, &shard_data);
            a.out.write(common::json_document(&doc)?.as_bytes())
        }
        None => {
            let doc = GridReport::new(text, &shard_data);
            a.out.emit(&doc, |d| views::robustness::grid(&doc, d))
        }
    }
}

fn merge(m: MergeArgs) -> Result<()> {
    let names: Vec<String> = m.files.iter().map(|f| common::display_name(f)).collect();
    let bytes = m.files.iter().map(|f| common::read_bytes(f));
    let bytes = bytes.collect::<Result<Vec<_>>>()?;
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(String::as_str)
        .zip(bytes.iter().map(Vec::as_slice))
        .collect();
    let doc = GridReport::merge(&files)?;
    m.out.emit(&doc, |d| views::robustness::grid(&doc, d))
}
