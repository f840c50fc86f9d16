//! Truth tables (R QCA's `truthTable()`).

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{QcaError, Result};
use crate::inference::{binom_pvalues, require_crisp, InfTest};
use crate::sets::{DroppedCase, QcaData, SetKind};
use crate::tt_sums::{row_sums, Memberships};
use fiscus_data::ge_tol;

/// Output value of a truth-table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Out {
    /// Sufficient for the outcome (`"1"`).
    #[serde(rename = "1")]
    One,
    /// Not sufficient (`"0"`).
    #[serde(rename = "0")]
    Zero,
    /// Contradiction between two inclusion cut-offs (`"C"`).
    #[serde(rename = "C")]
    Contradiction,
    /// Logical remainder, or fewer cases than `n_cut` (`"?"`).
    #[serde(rename = "?")]
    Remainder,
}

impl Out {
    /// The R spelling: `1`, `0`, `C`, `?`.
    ///
    /// ```
    /// assert_eq!(fiscus_qca::Out::Contradiction.as_str(), "C");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Out::One => "1",
            Out::Zero => "0",
            Out::Contradiction => "C",
            Out::Remainder => "?",
        }
    }
}

/// Options of a truth table; the defaults are R QCA's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthTableConfig {
    /// Inclusion cut-off for OUT = 1.
    pub incl_cut1: f64,
    /// Second inclusion cut-off: rows with `incl_cut0 <= incl < incl_cut1` are contradictions
    /// (`None` = 1, i.e. no contradictions).
    pub incl_cut0: Option<f64>,
    /// Minimum number of cases for a row to be coded (fewer: remainder `?`).
    pub n_cut: usize,
    /// Minimum PRI for OUT = 1.
    pub pri_cut: f64,
    /// Row numbers forced to OUT = 0 (ESA).
    pub exclude: Vec<u64>,
    /// The binomial test (R's `inf.test = "binom"`, crisp data only): OUT = 1 when the
    /// p-value against `incl_cut1` is below alpha, `C` (two cut-offs) when the one against
    /// `incl_cut0` is, else 0. It replaces the inclusion and PRI cut-offs.
    pub inf_test: Option<InfTest>,
}

impl Default for TruthTableConfig {
    fn default() -> Self {
        TruthTableConfig {
            incl_cut1: 1.0,
            incl_cut0: None,
            n_cut: 1,
            pri_cut: 0.0,
            exclude: Vec::new(),
            inf_test: None,
        }
    }
}

impl TruthTableConfig {
    /// Checks the cut-offs.
    ///
    /// ```
    /// let mut c = fiscus_qca::TruthTableConfig::default();
    /// c.incl_cut0 = Some(1.2);
    /// assert!(c.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        let bad =
            |what: &str, v: f64| QcaError::Option(format!("{what} must lie in [0, 1], not {v}"));
        if !(0.0..=1.0).contains(&self.incl_cut1) {
            return Err(bad("the inclusion cut-off", self.incl_cut1));
        }
        if let Some(c0) = self.incl_cut0 {
            if !(0.0..=1.0).contains(&c0) {
                return Err(bad("the second inclusion cut-off", c0));
            }
            if c0 > self.incl_cut1 {
                return Err(QcaError::Option(format!(
                    "the second inclusion cut-off ({c0}) must not exceed the first ({})",
                    self.incl_cut1
                )));
            }
        }
        if !(0.0..=1.0).contains(&self.pri_cut) {
            return Err(bad("the PRI cut-off", self.pri_cut));
        }
        if self.n_cut == 0 {
            return Err(QcaError::Option("n-cut must be at least 1".into()));
        }
        Ok(())
    }
}

/// One observed truth-table row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TtRow {
    /// R QCA's row number (`1 + Σ v_j Π_{m>j} L_m`).
    pub row: u64,
    /// Value of each condition.
    pub config: Vec<u32>,
    /// Output value.
    #[serde(rename = "OUT")]
    pub out: Out,
    /// Number of cases with membership above 0.5.
    pub n: usize,
    /// Sufficiency inclusion of the row (all cases contribute).
    pub incl: f64,
    /// PRI of the row.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Indexes of the cases in the row.
    pub cases: Vec<usize>,
    /// Deviant cases consistency: cases in the row with outcome below 0.5.
    pub dcc: Vec<usize>,
    /// Forced to 0 by `exclude`.
    pub excluded: bool,
    /// p-value of the binomial test against the first inclusion cut-off (with `inf_test`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pval1: Option<f64>,
    /// p-value against the second cut-off (only with two cut-offs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pval0: Option<f64>,
}

/// A truth table with the data it was built from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthTable {
    /// The analysis data.
    pub data: QcaData,
    /// Levels of each condition.
    pub levels: Vec<u32>,
    /// The options used.
    pub config: TruthTableConfig,
    /// Observed rows, by row number.
    pub rows: Vec<TtRow>,
    /// Cases with a fuzzy membership of exactly 0.5 in a condition: in no row.
    pub half_cases: Vec<DroppedCase>,
}

/// Row number of a configuration (first condition most significant), or `None` on overflow.
///
/// ```
/// assert_eq!(fiscus_qca::row_number(&[1, 0, 1], &[2, 2, 2]), Some(6));
/// assert_eq!(fiscus_qca::row_number(&[2, 1], &[3, 2]), Some(6));
/// ```
pub fn row_number(config: &[u32], levels: &[u32]) -> Option<u64> {
    let mut r: u64 = 0;
    for (&v, &l) in config.iter().zip(levels) {
        r = r.checked_mul(u64::from(l))?.checked_add(u64::from(v))?;
    }
    r.checked_add(1)
}

/// Configuration of a row number (inverse of [`row_number`]).
///
/// ```
/// assert_eq!(fiscus_qca::row_config(6, &[2, 2, 2]), vec![1, 0, 1]);
/// ```
pub fn row_config(row: u64, levels: &[u32]) -> Vec<u32> {
    let mut r = row.saturating_sub(1);
    let mut out = vec![0u32; levels.len()];
    for j in (0..levels.len()).rev() {
        let l = u64::from(levels[j].max(1));
        out[j] = (r % l) as u32;
        r /= l;
    }
    out
}

/// Total number of configurations, `Π L_j` (saturating).
pub(crate) fn n_configs(levels: &[u32]) -> u64 {
    levels
        .iter()
        .fold(1u64, |a, &l| a.saturating_mul(u64::from(l)))
}

/// Builds the truth table of `data` (R QCA's `truthTable()`).
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{truth_table, QcaData, TruthTableConfig, Out};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into(), "c".into()], vec![
///     Column::numbers("A", &[0.0, 1.0, 1.0]), Column::numbers("Y", &[0.0, 1.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// assert_eq!(tt.rows.len(), 2);
/// assert_eq!(tt.rows[1].out, Out::One);
/// assert_eq!(tt.rows[1].n, 2);
/// ```
pub fn truth_table(data: QcaData, config: &TruthTableConfig) -> Result<TruthTable> {
    truth_table_with_progress(data, config, &|_| {})
}

/// [`truth_table`], reporting the rows whose fuzzy sums are done (stage `truth table`) to
/// `progress` (called from worker threads; the result does not depend on it).
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # use fiscus_qca::{truth_table_with_progress, QcaData, TruthTableConfig};
/// # let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
/// #     Column::numbers("A", &[0.2, 0.8]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
/// let seen = std::sync::atomic::AtomicU64::new(0);
/// let tt = truth_table_with_progress(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default(),
///     &|p| { seen.fetch_max(p.done, std::sync::atomic::Ordering::Relaxed); }).unwrap();
/// assert_eq!(seen.into_inner(), tt.rows.len() as u64);
/// ```
pub fn truth_table_with_progress(
    data: QcaData,
    config: &TruthTableConfig,
    progress: &(dyn Fn(crate::Progress) + Sync),
) -> Result<TruthTable> {
    config.validate()?;
    let levels = data.levels();
    if levels.len() > 64 {
        return Err(QcaError::Option(format!(
            "{} conditions: at most 64 are supported",
            levels.len()
        )));
    }
    if row_number(&levels.iter().map(|l| l - 1).collect::<Vec<_>>(), &levels).is_none() {
        return Err(QcaError::Option(
            "too many configurations to number the rows".into(),
        ));
    }
    let total = n_configs(&levels);
    if let Some(r) = config.exclude.iter().find(|&&r| r == 0 || r > total) {
        return Err(QcaError::Option(format!(
            "exclude: row {r} does not exist (the truth table has rows 1 to {total})"
        )));
    }
    if config.inf_test.is_some() {
        require_crisp(&data.conditions, &data.outcome.label, &data.outcome.values)?;
    }
    let n = data.n_cases();
    let k = levels.len();
    // Crisp projection of each case (flat, case by case), its row number, and the keys of
    // the row sums: the values on the crisp conditions and the mask of the fuzzy ones.
    let mut half_cases = Vec::new();
    let mut case_cfg: Vec<u32> = Vec::with_capacity(n * k);
    let mut observed: Vec<(u64, usize)> = Vec::with_capacity(n);
    let mut crisp_key: Vec<u64> = Vec::with_capacity(n);
    let mut fuzzy_mask: Vec<u64> = Vec::with_capacity(n);
    let mut half = Vec::new();
    for i in 0..n {
        half.clear();
        let (mut key, mut mask, mut bit) = (0u64, 0u64, 0u32);
        for c in &data.conditions {
            let x = c.values[i];
            match c.kind {
                SetKind::Fuzzy => {
                    if x == 0.5 {
                        half.push(c.name.as_str());
                    }
                    case_cfg.push(u32::from(x > 0.5));
                    mask |= u64::from(x > 0.5) << bit;
                    bit += 1;
                }
                SetKind::Crisp { .. } => {
                    case_cfg.push(x as u32);
                    key = key * u64::from(c.kind.levels()) + x as u64;
                }
            }
        }
        crisp_key.push(key);
        fuzzy_mask.push(mask);
        if half.is_empty() {
            if let Some(r) = row_number(&case_cfg[i * k..(i + 1) * k], &levels) {
                observed.push((r, i));
            }
        } else {
            half_cases.push(DroppedCase {
                case: data.cases[i].clone(),
                reason: format!("membership of exactly 0.5 in {}", half.join(", ")),
            });
        }
    }
    observed.sort_unstable();
    // The observed rows: each a row number and the cases in it (ascending), as a range of
    // `observed`.
    let mut groups: Vec<(u64, std::ops::Range<usize>)> = Vec::new();
    for (at, &(r, _)) in observed.iter().enumerate() {
        match groups.last_mut() {
            Some((lr, range)) if *lr == r => range.end = at + 1,
            _ => groups.push((r, at..at + 1)),
        }
    }
    let members = |range: &std::ops::Range<usize>| observed[range.clone()].iter().map(|&(_, i)| i);
    let y = &data.outcome.values;
    let sums = {
        let m = Memberships {
            fuzzy: data
                .conditions
                .iter()
                .filter(|c| c.kind == SetKind::Fuzzy)
                .map(|c| c.values.as_slice())
                .collect(),
            crisp_key,
            fuzzy_mask,
            y,
        };
        let keys: Vec<(u64, u64)> = groups
            .iter()
            .map(|(_, range)| {
                let first = observed[range.start].1;
                (m.crisp_key[first], m.fuzzy_mask[first])
            })
            .collect();
        row_sums(&m, &keys, progress)
    };
    let ic0 = config.incl_cut0;
    let rows: Vec<TtRow> = groups
        .par_iter()
        .zip(sums.par_iter())
        .map(|((r, range), &[sx, sxy, sxyny])| {
            let idx: Vec<usize> = members(range).collect();
            let cfg = case_cfg[idx[0] * k..(idx[0] + 1) * k].to_vec();
            let incl = sxy / sx;
            let pri = (sxy - sxyny) / (sx - sxyny);
            let nn = idx.len();
            let excluded = config.exclude.contains(r);
            let pvals = config
                .inf_test
                .and_then(|_| binom_pvalues(sx, incl, config.incl_cut1, ic0.unwrap_or(1.0)));
            let out = if nn < config.n_cut {
                Out::Remainder
            } else if excluded {
                Out::Zero
            } else if let Some(t) = config.inf_test {
                let (p1, p0) = pvals.unwrap_or((1.0, 1.0));
                if p1 < t.alpha {
                    Out::One
                } else if ic0.is_some() && p0 < t.alpha {
                    Out::Contradiction
                } else {
                    Out::Zero
                }
            } else {
                let pass1 = ge_tol(incl, config.incl_cut1);
                if pass1 && ge_tol(pri, config.pri_cut) {
                    Out::One
                } else if !pass1 && ic0.is_some_and(|c0| ge_tol(incl, c0)) {
                    Out::Contradiction
                } else {
                    Out::Zero
                }
            };
            TtRow {
                row: *r,
                config: cfg,
                out,
                n: nn,
                incl,
                pri,
                dcc: idx.iter().copied().filter(|&i| y[i] < 0.5).collect(),
                cases: idx,
                excluded,
                pval1: pvals.map(|p| p.0),
                pval0: pvals.and(ic0).and(pvals.map(|p| p.1)),
            }
        })
        .collect();
    Ok(TruthTable {
        levels,
        config: config.clone(),
        rows,
        half_cases,
        data,
    })
}

impl TruthTable {
    /// Row numbers of the configurations never observed, ascending (`None` when there are
    /// more than `limit`).
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_qca::{truth_table, QcaData, TruthTableConfig};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
    ///     Column::numbers("A", &[0.0, 1.0]), Column::numbers("B", &[0.0, 1.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
    /// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
    /// assert_eq!(tt.remainder_rows(100), Some(vec![2, 3]));
    /// ```
    pub fn remainder_rows(&self, limit: u64) -> Option<Vec<u64>> {
        let total = n_configs(&self.levels);
        if total - self.rows.len() as u64 > limit {
            return None;
        }
        let mut obs = self.rows.iter().map(|r| r.row).peekable();
        let mut out = Vec::new();
        for r in 1..=total {
            if obs.peek() == Some(&r) {
                obs.next();
            } else {
                out.push(r);
            }
        }
        Some(out)
    }

    /// The order in which to list the rows for `keys`, e.g. `OUT,incl,n`: each key sorts
    /// descending (`n+` ascending), the first key most significant; ties keep row order.
    /// Keys: `OUT` (1 > C > 0 > ?), `incl`, `n`, `PRI`.
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// # use fiscus_qca::{truth_table, QcaData, TruthTableConfig};
    /// # let ds = Dataset::new("d.csv", vec!["a".into(), "b".into(), "c".into()], vec![
    /// #     Column::numbers("A", &[0.0, 1.0, 1.0]), Column::numbers("Y", &[0.0, 1.0, 1.0])]).unwrap();
    /// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
    /// assert_eq!(tt.order_by("n").unwrap(), vec![1, 0]);
    /// assert_eq!(tt.order_by("n+").unwrap(), vec![0, 1]);
    /// assert!(tt.order_by("size").is_err());
    /// ```
    pub fn order_by(&self, keys: &str) -> Result<Vec<usize>> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        let keys: Vec<&str> = keys
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .collect();
        for k in keys.iter().rev() {
            let (name, asc) = match k.strip_suffix('+') {
                Some(n) => (n, true),
                None => (k.strip_suffix('-').unwrap_or(k), false),
            };
            let val = |i: usize| -> f64 {
                let r = &self.rows[i];
                match name {
                    "OUT" => match r.out {
                        Out::One => 3.0,
                        Out::Contradiction => 2.0,
                        Out::Zero => 1.0,
                        Out::Remainder => 0.0,
                    },
                    "incl" => r.incl,
                    "n" => r.n as f64,
                    _ => r.pri,
                }
            };
            if !["OUT", "incl", "n", "PRI"].contains(&name) {
                return Err(QcaError::Option(format!(
                    "--sort-by: unknown key `{name}` (use OUT, incl, n, PRI)"
                )));
            }
            idx.sort_by(|&a, &b| {
                let o = val(a).total_cmp(&val(b));
                if asc {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        Ok(idx)
    }

    /// Condition names.
    ///
    /// ```
    /// # use fiscus_data::{Column, Dataset};
    /// # use fiscus_qca::{truth_table, QcaData, TruthTableConfig};
    /// # let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
    /// #     Column::numbers("A", &[0.0, 1.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
    /// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
    /// assert_eq!(tt.condition_names(), vec!["A".to_string()]);
    /// ```
    pub fn condition_names(&self) -> Vec<String> {
        self.data
            .conditions
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }
}

/// The truth table as the command-line contract writes it (`fiscus truth-table --format json`
/// and the study's results): outcome, conditions, levels, options, observed rows with their
/// configuration by condition name and their cases by label, remainder rows (when at most
/// 2^20) and the cases in no row. Serialised directly, without an intermediate tree.
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_qca::{truth_table, QcaData, TruthTableConfig};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("A", &[0.0, 1.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
/// let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
/// let v = serde_json::to_value(tt.report()).unwrap();
/// assert_eq!(v["observed_rows"][1]["config"]["A"], 1);
/// assert_eq!(v["observed_rows"][1]["cases"], serde_json::json!(["b"]));
/// assert_eq!(v["remainder_rows"], serde_json::json!([]));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct TruthTableReport<'a>(&'a TruthTable);

impl TruthTable {
    /// The contract's JSON view of this truth table (see [`TruthTableReport`]).
    pub fn report(&self) -> TruthTableReport<'_> {
        TruthTableReport(self)
    }
}

mod report_ser {
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::{TruthTable, TruthTableReport, TtRow};

    struct Labels<'a>(&'a [usize], &'a [String]);
    impl Serialize for Labels<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut q = s.serialize_seq(Some(self.0.len()))?;
            for &i in self.0 {
                q.serialize_element(&self.1[i])?;
            }
            q.end()
        }
    }

    struct Config<'a>(&'a [String], &'a [u32]);
    impl Serialize for Config<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (n, v) in self.0.iter().zip(self.1) {
                m.serialize_entry(n, v)?;
            }
            m.end()
        }
    }

    struct Row<'a>(&'a TtRow, &'a [String], &'a [String]);
    impl Serialize for Row<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let (r, names, cases) = (self.0, self.1, self.2);
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("row", &r.row)?;
            m.serialize_entry("config", &Config(names, &r.config))?;
            m.serialize_entry("OUT", r.out.as_str())?;
            m.serialize_entry("n", &r.n)?;
            m.serialize_entry("incl", &r.incl)?;
            m.serialize_entry("PRI", &r.pri)?;
            m.serialize_entry("cases", &Labels(&r.cases, cases))?;
            m.serialize_entry("dcc", &Labels(&r.dcc, cases))?;
            m.serialize_entry("excluded", &r.excluded)?;
            if let Some(p) = r.pval1 {
                m.serialize_entry("pval1", &p)?;
            }
            if let Some(p) = r.pval0 {
                m.serialize_entry("pval0", &p)?;
            }
            m.end()
        }
    }

    struct Rows<'a>(&'a TruthTable, &'a [String]);
    impl Serialize for Rows<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut q = s.serialize_seq(Some(self.0.rows.len()))?;
            for r in &self.0.rows {
                q.serialize_element(&Row(r, self.1, &self.0.data.cases))?;
            }
            q.end()
        }
    }

    #[derive(serde::Serialize)]
    struct Options<'a> {
        incl_cut: [f64; 2],
        n_cut: usize,
        pri_cut: f64,
        exclude: &'a [u64],
        inf_test: Option<String>,
    }

    impl Serialize for TruthTableReport<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let tt = self.0;
            let names = tt.condition_names();
            let mut excluded: Vec<&crate::sets::DroppedCase> =
                tt.data.dropped.iter().chain(&tt.half_cases).collect();
            excluded.sort_by(|a, b| a.case.cmp(&b.case));
            let mut m = s.serialize_map(None)?;
            m.serialize_entry("outcome", &tt.data.outcome.label)?;
            m.serialize_entry("conditions", &names)?;
            m.serialize_entry("noflevels", &tt.levels)?;
            m.serialize_entry(
                "options",
                &Options {
                    incl_cut: [tt.config.incl_cut1, tt.config.incl_cut0.unwrap_or(1.0)],
                    n_cut: tt.config.n_cut,
                    pri_cut: tt.config.pri_cut,
                    exclude: &tt.config.exclude,
                    inf_test: tt.config.inf_test.map(|t| format!("binom, {}", t.alpha)),
                },
            )?;
            m.serialize_entry("observed_rows", &Rows(tt, &names))?;
            m.serialize_entry("remainder_rows", &tt.remainder_rows(1 << 20))?;
            m.serialize_entry("excluded_cases", &excluded)?;
            m.end()
        }
    }
}
