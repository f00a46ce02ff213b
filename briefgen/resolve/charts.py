"""Build the one chart model both renderers draw, from a dataset series or a set of facts."""

from __future__ import annotations

import re
from typing import Any

from briefgen.format import i18n
from briefgen.format import numbers
from briefgen.format import units
from briefgen.errors import Origin, SpecError
from briefgen.model import Chart, ChartSeries
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
    """Return (kind, [(category, fact_id, derived, how)], unit, title) for a chart spec."""
    opts = spec if isinstance(spec, Rec) else {"series": spec}
    ds = res.ds
    if "series" in opts:
        series = ds.series[opts["series"]]
        rows = []
        for p in series.points:
            cat = p.x if isinstance(p.x, (str, int)) else bilingual(p.x, res.lang)
            rows.append((str(cat), p.fact, bool(p.derived), p.how or ""))
        kind = opts.get("type") or KINDS.get(series.kind, "column")
        return kind, rows, series.unit, bilingual(series.label, res.lang)
    facts = [ds.facts[f] for f in opts["facts"]]
    rows = [(bilingual(f.label, res.lang), f.id, False, "") for f in facts]
    return opts.get("type") or "column", rows, facts[0].unit, ""


# short forms of the source's qualifiers for chart labels (达 and 累计 add nothing)
_LABEL_QUALIFIERS = {"en": {"over": "over ", "nearly": "nearly ", "about": "about ",
                            "an estimated": "est. ", "or more": "≥"}}


def qualified(label: str, qualifier: str, lang: str) -> str:
    """Return a chart value label carrying the source's qualifier (超5000亿元, over RMB 500bn).

    A bar shows the number the source states; the label must not drop the source's "over",
    "about" or "estimated".
    """
    for q in units.parse_qualifier(qualifier or ""):
        place, english, _ = units.QUALIFIERS[q]
        if lang == "zh" and english:
            label = label + q if place == "after" else q + label
        elif english:
            label = _LABEL_QUALIFIERS["en"][english] + label
    return label


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
        labels = [res.figure(f.id).text for f in facts]
        display_unit, number_format = "%", '0"%"'
    else:
        converted = [numbers.convert(f.value, f.unit, lang) for f in facts]
        values = [v for v, _ in converted]
        display_unit = converted[0][1] if converted else ""
        decimals = numbers.decimals_needed(values)
        number_format = numbers.excel_number_format(display_unit, decimals, lang)
        labels = [qualified(numbers.format_number(v, numbers.decimals_needed([v]), lang, display_unit),
                            f.qualifier, lang)       # each value with only the decimals it has
                  for v, f in zip(values, facts)]
    categories = [cat + ("*" if derived else "") for cat, _, derived, _ in rows]
    highlight = _highlight(res, opts, rows, kind, where, origin)
    title = res.text(opts.get("title"), f"{where}.title", title) if opts.get("title") else title
    derived = tuple(d for _, _, d, _ in rows)
    footnote = ""
    if any(derived):
        cats = i18n.join_list([c for c, _, d, _ in rows if d], lang)
        footnote = "* " + res.t("derived_note", items=cats)
    sources = []
    by_number = {note.number: note for note in res.notes()}
    for n in notes:
        note = by_number[n]
        sources.append(f"{note.source_title}, {note.date}" if lang == "en" else f"《{note.source_title}》{note.date}")
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
