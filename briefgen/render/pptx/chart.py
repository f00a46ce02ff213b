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
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.chart import XL_MARKER_STYLE, XL_TICK_MARK
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.text.text import Font
from pptx.util import Emu, Pt

from briefgen.fonts.measure import deck_metrics
from briefgen.model import Chart
from briefgen.render.charts.style import ChartPlan, ChartStyle, Mark, chart_plan, chart_style, format_value
from briefgen.render.pptx.chartparts import chart_frame, part_key, pin_workbook
from briefgen.render.pptx.timeaxis import on_time_axis
from briefgen.text import breakcache
from briefgen.text.fit import break_lines
from briefgen.theme import Theme
from briefgen.theme import deck as D

LANG_TAGS = {"zh": "zh-CN", "en": "en-US"}
TRACK_NAME = "100%"                  # the series standing for the whole behind share bars
NOTE_SIZE = D.CAPTION.min            # footnote and source line under a chart
NOTE_PITCH = D.CAPTION.min * D.CAPTION_LINE


class _Deck:
    """What every piece of chart text needs: theme, language tag and sizes."""

    def __init__(self, theme: Theme, lang: str):
        self.theme = theme
        self.palette = theme.palette
        self.lang = LANG_TAGS.get(lang, lang)
        self.style: ChartStyle = chart_style(theme)

    def font(self, font: Font, size: float | None = None, bold: bool | None = None,
             colour: str | None = None) -> None:
        """Set typefaces (a:latin and a:ea), language and the given size, weight, colour."""
        set_typefaces(font, self.theme, self.lang)
        if size is not None:
            font.size = Pt(size)
        if bold is not None:
            font.bold = bold
        if colour is not None:
            font.color.rgb = RGBColor.from_string(colour)


def set_typefaces(font: Font, theme: Theme, lang_tag: str) -> None:
    """Write a:latin and a:ea (in schema order) and ``lang`` on the font's a:rPr/a:defRPr."""
    font.name = theme.fonts.deck_latin
    rpr = font._rPr
    latin = rpr.find(qn("a:latin"))
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(rpr, qn("a:ea"))
        latin.addnext(ea)
    ea.set("typeface", theme.fonts.deck_east_asian)
    rpr.set("lang", lang_tag)


def _rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def _fill(fmt, mark_fill: str, edge: str = "", width: float = 0.0) -> None:
    """Fill a FillFormat owner solid; outline it with ``edge`` or leave it unoutlined."""
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = _rgb(mark_fill)
    if edge:
        fmt.line.color.rgb = _rgb(edge)
        fmt.line.width = Pt(width)
    else:
        fmt.line.fill.background()


def _number_format(dlbl, number_format: str) -> None:
    """Give one point's c:dLbl its own unlinked number format (a c:dLbl has no API for it)."""
    num = dlbl.find(qn("c:numFmt"))
    if num is None:
        num = etree.Element(qn("c:numFmt"))
        dlbl.insert_element_before(num, "c:spPr", "c:txPr", "c:dLblPos", "c:showLegendKey")
    num.set("formatCode", number_format)
    num.set("sourceLinked", "0")


def _labels(series, marks: tuple[Mark, ...], chart: Chart, deck: _Deck,
            position, custom: bool) -> None:
    """Label every point of ``series``: by number format, or with the plan's written text."""
    style = deck.style
    labels = series.data_labels
    labels.number_format = chart.number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    if position is not None:
        labels.position = position
    deck.font(labels.font, style.deck_label, False, deck.palette.ink)
    for i, mark in enumerate(marks):
        written = custom or (mark.label and mark.label != format_value(chart.number_format, mark.value))
        if not (written or mark.bold) or mark.value is None:
            continue
        label = series.points[i].data_label
        if written:                 # the plan's text, e.g. a qualifier: 超5000亿元
            tf = label.text_frame
            tf.text = mark.label
            for p in tf.paragraphs:
                for run in p.runs:
                    deck.font(run.font, style.deck_label, mark.bold, deck.palette.ink)
        deck.font(label.font, style.deck_label, mark.bold, deck.palette.ink)
        if position is not None:
            label.position = position
        _number_format(label._dLbl, chart.number_format)
        _no_wrap(label._dLbl)
    _no_wrap(labels._element)


def _no_wrap(element) -> None:
    """Keep a data label on one line: viewers otherwise wrap "突破100亿元" between number and unit."""
    for body in element.iter(qn("a:bodyPr")):
        body.set("wrap", "none")


def _category_axis(chart_, deck: _Deck, reverse: bool, line: bool = True) -> None:
    axis = chart_.category_axis
    axis.has_major_gridlines = False
    axis.has_minor_gridlines = False
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    if line:
        axis.format.line.color.rgb = _rgb(deck.palette.muted)
        axis.format.line.width = Pt(deck.style.deck_baseline)
    else:
        axis.format.line.fill.background()
    axis.reverse_order = reverse
    deck.font(axis.tick_labels.font, deck.style.deck_axis, False, deck.palette.ink)
    ax = axis._element
    if ax.tag == qn("c:catAx") and ax.find(qn("c:tickLblSkip")) is None:
        skip = etree.Element(qn("c:tickLblSkip"))      # label every category: a viewer must not
        skip.set("val", "1")                            # drop a year of a time axis
        ax.insert_element_before(skip, "c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")


def _value_axis(chart_, plan: ChartPlan, deck: _Deck) -> None:
    axis = chart_.value_axis
    axis.has_major_gridlines = False
    axis.has_minor_gridlines = False
    axis.minimum_scale = plan.value_min
    axis.maximum_scale = plan.value_max
    axis.major_tick_mark = XL_TICK_MARK.NONE
    deck.font(axis.tick_labels.font, deck.style.deck_axis, False, deck.palette.muted)
    axis.visible = False                      # every point carries its label


def _draw_bars(chart_, plan: ChartPlan, chart: Chart, deck: _Deck) -> None:
    plot = chart_.plots[0]
    plot.gap_width = plan.gap_width
    plot.overlap = 0
    plot.vary_by_categories = False
    for series, ps in zip(plot.series, plan.series):
        series.invert_if_negative = False
        _fill(series.format, _most_common(ps.marks))
        for i, mark in enumerate(ps.marks):
            _fill(series.points[i].format, mark.fill, mark.edge, deck.style.deck_outline)
        _labels(series, ps.marks, chart, deck, XL_LABEL_POSITION.OUTSIDE_END, custom=False)
    _category_axis(chart_, deck, reverse=plan.form == "bar")
    _value_axis(chart_, plan, deck)


def _draw_share(chart_, plan: ChartPlan, chart: Chart, deck: _Deck) -> None:
    plot = chart_.plots[0]
    plot.gap_width = plan.gap_width
    plot.overlap = 100                        # the share lies over its track
    plot.vary_by_categories = False
    track, share = plot.series
    _fill(track.format, plan.track)
    track.invert_if_negative = False
    share.invert_if_negative = False
    marks = plan.series[0].marks
    _fill(share.format, _most_common(marks))
    for i, mark in enumerate(marks):
        _fill(share.points[i].format, mark.fill, mark.edge, deck.style.deck_outline)
    _labels(share, marks, chart, deck, XL_LABEL_POSITION.OUTSIDE_END, custom=True)
    _category_axis(chart_, deck, reverse=True, line=False)    # the track shows the whole
    _value_axis(chart_, plan, deck)


def _draw_line(chart_, plan: ChartPlan, chart: Chart, deck: _Deck) -> None:
    style = deck.style
    plot = chart_.plots[0]
    plot.vary_by_categories = False
    for series, ps in zip(plot.series, plan.series):
        series.smooth = False
        base = _most_common(ps.marks)
        series.format.line.color.rgb = _rgb(base)
        series.format.line.width = Pt(style.deck_line)
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = int(style.deck_marker)
        _fill(series.marker.format, base)
        for i, mark in enumerate(ps.marks):
            marker = series.points[i].marker
            marker.style = XL_MARKER_STYLE.CIRCLE
            marker.size = int(style.deck_marker)
            _fill(marker.format, mark.fill, mark.edge or mark.fill, style.deck_outline)
        _labels(series, ps.marks, chart, deck, XL_LABEL_POSITION.ABOVE, custom=False)
    _category_axis(chart_, deck, reverse=False)
    _value_axis(chart_, plan, deck)


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


def _add_notes(slide, plan: ChartPlan, x, y, cx, cy, deck: _Deck) -> None:
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
    deck = _Deck(theme, lang)
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


def _draw(slide, plan: ChartPlan, chart: Chart, deck: _Deck, box: tuple, show_title: bool):
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
