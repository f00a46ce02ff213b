"""Lists on slides: bullets and paragraphs fitted or split onto continuation slides, and comparisons."""

from __future__ import annotations

from briefgen.model import Bullets, Compare, Paragraph
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, blank, block_of, pages
from briefgen.render.pptx.text import (
    Para, Span, deck_measure, fit, fit_or_fail, overflow_error, paras,
)
from briefgen.text.fit import split_to_fit
from briefgen.theme import deck as D

Item = tuple[str, int]          # (text, level); level -1 is a plain paragraph without a marker


def items_of(block) -> list[Item]:
    """Return the list items of a Bullets or Paragraph block (none for other blocks)."""
    if isinstance(block, Bullets):
        return [(b.text, max(b.level, 0)) for b in block.items]
    if isinstance(block, Paragraph):
        return [(block.text, -1)]
    return []


def _indent(level: int) -> float:
    return 0.0 if level < 0 else D.BULLET_INDENT + level * D.SUB_BULLET_INDENT


def _text_w(items: list[Item], w: float) -> float:
    return w - max(_indent(level) for _, level in items)


def list_paras(ctx: Ctx, items: list[Item], size: float, color: str = "") -> list[Para]:
    """Return the paragraphs of a list at ``size``: accent markers, hanging indents."""
    return [Para((Span(text, size, color or ctx.pal.ink),), size * D.BODY_LINE,
                 before=D.PARA_SPACE if i else 0.0, indent=_indent(level),
                 hang=D.BULLET_INDENT if level >= 0 else 0.0,
                 marker=D.BULLET_CHAR if level >= 0 else "", marker_color=ctx.pal.accent)
            for i, (text, level) in enumerate(items)]


def fit_list(items: list[Item], w: float, h: float, sizes: D.Range = D.BODY):
    """Return the Fit of a list in a w × h box."""
    return fit([t for t, _ in items], _text_w(items, w), h, sizes, space=D.PARA_SPACE)


def plan_list(items: list[Item], w: float, h: float, *, origin, what: str,
              sizes: D.Range = D.BODY, min_pages: int = 1) -> list[tuple[list[Item], float]]:
    """Return the list cut into (items, size) pages: one page if it fits, else the fewest pages.

    Pages share one size, the largest at which every page fits. A paragraph too long for a
    whole box at the floor raises FitError saying by how much.
    """
    whole = fit_list(items, w, h, sizes)
    if whole.fits and min_pages <= 1:
        return [(items, whole.size)]
    for item in items:
        alone = fit_list([item], w, h, D.Range(sizes.min, sizes.min))
        if not alone.fits:
            raise overflow_error(what, alone.overflow, sizes.min, origin)
    chunks = split_to_fit([t for t, _ in items], _text_w(items, w), h, max_size=sizes.max,
                          min_size=sizes.min, measure_for=deck_measure(False),
                          line_spacing=D.BODY_LINE, para_space=D.PARA_SPACE,
                          width_margin=D.WIDTH_MARGIN, origin=origin)
    counts = [len(c) for c in chunks]
    if len(counts) < min(min_pages, len(items)):      # as many slides as another language needs
        base, extra = divmod(len(items), min(min_pages, len(items)))
        counts = [base + (1 if i < extra else 0) for i in range(min(min_pages, len(items)))]
    groups, start = [], 0
    for count in counts:
        groups.append(items[start:start + count])
        start += count
    size = min(fit_list(g, w, h, sizes).size for g in groups)
    return [(g, size) for g in groups]


def heading_of(block, title: str) -> str:
    """Return a block's heading unless the slide title already says it."""
    heading = getattr(block, "heading", "")
    return "" if not heading or heading in title else heading


def draw_heading(ctx: Ctx, slide, text: str, x: float, y: float, w: float, origin) -> float:
    """Draw a block heading at (x, y) and return the height it took, gap included."""
    fitted = fit_or_fail([text], w, D.HEADING.max * D.TITLE_LINE * 2, D.HEADING, origin=origin,
                         what="the list heading", bold=True, line=D.TITLE_LINE)
    ctx.writer.box(slide, x, y, w, fitted.height,
                   paras([text], fitted.size, ctx.pal.primary, bold=True, line=D.TITLE_LINE),
                   name="Heading")
    return fitted.height + D.HEADING_GAP


def bullets_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a bullets slide: its Bullets and Paragraph blocks as one list."""
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
    head_h = (D.HEADING.max * D.TITLE_LINE + D.HEADING_GAP) if heading else 0.0
    planned = plan_list(items, D.CONTENT_W, D.BODY_H - head_h, origin=origin,
                        what="the bullet list", min_pages=ctx.min_pages)

    def drawer(group, size):
        def draw(c: Ctx, s) -> None:
            y = D.BODY_Y
            if heading:
                y += draw_heading(c, s, heading, D.MARGIN_X, y, D.CONTENT_W, origin)
            c.writer.box(s, D.MARGIN_X, y, D.CONTENT_W, D.BODY_BOTTOM - y,
                         list_paras(c, group, size), name="Bullets")
        return draw

    return pages(ctx, slide.title, [drawer(g, s) for g, s in planned])


def compare_slide(ctx: Ctx, slide) -> list:
    """Return the page of a two-column comparison: two tinted panels, each headed in its colour."""
    block = block_of(ctx, slide, Compare)
    if block is None:
        return blank(ctx, slide)
    origin = block.origin or slide.origin
    cols = (block.left, block.right)
    inner_w = D.grid_x(0, 6)[1] - 2 * D.COMPARE_PANEL_PAD
    head_h = D.COMPARE_HEAD.max * D.TITLE_LINE * 2
    head = min(fit_or_fail([c.heading], inner_w, head_h, D.COMPARE_HEAD, origin=origin,
                           what="a comparison heading", bold=True, line=D.TITLE_LINE).size
               for c in cols)
    top = D.COMPARE_RULE_H + D.COMPARE_PANEL_PAD + head_h + D.COMPARE_HEAD_GAP
    body_h = D.BODY_H - top - D.COMPARE_PANEL_PAD
    lists = [[(b.text, max(b.level, 0)) for b in c.items] for c in cols]
    size = min(_fit_column(items, inner_w, body_h, origin) for items in lists if items)

    def draw(c: Ctx, s) -> None:
        for i, (col, items) in enumerate(zip(cols, lists)):
            x, w = D.grid_x(6 * i, 6)
            color = (c.pal.primary, c.pal.secondary)[i]
            shapes.rect(s, x, D.BODY_Y, w, D.BODY_H, c.pal.tint, name=f"Panel {i + 1}")
            shapes.rect(s, x, D.BODY_Y, w, D.COMPARE_RULE_H, color, name=f"Panel rule {i + 1}")
            ix, y = x + D.COMPARE_PANEL_PAD, D.BODY_Y + D.COMPARE_RULE_H + D.COMPARE_PANEL_PAD
            c.writer.box(s, ix, y, inner_w, head_h,
                         paras([col.heading], head, color, bold=True, line=D.TITLE_LINE),
                         anchor="b", name=f"Column heading {i + 1}")
            if items:
                c.writer.box(s, ix, D.BODY_Y + top, inner_w, body_h,
                             list_paras(c, items, size), name=f"Column {i + 1}")

    return pages(ctx, slide.title, [draw])


def _fit_column(items: list[Item], w: float, h: float, origin) -> float:
    fitted = fit_list(items, w, h)
    if not fitted.fits:
        raise overflow_error("a comparison column", fitted.overflow, D.BODY.min, origin)
    return fitted.size
