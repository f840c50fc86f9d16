//! The table model's renderers for people at a terminal and for machines: terminal text
//! padded by display width (so 优/良/中/差 and other wide characters line up), CSV through the
//! `csv` crate, and a [`View`] — what a command prints — made of [`Block`]s.
//!
//! Markdown and HTML renderings of the same blocks are [`crate::to_markdown`] and
//! [`crate::to_html`].
//!
//! ```
//! use fiscus_report::{table::{Digits, View}, Block, Table};
//! let v = View::new(vec![
//!     Block::Heading { level: 1, text: "Weights".into() },
//!     Block::Table(Table::new("w", "", vec!["element".into(), "weight".into()],
//!         vec![vec!["优".into(), Digits::Rounded.num(0.25, 4)],
//!              vec!["ECON".into(), Digits::Rounded.num(0.75, 4)]])),
//! ]);
//! assert_eq!(v.text(), "Weights\n\nelement  weight\n优       0.2500\nECON     0.7500\n");
//! assert_eq!(v.csv(), "element,weight\n优,0.2500\nECON,0.7500\n");
//! ```

use unicode_width::UnicodeWidthStr;

use crate::{Block, Table};

/// How a view writes its numbers: rounded for people (table output, reports) or exact for
/// machines (CSV output: the shortest decimal that reads back as the same `f64`).
///
/// ```
/// use fiscus_report::table::Digits;
/// assert_eq!(Digits::Rounded.num(0.123456, 4), "0.1235");
/// assert_eq!(Digits::Exact.num(0.123456, 4), "0.123456");
/// assert_eq!(Digits::Exact.num(f64::NAN, 4), "NA");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    /// `d` decimals, as [`crate::num`].
    Rounded,
    /// Every digit the value has.
    Exact,
}

impl Digits {
    /// Writes `v` with `d` decimals ([`Digits::Rounded`]) or exactly ([`Digits::Exact`]);
    /// `NA` for NaN either way.
    ///
    /// ```
    /// assert_eq!(fiscus_report::table::Digits::Rounded.num(2.0, 3), "2.000");
    /// ```
    pub fn num(self, v: f64, d: usize) -> String {
        match self {
            Digits::Rounded => crate::num(v, d),
            Digits::Exact if v.is_nan() => "NA".into(),
            Digits::Exact => format!("{v}"),
        }
    }

    /// Like [`Digits::num`], blank for `None`.
    ///
    /// ```
    /// use fiscus_report::table::Digits;
    /// assert_eq!(Digits::Rounded.opt(None, 3), "");
    /// assert_eq!(Digits::Rounded.opt(Some(0.5), 3), "0.500");
    /// ```
    pub fn opt(self, v: Option<f64>, d: usize) -> String {
        v.map(|v| self.num(v, d)).unwrap_or_default()
    }

    /// A p-value: `< 0.001` below 0.001, else three decimals ([`Digits::Rounded`]); every
    /// digit ([`Digits::Exact`]); `NA` for NaN.
    ///
    /// ```
    /// use fiscus_report::table::Digits;
    /// assert_eq!(Digits::Rounded.p(0.00002), "< 0.001");
    /// assert_eq!(Digits::Rounded.p(0.0456), "0.046");
    /// assert_eq!(Digits::Exact.p(0.00002), "0.00002");
    /// ```
    pub fn p(self, p: f64) -> String {
        match self {
            Digits::Rounded => crate::p_value(p),
            Digits::Exact => self.num(p, 3),
        }
    }

    /// True for [`Digits::Exact`]: the view is written for a machine (no indentation, no
    /// decoration in cells).
    ///
    /// ```
    /// assert!(fiscus_report::table::Digits::Exact.machine());
    /// ```
    pub fn machine(self) -> bool {
        self == Digits::Exact
    }
}

/// How a column's cells are aligned in terminal text.
///
/// ```
/// use fiscus_report::{table::Align, Table};
/// let t = Table::new("t", "", vec!["term".into(), "incl".into()],
///     vec![vec!["A*B".into(), "0.912".into()], vec!["~C".into(), "NA".into()]]);
/// assert_eq!(t.aligns(), vec![Align::Left, Align::Right]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: padded on the right.
    Left,
    /// Numbers: padded on the left.
    Right,
}

impl Table {
    /// The alignment of each column: right for numeric columns ([`crate::numeric_columns`]),
    /// left for text.
    ///
    /// ```
    /// use fiscus_report::{table::Align, Table};
    /// let t = Table::new("t", "", vec!["n".into(), "k".into()], vec![vec!["1".into(), "".into()]]);
    /// assert_eq!(t.aligns(), vec![Align::Right, Align::Left]);
    /// ```
    pub fn aligns(&self) -> Vec<Align> {
        crate::numeric_columns(self)
            .into_iter()
            .map(|n| if n { Align::Right } else { Align::Left })
            .collect()
    }

    /// The table as terminal text: columns padded to their display width (East Asian wide
    /// characters count two), two spaces between columns, no trailing blanks. The caption is
    /// not included (see [`View::text`]).
    ///
    /// ```
    /// let t = fiscus_report::Table::new("t", "", vec!["grade".into(), "n".into()],
    ///     vec![vec!["优".into(), "3".into()], vec!["good".into(), "12".into()]]);
    /// assert_eq!(t.to_text(), "grade   n\n优      3\ngood   12\n");
    /// ```
    pub fn to_text(&self) -> String {
        let ncol = self.header.len();
        let aligns = self.aligns();
        let mut width: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for r in &self.rows {
            for (j, c) in r.iter().enumerate().take(ncol) {
                width[j] = width[j].max(c.width());
            }
        }
        let mut out = String::new();
        for r in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (j, c) in r.iter().enumerate().take(ncol) {
                if j > 0 {
                    line.push_str("  ");
                }
                let pad = " ".repeat(width[j].saturating_sub(c.width()));
                match aligns[j] {
                    Align::Left => {
                        line.push_str(c);
                        line.push_str(&pad);
                    }
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(c);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The table as CSV (RFC 4180 quoting by the `csv` crate; `\n` line ends).
    ///
    /// ```
    /// let t = fiscus_report::Table::new("t", "", vec!["a".into(), "b".into()],
    ///     vec![vec!["x,y".into(), "say \"hi\"\r".into()]]);
    /// assert_eq!(t.to_csv(), "a,b\n\"x,y\",\"say \"\"hi\"\"\r\"\n");
    /// ```
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for r in std::iter::once(&self.header).chain(&self.rows) {
            // Writing into a Vec cannot fail; a failure would only lose the row.
            let _ = w.write_record(r);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// What a command prints: blocks for people, and the data table `--format csv` writes.
///
/// ```
/// use fiscus_report::{table::View, Block, Table};
/// let data = Table::new("d", "", vec!["x".into()], vec![vec!["1".into()]]);
/// let v = View::new(vec![Block::Paragraph("n = 1".into())]).with_csv(data);
/// assert_eq!(v.text(), "n = 1\n");
/// assert_eq!(v.csv(), "x\n1\n");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    /// The blocks shown at a terminal, in order.
    pub blocks: Vec<Block>,
    /// The table `--format csv` writes; `None`: the first table among the blocks.
    pub data: Option<Table>,
}

impl View {
    /// A view of blocks whose first table is its data.
    ///
    /// ```
    /// assert!(fiscus_report::table::View::new(vec![]).blocks.is_empty());
    /// ```
    pub fn new(blocks: Vec<Block>) -> View {
        View { blocks, data: None }
    }

    /// The same view with a data table that is not (or not in this shape) among its blocks.
    ///
    /// ```
    /// use fiscus_report::{table::View, Table};
    /// let v = View::default().with_csv(Table::new("d", "", vec!["a".into()], vec![]));
    /// assert_eq!(v.csv(), "a\n");
    /// ```
    pub fn with_csv(mut self, data: Table) -> View {
        self.data = Some(data);
        self
    }

    /// Appends a block.
    ///
    /// ```
    /// let mut v = fiscus_report::table::View::default();
    /// v.push(fiscus_report::Block::Paragraph("x".into()));
    /// assert_eq!(v.text(), "x\n");
    /// ```
    pub fn push(&mut self, b: Block) {
        self.blocks.push(b);
    }

    /// Appends a paragraph (one or more lines of text).
    ///
    /// ```
    /// let mut v = fiscus_report::table::View::default();
    /// v.line("a");
    /// v.line("b");
    /// assert_eq!(v.text(), "a\nb\n");
    /// ```
    pub fn line(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    /// Appends a table with a caption (shown above it at a terminal, followed by `:`).
    ///
    /// ```
    /// let mut v = fiscus_report::table::View::default();
    /// v.table("Weights", vec!["a".into()], vec![vec!["1".into()]]);
    /// assert_eq!(v.text(), "Weights:\na\n1\n");
    /// ```
    pub fn table(&mut self, caption: &str, header: Vec<String>, rows: Vec<Vec<String>>) {
        let id = format!("table-{}", self.blocks.len() + 1);
        self.blocks
            .push(Block::Table(Table::new(&id, caption, header, rows)));
    }

    /// Terminal text: a heading, a table or a warning stands apart from its neighbours by a
    /// blank line; consecutive paragraphs are consecutive lines; a table's caption is written
    /// above it followed by `:`; a figure is named by its caption.
    ///
    /// ```
    /// use fiscus_report::{table::View, Block};
    /// let v = View::new(vec![Block::Heading { level: 1, text: "T".into() },
    ///     Block::Paragraph("a".into()), Block::Paragraph("b".into()),
    ///     Block::Warning("w".into())]);
    /// assert_eq!(v.text(), "T\n\na\nb\n\nwarning: w\n");
    /// ```
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut prev_paragraph = false;
        for (k, b) in self.blocks.iter().enumerate() {
            let is_paragraph = matches!(b, Block::Paragraph(_));
            if k > 0 && !(is_paragraph && prev_paragraph) {
                out.push('\n');
            }
            prev_paragraph = is_paragraph;
            match b {
                Block::Heading { text, .. } => out.push_str(text),
                Block::Paragraph(p) => out.push_str(p.trim_end()),
                Block::Warning(w) => {
                    out.push_str("warning: ");
                    out.push_str(w.trim_end());
                }
                Block::Appendix { title, body, .. } => {
                    out.push_str(title);
                    out.push('\n');
                    for l in body.trim_end().lines() {
                        out.push_str("  ");
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.pop();
                }
                Block::Code(c) => {
                    for l in c.trim_end().lines() {
                        out.push_str("  ");
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.pop();
                }
                Block::Table(t) => {
                    if !t.caption.is_empty() {
                        out.push_str(t.caption.trim_end_matches(':'));
                        out.push_str(":\n");
                    }
                    out.push_str(t.to_text().trim_end_matches('\n'));
                }
                Block::Figure(f) => {
                    out.push_str("[figure: ");
                    out.push_str(&f.caption);
                    out.push(']');
                }
            }
            out.push('\n');
        }
        out
    }

    /// The data table as CSV ([`Table::to_csv`]); empty when the view has no table.
    ///
    /// ```
    /// assert_eq!(fiscus_report::table::View::default().csv(), "");
    /// ```
    pub fn csv(&self) -> String {
        self.data
            .as_ref()
            .or_else(|| {
                self.blocks.iter().find_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
            })
            .map(Table::to_csv)
            .unwrap_or_default()
    }
}
