"""Make the test template org43.pptx: not briefgen's own, 4:3, Chinese layout names, a logo on the master.

Run from the repository: ``.venv/bin/python tests/theme/templates/make_templates.py``; then
``soffice --headless --convert-to pptx --outdir /tmp/lo tests/theme/templates/org43.pptx`` and
copy the result to ``org43-lo.pptx`` (the same template re-saved by LibreOffice Impress).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Pt

HERE = Path(__file__).parent
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
NAMES = ["标题幻灯片", "标题和内容", "节标题", "两栏内容", "比较", "仅标题", "空白", "内容与标题",
         "图片与标题", "标题和竖排文字", "竖排标题与文本"]
COLOURS = {"dk1": "222222", "lt1": "FFFFFF", "dk2": "004D40", "lt2": "E8F1EF", "accent1": "00796B",
           "accent2": "C62828", "accent3": "F9A825", "accent4": "5D4037", "accent5": "7986CB",
           "accent6": "9E9E9E"}


def main() -> None:
    prs = Presentation()                       # python-pptx's package: 4:3, 10 × 7.5 in
    master = prs.slide_master
    for layout, name in zip(prs.slide_layouts, NAMES):
        layout.name = name
    sample = prs.slides.add_slide(prs.slide_layouts[0])
    band = sample.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, prs.slide_height - Pt(44),
                                   prs.slide_width, Pt(44))     # under the footer placeholders
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor.from_string("004D40")
    band.line.fill.background()
    band.name = "品牌色带"
    tree = master.shapes._spTree             # moved from the sample slide to the master
    tree.insert(2, band._element)              # behind the placeholders
    for ph in master.placeholders:                # footer text in white on the brand band
        if ph.placeholder_format.type in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER,
                                          PP_PLACEHOLDER.SLIDE_NUMBER):
            rpr = ph._element.find(f".//{A}lstStyle/{A}lvl1pPr/{A}defRPr")
            for old in rpr.findall(f"{A}solidFill"):
                rpr.remove(old)
            fill = etree.Element(f"{A}solidFill")
            etree.SubElement(fill, f"{A}schemeClr").set("val", "bg1")
            rpr.insert(0, fill)
    _, r_id = master.part.get_or_add_image_part(str(HERE / "org-logo.png"))
    pic = CT_Picture.new_pic(100, "机构标志", "机构标志", r_id, Pt(640), Pt(14), Pt(60), Pt(30))
    tree.append(pic)
    theme = next(p for p in prs.part.package.iter_parts() if p.partname.endswith("theme1.xml"))
    root = etree.fromstring(theme.blob)
    for role, colour in COLOURS.items():
        slot = root.find(f".//{A}clrScheme/{A}{role}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{A}srgbClr").set("val", colour)
    for which in ("majorFont", "minorFont"):
        node = root.find(f".//{A}{which}")
        node.find(f"{A}latin").set("typeface", "Georgia" if which == "majorFont" else "Verdana")
        node.find(f"{A}ea").set("typeface", "SimHei")
    root.find(f".//{A}clrScheme").set("name", "机构配色")
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    sample.shapes.title.text = "示例幻灯片（应被删除）"
    prs.core_properties.title = "机构模板"
    prs.save(HERE / "org43.pptx")


if __name__ == "__main__":
    main()
