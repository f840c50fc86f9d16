//! Screening rules, round comparison with mappings, missing answers and custom tables.

use fiscus_delphi::{
    analyse_round, authority, compare_rounds, item_stats, parse_rules, screen, AuthorityTables,
    Basis, CompareConfig, ExpertSelfRating, ItemMapping, ItemStatsConfig, Ratings, RoundConfig,
    ScreenConfig,
};

fn round(source: &str, items: &[&str], rows: &[&[Option<f64>]]) -> Ratings {
    Ratings::new(
        source,
        (1..=rows.len()).map(|i| format!("E{i}")).collect(),
        items.iter().map(|s| s.to_string()).collect(),
        rows.iter().map(|r| r.to_vec()).collect(),
        None,
    )
    .unwrap()
}

#[test]
fn rule_parser_accepts_the_documented_forms_and_rejects_others() {
    let r = parse_rules("mean>=3.5 and cv <= 0.25 && full_mark >= 20%").unwrap();
    let texts: Vec<String> = r.iter().map(|r| r.to_string()).collect();
    assert_eq!(texts, vec!["mean >= 3.5", "cv <= 0.25", "full_mark >= 0.2"]);
    for (bad, msg) in [
        ("mean >= ", "is not a number"),
        ("avg_score >= 3", "unknown statistic `avg_score`"),
        ("mean => 3", "`=>` is not a comparison"),
        ("mean >= 3 or cv <= 1", "`or` is not supported"),
        ("mean >= 3 and", "empty rule"),
        (">= 3", "expected a statistic first"),
    ] {
        let e = parse_rules(bad).unwrap_err().to_string();
        assert!(e.contains(msg), "{bad}: {e}");
    }
}

#[test]
fn two_of_three_rule_keeps_an_item_failing_one() {
    // I1 (5, 3): only cv <= 0.25 fails; I2 (2, 3): all three fail
    let r = round(
        "r.csv",
        &["I1", "I2"],
        &[&[Some(5.0), Some(2.0)], &[Some(3.0), Some(3.0)]],
    );
    let stats = item_stats(&r, &ItemStatsConfig::default()).unwrap();
    let cfg = ScreenConfig {
        rules: parse_rules("mean >= 3.5, cv <= 0.25, full_mark >= 0.2").unwrap(),
        min_fail: 2,
    };
    let s = screen(&stats, &cfg).unwrap();
    assert_eq!(s.retained, vec!["I1"]);
    assert_eq!(s.dropped, vec!["I2"]);
    assert!(
        s.verdicts[0].reason.starts_with("kept: fails 2 of 3")
            || s.verdicts[0].reason.starts_with("kept: fails 1 of 3")
    );
    assert!(
        s.verdicts[1]
            .reason
            .contains("mean = 2.5 fails mean >= 3.5"),
        "{}",
        s.verdicts[1].reason
    );
    let bad = ScreenConfig { min_fail: 4, ..cfg };
    assert!(screen(&stats, &bad)
        .unwrap_err()
        .to_string()
        .contains("min-fail 4"));
}

#[test]
fn missing_answers_pairwise_for_items_listwise_for_w() {
    let r = round(
        "r.csv",
        &["I1", "I2", "I3"],
        &[
            &[Some(5.0), Some(3.0), Some(1.0)],
            &[Some(4.0), None, Some(2.0)],
            &[Some(5.0), Some(3.0), Some(2.0)],
            &[None, None, None],
        ],
    );
    let rep = analyse_round(
        &r,
        &RoundConfig {
            sent: Some(5),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(rep.missing.cells, 4);
    assert_eq!(rep.missing.experts_with_missing, 2);
    assert_eq!(rep.missing.experts_without_answers, 1);
    assert_eq!(rep.n_responding, 3);
    assert_eq!(rep.positive_coefficient, Some(0.6));
    assert_eq!(rep.items[1].n, 2);
    assert_eq!(rep.items[1].missing, 2);
    let k = rep.kendall.unwrap();
    assert_eq!(k.m, 2);
    assert_eq!(k.experts_dropped, vec!["E2", "E4"]);
}

#[test]
fn rounds_with_different_items_need_a_mapping() {
    let r1 = round(
        "r1.csv",
        &["I1", "I2", "I3"],
        &[
            &[Some(5.0), Some(3.0), Some(1.0)],
            &[Some(4.0), Some(3.0), Some(2.0)],
        ],
    );
    let r2 = round(
        "r2.csv",
        &["I1", "I2b", "I4"],
        &[
            &[Some(5.0), Some(3.0), Some(4.0)],
            &[Some(5.0), Some(3.0), Some(4.0)],
        ],
    );
    let e = compare_rounds(&[r1.clone(), r2.clone()], &CompareConfig::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("r2.csv: item `I2b` is new compared with r1.csv"),
        "{e}"
    );

    let mapping = ItemMapping {
        renamed: vec![("I2".into(), "I2b".into())],
        dropped: vec!["I3".into()],
        added: vec!["I4".into()],
        allow_changes: false,
    };
    let c = compare_rounds(
        &[r1.clone(), r2.clone()],
        &CompareConfig {
            mapping,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(c.added, vec!["round 2: I4"]);
    assert_eq!(c.dropped, vec!["after round 1: I3"]);
    let i2 = c.items.iter().find(|t| t.item == "I2").unwrap();
    assert_eq!(
        i2.names,
        vec![Some("I2".to_string()), Some("I2b".to_string())]
    );
    assert_eq!(i2.status, "in every round");

    let only_added = ItemMapping {
        renamed: vec![("I2".into(), "I2b".into())],
        added: vec!["I4".into()],
        ..Default::default()
    };
    let e = compare_rounds(
        &[r1, r2],
        &CompareConfig {
            mapping: only_added,
            ..Default::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("item `I3` is missing, though it is in r1.csv"),
        "{e}"
    );
}

#[test]
fn custom_authority_tables() {
    let tables = AuthorityTables {
        bases: vec![
            Basis::new("practice", vec![0.6, 0.4]),
            Basis::new("theory", vec![0.4, 0.2]),
        ],
        familiarity: vec![1.0, 0.5, 0.0],
        threshold: 0.8,
    };
    let a = authority(
        &[
            ExpertSelfRating::new("A", vec![1, 1], 1),
            ExpertSelfRating::new("B", vec![2, 2], 3),
        ],
        &tables,
    )
    .unwrap();
    assert!((a.experts[0].cr - 1.0).abs() < 1e-12);
    assert!((a.experts[1].cr - 0.3).abs() < 1e-12);
    assert!((a.cr - 0.65).abs() < 1e-12);
    assert!(!a.acceptable);
    assert!((a.experts[0].weight - 1.0 / 1.3).abs() < 1e-12);
    let e = authority(&[ExpertSelfRating::new("A", vec![1, 3], 1)], &tables).unwrap_err();
    assert_eq!(
        e.to_string(),
        "expert `A`: theory level `3` is not one of 1..2"
    );
}
