"""Assemble a small static TrueType font from converted glyphs with fontTools' FontBuilder.

reportlab embeds only TrueType outlines, and Noto Sans CJK is CFF2. The glyphs a text needs
come converted from :mod:`briefgen.fonts.glyphs`; ``FontBuilder`` writes glyf/loca/maxp, hmtx
(the advances at the weight, rounded), cmap, OS/2, hhea, ``post`` format 2 and a name table
that carries the source's copyright and licence under a new family name. No GSUB, GPOS, CFF
or variation table is copied. Every value written comes from the source face and the
arguments (the head dates are the source's), so the same input gives the same bytes in any
folder, for any user, on any machine.
"""

from __future__ import annotations

import io

from briefgen.fonts.face import FaceData
from briefgen.fonts.glyphs import Outline


def glyph_name(cp: int) -> str:
    """Return the AGL-style name of a glyph for code point ``cp``."""
    return f"uni{cp:04X}" if cp <= 0xFFFF else f"u{cp:05X}"


def assemble(face: FaceData, cmap: dict[int, int], advances: dict[int, int],
             outlines: dict[int, Outline], family: str, weight: int) -> bytes:
    """Return the bytes of a TrueType font mapping ``cmap`` (code point -> source glyph id).

    ``advances`` and ``outlines`` give each source glyph id's advance (units) and converted
    outline, glyph 0 (.notdef) included; ``family`` is the new family and PostScript name.
    """
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    names: dict[int, str] = {0: ".notdef"}
    for cp in sorted(cmap):
        names.setdefault(cmap[cp], glyph_name(cp))
    order = sorted(names)
    glyphs, metrics, boxes = {}, {}, []
    for gid in order:
        outline = outlines[gid]
        glyphs[names[gid]] = Glyph(outline.data)
        metrics[names[gid]] = (advances[gid], outline.box[0] if outline.box else 0)
        if outline.box:
            boxes.append((advances[gid], outline.box))
    if not boxes:
        boxes.append((0, (0, 0, 0, 0)))

    fb = FontBuilder(face.upem, isTTF=True)
    fb.font.recalcBBoxes = False             # every bound is set here, from the glyph data
    bold = weight >= 600
    fb.updateHead(created=face.info["created"], modified=face.info["modified"],
                  macStyle=1 if bold else 0,
                  xMin=min(b[0] for _, b in boxes), yMin=min(b[1] for _, b in boxes),
                  xMax=max(b[2] for _, b in boxes), yMax=max(b[3] for _, b in boxes))
    fb.setupGlyphOrder([names[g] for g in order])
    fb.setupCharacterMap({cp: names[gid] for cp, gid in cmap.items()})
    glyf = fb.font["glyf"] = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = fb.font.getGlyphOrder(), glyphs
    fb.font["loca"] = newTable("loca")
    maxp = fb.font["maxp"]
    maxp.numGlyphs = len(order)
    maxp.maxContours = max(outlines[g].contours for g in order)
    maxp.maxPoints = max(outlines[g].points for g in order)
    fb.setupHorizontalMetrics(metrics)
    fb.setupHorizontalHeader(
        ascent=face.ascent, descent=-face.descent,
        advanceWidthMax=max(a for a, _ in metrics.values()),
        minLeftSideBearing=min(b[0] for _, b in boxes),
        minRightSideBearing=min(a - b[2] for a, b in boxes),
        xMaxExtent=max(b[2] for _, b in boxes))
    fb.setupNameTable(_names(face, family, weight))
    mapped = sorted(cmap) or [0]
    fb.setupOS2(version=4, usWeightClass=weight, fsType=0, usWinAscent=face.ascent,
                usWinDescent=face.descent, fsSelection=0x20 if bold else 0x40,
                achVendID="BRFG", usFirstCharIndex=min(mapped[0], 0xFFFF),
                usLastCharIndex=min(mapped[-1], 0xFFFF), **face.info["os2"])
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def _names(face: FaceData, family: str, weight: int) -> dict[int, str]:
    """Return the name records: the new family, plus the source's copyright and licence."""
    style = "Bold" if weight >= 600 else "Regular"
    records = {1: family, 2: style, 3: f"{family};{face.family};{weight}",
               4: f"{family} {style}", 5: "Version 1.000", 6: family,
               10: f"{face.family} at weight {weight}, converted to TrueType outlines "
                   f"and subset by briefgen"}
    records.update({int(nid): value for nid, value in face.info["names"].items()})
    return records
