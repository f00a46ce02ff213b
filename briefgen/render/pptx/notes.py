"""The deck's notes slides: the first made by python-pptx, the others copies of its blank XML."""

from __future__ import annotations

import copy

_NOTES = "/ppt/notesSlides/notesSlide%d.xml"


class NotesSlides:
    """Makes a deck's notes slides: the first through python-pptx (which adds the notes master
    and clones its placeholders), every later one as a copy of that first one's blank XML, related
    the same way, so each is the XML python-pptx would write at a fraction of its cost."""

    _BODY = "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph/@type='body']/p:txBody"

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
        from pptx.parts.slide import NotesSlidePart

        if self._blank is None:
            notes = slide.notes_slide
            self._blank = copy.deepcopy(notes._element)
            self._master = notes.part.part_related_by(RT.NOTES_MASTER)
            prefix = _NOTES.split("%")[0]
            self._names = {p.partname for p in slide.part.package.iter_parts()
                           if p.partname.startswith(prefix)}
            self._made.append(notes.part.partname)
            return notes.notes_text_frame._txBody
        package = slide.part.package
        part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE, package,
                              copy.deepcopy(self._blank))
        self._made.append(part.partname)
        part.relate_to(self._master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part._element.xpath(self._BODY)[0]

    def _next_partname(self):
        """Return the part name python-pptx's ``next_partname`` gives the next notes slide,
        from the names this deck's notes slides hold (only they add any), without its walk
        over every part of the package."""
        from pptx.opc.packuri import PackURI

        n = next(n for n in range(len(self._names) + 1, 0, -1) if _NOTES % n not in self._names)
        self._names.add(_NOTES % n)
        return PackURI(_NOTES % n)
