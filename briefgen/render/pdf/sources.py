"""The handout's sources: documents numbered by first citation, and the short sources block.

A figure's mark names the document that states it, not the quote: the page cites each
source document once, in a block of one line or two per document (title, publisher, date,
URL). The exact quotes stay in the deck's speaker notes and in ``briefgen facts show``.
Only what the page prints is cited: documents are numbered from the sections that are
laid out, so a dropped section leaves no entry behind.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from functools import lru_cache
from typing import Iterable

from briefgen import model
from briefgen.render.pdf.ops import Laid, Line, Text, reading_span
from briefgen.render.pdf.text import Typesetter


def cited(obj) -> list[int]:
    """Return every source-note number a model block cites (fields ``note`` and ``notes``)."""
    out: list[int] = []
    if isinstance(obj, tuple):
        for item in obj:
            out += cited(item)
        return out
    for name in _fields(type(obj)):
        value = getattr(obj, name)
        if name == "note":
            out.append(value)
        elif name == "notes":
            out += list(value)
        elif isinstance(value, tuple) or is_dataclass(value):
            out += cited(value)
    return out


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    """Return the field names of a dataclass (none for any other class), once per class."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else ()


def doc_refs(sections: Iterable[model.Section], notes: Iterable[model.SourceNote]) -> dict[int, int]:
    """Return note number -> document number, documents numbered 1… by first citation in ``sections``."""
    by_number = {n.number: n for n in notes}
    docs: dict[str, int] = {}
    out: dict[int, int] = {}
    for s in sections:
        for number in cited(s.block) + list(getattr(s, "notes", ())):
            note = by_number.get(number)
            if note is not None:
                out[number] = docs.setdefault(note.source_id, len(docs) + 1)
    return out


def documents(refs: dict[int, int], notes: Iterable[model.SourceNote]) -> list[tuple[int, model.SourceNote]]:
    """Return (document number, a note citing it) for every document in ``refs``, in number order."""
    first: dict[int, model.SourceNote] = {}
    for n in notes:
        if n.number in refs:
            first.setdefault(refs[n.number], n)
    return sorted(first.items())


def entry_text(note: model.SourceNote, lang: str) -> str:
    """Return a document's entry: title (and its original title), publisher, date, URL.

    A document without a title of its own is named by its description, never in 《》.
    """
    url = getattr(note, "url", "")
    original = getattr(note, "original_title", "")
    if lang == "zh":
        title = f"《{note.source_title}》" if original else note.source_title   # a description: no 《》
        parts = [title, note.publisher, note.date, url]
        return "，".join(p for p in parts if p)
    title = note.source_title
    if original and original != title:
        title += f" ({original})"
    text = ", ".join(p for p in (title, note.publisher, note.date) if p)
    return f"{text}. {url}" if url else text


def sources_block(docs: list[tuple[int, model.SourceNote]], heading: str, ts: Typesetter,
                  width: float) -> Laid:
    """Return the sources block under a hairline, entries in balanced columns; nothing when no documents."""
    if not docs:
        return Laid(0.0)
    p, g = ts.palette, ts.page.grid
    out = Laid(0.0, [Line(0, 0, width, 0, ts.page.marks.rule, p.rule)])
    head = ts.para(heading, width, ts.size("notes_heading"), p.primary, bold=True, tight=True)
    out.ops += head.place(0, ts.gap("after_heading"))
    out.height = ts.gap("after_heading") + head.height + ts.gap("paragraph") / 2
    cols = max(1, min(g.note_columns, len(docs)))
    col_w = (width - g.gutter * (cols - 1)) / cols
    laid = [_entry(number, entry_text(note, ts.lang), ts, col_w) for number, note in docs]
    gap = ts.gap("note")
    top, tallest, parts = out.height, 0.0, [out.ops]
    for c, (start, end) in enumerate(balance([n.height + gap for n in laid], cols)):
        y = top
        for n in laid[start:end]:
            parts.append(n.place(c * (col_w + g.gutter), y))
            y += n.height + gap
        tallest = max(tallest, y - top - gap)
    out.height = top + max(tallest, 0.0)
    out.ops = reading_span(*parts)      # entries read in number order, column after column
    return out


def _entry(number: int, text: str, ts: Typesetter, width: float) -> Laid:
    """Return one numbered entry with a hanging indent."""
    p, indent = ts.palette, ts.page.marks.note_indent
    size = ts.size("note")
    body = ts.para(text, width - indent, size, p.muted)
    first = body.ops[0].y if body.ops else ts.baseline(size, ts.pitch(size))
    return Laid(body.height, [Text(0, first, str(number), size, p.primary, bold=True)]
                + body.place(indent, 0))


def balance(heights: list[float], cols: int) -> list[tuple[int, int]]:
    """Return column ranges [start, end) over ``heights`` minimising the tallest column."""
    if cols == 1 or len(heights) < 2:
        return [(0, len(heights))]
    best, cut = float("inf"), len(heights)
    for k in range(1, len(heights)):
        tallest = max(sum(heights[:k]), sum(heights[k:]))
        if tallest < best - 1e-6:
            best, cut = tallest, k
    return [(0, cut), (cut, len(heights))]
