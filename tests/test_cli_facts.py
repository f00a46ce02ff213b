"""Tests for the `briefgen facts` commands, driven through click's CliRunner."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from paths import ROOT, SOURCES

REPO = ROOT
OK = "ok: 121 facts, 22 lists, 11 series, 3 timelines checked against 3 sources\n"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["facts", *args], env=env)


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("BRIEFGEN_SOURCES", raising=False)


def test_check_finds_the_project_and_the_shared_sources(in_repo):
    result = run("check")
    assert (result.exit_code, result.output) == (0, OK)


def test_check_takes_the_sources_from_the_option_or_the_environment(tmp_path, in_repo):
    assert run("check", "--sources", str(SOURCES), "--data", "assets/data").output == OK
    assert run("check", env={"BRIEFGEN_SOURCES": str(SOURCES)}).output == OK
    result = run("check", env={"BRIEFGEN_SOURCES": str(tmp_path / "nowhere")})
    assert (result.exit_code, result.output) == (
        1, f"sources folder not found: {tmp_path / 'nowhere'} (pass --sources DIR or set BRIEFGEN_SOURCES)\n")


def test_check_prints_every_located_problem_and_exits_1(tmp_path, monkeypatch):
    shutil.copytree(REPO / "assets" / "data", tmp_path / "assets" / "data")
    monkeypatch.chdir(tmp_path)
    city = tmp_path / "assets" / "data" / "facts" / "city.yaml"
    text = city.read_text(encoding="utf-8")
    city.write_text(text.replace("  value: 3.8\n", "  value: 3.9\n").replace("  value: 5.0\n", "  value: 5\n"),
                    encoding="utf-8")
    lines = text.splitlines()
    cargo = lines.index("- id: city.port.cargo") + 1
    growth = lines.index("- id: city.industry.output_growth") + 1
    result = run("check", "--sources", str(SOURCES))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"assets/data/facts/city.yaml:{growth}:3: fact city.industry.output_growth: value: the quote "
        "writes 5.0; write value: 5.0 as the source does",
        f"assets/data/facts/city.yaml:{cargo}:3: fact city.port.cargo: value: 3.9 is not in the quote "
        "(its numbers: 2024, 3.8)",
        "2 problems",
    ]


def test_a_broken_dataset_is_reported_without_a_traceback(tmp_path, monkeypatch):
    shutil.copytree(REPO / "assets" / "data", tmp_path / "assets" / "data")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assets" / "data" / "lists.yaml").write_text("- id: [\n", encoding="utf-8")
    for args in (("check", "--sources", str(SOURCES)), ("list",), ("show", "city.port.cargo")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.output.startswith("assets/data/lists.yaml:2:1: YAML syntax error")
        assert "Traceback" not in result.output


def test_outside_a_project_the_message_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("list")
    assert result.exit_code == 1
    assert result.output == (f"no assets/data folder in {tmp_path.resolve()} or any folder above it; "
                             "run inside a briefgen project or pass the dataset folder with --data DIR\n")


def test_list_prints_a_table(in_repo):
    result = run("list", "--entity", "park", "--kind", "target")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "id                               figure    period                                    label",
        "park.plan.innovation_hubs        3个       目标                                      三大科创载体",
        "park.plan.industry_bases         5个       目标                                      五大产业基地",
        "park.plan.welfare_project_types  六类      目标                                      六类民生项目",
        "park.plan.sales_2026             达千亿元  2026年目标                                园区工商开销规模",
        "park.plan.port_100mt             亿吨      目标                                      亿吨港区",
        "park.plan.new_tech_smes          20家以上  2024年目标（年份推算；来源未载完成情况）  新增国家科技型中小企业入库",
        "park.plan.new_little_giant       1家       2024年目标（年份推算；来源未载完成情况）  争创国家级“专精特新”小巨人企业",
    ]


def test_list_in_english_prints_the_english_figures(in_repo):
    result = run("list", "--entity", "city", "--kind", "growth", "--lang", "en")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        'id                                         figure (en)          period                label',
        'city.industry.jiexin_productivity          up 3–4 times         -                     Productivity gain at Jiangyin Jiexin Electronics',
        'city.industry.jiexin_sales_growth          40%                  2024 (year inferred)  Sales growth at Jiangyin Jiexin Electronics',
        'city.industry.output_growth                5.0%                 2024                  Growth of industrial output above designated size',
        'city.industry.value_added_growth           7.6%                 2024                  Growth of industrial value added above designated size',
        "city.innovation.shuangliang_energy_saving  potentially down 5%  -                     Energy to make hydrogen with Shuangliang Energy's alloy catalyst",
        'city.port.container_throughput_growth      14.13%               2024                  Container throughput growth',
        'city.port.container_transport_growth       14.32%               2024                  Container transport growth',
    ]


def test_list_shows_lists_series_and_timelines_too(in_repo):
    assert run("list", "--type", "timeline", "--lang", "en").output.splitlines() == [
        'id                     figure (en)     period  label',
        "park.timeline.history  (timeline, 13)  -       The park’s milestones",
        'city.timeline.recent   (timeline, 18)  -       Jiangyin since 2021',
        'city.timeline.kcjy     (timeline, 8)   -       How Innovative Jiangyin began',
    ]
    everything = run("list").output.splitlines()
    assert len(everything) == 1 + 121 + 22 + 11 + 3


def test_search_finds_words_of_either_language_quote_or_id(in_repo):
    assert run("search", "两联").output.splitlines() == [
        'id                            figure     period  label',
        'city.roads.ring               1条        -       快速路网“一环”',
        'city.roads.links              2条        -       快速路网“两联”',
        'city.roads.east_west          4条        -       快速路网“四横”',
        'city.roads.north_south        6条        -       快速路网“六纵”',
        'city.list.expressway_network  (list, 4)  -       “一环、两联、四横、六纵”快速路网',
    ]
    assert run("search", "lighthouse", "--lang", "en").output.splitlines() == [
        'id                                  figure (en)  period  label',
        "city.industry.xingcheng_lighthouse  (event)      2024    Xingcheng Special Steel became the only lighthouse factory in the world’s special-steel industry",
    ]
    assert [line.split()[0] for line in run("search", "gdp_milestone").output.splitlines()[1:]] == [
        "city.economy.gdp_milestone_100", "city.economy.gdp_milestone_1000", "city.series.gdp_milestones"]
    assert [line.split()[0] for line in run("search", "冶金新材料").output.splitlines()[1:]] == [
        "park.list.leading_industries"]
    missing = run("search", "zzz")
    assert (missing.exit_code, missing.output) == (1, "Error: nothing in the dataset matches 'zzz'\n")


def test_list_json_has_every_field_and_the_printed_forms(in_repo):
    result = run("list", "--json", "--entity", "city", "--type", "fact")
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert len(records) == 98 and all(r["entity"] == "city" for r in records)
    steel = next(r for r in records if r["id"] == "city.industry.share_auto_steel")
    assert {k: v for k, v in steel.items() if k != "printed"} == {
        "type": "fact", "id": "city.industry.share_auto_steel", "entity": "city",
        "label": {"zh": "全国高端汽车用钢江阴产出占比", "en": "Share of China’s high-end automotive steel made in Jiangyin"},
        "value": 0.75, "value_max": None, "unit": "share", "qualifier": None, "period": "2025",
        "inferred": {"zh": "来源写“如今”，文章写于2025年初，故为2025年",
                     "en": "the source says “nowadays” in an article of early 2025, so 2025"},
        "kind": "share", "source": "jy-gdp-5000",
        "quote": "每年全国四分之三的高端汽车用钢从江阴产出", "as_written": "四分之三", "unit_written": True,
        "caveat": None, "note": None,
    }
    assert steel["printed"]["en"]["figure"] == "three quarters"
    assert steel["printed"]["zh"]["period"] == "2025年（年份推算）"
    assert "四分之三" in result.output  # ensure_ascii=False


def test_show_prints_the_fact_its_source_and_every_printed_form(in_repo):
    result = run("show", "city.port.cargo")
    line = (REPO / "assets/data/facts/city.yaml").read_text(encoding="utf-8").splitlines().index(
        "- id: city.port.cargo") + 1
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "id:         city.port.cargo",
        "type:       fact",
        "entity:     city",
        "label:      江阴港货物吞吐量 / Port cargo throughput",
        "value:      约3.8亿吨",
        "kind:       stock",
        "period:     2024",
        "source:     jy-gdp-5000: 关于江阴GDP破5000亿元的文章（原文无标题） / Article on Jiangyin’s GDP passing "
        "RMB 500 billion (untitled)",
        "published:  2025, 不详 / unknown",
        "file:       000_385f7f832295e4de.txt",
        "quote:      2024年，江阴港完成货物吞吐量约3.8亿吨",
        "zh:         约3.8亿吨    ← {city.port.cargo}",
        "zh number:  约3.8亿吨    ← {city.port.cargo.number}",
        "zh period:  2024年    ← {city.port.cargo.period}",
        "zh line:    江阴港货物吞吐量：约3.8亿吨（2024年）    ← {fact: city.port.cargo}",
        "zh kpi:     约3.8亿吨 · 江阴港货物吞吐量 · 2024年    ← kpis: [city.port.cargo]",
        "zh table:   江阴港货物吞吐量 | 约3.8亿吨 | 2024年    ← table: [city.port.cargo]",
        "en:         about 380 million tonnes    ← {city.port.cargo}",
        "en number:  about 380 million tonnes    ← {city.port.cargo.number}",
        "en period:  2024    ← {city.port.cargo.period}",
        "en line:    Port cargo throughput: about 380 million tonnes (2024)    ← {fact: city.port.cargo}",
        "en kpi:     about 380 million tonnes · Port cargo throughput · 2024    ← kpis: [city.port.cargo]",
        "en table:   Port cargo throughput | about 380 million tonnes | 2024    ← table: [city.port.cargo]",
        f"defined at: assets/data/facts/city.yaml:{line}:3",
    ]


def test_show_a_series_list_and_timeline(in_repo):
    series = run("show", "city.series.port_containers_2024").output.splitlines()
    assert series[:5] == ["id:         city.series.port_containers_2024", "type:       series",
                          "entity:     city", "label:      江阴港集装箱（2024年） / Port of Jiangyin: containers (2024)",
                          "unit:       万标箱"]
    assert series[9:11] == [
        "points[0]:  集装箱吞吐量 / Container throughput: 65.06 (city.port.container_throughput)",
        "points[1]:  集装箱运量 / Container transport volume: 87 (city.port.container_transport)"]
    lst = run("show", "park.list.emerging_industries").output.splitlines()
    assert lst[7:9] == ["quote:      高端装备 / 新能源 / 智能制造 / 节能环保", "items[0]:   高端装备 / High-end equipment"]
    tl = run("show", "city.timeline.kcjy").output.splitlines()
    assert tl[4] == "events[0]:  2021 city.kcjy.strategy: 江阴制定“南征北战、东西互搏”总战略"


def test_show_an_unknown_fact_suggests_the_nearest(in_repo):
    result = run("show", "city.port.carg")
    assert (result.exit_code, result.output) == (
        1, "Error: unknown id 'city.port.carg'; did you mean 'city.port.cargo'?\n")


@pytest.mark.parametrize("command", ["check", "list", "search", "show"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "  Example:\n    briefgen facts " + command in result.output


def test_the_readme_cli_reference_is_generated_from_help():
    """scripts/readme_cli.py writes the README's CLI reference; every facts command is in it."""
    import runpy

    script = runpy.run_path(str(REPO / "scripts" / "readme_cli.py"))
    from briefgen.cli_facts import facts as group
    assert {tuple(c) for c in script["COMMANDS"]} >= {("facts", name) for name in group.commands}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert script["reference"]().strip() in readme
