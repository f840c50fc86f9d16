//! `fiscus calibrate`: raw data to set memberships (R QCA's `calibrate()` and `findTh()`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::ValueEnum;
use fiscus_calibration::{
    CalibratedColumn, CalibratedSets, CalibrationSpec, ColumnCalibration, Method, SetRequest,
    SetType, SuggestedThresholds,
};
use fiscus_data::Dataset;
use fiscus_report::views;

use crate::common::{self, InputArgs, OutFormat, OutputArgs};

const EXAMPLES: &str = "Examples:
  fiscus calibrate LR.csv --column DEV --thresholds e=400,c=550,i=900
  fiscus calibrate LR.csv --column STB --thresholds e=15,c=9.5,i=5          # decreasing set
  fiscus calibrate LR.csv --column DEV --thresholds 400,550,900 --linear --below 2
  fiscus calibrate LR.csv --column DEV --thresholds e1=350,c1=450,i1=550,i2=700,c2=850,e2=1000
  fiscus calibrate LR.csv --column DEV --type crisp --thresholds 550,850
  fiscus calibrate inc.csv --column INC --method indirect --thresholds 1000,4000,5000,10000,20000
  fiscus calibrate survey.csv --column Q1 --method tfr
  fiscus calibrate LR.csv --column DEV --percentiles 95,50,5
  fiscus calibrate LR.csv --column DEV --suggest 2
  fiscus calibrate LR.csv --set DEV=DEV:400,550,900 --set 'STB=STB:e=15,c=9.5,i=5' \\
      --set 'DEVC=DEV:550;type=crisp' -o LF.csv

--set NAME=COL[:THRESHOLDS][;OPTION...] calibrates COL into the column NAME (NAME may equal
COL to replace it). OPTIONs override the command-line defaults for that set only: type=crisp,
type=fuzzy, method=direct|indirect|tfr, linear, logistic, ecdf, idm=X, below=X, above=X,
percentiles (the THRESHOLDS are percentiles of COL). Quote the argument: `;` is special to
the shell.";

/// Crisp or fuzzy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TypeArg {
    /// Memberships in [0, 1].
    Fuzzy,
    /// Categories 0, 1, ... (number of thresholds at or below the value).
    Crisp,
}

/// Calibration method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// Anchors define the membership function.
    Direct,
    /// Ragin's indirect method (fractional logit on interval targets).
    Indirect,
    /// Totally fuzzy and relative (ordinal data, lowest category 1).
    Tfr,
}

/// Calibrate raw data into set memberships (R QCA's calibrate()).
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Data file (.csv, .tsv, .xlsx) or `-` for CSV on stdin.
    pub data: PathBuf,
    /// Column to calibrate.
    #[arg(long, value_name = "COL")]
    pub column: Option<String>,
    /// Anchors `e=..,c=..,i=..`, six anchors `e1=..,c1=..,i1=..,i2=..,c2=..,e2=..`, or plain
    /// numbers (positional; crisp and indirect thresholds).
    #[arg(long, value_name = "SPEC", allow_hyphen_values = true)]
    pub thresholds: Option<String>,
    /// Anchors as percentiles of the column (type-7 quantiles): `95,50,5` means e = 5th,
    /// c = 50th, i = 95th percentile (plain numbers are sorted, an increasing set); name them
    /// (`e=95,c=50,i=5`) for a decreasing set.
    #[arg(long, value_name = "P", conflicts_with = "thresholds")]
    pub percentiles: Option<String>,
    /// Set type.
    #[arg(long = "type", value_enum, default_value = "fuzzy", ignore_case = true)]
    pub set_type: TypeArg,
    /// Fuzzy calibration method.
    #[arg(long, value_enum, default_value = "direct", ignore_case = true)]
    pub method: MethodArg,
    /// Linear (power) s-shape instead of the logistic function (R's logistic = FALSE).
    #[arg(long)]
    pub linear: bool,
    /// Inclusion degree of membership at the inclusion anchor, in (0.5, 1).
    #[arg(long, value_name = "X", default_value_t = 0.95)]
    pub idm: f64,
    /// Exponent of the linear shape below the crossover (R's below).
    #[arg(long, value_name = "X", default_value_t = 1.0)]
    pub below: f64,
    /// Exponent of the linear shape above the crossover (R's above).
    #[arg(long, value_name = "X", default_value_t = 1.0)]
    pub above: f64,
    /// Empirical CDF between the anchors (implies --linear).
    #[arg(long)]
    pub ecdf: bool,
    /// Calibrate several columns: NAME=COL[:THRESHOLDS][;OPTION...] (repeatable; see below).
    #[arg(long = "set", value_name = "NAME=COL:SPEC", allow_hyphen_values = true)]
    pub sets: Vec<String>,
    /// Name of the calibrated column in a written data set (default: replace COL).
    #[arg(long, value_name = "NAME", requires = "column")]
    pub name: Option<String>,
    /// Suggest N crisp thresholds for --column (R's findTh(): complete-linkage clustering).
    #[arg(long, value_name = "N", requires = "column")]
    pub suggest: Option<usize>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Where the result goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    Json,
    Table,
    Csv,
    Xlsx,
}

/// Runs `fiscus calibrate`.
pub fn run(args: Args) -> Result<()> {
    if args.column.is_some() && !args.sets.is_empty() {
        bail!("use either --column or --set, not both");
    }
    let ds = common::load_dataset(&args.data, &args.input)?;
    if let Some(n) = args.suggest {
        let doc = SuggestedThresholds::compute(&ds, args.column.as_deref().unwrap_or_default(), n)?;
        let data = common::display_name(&args.data);
        return args
            .output
            .emit(&doc, |_| views::calibration::suggested(&doc, &data));
    }
    let base = base_spec(&args);
    let requests = match &args.column {
        Some(col) => vec![SetRequest::for_column(
            col,
            args.name.as_deref(),
            &base,
            args.thresholds.as_deref(),
            args.percentiles.as_deref(),
        )?],
        None => SetRequest::parse_all(&args.sets, &base)?,
    };
    let mut done = Vec::new();
    for r in requests {
        let c = r.calibrate(&ds)?;
        common::warn_all(&c.notes);
        done.push(c);
    }
    emit(&args, ds, done)
}

fn base_spec(args: &Args) -> CalibrationSpec {
    CalibrationSpec {
        set_type: match args.set_type {
            TypeArg::Fuzzy => SetType::Fuzzy,
            TypeArg::Crisp => SetType::Crisp,
        },
        method: match args.method {
            MethodArg::Direct => Method::Direct,
            MethodArg::Indirect => Method::Indirect,
            MethodArg::Tfr => Method::Tfr,
        },
        logistic: !(args.linear || args.ecdf),
        idm: args.idm,
        ecdf: args.ecdf,
        below: args.below,
        above: args.above,
        ..CalibrationSpec::default()
    }
}

fn sink(output: &OutputArgs) -> Result<Sink> {
    let ext = output
        .output
        .as_deref()
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let xlsx = ext.as_deref() == Some("xlsx");
    Ok(match output.format {
        Some(_) if xlsx => bail!(
            "-o {}: an .xlsx file is always the whole data set; drop --format",
            output
                .output
                .as_deref()
                .map(Path::display)
                .map(|d| d.to_string())
                .unwrap_or_default()
        ),
        Some(OutFormat::Json) => Sink::Json,
        Some(OutFormat::Table) => Sink::Table,
        Some(OutFormat::Csv) => Sink::Csv,
        None if xlsx => Sink::Xlsx,
        None => match ext.as_deref() {
            Some("csv") | Some("tsv") | Some("txt") => Sink::Csv,
            Some(_) => Sink::Json,
            None => match output.format() {
                OutFormat::Json => Sink::Json,
                OutFormat::Table => Sink::Table,
                OutFormat::Csv => Sink::Csv,
            },
        },
    })
}

fn emit(args: &Args, mut ds: Dataset, done: Vec<ColumnCalibration>) -> Result<()> {
    let sink = sink(&args.output)?;
    let id_name = args
        .input
        .id_column
        .clone()
        .unwrap_or_else(|| "case".into());
    let cases = ds.cases().to_vec();
    match sink {
        Sink::Csv | Sink::Xlsx => {
            for d in &done {
                ds.set_column(d.set.to_column())?;
            }
            if sink == Sink::Xlsx {
                let bytes = fiscus_io::write_dataset_xlsx(&ds, &id_name)?;
                args.output.write(&bytes)
            } else {
                args.output
                    .write(fiscus_io::write_csv(&ds, &id_name).as_bytes())
            }
        }
        Sink::Json if args.column.is_some() => {
            let set = done.into_iter().next().map(|d| d.set);
            let doc = set.map(|s| CalibratedColumn::new(cases.clone(), s));
            args.output.write(common::json_document(&doc)?.as_bytes())
        }
        Sink::Json => {
            let sets = done.into_iter().map(|d| d.set).collect();
            let doc = CalibratedSets { cases, sets };
            args.output.write(common::json_document(&doc)?.as_bytes())
        }
        Sink::Table => {
            let sets: Vec<_> = done.into_iter().map(|d| (d.set, d.raw)).collect();
            let v = views::calibration::memberships(&id_name, &cases, &sets);
            args.output.write(v.text().as_bytes())
        }
    }
}
