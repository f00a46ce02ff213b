"""Line breaking for mixed Chinese/English text: atoms, phrases, kinsoku and no lone last line.

Breaking works on *atoms*, the pieces no line may split:

- each CJK character (East Asian width W or F: ideographs, kana, hangul, full-width forms)
  is an atom, so CJK text may break between any two characters;
- a run of other non-space characters (a Latin word, a number such as ``5,000``,
  ``14.13%``, ``2003–2024``, ``RMB``) is one atom, so Latin text breaks only at spaces;
- kinsoku: a closing mark (``，。、；：？！）》」』”’%…—·`` and ``,.;:?!)%``) is glued to
  the atom before it, so no line starts with one, and an opening mark (``（《「『“‘(``)
  is glued to the atom after it, so no line ends with one.

Atoms group into *units* a line takes whole (``briefgen.text.phrases``): in display text
(``is_display``: short, no sentence punctuation) a phrase, elsewhere an atom; in both, a
number with its unit and a short quoted name stay together. A unit wider than a line
falls back to the number-keeping units inside it, then to atoms.

Lines are filled greedily. A space where a line breaks is dropped and never counted. When
the last line is one CJK character or one word, the previous line's last unit moves down
if it fits, else the text is refilled a little narrower (as many lines, or one more, and
never narrower than its widest word) when that gives the last line company.
``\\n`` is a hard break. Only as a last resort, when one atom alone is wider than the
line (a 40-digit number, a long URL), is that atom broken between characters; a single
character wider than the line is put on a line of its own.

Every width comes from the caller's ``measure`` (points). Each atom is measured once per
call, each seam between two atoms once per distinct pair of characters (which catches a
measure that is not a plain sum, such as the deck's Asian/Western gap), and each produced
line once more, so ``measure(line) <= max_width`` holds for every line except one holding
a single character wider than the line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable, Sequence

from briefgen.frozen import frozen
from briefgen.text.phrases import breaks, has_cjk

Measure = Callable[[str], float]

CLOSING = frozenset("，。、；：？！）》」』”’%…—·,.;:?!)%］】〕〉｝〗〙％．｡､")
OPENING = frozenset("（《「『“‘(［【〔〈｛〖〘")
_GLUE_SPACES = frozenset("\u00a0\u202f\u2007\u2060")   # no-break spaces join atoms
_WIDE = frozenset(("W", "F"))
_SENTENCE = frozenset("。；！？")
_APOSTROPHES = frozenset("’'")
DISPLAY_MAX = 40                    # characters; longer text is running text
_NARROWER = (0.95, 0.9, 0.85, 0.8, 0.75)   # widths tried to give a lone last word company


def _kind(ch: str) -> str:
    """Return 'sp' (a breakable space), 'cjk' (an atom on its own) or 'other'."""
    if ch.isspace() and ch not in _GLUE_SPACES:
        return "sp"
    if unicodedata.east_asian_width(ch) in _WIDE or (ch > "\x7f" and (ch in CLOSING or ch in OPENING)):
        return "cjk"
    return "other"


@lru_cache(maxsize=4096)
def _atoms(line: str) -> tuple[tuple[str, str], ...]:
    """Return the atoms of one hard line as (space before it, atom text) pairs."""
    atoms: list[list[str]] = []        # [space_before, text]
    space = ""
    prev = ""
    for i, ch in enumerate(line):
        kind = _kind(ch)
        if ch in _APOSTROPHES and prev == "other" and line[i + 1:i + 2].isalnum():
            kind = "other"                              # China’s, University’s: one word
        if kind == "sp":
            space += ch
            prev = "sp"
            continue
        if atoms and ch in CLOSING:                     # never starts a line
            atoms[-1][1] += space + ch
        elif atoms and not space and (prev == "other" == kind or atoms[-1][1][-1] in OPENING):
            atoms[-1][1] += ch                          # word continues, or opener glued
        elif atoms and space and atoms[-1][1][-1] in OPENING:
            atoms[-1][1] += space + ch
        else:
            atoms.append([space, ch])
        space = ""
        prev = kind
    return tuple((s, t) for s, t in atoms)


def _split_chars(text: str, max_width: float, measure: Measure) -> list[str]:
    """Return ``text`` cut between characters into pieces no wider than ``max_width``."""
    pieces, cur = [], ""
    for ch in text:
        if cur and measure(cur + ch) > max_width:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


@frozen
class _Unit:
    """What a line is filled with: a phrase (or one atom), the space before it, its atoms."""

    space: str
    text: str
    atoms: tuple[tuple[str, str], ...]


def is_display(text: str) -> bool:
    """Return whether ``text`` reads as display text (a title, label or heading).

    Display text is short and has no sentence punctuation; it breaks at phrases.
    Running text (bullets, commentary) breaks between any two characters, with kinsoku.
    """
    return len(text) <= DISPLAY_MAX and not any(ch in _SENTENCE for ch in text)


@lru_cache(maxsize=4096)
def _units(line: str, phrases: bool) -> tuple[_Unit, ...]:
    """Return the units of one hard line: its phrases (display) or its atoms (running).

    A break between two atoms is allowed at a space, and otherwise: never inside a kept
    span (a number with its unit, a short quoted name); in display text, only at a phrase
    boundary. Atoms between allowed breaks form one unit.
    """
    atoms = _atoms(line)
    phrase, kept = breaks(line)
    units: list[list] = []
    end = 0
    for space, text in atoms:
        start = end + len(space)
        allowed = bool(space) or not (end in kept or (phrases and end not in phrase))
        if units and not allowed:
            units[-1][1] += space + text
            units[-1][2].append((space, text))
        else:
            units.append([space, text, [(space, text)]])
        end = start + len(text)
    return tuple(_Unit(s, t, tuple(a)) for s, t, a in units)


def _fill(units: Sequence[_Unit], max_width: float, measure: Measure, memo: dict) -> list[str]:
    """Return the lines of one hard line's units, filled greedily.

    A line's width is the sum of its units' and spaces' widths plus, where two units
    meet, the *seam*: ``measure(a + space + b) - measure(a) - measure(space) -
    measure(b)`` for the characters either side. It is 0 for a plain sum of advances,
    and catches kerning and the deck's Asian/Western gap without re-measuring lines. A
    unit wider than a line on its own is filled atom by atom; an atom wider than a line
    is cut between characters.
    """

    def width(s: str) -> float:
        w = memo.get(s)
        if w is None:
            w = memo[s] = measure(s) if s else 0.0
        return w

    def seam(left: str, lead: str, right: str) -> float:
        key = (left, lead, right)
        w = memo.get(key)
        if w is None:
            w = memo[key] = measure(left + lead + right) - width(left) - width(lead) - width(right)
        return w

    lines: list[list[tuple[str, str]]] = [[]]   # each line: (space before, text) pieces
    state = {"w": 0.0}

    def place(space: str, text: str, first: bool) -> bool:
        cur = lines[-1]
        lead = space if (cur or first) else ""
        w = width(lead) + width(text) + (seam(cur[-1][1][-1], lead, text[0]) if cur else 0.0)
        if cur and state["w"] + w > max_width:
            lines.append([])
            cur, w = lines[-1], width(text)
            state["w"] = 0.0
        if not cur and w > max_width:
            return False
        cur.append((space, text))
        state["w"] += w
        return True

    def put(unit: _Unit, first: bool) -> None:
        if place(unit.space, unit.text, first):
            return
        parts = _units(unit.text, False) if len(unit.atoms) > 1 else ()
        if len(parts) > 1:             # a phrase too wide alone: keep its numbers and names
            parts = (_Unit(unit.space, parts[0].text, parts[0].atoms), *parts[1:])
            for j, part in enumerate(parts):
                put(part, first and j == 0)
            return
        for j, (space, text) in enumerate(unit.atoms):   # then atom by atom
            space = space if j else unit.space
            if place(space, text, first and j == 0):
                continue
            lead = space if (first and j == 0) else ""
            *done, last = _split_chars(lead + text, max_width, measure)
            if lines[-1]:
                lines.append([])
            lines[-1:] = [[("", piece)] for piece in done] + [[(space if not done else "", last)]]
            state["w"] = width(last)

    for i, unit in enumerate(units):
        put(unit, i == 0)
    _no_runt(lines, max_width, measure)
    out = ["".join(s + t for s, t in line) for line in lines]
    out = [line[len(pieces[0][0]):] if k and pieces else line     # drop the break's space
           for k, (line, pieces) in enumerate(zip(out, lines))]
    return _verified(out, max_width, measure)


def has_runt(lines: Sequence[str]) -> bool:
    """Return whether the last of several ``lines`` is one CJK character or one word."""
    if len(lines) < 2:
        return False
    return _runt([("", lines[-1].strip())]) and " " not in lines[-1].strip()


def _runt(line: list[tuple[str, str]]) -> bool:
    """Return whether ``line`` is a runt: one CJK character (with its marks) or one word."""
    text = line[0][1] if len(line) == 1 else ""
    core = "".join(ch for ch in text if ch not in CLOSING and ch not in OPENING)
    return bool(core) and (len(core) == 1 or not has_cjk(text))


def _no_runt(lines: list[list[tuple[str, str]]], max_width: float, measure: Measure) -> None:
    """Move the last piece of the second-last line down when the last line is a runt."""
    if len(lines) < 2 or len(lines[-2]) < 2 or not _runt(lines[-1]):
        return
    (space, moved), (after, last) = lines[-2][-1], lines[-1][0]
    if measure(moved + after + last) <= max_width:
        lines[-2].pop()
        lines[-1] = [(space, moved), (after, last)]


def _verified(lines: list[str], max_width: float, measure: Measure) -> list[str]:
    """Return ``lines`` with each line whose measured width exceeds the limit re-broken.

    Summed atom widths equal the line's width for an additive measure up to rounding;
    for any line still measured too wide, its last atom (or character) moves down.
    """
    out: list[str] = []
    queue = list(lines)
    while queue:
        line = queue.pop(0)
        if len(line) <= 1 or measure(line) <= max_width:
            out.append(line)
            continue
        atoms = _atoms(line)
        if len(atoms) > 1:
            head, tail = "".join(s + t for s, t in atoms[:-1]), atoms[-1][1]
        else:
            head, tail = line[:-1], line[-1]
        queue[:0] = [head, tail]
    return out


def break_lines(text: str, max_width: float, measure: Measure, *,
                phrases: bool | None = None) -> list[str]:
    """Return ``text`` broken into lines no wider than ``max_width`` by ``measure``.

    ``phrases`` says whether Chinese breaks only at phrase boundaries where one fits
    (display text); None decides by ``is_display(text)``. See the module docstring for
    the rules. An empty text gives one empty line.
    """
    return _break(text, max_width, measure, {}, phrases)


def _break(text: str, max_width: float, measure: Measure, memo: dict,
           phrases: bool | None = None) -> list[str]:
    """Return ``text`` broken into lines, measuring through ``memo``."""
    if phrases is None:
        phrases = is_display(text)
    lines: list[str] = []
    for hard in text.replace("\r\n", "\n").split("\n"):
        units = _units(hard, phrases)
        got = _fill(units, max_width, measure, memo)
        if has_runt(got):               # as many lines if it can be, else one more
            widest = max((measure(a) for u in units for _, a in u.atoms), default=0.0)
            tries = [_fill(units, max_width * k, measure, memo) for k in _NARROWER
                     if max_width * k >= widest]        # never so narrow a word must split
            better = [t for t in tries if len(t) <= len(got) + 1 and not has_runt(t)]
            got = min(better, key=len) if better else got
        lines.extend(got)
    return lines
