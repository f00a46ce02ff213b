"""The deck's slides: the first on each layout made by python-pptx, the others copies of its blank XML."""

from __future__ import annotations

import copy

from briefgen.render.pptx.template import add_slide


class DeckSlides:
    """Adds a deck's slides: the first on each layout through ``template.add_slide`` (python-pptx
    clones the layout's placeholders, then all but the title are dropped), every later one on that
    layout as a copy of the first one's blank XML, related and listed as python-pptx does, so each
    is the XML ``add_slide`` would write without its walk over the layout's placeholders."""

    def __init__(self):
        self._blank: dict = {}          # layout part -> its first slide's XML before any drawing

    def add(self, prs, layout, frame=None):
        """Return a new slide on ``frame``'s layout (else ``layout``), as ``add_slide`` makes it."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.parts.slide import SlidePart

        if frame is not None:
            layout = prs.slide_masters[frame.master].slide_layouts[frame.layout]
        blank = self._blank.get(layout.part)
        if blank is None:
            slide = add_slide(prs, layout)
            self._blank[layout.part] = copy.deepcopy(slide._element)
            return slide
        deck = prs.part
        part = SlidePart(deck._next_slide_partname, CT.PML_SLIDE, deck.package, copy.deepcopy(blank))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        prs.slides._sldIdLst.add_sldId(deck.relate_to(part, RT.SLIDE))
        return part.slide
