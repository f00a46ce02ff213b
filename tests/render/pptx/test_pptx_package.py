"""Tests of the package: blank 16:9 start, theme faces and colours, fixed dates."""

from __future__ import annotations

import datetime as dt

import pytest
from pptx.opc.constants import CONTENT_TYPE as CT

from briefgen.render.pptx.package import fixed_date, new_presentation, set_theme, title_layout
from briefgen.theme import PARK

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.mark.parametrize("as_of, expected", [
    ("2025年1月", dt.datetime(2025, 1, 1)), ("January 2025", dt.datetime(2025, 1, 1)),
    ("2024年12月", dt.datetime(2024, 12, 1)), ("1 March 2023", dt.datetime(2023, 3, 1)),
    ("2022", dt.datetime(2022, 1, 1)), ("", dt.datetime(2000, 1, 1)),
])
def test_fixed_date_comes_from_the_as_of_text(as_of, expected):
    assert fixed_date(as_of) == expected


def test_new_presentation_is_16_9_without_thumbnail_and_has_a_title_only_layout():
    prs = new_presentation()
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert prs.part._element.find("{*}sldSz").get("type") is None
    names = [p.partname for p in prs.part.package.iter_parts()]
    assert "/docProps/thumbnail.jpeg" not in names
    layout = title_layout(prs)
    assert [ph.placeholder_format.idx for ph in layout.placeholders][0] == 0


def test_set_theme_writes_latin_east_asian_hans_and_palette():
    from lxml import etree

    prs = new_presentation()
    set_theme(prs, PARK, "briefgen park")
    theme = next(p for p in prs.part.package.iter_parts() if p.content_type == CT.OFC_THEME)
    root = etree.fromstring(theme.blob)
    assert root.get("name") == "briefgen park"
    for font in ("majorFont", "minorFont"):
        node = root.find(f".//{A}{font}")
        assert node.find(A + "latin").get("typeface") == "Arial"
        assert node.find(A + "ea").get("typeface") == "Microsoft YaHei"
        assert node.find(A + "ea").get("charset") == "-122"          # GB2312: substitute SC
        assert node.find(A + "cs").get("typeface") == ""
        assert node.find(f"{A}font[@script='Hans']").get("typeface") == "Microsoft YaHei"
    scheme = root.find(f".//{A}clrScheme")
    assert scheme.find(f"{A}dk2/{A}srgbClr").get("val") == PARK.palette.primary
    assert scheme.find(f"{A}accent1/{A}srgbClr").get("val") == PARK.palette.series[0]
