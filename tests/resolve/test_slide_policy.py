"""Tests for briefgen.resolve.slide_policy: each chart-policy rule broken by a spec, and what
briefgen does about it (an automatic layout, a located warning, a headline from the data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.data.dataset import load_dataset
from briefgen.model import Chart, KpiCards, Paragraph, Table
from briefgen.resolve import resolve
from briefgen.spec import load_spec
from paths import ROOT

HEAD = """\
title: {zh: 江阴, en: Jiangyin}
entity: city
lang: [zh, en]
deck:
"""
TAIL = """\
onepager:
  - type: kpis
    facts: [city.economy.gdp_5000, city.economy.county_lead_years, city.business.enterprises]
"""


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "assets" / "data")


def build(tmp_path: Path, dataset, slides: str, lang: str = "zh"):
    """Return the first slide of a spec made of ``slides`` (YAML under deck:), resolved in ``lang``."""
    if not (tmp_path / "assets").exists():
        (tmp_path / "assets").symlink_to(ROOT / "assets")
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + slides + TAIL, encoding="utf-8")
    spec = load_spec(path, dataset)
    return resolve(spec, dataset, lang, str(path), tmp_path).slides[0], path


def test_two_values_become_kpi_cards(tmp_path, dataset):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n    chart: city.series.port_containers_2024\n")
    assert slide.kind == "kpis"
    cards = slide.blocks[0]
    assert isinstance(cards, KpiCards)
    assert [f.fact_id for f in cards.items] == ["city.port.container_throughput",
                                                "city.port.container_transport"]


def test_force_keeps_the_chart(tmp_path, dataset):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n"
                     "    chart: {series: city.series.port_containers_2024, force: true}\n")
    assert slide.kind == "chart" and isinstance(slide.blocks[0], Chart)
    assert slide.warnings == ()             # comparable: same unit, same kind


def test_an_estimate_beside_a_target_is_cards_or_with_force_a_located_warning(tmp_path, dataset):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n    chart: city.series.hightech_share\n")
    assert slide.kind == "kpis"
    slide, path = build(tmp_path, dataset, "  - type: chart\n"
                        "    chart: {series: city.series.hightech_share, force: true}\n")
    assert slide.kind == "chart"
    assert slide.warnings == (
        f"{path}:6:5: [zh] chart: it puts a target beside an actual figure, so its bars are not "
        "comparable; draw them as KPI cards (leave out force: true) or chart one measure",)


def test_three_targets_of_one_kind_stay_a_chart_but_mixed_kinds_become_cards(tmp_path, dataset):
    mixed = ("  - type: chart\n    chart: {facts: [city.kcjy.hightech_firms_target, "
             "city.kcjy.tech_smes, city.kcjy.new_little_giants]}\n")
    slide, _ = build(tmp_path, dataset, mixed)
    assert slide.kind == "kpis" and len(slide.blocks[0].items) == 3
    same = "  - type: chart\n    chart: city.series.kcjy_tech_firms_2021\n"
    slide, _ = build(tmp_path, dataset, same)
    assert slide.kind == "chart" and slide.warnings == ()


def test_years_get_a_time_axis(tmp_path, dataset):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n    chart: city.series.gdp_milestones\n")
    chart = slide.blocks[0]
    assert chart.years == (1993, 2007, 2024)
    shares, _ = build(tmp_path, dataset, "  - type: chart\n    chart: city.series.national_shares\n")
    assert shares.blocks[0].years == ()


@pytest.mark.parametrize("lang, title", [
    ("zh", "2024年地区生产总值超5000亿元，约为1993年的50倍（年份为推算）"),      # 1993 and 2024 are worked out
    ("en", "GDP passed RMB 500 billion in 2024, about 50 times the 1993 figure (years inferred)"),
])
def test_a_chart_slide_without_a_title_gets_a_headline_from_its_data(tmp_path, dataset, lang, title):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n    chart: city.series.gdp_milestones\n",
                     lang)
    assert slide.title == title


@pytest.mark.parametrize("lang, title", [
    ("zh", "江阴产出全国高端汽车用钢的四分之三"),
    ("en", "Jiangyin makes three quarters of China’s high-end automotive steel"),
])
def test_a_share_chart_headline_states_the_largest_share(tmp_path, dataset, lang, title):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n    chart: city.series.national_shares\n",
                     lang)
    assert slide.title == title


def test_the_spec_title_overrides_the_headline(tmp_path, dataset):
    slide, _ = build(tmp_path, dataset, "  - type: chart\n    title: {zh: 三个台阶, en: Three steps}\n"
                     "    chart: city.series.gdp_milestones\n")
    assert slide.title == "三个台阶"


def test_a_commentary_repeating_the_charts_only_figure_is_a_located_warning(tmp_path, dataset):
    slides = ("  - type: chart\n    chart: city.series.national_shares\n"
              "    commentary: {zh: \"全国{city.industry.share_auto_steel}的高端汽车用钢产自江阴。\", "
              "en: \"{city.industry.share_auto_steel} of China's high-end automotive steel.\"}\n")
    slide, path = build(tmp_path, dataset, slides)
    assert slide.warnings == (
        f"{path}:7:5: [zh] the commentary repeats the chart's figure (全国高端汽车用钢江阴产出占比); "
        "say what the chart does not show, or leave the figure to the chart",)
    assert isinstance(slide.blocks[1], Paragraph)
    fine = slides.replace("{city.industry.share_auto_steel}的高端汽车用钢产自江阴。",
                          "{city.industry.share_auto_steel}的高端汽车用钢与{city.port.cargo}货物。")
    slide, _ = build(tmp_path, dataset, fine)
    assert slide.warnings == ()


def test_a_table_value_restating_its_label_is_a_located_warning(tmp_path, dataset):
    slide, path = build(tmp_path, dataset, "  - type: table\n    title: 目标\n"
                        "    facts: [city.kcjy.hightech_firms_target]\n")
    assert slide.warnings == ()
    assert isinstance(slide.blocks[0], Table)
    from briefgen.resolve.slide_policy import restated
    assert restated("亿吨港区", "亿吨") and restated("五大产业基地", "五个")
    assert not restated("高新技术企业数量", "达2000家")


CONTACT = """\
  - type: closing
    title: {zh: 欢迎, en: Welcome}
    contact:
      lines: [{zh: 江阴市人民政府, en: Jiangyin Municipal People's Government}]
      address: {zh: 江苏省江阴市示例路1号, en: "1 Example Road, Jiangyin"}
      phone: "+86 510 0000 0000"
      email: invest@example.org
      web: https://example.org/jiangyin
"""


@pytest.mark.parametrize("lang, address", [("zh", "江苏省江阴市示例路1号"),
                                           ("en", "1 Example Road, Jiangyin")])
def test_contact_details_from_the_spec_reach_the_model(tmp_path, dataset, lang, address):
    slide, _ = build(tmp_path, dataset, CONTACT, lang)
    contact = slide.blocks[0]
    assert (contact.lines[0], contact.address, contact.phone, contact.email, contact.web) == (
        "江阴市人民政府" if lang == "zh" else "Jiangyin Municipal People's Government", address,
        "+86 510 0000 0000", "invest@example.org", "https://example.org/jiangyin")


def test_the_theme_gives_the_contact_details_a_spec_leaves_out(tmp_path, dataset, monkeypatch):
    import dataclasses
    from briefgen import theme
    org = dataclasses.replace(theme.CITY, contact={"web": "https://example.org/org",
                                                   "address": {"zh": "示例路", "en": "Example Road"}})
    from briefgen.theme import load
    monkeypatch.setattr(load, "_builtin", lambda name, real=load._builtin: org if name == "city" else real(name))
    slide, _ = build(tmp_path, dataset, CONTACT.replace("      web: https://example.org/jiangyin\n", "")
                     .replace('      address: {zh: 江苏省江阴市示例路1号, en: "1 Example Road, Jiangyin"}\n', ""),
                     "en")
    assert (slide.blocks[0].web, slide.blocks[0].address) == ("https://example.org/org", "Example Road")
    assert slide.blocks[0].phone == "+86 510 0000 0000"


def test_a_malformed_web_address_is_refused_where_it_is_written(tmp_path, dataset):
    from briefgen.errors import BriefgenError
    with pytest.raises(BriefgenError) as err:
        build(tmp_path, dataset, CONTACT.replace("https://example.org/jiangyin", "example.org"))
    assert "s.yaml:12:12: deck[0].contact.web: expected a web address starting http:// or https:// " \
           "but received" in str(err.value)
