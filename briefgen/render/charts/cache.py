"""An on-disk cache of the PDF's chart SVGs, so a warm build never imports matplotlib.

matplotlib costs about a second to import; the SVG it draws depends only on the chart plan,
the plot size, the fonts (their names carry a digest of what they hold), the theme, the
matplotlib version and the drawing code (by the content of its files, never their paths or
dates, so every install and clone names the same chart alike). Those are hashed into the
file name. Entries are verified (briefgen.cache): a miss, or an entry that fails its check,
draws the chart again, and at most MAX_ENTRIES are kept.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
import importlib.util
from pathlib import Path
from typing import Callable, TypeVar

from briefgen.cache import discard, entry, load, prune, store, touch

T = TypeVar("T")

CACHE_VERSION = 2
MAX_ENTRIES = 200          # charts kept; the least recently used go first
_CODE = ("../pdf/chart.py", "style.py")


@lru_cache(maxsize=1)
def _matplotlib_stamp() -> str:
    """Return the SHA-256 of matplotlib's version file, found without importing matplotlib
    (or importlib.metadata, which costs more than the lookup it saves)."""
    spec = importlib.util.find_spec("matplotlib")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        try:
            return hashlib.sha256(Path(folder, "_version.py").read_bytes()).hexdigest()
        except OSError:
            continue
    return "?"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Return the SHA-256 of the modules that draw charts, so an edit to them invalidates entries."""
    here, digest = Path(__file__).parent, hashlib.sha256()
    for name in _CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def chart_key(*parts: object) -> str:
    """Return the hex digest naming a chart drawn from ``parts``."""
    ident = repr((CACHE_VERSION, _matplotlib_stamp(), _code_stamp(), parts))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


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
