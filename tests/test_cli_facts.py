"""Tests for the `briefgen facts` commands, driven through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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
                             "run inside a briefgen project or pass the data folder\n")


def test_list_prints_a_table(in_repo):
    result = run("list", "--entity", "park", "--kind", "target")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "id                          value              period  label",
        "park.plan.sales_2026        达1000亿元 (千亿)  2026    园区工商开票规模",
        "park.plan.port_100mt        1亿吨 (亿)         -       亿吨港区",
        "park.plan.new_tech_smes     20家以上           2024    新增国家科技型中小企业入库",
        "park.plan.new_little_giant  1家                2024    争创国家级“专精特新”小巨人企业",
    ]


def test_list_json_has_every_field(in_repo):
    result = run("list", "--json", "--entity", "city")
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert len(records) == 98 and all(r["entity"] == "city" for r in records)
    steel = next(r for r in records if r["id"] == "city.industry.share_auto_steel")
    assert steel == {
        "id": "city.industry.share_auto_steel", "entity": "city",
        "label": {"zh": "全国高端汽车用钢江阴产出占比", "en": "Share of China’s high-end automotive steel made in Jiangyin"},
        "value": 0.75, "value_max": None, "unit": "share", "qualifier": None, "period": "2025",
        "inferred": "如今 (nowadays) in an article of early 2025", "kind": "share", "source": "jy-gdp-5000",
        "quote": "每年全国四分之三的高端汽车用钢从江阴产出", "as_written": "四分之三", "note": None,
    }
    assert "四分之三" in result.output  # ensure_ascii=False


def test_show_prints_the_fact_and_its_source(in_repo):
    result = run("show", "city.port.cargo")
    line = (REPO / "assets/data/facts/city.yaml").read_text(encoding="utf-8").splitlines().index(
        "- id: city.port.cargo") + 1
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "id:         city.port.cargo",
        "entity:     city",
        "label:      江阴港货物吞吐量 / Port cargo throughput",
        "value:      约3.8亿吨",
        "kind:       stock",
        "period:     2024",
        "source:     jy-gdp-5000: 江阴GDP破5000亿元 / Untitled article on Jiangyin’s GDP passing RMB 500 billion",
        "published:  2025, 不详 / unknown",
        "file:       000_385f7f832295e4de.txt",
        "quote:      2024年，江阴港完成货物吞吐量约3.8亿吨",
        f"defined at: assets/data/facts/city.yaml:{line}:3",
    ]


def test_show_an_unknown_fact_suggests_the_nearest(in_repo):
    result = run("show", "city.port.carg")
    assert (result.exit_code, result.output) == (
        1, "Error: unknown fact 'city.port.carg'; did you mean 'city.port.cargo'?\n")


@pytest.mark.parametrize("command", ["check", "list", "show"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "  Example:\n    briefgen facts " + command in result.output
