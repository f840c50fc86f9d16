//! Library tests of table reading and writing (the CLI side is in tests/io_cli.rs).

use fiscus_data::{Cell, Column, Dataset};
use fiscus_io::{read_table, write_csv, write_dataset_xlsx, Format, IoError, ReadOptions};

fn read(text: &str, name: &str, opts: &ReadOptions) -> Result<Dataset, IoError> {
    read_table(text.as_bytes(), name, opts)
}

#[test]
fn quoted_fields_with_delimiters_and_labels_with_commas_round_trip() {
    let ds = read(
        "\"case\",\"X\"\n\"Bosnia, Herz.\",1.5\n\"AT\",NA\n",
        "q.csv",
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(ds.cases(), &["Bosnia, Herz.", "AT"]);
    let text = write_csv(&ds, "case");
    assert_eq!(text, "case,X\n\"Bosnia, Herz.\",1.5\nAT,NA\n");
    let back = read(&text, "back.csv", &ReadOptions::default()).unwrap();
    assert_eq!(
        back,
        Dataset::new("back.csv", back.cases().to_vec(), ds.columns().to_vec()).unwrap()
    );
}

#[test]
fn forced_delimiter_and_format() {
    let opts = ReadOptions {
        delimiter: Some(b'|'),
        ..Default::default()
    };
    let ds = read("case|X\na|1\n", "pipe.txt", &opts).unwrap();
    assert_eq!(ds.numeric("X").unwrap(), vec![Some(1.0)]);
    assert_eq!(Format::from_name("data.XLSM"), Format::Xlsx);
    assert_eq!(Format::from_name("data.tsv"), Format::Csv);
}

#[test]
fn full_precision_numbers_survive_csv_and_xlsx() {
    let v = [0.806925632987392, 1e-300, -123456.789, 0.1 + 0.2];
    let ds = Dataset::new(
        "p",
        (1..=4).map(|i| format!("c{i}")).collect(),
        vec![
            Column::numbers("X", &v),
            Column::new(
                "T",
                vec![
                    Cell::Text("x".into()),
                    Cell::Missing,
                    Cell::Number(1.0),
                    Cell::Text("y z".into()),
                ],
            ),
        ],
    )
    .unwrap();
    let csv = read(&write_csv(&ds, "case"), "p.csv", &ReadOptions::default()).unwrap();
    assert_eq!(csv.numeric_complete("X").unwrap(), v.to_vec());
    let xlsx = read_table(
        &write_dataset_xlsx(&ds, "case").unwrap(),
        "p.xlsx",
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(xlsx.numeric_complete("X").unwrap(), v.to_vec());
    assert_eq!(xlsx.cases(), ds.cases());
    assert_eq!(
        xlsx.column("T").unwrap().cells,
        ds.column("T").unwrap().cells
    );
}

#[test]
fn errors_name_the_source() {
    let e = read("case,X\na,1,2\n", "r.csv", &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(
            e,
            IoError::Ragged {
                line: 2,
                got: 3,
                expected: 2,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "r.csv: line 2 has 3 fields, the header has 2"
    );
    let e = read("", "e.csv", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.to_string(), "e.csv: the table is empty");
    let e = read_table(b"not a zip", "w.xlsx", &ReadOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with("w.xlsx: not a readable workbook"),
        "{e}"
    );
    let e = read(
        "case,X\na,1\n",
        "i.csv",
        &ReadOptions {
            id_column: Some("cse".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "i.csv: unknown column `cse` (did you mean `case`?)"
    );
}

fn csv_err(text: &str) -> String {
    read(text, "q.csv", &ReadOptions::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn an_unbalanced_quote_is_an_error_naming_line_and_column() {
    // Today's misreading: the open quote swallowed the next line into the label of `b`.
    assert_eq!(
        csv_err("case,X\na,1\n\"b,2\nc,3\nd\",4\n"),
        "q.csv: line 3, column `case` (row 2): a quoted field runs over a line break \
         (unbalanced quote? a value cannot span lines)"
    );
    assert_eq!(
        csv_err("case,X\na,1\nb,\"2\n"),
        "q.csv: line 3, column `X` (row 2): a quoted field is never closed (unbalanced quote)"
    );
    assert_eq!(
        csv_err("case,X\na,\"1\"2\n"),
        "q.csv: line 2, column `X` (row 1): text follows the closing quote of a quoted field"
    );
    assert_eq!(
        csv_err("case,\"X\nb,1\n"),
        "q.csv: line 1, column 2 (header): a quoted field is never closed (unbalanced quote)"
    );
    // Quotes inside an unquoted field are text; escaped quotes and spaces around quoted
    // fields are fine.
    let ds = read(
        "case,X,T\na,1,5\"\n \"b \"\"x\"\"\" , 2 ,\"\"\n",
        "q.csv",
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(ds.cases(), &["a", "b \"x\""]);
    assert_eq!(
        ds.column("T").unwrap().cells,
        vec![Cell::Text("5\"".into()), Cell::Missing]
    );
    assert_eq!(ds.numeric("X").unwrap(), vec![Some(1.0), Some(2.0)]);
}

#[test]
fn an_empty_header_name_is_an_error_unless_it_labels_the_cases() {
    assert_eq!(
        csv_err("case,X,,Y\na,1,2,3\n"),
        "q.csv: column 3 has an empty name in the header (name it; an unnamed first column \
         holds the case labels only when no column is called `case`)"
    );
    assert!(csv_err("case,X,\na,1,2\n").contains("column 3 has an empty name"));
    assert!(csv_err(",case,X\n1,a,1\n").contains("column 1 has an empty name"));
    // R's write.csv layout: the unnamed first column holds the labels.
    let ds = read(",X\na,1\nb,0\n", "r.csv", &ReadOptions::default()).unwrap();
    assert_eq!(ds.cases(), &["a", "b"]);
    assert_eq!(ds.column_names(), vec!["X"]);
}

#[test]
fn a_sheet_option_on_a_csv_file_is_an_error() {
    let e = read(
        "case,X\na,1\n",
        "d.csv",
        &ReadOptions {
            sheet: Some("Data".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "d.csv: a worksheet (`Data`) is named, but the file is read as CSV: worksheets apply to \
         .xlsx files only"
    );
}

#[test]
fn an_xlsx_with_a_stray_far_cell_is_refused_without_allocating_it() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "case").unwrap();
    ws.write_string(0, 1, "X").unwrap();
    ws.write_string(1, 0, "a").unwrap();
    ws.write_number(1, 1, 1.0).unwrap();
    ws.write_number(1_048_575, 16_383, 7.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let e = read_table(&bytes, "far.xlsx", &ReadOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "far.xlsx: sheet `Sheet1`: the used range A1:XFD1048576 spans 17179869184 cells but only \
         5 are filled (a stray cell far from the table?); delete the stray cells or copy the table \
         to a new sheet"
    );
}

#[test]
fn xlsx_tables_away_from_a1_with_gaps_and_blank_rows() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("T").unwrap();
    // Header at C3; a blank row between the cases; a missing cell.
    ws.write_string(2, 2, "case").unwrap();
    ws.write_string(2, 3, "X").unwrap();
    ws.write_string(2, 4, "Y").unwrap();
    ws.write_string(3, 2, "a").unwrap();
    ws.write_number(3, 3, 0.25).unwrap();
    ws.write_number(3, 4, 1.0).unwrap();
    ws.write_string(5, 2, "b").unwrap();
    ws.write_string(5, 4, "NA").unwrap();
    ws.write_boolean(6, 3, true).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let ds = read_table(&bytes, "t.xlsx", &ReadOptions::default()).unwrap();
    assert_eq!(ds.cases(), &["a", "b", "3"]);
    assert_eq!(ds.numeric("X").unwrap(), vec![Some(0.25), None, Some(1.0)]);
    assert_eq!(ds.numeric("Y").unwrap(), vec![Some(1.0), None, None]);
}

#[test]
fn duplicate_labels_and_names_in_wide_and_long_tables() {
    // 100,000 columns, the duplicate at the end (the check used to be quadratic).
    let mut header: Vec<String> = (0..100_000).map(|j| format!("C{j}")).collect();
    header.push("C17".into());
    let text = format!(
        "{}\n{}\n",
        header.join(","),
        vec!["1"; header.len()].join(",")
    );
    assert_eq!(
        csv_err(&text),
        "q.csv: duplicate column name `C17` (columns 18 and 100001)"
    );
    let header = header[..100_000].join(",");
    let wide = format!("{header}\n{}\n", vec!["1"; 100_000].join(","));
    assert_eq!(
        read(&wide, "w.csv", &ReadOptions::default())
            .unwrap()
            .columns()
            .len(),
        100_000
    );
    let mut long = String::from("case,X\n");
    for i in 0..50_000 {
        long.push_str(&format!("k{i},1\n"));
    }
    long.push_str("k123,0\n");
    assert_eq!(
        csv_err(&long),
        "q.csv: duplicate case label `k123` (rows 124 and 50001)"
    );
}
