"""Where each slide type's parts go on a template: its layout, placeholder boxes and inherited type.

A ``Frame`` says, for one of briefgen's slide types, which layout of the template serves it
(the theme's layout mapping, else the best match by placeholders), its title, content,
caption and footer placeholders (``Slot``: box, insets, inherited size, weight, alignment,
anchor) and how the slide drawn in briefgen's 16:9 space is scaled onto it: a content
slide's body area is scaled, keeping its proportions, into the layout's content
placeholders; a cover (title, section, closing) is scaled whole into the slide.

Every length of a Frame is in drawing units (briefgen's points before that scaling), so the
fitter measures text in a placeholder at the size the slide will show after scaling.
"""

from __future__ import annotations

import functools
import os
from dataclasses import field, replace

from lxml import etree

from briefgen.frozen import frozen
from briefgen.theme import deck as D
from briefgen.theme.template import (
    COVER_TYPES, FOOTER_TYPES, TITLE_TYPES, layouts as layout_list, mapping, on_slide, open_template,
)

EMU = 12700
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)          # l, t, r, b EMU (the schema's defaults)
_STYLE = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle", "obj": "bodyStyle",
          "subTitle": "bodyStyle", "pic": "bodyStyle"}
TEXT_TYPES = ("body", "obj", "subTitle")
PICTURE_TYPES = ("pic", "obj", "clipArt")
CHART_TYPES = ("chart", "obj")
CONTENT_TYPES = ("body", "obj", "pic", "chart", "tbl", "dgm", "media", "clipArt")


@frozen
class Slot:
    """One placeholder of a layout as briefgen fills it; lengths and sizes in drawing units."""

    type: str                   # title, body, obj, pic, dt, ftr, sldNum, … (obj: none named)
    pos: int                    # its place among the layout's placeholders
    ph: tuple                   # the layout's p:ph attributes, copied onto what fills it
    box: tuple[float, float, float, float]          # x, y, w, h
    insets: tuple[float, float, float, float]       # l, t, r, b
    size: float                 # the inherited type size of its first level
    bold: bool = False
    align: str = "l"
    anchor: str = "t"
    own_box: bool = False       # drawn in ``box`` (the layout's own box would overlap content)
    caps: bool = False          # its style sets text in capitals (``cap="all"``)

    @property
    def inner(self) -> tuple[float, float]:
        """The width and height inside the insets."""
        return (self.box[2] - self.insets[0] - self.insets[2],
                self.box[3] - self.insets[1] - self.insets[3])


@frozen
class Frame:
    """A slide type's layout (master, index from 0), its slots and its scale onto the slide."""

    master: int
    layout: int
    scale: float                # slide points = drawing units × scale + (dx, dy)
    dx: float
    dy: float
    title: Slot | None = None
    content: tuple[Slot, ...] = ()      # the content placeholders, largest first
    footers: dict = field(default_factory=dict)     # "dt", "ftr", "sldNum" -> Slot

    def first(self, types: tuple[str, ...]) -> Slot | None:
        """Return the largest content slot of one of ``types``, else None."""
        return next((s for s in self.content if s.type in types), None)

    def to_slide(self, x: float, y: float) -> tuple[float, float]:
        """Return the slide point (in points) of drawing point (x, y)."""
        return x * self.scale + self.dx, y * self.scale + self.dy


def frames_for(theme) -> dict[str, Frame]:
    """Return each slide type's Frame on the theme's template ({} without a template)."""
    if not theme.template:
        return {}
    st = os.stat(theme.template)
    return _frames(theme.template, st.st_mtime_ns, st.st_size, tuple(theme.layouts))


@functools.lru_cache(maxsize=4)
def _frames(path: str, _mtime: int, _size: int, chosen: tuple) -> dict[str, Frame]:
    prs = open_template(path)
    width, height = prs.slide_width / EMU, prs.slide_height / EMU
    found = {(lay.master, lay.index): lay for lay in layout_list(prs)}
    picks = {kind: (lay.master, lay.index) for kind, lay in mapping(list(found.values())).items()
             if lay is not None}
    picks.update({kind: (m, i) for kind, m, i in chosen})
    out = {}
    for kind, (m, i) in picks.items():
        layout = prs.slide_masters[m].slide_layouts[i]
        out[kind] = _frame(kind, m, i, layout, width, height)
    return out


def _frame(kind: str, m: int, i: int, layout, width: float, height: float) -> Frame:
    """Return the Frame of slide type ``kind`` on ``layout`` of a ``width`` × ``height`` slide
    (a placeholder off the slide is left alone: what went into it would be cut off)."""
    phs = [p for p in layout.placeholders if on_slide(p, (width, height))]
    cover = kind in COVER_TYPES or kind == "section"
    content = sorted((p for p in phs if _type(p) in CONTENT_TYPES), key=_area, reverse=True)
    if kind == "image":
        content.sort(key=lambda p: _type(p) not in PICTURE_TYPES)
    target = content[:2] if kind == "compare" else content[:1]
    if cover or not content:
        s = min(width / D.SLIDE_W, height / D.SLIDE_H)
        dx, dy = (width - D.SLIDE_W * s) / 2, (height - D.SLIDE_H * s) / 2
    else:
        x0 = min(_pt(p.left) for p in target)
        y0 = min(_pt(p.top) for p in target)
        x1 = max(_pt(p.left) + _pt(p.width) for p in target)
        y1 = max(_pt(p.top) + _pt(p.height) for p in target)
        s = min((x1 - x0) / D.CONTENT_W, (y1 - y0) / D.BODY_H)
        dx = x0 + (x1 - x0 - D.CONTENT_W * s) / 2 - D.MARGIN_X * s
        dy = y0 + (y1 - y0 - D.BODY_H * s) / 2 - D.BODY_Y * s

    ids = [_ph(p).get("idx", "0") for p in phs]

    def slot(p) -> Slot:
        got = _slot(p, phs.index(p), layout, s, dx, dy)
        if ids.count(_ph(p).get("idx", "0")) > 1 and _type(p) not in TITLE_TYPES:
            got = replace(got, own_box=True)    # an index shared (LibreOffice writes none): a
        return got                              # viewer may take another placeholder's box

    title = next((slot(p) for p in phs if _type(p) in TITLE_TYPES), None)
    if title is not None and content and not cover:
        pictures = [((_pt(sh.left) - dx) / s, (_pt(sh.top) - dy) / s, _pt(sh.width) / s,
                     _pt(sh.height) / s) for sh in layout.slide_master.shapes
                    if sh._element.tag == f"{_P}pic"]        # the master's logo
        title = _above(title, [slot(p).box for p in target], -dy / s, pictures)
    footers = {} if cover else {_type(p): slot(p) for p in phs if _type(p) in FOOTER_TYPES}
    return Frame(m, i, s, dx, dy, title, tuple(slot(p) for p in content), footers)


def _above(title: Slot, boxes: list, top: float, avoid: list) -> Slot:
    """Return ``title``, or when it overlaps the content ``boxes`` (LibreOffice re-saves every
    layout with the centred title's box) the same title in a box of its own just above them
    (``top``: the slide's top edge) and below the master's pictures (``avoid``: its logo),
    when there is room for a line of it there."""
    tx, ty, tw, th = title.box
    bx, by = min(b[0] for b in boxes), min(b[1] for b in boxes)
    bw = max(b[0] + b[2] for b in boxes) - bx
    bh = max(b[1] + b[3] for b in boxes) - by
    overlap = max(0.0, min(tx + tw, bx + bw) - max(tx, bx)) * max(0.0, min(ty + th, by + bh) - max(ty, by))
    top = max([top] + [y + h for x, y, w, h in avoid if x < bx + bw and bx < x + w and y + h < by])
    h = min(th, by - top)
    if overlap <= 0.1 * tw * th or h < title.size * 1.5:
        return title
    return replace(title, box=(bx, by - h, bw, h), own_box=True)


def _pt(emu_value) -> float:
    return (emu_value or 0) / EMU


def _area(p) -> float:
    return _pt(p.width) * _pt(p.height)


def _ph(p):
    return p._element.xpath("./*[1]/p:nvPr/p:ph")[0]


def _type(p) -> str:
    """Return a placeholder's kind ("obj" when it names none, as PowerPoint reads it)."""
    return p._element.xpath("./*[1]/p:nvPr/p:ph")[0].get("type") or "obj"


def _slot(p, pos: int, layout, s: float, dx: float, dy: float) -> Slot:
    """Return placeholder ``p`` of ``layout`` as a Slot in drawing units."""
    kind = _type(p)
    ph = p._element.xpath("./*[1]/p:nvPr/p:ph")[0]
    chain = _chain(p, layout)
    insets = tuple(_inherit(chain, f"{_P}txBody/{_A}bodyPr", attr, d) for attr, d in
                   zip(("lIns", "tIns", "rIns", "bIns"), _DEFAULT_INSETS))
    anchor = _inherit(chain, f"{_P}txBody/{_A}bodyPr", "anchor", "t")
    style = layout.slide_master._element.find(f"{_P}txStyles/{_P}{_STYLE.get(kind, 'otherStyle')}")
    lvl1 = f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr"
    first = f"{_P}txBody/{_A}p"
    # the level's style (layout, master, master text styles), then the sample text's own
    # formatting (LibreOffice writes no text styles, only formatted sample text)
    paras = [*(e.find(lvl1) for e in chain), style.find(f"{_A}lvl1pPr") if style is not None else None,
             *(e.find(f"{first}/{_A}pPr") for e in chain[::-1])]
    runs = [*(e.find(f"{lvl1}/{_A}defRPr") for e in chain),
            style.find(f"{_A}lvl1pPr/{_A}defRPr") if style is not None else None,
            *(e.find(f"{first}/{_A}r/{_A}rPr") for e in chain[::-1]),
            *(e.find(f"{first}/{_A}endParaRPr") for e in chain[::-1])]
    size = _first(runs, "sz", "1800")
    bold = _first(runs, "b", "0")
    align = _first(paras, "algn", "l")
    caps = _first(runs, "cap", "none") == "all"
    x, y = (_pt(p.left) - dx) / s, (_pt(p.top) - dy) / s
    return Slot(kind, pos, tuple(sorted(ph.attrib.items())),
                (x, y, _pt(p.width) / s, _pt(p.height) / s),
                tuple(int(v) / EMU / s for v in insets), int(size) / 100 / s, bold in ("1", "true"),
                {"ctr": "ctr", "r": "r"}.get(align, "l"), {"ctr": "ctr", "b": "b"}.get(anchor, "t"),
                caps=caps)


def _chain(p, layout) -> list:
    """Return the placeholder's element and the master placeholder it inherits from."""
    out = [p._element]
    kind = _type(p)
    for mp in layout.slide_master.placeholders:
        mtype = _type(mp)
        if mtype == kind or (kind in ("obj", "body") and mtype in ("obj", "body")):
            out.append(mp._element)
            break
    return out


def _first(nodes: list, attr: str, default: str) -> str:
    """Return ``attr`` of the first of ``nodes`` (None skipped) that has it, else ``default``."""
    return next((n.get(attr) for n in nodes if n is not None and n.get(attr) is not None), default)


def _inherit(chain: list, path: str, attr: str, default):
    """Return ``attr`` of the first element at ``path`` along ``chain`` that has it, else ``default``."""
    for element in chain:
        node = element.find(path)
        if node is not None and node.get(attr) is not None:
            return node.get(attr)
    return default


def claim(shape, slot: Slot) -> None:
    """Make ``shape`` (a picture or chart frame) fill the layout placeholder ``slot``."""
    nv_pr = shape._element.xpath("./*[1]/p:nvPr")[0]
    for old in nv_pr.findall(f"{_P}ph"):
        nv_pr.remove(old)
    ph = etree.Element(f"{_P}ph")
    for name, value in slot.ph:
        ph.set(name, value)
    nv_pr.insert(0, ph)


def clone(slide, slot: Slot):
    """Return a new placeholder on ``slide`` that inherits everything from layout placeholder ``slot``."""
    layout_ph = list(slide.slide_layout.placeholders)[slot.pos]
    slide.shapes.clone_placeholder(layout_ph)
    element = slide.shapes._spTree[-1]
    return next(s for s in slide.shapes if s._element is element)
