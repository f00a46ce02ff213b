"""The handout's glossary note: the Chinese terms the page prints, explained once in small print.

An English handout explains every glossary term it prints (``Briefing.glossary``, found by
the resolver: "Term (中文): explanation."), in one compact paragraph at the foot of the main
column: a run-in heading, then each term in bold followed by its explanation, at the size
of the source notes (7 pt at its floor) with tight leading. A Chinese handout has none: the
resolver explains terms in English only, since a Chinese reader knows 规上 and 专精特新 (none
of the terms is an abbreviation a Chinese reader would need spelled out).
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from briefgen import model
from briefgen.render.pdf.blocks import section_strings
from briefgen.render.pdf.ops import Laid
from briefgen.render.pdf.text import Typesetter, Where


def split_term(entry: str) -> tuple[str, str]:
    """Return (term with its Chinese, explanation) of a "Term (中文): explanation." entry."""
    head, sep, rest = entry.partition("): ")
    return (head + "):", rest) if sep else ("", entry)


def pieces(terms: tuple[str, ...], heading: str, ink: str, muted: str, accent: str
           ) -> list[tuple[str, bool, str]]:
    """Return the note's (text, bold, colour) pieces: the heading, then each term and its explanation."""
    out = [(f"{heading}: ", True, accent)] if heading else []
    for i, entry in enumerate(terms):
        term, text = split_term(entry)
        end = "" if i == len(terms) - 1 else " "
        out += [(term, True, ink), (f" {text}{end}" if term else f"{text}{end}", False, muted)]
    return out


def glossary_block(terms: tuple[str, ...], heading: str, ts: Typesetter, width: float) -> Laid:
    """Return the glossary note as one paragraph; nothing when the page prints no term."""
    if not terms:
        return Laid(0.0)
    p = ts.palette
    return ts.runs(pieces(terms, heading, p.ink, p.muted, p.primary), width, ts.size("kpi_period"), tight=True)


def terms_left(b: model.Briefing, dropped: model.Section, kept: Sequence[model.Section]) -> tuple[str, ...]:
    """Return the glossary entries still printed once section ``dropped`` is left out: an entry
    goes when its term appears in ``dropped`` and nowhere else on the page (title, subtitle,
    the ``kept`` sections). A term the dropped section prints in another form stays explained."""
    def texts(sections) -> str:
        return "\n".join(w.text for s in sections for w in section_strings(s, b.lang))

    gone, rest = texts([dropped]), "\n".join((b.title, b.subtitle, texts(kept)))
    out = []
    for entry in b.glossary:
        term = re.compile(r"(?<![\w-])" + re.escape(entry.split(" (")[0]) + r"s?(?![\w])", re.IGNORECASE)
        if not term.search(gone) or term.search(rest):
            out.append(entry)
    return tuple(out)


def glossary_strings(b: model.Briefing) -> Iterator[Where]:
    """Return the glossary note's strings for the glyph check and the font subset."""
    if b.glossary:
        yield Where(b.labels.glossary, b.origin, "glossary heading")
    for entry in b.glossary:
        yield Where(entry, b.origin, "glossary entry")
