//! R admisc/QCA Boolean helpers against tests/fixtures/qca/B01_boolean_helpers.json
//! (QCA 3.25, admisc 0.39.1). Each test names the block it reproduces; the arguments are
//! those of the block's recorded `r_call`.

use fiscus_qca::*;
use proptest::prelude::*;
use serde_json::Value;

const TOL: f64 = 1e-9;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/qca")
}

fn block(name: &str) -> Value {
    let p = fixtures().join("B01_boolean_helpers.json");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    v[name]["result"].clone()
}

fn dataset(name: &str) -> fiscus_data::Dataset {
    let p = fixtures().join("datasets").join(format!("{name}.csv"));
    let bytes = std::fs::read(&p).unwrap();
    fiscus_io::read_table(&bytes, &p.display().to_string(), &Default::default()).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn assert_close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= TOL * w.abs().max(1.0),
            "case {}: {g} vs {w}",
            i + 1
        );
    }
}

fn space(names: &str, levels: &[u32]) -> BooleanSpace {
    let names: Vec<String> = names.split(',').map(|s| s.trim().to_string()).collect();
    BooleanSpace::new(names, levels.to_vec()).unwrap()
}

#[test]
fn negate_1_infers_sorted_snames() {
    let s = BooleanSpace::from_expression("DEV*~IND + URB*STB").unwrap();
    assert_eq!(s.names, vec!["DEV", "IND", "STB", "URB"]);
    let n = negate(&s, "DEV*~IND + URB*STB").unwrap();
    assert_eq!(n.models, vec![block("negate_1").as_str().unwrap()]);
}

#[test]
fn negate_2() {
    let n = negate(&space("A, B, C", &[2, 2, 2]), "A*B + ~C").unwrap();
    assert_eq!(n.models, vec![block("negate_2").as_str().unwrap()]);
}

/// `negate_mv_SUSPECT`: R recorded `~DEV + ~STB`, which treats DEV as binary. With
/// noflevels 3,2,2,2,2, NOT(DEV=2 OR (DEV=1 AND STB=1)) holds exactly for DEV=0 (any STB) and
/// for DEV=1 with STB=0, i.e. `DEV[0] + DEV[1]*STB[0]`; `~DEV + ~STB` would wrongly include
/// DEV=2 with STB=0 (a configuration of the original expression).
#[test]
fn negate_mv_suspect_is_documented_not_matched() {
    let s = space("DEV, URB, LIT, IND, STB", &[3, 2, 2, 2, 2]);
    let expr = "DEV[2] + DEV[1]*STB[1]";
    let n = negate(&s, expr).unwrap();
    assert_eq!(n.models, vec!["DEV[0] + DEV[1]*STB[0]"]);
    assert_ne!(n.expression(), block("negate_mv_SUSPECT").as_str().unwrap());
    // The negation partitions the space with the original expression.
    let on = minterms(&s, expr).unwrap();
    let neg = minterms(&s, n.expression()).unwrap();
    assert_eq!(on.len() + neg.len(), 48);
    assert!(on.iter().all(|r| !neg.contains(r)));
    // R's recorded value overlaps the original expression (DEV[2]*STB[0] is in both).
    let r_value = minterms(&s, "DEV[0] + STB[0]").unwrap();
    assert!(on.iter().any(|r| r_value.contains(r)));
}

#[test]
fn simplify_1() {
    let s = simplify(&space("A, B, C", &[2, 2, 2]), "A*B + A*~B + ~A*C").unwrap();
    assert_eq!(s.models, vec![block("simplify_1").as_str().unwrap()]);
}

#[test]
fn simplify_2() {
    let s = simplify(
        &space("DEV, URB, LIT, IND, STB", &[2; 5]),
        "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB + DEV*URB*LIT*~IND*STB",
    )
    .unwrap();
    assert_eq!(s.models, vec![block("simplify_2").as_str().unwrap()]);
}

/// `factorize_1`: R's `unclass(factorize("~A*B*C + ~A*B*D + A*C*E"))`, every alternative in
/// admisc's order.
#[test]
fn factorize_1() {
    let b = block("factorize_1");
    let (input, want) = b.as_object().unwrap().iter().next().unwrap();
    let want: Vec<String> = want
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(factorize(input, &[]).unwrap(), want);
}

#[test]
fn factorize_disjoint_groups_and_nesting() {
    assert_eq!(
        factorize("A*B + A*C + D*E + D*F", &[]).unwrap(),
        vec!["A*(B + C) + D*(E + F)"]
    );
    assert_eq!(
        factorize("A*B*C + A*B*D + A*E", &[]).unwrap(),
        vec!["A*(B*(C + D) + E)", "A*B*(C + D) + A*E"]
    );
    // A term equal to a factor absorbs the others: nothing to factor.
    assert_eq!(factorize("A + A*B", &[]).unwrap(), vec!["A + A*B"]);
    assert!(factorize("A*(B + C)", &[]).is_err());
    // Not a literal, an unknown name in the order, and too many forms are errors.
    let e = factorize("A*B + A*C + ~", &[]).unwrap_err().to_string();
    assert!(e.contains("`~` in term `~` is not a literal"), "{e}");
    let e = factorize("A*B + A*C", &["X".to_string()])
        .unwrap_err()
        .to_string();
    assert!(e.contains("`X`"), "{e}");
    let names = ["A", "B", "C", "D", "E", "F", "G", "H"];
    let mut terms = Vec::new();
    for i in 0..8 {
        for j in i + 1..8 {
            for k in j + 1..8 {
                terms.push(format!("{}*{}*{}", names[i], names[j], names[k]));
            }
        }
    }
    let big = terms[..45].join(" + ");
    let e = factorize(&big, &[]).unwrap_err().to_string();
    assert!(e.contains("too many common-factor forms"), "{e}");
}

#[test]
fn compute_lf() {
    let m = compute(&dataset("LF"), "DEV*~IND + URB*STB").unwrap();
    assert_close(&m, &numbers(&block("compute_LF")));
}

#[test]
fn compute_lm_multivalue() {
    let m = compute(&dataset("LM"), "DEV[2] + DEV[1]*STB[1]").unwrap();
    assert_close(&m, &numbers(&block("compute_LM_mv")));
}

#[test]
fn fuzzyand_cvf() {
    let ds = dataset("CVF");
    let col = |n: &str| ds.numeric_complete(n).unwrap();
    let not_geocon: Vec<f64> = col("GEOCON").iter().map(|x| 1.0 - x).collect();
    let m = fuzzyand(&[&col("DEMOC"), &not_geocon, &col("NATPRIDE")]).unwrap();
    assert_close(&m, &numbers(&block("fuzzyand_CVF")));
}

#[test]
fn fuzzyor_cvf() {
    let ds = dataset("CVF");
    let col = |n: &str| ds.numeric_complete(n).unwrap();
    let not_poldis: Vec<f64> = col("POLDIS").iter().map(|x| 1.0 - x).collect();
    let m = fuzzyor(&[&col("ETHFRACT"), &not_poldis]).unwrap();
    assert_close(&m, &numbers(&block("fuzzyor_CVF")));
}

fn check_translation(t: &Translation, want: &Value) {
    for (j, name) in t.names.iter().enumerate() {
        let col: Vec<String> = want[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        let got: Vec<String> = (0..t.terms.len()).map(|i| t.cell_text(i, j)).collect();
        assert_eq!(got, col, "column {name}");
    }
}

#[test]
fn translate_binary() {
    let t = translate(&space("A, B, C", &[2, 2, 2]), "A*~B + C").unwrap();
    check_translation(&t, &block("translate"));
}

#[test]
fn translate_multivalue() {
    let t = translate(&space("A, B, C", &[2, 2, 3]), "A[1]*B[0] + C[1,2]").unwrap();
    check_translation(&t, &block("translate_mv"));
    let t = translate(&space("A, B, C", &[2, 2, 3]), "~C[1]").unwrap();
    assert_eq!(t.cell_text(0, 2), "0,2");
}

#[test]
fn create_matrix_2_3() {
    let want: Vec<Vec<u32>> = block("createMatrix_2_3")
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap() as u32)
                .collect()
        })
        .collect();
    assert_eq!(create_matrix(&[2, 3]).unwrap(), want);
}

fn ids(v: &Value) -> Vec<u64> {
    match v {
        Value::Array(a) => a.iter().map(|x| x.as_u64().unwrap()).collect(),
        other => vec![other.as_u64().unwrap()],
    }
}

#[test]
fn find_subsets_block() {
    assert_eq!(
        find_subsets(&[11], &[3, 3, 3], None).unwrap(),
        ids(&block("findSubsets"))
    );
    assert_eq!(find_subsets(&[11], &[3, 3, 3], Some(15)).unwrap(), vec![14]);
}

#[test]
fn find_supersets_block() {
    assert_eq!(
        find_supersets(&[2, 2, 1], &[3, 3, 3]).unwrap(),
        ids(&block("findSupersets"))
    );
}

#[test]
fn complexity_5() {
    assert_eq!(complexity(&[2; 5]).unwrap(), ids(&block("complexity")));
}

#[test]
fn generate_block() {
    let g = generate(&space("A, B, C", &[2, 2, 2]), "A + ~B*C").unwrap();
    let want = block("generate");
    for (j, name) in g.names.iter().enumerate() {
        let col: Vec<u32> = g.configs.iter().map(|c| c[j]).collect();
        let w: Vec<u32> = ids(&want[name]).into_iter().map(|x| x as u32).collect();
        assert_eq!(col, w, "column {name}");
    }
    let out: Vec<u64> = g.out.iter().map(|&x| u64::from(x)).collect();
    assert_eq!(out, ids(&want["4"]));
}

#[test]
fn bad_input_is_an_error_naming_the_value() {
    let s = space("A, B", &[2, 2]);
    assert!(negate(&s, "A*Q").unwrap_err().to_string().contains('Q'));
    assert!(translate(&s, "A[2]").unwrap_err().to_string().contains('2'));
    assert!(find_subsets(&[99], &[3, 3], None)
        .unwrap_err()
        .to_string()
        .contains("99"));
    assert!(find_supersets(&[0], &[3, 3]).is_err());
    assert!(BooleanSpace::new(vec!["A".into(), "A".into()], vec![2, 2]).is_err());
    assert!(simplify_rows(&s, &[5])
        .unwrap_err()
        .to_string()
        .contains('5'));
    assert!(compute(&dataset("LF"), "DEV*NOPE").is_err());
    assert!(create_matrix(&[2; 30]).is_err());
}

#[test]
fn tautology_and_contradiction() {
    let s = space("A, B", &[2, 2]);
    assert_eq!(simplify(&s, "A + ~A").unwrap().models, vec!["1"]);
    assert_eq!(negate(&s, "A + ~A").unwrap().models, vec!["0"]);
    assert_eq!(negate(&s, "A*~A").unwrap().models, vec!["1"]);
}

fn arb_expr() -> impl Strategy<Value = String> {
    let lit = (0usize..4, any::<bool>())
        .prop_map(|(j, neg)| format!("{}{}", if neg { "~" } else { "" }, ["A", "B", "C", "D"][j]));
    let term = proptest::collection::vec(lit, 1..4).prop_map(|v| v.join("*"));
    proptest::collection::vec(term, 1..5).prop_map(|v| v.join(" + "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// simplify() keeps the set of configurations; negate() yields its exact complement,
    /// and negating twice returns the simplified expression.
    #[test]
    fn simplify_and_negate_are_exact(e in arb_expr()) {
        let s = space("A, B, C, D", &[2; 4]);
        let on = minterms(&s, &e).unwrap();
        let simp = simplify(&s, &e).unwrap();
        prop_assert_eq!(&simp.minterms, &on);
        for m in &simp.models {
            if m != "0" && m != "1" {
                prop_assert_eq!(&minterms(&s, m).unwrap(), &on);
            }
        }
        let neg = negate(&s, &e).unwrap();
        prop_assert_eq!(neg.minterms.len() + on.len(), 16);
        prop_assert!(neg.minterms.iter().all(|r| on.binary_search(r).is_err()));
        if neg.expression() != "0" && neg.expression() != "1" {
            let back = negate(&s, neg.expression()).unwrap();
            prop_assert_eq!(back.models, simp.models);
        }
    }
}
