//! `fiscus expr`: Boolean helpers on set expressions (R admisc/QCA `negate()`, `simplify()`,
//! `factorize()`, `compute()`, `translate()`, `generate()`, `createMatrix()`, `findSubsets()`,
//! `findSupersets()`, `complexity()`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args as ClapArgs, Subcommand};
use fiscus_qca::{
    find_subsets, find_supersets, generate, negate, simplify, translate, whole_numbers,
    BooleanSpace, CaseMemberships, ComplexityReport, ConfigMatrix, Factorizations, RowNumbers,
    SimplifiedReport,
};
use fiscus_report::views::expr as view;

use crate::common::{display_name, load_dataset, split_list, InputArgs, OutputArgs};

/// Arguments of `fiscus expr`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    cmd: Sub,
}

/// The conditions an expression ranges over.
#[derive(Debug, Clone, ClapArgs)]
struct SpaceArgs {
    /// Condition names (R `snames`), comma-separated (default: the names in the expression,
    /// sorted, as admisc does; with --data, in the data's column order).
    #[arg(long)]
    conditions: Option<String>,
    /// Number of levels of each condition (R `noflevels`), e.g. `3,2,2` (default: 2 each, or
    /// detected from --data).
    #[arg(long)]
    levels: Option<String>,
    /// Take the conditions' numbers of levels from calibrated data.
    #[arg(long, value_name = "DATA")]
    data: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

/// Rows of an implicant matrix.
#[derive(Debug, ClapArgs)]
struct RowsArgs {
    /// Row numbers, comma-separated.
    #[arg(long)]
    rows: String,
    /// Implicant-matrix base per condition (levels + 1), e.g. `3,3,3`.
    #[arg(long)]
    base: String,
    #[command(flatten)]
    out: OutputArgs,
}

impl RowsArgs {
    /// Prints the rows `find` returns for the rows and base given.
    fn emit(&self, find: impl Fn(&[u64], &[u32]) -> fiscus_qca::Result<Vec<u64>>) -> Result<()> {
        let rows = whole_numbers(&self.rows, "--rows")?;
        let r = RowNumbers {
            rows: find(&rows, &whole_numbers(&self.base, "--base")?)?,
        };
        self.out.emit(&r, |_| view::row_numbers(&r))
    }
}

/// An expression and the conditions it ranges over.
#[derive(Debug, ClapArgs)]
struct ExprArgs {
    /// The expression, e.g. `A*B + ~C` or `DEV[2] + DEV[1]*STB[1]`.
    expression: String,
    #[command(flatten)]
    space: SpaceArgs,
    #[command(flatten)]
    out: OutputArgs,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Negate an SOP expression (De Morgan), simplified (admisc negate()).
    Negate(ExprArgs),
    /// Minimise an SOP expression exactly (admisc simplify()).
    Simplify(ExprArgs),
    /// Common-factor forms of an SOP expression (admisc factorize()).
    Factorize {
        /// The expression, e.g. `~A*B*C + ~A*B*D + A*C*E`.
        expression: String,
        /// Condition order used to sort the items (default: the names, sorted).
        #[arg(long)]
        conditions: Option<String>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Implicant matrix of an expression, -1 = absent (admisc translate()).
    Translate(ExprArgs),
    /// Every configuration with its membership in the expression (QCA generate()).
    Expand(ExprArgs),
    /// Membership of every case of DATA in an expression (admisc compute()).
    Compute {
        /// The expression.
        expression: String,
        /// Calibrated data: .csv, .tsv, .xlsx or `-` for stdin.
        data: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// All configurations of conditions with these levels (QCA createMatrix()).
    Matrix {
        /// Numbers of levels, e.g. `2,3`.
        #[arg(long)]
        levels: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Implicant-matrix subsets of rows (QCA findSubsets()); --base is R's noflevels argument.
    Subsets {
        #[command(flatten)]
        rows: RowsArgs,
        /// Last row to consider (R `stop`).
        #[arg(long)]
        stop: Option<u64>,
    },
    /// Implicant-matrix supersets of rows (QCA findSupersets()).
    Supersets(RowsArgs),
    /// Number of terms per complexity layer (QCA complexity()).
    Complexity {
        /// Numbers of levels (`2,2,3`), or just the number of binary conditions (`5`).
        #[arg(long)]
        levels: String,
        #[command(flatten)]
        out: OutputArgs,
    },
}

impl SpaceArgs {
    fn space(&self, expr: &str) -> Result<BooleanSpace> {
        let levels = self.levels.as_deref().map(|l| whole_numbers(l, "--levels"));
        let ds = self.data.as_ref().map(|p| load_dataset(p, &self.input));
        let names = self.conditions.as_deref().map(split_list);
        let space =
            BooleanSpace::resolve(expr, names, levels.transpose()?, ds.transpose()?.as_ref());
        match &self.data {
            Some(p) => space.with_context(|| display_name(p)),
            None => Ok(space?),
        }
    }
}

/// Runs `fiscus expr`.
pub fn run(a: Args) -> Result<()> {
    match a.cmd {
        Sub::Negate(e) => {
            let s = negate(&e.space.space(&e.expression)?, &e.expression)?;
            e.out.emit(&SimplifiedReport::new(&s), |_| {
                view::simplified(&s, "negation")
            })
        }
        Sub::Simplify(e) => {
            let s = simplify(&e.space.space(&e.expression)?, &e.expression)?;
            e.out.emit(&SimplifiedReport::new(&s), |_| {
                view::simplified(&s, "simplified")
            })
        }
        Sub::Factorize {
            expression,
            conditions,
            out,
        } => {
            let order = conditions.as_deref().map(split_list).unwrap_or_default();
            let f = Factorizations::compute(&expression, &order)?;
            out.emit(&f, |_| view::factorized(&f))
        }
        Sub::Translate(e) => {
            let t = translate(&e.space.space(&e.expression)?, &e.expression)?;
            e.out.emit(&t, |_| view::translation(&t))
        }
        Sub::Expand(e) => {
            let g = generate(&e.space.space(&e.expression)?, &e.expression)?;
            e.out.emit(&g, |_| view::generated(&g))
        }
        Sub::Compute {
            expression,
            data,
            input,
            out,
        } => {
            let ds = load_dataset(&data, &input)?;
            let m =
                CaseMemberships::compute(&ds, &expression).with_context(|| display_name(&data))?;
            out.emit(&m, |d| view::memberships(&m, d))
        }
        Sub::Matrix { levels, out } => {
            let m = ConfigMatrix::compute(whole_numbers(&levels, "--levels")?)?;
            out.emit(&m, |_| view::config_matrix(&m))
        }
        Sub::Subsets { rows, stop } => rows.emit(|r, b| find_subsets(r, b, stop)),
        Sub::Supersets(rows) => rows.emit(find_supersets),
        Sub::Complexity { levels, out } => {
            let c = ComplexityReport::compute(&levels)?;
            out.emit(&c, |_| view::complexity(&c))
        }
    }
}
