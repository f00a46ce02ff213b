"""Tests for briefgen.data.factcheck: the dataset against the real sources, and each rule breaking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.data.dataset import load_dataset
from briefgen.data.factcheck import SourceText, check, check_folder, cn_number, magnitude
from paths import DATA, SOURCES



def test_the_dataset_agrees_with_the_real_sources():
    assert SOURCES.is_dir(), f"the shared sources are expected at {SOURCES}"
    problems = check(load_dataset(DATA), SOURCES)
    assert [str(p) for p in problems] == []


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    shutil.copytree(DATA, tmp_path / "assets" / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "assets" / "data"


def fact_line(path: Path, fact_id: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(f"- id: {fact_id}") + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(data: Path) -> list[str]:
    return [str(p) for p in check(load_dataset(data), SOURCES)]


def at(data: Path, entity: str, fact_id: str) -> str:
    return f"assets/data/facts/{entity}.yaml:{fact_line(data / 'facts' / f'{entity}.yaml', fact_id)}:3: fact {fact_id}: "


def test_a_changed_quote_is_not_found(data):
    edit(data / "facts" / "city.yaml", "quote: 新增省级以上智能标杆315个", "quote: 新增省级以上智能标杆316个")
    assert problems(data) == [at(data, "city", "city.industry.smart_benchmarks")
                              + "quote: not found in 000_385f7f832295e4de.txt (whitespace ignored); "
                              "the first 12 of 14 characters match, then the quote has '6个'"]


def test_whitespace_and_line_breaks_do_not_matter(data):
    # the source breaks this sentence across lines: "集装箱吞\n吐量累计完成 65.06万标箱"
    edit(data / "facts" / "city.yaml", "quote: 集装箱吞吐量累计完成65.06万标箱\n",
         "quote: 集装箱吞 吐量累计完成 65.06 万标箱\n")
    assert problems(data) == []


def test_a_quote_across_markup_is_refused(data):
    edit(data / "facts" / "city.yaml", "quote: 光伏技术创新中心签约落地", "quote: 长三角太阳能光伏技术创新中心签约落地")
    assert problems(data) == [at(data, "city", "city.kcjy.pv_centre")
                              + "quote: spans HTML markup in 003_da6ff23ec6de0abf.txt; "
                              "quote only the text between two tags"]


def test_a_value_not_in_the_quote(data):
    edit(data / "facts" / "city.yaml", "  value: 3.8\n", "  value: 3.9\n")
    assert problems(data) == [at(data, "city", "city.port.cargo")
                              + "value: 3.9 is not in the quote (its numbers: 2024, 3.8)"]


def test_a_value_must_be_written_as_the_source_writes_it(data):
    edit(data / "facts" / "city.yaml", "  value: 5.0\n", "  value: 5\n")
    assert problems(data) == [at(data, "city", "city.industry.output_growth")
                              + "value: the quote writes 5.0; write value: 5.0 as the source does"]


def test_the_unit_must_follow_the_number(data):
    edit(data / "facts" / "city.yaml", "  value: 3.8\n  unit: 亿吨", "  value: 3.8\n  unit: 亿元")
    assert problems(data) == [at(data, "city", "city.port.cargo")
                              + "unit: the quote does not write '亿元' after 3.8 (it has '亿吨')"]


def test_the_qualifier_must_be_in_the_quote(data):
    edit(data / "facts" / "city.yaml", "  qualifier: 近\n  period: \"2024\"\n  kind: count",
         "  qualifier: 约\n  period: \"2024\"\n  kind: count")
    assert problems(data) == [at(data, "city", "city.industry.above_scale_firms")
                              + "qualifier: '约' is not in the quote"]


def test_a_written_out_number_must_mean_the_value(data):
    edit(data / "facts" / "city.yaml", "  value: 0.1667\n", "  value: 0.16\n")
    edit(data / "series.yaml", "      value: 0.1667\n", "      value: 0.16\n")
    edit(data / "facts" / "park.yaml", "  as_written: 千亿\n", "  as_written: 百亿\n")
    assert problems(data) == [
        at(data, "city", "city.industry.share_wind_turbines")
        + "value: '六分之一' means 0.166667 share but the value is 0.16",
        at(data, "park", "park.plan.sales_2026") + "as_written: '百亿' is not in the quote",
    ]


def test_a_stated_period_must_be_in_the_quotes_sentence(data):
    edit(data / "facts" / "park.yaml", "  period: \"2009\"\n", "  period: \"2008\"\n")
    edit(data / "facts" / "city.yaml", "  period: 2024-09\n  inferred:\n    zh: 来源写“去年9月”，文章写于2025年初，故为2024年9月\n"
         "    en: \"the source says “September last year” in an article of early 2025, so September 2024\"\n",
         "  period: 2024-09\n")
    assert problems(data) == [
        at(data, "city", "city.welfare.plenum") + "period: 2024 is not written in the quote's sentence "
        "or the one before; add 'inferred' saying how the period was worked out",
        at(data, "park", "park.history.heavy_steel_base") + "period: 2008 is not written in the quote's "
        "sentence or the one before; add 'inferred' saying how the period was worked out",
    ]


def test_list_items_and_source_files(data, tmp_path):
    edit(data / "lists.yaml", "    - {zh: 新能源, en: New energy}\n", "    - {zh: 新医药, en: New materials}\n")
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "003_da6ff23ec6de0abf.txt").unlink()
    ds = load_dataset(data)
    lists_line = (data / "lists.yaml").read_text(encoding="utf-8").splitlines().index(
        "- id: park.list.emerging_industries") + 1
    src_line = (data / "sources.yaml").read_text(encoding="utf-8").splitlines().index("- id: kcjy-2022") + 1
    assert [str(p) for p in check(ds, sources)] == [
        f"assets/data/sources.yaml:{src_line}:3: source kcjy-2022: file: "
        f"{sources / '003_da6ff23ec6de0abf.txt'} not found",
        f"assets/data/lists.yaml:{lists_line}:3: list park.list.emerging_industries: items[1]: "
        "'新医药' is not in 002_bc40ac34300c9e88.txt",
    ]


@pytest.mark.parametrize("text, number", [
    ("两万", 20000), ("四分之三", 0.75), ("十分之一", 0.1), ("千亿", 1e11), ("亿", 1e8), ("5+1", 6),
    ("三", 3), ("双", 2), ("十", 10), ("二十一", 21), ("一万二千", 12000),
])
def test_cn_number(text, number):
    assert cn_number(text) == pytest.approx(number)


def test_cn_number_refuses_words():
    with pytest.raises(ValueError, match="'多' is not a number written in words"):
        cn_number("多")


def test_magnitude():
    assert (magnitude("万元"), magnitude("亿吨"), magnitude("个"), magnitude("万"), magnitude("share")) == \
        (10_000, 100_000_000, 1, 10_000, 1)


def test_source_text_context_is_the_sentence_and_the_one_before():
    text = SourceText("甲。2024年，乙。丙\n丁<b>戊</b>。己。")
    assert text.find("丙丁") == 10
    assert text.find("丁戊") == -1
    assert text.context(text.find("丙丁"), 2) == "2024年，乙。丙丁戊。"
    assert text.context(text.find("己"), 1) == "丙丁戊。己。"


# -- the mutations of issue 10, part 2: each passed as "ok" before -----------------------------

def all_problems(data: Path) -> list[str]:
    """Return every problem of the folder: reading it and checking it against the sources."""
    return [str(p) for p in check_folder(data, SOURCES)[1]]


def list_line(data: Path, list_id: str) -> int:
    return (data / "lists.yaml").read_text(encoding="utf-8").splitlines().index(f"- id: {list_id}") + 1


def test_a_qualifier_the_quote_writes_must_be_stored(data):
    edit(data / "facts" / "city.yaml", "  qualifier: 超\n  period: \"2024\"\n  kind: stock\n  source: jy-gdp-5000\n"
         "  quote: 全年完成规上工业产值超7500亿元", "  period: \"2024\"\n  kind: stock\n  source: jy-gdp-5000\n"
         "  quote: 全年完成规上工业产值超7500亿元")
    assert all_problems(data) == [at(data, "city", "city.industry.output")
                                  + "qualifier: the quote writes '超' before 7500 but the fact has no qualifier '超'"]


def test_the_unit_of_a_written_out_number_must_follow_it(data):
    edit(data / "facts" / "park.yaml", "  unit: 亿美元\n", "  unit: 亿元\n")
    assert all_problems(data) == [at(data, "park", "park.investment.new_yangzi")
                                  + "unit: the quote does not write '元' after 亿 (it has '美元项'); if the "
                                  "source writes no unit here, add unit_written: false"]


def test_a_written_out_number_must_not_be_found_inside_another_facts_words(data):
    edit(data / "facts" / "city.yaml", "  quote: 两所部属“211”高校启用\n",
         "  quote: 江阴规划形成“一环、两联、四横、六纵”快速路网体系\n")
    assert all_problems(data) == [at(data, "city", "city.innovation.university_campuses")
                                  + "unit: the quote does not write '所' after 两 (it has '联、四'); if the "
                                  "source writes no unit here, add unit_written: false"]


def test_a_list_item_must_be_a_whole_item_of_the_source(data):
    edit(data / "lists.yaml", "    - {zh: 冶金新材料, en: New metallurgical materials}\n",
         "    - {zh: 新材料, en: New materials}\n")
    assert all_problems(data) == [
        f"assets/data/lists.yaml:{list_line(data, 'park.list.leading_industries')}:3: list "
        "park.list.leading_industries: items[2]: '新材料' is only part of '冶金新材料' in the list's quote; "
        "an item is a whole piece between 、，； or line breaks"]


def test_a_target_stored_as_a_result_is_refused(data):
    edit(data / "facts" / "park.yaml", "  kind: target\n  source: jjy-park-2024\n  quote: 年内",
         "  kind: count\n  source: jjy-park-2024\n  quote: 年内")
    assert all_problems(data) == [at(data, "park", "park.plan.new_tech_smes")
                                  + "kind: the quote states an intent or deadline ('将'), so the fact is a "
                                  "target, but it is stored as count; write kind: target"]


def test_a_result_stored_as_a_target_is_refused(data):
    edit(data / "facts" / "city.yaml", "  kind: stock\n  source: jy-gdp-5000\n  quote: 2024年，江阴港",
         "  kind: target\n  source: jy-gdp-5000\n  quote: 2024年，江阴港")
    assert all_problems(data) == [at(data, "city", "city.port.cargo")
                                  + "kind: target, but the quote's sentence has no intent or deadline (将, "
                                  "确保, 力争, 争创, 目标, 到20xx年) and the period is not after the source's "
                                  "date; a result is a stock, count, growth or share"]


def test_an_inferred_period_must_agree_with_its_rule_and_the_source_date(data):
    edit(data / "facts" / "city.yaml", "  period: \"2024\"\n  inferred:\n    zh: 来源写“去年”，文章写于2025年初，"
         "故为2024年\n    en: \"the source says “last year” in an article of early 2025, so 2024\"\n  kind: growth",
         "  period: \"2019\"\n  inferred:\n    zh: 来源写“去年”，文章写于2025年初，故为2024年\n"
         "    en: \"the source says “last year” in an article of early 2025, so 2024\"\n  kind: growth")
    assert all_problems(data) == [at(data, "city", "city.industry.jiexin_sales_growth")
                                  + "period: 2019 contradicts its inferred rule: “去年” in a source of 2025 is 2024"]


def test_an_inferred_rule_must_be_a_word_the_source_says(data):
    edit(data / "facts" / "city.yaml", "  inferred:\n    zh: 来源写“如今”，文章写于2025年初，故为2025年\n"
         "    en: \"the source says “nowadays” in an article of early 2025, so 2025\"\n  kind: share\n"
         "  source: jy-gdp-5000\n  quote: 全球", "  inferred:\n    zh: 来源写“目前”，文章写于2025年初，故为2025年\n"
         "    en: \"the source says “currently” in an article of early 2025, so 2025\"\n  kind: share\n"
         "  source: jy-gdp-5000\n  quote: 全球")
    assert all_problems(data) == [at(data, "city", "city.industry.share_chip_packaging")
                                  + "inferred: the explanation cites “目前” but the quote and the sentences "
                                  "around it do not say it"]


def test_a_year_from_the_sentence_before_is_refused_when_the_own_sentence_has_another(data):
    edit(data / "facts" / "park.yaml", "  period: \"2014\"\n", "  period: \"2009\"\n")
    assert all_problems(data) == [at(data, "park", "park.history.shipbuilding_park")
                                  + "period: 2009 is taken from the sentence before, but the quote's own "
                                  "sentence says 2014"]


def test_a_value_off_by_a_digit_is_reported_at_the_fact(data):
    edit(data / "facts" / "city.yaml", "  value: 65.06\n", "  value: 65.6\n")
    series = (data / "series.yaml").read_text(encoding="utf-8").splitlines()
    point = series.index("      value: 65.06") + 1
    assert all_problems(data) == [
        at(data, "city", "city.port.container_throughput") + "value: 65.6 is not in the quote (its numbers: 65.06)",
        f"assets/data/series.yaml:{point - 1}:7: series city.series.port_containers_2024: value: expected "
        "65.6 (the value of city.port.container_throughput) but received 65.06",
    ]


def test_a_point_at_an_inferred_year_must_be_marked_derived(data):
    text = (data / "series.yaml").read_text(encoding="utf-8")
    start = text.index("      fact: city.economy.gdp_5000\n      derived: true\n")
    end = text.index("\n\n", start)
    (data / "series.yaml").write_text(text[:start] + "      fact: city.economy.gdp_5000\n      derived: false"
                                      + text[end:], encoding="utf-8")
    point = text[:start].count("\n") - 1
    assert all_problems(data) == [
        f"assets/data/series.yaml:{point}:7: series city.series.gdp_milestones: x: the year 2024 of "
        "city.economy.gdp_5000 was inferred, so the point is derived: write derived: true and how: {zh: …, en: …}"]
