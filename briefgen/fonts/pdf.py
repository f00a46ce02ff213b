"""PDF fonts: a TrueType subset of the embedded face for the characters a page uses, registered.

``pdf_font`` looks the characters up in the face's cached :class:`~briefgen.fonts.face.FaceData`
and names the subset from content alone (the source face's fingerprint, the weight, the
characters), so every install gives the same PDF bytes. A subset made before is reused: it is
a plain .ttf in ``<cache>/fonts/ttf/`` (matplotlib reads fonts by path), used only when its
SHA-256 matches the verified entry ``<cache>/fonts/subsets/<name>.sha256`` written with it.
Otherwise the subset is assembled (:mod:`briefgen.fonts.convert`, about 10 ms) from the
per-glyph cache (:mod:`briefgen.fonts.glyphs`: only glyphs no build needed before are
converted). reportlab registers the verified bytes. Each folder keeps the ``KEEP`` most
recently used subsets. A warm build opens no source font and does not import fontTools' font
reader (``fontTools.ttLib``).
"""

from __future__ import annotations

import atexit
import collections
import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable


from briefgen import cache
from briefgen.errors import FontError
from briefgen.fonts import glyphs
from briefgen.fonts.convert import assemble
from briefgen.fonts.face import FaceData, face_data, forget
from briefgen.fonts.metrics import LINE_BREAKS, FontSource, Metrics, font_source, fonttools_version
from briefgen.frozen import frozen
from briefgen.theme import Typefaces

CONVERTER_VERSION = "2"     # bump whenever the assembled bytes would change
KEEP = 32                   # subsets kept (a build of both specs in both languages makes 8)
SAFE_CHARS = frozenset(map(chr, range(0x20, 0x7F))) | frozenset(
    "，。、；：？！（）《》「」『』“”‘’…—–·％　\u00a0")

_MEMO: dict[tuple, "PdfFont"] = {}
_spare: str | None = None


@frozen
class PdfFont:
    """A TrueType subset registered with reportlab under ``name``.

    ``name`` looks like ``BriefgenSC_400_1a2b3c4d`` (weight, then 8 hex of a digest of the
    source face's content, the weight and the characters). ``path`` is the subset as a .ttf
    on disk; its family and PostScript names are ``name`` too, so matplotlib's findfont
    cannot confuse it with a system font, and an SVG that names the family maps straight to
    the reportlab font. (No '-' in it: matplotlib parses a family string given to
    FontProperties as a fontconfig pattern, where '-' starts a size.) ``metrics`` measures it
    exactly as reportlab will set it; ``source`` is the font file and face it comes from.
    """

    name: str
    path: str
    metrics: Metrics
    source: FontSource | None = None


def pdf_font(weight: int, chars: str | Iterable[str],
             theme_fonts: Typefaces | None = None, *, proportional: bool = False) -> PdfFont:
    """Return the PDF font at ``weight`` covering ``chars``, subset, cached, registered.

    ``chars`` is a string or a set of characters (or of strings, whose characters count;
    line breaks are ignored); printable ASCII and common Chinese punctuation are always
    added. Characters the source font lacks are left out: check text with
    ``require_glyphs(text, font, where)``.
    ``proportional`` (for English text) maps the curly quotes “ ” ‘ ’ to the face's
    proportional forms (OpenType ``pwid``) instead of the full-width ones Chinese uses.
    Registering is idempotent: the same font comes back under the same name.
    """
    source = font_source(weight, theme_fonts)
    wanted = "".join(sorted(frozenset(ch for item in chars for ch in item)
                            .difference(LINE_BREAKS) | SAFE_CHARS))
    key = (source, proportional, wanted)
    font = _MEMO.get(key)
    if font is not None and not os.path.exists(font.path):
        font = None         # pruned by a later font of this long-running process: make it again
    if font is not None:
        _IN_USE.append(font.path)
    else:
        face = face_data(source)
        cmap, advances = _mapping(face, wanted, proportional)
        ident = (CONVERTER_VERSION, fonttools_version(), glyphs.FORMAT, glyphs.MAX_ERR,
                 face.fingerprint, weight, proportional, wanted)
        digest = hashlib.sha256(repr(ident).encode("utf-8", "surrogatepass")).hexdigest()
        name = f"{_prefix(source)}_{weight}{'p' if proportional else ''}_{digest[:8]}"
        path, data = _cached(name)
        if data is None:
            data = assemble(face, cmap, advances, glyphs.outlines(source, face, set(advances)),
                            name, weight)
            path = _write(name, data)
        upem = face.upem
        ems = {chr(cp): advances[gid] / upem for cp, gid in cmap.items()}
        metrics = Metrics(name, ems.get, face.ascent / upem, face.descent / upem,
                          advances[0] / upem)
        font = _MEMO[key] = PdfFont(name, path, metrics, source)
        _register(font, data)
    return font


def _mapping(face: FaceData, chars: str, proportional: bool) -> tuple[dict[int, int], dict[int, int]]:
    """Return (code point -> glyph id, glyph id -> advance) of the ``chars`` the face has."""
    cmap, advances = {}, {0: face.notdef_advance}
    for ch in chars:
        cp = ord(ch)
        found = face.alternates.get(cp) if proportional else None
        found = found or face.lookup(cp)
        if found:
            cmap[cp] = found[0]
            advances[found[0]] = found[1]
    return cmap, advances


def _prefix(source: FontSource) -> str:
    """Return the name prefix: BriefgenSC for the packaged face, else from the file name."""
    if source.packaged:
        return "BriefgenSC"
    stem = "".join(c for c in os.path.basename(source.path).split(".")[0] if c.isalnum())
    return "Briefgen" + stem[:20]


# The subsets this process handed out last: matplotlib reads a chart's font by path while the
# page is drawn, so the newest few are never pruned from under it (a build uses up to four).
_IN_USE: "collections.deque[str]" = collections.deque(maxlen=8)


def _cached(name: str) -> tuple[str, bytes | None]:
    """Return (path, bytes) of the subset ``name`` made before, or ("", None) when it is not
    there or does not match its verified digest."""
    plain = cache.entry("fonts", "ttf", f"{name}.ttf")
    digest = cache.entry("fonts", "subsets", f"{name}.sha256")
    expected = cache.load(digest)
    if expected is None:
        return "", None
    try:
        data = plain.read_bytes()
    except OSError:
        return "", None
    if hashlib.sha256(data).digest() != expected:
        return "", None
    cache.touch(plain)
    cache.touch(digest)
    _IN_USE.append(str(plain))
    return str(plain), data


def _write(name: str, data: bytes) -> str:
    """Return the path of a new plain .ttf holding ``data``, recorded with its digest."""
    folder = cache.entry("fonts", "ttf")
    for place in (folder, None):
        target = (place or _spare_dir()) / f"{name}.ttf"
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".ttf")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as e:
            error = e
            continue
        if place is not None:
            digest = cache.entry("fonts", "subsets", f"{name}.sha256")
            cache.store(digest, hashlib.sha256(data).digest())
            _IN_USE.append(str(target))
            cache.prune(folder, KEEP, protect=set(_IN_USE))
            cache.prune(digest.parent, KEEP, protect={str(digest.parent / (Path(p).stem + ".sha256")) for p in _IN_USE})
        return str(target)
    raise FontError(f"cannot write the PDF font {name}.ttf to {folder} or a temporary "
                    f"folder: {error.strerror or error}")


def _spare_dir() -> Path:
    """Return a private folder of this process for fonts when the cache cannot be written."""
    global _spare
    if _spare is None or not os.path.isdir(_spare):
        _spare = tempfile.mkdtemp(prefix="briefgen-fonts-")     # 0700, unique
        atexit.register(shutil.rmtree, _spare, True)
    return Path(_spare)


def _register(font: PdfFont, data: bytes) -> None:
    """Register ``font`` (from its verified bytes, not the file) with reportlab unless it is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if font.name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font.name, io.BytesIO(data)))


def clear_memo() -> None:
    """Forget the fonts, faces and glyphs this process made or read (the disk cache stays)."""
    _MEMO.clear()
    glyphs.forget()
    forget()
