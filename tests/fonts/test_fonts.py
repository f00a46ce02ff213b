"""Tests of font location, measuring, glyph coverage and the PDF font conversion."""

from __future__ import annotations

import os

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.fonts import metrics as font_metrics
from briefgen.fonts import pdf as font_pdf
from briefgen.errors import FontError, Origin
from briefgen.fonts.sfnt import Face, face_offsets
from briefgen.fonts.measure import (PACKAGED_FACE, deck_metrics, find_face, packaged_font, pdf_font,
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
    # 30 CJK characters at 1 em, the Latin at Helvetica widths, and 6 Asian/Western seams
    assert m.width(MIXED, 10) == pytest.approx(
        10 * 30 + stringWidth("20243.865.0614.13%", "Helvetica", 10) + 6 * 2.5)
    assert m.width("江阴 ABC", 10) == pytest.approx(
        20 + stringWidth(" ABC", "Helvetica", 10) + 2.5)
    assert m.width("江“ABC”阴", 10) == pytest.approx(40 + stringWidth("ABC", "Helvetica", 10))


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


# -- PDF fonts ------------------------------------------------------------------------------

TEXT = "江阴—靖江工业园区：2024年GDP超5,000亿元（RMB 500 billion），同比增长14.13%。"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh, empty font cache and no fonts remembered in this process."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    font_pdf.clear_memo()
    yield tmp_path / "cache"
    font_pdf.clear_memo()


def test_converted_font_is_static_truetype_with_a_unique_family(cache):
    from fontTools.ttLib import TTFont

    font = pdf_font(700, TEXT)
    assert font.name.startswith("BriefgenSC_700_") and len(font.name) == len("BriefgenSC_700_") + 8
    assert os.path.dirname(font.path) == str(cache)
    with TTFont(font.path) as tt:
        assert "glyf" in tt and "loca" in tt
        assert not {"CFF ", "CFF2", "fvar", "HVAR", "gvar", "GSUB", "GPOS"} & set(tt.keys())
        assert tt["post"].formatType == 2.0 and tt["OS/2"].usWeightClass == 700
        assert tt["name"].getDebugName(1) == font.name == tt["name"].getDebugName(6)
        assert "Open Font License" in tt["name"].getDebugName(13)
        assert set(TEXT) <= {chr(c) for c in tt.getBestCmap()}


def test_registered_font_draws_chinese_with_reportlab(cache, tmp_path):
    from pypdf import PdfReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    font = pdf_font(400, TEXT)
    assert pdf_font(400, TEXT) is font                       # idempotent
    assert font.name in pdfmetrics.getRegisteredFontNames()
    assert pdfmetrics.stringWidth(TEXT, font.name, 11) == pytest.approx(font.metrics.width(TEXT, 11))
    assert font.metrics.width(TEXT, 11) == pytest.approx(pdf_metrics(400).width(TEXT, 11))
    out = tmp_path / "t.pdf"
    c = canvas.Canvas(str(out), invariant=1)
    c.setFont(font.name, 11)
    c.drawString(40, 700, TEXT)
    c.save()
    page = PdfReader(str(out)).pages[0]
    assert TEXT in page.extract_text().replace("\n", "")
    fonts = page["/Resources"]["/Font"]
    assert any(font.name in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_conversion_is_byte_identical(cache, tmp_path, monkeypatch):
    first = pdf_font(700, TEXT)
    from pathlib import Path

    data = Path(first.path).read_bytes()
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "other"))
    font_pdf.clear_memo()
    second = pdf_font(700, TEXT)
    assert second.path != first.path and second.name == first.name
    assert Path(second.path).read_bytes() == data


def test_outlines_match_fonttools_reference(cache):
    """Glyphs equal drawing the source through Cu2QuPen into TTGlyphPen at the weight."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    path, index = packaged_font()
    font = pdf_font(700, TEXT)
    with TTFont(path, fontNumber=index, lazy=True) as src, TTFont(font.path) as out:
        glyphs = src.getGlyphSet(location={"wght": 700})
        cmap, out_cmap = src.getBestCmap(), out.getBestCmap()
        for ch in set(TEXT):
            pen = TTGlyphPen(None)
            glyphs[cmap[ord(ch)]].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            ref, mine = pen.glyph(), out["glyf"][out_cmap[ord(ch)]]
            assert ref.numberOfContours == mine.numberOfContours, ch
            if ref.numberOfContours:
                assert list(ref.coordinates) == list(mine.coordinates), ch
                assert list(ref.endPtsOfContours) == list(mine.endPtsOfContours), ch


def test_cache_hit_does_not_open_the_collection(cache, monkeypatch):
    import builtins

    path, _ = packaged_font()
    first = pdf_font(400, TEXT)
    font_pdf.clear_memo()
    font_metrics._face.cache_clear()
    opened = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(os.path.realpath(file) if isinstance(file, str) else file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    again = pdf_font(400, set(TEXT))
    assert again.path == first.path and again.metrics.width("江", 10) == 10
    assert os.path.realpath(path) not in opened
    assert first.path in opened or os.path.realpath(first.path) in opened


def test_subset_lacking_a_character_is_an_error(cache):
    font = pdf_font(400, "江阴")
    require_glyphs("江阴 RMB，。", font, None)
    with pytest.raises(FontError, match=r"^specs/city.yaml:9:1: no glyph for '港' \(U\+6E2F\) "
                                        r"in BriefgenSC_400_\w+: it was not among the "
                                        r"characters given to pdf_font"):
        require_glyphs("江阴港", font, Origin("specs/city.yaml", 9, 1))
    with pytest.raises(FontError, match=r"no glyph for '🙂' \(U\+1F642\) in Noto Sans CJK SC "
                                        r"400 \(BriefgenSC_400_\w+\), in text '江阴🙂'"):
        require_glyphs("江阴🙂", font, None)


def test_old_cached_fonts_are_pruned_when_a_new_one_is_written(cache):
    old = cache / "BriefgenSC_400_00000000_0000000000000000.ttf"
    cache.mkdir(parents=True)
    old.write_bytes(b"stale")
    os.utime(old, (1e9, 1e9))
    recent = cache / "BriefgenSC_700_11111111_1111111111111111.ttf"
    recent.write_bytes(b"recent")
    pdf_font(400, "江")
    assert not old.exists() and recent.exists()


def test_theme_truetype_file_is_used(cache, tmp_path):
    """A theme's TrueType file goes through the same conversion (glyf outlines)."""
    source = pdf_font(400, TEXT)
    theme = Typefaces(pdf_regular=source.path, pdf_bold=source.path)
    font = pdf_font(700, "江阴园区", theme)
    assert font.name.startswith("BriefgenBriefgenSC400") and font.name != source.name
    assert font.metrics.width("江阴园区", 10) == pytest.approx(40)
    require_glyphs("江阴园区", font, None)


def test_matplotlib_finds_the_converted_font_by_its_family(cache):
    from matplotlib import font_manager

    font = pdf_font(400, TEXT)
    font_manager.fontManager.addfont(font.path)
    prop = font_manager.FontProperties(family=font.name)
    assert font_manager.findfont(prop, fallback_to_default=False) == font.path


def test_charstring_decoder_matches_fonttools_interpreter():
    """The one-pass CFF2 decoder gives fontTools' outlines at both weights (a sample; a
    full run over all 65,535 glyphs agreed too)."""
    from briefgen.fonts import convert as font_convert
    from briefgen.fonts.glyf import QuadPen
    from briefgen.fonts.t2 import contours, decode

    path, index = packaged_font()
    face = font_metrics._face(path, index)
    stamp = font_metrics._stamp(path)
    cff2 = font_convert._cff2(path, index, stamp)
    table = font_convert._charstrings(path, index, stamp, "CFF2", face.num_glyphs)
    indexes, regions = cff2.region_indexes(), cff2.regions()
    for weight in (400, 700):
        blend, scalar = font_convert._blend_at(regions, indexes, face, {"wght": weight})
        for gid in range(0, face.num_glyphs, 331):
            code, subrs, vsindex = cff2.glyph(gid)
            segments = decode(code, cff2.gsubrs, subrs, vsindex, lambda i: len(indexes[i]))
            pen = QuadPen(1.0, reverse=True)
            table.charStringsIndex[gid].draw(pen, blend)
            assert contours(segments, scalar, 1.0, True) == pen.contours, (weight, gid)


def test_fonttools_fallback_gives_the_same_font(cache, tmp_path, monkeypatch):
    """Glyphs the decoder leaves to fontTools come out the same."""
    from pathlib import Path

    from briefgen.fonts import convert as font_convert
    from briefgen.fonts.t2 import Unsupported

    fast = Path(pdf_font(700, "江阴园区RMB").path).read_bytes()

    def refuse(*args):
        raise Unsupported("test")

    monkeypatch.setattr(font_convert, "decode", refuse)
    font_convert._DECODED.clear()
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "slow"))
    font_pdf.clear_memo()
    assert Path(pdf_font(700, "江阴园区RMB").path).read_bytes() == fast


def test_theme_cff_opentype_file_is_converted(cache, tmp_path):
    """A static CFF .otf (built here: a square for 'A') becomes glyf outlines, clockwise."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.ttLib import TTFont

    def square(width):
        pen = T2CharStringPen(width, None)
        pen.moveTo((100, 0))
        pen.lineTo((500, 0))
        pen.lineTo((500, 700))
        pen.lineTo((100, 700))
        pen.closePath()
        return pen.getCharString()

    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "A", "space"])
    fb.setupCharacterMap({65: "A", 32: "space"})
    empty = T2CharStringPen(250, None).getCharString()
    fb.setupCFF("TestSquare", {}, {".notdef": square(600), "A": square(600), "space": empty}, {})
    fb.setupHorizontalMetrics({".notdef": (600, 100), "A": (600, 100), "space": (250, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "TestSquare", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    otf = tmp_path / "square.otf"
    fb.save(str(otf))

    font = pdf_font(400, "A A", Typefaces(pdf_regular=str(otf)))
    assert font.name.startswith("Briefgensquare_400_")
    assert font.metrics.width("A A", 10) == pytest.approx(14.5)
    with pytest.raises(FontError, match=r"no glyph for 'B'"):
        require_glyphs("AB", font, None)
    with TTFont(font.path) as tt:
        glyph = tt["glyf"][tt.getBestCmap()[65]]
        assert list(glyph.coordinates) == [(100, 0), (100, 700), (500, 700), (500, 0)]


def test_unwritable_cache_falls_back_to_a_spare_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(font_pdf, "_spare_dir", lambda: str(tmp_path / "spare"))
    font_pdf.clear_memo()
    font = pdf_font(400, "江阴")
    assert os.path.dirname(font.path) == str(tmp_path / "spare")
    font_pdf.clear_memo()
    assert pdf_font(400, "江阴").path == font.path          # found again, not reconverted
    font_pdf.clear_memo()


def test_proportional_quotes_for_english(tmp_path, monkeypatch):
    """English text takes the face's proportional curly quotes, Chinese the full-width ones."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    text = "“care”: ‘a’"
    wide = pdf_font(400, text)
    narrow = pdf_font(400, text, proportional=True)
    assert narrow.name != wide.name and "400p" in narrow.name
    for ch in "“”‘’":
        assert wide.metrics.width(ch, 10) == pytest.approx(10.0)     # full width: 1 em
        assert narrow.metrics.width(ch, 10) < 6.0     # about half an em at this weight
    assert narrow.metrics.width("A", 10) == wide.metrics.width("A", 10)
