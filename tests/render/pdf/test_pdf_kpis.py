"""The one-pager's KPI strip: one number size for all, affixes inline or on a kicker line."""

from __future__ import annotations

import dataclasses

from briefgen.model import KpiCards
from briefgen.render.pdf.kpis import _number_size, kpi_strip, kpi_strings
from briefgen.render.pdf.ops import Line, Span, Text
from model_samples import figures
from test_pdf_text import typesetter

WIDTH = 515.0


def numbers(laid, items) -> list[Text]:
    """Return the Text ops that set the figures' numbers."""
    wanted = {f.number for f in items}
    return [op for op in laid.ops if isinstance(op, Text) and op.bold and op.text in wanted]


def test_chinese_figures_sit_inline_at_the_design_size():
    ts = typesetter("zh")
    size, mode = _number_size(figures("zh"), ts, 90.0)
    assert (size, mode) == (ts.size("kpi_number"), "inline")


def test_english_prefixes_move_to_a_kicker_line_rather_than_shrink_the_numbers():
    ts = typesetter("en")
    size, mode = _number_size(figures("en"), ts, 100.0)
    assert mode == "kicker" and size == ts.size("kpi_number")
    laid = kpi_strip(KpiCards(figures("en")), ts, WIDTH)
    kicker = [op for op in laid.ops if isinstance(op, Text) and op.text in ("RMB", "about")]
    big = numbers(laid, figures("en"))
    assert len(kicker) == 2 and all(k.y < big[0].y for k in kicker)
    assert len({op.y for op in big}) == 1 and len({op.size for op in big}) == 1


def test_every_number_line_stays_inside_its_cell_even_when_narrow():
    ts = typesetter("en")
    items = figures("en")
    for width in (515.0, 400.0, 300.0):
        laid = kpi_strip(KpiCards(items), ts, width)
        starts = sorted({op.x for op in laid.ops if isinstance(op, Line)})
        cell = laid.ops[1].x2 - laid.ops[1].x            # the first cell's top rule
        for op in laid.ops:
            if isinstance(op, Text):
                left = max(s for s in starts if s <= op.x + 1e-6)
                assert op.x + ts.width(op.text, op.size, op.bold) <= left + cell + 0.01, (width, op)


def test_a_figure_never_stacks_on_three_lines():
    ts = typesetter("en")
    fig = dataclasses.replace(figures("en")[1], prefix="over RMB", number="14.13", suffix="billion")
    for count in (4, 5, 6):
        laid = kpi_strip(KpiCards((fig,) * count), ts, WIDTH)
        big = numbers(laid, (fig,))
        suffixes = [op for op in laid.ops if isinstance(op, Text) and op.text == "billion"]
        assert len(suffixes) == count
        assert all(any(abs(s.y - n.y) < 0.01 for n in big) for s in suffixes)   # on the number's line
        assert min(op.size for op in big) >= ts.page.type.kpi_number.floor


def test_six_figures_too_wide_for_one_row_wrap_into_two_even_rows():
    ts = typesetter("en")
    fig = dataclasses.replace(figures("en")[1], prefix="over RMB", number="14,130.55", suffix="billion")
    laid = kpi_strip(KpiCards((fig,) * 6), ts, WIDTH)
    rows = sorted({op.y for op in numbers(laid, (fig,))})
    assert len(rows) == 2
    assert [sum(1 for n in numbers(laid, (fig,)) if n.y == y) for y in rows] == [3, 3]


def test_each_figure_cites_its_document_and_the_strip_reads_figure_by_figure():
    ts = typesetter("en")
    laid = kpi_strip(KpiCards(figures("en")), ts, WIDTH)
    marks = [op.text for op in laid.ops if isinstance(op, Text) and op.color == ts.palette.accent]
    assert marks == [str(f.note) for f in figures("en")]
    spans = [op for op in laid.ops if isinstance(op, Span)]
    assert len(spans) == 2 and spans[-1].end and not spans[0].end
    assert spans[0].actual.split("; ")[1] == "RMB 100 billion[2] Park business revenue target 2026"
    assert spans[0].actual.endswith("about 2,590 ha[7] Industrial land reclaimed 2021–2024 (38,800 mu)")


def test_more_than_six_figures_wrap_to_a_second_row():
    ts = typesetter("zh")
    items = figures("zh") + figures("zh")[:3]
    laid = kpi_strip(KpiCards(items), ts, WIDTH)
    rows = sorted({op.y for op in numbers(laid, items)})
    one_row = kpi_strip(KpiCards(items[:4]), ts, WIDTH)
    assert len(rows) == 2 and laid.height > 2 * one_row.height - 1.0


def test_strings_cover_the_number_label_and_period():
    fig = dataclasses.replace(figures("en")[4])
    texts = [t for t, _ in kpi_strings(KpiCards((fig,)), "en")]
    assert texts == ["about 2,590 ha7", "Industrial land reclaimed", "2021–2024 (38,800 mu)"]
