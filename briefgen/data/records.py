"""The dataset's record types: sources, facts, lists, series and timelines, and their rules."""

from __future__ import annotations

import re
from dataclasses import field
from datetime import date
from pathlib import Path
from typing import Any, Union

from briefgen.errors import DatasetError, Origin
from briefgen.frozen import frozen

ENTITIES = ("city", "park")
KINDS = ("stock", "growth", "share", "target", "count", "event", "duration")
SERIES_KINDS = ("milestones", "column", "share", "target", "line")
FILES = ("sources.yaml", "lists.yaml", "series.yaml", "timelines.yaml")
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+){2,}")
SOURCE_ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@frozen
class Label:
    """A short text in Chinese and English."""

    zh: str
    en: str

    def __bool__(self) -> bool:
        """A label is true when it has text in either language."""
        return bool(self.zh or self.en)


NO_LABEL = Label("", "")


@frozen
class Source:
    """One source document in the shared sources folder."""

    id: str
    title: Label
    publisher: Label
    date: str
    file: str
    notes: str
    origin: Origin
    untitled: bool = False  # the title is descriptive: never print it in 《》 as the source's own


@frozen
class Fact:
    """One figure or dated event, with the exact quote that states it.

    ``value_text`` is the value as written in the YAML (``5.0`` stays "5.0"), so the number can
    be printed, and checked against the source, exactly as the source writes it.
    """

    id: str
    entity: str
    label: Label
    value: int | float | None
    unit: str
    period: str
    kind: str
    source: str
    quote: str
    origin: Origin
    value_max: int | float | None = None
    qualifier: str = ""
    inferred: Label = NO_LABEL      # how the period was worked out, in plain words, zh and en
    as_written: str = ""
    note: str = ""
    value_text: str = ""
    value_max_text: str = ""
    unit_written: bool = True       # false: the source writes no unit here; ``unit`` is supplied
    caveat: Label = NO_LABEL        # printed with the fact's source note: an assumption or doubt


@frozen
class ListItem:
    """One item of a named list; ``zh`` appears verbatim in the list's source."""

    zh: str
    en: str


@frozen
class FactList:
    """A named list from one source, such as the park's leading industries."""

    id: str
    entity: str
    label: Label
    source: str
    items: tuple[ListItem, ...]
    origin: Origin
    note: str = ""
    quote: str = ""         # the source's passage that lists the items, verbatim


@frozen
class SeriesPoint:
    """One point of a chart series: a category or year, and a value taken from a fact."""

    x: Union[str, Label]
    value: int | float
    fact: str
    derived: bool
    how: Label              # how a derived x or value was worked out, in plain words
    origin: Origin


@frozen
class Series:
    """Chart data: points in one unit, each tied to a fact."""

    id: str
    entity: str
    label: Label
    unit: str
    kind: str
    source: str
    points: tuple[SeriesPoint, ...]
    origin: Origin
    note: str = ""


@frozen
class Timeline:
    """Dated events in date order, as fact ids of kind event."""

    id: str
    entity: str
    label: Label
    events: tuple[str, ...]
    origin: Origin
    note: str = ""
    event_origins: tuple[Origin, ...] = ()   # where each event id is written, for messages


@frozen
class GlossaryEntry:
    """A Chinese term an English briefing explains: the printed term, its Chinese, the explanation."""

    term: str
    zh: str
    en: str
    origin: Origin
    also: tuple[str, ...] = ()


@frozen
class Dataset:
    """Everything in the assets/data folder, keyed by id."""

    data_dir: Path
    sources: dict[str, Source] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    lists: dict[str, FactList] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    timelines: dict[str, Timeline] = field(default_factory=dict)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)   # by term, in file order

    def lookup(self, id: str) -> tuple[str, Any]:
        """Return ``(kind, object)`` for any id: kind is source, fact, list, series or timeline."""
        for kind, table in (("fact", self.facts), ("list", self.lists), ("series", self.series),
                            ("timeline", self.timelines), ("source", self.sources)):
            if id in table:
                return kind, table[id]
        known = [*self.facts, *self.lists, *self.series, *self.timelines, *self.sources]
        raise DatasetError(f"unknown id '{id}'{suggestion(id, known)}")


def suggestion(name: str, choices: Any) -> str:
    """Return "; did you mean 'x'?" for the closest of ``choices``, or "" when none is close."""
    import difflib                  # only a misspelling needs it

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def parse_period(text: str) -> tuple[str, str]:
    """Return (start, end) of an ISO period YYYY, YYYY-MM, YYYY-MM-DD or a range A/B.

    Raises ValueError saying what is wrong.
    """
    parts = text.split("/")
    if len(parts) > 2 or not all(DATE_PATTERN.fullmatch(p) for p in parts):
        raise ValueError("expected YYYY, YYYY-MM, YYYY-MM-DD or a range YYYY/YYYY")
    for p in parts:
        y, m, d = DATE_PATTERN.fullmatch(p).groups()  # type: ignore[union-attr]
        try:
            date(int(y), int(m or 1), int(d or 1))
        except ValueError as e:
            raise ValueError(f"not a real date ({e})") from None
    if len(parts) == 2 and parts[1] < parts[0]:
        raise ValueError("the range ends before it starts")
    return parts[0], parts[-1]
