"""Lists on slides: bullets and paragraphs fitted or split onto continuation slides, and comparisons."""

from __future__ import annotations

from briefgen.model import Bullets, Compare, Paragraph
from briefgen.render.pptx import placed, shapes
from briefgen.render.pptx.chrome import Ctx, blank, block_of, fit_or_explain, pages
from briefgen.render.pptx.frames import TEXT_TYPES
from briefgen.render.pptx.listplan import Item, fit_list, items_of, list_paras, parity_sizes, plan_list
from briefgen.render.pptx.text import fit, paras
from briefgen.theme import deck as D

def heading_of(block, title: str) -> str:
    """Return a block's heading unless the slide title already says it."""
    heading = getattr(block, "heading", "")
    return "" if not heading or heading in title else heading


def draw_heading(ctx: Ctx, slide, text: str, x: float, y: float, w: float, origin) -> float:
    """Draw a block heading at (x, y) and return the height it took, gap included."""
    fitted = fit_or_explain(ctx, [text], w, D.HEADING.max * D.TITLE_LINE * 2, D.HEADING,
                            origin=origin, what="the list heading", bold=True, line=D.TITLE_LINE,
                            remedies=("shorten the heading (two lines at most)",))
    ctx.writer.box(slide, x, y, w, fitted.height,
                   paras([text], fitted.size, ctx.pal.primary, bold=True, line=D.TITLE_LINE),
                   name="Heading")
    return fitted.height + D.HEADING_GAP


def _groups(slide) -> list:
    """Return the slide's headed Bullets blocks when it has two or more (drawn as columns)."""
    headed = [b for b in slide.blocks if isinstance(b, Bullets) and b.heading]
    return headed if 2 <= len(headed) <= D.LIST_COLUMNS_MAX and len(headed) == len(
        [b for b in slide.blocks if isinstance(b, (Bullets, Paragraph))]) else []


def _columns_slide(ctx: Ctx, slide, groups) -> list:
    """Return one page with each headed list in a column of its own, its heading above it."""
    origin = groups[0].origin or slide.origin
    n = len(groups)
    span = D.COLUMNS // n
    w = D.grid_x(0, span)[1]
    head = min(fit_or_explain(ctx, [g.heading], w, D.HEADING.max * D.TITLE_LINE * 2, D.HEADING,
                              origin=origin, what="a list heading", bold=True, line=D.TITLE_LINE,
                              remedies=("shorten the heading (two lines at most)",)).size
               for g in groups)
    head_h = max(fit([g.heading], w, D.HEADING.max * D.TITLE_LINE * 2, D.Range(head, head),
                     bold=True, line=D.TITLE_LINE).height for g in groups)
    body_h = D.BODY_H - head_h - D.HEADING_GAP
    lists = [items_of(g) for g in groups]
    sizes = []
    for g, items in zip(groups, lists):
        got = fit_list(items, w, body_h, parity_sizes(ctx, "bullets_size"))
        if not got.fits:
            raise ctx.fit_error(f"the list “{g.heading}”", items[-1][0], got.overflow, D.BODY.min,
                                w, D.BODY_LINE, origin,
                                ("shorten its items", "give each list a slide of its own"))
        sizes.append(got.size)
    size = min(sizes)
    ctx.choice["bullets_size"] = size

    def draw(c: Ctx, s) -> None:
        for i, (g, items) in enumerate(zip(groups, lists)):
            x = D.grid_x(i * span, span)[0]
            c.writer.box(s, x, D.BODY_Y, w, head_h,
                         paras([g.heading], head, c.pal.primary, bold=True, line=D.TITLE_LINE),
                         name=f"Heading {i + 1}")
            y = D.BODY_Y + head_h + D.HEADING_GAP
            c.writer.box(s, x, y, w, D.BODY_BOTTOM - y, list_paras(c, items, size),
                         name=f"Bullets {i + 1}")

    return pages(ctx, slide.title, [draw])


def bullets_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a bullets slide: its Bullets and Paragraph blocks as one list, or,
    when it holds two or three headed lists, each in a column under its heading."""
    groups = _groups(slide)
    if groups:
        return _columns_slide(ctx, slide, groups)
    items, heading = [], ""
    for block in slide.blocks:
        if isinstance(block, (Bullets, Paragraph)):
            items += items_of(block)
            heading = heading or heading_of(block, slide.title)
        else:
            ctx.warn(block.origin or slide.origin,
                     f"a bullets slide draws Bullets and Paragraph blocks; "
                     f"{type(block).__name__} ignored")
    if not items:
        ctx.warn(slide.origin, f"{slide.kind} slide: expected a Bullets or Paragraph block; "
                               "the slide shows its title only")
        return blank(ctx, slide)
    origin = next((b.origin for b in slide.blocks if isinstance(b, (Bullets, Paragraph))
                   and b.origin), slide.origin)
    frame = ctx.frame(slide.kind)
    slot = frame.first(TEXT_TYPES) if frame is not None else None
    if slot is not None:
        return placed.list_pages(ctx, slide, slot, items, heading, origin)
    head_h = (D.HEADING.max * D.TITLE_LINE + D.HEADING_GAP) if heading else 0.0
    planned = plan_list(items, D.CONTENT_W, D.BODY_H - head_h, origin=origin,
                        what="an item of the bullet list", sizes=parity_sizes(ctx, "bullets_size"),
                        min_pages=ctx.min_pages, ctx=ctx)
    ctx.choice["bullets_size"] = planned[0][1]

    def drawer(group, size):
        def draw(c: Ctx, s) -> None:
            y = D.BODY_Y
            if heading:
                y += draw_heading(c, s, heading, D.MARGIN_X, y, D.CONTENT_W, origin)
            c.writer.box(s, D.MARGIN_X, y, D.CONTENT_W, D.BODY_BOTTOM - y,
                         list_paras(c, group, size), name="Bullets")
        return draw

    return pages(ctx, slide.title, [drawer(g, s) for g, s in planned])


def _split_column(ctx: Ctx, items: list[Item], w: float, h: float, heading: str, origin,
                  pages_at_least: int) -> list[list[Item]]:
    """Return a column's items cut into pages (at least ``pages_at_least``), or raise a FitError
    naming the item too long for a whole panel."""
    for text, level in items:
        alone = fit_list([(text, level)], w, h, D.Range(D.BODY.min, D.BODY.min))
        if not alone.fits:
            raise ctx.fit_error(f"an item of the comparison column “{heading}”", text, alone.overflow,
                                D.BODY.min, w, D.BODY_LINE, origin,
                                ("shorten this item", "split it into two items"))
    planned = plan_list(items, w, h, origin=origin, what="a comparison column",
                        min_pages=pages_at_least, ctx=ctx)
    return [g for g, _ in planned]


def compare_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a two-column comparison: two tinted panels, each headed in its colour,
    as tall as the longer list needs; columns too long for one slide continue on the next."""
    block = block_of(ctx, slide, Compare)
    if block is None:
        return blank(ctx, slide)
    origin = block.origin or slide.origin
    cols = (block.left, block.right)
    inner_w = D.grid_x(0, 6)[1] - 2 * D.COMPARE_PANEL_PAD
    most = D.COMPARE_HEAD.max * D.TITLE_LINE * 2
    one = [fit([c.heading], inner_w, D.COMPARE_HEAD.max * D.TITLE_LINE, D.COMPARE_HEAD_ONE_LINE,
               bold=True, line=D.TITLE_LINE) for c in cols]      # one line, a little smaller
    if all(f.fits for f in one):
        head = min(f.size for f in one)
    else:
        head = min(fit_or_explain(ctx, [c.heading], inner_w, most, D.COMPARE_HEAD, origin=origin,
                                  what="a comparison heading", bold=True, line=D.TITLE_LINE,
                                  remedies=("shorten the heading (two lines at most)",)).size
                   for c in cols)
    head_h = max(fit([c.heading], inner_w, most, D.Range(head, head), bold=True,
                     line=D.TITLE_LINE).height for c in cols)
    top = D.COMPARE_RULE_H + D.COMPARE_PANEL_PAD + head_h + D.COMPARE_HEAD_GAP
    body_h = D.BODY_H - top - D.COMPARE_PANEL_PAD
    lists = [[(b.text, max(b.level, 0)) for b in c.items] for c in cols]
    sizes = parity_sizes(ctx, "compare_size")
    fits = [fit_list(items, inner_w, body_h, sizes) for items in lists if items]
    count = ctx.min_pages
    if not all(f.fits for f in fits) or count > 1:
        split = [_split_column(ctx, items, inner_w, body_h, c.heading, origin, count)
                 if items else [[]] for c, items in zip(cols, lists)]
        count = max(count, *(len(p) for p in split))
        split = [_split_column(ctx, items, inner_w, body_h, c.heading, origin, count)
                 if items else [[]] for c, items in zip(cols, lists)]
    else:
        split = [[items] for items in lists]
    size = min(fit_list(p, inner_w, body_h, sizes).size for col in split for p in col if p)
    ctx.choice["compare_size"] = size
    draws = []
    for n in range(count):
        page_lists = [col[n] if n < len(col) else [] for col in split]
        used = max(fit_list(p, inner_w, body_h, D.Range(size, size)).height
                   for p in page_lists if p) if any(page_lists) else 0.0
        draws.append(_compare_drawer(cols, page_lists, size, head, head_h, top, used, inner_w))
    return pages(ctx, slide.title, draws)


def _compare_drawer(cols, lists, size, head, head_h, top, used, inner_w):
    panel_h = min(D.BODY_H, top + used + D.COMPARE_PANEL_PAD)

    def draw(c: Ctx, s) -> None:
        for i, (col, items) in enumerate(zip(cols, lists)):
            x, w = D.grid_x(6 * i, 6)
            color = (c.pal.primary, c.pal.secondary)[i]
            shapes.rect(s, x, D.BODY_Y, w, panel_h, c.pal.tint, name=f"Panel {i + 1}")
            shapes.rect(s, x, D.BODY_Y, w, D.COMPARE_RULE_H, color, name=f"Panel rule {i + 1}")
            ix, y = x + D.COMPARE_PANEL_PAD, D.BODY_Y + D.COMPARE_RULE_H + D.COMPARE_PANEL_PAD
            c.writer.box(s, ix, y, inner_w, head_h,
                         paras([col.heading], head, color, bold=True, line=D.TITLE_LINE),
                         name=f"Column heading {i + 1}")
            if items:
                c.writer.box(s, ix, D.BODY_Y + top, inner_w, used,
                             list_paras(c, items, size), name=f"Column {i + 1}")

    return draw
