//! SVG figures: XY plots, calibration curves, configuration charts, bar charts, Delphi rounds
//! and grade scales.
//!
//! Every function takes plain data and returns one standalone `<svg>` element (valid both as
//! an `.svg` file and inline in HTML). Case labels are in `<title>` elements, so a browser
//! shows them on hover.

use std::fmt::Write as _;

use crate::{cjk_font_face, escape, num, ReportError, CJK_FONT_CHARS, FONTS};

fn svg_open(w: f64, h: f64, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{FONTS}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        escape(label)
    )
}

/// Closes a figure: when its text uses a character of the embedded CJK font, the font goes
/// into the SVG (so that the figure file alone renders it too).
fn finish(mut o: String) -> String {
    o.push_str("</svg>\n");
    if o.contains(|c| CJK_FONT_CHARS.contains(c)) {
        if let Some(end) = o.find('>') {
            o.insert_str(end + 1, &format!("\n<style>{}</style>", cjk_font_face()));
        }
    }
    o
}

/// An upper estimate of the width of `s` in a sans-serif font of `size` px (DejaVu Sans, the
/// widest common fallback, metrics), used to lay text out so that it neither overflows the
/// figure nor runs into other text.
///
/// ```
/// let w = fiscus_report::svg::text_width("Consistency", 12.0);
/// assert!(w > 60.0 && w < 90.0);
/// assert!(fiscus_report::svg::text_width("优良中差", 12.0) >= 48.0);
/// ```
pub fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.33,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '·' => 0.42,
            'm' | 'w' | 'M' | 'W' => 0.92,
            '0'..='9' => 0.64,
            'A'..='Z' => 0.74,
            'a'..='z' => 0.62,
            c if c.is_ascii() => 0.7,
            // CJK and other full-width characters.
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF00}'..='\u{FF60}' => 1.0,
            _ => 0.8,
        })
        .sum();
    em * size
}

/// Splits `items` into lines no wider than `width` at `size` px, joined by `sep`.
fn wrap_items(items: &[String], sep: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for it in items {
        let candidate = if cur.is_empty() {
            it.clone()
        } else {
            format!("{cur}{sep}{it}")
        };
        if !cur.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::take(&mut cur));
            cur = it.clone();
        } else {
            cur = candidate;
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// One labelled point.
///
/// ```
/// let p = fiscus_report::svg::Point { label: "AT".into(), x: 0.2, y: 0.9 };
/// assert_eq!(p.label, "AT");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Case label (shown on hover).
    pub label: String,
    /// X coordinate.
    pub x: f64,
    /// Y coordinate.
    pub y: f64,
}

/// An XY plot of set memberships in the unit square.
///
/// ```
/// use fiscus_report::svg::{xy_plot, Point, XyPlot};
/// let svg = xy_plot(&XyPlot {
///     id: "xy".into(), x_label: "A*B".into(), y_label: "Y".into(),
///     points: vec![Point { label: "c1".into(), x: 0.2, y: 0.7 }],
///     corner: vec!["Cons. 0.912".into(), "Cov. 0.645".into()],
/// }).unwrap();
/// assert!(svg.contains("<title>c1 (0.200, 0.700)</title>"));
/// assert!(svg.contains("Cons. 0.912"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct XyPlot {
    /// Figure id (used in error messages).
    pub id: String,
    /// X axis label (the path or condition).
    pub x_label: String,
    /// Y axis label (the outcome).
    pub y_label: String,
    /// The cases.
    pub points: Vec<Point>,
    /// Lines of text for the upper-left corner (consistency, coverage).
    pub corner: Vec<String>,
}

fn check_unit(id: &str, p: &[Point]) -> Result<(), ReportError> {
    if let Some(q) = p
        .iter()
        .find(|q| !(0.0..=1.0).contains(&q.x) || !(0.0..=1.0).contains(&q.y))
    {
        return Err(ReportError::BadFigure {
            figure: id.into(),
            reason: format!(
                "case `{}` lies outside the unit square ({}, {})",
                q.label, q.x, q.y
            ),
        });
    }
    Ok(())
}

/// Draws an XY plot: the points, the diagonal, the 0.5 lines and the corner text.
///
/// ```
/// use fiscus_report::svg::{xy_plot, Point, XyPlot};
/// let bad = XyPlot { id: "b".into(), x_label: "X".into(), y_label: "Y".into(),
///     points: vec![Point { label: "c".into(), x: 1.5, y: 0.0 }], corner: vec![] };
/// assert!(xy_plot(&bad).unwrap_err().to_string().contains("case `c`"));
/// ```
pub fn xy_plot(p: &XyPlot) -> Result<String, ReportError> {
    check_unit(&p.id, &p.points)?;
    let (w, l, t, s) = (420.0, 60.0, 20.0, 330.0);
    // A long term is broken after its `*`s into lines that fit under the plot.
    let parts: Vec<String> = p.x_label.split('*').map(String::from).collect();
    let x_lines = wrap_items(&parts, "*", 13.0, w - 20.0);
    let h = 400.0 + 16.0 * x_lines.len() as f64;
    let px = |x: f64| l + x * s;
    let py = |y: f64| t + (1.0 - y) * s;
    let mut o = String::new();
    o.push_str(&svg_open(w, h, &format!("XY plot of {}", p.x_label)));
    o.push('\n');
    let _ = writeln!(
        o,
        "<rect x=\"{l}\" y=\"{t}\" width=\"{s}\" height=\"{s}\" fill=\"#fff\" stroke=\"#333\"/>"
    );
    for k in 0..=4 {
        let v = f64::from(k) / 4.0;
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            px(v), t + s + 18.0, num(v, 2), l - 6.0, py(v) + 4.0, num(v, 2)
        );
    }
    let _ = writeln!(
        o,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888\"/>",
        px(0.0),
        py(0.0),
        px(1.0),
        py(1.0)
    );
    let _ = writeln!(
        o,
        "<line x1=\"{}\" y1=\"{t}\" x2=\"{}\" y2=\"{}\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/><line x1=\"{l}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>",
        px(0.5), px(0.5), t + s, py(0.5), l + s, py(0.5)
    );
    for q in &p.points {
        let _ = writeln!(
            o,
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"4.5\" fill=\"#1f6fb2\" fill-opacity=\"0.75\" stroke=\"#0b3d66\"><title>{} ({}, {})</title></circle>",
            px(q.x), py(q.y), escape(&q.label), num(q.x, 3), num(q.y, 3)
        );
    }
    for (k, line) in p.corner.iter().enumerate() {
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            l + 8.0,
            t + 16.0 + 15.0 * k as f64,
            escape(line)
        );
    }
    for (k, line) in x_lines.iter().enumerate() {
        // Centred under the plot unless that would run off the figure.
        let half = text_width(line, 13.0) / 2.0;
        let cx = (l + s / 2.0).clamp(half + 4.0, (w - half - 4.0).max(half + 4.0));
        let _ = writeln!(
            o,
            "<text x=\"{cx:.1}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{}</text>",
            t + s + 38.0 + 16.0 * k as f64,
            escape(line)
        );
    }
    let _ = writeln!(
        o,
        "<text x=\"16\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 16 {})\">{}</text>",
        t + s / 2.0,
        t + s / 2.0,
        escape(&p.y_label)
    );
    Ok(finish(o))
}

/// A calibration curve: raw value → membership, with the cases and the anchors.
///
/// ```
/// use fiscus_report::svg::{calibration_curve, CalibrationCurve, Point};
/// let svg = calibration_curve(&CalibrationCurve {
///     id: "cal".into(), name: "DEV".into(), raw_label: "GDP".into(),
///     curve: vec![(0.0, 0.05), (1.0, 0.95)],
///     cases: vec![Point { label: "a".into(), x: 0.5, y: 0.5 }],
///     anchors: vec![("c".into(), 0.5)],
/// }).unwrap();
/// assert!(svg.contains("<polyline"));
/// assert!(svg.contains(">c = 0.5<"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationCurve {
    /// Figure id.
    pub id: String,
    /// The set's name.
    pub name: String,
    /// The raw column's name.
    pub raw_label: String,
    /// The membership function sampled on a grid: (raw, membership).
    pub curve: Vec<(f64, f64)>,
    /// The cases: x = raw value, y = membership.
    pub cases: Vec<Point>,
    /// Anchors: (name, raw value).
    pub anchors: Vec<(String, f64)>,
}

/// Draws a calibration curve.
///
/// ```
/// use fiscus_report::svg::{calibration_curve, CalibrationCurve};
/// let empty = CalibrationCurve { id: "e".into(), name: "X".into(), raw_label: "x".into(),
///     curve: vec![], cases: vec![], anchors: vec![] };
/// assert!(calibration_curve(&empty).is_err());
/// ```
pub fn calibration_curve(c: &CalibrationCurve) -> Result<String, ReportError> {
    let xs: Vec<f64> = c
        .curve
        .iter()
        .map(|p| p.0)
        .chain(c.cases.iter().map(|p| p.x))
        .chain(c.anchors.iter().map(|a| a.1))
        .filter(|v| v.is_finite())
        .collect();
    if c.curve.len() < 2 || xs.is_empty() {
        return Err(ReportError::BadFigure {
            figure: c.id.clone(),
            reason: "a calibration curve needs at least two points".into(),
        });
    }
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if hi <= lo {
        hi = lo + 1.0;
    }
    let (w, h, l, t, sw, sh) = (460.0, 300.0, 55.0, 20.0, 380.0, 220.0);
    let px = |x: f64| l + (x - lo) / (hi - lo) * sw;
    let py = |y: f64| t + (1.0 - y.clamp(0.0, 1.0)) * sh;
    let mut o = String::new();
    o.push_str(&svg_open(w, h, &format!("calibration of {}", c.name)));
    o.push('\n');
    let _ = writeln!(
        o,
        "<rect x=\"{l}\" y=\"{t}\" width=\"{sw}\" height=\"{sh}\" fill=\"#fff\" stroke=\"#333\"/>"
    );
    for k in 0..=4 {
        let v = f64::from(k) / 4.0;
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            l - 5.0,
            py(v) + 4.0,
            num(v, 2)
        );
        let rv = lo + v * (hi - lo);
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            px(rv),
            t + sh + 18.0,
            short(rv)
        );
    }
    let _ = writeln!(
        o,
        "<line x1=\"{l}\" y1=\"{:.1}\" x2=\"{}\" y2=\"{:.1}\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>",
        py(0.5),
        l + sw,
        py(0.5)
    );
    // Anchor labels: beside their line (to the left near the right edge), one row lower
    // whenever a label would run into one already placed.
    let mut placed: Vec<(f64, f64, usize)> = Vec::new();
    for (name, v) in &c.anchors {
        let label = format!("{name} = {v}");
        let lw = text_width(&label, 10.0);
        let x = px(*v);
        let (x0, lx, anchor) = if x + 3.0 + lw > w - 2.0 {
            (x - 3.0 - lw, x - 3.0, "end")
        } else {
            (x + 3.0, x + 3.0, "start")
        };
        let row = (0..)
            .find(|r| {
                !placed
                    .iter()
                    .any(|&(a, b, pr)| pr == *r && x0 < b + 4.0 && a < x0 + lw + 4.0)
            })
            .unwrap_or(0);
        placed.push((x0, x0 + lw, row));
        let _ = writeln!(
            o,
            "<line x1=\"{x:.2}\" y1=\"{t}\" x2=\"{x:.2}\" y2=\"{}\" stroke=\"#c0392b\" stroke-dasharray=\"2 3\"/><text x=\"{:.2}\" y=\"{}\" font-size=\"10\" fill=\"#c0392b\" text-anchor=\"{anchor}\">{}</text>",
            t + sh,
            lx,
            t + 12.0 + 13.0 * row as f64,
            escape(&label),
        );
    }
    let pts: Vec<String> = c
        .curve
        .iter()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .map(|p| format!("{:.2},{:.2}", px(p.0), py(p.1)))
        .collect();
    let _ = writeln!(
        o,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f6fb2\" stroke-width=\"2\"/>",
        pts.join(" ")
    );
    for q in &c.cases {
        let _ = writeln!(
            o,
            "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"3.5\" fill=\"#e67e22\" stroke=\"#8a4b13\"><title>{} (raw {}, membership {})</title></circle>",
            px(q.x),
            py(q.y),
            escape(&q.label),
            short(q.x),
            num(q.y, 3)
        );
    }
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{} (raw) → {}</text>",
        l + sw / 2.0,
        t + sh + 38.0,
        escape(&c.raw_label),
        escape(&c.name)
    );
    Ok(finish(o))
}

/// An axis tick or scale edge: at most three decimals, trailing zeros dropped.
fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// A cell of a configuration chart (Ragin and Fiss notation).
///
/// ```
/// assert_eq!(fiscus_report::svg::ChartCell::CorePresent.symbol(), "●");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartCell {
    /// Core condition present (large filled circle).
    CorePresent,
    /// Peripheral condition present (small filled circle).
    PeripheralPresent,
    /// Core condition absent (large crossed circle).
    CoreAbsent,
    /// Peripheral condition absent (small crossed circle).
    PeripheralAbsent,
    /// Don't care (blank).
    DontCare,
}

impl ChartCell {
    /// The symbol used in text tables: ● • ⊗ ⊗ and blank.
    ///
    /// ```
    /// assert_eq!(fiscus_report::svg::ChartCell::DontCare.symbol(), "");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            ChartCell::CorePresent => "●",
            ChartCell::PeripheralPresent => "•",
            ChartCell::CoreAbsent => "⊗",
            ChartCell::PeripheralAbsent => "⊗ (p)",
            ChartCell::DontCare => "",
        }
    }
}

/// One path (column) of a configuration chart.
///
/// ```
/// let p = fiscus_report::svg::ChartPath { name: "1".into(), cells: vec![], fit: vec![] };
/// assert!(p.cells.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPath {
    /// Column heading; a second line (after `\n`) is drawn under it in a smaller font (e.g. the
    /// path's name).
    pub name: String,
    /// One cell per condition.
    pub cells: Vec<ChartCell>,
    /// Formatted fit values (consistency, raw coverage, unique coverage), in `ConfigChart::fit_labels` order.
    pub fit: Vec<String>,
}

/// A configuration chart: conditions by paths, with fit rows.
///
/// ```
/// use fiscus_report::svg::{configuration_chart, ChartCell, ChartPath, ConfigChart};
/// let svg = configuration_chart(&ConfigChart {
///     id: "chart".into(), conditions: vec!["A".into(), "B".into()],
///     paths: vec![ChartPath { name: "1".into(), cells: vec![ChartCell::CorePresent, ChartCell::PeripheralAbsent],
///                              fit: vec!["0.912".into()] }],
///     fit_labels: vec!["Consistency".into()],
///     footer: vec!["Solution consistency 0.912".into()],
/// }).unwrap();
/// assert!(svg.contains("<title>A: core, present</title>"));
/// let named = configuration_chart(&ConfigChart {
///     id: "chart".into(), conditions: vec!["A".into()],
///     paths: vec![ChartPath { name: "Path 1\ncitizen empowerment".into(),
///                              cells: vec![ChartCell::CorePresent], fit: vec![] }],
///     fit_labels: vec![], footer: vec![],
/// }).unwrap();
/// assert!(named.contains(">Path 1</text>") && named.contains(">citizen empowerment</text>"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigChart {
    /// Figure id.
    pub id: String,
    /// Condition names (rows).
    pub conditions: Vec<String>,
    /// The paths (columns).
    pub paths: Vec<ChartPath>,
    /// Labels of the fit rows.
    pub fit_labels: Vec<String>,
    /// Lines under the chart (solution consistency and coverage).
    pub footer: Vec<String>,
}

/// Draws a configuration chart.
///
/// ```
/// use fiscus_report::svg::{configuration_chart, ChartPath, ConfigChart};
/// let bad = ConfigChart { id: "c".into(), conditions: vec!["A".into()],
///     paths: vec![ChartPath { name: "1".into(), cells: vec![], fit: vec![] }], fit_labels: vec![], footer: vec![] };
/// assert!(configuration_chart(&bad).is_err());
/// ```
pub fn configuration_chart(c: &ConfigChart) -> Result<String, ReportError> {
    if let Some(p) = c.paths.iter().find(|p| p.cells.len() != c.conditions.len()) {
        return Err(ReportError::BadFigure {
            figure: c.id.clone(),
            reason: format!(
                "path `{}` has {} cells for {} conditions",
                p.name,
                p.cells.len(),
                c.conditions.len()
            ),
        });
    }
    // Columns widen for long headings (and fit values); the label column for long row
    // labels; a two-line heading moves the grid down.
    let widest = c
        .paths
        .iter()
        .flat_map(|p| {
            let mut l = p.name.lines();
            let first = l.next().map_or(0.0, |x| text_width(x, 13.0) * 1.08);
            let second = l.next().map_or(0.0, |x| text_width(x, 11.0));
            let fit = p
                .fit
                .iter()
                .map(|v| text_width(v, 12.0))
                .fold(0.0, f64::max);
            [first, second, fit]
        })
        .fold(0.0, f64::max);
    let cw = (widest + 16.0).max(80.0);
    let two_lines = c.paths.iter().any(|p| p.name.lines().count() > 1);
    let top = if two_lines { 54.0 } else { 40.0 };
    let lw = c
        .conditions
        .iter()
        .chain(&c.fit_labels)
        .map(|x| text_width(x, 12.0) + 16.0)
        .fold(150.0, f64::max);
    let rh = 26.0;
    let n_rows = c.conditions.len() + c.fit_labels.len();
    let footer_w = c
        .footer
        .iter()
        .map(|x| text_width(x, 12.0) + 12.0)
        .fold(0.0, f64::max);
    let w = (lw + cw * c.paths.len().max(1) as f64 + 10.0).max(footer_w);
    let legend = wrap_items(
        &[
            "● core present".to_string(),
            "• peripheral present".to_string(),
            "⊗ absent (large: core, small: peripheral)".to_string(),
            "blank: don't care".to_string(),
        ],
        " · ",
        10.0,
        w - 12.0,
    );
    let h = top
        + rh * n_rows as f64
        + 20.0
        + 18.0 * c.footer.len() as f64
        + 14.0 * legend.len() as f64
        + 12.0;
    let mut o = String::new();
    o.push_str(&svg_open(w, h, "configuration chart"));
    o.push('\n');
    for (k, p) in c.paths.iter().enumerate() {
        let mut lines = p.name.lines();
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"26\" font-size=\"13\" font-weight=\"600\" text-anchor=\"middle\">{}</text>",
            lw + cw * (k as f64 + 0.5),
            escape(lines.next().unwrap_or(""))
        );
        if let Some(second) = lines.next() {
            let _ = writeln!(
                o,
                "<text x=\"{:.1}\" y=\"42\" font-size=\"11\" font-style=\"italic\" text-anchor=\"middle\">{}</text>",
                lw + cw * (k as f64 + 0.5),
                escape(second)
            );
        }
    }
    for (r, name) in c.conditions.iter().enumerate() {
        let y = top + rh * r as f64;
        if r % 2 == 0 {
            let _ = writeln!(
                o,
                "<rect x=\"0\" y=\"{y}\" width=\"{w}\" height=\"{rh}\" fill=\"#f3f6f9\"/>"
            );
        }
        let _ = writeln!(
            o,
            "<text x=\"6\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            y + 17.0,
            escape(name)
        );
        for (k, p) in c.paths.iter().enumerate() {
            let (cx, cy) = (lw + cw * (k as f64 + 0.5), y + rh / 2.0);
            let (what, r, filled, crossed) = match p.cells[r] {
                ChartCell::CorePresent => ("core, present", 8.0, true, false),
                ChartCell::PeripheralPresent => ("peripheral, present", 4.5, true, false),
                ChartCell::CoreAbsent => ("core, absent", 8.0, false, true),
                ChartCell::PeripheralAbsent => ("peripheral, absent", 5.0, false, true),
                ChartCell::DontCare => continue,
            };
            let fill = if filled { "#222" } else { "#fff" };
            let _ = write!(
                o,
                "<g><title>{}: {what}</title><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{r}\" fill=\"{fill}\" stroke=\"#222\" stroke-width=\"1.4\"/>",
                escape(name)
            );
            if crossed {
                let d = r * 0.7;
                let _ = write!(
                    o,
                    "<path d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\" stroke=\"#222\" stroke-width=\"1.4\"/>",
                    cx - d, cy - d, cx + d, cy + d, cx - d, cy + d, cx + d, cy - d
                );
            }
            o.push_str("</g>\n");
        }
    }
    let y0 = top + rh * c.conditions.len() as f64;
    let _ = writeln!(
        o,
        "<line x1=\"0\" y1=\"{y0}\" x2=\"{w}\" y2=\"{y0}\" stroke=\"#333\"/>"
    );
    for (r, label) in c.fit_labels.iter().enumerate() {
        let y = y0 + rh * r as f64;
        let _ = writeln!(
            o,
            "<text x=\"6\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            y + 17.0,
            escape(label)
        );
        for (k, p) in c.paths.iter().enumerate() {
            if let Some(v) = p.fit.get(r) {
                let _ = writeln!(
                    o,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                    lw + cw * (k as f64 + 0.5),
                    y + 17.0,
                    escape(v)
                );
            }
        }
    }
    let y1 = y0 + rh * c.fit_labels.len() as f64 + 20.0;
    for (k, line) in c.footer.iter().enumerate() {
        let _ = writeln!(
            o,
            "<text x=\"6\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            y1 + 18.0 * k as f64,
            escape(line)
        );
    }
    let y2 = y1 + 18.0 * c.footer.len() as f64;
    for (k, line) in legend.iter().enumerate() {
        let _ = writeln!(
            o,
            "<text x=\"6\" y=\"{:.1}\" font-size=\"10\" fill=\"#555\">{}</text>",
            y2 + 14.0 * k as f64,
            escape(line)
        );
    }
    Ok(finish(o))
}

/// A horizontal bar chart of values in [0, 1] (e.g. path stability across a robustness grid).
///
/// ```
/// use fiscus_report::svg::{bar_chart, BarChart};
/// let svg = bar_chart(&BarChart { id: "b".into(), title: "Stability".into(),
///     bars: vec![("A*B".into(), 0.5)], decimals: 3 }).unwrap();
/// assert!(svg.contains("A*B") && svg.contains(">0.500<"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Figure id.
    pub id: String,
    /// Title above the bars.
    pub title: String,
    /// (label, value in [0, 1]).
    pub bars: Vec<(String, f64)>,
    /// Decimals of the value labels: those of the report's tables, so a value reads the same
    /// in the text, the tables and the figure.
    pub decimals: usize,
}

/// Draws a horizontal bar chart of shares.
///
/// ```
/// use fiscus_report::svg::{bar_chart, BarChart};
/// let bad = BarChart { id: "b".into(), title: String::new(), bars: vec![("x".into(), 2.0)], decimals: 2 };
/// assert!(bar_chart(&bad).is_err());
/// ```
pub fn bar_chart(b: &BarChart) -> Result<String, ReportError> {
    if let Some((l, v)) = b.bars.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
        return Err(ReportError::BadFigure {
            figure: b.id.clone(),
            reason: format!("bar `{l}` has value {v}, outside [0, 1]"),
        });
    }
    let lw = b
        .bars
        .iter()
        .map(|(l, _)| text_width(l, 12.0) + 14.0)
        .fold(120.0, f64::max);
    let (bw, rh) = (260.0, 24.0);
    let vw = b
        .bars
        .iter()
        .map(|(_, v)| text_width(&num(*v, b.decimals), 12.0) + 12.0)
        .fold(40.0, f64::max);
    let w = (lw + bw + vw).max(text_width(&b.title, 13.0) * 1.08 + 12.0);
    let h = 40.0 + rh * b.bars.len() as f64 + 10.0;
    let mut o = String::new();
    o.push_str(&svg_open(w, h, &b.title));
    o.push('\n');
    let _ = writeln!(
        o,
        "<text x=\"6\" y=\"22\" font-size=\"13\" font-weight=\"600\">{}</text>",
        escape(&b.title)
    );
    for (k, (label, v)) in b.bars.iter().enumerate() {
        let y = 34.0 + rh * k as f64;
        let _ = writeln!(
            o,
            "<text x=\"6\" y=\"{:.1}\" font-size=\"12\">{}</text><rect x=\"{lw}\" y=\"{:.1}\" width=\"{bw}\" height=\"{:.1}\" fill=\"#eef2f6\"/><rect x=\"{lw}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#1f6fb2\"><title>{}: {}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            y + 16.0,
            escape(label),
            y + 4.0,
            rh - 8.0,
            y + 4.0,
            bw * v,
            rh - 8.0,
            escape(label),
            num(*v, b.decimals),
            lw + bw + 6.0,
            y + 16.0,
            num(*v, b.decimals)
        );
    }
    Ok(finish(o))
}

const ROUND_COLOURS: [&str; 5] = ["#9aa9b8", "#1f6fb2", "#e67e22", "#27ae60", "#8e44ad"];

/// One Delphi round of a [`DelphiChart`]: the item means and coefficients of variation.
///
/// ```
/// let s = fiscus_report::svg::DelphiSeries { label: "Round 1".into(), means: vec![4.2], cv: vec![Some(0.18)] };
/// assert_eq!(s.means.len(), s.cv.len());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DelphiSeries {
    /// Legend label (`Round 1`).
    pub label: String,
    /// Mean rating of each item, in [`DelphiChart::items`] order.
    pub means: Vec<f64>,
    /// Coefficient of variation of each item (`None`: not computable).
    pub cv: Vec<Option<f64>>,
}

/// Delphi item means and CVs across rounds: one row per item, the means on the rating scale on
/// the left, the CVs on the right (with the screening limit as a dashed line).
///
/// ```
/// use fiscus_report::svg::{delphi_chart, DelphiChart, DelphiSeries};
/// let svg = delphi_chart(&DelphiChart {
///     id: "delphi".into(), title: "Delphi".into(), items: vec!["F1".into(), "F2".into()],
///     rounds: vec![
///         DelphiSeries { label: "Round 1".into(), means: vec![4.0, 3.2], cv: vec![Some(0.3), Some(0.2)] },
///         DelphiSeries { label: "Round 2".into(), means: vec![4.3, 3.4], cv: vec![Some(0.15), None] },
///     ],
///     scale: (1.0, 5.0), cv_limit: Some(0.25),
/// }).unwrap();
/// assert!(svg.contains("<title>F1, Round 2: mean 4.300</title>"));
/// assert!(svg.contains("<title>F1, Round 1: CV 0.300</title>"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DelphiChart {
    /// Figure id.
    pub id: String,
    /// Title above the chart.
    pub title: String,
    /// Item labels (rows).
    pub items: Vec<String>,
    /// The rounds, in order.
    pub rounds: Vec<DelphiSeries>,
    /// The rating scale (minimum, maximum).
    pub scale: (f64, f64),
    /// CV screening limit drawn as a dashed line (e.g. 0.25).
    pub cv_limit: Option<f64>,
}

/// Draws a [`DelphiChart`].
///
/// ```
/// use fiscus_report::svg::{delphi_chart, DelphiChart, DelphiSeries};
/// let bad = DelphiChart { id: "d".into(), title: String::new(), items: vec!["a".into()],
///     rounds: vec![DelphiSeries { label: "R1".into(), means: vec![7.0], cv: vec![None] }],
///     scale: (1.0, 5.0), cv_limit: None };
/// assert!(delphi_chart(&bad).unwrap_err().to_string().contains("outside the scale"));
/// ```
pub fn delphi_chart(c: &DelphiChart) -> Result<String, ReportError> {
    let bad = |reason: String| ReportError::BadFigure {
        figure: c.id.clone(),
        reason,
    };
    let (lo, hi) = c.scale;
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(bad(format!("the scale {lo}..{hi} is not an interval")));
    }
    if c.items.is_empty() || c.rounds.is_empty() {
        return Err(bad(
            "a Delphi chart needs at least one item and one round".into()
        ));
    }
    for r in &c.rounds {
        if r.means.len() != c.items.len() || r.cv.len() != c.items.len() {
            return Err(bad(format!(
                "`{}` has {} means and {} CVs for {} items",
                r.label,
                r.means.len(),
                r.cv.len(),
                c.items.len()
            )));
        }
        if let Some((k, m)) = r
            .means
            .iter()
            .enumerate()
            .find(|(_, m)| !(lo..=hi).contains(*m))
        {
            return Err(bad(format!(
                "`{}`: the mean {m} of `{}` lies outside the scale {lo}..{hi}",
                r.label, c.items[k]
            )));
        }
        if let Some(v) =
            r.cv.iter()
                .flatten()
                .find(|v| !(v.is_finite() && **v >= 0.0))
        {
            return Err(bad(format!(
                "`{}`: CV {v} is not a non-negative number",
                r.label
            )));
        }
    }
    let cv_top = c
        .rounds
        .iter()
        .flat_map(|r| r.cv.iter().flatten().copied())
        .chain(c.cv_limit)
        .fold(0.0_f64, f64::max);
    // Round the CV axis up to a multiple of 0.1 (at least 0.3).
    let cv_max = ((cv_top * 10.0).ceil() / 10.0).max(0.3);
    let lw = c
        .items
        .iter()
        .map(|i| text_width(i, 11.0) + 16.0)
        .fold(150.0, f64::max);
    let (mw, gap, cw, rh, top) = (280.0, 40.0, 200.0, 18.0, 62.0);
    let mx0 = lw;
    let cx0 = lw + mw + gap;
    let legend_w: f64 = c
        .rounds
        .iter()
        .map(|s| 24.0 + text_width(&s.label, 11.0))
        .sum();
    let w = (cx0 + cw + 20.0)
        .max(text_width(&c.title, 13.0) * 1.08 + 12.0)
        .max(legend_w + 12.0);
    let h = top + rh * c.items.len() as f64 + 40.0;
    let pm = |v: f64| mx0 + (v - lo) / (hi - lo) * mw;
    let pc = |v: f64| cx0 + v.min(cv_max) / cv_max * cw;
    let y_of = |k: usize| top + rh * k as f64 + rh / 2.0;
    let mut o = String::new();
    o.push_str(&svg_open(w, h, &c.title));
    o.push('\n');
    let _ = writeln!(
        o,
        "<text x=\"6\" y=\"18\" font-size=\"13\" font-weight=\"600\">{}</text>",
        escape(&c.title)
    );
    // Legend.
    let mut lx = 6.0;
    for (r, s) in c.rounds.iter().enumerate() {
        let col = ROUND_COLOURS[r % ROUND_COLOURS.len()];
        let _ = writeln!(
            o,
            "<circle cx=\"{:.1}\" cy=\"32\" r=\"4.5\" fill=\"{col}\"/><text x=\"{:.1}\" y=\"36\" font-size=\"11\">{}</text>",
            lx + 5.0,
            lx + 13.0,
            escape(&s.label)
        );
        lx += 24.0 + text_width(&s.label, 11.0);
    }
    // Panels.
    let y_end = top + rh * c.items.len() as f64;
    let _ = writeln!(
        o,
        "<text x=\"{:.1}\" y=\"54\" font-size=\"11\" text-anchor=\"middle\">mean ({}–{})</text><text x=\"{:.1}\" y=\"54\" font-size=\"11\" text-anchor=\"middle\">coefficient of variation</text>",
        mx0 + mw / 2.0,
        short(lo),
        short(hi),
        cx0 + cw / 2.0
    );
    for (k, item) in c.items.iter().enumerate() {
        let y = top + rh * k as f64;
        if k % 2 == 0 {
            let _ = writeln!(
                o,
                "<rect x=\"0\" y=\"{y:.1}\" width=\"{w}\" height=\"{rh}\" fill=\"#f3f6f9\"/>"
            );
        }
        let _ = writeln!(
            o,
            "<text x=\"6\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            y + 13.0,
            escape(item)
        );
    }
    let steps = (hi - lo).round().clamp(1.0, 10.0) as usize;
    for t in 0..=steps {
        let v = lo + (hi - lo) * t as f64 / steps as f64;
        let _ = writeln!(
            o,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{y_end}\" stroke=\"#ccc\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            y_end + 14.0,
            short(v),
            x = pm(v)
        );
    }
    let cv_steps = (cv_max * 10.0).round().clamp(1.0, 20.0) as usize;
    let every = if cv_steps > 6 { 2 } else { 1 };
    for t in (0..=cv_steps).step_by(every) {
        let v = cv_max * t as f64 / cv_steps as f64;
        let _ = writeln!(
            o,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{y_end}\" stroke=\"#ccc\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            y_end + 14.0,
            short(v),
            x = pc(v)
        );
    }
    if let Some(l) = c.cv_limit {
        let _ = writeln!(
            o,
            "<line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{y_end}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/><text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#c0392b\" text-anchor=\"middle\">CV {}</text>",
            y_end + 28.0,
            short(l),
            x = pc(l)
        );
    }
    for (k, item) in c.items.iter().enumerate() {
        let y = y_of(k);
        // Movement between rounds.
        let means: Vec<String> = c
            .rounds
            .iter()
            .map(|r| format!("{:.1},{y:.1}", pm(r.means[k])))
            .collect();
        let cvs: Vec<String> = c
            .rounds
            .iter()
            .filter_map(|r| r.cv[k].map(|v| format!("{:.1},{y:.1}", pc(v))))
            .collect();
        for pts in [&means, &cvs] {
            if pts.len() > 1 {
                let _ = writeln!(
                    o,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"#777\" stroke-width=\"1\"/>",
                    pts.join(" ")
                );
            }
        }
        for (r, s) in c.rounds.iter().enumerate() {
            let col = ROUND_COLOURS[r % ROUND_COLOURS.len()];
            let _ = writeln!(
                o,
                "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{col}\"><title>{}, {}: mean {}</title></circle>",
                pm(s.means[k]),
                escape(item),
                escape(&s.label),
                num(s.means[k], 3)
            );
            if let Some(v) = s.cv[k] {
                let _ = writeln!(
                    o,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"{col}\"><title>{}, {}: CV {}</title></rect>",
                    pc(v) - 4.0,
                    y - 4.0,
                    escape(item),
                    escape(&s.label),
                    num(v, 3)
                );
            }
        }
    }
    Ok(finish(o))
}

/// One scale of a [`GradeScaleChart`]: the score's range, the grade bands and the scores on it.
///
/// ```
/// let s = fiscus_report::svg::GradeScale { label: "1–5".into(), min: 1.0, max: 5.0,
///     bands: vec![("B".into(), 3.5, 4.5)], markers: vec![("overall".into(), 4.0, "B".into())],
///     decimals: 4 };
/// assert_eq!(s.bands.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GradeScale {
    /// Label of the scale (`five-band grades on the 1–5 score`).
    pub label: String,
    /// Left end of the scale.
    pub min: f64,
    /// Right end of the scale.
    pub max: f64,
    /// Grade bands: (grade, lower, upper), clipped to the scale when drawn.
    pub bands: Vec<(String, f64, f64)>,
    /// Scores to mark, with the grade the scoring gave them: the first is the overall score (a
    /// large marker with its value), the others (e.g. dimensions) small markers labelled on
    /// hover. The grade is passed in, not looked up in `bands`, so that the band boundaries'
    /// open or closed ends are the grading scheme's own.
    pub markers: Vec<(String, f64, String)>,
    /// Decimals of the marked scores: those of the report's text, so the overall score reads
    /// the same in the text and the figure.
    pub decimals: usize,
}

/// The composite score on its grade scale(s): each scale a band of coloured grade intervals with
/// the scores marked.
///
/// ```
/// use fiscus_report::svg::{grade_scale_chart, GradeScale, GradeScaleChart};
/// let svg = grade_scale_chart(&GradeScaleChart { id: "score".into(), title: "Score".into(),
///     scales: vec![GradeScale { label: "1–5".into(), min: 1.0, max: 5.0,
///         bands: vec![("C".into(), 1.0, 3.5), ("B".into(), 3.5, 4.5), ("A".into(), 4.5, 5.0)],
///         markers: vec![("overall".into(), 4.01, "B".into()), ("Financial".into(), 3.9, "B".into())],
///         decimals: 3 }] }).unwrap();
/// assert!(svg.contains(">B<"));
/// assert!(svg.contains("<title>overall: 4.010 (grade B)</title>"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GradeScaleChart {
    /// Figure id.
    pub id: String,
    /// Title above the scales.
    pub title: String,
    /// One or more scales (e.g. the response scale and the 100-point scale).
    pub scales: Vec<GradeScale>,
}

const BAND_COLOURS: [&str; 6] = [
    "#f4d6d2", "#f8e3c8", "#f7f1c6", "#dbeec9", "#c9e4f0", "#dcd3ee",
];

/// Draws a [`GradeScaleChart`].
///
/// ```
/// use fiscus_report::svg::{grade_scale_chart, GradeScale, GradeScaleChart};
/// let bad = GradeScaleChart { id: "s".into(), title: String::new(), scales: vec![GradeScale {
///     label: "x".into(), min: 5.0, max: 1.0, bands: vec![], markers: vec![], decimals: 2 }] };
/// assert!(grade_scale_chart(&bad).is_err());
/// ```
pub fn grade_scale_chart(c: &GradeScaleChart) -> Result<String, ReportError> {
    let bad = |reason: String| ReportError::BadFigure {
        figure: c.id.clone(),
        reason,
    };
    if c.scales.is_empty() {
        return Err(bad("no scale to draw".into()));
    }
    for s in &c.scales {
        if !(s.min.is_finite() && s.max.is_finite() && s.min < s.max) {
            return Err(bad(format!(
                "scale `{}`: {}..{} is not an interval",
                s.label, s.min, s.max
            )));
        }
        if s.bands.is_empty() {
            return Err(bad(format!("scale `{}` has no grade bands", s.label)));
        }
        if let Some((l, v, _)) = s.markers.iter().find(|(_, v, _)| !v.is_finite()) {
            return Err(bad(format!("scale `{}`: marker `{l}` is {v}", s.label)));
        }
    }
    let (l, bw, bh, block): (f64, f64, f64, f64) = (20.0, 560.0, 30.0, 118.0);
    let w = (l + bw + 30.0)
        .max(text_width(&c.title, 13.0) * 1.08 + 12.0)
        .max(
            c.scales
                .iter()
                .map(|s| text_width(&s.label, 12.0) + l + 10.0)
                .fold(0.0, f64::max),
        );
    // The dimension scores under each scale, wrapped to the figure's width.
    let legends: Vec<Vec<String>> = c
        .scales
        .iter()
        .map(|s| {
            let items: Vec<String> = s
                .markers
                .iter()
                .skip(1)
                .map(|(n, v, _)| format!("{n} {}", num(*v, s.decimals)))
                .collect();
            let mut lines = wrap_items(&items, " · ", 10.0, w - l - 24.0);
            if let Some(first) = lines.first_mut() {
                *first = format!("● {first}");
            }
            lines
        })
        .collect();
    let heights: Vec<f64> = legends
        .iter()
        .map(|lg| block + 14.0 * lg.len() as f64)
        .collect();
    let h = 36.0 + heights.iter().sum::<f64>();
    let mut o = String::new();
    o.push_str(&svg_open(w, h, &c.title));
    o.push('\n');
    let _ = writeln!(
        o,
        "<text x=\"6\" y=\"20\" font-size=\"13\" font-weight=\"600\">{}</text>",
        escape(&c.title)
    );
    for (k, s) in c.scales.iter().enumerate() {
        let y0 = 36.0 + heights[..k].iter().sum::<f64>();
        let by = y0 + 40.0;
        let px = |v: f64| l + (v.clamp(s.min, s.max) - s.min) / (s.max - s.min) * bw;
        let _ = writeln!(
            o,
            "<text x=\"{l}\" y=\"{:.1}\" font-size=\"12\" fill=\"#444\">{}</text>",
            y0 + 10.0,
            escape(&s.label)
        );
        let mut edges = vec![s.min, s.max];
        for (j, (name, lo, hi)) in s.bands.iter().enumerate() {
            let (x0, x1) = (px(*lo), px(*hi));
            if x1 - x0 <= 0.0 {
                continue;
            }
            let col = BAND_COLOURS[j % BAND_COLOURS.len()];
            let _ = writeln!(
                o,
                "<rect x=\"{x0:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{bh}\" fill=\"{col}\" stroke=\"#888\" stroke-width=\"0.6\"><title>{}: {}–{}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
                x1 - x0,
                escape(name),
                short(lo.max(s.min)),
                short(hi.min(s.max)),
                (x0 + x1) / 2.0,
                by + bh / 2.0 + 5.0,
                escape(name)
            );
            edges.extend([*lo, *hi]);
        }
        edges.retain(|e| *e >= s.min && *e <= s.max);
        edges.sort_by(f64::total_cmp);
        edges.dedup();
        for e in edges {
            let _ = writeln!(
                o,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
                px(e),
                by + bh + 13.0,
                short(e)
            );
        }
        for (j, (label, v, grade)) in s.markers.iter().enumerate() {
            let x = px(*v);
            if j == 0 {
                let text = format!("{label} {}", num(*v, s.decimals));
                let half = text_width(&text, 12.0) * 1.08 / 2.0;
                let tx = x.clamp(half + 2.0, (w - half - 2.0).max(half + 2.0));
                let _ = writeln!(
                    o,
                    "<g><title>{}: {} (grade {})</title><path d=\"M{x:.1} {:.1}l-7 -11h14z\" fill=\"#c0392b\"/><line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#c0392b\" stroke-width=\"2\"/><text x=\"{tx:.1}\" y=\"{:.1}\" font-size=\"12\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#c0392b\">{}</text></g>",
                    escape(label),
                    num(*v, s.decimals),
                    escape(grade),
                    by - 1.0,
                    by,
                    by + bh,
                    by - 15.0,
                    escape(&text)
                );
            } else {
                let _ = writeln!(
                    o,
                    "<circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#1f6fb2\" stroke=\"#fff\"><title>{}: {} (grade {})</title></circle>",
                    by + bh + 24.0,
                    escape(label),
                    num(*v, s.decimals),
                    escape(grade)
                );
            }
        }
        for (j, line) in legends[k].iter().enumerate() {
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{:.1}\" font-size=\"10\" fill=\"#1f6fb2\">{}</text>",
                if j == 0 { l } else { l + 12.0 },
                by + bh + 44.0 + 14.0 * j as f64,
                escape(line)
            );
        }
    }
    Ok(finish(o))
}
