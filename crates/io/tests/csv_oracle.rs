//! The one-pass CSV reader against the `csv` crate (the reader it replaced) on random
//! well-formed tables: quoted and unquoted fields, escaped quotes, delimiters inside quotes,
//! blanks around fields, CRLF, blank lines, numbers, `NA` and text.

use fiscus_data::Cell;
use fiscus_io::{read_table, ReadOptions};
use proptest::prelude::*;

/// What the csv crate (flexible, trimmed, blank records skipped) makes of the text.
fn oracle(text: &str, delimiter: u8) -> (Vec<String>, Vec<Vec<Cell>>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        if rec.iter().all(str::is_empty) {
            continue;
        }
        match header {
            None => header = Some(rec.iter().map(str::to_string).collect()),
            Some(_) => rows.push(rec.iter().map(|f| Cell::parse(f, false)).collect()),
        }
    }
    (header.unwrap(), rows)
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..1000).prop_map(|v| format!("{}", f64::from(v) / 100.0)),
        Just("NA".to_string()),
        Just(String::new()),
        "[a-z ;,]{1,6}",
        "[a-z\"]{1,4}",
    ]
}

fn render(f: &str, delimiter: char, quote: bool, pad: bool) -> String {
    let needs = f.contains(delimiter) || f.contains('"') || f.starts_with(' ') || f.ends_with(' ');
    let body = if quote || needs {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    };
    if pad && !quote && !needs {
        format!(" {body} ")
    } else {
        body
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn same_table_as_the_csv_crate(
        rows in prop::collection::vec(prop::collection::vec((field(), any::<bool>(), any::<bool>()), 3), 1..8),
        semicolon in any::<bool>(),
        crlf in any::<bool>(),
        blank_after in prop::collection::vec(any::<bool>(), 8),
    ) {
        let d = if semicolon { ';' } else { ',' };
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("case{d}X{d}T{eol}");
        for (i, r) in rows.iter().enumerate() {
            let mut cells: Vec<String> = r.iter().map(|(f, q, p)| render(f, d, *q, *p)).collect();
            cells[0] = format!("c{i}");
            text.push_str(&cells.join(&d.to_string()));
            text.push_str(eol);
            if blank_after[i] {
                text.push_str(eol);
            }
        }
        let (header, want) = oracle(&text, d as u8);
        let ds = read_table(text.as_bytes(), "p.csv", &ReadOptions { delimiter: Some(d as u8), ..Default::default() }).unwrap();
        prop_assert_eq!(header, vec!["case".to_string(), "X".into(), "T".into()]);
        prop_assert_eq!(ds.cases().len(), want.len());
        for (i, w) in want.iter().enumerate() {
            prop_assert_eq!(&ds.cases()[i], &format!("c{i}"));
            prop_assert_eq!(&ds.columns()[0].cells[i], &w[1]);
            prop_assert_eq!(&ds.columns()[1].cells[i], &w[2]);
        }
    }
}
