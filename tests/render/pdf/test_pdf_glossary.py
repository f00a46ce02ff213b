"""Tests of the handout's glossary note: each printed term explained once, small but legible, on the page."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pdfplumber
import pytest

from briefgen.build import prepare
from briefgen.render.pdf import render_pdf
from briefgen.render.pdf.glossary import pieces, split_term, terms_left
from paths import ROOT
from repo_outputs import ALL, handout

STRESS = Path(__file__).parent / "specs"


def test_an_entry_splits_into_its_term_and_explanation():
    assert split_term("Above designated size (规上): Firms with revenue of RMB 20 million or more.") == (
        "Above designated size (规上):", "Firms with revenue of RMB 20 million or more.")
    assert split_term("No term here.") == ("", "No term here.")
    got = pieces(("A (甲): one.", "B (乙): two."), "Terms explained", "ink", "muted", "accent")
    assert got == [("Terms explained: ", True, "accent"), ("A (甲):", True, "ink"), (" one. ", False, "muted"),
                   ("B (乙):", True, "ink"), (" two.", False, "muted")]


def _lines(path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [line["chars"] for line in pdf.pages[0].extract_text_lines(return_chars=True)]


@pytest.mark.parametrize("spec, lang", ALL)
def test_the_handout_explains_each_term_it_prints_once_in_small_legible_type(spec, lang):
    _, briefings, _ = prepare(ROOT / "specs" / f"{spec}.yaml", [lang])
    b = briefings[0]
    with pdfplumber.open(handout(spec, lang)) as pdf:
        page = pdf.pages[0]
        flat = re.sub(r"\s+", "", "".join(c["text"] for c in page.chars))
        chars = page.chars
        width, height = page.width, page.height
    if lang == "zh":
        assert b.glossary == () and "术语" not in flat
        return
    assert len(b.glossary) >= 5
    assert flat.count(re.sub(r"\s+", "", b.labels.glossary + ":")) == 1
    for entry in b.glossary:
        term, text = split_term(entry)
        assert flat.count(re.sub(r"\s+", "", entry)) == 1, entry
        start = flat.index(re.sub(r"\s+", "", term))
        ink = [c for c in chars if c["text"].strip()]
        note = ink[start:start + len(re.sub(r"\s+", "", entry))]
        assert all("700" in c["fontname"] for c in note[:len(re.sub(r"\s+", "", term))]), term
        assert all(c["size"] >= 7.0 - 1e-6 for c in note), entry
        assert all(0 <= c["x0"] and c["x1"] <= width and 0 <= c["top"] and c["bottom"] <= height
                   for c in note), entry


def test_a_dropped_section_takes_its_terms_along_unless_another_prints_them():
    _, briefings, _ = prepare(ROOT / "specs" / "city.yaml", ["en"])
    b = briefings[0]
    sections = list(b.onepager.sections)
    timeline = next(s for s in sections if s.role == "timeline")
    kept = [s for s in sections if s is not timeline]
    left = [e.split(" (")[0] for e in terms_left(b, timeline, kept)]
    assert "Lighthouse factory" not in left and "Innovative Jiangyin" not in left  # the timeline's own
    assert "Above designated size" in left and "County" in left      # the KPIs print these too


def test_the_glossary_note_is_the_last_thing_to_go_and_says_so():
    """The stress spec's English page fits once its optional chart and then the note go; the
    chart's own term left the note with the chart."""
    _, briefings, theme = prepare(STRESS / "drops_optional.yaml", ["en"])
    b = briefings[0]
    assert b.glossary
    warnings = render_pdf(b, theme, io.BytesIO())
    assert [w.split("): ")[1][:22] for w in warnings if "one-pager" in w] == [
        "dropped the optional c", "left out the glossary "]
    left = re.search(r"one-pager \(English\): left out the glossary note \((\d+) terms\) so that the "
                     r"page fits one A4 sheet$", warnings[-1])
    assert left and int(left.group(1)) == len(b.glossary) - 1     # the dropped chart's term went first
    roomy = dataclasses.replace(b, glossary=b.glossary[:0])
    assert not [w for w in render_pdf(roomy, theme, io.BytesIO()) if "glossary" in w]
