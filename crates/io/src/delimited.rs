//! A one-pass reader of delimited text straight into columns.
//!
//! RFC 4180 quoting (`"a, b"`, `""` for a quote), records ended by `\n`, `\r\n` or `\r`, fields
//! trimmed, lines whose fields are all empty skipped. Unquoted fields are parsed in place (no
//! allocation unless a cell is text); only a quoted field with an escaped quote is copied.
//! Malformed quoting is an error naming the line and the column instead of a silent
//! misreading: a quote never closed, text after a closing quote, and a quoted field that
//! runs over a line break (in a table of cases that is an unbalanced quote swallowing the
//! next lines, never a value).

use std::borrow::Cow;

use fiscus_data::{Cell, DataError};

use crate::IoError;

/// The header (names as written, trimmed) and the cells column by column.
pub(crate) struct Table {
    pub header: Vec<String>,
    pub columns: Vec<Vec<Cell>>,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
    name: &'a str,
}

/// Where a field begins: its line and its 0-based index in the record.
#[derive(Clone, Copy)]
struct At {
    line: usize,
    field: usize,
}

enum Malformed {
    Unclosed,
    LineBreak,
    AfterQuote,
}

impl<'a> Parser<'a> {
    /// Reads the next record into `fields`; `None` at the end of the text.
    fn record(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Result<Option<usize>, (Malformed, At)> {
        fields.clear();
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return Ok(None);
        }
        let start_line = self.line;
        loop {
            let at = At {
                line: self.line,
                field: fields.len(),
            };
            let mut i = self.pos;
            while i < bytes.len() && bytes[i] == b' ' && self.delimiter != b' ' {
                i += 1;
            }
            let field: Cow<'a, str>;
            if i < bytes.len() && bytes[i] == b'"' {
                let open = i + 1;
                let mut k = open;
                let mut escaped = false;
                let close = loop {
                    match bytes[k..].iter().position(|&b| b == b'"') {
                        None => return Err((Malformed::Unclosed, at)),
                        Some(q) => {
                            let q = k + q;
                            if bytes.get(q + 1) == Some(&b'"') {
                                escaped = true;
                                k = q + 2;
                            } else {
                                break q;
                            }
                        }
                    }
                };
                let inner = &self.text[open..close];
                if inner.bytes().any(|b| b == b'\n' || b == b'\r') {
                    return Err((Malformed::LineBreak, at));
                }
                field = if escaped {
                    Cow::Owned(inner.replace("\"\"", "\"").trim().to_string())
                } else {
                    Cow::Borrowed(inner.trim())
                };
                i = close + 1;
                while i < bytes.len()
                    && matches!(bytes[i], b' ' | b'\t')
                    && bytes[i] != self.delimiter
                {
                    i += 1;
                }
                if i < bytes.len()
                    && !matches!(bytes[i], b'\n' | b'\r')
                    && bytes[i] != self.delimiter
                {
                    return Err((Malformed::AfterQuote, at));
                }
            } else {
                let from = self.pos;
                let end = bytes[from..]
                    .iter()
                    .position(|&b| b == self.delimiter || b == b'\n' || b == b'\r')
                    .map_or(bytes.len(), |p| from + p);
                field = Cow::Borrowed(self.text[from..end].trim());
                i = end;
            }
            fields.push(field);
            match bytes.get(i) {
                Some(&b) if b == self.delimiter => self.pos = i + 1,
                Some(b'\r') => {
                    self.pos = if bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    self.line += 1;
                    return Ok(Some(start_line));
                }
                Some(b'\n') => {
                    self.pos = i + 1;
                    self.line += 1;
                    return Ok(Some(start_line));
                }
                _ => {
                    self.pos = bytes.len();
                    return Ok(Some(start_line));
                }
            }
        }
    }
}

/// Counts `tab`, `;` and `,` in the first line and picks the most frequent (tab, then
/// semicolon, on ties; comma by default).
pub(crate) fn sniff_delimiter(first_line: &str) -> u8 {
    let count = |c: u8| first_line.bytes().filter(|&b| b == c).count();
    let (tab, semi, comma) = (count(b'\t'), count(b';'), count(b','));
    if tab > 0 && tab >= semi && tab >= comma {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Parses delimited `text` (BOM already stripped) into a header and columns of cells.
pub(crate) fn parse(
    text: &str,
    name: &str,
    delimiter: u8,
    decimal_comma: bool,
    progress: &dyn Fn(u64, u64),
) -> Result<Table, IoError> {
    let mut p = Parser {
        text,
        pos: 0,
        line: 1,
        delimiter,
        name,
    };
    let malformed = |p: &Parser,
                     (kind, at): (Malformed, At),
                     header: Option<&[String]>,
                     row: usize| {
        let column = match header.and_then(|h| h.get(at.field)) {
            Some(h) if !h.is_empty() => format!("column `{h}`"),
            _ => format!("column {}", at.field + 1),
        };
        let row = if header.is_some() {
            format!(" (row {row})")
        } else {
            " (header)".to_string()
        };
        let message = match kind {
            Malformed::Unclosed => "a quoted field is never closed (unbalanced quote)",
            Malformed::LineBreak => {
                "a quoted field runs over a line break (unbalanced quote? a value cannot span lines)"
            }
            Malformed::AfterQuote => "text follows the closing quote of a quoted field",
        };
        IoError::Malformed {
            source_name: p.name.to_string(),
            line: at.line,
            message: format!("{column}{row}: {message}"),
        }
    };
    let mut fields: Vec<Cow<str>> = Vec::new();
    let header: Vec<String> = loop {
        match p.record(&mut fields) {
            Err(e) => return Err(malformed(&p, e, None, 0)),
            Ok(None) => {
                return Err(DataError::Empty {
                    source_name: name.to_string(),
                }
                .into())
            }
            Ok(Some(_)) if fields.iter().all(|f| f.is_empty()) => continue,
            Ok(Some(_)) => break fields.iter().map(|f| f.to_string()).collect(),
        }
    };
    let width = header.len();
    // A first guess of the number of rows, to avoid regrowing the columns.
    let rows_guess = text.len() / (p.pos.max(1)) + 1;
    let mut columns: Vec<Vec<Cell>> = (0..width)
        .map(|_| Vec::with_capacity(rows_guess.min(1 << 24)))
        .collect();
    let mut row = 0usize;
    loop {
        let line = match p.record(&mut fields) {
            Err(e) => return Err(malformed(&p, e, Some(&header), row + 1)),
            Ok(None) => break,
            Ok(Some(line)) => line,
        };
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if fields.len() != width {
            return Err(IoError::Ragged {
                source_name: name.to_string(),
                line,
                got: fields.len(),
                expected: width,
            });
        }
        row += 1;
        if row % 16_384 == 0 {
            progress(p.pos as u64, text.len() as u64);
        }
        for (col, f) in columns.iter_mut().zip(fields.iter()) {
            col.push(Cell::parse(f, decimal_comma));
        }
    }
    Ok(Table { header, columns })
}
