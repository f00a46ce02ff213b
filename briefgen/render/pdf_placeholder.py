"""A stand-in chart for the one-pager while the chart module (pdf_chart.py) is absent: plain bars.

It draws the first series as bars with their data labels and categories, in the theme's
colours and the page's faces, so the page can be laid out and reviewed before real charts land.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from briefgen import model


def draw_placeholder(canvas, chart: model.Chart, x: float, y: float, w: float, h: float,
                     theme, fonts) -> None:
    """Draw ``chart``'s first series as labelled bars into the box (x, y) bottom-left, w × h."""
    p = theme.palette
    values = [v or 0.0 for v in (chart.series[0].values if chart.series else ())]
    top = max(values, default=0.0) or 1.0
    n = max(len(values), 1)
    slot = w / n
    size = 7.0
    base = y + size * 2.2
    for i, v in enumerate(values):
        bar_h = (h - size * 4.5) * v / top
        canvas.setFillColor(HexColor("#" + (p.accent if i == chart.highlight else p.primary)))
        canvas.rect(x + slot * (i + 0.2), base, slot * 0.6, bar_h, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#" + p.ink))
        canvas.setFont(fonts.bold.name, size)
        if i < len(chart.value_labels):
            canvas.drawCentredString(x + slot * (i + 0.5), base + bar_h + size * 0.6, chart.value_labels[i])
        canvas.setFont(fonts.regular.name, size)
        if i < len(chart.categories):
            canvas.drawCentredString(x + slot * (i + 0.5), y + size * 0.6, chart.categories[i])
    canvas.setStrokeColor(HexColor("#" + p.rule))
    canvas.setLineWidth(0.5)
    canvas.line(x, base, x + w, base)
