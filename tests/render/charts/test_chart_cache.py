"""Tests for briefgen.render.charts.cache: keys cover their inputs; hits skip drawing."""

from __future__ import annotations

from briefgen.render.charts import cache as chart_cache


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
