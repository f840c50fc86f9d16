//! Commented study-file templates written by `fiscus init`.

use crate::spec::Kind;

const CONFIGURATIONAL: &str = r#"# Fiscus study file: a configurational (QCA) study.
# `fiscus init --kind qca` wrote it with a small invented data file (data.csv, 12 cases) so that
# it runs as it is:  fiscus run study.toml -o results/
# Replace the data and the names with your own. Every path is relative to this file.
# Documentation: docs/study-file.md

[study]
kind = "configurational"
title = "My QCA study"
description = "What the study asks, in a sentence or two (shown at the top of the report)."
seed = 1                      # recorded in results.json

[data]
file = "data.csv"             # .csv, .tsv or .xlsx; one row per case
id_column = "case"            # column with the case labels
# sheet = "Sheet1"            # worksheet of an .xlsx file
# decimal_comma = false       # true for 0,5 style numbers

# Optional groups of conditions (e.g. technology, organisation, environment of a TOE framework):
# the necessity table and the configuration chart show the conditions by group, in this order.
[[group]]
name = "O"
label = "Organisation"

[[group]]
name = "E"
label = "Environment"

# The outcome and each condition: a set name, the raw column, and the calibration anchors in
# R QCA's calibrate() notation. Leave `anchors` out when the column already holds memberships.
[outcome]
name = "Y"
label = "The outcome"
column = "y_raw"
anchors = "e=10, c=50, i=90"  # exclusion, crossover, inclusion
# type = "fuzzy"              # or "crisp" (anchors = "50" for one threshold)
# method = "direct"           # or "indirect", "tfr"
# logistic = true             # false: linear s-shape
# idm = 0.95                  # membership at the inclusion anchor

[[condition]]
name = "A"
label = "First condition"
group = "O"                   # the name of a [[group]] (optional)
column = "a_raw"
anchors = "e=1, c=3, i=5"

[[condition]]
name = "B"
label = "Second condition"
group = "O"
column = "b_raw"
anchors = "e=1, c=3, i=5"

[[condition]]
name = "C"
label = "Third condition"
group = "E"
column = "c_raw"
anchors = "e=1, c=3, i=5"

# Optional names of sufficient paths: a solution term takes the name of the first path whose
# literals (`X`, `~X`) it all contains; the report and the configuration chart use the names.
[[path]]
name = "joint capacity"
conditions = ["A", "B"]

[[path]]
name = "external push"
conditions = ["C"]

[necessity]
incl_cut = 0.9                # report conditions with inclN >= 0.9 ...
ron_cut = 0.5                 # ... and RoN >= 0.5 as necessary

[truth_table]
incl_cut = 0.8                # consistency threshold for OUT = 1
# incl_cut0 = 0.75            # rows between incl_cut0 and incl_cut become contradictions
n_cut = 1                     # minimum cases per row
pri_cut = 0.0                 # minimum PRI for OUT = 1
exclude = []                  # ESA: row numbers forced to OUT = 0 (see `fiscus find-rows`)

[minimize]
solutions = ["complex", "parsimonious", "intermediate"]
dir_exp = "A, B, C"           # directional expectations for the intermediate solution
# row_dom = false
# all_sol = false

[robustness]                  # optional: re-derive the parsimonious solution on a grid
incl_cuts = [0.75, 0.8, 0.85]
n_cuts = [1, 2]
# pri_cuts = [0.5, 0.7]
"#;

/// The invented data of the configurational template: A*B and C lead to Y.
const CONFIGURATIONAL_DATA: &str = "\
case,a_raw,b_raw,c_raw,y_raw
c01,4.8,4.5,1.2,88
c02,4.5,4.9,1.5,92
c03,4.9,4.2,4.6,95
c04,1.2,1.5,4.8,85
c05,1.5,4.6,4.4,80
c06,4.4,1.3,1.4,20
c07,1.3,4.7,1.1,15
c08,1.1,1.2,1.3,8
c09,2.0,1.8,1.6,12
c10,4.6,1.5,1.8,25
c11,1.4,1.6,4.5,78
c12,1.7,4.4,1.5,18
";

const EVALUATION: &str = r#"# Fiscus study file: an evaluation study (AHP weights, Delphi rounds, questionnaire, grade).
# `fiscus init --kind evaluation` wrote it with small invented data files (two Delphi rounds of
# five experts, a questionnaire of twelve respondents) so that it runs as it is:
#   fiscus run study.toml -o results/
# Replace the data and the names with your own. Every path is relative to this file.
# Documentation: docs/study-file.md

[study]
kind = "evaluation"
title = "District budget performance evaluation"
description = "What is evaluated, for whom, with which panel (shown at the top of the report)."
seed = 1

# AHP judgments of the dimensions (Saaty 1-9), rows and columns in [[dimension]] order.
# Group form: one [[ahp.panel]] table per expert, aggregated into one matrix.
# Single form instead: one matrix, e.g. judgments = [[1, 2], ["1/2", 1]] (delete the panels).
# Reciprocals as strings ("1/3") or decimals (0.3333333333333333).
[ahp]
aggregation = "aij"           # aij (geometric mean of the judgments), aip-arithmetic, aip-geometric
exclude_inconsistent = false  # true: leave experts with CR >= 0.1 out (default: only flag them)

[[ahp.panel]]
expert = "E1"
judgments = [
  [    1, 2],
  ["1/2", 1],
]

[[ahp.panel]]
expert = "E2"
weight = 1                    # the expert's weight in the aggregation (default 1)
judgments = [
  [    1, 3],
  ["1/3", 1],
]

[[dimension]]
name = "Financial"
indicators = ["F1", "F2"]     # column names of the questionnaire and the Delphi rounds
indicator_names = ["Budget execution rate", "Cost control"]
judgments = [[1, 3], ["1/3", 1]]   # single form; or [[dimension.panel]] tables as [[ahp.panel]]

[[dimension]]
name = "Stakeholder"
indicators = ["C1", "C2"]     # no judgments: equal local weights
indicator_names = ["Citizen satisfaction", "Information disclosure"]

[delphi]                      # optional: expert rating rounds
rounds = ["round1.csv", "round2.csv"]   # rows = experts (column `expert`), columns = indicators
scale = [1, 5]
# id_column = "expert"

[questionnaire]
file = "survey.csv"           # rows = respondents (column `respondent`)
scale = [1, 5]
alpha_min = 0.70              # the report warns about a dimension whose Cronbach's alpha is lower
# id_column = "respondent"

[grades]                      # optional
conversion = "x20"            # 100-point score = S x 100 / 5; or "linear"
schemes = ["five-band", "mof"]   # built-in schemes, or the name of a [[grades.scheme]]
# A custom scheme, e.g.
#   [[grades.scheme]]
#   name = "district"
#   basis = "hundred"         # or "raw" (the score on the response scale)
#   bands = [{ grade = "A", interval = "[80, inf)" }, { grade = "B", interval = "(-inf, 80)" }]
"#;

/// The invented first Delphi round of the evaluation template.
const EVALUATION_ROUND1: &str = "\
expert,F1,F2,C1,C2
D1,5,4,4,3
D2,4,4,5,4
D3,5,3,4,4
D4,4,5,3,4
D5,5,4,4,5
";

/// The invented second Delphi round of the evaluation template (opinions converge).
const EVALUATION_ROUND2: &str = "\
expert,F1,F2,C1,C2
D1,5,4,4,4
D2,5,4,4,4
D3,5,4,4,4
D4,4,4,4,4
D5,5,4,4,4
";

/// The invented questionnaire of the evaluation template (items of a dimension agree).
const EVALUATION_SURVEY: &str = "\
respondent,F1,F2,C1,C2
R01,5,5,4,4
R02,4,4,3,3
R03,5,4,4,5
R04,3,3,2,3
R05,4,4,4,4
R06,5,5,5,4
R07,2,3,3,2
R08,4,5,4,4
R09,3,3,3,3
R10,5,4,5,5
R11,4,4,3,4
R12,3,2,2,2
";

/// The commented template of a study file of the given kind (what `fiscus init` writes).
///
/// ```
/// use fiscus_study::{template, Kind, Study};
/// let s = Study::parse(template(Kind::Configurational), "study.toml").unwrap();
/// assert_eq!(s.spec.condition.len(), 3);
/// let e = Study::parse(template(Kind::Evaluation), "study.toml").unwrap();
/// assert_eq!(e.spec.dimension.len(), 2);
/// ```
pub fn template(kind: Kind) -> &'static str {
    match kind {
        Kind::Configurational => CONFIGURATIONAL,
        Kind::Evaluation => EVALUATION,
    }
}

/// The small data files that go beside [`template`] (name relative to the study file, text),
/// so that the template runs as written.
///
/// ```
/// use fiscus_study::{run, template, template_data, Kind, Study};
/// let study = Study::parse(template(Kind::Configurational), "study.toml").unwrap();
/// let files = template_data(Kind::Configurational);
/// let res = run(&study, &mut |rel| {
///     files.iter().find(|(n, _)| *n == rel).map(|(_, t)| t.as_bytes().to_vec())
///         .ok_or_else(|| format!("no {rel}"))
/// }, &mut |_| {}).unwrap();
/// assert_eq!(res.data.cases.len(), 12);
/// assert_eq!(template_data(Kind::Evaluation).len(), 3);
/// ```
pub fn template_data(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Configurational => &[("data.csv", CONFIGURATIONAL_DATA)],
        Kind::Evaluation => &[
            ("round1.csv", EVALUATION_ROUND1),
            ("round2.csv", EVALUATION_ROUND2),
            ("survey.csv", EVALUATION_SURVEY),
        ],
    }
}
