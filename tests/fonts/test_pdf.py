"""Tests of the PDF fonts: the TrueType subsets, their outlines and advances, and their cache."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.misc.fixedTools import otRound
from fontTools.pens.areaPen import AreaPen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from briefgen import cache as briefgen_cache
from briefgen.errors import FontError, Origin
from briefgen.fonts import face as font_face
from briefgen.fonts import glyphs as font_glyphs
from briefgen.fonts import pdf as font_pdf
from briefgen.fonts.measure import packaged_font, pdf_font, pdf_metrics, require_glyphs
from briefgen.theme import Typefaces

TEXT = "江阴—靖江工业园区：2024年GDP超5,000亿元（RMB 500 billion），同比增长14.13%。"
SAMPLE = "江阴港靖园区集装箱吞吐量鑫龘。，（）《》“”ABCQRSWagjkmy0123456789%&@"


def _ttf(font) -> bytes:
    return Path(font.path).read_bytes()


def test_converted_font_is_static_truetype_with_a_unique_family(cache):
    font = pdf_font(700, TEXT)
    assert font.name.startswith("BriefgenSC_700_") and len(font.name) == len("BriefgenSC_700_") + 8
    assert Path(font.path).parent == cache / "fonts" / "ttf"
    with TTFont(font.path) as tt:
        assert "glyf" in tt and "loca" in tt
        assert not {"CFF ", "CFF2", "fvar", "HVAR", "gvar", "GSUB", "GPOS"} & set(tt.keys())
        assert tt["post"].formatType == 2.0 and tt["OS/2"].usWeightClass == 700
        assert tt["name"].getDebugName(1) == font.name == tt["name"].getDebugName(6)
        assert "Open Font License" in tt["name"].getDebugName(13)
        assert set(TEXT) <= {chr(c) for c in tt.getBestCmap()}


@pytest.mark.parametrize("weight", [400, 700])
def test_outlines_and_advances_match_the_source(cache, reference, weight):
    """Each glyph has the source's advance at the weight, its bounds within 1 unit and its
    area within 1% (points are whole units) and its
    contour count, with contours turned clockwise as TrueType wants."""
    cmap, glyph_sets, _ = reference
    source = glyph_sets[weight]
    font = pdf_font(weight, SAMPLE)
    with TTFont(font.path) as out:
        converted = out.getGlyphSet()
        out_cmap = out.getBestCmap()
        for ch in SAMPLE + " ":
            a, b = source[cmap[ord(ch)]], converted[out_cmap[ord(ch)]]
            assert otRound(a.width) == b.width, ch
            bounds_a, bounds_b = BoundsPen(source), BoundsPen(converted)
            a.draw(bounds_a)
            b.draw(bounds_b)
            if ch == " ":
                assert bounds_a.bounds is None and bounds_b.bounds is None
                continue
            assert bounds_b.bounds == pytest.approx(bounds_a.bounds, abs=1.0), ch
            area_a, area_b = AreaPen(source), AreaPen(converted)
            a.draw(area_a)
            b.draw(area_b)
            assert area_a.value > 0 > area_b.value, ch
            assert -area_b.value == pytest.approx(area_a.value, rel=0.01), ch
            contours_a, contours_b = RecordingPen(), RecordingPen()
            a.draw(contours_a)
            b.draw(contours_b)
            assert ([op for op, _ in contours_a.value].count("closePath")
                    == [op for op, _ in contours_b.value].count("closePath")), ch


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


def test_same_bytes_and_name_in_any_cache_folder(cache, tmp_path, monkeypatch):
    first = pdf_font(700, TEXT)
    data = _ttf(first)
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "other"))
    font_pdf.clear_memo()
    second = pdf_font(700, TEXT)
    assert second.path != first.path and second.name == first.name
    assert _ttf(second) == data


def test_name_and_bytes_do_not_depend_on_where_the_source_file_is(cache, tmp_path):
    path, _ = packaged_font()
    copy = tmp_path / "elsewhere" / os.path.basename(path)
    copy.parent.mkdir()
    shutil.copy(path, copy)                      # another folder, another modification time
    here = pdf_font(400, "江阴园区", Typefaces(pdf_regular=path, pdf_face_name="Noto Sans CJK SC"))
    there = pdf_font(400, "江阴园区", Typefaces(pdf_regular=str(copy),
                                               pdf_face_name="Noto Sans CJK SC"))
    assert here.name == there.name and here.name.startswith("BriefgenNotoSansCJKVF_400_")
    assert _ttf(here) == _ttf(there)


WARM_CHILD = r"""
import builtins, io, os, sys
opened = []
real = builtins.open
def spy(file, *a, **k):
    opened.append(os.path.realpath(file) if isinstance(file, (str, bytes, os.PathLike)) else file)
    return real(file, *a, **k)
builtins.open = io.open = spy
from briefgen.fonts.measure import deck_metrics, packaged_font_path, pdf_font
font = pdf_font(400, sys.argv[1])
deck_metrics(False).width(sys.argv[1], 10)
print(os.path.realpath(packaged_font_path()) in opened, "fontTools.ttLib" in sys.modules,
      "reportlab" in sys.modules, font.name)
"""


def test_warm_use_neither_opens_the_source_nor_imports_fonttools(cache):
    env = dict(os.environ, BRIEFGEN_CACHE_DIR=str(cache))

    def run():
        out = subprocess.run([sys.executable, "-c", WARM_CHILD, TEXT], env=env, check=True,
                             capture_output=True, text=True)
        return out.stdout.split()

    cold = run()
    assert cold[:2] == ["True", "True"]          # the glyphs were converted: source opened
    assert run() == ["False", "False", "True", cold[3]]


def test_a_new_character_converts_only_its_glyph(cache, monkeypatch):
    pdf_font(400, TEXT)
    font_pdf.clear_memo()
    converted = []
    real = font_glyphs._convert
    monkeypatch.setattr(font_glyphs, "_convert",
                        lambda source, face, gids: converted.append(gids) or real(source, face, gids))
    font = pdf_font(400, TEXT + "港")
    gid = font_face.face_data(font.source).lookup(ord("港"))[0]
    assert converted == [[gid]]
    require_glyphs("港", font, None)


def test_nothing_cached_by_another_fonttools_version_is_used(cache, monkeypatch):
    before = pdf_font(400, TEXT)
    font_pdf.clear_memo()
    for module in (font_pdf, font_face, font_glyphs):      # each reads the version to key its entries
        monkeypatch.setattr(module, "fonttools_version", lambda: "99.0")
    read, converted = [], []
    real_read, real_convert = font_face.read_faces, font_glyphs._convert
    monkeypatch.setattr(font_face, "read_faces", lambda *a: read.append(a) or real_read(*a))
    monkeypatch.setattr(font_glyphs, "_convert",
                        lambda *a: converted.append(a) or real_convert(*a))
    after = pdf_font(400, TEXT)
    assert after.name != before.name and read and converted


def test_subset_lacking_a_character_is_an_error(cache):
    font = pdf_font(400, "江阴")
    require_glyphs("江阴 RMB，。", font, None)
    with pytest.raises(FontError, match=r"^specs/city.yaml:9:1: no glyph for '港' \(U\+6E2F\) "
                                        r"in BriefgenSC_400_\w+: it was not among the "
                                        r"characters given to pdf_font"):
        require_glyphs("江阴港", font, Origin("specs/city.yaml", 9, 1))
    with pytest.raises(FontError, match=r"no glyph for '🚀' \(U\+1F680\) in Noto Sans CJK SC "
                                        r"400 \(BriefgenSC_400_\w+\), in text '江阴🚀'"):
        require_glyphs("江阴🚀", pdf_font(400, "江阴🚀"), None)


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "flip":
        at = len(data) // 2
        path.write_bytes(data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1:])
    elif how == "truncate":
        path.write_bytes(data[:len(data) // 2])
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["flip", "truncate", "empty"])
@pytest.mark.parametrize("kind", ["faces", "glyphs", "subsets", "ttf"])
def test_a_damaged_cache_entry_is_rebuilt_to_the_same_bytes(cache, kind, how):
    clean = pdf_font(700, TEXT)
    expected = _ttf(clean)
    entries = sorted((cache / "fonts" / kind).iterdir())
    for entry in entries:
        _damage(entry, how)
    font_pdf.clear_memo()
    again = pdf_font(700, TEXT)
    assert again.name == clean.name and _ttf(again) == expected
    assert again.metrics.width(TEXT, 10) == clean.metrics.width(TEXT, 10)
    font_pdf.clear_memo()
    assert _ttf(pdf_font(700, TEXT)) == expected           # and the rebuilt entry holds


def test_cache_stays_bounded_over_50_texts(cache, monkeypatch):
    monkeypatch.setattr(font_glyphs, "MAX_GLYPHS", 300)
    rng = random.Random(5)
    hanzi = [chr(c) for c in range(0x4E00, 0x9FA6)]
    for _ in range(50):
        font_pdf.clear_memo()
        pdf_font(400, "".join(rng.sample(hanzi, 15)))
    files = [p for p in (cache / "fonts").rglob("*") if p.is_file()]
    by_kind = {kind: len(list((cache / "fonts" / kind).iterdir()))
               for kind in ("faces", "glyphs", "subsets", "ttf")}
    assert by_kind == {"faces": 2, "glyphs": 1, "subsets": font_pdf.KEEP, "ttf": font_pdf.KEEP}
    assert sum(p.stat().st_size for p in files) < 3_000_000
    (pack,) = (cache / "fonts" / "glyphs").iterdir()
    assert len(font_glyphs._decode(briefgen_cache.load(pack), pack)) <= 300


def test_first_use_says_it_is_preparing_fonts(empty_cache, monkeypatch):
    said = []
    monkeypatch.setattr(font_face, "_said", set())
    font_face.set_progress(said.append)
    try:
        pdf_font(400, "江阴")
        pdf_font(700, "江阴")
        assert said == [font_face.FIRST_RUN]
        font_pdf.clear_memo()
        monkeypatch.setattr(font_face, "_said", set())
        pdf_font(400, "江阴")
        assert said == [font_face.FIRST_RUN]             # warm: nothing to say
        pdf_font(400, "江阴港")                            # a few glyphs: 0.3 s, unannounced
        assert said == [font_face.FIRST_RUN]
    finally:
        font_face.set_progress(None)


def test_loose_fonts_of_the_old_cache_layout_are_removed(empty_cache):
    empty_cache.mkdir(parents=True)
    old = empty_cache / "BriefgenSC_400_00000000_0000000000000000.ttf"
    old.write_bytes(b"stale")
    pdf_font(400, "江")
    assert not old.exists()


def test_theme_truetype_file_is_used(cache):
    """A theme's TrueType file goes through the same conversion (glyf outlines)."""
    source = pdf_font(400, TEXT)
    theme = Typefaces(pdf_regular=source.path, pdf_bold=source.path)
    font = pdf_font(700, "江阴园区", theme)
    assert font.name.startswith("BriefgenBriefgenSC400") and font.name != source.name
    assert font.metrics.width("江阴园区", 10) == pytest.approx(40)
    require_glyphs("江阴园区", font, None)
    with TTFont(source.path) as a, TTFont(font.path) as b:
        for ch in "江阴":
            ga, gb = a["glyf"][a.getBestCmap()[ord(ch)]], b["glyf"][b.getBestCmap()[ord(ch)]]
            assert list(ga.coordinates) == list(gb.coordinates)   # quadratic in, same out


def test_theme_cff_opentype_file_is_converted(cache, tmp_path):
    """A static CFF .otf (built here: a square for 'A') becomes glyf outlines, clockwise."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

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


def test_matplotlib_finds_the_converted_font_by_its_family(cache):
    from matplotlib import font_manager

    font = pdf_font(400, TEXT)
    font_manager.fontManager.addfont(font.path)
    prop = font_manager.FontProperties(family=font.name)
    assert font_manager.findfont(prop, fallback_to_default=False) == font.path


def test_unwritable_cache_falls_back_to_a_private_folder(tmp_path, monkeypatch, warm_faces):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(blocker / "cache"))
    font_pdf.clear_memo()
    font = pdf_font(400, "江阴")
    folder = Path(font.path).parent
    assert folder.name.startswith("briefgen-fonts-") and oct(folder.stat().st_mode)[-3:] == "700"
    with TTFont(font.path) as tt:
        assert tt["name"].getDebugName(1) == font.name
    font_pdf.clear_memo()


def test_proportional_quotes_for_english(cache):
    """English text takes the face's proportional curly quotes, Chinese the full-width ones."""
    text = "“care”: ‘a’"
    wide = pdf_font(400, text)
    narrow = pdf_font(400, text, proportional=True)
    assert narrow.name != wide.name and "400p" in narrow.name
    for ch in "“”‘’":
        assert wide.metrics.width(ch, 10) == pytest.approx(10.0)     # full width: 1 em
        assert narrow.metrics.width(ch, 10) < 6.0     # about half an em at this weight
    assert narrow.metrics.width("A", 10) == wide.metrics.width("A", 10)
    from reportlab.pdfbase.pdfmetrics import stringWidth
    assert stringWidth("“”", narrow.name, 10) == pytest.approx(narrow.metrics.width("“”", 10))


def test_a_font_pruned_from_under_a_long_running_process_is_made_again(cache):
    """A watch loop makes many subsets; one it handed out earlier and pruned since is rebuilt, not lost."""
    first = pdf_font(400, "江阴")
    os.unlink(first.path)                       # what pruning by a later subset does
    again = pdf_font(400, "江阴")
    assert again.name == first.name and Path(again.path).is_file()
