//! Reproduces every case of `kendall_delphi_authority_cases` (tests/fixtures/delphi) to 1e-9.

use fiscus_delphi::{
    authority, compare_rounds, item_stats, kendall_w, parse_basis_level, parse_familiarity_level,
    positive_coefficient, screen, AuthorityTables, CompareConfig, ExpertSelfRating,
    ItemStatsConfig, QuantileType, Ratings, Scale, ScreenConfig,
};
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/delphi/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn cases() -> Vec<Value> {
    let v: Value = serde_json::from_str(&fixture("kendall_delphi_authority_cases.json"))
        .expect("fixture is JSON");
    v["kendall_delphi_authority_cases"]
        .as_array()
        .expect("case list")
        .clone()
}

fn case(id_prefix: &str) -> Value {
    cases()
        .into_iter()
        .find(|c| c["id"].as_str().is_some_and(|s| s.starts_with(id_prefix)))
        .expect("case present")
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= TOL * want.abs().max(1.0),
        "{what}: got {got}, reference {want}"
    );
}

fn rows(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .expect("rows")
        .iter()
        .map(|r| r.as_array().expect("row").iter().map(num).collect())
        .collect()
}

fn transpose(m: &[Vec<f64>]) -> Vec<Vec<f64>> {
    (0..m[0].len())
        .map(|j| m.iter().map(|r| r[j]).collect())
        .collect()
}

#[test]
fn kw1_irr_anxiety_corrected_and_uncorrected() {
    let c = case("KW-1");
    let raters = transpose(&rows(&c["data_items_by_raters"]));
    let k = kendall_w(&Ratings::from_rows(&raters).unwrap()).unwrap();
    let pf = &c["python_formula"];
    close(k.w, num(&pf["corrected"]["W"]), "W");
    close(k.chi2, num(&pf["corrected"]["chi2"]), "chi2");
    close(k.p, num(&pf["corrected"]["p"]), "p");
    close(k.s, num(&pf["corrected"]["S"]), "S");
    close(k.sum_t, num(&pf["corrected"]["sum_T"]), "sum_T");
    assert_eq!(k.df as f64, num(&pf["corrected"]["df"]));
    for (g, w) in k
        .rank_sums
        .iter()
        .zip(pf["corrected"]["rank_sums"].as_array().unwrap())
    {
        close(*g, num(w), "rank sum");
    }
    close(
        k.w_uncorrected,
        num(&pf["uncorrected"]["W"]),
        "W uncorrected",
    );
    close(
        k.chi2_uncorrected,
        num(&pf["uncorrected"]["chi2"]),
        "chi2 uncorrected",
    );
    close(
        k.p_uncorrected,
        num(&pf["uncorrected"]["p"]),
        "p uncorrected",
    );
    // R irr's printed p has 12 decimals
    close(k.p, num(&c["R_irr_0.84.1_output"]["corrected"]["p"]), "R p");
}

fn delphi_round(c: &Value, key: &str) -> Ratings {
    Ratings::from_rows(&rows(&c[key])).unwrap()
}

#[test]
fn delphi1_kendall_both_rounds() {
    let c = case("DELPHI-1");
    for (r, data) in [
        ("round1", "round1_experts_by_items"),
        ("round2", "round2_experts_by_items"),
    ] {
        let k = kendall_w(&delphi_round(&c, data)).unwrap();
        let refc = &c[format!("kendall_{r}_corrected")];
        close(k.w, num(&refc["W"]), "W");
        close(k.chi2, num(&refc["chi2"]), "chi2");
        close(k.p, num(&refc["p"]), "p");
        close(k.s, num(&refc["S"]), "S");
        close(k.sum_t, num(&refc["sum_T"]), "sum_T");
        assert_eq!((k.m, k.n, k.df), (12, 10, 9));
        for (g, w) in k
            .rank_sums
            .iter()
            .zip(refc["rank_sums"].as_array().unwrap())
        {
            close(*g, num(w), "rank sum");
        }
        let irr = &c["R_irr_0.84.1_check"][if r == "round1" { "r1" } else { "r2" }];
        close(k.w_uncorrected, num(&irr["W_uncorr"]), "W uncorrected");
        close(
            k.chi2_uncorrected,
            num(&irr["chisq_uncorr"]),
            "chi2 uncorrected",
        );
        // R prints p to 7 significant digits
        assert!((k.p_uncorrected / num(&irr["p_uncorr"]) - 1.0).abs() < 1e-6);
    }
    let unc = &c["kendall_round1_uncorrected"];
    let k1 = kendall_w(&delphi_round(&c, "round1_experts_by_items")).unwrap();
    close(k1.w_uncorrected, num(&unc["W"]), "W uncorrected r1");
    close(
        k1.chi2_uncorrected,
        num(&unc["chi2"]),
        "chi2 uncorrected r1",
    );
    close(k1.p_uncorrected, num(&unc["p"]), "p uncorrected r1");
}

#[test]
fn delphi1_item_statistics_both_rounds_all_quantile_types() {
    let c = case("DELPHI-1");
    for (data, stats_key) in [
        ("round1_experts_by_items", "round1_item_stats"),
        ("round2_experts_by_items", "round2_item_stats"),
    ] {
        let r = delphi_round(&c, data);
        let want = c[stats_key].as_array().unwrap();
        for (qkey, qtype) in [
            ("R7_linear", 7u8),
            ("R6_weibull_SPSS", 6),
            ("R2_inverted_cdf_avg", 2),
        ] {
            let cfg = ItemStatsConfig {
                quantile: QuantileType::new(qtype).unwrap(),
                ..Default::default()
            };
            let got = item_stats(&r, &cfg).unwrap();
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(want) {
                let q = w["quartiles_Q1_Q3_IQR"][qkey].as_array().unwrap();
                close(g.q1, num(&q[0]), "Q1");
                close(g.q3, num(&q[1]), "Q3");
                close(g.iqr, num(&q[2]), "IQR");
                if qtype == 7 {
                    close(g.mean, num(&w["mean"]), "mean");
                    close(g.sd.unwrap(), num(&w["sd_sample"]), "sd");
                    close(g.cv.unwrap(), num(&w["cv"]), "cv");
                    close(g.median, num(&w["median"]), "median");
                    close(
                        g.full_mark_ratio,
                        num(&w["full_mark_ratio_scale_max"]),
                        "full mark",
                    );
                    close(
                        g.full_mark_ratio_observed,
                        num(&w["full_mark_ratio_observed_max(SPSSAU)"]),
                        "full mark observed",
                    );
                    close(g.share_agree, num(&w["pct_agree_ge4"]), "share >= 4");
                }
            }
        }
        // the reference's screening column: mean >= 3.5 and cv <= 0.25
        let s = screen(
            &item_stats(&r, &ItemStatsConfig::default()).unwrap(),
            &ScreenConfig::default(),
        )
        .unwrap();
        for (v, w) in s.verdicts.iter().zip(want) {
            assert_eq!(
                v.keep,
                w["screen_mean>=3.5_and_cv<=0.25"].as_bool().unwrap(),
                "{}",
                v.item
            );
        }
    }
}

#[test]
fn delphi1_positive_coefficient_and_stability() {
    let c = case("DELPHI-1");
    let resp = &c["response"];
    let pc1 = positive_coefficient(
        num(&resp["distributed_r1"]) as usize,
        num(&resp["returned_r1"]) as usize,
    )
    .unwrap();
    close(pc1, num(&resp["positive_coefficient_r1"]), "positive r1");
    let pc2 = positive_coefficient(
        num(&resp["distributed_r2"]) as usize,
        num(&resp["returned_r2"]) as usize,
    )
    .unwrap();
    close(pc2, num(&resp["positive_coefficient_r2"]), "positive r2");

    let r1 = delphi_round(&c, "round1_experts_by_items");
    let r2 = delphi_round(&c, "round2_experts_by_items");
    let cmp = compare_rounds(&[r1, r2], &CompareConfig::default()).unwrap();
    let stability = c["stability"].as_array().unwrap();
    assert_eq!(cmp.items.len(), stability.len());
    for (t, w) in cmp.items.iter().zip(stability) {
        assert_eq!(t.item, w["item"].as_str().unwrap());
        close(t.cvs[0].unwrap(), num(&w["cv_r1"]), "cv r1");
        close(t.cvs[1].unwrap(), num(&w["cv_r2"]), "cv r2");
        let tr = &t.transitions[0];
        close(
            tr.cv_change.unwrap().abs(),
            num(&w["abs_cv_change"]),
            "|cv change|",
        );
        close(
            tr.share_experts_changed.unwrap(),
            num(&w["share_experts_changed"]),
            "share changed",
        );
        if let Some(p) = w["wilcoxon_p_r1_vs_r2"].as_f64() {
            close(tr.wilcoxon_p.unwrap(), p, "wilcoxon p");
        }
    }
    assert!(cmp.w_rising);
    assert!(cmp.converged);
}

fn panel(csv: &str) -> Vec<ExpertSelfRating> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            ExpertSelfRating::new(
                f[0],
                f[1..5]
                    .iter()
                    .map(|x| parse_basis_level(x).unwrap())
                    .collect(),
                parse_familiarity_level(f[5]).unwrap(),
            )
        })
        .collect()
}

#[test]
fn auth1_recomputed_not_published() {
    let c = case("AUTH-1");
    let tables = AuthorityTables::default();
    for (round, file) in [
        ("round1", "auth1_experts_round1.csv"),
        ("round2", "auth1_experts_round2.csv"),
    ] {
        let a = authority(&panel(&fixture(file)), &tables).unwrap();
        let want = &c["recomputed_from_published_expression"][round];
        close(a.ca, num(&want["Ca"]), "Ca");
        close(a.cs, num(&want["Cs"]), "Cs");
        close(a.cr, num(&want["Cr"]), "Cr");
        assert_eq!(a.experts.len(), 16);
        close(a.experts.iter().map(|e| e.weight).sum(), 1.0, "weights sum");
    }
    // the published round-2 Ca (0.963) is an arithmetic slip: 15.3/16 = 0.95625
    let a2 = authority(&panel(&fixture("auth1_experts_round2.csv")), &tables).unwrap();
    let published = num(&c["published"]["round2"]["Ca"]);
    assert!((a2.ca - published).abs() > 1e-3);
    close(a2.ca * 16.0, 15.3, "Ca sum");
}

#[test]
fn out_of_scale_and_duplicate_expert_are_errors() {
    let e = Ratings::new(
        "r1.csv",
        vec!["E1".into(), "E2".into()],
        vec!["I1".into()],
        vec![vec![Some(4.0)], vec![Some(7.0)]],
        Some(Scale::default()),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "r1.csv: row 2 (expert `E2`), column `I1`: score 7 is outside the scale 1..5"
    );
    let e = Ratings::new(
        "r1.csv",
        vec!["E1".into(), "E1".into()],
        vec!["I1".into()],
        vec![vec![Some(4.0)], vec![Some(3.0)]],
        None,
    )
    .unwrap_err();
    assert!(e
        .to_string()
        .contains("expert id `E1` is repeated (rows 1 and 2)"));
}
