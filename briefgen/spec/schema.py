"""A JSON Schema of the spec language, generated from the very fields the validator checks with.

Each field class has one converter (dispatched by class, most specific first), so a new kind
of field without one fails loudly instead of drifting. Ids are enums of the dataset's ids, and
descriptions are the README's (``spec.docs``). The schema helps an editor complete and flag
keys; it is never stricter than the validator, which stays the judge (typed figures, language
coverage and fit are checked by ``briefgen validate`` only).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from briefgen.spec.dates import Date
from briefgen.spec.fields import (
    LANGS, Bool, Either, Enum, Field, ListOf, Record, Ref, Str, Tagged, TextField,
)
from briefgen.spec.language import BRIEFING, CONTACT_DETAILS, CONTACT_LINES, ContactField

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_KINDS = ("fact", "list", "series", "timeline")
Ids = Callable[[tuple[str, ...]], Iterable[str]]


def spec_schema(ids: Ids, label: Callable[[str], str] = lambda ident: "") -> dict:
    """Return the JSON Schema of a briefing spec, with ``ids(kinds)`` giving the dataset's ids and
    ``label(id)`` what each one is (shown beside it when an editor offers completions)."""
    schema = convert(BRIEFING, ids)
    defs = {}
    for kind in ID_KINDS:
        names = sorted(ids((kind,)))
        defs[f"{kind}_id"] = {"type": "string", "enum": names, "description": f"a {kind} id",
                              "enumDescriptions": [label(n) for n in names]}
    return {"$schema": DRAFT, "title": "briefgen briefing spec",
            "description": "A YAML briefing spec: briefgen builds a deck and a one-page handout from it.",
            **schema, "$defs": defs}


def convert(field: Field, ids: Ids) -> dict:
    """Return the JSON Schema of one field."""
    for cls in type(field).__mro__:
        if cls in CONVERTERS:
            return CONVERTERS[cls](field, ids)
    raise TypeError(f"no JSON Schema converter for {type(field).__name__}; add one to spec/schema.py")


def described(schema: dict, text: str) -> dict:
    """Return ``schema`` with a description (plain, and as Markdown for editors that show it)."""
    if text:
        schema = {**schema, "description": text.replace("`", ""), "markdownDescription": text}
    return schema


def _str(field: Str, ids: Ids) -> dict:
    out: dict[str, Any] = {"type": ["string", "number"], "minLength": 1, "maxLength": field.max_len}
    if field.pattern is not None:
        out["pattern"] = f"^(?:{field.pattern.pattern})$"
    return out


def _text(field: TextField, ids: Ids) -> dict:
    one = _str(field.str, ids)
    return {"anyOf": [one, {"type": "object", "minProperties": 1, "additionalProperties": False,
                            "properties": {lang: one for lang in LANGS}}]}


def _date(field: Date, ids: Ids) -> dict:
    return {"type": ["string", "integer"], "pattern": f"^{field.SHAPE.pattern}$",
            "examples": ["2025", "2025-01", "2025-01-31"]}


def _enum(field: Enum, ids: Ids) -> dict:
    return {"enum": list(field.choices)}


def _ref(field: Ref, ids: Ids) -> dict:
    refs = [{"$ref": f"#/$defs/{kind}_id"} for kind in field.kinds]
    return refs[0] if len(refs) == 1 else {"anyOf": refs}


def _list(field: ListOf, ids: Ids) -> dict:
    arr = {"type": "array", "items": convert(field.item, ids), "minItems": field.min,
           "maxItems": field.max}
    return {"anyOf": [arr["items"], arr]} if field.single else arr


def _record(field: Record, ids: Ids, extra: dict | None = None) -> dict:
    props = {name: described(convert(f, ids), field.docs.get(name, ""))
             for name, (f, _) in field.fields.items()}
    required = [name for name, (_, req) in field.fields.items() if req]
    out = {"type": "object", "properties": {**(extra or {}), **props}, "additionalProperties": False}
    if required:
        out["required"] = required
    if field.one_of:
        out["oneOf"] = [{"required": [k]} for k in field.one_of]
    return described(out, field.doc)


def _tagged(field: Tagged, ids: Ids) -> dict:
    tags = list(field.variants)
    branches = [{"if": {"properties": {field.key: {"const": tag}}, "required": [field.key]},
                 "then": described(_record(rec, ids, {field.key: {"const": tag}}),
                                   field.docs.get(tag, ""))}
                for tag, rec in field.variants.items()]
    key_doc = "; ".join(f"{t}: {field.docs[t]}" for t in tags if t in field.docs)
    return {"type": "object", "required": [field.key],
            "properties": {field.key: described({"enum": tags}, key_doc)}, "allOf": branches}


def _either(field: Either, ids: Ids) -> dict:
    return {"anyOf": [convert(f, ids) for _, f in field.options]}


def _bool(field: Bool, ids: Ids) -> dict:
    return {"type": "boolean"}


def _contact(field: ContactField, ids: Ids) -> dict:
    return {"anyOf": [convert(CONTACT_LINES, ids), convert(CONTACT_DETAILS, ids)]}


CONVERTERS: dict[type, Callable[[Any, Ids], dict]] = {
    Record: _record, Tagged: _tagged, ListOf: _list, Either: _either, TextField: _text,
    Ref: _ref, Enum: _enum, Bool: _bool, Date: _date, Str: _str, ContactField: _contact,
}

