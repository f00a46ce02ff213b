"""What a template's theme part says (colours, faces), and which East Asian face its deck takes."""

from __future__ import annotations

import functools
import io
import posixpath
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from briefgen.errors import Origin, TemplateError
from briefgen.frozen import frozen
from briefgen.theme.template import _A, _MASTER_REL, _P, _R, _THEME_REL, colours_of, read_template


@frozen
class TemplateTheme:
    """What a template's theme part (of its first master) says: colours and faces."""

    colours: dict
    latin: str = ""             # the minor (body) Latin face
    east_asian: str = ""        # the minor (body) East Asian face, else the major one ("": none)

    @property
    def accents(self) -> tuple[str, ...]:
        """The accent colours 1 to 6 that the theme names, in order."""
        return tuple(self.colours[f"accent{i}"] for i in range(1, 7) if f"accent{i}" in self.colours)


def template_theme(path: str | Path) -> TemplateTheme:
    """Return the colours and faces of the theme of the template's first master (read from the zip)."""
    try:
        st = Path(path).stat()
    except OSError:
        return _template_theme(str(path), 0, 0)        # read_template says what is wrong
    return _template_theme(str(path), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _template_theme(path: str, _mtime: int, _size: int) -> TemplateTheme:
    data = read_template(path)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        def target(part: str, rel_type: str, first_id: str = "") -> str:
            folder, name = part.rsplit("/", 1)
            rels = etree.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
            for rel in rels:
                if rel.get("Type") == rel_type and (not first_id or rel.get("Id") == first_id):
                    return posixpath.normpath(posixpath.join(folder, rel.get("Target")))
            raise KeyError(rel_type)
        try:
            pres = etree.fromstring(z.read("ppt/presentation.xml"))
            first = pres.find(f"{_P}sldMasterIdLst/{_P}sldMasterId").get(f"{_R}id")
            master = target("ppt/presentation.xml", _MASTER_REL, first)
            root = etree.fromstring(z.read(target(master, _THEME_REL)))
        except (KeyError, AttributeError, etree.XMLSyntaxError):
            raise TemplateError("not a readable PowerPoint presentation (its first master has "
                                "no theme)", Origin(str(path))) from None
    def face(which: str, slot: str) -> str:
        node = root.find(f".//{_A}fontScheme/{_A}{which}/{_A}{slot}")
        return (node.get("typeface") or "").strip() if node is not None else ""
    east_asian = face("minorFont", "ea") or face("majorFont", "ea")
    return TemplateTheme(colours_of(root), face("minorFont", "latin"), east_asian)


_PROBE = "的一是中国年区"          # a face lacking these has no Chinese at all


@functools.lru_cache(maxsize=16)
def installed_face(family: str) -> tuple[str, int] | None:
    """Return (file, face index) of the installed font ``family`` (its regular style), else None."""
    try:
        out = subprocess.run(["fc-list", f":family={family}", "--format",
                              "%{file}\t%{index}\t%{style}\n"], capture_output=True, text=True,
                             timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    rows = sorted(tuple(line.split("\t")) for line in out.splitlines() if line.count("\t") == 2)
    if not rows:
        return None
    best = min(rows, key=lambda r: (not any(s in r[2] for s in ("Regular", "Book")), r[0]))
    return best[0], int(best[1] or 0)


@functools.lru_cache(maxsize=16)
def face_chars(file: str, index: int) -> frozenset[int]:
    """Return the code points the font file's face (``index`` in a collection) has glyphs for."""
    from fontTools.ttLib import TTFont

    with TTFont(file, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@frozen
class EastAsian:
    """The East Asian face a template deck's Chinese runs take, the file it is checked in, and why."""

    face: str
    file: str = ""              # the installed face's file ("" when it is not installed here)
    index: int = 0
    warning: str = ""


def east_asian_face(template: str | Path, fallback: str) -> EastAsian:
    """Return the template's East Asian face when it names one that has Chinese, else ``fallback``.

    A face installed here is checked for Chinese; one not installed is taken (the deck is
    measured with the metric face, ideographs being 1 em in every Chinese face) with a
    warning; a face without Chinese (LibreOffice writes DejaVu Sans) is refused with one."""
    name = template_theme(template).east_asian
    where = Path(template).name
    if not name or name == fallback:
        return EastAsian(fallback)
    found = installed_face(name)
    if found is None:
        return EastAsian(name, warning=(
            f"{where}: the template's East Asian font {name!r} is not installed here, so Chinese "
            f"text was measured and its glyphs checked with the metric face; open the deck where "
            f"{name} is installed to check it"))
    missing = [ch for ch in _PROBE if ord(ch) not in face_chars(*found)]
    if missing:
        return EastAsian(fallback, warning=(
            f"{where}: the template's East Asian font {name!r} has no Chinese (no glyph for "
            f"{missing[0]} in {found[0]}); Chinese runs use {fallback} instead"))
    return EastAsian(name, found[0], found[1])
