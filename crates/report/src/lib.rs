//! `fiscus-report`: renders Fiscus results as Markdown, self-contained HTML and SVG figures.
//!
//! The crate draws and formats; it computes no statistics. A caller (the study pipeline)
//! builds a [`Document`] out of [`Block`]s (headings, paragraphs, [`Table`]s and
//! [`Figure`]s whose SVG comes from the [`svg`] module) and renders it with
//! [`to_markdown`] or [`to_html`]. The HTML page is one file: styles and figures are inline,
//! nothing is fetched from the network.
//!
//! ```
//! use fiscus_report::{to_html, to_markdown, Block, Document, Table};
//! let doc = Document {
//!     title: "Demo".into(),
//!     subtitle: None,
//!     blocks: vec![
//!         Block::Heading { level: 2, text: "Fit".into() },
//!         Block::Table(Table::new("fit", "Parameters of fit", vec!["term".into(), "inclS".into()],
//!             vec![vec!["A*B".into(), "0.912".into()]])),
//!     ],
//! };
//! assert!(to_markdown(&doc).contains("| A*B | 0.912 |"));
//! assert!(to_html(&doc).contains("<td>A*B</td>"));
//! ```

pub mod manifest;
pub mod svg;
pub mod table;
pub mod views;

use std::fmt::Write as _;

/// Errors of the report crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A figure was given data it cannot draw (e.g. series of different lengths).
    #[error("figure `{figure}`: {reason}")]
    BadFigure {
        /// The figure id.
        figure: String,
        /// What is wrong.
        reason: String,
    },
}

/// A report: a title and a sequence of blocks.
///
/// ```
/// let d = fiscus_report::Document { title: "T".into(), subtitle: Some("s".into()), blocks: vec![] };
/// assert!(fiscus_report::to_markdown(&d).starts_with("# T"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Title (the page's `<h1>`).
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// One block of a report.
///
/// ```
/// let b = fiscus_report::Block::Paragraph("text".into());
/// assert!(matches!(b, fiscus_report::Block::Paragraph(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading (`level` 2 or 3).
    Heading {
        /// 2 = section, 3 = subsection.
        level: u8,
        /// The heading text.
        text: String,
    },
    /// A paragraph of plain text.
    Paragraph(String),
    /// A warning the reader must not miss (shown highlighted, prefixed with "Warning:").
    ///
    /// ```
    /// use fiscus_report::{Block, Document};
    /// let d = Document { title: "T".into(), subtitle: None,
    ///     blocks: vec![Block::Warning("alpha 0.46 < 0.70".into())] };
    /// assert!(fiscus_report::to_markdown(&d).contains("> **Warning:** alpha 0.46 < 0.70"));
    /// assert!(fiscus_report::to_html(&d).contains("<p class=\"warning\"><strong>Warning:</strong> alpha 0.46 &lt; 0.70</p>"));
    /// ```
    Warning(String),
    /// A preformatted block (e.g. the study file).
    Code(String),
    /// A table.
    Table(Table),
    /// A figure.
    Figure(Figure),
}

/// A table with a caption; cells are already formatted text.
///
/// ```
/// let t = fiscus_report::Table::new("t", "A table", vec!["a".into()], vec![vec!["1".into()]]);
/// assert_eq!(fiscus_report::table_csv(&t), "a\n1\n");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File stem for the CSV copy and HTML anchor.
    pub id: String,
    /// Caption shown above the table.
    pub caption: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Rows of formatted cells.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table from its parts.
    ///
    /// ```
    /// let t = fiscus_report::Table::new("x", "X", vec![], vec![]);
    /// assert_eq!(t.id, "x");
    /// ```
    pub fn new(id: &str, caption: &str, header: Vec<String>, rows: Vec<Vec<String>>) -> Table {
        Table {
            id: id.into(),
            caption: caption.into(),
            header,
            rows,
        }
    }
}

/// A figure: an SVG drawing with a caption.
///
/// ```
/// let f = fiscus_report::Figure { id: "xy".into(), caption: "XY plot".into(), svg: "<svg/>".into() };
/// assert_eq!(f.file_name(), "figures/xy.svg");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// File stem (the figure is written to `figures/<id>.svg`).
    pub id: String,
    /// Caption under the figure.
    pub caption: String,
    /// The SVG document.
    pub svg: String,
}

impl Figure {
    /// The relative path of the figure's SVG file.
    ///
    /// ```
    /// let f = fiscus_report::Figure { id: "a".into(), caption: String::new(), svg: String::new() };
    /// assert_eq!(f.file_name(), "figures/a.svg");
    /// ```
    pub fn file_name(&self) -> String {
        format!("figures/{}.svg", self.id)
    }
}

/// Escapes text for HTML and writes Markdown's inline code (`` `x` ``) as `<code>x</code>`,
/// so paragraphs read the same in report.md and report.html. An unpaired backtick stays as is.
///
/// ```
/// assert_eq!(fiscus_report::inline_html("file `a<b.toml`"), "file <code>a&lt;b.toml</code>");
/// assert_eq!(fiscus_report::inline_html("a ` b"), "a ` b");
/// ```
pub fn inline_html(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len() % 2 == 0 {
        // An odd number of backticks: the last one is unpaired.
        let head = parts[..parts.len() - 1].join("`");
        let tail = parts[parts.len() - 1];
        return format!("{}`{}", inline_html(&head), escape(tail));
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (k, part) in parts.iter().enumerate() {
        if k % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// Escapes text for HTML and SVG.
///
/// ```
/// assert_eq!(fiscus_report::escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Renders a document as Markdown; figures link to `figures/<id>.svg`.
///
/// ```
/// use fiscus_report::{Block, Document, Figure};
/// let d = Document { title: "T".into(), subtitle: None, blocks: vec![Block::Figure(Figure {
///     id: "xy1".into(), caption: "Path 1".into(), svg: "<svg/>".into() })] };
/// assert!(fiscus_report::to_markdown(&d).contains("![Path 1](figures/xy1.svg)"));
/// ```
pub fn to_markdown(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", doc.title);
    if let Some(s) = &doc.subtitle {
        let _ = writeln!(out, "_{s}_\n");
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text } => {
                let _ = writeln!(
                    out,
                    "{} {text}\n",
                    "#".repeat(usize::from((*level).clamp(2, 4)))
                );
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", p.trim());
            }
            Block::Warning(p) => {
                let _ = writeln!(out, "> **Warning:** {}\n", p.trim());
            }
            Block::Code(c) => {
                let _ = writeln!(out, "```\n{}\n```\n", c.trim_end());
            }
            Block::Table(t) => {
                let _ = writeln!(out, "**{}**\n", t.caption);
                if t.header.is_empty() {
                    continue;
                }
                let head: Vec<String> = t.header.iter().map(|h| md_cell(h)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}|", vec!["---"; t.header.len()].join("|"));
                for r in &t.rows {
                    let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Figure(f) => {
                let _ = writeln!(out, "![{}]({})\n", f.caption, f.file_name());
            }
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.3rem}
figure{margin:1rem 0 2rem;display:inline-block;vertical-align:top}
figcaption{font-size:.9rem;color:#444;max-width:32rem}
pre{background:#f6f6f6;padding:.8rem;overflow-x:auto;font-size:.8rem}
code{background:#f3f5f7;padding:0 .2rem;font-size:.85em}
.subtitle{color:#555;font-style:italic}
.warning{background:#fff4e5;border-left:4px solid #e07b00;padding:.5rem .8rem}";

/// Renders a document as one self-contained HTML page (inline CSS and SVG, no scripts, no
/// network access).
///
/// ```
/// use fiscus_report::{Block, Document, Figure};
/// let d = Document { title: "T".into(), subtitle: None, blocks: vec![Block::Figure(Figure {
///     id: "xy1".into(), caption: "Path 1".into(), svg: "<svg id=\"s\"></svg>".into() })] };
/// let html = fiscus_report::to_html(&d);
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<svg id=\"s\"></svg>"));
/// assert!(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"));
/// ```
pub fn to_html(doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&doc.title),
        escape(&doc.title)
    );
    if let Some(s) = &doc.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(s));
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text } => {
                let l = (*level).clamp(2, 4);
                let _ = writeln!(out, "<h{l}>{}</h{l}>", escape(text));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", inline_html(p.trim()));
            }
            Block::Warning(p) => {
                let _ = writeln!(
                    out,
                    "<p class=\"warning\"><strong>Warning:</strong> {}</p>",
                    inline_html(p.trim())
                );
            }
            Block::Code(c) => {
                let _ = writeln!(out, "<pre>{}</pre>", escape(c.trim_end()));
            }
            Block::Table(t) => {
                let _ = writeln!(
                    out,
                    "<table id=\"table-{}\">\n<caption>{}</caption>",
                    escape(&t.id),
                    inline_html(&t.caption)
                );
                out.push_str("<thead><tr>");
                for h in &t.header {
                    let _ = write!(out, "<th>{}</th>", escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in &t.rows {
                    out.push_str("<tr>");
                    for c in r {
                        let _ = write!(out, "<td>{}</td>", escape(c));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Figure(f) => {
                let _ = writeln!(
                    out,
                    "<figure id=\"figure-{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                    escape(&f.id),
                    f.svg.trim(),
                    inline_html(&f.caption)
                );
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Renders a table as CSV (RFC 4180 quoting).
///
/// ```
/// let t = fiscus_report::Table::new("t", "", vec!["a".into(), "b".into()], vec![vec!["x,y".into(), "1".into()]]);
/// assert_eq!(fiscus_report::table_csv(&t), "a,b\n\"x,y\",1\n");
/// ```
pub fn table_csv(t: &Table) -> String {
    t.to_csv()
}

/// Formats a number with `d` decimals (`NA` for NaN, `—` never used).
///
/// ```
/// assert_eq!(fiscus_report::num(0.91234, 3), "0.912");
/// assert_eq!(fiscus_report::num(f64::NAN, 3), "NA");
/// ```
pub fn num(v: f64, d: usize) -> String {
    if v.is_nan() {
        "NA".into()
    } else {
        let s = format!("{v:.d$}");
        if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        }
    }
}

/// One report linked from an index page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The report's title.
    pub title: String,
    /// Relative link to the report (e.g. `lipset/report.html`).
    pub href: String,
    /// One line about it.
    pub summary: String,
}

/// A self-contained HTML page linking several reports (what `fiscus demo` writes as
/// `index.html`), in the reports' own style.
///
/// ```
/// let e = fiscus_report::IndexEntry { title: "A & B".into(), href: "a/report.html".into(),
///                                     summary: "x".into() };
/// let html = fiscus_report::index_html("Fiscus demo", &[e]);
/// assert!(html.contains("<a href=\"a/report.html\">A &amp; B</a>"));
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// ```
pub fn index_html(title: &str, entries: &[IndexEntry]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<ul>\n",
        escape(title),
        escape(title)
    );
    for e in entries {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a>: {}</li>",
            escape(&e.href),
            escape(&e.title),
            escape(&e.summary)
        );
    }
    out.push_str("</ul>\n</body>\n</html>\n");
    out
}
