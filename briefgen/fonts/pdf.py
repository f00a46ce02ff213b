"""PDF fonts: the embedded font converted to TrueType outlines, cached on disk, registered.

A converted font is cached under ``$BRIEFGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefgen``,
else ``~/.cache/briefgen``, keyed by the source file's identity (path, size, mtime), the
face, the weight and the sorted character set. A warm hit costs a ``stat`` of the source
and a read of the small TTF: the 32 MB collection is not opened. A miss converts (see
:mod:`briefgen.fonts.convert`) and writes atomically (temporary file, then ``os.replace``),
so concurrent builds never see half a font; it also deletes converted fonts unused for 30
days, since every new character set adds a file (about 170 KB for 550 characters).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from typing import Iterable

from briefgen.cache import cache_dir
from briefgen.errors import FontError
from briefgen.fonts.metrics import (LINE_BREAKS, FontSource, Metrics, _face, _stamp,
                                   face_metrics, font_source)
from briefgen.theme import Typefaces

CONVERTER_VERSION = "1"     # bump whenever the converted bytes would change
SAFE_CHARS = frozenset(map(chr, range(0x20, 0x7F))) | frozenset(
    "，。、；：？！（）《》「」『』“”‘’…—–·％　\u00a0")

_MEMO: dict[str, "PdfFont"] = {}


@dataclass(frozen=True)
class PdfFont:
    """A converted TrueType font registered with reportlab under ``name``.

    ``name`` looks like ``BriefgenSC_400_1a2b3c4d`` (weight, then 8 hex of the cache key).
    ``path`` is the TTF on disk; its family and PostScript names are ``name`` too, so
    matplotlib's findfont cannot confuse it with a system font, and an SVG that names the
    family maps straight to the reportlab font. (No '-' in it: matplotlib parses a family
    string given to FontProperties as a fontconfig pattern, where '-' starts a size.)
    ``metrics`` measures it exactly as reportlab will set it; ``source`` is the font file
    and face it was converted from.
    """

    name: str
    path: str
    metrics: Metrics
    source: FontSource | None = None


def _prefix(source: FontSource) -> str:
    """Return the name prefix: BriefgenSC for the packaged face, else from the file name."""
    if source.packaged:
        return "BriefgenSC"
    stem = "".join(c for c in os.path.basename(source.path).split(".")[0] if c.isalnum())
    return "Briefgen" + stem[:20]


def _digest(source: FontSource, chars: frozenset[str], proportional: bool = False) -> str:
    """Return the hex SHA-256 of everything the converted bytes depend on."""
    size, mtime = _stamp(source.path)
    text = "".join(sorted(chars))
    ident = repr((CONVERTER_VERSION, source.path, size, mtime, source.face_name,
                  source.weight, text) + (("proportional",) if proportional else ()))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


def pdf_font(weight: int, chars: str | Iterable[str],
             theme_fonts: Typefaces | None = None, *, proportional: bool = False) -> PdfFont:
    """Return the PDF font at ``weight`` covering ``chars``, converted, cached, registered.

    ``chars`` is a string or a set of characters (or of strings, whose characters count;
    line breaks are ignored); printable ASCII and common Chinese punctuation are always
    added. Characters the source font lacks are left out: check text with
    ``require_glyphs(text, font, where)``.
    ``proportional`` (for English text) maps the curly quotes “ ” ‘ ’ to the face's
    proportional forms (OpenType ``pwid``) instead of the full-width ones Chinese uses.
    Registering is idempotent: the same font comes back under the same name.
    """
    source = font_source(weight, theme_fonts)
    wanted = frozenset(ch for item in chars for ch in item).difference(LINE_BREAKS) | SAFE_CHARS
    digest = _digest(source, wanted, proportional)
    font = _MEMO.get(digest)
    if font is None:
        name = f"{_prefix(source)}_{weight}{'p' if proportional else ''}_{digest[:8]}"
        filename = f"{name}_{digest[8:24]}.ttf"
        path = os.path.join(cache_dir(), filename)
        spare = os.path.join(_spare_dir(), filename)
        if os.path.isfile(path) or os.path.isfile(spare):
            path = path if os.path.isfile(path) else spare
            _touch(path)
        else:
            path = _write(path, _convert(source, wanted, name, proportional))
            _prune(os.path.dirname(path))
        font = PdfFont(name, path, face_metrics(path, 0, {}, name), source)
        _MEMO[digest] = font
    _register(font)
    return font


PROPORTIONAL_CHARS = "“”‘’"


def proportional_forms(path: str, index: int) -> dict[int, int]:
    """Return code point -> glyph id of the ``pwid`` (proportional) forms of the curly quotes."""
    from fontTools.ttLib import TTFont

    out: dict[int, int] = {}
    with TTFont(path, fontNumber=index, lazy=True) as font:
        cmap = font.getBestCmap()
        if "GSUB" not in font:
            return out
        table = font["GSUB"].table
        for record in table.FeatureList.FeatureRecord:
            if record.FeatureTag != "pwid":
                continue
            for i in record.Feature.LookupListIndex:
                for sub in table.LookupList.Lookup[i].SubTable:
                    mapping = getattr(getattr(sub, "ExtSubTable", sub), "mapping", None) or {}
                    for ch in PROPORTIONAL_CHARS:
                        name = cmap.get(ord(ch))
                        if name in mapping and ord(ch) not in out:
                            out[ord(ch)] = font.getGlyphID(mapping[name])
    return out


def _convert(source: FontSource, chars: frozenset[str], name: str, proportional: bool = False) -> bytes:
    """Return the converted TrueType bytes of ``source`` for ``chars``."""
    from briefgen.fonts.convert import convert
    from briefgen.fonts.metrics import _fonttools_advance

    index, _, location = source.resolve()
    face = _face(source.path, index)
    advance = face.advance_fn(location) or _fonttools_advance(source.path, index, location)
    alternates = proportional_forms(source.path, index) if proportional else {}
    try:
        return convert(face, index, location, chars, advance, name, source.weight,
                       _stamp(source.path), alternates)
    except FontError:
        raise
    except Exception as e:       # fontTools raises many kinds on a broken font
        raise FontError(f"{source.path}: cannot convert the font to TrueType outlines: "
                        f"{type(e).__name__}: {e}") from e


def _spare_dir() -> str:
    """Return the per-user folder used when the cache folder cannot be written."""
    user = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(tempfile.gettempdir(), f"briefgen-cache-{user}")


def _write(path: str, data: bytes) -> str:
    """Return the path ``data`` was written to: ``path``, atomically.

    Falls back to a per-user folder under the system temporary directory when the cache
    folder cannot be written (a read-only home, say).
    """
    for folder in (os.path.dirname(path), _spare_dir()):
        target = os.path.join(folder, os.path.basename(path))
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".ttf")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
            return target
        except OSError as e:
            error = e
    raise FontError(f"cannot write the converted font to {path}: {error}")


KEEP_DAYS = 30      # converted fonts unused this long are deleted when another is written


def _touch(path: str) -> None:
    """Mark a cached font used (at most once a day, so a warm hit stays one stat)."""
    try:
        if os.stat(path).st_mtime < time.time() - 86400:
            os.utime(path)
    except OSError:
        pass


def _prune(folder: str) -> None:
    """Delete converted fonts in ``folder`` unused for ``KEEP_DAYS`` days."""
    limit = time.time() - KEEP_DAYS * 86400
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("Briefgen") and entry.name.endswith(".ttf"):
            try:
                if entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass


def _register(font: PdfFont) -> None:
    """Register ``font`` with reportlab's pdfmetrics unless it already is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if font.name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font.name, font.path))


def clear_memo() -> None:
    """Forget the fonts converted in this process (the disk cache stays)."""
    _MEMO.clear()
