"""Print, from one run, the four figures of briefgen's performance bar, each beside its bar and the import floor.

Usage: python scripts/bench.py [--runs N]

Every figure is measured in fresh processes, as a user runs briefgen, and is the median of N
runs (default 5; first builds: max(2, N // 2)):

  floor    python -c "import pptx, reportlab.pdfgen.canvas, yaml, click"
  warm     briefgen build specs/park.yaml --lang zh (deck and one-pager), caches warm;
           bar: at most 2 x the floor
  first    briefgen build specs/park.yaml (both languages) with empty caches (briefgen's and
           matplotlib's), font preparation included; bar: under 5 s
  rebuild  in one process (build.Session, as the watch loop runs it): the park spec built,
           then one word of it edited and built again; the time of that second build;
           bar: under 0.3 s
  peak     the largest resident memory of any of those processes; bar: under 200 MB

briefgen's own modules are compiled to bytecode first (``compileall``, into the ignored
``__pycache__`` folders), as installing the package does: a shell with PYTHONDONTWRITEBYTECODE
set would otherwise recompile them from source in every run (about 0.12 s), which no
installed briefgen pays and the floor's libraries do not pay either.

Exit status 1 when a figure misses its bar. The machine's load average is printed: the
figures are only comparable on a quiet machine; beside each time stands the CPU time it
took, which other processes' load inflates much less.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import pptx, reportlab.pdfgen.canvas, yaml, click"
EDITS = [("Stress the location", "Stress the position"), ("园区概览", "园区总览"),
         ("Location and role", "Location and purpose"), ("强调区位优势", "突出区位优势"),
         ("Stress the position", "Stress the place")]
REBUILD = """
import sys, time
from pathlib import Path
from briefgen.build import Session
spec, out, edits = Path(sys.argv[1]), Path(sys.argv[2]), eval(sys.argv[3])
text = spec.read_text(encoding="utf-8")
session = Session()
session.build(spec, out)
for old, new in edits:
    text = text.replace(old, new, 1)
    spec.write_text(text, encoding="utf-8")
    start, cpu = time.perf_counter(), time.process_time()
    session.build(spec, out)
    print(time.perf_counter() - start, time.process_time() - cpu)
"""


def timed(cmd: list[str], env: dict, cwd: Path = ROOT) -> tuple[float, float, str, float]:
    """Return (seconds, peak RSS in MB, stdout, CPU seconds) of one fresh process; exit on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return elapsed, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    runs, py = max(1, args.runs), sys.executable
    compileall.compile_dir(ROOT / "briefgen", quiet=1)     # as an install does (see above)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, BRIEFGEN_CACHE_DIR=str(tmp / "cache"), MPLCONFIGDIR=str(tmp / "mpl"))
        build = [py, "-m", "briefgen", "build", "specs/park.yaml", "-o", str(tmp / "out")]
        peaks = []

        floors, cpu = [], {"floor": [], "first": [], "warm": [], "rebuild": []}
        for _ in range(runs):
            t, rss, _, c = timed([py, "-c", FLOOR], env)
            floors.append(t)
            cpu["floor"].append(c)
        firsts = []
        for _ in range(max(2, runs // 2)):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            shutil.rmtree(tmp / "mpl", ignore_errors=True)
            t, rss, _, c = timed(build, env)
            firsts.append(t)
            cpu["first"].append(c)
            peaks.append(rss)
        warms = []
        for _ in range(runs):
            t, rss, _, c = timed(build + ["--lang", "zh"], env)
            warms.append(t)
            cpu["warm"].append(c)
            peaks.append(rss)
        project = tmp / "project"
        (project / "specs").mkdir(parents=True)
        (project / "assets").symlink_to(ROOT / "assets")
        spec = project / "specs" / "park.yaml"
        rebuilds = []
        for _ in range(max(1, runs // 2)):
            shutil.copy(ROOT / "specs" / "park.yaml", spec)
            _, rss, out, _ = timed([py, "-c", REBUILD, str(spec), str(tmp / "out2"), repr(EDITS)], env)
            rebuilds += [float(line.split()[0]) for line in out.splitlines()]
            cpu["rebuild"] += [float(line.split()[1]) for line in out.splitlines()]
            peaks.append(rss)

    floor = statistics.median(floors)
    rows = [
        ("import floor", floor, None, "s", "floor"),
        ("warm build, park --lang zh, pptx+pdf", statistics.median(warms), 2 * floor, "s", "warm"),
        ("first build, empty caches, park zh+en", statistics.median(firsts), 5.0, "s", "first"),
        ("in-process rebuild after a one-word edit", statistics.median(rebuilds), 0.3, "s", "rebuild"),
        ("peak memory (largest process)", max(peaks), 200.0, "MB", ""),
    ]
    cpu_floor = statistics.median(cpu["floor"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"briefgen bench: {runs} runs each, {os.cpu_count()} cores, load average {load:.2f}")
    failed = False
    for name, value, bar, unit, key in rows:
        ratio = f"{value / floor:5.2f}x floor" if unit == "s" else ""
        verdict = ""
        if bar is not None:
            ok = value <= bar if name.startswith("warm") else value < bar
            failed |= not ok
            verdict = f"bar {'<=' if name.startswith('warm') else '<'} {bar:.2f} {unit}: {'ok' if ok else 'OVER'}"
        c = statistics.median(cpu[key]) if key else None
        cpu_text = f"CPU {c:.3f} s = {c / cpu_floor:.2f}x floor CPU" if c is not None else ""
        print(f"  {name:42} {value:7.3f} {unit:2} {ratio:12} {verdict:25} {cpu_text}")
    print(f"  warm runs: {', '.join(f'{t:.3f}' for t in warms)}")
    print(f"  rebuilds:  {', '.join(f'{t:.3f}' for t in rebuilds)}")
    print(f"  first builds: {', '.join(f'{t:.3f}' for t in firsts)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
