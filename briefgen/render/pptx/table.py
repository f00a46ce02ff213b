"""Tables: measured column widths and row heights, a branded header, rows continued when too many."""

from __future__ import annotations


from lxml import etree
from pptx.oxml.ns import qn

from briefgen.frozen import frozen
from briefgen.model import Table
from briefgen.render.pptx.chrome import Ctx, blank, block_of, pages
from briefgen.render.pptx.text import emu, fit, overflow_error, paras, text_width
from briefgen.theme import deck as D

_NO_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"   # "No Style, No Grid": we draw it all
DASH = "—"                     # what an empty cell prints



@frozen
class Plan:
    """One slide's share of a table: its rows, column widths, type sizes and row heights."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float
    head_size: float
    heights: tuple[float, ...]          # header first


def column_widths(table: Table, width: float) -> tuple[float, ...]:
    """Return column widths that share ``width`` in proportion to each column's natural width."""
    n = len(table.columns)
    natural = []
    for c in range(n):
        cells = [r[c] for r in table.rows if c < len(r)]
        widest = max([text_width(t, D.TABLE_BODY.max) for t in cells]
                     + [text_width(table.columns[c], D.TABLE_HEADER.max, True)])
        natural.append(widest + 2 * D.TABLE_PAD_X)
    shares = [max(D.TABLE_MIN_COL, w / sum(natural)) for w in natural]
    return tuple(width * s / sum(shares) for s in shares)


def _row_h(cells, widths, size: float, head: bool) -> tuple[float, float]:
    """Return a row's height at ``size`` and how far its widest line exceeds its cell (pt)."""
    tallest = excess = 0.0
    for c, (text, w) in enumerate(zip(cells, widths)):
        bold = head or c == 0
        inner = w - 2 * D.TABLE_PAD_X
        got = fit([text], inner, 10_000, D.Range(size, size), bold=bold, line=D.TABLE_LINE)
        tallest = max(tallest, got.height)
        widest = max(text_width(line, size, bold) for line in got.lines[0])
        excess = max(excess, widest - inner * (1 - D.WIDTH_MARGIN))
    return tallest + 2 * D.TABLE_PAD_Y, excess


def _heights(table, rows, widths, size) -> tuple[tuple[float, ...], float]:
    """Return the header's and rows' heights at ``size`` and the widest cell's excess."""
    measured = [_row_h(table.columns, widths, min(D.TABLE_HEADER.max, size), True)]
    measured += [_row_h(r, widths, size, False) for r in rows]
    return tuple(h for h, _ in measured), max(e for _, e in measured)


def _pack(heights: tuple[float, ...], body_h: float = D.BODY_H) -> list[int] | None:
    """Return how many body rows go on each slide (header repeated), or None if a row is too tall."""
    head, counts, used = heights[0], [0], heights[0]
    for h in heights[1:]:
        if head + h > body_h:
            return None
        if used + h > body_h:
            counts.append(0)
            used = head
        counts[-1] += 1
        used += h
    return counts


def _spread(counts: list[int], pages: int) -> list[int]:
    """Return the rows of ``counts`` spread evenly over at least ``pages`` slides."""
    rows = sum(counts)
    pages = min(max(pages, len(counts)), rows)
    if pages == len(counts):
        return counts
    base, extra = divmod(rows, pages)
    return [base + (1 if i < extra else 0) for i in range(pages)]


def plan_table(table: Table, origin, min_pages: int = 1, body_h: float = D.BODY_H,
               ctx: Ctx | None = None) -> list[Plan]:
    """Return the slides' plans: the largest size that needs the fewest slides (at least
    ``min_pages``; fewer rows a slide always fit), else FitError. An empty cell prints "—"."""
    rows = tuple(tuple(c if c.strip() else DASH for c in r) + (DASH,) * (len(table.columns) - len(r))
                 for r in table.rows)
    table = Table(table.columns, rows, table.notes, table.origin)
    widths = column_widths(table, D.CONTENT_W)
    best, size = None, D.TABLE_BODY.max
    while size >= D.TABLE_BODY.min:
        heights, excess = _heights(table, rows, widths, size)
        counts = _pack(heights, body_h) if excess <= 0 else None
        if counts and (best is None or len(counts) < len(best[2])):
            best = (size, heights, counts)
            if len(counts) == 1:
                break
        size -= 0.5
    if best is None:
        heights, excess = _heights(table, rows, widths, D.TABLE_BODY.min)
        if ctx is None:
            raise overflow_error("a table cell" if excess > 0 else "a table row",
                                 excess if excess > 0 else heights[0] + max(heights[1:]) - body_h,
                                 D.TABLE_BODY.min, origin)
        if excess > 0:
            cell = max((c for r in rows for c in r), key=lambda c: max(
                (text_width(w, D.TABLE_BODY.min) for w in c.split()), default=0.0))
            raise ctx.fit_error("a table cell", cell, excess, D.TABLE_BODY.min, 0.0, 1.0, origin,
                                ("shorten the word or number that cannot break",
                                 "give the table fewer columns"), across=True)
        tallest = max(range(len(rows)), key=lambda i: heights[1 + i])
        raise ctx.fit_error("a table row", rows[tallest][0], heights[0] + heights[1 + tallest] - body_h,
                            D.TABLE_BODY.min, widths[0], D.TABLE_LINE, origin,
                            ("shorten this row's label", "split the table over two slides"))
    size, heights, counts = best
    counts = _spread(counts, min_pages)
    plans, start = [], 0
    for count in counts:
        plans.append(Plan(rows[start:start + count], widths, size, min(D.TABLE_HEADER.max, size),
                          (heights[0],) + heights[1 + start:1 + start + count]))
        start += count
    return plans


def _cell_style(tc, fill: str, rule: str, rule_w: float) -> None:
    tc_pr = tc.get_or_add_tcPr()
    for child in list(tc_pr):
        tc_pr.remove(child)
    for side in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        ln = etree.SubElement(tc_pr, qn(side))
        if side == "a:lnB":
            ln.set("w", str(emu(rule_w)))
            etree.SubElement(etree.SubElement(ln, qn("a:solidFill")), qn("a:srgbClr")).set("val", rule)
        else:
            ln.set("w", "0")
            etree.SubElement(ln, qn("a:noFill"))
    etree.SubElement(etree.SubElement(tc_pr, qn("a:solidFill")), qn("a:srgbClr")).set("val", fill)
    for side in ("marL", "marR"):
        tc_pr.set(side, str(emu(D.TABLE_PAD_X)))
    for side in ("marT", "marB"):
        tc_pr.set(side, str(emu(D.TABLE_PAD_Y)))
    tc_pr.set("anchor", "ctr")


def _drawer(table: Table, plan: Plan, dashed: bool):
    def draw(ctx: Ctx, slide) -> None:
        pal = ctx.pal
        if dashed and any(DASH in r for r in plan.rows):
            ctx.writer.box(slide, D.MARGIN_X, D.BODY_Y + sum(plan.heights) + D.TABLE_NOTE_GAP,
                           D.CONTENT_W, D.CAPTION.max * D.CAPTION_LINE,
                           paras([ctx.text("not_stated")], D.CAPTION.max, pal.muted,
                                 line=D.CAPTION_LINE), name="Table note")
        rows = (tuple(table.columns),) + plan.rows
        frame = slide.shapes.add_table(len(rows), len(table.columns), emu(D.MARGIN_X),
                                       emu(D.BODY_Y), emu(D.CONTENT_W), emu(sum(plan.heights)))
        frame.name = "Table"
        grid = frame.table
        grid._tbl.tblPr.find(qn("a:tableStyleId")).text = _NO_STYLE
        grid.first_row, grid.horz_banding = True, False
        for c, w in enumerate(plan.widths):
            grid.columns[c].width = emu(w)
        for r, (cells, h) in enumerate(zip(rows, plan.heights)):
            grid.rows[r].height = emu(h)
            for c, text in enumerate(cells):
                cell = grid.cell(r, c)
                head, first = r == 0, c == 0
                fill = pal.primary if head else (pal.tint if r % 2 == 0 else pal.paper)
                _cell_style(cell._tc, fill, pal.primary if head else pal.rule,
                            D.TABLE_HEADER_RULE if head else D.TABLE_RULE)
                color = pal.paper if head else (pal.primary if first else pal.ink)
                size = plan.head_size if head else plan.size
                ctx.writer.fill_body(cell._tc.get_or_add_txBody(),
                                     paras([text], size, color, bold=head or first,
                                           line=D.TABLE_LINE), anchor=None)
    return draw


def table_slide(ctx: Ctx, slide) -> list:
    """Return the pages of a table slide, the header repeated on every continuation."""
    block = block_of(ctx, slide, Table, "columns")
    if block is None:
        return blank(ctx, slide)
    dashed = any(not c.strip() for r in block.rows for c in r) or \
        any(len(r) < len(block.columns) for r in block.rows)
    body_h = D.BODY_H - (D.CAPTION.max * D.CAPTION_LINE + D.TABLE_NOTE_GAP if dashed else 0.0)
    plans = plan_table(block, block.origin or slide.origin, ctx.min_pages, body_h, ctx)
    return pages(ctx, slide.title, [_drawer(block, p, dashed) for p in plans])
