"""Tests for briefgen.spec: the spec language's located, collected, suggestive errors."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from briefgen.errors import Problems, SpecError
from briefgen.spec import load_spec
from briefgen.spec.fields import Text

DATASET = SimpleNamespace(
    facts={"park.founded": 1, "park.years": 1, "park.target.output_2026": 1, "city.gdp.total_2024": 1},
    lists={"park.industries.leading": 1},
    series={"city.gdp.milestones": 1},
    timelines={"park.milestones": 1},
)

GOOD = """\
title: {zh: 园区投资推介, en: Investor briefing}
entity: park
lang: [zh, en]
contact: [invest@example.com]
deck:
  - type: title
  - type: kpis
    title: {zh: 关键数字, en: Key figures}
    facts: [park.founded, park.years]
    notes: {zh: "园区成立于{park.founded}。", en: "Founded {park.founded}."}
  - type: bullets
    title: 产业
    items:
      - fact: park.years
      - list: park.industries.leading
      - text: {zh: 跨江联动, en: Across the river}
  - type: chart
    chart: {series: city.gdp.milestones, highlight: "2024"}
  - type: closing
onepager:
  - type: kpis
    facts: [park.founded, park.years, park.target.output_2026]
  - type: chart
    chart: city.gdp.milestones
    optional: true
"""


def load(tmp_path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return load_spec(path, DATASET)


def problems(tmp_path, text: str) -> list[str]:
    with pytest.raises((Problems, SpecError)) as e:
        load(tmp_path, text)
    prefix = str(tmp_path / "s.yaml")
    return [line.replace(prefix, "s.yaml") for line in str(e.value).splitlines()]


def test_good_spec_reads(tmp_path):
    spec = load(tmp_path, GOOD)
    assert spec["entity"] == "park"
    assert spec["lang"] == ["zh", "en"]
    assert [s["type"] for s in spec["deck"]] == ["title", "kpis", "bullets", "chart", "closing"]
    assert spec["deck"][1]["title"].get("en") == "Key figures"
    assert spec["deck"][2]["title"] == Text((("zh", "产业"),), spec["deck"][2]["title"].origin)
    assert spec["deck"][2]["title"].get("en") is None          # Chinese-only text
    assert spec["contact"][0].get("en") == "invest@example.com"  # no Chinese: every language
    assert spec["onepager"][1]["optional"] is True
    assert str(spec["deck"][1].origin).endswith("s.yaml:7:5")


def test_every_problem_is_collected_with_line_and_column(tmp_path):
    text = GOOD.replace("entity: park", "entity: parc").replace(
        "facts: [park.founded, park.years]\n", "facts: [park.founded, park.yeers]\n    colour: red\n").replace(
        "highlight: \"2024\"}", "type: pie3d}")
    assert problems(tmp_path, text) == [
        "s.yaml:2:9: entity: expected one of city, park but received 'parc'; did you mean 'park'?",
        "s.yaml:9:27: deck[1].facts[1]: unknown fact 'park.yeers'; did you mean 'park.years'?",
        "s.yaml:10:5: deck[1]: unknown key 'colour'; expected one of title, notes, cite, facts",
        "s.yaml:19:48: deck[3].chart.type: expected one of column, bar, line, share, milestones, target "
        "but received 'pie3d'",
    ]


@pytest.mark.parametrize("text, expected", [
    ("- a\n- b\n", "s.yaml:1:1: expected a briefing spec (a mapping) but received a list"),
    ("just text\n", "s.yaml:1:1: expected a briefing spec (a mapping) but received a single value"),
    ("title: x\n", None),
])
def test_not_a_mapping_or_missing_keys(tmp_path, text, expected):
    got = problems(tmp_path, text)
    if expected:
        assert got == [expected]
    else:
        assert got == [
            "s.yaml:1:1: missing required key 'entity'",
            "s.yaml:1:1: missing required key 'deck'",
            "s.yaml:1:1: missing required key 'onepager'",
        ]


def test_wrong_types_say_what_was_expected(tmp_path):
    text = GOOD.replace("lang: [zh, en]", "lang: fr").replace(
        "    facts: [park.founded, park.years, park.target.output_2026]", "    facts: park.founded")
    assert problems(tmp_path, text) == [
        "s.yaml:3:7: lang: expected one of zh, en but received 'fr'",
        "s.yaml:22:12: onepager[0].facts: expected a list of 3 to 6 items (a fact id) but received 'park.founded'",
    ]


def test_ids_of_the_wrong_kind(tmp_path):
    text = GOOD.replace("chart: city.gdp.milestones", "chart: park.milestones")
    assert problems(tmp_path, text) == [
        "s.yaml:24:12: onepager[1].chart: expected a series id but 'park.milestones' is a timeline"]


def test_typed_figures_in_body_text_are_refused(tmp_path):
    text = GOOD.replace("text: {zh: 跨江联动, en: Across the river}", "text: {zh: 园区成立21年, en: Across the river}")
    assert problems(tmp_path, text) == [
        "s.yaml:16:15: deck[2].items[2].text: a figure typed as text ('2…' in the zh text); "
        "figures must come from the dataset: write {fact.id} in its place, or {=S1线} for a name with digits"]


def test_placeholders_must_name_facts(tmp_path):
    text = GOOD.replace("{park.founded}。", "{park.fonded}。")
    assert problems(tmp_path, text) == [
        "s.yaml:10:12: deck[1].notes[0]: unknown fact 'park.fonded'; did you mean 'park.founded'?"]


def test_items_need_exactly_one_source(tmp_path):
    text = GOOD.replace("      - fact: park.years\n", "      - {fact: park.years, list: park.industries.leading}\n")
    assert problems(tmp_path, text) == [
        "s.yaml:14:9: deck[2].items[0]: expected exactly one of fact, text, list but received fact, list"]


def test_unknown_slide_type_and_language_key(tmp_path):
    text = GOOD.replace("  - type: closing\n", "  - type: clsoing\n").replace(
        "en: Key figures}", "fr: Key figures}")
    assert problems(tmp_path, text) == [
        "s.yaml:8:23: deck[1].title: expected a language key (zh, en) but received 'fr'",
        "s.yaml:19:11: deck[4].type: expected one of title, section, kpis, bullets, chart, timeline, table, "
        "compare, image, quote, closing but received 'clsoing'; did you mean 'closing'?",
    ]


def test_a_one_language_text_is_chinese_when_it_holds_a_cjk_character():
    from briefgen.spec.fields import has_cjk

    assert has_cjk("园区") and has_cjk("GDP 超5000亿元") and has_cjk("Ｇ") and has_cjk("、")
    assert has_cjk("\u3400") and has_cjk("\u9fff") and has_cjk("\uf900") and has_cjk("\uffef")
    assert not has_cjk("") and not has_cjk("Jiangyin") and not has_cjk("café – 2024")
    assert not has_cjk("\u2fff\u3040\ua000\ufb00\ufff0") and not has_cjk("\U00020000")
