//! `cargo xtask tidy`: the rules of ARCHITECTURE.md, checked (as rust-analyzer's tidy tests).
//!
//! * layering: every workspace crate's `fiscus-*` dependencies (from `cargo metadata`) are among
//!   those the layering table in ARCHITECTURE.md allows, and every crate is in the table;
//! * library crates do no file access, environment or clock reads, printing, process control
//!   and build no thread pools (their `src/` is scanned, comments skipped);
//! * `missing_docs` is a workspace lint.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Context, Result};

/// The marker line above the layering table in ARCHITECTURE.md.
const MARKER: &str = "<!-- layering: checked by `cargo xtask tidy` -->";

/// What a library crate's source must not contain, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    ("std::fs", "file access"),
    ("std::env", "environment reads"),
    ("std::process", "process control"),
    ("println!", "printing"),
    ("eprintln!", "printing"),
    ("print!(", "printing"),
    ("eprint!(", "printing"),
    ("dbg!(", "printing"),
    ("ThreadPoolBuilder", "building a thread pool"),
    ("Instant::now", "clock reads"),
    ("SystemTime", "clock reads"),
];

/// The packages that are not libraries (the binary and this task runner).
const NOT_LIBRARIES: &[&str] = &["fiscus", "xtask"];

/// Parses the layering table: lines `crate: dep, dep` in the fenced block after [`MARKER`].
fn layering(architecture: &str) -> Result<BTreeMap<String, Vec<String>>> {
    let start = architecture
        .find(MARKER)
        .ok_or_else(|| anyhow!("ARCHITECTURE.md has no layering table (marker `{MARKER}`)"))?;
    let mut lines = architecture[start + MARKER.len()..].lines();
    let mut table = BTreeMap::new();
    let mut open = false;
    for line in lines.by_ref() {
        let l = line.trim();
        if l.starts_with("```") {
            if open {
                return Ok(table);
            }
            open = true;
            continue;
        }
        if !open || l.is_empty() {
            continue;
        }
        let (name, deps) = l
            .split_once(':')
            .ok_or_else(|| anyhow!("ARCHITECTURE.md layering table: `{l}` is not `crate: deps`"))?;
        let deps = deps
            .split(',')
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        table.insert(name.trim().to_string(), deps);
    }
    bail!("ARCHITECTURE.md layering table: the code block is not closed")
}

/// `(package, directory, fiscus-* normal dependencies)` from `cargo metadata`.
fn packages(root: &Path) -> Result<Vec<(String, PathBuf, Vec<String>)>> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .context("cannot run cargo metadata")?;
    if !out.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let mut list = Vec::new();
    for p in v["packages"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap_or_default().to_string();
        let manifest = PathBuf::from(p["manifest_path"].as_str().unwrap_or_default());
        let dir = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
        let deps = p["dependencies"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["kind"].is_null())
            .filter_map(|d| d["name"].as_str())
            .filter(|n| n.starts_with("fiscus"))
            .map(str::to_string)
            .collect();
        list.push((name, dir, deps));
    }
    Ok(list)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            rust_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    Ok(())
}

/// Runs every check; prints each problem and fails when there is one.
pub fn tidy(root: &Path) -> Result<()> {
    let mut problems = Vec::new();
    let arch = std::fs::read_to_string(root.join("ARCHITECTURE.md"))
        .context("cannot read ARCHITECTURE.md")?;
    let allowed = layering(&arch)?;
    let pkgs = packages(root)?;
    for (name, dir, deps) in &pkgs {
        if name == "xtask" {
            continue;
        }
        match allowed.get(name) {
            None => problems.push(format!(
                "{name}: not in the layering table of ARCHITECTURE.md"
            )),
            Some(ok) => {
                for d in deps.iter().filter(|d| !ok.contains(d)) {
                    problems.push(format!(
                        "{name} depends on {d}, which ARCHITECTURE.md's layering does not allow"
                    ));
                }
            }
        }
        if NOT_LIBRARIES.contains(&name.as_str()) {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files)?;
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f)?;
            for (i, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") || code.starts_with('*') {
                    continue;
                }
                for (pat, what) in FORBIDDEN {
                    if code.contains(pat) {
                        problems.push(format!(
                            "{}:{}: `{pat}` in a library crate ({what} belongs in the binary)",
                            f.strip_prefix(root).unwrap_or(&f).display(),
                            i + 1
                        ));
                    }
                }
            }
        }
    }
    for table_name in allowed.keys() {
        if !pkgs.iter().any(|(n, _, _)| n == table_name) {
            problems.push(format!(
                "ARCHITECTURE.md's layering names {table_name}, which is not a workspace crate"
            ));
        }
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    let lints = manifest
        .split("[workspace.lints.rust]")
        .nth(1)
        .map(|s| s.split("\n[").next().unwrap_or_default())
        .unwrap_or_default();
    if !lints.contains("missing_docs") {
        problems.push("Cargo.toml: `missing_docs` is not in [workspace.lints.rust]".into());
    }
    if problems.is_empty() {
        eprintln!(
            "tidy: {} crates, layering and library rules hold",
            pkgs.len()
        );
        Ok(())
    } else {
        for p in &problems {
            eprintln!("tidy: {p}");
        }
        bail!("tidy: {} problem(s)", problems.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layering_table_is_parsed() {
        let text = format!("# A\n{MARKER}\n```text\nfiscus-data:\nfiscus-qca: fiscus-data, fiscus-calibration\n```\n");
        let t = layering(&text).unwrap();
        assert_eq!(t["fiscus-data"], Vec::<String>::new());
        assert_eq!(t["fiscus-qca"], vec!["fiscus-data", "fiscus-calibration"]);
        assert!(layering("no table").is_err());
        assert!(layering(&format!("{MARKER}\n```\nfiscus-data\n```")).is_err());
    }

    #[test]
    fn the_workspace_is_tidy() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        tidy(&root).unwrap();
    }
}
