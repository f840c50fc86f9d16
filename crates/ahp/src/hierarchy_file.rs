//! The hierarchy file of `fiscus ahp hierarchy` (TOML): the goal, the alternatives, the
//! analysis defaults, and one `[[matrix]]` per parent node, given inline (`values`, `upper`) or
//! as a matrix file (`file`). Every problem is reported at its key (`file:line:column: key
//! ...`). The caller reads the file (and any matrix file it names) and passes the text.

use fiscus_data::{KeyPart, TomlDoc};
use serde::Deserialize;

use crate::{AhpConfig, AhpError, HierarchySpec, InputConfig, Judgments, NodeSpec};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    goal: Option<String>,
    #[serde(default)]
    alternatives: Vec<String>,
    method: Option<String>,
    ri: Option<String>,
    completion: Option<String>,
    #[serde(default)]
    matrix: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    node: String,
    elements: Option<Vec<String>>,
    values: Option<Vec<Vec<CellValue>>>,
    upper: Option<Vec<CellValue>>,
    file: Option<String>,
}

/// A judgment as written in TOML: a number or a string such as `"1/3"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
enum CellValue {
    Int(i64),
    Float(f64),
    Text(String),
}

impl CellValue {
    fn text(&self) -> String {
        match self {
            CellValue::Int(i) => i.to_string(),
            CellValue::Float(x) => format!("{x}"),
            CellValue::Text(s) => s.clone(),
        }
    }
}

/// A `[[matrix]]` that names a matrix file, for the caller to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixFileRef {
    /// Position of the block (0-based).
    pub index: usize,
    /// The node the matrix belongs to.
    pub node: String,
    /// The path as written (relative to the hierarchy file).
    pub path: String,
}

/// A parsed hierarchy file.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchyFile, InputConfig};
/// let text = "goal = \"G\"\nmethod = \"geometric\"\n[[matrix]]\nnode = \"G\"\nelements = [\"a\", \"b\"]\nupper = [3]\n";
/// let f = HierarchyFile::parse("h.toml", text).unwrap();
/// let cfg = f.defaults().unwrap();
/// let (spec, _) = f.build(&InputConfig::default(), vec![]).unwrap();
/// let r = analyze_hierarchy(&spec, &cfg).unwrap();
/// assert!((r.criteria[0].global_weight - 0.75).abs() < 1e-12);
/// let e = HierarchyFile::parse("h.toml", "[[matrix]]\nnode = \"G\"\nupper = [3]\ncolour = 1\n").unwrap_err();
/// assert!(e.to_string().starts_with("h.toml:4:1: key `matrix[0].colour`"), "{e}");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HierarchyFile {
    doc: TomlDoc,
    spec: FileSpec,
}

fn key(k: &str) -> KeyPart {
    KeyPart::key(k)
}

impl HierarchyFile {
    /// Parses the text of a hierarchy file; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<HierarchyFile, AhpError> {
        let doc = TomlDoc::new(file, text);
        let spec: FileSpec = doc.parse()?;
        let f = HierarchyFile { doc, spec };
        if f.spec.matrix.is_empty() {
            return Err(f
                .doc
                .error_at(&[key("matrix")], "no [[matrix]] blocks")
                .into());
        }
        for (k, b) in f.spec.matrix.iter().enumerate() {
            let given = [b.values.is_some(), b.upper.is_some(), b.file.is_some()]
                .iter()
                .filter(|x| **x)
                .count();
            if given != 1 {
                return Err(f
                    .doc
                    .error_at(
                        &[key("matrix"), KeyPart::Index(k)],
                        format!(
                            "[[matrix]] `{}`: give exactly one of `values`, `upper` or `file`",
                            b.node
                        ),
                    )
                    .into());
            }
        }
        Ok(f)
    }

    /// The file name.
    pub fn file(&self) -> &str {
        self.doc.file()
    }

    fn located(&self, path: &[KeyPart], source: AhpError) -> AhpError {
        let k = self.doc.error_at(path, "");
        AhpError::At {
            file: k.file,
            line: k.line,
            column: k.column,
            key: k.key,
            source: Box::new(source),
        }
    }

    /// The analysis settings the file sets (`method`, `ri`, `completion`), over the defaults.
    pub fn defaults(&self) -> Result<AhpConfig, AhpError> {
        let mut c = AhpConfig::default();
        if let Some(m) = &self.spec.method {
            c.method = m.parse().map_err(|e| self.located(&[key("method")], e))?;
        }
        if let Some(r) = &self.spec.ri {
            c.ri = r.parse().map_err(|e| self.located(&[key("ri")], e))?;
        }
        if let Some(x) = &self.spec.completion {
            c.completion = x
                .parse()
                .map_err(|e| self.located(&[key("completion")], e))?;
        }
        Ok(c)
    }

    /// The blocks that name a matrix file, for the caller to read.
    pub fn matrix_files(&self) -> Vec<MatrixFileRef> {
        self.spec
            .matrix
            .iter()
            .enumerate()
            .filter_map(|(index, b)| {
                b.file.as_ref().map(|p| MatrixFileRef {
                    index,
                    node: b.node.clone(),
                    path: p.clone(),
                })
            })
            .collect()
    }

    /// The hierarchy as plain data, with the warnings of every matrix. `files` holds the
    /// judgments the caller read from each [`HierarchyFile::matrix_files`] entry (with its
    /// warnings), as `(index, judgments, warnings)`.
    pub fn build(
        &self,
        input: &InputConfig,
        mut files: Vec<(usize, Judgments, Vec<String>)>,
    ) -> Result<(HierarchySpec, Vec<String>), AhpError> {
        let mut nodes = Vec::with_capacity(self.spec.matrix.len());
        let mut warnings = Vec::new();
        for (k, b) in self.spec.matrix.iter().enumerate() {
            let at = |rest: &str| vec![key("matrix"), KeyPart::Index(k), key(rest)];
            let (j, w) = if b.file.is_some() {
                let pos = files.iter().position(|(i, _, _)| *i == k).ok_or_else(|| {
                    self.located(
                        &at("file"),
                        AhpError::Hierarchy("the matrix file was not read".into()),
                    )
                })?;
                let (_, j, w) = files.swap_remove(pos);
                if let Some(e) = &b.elements {
                    if e.as_slice() != j.names() {
                        return Err(self.located(
                            &at("elements"),
                            AhpError::Hierarchy(format!(
                                "`elements` {:?} differ from the names in the matrix file {:?}",
                                e,
                                j.names()
                            )),
                        ));
                    }
                }
                (j, w)
            } else {
                let names = b
                    .elements
                    .clone()
                    .or_else(|| {
                        (!self.spec.alternatives.is_empty()).then(|| self.spec.alternatives.clone())
                    })
                    .ok_or_else(|| {
                        self.located(
                            &[key("matrix"), KeyPart::Index(k)],
                            AhpError::Hierarchy(format!(
                                "[[matrix]] `{}`: `elements` is required",
                                b.node
                            )),
                        )
                    })?;
                let n = names.len();
                let (cells, where_) = if let Some(rows) = &b.values {
                    let cells: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| r.iter().map(CellValue::text).collect())
                        .collect();
                    (cells, "values")
                } else {
                    let up = b.upper.as_deref().unwrap_or_default();
                    let need = n * n.saturating_sub(1) / 2;
                    if up.len() != need {
                        return Err(self.located(
                            &at("upper"),
                            AhpError::Hierarchy(format!(
                                "`upper` has {} values; {n} elements need {need}",
                                up.len()
                            )),
                        ));
                    }
                    let mut cells = vec![vec![String::new(); n]; n];
                    let mut it = up.iter();
                    for (r, row) in cells.iter_mut().enumerate() {
                        for cell in row.iter_mut().skip(r + 1) {
                            if let Some(x) = it.next() {
                                *cell = x.text();
                            }
                        }
                    }
                    (cells, "upper")
                };
                Judgments::from_text(&names, &cells, input)
                    .map_err(|e| self.located(&at(where_), e))?
            };
            warnings.extend(w.into_iter().map(|w| format!("`{}`: {w}", b.node)));
            nodes.push(NodeSpec {
                name: b.node.clone(),
                judgments: j,
            });
        }
        Ok((
            HierarchySpec {
                goal: self.spec.goal.clone(),
                nodes,
                alternatives: self.spec.alternatives.clone(),
            },
            warnings,
        ))
    }
}
