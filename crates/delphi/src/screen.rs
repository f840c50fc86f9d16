//! Screening rules (`mean >= 3.5`, `cv <= 0.25`, ...) and the verdict on each item.

use std::fmt;
use std::str::FromStr;

use fiscus_data::TOL;
use serde::Serialize;

use crate::{DelphiError, ItemStats};

/// An item statistic a rule can test.
///
/// ```
/// use fiscus_delphi::Stat;
/// assert_eq!("cv".parse::<Stat>().unwrap(), Stat::Cv);
/// assert_eq!("full_mark".parse::<Stat>().unwrap(), Stat::FullMark);
/// assert!("variance".parse::<Stat>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stat {
    /// Mean score (`mean`).
    Mean,
    /// Sample SD (`sd`).
    Sd,
    /// Coefficient of variation (`cv`).
    Cv,
    /// Median (`median`).
    Median,
    /// First quartile (`q1`).
    Q1,
    /// Third quartile (`q3`).
    Q3,
    /// Interquartile range (`iqr`).
    Iqr,
    /// Full-mark ratio at the scale maximum (`full_mark`, `full_mark_ratio`, `fmr`).
    FullMark,
    /// Full-mark ratio at the observed maximum (`full_mark_observed`).
    FullMarkObserved,
    /// Share of scores at or above the agreement level (`agree`, `share_agree`, `share_ge4`).
    Agree,
    /// Number of answers (`n`).
    N,
}

impl Stat {
    /// The canonical name used in rules and output.
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::Stat::FullMarkObserved.name(), "full_mark_observed");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Stat::Mean => "mean",
            Stat::Sd => "sd",
            Stat::Cv => "cv",
            Stat::Median => "median",
            Stat::Q1 => "q1",
            Stat::Q3 => "q3",
            Stat::Iqr => "iqr",
            Stat::FullMark => "full_mark",
            Stat::FullMarkObserved => "full_mark_observed",
            Stat::Agree => "agree",
            Stat::N => "n",
        }
    }

    /// The statistic's value for an item (`None` when undefined, e.g. CV with one answer).
    ///
    /// ```
    /// use fiscus_delphi::{item_stats, ItemStatsConfig, Ratings, Stat};
    /// let r = Ratings::from_rows(&[vec![4.0], vec![5.0]]).unwrap();
    /// let s = &item_stats(&r, &ItemStatsConfig::default()).unwrap()[0];
    /// assert_eq!(Stat::Mean.of(s), Some(4.5));
    /// ```
    pub fn of(self, s: &ItemStats) -> Option<f64> {
        match self {
            Stat::Mean => Some(s.mean),
            Stat::Sd => s.sd,
            Stat::Cv => s.cv,
            Stat::Median => Some(s.median),
            Stat::Q1 => Some(s.q1),
            Stat::Q3 => Some(s.q3),
            Stat::Iqr => Some(s.iqr),
            Stat::FullMark => Some(s.full_mark_ratio),
            Stat::FullMarkObserved => Some(s.full_mark_ratio_observed),
            Stat::Agree => Some(s.share_agree),
            Stat::N => Some(s.n as f64),
        }
    }
}

const STAT_NAMES: &str =
    "mean, sd, cv, median, q1, q3, iqr, full_mark, full_mark_observed, agree, n";

impl FromStr for Stat {
    type Err = DelphiError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_lowercase().as_str() {
            "mean" | "avg" | "average" => Stat::Mean,
            "sd" | "std" | "stdev" => Stat::Sd,
            "cv" => Stat::Cv,
            "median" => Stat::Median,
            "q1" => Stat::Q1,
            "q3" => Stat::Q3,
            "iqr" => Stat::Iqr,
            "full_mark" | "full_mark_ratio" | "fullmark" | "fmr" => Stat::FullMark,
            "full_mark_observed" | "full_mark_ratio_observed" | "fmr_observed" => {
                Stat::FullMarkObserved
            }
            "agree" | "share_agree" | "share_ge4" | "pct_agree" => Stat::Agree,
            "n" => Stat::N,
            other => {
                return Err(DelphiError::Rule {
                    rule: s.to_string(),
                    reason: format!("unknown statistic `{other}` (known: {STAT_NAMES})"),
                })
            }
        })
    }
}

/// A comparison operator. `>=`, `<=` and `==` allow R QCA's tolerance ([`fiscus_data::TOL`]),
/// so that 3.4999999999 passes `mean >= 3.5`.
///
/// ```
/// use fiscus_delphi::Cmp;
/// assert!(Cmp::Ge.holds(3.5 - 1e-12, 3.5));
/// assert!(!Cmp::Gt.holds(3.5, 3.5));
/// assert_eq!(Cmp::Le.symbol(), "<=");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum Cmp {
    /// `>=` (also `≥`).
    Ge,
    /// `>`.
    Gt,
    /// `<=` (also `≤`).
    Le,
    /// `<`.
    Lt,
    /// `==` (also `=`).
    Eq,
    /// `!=`.
    Ne,
}

impl Cmp {
    /// Whether `value OP threshold` holds (with tolerance for the non-strict comparisons).
    ///
    /// ```
    /// assert!(fiscus_delphi::Cmp::Ne.holds(1.0, 2.0));
    /// ```
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Cmp::Ge => value + TOL > threshold,
            Cmp::Gt => value > threshold + TOL,
            Cmp::Le => value - TOL < threshold,
            Cmp::Lt => value < threshold - TOL,
            Cmp::Eq => (value - threshold).abs() < TOL,
            Cmp::Ne => (value - threshold).abs() >= TOL,
        }
    }

    /// The operator as written in rules.
    ///
    /// ```
    /// assert_eq!(fiscus_delphi::Cmp::Ge.symbol(), ">=");
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => ">=",
            Cmp::Gt => ">",
            Cmp::Le => "<=",
            Cmp::Lt => "<",
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
        }
    }
}

/// One screening rule `STAT OP NUMBER`: an item passes it when the statistic satisfies the
/// comparison. Numbers may be written as percentages (`agree >= 80%`).
///
/// ```
/// use fiscus_delphi::Rule;
/// let r: Rule = "mean>=3.5".parse().unwrap();
/// assert_eq!(r.to_string(), "mean >= 3.5");
/// let r: Rule = "agree >= 80%".parse().unwrap();
/// assert_eq!(r.threshold, 0.8);
/// assert!("mean >> 3".parse::<Rule>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rule {
    /// The statistic tested.
    pub stat: Stat,
    /// The comparison.
    pub cmp: Cmp,
    /// The threshold.
    pub threshold: f64,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {}",
            self.stat.name(),
            self.cmp.symbol(),
            self.threshold
        )
    }
}

impl FromStr for Rule {
    type Err = DelphiError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let err = |reason: String| DelphiError::Rule {
            rule: text.to_string(),
            reason,
        };
        let name_end = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(text.len());
        if name_end == 0 {
            return Err(err(format!(
                "expected a statistic first (one of {STAT_NAMES})"
            )));
        }
        let stat: Stat = text[..name_end].parse().map_err(|e| match e {
            DelphiError::Rule { reason, .. } => err(reason),
            other => other,
        })?;
        let rest = text[name_end..].trim_start();
        let ops: [(&str, Cmp); 9] = [
            (">=", Cmp::Ge),
            ("<=", Cmp::Le),
            ("==", Cmp::Eq),
            ("!=", Cmp::Ne),
            ("≥", Cmp::Ge),
            ("≤", Cmp::Le),
            (">", Cmp::Gt),
            ("<", Cmp::Lt),
            ("=", Cmp::Eq),
        ];
        let Some((sym, cmp)) = ops.iter().find(|(sym, _)| rest.starts_with(sym)) else {
            return Err(err(
                "expected a comparison (>=, >, <=, <, ==, !=) after the statistic".into(),
            ));
        };
        let num = rest[sym.len()..].trim();
        if num.starts_with(['<', '>', '=', '!']) {
            let op: String = rest
                .chars()
                .take_while(|c| matches!(c, '<' | '>' | '=' | '!'))
                .collect();
            return Err(err(format!(
                "`{op}` is not a comparison (use >=, >, <=, <, ==, !=)"
            )));
        }
        let (num, scale) = match num.strip_suffix('%') {
            Some(n) => (n.trim(), 0.01),
            None => (num, 1.0),
        };
        let threshold = match num.parse::<f64>() {
            Ok(v) if v.is_finite() => v * scale,
            _ => {
                return Err(err(format!(
                    "`{num}` is not a number (write e.g. `{} {} 0.25`)",
                    stat.name(),
                    cmp.symbol()
                )))
            }
        };
        Ok(Rule {
            stat,
            cmp: *cmp,
            threshold,
        })
    }
}

/// Parses one or more rules joined by `and`, `&&`, `;` or `,`
/// (e.g. `mean >= 3.5 and cv <= 0.25`). `or` is not accepted: use `min_fail` instead.
///
/// ```
/// let rules = fiscus_delphi::parse_rules("mean >= 3.5 and cv <= 0.25; full_mark >= 0.2").unwrap();
/// assert_eq!(rules.len(), 3);
/// assert!(fiscus_delphi::parse_rules("mean >= 3.5 or cv <= 0.25").is_err());
/// ```
pub fn parse_rules(text: &str) -> Result<Vec<Rule>, DelphiError> {
    let normalised = text.replace("&&", " and ").replace([';', ','], " and ");
    let mut rules = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>| -> Result<(), DelphiError> {
        if current.is_empty() {
            return Err(DelphiError::Rule {
                rule: text.trim().to_string(),
                reason: "empty rule (two joiners in a row, or one at an end)".into(),
            });
        }
        rules.push(current.join(" ").parse::<Rule>()?);
        current.clear();
        Ok(())
    };
    for tok in normalised.split_whitespace() {
        match tok.to_lowercase().as_str() {
            "and" => flush(&mut current)?,
            "or" | "||" => {
                return Err(DelphiError::Rule {
                    rule: text.trim().to_string(),
                    reason: "`or` is not supported: give the rules separately and set min-fail (an item is dropped when at least min-fail rules fail)".into(),
                })
            }
            _ => current.push(tok),
        }
    }
    flush(&mut current)?;
    Ok(rules)
}

/// Screening parameters: the rules and how many of them must fail for an item to be dropped.
///
/// The default is the common study rule `mean >= 3.5 and cv <= 0.25` with `min_fail = 1`
/// (an item is kept only if it passes every rule).
///
/// ```
/// let c = fiscus_delphi::ScreenConfig::default();
/// assert_eq!(c.rules.len(), 2);
/// assert_eq!(c.min_fail, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenConfig {
    /// The rules an item should pass.
    pub rules: Vec<Rule>,
    /// Drop an item when at least this many rules fail (1 = all rules must pass; with three
    /// rules, 2 means "drop only if two of three fail").
    pub min_fail: usize,
}

impl ScreenConfig {
    /// The screening asked for on the command line: every `--rule` (each may join several
    /// with `and`; none: the default rules) and `--min-fail`.
    ///
    /// ```
    /// let c = fiscus_delphi::ScreenConfig::from_options(&["mean >= 4 and cv <= 0.2".into()], 2).unwrap();
    /// assert_eq!((c.rules.len(), c.min_fail), (2, 2));
    /// assert_eq!(fiscus_delphi::ScreenConfig::from_options(&[], 1).unwrap().rules.len(), 2);
    /// ```
    pub fn from_options(rules: &[String], min_fail: usize) -> Result<Self, DelphiError> {
        let mut cfg = ScreenConfig {
            min_fail,
            ..Default::default()
        };
        if !rules.is_empty() {
            cfg.rules = Vec::new();
            for text in rules {
                cfg.rules.extend(parse_rules(text)?);
            }
        }
        Ok(cfg)
    }
}

impl Default for ScreenConfig {
    fn default() -> Self {
        ScreenConfig {
            rules: vec![
                Rule {
                    stat: Stat::Mean,
                    cmp: Cmp::Ge,
                    threshold: 3.5,
                },
                Rule {
                    stat: Stat::Cv,
                    cmp: Cmp::Le,
                    threshold: 0.25,
                },
            ],
            min_fail: 1,
        }
    }
}

/// The verdict on one item.
///
/// ```
/// use fiscus_delphi::{item_stats, screen, ItemStatsConfig, Ratings, ScreenConfig};
/// let r = Ratings::from_rows(&[vec![2.0], vec![3.0]]).unwrap();
/// let s = screen(&item_stats(&r, &ItemStatsConfig::default()).unwrap(), &ScreenConfig::default()).unwrap();
/// assert!(!s.verdicts[0].keep);
/// assert_eq!(s.verdicts[0].failed, vec!["mean >= 3.5".to_string(), "cv <= 0.25".to_string()]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Item name.
    pub item: String,
    /// Whether the item is retained.
    pub keep: bool,
    /// The rules it failed.
    pub failed: Vec<String>,
    /// A sentence giving the reason, with the failing values.
    pub reason: String,
}

/// The outcome of screening.
///
/// ```
/// use fiscus_delphi::{item_stats, screen, ItemStatsConfig, Ratings, ScreenConfig};
/// let r = Ratings::from_rows(&[vec![5.0, 2.0], vec![4.0, 3.0]]).unwrap();
/// let s = screen(&item_stats(&r, &ItemStatsConfig::default()).unwrap(), &ScreenConfig::default()).unwrap();
/// assert_eq!(s.retained, vec!["I1".to_string()]);
/// assert_eq!(s.dropped, vec!["I2".to_string()]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Screening {
    /// The rules as applied.
    pub rules: Vec<String>,
    /// Drop threshold used.
    pub min_fail: usize,
    /// One verdict per item, in item order.
    pub verdicts: Vec<Verdict>,
    /// Retained items, in item order.
    pub retained: Vec<String>,
    /// Dropped items, in item order.
    pub dropped: Vec<String>,
}

/// Applies the rules to every item. An undefined statistic (e.g. CV with a single answer)
/// fails its rule.
///
/// ```
/// use fiscus_delphi::{item_stats, parse_rules, screen, ItemStatsConfig, Ratings, ScreenConfig};
/// let r = Ratings::from_rows(&[vec![3.0], vec![4.0], vec![3.0]]).unwrap();
/// let stats = item_stats(&r, &ItemStatsConfig::default()).unwrap();
/// let cfg = ScreenConfig { rules: parse_rules("mean >= 3.5 and cv <= 0.25 and median >= 3").unwrap(), min_fail: 2 };
/// let s = screen(&stats, &cfg).unwrap();
/// assert!(s.verdicts[0].keep); // only one of three rules fails
/// ```
pub fn screen(stats: &[ItemStats], config: &ScreenConfig) -> Result<Screening, DelphiError> {
    if config.min_fail == 0 || config.min_fail > config.rules.len() {
        return Err(DelphiError::MinFail {
            min_fail: config.min_fail,
            rules: config.rules.len(),
        });
    }
    let mut verdicts = Vec::with_capacity(stats.len());
    for s in stats {
        let mut failed = Vec::new();
        let mut why = Vec::new();
        for r in &config.rules {
            match r.stat.of(s) {
                Some(v) if r.cmp.holds(v, r.threshold) => {}
                Some(v) => {
                    failed.push(r.to_string());
                    why.push(format!("{} = {} fails {}", r.stat.name(), fmt4(v), r));
                }
                None => {
                    failed.push(r.to_string());
                    why.push(format!("{} is undefined, fails {}", r.stat.name(), r));
                }
            }
        }
        let keep = failed.len() < config.min_fail;
        let n = config.rules.len();
        let reason = match (keep, failed.len()) {
            (true, 0) => format!("kept: passes all {n} rules"),
            (true, k) => format!(
                "kept: fails {k} of {n} rules ({}), fewer than min-fail {}",
                why.join("; "),
                config.min_fail
            ),
            (false, _) => format!("dropped: {}", why.join("; ")),
        };
        verdicts.push(Verdict {
            item: s.item.clone(),
            keep,
            failed,
            reason,
        });
    }
    let retained = verdicts
        .iter()
        .filter(|v| v.keep)
        .map(|v| v.item.clone())
        .collect();
    let dropped = verdicts
        .iter()
        .filter(|v| !v.keep)
        .map(|v| v.item.clone())
        .collect();
    Ok(Screening {
        rules: config.rules.iter().map(Rule::to_string).collect(),
        min_fail: config.min_fail,
        verdicts,
        retained,
        dropped,
    })
}

fn fmt4(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}
