"""Deck text measured as viewers draw it: widths, fitted sizes, balanced widths and the lines the writer writes.

Widths come from ``fonts.deck_metrics`` (Arial's metrics for Latin, Noto Sans CJK's for
Chinese, plus LibreOffice's quarter em between them). Every text is polished
(``briefgen.text.typography``) before it is measured, as it is before it is written, and
lines are filled to ``1 - theme.deck.WIDTH_MARGIN`` of the box so a substitute face that
runs a little wider does not rewrap.
"""

from __future__ import annotations

from functools import lru_cache

from briefgen.errors import FitError, Origin
from briefgen.fonts.measure import deck_metrics
from briefgen.text import breakcache
from briefgen.text.fit import break_lines, fit_text, has_runt, is_display
from briefgen.text.typography import polish
from briefgen.theme import deck as D



def written_lines(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Return ``text`` as the writer breaks it in a box ``width`` points wide at ``size``.

    The breaker and margin are the fitting's; display text is broken at the narrowest
    width that gives as many lines, so its lines come out even. Each line keeps the space
    the break replaced at its end, so ``"".join(lines) == text`` (less any ``\\n``).
    """
    measure = deck_measure(bold)
    room = width * (1 - D.WIDTH_MARGIN)
    if is_display(text) and "\n" not in text:   # display lines are balanced: as many, evener
        room = balanced_room(text, room, size, bold)
    lines = breakcache.lines("deck", text, room, size, measure.metrics,
                             lambda: break_lines(text, room, lambda s: measure.width(s, size)))
    return _rejoin(text, lines)


def _rejoin(text: str, lines: list[str]) -> list[str]:
    """Return ``lines`` with the spaces dropped between them put back at their ends."""
    out, at = [], 0
    flat = text.replace("\r\n", "\n")
    for line in lines:
        start = flat.find(line, at) if line else at
        if start < 0:                       # a line the breaker changed: keep it as is
            return lines
        if out:
            out[-1] += flat[at:start].replace("\n", "")
        out.append(line)
        at = start + len(line)
    out[-1] += flat[at:].replace("\n", "")
    return out


class DeckMeasure:
    """Deck text widths, from ``fonts.deck_metrics``.

    Those metrics already count the quarter em LibreOffice and Keynote insert wherever
    Chinese meets Latin letters or digits ("2003 年"; PowerPoint does not), so a line that
    fits there does not wrap here.
    """

    def __init__(self, bold: bool):
        self.metrics = deck_metrics(bold)

    def width(self, text: str, size_pt: float) -> float:
        """Return the width of ``text`` at ``size_pt`` points, in points."""
        return self.metrics.width(text, size_pt)


@lru_cache(maxsize=2)
def deck_measure(bold: bool) -> DeckMeasure:
    """Return the shared measure of regular or bold deck text."""
    return DeckMeasure(bold)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the width of one line of ``text`` in points, without any safety margin."""
    return deck_measure(bold).width(polish(text), size)


@lru_cache(maxsize=1024)
def balanced_width(text: str, w: float, size: float, bold: bool = False) -> float:
    """Return the narrowest box width (at most ``w``) that keeps ``text`` to as few lines.

    A box that narrow evens out the lines, so no line is left with one or two characters.
    """
    room = w * (1 - D.WIDTH_MARGIN)
    narrow = balanced_room(polish(text), room, size, bold)
    return w if narrow >= room else min(w, narrow / (1 - D.WIDTH_MARGIN) + 1.0)


@lru_cache(maxsize=4096)
def balanced_room(text: str, room: float, size: float, bold: bool = False) -> float:
    """Return the narrowest line width (at most ``room``) that breaks ``text`` into as few
    lines as ``room`` does, with no lone last word unless ``room`` has one too."""
    measure = deck_measure(bold)

    def lines_at(width: float) -> list[str]:
        return breakcache.lines("deck", text, width, size, measure.metrics,
                                lambda: break_lines(text, width, lambda s: measure.width(s, size)))

    full = lines_at(room)
    lines = len(full)
    if lines <= 1:
        return room
    runt = has_runt(full)

    def ok(width: float) -> bool:
        got = lines_at(width)
        return len(got) <= lines and (runt or not has_runt(got))

    words = [measure.width(word, size) for word in latin_words(text)]
    lo, hi = max([room / lines] + words), room      # never so narrow that a word must split
    if lo >= hi:
        return room
    for _ in range(7):                  # to within 1% of the line: closer changes nothing
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if ok(mid) else (mid, hi)
    return hi


def latin_words(text: str) -> list[str]:
    """Return the runs of ``text`` a line may not break inside: characters neither space nor in
    U+2E80–U+FFFF. (A regex character class of that range takes 3 ms to compile, more than a
    warm build spends in this function.)"""
    return "".join(" " if "\u2e80" <= ch <= "\uffff" else ch for ch in text).split()


def fit(texts, w: float, h: float, sizes: D.Range, *, bold: bool = False,
        line: float = D.BODY_LINE, space: float = 0.0):
    """Return the textfit Fit of ``texts`` in a w × h box, shrinking within ``sizes``.

    ``line`` is the line pitch as a multiple of the size, ``space`` the points between
    paragraphs.
    """
    return _fit(tuple(polish(t) for t in texts), w, h, sizes, bold, line, space)


@lru_cache(maxsize=4096)
def _fit(texts: tuple[str, ...], w: float, h: float, sizes: D.Range, bold: bool, line: float,
         space: float):
    """Return the Fit (memoized: layouts try the same text in the same box more than once)."""
    return fit_text(list(texts), w, h, max_size=sizes.max, min_size=sizes.min,
                    measure_for=deck_measure(bold), line_spacing=line, para_space=space,
                    width_margin=D.WIDTH_MARGIN)


def fit_or_fail(texts, w: float, h: float, sizes: D.Range, *, origin: Origin | None, what: str,
                bold: bool = False, line: float = D.BODY_LINE, space: float = 0.0):
    """Return the Fit of ``texts``, or raise FitError saying where and by how much it overflows."""
    result = fit(texts, w, h, sizes, bold=bold, line=line, space=space)
    if not result.fits:
        raise overflow_error(what, result.overflow, sizes.min, origin)
    return result


def overflow_error(what: str, overflow: float, floor: float, origin: Origin | None) -> FitError:
    """Return the FitError for ``what`` overflowing by ``overflow`` points at ``floor``."""
    return FitError(f"{what} overflows its box by {overflow:.0f} pt at the {floor:g} pt floor",
                    origin)


def lines_height(n_lines: int, size: float, line: float) -> float:
    """Return the height of ``n_lines`` lines at ``size`` with pitch factor ``line``."""
    return n_lines * size * line
