"""Native deck charts, reopened with python-pptx: type, data, formats, fonts, alt text, no junk."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Pt

from briefgen.errors import Origin, RenderError
from briefgen.model import Chart
from briefgen.render.charts.style import DEFAULT_STYLE, blend
from briefgen.render.pptx.chart import TRACK_NAME, add_chart
from briefgen.render.pptx.chartparts import WORKBOOK_DATE
from briefgen.theme import CITY, PARK
from model_samples import charts
from model_samples import extra_charts

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def render(chart: Chart, lang: str = "zh", theme=CITY, show_title: bool = False):
    """Return the reopened slide holding ``chart`` and the chart's graphic frame."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    add_chart(slide, chart, Pt(60), Pt(136), Pt(552), Pt(338), theme, lang, show_title=show_title)
    buf = io.BytesIO()
    prs.save(buf)
    buf.seek(0)
    slide = Presentation(buf).slides[0]
    return slide, next(s for s in slide.shapes if s.has_chart)


def data_series(chart_):
    """Return the chart's series other than the share track."""
    return [s for s in chart_.series if s.name != TRACK_NAME]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_milestones_are_columns_with_derived_years_marked(lang):
    gdp = charts(lang)[0]
    slide, frame = render(gdp, lang)
    chart_ = frame.chart
    assert chart_.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(chart_.plots[0].categories) == ["1993*", "2007*", "2024"]
    assert chart_.series[0].values == gdp.series[0].values
    points = chart_.series[0].points
    assert str(points[2].format.fill.fore_color.rgb) == CITY.palette.accent
    assert str(points[0].format.fill.fore_color.rgb) == blend(CITY.palette.primary, CITY.palette.paper,
                                                                 DEFAULT_STYLE.derived_fill)
    assert str(points[0].format.line.color.rgb) == CITY.palette.primary
    notes = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert any(gdp.source_line in t for t in notes)
    assert any(t.startswith("* ") and gdp.footnote in t for t in notes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_share_bars_carry_the_written_shares_over_a_track(lang):
    share = charts(lang)[1]
    _, frame = render(share, lang)
    chart_ = frame.chart
    assert chart_.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    track, data = chart_.series
    assert track.name == TRACK_NAME and track.values == (100.0, 100.0, 100.0)
    assert data.values == share.series[0].values
    assert chart_.plots[0].overlap == 100
    assert [p.data_label.text_frame.text for p in data.points] == list(share.value_labels)
    assert chart_.category_axis.reverse_order          # first share on top
    assert not chart_.has_legend                       # the track carries no information


def test_kinds_map_to_native_chart_types():
    bar, line, target2 = extra_charts()
    assert render(bar)[1].chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert render(line, "en")[1].chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert render(charts("zh")[2])[1].chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    chart_ = render(target2)[1].chart
    assert chart_.has_legend                           # two series: the legend informs
    actual, target = chart_.series
    assert str(actual.format.fill.fore_color.rgb) == CITY.palette.primary
    assert str(target.format.fill.fore_color.rgb) == CITY.palette.accent


ALL = [(f"{c.kind}-{lang}", c, lang) for lang in ("zh", "en") for c in charts(lang)] + \
      [(f"{c.kind}-extra", c, "zh") for c in extra_charts()]


@pytest.mark.parametrize("name,chart,lang", ALL, ids=[n for n, _, _ in ALL])
def test_every_chart_is_clean_labelled_and_described(name, chart, lang):
    _, frame = render(chart, lang, PARK, show_title=True)
    chart_ = frame.chart
    space = chart_._chartSpace
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == chart.alt_text
    assert not list(space.iter(f"{C}majorGridlines")) and not list(space.iter(f"{C}minorGridlines"))
    assert not list(space.iter(f"{C}view3D"))
    assert not any(el.tag.endswith("3DChart") for el in space.iter())
    assert chart_.has_legend == (len(chart.series) > 1)
    assert not chart_.value_axis.visible               # every point is labelled
    for series in data_series(chart_):
        labels = series.data_labels
        assert labels.number_format == chart.number_format and not labels.number_format_is_linked
        assert labels.show_value


@pytest.mark.parametrize("name,chart,lang", ALL, ids=[n for n, _, _ in ALL])
def test_chart_text_names_the_east_asian_font_and_language(name, chart, lang):
    _, frame = render(chart, lang, PARK, show_title=True)
    space = frame.chart._chartSpace
    tag = {"zh": "zh-CN", "en": "en-US"}[lang]
    tx_prs = list(space.iter(f"{C}txPr"))
    title_runs = list(space.find(f"{C}chart/{C}title").iter(f"{A}rPr"))
    label_runs = [r for tx in space.iter(f"{C}tx") for r in tx.iter(f"{A}rPr")]
    assert space.find(f"{C}txPr") is not None and title_runs
    for props in [p for tx in tx_prs for p in tx.iter(f"{A}defRPr")] + title_runs + label_runs:
        assert props.find(f"{A}latin").get("typeface") == PARK.fonts.deck_latin
        assert props.find(f"{A}ea").get("typeface") == PARK.fonts.deck_east_asian
        assert props.get("lang") == tag
    assert "".join(t.text for t in space.find(f"{C}chart/{C}title").iter(f"{A}t")) == chart.title


def test_title_is_off_unless_asked():
    _, frame = render(charts("zh")[0])
    assert not frame.chart.has_title
    assert frame.chart._chartSpace.find(f"{C}chart/{C}autoTitleDeleted").get("val") == "1"


def test_embedded_workbook_is_present_and_reproducible():
    gdp = charts("zh")[0]
    blobs = [render(gdp)[1].chart.part.chart_workbook.xlsx_part.blob for _ in range(2)]
    assert blobs[0] == blobs[1]
    with zipfile.ZipFile(io.BytesIO(blobs[0])) as xlsx:
        assert WORKBOOK_DATE.encode() in xlsx.read("docProps/core.xml")
        sheet = xlsx.read("xl/worksheets/sheet1.xml")
        shared = xlsx.read("xl/sharedStrings.xml").decode()
    assert b"<v>5000</v>" in sheet and "1993*" in shared and "地区生产总值" in shared


def test_chart_and_notes_stay_inside_the_box():
    slide, frame = render(charts("en")[0], "en")
    notes = next(s for s in slide.shapes if s.has_text_frame)
    assert frame.top == Pt(136) and frame.left == Pt(60)
    assert frame.top + frame.height <= notes.top
    assert notes.top + notes.height == Pt(136 + 338)


def test_unknown_kind_names_its_origin():
    bad = Chart(kind="pie3d", title="", categories=("a",), series=charts("zh")[0].series[:0],
                number_format="0", value_labels=(), origin=Origin("specs/x.yaml", 12, 5))
    with pytest.raises(RenderError, match=r"specs/x.yaml:12:5: chart.kind: expected one of .* but received 'pie3d'"):
        render(bad)


C_NS = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def test_years_stand_as_far_apart_as_they_are_and_each_data_year_is_labelled():
    import dataclasses
    gdp = dataclasses.replace(charts("zh")[0], years=(1993, 2007, 2024))
    chart_ = render(gdp)[1].chart
    space = chart_._chartSpace
    ser = space.find(f".//{C_NS}ser")
    cats = {int(p.get("idx")): p.findtext(f"{C_NS}v") for p in ser.find(f"{C_NS}cat").iter(f"{C_NS}pt")}
    assert len(chart_.plots[0].categories) == 2024 - 1993 + 1
    assert {i: c for i, c in cats.items() if c} == {0: "1993*", 14: "2007*", 31: "2024"}
    vals = {int(p.get("idx")): float(p.findtext(f"{C_NS}v")) for p in ser.find(f"{C_NS}val").iter(f"{C_NS}pt")}
    assert vals == {0: 100.0, 14: 1000.0, 31: 5000.0}
    assert space.find(f".//{C_NS}catAx/{C_NS}tickLblSkip").get("val") == "1"


def test_a_bar_too_small_to_see_keeps_its_label_outside_at_full_size():
    import dataclasses
    gdp = dataclasses.replace(charts("zh")[0], years=(1993, 2007, 2024))
    space = render(gdp)[1].chart._chartSpace
    pos = space.find(f".//{C_NS}ser/{C_NS}dLbls/{C_NS}dLblPos").get("val")
    assert pos == "outEnd"
    size = space.find(f".//{C_NS}ser/{C_NS}dLbls/{C_NS}txPr//{{http://schemas.openxmlformats.org/drawingml/2006/main}}defRPr").get("sz")
    assert int(size) == DEFAULT_STYLE.deck_label * 100


def test_the_slide_footer_may_take_the_source_line():
    gdp = charts("zh")[0]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    add_chart(slide, gdp, Pt(60), Pt(136), Pt(552), Pt(338), CITY, "zh", source=False)
    notes = [s for s in slide.shapes if s.name == "Chart source"][0].text_frame.text
    assert gdp.footnote in notes and gdp.source_line not in notes


def test_axis_ids_in_the_saved_deck_fit_a_signed_int():
    """LibreOffice reads c:axId as a signed int: an id past 2**31 loses the category labels."""
    import re
    from model_samples import briefing
    from test_render_pptx import render_deck
    data, _ = render_deck(briefing("zh"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        ids = [int(v) for n in z.namelist() if n.startswith("ppt/charts/chart")
               for v in re.findall(rb'<c:(?:axId|crossAx) val="(-?\d+)"', z.read(n))]
    assert ids and all(0 <= i < 2**31 for i in ids)


def test_data_labels_never_wrap_between_number_and_unit():
    """LibreOffice wrapped "突破100亿 / 元": every data label's text body says wrap="none"."""
    from briefgen.theme import CITY
    from model_samples import charts
    from pptx import Presentation
    from pptx.oxml.ns import qn

    for chart in charts("zh"):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        add_chart(slide, chart, Pt(60), Pt(136), Pt(552), Pt(338), CITY, "zh")
        space = next(s for s in slide.shapes if s.has_chart).chart._chartSpace
        bodies = [b for d in space.iter(qn("c:dLbls")) for b in d.iter(qn("a:bodyPr"))]
        assert bodies and all(b.get("wrap") == "none" for b in bodies), chart.kind
