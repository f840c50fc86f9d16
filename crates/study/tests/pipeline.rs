//! Library tests of the study pipeline: AHP forms, progress reporting, the configuration chart.

use fiscus_study::{run, run_evaluation, Progress, Study, EVALUATION_STAGES, STAGES};

const SURVEY: &[u8] = b"respondent,a1,a2,a3,b1\nr1,4,2,3,5\nr2,5,3,3,4\nr3,3,4,3,5\n";

fn evaluation(ahp: &str, dimension_a: &str) -> String {
    format!(
        "[study]\nkind = \"evaluation\"\ntitle = \"T\"\n{ahp}\n\
         [[dimension]]\nname = \"A\"\nindicators = [\"a1\", \"a2\", \"a3\"]\n{dimension_a}\n\
         [[dimension]]\nname = \"B\"\nindicators = [\"b1\"]\n\
         [questionnaire]\nfile = \"s.csv\"\n"
    )
}

fn run_eval(text: &str) -> Result<fiscus_study::EvaluationResults, fiscus_study::StudyError> {
    let study = Study::parse(text, "s.toml")?;
    run_evaluation(&study, &mut |_| Ok(SURVEY.to_vec()), &mut |_| {})
}

const PANEL: &str = "[ahp]\naggregation = \"AGG\"\n\
    [[ahp.panel]]\nexpert = \"X\"\nweight = WX\njudgments = [[1, 4], [\"1/4\", 1]]\n\
    [[ahp.panel]]\nexpert = \"Y\"\njudgments = [[1, 1], [1, 1]]\n";

fn panel(agg: &str, wx: f64) -> String {
    PANEL.replace("AGG", agg).replace("WX", &wx.to_string())
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn group_weights_follow_the_aggregation_and_the_expert_weights() {
    // The experts' priorities are (0.8, 0.2) and (0.5, 0.5).
    let r = run_eval(&evaluation(&panel("aip-arithmetic", 1.0), "")).unwrap();
    close(r.ahp.dimensions.weights[0], 0.65);
    // AIJ with weights 3:1: a12 = 4^(3/4).
    let r = run_eval(&evaluation(&panel("aij", 3.0), "")).unwrap();
    let a = 4f64.powf(0.75);
    close(r.ahp.dimensions.weights[0], a / (a + 1.0));
    let g = r.ahp.dimensions.group.as_ref().unwrap();
    close(g.experts[0].expert_weight, 0.75);
    assert_eq!(g.experts[1].expert, "Y");
    // AIP-geometric: sqrt(0.8 * 0.5) : sqrt(0.2 * 0.5) = 2 : 1.
    let r = run_eval(&evaluation(&panel("aip-geometric", 1.0), "")).unwrap();
    close(r.ahp.dimensions.weights[0], 2.0 / 3.0);
}

#[test]
fn inconsistent_experts_are_flagged_or_left_out() {
    let consistent = "[[1, 2, 4], [\"1/2\", 1, 2], [\"1/4\", \"1/2\", 1]]";
    let reversed = "[[1, 9, \"1/9\"], [\"1/9\", 1, 9], [9, \"1/9\", 1]]";
    let dim = format!(
        "[[dimension.panel]]\nexpert = \"good\"\njudgments = {consistent}\n\
         [[dimension.panel]]\nexpert = \"bad\"\njudgments = {reversed}\n"
    );
    let ahp = "[ahp]\njudgments = [[1, 1], [1, 1]]\n";
    let flagged = run_eval(&evaluation(ahp, &dim)).unwrap();
    let g = flagged.ahp.indicators[0].group.as_ref().unwrap();
    assert_eq!(g.inconsistent_experts, vec!["bad"]);
    assert!(g.experts.iter().all(|e| e.included));
    let ahp = "[ahp]\nexclude_inconsistent = true\njudgments = [[1, 1], [1, 1]]\n";
    let excluded = run_eval(&evaluation(ahp, &dim)).unwrap();
    let level = &excluded.ahp.indicators[0];
    for (w, want) in level.weights.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
        close(*w, want);
    }
    assert!(!level.group.as_ref().unwrap().experts[1].included);
}

#[test]
fn hierarchy_cr_weights_ci_and_ri_by_the_dimension_weights() {
    let ahp = "[ahp]\njudgments = [[1, 3], [\"1/3\", 1]]\n";
    let dim = "judgments = [[1, 3, 5], [\"1/3\", 1, 4], [\"1/5\", \"1/4\", 1]]\n";
    let r = run_eval(&evaluation(ahp, dim)).unwrap();
    let m = r.ahp.indicators[0].matrix.as_ref().unwrap();
    // Only dimension A (weight 0.75) has a matrix: CR_total = CI / RI = its CR.
    close(
        r.ahp.hierarchy_cr.unwrap(),
        m.consistency.ci / m.consistency.ri,
    );
    close(r.ahp.hierarchy_cr.unwrap(), m.consistency.cr);
    assert!(r.ahp.indicators[1].matrix.is_none());
    assert_eq!(r.ahp.indicators[1].form, "equal");
    // Global weights multiply down the hierarchy.
    close(r.ahp.global[0].1, 0.75 * m.weights[0]);
    close(r.ahp.global[3].1, 0.25);
}

#[test]
fn missing_judgments_are_completed() {
    let ahp = "[ahp]\njudgments = [[1, 2], [\"1/2\", 1]]\n";
    let dim = "judgments = [[1, 2, \"?\"], [\"1/2\", 1, 2], [\"\", \"1/2\", 1]]\n";
    let r = run_eval(&evaluation(ahp, dim)).unwrap();
    let m = r.ahp.indicators[0].matrix.as_ref().unwrap();
    assert_eq!(m.filled.len(), 1);
    // The consistent completion of 2 and 2 is 4: weights 4 : 2 : 1.
    close(m.weights[0], 4.0 / 7.0);
}

#[test]
fn ahp_errors_name_the_key_and_line() {
    let text = evaluation(&panel("aij", -1.0), "");
    let e = run_eval(&text).unwrap_err().to_string();
    assert!(
        e.starts_with("s.toml:8:1: key `ahp.panel[0].weight`"),
        "{e}"
    );
    let e = run_eval(&evaluation("[ahp]\naggregation = \"aij\"\n", ""))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("key `ahp`") && e.contains("[[ahp.panel]]"),
        "{e}"
    );
    let e = run_eval(&evaluation("[ahp]\njudgments = [[1, true], [1, 1]]\n", ""))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("s.toml:5:") && e.contains("ahp.judgments"),
        "{e}"
    );
    assert!(e.contains("a number or a string"), "{e}");
    let e = run_eval(&evaluation("[ahp]\njudgments = [[1, 2], [3, 1]]\n", ""))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("key `ahp.judgments`") && e.contains("reciprocal"),
        "{e}"
    );
    let e = run_eval(&evaluation(
        "[ahp]\njudgments = [[1, 2], [0.5, 1]]\n",
        "[[dimension.panel]]\njudgments = [[1, 2], [0.5, 1]]\n",
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("key `dimension[0].panel[0].judgments`") && e.contains("3 × 3"),
        "{e}"
    );
}

/// Checks a progress sequence: stages in order, each announced with 0 done and finished with
/// done = total, never going backwards.
fn check_progress(seen: &[Progress], n_stages: usize) {
    let mut k = 0;
    for (i, p) in seen.iter().enumerate() {
        assert!(p.done <= p.total && p.total >= 1, "{p:?}");
        if i == 0 || p.stage != seen[i - 1].stage {
            assert_eq!(p.stage, k, "stage order: {seen:?}");
            assert_eq!(p.done, 0, "a stage starts at 0: {p:?}");
            if i > 0 {
                assert!(
                    seen[i - 1].finished(),
                    "the previous stage finished: {seen:?}"
                );
            }
            k += 1;
        } else {
            assert!(p.done >= seen[i - 1].done, "{seen:?}");
        }
    }
    assert_eq!(k, n_stages);
    assert!(seen.last().unwrap().finished());
}

#[test]
fn evaluation_progress_reports_every_stage() {
    let text = evaluation("[ahp]\njudgments = [[1, 2], [0.5, 1]]\n", "")
        + "[delphi]\nrounds = [\"r1.csv\", \"r2.csv\"]\n";
    let study = Study::parse(&text, "s.toml").unwrap();
    let rounds = b"expert,a1,a2,a3,b1\ne1,4,3,2,5\ne2,5,3,2,4\ne3,4,2,3,5\n".to_vec();
    let mut seen = Vec::new();
    run_evaluation(
        &study,
        &mut |f| {
            Ok(if f == "s.csv" {
                SURVEY.to_vec()
            } else {
                rounds.clone()
            })
        },
        &mut |p| seen.push(p),
    )
    .unwrap();
    check_progress(&seen, EVALUATION_STAGES.len());
    // AHP: the dimension level and two dimensions; Delphi: two rounds.
    assert!(seen.iter().any(|p| p.stage == 0 && p.total == 3));
    assert!(seen
        .iter()
        .any(|p| p.stage == 1 && p.total == 2 && p.done == 1));
}

const QCA: &str = "[study]\ntitle = \"T\"\n[data]\nfile = \"d.csv\"\n[outcome]\nname = \"Y\"\n\
    [[condition]]\nname = \"A\"\n[[condition]]\nname = \"B\"\n[[condition]]\nname = \"C\"\n\
    [truth_table]\nincl_cut = 0.8\n[minimize]\ndir_exp = \"A, B, C\"\n\
    [robustness]\nincl_cuts = [0.75, 0.8, 0.9]\nn_cuts = [1, 2]\n";

const QCA_DATA: &[u8] = b"case,A,B,C,Y\n\
    a,0.9,0.8,0.2,0.9\nb,0.8,0.9,0.7,0.8\nc,0.2,0.7,0.9,0.7\nd,0.1,0.2,0.8,0.2\n\
    e,0.7,0.1,0.9,0.8\nf,0.3,0.3,0.2,0.1\ng,0.9,0.9,0.9,0.95\nh,0.2,0.8,0.1,0.3\n";

#[test]
fn configurational_progress_steps_through_the_robustness_grid() {
    let study = Study::parse(QCA, "s.toml").unwrap();
    let mut seen = Vec::new();
    run(&study, &mut |_| Ok(QCA_DATA.to_vec()), &mut |p| {
        seen.push(p)
    })
    .unwrap();
    check_progress(&seen, STAGES.len());
    // Four sets, three solutions, 3 × 2 grid settings.
    assert!(seen.iter().any(|p| p.stage == 1 && p.total == 4));
    assert!(seen.iter().any(|p| p.stage == 4 && p.total == 3));
    let grid: Vec<usize> = seen
        .iter()
        .filter(|p| p.stage == 5)
        .map(|p| p.done)
        .collect();
    assert_eq!(grid, vec![0, 1, 2, 3, 4, 5, 6]);
}

#[test]
fn the_configuration_chart_is_fiscus_qca_s() {
    use fiscus_data::Dataset;
    use fiscus_qca::{configuration_chart, minimize, truth_table, MinimizeConfig, QcaData};
    let study = Study::parse(QCA, "s.toml").unwrap();
    let r = run(&study, &mut |_| Ok(QCA_DATA.to_vec()), &mut |_| {}).unwrap();
    // The same analysis straight through fiscus-qca.
    let ds: Dataset =
        fiscus_io::read_table(QCA_DATA, "d.csv", &fiscus_io::ReadOptions::default()).unwrap();
    let qd = QcaData::new(&ds, "Y", None).unwrap();
    let tt = truth_table(qd, &r.truth_table.config).unwrap();
    let m = minimize(
        &tt,
        &MinimizeConfig {
            include_remainders: true,
            dir_exp: Some("A, B, C".into()),
            ..MinimizeConfig::default()
        },
    )
    .unwrap();
    let want = configuration_chart(&m, &tt.condition_names()).unwrap();
    let got = &r.configuration_chart;
    assert!(got.solution.starts_with("intermediate C1P1"));
    assert_eq!(got.paths.len(), want.paths.len());
    assert!(!got.paths.is_empty());
    for (g, w) in got.paths.iter().zip(&want.paths) {
        assert_eq!(g.term, w.path);
        assert_eq!(g.core, w.core);
        let cells: Vec<String> = w
            .cells
            .iter()
            .map(|c| format!("{c:?}"))
            .map(|c| {
                let mut s = String::new();
                for (i, ch) in c.chars().enumerate() {
                    if ch.is_uppercase() && i > 0 {
                        s.push('_');
                    }
                    s.push(ch.to_ascii_lowercase());
                }
                s
            })
            .collect();
        assert_eq!(g.cells, cells);
        assert_eq!(g.incl_s.to_bits(), w.incl_s.to_bits());
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            (-20i32..20).prop_map(|v| v.to_string()),
            (-5.0f64..12.0).prop_map(|v| format!("{v:?}")),
            (0u32..11, 0u32..11).prop_map(|(a, b)| format!("\"{a}/{b}\"")),
            Just("\"?\"".to_string()),
            Just("\"x\"".to_string()),
            Just("true".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_judgments_give_weights_or_a_keyed_error(
            cells in proptest::collection::vec(cell(), 9),
            n_rows in 1usize..4,
        ) {
            let rows: Vec<String> = cells
                .chunks(3)
                .take(n_rows)
                .map(|r| format!("[{}]", r.join(", ")))
                .collect();
            let dim = format!("judgments = [{}]\n", rows.join(", "));
            let text = evaluation("[ahp]\njudgments = [[1, 2], [0.5, 1]]\n", &dim);
            match run_eval(&text) {
                Ok(r) => {
                    let s: f64 = r.ahp.indicators[0].weights.iter().sum();
                    prop_assert!((s - 1.0).abs() < 1e-9);
                    prop_assert!(r.evaluation.composite.score.is_finite());
                }
                Err(e) => {
                    let e = e.to_string();
                    prop_assert!(e.starts_with("s.toml:"), "{}", e);
                    prop_assert!(e.contains("key `dimension[0].judgments"), "{}", e);
                }
            }
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = Study::parse(&text, "s.toml");
        }
    }
}

#[test]
fn grades_follow_the_conversion_and_the_custom_schemes() {
    let ahp = "[ahp]\njudgments = [[1, 1], [1, 1]]\n";
    // Means: A = (4 + 3 + 3) / 3 = 10/3 with equal weights, B = 14/3; S = 4.
    let grades = "[grades]\nconversion = \"linear\"\nschemes = [\"district\", \"five-band\"]\n\
        [[grades.scheme]]\nname = \"district\"\nbasis = \"hundred\"\n\
        bands = [{ grade = \"good\", interval = \"[75, inf)\" }, { grade = \"poor\", interval = \"(-inf, 75)\" }]\n";
    let r = run_eval(&(evaluation(ahp, "") + grades)).unwrap();
    let c = &r.evaluation.composite;
    close(c.score, 4.0);
    close(c.score_100, 75.0);
    let g: Vec<(&str, &str)> = c
        .grades
        .iter()
        .map(|g| (g.scheme.as_str(), g.grade.as_str()))
        .collect();
    assert_eq!(g, vec![("district", "good"), ("five-band", "B")]);
    assert_eq!(r.scoring.schemes.len(), 2);

    let bad = |g: &str| {
        run_eval(&(evaluation(ahp, "") + g))
            .unwrap_err()
            .to_string()
    };
    let e = bad("[grades]\nconversion = \"x100\"\n");
    assert!(e.contains("key `grades.conversion`"), "{e}");
    let e = bad("[grades]\nschemes = [\"mof\", \"nope\"]\n");
    assert!(
        e.contains("key `grades.schemes[1]`") && e.contains("`nope`"),
        "{e}"
    );
    let e = bad(
        "[grades]\n[[grades.scheme]]\nname = \"x\"\nbasis = \"raw\"\n\
         bands = [{ grade = \"a\", interval = \"[3, 4)\" }, { grade = \"b\", interval = \"[5, 6]\" }]\n",
    );
    assert!(
        e.contains("key `grades.scheme[0].bands`") && e.contains("gap"),
        "{e}"
    );
    let e = bad(
        "[grades]\n[[grades.scheme]]\nname = \"x\"\nbasis = \"raw\"\nbands = [{ grade = \"a\", interval = \"3 to 4\" }]\n",
    );
    assert!(
        e.contains("key `grades.scheme[0].bands[0].interval`"),
        "{e}"
    );
}

#[test]
fn the_documented_study_files_parse() {
    let doc = include_str!("../../../docs/study-file.md");
    let mut n = 0;
    for block in doc.split("```toml\n").skip(1) {
        let text = &block[..block.find("```").expect("closed block")];
        if !text.contains("[study]") {
            continue;
        }
        let s = Study::parse(text, "doc.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(!s.spec.study.title.is_empty());
        n += 1;
    }
    assert_eq!(n, 2, "the configurational and the evaluation example");
}
