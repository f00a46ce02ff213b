"""Tests of the last pass: one zip pass, fixed dates, unsigned axis ids, the notes master, typographic runs."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from briefgen.render.pptx.lastpass import (
    list_notes_master, reproducible_zip, save_package, set_runs, unsigned_axis_ids,
)
from briefgen.render.pptx.package import new_presentation, title_layout

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)          # stamped with the current time
    return out.getvalue()


def test_reproducible_zip_fixes_entry_dates_core_dates_and_nested_workbooks():
    core = (b'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2031-05-06T07:08:09Z'
            b'</dcterms:created><dcterms:modified xsi:type="x">2031-05-06T07:08:09Z</dcterms:modified>'
            b'</cp:coreProperties>')
    book = _zip({"docProps/core.xml": core, "xl/workbook.xml": b"<w/>"})
    deck = _zip({"[Content_Types].xml": b"<t/>", "docProps/core.xml": core,
                 "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx": book})
    when = dt.datetime(2025, 1, 1)
    fixed = reproducible_zip(deck, when)
    assert fixed == reproducible_zip(deck, when)
    with zipfile.ZipFile(io.BytesIO(fixed)) as z:
        assert z.namelist() == ["[Content_Types].xml", "docProps/core.xml",
                                "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx"]
        assert {i.date_time for i in z.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        assert b"2031" not in z.read("docProps/core.xml")
        assert z.read("docProps/core.xml").count(b"2025-01-01T00:00:00Z") == 2
        with zipfile.ZipFile(io.BytesIO(z.read("ppt/embeddings/Microsoft_Excel_Sheet1.xlsx"))) as x:
            assert {i.date_time for i in x.infolist()} == {(2025, 1, 1, 0, 0, 0)}
            assert b"2031" not in x.read("docProps/core.xml")


def test_negative_axis_ids_become_the_same_ids_modulo_2_31():
    xml = (b'<c:barChart><c:axId val="-2068027336"/><c:axId val="42"/></c:barChart>'
           b'<c:catAx><c:axId val="-2068027336"/><c:crossAx val="42"/></c:catAx>')
    out = unsigned_axis_ids(xml)
    assert out.count(b'val="79456312"') == 2 and b"-" not in out and out.count(b'val="42"') == 2


P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_the_notes_master_is_listed_after_the_slide_masters():
    from lxml import etree

    pres = (f'<p:presentation xmlns:p="{P_NS}" xmlns:r="{R_NS}"><p:sldMasterIdLst>'
            f'<p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst/>'
            f'</p:presentation>').encode()
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/notesMaster" Target="notesMasters/notesMaster1.xml"/></Relationships>')
    root = etree.fromstring(list_notes_master(pres, rels))
    assert [etree.QName(c).localname for c in root] == ["sldMasterIdLst", "notesMasterIdLst", "sldIdLst"]
    assert root[1][0].get(f"{{{R_NS}}}id") == "rId9"
    no_notes = rels.replace(b"notesMaster\"", b"slide\"")
    assert list_notes_master(pres, no_notes) == pres


def test_chinese_runs_get_their_quotes_in_the_east_asian_face_and_english_curly_quotes():
    from lxml import etree

    def run(lang, text):
        return (f'<a:r><a:rPr lang="{lang}"><a:latin typeface="Arial"/><a:ea typeface="Microsoft YaHei"/>'
                f'</a:rPr><a:t>{text}</a:t></a:r>')

    xml = (f'<p:sld xmlns:p="{P_NS}" xmlns:a="{A[1:-1]}"><a:p>' + run("zh-CN", "打响“科创江阴”品牌")
           + run("en-US", "China's \"little giant\"") + '</a:p></p:sld>').encode()
    root = etree.fromstring(set_runs(xml))
    runs = [(r.findtext(A + "t"), r.find(f"{A}rPr/{A}latin").get("typeface")) for r in root.iter(A + "r")]
    assert runs == [("打响", "Arial"), ("“", "Microsoft YaHei"), ("科创江阴", "Arial"),
                    ("”", "Microsoft YaHei"), ("品牌", "Arial"),
                    ("China’s “little giant”", "Arial")]


def test_one_pass_save_gives_the_bytes_of_python_pptx_save_then_the_last_pass():
    from lxml import etree
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Pt


    prs = new_presentation()
    slide = prs.slides.add_slide(title_layout(prs))
    slide.shapes.title.text = "打响“科创江阴”品牌"
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    run.font.name, run.font.size = "Arial", Pt(20)
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN")
    rpr.append(rpr.makeelement(A + "ea", {"typeface": "Microsoft YaHei"}))
    slide.notes_slide.notes_text_frame.text = "China's \"little giant\""
    data = CategoryChartData()
    data.categories = ["2023", "2024"]
    data.add_series("GDP", (4.9, 5.1))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 10**6, 10**6, data)
    when = dt.datetime(2025, 1, 1)
    buffer = io.BytesIO()
    prs.save(buffer)
    two_pass = reproducible_zip(buffer.getvalue(), when)
    one_pass = save_package(prs, when)
    assert one_pass == two_pass
    with zipfile.ZipFile(io.BytesIO(one_pass)) as z:
        names = z.namelist()
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert any(n.endswith(".xlsx") for n in names)
        assert "ppt/notesSlides/notesSlide1.xml" in names
        root = etree.fromstring(z.read("ppt/slides/slide1.xml"))
        runs = [(r.findtext(A + "t"), r.find(f"{A}rPr/{A}latin").get("typeface"))
                for r in root.iter(A + "r")]
        assert runs[:2] == [("打响", "Arial"), ("“", "Microsoft YaHei")]
        assert "China’s “little giant”" in z.read("ppt/notesSlides/notesSlide1.xml").decode()


def test_rels_xml_writes_the_bytes_python_pptx_writes_for_every_part():
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from briefgen.render.pptx.lastpass import rels_xml

    prs = new_presentation()
    for _ in range(11):                 # rId10 and rId11 sort after rId9, as numbers
        slide = prs.slides.add_slide(title_layout(prs))
    slide.part.relate_to("https://example.org/a?b=1&c=<2>", RT.HYPERLINK, is_external=True)
    slide.notes_slide.notes_text_frame.text = "notes"
    parts = list(prs.part.package.iter_parts())
    rels = [prs.part.package._rels] + [p.rels for p in parts if p._rels]
    assert len(rels) > 20
    assert b'TargetMode="External"' in rels_xml(slide.part.rels)
    assert b"&amp;c=&lt;2&gt;" in rels_xml(slide.part.rels)
    assert rels_xml(prs.part.rels).index(b'"rId9"') < rels_xml(prs.part.rels).index(b'"rId10"')
    assert [rels_xml(r) for r in rels] == [r.xml for r in rels]


def test_content_types_xml_writes_the_bytes_python_pptx_writes():
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    from briefgen.render.pptx.lastpass import content_types_xml

    prs = new_presentation()
    slide = prs.slides.add_slide(title_layout(prs))
    slide.notes_slide.notes_text_frame.text = "notes"
    data = CategoryChartData()
    data.categories = ["2023", "2024"]
    data.add_series("GDP", (4.9, 5.1))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 10**6, 10**6, data)
    parts = tuple(prs.part.package.iter_parts())
    ours = content_types_xml(parts)
    assert b'Extension="xlsx"' in ours and b'PartName="/ppt/charts/chart1.xml"' in ours
    assert ours == serialize_part_xml(_ContentTypesItem.xml_for(parts))
