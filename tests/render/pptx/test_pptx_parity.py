"""zh/en parity of layout: the repository's decks have, slide by slide, the same shapes in the
same grid, and their type sizes differ by at most ``PARITY_RATIO``."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pptx import Presentation

from briefgen.build import prepare
from briefgen.render.pptx import DeckPlan, merge_plans, render_pptx
from briefgen.theme import deck as D
from paths import ROOT

EMU = 12700
SIZED = ("Figure ", "Label ", "Event ", "Bullets", "Column ", "Commentary", "Quote")


@pytest.fixture(scope="module", params=["park", "city"])
def decks(request):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        _, every, theme = prepare(Path("specs") / f"{request.param}.yaml", None, ROOT / "assets" / "data")
    finally:
        os.chdir(cwd)
    plans = {b.lang: DeckPlan(b, theme) for b in every}
    merged = merge_plans([p.made for p in plans.values()])
    out = {}
    for b in every:
        plans[b.lang].widen(merged)
        buf = io.BytesIO()
        render_pptx(b, theme, buf, plan=plans[b.lang])
        out[b.lang] = Presentation(io.BytesIO(buf.getvalue()))
    return request.param, out


def boxes(slide) -> dict[str, tuple[int, int, int, int]]:
    """Return each named shape's (left, top, width, height) in points, the title left out."""
    return {("Chart" if s.name.startswith("Chart: ") else s.name):
            tuple(round(v / EMU) for v in (s.left, s.top, s.width, s.height))
            for s in slide.shapes if not s.is_placeholder}


def largest_size(shape) -> float:
    """Return the largest run size in ``shape`` (pt)."""
    return max((r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size),
               default=0.0)


def test_the_same_slides_hold_the_same_shapes(decks):
    _, d = decks
    zh, en = d["zh"], d["en"]
    assert len(zh.slides) == len(en.slides)
    for n, (a, b) in enumerate(zip(zh.slides, en.slides), start=1):
        assert sorted(boxes(a)) == sorted(boxes(b)), f"slide {n}"


def test_cards_panels_and_columns_stand_in_the_same_grid(decks):
    _, d = decks
    grid = ("Card ", "Panel ", "Event ", "Dot ", "Heading ", "Commentary panel")
    for n, (a, b) in enumerate(zip(d["zh"].slides, d["en"].slides), start=1):
        za, eb = boxes(a), boxes(b)
        for name in za:
            if name.startswith(grid) and not name.startswith("Card rule"):
                if name.startswith(("Panel ", "Commentary panel", "Event ")):
                    assert za[name][0] == eb[name][0] and za[name][2] == eb[name][2], \
                        f"slide {n} {name}: {za[name]} vs {eb[name]}"   # heights follow the text
                else:
                    assert za[name][:3] == eb[name][:3], f"slide {n} {name}: {za[name]} vs {eb[name]}"


def test_type_sizes_agree_within_the_parity_ratio(decks):
    name, d = decks
    checked = 0
    for n, (a, b) in enumerate(zip(d["zh"].slides, d["en"].slides), start=1):
        by_name = {s.name: s for s in b.shapes}
        for s in a.shapes:
            if not s.name.startswith(SIZED) or not s.has_text_frame or s.name not in by_name:
                continue
            zs, es = largest_size(s), largest_size(by_name[s.name])
            if zs and es:
                checked += 1
                ratio = max(zs, es) / min(zs, es)
                assert ratio <= D.PARITY_RATIO + 1e-6, f"{name} slide {n} {s.name}: {zs} vs {es}"
    assert checked > 20
