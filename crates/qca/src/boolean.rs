//! Boolean helpers of R's admisc / QCA packages: `negate()`, `simplify()`, `compute()`,
//! `fuzzyand()` / `fuzzyor()`, `translate()`, `createMatrix()`, `findSubsets()` /
//! `findSupersets()`, `complexity()` and `generate()`.
//!
//! Expressions are sums of products in R QCA's notation (`A*~B + C[1,2]`) over a
//! [`BooleanSpace`]: condition names with their numbers of levels (`noflevels`).

use fiscus_data::{Column, Dataset};
use serde::Serialize;

use crate::error::{QcaError, Result};
use crate::expr::{parse_sop, sop_membership, sop_names, Literal, Universe};
use crate::minimize::{minimize, MinimizeConfig};
use crate::sets::{detect_kind, QcaData, SetColumn, SetKind};
use crate::truth_table::{row_config, truth_table, TruthTableConfig};

/// Largest number of configurations the exhaustive helpers ([`create_matrix`],
/// [`generate`], [`simplify`], [`negate`]) enumerate: 2^20.
pub const MAX_CONFIGURATIONS: u64 = 1 << 20;

/// The conditions an expression ranges over: names (R's `snames`) and numbers of levels
/// (R's `noflevels`, 2 = binary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BooleanSpace {
    /// Condition names, in order (the first is the most significant in row numbers).
    pub names: Vec<String>,
    /// Number of levels of each condition (at least 2).
    pub levels: Vec<u32>,
}

impl BooleanSpace {
    /// A space of named conditions with the given numbers of levels.
    ///
    /// ```
    /// use fiscus_qca::BooleanSpace;
    /// let s = BooleanSpace::new(vec!["A".into(), "B".into()], vec![2, 3]).unwrap();
    /// assert_eq!(s.levels, vec![2, 3]);
    /// assert!(BooleanSpace::new(vec!["A".into()], vec![1]).is_err());
    /// ```
    pub fn new(names: Vec<String>, levels: Vec<u32>) -> Result<BooleanSpace> {
        if names.is_empty() {
            return Err(QcaError::Option("no conditions (snames) given".into()));
        }
        if names.len() != levels.len() {
            return Err(QcaError::Option(format!(
                "{} condition names but {} numbers of levels",
                names.len(),
                levels.len()
            )));
        }
        for (i, n) in names.iter().enumerate() {
            if n.trim().is_empty() {
                return Err(QcaError::Option(format!(
                    "condition {} has an empty name",
                    i + 1
                )));
            }
            if names[..i].contains(n) {
                return Err(QcaError::Option(format!("condition `{n}` is given twice")));
            }
        }
        if let Some((n, l)) = names
            .iter()
            .zip(&levels)
            .find(|&(_, &l)| !(2..=20).contains(&l))
        {
            return Err(QcaError::Option(format!(
                "condition `{n}` has {l} levels; between 2 and 20 expected"
            )));
        }
        Ok(BooleanSpace { names, levels })
    }

    /// Binary conditions only (`noflevels` all 2).
    ///
    /// ```
    /// use fiscus_qca::BooleanSpace;
    /// let s = BooleanSpace::binary(&["A", "B"]).unwrap();
    /// assert_eq!(s.levels, vec![2, 2]);
    /// ```
    pub fn binary<S: AsRef<str>>(names: &[S]) -> Result<BooleanSpace> {
        BooleanSpace::new(
            names
                .iter()
                .map(|s| s.as_ref().trim().to_string())
                .collect(),
            vec![2; names.len()],
        )
    }

    /// The space admisc infers when no `snames` are given: the names the expression mentions,
    /// sorted alphabetically, each with `max(2, largest value mentioned + 1)` levels.
    ///
    /// ```
    /// use fiscus_qca::BooleanSpace;
    /// let s = BooleanSpace::from_expression("URB*STB + DEV[2]").unwrap();
    /// assert_eq!(s.names, vec!["DEV", "STB", "URB"]);
    /// assert_eq!(s.levels, vec![3, 2, 2]);
    /// ```
    pub fn from_expression(expr: &str) -> Result<BooleanSpace> {
        let mut names = sop_names(expr);
        names.sort();
        let mut levels = vec![2u32; names.len()];
        for term in crate::expr::split_outside(expr, '+') {
            for lit in crate::expr::split_outside(&term, '*') {
                let lit = lit.trim().trim_start_matches('~').trim();
                let (name, values) =
                    crate::expr::split_brackets(lit).map_err(|m| QcaError::Parse {
                        input: expr.to_string(),
                        message: m,
                    })?;
                if let (Some(j), Some(vs)) = (names.iter().position(|n| *n == name), values) {
                    let top = vs.iter().max().copied().unwrap_or(0).saturating_add(1);
                    levels[j] = levels[j].max(top);
                }
            }
        }
        BooleanSpace::new(names, levels)
    }

    fn universe(&self) -> Universe {
        Universe {
            names: self.names.clone(),
            kinds: self
                .levels
                .iter()
                .map(|&levels| SetKind::Crisp { levels })
                .collect(),
            multivalue: self.levels.iter().any(|&l| l > 2),
        }
    }

    /// Number of configurations, `Π levels` (error above [`MAX_CONFIGURATIONS`]).
    fn n_configs(&self) -> Result<u64> {
        let n = self
            .levels
            .iter()
            .fold(1u64, |a, &l| a.saturating_mul(u64::from(l)));
        if n > MAX_CONFIGURATIONS {
            return Err(QcaError::Option(format!(
                "{n} configurations of {} conditions: more than the {MAX_CONFIGURATIONS} this helper enumerates",
                self.names.len()
            )));
        }
        Ok(n)
    }
}

/// The values of its condition a literal admits (`~X[1]` = every other value).
fn literal_values(lit: &Literal, levels: u32) -> Vec<u32> {
    let base: Vec<u32> = lit.values.clone().unwrap_or_else(|| vec![1]);
    (0..levels)
        .filter(|v| base.contains(v) != lit.negated)
        .collect()
}

/// One term as R's `translate()` prints it: per condition, `None` when absent (R: `-1`),
/// otherwise the admitted values.
fn term_values(term: &[Literal], levels: &[u32]) -> Vec<Option<Vec<u32>>> {
    let mut out: Vec<Option<Vec<u32>>> = vec![None; levels.len()];
    for lit in term {
        let vals = literal_values(lit, levels[lit.set]);
        out[lit.set] = Some(match out[lit.set].take() {
            None => vals,
            Some(prev) => prev.into_iter().filter(|v| vals.contains(v)).collect(),
        });
    }
    out
}

/// An SOP expression as an implicant matrix (R's `translate()`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Translation {
    /// Condition names (columns).
    pub names: Vec<String>,
    /// The terms as written (rows).
    pub terms: Vec<String>,
    /// `cells[term][condition]`: `None` if the condition is absent from the term (R prints
    /// `-1`), else the admitted values (`~A` = `[0]`, `C[1,2]` = `[1, 2]`).
    pub cells: Vec<Vec<Option<Vec<u32>>>>,
}

impl Translation {
    /// A cell as R prints it: `-1` when absent, else the values joined by commas.
    ///
    /// ```
    /// use fiscus_qca::{translate, BooleanSpace};
    /// let t = translate(&BooleanSpace::new(vec!["A".into(), "C".into()], vec![2, 3]).unwrap(), "~A + C[1,2]").unwrap();
    /// assert_eq!(t.cell_text(0, 0), "0");
    /// assert_eq!(t.cell_text(1, 1), "1,2");
    /// assert_eq!(t.cell_text(1, 0), "-1");
    /// ```
    pub fn cell_text(&self, term: usize, condition: usize) -> String {
        match self.cells.get(term).and_then(|r| r.get(condition)) {
            Some(Some(vs)) => vs.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
            _ => "-1".into(),
        }
    }
}

/// Translates an SOP expression into its implicant matrix (R's `translate()`).
///
/// ```
/// use fiscus_qca::{translate, BooleanSpace};
/// let t = translate(&BooleanSpace::binary(&["A", "B", "C"]).unwrap(), "A*~B + C").unwrap();
/// assert_eq!(t.cells[0], vec![Some(vec![1]), Some(vec![0]), None]);
/// assert_eq!(t.cell_text(1, 2), "1");
/// ```
pub fn translate(space: &BooleanSpace, expr: &str) -> Result<Translation> {
    let sop = parse_sop(&space.universe(), expr)?;
    Ok(Translation {
        names: space.names.clone(),
        terms: sop.texts.clone(),
        cells: sop
            .terms
            .iter()
            .map(|t| term_values(t, &space.levels))
            .collect(),
    })
}

/// Every configuration of conditions with these numbers of levels, in row-number order
/// (R's `createMatrix()`; the first condition varies slowest).
///
/// ```
/// let m = fiscus_qca::create_matrix(&[2, 3]).unwrap();
/// assert_eq!(m.len(), 6);
/// assert_eq!(m[2], vec![0, 2]);
/// assert!(fiscus_qca::create_matrix(&[2; 40]).is_err());
/// ```
pub fn create_matrix(levels: &[u32]) -> Result<Vec<Vec<u32>>> {
    if let Some(l) = levels.iter().find(|&&l| l == 0) {
        return Err(QcaError::Option(format!("a condition with {l} levels")));
    }
    let n = levels
        .iter()
        .fold(1u64, |a, &l| a.saturating_mul(u64::from(l)));
    if n > MAX_CONFIGURATIONS {
        return Err(QcaError::Option(format!(
            "{n} configurations: more than the {MAX_CONFIGURATIONS} createMatrix enumerates"
        )));
    }
    Ok((1..=n).map(|r| row_config(r, levels)).collect())
}

/// Whether the configuration satisfies the translated terms.
fn covers(cells: &[Vec<Option<Vec<u32>>>], config: &[u32]) -> bool {
    cells.iter().any(|t| {
        t.iter()
            .zip(config)
            .all(|(c, v)| c.as_ref().is_none_or(|vs| vs.contains(v)))
    })
}

/// The row numbers (1-based, R's order) of every configuration an expression covers.
///
/// ```
/// use fiscus_qca::{minterms, BooleanSpace};
/// assert_eq!(minterms(&BooleanSpace::binary(&["A", "B"]).unwrap(), "A*~B + ~A*B").unwrap(), vec![2, 3]);
/// ```
pub fn minterms(space: &BooleanSpace, expr: &str) -> Result<Vec<u64>> {
    let t = translate(space, expr)?;
    let n = space.n_configs()?;
    Ok((1..=n)
        .filter(|&r| covers(&t.cells, &row_config(r, &space.levels)))
        .collect())
}

/// All configurations with the membership of each in an expression (R's `generate()`,
/// whose output column R names after its position).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Generated {
    /// Condition names.
    pub names: Vec<String>,
    /// Every configuration, in row-number order.
    pub configs: Vec<Vec<u32>>,
    /// 1 if the configuration realises the expression, else 0.
    pub out: Vec<u8>,
}

/// Every configuration of the space, marked 1 where it realises the expression (R's
/// `generate()`).
///
/// ```
/// use fiscus_qca::{generate, BooleanSpace};
/// let g = generate(&BooleanSpace::binary(&["A", "B", "C"]).unwrap(), "A + ~B*C").unwrap();
/// assert_eq!(g.out, vec![0, 1, 0, 0, 1, 1, 1, 1]);
/// ```
pub fn generate(space: &BooleanSpace, expr: &str) -> Result<Generated> {
    let t = translate(space, expr)?;
    let configs = create_matrix(&space.levels)?;
    let out = configs
        .iter()
        .map(|c| u8::from(covers(&t.cells, c)))
        .collect();
    Ok(Generated {
        names: space.names.clone(),
        configs,
        out,
    })
}

/// The result of [`simplify`] / [`negate`]: every minimal sum of products, in R's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simplified {
    /// The expression that was simplified (for `negate`, the input before negation).
    pub input: String,
    /// The minimal equivalent expressions (`M1`, `M2`, ...); the first is the one R prints.
    /// `"0"` for an expression no configuration satisfies, `"1"` for one all satisfy.
    pub models: Vec<String>,
    /// The row numbers of the configurations the result covers.
    pub minterms: Vec<u64>,
}

impl Simplified {
    /// The first (R's printed) solution.
    ///
    /// ```
    /// use fiscus_qca::{simplify, BooleanSpace};
    /// let s = simplify(&BooleanSpace::binary(&["A", "B"]).unwrap(), "A*B + A*~B").unwrap();
    /// assert_eq!(s.expression(), "A");
    /// ```
    pub fn expression(&self) -> &str {
        self.models.first().map_or("0", String::as_str)
    }
}

/// Minimises a set of configurations (row numbers) exactly: every minimal sum of prime
/// implicants covering exactly these rows, in R QCA's term and model order.
///
/// ```
/// use fiscus_qca::{simplify_rows, BooleanSpace};
/// let s = simplify_rows(&BooleanSpace::binary(&["A", "B"]).unwrap(), &[2, 4]).unwrap();
/// assert_eq!(s.models, vec!["B"]);
/// ```
pub fn simplify_rows(space: &BooleanSpace, rows: &[u64]) -> Result<Simplified> {
    let n = space.n_configs()?;
    if let Some(r) = rows.iter().find(|&&r| r == 0 || r > n) {
        return Err(QcaError::Option(format!(
            "row {r} is not between 1 and {n}"
        )));
    }
    let mut on = vec![false; n as usize];
    for &r in rows {
        on[(r - 1) as usize] = true;
    }
    let minterms: Vec<u64> = (1..=n).filter(|&r| on[(r - 1) as usize]).collect();
    let trivial = |e: &str| Simplified {
        input: String::new(),
        models: vec![e.to_string()],
        minterms: minterms.clone(),
    };
    if minterms.is_empty() {
        return Ok(trivial("0"));
    }
    if minterms.len() as u64 == n {
        return Ok(trivial("1"));
    }
    let mut out_name = String::from("OUT");
    while space.names.contains(&out_name) {
        out_name.push('_');
    }
    let configs = create_matrix(&space.levels)?;
    let mut columns: Vec<Column> = space
        .names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let vals: Vec<f64> = configs.iter().map(|c| f64::from(c[j])).collect();
            Column::numbers(name.clone(), &vals)
        })
        .collect();
    let outs: Vec<f64> = on.iter().map(|&b| if b { 1.0 } else { 0.0 }).collect();
    columns.push(Column::numbers(out_name.clone(), &outs));
    let cases = (1..=n).map(|r| r.to_string()).collect();
    let ds = Dataset::new("configurations", cases, columns)?;
    let data = QcaData::new(&ds, &out_name, Some(&space.names))?;
    let tt = truth_table(data, &TruthTableConfig::default())?;
    let m = minimize(&tt, &MinimizeConfig::default())?;
    Ok(Simplified {
        input: String::new(),
        models: m.main.models.iter().map(|m| m.expression.clone()).collect(),
        minterms,
    })
}

/// Simplifies an SOP expression (R's `admisc::simplify()`): the exact minimisation of the
/// configurations it covers over the space's `noflevels`.
///
/// ```
/// use fiscus_qca::{simplify, BooleanSpace};
/// let s = simplify(&BooleanSpace::binary(&["A", "B", "C"]).unwrap(), "A*B + A*~B + ~A*C").unwrap();
/// assert_eq!(s.expression(), "A + C");
/// ```
pub fn simplify(space: &BooleanSpace, expr: &str) -> Result<Simplified> {
    let rows = minterms(space, expr)?;
    let mut s = simplify_rows(space, &rows)?;
    s.input = expr.trim().to_string();
    Ok(s)
}

/// Negates an SOP expression (R's `admisc::negate()`): De Morgan's negation over the space
/// (a multi-value literal `X[v]` negates to every other value of `X`), then simplified.
///
/// ```
/// use fiscus_qca::{negate, BooleanSpace};
/// let s = negate(&BooleanSpace::binary(&["A", "B", "C"]).unwrap(), "A*B + ~C").unwrap();
/// assert_eq!(s.expression(), "~A*C + ~B*C");
/// ```
pub fn negate(space: &BooleanSpace, expr: &str) -> Result<Simplified> {
    let on = minterms(space, expr)?;
    let n = space.n_configs()?;
    let off: Vec<u64> = (1..=n).filter(|r| on.binary_search(r).is_err()).collect();
    let mut s = simplify_rows(space, &off)?;
    s.input = expr.trim().to_string();
    Ok(s)
}

/// Membership of every case of a dataset in an SOP expression (R's `admisc::compute()`):
/// minimum over the literals of a term, maximum over the terms; each column's set type
/// (fuzzy, binary or multi-value crisp) is detected from its values.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("A", &[0.2, 0.9]), Column::numbers("B", &[0.7, 0.1])]).unwrap();
/// let m = fiscus_qca::compute(&ds, "A*~B + ~A*B").unwrap();
/// assert!((m[0] - 0.7).abs() < 1e-12 && (m[1] - 0.9).abs() < 1e-12);
/// ```
pub fn compute(ds: &Dataset, expr: &str) -> Result<Vec<f64>> {
    let mut cols = Vec::new();
    for name in sop_names(expr) {
        let values = ds.numeric_complete(&name)?;
        let kind = detect_kind(&name, &values)?;
        cols.push(SetColumn { name, kind, values });
    }
    if cols.is_empty() {
        return Err(QcaError::Parse {
            input: expr.to_string(),
            message: "empty expression".into(),
        });
    }
    let sop = parse_sop(&Universe::from_columns(&cols), expr)?;
    Ok(sop_membership(&sop, &cols))
}

fn rowwise(sets: &[&[f64]], what: &str, f: fn(f64, f64) -> f64) -> Result<Vec<f64>> {
    let first = sets
        .first()
        .ok_or_else(|| QcaError::Option(format!("{what} needs at least one set")))?;
    if let Some((i, s)) = sets
        .iter()
        .enumerate()
        .find(|(_, s)| s.len() != first.len())
    {
        return Err(QcaError::Option(format!(
            "{what}: set {} has {} values but set 1 has {}",
            i + 1,
            s.len(),
            first.len()
        )));
    }
    Ok((0..first.len())
        .map(|i| sets[1..].iter().fold(first[i], |a, s| f(a, s[i])))
        .collect())
}

/// Row-wise intersection (minimum) of memberships (R's `fuzzyand()`).
///
/// ```
/// let m = fiscus_qca::fuzzyand(&[&[0.2, 0.9], &[0.5, 0.6]]).unwrap();
/// assert_eq!(m, vec![0.2, 0.6]);
/// assert!(fiscus_qca::fuzzyand(&[&[0.2], &[0.5, 0.6]]).is_err());
/// ```
pub fn fuzzyand(sets: &[&[f64]]) -> Result<Vec<f64>> {
    rowwise(sets, "fuzzyand", f64::min)
}

/// Row-wise union (maximum) of memberships (R's `fuzzyor()`).
///
/// ```
/// let m = fiscus_qca::fuzzyor(&[&[0.2, 0.9], &[0.5, 0.6]]).unwrap();
/// assert_eq!(m, vec![0.5, 0.9]);
/// ```
pub fn fuzzyor(sets: &[&[f64]]) -> Result<Vec<f64>> {
    rowwise(sets, "fuzzyor", f64::max)
}

/// Number of terms in each complexity layer (R's `complexity()`): for k = 1..n, the number of
/// conjunctions of k conditions with one value each, `Σ_{|S|=k} Π_{j∈S} levels_j`. Exact: a
/// layer with more than `u64::MAX` terms is an error, never a saturated count.
///
/// ```
/// assert_eq!(fiscus_qca::complexity(&[2; 5]).unwrap(), vec![10, 40, 80, 80, 32]);
/// assert_eq!(fiscus_qca::complexity(&[2, 3]).unwrap(), vec![5, 6]);
/// assert!(fiscus_qca::complexity(&[2; 64]).is_err());
/// ```
pub fn complexity(levels: &[u32]) -> Result<Vec<u64>> {
    // Elementary symmetric polynomials of the levels, in exact 128-bit arithmetic.
    let mut e = vec![0u128; levels.len() + 1];
    e[0] = 1;
    let overflow = || {
        QcaError::Option(format!(
            "{} conditions: a complexity layer has more terms than a 128-bit count holds",
            levels.len()
        ))
    };
    for &l in levels {
        for k in (1..e.len()).rev() {
            e[k] = e[k - 1]
                .checked_mul(u128::from(l))
                .and_then(|x| x.checked_add(e[k]))
                .ok_or_else(overflow)?;
        }
    }
    e.iter()
        .enumerate()
        .skip(1)
        .map(|(k, &n)| {
            u64::try_from(n).map_err(|_| {
                QcaError::Option(format!(
                    "layer {k} has {n} terms, more than 2^64 - 1: too many to count as a JSON number (use fewer conditions)"
                ))
            })
        })
        .collect()
}

/// Checks R's implicant-matrix arguments: row numbers within `1..=Π base`.
fn check_rows(rows: &[u64], base: &[u32]) -> Result<u64> {
    if let Some(b) = base.iter().find(|&&b| b < 2) {
        return Err(QcaError::Option(format!(
            "implicant-matrix base {b}: every condition needs at least 2 codes"
        )));
    }
    let total = base
        .iter()
        .try_fold(1u64, |a, &b| a.checked_mul(u64::from(b)))
        .ok_or_else(|| QcaError::Option("the implicant matrix has more than 2^64 rows".into()))?;
    if let Some(r) = rows.iter().find(|&&r| r == 0 || r > total) {
        return Err(QcaError::Option(format!(
            "row {r} is not in the implicant matrix (rows 1..{total})"
        )));
    }
    Ok(total)
}

/// Subsets of implicant-matrix rows (R's `findSubsets(input, noflevels, stop)`): every row
/// that keeps the input's codes and sets one or more of its free (0) positions, up to `stop`
/// (default: the last row), sorted and without duplicates. `base` is R's `noflevels`
/// argument, which for this function is the implicant-matrix base (levels + 1): code 0 means
/// the condition is absent and code `v + 1` its value `v`.
///
/// ```
/// // ~A*~C (row 11 in base 3,3,3) has the subsets ~A*~B*~C (14) and ~A*B*~C (17)
/// assert_eq!(fiscus_qca::find_subsets(&[11], &[3, 3, 3], None).unwrap(), vec![14, 17]);
/// ```
pub fn find_subsets(rows: &[u64], base: &[u32], stop: Option<u64>) -> Result<Vec<u64>> {
    let total = check_rows(rows, base)?;
    let stop = stop.unwrap_or(total).min(total);
    let mut out = Vec::new();
    for &r in rows {
        let codes = row_config(r, base);
        // Every combination of codes at the free positions, except all-absent (the row itself).
        let free: Vec<usize> = (0..codes.len()).filter(|&j| codes[j] == 0).collect();
        let mut cur = codes.clone();
        'next: loop {
            for &p in free.iter().rev() {
                if cur[p] + 1 < base[p] {
                    cur[p] += 1;
                    if let Some(n) = crate::truth_table::row_number(&cur, base) {
                        if n <= stop {
                            out.push(n);
                        }
                    }
                    continue 'next;
                }
                cur[p] = 0;
            }
            break;
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Supersets of implicant-matrix rows (R's `findSupersets(input, noflevels)`): every row
/// obtained by dropping none or some of the input's conditions (the input itself included,
/// the empty row 1 excluded), sorted and without duplicates. `base` as in [`find_subsets`].
///
/// ```
/// assert_eq!(fiscus_qca::find_supersets(&[2, 2, 1], &[3, 3, 3]).unwrap(), vec![2]);
/// // A*B (codes 2,2,0 = row 25): A, B and A*B
/// assert_eq!(fiscus_qca::find_supersets(&[25], &[3, 3, 3]).unwrap(), vec![7, 19, 25]);
/// ```
pub fn find_supersets(rows: &[u64], base: &[u32]) -> Result<Vec<u64>> {
    check_rows(rows, base)?;
    let mut out = Vec::new();
    for &r in rows {
        let codes = row_config(r, base);
        let set: Vec<usize> = (0..codes.len()).filter(|&j| codes[j] != 0).collect();
        if set.len() > 30 {
            return Err(QcaError::Option(format!(
                "row {r} has {} conditions: too many supersets to list",
                set.len()
            )));
        }
        for mask in 0u64..(1u64 << set.len()) {
            let mut cur = codes.clone();
            for (k, &p) in set.iter().enumerate() {
                if mask & (1 << k) == 0 {
                    cur[p] = 0;
                }
            }
            if let Some(n) = crate::truth_table::row_number(&cur, base) {
                if n > 1 {
                    out.push(n);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}
