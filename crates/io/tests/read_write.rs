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
