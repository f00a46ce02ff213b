"""briefgen's on-disk cache: where it lives, and storing an entry without ever failing a build.

Converted fonts, chart SVGs and the checked dataset are cached here, each under a name that
hashes everything the entry depends on. A cache that cannot be written only costs speed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> str:
    """Return the cache folder: $BRIEFGEN_CACHE_DIR, else $XDG_CACHE_HOME/briefgen or ~/.cache/briefgen."""
    explicit = os.environ.get("BRIEFGEN_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "briefgen")


def entry(*parts: str) -> Path:
    """Return the path of a cache entry, e.g. entry("charts", "<key>.svg")."""
    return Path(cache_dir(), *parts)


def store(path: Path, data: bytes) -> None:
    """Write a cache entry atomically (temporary file, then rename); ignore an unwritable cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
