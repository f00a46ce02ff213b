"""The package around the slides: blank 16:9 start, core properties, theme fonts, reproducible zip.

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
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefgen.model import Briefing
from briefgen.render.pptx.text import AMBIGUOUS_MARKS, anchor_start, emu
from briefgen.text.phrases import has_cjk
from briefgen.text.typography import polish
from briefgen.theme import deck as D

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS = {"a": _A}
_EPOCH = dt.datetime(2000, 1, 1)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_LANG = {"zh": "zh-CN", "en": "en-US"}
_EXT = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_AXIS_ID = re.compile(rb'(<c:(?:axId|crossAx) val=")(-\d+)(")')
_CHART = re.compile(r"ppt/charts/chart\d+\.xml")
_TEXT_PART = re.compile(r"ppt/(slides/slide|notesSlides/notesSlide|charts/chart)\d+\.xml")
_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_FORMATS = {(40 / 3, 7.5): "Widescreen", (10.0, 7.5): "On-screen Show (4:3)",
            (10.0, 5.625): "On-screen Show (16:9)", (10.0, 6.25): "On-screen Show (16:10)"}


def new_presentation():
    """Return an empty 16:9 presentation, without the template's thumbnail."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = emu(D.SLIDE_W), emu(D.SLIDE_H)
    prs.part._element.find(f"{{{_NS_P}}}sldSz").attrib.pop("type", None)
    package = prs.part.package
    for r_id, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(r_id)
    _widen_template(prs, D.SLIDE_W / 720.0)
    return prs


def _widen_template(prs, factor: float) -> None:
    """Stretch the 4:3 template's master and layouts to 16:9 and give titles the deck's look.

    Slides are drawn from scratch, but a presenter who adds a slide in PowerPoint gets a
    left-aligned bold title in the brand colour where the deck's titles are.
    """
    master = prs.slide_master
    for owner in (master, *prs.slide_layouts):
        for xfrm in owner._element.iterfind(f".//{{{_NS_P}}}spPr/{{{_A}}}xfrm"):
            for node, attr in ((xfrm.find(f"{{{_A}}}off"), "x"), (xfrm.find(f"{{{_A}}}ext"), "cx")):
                node.set(attr, str(int(int(node.get(attr)) * factor)))
    title = master.placeholders[0]
    title.left, title.top = emu(D.MARGIN_X), emu(D.TITLE_Y)
    title.width, title.height = emu(D.CONTENT_W), emu(D.TITLE_H)
    level = master._element.find(f".//{{{_NS_P}}}titleStyle/{{{_A}}}lvl1pPr")
    level.set("algn", "l")
    rpr = level.find(f"{{{_A}}}defRPr")
    rpr.set("sz", str(int(D.TITLE.max * 100)))
    rpr.set("b", "1")
    rpr.find(f"{{{_A}}}solidFill/{{{_A}}}schemeClr").set("val", "tx2")


def title_layout(prs):
    """Return the layout whose only content placeholder is the title ("Title Only")."""
    return next(layout for layout in prs.slide_layouts if layout.name == "Title Only")


def fixed_date(as_of: str) -> dt.datetime:
    """Return the first day of the month named in ``as_of`` ("2025年1月", "January 2025")."""
    year = re.search(r"(19|20)\d\d", as_of)
    if not year:
        return _EPOCH
    month = 1
    zh = re.search(r"(\d{1,2})\s*月", as_of)
    if zh and 1 <= int(zh.group(1)) <= 12:
        month = int(zh.group(1))
    else:
        low = as_of.lower()
        month = next((i + 1 for i, name in enumerate(_MONTHS) if name in low), 1)
    return dt.datetime(int(year.group(0)), month, 1)


def set_properties(prs, briefing: Briefing, when: dt.datetime, slides: int, notes: int) -> None:
    """Fill the core and app properties: title, author, subject, language, fixed dates."""
    cp = prs.core_properties
    cp.title = briefing.title
    cp.subject = briefing.subject
    cp.author = briefing.issuer
    cp.last_modified_by = briefing.issuer
    cp.keywords = "; ".join(x for x in (briefing.entity_name, briefing.audience) if x)
    cp.category = briefing.audience
    cp.comments = briefing.subtitle
    cp.language = _LANG.get(briefing.lang, "en-US")
    cp.created = cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    app = next((p for p in prs.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if app is not None:
        app.blob = app_properties(prs.slide_width, prs.slide_height, slides, notes)


def presentation_format(width: int, height: int) -> str:
    """Return PowerPoint's name for a slide size in EMU ("Widescreen", "On-screen Show (4:3)"), or ""."""
    w, h = width / 914400, height / 914400
    return next((name for (fw, fh), name in _FORMATS.items()
                 if abs(w - fw) < 0.01 and abs(h - fh) < 0.01), "")


def app_properties(width: int, height: int, slides: int, notes: int) -> bytes:
    """Return a fresh docProps/app.xml: briefgen, the slide size's format, the slide and notes counts.

    Written whole, so nothing of a template's own (its application, its sample slides'
    titles, a "Widescreen" a 4:3 deck is not) is carried over."""
    root = etree.Element(_EXT + "Properties", nsmap={None: _EXT[1:-1]})
    fmt = presentation_format(width, height)
    for tag, value in (("TotalTime", "0"), ("Application", "briefgen"), ("PresentationFormat", fmt),
                       ("Slides", str(slides)), ("Notes", str(notes)), ("HiddenSlides", "0"),
                       ("ScaleCrop", "false"), ("LinksUpToDate", "false"), ("SharedDoc", "false"),
                       ("HyperlinksChanged", "false")):
        if value:
            etree.SubElement(root, _EXT + tag).text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_theme(prs, theme, name: str) -> None:
    """Write the theme's faces (Latin, East Asian and Hans) and palette into every theme part."""
    for part in prs.part.package.iter_parts():
        if part.content_type != CT.OFC_THEME:
            continue
        xml_part = hasattr(part, "_element")     # python-pptx parsed it (notes master's theme)
        root = part._element if xml_part else etree.fromstring(part.blob)
        root.set("name", name)
        scheme = root.find(".//a:fontScheme", _NS)
        scheme.set("name", name)
        for font in ("a:majorFont", "a:minorFont"):
            _set_faces(scheme.find(font, _NS), theme.fonts)
        _set_colours(root.find(".//a:clrScheme", _NS), theme.palette, name)
        if not xml_part:
            part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)


def _set_faces(node, fonts) -> None:
    """Name the Latin and East Asian faces (with the EA substitution hints) and the Hans face."""
    node.find("a:latin", _NS).set("typeface", fonts.deck_latin)
    ea = node.find("a:ea", _NS)
    ea.set("typeface", fonts.deck_east_asian)
    for name, value in fonts.deck_east_asian_attrs:
        ea.set(name, value)
    hans = node.find("a:font[@script='Hans']", _NS)
    if hans is None:
        hans = etree.SubElement(node, f"{{{_A}}}font")
        hans.set("script", "Hans")
    hans.set("typeface", fonts.deck_east_asian)


def _set_colours(scheme, pal, name: str) -> None:
    scheme.set("name", name)
    series = list(pal.series) + [pal.secondary, pal.accent, pal.muted]
    roles = {"dk1": pal.ink, "lt1": pal.paper, "dk2": pal.primary, "lt2": pal.tint,
             "hlink": pal.secondary, "folHlink": pal.muted}
    roles.update({f"accent{i + 1}": series[i] for i in range(6)})
    for role, colour in roles.items():
        slot = scheme.find(f"a:{role}", _NS)
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{_A}}}srgbClr").set("val", colour)


def save_package(prs, when: dt.datetime) -> bytes:
    """Return the deck's zip: python-pptx's entries, in the order it writes them, through the
    last pass (see the module) and dated ``when``, compressed once."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    package = prs.part.package
    parts = tuple(package.iter_parts())
    done = set()                        # text parts set in memory: not parsed again
    for part in parts:
        if _TEXT_PART.fullmatch(part.partname.membername) and hasattr(part, "_element"):
            set_runs_tree(part._element)
            done.add(part.partname.membername)

    def entries():
        yield "[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts))
        yield "_rels/.rels", package._rels.xml
        for part in parts:
            yield part.partname.membername, part.blob
            if part._rels:
                yield part.partname.rels_uri.membername, part.rels.xml

    return _zip(entries(), when, lambda: prs.part.rels.xml, done)


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
    for r in list(root.iter(f"{{{_A}}}r")):
        t = r.find(f"{{{_A}}}t")
        if t is None or not t.text:
            continue
        text = polish(t.text)
        if text != t.text:
            t.text, changed = text, True
        changed |= _split_marks(r, text)
    for p in list(root.iter(f"{{{_A}}}p")):
        changed |= anchor_start(p)
    return changed


def _split_marks(r, text: str) -> bool:
    """Split Chinese run ``r`` so its ambiguous marks take the EA face; return if it changed."""
    rpr = r.find(f"{{{_A}}}rPr")
    if rpr is None or not AMBIGUOUS_MARKS.search(text):
        return False
    if not (has_cjk(text) or rpr.get("lang", "").startswith("zh")):
        return False
    latin, ea = rpr.find(f"{{{_A}}}latin"), rpr.find(f"{{{_A}}}ea")
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
