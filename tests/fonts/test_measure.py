"""Tests of measuring deck and PDF text, and of the glyph coverage check."""

from __future__ import annotations

import pytest
from fontTools.misc.fixedTools import otRound
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.errors import FontError, Origin
from briefgen.fonts.latin import CHARS, HELVETICA, HELVETICA_BOLD
from briefgen.fonts.measure import deck_metrics, packaged_font, pdf_metrics, require_glyphs
from briefgen.theme import Typefaces

MIXED = "2024年，江阴港完成货物吞吐量约3.8亿吨，集装箱吞吐量65.06万标箱、同比增长14.13%"


@pytest.mark.parametrize("name, table", [("Helvetica", HELVETICA),
                                         ("Helvetica-Bold", HELVETICA_BOLD)])
def test_shipped_latin_widths_are_reportlabs(name, table):
    assert len(CHARS) == len(set(CHARS)) == 217 and set(table) == set(CHARS)
    for ch in CHARS:
        assert table[ch] == pytest.approx(stringWidth(ch, name, 1000)), ch


@pytest.mark.parametrize("bold", [False, True])
def test_deck_widths(bold):
    m = deck_metrics(bold)
    helvetica = "Helvetica-Bold" if bold else "Helvetica"
    assert m.width("江阴港，。（）", 10) == pytest.approx(70)          # 1 em each
    for latin in ("RMB 500 billion", "Jiangyin", "14.13%", "{ASCII} @ & ~"):
        assert m.width(latin, 12) == pytest.approx(stringWidth(latin, helvetica, 12))
    # pinyin: the base letter's Arial width, or Noto's when wider (ambiguous East Asian width)
    assert stringWidth("a", helvetica, 10) <= m.width("ā", 10) < 1.1 * stringWidth("a", helvetica, 10)
    assert m.width("“", 10) == pytest.approx(10)                     # ambiguous: the wider
    assert m.width("\n", 10) == 0 and m.missing("a\nb") == []
    assert 1.3 < m.line_height_em < 1.6


def test_deck_widths_known_values():
    m = deck_metrics(False)
    assert m.width("Arial", 1000) == pytest.approx(667 + 333 + 222 + 556 + 222)
    # 30 CJK characters at 1 em, the Latin at Helvetica widths, and 6 Asian/Western seams
    assert m.width(MIXED, 10) == pytest.approx(
        10 * 30 + stringWidth("20243.865.0614.13%", "Helvetica", 10) + 6 * 2.5)
    assert m.width("江阴 ABC", 10) == pytest.approx(
        20 + stringWidth(" ABC", "Helvetica", 10) + 2.5)
    assert m.width("江“ABC”阴", 10) == pytest.approx(40 + stringWidth("ABC", "Helvetica", 10))


@pytest.mark.parametrize("weight", [400, 700])
def test_pdf_widths_are_the_instanced_advances(reference, weight):
    """Advances at the weight (HVAR applied), not the Thin (100) defaults of hmtx."""
    cmap, glyph_sets, font = reference
    m = pdf_metrics(weight)
    for ch in "江阴A a1,.%（Jiangyin—":
        assert m.width(ch, 1000) == otRound(glyph_sets[weight][cmap[ord(ch)]].width), ch
    assert m.width("a", 1000) != font["hmtx"][cmap[ord("a")]][0]
    assert m.width("江阴港", 10) == pytest.approx(30)
    assert m.ascent_em == pytest.approx(1.16) and m.descent_em == pytest.approx(0.288)


def test_bold_is_wider_for_latin():
    assert pdf_metrics(700).width("Jiangyin", 10) > pdf_metrics(400).width("Jiangyin", 10)


def test_require_glyphs_names_the_character():
    where = Origin("specs/city.yaml", 3, 7)
    for bad in ("\uf8ff", "🙂", "🚀"):
        with pytest.raises(FontError) as info:
            require_glyphs(f"江阴港{bad}吞吐量", pdf_metrics(400), where)
        msg = str(info.value)
        assert msg.startswith(f"specs/city.yaml:3:7: no glyph for '{bad}' (U+{ord(bad):04X}) "
                              f"in Noto Sans CJK SC 400")
        assert f"in text '江阴港{bad}吞吐量'" in msg
    require_glyphs("江阴\n港 RMB 5,000", pdf_metrics(400), None)
    with pytest.raises(FontError, match=r"U\+0007"):
        require_glyphs("a\x07b", deck_metrics(False), None)


def test_theme_face_of_the_collection(cache):
    path, _ = packaged_font()
    m = pdf_metrics(400, Typefaces(pdf_regular=path, pdf_face_name="Noto Sans CJK JP"))
    assert m.width("江", 10) == pytest.approx(10) and m.name == "Noto Sans CJK JP 400"
