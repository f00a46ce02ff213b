"""The PowerPoint renderer's entry point: ``render_pptx(briefing, theme, out)``.

It receives only the resolved model and a theme. Each model slide becomes one or more
slides (content that does not fit continues on slides titled as continuations); every
slide has a real title placeholder, content slides a footer and speaker notes.
"""

from __future__ import annotations

import io
import os
import tempfile

from briefgen.errors import FitError, Problems, RenderError
from briefgen.model import Briefing
from briefgen.render.pptx.chrome import Ctx, content_title, footer, repeats, source_line
from briefgen.render.pptx.layouts import KINDS
from briefgen.render.pptx.package import (
    fixed_date, new_presentation, reproducible_zip, set_properties, set_theme, title_layout,
)
from briefgen.render.pptx.text import Para, Span, TextWriter, paras
from briefgen.theme import deck as D

NOTES_SIZE = D.Range(12, 12)
_FIGURE_KINDS = ("kpis", "chart")           # slides whose every element is a sourced figure


def _plan(ctx: Ctx, briefing: Briefing, min_pages) -> list[list]:
    """Return each model slide's pages (an empty list for a slide left out), all fitted.

    ``min_pages`` holds, per slide, either a page count or the merged plan of every language
    (``merge_plans``); ``ctx.made`` records this language's choices per slide.
    """
    planned, errors = [], []
    ctx.made = []
    for i, model in enumerate(briefing.slides):
        for warning in model.warnings:
            ctx.warnings.append(warning)
        hint = min_pages[i] if min_pages and i < len(min_pages) else 1
        ctx.hint = hint if isinstance(hint, dict) else {"pages": hint}
        ctx.min_pages = ctx.hint.get("pages", 1)
        ctx.choice = {}
        draw_kind = KINDS.get(model.kind)
        if draw_kind is None:
            ctx.warn(model.origin, f"slide kind: expected one of {', '.join(KINDS)} "
                                   f"but received {model.kind!r}; the slide is left out")
            planned.append([])
            ctx.made.append({"pages": 0})
            continue
        try:
            planned.append([(model, page) for page in draw_kind(ctx, model)])
        except FitError as err:
            errors.append(err)
            planned.append([])
        ctx.made.append({"pages": len(planned[-1]), **ctx.choice})
    if errors:
        raise errors[0] if len(errors) == 1 else Problems(errors)
    repeats(ctx, briefing)
    return planned


def plan_pages(briefing: Briefing, theme) -> list[dict]:
    """Return each model slide's plan in this language: its page count and layout choices.

    A build plans every language of a spec and renders each with ``merge_plans`` of them,
    so the Chinese and English decks have the same slides, grids and sizes (within
    ``theme.deck.PARITY_RATIO``).
    """
    ctx = Ctx(briefing, theme, TextWriter(theme, briefing.lang))
    _plan(ctx, briefing, None)
    return ctx.made


def merge_plans(plans: list[list[dict]]) -> list[dict]:
    """Return, per slide, the plan every language can keep: the most pages, the smallest sizes,
    and a KPI grid every language fits (the one whose figures, capped at ``PARITY_RATIO`` times
    the smallest, are largest in sum)."""
    merged = []
    for per_slide in zip(*plans):
        out = {"pages": max(p.get("pages", 1) for p in per_slide)}
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
        for key in ("kpi_label", "timeline_text", "compare_size", "bullets_size"):
            sizes = [p[key] for p in per_slide if key in p]
            if sizes:
                out[key] = min(sizes)
        for key in ("kpi_comment_h",):
            heights = [p[key] for p in per_slide if key in p]
            if heights:
                out[key] = max(heights)
        merged.append(out)
    return merged


def render_pptx(briefing: Briefing, theme, out, *, min_pages=None) -> list[str]:
    """Write the deck for ``briefing`` to ``out`` (a path or binary file); return the warnings.

    ``min_pages`` (from plan_pages of every language) makes a slide continue over at least
    that many slides. Raises FitError (or Problems, when several slides fail) naming the
    spec location of content that overflows even at its floor size and cannot continue.
    """
    ctx = Ctx(briefing, theme, TextWriter(theme, briefing.lang))
    planned = [page for pages in _plan(ctx, briefing, min_pages) for page in pages]
    prs = new_presentation()
    layout = title_layout(prs)
    notes = 0
    for number, (model, page) in enumerate(planned, start=1):
        slide = prs.slides.add_slide(layout)
        if page.cover:
            page.draw(ctx, slide)
        else:
            content_title(ctx, slide, page.title, model.subtitle if page.first else "",
                          model.origin)
            page.draw(ctx, slide)
            source = source_line(ctx, model) if page.source is None else page.source
            footer(ctx, slide, source, number, model.origin)
        notes += write_notes(ctx, slide, model, page.first)
    when = fixed_date(briefing.as_of)
    set_theme(prs, theme, f"briefgen {theme.name}")
    set_properties(prs, briefing, when, len(planned), notes)
    buffer = io.BytesIO()
    prs.save(buffer)
    _write(reproducible_zip(buffer.getvalue(), when), out)
    return ctx.warnings


def notes_text(ctx: Ctx, model, first: bool) -> tuple[list[str], list[str]]:
    """Return the talking points (first slide of a model slide only) and the source lines."""
    points = list(model.talking_points) if first else []
    sources = [f"[{n.number}] {n.text}" + ("" if n.quote in n.text else
                                           " · " + ctx.text("original_quote", quote=n.quote))
               for n in model.sources]
    return points, sources


def write_notes(ctx: Ctx, slide, model, first: bool) -> int:
    """Write the speaker notes: talking points, then every figure's source; return 1 if any."""
    points, sources = notes_text(ctx, model, first)
    if first and not sources and model.kind in _FIGURE_KINDS:
        ctx.warn(model.origin, f"{model.kind} slide: its figures have no sources, so its "
                               "speaker notes cite none")
    if not points and not sources:
        return 0
    pal, size = ctx.pal, NOTES_SIZE.max
    items: list[Para] = []
    if points:
        items += paras([ctx.text("talking_points")], size, pal.ink, bold=True, line=1.3)
        items += paras(points, size, pal.ink, line=1.3)
    if sources:
        items.append(Para((Span(ctx.text("sources"), size, pal.ink, True),), size * 1.3,
                          before=size if points else 0.0))
        items += paras(sources, size, pal.ink, line=1.3)
    ctx.writer.fill_body(slide.notes_slide.notes_text_frame._txBody, items, anchor=None)
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
