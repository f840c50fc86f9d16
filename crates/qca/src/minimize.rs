//! Boolean minimisation of a truth table (R QCA's `minimize()`): complex, parsimonious and
//! intermediate solutions, PI charts, essential PIs, simplifying assumptions.

use serde::Serialize;

use crate::bits::{BitSet, IntSet};
use crate::budget::{Budget, Progress};
use crate::ccubes::{find_pis, sort_pis, Pi, Test};
use crate::cover::{covers_of_size, min_covers, row_dominance};
use crate::error::{QcaError, Result};
use crate::expr::{split_outside, Universe};
use crate::fit::{fit_rows, FitRow, FitSums, Relation, SufficiencyFit};
use crate::truth_table::{n_configs, row_config, row_number, Out, TruthTable};
use fiscus_data::ge_tol;

/// Options of a minimisation; the defaults are R QCA's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinimizeConfig {
    /// Use remainders as don't cares (`include = "?"`): parsimonious solution.
    pub include_remainders: bool,
    /// Use contradictions as don't cares (`include = "C"`).
    pub include_contradictions: bool,
    /// Directional expectations (`"A, ~B, C[1,2]"`); needs `include_remainders`.
    pub dir_exp: Option<String>,
    /// Drop dominated PIs before solving the chart.
    pub row_dom: bool,
    /// All irredundant models, not only the minimal ones.
    pub all_sol: bool,
    /// Stop after this many models per solution (reported as `truncated`).
    pub max_models: usize,
    /// Simplifying assumptions are listed when the models together span at most this many
    /// configurations (and derived for an intermediate solution when its model does).
    pub max_sa: u64,
    /// CNA-style PI search (R's `pi.cons`): a candidate term is kept when its sufficiency
    /// inclusion on the data is at least this, instead of when it covers no negative row
    /// (0 = off). Needs `include_remainders` (an error otherwise).
    pub pi_cons: f64,
    /// CNA-style models (R's `sol.cons`): disjunctions of PIs whose solution consistency is at
    /// least this and coverage at least `sol_cov`, instead of the minimal covers of the PI
    /// chart (0 = off). Needs `include_remainders` (an error otherwise).
    pub sol_cons: f64,
    /// Minimum solution coverage of the CNA-style models (R's default 1).
    pub sol_cov: f64,
    /// Most PIs in one CNA-style model.
    pub sol_depth: usize,
    /// Work and memory limits of the searches (PIs, PI chart, `all_sol`, CNA-style models).
    pub budget: Budget,
}

impl Default for MinimizeConfig {
    fn default() -> Self {
        MinimizeConfig {
            include_remainders: false,
            include_contradictions: false,
            dir_exp: None,
            row_dom: false,
            all_sol: false,
            max_models: 100_000,
            max_sa: 1 << 20,
            pi_cons: 0.0,
            sol_cons: 0.0,
            sol_cov: 1.0,
            sol_depth: 7,
            budget: Budget::default(),
        }
    }
}

impl MinimizeConfig {
    /// Checks the CNA-style thresholds: each in [0, 1], and a solution depth of at least 1.
    ///
    /// ```
    /// let mut c = fiscus_qca::MinimizeConfig::default();
    /// assert!(c.validate().is_ok());
    /// c.sol_cons = 1.5;
    /// assert!(c.validate().unwrap_err().to_string().contains("1.5"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        for (what, v) in [
            ("the PI consistency threshold (pi.cons)", self.pi_cons),
            (
                "the solution consistency threshold (sol.cons)",
                self.sol_cons,
            ),
            ("the solution coverage threshold (sol.cov)", self.sol_cov),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(QcaError::Option(format!(
                    "{what} must lie in [0, 1], not {v}"
                )));
            }
        }
        if self.sol_depth == 0 {
            return Err(QcaError::Option(
                "the solution depth (sol.depth) must be at least 1, not 0".into(),
            ));
        }
        Ok(())
    }

    /// Whether the CNA-style search (`pi_cons` or `sol_cons`) is on.
    fn cna(&self) -> bool {
        self.pi_cons > 0.0 || self.sol_cons > 0.0
    }
}

/// One model (a disjunction of PIs) with its parameters of fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Model {
    /// `M1`, `M2`, ...
    pub name: String,
    /// The PIs of the model, in R QCA's order.
    pub terms: Vec<String>,
    /// `terms` joined by ` + `.
    pub expression: String,
    /// Solution consistency.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// Solution PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Solution coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
    /// Fit of each term; covU relative to the model's other terms.
    pub terms_fit: Vec<FitRow>,
    /// Whether the model's coverage is complete (R prints `<->` instead of `->`).
    pub necessary_too: bool,
    /// The cases of the positive truth-table rows the model covers, by row.
    pub cases: Vec<String>,
    /// Deviant cases for consistency: membership in the model above 0.5, in the outcome
    /// below 0.5.
    pub deviant_cases: Vec<String>,
    #[serde(skip)]
    pub(crate) codes: Vec<Vec<u8>>,
}

/// A solved PI chart: the prime implicants, the models and what was left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// Models, in R QCA's order.
    pub models: Vec<Model>,
    /// PIs in every model (when `truncated`, the PIs that alone cover some positive row).
    pub essential: Vec<String>,
    /// The PIs that appear in at least one model, sorted.
    pub prime_implicants: Vec<String>,
    /// PI chart of every PI found: rows = PIs, columns = positive row numbers.
    pub pi_chart: PiChart,
    /// True when a budget (work, or memory for the PIs kept) stopped a search before the result
    /// was proven: the PI search (the PIs may not be all of them), the PI chart (the models are
    /// the smallest cover found, not proven minimal: see `chart.lower_bound`), or the `all_sol`
    /// enumeration. A list of minimal models cut at `max_models` is not truncated:
    /// `chart.minimal_models` says how many there are.
    pub truncated: bool,
    /// What the chart solver proved: the minimum cover size or a lower bound on it, and how
    /// many minimal models exist. `None` for CNA-style models (`sol_cons`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<ChartBounds>,
    #[serde(skip)]
    pub(crate) pi_codes: Vec<Vec<u8>>,
    /// How many models the search found, when `models` lists fewer of them: the work budget
    /// stopped their fits (written to JSON only then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub models_found: Option<usize>,
}

/// What the PI-chart solver proved about the minimal models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChartBounds {
    /// Number of PIs of the smallest model found.
    pub model_size: usize,
    /// Whether `model_size` is proven minimal (the PIs found by a truncated PI search are the
    /// chart here).
    pub minimum_proven: bool,
    /// A proven lower bound on the minimum number of PIs (`model_size` when proven; the gap is
    /// `model_size - lower_bound`).
    pub lower_bound: usize,
    /// How many minimal models the chart has (0 when the minimum is not proven): exact when
    /// `minimal_models_exact`, else a lower bound (more than `max_models`, or the listing
    /// budget ran out).
    pub minimal_models: u64,
    /// Whether `minimal_models` is exact.
    pub minimal_models_exact: bool,
}

/// Charts with more cells (PIs × positive rows) than this are reported without their
/// `matrix` (the PI names and the minterms are still listed).
pub(crate) const MAX_CHART_CELLS: usize = 1 << 22;

/// A PI chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PiChart {
    /// PI names.
    pub rows: Vec<String>,
    /// Positive truth-table rows (minterms).
    pub cols: Vec<u64>,
    /// `matrix[pi][minterm]`; empty when the chart has more than 2^22 cells (PIs × minterms).
    pub matrix: Vec<Vec<bool>>,
}

/// The intermediate solution of one (conservative model, parsimonious model) pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intermediate {
    /// `C1P1`, `C1P2`, ...
    pub name: String,
    /// The conservative model's terms.
    pub c_sol: Vec<String>,
    /// The parsimonious model's terms.
    pub p_sol: Vec<String>,
    /// The intermediate models.
    pub models: Vec<Model>,
    /// PIs in every intermediate model.
    pub essential: Vec<String>,
    /// Easy counterfactuals (row numbers).
    pub easy_counterfactuals: Vec<u64>,
    /// Difficult counterfactuals (row numbers).
    pub difficult_counterfactuals: Vec<u64>,
    /// True when the PI search or the chart of this pair stopped at its share of the work
    /// budget (see [`Solution::truncated`]); written to JSON only then.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// The result of `minimize()`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minimization {
    /// The outcome label.
    pub outcome: String,
    /// `complex` or `parsimonious`.
    pub solution: &'static str,
    /// Positive rows (initial minterms).
    pub initial_minterms: Vec<u64>,
    /// The solution's models and PIs.
    #[serde(flatten)]
    pub main: Solution,
    /// Remainders used by each model (parsimonious only; `None` when too many to list).
    pub simplifying_assumptions: Option<Vec<Vec<u64>>>,
    /// Intermediate solutions per C×P pair (with directional expectations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intermediate: Option<Vec<Intermediate>>,
}

/// Classes of truth-table configurations for one minimisation.
struct Classes {
    levels: Vec<u32>,
    pos: Vec<Vec<u32>>,
    pos_rows: Vec<u64>,
    /// Explicit negative configurations.
    neg: Vec<Vec<u32>>,
    /// Configurations that are don't cares besides remainders (included C rows).
    dc: Vec<Vec<u32>>,
    /// Observed rows that are not remainders (coded, or excluded).
    coded: IntSet<u64>,
}

fn classes(tt: &TruthTable, cfg: &MinimizeConfig) -> Result<Classes> {
    let mut pos = Vec::new();
    let mut pos_rows = Vec::new();
    let mut neg = Vec::new();
    let mut dc = Vec::new();
    let mut coded = IntSet::default();
    for r in &tt.rows {
        let excluded = tt.config.exclude.contains(&r.row);
        match r.out {
            Out::Remainder if !excluded => continue,
            _ => {}
        }
        coded.insert(r.row);
        if excluded {
            neg.push(r.config.clone());
            continue;
        }
        match r.out {
            Out::One => {
                pos.push(r.config.clone());
                pos_rows.push(r.row);
            }
            Out::Contradiction if cfg.include_contradictions => dc.push(r.config.clone()),
            _ => neg.push(r.config.clone()),
        }
    }
    // Excluded remainders are negatives too.
    let observed: IntSet<u64> = tt
        .rows
        .iter()
        .filter(|r| r.out != Out::Remainder)
        .map(|r| r.row)
        .collect();
    for &e in &tt.config.exclude {
        if e >= 1 && e <= n_configs(&tt.levels) && !observed.contains(&e) {
            neg.push(row_config(e, &tt.levels));
            coded.insert(e);
        }
    }
    if pos.is_empty() {
        return Err(QcaError::Analysis(format!(
            "no truth-table row is coded 1 for `{}` (lower the inclusion cut-off or check the outcome): nothing to minimise",
            tt.data.outcome.label
        )));
    }
    if cfg.include_remainders && neg.is_empty() {
        // R QCA stops here too: with no negative row every condition is minimised away.
        return Err(QcaError::Analysis(format!(
            "every observed truth-table row for `{}` is positive (or a don't care) and the remainders are included, so every condition is minimised away: check the truth table (raise the inclusion cut-off)",
            tt.data.outcome.label
        )));
    }
    Ok(Classes {
        levels: tt.levels.clone(),
        pos,
        pos_rows,
        neg,
        dc,
        coded,
    })
}

/// All configurations except the coded ones (remainders), when there are at most `limit`.
fn complete_ok(cl: &Classes, extra: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let mut ok = cl.pos.clone();
    ok.extend(cl.dc.iter().cloned());
    ok.extend(extra.iter().cloned());
    ok
}

/// A solved chart: the sorted PIs, the models (indices into them), whether a budget stopped a
/// search, and what the solver proved.
type Solved = (Vec<Pi>, Vec<Vec<usize>>, bool, Option<ChartBounds>);

fn solve_chart(
    (mut pis, pi_truncated): (Vec<Pi>, bool),
    npos: usize,
    cfg: &MinimizeConfig,
    progress: &dyn Fn(Progress),
) -> Result<Solved> {
    if cfg.row_dom {
        pis = row_dominance(pis, npos);
    }
    sort_pis(&mut pis);
    let sparse: Vec<Vec<u32>> = pis.iter().map(|p| p.cover.clone()).collect();
    let report = |done: usize, total: usize| {
        progress(Progress {
            stage: "PI chart",
            done: done as u64,
            total: total as u64,
        })
    };
    // The models listed hold at most one PI index per 4 kB of the memory budget (2^20 with
    // the default 4 GiB): each listed model is fitted and printed with a row per PI.
    let max_cells = (cfg.budget.memory / 4096).clamp(1, usize::MAX as u64) as usize;
    let Some(sol) = min_covers(
        &sparse,
        npos,
        (cfg.max_models, max_cells),
        (cfg.budget.share(2, 3), cfg.budget.share(1, 5)),
        &report,
    ) else {
        return Err(QcaError::Analysis(
            "the prime implicants do not cover every positive row".into(),
        ));
    };
    let size = sol.models.first().map_or(0, Vec::len);
    let bounds = ChartBounds {
        model_size: size,
        minimum_proven: sol.proven,
        lower_bound: sol.lower_bound,
        minimal_models: sol.count,
        minimal_models_exact: sol.count_exact,
    };
    let mut models = sol.models;
    let mut truncated = !sol.proven;
    if cfg.all_sol {
        let covers: Vec<BitSet> = sparse
            .iter()
            .map(|c| {
                let mut b = BitSet::new(npos);
                for &r in c {
                    b.insert(r as usize);
                }
                b
            })
            .collect();
        let mut all = Vec::new();
        let nodes = cfg.budget.share(1, 30);
        for size in size..=pis.len() {
            let before = all.len();
            let stopped =
                covers_of_size(&covers, npos, size, (true, nodes), cfg.max_models, &mut all);
            if stopped {
                // At `max_models` the list is complete as far as it goes; a node budget that
                // ran out before every minimal model was listed falls back to the minimal
                // models found by the chart solver (never an empty list).
                let at_cap = all.len() >= cfg.max_models;
                if !at_cap {
                    truncated = true;
                    if size == bounds.model_size && all.len() - before < models.len() {
                        all.truncate(before);
                        all.extend(models.iter().cloned());
                    }
                }
                break;
            }
        }
        models = all;
    }
    if models.is_empty() {
        truncated = true;
    }
    Ok((pis, models, truncated || pi_truncated, Some(bounds)))
}

fn model_fit(
    tt: &TruthTable,
    u: &Universe,
    codes: &[Vec<u8>],
    members: &[Vec<f64>],
    name: String,
) -> Model {
    let y = &tt.data.outcome.values;
    let names: Vec<String> = codes.iter().map(|c| u.term_string(c)).collect();
    let mut rows = fit_rows(&names, members, y, Relation::Sufficiency, 1e-4);
    let sol: SufficiencyFit = if members.len() > 1 {
        let r = rows.pop();
        let r = r.as_ref();
        SufficiencyFit {
            incl: r.and_then(|r| r.incl_s).unwrap_or(f64::NAN),
            pri: r.and_then(|r| r.pri).unwrap_or(f64::NAN),
            cov: r.and_then(|r| r.cov_s).unwrap_or(f64::NAN),
        }
    } else {
        zeroed(FitSums::new(&members[0], y).sufficiency())
    };
    for (row, mem) in rows.iter_mut().zip(members) {
        let (c, d) = listed_cases(tt, &|i| mem[i]);
        row.cases = Some(c);
        row.deviant_cases = Some(d);
    }
    let listed = listed_cases(tt, &|i| members.iter().map(|m| m[i]).fold(0.0f64, f64::max));
    assemble_model(name, names, codes, sol, rows, listed)
}

/// Terms whose memberships a streamed fit computes together (in parallel).
const STREAM_CHUNK: usize = 64;

/// [`model_fit`] without a membership vector per term: a first pass over the terms (in
/// order) keeps per case the largest and second-largest membership and their union, a second
/// pass fits each term. The same sums in the same order as the dense computation, so the same
/// numbers; memory for [`STREAM_CHUNK`] terms' memberships at a time.
fn streamed_model_fit(
    tt: &TruthTable,
    u: &Universe,
    codes: &[Vec<u8>],
    tables: &LiteralTables,
    name: String,
) -> Model {
    use rayon::prelude::*;
    let y = &tt.data.outcome.values;
    let n = y.len();
    let names: Vec<String> = codes.iter().map(|c| u.term_string(c)).collect();
    let several = codes.len() > 1;
    // Pass 1 (as `unique_coverage` and `union_of`): top two memberships per case, and the union.
    let mut best = crate::fit::TopTwo::new(n);
    let mut union = vec![0.0f64; n];
    for (c, chunk) in codes.chunks(STREAM_CHUNK).enumerate() {
        let members: Vec<Vec<f64>> = chunk.par_iter().map(|t| tables.membership(t)).collect();
        for (j, m) in members.iter().enumerate() {
            best.add(c * STREAM_CHUNK + j, m);
            for (un, &x) in union.iter_mut().zip(m) {
                *un = un.max(x);
            }
        }
    }
    let sy: f64 = y.iter().sum();
    // Pass 2: each term's fit, unique coverage and cases.
    let rows: Vec<FitRow> = codes
        .par_iter()
        .enumerate()
        .map(|(t, c)| {
            let m = tables.membership(c);
            let cov_u = several.then(|| best.unique_coverage(t, &m, y, sy));
            let s = FitSums::new(&m, y);
            let mut row = FitRow::suf(names[t].clone(), s.sufficiency(), cov_u, 1e-4);
            let (cs, dv) = listed_cases(tt, &|i| m[i]);
            row.cases = Some(cs);
            row.deviant_cases = Some(dv);
            row
        })
        .collect();
    // The union's fit (the expression row of `fit_rows`, zeroed as one term's would be).
    let sol = zeroed(FitSums::new(&union, y).sufficiency());
    let listed = listed_cases(tt, &|i| union[i]);
    assemble_model(name, names, codes, sol, rows, listed)
}

/// The cases a membership function lists, by truth-table row (R's listing): those of positive
/// rows with membership above 0.5; deviant ones anywhere with the outcome below 0.5.
fn listed_cases(tt: &TruthTable, m: &dyn Fn(usize) -> f64) -> (Vec<String>, Vec<String>) {
    let y = &tt.data.outcome.values;
    let cases = tt
        .rows
        .iter()
        .filter(|r| r.out == crate::truth_table::Out::One)
        .flat_map(|r| r.cases.iter().copied())
        .filter(|&i| m(i) > 0.5)
        .map(|i| tt.data.cases[i].clone())
        .collect();
    let deviant = (0..y.len())
        .filter(|&i| m(i) > 0.5 && y[i] < 0.5)
        .map(|i| tt.data.cases[i].clone())
        .collect();
    (cases, deviant)
}

/// Fit measures with R's zeroing of values below 1e-4 (as in minimisation tables).
fn zeroed(f: SufficiencyFit) -> SufficiencyFit {
    SufficiencyFit {
        incl: crate::fit::zero_small(f.incl, 1e-4),
        pri: crate::fit::zero_small(f.pri, 1e-4),
        cov: crate::fit::zero_small(f.cov, 1e-4),
    }
}

/// A model from its terms, fit and cases (`listed`: covered and deviant cases).
fn assemble_model(
    name: String,
    names: Vec<String>,
    codes: &[Vec<u8>],
    sol: SufficiencyFit,
    terms_fit: Vec<FitRow>,
    (cases, deviant_cases): (Vec<String>, Vec<String>),
) -> Model {
    Model {
        name,
        cases,
        deviant_cases,
        expression: names.join(" + "),
        terms: names,
        incl_s: sol.incl,
        pri: sol.pri,
        cov_s: sol.cov,
        necessary_too: sol.cov + fiscus_data::TOL > 1.0,
        terms_fit,
        codes: codes.to_vec(),
    }
}

fn build_solution(
    tt: &TruthTable,
    u: &Universe,
    (pis, models, truncated, chart): (&[Pi], &[Vec<usize>], bool, Option<ChartBounds>),
    pos_rows: &[u64],
    budget: &Budget,
) -> Result<Solution> {
    let pi_names: Vec<String> = pis.iter().map(|p| u.term_string(&p.codes)).collect();
    // In how many models each PI appears.
    let mut in_models = vec![0usize; pis.len()];
    for m in models {
        for &p in m {
            if let Some(c) = in_models.get_mut(p) {
                *c += 1;
            }
        }
    }
    // The models fitted: as many as the work budget allows (at least one), each costing a pass
    // over its terms' memberships of every case (two for the streamed fit, which computes them
    // twice), or for the row-by-row fit one over the rows its terms cover.
    // `chart.minimal_models` still counts them all, and a note says how many are listed.
    let within_budget = |cost: &dyn Fn(&[usize]) -> u64| {
        let mut left = budget.work;
        models
            .iter()
            .take_while(|m| {
                let c = cost(m);
                let fits = c <= left;
                left = left.saturating_sub(c);
                fits
            })
            .count()
            .clamp(models.len().min(1), models.len())
    };
    let n = tt.data.outcome.values.len() as u64;
    let k = tt.levels.len().max(1) as u64;
    let passes_cost = |passes: u64| {
        move |m: &[usize]| {
            (m.len() as u64)
                .saturating_mul(n)
                .saturating_mul(k + 1)
                .saturating_mul(passes)
        }
    };
    let one_pass = within_budget(&passes_cost(1));
    // Memberships of every PI of the models fitted, computed once from per-literal tables; the
    // fit of a model holds about as much again.
    let used_idx: Vec<usize> = {
        let mut used = vec![false; pis.len()];
        for &p in models[..one_pass].iter().flatten() {
            used[p] = true;
        }
        (0..pis.len()).filter(|&p| used[p]).collect()
    };
    let widest = models[..one_pass].iter().map(Vec::len).max().unwrap_or(0);
    let dense = ((used_idx.len() + 2 * widest) as u64)
        .saturating_mul(n)
        .saturating_mul(8);
    let crisp = tt
        .data
        .conditions
        .iter()
        .all(|c| matches!(c.kind, crate::sets::SetKind::Crisp { .. }));
    // Crisp conditions: a term's membership is 1 exactly on the cases of the truth-table rows
    // it covers, so models too large for membership vectors are fitted row by row.
    let sparse = crisp && dense > budget.memory;
    // Other data too large for membership vectors: each model fitted in two passes over its
    // terms, holding a few vectors of cases at a time.
    let streaming = !crisp && dense > budget.memory;
    budget.check_memory(
        if sparse {
            0
        } else if streaming {
            // A chunk of memberships, the top two per case and the union.
            n.saturating_mul(8 * (widest.min(STREAM_CHUNK) as u64 + 4))
        } else {
            dense
        },
        &format!(
            "the memberships of the models' {} prime implicants (at most {} in one model) over {} cases",
            used_idx.len(),
            widest,
            tt.data.outcome.values.len()
        ),
    )?;
    let tables = LiteralTables::new(&tt.data.conditions, &tt.levels);
    let fitted = if streaming {
        within_budget(&passes_cost(2))
    } else {
        one_pass
    };
    let fit_models = &models[..fitted];
    // The PIs of a model as condition codes.
    let codes_of =
        |m: &[usize]| -> Vec<Vec<u8>> { m.iter().map(|&p| pis[p].codes.clone()).collect() };
    if streaming {
        let mut ms = Vec::new();
        for (i, m) in fit_models.iter().enumerate() {
            let codes = codes_of(m);
            ms.push(streamed_model_fit(
                tt,
                u,
                &codes,
                &tables,
                format!("M{}", i + 1),
            ));
        }
        return Ok(finish_solution(
            pis, models, ms, truncated, chart, pos_rows, &pi_names, &in_models,
        ));
    }
    if sparse {
        // The truth-table rows each used PI covers, found once for all models (its fits cost
        // less, so more of them may be fitted).
        let used_idx: Vec<usize> = (0..pis.len()).filter(|&p| in_models[p] > 0).collect();
        let matched: Vec<Vec<usize>> = {
            use rayon::prelude::*;
            used_idx
                .par_iter()
                .map(|&p| {
                    let t = &pis[p].codes;
                    (0..tt.rows.len())
                        .filter(|&r| {
                            t.iter()
                                .zip(&tt.rows[r].config)
                                .all(|(&c, &v)| c == 0 || u32::from(c - 1) == v)
                        })
                        .collect()
                })
                .collect()
        };
        let slot = |p: usize| used_idx.binary_search(&p).unwrap_or(0);
        let rows = tt.rows.len() as u64;
        let fitted = within_budget(&|m: &[usize]| {
            rows + m
                .iter()
                .map(|&p| matched[slot(p)].len() as u64)
                .sum::<u64>()
        });
        let ms = models[..fitted]
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let codes = codes_of(m);
                let rows: Vec<&[usize]> = m.iter().map(|&p| matched[slot(p)].as_slice()).collect();
                crisp_model_fit(tt, u, &codes, &rows, format!("M{}", i + 1))
            })
            .collect();
        return Ok(finish_solution(
            pis, models, ms, truncated, chart, pos_rows, &pi_names, &in_models,
        ));
    }
    let mut memb: Vec<Vec<f64>> = {
        use rayon::prelude::*;
        used_idx
            .par_iter()
            .map(|&p| tables.membership(&pis[p].codes))
            .collect()
    };
    let slot = |p: usize| used_idx.binary_search(&p).unwrap_or(0);
    let single = fit_models.len() == 1;
    let ms: Vec<Model> = fit_models
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let codes = codes_of(m);
            // One model: its PIs' memberships are moved, not copied.
            let members: Vec<Vec<f64>> = m
                .iter()
                .map(|&p| {
                    if single {
                        std::mem::take(&mut memb[slot(p)])
                    } else {
                        memb[slot(p)].clone()
                    }
                })
                .collect();
            model_fit(tt, u, &codes, &members, format!("M{}", i + 1))
        })
        .collect();
    Ok(finish_solution(
        pis, models, ms, truncated, chart, pos_rows, &pi_names, &in_models,
    ))
}

/// The solution around its fitted models: essential PIs, the PI chart, the PIs used.
#[allow(clippy::too_many_arguments)]
fn finish_solution(
    pis: &[Pi],
    models: &[Vec<usize>],
    ms: Vec<Model>,
    truncated: bool,
    chart: Option<ChartBounds>,
    pos_rows: &[u64],
    pi_names: &[String],
    in_models: &[usize],
) -> Solution {
    // When the search stopped early the models found are not all the models: only the PIs
    // that alone cover some positive row are then known to be in every model.
    let mut sole = vec![false; pis.len()];
    if truncated {
        let mut coverers: Vec<(usize, Option<usize>)> = vec![(0, None); pos_rows.len()];
        for (p, pi) in pis.iter().enumerate() {
            for &r in &pi.cover {
                if let Some(c) = coverers.get_mut(r as usize) {
                    c.0 += 1;
                    c.1 = Some(p);
                }
            }
        }
        for (count, p) in coverers {
            if let (1, Some(p)) = (count, p) {
                sole[p] = true;
            }
        }
    }
    let essential = (0..pis.len())
        .filter(|&p| {
            if truncated {
                sole[p]
            } else {
                !models.is_empty() && in_models[p] == models.len()
            }
        })
        .map(|p| pi_names[p].clone())
        .collect();
    // R QCA lists the PIs that appear in at least one model.
    let used: Vec<String> = (0..pis.len())
        .filter(|&p| in_models[p] > 0)
        .map(|p| pi_names[p].clone())
        .collect();
    let models_found = (ms.len() < models.len()).then_some(models.len());
    Solution {
        models: ms,
        essential,
        pi_chart: PiChart {
            rows: pi_names.to_vec(),
            cols: pos_rows.to_vec(),
            matrix: if pis.len().saturating_mul(pos_rows.len()) <= MAX_CHART_CELLS {
                pis.iter()
                    .map(|p| {
                        let mut row = vec![false; pos_rows.len()];
                        for &i in &p.cover {
                            row[i as usize] = true;
                        }
                        row
                    })
                    .collect()
            } else {
                Vec::new()
            },
        },
        prime_implicants: used,
        truncated,
        chart,
        pi_codes: pis.iter().map(|p| p.codes.clone()).collect(),
        models_found,
    }
}

/// [`model_fit`] for crisp conditions without membership vectors: per truth-table row the
/// sums over its cases, per term the rows it covers (its membership is 1 on their cases and 0
/// elsewhere), unique coverage from the number of terms covering each row. The same measures
/// as the dense computation up to the order of the additions.
fn crisp_model_fit(
    tt: &TruthTable,
    u: &Universe,
    codes: &[Vec<u8>],
    matched: &[&[usize]],
    name: String,
) -> Model {
    use rayon::prelude::*;
    let y = &tt.data.outcome.values;
    let n = y.len() as f64;
    let sy: f64 = y.iter().sum();
    // Per row: cases, Σ y, Σ min(y, 1 − y).
    let row_sums: Vec<(f64, f64, f64)> = tt
        .rows
        .iter()
        .map(|r| {
            r.cases.iter().fold((0.0, 0.0, 0.0), |(c, a, b), &i| {
                (c + 1.0, a + y[i], b + y[i].min(1.0 - y[i]))
            })
        })
        .collect();
    let mut count = vec![0u32; tt.rows.len()];
    for m in matched {
        for &r in *m {
            count[r] += 1;
        }
    }
    let sums_of = |rows: &mut dyn Iterator<Item = usize>| {
        let (mut sx, mut sxy, mut sxyny) = (0.0, 0.0, 0.0);
        for r in rows {
            let (c, a, b) = row_sums[r];
            sx += c;
            sxy += a;
            sxyny += b;
        }
        crate::fit::FitSums {
            sx,
            sy,
            sxy,
            sxyny,
            snx: n - sx,
            snxy: n - sxy,
        }
    };
    let cases_of = |rows: &[usize]| -> (Vec<String>, Vec<String>) {
        let cases = rows
            .iter()
            .filter(|&&r| tt.rows[r].out == crate::truth_table::Out::One)
            .flat_map(|&r| tt.rows[r].cases.iter())
            .map(|&i| tt.data.cases[i].clone())
            .collect();
        let mut deviant: Vec<usize> = rows
            .iter()
            .flat_map(|&r| tt.rows[r].cases.iter().copied())
            .filter(|&i| y[i] < 0.5)
            .collect();
        deviant.sort_unstable();
        let deviant = deviant.iter().map(|&i| tt.data.cases[i].clone()).collect();
        (cases, deviant)
    };
    let names: Vec<String> = codes.iter().map(|c| u.term_string(c)).collect();
    let several = codes.len() > 1;
    let rows: Vec<FitRow> = matched
        .par_iter()
        .zip(&names)
        .map(|(m, term)| {
            let s = sums_of(&mut m.iter().copied());
            let cov_u = several.then(|| {
                let shared: f64 = m
                    .iter()
                    .filter(|&&r| count[r] > 1)
                    .map(|&r| row_sums[r].1)
                    .sum();
                (s.sxy - shared) / sy
            });
            let mut row = FitRow::suf(term.clone(), s.sufficiency(), cov_u, 1e-4);
            let (c, d) = cases_of(m);
            row.cases = Some(c);
            row.deviant_cases = Some(d);
            row
        })
        .collect();
    let union: Vec<usize> = (0..tt.rows.len()).filter(|&r| count[r] > 0).collect();
    let total = sums_of(&mut union.iter().copied()).sufficiency();
    let sol = zeroed(total);
    assemble_model(name, names, codes, sol, rows, cases_of(&union))
}

/// Membership of every case in each literal `condition = value`, so that the membership in
/// an implicant is a running minimum over its literals (the same values as
/// [`code_membership`](crate::code_membership), without re-evaluating each literal per case).
struct LiteralTables {
    /// `tables[j][v][case]`.
    tables: Vec<Vec<Vec<f64>>>,
    n: usize,
}

impl LiteralTables {
    fn new(cols: &[crate::sets::SetColumn], levels: &[u32]) -> LiteralTables {
        let n = cols.first().map_or(0, |c| c.values.len());
        let tables = cols
            .iter()
            .zip(levels)
            .map(|(c, &l)| {
                (0..l)
                    .map(|v| {
                        let lit = crate::expr::Literal {
                            set: 0,
                            values: Some(vec![v]),
                            negated: false,
                        };
                        c.values
                            .iter()
                            .map(|&x| lit.membership_of(c.kind, x))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        LiteralTables { tables, n }
    }

    fn membership(&self, codes: &[u8]) -> Vec<f64> {
        let mut out = vec![1.0f64; self.n];
        for (j, &c) in codes.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let Some(col) = self.tables.get(j).and_then(|t| t.get(usize::from(c - 1))) else {
                continue;
            };
            for (o, &m) in out.iter_mut().zip(col) {
                if m < *o {
                    *o = m;
                }
            }
        }
        out
    }
}

/// Number of configurations an implicant spans.
fn span(codes: &[u8], levels: &[u32]) -> u64 {
    codes
        .iter()
        .zip(levels)
        .filter(|(c, _)| **c == 0)
        .fold(1u64, |a, (_, &l)| a.saturating_mul(u64::from(l)))
}

/// Row numbers of the configurations an implicant spans (ascending).
fn span_rows(codes: &[u8], levels: &[u32]) -> Vec<u64> {
    let k = levels.len();
    let mut cfg: Vec<u32> = codes
        .iter()
        .map(|&c| u32::from(c.saturating_sub(1)))
        .collect();
    let free: Vec<usize> = (0..k).filter(|&j| codes[j] == 0).collect();
    let mut out = Vec::new();
    loop {
        if let Some(r) = row_number(&cfg, levels) {
            out.push(r);
        }
        // Increment the free positions, last varies fastest.
        let mut i = free.len();
        loop {
            if i == 0 {
                out.sort_unstable();
                return out;
            }
            i -= 1;
            let j = free[i];
            cfg[j] += 1;
            if cfg[j] < levels[j] {
                break;
            }
            cfg[j] = 0;
        }
    }
}

fn remainders_covered(codes: &[Vec<u8>], cl: &Classes, limit: u64) -> Option<Vec<u64>> {
    let total: u64 = codes
        .iter()
        .map(|c| span(c, &cl.levels))
        .fold(0u64, |a, b| a.saturating_add(b));
    if total > limit {
        return None;
    }
    let mut out: Vec<u64> = codes
        .iter()
        .flat_map(|c| span_rows(c, &cl.levels))
        .filter(|r| !cl.coded.contains(r))
        .collect();
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Directional expectations: for each condition, the expected values (None = don't care).
fn parse_dir_exp(u: &Universe, levels: &[u32], text: &str) -> Result<Vec<Option<Vec<u32>>>> {
    let mut de: Vec<Option<Vec<u32>>> = vec![None; levels.len()];
    for item in split_outside(text, ',') {
        let item = item.trim();
        if item.is_empty() || item == "-" || item.eq_ignore_ascii_case("dc") {
            continue;
        }
        for lit in split_outside(item, '*') {
            let lit = lit.trim();
            if let Some((a, b)) = lit.split_once(':') {
                let (ia, ib) = (u.index(a.trim())?, u.index(b.trim())?);
                for e in de.iter_mut().take(ib.max(ia) + 1).skip(ia.min(ib)) {
                    *e = Some(vec![1]);
                }
                continue;
            }
            let l = crate::expr::parse_literal(u, lit, text)?;
            let nl = levels[l.set];
            let base: Vec<u32> = match &l.values {
                Some(v) => v.clone(),
                None => vec![1],
            };
            let vals: Vec<u32> = if l.negated {
                (0..nl).filter(|v| !base.contains(v)).collect()
            } else {
                base
            };
            let e = de[l.set].get_or_insert_with(Vec::new);
            for v in vals {
                if !e.contains(&v) {
                    e.push(v);
                }
            }
        }
    }
    Ok(de)
}

/// Minimises a truth table (R QCA's `minimize()`).
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{minimize, truth_table, MinimizeConfig, QcaData, TruthTableConfig};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 0.0, 1.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let m = minimize(&tt, &MinimizeConfig::default()).unwrap();
/// assert_eq!(m.main.models[0].expression, "A");
/// ```
pub fn minimize(tt: &TruthTable, cfg: &MinimizeConfig) -> Result<Minimization> {
    minimize_with_progress(tt, cfg, &|_| {})
}

/// [`minimize`], telling `progress` how far the PI search and the PI chart have got (for a
/// progress bar; called on the calling thread).
///
/// ```
/// use std::cell::RefCell;
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{minimize_with_progress, truth_table, MinimizeConfig, QcaData, TruthTableConfig};
/// let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
///     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
///     Column::numbers("Y", &[0.0, 1.0, 1.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let seen = RefCell::new(Vec::new());
/// let cfg = MinimizeConfig { include_remainders: true, ..Default::default() };
/// let m = minimize_with_progress(&tt, &cfg, &|p| seen.borrow_mut().push(p)).unwrap();
/// assert_eq!(m.main.models[0].expression, "A + B");
/// let seen = seen.into_inner();
/// assert!(seen.iter().any(|p| p.stage == "prime implicants" && p.done == p.total));
/// assert!(seen.iter().any(|p| p.stage == "PI chart" && p.done == p.total));
/// ```
pub fn minimize_with_progress(
    tt: &TruthTable,
    cfg: &MinimizeConfig,
    progress: &dyn Fn(Progress),
) -> Result<Minimization> {
    cfg.validate()?;
    // The consistency thresholds act in the parsimonious (CCubes) search only. R, given them
    // without remainders, filters the complex models instead; Fiscus asks for `?` rather than
    // giving the same flags two meanings.
    if cfg.cna() && !cfg.include_remainders {
        return Err(QcaError::Option(
            "--pi-cons/--sol-cons act in the parsimonious search: add --include '?'".into(),
        ));
    }
    let include_remainders = cfg.include_remainders;
    if cfg.dir_exp.is_some() && !include_remainders {
        return Err(QcaError::Option(
            "directional expectations need the remainders included (--include '?')".into(),
        ));
    }
    let u = tt.data.universe();
    let cl = classes(tt, cfg)?;
    let k = cl.levels.len();
    let npos = cl.pos.len();
    let budget = &cfg.budget;
    let pi_progress = |done: usize, total: usize| {
        progress(Progress {
            stage: "prime implicants",
            done: done as u64,
            total: total as u64,
        })
    };
    let complex_solution = || -> Result<Solved> {
        let ok = complete_ok(&cl, &[]);
        let pis = find_pis(
            &cl.levels,
            &cl.pos,
            &Test::AllAllowed(&ok),
            k,
            budget,
            &pi_progress,
        );
        solve_chart(pis, npos, cfg, progress)
    };
    let solution =
        |s: &Solved| build_solution(tt, &u, (&s.0, &s.1, s.2, s.3), &cl.pos_rows, budget);
    let (main, sa, intermediate) = if include_remainders {
        let tables = LiteralTables::new(&tt.data.conditions, &tt.levels);
        let y = &tt.data.outcome.values;
        let keep = |codes: &[u8]| {
            let incl = FitSums::new(&tables.membership(codes), y)
                .sufficiency()
                .incl;
            ge_tol(incl, cfg.pi_cons)
        };
        let pis = if cfg.pi_cons > 0.0 {
            let test = Test::Consistent {
                keep: &keep,
                cost: y.len() as u64,
            };
            let found = find_pis(&cl.levels, &cl.pos, &test, k, budget, &pi_progress);
            if cfg.sol_cons == 0.0 {
                check_pi_cons_cover(&found.0, &cl.pos_rows, cfg.pi_cons)?;
            }
            found
        } else {
            find_pis(
                &cl.levels,
                &cl.pos,
                &Test::NoNegative(&cl.neg),
                k,
                budget,
                &pi_progress,
            )
        };
        let solved = if cfg.sol_cons > 0.0 {
            consistent_models(pis, npos, &tables, y, cfg)?
        } else {
            solve_chart(pis, npos, cfg, progress)?
        };
        let sol = solution(&solved)?;
        // Listed only when all models together span at most `max_sa` configurations.
        let total_span = sol
            .models
            .iter()
            .flat_map(|m| m.codes.iter().map(|c| span(c, &cl.levels)))
            .fold(0u64, |a, b| a.saturating_add(b));
        let sa: Option<Vec<Vec<u64>>> = if total_span <= cfg.max_sa {
            sol.models
                .iter()
                .map(|m| remainders_covered(&m.codes, &cl, cfg.max_sa))
                .collect()
        } else {
            None
        };
        let inter = match &cfg.dir_exp {
            Some(text) => {
                let de = parse_dir_exp(&u, &cl.levels, text)?;
                let csol = solution(&complex_solution()?)?;
                Some(intermediates(tt, &u, &cl, cfg, &de, &csol, &sol)?)
            }
            None => None,
        };
        (sol, sa, inter)
    } else {
        let sol = solution(&complex_solution()?)?;
        let sa = Some(vec![Vec::new(); sol.models.len()]);
        (sol, sa, None)
    };
    Ok(Minimization {
        outcome: tt.data.outcome.label.clone(),
        solution: if include_remainders {
            "parsimonious"
        } else {
            "complex"
        },
        initial_minterms: cl.pos_rows.clone(),
        main,
        simplifying_assumptions: sa,
        intermediate,
    })
}

/// With `pi_cons` (and no `sol_cons`) the models must cover every positive row: names the
/// rows no consistent PI covers.
fn check_pi_cons_cover(pis: &[Pi], pos_rows: &[u64], pi_cons: f64) -> Result<()> {
    let mut covered = vec![false; pos_rows.len()];
    for p in pis {
        for &q in &p.cover {
            if let Some(c) = covered.get_mut(q as usize) {
                *c = true;
            }
        }
    }
    let open: Vec<String> = pos_rows
        .iter()
        .zip(&covered)
        .filter(|&(_, &c)| !c)
        .map(|(r, _)| r.to_string())
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    let shown = open.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    Err(QcaError::Analysis(format!(
        "no prime implicant with inclusion >= {pi_cons} (pi.cons) covers truth-table row(s) {shown}{}: lower the PI consistency threshold, raise the inclusion cut-off, or search consistent models with sol.cons",
        if open.len() > 10 { ", ..." } else { "" }
    )))
}

/// CNA-style models (R's `sol.cons`, `sol.cov`, `sol.depth`): disjunctions of at most
/// `sol_depth` PIs (sorted as R sorts them) whose solution consistency is at least `sol_cons`
/// and coverage at least `sol_cov`, and that contain no other such model. Listed by number of
/// PIs, then in lexicographic order of the PIs; without `all_sol` only the smallest ones.
fn consistent_models(
    (mut pis, pi_truncated): (Vec<Pi>, bool),
    npos: usize,
    tables: &LiteralTables,
    y: &[f64],
    cfg: &MinimizeConfig,
) -> Result<Solved> {
    use rayon::prelude::*;
    if cfg.row_dom {
        pis = row_dominance(pis, npos);
    }
    sort_pis(&mut pis);
    cfg.budget.check_memory(
        (pis.len() as u64)
            .saturating_mul(y.len() as u64)
            .saturating_mul(8),
        &format!(
            "the memberships of {} prime implicants over {} cases (for the consistent-model search, sol.cons; a higher pi.cons gives fewer)",
            pis.len(),
            y.len()
        ),
    )?;
    let memb: Vec<Vec<f64>> = pis
        .par_iter()
        .map(|p| tables.membership(&p.codes))
        .collect();
    let mut search = ModelSearch {
        memb: &memb,
        y,
        cfg,
        models: Vec::new(),
        work: 0,
    };
    let mut complete = true;
    for d in 1..=cfg.sol_depth.min(pis.len()) {
        if !cfg.all_sol && !search.models.is_empty() {
            break;
        }
        let mut chosen = Vec::with_capacity(d);
        if !search.extend(d, 0, &mut chosen, &vec![0.0; y.len()]) {
            complete = false;
            break;
        }
    }
    let models = search.models;
    if models.is_empty() {
        return Err(QcaError::Analysis(format!(
            "no disjunction of at most {} prime implicants reaches solution consistency {} (sol.cons) and coverage {} (sol.cov){}",
            cfg.sol_depth,
            cfg.sol_cons,
            cfg.sol_cov,
            if complete { "" } else { " before the search budget ran out" }
        )));
    }
    Ok((pis, models, pi_truncated || !complete, None))
}

/// State of the CNA-style model search.
struct ModelSearch<'a> {
    memb: &'a [Vec<f64>],
    y: &'a [f64],
    cfg: &'a MinimizeConfig,
    models: Vec<Vec<usize>>,
    work: u64,
}

impl ModelSearch<'_> {
    /// Extends `chosen` (memberships `prefix`) to `d` PIs with indices from `start` on, in
    /// lexicographic order. Returns false when the budget or `max_models` stopped it.
    fn extend(&mut self, d: usize, start: usize, chosen: &mut Vec<usize>, prefix: &[f64]) -> bool {
        let npi = self.memb.len();
        for i in start..npi {
            if npi - i < d - chosen.len() {
                break;
            }
            chosen.push(i);
            // Minimal models only: no extension of a model already found (each test against a
            // found model counts as work, so a long model list cannot stall the search).
            self.work = self.work.saturating_add(self.models.len() as u64);
            let contains_model = self
                .models
                .iter()
                .any(|m| m.iter().all(|p| chosen.binary_search(p).is_ok()));
            if contains_model {
                chosen.pop();
                continue;
            }
            self.work += self.y.len() as u64;
            if self.work > self.cfg.budget.share(1, 3) {
                chosen.pop();
                return false;
            }
            let x: Vec<f64> = prefix
                .iter()
                .zip(&self.memb[i])
                .map(|(a, &b)| a.max(b))
                .collect();
            if chosen.len() == d {
                let f = FitSums::new(&x, self.y).sufficiency();
                if ge_tol(f.incl, self.cfg.sol_cons) && ge_tol(f.cov, self.cfg.sol_cov) {
                    if self.models.len() >= self.cfg.max_models {
                        chosen.pop();
                        return false;
                    }
                    self.models.push(chosen.clone());
                }
            } else if !self.extend(d, i + 1, chosen, &x) {
                chosen.pop();
                return false;
            }
            chosen.pop();
        }
        true
    }
}

/// The least work one (conservative model, parsimonious model) pair of the intermediate
/// solution gets for its PI search and chart: below it the pairs would only give truncated
/// results, and the search asks for a larger budget instead.
const MIN_PAIR_WORK: u64 = 1_000_000;

/// Bytes of one counterfactual row kept in the results (the row number, and the case of the
/// derivation: the span of each selection term).
const COUNTERFACTUAL_BYTES: u64 = 16;

fn intermediates(
    tt: &TruthTable,
    u: &Universe,
    cl: &Classes,
    cfg: &MinimizeConfig,
    de: &[Option<Vec<u32>>],
    csol: &Solution,
    psol: &Solution,
) -> Result<Vec<Intermediate>> {
    let mut out = Vec::new();
    let npos = cl.pos.len();
    // The pairs share the work budget: each runs its PI search and chart on an equal share
    // (a pair whose search stops there is flagged `truncated`); too many pairs for a useful
    // share are an error naming the budget.
    let pairs = (csol.models.len() as u64).saturating_mul(psol.models.len() as u64);
    let share = cfg.budget.work / pairs.max(1);
    if share < MIN_PAIR_WORK {
        return Err(QcaError::Budget(format!(
            "{} conservative × {} parsimonious models give {pairs} intermediate solutions, more than the work budget allows (at least {MIN_PAIR_WORK} work units each): raise it (--work-budget) or narrow the directional expectations",
            csol.models.len(),
            psol.models.len()
        )));
    }
    let pair_cfg = MinimizeConfig {
        budget: Budget {
            work: share,
            ..cfg.budget
        },
        ..cfg.clone()
    };
    // Counterfactual rows kept so far (their memory is charged to the memory budget).
    let mut kept: u64 = 0;
    for (a, cm) in csol.models.iter().enumerate() {
        for (b, pm) in psol.models.iter().enumerate() {
            // Intermediate selection terms.
            let mut sel: Vec<Vec<u8>> = Vec::new();
            for t in &cm.codes {
                for p in &pm.codes {
                    let nested = p.iter().zip(t).all(|(&pc, &tc)| pc == 0 || pc == tc);
                    if !nested {
                        continue;
                    }
                    let mut s = t.clone();
                    for j in 0..s.len() {
                        if t[j] != 0 && p[j] == 0 {
                            if let Some(exp) = &de[j] {
                                if !exp.contains(&u32::from(t[j] - 1)) {
                                    s[j] = 0;
                                }
                            }
                        }
                    }
                    if !sel.contains(&s) {
                        sel.push(s);
                    }
                }
            }
            let sa = remainders_covered(&pm.codes, cl, cfg.max_sa).ok_or_else(|| {
                QcaError::Analysis(
                    "too many simplifying assumptions to derive the intermediate solution".into(),
                )
            })?;
            // The easy counterfactuals are the simplifying assumptions inside the selection
            // terms. Each selection term lies inside a term of the parsimonious model, so
            // they hold at most `sa.len()` rows, but enumerating them visits each term's span
            // (at most `max_sa` per conservative term): that enumeration is charged to the
            // memory budget before it starts.
            let sel_span = sel
                .iter()
                .map(|c| span(c, &cl.levels))
                .fold(0u64, |a, b| a.saturating_add(b));
            cfg.budget.check_memory(
                sel_span.saturating_mul(8),
                "the easy counterfactuals of an intermediate solution",
            )?;
            let sel_limit = cfg.max_sa.saturating_mul(cm.codes.len().max(1) as u64);
            let ec_set: IntSet<u64> = remainders_covered(&sel, cl, sel_limit)
                .ok_or_else(|| {
                    QcaError::Analysis(
                        "too many easy counterfactuals to derive the intermediate solution".into(),
                    )
                })?
                .into_iter()
                .collect();
            kept = kept.saturating_add(sa.len() as u64);
            cfg.budget.check_memory(
                kept.saturating_mul(COUNTERFACTUAL_BYTES),
                "the counterfactuals of the intermediate solutions",
            )?;
            let ec: Vec<u64> = sa.iter().copied().filter(|r| ec_set.contains(r)).collect();
            let dc: Vec<u64> = sa.iter().copied().filter(|r| !ec_set.contains(r)).collect();
            let extra: Vec<Vec<u32>> = ec.iter().map(|&r| row_config(r, &cl.levels)).collect();
            let ok = complete_ok(cl, &extra);
            let pis = find_pis(
                &cl.levels,
                &cl.pos,
                &Test::AllAllowed(&ok),
                cl.levels.len(),
                &pair_cfg.budget,
                &|_, _| {},
            );
            let solved = solve_chart(pis, npos, &pair_cfg, &|_| {})?;
            let sol = build_solution(
                tt,
                u,
                (&solved.0, &solved.1, solved.2, solved.3),
                &cl.pos_rows,
                &cfg.budget,
            )?;
            out.push(Intermediate {
                name: format!("C{}P{}", a + 1, b + 1),
                c_sol: cm.terms.clone(),
                p_sol: pm.terms.clone(),
                models: sol.models,
                essential: sol.essential,
                easy_counterfactuals: ec,
                difficult_counterfactuals: dc,
                truncated: sol.truncated,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::QcaData;
    use crate::truth_table::{truth_table, TruthTableConfig};
    use fiscus_data::{Column, Dataset};

    fn pi(codes: [u8; 2], cover: &[u32]) -> Pi {
        Pi {
            codes: codes.to_vec(),
            mask: 0,
            cover: cover.to_vec(),
            nlit: codes.iter().filter(|&&c| c > 0).count(),
        }
    }

    /// After a truncated search, essential PIs are only those that alone cover a row, not
    /// those that happen to be in every model found.
    #[test]
    fn essential_pis_of_a_truncated_search() {
        let ds = Dataset::new(
            "d.csv",
            (1..=4).map(|i| i.to_string()).collect(),
            vec![
                Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]),
                Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
                Column::numbers("Y", &[0.0, 1.0, 1.0, 1.0]),
            ],
        )
        .unwrap();
        let tt = truth_table(
            QcaData::new(&ds, "Y", None).unwrap(),
            &TruthTableConfig::default(),
        )
        .unwrap();
        let u = tt.data.universe();
        // A covers rows 0 and 1, B covers row 1 only, ~B covers row 0 only.
        let pis = vec![pi([2, 0], &[0, 1]), pi([0, 2], &[1]), pi([0, 1], &[0])];
        let models = vec![vec![0]];
        let b = Budget::default();
        let full = build_solution(&tt, &u, (&pis, &models, false, None), &[2, 3], &b).unwrap();
        assert_eq!(full.essential, vec!["A"]);
        let cut = build_solution(&tt, &u, (&pis, &models, true, None), &[2, 3], &b).unwrap();
        assert!(cut.essential.is_empty(), "{:?}", cut.essential);
        let sole = vec![pi([2, 0], &[0]), pi([0, 2], &[1])];
        let cut = build_solution(&tt, &u, (&sole, &[vec![0, 1]], true, None), &[2, 3], &b).unwrap();
        assert_eq!(cut.essential, vec!["A", "B"]);
    }
}
