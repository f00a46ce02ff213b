"""Tests for briefgen.resolve.glossary: which terms a briefing prints, and how they are explained."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.build import prepare
from briefgen.data.records import GlossaryEntry
from briefgen.errors import Origin
from briefgen.model import Bullet, Bullets, Figure, KpiCards
from briefgen.resolve.glossary import explain, printed_strings
from paths import ROOT

HERE = Origin("glossary.yaml", 1, 3)
GLOSSARY = {e.term: e for e in (
    GlossaryEntry("above designated size", "规上", "Firms with revenue of RMB 20 million or more.", HERE),
    GlossaryEntry("little giant", "小巨人", "A national title.", HERE),
    GlossaryEntry("mu", "亩", "A unit of land.", HERE),
    GlossaryEntry("technology-based SME", "科技型中小企业", "A registered SME.", HERE, ("tech-SME",)),
)}


def figure(label: str, fact_id: str = "city.industry.output") -> Figure:
    return Figure(fact_id, label, "over RMB 750 billion", "over RMB", "750", "billion", "2024", 1,
                  7500, "亿元", " ")


def test_printed_strings_walks_blocks_but_skips_ids_and_formats():
    block = KpiCards((figure("Industrial output above designated size", "city.little_giant.mu"),))
    texts = list(printed_strings(("Title", block)))
    assert "Title" in texts and "Industrial output above designated size" in texts
    assert "city.little_giant.mu" not in texts


def test_terms_are_explained_in_order_of_first_use_with_their_chinese():
    texts = ["National “little giants” and firms above designated size", "38,800 mu"]
    assert explain(GLOSSARY, "en", texts) == (
        "Little giant (小巨人): A national title.",
        "Above designated size (规上): Firms with revenue of RMB 20 million or more.",
        "Mu (亩): A unit of land.",
    )


def test_other_forms_count_and_only_whole_words_match():
    assert explain(GLOSSARY, "en", ["New national tech-SME registrations"]) == (
        "Technology-based SME (科技型中小企业): A registered SME.",)
    assert explain(GLOSSARY, "en", ["A museum of Mumbai", "little giantess", "above designated sizes"]) == (
        "Above designated size (规上): Firms with revenue of RMB 20 million or more.",)


def test_a_term_inside_another_terms_hit_and_a_later_form_are_found_where_they_first_stand():
    glossary = {e.term: e for e in (
        GlossaryEntry("park", "园区", "The industrial park.", HERE, ("parks",)),
        GlossaryEntry("industrial park", "工业园", "A zoned area.", HERE, ("Park of industry",)),
    )}
    # "park" stands inside the hit of "industrial park", first in the text: both are found
    assert explain(glossary, "en", ["An Industrial Park-wide plan", "the parks"]) == (
        "Industrial park (工业园): A zoned area.", "Park (园区): The industrial park.")
    # a term's other form, earlier than its own term, counts where it stands; a tie keeps glossary order
    assert explain(glossary, "en", ["Park of industry, then industrial park"]) == (
        "Park (园区): The industrial park.", "Industrial park (工业园): A zoned area.")
    assert explain(glossary, "en", ["The industrial park", "park of industry"]) == (
        "Industrial park (工业园): A zoned area.", "Park (园区): The industrial park.")


def test_chinese_briefings_explain_nothing():
    assert explain(GLOSSARY, "zh", ["规上工业产值 above designated size"]) == ()
    assert explain({}, "en", ["above designated size"]) == ()


@pytest.fixture(scope="module")
def city():
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return {b.lang: b for b in prepare(Path("specs/city.yaml"), ["zh", "en"])[1]}
    finally:
        os.chdir(cwd)


def test_each_english_slide_explains_the_terms_it_prints(city):
    en = city["en"]
    glance = next(s for s in en.slides if s.title == "Jiangyin at a glance")
    assert any(g.startswith("Above designated size (规上): ") for g in glance.glossary)
    platforms = next(s for s in en.slides if s.title == "Innovative companies and platforms")
    assert [g.split(" (")[0] for g in platforms.glossary] == [
        "Specialised and sophisticated", "Little giant", "Wuxi level"]
    closing = en.slides[-1]
    assert closing.glossary == ()
    assert all(s.glossary == () for s in city["zh"].slides) and city["zh"].glossary == ()


def test_the_briefing_carries_the_terms_its_one_pager_prints(city):
    terms = [g.split(" (")[0] for g in city["en"].glossary]
    assert terms[:4] == ["County", "Above designated size", "Little giant", "Reform and opening-up"]
    assert "Wuxi level" not in terms          # printed on the deck only
