//! Work and memory budgets of the searches, and progress reports.
//!
//! A library crate reads no clock, so a budget counts work units (about a nanosecond each on
//! a current laptop: one elementary step of a search) and bytes. Every search that can grow
//! beyond a second or a few hundred megabytes checks its share of the budget: at the limit it
//! returns a result flagged as truncated, or an error naming the budget to raise.

use serde::Serialize;

/// Limits on the work and memory of one analysis. The defaults fit a laptop (about a second
/// per search and 4 GiB).
///
/// Each search takes its share of [`work`](Budget::work): the parsimonious PI search all of
/// it, the PI chart two thirds of it to find and prove the minimum (its independent parts
/// share it by rows; half of a part's share for the Lagrangian heuristic) and a fifth to list
/// the minimal models, the enumeration of non-minimal models
/// (`all_sol`) a thirtieth per model size, the CNA-style searches four thirds (PIs) and a
/// third (models), the superset/subset search all of it (two passes over the cases per expression),
/// the intermediate solutions an equal share per (conservative, parsimonious) model pair.
///
/// ```
/// use fiscus_qca::Budget;
/// let b = Budget::default();
/// assert_eq!(b.work, 1_500_000_000);
/// assert_eq!(b.memory, 4 << 30);
/// let big = Budget { work: 10 * b.work, ..b };
/// assert!(big.share(1, 30) > b.share(1, 30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Budget {
    /// Work units (about a nanosecond each) a search may spend before it stops.
    pub work: u64,
    /// Bytes the large tables of one analysis (prime implicants, memberships) may take.
    pub memory: u64,
}

impl Budget {
    /// The budget `--work-budget` and `--memory-budget` give, the defaults for those not given.
    ///
    /// ```
    /// let b = fiscus_qca::Budget::new(Some(10), None);
    /// assert_eq!((b.work, b.memory), (10, fiscus_qca::Budget::default().memory));
    /// ```
    pub fn new(work: Option<u64>, memory: Option<u64>) -> Budget {
        let d = Budget::default();
        Budget {
            work: work.unwrap_or(d.work),
            memory: memory.unwrap_or(d.memory),
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            work: 1_500_000_000,
            memory: 4 << 30,
        }
    }
}

impl Budget {
    /// `num/den` of the work budget (at least 1).
    ///
    /// ```
    /// assert_eq!(fiscus_qca::Budget { work: 300, memory: 0 }.share(1, 3), 100);
    /// ```
    pub fn share(&self, num: u64, den: u64) -> u64 {
        (u128::from(self.work) * u128::from(num) / u128::from(den.max(1)))
            .clamp(1, u128::from(u64::MAX)) as u64
    }

    /// Estimated bytes of one prime implicant with its cover and its chart entries, used to
    /// turn the memory budget into a number of PIs.
    pub(crate) const PI_BYTES: u64 = 20_000;

    /// Most prime implicants the PI search may collect (the memory budget over
    /// [`PI_BYTES`](Self::PI_BYTES); 214,748 with the default 4 GiB).
    pub(crate) fn max_pis(&self) -> usize {
        (self.memory / Self::PI_BYTES).clamp(1, usize::MAX as u64) as usize
    }

    /// An error when `bytes` for `what` exceed the memory budget.
    pub(crate) fn check_memory(&self, bytes: u64, what: &str) -> crate::Result<()> {
        if bytes > self.memory {
            return Err(crate::QcaError::Budget(format!(
                "{what} would take {} MB, more than the memory budget of {} MB: raise it (--memory-budget) or simplify the analysis",
                bytes.div_ceil(1 << 20),
                self.memory / (1 << 20)
            )));
        }
        Ok(())
    }
}

/// How far a long computation has got: step `done` of `total` of the named stage. Given to
/// the progress callbacks of [`minimize_with_progress`](crate::minimize_with_progress),
/// [`truth_table_with_progress`](crate::truth_table_with_progress) and
/// [`super_subset_with_progress`](crate::super_subset_with_progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// `"prime implicants"` (positive rows searched), `"PI chart"` (chart parts solved),
    /// `"truth table"` (rows whose sums are done) or `"expressions"` (expressions examined by
    /// the superset/subset search).
    pub stage: &'static str,
    /// Steps done.
    pub done: u64,
    /// Steps in all.
    pub total: u64,
}
