"""A time axis for charts of years: a category for every year, so bars stand as far apart as
the years do; only the years that carry a value are labelled."""

from __future__ import annotations

from dataclasses import replace

from briefgen.model import Chart
from briefgen.render.charts.style import ChartPlan, Mark

TIME_GAP = 10                        # gap between bars on a time axis, % of a bar (one year)


def _most_common(marks: tuple[Mark, ...]) -> str:
    fills = [m.fill for m in marks]
    return max(fills, key=fills.count) if fills else ""


def on_time_axis(plan: ChartPlan, chart: Chart) -> ChartPlan:
    """Return ``plan`` with a category for every year between its first and last, so that bars
    of years stand as far apart as the years do (1993, 2007, 2024: gaps of 14 and 17).

    Only the years that carry a value are labelled; the others are empty slots.
    """
    if not chart.years or plan.form not in ("column", "line") or len(chart.years) < 2:
        return plan
    years = chart.years
    if sorted(years) != list(years) or len(set(years)) != len(years):
        return plan
    index = {year: i for i, year in enumerate(years)}
    span = range(years[0], years[-1] + 1)
    cats = tuple(plan.categories[index[y]] if y in index else "" for y in span)
    series = []
    for ps in plan.series:
        blank = Mark(None, "", _most_common(ps.marks))
        series.append(replace(ps, marks=tuple(ps.marks[index[y]] if y in index else blank
                                               for y in span)))
    return replace(plan, categories=cats, series=tuple(series), gap_width=TIME_GAP)
