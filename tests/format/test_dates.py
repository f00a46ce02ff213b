"""Tests for briefgen.format.dates: ISO dates and ranges in Chinese and English."""

from __future__ import annotations

import datetime

import pytest

from briefgen.format.dates import format_date, format_period, year_of, years_of
from briefgen.errors import DatasetError


@pytest.mark.parametrize("iso, zh, en", [
    ("2003-08-29", "2003年8月29日", "29 August 2003"),      # the park's founding (source 002)
    ("2022-02-08", "2022年2月8日", "8 February 2022"),      # the meeting (source 003)
    ("2025-01-01", "2025年1月1日", "1 January 2025"),       # 国乐岛 opened (source 000)
    ("2025-02", "2025年2月", "February 2025"),
    ("2024", "2024年", "2024"),
    ("2022/2024", "2022—2024年", "2022–2024"),              # 《行动计划（2022-2024年）》
    ("2025-01/2025-03", "2025年1—3月", "January–March 2025"),
    ("2024-11/2025-02", "2024年11月—2025年2月", "November 2024 – February 2025"),
    ("2025-01-01/2025-01-15", "2025年1月1—15日", "1–15 January 2025"),
    ("2025-01-01/2025-03-15", "2025年1月1日—3月15日", "1 January – 15 March 2025"),
    ("2021/2024-12", "2021年—2024年12月", "2021 – December 2024"),
    ("2024/2024", "2024年", "2024"),
])
def test_format_date(iso, zh, en):
    assert format_date(iso, "zh") == zh
    assert format_date(iso, "en") == en
    assert format_period(iso, "en") == en


def test_yaml_dates_and_int_years_are_accepted():
    assert format_date(datetime.date(2003, 8, 29), "zh") == "2003年8月29日"
    assert format_date(2024, "en") == "2024"


def test_years():
    assert year_of("2003-08-29") == 2003
    assert year_of("2022/2024") == 2022
    assert years_of("2022/2024") == (2022, 2024)
    assert years_of("2025-02") == (2025, 2025)


@pytest.mark.parametrize("iso, message", [
    ("2024年", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2025-2-1", "expected YYYY"),
    ("2025-02-30", "not a real date"),
    ("2024/2022", "ends before it starts"),
    ("2020/2021/2022", "at most two"),
    (None, "expected an ISO date"),
])
def test_bad_dates_are_dataset_errors(iso, message):
    with pytest.raises(DatasetError, match=message):
        format_date(iso, "en")


def test_unknown_language():
    with pytest.raises(KeyError, match="'de'"):
        format_date("2024", "de")
