#!/usr/bin/env python3
"""Generate the SYNTHETIC participatory-budgeting pilot data (22 cases) for the Fiscus demo.

The data are invented: they describe no real city or district. They are designed so that the
published findings of the founding study (22 pilots, fsQCA, TOE framework) hold under the
study's own analysis (`study.toml`):

* economic level (ECON) and fiscal freedom (FISCAL) are the only necessary conditions
  (inclN >= 0.90 with RoN >= 0.5; no other condition or negation reaches 0.90);
* the intermediate solution has exactly three paths, which the study file names
  multi-interaction (PROMO*ECON*FISCAL*MULTI*TECH), citizen empowerment
  (ECON*FISCAL*DISCL*DEPTH*EDU) and resource-led (PROMO*ECON*FISCAL*DISCL).

How: each case gets a designed crisp profile on the eight conditions and the outcome (1 = high,
0 = low). The twelve high-performance cases follow the three paths, four each, all with high
ECON and FISCAL (that is what makes the two necessary). The ten low-performance cases each
lack one ingredient of a path (e.g. promotion, resources and a digital platform but no
collaboration), which rules out simpler sufficient combinations, so the parsimonious solution
is unique (FISCAL*DISCL + PROMO*MULTI*TECH) and the intermediate solution keeps the three paths.
A seeded random draw then picks a fuzzy membership on the designed side of the crossover, and
the membership is turned back into a raw value by inverting the logistic direct calibration
with the anchors of the study file (idm 0.95), so calibrating the raw values with those anchors
recovers the designed memberships (up to the rounding of the raw values).

Run:  python3 generate.py > pilots-synthetic.csv      (deterministic: same seed, same bytes)
"""
import math
import random

SEED = 20240611

# name, label, (e, c, i), decimals of the raw value
VARIABLES = [
    ("PROMO", "promotion_index", (2.0, 5.0, 8.0), 1),
    ("ECON", "gdp_per_capita_10k", (4.0, 7.0, 12.0), 2),
    ("FISCAL", "fiscal_self_sufficiency_pct", (30.0, 50.0, 75.0), 1),
    ("DISCL", "disclosure_score", (40.0, 60.0, 85.0), 1),
    ("MULTI", "collaboration_index", (1.0, 2.5, 4.0), 2),
    ("DEPTH", "participants_per_1000", (2.0, 6.0, 15.0), 2),
    ("TECH", "digital_platform_score", (20.0, 50.0, 80.0), 1),
    ("EDU", "training_sessions_per_year", (2.0, 6.0, 12.0), 1),
    ("PERF", "performance_score", (55.0, 70.0, 85.0), 1),
]

# Designed crisp profiles: PROMO ECON FISCAL DISCL MULTI DEPTH TECH EDU | PERF
PROFILES = [
    # multi-interaction: promotion, collaboration and a digital platform on ample resources
    ("P01", "11101010", 1),
    ("P02", "11101010", 1),
    ("P03", "11101110", 1),
    ("P04", "11101010", 1),
    # citizen empowerment: disclosure, deep participation and citizen education on ample resources
    ("P05", "01110101", 1),
    ("P06", "01110101", 1),
    ("P07", "01111101", 1),
    ("P08", "01110101", 1),
    # resource-led: promotion and disclosure on ample resources
    ("P09", "11110000", 1),
    ("P10", "11110000", 1),
    ("P11", "11110010", 1),
    ("P12", "11110000", 1),
    # low performance: each case lacks an ingredient of a path
    ("P13", "11100010", 0),  # resources, promotion, platform; no disclosure, no collaboration
    ("P14", "01101010", 0),  # multi-interaction without promotion
    ("P15", "01100101", 0),  # citizen empowerment without disclosure
    ("P16", "10011101", 0),  # promotion and participation without resources
    ("P17", "00000000", 0),
    ("P18", "11101000", 0),  # multi-interaction without a platform
    ("P19", "01010101", 0),  # citizen empowerment without fiscal freedom
    ("P20", "00101010", 0),
    ("P21", "11010000", 0),  # resource-led without fiscal freedom
    ("P22", "00011101", 0),
]


def raw_from_membership(m, e, c, i):
    """Inverse of R QCA's logistic direct calibration with anchors e < c < i, idm 0.95."""
    logit = math.log(m / (1.0 - m))
    scale = (i - c) / math.log(19.0) if m >= 0.5 else (c - e) / math.log(19.0)
    return c + logit * scale


def membership(rng, name, high, perf):
    """A membership on the designed side of the crossover. The high-performance cases are
    well inside ECON and FISCAL (inclN of both >= 0.9); in low-performance cases a high ECON
    or FISCAL stays moderate (the two are not trivially necessary: RoN >= 0.5)."""
    if name in ("ECON", "FISCAL") and high:
        return rng.uniform(0.75, 0.96) if perf else rng.uniform(0.58, 0.8)
    return rng.uniform(0.6, 0.95) if high else rng.uniform(0.05, 0.4)


def main():
    rng = random.Random(SEED)
    header = ["case"] + [label for _, label, _, _ in VARIABLES]
    print(",".join(header))
    for case, bits, perf in PROFILES:
        levels = [int(b) for b in bits] + [perf]
        cells = [case]
        for (name, _, (e, c, i), dec), high in zip(VARIABLES, levels):
            m = membership(rng, name, high, perf)
            cells.append(f"{raw_from_membership(m, e, c, i):.{dec}f}")
        print(",".join(cells))


if __name__ == "__main__":
    main()
