//! Shell completions and man pages generated from the command-line definition (used by
//! `cargo xtask dist`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};

/// `fiscus completions SHELL`: prints the completion script for a shell.
#[derive(Debug, Args)]
pub struct CompletionsCmd {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Runs `fiscus completions`.
pub fn run_completions(a: CompletionsCmd) -> Result<()> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "fiscus", &mut out);
    crate::common::write_stdout(&out)
}

/// `fiscus man DIR`: writes a man page for fiscus and one per subcommand.
#[derive(Debug, Args)]
pub struct ManCmd {
    /// Output directory.
    dir: PathBuf,
}

/// Runs `fiscus man`.
pub fn run_man(a: ManCmd) -> Result<()> {
    std::fs::create_dir_all(&a.dir)
        .with_context(|| format!("cannot create {}", a.dir.display()))?;
    let cmd = super::Cli::command();
    let mut pages = vec![("fiscus".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands() {
        let name = format!("fiscus-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, c) in pages {
        let mut buf = Vec::new();
        clap_mangen::Man::new(c).render(&mut buf)?;
        let path = a.dir.join(format!("{name}.1"));
        crate::common::write_atomic(&path, &buf)?;
    }
    Ok(())
}
