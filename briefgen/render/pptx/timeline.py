"""The timeline: one axis with dots, each event's date and text on a stem, alternating above and
below; events of one year read as a group (a bar on the axis, the year printed once)."""

from __future__ import annotations

import math

from briefgen.frozen import frozen
from briefgen.model import Event, Timeline
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, blank, block_of, pages
from briefgen.render.pptx.lists import draw_heading, heading_of
from briefgen.render.pptx.text import (
    Para, Span, fit, overflow_error,
)
from briefgen.theme import deck as D


@frozen
class Geometry:
    """Where a run of events sits: dot spacing, text box width and the axis."""

    alternate: bool
    box_w: float
    step: float
    first_x: float
    axis_y: float
    region_h: float


@frozen
class Plan:
    """A run of events on one slide, with its geometry and type sizes."""

    events: tuple[Event, ...]
    geo: Geometry
    date_size: float
    text_size: float


def geometry(n: int, top: float) -> Geometry:
    """Return the geometry of ``n`` event slots in the body below ``top``: always two rows,
    events alternating above and below one axis (one layout for every timeline)."""
    gap, width = D.GUTTER, D.CONTENT_W
    n = max(n, 2)
    reach = D.TIMELINE_DOT / 2 + D.TIMELINE_STEM
    box_w = (2 * width - gap * (n - 1)) / (n + 1)
    step = (width - box_w) / (n - 1)
    axis_y = top + (D.BODY_BOTTOM - top) / 2
    region_h = (D.BODY_BOTTOM - top) / 2 - reach
    return Geometry(True, box_w, step, D.MARGIN_X + box_w / 2, axis_y, region_h)


def groups(events: tuple[Event, ...]) -> list[tuple[int, int]]:
    """Return the (first, last) index of every run of two or more events in the same year."""
    out, start = [], 0
    for i in range(1, len(events) + 1):
        if i == len(events) or events[i].year != events[start].year:
            if i - start > 1:
                out.append((start, i - 1))
            start = i
    return out


def shown_dates(events: tuple[Event, ...], lang: str) -> tuple[str, ...]:
    """Return each event's date as printed: an event after the first of its year drops the year
    (it reads as one group with it), keeping its day and month if it has them."""
    out = []
    for i, e in enumerate(events):
        if i and events[i - 1].year == e.year:
            day = e.date.replace(f"{e.year}年", "", 1) if lang == "zh" else \
                e.date.replace(f" {e.year}", "").replace(str(e.year), "").strip(" ,")
            out.append(day)
        else:
            out.append(e.date)
    return tuple(out)


def _date_h(size: float, lines: int) -> float:
    return lines * size * D.TIMELINE_LINE + D.TIMELINE_TEXT_GAP


def _date_fit(dates, inner: float) -> tuple[float, int] | float:
    """Return the dates' shared size and line count: one line if any size allows, else two."""
    dates = [d for d in dates if d] or ["0"]
    for lines, sizes in ((1, D.TIMELINE_DATE), (2, D.TIMELINE_DATE_2)):   # two lines: smaller
        box = lines * sizes.max * D.TIMELINE_LINE
        got = [fit([d], inner, box, sizes, bold=True, line=D.TIMELINE_LINE) for d in dates]
        if all(g.fits for g in got):
            size = min(g.size for g in got)
            return size, max(len(fit([d], inner, box, D.Range(size, size), bold=True,
                                     line=D.TIMELINE_LINE).lines[0]) for d in dates)
    return max(g.overflow for g in got)


def plan_run(events: tuple[Event, ...], top: float, slots: int = 0, lang: str = "zh",
             cap: float = D.TIMELINE_TEXT.max) -> Plan | tuple[float, str]:
    """Return the Plan of ``events`` on one slide in ``slots`` slots (their count by default),
    or (overflow in pt at the floor, the text that overflows most)."""
    geo = geometry(slots or len(events), top)
    inner = geo.box_w - 2 * D.TIMELINE_SIDE_PAD
    dates = _date_fit(shown_dates(events, lang), inner)
    if not isinstance(dates, tuple):
        return dates, events[0].date
    date_size, date_lines = dates
    room = geo.region_h - _date_h(date_size, date_lines)
    sizes = D.Range(max(min(D.TIMELINE_TEXT.max, date_size, cap), D.TIMELINE_TEXT.min),
                    D.TIMELINE_TEXT.min)            # a text never outsizes its date
    texts = [fit([e.text], inner, room, sizes, line=D.TIMELINE_LINE) for e in events]
    if not all(t.fits for t in texts):
        worst = max(range(len(texts)), key=lambda i: texts[i].overflow)
        return texts[worst].overflow, events[worst].text
    return Plan(events, geo, date_size, min(t.size for t in texts))


def plan_timeline(events: tuple[Event, ...], top: float, origin, min_pages: int = 1, *,
                  ctx: Ctx | None = None, cap: float = D.TIMELINE_TEXT.max) -> list[Plan]:
    """Return the slides' plans: as many events a slide as fit (over at least ``min_pages``
    slides), runs balanced and drawn in the same slots, else FitError."""
    lang = ctx.lang if ctx else "zh"
    worst = (0.0, "")
    most = min(len(events), D.TIMELINE_MAX_EVENTS, math.ceil(len(events) / max(min_pages, 1)))
    for per in range(most, 0, -1):
        count = math.ceil(len(events) / per)
        base, extra = divmod(len(events), count)
        runs, start = [], 0
        for i in range(count):
            size = base + (1 if i < extra else 0)
            runs.append(events[start:start + size])
            start += size
        slots = max(len(r) for r in runs)
        plans = [plan_run(run, top, slots, lang, cap) for run in runs]
        if all(isinstance(p, Plan) for p in plans):
            return plans
        worst = max((p for p in plans if not isinstance(p, Plan)), key=lambda p: p[0])
    if ctx is None:
        raise overflow_error("a timeline event", worst[0], D.TIMELINE_TEXT.min, origin)
    inner = geometry(1, top).box_w - 2 * D.TIMELINE_SIDE_PAD
    raise ctx.fit_error("a timeline event", worst[1], worst[0], D.TIMELINE_TEXT.min, inner,
                        D.TIMELINE_LINE, origin,
                        ("shorten this event's text", "choose fewer events with events: […]"))


def _event(ctx: Ctx, slide, plan: Plan, i: int, event: Event, date: str, x: float,
           highlight: str) -> None:
    pal, geo = ctx.pal, plan.geo
    above = i % 2 == 0
    sign = -1 if above else 1
    near = geo.axis_y + sign * D.TIMELINE_DOT / 2
    far = near + sign * D.TIMELINE_STEM
    shapes.rule(slide, x, near, x, far, pal.rule, 1.0, name=f"Stem {i + 1}")
    y = far - geo.region_h if above else far
    items = [Para((Span(date or " ", plan.date_size, pal.primary, True),),
                  plan.date_size * D.TIMELINE_LINE, "ctr"),
             Para((Span(event.text, plan.text_size, pal.ink),),
                  plan.text_size * D.TIMELINE_LINE, "ctr", D.TIMELINE_TEXT_GAP)]
    inner = geo.box_w - 2 * D.TIMELINE_SIDE_PAD
    ctx.writer.box(slide, x - inner / 2, y, inner, geo.region_h, items,
                   anchor="b" if above else "t", name=f"Event {i + 1}")
    marked = bool(highlight) and event.fact_id == highlight
    shapes.ring(slide, x, geo.axis_y, D.TIMELINE_DOT / 2, pal.accent if marked else pal.primary,
                pal.paper, D.TIMELINE_DOT_RING, name=f"Dot {i + 1}")


def _drawer(plan: Plan, highlight: str):
    def draw(ctx: Ctx, slide) -> None:
        geo = plan.geo
        shapes.rect(slide, D.MARGIN_X, geo.axis_y - D.TIMELINE_AXIS_H / 2, D.CONTENT_W,
                    D.TIMELINE_AXIS_H, ctx.pal.rule, name="Axis")
        slots = round((D.CONTENT_W - geo.box_w) / geo.step) + 1 if geo.step else 1
        offset = (slots - len(plan.events)) * geo.step / 2
        xs = [geo.first_x + offset + i * geo.step for i in range(len(plan.events))]
        for n, (a, b) in enumerate(groups(plan.events)):
            shapes.rect(slide, xs[a], geo.axis_y - D.TIMELINE_GROUP_H / 2, xs[b] - xs[a],
                        D.TIMELINE_GROUP_H, ctx.pal.primary, name=f"Year group {n + 1}")
        dates = shown_dates(plan.events, ctx.lang)
        for i, event in enumerate(plan.events):
            _event(ctx, slide, plan, i, event, dates[i], xs[i], highlight)
    return draw


def timeline_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a timeline slide, continuing in the same layout when the events do
    not fit one slide. Only the spec's ``highlight`` event takes the accent."""
    block = block_of(ctx, slide, Timeline, "events")
    if block is None:
        return blank(ctx, slide)
    origin = block.origin or slide.origin
    if block.highlight and block.highlight not in {e.fact_id for e in block.events}:
        ctx.warn(origin, f"timeline highlight: {block.highlight!r} is not one of the slide's "
                         "events; nothing is highlighted")
    heading = "" if slide.title else heading_of(block, slide.title)
    top = D.BODY_Y + ((D.HEADING.max * 1.2 + D.HEADING_GAP) if heading else 0.0)
    cap = ctx.hint.get("timeline_text", D.TIMELINE_TEXT.max / D.PARITY_RATIO) * D.PARITY_RATIO
    plans = plan_timeline(block.events, top, origin, ctx.min_pages, ctx=ctx, cap=cap)
    ctx.choice["timeline_text"] = min(p.text_size for p in plans)

    def with_heading(draw):
        def both(c: Ctx, s) -> None:
            if heading:
                draw_heading(c, s, heading, D.MARGIN_X, D.BODY_Y, D.CONTENT_W, origin)
            draw(c, s)
        return both

    return pages(ctx, slide.title, [with_heading(_drawer(p, block.highlight)) for p in plans])
