"""Fitting the one-pager onto one A4 page: shrink within the floors, drop optional sections, else fail.

The page is composed top-down: the header band, the KPI strip(s), then a body of two
columns (the wide main column and the tinted side panel), then the sources block and the
footer anchored to the bottom margin; an English page ends its main column with the glossary
note (``glossary``). Every block is measured by laying it out, so nothing
is drawn that was not measured. Spare height goes to charts, then to the timeline's gaps,
then to the gaps between blocks; lists may sit in either column, whichever balances the
page better (``arrangements``).

Fitting walks the type scale's levels from the design sizes to the floors. When even the
floors overflow, the last optional section on the overflowing path is dropped (with a
warning naming its origin) and fitting starts again at the design sizes; when nothing
optional is left, FitError says what overflowed, by how much, in which language, where in
the spec, and what to do.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

from briefgen import model
from briefgen.errors import FitError, Origin
from briefgen.render.pdf.blocks import ROLES, build
from briefgen.render.pdf.columns import main_column, side_panel
from briefgen.render.pdf.frame import footer, header
from briefgen.render.pdf.glossary import glossary_block, terms_left
from briefgen.render.pdf.ops import Laid, Op, reading_span
from briefgen.render.pdf.sources import cited, doc_refs, documents, sources_block
from briefgen.render.pdf.text import PdfFonts, Typesetter
from briefgen.theme.page import LEVELS, MM, PageStyle

FIXED = {"chart"}                      # roles whose height the fitter sets, not their text
FLEX = {"list", "chart"}               # roles that may sit in either column
MAX_FLEX = 3                           # more flexible sections than this keep their column
_COLUMNS = {"main": "main column (charts and narrative)",
            "side": "side panel (timeline, lists and contact)"}
LANGUAGES = {"zh": "Chinese", "en": "English"}


@dataclass
class Composed:
    """One attempt at the page: its operations, or by how much and where it overflows."""

    ops: list[Op] = field(default_factory=list)
    overflow: float = 0.0
    place: str = ""                                           # what is too tall
    where: str = ""                                           # which part to shorten, in words
    origin: Origin | None = None                              # and where it is in the spec
    path: list[model.Section] = field(default_factory=list)   # sections that could make room
    empty: dict[str, float] = field(default_factory=dict)     # height left at each column's end
    docs: int = 0                                             # documents the sources block cites


def usable(onepager: model.OnePager) -> tuple[list[model.Section], list[str]]:
    """Return the sections the page can draw, and a warning for each it cannot (or that is empty)."""
    keep, warnings = [], []
    for s in onepager.sections:
        role = ROLES.get(s.role)
        if role is None:
            warnings.append(f"{_where(s)}one-pager: cannot draw a section with role {s.role!r} "
                            f"(expected one of {', '.join(ROLES)}); left out")
        elif not isinstance(s.block, role.kind):
            warnings.append(f"{_where(s)}one-pager: a {s.role} section needs a {role.kind.__name__} "
                            f"but received a {type(s.block).__name__}; left out")
        elif _empty(s.block):
            warnings.append(f"{_where(s)}one-pager: the {s.role} section has nothing to show; left out")
        else:
            keep.append(s)
    numbers = {n.number for n in onepager.notes}
    keep = [_cites_shown(s) for s in keep]
    for s in keep:
        for n in sorted(set(cited(s.block)) - numbers):
            warnings.append(f"{_where(s)}one-pager: {s.role} section cites source note {n}, "
                            f"which the one-pager's notes do not have")
    return keep, warnings


def _cites_shown(s: model.Section) -> model.Section:
    """Return ``s`` with the sources its spec cites for its own text marked on a narrative or
    chart (every section's cites reach the sources block through ``doc_refs``)."""
    if s.notes and isinstance(s.block, (model.Paragraph, model.Chart)):
        notes = tuple(dict.fromkeys(s.block.notes + s.notes))
        return dataclasses.replace(s, block=dataclasses.replace(s.block, notes=notes))
    return s


def _empty(block) -> bool:
    """Return whether a block has nothing to draw (a contact without lines, a list without items)."""
    for name in ("items", "events", "lines"):
        if hasattr(block, name):
            return not any(getattr(block, name))
    return False


def fit_page(b: model.Briefing, theme, fonts: PdfFonts, page: PageStyle) -> tuple[list[Op], list[str]]:
    """Return the page's operations and warnings, or raise FitError."""
    sections, warnings = usable(b.onepager)
    while True:
        result = largest_type(b, theme, fonts, page, sections)
        if result.overflow <= 0:
            return result.ops, warnings
        victims = [s for s in result.path if s.optional]
        if not victims and b.glossary:          # the last thing to go before failing
            warnings.append(f"{_where(b.onepager)}one-pager ({LANGUAGES.get(b.lang, b.lang)}): left "
                            f"out the glossary note ({len(b.glossary)} terms) so that the page "
                            f"fits one A4 sheet")
            b = dataclasses.replace(b, glossary=())
            continue
        if not victims:
            raise _fit_error(result, b.lang)
        victim = max(victims, key=sections.index)
        sections.remove(victim)
        b = dataclasses.replace(b, glossary=terms_left(b, victim, sections))
        warnings.append(f"{_where(victim)}one-pager ({LANGUAGES.get(b.lang, b.lang)}): dropped the "
                        f"optional {victim.role} section"
                        f"{_label(victim)} so that the page fits one A4 sheet")


def arrangements(sections: list[model.Section]) -> list[dict[int, str]]:
    """Return the column choices to try: each flexible section in its own zone, then in the other."""
    flex = [i for i, s in enumerate(sections) if s.role in FLEX][:MAX_FLEX]
    return [dict(zip(flex, zones)) for zones in itertools.product(("side", "main"), repeat=len(flex))]


def largest_type(b: model.Briefing, theme, fonts: PdfFonts, page: PageStyle,
                 sections: list[model.Section]) -> Composed:
    """Return the page at the lowest level (largest type) where some arrangement fits, in the
    arrangement that leaves the least empty height at a column's end; else, at the floors, the
    arrangement that overflows least (the default on a tie).

    Each arrangement's lowest fitting level is found by bisection between the design sizes
    and the floors (a page only gets shorter as its type shrinks).
    """
    options = arrangements(sections)
    memo: dict = {}                             # sections laid out, shared by the attempts

    def at(level: int, placed: dict[int, str]) -> Composed:
        ts = Typesetter(fonts, b.lang, level, page, theme.palette, laid=memo)
        return compose(b, theme, ts, sections, placed)

    first = [at(0, a) for a in options]
    if any(r.overflow <= 0 for r in first):
        return _balanced([r for r in first if r.overflow <= 0])
    floors = [at(LEVELS, a) for a in options]
    found: list[tuple[int, Composed]] = []
    for placed, result in zip(options, floors):
        if result.overflow > 0:
            continue
        low, high = 1, LEVELS                    # fits at ``high``, not at ``low - 1``
        while low < high:
            mid = (low + high) // 2
            tried = at(mid, placed)
            if tried.overflow <= 0:
                high, result = mid, tried
            else:
                low = mid + 1
        found.append((high, result))
    if not found:
        return min(floors, key=lambda r: r.overflow)
    level = min(lv for lv, _ in found)
    return _balanced([r for lv, r in found if lv == level])


def _balanced(results: list[Composed]) -> Composed:
    """Return the composition leaving the least empty height at a column's end (first on a tie)."""
    return min(results, key=lambda r: max(r.empty.values(), default=0.0))


def zone_of(s: model.Section, placed: dict[int, str], i: int) -> str:
    """Return the zone a section goes to under an arrangement."""
    return placed.get(i, ROLES[s.role].zone)


def compose(b: model.Briefing, theme, ts: Typesetter, sections: list[model.Section],
            placed: dict[int, str] | None = None) -> Composed:
    """Return the page laid out at the typesetter's level, or how it overflows.

    ``placed`` moves flexible sections (by index) to another zone.
    """
    placed = placed or {}
    page, g = ts.page, ts.page.grid
    width, x0 = page.content_width, g.margin_x
    zone = {id(s): zone_of(s, placed, i) for i, s in enumerate(sections)}
    order = {"strip": 0, "main": 1, "side": 2, "side_end": 3}
    ranked = sorted(sections, key=lambda s: (order[zone[id(s)]], ROLES[s.role].rank))  # then spec order
    ts = dataclasses.replace(ts, refs=doc_refs(ranked, b.onepager.notes))
    out = Composed()
    top = header(b, theme, ts)
    out.ops += top.ops
    y = top.height + ts.gap("after_header")
    strips = [s for s in ranked if zone[id(s)] == "strip"]
    fixed = []                                  # (height, origin, what) of the fixed parts
    for s in strips:
        laid = build(s, ts, width)
        out.ops += laid.place(x0, y)
        y += laid.height + ts.gap("after_kpis")
        fixed.append((laid.height, s.origin, f"the {s.role} section"))
    foot = footer(b, theme, ts, width)
    foot_top = page.size[1] - g.margin_bottom - foot.height
    docs = documents(ts.refs, b.onepager.notes)
    src = sources_block(docs, b.labels.sources, ts, width)
    out.docs = len(docs)
    src_top = foot_top - ts.gap("before_footer") - src.height
    body_bottom = src_top - (ts.gap("before_notes") if src.height else 0.0)
    zones = {z: [s for s in ranked if zone[id(s)].startswith(z)] for z in _COLUMNS}
    main_w = page.span(g.main_span) if zones["side"] else width
    side_w = page.span(g.side_span) if zones["main"] else width
    terms = glossary_block(b.glossary, b.labels.glossary, ts, main_w if zones["main"] else width)
    across: list[Op] = []
    if terms.height and not zones["main"]:      # no main column: across the page, under the body
        body_bottom -= terms.height + ts.gap("before_notes")
        across = terms.place(x0, body_bottom + ts.gap("before_notes"))
        terms = Laid(0.0)
    body_h = body_bottom - y
    body = len(out.ops)
    over = {"main": main_column(out.ops, zones["main"], ts, x0, y, main_w, body_h, terms)}
    side = len(out.ops)
    over["side"] = side_panel(out.ops, zones["side"], ts, x0 + width - side_w, y, side_w, body_h)
    out.ops[body:] = reading_span(out.ops[body:side], out.ops[side:])   # read column by column
    out.ops += across                           # a glossary note across the page, if any
    out.empty = {z: -over[z][0] for z in over if zones[z]}
    out.ops += src.place(x0, src_top)           # reading order: body, sources, footer
    out.ops += foot.place(x0, foot_top)
    worst = max(over, key=lambda z: over[z][0])
    if over[worst][0] > 0:
        out.overflow, out.place = over[worst][0], _COLUMNS[worst]
        out.path = strips + [s for z in over if over[z][0] > 0 for s in zones[z]]
        if body_h < 0:
            out.place = "header, KPI strip and sources block, which leave no room for the body,"
            fixed.append((src.height, b.onepager.origin, f"the sources block ({len(docs)} documents)"))
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


def _fit_error(result: Composed, lang: str) -> FitError:
    """Return the FitError for a page that overflows even at the floors with nothing optional left."""
    language = LANGUAGES.get(lang, lang)
    return FitError(
        f"one-pager ({language}, lang {lang}): the content does not fit one A4 page even at the "
        f"smallest type sizes: the {result.place} is {result.overflow:.1f} pt "
        f"({result.overflow / MM:.1f} mm) too tall.{result.where} To make room, shorten that "
        f"section, mark a section 'optional: true' so it can be dropped, or move the detail to "
        f"the deck.", result.origin)


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
