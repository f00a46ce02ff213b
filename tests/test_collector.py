"""Tests for briefgen.collector: a command-line build holds the garbage collector off, except where
garbage is made (font preparation, between specs); in-process callers never have it held."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

from click.testing import CliRunner

from briefgen.cli import main
from paths import ROOT

# Runs the real command line (its own arguments) and prints how many collections ran once the
# command had held the collector, and whether the font preparation message was printed.
PROBE = """
import gc, sys
import briefgen.collector as collector
held, runs = [False], [0]
hold = collector.hold
def counted_hold():
    hold()
    held[0] = True
collector.hold = counted_hold
gc.callbacks.append(lambda phase, info: runs.__setitem__(0, runs[0] + (phase == "stop" and held[0])))
sys.argv = ["briefgen", *sys.argv[1:]]
from briefgen.cli import main
try:
    main(prog_name="briefgen")
finally:
    print("collections", runs[0], file=sys.stderr)
"""


def command(tmp_path, *args: str) -> tuple[int, str]:
    """Return (collections after the hold, stderr) of a real ``briefgen`` process."""
    env = dict(os.environ, BRIEFGEN_CACHE_DIR=str(tmp_path / "cache"), MPLCONFIGDIR=str(tmp_path / "mpl"))
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("collections ")
    return int(last.split()[1]), proc.stderr


def test_a_first_build_collects_once_fonts_are_prepared_and_a_warm_one_never(tmp_path):
    build = ("build", "specs/park.yaml", "--lang", "zh", "-o", str(tmp_path / "out"))
    first, said = command(tmp_path, *build)
    assert "preparing fonts (first run only)" in said
    assert first > 10                       # fontTools' garbage is collected as it is made
    warm, said = command(tmp_path, *build)
    assert "preparing fonts" not in said
    assert warm == 0


def test_a_build_of_two_specs_collects_once_between_them(tmp_path):
    build = ("build", "specs/park.yaml", "specs/city.yaml", "--lang", "zh", "-o", str(tmp_path / "out"))
    command(tmp_path, *build)
    assert command(tmp_path, *build)[0] == 1
    assert command(tmp_path, "validate", "specs/park.yaml", "specs/city.yaml")[0] == 1


def test_an_in_process_command_never_holds_the_collector(tmp_path):
    result = CliRunner().invoke(main, ["validate", "specs/park.yaml"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
