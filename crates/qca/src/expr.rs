//! Sum-of-products set expressions in R QCA's notation: `A*~B + C[1,2]`.

use crate::error::{QcaError, Result};
use crate::sets::{SetColumn, SetKind};

/// The named sets an expression may refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct Universe {
    /// Set names, in condition order.
    pub names: Vec<String>,
    /// Their types.
    pub kinds: Vec<SetKind>,
    /// Whether terms print in multi-value notation (`X[1]`) for every condition.
    pub multivalue: bool,
}

impl Universe {
    /// Builds a universe from set columns.
    ///
    /// ```
    /// use fiscus_qca::{SetColumn, SetKind, Universe};
    /// let u = Universe::from_columns(&[SetColumn { name: "A".into(), kind: SetKind::Fuzzy, values: vec![0.3] }]);
    /// assert_eq!(u.index("A").unwrap(), 0);
    /// ```
    pub fn from_columns(cols: &[SetColumn]) -> Universe {
        Universe {
            names: cols.iter().map(|c| c.name.clone()).collect(),
            kinds: cols.iter().map(|c| c.kind).collect(),
            multivalue: cols
                .iter()
                .any(|c| matches!(c.kind, SetKind::Crisp { levels } if levels > 2)),
        }
    }

    /// Position of a set name, or an error suggesting the closest name.
    ///
    /// ```
    /// use fiscus_qca::{SetKind, Universe};
    /// let u = Universe { names: vec!["DEV".into()], kinds: vec![SetKind::Fuzzy], multivalue: false };
    /// assert!(u.index("DEW").unwrap_err().to_string().contains("did you mean `DEV`"));
    /// ```
    pub fn index(&self, name: &str) -> Result<usize> {
        self.names.iter().position(|n| n == name).ok_or_else(|| {
            let hint = fiscus_data::closest(name, self.names.iter().map(String::as_str))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            QcaError::Parse {
                input: name.to_string(),
                message: format!("unknown condition{hint}; known: {}", self.names.join(", ")),
            }
        })
    }

    /// Prints an implicant (one code per condition: 0 = absent, `v + 1` = value `v`) as a
    /// term: `DEV*~IND`, or `DEV[1]*IND[0]` in multi-value notation.
    ///
    /// ```
    /// use fiscus_qca::{SetKind, Universe};
    /// let u = Universe { names: vec!["A".into(), "B".into()], kinds: vec![SetKind::Fuzzy; 2], multivalue: false };
    /// assert_eq!(u.term_string(&[2, 1]), "A*~B");
    /// assert_eq!(u.term_string(&[0, 2]), "B");
    /// ```
    pub fn term_string(&self, codes: &[u8]) -> String {
        let mut parts = Vec::new();
        for (j, &c) in codes.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let v = c - 1;
            if self.multivalue {
                parts.push(format!("{}[{}]", self.names[j], v));
            } else if v == 1 {
                parts.push(self.names[j].clone());
            } else {
                parts.push(format!("~{}", self.names[j]));
            }
        }
        if parts.is_empty() {
            "1".into()
        } else {
            parts.join("*")
        }
    }
}

/// One literal: a set, optionally restricted to some values, optionally negated.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Literal {
    /// Index of the set in its universe.
    pub set: usize,
    /// `Some(values)` for `X[v,..]`; `None` for plain `X`.
    pub values: Option<Vec<u32>>,
    /// `~` in front.
    pub negated: bool,
}

impl Literal {
    /// Membership of a case with raw value `x` in a set of type `kind`.
    ///
    /// ```
    /// use fiscus_qca::{Literal, SetKind};
    /// let not_a = Literal { set: 0, values: None, negated: true };
    /// assert!((not_a.membership_of(SetKind::Fuzzy, 0.3) - 0.7).abs() < 1e-12);
    /// let a12 = Literal { set: 0, values: Some(vec![1, 2]), negated: false };
    /// assert_eq!(a12.membership_of(SetKind::Crisp { levels: 3 }, 2.0), 1.0);
    /// ```
    pub fn membership_of(&self, kind: SetKind, x: f64) -> f64 {
        let m = match (&self.values, kind) {
            (None, _) => x,
            (Some(vs), SetKind::Fuzzy) => vs
                .iter()
                .map(|&v| if v == 1 { x } else { 1.0 - x })
                .fold(0.0, f64::max),
            (Some(vs), SetKind::Crisp { .. }) => {
                if vs.iter().any(|&v| f64::from(v) == x) {
                    1.0
                } else {
                    0.0
                }
            }
        };
        if self.negated {
            1.0 - m
        } else {
            m
        }
    }
}

/// A conjunction of literals.
pub type Term = Vec<Literal>;

/// A disjunction of terms (sum of products).
#[derive(Debug, Clone, PartialEq)]
pub struct Sop {
    /// The terms, in the order written.
    pub terms: Vec<Term>,
    /// The text of each term as written (whitespace removed).
    pub texts: Vec<String>,
}

/// Splits `NAME[1,2]` (or `NAME{1,2}`) into the name and its values.
pub(crate) fn split_brackets(s: &str) -> std::result::Result<(String, Option<Vec<u32>>), String> {
    let s = s.trim();
    let open = s.find(['[', '{']);
    match open {
        None => {
            if s.contains([']', '}']) {
                return Err("unbalanced bracket".into());
            }
            Ok((s.to_string(), None))
        }
        Some(i) => {
            let close = if &s[i..=i] == "[" { ']' } else { '}' };
            if !s.ends_with(close) {
                return Err(format!("expected `{close}` at the end of `{s}`"));
            }
            let inner = &s[i + 1..s.len() - 1];
            let mut vals = Vec::new();
            for v in inner.split(',') {
                let v = v.trim();
                vals.push(
                    v.parse::<u32>()
                        .map_err(|_| format!("`{v}` is not a category value (0, 1, 2, ...)"))?,
                );
            }
            if vals.is_empty() {
                return Err("empty value list".into());
            }
            Ok((s[..i].trim().to_string(), Some(vals)))
        }
    }
}

/// Splits on `sep` outside brackets.
pub(crate) fn split_outside(s: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for ch in s.chars() {
        match ch {
            '[' | '{' | '(' => depth += 1,
            ']' | '}' | ')' => depth -= 1,
            _ => {}
        }
        if ch == sep && depth == 0 {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    out.push(cur);
    out
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// Parses a literal such as `~DEV`, `DEV[1,2]`.
pub(crate) fn parse_literal(u: &Universe, text: &str, whole: &str) -> Result<Literal> {
    let perr = |m: String| QcaError::Parse {
        input: whole.to_string(),
        message: m,
    };
    let mut t = text.trim();
    let mut negated = false;
    while let Some(r) = t.strip_prefix('~') {
        negated = !negated;
        t = r.trim();
    }
    let (name, values) = split_brackets(t).map_err(perr)?;
    if !valid_name(&name) {
        return Err(perr(format!("`{text}` is not a literal")));
    }
    let set = u.index(&name)?;
    let kind = u.kinds[set];
    if let (SetKind::Crisp { levels }, Some(vs)) = (kind, &values) {
        if let Some(v) = vs.iter().find(|&&v| v >= levels.max(2)) {
            return Err(perr(format!(
                "`{name}` has values 0..{} only, not {v}",
                levels.max(2) - 1
            )));
        }
    }
    if let (SetKind::Crisp { levels }, None) = (kind, &values) {
        if levels > 2 {
            return Err(perr(format!(
                "`{name}` is multi-value: name its value(s), e.g. `{name}[1]`"
            )));
        }
    }
    if let (SetKind::Fuzzy, Some(vs)) = (kind, &values) {
        if let Some(v) = vs.iter().find(|&&v| v > 1) {
            return Err(perr(format!(
                "`{name}` is a fuzzy set: value {v} is not 0 or 1"
            )));
        }
    }
    Ok(Literal {
        set,
        values,
        negated,
    })
}

/// Parses an SOP expression (`A*~B + C[1]`) against a universe of sets.
///
/// ```
/// use fiscus_qca::{parse_sop, SetKind, Universe};
/// let u = Universe { names: vec!["A".into(), "B".into()], kinds: vec![SetKind::Fuzzy; 2], multivalue: false };
/// let e = parse_sop(&u, "A*~B + B").unwrap();
/// assert_eq!(e.terms.len(), 2);
/// assert_eq!(e.texts, vec!["A*~B", "B"]);
/// assert!(parse_sop(&u, "A*+B").is_err());
/// ```
pub fn parse_sop(u: &Universe, text: &str) -> Result<Sop> {
    let mut terms = Vec::new();
    let mut texts = Vec::new();
    if text.trim().is_empty() {
        return Err(QcaError::Parse {
            input: text.to_string(),
            message: "empty expression".into(),
        });
    }
    for tt in split_outside(text, '+') {
        let tt = tt.trim();
        if tt.is_empty() {
            return Err(QcaError::Parse {
                input: text.to_string(),
                message: "empty term (two `+` in a row?)".into(),
            });
        }
        let mut term = Vec::new();
        for lit in split_outside(tt, '*') {
            if lit.trim().is_empty() {
                return Err(QcaError::Parse {
                    input: text.to_string(),
                    message: format!("empty literal in `{tt}`"),
                });
            }
            term.push(parse_literal(u, &lit, text)?);
        }
        texts.push(tt.chars().filter(|c| !c.is_whitespace()).collect());
        terms.push(term);
    }
    Ok(Sop { terms, texts })
}

/// Membership of every case in a term (minimum over its literals).
///
/// ```
/// use fiscus_qca::{term_membership, Literal, SetColumn, SetKind};
/// let cols = vec![SetColumn { name: "A".into(), kind: SetKind::Fuzzy, values: vec![0.3, 0.8] }];
/// let t = vec![Literal { set: 0, values: None, negated: true }];
/// let m = term_membership(&t, &cols);
/// assert!((m[0] - 0.7).abs() < 1e-12 && (m[1] - 0.2).abs() < 1e-12);
/// ```
pub fn term_membership(term: &Term, cols: &[SetColumn]) -> Vec<f64> {
    let n = cols.first().map_or(0, |c| c.values.len());
    let mut out = vec![1.0f64; n];
    for lit in term {
        let col = &cols[lit.set];
        for (o, &x) in out.iter_mut().zip(&col.values) {
            let m = lit.membership_of(col.kind, x);
            if m < *o {
                *o = m;
            }
        }
    }
    out
}

/// Membership of every case in an implicant (codes: 0 absent, `v + 1` value `v`).
///
/// ```
/// use fiscus_qca::{code_membership, SetColumn, SetKind};
/// let cols = vec![SetColumn { name: "A".into(), kind: SetKind::Fuzzy, values: vec![0.3] }];
/// assert!((code_membership(&[1], &cols)[0] - 0.7).abs() < 1e-12);
/// ```
pub fn code_membership(codes: &[u8], cols: &[SetColumn]) -> Vec<f64> {
    term_membership(&codes_to_term(codes), cols)
}

/// The literals of an implicant.
pub(crate) fn codes_to_term(codes: &[u8]) -> Term {
    codes
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c > 0)
        .map(|(j, &c)| Literal {
            set: j,
            values: Some(vec![u32::from(c - 1)]),
            negated: false,
        })
        .collect()
}

/// Membership of every case in an SOP expression (maximum over its terms).
///
/// ```
/// use fiscus_qca::{parse_sop, sop_membership, SetColumn, SetKind, Universe};
/// let cols = vec![SetColumn { name: "A".into(), kind: SetKind::Fuzzy, values: vec![0.3] },
///                 SetColumn { name: "B".into(), kind: SetKind::Fuzzy, values: vec![0.6] }];
/// let e = parse_sop(&Universe::from_columns(&cols), "A + ~B").unwrap();
/// assert!((sop_membership(&e, &cols)[0] - 0.4).abs() < 1e-12);
/// ```
pub fn sop_membership(e: &Sop, cols: &[SetColumn]) -> Vec<f64> {
    let n = cols.first().map_or(0, |c| c.values.len());
    let mut out = vec![0.0f64; n];
    for t in &e.terms {
        for (o, m) in out.iter_mut().zip(term_membership(t, cols)) {
            if m > *o {
                *o = m;
            }
        }
    }
    out
}

/// The set names an SOP expression mentions, in order of first appearance.
///
/// ```
/// assert_eq!(fiscus_qca::sop_names("~A*B[1] + A*C"), vec!["A", "B", "C"]);
/// ```
pub fn sop_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in split_outside(text, '+') {
        for l in split_outside(&t, '*') {
            let l = l.trim().trim_start_matches('~').trim();
            let name = match l.find(['[', '{']) {
                Some(i) => l[..i].trim(),
                None => l,
            };
            if !name.is_empty() && !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
        }
    }
    out
}
