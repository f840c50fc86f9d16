//! Minimisation against brute force on random crisp and multi-value truth tables: every
//! implicant of the implicant space is enumerated, the prime ones kept (with R QCA's CCubes
//! stopping rule), and every minimum cover of the positive rows listed. Fiscus's complex and
//! parsimonious solutions must have exactly these models (as sets of terms) and these PIs in
//! their PI chart (`prime_implicants` lists, as R does, only the PIs used by some model), with
//! one or two inclusion cut-offs (contradictions as negatives or, included, as don't cares)
//! and with row dominance.

use std::collections::BTreeSet;

use fiscus_data::{Column, Dataset};
use fiscus_qca::*;
use proptest::prelude::*;

/// A term as codes per condition: 0 = absent, v + 1 = value v.
type Codes = Vec<u32>;

/// Random data: `levels[j]` values per condition, each case with a crisp outcome.
fn random_tables() -> impl Strategy<Value = (Vec<u32>, Vec<(Vec<u32>, u8)>)> {
    proptest::collection::vec(prop_oneof![3 => Just(2u32), 1 => Just(3u32)], 3..=6).prop_flat_map(
        |levels| {
            let case = (levels.iter().map(|&l| 0..l).collect::<Vec<_>>(), 0u8..=1);
            (Just(levels), proptest::collection::vec(case, 4..40))
        },
    )
}

fn truth_table_of(
    levels: &[u32],
    cases: &[(Vec<u32>, u8)],
    config: &TruthTableConfig,
) -> Option<TruthTable> {
    let mut cols: Vec<Column> = (0..levels.len())
        .map(|j| {
            Column::numbers(
                format!("C{j}"),
                &cases.iter().map(|c| f64::from(c.0[j])).collect::<Vec<_>>(),
            )
        })
        .collect();
    cols.push(Column::numbers(
        "Y",
        &cases.iter().map(|c| f64::from(c.1)).collect::<Vec<_>>(),
    ));
    let ds = Dataset::new(
        "random.csv",
        (1..=cases.len()).map(|i| format!("c{i}")).collect(),
        cols,
    )
    .ok()?;
    // Conditions whose observed values do not span 0..levels would be detected with fewer
    // levels (or refused); such draws are skipped.
    let data = QcaData::new(&ds, "Y", None).ok()?;
    if data.levels() != levels {
        return None;
    }
    truth_table(data, config).ok()
}

/// Every configuration of the space.
fn configurations(levels: &[u32]) -> Vec<Vec<u32>> {
    let mut all = vec![vec![]];
    for &l in levels {
        all = all
            .into_iter()
            .flat_map(|p: Vec<u32>| {
                (0..l).map(move |v| {
                    let mut q = p.clone();
                    q.push(v);
                    q
                })
            })
            .collect();
    }
    all
}

/// Every term of the implicant space (without the empty term).
fn all_terms(levels: &[u32]) -> Vec<Codes> {
    let plus: Vec<u32> = levels.iter().map(|l| l + 1).collect();
    configurations(&plus)
        .into_iter()
        .filter(|t| t.iter().any(|&c| c > 0))
        .collect()
}

fn covers(t: &Codes, cfg: &[u32]) -> bool {
    t.iter().zip(cfg).all(|(&c, &v)| c == 0 || c == v + 1)
}

fn subsumes(general: &Codes, specific: &Codes) -> bool {
    general != specific
        && general
            .iter()
            .zip(specific)
            .all(|(&g, &s)| g == 0 || g == s)
}

/// The PIs by brute force, cut where R's CCubes stops (two consecutive levels without a new
/// PI once every positive row is covered).
fn brute_pis(levels: &[u32], pos: &[Vec<u32>], neg: &[Vec<u32>]) -> Vec<Codes> {
    let implicants: Vec<Codes> = all_terms(levels)
        .into_iter()
        .filter(|t| pos.iter().any(|p| covers(t, p)) && !neg.iter().any(|n| covers(t, n)))
        .collect();
    let primes: Vec<Codes> = implicants
        .iter()
        .filter(|t| !implicants.iter().any(|g| subsumes(g, t)))
        .cloned()
        .collect();
    let level = |t: &Codes| t.iter().filter(|&&c| c > 0).count();
    let mut kept: Vec<Codes> = Vec::new();
    let mut counter = 0;
    for c in 1..=levels.len() {
        let new: Vec<Codes> = primes.iter().filter(|t| level(t) == c).cloned().collect();
        let added = !new.is_empty();
        kept.extend(new);
        if pos.iter().all(|p| kept.iter().any(|t| covers(t, p))) {
            counter = if added { 0 } else { counter + 1 };
        }
        if counter > 1 {
            break;
        }
    }
    kept
}

/// Every cover of `pos` by a minimum number of `pis`.
fn minimum_covers(pis: &[Codes], pos: &[Vec<u32>]) -> BTreeSet<BTreeSet<Codes>> {
    for size in 1..=pis.len() {
        let mut found = BTreeSet::new();
        let mut idx: Vec<usize> = (0..size).collect();
        loop {
            if pos.iter().all(|p| idx.iter().any(|&i| covers(&pis[i], p))) {
                found.insert(idx.iter().map(|&i| pis[i].clone()).collect());
            }
            // Next combination.
            let mut k = size;
            while k > 0 && idx[k - 1] == pis.len() - size + k - 1 {
                k -= 1;
            }
            if k == 0 {
                break;
            }
            idx[k - 1] += 1;
            for m in k..size {
                idx[m] = idx[m - 1] + 1;
            }
        }
        if !found.is_empty() {
            return found;
        }
    }
    BTreeSet::new()
}

/// A term printed by Fiscus, as codes.
fn codes_of(term: &str, u: &Universe) -> Codes {
    let sop = parse_sop(u, term).unwrap();
    let mut codes = vec![0u32; u.names.len()];
    for lit in &sop.terms[0] {
        let v = match &lit.values {
            Some(vs) => {
                assert_eq!(vs.len(), 1, "{term}");
                assert!(!lit.negated, "{term}");
                vs[0]
            }
            None => u32::from(!lit.negated),
        };
        codes[lit.set] = v + 1;
    }
    codes
}

fn check(
    levels: &[u32],
    cases: &[(Vec<u32>, u8)],
    parsimonious: bool,
    row_dom: bool,
    contradictions: Option<bool>,
) -> std::result::Result<(), TestCaseError> {
    // `contradictions`: None = one cut-off (1); Some(included) = cut-offs 0.75 and 0.4, with
    // the `C` rows as don't cares (included) or as negatives.
    let tt_cfg = TruthTableConfig {
        incl_cut1: if contradictions.is_some() { 0.75 } else { 1.0 },
        incl_cut0: contradictions.map(|_| 0.4),
        ..Default::default()
    };
    let include_c = contradictions == Some(true);
    let Some(tt) = truth_table_of(levels, cases, &tt_cfg) else {
        return Ok(());
    };
    let pos: Vec<Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out == Out::One)
        .map(|r| r.config.clone())
        .collect();
    if pos.is_empty() {
        return Ok(());
    }
    let observed_neg: Vec<Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out == Out::Zero || (r.out == Out::Contradiction && !include_c))
        .map(|r| r.config.clone())
        .collect();
    let dont_care: Vec<Vec<u32>> = tt
        .rows
        .iter()
        .filter(|r| r.out == Out::Contradiction && include_c)
        .map(|r| r.config.clone())
        .collect();
    // Complex solution: remainders are negative too.
    let neg: Vec<Vec<u32>> = if parsimonious {
        observed_neg
    } else {
        configurations(levels)
            .into_iter()
            .filter(|c| !pos.contains(c) && !dont_care.contains(c))
            .collect()
    };
    let cfg = MinimizeConfig {
        include_remainders: parsimonious,
        include_contradictions: include_c,
        row_dom,
        ..Default::default()
    };
    if parsimonious && neg.is_empty() {
        // No negative row: every condition would be minimised away; R stops, and so does Fiscus.
        let e = minimize(&tt, &cfg).unwrap_err().to_string();
        prop_assert!(e.contains("every condition is minimised away"), "{}", e);
        return Ok(());
    }
    let m = minimize(&tt, &cfg).unwrap();
    // The only admissible stop on tables this small: more minimal models than `max_models`.
    let capped = m.main.models.len() >= cfg.max_models;
    prop_assert!(!m.main.truncated || capped);
    let u = tt.data.universe();
    let want_pis: BTreeSet<Codes> = brute_pis(levels, &pos, &neg).into_iter().collect();
    let got_pis: BTreeSet<Codes> = m
        .main
        .pi_chart
        .rows
        .iter()
        .map(|t| codes_of(t, &u))
        .collect();
    let rows: Vec<(Vec<u32>, Out)> = tt.rows.iter().map(|r| (r.config.clone(), r.out)).collect();
    prop_assert!(
        row_dom || got_pis == want_pis,
        "PIs {:?} of rows {:?}, brute force {:?}",
        m.main.pi_chart.rows,
        rows,
        want_pis
    );
    let mut want_pis: Vec<Codes> = want_pis.into_iter().collect();
    if row_dom {
        // Row dominance: a PI whose positive rows are a strict subset of another PI's goes.
        let cover = |t: &Codes| -> BTreeSet<usize> {
            (0..pos.len()).filter(|&i| covers(t, &pos[i])).collect()
        };
        let covs: Vec<BTreeSet<usize>> = want_pis.iter().map(cover).collect();
        let keep: Vec<bool> = (0..covs.len())
            .map(|i| {
                !(0..covs.len())
                    .any(|j| j != i && covs[i].is_subset(&covs[j]) && covs[i] != covs[j])
            })
            .collect();
        want_pis = want_pis
            .into_iter()
            .zip(keep)
            .filter_map(|(t, k)| k.then_some(t))
            .collect();
    }
    if want_pis.len() > 22 || capped {
        // The brute-force cover enumeration would take too long (the PI sets are still
        // compared above).
        return Ok(());
    }
    let want: BTreeSet<BTreeSet<Codes>> = minimum_covers(&want_pis, &pos);
    let got: BTreeSet<BTreeSet<Codes>> = m
        .main
        .models
        .iter()
        .map(|md| md.terms.iter().map(|t| codes_of(t, &u)).collect())
        .collect();
    prop_assert_eq!(got.len(), m.main.models.len(), "a model listed twice");
    prop_assert_eq!(got, want, "rows {:?}", rows);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parsimonious_models_are_all_minimum_covers((levels, cases) in random_tables()) {
        check(&levels, &cases, true, false, None)?;
    }

    #[test]
    fn parsimonious_models_with_row_dominance((levels, cases) in random_tables()) {
        check(&levels, &cases, true, true, None)?;
    }

    #[test]
    fn complex_models_are_all_minimum_covers((levels, cases) in random_tables()) {
        check(&levels, &cases, false, false, None)?;
    }

    #[test]
    fn two_cut_offs_with_contradictions_included_or_not((levels, cases) in random_tables()) {
        for inc in [false, true] {
            check(&levels, &cases, true, false, Some(inc))?;
            check(&levels, &cases, false, false, Some(inc))?;
        }
    }
}

/// Noisy crisp data large enough for the parsimonious PI search to work in several chunks of
/// positive rows: the result must not depend on the number of threads.
#[test]
fn chunked_search_is_thread_independent() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (k, n) in [(9usize, 200usize), (11, 300)] {
        let cases: Vec<(Vec<u32>, u8)> = (0..n)
            .map(|_| {
                let x: Vec<u32> = (0..k).map(|_| (next() % 2) as u32).collect();
                let rule = (x[0] == 1 && x[1] == 1) || (x[2] == 1 && x[3] == 0);
                let flip = next() % 100 < 8;
                (x, u8::from(rule != flip))
            })
            .collect();
        let levels = vec![2u32; k];
        let tt = truth_table_of(&levels, &cases, &TruthTableConfig::default()).unwrap();
        let positives = tt.rows.iter().filter(|r| r.out == Out::One).count();
        assert!(
            positives > 64,
            "{positives} positive rows: more than two chunks expected"
        );
        // A work budget of a fifth of the default (the chart's share is what a debug build
        // spends most of its time on; the point here is the chunking of the PI search).
        let cfg = MinimizeConfig {
            include_remainders: true,
            budget: Budget {
                work: 300_000_000,
                ..Budget::default()
            },
            ..Default::default()
        };
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let m = pool.install(|| minimize(&tt, &cfg)).unwrap();
            (
                m.main.pi_chart.rows.clone(),
                m.main
                    .models
                    .iter()
                    .map(|md| md.expression.clone())
                    .collect::<Vec<_>>(),
                m.main.truncated,
            )
        };
        assert_eq!(run(1), run(2), "{k} conditions, {n} cases");
    }
}
