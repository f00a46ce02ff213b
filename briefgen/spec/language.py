"""The briefing spec language, declared as typed fields (the README's reference follows it)."""

from __future__ import annotations

import re

from briefgen.spec.fields import (
    Bool, Context, Either, Enum, Field, ListOf, Record, Ref, Str, Tagged, TextField,
)
from briefgen.format import units
from briefgen.yamlload import Map, Scalar, Seq

CHART_TYPES = ("column", "bar", "line", "share", "milestones", "target")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
UNCLOSED = re.compile(r"\{[^{}]*(?=\{|$)")          # a "{" with no "}" before the next "{" or the end
DIGIT = re.compile(r"[0-9０-９]")


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
            if DIGIT.search(bare):
                digits = DIGIT.search(bare).group(0)
                ctx.error(node.origin, where,
                          f"a figure typed as text ('{digits}…'{in_lang}); figures must come from the "
                          "dataset: write {fact.id} in its place, or {=S1线} for a name with digits")
        return text


TEXT = TextField()
BODY = BodyText()
TALK = ListOf(BodyText(), 1, 12, single=True)

CHART = Either(
    (Scalar, Ref("series")),
    (Map, Record({
        "series": (Ref("series"), False),
        "facts": (ListOf(Ref("fact"), 2, 12), False),
        "type": (Enum(*CHART_TYPES), False),
        "highlight": (Str(40), False),
        "title": (TEXT, False),
        "force": (Bool(), False),       # keep a chart the chart policy would draw as cards
    }, "a chart: a series id, or a mapping with series or facts")),
)

ITEM = Either(
    (Scalar, BODY),
    (Map, Record({
        "fact": (Ref("fact"), False),
        "text": (BODY, False),
        "list": (Ref("list"), False),
        "sub": (Bool(), False),
    }, "a list item: text, or a mapping with one of fact, text or list")),
)
ITEMS = ListOf(ITEM, 1, 40)

COLUMN = Record({
    "title": (TEXT, True),
    "list": (Ref("list"), False),
    "items": (ITEMS, False),
}, "a column: title, and list or items")

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


def _slide(fields: dict[str, tuple[Field, bool]], title_required: bool = True) -> Record:
    base = {"title": (TEXT, title_required), "notes": (TALK, False),
            "cite": (ListOf(Ref("fact", "list"), 1, 12), False)}
    return Record({**base, **fields}, "a slide")


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
})


def _section(fields: dict[str, tuple[Field, bool]]) -> Record:
    return Record({**fields, "optional": (Bool(), False)}, "a one-pager section")


SECTIONS = Tagged("type", {
    "kpis": _section({"facts": (ListOf(Ref("fact"), 3, 6), True)}),
    "chart": _section({"chart": (CHART, True)}),
    "timeline": _section({"timeline": (Ref("timeline"), True),
                          "events": (ListOf(Ref("fact"), 2, 40), False)}),
    "list": _section({"title": (TEXT, False), "list": (Ref("list"), False), "items": (ITEMS, False)}),
    "narrative": _section({"title": (TEXT, False), "text": (BODY, True)}),
    "contact": _section({"contact": (CONTACT, False)}),
})

LANG = Either((Scalar, Enum("zh", "en")), (Seq, ListOf(Enum("zh", "en"), 1, 2)))

BRIEFING = Record({
    "title": (TEXT, True),
    "subtitle": (TEXT, False),
    "entity": (Enum("city", "park"), True),
    "audience": (TEXT, False),
    "lang": (LANG, False),
    "theme": (Enum("city", "park"), False),
    "issuer": (TEXT, False),
    "as_of": (Str(10, r"\d{4}(-\d{2}(-\d{2})?)?", "a date such as 2025-01"), False),
    "contact": (CONTACT, False),
    "deck": (ListOf(SLIDES, 1, 60), True),
    "onepager": (ListOf(SECTIONS, 1, 12), True),
}, "a briefing spec (a mapping)")


def check_exclusive(rec: dict, keys: tuple[str, ...], where: str, ctx: Context, origin) -> None:
    """File a problem unless exactly one of ``keys`` is present in ``rec``."""
    present = [k for k in keys if k in rec]
    if len(present) != 1:
        got = ", ".join(present) if present else "none"
        ctx.error(origin, where, f"expected exactly one of {', '.join(keys)} but received {got}")
