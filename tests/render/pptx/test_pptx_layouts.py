"""Tests of the slide kinds: dispatch, chart with commentary, image, quote, missing blocks."""

from __future__ import annotations

import pytest

from briefgen.theme import deck as D
from PIL import Image as PILImage

from briefgen.model import SLIDE_KINDS, Image, Slide
from briefgen.render.pptx.layouts import KINDS
from model_samples import SPEC, briefing
from test_render_pptx import _origin, open_deck, render_deck, shape_named, with_slides


def test_every_model_kind_has_a_drawer():
    assert set(KINDS) == set(SLIDE_KINDS)


def test_chart_with_commentary_puts_the_text_in_a_side_panel():
    model = briefing("zh")
    slide = model.slides[4]
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    page = prs.slides[0]
    chart = next(s for s in page.shapes if s.has_chart)
    comment = shape_named(page, "Commentary")[0]
    assert comment.text_frame.text.replace("\v", "") == slide.blocks[1].text
    assert chart.left + chart.width <= comment.left
    source = shape_named(page, "Source")[0]         # in the footer, as on every slide
    assert source.top / 12700 >= D.FOOTER_RULE_Y
    assert source.text_frame.text == slide.blocks[0].source_line
    under = shape_named(page, "Chart source")
    assert all(slide.blocks[0].source_line not in u.text_frame.text for u in under)


def test_image_slide_places_the_picture_with_alt_text(tmp_path):
    path = tmp_path / "port.png"
    PILImage.new("RGB", (400, 200), "teal").save(path)
    model = briefing("en")
    slide = Slide("image", "The port", (Image(str(path), "Container cranes at the port",
                                              "The park's quay", origin=_origin(700)),),
                  origin=_origin(700))
    data, warnings = render_deck(with_slides(model, slide))
    assert warnings == []
    page = open_deck(data).slides[0]
    pic = shape_named(page, "Picture")[0]
    assert pic._element.xpath("./*[1]/p:cNvPr/@descr") == ["Container cranes at the port"]
    assert pic.width / pic.height == pytest.approx(2, rel=0.01)
    assert shape_named(page, "Caption")[0].text_frame.text == "The park’s quay"   # curly, as set


def test_a_missing_image_is_a_warning_and_a_labelled_placeholder():
    model = briefing("en")
    slide = Slide("image", "Gone", (Image("/nowhere/x.png", "A view of the river"),),
                  origin=_origin(710))
    data, warnings = render_deck(with_slides(model, slide))
    assert warnings == [f"{SPEC}:710:5: image: expected a readable file but received "
                        "'/nowhere/x.png'; a placeholder is drawn"]
    box = shape_named(open_deck(data).slides[0], "Placeholder")[0]
    assert box.text_frame.text == "A view of the river"
    assert box._element.xpath("./*[1]/p:cNvPr/@descr") == ["A view of the river"]


def test_a_slide_without_its_block_warns_and_keeps_its_title():
    model = briefing("zh")
    data, warnings = render_deck(with_slides(model, Slide("quote", "空", origin=_origin(720))))
    assert warnings == [f"{SPEC}:720:5: quote slide: expected a Quote block with text; "
                        "the slide shows its title only"]
    assert open_deck(data).slides[0].shapes.title.text == "空"


def test_quote_shows_its_words_and_attribution():
    model = briefing("en")
    quote = next(s for s in model.slides if s.kind == "quote")
    prs = open_deck(render_deck(with_slides(model, quote))[0])
    assert shape_named(prs.slides[0], "Quote")[0].text_frame.text.replace("\v", "") == \
        quote.blocks[0].text
    assert shape_named(prs.slides[0], "Attribution")[0].text_frame.text == "— Park profile, 2024"
