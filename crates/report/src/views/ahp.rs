//! Views of `fiscus ahp` results: one matrix, a panel, a hierarchy, a sensitivity analysis.
//!
//! ```
//! use fiscus_ahp::{analyze, AhpConfig, Judgments, MatrixReport};
//! use fiscus_report::{table::Digits, views::ahp};
//! let (j, _) = Judgments::from_upper(vec!["A".into(), "B".into()], &[Some(3.0)]).unwrap();
//! let r = analyze(&j, &AhpConfig::default()).unwrap();
//! let doc = MatrixReport { result: r, source: "m.csv".into(), warnings: vec![], repair: None };
//! let v = ahp::matrix(&doc, 5, Digits::Rounded);
//! assert!(v.text().contains("A        0.7500     1"));
//! assert_eq!(ahp::matrix(&doc, 5, Digits::Exact).csv(), "element,weight,rank\nA,0.75,1\nB,0.25,2\n");
//! ```

use fiscus_ahp::{
    AhpResult, GroupReport, HierarchyReport, MatrixReport, Repair, SensitivityReport,
};

use super::strs;
use crate::table::{Digits, View};
use crate::Block;

fn yes_no(ok: bool) -> String {
    if ok { "yes" } else { "NO" }.into()
}

/// The consistency line of a matrix: n, λmax, CI, RI, CR and the verdict.
///
/// ```
/// use fiscus_ahp::{analyze, AhpConfig, Judgments};
/// let (j, _) = Judgments::from_upper(vec!["A".into(), "B".into()], &[Some(3.0)]).unwrap();
/// let r = analyze(&j, &AhpConfig::default()).unwrap();
/// assert!(fiscus_report::views::ahp::consistency_line(&r).starts_with("n = 2   λmax = 2.0000"));
/// ```
pub fn consistency_line(r: &AhpResult) -> String {
    let c = &r.consistency;
    let f4 = |x| Digits::Rounded.num(x, 4);
    format!(
        "n = {}   λmax = {}   CI = {}   RI = {} ({})   CR = {}  {}",
        c.n,
        f4(c.lambda_max),
        f4(c.ci),
        c.ri,
        c.ri_table.name(),
        f4(c.cr),
        if c.acceptable {
            format!("acceptable (< {})", c.threshold)
        } else {
            format!("NOT acceptable (≥ {})", c.threshold)
        }
    )
}

/// One matrix: priorities, consistency, completed judgments, the `top` most inconsistent
/// judgments and the repair (when asked for). The data table is the priorities.
pub fn matrix(doc: &MatrixReport, top: usize, d: Digits) -> View {
    let r = &doc.result;
    let f4 = |x| d.num(x, 4);
    let mut v = View::new(vec![Block::Heading {
        level: 1,
        text: format!(
            "AHP priorities: {} ({} method)",
            doc.source,
            r.method.name()
        ),
    }]);
    let rows = r.elements.iter().zip(&r.weights).zip(&r.ranks);
    let rows = rows.map(|((e, w), k)| vec![e.clone(), f4(*w), k.to_string()]);
    v.table("", strs(&["element", "weight", "rank"]), rows.collect());
    v.line(consistency_line(r));
    if let Some(t) = r.consistency.gci_threshold {
        v.line(format!("GCI = {} (threshold {t})", f4(r.consistency.gci)));
    }
    if let Some(c) = r.completion {
        let rows = r
            .filled
            .iter()
            .map(|f| vec![f.row.clone(), f.column.clone(), f4(f.value)]);
        let caption = format!("Missing judgments completed ({})", c.name());
        v.table(&caption, strs(&["row", "column", "value"]), rows.collect());
    }
    let shown: Vec<_> = r.inconsistent_judgments.iter().take(top).collect();
    if !shown.is_empty() && r.consistency.n > 2 {
        let rows = shown.iter().map(|x| {
            let j = format!("{} vs {}", x.row, x.column);
            vec![j, f4(x.current), f4(x.suggested), d.num(x.log_error, 3)]
        });
        v.table(
            "Most inconsistent judgments (consistent value = w_i/w_j)",
            strs(&["judgment", "given", "consistent", "|ln e|"]),
            rows.collect(),
        );
    }
    match &doc.repair {
        None => {}
        Some(None) => v.push(Block::Paragraph(
            "Repair: not needed (CR is acceptable).".into(),
        )),
        Some(Some(fx)) => repair(&mut v, fx, d),
    }
    v
}

fn scale_text(x: f64) -> String {
    if x >= 1.0 {
        format!("{}", x.round())
    } else {
        format!("1/{}", (1.0 / x).round())
    }
}

fn repair(v: &mut View, fx: &Repair, d: Digits) {
    let f4 = |x| d.num(x, 4);
    let how = if fx.minimal {
        "fewest possible"
    } else {
        "greedy search"
    };
    let missed = if fx.reached {
        ""
    } else {
        " — threshold NOT reached"
    };
    let caption = format!(
        "Repair: {} judgment(s) changed ({how}); CR {} → {} ({} with Saaty-scale values){missed}",
        fx.changes.len(),
        f4(fx.cr_before),
        f4(fx.cr_after),
        f4(fx.cr_after_rounded),
    );
    let rows = fx.changes.iter().map(|c| {
        let nearest = scale_text(c.nearest_scale);
        vec![
            format!("{} vs {}", c.row, c.column),
            f4(c.old),
            f4(c.new),
            nearest,
        ]
    });
    v.table(
        &caption,
        strs(&["judgment", "old", "new", "nearest scale value"]),
        rows.collect(),
    );
}

/// A panel: every expert's CR and weights, the three group aggregates, the AIJ group matrix's
/// consistency and the inconsistent experts. The data table is the group weights.
pub fn group(doc: &GroupReport, d: Digits) -> View {
    let g = &doc.result;
    let f4 = |x| d.num(x, 4);
    let mut v = View::new(vec![Block::Heading {
        level: 1,
        text: format!(
            "Group AHP: {} — {} experts, {} method, RI table {}",
            doc.source,
            g.experts.len(),
            g.method.name(),
            g.ri_table.name()
        ),
    }]);
    let mut header = strs(&["expert", "weight", "CR", "ok"]);
    header.extend(g.elements.iter().cloned());
    let rows = g.experts.iter().map(|e| {
        let mut r = vec![
            e.expert.clone(),
            f4(e.expert_weight),
            f4(e.cr),
            yes_no(e.acceptable),
        ];
        r.extend(e.weights.iter().map(|w| f4(*w)));
        r
    });
    v.table("Experts", header, rows.collect());
    let rows = (0..g.elements.len()).map(|k| {
        vec![
            g.elements[k].clone(),
            f4(g.weights[k]),
            f4(g.aij.weights[k]),
            f4(g.aip_arithmetic[k]),
            f4(g.aip_geometric[k]),
        ]
    });
    let caption = format!("Group weights (weight = {})", g.aggregation.name());
    let header = strs(&["element", "weight", "AIJ", "AIP-arith", "AIP-geom"]);
    let weights = crate::Table::new("group-weights", &caption, header, rows.collect());
    v.push(Block::Table(weights.clone()));
    v.line(format!("AIJ group matrix: {}", consistency_line(&g.aij)));
    if !g.inconsistent_experts.is_empty() {
        let fate = if g.experts.iter().any(|e| !e.included) {
            "excluded"
        } else {
            "included"
        };
        v.line(format!(
            "Inconsistent experts (CR ≥ {}): {} ({fate})",
            g.aij.consistency.threshold,
            g.inconsistent_experts.join(", "),
        ));
    }
    v.with_csv(weights)
}

/// A hierarchy: every matrix's consistency, the criteria's local and global weights, each
/// level's CR, the total CR and the alternatives' scores. The data table lists criteria and
/// alternatives in one (`kind` tells them apart).
pub fn hierarchy(doc: &HierarchyReport, d: Digits) -> View {
    let r = &doc.result;
    let f4 = |x| d.num(x, 4);
    let mut v = View::new(vec![Block::Heading {
        level: 1,
        text: format!(
            "AHP hierarchy: {} — goal `{}`, {} method, RI table {}",
            doc.source,
            r.goal,
            r.method.name(),
            r.ri_table.name()
        ),
    }]);
    let rows = r.nodes.iter().map(|n| {
        vec![
            n.name.clone(),
            n.level.to_string(),
            n.elements.len().to_string(),
            f4(n.lambda_max),
            f4(n.ci),
            format!("{}", n.ri),
            f4(n.cr),
            yes_no(n.acceptable),
        ]
    });
    let header = strs(&["node", "level", "n", "λmax", "CI", "RI", "CR", "ok"]);
    v.table("Matrices", header, rows.collect());
    let indent = |level: usize| {
        if d.machine() {
            String::new()
        } else {
            "  ".repeat(level.saturating_sub(1))
        }
    };
    let mut rows: Vec<Vec<String>> = r
        .criteria
        .iter()
        .map(|c| {
            vec![
                format!("{}{}", indent(c.level), c.name),
                if c.leaf {
                    "leaf-criterion"
                } else {
                    "criterion"
                }
                .into(),
                c.parent.clone(),
                c.level.to_string(),
                f4(c.local_weight),
                f4(c.global_weight),
                String::new(),
            ]
        })
        .collect();
    rows.extend(r.alternatives.iter().map(|x| {
        vec![
            x.name.clone(),
            "alternative".into(),
            r.goal.clone(),
            String::new(),
            String::new(),
            f4(x.score),
            x.rank.to_string(),
        ]
    }));
    let header = strs(&["name", "kind", "parent", "level", "local", "global", "rank"]);
    let weights = crate::Table::new("weights", "Weights", header, rows);
    v.push(Block::Table(weights.clone()));
    for l in &r.levels {
        v.line(format!(
            "Level {} consistency: CR = {} ({} matrices)",
            l.level,
            f4(l.cr),
            l.matrices
        ));
    }
    let verdict = if r.acceptable {
        "acceptable"
    } else {
        "NOT acceptable"
    };
    v.line(format!("Total CR = {}  {verdict}", f4(r.total_cr)));
    v.with_csv(weights)
}

fn pct(d: Option<f64>) -> String {
    d.map_or_else(|| "none".into(), |d| format!("{:+.1}%", 100.0 * d))
}

/// One-at-a-time sensitivity: per factor the nearest weight changes that reverse a rank.
/// The data table lists every reversal point.
pub fn sensitivity(doc: &SensitivityReport, d: Digits) -> View {
    let s = &doc.result;
    let mut v = View::new(vec![Block::Heading {
        level: 1,
        text: format!("One-at-a-time sensitivity: {}", doc.source),
    }]);
    v.line(format!("Baseline ranking: {}", s.ranking.join(" > ")));
    let rows = s.factors.iter().map(|f| {
        let nearest =
            |x: Option<f64>| x.is_some() && (x == f.nearest_decrease || x == f.nearest_increase);
        let first = f
            .reversals
            .iter()
            .filter(|r| nearest(r.delta))
            .map(|r| {
                format!(
                    "{} / {} at w = {}",
                    r.ahead,
                    r.overtaken_by,
                    d.num(r.weight, 4)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            f.factor.clone(),
            d.num(f.weight, 4),
            pct(f.nearest_decrease),
            pct(f.nearest_increase),
            first,
        ]
    });
    let header = strs(&[
        "factor",
        "weight",
        "decrease to reverse",
        "increase to reverse",
        "first reversal",
    ]);
    v.table("", header, rows.collect());
    if let Some(m) = &s.most_sensitive {
        v.line(format!("Most sensitive: {m}"));
    }
    let rows = s.factors.iter().flat_map(|f| f.reversals.iter()).map(|r| {
        vec![
            r.factor.clone(),
            d.opt(r.delta, 4),
            d.num(r.weight, 4),
            r.ahead.clone(),
            r.overtaken_by.clone(),
        ]
    });
    let header = strs(&["factor", "delta", "weight", "ahead", "overtaken_by"]);
    v.with_csv(crate::Table::new(
        "reversals",
        "Reversal points",
        header,
        rows.collect(),
    ))
}
