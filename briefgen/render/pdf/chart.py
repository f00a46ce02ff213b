"""Vector charts for the PDF: a chart plan drawn by matplotlib to SVG, placed with svglib.

``draw_chart`` lays out a box: the chart's title (optional) at the top, the footnote at
the bottom (the page's sources block names the document, so no source line), and the plot
between them. The plot is a matplotlib
``Figure`` (never pyplot, so no state is shared between charts) written as SVG with its
text kept as text (``svg.fonttype='none'``), converted by svglib with the page's fonts
mapped by name, and drawn as vectors: labels stay searchable and no raster is embedded.
matplotlib is imported inside the drawing function, only when a chart is drawn.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefgen.fonts.measure import require_glyphs
from briefgen.model import Chart
from briefgen.render.charts.cache import cached_svg, chart_key, placed, tape_key
from briefgen.render.charts.style import ChartPlan, ChartStyle, chart_plan, chart_style
from briefgen.text import breakcache
from briefgen.text.fit import break_lines
from briefgen.theme import Theme

SVG_HASHSALT = "briefgen"            # fixed ids in the SVG, so the PDF is reproducible
LABEL_GAP = 2.5                      # between a bar's end and its label (pt)
CATEGORY_GAP = 3.5                   # between the baseline and a category label (pt)
TEXT_LINE = 1.18                     # line pitch of wrapped labels in the plot
BAR_LABEL_SHARE = 0.38               # widest category label column of a bar chart (of w)
PAD = 1.5                            # keeps strokes inside the drawing (pt)


class _FontMap:
    """svglib font lookup: the SVG's family names are the reportlab font names."""

    def __init__(self, fonts):
        self.regular = fonts.regular.name
        self.names = {fonts.regular.name, fonts.bold.name}

    def find_font(self, name: str, weight: str = "normal", style: str = "normal"):
        """Return (reportlab font name, exact match) for an SVG font family."""
        if name in self.names:
            return name, True
        return self.regular, False


class _Plot:
    """A matplotlib figure the size of the plot box (1 unit = 1 pt), and its fonts."""

    def __init__(self, w: float, h: float, fonts, style: ChartStyle, theme: Theme):
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.figure import Figure
        from matplotlib.font_manager import FontProperties

        self.w, self.h = w, h
        self.fonts, self.style, self.palette = fonts, style, theme.palette
        self.fig = Figure(figsize=(w / 72, h / 72), dpi=72)
        FigureCanvasSVG(self.fig)
        self.fig.patch.set_visible(False)
        self._props = {}
        self._fp = FontProperties

    def font(self, bold: bool, size: float):
        """Return FontProperties naming the page font (its family name is the reportlab name)."""
        key = (bold, size)
        if key not in self._props:
            face = self.fonts.bold if bold else self.fonts.regular
            self._props[key] = self._fp(family=face.name, fname=face.path, size=size,
                                        weight="bold" if bold else "normal")
        return self._props[key]

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the widest line of ``text`` in points."""
        name = (self.fonts.bold if bold else self.fonts.regular).name
        return max(stringWidth(line, name, size) for line in text.split("\n"))

    def wrap(self, text: str, width: float, size: float) -> str:
        """Return ``text`` broken into lines no wider than ``width``, joined by newlines."""
        name = self.fonts.regular.name
        return "\n".join(break_lines(text, max(width, size), lambda s: stringWidth(s, name, size)))

    def axes(self, left: float, bottom: float, right: float, top: float):
        """Return bare axes inset by the given margins (pt)."""
        w = max(self.w - left - right, 1.0)
        h = max(self.h - bottom - top, 1.0)
        ax = self.fig.add_axes((left / self.w, bottom / self.h, w / self.w, h / self.h))
        ax.set_axis_off()
        return ax

    def text(self, ax, s: str, xy, offset, *, size: float, bold: bool = False,
             colour: str = "", xycoords="data", **kw):
        """Write ``s`` at ``xy`` moved by ``offset`` points; never parsed as math."""
        ann = ax.annotate(s, xy, xycoords=xycoords, xytext=offset, textcoords="offset points",
                          fontproperties=self.font(bold, size), color="#" + (colour or self.palette.ink),
                          annotation_clip=False, linespacing=TEXT_LINE, **kw)
        ann.set_parse_math(False)
        return ann

    def svg(self) -> bytes:
        """Return the figure as SVG, text as text, with fixed ids and no date."""
        import matplotlib

        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": SVG_HASHSALT}):
            self.fig.savefig(buf, format="svg", metadata={"Date": None}, transparent=True)
        return buf.getvalue()


def _legend(plot: _Plot, ax, plan: ChartPlan) -> None:
    from matplotlib.patches import Patch

    style = plot.style
    handles = [Patch(facecolor="#" + _series_colour(s), label=s.name) for s in plan.series]
    leg = ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1), ncols=len(handles),
                    frameon=False, prop=plot.font(False, style.page_axis), borderaxespad=0,
                    borderpad=0, handlelength=0.9, handleheight=0.9, handletextpad=0.4,
                    columnspacing=1.2, labelcolor="#" + plot.palette.ink)
    for t in leg.get_texts():
        t.set_parse_math(False)


def _series_colour(series) -> str:
    fills = [m.edge or m.fill for m in series.marks]
    return max(fills, key=fills.count)


def _legend_height(plan: ChartPlan, style: ChartStyle) -> float:
    return style.page_axis * 1.9 if plan.legend else 0.0


def _label_height(style: ChartStyle) -> float:
    return style.page_label * 1.25 + LABEL_GAP


def _draw_columns(plot: _Plot, plan: ChartPlan) -> None:
    """Draw vertical columns (grouped when there are several series), or a line."""
    style, n = plot.style, len(plan.categories)
    slot = (plot.w - 2 * PAD) / n
    cats = [plot.wrap(c, slot * 0.94, style.page_axis) for c in plan.categories]
    lines = max(c.count("\n") + 1 for c in cats)
    bottom = CATEGORY_GAP + lines * style.page_axis * TEXT_LINE + PAD
    span = plan.value_max - plan.value_min
    top_room = _label_height(style) + _legend_height(plan, style)
    plot_h = plot.h - bottom - PAD
    # the headroom above the tallest value must hold its label
    top = max(PAD, top_room - plot_h * (1 - (max(_values(plan)) - plan.value_min) / span))
    ax = plot.axes(PAD, bottom, PAD, top)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(plan.value_min, plan.value_max)
    place = plan.positions or tuple(range(n))       # a time axis spaces the years by time
    if plan.form == "line":
        for s in plan.series:
            xs = [i for i, m in enumerate(s.marks) if m.value is not None]
            ax.plot([place[i] for i in xs], [s.marks[i].value for i in xs], color="#" + _series_colour(s),
                    linewidth=style.page_line, solid_capstyle="round", zorder=2)
            for i in xs:
                m = s.marks[i]
                ax.plot([place[i]], [m.value], marker="o", markersize=style.page_marker, zorder=3,
                        markerfacecolor="#" + m.fill, markeredgecolor="#" + (m.edge or m.fill),
                        markeredgewidth=style.page_outline, linestyle="none")
                plot.text(ax, m.label, (place[i], m.value), (0, LABEL_GAP + 1.5), size=style.page_label,
                          bold=m.bold, ha="center", va="bottom")
    else:
        width = 1 / (1 + plan.gap_width / 100)
        if plan.positions:                          # bars never overlap where years are close
            width = min(width, 0.8 * min(b - a for a, b in zip(place, place[1:])))
        _bars(plot, ax, plan, width, horizontal=False, xs=place)
    ax.axhline(0, color="#" + plot.palette.muted, linewidth=style.page_baseline, zorder=3)
    for i, c in enumerate(cats):
        plot.text(ax, c, (place[i], 0), (0, -CATEGORY_GAP), size=style.page_axis,
                  xycoords=ax.get_xaxis_transform(), ha="center", va="top")
    if plan.legend:
        _legend(plot, ax, plan)


def _bars(plot: _Plot, ax, plan: ChartPlan, width: float, horizontal: bool,
          xs: tuple[float, ...] = ()) -> None:
    """Draw every point as a bar ``width`` thick (a cluster per category, at ``xs`` when
    given, else at its index), labelled at its end."""
    style, k = plot.style, len(plan.series)
    for j, s in enumerate(plan.series):
        for i, m in enumerate(s.marks):
            if m.value is None:
                continue
            at = (xs[i] if xs else i) - width / 2 + (j + 0.5) * width / k
            draw = ax.barh if horizontal else ax.bar
            draw(at, m.value, width / k, color="#" + m.fill, zorder=2,
                 edgecolor="#" + m.edge if m.edge else "none",
                 linewidth=style.page_outline if m.edge else 0)
            sign = 1 if m.value >= 0 else -1
            if horizontal:
                place = dict(xy=(m.value, at), offset=(sign * LABEL_GAP, 0),
                             ha="left" if sign > 0 else "right", va="center_baseline")
            else:
                place = dict(xy=(at, m.value), offset=(0, sign * LABEL_GAP),
                             ha="center", va="bottom" if sign > 0 else "top")
            plot.text(ax, m.label, place.pop("xy"), place.pop("offset"), size=style.page_label,
                      bold=m.bold, **place)


def _values(plan: ChartPlan) -> list[float]:
    return [v for s in plan.series for v in s.values if v is not None] or [0.0]


def _draw_bars(plot: _Plot, plan: ChartPlan) -> None:
    """Draw horizontal bars, first category at the top; shares over their track."""
    style, n = plot.style, len(plan.categories)
    cats = [plot.wrap(c, plot.w * BAR_LABEL_SHARE, style.page_axis) for c in plan.categories]
    left = max(plot.width(c, style.page_axis) for c in cats) + 2 * CATEGORY_GAP + PAD
    span = plan.value_max - plan.value_min
    avail = plot.w - left - PAD
    right = PAD
    for s in plan.series:
        for m in s.marks:
            if m.value is None or m.value <= 0:
                continue
            f = (m.value - plan.value_min) / span
            need = plot.width(m.label, style.page_label, m.bold) + LABEL_GAP
            right = max(right, (need - (1 - f) * avail) / f if f > 0 else need)
    top = _legend_height(plan, style) + PAD
    ax = plot.axes(left, PAD, right, top)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(plan.value_min, plan.value_max)
    slot_h = (plot.h - PAD - top) / n
    width = min(1 / (1 + plan.gap_width / 100), style.page_bar_max * style.page_label / slot_h)
    if plan.whole:
        ax.barh(range(n), [plan.whole] * n, width, color="#" + plan.track, zorder=1)
    _bars(plot, ax, plan, width, horizontal=True)
    if not plan.whole:
        ax.axvline(0, color="#" + plot.palette.muted, linewidth=style.page_baseline, zorder=3)
    for i, c in enumerate(cats):
        plot.text(ax, c, (0, i), (-CATEGORY_GAP, 0), size=style.page_axis,
                  xycoords=ax.get_yaxis_transform(), ha="right", va="center_baseline")
    if plan.legend:
        _legend(plot, ax, plan)


# form -> how to draw it with matplotlib
_FORMS = {
    "column": _draw_columns,
    "line": _draw_columns,
    "bar": _draw_bars,
    "share": _draw_bars,
}


def chart_svg(plan: ChartPlan, w: float, h: float, fonts, theme: Theme) -> bytes:
    """Return the plot of ``plan`` as SVG, ``w`` × ``h`` pt, text as text in the page fonts."""
    plot = _Plot(w, h, fonts, chart_style(theme), theme)
    _FORMS[plan.form](plot, plan)
    return plot.svg()


def _drawing(drawing):
    """Return svglib's drawing of an SVG, or None when it has no size (the SVG was not a plot)."""
    return drawing if drawing is not None and drawing.width > 0 and drawing.height > 0 else None


def _text_block(canvas, lines: list[str], x: float, top: float, font: str, size: float,
                pitch: float, colour: str) -> None:
    canvas.setFont(font, size)
    canvas.setFillColor(HexColor("#" + colour))
    for i, line in enumerate(lines):
        canvas.drawString(x, top - size * 0.88 - i * pitch, line)


def draw_chart(canvas, chart: Chart, x: float, y: float, w: float, h: float, theme: Theme,
               fonts, *, show_title: bool = False) -> None:
    """Draw ``chart`` as vectors in the box whose lower-left corner is (x, y), w × h pt.

    ``fonts`` has ``.regular`` and ``.bold`` PdfFonts (registered with reportlab, each a
    TrueType file whose family name is its ``name``). The source line and footnote go at
    the bottom of the box, the title (when ``show_title``) at the top. A character either
    font lacks raises FontError naming the chart's origin; an unknown kind, RenderError.
    """
    plan = chart_plan(chart, theme)
    style = chart_style(theme)
    texts = [*plan.categories, *(m.label for s in plan.series for m in s.marks),
             *plan.notes, *(s.name for s in plan.series if plan.legend)]
    require_glyphs("".join(texts), fonts.regular, chart.origin)
    bold = [m.label for s in plan.series for m in s.marks if m.bold]
    require_glyphs("".join(bold + ([plan.title] if show_title else [])), fonts.bold, chart.origin)

    def wrapped(text: str, font: str, size: float) -> list[str]:
        face = fonts.bold if font == fonts.bold.name else fonts.regular    # its name: its content
        return breakcache.lines(f"stringWidth {font}", text, w, size, face.metrics,
                                lambda: break_lines(text, w, lambda s: stringWidth(s, font, size)))

    pitch = style.page_note * style.page_note_line
    # the page cites the chart's document in its title and sources block, not a source line
    printed = [n for n in plan.notes if n != chart.source_line]
    notes = [line for n in printed for line in wrapped(n, fonts.regular.name, style.page_note)]
    notes_h = len(notes) * pitch + (style.note_gap * style.page_note if notes else 0.0)
    title, title_h = [], 0.0
    if show_title and plan.title:
        title = wrapped(plan.title, fonts.bold.name, style.page_title)
        title_h = len(title) * style.page_title * TEXT_LINE + style.page_title * 0.5
        _text_block(canvas, title, x, y + h, fonts.bold.name, style.page_title,
                    style.page_title * TEXT_LINE, theme.palette.ink)
    _text_block(canvas, notes, x, y + len(notes) * pitch, fonts.regular.name, style.page_note,
                pitch, theme.palette.muted)
    plot_h = h - notes_h - title_h
    if plot_h <= 0:
        return
    key = chart_key(plan, round(w, 3), round(plot_h, 3), fonts.regular.name, fonts.bold.name, theme)

    def place(canvas) -> None:          # svglib and reportlab.graphics only when no tape replays
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg

        drawing = cached_svg(key, lambda: chart_svg(plan, w, plot_h, fonts, theme),
                             lambda svg: _drawing(svg2rlg(io.BytesIO(svg), font_map=_FontMap(fonts))))
        drawing.initialFontName = fonts.regular.name
        sx, sy = w / drawing.width, plot_h / drawing.height
        drawing.scale(sx, sy)
        drawing.width, drawing.height = w, plot_h
        renderPDF.draw(drawing, canvas, x, y + notes_h)

    placed(tape_key(key, x, y + notes_h, w, plot_h), canvas, place)
