"""Native, editable PowerPoint charts drawn from a chart plan, with their data embedded.

``add_chart`` puts one chart on a slide: a python-pptx chart (its workbook embedded, so
PowerPoint and LibreOffice open it for editing) with the footnote and source line in a
small text box under it, both inside the given box. Every piece of chart text names the
deck's Latin and East Asian typefaces and the language (python-pptx writes only
``a:latin``; see NOTES.md), the value axis is hidden because every point is labelled,
and nothing is 3-D.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace

from lxml import etree
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.chart import XL_MARKER_STYLE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.text.text import Font
from pptx.util import Emu, Pt

from briefgen.fonts.measure import deck_metrics
from briefgen.model import Chart
from briefgen.render.charts.style import ChartPlan, Mark, chart_plan
from briefgen.render.pptx.chartlook import Deck, category_axis, fill, labels, rgb, value_axis
from briefgen.render.pptx.chartparts import chart_frame, part_key, pin_workbook
from briefgen.render.pptx.timeaxis import on_time_axis
from briefgen.text import breakcache
from briefgen.text.fit import break_lines
from briefgen.theme import Theme
from briefgen.theme import deck as D

TRACK_NAME = "100%"                  # the series standing for the whole behind share bars
NOTE_SIZE = D.CAPTION.min            # footnote and source line under a chart
NOTE_PITCH = D.CAPTION.min * D.CAPTION_LINE


def _draw_bars(chart_, plan: ChartPlan, chart: Chart, deck: Deck) -> None:
    plot = chart_.plots[0]
    plot.gap_width = plan.gap_width
    plot.overlap = 0
    plot.vary_by_categories = False
    for series, ps in zip(plot.series, plan.series):
        series.invert_if_negative = False
        fill(series.format, _most_common(ps.marks))
        for i, mark in enumerate(ps.marks):
            fill(series.points[i].format, mark.fill, mark.edge, deck.style.deck_outline)
        labels(series, ps.marks, chart, deck, XL_LABEL_POSITION.OUTSIDE_END, custom=False)
    category_axis(chart_, deck, reverse=plan.form == "bar")
    value_axis(chart_, plan, deck)


def _draw_share(chart_, plan: ChartPlan, chart: Chart, deck: Deck) -> None:
    plot = chart_.plots[0]
    plot.gap_width = plan.gap_width
    plot.overlap = 100                        # the share lies over its track
    plot.vary_by_categories = False
    track, share = plot.series
    fill(track.format, plan.track)
    track.invert_if_negative = False
    share.invert_if_negative = False
    marks = plan.series[0].marks
    fill(share.format, _most_common(marks))
    for i, mark in enumerate(marks):
        fill(share.points[i].format, mark.fill, mark.edge, deck.style.deck_outline)
    labels(share, marks, chart, deck, XL_LABEL_POSITION.OUTSIDE_END, custom=True)
    category_axis(chart_, deck, reverse=True, line=False)    # the track shows the whole
    value_axis(chart_, plan, deck)


def _draw_line(chart_, plan: ChartPlan, chart: Chart, deck: Deck) -> None:
    style = deck.style
    plot = chart_.plots[0]
    plot.vary_by_categories = False
    for series, ps in zip(plot.series, plan.series):
        series.smooth = False
        base = _most_common(ps.marks)
        series.format.line.color.rgb = rgb(base)
        series.format.line.width = Pt(style.deck_line)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = int(style.deck_marker)
        fill(series.marker.format, base)
        for i, mark in enumerate(ps.marks):
            marker = series.points[i].marker
            marker.style = XL_MARKER_STYLE.CIRCLE
            marker.size = int(style.deck_marker)
            fill(marker.format, mark.fill, mark.edge or mark.fill, style.deck_outline)
        labels(series, ps.marks, chart, deck, XL_LABEL_POSITION.ABOVE, custom=False)
    category_axis(chart_, deck, reverse=False)
    value_axis(chart_, plan, deck)


def _most_common(marks: tuple[Mark, ...]) -> str:
    fills = [m.fill for m in marks]
    return max(fills, key=fills.count) if fills else ""


# form -> (chart type, how to draw it)
_FORMS = {
    "column": (XL_CHART_TYPE.COLUMN_CLUSTERED, _draw_bars),
    "bar": (XL_CHART_TYPE.BAR_CLUSTERED, _draw_bars),
    "share": (XL_CHART_TYPE.BAR_CLUSTERED, _draw_share),
    "line": (XL_CHART_TYPE.LINE_MARKERS, _draw_line),
}


def _chart_data(plan: ChartPlan, chart: Chart):
    """Return the embedded data: the plan's categories and values (plus the share track)."""
    from pptx.chart.data import CategoryChartData      # xlsxwriter: only when a chart is drawn live

    data = CategoryChartData(number_format=chart.number_format)
    data.categories = plan.categories
    if plan.form == "share":
        data.add_series(TRACK_NAME, [plan.whole] * len(plan.categories))
    for ps in plan.series:
        data.add_series(ps.name, ps.values)
    return data


def _notes_height(plan: ChartPlan, width_pt: float) -> tuple[list[str], float]:
    """Return the notes as wrapped lines and the height they take (pt) at the deck size."""
    metrics = deck_metrics(False)
    measure = lambda s: metrics.width(s, NOTE_SIZE)  # noqa: E731
    room = width_pt * (1 - D.WIDTH_MARGIN)
    lines = [line for note in plan.notes
             for line in breakcache.lines("deck", note, room, NOTE_SIZE, metrics,
                                          lambda: break_lines(note, room, measure))]
    return lines, len(lines) * NOTE_PITCH


def _add_notes(slide, plan: ChartPlan, x, y, cx, cy, deck: Deck) -> None:
    """Put the footnote and the source line in a text box filling (x, y, cx, cy)."""
    box = slide.shapes.add_textbox(x, y, cx, cy)
    box.name = "Chart source"
    tf = box.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    for i, note in enumerate(plan.notes):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.line_spacing = Pt(NOTE_PITCH)
        run = p.add_run()
        run.text = note
        deck.font(run.font, NOTE_SIZE, False, deck.palette.muted)
        deck.font(Font(p._p.get_or_add_endParaRPr()), NOTE_SIZE)


def _chart_space_plain(chart_) -> None:
    """Give the chart area no fill and no border, and square corners."""
    space = chart_._chartSpace
    if space.find(qn("c:roundedCorners")) is None:
        rounded = etree.Element(qn("c:roundedCorners"))
        rounded.set("val", "0")
        space.insert_element_before(rounded, "c:style", "c:clrMapOvr", "c:pivotSource",
                                    "c:protection", "c:chart")
    sppr = etree.fromstring(
        '<c:spPr xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        "<a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>")
    space.chart.addnext(sppr)
    plot_area = space.chart.plotArea
    if plot_area.find(qn("c:spPr")) is None:
        plot_area.insert_element_before(deepcopy(sppr), "c:extLst")


def add_chart(slide, chart: Chart, x, y, cx, cy, theme: Theme, lang: str, *,
              show_title: bool = False, source: bool = True):
    """Return the graphic frame of ``chart`` drawn natively on ``slide`` in (x, y, cx, cy).

    Positions are EMU. The chart takes the top of the box; its footnote and source line
    take the bottom, in a text box (``source=False`` leaves the source line to the slide's
    footer). ``show_title`` puts ``chart.title`` in the chart (off when the slide's title
    already says it). Years are spaced by time. An unknown chart kind raises RenderError.
    """
    plan = on_time_axis(chart_plan(chart, theme), chart)
    if not source:
        plan = replace(plan, notes=tuple(n for n in plan.notes if n != chart.source_line))
    deck = Deck(theme, lang)
    style = deck.style
    lines, notes_h = _notes_height(plan, Emu(cx).pt)
    gap = style.note_gap * NOTE_SIZE if lines else 0.0
    notes_emu = Pt(notes_h + gap) if lines else 0
    plot_h = cy - notes_emu
    key = part_key(plan, replace(chart, origin=None), theme, deck.lang, int(cx), int(plot_h), show_title)
    frame = chart_frame(slide, key, x, y, cx, plot_h,
                        lambda: _draw(slide, plan, chart, deck, (x, y, cx, plot_h), show_title))
    if chart.title:
        frame.name = f"Chart: {chart.title}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt_text)
    if lines:
        _add_notes(slide, plan, x, y + cy - Pt(notes_h), cx, Pt(notes_h), deck)
    return frame


def _draw(slide, plan: ChartPlan, chart: Chart, deck: Deck, box: tuple, show_title: bool):
    """Return the graphic frame of ``plan`` drawn live as a python-pptx chart in ``box`` (EMU)."""
    style = deck.style
    chart_type, draw = _FORMS[plan.form]
    frame = slide.shapes.add_chart(chart_type, *box, _chart_data(plan, chart))
    chart_ = frame.chart
    deck.font(chart_.font, style.deck_axis, False, deck.palette.ink)
    for end in chart_._chartSpace.txPr.iter(qn("a:endParaRPr")):
        deck.font(Font(end))
    chart_.has_legend = plan.legend
    if plan.legend:
        chart_.legend.position = XL_LEGEND_POSITION.TOP
        chart_.legend.include_in_layout = False
        deck.font(chart_.legend.font, style.deck_axis, False, deck.palette.ink)
    draw(chart_, plan, chart, deck)
    if show_title and chart.title:
        chart_.has_title = True
        tf = chart_.chart_title.text_frame
        tf.text = chart.title
        for p in tf.paragraphs:
            for run in p.runs:
                deck.font(run.font, style.deck_title, True, deck.palette.ink)
            deck.font(Font(p._p.get_or_add_endParaRPr()), style.deck_title, True)
    else:
        chart_.has_title = False
    _chart_space_plain(chart_)
    pin_workbook(chart_)
    return frame
