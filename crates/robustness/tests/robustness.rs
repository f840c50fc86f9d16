//! Robustness protocol: R01 parity (Oana & Schneider 2021 definitions over all test solutions),
//! SetMethods' ranges, grids (thread independence, shards), configuration chart, failures.

use fiscus_data::{Cell, Column, Dataset};
use fiscus_qca::*;
use fiscus_robustness::*;
use proptest::prelude::*;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixture(name: &str) -> String {
    let p = format!(
        "{}/../../tests/fixtures/robustness/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {p}: {e}"))
}

/// A minimal CSV reader for the fixtures (quoted fields, no embedded quotes).
fn dataset(name: &str) -> Dataset {
    let text = fixture(name);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let split = |l: &str| -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        for ch in l.chars() {
            match ch {
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let header = split(lines.next().expect("header"));
    let rows: Vec<Vec<String>> = lines.map(split).collect();
    let cases = rows.iter().map(|r| r[0].clone()).collect();
    let cols = (1..header.len())
        .map(|j| {
            Column::new(
                header[j].clone(),
                rows.iter().map(|r| Cell::parse(&r[j], false)).collect(),
            )
        })
        .collect();
    Dataset::new(name, cases, cols).expect("fixture dataset")
}

fn payf_conditions() -> Vec<String> {
    ["HE", "GG", "AH", "HI", "HW"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn payf_is() -> Specification {
    let mut s = Specification::default();
    s.truth_table.incl_cut1 = 0.87;
    s.truth_table.n_cut = 2;
    s.minimize.include_remainders = true;
    s
}

fn r01_test(name: &str) -> &'static str {
    match name {
        "TS1" => "incl-cut=0.70",
        "TS2" => "n-cut=1",
        "TS3" => "incl-cut=0.80",
        "TS4" => "incl-cut=0.90;n-cut=3",
        other => panic!("unknown test {other}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL
}

#[test]
fn r01_all_three_test_sets_match_to_1e9() {
    let ds = dataset("PAYF.csv");
    let refj: Value = serde_json::from_str(&fixture("R01_PAYF_robustness.json")).unwrap();
    let results = refj["results"].as_object().unwrap();
    assert_eq!(results.len(), 3);
    let conds = payf_conditions();
    for (key, exp) in results {
        let tests: Vec<(String, Vec<Change>)> = exp["test_set"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let name = t.as_str().unwrap();
                (
                    name.to_string(),
                    Change::parse_list(r01_test(name)).unwrap(),
                )
            })
            .collect();
        let r = robustness(&ds, "HL", Some(&conds), &payf_is(), &tests).unwrap();
        assert_eq!(r.is_expression, exp["IS"].as_str().unwrap(), "{key}");
        for t in &r.tests {
            assert_eq!(
                t.expression.as_deref(),
                exp["TS"][&t.label].as_str(),
                "{key} {}",
                t.label
            );
        }
        let f = &r.fit;
        let num = |k: &str| exp[k].as_f64().unwrap();
        for (k, got) in [
            ("RF_cov", f.rf_cov),
            ("RF_cons", f.rf_cons),
            ("RF_SC_minTS", f.rf_sc_min_ts),
            ("RF_SC_maxTS", f.rf_sc_max_ts),
            ("RCR_typ", f.rcr_typ),
            ("RCR_dev", f.rcr_dev),
            ("RCC_Rank", f64::from(f.rcc_rank)),
        ] {
            assert!(close(got, num(k)), "{key} {k}: {got} vs {}", num(k));
        }
        for (k, got) in [("robust_core_fit", f.robust_core_fit), ("IS_fit", f.is_fit)] {
            assert!(
                close(got.incl, exp[k]["inclS"].as_f64().unwrap()),
                "{key} {k}"
            );
            assert!(close(got.pri, exp[k]["PRI"].as_f64().unwrap()), "{key} {k}");
            assert!(
                close(got.cov, exp[k]["covS"].as_f64().unwrap()),
                "{key} {k}"
            );
        }
        let c = serde_json::to_value(&f.cases).unwrap();
        for (k, v) in exp["cases"].as_object().unwrap() {
            assert_eq!(&c[k], v, "{key} cases.{k}");
        }
        // the eight cells partition the cases with an outcome other than 0.5
        let sum: usize = c
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap() as usize)
            .sum();
        let not_half = r.initial.outcome.iter().filter(|&&y| y != 0.5).count();
        assert_eq!(sum, not_half, "{key}");
    }
}

#[test]
fn setmethods_ranges_for_payf() {
    let ds = dataset("PAYF.csv");
    let refj: Value = serde_json::from_str(&fixture("R01_PAYF_robustness.json")).unwrap();
    let sm = &refj["setmethods_4.1_printed"]["TS1_TS2"];
    let conds = payf_conditions();
    let r = sensitivity_ranges(
        &ds,
        "HL",
        Some(&conds),
        &payf_is(),
        &[RangeParameter::InclCut, RangeParameter::NCut],
        &RangeConfig::default(),
    )
    .unwrap();
    let incl = &sm["inclrange_step_0.01"];
    assert!(close(r[0].lower, incl[0].as_f64().unwrap()));
    assert!(close(r[0].upper, incl[1].as_f64().unwrap()));
    assert!(!r[0].lower_unbounded && !r[0].upper_unbounded);
    assert_eq!(r[1].lower, sm["ncutrange"][0].as_f64().unwrap());
    assert_eq!(r[1].upper, sm["ncutrange"][1].as_f64().unwrap());
    // just outside the range the first model differs
    assert_ne!(r[0].upper_change.as_deref(), Some("GG*AH + HE*~GG*HI*HW"));
}

fn lr_spec() -> Specification {
    let mut s = Specification::default();
    for c in [
        "DEV:e=400,c=550,i=900",
        "URB:e=25,c=50,i=65",
        "LIT:e=50,c=75,i=90",
        "IND:e=20,c=30,i=40",
        "STB:e=5,c=10,i=15",
    ] {
        s.calibrations.push(c.parse().unwrap());
    }
    s.truth_table.incl_cut1 = 0.8;
    s.minimize.include_remainders = true;
    s
}

fn lr_conditions() -> Vec<String> {
    ["DEV", "URB", "LIT", "IND", "STB"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// The LR outcome is raw; calibrate it crisp-like into a fuzzy set too.
fn lr_dataset() -> Dataset {
    let mut ds = dataset("LR.csv");
    let surv = ds.numeric("SURV").unwrap();
    let y = fiscus_calibration::calibrate(&surv, &"e=-5,c=0,i=5".parse().unwrap()).unwrap();
    ds.set_column(Column::new(
        "SURV",
        y.values
            .iter()
            .map(|v| v.map_or(Cell::Missing, Cell::Number))
            .collect(),
    ))
    .unwrap();
    ds
}

#[test]
fn recalibration_test_equals_direct_analysis_with_those_anchors() {
    let ds = lr_dataset();
    let conds = lr_conditions();
    let base = lr_spec();
    let r = robustness(
        &ds,
        "SURV",
        Some(&conds),
        &base,
        &[(
            "dev".into(),
            Change::parse_list("calibrate:DEV=e=350,c=600,i=900").unwrap(),
        )],
    )
    .unwrap();
    let mut direct = base.clone();
    direct.calibrations[0] = "DEV:e=350,c=600,i=900".parse().unwrap();
    let d = initial_solution(&ds, "SURV", Some(&conds), &direct).unwrap();
    assert_eq!(
        r.tests[0].expression.as_deref(),
        Some(d.expression.as_str())
    );
    assert_eq!(r.tests[0].membership, d.membership);
    // the calibrated memberships differ from the IS ones, so the test is not vacuous
    let a = prepare_data(&ds, "SURV", Some(&conds), &base).unwrap();
    let b = prepare_data(&ds, "SURV", Some(&conds), &direct).unwrap();
    assert_ne!(a.conditions[0].values, b.conditions[0].values);
}

#[test]
fn anchors_out_of_order_are_invalid_and_left_out() {
    let ds = lr_dataset();
    let conds = lr_conditions();
    let r = robustness(
        &ds,
        "SURV",
        Some(&conds),
        &lr_spec(),
        &[(
            "bad".into(),
            Change::parse_list("calibrate:DEV=e=700,c=550,i=900").unwrap(),
        )],
    )
    .unwrap();
    assert_eq!(r.tests[0].status, TestStatus::Invalid);
    assert!(r.tests[0].message.as_deref().unwrap().contains("DEV"));
    // with no usable test solution the measures compare the IS with itself
    assert_eq!(r.fit.rf_cov, 1.0);
}

#[test]
fn test_without_positive_rows_is_reported_not_fatal() {
    let ds = dataset("PAYF.csv");
    let conds = payf_conditions();
    let r = robustness(
        &ds,
        "HL",
        Some(&conds),
        &payf_is(),
        &[(
            "strict".into(),
            Change::parse_list("incl-cut=1;n-cut=40").unwrap(),
        )],
    )
    .unwrap();
    let t = &r.tests[0];
    assert_eq!(t.status, TestStatus::NoSolution);
    assert!(t.expression.is_none());
    assert!(t.message.as_deref().unwrap().contains("no truth-table row"));
    assert!(!t.usable());
    // a specification that cannot be analysed is left out of the measures, not counted as an
    // empty test solution: alone, the measures compare the IS with itself ...
    assert_eq!(r.fit.rf_cov, 1.0);
    assert_eq!(r.fit.cases.shaky_typical + r.fit.cases.shaky_deviant, 0);
    // ... and next to a usable test the measures are those of the usable test alone
    let tests = |v: &[&str]| -> Vec<(String, Vec<Change>)> {
        v.iter()
            .map(|t| (t.to_string(), Change::parse_list(t).unwrap()))
            .collect()
    };
    let both = robustness(
        &ds,
        "HL",
        Some(&conds),
        &payf_is(),
        &tests(&["incl-cut=1;n-cut=40", "n-cut=1"]),
    )
    .unwrap();
    let alone = robustness(&ds, "HL", Some(&conds), &payf_is(), &tests(&["n-cut=1"])).unwrap();
    assert_eq!(both.fit, alone.fit);
    let none = robustness(&ds, "HL", Some(&conds), &payf_is(), &[]).unwrap();
    assert_ne!(
        alone.fit, none.fit,
        "n-cut=1 must change something for this check to bite"
    );
    // the initial solution itself failing is an error
    let mut bad = payf_is();
    bad.truth_table.n_cut = 40;
    assert!(robustness(&ds, "HL", Some(&conds), &bad, &[]).is_err());
}

#[test]
fn lipset_fuzzy_configuration_chart() {
    let ds = dataset("LF.csv");
    let mut s = Specification::default();
    s.truth_table.incl_cut1 = 0.8;
    s.minimize.include_remainders = true;
    s.minimize.dir_exp = Some("DEV,URB,LIT,IND,STB".into());
    let c = chart_of(&ds, "SURV", None, &s).unwrap();
    assert_eq!(c.paths.len(), 2);
    assert_eq!(c.paths[0].core, vec!["URB", "STB"]);
    assert_eq!(c.paths[1].core, vec!["DEV", "~IND"]);
    let idx = |n: &str| c.conditions.iter().position(|x| x == n).unwrap();
    assert_eq!(c.paths[1].cells[idx("IND")], ChartCell::CoreAbsent);
    assert_eq!(c.paths[0].cells[idx("DEV")], ChartCell::PeripheralPresent);
    assert_eq!(c.paths[0].cells[idx("IND")], ChartCell::DontCare);
    assert!(c.paths.iter().all(|p| p.cov_u.is_some() && p.incl_s > 0.8));
}

fn grid_json(threads: usize, grid: &Grid) -> String {
    let ds = lr_dataset();
    let conds = lr_conditions();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let sh = run_grid(&ds, "SURV", Some(&conds), &lr_spec(), grid, None, &|| {}).unwrap();
        let sum = summarize_grid(&sh);
        format!(
            "{}\n{}",
            serde_json::to_string(&sh).unwrap(),
            serde_json::to_string(&sum).unwrap()
        )
    })
}

#[test]
fn grid_is_byte_identical_with_one_and_two_threads() {
    let grid: Grid = "anchors:DEV.c=25x1;incl-cut=0.75,0.8,0.85;n-cut=1,2;cases=loo"
        .parse()
        .unwrap();
    let one = grid_json(1, &grid);
    let two = grid_json(2, &grid);
    assert_eq!(one, two);
    assert!(one.len() > 1000);
    let ds = lr_dataset();
    assert_eq!(grid_size(&ds, &lr_spec(), &grid).unwrap(), 3 * 3 * 2 * 18);
}

#[test]
fn three_shards_merge_into_the_unsharded_run() {
    let ds = lr_dataset();
    let conds = lr_conditions();
    let grid: Grid = "incl-cut=0.7:0.9:0.05;n-cut=1,2;cases=random:5:15:42"
        .parse()
        .unwrap();
    let spec = lr_spec();
    let whole = run_grid(&ds, "SURV", Some(&conds), &spec, &grid, None, &|| {}).unwrap();
    assert_eq!(whole.total, 5 * 2 * 5);
    let mut shards = Vec::new();
    for i in [3, 1, 2] {
        let r = shard_range(whole.total, i, 3).unwrap();
        shards.push(run_grid(&ds, "SURV", Some(&conds), &spec, &grid, Some(r), &|| {}).unwrap());
    }
    // shards survive a JSON round trip (as files between cluster jobs)
    let shards: Vec<GridShard> = shards
        .iter()
        .map(|s| serde_json::from_str(&serde_json::to_string(s).unwrap()).unwrap())
        .collect();
    let merged = merge_shards(shards.clone()).unwrap();
    assert_eq!(merged, whole);
    assert_eq!(
        serde_json::to_string(&summarize_grid(&merged)).unwrap(),
        serde_json::to_string(&summarize_grid(&whole)).unwrap()
    );
    // a missing shard is an error
    assert!(merge_shards(shards[..2].to_vec()).is_err());
}

#[test]
fn grid_summary_counts_paths_and_equal_solutions() {
    let ds = dataset("PAYF.csv");
    let conds = payf_conditions();
    let grid: Grid = "incl-cut=0.70,0.80,0.87,0.90;n-cut=1,2,3".parse().unwrap();
    let sh = run_grid(&ds, "HL", Some(&conds), &payf_is(), &grid, None, &|| {}).unwrap();
    let s = summarize_grid(&sh);
    assert_eq!(s.specifications, 12);
    let equal = sh
        .items
        .iter()
        .filter(|t| t.expression.as_deref() == Some("GG*AH + HE*~GG*HI*HW"))
        .count();
    assert!(equal >= 1);
    // shares are over the specifications that could be analysed; the others are listed
    assert_eq!(s.solved + s.no_solution + s.invalid, 12);
    assert_eq!(s.excluded.len(), s.no_solution + s.invalid);
    assert!(s.excluded.iter().all(|e| !e.reason.is_empty()
        && sh.items[e.position - 1].label == e.specification
        && !sh.items[e.position - 1].usable()));
    assert!(close(s.share_equal_is, equal as f64 / s.solved as f64));
    let p = &s.path_stability[0];
    assert_eq!(p.path, "GG*AH");
    assert!(p.in_is && p.count >= equal);
    assert_eq!(p.conditions.len(), 2);
    assert!(p.conditions.iter().all(|(_, v)| *v >= p.share - TOL));
    let total: usize = s.distinct_solutions.iter().map(|d| d.count).sum();
    assert_eq!(total, s.solved);
}

#[test]
fn grid_and_test_syntax_errors_name_the_item() {
    let e = "incl-cut=0.7;bogus=1"
        .parse::<Grid>()
        .unwrap_err()
        .to_string();
    assert!(e.contains("bogus"), "{e}");
    let e = Change::parse_list("n-cut=0").unwrap_err().to_string();
    assert!(e.contains("n-cut"), "{e}");
    let e = "anchors:DEV=10".parse::<Grid>().unwrap_err().to_string();
    assert!(e.contains("STEPxK"), "{e}");
    let ds = dataset("PAYF.csv");
    let g: Grid = "anchors:HE=0.1x1".parse().unwrap();
    let e = grid_size(&ds, &payf_is(), &g).unwrap_err().to_string();
    assert!(e.contains("not recalibrated"), "{e}");
}

proptest! {
    #[test]
    fn measures_are_bounded_and_identity_is_fully_robust(
        v in proptest::collection::vec((0.0f64..1.0, 0.0f64..1.0, 0.0f64..1.0), 2..30)
    ) {
        let is: Vec<f64> = v.iter().map(|x| x.0).collect();
        let ts: Vec<f64> = v.iter().map(|x| x.1).collect();
        let y: Vec<f64> = v.iter().map(|x| x.2).collect();
        let cases: Vec<String> = (0..v.len()).map(|i| i.to_string()).collect();
        let f = robustness_fit(&cases, &is, std::slice::from_ref(&ts), &y);
        if f.is_fit.cov > 0.0 {
            prop_assert!(f.rf_cov <= 1.0 + 1e-12);
        }
        prop_assert!(f.rf_sc_min_ts <= 1.0 + 1e-12 && f.rf_sc_max_ts <= 1.0 + 1e-12);
        prop_assert!(f.rf_sc_min_ts >= 0.0 || f.rf_sc_min_ts.is_nan());
        prop_assert!((1..=4).contains(&f.rcc_rank));
        let same = robustness_fit(&cases, &is, std::slice::from_ref(&is), &y);
        prop_assert_eq!(same.rcc_rank, 1);
        prop_assert_eq!(same.cases.shaky_typical + same.cases.possible_typical, 0);
        if same.is_fit.cov > 0.0 {
            prop_assert!((same.rf_cov - 1.0).abs() < 1e-12);
        }
    }
}

#[test]
fn necessity_verdicts_across_a_grid() {
    // Leave-one-out on the Lipset fuzzy data: each specification's necessity verdicts must be
    // those of necessity_table() on the data without that case.
    let ds = dataset("LF.csv");
    let spec = Specification {
        minimize: MinimizeConfig {
            include_remainders: true,
            ..Default::default()
        },
        truth_table: TruthTableConfig {
            incl_cut1: 0.8,
            ..Default::default()
        },
        ..Default::default()
    };
    let grid: Grid = "cases=loo".parse().unwrap();
    let shard = run_grid(&ds, "SURV", None, &spec, &grid, None, &|| {}).unwrap();
    let summary = summarize_grid(&shard);
    let mut expected: Vec<(String, usize)> = Vec::new();
    for drop in 0..ds.n_cases() {
        let rows: Vec<usize> = (0..ds.n_cases()).filter(|&r| r != drop).collect();
        let d = QcaData::new(&ds.select_rows(&rows), "SURV", None).unwrap();
        for r in necessity_table(&d) {
            if r.incl_n.unwrap() + 1.49e-8 > NECESSITY_CUT {
                match expected.iter_mut().find(|(t, _)| *t == r.term) {
                    Some(e) => e.1 += 1,
                    None => expected.push((r.term.clone(), 1)),
                }
            }
        }
    }
    assert!(!expected.is_empty());
    for (term, count) in &expected {
        let got = summary
            .necessity_stability
            .iter()
            .find(|n| &n.term == term)
            .unwrap();
        assert_eq!(got.count, *count, "{term}");
        assert!((got.share - *count as f64 / shard.items.len() as f64).abs() < 1e-12);
    }
    assert_eq!(summary.necessity_stability.len(), expected.len());
}

/// Shards of the PAYF grid over `ds` with `conds`.
fn payf_shard(ds: &Dataset, conds: &[String], spec: &Specification, i: usize) -> GridShard {
    let grid: Grid = "incl-cut=0.80,0.87,0.90;n-cut=1,2".parse().unwrap();
    let total = grid_size(ds, spec, &grid).unwrap();
    let r = shard_range(total, i, 2).unwrap();
    run_grid(ds, "HL", Some(conds), spec, &grid, Some(r), &|| {}).unwrap()
}

#[test]
fn merge_refuses_shards_of_other_data_condition_order_or_options() {
    let ds = dataset("PAYF.csv");
    let conds = payf_conditions();
    let spec = payf_is();
    let one = payf_shard(&ds, &conds, &spec, 1);
    let two = payf_shard(&ds, &conds, &spec, 2);
    assert_eq!(
        merge_shards(vec![two.clone(), one.clone()])
            .unwrap()
            .items
            .len(),
        6
    );
    // the same data read from another file (another source name) still merges
    let renamed = Dataset::new("copy.csv", ds.cases().to_vec(), ds.columns().to_vec()).unwrap();
    let two_renamed = payf_shard(&renamed, &conds, &spec, 2);
    assert_eq!(two_renamed.provenance, two.provenance);
    // other data: one membership changed in the last case, far from any cut-off decision
    let mut cols = ds.columns().to_vec();
    let hw = cols.iter().position(|c| c.name == "HW").unwrap();
    let last = cols[hw].cells.len() - 1;
    let Cell::Number(v) = cols[hw].cells[last] else {
        panic!("HW is numeric")
    };
    cols[hw].cells[last] = Cell::Number(if v > 0.5 { v - 0.01 } else { v + 0.01 });
    let other = Dataset::new("PAYF.csv", ds.cases().to_vec(), cols).unwrap();
    let e = merge_shards(vec![one.clone(), payf_shard(&other, &conds, &spec, 2)])
        .unwrap_err()
        .to_string();
    assert!(e.contains("other data"), "{e}");
    // another condition order
    let mut rev = conds.clone();
    rev.reverse();
    let e = merge_shards(vec![one.clone(), payf_shard(&ds, &rev, &spec, 2)])
        .unwrap_err()
        .to_string();
    assert!(e.contains("condition order"), "{e}");
    // other options (the initial PRI cut-off)
    let mut spec2 = spec.clone();
    spec2.truth_table.pri_cut = 0.01;
    let e = merge_shards(vec![one, payf_shard(&ds, &conds, &spec2, 2)])
        .unwrap_err()
        .to_string();
    assert!(e.contains("other options"), "{e}");
}

#[test]
fn random_subsets_are_seeded_distinct_and_of_the_asked_size() {
    let ds = lr_dataset();
    let conds = lr_conditions();
    let grid: Grid = "cases=random:40:12:7".parse().unwrap();
    let a = run_grid(&ds, "SURV", Some(&conds), &lr_spec(), &grid, None, &|| {}).unwrap();
    let b = run_grid(&ds, "SURV", Some(&conds), &lr_spec(), &grid, None, &|| {}).unwrap();
    assert_eq!(a, b);
    let spec0 = lr_spec();
    let subsets = case_subsets(&ds, &spec0, &grid).unwrap();
    assert_eq!(subsets.len(), 40);
    let mut seen = std::collections::BTreeSet::new();
    let mut hits = vec![0usize; ds.n_cases()];
    for rows in subsets {
        let rows = rows.unwrap();
        assert_eq!(rows.len(), 12);
        assert!(rows.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
        for &r in &rows {
            hits[r] += 1;
        }
        seen.insert(rows);
    }
    // 40 draws of 12 of 18 cases: (almost surely) many distinct subsets, every case drawn
    assert!(seen.len() > 30);
    assert!(hits.iter().all(|&h| h > 0));
    // another seed, other subsets
    let g2: Grid = "cases=random:40:12:8".parse().unwrap();
    assert_ne!(
        case_subsets(&ds, &spec0, &g2).unwrap(),
        case_subsets(&ds, &spec0, &grid).unwrap()
    );
}

#[test]
fn pri_cut_is_a_grid_dimension() {
    let ds = dataset("PAYF.csv");
    let conds = payf_conditions();
    let grid: Grid = "incl-cut=0.8,0.87;pri-cut=0.5,0.7;n-cut=1,2"
        .parse()
        .unwrap();
    assert_eq!(grid.pri_cuts, vec![0.5, 0.7]);
    let sh = run_grid(&ds, "HL", Some(&conds), &payf_is(), &grid, None, &|| {}).unwrap();
    assert_eq!(sh.total, 8);
    assert_eq!(sh.items[3].label, "incl-cut=0.8; pri-cut=0.7; n-cut=2");
    // each grid point is the --test of the same changes
    for t in &sh.items {
        let changes: Vec<Change> = Change::parse_list(&t.label).unwrap();
        let r = robustness(
            &ds,
            "HL",
            Some(&conds),
            &payf_is(),
            &[(t.label.clone(), changes)],
        )
        .unwrap();
        assert_eq!(r.tests[0].expression, t.expression, "{}", t.label);
        assert_eq!(r.tests[0].status, t.status, "{}", t.label);
    }
}
