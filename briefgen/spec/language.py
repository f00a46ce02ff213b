"""The briefing spec language, declared as typed fields (the README's reference follows it)."""

from __future__ import annotations

import re

from briefgen.spec.fields import (
    LANGS, Bool, Context, Either, Enum, Field, ListOf, Record, Ref, Str, Tagged, TextField, shown,
)
from briefgen.format import units
from briefgen.spec import docs
from briefgen.spec.dates import Date, digit_problem
from briefgen.yamlload import Map, Scalar, Seq

CHART_TYPES = ("column", "bar", "line", "share", "milestones", "target")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
UNCLOSED = re.compile(r"\{[^{}]*(?=\{|$)")          # a "{" with no "}" before the next "{" or the end
DIGIT = re.compile(r"\d")                           # any script's digits: 0-9, ０-９, ٠-٩ …


class BodyText(TextField):
    """Running text. Figures in it must come from the dataset as ``{fact.id}`` placeholders.

    A digit typed into body text would print a number no source backs, so it is refused;
    ``{fact.id}`` prints that fact's figure in the briefing's language and cites it,
    ``{fact.id.number}`` the figure without its direction word (for 同比增长{…}), and
    ``{fact.id.period}`` its period (e.g. 2026年 / 2026). A name with digits that is not a
    figure is written ``{=S1线}`` and printed as written; a number with a unit is still refused.
    """

    def check(self, node, where, ctx):
        text = super().check(node, where, ctx)
        if text is None:
            return None
        for lang, value in text.values:
            in_lang = f" in the {lang} text" if lang != "*" else ""
            opened = UNCLOSED.search(value)
            if opened:
                ctx.error(node.origin, where, f"an unclosed placeholder '{opened.group(0)[:40]}'{in_lang}; "
                                              "close it with '}' (e.g. {park.history.founded})")
                continue
            for ref in PLACEHOLDER.findall(value):
                if ref.startswith("="):
                    name, figure = ref[1:].strip(), units.figure_in(ref[1:])
                    if not name or figure:
                        ctx.error(node.origin, where, f"{{{ref}}}: " + (
                            f"'{figure}' is a figure (a number with its unit), not a name; figures "
                            "come from the dataset: write {fact.id}" if figure else
                            "expected a name after '=', such as {=S1线}"))
                    continue
                base, _, form = ref.rpartition(".")
                ref = base if ctx.lookup(ref) is None and form in ("period", "number") else ref
                Ref("fact").check(Scalar(ref, node.origin, ref), where, ctx)
            bare = PLACEHOLDER.sub("", value)
            if "}" in bare:                  # a "}" that closes no "{"
                at = PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), value).index("}")
                ctx.error(node.origin, where, f"a '}}' without its '{{'{in_lang} "
                                              f"('{value[max(0, at - 29): at + 1]}'); write a "
                                              "placeholder as {fact.id}")
                continue
            if DIGIT.search(bare):
                digits = DIGIT.search(bare).group(0)
                ctx.error(node.origin, where,
                          f"a figure typed as text ('{digits}…'{in_lang}); figures must come from the "
                          "dataset: write {fact.id} in its place, or {=S1线} for a name with digits")
        return text


class Category(Str):
    """A chart category as written (e.g. "2024"), with the digits 0-9 only."""

    def check(self, node, where, ctx):
        value = super().check(node, where, ctx)
        problem = value is not None and digit_problem(value)
        if problem:
            return ctx.error(node.origin, where, f"expected {self.expected} but received "
                                                 f"{shown(node)}: {problem}")
        return value


TEXT = TextField()
BODY = BodyText()
TALK = ListOf(BodyText(), 1, 12, single=True)

CHART = Either(
    (Scalar, Ref("series")),
    (Map, Record({
        "series": (Ref("series"), False),
        "facts": (ListOf(Ref("fact"), 2, 12), False),
        "type": (Enum(*CHART_TYPES), False),
        "highlight": (Category(40, what="a category such as 2024"), False),
        "title": (TEXT, False),
        "force": (Bool(), False),       # keep a chart the chart policy would draw as cards
    }, "a chart: a series id, or a mapping with series or facts", docs=docs.CHART,
        one_of=("series", "facts"))),
)

class Item(Either):
    """A list item: running text (a string or {zh: …, en: …}, which may add sub: true), or
    a mapping with one of fact, text or list (and sub)."""

    def __init__(self, record: Record):
        super().__init__((Scalar, BODY), (Map, record))
        self.record = record

    def check(self, node, where, ctx):
        keys = {str(k.value) for k, _ in node} if isinstance(node, Map) else set()
        if keys & set(LANGS) and not keys & (set(self.record.fields) - {"sub"}):
            if "sub" not in keys:
                return BODY.check(node, where, ctx)
            text = Map(tuple((k, v) for k, v in node if k.value in LANGS), node.origin)
            sub = next((k, v) for k, v in node if k.value == "sub")
            node = Map(((Scalar("text", node.origin, "text"), text), sub), node.origin)
        return super().check(node, where, ctx)


ITEM = Item(Record({
    "fact": (Ref("fact"), False),
    "text": (BODY, False),
    "list": (Ref("list"), False),
    "sub": (Bool(), False),
}, "a list item: text, or a mapping with one of fact, text or list", doc=docs.COMMON["items"],
    one_of=("fact", "text", "list")))
ITEMS = ListOf(ITEM, 1, 40)

COLUMN = Record({
    "title": (TEXT, True),
    "list": (Ref("list"), False),
    "items": (ITEMS, False),
}, "a column: title, and list or items", one_of=("list", "items"))

CONTACT_LINES = ListOf(TEXT, 1, 6, single=True)
CONTACT_DETAILS = Record({
    "lines": (CONTACT_LINES, False),
    "address": (TEXT, False),
    "phone": (Str(40), False),
    "email": (Str(80, r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address"), False),
    "web": (Str(200, r"https?://\S+", "a web address starting http:// or https://"), False),
}, "contact details: lines, address, phone, email, web")


class ContactField(Field):
    """Contact lines (a list of texts), or a mapping of details: lines, address, phone, email, web."""

    expected = "contact lines or a mapping of contact details"

    def check(self, node, where, ctx):
        if isinstance(node, Map) and set(node.keys()) & set(CONTACT_DETAILS.fields):
            return CONTACT_DETAILS.check(node, where, ctx)
        return CONTACT_LINES.check(node, where, ctx)


CONTACT = ContactField()
CITE = ListOf(Ref("fact", "list"), 1, 12)


def _slide(fields: dict[str, tuple[Field, bool]], title_required: bool = True) -> Record:
    base = {"title": (TEXT, title_required), "notes": (TALK, False),
            "cite": (CITE, False)}
    return Record({**base, **fields}, "a slide", docs=docs.COMMON)


SLIDES = Tagged("type", {
    "title": _slide({"subtitle": (TEXT, False)}, title_required=False),
    "section": _slide({"subtitle": (TEXT, False)}),
    "kpis": _slide({"facts": (ListOf(Ref("fact"), 2, 6), True)}),
    "bullets": _slide({"items": (ITEMS, True)}),
    "chart": _slide({"chart": (CHART, True), "commentary": (BODY, False)}, title_required=False),
    "timeline": _slide({"timeline": (Ref("timeline"), True),
                        "events": (ListOf(Ref("fact"), 2, 40), False),
                        "highlight": (Ref("fact"), False)}, title_required=False),
    "table": _slide({"facts": (ListOf(Ref("fact"), 1, 30), True),
                     "columns": (ListOf(TEXT, 3, 3), False)}),
    "compare": _slide({"left": (COLUMN, True), "right": (COLUMN, True)}),
    "image": _slide({"image": (Str(300), True), "alt": (TEXT, True), "caption": (TEXT, False)}),
    "quote": _slide({"text": (BODY, True), "attribution": (TEXT, False)}),
    "closing": _slide({"subtitle": (TEXT, False), "contact": (CONTACT, False)}, title_required=False),
}, docs={t: f"{docs.SLIDES[t]}; keys: {docs.SLIDE_KEYS[t]}" for t in docs.SLIDES})


def _section(fields: dict[str, tuple[Field, bool]], one_of: tuple[str, ...] = ()) -> Record:
    return Record({**fields, "optional": (Bool(), False), "cite": (CITE, False)}, "a one-pager section",
                  docs=docs.COMMON, one_of=one_of)


SECTIONS = Tagged("type", {
    "kpis": _section({"facts": (ListOf(Ref("fact"), 3, 6), True)}),
    "chart": _section({"chart": (CHART, True)}),
    "timeline": _section({"timeline": (Ref("timeline"), True),
                          "events": (ListOf(Ref("fact"), 2, 40), False)}),
    "list": _section({"title": (TEXT, False), "list": (Ref("list"), False), "items": (ITEMS, False)},
                     one_of=("list", "items")),
    "narrative": _section({"title": (TEXT, False), "text": (BODY, True)}),
    "contact": _section({"contact": (CONTACT, False)}),
}, docs={t: f"keys: {k}" for t, k in docs.SECTIONS.items()})

LANG = Either((Scalar, Enum("zh", "en")), (Seq, ListOf(Enum("zh", "en"), 1, 2)))

BRIEFING = Record({
    "title": (TEXT, True),
    "subtitle": (TEXT, False),
    "entity": (Enum("city", "park"), True),
    "audience": (TEXT, False),
    "lang": (LANG, False),
    "theme": (Str(200, r"[^\n]+", "city, park or a theme file (.yaml) beside the spec"), False),
    "issuer": (TEXT, False),
    "as_of": (Date(), False),
    "contact": (CONTACT, False),
    "deck": (ListOf(SLIDES, 1, 60), True),
    "onepager": (ListOf(SECTIONS, 1, 12), True),
}, "a briefing spec (a mapping)", docs=docs.BRIEFING)
