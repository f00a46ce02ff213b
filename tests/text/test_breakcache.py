"""Tests for briefgen.text.breakcache: a break is computed once, kept on disk, keyed by the fonts' widths; a bad table costs only speed."""

from __future__ import annotations

import json
import shutil

import pytest

from briefgen import cache
from briefgen.build import build
from briefgen.fonts.metrics import Metrics
from briefgen.text import breakcache
from paths import ROOT

TEXT = "园区立足主导产业，建设科创载体 2024"


def _metrics(wide: float = 1.0) -> Metrics:
    return Metrics("test", lambda ch: wide if ord(ch) > 0x2e80 else 0.5, 0.9, 0.2, gap_em=0.25)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    breakcache.forget()
    yield tmp_path
    breakcache.forget()


def _lines(metrics, calls, text=TEXT, width=60.0, size=9.0):
    def compute():
        calls.append(text)
        return ["园区立足主导", "产业，建设科创载体 2024"]
    return breakcache.lines("test", text, width, size, metrics, compute)


def test_a_break_is_computed_once_then_read_back_in_a_new_process(fresh):
    calls = []
    first = _lines(_metrics(), calls)
    assert _lines(_metrics(), calls) == first
    assert calls == [TEXT]
    breakcache.save()
    breakcache.forget()                         # as a new process
    assert _lines(_metrics(), calls) == first
    assert calls == [TEXT]
    stored = json.loads(cache.load(next((fresh / "breaks").iterdir())))
    assert list(stored.values()) == [first]


def test_other_widths_sizes_texts_or_font_widths_are_other_keys(fresh):
    calls = []
    _lines(_metrics(), calls)
    _lines(_metrics(), calls, width=60.5)
    _lines(_metrics(), calls, size=9.5)
    _lines(_metrics(), calls, text=TEXT + "年")
    _lines(_metrics(wide=0.98), calls)          # a face whose hanzi are narrower
    assert len(calls) == 5


def test_an_entry_that_does_not_hold_the_text_is_computed_again(fresh):
    calls = []
    good = _lines(_metrics(), calls)
    breakcache.save()
    path = next((fresh / "breaks").iterdir())
    table = json.loads(cache.load(path))
    cache.store(path, json.dumps({k: ["园区", "被改写"] for k in table}).encode())
    breakcache.forget()
    assert _lines(_metrics(), calls) == good
    assert len(calls) == 2


@pytest.mark.parametrize("raw", [b"", b"{not json", b"[1, 2]", b'{"k": 1}'])
def test_a_damaged_table_is_a_miss(fresh, raw):
    calls = []
    _lines(_metrics(), calls)
    breakcache.save()
    path = next((fresh / "breaks").iterdir())
    path.write_bytes(raw) if raw == b"" else cache.store(path, raw)
    breakcache.forget()
    assert _lines(_metrics(), calls) == ["园区立足主导", "产业，建设科创载体 2024"]
    assert len(calls) == 2


def test_the_table_stays_bounded(fresh, monkeypatch):
    monkeypatch.setattr(breakcache, "MAX_ENTRIES", 10)
    calls = []
    for i in range(25):
        _lines(_metrics(), calls, width=60.0 + i)
        breakcache.save()
    assert len(json.loads(cache.load(next((fresh / "breaks").iterdir())))) == 10


def test_builds_with_an_empty_a_warm_and_a_damaged_table_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    outs = []
    for state in ("empty", "warm", "damaged"):
        breakcache.forget()
        if state == "damaged":
            for path in (tmp_path / "cache" / "breaks").iterdir():
                table = json.loads(cache.load(path))
                cache.store(path, json.dumps({k: v[::-1] for k, v in table.items()}).encode())
        build(ROOT / "specs" / "park.yaml", tmp_path / state, langs=["zh"])
        outs.append({p.name: p.read_bytes() for p in (tmp_path / state).iterdir()})
    breakcache.forget()
    assert outs[0] == outs[1] == outs[2]
    assert sorted(outs[0]) == ["park.pdf", "park.pptx"]
    shutil.rmtree(tmp_path / "cache")
