//! Key-located errors of TOML input files (study files, indicator systems, AHP hierarchies):
//! every problem is reported as `file:line:column: key `a.b[2].c`: message`, with the line and
//! column of the offending key found from the TOML parser's spans. The caller reads the file
//! and passes its name and text; nothing here touches the file system.

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One step of a key path: a table key or an array index.
///
/// ```
/// use fiscus_data::KeyPart;
/// assert_eq!(fiscus_data::toml_keys::path_string(&[KeyPart::key("a"), KeyPart::Index(2), KeyPart::key("b")]), "a[2].b");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyPart {
    /// A table key.
    Key(String),
    /// An array element (0-based).
    Index(usize),
}

impl KeyPart {
    /// A table key.
    ///
    /// ```
    /// assert_eq!(fiscus_data::KeyPart::key("a"), fiscus_data::KeyPart::Key("a".into()));
    /// ```
    pub fn key(k: &str) -> KeyPart {
        KeyPart::Key(k.to_string())
    }
}

/// A problem in a TOML input file, located at a key.
///
/// ```
/// let e = fiscus_data::KeyError { file: "s.toml".into(), line: 3, column: 1,
///     key: "grades.conversion".into(), message: "unknown conversion `x30`".into() };
/// assert_eq!(e.to_string(), "s.toml:3:1: key `grades.conversion`: unknown conversion `x30`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: key `{key}`: {message}")]
pub struct KeyError {
    /// The file, as named in messages.
    pub file: String,
    /// 1-based line (0 if unknown).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Dotted key path (`dimension[2].indicator[0].weight`).
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// The text of a TOML file with its name, for parsing and for locating keys in messages.
///
/// ```
/// use fiscus_data::{KeyPart, TomlDoc};
/// #[derive(serde::Deserialize, Debug)]
/// struct T { a: u32 }
/// let doc = TomlDoc::new("t.toml", "a = 1\n");
/// let t: T = doc.parse().unwrap();
/// assert_eq!(t.a, 1);
/// let e = TomlDoc::new("t.toml", "a = \"x\"\n").parse::<T>().unwrap_err();
/// assert!(e.to_string().starts_with("t.toml:1:5: key `a`:"), "{e}");
/// assert_eq!(doc.error_at(&[KeyPart::key("a")], "too small").to_string(), "t.toml:1:1: key `a`: too small");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlDoc {
    file: String,
    text: String,
}

impl TomlDoc {
    /// A document from its name (for messages) and text.
    ///
    /// ```
    /// assert_eq!(fiscus_data::TomlDoc::new("a.toml", "").file(), "a.toml");
    /// ```
    pub fn new(file: impl Into<String>, text: impl Into<String>) -> Self {
        TomlDoc {
            file: file.into(),
            text: text.into(),
        }
    }

    /// The file name.
    ///
    /// ```
    /// assert_eq!(fiscus_data::TomlDoc::new("a.toml", "x = 1").file(), "a.toml");
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The text.
    ///
    /// ```
    /// assert_eq!(fiscus_data::TomlDoc::new("a.toml", "x = 1").text(), "x = 1");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Deserialises the text; a syntax error or a value of the wrong type is located at its key.
    ///
    /// ```
    /// let e = fiscus_data::TomlDoc::new("a.toml", "x = 1\ny = [\n").parse::<toml::Table>().unwrap_err();
    /// assert!(e.to_string().starts_with("a.toml:"), "{e}");
    /// ```
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, KeyError> {
        toml::from_str(&self.text).map_err(|e| {
            let span = e.span();
            let (line, column) = span
                .as_ref()
                .map(|s| line_col(&self.text, s.start))
                .unwrap_or((0, 0));
            let key = span
                .as_ref()
                .and_then(|s| key_at(&self.text, s.start))
                .unwrap_or_default();
            KeyError {
                file: self.file.clone(),
                line,
                column,
                key,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// An error about the value at `path`, with the line and column of that key (of the
    /// deepest part of the path found in the text).
    ///
    /// ```
    /// use fiscus_data::{KeyPart, TomlDoc};
    /// let d = TomlDoc::new("s.toml", "[a]\nb = 1\n\n[[c]]\nd = 2\n[[c]]\nd = 3\n");
    /// let e = d.error_at(&[KeyPart::key("c"), KeyPart::Index(1), KeyPart::key("d")], "bad");
    /// assert_eq!(e.to_string(), "s.toml:7:1: key `c[1].d`: bad");
    /// ```
    pub fn error_at(&self, path: &[KeyPart], message: impl Into<String>) -> KeyError {
        let (line, column) = locate(&self.text, path)
            .map(|p| line_col(&self.text, p))
            .unwrap_or((0, 0));
        KeyError {
            file: self.file.clone(),
            line,
            column,
            key: path_string(path),
            message: message.into(),
        }
    }
}

/// `a.b[2].c`.
///
/// ```
/// use fiscus_data::KeyPart;
/// assert_eq!(fiscus_data::toml_keys::path_string(&[KeyPart::key("x")]), "x");
/// ```
pub fn path_string(path: &[KeyPart]) -> String {
    let mut s = String::new();
    for p in path {
        match p {
            KeyPart::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            KeyPart::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// 1-based line and column of a byte offset.
///
/// ```
/// assert_eq!(fiscus_data::toml_keys::line_col("ab\ncd", 4), (2, 2));
/// ```
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - col_start + 1)
}

/// Byte offset of the key at `path` (the deepest part found).
fn locate(text: &str, path: &[KeyPart]) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let mut best = None;
    let mut cur: Option<&DeValue<'_>> = None;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    for p in path {
        match p {
            KeyPart::Key(k) => {
                let Some(t) = table.or_else(|| cur.and_then(|v| v.as_table())) else {
                    break;
                };
                let Some((key, value)) = t
                    .iter()
                    .find(|(key, _)| key.get_ref().as_ref() == k.as_str())
                else {
                    break;
                };
                best = Some(key.span().start);
                cur = Some(value.get_ref());
                table = None;
            }
            KeyPart::Index(i) => {
                let Some(arr) = cur.and_then(|c| c.as_array()) else {
                    break;
                };
                let Some(v): Option<&Spanned<DeValue<'_>>> = arr.get(*i) else {
                    break;
                };
                if !v.get_ref().is_table() {
                    best = Some(v.span().start);
                }
                cur = Some(v.get_ref());
                table = None;
            }
        }
    }
    best
}

/// The dotted key whose value contains the byte offset (deepest match).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let root = DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    walk_table(root.get_ref(), offset, &mut path);
    if path.is_empty() {
        None
    } else {
        Some(path_string(&path))
    }
}

fn walk_table(t: &DeTable<'_>, offset: usize, path: &mut Vec<KeyPart>) {
    for (k, v) in t.iter() {
        let in_key = k.span().contains(&offset);
        if in_key || v.span().contains(&offset) {
            path.push(KeyPart::Key(k.get_ref().to_string()));
            if !in_key {
                walk_value(v.get_ref(), offset, path);
            }
            return;
        }
    }
    // Arrays of tables: the element spans cover the table bodies.
    for (k, v) in t.iter() {
        if let Some(arr) = v.get_ref().as_array() {
            for (i, e) in arr.iter().enumerate() {
                if let Some(et) = e.get_ref().as_table() {
                    if table_contains(et, offset) {
                        path.push(KeyPart::Key(k.get_ref().to_string()));
                        path.push(KeyPart::Index(i));
                        walk_table(et, offset, path);
                        return;
                    }
                }
            }
        }
        if let Some(sub) = v.get_ref().as_table() {
            let mut inner = Vec::new();
            walk_table(sub, offset, &mut inner);
            if !inner.is_empty() {
                path.push(KeyPart::Key(k.get_ref().to_string()));
                path.extend(inner);
                return;
            }
        }
    }
}

/// Whether a key or value of the table (or of its subtables and arrays of tables, whose spans
/// do not cover their bodies) contains the offset.
fn table_contains(t: &DeTable<'_>, offset: usize) -> bool {
    t.iter().any(|(k, v)| {
        k.span().contains(&offset)
            || v.span().contains(&offset)
            || match v.get_ref() {
                DeValue::Table(sub) => table_contains(sub, offset),
                DeValue::Array(a) => a.iter().any(|e| {
                    e.get_ref()
                        .as_table()
                        .is_some_and(|et| table_contains(et, offset))
                }),
                _ => false,
            }
    })
}

fn walk_value(v: &DeValue<'_>, offset: usize, path: &mut Vec<KeyPart>) {
    match v {
        DeValue::Table(t) => walk_table(t, offset, path),
        DeValue::Array(a) => {
            for (i, e) in a.iter().enumerate() {
                if e.span().contains(&offset) {
                    path.push(KeyPart::Index(i));
                    walk_value(e.get_ref(), offset, path);
                    return;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_error_in_a_nested_array_of_tables_names_its_key() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Ind {
            id: String,
            weight: f64,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Dim {
            name: String,
            indicator: Vec<Ind>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct F {
            dimension: Vec<Dim>,
        }
        let text = "[[dimension]]\nname = \"A\"\n[[dimension.indicator]]\nid = \"a\"\nweight = 1\n\
                    [[dimension]]\nname = \"B\"\n[[dimension.indicator]]\nid = \"b\"\nweight = 1\n\
                    [[dimension.indicator]]\nid = \"c\"\nweight = \"x\"\n";
        let e = TomlDoc::new("f.toml", text).parse::<F>().unwrap_err();
        assert_eq!(e.key, "dimension[1].indicator[1].weight");
        assert_eq!((e.line, e.column), (13, 10));
    }
}
