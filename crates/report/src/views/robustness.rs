//! Views of robustness results (the SetMethods protocol): test solutions, the robustness
//! fit measures and case classes, sensitivity ranges, the configuration chart, and grids.

use fiscus_qca::{ChartPath, ConfigurationChart};
use fiscus_robustness::{GridReport, Robustness, RobustnessFit, SensitivityRange, TestStatus};

use super::strs;
use crate::table::{Digits, View};
use crate::{Block, Table};

/// The name of a test's status.
///
/// ```
/// assert_eq!(fiscus_report::views::robustness::status_name(fiscus_robustness::TestStatus::NoSolution), "no solution");
/// ```
pub fn status_name(s: TestStatus) -> &'static str {
    match s {
        TestStatus::Ok => "ok",
        TestStatus::NoSolution => "no solution",
        TestStatus::Invalid => "invalid",
    }
}

/// The robustness fit measures (robust core, IS, RF_*) and the case classes (robust, shaky,
/// possible typical and deviant cases; RCR, RCC rank).
pub fn fit_blocks(v: &mut View, f: &RobustnessFit, d: Digits) {
    let f3 = |x| d.num(x, 3);
    let (core, is) = (&f.robust_core_fit, &f.is_fit);
    v.line(format!(
        "Robust core:  inclS {}  PRI {}  covS {}",
        f3(core.incl),
        f3(core.pri),
        f3(core.cov)
    ));
    v.line(format!(
        "IS:           inclS {}  PRI {}  covS {}",
        f3(is.incl),
        f3(is.pri),
        f3(is.cov)
    ));
    v.line(format!(
        "RF_cov {}  RF_cons {}  RF_SC_minTS {}  RF_SC_maxTS {}",
        f3(f.rf_cov),
        f3(f.rf_cons),
        f3(f.rf_sc_min_ts),
        f3(f.rf_sc_max_ts)
    ));
    v.push(Block::Table(cases_table(f)));
    v.line(format!(
        "RCR_typ {}  RCR_dev {}  RCC_Rank {}",
        f3(f.rcr_typ),
        f3(f.rcr_dev),
        f.rcc_rank
    ));
}

/// The case-oriented measures: typical and deviant cases that are robust (in the robust
/// core), shaky, possible, or in no solution.
pub fn cases_table(f: &RobustnessFit) -> Table {
    let c = &f.cases;
    let rows = vec![
        vec![
            "typical (outcome > 0.5)".into(),
            c.robust_typical.to_string(),
            c.shaky_typical.to_string(),
            c.possible_typical.to_string(),
            c.extreme_deviant.to_string(),
        ],
        vec![
            "deviant (outcome < 0.5)".into(),
            c.robust_deviant.to_string(),
            c.shaky_deviant.to_string(),
            c.possible_deviant.to_string(),
            c.irrelevant.to_string(),
        ],
    ];
    let header = strs(&["cases", "robust", "shaky", "possible", "in no solution"]);
    let caption = "Case-oriented robustness (membership above 0.5)";
    Table::new("robustness-cases", caption, header, rows)
}

/// The configuration chart as a table: one row per condition, one column per path, then the
/// paths' consistency, PRI and coverages.
pub fn chart_table(c: &ConfigurationChart, d: Digits) -> Table {
    let mut header = vec!["condition".to_string()];
    header.extend((1..=c.paths.len()).map(|k| format!("path {k}")));
    let mut rows: Vec<Vec<String>> = c
        .conditions
        .iter()
        .enumerate()
        .map(|(j, n)| {
            let mut r = vec![n.clone()];
            r.extend(c.paths.iter().map(|p| p.cells[j].symbol().to_string()));
            r
        })
        .collect();
    type Get = fn(&ChartPath) -> Option<f64>;
    let measures: [(&str, Get); 4] = [
        ("consistency", |p| Some(p.incl_s)),
        ("PRI", |p| Some(p.pri)),
        ("raw coverage", |p| Some(p.cov_s)),
        ("unique coverage", |p| p.cov_u),
    ];
    for (name, get) in measures {
        let mut r = vec![name.to_string()];
        r.extend(c.paths.iter().map(|p| d.opt(get(p), 3)));
        rows.push(r);
    }
    let caption = format!(
        "Configuration chart of {} (● core present, ⊗ core absent, • peripheral present, ⊘ peripheral absent)",
        c.solution
    );
    Table::new("chart", &caption, header, rows)
}

/// The sensitivity ranges of the parameters (same first model within the range).
pub fn ranges_table(rg: &[SensitivityRange]) -> Table {
    let show = |v: f64, open: bool| {
        if open {
            format!("{v} (no change)")
        } else {
            format!("{v}")
        }
    };
    let rows = rg.iter().map(|r| {
        vec![
            r.parameter.clone(),
            format!("{}", r.value),
            format!("{}", r.step),
            show(r.lower, r.lower_unbounded),
            show(r.upper, r.upper_unbounded),
        ]
    });
    let header = strs(&["parameter", "value", "step", "lower", "upper"]);
    Table::new(
        "ranges",
        "Sensitivity ranges (same first model)",
        header,
        rows.collect(),
    )
}

/// A robustness analysis: the IS and the test solutions with their fit, the protocol's
/// measures, and the ranges and chart when computed. The data table is the test solutions.
pub fn robustness(
    r: &Robustness,
    ranges: Option<&[SensitivityRange]>,
    chart: Option<&ConfigurationChart>,
    d: Digits,
) -> View {
    let f3 = |x| d.num(x, 3);
    let is = &r.fit.is_fit;
    let first = vec![
        "IS".to_string(),
        r.is_expression.clone(),
        "ok".into(),
        f3(is.incl),
        f3(is.pri),
        f3(is.cov),
        f3(1.0),
    ];
    let rows = std::iter::once(first).chain(r.tests.iter().map(|t| {
        let f = t.fit(&r.initial.outcome);
        vec![
            t.label.clone(),
            t.expression.clone().unwrap_or_else(|| "(none)".into()),
            status_name(t.status).into(),
            f3(f.incl),
            f3(f.pri),
            f3(f.cov),
            f3(t.similarity(&r.initial.membership)),
        ]
    }));
    let header = strs(&[
        "test",
        "first model",
        "status",
        "inclS",
        "PRI",
        "covS",
        "SC(IS)",
    ]);
    let tests = Table::new("tests", "", header, rows.collect());
    let mut v = View::new(vec![
        Block::Heading {
            level: 1,
            text: format!("Robustness of IS {}", r.is_expression),
        },
        Block::Table(tests.clone()),
    ]);
    fit_blocks(&mut v, &r.fit, d);
    if let Some(rg) = ranges {
        v.push(Block::Table(ranges_table(rg)));
    }
    if let Some(c) = chart {
        v.push(Block::Table(chart_table(c, d)));
        v.line(format!(
            "solution consistency {}  PRI {}  coverage {}",
            f3(c.incl_s),
            f3(c.pri),
            f3(c.cov_s)
        ));
    }
    v.with_csv(tests)
}

/// A grid: how many specifications were solved, the specifications left out with their
/// reason, path stability, the distinct first models (top 20) and the protocol's measures.
/// The data table lists every specification.
pub fn grid(g: &GridReport, d: Digits) -> View {
    let sum = &g.summary;
    let f3 = |x| d.num(x, 3);
    let mut v = View::default();
    v.line(format!(
        "Robustness grid `{}`: {} specifications ({} solved, {} without solution, {} invalid; shares are over the solved ones)",
        g.grid, sum.specifications, sum.solved, sum.no_solution, sum.invalid
    ));
    v.line(format!("IS: {}", sum.is_expression));
    v.line(format!(
        "share of test solutions equal to the IS: {}",
        f3(sum.share_equal_is)
    ));
    if !sum.excluded.is_empty() {
        let rows = sum.excluded.iter().map(|e| {
            vec![
                e.position.to_string(),
                e.specification.clone(),
                e.reason.clone(),
            ]
        });
        v.table(
            "Left out of every share and measure (cannot be analysed)",
            strs(&["#", "specification", "reason"]),
            rows.collect(),
        );
    }
    let rows = sum.path_stability.iter().map(|p| {
        let conds: Vec<String> = p
            .conditions
            .iter()
            .map(|(c, x)| format!("{c} {}", f3(*x)))
            .collect();
        vec![
            p.path.clone(),
            if p.in_is { "yes".into() } else { String::new() },
            p.count.to_string(),
            f3(p.share),
            conds.join(", "),
        ]
    });
    let header = strs(&["path", "in IS", "count", "share", "conditions (share)"]);
    v.table("Path stability", header, rows.collect());
    let rows = sum
        .distinct_solutions
        .iter()
        .take(20)
        .map(|x| vec![x.expression.clone(), x.count.to_string(), f3(x.share)]);
    v.table(
        "Distinct first models",
        strs(&["first model", "count", "share"]),
        rows.collect(),
    );
    fit_blocks(&mut v, &sum.fit, d);
    let rows = g.items.iter().enumerate().map(|(k, t)| {
        vec![
            (k + 1).to_string(),
            t.test.clone(),
            t.expression.clone().unwrap_or_else(|| "(none)".into()),
            status_name(t.status).into(),
        ]
    });
    let header = strs(&["#", "specification", "first model", "status"]);
    v.with_csv(Table::new("specifications", "", header, rows.collect()))
}
