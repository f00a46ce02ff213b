"""A template's theme part: its accents colour the charts, its East Asian face sets the Chinese runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from briefgen.errors import FontError
from briefgen.model import Bullet, Bullets, Slide
from briefgen.render.charts.style import chart_plan
from briefgen.render.pptx.glyphs import check_deck_glyphs
from briefgen.theme import template_theme as TT
from briefgen.theme.load import load_theme
from model_samples import charts

TEMPLATES = Path(__file__).parent / "templates"


def _theme_file(folder: Path, template: str, extra: str = "") -> Path:
    shutil.copy(TEMPLATES / template, folder / template)
    path = folder / "t.yaml"
    path.write_text(f"name: t\nextends: park\ntemplate: {template}\n{extra}", encoding="utf-8")
    return path


def _font(path: Path, chars: str) -> Path:
    """Write a TrueType font with a square glyph for each of ``chars`` and return its path."""
    chars = "".join(dict.fromkeys(chars))
    names = [".notdef"] + [f"u{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"u{ord(c):04X}" for c in chars})
    pen = TTGlyphPen(None)
    for x, y in ((100, 0), (900, 0), (900, 800), (100, 800)):
        (pen.moveTo if (x, y) == (100, 0) else pen.lineTo)((x, y))
    pen.closePath()
    glyph = pen.glyph()
    fb.setupGlyf({n: glyph for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Test Hei", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def test_the_template_theme_names_its_accents_and_faces():
    org = TT.template_theme(TEMPLATES / "org43.pptx")
    assert org.accents == ("00796B", "C62828", "F9A825", "5D4037", "7986CB", "9E9E9E")
    assert (org.latin, org.east_asian) == ("Verdana", "SimHei")
    assert TT.template_theme(TEMPLATES / "org43-lo.pptx").east_asian == "DejaVu Sans"


def test_charts_take_the_templates_accents_unless_the_theme_file_names_series(tmp_path):
    theme = load_theme(_theme_file(tmp_path, "org43.pptx"))
    assert theme.palette.series == TT.template_theme(TEMPLATES / "org43.pptx").accents
    marks = chart_plan(charts("zh")[0], theme).series[0].marks       # 2024 highlighted
    assert [m.edge for m in marks[:2]] + [marks[2].fill] == ["00796B", "00796B", "C62828"]
    own = load_theme(_theme_file(tmp_path, "org43.pptx", "colours: {series: [112233, 445566]}\n"))
    assert own.palette.series == ("112233", "445566")


def test_a_templates_east_asian_face_not_installed_is_used_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(TT, "installed_face", lambda family: None)
    theme = load_theme(_theme_file(tmp_path, "org43.pptx"))
    assert (theme.fonts.deck_east_asian, theme.fonts.deck_east_asian_attrs) == ("SimHei", ())
    assert theme.warnings == (
        "org43.pptx: the template's East Asian font 'SimHei' is not installed here, so Chinese "
        "text was measured and its glyphs checked with the metric face; open the deck where "
        "SimHei is installed to check it",)


def test_a_templates_east_asian_face_without_chinese_is_refused_with_a_warning(tmp_path,
                                                                              monkeypatch):
    latin_only = _font(tmp_path / "latin.ttf", "ABC")
    monkeypatch.setattr(TT, "installed_face", lambda family: (str(latin_only), 0))
    theme = load_theme(_theme_file(tmp_path, "org43-lo.pptx"))
    assert theme.fonts.deck_east_asian == "Microsoft YaHei"
    assert theme.warnings == (f"org43-lo.pptx: the template's East Asian font 'DejaVu Sans' has no "
                              f"Chinese (no glyph for 的 in {latin_only}); Chinese runs use "
                              "Microsoft YaHei instead",)


def test_chinese_is_checked_in_the_installed_east_asian_face(tmp_path, monkeypatch):
    hei = _font(tmp_path / "hei.ttf", TT._PROBE + "园区概览")
    monkeypatch.setattr(TT, "installed_face", lambda family: (str(hei), 0))
    theme = load_theme(_theme_file(tmp_path, "org43.pptx"))
    assert (theme.fonts.deck_east_asian, theme.fonts.deck_east_asian_file, theme.warnings) == (
        "SimHei", str(hei), ())
    ok = Slide("bullets", "园区概览", blocks=(Bullets(items=(Bullet("园区"),)),))
    check_deck_glyphs([ok], theme.fonts)
    bad = Slide("bullets", "园区概览", blocks=(Bullets(items=(Bullet("园区港口"),)),))
    with pytest.raises(FontError) as caught:
        check_deck_glyphs([bad], theme.fonts)
    assert str(caught.value).startswith(f"no glyph for '港' (U+6E2F) in the East Asian font SimHei "
                                        f"({hei}), in text '园区港口'")
