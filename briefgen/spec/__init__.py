"""Read a briefing spec: YAML → checked spec values, with every problem located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.errors import Problems, SpecError
from briefgen.spec.fields import Context, Rec, Text
from briefgen.spec.language import BRIEFING
from briefgen.yamlload import Map, read

__all__ = ["load_spec", "Rec", "Text"]

KIND_NAMES = {"fact": "facts", "list": "lists", "series": "series", "timeline": "timelines"}


def context_for(dataset: Any) -> Context:
    """Return a checking context whose id lookups go to ``dataset``."""
    tables = {kind: getattr(dataset, attr) for kind, attr in KIND_NAMES.items()}

    def lookup(ident: str) -> str | None:
        return next((kind for kind, table in tables.items() if ident in table), None)

    def ids(kinds: tuple[str, ...]):
        return [i for k in kinds for i in tables[k]]

    return Context(lookup=lookup, ids=ids)


def load_spec(path: str | Path, dataset: Any) -> Rec:
    """Return the checked spec at ``path``, or raise Problems listing every located problem."""
    root = read(path)
    ctx = context_for(dataset)
    if not isinstance(root, Map):
        raise SpecError(f"expected {BRIEFING.expected} but received "
                        f"{'a list' if hasattr(root, 'items') else 'a single value'}", root.origin)
    spec = BRIEFING.check(root, "", ctx)
    if spec is not None:
        _cross_checks(spec, ctx, dataset)
    if ctx.problems:
        raise Problems(sorted(ctx.problems, key=lambda p: (p.origin.line, p.origin.col)))
    return spec


def _events(rec: Rec, where: str, ctx: Context, dataset: Any) -> None:
    """File a problem for each chosen event that is not on the named timeline."""
    timeline = dataset.timelines.get(rec.get("timeline"))
    if timeline is None or not rec.get("events"):
        return
    for j, fid in enumerate(rec["events"]):
        if fid not in timeline.events:
            ctx.error(rec.at("events"), f"{where}.events[{j}]",
                      f"'{fid}' is not an event of timeline '{rec['timeline']}'")


def _cross_checks(spec: Rec, ctx: Context, dataset: Any) -> None:
    """File the problems one field cannot see alone: chosen events that are not on the timeline."""
    for i, slide in enumerate(spec["deck"]):
        _events(slide, f"deck[{i}]", ctx, dataset)
    for i, section in enumerate(spec["onepager"]):
        _events(section, f"onepager[{i}]", ctx, dataset)
