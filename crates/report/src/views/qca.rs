//! Views of QCA results: truth tables, solutions, fit tables and rows found.
//!
//! ```
//! use fiscus_qca::{FitReport, FitRow, Relation};
//! use fiscus_report::{table::Digits, views::qca};
//! let row = FitRow { term: "A".into(), incl_n: Some(0.95), ron: Some(0.6), cov_n: Some(0.7), ..Default::default() };
//! let r = FitReport { outcome: "Y".into(), relation: Relation::Necessity, rows: vec![row], inf_test: None };
//! assert_eq!(qca::fit(&r, Digits::Rounded).text(), "term  inclN    RoN   covN\nA     0.950  0.600  0.700\n");
//! ```

use fiscus_qca::{
    row_config, FindRowsReport, FitReport, FitRow, Minimization, Model, Out, Relation, TruthTable,
};

use super::strs;
use crate::table::{Digits, View};
use crate::{Block, Table};

/// A truth table: the observed rows in `order` (indices into `tt.rows`), then the remainders
/// when `complete` (up to 65,536 of them), and notes on cases in no row.
pub fn truth_table(tt: &TruthTable, order: &[usize], complete: bool, d: Digits) -> View {
    let names = tt.condition_names();
    let binom = tt.config.inf_test.is_some();
    let binom0 = binom && tt.config.incl_cut0.is_some();
    let mut header = vec!["row".to_string()];
    header.extend(names.iter().cloned());
    header.extend(strs(&["OUT", "n", "incl", "PRI"]));
    if binom {
        header.push("pval1".into());
    }
    if binom0 {
        header.push("pval0".into());
    }
    header.push("cases".into());
    let mut rows: Vec<Vec<String>> = order
        .iter()
        .map(|&i| {
            let r = &tt.rows[i];
            let mut v = vec![r.row.to_string()];
            v.extend(r.config.iter().map(|c| c.to_string()));
            v.push(r.out.as_str().into());
            v.push(r.n.to_string());
            v.push(d.num(r.incl, 3));
            v.push(d.num(r.pri, 3));
            if binom {
                v.push(d.opt(r.pval1, 3));
            }
            if binom0 {
                v.push(d.opt(r.pval0, 3));
            }
            let cases: Vec<&str> = r.cases.iter().map(|&c| tt.data.cases[c].as_str()).collect();
            v.push(cases.join(","));
            v
        })
        .collect();
    if complete {
        for r in tt.remainder_rows(1 << 16).unwrap_or_default() {
            let mut v = vec![r.to_string()];
            v.extend(row_config(r, &tt.levels).iter().map(|c| c.to_string()));
            v.push(Out::Remainder.as_str().into());
            v.push("0".into());
            let blanks = 2 + usize::from(binom) + usize::from(binom0);
            v.extend(std::iter::repeat_n("-".to_string(), blanks));
            v.push(String::new());
            rows.push(v);
        }
    }
    let mut v = View::default();
    v.line(format!(
        "Truth table for {} ({} cases, {} conditions)",
        tt.data.outcome.label,
        tt.data.n_cases(),
        names.len()
    ));
    v.line("  OUT: output value; n: cases in the row; incl: sufficiency inclusion; PRI: proportional reduction in inconsistency");
    v.table("", header, rows);
    for c in tt.data.dropped.iter().chain(&tt.half_cases) {
        v.line(format!(
            "note: case `{}` is in no row: {}",
            c.case, c.reason
        ));
    }
    v
}

fn arrow(m: &Model) -> &'static str {
    if m.necessary_too {
        "<->"
    } else {
        "->"
    }
}

/// The fit table of one model: its terms, then the model itself.
pub fn model_table(m: &Model, d: Digits) -> Table {
    let mut rows: Vec<Vec<String>> = m
        .terms_fit
        .iter()
        .map(|t| {
            vec![
                t.term.clone(),
                d.opt(t.incl_s, 3),
                d.opt(t.pri, 3),
                d.opt(t.cov_s, 3),
                t.cov_u
                    .flatten()
                    .map_or_else(|| "-".into(), |v| d.num(v, 3)),
                t.cases.as_deref().unwrap_or_default().join(", "),
            ]
        })
        .collect();
    rows.push(vec![
        m.name.clone(),
        d.num(m.incl_s, 3),
        d.num(m.pri, 3),
        d.num(m.cov_s, 3),
        String::new(),
        String::new(),
    ]);
    let header = strs(&["", "inclS", "PRI", "covS", "covU", "cases"]);
    Table::new(&m.name, "", header, rows)
}

/// A solution's models: `M1: A*B + C -> Y` (terms that are not essential in parentheses when
/// there are several models), then each model's fit table and deviant cases.
pub fn models(v: &mut View, models: &[Model], essential: &[String], outcome: &str, d: Digits) {
    for m in models {
        let terms: Vec<String> = m
            .terms
            .iter()
            .map(|t| {
                if models.len() > 1 && !essential.contains(t) {
                    format!("({t})")
                } else {
                    t.clone()
                }
            })
            .collect();
        v.line(format!(
            "{}: {} {} {outcome}",
            m.name,
            terms.join(" + "),
            arrow(m)
        ));
    }
    for m in models {
        let mut t = model_table(m, d);
        if models.len() > 1 {
            t.caption = m.name.clone();
        }
        v.push(Block::Table(t));
        if !m.deviant_cases.is_empty() {
            v.line(format!(
                "deviant cases for consistency (in {} above 0.5, outcome below 0.5): {}",
                m.name,
                m.deviant_cases.join(", ")
            ));
        }
    }
}

/// A minimisation: the main solution's models, then every intermediate solution with its
/// counterfactuals. The data table lists every term of every model of the main solution.
pub fn minimization(m: &Minimization, d: Digits) -> View {
    let outcome = &m.outcome;
    let mut v = View::new(vec![Block::Heading {
        level: 1,
        text: format!("{} solution for {outcome}", m.solution),
    }]);
    models(&mut v, &m.main.models, &m.main.essential, outcome, d);
    for i in m.intermediate.iter().flatten() {
        v.push(Block::Heading {
            level: 2,
            text: format!("Intermediate solution {}:", i.name),
        });
        models(&mut v, &i.models, &i.essential, outcome, d);
        v.line(format!(
            "easy counterfactuals: {:?}",
            i.easy_counterfactuals
        ));
        v.line(format!(
            "difficult counterfactuals: {:?}",
            i.difficult_counterfactuals
        ));
    }
    let rows = m.main.models.iter().flat_map(|md| {
        md.terms_fit.iter().map(move |t| {
            vec![
                md.name.clone(),
                t.term.clone(),
                d.num(t.incl_s.unwrap_or(f64::NAN), 3),
                d.num(t.pri.unwrap_or(f64::NAN), 3),
                d.num(t.cov_s.unwrap_or(f64::NAN), 3),
                t.cov_u.flatten().map(|x| d.num(x, 3)).unwrap_or_default(),
            ]
        })
    });
    let header = strs(&["model", "term", "inclS", "PRI", "covS", "covU"]);
    v.with_csv(Table::new("terms", "", header, rows.collect()))
}

/// The fit table of `rows` for a relation: inclS, PRI, covS, covU (sufficiency) or inclN,
/// RoN, covN (necessity), and the binomial p-values when present.
pub fn fit_table(rows: &[FitRow], relation: Relation, d: Digits) -> Table {
    let f3 = |x: Option<f64>| d.opt(x, 3);
    let (mut header, mut body): (Vec<String>, Vec<Vec<String>>) = match relation {
        Relation::Sufficiency => (
            strs(&["term", "inclS", "PRI", "covS", "covU"]),
            rows.iter()
                .map(|r| {
                    let cov_u = r
                        .cov_u
                        .flatten()
                        .map_or_else(|| "-".into(), |x| d.num(x, 3));
                    vec![r.term.clone(), f3(r.incl_s), f3(r.pri), f3(r.cov_s), cov_u]
                })
                .collect(),
        ),
        Relation::Necessity => (
            strs(&["term", "inclN", "RoN", "covN"]),
            rows.iter()
                .map(|r| vec![r.term.clone(), f3(r.incl_n), f3(r.ron), f3(r.cov_n)])
                .collect(),
        ),
    };
    let has1 = rows.iter().any(|r| r.pval1.is_some());
    let has0 = rows.iter().any(|r| r.pval0.is_some());
    for (name, on, get) in [
        (
            "pval1",
            has1,
            (|r: &FitRow| r.pval1) as fn(&FitRow) -> Option<f64>,
        ),
        ("pval0", has0, |r: &FitRow| r.pval0),
    ] {
        if on {
            header.push(name.into());
            for (b, r) in body.iter_mut().zip(rows) {
                b.push(f3(get(r)));
            }
        }
    }
    Table::new("fit", "", header, body)
}

/// A fit table (`fiscus fit`, `fiscus necessity`).
pub fn fit(r: &FitReport, d: Digits) -> View {
    View::new(vec![Block::Table(fit_table(&r.rows, r.relation, d))])
}

/// The rows found by findRows(), with their configurations.
pub fn find_rows(r: &FindRowsReport, tt: &TruthTable) -> View {
    let body = r.rows.iter().map(|&row| {
        let mut v = vec![row.to_string()];
        v.extend(row_config(row, &tt.levels).iter().map(|c| c.to_string()));
        v
    });
    let mut header = vec!["row".to_string()];
    header.extend(tt.condition_names());
    let mut v = View::default();
    v.line(format!("{} rows", r.rows.len()));
    v.push(Block::Table(Table::new("rows", "", header, body.collect())));
    v
}

/// Theory evaluation (modelFit()): each model's intersections with the theory, and the fit of
/// every part. The data table is the fit of every part of every model.
pub fn theory(fit: &fiscus_qca::TheoryFit, d: Digits) -> View {
    let mut v = View::default();
    v.line(format!("Theory: {}", fit.theory));
    for m in &fit.models {
        let i = &m.intersections;
        let rows = [
            ("model*theory", &i.model_theory),
            ("model*~theory", &i.model_not_theory),
            ("~model*theory", &i.not_model_theory),
            ("~model*~theory", &i.not_model_not_theory),
        ]
        .map(|(k, x)| {
            let shown = if x.is_empty() { "(empty)" } else { x.as_str() };
            vec![k.to_string(), shown.to_string()]
        });
        let caption = format!("{}: {}", m.name, m.model);
        v.table(
            &caption,
            strs(&["intersection", "expression"]),
            rows.to_vec(),
        );
    }
    let rows = fit.models.iter().flat_map(|m| {
        m.rows.iter().map(|r| {
            vec![
                m.name.clone(),
                r.term.clone(),
                d.opt(r.incl_s, 3),
                d.opt(r.pri, 3),
                d.opt(r.cov_s, 3),
            ]
        })
    });
    let header = strs(&["model", "term", "inclS", "PRI", "covS"]);
    let t = Table::new("fit", "", header, rows.collect());
    v.push(Block::Table(t.clone()));
    v.with_csv(t)
}

/// A retention probability, with what was perturbed (`what`, e.g. `2 dependent corruption`).
///
/// ```
/// use fiscus_report::{table::Digits, views::qca};
/// let v = qca::retention("SURV", "2 dependent corruption", 0.25, Digits::Rounded);
/// assert_eq!(v.text(), "Retention probability of the solution for SURV (2 dependent corruption): 0.250000\n");
/// assert_eq!(v.csv(), "retention\n0.250000\n");
/// ```
pub fn retention(outcome: &str, what: &str, p: f64, d: Digits) -> View {
    let mut v = View::default();
    let shown = if d.machine() {
        format!("{p}")
    } else {
        format!("{p:.6}")
    };
    v.line(format!(
        "Retention probability of the solution for {outcome} ({what}): {p:.6}"
    ));
    v.with_csv(Table::new(
        "retention",
        "",
        strs(&["retention"]),
        vec![vec![shown]],
    ))
}

/// A causal chain: every outcome with its models (`(no solution)` when R finds none).
pub fn causal_chain(chain: &fiscus_qca::CausalChain) -> View {
    let rows = chain.outcomes.iter().map(|(o, m)| {
        let shown = if m.is_empty() {
            "(no solution)".to_string()
        } else {
            m.join("  |  ")
        };
        vec![o.clone(), shown]
    });
    let header = strs(&["outcome", "models"]);
    View::new(vec![Block::Table(Table::new(
        "chain",
        "",
        header,
        rows.collect(),
    ))])
}
