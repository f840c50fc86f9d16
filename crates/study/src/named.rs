//! Condition groups (`[[group]]`, `group = "T"`) and named paths (`[[path]]`) of a
//! configurational study: their validation, and the naming of solution terms.

use crate::error::StudyError;
use crate::run::{ChartResult, SolutionResult};
use crate::spec::{GroupSpec, KeyPart, NamedPathSpec, Study, StudySpec};

fn key(k: &str) -> KeyPart {
    KeyPart::Key(k.into())
}

/// The set name of a literal: `~X` → `X`, `X[2]` → `X`.
fn base_name(literal: &str) -> &str {
    let l = literal.trim();
    let l = l.strip_prefix('~').unwrap_or(l);
    l.split('[').next().unwrap_or(l).trim()
}

/// Checks the groups and the named paths, naming the key of any problem: group names are
/// unique and not empty; with `[[group]]` tables, every condition's group is one of them; the
/// outcome has no group; a named path has a unique, non-empty name and at least one literal,
/// and each literal is a condition (`X`, `~X`, `X[v]`).
pub(crate) fn validate(study: &Study) -> Result<(), StudyError> {
    let s = &study.spec;
    let mut seen: Vec<&str> = Vec::new();
    for (i, g) in s.group.iter().enumerate() {
        if g.name.trim().is_empty() || seen.contains(&g.name.as_str()) {
            return Err(study.error_at(
                &[key("group"), KeyPart::Index(i), key("name")],
                format!("the group name `{}` is empty or used twice", g.name),
            ));
        }
        seen.push(&g.name);
    }
    if s.outcome.as_ref().is_some_and(|o| o.group.is_some()) {
        return Err(study.error_at(
            &[key("outcome"), key("group")],
            "the outcome belongs to no group (groups are for conditions)".into(),
        ));
    }
    for (i, c) in s.condition.iter().enumerate() {
        let Some(g) = &c.group else { continue };
        let path = [key("condition"), KeyPart::Index(i), key("group")];
        if g.trim().is_empty() {
            return Err(study.error_at(&path, "the group is empty".into()));
        }
        if !s.group.is_empty() && !seen.contains(&g.as_str()) {
            return Err(study.error_at(
                &path,
                format!(
                    "`{g}` is not a [[group]] of the study file (groups: {})",
                    seen.join(", ")
                ),
            ));
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for (i, p) in s.path.iter().enumerate() {
        if p.name.trim().is_empty() || names.contains(&p.name.as_str()) {
            return Err(study.error_at(
                &[key("path"), KeyPart::Index(i), key("name")],
                format!("the path name `{}` is empty or used twice", p.name),
            ));
        }
        names.push(&p.name);
        if p.conditions.is_empty() {
            return Err(study.error_at(
                &[key("path"), KeyPart::Index(i), key("conditions")],
                "a named path needs at least one condition".into(),
            ));
        }
        for (j, lit) in p.conditions.iter().enumerate() {
            let base = base_name(lit);
            if !s.condition.iter().any(|c| c.name == base) {
                return Err(study.error_at(
                    &[
                        key("path"),
                        KeyPart::Index(i),
                        key("conditions"),
                        KeyPart::Index(j),
                    ],
                    format!("`{lit}` is not a condition of the study (`X` or `~X`)"),
                ));
            }
        }
    }
    Ok(())
}

/// The groups of the conditions, in order: the `[[group]]` tables, or else the groups the
/// conditions name, in the order they first appear (empty when no condition has a group).
pub(crate) fn groups(s: &StudySpec) -> Vec<GroupSpec> {
    if !s.group.is_empty() {
        return s.group.clone();
    }
    let mut out: Vec<GroupSpec> = Vec::new();
    for g in s.condition.iter().filter_map(|c| c.group.as_ref()) {
        if !out.iter().any(|x| &x.name == g) {
            out.push(GroupSpec {
                name: g.clone(),
                label: None,
            });
        }
    }
    out
}

/// The named paths a term matches, in study-file order.
fn matches<'a>(paths: &'a [NamedPathSpec], term: &str) -> Vec<&'a str> {
    paths
        .iter()
        .filter(|p| p.matches(term))
        .map(|p| p.name.as_str())
        .collect()
}

/// Names the paths of every solution and of the configuration chart (a term takes the first
/// named path it matches) and returns the warnings about the chart's solution, the study's main
/// one: a named path that matches none of its terms or more than one, and a term that matches
/// more than one named path.
pub(crate) fn name_paths(
    paths: &[NamedPathSpec],
    solutions: &mut [SolutionResult],
    chart: &mut ChartResult,
) -> Vec<String> {
    if paths.is_empty() {
        return Vec::new();
    }
    for s in solutions.iter_mut() {
        for p in &mut s.paths {
            p.name = matches(paths, &p.term).first().map(|n| n.to_string());
        }
    }
    let mut warnings = Vec::new();
    for p in &mut chart.paths {
        let m = matches(paths, &p.term);
        if m.len() > 1 {
            warnings.push(format!(
                "the path {} matches more than one named path ({}); it is named `{}`, the first",
                p.term,
                m.join(", "),
                m[0]
            ));
        }
        p.name = m.first().map(|n| n.to_string());
    }
    for np in paths {
        let terms: Vec<&str> = chart
            .paths
            .iter()
            .filter(|p| np.matches(&p.term))
            .map(|p| p.term.as_str())
            .collect();
        let what = if chart.paths.is_empty() {
            "the study has no solution to name".to_string()
        } else {
            format!("the {} solution", chart.solution)
        };
        match terms.len() {
            0 => warnings.push(format!(
                "the named path `{}` ({}) matches no path of {what}",
                np.name,
                np.conditions.join("*")
            )),
            1 => {}
            _ => warnings.push(format!(
                "the named path `{}` ({}) matches more than one path of {what}: {}",
                np.name,
                np.conditions.join("*"),
                terms.join(", ")
            )),
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{ChartPathResult, PathResult};

    fn named(name: &str, conditions: &[&str]) -> NamedPathSpec {
        NamedPathSpec {
            name: name.into(),
            conditions: conditions.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn chart(terms: &[&str]) -> ChartResult {
        ChartResult {
            solution: "intermediate C1P1 M1".into(),
            conditions: vec![],
            paths: terms
                .iter()
                .map(|t| ChartPathResult {
                    term: t.to_string(),
                    name: None,
                    cells: vec![],
                    core: vec![],
                    incl_s: 1.0,
                    pri: 1.0,
                    cov_s: 1.0,
                    cov_u: None,
                })
                .collect(),
            incl_s: 1.0,
            pri: 1.0,
            cov_s: 1.0,
        }
    }

    fn solution(terms: &[&str]) -> SolutionResult {
        SolutionResult {
            kind: "parsimonious".into(),
            name: "parsimonious".into(),
            models: vec![],
            essential: vec![],
            easy_counterfactuals: vec![],
            difficult_counterfactuals: vec![],
            paths: terms
                .iter()
                .map(|t| PathResult {
                    term: t.to_string(),
                    name: None,
                    membership: vec![],
                    incl_s: 1.0,
                    cov_s: 1.0,
                    cov_u: None,
                })
                .collect(),
        }
    }

    #[test]
    fn terms_take_the_name_of_the_path_they_contain() {
        let paths = [
            named("multi", &["MULTI", "TECH"]),
            named("citizen", &["DEPTH", "EDU"]),
            named("resource", &["ECON", "FISCAL", "DISCL"]),
        ];
        let mut c = chart(&["PROMO*MULTI*TECH", "ECON*FISCAL*DISCL*DEPTH*EDU", "A*~B"]);
        let mut s = [solution(&["MULTI*TECH", "DEPTH"])];
        let w = name_paths(&paths, &mut s, &mut c);
        let names: Vec<Option<&str>> = c.paths.iter().map(|p| p.name.as_deref()).collect();
        // The second term matches two named paths: the first wins, with a warning.
        assert_eq!(names, [Some("multi"), Some("citizen"), None]);
        assert_eq!(s[0].paths[0].name.as_deref(), Some("multi"));
        assert_eq!(s[0].paths[1].name, None, "DEPTH alone is not citizen");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains(
            "ECON*FISCAL*DISCL*DEPTH*EDU matches more than one named path (citizen, resource)"
        ));
    }

    #[test]
    fn a_name_matching_no_path_or_several_is_a_warning() {
        let paths = [named("lost", &["~TECH"]), named("twice", &["A"])];
        let mut c = chart(&["A*B", "A*C"]);
        let w = name_paths(&paths, &mut [], &mut c);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("`lost` (~TECH) matches no path of the intermediate C1P1 M1 solution")
        );
        assert!(w[1].contains("`twice` (A) matches more than one path"));
        assert!(name_paths(&[], &mut [], &mut chart(&["A"])).is_empty());
    }
}
