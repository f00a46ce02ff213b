"""The deck's slides: the first on each layout made by python-pptx, the others copies of its blank XML."""

from __future__ import annotations

import copy

from lxml import etree
from pptx.opc.packuri import PackURI

from briefgen.render.pptx.template import add_slide

_SLD_ID = "{http://schemas.openxmlformats.org/presentationml/2006/main}sldId"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MAX_SLIDE_ID = 2147483647


class DeckSlides:
    """Adds a deck's slides: the first on each layout through ``template.add_slide`` (python-pptx
    clones the layout's placeholders, then all but the title are dropped), every later one on that
    layout as a copy of the first one's blank XML, related and listed as python-pptx does, so each
    is the XML ``add_slide`` would write without its walk over the layout's placeholders."""

    def __init__(self):
        self._blank: dict = {}          # layout part -> its first slide's XML before any drawing
        self._top_id: dict = {}         # layout part -> the largest shape id in that XML

    def add(self, prs, layout, frame=None):
        """Return a new slide on ``frame``'s layout (else ``layout``), as ``add_slide`` makes it,
        with python-pptx's turbo add on (shape ids counted on from the largest in the slide, not
        searched for each shape); a copy takes the largest id its blank had."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        if frame is not None:
            layout = prs.slide_masters[frame.master].slide_layouts[frame.layout]
        blank = self._blank.get(layout.part)
        if blank is None:
            slide = add_slide(prs, layout)
            self._blank[layout.part] = copy.deepcopy(slide._element)
            slide.shapes.turbo_add_enabled = True
            self._top_id[layout.part] = slide.shapes._cached_max_shape_id
            return slide
        deck, listed = prs.part, prs.slides._sldIdLst
        name = PackURI("/ppt/slides/slide%d.xml" % (len(listed) + 1))   # _next_slide_partname
        part = SlidePart(name, CT.PML_SLIDE, deck.package, copy.deepcopy(blank))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        list_slide(listed, deck.relate_to(part, RT.SLIDE))
        slide = part.slide
        slide.shapes._cached_max_shape_id = self._top_id[layout.part]   # what turbo add computes
        return slide


def list_slide(listed, r_id: str) -> None:
    """Append slide ``r_id`` to ``p:sldIdLst`` ``listed`` as python-pptx's ``add_sldId`` does (id
    one above the largest in use, 256 at least), without its XPath and element machinery."""
    used = [int(v) for v in (el.get("id") for el in listed.iterchildren(_SLD_ID)) if v is not None]
    next_id = max([255] + used) + 1
    if next_id > _MAX_SLIDE_ID:         # python-pptx then looks for a free one: let it
        listed.add_sldId(r_id)
        return
    el = etree.SubElement(listed, _SLD_ID)
    el.set("id", str(next_id))
    el.set(_R_ID, r_id)
