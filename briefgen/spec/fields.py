"""Typed fields that check YAML nodes, collecting every located problem before giving up.

A schema is a tree of fields (Record, Tagged, ListOf, Text, Ref, Enum …). Checking a node
returns plain values (Rec mappings that remember where each key was written) and files each
problem as ``path:line:col: <where>: expected … but received …`` into the Context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from briefgen.errors import Origin, SpecError
from briefgen.frozen import frozen
from briefgen.yamlload import Map, Node, Scalar, Seq

#: What makes a one-language text Chinese: CJK punctuation, ideographs, compatibility ideographs,
#: full-width forms.
CJK_RANGES = (("\u3000", "\u303f"), ("\u3400", "\u9fff"), ("\uf900", "\ufaff"), ("\uff00", "\uffef"))
LANGS = ("zh", "en")


def has_cjk(value: str) -> bool:
    """Return whether ``value`` holds a character of ``CJK_RANGES``.

    Not a regular expression: compiling a class of 28,000 characters costs 2 ms a process,
    more than this loop over every text of a spec (ASCII text is answered at once)."""
    return not value.isascii() and any(lo <= c <= hi for c in value for lo, hi in CJK_RANGES)


class Rec(dict):
    """A checked mapping: its values, where it was written, and where each key was."""

    def __init__(self, origin: Origin):
        super().__init__()
        self.origin = origin
        self.origins: dict[str, Origin] = {}

    def at(self, key: str) -> Origin:
        """Return where ``key`` was written (or the mapping's origin)."""
        return self.origins.get(key, self.origin)


@frozen
class Text:
    """Text written in a spec: one string per language ('*' = the same in every language)."""

    values: tuple[tuple[str, str], ...]
    origin: Origin

    def get(self, lang: str) -> str | None:
        """Return the text in ``lang``, or None when the spec has no such translation."""
        d = dict(self.values)
        return d.get(lang, d.get("*"))


@dataclass
class Context:
    """What checking needs: a lookup for dataset ids, and the problems found so far."""

    lookup: Callable[[str], str | None] = lambda _id: None   # id -> kind or None
    ids: Callable[[tuple[str, ...]], Iterable[str]] = lambda kinds: ()
    problems: list[SpecError] = field(default_factory=list)

    def error(self, origin: Origin, where: str, message: str) -> None:
        self.problems.append(SpecError(f"{where}: {message}" if where else message, origin))


def shown(node: Node) -> str:
    """Return how a received node reads in a message."""
    if isinstance(node, Scalar):
        text = node.text if len(node.text) <= 40 else node.text[:37] + "..."
        return repr(text) if isinstance(node.value, str) else text
    return "a list" if isinstance(node, Seq) else "a mapping"


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for the closest choice, or ""."""
    import difflib                  # only a misspelling needs it

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class Field:
    """Base of all fields; ``check`` returns the value or None after filing a problem."""

    expected = "a value"

    def check(self, node: Node, where: str, ctx: Context) -> Any:  # pragma: no cover
        raise NotImplementedError

    def fail(self, node: Node, where: str, ctx: Context, expected: str | None = None) -> None:
        ctx.error(node.origin, where, f"expected {expected or self.expected} but received {shown(node)}")


class Str(Field):
    expected = "text"

    def __init__(self, max_len: int = 500, pattern: str | None = None, what: str = "text"):
        self.max_len, self.pattern, self.expected = max_len, pattern and re.compile(pattern), what

    def check(self, node, where, ctx):
        if not isinstance(node, Scalar) or not isinstance(node.value, (str, int, float)) \
                or isinstance(node.value, bool):
            return self.fail(node, where, ctx)
        value = node.text if not isinstance(node.value, str) else node.value
        if not value.strip():
            return ctx.error(node.origin, where, f"expected {self.expected} but received an empty value")
        if len(value) > self.max_len:
            return ctx.error(node.origin, where, f"expected at most {self.max_len} characters "
                                                 f"but received {len(value)}")
        if self.pattern and not self.pattern.fullmatch(value):
            return self.fail(node, where, ctx)
        return value


class Bool(Field):
    expected = "true or false"

    def check(self, node, where, ctx):
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        return self.fail(node, where, ctx)


class Enum(Field):
    def __init__(self, *choices: str):
        self.choices = choices
        self.expected = "one of " + ", ".join(choices)

    def check(self, node, where, ctx):
        if isinstance(node, Scalar) and node.value in self.choices:
            return node.value
        if isinstance(node, Scalar):
            return ctx.error(node.origin, where, f"expected {self.expected} but received "
                                                 f"{shown(node)}{suggest(node.text, self.choices)}")
        return self.fail(node, where, ctx)


class TextField(Field):
    """Text in one or more languages: a string, or a mapping {zh: …, en: …}.

    A plain string with Chinese characters is Chinese only; one without is the same in
    every language (names, numbers, e-mail addresses).
    """

    expected = "text, or a mapping with zh and en text"

    def __init__(self, max_len: int = 2000):
        self.str = Str(max_len)

    def check(self, node, where, ctx):
        if isinstance(node, Scalar):
            value = self.str.check(node, where, ctx)
            if value is None:
                return None
            return Text(((("zh" if has_cjk(value) else "*"), value),), node.origin)
        if not isinstance(node, Map):
            return self.fail(node, where, ctx)
        values = []
        for key, sub in node:
            if key.value not in LANGS:
                comma = ("; text that contains a comma inside {…} must be quoted, e.g. "
                         'en: "Jiangyin, a city"') if isinstance(sub, Scalar) and sub.value is None else ""
                ctx.error(key.origin, where, f"expected a language key ({', '.join(LANGS)}) but "
                                             f"received {shown(key)}{suggest(key.text, LANGS)}{comma}")
                continue
            value = self.str.check(sub, f"{where}.{key.value}", ctx)
            if value is not None:
                values.append((key.value, value))
        if not node.items:
            return ctx.error(node.origin, where, f"expected {self.expected} but received an empty mapping")
        return Text(tuple(values), node.origin) if values else None


class Ref(Field):
    """An id of something in the dataset, of one of the given kinds."""

    def __init__(self, *kinds: str):
        self.kinds = kinds
        self.expected = " or ".join(f"a {k} id" for k in kinds)

    def check(self, node, where, ctx):
        if not isinstance(node, Scalar) or not isinstance(node.value, str):
            return self.fail(node, where, ctx)
        kind = ctx.lookup(node.value)
        if kind in self.kinds:
            return node.value
        if kind is not None:
            return ctx.error(node.origin, where, f"expected {self.expected} but '{node.value}' is a {kind}")
        ctx.error(node.origin, where, f"unknown {' or '.join(self.kinds)} '{node.value}'"
                                      f"{suggest(node.value, ctx.ids(self.kinds))}")
        return None


class ListOf(Field):
    def __init__(self, item: Field, min_items: int = 0, max_items: int = 200, single: bool = False):
        self.item, self.min, self.max, self.single = item, min_items, max_items, single
        bounds = f"{min_items} to {max_items}" if min_items else f"at most {max_items}"
        self.expected = f"a list of {bounds} items ({item.expected})"

    def check(self, node, where, ctx):
        if self.single and not isinstance(node, Seq):
            node = Seq((node,), node.origin)
        if not isinstance(node, Seq):
            return self.fail(node, where, ctx)
        n = len(node.items)
        if not self.min <= n <= self.max:
            return ctx.error(node.origin, where, f"expected {self.expected[2:]} but received {n}")
        out = [self.item.check(sub, f"{where}[{i}]", ctx) for i, sub in enumerate(node.items)]
        return out if all(v is not None for v in out) else None


class Record(Field):
    """A mapping with known keys: {name: (field, required)}; unknown keys are problems, and so
    is having other than exactly one of the ``one_of`` keys when it names some."""

    def __init__(self, fields: dict[str, tuple[Field, bool]], name: str = "a mapping",
                 docs: dict[str, str] | None = None, doc: str = "", one_of: tuple[str, ...] = ()):
        self.fields, self.expected, self.one_of = fields, name, one_of
        self.docs, self.doc = docs or {}, doc       # key -> description, and its own (the schema's)

    def check(self, node, where, ctx, skip: tuple[str, ...] = ()):
        if not isinstance(node, Map):
            return self.fail(node, where, ctx)
        rec = Rec(node.origin)
        ok = True
        for key, sub in node:
            name = str(key.value)
            if name in skip:
                continue
            if name not in self.fields:
                said = name if len(name) <= 40 else name[:37] + "..."
                ctx.error(key.origin, where, f"unknown key '{said}'{suggest(name, self.fields)}; "
                                             f"expected one of {', '.join(self.fields)}")
                ok = False
                continue
            sub_where = f"{where}.{name}" if where else name
            value = self.fields[name][0].check(sub, sub_where, ctx)
            ok = ok and value is not None
            rec[name], rec.origins[name] = value, key.origin
        for name, (_, required) in self.fields.items():
            if required and name not in rec and name not in skip:
                ok = False
                ctx.error(node.origin, where, f"missing required key '{name}'")
        present = [k for k in self.one_of if k in rec]
        if self.one_of and len(present) != 1:
            ok = False
            ctx.error(node.origin, where, f"expected exactly one of {', '.join(self.one_of)} but "
                                          f"received {', '.join(present) if present else 'none'}")
        return rec if ok else None


class Tagged(Field):
    """A mapping whose ``key`` (e.g. type) picks which Record checks the rest."""

    def __init__(self, key: str, variants: dict[str, Record], docs: dict[str, str] | None = None):
        self.key, self.variants, self.docs = key, variants, docs or {}
        self.expected = f"a mapping with a '{key}' key"

    def check(self, node, where, ctx):
        if not isinstance(node, Map):
            return self.fail(node, where, ctx)
        tag = node.get(self.key)
        if tag is None:
            return ctx.error(node.origin, where, f"missing required key '{self.key}' "
                                                 f"(one of {', '.join(self.variants)})")
        kind = Enum(*self.variants).check(tag, f"{where}.{self.key}", ctx)
        if kind is None:
            return None
        rec = self.variants[kind].check(node, where, ctx, skip=(self.key,))
        if rec is not None:
            rec[self.key], rec.origins[self.key] = kind, tag.origin
        return rec


class Either(Field):
    """The first of several fields whose shape matches the node (scalar, list or mapping)."""

    def __init__(self, *options: tuple[type, Field]):
        self.options = options
        self.expected = " or ".join(f.expected for _, f in options)

    def check(self, node, where, ctx):
        for shape, fld in self.options:
            if isinstance(node, shape):
                return fld.check(node, where, ctx)
        return self.fail(node, where, ctx)
