"""Tests of the shared frame: source line, footer, continuation titles and missing blocks."""

from __future__ import annotations

from briefgen.model import Slide
from briefgen.render.pptx.chrome import Ctx, continued, source_line
from briefgen.render.pptx.text import TextWriter
from briefgen.theme import CITY
from model_samples import briefing, notes
from test_render_pptx import open_deck, render_deck, shape_named, with_slides


def _ctx(lang: str) -> Ctx:
    return Ctx(briefing(lang), CITY, TextWriter(CITY, lang))


def test_source_line_lists_each_source_once():
    zh = Slide("bullets", "t", sources=notes("zh")[:6])
    assert source_line(_ctx("zh"), zh) == \
        "来源：《江苏江阴—靖江工业园区简介》，2024；《江阴GDP破5000亿元》，2025-01"
    en = Slide("bullets", "t", sources=notes("en")[:1])
    assert source_line(_ctx("en"), en) == \
        "Source: Profile of the Jiangsu Jiangyin–Jingjiang Industrial Park, 2024"
    assert source_line(_ctx("en"), Slide("bullets", "t")) == ""


def test_continued_titles():
    assert continued(_ctx("zh"), "大事记") == "大事记（续）"
    assert continued(_ctx("en"), "Milestones") == "Milestones (continued)"
    assert continued(_ctx("zh"), "大事记", 2, 3) == "大事记（续 2/3）"
    assert continued(_ctx("en"), "Milestones", 2, 3) == "Milestones (continued, 2 of 3)"


def test_footer_shows_wordmark_source_as_of_and_page_number():
    model = briefing("zh")
    prs = open_deck(render_deck(with_slides(model, model.slides[0], model.slides[3]), CITY)[0])
    page = prs.slides[1]
    assert shape_named(page, "Wordmark")[0].text_frame.text == "江阴"
    assert shape_named(page, "Source")[0].text_frame.text.startswith("来源：《江苏江阴")
    assert shape_named(page, "Footer date and page")[0].text_frame.text == "数据截至2025年1月   2"
    assert not shape_named(prs.slides[0], "Footer date and page")     # covers have no footer


def test_a_content_slide_subtitle_sits_under_the_title():
    model = briefing("en")
    slide = Slide("bullets", "Title", model.slides[3].blocks, subtitle="A subtitle",
                  sources=model.notes[:1])
    page = open_deck(render_deck(with_slides(model, slide))[0]).slides[0]
    sub = shape_named(page, "Subtitle")[0]
    assert sub.text_frame.text == "A subtitle"
    assert sub.top >= page.shapes.title.top + page.shapes.title.height


def test_every_content_slide_puts_its_source_line_in_the_footer():
    from briefgen.theme import deck as D
    model = briefing("zh")
    prs = open_deck(render_deck(model)[0])
    placed = 0
    for page in prs.slides:
        for source in shape_named(page, "Source"):
            placed += 1
            assert abs(source.top / 12700 - D.FOOTER_Y) < 0.5
        for under in shape_named(page, "Chart source"):     # a chart keeps only its footnote
            assert "来源" not in under.text_frame.text
    assert placed >= 5


def test_a_slide_repeating_another_and_a_column_splitting_its_heading_are_warnings():
    from briefgen.errors import Origin
    from briefgen.model import Bullet, Bullets, Column, Compare
    model = briefing("zh")
    a = Slide("bullets", "产业", (Bullets(tuple(Bullet(t) for t in ("船舶", "钢构", "冶金", "装备"))),),
              origin=Origin("s.yaml", 3, 3))
    b = Slide("compare", "基地", (Compare(Column("基地", tuple(Bullet(t) for t in ("船舶", "钢构", "冶金"))),
                                          Column("“一湾一谷”", (Bullet("一湾"), Bullet("一谷")))),),
              origin=Origin("s.yaml", 9, 3))
    warnings = render_deck(with_slides(model, a, b))[1]
    assert warnings == [
        "s.yaml:9:3: comparison column “一湾一谷”: its items only split its heading; give each item "
        "what it means",
        "s.yaml:9:3: slide “基地” repeats 3 of its 5 items from slide “产业”; show something new or "
        "leave one of them out",
    ]


def test_set_background_writes_what_python_pptx_s_solid_fill_writes():
    from lxml import etree
    from pptx import Presentation
    from pptx.dml.color import RGBColor

    from briefgen.render.pptx.chrome import set_background

    prs = Presentation()
    ours, theirs = (prs.slides.add_slide(prs.slide_layouts[5]) for _ in range(2))
    set_background(ours, "1D3557")
    fill = theirs.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string("1D3557")
    assert etree.tostring(ours._element) == etree.tostring(theirs._element)
    assert b'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="1D3557"/>' in etree.tostring(ours._element)
    set_background(ours, "FFFFFF")              # a background already there: replaced in place
    fill.fore_color.rgb = RGBColor.from_string("FFFFFF")
    assert etree.tostring(ours._element) == etree.tostring(theirs._element)
