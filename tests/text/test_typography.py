"""Tests of the typographic pass, and a walk over every text block of the repository's decks and handouts."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from briefgen.render.pptx.text import ANCHOR, deck_measure, needs_anchor
from briefgen.text.fit import CLOSING, OPENING, is_display
from briefgen.text.phrases import breaks, has_cjk
from briefgen.text.typography import polish
from repo_outputs import ALL, deck, handout

STRAIGHT = re.compile("[\"']")
MARKS = frozenset("“”‘’")


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


def _company_fits(lines: list[str], measure) -> bool:
    """Return whether the last line could take the previous line's last word or character
    and still be no wider than the widest line (so a lone last word was avoidable)."""
    prev = lines[-2].rstrip()
    moved = re.search(r"[^\s\u2e80-\uffff]+$|\S$", prev).group(0)   # a word, or a character
    moved += " " if lines[-2].endswith(" ") else ""
    return measure(moved + lines[-1].strip()) <= max(measure(x.strip()) for x in lines)


def problems_in_lines(lines: list[str], chinese: bool, measure) -> list[str]:
    """Return what is wrong with one paragraph's written lines (see the module docstring)."""
    text = "".join(lines)
    out = []
    if len(lines) > 1:
        last = lines[-1].strip()
        core = "".join(ch for ch in last if ch not in CLOSING and ch not in OPENING)
        lone = (has_cjk(last) and len(core) == 1) or (not has_cjk(last) and core and " " not in last)
        if lone and _company_fits(lines, measure):
            out.append(f"one {'character' if has_cjk(last) else 'word'} on the last line: {lines}")
    if chinese and has_cjk(text):
        phrase, kept = breaks(text)
        at = 0
        for line in lines[:-1]:
            start, at = at, at + len(line)
            if at in kept and _span_fits(text, at, kept, lines, measure):
                out.append(f"a break inside a number with its unit or a quoted name at {at}: {lines}")
            elif is_display(text) and at not in phrase and not line.endswith(" ") and \
                    any(start < b < at for b in phrase):
                out.append(f"display text broken inside a phrase at {at}: {lines}")
    return out


def _span_fits(text: str, at: int, kept: frozenset, lines: list[str], measure) -> bool:
    """Return whether the kept span around offset ``at``, with the marks glued to it, is no
    wider than the widest line (so breaking inside it was avoidable)."""
    start, end = at - 1, at + 1
    while start in kept:
        start -= 1
    while end in kept:
        end += 1
    while start > 0 and text[start - 1] in OPENING:
        start -= 1
    while end < len(text) and text[end] in CLOSING:
        end += 1
    return measure(text[start:end]) <= max(measure(x.strip()) for x in lines)


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


def _raised(ch, prev) -> bool:
    """Return whether ``ch`` is a note mark raised after ``prev`` (smaller, and set higher)."""
    return (prev is not None and ch["size"] < 0.9 * prev["size"]
            and ch["bottom"] < prev["bottom"] - 0.15 * prev["size"])


def handout_lines(path):
    """Yield each text block of the handout as a list of (line text, line width in pt, size):
    lines of one size, left edge and steady pitch, each line cut where a gap wider than two
    characters opens. Raised note marks are left out, so a line reads as the text it sets."""
    import pdfplumber

    segments = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for line in page.extract_text_lines(return_chars=True):
                cur, text, prev = [], "", None
                for ch in line["chars"]:
                    if _raised(ch, prev):
                        continue
                    gap = ch["x0"] - cur[-1]["x1"] if cur else 0.0
                    if cur and gap > 2 * ch["size"]:
                        segments.append((cur, text))
                        cur, text = [], ""
                    text += (" " if cur and gap > 0.15 * ch["size"] else "") + ch["text"]
                    cur.append(ch)
                    prev = ch
                segments.append((cur, text))
    segments = [(round(s[0]["x0"]), s[0]["top"], round(s[0]["size"], 1), text, s[-1]["x1"] - s[0]["x0"])
                for s, text in segments if s]
    used = set()
    for i, (x, top, size, text, width) in enumerate(segments):
        if i in used:
            continue
        block, last = [(text, width, size)], top
        for j in range(i + 1, len(segments)):
            x2, top2, size2, text2, width2 = segments[j]
            if j not in used and abs(x2 - x) <= 1 and size2 == size and 0 < top2 - last <= 1.7 * size:
                block.append((text2, width2, size2))
                used.add(j)
                last = top2
        yield block


def handout_blocks(path):
    """Yield (size, lines) for each text block of the handout (see ``handout_lines``)."""
    for block in handout_lines(path):
        yield block[0][2], [text for text, _, _ in block]


def lone_last_line(block) -> str:
    """Return what is wrong when a block's last line is one CJK character or one word that the
    line above could have given company: moving its last word or character down keeps the
    last line no wider than the block's widest line (an em per CJK character, widths read
    off the page). Return "" when the block is fine."""
    lines = [text for text, _, _ in block]
    if len(lines) < 2:
        return ""
    last = lines[-1].strip()
    core = "".join(ch for ch in last if ch not in CLOSING and ch not in OPENING)
    if not ((has_cjk(last) and len(core) == 1) or (not has_cjk(last) and core and " " not in last)):
        return ""
    size, widest = block[-1][2], max(w for _, w, _ in block)
    prev = lines[-2].rstrip()
    moved = re.search(r"[^\s\u2e80-\uffff]+$|\S$", prev).group(0)
    share = block[-2][1] * len(moved) / max(len(prev), 1)       # its share of the line above
    extra = share if has_cjk(moved) else share + 0.25 * size    # and a space before a word
    if block[-1][1] + extra > widest:
        return ""
    return f"one {'character' if has_cjk(last) else 'word'} on the last line: {lines}"


@pytest.mark.parametrize("spec, lang", ALL)
def test_handout_running_text_has_no_lone_last_line(spec, lang):
    """Every block of the four handouts, read off the PDF: bullets, events, the narrative."""
    blocks = list(handout_lines(handout(spec, lang)))
    assert sum(len(b) > 1 for b in blocks) >= 5
    assert [x for x in map(lone_last_line, blocks) if x] == []
    kinsoku = [[t for t, _, _ in b] for b in blocks
               if any(t.strip()[:1] in CLOSING for t, _, _ in b[1:])
               or any(t.strip()[-1:] in OPENING for t, _, _ in b[:-1])]
    assert kinsoku == []


@pytest.mark.parametrize("block, fixed", [
    ([("兴澄特钢成为全球特钢行业唯一的灯塔工", 171.0, 9.5), ("厂", 9.5, 9.5)],
     [("兴澄特钢成为全球特钢行业唯一的灯", 152.0, 9.5), ("塔工厂", 28.5, 9.5)]),
    ([("Xingcheng Special Steel became the only lighthouse", 200.0, 9.5), ("factory", 30.0, 9.5)],
     [("Xingcheng Special Steel became the only", 160.0, 9.5), ("lighthouse factory", 72.0, 9.5)]),
])
def test_the_handout_walk_finds_a_lone_last_line(block, fixed):
    assert "on the last line" in lone_last_line(block)
    assert lone_last_line(fixed) == ""


def page_measure(path):
    """Return measure(size) -> (text -> width in pt) from the page's own advances per character."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        adv: dict[str, float] = {}
        for c in pdf.pages[0].chars:
            adv.setdefault(c["text"], (c["x1"] - c["x0"]) / c["size"])
    return lambda size: (lambda s: sum(adv.get(ch, 1.0 if has_cjk(ch) else 0.55) for ch in s) * size)


@pytest.mark.parametrize("spec, lang", ALL)
def test_handout_text_breaks_where_a_reader_expects(spec, lang):
    """The deck's rules on every block read off the PDF: display text at phrases, numbers with
    their units, no avoidable lone last character or word."""
    measure = page_measure(handout(spec, lang))
    found = []
    for block in handout_lines(handout(spec, lang)):
        lines = [t for t, _, _ in block]
        if lang == "en":                                  # the space a line break took
            lines = [t + " " for t in lines[:-1]] + lines[-1:]
        found += problems_in_lines(lines, lang == "zh", measure(block[0][2]))
    assert found == []


def quote_problems(chars: list[dict], lang: str) -> list[str]:
    """Return the quote marks set in the wrong form: in Chinese text a mark beside a Chinese
    character must be the East Asian full-width form (an em wide) with no gap after it; in
    English, a mark between Latin letters the proportional form (under 0.7 em)."""
    found = []
    for i, c in enumerate(chars):
        if c["text"] not in MARKS:
            continue
        near = [n for n in chars[max(i - 1, 0):i + 2] if n is not c and abs(n["top"] - c["top"]) < 1]
        advance = (c["x1"] - c["x0"]) / c["size"]
        if lang == "zh" and any(has_cjk(n["text"]) for n in near):
            after = [n for n in near if n["x0"] >= c["x1"] - 0.5]
            gap = after[0]["x0"] - c["x1"] if after else 0.0
            if advance < 0.9 or gap > 0.1 * c["size"]:
                found.append(f"{c['text']!r} at {c['x0']:.1f},{c['top']:.1f}: {advance:.2f} em, gap {gap:.1f} pt")
        if lang == "en" and near and all(n["text"].isascii() and n["text"].isalpha() for n in near) \
                and advance >= 0.7:
            found.append(f"{c['text']!r} at {c['x0']:.1f},{c['top']:.1f}: {advance:.2f} em in English")
    return found


@pytest.mark.parametrize("spec, lang", ALL)
def test_handout_quotes_take_the_form_of_their_language(spec, lang):
    import pdfplumber

    with pdfplumber.open(handout(spec, lang)) as pdf:
        chars = sorted(pdf.pages[0].chars, key=lambda c: (round(c["top"]), c["x0"]))
    assert sum(c["text"] in MARKS for c in chars) >= 4
    assert quote_problems(chars, lang) == []


def _char(text, x0, advance, size=10.0, top=0.0):
    return {"text": text, "x0": x0, "x1": x0 + advance * size, "size": size, "top": top}


def test_the_handout_quote_walk_finds_a_latin_quote_in_chinese_and_a_full_width_one_in_english():
    latin = [_char("打", 0, 1), _char("“", 10, 0.45), _char("科", 14.5, 1)]
    gap = [_char("“", 0, 1), _char("科", 13, 1)]
    wide = [_char("s", 0, 0.5), _char("’", 5, 1), _char("s", 15, 0.5)]
    good = [_char("打", 0, 1), _char("“", 10, 1), _char("科", 20, 1)]
    assert quote_problems(latin, "zh") and quote_problems(gap, "zh") and quote_problems(wide, "en")
    assert quote_problems(good, "zh") == []


@pytest.mark.parametrize("spec, lang", ALL)
def test_handout_text_keeps_numbers_with_units(spec, lang):
    found = []
    for _, lines in handout_blocks(handout(spec, lang)):
        text = "".join(lines)
        _, kept = breaks(text)
        at = 0
        for line in lines[:-1]:
            at += len(line)
            if at in kept and (has_cjk(text[at - 1]) or has_cjk(text[at])):  # 5000亿|元, 超|50
                found.append(f"a number split from its unit: {lines}")
    assert found == []


@pytest.mark.parametrize("spec", ["park", "city"])
def test_english_handouts_have_no_straight_quotes(spec):
    """The handout renderer does not run briefgen.text.typography.polish yet; the dataset's and
    the specs' English is written with typographic quotes, so the handouts have none."""
    found = [line for _, lines in handout_blocks(handout(spec, "en")) for line in lines
             if STRAIGHT.search(line)]
    assert found == []


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
