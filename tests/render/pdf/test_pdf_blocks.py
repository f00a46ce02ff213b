"""The one-pager's section roles: dispatch, zones, and what each builder lays out."""

from __future__ import annotations

import pytest

from briefgen.errors import Origin
from briefgen.model import Bullet, Bullets, Contact, Paragraph, Section
from briefgen.render.pdf.blocks import ROLES, heading, section_strings
from briefgen.render.pdf.ops import ChartBox, Dot, Line, Rect, Text
from model_samples import charts, timeline
from test_pdf_text import typesetter

W = 200.0


def test_every_role_the_model_names_has_a_builder_and_a_zone():
    assert set(ROLES) == {"kpis", "chart", "timeline", "list", "narrative", "contact"}
    assert {r.zone for r in ROLES.values()} == {"strip", "main", "side", "side_end"}


def test_a_heading_is_a_hairline_an_accent_bar_and_the_title_with_its_notes():
    ts = typesetter("zh")
    laid = heading("江阴GDP跨越三个台阶", ts, W, (5,))
    line, bar = laid.ops[:2]
    assert isinstance(line, Line) and line.x2 == W and isinstance(bar, Rect)
    assert bar.color == ts.palette.accent
    assert [op.text for op in laid.ops if isinstance(op, Text)] == ["江阴GDP跨越三个台阶", "5"]


def test_a_chart_grows_with_extra_height():
    ts = typesetter("zh")
    gdp = charts("zh")[0]
    small, big = ROLES["chart"].build(gdp, ts, W, 0.0), ROLES["chart"].build(gdp, ts, W, 40.0)
    box = next(op for op in big.ops if isinstance(op, ChartBox))
    assert big.height - small.height == 40.0 and box.chart is gdp and big.stretch == 1


def test_the_timeline_has_a_dot_per_event_on_a_rail():
    ts = typesetter("zh")
    tl = timeline("zh")
    laid = ROLES["timeline"].build(tl, ts, W, 0.0)
    dots = [op for op in laid.ops if isinstance(op, Dot)]
    assert len(dots) == len(tl.events) and dots[-1].color == ts.palette.accent
    rail = next(op for op in laid.ops if isinstance(op, Line) and op.x == op.x2)
    assert (rail.y, rail.y2) == (dots[0].y, dots[-1].y)
    spread = ROLES["timeline"].build(tl, ts, W, 70.0)
    assert spread.height == pytest.approx(laid.height + 70.0)


def test_list_items_are_marked_and_indented_by_level():
    ts = typesetter("en")
    bl = Bullets((Bullet("Shipbuilding", (1,)), Bullet("Port logistics", level=1)), "Industries")
    laid = ROLES["list"].build(bl, ts, W, 0.0)
    marks = [op for op in laid.ops if isinstance(op, Rect) and op.w == op.h]
    items = [op for op in laid.ops if isinstance(op, Text) and op.text in ("Shipbuilding", "Port logistics")]
    assert len(marks) == 2 and items[1].x > items[0].x


def test_narrative_and_contact_lay_out_their_text():
    ts = typesetter("en")
    lead = ROLES["narrative"].build(Paragraph("Founded in 2003", (1,)), ts, W, 0.0)
    assert isinstance(lead.ops[0], Rect) and lead.ops[0].h == lead.height
    card = ROLES["contact"].build(Contact(("Investment Promotion Bureau",), "Contact"), ts, W, 0.0)
    assert [op.text for op in card.ops if isinstance(op, Text)] == ["Contact", "Investment Promotion Bureau"]


def test_section_strings_name_the_origin_and_skip_what_cannot_be_drawn():
    origin = Origin("s.yaml", 4, 2)
    good = list(section_strings(Section("narrative", Paragraph("江阴", (3,)), origin=origin), "zh"))
    assert [(w.text, w.origin, w.what) for w in good] == [("江阴3", origin, "narrative section, narrative")]
    assert list(section_strings(Section("narrative", Contact(("x",))), "zh")) == []
    assert list(section_strings(Section("map", Paragraph("x")), "zh")) == []
