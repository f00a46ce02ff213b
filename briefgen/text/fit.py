"""Fitting paragraphs into a box: the largest size at which they fit, or the fewest boxes.

Lines are broken by ``briefgen.text.breaking`` (re-exported here: ``break_lines``,
``is_display``, ``has_runt``, ``CLOSING``, ``OPENING``). Fitting measures each text at 1 pt
once and scales, so trying many sizes costs little, and remembers each break
(``briefgen.text.breakcache``), so a warm build breaks no text it broke before.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence, Union

from briefgen.errors import FitError, Origin
from briefgen.frozen import frozen
from briefgen.text import breakcache
from briefgen.text.breaking import (CLOSING, OPENING, Measure, _break, break_lines, has_runt,
                                    is_display)

__all__ = ["CLOSING", "OPENING", "Fit", "Measure", "break_lines", "fit_text", "has_runt",
           "is_display", "split_to_fit"]


class _HasWidth(Protocol):
    def width(self, text: str, size_pt: float) -> float: ...


MeasureFor = Union[Callable[[float], Measure], _HasWidth]


@frozen
class Fit:
    """The outcome of fitting paragraphs into a box.

    ``size`` is the font size in points (``min_size`` when nothing fits), ``lines`` the
    broken lines of each paragraph at that size, ``height`` their total height in points,
    ``fits`` whether that height is within the box and ``overflow`` the points by which
    it exceeds the box (0 when it fits).
    """

    size: float
    lines: list[list[str]]
    height: float
    fits: bool
    overflow: float


class _Breaker:
    """Break text at any size; with a Metrics, widths scale with the size, so text is
    measured once at 1 pt and broken to ``width / size`` at every size tried."""

    def __init__(self, measure_for: MeasureFor):
        self._metrics = measure_for if hasattr(measure_for, "width") else None
        self._at = measure_for
        self._memo: dict = {}
        fonts = getattr(measure_for, "metrics", measure_for)    # a Metrics, or one it wraps
        self._fonts = fonts if hasattr(fonts, "em") and hasattr(fonts, "gap_em") else None

    def lines(self, text: str, width: float, size: float) -> list[str]:
        """Return ``text`` broken to ``width`` points at ``size``."""
        metrics = self._metrics
        if metrics is None:
            return break_lines(text, width, self._at(size))  # type: ignore[operator]
        unit = width / size * (1 - 1e-12)       # never over by rounding once scaled back
        fonts = self._fonts
        if fonts is None:
            return _break(text, unit, lambda s: metrics.width(s, 1.0), self._memo)
        return breakcache.lines("fit-unit", text, unit, 1.0, fonts,
                                lambda: _break(text, unit, lambda s: fonts.width(s, 1.0), self._memo))


def _sizes(max_size: float, min_size: float, step: float) -> list[float]:
    """Return the candidate sizes, largest first, ending with ``min_size``."""
    if step <= 0 or min_size <= 0 or max_size < min_size:
        raise ValueError(f"sizes: expected 0 < min_size <= max_size and step > 0 "
                         f"but received {min_size}, {max_size}, {step}")
    sizes, k = [], 0
    while max_size - k * step > min_size + 1e-9:
        sizes.append(round(max_size - k * step, 6))
        k += 1
    sizes.append(min_size)
    return sizes


def _layout(paragraphs: Sequence[str], size: float, width: float, breaker: _Breaker,
            line_spacing: float, para_space: float) -> tuple[list[list[str]], float]:
    """Return the lines of every paragraph at ``size`` and their total height."""
    lines = [breaker.lines(p, width, size) for p in paragraphs]
    n = sum(len(ls) for ls in lines)
    height = n * size * line_spacing + para_space * max(len(paragraphs) - 1, 0)
    return lines, height


def fit_text(paragraphs: Sequence[str], box_w: float, box_h: float, *, max_size: float,
             min_size: float, measure_for: MeasureFor, line_spacing: float = 1.2,
             para_space: float = 0.0, width_margin: float = 0.06, step: float = 0.5) -> Fit:
    """Return the largest size (on the ``step`` grid, or ``min_size``) at which it all fits.

    Lines are broken to ``box_w * (1 - width_margin)``; the height is the number of lines
    times the line pitch ``size * line_spacing`` plus ``para_space`` points between
    paragraphs. The height only grows with the size, so the grid is binary-searched. When
    even ``min_size`` is too big, the Fit at ``min_size`` says ``fits=False`` and by how
    many points it overflows; nothing is raised.
    """
    breaker = _Breaker(measure_for)
    width = box_w * (1 - width_margin)
    sizes = _sizes(max_size, min_size, step)
    cache: dict[int, tuple[list[list[str]], float]] = {}

    def layout(i: int) -> tuple[list[list[str]], float]:
        if i not in cache:
            cache[i] = _layout(paragraphs, sizes[i], width, breaker, line_spacing, para_space)
        return cache[i]

    lo, hi = 0, len(sizes) - 1            # find the first (largest) index that fits
    if layout(hi)[1] > box_h + 1e-9:
        lines, height = layout(hi)
        return Fit(sizes[hi], lines, height, False, height - box_h)
    while lo < hi:
        mid = (lo + hi) // 2
        if layout(mid)[1] <= box_h + 1e-9:
            hi = mid
        else:
            lo = mid + 1
    lines, height = layout(lo)
    return Fit(sizes[lo], lines, height, True, 0.0)


def split_to_fit(paragraphs: Sequence[str], box_w: float, box_h: float, *, max_size: float,
                 min_size: float, measure_for: MeasureFor, line_spacing: float = 1.2,
                 para_space: float = 0.0, width_margin: float = 0.06, step: float = 0.5,
                 origin: Origin | None = None) -> list[list[str]]:
    """Return ``paragraphs`` split into the fewest consecutive chunks that each fit the box.

    Every chunk fits at ``min_size`` or larger. Among splits with that fewest number of
    chunks, the one that fits at the largest common size is chosen, so continuation slides
    share a size instead of one crammed slide and one nearly empty. Raises FitError (at
    ``origin``) naming the paragraph when one paragraph alone cannot fit at ``min_size``.
    """
    if not paragraphs:
        return []
    breaker = _Breaker(measure_for)
    width = box_w * (1 - width_margin)

    def pack(size: float) -> list[list[str]]:
        pitch = size * line_spacing
        chunks: list[list[str]] = []
        used = 0.0
        for p in paragraphs:
            h = len(breaker.lines(p, width, size)) * pitch
            if h > box_h + 1e-9:
                raise FitError(
                    f"a paragraph needs {h:.1f} pt at {size:g} pt but the box is "
                    f"{box_h:.1f} pt high: '{_snippet(p)}'", origin)
            if chunks and used + para_space + h <= box_h + 1e-9:
                chunks[-1].append(p)
                used += para_space + h
            else:
                chunks.append([p])
                used = h
        return chunks

    fewest = pack(min_size)
    sizes = _sizes(max_size, min_size, step)
    lo, hi = 0, len(sizes) - 1            # largest size still giving that few chunks
    while lo < hi:
        mid = (lo + hi) // 2
        try:
            ok = len(pack(sizes[mid])) <= len(fewest)
        except FitError:
            ok = False
        if ok:
            hi = mid
        else:
            lo = mid + 1
    return pack(sizes[lo])


def _snippet(text: str, n: int = 30) -> str:
    """Return the start of ``text``, cut to ``n`` characters with an ellipsis."""
    return text if len(text) <= n else text[:n] + "…"
