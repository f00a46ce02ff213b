"""Tests for briefgen.data.cache: a warm load skips the YAML; any edit invalidates it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.data import cache as dataset_cache
from briefgen.errors import Problems
from paths import DATA



@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def test_second_load_comes_from_the_cache(data, monkeypatch):
    first = dataset_cache.load_cached(data)
    monkeypatch.setattr(dataset_cache, "load_dataset", lambda d: pytest.fail("parsed the YAML again"))
    second = dataset_cache.load_cached(data)
    assert second.facts.keys() == first.facts.keys()
    assert second.facts["city.port.cargo"] == first.facts["city.port.cargo"]


def test_an_edit_invalidates_the_cache(data):
    dataset_cache.load_cached(data)
    facts = data / "facts" / "city.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("value: 3.8\n", "value: 3.9\n", 1),
                     encoding="utf-8")
    assert dataset_cache.load_cached(data).facts["city.port.cargo"].value == 3.9


def test_a_broken_dataset_is_never_cached(data):
    facts = data / "facts" / "city.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "- id: broken\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Problems):
            dataset_cache.load_cached(data)
