//! What every subcommand shares: reading data, choosing the output format, printing, errors.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::{Args, ValueEnum};
pub use fiscus_data::split_list;
use fiscus_data::Dataset;
use fiscus_io::ReadOptions;
use fiscus_report::table::{Digits, View};

/// Exit status 1: the analysis ran but a `--strict` check failed.
#[derive(Debug)]
pub struct StrictFailure(pub String);

impl std::fmt::Display for StrictFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StrictFailure {}

/// A `--strict` check (`on`): its failure, when there is one, becomes exit status 1.
pub fn strict(on: bool, shortfall: Option<String>) -> Result<()> {
    match shortfall {
        Some(msg) if on => Err(StrictFailure(msg).into()),
        _ => Ok(()),
    }
}

/// Output formats of the analysis commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// Human-readable tables.
    Table,
    /// One JSON document (schema_version 1).
    Json,
    /// Comma-separated values.
    Csv,
}

/// How to read the DATA file.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Column holding the case labels (default: `case`, else 1..N).
    #[arg(long, value_name = "COL")]
    pub id_column: Option<String>,
    /// Worksheet of an .xlsx file (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Decimal separator of a CSV file: `.` (default) or `,`.
    #[arg(long, value_name = "SEP", default_value = ".")]
    pub decimal: String,
    /// Field delimiter of a CSV file (default: sniffed from the header: comma, semicolon or tab).
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
}

impl Default for InputArgs {
    /// The defaults of the flags (for files named inside other files).
    fn default() -> Self {
        InputArgs {
            id_column: None,
            sheet: None,
            decimal: ".".into(),
            delimiter: None,
        }
    }
}

/// Where and how to print results.
#[derive(Debug, Clone, Args, Default)]
pub struct OutputArgs {
    /// Output format (default: table on a terminal, json otherwise).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    /// Write the output to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format asked for, or the default for where stdout goes.
    pub fn format(&self) -> OutFormat {
        self.format.unwrap_or_else(|| {
            if self.output.is_none() && std::io::stdout().is_terminal() {
                OutFormat::Table
            } else {
                OutFormat::Json
            }
        })
    }

    /// Prints a result: its JSON document (`schema_version` first, then the result's fields,
    /// serialised straight from the library type), or its view as terminal text (numbers
    /// rounded) or CSV (the view's data table, numbers exact). The view is built only when asked for.
    pub fn emit<T: serde::Serialize>(&self, doc: &T, view: impl Fn(Digits) -> View) -> Result<()> {
        let text = match self.format() {
            OutFormat::Json if self.output.is_none() => return stream_json_stdout(doc),
            OutFormat::Json => json_document(doc)?,
            OutFormat::Table => view(Digits::Rounded).text(),
            OutFormat::Csv => view(Digits::Exact).csv(),
        };
        self.write(text.as_bytes())
    }

    /// Writes bytes to the output file or stdout (a broken pipe is a quiet success). A file
    /// is written atomically and never over an input file or through a symbolic link; the
    /// error then names the option (`-o FILE: refusing to overwrite the input file FILE`).
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        match &self.output {
            Some(p) => write_atomic(p, bytes).with_context(|| format!("-o {}", p.display())),
            None => write_stdout(bytes),
        }
    }
}

/// What identifies a file this process has read: its canonical path and, on Unix, its device
/// and inode (which also catch a hard link or another spelling of the same file).
#[derive(Debug, Clone, PartialEq, Eq)]
struct InputId {
    path: PathBuf,
    dev_ino: Option<(u64, u64)>,
}

/// Every file read through [`read_bytes`] (the data files, study files and judgment files of
/// this process): output is never written over one of them.
static INPUTS: std::sync::Mutex<Vec<InputId>> = std::sync::Mutex::new(Vec::new());

#[cfg(unix)]
fn dev_ino(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dev_ino(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// Records `path` (opened as `meta`) as an input of this process.
fn register_input(path: &Path, meta: &std::fs::Metadata) {
    let id = InputId {
        path: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        dev_ino: dev_ino(meta),
    };
    let mut inputs = INPUTS.lock().unwrap_or_else(|p| p.into_inner());
    if !inputs.contains(&id) {
        inputs.push(id);
    }
}

/// The input file that writing `path` would overwrite, if any: the same canonical path (of the
/// file, or of its directory plus its name when it does not exist yet), or the same file by
/// device and inode.
pub fn input_at(path: &Path) -> Option<PathBuf> {
    let inputs = INPUTS.lock().unwrap_or_else(|p| p.into_inner());
    if inputs.is_empty() {
        return None;
    }
    let canonical = std::fs::canonicalize(path).ok().or_else(|| {
        let name = path.file_name()?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(dir).ok()?.join(name))
    });
    let id = std::fs::metadata(path).ok().and_then(|m| dev_ino(&m));
    inputs
        .iter()
        .find(|i| {
            canonical.as_deref() == Some(i.path.as_path()) || (id.is_some() && id == i.dev_ino)
        })
        .map(|i| i.path.clone())
}

/// Refuses to write `path` when it is a symbolic link or an input file of this process.
pub fn check_target(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(anyhow!(
            "{} is a symbolic link; refusing to write through it",
            path.display()
        ));
    }
    if input_at(path).is_some() {
        return Err(anyhow!(
            "refusing to overwrite the input file {}",
            path.display()
        ));
    }
    Ok(())
}

/// Writes a file atomically: the bytes go to a new temporary file in the same directory, which
/// is then renamed over `path`, so a reader never sees half a file and a failed write leaves the
/// old one intact. A symbolic link at `path` is refused (never written through), and so is a
/// file this process has read ([`read_bytes`]): output never replaces its own input.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    check_target(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    // `create_new` never opens an existing file, nor follows a symbolic link planted at the
    // temporary name.
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.tmp-{}-{attempt}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(anyhow!("cannot write {}: {e}", path.display())),
        }
    };
    if let Err(e) = file.write_all(bytes).and_then(|_| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow!("cannot write {}: {e}", path.display()));
    }
    drop(file);
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("cannot write {}: {e}", path.display())
    })
}

/// A relative path inside an output directory: only plain names (no `..`, no root, no `.`).
pub fn inner_path(rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    let plain = !rel.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    plain.then(|| p.to_path_buf())
}

/// `root/rel` after checking that no directory between `root` and the file is a symbolic link
/// (so nothing is written or removed outside `root`); with `create`, the missing directories
/// are made. `rel` must be an [`inner_path`].
pub fn path_under(root: &Path, rel: &Path, create: bool) -> Result<PathBuf> {
    let mut dir = root.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    for (k, c) in parts.iter().enumerate() {
        let std::path::Component::Normal(name) = c else {
            return Err(anyhow!("{}: not a plain relative path", rel.display()));
        };
        if k + 1 == parts.len() {
            return Ok(dir.join(name));
        }
        dir.push(name);
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(anyhow!(
                    "{} is a symbolic link; refusing to write through it",
                    dir.display()
                ))
            }
            Ok(m) if !m.is_dir() => {
                return Err(anyhow!("{} exists and is not a directory", dir.display()))
            }
            Ok(_) => {}
            Err(_) if create => std::fs::create_dir(&dir)
                .with_context(|| format!("cannot create directory {}", dir.display()))?,
            Err(_) => {}
        }
    }
    Err(anyhow!("empty relative path"))
}

/// Stdout, with a broken pipe treated as success.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// A result with `"schema_version": 1` as its first field.
#[derive(serde::Serialize)]
struct Versioned<'a, T> {
    schema_version: u32,
    #[serde(flatten)]
    doc: &'a T,
}

/// A JSON document with `"schema_version": 1` as its first field.
pub fn json_document<T: serde::Serialize>(doc: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(&Versioned {
        schema_version: 1,
        doc,
    })?;
    s.push('\n');
    Ok(s)
}

/// Writes the JSON document of `doc` to stdout as it is serialised (a large truth table is
/// never held twice in memory); a broken pipe is a quiet success.
fn stream_json_stdout<T: serde::Serialize>(doc: &T) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let versioned = Versioned {
        schema_version: 1,
        doc,
    };
    let written = serde_json::to_writer_pretty(&mut out, &versioned)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => Ok(r?),
    }
}

/// Reads a whole file, or stdin for `-`. Only regular files, pipes and stdin are read (a
/// device such as `/dev/zero` or a directory is refused), and never more than
/// [`fiscus_io::MAX_INPUT_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let cap = fiscus_io::MAX_INPUT_BYTES;
    let too_large = |bytes: u64| fiscus_io::IoError::TooLarge {
        source_name: display_name(path),
        bytes,
    };
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut buf)
            .context("cannot read stdin")?;
    } else {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let meta = file
            .metadata()
            .with_context(|| format!("cannot read {}", path.display()))?;
        #[cfg(unix)]
        let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
        #[cfg(not(unix))]
        let pipe = false;
        if !meta.is_file() && !pipe {
            return Err(anyhow!(
                "cannot read {}: not a regular file (a directory or a device)",
                path.display()
            ));
        }
        if meta.len() > cap {
            return Err(too_large(meta.len()).into());
        }
        register_input(path, &meta);
        file.take(cap + 1)
            .read_to_end(&mut buf)
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    if buf.len() as u64 > cap {
        return Err(too_large(buf.len() as u64).into());
    }
    Ok(buf)
}

/// The name a path has in error messages (`<stdin>` for `-`).
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// Reads a data file (CSV, TSV, XLSX or `-`) into a dataset.
pub fn load_dataset(path: &Path, input: &InputArgs) -> Result<Dataset> {
    load_labelled(path, input, &[])
}

/// Like [`load_dataset`]; without `--id-column`, the first column named (in any letter case)
/// in `ids` labels the cases (e.g. `expert`, `id` for a panel's ratings).
pub fn load_labelled(path: &Path, input: &InputArgs, ids: &[&str]) -> Result<Dataset> {
    let bytes = read_bytes(path)?;
    let opts = ReadOptions {
        sheet: input.sheet.clone(),
        id_column: input.id_column.clone(),
        id_candidates: ids.iter().map(|s| s.to_string()).collect(),
        ..ReadOptions::default()
    };
    let opts = opts.with_separators(&input.decimal, input.delimiter.as_deref())?;
    let name = display_name(path);
    // A bar for files that take a while to parse (about a second per 100 MB).
    let bars = crate::progress::Bars::new(&name, bytes.len() < READING_BAR_BYTES);
    let ds = fiscus_io::read_table_with_progress(&bytes, &name, &opts, &|done, total| {
        bars.update("reading", done, total)
    });
    bars.finish();
    Ok(ds?)
}

/// Inputs from this size on show a progress bar while they are parsed.
const READING_BAR_BYTES: usize = 16 << 20;

/// Prints a warning for people on stderr.
pub fn warn(msg: &str) {
    eprintln!("warning: {msg}");
}

/// Prints every message as a warning.
pub fn warn_all<S: AsRef<str>>(msgs: impl IntoIterator<Item = S>) {
    msgs.into_iter().for_each(|m| warn(m.as_ref()));
}
