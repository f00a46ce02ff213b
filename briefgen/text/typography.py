"""The last typographic pass on text as it is set: curly quotes, and 〈〉 for ASCII angle brackets in 《》.

``polish(text)`` is applied where text is set (the deck's writer; the handout can call it
too) and where it is measured, so the fitting measures what is written. It translates
nothing and changes no word:

- straight quotes become curly: ``"`` opens after a space, an opening bracket or a dash
  and closes elsewhere; ``'`` is an apostrophe (’) inside or at the end of a word and
  before a year's two digits (’90s), and an opening single quote (‘) elsewhere;
- in a Chinese title mark 《…》, an ASCII ``<`` or ``>`` (a title inside a title, typed
  on a Latin keyboard) becomes 〈 or 〉, as Chinese typesetting sets a nested title.

The spacing between Chinese and Latin letters or digits is never typed: the text has no
space there ("2003年8月29日", "超5000亿元"), and each viewer adds its own (LibreOffice
and Keynote about ¼ em, PowerPoint none); the measures count the larger.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

_OPENS_AFTER = frozenset(" \t\n\u00a0([{<“‘—–-/")
_TITLE = re.compile(r"《[^《》]*》")
_YEAR = re.compile(r"'(?=\d\d(?!\d))")


@lru_cache(maxsize=8192)
def polish(text: str) -> str:
    """Return ``text`` with curly quotes and nested Chinese title marks; see the module."""
    if "<" in text or ">" in text:
        text = _TITLE.sub(lambda m: m.group(0).replace("<", "〈").replace(">", "〉"), text)
    if '"' not in text and "'" not in text:
        return text
    text = _YEAR.sub("’", text)
    out = []
    for ch in text:
        opens = (out[-1] if out else " ") in _OPENS_AFTER
        if ch == '"':
            out.append("“" if opens else "”")
        elif ch == "'":
            out.append("‘" if opens else "’")
        else:
            out.append(ch)
    return "".join(out)


# fields of the model that are not text a reader sees, or must stay verbatim
_KEEP = frozenset({"lang", "entity", "theme", "kind", "role", "path", "spec_path", "number_format",
                   "fact_id", "fact_ids", "source_id", "id", "quote", "origin", "meta"})


def polish_model(value):
    """Return ``value`` (a frozen model dataclass, tuple or string) with every reader-facing
    string polished; identifiers, paths, number formats and verbatim source quotes are kept.
    What polishing leaves as it was is returned as it was (no copy)."""
    if isinstance(value, str):
        polished = polish(value)
        return value if polished == value else polished     # the memo may hold an equal copy
    if isinstance(value, tuple):
        items = tuple(polish_model(v) for v in value)
        if type(value) is tuple and all(a is b for a, b in zip(items, value)):
            return value
        return items
    fields = _text_fields(type(value))
    if fields is None:
        return value
    changes = {}
    for name in fields:
        old = getattr(value, name)
        new = polish_model(old)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


@lru_cache(maxsize=None)
def _text_fields(cls: type) -> tuple[str, ...] | None:
    """Return the names of a dataclass's fields that ``polish_model`` visits (None: not a dataclass)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in _KEEP)
