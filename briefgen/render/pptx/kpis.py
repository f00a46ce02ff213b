"""KPI cards: big figures with a smaller prefix and suffix, the label and period beneath.

A figure reads "prefix number suffix" ("超 5000 亿元", "over RMB 500 billion"). The number
is set very large in bold, the prefix and suffix at a fraction of its size. When the
suffix beside the number would force the number small, the suffix moves to a line of its
own beneath it ("stacked"); whichever form gives the larger number wins. All cards of a
slide share one form and one number size, so they read as a set.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import Figure, KpiCards
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, blank, block_of, pages
from briefgen.render.pptx.text import (
    Para, Span, balanced_width, fit, overflow_error, paras, text_width,
)
from briefgen.theme import deck as D

_ROWS = {1: ((1,),), 2: ((2,),), 3: ((3,),), 4: ((4,), (2, 2)), 5: ((3, 2),), 6: ((3, 3),)}
_MAX_CARDS = 6


@dataclass(frozen=True)
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


def _candidate(figs, rows, stacked: bool) -> CardLayout | float:
    """Return the layout of ``figs`` in ``rows`` with one number form, or its overflow (pt).

    Labels take the largest size at which some number size fits the body's height; the
    number then takes the largest size that both its card's width and that height allow.
    """
    per_row = max(rows)
    card_w = (D.CONTENT_W - (per_row - 1) * D.GUTTER) / per_row
    inner = card_w - 2 * D.KPI_PAD
    widest = _number_size(figs, inner, stacked)
    if widest is None:
        return max(number_width(f, D.KPI_NUMBER.min, stacked) for f in figs) \
            - inner * (1 - D.WIDTH_MARGIN)
    detail_h = D.KPI_PERIOD * D.KPI_LABEL_LINE if any(f.detail for f in figs) else 0.0
    over = float("inf")
    for label, label_h in _label_sizes(figs, inner):
        fixed = (2 * D.KPI_PAD + D.KPI_RULE_H + detail_h + D.KPI_GAP + D.KPI_PERIOD_GAP + label_h
                 + D.KPI_PERIOD * D.KPI_LABEL_LINE)
        number = widest
        while number >= D.KPI_NUMBER.min:
            suffix_h = _affix(number) * D.KPI_LABEL_LINE if stacked else 0.0
            card_h = fixed + number * D.KPI_NUMBER_LINE + suffix_h
            over = len(rows) * card_h + (len(rows) - 1) * D.KPI_ROW_GAP - D.BODY_H
            if over <= 0:
                return CardLayout(rows, card_w, card_h, number, stacked, label, label_h, detail_h)
            number -= 0.5
    if over == float("inf"):            # no label fits even at its floor
        box = D.KPI_LABEL_MAX_LINES * D.KPI_LABEL.min * D.KPI_LABEL_LINE
        floor = D.Range(D.KPI_LABEL.min, D.KPI_LABEL.min)
        return max(fit([f.label], inner, box, floor, bold=True, line=D.KPI_LABEL_LINE).overflow
                   for f in figs)
    return over


def layout_cards(figs: tuple[Figure, ...], origin) -> CardLayout:
    """Return the layout with the largest figures that fits the body, or raise FitError.

    Inline numbers win ties: a stacked suffix must buy a clearly larger number.
    """
    best, least = None, float("inf")
    any_suffix = any(f.suffix for f in figs)
    for rows in _ROWS[len(figs)]:
        for stacked in (False, True) if any_suffix else (False,):
            got = _candidate(figs, rows, stacked)
            if not isinstance(got, CardLayout):
                least = min(least, got)
                continue
            bonus = D.KPI_STACK_GAIN if got.stacked else 1.0
            if best is None or got.number > best.number * bonus:
                best = got
    if best is None:
        raise overflow_error("the KPI cards", least, D.KPI_NUMBER.min, origin)
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
    shapes.rect(slide, x, y, lay.card_w, D.KPI_RULE_H, pal.accent if i == 1 else pal.primary,
                name=f"Card rule {i}")
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
    w.box(slide, x, y, balanced_width(fig.label, inner, lay.label, True), lay.label_h,
          paras([fig.label], lay.label, pal.ink, bold=True, line=D.KPI_LABEL_LINE),
          name=f"Label {i}")
    y += lay.label_h + D.KPI_PERIOD_GAP
    if fig.period:
        w.box(slide, x, y, inner, D.KPI_PERIOD * D.KPI_LABEL_LINE,
              paras([fig.period], D.KPI_PERIOD, pal.muted, line=D.KPI_LABEL_LINE),
              name=f"Period {i}")


def _draw_cards(figs: tuple[Figure, ...], lay: CardLayout):
    def draw(ctx: Ctx, slide) -> None:
        per_row = max(lay.rows)
        total = len(lay.rows) * lay.card_h + (len(lay.rows) - 1) * D.KPI_ROW_GAP
        y = D.BODY_Y + (D.BODY_H - total) / 2
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


def kpis_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a KPI slide: up to six cards a slide, more continue."""
    block = block_of(ctx, slide, KpiCards, "items")
    if block is None:
        return blank(ctx, slide)
    origin = block.origin or slide.origin
    groups = [block.items[i:i + _MAX_CARDS] for i in range(0, len(block.items), _MAX_CARDS)]
    return pages(ctx, slide.title, [_draw_cards(g, layout_cards(g, origin)) for g in groups])
