"""The one-pager's KPI strip: big numbers with their prefix, suffix, note, label and period.

Cells share the strip's width equally (rows of at most six). One number size serves the
whole strip, the largest at which every cell's number line fits its cell, so the figures
read as a set. When prefixes make a line too wide ("about 2,590 ha"), every cell gets a
small kicker line above its number and the prefixes go there; as a last resort ("stacked")
the suffix also leaves the number line for a small line right under the number, so a
magnitude is never read apart from its number ("over RMB / 500 / billion").
"""

from __future__ import annotations

from typing import Iterator

from briefgen import model
from briefgen.render.pdf.ops import Laid, Line, Text
from briefgen.render.pdf.text import Typesetter, sup_text

PER_ROW = 6
SUP = 1.15                             # a KPI's note number is set from this × the affix size


def _widths(fig: model.Figure, ts: Typesetter, mode: str) -> tuple[float, float]:
    """Return the number line's fixed width in ``mode`` and its width per point of number size."""
    affix = ts.size("kpi_affix")
    suffix = mode != "stacked" and fig.suffix
    fixed = ts.width(fig.prefix + fig.sep, affix) if mode == "inline" and fig.prefix else 0.0
    fixed += ts.width(fig.sep + fig.suffix, affix) if suffix else 0.0
    fixed += ts.sup_width((fig.note,), affix * SUP, affix if suffix else ts.size("kpi_number"))
    return fixed, ts.width(fig.number, 1.0, bold=True) or 1.0


def _number_size(items, ts: Typesetter, room: float) -> tuple[float, str]:
    """Return the strip's number size and where affixes go: "inline", "kicker" or "stacked".

    "kicker" sets each prefix on a small line above its number; "stacked" also moves the
    suffix to a small line under it.
    The mode giving the largest number wins, preferring affixes inline on a tie.
    """
    size, floor = ts.size("kpi_number"), ts.page.type.kpi_number.floor
    best = (0.0, "stacked")
    for mode in ("inline", "kicker", "stacked"):
        fits = min([(room - fixed) / per_pt for fixed, per_pt in (_widths(f, ts, mode) for f in items)]
                   + [size])
        if fits > best[0] + 0.05:
            best = (fits, mode)
        if best[0] >= size or (best[0] >= floor and mode == "kicker"):
            break
    return max(best[0], 1.0), best[1]


def _kicker(fig: model.Figure, mode: str) -> str:
    """Return what goes on the small line above the number in ``mode``."""
    return fig.prefix if mode in ("kicker", "stacked") else ""


def _number_line(fig: model.Figure, ts: Typesetter, fit: tuple[float, str, float], width: float) -> Laid:
    """Return the figure's number line under a kicker line ``fit[2]`` high (0 when none)."""
    p = ts.palette
    affix = ts.size("kpi_affix")
    size, mode, kicker = fit
    out = Laid(kicker, ts.para(_kicker(fig, mode), width, affix, p.primary, tight=True).ops)
    pitch = ts.pitch(size, tight=True)
    base = out.height + ts.baseline(size, pitch)
    x, sep = 0.0, ts.width(fig.sep, affix)
    suffix = mode != "stacked" and fig.suffix
    if mode == "inline" and fig.prefix:             # separators extract, never drawn wide
        out.ops.append(Text(x, base, fig.prefix, affix, p.primary, actual=fig.prefix + fig.sep))
        x += ts.width(fig.prefix, affix) + sep
    out.ops.append(Text(x, base, fig.number, size, p.primary, bold=True))
    x += ts.width(fig.number, size, True)
    if suffix:
        out.ops.append(Text(x + sep, base, fig.suffix, affix, p.primary, actual=fig.sep + fig.suffix))
        x += sep + ts.width(fig.suffix, affix)
    out.ops.append(ts.sup((fig.note,), x, base, affix * SUP, p.accent, affix if suffix else size))
    out.height += pitch
    if mode == "stacked":                           # every cell keeps the line, so labels align
        under = ts.para(fig.suffix, width, affix, p.primary, tight=True) if fig.suffix else Laid(0.0)
        out.ops += under.place(0, out.height)
        out.height += max(under.height, ts.pitch(affix, tight=True))
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


def kpi_strip(kpis: model.KpiCards, ts: Typesetter, width: float, extra: float = 0.0) -> Laid:
    """Return the KPI strip: rows of equal cells, one number size for all."""
    gutter = ts.page.grid.gutter
    out = Laid(0.0)
    items = kpis.items
    for start in range(0, len(items), PER_ROW):
        row = items[start:start + PER_ROW]
        cell_w = (width - gutter * (len(row) - 1)) / len(row)
        size, mode = _number_size(items, ts, cell_w)
        kicker = max(ts.para(_kicker(f, mode), cell_w, ts.size("kpi_affix"), "", tight=True).height
                     for f in row)
        cells = [_cell(fig, ts, cell_w, (size, mode, kicker)) for fig in row]
        top = out.height + (ts.gap("between_blocks") if start else 0.0)
        for i, cell in enumerate(cells):
            out.ops += cell.place(i * (cell_w + gutter), top)
        out.height = top + max(c.height for c in cells)
    return out


def kpi_strings(kpis: model.KpiCards, lang: str) -> Iterator[tuple[str, str]]:
    """Return every string the strip draws, with what it is."""
    for fig in kpis.items:
        what = f"figure {fig.fact_id}"
        yield fig.prefix + fig.sep + fig.number + fig.sep + fig.suffix + sup_text((fig.note,)), what
        yield fig.label, f"label of {what}"
        yield _meta(fig), f"period of {what}"
