//! The documents `fiscus robustness` prints as JSON: a set of test solutions, a grid's
//! summary, and a shard of a grid.

use serde::Serialize;

use fiscus_qca::ConfigurationChart;

use crate::grid::GridShard;
use crate::protocol::{Robustness, TestStatus};
use crate::ranges::SensitivityRange;
use crate::summary::{summarize_grid, GridSummary};

/// One test solution with its fit against the outcome and its similarity to the IS.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestRow {
    /// The test's label (its changes).
    pub test: String,
    /// Its first model, `None` without a solution.
    pub expression: Option<String>,
    /// Solved, no solution, or invalid.
    pub status: TestStatus,
    /// Why it has no solution or is invalid.
    pub message: Option<String>,
    /// Sufficiency inclusion of the test solution.
    #[serde(rename = "inclS")]
    pub incl_s: f64,
    /// Its PRI.
    #[serde(rename = "PRI")]
    pub pri: f64,
    /// Its coverage.
    #[serde(rename = "covS")]
    pub cov_s: f64,
    /// Set-theoretic similarity to the IS.
    #[serde(rename = "SC_IS")]
    pub sc_is: f64,
    /// Whether its first model is the IS.
    #[serde(rename = "equals_IS")]
    pub equals_is: bool,
}

/// `fiscus robustness --test ...`: the IS, every test solution, the robustness fit measures
/// (flattened), the test solutions' first models (`TS`), and the sensitivity ranges and the
/// configuration chart when asked for.
///
/// ```
/// # use fiscus_robustness::RobustnessReport;
/// // Built by `RobustnessReport::new(&robustness, ranges, chart)`; see `fiscus robustness`.
/// let _ = RobustnessReport::new;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RobustnessReport<'a> {
    /// The initial solution's first model.
    #[serde(rename = "IS")]
    pub is_expression: &'a str,
    /// The test solutions.
    pub tests: Vec<TestRow>,
    /// The robustness fit measures.
    #[serde(flatten)]
    pub fit: &'a crate::protocol::RobustnessFit,
    /// The test solutions' first models.
    #[serde(rename = "TS")]
    pub ts: Vec<Option<String>>,
    /// Sensitivity ranges (`--ranges`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranges: Option<&'a [SensitivityRange]>,
    /// The configuration chart of the IS (`--chart`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<&'a ConfigurationChart>,
}

impl<'a> RobustnessReport<'a> {
    /// The document of a robustness analysis.
    pub fn new(
        r: &'a Robustness,
        ranges: Option<&'a [SensitivityRange]>,
        chart: Option<&'a ConfigurationChart>,
    ) -> Self {
        let tests = r
            .tests
            .iter()
            .map(|t| {
                let f = t.fit(&r.initial.outcome);
                TestRow {
                    test: t.label.clone(),
                    expression: t.expression.clone(),
                    status: t.status,
                    message: t.message.clone(),
                    incl_s: f.incl,
                    pri: f.pri,
                    cov_s: f.cov,
                    sc_is: t.similarity(&r.initial.membership),
                    equals_is: t.expression.as_deref() == Some(r.is_expression.as_str()),
                }
            })
            .collect();
        RobustnessReport {
            is_expression: &r.is_expression,
            tests,
            fit: &r.fit,
            ts: r.tests.iter().map(|t| t.expression.clone()).collect(),
            ranges,
            chart,
        }
    }
}

/// One specification of a grid, as listed in the grid's document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridItemRow {
    /// The specification.
    pub test: String,
    /// Its first model.
    pub expression: Option<String>,
    /// Solved, no solution, or invalid.
    pub status: TestStatus,
    /// Why it has no solution or is invalid.
    pub message: Option<String>,
}

/// `fiscus robustness --grid` (and `merge`): the grid's summary (flattened), the grid as
/// written, and every specification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridReport {
    /// The summary.
    #[serde(flatten)]
    pub summary: GridSummary,
    /// The grid as written on the command line.
    pub grid: String,
    /// Every specification, in grid order.
    pub items: Vec<GridItemRow>,
}

impl GridReport {
    /// The document of a grid (or of merged shards).
    pub fn new(grid: &str, sh: &GridShard) -> Self {
        let items = sh
            .items
            .iter()
            .map(|t| GridItemRow {
                test: t.label.clone(),
                expression: t.expression.clone(),
                status: t.status,
                message: t.message.clone(),
            })
            .collect();
        GridReport {
            summary: summarize_grid(sh),
            grid: grid.into(),
            items,
        }
    }
}

/// A shard of a grid, as `--shard I/N` writes it and `merge` reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShardDocument<'a> {
    /// Always `fiscus-robustness-shard`.
    pub kind: &'static str,
    /// The grid as written.
    pub grid: &'a str,
    /// `I/N`.
    pub shard: String,
    /// The shard's specifications and provenance.
    pub data: &'a GridShard,
}

/// The `kind` of a shard document.
pub const SHARD_KIND: &str = "fiscus-robustness-shard";

impl<'a> ShardDocument<'a> {
    /// Shard `i` of `n` of `grid`.
    pub fn new(grid: &'a str, i: usize, n: usize, data: &'a GridShard) -> Self {
        ShardDocument {
            kind: SHARD_KIND,
            grid,
            shard: format!("{i}/{n}"),
            data,
        }
    }
}

impl GridReport {
    /// The report of a grid run in shards: `files` are the shard documents' names and bytes
    /// (as `--shard I/N` writes them), in any order. An error names the file; whether the shards
    /// belong together is decided by their provenance (data, options, grid, condition order),
    /// not by the spelling of the grid, which is taken from the first file.
    ///
    /// ```
    /// let e = fiscus_robustness::GridReport::merge(&[("a.json", b"{}")]).unwrap_err();
    /// assert!(e.to_string().starts_with("a.json: not a robustness shard"));
    /// ```
    pub fn merge(files: &[(&str, &[u8])]) -> crate::Result<Self> {
        let bad = |m: String| fiscus_qca::QcaError::Option(m);
        let mut shards = Vec::with_capacity(files.len());
        let mut grid: Option<String> = None;
        for (name, bytes) in files {
            let v: serde_json::Value = serde_json::from_slice(bytes)
                .map_err(|e| bad(format!("{name}: not a JSON document: {e}")))?;
            if v.get("kind").and_then(|k| k.as_str()) != Some(SHARD_KIND) {
                return Err(bad(format!(
                    "{name}: not a robustness shard (write one with --grid ... --shard I/N)"
                )));
            }
            let g = v.get("grid").and_then(|g| g.as_str()).unwrap_or_default();
            grid.get_or_insert_with(|| g.to_string());
            let data = v.get("data").cloned();
            let data = data.ok_or_else(|| bad(format!("{name}: no `data` field")))?;
            let sh: GridShard = serde_json::from_value(data).map_err(|e| {
                bad(format!("{name}: malformed shard (shards of an older Fiscus carry no provenance: recompute them): {e}"))
            })?;
            shards.push(sh);
        }
        let merged = crate::merge_shards(shards.clone()).map_err(|e| {
            // name the files: the library's message numbers shards by grid position
            let mut order: Vec<usize> = (0..shards.len()).collect();
            order.sort_by_key(|&k| shards[k].start);
            let named = order.iter().enumerate();
            let named: Vec<String> = named
                .map(|(j, &k)| format!("shard {} = {}", j + 1, files[k].0))
                .collect();
            bad(format!("{e} ({})", named.join(", ")))
        })?;
        Ok(GridReport::new(
            grid.as_deref().unwrap_or_default(),
            &merged,
        ))
    }
}
