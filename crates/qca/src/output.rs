//! The documents `fiscus fit`, `fiscus necessity` and `fiscus find-rows` print as JSON.

use serde::Serialize;

use crate::fit::{FitRow, Relation};

/// The binomial test settings of a fit table (`pof(..., inf.test = "binom")`).
///
/// ```
/// let t = fiscus_qca::InfTestInfo { test: "binom", alpha: 0.05, incl_cut: vec![0.75, 0.5] };
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"test":"binom","alpha":0.05,"incl_cut":[0.75,0.5]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InfTestInfo {
    /// The test (`binom`).
    pub test: &'static str,
    /// Its significance level.
    pub alpha: f64,
    /// The inclusion cut-offs tested against.
    pub incl_cut: Vec<f64>,
}

/// A table of parameters of fit for one outcome and relation (`fiscus fit`, `fiscus necessity`).
///
/// ```
/// use fiscus_qca::{FitReport, Relation};
/// let r = FitReport { outcome: "Y".into(), relation: Relation::Necessity, rows: vec![], inf_test: None };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"outcome":"Y","relation":"necessity","rows":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitReport {
    /// The outcome's label (`Y`, `~Y`).
    pub outcome: String,
    /// Sufficiency or necessity.
    pub relation: Relation,
    /// One row per term (and the whole expression).
    pub rows: Vec<FitRow>,
    /// The binomial test, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inf_test: Option<InfTestInfo>,
}

/// Rows found by R QCA's findRows() (`fiscus find-rows`).
///
/// ```
/// let r = fiscus_qca::FindRowsReport { outcome: "Y".into(), types: vec![2], rows: vec![3, 7] };
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"outcome":"Y","type":[2],"rows":[3,7]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindRowsReport {
    /// The outcome's label.
    pub outcome: String,
    /// The types asked for (1, 2, 3; 0 = all).
    #[serde(rename = "type")]
    pub types: Vec<u8>,
    /// The row numbers found.
    pub rows: Vec<u64>,
}

/// `fiscus expr simplify|negate`: the input, the minimal models, the first model as one
/// expression, and the minterms it covers.
///
/// ```
/// let s = fiscus_qca::Simplified { input: "A".into(), models: vec!["A".into()], minterms: vec![2] };
/// assert_eq!(serde_json::to_string(&fiscus_qca::SimplifiedReport::new(&s)).unwrap(),
///     r#"{"input":"A","models":["A"],"expression":"A","minterms":[2]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimplifiedReport<'a> {
    /// The expression as given.
    pub input: &'a str,
    /// Every minimal model.
    pub models: &'a [String],
    /// The first model (or `0`/`1`).
    pub expression: &'a str,
    /// The minterms of the expression.
    pub minterms: &'a [u64],
}

impl<'a> SimplifiedReport<'a> {
    /// The document of a simplification.
    ///
    /// ```
    /// let s = fiscus_qca::Simplified { input: "A".into(), models: vec![], minterms: vec![] };
    /// assert_eq!(fiscus_qca::SimplifiedReport::new(&s).input, "A");
    /// ```
    pub fn new(s: &'a crate::Simplified) -> Self {
        SimplifiedReport {
            input: &s.input,
            models: &s.models,
            expression: s.expression(),
            minterms: &s.minterms,
        }
    }
}

/// `fiscus expr factorize`.
///
/// ```
/// let f = fiscus_qca::Factorizations { input: "A*B + A*C".into(), factorizations: vec!["A*(B + C)".into()] };
/// assert!(serde_json::to_string(&f).unwrap().contains(r#""factorizations":["A*(B + C)"]"#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factorizations {
    /// The expression as given (trimmed).
    pub input: String,
    /// Its common-factor forms.
    pub factorizations: Vec<String>,
}

impl Factorizations {
    /// The common-factor forms of `expression` ([`factorize`](crate::factorize)), its items
    /// sorted in the condition order `order` (default: the names, sorted).
    ///
    /// ```
    /// let f = fiscus_qca::Factorizations::compute(" A*B + A*C ", &[]).unwrap();
    /// assert_eq!((f.input.as_str(), f.factorizations[0].as_str()), ("A*B + A*C", "A*(B + C)"));
    /// ```
    pub fn compute(expression: &str, order: &[String]) -> crate::Result<Self> {
        Ok(Factorizations {
            factorizations: crate::factorize(expression, order)?,
            input: expression.trim().to_string(),
        })
    }
}

/// `fiscus expr compute`: every case's membership in an expression.
///
/// ```
/// let m = fiscus_qca::CaseMemberships { expression: "A".into(), cases: vec!["x".into()], membership: vec![0.5] };
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"expression":"A","cases":["x"],"membership":[0.5]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseMemberships {
    /// The expression.
    pub expression: String,
    /// Case labels.
    pub cases: Vec<String>,
    /// Memberships, one per case.
    pub membership: Vec<f64>,
}

impl CaseMemberships {
    /// Every case's membership in `expression` ([`compute`](crate::compute)).
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// let ds = Dataset::new("d.csv", vec!["x".into(), "y".into()],
    ///     vec![Column::numbers("A", &[0.2, 0.9])]).unwrap();
    /// let m = fiscus_qca::CaseMemberships::compute(&ds, "~A").unwrap();
    /// assert_eq!(m.cases, vec!["x", "y"]);
    /// assert!((m.membership[0] - 0.8).abs() < 1e-12);
    /// ```
    pub fn compute(ds: &fiscus_data::Dataset, expression: &str) -> crate::Result<Self> {
        Ok(CaseMemberships {
            membership: crate::compute(ds, expression)?,
            expression: expression.to_string(),
            cases: ds.cases().to_vec(),
        })
    }
}

/// `fiscus expr matrix`: every configuration of conditions with these levels.
///
/// ```
/// let m = fiscus_qca::ConfigMatrix { levels: vec![2], matrix: vec![vec![0], vec![1]] };
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"levels":[2],"matrix":[[0],[1]]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigMatrix {
    /// Levels per condition.
    pub levels: Vec<u32>,
    /// One configuration per row.
    pub matrix: Vec<Vec<u32>>,
}

impl ConfigMatrix {
    /// Every configuration of conditions with these levels ([`create_matrix`](crate::create_matrix)).
    ///
    /// ```
    /// let m = fiscus_qca::ConfigMatrix::compute(vec![2, 3]).unwrap();
    /// assert_eq!((m.matrix.len(), m.matrix[1].clone()), (6, vec![0, 1]));
    /// ```
    pub fn compute(levels: Vec<u32>) -> crate::Result<Self> {
        let matrix = crate::create_matrix(&levels)?;
        Ok(ConfigMatrix { levels, matrix })
    }
}

/// `fiscus expr subsets|supersets`: row numbers.
///
/// ```
/// assert_eq!(serde_json::to_string(&fiscus_qca::RowNumbers { rows: vec![1, 4] }).unwrap(), r#"{"rows":[1,4]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowNumbers {
    /// The rows.
    pub rows: Vec<u64>,
}

/// `fiscus expr complexity`: the number of terms with 1, 2, … literals.
///
/// ```
/// let c = fiscus_qca::ComplexityReport { levels: vec![2, 2], terms: vec![4, 4] };
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"levels":[2,2],"terms":[4,4]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplexityReport {
    /// Levels per condition.
    pub levels: Vec<u32>,
    /// Terms per number of literals.
    pub terms: Vec<u64>,
}
