"""Tests of the notes slides: copies of the first are the parts python-pptx makes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER
from repo_outputs import ALL, deck

from briefgen.render.pptx.lastpass import save_package
from briefgen.render.pptx.notes import NotesSlides
from briefgen.render.pptx.package import new_presentation, title_layout


@pytest.mark.parametrize("master", ["python-pptx's", "own, reordered, without a slide image"])
def test_notes_slides_made_and_copied_are_the_parts_python_pptx_makes(master):
    def deck(fast: bool) -> dict[str, bytes]:
        prs = new_presentation()
        if master.startswith("own"):    # a deck bringing its notes master: its own order counts
            tree = prs.notes_master.shapes._spTree
            kinds = {sp.ph_type: sp for sp in tree.iter_ph_elms()}
            tree.remove(kinds[PP_PLACEHOLDER.SLIDE_IMAGE])
            tree.insert(2, kinds[PP_PLACEHOLDER.SLIDE_NUMBER])      # before the body
        maker = NotesSlides()
        for i in range(3):
            slide = prs.slides.add_slide(title_layout(prs))
            if i == 1:
                continue                # a slide without notes between two with
            body = maker.body(slide) if fast else slide.notes_slide.notes_text_frame._txBody
            body.find("{*}p").append(body.makeelement(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}r", {}))
        data = save_package(prs, dt.datetime(2025, 1, 1))
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {name: z.read(name) for name in z.namelist()}

    fast, pptx_own = deck(True), deck(False)
    assert [n for n in fast if "notesSlide" in n] == [
        "ppt/notesSlides/notesSlide1.xml", "ppt/notesSlides/_rels/notesSlide1.xml.rels",
        "ppt/notesSlides/notesSlide2.xml", "ppt/notesSlides/_rels/notesSlide2.xml.rels"]
    assert b"slide3.xml" in fast["ppt/notesSlides/_rels/notesSlide2.xml.rels"]
    assert fast == pptx_own


@pytest.mark.parametrize("spec, lang", ALL)
def test_the_notes_the_writer_wrote_need_nothing_of_the_last_pass(spec, lang):
    """The last pass leaves notes slides alone (the writer wrote all their text): in the
    repository's decks, running it over each notes slide would change nothing."""
    from lxml import etree

    from briefgen.render.pptx.lastpass import set_runs_tree

    with zipfile.ZipFile(deck(spec, lang)) as z:
        notes = [z.read(n) for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide")]
    assert len(notes) >= 8
    texts = b"".join(notes).decode()
    assert "“" in texts or "’" in texts                # quotes the pass would act on
    assert [set_runs_tree(etree.fromstring(x)) for x in notes] == [False] * len(notes)
