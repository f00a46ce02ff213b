"""Shared checks of set text: where a paragraph's written lines break, read back from a deck or a handout."""

from __future__ import annotations

import re

from briefgen.text.fit import CLOSING, OPENING, is_display
from briefgen.text.phrases import breaks, has_cjk

STRAIGHT = re.compile("[\"']")
MARKS = frozenset("“”‘’")


def _company_fits(lines: list[str], measure) -> bool:
    """Return whether the last line could take the previous line's last word or character
    and still be no wider than the widest line (so a lone last word was avoidable)."""
    prev = lines[-2].rstrip()
    moved = re.search(r"[^\s\u2e80-\uffff]+$|\S$", prev).group(0)   # a word, or a character
    moved += " " if lines[-2].endswith(" ") else ""
    return measure(moved + lines[-1].strip()) <= max(measure(x.strip()) for x in lines)


def problems_in_lines(lines: list[str], chinese: bool, measure) -> list[str]:
    """Return what is wrong with one paragraph's written lines (see the module docstring)."""
    text = "".join(lines)
    out = []
    if len(lines) > 1:
        last = lines[-1].strip()
        core = "".join(ch for ch in last if ch not in CLOSING and ch not in OPENING)
        lone = (has_cjk(last) and len(core) == 1) or (not has_cjk(last) and core and " " not in last)
        if lone and _company_fits(lines, measure):
            out.append(f"one {'character' if has_cjk(last) else 'word'} on the last line: {lines}")
    if chinese and has_cjk(text):
        phrase, kept = breaks(text)
        at = 0
        for line in lines[:-1]:
            start, at = at, at + len(line)
            if at in kept and _span_fits(text, at, kept, lines, measure):
                out.append(f"a break inside a number with its unit or a quoted name at {at}: {lines}")
            elif is_display(text) and at not in phrase and not line.endswith(" ") and \
                    any(start < b < at for b in phrase):
                out.append(f"display text broken inside a phrase at {at}: {lines}")
    return out


def _span_fits(text: str, at: int, kept: frozenset, lines: list[str], measure) -> bool:
    """Return whether the kept span around offset ``at``, with the marks glued to it, is no
    wider than the widest line (so breaking inside it was avoidable)."""
    start, end = at - 1, at + 1
    while start in kept:
        start -= 1
    while end in kept:
        end += 1
    while start > 0 and text[start - 1] in OPENING:
        start -= 1
    while end < len(text) and text[end] in CLOSING:
        end += 1
    return measure(text[start:end]) <= max(measure(x.strip()) for x in lines)
