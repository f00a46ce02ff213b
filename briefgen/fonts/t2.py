"""A CFF2 charstring interpreter that decodes a glyph once for every weight.

In a variable CFF2 font whose variation store has a single region (Noto Sans CJK: one
wght region), every blended value is ``default + s * delta`` for the location's region
scalar ``s``, and a glyph's points are sums of such values. Carrying each value as the
complex number ``default + delta·i`` (plain numbers are real) makes the interpreter
compute all weights at once: a point's coordinate at scalar ``s`` is
``z.real + s * z.imag``. Decoding happens once per glyph per process; each weight then
costs only that evaluation. fontTools' interpreter, used otherwise, decodes the bytes
again for every weight and dispatches each operator by name.

``decode`` raises ``Unsupported`` for what it does not handle (several regions, a
``flex1`` whose choice of axis depends on the weight); the caller then asks fontTools.
``contours`` turns decoded segments into the quadratic contours that
:func:`briefgen.fonts.glyf.encode` writes, without the pen protocol's per-point calls.
"""

from __future__ import annotations

import struct

from fontTools.cu2qu import curve_to_quadratic

from briefgen.fonts.glyf import Point, finish_contour

Segment = tuple                        # (kind, coordinates): see decode()


class Unsupported(Exception):
    """The charstring needs something this interpreter leaves to fontTools."""


def _bias(n: int) -> int:
    """Return the subroutine number bias for a subroutine index of ``n`` entries."""
    return 107 if n < 1240 else 1131 if n < 33900 else 32768


class _Decoder:
    """Decode one glyph's charstring (with its subroutines) into segments."""

    def __init__(self, gsubrs, lsubrs, vsindex: int, regions_of):
        self.gsubrs, self.lsubrs = gsubrs, lsubrs if lsubrs is not None else []
        self.gbias, self.lbias = _bias(len(self.gsubrs)), _bias(len(self.lsubrs))
        self.regions_of = regions_of
        self.vsindex = vsindex
        self.stack: list = []
        self.hints = 0
        self.x = self.y = 0
        self.segments: list[Segment] = []
        self.open = False

    # -- path ------------------------------------------------------------------------
    def move(self, dx, dy) -> None:
        if self.open:
            self.segments.append(("Z",))
        self.x += dx
        self.y += dy
        self.segments.append(("M", self.x, self.y))
        self.open = True

    def line(self, dx, dy) -> None:
        self.x += dx
        self.y += dy
        self.segments.append(("L", self.x, self.y))

    def curve(self, dxa, dya, dxb, dyb, dxc, dyc) -> None:
        x1, y1 = self.x + dxa, self.y + dya
        x2, y2 = x1 + dxb, y1 + dyb
        self.x, self.y = x2 + dxc, y2 + dyc
        self.segments.append(("C", x1, y1, x2, y2, self.x, self.y))

    # -- interpreter ------------------------------------------------------------------
    def run(self, code: bytes) -> None:
        stack = self.stack
        i, n = 0, len(code)
        while i < n:
            b0 = code[i]
            i += 1
            if b0 >= 32:
                if b0 <= 246:
                    stack.append(b0 - 139)
                elif b0 <= 250:
                    stack.append((b0 - 247) * 256 + code[i] + 108)
                    i += 1
                elif b0 <= 254:
                    stack.append(-(b0 - 251) * 256 - code[i] - 108)
                    i += 1
                else:
                    stack.append(struct.unpack_from(">i", code, i)[0] / 65536)
                    i += 4
            elif b0 == 28:
                stack.append(struct.unpack_from(">h", code, i)[0])
                i += 2
            elif b0 == 12:
                self.escape(code[i])
                i += 1
            elif b0 in (19, 20):                     # hintmask, cntrmask
                self.hints += len(stack) // 2
                stack.clear()
                i += (self.hints + 7) // 8
            elif b0 in (10, 29):                     # callsubr, callgsubr
                k = stack.pop()
                subrs, bias = (self.lsubrs, self.lbias) if b0 == 10 else (self.gsubrs, self.gbias)
                self.run(subrs[int(k.real) + bias])
            elif b0 == 11 or b0 == 14:               # return, endchar (CFF1 only)
                return
            else:
                self.op(b0)

    def op(self, b0: int) -> None:
        s = self.stack
        if b0 in (1, 3, 18, 23):                     # stem hints
            self.hints += len(s) // 2
        elif b0 == 21:
            self.move(s[-2], s[-1])
        elif b0 == 22:
            self.move(s[-1], 0)
        elif b0 == 4:
            self.move(0, s[-1])
        elif b0 == 5:
            for k in range(0, len(s) - 1, 2):
                self.line(s[k], s[k + 1])
        elif b0 in (6, 7):                           # hlineto, vlineto
            horizontal = b0 == 6
            for v in s:
                self.line(v, 0) if horizontal else self.line(0, v)
                horizontal = not horizontal
        elif b0 == 8:
            for k in range(0, len(s) - 5, 6):
                self.curve(*s[k:k + 6])
        elif b0 == 24:                               # rcurveline
            for k in range(0, len(s) - 7, 6):
                self.curve(*s[k:k + 6])
            self.line(s[-2], s[-1])
        elif b0 == 25:                               # rlinecurve
            for k in range(0, len(s) - 6, 2):
                self.line(s[k], s[k + 1])
            self.curve(*s[-6:])
        elif b0 == 26:                               # vvcurveto
            dx1, k = (s[0], 1) if len(s) % 4 else (0, 0)
            for k in range(k, len(s) - 3, 4):
                self.curve(dx1, s[k], s[k + 1], s[k + 2], 0, s[k + 3])
                dx1 = 0
        elif b0 == 27:                               # hhcurveto
            dy1, k = (s[0], 1) if len(s) % 4 else (0, 0)
            for k in range(k, len(s) - 3, 4):
                self.curve(s[k], dy1, s[k + 1], s[k + 2], s[k + 3], 0)
                dy1 = 0
        elif b0 in (30, 31):                         # vhcurveto, hvcurveto
            self.alternating(s, b0 == 31)
        elif b0 == 15:
            self.vsindex = int(s[-1].real)
        elif b0 == 16:
            self.blend()
            return
        else:
            raise Unsupported(f"charstring operator {b0}")
        s.clear()

    def alternating(self, s: list, horizontal: bool) -> None:
        k, n = 0, len(s)
        while n - k >= 4:
            last = n - k < 8 and n - k == 5
            extra = s[k + 4] if last else 0
            if horizontal:
                self.curve(s[k], 0, s[k + 1], s[k + 2], extra, s[k + 3])
            else:
                self.curve(0, s[k], s[k + 1], s[k + 2], s[k + 3], extra)
            horizontal = not horizontal
            k += 5 if last else 4

    def blend(self) -> None:
        s = self.stack
        count = int(s.pop().real)
        regions = self.regions_of(self.vsindex)
        if regions != 1:
            raise Unsupported(f"blend over {regions} regions")
        base = len(s) - 2 * count
        deltas = s[base + count:]
        for j in range(count):
            s[base + j] = s[base + j] + 1j * deltas[j]
        del s[base + count:]

    def escape(self, b1: int) -> None:
        s = self.stack
        if b1 == 35:                                 # flex
            self.curve(*s[0:6])
            self.curve(*s[6:12])
        elif b1 == 34:                               # hflex
            dx1, dx2, dy2, dx3, dx4, dx5, dx6 = s[:7]
            self.curve(dx1, 0, dx2, dy2, dx3, 0)
            self.curve(dx4, 0, dx5, -dy2, dx6, 0)
        elif b1 == 36:                               # hflex1
            dx1, dy1, dx2, dy2, dx3, dx4, dx5, dy5, dx6 = s[:9]
            self.curve(dx1, dy1, dx2, dy2, dx3, 0)
            self.curve(dx4, 0, dx5, dy5, dx6, -(dy1 + dy2 + dy5))
        elif b1 == 37:                               # flex1: axis chosen by magnitude
            if any(isinstance(v, complex) for v in s[:11]):
                raise Unsupported("flex1 with blended values")
            dx = sum(s[0:10:2])
            dy = sum(s[1:10:2])
            self.curve(*s[0:6])
            if abs(dx) > abs(dy):
                self.curve(s[6], s[7], s[8], s[9], s[10], -dy)
            else:
                self.curve(s[6], s[7], s[8], s[9], -dx, s[10])
        else:
            raise Unsupported(f"charstring operator 12 {b1}")
        s.clear()


def decode(code: bytes, gsubrs, lsubrs, vsindex: int, regions_of) -> list[Segment]:
    """Return the segments of charstring ``code``: a kind ("M", "L", "C", "Z") and a tuple
    of complex coordinates (x, y per point; imaginary part = delta).

    ``gsubrs`` and ``lsubrs`` (None for none) index subroutine bytes; ``vsindex`` is the
    private DICT's default; ``regions_of(vsindex)`` gives the regions a blend carries.
    """
    d = _Decoder(gsubrs, lsubrs, vsindex, regions_of)
    d.run(code)
    if d.open:
        d.segments.append(("Z",))
    return [(seg[0], tuple(complex(v) for v in seg[1:])) for seg in d.segments]


def contours(segments: list[Segment], scalar: float, max_err: float,
             reverse: bool) -> list[list[Point]]:
    """Return the quadratic contours of decoded ``segments`` at region scalar ``scalar``."""
    out: list[list[Point]] = []
    cur: list[tuple[float, float, int]] = []
    for kind, zs in segments:
        if kind == "C":
            x1, y1, x2, y2, x3, y3 = [z.real + scalar * z.imag for z in zs]
            last = cur[-1]
            quad = curve_to_quadratic(((last[0], last[1]), (x1, y1), (x2, y2), (x3, y3)),
                                      max_err)
            cur.extend([(x, y, 0) for x, y in quad[1:-1]])
            cur.append((x3, y3, 1))
        elif kind == "L":
            cur.append((zs[0].real + scalar * zs[0].imag, zs[1].real + scalar * zs[1].imag, 1))
        elif kind == "M":
            cur = [(zs[0].real + scalar * zs[0].imag, zs[1].real + scalar * zs[1].imag, 1)]
        else:
            contour = finish_contour(cur, reverse)
            if contour:
                out.append(contour)
            cur = []
    return out
