"""Fitting the one-pager onto one A4 page: shrink within the floors, drop optional sections, else fail.

The page is composed top-down: the header band, the KPI strip(s), then a body of two
columns (the wide main column and the tinted side panel), then the source notes and the
footer anchored to the bottom margin. Every block is measured by laying it out, so nothing
is drawn that was not measured. Charts take the main column's spare height, within limits.

Fitting walks the type scale's levels from the design sizes to the floors. When even the
floors overflow, the last optional section on the overflowing path is dropped (with a
warning naming its origin) and fitting starts again at the design sizes; when nothing
optional is left, FitError says what overflowed, by how much, and where in the spec.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass

from briefgen import model
from briefgen.errors import FitError, Origin
from briefgen.render.pdf.blocks import ROLES, stack
from briefgen.render.pdf.frame import footer, header, notes
from briefgen.render.pdf.ops import Laid, Op, Rect
from briefgen.render.pdf.text import PdfFonts, Typesetter
from briefgen.theme.page import LEVELS, MM, PageStyle

FIXED = {"chart"}                      # roles whose height the fitter sets, not their text
_COLUMNS = {"main": "main column (charts and narrative)",
            "side": "side panel (timeline, lists and contact)"}


@dataclass
class Composed:
    """One attempt at the page: its operations, or by how much and where it overflows."""

    ops: list[Op] = field(default_factory=list)
    overflow: float = 0.0
    place: str = ""                                           # what is too tall
    where: str = ""                                           # which part to shorten, in words
    origin: Origin | None = None                              # and where it is in the spec
    path: list[model.Section] = field(default_factory=list)   # sections that could make room


def usable(onepager: model.OnePager) -> tuple[list[model.Section], list[str]]:
    """Return the sections the page can draw, and a warning for each it cannot."""
    keep, warnings = [], []
    for s in onepager.sections:
        role = ROLES.get(s.role)
        if role is None:
            warnings.append(f"{_where(s)}one-pager: cannot draw a section with role {s.role!r} "
                            f"(expected one of {', '.join(ROLES)}); left out")
        elif not isinstance(s.block, role.kind):
            warnings.append(f"{_where(s)}one-pager: a {s.role} section needs a {role.kind.__name__} "
                            f"but received a {type(s.block).__name__}; left out")
        else:
            keep.append(s)
    numbers = {n.number for n in onepager.notes}
    for s in keep:
        for n in sorted(set(cited(s.block)) - numbers):
            warnings.append(f"{_where(s)}one-pager: {s.role} section cites source note {n}, "
                            f"which the one-pager's notes do not have")
    return keep, warnings


def cited(obj) -> list[int]:
    """Return every source-note number a model block cites (fields ``note`` and ``notes``)."""
    out: list[int] = []
    if isinstance(obj, tuple):
        for item in obj:
            out += cited(item)
    elif is_dataclass(obj):
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.name == "note":
                out.append(value)
            elif f.name == "notes":
                out += list(value)
            elif isinstance(value, tuple) or is_dataclass(value):
                out += cited(value)
    return out


def fit_page(b: model.Briefing, theme, fonts: PdfFonts, page: PageStyle) -> tuple[list[Op], list[str]]:
    """Return the page's operations and warnings, or raise FitError."""
    sections, warnings = usable(b.onepager)
    while True:
        for level in range(LEVELS + 1):
            result = compose(b, theme, Typesetter(fonts, b.lang, level, page, theme.palette), sections)
            if result.overflow <= 0:
                return result.ops, warnings
        victims = [s for s in result.path if s.optional]
        if not victims:
            raise _fit_error(result, page)
        victim = max(victims, key=sections.index)
        sections.remove(victim)
        warnings.append(f"{_where(victim)}one-pager: dropped the optional {victim.role} section"
                        f"{_label(victim)} so that the page fits one A4 sheet")


def compose(b: model.Briefing, theme, ts: Typesetter, sections: list[model.Section]) -> Composed:
    """Return the page laid out at the typesetter's level, or how it overflows."""
    page, g = ts.page, ts.page.grid
    width, x0 = page.content_width, g.margin_x
    out = Composed()
    top = header(b, theme, ts)
    out.ops += top.ops
    y = top.height + ts.gap("after_header")
    strips = [s for s in sections if ROLES[s.role].zone == "strip"]
    fixed = []                                  # (height, origin, what) of the fixed parts
    for s in strips:
        laid = ROLES[s.role].build(s.block, ts, width, 0.0)
        out.ops += laid.place(x0, y)
        y += laid.height + ts.gap("after_kpis")
        fixed.append((laid.height, s.origin, f"the {s.role} section"))
    foot = footer(b, theme, ts, width)
    foot_top = page.size[1] - g.margin_bottom - foot.height
    src = notes(b.onepager, b.labels, ts, width)
    body_bottom = foot_top - ts.gap("before_footer") - src.height - ts.gap("before_notes")
    ranked = sorted(sections, key=lambda s: ROLES[s.role].rank)      # stable: then spec order
    zones = {z: [s for s in ranked if ROLES[s.role].zone.startswith(z)] for z in _COLUMNS}
    main_w = page.span(g.main_span) if zones["side"] else width
    side_w = page.span(g.side_span) if zones["main"] else width
    body_h = body_bottom - y
    over = {"main": _main(out, zones["main"], ts, x0, y, main_w, body_h),
            "side": _side(out, zones["side"], ts, x0 + width - side_w, y, side_w, body_h)}
    out.ops += src.place(x0, foot_top - ts.gap("before_footer") - src.height)   # reading order
    out.ops += foot.place(x0, foot_top)
    worst = max(over, key=lambda z: over[z][0])
    if over[worst][0] > 0:
        out.overflow, out.place = over[worst][0], _COLUMNS[worst]
        out.path = strips + [s for z in over if over[z][0] > 0 for s in zones[z]]
        if body_h < 0:
            out.place = "header, KPI strip and source notes, which leave no room for the body,"
            n = len(b.onepager.notes)
            fixed.append((src.height, b.onepager.origin, f"the {n} source notes"))
            height, out.origin, what = max(fixed, key=lambda f: f[0])
            out.where = f" The tallest of them is {what}, {height:.1f} pt."
        else:
            _locate(out, over[worst][1], body_h)
    return out


def _locate(out: Composed, stacked: list[tuple[model.Section, float]], room: float) -> None:
    """Say where the overflowing column is cut and which section to shorten.

    The blame goes to the tallest text section when shortening it alone could make room
    (one very long narrative), else to the section the page edge cuts (thirty short ones).
    Charts are not candidates: they already stand at their smallest height.
    """
    tops = [0.0] + [bottom for _, bottom in stacked]
    cut = next((s for s, bottom in stacked if bottom > room), None)
    text = [(bottom - top, s) for (s, bottom), top in zip(stacked, tops) if s.role not in FIXED]
    tallest, blame = max(text, key=lambda hs: hs[0]) if text else (0.0, None)
    if blame is None or (tallest < out.overflow and cut is not None):
        blame = cut
    if blame is None:
        return
    out.origin = blame.origin or getattr(blame.block, "origin", None)
    if blame is cut:
        out.where = f" The page ends inside this {blame.role} section{_label(blame)}."
        return
    out.where = f" Its tallest section is this {blame.role} section{_label(blame)}, {tallest:.1f} pt."
    if cut is not None:
        out.where += f" The page ends inside the {cut.role} section{_label(cut)} at {_where(cut)[:-2]}."


Stacked = tuple[float, list[tuple[model.Section, float]]]


def _height(blocks: list[Laid], ts: Typesetter) -> float:
    """Return the height of ``blocks`` stacked with the gap between blocks."""
    return sum(b.height for b in blocks) + ts.gap("between_blocks") * max(len(blocks) - 1, 0)


def _stack(out: Composed, pairs, ts: Typesetter, x: float, y: float) -> list[tuple[model.Section, float]]:
    """Add (section, laid) pairs stacked from (x, y) to ``out``; return each section's bottom."""
    column, bottoms = Laid(0.0), []
    for s, laid in pairs:
        stack(column, laid, gap=ts.gap("between_blocks") if column.ops else 0.0)
        bottoms.append((s, column.height))
    out.ops += column.place(x, y)
    return bottoms


def _main(out: Composed, sections, ts: Typesetter, x: float, y: float, w: float, h: float) -> Stacked:
    """Add the main column to ``out``; return its overflow of ``h`` (<= 0 fits) and section bottoms."""
    blocks = [ROLES[s.role].build(s.block, ts, w, 0.0) for s in sections]
    stretch = sum(b.stretch for b in blocks)
    need = _height(blocks, ts)
    c = ts.page.charts
    extra = min((h - need) / stretch, c.max_height - c.min_height) if stretch and need < h else 0.0
    if extra:
        blocks = [ROLES[s.role].build(s.block, ts, w, extra) if b.stretch else b
                  for s, b in zip(sections, blocks)]
    return need - h, _stack(out, zip(sections, blocks), ts, x, y)


def _side(out: Composed, sections, ts: Typesetter, x: float, y: float, w: float, h: float) -> Stacked:
    """Add the tinted side panel to ``out``; return its overflow of ``h`` and section bottoms."""
    if not sections:
        return -h, []
    pad = ts.page.marks.panel_pad
    inner = w - 2 * pad
    laid = [(s, ROLES[s.role].build(s.block, ts, inner, 0.0)) for s in sections]
    spare = h - 2 * pad - _height([b for _, b in laid], ts)
    stretch = sum(b.stretch for _, b in laid)
    if stretch and spare > 0:
        laid = [(s, ROLES[s.role].build(s.block, ts, inner, spare / stretch) if b.stretch else b)
                for s, b in laid]
    flow = [(s, b) for s, b in laid if ROLES[s.role].zone == "side"]
    end = [(s, b) for s, b in laid if ROLES[s.role].zone == "side_end"]
    out.ops.append(Rect(x, y, w, max(h, 0.0), ts.palette.tint))
    bottoms = [(s, pad + b) for s, b in _stack(out, flow, ts, x + pad, y + pad)]
    gap = ts.gap("between_blocks") if flow and end else 0.0
    end_h = _height([b for _, b in end], ts)
    start = bottoms[-1][1] + gap if bottoms else pad
    end_top = max(h - pad - end_h, start)
    bottoms += [(s, end_top + b) for s, b in _stack(out, end, ts, x + pad, y + end_top)]
    return bottoms[-1][1] + pad - h, bottoms


def _fit_error(result: Composed, page: PageStyle) -> FitError:
    """Return the FitError for a page that overflows even at the floors with nothing optional left."""
    return FitError(
        f"one-pager: the content does not fit one A4 page even at the smallest type sizes: the "
        f"{result.place} is {result.overflow:.1f} pt ({result.overflow / MM:.1f} mm) too tall."
        f"{result.where} Shorten it, or mark sections optional so they can be dropped.",
        result.origin)


def _where(s: model.Section) -> str:
    """Return 'origin: ' for a section, or '' when it has none."""
    origin = s.origin or getattr(s.block, "origin", None)
    return f"{origin}: " if origin else ""


def _label(s: model.Section) -> str:
    """Return a short quotation of what a section shows, e.g. " ('江阴GDP跨越三个台阶')"."""
    text = getattr(s.block, "title", "") or getattr(s.block, "heading", "") or getattr(s.block, "text", "")
    if not text:
        return ""
    return f" ('{text[:28]}…')" if len(text) > 28 else f" ('{text}')"
