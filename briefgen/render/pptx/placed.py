"""Slides on a template: the title, list text, pictures, charts and footer in the layout's placeholders.

A placeholder filled here keeps no box of its own (its position and size are the layout's,
so PowerPoint's "Reset slide" and later edits to the layout reach it); the text in it is
fitted by briefgen's fitter to the placeholder's box less its insets, starting from the
type size it inherits (layout, then master) and shrinking to the deck's floor. A title
keeps the template's colour, weight and alignment. Pictures and charts are shapes of their
own that claim the placeholder (its ``p:ph``), sized inside its box.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen.render.pptx.chrome import Ctx, fit_or_explain
from briefgen.render.pptx.measure import fit
from briefgen.render.pptx.frames import Frame, Slot, clone
from briefgen.render.pptx.listplan import list_paras, parity_sizes, plan_list
from briefgen.render.pptx.text import Para, Span, emu, paras
from briefgen.theme import deck as D

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"    # a fixed id: same bytes each build


def sizes_in(slot: Slot, floor: D.Range) -> D.Range:
    """Return the sizes text may take in ``slot``: its inherited size down to ``floor``'s floor."""
    return D.Range(slot.size, min(floor.min, slot.size))


def fill(ctx: Ctx, slide, slot: Slot, items: list[Para], *, inherit_look: bool = False):
    """Return a placeholder cloned from ``slot`` holding ``items``, broken to its inner width."""
    shape = clone(slide, slot)
    if slot.own_box:
        shape.left, shape.top, shape.width, shape.height = (emu(v) for v in slot.box)
    ctx.writer.fill_body(shape._element.get_or_add_txBody(), items, anchor=slot.anchor,
                         insets=slot.insets, width=slot.inner[0])
    if inherit_look:
        _inherit_look(shape._element)
    return shape


def _inherit_look(element) -> None:
    """Drop the runs' colour and weight so they take the layout's (the template's look)."""
    for rpr in element.iter(f"{_A}rPr", f"{_A}endParaRPr"):
        rpr.attrib.pop("b", None)
        for fill in rpr.findall(f"{_A}solidFill"):
            rpr.remove(fill)


def title(ctx: Ctx, slide, frame: Frame, text: str, subtitle: str, origin) -> None:
    """Put a content slide's title into the layout's title placeholder, and its subtitle above the body."""
    slot = frame.title
    w, h = slot.inner
    text = text.upper() if slot.caps else text      # as the style shows it: measured so
    got = fit_or_explain(ctx, [text], w, h, sizes_in(slot, D.TITLE), origin=origin,
                         what="the slide title", bold=slot.bold, line=D.TITLE_LINE,
                         remedies=("shorten the title", "move detail to the subtitle"))
    ph = slide.shapes.title
    if slot.own_box:
        ph.left, ph.top, ph.width, ph.height = (emu(v) for v in slot.box)
    ctx.writer.fill_body(ph._element.get_or_add_txBody(),
                         paras([text], got.size, ctx.pal.primary, bold=slot.bold,
                               line=D.TITLE_LINE, align=slot.align),
                         anchor=slot.anchor, insets=slot.insets, width=w)
    _inherit_look(ph._element)
    if subtitle:
        room = D.SUBTITLE.max * D.BODY_LINE * 2
        sub = fit_or_explain(ctx, [subtitle], D.CONTENT_W, room, D.SUBTITLE, origin=origin,
                             what="the slide subtitle", line=D.BODY_LINE)
        ctx.writer.box(slide, D.MARGIN_X, D.BODY_Y - D.SUBTITLE_GAP - sub.height, D.CONTENT_W,
                       sub.height, paras([subtitle], sub.size, ctx.pal.muted, line=D.BODY_LINE),
                       name="Subtitle")


def list_pages(ctx: Ctx, slide, slot: Slot, items: list, heading: str, origin) -> list:
    """Return the pages of a list (under its heading, when it has one) in the layout's text
    placeholder, fitted to its box and the size it inherits, continuing on further slides."""
    from briefgen.render.pptx.chrome import pages

    w, h = slot.inner
    head: list[Para] = []
    if heading:
        got = fit_or_explain(ctx, [heading], w, slot.size * D.TITLE_LINE * 2,
                             sizes_in(slot, D.HEADING),
                             origin=origin, what="the list heading", bold=True, line=D.TITLE_LINE,
                             remedies=("shorten the heading (two lines at most)",))
        head = paras([heading], got.size, ctx.pal.primary, bold=True, line=D.TITLE_LINE)
        h -= got.height + D.HEADING_GAP
    planned = plan_list(items, w, h, origin=origin, what="an item of the bullet list",
                        sizes=parity_sizes(ctx, "bullets_size", sizes_in(slot, D.BODY)),
                        min_pages=ctx.min_pages, ctx=ctx)
    ctx.choice["bullets_size"] = planned[0][1]

    def drawer(group, size):
        def draw(c: Ctx, s) -> None:
            body = list_paras(c, group, size)
            if head:                            # the heading's gap before the first item
                body[0] = replace(body[0], before=D.HEADING_GAP)
            fill(c, s, slot, head + body)
        return draw

    return pages(ctx, slide.title, [drawer(g, s) for g, s in planned])


def no_caps(slide, frame: Frame | None) -> None:
    """Set a cover's title as written where the layout's style would set it in capitals (a cover
    is briefgen's own drawing, measured as written)."""
    if frame is None or frame.title is None or not frame.title.caps:
        return
    title = slide.shapes.title
    if title is None:
        return
    for rpr in title._element.iter(f"{_A}rPr", f"{_A}endParaRPr"):
        rpr.set("cap", "none")


def footer(ctx: Ctx, slide, frame: Frame, source: str, number: int, origin) -> None:
    """Fill the layout's date, footer and slide-number placeholders: as-of date, source, number."""
    pal = ctx.pal
    as_of = ctx.text("as_of", date=ctx.briefing.as_of)
    for kind, text, what in (("dt", as_of, "the footer's as-of date"),
                             ("ftr", source, "the footer's source line")):
        slot = frame.footers.get(kind)
        if slot is None or not text:
            continue
        if kind == "ftr":
            text = _source_that_fits(ctx, text, slot, origin)
        got = fit_or_explain(ctx, [text], *slot.inner, sizes_in(slot, D.FOOTER), origin=origin,
                             what=what, line=D.FOOTER_LINE,
                             remedies=("cite fewer sources on this slide",
                                       "split the slide so each cites fewer"))
        fill(ctx, slide, slot, paras([text], got.size, pal.muted, line=D.FOOTER_LINE,
                                     align=slot.align), inherit_look=True)
    slot = frame.footers.get("sldNum")
    if slot is not None:
        size = min(slot.size, D.PAGE_NUMBER_SIZE)
        shape = fill(ctx, slide, slot, [Para((Span(str(number), size, pal.primary, True),),
                                             size * D.FOOTER_LINE, slot.align)],
                     inherit_look=True)
        run = shape._element.find(f".//{_A}r")
        run.tag = f"{_A}fld"                   # the number PowerPoint keeps up to date
        run.set("id", _SLIDE_NUMBER_FIELD)
        run.set("type", "slidenum")


def _source_that_fits(ctx: Ctx, source: str, slot, origin) -> str:
    """Return the source line, or, when the template's footer placeholder cannot hold it, a
    short line pointing to the speaker notes (which cite every source in full), with a
    warning naming the slide."""
    if fit([source], *slot.inner, sizes_in(slot, D.FOOTER), line=D.FOOTER_LINE).fits:
        return source
    short = ctx.text("sources_in_notes")
    ctx.warn(origin, f"[{ctx.lang}] the template's footer placeholder is too small for this slide's source "
                     f"line (“{source[:30]}…”), so the slide says “{short}”; widen the footer placeholder "
                     "in the template to print the sources on the slide")
    return short


def keeps_footer(frame: Frame | None) -> bool:
    """Return whether a slide on ``frame`` puts its footer into the layout's placeholders."""
    return frame is not None and "ftr" in frame.footers


def empty(element) -> bool:
    """Return whether a placeholder element holds no text."""
    return not "".join(t.text or "" for t in element.iter(f"{_A}t")).strip()

