//! Parameters of fit (R QCA's `pof()`): sufficiency inclS, PRI, covS, covU; necessity
//! inclN, RoN, covN.

use serde::Serialize;

use crate::error::Result;
use crate::expr::{parse_sop, term_membership, Universe};
use crate::inference::{binom_pvalues, require_crisp};
use crate::sets::SetColumn;

/// Sufficiency measures of a set `x` for an outcome `y`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SufficiencyFit {
    /// Σ min(X,Y) / Σ X.
    #[serde(rename = "inclS")]
    pub incl: f64,
    /// Proportional reduction in inconsistency.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Σ min(X,Y) / Σ Y.
    #[serde(rename = "covS")]
    pub cov: f64,
}

/// Necessity measures of a set `x` for an outcome `y`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NecessityFit {
    /// Σ min(X,Y) / Σ Y.
    #[serde(rename = "inclN")]
    pub incl: f64,
    /// Relevance of necessity, Σ(1−X) / Σ(1−min(X,Y)).
    #[serde(rename = "RoN")]
    pub ron: f64,
    /// Σ min(X,Y) / Σ X.
    #[serde(rename = "covN")]
    pub cov: f64,
}

/// Sums of one set against the outcome, from which every measure follows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FitSums {
    /// Σ X.
    pub sx: f64,
    /// Σ Y.
    pub sy: f64,
    /// Σ min(X, Y).
    pub sxy: f64,
    /// Σ min(X, Y, 1 − Y).
    pub sxyny: f64,
    /// Σ (1 − X).
    pub snx: f64,
    /// Σ (1 − min(X, Y)).
    pub snxy: f64,
}

impl FitSums {
    /// Accumulates the sums over cases.
    ///
    /// ```
    /// let s = fiscus_qca::FitSums::new(&[0.2, 0.8], &[0.4, 0.9]);
    /// assert!((s.sxy - 1.0).abs() < 1e-12);
    /// ```
    pub fn new(x: &[f64], y: &[f64]) -> FitSums {
        let mut s = FitSums::default();
        for (&a, &b) in x.iter().zip(y) {
            let m = a.min(b);
            s.sx += a;
            s.sy += b;
            s.sxy += m;
            s.sxyny += m.min(1.0 - b);
            s.snx += 1.0 - a;
            s.snxy += 1.0 - m;
        }
        s
    }

    /// Sufficiency measures (0/0 gives NaN, as in `pof()`).
    ///
    /// ```
    /// let f = fiscus_qca::FitSums::new(&[0.2, 0.8], &[0.4, 0.9]).sufficiency();
    /// assert!((f.incl - 1.0).abs() < 1e-12);
    /// ```
    pub fn sufficiency(&self) -> SufficiencyFit {
        SufficiencyFit {
            incl: self.sxy / self.sx,
            pri: (self.sxy - self.sxyny) / (self.sx - self.sxyny),
            cov: self.sxy / self.sy,
        }
    }

    /// Necessity measures.
    ///
    /// ```
    /// let f = fiscus_qca::FitSums::new(&[0.2, 0.8], &[0.4, 0.9]).necessity();
    /// assert!((f.incl - 1.0 / 1.3).abs() < 1e-12);
    /// ```
    pub fn necessity(&self) -> NecessityFit {
        NecessityFit {
            incl: self.sxy / self.sy,
            ron: self.snx / self.snxy,
            cov: self.sxy / self.sx,
        }
    }
}

/// R's zeroing of tiny values: `v < limit` becomes exactly 0 (NaN stays NaN).
pub(crate) fn zero_small(v: f64, limit: f64) -> f64 {
    if v < limit {
        0.0
    } else {
        v
    }
}

/// The relation a fit table describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// X ⊆ Y.
    Sufficiency,
    /// Y ⊆ X.
    Necessity,
}

impl std::str::FromStr for Relation {
    type Err = crate::error::QcaError;
    fn from_str(s: &str) -> Result<Relation> {
        match s.trim().to_ascii_lowercase().as_str() {
            "suf" | "sufficiency" | "s" => Ok(Relation::Sufficiency),
            "nec" | "necessity" | "n" => Ok(Relation::Necessity),
            other => Err(crate::error::QcaError::Option(format!(
                "unknown relation `{other}` (use sufficiency or necessity)"
            ))),
        }
    }
}

/// One row of a fit table: a term or the whole expression.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FitRow {
    /// The term as written, or `expression` for the union.
    pub term: String,
    /// inclS (sufficiency) or None.
    #[serde(rename = "inclS", skip_serializing_if = "Option::is_none")]
    pub incl_s: Option<f64>,
    /// PRI (sufficiency).
    #[serde(rename = "PRI", skip_serializing_if = "Option::is_none")]
    pub pri: Option<f64>,
    /// covS (sufficiency).
    #[serde(rename = "covS", skip_serializing_if = "Option::is_none")]
    pub cov_s: Option<f64>,
    /// covU (sufficiency; `null` for a single term and for the expression row).
    #[serde(rename = "covU", skip_serializing_if = "skip_cov_u")]
    pub cov_u: Option<Option<f64>>,
    /// inclN (necessity).
    #[serde(rename = "inclN", skip_serializing_if = "Option::is_none")]
    pub incl_n: Option<f64>,
    /// RoN (necessity).
    #[serde(rename = "RoN", skip_serializing_if = "Option::is_none")]
    pub ron: Option<f64>,
    /// covN (necessity).
    #[serde(rename = "covN", skip_serializing_if = "Option::is_none")]
    pub cov_n: Option<f64>,
    /// p-value of the binomial test against the first inclusion cut-off (`inf.test`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pval1: Option<f64>,
    /// p-value of the binomial test against the second inclusion cut-off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pval0: Option<f64>,
    /// In a minimisation: the cases of the positive truth-table rows the term covers, by row
    /// (what R prints in its `cases` column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cases: Option<Vec<String>>,
    /// In a minimisation: the deviant cases for consistency (membership in the term above 0.5,
    /// in the outcome below 0.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deviant_cases: Option<Vec<String>>,
}

fn skip_cov_u(v: &Option<Option<f64>>) -> bool {
    v.is_none()
}

impl FitRow {
    /// A sufficiency row.
    pub(crate) fn suf(term: String, f: SufficiencyFit, cov_u: Option<f64>, zero: f64) -> FitRow {
        FitRow {
            term,
            incl_s: Some(zero_small(f.incl, zero)),
            pri: Some(zero_small(f.pri, zero)),
            cov_s: Some(zero_small(f.cov, zero)),
            cov_u: Some(cov_u.map(|v| zero_small(v, zero))),
            incl_n: None,
            ron: None,
            cov_n: None,
            pval1: None,
            pval0: None,
            cases: None,
            deviant_cases: None,
        }
    }

    /// A necessity row.
    pub(crate) fn nec(term: String, f: NecessityFit, zero: f64) -> FitRow {
        FitRow {
            term,
            incl_s: None,
            pri: None,
            cov_s: None,
            cov_u: None,
            incl_n: Some(zero_small(f.incl, zero)),
            ron: Some(zero_small(f.ron, zero)),
            cov_n: Some(zero_small(f.cov, zero)),
            pval1: None,
            pval0: None,
            cases: None,
            deviant_cases: None,
        }
    }
}

/// Unique coverage of each term among `members` (memberships of every term), relative to
/// the others: `[Σ min(X_t,Y) − Σ min(X_t, Y, max_{u≠t} X_u)] / Σ Y`.
///
/// ```
/// let cu = fiscus_qca::unique_coverage(&[vec![1.0, 0.0], vec![1.0, 1.0]], &[1.0, 1.0]);
/// assert_eq!(cu, vec![0.0, 0.5]);
/// ```
pub fn unique_coverage(members: &[Vec<f64>], y: &[f64]) -> Vec<f64> {
    let sy: f64 = y.iter().sum();
    let mut best = TopTwo::new(y.len());
    for (t, m) in members.iter().enumerate() {
        best.add(t, m);
    }
    members
        .iter()
        .enumerate()
        .map(|(t, m)| best.unique_coverage(t, m, y, sy))
        .collect()
}

/// Per case, the largest membership among the terms added so far (in term order), the term
/// holding it and the second-largest: the maximum over the *other* terms is then known in
/// constant time. Terms can be added one at a time (a streamed fit holds no more).
pub(crate) struct TopTwo(Vec<(f64, usize, f64)>);

impl TopTwo {
    pub(crate) fn new(n: usize) -> TopTwo {
        TopTwo(vec![(0.0, usize::MAX, 0.0); n])
    }

    /// Adds term `t` with memberships `m`.
    pub(crate) fn add(&mut self, t: usize, m: &[f64]) {
        for (b, &x) in self.0.iter_mut().zip(m) {
            if x > b.0 {
                *b = (x, t, b.0);
            } else if x > b.2 {
                b.2 = x;
            }
        }
    }

    /// The unique coverage of term `t` (memberships `m`) among all terms added, `sy` = Σ y.
    pub(crate) fn unique_coverage(&self, t: usize, m: &[f64], y: &[f64], sy: f64) -> f64 {
        let mut own = 0.0;
        let mut shared = 0.0;
        for ((&(top, at, second), &x), &yy) in self.0.iter().zip(m).zip(y) {
            let others = if at == t { second } else { top };
            let xy = x.min(yy);
            own += xy;
            shared += xy.min(others);
        }
        (own - shared) / sy
    }
}

/// Membership in the union of the terms: the maximum over `members`, case by case.
fn union_of(members: &[Vec<f64>], n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| members.iter().map(|m| m[i]).fold(0.0f64, f64::max))
        .collect()
}

/// Fit rows for a list of term memberships against `y`: one row per term, then, with two
/// terms or more, an `expression` row for their union. `zero` is R's zeroing limit (1e-5 in
/// `pof()`, 1e-4 inside minimisation tables).
///
/// ```
/// use fiscus_qca::{fit_rows, Relation};
/// let rows = fit_rows(&["A".into()], &[vec![0.2, 0.8]], &[0.4, 0.9], Relation::Sufficiency, 1e-5);
/// assert_eq!(rows.len(), 1);
/// assert_eq!(rows[0].incl_s, Some(1.0));
/// ```
pub fn fit_rows(
    names: &[String],
    members: &[Vec<f64>],
    y: &[f64],
    relation: Relation,
    zero: f64,
) -> Vec<FitRow> {
    let mut rows = Vec::with_capacity(members.len() + 1);
    let cov_u = if members.len() > 1 && relation == Relation::Sufficiency {
        Some(unique_coverage(members, y))
    } else {
        None
    };
    for (t, m) in members.iter().enumerate() {
        let s = FitSums::new(m, y);
        rows.push(match relation {
            Relation::Sufficiency => FitRow::suf(
                names[t].clone(),
                s.sufficiency(),
                cov_u.as_ref().map(|c| c[t]),
                zero,
            ),
            Relation::Necessity => FitRow::nec(names[t].clone(), s.necessity(), zero),
        });
    }
    if members.len() > 1 {
        let union = union_of(members, y.len());
        let s = FitSums::new(&union, y);
        rows.push(match relation {
            Relation::Sufficiency => FitRow::suf("expression".into(), s.sufficiency(), None, zero),
            Relation::Necessity => FitRow::nec("expression".into(), s.necessity(), zero),
        });
    }
    rows
}

/// `pof()`: parameters of fit of an SOP expression over `cols` for outcome memberships `y`.
///
/// ```
/// use fiscus_qca::{pof, Relation, SetColumn, SetKind};
/// let cols = vec![SetColumn { name: "A".into(), kind: SetKind::Fuzzy, values: vec![0.2, 0.8] }];
/// let rows = pof("~A", &cols, &[0.9, 0.1], Relation::Sufficiency).unwrap();
/// // ~A = (0.8, 0.2): Σmin(~A, Y) / Σ~A = (0.8 + 0.1) / 1.0
/// assert!((rows[0].incl_s.unwrap() - 0.9).abs() < 1e-12);
/// ```
pub fn pof(expr: &str, cols: &[SetColumn], y: &[f64], relation: Relation) -> Result<Vec<FitRow>> {
    let u = Universe::from_columns(cols);
    let e = parse_sop(&u, expr)?;
    let members: Vec<Vec<f64>> = e.terms.iter().map(|t| term_membership(t, cols)).collect();
    Ok(fit_rows(&e.texts, &members, y, relation, 1e-5))
}

/// `pof(..., inf.test = "binom", incl.cut = c(cut1, cut0))`: the sufficiency fit of an SOP
/// expression with the p-values of the binomial test for every term and the expression
/// (crisp data only; `n = Σ X`, `success = round(n · inclS)`). `pval0` is given only with a
/// second cut-off. `outcome` names the outcome in errors.
///
/// ```
/// use fiscus_qca::{pof_binom, SetColumn, SetKind};
/// let a = SetColumn { name: "A".into(), kind: SetKind::Crisp { levels: 2 }, values: vec![1.0; 8] };
/// let rows = pof_binom("A", &[a], &[1.0; 8], "Y", 0.75, Some(0.5)).unwrap();
/// assert!((rows[0].pval1.unwrap() - 0.75f64.powi(8)).abs() < 1e-15);
/// assert!((rows[0].pval0.unwrap() - 0.5f64.powi(8)).abs() < 1e-15);
/// ```
pub fn pof_binom(
    expr: &str,
    cols: &[SetColumn],
    y: &[f64],
    outcome: &str,
    cut1: f64,
    cut0: Option<f64>,
) -> Result<Vec<FitRow>> {
    crate::truth_table::TruthTableConfig {
        incl_cut1: cut1,
        incl_cut0: cut0,
        ..Default::default()
    }
    .validate()?;
    let u = Universe::from_columns(cols);
    let e = parse_sop(&u, expr)?;
    let used: Vec<SetColumn> = cols
        .iter()
        .enumerate()
        .filter(|(j, _)| e.terms.iter().flatten().any(|l| l.set == *j))
        .map(|(_, c)| c.clone())
        .collect();
    require_crisp(&used, outcome, y)?;
    let members: Vec<Vec<f64>> = e.terms.iter().map(|t| term_membership(t, cols)).collect();
    let mut rows = fit_rows(&e.texts, &members, y, Relation::Sufficiency, 1e-5);
    let union = union_of(&members, y.len());
    let sets: Vec<&Vec<f64>> = if members.len() > 1 {
        members.iter().chain(std::iter::once(&union)).collect()
    } else {
        members.iter().collect()
    };
    for (row, x) in rows.iter_mut().zip(sets) {
        let s = FitSums::new(x, y);
        if let Some((p1, p0)) = binom_pvalues(s.sx, s.sxy / s.sx, cut1, cut0.unwrap_or(1.0)) {
            row.pval1 = Some(p1);
            row.pval0 = cut0.map(|_| p0);
        }
    }
    Ok(rows)
}
