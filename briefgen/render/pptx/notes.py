"""The deck's notes slides: the first made as python-pptx makes it, the others copies of its blank XML."""

from __future__ import annotations

import copy

from lxml import etree

from briefgen.render.pptx.shapes import ph_of, placeholder_elements

_NOTES = "/ppt/notesSlides/notesSlide%d.xml"
_CLONED = ("sldImg", "body", "sldNum")     # the master's placeholders a notes slide gets
_body_of = etree.XPath(            # a notes slide's body text, compiled once (not per call)
    "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph/@type='body']/p:txBody",
    namespaces={"p": "http://schemas.openxmlformats.org/presentationml/2006/main"})


class NotesSlides:
    """Makes a deck's notes slides as python-pptx's ``slide.notes_slide`` does: the first on the
    notes master (python-pptx's own, added when the deck has none) with the master's placeholders
    cloned, every later one as a copy of that first one's blank XML, related the same way, so
    each is the XML python-pptx would write at a fraction of its cost."""

    def __init__(self):
        self._blank = None              # the first notes slide's XML before any text
        self._master = None             # the notes master part
        self._names: set[str] = set()   # the deck's notes slides' part names
        self._made: list[str] = []      # the part names of those made here

    @property
    def partnames(self) -> frozenset[str]:
        """The part names of the notes slides made (whose text only ``write_notes`` writes)."""
        return frozenset(self._made)

    def body(self, slide):
        """Return the text body (``p:txBody``) of a new notes slide for ``slide``."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.oxml.slide import CT_NotesSlide
        from pptx.parts.slide import NotesSlidePart

        package = slide.part.package
        first = self._blank is None
        if first:                       # as python-pptx's slide.notes_slide starts
            self._master = package.presentation_part.notes_master_part   # made if missing
            prefix = _NOTES.split("%")[0]
            self._names = {p.partname for p in package.iter_parts()
                           if p.partname.startswith(prefix)}
        part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE, package,
                              CT_NotesSlide.new() if first else copy.deepcopy(self._blank))
        self._made.append(part.partname)
        part.relate_to(self._master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        if first:
            self._clone_placeholders(part)
            self._blank = copy.deepcopy(part._element)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return _body_of(part._element)[0]

    def _clone_placeholders(self, part) -> None:
        """Clone into notes slide ``part`` the master's slide image, body and slide number
        placeholders, in order, through python-pptx's ``clone_placeholder`` (as its
        ``clone_master_placeholders`` does, without an XPath per master shape)."""
        from types import SimpleNamespace

        shapes = part.notes_slide.shapes
        for el in placeholder_elements(self._master._element.cSld.spTree):
            if ph_of(el).get("type", "obj") in _CLONED:
                shapes.clone_placeholder(SimpleNamespace(element=el))

    def _next_partname(self):
        """Return the part name python-pptx's ``next_partname`` gives the next notes slide,
        from the names this deck's notes slides hold (only they add any), without its walk
        over every part of the package."""
        from pptx.opc.packuri import PackURI

        n = next(n for n in range(len(self._names) + 1, 0, -1) if _NOTES % n not in self._names)
        self._names.add(_NOTES % n)
        return PackURI(_NOTES % n)
