"""Tests of finding the font files and faces briefgen embeds."""

from __future__ import annotations

import os
import subprocess
import sys

import fontTools
import pytest
from fontTools.ttLib import TTFont

from briefgen.errors import FontError
from briefgen.fonts.metrics import (PACKAGED_FACE, Metrics, find_face, font_source,
                                   fonttools_version, packaged_font)
from briefgen.theme import Typefaces


def test_packaged_face_is_found_by_name():
    path, index = packaged_font()
    assert path.endswith("NotoSansCJK-VF.otf.ttc") and os.path.isfile(path)
    with TTFont(path, fontNumber=index, lazy=True) as font:
        assert font["name"].getDebugName(1) == PACKAGED_FACE
    assert find_face(path, "noto sans cjk jp") != index


def test_unknown_face_name_lists_the_faces():
    path, _ = packaged_font()
    with pytest.raises(FontError, match=r"expected a face named one of .*'Noto Sans CJK SC'"
                                        r".* but received 'Noto Sans CJK XX'"):
        find_face(path, "Noto Sans CJK XX")


def test_a_file_that_is_no_font_is_a_font_error(tmp_path):
    bogus = tmp_path / "bogus.ttf"
    bogus.write_bytes(b"not a font at all")
    with pytest.raises(FontError, match=r"bogus.ttf: expected a TrueType or OpenType font file"):
        find_face(str(bogus), "")


def test_font_source_picks_the_theme_file_by_weight(tmp_path):
    path, _ = packaged_font()
    theme = Typefaces(pdf_regular=path, pdf_bold="", pdf_face_name="Noto Sans CJK JP")
    regular, bold = font_source(400, theme), font_source(700, theme)
    assert (regular.path, regular.face_name, regular.packaged) == (path, "Noto Sans CJK JP", False)
    assert bold.packaged and bold.face_name == PACKAGED_FACE
    assert bold.label == "Noto Sans CJK SC 700"
    with pytest.raises(FontError, match="no such file"):
        font_source(400, Typefaces(pdf_regular=str(tmp_path / "none.ttf")))


def test_the_fonttools_version_is_read_without_importing_fonttools():
    assert fonttools_version() == fontTools.version
    code = ("import sys; from briefgen.fonts.metrics import fonttools_version; v = fonttools_version(); "
            "print(v, 'fontTools' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split() == [fontTools.version, "False"]


def test_advances_are_each_characters_own_em_and_a_missing_one_the_notdef_box():
    m = Metrics("t", lambda ch: {"a": 0.5, "年": 1.0}.get(ch), 0.9, 0.2, notdef_em=0.7,
                gap_em=0.25)
    assert m.advances(["a", "年", "☃"]) == [0.5, 1.0, 0.7]
    assert m.em("a年") == 1.75                  # the gap counts between characters, not alone
    assert m.missing("☃a") == ["☃"]
