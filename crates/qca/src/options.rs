//! Options as users write them: a relation arrow in an expression, the `include` list, the
//! CNA-style thresholds, and the notes a minimisation leaves for its reader.

use crate::error::{QcaError, Result};
use crate::fit::Relation;
use crate::minimize::{Minimization, MinimizeConfig};

/// A sufficiency or necessity statement split at its arrow: `DEV*~IND -> SURV` gives
/// (`DEV*~IND`, `SURV`, sufficiency); `<->` keeps `relation`; no arrow gives the expression and
/// `outcome` unchanged. An outcome after the arrow that differs from `outcome` is an error.
///
/// ```
/// use fiscus_qca::{split_statement, Relation};
/// let (e, o, r) = split_statement("A*B <- Y", None, Relation::Sufficiency).unwrap();
/// assert_eq!((e.as_str(), o.as_deref(), r), ("A*B", Some("Y"), Relation::Necessity));
/// assert!(split_statement("A -> Y", Some("Z"), Relation::Sufficiency).is_err());
/// ```
pub fn split_statement(
    text: &str,
    outcome: Option<&str>,
    relation: Relation,
) -> Result<(String, Option<String>, Relation)> {
    let arrows = [
        ("<->", None),
        ("->", Some(Relation::Sufficiency)),
        ("=>", Some(Relation::Sufficiency)),
        ("<-", Some(Relation::Necessity)),
        ("<=", Some(Relation::Necessity)),
    ];
    for (arrow, rel) in arrows {
        if let Some((l, r)) = text.split_once(arrow) {
            let r = r.trim().to_string();
            if let Some(o) = outcome.filter(|o| o.trim() != r) {
                return Err(QcaError::Option(format!(
                    "two outcomes: the expression names `{r}` after `{arrow}` and --outcome names `{o}`; give one"
                )));
            }
            return Ok((l.trim().to_string(), Some(r), rel.unwrap_or(relation)));
        }
    }
    Ok((text.to_string(), outcome.map(str::to_string), relation))
}

impl MinimizeConfig {
    /// The minimisation options as written on the command line: `--include`, `--dir-exp`,
    /// `--row-dom`, `--all-sol`, `--max-models` (at least 1) and the search budget.
    ///
    /// ```
    /// let c = fiscus_qca::MinimizeConfig::from_options("?", Some("A,~B".into()), false, true, 0, Default::default()).unwrap();
    /// assert!(c.include_remainders && c.all_sol && c.max_models == 1);
    /// assert_eq!(c.dir_exp.as_deref(), Some("A,~B"));
    /// ```
    pub fn from_options(
        include: &str,
        dir_exp: Option<String>,
        row_dom: bool,
        all_sol: bool,
        max_models: usize,
        budget: crate::Budget,
    ) -> Result<Self> {
        let mut c = MinimizeConfig {
            dir_exp,
            row_dom,
            all_sol,
            max_models: max_models.max(1),
            budget,
            ..MinimizeConfig::default()
        };
        c.set_include(include)?;
        Ok(c)
    }

    /// Sets the outputs used as don't cares from R's `include` list: `?` (remainders), `C`
    /// (contradictions), `?,C`, or nothing.
    ///
    /// ```
    /// let mut c = fiscus_qca::MinimizeConfig::default();
    /// c.set_include("?").unwrap();
    /// assert!(c.include_remainders && !c.include_contradictions);
    /// assert!(c.set_include("X").is_err());
    /// ```
    pub fn set_include(&mut self, list: &str) -> Result<()> {
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item {
                "?" => self.include_remainders = true,
                "C" => self.include_contradictions = true,
                other => {
                    return Err(QcaError::Option(format!(
                        "--include: unknown value `{other}` (use ?, C or ?,C)"
                    )))
                }
            }
        }
        Ok(())
    }

    /// Sets R's CNA-style search (`pi.cons`, `sol.cons`, `sol.cov`, `sol.depth`), checking the
    /// ranges.
    ///
    /// ```
    /// let mut c = fiscus_qca::MinimizeConfig::default();
    /// assert!(c.set_cna(0.8, 0.0, 1.0, 7).is_ok() && c.pi_cons == 0.8);
    /// assert!(c.set_cna(1.2, 0.0, 1.0, 7).is_err());
    /// ```
    pub fn set_cna(
        &mut self,
        pi_cons: f64,
        sol_cons: f64,
        sol_cov: f64,
        depth: usize,
    ) -> Result<()> {
        for (flag, v) in [
            ("--pi-cons", pi_cons),
            ("--sol-cons", sol_cons),
            ("--sol-cov", sol_cov),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(QcaError::Option(format!(
                    "{flag} must lie in [0, 1], not {v}"
                )));
            }
        }
        if depth == 0 {
            return Err(QcaError::Option(
                "--sol-depth must be at least 1, not 0".into(),
            ));
        }
        (self.pi_cons, self.sol_cons, self.sol_cov, self.sol_depth) =
            (pi_cons, sol_cons, sol_cov, depth);
        Ok(())
    }

    /// R's rule: with a consistency threshold (`pi.cons` or `sol.cons`) and an inclusion
    /// cut-off of 1, the cut-off becomes `min(pi.cons, sol.cons)`. The new first cut-off, if
    /// the rule applies to `incl_cut`.
    ///
    /// ```
    /// let mut c = fiscus_qca::MinimizeConfig::default();
    /// c.set_cna(0.8, 0.9, 1.0, 7).unwrap();
    /// assert_eq!(c.cna_incl_cut(1.0), Some(0.8));
    /// assert_eq!(c.cna_incl_cut(0.75), None);
    /// ```
    pub fn cna_incl_cut(&self, incl_cut: f64) -> Option<f64> {
        (incl_cut == 1.0 && (self.pi_cons > 0.0 || self.sol_cons > 0.0))
            .then(|| self.pi_cons.min(self.sol_cons))
    }
}

impl Minimization {
    /// What a reader must know about how complete the result is: a budget that stopped the
    /// search before the minimum was proven (with the gap), or minimal models left unlisted.
    ///
    /// ```
    /// // See `fiscus minimize`, which prints these as warnings.
    /// let _ = fiscus_qca::Minimization::notes;
    /// ```
    pub fn notes(&self, all_sol: bool) -> Vec<String> {
        let mut notes: Vec<String> = self
            .intermediate
            .iter()
            .flatten()
            .filter(|i| i.truncated)
            .map(|i| format!("the search for the intermediate solution {} stopped at its share of the work budget; raise --work-budget to search further", i.name))
            .collect();
        notes.extend(self.main_notes(all_sol));
        notes
    }

    fn main_notes(&self, all_sol: bool) -> Vec<String> {
        let m = &self.main;
        let listed = m.models.len();
        let mut notes = Vec::new();
        if m.truncated {
            let gap = match m.chart {
                Some(c) if !c.minimum_proven => format!(
                    ": the models have {} PIs, and at least {} are needed (a gap of {})",
                    c.model_size,
                    c.lower_bound,
                    c.model_size.saturating_sub(c.lower_bound)
                ),
                _ => String::new(),
            };
            notes.push(format!(
                "a budget stopped the search before the result was proven{gap}; raise --work-budget (or --memory-budget, which bounds the PIs kept) to search further"
            ));
        }
        if let Some(found) = m.models_found {
            notes.push(format!(
                "{listed} of the {found} models found are listed: fitting more would exceed the work budget; raise --work-budget to list them"
            ));
        }
        match m.chart {
            Some(c)
                if !m.truncated
                    && !all_sol
                    && (!c.minimal_models_exact
                        || (m.models_found.unwrap_or(listed) as u64) < c.minimal_models) =>
            {
                // The models the listing found (more may be found than fitted and listed).
                let got = m.models_found.unwrap_or(listed);
                let found = if c.minimal_models_exact {
                    format!("{got} of the {} minimal models found", c.minimal_models)
                } else if c.minimal_models > got as u64 {
                    format!(
                        "{got} of at least {} minimal models found",
                        c.minimal_models
                    )
                } else {
                    let s = if got == 1 { "" } else { "s" };
                    format!("{got} minimal model{s} found, and there may be more")
                };
                notes.push(format!(
                    "{found}: the listing stopped at --max-models, at its share of --work-budget, or at the models --memory-budget holds"
                ));
            }
            _ => {}
        }
        notes
    }
}

impl crate::BooleanSpace {
    /// The space an expression is read in: the conditions of `data` the expression uses (or
    /// `names`) with the levels their values show, or `names` with `levels` (binary by
    /// default), or the conditions the expression names; `levels` overrides what is inferred.
    ///
    /// ```
    /// let s = fiscus_qca::BooleanSpace::resolve("A*~B", None, None, None).unwrap();
    /// assert_eq!((s.names.clone(), s.levels.clone()), (vec!["A".to_string(), "B".to_string()], vec![2, 2]));
    /// let s = fiscus_qca::BooleanSpace::resolve("A", None, Some(vec![3]), None).unwrap();
    /// assert_eq!(s.levels, vec![3]);
    /// ```
    pub fn resolve(
        expr: &str,
        names: Option<Vec<String>>,
        levels: Option<Vec<u32>>,
        data: Option<&fiscus_data::Dataset>,
    ) -> Result<crate::BooleanSpace> {
        use crate::BooleanSpace;
        if let Some(ds) = data {
            let names = names.unwrap_or_else(|| {
                let used = crate::sop_names(expr);
                let cols = ds.column_names().into_iter();
                cols.filter(|n| used.iter().any(|u| u == n))
                    .map(str::to_string)
                    .collect()
            });
            let mut inferred = Vec::new();
            for n in &names {
                let values = ds.numeric_complete(n)?;
                inferred.push(crate::detect_kind(n, &values)?.levels());
            }
            return BooleanSpace::new(names, levels.unwrap_or(inferred));
        }
        match (names, levels) {
            (Some(n), Some(l)) => BooleanSpace::new(n, l),
            (Some(n), None) => BooleanSpace::binary(&n),
            (None, None) => BooleanSpace::from_expression(expr),
            (None, Some(l)) => BooleanSpace::new(BooleanSpace::from_expression(expr)?.names, l),
        }
    }
}

impl crate::QcaData {
    /// What the reader must be told about the data: every case left out and why, and every
    /// condition with the same value in every case.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()],
    ///     vec![Column::numbers("A", &[1.0, 1.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// assert!(d.notes()[0].starts_with("condition `A` has the same value in every case"));
    /// ```
    pub fn notes(&self) -> Vec<String> {
        let dropped = self
            .dropped
            .iter()
            .map(|c| format!("case `{}` left out: {}", c.case, c.reason));
        let constant = self.constant_conditions().into_iter().map(|c| {
            format!("condition `{c}` has the same value in every case: it is kept as a binary set (as R QCA does) but cannot distinguish configurations")
        });
        dropped.chain(constant).collect()
    }
}

impl Minimization {
    /// The models a theory is evaluated against (modelFit()): every intermediate model named
    /// `C1P1-M1`, … when directional expectations were given, else the solution's models; each
    /// with its expression.
    ///
    /// ```
    /// // See `fiscus theory`.
    /// let _ = fiscus_qca::Minimization::named_models;
    /// ```
    pub fn named_models(&self) -> Vec<(String, String)> {
        match &self.intermediate {
            Some(inter) => inter
                .iter()
                .flat_map(|i| {
                    i.models
                        .iter()
                        .map(move |m| (format!("{}-{}", i.name, m.name), m.expression.clone()))
                })
                .collect(),
            None => self
                .main
                .models
                .iter()
                .map(|m| (m.name.clone(), m.expression.clone()))
                .collect(),
        }
    }
}

/// A comma-separated list of whole numbers given to the option `flag` (`--levels 3,2,2`,
/// `--rows 1,4`); the error names the option and the item.
///
/// ```
/// assert_eq!(fiscus_qca::whole_numbers::<u32>("3, 2", "--levels").unwrap(), vec![3, 2]);
/// let e = fiscus_qca::whole_numbers::<u64>("1,x", "--rows").unwrap_err();
/// assert_eq!(e.to_string(), "--rows: `x` is not a whole number");
/// ```
pub fn whole_numbers<T: std::str::FromStr>(text: &str, flag: &str) -> Result<Vec<T>> {
    let item = |x: &String| {
        x.parse::<T>()
            .map_err(|_| QcaError::Option(format!("{flag}: `{x}` is not a whole number")))
    };
    fiscus_data::split_list(text).iter().map(item).collect()
}

impl crate::ComplexityReport {
    /// The number of terms per complexity layer (R QCA's `complexity()`) of conditions with
    /// the levels `levels` lists (`2,2,3`), or of as many binary conditions as a lone number
    /// says (`5`); at most 64 conditions.
    ///
    /// ```
    /// let c = fiscus_qca::ComplexityReport::compute("2").unwrap();
    /// assert_eq!((c.levels, c.terms), (vec![2, 2], vec![4, 4]));
    /// assert!(fiscus_qca::ComplexityReport::compute("65").is_err());
    /// ```
    pub fn compute(levels: &str) -> Result<Self> {
        let lv: Vec<u32> = whole_numbers(levels, "--levels")?;
        let lv = match lv.as_slice() {
            [n] if !levels.contains(',') => vec![2; (*n).min(65) as usize],
            _ => lv,
        };
        if lv.len() > 64 {
            return Err(QcaError::Option(format!(
                "--levels: {} conditions; at most 64",
                lv.len()
            )));
        }
        let terms = crate::complexity(&lv)?;
        Ok(crate::ComplexityReport { levels: lv, terms })
    }
}

impl crate::TruthTableConfig {
    /// The truth-table options as written on the command line: `--incl-cut` (`0.8`, or `0.8,0.6`
    /// for contradictions), `--n-cut`, `--pri-cut` and `--inf-test` (`binom` or `binom,0.01`).
    /// Exclusions are set separately ([`TruthTableConfig::exclude_rows`](crate::TruthTableConfig::exclude_rows)).
    ///
    /// ```
    /// let c = fiscus_qca::TruthTableConfig::from_options("0.8,0.6", 2, 0.5, None).unwrap();
    /// assert_eq!((c.incl_cut1, c.incl_cut0, c.n_cut), (0.8, Some(0.6), 2));
    /// let e = fiscus_qca::TruthTableConfig::from_options("0.8,x", 1, 0.0, None).unwrap_err();
    /// assert_eq!(e.to_string(), "--incl-cut: `x` is not a number");
    /// ```
    pub fn from_options(
        incl_cut: &str,
        n_cut: usize,
        pri_cut: f64,
        inf_test: Option<&str>,
    ) -> Result<Self> {
        let (incl_cut1, incl_cut0) = incl_cuts(incl_cut)?;
        let inf_test = inf_test.map(str::parse::<crate::InfTest>).transpose();
        Ok(crate::TruthTableConfig {
            incl_cut1,
            incl_cut0,
            n_cut,
            pri_cut,
            exclude: Vec::new(),
            inf_test: inf_test.map_err(|e| QcaError::Option(format!("--inf-test: {e}")))?,
        })
    }

    /// Rows forced to OUT = 0 (ESA, `--exclude`): row numbers `3,7,12`, or an SOP expression
    /// whose remainders in the truth table of `data` (under these options) are excluded.
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()],
    ///     vec![Column::numbers("A", &[1.0, 1.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// let mut c = fiscus_qca::TruthTableConfig::default();
    /// c.exclude_rows(&d, "3, 7").unwrap();
    /// assert_eq!(c.exclude, vec![3, 7]);
    /// c.exclude_rows(&d, "~A").unwrap();
    /// assert_eq!(c.exclude, vec![1]);
    /// ```
    pub fn exclude_rows(&mut self, data: &crate::QcaData, exclude: &str) -> Result<()> {
        let items = fiscus_data::split_list(exclude);
        self.exclude = if items.iter().all(|s| s.parse::<u64>().is_ok()) {
            items.iter().filter_map(|s| s.parse().ok()).collect()
        } else {
            self.exclude.clear();
            let tt = crate::truth_table(data.clone(), self)?;
            crate::find_rows_subsets(&tt, exclude, false)?
        };
        Ok(())
    }
}

/// `--incl-cut`: one cut-off, or two (the second codes the rows between them as
/// contradictions).
///
/// ```
/// assert_eq!(fiscus_qca::incl_cuts("0.8").unwrap(), (0.8, None));
/// assert_eq!(fiscus_qca::incl_cuts("0.8, 0.6").unwrap(), (0.8, Some(0.6)));
/// assert!(fiscus_qca::incl_cuts("0.8,0.6,0.4").is_err());
/// ```
pub fn incl_cuts(text: &str) -> Result<(f64, Option<f64>)> {
    let item = |s: &String| {
        s.parse::<f64>()
            .map_err(|_| QcaError::Option(format!("--incl-cut: `{s}` is not a number")))
    };
    let cuts = fiscus_data::split_list(text)
        .iter()
        .map(item)
        .collect::<Result<Vec<f64>>>()?;
    match cuts[..] {
        [c1] => Ok((c1, None)),
        [c1, c0] => Ok((c1, Some(c0))),
        _ => Err(QcaError::Option(
            "--incl-cut takes one or two numbers, e.g. 0.8 or 0.8,0.6".into(),
        )),
    }
}

impl crate::TruthTable {
    /// What the reader must be told about the table: every case in no row (a fuzzy membership
    /// of exactly 0.5).
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()],
    ///     vec![Column::numbers("A", &[0.5, 0.8]), Column::numbers("Y", &[0.4, 0.9])]).unwrap();
    /// let d = fiscus_qca::QcaData::new(&ds, "Y", None).unwrap();
    /// let tt = fiscus_qca::truth_table(d, &Default::default()).unwrap();
    /// assert!(tt.notes()[0].starts_with("case `a` is in no truth-table row"));
    /// ```
    pub fn notes(&self) -> Vec<String> {
        self.half_cases
            .iter()
            .map(|c| format!("case `{}` is in no truth-table row: {} (fuzzy conditions should not have values of 0.5)", c.case, c.reason))
            .collect()
    }
}

impl crate::InfTestInfo {
    /// The binomial test of sufficiency as `fiscus fit` is asked for it: `--inf-test` (`binom`
    /// or `binom,0.01`) against the cut-offs `--incl-cut` (`0.75,0.5`, as in R's pof); only for
    /// the relation of sufficiency.
    ///
    /// ```
    /// use fiscus_qca::{InfTestInfo, Relation};
    /// let t = InfTestInfo::from_options("binom, 0.01", "0.75,0.5", Relation::Sufficiency).unwrap();
    /// assert_eq!((t.alpha, t.incl_cut), (0.01, vec![0.75, 0.5]));
    /// assert!(InfTestInfo::from_options("binom", "0.75", Relation::Necessity).is_err());
    /// ```
    pub fn from_options(inf_test: &str, incl_cut: &str, relation: Relation) -> Result<Self> {
        let test: crate::InfTest = inf_test
            .parse()
            .map_err(|e| QcaError::Option(format!("--inf-test: {e}")))?;
        if relation != Relation::Sufficiency {
            return Err(QcaError::Option(
                "--inf-test: the binomial test is a test of sufficiency (use --relation sufficiency)".into(),
            ));
        }
        let (c1, c0) = incl_cuts(incl_cut)?;
        let incl_cut = std::iter::once(c1).chain(c0).collect();
        Ok(crate::InfTestInfo {
            test: "binom",
            alpha: test.alpha,
            incl_cut,
        })
    }
}

impl crate::FitReport {
    /// The parameters of fit of the SOP expression `expr` on `data` (R QCA's `pof()`), with the
    /// p-values of the binomial test `inf_test` when given (sufficiency, crisp data).
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_qca::{FitReport, InfTestInfo, QcaData, Relation};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()],
    ///     vec![Column::numbers("A", &[1.0, 0.0]), Column::numbers("Y", &[1.0, 0.0])]).unwrap();
    /// let d = QcaData::new(&ds, "Y", None).unwrap();
    /// let r = FitReport::compute(&d, "A", Relation::Sufficiency, None).unwrap();
    /// assert_eq!((r.outcome.as_str(), r.rows[0].incl_s), ("Y", Some(1.0)));
    /// let t = InfTestInfo::from_options("binom", "0.75", Relation::Sufficiency).unwrap();
    /// let r = FitReport::compute(&d, "A", Relation::Sufficiency, Some(t)).unwrap();
    /// assert!(r.rows[0].pval1.is_some());
    /// ```
    pub fn compute(
        data: &crate::QcaData,
        expr: &str,
        relation: Relation,
        inf_test: Option<crate::InfTestInfo>,
    ) -> Result<Self> {
        let (cols, y, outcome) = (&data.conditions, &data.outcome.values, &data.outcome.label);
        let rows = match &inf_test {
            None => crate::pof(expr, cols, y, relation)?,
            Some(t) => {
                let (c1, c0) = (t.incl_cut[0], t.incl_cut.get(1).copied());
                crate::pof_binom(expr, cols, y, outcome, c1, c0)?
            }
        };
        Ok(crate::FitReport {
            outcome: outcome.clone(),
            relation,
            rows,
            inf_test,
        })
    }

    /// The necessity of every condition and its negation (`relation` must then be necessity),
    /// or with `search` R QCA's `superSubset()` search (for `search.relation`, which should be
    /// `relation`), telling `progress` how far the search has got.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_qca::{FitReport, QcaData, Relation};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()],
    ///     vec![Column::numbers("A", &[1.0, 0.0]), Column::numbers("Y", &[1.0, 0.0])]).unwrap();
    /// let d = QcaData::new(&ds, "Y", None).unwrap();
    /// let r = FitReport::necessity(&d, Relation::Necessity, None, &|_| {}).unwrap();
    /// assert_eq!(r.rows[0].term, "A");
    /// assert!(r.reaches(0.9));
    /// assert!(FitReport::necessity(&d, Relation::Sufficiency, None, &|_| {}).is_err());
    /// ```
    pub fn necessity(
        data: &crate::QcaData,
        relation: Relation,
        search: Option<&crate::SuperSubsetConfig>,
        progress: &(dyn Fn(crate::Progress) + Sync),
    ) -> Result<Self> {
        let rows = match search {
            Some(cfg) => crate::super_subset_with_progress(data, cfg, progress)?,
            None if relation != Relation::Necessity => {
                return Err(QcaError::Option(
                    "--relation sufficiency needs --search (or use `fiscus fit`)".into(),
                ))
            }
            None => crate::necessity_table(data),
        };
        let outcome = data.outcome.label.clone();
        Ok(crate::FitReport {
            outcome,
            relation,
            rows,
            inf_test: None,
        })
    }

    /// Whether some row reaches the inclusion `cut` (of necessity, else of sufficiency).
    ///
    /// ```
    /// use fiscus_qca::{FitReport, FitRow, Relation};
    /// let row = FitRow { term: "A".into(), incl_n: Some(0.95), ..Default::default() };
    /// let r = FitReport { outcome: "Y".into(), relation: Relation::Necessity, rows: vec![row], inf_test: None };
    /// assert!(r.reaches(0.9) && !r.reaches(0.96));
    /// ```
    pub fn reaches(&self, cut: f64) -> bool {
        let incl = |r: &crate::FitRow| r.incl_n.or(r.incl_s).unwrap_or(0.0);
        self.rows.iter().any(|r| incl(r) + fiscus_data::TOL > cut)
    }
}

/// `fiscus find-rows --type`: the types of rows asked for, `1`, `2`, `3` or `0` (all), as a
/// comma-separated list.
///
/// ```
/// assert_eq!(fiscus_qca::find_rows_types("2,3").unwrap(), vec![2, 3]);
/// assert_eq!(fiscus_qca::find_rows_types("x").unwrap_err().to_string(), "--type: `x` is not 0, 1, 2 or 3");
/// ```
pub fn find_rows_types(text: &str) -> Result<Vec<u8>> {
    let item = |t: &String| {
        t.parse::<u8>()
            .map_err(|_| QcaError::Option(format!("--type: `{t}` is not 0, 1, 2 or 3")))
    };
    fiscus_data::split_list(text).iter().map(item).collect()
}
