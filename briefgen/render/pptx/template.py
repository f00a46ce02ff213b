"""A deck built on an organisation's template: its masters, layouts, theme and slide size.

The template's sample slides (and the sections naming them) and its thumbnail are dropped;
its masters, layouts, theme colours and fonts, and what its masters carry (logo, brand
band) stay. Each slide is added on its slide type's layout (``frames``) and drawn in
briefgen's 16:9 space, then scaled onto the template's slide: by its Frame (a content
slide's body into the layout's content placeholders), else whole, keeping proportions (a
4:3 template letterboxes a cover). Placeholders filled without a box of their own keep the
layout's. Without a template the deck starts from python-pptx's package (``package.py``).
"""

from __future__ import annotations

from lxml import etree

from briefgen.render.pptx.package import (
    new_presentation, presentation_format, set_theme, title_layout,
)
from briefgen.render.pptx.shapes import placeholder_elements, title_element
from briefgen.theme import deck as D
from briefgen.theme.template import open_template, title_only_layout

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
EMU = 12700
_POINT_ATTRS = {f"{{{_A}}}{t}": ("sz",) for t in ("rPr", "defRPr", "endParaRPr")}
_EMU_ATTRS = {f"{{{_A}}}bodyPr": ("lIns", "tIns", "rIns", "bIns"), f"{{{_A}}}ln": ("w",),
              f"{{{_A}}}pPr": ("marL", "marR", "indent"), f"{{{_A}}}tab": ("pos",),
              f"{{{_A}}}gridCol": ("w",), f"{{{_A}}}tr": ("h",),
              f"{{{_A}}}tcPr": ("marL", "marR", "marT", "marB")}


def start_deck(theme):
    """Return (presentation, layout to add slides on): the theme's template, or briefgen's own start."""
    if not theme.template:
        prs = new_presentation()
        return prs, title_layout(prs)
    prs = open_template(theme.template)
    drop_slides(prs)
    drop_thumbnail(prs)
    add_view_properties(prs)
    return prs, title_only_layout(prs)


def add_slide(prs, layout, frame=None):
    """Return a new slide on ``frame``'s layout (else ``layout``) keeping, of the placeholders it
    copies, one title only (what else it fills, ``placed`` clones from the layout)."""
    if frame is not None:
        layout = prs.slide_masters[frame.master].slide_layouts[frame.layout]
    slide = prs.slides.add_slide(layout)
    title = title_element(slide)
    for el in placeholder_elements(slide.shapes._spTree):
        if el is not title:
            el.getparent().remove(el)
    return slide


def finish_slide(prs, slide, frame, theme) -> None:
    """Scale a template deck's slide from briefgen's 16:9 space onto the template's slide:
    by its Frame (a content slide's body into the layout's content placeholders), else whole."""
    from briefgen.render.pptx.placed import empty

    if not theme.template:
        return
    title = slide.shapes.title
    if title is not None and empty(title._element):
        title._element.getparent().remove(title._element)
    if frame is None:
        s, dx, dy = _letterbox(prs.slide_width, prs.slide_height)
    else:
        s, dx, dy = frame.scale, frame.dx * EMU, frame.dy * EMU
    scale_slide(slide, s, dx, dy)


def finish_deck(prs, theme) -> None:
    """Write the theme into a deck of briefgen's own; fix a template deck's custom properties."""
    if not theme.template:
        set_theme(prs, theme, f"briefgen {theme.name}")
        return
    set_custom_format(prs)


def add_view_properties(prs) -> None:
    """Give the deck view properties when the template has none (PowerPoint repairs a file without)."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    blob = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<p:viewPr xmlns:a="%s" xmlns:r="%s" xmlns:p="%s"><p:gridSpacing cx="76200" cy="76200"/>'
            b'</p:viewPr>' % (_A.encode(), _R.encode(), _P.encode()))
    part = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, prs.part.package, blob)
    prs.part.relate_to(part, RT.VIEW_PROPS)


def drop_slides(prs) -> None:
    """Remove the template's sample slides, and the sections and custom shows that list them."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        r_id = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(r_id)
    root = prs.part._element
    for node in root.iter(f"{{{_P14}}}sectionLst", f"{{{_P}}}custShowLst"):
        parent = node.getparent()
        parent.remove(node)
        if parent.tag == f"{{{_P}}}ext" and len(parent) == 0:
            parent.getparent().remove(parent)


def _letterbox(width: int, height: int) -> tuple[float, float, float]:
    """Return (scale, dx, dy EMU) that fit briefgen's 16:9 slide whole into ``width`` × ``height``."""
    s = min(width / (D.SLIDE_W * EMU), height / (D.SLIDE_H * EMU))
    return s, (width - D.SLIDE_W * EMU * s) / 2, (height - D.SLIDE_H * EMU * s) / 2


def scale_slide(slide, s: float, dx: float, dy: float) -> None:
    """Scale a slide drawn in briefgen's 16:9 space by ``s`` and move it by (dx, dy) EMU.

    Chart parts have no boxes of their own (their frame on the slide is scaled); their type
    sizes and line widths are scaled with the slide's. A placeholder without a box of its
    own keeps the layout's; only its text's sizes are scaled."""
    if abs(s - 1) < 1e-9 and dx == dy == 0:
        return
    _scale_tree(slide._element, s, dx, dy)
    for shape in slide.shapes:
        if getattr(shape, "has_chart", False):      # the chart's own type sizes
            _scale_tree(shape.chart.part._element, s, 0, 0)


def _scale_tree(root, s: float, dx: float, dy: float) -> None:
    """Move and scale every box, inset, line width and type size under ``root``."""
    for el in root.iter(etree.Element):
        tag = el.tag
        if tag in (f"{{{_A}}}off", f"{{{_A}}}chOff"):
            _set(el, "x", lambda v: v * s + (dx if tag.endswith("}off") else 0))
            _set(el, "y", lambda v: v * s + (dy if tag.endswith("}off") else 0))
        elif tag in (f"{{{_A}}}ext", f"{{{_A}}}chExt") and el.getparent().tag.endswith("xfrm"):
            _set(el, "cx", lambda v: v * s)
            _set(el, "cy", lambda v: v * s)
        elif tag in _POINT_ATTRS:
            _set(el, "sz", lambda v: max(100, v * s))
        elif tag == f"{{{_A}}}spcPts":
            _set(el, "val", lambda v: v * s)
        if tag in _EMU_ATTRS:
            for attr in _EMU_ATTRS[tag]:
                _set(el, attr, lambda v: v * s)


def _set(el, attr: str, fn) -> None:
    value = el.get(attr)
    if value is not None and value.lstrip("-").isdigit():
        el.set(attr, str(int(round(fn(int(value))))))


def drop_thumbnail(prs) -> None:
    """Remove the template's thumbnail (a picture of its sample slide, not of this deck)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    package = prs.part.package
    for r_id, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(r_id)


def set_custom_format(prs) -> None:
    """Make a custom ``PresentationFormat`` property (LibreOffice writes one) name the deck's size."""
    part = next((p for p in prs.part.package.iter_parts()
                 if p.partname == "/docProps/custom.xml"), None)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    fmt = presentation_format(prs.slide_width, prs.slide_height)
    for prop in root.findall(f"{{{_CUSTOM}}}property[@name='PresentationFormat']"):
        value = prop[0] if len(prop) else None
        if fmt and value is not None:
            value.text = fmt
        else:
            root.remove(prop)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
