"""Metrics of a font at a weight, and where the fonts briefgen embeds are found."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Callable, Optional

from briefgen.errors import FontError
from briefgen.frozen import frozen
from briefgen.theme import Typefaces

PACKAGED_FILE = "NotoSansCJK-VF.otf.ttc"
PACKAGED_FACE = "Noto Sans CJK SC"
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


class Metrics:
    """Advance widths and vertical extent of one font at one weight.

    ``advance`` maps a character to its advance in em, or None when the font has no
    glyph for it; answers are memoized. A character without a glyph measures as
    ``notdef_em`` (the box a viewer would draw); a line break measures 0 and is never
    reported missing.

    ``gap_em`` (0 for a real font) adds that much wherever an East Asian character meets
    a Latin letter, digit or ASCII symbol, directly or across spaces: the automatic
    spacing LibreOffice puts between Asian and Western text (see ``fonts``).
    """

    def __init__(self, name: str, advance: Callable[[str], Optional[float]],
                 ascent_em: float, descent_em: float, notdef_em: float = 1.0,
                 gap_em: float = 0.0):
        self.name = name
        self.ascent_em = ascent_em
        self.descent_em = descent_em
        self.gap_em = gap_em
        self._advance = advance
        self._notdef = notdef_em
        self._em: dict[str, float] = dict.fromkeys(LINE_BREAKS, 0.0)
        self._missing: set[str] = set()
        self._kinds: dict[str, str] = {}

    @property
    def line_height_em(self) -> float:
        """Ascent plus descent, in em (the font's natural single line)."""
        return self.ascent_em + self.descent_em

    def _learn(self, text: str) -> None:
        """Look up and remember the advance of every character of ``text`` not yet seen."""
        for ch in set(text).difference(self._em):
            em = self._advance(ch)
            if em is None:
                self._missing.add(ch)
                em = self._notdef
            self._em[ch] = em

    def em(self, text: str) -> float:
        """Return the advance of ``text`` in em (no kerning, as PDF and PowerPoint set it)."""
        get = self._em.__getitem__
        try:
            total = sum(map(get, text))
        except KeyError:
            self._learn(text)
            total = sum(map(get, text))
        if self.gap_em and len(text) > 1:
            total += self.gap_em * self._transitions(text)
        return total

    def _transitions(self, text: str) -> int:
        """Return how many times ``text`` switches between East Asian and Western."""
        kinds, n, prev = self._kinds, 0, ""
        for ch in text:
            k = kinds.get(ch)
            if k is None:
                k = kinds[ch] = _script_kind(ch)
            if k == " ":
                continue
            if prev and k != prev and k != "n" and prev != "n":
                n += 1
            prev = k
        return n

    def width(self, text: str, size_pt: float) -> float:
        """Return the width of ``text`` set at ``size_pt``, in points."""
        return self.em(text) * size_pt

    def missing(self, text: str) -> list[str]:
        """Return the characters of ``text`` the font has no glyph for, each once, in order."""
        self._learn(text)
        if not self._missing:
            return []
        return list(dict.fromkeys(ch for ch in text if ch in self._missing))

    def __repr__(self) -> str:
        return f"Metrics({self.name!r})"


def _script_kind(ch: str) -> str:
    """Return 'a' (East Asian), 'w' (Western letter, digit, ASCII symbol), ' ' or 'n'."""
    if ch.isspace():
        return " "
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "a"
    category = unicodedata.category(ch)
    if category[0] == "L" or category == "Nd" or "!" <= ch <= "~":
        return "w"
    return "n"


# -- locating fonts ----------------------------------------------------------------------

def packaged_font_path() -> str:
    """Return the path of the Noto Sans CJK collection that manimgx-fonts-cjk installs."""
    spec = find_spec("manimgx_fonts_cjk")
    if spec is None or not spec.submodule_search_locations:
        raise FontError("the font package is not installed: expected manimgx-fonts-cjk "
                        "(pip install manimgx-fonts-cjk)")
    for folder in spec.submodule_search_locations:
        path = os.path.join(folder, PACKAGED_FILE)
        if os.path.isfile(path):
            return path
    raise FontError(f"manimgx-fonts-cjk is installed but holds no {PACKAGED_FILE}")


@lru_cache(maxsize=1)
def fonttools_version() -> str:
    """Return fontTools' version (what converted or read a font counts in cache keys), read
    from its package file: importing fontTools sets up its logging, which a warm build,
    which reads no font, need not pay."""
    spec = find_spec("fontTools")
    try:
        text = Path(spec.origin).read_text(encoding="utf-8")
        found = re.search(r'^version\s*=\s*__version__\s*=\s*"([^"]+)"', text, re.M)
        if found:
            return found.group(1)
    except (OSError, TypeError, AttributeError, ValueError):
        pass
    from fontTools import version                   # a layout this reading does not know
    return version


def stamp(path: str) -> tuple[int, int]:
    """Return (size, mtime in ns) of ``path``: the file's identity for caches."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise FontError(f"font file {path}: {e.strerror}") from None
    return st.st_size, st.st_mtime_ns


@lru_cache(maxsize=32)
def _face_names(path: str, file_stamp: tuple[int, int]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return (family, all its names) of every face in ``path``, read with fontTools."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        with open(path, "rb") as f:
            try:
                fonts = TTCollection(f, lazy=True).fonts
            except TTLibError:              # not a collection: a single face
                f.seek(0)
                fonts = [TTFont(f, lazy=True)]
            out = []
            for font in fonts:
                table = font["name"]
                family = table.getDebugName(16) or table.getDebugName(1) or ""
                names = [r.toUnicode() for r in table.names if r.nameID in (16, 1, 4)]
                out.append((family, tuple(dict.fromkeys([family] + names))))
    except OSError as e:
        raise FontError(f"font file {path}: {e.strerror}") from None
    except Exception as e:                  # fontTools raises many kinds on a broken file
        raise FontError(f"{path}: expected a TrueType or OpenType font file but it cannot be "
                        f"read ({type(e).__name__})") from None
    return tuple(out)


def find_face(path: str, face_name: str) -> int:
    """Return the index of the face called ``face_name`` in the font file at ``path``.

    A file holding one face returns 0 whatever its name; in a collection the name must
    match a face's family or full name (case-insensitive).
    """
    faces = _face_names(path, stamp(path))
    if len(faces) == 1:
        return 0
    want = face_name.casefold()
    for i, (_, names) in enumerate(faces):
        if any(n.casefold() == want for n in names):
            return i
    raise FontError(f"{path}: expected a face named one of "
                    f"{', '.join(repr(f) for f, _ in faces)} but received {face_name!r}")


def packaged_font() -> tuple[str, int]:
    """Return the packaged collection's path and the index of its "Noto Sans CJK SC" face."""
    path = packaged_font_path()
    return path, find_face(path, PACKAGED_FACE)


@frozen
class FontSource:
    """One face of one font file at one weight: what the PDF embeds (no file opened)."""

    path: str
    face_name: str          # the face asked for in a collection ("" for a single face)
    weight: int
    packaged: bool

    @property
    def label(self) -> str:
        """The name messages give it, e.g. "Noto Sans CJK SC 400"."""
        return f"{self.face_name or os.path.basename(self.path)} {self.weight}"


def font_source(weight: int, theme_fonts: Typefaces | None = None) -> FontSource:
    """Return which file and face the PDF uses at ``weight`` (no file is opened).

    Weights below 600 use ``pdf_regular``, the others ``pdf_bold``; an empty field means
    the packaged Noto Sans CJK SC, set at ``weight`` on its variable wght axis.
    """
    fonts = theme_fonts or Typefaces()
    chosen = fonts.pdf_bold if weight >= 600 else fonts.pdf_regular
    if not chosen:
        return FontSource(packaged_font_path(), PACKAGED_FACE, weight, True)
    path = os.path.abspath(os.path.expanduser(chosen))
    if not os.path.isfile(path):
        raise FontError(f"theme font {chosen!r}: expected a .ttf, .otf or .ttc file "
                        f"but there is no such file")
    return FontSource(path, fonts.pdf_face_name, weight, False)
