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

use fiscus_data::{Cell, Column, DataError, Dataset};

/// Errors while reading or writing a table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IoError {
    /// The data are malformed (see [`DataError`]).
    #[error(transparent)]
    Data(#[from] DataError),
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
    /// Column with the case labels (default: a column named `case`, else labels 1..N).
    pub id_column: Option<String>,
    /// Force the format instead of guessing it from the name.
    pub format: Option<Format>,
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

/// Reads a table from `bytes`; `name` is used in error messages and to guess the format.
///
/// ```
/// let ds = fiscus_io::read_table(b"\xEF\xBB\xBFcase,X\nAT,1\n", "x.csv", &Default::default()).unwrap();
/// assert_eq!(ds.cases(), &["AT".to_string()]);
/// let err = fiscus_io::read_table(b"case,X\nAT,abc\n", "x.csv", &Default::default()).unwrap();
/// assert!(err.numeric("X").unwrap_err().to_string().contains("row 1 (case `AT`), column `X`"));
/// ```
pub fn read_table(bytes: &[u8], name: &str, opts: &ReadOptions) -> Result<Dataset, IoError> {
    let (header, rows) = match opts.format.unwrap_or_else(|| Format::from_name(name)) {
        Format::Csv => read_csv_cells(bytes, name, opts)?,
        Format::Xlsx => read_xlsx_cells(bytes, name, opts)?,
    };
    build_dataset(name, header, rows, opts)
}

fn sniff_delimiter(first_line: &str) -> u8 {
    let count = |c: char| first_line.matches(c).count();
    let (tab, semi, comma) = (count('\t'), count(';'), count(','));
    if tab > 0 && tab >= semi && tab >= comma {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

type Cells = (Vec<String>, Vec<Vec<Cell>>);

fn read_csv_cells(bytes: &[u8], name: &str, opts: &ReadOptions) -> Result<Cells, IoError> {
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
            sniff_delimiter(first)
        }
    });
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| IoError::Csv {
            source_name: name.to_string(),
            message: e.to_string(),
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        match &header {
            None => header = Some(rec.iter().map(str::to_string).collect()),
            Some(h) => {
                if rec.len() != h.len() {
                    return Err(IoError::Ragged {
                        source_name: name.to_string(),
                        line,
                        got: rec.len(),
                        expected: h.len(),
                    });
                }
                rows.push(
                    rec.iter()
                        .map(|f| Cell::parse(f, opts.decimal_comma))
                        .collect(),
                );
            }
        }
    }
    Ok((header.unwrap_or_default(), rows))
}

fn read_xlsx_cells(bytes: &[u8], name: &str, opts: &ReadOptions) -> Result<Cells, IoError> {
    use calamine::{Data, Reader, Xlsx};
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
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| xerr(format!("sheet `{sheet}`: {e}")))?;
    let mut it = range.rows();
    let header: Vec<String> = match it.next() {
        Some(r) => r.iter().map(|c| c.to_string().trim().to_string()).collect(),
        None => {
            return Err(DataError::Empty {
                source_name: name.to_string(),
            }
            .into())
        }
    };
    let rows = it
        .filter(|r| r.iter().any(|c| !matches!(c, Data::Empty)))
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => Cell::Missing,
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Bool(b) => Cell::Number(f64::from(u8::from(*b))),
                    Data::Error(_) => Cell::Missing,
                    other => Cell::parse(&other.to_string(), opts.decimal_comma),
                })
                .collect()
        })
        .collect();
    Ok((header, rows))
}

fn build_dataset(
    name: &str,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    opts: &ReadOptions,
) -> Result<Dataset, IoError> {
    if header.is_empty() || rows.is_empty() {
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
            None => header
                .iter()
                .position(|h| h == "case")
                .or_else(|| (header[0].is_empty()).then_some(0)),
        };
    let cases: Vec<String> = match id_idx {
        Some(k) => rows
            .iter()
            .enumerate()
            .map(|(i, r)| match r.get(k) {
                Some(Cell::Missing) | None => (i + 1).to_string(),
                Some(c) => c.to_string(),
            })
            .collect(),
        None => (1..=rows.len()).map(|i| i.to_string()).collect(),
    };
    for (i, c) in cases.iter().enumerate() {
        if let Some(j) = cases[..i].iter().position(|d| d == c) {
            return Err(DataError::DuplicateCase {
                source_name: name.to_string(),
                case: c.clone(),
                first: j + 1,
                second: i + 1,
            }
            .into());
        }
    }
    let columns = header
        .iter()
        .enumerate()
        .filter(|(k, _)| Some(*k) != id_idx)
        .map(|(k, h)| {
            Column::new(
                h.clone(),
                rows.iter()
                    .map(|r| r.get(k).cloned().unwrap_or(Cell::Missing))
                    .collect(),
            )
        })
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
/// Each table is a header and rows of cells.
///
/// ```
/// use fiscus_data::Cell;
/// let bytes = fiscus_io::write_xlsx(&[("T".into(), vec!["A".into()], vec![vec![Cell::Number(1.0)]])]).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, IoError> {
    let xerr = |e: rust_xlsxwriter::XlsxError| IoError::Xlsx {
        source_name: "workbook".into(),
        message: e.to_string(),
    };
    let mut wb = rust_xlsxwriter::Workbook::new();
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
