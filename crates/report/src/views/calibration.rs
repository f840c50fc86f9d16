//! Views of calibrated sets: the raw values beside the memberships, and how each set was
//! calibrated.
//!
//! ```
//! use fiscus_calibration::{CalibratedSet, CalibrationSpec};
//! use fiscus_report::views::calibration;
//! let spec = CalibrationSpec { thresholds: "1,2,3".parse().unwrap(), ..Default::default() };
//! let set = CalibratedSet { name: "X".into(), column: "x".into(), values: vec![Some(0.5)],
//!     thresholds: vec![1.0, 2.0, 3.0], spec, missing: vec![] };
//! let v = calibration::memberships("case", &["a".into()], &[(set, vec![Some(2.0)])]);
//! assert_eq!(v.text(), "case  x       X\na     2  0.5000\n\nX <- x: fuzzy, direct, logistic, idm 0.95, anchors 1,2,3\n");
//! ```

use fiscus_calibration::{CalibratedSet, SuggestedThresholds};

use crate::table::View;
use crate::{Block, Table};

fn f4(v: Option<f64>) -> String {
    match v {
        None => "NA".into(),
        Some(x) if x == x.round() && x.abs() < 1e15 => format!("{x:.0}"),
        Some(x) => format!("{x:.4}"),
    }
}

/// The cases with each set's raw column (as read) and memberships (4 decimals, whole numbers
/// without decimals), then one line per set describing its calibration.
pub fn memberships(id: &str, cases: &[String], sets: &[(CalibratedSet, Vec<Option<f64>>)]) -> View {
    let mut header = vec![id.to_string()];
    for (s, _) in sets {
        if s.name == s.column {
            header.push(format!("{} (raw)", s.column));
        } else {
            header.push(s.column.clone());
        }
        header.push(s.name.clone());
    }
    let rows = (0..cases.len()).map(|k| {
        let mut r = vec![cases[k].clone()];
        for (s, raw) in sets {
            r.push(raw[k].map_or("NA".into(), |v| v.to_string()));
            r.push(f4(s.values[k]));
        }
        r
    });
    let mut v = View::default();
    v.table("", header, rows.collect());
    let lines: Vec<String> = sets
        .iter()
        .map(|(s, _)| format!("{} <- {}: {}", s.name, s.column, s.spec.describe()))
        .collect();
    v.push(Block::Paragraph(lines.join("\n")));
    v
}

/// Suggested crisp thresholds and the command that applies them to `data` (the file's name);
/// the data table lists the thresholds.
///
/// ```
/// let s = fiscus_calibration::SuggestedThresholds::new("X", 1, vec![6.5]);
/// let v = fiscus_report::views::calibration::suggested(&s, "d.csv");
/// assert!(v.text().ends_with("use: fiscus calibrate d.csv --column X --type crisp --thresholds 6.5\n"));
/// assert_eq!(v.csv(), "threshold\n6.5\n");
/// ```
pub fn suggested(s: &SuggestedThresholds, data: &str) -> View {
    let col = &s.column;
    let list: Vec<String> = s.thresholds.iter().map(|t| t.to_string()).collect();
    let list = list.join(",");
    let mut v = View::default();
    v.line(format!("suggested crisp thresholds for {col} (complete-linkage clustering of the sorted values): {list}"));
    v.line(format!(
        "use: fiscus calibrate {data} --column {col} --type crisp --thresholds {list}"
    ));
    let rows = s.thresholds.iter().map(|t| vec![t.to_string()]).collect();
    v.with_csv(Table::new("thresholds", "", vec!["threshold".into()], rows))
}
