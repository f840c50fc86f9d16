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
            return vec![format!(
                "a work budget stopped the search before the result was proven{gap}; raise --work-budget to search further"
            )];
        }
        match m.chart {
            Some(c) if !c.minimal_models_exact && !all_sol => vec![format!(
                "{} of at least {} minimal models listed (--max-models, or the listing budget: --work-budget)",
                m.models.len(),
                c.minimal_models
            )],
            _ => Vec::new(),
        }
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
