"""The timeline: an axis with dots, each event's date and text on a stem, alternating when crowded."""

from __future__ import annotations

import math
from dataclasses import dataclass

from briefgen.model import Event, Timeline
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, blank, block_of, pages
from briefgen.render.pptx.lists import draw_heading, heading_of
from briefgen.render.pptx.text import (
    Para, Span, balanced_width, fit, overflow_error, text_width,
)
from briefgen.theme import deck as D


@dataclass(frozen=True)
class Geometry:
    """Where a run of events sits: dot spacing, text box width and the axis."""

    alternate: bool
    box_w: float
    step: float
    first_x: float
    axis_y: float
    region_h: float


@dataclass(frozen=True)
class Plan:
    """A run of events on one slide, with its geometry and type sizes."""

    events: tuple[Event, ...]
    geo: Geometry
    date_size: float
    text_size: float


def geometry(n: int, top: float) -> Geometry:
    """Return the geometry of ``n`` events in the body below ``top``."""
    gap, width = D.GUTTER, D.CONTENT_W
    box_w = (width - gap * (n - 1)) / n
    alternate = n > 2 and box_w < D.TIMELINE_MIN_SLOT
    reach = D.TIMELINE_DOT / 2 + D.TIMELINE_STEM
    if alternate:
        box_w = (2 * width - gap * (n - 1)) / (n + 1)
        step = (width - box_w) / (n - 1)
        axis_y = top + (D.BODY_BOTTOM - top) / 2
        region_h = (D.BODY_BOTTOM - top) / 2 - reach
    else:
        step = box_w + gap
        axis_y = top + (D.BODY_BOTTOM - top) * D.TIMELINE_AXIS_AT
        region_h = D.BODY_BOTTOM - axis_y - reach
    return Geometry(alternate, box_w, step, D.MARGIN_X + box_w / 2, axis_y, region_h)


def _date_h(size: float, lines: int) -> float:
    return lines * size * D.TIMELINE_LINE + D.TIMELINE_TEXT_GAP


def _date_fit(events, inner: float) -> tuple[float, int] | float:
    """Return the dates' shared size and line count: one line if any size allows, else two."""
    for lines in (1, 2):
        box = lines * D.TIMELINE_DATE.max * D.TIMELINE_LINE
        got = [fit([e.date], inner, box, D.TIMELINE_DATE, bold=True, line=D.TIMELINE_LINE)
               for e in events]
        if all(g.fits for g in got):
            size = min(g.size for g in got)
            return size, max(len(fit([e.date], inner, box, D.Range(size, size), bold=True,
                                     line=D.TIMELINE_LINE).lines[0]) for e in events)
    return max(g.overflow for g in got)


def plan_run(events: tuple[Event, ...], top: float) -> Plan | float:
    """Return the Plan of ``events`` on one slide, or by how much (pt) they overflow at the floor."""
    geo = geometry(len(events), top)
    inner = geo.box_w - 2 * D.TIMELINE_SIDE_PAD
    dates = _date_fit(events, inner)
    if not isinstance(dates, tuple):
        return dates
    date_size, date_lines = dates
    room = geo.region_h - _date_h(date_size, date_lines)
    sizes = D.Range(max(min(D.TIMELINE_TEXT.max, date_size), D.TIMELINE_TEXT.min),
                    D.TIMELINE_TEXT.min)            # a text never outsizes its date
    texts = [fit([e.text], inner, room, sizes, line=D.TIMELINE_LINE) for e in events]
    if not all(t.fits for t in texts):
        return max(t.overflow for t in texts)
    return Plan(events, geo, date_size, min(t.size for t in texts))


def plan_timeline(events: tuple[Event, ...], top: float, origin, min_pages: int = 1) -> list[Plan]:
    """Return the slides' plans: as many events a slide as fit (over at least ``min_pages``
    slides), runs balanced, else FitError."""
    overflow = 0.0
    most = min(len(events), D.TIMELINE_MAX_EVENTS, math.ceil(len(events) / max(min_pages, 1)))
    for per in range(most, 0, -1):
        count = math.ceil(len(events) / per)
        base, extra = divmod(len(events), count)
        runs, start = [], 0
        for i in range(count):
            size = base + (1 if i < extra else 0)
            runs.append(events[start:start + size])
            start += size
        plans = [plan_run(run, top) for run in runs]
        if all(isinstance(p, Plan) for p in plans):
            return plans
        overflow = max(p for p in plans if not isinstance(p, Plan))
    raise overflow_error("a timeline event", overflow, D.TIMELINE_TEXT.min, origin)


def _event(ctx: Ctx, slide, plan: Plan, i: int, event: Event) -> None:
    pal, geo = ctx.pal, plan.geo
    x = geo.first_x + i * geo.step
    above = geo.alternate and i % 2 == 0
    sign = -1 if above else 1
    near = geo.axis_y + sign * D.TIMELINE_DOT / 2
    far = near + sign * D.TIMELINE_STEM
    shapes.rule(slide, x, near, x, far, pal.rule, 1.0, name=f"Stem {i + 1}")
    y = far - geo.region_h if above else far
    items = [Para((Span(event.date, plan.date_size, pal.primary, True),),
                  plan.date_size * D.TIMELINE_LINE, "ctr"),
             Para((Span(event.text, plan.text_size, pal.ink),),
                  plan.text_size * D.TIMELINE_LINE, "ctr", D.TIMELINE_TEXT_GAP)]
    inner = geo.box_w - 2 * D.TIMELINE_SIDE_PAD
    date_w = text_width(event.date, plan.date_size, True) / (1 - D.WIDTH_MARGIN) + 1.0
    w = min(inner, max(date_w, balanced_width(event.text, inner, plan.text_size)))
    ctx.writer.box(slide, x - w / 2, y, w, geo.region_h, items,
                   anchor="b" if above else "t", name=f"Event {i + 1}")
    last = i == len(plan.events) - 1
    shapes.ring(slide, x, geo.axis_y, D.TIMELINE_DOT / 2, pal.accent if last else pal.primary,
                pal.paper, D.TIMELINE_DOT_RING, name=f"Dot {i + 1}")


def _drawer(plan: Plan, heading: str, origin):
    def draw(ctx: Ctx, slide) -> None:
        if heading:
            draw_heading(ctx, slide, heading, D.MARGIN_X, D.BODY_Y, D.CONTENT_W, origin)
        geo = plan.geo
        shapes.rect(slide, D.MARGIN_X, geo.axis_y - D.TIMELINE_AXIS_H / 2, D.CONTENT_W,
                    D.TIMELINE_AXIS_H, ctx.pal.rule, name="Axis")
        for i, event in enumerate(plan.events):
            _event(ctx, slide, plan, i, event)
    return draw


def timeline_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a timeline slide, continuing when the events do not fit one slide."""
    block = block_of(ctx, slide, Timeline, "events")
    if block is None:
        return blank(ctx, slide)
    origin = block.origin or slide.origin
    heading = heading_of(block, slide.title)
    top = D.BODY_Y + ((D.HEADING.max * 1.2 + D.HEADING_GAP) if heading else 0.0)
    plans = plan_timeline(block.events, top, origin, ctx.min_pages)
    return pages(ctx, slide.title, [_drawer(p, heading, origin) for p in plans])
