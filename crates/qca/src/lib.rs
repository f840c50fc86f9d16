//! `fiscus-qca`: qualitative comparative analysis with R QCA 3.25 parity.
//!
//! * [`QcaData`]: conditions and outcome of one analysis, with R's set-type detection;
//! * [`pof`], [`fit_rows`]: parameters of fit (inclS, PRI, covS, covU; inclN, RoN, covN);
//! * [`truth_table`]: R's row numbering, OUT coding, cases, the 0.5 rule;
//! * [`minimize`]: exact minimisation (Consistency Cubes) into complex, parsimonious and
//!   intermediate solutions, with every minimal model in R's order.
//!
//! ```
//! use fiscus_data::{Column, Dataset};
//! use fiscus_qca::*;
//! let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
//!     Column::numbers("A", &[0.0, 0.0, 1.0, 1.0]), Column::numbers("B", &[0.0, 1.0, 0.0, 1.0]),
//!     Column::numbers("Y", &[0.0, 1.0, 1.0, 1.0])]).unwrap();
//! let tt = truth_table(QcaData::new(&ds, "Y", None).unwrap(), &TruthTableConfig::default()).unwrap();
//! let m = minimize(&tt, &MinimizeConfig::default()).unwrap();
//! assert_eq!(m.main.models[0].expression, "A + B");
//! ```

mod bits;
mod boolean;
mod budget;
mod ccubes;
mod cover;
mod error;
mod expr;
mod factorize;
mod findrows;
mod fit;
mod inference;
mod minimize;
mod robustness;
mod sets;
mod supersubset;
mod truth_table;

pub use boolean::{
    complexity, compute, create_matrix, find_subsets, find_supersets, fuzzyand, fuzzyor, generate,
    minterms, negate, simplify, simplify_rows, translate, BooleanSpace, Generated, Simplified,
    Translation, MAX_CONFIGURATIONS,
};
pub use budget::{Budget, Progress};
pub use error::{QcaError, Result};
pub use expr::{
    code_membership, parse_sop, sop_membership, sop_names, term_membership, Literal, Sop, Term,
    Universe,
};
pub use factorize::factorize;
pub use findrows::{find_rows, find_rows_subsets};
pub use fit::{
    fit_rows, pof, pof_binom, unique_coverage, FitRow, FitSums, NecessityFit, Relation,
    SufficiencyFit,
};
pub use inference::{binom_pvalues, binom_upper_tail, require_crisp, InfTest};
pub use minimize::{
    minimize, minimize_with_progress, ChartBounds, Intermediate, Minimization, MinimizeConfig,
    Model, PiChart, Solution,
};
pub use robustness::{
    chart_of, configuration_chart, grid_size, initial_solution, merge_shards, model_chart,
    prepare_data, robustness, robustness_fit, run_grid, sensitivity_ranges, shard_range,
    summarize_grid, AnchorShift, CaseCounts, CaseRow, CaseSubsets, Change, ChartCell, ChartPath,
    ConfigurationChart, DistinctSolution, Grid, GridShard, GridSummary, InitialSolution,
    NecessityStability, PathStability, RangeConfig, RangeParameter, Recalibration, Robustness,
    RobustnessFit, SensitivityRange, SolutionKind, Specification, TestSolution, TestStatus,
    NECESSITY_CUT,
};
pub use sets::{detect_kind, DroppedCase, Outcome, QcaData, SetColumn, SetKind};
pub use supersubset::{necessity_table, super_subset, SuperSubsetConfig};
pub use truth_table::{
    row_config, row_number, truth_table, Out, TruthTable, TruthTableConfig, TtRow,
};
