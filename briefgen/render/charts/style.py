"""What both chart renderers share: the chart's data as drawn, colours and labels per point.

``chart_plan(chart, theme)`` turns a model ``Chart`` into a ``ChartPlan``: the form it is
drawn in (column, bar, line or share bars), the categories as shown (derived
ones marked ``*``), and for every point its value, label, fill and outline. The deck
(``pptx_chart``) and the page (``pdf_chart``) draw the same plan, so they cannot disagree
about data or colour; only sizes differ, and those are in ``ChartStyle``.

Colour rules: series take the theme's series colours in order (a template's accents, when
its theme file names none); a single series is drawn in the first and its highlighted point
in the second (the built-in themes' primary and accent); a
derived point keeps its colour as an outline with a lighter fill of it (never hatching,
which svglib drops); a share is drawn over a pale track standing for the whole.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from briefgen.errors import RenderError
from briefgen.frozen import frozen
from briefgen.model import Chart
from briefgen.theme import Theme

DERIVED_MARK = "*"


@frozen
class ChartStyle:
    """Chart sizes (pt) and proportions; colours come from the theme's palette.

    The footnote and source line under a deck chart take the deck's caption size
    (``theme.deck.CAPTION``), like every other caption on the slides.
    """

    deck_label: float = 16.0        # data labels on a slide
    deck_axis: float = 14.0         # category labels, legend
    deck_title: float = 18.0
    page_label: float = 7.6
    page_axis: float = 7.6          # print floor for chart labels on A4: 7.5 pt
    page_title: float = 9.5
    page_note: float = 7.5          # a caption: 7.5 pt at least in print
    page_note_line: float = 1.35
    note_gap: float = 0.6           # between the plot and the notes, in note sizes (both)
    gap_width: int = 55             # space between bars, % of a bar's width
    gap_few: tuple[int, ...] = (500, 170, 110)   # the same with 1, 2, 3 categories
    headroom: float = 1.16          # value axis max over the largest value (room for labels)
    bar_headroom: float = 1.32      # the same for horizontal bars (labels run to the right)
    derived_fill: float = 0.38      # how much of its colour a derived point's fill keeps
    deck_outline: float = 1.0       # outline of a derived point (pt)
    deck_line: float = 2.25         # line charts (pt)
    deck_marker: float = 7.0        # line chart marker diameter (pt)
    deck_baseline: float = 0.75     # the category axis line (pt)
    page_outline: float = 0.8
    page_line: float = 1.4
    page_marker: float = 4.2
    page_baseline: float = 0.6
    page_bar_max: float = 2.6       # thickest bar on the page, in label sizes


DEFAULT_STYLE = ChartStyle()


def chart_style(theme: Theme) -> ChartStyle:
    """Return the theme's ChartStyle, or the default one when the theme has none."""
    return getattr(theme, "chart", None) or DEFAULT_STYLE


@frozen
class Mark:
    """One point as drawn: value, label text, fill and outline ('' = none)."""

    value: float | None
    label: str
    fill: str
    edge: str = ""
    bold: bool = False


@frozen
class PlanSeries:
    name: str
    marks: tuple[Mark, ...]

    @property
    def values(self) -> tuple[float | None, ...]:
        """The values of the series' points, in category order."""
        return tuple(m.value for m in self.marks)


@frozen
class ChartPlan:
    """A chart ready to draw in any format.

    form: "column" | "bar" | "line" | "share". A share is a bar over a pale track that
    stands for the whole (100%), one row per share: shares of different wholes (3/4 of
    one industry, 1/10 of another) must not be stacked into one doughnut, and a bar's
    written label ("四分之三") stays legible at any share, where a doughnut's thin slice
    cannot carry it. ``value_min``/``value_max`` bound the value axis in both renderers;
    ``whole`` is the track's value for shares (100) and 0 otherwise.
    """

    form: str
    title: str
    categories: tuple[str, ...]
    series: tuple[PlanSeries, ...]
    legend: bool
    value_min: float
    value_max: float
    whole: float
    track: str
    gap_width: int                  # space between bars (or clusters), % of a bar's width
    notes: tuple[str, ...]          # footnote (if any) then source line (if any)
    alt_text: str
    positions: tuple[float, ...] = ()   # a time axis: each category's place on 0…n-1, spaced by its year


# chart kind -> the form it is drawn in ("timeline" is drawn by the deck with shapes)
FORMS = {
    "column": lambda chart: "column",
    "bar": lambda chart: "bar",
    "line": lambda chart: "line",
    "milestones": lambda chart: "column",
    "target": lambda chart: "column",
    "share": lambda chart: "share",
}


def chart_form(chart: Chart) -> str:
    """Return the form ``chart`` is drawn in; raise RenderError for an unknown kind."""
    try:
        choose = FORMS[chart.kind]
    except KeyError:
        raise RenderError(f"chart.kind: expected one of {', '.join(FORMS)} "
                          f"but received {chart.kind!r}", chart.origin) from None
    return choose(chart)


def _check(chart: Chart) -> None:
    n = len(chart.categories)
    problems = []
    if not n:
        problems.append("chart.categories: expected at least one category but received none")
    if not chart.series:
        problems.append("chart.series: expected at least one series but received none")
    for s in chart.series:
        if len(s.values) != n:
            problems.append(f"chart.series {s.name!r}: expected {n} values (one per category) "
                            f"but received {len(s.values)}")
    for name, seq in (("value_labels", chart.value_labels), ("derived", chart.derived)):
        if seq and len(seq) != n:
            problems.append(f"chart.{name}: expected {n} entries but received {len(seq)}")
    if chart.highlight is not None and not 0 <= chart.highlight < n:
        problems.append(f"chart.highlight: expected an index below {n} but received {chart.highlight}")
    if problems:
        raise RenderError("; ".join(problems), chart.origin)


def _is_derived(chart: Chart, i: int) -> bool:
    return bool(chart.derived) and bool(chart.derived[i])


def chart_data(chart: Chart) -> tuple[tuple[str, ...], tuple[tuple[float | None, ...], ...]]:
    """Return the categories as drawn (derived ones marked '*') and each series' values.

    Both renderers draw exactly this; the parity test reads it back out of the deck.
    """
    _check(chart)
    cats = tuple(c + DERIVED_MARK if _is_derived(chart, i) and not c.endswith(DERIVED_MARK) else c
                 for i, c in enumerate(chart.categories))
    return cats, tuple(tuple(s.values) for s in chart.series)


_LITERAL = re.compile(r'"([^"]*)"|\\(.)')


def format_value(number_format: str, value: float | None) -> str:
    """Return ``value`` written with the Excel ``number_format`` (its first section).

    Covers what chart labels use: quoted literals, ``#,##0``, decimals ``0.0``, ``%``;
    halves round away from zero, as in PowerPoint.
    The deck's labels are formatted by PowerPoint; this gives the page the same text for
    series the model carries no written labels for.
    """
    if value is None:
        return ""
    section = number_format.split(";")[0]
    if not section or section.lower() == "general":
        return f"{value:g}"
    parts: list[tuple[bool, str]] = []        # (is literal, text)
    pos = 0
    for m in _LITERAL.finditer(section):
        parts.append((False, section[pos:m.start()]))
        parts.append((True, m.group(1) if m.group(1) is not None else m.group(2)))
        pos = m.end()
    parts.append((False, section[pos:]))
    code = "".join(t for lit, t in parts if not lit)
    if "%" in code:
        value *= 100
    decimals = len(code.split(".", 1)[1].rstrip("%").replace("#", "0")) if "." in code else 0
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    number = f"{rounded:{',' if ',' in code else ''}.{decimals}f}"
    out, placed = [], False
    for lit, text in parts:
        if lit:
            out.append(text)
            continue
        digits = re.search(r"[#0][#0,.]*", text)
        if digits and not placed:
            out.append(text[:digits.start()] + number + text[digits.end():].replace("#", "").replace("0", ""))
            placed = True
        else:
            out.append(text.replace("#", "").replace("0", ""))
    return "".join(out) if placed else number + "".join(out)


def blend(colour: str, paper: str, keep: float) -> str:
    """Return ``colour`` mixed over ``paper``, keeping ``keep`` (0..1) of it, as RRGGBB."""
    a = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    b = [int(paper[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x * keep + y * (1 - keep)):02X}" for x, y in zip(a, b))


def _marks(chart: Chart, j: int, theme: Theme, style: ChartStyle) -> tuple[Mark, ...]:
    p = theme.palette
    series = chart.series[j]
    single = len(chart.series) == 1
    base = p.series[j % len(p.series)]        # a target chart: actual, then target
    marks = []
    for i, v in enumerate(series.values):
        colour = base
        if single:
            colour = p.series[1 % len(p.series)] if i == chart.highlight else p.series[0]
        if j == 0 and chart.value_labels:
            label = chart.value_labels[i] if v is not None else ""
        else:
            label = format_value(chart.number_format, v)
        derived = _is_derived(chart, i)
        marks.append(Mark(value=v, label=label,
                          fill=blend(colour, p.paper, style.derived_fill) if derived else colour,
                          edge=colour if derived else "",
                          bold=single and i == chart.highlight))
    return tuple(marks)


def _notes(chart: Chart) -> tuple[str, ...]:
    footnote = chart.footnote.strip()
    if footnote and any(chart.derived) and not footnote.startswith(DERIVED_MARK):
        footnote = f"{DERIVED_MARK} {footnote}"
    return tuple(t for t in (footnote, chart.source_line.strip()) if t)


def chart_plan(chart: Chart, theme: Theme) -> ChartPlan:
    """Return the plan both renderers draw ``chart`` from."""
    form = chart_form(chart)
    categories, values = chart_data(chart)
    style = chart_style(theme)
    series = tuple(PlanSeries(s.name, _marks(chart, j, theme, style))
                   for j, s in enumerate(chart.series))
    numbers = [v for vs in values for v in vs if v is not None] or [0.0]
    whole = 100.0 if form == "share" else 0.0
    top = max(max(numbers), 0.0)
    bottom = min(min(numbers), 0.0)
    if whole:
        lo, hi = 0.0, max(whole, top)
    else:
        room = style.bar_headroom if form == "bar" else style.headroom
        lo, hi = bottom * room, (top * room) or 1.0
    return ChartPlan(
        form=form, title=chart.title, categories=categories, series=series,
        legend=len(chart.series) > 1, value_min=lo, value_max=hi, whole=whole,
        track=theme.palette.rule, notes=_notes(chart), alt_text=chart.alt_text,
        gap_width=(style.gap_few[len(categories) - 1] if len(categories) <= len(style.gap_few)
                   else style.gap_width),
        positions=time_positions(chart.years) if len(chart.years) == len(categories) else (),
    )


def time_positions(years: tuple[int, ...]) -> tuple[float, ...]:
    """Return each year's place on an axis from 0 to n-1, proportional to the time between them."""
    if len(years) < 2 or years[-1] == years[0]:
        return ()
    span, last = years[-1] - years[0], len(years) - 1
    return tuple(round((y - years[0]) / span * last, 4) for y in years)


def chart_text(chart: Chart) -> str:
    """Return every character a rendering of ``chart`` may draw (for font subsets)."""
    categories, _ = chart_data(chart)
    labels = [format_value(chart.number_format, v) for s in chart.series for v in s.values]
    parts = [chart.title, *categories, *chart.value_labels, *labels,
             *(s.name for s in chart.series), *_notes(chart), DERIVED_MARK + " "]
    return "".join(sorted(set("".join(parts))))
