//! The `fiscus` command line: argument parsing and orchestration only.

mod cmd;
mod common;
mod output_dir;
mod progress;

fn main() -> std::process::ExitCode {
    cmd::main()
}
