//! End-to-end tests of data input through the binary (`fiscus calibrate` reads the data):
//! delimiters, BOM, decimal commas, XLSX, stdin, and every input error (exit status 2).

use serde_json::Value;

use crate::common::*;

/// Calibrates column X of `path` crisp at 2 and returns the JSON document.
fn crisp_x(path: &str, extra: &[&str], stdin: Option<&[u8]>) -> Value {
    let mut args = vec![
        "calibrate",
        path,
        "--column",
        "X",
        "--type",
        "crisp",
        "--thresholds",
        "2",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    ok_json(&fiscus_with_stdin(&args, stdin))
}

/// Runs a calibration that must fail on the input: exit status 2, `error: ` on stderr.
fn input_error(path: &str, column: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "calibrate",
        path,
        "--column",
        column,
        "--thresholds",
        "e=1,c=2,i=3",
    ];
    args.extend_from_slice(extra);
    let o = fiscus(&args);
    let err = fails(&o, 2);
    assert!(o.stdout.is_empty());
    err
}

fn expect_abc(v: &Value) {
    assert_eq!(v["cases"], serde_json::json!(["a", "b", "c"]));
    assert_eq!(v["values"], serde_json::json!([0.0, 1.0, 1.0]));
}

#[test]
fn comma_semicolon_and_tab_delimiters_are_sniffed() {
    for (name, text) in [
        ("comma.csv", "case,X,Y\na,1,x\nb,2,y\nc,3,z\n"),
        ("semi.csv", "case;X;Y\na;1;x\nb;2;y\nc;3;z\n"),
        ("tab.csv", "case\tX\tY\na\t1\tx\nb\t2\ty\nc\t3\tz\n"),
        ("tab.tsv", "case\tX\tY\na\t1\tx\nb\t2\ty\nc\t3\tz\n"),
        ("crlf.csv", "case,X,Y\r\na,1,x\r\nb,2,y\r\nc,3,z\r\n"),
    ] {
        let p = tmp_file(name, text);
        expect_abc(&crisp_x(p.to_str().expect("path"), &[], None));
    }
}

#[test]
fn utf8_bom_is_skipped() {
    let p = tmp_file("bom.csv", b"\xEF\xBB\xBFcase,X\na,1\nb,2\nc,3\n");
    expect_abc(&crisp_x(p.to_str().expect("path"), &[], None));
}

#[test]
fn decimal_commas_with_semicolons() {
    let p = tmp_file("decimal.csv", "case;X\na;1,5\nb;2,5\nc;0,5\n");
    let path = p.to_str().expect("path");
    let o = fiscus(&[
        "calibrate",
        path,
        "--column",
        "X",
        "--thresholds",
        "e=0,c=1,i=2",
        "--linear",
        "--decimal",
        ",",
        "--format",
        "json",
    ]);
    let v = ok_json(&o);
    assert_eq!(v["values"], serde_json::json!([0.75, 1.0, 0.25]));
    // Without --decimal , the same cells are text.
    let e = input_error(path, "X", &[]);
    assert!(
        e.contains("row 1 (case `a`), column `X`: `1,5` is not a number"),
        "{e}"
    );
    let e = input_error(path, "X", &["--decimal", ";"]);
    assert!(e.contains("--decimal must be `.` or `,`, not `;`"), "{e}");
}

#[test]
fn stdin_dash_reads_csv() {
    let v = crisp_x("-", &[], Some(b"case,X\na,1\nb,2\nc,3\n"));
    expect_abc(&v);
    let o = fiscus_with_stdin(
        &[
            "calibrate",
            "-",
            "--column",
            "X",
            "--thresholds",
            "e=1,c=2,i=3",
        ],
        Some(b"case,X\na,1\nb,oops\n"),
    );
    let e = fails(&o, 2);
    assert!(
        e.contains("<stdin>: row 2 (case `b`), column `X`: `oops` is not a number"),
        "{e}"
    );
}

#[test]
fn id_column_and_default_labels() {
    let p = tmp_file("ids.csv", b"name,X\na,1\nb,2\nc,3\n");
    let path = p.to_str().expect("path");
    expect_abc(&crisp_x(path, &["--id-column", "name"], None));
    let v = crisp_x(p.to_str().expect("path"), &[], None);
    assert_eq!(v["cases"], serde_json::json!(["1", "2", "3"]));
    let e = input_error(path, "X", &["--id-column", "nam"]);
    assert!(
        e.contains("unknown column `nam` (did you mean `name`?)"),
        "{e}"
    );
}

#[test]
fn xlsx_round_trip_keeps_labels_numbers_and_missing_values() {
    let src = tmp_file(
        "round.csv",
        b"case,X,Y,NOTE\na,1,0.125,first\nb,2,NA,second\nc,3,1e-7,\n",
    );
    let out = tmp_path("round.xlsx");
    let o = fiscus(&[
        "calibrate",
        src.to_str().expect("path"),
        "--set",
        "XC=X:2;type=crisp",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).expect("xlsx written");
    let back = fiscus_io::read_table(&bytes, "round.xlsx", &Default::default()).expect("readable");
    assert_eq!(back.cases(), &["a", "b", "c"]);
    assert_eq!(back.column_names(), vec!["X", "Y", "NOTE", "XC"]);
    assert_eq!(
        back.numeric("Y").expect("Y"),
        vec![Some(0.125), None, Some(1e-7)]
    );
    assert_eq!(
        back.numeric("XC").expect("XC"),
        vec![Some(0.0), Some(1.0), Some(1.0)]
    );
    assert_eq!(
        back.column("NOTE").expect("NOTE").cells[0],
        fiscus_data::Cell::Text("first".into())
    );
    // ... and the binary reads the workbook back, by default sheet and by name.
    let p = out.to_str().expect("path");
    expect_abc(&crisp_x(p, &[], None));
    expect_abc(&crisp_x(p, &["--sheet", "data"], None));
    let e = input_error(p, "X", &["--sheet", "Sheet9"]);
    assert!(e.contains("no sheet `Sheet9` (sheets: data)"), "{e}");
}

#[test]
fn not_a_workbook_is_an_error() {
    let p = tmp_file("fake.xlsx", b"case,X\na,1\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(e.contains("fake.xlsx: not a readable workbook"), "{e}");
}

#[test]
fn ragged_rows_name_the_line() {
    let p = tmp_file("ragged.csv", b"case,X,Y\na,1,2\nb,2\nc,3,4\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains("ragged.csv: line 3 has 2 fields, the header has 3"),
        "{e}"
    );
}

#[test]
fn duplicate_column_names_are_refused() {
    let p = tmp_file("dup.csv", b"case,X,Y,X\na,1,2,3\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains("dup.csv: duplicate column name `X` (columns 1 and 3)"),
        "{e}"
    );
}

#[test]
fn duplicate_case_labels_are_refused() {
    let p = tmp_file("dupcase.csv", b"case,X\na,1\na,2\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains("dupcase.csv: duplicate case label `a` (rows 1 and 2)"),
        "{e}"
    );
}

#[test]
fn empty_files_are_refused() {
    for (name, text) in [
        ("empty.csv", ""),
        ("blank.csv", "\n\n  \n"),
        ("header_only.csv", "case,X\n"),
    ] {
        let p = tmp_file(name, text);
        let e = input_error(p.to_str().expect("path"), "X", &[]);
        assert!(e.contains(&format!("{name}: the table is empty")), "{e}");
    }
}

#[test]
fn unknown_column_suggests_the_closest_name() {
    let p = tmp_file("names.csv", b"case,DEV,URB,LIT\na,1,2,3\n");
    let e = input_error(p.to_str().expect("path"), "DEW", &[]);
    assert!(
        e.contains("names.csv: unknown column `DEW` (did you mean `DEV`?)"),
        "{e}"
    );
    let e = input_error(p.to_str().expect("path"), "lit", &[]);
    assert!(
        e.contains("unknown column `lit` (did you mean `LIT`?)"),
        "{e}"
    );
    let e = input_error(p.to_str().expect("path"), "POPULATION", &[]);
    assert!(e.trim_end().ends_with("unknown column `POPULATION`"), "{e}");
}

#[test]
fn text_in_a_numeric_column_names_row_case_and_column() {
    let p = tmp_file("text.csv", b"case,X\nAT,1\nBE,two\nCZ,3\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains("text.csv: row 2 (case `BE`), column `X`: `two` is not a number"),
        "{e}"
    );
}

#[test]
fn missing_file_and_invalid_utf8_are_errors() {
    let e = input_error("/nonexistent/fiscus/data.csv", "X", &[]);
    assert!(
        e.contains("cannot read /nonexistent/fiscus/data.csv"),
        "{e}"
    );
    let p = tmp_file("latin1.csv", b"case,X\n\xE9t\xE9,1\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(e.contains("latin1.csv: line 2 is not valid UTF-8"), "{e}");
}

#[test]
fn missing_values_na_and_empty_are_kept_missing() {
    let p = tmp_file("na.csv", b"case,X\na,NA\nb,\nc,3\nd,1\n");
    let v = crisp_x(p.to_str().expect("path"), &[], None);
    assert_eq!(v["values"], serde_json::json!([null, null, 1.0, 0.0]));
}

#[test]
fn devices_directories_and_oversized_files_are_refused_before_reading() {
    let e = input_error("/dev/zero", "X", &[]);
    assert!(
        e.contains("cannot read /dev/zero: not a regular file"),
        "{e}"
    );
    let dir = tmp_path("a-directory");
    std::fs::create_dir_all(&dir).expect("dir");
    let e = input_error(dir.to_str().expect("path"), "X", &[]);
    assert!(e.contains("not a regular file"), "{e}");
    // A sparse file one byte above the cap: refused from its size, never read.
    let big = tmp_file("big.csv", b"");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .and_then(|f| f.set_len((1 << 30) + 1))
        .expect("sparse file");
    let e = input_error(big.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains(
            "big.csv: the file has 1073741825 bytes, more than the limit of 1073741824 bytes"
        ),
        "{e}"
    );
    let _ = std::fs::remove_file(&big);
}

#[test]
fn a_study_naming_a_device_as_its_data_is_refused() {
    let study = tmp_file("study.toml", b"");
    let o = fiscus(&[
        "init",
        "--kind",
        "qca",
        "-o",
        study.to_str().expect("path"),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&study).expect("template");
    let start = text.find("\nfile = \"").expect("data file line") + 1;
    let end = start + text[start..].find('\n').expect("end of line");
    let text = format!("{}file = \"/dev/zero\"{}", &text[..start], &text[end..]);
    std::fs::write(&study, text).expect("study");
    let out = study.with_file_name("out");
    let o = fiscus(&[
        "run",
        study.to_str().expect("path"),
        "-q",
        "-o",
        out.to_str().expect("path"),
    ]);
    let e = fails(&o, 2);
    assert!(
        e.contains("data.file") && e.contains("not a regular file"),
        "{e}"
    );
}

#[test]
fn malformed_quotes_empty_names_and_a_sheet_on_csv_are_errors() {
    let p = tmp_file("quote.csv", b"case,X\na,1\n\"b,2\nc,3\nd\",4\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains(
            "quote.csv: line 3, column `case` (row 2): a quoted field runs over a line break"
        ),
        "{e}"
    );
    let p = tmp_file("open.csv", b"case,X\na,1\nb,\"2\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains("open.csv: line 3, column `X` (row 2): a quoted field is never closed"),
        "{e}"
    );
    let p = tmp_file("noname.csv", b"case,X,\na,1,2\n");
    let e = input_error(p.to_str().expect("path"), "X", &[]);
    assert!(
        e.contains("noname.csv: column 3 has an empty name in the header"),
        "{e}"
    );
    let p = tmp_file("plain.csv", b"case,X\na,1\n");
    let e = input_error(p.to_str().expect("path"), "X", &["--sheet", "Data"]);
    assert!(
        e.contains("plain.csv: a worksheet (`Data`) is named, but the file is read as CSV"),
        "{e}"
    );
}

#[test]
fn an_error_after_a_dropped_case_names_the_row_in_the_file() {
    // Case c1 is left out for its missing value; the text in c3's row must still be
    // reported as row 3 (the row in the file), not as the second of the kept cases.
    let p = tmp_file(
        "after-missing.csv",
        "case,A,B,Y\nc1,,1,1\nc2,1,0,0\nc3,1,x,1\n",
    );
    let o = fiscus(&["truth-table", p.to_str().expect("path"), "--outcome", "Y"]);
    let e = fails(&o, 2);
    assert!(
        e.contains("row 3 (case `c3`), column `B`: `x` is not a number"),
        "{e}"
    );
}
