#!/usr/bin/env python3
"""Writes the SYNTHETIC Delphi rounds and questionnaire of the budget-performance example.

Deterministic (seeded): `python3 generate.py` rewrites delphi-round1.csv, delphi-round2.csv
and survey-synthetic.csv byte for byte. No real experts or respondents are involved.
"""
import random

IDS = [f"{d}{k}" for d in "FCPL" for k in range(1, 5)]
# Designed "true" level of each indicator on the 1..5 scale.
LEVEL = [4.2, 3.8, 3.5, 4.0, 3.9, 3.4, 4.1, 3.6, 3.7, 4.3, 3.2, 3.8, 3.3, 3.9, 3.6, 4.0]


def clip(x):
    return min(5, max(1, int(round(x))))


def main():
    rng = random.Random(20261123)
    # Delphi: importance ratings by 9 experts; round 2 moves towards the round-1 median.
    importance = [4.5, 4.0, 3.6, 4.2, 4.1, 3.5, 4.4, 3.8, 3.9, 4.6, 3.4, 4.0, 3.5, 4.2, 3.7, 4.3]
    r1 = [[clip(m + rng.gauss(0, 0.9)) for m in importance] for _ in range(9)]
    with open("delphi-round1.csv", "w") as f:
        f.write("expert," + ",".join(IDS) + "\n")
        for e, row in enumerate(r1, 1):
            f.write(f"E{e}," + ",".join(map(str, row)) + "\n")
    with open("delphi-round2.csv", "w") as f:
        f.write("expert," + ",".join(IDS) + "\n")
        for e, row in enumerate(r1, 1):
            new = [clip((x + m) / 2 + rng.gauss(0, 0.3)) for x, m in zip(row, importance)]
            f.write(f"E{e}," + ",".join(map(str, new)) + "\n")
    # Questionnaire: 40 respondents rate the district's performance on every indicator.
    with open("survey-synthetic.csv", "w") as f:
        f.write("respondent," + ",".join(IDS) + "\n")
        for r in range(1, 41):
            mood = rng.gauss(0, 0.4)
            row = [clip(m + mood + rng.gauss(0, 0.7)) for m in LEVEL]
            f.write(f"R{r:02d}," + ",".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
