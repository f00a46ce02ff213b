"""The resolved briefing: plain, frozen, format-neutral data that renderers draw.

The resolver builds one Briefing per language. Every string in it is final text in that
language (numbers already formatted), so a renderer never formats, translates or looks
anything up: it lays out and draws. No I/O happens here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from functools import lru_cache
from typing import Any, Iterator, Union

from briefgen.errors import Origin
from briefgen.frozen import frozen


@frozen
class SourceNote:
    """A numbered citation: the fact(s) it backs and the source quote that states them."""

    number: int
    fact_ids: tuple[str, ...]
    source_id: str
    source_title: str       # in the briefing's language where the registry has it
    publisher: str
    date: str               # display date of the source, e.g. "2022-02-08"
    quote: str              # verbatim from the source (always Chinese)
    text: str               # the one-line note as printed, e.g. '《…》，2022-02-08：“…”'
    original_title: str = ""   # the document's own title (Chinese); "" when it has none, and
                               # ``source_title`` only describes it (never print that in 《》)
    url: str = ""              # where the registry has an address for the document


@frozen
class Figure:
    """One formatted fact, split so a renderer can set the number large.

    ``text`` is the whole figure as it reads in a sentence ("超5000亿元",
    "over RMB 500 billion"); ``prefix + number + suffix`` (joined with ``sep``) equals it,
    except for an event, whose number is its year ("2003" + "年") and whose text and period
    are its full date ("2003年8月29日").
    """

    fact_id: str
    label: str              # what the number is, e.g. "地区生产总值" / "GDP"
    text: str
    prefix: str             # e.g. "超" / "over RMB"
    number: str             # e.g. "5000" / "500"
    suffix: str             # e.g. "亿元" / "billion"
    period: str             # e.g. "2024" / "2024"; "" when undated
    note: int               # SourceNote.number
    value: float | None     # the value as the source states it (for parity checks)
    unit: str               # the unit as the source states it, e.g. "亿元"
    sep: str = ""           # "" in Chinese, " " in English
    detail: str = ""        # optional secondary line, e.g. "(38,800 mu)"


@frozen
class KpiCards:
    """Two to six big figures."""

    items: tuple[Figure, ...]
    origin: Origin | None = None


@frozen
class Bullet:
    """One line of a list; ``notes`` are the SourceNote numbers of figures it states."""

    text: str
    notes: tuple[int, ...] = ()
    level: int = 0
    fact_ids: tuple[str, ...] = ()


@frozen
class Bullets:
    """A list of bullets, with an optional heading."""

    items: tuple[Bullet, ...]
    heading: str = ""
    origin: Origin | None = None


@frozen
class ChartSeries:
    """One named series of a chart, its values in the display unit."""

    name: str
    values: tuple[float | None, ...]
    unit: str = ""          # display unit of the values, e.g. "亿元" / "RMB billion"


@frozen
class Chart:
    """A chart, drawn natively in the deck and as vectors in the PDF.

    kind: "column" | "bar" | "line" | "share" | "milestones" | "target".
    Values are already converted to the display unit of the language.
    ``value_labels`` holds the formatted data label of every point of the first series
    (same order as categories); ``number_format`` is an Excel number format for the
    deck's data labels, e.g. '#,##0"亿元"'.
    """

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    number_format: str
    value_labels: tuple[str, ...]
    highlight: int | None = None            # index into categories
    derived: tuple[bool, ...] = ()          # per category: value/year derived, not stated
    source_line: str = ""                   # "来源：…" / "Source: …"
    alt_text: str = ""
    footnote: str = ""                      # e.g. explains what "derived" means
    notes: tuple[int, ...] = ()
    series_ids: tuple[str, ...] = ()        # dataset ids behind the chart (parity checks)
    origin: Origin | None = None
    years: tuple[int, ...] = ()             # per category, when every category is a year: a time axis


@frozen
class Event:
    """A dated event on a timeline."""

    date: str               # display date, e.g. "2003年8月29日" / "29 August 2003"
    year: int
    text: str
    note: int = 0
    fact_id: str = ""


@frozen
class Timeline:
    """Dated events in order, with an optional heading and highlighted event."""

    events: tuple[Event, ...]
    heading: str = ""
    origin: Origin | None = None
    highlight: str = ""     # fact id of the event the spec highlights ("" for none)


@frozen
class Table:
    """A table: column headings and rows of final text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[int, ...] = ()
    origin: Origin | None = None


@frozen
class Column:
    """One column of a Compare block: a heading and its bullets."""

    heading: str
    items: tuple[Bullet, ...]


@frozen
class Compare:
    """Two columns side by side."""

    left: Column
    right: Column
    origin: Origin | None = None


@frozen
class Image:
    """A picture with its alt text and optional caption."""

    path: str               # absolute path of a verified private copy of the spec's picture (spec/images.py)
    alt: str
    caption: str = ""
    origin: Origin | None = None


@frozen
class Quote:
    """A quotation and who said it."""

    text: str
    attribution: str = ""
    notes: tuple[int, ...] = ()
    origin: Origin | None = None


@frozen
class Paragraph:
    """A paragraph of running text."""

    text: str
    notes: tuple[int, ...] = ()
    origin: Origin | None = None


@frozen
class Contact:
    """Contact lines (names, slogans) and the details a reader follows up: address, phone,
    e-mail and web address (a QR code encodes the web address)."""

    lines: tuple[str, ...]
    heading: str = ""
    origin: Origin | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    labels: tuple[tuple[str, str], ...] = ()   # ("address", "地址") … in the briefing's language


Block = Union[KpiCards, Bullets, Chart, Timeline, Table, Compare, Image, Quote, Paragraph, Contact]

SLIDE_KINDS = (
    "title", "section", "kpis", "bullets", "chart", "timeline",
    "table", "compare", "image", "quote", "closing",
)


@frozen
class Slide:
    """One slide of the deck.

    kind is one of SLIDE_KINDS. A "chart" slide may carry a Paragraph or Bullets block
    beside its Chart (chart with commentary). ``talking_points`` become the speaker notes,
    followed by ``glossary`` (the explanation of every Chinese term the slide prints, English
    only) and ``sources`` (the notes of every figure on the slide).
    """

    kind: str
    title: str
    blocks: tuple[Block, ...] = ()
    subtitle: str = ""
    talking_points: tuple[str, ...] = ()
    sources: tuple[SourceNote, ...] = ()
    origin: Origin | None = None
    warnings: tuple[str, ...] = ()      # located findings of the slide policy, reported by the deck
    glossary: tuple[str, ...] = ()          # "Term (中文): explanation." in order of first use


@frozen
class Section:
    """A one-pager section: a block, whether the spec lets it be dropped, and where it came from."""

    role: str               # "kpis" | "chart" | "timeline" | "list" | "narrative" | "contact"
    block: Block
    optional: bool = False
    origin: Origin | None = None
    notes: tuple[int, ...] = ()     # SourceNote numbers the spec cites for its own text (cite:)


@frozen
class OnePager:
    """The one-page handout: its sections and the notes of every figure on it."""

    sections: tuple[Section, ...]
    notes: tuple[SourceNote, ...]           # numbered 1..n, every figure on the page
    origin: Origin | None = None


@frozen
class Labels:
    """The interface words a renderer prints, in the briefing's language, put there by the resolver.

    Each is final text or a template whose ``{name}`` fields the renderer fills with text it
    already has (``get``), so renderers never translate.
    """

    as_of: str = ""                 # "数据截至{date}" / "Data as of {date}"
    prepared_by: str = ""           # "编制：{issuer}" / "Prepared by: {issuer}"
    sources: str = ""               # heading of the source notes
    source_line: str = ""           # "来源：{text}" / "Source: {text}"
    sources_in_notes: str = ""      # a footer too small for the sources: "来源：详见演讲者备注"
    original_quote: str = ""        # "原文：“{quote}”"
    continued: str = ""             # suffix of a continuation slide's title, "（续）"
    continued_part: str = ""        # "（续 {n}/{total}）" / " (continued, {n} of {total})"
    milestones: str = ""            # a timeline's default heading, "大事记" / "Milestones"
    contact: str = ""               # a contact block's default heading
    talking_points: str = ""        # heading of the speaker notes' talking points
    not_stated: str = ""            # what a table's "—" means, printed under the table
    glossary: str = ""              # heading of the speaker notes' terms explained

    def get(self, key: str, **fields: str) -> str:
        """Return the label ``key`` with its ``{name}`` fields filled from ``fields``."""
        if key.startswith("_") or key not in self.__dataclass_fields__:
            raise KeyError(f"label {key!r}: a renderer asked for a word the model does not carry; "
                           "add it to model.Labels (the resolver fills it from format/i18n.py)")
        text = getattr(self, key)
        return text.format(**fields) if fields else text


@frozen
class Briefing:
    """A whole briefing in one language."""

    lang: str                                # "zh" | "en"
    title: str
    subtitle: str
    entity: str                              # "city" | "park"
    entity_name: str                         # full name in this language
    issuer: str                              # the issuing body (document author)
    audience: str
    subject: str
    as_of: str                               # display, e.g. "2025年2月" / "February 2025"
    theme: str                               # theme name
    slides: tuple[Slide, ...]
    onepager: OnePager
    notes: tuple[SourceNote, ...]            # every note used anywhere, by number
    spec_path: str = ""
    origin: Origin | None = None
    meta: tuple[tuple[str, str], ...] = field(default=())   # extra (key, value) pairs
    labels: Labels = field(default_factory=Labels)         # interface words in ``lang``
    glossary: tuple[str, ...] = ()           # explanations of the terms the one-pager prints


# Fields that hold identifiers, paths or formats, never text a reader sees.
NOT_TEXT = frozenset({"fact_id", "fact_ids", "source_id", "series_ids", "path", "number_format",
                      "kind", "role", "url", "spec_path", "theme", "lang", "entity", "origin"})


def texts(value: Any) -> Iterator[str]:
    """Return every reader-facing string inside a model value (a string, a tuple or list of
    values, a model object), in order, skipping the fields of ``NOT_TEXT``."""
    return iter(_collect(value, []))


def _collect(value: Any, out: list[str]) -> list[str]:
    """Return ``out`` with the reader-facing strings of ``value`` appended (see ``texts``)."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _collect(item, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _text_fields(type(value)):
            _collect(getattr(value, name), out)
    return out


@lru_cache(maxsize=None)
def _text_fields(cls: type) -> tuple[str, ...]:
    """Return the names of the fields of a model class that may hold reader-facing text."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in NOT_TEXT)
