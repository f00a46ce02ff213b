"""The theme's logo in the handout header: right-aligned under the date, on a paper-coloured plate."""

from __future__ import annotations

from briefgen.render.logo import logo_box
from briefgen.render.pdf.ops import Op, Picture, Rect


def header_logo(theme, right: float, top: float, plate: str) -> list[Op]:
    """Return the operations that draw the theme's logo with its right edge at ``right`` (none without one)."""
    if not theme.logo:
        return []
    at = theme.logo_place
    w, h = logo_box(theme.logo, at.page_h, at.page_max_w)
    x, y = right - w - at.page_pad, top + at.page_gap + at.page_pad
    return [Rect(x - at.page_pad, y - at.page_pad, w + 2 * at.page_pad, h + 2 * at.page_pad, plate),
            Picture(x, y, w, h, theme.logo)]
