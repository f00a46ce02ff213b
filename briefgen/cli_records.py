"""What `briefgen facts show` and `list --json` print about one fact, list, series or timeline."""

from __future__ import annotations

from typing import Any

from briefgen.format import units
from briefgen.resolve.forms import FORMS, printed_forms


def _both(label: Any) -> str:
    """Return a {zh, en} text as "zh / en" ("" when empty)."""
    return f"{label.zh} / {label.en}" if label else ""


def _source_lines(ds: Any, source_id: str) -> list[tuple[str, str]]:
    """Return the source, published and file lines of a record's source."""
    src = ds.sources.get(source_id)
    if src is None:
        return [("source", source_id)]
    return [("source", f"{source_id}: {src.title.zh} / {src.title.en}"),
            ("published", f"{src.date}, {src.publisher.zh} / {src.publisher.en}"), ("file", src.file)]


def show_record(ds: Any, kind: str, obj: Any) -> list[tuple[str, str]]:
    """Return (key, value) lines describing a record; empty values are left out by the caller."""
    lines = [("id", obj.id), ("type", kind), ("entity", obj.entity), ("label", _both(obj.label))]
    if kind == "fact":
        lines += [("value", figure(obj)), ("kind", obj.kind), ("period", obj.period or "-"),
                  ("inferred", _both(obj.inferred)), ("as written", obj.as_written),
                  ("unit", "" if obj.unit_written else f"{obj.unit} (supplied: the source writes none)"),
                  *_source_lines(ds, obj.source), ("quote", obj.quote), ("caveat", _both(obj.caveat)),
                  ("note", obj.note)]
        for lang in ("zh", "en"):
            forms = printed_forms(ds, obj.id, lang)
            for name, how in FORMS:
                shown = how.replace("id", obj.id)
                lines.append((f"{lang} {name}" if name != "figure" else lang, f"{forms[name]}    ← {shown}"))
    elif kind == "list":
        lines += [*_source_lines(ds, obj.source), ("quote", obj.quote.replace("\n", " / "))]
        lines += [(f"items[{i}]", f"{it.zh} / {it.en}") for i, it in enumerate(obj.items)]
        lines.append(("note", obj.note))
    elif kind == "series":
        lines += [("unit", obj.unit), ("kind", obj.kind), *_source_lines(ds, obj.source)]
        for i, p in enumerate(obj.points):
            x = p.x if isinstance(p.x, str) else f"{p.x.zh} / {p.x.en}"
            how = f"; derived: {p.how.zh} / {p.how.en}" if p.derived else ""
            lines.append((f"points[{i}]", f"{x}: {p.value} ({p.fact}){how}"))
        lines.append(("note", obj.note))
    else:
        for i, eid in enumerate(obj.events):
            fact = ds.facts.get(eid)
            lines.append((f"events[{i}]", f"{fact.period} {eid}: {fact.label.zh}" if fact else eid))
        lines.append(("note", obj.note))
    return lines + [("defined at", str(obj.origin))]


def plain(ds: Any, kind: str, r: Any) -> dict:
    """Return a record as plain JSON-ready data, keys in the dataset's order."""
    label = {"zh": r.label.zh, "en": r.label.en}
    if kind == "fact":
        printed = {lang: printed_forms(ds, r.id, lang) for lang in ("zh", "en")}
        return {"id": r.id, "entity": r.entity, "label": label, "value": r.value, "value_max": r.value_max,
                "unit": r.unit, "qualifier": r.qualifier or None, "period": r.period,
                "inferred": {"zh": r.inferred.zh, "en": r.inferred.en} if r.inferred else None,
                "kind": r.kind, "source": r.source, "quote": r.quote, "as_written": r.as_written or None,
                "unit_written": r.unit_written,
                "caveat": {"zh": r.caveat.zh, "en": r.caveat.en} if r.caveat else None,
                "note": r.note or None, "printed": printed}
    if kind == "list":
        return {"id": r.id, "entity": r.entity, "label": label, "source": r.source, "quote": r.quote,
                "items": [{"zh": i.zh, "en": i.en} for i in r.items], "note": r.note or None}
    if kind == "series":
        points = [{"x": p.x if isinstance(p.x, str) else {"zh": p.x.zh, "en": p.x.en}, "value": p.value,
                   "fact": p.fact, "derived": p.derived,
                   "how": {"zh": p.how.zh, "en": p.how.en} if p.how else None} for p in r.points]
        return {"id": r.id, "entity": r.entity, "label": label, "unit": r.unit, "kind": r.kind,
                "source": r.source, "points": points, "note": r.note or None}
    return {"id": r.id, "entity": r.entity, "label": label, "events": list(r.events), "note": r.note or None}


def figure(fact: Any) -> str:
    """Return the fact's value as the dataset stores it: "超5000亿元", "3至4倍", "1亿吨 (亿)"."""
    if fact.value is None:
        return "(event)"
    place = {"before": "", "number": "", "after": ""}
    for q in units.parse_qualifier(fact.qualifier):
        place[units.QUALIFIERS[q][0]] += q
    number = fact.value_text + (f"至{fact.value_max_text}" if fact.value_max is not None else "")
    unit = "" if fact.unit == units.SHARE else fact.unit
    text = place["before"] + number + place["number"] + unit + place["after"]
    return f"{text} ({fact.as_written})" if fact.as_written else text
