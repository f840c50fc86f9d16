//! The indicator-system file of `fiscus score` (TOML) and the resolution of its weights: given
//! numbers, AHP comparison matrices, Delphi means, entropy of the responses, or AHP/given
//! combined with entropy. Every problem in the file is reported at its key
//! (`file:line:column: key ...`). The caller reads the file and passes its name and text; the
//! AHP analysis of the comparison matrices is done by the caller (the method crates do not
//! depend on each other), which passes the weights back as plain numbers.

use std::collections::BTreeMap;

use fiscus_data::{KeyPart, Scale, TomlDoc};
use serde::{Deserialize, Serialize};

use crate::{
    combine_weights, entropy_weights, proportional_weights, Band, Combination, Conversion,
    Dimension, Direction, EntropyNormalisation, EvalConfig, EvalError, GradeBasis, GradeScheme,
    Indicator, IndicatorSystem, Responses, WeightCheck,
};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    title: Option<String>,
    scale: Option<[f64; 2]>,
    conversion: Option<String>,
    grades: Option<Vec<String>>,
    normalise: Option<bool>,
    weights: Option<String>,
    alpha: Option<f64>,
    combine: Option<String>,
    entropy_normalisation: Option<String>,
    matrix: Option<Vec<Vec<f64>>>,
    group_column: Option<String>,
    groups: Option<BTreeMap<String, f64>>,
    #[serde(default, rename = "scheme")]
    schemes: Vec<SchemeSpec>,
    #[serde(default, rename = "dimension")]
    dimensions: Vec<DimSpec>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeSpec {
    name: String,
    basis: Option<String>,
    bands: Vec<BandSpec>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandSpec {
    grade: String,
    interval: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DimSpec {
    name: String,
    weight: Option<f64>,
    delphi_mean: Option<f64>,
    matrix: Option<Vec<Vec<f64>>>,
    #[serde(default, rename = "indicator")]
    indicators: Vec<IndSpec>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndSpec {
    id: String,
    name: Option<String>,
    weight: Option<f64>,
    delphi_mean: Option<f64>,
    direction: Option<String>,
}

/// Where the weights of a system come from.
///
/// ```
/// assert_eq!("ahp-entropy".parse::<fiscus_eval::WeightSource>().unwrap(), fiscus_eval::WeightSource::Combined);
/// assert_eq!(fiscus_eval::WeightSource::Delphi.to_string(), "delphi");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightSource {
    /// Numbers in the file, or AHP comparison matrices.
    Given,
    /// Proportional to Delphi means.
    Delphi,
    /// Entropy of the responses.
    Entropy,
    /// AHP/given combined with entropy.
    Combined,
    /// The AHP judgments of a study file.
    Ahp,
}

impl std::fmt::Display for WeightSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WeightSource::Given => "given",
            WeightSource::Delphi => "delphi",
            WeightSource::Entropy => "entropy",
            WeightSource::Combined => "combined",
            WeightSource::Ahp => "ahp",
        })
    }
}

impl std::str::FromStr for WeightSource {
    type Err = EvalError;
    fn from_str(s: &str) -> Result<Self, EvalError> {
        match s.trim().to_lowercase().as_str() {
            "given" | "ahp" | "fixed" => Ok(WeightSource::Given),
            "delphi" | "delphi-means" => Ok(WeightSource::Delphi),
            "entropy" => Ok(WeightSource::Entropy),
            "combined" | "ahp-entropy" => Ok(WeightSource::Combined),
            other => Err(EvalError::BadValue(format!(
                "weights = `{other}` is not one of given, delphi, entropy, combined"
            ))),
        }
    }
}

/// A comparison matrix of the file whose AHP weights the resolution needs (in the order of
/// [`SystemFile::matrices`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonMatrix {
    /// Where it is in the file (for messages: [`SystemFile::located`]).
    pub key: Vec<KeyPart>,
    /// `dimension matrix` or `matrix of dimension `X``.
    pub label: String,
    /// The elements compared (dimension names or indicator ids).
    pub elements: Vec<String>,
    /// The judgments, one row per element.
    pub values: Vec<Vec<f64>>,
}

/// The AHP analysis of one comparison matrix, as reported with the weights.
///
/// ```
/// let m = fiscus_eval::MatrixWeights { matrix: "dimension matrix".into(), elements: vec!["A".into()],
///     weights: vec![1.0], lambda_max: 1.0, cr: 0.0, acceptable: true };
/// assert!(m.acceptable);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixWeights {
    /// Which matrix (its label, with the file name).
    pub matrix: String,
    /// Elements.
    pub elements: Vec<String>,
    /// Priorities (Σ = 1).
    pub weights: Vec<f64>,
    /// λmax.
    pub lambda_max: f64,
    /// Consistency ratio.
    #[serde(rename = "CR")]
    pub cr: f64,
    /// CR below the threshold.
    pub acceptable: bool,
}

/// Settings given on the command line, which take precedence over the file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overrides {
    /// The 100-point conversion.
    pub conversion: Option<Conversion>,
    /// Grade schemes by name (built-in or the file's `[[scheme]]`s); empty = the file's.
    pub schemes: Vec<String>,
    /// The respondents' group column.
    pub group_column: Option<String>,
    /// Weights of the respondent groups.
    pub group_weights: Option<Vec<(String, f64)>>,
    /// Normalise weights that do not sum to 1.
    pub normalise: bool,
}

impl Overrides {
    /// The overrides as written on the command line: `--conversion`, `--scheme` (repeatable,
    /// each a comma-separated list), `--group-column`, `--group-weight GROUP=W` (repeatable)
    /// and `--normalise`.
    ///
    /// ```
    /// use fiscus_eval::{Conversion, Overrides};
    /// let o = Overrides::from_options(Some("linear"), &["mof, five-band".into()], None, &["a=1".into()], true).unwrap();
    /// assert_eq!((o.conversion, o.schemes.len()), (Some(Conversion::Linear), 2));
    /// assert_eq!(o.group_weights, Some(vec![("a".to_string(), 1.0)]));
    /// let e = Overrides::from_options(None, &[], None, &["a".into()], false).unwrap_err();
    /// assert_eq!(e.to_string(), "--group-weight: `a`: write it as NAME=VALUE");
    /// ```
    pub fn from_options(
        conversion: Option<&str>,
        schemes: &[String],
        group_column: Option<String>,
        group_weights: &[String],
        normalise: bool,
    ) -> Result<Self, EvalError> {
        let flag = |f: &'static str| move |e: EvalError| EvalError::BadValue(format!("{f}: {e}"));
        let conversion = conversion.map(str::parse::<Conversion>).transpose();
        let group_weights =
            (!group_weights.is_empty()).then(|| fiscus_data::parse_pairs(group_weights));
        let group_weights = group_weights.transpose().map_err(EvalError::from);
        Ok(Overrides {
            conversion: conversion.map_err(flag("--conversion"))?,
            schemes: schemes
                .iter()
                .flat_map(|s| fiscus_data::split_list(s))
                .collect(),
            group_column,
            group_weights: group_weights.map_err(flag("--group-weight"))?,
            normalise,
        })
    }
}

/// One indicator's weights, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorWeight {
    /// Id (the data column).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Weight within its dimension.
    pub local_weight: f64,
    /// Dimension weight × local weight.
    pub global_weight: f64,
    /// `benefit` or `cost`.
    pub direction: Direction,
}

/// One dimension's weights, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionWeight {
    /// Name.
    pub name: String,
    /// Weight among the dimensions.
    pub weight: f64,
    /// Its indicators.
    pub indicators: Vec<IndicatorWeight>,
}

/// The resolved weights of a system and how they were obtained.
///
/// ```
/// use fiscus_eval::{Dimension, Indicator, IndicatorSystem, WeightCheck, WeightReport, WeightSource};
/// let sys = IndicatorSystem::new(vec![Dimension::new("D", Some(1.0), vec![
///     Indicator::new("a", Some(0.25)), Indicator::new("b", Some(0.75))])], WeightCheck::default()).unwrap();
/// let r = WeightReport::new(WeightSource::Given, vec![], vec![], &sys);
/// assert_eq!(r.dimensions[0].indicators[1].global_weight, 0.75);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightReport {
    /// The source.
    pub source: WeightSource,
    /// How each level was obtained, in words.
    pub notes: Vec<String>,
    /// The AHP analysis of every comparison matrix used.
    pub ahp: Vec<MatrixWeights>,
    /// The weights of every dimension and indicator.
    pub dimensions: Vec<DimensionWeight>,
}

impl WeightReport {
    /// The report of a resolved system.
    pub fn new(
        source: WeightSource,
        notes: Vec<String>,
        ahp: Vec<MatrixWeights>,
        system: &IndicatorSystem,
    ) -> Self {
        let global = system.global_weights();
        let mut j = 0;
        let dimensions = system
            .dimensions()
            .iter()
            .enumerate()
            .map(|(k, d)| DimensionWeight {
                name: d.name.clone(),
                weight: system.dimension_weights()[k],
                indicators: d
                    .indicators
                    .iter()
                    .enumerate()
                    .map(|(i, ind)| {
                        j += 1;
                        IndicatorWeight {
                            id: ind.id.clone(),
                            name: ind.name.clone(),
                            local_weight: system.local_weights()[k][i],
                            global_weight: global[j - 1],
                            direction: ind.direction,
                        }
                    })
                    .collect(),
            })
            .collect();
        WeightReport {
            source,
            notes,
            ahp,
            dimensions,
        }
    }
}

/// A system with its weights resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedSystem {
    /// The system.
    pub system: IndicatorSystem,
    /// How its weights were obtained.
    pub weights: WeightReport,
}

/// A parsed indicator-system file.
///
/// ```
/// use fiscus_eval::{Overrides, SystemFile};
/// let text = "title = \"T\"\n[[dimension]]\nname = \"D\"\nweight = 1.0\n\
///             [[dimension.indicator]]\nid = \"a\"\nweight = 0.5\n\
///             [[dimension.indicator]]\nid = \"b\"\nweight = 0.5\n";
/// let f = SystemFile::parse("sys.toml", text).unwrap();
/// assert_eq!(f.indicator_ids(), vec!["a", "b"]);
/// let s = f.settings(&Overrides::default()).unwrap();
/// assert_eq!(s.title, "T");
/// let r = f.resolve(&s, None, &[]).unwrap();
/// assert_eq!(r.system.global_weights(), vec![0.5, 0.5]);
/// let e = SystemFile::parse("sys.toml", "[[dimension]]\nname = \"D\"\nweight = \"x\"\n").unwrap_err();
/// assert!(e.to_string().starts_with("sys.toml:3:10: key `dimension[0].weight`"), "{e}");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SystemFile {
    doc: TomlDoc,
    spec: FileSpec,
}

/// The scoring settings of a system file with the command line's overrides applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The title (default: the file name).
    pub title: String,
    /// Scale, conversion, grade schemes and group weights.
    pub config: EvalConfig,
    /// The respondents' group column.
    pub group_column: Option<String>,
    /// Normalise weights that do not sum to 1.
    pub normalise: bool,
    /// Where the weights come from.
    pub source: WeightSource,
}

fn key(k: &str) -> KeyPart {
    KeyPart::key(k)
}

impl SystemFile {
    /// Parses the text of a system file; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<SystemFile, EvalError> {
        let doc = TomlDoc::new(file, text);
        let spec: FileSpec = doc.parse()?;
        let f = SystemFile { doc, spec };
        if f.spec.dimensions.is_empty() {
            return Err(f
                .doc
                .error_at(
                    &[key("dimension")],
                    "no [[dimension]] tables: the system needs at least one",
                )
                .into());
        }
        let mut seen: Vec<&str> = Vec::new();
        for (d, dim) in f.spec.dimensions.iter().enumerate() {
            if dim.indicators.is_empty() {
                return Err(f
                    .doc
                    .error_at(
                        &[key("dimension"), KeyPart::Index(d)],
                        format!("dimension `{}` has no [[dimension.indicator]]", dim.name),
                    )
                    .into());
            }
            for (i, ind) in dim.indicators.iter().enumerate() {
                if seen.contains(&ind.id.as_str()) {
                    return Err(f
                        .doc
                        .error_at(
                            &[
                                key("dimension"),
                                KeyPart::Index(d),
                                key("indicator"),
                                KeyPart::Index(i),
                                key("id"),
                            ],
                            format!("the indicator `{}` is listed twice", ind.id),
                        )
                        .into());
                }
                seen.push(&ind.id);
            }
        }
        Ok(f)
    }

    /// The file name.
    pub fn file(&self) -> &str {
        self.doc.file()
    }

    /// An error located at a key of the file, with the error it explains as its source.
    pub fn located(&self, path: &[KeyPart], source: EvalError) -> EvalError {
        let k = self.doc.error_at(path, "");
        EvalError::At {
            file: k.file,
            line: k.line,
            column: k.column,
            key: k.key,
            source: Box::new(source),
        }
    }

    /// The indicator ids (data columns), in system order.
    pub fn indicator_ids(&self) -> Vec<String> {
        self.spec
            .dimensions
            .iter()
            .flat_map(|d| d.indicators.iter().map(|i| i.id.clone()))
            .collect()
    }

    /// Scale, conversion, grade schemes, groups and the weight source, with the overrides
    /// applied.
    pub fn settings(&self, o: &Overrides) -> Result<Settings, EvalError> {
        let f = &self.spec;
        let scale = match f.scale {
            Some([lo, hi]) => {
                Scale::new(lo, hi).map_err(|e| self.located(&[key("scale")], e.into()))?
            }
            None => Scale::default(),
        };
        let conversion = match (o.conversion, &f.conversion) {
            (Some(c), _) => c,
            (None, Some(c)) => c
                .parse()
                .map_err(|e| self.located(&[key("conversion")], e))?,
            (None, None) => Conversion::Times,
        };
        let mut custom = Vec::with_capacity(f.schemes.len());
        for (k, s) in f.schemes.iter().enumerate() {
            let at = |rest: &[KeyPart]| {
                let mut p = vec![key("scheme"), KeyPart::Index(k)];
                p.extend_from_slice(rest);
                p
            };
            let basis: GradeBasis = s
                .basis
                .as_deref()
                .unwrap_or("raw")
                .parse()
                .map_err(|e| self.located(&at(&[key("basis")]), e))?;
            let mut bands = Vec::with_capacity(s.bands.len());
            for (j, b) in s.bands.iter().enumerate() {
                bands.push(Band::parse(&b.grade, &b.interval).map_err(|e| {
                    self.located(&at(&[key("bands"), KeyPart::Index(j), key("interval")]), e)
                })?);
            }
            custom.push(
                GradeScheme::new(&s.name, basis, bands)
                    .map_err(|e| self.located(&at(&[key("bands")]), e))?,
            );
        }
        let find = |w: &str| {
            custom
                .iter()
                .find(|s| s.name() == w)
                .cloned()
                .or_else(|| GradeScheme::builtin(w))
                .ok_or_else(|| {
                    EvalError::BadValue(format!(
                        "unknown grade scheme `{w}` (built-in: five-band, mof; or a [[scheme]] of {})",
                        self.file()
                    ))
                })
        };
        let schemes = if !o.schemes.is_empty() {
            o.schemes
                .iter()
                .map(|w| find(w))
                .collect::<Result<_, _>>()?
        } else if let Some(g) = &f.grades {
            g.iter()
                .enumerate()
                .map(|(i, w)| {
                    find(w).map_err(|e| self.located(&[key("grades"), KeyPart::Index(i)], e))
                })
                .collect::<Result<_, _>>()?
        } else if !custom.is_empty() {
            custom
        } else {
            vec![GradeScheme::five_band(), GradeScheme::mof()]
        };
        let group_column = o.group_column.clone().or(f.group_column.clone());
        let group_weights = match &o.group_weights {
            Some(g) => Some(g.clone()),
            None => f
                .groups
                .as_ref()
                .map(|g| g.iter().map(|(k, v)| (k.clone(), *v)).collect()),
        };
        if group_weights.is_some() && group_column.is_none() {
            let e = EvalError::BadValue(
                "group weights need a group column (--group-column or `group_column`)".into(),
            );
            return Err(if o.group_weights.is_none() {
                self.located(&[key("groups")], e)
            } else {
                e
            });
        }
        let source = match &f.weights {
            Some(w) => w.parse().map_err(|e| self.located(&[key("weights")], e))?,
            None => WeightSource::Given,
        };
        Ok(Settings {
            title: f.title.clone().unwrap_or_else(|| self.file().to_string()),
            config: EvalConfig {
                scale,
                conversion,
                schemes,
                group_weights,
                weakest: 5,
            },
            group_column,
            normalise: o.normalise || f.normalise.unwrap_or(false),
            source,
        })
    }

    /// The comparison matrices whose AHP weights [`SystemFile::resolve`] needs, in order: the
    /// dimension matrix when a dimension has no `weight`, then each dimension's matrix when
    /// one of its indicators has none (and the weights are not Delphi means).
    pub fn matrices(&self, settings: &Settings) -> Result<Vec<ComparisonMatrix>, EvalError> {
        let f = &self.spec;
        let mut out = Vec::new();
        let check = |path: Vec<KeyPart>, label: String, names: Vec<String>, m: &Vec<Vec<f64>>| {
            if m.len() != names.len() || m.iter().any(|r| r.len() != names.len()) {
                return Err(EvalError::from(self.doc.error_at(
                    &path,
                    format!(
                        "the comparison matrix must be {n} × {n} (one row and column per element: {}), not {} rows of {}",
                        names.join(", "),
                        m.len(),
                        m.iter().map(|r| r.len().to_string()).collect::<Vec<_>>().join("/"),
                        n = names.len()
                    ),
                )));
            }
            Ok(ComparisonMatrix {
                key: path,
                label,
                elements: names,
                values: m.clone(),
            })
        };
        if f.dimensions.iter().any(|d| d.weight.is_none()) {
            if let Some(m) = &f.matrix {
                let names = f.dimensions.iter().map(|d| d.name.clone()).collect();
                out.push(check(
                    vec![key("matrix")],
                    format!("{}: dimension matrix", self.file()),
                    names,
                    m,
                )?);
            }
        }
        if settings.source != WeightSource::Delphi {
            for (k, d) in f.dimensions.iter().enumerate() {
                if d.indicators.iter().any(|i| i.weight.is_none()) {
                    if let Some(m) = &d.matrix {
                        let names = d.indicators.iter().map(|i| i.id.clone()).collect();
                        out.push(check(
                            vec![key("dimension"), KeyPart::Index(k), key("matrix")],
                            format!("{}: matrix of dimension `{}`", self.file(), d.name),
                            names,
                            m,
                        )?);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Resolves the weights: `ahp` holds the weights of [`SystemFile::matrices`], in order;
    /// `responses` are needed for entropy and combined weights.
    pub fn resolve(
        &self,
        settings: &Settings,
        responses: Option<&Responses>,
        ahp: &[MatrixWeights],
    ) -> Result<ResolvedSystem, EvalError> {
        let f = &self.spec;
        let source = settings.source;
        let needed = self.matrices(settings)?;
        if needed.len() != ahp.len() {
            return Err(EvalError::BadValue(format!(
                "{} comparison matrices need weights but {} were given",
                needed.len(),
                ahp.len()
            )));
        }
        let mut ahp_iter = needed.iter().zip(ahp);
        let mut notes = Vec::new();
        let mut dim_w: Vec<Option<f64>> = f.dimensions.iter().map(|d| d.weight).collect();
        if dim_w.iter().any(Option::is_none) {
            if f.matrix.is_some() {
                let (_, w) = ahp_iter.next().ok_or_else(|| {
                    EvalError::BadValue("the dimension matrix has no weights".into())
                })?;
                dim_w = w.weights.iter().copied().map(Some).collect();
                notes.push("dimension weights from the AHP matrix (eigenvector)".to_string());
            } else if source == WeightSource::Delphi
                && f.dimensions.iter().all(|d| d.delphi_mean.is_some())
            {
                let means: Vec<f64> = f.dimensions.iter().filter_map(|d| d.delphi_mean).collect();
                dim_w = proportional_weights(&means)
                    .map_err(|e| self.located(&[key("dimension")], e))?
                    .into_iter()
                    .map(Some)
                    .collect();
                notes.push("dimension weights proportional to their Delphi means".to_string());
            }
        }
        let mut local: Vec<Vec<Option<f64>>> = Vec::with_capacity(f.dimensions.len());
        for (k, d) in f.dimensions.iter().enumerate() {
            let mut w: Vec<Option<f64>> = d.indicators.iter().map(|i| i.weight).collect();
            if source == WeightSource::Delphi {
                if let Some(i) = d.indicators.iter().position(|i| i.delphi_mean.is_none()) {
                    return Err(self
                        .doc
                        .error_at(
                            &[key("dimension"), KeyPart::Index(k), key("indicator"), KeyPart::Index(i)],
                            format!(
                                "weights = \"delphi\" but indicator `{}` of dimension `{}` has no delphi_mean",
                                d.indicators[i].id, d.name
                            ),
                        )
                        .into());
                }
                let m: Vec<f64> = d.indicators.iter().filter_map(|i| i.delphi_mean).collect();
                w = proportional_weights(&m)
                    .map_err(|e| self.located(&[key("dimension"), KeyPart::Index(k)], e))?
                    .into_iter()
                    .map(Some)
                    .collect();
            } else if w.iter().any(Option::is_none) && d.matrix.is_some() {
                let (_, m) = ahp_iter.next().ok_or_else(|| {
                    EvalError::BadValue(format!("the matrix of `{}` has no weights", d.name))
                })?;
                w = m.weights.iter().copied().map(Some).collect();
            }
            local.push(w);
        }
        if source == WeightSource::Delphi {
            notes.push(
                "indicator weights proportional to their Delphi means within each dimension".into(),
            );
        }
        let mut directions = Vec::new();
        for (k, d) in f.dimensions.iter().enumerate() {
            for (i, ind) in d.indicators.iter().enumerate() {
                let dir: Direction = match &ind.direction {
                    Some(t) => t.parse().map_err(|e| {
                        self.located(
                            &[
                                key("dimension"),
                                KeyPart::Index(k),
                                key("indicator"),
                                KeyPart::Index(i),
                                key("direction"),
                            ],
                            e,
                        )
                    })?,
                    None => Direction::Benefit,
                };
                directions.push(dir);
            }
        }
        let check = WeightCheck {
            normalise: settings.normalise,
            ..Default::default()
        };
        let build = |dim_w: &[Option<f64>], local: &[Vec<Option<f64>>]| {
            let mut k = 0;
            let dims = f
                .dimensions
                .iter()
                .zip(dim_w)
                .zip(local)
                .map(|((d, &w), l)| {
                    let inds = d
                        .indicators
                        .iter()
                        .zip(l)
                        .map(|(i, &lw)| {
                            let mut ind = Indicator::new(i.id.clone(), lw);
                            if let Some(n) = &i.name {
                                ind = ind.with_name(n.clone());
                            }
                            ind.direction = directions[k];
                            k += 1;
                            ind
                        })
                        .collect();
                    Dimension::new(d.name.clone(), w, inds)
                })
                .collect();
            IndicatorSystem::new(dims, check).map_err(|e| self.located(&[key("dimension")], e))
        };
        let system = match source {
            WeightSource::Given | WeightSource::Delphi | WeightSource::Ahp => {
                build(&dim_w, &local)?
            }
            WeightSource::Entropy | WeightSource::Combined => {
                let r = responses.ok_or_else(|| {
                    self.located(
                        &[key("weights")],
                        EvalError::BadValue(
                            "entropy weights need the questionnaire data (--data)".into(),
                        ),
                    )
                })?;
                let norm: EntropyNormalisation = match &f.entropy_normalisation {
                    Some(t) => t
                        .parse()
                        .map_err(|e| self.located(&[key("entropy_normalisation")], e))?,
                    None => EntropyNormalisation::MinMax,
                };
                let ids = self.indicator_ids();
                let rows: Vec<Vec<f64>> = r
                    .values()
                    .iter()
                    .filter_map(|row| {
                        ids.iter()
                            .map(|id| r.indicator_index(id).and_then(|j| row[j]))
                            .collect()
                    })
                    .collect();
                let ent = entropy_weights(&rows, &directions, norm)?;
                notes.push(format!(
                    "entropy weights ({}) over the {} respondents who answered every indicator",
                    match norm {
                        EntropyNormalisation::MinMax => "min-max",
                        EntropyNormalisation::Ratio => "ratio",
                    },
                    rows.len()
                ));
                let global = if source == WeightSource::Entropy {
                    ent.weights
                } else {
                    let base = build(&dim_w, &local)?.global_weights();
                    let how = match f.combine.as_deref().map(str::to_lowercase).as_deref() {
                        None | Some("linear") => Combination::Linear {
                            alpha: f.alpha.unwrap_or(0.5),
                        },
                        Some("multiplicative") | Some("product") => Combination::Multiplicative,
                        Some(other) => {
                            return Err(self.located(
                                &[key("combine")],
                                EvalError::BadValue(format!(
                                    "combine = `{other}` is neither linear nor multiplicative"
                                )),
                            ))
                        }
                    };
                    notes.push(match how {
                        Combination::Linear { alpha } => {
                            format!("combined: {alpha} x AHP/given + {} x entropy", 1.0 - alpha)
                        }
                        Combination::Multiplicative => {
                            "combined: AHP/given x entropy, normalised".into()
                        }
                    });
                    combine_weights(&base, &ent.weights, how).map_err(|e| {
                        self.located(
                            &[key(if f.alpha.is_some() {
                                "alpha"
                            } else {
                                "weights"
                            })],
                            e,
                        )
                    })?
                };
                // split the global weights into dimension and local weights
                let mut dw = Vec::new();
                let mut lw = Vec::new();
                let mut j = 0;
                for d in &f.dimensions {
                    let g = &global[j..j + d.indicators.len()];
                    let s: f64 = g.iter().sum();
                    dw.push(Some(s));
                    lw.push(
                        g.iter()
                            .map(|v| Some(if s > 0.0 { v / s } else { 1.0 / g.len() as f64 }))
                            .collect(),
                    );
                    j += d.indicators.len();
                }
                build(&dw, &lw)?
            }
        };
        let report = WeightReport::new(source, notes, ahp.to_vec(), &system);
        Ok(ResolvedSystem {
            system,
            weights: report,
        })
    }
}
