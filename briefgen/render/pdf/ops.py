"""Drawing operations for the one-pager: laid-out text, rules, fills and chart boxes, and painting them.

Blocks are laid out into a list of operations in top-down points (y grows down the page,
a Text's y is its baseline), measured from the block's own top-left corner. Measuring a
block and drawing it are the same code, so what the fitter measured is exactly what is
drawn. ``paint`` turns the operations into reportlab canvas calls.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from reportlab.lib.colors import HexColor

from briefgen.frozen import frozen


@frozen
class Text:
    """One line of text set in one font; ``x`` is its left edge, or its right edge if ``right``.

    ``actual``, when set, is what text extraction should read instead of ``text`` (PDF
    ActualText): a superscript "1" reads " 1", so a figure never extracts as "20031".
    """

    x: float
    y: float
    text: str
    size: float
    color: str
    bold: bool = False
    right: bool = False
    actual: str = ""


@frozen
class Rect:
    """A filled rectangle; ``y`` is its top."""

    x: float
    y: float
    w: float
    h: float
    color: str


@frozen
class Line:
    """A straight stroke."""

    x: float
    y: float
    x2: float
    y2: float
    width: float
    color: str


@frozen
class Dot:
    """A filled circle centred on (x, y)."""

    x: float
    y: float
    r: float
    color: str


@frozen
class ChartBox:
    """The box a chart is drawn into; ``y`` is its top. ``chart`` is a model.Chart."""

    x: float
    y: float
    w: float
    h: float
    chart: Any


@frozen
class Picture:
    """A picture file drawn into (x, y, w, h); ``y`` is its top."""

    x: float
    y: float
    w: float
    h: float
    path: str


@frozen
class Span:
    """Opens a run that extracts as ``actual`` (nothing when empty), or closes one (``end``).

    The KPI strip is one such run, so text extraction reads each figure with its own label
    rather than mixing lines across cells; a chart's title reads as its alt text and the
    labels scattered over its plot read as nothing; the body's two columns and the sources
    block are one each (``reading_span``). The glyphs inside still print. Spans nest in the
    operations, but only the outermost is written.
    """

    x: float = 0.0
    y: float = 0.0
    actual: str = ""
    end: bool = False


Op = Union[Text, Rect, Line, Dot, ChartBox, Span, Picture]


@dataclass
class Laid:
    """A laid-out block: its height and its operations, relative to its top-left corner."""

    height: float
    ops: list[Op] = field(default_factory=list)
    stretch: int = 0                   # chart boxes inside that may grow with spare height

    def place(self, dx: float, dy: float) -> list[Op]:
        """Return the operations moved by (dx, dy)."""
        return [_moved(op, dx, dy) for op in self.ops]


def _moved(op: Op, dx: float, dy: float) -> Op:
    """Return ``op`` moved by (dx, dy) (a shallow copy: fitting moves thousands of ops)."""
    if not dx and not dy:
        return op
    moved = copy.copy(op)
    object.__setattr__(moved, "x", op.x + dx)
    object.__setattr__(moved, "y", op.y + dy)
    if isinstance(op, Line):
        object.__setattr__(moved, "x2", op.x2 + dx)
        object.__setattr__(moved, "y2", op.y2 + dy)
    return moved


def texts(ops: list[Op]) -> list[Text]:
    """Return the Text operations among ``ops``."""
    return [op for op in ops if isinstance(op, Text)]


def reading_span(*parts: list[Op]) -> list[Op]:
    """Return the ``parts`` inside one Span that extracts as their text, part after part.

    pdftotext's default mode orders text by where it sits, and takes one-line blocks in two
    columns whose baselines happen to line up (Chinese lines 1.6 em apart, bullets, timeline
    entries) for a table, which it reads across the columns row by row. A span reads as one
    block at its first glyph, so what it holds reads whole, in the order of ``parts`` (the
    columns), each in drawing order, one extracted line per drawn line.
    """
    text = "\n".join(filter(None, (_reading(part) for part in parts)))
    ops = [op for part in parts for op in part]
    return [Span(actual=text), *ops, Span(end=True)] if text else ops


def _reading(ops: list[Op]) -> str:
    """Return the text ``ops`` extract as: lines in drawing order, an inner span's ActualText
    for what it holds, a raised note mark at the end of its line, texts on one baseline
    joined by a space (a source's number, then its entry)."""
    lines: list[str] = []
    last: Text | None = None
    depth = 0
    for op in ops:
        if isinstance(op, Span):
            if not op.end and depth == 0 and op.actual:
                lines.append(op.actual)
                last = None
            depth += -1 if op.end else 1
        elif isinstance(op, Text) and depth == 0:
            if op.actual and lines:
                lines[-1] += op.actual
                continue
            if last is not None and abs(op.y - last.y) < 0.3 * max(op.size, last.size):
                lines[-1] += " " + (op.actual or op.text)
            else:
                lines.append(op.actual or op.text)
            last = op
    return "\n".join(line.strip() for line in lines if line.strip())


ChartDrawer = Callable[..., None]


def _pdf_text(text: str) -> str:
    """Return ``text`` as a PDF text string (UTF-16BE with its byte-order mark, in hex)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def paint(canvas, ops: list[Op], fonts, page_height: float, draw_chart: ChartDrawer) -> None:
    """Draw ``ops`` on ``canvas``; ``fonts`` has ``.regular`` and ``.bold`` PdfFonts."""
    colors: dict[str, HexColor] = {}

    def color(hex_: str) -> HexColor:
        if hex_ not in colors:
            colors[hex_] = HexColor("#" + hex_)
        return colors[hex_]

    spans = 0                           # open Span runs: text inside takes no ActualText
    for op in ops:
        if isinstance(op, Span):        # only the outermost is written: viewers do not nest them
            spans += -1 if op.end else 1
            if op.end and spans == 0:
                canvas.addLiteral("EMC")
            elif not op.end and spans == 1:
                canvas.addLiteral(f"/Span <</ActualText {_pdf_text(op.actual)}>> BDC")
        elif isinstance(op, Text):
            canvas.setFillColor(color(op.color))
            canvas.setFont((fonts.bold if op.bold else fonts.regular).name, op.size)
            draw = canvas.drawRightString if op.right else canvas.drawString
            actual = op.actual and not spans
            if actual:
                canvas.addLiteral(f"/Span <</ActualText {_pdf_text(op.actual)}>> BDC")
            draw(op.x, page_height - op.y, op.text)
            if actual:
                canvas.addLiteral("EMC")
        elif isinstance(op, Rect):
            canvas.setFillColor(color(op.color))
            canvas.rect(op.x, page_height - op.y - op.h, op.w, op.h, stroke=0, fill=1)
        elif isinstance(op, Line):
            canvas.setStrokeColor(color(op.color))
            canvas.setLineWidth(op.width)
            canvas.line(op.x, page_height - op.y, op.x2, page_height - op.y2)
        elif isinstance(op, Dot):
            canvas.setFillColor(color(op.color))
            canvas.circle(op.x, page_height - op.y, op.r, stroke=0, fill=1)
        elif isinstance(op, Picture):
            canvas.drawImage(op.path, op.x, page_height - op.y - op.h, op.w, op.h, mask="auto")
        else:
            canvas.saveState()
            draw_chart(canvas, op.chart, op.x, page_height - op.y - op.h, op.w, op.h)
            canvas.restoreState()
