//! Tests of the Markdown and HTML renderers: numbering, contents, cross-references,
//! alignment, escaping and the appendix.

use fiscus_report::svg::{configuration_chart, text_width, ChartCell, ChartPath, ConfigChart};
use fiscus_report::{
    numeric_columns, p_value, to_html, to_markdown, unresolved_references, Block, Document, Figure,
    Table,
};

fn doc() -> Document {
    Document {
        title: "Study <1>".into(),
        subtitle: Some("sub".into()),
        blocks: vec![
            Block::Heading {
                level: 2,
                text: "1. Data".into(),
            },
            Block::Paragraph("The cases are in {table:cases}; see {figure:xy}.".into()),
            Block::Table(Table::new(
                "cases",
                "Cases <i>and</i> memberships",
                vec!["case".into(), "A".into(), "p".into(), "note".into()],
                vec![
                    vec![
                        "<b>x</b>".into(),
                        "0.25".into(),
                        "< 0.001".into(),
                        "".into(),
                    ],
                    vec!["a|b".into(), "NA".into(), "0.040".into(), "3".into()],
                    vec!["A*B*C".into(), "−1".into(), "0.5".into(), "text".into()],
                ],
            )),
            Block::Heading {
                level: 2,
                text: "2. Paths".into(),
            },
            Block::Figure(Figure {
                id: "xy".into(),
                caption: "XY plot of `A*B`".into(),
                svg: "<svg></svg>".into(),
            }),
            Block::Table(Table::new(
                "fit",
                "Fit (drawn in {figure:xy})",
                vec!["term".into()],
                vec![vec!["~A".into()]],
            )),
            Block::Appendix {
                title: "Appendix: study file".into(),
                summary: "study.toml (2 lines)".into(),
                body: "[study]\ntitle = \"<T>\"".into(),
            },
        ],
    }
}

#[test]
fn tables_and_figures_are_numbered_with_anchors_and_listed_in_the_contents() {
    let d = doc();
    let html = to_html(&d);
    assert!(html.contains("<table id=\"table-1\">"));
    assert!(html.contains("<table id=\"table-2\">"));
    assert!(html.contains("<figure id=\"figure-1\">"));
    assert!(html.contains(
        "<caption><span class=\"label\">Table 1.</span> Cases &lt;i&gt;and&lt;/i&gt; memberships</caption>"
    ));
    assert!(html.contains("<span class=\"label\">Figure 1.</span> XY plot of <code>A*B</code>"));
    // Contents: the sections (the appendix too), the tables and the figures, linked.
    let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    for link in [
        "<a href=\"#section-1\">1. Data</a>",
        "<a href=\"#section-2\">2. Paths</a>",
        "<a href=\"#section-3\">Appendix: study file</a>",
        "<a href=\"#table-2\">Table 2. Fit (drawn in Figure 1)</a>",
        "<a href=\"#figure-1\">Figure 1. XY plot of <code>A*B</code></a>",
    ] {
        assert!(nav.contains(link), "{link} in {nav}");
    }
    assert!(html.contains("<h2 id=\"section-2\">2. Paths</h2>"));
    // The contents come right after the title.
    assert!(html.find("<nav").unwrap() < html.find("section-1\">1. Data</h2>").unwrap());

    let md = to_markdown(&d);
    assert!(md.contains("**Table 1.** Cases &lt;i&gt;and&lt;/i&gt; memberships"));
    assert!(md.contains("**Figure 1.** XY plot of `A*B`"));
    assert!(md.contains("  - [Table 2. Fit (drawn in Figure 1)](#table-2)"));
    assert!(md.contains("<a id=\"table-2\"></a>"));
    assert!(md.contains("<a id=\"figure-1\"></a>"));
    assert!(md.contains("- [Appendix: study file](#section-3)"));
}

#[test]
fn cross_references_become_numbers() {
    let d = doc();
    for text in [to_html(&d), to_markdown(&d)] {
        assert!(
            text.contains("The cases are in Table 1; see Figure 1."),
            "{text}"
        );
        assert!(!text.contains("{table:") && !text.contains("{figure:"));
    }
    assert!(unresolved_references(&d).is_empty());
    let mut bad = doc();
    bad.blocks
        .push(Block::Paragraph("see {table:nowhere}".into()));
    assert_eq!(unresolved_references(&bad), ["{table:nowhere}"]);
    // Ranges.
    let mut ranges = doc();
    ranges.blocks.push(Block::Paragraph(
        "{tables:cases..fit} and {figures:xy..xy}; {figures:xy..nowhere}".into(),
    ));
    assert!(to_markdown(&ranges).contains("Tables 1–2 and Figures 1–1; {figures:xy..nowhere}"));
    assert_eq!(unresolved_references(&ranges), ["{figures:xy..nowhere}"]);
}

#[test]
fn numeric_columns_are_right_aligned_and_text_columns_left_aligned() {
    let d = doc();
    let Block::Table(t) = &d.blocks[2] else {
        panic!()
    };
    // case: text; A: numbers (NA is a placeholder, − a minus); p: `< 0.001`; note: mixed.
    assert_eq!(numeric_columns(t), [false, true, true, false]);
    let html = to_html(&d);
    assert!(
        html.contains("<th>case</th><th class=\"num\">A</th><th class=\"num\">p</th><th>note</th>")
    );
    assert!(html.contains("<td class=\"num\">&lt; 0.001</td>"));
    let md = to_markdown(&d);
    assert!(md.contains("| :--- | ---: | ---: | :--- |"));
    // An all-empty column is text.
    let empty = Table::new("e", "", vec!["x".into()], vec![vec!["".into()]]);
    assert_eq!(numeric_columns(&empty), [false]);
}

#[test]
fn markdown_escapes_labels_like_html_does() {
    let md = to_markdown(&doc());
    assert!(!md.contains("<b>") && !md.contains("<i>"));
    assert!(md.starts_with("# Study &lt;1&gt;\n"));
    // Every table line has exactly the pipes of its columns: `a|b` does not add one.
    let table: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| case"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert_eq!(table.len(), 5);
    for line in &table {
        let unescaped = line
            .char_indices()
            .filter(|&(i, c)| c == '|' && (i == 0 || line.as_bytes()[i - 1] != b'\\'))
            .count();
        assert_eq!(unescaped, 5, "{line}");
    }
    assert!(md.contains("| &lt;b&gt;x&lt;/b&gt; |"));
    assert!(md.contains("| a\\|b |"));
    // An underscore inside a word stays; one that could start emphasis is escaped.
    let d = Document {
        title: "T".into(),
        subtitle: None,
        blocks: vec![Block::Paragraph("RF_cov and _x_".into())],
    };
    assert!(to_markdown(&d).contains("RF_cov and \\_x\\_"));
    // `*` and `~` are no emphasis or strikethrough.
    assert!(md.contains("| A\\*B\\*C |"));
    assert!(md.contains("| \\~A |"));
    // A paragraph that starts like a list stays a paragraph.
    let d = Document {
        title: "T".into(),
        subtitle: None,
        blocks: vec![Block::Paragraph("1. not a list\n- nor this".into())],
    };
    assert!(to_markdown(&d).contains("1\\. not a list\n\\- nor this"));
}

#[test]
fn the_appendix_is_collapsed_and_wrapped() {
    let d = doc();
    let html = to_html(&d);
    assert!(html.contains(
        "<details>\n<summary>study.toml (2 lines)</summary>\n<pre>[study]\ntitle = &quot;&lt;T&gt;&quot;</pre>\n</details>"
    ));
    assert!(html.contains("white-space:pre-wrap"));
    let md = to_markdown(&d);
    assert!(md.contains(
        "<details><summary>study.toml (2 lines)</summary>\n\n```\n[study]\ntitle = \"<T>\"\n```"
    ));
}

#[test]
fn the_page_has_print_and_narrow_screen_styles_and_cjk_fonts() {
    let html = to_html(&doc());
    assert!(html.contains("@media print{@page{size:A4"));
    assert!(html.contains("@media (max-width:600px)"));
    assert!(html.contains(".table-wrap{max-width:100%;overflow-x:auto"));
    assert!(html.contains("<div class=\"table-wrap\">\n<table id=\"table-1\">"));
    assert!(html.contains("figure svg{display:block;max-width:100%;height:auto}"));
    assert!(html.contains("'Noto Sans CJK SC'"));
}

#[test]
fn p_values_below_0_001_are_written_as_such() {
    assert_eq!(p_value(0.0), "< 0.001");
    assert_eq!(p_value(0.000_999), "< 0.001");
    assert_eq!(p_value(0.0014), "0.001");
    assert_eq!(p_value(0.5), "0.500");
}

#[test]
fn the_configuration_chart_legend_fits_its_width() {
    for paths in 1..=4 {
        let c = ConfigChart {
            id: "c".into(),
            conditions: vec!["T · TECHNOLOGY".into(), "E · ECON".into()],
            paths: (0..paths)
                .map(|k| ChartPath {
                    name: format!("Path {}\ncitizen empowerment", k + 1),
                    cells: vec![ChartCell::CorePresent, ChartCell::PeripheralAbsent],
                    fit: vec!["0.912".into()],
                })
                .collect(),
            fit_labels: vec!["Consistency".into()],
            footer: vec!["Solution consistency 0.912".into()],
        };
        let svg = configuration_chart(&c).unwrap();
        let w: f64 = svg
            .split("width=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        for t in svg.split("<text ").skip(1) {
            let x: f64 = t["x=\"".len()..]
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let size: f64 = t
                .split("font-size=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            if t.contains("text-anchor=\"middle\"") || t.contains("text-anchor=\"end\"") {
                continue;
            }
            assert!(
                x + text_width(body, size) <= w,
                "{paths} paths: `{body}` runs past {w}"
            );
        }
    }
}
