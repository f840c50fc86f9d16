//! `fiscus-robustness`: robustness of QCA results (Oana & Schneider 2021; SetMethods'
//! `rob.fit`, `rob.cases`, `rob.corefit`, `rob.inclrange`, `rob.ncutrange`, `rob.calibrange`),
//! grids of test specifications evaluated in parallel, shards with their provenance, and path
//! stability.
//!
//! An analysis is a [`Specification`] (truth-table and minimisation options, recalibrations of
//! raw columns, a subset of cases, which solution counts) applied to a [`fiscus_data::Dataset`];
//! only the first model of the chosen solution is used. The initial solution (IS) and the test
//! solutions (TS) are sets whose membership per case is the value of that model;
//! [`robustness_fit`] gives the fit- and case-oriented measures. A test specification that
//! cannot be analysed (no truth-table row passes its cut-offs, no model, anchors out of order)
//! is listed with its reason and left out of every measure.
//!
//! Modules: [`spec`] (specifications and changes), [`protocol`] (IS, TS, the measures),
//! [`ranges`] (sensitivity ranges), [`grid`] (grid syntax, plan, shards, [`merge_shards`]),
//! [`provenance`] (the content hash a shard carries), [`summary`] (path stability). Everything
//! is pure: no I/O, no printing, and rayon only through the caller's thread pool.
//!
//! ```
//! use fiscus_data::{Column, Dataset};
//! use fiscus_robustness::{robustness, Change, Specification};
//! let ds = Dataset::new("d.csv", (1..=6).map(|i| i.to_string()).collect(), vec![
//!     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1, 0.7, 0.3]),
//!     Column::numbers("B", &[0.8, 0.3, 0.9, 0.2, 0.6, 0.1]),
//!     Column::numbers("Y", &[0.9, 0.7, 0.4, 0.2, 0.8, 0.3])]).unwrap();
//! let mut base = Specification::default();
//! base.truth_table.incl_cut1 = 0.8;
//! let tests = vec![("incl".to_string(), vec![Change::InclCut(0.7, None)])];
//! let r = robustness(&ds, "Y", None, &base, &tests).unwrap();
//! assert_eq!(r.is_expression, "A");
//! assert_eq!(r.tests.len(), 1);
//! ```

pub mod grid;
pub mod protocol;
pub mod provenance;
pub mod ranges;
pub mod report;
pub mod spec;
pub mod summary;

pub use fiscus_qca::{QcaError, Result};
pub use grid::{
    case_subsets, grid_size, merge_shards, parse_shard, run_grid, shard_range, AnchorShift,
    CaseSubsets, Grid, GridShard, GridSlice,
};
pub use protocol::{
    chart_of, initial_solution, robustness, robustness_fit, CaseCounts, CaseRow, InitialSolution,
    Robustness, RobustnessFit, TestSolution, TestStatus, NECESSITY_CUT,
};
pub use provenance::{sha256_hex, Provenance};
pub use ranges::{
    sensitivity_ranges, standard_parameters, RangeConfig, RangeParameter, SensitivityRange,
};
pub use report::{GridItemRow, GridReport, RobustnessReport, ShardDocument, TestRow, SHARD_KIND};
pub use spec::{prepare_data, Change, Recalibration, SolutionKind, Specification};
pub use summary::{
    summarize_grid, DistinctSolution, ExcludedSpecification, GridSummary, NecessityStability,
    PathStability,
};
