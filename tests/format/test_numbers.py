"""Tests for briefgen.format.numbers: every kind of figure the three sources state, in zh and en."""

from __future__ import annotations

import re

import pytest

from briefgen.errors import DatasetError
from briefgen.format.numbers import (
    FigureParts, chart_unit, convert, convert_to, decimals_needed, excel_number_format,
    format_date, format_figure, format_number, year_of,
)

# (value, unit, keyword arguments, Chinese text, English text): each as a source states it.
SOURCE_FIGURES = [
    # 000: Jiangyin's year in review
    (5000, "亿元", {"qualifier": "突破"}, "突破5000亿元", "over RMB 500 billion"),
    (3000, "个", {"qualifier": "多"}, "3000多个", "over 3,000"),
    (987, "平方公里", {}, "987平方公里", "987 km²"),
    (15, "年", {"kind": "duration"}, "15年", "15 years"),
    (100, "亿元", {}, "100亿元", "RMB 10 billion"),
    (1000, "亿元", {}, "1000亿元", "RMB 100 billion"),
    (22, "年", {"kind": "duration"}, "22年", "22 years"),
    (2, "万次", {"qualifier": "多", "as_written": "两万"}, "两万多次", "over 20,000"),
    (2000, "万元", {"qualifier": "余"}, "2000余万元", "over RMB 20 million"),
    (3, "倍", {"value_max": 4}, "3至4倍", "3–4 times"),
    (40, "%", {"kind": "growth"}, "增长40%", "up 40%"),
    (315, "个", {"kind": "count"}, "315个", "315"),
    (3.88, "万亩", {"qualifier": "累计"}, "累计3.88万亩", "about 2,590 ha"),
    (1.66, "万亩", {}, "1.66万亩", "about 1,110 ha"),
    (104, "个", {}, "104个", "104"),
    (907, "亿元", {"qualifier": "超"}, "超907亿元", "over RMB 90.7 billion"),
    (0.75, "share", {"as_written": "四分之三", "kind": "share"}, "四分之三", "three quarters"),
    (1 / 6, "share", {"as_written": "六分之一", "kind": "share"}, "六分之一", "one sixth"),
    (0.1, "share", {"as_written": "十分之一", "kind": "share"}, "十分之一", "one tenth"),
    (9.5, "万家", {"qualifier": "突破"}, "突破9.5万家", "over 95,000"),
    (2700, "家", {"qualifier": "近"}, "近2700家", "nearly 2,700"),
    (7500, "亿元", {"qualifier": "超"}, "超7500亿元", "over RMB 750 billion"),
    (5.0, "%", {"kind": "growth"}, "增长5.0%", "up 5.0%"),
    (7.6, "%", {"kind": "growth"}, "增长7.6%", "up 7.6%"),
    (5, "所", {}, "5所", "5"),
    (1300, "个", {"qualifier": "多"}, "1300多个", "over 1,300"),
    (50, "个", {"qualifier": "近"}, "近50个", "nearly 50"),
    (44, "项", {}, "44项", "44"),
    (500, "家", {"qualifier": "多"}, "500多家", "over 500"),
    (3, "万人", {"qualifier": "以上"}, "3万人以上", "30,000 people or more"),
    (5.82, "万人", {"qualifier": "累计"}, "累计5.82万人", "58,200 people"),
    (54.5, "万人", {"qualifier": "达"}, "达54.5万人", "545,000 people"),
    (99.05, "万平方米", {}, "99.05万平方米", "990,500 m²"),
    (116, "家", {}, "116家", "116"),
    (5000, "标方", {}, "5000标方", "5,000 Nm³"),
    (5, "%", {}, "5%", "5%"),
    (60, "项", {"qualifier": "余"}, "60余项", "over 60"),
    (1, "亿元", {"qualifier": "超", "as_written": "亿"}, "超亿元", "over RMB 100 million"),
    (4, "张", {}, "4张", "4"),
    (786, "件", {"qualifier": "达"}, "达786件", "786"),
    (800, "亿元", {"kind": "target", "qualifier": "达"}, "达800亿元", "RMB 80 billion"),
    (15, "亿元", {"qualifier": "超"}, "超15亿元", "over RMB 1.5 billion"),
    (10.2, "亿元", {}, "10.2亿元", "RMB 1.02 billion"),
    (46, "亿元", {"qualifier": "近"}, "近46亿元", "nearly RMB 4.6 billion"),
    (60, "万平方米", {"qualifier": "超"}, "超60万平方米", "over 600,000 m²"),
    (3.8, "亿吨", {"qualifier": "约"}, "约3.8亿吨", "about 380 million tonnes"),
    (65.06, "万标箱", {"qualifier": "累计"}, "累计65.06万标箱", "650,600 TEU"),
    (14.13, "%", {"kind": "growth"}, "增长14.13%", "up 14.13%"),
    (87, "万标箱", {}, "87万标箱", "870,000 TEU"),
    (39, "个", {}, "39个", "39"),
    (-5, "%", {"kind": "growth"}, "下降5%", "down 5%"),
    # 002: the industrial park
    (21, "年", {"kind": "duration"}, "21年", "21 years"),
    (1, "亿美元", {"qualifier": "超", "as_written": "亿"}, "超亿美元", "over US$100 million"),
    (1, "亿美元", {"qualifier": "超"}, "超1亿美元", "over US$100 million"),
    (1000, "亿元", {"as_written": "千亿", "kind": "target"}, "千亿元", "RMB 100 billion"),
    (1, "亿吨", {"as_written": "亿"}, "亿吨", "100 million tonnes"),
    (20, "家", {"qualifier": "以上", "kind": "target"}, "20家以上", "20 or more"),
    (1, "家", {}, "1家", "1"),
    (6, "个", {"as_written": "5+1", "kind": "count"}, "5+1个", "6"),
    (6, "类", {"as_written": "六", "kind": "count"}, "六类", "6"),
    (3, "个", {"as_written": "三", "kind": "count"}, "三个", "3"),
    # 003: the 2022 mobilisation meeting
    (3.3, "%", {"qualifier": "达 以上", "kind": "target"}, "达3.3%以上", "3.3% or more"),
    (42, "%", {"qualifier": "达", "kind": "target"}, "达42%", "42%"),
    (2000, "家", {"kind": "target"}, "2000家", "2,000"),
    (56, "万人", {"kind": "target"}, "56万人", "560,000 people"),
    (62, "家", {}, "62家", "62"),
    (1198, "家", {}, "1198家", "1,198"),
    (39, "%", {"qualifier": "预计"}, "预计39%", "an estimated 39%"),
]


@pytest.mark.parametrize("value, unit, kw, zh, en", SOURCE_FIGURES)
def test_every_source_figure_formats_in_both_languages(value, unit, kw, zh, en):
    assert format_figure(value, unit, "zh", **kw).text == zh
    assert format_figure(value, unit, "en", **kw).text == en


@pytest.mark.parametrize("value, unit, kw, zh, en", SOURCE_FIGURES)
def test_text_is_the_parts_joined_by_sep(value, unit, kw, zh, en):
    for lang in ("zh", "en"):
        p = format_figure(value, unit, lang, **kw)
        assert p.text == p.sep.join(x for x in (p.prefix, p.number, p.suffix) if x)
        assert p.sep == ("" if lang == "zh" else " ")


@pytest.mark.parametrize("value, unit, kw, lang, parts", [
    (5000, "亿元", {"qualifier": "超"}, "zh", FigureParts("超", "5000", "亿元", "")),
    (5000, "亿元", {"qualifier": "超"}, "en", FigureParts("over RMB", "500", "billion", " ")),
    (2000, "万元", {"qualifier": "余"}, "zh", FigureParts("", "2000", "余万元", "")),
    (2, "万次", {"qualifier": "多"}, "zh", FigureParts("", "2", "万多次", "")),
    (14.13, "%", {"kind": "growth"}, "zh", FigureParts("增长", "14.13", "%", "")),
    (14.13, "%", {"kind": "growth"}, "en", FigureParts("up", "14.13%", "", " ")),
    (-3.2, "%", {"kind": "growth"}, "zh", FigureParts("下降", "3.2", "%", "")),
    (-3.2, "%", {"kind": "growth"}, "en", FigureParts("down", "3.2%", "", " ")),
    (1, "亿美元", {"qualifier": "超"}, "en", FigureParts("over", "US$100", "million", " ")),
    (290, "家", {"qualifier": "以上"}, "en", FigureParts("", "290", "or more", " ")),
    (3.88, "万亩", {}, "en", FigureParts("about", "2,590", "ha", " ", "(38,800 mu)")),
    (3.88, "万亩", {"qualifier": "超"}, "en", FigureParts("over", "2,590", "ha", " ", "(38,800 mu)")),
    (3, "亿元", {"value_max": 4}, "en", FigureParts("RMB", "300–400", "million", " ")),
    (1, "年", {"kind": "duration"}, "en", FigureParts("", "1", "year", " ")),
    (0.75, "share", {"qualifier": "近"}, "en", FigureParts("nearly", "three quarters", "", " ")),
    (0.75, "share", {}, "zh", FigureParts("", "四分之三", "", "")),
])
def test_parts(value, unit, kw, lang, parts):
    assert format_figure(value, unit, lang, **kw) == parts


def test_english_never_invents_precision():
    assert format_figure(5.0, "亿元", "en").text == "RMB 500 million"
    assert format_figure(1.23456, "亿元", "en").text == "RMB 123.456 million"
    assert format_figure(0.5, "%", "en").text == "0.5%"
    assert format_figure(2.5, "万亿元", "en").text == "RMB 2.5 trillion"
    assert format_figure(3, "千亿元", "en").text == "RMB 300 billion"


@pytest.mark.parametrize("unit, value, message", [
    ("千克", 1, "千克"), ("万公斤", 1, "万公斤"), ("亿元", "5000", "expected a number"),
    ("亿元", True, "expected a number"), ("亿元", float("nan"), "finite"),
])
def test_unknown_units_and_bad_values_are_dataset_errors(unit, value, message):
    with pytest.raises(DatasetError, match=message):
        format_figure(value, unit, "en")


def test_unknown_qualifier_kind_and_inconsistent_words_are_dataset_errors():
    with pytest.raises(DatasetError, match="'大约'"):
        format_figure(1, "亿元", "zh", qualifier="大约")
    with pytest.raises(DatasetError, match="kind: expected one of"):
        format_figure(1, "亿元", "zh", kind="flow")
    with pytest.raises(DatasetError, match="as_written: '三万' states 30000"):
        format_figure(2, "万次", "zh", as_written="三万")
    with pytest.raises(DatasetError, match="as_written: expected a number in words"):
        format_figure(1, "亿元", "zh", as_written="超亿元")
    with pytest.raises(DatasetError, match="value_max"):
        format_figure(4, "倍", "en", value_max=3)
    with pytest.raises(DatasetError, match="simple fraction"):
        format_figure(0.4213, "share", "en")


def test_unknown_language_is_a_programming_error():
    with pytest.raises(KeyError, match="'fr'"):
        format_figure(1, "亿元", "fr")


@pytest.mark.parametrize("value, unit, zh, en", [
    (5000, "亿元", (5000.0, "亿元"), (500.0, "RMB billion")),
    (2000, "万元", (2000.0, "万元"), (20.0, "RMB million")),
    (1, "亿美元", (1.0, "亿美元"), (0.1, "US$ billion")),
    (65.06, "万标箱", (65.06, "万标箱"), (650600.0, "TEU")),
    (3.8, "亿吨", (3.8, "亿吨"), (380.0, "million tonnes")),
    (99.05, "万平方米", (99.05, "万平方米"), (990500.0, "m²")),
    (987, "平方公里", (987.0, "平方公里"), (987.0, "km²")),
    (9.5, "万家", (9.5, "万家"), (95000.0, "")),
    (290, "家", (290.0, "家"), (290.0, "")),
    (54.5, "万人", (54.5, "万人"), (545000.0, "people")),
    (14.13, "%", (14.13, "%"), (14.13, "%")),
    (3, "倍", (3.0, "倍"), (3.0, "times")),
    (22, "年", (22.0, "年"), (22.0, "years")),
    (5000, "标方", (5000.0, "标方"), (5000.0, "Nm³")),
    (0.75, "share", (75.0, "%"), (75.0, "%")),
])
def test_convert_for_charts(value, unit, zh, en):
    assert convert(value, unit, "zh") == zh
    assert convert(value, unit, "en")[0] == pytest.approx(en[0])
    assert convert(value, unit, "en")[1] == en[1]
    assert chart_unit(unit, "en") == en[1]
    assert chart_unit(unit, "zh") == zh[1]


def test_convert_mu_to_hectares():
    value, unit = convert(3.88, "万亩", "en")
    assert unit == "ha" and value == pytest.approx(2586.67, rel=1e-5)


def test_convert_to():
    assert convert_to(2000, "万元", "亿元") == pytest.approx(0.2)
    assert convert_to(3.8, "亿吨", "million tonnes") == pytest.approx(380)
    assert convert_to(99.05, "万平方米", "km²") == pytest.approx(0.9905)
    assert convert_to(15, "亩", "ha") == pytest.approx(1)
    with pytest.raises(DatasetError, match="measure different things"):
        convert_to(1, "亿元", "thousand TEU")


@pytest.mark.parametrize("unit, decimals, lang, fmt, value, label", [
    ("亿元", 0, "zh", '0"亿元"', 5000, "5000亿元"),
    ("万标箱", 2, "zh", '0.00"万标箱"', 65.06, "65.06万标箱"),
    ("%", 1, "zh", '0.0"%"', 14.13, "14.1%"),
    ("%", 1, "en", '0.0"%"', 14.15, "14.2%"),
    ("RMB billion", 0, "en", '"RMB "#,##0" billion"', 500, "RMB 500 billion"),
    ("RMB billion", 1, "en", '"RMB "#,##0.0" billion"', 1234.56, "RMB 1,234.6 billion"),
    ("US$ million", 0, "en", '"US$"#,##0" million"', 100, "US$100 million"),
    ("TEU", 0, "en", '#,##0" TEU"', 650600, "650,600 TEU"),
    ("thousand TEU", 1, "en", '#,##0.0" thousand TEU"', 650.6, "650.6 thousand TEU"),
    ("million tonnes", 0, "en", '#,##0" million tonnes"', 380, "380 million tonnes"),
    ("", 0, "en", "#,##0", 1198, "1,198"),
    ("家", 0, "zh", '0"家"', 1198, "1198家"),
    ("times", 0, "en", '#,##0"×"', 3, "3×"),
    ("%", 1, "en", '0.0"%"', -3.25, "-3.3%"),
])
def test_number_format_and_its_rendering_agree(unit, decimals, lang, fmt, value, label):
    assert excel_number_format(unit, decimals, lang) == fmt
    assert format_number(value, decimals, lang, unit) == label


def test_format_number_plain_and_missing():
    assert format_number(1234.5, 0, "en") == "1,235"      # half away from zero, like Excel
    assert format_number(2.675, 2, "zh") == "2.68"
    assert format_number(None, 1, "en", "%") == ""


def test_quotes_in_literal_text_are_escaped():
    from briefgen.format.numbers import _literal
    assert _literal('a"b') == '"a"\\""b"'


def test_unknown_display_unit_is_a_dataset_error():
    with pytest.raises(DatasetError, match="'RMB gazillion'"):
        excel_number_format("RMB gazillion", 0, "en")


def test_decimals_needed():
    assert decimals_needed([650.6, 870, None]) == 1
    assert decimals_needed([14.13, 14.321]) == 2
    assert decimals_needed([5000, 7500]) == 0
    assert decimals_needed([500.0, 100.0]) == 0            # floats from convert()
    assert decimals_needed([2.5866666]) == 2


def test_dates_are_reexported():
    assert format_date("2003-08-29", "en") == "29 August 2003"
    assert year_of("2022/2024") == 2022


# -- one number style per language (issue 12 §4) -------------------------------------------------

@pytest.mark.parametrize("value, unit, kw, zh, en", [
    (5000, "亿元", {"qualifier": "超"}, "超5000亿元", "over RMB 500 billion"),
    (65.06, "万标箱", {}, "65.06万标箱", "650,600 TEU"),
    (9.5, "万家", {"qualifier": "突破"}, "突破9.5万家", "over 95,000"),
    (20, "家", {"qualifier": "以上"}, "20家以上", "20 or more"),
    (3.88, "万亩", {}, "3.88万亩", "about 2,590 ha"),
    (39, "%", {"qualifier": "预计"}, "预计39%", "an estimated 39%"),
    (-5, "%", {"qualifier": "可", "kind": "growth"}, "可降低5%", "potentially down 5%"),
    (2, "条", {"as_written": "双", "unit_written": False}, "2条", "2"),
    (2, "所", {"as_written": "两"}, "两所", "2"),
    (1000, "亿元", {"qualifier": "达", "as_written": "千亿"}, "达千亿元", "RMB 100 billion"),
])
def test_one_number_style_per_language(value, unit, kw, zh, en):
    assert format_figure(value, unit, "zh", **kw).text == zh
    assert format_figure(value, unit, "en", **kw).text == en


def test_a_converted_unit_keeps_the_source_figure():
    assert format_figure(3.88, "万亩", "en").detail == "(38,800 mu)"


def test_the_english_outputs_use_one_style():
    """No short scale (bn, mn, k) and no ≥ anywhere in the resolved English models or charts."""
    from paths import GOLDEN

    for name in ("model_park_en", "model_city_en", "charts_en"):
        text = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
        assert not re.search(r"\d(?:bn|mn|k)\b|≥", text), name
        assert "RMB 500 billion" in text or name == "charts_en"
