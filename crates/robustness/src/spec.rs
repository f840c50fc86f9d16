//! What one analysis is: the [`Specification`] (truth-table and minimisation options,
//! recalibrations, a subset of cases, which solution counts) and the [`Change`]s a test
//! solution makes to it.

use fiscus_calibration::{calibrate, CalibrationSpec, Thresholds};
use fiscus_data::{Cell, Column, Dataset};
use fiscus_qca::{MinimizeConfig, QcaData, QcaError, Result, TruthTableConfig};
use serde::{Deserialize, Serialize};

/// Which solution's first model an analysis uses.
///
/// ```
/// use fiscus_robustness::SolutionKind;
/// assert_eq!("intermediate".parse::<SolutionKind>().unwrap(), SolutionKind::Intermediate);
/// assert!("best".parse::<SolutionKind>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SolutionKind {
    /// As the minimisation options imply: intermediate with directional expectations,
    /// parsimonious with remainders included, complex otherwise.
    #[default]
    Auto,
    /// The complex (conservative) solution: no remainders.
    Complex,
    /// The parsimonious solution: remainders as don't cares.
    Parsimonious,
    /// The intermediate solution (first conservative × parsimonious pair).
    Intermediate,
}

impl std::str::FromStr for SolutionKind {
    type Err = QcaError;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(SolutionKind::Auto),
            "complex" | "conservative" | "c" => Ok(SolutionKind::Complex),
            "parsimonious" | "p" => Ok(SolutionKind::Parsimonious),
            "intermediate" | "i" => Ok(SolutionKind::Intermediate),
            other => Err(QcaError::Option(format!(
                "unknown solution `{other}` (use complex, parsimonious or intermediate)"
            ))),
        }
    }
}

/// A set calibrated from a raw column before the analysis.
///
/// ```
/// use fiscus_robustness::Recalibration;
/// let r: Recalibration = "DEV=GNP:e=400,c=550,i=900".parse().unwrap();
/// assert_eq!((r.target.as_str(), r.source.as_str()), ("DEV", "GNP"));
/// assert_eq!(r.spec.anchors(), &[400.0, 550.0, 900.0]);
/// let same: Recalibration = "DEV:e=400,c=550,i=900".parse().unwrap();
/// assert_eq!(same.source, "DEV");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recalibration {
    /// The set (column) the calibrated values go to.
    pub target: String,
    /// The raw column calibrated (may equal `target`).
    pub source: String,
    /// How to calibrate (R's `calibrate()` arguments).
    pub spec: CalibrationSpec,
}

impl std::str::FromStr for Recalibration {
    type Err = QcaError;
    /// `TARGET[=SOURCE]:THRESHOLDS`, e.g. `DEV=GNP:e=400,c=550,i=900` (fuzzy, direct, logistic).
    fn from_str(s: &str) -> Result<Self> {
        let (left, th) = s.split_once(':').ok_or_else(|| QcaError::Parse {
            input: s.to_string(),
            message: "expected TARGET[=SOURCE]:THRESHOLDS, e.g. DEV=GNP:e=400,c=550,i=900".into(),
        })?;
        let (target, source) = match left.split_once('=') {
            Some((t, src)) => (t.trim(), src.trim()),
            None => (left.trim(), left.trim()),
        };
        if target.is_empty() || source.is_empty() {
            return Err(QcaError::Parse {
                input: s.to_string(),
                message: "empty column name".into(),
            });
        }
        let spec: CalibrationSpec = th.parse().map_err(|e| QcaError::Parse {
            input: s.to_string(),
            message: format!("{e}"),
        })?;
        Ok(Recalibration {
            target: target.to_string(),
            source: source.to_string(),
            spec,
        })
    }
}

/// One analysis: everything that a test solution may change.
///
/// The [`Default`] is R QCA's defaults (incl.cut 1, n.cut 1, no remainders), no
/// recalibration, all cases, the solution implied by the options.
///
/// ```
/// let s = fiscus_robustness::Specification::default();
/// assert_eq!(s.truth_table.n_cut, 1);
/// assert!(s.calibrations.is_empty() && s.cases.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Specification {
    /// Truth-table options (cut-offs, exclusions).
    pub truth_table: TruthTableConfig,
    /// Minimisation options (remainders, directional expectations).
    pub minimize: MinimizeConfig,
    /// Which solution's first model counts.
    pub solution: SolutionKind,
    /// Raw columns calibrated before the analysis, in order.
    pub calibrations: Vec<Recalibration>,
    /// 0-based rows of the dataset used for the minimisation (`None`: all). The solution's
    /// membership is still evaluated for every case.
    pub cases: Option<Vec<usize>>,
}

/// One change a test solution makes to the initial specification.
///
/// ```
/// use fiscus_robustness::Change;
/// let c = Change::parse_list("incl-cut=0.90;n-cut=3").unwrap();
/// assert_eq!(c, vec![Change::InclCut(0.9, None), Change::NCut(3)]);
/// let cal = Change::parse_list("calibrate:DEV=e=350,c=550,i=900").unwrap();
/// assert!(matches!(&cal[0], Change::Calibrate { target, .. } if target == "DEV"));
/// assert!(Change::parse_list("incl-cut=x").is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Change {
    /// `incl-cut=0.8` or `incl-cut=0.8,0.6`.
    InclCut(f64, Option<f64>),
    /// `n-cut=2`.
    NCut(usize),
    /// `pri-cut=0.5`.
    PriCut(f64),
    /// `calibrate:TARGET=THRESHOLDS`: new anchors for a recalibrated set (or, when the
    /// initial analysis does not recalibrate TARGET, a fuzzy direct calibration of the raw
    /// column TARGET).
    Calibrate {
        /// The set.
        target: String,
        /// The new anchors.
        thresholds: Thresholds,
    },
    /// `drop=CASE1,CASE2`: leave these cases out of the minimisation.
    DropCases(Vec<String>),
    /// `solution=parsimonious`.
    Solution(SolutionKind),
    /// `dir-exp=A,~B` (empty: none).
    DirExp(Option<String>),
}

impl Change {
    /// Parses one test: changes joined by `;`.
    ///
    /// ```
    /// assert_eq!(fiscus_robustness::Change::parse_list("n-cut=1").unwrap().len(), 1);
    /// ```
    pub fn parse_list(text: &str) -> Result<Vec<Change>> {
        let items: Vec<&str> = text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Err(QcaError::Parse {
                input: text.to_string(),
                message: "empty test specification".into(),
            });
        }
        items.iter().map(|i| Change::parse_one(i)).collect()
    }

    fn parse_one(item: &str) -> Result<Change> {
        let err = |m: String| QcaError::Parse {
            input: item.to_string(),
            message: m,
        };
        if let Some(rest) = item.strip_prefix("calibrate:") {
            let (target, th) = rest
                .split_once('=')
                .ok_or_else(|| err("expected calibrate:SET=e=..,c=..,i=..".into()))?;
            let thresholds: Thresholds = th.parse().map_err(|e| err(format!("{e}")))?;
            return Ok(Change::Calibrate {
                target: target.trim().to_string(),
                thresholds,
            });
        }
        let (key, value) = item
            .split_once('=')
            .ok_or_else(|| err("expected KEY=VALUE (incl-cut, n-cut, pri-cut, calibrate:SET, drop, solution, dir-exp)".into()))?;
        let num = |v: &str| -> Result<f64> {
            v.trim()
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| err(format!("`{}` is not a number", v.trim())))
        };
        match key.trim().replace('_', "-").as_str() {
            "incl-cut" | "incl.cut" => {
                let parts: Vec<&str> = value.split(',').collect();
                match parts.as_slice() {
                    [a] => Ok(Change::InclCut(num(a)?, None)),
                    [a, b] => Ok(Change::InclCut(num(a)?, Some(num(b)?))),
                    _ => Err(err("incl-cut takes one or two numbers".into())),
                }
            }
            "n-cut" | "n.cut" => value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(Change::NCut)
                .ok_or_else(|| err(format!("n-cut must be a whole number of at least 1, not `{}`", value.trim()))),
            "pri-cut" | "pri.cut" => Ok(Change::PriCut(num(value)?)),
            "drop" => Ok(Change::DropCases(
                value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            )),
            "solution" => Ok(Change::Solution(value.parse()?)),
            "dir-exp" => {
                let v = value.trim();
                Ok(Change::DirExp(if v.is_empty() { None } else { Some(v.to_string()) }))
            }
            other => Err(err(format!(
                "unknown setting `{other}` (use incl-cut, n-cut, pri-cut, calibrate:SET, drop, solution, dir-exp)"
            ))),
        }
    }
}

impl Specification {
    /// A copy with the changes applied; case labels and calibration targets are checked
    /// against the dataset.
    ///
    /// ```
    /// use fiscus_data::{Column, Dataset};
    /// use fiscus_robustness::{Change, Specification};
    /// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![Column::numbers("X", &[1.0, 2.0])]).unwrap();
    /// let s = Specification::default().with_changes(&ds, &[Change::NCut(2), Change::DropCases(vec!["a".into()])]).unwrap();
    /// assert_eq!((s.truth_table.n_cut, s.cases.clone()), (2, Some(vec![1])));
    /// assert!(Specification::default().with_changes(&ds, &[Change::DropCases(vec!["z".into()])]).is_err());
    /// ```
    pub fn with_changes(&self, ds: &Dataset, changes: &[Change]) -> Result<Specification> {
        let mut s = self.clone();
        for c in changes {
            match c {
                Change::InclCut(a, b) => {
                    s.truth_table.incl_cut1 = *a;
                    s.truth_table.incl_cut0 = *b;
                }
                Change::NCut(n) => s.truth_table.n_cut = *n,
                Change::PriCut(p) => s.truth_table.pri_cut = *p,
                Change::Calibrate { target, thresholds } => {
                    match s.calibrations.iter_mut().find(|r| &r.target == target) {
                        Some(r) => r.spec = r.spec.with_anchors(&thresholds.values),
                        None => {
                            ds.column(target)?;
                            s.calibrations.push(Recalibration {
                                target: target.clone(),
                                source: target.clone(),
                                spec: CalibrationSpec {
                                    thresholds: thresholds.clone(),
                                    ..CalibrationSpec::default()
                                },
                            });
                        }
                    }
                }
                Change::DropCases(labels) => {
                    let mut keep: Vec<usize> = s
                        .cases
                        .clone()
                        .unwrap_or_else(|| (0..ds.n_cases()).collect());
                    for l in labels {
                        let k =
                            ds.cases().iter().position(|c| c == l).ok_or_else(|| {
                                QcaError::Option(format!("drop: unknown case `{l}`"))
                            })?;
                        keep.retain(|&r| r != k);
                    }
                    s.cases = Some(keep);
                }
                Change::Solution(k) => s.solution = *k,
                Change::DirExp(d) => s.minimize.dir_exp = d.clone(),
            }
        }
        Ok(s)
    }

    pub(crate) fn effective_solution(&self) -> SolutionKind {
        match self.solution {
            SolutionKind::Auto if self.minimize.dir_exp.is_some() => SolutionKind::Intermediate,
            SolutionKind::Auto if self.minimize.include_remainders => SolutionKind::Parsimonious,
            SolutionKind::Auto => SolutionKind::Complex,
            k => k,
        }
    }
}

/// The data of an analysis after recalibration (every case).
///
/// ```
/// use fiscus_data::{Column, Dataset};
/// use fiscus_robustness::{prepare_data, Specification};
/// let ds = Dataset::new("d.csv", vec!["a".into(), "b".into()], vec![
///     Column::numbers("GNP", &[300.0, 800.0]), Column::numbers("Y", &[0.0, 1.0])]).unwrap();
/// let mut s = Specification::default();
/// s.calibrations.push("DEV=GNP:e=400,c=550,i=900".parse().unwrap());
/// let d = prepare_data(&ds, "Y", Some(&["DEV".to_string()]), &s).unwrap();
/// assert!(d.conditions[0].values[1] > 0.5);
/// ```
pub fn prepare_data(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    spec: &Specification,
) -> Result<QcaData> {
    let ds = recalibrated(ds, spec)?;
    QcaData::new(&ds, outcome, conditions)
}

pub(crate) fn recalibrated(ds: &Dataset, spec: &Specification) -> Result<Dataset> {
    if spec.calibrations.is_empty() {
        return Ok(ds.clone());
    }
    let mut out = ds.clone();
    for r in &spec.calibrations {
        let raw = ds.numeric(&r.source)?;
        let cal = calibrate(&raw, &r.spec).map_err(|e| {
            QcaError::Calibration(format!(
                "`{}` from `{}` ({}): {e}",
                r.target, r.source, r.spec.thresholds
            ))
        })?;
        let cells = cal
            .values
            .iter()
            .map(|v| v.map_or(Cell::Missing, Cell::Number))
            .collect();
        out.set_column(Column::new(r.target.clone(), cells))?;
    }
    Ok(out)
}

impl Specification {
    /// The initial specification as written on the command line: the truth-table and
    /// minimisation options, `--solution`, `--exclude` (row numbers) and every `--calibrate`.
    ///
    /// ```
    /// use fiscus_robustness::{SolutionKind, Specification};
    /// let cal = vec!["DEV:e=400,c=550,i=900".to_string()];
    /// let s = Specification::from_options(Default::default(), Default::default(), "complex", Some("3,7"), &cal).unwrap();
    /// assert_eq!((s.solution, s.truth_table.exclude.clone()), (SolutionKind::Complex, vec![3, 7]));
    /// assert_eq!(s.calibrations[0].target, "DEV");
    /// let e = Specification::from_options(Default::default(), Default::default(), "auto", Some("x"), &[]);
    /// assert_eq!(e.unwrap_err().to_string(), "--exclude: `x` is not a row number");
    /// ```
    pub fn from_options(
        truth_table: TruthTableConfig,
        minimize: MinimizeConfig,
        solution: &str,
        exclude: Option<&str>,
        calibrate: &[String],
    ) -> Result<Self> {
        let mut spec = Specification {
            truth_table,
            minimize,
            solution: solution.parse()?,
            ..Specification::default()
        };
        if let Some(ex) = exclude {
            let row = |s: &String| {
                s.parse::<u64>()
                    .map_err(|_| QcaError::Option(format!("--exclude: `{s}` is not a row number")))
            };
            spec.truth_table.exclude = fiscus_data::split_list(ex)
                .iter()
                .map(row)
                .collect::<Result<_>>()?;
        }
        for c in calibrate {
            let r = c.parse::<Recalibration>();
            spec.calibrations
                .push(r.map_err(|e| QcaError::Option(format!("--calibrate {c}: {e}")))?);
        }
        Ok(spec)
    }
}

impl Change {
    /// The test solutions of `--test` options: each text with its changes.
    ///
    /// ```
    /// let t = fiscus_robustness::Change::parse_tests(&["n-cut=2".into()]).unwrap();
    /// assert_eq!(t[0].0, "n-cut=2");
    /// let e = fiscus_robustness::Change::parse_tests(&["bogus".into()]).unwrap_err();
    /// assert!(e.to_string().starts_with("--test bogus: "));
    /// ```
    pub fn parse_tests(tests: &[String]) -> Result<Vec<(String, Vec<Change>)>> {
        let parse = |t: &String| match Change::parse_list(t) {
            Ok(c) => Ok((t.clone(), c)),
            Err(e) => Err(QcaError::Option(format!("--test {t}: {e}"))),
        };
        tests.iter().map(parse).collect()
    }
}
