"""Where Chinese text may break: BudouX phrase boundaries, and the spans no line may split.

``breaks(line)`` returns two sets of character offsets into one hard line:

- *phrase* offsets, where a phrase ends (BudouX's Simplified Chinese model), which display
  text (titles, labels, headings) breaks at when a phrase break fits;
- *kept* offsets, inside a span that must stay on one line in any text, display or running:
  a number with its unit and qualifier (``超5000亿元``, ``65.06万标箱``, ``8月``) and a short
  quoted name (``“小巨人”``, ``《纲要》``, at most ``QUOTE_MAX`` characters), and a short
  Chinese term in ASCII parentheses after English (``(改革开放)``, as a glossary prints it).

BudouX splits words, not measures: it gives ``超5000亿 | 元`` and ``“小巨 | 人”``, so the
two rules above are applied on top of its phrases. Text with no CJK character gets no
phrase offsets (Latin text breaks at spaces only).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTE_MAX = 12                      # a quoted name longer than this may break inside
UNIT_MAX = 2                        # CJK characters after a number (magnitude included) kept
_PAIRS = {"“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "〈": "〉", "(": ")"}
_MAGNITUDE = frozenset("十百千万亿兆")
_CURRENCY = frozenset("元")
_PUNCT = frozenset("，。、；：？！）》」』”’…—·%％")
# a number (digits with , . or a range dash inside) with what qualifies and measures it; a
# pattern re compiles on first use (and keeps), since a warm build breaks no text
_NUMBER = r"[超近约逾达计共]?[\d][\d,.．]*(?:[–\-~～][\d][\d,.]*)?\s*[%％‰]?"


def has_cjk(text: str) -> bool:
    """Return whether ``text`` holds a CJK (wide) character."""
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text)


@lru_cache(maxsize=1)
def _parser():
    """Return BudouX's Simplified Chinese parser (loaded once, about 10 ms)."""
    import budoux

    return budoux.load_default_simplified_chinese_parser()


@lru_cache(maxsize=8192)
def breaks(line: str) -> tuple[frozenset[int], frozenset[int]]:
    """Return (phrase offsets, kept offsets) of one hard line; see the module docstring."""
    if not has_cjk(line):
        return frozenset(), frozenset()
    phrase: set[int] = set()
    at = 0
    for chunk in _parser().parse(line):
        at += len(chunk)
        phrase.add(at)
    kept = _number_spans(line, phrase) | _quote_spans(line)
    return frozenset(phrase - kept), frozenset(kept)


def _inside(start: int, end: int) -> set[int]:
    """Return the offsets strictly inside ``line[start:end]``."""
    return set(range(start + 1, end))


def _number_spans(line: str, phrase: set[int]) -> set[int]:
    """Return the offsets inside each number with its qualifier, magnitude and unit.

    The unit is the one or two CJK characters after the number and its magnitude (亿, 万),
    ending early at a currency (元) or where a phrase ends (15年|突破, 20家|以上).
    """
    kept: set[int] = set()
    for m in re.finditer(_NUMBER, line):
        end = m.end()
        while end < len(line) and line[end] in _MAGNITUDE:
            end += 1
        unit = 0
        while (end < len(line) and unit < UNIT_MAX and line[end] not in _PUNCT
               and unicodedata.east_asian_width(line[end]) in ("W", "F")):
            end += 1
            unit += 1
            if line[end - 1] in _CURRENCY or end in phrase:
                break
        kept |= _inside(m.start(), end)
    return kept


def _quote_spans(line: str) -> set[int]:
    """Return the offsets inside each short quoted name, its marks included."""
    kept: set[int] = set()
    for i, ch in enumerate(line):
        close = _PAIRS.get(ch)
        if close is None:
            continue
        j = line.find(close, i + 1)
        if j != -1 and j - i + 1 <= QUOTE_MAX:
            kept |= _inside(i, j + 1)
    return kept
