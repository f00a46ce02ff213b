"""Tests for briefgen.render.charts.helper: the helper draws the same SVG, then goes away."""

from __future__ import annotations

import os

import pytest

from briefgen.fonts.measure import pdf_font
from briefgen.render.charts import helper as chart_helper
from briefgen.render.charts.style import chart_plan
from briefgen.render.pdf.chart import chart_svg
from briefgen.render.pdf.text import PdfFonts
from briefgen.theme import PARK
from model_samples import charts

needs_fork = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the helper runs only with 2+ cores")


@pytest.fixture(scope="module")
def fonts():
    plan = chart_plan(charts("zh")[0], PARK)
    chars = "".join(sorted(set("".join(plan.categories) + "".join(m.label for s in plan.series
                                                                   for m in s.marks) + "0123456789亿元*")))
    return PdfFonts(pdf_font(400, chars), pdf_font(700, chars))


@needs_fork
def test_the_helper_draws_the_same_bytes_as_this_process(fonts, monkeypatch):
    monkeypatch.delenv("BRIEFGEN_JOBS", raising=False)
    plan = chart_plan(charts("zh")[0], PARK)
    local = chart_svg(plan, 300.0, 160.0, fonts, PARK)
    with chart_helper.helping(True):
        helper = chart_helper._helper
        assert helper is not None and chart_helper._mine
        remote = chart_helper.draw_svg(plan, 300.0, 160.0, fonts, PARK)
    assert remote == local
    assert chart_helper._helper is None
    assert not helper.proc.is_alive()


def test_no_helper_when_nothing_is_needed_or_jobs_is_one(monkeypatch):
    with chart_helper.helping(False):
        assert chart_helper._helper is None
    monkeypatch.setenv("BRIEFGEN_JOBS", "1")
    with chart_helper.helping(True):
        assert chart_helper._helper is None


@needs_fork
def test_only_the_process_it_was_handed_to_uses_an_early_helper(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BRIEFGEN_JOBS", raising=False)
    chart_helper.start_early()
    try:
        helper = chart_helper._helper
        assert helper is not None and chart_helper._mine
        chart_helper.give_up()
        assert not chart_helper._mine
        chart_helper.hand_over()
        assert chart_helper._mine
    finally:
        chart_helper.stop()
    assert chart_helper._helper is None and not helper.proc.is_alive()


def test_no_early_helper_once_charts_are_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "x.svg").write_bytes(b"<svg/>")
    chart_helper.start_early()
    assert chart_helper._helper is None
