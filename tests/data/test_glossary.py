"""Tests for briefgen.data.glossary: the real glossary, and located errors in a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.data.dataset import load_dataset
from briefgen.errors import Problems
from paths import DATA


def copy_data(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(DATA, tmp_path / "assets" / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "assets" / "data"


def messages(data: Path) -> list[str]:
    with pytest.raises(Problems) as info:
        load_dataset(data)
    return [str(p) for p in info.value.problems]


def test_the_glossary_explains_the_statistical_terms_the_briefings_print():
    glossary = load_dataset(DATA).glossary
    above = glossary["above designated size"]
    assert above.zh == "规上"
    assert "RMB 20 million or more" in above.en
    assert {"Wuxi level", "little giant", "technology-based SME", "county"} <= set(glossary)
    assert glossary["technology-based SME"].also == ("tech-SME", "tech-based SME")


def test_every_explanation_is_one_english_sentence_with_typographic_quotes():
    for entry in load_dataset(DATA).glossary.values():
        assert entry.en.endswith(".") and entry.en[0].isupper(), entry.term
        assert "'" not in entry.en and '"' not in entry.en, entry.term


def test_a_dataset_without_a_glossary_has_none(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    (data / "glossary.yaml").unlink()
    assert load_dataset(data).glossary == {}


def test_errors_are_located_and_collected(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    (data / "glossary.yaml").write_text(
        "- term: county\n  zh: 县\n  en: A county.\n"
        "- term: counties\n  zh: 县\n  en: Counties.\n"
        "- term: mu\n  zh: 亩\n  also: []\n  en: A unit.\n"
        "- term: TEU\n  zh: 标箱\n  explain: A container.\n", encoding="utf-8")
    assert messages(data) == [
        "assets/data/glossary.yaml:9:9: glossary mu: also: expected a non-empty list of terms "
        "but received an empty list",
        "assets/data/glossary.yaml:11:3: glossary TEU: missing required key 'en'",
        "assets/data/glossary.yaml:13:3: glossary TEU: unknown key 'explain'; expected one of: "
        "term, zh, en, also",
    ]


def test_a_term_explained_twice_names_the_first_place(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    (data / "glossary.yaml").write_text(
        "- term: county\n  zh: 县\n  en: A county.\n"
        "- term: TEU\n  zh: 标箱\n  also: [County]\n  en: A container.\n", encoding="utf-8")
    assert messages(data) == ["assets/data/glossary.yaml:4:3: glossary TEU: the term 'County' is "
                              "already explained at assets/data/glossary.yaml:1:3"]


def test_a_glossary_that_is_not_a_list_is_reported(tmp_path, monkeypatch):
    data = copy_data(tmp_path, monkeypatch)
    (data / "glossary.yaml").write_text("term: county\n", encoding="utf-8")
    assert messages(data) == ["assets/data/glossary.yaml:1:1: expected a list of glossary entries "
                              "(each starting '- term:') but received a mapping"]
