//! Shared parsing primitives: the score [`Scale`], comma-separated lists, `NAME=VALUE` pairs,
//! number lists, and the fixed-decimal number formatting of tables.

use serde::Serialize;

/// A scale, a list or a `NAME=VALUE` pair that cannot be read.
///
/// ```
/// let e = fiscus_data::Scale::parse("five").unwrap_err();
/// assert_eq!(e.to_string(), "scale `five`: write it as MIN..MAX, e.g. 1..5");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// A scale whose minimum is not below its maximum (or not finite).
    #[error("invalid scale {min}..{max}: the minimum must be below the maximum")]
    BadScale {
        /// Minimum.
        min: f64,
        /// Maximum.
        max: f64,
    },
    /// A scale that is not written `MIN..MAX`.
    #[error("scale `{0}`: write it as MIN..MAX, e.g. 1..5")]
    ScaleSyntax(String),
    /// An item of a list that is not a number.
    #[error("`{0}` is not a number")]
    NotANumber(String),
    /// An item of a `NAME=VALUE` list without `=` or without a name.
    #[error("`{0}`: write it as NAME=VALUE")]
    NotAPair(String),
    /// A `NAME=VALUE` item whose value is not a number.
    #[error("`{item}`: `{value}` is not a number")]
    PairValue {
        /// The whole item.
        item: String,
        /// The value part.
        value: String,
    },
    /// A name given twice in a `NAME=VALUE` list.
    #[error("`{0}` is given twice")]
    RepeatedName(String),
    /// A size or count that cannot be read or is out of range.
    #[error("`{text}`: {expected}")]
    Amount {
        /// What was given.
        text: String,
        /// What is expected.
        expected: &'static str,
    },
}

/// A positive count written as an integer or in scientific notation (`1500000000`, `1.5e9`),
/// below 1.8e19.
///
/// ```
/// assert_eq!(fiscus_data::parse_count("1.5e9").unwrap(), 1_500_000_000);
/// assert!(fiscus_data::parse_count("0").is_err() && fiscus_data::parse_count("lots").is_err());
/// ```
pub fn parse_count(text: &str) -> Result<u64, ParseError> {
    let bad = || ParseError::Amount {
        text: text.into(),
        expected: "write a number between 1 and 1.8e19, e.g. 1.5e9",
    };
    let v: f64 = text.trim().parse().map_err(|_| bad())?;
    if !(1.0..1.8e19).contains(&v) {
        return Err(bad());
    }
    Ok(v as u64)
}

/// A size in bytes with an optional `K`, `M`, `G` or `T` suffix (powers of 1024): `512M`, `4G`.
///
/// ```
/// assert_eq!(fiscus_data::parse_size("4G").unwrap(), 4 << 30);
/// assert_eq!(fiscus_data::parse_size("1.5k").unwrap(), 1536);
/// assert!(fiscus_data::parse_size("4X").is_err() && fiscus_data::parse_size("0").is_err());
/// ```
pub fn parse_size(text: &str) -> Result<u64, ParseError> {
    let bad = || ParseError::Amount {
        text: text.into(),
        expected: "use a size of at least 1 byte such as 512M, 4G or 16G",
    };
    let t = text.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let m: u64 = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'T' => 1 << 40,
                _ => return Err(bad()),
            };
            (&t[..i], m)
        }
        _ => (t, 1),
    };
    let v: f64 = num.trim().parse().map_err(|_| bad())?;
    let bytes = v * mult as f64;
    if !(1.0..1.8e19).contains(&bytes) {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// A score scale `min..=max` (default Likert 1..5): the response scale of a questionnaire, the
/// rating scale of a Delphi round. Shared by `fiscus-eval` and `fiscus-delphi`.
///
/// ```
/// use fiscus_data::Scale;
/// let s = Scale::new(1.0, 5.0).unwrap();
/// assert_eq!(s, Scale::default());
/// assert!(s.contains(5.0) && !s.contains(0.0));
/// assert!(Scale::new(5.0, 5.0).is_err());
/// assert_eq!(Scale::parse("1..9").unwrap().max(), 9.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    min: f64,
    max: f64,
}

impl Default for Scale {
    fn default() -> Self {
        Scale { min: 1.0, max: 5.0 }
    }
}

impl Scale {
    /// A scale from its end points (minimum below maximum, both finite).
    ///
    /// ```
    /// assert_eq!(fiscus_data::Scale::new(0.0, 10.0).unwrap().max(), 10.0);
    /// assert!(fiscus_data::Scale::new(f64::NAN, 10.0).is_err());
    /// ```
    pub fn new(min: f64, max: f64) -> Result<Self, ParseError> {
        if !(min.is_finite() && max.is_finite() && min < max) {
            return Err(ParseError::BadScale { min, max });
        }
        Ok(Scale { min, max })
    }

    /// Parses `MIN..MAX` (also `MIN-MAX` and `MIN,MAX`).
    ///
    /// ```
    /// use fiscus_data::Scale;
    /// assert_eq!(Scale::parse("1-5").unwrap(), Scale::default());
    /// assert_eq!(Scale::parse("-2..2").unwrap().min(), -2.0);
    /// assert!(Scale::parse("5..1").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let t = text.trim();
        let bad = || ParseError::ScaleSyntax(t.to_string());
        let (a, b) = if let Some((a, b)) = t.split_once("..") {
            (a, b)
        } else if let Some((a, b)) = t.split_once(',') {
            (a, b)
        } else if let Some(pos) = t.get(1..).and_then(|rest| rest.find('-')) {
            (&t[..pos + 1], &t[pos + 2..])
        } else {
            return Err(bad());
        };
        let a: f64 = a.trim().parse().map_err(|_| bad())?;
        let b: f64 = b.trim().parse().map_err(|_| bad())?;
        Scale::new(a, b)
    }

    /// The lowest score.
    ///
    /// ```
    /// assert_eq!(fiscus_data::Scale::default().min(), 1.0);
    /// ```
    pub fn min(&self) -> f64 {
        self.min
    }

    /// The highest score (the "full mark").
    ///
    /// ```
    /// assert_eq!(fiscus_data::Scale::default().max(), 5.0);
    /// ```
    pub fn max(&self) -> f64 {
        self.max
    }

    /// Whether a value lies on the scale.
    ///
    /// ```
    /// let s = fiscus_data::Scale::default();
    /// assert!(s.contains(1.0) && s.contains(3.5) && !s.contains(5.5));
    /// ```
    pub fn contains(&self, x: f64) -> bool {
        x >= self.min && x <= self.max
    }

    /// The integer points of the scale from the top down (5, 4, 3, 2, 1 for 1..5): the grade
    /// levels of a fuzzy evaluation.
    ///
    /// ```
    /// assert_eq!(fiscus_data::Scale::default().levels(), vec![5.0, 4.0, 3.0, 2.0, 1.0]);
    /// ```
    pub fn levels(&self) -> Vec<f64> {
        let lo = self.min.ceil() as i64;
        let hi = self.max.floor() as i64;
        (lo..=hi).rev().map(|v| v as f64).collect()
    }
}

/// Splits a comma-separated list, trimming blanks and dropping empty items.
///
/// ```
/// assert_eq!(fiscus_data::split_list(" A, B,,C "), vec!["A", "B", "C"]);
/// ```
pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// A comma-separated list of finite numbers.
///
/// ```
/// assert_eq!(fiscus_data::parse_numbers("5, 4,3").unwrap(), vec![5.0, 4.0, 3.0]);
/// assert_eq!(fiscus_data::parse_numbers("5,x").unwrap_err().to_string(), "`x` is not a number");
/// ```
pub fn parse_numbers(s: &str) -> Result<Vec<f64>, ParseError> {
    split_list(s)
        .into_iter()
        .map(|x| match x.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(ParseError::NotANumber(x)),
        })
        .collect()
}

/// `NAME=VALUE` pairs from one or more comma-separated lists (a repeated flag); a name may not
/// be given twice.
///
/// ```
/// use fiscus_data::parse_pairs;
/// let p = parse_pairs(&["a=0.4, b=0.6".to_string(), "c=1".to_string()]).unwrap();
/// assert_eq!(p, vec![("a".to_string(), 0.4), ("b".to_string(), 0.6), ("c".to_string(), 1.0)]);
/// assert_eq!(parse_pairs(&["a".into()]).unwrap_err().to_string(), "`a`: write it as NAME=VALUE");
/// assert!(parse_pairs(&["a=1,a=2".into()]).is_err());
/// ```
pub fn parse_pairs(lists: &[String]) -> Result<Vec<(String, f64)>, ParseError> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for item in lists.iter().flat_map(|s| split_list(s)) {
        let (k, v) = item
            .split_once('=')
            .filter(|(k, _)| !k.trim().is_empty())
            .ok_or_else(|| ParseError::NotAPair(item.clone()))?;
        let value = match v.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => x,
            _ => {
                return Err(ParseError::PairValue {
                    value: v.trim().to_string(),
                    item: item.clone(),
                })
            }
        };
        let name = k.trim().to_string();
        if out.iter().any(|(n, _)| *n == name) {
            return Err(ParseError::RepeatedName(name));
        }
        out.push((name, value));
    }
    Ok(out)
}

/// A number with four decimals, `NA` for NaN: the precision of every human-readable table.
///
/// ```
/// assert_eq!(fiscus_data::f4(1.0 / 3.0), "0.3333");
/// assert_eq!(fiscus_data::f4(f64::NAN), "NA");
/// ```
pub fn f4(x: f64) -> String {
    if x.is_nan() {
        "NA".into()
    } else {
        format!("{x:.4}")
    }
}
