"""Tests for briefgen.render.pptx.chartparts: a cached chart gives the deck the same bytes, without drawing;
a bad or planted entry is redrawn; the key covers the code that draws."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from briefgen import cache
from briefgen.render.pptx import chart as deck_chart
from briefgen.render.pptx import chartparts
from briefgen.theme import CITY
from model_samples import charts
from paths import ROOT

BOX = (Pt(60), Pt(136), Pt(552), Pt(338))


def deck_bytes(chart, lang="zh") -> dict[str, bytes]:
    """Return every part of a one-slide deck holding ``chart`` (name -> serialised bytes)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    deck_chart.add_chart(slide, chart, *BOX, CITY, lang)
    return {str(p.partname): p.blob for p in prs.part.package.iter_parts()}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    return tmp_path / "deck-charts"


def no_drawing(monkeypatch):
    """Make drawing a chart live fail the test."""
    def draw(*args, **kwargs):
        raise AssertionError("the chart was drawn live")
    monkeypatch.setattr(deck_chart, "_draw", draw)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_cached_chart_gives_the_parts_a_live_one_gives_without_drawing(cache_dir, monkeypatch, index):
    chart = charts("zh")[index]
    live = deck_bytes(chart)
    assert len(list(cache_dir.iterdir())) == 1
    no_drawing(monkeypatch)
    cached = deck_bytes(chart)
    assert cached == live
    names = sorted(cached)
    assert any(n.startswith("/ppt/charts/chart") for n in names)
    assert any(n.startswith("/ppt/embeddings/") and n.endswith(".xlsx") for n in names)


def test_the_key_changes_with_language_size_and_chart(cache_dir):
    zh, en = charts("zh")[0], charts("en")[0]
    deck_bytes(zh)
    deck_bytes(en)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    deck_chart.add_chart(slide, zh, Pt(60), Pt(136), Pt(500), Pt(338), CITY, "zh")
    assert len(list(cache_dir.iterdir())) == 3


def test_a_chart_moved_in_the_spec_still_hits(cache_dir, monkeypatch):
    """Where a chart stands in the spec (its origin) is not part of what it draws."""
    from dataclasses import replace

    from briefgen.errors import Origin

    chart = charts("zh")[0]
    live = deck_bytes(chart)
    no_drawing(monkeypatch)
    assert deck_bytes(replace(chart, origin=Origin("elsewhere.yaml", 99, 3))) == live


def _planted(cache_dir, data: bytes) -> None:
    """Put ``data`` (with a correct checksum) in place of the one entry in the cache."""
    (entry,) = cache_dir.iterdir()
    cache.store(entry, data)


@pytest.mark.parametrize("plant", [
    b"garbage",
    b"99999\n<c:chartSpace/>",
    b"5\n<a/>PK\x03\x04",
    b"not a number\n",
])
def test_an_entry_that_is_not_a_chart_is_redrawn(cache_dir, plant):
    chart = charts("zh")[0]
    live = deck_bytes(chart)
    _planted(cache_dir, plant)
    assert deck_bytes(chart) == live
    (entry,) = cache_dir.iterdir()
    assert chartparts._decode(cache.load(entry)) is not None       # the redrawn chart was kept


def test_a_planted_chart_that_refers_to_a_relationship_is_refused(cache_dir):
    """An entry cannot make the deck fetch or embed anything: no r:id, r:embed or r:link."""
    chart = charts("zh")[0]
    live = deck_bytes(chart)
    (entry,) = cache_dir.iterdir()
    data = cache.load(entry)
    head, _, rest = data.partition(b"\n")
    xml, workbook = rest[:int(head)], rest[int(head):]
    planted = xml.replace(b"<c:chart>", b'<c:chart><c:userShapes r:id="rId9"/>', 1)
    assert planted != xml and b"xmlns:r=" in planted
    cache.store(entry, b"%d\n" % len(planted) + planted + workbook)
    assert chartparts._decode(cache.load(entry)) is None
    assert deck_bytes(chart) == live


def test_an_unwritable_cache_still_draws(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker))
    chart = charts("zh")[0]
    assert deck_bytes(chart) == deck_bytes(chart)


def _briefgen_imports(path: Path) -> set[str]:
    """Return the briefgen modules a source file imports."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefgen"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if (ROOT / (sub.replace(".", "/") + ".py")).exists() else node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("briefgen")}
    return out


# Modules a chart-drawing module imports that do not decide the parts' bytes: the model and the
# theme are keyed by value, the others serve the notes box under the chart (not a cached part),
# errors and the caches themselves.
KEYED_OR_UNUSED = {"briefgen.model", "briefgen.theme", "briefgen.theme.deck", "briefgen.errors",
                   "briefgen.fonts.measure", "briefgen.text.breakcache", "briefgen.text.fit",
                   "briefgen.cache", "briefgen.render.charts.cache"}


def test_the_key_hashes_every_module_that_draws_a_chart():
    own = {"briefgen." + name[:-3].replace("/", ".") for name in chartparts._OWN}
    for name in chartparts._OWN:
        imported = _briefgen_imports(ROOT / "briefgen" / name)
        assert imported <= own | KEYED_OR_UNUSED, (name, imported - own - KEYED_OR_UNUSED)


def test_a_warm_deck_does_not_import_xlsxwriter(tmp_path):
    """Drawing from the cache skips python-pptx's chart data and with it xlsxwriter (~0.03 s)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, BRIEFGEN_CACHE_DIR=str(tmp_path / "c"))
    code = ("import sys, io\n"
            "from briefgen.build import Session\n"
            "Session().render('specs/park.yaml', formats=['pptx'], langs=['zh'])\n"
            "print('xlsxwriter' in sys.modules)\n")
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                           text=True, check=True).stdout.split()[-1] for _ in range(2)]
    assert runs == ["True", "False"]
