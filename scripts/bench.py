"""Time `briefgen build` cold and warm, and its peak memory, as a user would run it.

Usage: python scripts/bench.py [SPEC] [--runs N]

Each run is a fresh process (`python -m briefgen build SPEC --lang zh`, both formats) writing
into a temporary folder. "cold" empties briefgen's caches (converted fonts, chart SVGs, the
checked dataset) and matplotlib's font cache first, as on a fresh machine; "warm" reuses them.
Peak memory is the RSS summed over the build's process tree (it forks workers), sampled every
5 ms. Budgets: warm < 1 s, cold < 2 s, peak < 250 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = {"cold": 2.0, "warm": 1.0, "rss_mb": 250}


def _tree(pid: int) -> list[int]:
    """Return ``pid`` and all its descendants (Linux /proc)."""
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    pids += _tree(int(child))
    except OSError:
        pass
    return pids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmRSS")), 0)
    except OSError:
        return 0


def run(spec: str, env: dict, out: str, lang: str) -> tuple[float, float]:
    """Return (seconds, peak RSS in MB summed over the build's whole process tree) of one build.

    A build forks workers; their summed RSS counts pages they share once per process, so it
    overstates the real peak a little.
    """
    cmd = [sys.executable, "-m", "briefgen", "build", spec, "-o", out, "--lang", lang]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_kb(p) for p in _tree(proc.pid)))
        time.sleep(0.005)
    elapsed = time.perf_counter() - t0
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stderr.read()}")
    return elapsed, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec", nargs="?", default="specs/park.yaml")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lang", default="zh")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BRIEFGEN_CACHE_DIR=f"{tmp}/cache", MPLCONFIGDIR=f"{tmp}/mpl")
        out = f"{tmp}/out"
        colds, peak = [], 0.0
        for _ in range(max(1, args.runs // 2)):
            shutil.rmtree(f"{tmp}/cache", ignore_errors=True)
            shutil.rmtree(f"{tmp}/mpl", ignore_errors=True)
            t, rss = run(args.spec, env, out, args.lang)
            colds.append(t)
            peak = max(peak, rss)
        warms = []
        for _ in range(args.runs):
            t, rss = run(args.spec, env, out, args.lang)
            warms.append(t)
            peak = max(peak, rss)
        files = sorted(p.name for p in Path(out).iterdir())
    rows = [
        ("cold (median)", statistics.median(colds), BUDGET["cold"], "s"),
        ("warm (median)", statistics.median(warms), BUDGET["warm"], "s"),
        ("peak RSS (tree)", peak, BUDGET["rss_mb"], "MB"),
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
