"""Tests for briefgen.cache: where the cache lives; storing never fails a build."""

from __future__ import annotations

from pathlib import Path

from briefgen import cache


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "c"))
    assert cache.entry("charts", "k.svg") == tmp_path / "c" / "charts" / "k.svg"
    monkeypatch.delenv("BRIEFGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == str(tmp_path / "xdg" / "briefgen")


def test_store_writes_atomically_and_tolerates_an_unwritable_cache(tmp_path):
    target = tmp_path / "a" / "b.bin"
    cache.store(target, b"data")
    assert target.read_bytes() == b"data"
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.bin"]
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.store(Path(blocker, "x.bin"), b"data")          # no exception: it only costs speed
    assert not Path(blocker, "x.bin").exists()
