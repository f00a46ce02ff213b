"""Text on slides: runs that name their Latin and East Asian faces, and measured, fitted text boxes.

Every run and every end-of-paragraph mark gets ``a:latin`` and ``a:ea`` (schema order:
fill, latin, ea) and a ``lang``: ``zh-CN`` in a zh deck and on any run holding Chinese,
else ``en-US``. The ``a:ea`` face carries the GB2312 charset, so a viewer without it
substitutes a Simplified Chinese face. PowerPoint picks the Latin or East Asian face per
character, but LibreOffice draws the ambiguous marks (“ ” ‘ ’ — … ·) in the Latin face,
with its Asian/Western gap beside them; so in Chinese text each run of those marks is a
run of its own whose Latin face is the East Asian one too.

A paragraph that *starts* with such marks before Chinese (“科创江阴”目标, ——园区简介) still
showed a gap of 1/5 of the line height after them in LibreOffice, whatever the fonts or
``lang``: its text engine (editeng ``InitScriptTypes``) gives the leading "weak" marks a
script entry of their own, then calls it Asian, and its Asian/Western spacing
(``IsScriptChange`` at a portion's end) adds the gap at the seam between the two Asian
entries. In mid-paragraph a weak mark joins the entry before it, so nothing opens there.
``anchor_start`` gives such a paragraph an East Asian first character: a run holding one
ideographic space (U+3000) at 1 pt, the schema's smallest size, so the marks join its
entry. It is 1 pt wide in every viewer and reads as white space; the writer and the
package pass (for chart text) both apply it, and applying it twice changes nothing.

Text boxes have word wrap on, autofit off, zero insets unless told, and an exact line
pitch in points, so a box's height is exactly lines × pitch (+ paragraph spacing). The
writer breaks each one-run paragraph itself (``measure.written_lines``), with the same
breaker and margin as the fitting (phrases for display text, see ``briefgen.text.fit``), and writes the breaks as
``a:br``: every viewer shows the lines the fitting measured. A space where a line breaks
stays at the end of the line, so the paragraph's text without breaks is the original.
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from pptx.oxml.ns import qn

from briefgen.frozen import frozen
from briefgen.render.pptx.measure import (  # noqa: F401  (measuring lives there; re-exported)
    DeckMeasure, balanced_room, balanced_width, deck_measure, fit, fit_or_fail, lines_height,
    overflow_error, text_width, written_lines,
)
from briefgen.render.pptx.shapes import (  # noqa: F401  (EMU_PER_PT, emu re-exported)
    EMU_PER_PT, add, c_nv_pr_of, child_of, emu,
)
from briefgen.text.phrases import has_cjk
from briefgen.text.typography import polish
from briefgen.theme import deck as D

_LANGS = {"zh": ("zh-CN", "en-US"), "en": ("en-US", "zh-CN")}
_MARK = "[“”‘’—…·–]"                 # marks LibreOffice sets in the Latin face
AMBIGUOUS_MARKS = re.compile(f"({_MARK}+)")   # a stretch of them (split keeps it)
HAS_MARK = re.compile(_MARK)      # whether text holds one: searched ~9x faster than the above
ANCHOR = "\u3000"                 # an ideographic space: the East Asian first character
ANCHOR_SZ = "100"                 # 1 pt, the smallest size ST_TextFontSize allows (not a style)
_WEAK_LEAD = re.compile("[\u2000-\u206f]+")   # General Punctuation: script "weak" in LibreOffice
_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R, _T, _P, _BR, _FLD, _RPR = (f"{{{_NS_A}}}{t}" for t in ("r", "t", "p", "br", "fld", "rPr"))
_BODY_PR, _NO_AUTOFIT = f"{{{_NS_A}}}bodyPr", f"{{{_NS_A}}}noAutofit"
_KEEP_NEW_BODY = frozenset({f"{{{_NS_A}}}lstStyle"})     # what fill_body keeps of a text body
_KEEP_BODY = _KEEP_NEW_BODY | {_BODY_PR}                  # ... when it keeps the body's bodyPr
_TX_BODY = "{http://schemas.openxmlformats.org/presentationml/2006/main}txBody"


@frozen
class Span:
    """A run of text in one size, weight and colour (hex RRGGBB)."""

    text: str
    size: float
    color: str
    bold: bool = False
    spacing: float = 0.0        # letter spacing, points


@frozen
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


def needs_anchor(text: str) -> bool:
    """Return whether a paragraph of ``text`` starts with weak marks (“ ‘ — …) before Chinese."""
    m = _WEAK_LEAD.match(text)
    return bool(m) and m.end() < len(text) and has_cjk(text[m.end()])


def child_text(el) -> str:
    """Return the text of the first ``a:t`` child of ``el`` ("" without one or text)."""
    t = child_of(el, _T)
    return (t.text or "") if t is not None else ""


def anchor_start(p) -> bool:
    """Return whether paragraph element ``p`` was given the anchor run (see the module).

    The anchor is a copy of the first run, 1 pt in size, holding U+3000; only a paragraph
    whose first piece of text is a run starting with weak marks before Chinese gets one.
    """
    first, text = None, ""
    for child in p:
        tag = child.tag
        if tag == _BR:
            break
        if tag == _R or tag == _FLD:
            if first is None:
                first = child
                if tag == _FLD:             # a field first: never anchored
                    return False
            text += child_text(child)
            if _WEAK_LEAD.sub("", text):
                break
    if first is None or not needs_anchor(text):
        return False
    anchor = etree.Element(_R)
    rpr = child_of(first, _RPR)
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(_RPR)
    rpr.set("sz", ANCHOR_SZ)
    rpr.attrib.pop("spc", None)
    anchor.append(rpr)
    etree.SubElement(anchor, _T).text = ANCHOR
    first.addprevious(anchor)
    return True


class TextWriter:
    """Writes paragraphs into shapes with the theme's faces and the briefing's language."""

    def __init__(self, theme, lang: str):
        self.latin = theme.fonts.deck_latin
        self.ea = theme.fonts.deck_east_asian
        self.ea_attrs = dict(theme.fonts.deck_east_asian_attrs)
        self.zh = lang == "zh"
        self.lang, self.alt_lang = _LANGS.get(lang, _LANGS["en"])
        self._made: dict[tuple, object] = {}     # run properties per style, copied into runs
        self._holder = etree.Element(qn("a:p"), nsmap={"a": _NS_A})

    def _clone(self, parent, key: tuple, build):
        """Append to ``parent`` a copy of the element ``build()`` makes for ``key`` (built once
        per writer, under a holder declaring the ``a`` namespace); return the copy."""
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = build()
        el = made.__copy__()        # what copy.deepcopy calls for an lxml element, without its memo
        parent.append(el)
        return el

    def _rpr(self, parent, tag: str, size: float, color: str, bold: bool, spacing: float = 0.0,
             text: str = "", latin: str = ""):
        chinese = self.zh or has_cjk(text)
        style = (chinese, size, color, bold, spacing, latin)
        return self._clone(parent, (tag, *style), lambda: self._new_rpr(self._holder, tag, *style))

    def _new_rpr(self, parent, tag: str, chinese: bool, size: float, color: str, bold: bool,
                 spacing: float, latin: str):
        """Return new run properties of one style under ``parent``."""
        rpr = etree.SubElement(parent, qn(tag))
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

    def _new_run(self, style: tuple):
        """Return a new run of one style (see ``_rpr``) with an empty ``a:t``."""
        r = etree.SubElement(self._holder, _R)
        self._new_rpr(r, "a:rPr", *style)
        etree.SubElement(r, _T)
        return r

    def _run(self, p, span: Span, text: str) -> None:
        """Append ``text`` in ``span``'s style; in Chinese, its ambiguous marks in the EA face."""
        chinese = self.zh or has_cjk(span.text)       # the language of the whole span
        pieces = AMBIGUOUS_MARKS.split(text) if chinese and HAS_MARK.search(text) else [text]
        for k, piece in enumerate(pieces):
            if not piece:
                continue
            style = (chinese, span.size, span.color, span.bold, span.spacing,
                     self.ea if k % 2 else "")
            self._clone(p, ("r", *style), lambda: self._new_run(style))[-1].text = piece

    def _new_ppr(self, para: Para):
        """Return new paragraph properties: alignment, margins, exact pitch, space, marker."""
        ppr = etree.SubElement(self._holder, qn("a:pPr"))
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
        return ppr

    def _new_p(self, para: Para, end: tuple):
        """Return a new paragraph holding only its properties and its end mark (style ``end``)."""
        p = etree.SubElement(self._holder, _P)
        p.append(self._new_ppr(para))
        self._new_rpr(p, "a:endParaRPr", *end)
        return p

    def _para(self, tx_body, para: Para, width: float | None) -> None:
        last = para.spans[-1]
        end_style = (self.zh or has_cjk(last.text), last.size, last.color, last.bold, 0.0, "")
        p = self._clone(tx_body, ("p", para.align, para.indent, para.hang, para.line, para.before,
                                  para.marker, para.marker_color, *end_style),
                        lambda: self._new_p(para, end_style))     # pPr and end mark: one copy
        end = p[-1]
        if len(para.spans) == 1 and width is not None:
            span = para.spans[0]
            lines = written_lines(polish(span.text), width - para.indent, span.size, span.bold)
            for k, line in enumerate(lines):
                if k:
                    self._rpr(etree.SubElement(p, _BR), "a:rPr", span.size, span.color,
                              span.bold, text=span.text)
                self._run(p, span, line)
            head = lines[0] if lines else ""        # the text before the first break
        else:
            head = "".join(polish(span.text) for span in para.spans)
            for span in para.spans:
                self._run(p, span, polish(span.text))
        p.append(end)                   # the end mark moved after the runs
        if _WEAK_LEAD.match(head):      # only text opening with weak marks can need the anchor
            anchor_start(p)

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
        keep = _KEEP_NEW_BODY if anchor else _KEEP_BODY
        for child in list(tx_body):
            if child.tag not in keep:
                tx_body.remove(child)
        if anchor:
            body_pr = etree.Element(_BODY_PR)
            for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets):
                body_pr.set(name, str(emu(value)))
            body_pr.set("wrap", "square")
            body_pr.set("rtlCol", "0")
            body_pr.set("anchor", anchor)
            etree.SubElement(body_pr, _NO_AUTOFIT)
            tx_body.insert(0, body_pr)
        for para in items:
            self._para(tx_body, para, width)

    def box(self, slide, x: float, y: float, w: float, h: float, items: list[Para], *,
            anchor: str = "t", name: str = ""):
        """Return a new text box at (x, y, w, h) points holding ``items``."""
        shape = add(slide, "textbox", emu(x), emu(y), emu(w), emu(h))
        if name:
            c_nv_pr_of(shape).set("name", name)
        tx_body = child_of(shape._element, _TX_BODY)    # a new text box has one
        self.fill_body(tx_body, items, anchor=anchor, width=emu(w) / EMU_PER_PT)   # as fill()
        return shape
