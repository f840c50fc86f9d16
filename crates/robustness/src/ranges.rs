//! Sensitivity ranges (SetMethods' `rob.inclrange`, `rob.ncutrange`, `rob.calibrange`): how
//! far one parameter can move before the first model changes.

use std::collections::BTreeMap;

use fiscus_data::Dataset;
use fiscus_qca::{QcaError, Result};
use rayon::prelude::*;
use serde::Serialize;

use crate::protocol::{initial_solution, run_test, InitialSolution};
use crate::spec::Specification;

/// A parameter whose sensitivity range is walked.
///
/// ```
/// let p = fiscus_robustness::RangeParameter::Anchor { target: "DEV".into(), anchor: 1 };
/// assert_eq!(p.name(), "DEV anchor 2");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "parameter")]
pub enum RangeParameter {
    /// The inclusion cut-off.
    InclCut,
    /// The frequency cut-off.
    NCut,
    /// One anchor (0-based, canonical order e, c, i) of a recalibrated set.
    Anchor {
        /// The set.
        target: String,
        /// Which anchor.
        anchor: usize,
    },
}

impl RangeParameter {
    /// A readable name: `incl.cut`, `n.cut`, `DEV e` (three named anchors) or `DEV anchor k`.
    ///
    /// ```
    /// assert_eq!(fiscus_robustness::RangeParameter::InclCut.name(), "incl.cut");
    /// ```
    pub fn name(&self) -> String {
        match self {
            RangeParameter::InclCut => "incl.cut".into(),
            RangeParameter::NCut => "n.cut".into(),
            RangeParameter::Anchor { target, anchor } => format!("{target} anchor {}", anchor + 1),
        }
    }
}

/// Options of a sensitivity range walk; defaults as SetMethods (`step = 0.01` for incl.cut,
/// 1 for n.cut) and at most 100 steps each way.
///
/// ```
/// let c = fiscus_robustness::RangeConfig::default();
/// assert_eq!((c.incl_step, c.max_steps), (0.01, 100));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RangeConfig {
    /// Step of the inclusion cut-off.
    pub incl_step: f64,
    /// Step of each anchor, per target set (default: 1% of the raw column's range).
    pub anchor_steps: BTreeMap<String, f64>,
    /// Steps tried in each direction before giving up.
    pub max_steps: usize,
}

impl RangeConfig {
    /// The settings of `--ranges`: `--incl-step`, `--max-steps` and every `--anchor-step SET=STEP`.
    ///
    /// ```
    /// let c = fiscus_robustness::RangeConfig::from_options(0.05, 10, &["DEV=10".into()]).unwrap();
    /// assert_eq!((c.incl_step, c.max_steps, c.anchor_steps["DEV"]), (0.05, 10, 10.0));
    /// ```
    pub fn from_options(
        incl_step: f64,
        max_steps: usize,
        anchor_steps: &[String],
    ) -> crate::Result<Self> {
        let mut c = RangeConfig {
            incl_step,
            max_steps,
            ..RangeConfig::default()
        };
        c.set_anchor_steps(anchor_steps)?;
        Ok(c)
    }
}

impl Default for RangeConfig {
    fn default() -> Self {
        RangeConfig {
            incl_step: 0.01,
            anchor_steps: BTreeMap::new(),
            max_steps: 100,
        }
    }
}

/// The interval over which the first model stays that of the initial value.
///
/// ```
/// let r = fiscus_robustness::SensitivityRange { parameter: "n.cut".into(), value: 2.0, step: 1.0,
///     lower: 2.0, upper: 2.0, lower_unbounded: false, upper_unbounded: false,
///     lower_change: None, upper_change: None };
/// assert_eq!(r.lower, r.upper);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityRange {
    /// What was varied.
    pub parameter: String,
    /// The initial value.
    pub value: f64,
    /// The step.
    pub step: f64,
    /// Lowest value with the same first model.
    pub lower: f64,
    /// Highest value with the same first model.
    pub upper: f64,
    /// True when no change was found below (within `max_steps` or the parameter's domain).
    pub lower_unbounded: bool,
    /// True when no change was found above.
    pub upper_unbounded: bool,
    /// The first model just beyond the lower end (`None` when no model or unbounded).
    pub lower_change: Option<String>,
    /// The first model just beyond the upper end.
    pub upper_change: Option<String>,
}

pub(crate) fn round12(x: f64) -> f64 {
    (x * 1e12).round() / 1e12
}

/// Walks each parameter down and up from the initial value by its step until the first model
/// of the chosen solution changes (SetMethods' `rob.inclrange`, `rob.ncutrange`,
/// `rob.calibrange`). A value where minimisation fails counts as a change. Parameters run in
/// parallel.
///
/// ```
/// # use fiscus_data::{Column, Dataset};
/// # let ds = Dataset::new("d.csv", (1..=4).map(|i| i.to_string()).collect(), vec![
/// #     Column::numbers("A", &[0.9, 0.8, 0.2, 0.1]), Column::numbers("Y", &[0.9, 0.8, 0.4, 0.2])]).unwrap();
/// use fiscus_robustness::{sensitivity_ranges, RangeConfig, RangeParameter};
/// let r = sensitivity_ranges(&ds, "Y", None, &Default::default(), &[RangeParameter::NCut], &RangeConfig::default()).unwrap();
/// assert_eq!((r[0].lower, r[0].upper), (1.0, 2.0));
/// ```
pub fn sensitivity_ranges(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    parameters: &[RangeParameter],
    cfg: &RangeConfig,
) -> Result<Vec<SensitivityRange>> {
    let is = initial_solution(ds, outcome, conditions, initial)?;
    parameters
        .par_iter()
        .map(|p| walk(ds, outcome, conditions, initial, p, cfg, &is))
        .collect()
}

fn walk(
    ds: &Dataset,
    outcome: &str,
    conditions: Option<&[String]>,
    initial: &Specification,
    p: &RangeParameter,
    cfg: &RangeConfig,
    is: &InitialSolution,
) -> Result<SensitivityRange> {
    let (value, step, lo_dom, hi_dom) = match p {
        RangeParameter::InclCut => (initial.truth_table.incl_cut1, cfg.incl_step, 0.0, 1.0),
        RangeParameter::NCut => (
            initial.truth_table.n_cut as f64,
            1.0,
            1.0,
            is.cases.len() as f64,
        ),
        RangeParameter::Anchor { target, anchor } => {
            let r = initial
                .calibrations
                .iter()
                .find(|r| &r.target == target)
                .ok_or_else(|| {
                    QcaError::Option(format!(
                        "`{target}` is not recalibrated: no anchors to vary"
                    ))
                })?;
            let v = *r.spec.anchors().get(*anchor).ok_or_else(|| {
                QcaError::Option(format!("`{target}` has no anchor {}", anchor + 1))
            })?;
            let raw: Vec<f64> = ds.numeric(&r.source)?.into_iter().flatten().collect();
            let (mn, mx) = raw
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
            let step = cfg
                .anchor_steps
                .get(target)
                .copied()
                .unwrap_or(round12((mx - mn) / 100.0));
            (v, step, f64::NEG_INFINITY, f64::INFINITY)
        }
    };
    if !(step > 0.0 && step.is_finite()) {
        return Err(QcaError::Option(format!(
            "the step of {} must be positive, not {step}",
            p.name()
        )));
    }
    let at = |x: f64| -> Result<Option<String>> {
        let mut s = initial.clone();
        match p {
            RangeParameter::InclCut => {
                s.truth_table.incl_cut1 = x;
                if let Some(c0) = s.truth_table.incl_cut0 {
                    s.truth_table.incl_cut0 = Some(c0.min(x));
                }
            }
            RangeParameter::NCut => s.truth_table.n_cut = x as usize,
            RangeParameter::Anchor { target, anchor } => {
                if let Some(r) = s.calibrations.iter_mut().find(|r| &r.target == target) {
                    let mut a = r.spec.anchors().to_vec();
                    a[*anchor] = x;
                    r.spec = r.spec.with_anchors(&a);
                }
            }
        }
        let t = run_test(ds, outcome, conditions, &s, String::new(), &is.cases)?;
        Ok(t.expression)
    };
    let mut bounds = [(value, true, None), (value, true, None)];
    for (d, dir) in [-1.0f64, 1.0].iter().enumerate() {
        for k in 1..=cfg.max_steps {
            let x = round12(value + dir * step * k as f64);
            if x < lo_dom - 1e-12 || x > hi_dom + 1e-12 {
                break;
            }
            let e = at(x)?;
            if e.as_deref() != Some(is.expression.as_str()) {
                bounds[d].1 = false;
                bounds[d].2 = Some(e);
                break;
            }
            bounds[d].0 = x;
        }
    }
    Ok(SensitivityRange {
        parameter: match p {
            RangeParameter::Anchor { target, anchor } => initial
                .calibrations
                .iter()
                .find(|r| &r.target == target)
                .filter(|r| r.spec.thresholds.named)
                .and_then(|r| match r.spec.anchors().len() {
                    3 => fiscus_calibration::THREE_ANCHORS.get(*anchor),
                    6 => fiscus_calibration::SIX_ANCHORS.get(*anchor),
                    _ => None,
                })
                .map_or_else(|| p.name(), |n| format!("{target} {n}")),
            _ => p.name(),
        },
        value,
        step,
        lower: bounds[0].0,
        upper: bounds[1].0,
        lower_unbounded: bounds[0].1,
        upper_unbounded: bounds[1].1,
        lower_change: bounds[0].2.clone().flatten(),
        upper_change: bounds[1].2.clone().flatten(),
    })
}

/// The parameters whose ranges the protocol reports for `spec`: the inclusion and frequency
/// cut-offs, and every anchor of every recalibrated set.
///
/// ```
/// use fiscus_robustness::{standard_parameters, RangeParameter, Specification};
/// assert_eq!(standard_parameters(&Specification::default()), vec![RangeParameter::InclCut, RangeParameter::NCut]);
/// ```
pub fn standard_parameters(spec: &crate::Specification) -> Vec<RangeParameter> {
    let mut params = vec![RangeParameter::InclCut, RangeParameter::NCut];
    for c in &spec.calibrations {
        for k in 0..c.spec.anchors().len() {
            params.push(RangeParameter::Anchor {
                target: c.target.clone(),
                anchor: k,
            });
        }
    }
    params
}

impl RangeConfig {
    /// Sets the anchor steps from `SET=STEP` items.
    ///
    /// ```
    /// let mut c = fiscus_robustness::RangeConfig::default();
    /// c.set_anchor_steps(&["DEV=10".into()]).unwrap();
    /// assert_eq!(c.anchor_steps["DEV"], 10.0);
    /// assert!(c.set_anchor_steps(&["DEV".into()]).is_err());
    /// ```
    pub fn set_anchor_steps(&mut self, items: &[String]) -> crate::Result<()> {
        for (k, v) in fiscus_data::parse_pairs(items)
            .map_err(|e| fiscus_qca::QcaError::Option(format!("--anchor-step: {e}")))?
        {
            self.anchor_steps.insert(k, v);
        }
        Ok(())
    }
}
