"""The deck's zip and the last pass over its parts, written once with every entry dated.

Reproducible means the same model gives the same bytes: the core properties' dates come
from the briefing's as-of date (never the clock), every zip entry carries that date in a
fixed order, and each embedded chart workbook (which XlsxWriter stamps with the current
time) is rewritten with the same fixed date.

The same last pass repairs two python-pptx gaps that strict clients trip over: chart axis
ids from its template are negative (the schema wants unsignedInt; they are mapped to the
same id modulo 2**31, so ``c:axId`` and ``c:crossAx`` still pair up, and stay below 2**31:
LibreOffice reads an id as a signed int and, past it, draws a bar chart with no category
labels and its order reversed), and the notes master
it adds is never listed in ``p:notesMasterIdLst`` (Keynote then drops the speaker notes;
python-pptx PR #1128).

It also sets every run of the slides, notes and charts typographically, whoever wrote it
(the chart's labels and source lines are written through python-pptx, not the text
writer): curly quotes (``briefgen.text.typography.polish``), and in a Chinese run each
stretch of “ ” ‘ ’ — … · becomes a run of its own whose Latin face is the East Asian
face, so LibreOffice draws those marks in the Chinese font with no gap beside them, and
a paragraph starting with them before Chinese gets ``text.anchor_start``'s 1 pt anchor.
Parts whose every run the text writer wrote (the notes slides) are set so already and
left alone. The ``.rels`` parts and ``[Content_Types].xml`` are written on lxml directly,
the bytes python-pptx's own writers give.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import posixpath
import re
import zipfile
from functools import lru_cache

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefgen.render.pptx.shapes import child_of
from briefgen.render.pptx.text import AMBIGUOUS_MARKS, HAS_MARK, anchor_start
from briefgen.text.phrases import has_cjk
from briefgen.text.typography import polish

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_R, _T, _P, _RPR, _LATIN, _EA = (f"{{{_A}}}{t}" for t in ("r", "t", "p", "rPr", "latin", "ea"))
_NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT_TYPES, _CT_DEFAULT, _CT_OVERRIDE = (f"{{{_NS_CT}}}{t}" for t in ("Types", "Default", "Override"))
_REL_ROOT, _REL = (f"{{{_NS_PKG}}}{t}" for t in ("Relationships", "Relationship"))
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_AXIS_ID = re.compile(rb'(<c:(?:axId|crossAx) val=")(-\d+)(")')
_CHART = re.compile(r"ppt/charts/chart\d+\.xml")
_TEXT_PART = re.compile(r"ppt/(slides/slide|notesSlides/notesSlide|charts/chart)\d+\.xml")


def save_package(prs, when: dt.datetime, written=frozenset()) -> bytes:
    """Return the deck's zip: python-pptx's entries, in the order it writes them, through the
    last pass (see the module) and dated ``when``, compressed once. ``written`` names the parts
    (``/ppt/notesSlides/notesSlide1.xml``) whose every run the text writer wrote, which sets
    them as this pass would: the pass leaves those alone."""
    package = prs.part.package
    parts = tuple(package.iter_parts())
    done = set()                        # text parts set in memory: not parsed again
    for part in parts:
        if _TEXT_PART.fullmatch(part.partname.membername) and hasattr(part, "_element"):
            if part.partname not in written:
                set_runs_tree(part._element)
            done.add(part.partname.membername)

    def entries():
        yield "[Content_Types].xml", content_types_xml(parts)
        yield "_rels/.rels", rels_xml(package._rels)
        for part in parts:
            yield part.partname.membername, part.blob
            if part._rels:
                yield part.partname.rels_uri.membername, rels_xml(part.rels)

    return _zip(entries(), when, lambda: rels_xml(prs.part.rels), done)


def content_types_xml(parts) -> bytes:
    """Return ``[Content_Types].xml`` for ``parts``, the bytes python-pptx writes (its own
    defaults and overrides, each sorted), built on lxml directly rather than through its
    element classes' inserters."""
    from pptx.opc.serialized import _ContentTypesItem

    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    root = etree.Element(_CT_TYPES, nsmap={None: _NS_CT})
    for ext, content_type in sorted(defaults.items()):
        el = etree.SubElement(root, _CT_DEFAULT)
        el.set("Extension", ext)
        el.set("ContentType", content_type)
    for partname, content_type in sorted(overrides.items()):
        el = etree.SubElement(root, _CT_OVERRIDE)
        el.set("PartName", partname)
        el.set("ContentType", content_type)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def rels_xml(rels) -> bytes:
    """Return the ``.rels`` XML of python-pptx relationships ``rels``, as its ``rels.xml`` writes
    it (the same bytes: relationships in numerical order of their ids), built on lxml directly
    rather than by parsing a template for each relationship."""
    def order(r_id: str):
        return int(r_id[3:]) if r_id.startswith("rId") and r_id[3:].isdigit() else 0, r_id

    root = etree.Element(_REL_ROOT, nsmap={None: _NS_PKG})
    for r_id in sorted(rels.keys(), key=order):
        rel = rels[r_id]
        el = etree.SubElement(root, _REL)
        el.set("Id", r_id)
        el.set("Type", rel.reltype)
        el.set("Target", rel.target_ref if rel.is_external
               else _relative_ref(str(rel.target_partname), rel._base_uri))
        if rel.is_external:
            el.set("TargetMode", "External")
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """Return the zip ``data`` rewritten with every entry (and nested workbook) dated ``when``."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return _zip(((i.filename, src.read(i.filename)) for i in src.infolist()), when,
                    lambda: src.read("ppt/_rels/presentation.xml.rels"))


def _zip(entries, when: dt.datetime, presentation_rels, runs_set=frozenset()) -> bytes:
    """Return the zip of (name, bytes) ``entries`` through the last pass, each dated ``when``
    (``runs_set`` names the text parts whose runs are set already)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in entries:
            if name.endswith(".xlsx"):
                blob = reproducible_zip(blob, when)
            elif name == "docProps/core.xml":
                blob = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", blob)
            if _CHART.fullmatch(name):
                blob = unsigned_axis_ids(blob)
            if name not in runs_set and _TEXT_PART.fullmatch(name):
                blob = set_runs(blob)
            if name == "ppt/presentation.xml":
                blob = list_notes_master(blob, presentation_rels())
            entry = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            dst.writestr(entry, blob)
    return out.getvalue()


@lru_cache(maxsize=4096)
def _relative_ref(partname: str, base: str) -> str:
    """Return python-pptx's ``PackURI.relative_ref`` of ``partname`` from ``base`` (remembered:
    each slide and notes slide names the same layout and master from the same folder)."""
    return partname[1:] if base == "/" else posixpath.relpath(partname, base)


def unsigned_axis_ids(chart_xml: bytes) -> bytes:
    """Return ``chart_xml`` with negative ``c:axId``/``c:crossAx`` values taken modulo 2**31."""
    return _AXIS_ID.sub(lambda m: m.group(1) + str(int(m.group(2)) % 2**31).encode() + m.group(3),
                        chart_xml)


def list_notes_master(presentation_xml: bytes, rels_xml: bytes) -> bytes:
    """Return ``presentation_xml`` listing the notes master in ``p:notesMasterIdLst``.

    The list goes right after ``p:sldMasterIdLst`` (schema order) and names the
    relationship to the notes master part; without a notes master it is left out.
    """
    rels = etree.fromstring(rels_xml)
    r_id = next((rel.get("Id") for rel in rels.iter(f"{{{_NS_PKG}}}Relationship")
                 if rel.get("Type") == RT.NOTES_MASTER), None)
    root = etree.fromstring(presentation_xml)
    if r_id is None or root.find(f"{{{_NS_P}}}notesMasterIdLst") is not None:
        return presentation_xml
    lst = etree.Element(f"{{{_NS_P}}}notesMasterIdLst")
    etree.SubElement(lst, f"{{{_NS_P}}}notesMasterId").set(f"{{{_NS_R}}}id", r_id)
    root.find(f"{{{_NS_P}}}sldMasterIdLst").addnext(lst)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_runs(part_xml: bytes) -> bytes:
    """Return ``part_xml`` with its runs polished and Chinese marks in the East Asian face."""
    root = etree.fromstring(part_xml)
    if not set_runs_tree(root):
        return part_xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_runs_tree(root) -> bool:
    """Return whether polishing the runs under element ``root`` (see ``set_runs``) changed any."""
    changed = False
    for r in list(root.iter(_R)):
        t = child_of(r, _T)
        if t is None or not t.text:
            continue
        text = polish(t.text)
        if text != t.text:
            t.text, changed = text, True
        changed |= _split_marks(r, text)
    for p in list(root.iter(_P)):
        changed |= anchor_start(p)
    return changed


def _split_marks(r, text: str) -> bool:
    """Split Chinese run ``r`` so its ambiguous marks take the EA face; return if it changed."""
    if not HAS_MARK.search(text):
        return False
    rpr = child_of(r, _RPR)
    if rpr is None:
        return False
    if not (has_cjk(text) or rpr.get("lang", "").startswith("zh")):
        return False
    latin, ea = child_of(rpr, _LATIN), child_of(rpr, _EA)
    if ea is None or latin is None or latin.get("typeface") == ea.get("typeface"):
        return False
    pieces = [piece for piece in AMBIGUOUS_MARKS.split(text) if piece]
    for piece in pieces:
        new = copy.deepcopy(r)
        new.find(f"{{{_A}}}t").text = piece
        if AMBIGUOUS_MARKS.fullmatch(piece):
            new.find(f"{{{_A}}}rPr/{{{_A}}}latin").set("typeface", ea.get("typeface"))
        r.addprevious(new)
    r.getparent().remove(r)
    return True
