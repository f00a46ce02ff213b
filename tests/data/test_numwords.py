"""Tests for briefgen.data.numwords: Chinese numerals and fractions in words."""

from __future__ import annotations

from fractions import Fraction

import pytest

from briefgen.errors import DatasetError
from briefgen.data.numwords import as_fraction, chinese_int, fraction_en, fraction_zh, read_chinese


@pytest.mark.parametrize("text, value", [
    ("两万", 20_000), ("亿", 10**8), ("千亿", 10**11), ("5000亿", 5 * 10**11),
    ("3.88万", 38_800), ("一万亿", 10**12), ("两亿三千万", 230_000_000), ("十", 10),
    ("三千五百万", 35_000_000), ("四分之三", Fraction(3, 4)), ("十分之一", Fraction(1, 10)),
    ("1,198", 1198), ("双", 2), ("5+1", 6),
])
def test_read_chinese(text, value):
    assert read_chinese(text) == value


@pytest.mark.parametrize("text", ["", "超亿元", "约两万", "abc"])
def test_read_chinese_refuses_what_is_not_a_number(text):
    with pytest.raises(DatasetError, match="as_written"):
        read_chinese(text)


@pytest.mark.parametrize("fraction, zh, en", [
    (Fraction(3, 4), "四分之三", "three quarters"), (Fraction(1, 6), "六分之一", "one sixth"),
    (Fraction(1, 10), "十分之一", "one tenth"), (Fraction(1, 2), "二分之一", "half"),
    (Fraction(2, 3), "三分之二", "two thirds"), (Fraction(1, 20), "二十分之一", "one twentieth"),
])
def test_fraction_words(fraction, zh, en):
    assert fraction_zh(fraction) == zh
    assert fraction_en(fraction) == en


def test_as_fraction():
    assert as_fraction(0.167) == Fraction(1, 6)
    assert as_fraction(0.75, "四分之三") == Fraction(3, 4)
    with pytest.raises(DatasetError, match="'四分之三' is 0.75"):
        as_fraction(0.5, "四分之三")
    with pytest.raises(DatasetError, match="simple fraction"):
        as_fraction(0.42)


def test_chinese_int():
    assert [chinese_int(n) for n in (0, 3, 10, 16, 20, 26)] == ["零", "三", "十", "十六", "二十", "二十六"]
