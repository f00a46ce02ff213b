"""Typesetting for the one-pager: sizes per level, wrapping, superscript notes, glyph checks."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.errors import FontError, Origin, Problems
from briefgen.fonts.measure import require_glyphs
from briefgen.render.pdf import page_fonts, page_strings
from briefgen.render.pdf.ops import Text
from briefgen.render.pdf.text import Typesetter, Where, check_glyphs, mix, sup_text
from briefgen.theme import PARK
from briefgen.theme.page import LEVELS, PAGE
from model_samples import briefing


def typesetter(lang: str = "zh", level: int = 0, theme=PARK) -> Typesetter:
    """Return a Typesetter with the sample page's fonts (cached after the first build)."""
    fonts = page_fonts(page_strings(briefing(lang), PARK), PARK)
    return Typesetter(fonts, lang, level, PAGE, theme.palette)


def test_sup_text_joins_note_numbers_and_skips_none():
    assert sup_text((1, 2)) == "1,2"
    assert sup_text((0,)) == ""


def test_mix_goes_from_one_colour_to_the_other():
    assert mix("000000", "FFFFFF", 0) == "000000"
    assert mix("000000", "FFFFFF", 1) == "FFFFFF"
    assert mix("0B4F6C", "FFFFFF", 0.5) == "85A7B6"


def test_sizes_run_from_design_to_floor():
    assert typesetter(level=0).size("lead") == PAGE.type.lead.design
    assert typesetter(level=LEVELS).size("lead") == PAGE.type.lead.floor == 9.0
    assert typesetter(level=0).size("title") == typesetter(level=LEVELS).size("title")
    assert typesetter(level=0).gap("event") > typesetter(level=LEVELS).gap("event")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_para_wraps_within_the_width_and_ends_with_its_note_numbers(lang):
    ts = typesetter(lang)
    text = briefing(lang).onepager.sections[4].block.text
    laid = ts.para(text, 200.0, 9.0, "000000", notes=(1, 2))
    lines = [op for op in laid.ops if op.size == 9.0]
    assert len(lines) > 2
    assert all(ts.width(op.text, 9.0) <= 200.0 for op in lines)
    sup = laid.ops[-1]
    assert sup.text == "1,2" and sup.actual == "[1,2]" and sup.size == PAGE.type.mark.floor
    assert sup.x + ts.width(sup.text, sup.size) <= 200.0 + 1e-6
    assert laid.height == pytest.approx(len(lines) * ts.pitch(9.0))
    assert "".join(op.text for op in lines).replace(" ", "") == text.replace(" ", "")


def test_a_line_box_puts_its_baseline_below_its_middle():
    ts = typesetter()
    assert ts.pitch(10) / 2 < ts.baseline(10, ts.pitch(10)) < ts.pitch(10)


def test_check_glyphs_reports_every_missing_character_with_its_origin():
    ts = typesetter()
    strings = [Where("江阴\ue000", Origin("a.yaml", 1, 2), "kpis section, label"),
               Where("江阴", None, "title"),
               Where("\ue001", Origin("b.yaml", 3, 4), "narrative")]
    with pytest.raises(Problems) as e:
        check_glyphs(strings, ts.fonts, require_glyphs)
    found = [str(p) for p in e.value.problems]
    assert len(found) == 2
    assert found[0].startswith("a.yaml:1:2: no glyph for '\ue000' (U+E000)")
    assert found[0].endswith("(kpis section, label)")
    assert found[1].startswith("b.yaml:3:4: ")


def test_check_glyphs_raises_one_font_error_alone():
    ts = typesetter()
    with pytest.raises(FontError) as e:
        check_glyphs([Where("\ue000", None, "footer")], ts.fonts, require_glyphs)
    assert not isinstance(e.value, Problems) and "footer" in str(e.value)
    check_glyphs([Where("江阴", None, "ok")], ts.fonts, require_glyphs)


def test_superscripts_are_text_ops():
    sup = typesetter().sup((3,), 10.0, 20.0, 8.0, "000000")
    assert isinstance(sup, Text) and sup.y < 20.0 and sup.x > 10.0


def test_marks_never_go_under_the_floor_and_grow_with_big_text():
    ts = typesetter()
    assert ts.sup((3,), 0.0, 0.0, 4.0, "000000").size == PAGE.type.mark.floor == 7.0
    assert ts.sup((3,), 0.0, 0.0, 20.0, "000000").size == pytest.approx(20.0 * PAGE.marks.sup_scale)


def test_marks_name_documents_sorted_once_each():
    ts = dataclasses.replace(typesetter(), refs={1: 2, 2: 1, 3: 2, 4: 1})
    assert ts.marks((3, 2, 1, 4)) == (1, 2)
    sup = ts.sup((4, 3), 0.0, 0.0, 9.0, "000000")
    assert (sup.text, sup.actual) == ("1,2", "[1,2]")
    assert ts.marks((9,)) == () and ts.sup((9,), 0.0, 0.0, 9.0, "000000").text == ""
