"""Time `briefgen build` cold and warm, and its peak memory, as a user would run it.

Usage: python scripts/bench.py [SPEC] [--runs N]

Each run is a fresh process (`python -m briefgen build SPEC --lang zh`, both formats) writing
into a temporary folder. "cold" empties briefgen's font cache and matplotlib's cache first (as
on a fresh machine); "warm" reuses them. Budgets: warm < 1 s, cold < 2 s, peak RSS < 250 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = {"cold": 2.0, "warm": 1.0, "rss_mb": 250}


def run(spec: str, env: dict, out: str, lang: str) -> tuple[float, float]:
    """Return (seconds, peak RSS in MB) of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "briefgen", "build", spec, "-o", out, "--lang", lang]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec", nargs="?", default="specs/park.yaml")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lang", default="zh")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BRIEFGEN_CACHE_DIR=f"{tmp}/cache", MPLCONFIGDIR=f"{tmp}/mpl")
        out = f"{tmp}/out"
        colds = []
        for _ in range(max(1, args.runs // 2)):
            shutil.rmtree(f"{tmp}/cache", ignore_errors=True)
            shutil.rmtree(f"{tmp}/mpl", ignore_errors=True)
            colds.append(run(args.spec, env, out, args.lang)[0])
        warms, peak = [], 0.0
        for _ in range(args.runs):
            t, rss = run(args.spec, env, out, args.lang)
            warms.append(t)
            peak = max(peak, rss)
        files = sorted(p.name for p in Path(out).iterdir())
    rows = [
        ("cold (median)", statistics.median(colds), BUDGET["cold"], "s"),
        ("warm (median)", statistics.median(warms), BUDGET["warm"], "s"),
        ("peak RSS", peak, BUDGET["rss_mb"], "MB"),
    ]
    print(f"briefgen build {args.spec} --lang {args.lang} -> {', '.join(files)}")
    failed = False
    for name, value, budget, unit in rows:
        ok = value < budget
        failed |= not ok
        print(f"  {name:14} {value:8.3f} {unit}   budget {budget} {unit}   {'ok' if ok else 'OVER'}")
    print(f"  warm runs: {', '.join(f'{t:.3f}' for t in warms)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
