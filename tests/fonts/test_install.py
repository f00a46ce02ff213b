"""Tests of whole builds in fresh processes: the same bytes from any install, the first run's
message, and which libraries each format's path imports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.fonts.face import FIRST_RUN
from briefgen.fonts.metrics import packaged_font_path

ROOT = Path(__file__).resolve().parents[2]

BUILD = r"""
import sys
import briefgen, manimgx_fonts_cjk
from briefgen.cli import main
sys.argv = ["briefgen", "build", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    code = e.code
print("briefgen from", briefgen.__file__, file=sys.stderr)
print("font from", manimgx_fonts_cjk.__file__, file=sys.stderr)
print("imported", *sorted(m for m in ("reportlab", "pptx", "fontTools.ttLib") if m in sys.modules),
      file=sys.stderr)
sys.exit(code)
"""


def _copy(dst: Path, with_font: bool = False) -> Path:
    """Return ``dst`` holding a copy of the project (and, if asked, of the font package)."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("briefgen", "specs", "assets"):
        shutil.copytree(ROOT / name, dst / name, ignore=skip)
    if with_font:
        font = Path(packaged_font_path())
        shutil.copytree(font.parent, dst / font.parent.name, ignore=skip)
    return dst


def _build(project: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, BRIEFGEN_CACHE_DIR=str(cache), PYTHONPATH=str(project))
    return subprocess.run([sys.executable, "-c", BUILD, *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_two_installs_give_identical_pdfs(tmp_path):
    """Two copies of the project in different folders (one with its own copy of the font
    package), each with its own empty cache: the same PDF bytes, a progress line the first
    time and none the second."""
    a = _copy(tmp_path / "one" / "briefgen-clone")
    b = _copy(tmp_path / "two" / "elsewhere", with_font=True)
    args = ("specs/park.yaml", "--format", "pdf", "--lang", "zh", "-o", "out")
    first = _build(a, tmp_path / "one" / "cache", *args)
    second = _build(b, tmp_path / "two" / "cache", *args)
    for project, run in ((a, first), (b, second)):
        assert run.returncode == 0, run.stderr
        assert f"briefgen from {project / 'briefgen'}" in run.stderr
        assert run.stderr.count(FIRST_RUN) == 1
    assert f"font from {b}" in second.stderr and f"font from {b}" not in first.stderr
    pdf_a, pdf_b = (a / "out" / "park.pdf").read_bytes(), (b / "out" / "park.pdf").read_bytes()
    assert pdf_a == pdf_b
    again = _build(a, tmp_path / "one" / "cache", *args)
    assert again.returncode == 0 and FIRST_RUN not in again.stderr
    assert (a / "out" / "park.pdf").read_bytes() == pdf_a


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """A cache folder the import tests share (only the first pays for preparing fonts)."""
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize("fmt, absent", [("pptx", "reportlab"), ("pdf", "pptx")])
def test_each_format_imports_only_its_library(tmp_path, shared_cache, fmt, absent):
    run = _build(ROOT, shared_cache, "specs/park.yaml", "--format", fmt, "--lang", "zh",
                 "-o", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    imported = next(line for line in run.stderr.splitlines() if line.startswith("imported"))
    assert absent not in imported.split()
    assert ("reportlab" if fmt == "pdf" else "pptx") in imported.split()
