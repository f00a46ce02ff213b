"""Tests of tables: measured widths and heights, styled cells with faces, rows continued."""

from __future__ import annotations

import pytest
from pptx.oxml.ns import qn

from briefgen.errors import FitError, Origin
from briefgen.model import Slide, Table
from briefgen.render.pptx.table import column_widths, plan_table
from briefgen.theme import deck as D
from model_samples import briefing
from test_render_pptx import open_deck, render_deck, with_slides


def _table(rows: int, text: str = "船舶制造、高精钢构、冶金新材料") -> Table:
    return Table(("类别", "产业"), tuple((f"第{i}类", text) for i in range(rows)))


def test_columns_share_the_width_by_content():
    widths = column_widths(_table(2), D.CONTENT_W)
    assert sum(widths) == pytest.approx(D.CONTENT_W)
    assert widths[1] > widths[0] >= D.CONTENT_W * D.TABLE_MIN_COL * 0.99


def test_a_short_table_fits_one_slide_at_the_largest_size():
    plans = plan_table(_table(3), None)
    assert len(plans) == 1 and plans[0].size == D.TABLE_BODY.max
    assert sum(plans[0].heights) <= D.BODY_H


def test_a_long_table_continues_with_its_header_repeated():
    model = briefing("zh")
    slide = Slide("table", "产业", (_table(30),))
    prs = open_deck(render_deck(with_slides(model, slide))[0])
    assert len(prs.slides) >= 2
    n = len(prs.slides)
    assert [s.shapes.title.text for s in prs.slides][1:] == [f"产业（续 {i}/{n}）" for i in range(2, n + 1)]
    seen = []
    for s in prs.slides:
        grid = next(sh for sh in s.shapes if sh.has_table).table
        assert [c.text for c in grid.rows[0].cells] == ["类别", "产业"]
        seen += [grid.cell(r, 0).text for r in range(1, len(grid.rows))]
        tops = [sh.top + sh.height for sh in s.shapes if sh.has_table]
        assert max(tops) <= D.BODY_BOTTOM * 12700 + 1
    assert seen == [f"第{i}类" for i in range(30)]


def test_cells_carry_fills_padding_and_east_asian_faces():
    model = briefing("zh")
    table = next(s for s in model.slides if s.kind == "table")
    prs = open_deck(render_deck(with_slides(model, table))[0])
    frame = next(sh for sh in prs.slides[0].shapes if sh.has_table)
    tc = frame.table.cell(1, 1)._tc
    assert tc.tcPr.find(qn("a:solidFill")) is not None
    assert tc.tcPr.get("marL") == str(round(D.TABLE_PAD_X * 12700))
    for rpr in tc.iter(qn("a:rPr"), qn("a:endParaRPr")):
        assert rpr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
    assert frame.table.first_row


def test_a_row_taller_than_a_slide_fails_with_the_origin():
    with pytest.raises(FitError, match=r"^t.yaml:4:2: a table row overflows its box by \d+ pt"):
        plan_table(_table(1, "园区" * 900), Origin("t.yaml", 4, 2))


@pytest.mark.parametrize("lang, note", [("zh", "— 来源未注明"), ("en", "— not stated in the source")])
def test_a_missing_period_prints_a_dash_explained_under_the_table(lang, note):
    table = Table(("指标", "数值", "时间"), (("工商开票规模", "达千亿元", "2026年"), ("亿吨港区", "亿吨", "")))
    page = open_deck(render_deck(with_slides(briefing(lang), Slide("table", "目标", (table,))))[0]).slides[0]
    frame = next(s for s in page.shapes if s.has_table)
    assert frame.table.cell(2, 2).text_frame.text == "—"
    explained = [s for s in page.shapes if s.name == "Table note"][0]
    assert explained.text_frame.text == note
    assert explained.top >= frame.top + frame.height
