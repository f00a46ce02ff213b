"""Pictures, charts and captions in a template's placeholders (the sample briefing on org43.pptx)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PP

from briefgen.model import Bullet, Bullets, Image, Slide
from briefgen.render.pptx import render_pptx
from briefgen.theme.load import load_theme
from model_samples import briefing

TEMPLATES = Path(__file__).parent / "templates"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
EMU = 12700


@pytest.fixture(scope="module")
def deck():
    """Return the sample briefing's deck on org43.pptx, with a picture slide added."""
    b = briefing("zh")
    picture = Slide("image", "园区标志", (Image(str(TEMPLATES / "org-logo.png"), "机构标志",
                                               caption="机构标志：三角与色带"),))
    headed = Slide("bullets", "园区优势", (Bullets((Bullet("区位优越"), Bullet("产业集聚")),
                                                heading="三大优势"),))
    b = replace(b, slides=b.slides + (headed, picture))
    out = io.BytesIO()
    render_pptx(b, load_theme(TEMPLATES / "org.yaml"), out)
    return Presentation(io.BytesIO(out.getvalue()))


def _ph(shape):
    return shape._element.find(f"./*[1]/{P}nvPr/{P}ph")


def _layout_box(slide, type_):
    p = next(p for p in slide.slide_layout.placeholders if p.placeholder_format.type == type_)
    return p.left, p.top, p.width, p.height


def test_a_chart_without_commentary_fills_the_content_placeholder(deck):
    slide = next(s for s in deck.slides if s.shapes.title.text == "江阴制造的全国份额")
    chart = next(s for s in slide.shapes if getattr(s, "has_chart", False))
    assert _ph(chart).get("idx") == "1"              # it claims the layout's content placeholder
    box = (chart.left, chart.top, chart.width, chart.height)
    assert box == pytest.approx(_layout_box(slide, PP.OBJECT), abs=2)   # and has its size


def test_a_chart_with_commentary_stays_inside_the_content_placeholder(deck):
    slide = next(s for s in deck.slides if s.shapes.title.text == "江阴GDP跨越三个台阶")
    chart = next(s for s in slide.shapes if getattr(s, "has_chart", False))
    x, y, w, h = _layout_box(slide, PP.OBJECT)
    assert _ph(chart).get("idx") == "1"
    assert x - 2 <= chart.left and chart.left + chart.width < x + w
    assert y - 2 <= chart.top and chart.top + chart.height <= y + h + 2


def test_a_picture_fits_the_picture_placeholder_and_its_caption_the_text_one(deck):
    slide = deck.slides[-1]
    assert slide.slide_layout.name == "图片与标题"
    pic = next(s for s in slide.shapes if s._element.tag == f"{P}pic")
    assert (_ph(pic).get("type"), _ph(pic).get("idx")) == ("pic", "1")
    x, y, w, h = _layout_box(slide, PP.PICTURE)
    # the 2:1 logo as wide as the 432 × 324 pt placeholder, centred in it, never cropped
    assert (pic.width, pic.left) == (pytest.approx(w, abs=2), pytest.approx(x, abs=2))
    assert pic.height == pytest.approx(w / 2, abs=EMU)
    assert pic.top == pytest.approx(y + (h - pic.height) / 2, abs=EMU)
    assert (pic.crop_left, pic.crop_top) == (0, 0)
    caption = next(s for s in slide.placeholders if s.placeholder_format.type == PP.BODY)
    assert caption.text == "机构标志：三角与色带"
    assert caption._element.find(f"./{P}spPr/*") is None         # the layout's box
    assert slide.shapes.title.text == "园区标志"


def test_a_headed_list_goes_into_the_content_placeholder_under_its_heading(deck):
    slide = deck.slides[-2]
    body = next(s for s in slide.placeholders if s.placeholder_format.type == PP.OBJECT)
    assert [p.text for p in body.text_frame.paragraphs] == ["三大优势", "区位优越", "产业集聚"]
    assert body._element.find(f"./{P}spPr/*") is None            # the layout's box
    heading, first = body.text_frame.paragraphs[:2]
    assert heading.runs[0].font.bold and not first.runs[0].font.bold
    assert first._p.find(f"{A}pPr/{A}buChar") is not None          # items keep their markers
