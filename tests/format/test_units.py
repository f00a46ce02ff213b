"""Tests for briefgen.format.units: the unit table, magnitudes and qualifiers."""

from __future__ import annotations

import pytest

from briefgen.errors import DatasetError
from briefgen.format.units import (
    DISPLAY_UNITS, EN_UNITS, QUALIFIERS, UNITS, chart_scale, parse_qualifier, parse_unit,
)


@pytest.mark.parametrize("unit, power, base", [
    ("亿元", 8, "元"), ("万标箱", 4, "标箱"), ("千亿元", 11, "元"), ("万亿元", 12, "元"),
    ("平方公里", 0, "平方公里"), ("万平方米", 4, "平方米"), ("亿", 8, ""), ("%", 0, "%"),
    ("万次", 4, "次"),
])
def test_parse_unit(unit, power, base):
    assert parse_unit(unit)[:2] == (power, base)


def test_unknown_unit_names_it_and_where_to_add_it():
    with pytest.raises(DatasetError, match=r"received '千瓦时'; add it to UNITS"):
        parse_unit("千瓦时")


def test_qualifiers():
    assert parse_qualifier("") == ()
    assert parse_qualifier("达 以上") == ("达", "以上")
    with pytest.raises(DatasetError, match="'大约'"):
        parse_qualifier("大约")


def test_tables_are_consistent():
    for unit in UNITS.values():
        assert unit.en in EN_UNITS
        assert unit.factor == 1 or unit.approx      # inexact conversions say so
    for zh, english, where in QUALIFIERS.values():
        assert zh in ("before", "number", "after") and where in ("before", "after")
    assert DISPLAY_UNITS["RMB billion"] == ("RMB", 9)
    assert DISPLAY_UNITS["thousand TEU"] == ("TEU", 3)


@pytest.mark.parametrize("unit, scale", [
    ("亿元", (9, "billion")), ("万元", (6, "million")), ("元", (0, "")),
    ("亿吨", (6, "million")), ("万标箱", (0, "")), ("千吨", (3, "thousand")), ("千亿元", (9, "billion")),
    ("万亿元", (12, "trillion")),
])
def test_chart_scale(unit, scale):
    power, _, u = parse_unit(unit)
    assert chart_scale(power, u) == scale
