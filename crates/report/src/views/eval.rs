//! Views of `fiscus score` results: the composite evaluation, fuzzy comprehensive evaluation,
//! resolved weights, entropy weights and TOPSIS.
//!
//! ```
//! use fiscus_eval::{entropy_weights, Direction, EntropyNormalisation, EntropyReport};
//! use fiscus_report::{table::Digits, views::eval};
//! let x = vec![vec![1.0, 2.0], vec![2.0, 2.0], vec![3.0, 1.0]];
//! let dirs = vec![Direction::Benefit, Direction::Benefit];
//! let e = entropy_weights(&x, &dirs, EntropyNormalisation::MinMax).unwrap();
//! let rep = EntropyReport { result: e, indicators: vec!["A".into(), "B".into()], directions: dirs, units: 3 };
//! let v = eval::entropy(&rep, "min-max", Digits::Rounded);
//! assert!(v.text().starts_with("Entropy weights over 3 units (min-max normalisation)"));
//! assert!(v.csv().starts_with("indicator,direction,entropy,divergence,weight\nA,benefit,"));
//! ```

use fiscus_eval::{EntropyReport, FuzzyReport, ScoreReport, TopsisReport, WeightReport};

use super::strs;
use crate::table::{Digits, View};
use crate::{Block, Table};

/// The weight source and its notes, in one line.
///
/// ```
/// use fiscus_eval::{WeightReport, WeightSource};
/// let w = WeightReport { source: WeightSource::Given, notes: vec![], ahp: vec![], dimensions: vec![] };
/// assert_eq!(fiscus_report::views::eval::weights_line(&w), format!("Weights: {}", w.source));
/// ```
pub fn weights_line(w: &WeightReport) -> String {
    let mut s = format!("Weights: {}", w.source);
    if !w.notes.is_empty() {
        s.push_str(&format!(" ({})", w.notes.join("; ")));
    }
    s
}

/// The composite evaluation: respondents, overall score and grades, bootstrap interval,
/// dimensions, indicators, the weakest indicators and the weight sensitivity. The data table
/// is the indicators.
pub fn score(rep: &ScoreReport, d: Digits) -> View {
    let f4 = |x| d.num(x, 4);
    let (c, counts, runs) = (&rep.composite, &rep.counts, &rep.sensitivity.runs);
    let mut head = format!("{}: {} respondents", rep.title, counts.respondents);
    if counts.groups.len() > 1 || counts.groups.first().is_some_and(|g| g.0 != "all") {
        let g: Vec<String> = counts
            .groups
            .iter()
            .map(|(g, n)| format!("{g} {n}"))
            .collect();
        head.push_str(&format!(" ({})", g.join(", ")));
    }
    head.push_str(&format!(", {} blank answers", counts.missing));
    let mut v = View::default();
    v.line(head);
    let grades: Vec<String> = c
        .grades
        .iter()
        .map(|g| format!("{} {}", g.scheme, g.grade))
        .collect();
    v.line(format!(
        "Overall score {} on {}..{}; {} on 100 points by {}; grades: {}",
        f4(c.score),
        rep.scale.min(),
        rep.scale.max(),
        f4(c.score_100),
        c.conversion,
        grades.join(", ")
    ));
    if let Some(b) = &rep.bootstrap {
        v.line(format!(
            "Bootstrap {:.0}% CI [{}, {}] (SE {}, {} of {} replicates, seed {}; {})",
            b.level * 100.0,
            f4(b.lower),
            f4(b.upper),
            f4(b.se),
            b.valid,
            b.replicates,
            b.seed,
            b.method
        ));
    }
    v.line(weights_line(&rep.weights));
    let mut header = strs(&["dimension", "weight", "score", "score_100"]);
    header.extend(c.grades.iter().map(|g| g.scheme.clone()));
    header.push("alpha".into());
    let rows = c.dimensions.iter().map(|x| {
        let mut r = vec![x.name.clone(), f4(x.weight), f4(x.score), f4(x.score_100)];
        r.extend(x.grades.iter().map(|g| g.grade.clone()));
        r.push(x.cronbach_alpha.map_or_else(|| "NA".into(), f4));
        r
    });
    v.table("Dimensions", header, rows.collect());
    let rows = c.indicators.iter().map(|i| {
        vec![
            i.id.clone(),
            i.name.clone(),
            i.dimension.clone(),
            f4(i.local_weight),
            f4(i.global_weight),
            f4(i.mean),
            f4(i.contribution),
            f4(i.gap),
            f4(i.loss),
        ]
    });
    let header = strs(&[
        "indicator",
        "name",
        "dimension",
        "local_weight",
        "global_weight",
        "mean",
        "contribution",
        "gap",
        "loss",
    ]);
    let indicators = Table::new("indicators", "Indicators", header, rows.collect());
    v.push(Block::Table(indicators.clone()));
    let rows = c.weakest.iter().map(|w| {
        vec![
            w.rank.to_string(),
            w.id.clone(),
            w.name.clone(),
            w.dimension.clone(),
            f4(w.mean),
            f4(w.loss),
        ]
    });
    let caption = format!(
        "Weakest indicators (global weight x gap to {})",
        rep.scale.max()
    );
    let header = strs(&["rank", "indicator", "name", "dimension", "mean", "loss"]);
    v.table(&caption, header, rows.collect());
    let rows = runs.iter().map(|r| {
        vec![
            c.dimensions[r.dimension_index].name.clone(),
            format!("{:+}", r.delta),
            f4(r.weights[r.dimension_index]),
            f4(r.score),
        ]
    });
    v.table(
        "Sensitivity (one dimension weight changed by delta, the others rescaled)",
        strs(&["dimension", "delta", "weight", "score"]),
        rows.collect(),
    );
    for sb in &rep.sensitivity.grade_boundaries {
        let show = |x: &Option<fiscus_eval::GradeShift>| match x {
            Some(g) => format!(
                "weight {} ({}) -> {}",
                f4(g.new_weight),
                g.delta
                    .map_or_else(|| "from 0".into(), |d| format!("{:+.1}%", d * 100.0)),
                g.grade
            ),
            None => "no change".into(),
        };
        let rows = sb.dimensions.iter().map(|b| {
            vec![
                c.dimensions[b.dimension_index].name.clone(),
                show(&b.increase),
                show(&b.decrease),
            ]
        });
        let caption = format!("Weight change that moves the {} grade", sb.scheme);
        let header = strs(&["dimension", "raising the weight", "lowering it"]);
        v.table(&caption, header, rows.collect());
    }
    v.with_csv(indicators)
}

/// Fuzzy comprehensive evaluation: the composed membership vectors B per dimension and
/// overall, the maximum-membership level and the score.
pub fn fuzzy(rep: &FuzzyReport, d: Digits) -> View {
    let f = &rep.result;
    let mut v = View::default();
    v.line(format!(
        "{}: fuzzy comprehensive evaluation, {} within dimensions, {} overall",
        rep.title, f.inner_operator, f.operator
    ));
    v.line(format!(
        "Grade levels {:?}, values V = {:?}",
        f.levels, f.values
    ));
    let mut header = vec!["level".to_string()];
    header.extend(f.levels.iter().map(|l| format!("B[{l}]")));
    header.extend(strs(&["max", "score"]));
    let rows = f
        .dimensions
        .iter()
        .chain(std::iter::once(&f.overall))
        .map(|x| {
            let mut r = vec![x.name.clone()];
            r.extend(x.b.iter().map(|b| d.num(*b, 4)));
            let tie = if x.tie && !d.machine() { " (tie)" } else { "" };
            r.push(format!("{}{tie}", x.max_membership_level));
            r.push(d.num(x.score, 4));
            r
        });
    v.table("", header, rows.collect());
    v.line("(B as composed; the score uses B normalised to sum 1)");
    v
}

/// The resolved weights: source, AHP matrices' CR, and every indicator's weights.
pub fn weights(w: &WeightReport, d: Digits) -> View {
    let mut v = View::default();
    v.line(weights_line(w));
    for m in &w.ahp {
        let bad = if m.acceptable {
            ""
        } else {
            " (not acceptable)"
        };
        v.line(format!("  {}: CR = {}{bad}", m.matrix, d.num(m.cr, 4)));
    }
    let rows = w.dimensions.iter().flat_map(|x| {
        x.indicators.iter().map(move |i| {
            vec![
                i.id.clone(),
                x.name.clone(),
                d.num(x.weight, 4),
                d.num(i.local_weight, 4),
                d.num(i.global_weight, 4),
            ]
        })
    });
    let header = strs(&[
        "indicator",
        "dimension",
        "dimension_weight",
        "local_weight",
        "global_weight",
    ]);
    let t = Table::new("weights", "", header, rows.collect());
    v.push(Block::Table(t.clone()));
    v.with_csv(t)
}

/// Entropy weights of a units × indicators table (`normalisation` names the method used).
pub fn entropy(rep: &EntropyReport, normalisation: &str, d: Digits) -> View {
    let e = &rep.result;
    let rows = rep.indicators.iter().enumerate().map(|(i, c)| {
        vec![
            c.clone(),
            rep.directions[i].to_string(),
            d.num(e.entropy[i], 4),
            d.num(e.divergence[i], 4),
            d.num(e.weights[i], 4),
        ]
    });
    let header = strs(&["indicator", "direction", "entropy", "divergence", "weight"]);
    let mut v = View::default();
    v.line(format!(
        "Entropy weights over {} units ({normalisation} normalisation)",
        rep.units
    ));
    v.push(Block::Table(Table::new(
        "entropy",
        "",
        header,
        rows.collect(),
    )));
    v
}

/// TOPSIS: the weights used, and every unit's distances, closeness and rank.
pub fn topsis(rep: &TopsisReport, d: Digits) -> View {
    let r = &rep.result;
    let w: Vec<String> = rep
        .indicators
        .iter()
        .zip(&rep.weights)
        .map(|(c, w)| format!("{c} {}", d.num(*w, 4)))
        .collect();
    let rows = rep.units.iter().enumerate().map(|(i, u)| {
        vec![
            u.clone(),
            d.num(r.d_plus[i], 4),
            d.num(r.d_minus[i], 4),
            d.num(r.closeness[i], 4),
            r.rank[i].to_string(),
        ]
    });
    let mut v = View::default();
    v.line(format!(
        "TOPSIS ({} weights: {})",
        rep.weights_from,
        w.join(", ")
    ));
    let header = strs(&["unit", "D+", "D-", "closeness", "rank"]);
    v.push(Block::Table(Table::new(
        "topsis",
        "",
        header,
        rows.collect(),
    )));
    v
}
