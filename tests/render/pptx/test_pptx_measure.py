"""Tests for briefgen.render.pptx.measure: the runs a deck line may not break inside."""

from __future__ import annotations

from briefgen.render.pptx.measure import latin_words


def test_latin_words_are_the_runs_between_spaces_and_cjk():
    assert latin_words("江阴GDP达5,000亿元（2024年）") == ["GDP", "5,000", "2024"]
    assert latin_words("Jiangyin–Jingjiang\u00a0Park, 2024") == ["Jiangyin–Jingjiang", "Park,", "2024"]
    assert latin_words("“Made in China 2025”") == ["“Made", "in", "China", "2025”"]
    assert latin_words("园区\u3000简介") == [] and latin_words("") == []
