"""The one-pager's frame: the header band and the footer."""

from __future__ import annotations

from briefgen.render.pdf.frame import footer, footer_text, frame_strings, header
from briefgen.render.pdf.ops import Rect, Text
from briefgen.theme import CITY, PARK
from model_samples import briefing
from test_pdf_text import typesetter


def texts(laid) -> list[str]:
    return [op.text for op in laid.ops if isinstance(op, Text)]


def test_the_header_band_spans_the_page_in_the_primary_colour_with_an_accent_rule():
    b, ts = briefing("zh"), typesetter("zh", theme=CITY)
    laid = header(b, CITY, ts)
    band, rule = laid.ops[:2]
    assert isinstance(band, Rect) and band.color == CITY.palette.primary
    assert (band.x, band.w) == (0, ts.page.size[0])
    assert rule.color == CITY.palette.accent and rule.y == band.h
    assert laid.height == band.h + rule.h
    assert {"江阴", b.title, b.subtitle, b.entity_name} <= set(texts(laid))


def test_the_footer_names_the_issuer_and_the_data_date_beside_the_wordmark():
    b, ts = briefing("en"), typesetter("en")
    assert footer_text(b) == ("Prepared by: Administrative Committee of the Jiangsu Jiangyin–Jingjiang "
                              "Industrial Park · Data as of January 2025")
    laid = footer(b, PARK, ts, 515.0)
    mark = laid.ops[-1]
    assert mark.text == "JIANGYIN–JINGJIANG" and mark.right and mark.x == 515.0


def test_frame_strings_carry_their_origin():
    b = briefing("zh")
    found = {w.what: w for w in frame_strings(b, PARK)}
    assert found["theme park wordmark"].text == "澄靖园区"
    assert found["source of note 5"].origin == b.onepager.origin
    assert "GDP" in found["source of note 5"].text and "“" not in found["source of note 5"].text
