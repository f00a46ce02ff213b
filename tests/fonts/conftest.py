"""Fixtures of the font tests: a fresh font cache per test, the source faces read only once."""

from __future__ import annotations

import shutil

import pytest
from fontTools.ttLib import TTFont

from briefgen.fonts import pdf as font_pdf
from briefgen.fonts.face import face_data
from briefgen.fonts.metrics import font_source, packaged_font


@pytest.fixture(scope="session")
def warm_faces(tmp_path_factory):
    """Return a folder holding the packaged face's cache entries at 400 and 700 (built once)."""
    folder = tmp_path_factory.mktemp("faces")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEFGEN_CACHE_DIR", str(folder))
        font_pdf.clear_memo()
        face_data(font_source(400)), face_data(font_source(700))
        font_pdf.clear_memo()
    return folder / "fonts" / "faces"


@pytest.fixture
def cache(tmp_path, monkeypatch, warm_faces):
    """A font cache holding only the face entries, and nothing remembered in this process."""
    folder = tmp_path / "cache"
    shutil.copytree(warm_faces, folder / "fonts" / "faces")
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
    font_pdf.clear_memo()
    yield folder
    font_pdf.clear_memo()


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """An empty font cache, and nothing remembered in this process."""
    folder = tmp_path / "empty"
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(folder))
    font_pdf.clear_memo()
    yield folder
    font_pdf.clear_memo()


@pytest.fixture(scope="session")
def reference():
    """Return (cmap, {weight: glyph set}, TTFont) of the packaged face, opened once, for checks."""
    path, index = packaged_font()
    with TTFont(path, fontNumber=index, lazy=True) as font:
        sets = {w: font.getGlyphSet(location={"wght": w}) for w in (400, 700)}
        yield font.getBestCmap(), sets, font
