//! `fiscus-io`: reading tables (CSV, TSV, XLSX) into a [`Dataset`] and writing them back.
//!
//! The functions parse bytes the caller has read, so this crate does no file access of its
//! own: the binary opens files (or stdin) and hands the bytes over with the name to use in
//! error messages.
//!
//! ```
//! use fiscus_io::{read_table, ReadOptions};
//! let ds = read_table(b"case;X\na;0,5\nb;NA\n", "x.csv", &ReadOptions { decimal_comma: true, ..Default::default() }).unwrap();
//! assert_eq!(ds.numeric("X").unwrap(), vec![Some(0.5), None]);
//! ```

use std::collections::HashMap;

use fiscus_data::{Cell, Column, DataError, Dataset};

mod delimited;

/// Errors while reading or writing a table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IoError {
    /// The data are malformed (see [`DataError`]).
    #[error(transparent)]
    Data(#[from] DataError),
    /// A reading option written wrongly (`--decimal`, `--delimiter`).
    #[error("{0}")]
    Separator(String),
    /// The CSV reader failed.
    #[error("{source_name}: {message}")]
    Csv {
        /// File or stream name.
        source_name: String,
        /// What went wrong.
        message: String,
    },
    /// A row has a different number of fields from the header.
    #[error("{source_name}: line {line} has {got} fields, the header has {expected}")]
    Ragged {
        /// File or stream name.
        source_name: String,
        /// 1-based line in the file.
        line: usize,
        /// Fields found.
        got: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// The workbook could not be read.
    #[error("{source_name}: {message}")]
    Xlsx {
        /// File name.
        source_name: String,
        /// What went wrong.
        message: String,
    },
    /// Malformed delimited text (an unbalanced quote), with the line and column.
    #[error("{source_name}: line {line}, {message}")]
    Malformed {
        /// File or stream name.
        source_name: String,
        /// 1-based line in the file where the field begins.
        line: usize,
        /// The column and what is wrong.
        message: String,
    },
    /// A header cell other than the case-label column is empty.
    #[error("{source_name}: column {column} has an empty name in the header (name it; an unnamed first column holds the case labels only when no column is called `case`)")]
    EmptyName {
        /// File or stream name.
        source_name: String,
        /// 1-based column position.
        column: usize,
    },
    /// An option that does not apply to this input.
    #[error("{source_name}: {message}")]
    Option {
        /// File or stream name.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("{source_name}: the file has {bytes} bytes, more than the limit of {} bytes (1 GiB) for an input file", MAX_INPUT_BYTES)]
    TooLarge {
        /// File or stream name.
        source_name: String,
        /// Its size (or at least that many bytes).
        bytes: u64,
    },
    /// The file is not valid UTF-8.
    #[error("{source_name}: line {line} is not valid UTF-8")]
    Encoding {
        /// File or stream name.
        source_name: String,
        /// 1-based line.
        line: usize,
    },
}

/// How to read a table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// Field delimiter; `None` sniffs comma, semicolon or tab from the header line.
    pub delimiter: Option<u8>,
    /// Decimal commas (`0,5`): requires a delimiter other than the comma.
    pub decimal_comma: bool,
    /// Worksheet name for XLSX files (default: the first sheet).
    pub sheet: Option<String>,
    /// Column with the case labels (default: the first column named in `id_candidates`, else
    /// a column named `case`, else labels 1..N).
    pub id_column: Option<String>,
    /// Column names (any letter case) that label the cases when `id_column` is not given,
    /// tried in order before `case` (e.g. `expert`, `id` for a panel's ratings).
    pub id_candidates: Vec<String>,
    /// Force the format instead of guessing it from the name.
    pub format: Option<Format>,
}

impl ReadOptions {
    /// These options with the separators the command line gives: `decimal` `.` or `,`
    /// (`--decimal`) and `delimiter` one character, `tab` or `\t` (`--delimiter`; default:
    /// sniffed). Decimal commas need another delimiter than the comma.
    ///
    /// ```
    /// use fiscus_io::ReadOptions;
    /// let o = ReadOptions::default().with_separators(",", Some("tab")).unwrap();
    /// assert_eq!((o.decimal_comma, o.delimiter), (true, Some(b'\t')));
    /// let e = ReadOptions::default().with_separators(",", Some(",")).unwrap_err();
    /// assert_eq!(e.to_string(), "--decimal , needs a delimiter other than the comma");
    /// ```
    pub fn with_separators(
        mut self,
        decimal: &str,
        delimiter: Option<&str>,
    ) -> Result<Self, IoError> {
        let bad = |m: String| Err(IoError::Separator(m));
        self.decimal_comma = match decimal {
            "." => false,
            "," => true,
            other => return bad(format!("--decimal must be `.` or `,`, not `{other}`")),
        };
        self.delimiter = match delimiter {
            None => None,
            Some("\\t") | Some("tab") => Some(b'\t'),
            Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
            Some(d) => return bad(format!("--delimiter must be one character, not `{d}`")),
        };
        if self.decimal_comma && self.delimiter == Some(b',') {
            return bad("--decimal , needs a delimiter other than the comma".into());
        }
        Ok(self)
    }
}

/// File formats Fiscus reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delimited text.
    Csv,
    /// Office Open XML workbook.
    Xlsx,
}

impl Format {
    /// The format a file name implies (`.xlsx`/`.xlsm` → XLSX, anything else → CSV).
    ///
    /// ```
    /// use fiscus_io::Format;
    /// assert_eq!(Format::from_name("a.XLSX"), Format::Xlsx);
    /// assert_eq!(Format::from_name("-"), Format::Csv);
    /// ```
    pub fn from_name(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
            Format::Xlsx
        } else {
            Format::Csv
        }
    }
}

/// The largest input Fiscus reads (1 GiB): a data or study file above it is refused before it
/// is read, so that a wrong path (a device, a huge log) cannot exhaust the memory.
///
/// ```
/// assert_eq!(fiscus_io::MAX_INPUT_BYTES, 1 << 30);
/// ```
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Reads a table from `bytes`; `name` is used in error messages and to guess the format.
///
/// ```
/// let ds = fiscus_io::read_table(b"\xEF\xBB\xBFcase,X\nAT,1\n", "x.csv", &Default::default()).unwrap();
/// assert_eq!(ds.cases(), &["AT".to_string()]);
/// let err = fiscus_io::read_table(b"case,X\nAT,abc\n", "x.csv", &Default::default()).unwrap();
/// assert!(err.numeric("X").unwrap_err().to_string().contains("row 1 (case `AT`), column `X`"));
/// ```
pub fn read_table(bytes: &[u8], name: &str, opts: &ReadOptions) -> Result<Dataset, IoError> {
    read_table_with_progress(bytes, name, opts, &|_, _| {})
}

/// [`read_table`], telling `progress(done, total)` how many bytes of a delimited text file
/// have been parsed (every 16,384 records; a workbook reports once, at the end).
///
/// ```
/// use fiscus_io::{read_table_with_progress, ReadOptions};
/// let last = std::cell::Cell::new((0, 0));
/// let ds = read_table_with_progress(b"case,X\na,1\n", "x.csv", &ReadOptions::default(),
///     &|done, total| last.set((done, total))).unwrap();
/// assert_eq!(ds.n_cases(), 1);
/// assert_eq!(last.get(), (11, 11));
/// ```
pub fn read_table_with_progress(
    bytes: &[u8],
    name: &str,
    opts: &ReadOptions,
    progress: &dyn Fn(u64, u64),
) -> Result<Dataset, IoError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(IoError::TooLarge {
            source_name: name.to_string(),
            bytes: bytes.len() as u64,
        });
    }
    let (header, columns) = match opts.format.unwrap_or_else(|| Format::from_name(name)) {
        Format::Csv => {
            if let Some(s) = &opts.sheet {
                return Err(IoError::Option {
                    source_name: name.to_string(),
                    message: format!(
                        "a worksheet (`{s}`) is named, but the file is read as CSV: worksheets apply to .xlsx files only"
                    ),
                });
            }
            read_csv_cells(bytes, name, opts, progress)?
        }
        Format::Xlsx => read_xlsx_cells(bytes, name, opts)?,
    };
    progress(bytes.len() as u64, bytes.len() as u64);
    build_dataset(name, header, columns, opts)
}

/// A header and the cells column by column.
type Cells = (Vec<String>, Vec<Vec<Cell>>);

fn read_csv_cells(
    bytes: &[u8],
    name: &str,
    opts: &ReadOptions,
    progress: &dyn Fn(u64, u64),
) -> Result<Cells, IoError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| IoError::Encoding {
        source_name: name.to_string(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    })?;
    if text.trim().is_empty() {
        return Err(DataError::Empty {
            source_name: name.to_string(),
        }
        .into());
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = opts.delimiter.unwrap_or_else(|| {
        if name.to_ascii_lowercase().ends_with(".tsv") {
            b'\t'
        } else {
            delimited::sniff_delimiter(first)
        }
    });
    let t = delimited::parse(text, name, delimiter, opts.decimal_comma, progress)?;
    Ok((t.header, t.columns))
}

/// A used range may hold at most this many cells, or 16 times the filled ones when that is more.
const MAX_SPARSE_CELLS: u64 = 1 << 22;

/// `A`, `B`, ..., `Z`, `AA`, ... for a 0-based column.
fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn read_xlsx_cells(bytes: &[u8], name: &str, opts: &ReadOptions) -> Result<Cells, IoError> {
    use calamine::{Data, DataRef, Reader, Xlsx};
    let xerr = |m: String| IoError::Xlsx {
        source_name: name.to_string(),
        message: m,
    };
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| xerr(format!("not a readable workbook: {e}")))?;
    let sheets = wb.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) if sheets.contains(s) => s.clone(),
        Some(s) => {
            return Err(xerr(format!(
                "no sheet `{s}` (sheets: {})",
                sheets.join(", ")
            )))
        }
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| xerr("the workbook has no sheets".into()))?,
    };
    // The cells one by one (never a dense range sized by what the file claims).
    let mut filled: Vec<((u32, u32), Data)> = Vec::new();
    {
        let mut reader = wb
            .worksheet_cells_reader(&sheet)
            .map_err(|e| xerr(format!("sheet `{sheet}`: {e}")))?;
        while let Some(c) = reader
            .next_cell()
            .map_err(|e| xerr(format!("sheet `{sheet}`: {e}")))?
        {
            if !matches!(c.get_value(), DataRef::Empty) {
                filled.push((c.get_position(), Data::from(c.get_value().clone())));
            }
        }
    }
    if filled.is_empty() {
        return Err(DataError::Empty {
            source_name: name.to_string(),
        }
        .into());
    }
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0, u32::MAX, 0);
    for &((r, c), _) in &filled {
        r0 = r0.min(r);
        r1 = r1.max(r);
        c0 = c0.min(c);
        c1 = c1.max(c);
    }
    let (nrows, ncols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
    let span = nrows * ncols;
    if span > MAX_SPARSE_CELLS.max(16 * filled.len() as u64) {
        return Err(xerr(format!(
            "sheet `{sheet}`: the used range {}{}:{}{} spans {span} cells but only {} are filled \
             (a stray cell far from the table?); delete the stray cells or copy the table to a new sheet",
            column_letters(c0),
            r0 + 1,
            column_letters(c1),
            r1 + 1,
            filled.len()
        )));
    }
    let (nrows, ncols) = (nrows as usize, ncols as usize);
    let mut header = vec![String::new(); ncols];
    let mut columns: Vec<Vec<Cell>> = vec![vec![Cell::Missing; nrows - 1]; ncols];
    let mut row_filled = vec![false; nrows - 1];
    for ((r, c), v) in filled {
        let (r, c) = ((r - r0) as usize, (c - c0) as usize);
        if r == 0 {
            header[c] = v.to_string().trim().to_string();
            continue;
        }
        row_filled[r - 1] = true;
        columns[c][r - 1] = match v {
            Data::Empty | Data::Error(_) => Cell::Missing,
            Data::Int(i) => Cell::Number(i as f64),
            Data::Float(f) => Cell::Number(f),
            Data::Bool(b) => Cell::Number(f64::from(u8::from(b))),
            Data::String(s) => Cell::parse(&s, opts.decimal_comma),
            other => Cell::parse(&other.to_string(), opts.decimal_comma),
        };
    }
    if row_filled.iter().any(|f| !f) {
        for col in &mut columns {
            let mut k = 0;
            col.retain(|_| {
                k += 1;
                row_filled[k - 1]
            });
        }
    }
    Ok((header, columns))
}

fn build_dataset(
    name: &str,
    header: Vec<String>,
    mut columns: Vec<Vec<Cell>>,
    opts: &ReadOptions,
) -> Result<Dataset, IoError> {
    let n = columns.first().map_or(0, Vec::len);
    if header.is_empty() || n == 0 {
        return Err(DataError::Empty {
            source_name: name.to_string(),
        }
        .into());
    }
    let id_idx =
        match &opts.id_column {
            Some(id) => Some(header.iter().position(|h| h == id).ok_or_else(|| {
                DataError::UnknownColumn {
                    source_name: name.to_string(),
                    column: id.clone(),
                    suggestion: fiscus_data::closest(id, header.iter().map(String::as_str)),
                }
            })?),
            None => opts
                .id_candidates
                .iter()
                .find_map(|c| {
                    header
                        .iter()
                        .position(|h| h.to_lowercase() == c.to_lowercase())
                })
                .or_else(|| header.iter().position(|h| h == "case"))
                .or_else(|| (header[0].is_empty()).then_some(0)),
        };
    if let Some(k) = (0..header.len()).find(|&k| header[k].is_empty() && Some(k) != id_idx) {
        return Err(IoError::EmptyName {
            source_name: name.to_string(),
            column: k + 1,
        });
    }
    let cases: Vec<String> = match id_idx {
        Some(k) => {
            let labels: Vec<String> = std::mem::take(&mut columns[k])
                .into_iter()
                .enumerate()
                .map(|(i, c)| match c {
                    Cell::Missing => (i + 1).to_string(),
                    Cell::Text(s) => s,
                    c => c.to_string(),
                })
                .collect();
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(labels.len());
            for (i, c) in labels.iter().enumerate() {
                if let Some(&j) = seen.get(c.as_str()) {
                    return Err(DataError::DuplicateCase {
                        source_name: name.to_string(),
                        case: c.clone(),
                        first: j + 1,
                        second: i + 1,
                    }
                    .into());
                }
                seen.insert(c, i);
            }
            labels
        }
        None => (1..=n).map(|i| i.to_string()).collect(),
    };
    let columns = header
        .into_iter()
        .zip(columns)
        .enumerate()
        .filter(|(k, _)| Some(*k) != id_idx)
        .map(|(_, (h, cells))| Column::new(h, cells))
        .collect();
    Ok(Dataset::new(name, cases, columns)?)
}

/// Writes a dataset as CSV (case labels first, under `id_name`), numbers at full precision.
///
/// ```
/// let ds = fiscus_io::read_table(b"case,X\na,0.25\n", "x.csv", &Default::default()).unwrap();
/// assert_eq!(fiscus_io::write_csv(&ds, "case"), "case,X\na,0.25\n");
/// ```
pub fn write_csv(ds: &Dataset, id_name: &str) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![id_name.to_string()];
    header.extend(ds.column_names().iter().map(|s| s.to_string()));
    // Writing into a Vec cannot fail.
    let _ = w.write_record(&header);
    for (i, case) in ds.cases().iter().enumerate() {
        let mut rec = vec![case.clone()];
        rec.extend(ds.columns().iter().map(|c| match &c.cells[i] {
            Cell::Missing => "NA".to_string(),
            other => other.to_string(),
        }));
        let _ = w.write_record(&rec);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One worksheet to write: its name, the header and the rows of cells.
///
/// ```
/// let sheet: fiscus_io::Sheet = ("T".into(), vec!["A".into()], vec![vec![fiscus_data::Cell::Number(1.0)]]);
/// assert_eq!(sheet.1.len(), 1);
/// ```
pub type Sheet = (String, Vec<String>, Vec<Vec<Cell>>);

/// Writes one or more named tables to an XLSX workbook (one sheet each) and returns its bytes.
/// Each table is a header and rows of cells. The document's creation time is fixed
/// (2000-01-01T00:00:00Z), so the same tables give byte-identical workbooks on every run.
///
/// ```
/// use fiscus_data::Cell;
/// let bytes = fiscus_io::write_xlsx(&[("T".into(), vec!["A".into()], vec![vec![Cell::Number(1.0)]])]).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// let again = fiscus_io::write_xlsx(&[("T".into(), vec!["A".into()], vec![vec![Cell::Number(1.0)]])]).unwrap();
/// assert_eq!(bytes, again);
/// ```
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, IoError> {
    let xerr = |e: rust_xlsxwriter::XlsxError| IoError::Xlsx {
        source_name: "workbook".into(),
        message: e.to_string(),
    };
    let mut wb = rust_xlsxwriter::Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1).map_err(xerr)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    for (name, header, rows) in sheets {
        let ws = wb.add_worksheet();
        let safe: String = name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        ws.set_name(&safe).map_err(xerr)?;
        for (j, h) in header.iter().enumerate() {
            ws.write_string(0, j as u16, h).map_err(xerr)?;
        }
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                let (row, col) = (i as u32 + 1, j as u16);
                match c {
                    Cell::Number(v) => ws.write_number(row, col, *v).map(|_| ()),
                    Cell::Text(s) => ws.write_string(row, col, s).map(|_| ()),
                    Cell::Missing => Ok(()),
                }
                .map_err(xerr)?;
            }
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

/// Writes a dataset to an XLSX workbook (one sheet called `data`).
///
/// ```
/// let ds = fiscus_io::read_table(b"case,X\na,0.25\n", "x.csv", &Default::default()).unwrap();
/// let bytes = fiscus_io::write_dataset_xlsx(&ds, "case").unwrap();
/// let back = fiscus_io::read_table(&bytes, "x.xlsx", &Default::default()).unwrap();
/// assert_eq!(back.numeric("X").unwrap(), vec![Some(0.25)]);
/// ```
pub fn write_dataset_xlsx(ds: &Dataset, id_name: &str) -> Result<Vec<u8>, IoError> {
    let mut header = vec![id_name.to_string()];
    header.extend(ds.column_names().iter().map(|s| s.to_string()));
    let rows = (0..ds.n_cases())
        .map(|i| {
            let mut r = vec![Cell::Text(ds.cases()[i].clone())];
            r.extend(ds.columns().iter().map(|c| c.cells[i].clone()));
            r
        })
        .collect();
    write_xlsx(&[("data".into(), header, rows)])
}
