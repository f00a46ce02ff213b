"""The package around the slides: blank 16:9 start, core properties with fixed dates, theme fonts.

Reproducible means the same model gives the same bytes: the core properties' dates come
from the briefing's as-of date (never the clock); the zip and the last pass over its parts
(fixed entry dates, chart workbooks, axis ids, the notes master, typographic runs) are in
``lastpass``.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefgen.model import Briefing
from briefgen.render.pptx.text import emu
from briefgen.theme import deck as D

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS = {"a": _A}
_EPOCH = dt.datetime(2000, 1, 1)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_LANG = {"zh": "zh-CN", "en": "en-US"}
_EXT = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
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
