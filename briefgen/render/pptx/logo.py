"""The theme's logo on the title and closing slides: top right, on a small paper-coloured plate."""

from __future__ import annotations

from briefgen.render.logo import logo_box
from briefgen.render.pptx import shapes
from briefgen.theme import deck as D

LOGO_KINDS = ("title", "closing")


def cover_logo(ctx, slide, kind: str) -> None:
    """Draw the theme's logo on a title or closing slide (nothing when the theme has none)."""
    theme = ctx.theme
    if not theme.logo or kind not in LOGO_KINDS:
        return
    at = theme.logo_place
    w, h = logo_box(theme.logo, at.deck_h, at.deck_max_w)
    x, y = D.SLIDE_W - at.deck_right - w, at.deck_top
    shapes.rect(slide, x - at.deck_pad, y - at.deck_pad, w + 2 * at.deck_pad, h + 2 * at.deck_pad,
                ctx.pal.paper, name="Logo plate")
    alt = theme.wordmark.get(ctx.lang, "") or theme.name
    shapes.picture(slide, theme.logo, x, y, w, h, alt, name="Logo")
