"""Tests of the covers: full bleed, title in the placeholder, stacks that move up for long text."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import Contact
from briefgen.render.pptx.covers import Piece, stack
from briefgen.theme import PARK
from briefgen.theme import deck as D
from model_samples import briefing
from test_render_pptx import open_deck, render_deck, shape_named, with_slides


def _noop(c, s, y):
    return None


def test_a_stack_starts_at_its_top_and_moves_up_to_end_by_its_bottom():
    pieces = [Piece(0, 50, _noop), Piece(10, 40, _noop)]
    assert stack(pieces, 200, 480, None) == [200, 260]
    assert stack(pieces, 420, 480, None) == [380, 440]
    with pytest.raises(FitError, match=r"^c.yaml:1:1: the cover text overflows its box by \d+ pt"):
        stack([Piece(0, 500, _noop)], 200, 480, Origin("c.yaml", 1, 1))


@pytest.mark.parametrize("kind", ["title", "section", "closing"])
def test_covers_are_full_bleed_with_the_title_in_the_title_placeholder(kind):
    model = briefing("zh")
    slide = next(s for s in model.slides if s.kind == kind)
    page = open_deck(render_deck(with_slides(model, slide))[0]).slides[0]
    assert str(page.background.fill.fore_color.rgb) == PARK.palette.primary
    assert page.shapes.title.text == slide.title
    assert not page.has_notes_slide
    assert shape_named(page, "Wordmark")[0].text_frame.text == PARK.wordmark["zh"]


def test_section_dividers_are_numbered_in_order():
    model = briefing("en")
    section = next(s for s in model.slides if s.kind == "section")
    prs = open_deck(render_deck(with_slides(model, section, section))[0])
    assert [shape_named(s, "Section number")[0].text_frame.text for s in prs.slides] == ["01", "02"]


def test_a_long_title_pushes_the_stack_up_and_never_onto_the_issuer_line():
    model = briefing("en")
    title = dataclasses.replace(model.slides[0], title="Jiangsu Jiangyin–Jingjiang Industrial "
                                "Park: an investor briefing for 2025 and beyond",
                                subtitle="China's first open industrial park built jointly "
                                "across a river and across administrative boundaries")
    page = open_deck(render_deck(with_slides(model, title))[0]).slides[0]
    sub, issuer = shape_named(page, "Subtitle")[0], shape_named(page, "Issuer")[0]
    assert page.shapes.title.top + page.shapes.title.height <= sub.top
    assert sub.top + sub.height + D.COVER_META_GAP * 12700 <= issuer.top + 1
    assert issuer.top + issuer.height <= D.COVER_BOTTOM * 12700 + 1


def test_closing_shows_the_contact_heading_in_bold_then_its_lines():
    model = briefing("en")
    closing = next(s for s in model.slides if s.kind == "closing")
    block = closing.blocks[0]
    assert isinstance(block, Contact)
    closing = dataclasses.replace(closing, blocks=(dataclasses.replace(block, heading="Contact us"),))
    box = shape_named(open_deck(render_deck(with_slides(model, closing))[0]).slides[0], "Contact")[0]
    assert box.text_frame.text.split("\n") == ["Contact us", *block.lines]
    assert box.text_frame.paragraphs[0].runs[0].font.bold
    assert not box.text_frame.paragraphs[1].runs[0].font.bold
