"""PDF fonts: the embedded font converted to TrueType outlines, cached and registered."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.font_metrics import Metrics
from briefgen.theme import Typefaces


@dataclass(frozen=True)
class PdfFont:
    """A converted TrueType font registered with reportlab under ``name``.

    ``path`` is the TTF on disk (its family name is ``name`` too, so matplotlib's
    findfont cannot confuse it with a system font); ``metrics`` measures it.
    """

    name: str
    path: str
    metrics: Metrics


def pdf_font(weight: int, chars: str | set[str], theme_fonts: Typefaces | None = None) -> PdfFont:
    """Return the PDF font at ``weight`` covering ``chars``, converted and registered."""
    raise NotImplementedError("pdf_font: the conversion lands in the next commit")
