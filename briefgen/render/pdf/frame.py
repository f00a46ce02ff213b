"""The one-pager's frame: the header band, the numbered source notes and the footer.

These come from the briefing itself rather than from its sections, so they are on every
one-pager. Positions are relative to each block's top-left; the header spans the full page
width (it bleeds off the top and sides), the notes and the footer the content width.
"""

from __future__ import annotations

from typing import Iterator

from briefgen import model
from briefgen.render.pdf.ops import Laid, Line, Rect, Text
from briefgen.render.pdf.text import Typesetter, Where, mix


def beside_mark(b: model.Briefing, mark: str) -> str:
    """Return what the header shows beside the wordmark: the entity, or the issuer when the
    wordmark already names the entity (江阴 | 江阴市 would say it twice)."""
    same = b.entity_name.lower().removesuffix("市") == mark.lower().removesuffix("市")
    return b.issuer if same else b.entity_name


def wordmark(briefing: model.Briefing, theme) -> str:
    """Return the theme's short brand text in the briefing's language."""
    return theme.wordmark.get(briefing.lang, "")


def header(b: model.Briefing, theme, ts: Typesetter) -> Laid:
    """Return the header band: wordmark and entity, the title, the subtitle and the as-of date."""
    m, p = ts.page.marks, ts.palette
    x0, page_w = ts.page.grid.margin_x, ts.page.size[0]
    width = ts.page.content_width
    soft, faint = mix(p.primary, p.paper, m.header_soft), mix(p.primary, p.paper, m.header_faint)
    out = Laid(ts.gap("header_pad_top"))
    mark, meta = wordmark(b, theme), b.labels.get("as_of", date=b.as_of)
    size, meta_size = ts.size("wordmark"), ts.size("header_meta")
    pitch = ts.pitch(size, tight=True)
    base = out.height + ts.baseline(size, pitch)
    x = x0
    if mark:
        out.ops.append(Text(x, base, mark, size, p.paper, bold=True))
        x += ts.width(mark, size, True) + size * m.wordmark_gap
        mid = base - ts.middle(size)
        out.ops.append(Line(x, mid - size / 2, x, mid + size / 2, m.rule, faint))
        x += size * m.wordmark_gap
    entity = ts.para(beside_mark(b, mark), width - (x - x0) - ts.width(meta, meta_size) - m.header_gap,
                     ts.size("entity"), soft, tight=True)
    out.ops += entity.place(x, base - (entity.ops[0].y if entity.ops else 0.0))
    out.ops.append(Text(x0 + width, base, meta, meta_size, faint, right=True))
    out.height += max(pitch, entity.height) + ts.gap("header_line") * 2
    for text, role, color, bold in ((b.title, "title", p.paper, True),
                                    (b.subtitle, "subtitle", soft, False)):
        if text:
            block = ts.para(text, width * m.title_measure, ts.size(role), color, bold=bold, tight=True)
            out.ops += block.place(x0, out.height)
            out.height += block.height + ts.gap("header_line")
    out.height += ts.gap("header_pad_bottom") - ts.gap("header_line")
    band = [Rect(0, 0, page_w, out.height, p.primary),
            Rect(0, out.height, page_w, m.header_rule, p.accent)]
    return Laid(out.height + m.header_rule, band + out.ops)


def _note(note: model.SourceNote, ts: Typesetter, width: float) -> Laid:
    """Return one numbered source note with a hanging indent."""
    p, indent = ts.palette, ts.page.marks.note_indent
    size = ts.size("note")
    body = ts.para(note.text, width - indent, size, p.muted)
    first = body.ops[0].y if body.ops else ts.baseline(size, ts.pitch(size))
    return Laid(body.height, [Text(0, first, str(note.number), size, p.primary, bold=True)]
                + body.place(indent, 0))


def notes(onepager: model.OnePager, labels: model.Labels, ts: Typesetter, width: float) -> Laid:
    """Return the source notes under a hairline, in columns filled in reading order."""
    p, g = ts.palette, ts.page.grid
    out = Laid(0.0, [Line(0, 0, width, 0, ts.page.marks.rule, p.rule)])
    head = ts.para(labels.sources, width, ts.size("notes_heading"), p.primary, bold=True, tight=True)
    out.ops += head.place(0, ts.gap("after_heading"))
    out.height = ts.gap("after_heading") + head.height + ts.gap("paragraph") / 2
    cols = max(1, min(g.note_columns, len(onepager.notes)))
    col_w = (width - g.gutter * (cols - 1)) / cols
    laid = [_note(n, ts, col_w) for n in onepager.notes]
    gap = ts.gap("note")
    columns = _balance([n.height + gap for n in laid], cols)
    top, tallest = out.height, 0.0
    for c, (start, end) in enumerate(columns):
        y = top
        for n in laid[start:end]:
            out.ops += n.place(c * (col_w + g.gutter), y)
            y += n.height + gap
        tallest = max(tallest, y - top - gap)
    out.height = top + max(tallest, 0.0)
    return out


def _balance(heights: list[float], cols: int) -> list[tuple[int, int]]:
    """Return column ranges [start, end) over ``heights`` minimising the tallest column."""
    if cols == 1 or len(heights) < 2:
        return [(0, len(heights))]
    best, cut = float("inf"), len(heights)
    for k in range(1, len(heights)):
        tallest = max(sum(heights[:k]), sum(heights[k:]))
        if tallest < best - 1e-6:
            best, cut = tallest, k
    return [(0, cut), (cut, len(heights))]


def footer(b: model.Briefing, theme, ts: Typesetter, width: float) -> Laid:
    """Return the footer: who prepared it and the data date on the left, the wordmark on the right."""
    p = ts.palette
    size = ts.size("footer")
    mark = wordmark(b, theme)
    left = ts.para(footer_text(b), width - ts.width(mark, size, True) - ts.page.marks.footer_gap,
                   size, p.muted, tight=True)
    ops = left.ops + [Text(width, left.ops[0].y, mark, size, p.primary, bold=True, right=True)]
    return Laid(left.height, ops)


def footer_text(b: model.Briefing) -> str:
    """Return the footer's left text."""
    return "  ·  ".join((b.labels.get("prepared_by", issuer=b.issuer), b.labels.get("as_of", date=b.as_of)))


def frame_strings(b: model.Briefing, theme) -> Iterator[Where]:
    """Return every string the frame draws, with its origin."""
    where = b.origin or b.spec_path or None
    for text, what in ((b.title, "title"), (b.subtitle, "subtitle"), (b.entity_name, "entity name"),
                       (wordmark(b, theme), f"theme {theme.name} wordmark"),
                       (beside_mark(b, wordmark(b, theme)), "header"),
                       (b.labels.get("as_of", date=b.as_of), "as-of date"), (footer_text(b), "footer"),
                       (b.labels.sources, "sources heading")):
        if text:
            yield Where(text, where, what)
    for n in b.onepager.notes:
        yield Where(f"{n.number}{n.text}", b.onepager.origin or where, f"source note {n.number}")
