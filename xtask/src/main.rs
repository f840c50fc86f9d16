//! Project automation: `cargo xtask ci`, `cargo xtask bench`.

use std::process::Command;

use anyhow::{bail, Context, Result};

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
        Some("ci") => {
            cargo(&["fmt", "--all", "--check"])?;
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ])?;
            cargo(&["test", "--workspace"])?;
            Ok(())
        }
        Some("bench") => {
            let mut a = vec!["bench", "--workspace"];
            a.extend(args[1..].iter().map(String::as_str));
            cargo(&a)
        }
        _ => {
            eprintln!("usage: cargo xtask <ci|bench [criterion args]>");
            eprintln!("  ci     cargo fmt --check, clippy -D warnings, cargo test --workspace");
            eprintln!("  bench  the criterion benchmarks (results under target/criterion)");
            bail!("unknown or missing task")
        }
    }
}
