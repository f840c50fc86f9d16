//! `fiscus-delphi`: the statistics of a multi-round Delphi expert consultation.
//!
//! A round is a table of [`Ratings`]: rows are experts (with an id), columns are items
//! (indicators), cells are Likert scores on a declared [`Scale`]; a missing cell is an expert
//! who did not answer that item. From a round the crate computes
//!
//! * per item statistics ([`item_stats`]): mean, sample SD, CV, full-mark ratio (scale maximum and
//!   observed maximum), median, quartiles and IQR (any of R's nine quantile types, type 7 by
//!   default), share of scores at or above an agreement level;
//! * Kendall's coefficient of concordance ([`kendall_w`]) with and without the tie correction,
//!   its χ² test (df = n − 1, p from statrs), overall and per dimension;
//! * the positive coefficient ([`positive_coefficient`]) and the authority coefficient
//!   ([`authority`]): Ca, Cs, Cr per expert and for the panel, with the standard scoring tables
//!   as [`AuthorityTables::default`] and custom tables allowed; expert weights from Cr;
//! * screening ([`screen`]) by rules such as `mean >= 3.5` and `cv <= 0.25` ([`Rule`]), with a
//!   verdict and a reason for every item and the retained list;
//! * the comparison of rounds ([`compare_rounds`]): change of each item's mean and CV, items
//!   added or dropped, W per round and a convergence verdict with the rule used.
//!
//! Missing answers: item statistics use every answer given for the item (pairwise); Kendall's
//! W uses the experts who answered every item involved (listwise). Both counts are reported.
//!
//! The crate does no I/O: the command line reads the files and passes [`Ratings`] built from a
//! [`fiscus_data::Dataset`] or from plain rows.
//!
//! ```
//! use fiscus_delphi::{kendall_w, Ratings};
//! let r = Ratings::from_rows(&[vec![1.0, 2.0, 3.0], vec![1.0, 2.0, 3.0]]).unwrap();
//! let k = kendall_w(&r).unwrap();
//! assert!((k.w - 1.0).abs() < 1e-12);
//! ```

mod authority;
mod compare;
mod error;
mod kendall;
mod ratings;
mod report;
mod round;
mod screen;
mod stats;

pub use authority::{
    authority, expert_weights, parse_basis_level, parse_familiarity_level, positive_coefficient,
    Authority, AuthorityTables, Basis, ExpertAuthority, ExpertSelfRating,
};
pub use compare::{
    compare_rounds, wilcoxon_signed_rank_p, CompareConfig, Comparison, ConvergenceCheck,
    ConvergenceRule, ItemMapping, ItemTrack, RoundSummary, Transition,
};
pub use error::DelphiError;
pub use kendall::{kendall_w, kendall_w_rows, Kendall};
pub use ratings::{Ratings, Scale};
pub use report::{
    AuthorityOutput, DimensionKendall, KendallOutput, KendallReport, RoundOutput, ScreenOutput,
    W_MISSING_POLICY,
};
pub use round::{
    analyse_round, dimensions_from_dataset, DimensionSummary, MissingSummary, RoundConfig,
    RoundReport,
};
pub use screen::{parse_rules, screen, Cmp, Rule, ScreenConfig, Screening, Stat, Verdict};
pub use stats::{item_stats, quantile, ItemStats, ItemStatsConfig, QuantileType};
