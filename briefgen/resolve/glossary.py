"""Find the glossary terms a briefing prints and return their explanations as printed."""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from briefgen import model


def printed_strings(obj: Any) -> Iterator[str]:
    """Return every string a model object (a block, a tuple of them, a string) prints."""
    return model.texts(obj)


def _pattern(form: str) -> re.Pattern[str]:
    """Return a whole-word, any-case pattern for a term, with an optional plural s."""
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"s?(?![\w])", re.IGNORECASE)


def explain(glossary: dict, lang: str, texts: Iterable[str]) -> tuple[str, ...]:
    """Return "Term (中文): explanation." for each glossary term in ``texts``, in order of first use.

    Only English is explained (a Chinese reader knows 规上); in Chinese this returns ().
    """
    if lang != "en" or not glossary:
        return ()
    joined = "\n".join(texts)
    found: list[tuple[int, int, str]] = []
    for order, entry in enumerate(glossary.values()):
        hits = [m.start() for form in (entry.term, *entry.also)
                if (m := _pattern(form).search(joined))]
        if hits:
            term = entry.term[:1].upper() + entry.term[1:]
            found.append((min(hits), order, f"{term} ({entry.zh}): {entry.en}"))
    return tuple(text for _, _, text in sorted(found))
