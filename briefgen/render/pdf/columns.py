"""The handout's two body columns: sections stacked in a column, spare height shared, overflow measured."""

from __future__ import annotations

from briefgen import model
from briefgen.render.pdf.blocks import build, stack
from briefgen.render.pdf.ops import Laid, Op, Rect
from briefgen.render.pdf.text import Typesetter

EPSILON = 1e-6                         # rounding: a column this much too tall still fits


Stacked = tuple[float, list[tuple[model.Section, float]]]


def stacked_height(blocks: list[Laid], ts: Typesetter) -> float:
    """Return the height of ``blocks`` stacked with the gap between blocks."""
    return sum(b.height for b in blocks) + ts.gap("between_blocks") * max(len(blocks) - 1, 0)


def main_column(ops: list[Op], sections, ts: Typesetter, x: float, y: float, w: float, h: float,
                tail: Laid | None = None) -> Stacked:
    """Add the main column to ``ops``, ending with ``tail`` (the glossary note) at its foot;
    return its overflow of ``h`` (<= 0 fits) and section bottoms."""
    return column(ops, sections, ts, x, y, w, h, 0.0, tail)


def side_panel(ops: list[Op], sections, ts: Typesetter, x: float, y: float, w: float, h: float) -> Stacked:
    """Add the tinted side panel to ``ops``; return its overflow of ``h`` and section bottoms."""
    if not sections:
        return -h, []
    ops.append(Rect(x, y, w, max(h, 0.0), ts.palette.tint))
    return column(ops, sections, ts, x, y, w, h, ts.page.marks.panel_pad)


def column(ops: list[Op], sections, ts: Typesetter, x: float, y: float, w: float, h: float,
           pad: float, tail: Laid | None = None) -> Stacked:
    """Add a column of ``sections`` inside ``pad`` to ``ops``; return its overflow and section bottoms.

    The overflow is measured at natural heights. A column that fits shares its spare height:
    charts and the timeline take it first (within their limits), then the gaps between
    blocks widen (up to ``spread`` times); what is left stays at the column's end, and is
    returned as a negative overflow. A ``tail`` sits at the column's foot, under the spare
    height, and the bottoms count it, so the section it pushes past the edge is the one cut.
    """
    if not sections:
        return -h, []
    tail_h = tail.height + ts.gap("between_blocks") if tail is not None and tail.height else 0.0
    inner, room = w - 2 * pad, h - 2 * pad - tail_h
    laid = [build(s, ts, inner) for s in sections]
    need = stacked_height(laid, ts)
    stretch = sum(b.stretch for b in laid)
    if stretch and need < room:
        c = ts.page.charts
        extra = min((room - need) / stretch, c.max_height - c.min_height)
        laid = [build(s, ts, inner, extra) if b.stretch else b
                for s, b in zip(sections, laid)]
    gap = ts.gap("between_blocks")
    spare = room - stacked_height(laid, ts)
    if spare > 0 and len(laid) > 1:
        gap += min(spare / (len(laid) - 1), gap * ts.page.space.spread)
    laid_out, bottoms = Laid(0.0), []
    for s, block in zip(sections, laid):
        stack(laid_out, block, gap=gap if laid_out.ops else 0.0)
        bottoms.append((s, pad + laid_out.height + tail_h))
    ops += laid_out.place(x + pad, y + pad)
    if tail_h:                                  # read after the column, drawn at its foot
        ops += tail.place(x + pad, y + pad + room + ts.gap("between_blocks"))
    if need > room + EPSILON:
        return need - room, bottoms
    return min(laid_out.height - room, 0.0), bottoms
