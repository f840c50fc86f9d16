//! The study file: its TOML schema, parsing, and locating keys for error messages.

use fiscus_data::TomlDoc;
use serde::{Deserialize, Serialize};

use crate::error::StudyError;

/// The kind of study.
///
/// ```
/// assert_eq!(fiscus_study::Kind::default(), fiscus_study::Kind::Configurational);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A QCA study: calibration, necessity, truth table, minimisation, robustness.
    #[default]
    Configurational,
    /// An evaluation study: AHP weights, Delphi rounds, questionnaire scores, grades.
    Evaluation,
}

/// `[study]`: what the study is.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StudyMeta {
    /// `configurational` (default) or `evaluation`.
    #[serde(default)]
    pub kind: Kind,
    /// Report title.
    pub title: String,
    /// A paragraph for the report's introduction.
    #[serde(default)]
    pub description: Option<String>,
    /// Seed of any random step (recorded in `results.json`; default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_seed() -> u64 {
    1
}

/// `[data]`: the raw data file.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataSpec {
    /// Path relative to the study file (`.csv`, `.tsv` or `.xlsx`).
    pub file: String,
    /// Column with the case labels (default: `case`, else 1..N).
    #[serde(default)]
    pub id_column: Option<String>,
    /// Worksheet of an `.xlsx` file.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Decimal commas (`0,5`).
    #[serde(default)]
    pub decimal_comma: bool,
}

/// `[outcome]` and every `[[condition]]`: a set and how it is calibrated.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SetSpec {
    /// The set's name in expressions (e.g. `PROMO`).
    pub name: String,
    /// A readable label for the report.
    #[serde(default)]
    pub label: Option<String>,
    /// The raw data column (default: `name`).
    #[serde(default)]
    pub column: Option<String>,
    /// Anchors in R QCA syntax (`"e=2, c=5, i=8"`), crisp thresholds (`"3"`), or absent when
    /// the column already holds memberships.
    #[serde(default)]
    pub anchors: Option<String>,
    /// `fuzzy` (default) or `crisp`.
    #[serde(default, rename = "type")]
    pub set_type: Option<String>,
    /// `direct` (default), `indirect` or `tfr`.
    #[serde(default)]
    pub method: Option<String>,
    /// Logistic s-shape (default true); false = linear.
    #[serde(default)]
    pub logistic: Option<bool>,
    /// Membership at the inclusion anchor (default 0.95).
    #[serde(default)]
    pub idm: Option<f64>,
    /// The condition's group (the `name` of a `[[group]]`, e.g. `T`, `O`, `E` in a TOE
    /// framework); the report shows the conditions by group.
    #[serde(default)]
    pub group: Option<String>,
}

impl SetSpec {
    /// The data column holding the raw values.
    ///
    /// ```
    /// let s: fiscus_study::SetSpec = toml::from_str("name = \"A\"").unwrap();
    /// assert_eq!(s.raw_column(), "A");
    /// ```
    pub fn raw_column(&self) -> &str {
        self.column.as_deref().unwrap_or(&self.name)
    }

    /// The label, or the name.
    ///
    /// ```
    /// let s: fiscus_study::SetSpec = toml::from_str("name = \"A\"\nlabel = \"Aa\"").unwrap();
    /// assert_eq!(s.display_label(), "Aa");
    /// ```
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

/// `[[group]]`: a group of conditions (e.g. the technology, organisation and environment of a
/// TOE framework). Conditions name their group with `group = "T"`; the report lists the groups
/// in the order of the `[[group]]` tables.
///
/// ```
/// let g: fiscus_study::GroupSpec = toml::from_str("name = \"T\"\nlabel = \"Technology\"").unwrap();
/// assert_eq!(g.display_label(), "Technology");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    /// The short name conditions use (`T`).
    pub name: String,
    /// A readable label (`Technology`; default: the name).
    #[serde(default)]
    pub label: Option<String>,
}

impl GroupSpec {
    /// The label, or the name.
    ///
    /// ```
    /// let g: fiscus_study::GroupSpec = toml::from_str("name = \"E\"").unwrap();
    /// assert_eq!(g.display_label(), "E");
    /// ```
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

/// `[[path]]`: a named sufficient path. A term of a solution takes the path's name when it
/// contains every one of the path's `conditions` (literals as in the solutions: `X`, `~X`,
/// `X[2]`). A term that matches no named path stays unnamed.
///
/// ```
/// let p: fiscus_study::NamedPathSpec =
///     toml::from_str("name = \"resource-led\"\nconditions = [\"ECON\", \"FISCAL\"]").unwrap();
/// assert!(p.matches("PROMO*ECON*FISCAL"));
/// assert!(!p.matches("PROMO*ECON"));
/// assert!(!p.matches("ECON*~FISCAL"));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NamedPathSpec {
    /// The path's name (`multi-interaction`).
    pub name: String,
    /// The literals that define it.
    pub conditions: Vec<String>,
}

impl NamedPathSpec {
    /// Whether a solution term (`A*~B*C`) contains every defining literal of the path.
    ///
    /// ```
    /// let p: fiscus_study::NamedPathSpec =
    ///     toml::from_str("name = \"x\"\nconditions = [\"~B\"]").unwrap();
    /// assert!(p.matches("A*~B") && !p.matches("A*B"));
    /// ```
    pub fn matches(&self, term: &str) -> bool {
        let literals: Vec<&str> = term.split('*').map(str::trim).collect();
        !self.conditions.is_empty() && self.conditions.iter().all(|c| literals.contains(&c.trim()))
    }
}

/// `[necessity]`: which conditions the report calls necessary.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NecessitySpec {
    /// Minimum inclN (default 0.9).
    #[serde(default = "d_nec_incl")]
    pub incl_cut: f64,
    /// Minimum RoN (default 0.5).
    #[serde(default = "d_half")]
    pub ron_cut: f64,
}

fn d_nec_incl() -> f64 {
    0.9
}
fn d_half() -> f64 {
    0.5
}

impl Default for NecessitySpec {
    fn default() -> Self {
        NecessitySpec {
            incl_cut: 0.9,
            ron_cut: 0.5,
        }
    }
}

/// `[truth_table]`: cut-offs and ESA exclusions.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TruthTableSpec {
    /// Inclusion cut-off for OUT = 1 (default 0.8).
    #[serde(default = "d_tt_incl")]
    pub incl_cut: f64,
    /// Second cut-off: rows between it and `incl_cut` are contradictions (default none).
    #[serde(default)]
    pub incl_cut0: Option<f64>,
    /// Minimum number of cases per row (default 1).
    #[serde(default = "d_one")]
    pub n_cut: usize,
    /// Minimum PRI for OUT = 1 (default 0).
    #[serde(default)]
    pub pri_cut: f64,
    /// Rows forced to OUT = 0 (ESA; R's row numbers).
    #[serde(default)]
    pub exclude: Vec<u64>,
}

fn d_tt_incl() -> f64 {
    0.8
}
fn d_one() -> usize {
    1
}

impl Default for TruthTableSpec {
    fn default() -> Self {
        TruthTableSpec {
            incl_cut: 0.8,
            incl_cut0: None,
            n_cut: 1,
            pri_cut: 0.0,
            exclude: Vec::new(),
        }
    }
}

/// `[minimize]`: which solutions to derive.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MinimizeSpec {
    /// Any of `complex`, `parsimonious`, `intermediate` (default: all three when `dir_exp` is
    /// given, else the first two).
    #[serde(default)]
    pub solutions: Option<Vec<String>>,
    /// Directional expectations for the intermediate solution (`"A, ~B"`).
    #[serde(default)]
    pub dir_exp: Option<String>,
    /// Remove dominated prime implicants (default false).
    #[serde(default)]
    pub row_dom: bool,
    /// All irredundant models, not only minimal ones (default false).
    #[serde(default)]
    pub all_sol: bool,
}

/// `[robustness]`: a grid of truth-table settings; the parsimonious solution is derived for
/// every combination and summarised as `fiscus robustness --grid` does (path stability, the
/// SetMethods measures, settings that cannot be analysed listed with their reason).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RobustnessSpec {
    /// Inclusion cut-offs (default: the study's).
    #[serde(default)]
    pub incl_cuts: Vec<f64>,
    /// Case-frequency cut-offs (default: the study's).
    #[serde(default)]
    pub n_cuts: Vec<usize>,
    /// PRI cut-offs (default: the study's).
    #[serde(default)]
    pub pri_cuts: Vec<f64>,
}

/// The whole study file.
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StudySpec {
    /// `[study]`.
    pub study: StudyMeta,
    /// `[data]`.
    #[serde(default)]
    pub data: Option<DataSpec>,
    /// `[outcome]`.
    #[serde(default)]
    pub outcome: Option<SetSpec>,
    /// `[[condition]]`, in order.
    #[serde(default)]
    pub condition: Vec<SetSpec>,
    /// `[[group]]`: groups of conditions, in order (optional).
    #[serde(default)]
    pub group: Vec<GroupSpec>,
    /// `[[path]]`: named sufficient paths (optional).
    #[serde(default)]
    pub path: Vec<NamedPathSpec>,
    /// `[necessity]`.
    #[serde(default)]
    pub necessity: NecessitySpec,
    /// `[truth_table]`.
    #[serde(default)]
    pub truth_table: TruthTableSpec,
    /// `[minimize]`.
    #[serde(default)]
    pub minimize: MinimizeSpec,
    /// `[robustness]` (optional).
    #[serde(default)]
    pub robustness: Option<RobustnessSpec>,
    /// Evaluation study: `[ahp]`, the dimension-level pairwise judgments.
    #[serde(default)]
    pub ahp: Option<AhpSpec>,
    /// Evaluation study: `[[dimension]]`, the indicator system in order.
    #[serde(default)]
    pub dimension: Vec<DimensionSpec>,
    /// Evaluation study: `[delphi]`, the expert rating rounds (optional).
    #[serde(default)]
    pub delphi: Option<DelphiSpec>,
    /// Evaluation study: `[questionnaire]`.
    #[serde(default)]
    pub questionnaire: Option<QuestionnaireSpec>,
    /// Evaluation study: `[grades]`, the 100-point conversion and the grade schemes.
    #[serde(default)]
    pub grades: GradesSpec,
}

/// `[grades]` of an evaluation study: how the composite score is put on 100 points and graded.
///
/// ```
/// let g: fiscus_study::GradesSpec = toml::from_str(
///     "conversion = \"linear\"\nschemes = [\"district\", \"mof\"]\n\
///      [[scheme]]\nname = \"district\"\nbasis = \"hundred\"\n\
///      bands = [{ grade = \"A\", interval = \"[80, inf)\" }, { grade = \"B\", interval = \"(-inf, 80)\" }]",
/// ).unwrap();
/// assert_eq!(g.scheme[0].bands[1].grade, "B");
/// assert!(fiscus_study::GradesSpec::default().schemes.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GradesSpec {
    /// `x20` (default: S × 100 / max) or `linear` ((S − min) / (max − min) × 100).
    #[serde(default)]
    pub conversion: Option<String>,
    /// The schemes to apply, in order: the built-in `five-band` and `mof`, or the name of a
    /// `[[grades.scheme]]` (default: both built-ins).
    #[serde(default)]
    pub schemes: Option<Vec<String>>,
    /// Custom schemes.
    #[serde(default)]
    pub scheme: Vec<SchemeSpec>,
}

/// A custom grade scheme (`[[grades.scheme]]`).
///
/// ```
/// let s: fiscus_study::SchemeSpec = toml::from_str(
///     "name = \"x\"\nbasis = \"raw\"\nbands = [{ grade = \"ok\", interval = \"(-inf, inf)\" }]",
/// ).unwrap();
/// assert_eq!(s.basis, "raw");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeSpec {
    /// The scheme's name (used in `schemes`).
    pub name: String,
    /// `raw` (the score on the response scale) or `hundred` (the 100-point score).
    pub basis: String,
    /// The bands; adjacent bands must meet with exactly one of them closed there.
    pub bands: Vec<BandSpec>,
}

/// One band of a custom grade scheme.
///
/// ```
/// let b: fiscus_study::BandSpec = toml::from_str("grade = \"B\"\ninterval = \"[3.5, 4.5)\"").unwrap();
/// assert_eq!(b.interval, "[3.5, 4.5)");
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BandSpec {
    /// The grade.
    pub grade: String,
    /// Its interval with explicit closure (`[3.5, 4.5)`, `[90, inf)`).
    pub interval: String,
}

/// One pairwise judgment: a number (`3`, `0.25`) or a string (`"1/3"`; `""`, `"?"` or `"NA"`
/// for a missing judgment, filled by Harker's method). TOML has no fractions, so `"1/3"` is the
/// readable way to write a reciprocal.
///
/// ```
/// use fiscus_study::Judgment;
/// assert_eq!(Judgment::Text("1/4".into()).value().unwrap(), Some(0.25));
/// assert_eq!(Judgment::Number(3.0).value().unwrap(), Some(3.0));
/// assert_eq!(Judgment::Text("?".into()).value().unwrap(), None);
/// assert!(Judgment::Text("three".into()).value().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Judgment {
    /// A number.
    Number(f64),
    /// A fraction such as `1/3`, or a missing judgment.
    Text(String),
}

impl Judgment {
    /// The judgment's value (`None`: missing).
    ///
    /// ```
    /// assert_eq!(fiscus_study::Judgment::Text(" 1/2 ".into()).value().unwrap(), Some(0.5));
    /// ```
    pub fn value(&self) -> Result<Option<f64>, String> {
        match self {
            Judgment::Number(v) => Ok(Some(*v)),
            Judgment::Text(t) => fiscus_ahp::parse_judgment(t).map_err(|e| e.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Judgment {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Judgment;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a judgment: a number or a string such as \"1/3\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Judgment, E> {
                Ok(Judgment::Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Judgment, E> {
                Ok(Judgment::Number(v as f64))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Judgment, E> {
                Ok(Judgment::Number(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Judgment, E> {
                Ok(Judgment::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A pairwise comparison matrix as written in a study file: one row per element, Saaty's 1–9
/// scale; below the diagonal a reciprocal (`"1/3"` or `0.3333333333333333`) or a missing value.
pub type JudgmentMatrix = Vec<Vec<Judgment>>;

/// One expert's matrix in the group form (`[[ahp.panel]]`, `[[dimension.panel]]`).
///
/// ```
/// let e: fiscus_study::ExpertJudgments =
///     toml::from_str("expert = \"E1\"\njudgments = [[1, 3], [\"1/3\", 1]]").unwrap();
/// assert_eq!(e.weight, 1.0);
/// assert_eq!(e.judgments[1][0].value().unwrap(), Some(1.0 / 3.0));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExpertJudgments {
    /// The expert's label (default `E1`, `E2`, ... in panel order).
    #[serde(default)]
    pub expert: Option<String>,
    /// The expert's weight in the aggregation (default 1; weights are normalised).
    #[serde(default = "d_weight")]
    pub weight: f64,
    /// The expert's matrix.
    pub judgments: JudgmentMatrix,
}

fn d_weight() -> f64 {
    1.0
}

/// `[ahp]` of an evaluation study: the pairwise judgments of the dimensions (rows and columns in
/// `[[dimension]]` order, Saaty's 1–9 scale), either one matrix (`judgments`, the single form)
/// or one matrix per expert of a panel (`[[ahp.panel]]`, the group form), and the settings of
/// every AHP matrix of the study.
///
/// ```
/// let a: fiscus_study::AhpSpec = toml::from_str("judgments = [[1, 2], [\"1/2\", 1]]").unwrap();
/// assert_eq!(a.judgments.unwrap()[0][1].value().unwrap(), Some(2.0));
/// let g: fiscus_study::AhpSpec = toml::from_str(
///     "aggregation = \"aij\"\n[[panel]]\njudgments = [[1, 2], [0.5, 1]]\n[[panel]]\njudgments = [[1, 4], [0.25, 1]]",
/// ).unwrap();
/// assert_eq!(g.panel.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AhpSpec {
    /// Single form: one reciprocal matrix.
    #[serde(default)]
    pub judgments: Option<JudgmentMatrix>,
    /// Group form: one matrix per expert.
    #[serde(default)]
    pub panel: Vec<ExpertJudgments>,
    /// How a panel's matrices are combined: `aij` (default: element-wise weighted geometric
    /// mean of the judgments, then the eigenvector), `aip-arithmetic` or `aip-geometric`
    /// (weighted mean of the experts' priority vectors). Applies to every group matrix.
    #[serde(default)]
    pub aggregation: Option<String>,
    /// Leave experts whose CR is not acceptable out of a panel's aggregation (default false:
    /// they are only flagged).
    #[serde(default)]
    pub exclude_inconsistent: bool,
}

/// `[[dimension]]` of an evaluation study: a dimension (first-level indicator), its indicators
/// (second level) and the pairwise judgments of its indicators (single form `judgments`, group
/// form `[[dimension.panel]]`, or neither for equal local weights).
///
/// ```
/// let d: fiscus_study::DimensionSpec = toml::from_str("name = \"F\"\nindicators = [\"F1\"]").unwrap();
/// assert!(d.judgments.is_none() && d.panel.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionSpec {
    /// Dimension name.
    pub name: String,
    /// Indicator ids (the questionnaire's and the Delphi rounds' column names).
    pub indicators: Vec<String>,
    /// Readable indicator names, in the same order (default: the ids).
    #[serde(default)]
    pub indicator_names: Option<Vec<String>>,
    /// Pairwise matrix of the indicators (single form).
    #[serde(default)]
    pub judgments: Option<JudgmentMatrix>,
    /// One matrix of the indicators per expert (group form).
    #[serde(default)]
    pub panel: Vec<ExpertJudgments>,
}

/// `[delphi]` of an evaluation study: rating rounds (rows = experts, columns = indicator ids).
///
/// ```
/// let d: fiscus_study::DelphiSpec = toml::from_str("rounds = [\"r1.csv\"]").unwrap();
/// assert_eq!(d.scale, [1.0, 5.0]);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DelphiSpec {
    /// Round files, in order, relative to the study file.
    pub rounds: Vec<String>,
    /// Rating scale (default 1..5).
    #[serde(default = "d_scale")]
    pub scale: [f64; 2],
    /// Column with the expert ids (default `expert`, else 1..N).
    #[serde(default)]
    pub id_column: Option<String>,
}

fn d_scale() -> [f64; 2] {
    [1.0, 5.0]
}

/// `[questionnaire]` of an evaluation study: responses (rows = respondents, columns =
/// indicator ids).
///
/// ```
/// let q: fiscus_study::QuestionnaireSpec = toml::from_str("file = \"s.csv\"").unwrap();
/// assert_eq!(q.scale, [1.0, 5.0]);
/// assert_eq!(q.alpha_min, 0.7);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireSpec {
    /// The response file, relative to the study file.
    pub file: String,
    /// Response scale (default 1..5; the 100-point score is the mean × 100 / max).
    #[serde(default = "d_scale")]
    pub scale: [f64; 2],
    /// Column with the respondent ids (default `respondent`, else 1..N).
    #[serde(default)]
    pub id_column: Option<String>,
    /// The report warns about every dimension whose Cronbach's α is below this (default 0.70).
    #[serde(default = "d_alpha_min")]
    pub alpha_min: f64,
}

impl QuestionnaireSpec {
    /// The column with the respondent ids: `id_column`, by default `respondent`.
    ///
    /// ```
    /// let q: fiscus_study::QuestionnaireSpec = toml::from_str("file = \"s.csv\"").unwrap();
    /// assert_eq!(q.respondent_column(), "respondent");
    /// ```
    pub fn respondent_column(&self) -> String {
        self.id_column
            .clone()
            .unwrap_or_else(|| "respondent".into())
    }
}

fn d_alpha_min() -> f64 {
    0.7
}

/// A parsed study file with its text (for error locations and `results.json`).
///
/// ```
/// let s = fiscus_study::Study::parse("[study]\ntitle = \"T\"\n", "s.toml").unwrap();
/// assert_eq!(s.spec.study.title, "T");
/// let e = fiscus_study::Study::parse("[study]\ntitle = 3\n", "s.toml").unwrap_err();
/// assert!(e.to_string().starts_with("s.toml:2:"));
/// assert!(e.to_string().contains("study.title"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    /// The name of the study file, as used in messages.
    pub file: String,
    /// Its text.
    pub text: String,
    /// The parsed content.
    pub spec: StudySpec,
}

pub use fiscus_data::KeyPart;

impl Study {
    /// Parses a study file's text; `file` names it in error messages.
    ///
    /// ```
    /// let e = fiscus_study::Study::parse("[study]\ntitle = \"T\"\ncolour = 1\n", "s.toml").unwrap_err();
    /// assert!(e.to_string().contains("s.toml:3"), "{e}");
    /// ```
    pub fn parse(text: &str, file: &str) -> Result<Study, StudyError> {
        let spec: StudySpec = TomlDoc::new(file, text).parse()?;
        Ok(Study {
            file: file.into(),
            text: text.into(),
            spec,
        })
    }

    /// The names of the stages a run of this study reports progress in ([`STAGES`](crate::STAGES)
    /// or, for an evaluation, [`EVALUATION_STAGES`](crate::EVALUATION_STAGES)).
    ///
    /// ```
    /// let ex = &fiscus_study::EXAMPLES[1];
    /// let study = fiscus_study::Study::parse(ex.study, &ex.name()).unwrap();
    /// assert_eq!(study.stages(), &fiscus_study::EVALUATION_STAGES[..]);
    /// ```
    pub fn stages(&self) -> &'static [&'static str] {
        match self.spec.study.kind {
            Kind::Evaluation => &crate::EVALUATION_STAGES,
            Kind::Configurational => &crate::STAGES,
        }
    }

    /// An error about the value at `path`, with the line of that key in the study file.
    ///
    /// ```
    /// use fiscus_study::{KeyPart, Study};
    /// let s = Study::parse("[study]\ntitle = \"T\"\n\n[truth_table]\nincl_cut = 2\n", "s.toml").unwrap();
    /// let e = s.error_at(&[KeyPart::Key("truth_table".into()), KeyPart::Key("incl_cut".into())], "too big".into());
    /// assert_eq!(e.to_string(), "s.toml:5:1: key `truth_table.incl_cut`: too big");
    /// ```
    pub fn error_at(&self, path: &[KeyPart], message: String) -> StudyError {
        TomlDoc::new(self.file.as_str(), self.text.as_str())
            .error_at(path, message)
            .into()
    }
}
