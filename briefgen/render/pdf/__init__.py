"""The one-page PDF handout: render_pdf(briefing, theme, out) writes one A4 page with embedded fonts.

Order of work: collect every string the page will draw (with its origin), get the embedded
faces for exactly those characters, check every string's glyphs, fit the page (pdf_layout),
and only then open a canvas and draw, so a failure writes nothing. The file is reproducible:
fixed dates, a document ID derived from the briefing, and invariant mode.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO, Union

from reportlab.pdfbase.pdfdoc import PDFText
from reportlab.pdfgen.canvas import Canvas

from briefgen import __version__, model
from briefgen.fonts.measure import pdf_font, require_glyphs
from briefgen.render.pdf.blocks import section_strings
from briefgen.render.pdf.frame import frame_strings
from briefgen.render.pdf.glossary import glossary_strings
from briefgen.render.pdf.layout import fit_page
from briefgen.render.pdf.ops import paint
from briefgen.render.pdf.text import PdfFonts, Where, check_glyphs
from briefgen.text.typography import polish_model
from briefgen.theme import Theme
from briefgen.theme.page import PAGE

PDF_LANG = {"zh": "zh-CN", "en": "en-US"}
PRODUCER = "briefgen with the ReportLab PDF Library"
FIXED_DATE = "D:20000101000000+00'00'"      # creation and modification date of every file
# Always in the faces, so chart axes and separators never miss a glyph: printable ASCII and
# the punctuation the frame and the charts add (·, –, —, ×, %, ，).
BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + "·–—×％，。：（）“”"


def render_pdf(briefing: model.Briefing, theme: Theme, out: Union[str, BinaryIO]) -> list[str]:
    """Return the warnings (each naming its origin) after writing the one-pager to ``out``.

    ``out`` is a path or a binary file object. Raises FontError when a face lacks a glyph
    the page needs, and FitError when the content cannot fit one A4 page.
    """
    briefing = polish_model(briefing)          # curly quotes, 〈〉 in 《》: as the deck sets them
    strings = page_strings(briefing, theme)
    fonts = page_fonts(strings, theme, briefing.lang)
    check_glyphs(strings, fonts, require_glyphs)
    ops, warnings = fit_page(briefing, theme, fonts, PAGE)
    canvas = Canvas(out, pagesize=PAGE.size, invariant=1, pageCompression=1,
                    initialFontName=fonts.regular.name, initialFontSize=PAGE.type.lead.design,
                    lang=PDF_LANG.get(briefing.lang, briefing.lang))
    _metadata(canvas, briefing)
    paint(canvas, ops, fonts, PAGE.size[1], _chart_drawer(theme, fonts))
    canvas.showPage()
    canvas.save()
    return warnings


def page_strings(briefing: model.Briefing, theme: Theme) -> list[Where]:
    """Return every string the one-pager may draw, each with where it came from."""
    strings = list(frame_strings(briefing, theme))
    for section in briefing.onepager.sections:
        strings += section_strings(section, briefing.lang)
    return strings + list(glossary_strings(briefing))


def page_chars(strings: list[Where]) -> str:
    """Return every character the page may draw, sorted, once each."""
    return "".join(sorted(set(BASE_CHARS).union(*(w.text for w in strings)) - {"\n"}))


def page_fonts(strings: list[Where], theme: Theme, lang: str = "zh") -> PdfFonts:
    """Return the regular and bold faces, subset to the characters of ``strings``.

    English pages take the proportional curly quotes; Chinese keeps the full-width ones.
    """
    chars = page_chars(strings)
    english = lang == "en"
    return PdfFonts(pdf_font(400, chars, theme.fonts, proportional=english),
                    pdf_font(700, chars, theme.fonts, proportional=english))


def _metadata(canvas: Canvas, b: model.Briefing) -> None:
    """Set the document information, fixed dates and a fixed document ID."""
    canvas.setTitle(b.title)
    canvas.setAuthor(b.issuer)
    canvas.setSubject(b.subject)
    canvas.setKeywords(keywords(b))
    canvas.setCreator(f"briefgen {__version__}")
    canvas.setProducer(PRODUCER)
    canvas.setDateFormatter(lambda *_: FIXED_DATE)
    canvas.setViewerPreference("DisplayDocTitle", "true")
    spec_name = b.spec_path.replace("\\", "/").rsplit("/", 1)[-1]   # not the folder it was built from
    seed = "\x1f".join((b.lang, b.entity, b.title, spec_name, __version__)).encode()
    doc = canvas._doc            # reportlab seeds the ID with the clock or SOURCE_DATE_EPOCH
    ident = PDFText(hashlib.md5(seed).digest(), enc="raw").format(doc)
    doc._ID = b"\n[" + ident + ident + b"]\n"


def keywords(b: model.Briefing) -> str:
    """Return the document keywords: entity, audience and subject, or the spec's own."""
    own = dict(b.meta).get("keywords", "")
    words = [own] if own else [b.entity_name, b.audience, b.subject]
    return ", ".join(w for w in words if w)


def _chart_drawer(theme: Theme, fonts: PdfFonts):
    """Return the function that draws a chart into a box (svglib is imported on first use)."""

    def draw(canvas, chart, x, y, w, h):
        from briefgen.render.pdf.chart import draw_chart
        draw_chart(canvas, chart, x, y, w, h, theme, fonts)

    return draw
