//! The `fiscus` command line: argument parsing and orchestration only.

mod cmd;
mod common;

fn main() -> std::process::ExitCode {
    cmd::main()
}
