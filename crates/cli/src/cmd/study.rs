//! `fiscus run`, `fiscus demo` and `fiscus init`: whole studies from a study file.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use fiscus_study::{
    run_to_files, template, template_data, Kind, OutputFile, Progress, Reader, Study, StudyOutput,
};

use crate::progress::Bars;
use crate::{common, output_dir};

/// `fiscus run STUDY.toml [-o DIR]`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The study file (TOML; see docs/study-file.md).
    pub study: PathBuf,
    /// Output directory (default: `<study file stem>-output` in the current directory).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Write into an existing non-empty directory: the files of an earlier run (its
    /// `.fiscus-manifest.json`) that this run does not write are removed; no other file is
    /// touched.
    #[arg(long)]
    pub force: bool,
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
    /// Write into an existing non-empty directory (as `fiscus run --force`).
    #[arg(long)]
    pub force: bool,
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

/// `fiscus init --kind qca|evaluation [DIR | -o FILE]`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Kind of study.
    #[arg(long, value_enum, default_value = "qca")]
    pub kind: InitKind,
    /// Directory for `study.toml` and its small data files (created if missing; default: the
    /// current directory).
    #[arg(value_name = "DIR", conflicts_with = "output")]
    pub dir: Option<PathBuf>,
    /// Where to write the study file instead (its data files go beside it); `-` prints the study
    /// file alone on stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

/// Runs a study with progress bars.
fn execute(study: &Study, read: &mut Reader<'_>, quiet: bool) -> Result<StudyOutput> {
    let bars = Bars::new(&study.file, quiet);
    let stages = study.stages();
    let stage = |k: usize| stages.get(k).copied().unwrap_or("stage");
    let mut on_progress = |p: Progress| bars.update(stage(p.stage), p.done as u64, p.total as u64);
    let out = run_to_files(study, read, &mut on_progress);
    bars.finish();
    Ok(out?)
}

fn out_files(files: Vec<OutputFile>, prefix: &str) -> Vec<output_dir::OutFile> {
    files
        .into_iter()
        .map(|f| output_dir::OutFile {
            path: format!("{prefix}{}", f.path),
            bytes: f.bytes,
        })
        .collect()
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
    let done = execute(&study, &mut read, a.quiet)?;
    common::warn_all(&done.notes);
    let out = a.output.unwrap_or_else(|| {
        let stem = a
            .study
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("study");
        PathBuf::from(format!("{stem}-output"))
    });
    let files = out_files(done.files, "");
    let n = files.len();
    let option = format!("-o {}", out.display());
    common::warn_all(output_dir::write_dir(&out, &files, a.force, &option)?);
    eprintln!("{}: {n} files written to {}", name, out.display());
    eprintln!("  report: {}", out.join("report.html").display());
    Ok(())
}

/// Runs `fiscus demo`: every bundled example into its own subdirectory, and an index page.
pub fn demo(a: DemoArgs) -> Result<()> {
    let mut index = Vec::new();
    let mut files = Vec::new();
    let mut summary = Vec::new();
    for ex in fiscus_study::EXAMPLES {
        let study = Study::parse(ex.study, &ex.name())?;
        let done = execute(&study, &mut |rel: &str| ex.file(rel), a.quiet)?;
        common::warn_all(&done.notes);
        summary.push((ex.dir, done.files.len()));
        files.extend(out_files(done.files, &format!("{}/", ex.dir)));
        index.push(ex.index_entry(&study));
    }
    let page = fiscus_report::index_html("Fiscus demo: the bundled studies", &index);
    files.push(output_dir::OutFile {
        path: "index.html".into(),
        bytes: page.into_bytes(),
    });
    let option = format!("-o {}", a.output.display());
    common::warn_all(output_dir::write_dir(&a.output, &files, a.force, &option)?);
    for (dir, n) in summary {
        let out = a.output.join(dir);
        eprintln!("{dir}: {n} files written to {}", out.display());
        eprintln!("  report: {}", out.join("report.html").display());
    }
    eprintln!(
        "index of the reports: {}",
        a.output.join("index.html").display()
    );
    Ok(())
}

/// Runs `fiscus init`: the template study file and the data files it names, so that
/// `fiscus run` succeeds on it as written.
pub fn init(a: InitArgs) -> Result<()> {
    let kind = match a.kind {
        InitKind::Qca => Kind::Configurational,
        InitKind::Evaluation => Kind::Evaluation,
    };
    let text = template(kind);
    let (study, option) = match (&a.output, &a.dir) {
        (Some(o), _) if o.as_os_str() == "-" => return common::write_stdout(text.as_bytes()),
        (Some(o), _) => (o.clone(), format!("-o {}", o.display())),
        (None, Some(d)) => (d.join("study.toml"), d.display().to_string()),
        (None, None) => (PathBuf::from("study.toml"), "init".to_string()),
    };
    let dir = match study.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow!("{option}: cannot create directory {}: {e}", dir.display()))?;
    let mut files = vec![(study.clone(), text)];
    for (name, data) in template_data(kind) {
        files.push((study.with_file_name(name), *data));
    }
    // Check every file before writing any.
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() && !a.force {
        return Err(anyhow!(
            "{option}: {} {}; use --force to overwrite",
            existing.join(", "),
            if existing.len() == 1 {
                "exists"
            } else {
                "exist"
            }
        ));
    }
    for (path, _) in &files {
        common::check_target(path).map_err(|e| anyhow!("{option}: {e:#}"))?;
    }
    for (path, bytes) in &files {
        common::write_atomic(path, bytes.as_bytes()).map_err(|e| anyhow!("{option}: {e:#}"))?;
    }
    let names: Vec<String> = files[1..]
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    eprintln!(
        "wrote {} and its data {} (edit them, then: fiscus run {})",
        study.display(),
        names.join(", "),
        study.display()
    );
    Ok(())
}
