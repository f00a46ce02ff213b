"""The one-pager's section roles: where each goes on the page, how it is laid out, what it draws.

``ROLES`` maps a Section.role to its zone ("strip" across the page under the header,
"main" the wide column, "side" the tinted panel, "side_end" the panel's foot), the model
block class it takes, a builder and the strings it will draw (for the glyph check).
A builder takes (block, typesetter, width, extra) and returns a Laid block; ``extra`` is
spare height only a chart uses.
"""

from __future__ import annotations

from typing import Callable, Iterator, NamedTuple

from briefgen import model
from briefgen.render.charts.style import chart_text
from briefgen.render.pdf.kpis import kpi_strip, kpi_strings
from briefgen.render.pdf.ops import ChartBox, Dot, Laid, Line, Rect, Span
from briefgen.render.pdf.text import Typesetter, Where, sup_text


def heading(text: str, ts: Typesetter, width: float, notes=()) -> Laid:
    """Return a section heading: a hairline with an accent bar over it, then the title."""
    m, p = ts.page.marks, ts.palette
    size = ts.size("heading")
    title = ts.para(text, width, size, p.primary, bold=True, notes=notes, tight=True)
    top = m.heading_bar + ts.gap("after_heading")
    ops = [Line(0, m.heading_bar / 2, width, m.heading_bar / 2, m.rule, p.rule),
           Rect(0, 0, m.heading_bar_len, m.heading_bar, p.accent)]
    out = Laid(top, ops)
    stack(out, title)
    out.height += ts.gap("after_heading")
    return out


def stack(into: Laid, block: Laid, dx: float = 0.0, gap: float = 0.0) -> None:
    """Append ``block`` under ``into`` (after ``gap``), moved right by ``dx``."""
    into.ops += block.place(dx, into.height + gap)
    into.height += gap + block.height
    into.stretch += block.stretch


def _chart(chart: model.Chart, ts: Typesetter, width: float, extra: float) -> Laid:
    """Return a chart: its title with note numbers over the chart box.

    The chart module draws the plot with its footnote under it, in the box. The title
    extracts as ``chart_reading`` and the plot as nothing, so copied text never scatters
    axis labels through the column.
    """
    out = heading(chart.title, ts, width, chart.notes)
    out.ops = [Span(actual=chart_reading(chart, ts))] + out.ops + [Span(end=True)]
    h = ts.page.charts.min_height + extra
    out.ops += [Span(), ChartBox(0, out.height, width, h, chart), Span(end=True)]
    out.height += h
    out.stretch = 1
    return out


def chart_reading(chart: model.Chart, ts: Typesetter) -> str:
    """Return what a chart reads as in text extraction: its title and marks, its alt text (the
    data in words) and its footnote, rather than labels scattered over the plot."""
    mark = sup_text(ts.marks(chart.notes))
    title = chart.title + (f"[{mark}]" if mark else "")
    words = chart.alt_text or " ".join(chart.value_labels)
    footnote = chart.footnote if chart.footnote not in words else ""
    return " ".join(x for x in (title, words, footnote) if x)


def once(ts: Typesetter, notes_per_item: list[tuple[int, ...]]) -> tuple[tuple[int, ...], bool]:
    """Return (notes, True) when every item cites the same documents, so the heading cites
    them once; else ((), False) and each item cites its own."""
    marks = {ts.marks(n) for n in notes_per_item}
    if len(marks) == 1:
        return tuple(n for item in notes_per_item for n in item), True
    return (), False


def _timeline(tl: model.Timeline, ts: Typesetter, width: float, extra: float) -> Laid:
    """Return the timeline: a dotted rail with each event's date over its text.

    ``extra`` spare height opens the gaps between events, up to ``event_spread`` times more.
    Events from one document are cited once, on the heading.
    """
    m, p = ts.page.marks, ts.palette
    notes, shared = once(ts, [(ev.note,) for ev in tl.events])
    out = heading(tl.heading, ts, width, notes)
    date_size, size = ts.size("event_date"), ts.size("item")
    spread = min(extra / max(len(tl.events) - 1, 1), ts.page.space.event_spread * ts.gap("event"))
    dots: list[Dot] = []
    for i, ev in enumerate(tl.events):
        gap = ts.gap("event") + spread if i else 0.0
        date = ts.para(ev.date, width - m.event_indent, date_size, p.primary, bold=True, tight=True)
        centre = out.height + gap + (date.ops[0].y - ts.middle(date_size) if date.ops else 0.0)
        dots.append(Dot(m.dot, centre, m.dot, p.accent if i == len(tl.events) - 1 else p.primary))
        stack(out, date, m.event_indent, gap)
        stack(out, ts.para(ev.text, width - m.event_indent, size, p.ink,
                           notes=() if shared else (ev.note,)), m.event_indent)
    if len(dots) > 1:
        out.ops.append(Line(m.dot, dots[0].y, m.dot, dots[-1].y, m.rail, p.rule))
    out.ops += dots
    out.stretch = 1
    return out


def _bullets(bl: model.Bullets, ts: Typesetter, width: float, extra: float) -> Laid:
    """Return a list: an optional heading, then items with square markers and note marks.

    A list whose items all come from one document is cited once: on its heading, or on
    its last item when it has none.
    """
    m, p = ts.page.marks, ts.palette
    notes, shared = once(ts, [b.notes for b in bl.items])
    out = heading(bl.heading, ts, width, notes) if bl.heading else Laid(0.0)
    size = ts.size("item")
    for i, item in enumerate(bl.items):
        indent = m.bullet_indent * (1 + item.level)
        own = item.notes if not shared else notes if not bl.heading and i == len(bl.items) - 1 else ()
        text = ts.para(item.text, width - indent, size, p.ink, notes=own)
        y = out.height + (ts.gap("paragraph") if i else 0.0)
        if text.ops:
            mark = size * m.bullet
            out.ops.append(Rect(indent - m.bullet_indent, y + text.ops[0].y - ts.middle(size) - mark / 2,
                                mark, mark, p.accent if item.level == 0 else p.secondary))
        stack(out, text, indent, ts.gap("paragraph") if i else 0.0)
    return out


def _narrative(par, ts: Typesetter, width: float, extra: float) -> Laid:
    """Return the narrative as a lead paragraph with an accent bar down its left side."""
    m, p = ts.page.marks, ts.palette
    out = ts.para(par.text, width - m.lead_indent, ts.size("lead"), p.ink, notes=par.notes)
    ops = out.place(m.lead_indent, 0)
    ops.insert(0, Rect(0, 0, m.lead_bar, out.height, p.accent))
    return Laid(out.height, ops)


def _contact(c: model.Contact, ts: Typesetter, width: float, extra: float) -> Laid:
    """Return the contact card: a heading and the contact lines."""
    out = heading(c.heading, ts, width)
    for line in c.lines:
        stack(out, ts.para(line, width, ts.size("item"), ts.palette.ink))
    return out


class Role(NamedTuple):
    """How a section role is placed (zone, rank within it), built and checked."""

    zone: str
    rank: int                          # order within the zone (then spec order)
    kind: type
    build: Callable[..., Laid]
    strings: Callable[..., Iterator[tuple[str, str]]]


def _chart_strings(c: model.Chart, lang: str) -> Iterator[tuple[str, str]]:
    yield c.title + sup_text(c.notes), "chart title"
    yield chart_text(c), "chart labels, footnote and source line"


def _timeline_strings(tl: model.Timeline, lang: str) -> Iterator[tuple[str, str]]:
    yield tl.heading, "timeline heading"
    for ev in tl.events:
        yield ev.date + ev.text + sup_text((ev.note,)), f"timeline event {ev.date}"


def _bullet_strings(bl: model.Bullets, lang: str) -> Iterator[tuple[str, str]]:
    yield bl.heading, "list heading"
    yield from ((b.text + sup_text(b.notes), "list item") for b in bl.items)


def _narrative_strings(par, lang: str) -> Iterator[tuple[str, str]]:
    yield par.text + sup_text(par.notes), "narrative"


def _contact_strings(c: model.Contact, lang: str) -> Iterator[tuple[str, str]]:
    yield c.heading, "contact heading"
    yield from ((line, "contact line") for line in c.lines)


ROLES: dict[str, Role] = {
    "kpis": Role("strip", 0, model.KpiCards, kpi_strip, kpi_strings),
    "narrative": Role("main", 0, model.Paragraph, _narrative, _narrative_strings),
    "chart": Role("main", 1, model.Chart, _chart, _chart_strings),
    "timeline": Role("side", 0, model.Timeline, _timeline, _timeline_strings),
    "list": Role("side", 1, model.Bullets, _bullets, _bullet_strings),
    "contact": Role("side_end", 0, model.Contact, _contact, _contact_strings),
}


def build(section: model.Section, ts: Typesetter, width: float, extra: float = 0.0) -> Laid:
    """Return ``section`` laid out ``width`` wide (``extra``: a chart's spare height), once per
    fitting for the same width and spare height (``Typesetter.once``)."""
    block = section.block
    return ts.once((id(block), section.role, width, extra),
                   lambda: ROLES[section.role].build(block, ts, width, extra), block)


def section_strings(section: model.Section, lang: str) -> Iterator[Where]:
    """Return every string a section draws, with its origin."""
    role = ROLES.get(section.role)
    if role and isinstance(section.block, role.kind):
        origin = section.origin or getattr(section.block, "origin", None)
        for text, what in role.strings(section.block, lang):
            if text:
                yield Where(text, origin, f"{section.role} section, {what}")
