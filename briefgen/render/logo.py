"""The size a theme's logo takes, shared by the deck and the handout."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=8)
def _pixels(path: str) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.size


def logo_box(path: str, height: float, max_w: float) -> tuple[float, float]:
    """Return the (width, height) in points a picture takes at ``height``, at most ``max_w`` wide."""
    w, h = _pixels(path)
    scale = min(height / h, max_w / w)
    return w * scale, h * scale
