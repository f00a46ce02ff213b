"""Glyph outlines converted to TrueType with fontTools, cached per face and weight, glyph by glyph.

A glyph is drawn from the source at the weight (``getGlyphSet(location=…)``, components
decomposed) through ``Cu2QuPen`` into ``TTGlyphPen`` and kept as its compiled ``glyf`` record
with the counts and bounds a font's header tables need. All the glyphs converted for one face
and weight live in one verified cache entry, so a build converts only the glyphs no earlier
build needed (about 0.6 ms each), and a subset for any text is assembled from the entry
without opening the source. The entry stops growing at ``MAX_GLYPHS``: past that it starts
again from the glyphs the current build needs.
"""

from __future__ import annotations

import hashlib
import struct

from briefgen import cache
from briefgen.errors import FontError
from briefgen.fonts.face import FaceData
from briefgen.fonts.metrics import FontSource, fonttools_version, stamp
from briefgen.fonts.source import glyph_set, location, open_source
from briefgen.frozen import frozen

FORMAT = "glyphs 1"          # bump whenever a converted record would change
MAX_ERR = 1.0                # cubic-to-quadratic tolerance, in font units (0.1% of an em)
MAX_GLYPHS = 8000            # records kept per face and weight (about 1 MB of CJK)
KEEP = 8                     # glyph entries kept (one per face and weight)
_RECORD = struct.Struct("<IhIhhhhI")  # gid, contours, points, xMin, yMin, xMax, yMax, length

_PACKS: dict[str, dict[int, "Outline"]] = {}


@frozen
class Outline:
    """One converted glyph: its compiled glyf record, contour and point counts, and bounds."""

    data: bytes
    contours: int
    points: int
    box: tuple[int, int, int, int] | None     # None for an empty glyph (a space)


def outlines(source: FontSource, face: FaceData, gids: set[int]) -> dict[int, Outline]:
    """Return glyph id -> Outline for ``gids`` of ``source``, converting only those not cached."""
    key = _key(source, face)
    path = cache.entry("fonts", "glyphs", f"{key}.bin")
    pack = _PACKS.get(key)
    if pack is None:
        pack = _decode(cache.load(path), path)
        cache.touch(path)
    missing = sorted(gids.difference(pack))
    if missing:
        if len(pack) + len(missing) > MAX_GLYPHS:
            pack = {gid: pack[gid] for gid in gids if gid in pack}
        else:
            pack = dict(pack)
        pack.update(_convert(source, face, missing))
        cache.store(path, _encode(pack))
        cache.prune(path.parent, KEEP)
    _PACKS[key] = pack
    return {gid: pack[gid] for gid in gids}


def _key(source: FontSource, face: FaceData) -> str:
    """Return the cache key of the glyphs of ``source`` (its file, face and weight)."""
    version = fonttools_version()            # what read or converted the face counts
    size, mtime = stamp(source.path)
    ident = repr((FORMAT, version, MAX_ERR, source.path, size, mtime, source.face_name,
                  source.weight, face.fingerprint))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _convert(source: FontSource, face: FaceData, gids: list[int]) -> dict[int, Outline]:
    """Return the Outlines of ``gids``, drawn from the source with fontTools."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    try:
        font = open_source(source)
        draw = _cff_drawer(source, font) if face.cubic else _glyf_drawer(source, font)
        out = {}
        for gid in gids:
            pen = TTGlyphPen(None)
            draw(gid, Cu2QuPen(pen, MAX_ERR, reverse_direction=face.cubic))
            glyph = pen.glyph()
            data = glyph.compile(None)
            box = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax) if data else None
            out[gid] = Outline(data, glyph.numberOfContours if data else 0,
                               len(glyph.coordinates) if data else 0, box)
        return out
    except FontError:
        raise
    except Exception as e:                  # fontTools raises many kinds on a broken font
        raise FontError(f"{source.path}: cannot convert the font to TrueType outlines: "
                        f"{type(e).__name__}: {e}") from e


def _cff_drawer(source: FontSource, font):
    """Return draw(gid, pen) for a CFF or CFF2 face at the source's weight.

    This is what fontTools' glyph set does to draw a CFF glyph at a location (the charstring
    drawn with the VarStoreInstancer's blend), without the glyph set's per-glyph advances,
    which read the hmtx, vmtx, HVAR and VVAR tables (0.6 s) that converting does not need.
    """
    from fontTools.varLib.varStore import VarStoreInstancer

    table = font["CFF2"] if "CFF2" in font else font["CFF "]
    charstrings = table.cff[table.cff.fontNames[0]].CharStrings
    by_gid = charstrings.charStringsIndex          # CFF names its glyphs itself: go by id
    where = location(font, source.weight)
    store = getattr(charstrings, "varStore", None)
    blend = None
    if where and store is not None:
        blend = VarStoreInstancer(store.otVarStore, font["fvar"].axes,
                                  font.normalizeLocation(where)).interpolateFromDeltas
    return lambda gid, pen: by_gid[gid].draw(pen, blend)


def _glyf_drawer(source: FontSource, font):
    """Return draw(gid, pen) for a TrueType face at the source's weight, components decomposed."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    glyphs = glyph_set(source)
    order = font.getGlyphOrder()

    def draw(gid: int, pen) -> None:
        recording = DecomposingRecordingPen(glyphs)
        glyphs[order[gid]].draw(recording)
        recording.replay(pen)

    return draw


def _encode(pack: dict[int, Outline]) -> bytes:
    """Return the bytes of a glyph entry."""
    parts = [struct.pack("<I", len(pack))]
    for gid in sorted(pack):
        o = pack[gid]
        parts.append(_RECORD.pack(gid, o.contours, o.points, *(o.box or (0, 0, 0, 0)), len(o.data)))
        parts.append(o.data)
    return b"".join(parts)


def _decode(data: bytes | None, path) -> dict[int, Outline]:
    """Return the Outlines of a glyph entry's bytes ({} for none, or for a malformed entry)."""
    if not data:
        return {}
    try:
        (n,) = struct.unpack_from("<I", data)
        at, out = 4, {}
        for _ in range(n):
            gid, contours, points, x0, y0, x1, y1, size = _RECORD.unpack_from(data, at)
            at += _RECORD.size
            record = data[at:at + size]
            if len(record) != size:
                raise ValueError("short glyph entry")
            at += size
            out[gid] = Outline(record, contours, points, (x0, y0, x1, y1) if record else None)
        if at != len(data):
            raise ValueError("glyph entry has trailing bytes")
        return out
    except (struct.error, ValueError):
        cache.discard(path)
        return {}


def forget() -> None:
    """Forget the glyphs read in this process, so the next use reads the cache again."""
    _PACKS.clear()
