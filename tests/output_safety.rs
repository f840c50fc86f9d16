//! End-to-end tests of the output-safety rules (issue 14, item 4) and of `fiscus init`'s
//! runnable templates (item 5), one test per rule, through the binary:
//!
//! * `-o FILE` and output directories never overwrite an input file of the run;
//! * nothing is written through a symbolic link below the output directory;
//! * an existing non-empty output directory needs `--force`; then the files of the earlier run
//!   (its manifest) that this run does not write are removed, never the user's files, and a
//!   manifest entry that leaves the directory is ignored with a warning;
//! * table and figure file names are unique even for conditions `A` and `a`;
//! * a rerun gives byte-identical files, `tables.xlsx` included;
//! * cases dropped for missing values are reported on the terminal as well as in the report;
//! * `fiscus init --kind qca|evaluation` writes a template that runs as generated.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::*;

/// A fresh, empty directory in this test binary's temporary directory.
fn fresh(name: &str) -> PathBuf {
    let d = tmp_path(&format!("safety-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn run(study: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["run", s(study), "-q", "-o", s(out)];
    args.extend_from_slice(extra);
    fiscus(&args)
}

fn run_ok(study: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = run(study, out, extra);
    assert!(o.status.success(), "fiscus run: {}", stderr(&o));
    o
}

/// `fiscus init --kind KIND DIR`: the template and its data in `DIR`; returns DIR/study.toml.
fn init(kind: &str, dir: &Path) -> PathBuf {
    let o = fiscus(&["init", "--kind", kind, s(dir)]);
    assert!(o.status.success(), "fiscus init: {}", stderr(&o));
    dir.join("study.toml")
}

/// The (path, sha256) entries of the manifest in `dir`.
fn manifest(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join(".fiscus-manifest.json")).expect("manifest");
    let v: serde_json::Value = serde_json::from_str(&text).expect("manifest is JSON");
    assert_eq!(v["schema_version"], 1);
    v["files"]
        .as_array()
        .expect("files is an array")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every regular file under `dir`, relative, sorted (the manifest included).
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, d: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// `-o FILE` naming the command's own data file, by the same path, another spelling of it, or
/// a hard link to it: refused before anything is written, the data intact.
#[test]
fn o_file_never_overwrites_the_input_file() {
    let d = fresh("o-input");
    let data = d.join("LF.csv");
    std::fs::copy(fixture("qca/datasets/LF.csv"), &data).unwrap();
    let before = std::fs::read(&data).unwrap();
    let fit = |out: &str| {
        fiscus(&[
            "fit",
            s(&data),
            "DEV",
            "--outcome",
            "SURV",
            "--format",
            "json",
            "-o",
            out,
        ])
    };
    let e = fails_with(&fit(s(&data)), 2, "refusing to overwrite the input file");
    assert!(e.contains(&format!("-o {}", data.display())), "{e}");
    let other = d.join(".").join("sub").join("..").join("LF.csv");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    fails_with(&fit(s(&other)), 2, "refusing to overwrite the input file");
    #[cfg(unix)]
    {
        let hard = d.join("hard-link.csv");
        std::fs::hard_link(&data, &hard).unwrap();
        fails_with(&fit(s(&hard)), 2, "refusing to overwrite the input file");
    }
    assert_eq!(
        std::fs::read(&data).unwrap(),
        before,
        "the data file is untouched"
    );
    // another file is written as asked
    let ok = fit(s(&d.join("fit.json")));
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(std::fs::read_to_string(d.join("fit.json"))
        .unwrap()
        .contains("schema_version"));
}

/// A study whose data file lies in the output directory (an earlier run's memberships table)
/// is refused as a whole: nothing is written, the data intact.
#[test]
fn run_never_overwrites_its_data_file_in_the_output_directory() {
    let d = fresh("run-input");
    let study = init("qca", &d.join("study"));
    let out = d.join("out");
    run_ok(&study, &out, &[]);
    let data = out.join("tables").join("memberships.csv");
    let before = std::fs::read(&data).expect("the memberships table");
    let report_before = std::fs::read(out.join("report.md")).unwrap();
    // a second study analysing the calibrated memberships of the first
    let second = d.join("study").join("second.toml");
    std::fs::write(
        &second,
        "[study]\ntitle = \"Second\"\n[data]\nfile = \"../out/tables/memberships.csv\"\n\
         [outcome]\nname = \"Y\"\n[[condition]]\nname = \"A\"\n[[condition]]\nname = \"B\"\n",
    )
    .unwrap();
    let e = fails_with(
        &run(&second, &out, &["--force"]),
        2,
        "refusing to overwrite the input file",
    );
    assert!(
        e.contains("memberships.csv") && e.contains(&format!("-o {}", out.display())),
        "{e}"
    );
    assert_eq!(std::fs::read(&data).unwrap(), before);
    assert_eq!(
        std::fs::read(out.join("report.md")).unwrap(),
        report_before,
        "a refused run writes nothing"
    );
}

/// A symbolic link below the output directory, at a directory the run enters or at a file it
/// writes, is never written through: the run fails and the link's target is untouched.
#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symlink_below_the_output_directory() {
    let d = fresh("symlinks");
    let study = init("qca", &d.join("study"));
    let outside = d.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    // a directory the run creates is a link out of the output directory
    let out = d.join("out1");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("figures")).unwrap();
    let e = fails_with(&run(&study, &out, &["--force"]), 2, "symbolic link");
    assert!(e.contains("figures"), "{e}");
    assert!(files_under(&outside).is_empty(), "nothing written outside");
    assert!(
        !out.join("report.html").exists(),
        "a refused run writes nothing"
    );
    // a file the run writes is a link to a file outside
    let precious = outside.join("precious.html");
    std::fs::write(&precious, "keep me").unwrap();
    let out = d.join("out2");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&precious, out.join("report.html")).unwrap();
    fails_with(&run(&study, &out, &["--force"]), 2, "symbolic link");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    // fiscus demo: the same rule below its output directory
    let out = d.join("demo");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("lipset")).unwrap();
    fails_with(
        &fiscus(&["demo", "-q", "--force", "-o", s(&out)]),
        2,
        "symbolic link",
    );
    assert_eq!(files_under(&outside), vec!["precious.html".to_string()]);
}

/// An existing non-empty output directory needs `--force`; with it the user's files stay.
#[test]
fn a_non_empty_output_directory_needs_force() {
    let d = fresh("force");
    let study = init("qca", &d.join("study"));
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    let e = fails_with(&run(&study, &out, &[]), 2, "--force");
    assert!(e.contains("not empty"), "{e}");
    assert_eq!(files_under(&out), vec!["notes.txt".to_string()]);
    run_ok(&study, &out, &["--force"]);
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "my notes"
    );
    assert!(out.join("report.html").is_file());
    // a rerun into the directory it wrote needs --force too
    fails_with(&run(&study, &out, &[]), 2, "--force");
    // an empty or missing directory does not
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    run_ok(&study, &empty, &[]);
    run_ok(&study, &d.join("missing/deeper"), &[]);
    // the demo too
    let demo = d.join("demo");
    std::fs::create_dir_all(&demo).unwrap();
    std::fs::write(demo.join("notes.txt"), "mine").unwrap();
    fails_with(&fiscus(&["demo", "-q", "-o", s(&demo)]), 2, "--force");
    let o = fiscus(&["demo", "-q", "--force", "-o", s(&demo)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(demo.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(demo.join("index.html").is_file());
    assert!(demo.join("lipset/report.html").is_file());
}

/// The manifest lists every written file with its SHA-256; with `--force`, the files of the
/// earlier run that this run does not write are removed (unless changed since), the user's
/// files and entries leaving the directory are never touched.
#[test]
fn force_removes_only_the_earlier_runs_files() {
    let d = fresh("manifest");
    let study = init("qca", &d.join("study"));
    let out = d.join("out");
    run_ok(&study, &out, &[]);
    let first = manifest(&out);
    let mut listed: Vec<String> = first.iter().map(|(p, _)| p.clone()).collect();
    listed.push(".fiscus-manifest.json".into());
    listed.sort();
    assert_eq!(
        listed,
        files_under(&out),
        "the manifest lists every file written"
    );
    // the SHA-256 of each file, checked with coreutils' sha256sum (an independent reference)
    #[cfg(target_os = "linux")]
    for (p, sha) in &first {
        let o = std::process::Command::new("sha256sum")
            .arg(out.join(p))
            .output()
            .expect("sha256sum runs");
        let want = String::from_utf8_lossy(&o.stdout);
        assert_eq!(want.split_whitespace().next(), Some(sha.as_str()), "{p}");
    }
    for f in [
        "figures/robustness.svg",
        "tables/robustness-grid.csv",
        "tables/solution-complex-m1.csv",
    ] {
        assert!(out.join(f).is_file(), "{f} written by the first run");
    }
    // the user's files, one of them in a directory fiscus writes to
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("figures/my-sketch.svg"), "<svg/>").unwrap();
    // a file of the first run the user edited since
    std::fs::write(out.join("tables/robustness-grid.csv"), "edited\n").unwrap();
    // manifest entries that leave the directory
    let victim = d.join("victim.txt");
    std::fs::write(&victim, "outside").unwrap();
    let mut m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(".fiscus-manifest.json")).unwrap()).unwrap();
    let sha_victim = first[0].1.clone();
    m["files"].as_array_mut().unwrap().push(serde_json::json!({
        "path": "../victim.txt", "sha256": sha_victim
    }));
    m["files"].as_array_mut().unwrap().push(serde_json::json!({
        "path": s(&victim), "sha256": sha_victim
    }));
    std::fs::write(
        out.join(".fiscus-manifest.json"),
        serde_json::to_string_pretty(&m).unwrap(),
    )
    .unwrap();

    // the second run derives less: no robustness grid, only the parsimonious solution
    let text = std::fs::read_to_string(&study).unwrap();
    let cut = text
        .find("[robustness]")
        .expect("template has [robustness]");
    let text = text[..cut].replace(
        "solutions = [\"complex\", \"parsimonious\", \"intermediate\"]",
        "solutions = [\"parsimonious\"]",
    );
    std::fs::write(&study, text).unwrap();
    let o = run_ok(&study, &out, &["--force"]);
    let err = stderr(&o);
    assert!(
        err.contains("../victim.txt") && err.contains("ignored"),
        "{err}"
    );
    assert!(err.contains(&format!("`{}`", victim.display())), "{err}");
    assert!(
        err.contains("robustness-grid.csv") && err.contains("changed since"),
        "{err}"
    );

    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "outside");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(out.join("figures/my-sketch.svg").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("tables/robustness-grid.csv")).unwrap(),
        "edited\n"
    );
    assert!(
        !out.join("figures/robustness.svg").exists(),
        "stale figure removed"
    );
    assert!(
        !out.join("tables/solution-complex-m1.csv").exists(),
        "stale table removed"
    );
    let second = manifest(&out);
    assert!(second.len() < first.len());
    for (p, _) in &first {
        let kept = second.iter().any(|(q, _)| q == p) || p == "tables/robustness-grid.csv";
        assert_eq!(out.join(p).exists(), kept, "{p}");
    }
    let mut expected: Vec<String> = second.iter().map(|(p, _)| p.clone()).collect();
    expected.extend(
        [
            ".fiscus-manifest.json",
            "figures/my-sketch.svg",
            "notes.txt",
            "tables/robustness-grid.csv",
        ]
        .map(String::from),
    );
    expected.sort();
    assert_eq!(files_under(&out), expected);
}

/// Conditions `A` and `a` (and outcome `Y` with condition `y`) get figure and table names that
/// differ without regard to case, so a case-insensitive file system keeps every figure.
#[test]
fn figure_names_are_unique_without_regard_to_case() {
    let d = fresh("case");
    std::fs::write(
        d.join("d.csv"),
        "case,A,a,y,Y\nk1,1,9,2,2\nk2,9,1,8,8\nk3,8,7,9,9\nk4,2,3,1,1\nk5,6,8,9,7\nk6,7,2,3,4\n",
    )
    .unwrap();
    let anchors = "anchors = \"e=1, c=5, i=9\"\n";
    std::fs::write(
        d.join("s.toml"),
        format!(
            "[study]\ntitle = \"Case\"\n[data]\nfile = \"d.csv\"\n[outcome]\nname = \"Y\"\n{anchors}\
             [[condition]]\nname = \"A\"\n{anchors}[[condition]]\nname = \"a\"\n{anchors}\
             [[condition]]\nname = \"y\"\n{anchors}"
        ),
    )
    .unwrap();
    let out = d.join("out");
    run_ok(&d.join("s.toml"), &out, &[]);
    let files: Vec<String> = manifest(&out).into_iter().map(|(p, _)| p).collect();
    let mut folded: Vec<String> = files.iter().map(|p| p.to_lowercase()).collect();
    folded.sort();
    folded.dedup();
    assert_eq!(
        folded.len(),
        files.len(),
        "names equal without case: {files:?}"
    );
    let calibration: Vec<&String> = files
        .iter()
        .filter(|p| p.starts_with("figures/calibration-"))
        .collect();
    assert_eq!(calibration.len(), 4, "{calibration:?}");
    // one SVG per set, each a different drawing, each in the HTML under its own id
    let mut svgs: Vec<Vec<u8>> = calibration
        .iter()
        .map(|p| std::fs::read(out.join(p)).unwrap())
        .collect();
    svgs.sort();
    svgs.dedup();
    assert_eq!(svgs.len(), 4);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for p in &calibration {
        // the page inlines each figure's drawing once (figures are numbered, not named)
        let svg = std::fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(html.matches(svg.trim()).count(), 1, "{p}");
        assert!(md.contains(&format!("({p})")), "report.md links {p}");
    }
}

/// Two runs of the same study, more than a second apart, give byte-identical files, the
/// workbook included (its creation time is fixed).
#[test]
fn rerun_is_byte_identical_including_the_workbook() {
    let d = fresh("rerun");
    let study = init("qca", &d.join("study"));
    run_ok(&study, &d.join("a"), &[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    run_ok(&study, &d.join("b"), &[]);
    assert_eq!(files_under(&d.join("a")), files_under(&d.join("b")));
    for f in files_under(&d.join("a")) {
        let a = std::fs::read(d.join("a").join(&f)).unwrap();
        let b = std::fs::read(d.join("b").join(&f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
    assert!(d.join("a/tables.xlsx").is_file());
}

/// Cases left out for missing values are named, with the columns, on stderr and in the report;
/// so are the cases a membership of 0.5 keeps out of every truth-table row (on stderr).
#[test]
fn dropped_cases_are_reported_on_the_terminal_and_in_the_report() {
    let d = fresh("dropped");
    std::fs::write(
        d.join("d.csv"),
        "case,A,B,Y\nk1,1,9,2\nk2,9,NA,8\nk3,8,7,9\nk4,,3,1\nk5,6,8,9\nk6,7,2,3\nk7,5,8,9\n",
    )
    .unwrap();
    let anchors = "anchors = \"e=1, c=5, i=9\"\n";
    std::fs::write(
        d.join("s.toml"),
        format!(
            "[study]\ntitle = \"Dropped\"\n[data]\nfile = \"d.csv\"\n[outcome]\nname = \"Y\"\n{anchors}\
             [[condition]]\nname = \"A\"\n{anchors}[[condition]]\nname = \"B\"\n{anchors}"
        ),
    )
    .unwrap();
    let out = d.join("out");
    let o = run_ok(&d.join("s.toml"), &out, &[]);
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("left out"))
        .unwrap_or_else(|| panic!("no warning on stderr: {err}"));
    assert!(line.contains("2 case(s)"), "{line}");
    assert!(line.contains("`k2` (missing value in B)"), "{line}");
    assert!(line.contains("`k4` (missing value in A)"), "{line}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("k2 (missing value in B)") && md.contains("k4 (missing value in A)"));
    // k7 sits at the crossover of A (membership 0.5): in no truth-table row, said so too
    assert!(
        err.contains("1 case(s) in no truth-table row: `k7` (membership of exactly 0.5 in A)"),
        "{err}"
    );
    // no warning when no case is left out
    let o = run_ok(&init("qca", &d.join("clean")), &d.join("out-clean"), &[]);
    assert!(!stderr(&o).contains("left out"), "{}", stderr(&o));
}

/// `fiscus init` writes a template with its data that `fiscus run` accepts as generated, for
/// both kinds, using the newer study-file keys; it never overwrites without `--force`.
#[test]
fn init_templates_run_as_generated() {
    let d = fresh("init");
    let qca = init("qca", &d.join("qca"));
    assert!(d.join("qca/data.csv").is_file());
    let text = std::fs::read_to_string(&qca).unwrap();
    for key in [
        "[[group]]",
        "group = \"O\"",
        "[[path]]",
        "dir_exp",
        "[robustness]",
    ] {
        assert!(text.contains(key), "the QCA template shows {key}");
    }
    let o = run_ok(&qca, &d.join("qca-out"), &[]);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let r: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("qca-out/results.json")).unwrap()).unwrap();
    assert_eq!(r["data"]["cases"].as_array().unwrap().len(), 12);
    let md = std::fs::read_to_string(d.join("qca-out/report.md")).unwrap();
    assert!(md.contains("joint capacity") && md.contains("external push"));

    let ev = init("evaluation", &d.join("ev"));
    for f in ["round1.csv", "round2.csv", "survey.csv"] {
        assert!(d.join("ev").join(f).is_file(), "{f}");
    }
    let text = std::fs::read_to_string(&ev).unwrap();
    for key in [
        "[[ahp.panel]]",
        "alpha_min",
        "[delphi]",
        "[grades]",
        "indicator_names",
    ] {
        assert!(text.contains(key), "the evaluation template shows {key}");
    }
    run_ok(&ev, &d.join("ev-out"), &[]);
    let r: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("ev-out/results.json")).unwrap()).unwrap();
    assert_eq!(
        r["warnings"],
        serde_json::json!([]),
        "the template's data are reliable"
    );
    assert!(r["evaluation"]["composite"]["score"].as_f64().unwrap() > 1.0);

    // -o FILE puts the data beside the study file
    let o = fiscus(&[
        "init",
        "--kind",
        "evaluation",
        "-o",
        s(&d.join("other/my.toml")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("other/survey.csv").is_file());
    run_ok(&d.join("other/my.toml"), &d.join("other-out"), &[]);

    // an existing data file is not overwritten without --force, and nothing is written then
    std::fs::write(d.join("ev/survey.csv"), "mine\n").unwrap();
    std::fs::remove_file(d.join("ev/study.toml")).unwrap();
    let again = fiscus(&["init", "--kind", "evaluation", s(&d.join("ev"))]);
    let e = fails_with(&again, 2, "--force");
    assert!(e.contains("survey.csv"), "{e}");
    assert!(!d.join("ev/study.toml").exists());
    assert_eq!(
        std::fs::read_to_string(d.join("ev/survey.csv")).unwrap(),
        "mine\n"
    );
    let forced = fiscus(&["init", "--kind", "evaluation", "--force", s(&d.join("ev"))]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    run_ok(&ev, &d.join("ev-out2"), &[]);
}
