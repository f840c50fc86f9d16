//! What the `fiscus ahp` commands print as JSON: each analysis result with the input it came
//! from and the warnings of reading it.

use serde::Serialize;

use fiscus_data::Dataset;

use crate::{
    analyze, repair, AhpConfig, AhpError, AhpResult, GroupResult, HierarchyResult, Judgments,
    Repair, RepairConfig, SensitivityResult,
};

/// One matrix's analysis (`fiscus ahp MATRIX`).
///
/// ```
/// use fiscus_ahp::{analyze, AhpConfig, Judgments, MatrixReport};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(3.0)]).unwrap();
/// let r = MatrixReport { result: analyze(&j, &AhpConfig::default()).unwrap(),
///     source: "m.csv".into(), warnings: vec![], repair: None };
/// assert_eq!(r.result.weights, vec![0.75, 0.25]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixReport {
    /// Weights, consistency, completion and diagnostics.
    #[serde(flatten)]
    pub result: AhpResult,
    /// The matrix file.
    pub source: String,
    /// Warnings of reading the matrix.
    pub warnings: Vec<String>,
    /// Present when a repair was asked for: the repair, or `null` when CR was acceptable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repair: Option<Option<Repair>>,
}

/// A panel's analysis (`fiscus ahp group`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    /// Each expert's weights and CR, and the AIJ and AIP aggregates.
    #[serde(flatten)]
    pub result: GroupResult,
    /// The survey file.
    pub source: String,
    /// Warnings of reading the survey.
    pub warnings: Vec<String>,
}

/// A hierarchy's analysis (`fiscus ahp hierarchy`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HierarchyReport {
    /// Every matrix, local and global weights, consistency, alternatives.
    #[serde(flatten)]
    pub result: HierarchyResult,
    /// The hierarchy file.
    pub source: String,
    /// Warnings of reading its matrices.
    pub warnings: Vec<String>,
}

/// One-at-a-time sensitivity (`fiscus ahp sensitivity`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityReport {
    /// Rank reversals of every factor.
    #[serde(flatten)]
    pub result: SensitivityResult,
    /// The input file.
    pub source: String,
    /// The node whose children were varied (`None`: the goal's criteria, or a single matrix).
    pub node: Option<String>,
    /// The baseline weights of the factors.
    pub weights: Vec<f64>,
}

impl MatrixReport {
    /// The analysis of the judgments read from `source` (with the warnings of reading them);
    /// with `repair`, a matrix whose CR is not acceptable is also repaired.
    ///
    /// ```
    /// use fiscus_ahp::{AhpConfig, Judgments, MatrixReport, RepairConfig};
    /// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(3.0)]).unwrap();
    /// let r = MatrixReport::compute(&j, &AhpConfig::default(), "m.csv", vec![], Some(RepairConfig::default())).unwrap();
    /// assert_eq!((r.result.weights.clone(), r.repair.clone()), (vec![0.75, 0.25], Some(None)));
    /// assert!(r.shortfall().is_none());
    /// let names = vec!["a".to_string(), "b".into(), "c".into()];
    /// let (j, _) = Judgments::from_upper(names, &[Some(9.0), Some(1.0 / 9.0), Some(9.0)]).unwrap();
    /// let r = MatrixReport::compute(&j, &AhpConfig::default(), "m.csv", vec![], None).unwrap();
    /// assert!(r.shortfall().unwrap().starts_with("m.csv: CR = "));
    /// ```
    pub fn compute(
        j: &Judgments,
        config: &AhpConfig,
        source: &str,
        warnings: Vec<String>,
        repair_config: Option<RepairConfig>,
    ) -> Result<Self, AhpError> {
        let result = analyze(j, config)?;
        let repair = match repair_config {
            Some(rc) if !result.consistency.acceptable => Some(Some(repair(j, config, &rc)?)),
            Some(_) => Some(None),
            None => None,
        };
        Ok(MatrixReport {
            result,
            source: source.to_string(),
            warnings,
            repair,
        })
    }

    /// Why the matrix fails `--strict` (CR not below the threshold), if it does.
    pub fn shortfall(&self) -> Option<String> {
        let c = &self.result.consistency;
        (!c.acceptable).then(|| {
            format!(
                "{}: CR = {:.4} is not below {}",
                self.source, c.cr, c.threshold
            )
        })
    }
}

impl GroupReport {
    /// Why the panel fails `--strict` (an expert's or the group matrix's CR not below the
    /// threshold), if it does.
    ///
    /// ```
    /// use fiscus_ahp::{group, GroupConfig, GroupReport, Survey};
    /// let cols = ["A_vs_B".to_string(), "B_vs_C".into(), "A_vs_C".into()];
    /// let answers = [vec!["9".to_string(), "9".into(), "-9".into()]];
    /// let (s, _) = Survey::from_table(&["E1".into()], &cols, &answers, &Default::default()).unwrap();
    /// let result = group(&s, None, &GroupConfig::default()).unwrap();
    /// let r = GroupReport { result, source: "s.csv".into(), warnings: vec![] };
    /// assert!(r.shortfall().unwrap().starts_with("s.csv: inconsistent experts: E1; group CR = "));
    /// ```
    pub fn shortfall(&self) -> Option<String> {
        let g = &self.result;
        if g.inconsistent_experts.is_empty() && g.aij.consistency.acceptable {
            return None;
        }
        let experts = match g.inconsistent_experts.is_empty() {
            true => "none".to_string(),
            false => g.inconsistent_experts.join(", "),
        };
        Some(format!(
            "{}: inconsistent experts: {experts}; group CR = {:.4}",
            self.source, g.aij.consistency.cr
        ))
    }
}

impl HierarchyReport {
    /// Why the hierarchy fails `--strict` (a matrix's CR, or the total CR, not below
    /// `threshold`), if it does.
    ///
    /// ```
    /// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchyReport, HierarchySpec, Judgments, NodeSpec};
    /// let names = vec!["c1".to_string(), "c2".into(), "c3".into()];
    /// let (j, _) = Judgments::from_upper(names, &[Some(9.0), Some(1.0 / 9.0), Some(9.0)]).unwrap();
    /// let h = HierarchySpec { goal: Some("G".into()), alternatives: vec![],
    ///     nodes: vec![NodeSpec { name: "G".into(), judgments: j }] };
    /// let result = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
    /// let r = HierarchyReport { result, source: "h.toml".into(), warnings: vec![] };
    /// assert_eq!(r.shortfall(0.1).unwrap().split(": ").last(), Some("G"));
    /// ```
    pub fn shortfall(&self, threshold: f64) -> Option<String> {
        let r = &self.result;
        let failing = r.nodes.iter().filter(|n| !n.acceptable);
        let failing: Vec<&str> = failing.map(|n| n.name.as_str()).collect();
        (!r.acceptable).then(|| {
            format!(
                "{}: total CR = {:.4}; matrices with CR ≥ {threshold}: {}",
                self.source,
                r.total_cr,
                failing.join(", ")
            )
        })
    }
}

/// Expert weights from a table (`fiscus ahp group --expert-weights FILE`): its case labels
/// are the expert ids, and the weights are in `column`, else in a column `weight` or `Cr`
/// (e.g. the output of `fiscus delphi authority`); one per expert of `experts`, in order.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// let ds = Dataset::new("w.csv", vec!["E1".into(), "E2".into()], vec![Column::numbers("Cr", &[0.8, 0.6])]).unwrap();
/// let w = fiscus_ahp::expert_weights_table(&ds, None, &["E2".into(), "E1".into()]).unwrap();
/// assert_eq!(w, vec![0.6, 0.8]);
/// assert!(fiscus_ahp::expert_weights_table(&ds, Some("weight"), &["E1".into()]).is_err());
/// ```
pub fn expert_weights_table(
    ds: &Dataset,
    column: Option<&str>,
    experts: &[String],
) -> Result<Vec<f64>, AhpError> {
    let name = ds.source();
    let col = match column {
        Some(c) if ds.has_column(c) => c,
        Some(c) => {
            let msg = format!("{name}: no column `{c}` with expert weights");
            return Err(AhpError::BadWeights(msg));
        }
        None => ["weight", "Cr"]
            .into_iter()
            .find(|c| ds.has_column(c))
            .ok_or_else(|| {
                AhpError::BadWeights(format!(
                    "{name}: no `weight` or `Cr` column; name one with --weight-column"
                ))
            })?,
    };
    let values = ds.numeric_complete(col)?;
    let map: Vec<(String, f64)> = ds.cases().iter().cloned().zip(values).collect();
    crate::expert_weights(&map, experts, name)
}

impl SensitivityReport {
    /// The one-at-a-time sensitivity of `problem` (the weights of `node`'s children, or of a
    /// matrix's elements), read from `source`.
    ///
    /// ```
    /// use fiscus_ahp::{SensitivityProblem, SensitivityReport};
    /// let p = SensitivityProblem::elements(vec!["a".into(), "b".into()], vec![0.6, 0.4]);
    /// let r = SensitivityReport::compute(&p, "m.csv", None).unwrap();
    /// assert_eq!((r.source.as_str(), r.weights.clone()), ("m.csv", vec![0.6, 0.4]));
    /// ```
    pub fn compute(
        problem: &crate::SensitivityProblem,
        source: &str,
        node: Option<&str>,
    ) -> Result<Self, AhpError> {
        Ok(SensitivityReport {
            result: crate::one_at_a_time(problem)?,
            source: source.to_string(),
            node: node.map(str::to_string),
            weights: problem.weights.clone(),
        })
    }
}
