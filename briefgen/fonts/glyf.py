"""TrueType glyph data from pen drawings: cubic-to-quadratic, contour reversal, encoding.

``QuadPen`` receives an outline through the fontTools pen protocol (as CFF charstrings
and glyph sets draw it), turns each cubic into quadratic splines with fontTools' compiled
``cu2qu`` (within ``max_err`` font units), rounds to integers, drops a closing point that
repeats the start, and optionally reverses contours (PostScript outlines run counter-
clockwise, TrueType clockwise). ``encode`` writes the compiled ``glyf`` record directly.

This does what ``Cu2QuPen`` into ``TTGlyphPen`` then ``glyf`` compilation does, without
their per-point object layers: about three times faster, which is most of the cold cost
of a PDF font.
"""

from __future__ import annotations

import struct
from math import floor

from fontTools.cu2qu import curve_to_quadratic

Point = tuple[int, int, int]        # x, y, 1 when on the curve


class QuadPen:
    """A pen collecting integer quadratic contours (lists of (x, y, on))."""

    def __init__(self, max_err: float = 1.0, reverse: bool = False):
        self.max_err = max_err
        self.reverse = reverse
        self.contours: list[list[Point]] = []
        self._cur: list[tuple[float, float, int]] = []

    def moveTo(self, pt) -> None:
        self._flush()
        self._cur = [(pt[0], pt[1], 1)]

    def lineTo(self, pt) -> None:
        self._cur.append((pt[0], pt[1], 1))

    def curveTo(self, *pts) -> None:
        if len(pts) != 3:                      # a polybezier: split like BasePen does
            from fontTools.pens.basePen import decomposeSuperBezierSegment

            for seg in decomposeSuperBezierSegment(pts):
                self.curveTo(*seg)
            return
        last = self._cur[-1]
        quad = curve_to_quadratic(((last[0], last[1]),) + tuple(pts), self.max_err)
        cur = self._cur
        for x, y in quad[1:-1]:
            cur.append((x, y, 0))
        end = quad[-1]
        cur.append((end[0], end[1], 1))

    def qCurveTo(self, *pts) -> None:
        for x, y in pts[:-1]:
            self._cur.append((x, y, 0))
        if pts[-1] is not None:
            self._cur.append((pts[-1][0], pts[-1][1], 1))

    def closePath(self) -> None:
        self._flush()

    endPath = closePath

    def addComponent(self, name, transform) -> None:
        raise TypeError("QuadPen takes decomposed outlines only")

    def _flush(self) -> None:
        contour = finish_contour(self._cur, self.reverse)
        self._cur = []
        if contour:
            self.contours.append(contour)


def finish_contour(points: list[tuple[float, float, int]], reverse: bool) -> list[Point]:
    """Return a contour's points rounded (as otRound), without a closing repeat of the
    start, reversed when asked; empty when fewer than two points remain."""
    cur = [(floor(x + 0.5), floor(y + 0.5), on) for x, y, on in points]
    if len(cur) > 1 and cur[-1] == cur[0]:
        cur.pop()
    if len(cur) < 2:
        return []
    if reverse:
        cur = cur[:1] + cur[:0:-1]
    return cur


def _deltas(values: list[int], short: int, same: int) -> tuple[list[int], bytes]:
    """Return the flag bits and encoded deltas of one coordinate axis of a glyph."""
    bits, out = [], bytearray()
    pack_h = struct.Struct(">h").pack
    prev = 0
    for v in values:
        d, prev = v - prev, v
        if d == 0:
            bits.append(same)
        elif -255 <= d <= 255:
            bits.append(short | same if d > 0 else short)
            out.append(d if d > 0 else -d)
        else:
            bits.append(0)
            out += pack_h(d)
    return bits, bytes(out)


def encode(contours: list[list[Point]]) -> tuple[bytes, tuple[int, int, int, int] | None]:
    """Return the compiled simple-glyph record and its bounds (None when empty)."""
    if not contours:
        return b"", None
    ends, n = [], -1
    for c in contours:
        n += len(c)
        ends.append(n)
    points = [p for c in contours for p in c]
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    xbits, xdata = _deltas(xs, 0x02, 0x10)
    ybits, ydata = _deltas(ys, 0x04, 0x20)
    flags = [p[2] | xb | yb for p, xb, yb in zip(points, xbits, ybits)]
    packed = bytearray()
    i, total = 0, len(flags)
    while i < total:                          # run-length: flag | REPEAT, count
        f, j = flags[i], i + 1
        while j < total and flags[j] == f and j - i < 256:
            j += 1
        if j - i > 2:
            packed += bytes((f | 0x08, j - i - 1))
        else:
            packed += bytes(flags[i:j])
        i = j
    box = (min(xs), min(ys), max(xs), max(ys))
    head = struct.pack(f">5h{len(ends)}HH", len(ends), *box, *ends, 0)
    return head + bytes(packed) + xdata + ydata, box
