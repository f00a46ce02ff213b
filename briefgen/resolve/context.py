"""The resolver's working state: language, dataset, source-note numbering and problems."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from briefgen.format import i18n
from briefgen.format import numbers
from briefgen.errors import Origin, SpecError
from briefgen.model import Event, Figure, SourceNote
from briefgen.spec import Text

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def bilingual(obj: Any, lang: str) -> str:
    """Return the ``lang`` text of a dataset {zh, en} value (a dict or an object with zh/en)."""
    if isinstance(obj, dict):
        return obj.get(lang) or ""
    return getattr(obj, lang, "") or ""


class Resolution:
    """Everything one language's resolution shares: notes are numbered by first use."""

    def __init__(self, dataset: Any, lang: str, spec_path: str):
        self.ds, self.lang, self.spec_path = dataset, lang, spec_path
        self.problems: list[SpecError] = []
        self._notes: dict[str, SourceNote] = {}     # fact id -> note
        self._by_quote: dict[tuple[str, str], SourceNote] = {}

    # -- text -----------------------------------------------------------------------
    def text(self, value: Text | None, where: str, default: str = "") -> str:
        """Return spec text in this language; a missing translation is a located problem."""
        if value is None:
            return default
        got = value.get(self.lang)
        if got is None:
            have = ", ".join(k for k, _ in value.values)
            self.problems.append(SpecError(
                f"{where}: no '{self.lang}' text (has {have}); write {where.rsplit('.', 1)[-1]}: "
                f"{{zh: …, en: …}} to build in {self.lang}", value.origin))
            return ""
        return got

    def body(self, value: Text | None, where: str) -> tuple[str, tuple[int, ...]]:
        """Return running text with each {fact.id} replaced by its figure, and the notes cited."""
        raw = self.text(value, where)
        cited: list[int] = []
        text = PLACEHOLDER.sub(lambda m: self._inline(m.group(1), value.origin, cited), raw)
        return text, tuple(dict.fromkeys(cited))

    def _inline(self, fact_id: str, origin: Origin, cited: list[int]) -> str:
        """Return the inline text of a {fact.id} or {fact.id.period} placeholder, recording its note."""
        if fact_id not in self.ds.facts and fact_id.endswith(".period"):
            fig = self.figure(fact_id.removesuffix(".period"))
            cited.append(fig.note)
            return fig.period
        fact = self.ds.facts[fact_id]
        if fact.kind == "event":
            ev = self.event(fact_id)
            cited.append(ev.note)
            return ev.date
        fig = self.figure(fact_id)
        cited.append(fig.note)
        return fig.text

    # -- notes ------------------------------------------------------------------------
    def note(self, fact_id: str) -> SourceNote:
        """Return the numbered source note for a fact, numbering it on first use."""
        if fact_id in self._notes:
            return self._notes[fact_id]
        fact = self.ds.facts[fact_id]
        key = (fact.source, fact.quote)
        if key in self._by_quote:               # facts that share a quote share a note
            old = self._by_quote[key]
            note = dataclasses.replace(old, fact_ids=old.fact_ids + (fact_id,))
            for fid in old.fact_ids:
                self._notes[fid] = note
        else:
            note = self._new_note(len(self._by_quote) + 1, (fact.id,), fact.source, fact.quote)
        self._by_quote[key] = note
        self._notes[fact_id] = note
        return note

    def list_note(self, lst: Any) -> SourceNote:
        """Return the numbered note of a dataset list; its quote is the items as the source lists them."""
        key = (lst.source, "list:" + lst.id)
        if key not in self._by_quote:
            quote = getattr(lst, "quote", "") or "、".join(bilingual(i, "zh") for i in lst.items)
            self._by_quote[key] = self._new_note(len(self._by_quote) + 1, (lst.id,), lst.source, quote)
        return self._by_quote[key]

    def _new_note(self, number: int, ids: tuple[str, ...], source_id: str, quote: str) -> SourceNote:
        """Return a note: zh quotes the source verbatim; en names the fact (the quote is Chinese)."""
        src = self.ds.sources[source_id]
        title = bilingual(src.title, self.lang)
        zh_title = bilingual(src.title, "zh")
        known = bilingual(src.publisher, "en").lower() != "unknown"
        publisher = bilingual(src.publisher, self.lang) if known else ""
        date = numbers.format_date(src.date, self.lang)
        if self.lang == "zh":
            text = "，".join(x for x in (f"《{title}》", publisher, date) if x) + f"：“{quote}”"
        else:
            obj = self.ds.facts.get(ids[0]) or self.ds.lists.get(ids[0])
            what = bilingual(obj.label, "en")
            text = f"{what}. " + ", ".join(x for x in (f"{title} ({zh_title})", publisher, date) if x)
        return SourceNote(number, ids, src.id, title, publisher, date, quote, text,
                          original_title=zh_title, url=getattr(src, "url", "") or "")

    def notes(self) -> tuple[SourceNote, ...]:
        """Return every note used so far, in number order, each once."""
        return tuple(sorted(self._by_quote.values(), key=lambda n: n.number))

    # -- facts ------------------------------------------------------------------------
    def figure(self, fact_id: str) -> Figure:
        """Return a fact formatted as a figure in this language, with its note number."""
        fact = self.ds.facts[fact_id]
        note = self.note(fact_id)
        label = bilingual(fact.label, self.lang)
        if fact.kind == "event":   # the year is the big number, the full date its period
            date = numbers.format_date(fact.period, self.lang)
            year = str(numbers.year_of(fact.period))
            return Figure(fact_id, label, date, "", year, "年" if self.lang == "zh" else "", date,
                          note.number, None, "", "" if self.lang == "zh" else " ")
        parts = numbers.format_figure(
            fact.value, fact.unit, self.lang, qualifier=fact.qualifier or "",
            value_max=fact.value_max, as_written=fact.as_written or "", kind=fact.kind)
        period = numbers.format_date(fact.period, self.lang) if fact.period else ""
        return Figure(fact_id, label, parts.text, parts.prefix, parts.number, parts.suffix, period,
                      note.number, fact.value, fact.unit, parts.sep, parts.detail)

    def event(self, fact_id: str) -> Event:
        """Return an event fact as a timeline event."""
        fact = self.ds.facts[fact_id]
        return Event(numbers.format_date(fact.period, self.lang), numbers.year_of(fact.period),
                     bilingual(fact.label, self.lang), self.note(fact_id).number, fact_id)

    def fact_line(self, fact_id: str) -> tuple[str, int]:
        """Return a fact as one line of text ("label：figure（period）") and its note."""
        fig = self.figure(fact_id)
        fact = self.ds.facts[fact_id]
        if fact.kind == "event":
            text = (f"{fig.period or fig.text}，{fig.label}" if self.lang == "zh"
                    else f"{fig.text}: {fig.label}")
        elif self.lang == "zh":
            text = f"{fig.label}：{fig.text}" + (f"（{fig.period}）" if fig.period else "")
        else:
            text = f"{fig.label}: {fig.text}" + (f" ({fig.period})" if fig.period else "")
        return text, fig.note

    def t(self, key: str, **kw: Any) -> str:
        """Return a UI string in this language."""
        return i18n.t(self.lang, key, **kw)
