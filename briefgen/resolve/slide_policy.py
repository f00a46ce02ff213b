"""The slide policy: when a chart slide is better drawn as KPI cards, what a slide warns, and the
default headline that states a chart's point.

Rules (README, "Chart policy"):
- a bar chart needs comparable values: one unit, one kind (never a target beside an actual);
  values that are not comparable, or two values or fewer, are drawn as KPI cards unless the
  spec writes ``chart: {…, force: true}`` (then the chart stays and a warning says why not);
- a chart whose categories are all years is drawn on a time axis (``Chart.years``);
- a commentary whose figures are all in the chart repeats it: a warning;
- a table value that only restates its label (亿吨港区 | 亿吨) is a warning.
"""

from __future__ import annotations

import re
from typing import Any

from briefgen.model import Chart, KpiCards, Table
from briefgen.resolve.charts import chart_facts
from briefgen.resolve.context import Resolution, bilingual
from briefgen.spec import Rec

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
SHORT_NAMES = {"city": {"zh": "江阴", "en": "Jiangyin"},
               "park": {"zh": "澄靖园区", "en": "The park"}}


def located(origin, message: str) -> str:
    """Return ``message`` prefixed with where it comes from."""
    return f"{origin}: {message}" if origin else message


def comparable(facts: list) -> str:
    """Return why ``facts`` cannot share a bar chart ('' when they can)."""
    units = {f.unit for f in facts}
    if len(units) > 1:
        return f"its values have different units ({', '.join(sorted(units))})"
    targets = [f.kind == "target" for f in facts]
    if any(targets) and not all(targets):
        return "it puts a target beside an actual figure"
    estimates = ["预计" in (f.qualifier or "") for f in facts]
    if any(estimates) and not all(estimates):
        return "it puts an estimate beside a stated figure"
    kinds = {f.kind for f in facts}
    if len(kinds) > 1:
        return f"its values are of different kinds ({', '.join(sorted(kinds))})"
    return ""


def commentary_ids(text: Any, lang: str) -> list[str]:
    """Return the fact ids whose figures a spec text prints (periods left out)."""
    if text is None:
        return []
    raw = text.get(lang) or ""
    return [r for r in PLACEHOLDER.findall(raw) if not r.endswith(".period")]


def chart_slide(build, sl: Rec, where: str, title: str) -> tuple[str, list, str, list[str]]:
    """Return a chart slide's (kind, blocks, title, warnings) after the chart policy.

    The kind is "kpis" when the policy draws the chart's values as cards.
    """
    res: Resolution = build.res
    spec = sl["chart"]
    origin = sl.at("chart")
    chart = build.chart(spec, f"{where}.chart", origin)
    comment = build.paragraph(sl["commentary"], f"{where}.commentary") if sl.get("commentary") else None
    if chart is None:
        return "chart", [None], title, []
    ids = chart_facts(res, spec)
    facts = [res.ds.facts[f] for f in ids]
    force = isinstance(spec, Rec) and bool(spec.get("force"))
    warnings = []
    said = commentary_ids(sl.get("commentary"), res.lang)
    if said and set(said) <= set(ids):
        labels = ", ".join(bilingual(res.ds.facts[f].label, res.lang) for f in dict.fromkeys(said))
        warnings.append(located(sl.at("commentary"), f"[{res.lang}] the commentary repeats the chart's "
                                f"figure ({labels}); say what the chart does not show, or leave the "
                                "figure to the chart"))
    why = comparable(facts)
    few = len(ids) <= 2
    if (why or few) and not force and len(ids) <= 6:
        cards = KpiCards(tuple(res.figure(f, origin) for f in ids), origin)
        return "kpis", [b for b in (cards, comment) if b], title or chart.title, warnings
    if why:
        warnings.append(located(origin, f"[{res.lang}] chart: {why}, so its bars are not comparable; "
                                "draw them as KPI cards (leave out force: true) or chart one measure"))
    return "chart", [b for b in (chart, comment) if b], title or headline(res, chart, facts, build), \
        warnings


def _ratio(a: float, b: float) -> str:
    r = a / b
    return f"{round(r):d}" if r >= 10 else f"{r:.1f}".rstrip("0").rstrip(".")


def headline(res: Resolution, chart: Chart, facts: list, build=None) -> str:
    """Return a title that states what the chart shows, from its data, in the briefing's language.

    Years: the latest value and how many times the first it is; shares: the largest share;
    other categories: the largest. A chart of another entity (the host city in a park deck)
    names it first.
    """
    lang, zh = res.lang, res.lang == "zh"
    figs = [res.figure(f.id, chart.origin) for f in facts]
    prefix = ""
    if build is not None and facts and facts[0].entity != build.spec["entity"]:
        prefix = SHORT_NAMES[facts[0].entity][lang] + ("：" if zh else ": ")
    if chart.years and len(figs) >= 2 and all(f.value for f in facts):
        first, last = figs[0], figs[-1]
        y0, y1 = chart.years[0], chart.years[-1]
        about = any(f.qualifier for f in (facts[0], facts[-1]))
        times = _ratio(facts[-1].value, facts[0].value)
        measure = last.label
        worked_out = len(chart.derived) == len(facts) and (chart.derived[0] or chart.derived[-1])
        mark = ("（年份为推算）" if zh else " (years inferred)") if worked_out else ""
        if zh:
            return f"{prefix}{y1}年{measure}{last.text}，{'约为' if about else '为'}{y0}年的{times}倍{mark}"
        over = last.prefix.startswith("over ")
        value = last.text[len("over "):] if over else last.text
        verb = "passed" if over else "reached"
        lead = measure if not prefix else measure
        return (f"{prefix}{lead} {verb} {value} in {y1}, {'about ' if about else ''}"
                f"{times} times the {y0} figure{mark}")
    top = max(range(len(facts)), key=lambda i: facts[i].value or 0)
    cat, label = chart.categories[top].rstrip("*"), chart.value_labels[top]
    entity = SHORT_NAMES[facts[top].entity][lang]
    if chart.kind == "share":
        return f"{entity}产出{cat}的{label}" if zh else f"{entity} makes {label} of {cat}"
    return f"{cat}{label}，居首位" if zh else f"{cat} leads, at {label}"


def restated(label: str, value: str) -> bool:
    """Return whether a table ``value`` only restates its ``label`` (亿吨 in 亿吨港区, 五个 by 五大…)."""
    value = value.strip()
    if not value:
        return False
    if value in label:
        return True
    head = value.rstrip("个家项")
    return 0 < len(head) <= 2 and head + "大" in label


def table_warnings(table: Table, origin, lang: str) -> list[str]:
    """Return a warning per table row whose value only restates its label."""
    out = []
    for row in table.rows:
        if len(row) >= 2 and restated(row[0], row[1]):
            out.append(located(origin, f"[{lang}] table: the value {row[1]!r} only restates its label "
                                       f"{row[0]!r}; leave the row out or give a figure"))
    return out

