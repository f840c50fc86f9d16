//! Output directories of `fiscus run` and `fiscus demo`: the `--force` rule and the manifest.
//!
//! A run writes every file atomically (`common::write_atomic`), never through a symbolic link
//! below the output directory and never over one of its input files, and writes last a
//! manifest, `.fiscus-manifest.json`, listing the relative path and SHA-256 of every file it
//! wrote. An existing non-empty directory is written into only with `--force`; then the files
//! the previous run's manifest lists that this run does not write are removed when they are
//! unchanged since that run (same SHA-256). Files the manifest does not list (the user's) are
//! never touched; an entry that leaves the directory (`../x`, an absolute path) is ignored with
//! a warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use crate::common;

use fiscus_data::sha256_hex;
use fiscus_report::manifest::{Manifest, MANIFEST};

/// One file to write: its path relative to the output directory and its bytes.
pub struct OutFile {
    /// Relative path with `/` separators (`tables/necessity.csv`).
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Writes `files` into `dir` under the rules of this module; returns the warnings to print
/// (stale files kept because they changed, manifest entries ignored). `option` names the
/// directory in messages (`-o out`).
pub fn write_dir(dir: &Path, files: &[OutFile], force: bool, option: &str) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(anyhow!(
                "{option}: {} exists and is not a directory",
                dir.display()
            ))
        }
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir)
                .with_context(|| format!("{option}: cannot read directory {}", dir.display()))?;
            if entries.next().is_some() && !force {
                return Err(anyhow!(
                    "{option}: the directory {} exists and is not empty; use --force to write \
                     into it (files of an earlier fiscus run that this run does not write are \
                     then removed; no other file is touched)",
                    dir.display()
                ));
            }
        }
        Err(_) => std::fs::create_dir_all(dir)
            .with_context(|| format!("{option}: cannot create directory {}", dir.display()))?,
    }
    let previous = read_manifest(dir, &mut warnings);

    // Check every target before writing anything: a refused file leaves the directory as it was.
    let mut targets = Vec::with_capacity(files.len());
    for f in files {
        let rel = common::inner_path(&f.path).ok_or_else(|| {
            anyhow!(
                "{option}: output file name `{}` is not a plain relative path",
                f.path
            )
        })?;
        let target = common::path_under(dir, &rel, false).with_context(|| option.to_string())?;
        common::check_target(&target).with_context(|| option.to_string())?;
        targets.push(rel);
    }
    common::check_target(&dir.join(MANIFEST)).with_context(|| option.to_string())?;
    for (f, rel) in files.iter().zip(&targets) {
        let target = common::path_under(dir, rel, true).with_context(|| option.to_string())?;
        common::write_atomic(&target, &f.bytes).with_context(|| option.to_string())?;
    }

    let written: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for (path, sha) in previous {
        if written.contains(path.as_str()) {
            continue;
        }
        remove_stale(dir, &path, &sha, &mut warnings);
    }

    let list: Vec<(&str, &[u8])> = files
        .iter()
        .map(|f| (f.path.as_str(), &f.bytes[..]))
        .collect();
    let manifest = Manifest::of(&list).to_json();
    common::write_atomic(&dir.join(MANIFEST), manifest.as_bytes())
        .with_context(|| option.to_string())?;
    Ok(warnings)
}

/// The (path, sha256) entries of the manifest in `dir`; none when there is no manifest. An
/// unreadable manifest or an entry that escapes the directory becomes a warning.
fn read_manifest(dir: &Path, warnings: &mut Vec<String>) -> Vec<(String, String)> {
    let path = dir.join(MANIFEST);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Vec::new();
    };
    if !meta.is_file() {
        warnings.push(format!(
            "{} is not a regular file; it is ignored and no earlier output is removed",
            path.display()
        ));
        return Vec::new();
    }
    let Some(m) = std::fs::read(&path)
        .ok()
        .and_then(|b| Manifest::from_json(&b))
    else {
        warnings.push(format!(
            "{} is not a fiscus manifest; it is ignored and no earlier output is removed",
            path.display()
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for f in m.files {
        if common::inner_path(&f.path).is_none() || f.path == MANIFEST {
            warnings.push(format!(
                "{}: entry `{}` is not a file inside the output directory; ignored",
                path.display(),
                f.path
            ));
            continue;
        }
        out.push((f.path, f.sha256));
    }
    out
}

/// Removes `dir/rel`, a file of the previous run this run did not write, if it is unchanged
/// since that run; then its directories up to `dir` if they became empty.
fn remove_stale(dir: &Path, rel: &str, sha: &str, warnings: &mut Vec<String>) {
    let Some(rel) = common::inner_path(rel) else {
        return;
    };
    let target = match common::path_under(dir, &rel, false) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(format!(
                "earlier output {}: {e:#}; left in place",
                rel.display()
            ));
            return;
        }
    };
    let Ok(meta) = std::fs::symlink_metadata(&target) else {
        return; // already gone
    };
    if !meta.is_file() || common::input_at(&target).is_some() {
        warnings.push(format!(
            "{} was listed by the earlier run but is not its plain output file now; left in place",
            target.display()
        ));
        return;
    }
    match std::fs::read(&target) {
        Ok(bytes) if sha256_hex(&bytes) == sha => {
            if let Err(e) = std::fs::remove_file(&target) {
                warnings.push(format!("cannot remove {}: {e}", target.display()));
                return;
            }
            let mut parent: Option<PathBuf> = target.parent().map(Path::to_path_buf);
            while let Some(p) = parent {
                if p == dir || !p.starts_with(dir) || std::fs::remove_dir(&p).is_err() {
                    break;
                }
                parent = p.parent().map(Path::to_path_buf);
            }
        }
        Ok(_) => warnings.push(format!(
            "{} was written by an earlier run and changed since; this run does not write it and \
             left it in place",
            target.display()
        )),
        Err(e) => warnings.push(format!(
            "cannot read {}: {e}; left in place",
            target.display()
        )),
    }
}
