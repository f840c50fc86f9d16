//! Hierarchies: goal → criteria → sub-criteria (→ alternatives), local and global weights, the
//! hierarchy's consistency and the alternatives' scores.

use serde::Serialize;

use crate::{
    analyze, ranks, AhpConfig, AhpError, AhpResult, InconsistentJudgment, Judgments, Method,
    RiTable, SensitivityProblem,
};

/// One comparison matrix of a hierarchy: the node whose children (the matrix's elements) are
/// compared.
///
/// ```
/// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(2.0)]).unwrap();
/// let node = fiscus_ahp::NodeSpec { name: "goal".into(), judgments: j };
/// assert_eq!(node.judgments.names().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSpec {
    /// The parent node (the goal, a criterion, a sub-criterion).
    pub name: String,
    /// Judgments comparing its children.
    pub judgments: Judgments,
}

/// A whole hierarchy as plain data (the command line builds it from a TOML file).
///
/// ```
/// use fiscus_ahp::{HierarchySpec, Judgments, NodeSpec};
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(2.0)]).unwrap();
/// let h = HierarchySpec { goal: None, nodes: vec![NodeSpec { name: "goal".into(), judgments: j }], alternatives: vec![] };
/// assert!(h.alternatives.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HierarchySpec {
    /// The goal's name (default: the one node that is nobody's child).
    pub goal: Option<String>,
    /// Every comparison matrix.
    pub nodes: Vec<NodeSpec>,
    /// Alternatives compared under every leaf criterion (empty: the hierarchy ends at criteria).
    pub alternatives: Vec<String>,
}

/// One analysed matrix of the hierarchy.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: f64| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(), &[Some(v)]).unwrap().0;
/// let h = HierarchySpec { goal: None, alternatives: vec!["x".into(), "y".into()], nodes: vec![
///     NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], 3.0) },
///     NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], 1.0) },
///     NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], 4.0) }] };
/// let r = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
/// assert_eq!(r.nodes[0].name, "G");
/// assert!((r.nodes[2].global_weight - 0.25).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeResult {
    /// Node name.
    pub name: String,
    /// Parent node (`None` for the goal).
    pub parent: Option<String>,
    /// Depth of the compared elements (1 = the criteria under the goal).
    pub level: usize,
    /// Global weight of the node itself (1 for the goal).
    pub global_weight: f64,
    /// Whether the children are the alternatives.
    pub compares_alternatives: bool,
    /// The compared elements.
    pub elements: Vec<String>,
    /// Their local weights.
    pub local_weights: Vec<f64>,
    /// λmax.
    pub lambda_max: f64,
    /// CI.
    #[serde(rename = "CI")]
    pub ci: f64,
    /// RI.
    #[serde(rename = "RI")]
    pub ri: f64,
    /// CR.
    #[serde(rename = "CR")]
    pub cr: f64,
    /// CR < threshold.
    pub acceptable: bool,
    /// Number of missing judgments completed.
    pub completed_judgments: usize,
    /// The most inconsistent judgment.
    pub most_inconsistent: Option<InconsistentJudgment>,
}

/// Local and global weight of one criterion or sub-criterion.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: f64| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(), &[Some(v)]).unwrap().0;
/// let h = HierarchySpec { goal: None, alternatives: vec!["x".into(), "y".into()], nodes: vec![
///     NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], 3.0) },
///     NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], 1.0) },
///     NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], 4.0) }] };
/// let r = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
/// assert!((r.criteria[1].global_weight - 0.25).abs() < 1e-12 && r.criteria[1].leaf);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionWeight {
    /// Name.
    pub name: String,
    /// Parent node.
    pub parent: String,
    /// Depth (1 = directly under the goal).
    pub level: usize,
    /// Weight within its parent's matrix.
    pub local_weight: f64,
    /// Product of local weights from the goal.
    pub global_weight: f64,
    /// Whether it has no sub-criteria (global weights of the leaves sum to 1).
    pub leaf: bool,
}

/// Consistency of one level of the hierarchy (Chinese textbooks' 层次总排序一致性):
/// `CR = Σ_j a_j CI_j / Σ_j a_j RI_j` over the matrices at that level, `a_j` their parents' global
/// weights.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: f64| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(), &[Some(v)]).unwrap().0;
/// let h = HierarchySpec { goal: None, alternatives: vec!["x".into(), "y".into()], nodes: vec![
///     NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], 3.0) },
///     NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], 1.0) },
///     NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], 4.0) }] };
/// let r = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
/// assert_eq!(r.levels.len(), 2);
/// assert_eq!(r.levels[1].matrices, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelConsistency {
    /// Depth of the compared elements.
    pub level: usize,
    /// Matrices at this level.
    pub matrices: usize,
    /// Σ a_j CI_j.
    #[serde(rename = "CI")]
    pub ci: f64,
    /// Σ a_j RI_j.
    #[serde(rename = "RI")]
    pub ri: f64,
    /// Their ratio (0 when every matrix has n ≤ 2).
    #[serde(rename = "CR")]
    pub cr: f64,
}

/// An alternative's overall score.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: f64| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(), &[Some(v)]).unwrap().0;
/// let h = HierarchySpec { goal: None, alternatives: vec!["x".into(), "y".into()], nodes: vec![
///     NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], 3.0) },
///     NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], 1.0) },
///     NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], 4.0) }] };
/// let r = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
/// assert!((r.alternatives[0].score - (0.75 * 0.5 + 0.25 * 0.8)).abs() < 1e-12);
/// assert_eq!(r.alternatives[0].rank, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternativeScore {
    /// Alternative.
    pub name: String,
    /// Σ over leaf criteria of global weight × local weight of the alternative.
    pub score: f64,
    /// Rank (1 = best).
    pub rank: usize,
}

/// The analysed hierarchy.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: f64| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(), &[Some(v)]).unwrap().0;
/// let h = HierarchySpec { goal: None, alternatives: vec!["x".into(), "y".into()], nodes: vec![
///     NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], 3.0) },
///     NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], 1.0) },
///     NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], 4.0) }] };
/// let r = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
/// assert_eq!(r.goal, "G");
/// assert_eq!(r.total_cr, 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HierarchyResult {
    /// The goal.
    pub goal: String,
    /// Priority method.
    pub method: Method,
    /// RI table.
    pub ri_table: RiTable,
    /// Every matrix, goal first, depth-first.
    pub nodes: Vec<NodeResult>,
    /// Every criterion and sub-criterion, depth-first.
    pub criteria: Vec<CriterionWeight>,
    /// Per-level consistency.
    pub levels: Vec<LevelConsistency>,
    /// Saaty's hierarchy consistency: Σ a_j CI_j / Σ a_j RI_j over all matrices.
    #[serde(rename = "total_CR")]
    pub total_cr: f64,
    /// Every matrix and the total below the threshold.
    pub acceptable: bool,
    /// Alternatives' scores (empty without alternatives).
    pub alternatives: Vec<AlternativeScore>,
}

struct Built {
    result: HierarchyResult,
    /// Per node (index into `result.nodes`): target scores within its subtree.
    subtree: Vec<Vec<f64>>,
    /// Node index → its children's node index or leaf target index.
    children: Vec<Vec<Child>>,
    targets: Vec<String>,
}

#[derive(Clone, Copy)]
enum Child {
    Node(usize),
    Target(usize),
}

/// Analyses a hierarchy: each matrix with `config`, global weights as products of local
/// weights, per-level and total consistency, and alternatives' scores.
///
/// ```
/// use fiscus_ahp::{analyze_hierarchy, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: &[f64]| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(),
///     &v.iter().map(|&x| Some(x)).collect::<Vec<_>>()).unwrap().0;
/// let h = HierarchySpec {
///     goal: Some("G".into()),
///     nodes: vec![
///         NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], &[3.0]) },
///         NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], &[1.0]) },
///         NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], &[1.0 / 3.0]) },
///     ],
///     alternatives: vec!["x".into(), "y".into()],
/// };
/// let r = analyze_hierarchy(&h, &AhpConfig::default()).unwrap();
/// assert!((r.alternatives[0].score - (0.75 * 0.5 + 0.25 * 0.25)).abs() < 1e-12);
/// ```
pub fn analyze_hierarchy(
    spec: &HierarchySpec,
    config: &AhpConfig,
) -> Result<HierarchyResult, AhpError> {
    Ok(build(spec, config)?.result)
}

/// The sensitivity problem of a hierarchy: the local weights of `node`'s children (default: the
/// goal's criteria) vary one at a time; the targets are the alternatives, or the leaf criteria
/// when there are none.
///
/// ```
/// use fiscus_ahp::{hierarchy_sensitivity, one_at_a_time, AhpConfig, HierarchySpec, Judgments, NodeSpec};
/// let up = |names: &[&str], v: &[f64]| Judgments::from_upper(names.iter().map(|s| s.to_string()).collect(),
///     &v.iter().map(|&x| Some(x)).collect::<Vec<_>>()).unwrap().0;
/// let h = HierarchySpec { goal: None, alternatives: vec!["x".into(), "y".into()], nodes: vec![
///     NodeSpec { name: "G".into(), judgments: up(&["c1", "c2"], &[1.5]) },
///     NodeSpec { name: "c1".into(), judgments: up(&["x", "y"], &[4.0]) },
///     NodeSpec { name: "c2".into(), judgments: up(&["x", "y"], &[1.0 / 4.0]) }] };
/// let p = hierarchy_sensitivity(&h, &AhpConfig::default(), None).unwrap();
/// let r = one_at_a_time(&p).unwrap();
/// assert!((r.factors[0].nearest_decrease.unwrap() + 1.0 / 6.0).abs() < 1e-12);
/// ```
pub fn hierarchy_sensitivity(
    spec: &HierarchySpec,
    config: &AhpConfig,
    node: Option<&str>,
) -> Result<SensitivityProblem, AhpError> {
    let b = build(spec, config)?;
    let k = match node {
        None => 0,
        Some(name) => b
            .result
            .nodes
            .iter()
            .position(|n| n.name == name)
            .ok_or_else(|| {
                AhpError::Hierarchy(format!(
                    "no matrix for `{name}` in the hierarchy (nodes: {})",
                    b.result
                        .nodes
                        .iter()
                        .map(|n| format!("`{}`", n.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?,
    };
    let nr = &b.result.nodes[k];
    let t = b.targets.len();
    let contributions: Vec<Vec<f64>> = b.children[k]
        .iter()
        .map(|c| match *c {
            Child::Node(m) => b.subtree[m].clone(),
            Child::Target(x) => (0..t).map(|y| if y == x { 1.0 } else { 0.0 }).collect(),
        })
        .collect();
    let total = &b.subtree[0];
    let base: Vec<f64> = (0..t)
        .map(|a| {
            total[a]
                - nr.global_weight
                    * nr.local_weights
                        .iter()
                        .zip(&contributions)
                        .map(|(w, c)| w * c[a])
                        .sum::<f64>()
        })
        .collect();
    Ok(SensitivityProblem {
        factors: nr.elements.clone(),
        weights: nr.local_weights.clone(),
        targets: b.targets.clone(),
        base,
        scale: nr.global_weight,
        contributions,
    })
}

fn build(spec: &HierarchySpec, config: &AhpConfig) -> Result<Built, AhpError> {
    if spec.nodes.is_empty() {
        return Err(AhpError::Hierarchy("the hierarchy has no matrices".into()));
    }
    for (i, n) in spec.nodes.iter().enumerate() {
        if spec.nodes[..i].iter().any(|m| m.name == n.name) {
            return Err(AhpError::Hierarchy(format!(
                "two matrices for `{}`",
                n.name
            )));
        }
    }
    let alts = &spec.alternatives;
    for (i, a) in alts.iter().enumerate() {
        if alts[..i].contains(a) {
            return Err(AhpError::Hierarchy(format!(
                "alternative `{a}` is listed twice"
            )));
        }
        if spec.nodes.iter().any(|n| &n.name == a) {
            return Err(AhpError::Hierarchy(format!(
                "`{a}` is an alternative and also has a matrix of its own"
            )));
        }
    }
    let goal = match &spec.goal {
        Some(g) => g.clone(),
        None => {
            let roots: Vec<&str> = spec
                .nodes
                .iter()
                .filter(|n| {
                    !spec
                        .nodes
                        .iter()
                        .any(|m| m.judgments.names().contains(&n.name))
                })
                .map(|n| n.name.as_str())
                .collect();
            match roots.as_slice() {
                [one] => one.to_string(),
                [] => {
                    return Err(AhpError::Hierarchy(
                        "no goal: every matrix is under another one (a cycle)".into(),
                    ))
                }
                many => {
                    return Err(AhpError::Hierarchy(format!(
                        "several matrices are under no other: {}; name the goal",
                        many.iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
        }
    };
    let root = spec
        .nodes
        .iter()
        .position(|n| n.name == goal)
        .ok_or_else(|| AhpError::MissingMatrix {
            kind: "goal".into(),
            node: goal.clone(),
            under: None,
        })?;
    let targets: Vec<String> = if alts.is_empty() {
        Vec::new()
    } else {
        alts.clone()
    };
    let mut st = State {
        spec,
        config,
        nodes: Vec::new(),
        criteria: Vec::new(),
        subtree: Vec::new(),
        children: Vec::new(),
        targets,
        seen: Vec::new(),
    };
    st.visit(root, None, 1, 1.0, &mut vec![goal.clone()])?;
    if let Some(unused) = spec.nodes.iter().find(|n| !st.seen.contains(&n.name)) {
        return Err(AhpError::Hierarchy(format!(
            "the matrix for `{}` is not under the goal `{goal}`: no matrix lists `{}` among its elements",
            unused.name, unused.name
        )));
    }
    let t = st.targets.len();
    for s in &mut st.subtree {
        s.resize(t, 0.0);
    }
    // Consistency by level and in total.
    let max_level = st.nodes.iter().map(|n| n.level).max().unwrap_or(1);
    let mut levels = Vec::new();
    for level in 1..=max_level {
        let at: Vec<&NodeResult> = st.nodes.iter().filter(|n| n.level == level).collect();
        let ci: f64 = at.iter().map(|n| n.global_weight * n.ci).sum();
        let ri: f64 = at.iter().map(|n| n.global_weight * n.ri).sum();
        levels.push(LevelConsistency {
            level,
            matrices: at.len(),
            ci,
            ri,
            cr: if ri > 0.0 { ci / ri } else { 0.0 },
        });
    }
    let ci: f64 = st.nodes.iter().map(|n| n.global_weight * n.ci).sum();
    let ri: f64 = st.nodes.iter().map(|n| n.global_weight * n.ri).sum();
    let total_cr = if ri > 0.0 { ci / ri } else { 0.0 };
    let acceptable = total_cr < config.threshold && st.nodes.iter().all(|n| n.acceptable);
    let scores = st.subtree.first().cloned().unwrap_or_default();
    let alternatives = if alts.is_empty() {
        Vec::new()
    } else {
        let r = ranks(&scores);
        alts.iter()
            .zip(&scores)
            .zip(r)
            .map(|((name, &score), rank)| AlternativeScore {
                name: name.clone(),
                score,
                rank,
            })
            .collect()
    };
    Ok(Built {
        result: HierarchyResult {
            goal,
            method: config.method,
            ri_table: config.ri,
            nodes: st.nodes,
            criteria: st.criteria,
            levels,
            total_cr,
            acceptable,
            alternatives,
        },
        subtree: st.subtree,
        children: st.children,
        targets: st.targets,
    })
}

struct State<'a> {
    spec: &'a HierarchySpec,
    config: &'a AhpConfig,
    nodes: Vec<NodeResult>,
    criteria: Vec<CriterionWeight>,
    subtree: Vec<Vec<f64>>,
    children: Vec<Vec<Child>>,
    /// Alternatives, or (without alternatives) the leaf criteria as they are found.
    targets: Vec<String>,
    seen: Vec<String>,
}

impl State<'_> {
    /// Analyses node `k` and everything below it; returns its index in `self.nodes`.
    fn visit(
        &mut self,
        k: usize,
        parent: Option<&str>,
        level: usize,
        global: f64,
        path: &mut Vec<String>,
    ) -> Result<usize, AhpError> {
        let spec = &self.spec.nodes[k];
        self.seen.push(spec.name.clone());
        let names = spec.judgments.names();
        let alts = &self.spec.alternatives;
        let n_alt = names.iter().filter(|e| alts.contains(e)).count();
        let compares_alternatives = n_alt > 0;
        if compares_alternatives {
            if n_alt != names.len() {
                return Err(AhpError::Hierarchy(format!(
                    "the matrix for `{}` mixes alternatives and criteria",
                    spec.name
                )));
            }
            if let Some(missing) = alts.iter().find(|a| !names.contains(a)) {
                return Err(AhpError::Hierarchy(format!(
                    "the matrix for `{}` does not compare the alternative `{missing}`",
                    spec.name
                )));
            }
        }
        let r: AhpResult = analyze(&spec.judgments, self.config)
            .map_err(|e| AhpError::Hierarchy(format!("matrix for `{}`: {e}", spec.name)))?;
        let idx = self.nodes.len();
        self.nodes.push(NodeResult {
            name: spec.name.clone(),
            parent: parent.map(str::to_string),
            level,
            global_weight: global,
            compares_alternatives,
            elements: names.to_vec(),
            local_weights: r.weights.clone(),
            lambda_max: r.consistency.lambda_max,
            ci: r.consistency.ci,
            ri: r.consistency.ri,
            cr: r.consistency.cr,
            acceptable: r.consistency.acceptable,
            completed_judgments: r.filled.len(),
            most_inconsistent: r.most_inconsistent.clone(),
        });
        self.subtree.push(Vec::new());
        self.children.push(Vec::new());
        let mut kids = Vec::with_capacity(names.len());
        let mut parts: Vec<(f64, Vec<f64>)> = Vec::new();
        if compares_alternatives {
            let t = alts.len();
            let mut s = vec![0.0; t];
            for (e, w) in names.iter().zip(&r.weights) {
                let a = alts.iter().position(|x| x == e).unwrap_or(0);
                s[a] = *w;
                kids.push(Child::Target(a));
            }
            self.children[idx] = kids;
            self.subtree[idx] = s;
            return Ok(idx);
        }
        for (e, &w) in names.iter().zip(&r.weights) {
            if path.contains(e) {
                return Err(AhpError::Hierarchy(format!(
                    "`{e}` is listed under `{}` but is also above it (a cycle)",
                    spec.name
                )));
            }
            if let Some(other) = self.criteria.iter().find(|c| &c.name == e) {
                return Err(AhpError::Hierarchy(format!(
                    "`{e}` is listed under both `{}` and `{}`",
                    other.parent, spec.name
                )));
            }
            let g = global * w;
            let child_node = self.spec.nodes.iter().position(|n| &n.name == e);
            self.criteria.push(CriterionWeight {
                name: e.clone(),
                parent: spec.name.clone(),
                level,
                local_weight: w,
                global_weight: g,
                leaf: child_node.is_none(),
            });
            match child_node {
                Some(m) => {
                    path.push(e.clone());
                    let sub = self.visit(m, Some(&spec.name), level + 1, g, path)?;
                    path.pop();
                    if self.nodes[sub].compares_alternatives {
                        if let Some(c) = self.criteria.iter_mut().find(|c| &c.name == e) {
                            c.leaf = true;
                        }
                    }
                    kids.push(Child::Node(sub));
                    parts.push((w, self.subtree[sub].clone()));
                }
                None => {
                    if !alts.is_empty() {
                        return Err(AhpError::MissingMatrix {
                            kind: "criterion".into(),
                            node: e.clone(),
                            under: Some(spec.name.clone()),
                        });
                    }
                    self.targets.push(e.clone());
                    let x = self.targets.len() - 1;
                    kids.push(Child::Target(x));
                    let mut unit = vec![0.0; x + 1];
                    unit[x] = 1.0;
                    parts.push((w, unit));
                }
            }
        }
        self.children[idx] = kids;
        // Without alternatives the target list grows during the walk: pad when combining.
        let t = self.targets.len();
        let mut s = vec![0.0; t];
        for (w, part) in parts {
            for (a, v) in part.iter().enumerate() {
                s[a] += w * v;
            }
        }
        self.subtree[idx] = s;
        Ok(idx)
    }
}
