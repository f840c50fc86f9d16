//! Grade schemes with explicit interval closure.

use serde::Serialize;

use crate::EvalError;

/// One band of a grade scheme: a name and an interval with explicit closure at each end
/// (`-inf`/`inf` for an open-ended band).
///
/// ```
/// use fiscus_eval::Band;
/// let b = Band::parse("B", "[3.5, 4.5)").unwrap();
/// assert!(b.contains(3.5) && !b.contains(4.5));
/// assert_eq!(b.interval(), "[3.5, 4.5)");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// Grade name (`A`, `优`, ...).
    pub name: String,
    /// Lower end (may be −∞).
    pub lower: f64,
    /// Upper end (may be +∞).
    pub upper: f64,
    /// Whether the lower end belongs to the band.
    pub lower_closed: bool,
    /// Whether the upper end belongs to the band.
    pub upper_closed: bool,
}

impl Band {
    /// Parses interval notation `[a, b)`, `(a, b]`, `[a, inf)`, `(-inf, b)`.
    ///
    /// ```
    /// let b = fiscus_eval::Band::parse("E", "(-inf, 1.5)").unwrap();
    /// assert!(b.contains(-3.0) && !b.contains(1.5));
    /// assert!(fiscus_eval::Band::parse("X", "3.5-4.5").is_err());
    /// ```
    pub fn parse(name: &str, interval: &str) -> Result<Self, EvalError> {
        let t = interval.trim();
        let bad = |why: &str| EvalError::GradeScheme {
            scheme: "custom".into(),
            reason: format!("band `{name}`: interval `{t}` {why} (write e.g. `[3.5, 4.5)`)"),
        };
        let lower_closed = match t.chars().next() {
            Some('[') => true,
            Some('(') => false,
            _ => return Err(bad("must start with `[` or `(`")),
        };
        let upper_closed = match t.chars().last() {
            Some(']') => true,
            Some(')') => false,
            _ => return Err(bad("must end with `]` or `)`")),
        };
        let inner = &t[1..t.len() - 1];
        let (a, b) = inner
            .split_once(',')
            .ok_or_else(|| bad("needs two end points separated by a comma"))?;
        let num = |s: &str| -> Result<f64, EvalError> {
            match s.trim().to_lowercase().as_str() {
                "inf" | "+inf" | "infinity" | "∞" | "+∞" => Ok(f64::INFINITY),
                "-inf" | "-infinity" | "-∞" => Ok(f64::NEG_INFINITY),
                x => x
                    .parse::<f64>()
                    .map_err(|_| bad("has an end point that is not a number")),
            }
        };
        Band::new(name, num(a)?, num(b)?, lower_closed, upper_closed)
    }

    /// A band from its parts; the lower end must be below the upper end.
    ///
    /// ```
    /// let b = fiscus_eval::Band::new("A", 4.5, f64::INFINITY, true, false).unwrap();
    /// assert!(b.contains(4.5));
    /// ```
    pub fn new(
        name: &str,
        lower: f64,
        upper: f64,
        lower_closed: bool,
        upper_closed: bool,
    ) -> Result<Self, EvalError> {
        if lower.is_nan() || upper.is_nan() || lower >= upper {
            return Err(EvalError::GradeScheme {
                scheme: "custom".into(),
                reason: format!("band `{name}`: lower end {lower} is not below upper end {upper}"),
            });
        }
        Ok(Band {
            name: name.to_string(),
            lower,
            upper,
            lower_closed: lower_closed && lower.is_finite(),
            upper_closed: upper_closed && upper.is_finite(),
        })
    }

    /// Whether a score falls in the band.
    ///
    /// ```
    /// let b = fiscus_eval::Band::parse("C", "[60, 80)").unwrap();
    /// assert!(b.contains(60.0) && b.contains(79.99) && !b.contains(80.0));
    /// ```
    pub fn contains(&self, x: f64) -> bool {
        let above = if self.lower_closed {
            x >= self.lower
        } else {
            x > self.lower
        };
        let below = if self.upper_closed {
            x <= self.upper
        } else {
            x < self.upper
        };
        above && below
    }

    /// The interval in notation.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::Band::parse("A", "[90, inf)").unwrap().interval(), "[90, inf)");
    /// ```
    pub fn interval(&self) -> String {
        let end = |v: f64| {
            if v == f64::INFINITY {
                "inf".to_string()
            } else if v == f64::NEG_INFINITY {
                "-inf".to_string()
            } else {
                v.to_string()
            }
        };
        format!(
            "{}{}, {}{}",
            if self.lower_closed { '[' } else { '(' },
            end(self.lower),
            end(self.upper),
            if self.upper_closed { ']' } else { ')' }
        )
    }
}

/// What a grade scheme applies to: the score on the response scale, or the 100-point score.
///
/// ```
/// assert_eq!(fiscus_eval::GradeBasis::Hundred, fiscus_eval::GradeScheme::mof().basis());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GradeBasis {
    /// The score on the response scale (e.g. 1..5).
    Raw,
    /// The 100-point score.
    Hundred,
}

/// The one grammar of a grade basis, in system files, study files and flags alike: `raw` (also
/// `scale`) or `hundred` (also `100`, `percent`), in any case.
///
/// ```
/// use fiscus_eval::GradeBasis;
/// assert_eq!("Hundred".parse::<GradeBasis>().unwrap(), GradeBasis::Hundred);
/// assert_eq!("100".parse::<GradeBasis>().unwrap(), GradeBasis::Hundred);
/// assert_eq!("scale".parse::<GradeBasis>().unwrap(), GradeBasis::Raw);
/// assert!("points".parse::<GradeBasis>().unwrap_err().to_string().contains("`points`"));
/// ```
impl std::str::FromStr for GradeBasis {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "raw" | "scale" => Ok(GradeBasis::Raw),
            "hundred" | "100" | "percent" => Ok(GradeBasis::Hundred),
            _ => Err(EvalError::BadValue(format!(
                "unknown grade basis `{}` (use `raw` for the score on the response scale or `hundred` for the 100-point score)",
                s.trim()
            ))),
        }
    }
}

/// A grade scheme: bands ordered from the lowest up, with no gap and no overlap between
/// neighbours (each shared end point belongs to exactly one band).
///
/// Built-in: [`GradeScheme::five_band`] (A ≥ 4.5, B [3.5, 4.5), C [2.5, 3.5), D [1.5, 2.5),
/// E < 1.5 on the 1–5 score) and [`GradeScheme::mof`] (Ministry of Finance: 优 ≥ 90,
/// 良 [80, 90), 中 [60, 80), 差 < 60 on 100 points).
///
/// ```
/// use fiscus_eval::{Band, GradeBasis, GradeScheme};
/// let s = GradeScheme::five_band();
/// assert_eq!(s.grade(3.8683357295).unwrap(), "B");
/// assert_eq!(s.grade(4.5).unwrap(), "A");
/// let gap = GradeScheme::new("x", GradeBasis::Raw, vec![
///     Band::parse("low", "(-inf, 3)").unwrap(), Band::parse("high", "(3, inf)").unwrap()]);
/// assert!(gap.unwrap_err().to_string().contains("gap at 3"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeScheme {
    name: String,
    basis: GradeBasis,
    bands: Vec<Band>,
}

impl GradeScheme {
    /// A scheme from bands (any order; they are sorted by their lower end and checked).
    ///
    /// ```
    /// use fiscus_eval::{Band, GradeBasis, GradeScheme};
    /// let over = GradeScheme::new("x", GradeBasis::Raw, vec![
    ///     Band::parse("low", "(-inf, 3]").unwrap(), Band::parse("high", "[3, inf)").unwrap()]);
    /// assert!(over.unwrap_err().to_string().contains("overlap at 3"));
    /// ```
    pub fn new(name: &str, basis: GradeBasis, mut bands: Vec<Band>) -> Result<Self, EvalError> {
        let err = |reason: String| EvalError::GradeScheme {
            scheme: name.to_string(),
            reason,
        };
        if bands.is_empty() {
            return Err(err("has no bands".into()));
        }
        for (i, b) in bands.iter().enumerate() {
            if bands[..i].iter().any(|c| c.name == b.name) {
                return Err(err(format!("band `{}` is defined twice", b.name)));
            }
        }
        bands.sort_by(|a, b| {
            a.lower
                .total_cmp(&b.lower)
                .then(b.lower_closed.cmp(&a.lower_closed))
        });
        for w in bands.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.upper > b.lower || (a.upper == b.lower && a.upper_closed && b.lower_closed) {
                return Err(err(format!(
                    "bands `{}` {} and `{}` {} overlap at {}",
                    a.name,
                    a.interval(),
                    b.name,
                    b.interval(),
                    b.lower
                )));
            }
            if a.upper < b.lower || (!a.upper_closed && !b.lower_closed) {
                return Err(err(format!(
                    "bands `{}` {} and `{}` {} leave a gap at {}",
                    a.name,
                    a.interval(),
                    b.name,
                    b.interval(),
                    a.upper
                )));
            }
        }
        Ok(GradeScheme {
            name: name.to_string(),
            basis,
            bands,
        })
    }

    /// The five-band scheme on the 1–5 score: A [4.5, ∞), B [3.5, 4.5), C [2.5, 3.5),
    /// D [1.5, 2.5), E (−∞, 1.5).
    ///
    /// ```
    /// assert_eq!(fiscus_eval::GradeScheme::five_band().grade(1.49).unwrap(), "E");
    /// ```
    pub fn five_band() -> Self {
        let b = |n: &str, lo: f64, hi: f64| Band {
            name: n.into(),
            lower: lo,
            upper: hi,
            lower_closed: lo.is_finite(),
            upper_closed: false,
        };
        GradeScheme {
            name: "five-band".into(),
            basis: GradeBasis::Raw,
            bands: vec![
                b("E", f64::NEG_INFINITY, 1.5),
                b("D", 1.5, 2.5),
                b("C", 2.5, 3.5),
                b("B", 3.5, 4.5),
                b("A", 4.5, f64::INFINITY),
            ],
        }
    }

    /// The Ministry of Finance scheme on 100 points: 优 [90, ∞), 良 [80, 90), 中 [60, 80),
    /// 差 (−∞, 60).
    ///
    /// ```
    /// assert_eq!(fiscus_eval::GradeScheme::mof().grade(77.3667).unwrap(), "中");
    /// assert_eq!(fiscus_eval::GradeScheme::mof().grade(90.0).unwrap(), "优");
    /// ```
    pub fn mof() -> Self {
        let b = |n: &str, lo: f64, hi: f64| Band {
            name: n.into(),
            lower: lo,
            upper: hi,
            lower_closed: lo.is_finite(),
            upper_closed: false,
        };
        GradeScheme {
            name: "mof".into(),
            basis: GradeBasis::Hundred,
            bands: vec![
                b("差", f64::NEG_INFINITY, 60.0),
                b("中", 60.0, 80.0),
                b("良", 80.0, 90.0),
                b("优", 90.0, f64::INFINITY),
            ],
        }
    }

    /// A built-in scheme by name: `five-band` (also `abcde`) or `mof` (also `moF`, `caizhengbu`).
    ///
    /// ```
    /// assert!(fiscus_eval::GradeScheme::builtin("mof").is_some());
    /// assert!(fiscus_eval::GradeScheme::builtin("letters").is_none());
    /// ```
    pub fn builtin(name: &str) -> Option<Self> {
        match name.trim().to_lowercase().as_str() {
            "five-band" | "five_band" | "abcde" | "5band" => Some(GradeScheme::five_band()),
            "mof" | "ministry-of-finance" | "caizhengbu" | "财政部" => Some(GradeScheme::mof()),
            _ => None,
        }
    }

    /// Scheme name.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::GradeScheme::mof().name(), "mof");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the scheme grades.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::GradeScheme::five_band().basis(), fiscus_eval::GradeBasis::Raw);
    /// ```
    pub fn basis(&self) -> GradeBasis {
        self.basis
    }

    /// The bands, lowest first.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::GradeScheme::five_band().bands()[0].name, "E");
    /// ```
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The grade of a score.
    ///
    /// ```
    /// use fiscus_eval::{Band, GradeBasis, GradeScheme};
    /// let s = GradeScheme::new("pass", GradeBasis::Hundred, vec![Band::parse("pass", "[60, 100]").unwrap()]).unwrap();
    /// assert!(s.grade(59.0).is_err());
    /// ```
    pub fn grade(&self, score: f64) -> Result<&str, EvalError> {
        self.bands
            .iter()
            .find(|b| b.contains(score))
            .map(|b| b.name.as_str())
            .ok_or_else(|| EvalError::NoGrade {
                scheme: self.name.clone(),
                score,
            })
    }

    /// The finite band boundaries (the points where the grade can change), ascending.
    ///
    /// ```
    /// assert_eq!(fiscus_eval::GradeScheme::mof().boundaries(), vec![60.0, 80.0, 90.0]);
    /// ```
    pub fn boundaries(&self) -> Vec<f64> {
        self.bands
            .windows(2)
            .map(|w| w[0].upper)
            .filter(|v| v.is_finite())
            .collect()
    }
}
