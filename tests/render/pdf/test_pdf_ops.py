"""Drawing operations for the one-pager: moving laid-out blocks and painting them on a canvas."""

from __future__ import annotations

from briefgen.render.pdf.ops import (
    ChartBox, Dot, Laid, Line, Rect, Span, Text, _pdf_text, paint, reading_span, texts,
)
from briefgen.render.pdf.text import PdfFonts


class Face:
    def __init__(self, name):
        self.name = name


class Recorder:
    """A stand-in canvas that records the calls paint makes."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *a, **k: self.calls.append((name, a))


def test_place_moves_every_op_and_both_ends_of_a_line():
    laid = Laid(10.0, [Text(1, 2, "a", 8, "000000"), Line(0, 0, 5, 5, 1, "000000"), Dot(1, 1, 1, "000000")])
    moved = laid.place(10, 20)
    assert (moved[0].x, moved[0].y) == (11, 22)
    assert (moved[1].x, moved[1].y, moved[1].x2, moved[1].y2) == (10, 20, 15, 25)
    assert texts(moved) == [moved[0]]


def test_actual_text_is_utf16_hex_with_a_byte_order_mark():
    assert _pdf_text(" 1") == "<FEFF00200031>"
    assert _pdf_text("年") == "<FEFF5E74>"


def test_paint_flips_to_reportlab_coordinates_and_wraps_actual_text():
    canvas, drawn = Recorder(), []
    fonts = PdfFonts(Face("R"), Face("B"))
    ops = [Text(10, 100, "1", 5, "112233", actual=" 1"), Rect(0, 10, 50, 20, "FFFFFF"),
           ChartBox(5, 200, 100, 50, "chart")]
    paint(canvas, ops, fonts, 842.0, lambda c, chart, x, y, w, h: drawn.append((chart, x, y, w, h)))
    names = [c[0] for c in canvas.calls]
    assert names[:5] == ["setFillColor", "setFont", "addLiteral", "drawString", "addLiteral"]
    assert canvas.calls[1][1] == ("R", 5)
    assert canvas.calls[3][1] == (10, 742.0, "1")
    assert ("rect", (0, 812.0, 50, 20)) in [(c[0], c[1]) for c in canvas.calls]
    assert drawn == [("chart", 5, 592.0, 100, 50)]


def test_a_span_extracts_as_its_actual_text_and_the_text_inside_takes_none_of_its_own():
    canvas = Recorder()
    fonts = PdfFonts(Face("R"), Face("B"))
    ops = [Span(actual="21 years[1] Years"), Text(0, 10, "21", 20, "000000", bold=True),
           Text(30, 10, "1", 7, "000000", actual="[1]"), Span(end=True), Text(0, 40, "2", 7, "000000", actual="[2]")]
    paint(canvas, ops, fonts, 842.0, lambda *a: None)
    literals = [c[1][0] for c in canvas.calls if c[0] == "addLiteral"]
    assert literals == [f"/Span <</ActualText {_pdf_text('21 years[1] Years')}>> BDC", "EMC",
                        f"/Span <</ActualText {_pdf_text('[2]')}>> BDC", "EMC"]


def test_a_reading_span_reads_its_parts_in_order_a_line_a_line():
    main = [Text(0, 10, "第一行", 10, "000000"), Text(0, 27, "第二行。", 10, "000000"),
            Text(40, 23, "1", 6, "000000", actual="[1]"),
            Span(actual="图：数据"), Text(0, 60, "轴", 7, "000000"), Span(), Span(end=True), Span(end=True)]
    side = [Text(300, 5, "1", 8, "000000", bold=True), Text(310, 5, "《名片》", 8, "000000")]
    ops = reading_span(main, side)
    assert ops[0] == Span(actual="第一行\n第二行。[1]\n图：数据\n1 《名片》") and ops[-1] == Span(end=True)
    assert ops[1:-1] == main + side
    assert reading_span([Rect(0, 0, 1, 1, "FFFFFF")]) == [Rect(0, 0, 1, 1, "FFFFFF")]


def test_only_the_outermost_span_is_written_since_viewers_do_not_nest_actual_text():
    canvas = Recorder()
    ops = [Span(actual="all"), Span(actual="inner"), Text(0, 10, "x", 8, "000000"), Span(end=True),
           Span(), Span(end=True), Span(end=True)]
    paint(canvas, ops, PdfFonts(Face("R"), Face("B")), 842.0, lambda *a: None)
    literals = [c[1][0] for c in canvas.calls if c[0] == "addLiteral"]
    assert literals == [f"/Span <</ActualText {_pdf_text('all')}>> BDC", "EMC"]
