"""Fonts: where they are, how wide text set in them is, and glyph coverage checks.

Two measures, both returned as a :class:`Metrics`:

``deck_metrics(bold)`` -- text as the deck shows it. The deck names Latin "Arial" and
East Asian "Microsoft YaHei"; neither is installed here, and viewers substitute. The most
faithful measure available from pip packages alone is:

- characters of Windows-1252 (Latin, digits, ASCII and typographic punctuation): the
  Helvetica / Helvetica-Bold widths (Adobe's metrics, as reportlab ships them, kept in
  :mod:`briefgen.fonts.latin`). Arial was drawn metric-compatible
  with Helvetica, and LibreOffice's substitute for Arial, Liberation Sans, is metric-
  compatible with Arial, so these are exact for the Latin slot;
- other accented Latin letters (pinyin ``ā``): the width of the base letter, which is
  what Arial gives them;
- everything else (CJK ideographs, full-width punctuation, symbols): the advance in the
  packaged Noto Sans CJK SC at 400/700. Ideographs and full-width punctuation are 1 em in
  every CJK font, YaHei included;
- characters of ambiguous East Asian width (``“ ” ‘ ’ … — ·``), which a zh-CN run may
  draw from either the Latin or the East Asian font: the larger of the two widths.

LibreOffice (the substitute a viewer without Office uses) also puts about 1/4 em of space
wherever East Asian text meets a Latin letter or digit ("2024年" has one such seam,
"约3.8亿" two); measured here at 0.243 em, so the deck measure adds 0.25 em per seam
(``Metrics.gap_em``). PowerPoint may not add it; over-estimating is the safe side.

Checked with ``scripts/bench_fonts.py --check-deck``, which renders sample lines through
LibreOffice here (Liberation Sans for Arial, Noto Sans CJK for YaHei) and compares: the
estimate is at most 0.3% below the rendered width on Latin and CJK text and on the mixed
samples (pinyin and narrow middle dots come out 4-6% above). Line height is taken from
Noto Sans CJK (1.448 em), the tallest face a viewer may substitute; YaHei is about 1.32 em.

``pdf_metrics(weight)`` -- the font the PDF embeds, at that weight: advances include the
variable font's HVAR deltas and are rounded to whole units as the converted TrueType font
stores them, so they equal reportlab's ``stringWidth`` for the registered font.

Both come from the face's cached advances (:mod:`briefgen.fonts.face`), memoized per
character: a warm process opens no source font, and its deck path imports neither reportlab
nor fontTools (whose version, which keys the entries, is read from its package file).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable, Iterable, Optional

from briefgen.errors import FontError, Origin
from briefgen.fonts.face import face_data, set_progress
from briefgen.fonts.latin import HELVETICA, HELVETICA_BOLD
from briefgen.fonts.metrics import (LINE_BREAKS, PACKAGED_FACE, FontSource, Metrics,
                                   find_face, font_source, packaged_font, packaged_font_path)
from briefgen.fonts.pdf import PdfFont, pdf_font
from briefgen.theme import Typefaces

ASIAN_WESTERN_GAP_EM = 0.25     # LibreOffice's autospace, measured 0.243 em

__all__ = ["Metrics", "PdfFont", "FontSource", "deck_metrics", "pdf_metrics", "pdf_font",
           "packaged_font", "packaged_font_path", "find_face", "font_source",
           "require_glyphs", "text_chars", "set_progress", "PACKAGED_FACE"]

@lru_cache(maxsize=16)
def _pdf_metrics(source: FontSource) -> Metrics:
    """Return the Metrics of ``source`` at its weight, once per process."""
    face = face_data(source)
    upem = face.upem
    return Metrics(source.label, _advance(source), face.ascent / upem, face.descent / upem,
                   face.notdef_advance / upem)


def _advance(source: FontSource) -> Callable[[str], Optional[float]]:
    """Return the function giving a character's advance in em in ``source`` (None: no glyph)."""
    face = face_data(source)
    upem, lookup = face.upem, face.lookup

    def em(ch: str) -> Optional[float]:
        found = lookup(ord(ch))
        return found[1] / upem if found else None

    return em


def pdf_metrics(weight: int, theme_fonts: Typefaces | None = None) -> Metrics:
    """Return the Metrics of the font the PDF embeds at ``weight`` (400 or 700).

    Prefer ``pdf_font(...).metrics`` once the characters are known: it gives the same
    widths from the small converted file.
    """
    return _pdf_metrics(font_source(weight, theme_fonts))


@lru_cache(maxsize=2)
def deck_metrics(bold: bool) -> Metrics:
    """Return the Metrics of deck text ("Arial" + "Microsoft YaHei"), regular or bold.

    See the module docstring for why these widths are the faithful estimate.
    """
    helvetica = HELVETICA_BOLD if bold else HELVETICA
    source = font_source(700 if bold else 400)
    cjk, cjk_em = _pdf_metrics(source), _advance(source)   # each character is asked once here

    def latin(ch: str) -> Optional[float]:
        w = helvetica.get(ch)
        return None if w is None else w / 1000

    def em(ch: str) -> Optional[float]:
        wide = unicodedata.east_asian_width(ch)
        w = latin(ch)
        if w is None and wide not in ("W", "F"):
            base = unicodedata.normalize("NFD", ch)[0]
            w = latin(base) if base != ch else None
        if w is None:
            return cjk_em(ch)
        if wide == "A":
            wide_w = cjk_em(ch)
            return w if wide_w is None else max(w, wide_w)
        return w

    name = f"deck {'Arial Bold' if bold else 'Arial'} + Microsoft YaHei (estimated)"
    return Metrics(name, em, cjk.ascent_em, cjk.descent_em, gap_em=ASIAN_WESTERN_GAP_EM)


# -- coverage ------------------------------------------------------------------------------

def require_glyphs(text: str, metrics_or_font, where: Origin | None) -> None:
    """Raise FontError when ``text`` has a character the font has no glyph for.

    ``metrics_or_font`` is a Metrics or a PdfFont. Line breaks are not glyphs and pass;
    any other control character fails, since a viewer would draw it as a box. The message
    names the character, its code point, the font and the text around it; for a PdfFont
    it says whether the source font lacks the character or the character was simply not
    among those passed to ``pdf_font``.
    """
    metrics = getattr(metrics_or_font, "metrics", metrics_or_font)
    missing = metrics.missing(text)
    if not missing:
        return
    ch = missing[0]
    at = text.index(ch)
    snippet = text[max(0, at - 12):at + 13].replace("\n", " ")
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    font = metrics.name
    source = getattr(metrics_or_font, "source", None)
    if source is not None:
        whole = _pdf_metrics(source)
        font = f"{whole.name} ({metrics.name})"
        if not whole.missing(ch):
            font = f"{metrics.name}: it was not among the characters given to pdf_font"
    raise FontError(f"no glyph for '{ch}' (U+{ord(ch):04X}) in {font}{more}, "
                    f"in text '{snippet}'", origin=where)


def text_chars(texts: Iterable[str]) -> set[str]:
    """Return the set of characters of ``texts``, without line breaks."""
    chars: set[str] = set()
    for t in texts:
        chars.update(t)
    return chars - LINE_BREAKS
