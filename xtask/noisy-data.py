#!/usr/bin/env python3
"""Writes the noisy crisp data sets of the exact PI-cover benchmark (issue 16, item 4).

    python3 xtask/noisy-data.py OUTDIR

Files: OUTDIR/noisy_{K}_{N}.csv for K in 10, 12, 14 conditions and N in 100, 500, 2000 cases
(seeded, deterministic). Every condition is a fair coin; the outcome follows C0*C1 + C2*~C3 and
5 % of the outcomes are flipped, so the parsimonious PI charts (`--incl-cut 0.8 --include '?'`)
are large and cyclic. The same generator (SplitMix64, seed K*100000+N) is used by
crates/qca/benches/cover.rs, so the benchmark and the end-to-end timings see the same data.
"""
import os
import sys

MASK = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.x = seed & MASK

    def next(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & MASK
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        return (z >> 11) / float(1 << 53)


def rows(k, n):
    r = SplitMix(k * 100000 + n)
    for _ in range(n):
        x = [1 if r.next() > 0.5 else 0 for _ in range(k)]
        y = max(min(x[0], x[1]), min(x[2], 1 - x[3]))
        if r.next() < 0.05:
            y = 1 - y
        yield x, y


def write(k, n, path):
    with open(path, "w") as f:
        f.write("case," + ",".join(f"C{j}" for j in range(k)) + ",Y\n")
        for i, (x, y) in enumerate(rows(k, n)):
            f.write(f"c{i}," + ",".join(str(v) for v in x) + f",{y}\n")


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "noisy-data"
    os.makedirs(out, exist_ok=True)
    for k in (10, 12, 14):
        for n in (100, 500, 2000):
            write(k, n, os.path.join(out, f"noisy_{k}_{n}.csv"))
