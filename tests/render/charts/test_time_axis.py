"""The handout's chart spaces years by time, as the deck does (1993*, 2007*, 2024 are 14 and 17 years apart)."""

from __future__ import annotations

import dataclasses

from briefgen.render.charts.style import chart_plan, time_positions
from briefgen.theme import CITY
from model_samples import charts


def test_years_take_places_proportional_to_the_time_between_them():
    assert time_positions((1993, 2007, 2024)) == (0.0, 0.9032, 2.0)
    assert time_positions((2024,)) == () and time_positions((2024, 2024)) == ()


def test_a_chart_of_years_is_planned_on_a_time_axis_and_others_by_index():
    gdp = next(c for c in charts("zh") if c.kind == "milestones")
    assert chart_plan(gdp, CITY).positions == ()                    # the sample has no years
    timed = dataclasses.replace(gdp, years=(1993, 2007, 2024))
    assert chart_plan(timed, CITY).positions == (0.0, 0.9032, 2.0)
