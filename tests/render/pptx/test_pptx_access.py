"""Tests of the decks' accessibility: unique titles read first, decorative shapes marked, alt text on pictures and charts."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from model_samples import briefing
from repo_outputs import ALL, deck
from test_render_pptx import render_deck

ADEC = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
SHAPES = tuple(qn(t) for t in ("p:sp", "p:pic", "p:graphicFrame", "p:cxnSp", "p:grpSp"))
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _decks():
    for spec, lang in ALL:
        yield f"{spec}-{lang}", Presentation(deck(spec, lang))
    for lang in ("zh", "en"):
        yield f"sample-{lang}", Presentation(io.BytesIO(render_deck(briefing(lang))[0]))


DECKS = dict(_decks())


def _shapes(slide):
    """Return the slide's shape elements in reading (z) order."""
    return [e for e in slide.shapes._spTree if e.tag in SHAPES]


def _name(e) -> str:
    return e.find("./*[1]/" + qn("p:cNvPr")).get("name")


@pytest.mark.parametrize("name", DECKS)
def test_every_slide_has_a_unique_title_in_its_title_placeholder_read_first(name):
    titles = []
    for number, slide in enumerate(DECKS[name].slides, start=1):
        first = _shapes(slide)[0]
        ph = first.find(".//" + qn("p:ph"))
        assert ph is not None and ph.get("type") == "title", (number, _name(first))
        title = slide.shapes.title.text_frame.text.replace("\v", "").strip()
        assert title, number
        titles.append(title)
    assert len(set(titles)) == len(titles), [t for t in titles if titles.count(t) > 1]


@pytest.mark.parametrize("name", DECKS)
def test_shapes_without_text_are_marked_decorative(name):
    for number, slide in enumerate(DECKS[name].slides, start=1):
        for e in _shapes(slide):
            if e.tag in (qn("p:pic"), qn("p:graphicFrame")) or e.find(".//" + qn("p:ph")) is not None:
                continue
            if e.tag == qn("p:sp") and "".join(e.itertext()).strip():
                continue
            assert e.find(".//" + ADEC) is not None, (number, _name(e))


@pytest.mark.parametrize("name", DECKS)
def test_pictures_and_charts_have_alt_text(name):
    seen = 0
    for number, slide in enumerate(DECKS[name].slides, start=1):
        for e in _shapes(slide):
            chart = e.find(".//" + qn("a:graphicData"))
            if e.tag == qn("p:pic") or (chart is not None and chart.get("uri") == CHART):
                seen += 1
                alt = e.find("./*[1]/" + qn("p:cNvPr")).get("descr") or ""
                assert len(alt.strip()) >= 5, (number, _name(e), alt)
    assert seen >= (1 if name.startswith("park") else 2)     # the park deck charts only GDP
