//! Completing matrices with missing judgments: Harker (1987) and the λmax-optimal completion of
//! Bozóki, Fülöp and Rónyai (2010).

use serde::Serialize;

use crate::priority::{geometric_weights, mat_vec, perron_vector};
use crate::{AhpError, Judgments, PairwiseMatrix};

/// How missing judgments are filled.
///
/// ```
/// use fiscus_ahp::CompletionMethod;
/// assert_eq!(CompletionMethod::default(), CompletionMethod::Harker);
/// assert_eq!("optimal".parse::<CompletionMethod>().unwrap(), CompletionMethod::Optimal);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CompletionMethod {
    /// Harker (1987): missing entries set to 0, `c_ii = 1 + (missing in row i)`; the principal
    /// eigenvector of that matrix gives the weights, and a missing `a_ij` is filled with `w_i/w_j`.
    #[default]
    Harker,
    /// Bozóki, Fülöp & Rónyai (2010): the missing entries minimise λmax of the completed matrix
    /// (a convex problem in log coordinates, unique when the comparison graph is connected).
    Optimal,
}

impl CompletionMethod {
    /// The name on the command line and in JSON.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::CompletionMethod::Harker.name(), "harker");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            CompletionMethod::Harker => "harker",
            CompletionMethod::Optimal => "optimal",
        }
    }
}

impl std::str::FromStr for CompletionMethod {
    type Err = AhpError;

    /// Parses `harker` or `optimal` (also `lambda-max`).
    ///
    /// ```
    /// assert!("mean".parse::<fiscus_ahp::CompletionMethod>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "harker" => Ok(CompletionMethod::Harker),
            "optimal" | "lambda-max" | "lambda_max" => Ok(CompletionMethod::Optimal),
            _ => Err(AhpError::UnknownOption {
                what: "completion".into(),
                name: s.to_string(),
                expected: "harker, optimal".into(),
            }),
        }
    }
}

/// One filled judgment.
///
/// ```
/// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), None, Some(2.0)]).unwrap();
/// let c = fiscus_ahp::complete(&j, fiscus_ahp::CompletionMethod::Optimal).unwrap();
/// assert_eq!((c.filled[0].i, c.filled[0].j), (0, 2));
/// assert!((c.filled[0].value - 4.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilledCell {
    /// 0-based row (i < j).
    pub i: usize,
    /// 0-based column.
    pub j: usize,
    /// Row element.
    pub row: String,
    /// Column element.
    pub column: String,
    /// The value put in `a_ij` (`a_ji` is its reciprocal).
    pub value: f64,
}

/// A completed matrix and what was filled.
///
/// ```
/// let (j, _) = fiscus_ahp::Judgments::from_upper(vec!["a".into(), "b".into()], &[Some(3.0)]).unwrap();
/// let c = fiscus_ahp::complete(&j, Default::default()).unwrap();
/// assert!(c.filled.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completed {
    /// The complete reciprocal matrix.
    pub matrix: PairwiseMatrix,
    /// The filled judgments (empty when nothing was missing).
    pub filled: Vec<FilledCell>,
    /// The method used.
    pub method: CompletionMethod,
}

/// Completes the judgments (a complete matrix is returned unchanged).
///
/// ```
/// use fiscus_ahp::{complete, CompletionMethod, Judgments};
/// // a = 2b, b = 2c: both completions give a = 4c, consistent.
/// let (j, _) = Judgments::from_upper(vec!["a".into(), "b".into(), "c".into()], &[Some(2.0), None, Some(2.0)]).unwrap();
/// let c = complete(&j, CompletionMethod::Harker).unwrap();
/// assert!((c.matrix.get(0, 2) - 4.0).abs() < 1e-9);
/// ```
pub fn complete(j: &Judgments, method: CompletionMethod) -> Result<Completed, AhpError> {
    let missing = j.missing();
    if missing.is_empty() {
        return Ok(Completed {
            matrix: j.to_complete().ok_or(AhpError::Empty)?,
            filled: Vec::new(),
            method,
        });
    }
    j.check_connected()?;
    let a = match method {
        CompletionMethod::Harker => harker_fill(j),
        CompletionMethod::Optimal => {
            let mut a = harker_fill(j);
            optimal_fill(&mut a, &missing, 1e-12);
            a
        }
    };
    let names = j.names().to_vec();
    let filled = missing
        .iter()
        .map(|&(r, c)| FilledCell {
            i: r,
            j: c,
            row: names[r].clone(),
            column: names[c].clone(),
            value: a[r][c],
        })
        .collect();
    Ok(Completed {
        matrix: PairwiseMatrix::from_upper_unchecked(names, a),
        filled,
        method,
    })
}

/// Harker's weights, and the matrix with `a_ij = w_i/w_j` in the missing cells.
fn harker_fill(j: &Judgments) -> Vec<Vec<f64>> {
    let n = j.n();
    let mut c = vec![vec![0.0; n]; n];
    let mut start = vec![vec![1.0; n]; n];
    for i in 0..n {
        let mut missing = 0;
        for k in 0..n {
            match j.get(i, k) {
                Some(v) => {
                    c[i][k] = v;
                    start[i][k] = v;
                }
                None => missing += 1,
            }
        }
        c[i][i] = 1.0 + missing as f64;
    }
    let w = perron_vector(&c, &geometric_weights(&start));
    let mut a = c;
    for r in 0..n {
        a[r][r] = 1.0;
        for k in 0..n {
            if j.get(r, k).is_none() {
                a[r][k] = w[r] / w[k];
            }
        }
    }
    a
}

/// Right and left Perron vectors and λmax of a positive matrix.
fn eigen_pair(a: &[Vec<f64>], w0: &[f64], v0: &[f64]) -> (Vec<f64>, Vec<f64>, f64) {
    let n = a.len();
    let w = perron_vector(a, w0);
    let at: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|k| a[k][i]).collect()).collect();
    let v = perron_vector(&at, v0);
    let aw = mat_vec(a, &w);
    let lambda = aw.iter().zip(&w).map(|(x, y)| x / y).sum::<f64>() / n as f64;
    (w, v, lambda)
}

/// Minimises λmax over the free pairs (values in `a` are the starting point; reciprocals kept),
/// by cyclic coordinates until no coordinate moves by `tol` in a cycle: each coordinate `x = ln a_ij` solves dλ/dx = 0, where
/// dλ/dx = (v_i a_ij w_j − v_j a_ji w_i)/(v·w) with v, w the left and right Perron vectors.
pub(crate) fn optimal_fill(a: &mut [Vec<f64>], free: &[(usize, usize)], tol: f64) {
    let n = a.len();
    let mut w = vec![1.0 / n as f64; n];
    let mut v = w.clone();
    fn derivative(
        a: &mut [Vec<f64>],
        (i, j): (usize, usize),
        x: f64,
        w: &mut Vec<f64>,
        v: &mut Vec<f64>,
    ) -> f64 {
        a[i][j] = x.exp();
        a[j][i] = (-x).exp();
        let (nw, nv, _) = eigen_pair(a, w, v);
        *w = nw;
        *v = nv;
        let vw: f64 = v.iter().zip(w.iter()).map(|(p, q)| p * q).sum();
        (v[i] * a[i][j] * w[j] - v[j] * a[j][i] * w[i]) / vw
    }
    for _cycle in 0..5_000 {
        let mut moved: f64 = 0.0;
        for &(i, j) in free {
            let x0 = a[i][j].ln();
            let g0 = derivative(a, (i, j), x0, &mut w, &mut v);
            if g0 == 0.0 {
                continue;
            }
            // Bracket the root of the increasing derivative: g(lo) < 0 < g(hi).
            let dir = if g0 > 0.0 { -1.0 } else { 1.0 };
            let mut step: f64 = 0.25;
            let (mut lo, mut glo, mut hi, mut ghi) = (x0, g0, x0, g0);
            let mut found = false;
            for _ in 0..60 {
                let x = x0 + dir * step;
                let g = derivative(a, (i, j), x, &mut w, &mut v);
                if dir > 0.0 {
                    (hi, ghi) = (x, g);
                    if g >= 0.0 {
                        found = true;
                        break;
                    }
                    (lo, glo) = (x, g);
                } else {
                    (lo, glo) = (x, g);
                    if g <= 0.0 {
                        found = true;
                        break;
                    }
                    (hi, ghi) = (x, g);
                }
                step *= 2.0;
            }
            if !found {
                a[i][j] = x0.exp();
                a[j][i] = (-x0).exp();
                continue;
            }
            // Illinois (modified regula falsi) on the bracket.
            let mut x = 0.5 * (lo + hi);
            let mut side = 0;
            for _ in 0..200 {
                if glo == 0.0 {
                    x = lo;
                    break;
                }
                if ghi == 0.0 {
                    x = hi;
                    break;
                }
                let next = (lo * ghi - hi * glo) / (ghi - glo);
                let next = if next.is_finite() && next > lo && next < hi {
                    next
                } else {
                    0.5 * (lo + hi)
                };
                let done = (next - x).abs() <= 1e-15 * (1.0 + x.abs()) || hi - lo <= 1e-14;
                x = next;
                if done {
                    break;
                }
                let g = derivative(a, (i, j), x, &mut w, &mut v);
                if g < 0.0 {
                    (lo, glo) = (x, g);
                    if side == -1 {
                        ghi *= 0.5;
                    }
                    side = -1;
                } else {
                    (hi, ghi) = (x, g);
                    if side == 1 {
                        glo *= 0.5;
                    }
                    side = 1;
                }
            }
            a[i][j] = x.exp();
            a[j][i] = (-x).exp();
            moved = moved.max((x - x0).abs());
        }
        if moved < tol {
            break;
        }
    }
}

/// λmax-optimal values for the given free pairs of a complete matrix (used by repair).
pub(crate) fn optimal_values(
    m: &PairwiseMatrix,
    free: &[(usize, usize)],
    tol: f64,
) -> PairwiseMatrix {
    let mut a = m.rows().to_vec();
    optimal_fill(&mut a, free, tol);
    PairwiseMatrix::from_upper_unchecked(m.names().to_vec(), a)
}
