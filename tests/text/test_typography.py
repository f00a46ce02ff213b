"""Tests of the typographic pass, and a walk over every text block of the repository's decks
(the handouts' walk is in test_handout_text.py)."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from briefgen.render.pptx.text import ANCHOR, deck_measure, needs_anchor
from briefgen.text.phrases import breaks, has_cjk
from briefgen.text.typography import polish
from repo_outputs import ALL, deck
from text_checks import MARKS, STRAIGHT, problems_in_lines


@pytest.mark.parametrize("raw, set_", [
    ("China's \"little giant\" firms", "China’s “little giant” firms"),
    ("'little giant' enterprises", "‘little giant’ enterprises"),
    ("in the '90s", "in the ’90s"),
    ("(\"A\")", "(“A”)"),
    ("《<长江三角洲区域一体化发展规划纲要>江苏实施方案》", "《〈长江三角洲区域一体化发展规划纲要〉江苏实施方案》"),
    ("a < b and c > d", "a < b and c > d"),
    ("江阴“科创江阴”目标", "江阴“科创江阴”目标"),
])
def test_polish_sets_curly_quotes_and_nested_title_marks(raw, set_):
    assert polish(raw) == set_


@pytest.mark.parametrize("text, inside", [
    ("全市规上工业总产值超5000亿元", "超5000亿元"),
    ("集装箱吞吐量65.06万标箱", "65.06万标箱"),
    ("省级专精特新“小巨人”企业", "“小巨人”"),
    ("2003年8月29日成立", "8月"),
    ("Reform and opening-up (改革开放): China’s policy", "(改革开放)"),
])
def test_numbers_with_units_and_short_quoted_names_are_kept_whole(text, inside):
    _, kept = breaks(text)
    start = text.index(inside)
    assert set(range(start + 1, start + len(inside))) <= kept


# -- the walk ------------------------------------------------------------------------------

def deck_paragraphs(path):
    """Yield (where, lang tag, paragraph element, written lines) for every slide paragraph."""
    prs = Presentation(path)
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                rpr = p._p.find(f"{qn('a:r')}/{qn('a:rPr')}")
                if rpr is None:
                    continue
                measure = deck_measure(rpr.get("b") == "1")
                size = int(rpr.get("sz")) / 100
                yield (f"slide {number} {shape.name}", lambda s: measure.width(s, size),
                       p.text.removeprefix(ANCHOR).split("\v"))


@pytest.mark.parametrize("spec, lang", ALL)
def test_deck_text_breaks_where_a_reader_expects(spec, lang):
    found = []
    for where, measure, lines in deck_paragraphs(deck(spec, lang)):
        found += [f"{where}: {x}" for x in problems_in_lines(lines, lang == "zh", measure)]
    assert found == []


def run_problems(tree, lang: str, where: str) -> list[str]:
    """Return the straight quotes (English) and Latin-face marks (Chinese) in the runs of one part,
    and, in a Chinese chart, any label value holding a mark (labels take the chart's Latin face)."""
    found = []
    for r in tree.iter(qn("a:r")):
        text = r.findtext(qn("a:t")) or ""
        rpr = r.find(qn("a:rPr"))
        if lang == "en" and STRAIGHT.search(text):
            found.append(f"{where}: straight quote in {text!r}")
        if (lang == "zh" or has_cjk(text)) and MARKS & set(text):
            latin = rpr.find(qn("a:latin")).get("typeface")
            if latin != rpr.find(qn("a:ea")).get("typeface"):
                found.append(f"{where}: {text!r} has its quotes in {latin}")
    for v in tree.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}v"):
        if lang == "zh" and MARKS & set(v.text or ""):
            found.append(f"{where}: chart label {v.text!r} sets its quotes in the chart's Latin face")
        if lang == "en" and STRAIGHT.search(v.text or ""):
            found.append(f"{where}: straight quote in chart label {v.text!r}")
    return found


@pytest.mark.parametrize("spec, lang", ALL)
def test_deck_quotes_are_curly_in_english_and_east_asian_in_chinese(spec, lang):
    """Slides, speaker notes and charts (titles, labels), read back from the .pptx parts."""
    import zipfile

    from lxml import etree

    found, parts = [], set()
    with zipfile.ZipFile(deck(spec, lang)) as z:
        for name in z.namelist():
            m = re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide|charts/chart)\d+\.xml", name)
            if m:
                parts.add(m.group(1))
                found += run_problems(etree.fromstring(z.read(name)), lang, name)
    assert parts == {"slides/slide", "notesSlides/notesSlide", "charts/chart"}
    assert found == []


@pytest.mark.parametrize("xml, lang, problem", [
    ('<a:r><a:rPr><a:latin typeface="Arial"/><a:ea typeface="YaHei"/></a:rPr><a:t>“科创”</a:t></a:r>',
     "zh", "has its quotes in Arial"),
    ('<a:r><a:rPr><a:latin typeface="Arial"/><a:ea typeface="YaHei"/></a:rPr><a:t>China\'s</a:t></a:r>',
     "en", "straight quote"),
    ("<c:v>“小巨人”企业</c:v>", "zh", "chart label"),
])
def test_the_quote_walk_finds_a_planted_defect(xml, lang, problem):
    from lxml import etree

    tree = etree.fromstring(f'<x xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                            f'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">{xml}</x>')
    assert any(problem in x for x in run_problems(tree, lang, "part"))


@pytest.mark.parametrize("spec, lang", ALL)
def test_no_deck_paragraph_opens_with_marks_before_chinese_without_its_anchor(spec, lang):
    """Slides, notes and charts alike: LibreOffice would put a gap after the opening marks."""
    import zipfile

    from lxml import etree

    found, anchored = [], 0
    with zipfile.ZipFile(deck(spec, lang)) as z:
        for name in z.namelist():
            if not re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide|charts/chart)\d+\.xml", name):
                continue
            for p in etree.fromstring(z.read(name)).iter(qn("a:p")):
                text = "".join(p.itertext())
                anchored += text.startswith(ANCHOR)
                if needs_anchor(text):
                    found.append(f"{name}: {text!r}")
    assert found == []
    assert anchored >= {"city": 3, "park": 1}[spec] or lang == "en"


def test_the_anchor_walk_finds_a_paragraph_without_its_anchor():
    assert needs_anchor("“科创江阴”目标") and needs_anchor("——园区简介")
    assert not needs_anchor(ANCHOR + "“科创江阴”目标") and not needs_anchor("打响“科创江阴”")


@pytest.mark.parametrize("lines, problem", [
    (["扬子江船业在新", "加坡挂牌上市"], "broken inside a phrase"),
    (["全市规上工业总产值超5000亿", "元"], "one character"),
    (["全市规上工业总产值超5000", "亿元规模"], "a number with its unit"),
    (["Jiangsu Jiangyin–Jingjiang Industrial Park: investor", "briefing"], "one word"),
])
def test_the_walk_finds_what_the_designer_found(lines, problem):
    measure = deck_measure(True)
    found = problems_in_lines(lines, True, lambda s: measure.width(s, 20))
    assert any(problem in x for x in found), found
    fixed = problems_in_lines(["扬子江船业", "在新加坡挂牌上市"], True, lambda s: measure.width(s, 20))
    assert fixed == []


@pytest.mark.parametrize("spec, lang", ALL)
def test_the_written_lines_fit_the_height_their_box_was_given(spec, lang):
    """What the fitting measured is what is written: lines (a:br + 1) × pitch + paragraph
    spacing stays within each fixed text box (a lone glyph such as the quote mark aside)."""
    found, boxes = [], 0
    for number, slide in enumerate(Presentation(deck(spec, lang)).slides, start=1):
        for shape in slide.shapes:
            body = shape._element.find(qn("p:txBody"))
            if body is None or body.find(f"{qn('a:bodyPr')}/{qn('a:noAutofit')}") is None \
                    or len(shape.text_frame.text.strip()) <= 1:
                continue
            height = 0.0
            for k, p in enumerate(body.findall(qn("a:p"))):
                pitch = p.find(f"{qn('a:pPr')}/{qn('a:lnSpc')}/{qn('a:spcPts')}")
                before = p.find(f"{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}")
                lines = 1 + len(p.findall(qn("a:br")))
                height += lines * int(pitch.get("val")) / 100
                height += int(before.get("val")) / 100 if k and before is not None else 0.0
            boxes += 1
            if height > shape.height / 12700 + 0.5:
                found.append(f"slide {number} {shape.name}: {height:.1f} pt in {shape.height / 12700:.1f}")
    assert boxes > 50 and found == []


def test_polish_model_sets_reader_text_and_keeps_ids_formats_and_quotes():
    from model_samples import briefing

    from briefgen.text.typography import polish_model

    model = briefing("en")
    polished = polish_model(model)
    assert any("'" in n.text for n in model.notes)              # something to set
    assert not any("'" in n.text for n in polished.notes)
    for before, after in zip(model.notes, polished.notes):
        assert after.quote == before.quote and after.fact_ids == before.fact_ids
        assert after.text == polish(before.text)
    charts = [b for s in polished.slides for b in s.blocks if hasattr(b, "number_format")]
    assert charts and all(c.number_format == o.number_format for c, o in
                          zip(charts, [b for s in model.slides for b in s.blocks
                                       if hasattr(b, "number_format")]))


def test_polish_model_returns_what_it_leaves_unchanged_as_it_was():
    from model_samples import briefing

    from briefgen.text.typography import polish_model

    model = briefing("en")
    polished = polish_model(model)
    untouched = [(a, b) for a, b in zip(model.slides, polished.slides) if a == b]
    assert untouched and all(a is b for a, b in untouched)    # no copies of what has no quotes
    assert polished.notes is not model.notes                  # the notes with quotes are new
    assert polish_model(polished) is polished                 # polishing twice changes nothing
