"""A deck chart's two parts (its XML and embedded workbook) remembered, so a warm build adds them again.

Drawing a native chart goes through python-pptx's chart data, which writes the workbook with
xlsxwriter (about 0.03 s to import) and builds and styles the chart XML (about 0.02 s a chart).
What that leaves in the package is two parts: the chart XML (``ppt/charts/chartN.xml``) and its
workbook (``ppt/embeddings/…xlsx``), which depend only on what the key names: the chart plan,
the chart, the theme, the language, the plot's size and the code that drew them (the drawing
modules by content, python-pptx, xlsxwriter and lxml by their version files; never a path or
a date, so every clone names a chart alike).

``chart_frame`` adds the parts from the cache entry named by that key, exactly as python-pptx's
``add_chart`` adds freshly drawn ones (same part names, relationships and graphic frame), or
draws the chart live and keeps its parts. Entries are verified (``briefgen.cache``) and read as
data: the XML must be a ``c:chartSpace`` that refers to no relationship (the workbook's is made
again here) and the workbook must be a zip; anything else is discarded and drawn live, so an
entry can never change a deck. ``pin_workbook`` fixes the workbook's dates, so its bytes repeat.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from copy import deepcopy
from functools import lru_cache
from typing import Callable

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.chart import ChartPart

from briefgen.cache import code_stamp, discard, entry, load, prune, store, touch

FORMAT = 1
MAX_ENTRIES = 200                       # charts kept; the least recently used go first
WORKBOOK_DATE = "2000-01-01T00:00:00Z"  # embedded workbooks carry this, not the build time
# briefgen's modules that decide a chart part (tests/render/pptx/test_pptx_chart_cache.py keeps
# this list whole: every briefgen module the drawing imports must be in it or be named harmless)
_OWN = ("render/pptx/chart.py", "render/pptx/chartlook.py", "render/pptx/chartparts.py",
        "render/pptx/timeaxis.py", "render/charts/style.py")
_LIBRARIES = {"pptx": ("__init__.py",), "xlsxwriter": ("__init__.py",), "lxml": ("__init__.py",)}
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@lru_cache(maxsize=1)
def _stamp() -> str:
    """Return the SHA-256 of the code that draws a deck chart (see the module docstring)."""
    return code_stamp(FORMAT, _OWN, _LIBRARIES)


def part_key(*parts: object) -> str:
    """Return the hex digest naming the chart parts drawn from ``parts`` (reprs of plain data)."""
    ident = repr((_stamp(), parts))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


def chart_frame(slide, key: str, x, y, cx, cy, draw: Callable[[], object]):
    """Return the graphic frame of a chart at (x, y, cx, cy) EMU on ``slide``: its parts added from
    the entry cached under ``key``, or ``draw()`` (which adds a chart there and returns its frame)
    run live and its parts kept."""
    path = entry("deck-charts", key)
    data = load(path)
    parts = _decode(data) if data is not None else None
    if parts is not None:
        touch(path)
        return _add(slide, *parts, x, y, cx, cy)
    if data is not None:
        discard(path)
    frame = draw()
    store(path, _encode(frame.chart.part))
    prune(path.parent, keep=MAX_ENTRIES)
    return frame


def _encode(part: ChartPart) -> bytes:
    """Return a chart part's entry: its XML without the workbook reference, then the workbook."""
    space = deepcopy(part._element)
    for ref in space.findall(qn("c:externalData")):
        space.remove(ref)
    xml = serialize_part_xml(space)
    return b"%d\n" % len(xml) + xml + part.chart_workbook.xlsx_part.blob


def _decode(data: bytes):
    """Return (chart XML element, workbook bytes) from an entry, or None when it is not one."""
    head, _, rest = data.partition(b"\n")
    if not head.isdigit() or int(head) > len(rest):
        return None
    xml, workbook = rest[:int(head)], rest[int(head):]
    try:
        space = parse_xml(xml)
    except etree.XMLSyntaxError:
        return None
    refers = any(name.startswith(_R_NS) for el in space.iter() for name in el.attrib)
    if space.tag != qn("c:chartSpace") or refers or not workbook.startswith(b"PK\x03\x04"):
        return None
    return space, workbook


def _add(slide, space, workbook: bytes, x, y, cx, cy):
    """Return the frame of a chart made of ``space`` and ``workbook``, added as python-pptx's
    ``SlideShapes.add_chart`` adds one (``ChartPart.new``, then ``relate_to`` and the frame)."""
    package = slide.part.package
    part = ChartPart(package.next_partname(ChartPart.partname_template), CT.DML_CHART, package, space)
    part.chart_workbook.update_from_xlsx_blob(workbook)
    shapes = slide.shapes
    frame = shapes._add_chart_graphicFrame(slide.part.relate_to(part, RT.CHART), x, y, cx, cy)
    shapes._recalculate_extents()
    return shapes._shape_factory(frame)


def pin_workbook(chart_) -> None:
    """Rewrite the embedded workbook with fixed dates, so the same chart gives the same bytes."""
    workbook = chart_.part.chart_workbook
    blob = workbook.xlsx_part.blob
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + WORKBOOK_DATE.encode(), data)
            entry_ = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            entry_.compress_type = zipfile.ZIP_DEFLATED
            entry_.external_attr = info.external_attr
            dst.writestr(entry_, data)
    workbook.update_from_xlsx_blob(out.getvalue())
