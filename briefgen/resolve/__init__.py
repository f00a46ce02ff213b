"""Resolve a checked spec against the dataset into a Briefing in one language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.format import numbers
from briefgen.format.labels import labels
from briefgen.errors import Problems
from briefgen.model import Briefing, OnePager, Section, SourceNote
from briefgen.resolve.blocks import BlockBuilder
from briefgen.resolve.context import Resolution
from briefgen.resolve.glossary import explain, printed_strings
from briefgen.spec import Rec

ENTITY_NAMES = {
    "city": {"zh": "江阴市", "en": "Jiangyin"},
    "park": {"zh": "江苏江阴—靖江工业园区", "en": "Jiangsu Jiangyin–Jingjiang Industrial Park"},
}

__all__ = ["resolve", "spec_langs"]


def spec_langs(spec: Rec) -> list[str]:
    """Return the languages a spec builds in, its primary language first."""
    lang = spec.get("lang", "zh")
    return [lang] if isinstance(lang, str) else list(dict.fromkeys(lang))


def resolve(spec: Rec, dataset: Any, lang: str, spec_path: str, root: Path) -> Briefing:
    """Return the Briefing that ``spec`` describes in ``lang``, or raise Problems.

    The as-of date is the spec's, else the newest source the briefing cites (citing none: the
    newest in the dataset); it is settled first (a quick first pass), since a target before it
    prints as a past target.
    """
    as_of = spec.get("as_of") or ""
    if not as_of:
        first = Resolution(dataset, lang, spec_path)
        _blocks(BlockBuilder(first, spec, root), spec)
        as_of = _latest(dataset, first.notes())
    res = Resolution(dataset, lang, spec_path, as_of)
    build = BlockBuilder(res, spec, root)
    onepager, slides = _blocks(build, spec)
    if res.problems:
        raise Problems(sorted(res.problems, key=lambda p: (p.origin.line, p.origin.col)))
    notes = res.notes()
    name = ENTITY_NAMES[spec["entity"]][lang]
    title = res.text(spec["title"], "title")
    subtitle = res.text(spec.get("subtitle"), "subtitle")
    audience = res.text(spec.get("audience"), "audience")
    as_of = spec.get("as_of") or _latest(dataset, notes)
    return Briefing(
        lang=lang, title=title, subtitle=subtitle,
        entity=spec["entity"], entity_name=name,
        issuer=res.text(spec.get("issuer"), "issuer", name),
        audience=audience, subject=" · ".join(x for x in (name, audience) if x),
        as_of=numbers.format_date(as_of, lang) if as_of else "",     # no figures: no data date
        theme=spec.get("theme") or spec["entity"], slides=slides, onepager=onepager,
        notes=notes, spec_path=spec_path, origin=spec.origin, labels=labels(lang),
        meta=tuple((f"warning:{surface}", w) for surface, w in res.warnings),
        glossary=explain(getattr(dataset, "glossary", {}), lang,
                         printed_strings((title, subtitle, [s.block for s in onepager.sections]))),
    )


def _blocks(build: BlockBuilder, spec: Rec) -> tuple[OnePager, tuple]:
    """Return the one-pager and the slides of a spec, built in the builder's language."""
    res = build.res
    res.surface = "onepager"
    onepager_sections = tuple(s for s in (_section(build, sec, i) for i, sec in
                                           enumerate(spec["onepager"])) if s is not None)
    onepager = OnePager(onepager_sections, res.notes(), spec.at("onepager"))
    res.surface = "deck"
    slides = tuple(s for i, sl in enumerate(spec["deck"]) for s in build.slide(sl, f"deck[{i}]"))
    return onepager, slides


def _latest(dataset: Any, notes: tuple[SourceNote, ...]) -> str:
    """Return the date of the newest source cited (the data's as-of date), or when the briefing
    cites none, of the newest source in the dataset."""
    dates = [dataset.sources[n.source_id].date for n in notes] or \
        [s.date for s in dataset.sources.values() if s.date]
    return max(dates, key=lambda d: (d + "-99-99")[:10], default="")


def _section(build: BlockBuilder, sec: Rec, i: int) -> Section | None:
    """Return one one-pager section."""
    where = f"onepager[{i}]"
    kind = sec["type"]
    res = build.res
    if kind == "kpis":
        block = build.kpis(sec["facts"], sec.at("facts"))
    elif kind == "chart":
        block = build.chart(sec["chart"], f"{where}.chart", sec.at("chart"))
    elif kind == "timeline":
        block = build.timeline(sec["timeline"], sec.at("timeline"), sec.get("events"))
    elif kind == "list":
        heading = res.text(sec.get("title"), f"{where}.title")
        block = build.bullets(sec.get("items"), sec.get("list"), f"{where}", sec.origin, heading)
    elif kind == "narrative":
        block = build.paragraph(sec["text"], f"{where}.text")
    else:
        block = build.contact(sec.get("contact"), f"{where}.contact", sec.origin)
    if block is None:
        return None
    cites = tuple((res.note(ident) if ident in res.ds.facts else res.list_note(res.ds.lists[ident])).number
                  for ident in sec.get("cite") or ())       # sources of text written in the spec
    return Section(kind, block, bool(sec.get("optional")), sec.origin, notes=cites)

