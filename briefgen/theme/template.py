"""An organisation's PowerPoint template (.pptx or .potx): open it, list its layouts, match slide types.

Layouts are matched by what they hold, never by their names (which may be in any language):
the kinds of placeholders (title, centred title, subtitle, body, picture, chart, table) and
where they sit. Each of briefgen's slide types asks for a title and, for content slides, a
body area; the best-scoring layout of the first master serves it. ``inspect`` reports the
masters, layouts and placeholders with their sizes, and a mapping the user can edit.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from briefgen.errors import Origin, TemplateError
from briefgen.frozen import frozen

EMU_PER_PT = 12700
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_THEME_REL = f"{_DOC_REL}/theme"
_MASTER_REL = f"{_DOC_REL}/slideMaster"
_POTX = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PPTX = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
SLIDE_TYPES = ("title", "section", "kpis", "bullets", "chart", "timeline", "table", "compare",
               "image", "quote", "closing")
COVER_TYPES = ("title", "closing")
FOOTER_TYPES = ("dt", "ftr", "sldNum")
TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj", "pic", "chart", "tbl", "dgm", "media", "clipArt")
# What a template may hold: real templates are a few MB; a file beyond these is refused before
# anything is unpacked (a zip of a few hundred KB can unpack to gigabytes).
MAX_FILE_MB, MAX_UNPACKED_MB, MAX_PARTS = 100, 300, 5000
MIN_SLIDE_PT = (288.0, 216.0)       # 4 × 3 in: below it no briefing content can be read
_SLACK_PT = 1.0                     # how far a placeholder may stand over the slide's edge
_HYPERLINK_REL = f"{_DOC_REL}/hyperlink"


@frozen
class Placeholder:
    """One placeholder of a layout: its kind, index and box in points."""

    type: str
    idx: int
    name: str
    box: tuple[float, float, float, float]      # x, y, w, h (points)
    inside: bool = True                         # within the slide (a placeholder off it serves nothing)


@frozen
class Layout:
    """One layout: which master it belongs to, its position there, its name and placeholders."""

    master: int
    index: int
    name: str
    part: str
    placeholders: tuple[Placeholder, ...]

    def of(self, *types: str) -> list[Placeholder]:
        """Return the placeholders of the given kinds that lie on the slide."""
        return [p for p in self.placeholders if p.type in types and p.inside]


def read_template(path: str | Path) -> bytes:
    """Return the template's package as .pptx bytes (a .potx is relabelled), or raise TemplateError."""
    origin = Origin(str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise TemplateError(f"cannot read the template: {e.strerror}", origin) from None
    if len(data) > MAX_FILE_MB << 20:
        raise TemplateError(f"the template is {len(data) / 2**20:.0f} MB, more than the {MAX_FILE_MB} MB "
                            "briefgen reads; remove unused layouts, pictures and media from it", origin)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            _check_package(z, origin)
            types = z.read("[Content_Types].xml")
            names = z.namelist()
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        raise TemplateError("not a PowerPoint presentation (.pptx or .potx): it is not an "
                            "Office Open XML package", origin) from None
    if "ppt/presentation.xml" not in names or (_POTX not in types and _PPTX not in types):
        raise TemplateError("not a PowerPoint presentation (.pptx or .potx): it has no "
                            "ppt/presentation.xml", origin)
    if _POTX not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            dst.writestr(info, blob.replace(_POTX, _PPTX) if info.filename == "[Content_Types].xml" else blob)
    return out.getvalue()


def _check_package(z: zipfile.ZipFile, origin: Origin) -> None:
    """Raise TemplateError when the package is too large to unpack or links to outside files.

    A linked (external) picture, video or object would make every viewer of the deck fetch
    that file or address; hyperlinks are fine. Sizes are the zip's own records, which reading
    a part never exceeds.
    """
    infos = z.infolist()
    unpacked = sum(i.file_size for i in infos)
    if len(infos) > MAX_PARTS or unpacked > MAX_UNPACKED_MB << 20:
        raise TemplateError(f"the template unpacks to {unpacked / 2**20:.0f} MB in {len(infos)} parts, more "
                            f"than the {MAX_UNPACKED_MB} MB and {MAX_PARTS} parts briefgen reads; remove "
                            "unused layouts, pictures and media from it", origin)
    for info in infos:
        if not info.filename.endswith(".rels") or info.file_size > 1 << 20:
            continue
        for rel in etree.fromstring(z.read(info), etree.XMLParser(resolve_entities=False, no_network=True)):
            if rel.get("TargetMode") == "External" and rel.get("Type") != _HYPERLINK_REL:
                kind = (rel.get("Type") or "").rsplit("/", 1)[-1] or "part"
                raise TemplateError(f"the template links its {kind} in {_owner(info.filename)} to an outside "
                                    f"file ({rel.get('Target')}), which every viewer of the deck would "
                                    "fetch; insert the picture or object into the template instead of "
                                    "linking it", origin)


def _owner(rels_name: str) -> str:
    """Return the part a relationships part belongs to: ppt/slideMasters/slideMaster1.xml."""
    folder, _, name = rels_name.rpartition("_rels/")
    return folder + name[:-len(".rels")]


def open_template(path: str | Path):
    """Return the template at ``path`` opened with python-pptx, or raise TemplateError."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(read_template(path)))
    except TemplateError:
        raise
    except Exception as e:          # a damaged part: python-pptx's own exception types vary
        raise TemplateError(f"not a readable PowerPoint presentation ({type(e).__name__})",
                            Origin(str(path))) from None
    w, h = (prs.slide_width or 0) / EMU_PER_PT, (prs.slide_height or 0) / EMU_PER_PT
    if w < MIN_SLIDE_PT[0] or h < MIN_SLIDE_PT[1]:
        raise TemplateError(f"the template's slides are {w:.0f} × {h:.0f} pt, smaller than the "
                            f"{MIN_SLIDE_PT[0]:.0f} × {MIN_SLIDE_PT[1]:.0f} pt (4 × 3 in) a briefing "
                            "needs; set a larger slide size in the template (Design › Slide Size)",
                            Origin(str(path)))
    return prs


def _type(ph) -> str:
    """Return a placeholder's kind as written in the file ('body' when it names none)."""
    return ph._element.xpath("./*[1]/p:nvPr/p:ph")[0].get("type") or "body"


def _box(ph) -> tuple[float, float, float, float]:
    """Return a placeholder's box in points (inherited from its master when the layout has none)."""
    return tuple(round((v or 0) / EMU_PER_PT, 1) for v in (ph.left, ph.top, ph.width, ph.height))


def _on(box: tuple[float, float, float, float], size: tuple[float, float]) -> bool:
    """Return whether ``box`` lies on a slide of ``size`` (within a point of its edges)."""
    x, y, w, h = box
    return x >= -_SLACK_PT and y >= -_SLACK_PT and x + w <= size[0] + _SLACK_PT and y + h <= size[1] + _SLACK_PT


def on_slide(ph, size: tuple[float, float]) -> bool:
    """Return whether python-pptx placeholder ``ph`` lies on a slide of ``size`` (points)."""
    return _on(_box(ph), size)


def layouts(prs) -> list[Layout]:
    """Return every layout of every master, in order."""
    out = []
    size = (prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
    for m, master in enumerate(prs.slide_masters):
        for i, layout in enumerate(master.slide_layouts):
            phs = tuple(Placeholder(_type(ph), ph.placeholder_format.idx, ph.name, box, _on(box, size))
                        for ph in layout.placeholders for box in (_box(ph),))
            out.append(Layout(m, i, layout.name, str(layout.part.partname).lstrip("/"), phs))
    return out


def _area(p: Placeholder) -> float:
    return p.box[2] * p.box[3]


def score(layout: Layout, kind: str) -> float | None:
    """Return how well ``layout`` serves slide type ``kind`` (higher is better), or None if it cannot."""
    titles = layout.of(*TITLE_TYPES)
    bodies = layout.of(*BODY_TYPES)
    if kind in COVER_TYPES:
        if not titles:
            return None
        return 10 + 5 * bool(layout.of("ctrTitle")) + 3 * bool(layout.of("subTitle")) - len(bodies)
    if not titles:
        return None
    if kind == "section":             # a section header's title sits low, under a short text
        bottom = max(p.box[1] + p.box[3] for p in layout.placeholders)
        low = titles[0].box[1] > 0.25 * bottom
        return 5 + 3 * (len(bodies) == 1) + 4 * low - 2 * len(layout.of("subTitle"))
    if not bodies:
        return None
    if kind == "compare":
        if len(bodies) < 2:
            return None
        a, b = sorted(bodies, key=_area, reverse=True)[:2]
        side_by_side = abs(a.box[1] - b.box[1]) < 0.1 * max(a.box[3], 1)
        return 10 + 5 * side_by_side - abs(len(bodies) - 2)
    wanted = {"image": "pic", "chart": "chart", "table": "tbl"}.get(kind)
    big = max(bodies, key=_area)
    return 10 - 2 * (len(bodies) - 1) + 3 * (wanted is not None and bool(layout.of(wanted))) \
        + _area(big) / 1e6 - 4 * bool(layout.of("ctrTitle", "subTitle"))


def mapping(found: list[Layout]) -> dict[str, Layout | None]:
    """Return, per slide type, the best layout of the first master (None: no usable layout)."""
    first = [layout for layout in found if layout.master == 0]
    out: dict[str, Layout | None] = {}
    for kind in SLIDE_TYPES:
        scored = [(s, -layout.index, layout) for layout in first
                  if (s := score(layout, kind)) is not None]
        out[kind] = max(scored, key=lambda t: t[:2])[2] if scored else None
    return out


def need(kind: str) -> str:
    """Return, in words, what slide type ``kind`` needs from a layout."""
    if kind in COVER_TYPES or kind == "section":
        return "a title placeholder"
    if kind == "compare":
        return "a title and two content placeholders"
    return "a title and a content placeholder (body, picture, chart or table)"


def title_only_layout(prs):
    """Return the first master's layout nearest to a title alone (slides are drawn on it)."""
    def cost(layout) -> tuple[int, int]:
        kinds = [_type(ph) for ph in layout.placeholders if _type(ph) not in FOOTER_TYPES]
        titles = sum(k in TITLE_TYPES for k in kinds)
        return (titles == 0, len(kinds) - min(titles, 1))
    return min(prs.slide_masters[0].slide_layouts, key=cost)


def theme_colours(prs) -> dict[str, str]:
    """Return the first master's theme colours: {role: RRGGBB} (system colours by their last value)."""
    part = prs.slide_masters[0].part.part_related_by(_THEME_REL)
    return colours_of(etree.fromstring(part.blob))


def colours_of(root) -> dict[str, str]:
    """Return the colours of a theme part's colour scheme: {role: RRGGBB}."""
    scheme = root.find(f".//{_A}clrScheme")
    out = {}
    for slot in scheme if scheme is not None else ():
        if len(slot):
            out[etree.QName(slot).localname] = (slot[0].get("val") if slot[0].get("lastClr") is None
                                                else slot[0].get("lastClr")).upper()
    return out
