"""Build the one chart model both renderers draw, from a dataset series or a set of facts."""

from __future__ import annotations

import re
from typing import Any

from briefgen.format import i18n
from briefgen.format import numbers
from briefgen.errors import Origin, SpecError
from briefgen.model import Chart, ChartSeries
from briefgen.resolve import marks
from briefgen.resolve.context import Resolution, bilingual
from briefgen.spec import Rec

YEAR = re.compile(r"\d{4}")

# dataset series kinds -> chart kinds
KINDS = {"milestones": "milestones", "column": "column", "bar": "bar", "line": "line",
         "share": "share", "target": "target"}


def chart_facts(res: Resolution, spec: Any) -> list[str]:
    """Return the fact ids a chart spec draws, in category order."""
    return [fid for _, fid, _, _ in _points(res, spec)[1]]


def _points(res: Resolution, spec: Any) -> tuple[str, list[tuple[str, Any, bool, str]], str, str]:
    """Return (kind, [(category, fact_id, derived, how)], unit, title) for a chart spec.

    A category is marked when its fact is a target (2024年目标 / 2024 target).
    """
    opts = spec if isinstance(spec, Rec) else {"series": spec}
    ds = res.ds
    if "series" in opts:
        series = ds.series[opts["series"]]
        rows = []
        for p in series.points:
            is_year = isinstance(p.x, (str, int))
            cat = str(p.x) if is_year else bilingual(p.x, res.lang)
            cat = marks.category(cat, ds.facts[p.fact], res.lang, is_year)
            rows.append((cat, p.fact, bool(p.derived), bilingual(p.how, res.lang) if p.how else ""))
        kind = opts.get("type") or KINDS.get(series.kind, "column")
        return kind, rows, series.unit, bilingual(series.label, res.lang)
    facts = [ds.facts[f] for f in opts["facts"]]
    rows = [(marks.category(bilingual(f.label, res.lang), f, res.lang, False), f.id, False, "")
            for f in facts]
    return opts.get("type") or "column", rows, facts[0].unit, ""


def build_chart(res: Resolution, spec: Any, where: str, origin: Origin) -> Chart | None:
    """Return the Chart for a spec chart (a series id or a mapping), or None after a problem."""
    kind, rows, unit, title = _points(res, spec)
    opts = spec if isinstance(spec, Rec) else {}
    lang = res.lang
    facts = [res.ds.facts[fid] for _, fid, _, _ in rows]
    units = {f.unit for f in facts}
    if len(units) > 1:
        res.problems.append(SpecError(
            f"{where}: a chart's facts must share one unit but received {', '.join(sorted(units))}",
            origin))
        return None
    unit = facts[0].unit if facts else unit
    notes = tuple(dict.fromkeys(res.note(f.id).number for f in facts))
    if kind == "share" or unit == "share":
        values = [round(f.value * 100, 1) for f in facts]
        labels = [res.figure(f.id, origin).text for f in facts]
        display_unit, number_format = "%", '0"%"'
    else:
        converted = [numbers.convert(f.value, f.unit, lang) for f in facts]
        values = [v for v, _ in converted]
        display_unit = converted[0][1] if converted else ""
        decimals = numbers.decimals_needed(values)
        number_format = numbers.excel_number_format(display_unit, decimals, lang)
        labels = [res.bare(f) for f in facts]   # as text and KPIs write it (one number style)
    categories = [cat + ("*" if derived else "") for cat, _, derived, _ in rows]
    highlight = _highlight(res, opts, rows, kind, where, origin)
    title = res.text(opts.get("title"), f"{where}.title", title) if opts.get("title") else title
    derived = tuple(d for _, _, d, _ in rows)
    footnote = _footnote(res, rows, facts, origin)
    sources = []
    by_number = {note.number: note for note in res.notes()}
    for n in notes:
        note = by_number[n]
        untitled = res.ds.sources[note.source_id].untitled
        shown = note.source_title if untitled or lang == "en" else f"《{note.source_title}》"
        sources.append(f"{shown}, {note.date}" if lang == "en" else f"{shown}{note.date}")
    source_line = res.t("source") + ("：" if lang == "zh" else ": ") + ("；" if lang == "zh" else "; ").join(
        dict.fromkeys(sources))
    name = bilingual(res.ds.series[opts["series"]].label, lang) if "series" in opts else title
    alt = _alt_text(res, kind, title or name, categories, labels, footnote)
    years = tuple(int(c) for c, _, _, _ in rows) if all(
        YEAR.fullmatch(c) for c, _, _, _ in rows) and len(rows) > 1 else ()
    return Chart(
        kind=kind, title=title or name, categories=tuple(categories),
        series=(ChartSeries(name or title, tuple(values), display_unit),),
        number_format=number_format, value_labels=tuple(labels), highlight=highlight,
        derived=derived, source_line=source_line, alt_text=alt, footnote=footnote, notes=notes,
        series_ids=(opts["series"],) if "series" in opts else tuple(f.id for f in facts),
        origin=origin, years=years)


def _footnote(res: Resolution, rows: list, facts: list, origin: Origin) -> str:
    """Return the chart's footnote: how each derived point was worked out, and past targets."""
    lang = res.lang
    sep = "；" if lang == "zh" else "; "
    parts = []
    hows = [marks.word("derived_point", lang, x=c, how=h) for c, _, d, h in rows if d]
    if hows:
        parts.append(marks.word("derived_footnote", lang, items=sep.join(hows)))
    past = dict.fromkeys(marks.word("dated_target", lang, period=numbers.format_date(f.period, lang))
                         for f in facts if marks.is_past(f, res.as_of))
    for (_, fid, _, _), f in zip(rows, facts):
        res.figure(fid, origin)              # a past target's warning
    if past:
        parts.append(marks.word("past_footnote", lang, items=i18n.join_list(list(past), lang)))
    return ("。" if lang == "zh" else ". ").join(parts)


def _highlight(res: Resolution, opts: Any, rows: list, kind: str, where: str, origin: Origin) -> int | None:
    """Return the index of the highlighted category (the spec's, else the last for milestones/targets)."""
    wanted = opts.get("highlight") if opts else None
    if wanted is None:
        return len(rows) - 1 if kind in ("milestones", "target") and rows else None
    for i, (cat, fid, _, _) in enumerate(rows):
        if wanted in (cat, fid):
            return i
    choices = ", ".join(c for c, _, _, _ in rows)
    res.problems.append(SpecError(f"{where}.highlight: expected one of {choices} but received {wanted!r}",
                                  opts.at("highlight") if hasattr(opts, "at") else origin))
    return None


def _alt_text(res: Resolution, kind: str, title: str, categories: list[str], labels: list[str],
              footnote: str) -> str:
    """Return alt text that reads the chart's data aloud."""
    kind_name = res.t(f"chart_{kind}")
    if res.lang == "zh":
        body = "；".join(f"{c}：{v}" for c, v in zip(categories, labels))
        return f"{kind_name}：{title}。{body}。{footnote}".rstrip("。") + "。"
    body = "; ".join(f"{c}: {v}" for c, v in zip(categories, labels))
    return f"{kind_name}: {title}. {body}. {footnote}".strip()
