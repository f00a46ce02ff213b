"""The one-pager's frame: the header band and the footer (the sources block is in sources.py).

These come from the briefing itself rather than from its sections, so they are on every
one-pager. Positions are relative to each block's top-left; the header spans the full page
width (it bleeds off the top and sides), the footer the content width.
"""

from __future__ import annotations

from typing import Iterator

from briefgen import model
from briefgen.render.pdf.logo import header_logo
from briefgen.render.pdf.ops import Laid, Line, Rect, Text
from briefgen.render.pdf.sources import entry_text
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
    mark, meta = wordmark(b, theme), as_of(b)
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
    out.ops += [Text(x0 + width, base, meta, meta_size, faint, right=True)] if meta else []
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
    band += header_logo(theme, x0 + width, base + ts.gap("header_line"), p.paper)
    return Laid(out.height + m.header_rule, band + out.ops)


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
    return " · ".join(x for x in (b.labels.get("prepared_by", issuer=b.issuer), as_of(b)) if x)


def as_of(b: model.Briefing) -> str:
    """Return "data as of …", or nothing when the briefing has no data date (no figures)."""
    return b.labels.get("as_of", date=b.as_of) if b.as_of else ""


def frame_strings(b: model.Briefing, theme) -> Iterator[Where]:
    """Return every string the frame draws, with its origin."""
    where = b.origin or b.spec_path or None
    for text, what in ((b.title, "title"), (b.subtitle, "subtitle"), (b.entity_name, "entity name"),
                       (wordmark(b, theme), f"theme {theme.name} wordmark"),
                       (beside_mark(b, wordmark(b, theme)), "header"),
                       (as_of(b), "as-of date"), (footer_text(b), "footer"),
                       (b.labels.sources, "sources heading")):
        if text:
            yield Where(text, where, what)
    for n in b.onepager.notes:
        yield Where(f"{n.number}{entry_text(n, b.lang)}", b.onepager.origin or where,
                    f"source of note {n.number}")
