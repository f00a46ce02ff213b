"""Tests for briefgen.data.datacache: a remembered dataset equals a fresh read; edits, damage and problems are read again."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from briefgen import cache
from briefgen.data import datacache, dataset
from briefgen.data.dataset import load_dataset, read_dataset
from briefgen.errors import Problems
from paths import DATA


@pytest.fixture
def data(tmp_path, monkeypatch):
    """Return a copy of the dataset, the working folder its parent's parent, with an empty cache."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(DATA, tmp_path / "assets" / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "assets" / "data"


def entries(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "datasets"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def never_read(monkeypatch):
    monkeypatch.setattr(dataset, "read_dataset", lambda *a: pytest.fail("read although remembered"))


def test_the_remembered_dataset_equals_a_fresh_read_with_every_origin(data, tmp_path, monkeypatch):
    fresh, problems = read_dataset(data)
    assert not problems
    assert load_dataset(data) == fresh and len(entries(tmp_path)) == 1
    never_read(monkeypatch)
    again = load_dataset(data)
    assert again == fresh
    fact = next(iter(again.facts.values()))
    assert fact.origin == next(iter(fresh.facts.values())).origin and fact.origin.line > 0
    assert again.data_dir == data and type(again.data_dir) is type(data)


def test_an_edited_file_is_read_again(data, tmp_path):
    first = load_dataset(data)
    sources = data / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    second = load_dataset(data)
    assert len(entries(tmp_path)) == 2
    assert second.sources == first.sources      # same records, but read, and kept, again


def test_another_working_folder_does_not_use_the_entry(data, tmp_path, monkeypatch):
    load_dataset(data)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)                # messages would name the files from here
    fresh, _ = read_dataset(data)
    assert load_dataset(data) == fresh and len(entries(tmp_path)) == 2


def test_a_dataset_with_a_problem_is_never_kept(data, tmp_path):
    facts = data / "facts" / "park.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("unit: 亿元", "unit: 亿元元", 1),
                     encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Problems) as got:
            load_dataset(data)
        assert "unit: expected one of" in str(got.value)
    assert entries(tmp_path) == []


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],
    lambda raw: cache.MAGIC + hashlib.sha256(b"[1,\"Label\",\"a\"]").digest() + b"[1,\"Label\",\"a\"]",
    lambda raw: cache.MAGIC + hashlib.sha256(b"[1,\"Path\",\"/\"]").digest() + b"[1,\"Path\",\"/\"]",
    lambda raw: cache.MAGIC + hashlib.sha256(b"{\"a\":1}").digest() + b"{\"a\":1}",
    lambda raw: cache.MAGIC + hashlib.sha256(b"[2,1,2]").digest() + b"[2,1,2]",
])
def test_a_damaged_or_planted_entry_is_discarded_and_the_dataset_read_again(data, tmp_path, damage):
    fresh = load_dataset(data)
    (entry,) = entries(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert datacache.load(data) is None and not entry.exists()
    assert load_dataset(data) == fresh
    assert cache.load(entry) is not None        # kept again, good this time


def test_values_round_trip_exactly_and_others_are_refused():
    values = [("a", 1, 2.5, True, None, ()), {"k": (Path("/x"), -0.0, 10**20)}]
    assert datacache._decode(datacache._encode(values[0])) == values[0]
    decoded = datacache._decode(datacache._encode(values[1]))
    assert decoded == values[1] and type(decoded["k"][2]) is int and type(decoded["k"][0]) is type(Path("/x"))
    with pytest.raises(TypeError):
        datacache._encode([1])                  # a list is not a dataset value
    with pytest.raises(TypeError):
        datacache._encode({1: "a"})
