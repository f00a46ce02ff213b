"""Convert one face of a CFF, CFF2 or TrueType font to a small static TrueType subset.

reportlab embeds only TrueType outlines, and Noto Sans CJK is CFF2. Rather than run the
fontTools subsetter over the whole 32 MB collection (0.6 s for 900 characters, most of it
in GSUB/GPOS that reportlab ignores), this builds the subset from scratch: the glyph ids
of the wanted characters come from :mod:`briefgen.fonts.sfnt`; only those charstrings are
read (:mod:`briefgen.fonts.cff2`) and decoded, once for all weights (:mod:`briefgen.fonts.t2`),
evaluated at the weight, turned quadratic with cu2qu and encoded as glyf records
(:mod:`briefgen.fonts.glyf`; the same result as ``Cu2QuPen`` into ``TTGlyphPen``). CFF and
TrueType sources, and any charstring the decoder declines, are drawn by fontTools instead.
``FontBuilder`` then writes glyf/loca/maxp, hmtx (advances with HVAR deltas, as
:func:`briefgen.fonts.metrics.face_metrics` measures), cmap, OS/2, hhea, ``post`` format 2
and a name table carrying the source's copyright and licence under a new family name. No
GSUB, GPOS, CFF or variation table is copied.

Every value written is derived from the source and the arguments (the head dates are the
source's), so the same input always gives the same bytes.
"""

from __future__ import annotations

import io
import operator
import struct
from functools import lru_cache
from math import floor
from typing import Callable, Iterable

from briefgen.fonts.glyf import QuadPen, encode
from briefgen.fonts.cff2 import CFF2
from briefgen.fonts.sfnt import Face, face_offsets
from briefgen.fonts.var import region_scalar
from briefgen.fonts.t2 import Unsupported, contours, decode

MAX_ERR = 1.0           # cubic-to-quadratic tolerance, in font units (0.1% of an em)


def glyph_name(cp: int) -> str:
    """Return the AGL-style name of a glyph for code point ``cp``."""
    return f"uni{cp:04X}" if cp <= 0xFFFF else f"u{cp:05X}"


def _blend_at(regions: list, region_indexes: list[list[int]], face: Face,
              location: dict[str, float]):
    """Return (blend function, scalar of region 0) at ``location`` for a CFF2 store given
    as its regions and each ItemVariationData's region indexes.

    The blend function takes (vsindex, deltas) and returns the delta; both are
    (None, 0.0) without regions or a location.
    """
    if not regions or not location:
        return None, 0.0
    coords = face.normalize(location)
    scalars = [region_scalar(coords, region) for region in regions]
    per_data = [[scalars[r] for r in indexes] for indexes in region_indexes]
    mul = operator.mul
    return lambda vsindex, deltas: sum(map(mul, deltas, per_data[vsindex])), scalars[0]


_DECODED: dict[tuple, dict[int, list | None]] = {}


@lru_cache(maxsize=1)
def _cff2(path: str, index: int, stamp: tuple[int, int]) -> CFF2:
    """Return the lazy CFF2 reader of face ``index`` of ``path``, once per process."""
    face = Face(path, face_offsets(path)[index])
    return CFF2(path, *face.table_range(b"CFF2"))


@lru_cache(maxsize=1)
def _charstrings(path: str, index: int, stamp: tuple[int, int], outlines: str, glyphs: int):
    """Return the CFF/CFF2 table's CharStrings, loaded once per process and kept in memory.

    The table is read whole (30 MB for Noto CJK) and the file closed; charstrings are
    decoded lazily, and a charstring decoded for one weight is reused for the next.
    """
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        if outlines == "CFF2":          # name glyphs cheaply: the real names cost 0.2 s
            font.setGlyphOrder([".notdef"] + [f"g{i}" for i in range(1, glyphs)])
        return font[outlines.ljust(4)].cff.topDictIndex[0].CharStrings


def _draw_all(face: Face, index: int, location: dict[str, float], gids: list[int],
              stamp: tuple[int, int]) -> list[list]:
    """Return the quadratic contours of each glyph id at ``location``."""
    reverse = face.outlines != "glyf"
    out = []
    if face.outlines == "CFF2":
        cff2 = _cff2(face.path, index, stamp)
        indexes = cff2.region_indexes()
        regions = cff2.regions()
        blend, scalar = _blend_at(regions, indexes, face, location)
        # one decoding serves every weight when blends have a single region (Noto CJK)
        single = len(regions) <= 1
        key = (face.path, index, stamp)
        if key not in _DECODED:
            _DECODED.clear()
            _DECODED[key] = {}
        decoded = _DECODED[key]
        for gid in gids:
            if single and gid not in decoded:
                code, subrs, vsindex = cff2.glyph(gid)
                try:
                    decoded[gid] = decode(code, cff2.gsubrs, subrs, vsindex,
                                          lambda i: len(indexes[i]))
                except Unsupported:
                    decoded[gid] = None
            segments = decoded.get(gid)
            if segments is not None:
                out.append(contours(segments, scalar, MAX_ERR, reverse))
                continue
            charstring = _charstrings(face.path, index, stamp, face.outlines,
                                      face.num_glyphs).charStringsIndex[gid]
            pen = QuadPen(MAX_ERR, reverse)
            charstring.draw(pen, blend) if blend else charstring.draw(pen)
            out.append(pen.contours)
        return out
    if face.outlines == "CFF":
        table = _charstrings(face.path, index, stamp, face.outlines, face.num_glyphs)
        for gid in gids:
            pen = QuadPen(MAX_ERR, reverse)
            table.charStringsIndex[gid].draw(pen)
            out.append(pen.contours)
        return out
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=index, lazy=True) as font:
        glyphs = font.getGlyphSet(location=location or None)
        order = font.getGlyphOrder()
        for gid in gids:
            rec = DecomposingRecordingPen(glyphs)
            glyphs[order[gid]].draw(rec)
            pen = QuadPen(MAX_ERR, reverse)
            rec.replay(pen)
            out.append(pen.contours)
    return out


def convert(face: Face, index: int, location: dict[str, float], chars: Iterable[str],
            advance: Callable[[int], float], family: str, weight: int,
            stamp: tuple[int, int] = (0, 0), alternates: dict[int, int] | None = None) -> bytes:
    """Return the bytes of a static TrueType font with the glyphs of ``chars``.

    ``face`` is face ``index`` of its file, ``location`` the variation location ({} for a
    static font), ``advance`` gid -> advance in units at that location, ``family`` the new
    family (and PostScript) name, ``stamp`` the file's (size, mtime) for the in-process
    cache of charstrings. Characters the face lacks are left out. ``alternates`` maps code
    points to other glyphs of the face (e.g. proportional quotes).
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    cmap: dict[int, str] = {}
    names: dict[int, str] = {0: ".notdef"}
    for cp in sorted({ord(c) for c in chars}):
        gid = (alternates or {}).get(cp) or face.glyph_id(cp)
        if gid:
            cmap[cp] = names.setdefault(gid, glyph_name(cp))
    order = sorted(names)
    glyphs, metrics, boxes, records = {}, {}, [], []
    for gid, outline in zip(order, _draw_all(face, index, location, order, stamp)):
        data, box = encode(outline)
        glyphs[names[gid]] = Glyph(data)
        records.append(data)
        adv = floor(advance(gid) + 0.5)
        metrics[names[gid]] = (adv, box[0] if box else 0)
        if box:
            boxes.append((adv, box))

    upem = face.units_per_em
    fb = FontBuilder(upem, isTTF=True)
    fb.font.recalcBBoxes = False             # every bound is set here, from the glyph data
    created, modified = struct.unpack_from(">qq", face.table(b"head"), 20)
    fb.updateHead(created=created, modified=modified, macStyle=1 if weight >= 600 else 0,
                  xMin=min(b[0] for _, b in boxes), yMin=min(b[1] for _, b in boxes),
                  xMax=max(b[2] for _, b in boxes), yMax=max(b[3] for _, b in boxes))
    fb.setupGlyphOrder([names[g] for g in order])
    fb.setupCharacterMap(cmap)
    glyf = fb.font["glyf"] = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = fb.font.getGlyphOrder(), glyphs
    fb.font["loca"] = newTable("loca")
    maxp = fb.font["maxp"]
    maxp.numGlyphs = len(order)
    maxp.maxContours = max(struct.unpack_from(">h", d)[0] for d in records if d)
    maxp.maxPoints = max(_num_points(d) for d in records)
    fb.setupHorizontalMetrics(metrics)
    ascent, descent = face.vertical()
    asc, desc = round(ascent * upem), round(descent * upem)
    fb.setupHorizontalHeader(
        ascent=asc, descent=-desc, advanceWidthMax=max(a for a, _ in metrics.values()),
        minLeftSideBearing=min(b[0] for _, b in boxes),
        minRightSideBearing=min(a - b[2] for a, b in boxes),
        xMaxExtent=max(b[2] for _, b in boxes))
    fb.setupNameTable(_names(face, family, weight))
    fb.setupOS2(version=4, usWeightClass=weight, fsType=0, usWinAscent=asc,
                usWinDescent=desc, fsSelection=0x20 if weight >= 600 else 0x40,
                achVendID="BRFG", usFirstCharIndex=min(min(cmap), 0xFFFF),
                usLastCharIndex=min(max(cmap), 0xFFFF), **face.os2_extras())
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def _num_points(data: bytes) -> int:
    """Return the number of points of a compiled simple glyph."""
    if not data:
        return 0
    (n,) = struct.unpack_from(">h", data)
    return struct.unpack_from(">H", data, 10 + 2 * (n - 1))[0] + 1


def _names(face: Face, family: str, weight: int) -> dict[int, str]:
    """Return the name records: the new family, plus the source's copyright and licence."""
    style = "Bold" if weight >= 600 else "Regular"
    records = {1: family, 2: style, 3: f"{family};{face.family};{weight}",
               4: f"{family} {style}", 5: "Version 1.000", 6: family,
               10: f"{face.family} at weight {weight}, converted to TrueType outlines "
                   f"and subset by briefgen"}
    for nid in (0, 7, 13, 14):
        values = face.names(nid)
        if values:
            records[nid] = values[0]
    return records
