//! Browser test of the reports: every `report.html` written by `fiscus demo` is opened in
//! headless Chromium (no sandbox, no network), must load without any console message, must
//! fetch no external resource, must show every figure as a laid-out, non-empty SVG, and must
//! render to a screenshot that is not blank.
//!
//! Layout, at 1280 px, at 390 px (a phone) and with the print style sheet at the text width
//! of A4 paper (the narrow pages are loaded in an iframe of their width, since a headless
//! window is never narrower than 500 px): the page never runs wider than that (on screen wide
//! tables scroll inside their box, in print they wrap; figures scale down), and in every figure each
//! `<text>`'s box (`getBBox()` mapped into the SVG's user units, so rotated labels count)
//! lies inside the viewBox and overlaps no other text of the same figure. The embedded CJK
//! font (`Fiscus CJK`, for the grades 优 良 中 差) loads in every page.
//!
//! Chromium is found at `$FISCUS_CHROMIUM`, `/usr/bin/chromium` or on `PATH`. `.ci/run`
//! installs Debian's chromium and sets `FISCUS_BROWSER_TEST=required`, so on CI a missing
//! browser fails the test; on a developer machine without Chromium the test says it was
//! skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Appended to a copy of the report: measures every figure after layout and writes the result
/// into the DOM, where `--dump-dom` shows it.
const PROBE: &str = r#"<script>
window.addEventListener('load', function () {
  // First load the embedded CJK font (the Ministry of Finance grades 优 良 中 差).
  document.fonts.load('16px "Fiscus CJK"', '优良中差').then(
    function (faces) { probe(faces.filter(function (f) { return f.status === 'loaded'; }).length); },
    function () { probe(0); });
});
function probe(cjk_faces) {
  // `#print`: lay the page out with its print style sheet (as on A4 paper).
  var print_rules = 0;
  if (location.hash === '#print') {
    Array.prototype.slice.call(document.styleSheets).forEach(function (sheet) {
      Array.prototype.slice.call(sheet.cssRules).forEach(function (rule) {
        if (rule.media && rule.media.mediaText === 'print') { rule.media.mediaText = 'all'; print_rules += 1; }
      });
    });
    // Collapsed blocks are opened so that their lines are measured too.
    Array.prototype.slice.call(document.querySelectorAll('details')).forEach(function (d) { d.open = true; });
  }
  // Text boxes in the SVG's user units.
  function boxOf(t, svg) {
    var b = t.getBBox();
    var m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
    var xs = [], ys = [];
    [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .forEach(function (p) {
        var q = svg.createSVGPoint(); q.x = p[0]; q.y = p[1]; q = q.matrixTransform(m);
        xs.push(q.x); ys.push(q.y);
      });
    return { x0: Math.min.apply(null, xs), y0: Math.min.apply(null, ys),
             x1: Math.max.apply(null, xs), y1: Math.max.apply(null, ys) };
  }
  var texts_checked = 0, text_problems = [];
  Array.prototype.slice.call(document.querySelectorAll('figure svg')).forEach(function (svg) {
    var fig = svg.closest('figure').id;
    var vb = svg.viewBox.baseVal;
    var texts = Array.prototype.slice.call(svg.querySelectorAll('text'))
      .filter(function (t) { return t.textContent.trim() !== ''; });
    var boxes = texts.map(function (t) { return boxOf(t, svg); });
    boxes.forEach(function (b, i) {
      texts_checked += 1;
      var s = texts[i].textContent.trim();
      if (b.x1 - b.x0 <= 0 || b.y1 - b.y0 <= 0)
        text_problems.push({ figure: fig, kind: 'not laid out', text: s });
      // Half a unit of tolerance for anti-aliasing.
      if (b.x0 < vb.x - 0.5 || b.y0 < vb.y - 0.5 || b.x1 > vb.x + vb.width + 0.5 || b.y1 > vb.y + vb.height + 0.5)
        text_problems.push({ figure: fig, kind: 'clipped', text: s, box: b,
                             viewBox: [vb.x, vb.y, vb.width, vb.height] });
      for (var j = 0; j < i; j++) {
        var c = boxes[j];
        var ox = Math.min(b.x1, c.x1) - Math.max(b.x0, c.x0);
        var oy = Math.min(b.y1, c.y1) - Math.max(b.y0, c.y0);
        // Boxes include the font's line gap: touching by up to a unit is no overlap.
        if (ox > 1 && oy > 1)
          text_problems.push({ figure: fig, kind: 'overlap', text: s,
                               other: texts[j].textContent.trim(), by: [ox, oy] });
      }
    });
  });
  var figs = Array.prototype.slice.call(document.querySelectorAll('figure'));
  var out = figs.map(function (f) {
    var s = f.querySelector('svg');
    var r = s ? s.getBoundingClientRect() : { width: 0, height: 0 };
    var marks = s ? s.querySelectorAll('path,rect,circle,ellipse,line,polyline,polygon,text').length : 0;
    var cap = f.querySelector('figcaption');
    return { id: f.id, svg: !!s, width: r.width, height: r.height, marks: marks,
             caption: cap ? cap.textContent.trim().length : 0 };
  });
  var broken = Array.prototype.slice.call(document.images)
    .filter(function (i) { return !(i.complete && i.naturalWidth > 0); })
    .map(function (i) { return i.src; });
  function overflowing(sel) {
    return Array.prototype.slice.call(document.querySelectorAll(sel))
      .filter(function (e) { return e.scrollWidth > e.clientWidth + 1; })
      .map(function (e) { return (e.querySelector('caption') || e).textContent.slice(0, 60); });
  }
  var widest = figs.reduce(function (m, f) {
    var s = f.querySelector('svg');
    return s ? Math.max(m, s.getBoundingClientRect().right) : m;
  }, 0);
  var res = { figures: out, broken_images: broken,
              resources: performance.getEntriesByType('resource').map(function (e) { return e.name; }),
              texts_checked: texts_checked, text_problems: text_problems,
              viewport_width: window.innerWidth,
              scroll_width: document.documentElement.scrollWidth,
              figure_right: widest,
              tables: document.querySelectorAll('.table-wrap > table').length,
              print_rules: print_rules,
              cjk_faces: cjk_faces,
              // Boxes whose content is wider than they are (scrolled or clipped).
              overflowing_tables: overflowing('.table-wrap'),
              overflowing_pre: overflowing('pre') };
  var pre = document.createElement('pre');
  pre.id = 'fiscus-browser-probe';
  pre.textContent = JSON.stringify(res);
  document.body.appendChild(pre);
  // In the narrow frame: hand the result to the page around it.
  if (window.parent !== window) window.parent.postMessage(pre.textContent, '*');
}
</script>"#;

/// A page showing `report-probe.html` in a frame `WIDTH` px wide (390: a phone; 688: the
/// text width of A4 paper with the print style sheet's margins) and writing what the probe
/// in the frame reports into its own DOM.
const FRAME: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe src="report-probe.html#HASH" style="width:WIDTHpx;height:2400px;border:0"></iframe>
<script>
window.addEventListener('message', function (e) {
  var pre = document.createElement('pre');
  pre.id = 'fiscus-browser-probe';
  pre.textContent = e.data;
  document.body.appendChild(pre);
});
</script>
</body></html>
"#;

/// The probe's result in a `--dump-dom` output.
fn probe_result(dom: &str, what: &str) -> serde_json::Value {
    let start = dom
        .find("<pre id=\"fiscus-browser-probe\">")
        .unwrap_or_else(|| panic!("{what}: the probe did not run"));
    let text = &dom[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</pre>").unwrap()];
    let text = text
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

/// The layout checks, at either width.
fn assert_layout(name: &str, width: f64, probe: &serde_json::Value) {
    assert_eq!(
        probe["viewport_width"].as_f64(),
        Some(width),
        "{name}: the page was laid out {width} px wide"
    );
    assert!(
        probe["texts_checked"].as_u64().unwrap() > 20,
        "{name}: no figure text measured: {probe}"
    );
    assert_eq!(
        probe["text_problems"],
        serde_json::json!([]),
        "{name} at {width} px: figure text clipped or overlapping"
    );
    assert!(
        probe["scroll_width"].as_f64().unwrap() <= width,
        "{name} at {width} px: the page scrolls sideways ({} px wide)",
        probe["scroll_width"]
    );
    assert!(
        probe["figure_right"].as_f64().unwrap() <= width,
        "{name} at {width} px: a figure runs past the page ({} px)",
        probe["figure_right"]
    );
    assert!(probe["tables"].as_u64().unwrap() > 0, "{name}: no tables");
    // One face from the page's style sheet, one more from each figure that uses it.
    assert!(
        probe["cjk_faces"].as_u64().unwrap() >= 1,
        "{name}: the embedded CJK font (优 良 中 差) did not load"
    );
    assert_eq!(
        probe["overflowing_pre"],
        serde_json::json!([]),
        "{name} at {width} px: preformatted lines are cut off (they must wrap)"
    );
}

const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--disable-dev-shm-usage",
    "--timeout=30000",
];

/// Longest a single Chromium run may take before the test kills it and fails.
const RUN_LIMIT: Duration = Duration::from_secs(120);

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("FISCUS_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let mut candidates = vec![PathBuf::from("/usr/bin/chromium")];
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                candidates.push(dir.join(name));
            }
        }
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Runs Chromium on `page` with `extra` flags; returns (stdout, stderr).
fn run_browser(browser: &Path, profile: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let mut child = Command::new(browser)
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    // Drain both pipes in threads (a full pipe would block Chromium) and enforce a deadline.
    let mut so = child.stdout.take().expect("stdout piped");
    let mut se = child.stderr.take().expect("stderr piped");
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut b).map(|_| b)
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut b).map(|_| b)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for chromium") {
            break st;
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish within {RUN_LIMIT:?} on {}",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = std::process::Output {
        status,
        stdout: t_out.join().expect("stdout reader").expect("read stdout"),
        stderr: t_err.join().expect("stderr reader").expect("read stderr"),
    };
    assert!(
        out.status.success(),
        "chromium failed on {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Share of pixels that differ from the top-left (background) pixel, and the number of
/// distinct colours.
fn screenshot_stats(png_path: &Path) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).expect("screenshot written"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let px = info.color_type.samples();
    let data = &buf[..info.buffer_size()];
    let bg = &data[..px];
    let mut differ = 0usize;
    let mut colours = std::collections::HashSet::new();
    let pixels = data.chunks(px);
    let total = pixels.len();
    for p in pixels {
        if p != bg {
            differ += 1;
        }
        if colours.len() < 10_000 {
            colours.insert(p.to_vec());
        }
    }
    (differ as f64 / total as f64, colours.len())
}

#[test]
fn reports_render_in_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var("FISCUS_BROWSER_TEST").as_deref() == Ok("required") {
            panic!("FISCUS_BROWSER_TEST=required but no chromium was found (set FISCUS_CHROMIUM)");
        }
        eprintln!("browser test skipped: chromium not found (install Debian's chromium or set FISCUS_CHROMIUM)");
        return;
    };
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_fiscus"))
        .args(["demo", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut reports = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path().join("report.html");
        if p.is_file() {
            reports.push(p);
        }
    }
    reports.sort();
    assert_eq!(reports.len(), 3, "the demo writes three reports");
    for (k, report) in reports.iter().enumerate() {
        let study = report.parent().unwrap();
        let name = study.file_name().unwrap().to_string_lossy().into_owned();
        let profile = dir.join(format!("profile-{k}"));
        // 1. The report itself: no console output at all, and a non-blank rendering.
        let shot = dir.join(format!("{name}.png"));
        let (_, stderr) = run_browser(
            &browser,
            &profile,
            report,
            &[
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1280,2400",
                &format!("--screenshot={}", shot.display()),
            ],
        );
        let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
        assert!(console.is_empty(), "{name}: console messages: {console:#?}");
        let (ink, colours) = screenshot_stats(&shot);
        assert!(
            ink > 0.02 && colours > 16,
            "{name}: the screenshot looks blank ({:.1}% ink, {colours} colours)",
            ink * 100.0
        );
        // 2. A copy with the probe: every figure laid out and drawn, nothing fetched.
        let html = std::fs::read_to_string(report).unwrap();
        let probed = study.join("report-probe.html");
        let body_end = html.rfind("</body>").expect("a </body> tag");
        std::fs::write(
            &probed,
            format!("{}{PROBE}{}", &html[..body_end], &html[body_end..]),
        )
        .unwrap();
        let (dom, _) = run_browser(
            &browser,
            &profile,
            &probed,
            &[
                "--window-size=1280,2400",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ],
        );
        let probe = probe_result(&dom, &name);
        assert_layout(&name, 1280.0, &probe);
        // 3. The same page 390 px wide, and laid out for print on A4 (210 mm less 2 × 14 mm
        // margins: 688 px at 96 px per inch): no line runs past the paper.
        for (what, width, hash) in [("narrow", 390.0, ""), ("print", 688.0, "print")] {
            let page = study.join(format!("report-{what}.html"));
            std::fs::write(
                &page,
                FRAME
                    .replace("WIDTH", &width.to_string())
                    .replace("HASH", hash),
            )
            .unwrap();
            let (dom, _) = run_browser(
                &browser,
                &profile,
                &page,
                &[
                    "--window-size=1280,2400",
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                ],
            );
            let probe = probe_result(&dom, &name);
            assert_layout(&format!("{name} ({what})"), width, &probe);
            if hash == "print" {
                assert_eq!(probe["print_rules"], 1, "{name}: one print style sheet");
                assert_eq!(
                    probe["overflowing_tables"],
                    serde_json::json!([]),
                    "{name}: tables cut off on paper"
                );
            }
        }
        let figures = probe["figures"].as_array().unwrap();
        let svg_files = std::fs::read_dir(study.join("figures"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "svg"))
            })
            .count();
        assert!(!figures.is_empty(), "{name}: no figures");
        assert_eq!(
            figures.len(),
            svg_files,
            "{name}: every figure in figures/ is in the report"
        );
        for f in figures {
            assert_eq!(f["svg"], true, "{name}: figure without svg: {f}");
            assert!(
                f["width"].as_f64().unwrap() > 50.0 && f["height"].as_f64().unwrap() > 50.0,
                "{name}: figure not laid out: {f}"
            );
            assert!(
                f["marks"].as_u64().unwrap() >= 3,
                "{name}: empty figure: {f}"
            );
            assert!(
                f["caption"].as_u64().unwrap() > 0,
                "{name}: figure without caption: {f}"
            );
        }
        assert_eq!(probe["broken_images"], serde_json::json!([]), "{name}");
        assert_eq!(
            probe["resources"],
            serde_json::json!([]),
            "{name}: the report must be self-contained"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
