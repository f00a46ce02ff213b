"""Tests of the timeline: alternating when crowded, inside the margins, continued when too long."""

from __future__ import annotations

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import Event, Slide, Timeline
from briefgen.render.pptx.timeline import geometry, plan_timeline
from briefgen.theme import deck as D
from model_samples import briefing, timeline
from test_render_pptx import open_deck, render_deck, shape_named, with_slides


def test_every_timeline_has_one_layout_alternating_above_and_below():
    assert all(geometry(n, D.BODY_Y).alternate for n in (2, 4, 8, 10))


@pytest.mark.parametrize("n", [1, 3, 8, 10])
def test_event_boxes_stay_inside_the_margins_and_do_not_collide(n):
    geo = geometry(n, D.BODY_Y)
    xs = [geo.first_x + i * geo.step for i in range(n)]
    assert xs[0] - geo.box_w / 2 >= D.MARGIN_X - 1e-6
    assert xs[-1] + geo.box_w / 2 <= D.SLIDE_W - D.MARGIN_X + 1e-6
    same_side = 2 if geo.alternate else 1
    if n > same_side:
        assert geo.step * same_side >= geo.box_w


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_park_milestones_fit_one_slide_with_dates_and_texts(lang):
    events = timeline(lang).events
    plans = plan_timeline(events, D.BODY_Y, None)
    assert len(plans) == 1 and plans[0].text_size >= D.TIMELINE_TEXT.min
    model = briefing(lang)
    slide = next(s for s in model.slides if s.kind == "timeline")
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    texts = [shape_named(prs.slides[0], f"Event {i + 1}")[0].text_frame.text.replace("\v", "")
             for i in range(8)]
    assert texts == [f"{e.date}\n{e.text}" for e in events]
    assert len(shape_named(prs.slides[0], "Dot 8")) == 1


def test_many_events_continue_in_balanced_runs():
    events = tuple(Event(str(2000 + i), 2000 + i, f"事件{i}") for i in range(23))
    plans = plan_timeline(events, D.BODY_Y, None)
    assert [len(p.events) for p in plans] == [8, 8, 7]
    model = briefing("zh")
    prs = open_deck(render_deck(with_slides(model, Slide("timeline", "大事记",
                                                              (Timeline(events),))))[0])
    assert [s.shapes.title.text for s in prs.slides] == ["大事记", "大事记（续 2/3）", "大事记（续 3/3）"]


def test_an_event_too_long_for_any_slide_fails_with_the_origin():
    events = (Event("2003", 2003, "园区" * 400),)
    with pytest.raises(FitError, match=r"^t.yaml:9:3: a timeline event overflows its box by \d+ pt"):
        plan_timeline(events, D.BODY_Y, Origin("t.yaml", 9, 3))


def _events(n: int, same_year: int = 0) -> tuple[Event, ...]:
    """Return ``n`` events, the first ``same_year`` of them in 2021, each with its own id."""
    years = [2021] * same_year + list(range(2003, 2003 + n - same_year))
    return tuple(Event(f"{y}年", y, f"第{i + 1}件事：园区获评省级开发区", fact_id=f"e{i}")
                 for i, y in enumerate(sorted(years)))


def _geometry(slide):
    """Return (left, width) of every event box and the y of every dot on a rendered slide."""
    boxes = [s for s in slide.shapes if s.name.startswith("Event ")]
    return [(round(b.left / 12700, 1), round(b.width / 12700, 1)) for b in boxes]


def test_thirteen_events_take_two_slides_in_one_layout_with_one_column_width():
    model = briefing("en")
    slide = Slide("timeline", "Milestones", (Timeline(_events(13), origin=Origin("t.yaml", 1, 1)),))
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    assert len(prs.slides) == 2
    widths = {w for s in prs.slides for _, w in _geometry(s)}
    assert len(widths) == 1                                  # the same column width on both
    counts = [len(_geometry(s)) for s in prs.slides]
    assert counts == [7, 6]
    for s in prs.slides:                                     # above, below, above … on both
        tops = [b.top for b in s.shapes if b.name.startswith("Event ")]
        axis = shape_named(s, "Axis")[0]
        sides = [t < axis.top for t in tops]
        assert sides == [i % 2 == 0 for i in range(len(tops))]


def test_nothing_is_highlighted_unless_the_spec_says_which_event():
    from lxml import etree
    model = briefing("zh")

    def dot_fills(tl):
        prs = open_deck(render_deck(with_slides(model, Slide("timeline", "大事记", (tl,))))[0])
        dots = [s for s in prs.slides[0].shapes if s.name.startswith("Dot ")]
        return [etree.tostring(d._element.spPr).decode().count(model_colour) for d in dots]

    from briefgen.theme import PARK
    model_colour = PARK.palette.accent
    events = _events(5)
    assert dot_fills(Timeline(events)) == [0] * 5
    assert dot_fills(Timeline(events, highlight="e3")) == [0, 0, 0, 1, 0]


def test_events_of_one_year_print_the_year_once_and_share_a_bar():
    model = briefing("zh")
    slide = Slide("timeline", "大事记", (Timeline(_events(6, same_year=4)),))
    page = open_deck(render_deck(with_slides(model, slide))[0]).slides[0]
    dates = [s.text_frame.paragraphs[0].text.strip() for s in page.shapes if s.name.startswith("Event ")]
    assert dates == ["2003年", "2004年", "2021年", "", "", ""]
    bars = shape_named(page, "Year group 1")
    dots = [s for s in page.shapes if s.name.startswith("Dot ")]
    centre = [(d.left + d.width / 2) / 12700 for d in dots]
    assert bars and abs(bars[0].left / 12700 - centre[2]) < 0.5
    assert abs((bars[0].left + bars[0].width) / 12700 - centre[5]) < 0.5


def test_a_day_in_a_year_group_keeps_its_day_and_month():
    from briefgen.render.pptx.timeline import shown_dates
    events = (Event("2022年1月11日", 2022, "a"), Event("2022年2月8日", 2022, "b"))
    assert shown_dates(events, "zh") == ("2022年1月11日", "2月8日")
    events = (Event("11 January 2022", 2022, "a"), Event("8 February 2022", 2022, "b"))
    assert shown_dates(events, "en") == ("11 January 2022", "8 February")


def test_an_event_too_long_says_the_language_the_event_and_what_to_do():
    model = briefing("en")
    long = (Event("2003", 2003, "word " * 400, fact_id="x"),) + _events(3)[1:]
    slide = Slide("timeline", "T", (Timeline(long, origin=Origin("t.yaml", 4, 3)),))
    with pytest.raises(FitError) as err:
        render_deck(with_slides(model, slide))
    message = str(err.value)
    assert message.startswith("t.yaml:4:3: [en] a timeline event (“word word word word wo…”) is about ")
    assert message.endswith("too long at the 14 pt floor: shorten this event's text; "
                            "choose fewer events with events: […]")
