"""Text on slides: runs that name their Latin and East Asian faces, and measured, fitted text boxes.

Every run and every end-of-paragraph mark gets ``a:latin`` and ``a:ea`` (schema order:
fill, latin, ea) and a ``lang``: ``zh-CN`` in a zh deck and on any run holding Chinese,
else ``en-US``. The ``a:ea`` face carries the GB2312 charset, so a viewer without it
substitutes a Simplified Chinese face. PowerPoint picks the Latin or East Asian face per
character, but LibreOffice draws the ambiguous marks (“ ” ‘ ’ — … ·) in the Latin face,
with its Asian/Western gap beside them; so in Chinese text each run of those marks is a
run of its own whose Latin face is the East Asian one too.

Text boxes have word wrap on, autofit off, zero insets unless told, and an exact line
pitch in points, so a box's height is exactly lines × pitch (+ paragraph spacing). The
writer breaks each one-run paragraph itself, with the same breaker and margin as the
fitting (phrases for display text, see ``briefgen.text.fit``), and writes the breaks as
``a:br``: every viewer shows the lines the fitting measured. A space where a line breaks
stays at the end of the line, so the paragraph's text without breaks is the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from pptx.oxml.ns import qn

from briefgen.errors import FitError, Origin
from briefgen.theme import deck as D

from briefgen.fonts.measure import deck_metrics
from briefgen.text.fit import break_lines, fit_text, has_runt, is_display
from briefgen.text.phrases import has_cjk
from briefgen.text.typography import polish

EMU_PER_PT = 12700
_LATIN_WORD = re.compile(r"[^\s\u2e80-\uffff]+")     # runs a line may not break inside
_LANGS = {"zh": ("zh-CN", "en-US"), "en": ("en-US", "zh-CN")}
AMBIGUOUS_MARKS = re.compile("([“”‘’—…·–]+)")     # marks LibreOffice sets in the Latin face


def emu(pt: float) -> int:
    """Return ``pt`` points in EMU."""
    return int(round(pt * EMU_PER_PT))


@dataclass(frozen=True)
class Span:
    """A run of text in one size, weight and colour (hex RRGGBB)."""

    text: str
    size: float
    color: str
    bold: bool = False
    spacing: float = 0.0        # letter spacing, points


@dataclass(frozen=True)
class Para:
    """A paragraph: its runs, alignment, exact line pitch and space before, in points."""

    spans: tuple[Span, ...]
    line: float
    align: str = "l"            # l, ctr, r
    before: float = 0.0
    indent: float = 0.0         # left margin of the text, points
    hang: float = 0.0           # how far the marker hangs left of the text, points
    marker: str = ""            # bullet character, "" for none
    marker_color: str = ""


def paras(texts, size: float, color: str, *, bold: bool = False, line: float = D.BODY_LINE,
          space: float = 0.0, align: str = "l") -> list[Para]:
    """Return one Para per text, all alike, with ``space`` points between them."""
    return [Para((Span(t, size, color, bold),), size * line, align, space if i else 0.0)
            for i, t in enumerate(texts)]


class TextWriter:
    """Writes paragraphs into shapes with the theme's faces and the briefing's language."""

    def __init__(self, theme, lang: str):
        self.latin = theme.fonts.deck_latin
        self.ea = theme.fonts.deck_east_asian
        self.ea_attrs = dict(theme.fonts.deck_east_asian_attrs)
        self.zh = lang == "zh"
        self.lang, self.alt_lang = _LANGS.get(lang, _LANGS["en"])

    def _rpr(self, parent, tag: str, size: float, color: str, bold: bool, spacing: float = 0.0,
             text: str = "", latin: str = ""):
        rpr = etree.SubElement(parent, qn(tag))
        chinese = self.zh or has_cjk(text)
        rpr.set("lang", "zh-CN" if chinese else self.lang)
        rpr.set("altLang", "en-US" if chinese else self.alt_lang)
        rpr.set("sz", str(int(round(size * 100))))
        rpr.set("b", "1" if bold else "0")
        if spacing:
            rpr.set("spc", str(int(round(spacing * 100))))
        rpr.set("dirty", "0")
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", color)
        etree.SubElement(rpr, qn("a:latin")).set("typeface", latin or self.latin)
        ea = etree.SubElement(rpr, qn("a:ea"))
        ea.set("typeface", self.ea)
        for name, value in self.ea_attrs.items():
            ea.set(name, value)
        return rpr

    def _run(self, p, span: Span, text: str) -> None:
        """Append ``text`` in ``span``'s style; in Chinese, its ambiguous marks in the EA face."""
        chinese = self.zh or has_cjk(span.text)       # the language of the whole span
        pieces = AMBIGUOUS_MARKS.split(text) if chinese else [text]
        for k, piece in enumerate(pieces):
            if not piece:
                continue
            r = etree.SubElement(p, qn("a:r"))
            self._rpr(r, "a:rPr", span.size, span.color, span.bold, span.spacing, span.text,
                      self.ea if k % 2 else "")
            etree.SubElement(r, qn("a:t")).text = piece

    def _para(self, tx_body, para: Para, width: float | None) -> None:
        p = etree.SubElement(tx_body, qn("a:p"))
        ppr = etree.SubElement(p, qn("a:pPr"))
        ppr.set("algn", para.align)
        if para.indent:
            ppr.set("marL", str(emu(para.indent)))
            ppr.set("indent", str(-emu(para.hang)))
        etree.SubElement(etree.SubElement(ppr, qn("a:lnSpc")), qn("a:spcPts")).set(
            "val", str(int(round(para.line * 100))))
        etree.SubElement(etree.SubElement(ppr, qn("a:spcBef")), qn("a:spcPts")).set(
            "val", str(int(round(para.before * 100))))
        if para.marker:
            clr = etree.SubElement(ppr, qn("a:buClr"))
            etree.SubElement(clr, qn("a:srgbClr")).set("val", para.marker_color)
            etree.SubElement(ppr, qn("a:buSzPct")).set("val", str(D.BULLET_SCALE * 1000))
            etree.SubElement(ppr, qn("a:buFont")).set("typeface", self.latin)
            etree.SubElement(ppr, qn("a:buChar")).set("char", para.marker)
        else:
            etree.SubElement(ppr, qn("a:buNone"))
        if len(para.spans) == 1 and width is not None:
            span = para.spans[0]
            lines = written_lines(polish(span.text), width - para.indent, span.size, span.bold)
            for k, line in enumerate(lines):
                if k:
                    self._rpr(etree.SubElement(p, qn("a:br")), "a:rPr", span.size, span.color,
                              span.bold, text=span.text)
                self._run(p, span, line)
        else:
            for span in para.spans:
                self._run(p, span, polish(span.text))
        last = para.spans[-1]
        self._rpr(p, "a:endParaRPr", last.size, last.color, last.bold, text=last.text)

    def fill(self, shape, items: list[Para], *, anchor: str = "t",
             insets: tuple[float, float, float, float] = (0, 0, 0, 0)) -> None:
        """Replace the text of ``shape`` by ``items``: wrap on, autofit off, known insets.

        Paragraphs are broken to the shape's width less its insets.
        """
        width = shape.width / EMU_PER_PT - insets[0] - insets[2]
        self.fill_body(shape._element.get_or_add_txBody(), items, anchor=anchor, insets=insets,
                       width=width)

    def fill_body(self, tx_body, items: list[Para], *, anchor: str | None = "t",
                  insets: tuple[float, float, float, float] = (0, 0, 0, 0),
                  width: float | None = None) -> None:
        """Replace the paragraphs of ``tx_body``; with an anchor, its bodyPr too.

        With a ``width`` (points of text width), one-run paragraphs are broken to it.
        """
        keep = {qn("a:lstStyle")} | (set() if anchor else {qn("a:bodyPr")})
        for child in list(tx_body):
            if child.tag not in keep:
                tx_body.remove(child)
        if anchor:
            body_pr = etree.Element(qn("a:bodyPr"))
            for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets):
                body_pr.set(name, str(emu(value)))
            body_pr.set("wrap", "square")
            body_pr.set("rtlCol", "0")
            body_pr.set("anchor", anchor)
            etree.SubElement(body_pr, qn("a:noAutofit"))
            tx_body.insert(0, body_pr)
        for para in items:
            self._para(tx_body, para, width)

    def box(self, slide, x: float, y: float, w: float, h: float, items: list[Para], *,
            anchor: str = "t", name: str = ""):
        """Return a new text box at (x, y, w, h) points holding ``items``."""
        shape = slide.shapes.add_textbox(emu(x), emu(y), emu(w), emu(h))
        if name:
            shape.name = name
        self.fill(shape, items, anchor=anchor)
        return shape


def written_lines(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Return ``text`` as the writer breaks it in a box ``width`` points wide at ``size``.

    The breaker and margin are the fitting's; display text is broken at the narrowest
    width that gives as many lines, so its lines come out even. Each line keeps the space
    the break replaced at its end, so ``"".join(lines) == text`` (less any ``\\n``).
    """
    measure = deck_measure(bold)
    room = width * (1 - D.WIDTH_MARGIN)
    if is_display(text) and "\n" not in text:   # display lines are balanced: as many, evener
        room = balanced_room(text, room, size, bold)
    lines = break_lines(text, room, lambda s: measure.width(s, size))
    return _rejoin(text, lines)


def _rejoin(text: str, lines: list[str]) -> list[str]:
    """Return ``lines`` with the spaces dropped between them put back at their ends."""
    out, at = [], 0
    flat = text.replace("\r\n", "\n")
    for line in lines:
        start = flat.find(line, at) if line else at
        if start < 0:                       # a line the breaker changed: keep it as is
            return lines
        if out:
            out[-1] += flat[at:start].replace("\n", "")
        out.append(line)
        at = start + len(line)
    out[-1] += flat[at:].replace("\n", "")
    return out


class DeckMeasure:
    """Deck text widths, from ``fonts.deck_metrics``.

    Those metrics already count the quarter em LibreOffice and Keynote insert wherever
    Chinese meets Latin letters or digits ("2003 年"; PowerPoint does not), so a line that
    fits there does not wrap here.
    """

    def __init__(self, bold: bool):
        self.metrics = deck_metrics(bold)

    def width(self, text: str, size_pt: float) -> float:
        """Return the width of ``text`` at ``size_pt`` points, in points."""
        return self.metrics.width(text, size_pt)


@lru_cache(maxsize=2)
def deck_measure(bold: bool) -> DeckMeasure:
    """Return the shared measure of regular or bold deck text."""
    return DeckMeasure(bold)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width of one line of ``text`` in points, without any safety margin."""
    return deck_measure(bold).width(polish(text), size)


@lru_cache(maxsize=1024)
def balanced_width(text: str, w: float, size: float, bold: bool = False) -> float:
    """Return the narrowest box width (at most ``w``) that keeps ``text`` to as few lines.

    A box that narrow evens out the lines, so no line is left with one or two characters.
    """
    room = w * (1 - D.WIDTH_MARGIN)
    narrow = balanced_room(polish(text), room, size, bold)
    return w if narrow >= room else min(w, narrow / (1 - D.WIDTH_MARGIN) + 1.0)


@lru_cache(maxsize=4096)
def balanced_room(text: str, room: float, size: float, bold: bool = False) -> float:
    """Return the narrowest line width (at most ``room``) that breaks ``text`` into as few
    lines as ``room`` does, with no lone last word unless ``room`` has one too."""
    measure = deck_measure(bold)

    def lines_at(width: float) -> list[str]:
        return break_lines(text, width, lambda s: measure.width(s, size))

    full = lines_at(room)
    lines = len(full)
    if lines <= 1:
        return room
    runt = has_runt(full)

    def ok(width: float) -> bool:
        got = lines_at(width)
        return len(got) <= lines and (runt or not has_runt(got))

    words = [measure.width(word, size) for word in _LATIN_WORD.findall(text)]
    lo, hi = max([room / lines] + words), room      # never so narrow that a word must split
    if lo >= hi:
        return room
    for _ in range(7):                  # to within 1% of the line: closer changes nothing
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if ok(mid) else (mid, hi)
    return hi


def fit(texts, w: float, h: float, sizes: D.Range, *, bold: bool = False,
        line: float = D.BODY_LINE, space: float = 0.0):
    """Return the textfit Fit of ``texts`` in a w × h box, shrinking within ``sizes``.

    ``line`` is the line pitch as a multiple of the size, ``space`` the points between
    paragraphs.
    """
    return _fit(tuple(polish(t) for t in texts), w, h, sizes, bold, line, space)


@lru_cache(maxsize=4096)
def _fit(texts: tuple[str, ...], w: float, h: float, sizes: D.Range, bold: bool, line: float,
         space: float):
    """Return the Fit (memoized: layouts try the same text in the same box more than once)."""
    return fit_text(list(texts), w, h, max_size=sizes.max, min_size=sizes.min,
                    measure_for=deck_measure(bold), line_spacing=line, para_space=space,
                    width_margin=D.WIDTH_MARGIN)


def fit_or_fail(texts, w: float, h: float, sizes: D.Range, *, origin: Origin | None, what: str,
                bold: bool = False, line: float = D.BODY_LINE, space: float = 0.0):
    """Return the Fit of ``texts``, or raise FitError saying where and by how much it overflows."""
    result = fit(texts, w, h, sizes, bold=bold, line=line, space=space)
    if not result.fits:
        raise overflow_error(what, result.overflow, sizes.min, origin)
    return result


def overflow_error(what: str, overflow: float, floor: float, origin: Origin | None) -> FitError:
    """Return the FitError for ``what`` overflowing by ``overflow`` points at ``floor``."""
    return FitError(f"{what} overflows its box by {overflow:.0f} pt at the {floor:g} pt floor",
                    origin)


def lines_height(n_lines: int, size: float, line: float) -> float:
    """Return the height of ``n_lines`` lines at ``size`` with pitch factor ``line``."""
    return n_lines * size * line
