//! Random-index tables for the consistency ratio.

use serde::Serialize;

use crate::AhpError;

/// A table of random indices RI(n). All give RI = 0 for n ≤ 2.
///
/// ```
/// use fiscus_ahp::RiTable;
/// assert_eq!(RiTable::Saaty1980.value(3).unwrap(), 0.58);
/// assert!((RiTable::AlonsoLamata.value(16).unwrap() - 1.5978066667).abs() < 1e-9);
/// assert_eq!(RiTable::default(), RiTable::AlonsoLamata);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RiTable {
    /// Saaty (1980), the book table (n ≤ 15; RI(12) = 1.48 as printed).
    Saaty1980,
    /// Saaty (2005), as used by ahpy's `random_index='saaty'` (n ≤ 15).
    Saaty2005,
    /// The table of Chinese textbooks (n ≤ 15, extended to 20 with 1.60, 1.61, 1.615, 1.62, 1.63).
    Chinese,
    /// Alonso & Lamata (2006) simulated values for n ≤ 15, their formula
    /// `(1.7699 n − 4.3513)/(n − 1)` beyond (as R `ahp` does). The default.
    #[default]
    AlonsoLamata,
    /// Alonso & Lamata's formula `(1.7699 n − 4.3513)/(n − 1)` for every n ≥ 3.
    AlonsoLamataFormula,
    /// Donegan & Dodd (1991) as tabulated by ahpy (n ≤ 100, linear interpolation between the
    /// published sizes 20, 25, 30, 40, …, 100).
    DoneganDodd,
}

const SAATY1980: [f64; 13] = [
    0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];
const SAATY2005: [f64; 13] = [
    0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
];
const CHINESE: [f64; 18] = [
    0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59, 1.60, 1.61,
    1.615, 1.62, 1.63,
];
const ALONSO_LAMATA: [f64; 13] = [
    0.5247, 0.8816, 1.1086, 1.2479, 1.3417, 1.4057, 1.4499, 1.4854, 1.5140, 1.5365, 1.5551, 1.5713,
    1.5838,
];
/// ahpy's Donegan–Dodd keys and values (note its 90 → 1.6213, kept as ahpy has it).
const DONEGAN_DODD: [(usize, f64); 27] = [
    (3, 0.4914),
    (4, 0.8286),
    (5, 1.0591),
    (6, 1.1797),
    (7, 1.2519),
    (8, 1.3171),
    (9, 1.3733),
    (10, 1.4055),
    (11, 1.4213),
    (12, 1.4497),
    (13, 1.4643),
    (14, 1.4822),
    (15, 1.4969),
    (16, 1.5078),
    (17, 1.5153),
    (18, 1.5262),
    (19, 1.5313),
    (20, 1.5371),
    (25, 1.5619),
    (30, 1.5772),
    (40, 1.5976),
    (50, 1.6102),
    (60, 1.6178),
    (70, 1.6237),
    (80, 1.6277),
    (90, 1.6213),
    (100, 1.6339),
];

impl RiTable {
    /// Every table, in the order of the documentation.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::RiTable::ALL.len(), 6);
    /// ```
    pub const ALL: [RiTable; 6] = [
        RiTable::Saaty1980,
        RiTable::Saaty2005,
        RiTable::Chinese,
        RiTable::AlonsoLamata,
        RiTable::AlonsoLamataFormula,
        RiTable::DoneganDodd,
    ];

    /// The table's name on the command line and in JSON.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::RiTable::DoneganDodd.name(), "donegan-dodd");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            RiTable::Saaty1980 => "saaty1980",
            RiTable::Saaty2005 => "saaty2005",
            RiTable::Chinese => "chinese",
            RiTable::AlonsoLamata => "alonso-lamata",
            RiTable::AlonsoLamataFormula => "alonso-lamata-formula",
            RiTable::DoneganDodd => "donegan-dodd",
        }
    }

    /// The largest n the table covers.
    ///
    /// ```
    /// assert_eq!(fiscus_ahp::RiTable::Saaty1980.max_n(), Some(15));
    /// assert_eq!(fiscus_ahp::RiTable::AlonsoLamata.max_n(), None);
    /// ```
    pub fn max_n(self) -> Option<usize> {
        match self {
            RiTable::Saaty1980 | RiTable::Saaty2005 => Some(15),
            RiTable::Chinese => Some(20),
            RiTable::DoneganDodd => Some(100),
            RiTable::AlonsoLamata | RiTable::AlonsoLamataFormula => None,
        }
    }

    /// RI(n); an error when the table does not reach n.
    ///
    /// ```
    /// use fiscus_ahp::RiTable;
    /// assert_eq!(RiTable::Chinese.value(2).unwrap(), 0.0);
    /// assert!((RiTable::DoneganDodd.value(22).unwrap() - 1.54702).abs() < 1e-12);
    /// assert!(RiTable::Saaty2005.value(16).is_err());
    /// ```
    pub fn value(self, n: usize) -> Result<f64, AhpError> {
        if n <= 2 {
            return Ok(0.0);
        }
        if let Some(max) = self.max_n() {
            if n > max {
                return Err(AhpError::RiOutOfRange {
                    table: self.name().into(),
                    n,
                    max,
                });
            }
        }
        let formula = |n: usize| (1.7699 * n as f64 - 4.3513) / (n as f64 - 1.0);
        Ok(match self {
            RiTable::Saaty1980 => SAATY1980[n - 3],
            RiTable::Saaty2005 => SAATY2005[n - 3],
            RiTable::Chinese => CHINESE[n - 3],
            RiTable::AlonsoLamata if n <= 15 => ALONSO_LAMATA[n - 3],
            RiTable::AlonsoLamata | RiTable::AlonsoLamataFormula => formula(n),
            RiTable::DoneganDodd => {
                let k = DONEGAN_DODD.partition_point(|&(m, _)| m < n);
                let (hi_n, hi) = DONEGAN_DODD[k];
                if hi_n == n {
                    hi
                } else {
                    let (lo_n, lo) = DONEGAN_DODD[k - 1];
                    lo + (hi - lo) / (hi_n - lo_n) as f64 * (n - lo_n) as f64
                }
            }
        })
    }
}

impl std::str::FromStr for RiTable {
    type Err = AhpError;

    /// Parses a table name (`saaty1980`, `saaty2005`, `chinese`, `alonso-lamata`,
    /// `alonso-lamata-formula`, `donegan-dodd`; `_` may replace `-`).
    ///
    /// ```
    /// let t: fiscus_ahp::RiTable = "donegan_dodd".parse().unwrap();
    /// assert_eq!(t, fiscus_ahp::RiTable::DoneganDodd);
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        RiTable::ALL
            .into_iter()
            .find(|t| t.name() == key)
            .ok_or_else(|| AhpError::UnknownOption {
                what: "ri table".into(),
                name: s.to_string(),
                expected: RiTable::ALL.map(|t| t.name()).join(", "),
            })
    }
}
