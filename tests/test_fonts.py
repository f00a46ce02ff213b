"""Tests of font location, measuring, glyph coverage and the PDF font conversion."""

from __future__ import annotations

import os

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.errors import FontError, Origin
from briefgen.font_sfnt import Face, face_offsets
from briefgen.fonts import (PACKAGED_FACE, deck_metrics, find_face, packaged_font,
                            pdf_metrics, require_glyphs)
from briefgen.theme import Typefaces

MIXED = "2024年，江阴港完成货物吞吐量约3.8亿吨，集装箱吞吐量65.06万标箱、同比增长14.13%"


def test_packaged_face_is_found_by_name():
    path, index = packaged_font()
    assert path.endswith("NotoSansCJK-VF.otf.ttc") and os.path.isfile(path)
    face = Face(path, face_offsets(path)[index])
    assert face.family == PACKAGED_FACE
    assert find_face(path, "noto sans cjk jp") != index


def test_unknown_face_name_lists_the_faces():
    path, _ = packaged_font()
    with pytest.raises(FontError, match=r"expected a face named one of .*'Noto Sans CJK SC'"
                                        r".* but received 'Noto Sans CJK XX'"):
        find_face(path, "Noto Sans CJK XX")


@pytest.mark.parametrize("bold", [False, True])
def test_deck_widths(bold):
    m = deck_metrics(bold)
    helvetica = "Helvetica-Bold" if bold else "Helvetica"
    assert m.width("江阴港，。（）", 10) == pytest.approx(70)          # 1 em each
    for latin in ("RMB 500 billion", "Jiangyin", "14.13%"):
        assert m.width(latin, 12) == pytest.approx(stringWidth(latin, helvetica, 12))
    # pinyin: the base letter's Arial width, or Noto's when wider (ambiguous East Asian width)
    assert stringWidth("a", helvetica, 10) <= m.width("ā", 10) < 1.1 * stringWidth("a", helvetica, 10)
    assert m.width("“", 10) == pytest.approx(10)                     # ambiguous: the wider
    assert m.width("\n", 10) == 0 and m.missing("a\nb") == []
    assert 1.3 < m.line_height_em < 1.6


def test_deck_widths_known_values():
    m = deck_metrics(False)
    assert m.width("Arial", 1000) == pytest.approx(667 + 333 + 222 + 556 + 222)
    assert m.width(MIXED, 10) == pytest.approx(
        10 * 30 + stringWidth("20243.865.0614.13%", "Helvetica", 10))


@pytest.mark.parametrize("weight", [400, 700])
def test_pdf_widths_at_weight(weight):
    from fontTools.misc.fixedTools import otRound
    from fontTools.ttLib import TTFont

    path, index = packaged_font()
    m = pdf_metrics(weight)
    with TTFont(path, fontNumber=index, lazy=True) as font:
        glyphs = font.getGlyphSet(location={"wght": weight})
        cmap = font.getBestCmap()
        for ch in "江阴A a1,.%（":
            assert m.width(ch, 1000) == otRound(glyphs[cmap[ord(ch)]].width)
    assert m.width("江阴港", 10) == pytest.approx(30)
    assert m.ascent_em == pytest.approx(1.16) and m.descent_em == pytest.approx(0.288)


def test_bold_is_wider_for_latin():
    assert pdf_metrics(700).width("Jiangyin", 10) > pdf_metrics(400).width("Jiangyin", 10)


def test_require_glyphs_names_the_character():
    where = Origin("specs/city.yaml", 3, 7)
    for bad in ("\uf8ff", "🙂"):
        with pytest.raises(FontError) as info:
            require_glyphs(f"江阴港{bad}吞吐量", pdf_metrics(400), where)
        msg = str(info.value)
        assert msg.startswith("specs/city.yaml:3:7: no glyph for ")
        assert f"'{bad}' (U+{ord(bad):04X})" in msg and "Noto Sans CJK SC 400" in msg
        assert f"江阴港{bad}吞吐量" in msg
    require_glyphs("江阴\n港 RMB 5,000", pdf_metrics(400), None)
    with pytest.raises(FontError, match=r"U\+0007"):
        require_glyphs("a\x07b", deck_metrics(False), None)


def test_theme_font_file_and_face_name(tmp_path):
    path, _ = packaged_font()
    m = pdf_metrics(400, Typefaces(pdf_regular=path, pdf_face_name="Noto Sans CJK JP"))
    assert m.width("江", 10) == pytest.approx(10)
    with pytest.raises(FontError, match="no such file"):
        pdf_metrics(400, Typefaces(pdf_regular=str(tmp_path / "none.ttf")))


def test_raw_cmap_formats_agree():
    """The format 12 and format 4 readers give fontTools' glyph ids."""
    from fontTools.ttLib import TTFont

    path = packaged_font()[0]
    face = Face(path, face_offsets(path)[2])
    with TTFont(path, fontNumber=2, lazy=True) as font:
        cmap = font.getBestCmap()
        sample = sorted(cmap)[::97]
        assert [face.glyph_id(cp) for cp in sample] == [font.getGlyphID(cmap[cp])
                                                        for cp in sample]
    assert face.glyph_id(0xF8FF) == 0
