"""Source fonts read with fontTools: opened once per process, and the facts a face entry keeps.

Opening is lazy (tables are read when first used) and glyphs are named by id before any
table is read, since briefgen works in glyph ids. ``read_face`` reads what
:class:`briefgen.fonts.face.FaceData` keeps: the cmap, every mapped glyph's advance at the
weight, vertical metrics, name records, the proportional quote forms and a fingerprint of
the face's content (its table directory), from which converted fonts are named.
"""

from __future__ import annotations

import atexit
import hashlib
from array import array
from dataclasses import replace
from typing import Callable, Iterable

from briefgen.errors import FontError
from briefgen.fonts.metrics import FontSource, find_face, stamp

PROPORTIONAL_CHARS = "“”‘’"

_OPEN: dict[tuple, object] = {}
_GLYPH_SETS: dict[tuple, object] = {}


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


def read_faces(source: FontSource, weights: Iterable[int]) -> dict[int, tuple]:
    """Return weight -> (facts, code points, glyph ids, advances) of ``source``'s face.

    Read with fontTools, the cmap and metrics tables once for all ``weights``; the three
    arrays run in code point order over every character the face maps. The source is closed
    afterwards, so its 65,000-glyph tables do not stay in memory while outlines are converted.
    """
    try:
        font = open_source(source)
        cmap = font.getBestCmap() or {}
        notdef = font.getGlyphOrder()[0]
        cps = sorted(cp for cp, name in cmap.items() if name != notdef)
        gid = font.getGlyphID
        gids = array("I", [gid(cmap[cp]) for cp in cps])
        alternates = _proportional(font, cmap)
        common = {
            "fingerprint": _fingerprint(font), "upem": font["head"].unitsPerEm,
            "family": _name(font, 16) or _name(font, 1) or "", "cubic": "glyf" not in font,
            "created": font["head"].created, "modified": font["head"].modified,
            "names": _licence(font), "os2": _os2(font),
        }
        common["ascent"], common["descent"] = _vertical(font)
        out = {}
        for weight in weights:
            advance = _advances(replace(source, weight=weight), font)
            info = dict(common, notdef_advance=advance(notdef), alternates={
                str(cp): [gid(name), advance(name)] for cp, name in alternates.items()})
            out[weight] = (info, array("I", cps), gids, array("i", [advance(cmap[cp]) for cp in cps]))
        return out
    except FontError:
        raise
    except Exception as e:                  # fontTools raises many kinds on a broken font
        raise FontError(f"{source.path}: cannot read the font: {type(e).__name__}: {e}") from e
    finally:
        close_source(source)


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


def close_source(source: FontSource) -> None:
    """Close ``source``'s font if this process has it open."""
    font = _OPEN.pop((source.path, stamp(source.path), source.face_name), None)
    if font is not None:
        for key in [k for k in _GLYPH_SETS if k[0] == id(font)]:
            del _GLYPH_SETS[key]
        font.close()


def close_sources() -> None:
    """Close the source fonts this process opened (the cache stays)."""
    for font in _OPEN.values():
        font.close()
    _OPEN.clear()
    _GLYPH_SETS.clear()


atexit.register(close_sources)
