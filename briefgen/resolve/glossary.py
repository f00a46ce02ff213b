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


@lru_cache(maxsize=8)
def _patterns(terms: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return (starts, hits) for the terms' printed forms: ``starts`` matches, empty, at every
    place where a hit of some term begins; ``hits``, matched at such a place, holds in group
    i + 1 the hit of term i when one begins there (each term's lookahead is optional)."""
    alts = ["(?:" + "|".join(map(re.escape, forms)) + ")" for forms in terms]
    starts = re.compile(_BEFORE + "(?=(?:" + "|".join(alts) + ")" + _AFTER + ")", re.IGNORECASE)
    hits = re.compile(_BEFORE + "".join("(?=(" + alt + _AFTER + "))?" for alt in alts), re.IGNORECASE)
    return starts, hits


def explain(glossary: dict, lang: str, texts: Iterable[str]) -> tuple[str, ...]:
    """Return "Term (中文): explanation." for each glossary term in ``texts``, in order of first use.

    Only English is explained (a Chinese reader knows 规上); in Chinese this returns ().
    One scan finds every place where some term's hit begins; one match there says which
    terms begin there (a scan per term costs ten times as much, a pattern per term 1 ms).
    """
    if lang != "en" or not glossary:
        return ()
    joined = "\n".join(texts)
    entries = list(glossary.values())
    starts, hits = _patterns(tuple((entry.term, *entry.also) for entry in entries))
    first: dict[int, int] = {}
    for start in starts.finditer(joined):
        at = start.start()
        for order, hit in enumerate(hits.match(joined, at).groups()):
            if hit is not None and order not in first:
                first[order] = at
    found = []
    for order, at in first.items():
        entry = entries[order]
        term = entry.term[:1].upper() + entry.term[1:]
        found.append((at, order, f"{term} ({entry.zh}): {entry.en}"))
    return tuple(text for _, _, text in sorted(found))
