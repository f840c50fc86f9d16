//! `fiscus expr`: Boolean helpers on set expressions (R admisc/QCA `negate()`, `simplify()`,
//! `factorize()`, `compute()`, `translate()`, `generate()`, `createMatrix()`, `findSubsets()`,
//! `findSupersets()`, `complexity()`).

use std::path::PathBuf;

use anyhow::{anyhow, Context, Result};
use clap::{Args as ClapArgs, Subcommand};
use fiscus_qca::{
    complexity, compute, create_matrix, factorize, find_subsets, find_supersets, generate, negate,
    simplify, translate, BooleanSpace, Simplified,
};
use fiscus_qca::{
    CaseMemberships, ComplexityReport, ConfigMatrix, Factorizations, RowNumbers, SimplifiedReport,
};
use fiscus_report::table::View;

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

#[derive(Debug, Subcommand)]
enum Sub {
    /// Negate an SOP expression (De Morgan), simplified (admisc negate()).
    Negate {
        /// The expression, e.g. `A*B + ~C` or `DEV[2] + DEV[1]*STB[1]`.
        expression: String,
        #[command(flatten)]
        space: SpaceArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Minimise an SOP expression exactly (admisc simplify()).
    Simplify {
        /// The expression.
        expression: String,
        #[command(flatten)]
        space: SpaceArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
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
    Translate {
        /// The expression.
        expression: String,
        #[command(flatten)]
        space: SpaceArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Every configuration with its membership in the expression (QCA generate()).
    Expand {
        /// The expression.
        expression: String,
        #[command(flatten)]
        space: SpaceArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
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
        /// Row numbers, comma-separated.
        #[arg(long)]
        rows: String,
        /// Implicant-matrix base per condition (levels + 1), e.g. `3,3,3`.
        #[arg(long)]
        base: String,
        /// Last row to consider (R `stop`).
        #[arg(long)]
        stop: Option<u64>,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Implicant-matrix supersets of rows (QCA findSupersets()).
    Supersets {
        /// Row numbers, comma-separated.
        #[arg(long)]
        rows: String,
        /// Implicant-matrix base per condition (levels + 1), e.g. `3,3,3`.
        #[arg(long)]
        base: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Number of terms per complexity layer (QCA complexity()).
    Complexity {
        /// Numbers of levels (`2,2,3`), or just the number of binary conditions (`5`).
        #[arg(long)]
        levels: String,
        #[command(flatten)]
        out: OutputArgs,
    },
}

fn numbers<T: std::str::FromStr>(s: &str, what: &str) -> Result<Vec<T>> {
    split_list(s)
        .iter()
        .map(|x| {
            x.parse::<T>()
                .map_err(|_| anyhow!("{what}: `{x}` is not a whole number"))
        })
        .collect()
}

impl SpaceArgs {
    fn space(&self, expr: &str) -> Result<BooleanSpace> {
        let levels: Option<Vec<u32>> = self
            .levels
            .as_deref()
            .map(|l| numbers(l, "--levels"))
            .transpose()?;
        let ds = self
            .data
            .as_ref()
            .map(|p| load_dataset(p, &self.input))
            .transpose()?;
        let names = self.conditions.as_deref().map(split_list);
        let space = BooleanSpace::resolve(expr, names, levels, ds.as_ref());
        match &self.data {
            Some(p) => space.with_context(|| display_name(p)),
            None => Ok(space?),
        }
    }
}

/// A view of one table whose numbers are already text.
fn table(header: &[&str], rows: Vec<Vec<String>>) -> View {
    let header = header.iter().map(|h| h.to_string()).collect();
    let mut v = View::default();
    v.table("", header, rows);
    v
}

fn emit_simplified(s: &Simplified, what: &str, out: &OutputArgs) -> Result<()> {
    let rows: Vec<Vec<String>> = s
        .models
        .iter()
        .enumerate()
        .map(|(i, m)| vec![format!("M{}", i + 1), m.clone()])
        .collect();
    out.emit(&SimplifiedReport::new(s), |_| {
        table(&["model", what], rows.clone())
    })
}

/// Runs `fiscus expr`.
pub fn run(a: Args) -> Result<()> {
    match a.cmd {
        Sub::Negate {
            expression,
            space,
            out,
        } => {
            let s = negate(&space.space(&expression)?, &expression)?;
            emit_simplified(&s, "negation", &out)
        }
        Sub::Simplify {
            expression,
            space,
            out,
        } => {
            let s = simplify(&space.space(&expression)?, &expression)?;
            emit_simplified(&s, "simplified", &out)
        }
        Sub::Factorize {
            expression,
            conditions,
            out,
        } => {
            let order = conditions.as_deref().map(split_list).unwrap_or_default();
            let f = factorize(&expression, &order)?;
            let rows: Vec<Vec<String>> = f
                .iter()
                .enumerate()
                .map(|(i, e)| vec![format!("F{}", i + 1), e.clone()])
                .collect();
            let doc = Factorizations {
                input: expression.trim().to_string(),
                factorizations: f,
            };
            out.emit(&doc, |_| table(&["form", "factorized"], rows.clone()))
        }
        Sub::Translate {
            expression,
            space,
            out,
        } => {
            let t = translate(&space.space(&expression)?, &expression)?;
            let mut header = vec!["term".to_string()];
            header.extend(t.names.iter().cloned());
            let rows: Vec<Vec<String>> = t
                .terms
                .iter()
                .enumerate()
                .map(|(i, term)| {
                    let mut r = vec![term.clone()];
                    r.extend((0..t.names.len()).map(|j| t.cell_text(i, j)));
                    r
                })
                .collect();
            out.emit(&t, |_| {
                let mut v = View::default();
                v.table("", header.clone(), rows.clone());
                v
            })
        }
        Sub::Expand {
            expression,
            space,
            out,
        } => {
            let g = generate(&space.space(&expression)?, &expression)?;
            let mut header = g.names.clone();
            header.push("OUT".into());
            let rows: Vec<Vec<String>> = g
                .configs
                .iter()
                .zip(&g.out)
                .map(|(c, o)| {
                    c.iter()
                        .map(u32::to_string)
                        .chain([o.to_string()])
                        .collect()
                })
                .collect();
            out.emit(&g, |_| {
                let mut v = View::default();
                v.table("", header.clone(), rows.clone());
                v
            })
        }
        Sub::Compute {
            expression,
            data,
            input,
            out,
        } => {
            let ds = load_dataset(&data, &input)?;
            let m = compute(&ds, &expression).with_context(|| display_name(&data))?;
            let doc = CaseMemberships {
                expression: expression.clone(),
                cases: ds.cases().to_vec(),
                membership: m,
            };
            out.emit(&doc, |d| {
                let rows = doc.cases.iter().zip(&doc.membership);
                let rows = rows.map(|(c, v)| vec![c.clone(), d.num(*v, 3)]).collect();
                table(&["case", &expression], rows)
            })
        }
        Sub::Matrix { levels, out } => {
            let lv: Vec<u32> = numbers(&levels, "--levels")?;
            let m = create_matrix(&lv)?;
            let header: Vec<String> = (1..=lv.len()).map(|j| format!("C{j}")).collect();
            let rows: Vec<Vec<String>> = m
                .iter()
                .map(|r| r.iter().map(u32::to_string).collect())
                .collect();
            let doc = ConfigMatrix {
                levels: lv,
                matrix: m,
            };
            out.emit(&doc, |_| {
                let mut v = View::default();
                v.table("", header.clone(), rows.clone());
                v
            })
        }
        Sub::Subsets {
            rows,
            base,
            stop,
            out,
        } => {
            let r = find_subsets(&numbers(&rows, "--rows")?, &numbers(&base, "--base")?, stop)?;
            emit_rows(&r, &out)
        }
        Sub::Supersets { rows, base, out } => {
            let r = find_supersets(&numbers(&rows, "--rows")?, &numbers(&base, "--base")?)?;
            emit_rows(&r, &out)
        }
        Sub::Complexity { levels, out } => {
            let lv: Vec<u32> = numbers(&levels, "--levels")?;
            let lv = match lv.as_slice() {
                [n] if !levels.contains(',') => vec![2; (*n).min(65) as usize],
                _ => lv,
            };
            if lv.len() > 64 {
                return Err(anyhow!("--levels: {} conditions; at most 64", lv.len()));
            }
            let c = complexity(&lv)?;
            let rows: Vec<Vec<String>> = c
                .iter()
                .enumerate()
                .map(|(k, n)| vec![(k + 1).to_string(), n.to_string()])
                .collect();
            let doc = ComplexityReport {
                levels: lv,
                terms: c,
            };
            out.emit(&doc, |_| table(&["literals", "terms"], rows.clone()))
        }
    }
}

fn emit_rows(r: &[u64], out: &OutputArgs) -> Result<()> {
    let rows: Vec<Vec<String>> = r.iter().map(|x| vec![x.to_string()]).collect();
    let doc = RowNumbers { rows: r.to_vec() };
    out.emit(&doc, |_| table(&["row"], rows.clone()))
}
