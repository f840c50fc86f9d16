//! Helpers shared by the end-to-end CLI tests in `tests/*_cli.rs`: running the `fiscus`
//! binary, locating fixtures under `tests/fixtures/`, writing temporary input files, and
//! checking the exit status, JSON output, error messages and numbers against references.
//!
//! Each test crate includes this module with `mod common; use common::*;` and uses only
//! some of the helpers, hence the `dead_code` allowance.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The relative tolerance for matching reference values (engineering rule: 1e-9).
pub const TOL: f64 = 1e-9;

/// Runs the `fiscus` binary with `args` and an empty stdin.
pub fn fiscus(args: &[&str]) -> Output {
    fiscus_with_stdin(args, None)
}

/// Runs the `fiscus` binary with `args`, feeding `stdin` to it (an empty stdin if `None`).
pub fn fiscus_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fiscus runs");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes).expect("write stdin");
    }
    child.wait_with_output().expect("fiscus finishes")
}

/// The path of `rel` under `tests/fixtures/` (e.g. `fixture("ahp/drinks.csv")`).
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// [`fixture`] as a command-line argument.
pub fn fx(rel: &str) -> String {
    fixture(rel).display().to_string()
}

/// Reads and parses the JSON fixture `rel` under `tests/fixtures/`.
pub fn fixture_json(rel: &str) -> Value {
    let path = fixture(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The path `name` in this test binary's temporary directory (one per process), which exists.
pub fn tmp_path(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}-{}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// Writes `contents` to `name` in this test binary's temporary directory; returns its path.
/// Each call gets a directory of its own, so tests running in parallel threads never write
/// the same file while another reads it.
pub fn tmp_file(name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = tmp_path(&format!("f{n}"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, contents).expect("write temp file");
    p
}

/// [`tmp_file`] as a command-line argument.
pub fn tmp_arg(name: &str, contents: impl AsRef<[u8]>) -> String {
    tmp_file(name, contents).display().to_string()
}

/// The standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts that the run succeeded and returns the JSON document on stdout.
pub fn ok_json(o: &Output) -> Value {
    assert!(
        o.status.success(),
        "fiscus failed with exit status {:?}: {}",
        o.status.code(),
        stderr(o)
    );
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// Asserts that the run exited with status `code` and an `error: ` message; returns stderr.
pub fn fails(o: &Output, code: i32) -> String {
    let e = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}\nstderr: {e}",
        stdout(o)
    );
    assert!(e.starts_with("error: "), "{e}");
    e
}

/// [`fails`], and asserts that the message contains `needle`; returns stderr.
pub fn fails_with(o: &Output, code: i32, needle: &str) -> String {
    let e = fails(o, code);
    assert!(e.contains(needle), "stderr `{e}` lacks `{needle}`");
    e
}

/// The number in `v`; panics if `v` is not a number.
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Asserts `|got - want| <= tol * max(|want|, 1)`, naming `what` on failure.
pub fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol * want.abs().max(1.0),
        "{what}: got {got}, reference {want}"
    );
}

/// [`close`] for two JSON numbers.
pub fn close_value(what: &str, got: &Value, want: &Value, tol: f64) {
    close(what, num(got), num(want), tol);
}
