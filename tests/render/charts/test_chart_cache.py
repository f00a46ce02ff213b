"""Tests for briefgen.render.charts.cache: keys cover their inputs; hits skip drawing; bad entries are redrawn; tapes replay."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import cache
from briefgen.build import build
from briefgen.render.charts import cache as chart_cache
from paths import ROOT


def test_a_hit_returns_the_stored_svg_without_drawing(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    key = chart_cache.chart_key("plan", 100.0, 50.0)
    drawn = []
    first = chart_cache.cached_svg(key, lambda: drawn.append(1) or b"<svg/>")
    second = chart_cache.cached_svg(key, lambda: drawn.append(1) or b"<other/>")
    assert first == second == b"<svg/>"
    assert drawn == [1]
    assert chart_cache.load(tmp_path / "charts" / f"{key}.svg") == b"<svg/>"


def test_keys_change_with_every_input():
    base = chart_cache.chart_key("plan", 100.0, 50.0, "FontA")
    assert base == chart_cache.chart_key("plan", 100.0, 50.0, "FontA")
    assert base != chart_cache.chart_key("plan", 100.0, 51.0, "FontA")
    assert base != chart_cache.chart_key("plan", 100.0, 50.0, "FontB")


def test_an_unwritable_cache_still_draws(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker))
    assert chart_cache.cached_svg("k", lambda: b"<svg/>") == b"<svg/>"


def test_a_verified_entry_that_does_not_parse_is_drawn_again(tmp_path, monkeypatch):
    """A planted entry with a correct checksum still cannot fail the build."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    cache.store(tmp_path / "charts" / "k.svg", b"<svg garbled")
    parse = lambda svg: svg.decode() if svg.endswith(b"/>") else None   # noqa: E731
    assert chart_cache.cached_svg("k", lambda: b"<svg/>", parse) == "<svg/>"
    assert cache.load(tmp_path / "charts" / "k.svg") == b"<svg/>"


def test_the_cache_stays_bounded_over_50_charts(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(chart_cache, "MAX_ENTRIES", 20)
    for i in range(50):
        chart_cache.cached_svg(f"k{i}", lambda: b"<svg/>")
        os.utime(tmp_path / "charts" / f"k{i}.svg", (i, i))       # used in this order
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == sorted(
        f"k{i}.svg" for i in range(30, 50))


DAMAGE = {
    "tampered": lambda raw: raw[:-40] + bytes(b ^ 1 for b in raw[-40:]),
    "truncated": lambda raw: raw[: len(raw) // 2],
    "emptied": lambda raw: b"",
    "planted": lambda raw: b"\x80\x04cos\nsystem\n(S'touch /tmp/briefgen-pwned'\ntR.",
    "garbled with a good checksum": lambda raw: (cache.MAGIC + hashlib.sha256(b"<svg").digest()
                                                 + b"<svg"),
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The city one-pager (two charts) built with an empty cache, and that cache."""
    base = tmp_path_factory.mktemp("clean")
    env = pytest.MonkeyPatch()
    env.setenv("BRIEFGEN_CACHE_DIR", str(base / "cache"))
    build(ROOT / "specs" / "city.yaml", base / "out", ("pdf",), ["zh"])
    env.undo()
    return base


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_chart_entry_is_rebuilt_and_the_pdf_is_byte_identical(clean, tmp_path, monkeypatch,
                                                                        damage):
    shutil.copytree(clean / "cache", tmp_path / "cache")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    svgs = sorted((tmp_path / "cache" / "charts").glob("*.svg"))
    tapes = sorted((tmp_path / "cache" / "chart-tapes").iterdir())
    assert len(svgs) == len(tapes) == 2          # the one-pager has two charts
    for path in svgs + tapes:
        path.write_bytes(DAMAGE[damage](path.read_bytes()))
    build(ROOT / "specs" / "city.yaml", tmp_path / "out", ("pdf",), ["zh"])
    assert (tmp_path / "out" / "city.pdf").read_bytes() == (clean / "out" / "city.pdf").read_bytes()
    for path in svgs + tapes:
        assert cache.load(path) == cache.load(clean / "cache" / path.parent.name / path.name)
    assert not os.path.exists("/tmp/briefgen-pwned")


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_tape_beside_a_good_svg_is_recorded_again_and_the_pdf_is_byte_identical(
        clean, tmp_path, monkeypatch, damage):
    shutil.copytree(clean / "cache", tmp_path / "cache")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    tapes = sorted((tmp_path / "cache" / "chart-tapes").iterdir())
    for path in tapes:
        path.write_bytes(DAMAGE[damage](path.read_bytes()))
    build(ROOT / "specs" / "city.yaml", tmp_path / "out", ("pdf",), ["zh"])
    assert (tmp_path / "out" / "city.pdf").read_bytes() == (clean / "out" / "city.pdf").read_bytes()
    assert [cache.load(p) for p in tapes] == [cache.load(clean / "cache" / "chart-tapes" / p.name)
                                              for p in tapes]


def test_a_warm_pdf_build_imports_neither_svglib_nor_reportlab_graphics(clean, tmp_path):
    """The tapes replay the charts: only a cold chart pays for svglib and reportlab.graphics."""
    shutil.copytree(clean / "cache", tmp_path / "cache")
    code = ("import sys; from briefgen.build import build; "
            f"build({str(ROOT / 'specs' / 'city.yaml')!r}, {str(tmp_path / 'out')!r}, ('pdf',), ['zh']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('svglib', 'matplotlib') "
            "or m.startswith('reportlab.graphics')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=dict(os.environ, BRIEFGEN_CACHE_DIR=str(tmp_path / "cache")))
    assert run.stdout.strip() == "[]"
    assert (tmp_path / "out" / "city.pdf").read_bytes() == (clean / "out" / "city.pdf").read_bytes()


def test_chart_keys_do_not_depend_on_where_the_code_is_installed(tmp_path):
    """Two copies of the package (other folders, other file dates) name a chart alike."""
    copy = tmp_path / "clone"
    shutil.copytree(ROOT / "briefgen", copy / "briefgen")
    os.utime(copy / "briefgen" / "render" / "pdf" / "chart.py", (1, 1))
    code = "from briefgen.render.charts.cache import chart_key; print(chart_key('plan', 1.0))"
    keys = {subprocess.run([sys.executable, "-c", code], cwd=where, capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=str(where)), check=True).stdout
            for where in (ROOT, copy)}
    assert len(keys) == 1


def test_the_chart_cache_stays_bounded_over_50_builds_of_different_specs(tmp_path, monkeypatch):
    from briefgen.build import Session

    monkeypatch.setattr(chart_cache, "MAX_ENTRIES", 8)
    charts = tmp_path / "cache"             # the chart entries alone (the fonts stay warm)
    monkeypatch.setattr(chart_cache, "entry", lambda *parts: Path(charts, *parts))
    (tmp_path / "specs").mkdir()
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    series = [line.split("id: ")[1].strip() for line in
              (ROOT / "assets" / "data" / "series.yaml").read_text(encoding="utf-8").splitlines()
              if line.startswith("- id:")]
    session, sizes = Session(), []
    for i in range(50):             # each series alone, then beside 1, 2, … narratives (other heights)
        spec = tmp_path / "specs" / f"s{i}.yaml"
        spec.write_text(f"title: 图表{i}\nentity: park\nlang: zh\ndeck:\n  - type: title\nonepager:\n"
                        f"  - type: chart\n    chart: {series[i % len(series)]}\n"
                        + "  - type: narrative\n    text: 园区立足主导产业，建设科创载体。\n" * (i // len(series)),
                        encoding="utf-8")
        session.build(spec, tmp_path / "out", ("pdf",))
        sizes.append((len(list((charts / "charts").glob("*.svg"))),
                      len(list((charts / "chart-tapes").iterdir()))))
    assert sizes[:8] == [(n, n) for n in range(1, 9)] and set(sizes[8:]) == {(8, 8)}
