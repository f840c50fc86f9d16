#!/usr/bin/env python3
"""Writes the random crisp and fuzzy data sets used for the end-to-end timings in docs/performance.md.

    python3 xtask/perf-data.py OUTDIR

Files: OUTDIR/{crisp,fuzzy}_{12,16,20}_{2000,20000}.csv, {crisp,fuzzy}_30_100000.csv and
load_17_20000.csv (case, X01..X16, Y: fuzzy values with two decimals, for `fiscus fit ... X01*X02`)
(seeded, deterministic). The outcome mostly
follows C0*C1 + C2*~C3 so that solutions exist; fuzzy values of exactly 0.5 are avoided.
"""
import os
import random
import sys


def gen(k, n, fuzzy, seed, path):
    r = random.Random(seed)
    with open(path, "w") as f:
        f.write("case," + ",".join(f"C{j}" for j in range(k)) + ",Y\n")
        for i in range(n):
            if fuzzy:
                x = [round(r.random(), 2) for _ in range(k)]
                x = [v + 0.01 if v == 0.5 else v for v in x]
            else:
                x = [1 if r.random() > 0.5 else 0 for _ in range(k)]
            y = max(min(x[0], x[1]), min(x[2], 1 - x[3]))
            if fuzzy:
                y = round(min(1, 0.8 * y + 0.2 * r.random()), 3)
            elif r.random() < 0.05:
                y = 1 - y
            f.write(f"c{i}," + ",".join(str(v) for v in x) + f",{y}\n")


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "perf-data"
    os.makedirs(out, exist_ok=True)
    for k in (12, 16, 20):
        for n in (2000, 20000):
            gen(k, n, False, 1, os.path.join(out, f"crisp_{k}_{n}.csv"))
            gen(k, n, True, 1, os.path.join(out, f"fuzzy_{k}_{n}.csv"))
    gen(30, 100000, False, 1, os.path.join(out, "crisp_30_100000.csv"))
    gen(30, 100000, True, 1, os.path.join(out, "fuzzy_30_100000.csv"))
    r = random.Random(3)
    with open(os.path.join(out, "load_17_20000.csv"), "w") as f:
        f.write("case," + ",".join(f"X{j:02}" for j in range(1, 17)) + ",Y\n")
        for i in range(20000):
            f.write(f"c{i}," + ",".join(str(round(r.random(), 2)) for _ in range(17)) + "\n")
