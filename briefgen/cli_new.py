"""The `briefgen new` command: write a commented starter spec that builds as it is."""

from __future__ import annotations

from pathlib import Path

import click

from briefgen.errors import BriefgenError, Origin

HEADER = """\
# {name}: a briefing spec, written by `briefgen new`. It builds as it is:
#   briefgen validate {path}      (checks it in every language, writes nothing)
#   briefgen build {path}         (writes output/{stem}.pptx, .pdf, .en.pptx, .en.pdf)
#   briefgen watch {path}         (rebuilds on every save)
# Every figure comes from the dataset: name facts by id (briefgen facts list) and write
# {{fact.id}} in running text; never type a number. The README's "Writing a spec" lists every key.
# For completion and checking as you type in VS Code (YAML extension), run
#   briefgen schema -o specs/briefgen.schema.json
# and make this the first line:  # yaml-language-server: $schema=briefgen.schema.json

"""

BODY = {
    "park": """\
title: {zh: 江阴—靖江工业园区简介, en: The Jiangyin–Jingjiang Industrial Park}
entity: park                      # city | park: whose briefing this is
lang: [zh, en]                    # languages to build; the first gets the unsuffixed file names
audience: {zh: 来访嘉宾, en: Visitors}
contact:                          # closing slide and handout; up to 6 lines
  - {zh: 江苏江阴—靖江工业园区管委会, en: "Administrative Committee, Jiangsu Jiangyin–Jingjiang Industrial Park"}

deck:                             # the slides, in order
  - type: title                   # the briefing's title and subtitle
  - type: kpis                    # 2–6 big figures
    title: {zh: 园区概览, en: The park at a glance}
    facts: [park.history.founded, park.history.years, park.plan.sales_2026]
    notes:                        # talking points, in the speaker notes
      zh: 园区成立于{park.history.founded}。
      en: The park was founded on {park.history.founded}.
  - type: bullets
    title: {zh: 主导产业, en: Leading industries}
    items:
      - list: park.list.leading_industries   # every item of a dataset list
  - type: timeline
    timeline: park.timeline.history
  - type: closing

onepager:                         # the one-page handout
  - type: kpis                    # 3–6 figures
    facts: [park.history.founded, park.history.years, park.industry.leading_count, park.plan.sales_2026]
  - type: narrative
    title: {zh: 园区简介, en: About the park}
    text:
      zh: 园区成立于{park.history.founded}，是全国首个跨江、跨行政区域联动共建的开放园区。
      en: Founded on {park.history.founded}, the park is China’s first open park built jointly across a river and across administrative boundaries.
  - type: chart                   # a series id, or {series: id, type: …, highlight: …}
    chart: {series: city.series.gdp_milestones, title: {zh: 所在城市江阴GDP, en: "GDP of Jiangyin, the host city"}}
  - type: list
    list: park.list.leading_industries
  - type: timeline
    timeline: park.timeline.history
    events:                       # a few of the timeline's events; all of them by default
      - park.history.founded
      - park.history.new_yangzi
      - park.history.provincial_zone
      - park.history.yangzijiang_listing
      - park.history.pilot_zone
      - park.history.committees
  - type: contact
""",
    "city": """\
title: {zh: 江阴城市概况, en: Jiangyin at a glance}
entity: city                      # city | park: whose briefing this is
lang: [zh, en]                    # languages to build; the first gets the unsuffixed file names
audience: {zh: 来访代表团, en: Visiting delegations}
contact:                          # closing slide and handout; up to 6 lines
  - {zh: 江阴市人民政府, en: "Jiangyin Municipal People's Government"}

deck:                             # the slides, in order
  - type: title                   # the briefing's title and subtitle
  - type: kpis                    # 2–6 big figures
    title: {zh: 江阴概览, en: Jiangyin at a glance}
    facts: [city.economy.gdp_5000, city.economy.county_lead_years, city.business.enterprises]
    notes:                        # talking points, in the speaker notes
      zh: 江阴地区生产总值{city.economy.gdp_5000}。
      en: Jiangyin's GDP is {city.economy.gdp_5000}.
  - type: chart                   # no title: a headline stated from the data
    chart: city.series.gdp_milestones
  - type: closing

onepager:                         # the one-page handout
  - type: kpis                    # 3–6 figures
    facts: [city.economy.gdp_5000, city.economy.county_lead_years, city.business.enterprises, city.industry.output]
  - type: chart
    chart: city.series.gdp_milestones
  - type: narrative
    title: {zh: 城市简介, en: About Jiangyin}
    text:
      zh: 江阴连续{city.economy.county_lead_years}领跑全国县域经济，企业总数{city.business.enterprises}。
      en: Jiangyin has led China’s county economies for {city.economy.county_lead_years} in a row and has {city.business.enterprises} enterprises.
  - type: list
    list: city.list.future_industries
  - type: timeline
    timeline: city.timeline.recent
    events: [city.kcjy.strategy, city.kcjy.digital_port, city.kcjy.plan_published, city.industry.xingcheng_lighthouse]
  - type: contact
""",
}


def starter(name: str, path: str, entity: str) -> str:
    """Return the starter spec's text for ``entity``, its comments naming ``path``."""
    return HEADER.format(name=name, path=path, stem=Path(path).stem) + BODY[entity]


def target(name: str) -> Path:
    """Return where NAME's spec goes: NAME itself when it is a path to a .yaml file, else
    specs/NAME.yaml when the working folder has specs/, else NAME.yaml."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml"):
        return p
    if len(p.parts) == 1 and Path("specs").is_dir():
        return Path("specs") / f"{name}.yaml"
    return p.with_name(p.name + ".yaml")


@click.command()
@click.argument("name")
@click.option("--entity", type=click.Choice(["park", "city"]), default="park", show_default=True,
              help="Whose briefing it is: the park's or the city's.")
def new(name: str, entity: str) -> None:
    """Write a commented starter spec that builds, to edit into your own.

    NAME becomes specs/NAME.yaml (or NAME itself when it ends in .yaml). An existing file
    is never overwritten.

    \b
    Example:
      briefgen new delegation
      briefgen new --entity city specs/city-visit.yaml
    """
    if not Path(name).name or Path(name).name.startswith("."):
        raise BriefgenError(f"expected a NAME such as delegation but received {name!r}")
    path = target(name)
    if path.exists():
        raise BriefgenError("already exists; choose another NAME or delete the file first", Origin(str(path)))
    if not path.parent.is_dir():
        raise BriefgenError("no such folder; create it first or choose another NAME", Origin(str(path.parent)))
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(starter(path.stem, str(path), entity))
    except OSError as e:
        raise BriefgenError(f"cannot write the spec: {e.strerror}", Origin(str(path))) from None
    click.echo(f"wrote {path}\nnext: briefgen validate {path}")
