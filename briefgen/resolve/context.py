"""The resolver's working state: language, dataset, source-note numbering and problems."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from briefgen.format import i18n
from briefgen.format import numbers
from briefgen.errors import Origin, SpecError
from briefgen.model import Event, Figure, SourceNote
from briefgen.resolve import marks
from briefgen.spec import Text

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
NAME = "="            # {=S1线}: a name with digits, printed as written (not a figure)


def bilingual(obj: Any, lang: str) -> str:
    """Return the ``lang`` text of a dataset {zh, en} value (a dict or an object with zh/en)."""
    if isinstance(obj, dict):
        return obj.get(lang) or ""
    return getattr(obj, lang, "") or ""


class Resolution:
    """Everything one language's resolution shares: notes are numbered by first use."""

    def __init__(self, dataset: Any, lang: str, spec_path: str, as_of: str = ""):
        self.ds, self.lang, self.spec_path, self.as_of = dataset, lang, spec_path, as_of
        self.problems: list[SpecError] = []
        self._past: dict[tuple[str, str], dict[str, str]] = {}   # (surface, place) -> {past target: period}
        self.surface = "deck"                       # what is being built: "deck" or "onepager"
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

    def _inline(self, ref: str, origin: Origin, cited: list[int]) -> str:
        """Return the inline text of a placeholder, recording its note.

        {fact.id}: the figure (a target says so); {fact.id.number}: the figure without its
        direction word (增长/up), for text that already says it; {fact.id.period}: the period;
        {=S1线}: a name with digits, as written.
        """
        if ref.startswith(NAME):
            return ref[len(NAME):].strip()
        fact_id, form = ref, ""
        if ref not in self.ds.facts and ref.rsplit(".", 1)[-1] in ("period", "number"):
            fact_id, form = ref.rsplit(".", 1)
        fact = self.ds.facts[fact_id]
        fig = self.figure(fact_id, origin)
        cited.append(fig.note)
        if form == "period" or fact.kind == "event":
            return marks.inline_period(fact, self.lang)
        text = self.bare(fact) if form == "number" else self.full(fact)
        return marks.inline(fact, text, self.lang, self.as_of)

    def placeholder(self, ref: str) -> str:
        """Return what the placeholder {ref} prints (its note is numbered but not cited)."""
        return self._inline(ref, None, [])

    def full(self, fact: Any) -> str:
        """Return a figure as running text writes it, whatever its label says: 增长14.13%."""
        parts = numbers.format_figure(
            fact.value, fact.unit, self.lang, qualifier=fact.qualifier or "",
            value_max=fact.value_max, as_written=fact.as_written or "", kind=fact.kind,
            unit_written=fact.unit_written)
        return " ".join(p for p in (parts.text, parts.detail) if p)

    def bare(self, fact: Any) -> str:
        """Return a figure without its direction word: 14.13% (not 增长14.13%), for 同比增长{…}.

        The words that add nothing to the number (达, 累计) go too; 超, 约, 以上, 预计 stay.
        """
        value, vmax = fact.value, fact.value_max
        if fact.kind == "growth":           # 下降{….number}: the direction is the text's
            value, vmax = abs(value), (abs(vmax) if vmax is not None else None)
        parts = numbers.format_figure(
            value, fact.unit, self.lang, qualifier=" ".join(
                q for q in numbers.parse_qualifier(fact.qualifier) if q not in ("可", "达", "累计")),
            value_max=vmax, as_written=fact.as_written or "", kind="",
            unit_written=fact.unit_written)
        return " ".join(p for p in (parts.text, parts.detail) if p)

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
            note = self._new_note(len(self._by_quote) + 1, (fact.id,), fact.source, fact.quote,
                                  marks.note_extras(fact, self.lang))
        self._by_quote[key] = note
        self._notes[fact_id] = note
        return note

    def list_note(self, lst: Any) -> SourceNote:
        """Return the numbered note of a dataset list; its quote is the items as the source lists them."""
        key = (lst.source, "list:" + lst.id)
        if key not in self._by_quote:
            quote = " / ".join(line.strip() for line in lst.quote.splitlines() if line.strip()) \
                or "、".join(bilingual(i, "zh") for i in lst.items)
            self._by_quote[key] = self._new_note(len(self._by_quote) + 1, (lst.id,), lst.source, quote)
        return self._by_quote[key]

    def _new_note(self, number: int, ids: tuple[str, ...], source_id: str, quote: str,
                  extras: list[str] = ()) -> SourceNote:
        """Return a note: zh quotes the source verbatim; en names the fact (the quote is Chinese).

        ``extras`` (how a year was inferred, a caveat) follow as sentences. An untitled source's
        descriptive title is never set in 《》 as if it were the document's own.
        """
        src = self.ds.sources[source_id]
        title = bilingual(src.title, self.lang)
        zh_title = bilingual(src.title, "zh")
        known = bilingual(src.publisher, "en").lower() != "unknown"
        publisher = bilingual(src.publisher, self.lang) if known else ""
        date = numbers.format_date(src.date, self.lang)
        if self.lang == "zh":
            shown = title if src.untitled else f"《{title}》"
            text = "，".join(x for x in (shown, publisher, date) if x) + f"：“{quote}”"
            text += "".join(f"。{e}" for e in extras)
        else:
            obj = self.ds.facts.get(ids[0]) or self.ds.lists.get(ids[0])
            what = bilingual(obj.label, "en")
            shown = title if src.untitled else f"{title} ({zh_title})"
            text = f"{what}. " + ", ".join(x for x in (shown, publisher, date) if x)
            text += "".join(f". {e}" for e in extras)
        return SourceNote(number, ids, src.id, title, publisher, date, quote, text,
                          original_title="" if src.untitled else zh_title,
                          url=getattr(src, "url", "") or "")

    def notes(self) -> tuple[SourceNote, ...]:
        """Return every note used so far, in number order, each once."""
        return tuple(sorted(self._by_quote.values(), key=lambda n: n.number))

    @property
    def warnings(self) -> list[tuple[str, str]]:
        """Return (surface, located warning) pairs: one a spec place, naming every past target used there."""
        out = []
        for (surface, where), targets in self._past.items():
            if len(targets) == 1:
                (fid, period), = targets.items()
                what = f"{fid}: a target for {period}, before the briefing's as-of date ({self.as_of}); " \
                       "it prints as a past target whose outcome the sources do not report"
            else:
                by_period: dict[str, list[str]] = {}
                for fid, period in targets.items():
                    by_period.setdefault(period, []).append(fid)
                what = f"{len(targets)} targets for " + "; ".join(
                    f"{p} ({', '.join(ids)})" for p, ids in by_period.items()) + \
                    f", before the briefing's as-of date ({self.as_of}); they print as past targets whose " \
                    "outcomes the sources do not report"
            out.append((surface, f"{where}: {what}"))
        return out

    # -- facts ------------------------------------------------------------------------
    def figure(self, fact_id: str, origin: Origin | None = None) -> Figure:
        """Return a fact formatted as a figure in this language, with its note number.

        Its period carries the fact's status (marks.period): 2026年目标, 2024年（年份推算）. A
        target whose deadline is before the briefing's as-of date is a located warning.
        """
        fact = self.ds.facts[fact_id]
        note = self.note(fact_id)
        label = bilingual(fact.label, self.lang)
        if fact.kind == "event":   # the year is the big number, the full date its period
            date = numbers.format_date(fact.period, self.lang)
            year = str(numbers.year_of(fact.period))
            return Figure(fact_id, label, date, "", year, "年" if self.lang == "zh" else "",
                          marks.inline_period(fact, self.lang), note.number, None, "",
                          "" if self.lang == "zh" else " ")
        parts = numbers.format_figure(
            fact.value, fact.unit, self.lang, qualifier=fact.qualifier or "",
            value_max=fact.value_max, as_written=fact.as_written or "", kind=fact.kind,
            unit_written=fact.unit_written)
        if marks.is_past(fact, self.as_of):
            self._past.setdefault((self.surface, str(origin or Origin(self.spec_path))), {})[fact_id] = \
                str(fact.period)
        prefix = _unsaid(parts.prefix, label, self.lang)
        text = parts.sep.join(p for p in (prefix, parts.number, parts.suffix) if p)
        if parts.detail:                            # about 2,590 ha (38,800 mu): the source's figure too
            text += " " + parts.detail
        return Figure(fact_id, label, text, prefix, parts.number, parts.suffix,
                      marks.period(fact, self.lang, self.as_of), note.number, fact.value, fact.unit,
                      parts.sep, parts.detail)

    def event(self, fact_id: str) -> Event:
        """Return an event fact as a timeline event."""
        fact = self.ds.facts[fact_id]
        return Event(marks.inline_period(fact, self.lang), numbers.year_of(fact.period),
                     bilingual(fact.label, self.lang), self.note(fact_id).number, fact_id)

    def fact_line(self, fact_id: str, origin: Origin | None = None) -> tuple[str, int]:
        """Return a fact as one line of text and its note: 规上工业产值增长5.0%（2024年）.

        "label：figure（period）", except that a label ending in the figure's direction word
        (增长, growth) takes the bare number, so no word is said twice.
        """
        fig = self.figure(fact_id, origin)
        fact = self.ds.facts[fact_id]
        if fact.kind == "event":
            return (f"{fig.period or fig.text}，{fig.label}" if self.lang == "zh"
                    else f"{fig.period or fig.text}: {fig.label}"), fig.note
        text, joint = fig.text, ("：" if self.lang == "zh" else ": ")
        if self.lang == "zh" and fact.kind == "growth" and fig.label.endswith("增长") and not fig.prefix:
            joint = ""                              # 规上工业产值增长5.0%, not 增长：增长5.0%
        return f"{fig.label}{joint}{text}{marks.bracketed(fact, self.lang, self.as_of)}", fig.note

    def t(self, key: str, **kw: Any) -> str:
        """Return a UI string in this language."""
        return i18n.t(self.lang, key, **kw)


#: Qualifier and direction words a label may already say; the figure then leaves them out.
_SAID = {"zh": ("累计", "达", "增长"), "en": ("up",)}
_SAID_IN_LABEL = {"up": "growth"}


def _unsaid(prefix: str, label: str, lang: str) -> str:
    """Return a figure's prefix without a word its label already says (累计…：累计3.88万亩, growth: up)."""
    for w in _SAID[lang]:
        said = _SAID_IN_LABEL.get(w, w)
        head = prefix.split(" ", 1)[0] if lang == "en" else prefix[: len(w)]
        if head == w and said in label.lower():
            return prefix[len(w):].lstrip()
    return prefix
