"""Checks across the dataset's files: sources named, series points equal to their facts, timelines."""

from __future__ import annotations

from briefgen.data.records import Dataset, suggestion
from briefgen.errors import BriefgenError, DatasetError, Origin


def cross_check(ds: Dataset, problems: list[BriefgenError]) -> None:
    """Check references between files: sources, series points and timeline events."""
    def fail(origin: Origin, message: str) -> None:
        problems.append(DatasetError(message, origin))

    for kind, table in (("fact", ds.facts), ("list", ds.lists), ("series", ds.series)):
        for obj in table.values():
            if obj.source and obj.source not in ds.sources:
                hint = suggestion(obj.source, ds.sources) or f"; expected one of: {', '.join(ds.sources)}"
                fail(obj.origin, f"{kind} {obj.id}: source: unknown source '{obj.source}'{hint}")
    for s in ds.series.values():
        for p in s.points:
            fact = ds.facts.get(p.fact)
            if not p.fact:
                continue
            if fact is None:
                fail(p.origin, f"series {s.id}: fact: unknown fact '{p.fact}'{suggestion(p.fact, ds.facts)}")
            elif fact.value != p.value:
                fail(p.origin, f"series {s.id}: value: expected {fact.value_text} (the value of "
                               f"{fact.id}) but received {p.value}")
            elif fact.unit != s.unit:
                fail(p.origin, f"series {s.id}: unit: the series is in '{s.unit}' but {fact.id} "
                               f"is in '{fact.unit}'")
            elif isinstance(p.x, str) and fact.inferred and not p.derived:
                fail(p.origin, f"series {s.id}: x: the year {p.x} of {fact.id} was inferred, so the "
                               "point is derived: write derived: true and how: {zh: …, en: …}")
    for t in ds.timelines.values():
        last = ""
        for i, eid in enumerate(t.events):
            where = t.event_origins[i] if i < len(t.event_origins) else t.origin
            fact = ds.facts.get(eid)
            if fact is None:
                fail(where, f"timeline {t.id}: events[{i}]: unknown fact '{eid}'{suggestion(eid, ds.facts)}")
            elif fact.kind != "event":
                fail(where, f"timeline {t.id}: events[{i}]: expected a fact of kind event "
                               f"but {eid} is a {fact.kind}")
            elif fact.period < last:
                fail(where, f"timeline {t.id}: events[{i}]: {eid} ({fact.period}) comes "
                               f"before the event above it ({last}); keep events in date order")
            else:
                last = fact.period
