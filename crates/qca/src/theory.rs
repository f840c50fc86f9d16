//! Theory evaluation (R QCA's `modelFit()`): how a solution model and a theory overlap, and the
//! fit of each part.

use serde::Serialize;

use crate::boolean::{negate, translate, BooleanSpace};
use crate::error::{QcaError, Result};
use crate::expr::{parse_sop, sop_membership, Universe};
use crate::fit::{zero_small, FitSums};
use crate::sets::QcaData;

/// The four intersections of a model and a theory, each a simplified SOP expression (an empty
/// set is `""`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intersections {
    /// `model*theory`: what both predict.
    #[serde(rename = "model*theory")]
    pub model_theory: String,
    /// `model*~theory`: what only the model predicts.
    #[serde(rename = "model*~theory")]
    pub model_not_theory: String,
    /// `~model*theory`: what only the theory predicts.
    #[serde(rename = "~model*theory")]
    pub not_model_theory: String,
    /// `~model*~theory`: what neither predicts.
    #[serde(rename = "~model*~theory")]
    pub not_model_not_theory: String,
}

/// The sufficiency fit of one part (`null` where R prints NaN: an empty set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TheoryFitRow {
    /// A term of the model, `model`, `theory`, or one of the intersections' names.
    pub term: String,
    /// Sufficiency inclusion.
    #[serde(rename = "inclS")]
    pub incl_s: Option<f64>,
    /// Proportional reduction in inconsistency.
    #[serde(rename = "PRI")]
    pub pri: Option<f64>,
    /// Sufficiency coverage.
    #[serde(rename = "covS")]
    pub cov_s: Option<f64>,
}

/// One model confronted with the theory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelTheoryFit {
    /// Model name (`M1`, ...).
    pub name: String,
    /// The model's expression.
    pub model: String,
    /// The four intersections.
    pub intersections: Intersections,
    /// Fit of each model term, then `model`, `theory` and the four intersections.
    pub rows: Vec<TheoryFitRow>,
}

/// The result of [`model_fit`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TheoryFit {
    /// The theory as given.
    pub theory: String,
    /// One entry per model, in the solution's order.
    pub models: Vec<ModelTheoryFit>,
}

/// A term as an implicant: per condition the admitted values (`None`: any).
type Cells = Vec<Option<Vec<u32>>>;

/// The terms of an expression as implicants (`"0"`: none; `"1"`: the whole space).
fn implicants(space: &BooleanSpace, expr: &str) -> Result<Vec<Cells>> {
    Ok(match expr.trim() {
        "0" => Vec::new(),
        "1" => vec![vec![None; space.levels.len()]],
        e => translate(space, e)?
            .cells
            .into_iter()
            .map(|t| {
                t.into_iter()
                    .zip(&space.levels)
                    .map(|(c, &l)| c.filter(|vs| vs.len() < l as usize))
                    .collect()
            })
            .collect(),
    })
}

/// admisc's `intersection()`: every conjunction of a term of `a` with a term of `b`
/// (contradictory ones dropped), without duplicates and without terms that another term
/// absorbs; R's term order (fewer literals first, then condition by condition).
fn intersect(a: &[Cells], b: &[Cells]) -> Vec<Cells> {
    let mut out: Vec<Cells> = Vec::new();
    for x in a {
        'pairs: for y in b {
            let mut t = Vec::with_capacity(x.len());
            for (cx, cy) in x.iter().zip(y) {
                t.push(match (cx, cy) {
                    (None, c) | (c, None) => c.clone(),
                    (Some(p), Some(q)) => {
                        let both: Vec<u32> = p.iter().filter(|v| q.contains(v)).copied().collect();
                        if both.is_empty() {
                            continue 'pairs;
                        }
                        Some(both)
                    }
                });
            }
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    // `inside(t, u)`: every configuration of t is one of u.
    let inside = |t: &Cells, u: &Cells| {
        t.iter().zip(u).all(|(ct, cu)| match (ct, cu) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(p), Some(q)) => p.iter().all(|v| q.contains(v)),
        })
    };
    let mut kept: Vec<Cells> = out
        .iter()
        .enumerate()
        .filter(|(i, t)| !out.iter().enumerate().any(|(j, u)| j != *i && inside(t, u)))
        .map(|(_, t)| t.clone())
        .collect();
    let key = |t: &Cells| {
        let lits = t.iter().filter(|c| c.is_some()).count();
        let codes: Vec<(u8, Vec<u32>)> = t
            .iter()
            .map(|c| match c {
                None => (1, Vec::new()),
                Some(vs) => (0, vs.clone()),
            })
            .collect();
        (lits, codes)
    };
    kept.sort_by_key(key);
    kept
}

/// An implicant in R's notation over `u` (binary `X` / `~X`, multi-value `X[v]`).
fn term_text(u: &Universe, t: &Cells) -> String {
    let parts: Vec<String> = t
        .iter()
        .enumerate()
        .filter_map(|(j, c)| {
            let vs = c.as_ref()?;
            let name = &u.names[j];
            Some(if u.multivalue {
                format!(
                    "{name}[{}]",
                    vs.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
                )
            } else if vs == &[1] {
                name.clone()
            } else {
                format!("~{name}")
            })
        })
        .collect();
    if parts.is_empty() {
        "1".into()
    } else {
        parts.join("*")
    }
}

/// The SOP of a list of implicants (`"0"` when empty).
fn sop_text(u: &Universe, ts: &[Cells]) -> String {
    if ts.is_empty() {
        return "0".into();
    }
    ts.iter()
        .map(|t| term_text(u, t))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Sufficiency fit of an expression that [`sop_text`] produced (`"0"` empty, `"1"` all).
fn part_fit(term: &str, expr: &str, u: &Universe, data: &QcaData) -> Result<TheoryFitRow> {
    let y = &data.outcome.values;
    let m: Vec<f64> = match expr {
        "0" => {
            return Ok(TheoryFitRow {
                term: term.to_string(),
                incl_s: None,
                pri: None,
                cov_s: None,
            })
        }
        "1" => vec![1.0; y.len()],
        e => sop_membership(&parse_sop(u, e)?, &data.conditions),
    };
    let f = FitSums::new(&m, y).sufficiency();
    let finite = |v: f64| v.is_finite().then(|| zero_small(v, 1e-5));
    Ok(TheoryFitRow {
        term: term.to_string(),
        incl_s: finite(f.incl),
        pri: finite(f.pri),
        cov_s: finite(f.cov),
    })
}

/// R QCA's `modelFit(model, theory)`: for each `(name, expression)` model of a solution over
/// `data`'s conditions, the intersections of model and theory (the conjunctions of their terms
/// without absorbed terms, as admisc's `intersection()` builds them; negations by `negate()`) and the sufficiency fit of every
/// model term, the model, the theory and each intersection.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{model_fit, QcaData};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 1.0, 1.0, 1.0])]).unwrap();
/// let d = QcaData::new(&ds, "Y", None).unwrap();
/// let f = model_fit(&d, &[("M1".into(), "A + B".into())], "A").unwrap();
/// let m = &f.models[0];
/// assert_eq!(m.intersections.model_theory, "A");
/// assert_eq!(m.intersections.model_not_theory, "~A*B");
/// assert_eq!(m.intersections.not_model_theory, "");
/// assert_eq!(m.intersections.not_model_not_theory, "~A*~B");
/// let empty = m.rows.iter().find(|r| r.term == "~model*theory").unwrap();
/// assert_eq!(empty.incl_s, None);
/// ```
pub fn model_fit(data: &QcaData, models: &[(String, String)], theory: &str) -> Result<TheoryFit> {
    let u = data.universe();
    let space = BooleanSpace::new(u.names.clone(), data.levels())?;
    if theory.trim().is_empty() {
        return Err(QcaError::Option("the theory is an empty expression".into()));
    }
    // Parsing against the data's conditions names an unknown condition in the theory.
    parse_sop(&u, theory)?;
    let th = implicants(&space, theory)?;
    let not_th = implicants(&space, negate(&space, theory)?.expression())?;
    let mut out = Vec::with_capacity(models.len());
    for (name, model) in models {
        let model_sop = parse_sop(&u, model)?;
        let mo = implicants(&space, model)?;
        let not_mo = implicants(&space, negate(&space, model)?.expression())?;
        let parts = [
            ("model*theory", sop_text(&u, &intersect(&mo, &th))),
            ("model*~theory", sop_text(&u, &intersect(&mo, &not_th))),
            ("~model*theory", sop_text(&u, &intersect(&not_mo, &th))),
            ("~model*~theory", sop_text(&u, &intersect(&not_mo, &not_th))),
        ];
        let mut rows = Vec::with_capacity(model_sop.terms.len() + 6);
        for t in &model_sop.texts {
            rows.push(part_fit(t, t, &u, data)?);
        }
        rows.push(part_fit("model", model, &u, data)?);
        rows.push(part_fit("theory", theory, &u, data)?);
        for (label, e) in &parts {
            rows.push(part_fit(label, e, &u, data)?);
        }
        let shown = |e: &str| {
            if e == "0" {
                String::new()
            } else {
                e.to_string()
            }
        };
        out.push(ModelTheoryFit {
            name: name.clone(),
            model: model.clone(),
            intersections: Intersections {
                model_theory: shown(&parts[0].1),
                model_not_theory: shown(&parts[1].1),
                not_model_theory: shown(&parts[2].1),
                not_model_not_theory: shown(&parts[3].1),
            },
            rows,
        });
    }
    Ok(TheoryFit {
        theory: theory.trim().to_string(),
        models: out,
    })
}
