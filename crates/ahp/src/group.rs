//! Groups of experts: survey tables, per-expert results, and aggregation by AIJ or AIP.

use serde::Serialize;

use crate::{
    analyze, analyze_complete, complete, parse_judgment, AhpConfig, AhpError, AhpResult,
    InconsistentJudgment, InputConfig, Judgments, Method, PairwiseMatrix, RiTable,
};

/// Splits a survey column name such as `PROMO_vs_ECON` (also `PROMO vs ECON`, `PROMO-vs-ECON`,
/// `PROMO.vs.ECON`; `vs` in any case) into the two elements.
///
/// ```
/// use fiscus_ahp::parse_pair_column;
/// assert_eq!(parse_pair_column("PROMO_vs_ECON"), Some(("PROMO".into(), "ECON".into())));
/// assert_eq!(parse_pair_column("cost VS fun"), Some(("cost".into(), "fun".into())));
/// assert_eq!(parse_pair_column("weight"), None);
/// ```
pub fn parse_pair_column(name: &str) -> Option<(String, String)> {
    let lower = name.to_ascii_lowercase();
    for sep in ["_vs_", " vs ", "-vs-", ".vs."] {
        if let Some(k) = lower.find(sep) {
            let a = name[..k].trim();
            let b = name[k + sep.len()..].trim();
            if !a.is_empty() && !b.is_empty() && a != b {
                return Some((a.to_string(), b.to_string()));
            }
        }
    }
    None
}

/// Converts a survey answer in column `A_vs_B` to the judgment `a_AB` (Saaty questionnaire
/// convention): a value ≥ 1 means A is that many times as important as B; a value in (0, 1) is
/// taken as the fraction itself (`1/3` = B three times as important); a negative value ≤ −1 means
/// B is |v| times as important as A (signed 9…1…9 coding, `−1` = equal). Zero and values in
/// (−1, 0) are errors.
///
/// ```
/// use fiscus_ahp::survey_judgment;
/// assert_eq!(survey_judgment(3.0).unwrap(), 3.0);
/// assert_eq!(survey_judgment(-4.0).unwrap(), 0.25);
/// assert_eq!(survey_judgment(0.5).unwrap(), 0.5);
/// assert!(survey_judgment(0.0).is_err());
/// ```
pub fn survey_judgment(v: f64) -> Result<f64, String> {
    if !v.is_finite() {
        Err(format!("{v} is not a number"))
    } else if v > 0.0 {
        Ok(v)
    } else if v <= -1.0 {
        Ok(-1.0 / v)
    } else if v == 0.0 {
        Err("0 is not a judgment (write 1 for equal importance)".into())
    } else {
        Err(format!(
            "{v} is not a judgment (negative answers must be -1 ... -9: the right element is more important)"
        ))
    }
}

/// The experts' judgments read from a survey table.
///
/// ```
/// use fiscus_ahp::Survey;
/// let s = Survey::from_table(&["E1".into()], &["A_vs_B".into(), "B_vs_C".into(), "A_vs_C".into()],
///     &[vec!["3".into(), "-2".into(), "1".into()]], &Default::default()).unwrap().0;
/// assert_eq!(s.elements, vec!["A", "B", "C"]);
/// assert_eq!(s.judgments[0].get(1, 2), Some(0.5));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survey {
    /// Elements in order of first appearance in the column names.
    pub elements: Vec<String>,
    /// Expert labels.
    pub experts: Vec<String>,
    /// One set of judgments per expert.
    pub judgments: Vec<Judgments>,
}

impl Survey {
    /// Reads a survey: one row per expert (`cells[e][c]` is expert e's answer in column c).
    /// Columns that are not pair columns are ignored (a warning lists them); an empty cell is a
    /// missing judgment. Returns the survey and warnings.
    ///
    /// ```
    /// use fiscus_ahp::Survey;
    /// let err = Survey::from_table(&["E1".into()], &["A_vs_B".into()], &[vec!["0".into()]], &Default::default()).unwrap_err();
    /// assert!(err.to_string().contains("expert `E1`, column `A_vs_B`"));
    /// let twice = Survey::from_table(&["E1".into(), "E1".into()], &["A_vs_B".into()],
    ///     &[vec!["2".into()], vec!["3".into()]], &Default::default()).unwrap_err();
    /// assert_eq!(twice.to_string(), "expert id `E1` is repeated (rows 1 and 2)");
    /// let three = Survey::from_table(&["E1".into()], &["A_vs_B_vs_C".into()],
    ///     &[vec!["2".into()]], &Default::default()).unwrap_err();
    /// assert!(three.to_string().contains("`A_vs_B_vs_C` compares more than two elements"));
    /// ```
    pub fn from_table(
        experts: &[String],
        columns: &[String],
        cells: &[Vec<String>],
        config: &InputConfig,
    ) -> Result<(Survey, Vec<String>), AhpError> {
        let mut warnings = Vec::new();
        let mut elements: Vec<String> = Vec::new();
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        let mut ignored = Vec::new();
        for (c, name) in columns.iter().enumerate() {
            let Some((a, b)) = parse_pair_column(name) else {
                ignored.push(format!("`{name}`"));
                continue;
            };
            if parse_pair_column(&a).is_some() || parse_pair_column(&b).is_some() {
                return Err(AhpError::Survey(format!(
                    "column `{name}` compares more than two elements: name a pairwise column `A_vs_B`"
                )));
            }
            let mut idx = |x: &str| match elements.iter().position(|e| e == x) {
                Some(k) => k,
                None => {
                    elements.push(x.to_string());
                    elements.len() - 1
                }
            };
            let (ia, ib) = (idx(&a), idx(&b));
            if let Some(&(_, _, other)) = pairs
                .iter()
                .find(|&&(x, y, _)| (x, y) == (ia, ib) || (x, y) == (ib, ia))
            {
                return Err(AhpError::Survey(format!(
                    "columns `{}` and `{name}` compare the same pair",
                    columns[other]
                )));
            }
            pairs.push((ia, ib, c));
        }
        if pairs.is_empty() {
            return Err(AhpError::Survey(
                "no pairwise columns: name them like `PROMO_vs_ECON`".into(),
            ));
        }
        if !ignored.is_empty() {
            warnings.push(format!(
                "columns {} are not pairwise comparisons (`A_vs_B`) and were ignored",
                ignored.join(", ")
            ));
        }
        if experts.is_empty() {
            return Err(AhpError::Survey("the survey has no experts (rows)".into()));
        }
        for (e, expert) in experts.iter().enumerate() {
            if let Some(first) = experts[..e].iter().position(|x| x == expert) {
                return Err(AhpError::DuplicateExpert {
                    expert: expert.clone(),
                    first: first + 1,
                    second: e + 1,
                });
            }
        }
        let n = elements.len();
        let mut judgments = Vec::with_capacity(experts.len());
        for (e, expert) in experts.iter().enumerate() {
            let row = cells
                .get(e)
                .ok_or_else(|| AhpError::Survey(format!("expert `{expert}` has no answers")))?;
            let mut m = vec![vec![None; n]; n];
            for &(a, b, c) in &pairs {
                let cell_err = |message: String| AhpError::SurveyCell {
                    expert: expert.clone(),
                    column: columns[c].clone(),
                    message,
                };
                let text = row.get(c).map_or("", String::as_str);
                let raw = parse_judgment(text).map_err(|e| cell_err(e.to_string()))?;
                if let Some(v) = raw {
                    let x = survey_judgment(v).map_err(cell_err)?;
                    m[a][b] = Some(x);
                }
            }
            let (j, w) = Judgments::new(elements.clone(), m, config)
                .map_err(|err| AhpError::Survey(format!("expert `{expert}`: {err}")))?;
            warnings.extend(w.into_iter().map(|w| format!("expert `{expert}`: {w}")));
            judgments.push(j);
        }
        Ok((
            Survey {
                elements,
                experts: experts.to_vec(),
                judgments,
            },
            warnings,
        ))
    }
}

/// How the group's weights are formed.
///
/// ```
/// use fiscus_ahp::Aggregation;
/// assert_eq!(Aggregation::default(), Aggregation::Aij);
/// assert_eq!("aip-geometric".parse::<Aggregation>().unwrap(), Aggregation::AipGeometric);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Aggregation {
    /// Aggregation of individual judgments: weighted geometric mean of the matrices, then the
    /// priority method on the group matrix.
    #[default]
    Aij,
    /// Aggregation of individual priorities by a weighted arithmetic mean.
    AipArithmetic,
    /// Aggregation of individual priorities by a weighted geometric mean, normalised.
    AipGeometric,
}

impl Aggregation {
    /// The name on the command line and in JSON.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::Aggregation::AipArithmetic.name(), "aip-arithmetic");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Aij => "aij",
            Aggregation::AipArithmetic => "aip-arithmetic",
            Aggregation::AipGeometric => "aip-geometric",
        }
    }
}

impl std::str::FromStr for Aggregation {
    type Err = AhpError;

    /// Parses `aij`, `aip-arithmetic` (or `aip`) and `aip-geometric`.
    ///
    /// ```
    /// assert!("median".parse::<fiscus_ahp::Aggregation>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "aij" => Ok(Aggregation::Aij),
            "aip" | "aip-arithmetic" => Ok(Aggregation::AipArithmetic),
            "aip-geometric" => Ok(Aggregation::AipGeometric),
            _ => Err(AhpError::UnknownOption {
                what: "aggregation".into(),
                name: s.to_string(),
                expected: "aij, aip-arithmetic, aip-geometric".into(),
            }),
        }
    }
}

/// Normalises expert weights to sum 1 (they must be finite, non-negative, not all zero).
///
/// ```
/// assert_eq!(fiscus_ahp::normalise_expert_weights(&[2.0, 2.0, 4.0]).unwrap(), vec![0.25, 0.25, 0.5]);
/// assert!(fiscus_ahp::normalise_expert_weights(&[0.0, -1.0]).is_err());
/// ```
pub fn normalise_expert_weights(w: &[f64]) -> Result<Vec<f64>, AhpError> {
    if let Some(bad) = w.iter().find(|x| !(x.is_finite() && **x >= 0.0)) {
        return Err(AhpError::BadWeights(format!(
            "expert weight {bad} is not a non-negative number"
        )));
    }
    let s: f64 = w.iter().sum();
    if s <= 0.0 {
        return Err(AhpError::BadWeights(
            "the expert weights are all zero".into(),
        ));
    }
    Ok(w.iter().map(|x| x / s).collect())
}

/// AIJ: the element-wise weighted geometric mean of complete matrices (weights normalised). The
/// result is reciprocal because each log-entry is a weighted mean of antisymmetric values.
///
/// ```
/// use fiscus_ahp::{aggregate_judgments, PairwiseMatrix};
/// let names = vec!["a".to_string(), "b".into()];
/// let m1 = PairwiseMatrix::new(names.clone(), vec![vec![1.0, 4.0], vec![0.25, 1.0]]).unwrap();
/// let m2 = PairwiseMatrix::new(names, vec![vec![1.0, 1.0], vec![1.0, 1.0]]).unwrap();
/// let g = aggregate_judgments(&[m1, m2], &[1.0, 1.0]).unwrap();
/// assert!((g.get(0, 1) - 2.0).abs() < 1e-12);
/// ```
pub fn aggregate_judgments(
    matrices: &[PairwiseMatrix],
    weights: &[f64],
) -> Result<PairwiseMatrix, AhpError> {
    let first = matrices
        .first()
        .ok_or_else(|| AhpError::BadWeights("no matrices to aggregate".into()))?;
    if weights.len() != matrices.len() {
        return Err(AhpError::BadWeights(format!(
            "{} expert weights for {} matrices",
            weights.len(),
            matrices.len()
        )));
    }
    let w = normalise_expert_weights(weights)?;
    let n = first.n();
    if let Some(m) = matrices.iter().find(|m| m.names() != first.names()) {
        return Err(AhpError::BadWeights(format!(
            "matrices compare different elements: {:?} and {:?}",
            first.names(),
            m.names()
        )));
    }
    let mut a = vec![vec![1.0; n]; n];
    for (i, row) in a.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate().skip(i + 1) {
            let log: f64 = matrices
                .iter()
                .zip(&w)
                .map(|(m, wk)| wk * m.get(i, j).ln())
                .sum();
            *cell = log.exp();
        }
    }
    Ok(PairwiseMatrix::from_upper_unchecked(
        first.names().to_vec(),
        a,
    ))
}

/// AIP: the weighted arithmetic mean of priority vectors, or (with `geometric`) their weighted
/// geometric mean normalised to sum 1.
///
/// ```
/// use fiscus_ahp::aggregate_priorities;
/// let p = vec![vec![0.8, 0.2], vec![0.2, 0.8]];
/// assert_eq!(aggregate_priorities(&p, &[1.0, 1.0], false).unwrap(), vec![0.5, 0.5]);
/// let g = aggregate_priorities(&p, &[1.0, 1.0], true).unwrap();
/// assert!((g[0] - 0.5).abs() < 1e-12);
/// ```
pub fn aggregate_priorities(
    priorities: &[Vec<f64>],
    weights: &[f64],
    geometric: bool,
) -> Result<Vec<f64>, AhpError> {
    let first = priorities
        .first()
        .ok_or_else(|| AhpError::BadWeights("no priorities to aggregate".into()))?;
    if weights.len() != priorities.len() || priorities.iter().any(|p| p.len() != first.len()) {
        return Err(AhpError::BadWeights(
            "priority vectors and expert weights do not match in length".into(),
        ));
    }
    let w = normalise_expert_weights(weights)?;
    let n = first.len();
    let mut out: Vec<f64> = (0..n)
        .map(|i| {
            if geometric {
                priorities
                    .iter()
                    .zip(&w)
                    .map(|(p, wk)| wk * p[i].ln())
                    .sum::<f64>()
                    .exp()
            } else {
                priorities.iter().zip(&w).map(|(p, wk)| wk * p[i]).sum()
            }
        })
        .collect();
    let s: f64 = out.iter().sum();
    if s > 0.0 {
        out.iter_mut().for_each(|x| *x /= s);
    }
    Ok(out)
}

/// Settings of a group analysis.
///
/// ```
/// let c = fiscus_ahp::GroupConfig::default();
/// assert!(!c.exclude_inconsistent);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GroupConfig {
    /// Method, RI table, completion and CR threshold for every matrix.
    pub ahp: AhpConfig,
    /// Which aggregate is reported as `weights` (all three are computed).
    pub aggregation: Aggregation,
    /// Leave experts with CR ≥ threshold out of the aggregation (default false: flag only).
    pub exclude_inconsistent: bool,
}

/// One expert's result.
///
/// ```
/// use fiscus_ahp::{group, GroupConfig, Survey};
/// let (s, _) = Survey::from_table(&["E1".into(), "E2".into()], &["A_vs_B".into()],
///     &[vec!["3".into()], vec!["-3".into()]], &Default::default()).unwrap();
/// let g = group(&s, Some(&[1.0, 1.0]), &GroupConfig::default()).unwrap();
/// assert_eq!(g.experts[1].expert, "E2");
/// assert!((g.experts[1].weights[0] - 0.25).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpertResult {
    /// Expert label.
    pub expert: String,
    /// Normalised expert weight as given (before any exclusion).
    pub expert_weight: f64,
    /// Priorities.
    pub weights: Vec<f64>,
    /// λmax.
    pub lambda_max: f64,
    /// CI.
    #[serde(rename = "CI")]
    pub ci: f64,
    /// CR.
    #[serde(rename = "CR")]
    pub cr: f64,
    /// CR < threshold.
    pub acceptable: bool,
    /// Whether the expert entered the aggregation.
    pub included: bool,
    /// Number of missing judgments that were completed.
    pub completed_judgments: usize,
    /// The expert's most inconsistent judgment.
    pub most_inconsistent: Option<InconsistentJudgment>,
}

/// The group's result.
///
/// ```
/// use fiscus_ahp::{group, GroupConfig, Survey};
/// let (s, _) = Survey::from_table(&["E1".into(), "E2".into()], &["A_vs_B".into()],
///     &[vec!["3".into()], vec!["-3".into()]], &Default::default()).unwrap();
/// let g = group(&s, Some(&[1.0, 1.0]), &GroupConfig::default()).unwrap();
/// assert!((g.weights[0] - 0.5).abs() < 1e-12);
/// assert!((g.aip_arithmetic[0] - 0.5).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupResult {
    /// Elements.
    pub elements: Vec<String>,
    /// Aggregation reported as `weights`.
    pub aggregation: Aggregation,
    /// Priority method.
    pub method: Method,
    /// RI table.
    pub ri_table: RiTable,
    /// The group weights by the chosen aggregation.
    pub weights: Vec<f64>,
    /// Per-expert results.
    pub experts: Vec<ExpertResult>,
    /// Experts with CR ≥ threshold.
    pub inconsistent_experts: Vec<String>,
    /// The AIJ group matrix analysed (weights, λmax, CI, CR of the aggregated matrix).
    pub aij: AhpResult,
    /// AIP by the weighted arithmetic mean of the experts' priorities.
    pub aip_arithmetic: Vec<f64>,
    /// AIP by the weighted geometric mean of the experts' priorities, normalised.
    pub aip_geometric: Vec<f64>,
}

/// Analyses each expert and aggregates. `expert_weights` (one per expert, normalised here)
/// default to equal weights.
///
/// ```
/// use fiscus_ahp::{group, GroupConfig, Survey};
/// let (s, _) = Survey::from_table(&["E1".into(), "E2".into()], &["A_vs_B".into()],
///     &[vec!["4".into()], vec!["1".into()]], &Default::default()).unwrap();
/// let g = group(&s, None, &GroupConfig::default()).unwrap();
/// assert!((g.aij.completed_matrix[0][1] - 2.0).abs() < 1e-12);
/// assert!((g.weights[0] - 2.0 / 3.0).abs() < 1e-12);
/// ```
pub fn group(
    survey: &Survey,
    expert_weights: Option<&[f64]>,
    config: &GroupConfig,
) -> Result<GroupResult, AhpError> {
    let k = survey.judgments.len();
    for (e, expert) in survey.experts.iter().enumerate() {
        if let Some(first) = survey.experts[..e].iter().position(|x| x == expert) {
            return Err(AhpError::DuplicateExpert {
                expert: expert.clone(),
                first: first + 1,
                second: e + 1,
            });
        }
    }
    let ew = match expert_weights {
        Some(w) if w.len() != k => {
            return Err(AhpError::BadWeights(format!(
                "{} expert weights for {k} experts",
                w.len()
            )))
        }
        Some(w) => normalise_expert_weights(w)?,
        None if k == 0 => return Err(AhpError::Survey("the survey has no experts".into())),
        None => vec![1.0 / k as f64; k],
    };
    let mut experts = Vec::with_capacity(k);
    let mut matrices = Vec::with_capacity(k);
    for ((name, j), &w) in survey.experts.iter().zip(&survey.judgments).zip(&ew) {
        let r = analyze(j, &config.ahp)?;
        let completed = complete(j, config.ahp.completion)?;
        experts.push(ExpertResult {
            expert: name.clone(),
            expert_weight: w,
            lambda_max: r.consistency.lambda_max,
            ci: r.consistency.ci,
            cr: r.consistency.cr,
            acceptable: r.consistency.acceptable,
            included: w > 0.0 && (r.consistency.acceptable || !config.exclude_inconsistent),
            completed_judgments: r.filled.len(),
            most_inconsistent: r.most_inconsistent.clone(),
            weights: r.weights,
        });
        matrices.push(completed.matrix);
    }
    let inconsistent_experts = experts
        .iter()
        .filter(|e| !e.acceptable)
        .map(|e| e.expert.clone())
        .collect();
    let included: Vec<usize> = (0..k).filter(|&e| experts[e].included).collect();
    if included.is_empty() {
        return Err(AhpError::Survey(
            "no expert is left to aggregate (all have weight 0 or were excluded as inconsistent)"
                .into(),
        ));
    }
    let mats: Vec<PairwiseMatrix> = included.iter().map(|&e| matrices[e].clone()).collect();
    let w: Vec<f64> = included.iter().map(|&e| ew[e]).collect();
    let pri: Vec<Vec<f64>> = included
        .iter()
        .map(|&e| experts[e].weights.clone())
        .collect();
    let aij = analyze_complete(&aggregate_judgments(&mats, &w)?, &config.ahp)?;
    let aip_arithmetic = aggregate_priorities(&pri, &w, false)?;
    let aip_geometric = aggregate_priorities(&pri, &w, true)?;
    let weights = match config.aggregation {
        Aggregation::Aij => aij.weights.clone(),
        Aggregation::AipArithmetic => aip_arithmetic.clone(),
        Aggregation::AipGeometric => aip_geometric.clone(),
    };
    Ok(GroupResult {
        elements: survey.elements.clone(),
        aggregation: config.aggregation,
        method: config.ahp.method,
        ri_table: config.ahp.ri,
        weights,
        experts,
        inconsistent_experts,
        aij,
        aip_arithmetic,
        aip_geometric,
    })
}

/// A panel's survey read from a data set, with the experts' ids in row order.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyTable {
    /// The judgments.
    pub survey: Survey,
    /// Expert ids, one per row.
    pub experts: Vec<String>,
    /// Columns ignored and other remarks.
    pub warnings: Vec<String>,
}

impl SurveyTable {
    /// Reads a survey: one row per expert, pairwise columns `A_vs_B`. Unless the data set's
    /// case labels were chosen (`labelled`), a column `expert` or `id` holds the expert ids;
    /// the column `weight_column` (expert weights) is not a judgment.
    ///
    /// ```
    /// use fiscus_data::{Cell, Column, Dataset};
    /// let ds = Dataset::new("s.csv", vec!["1".into(), "2".into()], vec![
    ///     Column::new("expert", vec![Cell::Text("E1".into()), Cell::Text("E1".into())]),
    ///     Column::numbers("A_vs_B", &[3.0, 2.0])]).unwrap();
    /// let e = fiscus_ahp::SurveyTable::from_dataset(&ds, false, None, &Default::default()).unwrap_err();
    /// assert_eq!(e.to_string(), "column `expert`: expert id `E1` is repeated (rows 1 and 2)");
    /// ```
    pub fn from_dataset(
        ds: &fiscus_data::Dataset,
        labelled: bool,
        weight_column: Option<&str>,
        config: &InputConfig,
    ) -> Result<SurveyTable, AhpError> {
        let text = |c: &fiscus_data::Cell| match c {
            fiscus_data::Cell::Number(v) => format!("{v}"),
            fiscus_data::Cell::Missing => String::new(),
            fiscus_data::Cell::Text(s) => s.clone(),
        };
        let id = (!labelled)
            .then(|| ["expert", "id"].into_iter().find(|c| ds.has_column(c)))
            .flatten();
        let experts: Vec<String> = match id.and_then(|c| ds.column(c).ok()) {
            Some(col) => col.cells.iter().map(text).collect(),
            None => ds.cases().to_vec(),
        };
        let skip: Vec<&str> = id.into_iter().chain(weight_column).collect();
        let cols: Vec<&fiscus_data::Column> = ds
            .columns()
            .iter()
            .filter(|c| !skip.contains(&c.name.as_str()))
            .collect();
        let columns: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
        let cells: Vec<Vec<String>> = (0..ds.n_cases())
            .map(|r| cols.iter().map(|c| text(&c.cells[r])).collect())
            .collect();
        let (survey, warnings) =
            Survey::from_table(&experts, &columns, &cells, config).map_err(|e| match (&e, id) {
                (AhpError::DuplicateExpert { .. }, Some(c)) => {
                    AhpError::Survey(format!("column `{c}`: {e}"))
                }
                _ => e,
            })?;
        Ok(SurveyTable {
            survey,
            experts,
            warnings,
        })
    }
}

/// Each expert's weight looked up in `(id, weight)` pairs from `source` (a file or an option).
///
/// ```
/// let map = vec![("E1".to_string(), 0.4), ("E2".to_string(), 0.6)];
/// assert_eq!(fiscus_ahp::expert_weights(&map, &["E2".into(), "E1".into()], "w.csv").unwrap(), vec![0.6, 0.4]);
/// assert_eq!(fiscus_ahp::expert_weights(&map, &["E3".into()], "w.csv").unwrap_err().to_string(),
///     "w.csv: no weight for expert `E3`");
/// ```
pub fn expert_weights(
    map: &[(String, f64)],
    experts: &[String],
    source: &str,
) -> Result<Vec<f64>, AhpError> {
    experts
        .iter()
        .map(|e| {
            map.iter()
                .find(|(k, _)| k == e)
                .map(|(_, w)| *w)
                .ok_or_else(|| AhpError::Survey(format!("{source}: no weight for expert `{e}`")))
        })
        .collect()
}
