//! Commented study-file templates written by `fiscus init`.

use crate::spec::Kind;

const CONFIGURATIONAL: &str = r#"# Fiscus study file: a configurational (QCA) study.
# Run with:  fiscus run study.toml -o results/
# Every path is relative to this file. Documentation: docs/study-file.md

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
column = "a_raw"
anchors = "e=1, c=3, i=5"

[[condition]]
name = "B"
label = "Second condition"
column = "b_raw"
anchors = "e=1, c=3, i=5"

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
dir_exp = "A, B"              # directional expectations for the intermediate solution
# row_dom = false
# all_sol = false

[robustness]                  # optional: re-derive the parsimonious solution on a grid
incl_cuts = [0.75, 0.8, 0.85]
n_cuts = [1, 2]
# pri_cuts = [0.5, 0.7]
"#;

const EVALUATION: &str = r#"# Fiscus study file: an evaluation study (AHP weights, Delphi rounds, questionnaire, grade).
# Run with:  fiscus run study.toml -o results/
# Every path is relative to this file. Documentation: docs/study-file.md

[study]
kind = "evaluation"
title = "District budget performance evaluation"
seed = 1

# AHP judgments of the dimensions (Saaty 1-9), rows and columns in [[dimension]] order.
# Single form: one matrix. Reciprocals as strings ("1/3") or decimals (0.3333333333333333).
[ahp]
judgments = [
  [1,     2],
  ["1/2", 1],
]
# Group form instead: one [[ahp.panel]] table per expert (delete `judgments` above), e.g.
#   [[ahp.panel]]
#   expert = "E1"
#   judgments = [[1, 2], ["1/2", 1]]
#   [[ahp.panel]]
#   expert = "E2"
#   judgments = [[1, 4], ["1/4", 1]]
# aggregation = "aij"                     # aij (geometric mean of the judgments), aip-arithmetic, aip-geometric

[[dimension]]
name = "Financial"
indicators = ["F1", "F2"]                 # column names of the questionnaire and Delphi rounds
indicator_names = ["Budget execution rate", "Cost control"]
judgments = [[1, 3], ["1/3", 1]]          # leave out for equal local weights
# or one [[dimension.panel]] table per expert (expert = "E1", judgments = [...])

[[dimension]]
name = "Stakeholder"
indicators = ["C1", "C2"]

[delphi]                                  # optional: expert rating rounds
rounds = ["round1.csv", "round2.csv"]     # rows = experts (column `expert`), columns = indicators
scale = [1, 5]

[questionnaire]
file = "survey.csv"                       # rows = respondents (column `respondent`)
scale = [1, 5]

[grades]                                  # optional
conversion = "x20"                        # 100-point score = S x 100 / 5; or "linear"
schemes = ["five-band", "mof"]            # or custom [[grades.scheme]] tables (docs/study-file.md)
"#;

/// The commented template of a study file of the given kind (what `fiscus init` writes).
///
/// ```
/// use fiscus_study::{template, Kind, Study};
/// let s = Study::parse(template(Kind::Configurational), "study.toml").unwrap();
/// assert_eq!(s.spec.condition.len(), 2);
/// let e = Study::parse(template(Kind::Evaluation), "study.toml").unwrap();
/// assert_eq!(e.spec.dimension.len(), 2);
/// ```
pub fn template(kind: Kind) -> &'static str {
    match kind {
        Kind::Configurational => CONFIGURATIONAL,
        Kind::Evaluation => EVALUATION,
    }
}
