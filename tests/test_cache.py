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
    assert cache.load(target) == b"data"
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.bin"]
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.store(Path(blocker, "x.bin"), b"data")          # no exception: it only costs speed
    assert not Path(blocker, "x.bin").exists()


def test_a_tampered_truncated_or_planted_entry_is_discarded(tmp_path):
    target = tmp_path / "e.bin"
    for damage in (lambda raw: raw[:-1], lambda raw: b"", lambda raw: raw[:-1] + b"X",
                   lambda raw: b"\x80\x04cos\nsystem\n."):       # a pickle planted by hand
        cache.store(target, b"payload")
        target.write_bytes(damage(target.read_bytes()))
        assert cache.load(target) is None
        assert not target.exists()


def test_the_cache_folder_is_private_and_falls_back_to_a_private_temporary_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("BRIEFGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache.cache_dir()
    assert Path(folder).stat().st_mode & 0o777 == 0o700
    blocker = tmp_path / "ro"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    fallback = cache.cache_dir()
    assert fallback != folder and Path(fallback).stat().st_mode & 0o777 == 0o700
    assert Path(fallback).name.startswith("briefgen-cache-") and Path(fallback).name != "briefgen-cache-0"


def test_prune_keeps_the_most_recently_used(tmp_path):
    import os
    for i in range(5):
        (tmp_path / f"{i}").write_bytes(b"x")
        os.utime(tmp_path / f"{i}", (i, i))
    cache.prune(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3", "4"]


def test_a_code_stamp_follows_the_content_of_the_files_it_names(tmp_path, monkeypatch):
    package = tmp_path / "stamped_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("version = '1'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    files = {"stamped_pkg": ("__init__.py", "gone.py")}
    first = cache.code_stamp(1, ("cache.py",), files)
    assert cache.code_stamp(1, ("cache.py",), files) == first          # the same code, the same name
    assert cache.code_stamp(2, ("cache.py",), files) != first          # another format
    (package / "__init__.py").write_text("version = '2'\n")
    assert cache.code_stamp(1, ("cache.py",), files) != first          # the package's file changed
    assert cache.code_stamp(1, ("errors.py",), files) != first         # briefgen's own files count


def test_a_code_stamp_of_missing_code_does_not_fail():
    absent = cache.code_stamp(1, ("no_such_module.py",), {"no_such_package_anywhere": ("__init__.py",)})
    assert len(absent) == 64
    assert absent != cache.code_stamp(1, (), {})
