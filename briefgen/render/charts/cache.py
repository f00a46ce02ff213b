"""An on-disk cache of the PDF's charts: their SVGs, and the canvas calls that place them.

A warm build imports neither matplotlib (the SVG is cached) nor svglib and reportlab's
graphics package (the calls that drew the SVG onto the page are cached as a tape,
``briefgen.render.charts.tape``, and replayed).

matplotlib costs about a second to import; the SVG it draws depends only on the chart plan,
the plot size, the fonts (their names carry a digest of what they hold), the theme, the
matplotlib version and the drawing code (by the content of its files, never their paths or
dates, so every install and clone names the same chart alike). Those are hashed into the
file name. Entries are verified (briefgen.cache): a miss, or an entry that fails its check,
draws the chart again, and at most MAX_ENTRIES are kept.

Tapes live in their own folder (``chart-tapes``), bounded alike. A tape's name hashes the
SVG's name, the exact box it was placed in, and the code that placed it (svglib's and
reportlab's graphics modules, by content, and the tape's own), so a tape replays only where
the same code would make the same calls.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Callable, TypeVar

from briefgen.cache import code_stamp, discard, entry, load, prune, store, touch

T = TypeVar("T")

CACHE_VERSION = 2
MAX_ENTRIES = 200          # charts kept; the least recently used go first
_CODE = ("render/pdf/chart.py", "render/charts/style.py")
_TAPE_OWN = ("render/charts/tape.py", "render/charts/cache.py", "render/pdf/chart.py")
_TAPE_LIBRARIES = {"svglib": ("__init__.py", "svglib.py", "utils.py", "fonts.py"),
                   "reportlab": ("__init__.py", "graphics/renderPDF.py", "graphics/renderbase.py",
                                 "graphics/shapes.py")}


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Return the SHA-256 of the code that draws a chart's SVG: briefgen's drawing modules and
    matplotlib's version file (found without importing matplotlib, or importlib.metadata,
    which costs more than the lookup it saves)."""
    return code_stamp("chart svg", _CODE, {"matplotlib": ("_version.py",)})


@lru_cache(maxsize=1)
def _tape_stamp() -> str:
    """Return the SHA-256 of the code that places a chart's SVG on the page."""
    return code_stamp("chart tape", _TAPE_OWN, _TAPE_LIBRARIES)


def chart_key(*parts: object) -> str:
    """Return the hex digest naming a chart drawn from ``parts``."""
    ident = repr((CACHE_VERSION, _code_stamp(), parts))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


def tape_key(svg_key: str, *box: float) -> str:
    """Return the hex digest naming the tape of the chart ``svg_key`` placed in ``box``."""
    ident = repr((CACHE_VERSION, _tape_stamp(), svg_key, tuple(float(v).hex() for v in box)))
    return hashlib.sha256(ident.encode()).hexdigest()


def placed(key: str, canvas, place: Callable[[object], None]) -> None:
    """Draw a chart on ``canvas``: replay the tape cached under ``key``, or run ``place(canvas)``
    (live, through a recorder) and keep its tape.

    A tape that fails its check, cannot be read, or was recorded on a canvas in another state
    is not used (and a bad one is removed); the chart is then drawn live, so a cache entry
    can never change the page.
    """
    from briefgen.render.charts.tape import record, replay

    path = entry("chart-tapes", key)
    data = load(path)
    if data is not None:
        if replay(data, canvas):
            touch(path)
            return
    tape = record(canvas, place)
    if tape is not None:
        store(path, tape)
        prune(path.parent, keep=MAX_ENTRIES)


def cached_svg(key: str, draw: Callable[[], bytes], parse: Callable[[bytes], T | None] | None = None):
    """Return the SVG cached under ``key`` (or ``parse(svg)``), drawing and storing it on a miss.

    An entry that passes its check but that ``parse`` refuses (raises, or returns None) is
    discarded and drawn again, so no cached file can fail a build.
    """
    path = entry("charts", f"{key}.svg")
    svg = load(path)
    if svg is not None:
        parsed = _parsed(svg, parse)
        if parsed is not None:
            touch(path)
            return parsed
        discard(path)
    svg = draw()
    parsed = parse(svg) if parse else svg
    store(path, svg)
    prune(path.parent, keep=MAX_ENTRIES)
    return parsed


def _parsed(svg: bytes, parse):
    """Return ``parse(svg)`` (``svg`` itself without a parser), or None when it fails."""
    if parse is None:
        return svg
    try:
        return parse(svg)
    except Exception:  # noqa: BLE001 - any failure to read a cached entry means: draw it again
        return None
