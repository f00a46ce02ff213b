"""The four handouts read back with pdfplumber: lines, quote forms and numbers as the page sets them."""

from __future__ import annotations

import re

import pytest

from briefgen.text.fit import CLOSING, OPENING
from briefgen.text.phrases import breaks, has_cjk
from paths import ROOT
from repo_outputs import ALL, handout
from text_checks import MARKS, STRAIGHT, problems_in_lines


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


def test_the_walk_finds_lone_last_lines_on_a_real_handout_when_the_rule_is_planted_off(monkeypatch, tmp_path):
    """The park's English handout rendered with the no-lone-last-line rule switched off: the
    walk, reading the PDF, finds what the rule prevents."""
    import briefgen.render.pdf.text as pdf_text
    import briefgen.text.breaking as breaking
    from briefgen.build import prepare
    from briefgen.render.pdf import render_pdf

    monkeypatch.setattr(breaking, "_no_runt", lambda *a, **k: None)
    monkeypatch.setattr(breaking, "has_runt", lambda lines: False)
    monkeypatch.setattr(pdf_text, "_BREAKS", {})          # no breaks remembered from other tests
    from briefgen.text import breakcache                  # nor from the breaks table (disk, memory)
    monkeypatch.setattr(breakcache, "lines", lambda kind, text, width, size, metrics, compute: compute())
    _, briefings, theme = prepare(ROOT / "specs" / "park.yaml", ["en"])
    path = tmp_path / "park.en.pdf"
    render_pdf(briefings[0], theme, str(path))
    assert [x for x in map(lone_last_line, handout_lines(path)) if x]
