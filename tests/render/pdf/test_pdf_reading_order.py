"""Tests that each handout's text extracts in reading order, whatever pdftotext's mode.

The order a reader sees is taken from the page itself (pdfplumber's characters, which
ignore ActualText): the header's title and subtitle, the KPI strip, the main column top to
bottom, then the tinted side panel top to bottom, the sources in number order, the footer.
Each block contributes its own strings from the model (a paragraph, a chart's title, a
list's heading and items, each timeline event's date and text, a contact's lines); the
extracted text, whitespace dropped, must hold them in that order.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from briefgen import model
from briefgen.render.pdf.frame import footer_text
from briefgen.render.pdf.sources import entry_text
from briefgen.text.typography import polish
from test_handouts import STRESS, SPECS, _handouts, built, chars_of, panels

PREFIX = 12                  # characters of each string that must appear, whitespace dropped
MODES = {"default": [], "raw": ["-raw"], "layout": ["-layout"]}
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is not installed")


@pytest.fixture(scope="module")
def handouts():
    return built(_handouts(SPECS + STRESS))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _strings(block) -> list[str]:
    """Return the strings a block shows, in its own order (one per line of meaning)."""
    if isinstance(block, model.KpiCards):
        return [f.label for f in block.items]
    if isinstance(block, model.Paragraph):
        return [block.text]
    if isinstance(block, model.Chart):
        return [block.title]
    if isinstance(block, model.Bullets):
        return [block.heading] + [item.text for item in block.items]
    if isinstance(block, model.Timeline):
        return [block.heading] + [e.date + e.text for e in block.events]
    if isinstance(block, model.Contact):
        return [block.heading, *block.lines]
    return []


def _anchor(text: str) -> str:
    return _flat(polish(text))[:PREFIX]


def expected(b: model.Briefing, data: bytes, theme) -> list[str]:
    """Return the anchors of the handout in the order a reader meets them on the page.

    Each string is looked for on the page below the KPI strip (a list's heading may repeat
    a KPI label); its first character's place says its column and height.
    """
    chars = [c for c in chars_of(data) if c["text"].strip()]
    page = "".join(c["text"] for c in chars)
    panel = panels(data, theme)
    side_x = min((r["x0"] for r in panel), default=float("inf"))
    head = [_anchor(b.title), _anchor(b.subtitle)] if b.subtitle else [_anchor(b.title)]
    strip = [_anchor(f.label) for s in b.onepager.sections if isinstance(s.block, model.KpiCards)
             for f in s.block.items]
    below = max((page.find(a) + len(a) for a in strip if a in page), default=0)
    columns, end = {"main": [], "side": []}, below
    for s in b.onepager.sections:
        if isinstance(s.block, model.KpiCards):
            continue
        found = _locate(page, [a for a in map(_anchor, _strings(s.block)) if a], below)
        if not found:                                       # a dropped optional section
            continue
        first = chars[found[0][1]]
        end = max([end] + [at + len(a) for a, at in found])
        columns["side" if first["x0"] >= side_x else "main"].append((first["top"], [a for a, _ in found]))
    body = [a for col in ("main", "side") for _, anchors in sorted(columns[col], key=lambda t: t[0])
            for a in anchors]
    return head + strip + body + _sources(b, page[end:]) + [_anchor(footer_text(b))]


def _locate(page: str, anchors: list[str], start: int) -> list[tuple[str, int]]:
    """Return where a block's anchors sit on the page after ``start``: the tightest run that
    holds them in order (a short heading may also occur inside other text)."""
    best: list[tuple[str, int]] = []
    best_key = (0, 0)
    at = page.find(anchors[0], start) if anchors else -1
    while at >= 0:
        run, end = [(anchors[0], at)], at + len(anchors[0])
        for a in anchors[1:]:
            found = page.find(a, end)
            if found >= 0:
                run.append((a, found))
                end = found + len(a)
        if (len(run), at - end) > best_key or not best:
            best, best_key = run, (len(run), at - end)
        at = page.find(anchors[0], at + 1)
    return best


def _sources(b: model.Briefing, page: str) -> list[str]:
    """Return the printed source entries, each with its printed number, in number order."""
    entries = []
    for entry in dict.fromkeys(_anchor(entry_text(note, b.lang)) for note in b.onepager.notes):
        number = next((n for n in range(1, 30) if f"{n}{entry}" in page), None)
        if number is not None:
            entries.append((number, f"{number}{entry}"))
    return [a for _, a in sorted(entries)]


def out_of_order(text: str, anchors: list[str]) -> list[str]:
    """Return the anchors ``text`` lacks after the ones before them (empty: in order)."""
    flat, at, missing = _flat(text), 0, []
    for a in anchors:
        found = flat.find(a, at)
        if found < 0:
            missing.append(a)
        else:
            at = found + len(a)
    return missing


def pdftotext(data: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def test_the_check_fails_on_a_text_read_across_the_columns():
    anchors = ["标题", "正文第一行", "大事记", "2003年"]
    assert out_of_order("标题 正文第一行 大事记 2003年", anchors) == []
    assert out_of_order("标题 大事记 正文第一行 2003年", anchors) == ["大事记"]


@needs_poppler
@pytest.mark.parametrize("mode", ["default", "raw"])
def test_every_handout_reads_title_strip_main_column_side_panel_sources_footer_in_order_single_spaced(
        handouts, mode):
    checked = 0
    for key, (b, theme, data, _) in handouts:
        anchors = expected(b, data, theme)
        assert len(anchors) >= 12, key
        text = pdftotext(data, *MODES[mode])
        assert out_of_order(text, anchors) == [], (key, mode)
        assert [line for line in text.splitlines() if "  " in line.strip()] == [], (key, mode)
        checked += 1
    assert checked >= 4


@needs_poppler
def test_the_layout_mode_reads_in_order_too(handouts):
    for key, (b, theme, data, _) in handouts[:4]:
        assert out_of_order(pdftotext(data, "-layout"), expected(b, data, theme)) == [], key
