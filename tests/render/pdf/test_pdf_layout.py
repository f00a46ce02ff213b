"""Fitting the one-pager: levels, columns, dropping optional sections, located overflow errors."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import Bullet, Bullets, Event, KpiCards, Paragraph, Section, Timeline
from briefgen.render.pdf.layout import compose, fit_page, largest_type, usable
from briefgen.render.pdf.sources import cited
from briefgen.render.pdf.ops import ChartBox, Rect, Text
from briefgen.render.pdf.text import Typesetter
from briefgen.theme import PARK
from briefgen.theme.page import LEVELS, PAGE
from model_samples import briefing, figures, onepager
from test_pdf_text import typesetter
from test_render_pdf import with_sections


def fit(b):
    """Return (ops, warnings) of ``b``'s page with the sample fonts."""
    return fit_page(b, PARK, typesetter(b.lang).fonts, PAGE)


def inside_the_page(ops) -> bool:
    """Return whether every text sits between the side margins and above the bottom margin."""
    w, h = PAGE.size
    bottom = h - PAGE.grid.margin_bottom
    texts = [op for op in ops if isinstance(op, Text)]
    return all(0 <= op.x <= w and op.y <= bottom for op in texts)


def test_cited_finds_notes_at_any_depth():
    assert sorted(set(cited(onepager("zh").sections[0].block))) == [1, 2, 3, 4, 7]
    assert cited(Bullets((Bullet("a", (3,)), Bullet("b", (4, 5))))) == [3, 4, 5]


def test_usable_leaves_out_what_it_cannot_draw_with_a_warning():
    b = with_sections(briefing("zh"), Section("kpis", Paragraph("x"), origin=Origin("s.yaml", 2, 3)))
    keep, warnings = usable(b.onepager)
    assert len(keep) == len(briefing("zh").onepager.sections)
    assert warnings == ["s.yaml:2:3: one-pager: a kpis section needs a KpiCards but received a "
                        "Paragraph; left out"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_samples_fit_at_the_design_sizes(lang):
    b = briefing(lang)
    ts = typesetter(lang)
    result = compose(b, PARK, ts, list(b.onepager.sections))
    assert result.overflow <= 0 and inside_the_page(result.ops)


def test_a_longer_page_shrinks_but_stays_inside_the_margins():
    b = briefing("en")
    long = " ".join(["Full-chain approval services: one-stop online approval."] * 12)
    ops, warnings = fit(with_sections(b, Section("narrative", Paragraph(long), origin=Origin("s", 1))))
    sizes = {op.size for op in ops if isinstance(op, Text) and op.text in long}
    assert warnings == [] and inside_the_page(ops)
    assert PAGE.type.lead.floor <= min(sizes) < PAGE.type.lead.design


def test_charts_take_the_spare_height_within_their_limits():
    ops, _ = fit(briefing("zh"))
    boxes = [op for op in ops if isinstance(op, ChartBox)]
    assert len(boxes) == 2
    assert all(PAGE.charts.min_height <= box.h <= PAGE.charts.max_height for box in boxes)


def test_the_side_panel_is_tinted_to_the_bottom_of_the_body():
    ops, _ = fit(briefing("zh"))
    panel = next(op for op in ops if isinstance(op, Rect) and op.color == PARK.palette.tint)
    assert panel.x + panel.w == pytest.approx(PAGE.size[0] - PAGE.grid.margin_x)
    assert panel.w == pytest.approx(PAGE.span(PAGE.grid.side_span))


def test_an_overfull_side_panel_names_the_panel_and_the_timeline():
    b = briefing("en")
    events = tuple(Event(str(1900 + i), 1900 + i, "An event in the park's long history", 1)
                   for i in range(80))
    long = Section("timeline", Timeline(events, "History"), origin=Origin("specs/tl.yaml", 5, 3))
    with pytest.raises(FitError) as e:
        fit(with_sections(b, long, drop_roles=("timeline",)))
    assert str(e.value).startswith("specs/tl.yaml:5:3: one-pager (English, lang en): the content does "
                                   "not fit one A4 page even at the smallest type sizes: the side "
                                   "panel (timeline, lists and contact) is ")
    assert "the timeline section ('History')" in str(e.value) or "this timeline section ('History')" in str(e.value)
    assert str(e.value).endswith("To make room, shorten that section, mark a section 'optional: true' "
                                 "so it can be dropped, or move the detail to the deck.")


def test_a_list_goes_to_the_column_where_it_fits_and_is_blamed_when_it_fits_nowhere():
    b = briefing("en")
    items = tuple(Bullet(f"Industry number {i} with a long description of what it makes") for i in range(40))
    listed = Section("list", Bullets(items, "Industries"), origin=Origin("specs/l.yaml", 8, 3))
    with pytest.raises(FitError) as e:
        fit(with_sections(b, listed))
    assert str(e.value).startswith("specs/l.yaml:8:3: ") and "list section ('Industries')" in str(e.value)


def test_only_optional_sections_on_the_overflowing_column_are_dropped():
    b = briefing("en")
    events = tuple(Event(str(1900 + i), 1900 + i, "An event in the park's long history", 1)
                   for i in range(80))
    long = Section("timeline", Timeline(events, "History"), origin=Origin("specs/tl.yaml", 5, 3))
    with pytest.raises(FitError) as e:
        fit(with_sections(b, long, drop_roles=("timeline",)))   # the optional chart is in the main column
    assert "side panel" in str(e.value)


def test_spare_height_is_shared_so_no_column_ends_far_above_the_body_bottom():
    for lang in ("zh", "en"):
        b = briefing(lang)
        result = largest_type(b, PARK, typesetter(lang).fonts, PAGE, list(b.onepager.sections))
        assert result.overflow <= 0
        assert max(result.empty.values()) <= 0.1 * PAGE.size[1]


def test_levels_run_to_the_floors():
    ts = Typesetter(typesetter().fonts, "zh", LEVELS, PAGE, PARK.palette)
    assert ts.size("kpi_number") == PAGE.type.kpi_number.floor


def test_figures_keep_their_order_in_the_strip():
    ops, _ = fit(briefing("zh"))
    numbers = [op.text for op in ops if isinstance(op, Text) and op.bold
               and op.text in {f.number for f in figures("zh")}]
    assert numbers == [f.number for f in figures("zh")]


def test_a_strip_that_leaves_no_room_for_the_body_is_blamed_on_the_strip():
    b = briefing("zh")
    kpis = next(s for s in b.onepager.sections if s.role == "kpis")
    many = dataclasses.replace(kpis, block=KpiCards(kpis.block.items * 12, kpis.block.origin))
    with pytest.raises(FitError) as e:
        fit(with_sections(b, many, drop_roles=("kpis",)))
    message = str(e.value)
    assert message.startswith(f"{kpis.origin}: one-pager (Chinese, lang zh):")
    assert "leave no room for the body" in message and "the kpis section" in message


def test_each_section_is_laid_out_once_per_fitting_for_each_width_and_the_page_is_the_same(
        monkeypatch):
    import briefgen.render.pdf.blocks as blocks

    b = briefing("zh")
    sections = list(b.onepager.sections)
    fonts = typesetter("zh").fonts
    alone = [compose(b, PARK, Typesetter(fonts, "zh", 0, PAGE, PARK.palette), sections, placed).ops
             for placed in ({}, {1: "side"})]
    calls = []
    for role, r in list(blocks.ROLES.items()):
        def counted(block, ts, width, extra, _build=r.build):
            calls.append((id(block), width, extra, ts.level, tuple(sorted((ts.refs or {}).items()))))
            return _build(block, ts, width, extra)
        monkeypatch.setitem(blocks.ROLES, role, r._replace(build=counted))
    memo: dict = {}
    shared = [compose(b, PARK, Typesetter(fonts, "zh", 0, PAGE, PARK.palette, laid=memo), sections,
                      placed).ops for placed in ({}, {1: "side"})]
    assert shared == alone                                  # the same page either way
    assert len(calls) == len(set(calls)) and len(calls) < 2 * len(sections)   # none built twice
