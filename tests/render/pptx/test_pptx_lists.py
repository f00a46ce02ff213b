"""Tests of lists: fitted or split into pages sharing one size, and the two-column comparison."""

from __future__ import annotations

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import Bullet, Bullets, Column, Compare, Paragraph, Slide
from briefgen.render.pptx.listplan import fit_list, items_of, plan_list
from briefgen.render.pptx.lists import heading_of
from briefgen.theme import deck as D
from model_samples import briefing
from test_render_pptx import open_deck, render_deck, run_sizes, shape_named, with_slides

LONG = "江苏江阴—靖江工业园区成立于2003年8月29日，是全国首个跨江、跨行政区域联动共建的开放园区。"


def test_items_keep_levels_and_paragraphs_have_no_marker():
    block = Bullets((Bullet("a"), Bullet("b", level=1)))
    assert items_of(block) == [("a", 0), ("b", 1)]
    assert items_of(Paragraph("p")) == [("p", -1)]


def test_a_short_list_is_one_page_at_the_largest_size():
    assert plan_list([("短", 0)] * 3, D.CONTENT_W, D.BODY_H, origin=None, what="x") == \
        [([("短", 0)] * 3, D.BODY.max)]


def test_a_long_list_splits_into_pages_that_share_one_size_and_each_fit():
    items = [(LONG * 2, 0)] * 12
    pages = plan_list(items, D.CONTENT_W, D.BODY_H, origin=None, what="x")
    assert len(pages) >= 2 and sum(len(g) for g, _ in pages) == 12
    assert len({size for _, size in pages}) == 1
    for group, size in pages:
        assert size >= D.BODY.min
        assert fit_list(group, D.CONTENT_W, D.BODY_H, D.Range(size, size)).fits


def test_one_paragraph_longer_than_a_page_fails_naming_the_origin():
    with pytest.raises(FitError, match=r"^l.yaml:2:3: the list overflows its box by \d+ pt at "
                                       r"the 14 pt floor$"):
        plan_list([(LONG * 40, 0)], D.CONTENT_W, D.BODY_H, origin=Origin("l.yaml", 2, 3),
                  what="the list")


def test_a_heading_is_drawn_unless_the_title_says_it():
    assert heading_of(Bullets((), heading="大事记"), "园区大事记") == ""
    assert heading_of(Bullets((), heading="主导产业"), "产业") == "主导产业"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_draws_both_columns_at_one_size(lang):
    model = briefing(lang)
    slide = next(s for s in model.slides if s.kind == "compare")
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    cols = [shape_named(prs.slides[0], f"Column {i}")[0] for i in (1, 2)]
    block = slide.blocks[0]
    for col, side in zip(cols, (block.left, block.right)):   # written breaks (\v) aside
        assert [p.text.replace("\v", "") for p in col.text_frame.paragraphs] == \
            [b.text for b in side.items]
    assert set(run_sizes(cols[0])) == set(run_sizes(cols[1]))
    heads = [shape_named(prs.slides[0], f"Column heading {i}")[0].text_frame.text for i in (1, 2)]
    assert heads == [block.left.heading, block.right.heading]


def test_a_comparison_too_long_continues_on_further_slides_in_both_columns():
    model = briefing("zh")
    col = Column("甲", tuple(Bullet(f"{i}号：" + LONG[:40]) for i in range(30)))
    slide = Slide("compare", "对比", (Compare(col, col, origin=Origin("c.yaml", 5, 1)),))
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    assert len(prs.slides) > 1
    assert prs.slides[1].shapes.title.text_frame.text.replace("\n", "") == f"对比（续 2/{len(prs.slides)}）"
    shown = [p.text.replace("\x0b", "") for s in prs.slides
             for p in shape_named(s, "Column 1")[0].text_frame.paragraphs]    # breaks written in
    assert shown == [b.text for b in col.items]


def test_a_comparison_item_too_long_for_a_whole_panel_says_what_to_do():
    model = briefing("zh")
    col = Column("甲", (Bullet("园区" * 900),))
    slide = Slide("compare", "对比", (Compare(col, col, origin=Origin("c.yaml", 5, 1)),))
    with pytest.raises(FitError) as err:
        render_deck(with_slides(model, slide))
    message = str(err.value)
    assert message.startswith("c.yaml:5:1: [zh] an item of the comparison column “甲” "
                              "(“园区园区园区园区园区园区园区园区园区园区园区…”) is about ")
    assert message.endswith("too long at the 14 pt floor: shorten this item; split it into two items")
    lines = int(message.split("(")[2].split(" ")[0])
    assert lines >= 10


def test_two_headed_lists_on_a_bullets_slide_stand_in_columns_under_their_headings():
    model = briefing("zh")
    firms = Bullets((Bullet("新扬子造船"), Bullet("长强钢铁")), "龙头企业")
    projects = Bullets((Bullet("350钢管"), Bullet("均和产业园")), "重大项目")
    page = open_deck(render_deck(with_slides(model, Slide("bullets", "企业与项目",
                                                          (firms, projects))))[0]).slides[0]
    heads = [shape_named(page, f"Heading {i}")[0] for i in (1, 2)]
    lists = [shape_named(page, f"Bullets {i}")[0] for i in (1, 2)]
    assert [h.text_frame.text for h in heads] == ["龙头企业", "重大项目"]
    assert [b.text_frame.text.split("\n") for b in lists] == [["新扬子造船", "长强钢铁"],
                                                              ["350钢管", "均和产业园"]]
    assert heads[0].left + heads[0].width <= heads[1].left
    assert all(b.top > h.top for b, h in zip(lists, heads))


def test_compare_panels_are_as_tall_as_the_longer_list_and_headings_sit_at_the_top():
    model = briefing("zh")
    left = Column("主导产业", tuple(Bullet(t) for t in ("船舶制造", "高精钢构", "机械装备", "汽车零部件")))
    right = Column("新兴产业", (Bullet("新能源"),))
    page = open_deck(render_deck(with_slides(model, Slide("compare", "产业",
                                                          (Compare(left, right),))))[0]).slides[0]
    panels = [shape_named(page, f"Panel {i}")[0] for i in (1, 2)]
    assert panels[0].height == panels[1].height
    assert panels[0].height / 12700 < D.BODY_H * 0.8              # not the whole body
    col = shape_named(page, "Column 1")[0]
    assert abs((panels[0].top + panels[0].height) - (col.top + col.height)
               - D.COMPARE_PANEL_PAD * 12700) <= 12700             # the longer list fills it
    head = shape_named(page, "Column heading 1")[0]
    size = run_sizes(head)[0]
    assert head.height / 12700 <= size * D.TITLE_LINE + 0.5        # one line: no gap above it
