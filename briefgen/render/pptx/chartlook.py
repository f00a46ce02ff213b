"""How a deck chart's pieces look: typefaces and language on its text, fills, data labels and axes.

``chart.py`` draws each chart form with these; what they write is part of the chart's cached
parts (``chartparts.py`` hashes this module with the others that draw).
"""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_TICK_MARK
from pptx.oxml.ns import qn
from pptx.text.text import Font
from pptx.util import Pt

from briefgen.model import Chart
from briefgen.render.charts.style import ChartPlan, ChartStyle, Mark, chart_style, format_value
from briefgen.theme import Theme

LANG_TAGS = {"zh": "zh-CN", "en": "en-US"}


class Deck:
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


def rgb(hex_: str) -> RGBColor:
    return RGBColor.from_string(hex_)


def fill(fmt, mark_fill: str, edge: str = "", width: float = 0.0) -> None:
    """Fill a FillFormat owner solid; outline it with ``edge`` or leave it unoutlined."""
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = rgb(mark_fill)
    if edge:
        fmt.line.color.rgb = rgb(edge)
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


def labels(series, marks: tuple[Mark, ...], chart: Chart, deck: Deck,
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


def category_axis(chart_, deck: Deck, reverse: bool, line: bool = True) -> None:
    axis = chart_.category_axis
    axis.has_major_gridlines = False
    axis.has_minor_gridlines = False
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    if line:
        axis.format.line.color.rgb = rgb(deck.palette.muted)
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


def value_axis(chart_, plan: ChartPlan, deck: Deck) -> None:
    axis = chart_.value_axis
    axis.has_major_gridlines = False
    axis.has_minor_gridlines = False
    axis.minimum_scale = plan.value_min
    axis.maximum_scale = plan.value_max
    axis.major_tick_mark = XL_TICK_MARK.NONE
    deck.font(axis.tick_labels.font, deck.style.deck_axis, False, deck.palette.muted)
    axis.visible = False                      # every point carries its label
