"""Tests for briefgen.resolve.marks: what each kind of figure says beside it, in both languages."""

from __future__ import annotations

import pytest

from briefgen.data.dataset import load_dataset
from briefgen.resolve import marks
from paths import DATA


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


@pytest.mark.parametrize("fact_id, as_of, zh, en", [
    ("park.plan.sales_2026", "2025", "2026年目标", "2026 target"),
    ("park.plan.port_100mt", "2025", "目标", "target"),                     # no deadline: no period
    ("park.plan.industry_bases", "2025", "目标", "target"),
    ("city.kcjy.talent_target", "2025", "2024年目标（来源未载完成情况）",
     "2024 target (outcome not reported in the sources)"),
    ("city.kcjy.talent_target", "2024", "2024年目标", "2024 target"),       # not yet past
    ("park.plan.new_tech_smes", "2025", "2024年目标（年份推算；来源未载完成情况）",
     "2024 target (year inferred; outcome not reported in the sources)"),
    ("city.economy.gdp_5000", "2025", "2024年（年份推算）", "2024 (year inferred)"),
    ("city.welfare.plenum", "2025", "2024年9月（日期推算）", "September 2024 (date inferred)"),
    ("city.port.cargo", "2025", "2024年", "2024"),
    ("city.geo.area", "2025", "", ""),
])
def test_period_says_what_the_figure_is(ds, fact_id, as_of, zh, en):
    fact = ds.facts[fact_id]
    assert (marks.period(fact, "zh", as_of), marks.period(fact, "en", as_of)) == (zh, en)


def test_running_text_marks_a_target_in_one_bracket(ds):
    fact = ds.facts["park.plan.new_tech_smes"]
    assert marks.inline(fact, "20家以上", "zh", "2025") == "20家以上（2024年目标，年份推算，来源未载完成情况）"
    assert marks.inline(fact, "20 or more", "en", "2025") == (
        "20 or more (2024 target, year inferred, outcome not reported in the sources)")
    assert marks.inline(ds.facts["city.port.cargo"], "约3.8亿吨", "zh", "2025") == "约3.8亿吨"
    assert marks.inline_period(ds.facts["city.economy.gdp_5000"], "en") == "2024 (year inferred)"


def test_notes_say_how_a_year_was_worked_out_and_the_caveat(ds):
    assert marks.note_extras(ds.facts["city.economy.gdp_milestone_100"], "zh") == [
        "时间推算：来源只写改革开放以来“用15年”；按改革开放始于1978年计，为1993年"]
    assert marks.note_extras(ds.facts["city.economy.gdp_milestone_100"], "en") == [
        "How the date was worked out: the source says only “15 years” after reform and opening-up "
        "began; taking that as 1978 gives 1993"]
    sales = marks.note_extras(ds.facts["park.plan.sales_2026"], "en")
    assert sales == ["Note: The source writes “spending” (工商开销), probably for invoiced sales (工商开票), "
                     "and gives no currency for “100 billion” (千亿): RMB is assumed"]
    assert marks.note_extras(ds.facts["city.port.cargo"], "zh") == []


def test_chart_categories_of_targets(ds):
    target = ds.facts["city.kcjy.hightech_share_target"]
    assert marks.category("2024", target, "zh", True) == "2024年目标"
    assert marks.category("2024", target, "en", True) == "2024 target"
    assert marks.category("人才总数", ds.facts["city.kcjy.talent_target"], "zh", False) == "人才总数（目标）"
    assert marks.category("2021", ds.facts["city.kcjy.hightech_share_2021"], "zh", True) == "2021"


def test_is_past_compares_the_deadline_with_the_as_of_year(ds):
    talent = ds.facts["city.kcjy.talent_target"]
    assert marks.is_past(talent, "2025-02") and not marks.is_past(talent, "2024")
    assert not marks.is_past(ds.facts["park.plan.port_100mt"], "2030")
    assert not marks.is_past(ds.facts["city.port.cargo"], "2030")
