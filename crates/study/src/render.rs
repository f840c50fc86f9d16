//! Turning [`StudyResults`] into the output files: reports, tables, figures, `results.json`.

use fiscus_data::Cell;
use fiscus_eval::GradeBasis;
use fiscus_qca::FitRow;
use fiscus_report::svg::{
    bar_chart, calibration_curve, configuration_chart, delphi_chart, grade_scale_chart, xy_plot,
    BarChart, CalibrationCurve, ChartCell, ChartPath, ConfigChart, DelphiChart, DelphiSeries,
    GradeScale, GradeScaleChart, Point, XyPlot,
};
use fiscus_report::{num, table_csv, to_html, to_markdown, Block, Document, Figure, Table};

use crate::error::StudyError;
use crate::evaluation::EvaluationResults;
use crate::run::StudyResults;

/// One output file: a path relative to the output directory and its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    /// Relative path (`report.html`, `figures/xy-parsimonious-1.svg`, ...).
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

fn f3(v: f64) -> String {
    num(v, 3)
}

fn opt3(v: Option<f64>) -> String {
    v.map_or_else(String::new, f3)
}

/// Outcome membership by case label.
type OutcomeOf<'a> = std::collections::HashMap<&'a str, f64>;

/// Typical cases: the covered cases with outcome membership above 0.5 (SetMethods). Without
/// the outcome memberships (dropped cases make their order differ from the case labels'),
/// the covered cases that are not deviant (the same unless an outcome is exactly 0.5).
fn typical(cases: &[String], deviant: &[String], outcome_of: Option<&OutcomeOf>) -> Vec<String> {
    cases
        .iter()
        .filter(|k| match outcome_of {
            Some(y) => y.get(k.as_str()).is_some_and(|v| *v > 0.5),
            None => !deviant.contains(k),
        })
        .cloned()
        .collect()
}

/// A solution's fit table with the cases of each term: those of the positive truth-table rows
/// it covers (R's `cases`), the typical ones among them (outcome membership above 0.5) and the
/// deviant cases for consistency (term above 0.5, outcome below 0.5).
fn fit_table(id: &str, caption: &str, rows: &[FitRow], outcome_of: Option<&OutcomeOf>) -> Table {
    let header = [
        "term",
        "inclS",
        "PRI",
        "covS",
        "covU",
        "cases",
        "typical cases",
        "deviant cases",
    ]
    .map(String::from)
    .to_vec();
    let none = Vec::new();
    let rows = rows
        .iter()
        .map(|r| {
            let cases = r.cases.as_ref().unwrap_or(&none);
            let deviant = r.deviant_cases.as_ref().unwrap_or(&none);
            vec![
                r.term.clone(),
                opt3(r.incl_s),
                opt3(r.pri),
                opt3(r.cov_s),
                r.cov_u.flatten().map_or_else(|| "-".into(), f3),
                cases.join(", "),
                typical(cases, deviant, outcome_of).join(", "),
                deviant.join(", "),
            ]
        })
        .collect();
    Table::new(id, caption, header, rows)
}

/// The set name of a literal or condition (`~X` → `X`, `X[2]` → `X`).
fn base_name(literal: &str) -> &str {
    let l = literal.strip_prefix('~').unwrap_or(literal);
    l.split('[').next().unwrap_or(l)
}

/// The group of a condition (or of a literal's condition), as `[[group]]` names it.
fn group_of<'a>(r: &'a StudyResults, literal: &str) -> Option<&'a str> {
    let base = base_name(literal);
    r.calibration
        .iter()
        .find(|c| c.name == base)
        .and_then(|c| c.group.as_deref())
}

/// The position of a condition's group in the study's group order (conditions without a
/// group come last).
fn group_rank(r: &StudyResults, literal: &str) -> usize {
    group_of(r, literal)
        .and_then(|g| r.groups.iter().position(|x| x.name == g))
        .unwrap_or(r.groups.len())
}

/// `T (Technology)`, or the name alone when the group has no label.
fn group_label(r: &StudyResults, literal: &str) -> String {
    let Some(g) = group_of(r, literal) else {
        return String::new();
    };
    match r.groups.iter().find(|x| x.name == g) {
        Some(x) if x.display_label() != g => format!("{g} ({})", x.display_label()),
        _ => g.to_string(),
    }
}

/// The indices of `items` ordered by the group of their condition (stable within a group).
fn by_group<T>(r: &StudyResults, items: &[T], literal: impl Fn(&T) -> &str) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&k| group_rank(r, literal(&items[k])));
    idx
}

/// `Path 2`, with the path's name if it has one (`Path 2: resource-led`).
fn path_title(k: usize, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("Path {}: {n}", k + 1),
        None => format!("Path {}", k + 1),
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Builds the report document (also used for the tables and figures written beside it).
///
/// ```
/// # use fiscus_study::{run, Study, report_document};
/// # let text = "[study]\ntitle = \"T\"\n[data]\nfile = \"d.csv\"\n[outcome]\nname = \"Y\"\n[[condition]]\nname = \"A\"\n[[condition]]\nname = \"B\"\n[truth_table]\nincl_cut = 1\n";
/// # let study = Study::parse(text, "s.toml").unwrap();
/// # let csv = b"case,A,B,Y\na,0,0,0\nb,0,1,1\nc,1,0,1\nd,1,1,1\n".to_vec();
/// let res = run(&study, &mut |_| Ok(csv.clone()), &mut |_| {}).unwrap();
/// let doc = report_document(&res).unwrap();
/// assert_eq!(doc.title, "T");
/// ```
pub fn report_document(r: &StudyResults) -> Result<Document, StudyError> {
    let mut b: Vec<Block> = Vec::new();
    let outcome = r.truth_table.outcome.clone();
    let h2 = |t: &str| Block::Heading {
        level: 2,
        text: t.into(),
    };
    let h3 = |t: &str| Block::Heading {
        level: 3,
        text: t.into(),
    };
    if let Some(d) = &r.study.description {
        b.push(Block::Paragraph(
            d.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    b.push(Block::Paragraph(format!(
        "Produced by Fiscus {} from the study file `{}` (seed {}). {} cases in the analysis{}.",
        r.fiscus_version,
        r.study.file,
        r.study.seed,
        r.data.cases.len(),
        if r.data.dropped.is_empty() {
            String::new()
        } else {
            format!(
                "; left out: {}",
                r.data
                    .dropped
                    .iter()
                    .map(|d| format!("{} ({})", d.case, d.reason))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    )));

    for w in &r.warnings {
        b.push(Block::Warning(w.clone()));
    }

    // Calibration.
    b.push(h2("1. Calibration"));
    let curves: Vec<String> = r
        .calibration
        .iter()
        .filter(|c| c.curve.len() >= 2)
        .map(|c| calibration_figure_id(&c.name))
        .collect();
    b.push(Block::Paragraph(format!(
        "How each set is calibrated from its raw column ({{table:calibration}}){}{}.",
        if r.data.dropped.is_empty() {
            "; the memberships of the cases in {table:memberships}"
        } else {
            ""
        },
        match (curves.first(), curves.last()) {
            (Some(a), Some(z)) if curves.len() > 1 => {
                format!("; the calibration curves with the cases in {{figures:{a}..{z}}}")
            }
            (Some(a), _) => format!("; the calibration curve with the cases in {{figure:{a}}}"),
            _ => String::new(),
        }
    )));
    let header = [
        "set",
        "label",
        "raw column",
        "calibration",
        "min raw",
        "max raw",
        "cases > 0.5",
    ]
    .map(String::from)
    .to_vec();
    let rows = r
        .calibration
        .iter()
        .map(|c| {
            let raw: Vec<f64> = c.raw.iter().flatten().copied().collect();
            let lo = raw.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let above = c.membership.iter().flatten().filter(|&&m| m > 0.5).count();
            vec![
                c.name.clone(),
                c.label.clone(),
                c.column.clone(),
                c.spec.as_ref().map_or_else(
                    || "memberships as given".into(),
                    |s| {
                        let shape = match (s.set_type, s.method) {
                            (fiscus_calibration::SetType::Crisp, _) => "crisp",
                            (_, fiscus_calibration::Method::Indirect) => "indirect",
                            (_, fiscus_calibration::Method::Tfr) => "TFR",
                            _ if s.logistic => "logistic",
                            _ => "linear",
                        };
                        format!("{shape}: {}", s.thresholds)
                    },
                ),
                if raw.is_empty() {
                    "NA".into()
                } else {
                    num(lo, 2)
                },
                if raw.is_empty() {
                    "NA".into()
                } else {
                    num(hi, 2)
                },
                above.to_string(),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        "calibration",
        "Calibration of the sets (anchors in R QCA notation)",
        header,
        rows,
    )));
    let mut mheader = vec!["case".to_string()];
    mheader.extend(r.calibration.iter().map(|c| c.name.clone()));
    let all_cases: Vec<String> = (0..r.calibration.first().map_or(0, |c| c.raw.len()))
        .map(|i| r.data.cases.get(i).cloned().unwrap_or_default())
        .collect();
    let _ = all_cases;
    let mrows: Vec<Vec<String>> = r
        .data
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let mut row = vec![case.clone()];
            row.extend(r.calibration.iter().map(|c| {
                c.membership
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or_else(|| "NA".into(), |v| num(v, 2))
            }));
            row
        })
        .collect();
    let membership_rows_ok = r.data.dropped.is_empty();
    if membership_rows_ok {
        b.push(Block::Table(Table::new(
            "memberships",
            "Calibrated set memberships",
            mheader,
            mrows,
        )));
    }
    for c in &r.calibration {
        if c.curve.len() < 2 {
            continue;
        }
        let cases = c
            .raw
            .iter()
            .zip(&c.membership)
            .enumerate()
            .filter_map(|(i, (x, m))| {
                Some(Point {
                    label: r
                        .data
                        .cases
                        .get(i)
                        .cloned()
                        .unwrap_or_else(|| (i + 1).to_string()),
                    x: (*x)?,
                    y: (*m)?,
                })
            })
            .collect();
        let anchors = c.spec.as_ref().map_or_else(Vec::new, |s| {
            let names: Vec<String> = match (s.thresholds.named, s.anchors().len()) {
                (true, 3) => fiscus_calibration::THREE_ANCHORS
                    .iter()
                    .map(|x| x.to_string())
                    .collect(),
                (true, 6) => fiscus_calibration::SIX_ANCHORS
                    .iter()
                    .map(|x| x.to_string())
                    .collect(),
                (_, k) => (1..=k).map(|j| format!("t{j}")).collect(),
            };
            names.into_iter().zip(s.anchors().iter().copied()).collect()
        });
        let id = calibration_figure_id(&c.name);
        let svg = calibration_curve(&CalibrationCurve {
            id: id.clone(),
            name: c.name.clone(),
            raw_label: c.column.clone(),
            curve: c.curve.clone(),
            cases,
            anchors,
        })?;
        b.push(Block::Figure(Figure {
            id,
            caption: format!(
                "Calibration of {} ({}) from `{}`",
                c.name, c.label, c.column
            ),
            svg,
        }));
    }

    // Necessity.
    b.push(h2("2. Necessary conditions"));
    b.push(Block::Paragraph(format!(
        "Necessity of every condition and its negation for {outcome} ({{table:necessity}}). A condition is reported as necessary when inclN ≥ {} and RoN ≥ {}: {}.",
        r.necessity.incl_cut,
        r.necessity.ron_cut,
        if r.necessity.necessary.is_empty() { "none".to_string() } else { r.necessity.necessary.join(", ") }
    )));
    // With groups (e.g. TOE), the conditions are listed group by group with their group.
    let grouped = !r.groups.is_empty();
    let nrows = by_group(r, &r.necessity.rows, |x| x.term.as_str())
        .into_iter()
        .map(|k| &r.necessity.rows[k])
        .map(|x| {
            let mut row = Vec::with_capacity(6);
            if grouped {
                row.push(group_label(r, &x.term));
            }
            row.extend([
                x.term.clone(),
                opt3(x.incl_n),
                opt3(x.ron),
                opt3(x.cov_n),
                if r.necessity.necessary.contains(&x.term) {
                    "yes".into()
                } else {
                    String::new()
                },
            ]);
            row
        })
        .collect();
    let mut nheader: Vec<String> = if grouped {
        vec!["group".into()]
    } else {
        vec![]
    };
    nheader.extend(["condition", "inclN", "RoN", "covN", "necessary"].map(String::from));
    b.push(Block::Table(Table::new(
        "necessity",
        if grouped {
            "Analysis of necessary conditions, by group"
        } else {
            "Analysis of necessary conditions"
        },
        nheader,
        nrows,
    )));
    let cal_of = |name: &str| r.calibration.iter().find(|c| c.name == name);
    let y: Vec<f64> = cal_of(&outcome).map_or_else(Vec::new, |c| {
        c.membership.iter().flatten().copied().collect()
    });
    if membership_rows_ok {
        for term in &r.necessity.necessary {
            let (neg, base) = match term.strip_prefix('~') {
                Some(b) => (true, b),
                None => (false, term.as_str()),
            };
            let Some(c) = cal_of(base) else { continue };
            let x: Vec<f64> = c
                .membership
                .iter()
                .flatten()
                .map(|&v| if neg { 1.0 - v } else { v })
                .collect();
            let row = r.necessity.rows.iter().find(|x| &x.term == term);
            let id = format!("xy-necessity-{}", slug(term));
            let svg = xy_plot(&XyPlot {
                id: id.clone(),
                x_label: term.clone(),
                y_label: outcome.clone(),
                points: points(&r.data.cases, &x, &y),
                corner: vec![
                    format!("inclN {}", opt3(row.and_then(|x| x.incl_n))),
                    format!("RoN {}", opt3(row.and_then(|x| x.ron))),
                    format!("covN {}", opt3(row.and_then(|x| x.cov_n))),
                ],
            })?;
            b.push(Block::Figure(Figure {
                id,
                caption: format!("XY plot of the necessary condition {term} and {outcome}"),
                svg,
            }));
        }
    }

    // Truth table.
    b.push(h2("3. Truth table"));
    let tc = &r.truth_table.config;
    b.push(Block::Paragraph(format!(
        "Observed configurations ({} rows, {{table:truth-table}}) with inclusion cut-off {}{}, frequency cut-off {} and PRI cut-off {}{}. Remainders are not listed.",
        r.truth_table.rows.len(),
        tc.incl_cut1,
        tc.incl_cut0.map_or_else(String::new, |c| format!(" (contradictions from {c})")),
        tc.n_cut,
        tc.pri_cut,
        if tc.exclude.is_empty() { String::new() } else { format!("; rows excluded (ESA): {:?}", tc.exclude) }
    )));
    let mut theader = vec!["row".to_string()];
    theader.extend(r.truth_table.conditions.iter().cloned());
    theader.extend(["OUT", "n", "incl", "PRI", "cases"].map(String::from));
    let trows = r
        .truth_table
        .rows
        .iter()
        .map(|x| {
            let mut row = vec![x.row.to_string()];
            row.extend(x.config.iter().map(|v| v.to_string()));
            row.push(x.out.as_str().to_string());
            row.push(x.n.to_string());
            row.push(f3(x.incl));
            row.push(f3(x.pri));
            row.push(x.cases.join(", "));
            row
        })
        .collect();
    b.push(Block::Table(Table::new(
        "truth-table",
        "Truth table (observed rows)",
        theader,
        trows,
    )));

    // Solutions.
    b.push(h2("4. Sufficient configurations"));
    // Without dropped cases the outcome memberships line up with the case labels.
    let outcome_of: Option<OutcomeOf> = membership_rows_ok
        .then(|| {
            cal_of(&outcome).map(|c| {
                r.data
                    .cases
                    .iter()
                    .zip(&c.membership)
                    .filter_map(|(k, m)| Some((k.as_str(), (*m)?)))
                    .collect()
            })
        })
        .flatten();
    b.push(Block::Paragraph(format!(
        "Each solution table lists, per term, the cases of the positive truth-table rows the term covers (membership above 0.5, as R QCA prints them), the typical cases among them (membership in {outcome} above 0.5) and the deviant cases for consistency (membership in the term above 0.5, in {outcome} below 0.5)."
    )));
    for s in &r.solutions {
        let title = match s.kind.as_str() {
            "intermediate" => format!("Intermediate solution {}", s.name),
            k => format!("{}{} solution", k[..1].to_uppercase(), &k[1..]),
        };
        b.push(h3(&title));
        if s.models.is_empty() {
            b.push(Block::Paragraph("No model.".into()));
            continue;
        }
        for m in &s.models {
            let id = format!("solution-{}-{}", slug(&s.name), slug(&m.name));
            b.push(Block::Paragraph(format!(
                "{}: {} → {} (inclS {}, PRI {}, covS {}; {{table:{id}}}). Cases covered: {}; deviant cases: {}.",
                m.name,
                m.expression,
                outcome,
                f3(m.incl_s),
                f3(m.pri),
                f3(m.cov_s),
                if m.cases.is_empty() { "none".to_string() } else { m.cases.join(", ") },
                if m.deviant_cases.is_empty() { "none".to_string() } else { m.deviant_cases.join(", ") },
            )));
            let mut rows = m.terms_fit.clone();
            rows.retain(|x| x.term != "expression");
            b.push(Block::Table(fit_table(
                &id,
                &format!("{title}, model {}: fit and cases of each term", m.name),
                &rows,
                outcome_of.as_ref(),
            )));
        }
        if !s.easy_counterfactuals.is_empty() || !s.difficult_counterfactuals.is_empty() {
            b.push(Block::Paragraph(format!(
                "Easy counterfactuals: {:?}; difficult counterfactuals: {:?}.",
                s.easy_counterfactuals, s.difficult_counterfactuals
            )));
        }
        if s.paths.iter().any(|p| p.name.is_some()) {
            b.push(Block::Paragraph(format!(
                "Named paths of {} (study file, `[[path]]`): {}.",
                s.models[0].name,
                s.paths
                    .iter()
                    .map(|p| format!("{} = {}", p.term, p.name.as_deref().unwrap_or("(unnamed)")))
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }
        // XY plots for the parsimonious and intermediate paths (the complex solution's
        // terms are usually single configurations).
        if membership_rows_ok && s.kind != "complex" {
            for (k, p) in s.paths.iter().enumerate() {
                let id = format!("xy-{}-path{}", slug(&s.name), k + 1);
                let svg = xy_plot(&XyPlot {
                    id: id.clone(),
                    x_label: p.term.clone(),
                    y_label: outcome.clone(),
                    points: points(&r.data.cases, &p.membership, &y),
                    corner: vec![
                        format!("Consistency {}", f3(p.incl_s)),
                        format!("Coverage {}", f3(p.cov_s)),
                    ],
                })?;
                b.push(Block::Figure(Figure {
                    id,
                    caption: format!(
                        "{title}, path {}{}: {} → {outcome}",
                        k + 1,
                        p.name
                            .as_deref()
                            .map_or_else(String::new, |n| format!(" ({n})")),
                        p.term
                    ),
                    svg,
                }));
            }
        }
    }

    // Configuration chart.
    let ch = &r.configuration_chart;
    if !ch.paths.is_empty() {
        b.push(h2("5. Configuration chart"));
        b.push(Block::Paragraph(format!(
            "Configurations for {outcome} from the {} solution ({{table:configuration-chart}} and {{figure:configuration-chart}}): ● core condition present, • peripheral condition present, ⊗ condition absent (core: large, peripheral: small), blank: don't care. Core conditions are those of the parsimonious solution.",
            ch.solution
        )));
        // Rows group by group (TOE), each condition labelled with its group.
        let order = by_group(r, &ch.conditions, |c| c.as_str());
        let row_label = |c: &str| match group_of(r, c) {
            Some(g) => format!("{g} · {c}"),
            None => c.to_string(),
        };
        let cells: Vec<Vec<ChartCell>> = ch
            .paths
            .iter()
            .map(|p| {
                order
                    .iter()
                    .filter_map(|&j| p.cells.get(j))
                    .map(|c| match *c {
                        "core_present" => ChartCell::CorePresent,
                        "peripheral_present" => ChartCell::PeripheralPresent,
                        "core_absent" => ChartCell::CoreAbsent,
                        "peripheral_absent" => ChartCell::PeripheralAbsent,
                        _ => ChartCell::DontCare,
                    })
                    .collect()
            })
            .collect();
        let fit = |p: &crate::run::ChartPathResult| {
            vec![
                f3(p.incl_s),
                f3(p.pri),
                f3(p.cov_s),
                p.cov_u.map_or_else(|| "-".into(), f3),
            ]
        };
        let svg = configuration_chart(&ConfigChart {
            id: "configuration-chart".into(),
            conditions: order
                .iter()
                .map(|&j| row_label(&ch.conditions[j]))
                .collect(),
            paths: ch
                .paths
                .iter()
                .zip(&cells)
                .enumerate()
                .map(|(k, (p, c))| ChartPath {
                    name: match &p.name {
                        Some(n) => format!("Path {}\n{n}", k + 1),
                        None => format!("Path {}", k + 1),
                    },
                    cells: c.clone(),
                    fit: fit(p),
                })
                .collect(),
            fit_labels: ["Consistency", "PRI", "Raw coverage", "Unique coverage"]
                .map(String::from)
                .to_vec(),
            footer: vec![
                format!("Solution consistency {}", f3(ch.incl_s)),
                format!("Solution PRI {}", f3(ch.pri)),
                format!("Solution coverage {}", f3(ch.cov_s)),
            ],
        })?;
        let mut header = vec!["condition".to_string()];
        header.extend(
            ch.paths
                .iter()
                .enumerate()
                .map(|(k, p)| path_title(k, p.name.as_deref())),
        );
        let mut rows: Vec<Vec<String>> = order
            .iter()
            .map(|&j| &ch.conditions[j])
            .enumerate()
            .map(|(j, c)| {
                let mut row = vec![row_label(c)];
                row.extend(cells.iter().map(|p| p[j].symbol().to_string()));
                row
            })
            .collect();
        for (label, k) in [
            ("Consistency", 0),
            ("PRI", 1),
            ("Raw coverage", 2),
            ("Unique coverage", 3),
        ] {
            let mut row = vec![label.to_string()];
            row.extend(ch.paths.iter().map(|p| fit(p)[k].clone()));
            rows.push(row);
        }
        b.push(Block::Table(Table::new(
            "configuration-chart",
            &format!(
                "Configuration chart of the {} solution for {outcome} (● core present, • peripheral present, ⊗ absent; drawn in {{figure:configuration-chart}})",
                ch.solution
            ),
            header,
            rows,
        )));
        b.push(Block::Figure(Figure {
            id: "configuration-chart".into(),
            caption: format!(
                "Configuration chart of the {} solution for {outcome} (Ragin and Fiss notation; {{table:configuration-chart}} lists the same cells)",
                ch.solution
            ),
            svg,
        }));
    }

    // Robustness.
    if let Some(rob) = &r.robustness {
        robustness_blocks(&mut b, rob)?;
    }

    b.push(study_appendix(&r.study));
    Ok(Document {
        title: r.study.title.clone(),
        subtitle: Some(format!(
            "Fiscus {} · configurational study",
            r.fiscus_version
        )),
        blocks: b,
    })
}

/// Section 6: the SetMethods protocol over the grid (the numbers of `fiscus robustness --grid`).
fn robustness_blocks(
    b: &mut Vec<Block>,
    rob: &crate::run::RobustnessResult,
) -> Result<(), StudyError> {
    let sum = &rob.summary;
    let f = &sum.fit;
    b.push(Block::Heading {
        level: 2,
        text: "6. Robustness".into(),
    });
    b.push(Block::Paragraph(format!(
        "The initial solution (IS) is the parsimonious M1, {}. It is re-derived on a grid of {} truth-table settings (`fiscus robustness --grid '{}'` gives the same numbers; {{table:robustness-grid}}); {} could be analysed, {} had no solution and {} were invalid. Shares and measures are over the settings that could be analysed (Oana & Schneider 2021); the others are listed with their reason.",
        sum.is_expression,
        sum.specifications,
        rob.grid,
        sum.solved,
        sum.no_solution,
        sum.invalid
    )));
    let srow = |name: &str, v: f64| vec![name.to_string(), f3(v)];
    b.push(Block::Table(Table::new(
        "robustness-fit",
        "Fit-oriented robustness (robust core RC = min(IS, minTS))",
        ["measure", "value"].map(String::from).to_vec(),
        vec![
            srow("RF_cov", f.rf_cov),
            srow("RF_cons", f.rf_cons),
            srow("RF_SC_minTS", f.rf_sc_min_ts),
            srow("RF_SC_maxTS", f.rf_sc_max_ts),
            srow("IS inclS", f.is_fit.incl),
            srow("IS PRI", f.is_fit.pri),
            srow("IS covS", f.is_fit.cov),
            srow("RC inclS", f.robust_core_fit.incl),
            srow("RC PRI", f.robust_core_fit.pri),
            srow("RC covS", f.robust_core_fit.cov),
            srow("share of settings equal to the IS", sum.share_equal_is),
        ],
    )));
    b.push(Block::Table(fiscus_report::views::robustness::cases_table(
        f,
    )));
    b.push(Block::Paragraph(format!(
        "RCR_typ {}, RCR_dev {}, RCC_Rank {} (1: no shaky and no possible case; 2: possible only; 3: shaky only; 4: both).",
        f3(f.rcr_typ),
        f3(f.rcr_dev),
        f.rcc_rank
    )));
    let grows = rob
        .items
        .iter()
        .map(|g| {
            vec![
                g.position.to_string(),
                g.specification.clone(),
                g.expression.clone().unwrap_or_default(),
                match g.status {
                    fiscus_robustness::TestStatus::Ok => "ok".to_string(),
                    _ => format!("left out: {}", g.reason.clone().unwrap_or_default()),
                },
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        "robustness-grid",
        "Parsimonious solution (M1) per setting",
        ["#", "setting", "solution", "status"]
            .map(String::from)
            .to_vec(),
        grows,
    )));
    if !sum.excluded.is_empty() {
        let rows = sum
            .excluded
            .iter()
            .map(|e| {
                vec![
                    e.position.to_string(),
                    e.specification.clone(),
                    e.reason.clone(),
                ]
            })
            .collect();
        b.push(Block::Table(Table::new(
            "robustness-excluded",
            "Settings that cannot be analysed (left out of every share and measure)",
            ["#", "setting", "reason"].map(String::from).to_vec(),
            rows,
        )));
    }
    let srows = sum
        .path_stability
        .iter()
        .map(|p| {
            vec![
                p.path.clone(),
                if p.in_is { "yes".into() } else { String::new() },
                p.count.to_string(),
                f3(p.share),
                p.conditions
                    .iter()
                    .map(|(c, v)| format!("{c} {}", f3(*v)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        "robustness-stability",
        "Path stability (share of analysable settings whose M1 contains the path; per IS condition, the share with a nested path containing it)",
        ["path", "in IS", "count", "share", "conditions (share)"]
            .map(String::from)
            .to_vec(),
        srows,
    )));
    let drows = sum
        .distinct_solutions
        .iter()
        .map(|d| vec![d.expression.clone(), d.count.to_string(), f3(d.share)])
        .collect();
    b.push(Block::Table(Table::new(
        "robustness-solutions",
        "Distinct solutions across the grid",
        ["solution", "count", "share"].map(String::from).to_vec(),
        drows,
    )));
    let bars: Vec<(String, f64)> = sum
        .path_stability
        .iter()
        .filter(|p| !p.share.is_nan())
        .map(|p| (p.path.clone(), p.share))
        .collect();
    if !bars.is_empty() {
        let svg = bar_chart(&BarChart {
            id: "robustness".into(),
            title: "Path stability across the robustness grid".into(),
            bars,
            decimals: 3,
        })?;
        b.push(Block::Figure(Figure {
            id: "robustness".into(),
            caption: "Share of analysable grid settings whose solution contains each path".into(),
            svg,
        }));
    }
    Ok(())
}

/// The id of a set's calibration figure.
fn calibration_figure_id(name: &str) -> String {
    format!("calibration-{}", slug(name))
}

/// The study file, collapsed, as the report's appendix.
fn study_appendix(s: &crate::run::StudyInfo) -> Block {
    Block::Appendix {
        title: "Appendix: study file".into(),
        summary: format!(
            "The study file {} as run ({} lines)",
            s.file,
            s.text.lines().count()
        ),
        body: s.text.clone(),
    }
}

fn points(cases: &[String], x: &[f64], y: &[f64]) -> Vec<Point> {
    cases
        .iter()
        .zip(x.iter().zip(y))
        .map(|(c, (x, y))| Point {
            label: c.clone(),
            x: *x,
            y: *y,
        })
        .collect()
}

/// Every output file of a study: `results.json`, `report.md`, `report.html`, `tables.xlsx`,
/// `tables/*.csv` and `figures/*.svg`, in a fixed order.
///
/// ```
/// # use fiscus_study::{run, Study, output_files};
/// # let text = "[study]\ntitle = \"T\"\n[data]\nfile = \"d.csv\"\n[outcome]\nname = \"Y\"\n[[condition]]\nname = \"A\"\n[[condition]]\nname = \"B\"\n[truth_table]\nincl_cut = 1\n";
/// # let study = Study::parse(text, "s.toml").unwrap();
/// # let csv = b"case,A,B,Y\na,0,0,0\nb,0,1,1\nc,1,0,1\nd,1,1,1\n".to_vec();
/// let res = run(&study, &mut |_| Ok(csv.clone()), &mut |_| {}).unwrap();
/// let files = output_files(&res).unwrap();
/// assert!(files.iter().any(|f| f.path == "report.html"));
/// assert!(files.iter().any(|f| f.path.starts_with("figures/xy-parsimonious")));
/// ```
pub fn output_files(r: &StudyResults) -> Result<Vec<OutputFile>, StudyError> {
    assemble(&report_document(r)?, r)
}

/// Every output file of an evaluation study, laid out as [`output_files`] does.
///
/// ```
/// # use fiscus_study::{run_evaluation, Study, evaluation_output_files};
/// # let text = "[study]\nkind = \"evaluation\"\ntitle = \"T\"\n[ahp]\njudgments = [[1, 3], [0.3333333333333333, 1]]\n[[dimension]]\nname = \"A\"\nindicators = [\"a1\"]\n[[dimension]]\nname = \"B\"\nindicators = [\"b1\"]\n[questionnaire]\nfile = \"s.csv\"\n";
/// # let study = Study::parse(text, "s.toml").unwrap();
/// # let csv = b"respondent,a1,b1\nr1,4,3\nr2,5,3\n".to_vec();
/// let res = run_evaluation(&study, &mut |_| Ok(csv.clone()), &mut |_| {}).unwrap();
/// let files = evaluation_output_files(&res).unwrap();
/// assert!(files.iter().any(|f| f.path == "figures/ahp-dimensions.svg"));
/// ```
pub fn evaluation_output_files(r: &EvaluationResults) -> Result<Vec<OutputFile>, StudyError> {
    assemble(&evaluation_document(r)?, r)
}

/// What a study run produces: its output files and the notes for the terminal
/// ([`StudyResults::dropped_notes`]).
///
/// ```
/// let out = fiscus_study::StudyOutput { files: vec![], notes: vec!["n".into()] };
/// assert_eq!(out.notes.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StudyOutput {
    /// The files of the output directory.
    pub files: Vec<OutputFile>,
    /// Notes for the terminal.
    pub notes: Vec<String>,
}

/// Runs a study of either kind ([`run`](crate::run) for a configurational study,
/// [`run_evaluation`](crate::run_evaluation) for an evaluation) and renders its output files;
/// `on_progress` counts the stages [`Study::stages`](crate::Study::stages) names.
///
/// ```
/// let ex = &fiscus_study::EXAMPLES[2];
/// let study = fiscus_study::Study::parse(ex.study, &ex.name()).unwrap();
/// let out = fiscus_study::run_to_files(&study, &mut |rel: &str| ex.file(rel), &mut |_| {}).unwrap();
/// assert!(out.files.iter().any(|f| f.path == "report.html"));
/// assert_eq!(study.stages()[0], fiscus_study::STAGES[0]);
/// ```
pub fn run_to_files(
    study: &crate::Study,
    read: &mut crate::Reader<'_>,
    on_progress: &mut dyn FnMut(crate::Progress),
) -> Result<StudyOutput, StudyError> {
    if study.spec.study.kind == crate::Kind::Evaluation {
        let r = crate::run_evaluation(study, read, on_progress)?;
        let files = evaluation_output_files(&r)?;
        return Ok(StudyOutput {
            files,
            notes: Vec::new(),
        });
    }
    let r = crate::run(study, read, on_progress)?;
    let (files, notes) = (output_files(&r)?, r.dropped_notes());
    Ok(StudyOutput { files, notes })
}

/// The document with the ids of its tables, and of its figures, unique without regard to case:
/// ids are file names (`tables/<id>.csv`, `figures/<id>.svg`), and on a case-insensitive file
/// system the figures of conditions `A` and `a` would otherwise overwrite each other (slugs
/// fold case). A repeated id gets `-2`, `-3`, ... in document order, so names are
/// deterministic.
fn unique_ids(doc: &Document) -> Document {
    let mut doc = doc.clone();
    let mut seen = std::collections::BTreeSet::new();
    for block in &mut doc.blocks {
        let (kind, id) = match block {
            Block::Table(t) => ("table", &mut t.id),
            Block::Figure(f) => ("figure", &mut f.id),
            _ => continue,
        };
        if seen.insert((kind, id.to_lowercase())) {
            continue;
        }
        let mut k = 2;
        loop {
            let candidate = format!("{id}-{k}");
            if seen.insert((kind, candidate.to_lowercase())) {
                *id = candidate;
                break;
            }
            k += 1;
        }
    }
    doc
}

fn assemble<T: serde::Serialize>(doc: &Document, r: &T) -> Result<Vec<OutputFile>, StudyError> {
    let doc = &unique_ids(doc);
    let mut json = serde_json::to_string_pretty(r).map_err(|e| StudyError::Output {
        what: "results.json".into(),
        reason: e.to_string(),
    })?;
    json.push('\n');
    let mut files = vec![
        OutputFile {
            path: "results.json".into(),
            bytes: json.into_bytes(),
        },
        OutputFile {
            path: "report.md".into(),
            bytes: to_markdown(doc).into_bytes(),
        },
        OutputFile {
            path: "report.html".into(),
            bytes: to_html(doc).into_bytes(),
        },
    ];
    let mut sheets = Vec::new();
    let mut figures = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Table(t) => {
                files.push(OutputFile {
                    path: format!("tables/{}.csv", t.id),
                    bytes: table_csv(t).into_bytes(),
                });
                let rows = t
                    .rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|c| match c.parse::<f64>() {
                                Ok(v) if v.is_finite() => Cell::Number(v),
                                _ if c.is_empty() => Cell::Missing,
                                _ => Cell::Text(c.clone()),
                            })
                            .collect()
                    })
                    .collect();
                let mut name: String = t.id.chars().take(31).collect();
                let mut k = 2;
                while sheets
                    .iter()
                    .any(|(n, _, _): &(String, Vec<String>, Vec<Vec<Cell>>)| {
                        n.to_lowercase() == name.to_lowercase()
                    })
                {
                    let suffix = format!("~{k}");
                    name = format!(
                        "{}{suffix}",
                        t.id.chars().take(31 - suffix.len()).collect::<String>()
                    );
                    k += 1;
                }
                sheets.push((name, t.header.clone(), rows));
            }
            Block::Figure(f) => figures.push(OutputFile {
                path: f.file_name(),
                bytes: f.svg.clone().into_bytes(),
            }),
            _ => {}
        }
    }
    let xlsx = fiscus_io::write_xlsx(&sheets)?;
    files.push(OutputFile {
        path: "tables.xlsx".into(),
        bytes: xlsx,
    });
    files.extend(figures);
    Ok(files)
}

/// Builds the report document of an evaluation study.
///
/// ```
/// # use fiscus_study::{run_evaluation, Study, evaluation_document};
/// # let text = "[study]\nkind = \"evaluation\"\ntitle = \"T\"\n[ahp]\njudgments = [[1, 3], [0.3333333333333333, 1]]\n[[dimension]]\nname = \"A\"\nindicators = [\"a1\"]\n[[dimension]]\nname = \"B\"\nindicators = [\"b1\"]\n[questionnaire]\nfile = \"s.csv\"\n";
/// # let study = Study::parse(text, "s.toml").unwrap();
/// # let csv = b"respondent,a1,b1\nr1,4,3\nr2,5,3\n".to_vec();
/// let res = run_evaluation(&study, &mut |_| Ok(csv.clone()), &mut |_| {}).unwrap();
/// assert_eq!(evaluation_document(&res).unwrap().title, "T");
/// ```
pub fn evaluation_document(r: &EvaluationResults) -> Result<Document, StudyError> {
    let mut b: Vec<Block> = Vec::new();
    let h2 = |t: &str| Block::Heading {
        level: 2,
        text: t.into(),
    };
    if let Some(d) = &r.study.description {
        b.push(Block::Paragraph(
            d.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    let c = &r.evaluation.composite;
    b.push(Block::Paragraph(format!(
        "Produced by Fiscus {} from the study file `{}` (seed {}). {} respondents in `{}`.",
        r.fiscus_version,
        r.study.file,
        r.study.seed,
        r.evaluation.counts.respondents,
        r.questionnaire
    )));
    for w in &r.warnings {
        b.push(Block::Warning(w.clone()));
    }

    // AHP.
    b.push(h2("1. AHP weights"));
    let dims = &r.ahp.dimensions;
    b.push(Block::Paragraph(format!(
        "Dimension weights {}. Indicator weights within each dimension: {}.{} All weights are in {{table:ahp-weights}}.",
        level_summary(dims),
        r.ahp
            .indicators
            .iter()
            .zip(&dims.elements)
            .map(|(l, name)| format!("{name}: {}", level_form(l)))
            .collect::<Vec<_>>()
            .join("; "),
        r.ahp.hierarchy_cr.map_or_else(String::new, |cr| format!(
            " Total consistency of the hierarchy CR = Σ W·CI / Σ W·RI = {}.",
            num(cr, 4)
        ))
    )));
    let mut wrows = Vec::new();
    for (k, (name, level)) in dims.elements.iter().zip(&r.ahp.indicators).enumerate() {
        for (j, id) in level.elements.iter().enumerate() {
            let ind = c.indicators.iter().find(|i| &i.id == id);
            wrows.push(vec![
                name.clone(),
                num(dims.weights.get(k).copied().unwrap_or(f64::NAN), 4),
                level
                    .cr
                    .map_or_else(|| "equal weights".into(), |v| num(v, 4)),
                id.clone(),
                ind.map_or_else(|| id.clone(), |i| i.name.clone()),
                num(level.weights.get(j).copied().unwrap_or(f64::NAN), 4),
                num(ind.map_or(f64::NAN, |i| i.global_weight), 4),
            ]);
        }
    }
    b.push(Block::Table(Table::new(
        "ahp-weights",
        "AHP weights: dimension weight, indicator local and global weights",
        [
            "dimension",
            "dimension weight",
            "CR (indicators)",
            "indicator",
            "name",
            "local weight",
            "global weight",
        ]
        .map(String::from)
        .to_vec(),
        wrows,
    )));
    let levels: Vec<(&str, &crate::evaluation::AhpLevel)> = std::iter::once(("dimensions", dims))
        .chain(
            dims.elements
                .iter()
                .map(String::as_str)
                .zip(r.ahp.indicators.iter()),
        )
        .collect();
    let prows: Vec<Vec<String>> = levels
        .iter()
        .filter_map(|(name, l)| Some((name, l.group.as_ref()?)))
        .flat_map(|(name, g)| {
            g.experts.iter().map(move |e| {
                vec![
                    name.to_string(),
                    e.expert.clone(),
                    num(e.expert_weight, 3),
                    num(e.cr, 4),
                    if e.acceptable { "yes" } else { "no" }.into(),
                    if e.included { "yes" } else { "no" }.into(),
                    e.weights
                        .iter()
                        .map(|w| num(*w, 3))
                        .collect::<Vec<_>>()
                        .join(" "),
                ]
            })
        })
        .collect();
    if !prows.is_empty() {
        b.push(Block::Table(Table::new(
            "ahp-panel",
            "AHP panel: each expert's consistency and weights (aggregated into the group weights)",
            [
                "matrix",
                "expert",
                "expert weight",
                "CR",
                "CR acceptable",
                "aggregated",
                "weights",
            ]
            .map(String::from)
            .to_vec(),
            prows,
        )));
    }
    let svg = bar_chart(&BarChart {
        id: "ahp-dimensions".into(),
        title: format!("AHP dimension weights ({})", cr_label(dims)),
        bars: dims
            .elements
            .iter()
            .cloned()
            .zip(dims.weights.iter().map(|w| w.clamp(0.0, 1.0)))
            .collect(),
        decimals: 4,
    })?;
    b.push(Block::Figure(Figure {
        id: "ahp-dimensions".into(),
        caption: format!("AHP weights of the dimensions ({})", cr_label(dims)),
        svg,
    }));
    for (name, level) in dims.elements.iter().zip(&r.ahp.indicators) {
        if level.form == "equal" {
            continue;
        }
        let id = format!("ahp-{}", slug(name));
        let svg = bar_chart(&BarChart {
            id: id.clone(),
            title: format!("{name}: local weights ({})", cr_label(level)),
            bars: level
                .elements
                .iter()
                .map(|e| {
                    c.indicators
                        .iter()
                        .find(|i| &i.id == e)
                        .map_or_else(|| e.clone(), |i| indicator_label(&i.id, &i.name))
                })
                .zip(level.weights.iter().map(|w| w.clamp(0.0, 1.0)))
                .collect(),
            decimals: 4,
        })?;
        b.push(Block::Figure(Figure {
            id,
            caption: format!(
                "AHP local weights of the indicators of {name} ({})",
                cr_label(level)
            ),
            svg,
        }));
    }
    let total_cr = r
        .ahp
        .hierarchy_cr
        .map_or_else(String::new, |v| format!(" (hierarchy CR {})", num(v, 3)));
    let svg = bar_chart(&BarChart {
        id: "ahp-global".into(),
        title: format!("Global indicator weights{total_cr}"),
        bars: c
            .indicators
            .iter()
            .map(|i| {
                (
                    indicator_label(&i.id, &i.name),
                    i.global_weight.clamp(0.0, 1.0),
                )
            })
            .collect(),
        decimals: 4,
    })?;
    b.push(Block::Figure(Figure {
        id: "ahp-global".into(),
        caption: format!(
            "Global weights of the indicators (dimension weight × local weight){total_cr}"
        ),
        svg,
    }));

    // Delphi.
    if !r.delphi.is_empty() {
        b.push(h2("2. Delphi rounds"));
        let mut srows = Vec::new();
        for d in &r.delphi {
            srows.push(vec![
                d.round.to_string(),
                d.file.clone(),
                d.experts.to_string(),
                d.kendall
                    .as_ref()
                    .map_or_else(|| d.note.clone().unwrap_or_default(), |k| num(k.w, 4)),
                d.kendall
                    .as_ref()
                    .map_or_else(String::new, |k| fiscus_report::p_value(k.p)),
            ]);
        }
        b.push(Block::Table(Table::new(
            "delphi-rounds",
            "Delphi rounds: Kendall's coefficient of concordance",
            ["round", "file", "experts", "Kendall W", "p"]
                .map(String::from)
                .to_vec(),
            srows,
        )));
        for d in &r.delphi {
            let rows = d
                .items
                .iter()
                .map(|i| {
                    vec![
                        i.item.clone(),
                        i.n.to_string(),
                        num(i.mean, 3),
                        opt3(i.sd),
                        opt3(i.cv),
                        num(i.median, 2),
                        num(i.full_mark_ratio, 3),
                    ]
                })
                .collect();
            b.push(Block::Table(Table::new(
                &format!("delphi-round{}", d.round),
                &format!("Delphi round {}: item statistics", d.round),
                ["item", "n", "mean", "SD", "CV", "median", "full-mark ratio"]
                    .map(String::from)
                    .to_vec(),
                rows,
            )));
        }
        if let Some(f) = delphi_figure(r)? {
            b.push(Block::Figure(f));
        }
    }

    // Score.
    b.push(h2("3. Composite score and grade"));
    b.push(Block::Paragraph(format!(
        "Composite score {} on the response scale; {} on 100 points ({}). Grades: {}. Scores per dimension and indicator: {{table:dimension-scores}} and {{table:indicator-scores}}; the scores on the grade scales: {{figure:score}}.",
        num(c.score, 4),
        num(c.score_100, 2),
        c.conversion,
        c.grades
            .iter()
            .map(|g| format!("{} ({})", g.grade, g.scheme))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    let drows = c
        .dimensions
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                num(d.weight, 4),
                num(d.score, 4),
                d.grades
                    .iter()
                    .map(|g| g.grade.clone())
                    .collect::<Vec<_>>()
                    .join(" / "),
                d.cronbach_alpha.map_or_else(String::new, |a| {
                    if a < r.alpha_min {
                        format!("{} (below {})", f3(a), num(r.alpha_min, 2))
                    } else {
                        f3(a)
                    }
                }),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        "dimension-scores",
        &format!(
            "Scores per dimension (Cronbach's α of the dimension's questionnaire items; reliable from {})",
            num(r.alpha_min, 2)
        ),
        ["dimension", "weight", "score", "grades", "Cronbach α"]
            .map(String::from)
            .to_vec(),
        drows,
    )));
    let irows = c
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.name.clone(),
                i.dimension.clone(),
                num(i.global_weight, 4),
                num(i.mean, 3),
                num(i.contribution, 4),
                num(i.loss, 4),
            ]
        })
        .collect();
    b.push(Block::Table(Table::new(
        "indicator-scores",
        "Scores per indicator",
        [
            "indicator",
            "name",
            "dimension",
            "global weight",
            "mean",
            "contribution",
            "loss",
        ]
        .map(String::from)
        .to_vec(),
        irows,
    )));
    let scale = &r.scoring.scale;
    let scales = r
        .scoring
        .schemes
        .iter()
        .map(|scheme| {
            let hundred = scheme.basis() == GradeBasis::Hundred;
            let (min, max) = if hundred {
                (0.0, 100.0)
            } else {
                (scale.min(), scale.max())
            };
            let pick = |raw: f64, s100: f64| if hundred { s100 } else { raw };
            // The scheme's own grade of each marked score (its bands' open and closed ends).
            let mark = |name: String, v: f64| {
                let g = scheme.grade(v).unwrap_or("-").to_string();
                (name, v, g)
            };
            let mut markers = vec![mark("overall".to_string(), pick(c.score, c.score_100))];
            markers.extend(
                c.dimensions
                    .iter()
                    .map(|d| mark(d.name.clone(), pick(d.score, d.score_100))),
            );
            GradeScale {
                label: format!(
                    "{} on the {}",
                    match scheme.name() {
                        "five-band" => "Five-band grades (E–A)".to_string(),
                        "mof" => "Ministry of Finance grades (差 中 良 优)".to_string(),
                        other => format!("{other} grades"),
                    },
                    if hundred {
                        "100-point score".to_string()
                    } else {
                        format!("{}–{} score", num(min, 0), num(max, 0))
                    }
                ),
                min,
                max,
                bands: scheme
                    .bands()
                    .iter()
                    .map(|band| (band.name.clone(), band.lower, band.upper))
                    .collect(),
                markers,
                // The decimals of the text: 4 on the response scale, 2 on 100 points.
                decimals: if hundred { 2 } else { 4 },
            }
        })
        .collect();
    let svg = grade_scale_chart(&GradeScaleChart {
        id: "score".into(),
        title: format!(
            "Composite score {} ({} / 100): {}",
            num(c.score, 4),
            num(c.score_100, 2),
            c.grades
                .iter()
                .map(|g| g.grade.clone())
                .collect::<Vec<_>>()
                .join(" / ")
        ),
        scales,
    })?;
    b.push(Block::Figure(Figure {
        id: "score".into(),
        caption: "The composite score on its grade scales (triangle: overall score; dots: dimension scores, named on hover)".into(),
        svg,
    }));

    b.push(study_appendix(&r.study));
    Ok(Document {
        title: r.study.title.clone(),
        subtitle: Some(format!("Fiscus {} · evaluation study", r.fiscus_version)),
        blocks: b,
    })
}

fn level_form(l: &crate::evaluation::AhpLevel) -> String {
    match (&l.group, l.form) {
        (Some(g), _) => format!(
            "group of {} experts ({}), CR {}",
            g.experts.len(),
            g.aggregation.name(),
            l.cr.map_or_else(|| "NA".into(), |v| num(v, 4))
        ),
        (None, "equal") => "equal weights (no judgments)".into(),
        _ => format!(
            "one matrix, CR {}",
            l.cr.map_or_else(|| "NA".into(), |v| num(v, 4))
        ),
    }
}

fn level_summary(l: &crate::evaluation::AhpLevel) -> String {
    let Some(m) = &l.matrix else {
        return "are equal (no judgments)".into();
    };
    let c = &m.consistency;
    let from = match &l.group {
        Some(g) => format!(
            "from a panel of {} experts ({}; the group matrix is the element-wise geometric mean of their judgments; experts with CR ≥ {}: {})",
            g.experts.len(),
            g.aggregation.name(),
            c.threshold,
            if g.inconsistent_experts.is_empty() {
                "none".to_string()
            } else {
                g.inconsistent_experts.join(", ")
            }
        ),
        None => "from one pairwise matrix".into(),
    };
    format!(
        "{from} ({:?} method): λmax {}, CI {}, CR {} ({})",
        m.method,
        num(c.lambda_max, 4),
        num(c.ci, 4),
        num(c.cr, 4),
        if c.acceptable {
            "acceptable"
        } else {
            "NOT acceptable: revise the judgments"
        }
    )
}

fn cr_label(l: &crate::evaluation::AhpLevel) -> String {
    match (l.cr, &l.group) {
        (None, _) => "equal weights".into(),
        (Some(v), Some(g)) => format!("group CR {}, {} experts", num(v, 3), g.experts.len()),
        (Some(v), None) => format!("CR {}", num(v, 3)),
    }
}

fn indicator_label(id: &str, name: &str) -> String {
    if id == name {
        id.to_string()
    } else {
        let short: String = name.chars().take(26).collect();
        format!(
            "{id} {short}{}",
            if name.chars().count() > 26 { "…" } else { "" }
        )
    }
}

/// The figure of Delphi item means and CVs across rounds (items with a mean in every round).
fn delphi_figure(r: &EvaluationResults) -> Result<Option<Figure>, StudyError> {
    if let Some(first) = r.delphi.first() {
        // The items rated (with a mean) in every round.
        let items: Vec<String> = first
            .items
            .iter()
            .map(|i| i.item.clone())
            .filter(|it| {
                r.delphi
                    .iter()
                    .all(|d| d.items.iter().any(|i| &i.item == it && i.mean.is_finite()))
            })
            .collect();
        if items.is_empty() {
            return Ok(None);
        }
        let rounds = r
            .delphi
            .iter()
            .map(|d| DelphiSeries {
                label: format!("Round {}", d.round),
                means: items
                    .iter()
                    .map(|it| {
                        d.items
                            .iter()
                            .find(|i| &i.item == it)
                            .map_or(f64::NAN, |i| i.mean)
                    })
                    .collect(),
                cv: items
                    .iter()
                    .map(|it| {
                        d.items
                            .iter()
                            .find(|i| &i.item == it)
                            .and_then(|i| i.cv)
                            .filter(|v| v.is_finite() && *v >= 0.0)
                    })
                    .collect(),
            })
            .collect();
        let svg = delphi_chart(&DelphiChart {
            id: "delphi".into(),
            title: "Delphi item means and coefficients of variation across rounds".into(),
            items,
            rounds,
            scale: (r.delphi_scale[0], r.delphi_scale[1]),
            cv_limit: Some(0.25),
        })?;
        return Ok(Some(Figure {
                id: "delphi".into(),
                caption: "Delphi rounds: each item's mean rating (left) and coefficient of variation (right) per round; the dashed line is the usual screening limit CV = 0.25".into(),
                svg,
            }));
    }
    Ok(None)
}
