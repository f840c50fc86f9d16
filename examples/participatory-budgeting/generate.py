#!/usr/bin/env python3
"""Generate the SYNTHETIC participatory-budgeting pilot data (22 cases) for the Fiscus demo.

The data are invented for illustration: they describe no real city or district. Each case gets a
designed crisp profile on the eight TOE conditions and the outcome (1 = high, 0 = low); a seeded
random draw then picks a fuzzy membership on that side of the crossover (0.58-0.96 or 0.04-0.42),
and the membership is turned back into a raw value by inverting the logistic direct calibration
with the anchors the study file uses (idm 0.95). Calibrating the raw values with those anchors
therefore recovers the designed memberships, and the analysis shows one necessary condition
(budget disclosure) and several distinct sufficient paths.

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
    # path 1: leadership-driven (PROMO * DISCL * DEPTH)
    ("P01", "10011100", 1),
    ("P02", "10010101", 1),
    ("P03", "10110100", 1),
    ("P04", "10010110", 1),
    ("P05", "11010100", 1),
    # path 2: resources and technology (ECON * FISCAL * DISCL * TECH)
    ("P06", "01110010", 1),
    ("P07", "01110011", 1),
    ("P08", "01110110", 1),
    ("P09", "11110010", 1),
    # path 3: society-driven (DISCL * MULTI * EDU)
    ("P10", "00011001", 1),
    ("P11", "00011011", 1),
    ("P12", "01011101", 1),
    ("P13", "00111001", 1),
    # cases without a full path
    ("P14", "10010000", 0),
    ("P15", "01100010", 0),
    ("P16", "00001001", 0),
    ("P17", "10000100", 0),
    ("P18", "00010011", 0),
    ("P19", "01110000", 0),
    ("P20", "00000000", 0),
    ("P21", "11100000", 0),
    # a deviant case: path 1 present, performance below the crossover
    ("P22", "10010100", 0),
]


def raw_from_membership(m, e, c, i):
    """Inverse of R QCA's logistic direct calibration with anchors e < c < i, idm 0.95."""
    logit = math.log(m / (1.0 - m))
    scale = (i - c) / math.log(19.0) if m >= 0.5 else (c - e) / math.log(19.0)
    return c + logit * scale


def main():
    rng = random.Random(SEED)
    header = ["case"] + [label for _, label, _, _ in VARIABLES]
    print(",".join(header))
    for case, bits, perf in PROFILES:
        levels = [int(b) for b in bits] + [perf]
        cells = [case]
        for (name, _, (e, c, i), dec), high in zip(VARIABLES, levels):
            if name == "PERF" and case == "P22":
                m = 0.45
            else:
                m = rng.uniform(0.58, 0.96) if high else rng.uniform(0.04, 0.42)
            cells.append(f"{raw_from_membership(m, e, c, i):.{dec}f}")
        print(",".join(cells))


if __name__ == "__main__":
    main()
