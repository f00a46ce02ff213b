"""Tests of the deck's slides: copies of each layout's first slide are the parts python-pptx makes."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

from lxml import etree

from briefgen.render.pptx.lastpass import save_package
from briefgen.render.pptx.package import new_presentation
from briefgen.render.pptx.slides import DeckSlides, list_slide
from briefgen.render.pptx.template import add_slide


def _parts(fast: bool) -> dict[str, bytes]:
    prs = new_presentation()
    maker = DeckSlides()
    for n in (5, 1, 5, 1, 5, 6):        # Title Only, Title and Content, … alternating, then Blank
        layout = prs.slide_layouts[n]
        slide = maker.add(prs, layout) if fast else add_slide(prs, layout)
        slide.shapes.add_textbox(0, 0, 10, 10).text = f"slide on layout {n}"
    with zipfile.ZipFile(io.BytesIO(save_package(prs, dt.datetime(2025, 1, 1)))) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_slides_copied_from_each_layouts_first_are_the_parts_add_slide_makes():
    fast, own = _parts(True), _parts(False)
    assert [n for n in fast if n.startswith("ppt/slides/slide")] == [
        f"ppt/slides/slide{i}.xml" for i in range(1, 7)]
    assert b'id="261"' in fast["ppt/presentation.xml"]
    assert fast == own


def test_list_slide_takes_python_pptx_s_next_id_even_past_the_largest_allowed():
    prs = new_presentation()
    listed = prs.slides._sldIdLst
    for top in ("300", "2147483647"):
        ours, theirs = copy.deepcopy(listed), copy.deepcopy(listed)
        for lst in (ours, theirs):
            lst.add_sldId("rId90").set("id", top)
        list_slide(ours, "rId91")
        theirs.add_sldId("rId91")
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert ours[-1].get("id") == ("301" if top == "300" else "256")


def test_slides_come_with_turbo_add_on_counting_from_the_largest_id_they_hold():
    prs = new_presentation()
    maker = DeckSlides()
    for n in (5, 1, 5, 1):
        slide = maker.add(prs, prs.slide_layouts[n])
        shapes = slide.shapes
        assert shapes.turbo_add_enabled
        assert shapes._cached_max_shape_id == shapes._spTree.max_shape_id >= 2
        shapes.add_textbox(0, 0, 10, 10)
        shapes.add_textbox(0, 0, 10, 10)
        assert shapes[-1].shape_id == shapes._spTree.max_shape_id == shapes[-2].shape_id + 1
