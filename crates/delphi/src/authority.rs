//! Positive coefficient, authority coefficient (Ca, Cs, Cr) and expert weights.

use fiscus_data::{Cell, Dataset};
use serde::Serialize;

use crate::DelphiError;

/// Positive coefficient = questionnaires returned / sent (commonly judged good above 0.7).
///
/// ```
/// assert_eq!(fiscus_delphi::positive_coefficient(15, 12).unwrap(), 0.8);
/// assert!(fiscus_delphi::positive_coefficient(10, 12).is_err());
/// ```
pub fn positive_coefficient(sent: usize, returned: usize) -> Result<f64, DelphiError> {
    if sent == 0 || returned > sent {
        return Err(DelphiError::Returned { sent, returned });
    }
    Ok(returned as f64 / sent as f64)
}

/// One judgment basis of the Ca table: its name and the score of each level (level 1 first,
/// conventionally large / medium / small influence).
///
/// ```
/// let b = fiscus_delphi::Basis::new("practice", vec![0.5, 0.4, 0.3]);
/// assert_eq!(b.scores.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    /// Name; also the column of the expert table that holds each expert's level.
    pub name: String,
    /// Score of level 1, 2, ...
    pub scores: Vec<f64>,
}

impl Basis {
    /// A basis from its name and level scores.
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::Basis::new("theory", vec![0.3, 0.2, 0.1]).name, "theory");
    /// ```
    pub fn new(name: impl Into<String>, scores: Vec<f64>) -> Self {
        Basis {
            name: name.into(),
            scores,
        }
    }
}

/// The scoring tables of the authority coefficient.
///
/// The default is the standard table: judgment bases practical experience 0.5/0.4/0.3,
/// theoretical analysis 0.3/0.2/0.1, knowledge of peers at home and abroad 0.1/0.1/0.1,
/// intuition 0.1/0.1/0.1 (large/medium/small influence; Ca of an expert is the sum, at most 1);
/// familiarity very familiar 1.0, familiar 0.8, moderately 0.6, slightly 0.4, unfamiliar 0.2.
///
/// ```
/// let t = fiscus_delphi::AuthorityTables::default();
/// assert_eq!(t.bases.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(),
///            vec!["practice", "theory", "peers", "intuition"]);
/// assert_eq!(t.familiarity, vec![1.0, 0.8, 0.6, 0.4, 0.2]);
/// assert_eq!(t.threshold, 0.7);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorityTables {
    /// Judgment bases and their level scores (Ca).
    pub bases: Vec<Basis>,
    /// Familiarity scores by level, level 1 first (Cs).
    pub familiarity: Vec<f64>,
    /// Cr at or above which authority is acceptable; default 0.7.
    pub threshold: f64,
}

impl Default for AuthorityTables {
    fn default() -> Self {
        AuthorityTables {
            bases: vec![
                Basis::new("practice", vec![0.5, 0.4, 0.3]),
                Basis::new("theory", vec![0.3, 0.2, 0.1]),
                Basis::new("peers", vec![0.1, 0.1, 0.1]),
                Basis::new("intuition", vec![0.1, 0.1, 0.1]),
            ],
            familiarity: vec![1.0, 0.8, 0.6, 0.4, 0.2],
            threshold: 0.7,
        }
    }
}

impl AuthorityTables {
    /// Checks that every table has at least one level and finite, non-negative scores.
    ///
    /// ```
    /// let mut t = fiscus_delphi::AuthorityTables::default();
    /// assert!(t.validate().is_ok());
    /// t.familiarity.clear();
    /// assert!(t.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), DelphiError> {
        let check = |name: &str, s: &[f64]| {
            if s.is_empty() {
                return Err(DelphiError::BadTable {
                    name: name.into(),
                    reason: "has no levels".into(),
                });
            }
            if let Some(v) = s.iter().find(|v| !v.is_finite() || **v < 0.0) {
                return Err(DelphiError::BadTable {
                    name: name.into(),
                    reason: format!("score {v} is not a finite non-negative number"),
                });
            }
            Ok(())
        };
        if self.bases.is_empty() {
            return Err(DelphiError::BadTable {
                name: "judgment bases".into(),
                reason: "no basis given".into(),
            });
        }
        for (i, b) in self.bases.iter().enumerate() {
            if self.bases[..i].iter().any(|c| c.name == b.name) {
                return Err(DelphiError::BadTable {
                    name: b.name.clone(),
                    reason: "is named twice".into(),
                });
            }
            check(&b.name, &b.scores)?;
        }
        check("familiarity", &self.familiarity)?;
        if !(self.threshold.is_finite()) {
            return Err(DelphiError::BadTable {
                name: "threshold".into(),
                reason: format!("{} is not a finite number", self.threshold),
            });
        }
        Ok(())
    }
}

/// Parses a judgment-basis level: a number (1 = large) or `large|high|大`, `medium|中`,
/// `small|low|小` (case-insensitive). `None` when it is neither.
///
/// ```
/// use fiscus_delphi::parse_basis_level;
/// assert_eq!(parse_basis_level("Large"), Some(1));
/// assert_eq!(parse_basis_level("中"), Some(2));
/// assert_eq!(parse_basis_level("3"), Some(3));
/// assert_eq!(parse_basis_level("huge"), None);
/// ```
pub fn parse_basis_level(text: &str) -> Option<usize> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "large" | "high" | "big" | "大" => Some(1),
        "medium" | "moderate" | "middle" | "中" => Some(2),
        "small" | "low" | "小" => Some(3),
        _ => parse_level_number(&t),
    }
}

/// Parses a familiarity level: a number (1 = very familiar) or `very familiar|很熟悉|非常熟悉`,
/// `familiar|熟悉|比较熟悉`, `moderately familiar|moderate|一般`, `slightly familiar|不太熟悉`,
/// `unfamiliar|not familiar|不熟悉|很不熟悉`. `None` when it is neither.
///
/// ```
/// use fiscus_delphi::parse_familiarity_level;
/// assert_eq!(parse_familiarity_level("very familiar"), Some(1));
/// assert_eq!(parse_familiarity_level("一般"), Some(3));
/// assert_eq!(parse_familiarity_level("5"), Some(5));
/// assert_eq!(parse_familiarity_level("?"), None);
/// ```
pub fn parse_familiarity_level(text: &str) -> Option<usize> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "very familiar" | "很熟悉" | "非常熟悉" => Some(1),
        "familiar" | "熟悉" | "比较熟悉" | "较熟悉" => Some(2),
        "moderately familiar" | "moderate" | "moderately" | "一般" | "一般熟悉" => Some(3),
        "slightly familiar" | "slightly" | "不太熟悉" | "较不熟悉" => Some(4),
        "unfamiliar" | "not familiar" | "不熟悉" | "很不熟悉" => Some(5),
        _ => parse_level_number(&t),
    }
}

fn parse_level_number(t: &str) -> Option<usize> {
    let v: f64 = t.parse().ok()?;
    (v.fract() == 0.0 && (1.0..=1e6).contains(&v)).then_some(v as usize)
}

/// One expert's self-rating: the level of each judgment basis (in the order of the table's
/// bases, 1-based) and the familiarity level (1-based).
///
/// ```
/// let e = fiscus_delphi::ExpertSelfRating::new("E1", vec![1, 1, 1, 1], 1);
/// assert_eq!(e.familiarity_level, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpertSelfRating {
    /// Expert id.
    pub expert: String,
    /// Level of each judgment basis, 1-based, in table order.
    pub basis_levels: Vec<usize>,
    /// Familiarity level, 1-based.
    pub familiarity_level: usize,
}

impl ExpertSelfRating {
    /// A self-rating from its parts.
    ///
    /// ```
    /// let e = fiscus_delphi::ExpertSelfRating::new("E2", vec![2, 1, 1, 1], 2);
    /// assert_eq!(e.expert, "E2");
    /// ```
    pub fn new(
        expert: impl Into<String>,
        basis_levels: Vec<usize>,
        familiarity_level: usize,
    ) -> Self {
        ExpertSelfRating {
            expert: expert.into(),
            basis_levels,
            familiarity_level,
        }
    }
}

impl ExpertSelfRating {
    /// Reads the experts' self-rating table: one row per expert (the case labels are the expert
    /// ids), one column per judgment basis of `tables` (level 1/2/3 or large/medium/small) and a
    /// `familiarity` column (1..5 or very familiar .. unfamiliar). Every problem names the
    /// source, the row, the expert and the column, including a level beyond the table's levels.
    ///
    /// ```
    /// use fiscus_data::{Cell, Column, Dataset};
    /// use fiscus_delphi::{AuthorityTables, ExpertSelfRating};
    /// let t = |v: &[&str]| v.iter().map(|x| Cell::Text(x.to_string())).collect::<Vec<_>>();
    /// let ds = Dataset::new("experts.csv", vec!["E1".into(), "E2".into()], vec![
    ///     Column::new("practice", t(&["large", "medium"])), Column::new("theory", t(&["large", "small"])),
    ///     Column::new("peers", t(&["medium", "medium"])), Column::new("intuition", t(&["small", "small"])),
    ///     Column::new("familiarity", t(&["very familiar", "huge"])),
    /// ]).unwrap();
    /// let e = ExpertSelfRating::from_dataset(&ds, &AuthorityTables::default()).unwrap_err();
    /// assert!(e.to_string().starts_with("experts.csv: row 2 (expert `E2`), column `familiarity`: `huge`"), "{e}");
    /// ```
    pub fn from_dataset(
        ds: &Dataset,
        tables: &AuthorityTables,
    ) -> Result<Vec<ExpertSelfRating>, DelphiError> {
        let mut cols = Vec::with_capacity(tables.bases.len() + 1);
        for b in &tables.bases {
            cols.push((ds.column(&b.name)?, b.scores.len(), false));
        }
        cols.push((ds.column("familiarity")?, tables.familiarity.len(), true));
        let mut out = Vec::with_capacity(ds.n_cases());
        for (i, expert) in ds.cases().iter().enumerate() {
            let mut levels = Vec::with_capacity(cols.len());
            for &(col, n_levels, familiarity) in &cols {
                let bad = |message: String| DelphiError::SelfRating {
                    source_name: ds.source().to_string(),
                    row: i + 1,
                    expert: expert.clone(),
                    column: col.name.clone(),
                    message,
                };
                let text = match &col.cells[i] {
                    Cell::Missing => return Err(bad("missing value".into())),
                    c => c.to_string(),
                };
                let (level, known) = if familiarity {
                    (
                        parse_familiarity_level(&text),
                        "1..5 or very familiar, familiar, moderately familiar, slightly familiar, unfamiliar",
                    )
                } else {
                    (parse_basis_level(&text), "1..3 or large, medium, small")
                };
                let Some(level) = level else {
                    return Err(bad(format!("`{text}` is not a level ({known})")));
                };
                if level > n_levels {
                    return Err(bad(format!(
                        "level `{text}` is beyond the {n_levels} levels of the scoring table"
                    )));
                }
                levels.push(level);
            }
            let fam = levels.pop().unwrap_or(0);
            out.push(ExpertSelfRating::new(expert.clone(), levels, fam));
        }
        Ok(out)
    }
}

/// Ca, Cs, Cr and the weight of one expert.
///
/// ```
/// use fiscus_delphi::{authority, AuthorityTables, ExpertSelfRating};
/// let a = authority(&[ExpertSelfRating::new("E1", vec![1, 1, 1, 1], 2)], &AuthorityTables::default()).unwrap();
/// let e = &a.experts[0];
/// assert!((e.ca - 1.0).abs() < 1e-12 && (e.cs - 0.8).abs() < 1e-12 && (e.cr - 0.9).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpertAuthority {
    /// Expert id.
    pub expert: String,
    /// Judgment coefficient: sum of the basis scores.
    #[serde(rename = "Ca")]
    pub ca: f64,
    /// Familiarity coefficient.
    #[serde(rename = "Cs")]
    pub cs: f64,
    /// Authority coefficient (Ca + Cs)/2.
    #[serde(rename = "Cr")]
    pub cr: f64,
    /// Cr / Σ Cr: the expert's weight for group aggregation.
    pub weight: f64,
    /// Cr at or above the threshold.
    pub acceptable: bool,
}

/// The panel's authority: per expert values and the panel means.
///
/// ```
/// use fiscus_delphi::{authority, AuthorityTables, ExpertSelfRating};
/// let a = authority(&[ExpertSelfRating::new("E1", vec![1, 1, 1, 1], 1),
///                     ExpertSelfRating::new("E2", vec![2, 2, 1, 1], 3)], &AuthorityTables::default()).unwrap();
/// assert!((a.ca - 0.9).abs() < 1e-12);
/// assert!((a.cs - 0.8).abs() < 1e-12);
/// assert!((a.cr - 0.85).abs() < 1e-12);
/// assert!(a.acceptable);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authority {
    /// One entry per expert, in input order.
    pub experts: Vec<ExpertAuthority>,
    /// Panel Ca: mean over experts.
    #[serde(rename = "Ca")]
    pub ca: f64,
    /// Panel Cs: mean over experts.
    #[serde(rename = "Cs")]
    pub cs: f64,
    /// Panel Cr = (Ca + Cs)/2.
    #[serde(rename = "Cr")]
    pub cr: f64,
    /// Threshold used for `acceptable`.
    pub threshold: f64,
    /// Panel Cr at or above the threshold.
    pub acceptable: bool,
}

impl Authority {
    /// Why the panel's authority is not acceptable (its Cr is below the threshold), if it is not.
    ///
    /// ```
    /// use fiscus_delphi::{authority, AuthorityTables, ExpertSelfRating};
    /// let a = authority(&[ExpertSelfRating::new("E1", vec![3, 3, 3, 3], 5)], &AuthorityTables::default()).unwrap();
    /// assert!(a.shortfall().unwrap().starts_with("panel authority Cr = "));
    /// ```
    pub fn shortfall(&self) -> Option<String> {
        (!self.acceptable).then(|| {
            format!(
                "panel authority Cr = {:.4} is below the threshold {}",
                self.cr, self.threshold
            )
        })
    }
}

/// Computes Ca, Cs and Cr per expert and for the panel from the experts' self-ratings.
///
/// `Ca_i = Σ_b table_b[level_ib]`, `Cs_i = familiarity[level_i]`, `Cr_i = (Ca_i + Cs_i)/2`; panel
/// Ca and Cs are the means over experts and panel Cr = (Ca + Cs)/2 (equal to the mean Cr).
/// Expert weights are Cr_i / Σ Cr.
///
/// ```
/// use fiscus_delphi::{authority, AuthorityTables, ExpertSelfRating};
/// let e = authority(&[ExpertSelfRating::new("E1", vec![4, 1, 1, 1], 1)], &AuthorityTables::default()).unwrap_err();
/// assert_eq!(e.to_string(), "expert `E1`: practice level `4` is not one of 1..3");
/// ```
pub fn authority(
    experts: &[ExpertSelfRating],
    tables: &AuthorityTables,
) -> Result<Authority, DelphiError> {
    tables.validate()?;
    if experts.is_empty() {
        return Err(DelphiError::TooFew {
            what: "the authority coefficient".into(),
            needed: 1,
            got: 0,
            unit: "experts".into(),
        });
    }
    let mut rows = Vec::with_capacity(experts.len());
    for (i, e) in experts.iter().enumerate() {
        if experts[..i].iter().any(|d| d.expert == e.expert) {
            return Err(DelphiError::Weights(format!(
                "expert id `{}` is repeated in the expert table",
                e.expert
            )));
        }
        if e.basis_levels.len() != tables.bases.len() {
            return Err(DelphiError::BadTable {
                name: "judgment bases".into(),
                reason: format!(
                    "expert `{}` has {} levels but the table has {} bases",
                    e.expert,
                    e.basis_levels.len(),
                    tables.bases.len()
                ),
            });
        }
        let mut ca = 0.0;
        for (b, &lvl) in tables.bases.iter().zip(&e.basis_levels) {
            let s = level_score(&e.expert, &b.name, &b.scores, lvl)?;
            ca += s;
        }
        let cs = level_score(
            &e.expert,
            "familiarity",
            &tables.familiarity,
            e.familiarity_level,
        )?;
        rows.push((e.expert.clone(), ca, cs));
    }
    let crs: Vec<f64> = rows.iter().map(|(_, a, s)| (a + s) / 2.0).collect();
    let weights = expert_weights(&crs)?;
    let k = rows.len() as f64;
    let ca = rows.iter().map(|r| r.1).sum::<f64>() / k;
    let cs = rows.iter().map(|r| r.2).sum::<f64>() / k;
    let cr = (ca + cs) / 2.0;
    let experts = rows
        .into_iter()
        .zip(crs.iter().zip(&weights))
        .map(|((expert, ca, cs), (&cr, &weight))| ExpertAuthority {
            expert,
            ca,
            cs,
            cr,
            weight,
            acceptable: cr >= tables.threshold,
        })
        .collect();
    Ok(Authority {
        experts,
        ca,
        cs,
        cr,
        threshold: tables.threshold,
        acceptable: cr >= tables.threshold,
    })
}

fn level_score(
    expert: &str,
    basis: &str,
    scores: &[f64],
    level: usize,
) -> Result<f64, DelphiError> {
    if level == 0 || level > scores.len() {
        return Err(DelphiError::BadLevel {
            expert: expert.into(),
            basis: basis.into(),
            level: level.to_string(),
            levels: scores.len(),
        });
    }
    Ok(scores[level - 1])
}

/// Expert weights proportional to their authority coefficients (Σ = 1), for group
/// aggregation in AHP (AIJ/AIP) or weighted Delphi means.
///
/// ```
/// let w = fiscus_delphi::expert_weights(&[0.9, 0.6]).unwrap();
/// assert!((w[0] - 0.6).abs() < 1e-12 && (w[1] - 0.4).abs() < 1e-12);
/// assert!(fiscus_delphi::expert_weights(&[0.0, 0.0]).is_err());
/// ```
pub fn expert_weights(cr: &[f64]) -> Result<Vec<f64>, DelphiError> {
    if let Some(v) = cr.iter().find(|v| !v.is_finite() || **v < 0.0) {
        return Err(DelphiError::Weights(format!(
            "authority {v} is not a finite non-negative number"
        )));
    }
    let total: f64 = cr.iter().sum();
    if total <= 0.0 {
        return Err(DelphiError::Weights(
            "the authority coefficients sum to 0".into(),
        ));
    }
    Ok(cr.iter().map(|v| v / total).collect())
}

impl AuthorityTables {
    /// Tables from the command line's spelling: bases `NAME=S1,S2,S3` (level 1 = large
    /// influence; none given: the defaults), familiarity scores `S1,...` (level 1 = very
    /// familiar) and the acceptable Cr; validated.
    ///
    /// ```
    /// use fiscus_delphi::AuthorityTables;
    /// let t = AuthorityTables::from_options(&["practice=0.5,0.4,0.3".into()], Some("1,0.5"), 0.7).unwrap();
    /// assert_eq!((t.bases.len(), t.familiarity.len()), (1, 2));
    /// assert!(AuthorityTables::from_options(&["practice".into()], None, 0.7).is_err());
    /// ```
    pub fn from_options(
        bases: &[String],
        familiarity: Option<&str>,
        threshold: f64,
    ) -> Result<AuthorityTables, DelphiError> {
        let mut t = AuthorityTables {
            threshold,
            ..Default::default()
        };
        if !bases.is_empty() {
            t.bases = bases
                .iter()
                .map(|b| {
                    let (name, scores) = b.split_once('=').ok_or_else(|| {
                        DelphiError::Parse(fiscus_data::ParseError::NotAPair(b.clone()))
                    })?;
                    Ok(Basis::new(name.trim(), fiscus_data::parse_numbers(scores)?))
                })
                .collect::<Result<_, DelphiError>>()?;
        }
        if let Some(f) = familiarity {
            t.familiarity = fiscus_data::parse_numbers(f)?;
        }
        t.validate()?;
        Ok(t)
    }
}
