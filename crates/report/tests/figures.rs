//! Tests of the SVG figures and the HTML page.

use fiscus_report::svg::{
    bar_chart, delphi_chart, grade_scale_chart, BarChart, DelphiChart, DelphiSeries, GradeScale,
    GradeScaleChart,
};
use fiscus_report::{to_html, Block, Document, Figure};
use proptest::prelude::*;

fn chart(items: usize, rounds: usize) -> DelphiChart {
    DelphiChart {
        id: "delphi".into(),
        title: "Delphi".into(),
        items: (1..=items).map(|k| format!("I{k}")).collect(),
        rounds: (1..=rounds)
            .map(|r| DelphiSeries {
                label: format!("Round {r}"),
                means: (0..items).map(|k| 1.0 + (k % 5) as f64 * 0.9).collect(),
                cv: (0..items).map(|k| Some(0.05 * (k % 7) as f64)).collect(),
            })
            .collect(),
        scale: (1.0, 5.0),
        cv_limit: Some(0.25),
    }
}

#[test]
fn delphi_chart_draws_a_mean_and_a_cv_per_item_and_round() {
    let svg = delphi_chart(&chart(20, 2)).unwrap();
    assert_eq!(
        svg.matches("<circle").count(),
        20 * 2 + 2,
        "40 means and 2 legend dots"
    );
    assert_eq!(svg.matches(": CV ").count(), 40);
    assert!(svg.contains(">CV 0.25<"), "the screening limit is labelled");
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
}

#[test]
fn delphi_chart_rejects_series_of_the_wrong_length() {
    let mut c = chart(3, 2);
    c.rounds[1].cv.pop();
    let e = delphi_chart(&c).unwrap_err().to_string();
    assert!(
        e.contains("figure `delphi`") && e.contains("Round 2"),
        "{e}"
    );
    let mut c = chart(3, 1);
    c.rounds[0].cv[1] = Some(f64::NAN);
    assert!(delphi_chart(&c).is_err());
    let mut c = chart(3, 1);
    c.scale = (5.0, 1.0);
    assert!(delphi_chart(&c).is_err());
}

fn scale(markers: Vec<(String, f64, String)>) -> GradeScale {
    GradeScale {
        label: "five-band".into(),
        min: 1.0,
        max: 5.0,
        bands: vec![
            ("E".into(), f64::NEG_INFINITY, 1.5),
            ("D".into(), 1.5, 2.5),
            ("C".into(), 2.5, 3.5),
            ("B".into(), 3.5, 4.5),
            ("A".into(), 4.5, f64::INFINITY),
        ],
        markers,
        decimals: 3,
    }
}

#[test]
fn grade_scale_marks_the_score_in_its_band() {
    let svg = grade_scale_chart(&GradeScaleChart {
        id: "score".into(),
        title: "Score".into(),
        scales: vec![scale(vec![
            ("overall".into(), 3.5, "B".into()),
            ("Financial".into(), 4.6, "A".into()),
        ])],
    })
    .unwrap();
    // The grade shown is the one the scoring gave (a boundary score's band is the scheme's call).
    assert!(
        svg.contains("<title>overall: 3.500 (grade B)</title>"),
        "{svg}"
    );
    assert!(svg.contains("<title>Financial: 4.600 (grade A)</title>"));
    for g in ["A", "B", "C", "D", "E"] {
        assert!(svg.contains(&format!(">{g}</text>")), "band {g}");
    }
    // Infinite band ends are clipped to the scale.
    assert!(!svg.contains("inf"));
}

#[test]
fn grade_scale_rejects_bad_input() {
    let mut s = scale(vec![("overall".into(), f64::NAN, "-".into())]);
    let c = |s: GradeScale| GradeScaleChart {
        id: "g".into(),
        title: String::new(),
        scales: vec![s],
    };
    assert!(grade_scale_chart(&c(s.clone())).is_err());
    s.markers.clear();
    s.bands.clear();
    assert!(grade_scale_chart(&c(s))
        .unwrap_err()
        .to_string()
        .contains("no grade bands"));
    let empty = GradeScaleChart {
        id: "g".into(),
        title: String::new(),
        scales: vec![],
    };
    assert!(grade_scale_chart(&empty).is_err());
}

#[test]
fn every_figure_of_a_page_is_an_inline_svg() {
    let svg = bar_chart(&BarChart {
        id: "w".into(),
        title: "Weights (CR 0.012)".into(),
        bars: vec![("A".into(), 0.6), ("B".into(), 0.4)],
        decimals: 2,
    })
    .unwrap();
    let doc = Document {
        title: "T".into(),
        subtitle: None,
        blocks: vec![Block::Figure(Figure {
            id: "w".into(),
            caption: "Weights".into(),
            svg: svg.clone(),
        })],
    };
    let html = to_html(&doc);
    let fig = &html[html.find("<figure").unwrap()..html.find("</figure>").unwrap()];
    assert!(fig.contains(svg.trim()));
    assert!(fig.contains("CR 0.012"));
}

proptest! {
    #[test]
    fn delphi_chart_never_panics_on_valid_data(
        rows in proptest::collection::vec((1.0f64..=5.0, 1.0f64..=5.0, proptest::option::of(0.0f64..2.0)), 1..30),
    ) {
        let c = DelphiChart {
            id: "d".into(),
            title: "t".into(),
            items: (0..rows.len()).map(|k| format!("<i{k}>")).collect(),
            rounds: vec![
                DelphiSeries { label: "R1".into(), means: rows.iter().map(|r| r.0).collect(), cv: rows.iter().map(|r| r.2).collect() },
                DelphiSeries { label: "R2".into(), means: rows.iter().map(|r| r.1).collect(), cv: rows.iter().map(|r| r.2).collect() },
            ],
            scale: (1.0, 5.0),
            cv_limit: None,
        };
        let svg = delphi_chart(&c).unwrap();
        prop_assert_eq!(svg.matches(": mean ").count(), 2 * rows.len());
        // Labels are escaped.
        prop_assert!(!svg.contains("<i0>"));
    }

    #[test]
    fn grade_scale_never_panics(score in -10.0f64..10.0, lo in -5.0f64..5.0, width in 0.1f64..10.0) {
        let c = GradeScaleChart {
            id: "g".into(),
            title: "t".into(),
            scales: vec![GradeScale {
                label: "s".into(),
                min: lo,
                max: lo + width,
                bands: vec![("X".into(), f64::NEG_INFINITY, lo + width / 2.0), ("Y".into(), lo + width / 2.0, f64::INFINITY)],
                markers: vec![("overall".into(), score, "X".into())],
                decimals: 3,
            }],
        };
        let svg = grade_scale_chart(&c).unwrap();
        prop_assert!(svg.contains("<title>overall:"));
    }
}

#[test]
fn figures_with_the_ministry_grades_carry_the_cjk_font() {
    let mut s = scale(vec![("overall".into(), 3.7, "良".into())]);
    s.bands = vec![
        ("差".into(), 1.0, 2.0),
        ("中".into(), 2.0, 3.0),
        ("良".into(), 3.0, 4.0),
        ("优".into(), 4.0, 5.0),
    ];
    let c = GradeScaleChart {
        id: "g".into(),
        title: "Grades".into(),
        scales: vec![s],
    };
    let svg = grade_scale_chart(&c).unwrap();
    assert!(svg.contains("\n<style>@font-face{font-family:'Fiscus CJK';"));
    assert!(svg.contains("font-family=\"'Fiscus CJK', system-ui"));
    assert_eq!(svg.matches("@font-face").count(), 1);
    // Without those characters, no font.
    let plain = grade_scale_chart(&GradeScaleChart {
        id: "g".into(),
        title: "Grades".into(),
        scales: vec![scale(vec![("overall".into(), 3.7, "B".into())])],
    })
    .unwrap();
    assert!(!plain.contains("@font-face"));
}
