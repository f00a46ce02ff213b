"""Tests of KPI cards: the number as large as card and body allow, inline or stacked, continued."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import KpiCards, Slide
from briefgen.render.pptx.kpis import layout_cards, number_width
from briefgen.theme import deck as D
from model_samples import figures
from test_render_pptx import open_deck, render_deck, run_sizes, shape_named, with_slides
from model_samples import briefing


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_four_sample_figures_get_large_numbers_that_fit_their_cards(lang):
    figs = figures(lang)[:4]
    lay = layout_cards(figs, None)
    assert lay.number >= 48
    inner = lay.card_w - 2 * D.KPI_PAD
    assert all(number_width(f, lay.number, lay.stacked) <= inner * (1 - D.WIDTH_MARGIN)
               for f in figs)
    rows_h = len(lay.rows) * lay.card_h + (len(lay.rows) - 1) * D.KPI_ROW_GAP
    assert rows_h <= D.BODY_H


def test_the_unit_stays_inline_whenever_an_inline_grid_fits():
    short = layout_cards(figures("zh")[:3], None)
    assert not short.stacked and short.number == D.KPI_NUMBER.max
    long = tuple(dataclasses.replace(f, prefix="", number="380", suffix="million tonnes a year")
                 for f in figures("en")[:3])
    lay = layout_cards(long, None)
    assert not lay.stacked and lay.number < 48      # smaller, but the unit keeps its place
    huge = tuple(dataclasses.replace(f, prefix="", number="380",
                                     suffix="million tonnes of cargo a year") for f in figures("en")[:3])
    assert layout_cards(huge, None).stacked         # inline cannot fit at the floor


def test_six_cards_take_two_rows_and_seven_continue_on_a_second_slide():
    figs = figures("zh")
    assert layout_cards(figs + figs[:1], None).rows == (3, 3)
    model = briefing("zh")
    slide = Slide("kpis", "数字", (KpiCards(figs + figs[:2]),))
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    assert [s.shapes.title.text for s in prs.slides] == ["数字", "数字（续 2/2）"]
    assert len(shape_named(prs.slides[1], "Figure 1")) == 1
    assert not shape_named(prs.slides[1], "Figure 2")


def test_prefix_and_suffix_are_smaller_than_the_number():
    model = briefing("en")
    prs = open_deck(render_deck(with_slides(model, model.slides[2]))[0])
    sizes = [run_sizes(s) for s in prs.slides[0].shapes if s.name.startswith("Figure")]
    big = max(max(s) for s in sizes)
    assert all(max(s) == big for s in sizes)
    assert any(min(s) < big / 2 for s in sizes)


def test_an_impossible_label_fails_with_the_block_origin():
    fig = dataclasses.replace(figures("zh")[0], label="很长的标签" * 40)
    with pytest.raises(FitError, match=r"^k.yaml:7:1: the KPI cards overflows its box by \d+ pt"):
        layout_cards((fig, fig, fig), Origin("k.yaml", 7, 1))


def test_every_card_rule_takes_one_colour_and_labels_span_the_card():
    from lxml import etree
    from briefgen.theme import PARK
    model = briefing("zh")
    slide = Slide("kpis", "概览", (KpiCards(figures("zh")[:4]),))
    page = open_deck(render_deck(with_slides(model, slide))[0]).slides[0]
    rules = [s for s in page.shapes if s.name.startswith("Card rule ")]
    colours = {etree.tostring(r._element.spPr).decode().count(PARK.palette.accent) for r in rules}
    assert colours == {0}                                   # no accent on the first card only
    for i in range(1, 5):
        card, label = shape_named(page, f"Card {i}")[0], shape_named(page, f"Label {i}")[0]
        assert abs(label.width - (card.width - 2 * D.KPI_PAD * 12700)) <= 12700


def test_a_commentary_sits_in_a_panel_under_the_cards():
    from briefgen.model import Paragraph
    model = briefing("zh")
    slide = Slide("kpis", "目标", (KpiCards(figures("zh")[:2]), Paragraph("园区加快形成培育链条。")))
    page = open_deck(render_deck(with_slides(model, slide))[0]).slides[0]
    panel = shape_named(page, "Commentary panel")[0]
    card = shape_named(page, "Card 1")[0]
    assert shape_named(page, "Commentary")[0].text_frame.text == "园区加快形成培育链条。"
    assert panel.top >= card.top + card.height
    assert (panel.top + panel.height) / 12700 <= D.BODY_BOTTOM + 0.5
