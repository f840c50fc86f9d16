//! Common-factor forms of an SOP expression (admisc's `factorize()`).
//!
//! A literal shared by two terms or more defines a group: the terms containing it. The group's
//! common factor is the conjunction of the literals every term of the group shares, and the group
//! is written `FACTOR*(REST1 + REST2 + …)`. A factorization factors one group and then, recursively,
//! the terms outside it (so disjoint groups are factored together); the remainders inside the
//! parentheses are factorized the same way. Items (factored groups and plain terms) are written in
//! the order of their first literal (condition order, `~X` before `X`), as admisc prints them.

use crate::error::{QcaError, Result};
use crate::expr::split_outside;

/// A literal as written, with its sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lit {
    text: String,
    name: String,
    negated: bool,
}

impl Lit {
    fn parse(s: &str) -> Lit {
        let text: String = s.split_whitespace().collect();
        let negated = text.starts_with('~');
        let bare = text.trim_start_matches('~');
        let name = bare.split(['[', '{']).next().unwrap_or(bare).to_string();
        Lit {
            text,
            name,
            negated,
        }
    }
}

type Term = Vec<Lit>;

/// Sort key of an item: the literals of its prefix, by (condition, negated first, text).
fn key(lits: &[Lit], order: &[String]) -> Vec<(usize, bool, String)> {
    lits.iter()
        .map(|l| {
            (
                order
                    .iter()
                    .position(|n| *n == l.name)
                    .unwrap_or(usize::MAX),
                !l.negated,
                l.text.clone(),
            )
        })
        .collect()
}

fn term_text(t: &[Lit]) -> String {
    t.iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("*")
}

/// One output item (a plain term, or a factor with its parenthesised rest) with its sort key.
type Item = (Vec<(usize, bool, String)>, String);

fn join_items(mut items: Vec<Item>) -> String {
    items.sort();
    items
        .into_iter()
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(" + ")
}

fn plain(terms: &[Term], order: &[String]) -> Vec<Item> {
    terms
        .iter()
        .map(|t| (key(t, order), term_text(t)))
        .collect()
}

/// Every factorization of `terms`, each as its list of items (empty when no literal is
/// shared by two terms). `budget` bounds the number of groups tried.
fn factorizations(terms: &[Term], order: &[String], budget: &mut usize) -> Vec<Vec<Item>> {
    // Candidate literals in condition order (negated first); each gives a group of terms.
    let mut lits: Vec<&Lit> = terms.iter().flatten().collect();
    lits.sort_by_key(|l| key(std::slice::from_ref(*l), order));
    lits.dedup();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for l in lits {
        let g: Vec<usize> = (0..terms.len()).filter(|&i| terms[i].contains(l)).collect();
        if g.len() >= 2 && !groups.contains(&g) {
            groups.push(g);
        }
    }
    let mut out: Vec<Vec<Item>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for g in groups {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let common: Vec<Lit> = terms[g[0]]
            .iter()
            .filter(|l| g.iter().all(|&i| terms[i].contains(l)))
            .cloned()
            .collect();
        let rests: Vec<Term> = g
            .iter()
            .map(|&i| {
                terms[i]
                    .iter()
                    .filter(|l| !common.contains(l))
                    .cloned()
                    .collect()
            })
            .collect();
        if rests.iter().any(Vec::is_empty) {
            // A term equal to the factor absorbs the others: no factorization.
            continue;
        }
        let mut inner: Vec<String> = factorizations(&rests, order, budget)
            .into_iter()
            .map(join_items)
            .collect();
        if inner.is_empty() {
            inner.push(join_items(plain(&rests, order)));
        }
        let others: Vec<Term> = (0..terms.len())
            .filter(|i| !g.contains(i))
            .map(|i| terms[i].clone())
            .collect();
        let mut outside = factorizations(&others, order, budget);
        if outside.is_empty() {
            outside.push(plain(&others, order));
        }
        for inn in &inner {
            let factored: Item = (
                key(&common, order),
                format!("{}*({inn})", term_text(&common)),
            );
            for o in &outside {
                if *budget == 0 {
                    return out;
                }
                *budget -= 1;
                let mut items = o.clone();
                items.push(factored.clone());
                items.sort();
                if seen.insert(join_items(items.clone())) {
                    out.push(items);
                }
            }
        }
    }
    out
}

/// Common-factor forms of an SOP expression (R's `admisc::factorize()`), in admisc's order;
/// `order` gives the condition order used to sort items (names not listed sort last, by text).
/// An expression without any literal shared by two terms is returned as it is. An expression
/// with too many forms to list (more than 20,000 steps of the enumeration) is an error.
///
/// ```
/// let f = fiscus_qca::factorize("~A*B*C + ~A*B*D + A*C*E", &[]).unwrap();
/// assert_eq!(f, vec!["~A*B*(C + D) + A*C*E", "~A*B*D + C*(~A*B + A*E)"]);
/// assert_eq!(fiscus_qca::factorize("A + B", &[]).unwrap(), vec!["A + B"]);
/// ```
pub fn factorize(expr: &str, order: &[String]) -> Result<Vec<String>> {
    const MAX_WORK: usize = 20_000;
    let mut names = crate::expr::sop_names(expr);
    if names.is_empty() {
        return Err(QcaError::Parse {
            input: expr.to_string(),
            message: "no condition in the expression".into(),
        });
    }
    if let Some(bad) = order.iter().find(|o| !names.contains(o)) {
        return Err(QcaError::Parse {
            input: expr.to_string(),
            message: format!("`{bad}` (in the condition order) does not occur in the expression"),
        });
    }
    if expr.contains('(') || expr.contains(')') {
        return Err(QcaError::Parse {
            input: expr.to_string(),
            message: "give a sum of products without parentheses".into(),
        });
    }
    names.sort();
    let order: Vec<String> = if order.is_empty() {
        names
    } else {
        order.to_vec()
    };
    let mut terms: Vec<Term> = Vec::new();
    for t in split_outside(expr, '+') {
        let lits: Term = split_outside(&t, '*')
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Lit::parse(l))
            .collect();
        if lits.is_empty() {
            return Err(QcaError::Parse {
                input: expr.to_string(),
                message: "empty term".into(),
            });
        }
        if let Some(l) = lits.iter().find(|l| {
            l.name.is_empty()
                || !l
                    .name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        }) {
            return Err(QcaError::Parse {
                input: expr.to_string(),
                message: format!("`{}` in term `{}` is not a literal", l.text, t.trim()),
            });
        }
        if !terms.contains(&lits) {
            terms.push(lits);
        }
    }
    // A bound on the work: groups tried and forms written over the whole recursion. Running out
    // is an error, never a silently shortened list.
    let mut budget = MAX_WORK;
    let f = factorizations(&terms, &order, &mut budget);
    if budget == 0 {
        return Err(QcaError::Analysis(format!(
            "`{}` has too many common-factor forms to list (more than {MAX_WORK} steps); factorize a shorter expression",
            expr.trim()
        )));
    }
    if f.is_empty() {
        Ok(vec![join_items(plain(&terms, &order))])
    } else {
        Ok(f.into_iter().map(join_items).collect())
    }
}
