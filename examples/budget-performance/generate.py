#!/usr/bin/env python3
"""Writes the SYNTHETIC budget-performance example: study.toml (with the AHP panel's judgments),
delphi-round1.csv, delphi-round2.csv and survey-synthetic.csv.

Deterministic (seeded): `python3 generate.py` in this directory rewrites the four files byte for
byte. No real district, expert or respondent is involved: every judgment, rating and response is
drawn from the designed values below.

Design: a balanced scorecard of 4 first-level indicators (dimensions) x 20 second-level
indicators (5 per dimension). A panel of 5 experts gives pairwise judgments for the dimensions
and for each dimension's indicators: each judgment is the designed weight ratio times log-normal
noise, rounded to Saaty's 1..9 scale (expert E5 reverses one judgment of the dimensions, so the
report shows an expert flagged for CR >= 0.1). 15 experts rate the importance of every
indicator in two Delphi rounds (round 2 moves towards the designed importance); 120 respondents
rate the district's performance on every indicator (1..5).

The questionnaire is designed to reproduce the founding study's result: a composite score of
4.0296 (grade B, "good"). Each response is the indicator's designed level plus a respondent
effect, a respondent-by-dimension effect and noise, rounded to 1..5; the shared effects make
every dimension's items hang together (Cronbach's alpha >= 0.70, as a real questionnaire
should). The generator then computes the AHP weights exactly as Fiscus does (AIJ group
matrices, principal eigenvector by power iteration) and nudges single responses by one point,
choosing each time the change (or pair of changes) that brings the weighted composite closest
to 4.0296, until it is within 1e-5 of it. Fiscus then computes the composite from the files.
"""
import math
import random

SEED = 20261123

DIMENSIONS = [
    ("Financial", "F", [
        "Budget execution rate", "Expenditure structure", "Cost control",
        "Fiscal sustainability", "Timely fund disbursement"]),
    ("Stakeholder", "C", [
        "Public satisfaction", "Service coverage", "Budget transparency",
        "Complaint handling", "Citizen participation"]),
    ("Internal process", "P", [
        "Project appraisal", "Procurement compliance", "Performance monitoring",
        "Audit follow-up", "Target setting"]),
    ("Learning and growth", "L", [
        "Staff training", "Information systems", "Performance culture",
        "Innovation", "Use of evaluation results"]),
]
# Designed weights: of the dimensions, and of the indicators within each dimension.
DIM_WEIGHTS = [0.40, 0.28, 0.20, 0.12]
IND_WEIGHTS = [
    [0.30, 0.20, 0.20, 0.18, 0.12],
    [0.32, 0.20, 0.22, 0.14, 0.12],
    [0.22, 0.26, 0.22, 0.18, 0.12],
    [0.25, 0.22, 0.20, 0.15, 0.18],
]
EXPERTS = ["E1", "E2", "E3", "E4", "E5"]
# Designed importance (Delphi) and performance level (questionnaire) of each indicator.
IMPORTANCE = [4.6, 4.1, 3.9, 4.3, 3.7, 4.5, 3.8, 4.4, 3.6, 3.5,
              4.0, 4.2, 4.1, 3.8, 3.6, 3.7, 4.0, 3.5, 3.4, 3.9]
LEVEL = [4.5, 4.1, 3.8, 4.3, 4.2, 4.2, 3.7, 4.4, 3.9, 3.5,
         4.0, 4.6, 3.5, 4.1, 3.9, 3.6, 4.2, 3.9, 3.4, 3.7]
TARGET = 4.0296  # the founding study's composite score
RESPONDENTS = 120

IDS = [f"{p}{k}" for _, p, names in DIMENSIONS for k in range(1, len(names) + 1)]


def saaty(x):
    """Rounds a positive ratio to Saaty's scale: 1..9 or 1/2..1/9."""
    if x >= 1:
        return min(9, max(1, int(round(x)))), 1
    return 1, min(9, max(1, int(round(1 / x))))


def matrix(rng, w, noise, flip=None):
    """One expert's reciprocal matrix of judgments, as TOML cells (integers or "1/k"). `flip`
    = (i, j) reverses that judgment (a careless expert)."""
    n = len(w)
    up = {}
    for i in range(n):
        for j in range(i + 1, n):
            up[(i, j)] = saaty(w[i] / w[j] * math.exp(rng.gauss(0, noise)))
    if flip:
        up[flip] = tuple(reversed(up[flip]))
    rows = []
    for i in range(n):
        row = []
        for j in range(n):
            if i == j:
                row.append("1")
            else:
                a, b = up[(i, j)] if i < j else tuple(reversed(up[(j, i)]))
                row.append(str(a) if b == 1 else f'"{a}/{b}"' if a != 1 else f'"1/{b}"')
        rows.append(row)
    return rows


def cell_value(c):
    """The value of a TOML cell written by `matrix` (an integer or "a/b")."""
    c = c.strip('"')
    if "/" in c:
        a, b = c.split("/")
        return float(a) / float(b)
    return float(c)


def eigen_weights(mats):
    """AHP weights of a panel as Fiscus computes them: the element-wise geometric mean of the
    experts' matrices (AIJ), then its principal eigenvector by power iteration."""
    n, k = len(mats[0]), len(mats)
    a = [[math.exp(sum(math.log(m[i][j]) for m in mats) / k) for j in range(n)]
         for i in range(n)]
    w = [1.0 / n] * n
    for _ in range(100000):
        v = [sum(a[i][j] * w[j] for j in range(n)) for i in range(n)]
        v = [x / sum(v) for x in v]
        change = max(abs(x - y) for x, y in zip(v, w))
        w = v
        if change < 1e-15:
            break
    return w


def toml_matrix(rows):
    width = max(len(c) for r in rows for c in r)
    lines = ["judgments = ["]
    for r in rows:
        lines.append("  [" + ", ".join(c.rjust(width) for c in r) + "],")
    lines.append("]")
    return "\n".join(lines)


def clip(x):
    return min(5, max(1, int(round(x))))


def study_toml(rng, panels):
    """The study file; `panels` receives each level's expert matrices (dimensions first)."""
    out = [
        "# Fiscus study file: an ILLUSTRATIVE district budget-performance evaluation.",
        "# ALL DATA ARE SYNTHETIC (written by generate.py, seeded); no real district, expert or respondent.",
        "# Run with:  fiscus run examples/budget-performance/study.toml -o results/",
        "",
        "[study]",
        'kind = "evaluation"',
        'title = "District budget performance evaluation (synthetic example)"',
        'description = """',
        "An illustrative balanced-scorecard evaluation of a district's budget performance with",
        "synthetic data: 4 first-level and 20 second-level indicators, AHP weights from the",
        "pairwise judgments of a panel of five experts (aggregated by the geometric mean of their",
        "judgments), two Delphi rounds of 15 experts on the indicators' importance, and a",
        '120-respondent questionnaire scored into a composite, a 100-point score and grades."""',
        f"seed = {SEED}",
        "",
        "# AHP, group form: one matrix per expert ([[ahp.panel]] for the dimensions, [[dimension.panel]]",
        "# for each dimension's indicators), rows and columns in the order of the elements, Saaty's 1-9",
        '# scale; below the diagonal the reciprocals ("1/3"). The panel\'s matrices are aggregated by the',
        "# element-wise geometric mean (AIJ) and weighted by the principal eigenvector.",
        "[ahp]",
        'aggregation = "aij"',
        "exclude_inconsistent = false   # experts with CR >= 0.1 are flagged, not left out",
    ]
    level = []
    for e in EXPERTS:
        flip = (0, 3) if e == "E5" else None
        rows = matrix(rng, DIM_WEIGHTS, 0.22, flip)
        level.append([[cell_value(c) for c in r] for r in rows])
        out += ["", "[[ahp.panel]]", f'expert = "{e}"', toml_matrix(rows)]
    panels.append(level)
    for (name, prefix, names), w in zip(DIMENSIONS, IND_WEIGHTS):
        ids = [f"{prefix}{k}" for k in range(1, len(names) + 1)]
        out += [
            "",
            "[[dimension]]",
            f'name = "{name}"',
            "indicators = [" + ", ".join(f'"{i}"' for i in ids) + "]",
            "indicator_names = [" + ", ".join(f'"{n}"' for n in names) + "]",
        ]
        level = []
        for e in EXPERTS:
            rows = matrix(rng, w, 0.22)
            level.append([[cell_value(c) for c in r] for r in rows])
            out += ["", "[[dimension.panel]]", f'expert = "{e}"', toml_matrix(rows)]
        panels.append(level)
    out += [
        "",
        "[delphi]",
        'rounds = ["delphi-round1.csv", "delphi-round2.csv"]',
        "scale = [1, 5]",
        'id_column = "expert"',
        "",
        "[questionnaire]",
        'file = "survey-synthetic.csv"',
        "scale = [1, 5]",
        'id_column = "respondent"',
        "",
        "# The 100-point score and the grades: x20 (S x 100 / 5) or linear ((S - 1) / 4 x 100); the",
        "# built-in schemes five-band (on S) and mof (Ministry of Finance, on 100 points) or custom ones",
        "# ([[grades.scheme]] with name, basis = raw|hundred and bands).",
        "[grades]",
        'conversion = "x20"',
        'schemes = ["five-band", "mof"]',
        "",
    ]
    return "\n".join(out)


def composite(rows, weights):
    return sum(g * sum(r[k] for r in rows) / len(rows) for k, g in enumerate(weights))


def hit_target(rows, weights):
    """Moves single responses by one point (or two responses, one up and one down) until the
    weighted composite is within 1e-5 of TARGET. Deterministic: the change that brings the
    composite closest wins, applied to the first respondent whose answer can move."""
    n = len(rows)
    k = len(weights)
    moves = [((i, d),) for i in range(k) for d in (1, -1)]
    moves += [((i, 1), (j, -1)) for i in range(k) for j in range(k) if i != j]
    while abs(composite(rows, weights) - TARGET) >= 1e-5:
        gap = TARGET - composite(rows, weights)
        best = None
        for mv in moves:
            if not all(any(1 <= r[i] + d <= 5 for r in rows) for i, d in mv):
                continue
            after = abs(gap - sum(weights[i] * d for i, d in mv) / n)
            if best is None or after < best[0]:
                best = (after, mv)
        if best is None or best[0] >= abs(gap):
            raise SystemExit("cannot reach the target score")
        for i, d in best[1]:
            r = next(r for r in rows if 1 <= r[i] + d <= 5)
            r[i] += d


def main():
    rng = random.Random(SEED)
    panels = []
    with open("study.toml", "w") as f:
        f.write(study_toml(rng, panels))
    dim_w = eigen_weights(panels[0])
    weights = [W * w for W, level in zip(dim_w, panels[1:]) for w in eigen_weights(level)]
    # Delphi: importance ratings by 15 experts; round 2 moves towards the designed importance.
    r1 = [[clip(m + rng.gauss(0, 0.9)) for m in IMPORTANCE] for _ in range(15)]
    with open("delphi-round1.csv", "w") as f:
        f.write("expert," + ",".join(IDS) + "\n")
        for e, row in enumerate(r1, 1):
            f.write(f"D{e:02d}," + ",".join(map(str, row)) + "\n")
    with open("delphi-round2.csv", "w") as f:
        f.write("expert," + ",".join(IDS) + "\n")
        for e, row in enumerate(r1, 1):
            new = [clip((x + 2 * m) / 3 + rng.gauss(0, 0.3)) for x, m in zip(row, IMPORTANCE)]
            f.write(f"D{e:02d}," + ",".join(map(str, new)) + "\n")
    # Questionnaire: respondents rate the district's performance on every indicator; a
    # respondent effect and a respondent-by-dimension effect make each dimension reliable.
    rows = []
    for _ in range(RESPONDENTS):
        mood = rng.gauss(0, 0.55)
        dims = [rng.gauss(0, 0.35) for _ in DIMENSIONS]
        rows.append([clip(m + mood + dims[k // 5] + rng.gauss(0, 0.5))
                     for k, m in enumerate(LEVEL)])
    hit_target(rows, weights)
    with open("survey-synthetic.csv", "w") as f:
        f.write("respondent," + ",".join(IDS) + "\n")
        for r, row in enumerate(rows, 1):
            f.write(f"R{r:03d}," + ",".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
