"""Both chart renderings come from one chart model: deck XML and page SVG agree with it.

The deck's categories and values are read back out of the chart part's XML caches
(``c:cat``/``c:val``); the page's are what ``chart_plan`` handed to matplotlib, and its
labels are checked as text in the SVG. The plans of the sample charts are kept as golden
JSON (``BRIEFGEN_UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
from types import SimpleNamespace

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from briefgen.fonts.measure import pdf_font
from briefgen.model import Chart
from briefgen.render.charts.style import chart_data, chart_plan, chart_text, format_value
from briefgen.render.pdf.chart import chart_svg
from briefgen.render.pptx.chart import TRACK_NAME, add_chart
from briefgen.theme import CITY, PARK
from model_samples import all_charts, charts, extra_charts
from paths import GOLDEN

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


CHARTS = all_charts()


def deck_chart_xml(chart: Chart, theme=CITY, lang: str = "zh") -> etree._Element:
    """Return the c:chartSpace of ``chart`` drawn on a slide, saved and reopened."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    add_chart(slide, chart, Pt(60), Pt(136), Pt(552), Pt(338), theme, lang)
    buf = io.BytesIO()
    prs.save(buf)
    buf.seek(0)
    frame = next(s for s in Presentation(buf).slides[0].shapes if s.has_chart)
    return frame.chart._chartSpace


def cached(ser, part: str) -> list[str]:
    """Return the cached point texts of a series' c:cat or c:val, in index order."""
    pts = ser.find(f"{C}{part}").iter(f"{C}pt")
    return [p.find(f"{C}v").text for p in sorted(pts, key=lambda p: int(p.get("idx")))]


def deck_data(space) -> tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]:
    """Return categories and values of the data series (not the share track) from the XML."""
    series = [s for s in space.iter(f"{C}ser")
              if s.find(f"{C}tx").find(f".//{C}v").text != TRACK_NAME]
    cats = tuple(cached(series[0], "cat"))
    return cats, tuple(tuple(float(v) for v in cached(s, "val")) for s in series)


@pytest.mark.parametrize("name,chart", CHARTS, ids=[n for n, _ in CHARTS])
def test_deck_xml_holds_the_data_the_page_draws(name, chart):
    categories, values = chart_data(chart)
    plan = chart_plan(chart, CITY)
    assert plan.categories == categories
    assert tuple(s.values for s in plan.series) == values
    assert deck_data(deck_chart_xml(chart)) == (categories, values)


@pytest.fixture(scope="module")
def fonts():
    chars = "".join(chart_text(c) for _, c in CHARTS)
    return SimpleNamespace(regular=pdf_font(400, chars), bold=pdf_font(700, chars))


def svg_texts(svg: bytes) -> list[str]:
    """Return the text of every <text> element of an SVG."""
    root = etree.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("name,chart", CHARTS, ids=[n for n, _ in CHARTS])
def test_page_svg_labels_every_category_and_point(name, chart, fonts):
    plan = chart_plan(chart, PARK)
    texts = svg_texts(chart_svg(plan, 300, 170, fonts, PARK))
    joined = re.sub(r"\s", "", "".join(texts))
    for category in plan.categories:
        assert re.sub(r"\s", "", category) in joined
    labels = [m.label for s in plan.series for m in s.marks if m.value is not None]
    assert labels and all(label in texts for label in labels)
    if plan.legend:
        assert all(s.name in texts for s in plan.series)


def test_labels_of_the_first_series_are_the_models_written_ones():
    gdp, share, target = charts("en")
    assert [m.label for m in chart_plan(share, CITY).series[0].marks] == list(share.value_labels)
    assert [m.label for m in chart_plan(gdp, CITY).series[0].marks] == list(gdp.value_labels)
    second = chart_plan(extra_charts()[2], CITY).series[1]
    assert [m.label for m in second.marks] == ["3.5%", "42.0%"]


@pytest.mark.parametrize("fmt,value,text", [
    ('#,##0"亿元"', 5000, "5,000亿元"), ('"RMB "#,##0" bn"', 500, "RMB 500 bn"),
    ('0"%"', 42, "42%"), ("0.0%", 0.167, "16.7%"), ("0.0", 3.88, "3.9"), ("0.0", 0.25, "0.3"), ("General", 5, "5"),
    ("0", None, ""),
])
def test_format_value_writes_what_powerpoint_shows(fmt, value, text):
    assert format_value(fmt, value) == text


def _golden(lang: str) -> dict:
    return {c.kind: dataclasses.asdict(chart_plan(c, CITY)) for c in charts(lang)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_plans_match_golden(lang):
    path = GOLDEN / f"charts_{lang}.json"
    got = json.loads(json.dumps(_golden(lang), ensure_ascii=False))
    if os.environ.get("BRIEFGEN_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
