"""Tests for briefgen.data.dataset: the real dataset's content, and located, collected errors."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from briefgen.data.dataset import (Fact, FactList, Label, Series, Source, Timeline, find_data_dir,
                              load_dataset, parse_period)
from briefgen.errors import DatasetError, Problems
from paths import DATA



@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


def copy_data(tmp_path: Path, monkeypatch) -> Path:
    """Return a copy of the dataset under tmp_path/assets/data, with tmp_path as working folder."""
    shutil.copytree(DATA, tmp_path / "assets" / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "assets" / "data"


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) in the file and return the 1-based line where it started."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def messages(data: Path) -> list[str]:
    with pytest.raises(Problems) as info:
        load_dataset(data)
    assert all(isinstance(p, DatasetError) for p in info.value.problems)
    return [str(p) for p in info.value.problems]


def test_there_are_enough_facts_for_both_entities(ds):
    assert len(ds.facts) >= 120
    by_entity = Counter(f.entity for f in ds.facts.values())
    assert by_entity["city"] >= 90 and by_entity["park"] >= 20
    assert {f.kind for f in ds.facts.values()} == {"stock", "growth", "share", "target", "count",
                                                  "event", "duration"}


@pytest.mark.parametrize("fid, value, unit, qualifier, period", [
    ("city.economy.gdp_5000", 5000, "亿元", "超", "2024"),
    ("city.port.container_throughput", 65.06, "万标箱", "累计", "2024"),
    ("city.port.cargo", 3.8, "亿吨", "约", "2024"),
    ("city.industry.land_renewed", 3.88, "万亩", "累计", "2021/2025"),
    ("city.industry.share_auto_steel", 0.75, "share", "", "2025"),
    ("city.kcjy.rd_intensity_target", 3.3, "%", "以上", "2024"),
    ("park.plan.sales_2026", 1000, "亿元", "达", "2026"),
    ("park.history.years", 21, "年", "", "2003/2024"),
])
def test_specific_facts_have_their_source_values(ds, fid, value, unit, qualifier, period):
    f = ds.facts[fid]
    assert (f.value, f.unit, f.qualifier, f.period) == (value, unit, qualifier, period)


def test_written_out_numbers_keep_their_form(ds):
    steel = ds.facts["city.industry.share_auto_steel"]
    assert (steel.kind, steel.as_written, steel.inferred.zh) == ("share", "四分之三", "来源写“如今”，文章写于2025年初，故为2025年")
    assert ds.facts["city.industry.jiexin_inspections"].as_written == "两万"
    assert ds.facts["city.industry.output_growth"].value_text == "5.0"


def test_events_have_no_value_and_a_date(ds):
    founded = ds.facts["park.history.founded"]
    assert (founded.kind, founded.value, founded.unit, founded.period) == ("event", None, "", "2003-08-29")
    assert founded.label == Label("江阴经济开发区靖江园区正式成立",
                                  "The Jingjiang Park of the Jiangyin Economic Development Zone was founded")
    assert all(f.period for f in ds.facts.values() if f.kind == "event")


def test_every_record_type_is_typed_and_located(ds):
    assert isinstance(ds.sources["kcjy-2022"], Source) and ds.sources["kcjy-2022"].date == "2022-02-08"
    assert isinstance(ds.lists["city.list.future_industries"], FactList)
    assert len(ds.lists["city.list.future_industries"].items) == 5
    assert isinstance(ds.series["city.series.gdp_milestones"], Series)
    assert isinstance(ds.timelines["park.timeline.history"], Timeline)
    fact = ds.facts["city.port.cargo"]
    assert isinstance(fact, Fact)
    assert fact.origin.path.endswith("facts/city.yaml") and fact.origin.line > 1


def test_gdp_milestones_are_derived_from_1978(ds):
    points = ds.series["city.series.gdp_milestones"].points
    assert [(p.x, p.value, p.derived) for p in points] == [("1993", 100, True), ("2007", 1000, True),
                                                           ("2024", 5000, True)]
    assert "1978" in points[0].how.zh and "1978" in points[0].how.en


def test_lookup_finds_every_kind_and_suggests(ds):
    assert ds.lookup("city.port.cargo")[0] == "fact"
    assert ds.lookup("park.list.honours")[0] == "list"
    assert ds.lookup("city.series.gdp_milestones")[0] == "series"
    assert ds.lookup("park.timeline.history")[0] == "timeline"
    assert ds.lookup("jy-gdp-5000")[0] == "source"
    with pytest.raises(DatasetError, match=r"unknown id 'city.port.carg'; did you mean 'city.port.cargo'\?"):
        ds.lookup("city.port.carg")


def test_find_data_dir_walks_up(tmp_path):
    (tmp_path / "assets" / "data").mkdir(parents=True)
    deep = tmp_path / "specs" / "drafts"
    deep.mkdir(parents=True)
    assert find_data_dir(deep) == tmp_path / "assets" / "data"
    assert find_data_dir(deep / "park.yaml") == tmp_path / "assets" / "data"


def test_find_data_dir_says_what_is_missing(tmp_path):
    with pytest.raises(DatasetError, match="no assets/data folder in .* or any folder above it"):
        find_data_dir(tmp_path)


@pytest.mark.parametrize("text, expected", [
    ("2024", ("2024", "2024")), ("2024-09", ("2024-09", "2024-09")),
    ("2003-08-29", ("2003-08-29", "2003-08-29")), ("2022/2024", ("2022", "2024")),
])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text, why", [
    ("2024-13", "not a real date"), ("24", "expected YYYY"), ("2024/2022", "ends before it starts"),
    ("2024年", "expected YYYY"),
])
def test_parse_period_refuses(text, why):
    with pytest.raises(ValueError, match=why):
        parse_period(text)


def test_duplicate_id(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    park = data / "facts" / "park.yaml"
    first = edit(park, "- id: park.plan.new_tech_smes\n", "- id: park.plan.new_tech_smes\n")
    line = edit(park, "- id: park.plan.new_little_giant\n", "- id: park.plan.new_tech_smes\n")
    point = edit(data / "series.yaml", "      fact: park.plan.new_little_giant", "      fact: park.plan.new_little_giant")
    assert messages(data) == [
        f"assets/data/facts/park.yaml:{line}:3: duplicate id 'park.plan.new_tech_smes' "
        f"(first defined at assets/data/facts/park.yaml:{first}:3)",
        f"assets/data/series.yaml:{point - 2}:7: series park.series.innovation_targets_2024: fact: "
        "unknown fact 'park.plan.new_little_giant'; did you mean 'park.plan.new_tech_smes'?"]


def test_unknown_key_with_suggestion(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    line = edit(data / "facts" / "city.yaml", "  value: 3.8\n", "  value: 3.8\n  valeu_max: 4\n") + 1
    assert messages(data) == [f"assets/data/facts/city.yaml:{line}:3: fact city.port.cargo: "
                              "unknown key 'valeu_max'; did you mean 'value_max'?"]


def test_wrong_series_value(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    line = edit(data / "series.yaml", "    - x: {zh: 集装箱吞吐量, en: Container throughput}\n      value: 65.06",
                "    - x: {zh: 集装箱吞吐量, en: Container throughput}\n      value: 65.6")
    assert messages(data) == [f"assets/data/series.yaml:{line}:7: series city.series.port_containers_2024: "
                              "value: expected 65.06 (the value of city.port.container_throughput) "
                              "but received 65.6"]


def test_every_problem_is_collected(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    city = data / "facts" / "city.yaml"
    unit = edit(city, "  unit: 亿吨\n", "  unit: 亿 吨\n")
    period = edit(city, '  value: 62\n  unit: 家\n  period: "2021"', '  value: 62\n  unit: 家\n  period: "2021-02-30"') + 2
    source = edit(city, "  source: kcjy-2022\n  quote: 入库", "  source: kcjy2022\n  quote: 入库")
    missing = edit(city, "- id: city.geo.area\n", "- id: city.geo.area\n") + 1
    edit(city, "  label: {zh: 市域面积, en: Land area}\n", "")  # one line fewer from here on
    timeline = edit(data / "timelines.yaml", "    - park.history.new_yangzi\n", "    - park.investment.new_yangzi\n")
    assert messages(data) == [
        f"assets/data/facts/city.yaml:{missing - 1}:3: fact city.geo.area: missing required key 'label'",
        f"assets/data/facts/city.yaml:{unit - 1}:9: fact city.port.cargo: unit: expected one of "
        "'元', '美元', '标箱', '标准箱', '吨', '平方米', '平方公里', '平方千米', '公顷', '亩', '公里', '标方', "
        "'人', '%', '倍', '年', '个月', '家', '个', '项', '所', '件', '名', '次', '张', '座', '艘', '台', '套', "
        "'条', '批', '类' (optionally led by 千, 万 or 亿) but received '亿 吨'; add it to UNITS in "
        "briefgen/format/units.py",
        f"assets/data/facts/city.yaml:{period - 1}:11: fact city.kcjy.net_new_hightech_firms: period: "
        "not a real date (day is out of range for month) but received '2021-02-30'",
        f"assets/data/facts/city.yaml:{source - 7 - 1}:3: fact city.kcjy.tech_smes: source: unknown source "
        "'kcjy2022'; did you mean 'kcjy-2022'?",
        f"assets/data/timelines.yaml:{timeline}:7: timeline park.timeline.history: events[1]: expected a "
        "fact of kind event but park.investment.new_yangzi is a stock",
    ]


def test_event_and_figure_shapes_are_enforced(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    park = data / "facts" / "park.yaml"
    event = edit(park, "  value: null\n  unit: \"\"\n  period: 2003-08-29", "  value: 1\n  unit: \"\"\n  period: 2003-08-29")
    figure = edit(park, "  value: 21\n", "  value: null\n")
    assert messages(data) == [
        f"assets/data/facts/park.yaml:{event}:10: fact park.history.founded: an event has value null "
        "and unit \"\" but received value 1 and unit ''",
        f"assets/data/facts/park.yaml:{figure}:10: fact park.history.years: a duration fact needs a "
        "number and a unit but received value null and unit '年'",
    ]


def test_wrong_entity_file_and_bad_id(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    line = edit(data / "facts" / "park.yaml", "- id: park.plan.port_100mt\n  entity: park",
                "- id: Park.Port\n  entity: city")
    assert messages(data) == [
        f"assets/data/facts/park.yaml:{line}:7: fact Park.Port: id: expected a lowercase dotted id "
        "such as 'city.port.cargo' but received 'Park.Port'",
        f"assets/data/facts/park.yaml:{line + 1}:11: fact Park.Port: entity: expected 'park' in "
        "facts/park.yaml but received 'city'; move the fact to facts/city.yaml",
    ]


def test_yaml_errors_become_located_dataset_errors(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    (data / "lists.yaml").write_text("- id: x\n  id: y\n", encoding="utf-8")
    (data / "timelines.yaml").write_text("id: park.timeline.x\n", encoding="utf-8")
    (data / "series.yaml").unlink()
    assert messages(data) == [
        "assets/data/lists.yaml:2:3: duplicate key 'id' (first defined at line 1)",
        "assets/data/series.yaml: missing file; a dataset has sources.yaml, facts/*.yaml, lists.yaml, "
        "series.yaml and timelines.yaml",
        "assets/data/timelines.yaml:1:1: expected a list of timeline entries (each starting '- id:') "
        "but received a mapping",
    ]
