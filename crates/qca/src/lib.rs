//! `fiscus-qca`: qualitative comparative analysis with R QCA 3.25 parity.
//!
//! * [`QcaData`]: conditions and outcome of one analysis, with R's set-type detection;
//! * [`pof`], [`fit_rows`]: parameters of fit (inclS, PRI, covS, covU; inclN, RoN, covN);
//! * [`truth_table`]: R's row numbering, OUT coding, cases, the 0.5 rule;
//! * [`minimize`]: exact minimisation (Consistency Cubes) into complex, parsimonious and
//!   intermediate solutions, with every minimal model in R's order;
//! * [`configuration_chart`]: core and peripheral conditions of a solution's paths.
//!
//! Robustness (test solutions, grids, shards) is the `fiscus-robustness` crate.
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
mod causal;
mod ccubes;
mod chart;
mod cover;
mod error;
mod expr;
mod factorize;
mod findrows;
mod fit;
mod inference;
mod minimize;
mod options;
mod output;
mod retention;
mod sets;
mod supersubset;
mod theory;
mod truth_table;
mod tt_sums;

pub use boolean::{
    complexity, compute, create_matrix, find_subsets, find_supersets, fuzzyand, fuzzyor, generate,
    minterms, negate, simplify, simplify_rows, translate, BooleanSpace, Generated, Simplified,
    Translation, MAX_CONFIGURATIONS,
};
pub use budget::{Budget, Progress};
pub use causal::{causal_chain, CausalChain, Ordering};
pub use chart::{configuration_chart, model_chart, ChartCell, ChartPath, ConfigurationChart};
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
pub use options::{find_rows_types, incl_cuts, split_statement, whole_numbers};
pub use output::{
    CaseMemberships, ComplexityReport, ConfigMatrix, Factorizations, FindRowsReport, FitReport,
    InfTestInfo, RowNumbers, SimplifiedReport,
};
pub use retention::{retention, Perturbation, PerturbationCount, RetentionConfig, RetentionResult};
pub use sets::{detect_kind, DroppedCase, Outcome, QcaData, SetColumn, SetKind};
pub use supersubset::{
    necessity_table, super_subset, super_subset_with_progress, SuperSubsetConfig,
};
pub use theory::{model_fit, Intersections, ModelTheoryFit, TheoryFit, TheoryFitRow};
pub use truth_table::{
    row_config, row_number, truth_table, truth_table_with_progress, Out, TruthTable,
    TruthTableConfig, TruthTableReport, TtRow,
};
