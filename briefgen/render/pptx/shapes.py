"""Plain drawn shapes: filled rectangles and discs, rules and pictures, with no template styling."""

from __future__ import annotations

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE

EMU_PER_PT = 12700
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_DECORATIVE = f"{{{_ADEC}}}decorative"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CNVPR = "{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr"
_LN, _SOLID, _SRGB, _EXTLST, _EXT = (f"{{{_A}}}{t}" for t in ("ln", "solidFill", "srgbClr", "extLst", "ext"))
_NO_FILL, _ALPHA, _PRST_GEOM = (f"{{{_A}}}{t}" for t in ("noFill", "alpha", "prstGeom"))
_XFRM, _OFF = f"{{{_A}}}xfrm", f"{{{_A}}}off"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_SP_PR, _NV_PR, _PH = (f"{{{_P}}}{t}" for t in ("spPr", "nvPr", "ph"))
_SHAPE_TAGS = tuple(f"{{{_P}}}{t}" for t in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic",
                                               "contentPart"))     # python-pptx's shape elements
_FILLS_AND_LINE = frozenset(f"{{{_A}}}{t}" for t in ("noFill", "solidFill", "gradFill", "ln"))
_STYLE = "{http://schemas.openxmlformats.org/presentationml/2006/main}style"
_P_EXTLST = "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst"


def emu(pt: float) -> int:
    """Return ``pt`` points in EMU."""
    return int(round(pt * EMU_PER_PT))


def _solid(sp_pr, color: str, alpha: int | None = None) -> None:
    """Give ``sp_pr`` a solid fill (alpha in percent) and no outline, replacing what it had."""
    for old in [c for c in sp_pr if c.tag in _FILLS_AND_LINE]:
        sp_pr.remove(old)
    fill = etree.Element(_SOLID)
    clr = etree.SubElement(fill, _SRGB)
    clr.set("val", color)
    if alpha is not None:
        etree.SubElement(clr, _ALPHA).set("val", str(alpha * 1000))
    geom = child_of(sp_pr, _PRST_GEOM)
    geom.addnext(fill)
    ln = etree.Element(_LN)
    etree.SubElement(ln, _NO_FILL)
    fill.addnext(ln)


def child_of(el, tag: str):
    """Return the first child of element ``el`` with ``tag`` (a Clark name), else None: what
    ``el.find(tag)`` returns, without its path parsing (a third of the cost)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _plain(shape) -> None:
    """Drop the template's style reference (theme line, fill and shadow) from ``shape``."""
    style = child_of(shape._element, _STYLE)
    if style is not None:
        shape._element.remove(style)


def mark_decorative(shape) -> None:
    """Flag ``shape`` as decorative so screen readers and the accessibility checker skip it."""
    c_nv_pr = c_nv_pr_of(shape)
    ext = etree.SubElement(etree.SubElement(c_nv_pr, _EXTLST), _EXT)
    ext.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, _DECORATIVE, nsmap={"adec": _ADEC}).set("val", "1")


_PROTOS: dict = {}     # shape kind -> the element python-pptx's add_* builds for it, built once


def add(slide, kind, x: int, y: int, cx: int, cy: int):
    """Return a new shape proxy on ``slide`` at (x, y, cx, cy) EMU, as python-pptx's add_textbox,
    add_shape (``kind`` an MSO_SHAPE) or add_connector (``kind`` ("line", flipH, flipV), the
    straight connector spanning the box; "line" for one not flipped) makes it:
    the next shape id, its default name, placed before ``p:extLst``; its element a copy of the one
    python-pptx builds (parsed from its template once, not for every shape)."""
    proto = _PROTOS.get(kind)
    if proto is None:                   # (imported here, once a kind: not on every shape)
        from pptx.oxml.shapes.autoshape import CT_Shape
        from pptx.oxml.shapes.connector import CT_Connector
        from pptx.shapes.autoshape import AutoShapeType, Shape
        from pptx.shapes.connector import Connector

        if kind == "textbox":
            proto = (CT_Shape.new_textbox_sp(0, "", 0, 0, 0, 0), "TextBox %d", Shape)
        elif kind == "line" or isinstance(kind, tuple):
            flip_h, flip_v = kind[1:] if isinstance(kind, tuple) else (False, False)
            proto = (CT_Connector.new_cxnSp(0, "", "line", 0, 0, 0, 0, flip_h, flip_v),
                     "Connector %d", Connector)
        else:
            auto = AutoShapeType(kind)
            proto = (CT_Shape.new_autoshape_sp(0, "", auto.prst, 0, 0, 0, 0),
                     auto.basename + " %d", Shape)
        _PROTOS[kind] = proto
    element, name, cls = proto
    el = element.__copy__()             # what copy.deepcopy calls, without its memo
    shapes = slide.shapes
    id_ = shapes._next_shape_id
    c_nv_pr = child_of(el[0], _CNVPR)
    c_nv_pr.set("id", str(id_))
    c_nv_pr.set("name", name % (id_ - 1))
    xfrm = child_of(child_of(el, _SP_PR), _XFRM)        # el.spPr.xfrm, found without qn and paths
    off, ext = child_of(xfrm, _OFF), child_of(xfrm, _EXT)
    off.set("x", str(x))
    off.set("y", str(y))
    ext.set("cx", str(cx))
    ext.set("cy", str(cy))
    tree = shapes._spTree                           # insert_element_before(el, "p:extLst")
    ext_lst = next(tree.iterchildren(_P_EXTLST), None)     # lxml's filter: no proxy per shape
    if ext_lst is None:
        tree.append(el)
    else:
        ext_lst.addprevious(el)
    return cls(el, shapes)


def set_box(el, x: int, y: int, cx: int, cy: int) -> None:
    """Place shape element ``el`` at (x, y) sized (cx, cy) EMU: the XML python-pptx's left, top,
    width and height setters write (the ``a:xfrm`` added if missing, then its off and ext)."""
    sp_pr = child_of(el, _SP_PR)
    if sp_pr is not None and len(sp_pr) == 0:      # a placeholder's empty spPr: all three new
        xfrm = etree.SubElement(sp_pr, _XFRM)
        off, ext = etree.SubElement(xfrm, _OFF), etree.SubElement(xfrm, _EXT)
    else:
        xfrm = el.get_or_add_xfrm()
        off, ext = xfrm.get_or_add_off(), xfrm.get_or_add_ext()
    off.set("x", str(x))
    off.set("y", str(y))
    ext.set("cx", str(cx))
    ext.set("cy", str(cy))


def title_element(slide):
    """Return the element of the slide's title placeholder, the one ``slide.shapes.title`` finds
    (the first shape whose ``p:ph`` has idx 0), without an XPath per shape or a proxy; else None."""
    return next((el for el in placeholder_elements(slide.shapes._spTree)
                 if int(ph_of(el).get("idx", "0")) == 0), None)


def ph_of(el):
    """Return the ``p:ph`` of shape element ``el`` (in its first child's ``p:nvPr``), else None:
    python-pptx's ``BaseShapeElement.ph`` without its XPath."""
    first = next(el.iterchildren(etree.Element), None)
    if first is None:
        return None
    return next((ph for nv in first.iterchildren(_NV_PR) for ph in nv.iterchildren(_PH)), None)


def placeholder_elements(sp_tree) -> list:
    """Return the placeholder shapes of ``sp_tree`` in document order (python-pptx's members
    of a placeholders collection)."""
    return [el for el in sp_tree.iterchildren(*_SHAPE_TAGS) if ph_of(el) is not None]


def c_nv_pr_of(shape):
    """Return the ``p:cNvPr`` (id, name, alt text) of ``shape``: in its first child, the nv*Pr."""
    return child_of(shape._element[0], _CNVPR)


def _shape(slide, kind, x, y, w, h, color, name, alpha, is_decorative=True):
    shape = add(slide, kind, emu(x), emu(y), emu(w), emu(h))
    _plain(shape)
    if is_decorative:
        mark_decorative(shape)
    _solid(shape._element.spPr, color, alpha)
    if name:
        c_nv_pr_of(shape).set("name", name)
    return shape


def rect(slide, x: float, y: float, w: float, h: float, color: str, *, name: str = "",
         alpha: int | None = None, decorative: bool = True):
    """Return a filled rectangle at (x, y, w, h) points with no outline (decorative unless told)."""
    return _shape(slide, MSO_SHAPE.RECTANGLE, x, y, w, h, color, name, alpha, decorative)


def disc(slide, cx: float, cy: float, r: float, color: str, *, name: str = "",
         alpha: int | None = None):
    """Return a filled circle centred at (cx, cy) with radius ``r`` points."""
    return _shape(slide, MSO_SHAPE.OVAL, cx - r, cy - r, 2 * r, 2 * r, color, name, alpha)


def ring(slide, cx: float, cy: float, r: float, fill: str, outline: str, width: float, *,
         name: str = ""):
    """Return a circle filled with ``fill`` and outlined ``width`` points in ``outline``."""
    shape = disc(slide, cx, cy, r, fill, name=name)
    ln = child_of(child_of(shape._element, _SP_PR), _LN)
    ln.set("w", str(emu(width)))
    ln.remove(child_of(ln, _NO_FILL))
    etree.SubElement(etree.SubElement(ln, _SOLID), _SRGB).set("val", outline)
    return shape


def rule(slide, x1: float, y1: float, x2: float, y2: float, color: str, width: float, *,
         name: str = ""):
    """Return a straight line from (x1, y1) to (x2, y2) in ``color``, ``width`` points thick."""
    bx, by, ex, ey = emu(x1), emu(y1), emu(x2), emu(y2)     # as add_connector(STRAIGHT, …) lays it
    line = add(slide, ("line", bx > ex, by > ey), min(bx, ex), min(by, ey), abs(ex - bx),
               abs(ey - by))
    _plain(line)
    mark_decorative(line)
    ln = etree.SubElement(line._element.spPr, _LN)      # the connector's spPr has no line yet
    ln.set("w", str(emu(width)))
    etree.SubElement(etree.SubElement(ln, _SOLID), _SRGB).set("val", color)
    if name:
        c_nv_pr_of(line).set("name", name)
    return line


def _rgb(color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color)


def picture(slide, path: str, x: float, y: float, w: float, h: float, alt: str, *,
            name: str = ""):
    """Return a picture fitted inside (x, y, w, h) keeping its aspect, centred, with alt text."""
    pic = slide.shapes.add_picture(path, emu(x), emu(y))
    iw, ih = pic.width, pic.height
    scale = min(emu(w) / iw, emu(h) / ih)
    pic.width, pic.height = int(iw * scale), int(ih * scale)
    pic.left = emu(x) + (emu(w) - pic.width) // 2
    pic.top = emu(y) + (emu(h) - pic.height) // 2
    set_alt_text(pic, alt)
    if name:
        pic.name = name
    return pic


def set_alt_text(shape, text: str) -> None:
    """Set the alternative text (``descr``) that screen readers speak for ``shape``."""
    c_nv_pr_of(shape).set("descr", text)
