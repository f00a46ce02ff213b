"""An on-disk cache of the PDF's chart SVGs, so a warm build never imports matplotlib.

matplotlib costs about a second to import; the SVG it draws depends only on the chart plan,
the plot size, the fonts (their names carry a digest of their characters), the theme, the
matplotlib version and the drawing code. Those are hashed into the file name, next to the
converted fonts. A miss, or an unreadable entry, draws the chart again.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import Callable

from briefgen.cache import entry, load, prune, store, touch

CACHE_VERSION = 1
MAX_ENTRIES = 200          # charts kept; the least recently used go first
_CODE = ("../pdf/chart.py", "style.py")


def _code_stamp() -> tuple:
    """Return (name, size, mtime) of the modules that draw charts, so edits invalidate entries."""
    here = Path(__file__).parent
    return tuple((n, (here / n).stat().st_size, (here / n).stat().st_mtime_ns) for n in _CODE)


def chart_key(*parts: object) -> str:
    """Return the hex digest naming a chart drawn from ``parts``."""
    try:
        mpl = metadata.version("matplotlib")
    except metadata.PackageNotFoundError:  # pragma: no cover - matplotlib is a dependency
        mpl = "?"
    ident = repr((CACHE_VERSION, mpl, _code_stamp(), parts))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


def cached_svg(key: str, draw: Callable[[], bytes]) -> bytes:
    """Return the SVG cached under ``key``, drawing and storing it on a miss."""
    path = entry("charts", f"{key}.svg")
    svg = load(path)
    if svg is not None:
        touch(path)
        return svg
    svg = draw()
    store(path, svg)
    prune(path.parent, keep=MAX_ENTRIES)
    return svg
