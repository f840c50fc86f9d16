//! Views of `fiscus delphi` results: Kendall's W, a round, the panel's authority, screening
//! and the comparison of rounds.
//!
//! ```
//! use fiscus_delphi::{kendall_w, KendallOutput, KendallReport, Ratings, W_MISSING_POLICY};
//! use fiscus_report::{table::Digits, views::delphi};
//! let r = Ratings::new("r.csv", vec!["E1".into(), "E2".into(), "E3".into()], vec!["I1".into(), "I2".into(), "I3".into()],
//!     vec![vec![Some(1.0), Some(2.0), Some(3.0)], vec![Some(1.0), Some(3.0), Some(2.0)],
//!          vec![Some(1.0), Some(2.0), Some(3.0)]], None).unwrap();
//! let k = kendall_w(&r).unwrap();
//! let doc = KendallOutput { kendall: KendallReport::new(&k, r.items()),
//!     missing_policy: W_MISSING_POLICY, by_dimension: None };
//! assert!(delphi::kendall(&doc, Digits::Rounded).text().starts_with("Kendall's W = 0.7778"));
//! assert!(delphi::kendall(&doc, Digits::Exact).csv().starts_with("W,W_uncorrected,chi2,df,p"));
//! ```

use fiscus_delphi::{
    Authority, AuthorityOutput, Comparison, ItemStats, KendallOutput, KendallReport, RoundOutput,
    ScreenOutput,
};

use super::strs;
use crate::table::{Digits, View};
use crate::{Block, Table};

fn kendall_lines(v: &mut View, k: &KendallReport, d: Digits) {
    let f4 = |x| d.num(x, 4);
    v.line(format!(
        "Kendall's W = {} (tie-corrected), {} uncorrected",
        f4(k.w),
        f4(k.w_uncorrected)
    ));
    v.line(format!(
        "chi2 = {}, df = {}, p = {}   (uncorrected: chi2 = {}, p = {})",
        f4(k.chi2),
        k.df,
        d.p(k.p),
        f4(k.chi2_uncorrected),
        d.p(k.p_uncorrected)
    ));
    v.line(format!("experts m = {}, items n = {}", k.m, k.n));
    if !k.experts_dropped.is_empty() {
        v.line(format!(
            "left out (blank answers, listwise): {}",
            k.experts_dropped.join(", ")
        ));
    }
}

/// Kendall's W of a round (and per dimension when asked). The data table is W's one row.
pub fn kendall(doc: &KendallOutput, d: Digits) -> View {
    let k = &doc.kendall;
    let mut v = View::default();
    kendall_lines(&mut v, k, d);
    if let Some(dims) = &doc.by_dimension {
        let rows = dims.iter().map(|x| match &x.kendall {
            Some(k) => vec![
                x.dimension.clone(),
                x.items.len().to_string(),
                d.num(k.w, 4),
                d.num(k.w_uncorrected, 4),
                d.num(k.chi2, 4),
                k.df.to_string(),
                d.p(k.p),
            ],
            None => {
                let mut r = vec![x.dimension.clone(), x.items.len().to_string()];
                r.extend(["NA", "NA", "NA", ""].map(String::from));
                r.push(x.note.clone().unwrap_or_default());
                r
            }
        });
        let header = strs(&[
            "dimension",
            "items",
            "W",
            "W_uncorrected",
            "chi2",
            "df",
            "p",
        ]);
        v.table("By dimension", header, rows.collect());
    }
    let header = strs(&[
        "W",
        "W_uncorrected",
        "chi2",
        "df",
        "p",
        "chi2_uncorrected",
        "p_uncorrected",
        "m",
        "n",
    ]);
    let row = vec![
        d.num(k.w, 4),
        d.num(k.w_uncorrected, 4),
        d.num(k.chi2, 4),
        k.df.to_string(),
        d.p(k.p),
        d.num(k.chi2_uncorrected, 4),
        d.p(k.p_uncorrected),
        k.m.to_string(),
        k.n.to_string(),
    ];
    v.with_csv(Table::new("kendall", "Kendall's W", header, vec![row]))
}

/// The item-statistics table (one row per item).
pub fn item_stats(caption: &str, items: &[ItemStats], d: Digits) -> Table {
    let header = strs(&[
        "item",
        "n",
        "missing",
        "mean",
        "sd",
        "cv",
        "median",
        "q1",
        "q3",
        "iqr",
        "full_mark",
        "full_mark_obs",
        "agree",
    ]);
    let na = if d.machine() { "" } else { "NA" };
    let rows = items.iter().map(|s| {
        let f = |x: f64| d.num(x, 4);
        let o = |x: Option<f64>| x.map_or_else(|| na.to_string(), f);
        vec![
            s.item.clone(),
            s.n.to_string(),
            s.missing.to_string(),
            f(s.mean),
            o(s.sd),
            o(s.cv),
            f(s.median),
            f(s.q1),
            f(s.q3),
            f(s.iqr),
            f(s.full_mark_ratio),
            f(s.full_mark_ratio_observed),
            f(s.share_agree),
        ]
    });
    Table::new("items", caption, header, rows.collect())
}

/// One round: response, missing answers, item statistics, W, dimensions and authority. The
/// data table is the item statistics.
pub fn round(o: &RoundOutput, d: Digits) -> View {
    let f4 = |x| d.num(x, 4);
    let mut head = format!(
        "Round {}: {} experts, {} answered",
        o.source, o.n_experts, o.n_responding
    );
    if let (Some(sent), Some(pc)) = (o.sent, o.positive_coefficient) {
        head.push_str(&format!(" of {sent} sent; positive coefficient {}", f4(pc)));
    }
    let mut v = View::default();
    v.line(head);
    v.line(format!(
        "Missing answers: {} cells, {} experts with a blank (item statistics pairwise, W listwise)",
        o.missing.cells, o.missing.experts_with_missing
    ));
    v.line(format!(
        "Scale {}..{}; quantiles R type {}; agree = share of scores >= {}",
        o.scale.min(),
        o.scale.max(),
        o.quantile_type,
        o.agree_at
    ));
    v.push(Block::Table(item_stats("", &o.items, d)));
    match &o.kendall {
        Some(k) => kendall_lines(&mut v, k, d),
        None => v.line(format!(
            "Kendall's W: {}",
            o.kendall_note.clone().unwrap_or_default()
        )),
    }
    if !o.dimensions.is_empty() {
        let rows = o.dimensions.iter().map(|x| {
            vec![
                x.dimension.clone(),
                x.items.len().to_string(),
                f4(x.mean_of_means),
                x.kendall.as_ref().map_or_else(|| "NA".into(), |k| f4(k.w)),
                x.kendall
                    .as_ref()
                    .map_or_else(|| x.note.clone().unwrap_or_default(), |k| d.p(k.p)),
            ]
        });
        let header = strs(&["dimension", "items", "mean of means", "W", "p"]);
        v.table("Dimensions", header, rows.collect());
    }
    if let Some(a) = &o.authority {
        v.push(Block::Table(authority_table(a, d)));
    }
    v
}

fn authority_table(a: &Authority, d: Digits) -> Table {
    let f4 = |x| d.num(x, 4);
    let yes = |ok: bool| if ok { "yes" } else { "no" }.to_string();
    let mut rows: Vec<Vec<String>> = a
        .experts
        .iter()
        .map(|e| {
            vec![
                e.expert.clone(),
                f4(e.ca),
                f4(e.cs),
                f4(e.cr),
                f4(e.weight),
                yes(e.acceptable),
            ]
        })
        .collect();
    if !d.machine() {
        rows.push(vec![
            "panel (mean)".into(),
            f4(a.ca),
            f4(a.cs),
            f4(a.cr),
            String::new(),
            yes(a.acceptable),
        ]);
    }
    let caption = format!(
        "Authority coefficient Cr = (Ca + Cs)/2, acceptable at Cr >= {}",
        a.threshold
    );
    let header = strs(&["expert", "Ca", "Cs", "Cr", "weight", "acceptable"]);
    Table::new("authority", &caption, header, rows)
}

/// The panel's authority: Ca, Cs, Cr and weight per expert, and the panel mean (table only).
pub fn authority(o: &AuthorityOutput, d: Digits) -> View {
    View::new(vec![Block::Table(authority_table(&o.authority, d))])
}

/// Screening: the rules, every item's verdict with reasons, the retained and dropped items.
/// The data table is the verdicts.
pub fn screen(o: &ScreenOutput, d: Digits) -> View {
    let sc = &o.screening;
    let mut v = View::default();
    v.line(format!(
        "Rules: {} (an item is dropped when at least {} fail{})",
        sc.rules.join(", "),
        sc.min_fail,
        if sc.min_fail == 1 { "s" } else { "" }
    ));
    let rows = sc.verdicts.iter().zip(&o.items).map(|(x, st)| {
        vec![
            x.item.clone(),
            d.num(st.mean, 4),
            st.cv.map_or_else(|| "NA".into(), |c| d.num(c, 4)),
            d.num(st.full_mark_ratio, 4),
            x.failed.len().to_string(),
            if x.keep { "keep" } else { "drop" }.into(),
        ]
    });
    let header = strs(&["item", "mean", "cv", "full_mark", "failed", "verdict"]);
    v.table("", header, rows.collect());
    let reasons: Vec<Vec<String>> = sc
        .verdicts
        .iter()
        .filter(|x| !x.failed.is_empty())
        .map(|x| vec![x.item.clone(), x.reason.clone()])
        .collect();
    if !reasons.is_empty() {
        v.table("Reasons", strs(&["item", "reason"]), reasons);
    }
    v.line(format!(
        "Retained ({}): {}",
        sc.retained.len(),
        sc.retained.join(", ")
    ));
    v.line(format!(
        "Dropped ({}): {}",
        sc.dropped.len(),
        sc.dropped.join(", ")
    ));
    let rows = sc.verdicts.iter().map(|x| {
        vec![
            x.item.clone(),
            x.keep.to_string(),
            x.failed.join("; "),
            x.reason.clone(),
        ]
    });
    let header = strs(&["item", "keep", "failed", "reason"]);
    v.with_csv(Table::new("verdicts", "Verdicts", header, rows.collect()))
}

/// The retained items' mean and cv (what `fiscus delphi screen --retained FILE` writes).
///
/// ```
/// let t = fiscus_report::views::delphi::retained(&[], &[], fiscus_report::table::Digits::Exact);
/// assert_eq!(t.to_csv(), "item,mean,cv\n");
/// ```
pub fn retained(items: &[ItemStats], retained: &[String], d: Digits) -> Table {
    let rows = items
        .iter()
        .filter(|s| retained.contains(&s.item))
        .map(|s| vec![s.item.clone(), d.num(s.mean, 4), d.opt(s.cv, 4)]);
    Table::new(
        "retained",
        "Retained items",
        strs(&["item", "mean", "cv"]),
        rows.collect(),
    )
}

/// Rounds compared: W per round, every item's means, cvs and status, and the convergence
/// checks. The data table is the items.
pub fn compare(c: &Comparison, d: Digits) -> View {
    let o4 = |x: Option<f64>| x.map_or_else(|| "NA".into(), |x| d.num(x, 4));
    let dash = |x: Option<f64>| {
        x.map_or_else(
            || if d.machine() { "" } else { "-" }.into(),
            |x| d.num(x, 4),
        )
    };
    let mut v = View::default();
    let rows = c.rounds.iter().map(|r| {
        vec![
            r.round.to_string(),
            r.source.clone(),
            r.n_experts.to_string(),
            r.n_items.to_string(),
            o4(r.w),
            o4(r.w_uncorrected),
            r.p.map_or_else(|| r.note.clone().unwrap_or_default(), |p| d.p(p)),
        ]
    });
    let header = strs(&[
        "round",
        "file",
        "experts",
        "items",
        "W",
        "W_uncorrected",
        "p",
    ]);
    v.table("", header, rows.collect());
    let nr = c.rounds.len();
    let mut header = vec!["item".to_string()];
    header.extend((1..=nr).map(|r| format!("mean{r}")));
    header.extend((1..=nr).map(|r| format!("cv{r}")));
    header.extend(strs(&["changed", "status"]));
    let rows = c.items.iter().map(|t| {
        let mut row = vec![t.item.clone()];
        row.extend(t.means.iter().map(|m| dash(*m)));
        row.extend(t.cvs.iter().map(|m| dash(*m)));
        row.push(dash(
            t.transitions.last().and_then(|x| x.share_experts_changed),
        ));
        row.push(t.status.clone());
        row
    });
    let items = Table::new(
        "items",
        "Items (changed = share of experts who changed their score in the last transition)",
        header,
        rows.collect(),
    );
    v.push(Block::Table(items.clone()));
    v.line(format!("Convergence rule: {}", c.rule));
    for ch in &c.checks {
        let mark = if ch.passed { "x" } else { " " };
        v.line(format!("  [{mark}] {}: {}", ch.check, ch.detail));
    }
    let verdict = if c.converged {
        "converged"
    } else {
        "not converged"
    };
    v.line(format!("Verdict: {verdict}"));
    v.with_csv(items)
}
