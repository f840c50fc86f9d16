//! Golden tests: R QCA 3.25's outputs for its bundled datasets (tests/fixtures/qca).

use fiscus_qca::*;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/qca")
}

fn load(name: &str) -> Value {
    let p = fixtures().join(name);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

fn dataset(name: &str) -> fiscus_data::Dataset {
    let p = fixtures().join("datasets").join(format!("{name}.csv"));
    let bytes = std::fs::read(&p).unwrap();
    fiscus_io::read_table(&bytes, &p.display().to_string(), &Default::default()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * b.abs().max(1.0) || (a.is_nan() && b.is_nan())
}

/// A JSON value that R may have written as a string (one item) or an array.
fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
        _ => vec![],
    }
}

fn ids(v: &Value) -> Vec<u64> {
    match v {
        Value::Array(a) => a.iter().map(|x| x.as_u64().unwrap()).collect(),
        Value::Number(n) => vec![n.as_u64().unwrap()],
        _ => vec![],
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn check_models(ctx: &str, got: &[Model], exp: &Value) {
    let exp = exp.as_array().unwrap();
    assert_eq!(got.len(), exp.len(), "{ctx}: number of models");
    for (g, e) in got.iter().zip(exp) {
        let mut gt = g.terms.clone();
        let mut et = strings(&e["terms"]);
        gt.sort();
        et.sort();
        assert_eq!(gt, et, "{ctx} {}: terms", g.name);
        for (k, gv) in [("inclS", g.incl_s), ("PRI", g.pri), ("covS", g.cov_s)] {
            assert!(
                close(gv, num(&e[k])),
                "{ctx} {}: {k} {gv} vs {}",
                g.name,
                e[k]
            );
        }
        for et in e["terms_fit"].as_array().unwrap() {
            let name = et["term"].as_str().unwrap();
            let gt = g.terms_fit.iter().find(|t| t.term == name).unwrap();
            for (k, gv) in [("inclS", gt.incl_s), ("PRI", gt.pri), ("covS", gt.cov_s)] {
                assert!(close(gv.unwrap(), num(&et[k])), "{ctx} {name}: {k}");
            }
            // R's cases column: the cases of each covered positive row, rows split by `;`.
            if let Some(ec) = et["cases"].as_str() {
                let want: Vec<&str> = ec
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                let got = gt.cases.as_deref().unwrap_or_default();
                assert_eq!(got, want.as_slice(), "{ctx} {name}: cases");
            }
            match (gt.cov_u.flatten(), et["covU"].as_f64()) {
                (Some(a), Some(b)) => assert!(close(a, b), "{ctx} {name}: covU {a} vs {b}"),
                (None, None) => {}
                (a, b) => panic!("{ctx} {name}: covU {a:?} vs {b:?}"),
            }
        }
    }
}

fn analysis(file: &str) {
    let d = load(file);
    let tt_ref = &d["truth_table"];
    let ds = dataset(d["dataset"].as_str().unwrap());
    let mut outcome = tt_ref["outcome"].as_str().unwrap().to_string();
    let call = tt_ref["r_call"].as_str().unwrap();
    if call.contains("outcome = \"~") {
        outcome = format!("~{outcome}");
    }
    let conds: Vec<String> = strings(&tt_ref["conditions"]);
    let o = &tt_ref["options"];
    let cuts: Vec<f64> = match &o["incl.cut"] {
        Value::Array(a) => a.iter().map(num).collect(),
        v => vec![num(v)],
    };
    let cfg = TruthTableConfig {
        incl_cut1: cuts[0],
        incl_cut0: cuts.get(1).copied(),
        n_cut: o["n.cut"].as_u64().unwrap() as usize,
        pri_cut: num(&o["pri.cut"]),
        exclude: vec![],
        inf_test: None,
    };
    let data = QcaData::new(&ds, &outcome, Some(&conds)).unwrap();
    let tt = truth_table(data.clone(), &cfg).unwrap();
    let exp_rows = tt_ref["observed_rows"].as_array().unwrap();
    assert_eq!(tt.rows.len(), exp_rows.len(), "{file}: observed rows");
    for (g, e) in tt.rows.iter().zip(exp_rows) {
        assert_eq!(g.row, e["row"].as_u64().unwrap(), "{file}");
        assert_eq!(
            g.out.as_str(),
            e["OUT"].as_str().unwrap(),
            "{file} row {}",
            g.row
        );
        assert_eq!(g.n as u64, e["n"].as_u64().unwrap(), "{file} row {}", g.row);
        assert!(close(g.incl, num(&e["incl"])), "{file} row {} incl", g.row);
        assert!(close(g.pri, num(&e["PRI"])), "{file} row {} PRI", g.row);
        let mut gc: Vec<String> = g.cases.iter().map(|&i| tt.data.cases[i].clone()).collect();
        let mut ec = strings(&e["cases"]);
        gc.sort();
        ec.sort();
        assert_eq!(gc, ec, "{file} row {} cases", g.row);
    }
    let want_rem = ids(&tt_ref["remainder_rows"]);
    if !want_rem.is_empty() {
        assert_eq!(
            tt.remainder_rows(1 << 20).unwrap(),
            want_rem,
            "{file}: remainders"
        );
    }
    for (name, m) in d["minimize"].as_object().unwrap() {
        let call = m["r_call"].as_str().unwrap();
        if m.get("error").is_some() || call.contains("truthTable(") {
            continue;
        }
        let mut mc = MinimizeConfig::default();
        if call.contains("include = \"?") {
            mc.include_remainders = true;
        }
        if let Some(i) = call.find("dir.exp = \"") {
            let rest = &call[i + 11..];
            mc.dir_exp = Some(rest[..rest.find('"').unwrap()].to_string());
        }
        mc.row_dom = call.contains("row.dom = TRUE");
        mc.all_sol = call.contains("all.sol = TRUE");
        let got = minimize(&tt, &mc).unwrap();
        let ctx = format!("{file} {name}");
        check_models(&ctx, &got.main.models, &m["models"]);
        if let Some(pis) = m.get("prime_implicants") {
            if mc.include_remainders {
                assert_eq!(
                    got.main.prime_implicants,
                    strings(pis),
                    "{ctx}: PIs in R's order"
                );
            } else {
                // R's QMC lists conservative PIs in its own merge order; compare as sets.
                let mut g = got.main.prime_implicants.clone();
                let mut e = strings(pis);
                g.sort();
                e.sort();
                assert_eq!(g, e, "{ctx}: PIs");
            }
        }
        if let Some(ess) = m.get("essential") {
            let mut g = got.main.essential.clone();
            let mut e = strings(ess);
            g.sort();
            e.sort();
            assert_eq!(g, e, "{ctx}: essential");
        }
        if let (Some(sa), Some(gsa)) = (
            m.get("simplifying_assumptions"),
            &got.simplifying_assumptions,
        ) {
            for (i, model) in got.main.models.iter().enumerate() {
                if let Some(v) = sa.get(&model.name) {
                    assert_eq!(gsa[i], ids(v), "{ctx}: SA of {}", model.name);
                }
            }
        }
        if let Some(inter) = m.get("intermediate").and_then(Value::as_array) {
            let gi = got.intermediate.as_ref().unwrap();
            assert_eq!(gi.len(), inter.len(), "{ctx}: C×P pairs");
            for (g, e) in gi.iter().zip(inter) {
                assert_eq!(g.name, e["name"].as_str().unwrap());
                check_models(&format!("{ctx} {}", g.name), &g.models, &e["models"]);
                assert_eq!(
                    g.easy_counterfactuals,
                    ids(&e["easy_counterfactuals"]),
                    "{ctx} {} EC",
                    g.name
                );
                assert_eq!(
                    g.difficult_counterfactuals,
                    ids(&e["difficult_counterfactuals"]),
                    "{ctx} {} DC",
                    g.name
                );
            }
        }
    }
    if let Some(rows) = d["necessity"]["rows"].as_array() {
        let nec = necessity_table(&data);
        for e in rows {
            let term = e
                .get("condition")
                .or(e.get("term"))
                .and_then(Value::as_str)
                .unwrap();
            let g = nec
                .iter()
                .find(|r| r.term == term)
                .unwrap_or_else(|| panic!("{file}: {term}"));
            for (k, gv) in [("inclN", g.incl_n), ("RoN", g.ron), ("covN", g.cov_n)] {
                assert!(
                    close(gv.unwrap(), num(&e[k])),
                    "{file} necessity {term} {k}"
                );
            }
        }
    }
}

#[test]
fn lipset_crisp() {
    analysis("A01_LC_crisp.json");
}

#[test]
fn lipset_fuzzy() {
    analysis("A02_LF_fuzzy.json");
}

#[test]
fn lipset_multivalue() {
    analysis("A04_LM_multivalue.json");
}

#[test]
fn cebotari_vink_model_ambiguity() {
    analysis("A05_CVF_ambiguity.json");
}

#[test]
fn emmenegger_four_models() {
    analysis("A07_Emme_4models.json");
}

#[test]
fn transport_779_models() {
    analysis("A11_transport_9conds.json");
}

#[test]
fn pof_sufficiency_and_necessity() {
    let d = load("S01_sufficiency_pof.json");
    for (key, v) in d.as_object().unwrap() {
        let Some(call) = v.get("r_call").and_then(Value::as_str) else {
            continue;
        };
        let binom = call.contains("inf.test = \"binom");
        let quoted: Vec<&str> = call.split('"').skip(1).step_by(2).collect();
        let mut expr = quoted[0].to_string();
        let outcome;
        if let Some((l, r)) = quoted[0].split_once("->") {
            expr = l.trim().to_string();
            outcome = r.trim().to_string();
        } else {
            outcome = quoted[1].to_string();
        }
        let data_name = call
            .split("data = ")
            .nth(1)
            .unwrap()
            .split([',', ')'])
            .next()
            .unwrap();
        let relation = if call.contains("\"necessity\"") {
            Relation::Necessity
        } else {
            Relation::Sufficiency
        };
        let ds = dataset(data_name);
        let names = sop_names(&expr);
        let qd = QcaData::new(&ds, &outcome, Some(&names)).unwrap();
        let rows = if binom {
            let cuts: Vec<f64> = call
                .split("incl.cut = c(")
                .nth(1)
                .unwrap()
                .split(')')
                .next()
                .unwrap()
                .split(',')
                .map(|c| c.trim().parse().unwrap())
                .collect();
            pof_binom(
                &expr,
                &qd.conditions,
                &qd.outcome.values,
                &qd.outcome.label,
                cuts[0],
                cuts.get(1).copied(),
            )
            .unwrap()
        } else {
            pof(&expr, &qd.conditions, &qd.outcome.values, relation).unwrap()
        };
        let exp = v["rows"].as_array().unwrap();
        assert_eq!(rows.len(), exp.len(), "{key}");
        for (g, e) in rows.iter().zip(exp) {
            assert_eq!(
                g.term.replace(' ', ""),
                e["term"].as_str().unwrap().replace(' ', ""),
                "{key}"
            );
            let pairs = match relation {
                Relation::Sufficiency => {
                    vec![("inclS", g.incl_s), ("PRI", g.pri), ("covS", g.cov_s)]
                }
                Relation::Necessity => vec![("inclN", g.incl_n), ("RoN", g.ron), ("covN", g.cov_n)],
            };
            for (k, gv) in pairs {
                assert!(close(gv.unwrap(), num(&e[k])), "{key} {} {k}", g.term);
            }
            if binom {
                for (k, gv) in [("pval1", g.pval1), ("pval0", g.pval0)] {
                    assert!(close(gv.unwrap(), num(&e[k])), "{key} {} {k}", g.term);
                }
            }
            if relation == Relation::Sufficiency {
                match (g.cov_u.flatten(), e["covU"].as_f64()) {
                    (Some(a), Some(b)) => assert!(close(a, b), "{key} covU"),
                    (None, None) => {}
                    (a, b) => panic!("{key} {}: covU {a:?} vs {b:?}", g.term),
                }
            }
        }
    }
}

#[test]
fn find_rows_and_esa() {
    let d = load("U01_findRows_ESA.json");
    let tt_of = |name: &str, outcome: &str, cut: f64| {
        let qd = QcaData::new(&dataset(name), outcome, None).unwrap();
        truth_table(
            qd,
            &TruthTableConfig {
                incl_cut1: cut,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let lf = tt_of("LF", "SURV", 0.8);
    let cvf = tt_of("CVF", "PROTEST", 0.85);
    let rows = |k: &str| ids(&d[k]["rows"]);
    assert_eq!(
        find_rows(&lf, &[1], Some("DEV*~IND"), false).unwrap(),
        rows("LF_subsets_expr")
    );
    assert_eq!(
        find_rows(&lf, &[1], Some("DEV*~IND"), true).unwrap(),
        rows("LF_subsets_expr_observed")
    );
    assert_eq!(find_rows(&lf, &[2], None, false).unwrap(), rows("LF_CSA"));
    assert_eq!(find_rows(&lf, &[3], None, false).unwrap(), rows("LF_SSR"));
    assert_eq!(
        find_rows(&lf, &[0], Some("DEV*~IND"), false).unwrap(),
        rows("LF_all")
    );
    assert_eq!(find_rows(&cvf, &[2], None, false).unwrap(), rows("CVF_CSA"));
    assert_eq!(
        find_rows(&cvf, &[2, 3], None, false).unwrap(),
        rows("CVF_types_2_3")
    );
    // ESA: exclude the contradictory simplifying assumptions, then minimise.
    let mut cfg = cvf.config.clone();
    cfg.exclude = rows("CVF_CSA");
    let esa = truth_table(cvf.data.clone(), &cfg).unwrap();
    let pars = MinimizeConfig {
        include_remainders: true,
        ..Default::default()
    };
    let m = minimize(&esa, &pars).unwrap();
    let got: Vec<String> = m.main.models.iter().map(|m| m.expression.clone()).collect();
    assert_eq!(got, strings(&d["CVF_ESA_parsimonious"]["models"]));
    // Simplifying assumptions of the outcome and of its negation.
    let pos = minimize(&lf, &pars).unwrap();
    assert_eq!(
        pos.simplifying_assumptions.unwrap()[0],
        ids(&d["LF_SA_pos_vs_neg"]["SA_positive"]["M1"])
    );
    let negm = minimize(&tt_of("LF", "~SURV", 0.8), &pars).unwrap();
    assert_eq!(
        negm.simplifying_assumptions.unwrap()[0],
        ids(&d["LF_SA_pos_vs_neg"]["SA_negative"]["M1"])
    );
}
