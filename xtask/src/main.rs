//! Project automation: `cargo xtask ci`, `cargo xtask bench`.

use std::process::Command;

use anyhow::{bail, Context, Result};

mod benchdoc;
mod tidy;

fn cargo(args: &[&str]) -> Result<()> {
    eprintln!("$ cargo {}", args.join(" "));
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .status()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("tidy") => tidy::tidy(&root()),
        Some("ci") => {
            let start = std::time::Instant::now();
            let mut steps = Vec::new();
            let mut step = |name: &str, run: &dyn Fn() -> Result<()>| -> Result<()> {
                let t = std::time::Instant::now();
                run()?;
                steps.push(format!("{name} {:.0} s", t.elapsed().as_secs_f64()));
                Ok(())
            };
            step("fmt", &|| cargo(&["fmt", "--all", "--check"]))?;
            step("tidy", &|| tidy::tidy(&root()))?;
            step("clippy", &|| {
                cargo(&[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
            })?;
            step("test", &|| cargo(&["test", "--workspace"]))?;
            eprintln!(
                "ci: ok in {:.0} s ({})",
                start.elapsed().as_secs_f64(),
                steps.join(", ")
            );
            Ok(())
        }
        Some("dist") => dist(),
        Some("bench") => {
            // Only the criterion targets (`--bench "*"`; `--benches` also runs the binary's
            // libtest harness, which rejects criterion's options). `cargo xtask bench --quick`
            // is criterion's quick mode; a filter selects cases (`... --quick truth_table/`).
            // Then the criterion table of docs/performance.md is regenerated from the results.
            let mut a = vec!["bench", "--workspace", "--bench", "*", "--"];
            a.extend(args[1..].iter().map(String::as_str));
            cargo(&a)?;
            let command = std::iter::once("cargo xtask bench")
                .chain(args[1..].iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            benchdoc::regenerate(
                &root().join("target/criterion"),
                &root().join("docs/performance.md"),
                &command,
            )
        }
        _ => {
            eprintln!("usage: cargo xtask <ci|bench [--quick] [criterion args]|dist>");
            eprintln!("  dist   man pages and shell completions into target/dist/");
            eprintln!(
                "  ci     cargo fmt --check, tidy, clippy -D warnings, cargo test --workspace"
            );
            eprintln!("  tidy   layering (ARCHITECTURE.md) and library-crate rules");
            eprintln!(
                "  bench  the criterion benchmarks (results under target/criterion; --quick: a few samples each), then their table in docs/performance.md"
            );
            bail!("unknown or missing task")
        }
    }
}

/// The workspace root.
fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Builds the binary and writes man pages (target/dist/man/) and shell completions
/// (target/dist/completions/).
fn dist() -> Result<()> {
    cargo(&["build", "--release", "--bin", "fiscus"])?;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bin = root.join("target/release/fiscus");
    let out = root.join("target/dist");
    let man = out.join("man");
    let comp = out.join("completions");
    std::fs::create_dir_all(&comp)?;
    let status = Command::new(&bin).arg("man").arg(&man).status()?;
    if !status.success() {
        bail!("fiscus man failed ({status})");
    }
    for (shell, file) in [
        ("bash", "fiscus.bash"),
        ("zsh", "_fiscus"),
        ("fish", "fiscus.fish"),
        ("powershell", "_fiscus.ps1"),
        ("elvish", "fiscus.elv"),
    ] {
        let o = Command::new(&bin).args(["completions", shell]).output()?;
        if !o.status.success() {
            bail!("fiscus completions {shell} failed");
        }
        std::fs::write(comp.join(file), o.stdout)?;
    }
    eprintln!(
        "man pages in {}, completions in {}",
        man.display(),
        comp.display()
    );
    Ok(())
}
