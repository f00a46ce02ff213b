"""List items planned for slides: their paragraphs, their fit, and their cut onto continuation slides."""

from __future__ import annotations

from briefgen.model import Bullets, Paragraph
from briefgen.render.pptx.chrome import Ctx
from briefgen.render.pptx.text import Para, Span, deck_measure, fit, overflow_error
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
              sizes: D.Range = D.BODY, min_pages: int = 1, ctx: Ctx | None = None,
              remedies: tuple[str, ...] = ("shorten this item", "split it into two items"),
              ) -> list[tuple[list[Item], float]]:
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
            if ctx is None:
                raise overflow_error(what, alone.overflow, sizes.min, origin)
            raise ctx.fit_error(what, item[0], alone.overflow, sizes.min, _text_w([item], w),
                                D.BODY_LINE, origin, remedies)
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


def parity_sizes(ctx: Ctx, key: str, sizes: D.Range = D.BODY) -> D.Range:
    """Return ``sizes`` capped at ``PARITY_RATIO`` times the smallest size any language used for
    this slide's ``key`` (body text of one slide reads alike in Chinese and English)."""
    if key not in ctx.hint:
        return sizes
    cap = int(ctx.hint[key] * D.PARITY_RATIO * 2) / 2
    return D.Range(max(min(sizes.max, cap), sizes.min), sizes.min)
