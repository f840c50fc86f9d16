//! `cargo xtask bench` regenerates the criterion table of docs/performance.md from the results
//! under target/criterion, between two markers, with the machine and the command that measured
//! them.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

pub const BEGIN: &str = "<!-- cargo xtask bench: begin (generated, do not edit) -->";
pub const END: &str = "<!-- cargo xtask bench: end -->";

/// One criterion result: its id, median and 95 % interval in nanoseconds, and when it ran.
struct Case {
    id: String,
    median: f64,
    low: f64,
    high: f64,
    day: String,
}

/// Rewrites the generated section of `doc` with every result under `criterion`.
pub fn regenerate(criterion: &Path, doc: &Path, command: &str) -> Result<()> {
    let mut cases = Vec::new();
    collect(criterion, &mut cases)?;
    if cases.is_empty() {
        bail!("no criterion results under {}", criterion.display());
    }
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    let text = std::fs::read_to_string(doc).with_context(|| format!("{}", doc.display()))?;
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        bail!("{} has no `{BEGIN}` … `{END}` section", doc.display());
    };
    let mut section = format!("{BEGIN}\n");
    section += &format!(
        "Regenerated {} by `{command}` at git {} on {} cores, load average {} (1, 5, 15 min) when it \
         finished. Median and 95 % interval of criterion's estimate; \"measured\" is the day of each \
         case's latest run (a filtered run updates only its cases).\n\n",
        today(),
        git_rev(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average(),
    );
    section += "| case | median | 95 % interval | measured |\n|---|---|---|---|\n";
    for c in &cases {
        section += &format!(
            "| `{}` | {} | {} – {} | {} |\n",
            c.id,
            human(c.median),
            human(c.low),
            human(c.high),
            c.day
        );
    }
    let out = format!("{}{section}{}", &text[..b], &text[e..]);
    let tmp = doc.with_extension("md.tmp");
    std::fs::write(&tmp, out)?;
    std::fs::rename(&tmp, doc)?;
    eprintln!("{}: {} criterion results", doc.display(), cases.len());
    Ok(())
}

/// Every `new/estimates.json` below `dir` (criterion's latest run of each case).
fn collect(dir: &Path, cases: &mut Vec<Case>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if !path.is_dir() || path.file_name().is_some_and(|n| n == "report") {
            continue;
        }
        let estimates = path.join("new/estimates.json");
        let meta = path.join("new/benchmark.json");
        if estimates.is_file() && meta.is_file() {
            let est: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&estimates)?)?;
            let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&meta)?)?;
            let median = &est["median"];
            let num = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
            let modified = std::fs::metadata(&estimates)?.modified()?;
            cases.push(Case {
                id: meta["full_id"].as_str().unwrap_or_default().to_string(),
                median: num(&median["point_estimate"]),
                low: num(&median["confidence_interval"]["lower_bound"]),
                high: num(&median["confidence_interval"]["upper_bound"]),
                day: day_of(modified),
            });
        } else {
            collect(&path, cases)?;
        }
    }
    Ok(())
}

/// Nanoseconds in the unit that reads best.
fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn today() -> String {
    day_of(std::time::SystemTime::now())
}

/// The UTC day of a time, as YYYY-MM-DD (civil from days, H. Hinnant's algorithm).
fn day_of(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|| "unknown".into())
}

fn git_rev() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_units() {
        let t = |s: u64| std::time::UNIX_EPOCH + std::time::Duration::from_secs(s);
        assert_eq!(day_of(t(0)), "1970-01-01");
        assert_eq!(day_of(t(951_782_400)), "2000-02-29");
        assert_eq!(day_of(t(1_796_256_000)), "2026-12-03");
        assert_eq!(human(12_418_221.3), "12.42 ms");
        assert_eq!(human(1.5e9), "1.500 s");
    }

    #[test]
    fn the_section_is_rewritten_in_place() {
        let dir = std::env::temp_dir().join(format!("xtask-benchdoc-{}", std::process::id()));
        let case = dir.join("criterion/load/csv/new");
        std::fs::create_dir_all(&case).unwrap();
        std::fs::write(
            case.join("estimates.json"),
            r#"{"median":{"point_estimate":2.5e6,"confidence_interval":{"lower_bound":2.4e6,"upper_bound":2.6e6}}}"#,
        )
        .unwrap();
        std::fs::write(case.join("benchmark.json"), r#"{"full_id":"load/csv"}"#).unwrap();
        let doc = dir.join("perf.md");
        std::fs::write(&doc, format!("intro\n{BEGIN}\nold\n{END}\nrest\n")).unwrap();
        regenerate(&dir.join("criterion"), &doc, "cargo xtask bench").unwrap();
        let out = std::fs::read_to_string(&doc).unwrap();
        assert!(out.starts_with("intro\n"));
        assert!(out.ends_with(&format!("{END}\nrest\n")));
        assert!(
            out.contains("| `load/csv` | 2.50 ms | 2.40 ms – 2.60 ms |"),
            "{out}"
        );
        assert!(!out.contains("old"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
