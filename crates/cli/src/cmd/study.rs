//! `fiscus run`, `fiscus demo` and `fiscus init`: whole studies from a study file.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::{Args, ValueEnum};
use fiscus_study::{
    evaluation_output_files, output_files, run as run_study, run_evaluation, template, Kind,
    OutputFile, Progress, Study, EVALUATION_STAGES, STAGES,
};

use crate::common;

/// Bundled examples: (directory name, study file name, study text, data files).
type Example = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const EXAMPLES: &[Example] = &[
    (
        "participatory-budgeting",
        include_str!("../../../../examples/participatory-budgeting/study.toml"),
        &[(
            "pilots-synthetic.csv",
            include_str!("../../../../examples/participatory-budgeting/pilots-synthetic.csv"),
        )],
    ),
    (
        "budget-performance",
        include_str!("../../../../examples/budget-performance/study.toml"),
        &[
            (
                "delphi-round1.csv",
                include_str!("../../../../examples/budget-performance/delphi-round1.csv"),
            ),
            (
                "delphi-round2.csv",
                include_str!("../../../../examples/budget-performance/delphi-round2.csv"),
            ),
            (
                "survey-synthetic.csv",
                include_str!("../../../../examples/budget-performance/survey-synthetic.csv"),
            ),
        ],
    ),
    (
        "lipset",
        include_str!("../../../../examples/lipset/study.toml"),
        &[("LR.csv", include_str!("../../../../examples/lipset/LR.csv"))],
    ),
];

/// `fiscus run STUDY.toml [-o DIR]`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The study file (TOML; see docs/study-file.md).
    pub study: PathBuf,
    /// Output directory (default: `<study file stem>-output` in the current directory).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// No progress bars.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `fiscus demo [-o DIR]`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Output directory; each bundled example gets a subdirectory (default: `fiscus-demo-output`).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        default_value = "fiscus-demo-output"
    )]
    pub output: PathBuf,
    /// No progress bars.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Kinds of study `fiscus init` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitKind {
    /// A configurational (QCA) study.
    Qca,
    /// An evaluation study (AHP, Delphi, questionnaire).
    Evaluation,
}

/// `fiscus init --kind qca|evaluation [-o FILE]`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Kind of study.
    #[arg(long, value_enum, default_value = "qca")]
    pub kind: InitKind,
    /// Where to write the template (`-` for stdout; default `study.toml`).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        default_value = "study.toml"
    )]
    pub output: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// One progress bar per stage (on stderr, only when it is a terminal and not `quiet`).
struct StageBars {
    multi: indicatif::MultiProgress,
    style: indicatif::ProgressStyle,
    file: String,
    stages: &'static [&'static str],
    current: Option<(usize, indicatif::ProgressBar)>,
}

impl StageBars {
    fn new(file: &str, stages: &'static [&'static str], quiet: bool) -> StageBars {
        use std::io::IsTerminal;
        let target = if quiet || !std::io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::hidden()
        } else {
            indicatif::ProgressDrawTarget::stderr()
        };
        let style = indicatif::ProgressStyle::with_template(
            "{prefix:>14} [{bar:30}] {pos:>3}/{len:<3} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
        StageBars {
            multi: indicatif::MultiProgress::with_draw_target(target),
            style,
            file: file.to_string(),
            stages,
            current: None,
        }
    }

    fn update(&mut self, p: Progress) {
        let same = matches!(&self.current, Some((k, _)) if *k == p.stage);
        if !same {
            if let Some((_, pb)) = self.current.take() {
                pb.finish();
            }
            let pb = self.multi.add(indicatif::ProgressBar::new(p.total as u64));
            pb.set_style(self.style.clone());
            pb.set_prefix(self.stages.get(p.stage).copied().unwrap_or("stage"));
            pb.set_message(self.file.clone());
            self.current = Some((p.stage, pb));
        }
        if let Some((_, pb)) = &self.current {
            pb.set_length(p.total as u64);
            pb.set_position(p.done as u64);
        }
    }

    fn finish(mut self) {
        if let Some((_, pb)) = self.current.take() {
            pb.finish();
        }
    }
}

fn execute(
    study: &Study,
    read: &mut fiscus_study::Reader<'_>,
    quiet: bool,
) -> Result<Vec<OutputFile>> {
    let evaluation = study.spec.study.kind == Kind::Evaluation;
    let stages: &'static [&'static str] = if evaluation {
        &EVALUATION_STAGES
    } else {
        &STAGES
    };
    let mut bars = StageBars::new(&study.file, stages, quiet);
    let mut on_progress = |p: Progress| bars.update(p);
    let files = if evaluation {
        run_evaluation(study, read, &mut on_progress).and_then(|r| evaluation_output_files(&r))
    } else {
        run_study(study, read, &mut on_progress).and_then(|r| output_files(&r))
    };
    bars.finish();
    Ok(files?)
}

fn write_outputs(files: &[OutputFile], dir: &Path) -> Result<usize> {
    for f in files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create directory {}", parent.display()))?;
        }
        common::write_atomic(&path, &f.bytes)?;
    }
    Ok(files.len())
}

/// Runs `fiscus run`.
pub fn run(a: RunArgs) -> Result<()> {
    let name = common::display_name(&a.study);
    let bytes = common::read_bytes(&a.study)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{name}: the study file is not valid UTF-8"))?;
    let study = Study::parse(&text, &name)?;
    let base = if a.study.as_os_str() == "-" {
        PathBuf::from(".")
    } else {
        a.study.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let mut read = |rel: &str| -> std::result::Result<Vec<u8>, String> {
        let p = base.join(rel);
        common::read_bytes(&p).map_err(|e| format!("{e:#}"))
    };
    let files = execute(&study, &mut read, a.quiet)?;
    let out = a.output.unwrap_or_else(|| {
        let stem = a
            .study
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("study");
        PathBuf::from(format!("{stem}-output"))
    });
    let n = write_outputs(&files, &out)?;
    eprintln!("{}: {n} files written to {}", name, out.display());
    eprintln!("  report: {}", out.join("report.html").display());
    Ok(())
}

/// Runs `fiscus demo`: every bundled example into its own subdirectory.
pub fn demo(a: DemoArgs) -> Result<()> {
    let mut index = Vec::new();
    for (dir, study_text, data) in EXAMPLES {
        let name = format!("examples/{dir}/study.toml");
        let study = Study::parse(study_text, &name)?;
        let mut read = |rel: &str| -> std::result::Result<Vec<u8>, String> {
            data.iter()
                .find(|(n, _)| *n == rel)
                .map(|(_, t)| t.as_bytes().to_vec())
                .ok_or_else(|| format!("`{rel}` is not bundled with the example"))
        };
        let files = execute(&study, &mut read, a.quiet)?;
        let out = a.output.join(dir);
        let n = write_outputs(&files, &out)?;
        eprintln!("{dir}: {n} files written to {}", out.display());
        eprintln!("  report: {}", out.join("report.html").display());
        index.push(fiscus_report::IndexEntry {
            title: study.spec.study.title.clone(),
            href: format!("{dir}/report.html"),
            summary: study
                .spec
                .study
                .description
                .clone()
                .unwrap_or_else(|| format!("examples/{dir}")),
        });
    }
    let page = fiscus_report::index_html("Fiscus demo: the bundled studies", &index);
    let path = a.output.join("index.html");
    common::write_atomic(&path, page.as_bytes())?;
    eprintln!("index of the reports: {}", path.display());
    Ok(())
}

/// Runs `fiscus init`.
pub fn init(a: InitArgs) -> Result<()> {
    let kind = match a.kind {
        InitKind::Qca => Kind::Configurational,
        InitKind::Evaluation => Kind::Evaluation,
    };
    let text = template(kind);
    if a.output.as_os_str() == "-" {
        return common::write_stdout(text.as_bytes());
    }
    if a.output.exists() && !a.force {
        return Err(anyhow!(
            "{} exists; use --force to overwrite it",
            a.output.display()
        ));
    }
    std::fs::write(&a.output, text)
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    eprintln!(
        "wrote {} (edit it, then: fiscus run {})",
        a.output.display(),
        a.output.display()
    );
    Ok(())
}
