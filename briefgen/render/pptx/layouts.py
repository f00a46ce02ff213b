"""One function per slide kind, dispatched by ``KINDS``: charts, quote, image, and the rest by import.

Each function takes the render context and a model Slide and returns the Pages to draw:
several when content continues on further slides. All fitting happens here, before any
slide is drawn, so a FitError leaves nothing half made.
"""

from __future__ import annotations

import os

from briefgen.model import Bullets, Chart, Image, Paragraph, Quote
from briefgen.render.pptx import placed, shapes
from briefgen.render.pptx.chart import add_chart
from briefgen.render.pptx.chrome import Ctx, Page, blank, block_of, fit_or_explain, pages
from briefgen.render.pptx.frames import CHART_TYPES, PICTURE_TYPES, TEXT_TYPES, claim
from briefgen.render.pptx.covers import closing_slide, section_slide, title_slide
from briefgen.render.pptx.kpis import kpis_slide
from briefgen.render.pptx.listplan import fit_list, items_of, list_paras
from briefgen.render.pptx.lists import bullets_slide, compare_slide
from briefgen.render.pptx.table import table_slide
from briefgen.render.pptx.text import emu, paras
from briefgen.render.pptx.timeline import timeline_slide
from briefgen.theme import deck as D

_DASH = {"zh": "——", "en": "— "}       # before a quote's attribution


def quote_slide(ctx: Ctx, slide) -> list[Page]:
    """Return a quote slide: a large accent quotation mark, the words large, the attribution."""
    quote = block_of(ctx, slide, Quote, "text")
    if quote is None:
        return blank(ctx, slide)
    origin = quote.origin or slide.origin
    x, w = D.MARGIN_X + D.QUOTE_INDENT, D.CONTENT_W - D.QUOTE_INDENT
    attr = _DASH[ctx.lang] + quote.attribution if quote.attribution else ""
    attr_h = D.QUOTE_ATTRIBUTION.max * D.BODY_LINE * 2 + D.HEADING_GAP if attr else 0.0
    text = fit_or_explain(ctx, [quote.text], w, D.BODY_H - attr_h, D.QUOTE_TEXT, origin=origin,
                          what="the quote", bold=True, line=D.QUOTE_LINE,
                          remedies=("shorten the quote", "quote one sentence and put the rest "
                                    "in the speaker notes"))
    by = attr and fit_or_explain(ctx, [attr], w, attr_h, D.QUOTE_ATTRIBUTION, origin=origin,
                                 what="the attribution", line=D.BODY_LINE)

    def draw(c: Ctx, s) -> None:
        pal = c.pal
        top = D.BODY_Y + (D.BODY_H - attr_h - text.height) / 2
        c.writer.box(s, D.MARGIN_X + D.QUOTE_MARK_DX, max(D.BODY_Y, top) + D.QUOTE_MARK_DY,
                     D.QUOTE_INDENT, D.QUOTE_MARK_H,
                     paras(["“"], D.QUOTE_MARK, pal.accent, bold=True, line=1.0), name="Quote mark")
        c.writer.box(s, x, top, w, text.height,
                     paras([quote.text], text.size, pal.primary, bold=True, line=D.QUOTE_LINE),
                     name="Quote")
        if by:
            c.writer.box(s, x, top + text.height + D.HEADING_GAP, w, by.height,
                         paras([attr], by.size, pal.muted, line=D.BODY_LINE), name="Attribution")

    return pages(ctx, slide.title, [draw])


def image_slide(ctx: Ctx, slide) -> list[Page]:
    """Return an image slide: the picture as large as the body allows, alt text, caption beneath."""
    image = block_of(ctx, slide, Image, "path")
    if image is None:
        return blank(ctx, slide)
    origin = image.origin or slide.origin
    cap = None
    if image.caption:
        cap = fit_or_explain(ctx, [image.caption], D.CONTENT_W, D.CAPTION.max * D.CAPTION_LINE * 2,
                             D.CAPTION, origin=origin, what="the caption", line=D.CAPTION_LINE,
                             remedies=("shorten the caption (two lines at most)",))
    frame = ctx.frame(slide.kind)
    slot = frame.first(PICTURE_TYPES) if frame is not None else None
    cap_slot = next((t for t in frame.content if t.type in TEXT_TYPES and t is not slot), None) \
        if slot is not None else None
    if cap_slot is not None and image.caption:      # the layout's own caption placeholder
        cap = fit_or_explain(ctx, [image.caption], *cap_slot.inner,
                             placed.sizes_in(cap_slot, D.CAPTION), origin=origin,
                             what="the caption", line=D.CAPTION_LINE,
                             remedies=("shorten the caption",))
    x, y, w, pic_h = slot.box if slot is not None else (D.MARGIN_X, D.BODY_Y, D.CONTENT_W, D.BODY_H)
    pic_h -= cap.height + D.IMAGE_CAPTION_GAP if cap and cap_slot is None else 0.0
    readable = os.path.isfile(image.path)
    if not readable:
        ctx.warn(origin, f"image: expected a readable file but received {image.path!r}; "
                         "a placeholder is drawn")

    def draw(c: Ctx, s) -> None:
        pic = None
        if readable:
            try:
                pic = shapes.picture(s, image.path, x, y, w, pic_h, image.alt, name="Picture")
                if slot is not None:
                    claim(pic, slot)    # the picture fills the layout's picture placeholder
            except Exception as err:  # python-pptx raises several kinds for unreadable images
                c.warn(origin, f"image: {image.path!r} could not be read ({err}); "
                               "a placeholder is drawn")
        if pic is None:
            box = _placeholder(c, s, x, y, w, pic_h, image.alt, origin)
            shapes.set_alt_text(box, image.alt)
            pic_bottom = y + pic_h
        else:
            pic_bottom = (pic.top + pic.height) / 12700
        if cap and cap_slot is not None:
            placed.fill(c, s, cap_slot, paras([image.caption], cap.size, c.pal.muted,
                                              line=D.CAPTION_LINE, align=cap_slot.align))
        elif cap:
            c.writer.box(s, x, pic_bottom + D.IMAGE_CAPTION_GAP, w, cap.height,
                         paras([image.caption], cap.size, c.pal.muted, line=D.CAPTION_LINE,
                               align="ctr"), name="Caption")     # under the centred picture

    return pages(ctx, slide.title, [draw])


def _placeholder(ctx: Ctx, slide, x, y, w, h, label: str, origin):
    """Return a tinted box with ``label`` centred: what stands in for a chart or picture."""
    box = shapes.rect(slide, x, y, w, h, ctx.pal.tint, name="Placeholder", decorative=False)
    got = fit_or_explain(ctx, [label], w - 48, h - 48, D.BODY, origin=origin,
                         what="a placeholder label", remedies=("shorten the alt text",))
    ctx.writer.fill(box, paras([label], got.size, ctx.pal.muted, align="ctr"), anchor="ctr",
                    insets=(24, 24, 24, 24))
    return box


def chart_slide(ctx: Ctx, slide) -> list[Page]:
    """Return a chart slide: a native chart, with commentary in a side panel when given.

    The chart draws its footnote beneath it; its source line goes in the footer, where every
    slide has it.
    """
    chart = block_of(ctx, slide, Chart)
    if chart is None:
        return blank(ctx, slide)
    origin = chart.origin or slide.origin
    comment = [i for b in slide.blocks if isinstance(b, (Paragraph, Bullets)) for i in items_of(b)]
    span = D.COLUMNS - (D.CHART_COMMENT_SPAN if comment else 0)
    cx, cw = D.grid_x(0, span)
    px, pw = D.grid_x(span, D.CHART_COMMENT_SPAN)
    inner_w = pw - 2 * D.COMMENT_PAD - D.COMMENT_RULE_W
    size = 0.0
    if comment:
        got = fit_list(comment, inner_w, D.BODY_H - 2 * D.COMMENT_PAD, D.COMMENT)
        if not got.fits:
            raise ctx.fit_error("the chart commentary", max((t for t, _ in comment), key=len),
                                got.overflow, D.COMMENT.min, inner_w, D.BODY_LINE, origin,
                                ("shorten the commentary", "move part of it to the speaker notes"))
        size = got.size

    frame = ctx.frame(slide.kind)
    slot = frame.first(CHART_TYPES) if frame is not None else None
    box = (cx, D.BODY_Y, cw, D.BODY_H) if comment or slot is None else slot.box

    def draw(c: Ctx, s) -> None:
        graphic = add_chart(s, chart, *(emu(v) for v in box), c.theme, c.lang, source=False)
        if slot is not None:
            claim(graphic, slot)            # the chart fills the layout's content placeholder
        if comment:
            shapes.rect(s, px, D.BODY_Y, pw, D.BODY_H, c.pal.tint, name="Commentary panel")
            shapes.rect(s, px, D.BODY_Y, D.COMMENT_RULE_W, D.BODY_H, c.pal.accent,
                        name="Commentary rule")
            c.writer.box(s, px + D.COMMENT_RULE_W + D.COMMENT_PAD, D.BODY_Y + D.COMMENT_PAD,
                         inner_w, D.BODY_H - 2 * D.COMMENT_PAD, list_paras(c, comment, size),
                         anchor="ctr", name="Commentary")

    return [Page(slide.title, draw)]


KINDS = {
    "title": title_slide,
    "section": section_slide,
    "kpis": kpis_slide,
    "bullets": bullets_slide,
    "chart": chart_slide,
    "timeline": timeline_slide,
    "table": table_slide,
    "compare": compare_slide,
    "image": image_slide,
    "quote": quote_slide,
    "closing": closing_slide,
}
