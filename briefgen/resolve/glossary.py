"""Find the glossary terms a briefing prints and return their explanations as printed."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from briefgen import model


def printed_strings(obj: Any) -> Iterator[str]:
    """Return every string a model object (a block, a tuple of them, a string) prints."""
    return model.texts(obj)


# A term's hit: the form, whole-word (no letter, digit or hyphen before it), in any case, with an
# optional plural s and no word character after it.
_BEFORE, _AFTER = r"(?<![\w-])", r"s?(?![\w])"


@lru_cache(maxsize=256)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Return the pattern of a hit of any of ``forms`` (one term's printed forms)."""
    return re.compile(_BEFORE + "(?:" + "|".join(map(re.escape, forms)) + ")" + _AFTER, re.IGNORECASE)


@lru_cache(maxsize=8)
def _starts(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern matching, empty, at every place where a hit of one of ``forms`` begins."""
    return re.compile(_BEFORE + "(?=(?:" + "|".join(map(re.escape, forms)) + ")" + _AFTER + ")", re.IGNORECASE)


def explain(glossary: dict, lang: str, texts: Iterable[str]) -> tuple[str, ...]:
    """Return "Term (中文): explanation." for each glossary term in ``texts``, in order of first use.

    Only English is explained (a Chinese reader knows 规上); in Chinese this returns ().
    One scan finds every place where some term's hit begins; each term's first hit is then
    the first of those places where its own pattern matches (a scan per term costs ten times
    as much).
    """
    if lang != "en" or not glossary:
        return ()
    joined = "\n".join(texts)
    forms = [(entry.term, *entry.also) for entry in glossary.values()]
    starts = [m.start() for m in _starts(tuple(f for each in forms for f in each)).finditer(joined)]
    found: list[tuple[int, int, str]] = []
    for order, entry in enumerate(glossary.values() if starts else ()):
        hit = _pattern(forms[order])
        first = next((at for at in starts if hit.match(joined, at)), None)
        if first is not None:
            term = entry.term[:1].upper() + entry.term[1:]
            found.append((first, order, f"{term} ({entry.zh}): {entry.en}"))
    return tuple(text for _, _, text in sorted(found))
