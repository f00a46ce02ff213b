"""Tests for briefgen.format.i18n: the fixed interface strings, lists and quotation marks."""

from __future__ import annotations

import string

import pytest

from briefgen.format.i18n import LANGS, STRINGS, join_list, quote, t


@pytest.mark.parametrize("key, kw, zh, en", [
    ("source", {}, "来源", "Source"),
    ("sources", {}, "资料来源", "Sources"),
    ("continued", {}, "（续）", " (continued)"),
    ("title_continued", {"title": "产业"}, "产业（续）", "产业 (continued)"),
    ("page", {"n": 3}, "第3页", "Page 3"),
    ("page_of", {"n": 1, "total": 2}, "第1页，共2页", "Page 1 of 2"),
    ("as_of", {"date": "2025年2月"}, "数据截至2025年2月", "Data as of 2025年2月"),
    ("notes", {}, "演讲备注", "Speaker notes"),
    ("contact", {}, "联系我们", "Contact"),
    ("derived", {}, "推算", "derived"),
    ("talking_points", {}, "要点", "Talking points"),
    ("agenda", {}, "目录", "Agenda"),
    ("thank_you", {}, "谢谢", "Thank you"),
    ("quote_marks", {}, "“”", "“”"),
    ("col_value", {}, "数值", "Value"),
    ("chart_column", {}, "柱状图", "Column chart"),
    ("glossary", {}, "术语", "Terms explained"),
    ("prepared_by", {"issuer": "江阴市人民政府"}, "编制：江阴市人民政府", "Prepared by: 江阴市人民政府"),
    ("questions", {}, "欢迎提问", "Questions welcome"),
    ("not_available", {}, "暂无数据", "No data"),
])
def test_strings(key, kw, zh, en):
    assert t("zh", key, **kw) == zh
    assert t("en", key, **kw) == en


def test_continued_is_a_suffix_appended_to_a_title():
    assert "产业" + t("zh", "continued") == "产业（续）"
    assert "Industry" + t("en", "continued") == "Industry (continued)"


def test_derived_note_names_the_points():
    assert t("zh", "derived_note", items="2021、2022").startswith("2021、2022为推算值")
    assert t("en", "derived_note", items="2021 and 2022") == (
        "2021 and 2022: not stated in the sources but worked out from figures they give")


def test_english_strings_use_typographic_quotes_and_apostrophes():
    straight = {key: en for key, (_, en) in STRINGS.items() if "'" in en or '"' in en}
    assert not straight


def test_every_string_has_the_same_placeholders_in_both_languages():
    for key, texts in STRINGS.items():
        names = [{n for _, n, _, _ in string.Formatter().parse(s) if n} for s in texts]
        assert len(texts) == len(LANGS) and names[0] == names[1], key


def test_errors_are_key_errors_that_say_what_was_expected():
    with pytest.raises(KeyError, match="i18n key: expected one of .* but received 'nope'"):
        t("zh", "nope")
    with pytest.raises(KeyError, match="language: expected one of zh, en but received 'fr'"):
        t("fr", "source")
    with pytest.raises(KeyError, match="missing placeholder"):
        t("en", "page")


def test_braces_pass_through_when_nothing_is_filled():
    assert t("en", "source") == "Source"


@pytest.mark.parametrize("items, zh, en", [
    ([], "", ""),
    (["船舶制造"], "船舶制造", "Shipbuilding"),
    (["甲", "乙"], "甲、乙", "A and B"),
    (["甲", "乙", "丙"], "甲、乙、丙", "A, B and C"),
])
def test_join_list(items, zh, en):
    english = {"船舶制造": "Shipbuilding", "甲": "A", "乙": "B", "丙": "C"}
    assert join_list(items, "zh") == zh
    assert join_list([english[i] for i in items], "en") == en


def test_quote():
    assert quote("科创江阴", "zh") == "“科创江阴”"
    assert quote("Innovative Jiangyin", "en") == "“Innovative Jiangyin”"
    assert quote("打响“科创江阴”品牌", "zh") == "“打响‘科创江阴’品牌”"
