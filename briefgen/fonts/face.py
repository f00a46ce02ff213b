"""What briefgen needs of one font face at one weight, read once with fontTools and then cached.

A :class:`FaceData` holds the face's character map, every mapped glyph's advance at the weight
(the variable font's HVAR deltas applied and rounded, as a static font stores them), its
vertical metrics, the name records a converted font keeps, the proportional quote forms and a
fingerprint of the face's content. Building it reads the source with fontTools
(:mod:`briefgen.fonts.source`; about half a second per weight for the 32 MB Noto Sans CJK
collection here); it is then kept as one verified cache entry (``briefgen.cache``, 0.5 MB)
per face and weight, so later processes measure and subset text without opening the source.
Nothing in it depends on the text being built, so the entry never multiplies.

When a face has to be read from its source (on a machine's first run) the callback given to
:func:`set_progress` is told, so the user sees what the pause is. Converting the glyphs of a
few new characters later (0.3 s) is not announced.
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
from array import array
from bisect import bisect_left
from dataclasses import replace
from pathlib import Path
from typing import Callable, Optional

from briefgen import cache
from briefgen.fonts.metrics import FontSource, fonttools_version, stamp
from briefgen.fonts.source import read_faces

FORMAT = "face 1"            # bump whenever the entry layout or its values would change
KEEP = 8                     # face entries kept (each 0.5 MB for the packaged face)
SIBLINGS = (400, 700)        # weights read together from the packaged variable face
FIRST_RUN = "preparing fonts (first run only)…"

_FACES: dict[str, "FaceData"] = {}
_progress: Optional[Callable[[str], None]] = None
_said: set[str] = set()


def set_progress(callback: Optional[Callable[[str], None]]) -> None:
    """Set the function told (once per message per process) when fonts are being prepared."""
    global _progress
    _progress = callback


def announce(message: str) -> None:
    """Pass ``message`` to the progress callback, once per process."""
    if _progress is not None and message not in _said and FIRST_RUN not in _said:
        _said.add(message)
        _progress(message)


class FaceData:
    """One face at one weight: cmap, rounded advances, metrics and name records (font units)."""

    def __init__(self, info: dict, cps: array, gids: array, advances: array):
        self.info = info
        self.fingerprint: str = info["fingerprint"]
        self.upem: int = info["upem"]
        self.ascent: int = info["ascent"]
        self.descent: int = info["descent"]
        self.family: str = info["family"]
        self.cubic: bool = info["cubic"]
        self.notdef_advance: int = info["notdef_advance"]
        self.alternates = {int(cp): tuple(v) for cp, v in info["alternates"].items()}
        self._cps, self._gids, self._advances = cps, gids, advances

    def lookup(self, cp: int) -> tuple[int, int] | None:
        """Return (glyph id, advance) of code point ``cp``, or None when the face has no glyph."""
        i = bisect_left(self._cps, cp)
        if i < len(self._cps) and self._cps[i] == cp:
            return self._gids[i], self._advances[i]
        return None

    def encode(self) -> bytes:
        """Return the bytes of the cache entry."""
        head = json.dumps(self.info, sort_keys=True, ensure_ascii=True).encode()
        arrays = [a if sys.byteorder == "little" else _swapped(a)
                  for a in (self._cps, self._gids, self._advances)]
        return struct.pack("<II", len(head), len(self._cps)) + head + b"".join(
            a.tobytes() for a in arrays)

    @classmethod
    def decode(cls, data: bytes) -> "FaceData":
        """Return the FaceData of a cache entry's bytes (ValueError, KeyError when malformed)."""
        try:
            size, n = struct.unpack_from("<II", data)
        except struct.error as e:
            raise ValueError(e) from None
        info = json.loads(data[8:8 + size])
        at = 8 + size
        out = []
        for code in ("I", "I", "i"):
            a = array(code)
            chunk = data[at:at + n * a.itemsize]
            if len(chunk) != n * a.itemsize:
                raise ValueError("short face entry")
            a.frombytes(chunk)
            out.append(a if sys.byteorder == "little" else _swapped(a))
            at += len(chunk)
        return cls(info, *out)


def _swapped(a: array) -> array:
    """Return a byte-swapped copy of ``a`` (entries are stored little-endian)."""
    b = array(a.typecode, a)
    b.byteswap()
    return b


def face_data(source: FontSource) -> FaceData:
    """Return the FaceData of ``source``: remembered, else from the cache, else read with fontTools."""
    key = _key(source)
    face = _FACES.get(key)
    if face is not None:
        return face
    path = cache.entry("fonts", "faces", f"{key}.bin")
    data = cache.load(path)
    if data is not None:
        try:
            face = FaceData.decode(data)
        except (ValueError, KeyError, TypeError):
            cache.discard(path)
        else:
            cache.touch(path)
    if face is None:
        announce(FIRST_RUN)
        weights = {source.weight, *(SIBLINGS if source.packaged else ())}
        for weight, parts in read_faces(source, sorted(weights)).items():
            sibling = replace(source, weight=weight)
            entry = cache.entry("fonts", "faces", f"{_key(sibling)}.bin")
            made = FaceData({"format": FORMAT, **parts[0]}, *parts[1:])
            cache.store(entry, made.encode())
            _FACES[_key(sibling)] = made
        cache.prune(path.parent, KEEP)
        _forget_old_fonts()
        return _FACES[key]
    _FACES[key] = face
    return face


def _key(source: FontSource) -> str:
    """Return the cache key of ``source``: its file's identity, face and weight."""
    version = fonttools_version()            # what read or converted the face counts
    size, mtime = stamp(source.path)
    ident = repr((FORMAT, version, source.path, size, mtime, source.face_name, source.weight))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _forget_old_fonts() -> None:
    """Remove converted fonts an earlier briefgen left loose in the cache folder."""
    for old in Path(cache.cache_dir()).glob("Briefgen*.ttf"):
        cache.discard(old)


def forget() -> None:
    """Forget the faces read in this process, so the next use reads the cache again."""
    _FACES.clear()
