"""What briefgen needs of one font face at one weight, read once with fontTools and then cached.

A :class:`FaceData` holds the face's character map, every mapped glyph's advance at the weight
(the variable font's HVAR deltas applied and rounded, as a static font stores them), its
vertical metrics, the name records a converted font keeps, the proportional quote forms and a
fingerprint of the face's content. Building it opens the source with fontTools (about 0.8 s
for the 32 MB Noto Sans CJK collection at one weight); it is then kept as one verified cache
entry (``briefgen.cache``) per face and weight, so later processes measure and subset text
without opening the source. Nothing in it depends on the text being built.

The first time this process has to open a source it reports it through the callback given to
:func:`set_progress`, so the user sees what the pause is.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Callable, Optional

from briefgen import cache
from briefgen.errors import FontError
from briefgen.fonts.metrics import FontSource, find_face, stamp

FORMAT = "face 1"            # bump whenever the entry layout or its values would change
KEEP = 8                     # face entries kept (each 0.4 MB for the packaged face)
PROPORTIONAL_CHARS = "“”‘’"
FIRST_RUN = "preparing fonts (first run only)…"

_FACES: dict[str, "FaceData"] = {}
_OPEN: dict[tuple, object] = {}
_GLYPH_SETS: dict[tuple, object] = {}
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
        face = _build(source)
        cache.store(path, face.encode())
        cache.prune(path.parent, KEEP)
        _forget_old_fonts()
    _FACES[key] = face
    return face


def _key(source: FontSource) -> str:
    """Return the cache key of ``source``: its file's identity, face and weight."""
    size, mtime = stamp(source.path)
    ident = repr((FORMAT, source.path, size, mtime, source.face_name, source.weight))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def open_source(source: FontSource):
    """Return the fontTools TTFont of ``source``'s face, opened lazily once per process."""
    from fontTools.ttLib import TTFont

    key = (source.path, stamp(source.path), source.face_name)
    font = _OPEN.get(key)
    if font is None:
        index = find_face(source.path, source.face_name)
        font = TTFont(source.path, fontNumber=index, lazy=True)
        # Name glyphs by id before any table is read: briefgen works in glyph ids, and
        # fontTools would otherwise derive 65,535 names from the cmap (0.3 s) for a CFF2 face.
        font.setGlyphOrder([f"glyph{gid:05d}" for gid in range(font["maxp"].numGlyphs)])
        _OPEN[key] = font
    return font


def location(font, weight: int) -> dict[str, float]:
    """Return the variation location of ``weight`` ({} for a font without a wght axis)."""
    axes = font["fvar"].axes if "fvar" in font else []
    return {"wght": float(weight)} if any(a.axisTag == "wght" for a in axes) else {}


def glyph_set(source: FontSource):
    """Return the fontTools glyph set of ``source`` at its weight (outlines and advances)."""
    font = open_source(source)
    where = location(font, source.weight)
    key = (id(font), tuple(where.items()))
    glyphs = _GLYPH_SETS.get(key)
    if glyphs is None:
        glyphs = _GLYPH_SETS[key] = font.getGlyphSet(location=where or None)
    return glyphs


def _build(source: FontSource) -> FaceData:
    """Return the FaceData of ``source``, read from the font file with fontTools."""
    try:
        font = open_source(source)
        cmap = font.getBestCmap() or {}
        notdef = font.getGlyphOrder()[0]
        advance = _advances(source, font)
        cps = sorted(cp for cp, name in cmap.items() if name != notdef)
        gid = font.getGlyphID
        info = {
            "format": FORMAT, "fingerprint": _fingerprint(font), "upem": font["head"].unitsPerEm,
            "family": _name(font, 16) or _name(font, 1) or "", "cubic": "glyf" not in font,
            "notdef_advance": advance(notdef), "created": font["head"].created,
            "modified": font["head"].modified, "names": _licence(font), "os2": _os2(font),
            "alternates": {str(cp): [gid(name), advance(name)]
                           for cp, name in _proportional(font, cmap).items()},
        }
        info["ascent"], info["descent"] = _vertical(font)
        return FaceData(info, array("I", cps), array("I", [gid(cmap[cp]) for cp in cps]),
                        array("i", [advance(cmap[cp]) for cp in cps]))
    except FontError:
        raise
    except Exception as e:                  # fontTools raises many kinds on a broken font
        raise FontError(f"{source.path}: cannot read the font: {type(e).__name__}: {e}") from e


def _advances(source: FontSource, font) -> Callable[[str], int]:
    """Return glyph name -> advance at the weight, rounded as a static font stores it.

    With an HVAR table this is hmtx plus fontTools' VarStoreInstancer delta, as fontTools'
    glyph set computes ``width`` (without building a glyph object, or reading the outlines,
    for each of the 44,000 glyphs); otherwise the glyph set's own ``width``.
    """
    from fontTools.misc.fixedTools import otRound

    where = location(font, source.weight)
    hmtx = font["hmtx"].metrics
    if not where:
        return lambda name: otRound(hmtx[name][0])
    if "HVAR" not in font:
        glyphs = glyph_set(source)
        return lambda name: otRound(glyphs[name].width)
    from fontTools.varLib.varStore import VarStoreInstancer

    hvar = font["HVAR"].table
    deltas = VarStoreInstancer(hvar.VarStore, font["fvar"].axes, font.normalizeLocation(where))
    mapping = hvar.AdvWidthMap.mapping if hvar.AdvWidthMap else None
    gid = font.getGlyphID

    def advance(name: str) -> int:
        index = mapping[name] if mapping else gid(name)
        delta = deltas[index] if mapping or index <= 0xFFFF else 0
        return otRound(hmtx[name][0] + delta)

    return advance


def _fingerprint(font) -> str:
    """Return a digest of the face's table directory (tags, checksums, lengths): its content."""
    tables = sorted((tag, e.checkSum, e.length) for tag, e in font.reader.tables.items())
    return hashlib.sha256(repr(tables).encode()).hexdigest()[:16]


def _name(font, name_id: int) -> str | None:
    """Return the face's name record ``name_id`` (English Windows preferred), or None."""
    return font["name"].getDebugName(name_id) if "name" in font else None


def _licence(font) -> dict[str, str]:
    """Return the copyright, trademark, licence and licence URL records a converted font keeps."""
    return {str(nid): value for nid in (0, 7, 13, 14) if (value := _name(font, nid))}


def _vertical(font) -> tuple[int, int]:
    """Return (ascent, descent), positive units, from hhea (OS/2 win metrics if larger)."""
    asc, desc = font["hhea"].ascent, -font["hhea"].descent
    if "OS/2" in font:
        os2 = font["OS/2"]
        asc, desc = max(asc, os2.usWinAscent), max(desc, os2.usWinDescent)
    return asc, desc


def _os2(font) -> dict[str, int]:
    """Return the OS/2 typo metrics and x/cap heights worth keeping in a conversion."""
    if "OS/2" not in font:
        return {}
    os2 = font["OS/2"]
    out = {k: getattr(os2, k) for k in ("sTypoAscender", "sTypoDescender", "sTypoLineGap")}
    if os2.version >= 2:
        out.update(sxHeight=os2.sxHeight, sCapHeight=os2.sCapHeight)
    return out


def _proportional(font, cmap: dict[int, str]) -> dict[int, str]:
    """Return code point -> glyph name of the ``pwid`` (proportional) forms of the curly quotes."""
    out: dict[int, str] = {}
    if "GSUB" not in font:
        return out
    table = font["GSUB"].table
    if not table.FeatureList or not table.LookupList:
        return out
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag != "pwid":
            continue
        for i in record.Feature.LookupListIndex:
            for sub in table.LookupList.Lookup[i].SubTable:
                mapping = getattr(getattr(sub, "ExtSubTable", sub), "mapping", None) or {}
                for ch in PROPORTIONAL_CHARS:
                    name = cmap.get(ord(ch))
                    if name in mapping and ord(ch) not in out:
                        out[ord(ch)] = mapping[name]
    return out


def _forget_old_fonts() -> None:
    """Remove converted fonts an earlier briefgen left loose in the cache folder."""
    for old in Path(cache.cache_dir()).glob("Briefgen*.ttf"):
        cache.discard(old)


def forget() -> None:
    """Forget the faces read in this process, so the next use reads the cache again."""
    _FACES.clear()


def close_sources() -> None:
    """Close the source fonts this process opened (the cache stays)."""
    for font in _OPEN.values():
        font.close()
    _OPEN.clear()
    _GLYPH_SETS.clear()


atexit.register(close_sources)
