"""The PowerPoint renderer's entry point: ``render_pptx(briefing, theme, out)``.

It receives only the resolved model and a theme. Each model slide becomes one or more
slides (content that does not fit continues on slides titled as continuations); every
slide has a real title placeholder, content slides a footer and speaker notes.
"""

from __future__ import annotations

import os
import tempfile

from briefgen.errors import BriefgenError, FitError, Problems, RenderError
from briefgen.model import Briefing
from briefgen.render.pptx.glyphs import check_deck_glyphs
from briefgen.render.pptx.chrome import Ctx, content_title, footer, repeats, source_line
from briefgen.render.pptx.layouts import KINDS
from briefgen.render.pptx.notes import NotesSlides
from briefgen.render.pptx.lastpass import save_package
from briefgen.render.pptx.package import fixed_date, set_properties
from briefgen.render.pptx import placed
from briefgen.render.pptx.slides import DeckSlides
from briefgen.render.pptx.template import finish_deck, finish_slide, start_deck
from briefgen.render.pptx.text import Para, Span, TextWriter, paras
from briefgen.theme import deck as D

NOTES_SIZE = D.Range(12, 12)
_FIGURE_KINDS = ("kpis", "chart")           # slides whose every element is a sourced figure


class DeckPlan:
    """A language's deck planned once: each model slide's fitted pages (or its FitError).

    ``counts`` says how many slides each model slide takes and ``made`` what it chose (its
    page count, KPI grids, type sizes); ``widen`` replans only the slides another language
    needs more slides, another grid or smaller type for, and ``render_pptx`` draws from the plan.
    """

    def __init__(self, briefing: Briefing, theme):
        self.ctx = Ctx(briefing, theme, TextWriter(theme, briefing.lang))
        self.slides: list[list] = []            # per model slide, its (model, page) pairs
        self.made: list[dict] = []              # per model slide, what its layout chose
        self.errors: dict[int, FitError] = {}   # model slide index -> why it does not fit
        self._warnings: list[list[str]] = []    # per model slide, its planning warnings
        self.hints: list = []                   # what widen was given (the deck depends on it)
        for i in range(len(briefing.slides)):
            self.slides.append([])
            self.made.append({})
            self._warnings.append([])
            self._plan(i, {"pages": 1})
        self.ctx.warnings = []
        repeats(self.ctx, briefing)
        self._deck_warnings = self.ctx.warnings
        self.ctx.warnings = []

    def _plan(self, i: int, hint: dict) -> None:
        ctx, model = self.ctx, self.ctx.briefing.slides[i]
        ctx.warnings, ctx.hint, ctx.choice = list(model.warnings), hint, {}
        ctx.min_pages = hint.get("pages", 1)
        draw_kind = KINDS.get(model.kind)
        self.errors.pop(i, None)
        if draw_kind is None:
            ctx.warn(model.origin, f"slide kind: expected one of {', '.join(KINDS)} "
                                   f"but received {model.kind!r}; the slide is left out")
            self.slides[i] = []
        else:
            try:
                self.slides[i] = [(model, page) for page in draw_kind(ctx, model)]
            except FitError as err:
                self.slides[i] = []
                self.errors[i] = err
        self.made[i] = {} if i in self.errors else {"pages": len(self.slides[i]), **ctx.choice}
        self._warnings[i] = ctx.warnings
        ctx.warnings, ctx.min_pages, ctx.hint, ctx.choice = [], 1, {}, {}

    @property
    def counts(self) -> list[int | None]:
        """How many slides each model slide takes (None where it does not fit)."""
        return [None if i in self.errors else len(p) for i, p in enumerate(self.slides)]

    def widen(self, hints: list) -> None:
        """Replan every slide another language constrains: ``hints`` holds per slide the most
        slides any language needs (an int) or the merged plan of every language (``merge_plans``)."""
        self.hints = list(hints)
        for i, (count, hint) in enumerate(zip(self.counts, hints)):
            hint = hint if isinstance(hint, dict) else {"pages": hint}
            layout = set(hint) - {"pages"}
            if count is not None and (hint.get("pages", 1) > max(count, 1) or layout):
                self._plan(i, hint)

    def problem(self) -> BriefgenError | None:
        """Return the FitError (or Problems, for several) of the slides that do not fit, else None."""
        errors = [self.errors[i] for i in sorted(self.errors)]
        if not errors:
            return None
        return errors[0] if len(errors) == 1 else Problems(errors)

    def warnings(self) -> list[str]:
        """Return the planning warnings, in slide order, then those about the deck as a whole."""
        return [w for ws in self._warnings for w in ws] + self._deck_warnings


def merge_plans(plans: list[list[dict]]) -> list[dict]:
    """Return, per slide, the plan every language can keep: the most pages, the smallest sizes,
    and a KPI grid every language fits (the one whose figures, capped at ``PARITY_RATIO`` times
    the smallest, are largest in sum)."""
    merged = []
    for per_slide in zip(*plans):
        per_slide = [p for p in per_slide if p]           # a slide that does not fit says nothing
        out = {"pages": max((p.get("pages", 1) for p in per_slide), default=1)}
        grids = [p["kpi_grids"] for p in per_slide if "kpi_grids" in p]
        if grids:
            common = set.intersection(*(set(g) for g in grids))
            if common:
                def drawn(r):               # the sizes every language would draw in grid r
                    least = min(g[r] for g in grids)
                    return sum(min(g[r], least * D.PARITY_RATIO) for g in grids)
                best = max(sorted(common), key=drawn)
                out["kpi_rows"] = best
                out["kpi_number"] = min(g[best] for g in grids)
                out["kpi_card_h"] = max(p["kpi_heights"][best] for p in per_slide
                                        if "kpi_heights" in p)
        for key in ("timeline_text", "compare_size", "bullets_size"):
            sizes = [p[key] for p in per_slide if key in p]
            if sizes:
                out[key] = min(sizes)
        for key in ("kpi_comment_h",):
            heights = [p[key] for p in per_slide if key in p]
            if heights:
                out[key] = max(heights)
        merged.append(out)
    return merged


def plan_pages(briefing: Briefing, theme) -> list[int]:
    """Return how many slides each model slide needs (bullets, tables and timelines continue).

    A build plans every language of a spec and renders each with the largest count per
    slide, so the Chinese and English decks have the same slides. Raises FitError.
    """
    plan = DeckPlan(briefing, theme)
    if plan.problem():
        raise plan.problem()
    return [c or 0 for c in plan.counts]


def render_pptx(briefing: Briefing, theme, out, *, min_pages=None, plan: DeckPlan | None = None) -> list[str]:
    """Write the deck for ``briefing`` to ``out`` (a path or binary file); return the warnings.

    ``plan`` is the deck already planned (see DeckPlan), else it is planned here;
    ``min_pages`` (the most slides any language needs per model slide) makes a slide
    continue over at least that many slides. Raises FitError (or Problems, when several
    slides fail) naming the spec location of content that overflows even at its floor
    size and cannot continue.
    """
    check_deck_glyphs(briefing.slides, theme.fonts)
    if plan is None:
        plan = DeckPlan(briefing, theme)
    if min_pages:
        plan.widen(list(min_pages))
    if plan.problem():
        raise plan.problem()
    ctx = plan.ctx
    ctx.warnings = plan.warnings() + list(theme.warnings)
    planned = [page for pages in plan.slides for page in pages]
    prs, layout = start_deck(theme)
    notes, notes_slides, slides = 0, NotesSlides(), DeckSlides()
    for number, (model, page) in enumerate(planned, start=1):
        frame = ctx.frame(model.kind)
        slide = slides.add(prs, layout, frame)      # turbo add on: shape ids counted on
        if page.cover:
            page.draw(ctx, slide)
            placed.no_caps(slide, frame)
        else:
            subtitle = model.subtitle if page.first else ""
            if frame is not None and frame.title is not None:
                placed.title(ctx, slide, frame, page.title, subtitle, model.origin)
            else:
                content_title(ctx, slide, page.title, subtitle, model.origin)
            page.draw(ctx, slide)
            source = source_line(ctx, model) if page.source is None else page.source
            if placed.keeps_footer(frame):
                placed.footer(ctx, slide, frame, source, number, model.origin)
            else:
                footer(ctx, slide, source, number, model.origin)
        finish_slide(prs, slide, frame, theme)
        notes += write_notes(ctx, slide, model, page.first, notes_slides)
    when = fixed_date(briefing.as_of)
    finish_deck(prs, theme)
    set_properties(prs, briefing, when, len(planned), notes)
    _write(save_package(prs, when, notes_slides.partnames), out)
    return ctx.warnings


def notes_text(ctx: Ctx, model, first: bool) -> tuple[list[str], list[str]]:
    """Return the talking points (first slide of a model slide only) and the source lines."""
    points = list(model.talking_points) if first else []
    sources = [f"[{n.number}] {n.text}" + ("" if n.quote in n.text else
                                           " · " + ctx.text("original_quote", quote=n.quote))
               for n in model.sources]
    return points, sources


def write_notes(ctx: Ctx, slide, model, first: bool, notes_slides: NotesSlides | None = None) -> int:
    """Write the speaker notes: talking points, terms explained, then every figure's source;
    return 1 if any. ``notes_slides`` makes the deck's notes slides (see there)."""
    points, sources = notes_text(ctx, model, first)
    terms = list(model.glossary)
    if first and not sources and model.kind in _FIGURE_KINDS:
        ctx.warn(model.origin, f"{model.kind} slide: its figures have no sources, so its "
                               "speaker notes cite none")
    if not points and not sources and not terms:
        return 0
    pal, size = ctx.pal, NOTES_SIZE.max
    items: list[Para] = []
    if points:
        items += paras([ctx.text("talking_points")], size, pal.ink, bold=True, line=1.3)
        items += paras(points, size, pal.ink, line=1.3)
    if terms:
        items.append(Para((Span(ctx.text("glossary"), size, pal.ink, True),), size * 1.3,
                          before=size if points else 0.0))
        items += paras(terms, size, pal.ink, line=1.3)
    if sources:
        items.append(Para((Span(ctx.text("sources"), size, pal.ink, True),), size * 1.3,
                          before=size if points or terms else 0.0))
        items += paras(sources, size, pal.ink, line=1.3)
    body = (notes_slides or NotesSlides()).body(slide)
    ctx.writer.fill_body(body, items, anchor=None)
    return 1


def _write(data: bytes, out) -> None:
    """Write ``data`` to a binary file object, or atomically to the path ``out``."""
    if hasattr(out, "write"):
        out.write(data)
        return
    path = os.fspath(out)
    folder = os.path.dirname(os.path.abspath(path))
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".briefgen-", suffix=".pptx", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as err:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise RenderError(f"could not write the deck ({err.strerror})", path) from None
