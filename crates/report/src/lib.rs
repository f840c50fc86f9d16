//! `fiscus-report`: renders Fiscus results as Markdown, self-contained HTML and SVG figures.
//!
//! The crate draws and formats; it computes no statistics. A caller (the study pipeline)
//! builds a [`Document`] out of [`Block`]s (headings, paragraphs, [`Table`]s and
//! [`Figure`]s whose SVG comes from the [`svg`] module) and renders it with
//! [`to_markdown`] or [`to_html`]. The HTML page is one file: styles, figures and the small
//! embedded CJK font are inline, nothing is fetched from the network.
//!
//! Both renderers number the tables and figures ("Table 3.", "Figure 2.", anchors `table-3`
//! and `figure-2`), put a contents list after the title, replace the cross-references
//! `{table:ID}` / `{figure:ID}` in the text by those numbers ([`Numbering`]), right-align
//! numeric columns and left-align text ones ([`numeric_columns`]), and escape all text (in
//! Markdown too: a label like `<b>x</b>` or `a|b` never becomes markup). Numbers are formatted
//! by [`num`] and p-values by [`p_value`] everywhere, figures included.
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
//! assert!(to_markdown(&doc).contains("| A\\*B | 0.912 |"));
//! assert!(to_html(&doc).contains("<td>A*B</td><td class=\"num\">0.912</td>"));
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
    /// assert!(fiscus_report::to_markdown(&d).contains("> **Warning:** alpha 0.46 &lt; 0.70"));
    /// assert!(fiscus_report::to_html(&d).contains("<p class=\"warning\"><strong>Warning:</strong> alpha 0.46 &lt; 0.70</p>"));
    /// ```
    Warning(String),
    /// A preformatted block (wrapped, never wider than the page).
    Code(String),
    /// An appendix: a section whose preformatted body (e.g. the study file) is collapsed
    /// behind a summary line in HTML.
    ///
    /// ```
    /// use fiscus_report::{Block, Document};
    /// let d = Document { title: "T".into(), subtitle: None, blocks: vec![Block::Appendix {
    ///     title: "Appendix: study file".into(), summary: "study.toml".into(), body: "[study]".into() }] };
    /// assert!(fiscus_report::to_html(&d).contains("<details>\n<summary>study.toml</summary>\n<pre>[study]</pre>"));
    /// ```
    Appendix {
        /// The section heading.
        title: String,
        /// The line shown while the body is collapsed.
        summary: String,
        /// The preformatted text.
        body: String,
    },
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

/// Escapes text for Markdown so that it reads as the same text, never as markup: HTML
/// special characters become entities, and emphasis, strikethrough, link and table characters
/// are backslash-escaped. Inline code (`` `x` ``) stays code. In a table cell (`cell`), `|`
/// is escaped inside code too and a line break becomes a space.
fn md_escape(s: &str, cell: bool) -> String {
    let s = if cell {
        s.replace(['\n', '\r'], " ")
    } else {
        s.to_string()
    };
    let parts: Vec<&str> = s.split('`').collect();
    // An even number of parts: an odd number of backticks, the last one unpaired.
    let paired = parts.len() % 2 == 1;
    let mut out = String::with_capacity(s.len() + 8);
    for (k, part) in parts.iter().enumerate() {
        let last_unpaired = !paired && k == parts.len() - 1;
        if k > 0 {
            out.push_str(if last_unpaired { "\\`" } else { "`" });
        }
        if k % 2 == 1 && !last_unpaired {
            if cell {
                out.push_str(&part.replace('|', "\\|"));
            } else {
                out.push_str(part);
            }
            continue;
        }
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            // An underscore inside a word (`RF_cov`) never starts emphasis: left as is.
            let inside_word = |i: usize| {
                i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
            };
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '_' if inside_word(i) => out.push('_'),
                '\\' | '*' | '_' | '~' | '[' | ']' | '|' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// [`md_escape`] for a paragraph: no line may start a list either.
fn md_paragraph(s: &str) -> String {
    let out = md_escape(s, false);
    let mut lines: Vec<String> = Vec::new();
    for line in out.split('\n') {
        let t = line.trim_start();
        let lead = line.len() - t.len();
        let ordered = t
            .find(['.', ')'])
            .filter(|&i| i > 0 && i <= 9 && t[..i].chars().all(|c| c.is_ascii_digit()));
        if let Some(i) = ordered {
            // `1.` would start an ordered list: `1\.`.
            lines.push(format!("{}{}\\{}", &line[..lead], &t[..i], &t[i..]));
        } else if t.starts_with(['-', '+', '=']) {
            lines.push(format!("{}\\{}", &line[..lead], t));
        } else {
            lines.push(line.to_string());
        }
    }
    lines.join("\n")
}

/// Formats a p-value as reports print it: `< 0.001` below 0.001, otherwise three decimals
/// (`NA` when it is not a number).
///
/// ```
/// assert_eq!(fiscus_report::p_value(0.00004), "< 0.001");
/// assert_eq!(fiscus_report::p_value(0.0123), "0.012");
/// assert_eq!(fiscus_report::p_value(0.001), "0.001");
/// assert_eq!(fiscus_report::p_value(f64::NAN), "NA");
/// ```
pub fn p_value(p: f64) -> String {
    if p.is_nan() {
        "NA".into()
    } else if p < 0.001 {
        "< 0.001".into()
    } else {
        num(p, 3)
    }
}

/// Whether a cell reads as a number for alignment: `0.912`, `-3`, `−3`, `< 0.001`, `45%`,
/// `+1.2%`, `1/3`.
///
/// ```
/// use fiscus_report::numeric_cell;
/// assert!(numeric_cell("-0.5") && numeric_cell("12%") && numeric_cell("< 0.001") && numeric_cell("1/3"));
/// assert!(!numeric_cell("A*B") && !numeric_cell("yes") && !numeric_cell("") && !numeric_cell("NA"));
/// ```
pub fn numeric_cell(c: &str) -> bool {
    let t = c.trim();
    let t = t.strip_prefix('<').map_or(t, str::trim_start);
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    let t = t.replacen('−', "-", 1);
    let number = |x: &str| !x.is_empty() && x.trim().parse::<f64>().is_ok_and(f64::is_finite);
    match t.split_once('/') {
        Some((a, b)) => number(a) && number(b),
        None => number(&t),
    }
}

/// Placeholders for a missing number; they do not make a numeric column textual.
fn placeholder_cell(c: &str) -> bool {
    matches!(c.trim(), "" | "NA" | "-" | "–" | "—")
}

/// For each column of a table, whether it is numeric (right-aligned): every cell that is
/// not empty or a placeholder (`NA`, `-`) parses as a number (possibly `< 0.001`, `45%`,
/// `−3`), and at least one does. Text columns are left-aligned.
///
/// ```
/// let t = fiscus_report::Table::new("t", "", vec!["term".into(), "inclS".into(), "p".into()],
///     vec![vec!["A*B".into(), "0.912".into(), "< 0.001".into()],
///          vec!["C".into(), "NA".into(), "0.040".into()]]);
/// assert_eq!(fiscus_report::numeric_columns(&t), vec![false, true, true]);
/// ```
pub fn numeric_columns(t: &Table) -> Vec<bool> {
    (0..t.header.len())
        .map(|j| {
            let cells = || t.rows.iter().filter_map(|r| r.get(j));
            cells().any(|c| numeric_cell(c))
                && cells().all(|c| placeholder_cell(c) || numeric_cell(c))
        })
        .collect()
}

/// The numbers the renderers give a document's tables and figures: 1, 2, ... in order.
///
/// ```
/// use fiscus_report::{Block, Document, Figure, Numbering, Table};
/// let d = Document { title: "T".into(), subtitle: None, blocks: vec![
///     Block::Table(Table::new("fit", "Fit", vec![], vec![])),
///     Block::Figure(Figure { id: "xy".into(), caption: "XY".into(), svg: "<svg/>".into() }),
///     Block::Table(Table::new("cases", "Cases", vec![], vec![])),
/// ] };
/// let n = Numbering::of(&d);
/// assert_eq!(n.table("cases"), Some(2));
/// assert_eq!(n.figure("xy"), Some(1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Numbering {
    tables: Vec<String>,
    figures: Vec<String>,
}

impl Numbering {
    /// Numbers the tables and figures of `doc`.
    ///
    /// ```
    /// let d = fiscus_report::Document { title: "T".into(), subtitle: None, blocks: vec![] };
    /// assert_eq!(fiscus_report::Numbering::of(&d).table("x"), None);
    /// ```
    pub fn of(doc: &Document) -> Numbering {
        let mut n = Numbering::default();
        for b in &doc.blocks {
            match b {
                Block::Table(t) => n.tables.push(t.id.clone()),
                Block::Figure(f) => n.figures.push(f.id.clone()),
                _ => {}
            }
        }
        n
    }

    /// The number of the (first) table with this id.
    ///
    /// ```
    /// let d = fiscus_report::Document { title: "T".into(), subtitle: None,
    ///     blocks: vec![fiscus_report::Block::Table(fiscus_report::Table::new("a", "A", vec![], vec![]))] };
    /// assert_eq!(fiscus_report::Numbering::of(&d).table("a"), Some(1));
    /// ```
    pub fn table(&self, id: &str) -> Option<usize> {
        self.tables.iter().position(|i| i == id).map(|k| k + 1)
    }

    /// The number of the (first) figure with this id.
    ///
    /// ```
    /// let d = fiscus_report::Document { title: "T".into(), subtitle: None, blocks: vec![] };
    /// assert_eq!(fiscus_report::Numbering::of(&d).figure("a"), None);
    /// ```
    pub fn figure(&self, id: &str) -> Option<usize> {
        self.figures.iter().position(|i| i == id).map(|k| k + 1)
    }

    /// Replaces the cross-references `{table:ID}` and `{figure:ID}` in `text` by `Table N`
    /// and `Figure N`, and the ranges `{tables:FIRST..LAST}` and `{figures:FIRST..LAST}` by
    /// `Tables N–M` and `Figures N–M`. A reference to an id the document does not have is
    /// left as written (see [`unresolved_references`]).
    ///
    /// ```
    /// use fiscus_report::{Block, Document, Numbering, Table};
    /// let d = Document { title: "T".into(), subtitle: None,
    ///     blocks: vec![Block::Table(Table::new("fit", "Fit", vec![], vec![]))] };
    /// let n = Numbering::of(&d);
    /// assert_eq!(n.resolve("see {table:fit}"), "see Table 1");
    /// assert_eq!(n.resolve("{tables:fit..fit}"), "Tables 1–1");
    /// assert_eq!(n.resolve("see {table:nope} {x}"), "see {table:nope} {x}");
    /// ```
    pub fn resolve(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let tail = &rest[i..];
            let label = tail.find('}').and_then(|j| {
                let (kind, id) = tail[1..j].split_once(':')?;
                let range = |f: &dyn Fn(&str) -> Option<usize>| {
                    let (a, z) = id.split_once("..")?;
                    Some(format!("{}–{}", f(a)?, f(z)?))
                };
                let label = match kind {
                    "table" => format!("Table {}", self.table(id)?),
                    "figure" => format!("Figure {}", self.figure(id)?),
                    "tables" => format!("Tables {}", range(&|i| self.table(i))?),
                    "figures" => format!("Figures {}", range(&|i| self.figure(i))?),
                    _ => return None,
                };
                Some((label, j))
            });
            match label {
                Some((label, j)) => {
                    out.push_str(&label);
                    rest = &tail[j + 1..];
                }
                None => {
                    out.push('{');
                    rest = &tail[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The cross-references (`{table:ID}`, `{figure:ID}`) in a document's paragraphs, warnings
/// and captions that name no table or figure of the document.
///
/// ```
/// use fiscus_report::{Block, Document};
/// let d = Document { title: "T".into(), subtitle: None,
///     blocks: vec![Block::Paragraph("see {figure:xy}".into())] };
/// assert_eq!(fiscus_report::unresolved_references(&d), vec!["{figure:xy}".to_string()]);
/// ```
pub fn unresolved_references(doc: &Document) -> Vec<String> {
    let n = Numbering::of(doc);
    let mut out = Vec::new();
    for b in &doc.blocks {
        let t = match b {
            Block::Paragraph(p) | Block::Warning(p) => p,
            Block::Table(t) => &t.caption,
            Block::Figure(f) => &f.caption,
            _ => continue,
        };
        let resolved = n.resolve(t);
        let mut rest = resolved.as_str();
        while let Some(i) = rest.find('{') {
            let tail = &rest[i..];
            match tail.find('}') {
                Some(j)
                    if ["table:", "figure:", "tables:", "figures:"]
                        .iter()
                        .any(|k| tail[1..j].starts_with(k)) =>
                {
                    out.push(tail[..=j].to_string());
                    rest = &tail[j + 1..];
                }
                _ => rest = &tail[1..],
            }
        }
    }
    out
}

/// The contents of a document: (anchor, text) of its sections, tables and figures.
struct Contents {
    sections: Vec<(String, String)>,
    tables: Vec<(String, String)>,
    figures: Vec<(String, String)>,
}

impl Contents {
    fn of(doc: &Document, n: &Numbering) -> Contents {
        let mut c = Contents {
            sections: vec![],
            tables: vec![],
            figures: vec![],
        };
        for b in &doc.blocks {
            match b {
                Block::Heading { level: 2, text } | Block::Appendix { title: text, .. } => {
                    let k = c.sections.len() + 1;
                    c.sections.push((format!("section-{k}"), text.clone()));
                }
                Block::Table(t) => {
                    let k = c.tables.len() + 1;
                    c.tables.push((
                        format!("table-{k}"),
                        format!("Table {k}. {}", n.resolve(&t.caption)),
                    ));
                }
                Block::Figure(f) => {
                    let k = c.figures.len() + 1;
                    c.figures.push((
                        format!("figure-{k}"),
                        format!("Figure {k}. {}", n.resolve(&f.caption)),
                    ));
                }
                _ => {}
            }
        }
        c
    }

    fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.tables.is_empty() && self.figures.is_empty()
    }
}

/// Renders a document as Markdown. Tables and figures are numbered ("Table 3.", "Figure 2.")
/// with anchors `table-3` and `figure-2`, cross-references `{table:ID}` become "Table N", a
/// contents list follows the title, and figures link to `figures/<id>.svg`. All text is
/// escaped: a label like `<b>x</b>` or `a|b` stays text and never breaks a table.
///
/// ```
/// use fiscus_report::{Block, Document, Figure, Table};
/// let d = Document { title: "T".into(), subtitle: None, blocks: vec![
///     Block::Figure(Figure { id: "xy1".into(), caption: "Path 1".into(), svg: "<svg/>".into() }),
///     Block::Table(Table::new("t", "Cases of {figure:xy1}", vec!["case".into(), "Y".into()],
///         vec![vec!["<b>a|b</b>".into(), "0.91".into()]])),
/// ] };
/// let md = fiscus_report::to_markdown(&d);
/// assert!(md.contains("![Figure 1. Path 1](figures/xy1.svg)"));
/// assert!(md.contains("**Table 1.** Cases of Figure 1"));
/// assert!(md.contains("| :--- | ---: |"));
/// assert!(md.contains("| &lt;b&gt;a\\|b&lt;/b&gt; | 0.91 |"));
/// ```
pub fn to_markdown(doc: &Document) -> String {
    let n = Numbering::of(doc);
    let text = |s: &str| md_escape(&n.resolve(s), false);
    let mut out = format!("# {}\n\n", text(&doc.title));
    if let Some(s) = &doc.subtitle {
        let _ = writeln!(out, "_{}_\n", text(s));
    }
    let toc = Contents::of(doc, &n);
    if !toc.is_empty() {
        out.push_str("**Contents**\n\n");
        for (a, t) in &toc.sections {
            let _ = writeln!(out, "- [{}](#{a})", md_escape(t, false));
        }
        for (what, list) in [("Tables", &toc.tables), ("Figures", &toc.figures)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "- {what}");
            for (a, t) in list {
                let _ = writeln!(out, "  - [{}](#{a})", md_escape(t, false));
            }
        }
        out.push('\n');
    }
    let (mut sec, mut tab, mut fig) = (0, 0, 0);
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text: h } => {
                if *level == 2 {
                    sec += 1;
                    let _ = writeln!(out, "<a id=\"section-{sec}\"></a>\n");
                }
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from((*level).clamp(2, 4))),
                    text(h)
                );
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}\n", md_paragraph(&n.resolve(p.trim())));
            }
            Block::Warning(p) => {
                let _ = writeln!(out, "> **Warning:** {}\n", text(p.trim()));
            }
            Block::Code(c) => {
                let _ = writeln!(out, "{}\n", fenced(c));
            }
            Block::Appendix {
                title,
                summary,
                body,
            } => {
                sec += 1;
                let _ = writeln!(
                    out,
                    "<a id=\"section-{sec}\"></a>\n\n## {}\n\n<details><summary>{}</summary>\n\n{}\n\n</details>\n",
                    text(title),
                    escape(summary),
                    fenced(body)
                );
            }
            Block::Table(t) => {
                tab += 1;
                let _ = writeln!(
                    out,
                    "<a id=\"table-{tab}\"></a>\n\n**Table {tab}.** {}\n",
                    text(&t.caption)
                );
                if t.header.is_empty() {
                    continue;
                }
                let cell = |c: &str| md_escape(c, true);
                let head: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let align: Vec<&str> = numeric_columns(t)
                    .into_iter()
                    .map(|num| if num { "---:" } else { ":---" })
                    .collect();
                let _ = writeln!(out, "| {} |", align.join(" | "));
                for r in &t.rows {
                    let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Figure(f) => {
                fig += 1;
                let cap = text(&f.caption);
                let _ = writeln!(
                    out,
                    "<a id=\"figure-{fig}\"></a>\n\n![Figure {fig}. {cap}]({})\n\n**Figure {fig}.** {cap}\n",
                    f.file_name()
                );
            }
        }
    }
    out
}

/// A fenced code block whose fence is longer than any run of backticks in the text.
fn fenced(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}\n{}\n{fence}", text.trim_end())
}

/// The font stack of the pages and figures: the embedded `Fiscus CJK` (see [`cjk_font_face`];
/// it has only the grade names 优 良 中 差, so every other character comes from the next
/// fonts), system fonts, then CJK fonts for any other Chinese text. `Fiscus CJK` comes first
/// because Chromium on Linux may draw a missing glyph box from `system-ui` or `Arial` instead
/// of trying the later fonts of the list.
pub const FONTS: &str = "'Fiscus CJK', system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/// The characters of the embedded font: the Ministry of Finance grades.
pub const CJK_FONT_CHARS: &str = "优良中差";

/// The `@font-face` rule of `Fiscus CJK`: a 2 KB subset of WenQuanYi Micro Hei (Apache-2.0)
/// with the glyphs of [`CJK_FONT_CHARS`], inline as a `data:` URL, so that the grades render on
/// a machine without any CJK font (provenance: `crates/report/fonts/README.md`).
///
/// ```
/// let f = fiscus_report::cjk_font_face();
/// assert!(f.starts_with("@font-face{font-family:'Fiscus CJK';src:url(data:font/woff;base64,"));
/// assert!(f.ends_with("unicode-range:U+4E2D,U+4F18,U+5DEE,U+826F}"));
/// ```
pub fn cjk_font_face() -> String {
    format!(
        "@font-face{{font-family:'Fiscus CJK';src:url(data:font/woff;base64,{})format('woff');unicode-range:U+4E2D,U+4F18,U+5DEE,U+826F}}",
        include_str!("../fonts/fiscus-cjk.woff.b64").trim()
    )
}

fn style() -> String {
    format!(
        "{}
body{{font-family:{FONTS};max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45;overflow-wrap:break-word}}
h1{{font-size:1.6rem}}h2{{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}}
p,li,figcaption,caption,summary{{overflow-wrap:anywhere}}
.table-wrap{{max-width:100%;overflow-x:auto;margin:.5rem 0 1.5rem}}
table{{border-collapse:collapse;font-size:.9rem}}
th,td{{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}}
th.num,td.num{{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}}
caption{{caption-side:top;text-align:left;padding-bottom:.3rem}}
.label{{font-weight:600}}
figure{{margin:1rem 1rem 2rem 0;display:inline-block;vertical-align:top;max-width:100%}}
figure svg{{display:block;max-width:100%;height:auto}}
figcaption{{font-size:.9rem;color:#444;max-width:28rem}}
pre{{background:#f6f6f6;padding:.8rem;font-size:.8rem;white-space:pre-wrap;overflow-wrap:anywhere}}
code{{background:#f3f5f7;padding:0 .2rem;font-size:.85em}}
nav.contents{{background:#f8f9fb;border:1px solid #e3e6ea;padding:.4rem 1rem;font-size:.9rem}}
nav.contents ol,nav.contents ul{{margin:.2rem 0;padding-left:1.4rem}}
nav.contents h2{{border:0;margin:.4rem 0;font-size:1.1rem}}
summary{{cursor:pointer;color:#1f4f7a}}
.subtitle{{color:#555;font-style:italic}}
.warning{{background:#fff4e5;border-left:4px solid #e07b00;padding:.5rem .8rem}}
@media (max-width:600px){{body{{margin:1rem auto;padding:0 .6rem}}figure{{display:block;margin:1rem 0 1.5rem}}}}
@media print{{@page{{size:A4;margin:16mm 14mm}}
body{{max-width:none;margin:0;padding:0;font-size:10pt;line-height:1.35}}
h2,caption{{break-after:avoid}}
.table-wrap{{overflow:visible}}
table{{font-size:8pt;max-width:100%}}
th,td{{padding:.1rem .3rem;overflow-wrap:anywhere}}
th.num,td.num{{white-space:normal}}
tr,figure{{break-inside:avoid}}
figure{{display:block;margin:.5rem 0 1rem}}
pre{{font-size:7.5pt}}
nav.contents{{border:0;background:none;padding:0}}
a{{color:inherit;text-decoration:none}}}}",
        cjk_font_face()
    )
}

fn html_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n<h1>{t}</h1>\n",
        style(),
        t = escape(title)
    )
}

/// Renders a document as one self-contained HTML page (inline CSS and SVG, no scripts, no
/// network access). Tables and figures are numbered with anchors `#table-N` and `#figure-N`,
/// a contents list follows the title, numeric table columns are right-aligned and text
/// columns left-aligned, wide tables scroll inside their box, figures scale to the page, and
/// a print style sheet lays the page out on A4.
///
/// ```
/// use fiscus_report::{Block, Document, Figure};
/// let d = Document { title: "T".into(), subtitle: None, blocks: vec![Block::Figure(Figure {
///     id: "xy1".into(), caption: "Path 1".into(), svg: "<svg id=\"s\"></svg>".into() })] };
/// let html = fiscus_report::to_html(&d);
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains("<svg id=\"s\"></svg>"));
/// assert!(html.contains("<figure id=\"figure-1\">"));
/// assert!(html.contains("<span class=\"label\">Figure 1.</span> Path 1"));
/// assert!(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"));
/// ```
pub fn to_html(doc: &Document) -> String {
    let n = Numbering::of(doc);
    let text = |s: &str| inline_html(&n.resolve(s));
    let mut out = html_head(&doc.title);
    if let Some(s) = &doc.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(s));
    }
    let toc = Contents::of(doc, &n);
    if !toc.is_empty() {
        out.push_str("<nav class=\"contents\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        for (a, t) in &toc.sections {
            let _ = writeln!(out, "<li><a href=\"#{a}\">{}</a></li>", escape(t));
        }
        out.push_str("</ol>\n");
        for (what, list) in [("Tables", &toc.tables), ("Figures", &toc.figures)] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "<details><summary>{what} ({})</summary>\n<ul>",
                list.len()
            );
            for (a, t) in list {
                let _ = writeln!(out, "<li><a href=\"#{a}\">{}</a></li>", inline_html(t));
            }
            out.push_str("</ul>\n</details>\n");
        }
        out.push_str("</nav>\n");
    }
    let (mut sec, mut tab, mut fig) = (0, 0, 0);
    for b in &doc.blocks {
        match b {
            Block::Heading { level, text: h } => {
                let l = (*level).clamp(2, 4);
                if l == 2 {
                    sec += 1;
                    let _ = writeln!(out, "<h2 id=\"section-{sec}\">{}</h2>", escape(h));
                } else {
                    let _ = writeln!(out, "<h{l}>{}</h{l}>", escape(h));
                }
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", text(p.trim()));
            }
            Block::Warning(p) => {
                let _ = writeln!(
                    out,
                    "<p class=\"warning\"><strong>Warning:</strong> {}</p>",
                    text(p.trim())
                );
            }
            Block::Code(c) => {
                let _ = writeln!(out, "<pre>{}</pre>", escape(c.trim_end()));
            }
            Block::Appendix {
                title,
                summary,
                body,
            } => {
                sec += 1;
                let _ = writeln!(
                    out,
                    "<section class=\"appendix\">\n<h2 id=\"section-{sec}\">{}</h2>\n<details>\n<summary>{}</summary>\n<pre>{}</pre>\n</details>\n</section>",
                    escape(title),
                    escape(summary),
                    escape(body.trim_end())
                );
            }
            Block::Table(t) => {
                tab += 1;
                let _ = writeln!(
                    out,
                    "<div class=\"table-wrap\">\n<table id=\"table-{tab}\">\n<caption><span class=\"label\">Table {tab}.</span> {}</caption>",
                    text(&t.caption)
                );
                let numeric = numeric_columns(t);
                let class = |j: usize| {
                    if numeric.get(j).copied().unwrap_or(false) {
                        " class=\"num\""
                    } else {
                        ""
                    }
                };
                out.push_str("<thead><tr>");
                for (j, h) in t.header.iter().enumerate() {
                    let _ = write!(out, "<th{}>{}</th>", class(j), escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for r in &t.rows {
                    out.push_str("<tr>");
                    for (j, c) in r.iter().enumerate() {
                        let _ = write!(out, "<td{}>{}</td>", class(j), escape(c));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n</div>\n");
            }
            Block::Figure(f) => {
                fig += 1;
                let _ = writeln!(
                    out,
                    "<figure id=\"figure-{fig}\">\n{}\n<figcaption><span class=\"label\">Figure {fig}.</span> {}</figcaption>\n</figure>",
                    f.svg.trim(),
                    text(&f.caption)
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
    out.push_str(&html_head(title));
    out.push_str("<ul>\n");
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
