"""KPI cards: big figures with a smaller prefix and suffix, the label and period beneath.

A figure reads "prefix number suffix" ("超 5000 亿元", "over RMB 500 billion"). The number
is set very large in bold, the prefix and suffix at a fraction of its size. When the
suffix beside the number would force the number small, the suffix moves to a line of its
own beneath it ("stacked") only when no inline grid fits. All cards of a slide share one
form and one number size, so they read as a set, and every language keeps the same grid.
"""

from __future__ import annotations

from dataclasses import replace

from briefgen.frozen import frozen
from briefgen.model import Figure, KpiCards, Paragraph
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, blank, block_of, pages
from briefgen.render.pptx.text import (
    Para, Span, fit, overflow_error, paras, text_width,
)
from briefgen.theme import deck as D

_ROWS = {1: ((1,),), 2: ((2,),), 3: ((3,),), 4: ((4,), (2, 2)), 5: ((3, 2),), 6: ((3, 3),)}
_MAX_CARDS = 6


@frozen
class CardLayout:
    """How a set of cards is laid out: rows, card size, number form and shared type sizes."""

    rows: tuple[int, ...]
    card_w: float
    card_h: float
    number: float
    stacked: bool
    label: float
    label_h: float
    detail_h: float


@frozen
class Overflow:
    """Why a grid does not fit: the part ("number", "label" or "height"), by how much (pt),
    the text concerned and the card's inner width."""

    part: str
    amount: float
    text: str
    width: float


_REMEDIES = {
    "number": ("give the slide fewer facts, so each card is wider",
               "choose a fact whose figure is shorter"),
    "label": ("shorten this card's label",),
    "height": ("shorten the card labels", "give the slide fewer facts (six at most; more "
               "continue on another slide)"),
}


def _affix(number: float) -> float:
    return max(D.KPI_AFFIX_MIN, number * D.KPI_AFFIX)


def _parts(fig: Figure) -> tuple[str, str, str]:
    pre = fig.prefix + fig.sep if fig.prefix else ""
    post = (fig.sep or D.KPI_AFFIX_GAP) + fig.suffix if fig.suffix else ""
    return pre, fig.number, post


def number_width(fig: Figure, size: float, stacked: bool = False) -> float:
    """Return the width of a figure's number line(s) with the number at ``size``."""
    pre, number, post = _parts(fig)
    affix = _affix(size)
    head = text_width(pre, affix) + text_width(number, size, True)
    if stacked:
        return max(head, text_width(fig.suffix, affix))
    return head + text_width(post, affix)


def _number_size(figs, inner_w: float, stacked: bool) -> float | None:
    room = inner_w * (1 - D.WIDTH_MARGIN)
    size = D.KPI_NUMBER.max
    while size >= D.KPI_NUMBER.min:
        if all(number_width(f, size, stacked) <= room for f in figs):
            return size
        size -= 0.5
    return None


def _label_sizes(figs, inner: float):
    """Yield (size, height) at which every label fits: three lines at most first, largest first.

    Only when no size gets every label into three lines may labels take more lines.
    """
    for lines in range(D.KPI_LABEL_LINES, D.KPI_LABEL_MAX_LINES + 1):
        size = D.KPI_LABEL.max
        while size >= D.KPI_LABEL.min:
            box = lines * size * D.KPI_LABEL_LINE
            at = [fit([f.label], inner, box, D.Range(size, size), bold=True,
                      line=D.KPI_LABEL_LINE) for f in figs]
            if all(a.fits for a in at):
                yield size, max(a.height for a in at)
            size -= 1.0


def _candidate(figs, rows, stacked: bool, body_h: float = D.BODY_H,
               cap: float = D.KPI_NUMBER.max) -> CardLayout | Overflow:
    """Return the layout of ``figs`` in ``rows`` with one number form, or its overflow (pt).

    Labels take the largest size at which some number size fits the body's height; the
    number then takes the largest size that both its card's width and that height allow.
    """
    per_row = max(rows)
    card_w = (D.CONTENT_W - (per_row - 1) * D.GUTTER) / per_row
    inner = card_w - 2 * D.KPI_PAD
    widest = _number_size(figs, inner, stacked)
    if widest is not None:
        widest = min(widest, cap)
    if widest is None:
        worst = max(figs, key=lambda f: number_width(f, D.KPI_NUMBER.min, stacked))
        return Overflow("number", number_width(worst, D.KPI_NUMBER.min, stacked)
                        - inner * (1 - D.WIDTH_MARGIN), worst.text, inner)
    detail_h = D.KPI_PERIOD * D.KPI_LABEL_LINE if any(f.detail for f in figs) else 0.0
    over = float("inf")
    for label, label_h in _label_sizes(figs, inner):
        fixed = (2 * D.KPI_PAD + D.KPI_RULE_H + detail_h + D.KPI_GAP + D.KPI_PERIOD_GAP + label_h
                 + D.KPI_PERIOD * D.KPI_LABEL_LINE)
        number = widest
        while number >= D.KPI_NUMBER.min:
            suffix_h = _affix(number) * D.KPI_LABEL_LINE if stacked else 0.0
            card_h = fixed + number * D.KPI_NUMBER_LINE + suffix_h
            over = len(rows) * card_h + (len(rows) - 1) * D.KPI_ROW_GAP - body_h
            if over <= 0:
                return CardLayout(rows, card_w, card_h, number, stacked, label, label_h, detail_h)
            number -= 0.5
    if over == float("inf"):            # no label fits even at its floor
        box = D.KPI_LABEL_MAX_LINES * D.KPI_LABEL.min * D.KPI_LABEL_LINE
        floor = D.Range(D.KPI_LABEL.min, D.KPI_LABEL.min)
        worst = max(figs, key=lambda f: fit([f.label], inner, box, floor, bold=True,
                                            line=D.KPI_LABEL_LINE).overflow)
        return Overflow("label", fit([worst.label], inner, box, floor, bold=True,
                                     line=D.KPI_LABEL_LINE).overflow, worst.label, inner)
    return Overflow("height", over, max(figs, key=lambda f: len(f.label)).label, inner)


def layout_options(figs: tuple[Figure, ...], body_h: float = D.BODY_H, cap: float = D.KPI_NUMBER.max,
                   stacked: bool = False) -> tuple[dict, float]:
    """Return {rows: CardLayout} of every grid that fits in one number form, and the least overflow."""
    options, least = {}, None
    for rows in _ROWS[len(figs)]:
        got = _candidate(figs, rows, stacked, body_h, cap)
        if isinstance(got, CardLayout):
            options[rows] = got
        elif least is None or got.amount < least.amount:
            least = got
    return options, least


def layout_cards(figs: tuple[Figure, ...], origin, body_h: float = D.BODY_H, hint: dict | None = None,
                 ctx: Ctx | None = None) -> CardLayout:
    """Return the layout with the largest figures that fits the body, or raise FitError.

    Units sit inline after the number on every card of the deck; only when no inline grid fits
    does the unit move beneath the number. ``hint`` (every language's plan) fixes the grid and
    caps the number at ``PARITY_RATIO`` times the smallest any language can use.
    """
    hint = hint or {}
    cap = D.KPI_NUMBER.max
    if "kpi_number" in hint:
        cap = min(cap, int(hint["kpi_number"] * D.PARITY_RATIO * 2) / 2)   # half-point steps
    options, least = layout_options(figs, body_h, cap)
    if not options and any(f.suffix for f in figs):
        options, least = layout_options(figs, body_h, cap, stacked=True)
    if ctx is not None:
        ctx.choice["kpi_grids"] = {rows: lay.number for rows, lay in options.items()}
        ctx.choice["kpi_heights"] = {rows: lay.card_h for rows, lay in options.items()}
    if not options:
        if ctx is None:
            raise overflow_error("the KPI cards", least.amount, D.KPI_NUMBER.min, origin)
        if least.part == "number":
            raise ctx.fit_error("a KPI card's figure", least.text, least.amount, D.KPI_NUMBER.min,
                                least.width, 1.0, origin, _REMEDIES["number"], across=True)
        what = "a KPI card's label" if least.part == "label" else "the KPI cards' labels"
        raise ctx.fit_error(what, least.text, least.amount, D.KPI_LABEL.min, least.width,
                            D.KPI_LABEL_LINE, origin, _REMEDIES[least.part])
    best = options.get(hint.get("kpi_rows")) or max(options.values(), key=lambda lay: lay.number)
    tallest = hint.get("kpi_card_h", 0.0)       # every language's cards as tall as the tallest
    rows = len(best.rows)
    if tallest > best.card_h and rows * tallest + (rows - 1) * D.KPI_ROW_GAP <= body_h:
        best = replace(best, card_h=tallest)
    return best


def _number_paras(ctx: Ctx, fig: Figure, lay: CardLayout) -> list[Para]:
    pal = ctx.pal
    pre, number, post = _parts(fig)
    affix = _affix(lay.number)
    head = [Span(pre, affix, pal.primary), Span(number, lay.number, pal.primary, True)]
    if not lay.stacked:
        head.append(Span(post, affix, pal.primary))
    out = [Para(tuple(s for s in head if s.text), lay.number * D.KPI_NUMBER_LINE)]
    if lay.stacked:
        out.append(Para((Span(fig.suffix or " ", affix, pal.primary),), affix * D.KPI_LABEL_LINE))
    return out


def _card(ctx: Ctx, slide, fig: Figure, x: float, y: float, lay: CardLayout, i: int) -> None:
    pal, w = ctx.pal, ctx.writer
    shapes.rect(slide, x, y, lay.card_w, lay.card_h, pal.tint, name=f"Card {i}")
    shapes.rect(slide, x, y, lay.card_w, D.KPI_RULE_H, pal.primary, name=f"Card rule {i}")
    inner = lay.card_w - 2 * D.KPI_PAD
    x += D.KPI_PAD
    y += D.KPI_RULE_H + D.KPI_PAD
    number = _number_paras(ctx, fig, lay)
    number_h = sum(p.line for p in number)
    w.box(slide, x, y, inner, number_h, number, name=f"Figure {i}")
    y += number_h
    if fig.detail:
        w.box(slide, x, y, inner, lay.detail_h,
              paras([fig.detail], D.KPI_PERIOD, pal.muted, line=D.KPI_LABEL_LINE),
              name=f"Detail {i}")
    y += lay.detail_h + D.KPI_GAP
    w.box(slide, x, y, inner, lay.label_h,
          paras([fig.label], lay.label, pal.ink, bold=True, line=D.KPI_LABEL_LINE),
          name=f"Label {i}")
    y += lay.label_h + D.KPI_PERIOD_GAP
    if fig.period:              # one line: a long period ("（年份推算）") shrinks to fit it
        size = fit([fig.period], inner, D.KPI_PERIOD * D.KPI_LABEL_LINE,
                   D.Range(D.KPI_PERIOD, D.CAPTION.min), line=D.KPI_LABEL_LINE).size
        w.box(slide, x, y, inner, size * D.KPI_LABEL_LINE,
              paras([fig.period], size, pal.muted, line=D.KPI_LABEL_LINE),
              name=f"Period {i}")


def _draw_cards(figs: tuple[Figure, ...], lay: CardLayout, body_h: float = D.BODY_H, comment=None):
    def draw(ctx: Ctx, slide) -> None:
        per_row = max(lay.rows)
        total = len(lay.rows) * lay.card_h + (len(lay.rows) - 1) * D.KPI_ROW_GAP
        y = D.BODY_Y + (body_h - total) / 2
        if comment is not None:
            comment(ctx, slide, y + total + D.KPI_COMMENT_GAP)
        start = 0
        for count in lay.rows:
            row_w = count * lay.card_w + (count - 1) * D.GUTTER
            x = D.MARGIN_X + (D.CONTENT_W - row_w) / 2 if count < per_row else D.MARGIN_X
            for fig in figs[start:start + count]:
                start += 1
                _card(ctx, slide, fig, x, y, lay, start)
                x += lay.card_w + D.GUTTER
            y += lay.card_h + D.KPI_ROW_GAP
    return draw


def _commentary(ctx: Ctx, slide, origin):
    """Return (height, drawer) of the commentary under a set of cards, or (0, None)."""
    texts = [b.text for b in slide.blocks if isinstance(b, Paragraph)]
    if not texts:
        return 0.0, None
    inner = D.CONTENT_W - 2 * D.COMMENT_PAD - D.COMMENT_RULE_W
    room = D.KPI_COMMENT_H - 2 * D.COMMENT_PAD
    got = fit(texts, inner, room, D.KPI_COMMENT, line=D.BODY_LINE)
    if not got.fits:
        raise ctx.fit_error("the commentary under the cards", texts[0], got.overflow,
                            D.KPI_COMMENT.min, inner, D.BODY_LINE, origin,
                            ("shorten the commentary", "move part of it to the speaker notes"))
    height = max(got.height + 2 * D.COMMENT_PAD, ctx.hint.get("kpi_comment_h", 0.0))
    ctx.choice["kpi_comment_h"] = got.height + 2 * D.COMMENT_PAD      # every language: the tallest

    def draw(c: Ctx, s, y: float) -> None:
        shapes.rect(s, D.MARGIN_X, y, D.CONTENT_W, height, c.pal.tint, name="Commentary panel")
        shapes.rect(s, D.MARGIN_X, y, D.COMMENT_RULE_W, height, c.pal.accent, name="Commentary rule")
        c.writer.box(s, D.MARGIN_X + D.COMMENT_RULE_W + D.COMMENT_PAD, y + D.COMMENT_PAD, inner,
                     got.height, paras(texts, got.size, c.pal.ink, line=D.BODY_LINE),
                     name="Commentary")

    return height + D.KPI_COMMENT_GAP, draw


def kpis_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a KPI slide: up to six cards a slide, more continue; a commentary
    (a chart slide the chart policy drew as cards) sits in a panel beneath the cards."""
    block = block_of(ctx, slide, KpiCards, "items")
    if block is None:
        return blank(ctx, slide)
    origin = block.origin or slide.origin
    comment_h, comment = _commentary(ctx, slide, origin)
    body_h = D.BODY_H - comment_h
    groups = [block.items[i:i + _MAX_CARDS] for i in range(0, len(block.items), _MAX_CARDS)]
    draws = []
    for g in groups:
        lay = layout_cards(g, origin, body_h, ctx.hint if len(groups) == 1 else None, ctx)
        draws.append(_draw_cards(g, lay, body_h, comment if not draws else None))
    return pages(ctx, slide.title, draws)
