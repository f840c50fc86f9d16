//! Views of `fiscus expr` results: models, factorizations, implicant matrices, configurations,
//! case memberships, row numbers and complexity layers. Numbers in these tables are counts,
//! levels or row numbers (shown as they are), except the memberships of `compute`.
//!
//! ```
//! use fiscus_qca::{BooleanSpace, simplify};
//! let s = simplify(&BooleanSpace::binary(&["A", "B"]).unwrap(), "A*B + A*~B").unwrap();
//! let v = fiscus_report::views::expr::simplified(&s, "simplified");
//! assert_eq!(v.csv(), "model,simplified\nM1,A\n");
//! ```

use fiscus_qca::{
    CaseMemberships, ComplexityReport, ConfigMatrix, Factorizations, Generated, RowNumbers,
    Simplified, Translation,
};

use super::strs;
use crate::table::{Digits, View};

/// A view of one table whose cells are already text.
fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> View {
    let mut v = View::default();
    v.table("", header, rows);
    v
}

/// Rows `label1, text` for a list (`M1`, `M2`, … or `F1`, …).
fn numbered(prefix: &str, items: &[String]) -> Vec<Vec<String>> {
    let rows = items.iter().enumerate();
    rows.map(|(i, m)| vec![format!("{prefix}{}", i + 1), m.clone()])
        .collect()
}

/// The models of a simplification or negation; `what` heads their column.
pub fn simplified(s: &Simplified, what: &str) -> View {
    table(strs(&["model", what]), numbered("M", &s.models))
}

/// The common-factor forms of an expression.
///
/// ```
/// let f = fiscus_qca::Factorizations { input: "A*B + A*C".into(), factorizations: vec!["A*(B + C)".into()] };
/// assert_eq!(fiscus_report::views::expr::factorized(&f).csv(), "form,factorized\nF1,A*(B + C)\n");
/// ```
pub fn factorized(f: &Factorizations) -> View {
    table(
        strs(&["form", "factorized"]),
        numbered("F", &f.factorizations),
    )
}

/// The implicant matrix of an expression: a row per term, `-1` where a condition is absent.
///
/// ```
/// use fiscus_qca::{translate, BooleanSpace};
/// let t = translate(&BooleanSpace::binary(&["A", "B"]).unwrap(), "A*~B").unwrap();
/// assert_eq!(fiscus_report::views::expr::translation(&t).csv(), "term,A,B\nA*~B,1,0\n");
/// ```
pub fn translation(t: &Translation) -> View {
    let mut header = vec!["term".to_string()];
    header.extend(t.names.iter().cloned());
    let rows = t.terms.iter().enumerate().map(|(i, term)| {
        let cells = (0..t.names.len()).map(|j| t.cell_text(i, j));
        std::iter::once(term.clone()).chain(cells).collect()
    });
    table(header, rows.collect())
}

/// Every configuration with its membership (`OUT`) in the expression.
///
/// ```
/// use fiscus_qca::{generate, BooleanSpace};
/// let g = generate(&BooleanSpace::binary(&["A"]).unwrap(), "A").unwrap();
/// assert_eq!(fiscus_report::views::expr::generated(&g).csv(), "A,OUT\n0,0\n1,1\n");
/// ```
pub fn generated(g: &Generated) -> View {
    let mut header = g.names.clone();
    header.push("OUT".into());
    let rows = g.configs.iter().zip(&g.out).map(|(c, o)| {
        let cells = c.iter().map(u32::to_string);
        cells.chain([o.to_string()]).collect()
    });
    table(header, rows.collect())
}

/// Every case's membership in an expression (three decimals at a terminal).
///
/// ```
/// use fiscus_report::table::Digits;
/// let m = fiscus_qca::CaseMemberships { expression: "A".into(), cases: vec!["x".into()], membership: vec![0.5] };
/// assert_eq!(fiscus_report::views::expr::memberships(&m, Digits::Rounded).csv(), "case,A\nx,0.500\n");
/// ```
pub fn memberships(m: &CaseMemberships, d: Digits) -> View {
    let rows = m.cases.iter().zip(&m.membership);
    let rows = rows.map(|(c, v)| vec![c.clone(), d.num(*v, 3)]).collect();
    table(strs(&["case", &m.expression]), rows)
}

/// All configurations of conditions `C1`, `C2`, … with the given levels.
///
/// ```
/// let m = fiscus_qca::ConfigMatrix { levels: vec![2], matrix: vec![vec![0], vec![1]] };
/// assert_eq!(fiscus_report::views::expr::config_matrix(&m).csv(), "C1\n0\n1\n");
/// ```
pub fn config_matrix(m: &ConfigMatrix) -> View {
    let header = (1..=m.levels.len()).map(|j| format!("C{j}")).collect();
    let rows = m
        .matrix
        .iter()
        .map(|r| r.iter().map(u32::to_string).collect());
    table(header, rows.collect())
}

/// Row numbers, one a line.
///
/// ```
/// let r = fiscus_qca::RowNumbers { rows: vec![1, 4] };
/// assert_eq!(fiscus_report::views::expr::row_numbers(&r).csv(), "row\n1\n4\n");
/// ```
pub fn row_numbers(r: &RowNumbers) -> View {
    let rows = r.rows.iter().map(|x| vec![x.to_string()]).collect();
    table(strs(&["row"]), rows)
}

/// The number of terms with 1, 2, … literals.
///
/// ```
/// let c = fiscus_qca::ComplexityReport { levels: vec![2, 2], terms: vec![4, 4] };
/// assert_eq!(fiscus_report::views::expr::complexity(&c).csv(), "literals,terms\n1,4\n2,4\n");
/// ```
pub fn complexity(c: &ComplexityReport) -> View {
    let rows = c.terms.iter().enumerate();
    let rows = rows.map(|(k, n)| vec![(k + 1).to_string(), n.to_string()]);
    table(strs(&["literals", "terms"]), rows.collect())
}
