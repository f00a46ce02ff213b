"""Line breaks remembered: each text is broken once per (text, width, size, font widths), on disk too.

Breaking a text (``briefgen.text.breaking``) measures its atoms and seams, asks BudouX for
its phrases and fills lines, several times per text while a box is fitted; a warm build
breaks the same texts in the same boxes as the last one. ``lines`` answers from a table
keyed by everything the answer depends on:

- the call site (``kind``: which breaking function, which measure), the text, the width and
  the size, exactly (their float hex);
- the fonts, by content: the advance in em of every distinct character of the text and the
  Asian/Western gap of the Metrics that measures it (a face whose widths change gives new
  keys; no font name or path is trusted);
- the code: the breaking, phrase and metrics modules, BudouX's model and parser, Python's
  version and Unicode data, hashed into the table's file name.

The table is one verified cache entry (``briefgen.cache``) per code stamp, read once per
process and written back by ``save`` (the build calls it) when it learnt something, at most
MAX_ENTRIES long (the least recently used go first). A remembered answer is used only when
its lines hold exactly the text's characters, so a damaged table costs speed, never output.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable

from briefgen import cache

FORMAT = 1
MAX_ENTRIES = 10_000        # a build of both specs in both languages keeps ~3,200; a table
                            # is read whole by every build: 10,000 read in 6 ms, 40,000 in 29
MAX_TABLES = 4              # code stamps kept (old installs' tables go)
_OWN = ("text/breaking.py", "text/phrases.py", "text/breakcache.py", "fonts/metrics.py")
_BUDOUX = ("__init__.py", "parser.py", "utils.py", "models/zh-hans.json")

_table: dict[str, list[str]] | None = None
_used: dict[str, None] = {}         # keys this process used or learnt, in order
_dirty = False
_seen: dict[tuple, tuple[str, ...]] = {}    # this process's answers, by (kind, text, width, size, Metrics)
_texts: dict[tuple, tuple[str, str]] = {}   # (text, Metrics) -> (digest of it and its widths, its letters)


@lru_cache(maxsize=1)
def _stamp() -> str:
    """Return the SHA-256 naming this code's table (see the module docstring)."""
    return cache.code_stamp((FORMAT, sys.version_info[:2], unicodedata.unidata_version), _OWN,
                            {"budoux": _BUDOUX})


def _path() -> Path:
    """Return where this code's table is kept."""
    return cache.entry("breaks", f"{_stamp()}.json")


def _read() -> dict[str, list[str]]:
    """Return the table on disk, or an empty one when there is none or it is not a table."""
    data = cache.load(_path())
    if data is None:
        return {}
    try:
        table = json.loads(data.decode("utf-8"))
    except ValueError:
        cache.discard(_path())
        return {}
    return table if isinstance(table, dict) else {}


def _keyed(kind: str, digest: str, width: float, size: float) -> str:
    """Return the key of breaking the text of ``digest`` (``_text``) at ``width`` and ``size``."""
    ident = f"{kind}\x1f{digest}\x1f{float(width).hex()}\x1f{float(size).hex()}"
    return hashlib.blake2b(ident.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _text(text: str, metrics) -> tuple[str, str]:
    """Return the digest of ``text`` with its font widths (the advance in em of each distinct
    character, the Asian/Western gap), and its characters less spaces; once per process for
    each text and Metrics (a fitted text is looked up at several widths and sizes)."""
    known = _texts.get((text, metrics))
    if known is None:
        ems = metrics.advances(sorted(set(text)))
        ident = repr((text, metrics.gap_em, ems)).encode("utf-8", "surrogatepass")
        known = (hashlib.blake2b(ident, digest_size=16).hexdigest(), "".join(text.split()))
        if len(_texts) > MAX_ENTRIES:
            _texts.clear()
        _texts[(text, metrics)] = known
    return known


def _holds(lines, text: str) -> bool:
    """Return whether ``lines`` is a list of strings holding exactly the characters of ``text``
    (breaks only drop spaces and hard line breaks); ``text`` is given without its spaces."""
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return False
    return "".join("".join(lines).split()) == text


def lines(kind: str, text: str, width: float, size: float, metrics,
          compute: Callable[[], list[str]]) -> list[str]:
    """Return ``compute()`` (the lines of ``text``), from the table when it was computed before.

    ``kind`` names the breaking function and how ``metrics`` measures (``compute`` must
    depend on nothing but ``text``, ``width``, ``size`` and ``metrics``' widths).
    """
    global _table, _dirty
    seen = (kind, text, width, size, metrics)  # a Metrics object's widths never change
    if seen in _seen:
        return list(_seen[seen])
    if _table is None:
        _table = _read()
    digest, letters = _text(text, metrics)
    key = _keyed(kind, digest, width, size)
    known = _table.get(key)
    if known is not None and _holds(known, letters):
        _used[key] = None
        got = list(known)
    else:
        got = compute()
        _table[key] = list(got)
        _used.pop(key, None)
        _used[key] = None
        _dirty = True
    if len(_seen) > MAX_ENTRIES:
        _seen.clear()
    _seen[seen] = tuple(got)
    return got


def save() -> None:
    """Write the table back when this process learnt breaks, merged with what other processes
    wrote meanwhile, least recently used entries dropped past MAX_ENTRIES."""
    global _dirty
    if not _dirty or _table is None:
        return
    merged = {k: v for k, v in _read().items() if k not in _used}
    merged.update((k, _table[k]) for k in _used if k in _table)
    keep = dict(list(merged.items())[-MAX_ENTRIES:])
    cache.store(_path(), json.dumps(keep, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    cache.prune(_path().parent, keep=MAX_TABLES, protect={str(_path())})
    _dirty = False


def forget() -> None:
    """Drop the table held in memory (it is read again from disk on next use)."""
    global _table, _dirty
    _table, _dirty = None, False
    _used.clear()
    _seen.clear()
    _texts.clear()
