"""The one-pager's KPI strip: big numbers with their prefix, suffix, mark, label and period.

Cells share a row's width equally. One number size serves the whole strip, the largest at
which every cell's number line fits its cell, so the figures read as a set. When prefixes
make a line too wide ("about 2,590 ha"), every cell gets a small kicker line above its
number and the prefixes go there; the suffix always stays on the number's line, so a
figure never stacks on three lines ("over RMB / 500 / billion"). When even that needs a
number under the floor, or labels would run past ``kpi_label_lines`` lines, the strip wraps
into more rows. The strip extracts as one run (figure, mark, label, period per cell).
"""

from __future__ import annotations

import math
from typing import Iterator

from briefgen import model
from briefgen.render.pdf.ops import Laid, Line, Span, Text
from briefgen.render.pdf.text import Typesetter, sup_text

SUP = 1.15                             # a KPI's note mark is set from this × the affix size
JOIN = {"zh": "；", "en": "; "}         # between figures in the strip's extracted text


def _widths(fig: model.Figure, ts: Typesetter, mode: str) -> tuple[float, float]:
    """Return the number line's fixed width in ``mode`` and its width per point of number size."""
    affix = ts.size("kpi_affix")
    fixed = ts.width(fig.prefix + fig.sep, affix) if mode == "inline" and fig.prefix else 0.0
    fixed += ts.width(fig.sep + fig.suffix, affix) if fig.suffix else 0.0
    fixed += ts.sup_width((fig.note,), affix * SUP, affix if fig.suffix else ts.size("kpi_number"))
    return fixed, ts.width(fig.number, 1.0, bold=True) or 1.0


def _number_size(items, ts: Typesetter, room: float) -> tuple[float, str]:
    """Return the strip's number size and where prefixes go: "inline" or "kicker" (a line above).

    The mode giving the largest number wins, preferring prefixes inline on a tie; the size
    may come out under the floor, which tells the caller to use wider cells.
    """
    size, floor = ts.size("kpi_number"), ts.page.type.kpi_number.floor
    best = (0.0, "kicker")
    for mode in ("inline", "kicker"):
        fits = min([(room - fixed) / per_pt for fixed, per_pt in (_widths(f, ts, mode) for f in items)]
                   + [size])
        if fits > best[0] + 0.05:
            best = (fits, mode)
        if best[0] >= size or (best[0] >= floor and mode == "kicker"):
            break
    return max(best[0], 1.0), best[1]


def _kicker(fig: model.Figure, mode: str) -> str:
    """Return what goes on the small line above the number in ``mode``."""
    return fig.prefix if mode == "kicker" else ""


def _number_line(fig: model.Figure, ts: Typesetter, fit: tuple[float, str, float], width: float) -> Laid:
    """Return the figure's number line under a kicker line ``fit[2]`` high (0 when none)."""
    p = ts.palette
    affix = ts.size("kpi_affix")
    size, mode, kicker = fit
    out = Laid(kicker, ts.para(_kicker(fig, mode), width, affix, p.primary, tight=True).ops)
    pitch = ts.pitch(size, tight=True)
    base = out.height + ts.baseline(size, pitch)
    x, sep = 0.0, ts.width(fig.sep, affix)
    if mode == "inline" and fig.prefix:
        out.ops.append(Text(x, base, fig.prefix, affix, p.primary))
        x += ts.width(fig.prefix, affix) + sep
    out.ops.append(Text(x, base, fig.number, size, p.primary, bold=True))
    x += ts.width(fig.number, size, True)
    if fig.suffix:
        out.ops.append(Text(x + sep, base, fig.suffix, affix, p.primary))
        x += sep + ts.width(fig.suffix, affix)
    mark = ts.sup((fig.note,), x, base, affix * SUP, p.accent, affix if fig.suffix else size)
    out.ops += [mark] if mark.text else []
    out.height += pitch
    return out


def _meta(fig: model.Figure) -> str:
    """Return the muted line under a label: the period, then any detail such as "(38,800 mu)"."""
    return " ".join(x for x in (fig.period, fig.detail) if x)


def _cell(fig: model.Figure, ts: Typesetter, width: float, fit: tuple[float, str, float]) -> Laid:
    """Return one KPI cell: top rule, number line, label, then period and detail."""
    m, p = ts.page.marks, ts.palette
    out = Laid(m.kpi_rule + m.kpi_pad * 0.55, [Line(0, m.kpi_rule / 2, width, m.kpi_rule / 2,
                                                    m.kpi_rule, p.primary)])
    blocks = [_number_line(fig, ts, fit, width),
              ts.para(fig.label, width, ts.size("kpi_label"), p.ink, bold=True)]
    meta = _meta(fig)
    if meta:
        blocks.append(ts.para(meta, width, ts.size("kpi_period"), p.muted))
    for i, block in enumerate(blocks):
        out.ops += block.place(0, out.height)
        out.height += block.height + (m.kpi_pad * 0.25 if i == 0 else 0.0)
    return out


def _per_row(items, ts: Typesetter, width: float) -> int:
    """Return how many cells a row takes: the most whose numbers and labels fit their cells."""
    g, floor = ts.page.grid, ts.page.type.kpi_number.floor
    gutter = g.gutter
    for rows in range(math.ceil(len(items) / g.kpi_per_row), len(items) + 1):
        per_row = math.ceil(len(items) / rows)          # rows as even as they can be
        cell_w = (width - gutter * (per_row - 1)) / per_row
        size, _ = _number_size(items, ts, cell_w)
        lines = max(len(ts.wrap(f.label, cell_w, ts.size("kpi_label"), True)) for f in items)
        if size >= floor and lines <= g.kpi_label_lines:
            return per_row
    return 1


def reading(fig: model.Figure, ts: Typesetter) -> str:
    """Return what a cell reads as: the figure as drawn, its marks, its label and period."""
    drawn = fig.sep.join(x for x in (fig.prefix, fig.number, fig.suffix) if x)
    mark = sup_text(ts.marks((fig.note,)))
    return " ".join(x for x in (drawn + (f"[{mark}]" if mark else ""), fig.label, _meta(fig)) if x)


def kpi_strip(kpis: model.KpiCards, ts: Typesetter, width: float, extra: float = 0.0) -> Laid:
    """Return the KPI strip: rows of equal cells, one number size for all."""
    gutter = ts.page.grid.gutter
    items = kpis.items
    if not items:
        return Laid(0.0)
    per_row = _per_row(items, ts, width)
    cell_w = (width - gutter * (per_row - 1)) / per_row
    size, mode = _number_size(items, ts, cell_w)
    out = Laid(0.0, [Span(actual=JOIN.get(ts.lang, "; ").join(reading(f, ts) for f in items))])
    for start in range(0, len(items), per_row):
        row = items[start:start + per_row]
        kicker = max(ts.para(_kicker(f, mode), cell_w, ts.size("kpi_affix"), "", tight=True).height
                     for f in row)
        cells = [_cell(fig, ts, cell_w, (size, mode, kicker)) for fig in row]
        top = out.height + (ts.gap("between_blocks") if start else 0.0)
        for i, cell in enumerate(cells):
            out.ops += cell.place(i * (cell_w + gutter), top)
        out.height = top + max(c.height for c in cells)
    out.ops.append(Span(end=True))
    return out


def kpi_strings(kpis: model.KpiCards, lang: str) -> Iterator[tuple[str, str]]:
    """Return every string the strip draws, with what it is."""
    for fig in kpis.items:
        what = f"figure {fig.fact_id}"
        yield fig.prefix + fig.sep + fig.number + fig.sep + fig.suffix + sup_text((fig.note,)), what
        yield fig.label, f"label of {what}"
        yield _meta(fig), f"period of {what}"
