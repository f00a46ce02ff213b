"""Setting text for the one-pager: sizes at a fitting level, measuring, wrapping, superscript notes.

A Typesetter is the one object block builders ask for sizes, gaps, widths and laid-out
paragraphs, at one fitting level. Every string it sets must have passed the glyph check in
``pdf.py`` first (``check_glyphs``), so a missing glyph is reported with its origin instead
of printing as a box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

from briefgen.errors import FontError, Problems
from briefgen.render.pdf.ops import Laid, Text
from briefgen.text import breakcache
from briefgen.text.fit import break_lines
from briefgen.theme import Palette
from briefgen.theme.page import PageStyle


_BREAKS: dict[tuple, list[str]] = {}   # (face, text, width, size) -> lines
_BREAKS_KEPT = 50_000


class PdfFonts(NamedTuple):
    """The two embedded faces of the page (fonts.PdfFont each)."""

    regular: object
    bold: object


class Where(NamedTuple):
    """A string to be drawn and where it came from (an Origin, or None, and what it is)."""

    text: str
    origin: object
    what: str


def sup_text(notes: Iterable[int]) -> str:
    """Return the superscript that cites source notes or documents, e.g. '1,2'."""
    return ",".join(str(n) for n in notes if n)


def mix(a: str, b: str, t: float) -> str:
    """Return the hex colour ``t`` of the way from ``a`` to ``b``."""
    ca = [int(a[i:i + 2], 16) for i in (0, 2, 4)]
    cb = [int(b[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb))


def check_glyphs(strings: Sequence[Where], fonts: PdfFonts, require_glyphs) -> None:
    """Raise FontError (Problems when several) for every string a face cannot set."""
    problems: list[FontError] = []
    seen: set[str] = set()
    for item in strings:
        for font in fonts:
            try:
                require_glyphs(item.text, font, item.origin)
            except FontError as e:
                problem = FontError(f"{e.message} ({item.what})", e.origin)
                if str(problem) not in seen:
                    seen.add(str(problem))
                    problems.append(problem)
                break
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Problems(problems)


@dataclass
class Typesetter:
    """Sizes and text layout for one language at one fitting level."""

    fonts: PdfFonts
    lang: str
    level: int
    page: PageStyle
    palette: Palette
    refs: Mapping[int, int] | None = None    # note number -> document number; None: the same
    laid: dict | None = field(default=None, compare=False, repr=False)   # see ``once``

    def once(self, key: tuple, make: Callable[[], Laid], owner: object = None) -> Laid:
        """Return ``make()``, made once per ``key``, level and document numbering while this
        typesetter carries a memo (``laid``: one per fitting of a page, which composes the page
        in every column arrangement, most parts the same in several). ``owner`` is the object
        ``key`` names by ``id``: a hit must be that very object. A laid-out block is never
        changed once made, so sharing it is safe."""
        if self.laid is None:
            return make()
        refs = None if self.refs is None else tuple(sorted(self.refs.items()))
        full = (*key, self.level, refs)
        hit = self.laid.get(full)
        if hit is None or hit[0] is not owner:
            hit = self.laid[full] = (owner, make())
        return hit[1]

    def marks(self, notes: Iterable[int]) -> tuple[int, ...]:
        """Return the sorted document numbers that ``notes`` cite (notes without one: none)."""
        if self.refs is None:
            return tuple(sorted({n for n in notes if n}))
        return tuple(sorted({self.refs[n] for n in notes if n in self.refs}))

    def size(self, role: str) -> float:
        """Return the size (pt) of text role ``role`` at this level."""
        return getattr(self.page.type, role).at(self.level)

    def gap(self, name: str) -> float:
        """Return the vertical gap ``name`` (pt) at this level."""
        return self.page.space.at(name, self.level)

    def pitch(self, size: float, tight: bool = False) -> float:
        """Return the line pitch (pt) for text of ``size``."""
        lead = self.page.leading
        return size * (lead.tight if tight else lead.body(self.lang))

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the advance width (pt) of ``text``."""
        return (self.fonts.bold if bold else self.fonts.regular).metrics.width(text, size)

    def baseline(self, size: float, pitch: float) -> float:
        """Return the baseline's distance below the top of a line box of ``pitch``."""
        m = self.fonts.regular.metrics
        return pitch / 2 + size * (m.ascent_em - m.descent_em) / 2

    def middle(self, size: float) -> float:
        """Return how far above the baseline the middle of a capital or ideograph sits."""
        return size * self.page.marks.middle

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Return ``text`` broken into lines no wider than ``width``.

        Fitting lays the same text out in the same box many times (levels, column choices),
        so breaks are remembered per face, text, width and size.
        """
        font = self.fonts.bold if bold else self.fonts.regular
        key = (font.name, text, round(width, 4), size)
        if key not in _BREAKS:
            if len(_BREAKS) > _BREAKS_KEPT:
                _BREAKS.clear()
            _BREAKS[key] = breakcache.lines(
                "page", text, width, size, font.metrics,
                lambda: break_lines(text, width, lambda s: font.metrics.width(s, size)))
        return list(_BREAKS[key])

    def sup(self, notes: Iterable[int], x: float, baseline: float, size: float, color: str,
            after: float = 0.0) -> Text:
        """Return the raised document numbers cited by ``notes``, set after a text ending at ``x``.

        ``size`` is the text size the numbers are scaled from (never under the mark floor),
        ``after`` the size of the text they follow (default ``size``), which sets the gap
        before them. They extract as "[1,2]" (ActualText): one space at most before them,
        and a figure and its mark never run together.
        """
        m = self.page.marks
        s = sup_text(self.marks(notes))
        return Text(x + (after or size) * m.sup_gap, baseline - size * m.sup_rise, s,
                    self.mark_size(size), color, actual=f"[{s}]" if s else "")

    def mark_size(self, size: float) -> float:
        """Return the size of note marks raised after text of ``size``."""
        return max(round(size * self.page.marks.sup_scale, 2), self.size("mark"))

    def sup_width(self, notes: Sequence[int], size: float, after: float = 0.0) -> float:
        """Return the room (pt) the marks ``sup`` sets take after a text."""
        s = sup_text(self.marks(notes))
        m = self.page.marks
        return (after or size) * m.sup_gap + self.width(s, self.mark_size(size)) if s else 0.0

    def para(self, text: str, width: float, size: float, color: str, *, bold: bool = False,
             notes: Sequence[int] = (), tight: bool = False, x: float = 0.0) -> Laid:
        """Return ``text`` wrapped to ``width``, with its note numbers raised after the last line."""
        pitch = self.pitch(size, tight)
        lines = self.wrap(text, width - self.sup_width(notes, size), size, bold) if text else []
        base = self.baseline(size, pitch)
        ops = [Text(x, base + i * pitch, line, size, color, bold) for i, line in enumerate(lines)]
        if self.marks(notes) and lines:
            end = x + self.width(lines[-1], size, bold)
            ops.append(self.sup(notes, end, base + (len(lines) - 1) * pitch, size, color))
        return Laid(len(lines) * pitch, ops)

    def runs(self, pieces: Sequence[tuple[str, bool, str]], width: float, size: float,
             tight: bool = False) -> Laid:
        """Return one paragraph of (text, bold, colour) pieces run together, wrapped to ``width``.

        Lines are broken measuring everything in bold, so a line of mixed weights is never
        wider than ``width``; each line is then drawn piece by piece at its own weight, the
        spaces between pieces advanced over rather than drawn (extraction joins pieces on one
        baseline with a space of its own).
        """
        whole = "".join(text for text, _, _ in pieces)
        style = [(bold, color) for text, bold, color in pieces for _ in text]
        lines = self.wrap(whole, width, size, True) if whole else []
        pitch = self.pitch(size, tight)
        base = self.baseline(size, pitch)
        ops: list[Text] = []
        at = 0
        for i, line in enumerate(lines):
            at = whole.index(line, at)
            x, start = 0.0, at
            for k in range(at + 1, at + len(line) + 1):
                if k == at + len(line) or style[k] != style[start]:
                    bold, color = style[start]
                    piece = whole[start:k]
                    lead = len(piece) - len(piece.lstrip(" "))     # spaces are advanced over,
                    if piece.strip(" "):                           # not drawn: text extraction
                        ops.append(Text(x + self.width(piece[:lead], size, bold), base + i * pitch,
                                        piece.strip(" "), size, color, bold))   # adds one itself
                    x += self.width(piece, size, bold)
                    start = k
            at += len(line)
        return Laid(len(lines) * pitch, ops)
