"""Tests of drawn shapes: no template style, decorative flag, outlines and alt text."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from briefgen.render.pptx.shapes import disc, rect, ring, rule, set_alt_text
from briefgen.render.pptx.text import emu


def _slide():
    prs = Presentation()
    return prs.slides.add_slide(prs.slide_layouts[6])


def test_rectangles_have_a_solid_fill_no_outline_no_style_and_are_decorative():
    shape = rect(_slide(), 10, 20, 30, 40, "1D3557", name="Panel", alpha=30)
    el = shape._element
    assert el.find(qn("p:style")) is None
    assert el.spPr.find(qn("a:solidFill"))[0].get("val") == "1D3557"
    assert el.spPr.find(qn("a:solidFill"))[0][0].get("val") == "30000"
    assert el.spPr.find(qn("a:ln")).find(qn("a:noFill")) is not None
    ext = el.xpath("./*[1]/p:cNvPr/a:extLst/a:ext")[0]
    assert ext[0].tag.endswith("}decorative") and ext[0].get("val") == "1"
    assert (shape.left, shape.top, shape.width, shape.height) == (emu(10), emu(20), emu(30), emu(40))
    assert shape.name == "Panel"


def test_a_rectangle_that_carries_meaning_is_not_decorative_and_takes_alt_text():
    shape = rect(_slide(), 0, 0, 10, 10, "FFFFFF", decorative=False)
    set_alt_text(shape, "Chart placeholder")
    assert shape._element.find(".//" + qn("a:extLst")) is None
    assert shape._element.xpath("./*[1]/p:cNvPr/@descr") == ["Chart placeholder"]


def test_discs_rings_and_rules():
    slide = _slide()
    d = disc(slide, 100, 100, 20, "C8102E")
    assert (d.left, d.width) == (emu(80), emu(40))
    r = ring(slide, 50, 50, 7, "0B4F6C", "FFFFFF", 3)
    ln = r._element.spPr.find(qn("a:ln"))
    assert ln.get("w") == str(emu(3)) and ln.find(qn("a:solidFill"))[0].get("val") == "FFFFFF"
    line = rule(slide, 0, 10, 100, 10, "D5DCE4", 0.75)
    assert line._element.find(qn("p:style")) is None and line.line.width == emu(0.75)


def test_a_rule_written_on_the_xml_is_the_connector_python_pptx_proxies_write():
    from lxml import etree
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_CONNECTOR

    ours = rule(_slide(), 10, 20, 110, 20, "D5DCE4", 0.75, name="Footer rule")
    theirs = _slide().shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(10), emu(20), emu(110), emu(20))
    theirs._element.remove(theirs._element.find(qn("p:style")))
    ext = etree.SubElement(etree.SubElement(theirs._element.nvCxnSpPr.cNvPr, qn("a:extLst")), qn("a:ext"))
    ext.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
    etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative",
                     nsmap={"adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"}
                     ).set("val", "1")
    theirs.line.color.rgb = RGBColor.from_string("D5DCE4")
    theirs.line.width = emu(0.75)
    theirs.name = "Footer rule"
    assert etree.tostring(ours._element) == etree.tostring(theirs._element)
    assert ours.line.color.rgb == RGBColor.from_string("D5DCE4") and ours.name == "Footer rule"


def test_shapes_added_from_copies_are_the_shapes_python_pptx_adds():
    from lxml import etree
    from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.connector import Connector

    from briefgen.render.pptx.shapes import add

    ours, theirs = _slide(), _slide()
    for slide, own in ((ours, True), (theirs, False)):
        for kind, box in (("textbox", (1, 2, 30, 40)), (MSO_SHAPE.OVAL, (5, 6, 7, 8)),
                          ("line", (10, 20, 300, 0)), (MSO_SHAPE.RECTANGLE, (0, 0, 9, 9)),
                          ("textbox", (3, 4, 5, 6))):
            if own:
                shape = add(slide, kind, *box)
                assert isinstance(shape, Connector if kind == "line" else Shape)
            elif kind == "textbox":
                slide.shapes.add_textbox(*box)
            elif kind == "line":
                x, y, cx, cy = box
                slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, y, x + cx, y + cy)
            else:
                slide.shapes.add_shape(kind, *box)
    xml = [etree.tostring(s.shapes._spTree) for s in (ours, theirs)]
    assert xml[0] == xml[1]
    assert [s.name for s in ours.shapes] == ["TextBox 1", "Oval 2", "Connector 3", "Rectangle 4",
                                             "TextBox 5"]


def test_title_element_is_the_placeholder_python_pptx_calls_the_title_on_every_layout():
    from briefgen.render.pptx.shapes import title_element

    prs = Presentation()
    found = []
    for layout in prs.slide_layouts:
        slide = prs.slides.add_slide(layout)
        rect(slide, 1, 2, 3, 4, "112233")           # a shape without a placeholder first
        slide.shapes._spTree.insert(2, slide.shapes._spTree[-1])
        own = slide.shapes.title
        mine = title_element(slide)
        assert mine is (None if own is None else own._element)
        found.append(mine is not None)
    assert found.count(False) == 1                   # "Blank" has no title


def test_set_box_writes_what_python_pptx_setters_write():
    from lxml import etree

    from briefgen.render.pptx.shapes import set_box

    prs = Presentation()
    ours, theirs = (prs.slides.add_slide(prs.slide_layouts[5]).shapes.title for _ in range(2))
    set_box(ours._element, 1, 2, 3, 4)
    theirs.left, theirs.top, theirs.width, theirs.height = 1, 2, 3, 4
    assert etree.tostring(ours._element.spPr) == etree.tostring(theirs._element.spPr)
    assert b'<a:off x="1" y="2"/><a:ext cx="3" cy="4"/>' in etree.tostring(ours._element.spPr)
    set_box(ours._element, 5, 6, 7, 8)                        # an xfrm already there is set in place
    theirs.left, theirs.top, theirs.width, theirs.height = 5, 6, 7, 8
    assert etree.tostring(ours._element.spPr) == etree.tostring(theirs._element.spPr)


def test_lines_in_every_direction_are_the_connectors_python_pptx_adds():
    from lxml import etree
    from pptx.enum.shapes import MSO_CONNECTOR

    from briefgen.render.pptx.shapes import add

    for (bx, by, ex, ey) in ((10, 20, 300, 400), (300, 20, 10, 400), (10, 400, 300, 20),
                             (300, 400, 10, 20), (10, 20, 10, 400)):
        ours, theirs = _slide(), _slide()
        mine = add(ours, ("line", bx > ex, by > ey), min(bx, ex), min(by, ey), abs(ex - bx),
                   abs(ey - by))
        own = theirs.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, bx, by, ex, ey)
        assert etree.tostring(mine._element) == etree.tostring(own._element)
        assert (mine.begin_x, mine.begin_y, mine.end_x, mine.end_y) == (bx, by, ex, ey)
