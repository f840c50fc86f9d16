//! Priority vectors, λmax, consistency indices and the most inconsistent judgments.

use serde::Serialize;

use crate::{AhpError, Judgments, PairwiseMatrix, RiTable};

/// How priorities are derived from a complete matrix.
///
/// ```
/// use fiscus_ahp::Method;
/// assert_eq!(Method::default(), Method::Eigen);
/// assert_eq!("colnorm".parse::<Method>().unwrap(), Method::Colnorm);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Method {
    /// Principal right eigenvector (power iteration), Σw = 1.
    #[default]
    Eigen,
    /// Row geometric mean, normalised (RGMM/LLSM, 方根法).
    Geometric,
    /// Mean of the column-normalised rows (和积法, sum-product).
    Colnorm,
}

impl Method {
    /// Every method.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::Method::ALL.len(), 3);
    /// ```
    pub const ALL: [Method; 3] = [Method::Eigen, Method::Geometric, Method::Colnorm];

    /// The name on the command line and in JSON.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::Method::Geometric.name(), "geometric");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Method::Eigen => "eigen",
            Method::Geometric => "geometric",
            Method::Colnorm => "colnorm",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = AhpError;

    /// Parses `eigen`, `geometric` or `colnorm`.
    ///
    /// ```
    /// assert!("median".parse::<fiscus_ahp::Method>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        Method::ALL
            .into_iter()
            .find(|m| m.name() == key)
            .ok_or_else(|| AhpError::UnknownOption {
                what: "method".into(),
                name: s.to_string(),
                expected: "eigen, geometric, colnorm".into(),
            })
    }
}

/// Priorities of a matrix by one method, with λmax (for `geometric` and `colnorm` the estimate
/// mean((Aw)_i / w_i) with that method's w, as SPSSAU and pyDecision report it).
///
/// ```
/// use fiscus_ahp::{priorities, Method, PairwiseMatrix};
/// let m = PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.75, 0.25]).unwrap();
/// let p = priorities(&m, Method::Geometric);
/// assert!((p.weights[0] - 0.75).abs() < 1e-12 && (p.lambda_max - 2.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priorities {
    /// The method used.
    pub method: Method,
    /// Weights, summing to 1.
    pub weights: Vec<f64>,
    /// λmax (exact for `eigen`, the mean (Aw)_i/w_i estimate otherwise).
    pub lambda_max: f64,
}

/// Priorities of a complete matrix.
///
/// ```
/// use fiscus_ahp::{priorities, Method, PairwiseMatrix};
/// let m = PairwiseMatrix::new(vec!["a".into(), "b".into(), "c".into()],
///     vec![vec![1.0, 6.0, 3.0], vec![1.0 / 6.0, 1.0, 0.5], vec![1.0 / 3.0, 2.0, 1.0]]).unwrap();
/// for method in Method::ALL {
///     let p = priorities(&m, method);
///     assert!((p.weights[0] - 2.0 / 3.0).abs() < 1e-12);
///     assert!((p.lambda_max - 3.0).abs() < 1e-12);
/// }
/// ```
pub fn priorities(m: &PairwiseMatrix, method: Method) -> Priorities {
    let weights = match method {
        Method::Eigen => perron_vector(m.rows(), &geometric_weights(m.rows())),
        Method::Geometric => geometric_weights(m.rows()),
        Method::Colnorm => colnorm_weights(m.rows()),
    };
    let lambda_max = lambda_estimate(m, &weights);
    Priorities {
        method,
        weights,
        lambda_max,
    }
}

/// λ estimated as the mean of `(Aw)_i / w_i` (λmax itself when w is the principal eigenvector).
///
/// ```
/// use fiscus_ahp::{lambda_estimate, PairwiseMatrix};
/// let m = PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.5, 0.5]).unwrap();
/// assert_eq!(lambda_estimate(&m, &[0.5, 0.5]), 2.0);
/// ```
pub fn lambda_estimate(m: &PairwiseMatrix, w: &[f64]) -> f64 {
    let n = m.n();
    let aw = mat_vec(m.rows(), w);
    aw.iter().zip(w).map(|(x, y)| x / y).sum::<f64>() / n as f64
}

pub(crate) fn mat_vec(a: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    a.iter()
        .map(|row| row.iter().zip(w).map(|(x, y)| x * y).sum())
        .collect()
}

fn normalise(mut v: Vec<f64>) -> Vec<f64> {
    let s: f64 = v.iter().sum();
    if s > 0.0 && s.is_finite() {
        v.iter_mut().for_each(|x| *x /= s);
    }
    v
}

pub(crate) fn geometric_weights(a: &[Vec<f64>]) -> Vec<f64> {
    let n = a.len() as f64;
    let logs: Vec<f64> = a
        .iter()
        .map(|r| r.iter().map(|x| x.ln()).sum::<f64>() / n)
        .collect();
    let mx = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    normalise(logs.iter().map(|l| (l - mx).exp()).collect())
}

fn colnorm_weights(a: &[Vec<f64>]) -> Vec<f64> {
    let n = a.len();
    let col: Vec<f64> = (0..n).map(|j| a.iter().map(|r| r[j]).sum()).collect();
    normalise(
        a.iter()
            .map(|r| r.iter().zip(&col).map(|(x, c)| x / c).sum::<f64>() / n as f64)
            .collect(),
    )
}

/// The Perron vector (Σ = 1) of a non-negative primitive matrix by power iteration from `start`,
/// until successive iterates differ by less than 1e-15 (or 100 000 steps).
pub(crate) fn perron_vector(a: &[Vec<f64>], start: &[f64]) -> Vec<f64> {
    let mut w = normalise(start.to_vec());
    let mut best = f64::INFINITY;
    let mut stalled = 0;
    for _ in 0..100_000 {
        let y = normalise(mat_vec(a, &w));
        let diff = y
            .iter()
            .zip(&w)
            .map(|(p, q)| (p - q).abs())
            .fold(0.0, f64::max);
        w = y;
        if diff <= 1e-15 {
            break;
        }
        // Stop when rounding noise prevents further progress.
        if diff < best {
            best = diff;
            stalled = 0;
        } else {
            stalled += 1;
            if stalled > 50 && best < 1e-13 {
                break;
            }
        }
    }
    w
}

/// Consistency of a matrix under one set of priorities.
///
/// ```
/// use fiscus_ahp::{consistency, priorities, Method, PairwiseMatrix, RiTable};
/// let m = PairwiseMatrix::from_weights(vec!["a".into(), "b".into(), "c".into()], &[0.5, 0.3, 0.2]).unwrap();
/// let c = consistency(&m, &priorities(&m, Method::Eigen), RiTable::Saaty1980, 0.1).unwrap();
/// assert!(c.cr.abs() < 1e-12 && c.acceptable);
/// assert_eq!(c.ri, 0.58);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consistency {
    /// Matrix size.
    pub n: usize,
    /// λmax used.
    pub lambda_max: f64,
    /// CI = (λmax − n)/(n − 1) (0 for n ≤ 2).
    #[serde(rename = "CI")]
    pub ci: f64,
    /// RI(n) from the table.
    #[serde(rename = "RI")]
    pub ri: f64,
    /// CR = CI/RI (0 for n ≤ 2).
    #[serde(rename = "CR")]
    pub cr: f64,
    /// The RI table used.
    pub ri_table: RiTable,
    /// The acceptance threshold on CR.
    pub threshold: f64,
    /// CR < threshold.
    pub acceptable: bool,
    /// Geometric consistency index with the same weights.
    #[serde(rename = "GCI")]
    pub gci: f64,
    /// Aguarón & Moreno-Jiménez (2003) GCI thresholds: 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).
    #[serde(rename = "GCI_threshold")]
    pub gci_threshold: Option<f64>,
}

/// CI, RI, CR and GCI for a matrix and its priorities; `threshold` is the CR acceptance level.
///
/// ```
/// use fiscus_ahp::{consistency, priorities, Method, PairwiseMatrix, RiTable};
/// let m = PairwiseMatrix::new(vec!["a".into(), "b".into(), "c".into()],
///     vec![vec![1.0, 9.0, 1.0 / 9.0], vec![1.0 / 9.0, 1.0, 9.0], vec![9.0, 1.0 / 9.0, 1.0]]).unwrap();
/// let c = consistency(&m, &priorities(&m, Method::Eigen), RiTable::AlonsoLamata, 0.1).unwrap();
/// assert!(!c.acceptable);
/// ```
pub fn consistency(
    m: &PairwiseMatrix,
    p: &Priorities,
    table: RiTable,
    threshold: f64,
) -> Result<Consistency, AhpError> {
    let n = m.n();
    let ri = table.value(n)?;
    let (ci, cr) = if n <= 2 {
        (0.0, 0.0)
    } else {
        let ci = (p.lambda_max - n as f64) / (n as f64 - 1.0);
        (ci, ci / ri)
    };
    Ok(Consistency {
        n,
        lambda_max: p.lambda_max,
        ci,
        ri,
        cr,
        ri_table: table,
        threshold,
        acceptable: cr < threshold,
        gci: gci(m, &p.weights),
        gci_threshold: match n {
            0..=2 => None,
            3 => Some(0.31),
            4 => Some(0.35),
            _ => Some(0.37),
        },
    })
}

/// Geometric consistency index 2/((n−1)(n−2)) Σ_{i<j} ln²(a_ij w_j / w_i) (0 for n ≤ 2).
///
/// ```
/// use fiscus_ahp::{gci, PairwiseMatrix};
/// let m = PairwiseMatrix::from_weights(vec!["a".into(), "b".into(), "c".into()], &[0.5, 0.3, 0.2]).unwrap();
/// assert!(gci(&m, &[0.5, 0.3, 0.2]).abs() < 1e-20);
/// ```
pub fn gci(m: &PairwiseMatrix, w: &[f64]) -> f64 {
    let n = m.n();
    if n <= 2 || w.len() != n {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            s += (m.get(i, j) * w[j] / w[i]).ln().powi(2);
        }
    }
    2.0 * s / ((n - 1) * (n - 2)) as f64
}

/// One judgment compared with the priorities: `e_ij = a_ij w_j / w_i` (1 when consistent).
///
/// ```
/// use fiscus_ahp::{inconsistent_judgments, PairwiseMatrix};
/// let m = PairwiseMatrix::new(vec!["a".into(), "b".into(), "c".into()],
///     vec![vec![1.0, 2.0, 8.0], vec![0.5, 1.0, 2.0], vec![0.125, 0.5, 1.0]]).unwrap();
/// let worst = &inconsistent_judgments(&m, &[0.6, 0.28, 0.12], None)[0];
/// assert_eq!((worst.i, worst.j), (0, 2));
/// assert!((worst.suggested - 5.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InconsistentJudgment {
    /// 0-based row.
    pub i: usize,
    /// 0-based column (i < j).
    pub j: usize,
    /// Row element.
    pub row: String,
    /// Column element.
    pub column: String,
    /// The judgment as given.
    pub current: f64,
    /// The consistent value w_i / w_j.
    pub suggested: f64,
    /// `e_ij = a_ij w_j / w_i`.
    pub ratio: f64,
    /// `|ln e_ij|`, the ranking key.
    pub log_error: f64,
}

/// Every judgment (those given in `given` if supplied, else all pairs i < j), most
/// inconsistent first (by |ln(a_ij w_j / w_i)| to 10 decimals; ties keep the matrix order).
///
/// ```
/// use fiscus_ahp::{inconsistent_judgments, PairwiseMatrix};
/// let m = PairwiseMatrix::from_weights(vec!["a".into(), "b".into()], &[0.5, 0.5]).unwrap();
/// assert_eq!(inconsistent_judgments(&m, &[0.5, 0.5], None).len(), 1);
/// ```
pub fn inconsistent_judgments(
    m: &PairwiseMatrix,
    w: &[f64],
    given: Option<&Judgments>,
) -> Vec<InconsistentJudgment> {
    let n = m.n();
    let mut out = Vec::new();
    if w.len() != n {
        return out;
    }
    for i in 0..n {
        for j in i + 1..n {
            if given.is_some_and(|g| g.get(i, j).is_none()) {
                continue;
            }
            let current = m.get(i, j);
            let ratio = current * w[j] / w[i];
            out.push(InconsistentJudgment {
                i,
                j,
                row: m.names()[i].clone(),
                column: m.names()[j].clone(),
                current,
                suggested: w[i] / w[j],
                ratio,
                log_error: ratio.ln().abs(),
            });
        }
    }
    // Ties (e.g. every judgment of a 3 × 3 matrix has the same error) keep the matrix order.
    let key = |x: &InconsistentJudgment| (x.log_error * 1e10).round();
    out.sort_by(|a, b| key(b).total_cmp(&key(a)));
    out
}
