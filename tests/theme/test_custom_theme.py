"""A custom theme file with other colours and a logo changes the deck and the handout together."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from briefgen.build import build
from briefgen.theme import PARK
from paths import DATA, ROOT

OURS = Path(__file__).parent / "ours"
PRIMARY = "7A1F5C"


def spec_with_theme(folder: Path, theme: str) -> Path:
    """Return the park spec copied into ``folder``, naming ``theme``."""
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    assert "\ntheme: park\n" in text
    spec = folder / "park.yaml"
    spec.write_text(text.replace("\ntheme: park\n", f"\ntheme: {theme}\n"), encoding="utf-8")
    return spec


@pytest.fixture(scope="module")
def ours(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ours")
    for f in OURS.iterdir():
        shutil.copy(f, folder / f.name)
    spec = spec_with_theme(folder, "ours.yaml")
    build(spec, folder / "out", langs=["zh"], data_dir=DATA)
    return folder / "out"


def test_the_deck_takes_the_themes_colours_and_logo(ours):
    prs = Presentation(str(ours / "park.pptx"))
    slides = list(prs.slides)
    first, last = slides[0], slides[-1]
    assert str(first.background.fill.fore_color.rgb) == PRIMARY != PARK.palette.primary
    for slide in (first, last):
        logo = [s for s in slide.shapes if s.name == "Logo"]
        assert len(logo) == 1
        assert logo[0].image.blob == (OURS / "logo.png").read_bytes()
        # top right: its right edge 48 pt from the slide's, its top 40 pt down; 3:1 at 40 pt high
        assert (prs.slide_width - logo[0].left - logo[0].width) == pytest.approx(48 * 12700, abs=12700)
        assert logo[0].top == pytest.approx(40 * 12700, abs=12700)
        assert logo[0].width == pytest.approx(3 * logo[0].height, rel=0.01)
    assert not any(s.name == "Logo" for slide in slides[1:-1] for s in slide.shapes)
    colours = {str(r.font.color.rgb) for s in slides[1].shapes if s.has_text_frame
               for p in s.text_frame.paragraphs for r in p.runs if r.font.color.type is not None}
    assert PRIMARY in colours and PARK.palette.primary not in colours


def test_the_handout_takes_the_same_colours_and_logo(ours):
    with pdfplumber.open(ours / "park.pdf") as pdf:
        page = pdf.pages[0]
        band = max(page.rects, key=lambda r: r["width"] * (r["top"] < 5))
        assert band["top"] < 1 and band["width"] == pytest.approx(page.width)
        assert tuple(round(c * 255) for c in band["non_stroking_color"]) == (0x7A, 0x1F, 0x5C)
        (image,) = page.images
        # inside the header band, right-aligned at the content margin, 26 pt high
        assert image["bottom"] < band["bottom"]
        assert image["height"] == pytest.approx(26, abs=0.1)
        assert image["width"] == pytest.approx(78, abs=0.1)


def test_the_builtin_theme_draws_no_logo(tmp_path):
    spec = spec_with_theme(tmp_path, "park")
    build(spec, tmp_path / "out", langs=["zh"], data_dir=DATA)
    prs = Presentation(str(tmp_path / "out" / "park.pptx"))
    assert not any(s.name == "Logo" for slide in prs.slides for s in slide.shapes)
    with pdfplumber.open(tmp_path / "out" / "park.pdf") as pdf:
        assert pdf.pages[0].images == []


def test_a_theme_over_a_template_changes_deck_and_handout_together(tmp_path):
    templates = Path(__file__).parent / "templates"
    shutil.copy(templates / "org43.pptx", tmp_path / "org43.pptx")
    shutil.copy(OURS / "logo.png", tmp_path / "logo.png")
    (tmp_path / "t.yaml").write_text(f"name: t\nextends: park\ntemplate: org43.pptx\nlogo: logo.png\n"
                                     f"colours: {{primary: {PRIMARY}}}\n", encoding="utf-8")
    build(spec_with_theme(tmp_path, "t.yaml"), tmp_path / "out", langs=["zh"], data_dir=DATA)
    prs = Presentation(str(tmp_path / "out" / "park.pptx"))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)       # the template's 4:3
    cover = prs.slides[0]
    assert str(cover.background.fill.fore_color.rgb) == PRIMARY
    (logo,) = [s for s in cover.shapes if s.name == "Logo"]
    assert logo.image.blob == (OURS / "logo.png").read_bytes()
    assert logo.left + logo.width <= prs.slide_width
    with pdfplumber.open(tmp_path / "out" / "park.pdf") as pdf:
        page = pdf.pages[0]
        band = max(page.rects, key=lambda r: r["width"] * (r["top"] < 5))
        assert tuple(round(c * 255) for c in band["non_stroking_color"]) == (0x7A, 0x1F, 0x5C)
        assert len(page.images) == 1
