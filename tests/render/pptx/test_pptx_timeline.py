"""Tests of the timeline: alternating when crowded, inside the margins, continued when too long."""

from __future__ import annotations

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import Event, Slide, Timeline
from briefgen.render.pptx.timeline import geometry, plan_timeline
from briefgen.theme import deck as D
from model_samples import briefing, timeline
from test_render_pptx import open_deck, render_deck, shape_named, with_slides


def test_crowded_timelines_alternate_and_sparse_ones_do_not():
    assert geometry(8, D.BODY_Y).alternate
    assert not geometry(4, D.BODY_Y).alternate


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
