//! Questionnaire responses: validation, (group-weighted) indicator means, reliability.

use fiscus_data::{closest, Cell, Dataset};
use serde::Serialize;

use crate::{EvalError, Scale};

/// Questionnaire data: one row per respondent, one column per indicator, `None` for a
/// blank; optionally the respondent group of each row.
///
/// ```
/// use fiscus_eval::{Responses, Scale};
/// let r = Responses::new("s.csv", vec!["r1".into(), "r2".into()], vec!["F1".into()],
///     vec![vec![Some(4.0)], vec![Some(5.0)]], None, &Scale::default()).unwrap();
/// assert_eq!(r.n_respondents(), 2);
/// let e = Responses::new("s.csv", vec!["r1".into()], vec!["F1".into()], vec![vec![Some(6.0)]], None, &Scale::default());
/// assert_eq!(e.unwrap_err().to_string(), "s.csv: row 1 (respondent `r1`), column `F1`: response 6 is outside the scale 1..5");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Responses {
    source: String,
    respondents: Vec<String>,
    indicators: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
    groups: Option<Vec<String>>,
}

impl Responses {
    /// Responses from their parts; every response must be finite and on the scale, and the
    /// shapes must agree.
    ///
    /// ```
    /// use fiscus_eval::{Responses, Scale};
    /// assert!(Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![], None, &Scale::default()).is_err());
    /// ```
    pub fn new(
        source: impl Into<String>,
        respondents: Vec<String>,
        indicators: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
        groups: Option<Vec<String>>,
        scale: &Scale,
    ) -> Result<Self, EvalError> {
        let source = source.into();
        if respondents.is_empty() {
            return Err(EvalError::Empty(format!("{source}: no respondents")));
        }
        if values.len() != respondents.len() {
            return Err(EvalError::Shape(format!(
                "{source}: {} response rows for {} respondents",
                values.len(),
                respondents.len()
            )));
        }
        if let Some(g) = &groups {
            if g.len() != respondents.len() {
                return Err(EvalError::Shape(format!(
                    "{source}: {} group labels for {} respondents",
                    g.len(),
                    respondents.len()
                )));
            }
        }
        for (i, row) in values.iter().enumerate() {
            if row.len() != indicators.len() {
                return Err(EvalError::Shape(format!(
                    "{source}: row {} has {} responses for {} indicators",
                    i + 1,
                    row.len(),
                    indicators.len()
                )));
            }
            for (j, v) in row.iter().enumerate() {
                if let Some(v) = *v {
                    if !v.is_finite() || !scale.contains(v) {
                        return Err(EvalError::OutOfScale {
                            source_name: source,
                            row: i + 1,
                            respondent: respondents[i].clone(),
                            column: indicators[j].clone(),
                            value: v,
                            min: scale.min(),
                            max: scale.max(),
                        });
                    }
                }
            }
        }
        Ok(Responses {
            source,
            respondents,
            indicators,
            values,
            groups,
        })
    }

    /// Responses from a dataset: the `indicators` columns (in that order), the group column if
    /// named, and every other column listed in `ignore`. Any other column is an error (an
    /// unknown indicator column), and so is an indicator without a column.
    ///
    /// ```
    /// use fiscus_data::{Cell, Column, Dataset};
    /// use fiscus_eval::{Responses, Scale};
    /// let ds = Dataset::new("s.csv", vec!["r1".into(), "r2".into()], vec![
    ///     Column::numbers("F1", &[4.0, 5.0]), Column::numbers("F9", &[1.0, 1.0])]).unwrap();
    /// let ids = vec!["F1".to_string(), "F2".to_string()];
    /// let e = Responses::from_dataset(&ds, &ids, None, &[], &Scale::default()).unwrap_err();
    /// assert!(e.to_string().contains("column `F9` is not an indicator of the system (did you mean `F2`?)"));
    /// ```
    pub fn from_dataset(
        ds: &Dataset,
        indicators: &[String],
        group_column: Option<&str>,
        ignore: &[String],
        scale: &Scale,
    ) -> Result<Self, EvalError> {
        for name in ds.column_names() {
            let known = indicators.iter().any(|i| i == name)
                || group_column == Some(name)
                || ignore.iter().any(|i| i == name);
            if !known {
                return Err(EvalError::UnknownColumn {
                    source_name: ds.source().to_string(),
                    column: name.to_string(),
                    // suggest an indicator the data lack, if one is close
                    suggestion: closest(
                        name,
                        indicators
                            .iter()
                            .map(String::as_str)
                            .filter(|i| !ds.has_column(i)),
                    ),
                });
            }
        }
        let mut cols = Vec::with_capacity(indicators.len());
        for id in indicators {
            cols.push(ds.numeric(id)?);
        }
        let values = (0..ds.n_cases())
            .map(|i| cols.iter().map(|c| c[i]).collect())
            .collect();
        let groups = match group_column {
            None => None,
            Some(g) => {
                let col = ds.column(g)?;
                let mut labels = Vec::with_capacity(ds.n_cases());
                for (i, c) in col.cells.iter().enumerate() {
                    match c {
                        Cell::Missing => {
                            return Err(EvalError::Groups(format!(
                                "{}: row {} (respondent `{}`), column `{g}`: missing group",
                                ds.source(),
                                i + 1,
                                ds.cases()[i]
                            )))
                        }
                        other => labels.push(other.to_string()),
                    }
                }
                Some(labels)
            }
        };
        Responses::new(
            ds.source(),
            ds.cases().to_vec(),
            indicators.to_vec(),
            values,
            groups,
            scale,
        )
    }

    /// File or stream.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s.csv", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], None, &Scale::default()).unwrap();
    /// assert_eq!(r.source(), "s.csv");
    /// ```
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Respondent labels.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], None, &Scale::default()).unwrap();
    /// assert_eq!(r.respondents(), &["a".to_string()]);
    /// ```
    pub fn respondents(&self) -> &[String] {
        &self.respondents
    }

    /// Indicator ids (columns).
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], None, &Scale::default()).unwrap();
    /// assert_eq!(r.indicators(), &["F1".to_string()]);
    /// ```
    pub fn indicators(&self) -> &[String] {
        &self.indicators
    }

    /// Response rows.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![None]], None, &Scale::default()).unwrap();
    /// assert_eq!(r.values()[0], vec![None]);
    /// ```
    pub fn values(&self) -> &[Vec<Option<f64>>] {
        &self.values
    }

    /// Group label of each respondent, if groups were given.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], Some(vec!["citizens".into()]), &Scale::default()).unwrap();
    /// assert_eq!(r.groups().unwrap()[0], "citizens");
    /// ```
    pub fn groups(&self) -> Option<&[String]> {
        self.groups.as_deref()
    }

    /// Number of respondents.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], None, &Scale::default()).unwrap();
    /// assert_eq!(r.n_respondents(), 1);
    /// ```
    pub fn n_respondents(&self) -> usize {
        self.respondents.len()
    }

    /// Column position of an indicator.
    ///
    /// ```
    /// # use fiscus_eval::*;
    /// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], None, &Scale::default()).unwrap();
    /// assert_eq!(r.indicator_index("F1"), Some(0));
    /// ```
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i == id)
    }

    /// A resample: the given rows (with repetition), keeping groups.
    pub(crate) fn rows(&self, rows: &[usize]) -> Responses {
        Responses {
            source: self.source.clone(),
            respondents: rows.iter().map(|&r| self.respondents[r].clone()).collect(),
            indicators: self.indicators.clone(),
            values: rows.iter().map(|&r| self.values[r].clone()).collect(),
            groups: self
                .groups
                .as_ref()
                .map(|g| rows.iter().map(|&r| g[r].clone()).collect()),
        }
    }

    /// Row indices of each group, in order of first appearance (one group `all` without groups).
    pub(crate) fn group_rows(&self) -> Vec<(String, Vec<usize>)> {
        match &self.groups {
            None => vec![("all".into(), (0..self.n_respondents()).collect())],
            Some(g) => {
                let mut out: Vec<(String, Vec<usize>)> = Vec::new();
                for (i, label) in g.iter().enumerate() {
                    match out.iter_mut().find(|(l, _)| l == label) {
                        Some((_, rows)) => rows.push(i),
                        None => out.push((label.clone(), vec![i])),
                    }
                }
                out
            }
        }
    }
}

/// Respondent counts, overall, per group and per indicator.
///
/// ```
/// # use fiscus_eval::*;
/// let r = Responses::new("s", vec!["a".into(), "b".into()], vec!["F1".into()], vec![vec![Some(3.0)], vec![None]], None, &Scale::default()).unwrap();
/// let c = response_counts(&r);
/// assert_eq!(c.answered, vec![1]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseCounts {
    /// Respondents (rows).
    pub respondents: usize,
    /// Respondents per group (`all` without groups).
    pub groups: Vec<(String, usize)>,
    /// Answers per indicator, in column order.
    pub answered: Vec<usize>,
    /// Blank cells.
    pub missing: usize,
}

/// Counts respondents and answers.
///
/// ```
/// # use fiscus_eval::*;
/// let r = Responses::new("s", vec!["a".into()], vec!["F1".into()], vec![vec![Some(3.0)]], Some(vec!["g".into()]), &Scale::default()).unwrap();
/// assert_eq!(response_counts(&r).groups, vec![("g".to_string(), 1)]);
/// ```
pub fn response_counts(r: &Responses) -> ResponseCounts {
    let answered = (0..r.indicators.len())
        .map(|j| r.values.iter().filter(|row| row[j].is_some()).count())
        .collect::<Vec<_>>();
    let missing = r.values.iter().flatten().filter(|v| v.is_none()).count();
    ResponseCounts {
        respondents: r.n_respondents(),
        groups: r
            .group_rows()
            .into_iter()
            .map(|(g, rows)| (g, rows.len()))
            .collect(),
        answered,
        missing,
    }
}

/// Checks group weights against the groups in the data and returns them normalised, in the
/// order of [`Responses::group_rows`]. Without group weights every respondent counts equally.
pub(crate) fn resolve_group_weights(
    r: &Responses,
    weights: Option<&[(String, f64)]>,
) -> Result<Option<Vec<f64>>, EvalError> {
    let Some(weights) = weights else {
        return Ok(None);
    };
    if r.groups.is_none() {
        return Err(EvalError::Groups(
            "group weights were given but the data have no group column".into(),
        ));
    }
    let rows = r.group_rows();
    for (g, w) in weights {
        if !w.is_finite() || *w < 0.0 {
            return Err(EvalError::BadWeight {
                what: format!("group `{g}`"),
                value: *w,
            });
        }
        if !rows.iter().any(|(l, _)| l == g) {
            return Err(EvalError::Groups(format!(
                "group `{g}` has a weight but no respondents in {}",
                r.source
            )));
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for (g, _) in &rows {
        match weights.iter().find(|(l, _)| l == g) {
            Some((_, w)) => out.push(*w),
            None => {
                return Err(EvalError::Groups(format!(
                    "group `{g}` of {} has no weight",
                    r.source
                )))
            }
        }
    }
    let sum: f64 = out.iter().sum();
    if sum <= 0.0 {
        return Err(EvalError::Groups("the group weights sum to 0".into()));
    }
    Ok(Some(out.into_iter().map(|w| w / sum).collect()))
}

/// The mean response of every indicator (column order). Blanks are left out (pairwise).
/// With group weights W_g: mean = Σ_g W_g · mean within group g (W normalised to Σ = 1);
/// every group must then answer every indicator.
///
/// ```
/// # use fiscus_eval::*;
/// let r = Responses::new("s", vec!["a".into(), "b".into(), "c".into()], vec!["F1".into()],
///     vec![vec![Some(5.0)], vec![Some(3.0)], vec![Some(1.0)]],
///     Some(vec!["officials".into(), "citizens".into(), "citizens".into()]), &Scale::default()).unwrap();
/// assert_eq!(indicator_means(&r, None).unwrap(), vec![3.0]);
/// let w = vec![("officials".to_string(), 0.5), ("citizens".to_string(), 0.5)];
/// assert_eq!(indicator_means(&r, Some(&w)).unwrap(), vec![3.5]);
/// ```
pub fn indicator_means(
    r: &Responses,
    group_weights: Option<&[(String, f64)]>,
) -> Result<Vec<f64>, EvalError> {
    let gw = resolve_group_weights(r, group_weights)?;
    means_with(r, gw.as_deref())
}

pub(crate) fn means_with(r: &Responses, gw: Option<&[f64]>) -> Result<Vec<f64>, EvalError> {
    let groups = r.group_rows();
    (0..r.indicators.len())
        .map(|j| {
            let mean_of = |rows: &[usize]| -> Option<f64> {
                let (s, n) = rows
                    .iter()
                    .filter_map(|&i| r.values[i][j])
                    .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
                (n > 0).then(|| s / n as f64)
            };
            match gw {
                None => {
                    let all: Vec<usize> = (0..r.n_respondents()).collect();
                    mean_of(&all).ok_or_else(|| EvalError::NoResponses {
                        source_name: r.source.clone(),
                        indicator: r.indicators[j].clone(),
                        group: None,
                    })
                }
                Some(w) => {
                    let mut total = 0.0;
                    for ((g, rows), wg) in groups.iter().zip(w) {
                        let m = mean_of(rows).ok_or_else(|| EvalError::NoResponses {
                            source_name: r.source.clone(),
                            indicator: r.indicators[j].clone(),
                            group: Some(g.clone()),
                        })?;
                        total += wg * m;
                    }
                    Ok(total)
                }
            }
        })
        .collect()
}

/// Cronbach's α of a set of indicator columns over the respondents who answered all of them
/// (listwise): α = k/(k − 1) · (1 − Σ s²_i / s²_total), sample variances. `None` with fewer
/// than 2 indicators or 2 complete respondents, or a zero total variance.
///
/// ```
/// # use fiscus_eval::*;
/// let r = Responses::new("s", vec!["a".into(), "b".into(), "c".into()], vec!["x".into(), "y".into()],
///     vec![vec![Some(1.0), Some(2.0)], vec![Some(2.0), Some(3.0)], vec![Some(3.0), Some(5.0)]], None, &Scale::new(1.0, 5.0).unwrap()).unwrap();
/// let (alpha, n) = cronbach_alpha(&r, &[0, 1]);
/// assert_eq!(n, 3);
/// assert!((alpha.unwrap() - 54.0 / 57.0).abs() < 1e-12);
/// ```
pub fn cronbach_alpha(r: &Responses, columns: &[usize]) -> (Option<f64>, usize) {
    let rows: Vec<Vec<f64>> = r
        .values
        .iter()
        .filter_map(|row| {
            columns
                .iter()
                .map(|&j| row.get(j).copied().flatten())
                .collect()
        })
        .collect();
    let n = rows.len();
    let k = columns.len();
    if k < 2 || n < 2 {
        return (None, n);
    }
    let var = |x: &[f64]| {
        let m = x.iter().sum::<f64>() / x.len() as f64;
        x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)
    };
    let item_var: f64 = (0..k)
        .map(|j| var(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let tv = var(&totals);
    if tv <= 0.0 {
        return (None, n);
    }
    let kf = k as f64;
    (Some(kf / (kf - 1.0) * (1.0 - item_var / tv)), n)
}

/// The fuzzy membership row of every indicator: the (group-weighted) share of respondents at
/// each scale level, levels from the top down (5, 4, 3, 2, 1). Responses must be integers.
///
/// ```
/// # use fiscus_eval::*;
/// let r = Responses::new("s", vec!["a".into(), "b".into()], vec!["F1".into()],
///     vec![vec![Some(5.0)], vec![Some(4.0)]], None, &Scale::default()).unwrap();
/// assert_eq!(memberships(&r, &Scale::default(), None).unwrap()[0], vec![0.5, 0.5, 0.0, 0.0, 0.0]);
/// ```
pub fn memberships(
    r: &Responses,
    scale: &Scale,
    group_weights: Option<&[(String, f64)]>,
) -> Result<Vec<Vec<f64>>, EvalError> {
    let levels = scale.levels();
    let gw = resolve_group_weights(r, group_weights)?;
    let groups = r.group_rows();
    let mut out = Vec::with_capacity(r.indicators.len());
    for j in 0..r.indicators.len() {
        let shares = |rows: &[usize]| -> Result<Option<Vec<f64>>, EvalError> {
            let mut counts = vec![0.0; levels.len()];
            let mut n = 0.0;
            for &i in rows {
                if let Some(v) = r.values[i][j] {
                    let Some(p) = levels.iter().position(|&l| l == v) else {
                        return Err(EvalError::BadValue(format!(
                            "{}: row {} (respondent `{}`), column `{}`: response {v} is not one of the scale's levels {:?}; the fuzzy evaluation needs whole-number responses",
                            r.source,
                            i + 1,
                            r.respondents[i],
                            r.indicators[j],
                            levels
                        )));
                    };
                    counts[p] += 1.0;
                    n += 1.0;
                }
            }
            Ok((n > 0.0).then(|| counts.into_iter().map(|c| c / n).collect()))
        };
        let row = match &gw {
            None => {
                let all: Vec<usize> = (0..r.n_respondents()).collect();
                shares(&all)?.ok_or_else(|| EvalError::NoResponses {
                    source_name: r.source.clone(),
                    indicator: r.indicators[j].clone(),
                    group: None,
                })?
            }
            Some(w) => {
                let mut acc = vec![0.0; levels.len()];
                for ((g, rows), wg) in groups.iter().zip(w) {
                    let s = shares(rows)?.ok_or_else(|| EvalError::NoResponses {
                        source_name: r.source.clone(),
                        indicator: r.indicators[j].clone(),
                        group: Some(g.clone()),
                    })?;
                    for (a, v) in acc.iter_mut().zip(s) {
                        *a += wg * v;
                    }
                }
                acc
            }
        };
        out.push(row);
    }
    Ok(out)
}
