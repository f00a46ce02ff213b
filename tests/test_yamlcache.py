"""Tests for briefgen.yamlcache: a remembered tree equals a fresh read; damage or a broken file changes no result."""

from __future__ import annotations

import hashlib

import pytest

from briefgen import cache, yamlcache, yamlload
from briefgen.errors import BriefgenError
from paths import ROOT

DATASET = sorted((ROOT / "assets" / "data").rglob("*.yaml"))


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "yaml"


def test_every_dataset_file_reads_back_equal_from_its_entry(cached, monkeypatch):
    fresh = [yamlcache.read(str(p)) for p in DATASET]
    assert fresh == [yamlload.read(str(p)) for p in DATASET]
    assert len(list(cached.iterdir())) == len(DATASET)
    monkeypatch.setattr(yamlload, "parse", lambda *a: pytest.fail("parsed although cached"))
    assert [yamlcache.read(str(p)) for p in DATASET] == fresh


def test_scalars_of_every_kind_read_back_equal_with_their_text(cached, tmp_path, monkeypatch):
    path = tmp_path / "kinds.yaml"
    path.write_text('a: 5000\nb: "007"\nc: true\nd: ~\ne: 2.50\nf: >\n  folded\n  text\n'
                    "g: '引号'\nh: [x, 'y', \"\"]\n", encoding="utf-8")
    fresh = yamlload.read(str(path))
    assert yamlcache.read(str(path)) == fresh
    monkeypatch.setattr(yamlload, "parse", lambda *a: pytest.fail("parsed although cached"))
    again = yamlcache.read(str(path))
    assert again == fresh
    assert [(k.text, v.value, v.text, v.origin.line, v.origin.col) for k, v in again.items[:2]] == [
        ("a", 5000, "5000", 1, 4), ("b", "007", "007", 2, 4)]


def test_an_edited_file_is_read_again(cached, tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert yamlload.plain(yamlcache.read(str(path))) == {"a": 1}
    path.write_text("a: 2.5\nb: [x, true, null]\n", encoding="utf-8")
    assert yamlload.plain(yamlcache.read(str(path))) == {"a": 2.5, "b": ["x", True, None]}


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],
    lambda raw: b"",
    lambda raw: cache.MAGIC + hashlib.sha256(b"[0,1]").digest() + b"[0,1]",
    lambda raw: cache.MAGIC + hashlib.sha256(b"[9,1,1,[]]").digest() + b"[9,1,1,[]]",
    lambda raw: cache.MAGIC + hashlib.sha256(b"{").digest() + b"{",
])
def test_a_damaged_entry_is_discarded_and_the_file_read_again(cached, damage):
    path = str(DATASET[0])
    fresh = yamlcache.read(path)
    (entry,) = cached.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    assert yamlcache.read(path) == fresh == yamlload.read(path)
    assert cache.load(entry) is not None        # stored again, good this time


def test_a_broken_file_gives_yamlload_s_own_error_and_is_never_kept(cached, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(BriefgenError) as got:
            yamlcache.read(str(path))
        assert str(got.value) == f"{path}:2:1: duplicate key 'a' (first defined at line 1)"
    assert not cached.exists() or not list(cached.iterdir())
    with pytest.raises(BriefgenError, match="cannot read file|is a directory"):
        yamlcache.read(str(tmp_path))
