"""Tests of slide text: run properties in schema order, exact line pitch, fitting and its errors."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from briefgen.errors import FitError, Origin
from briefgen.render.pptx.text import (
    Para, Span, TextWriter, emu, fit, fit_or_fail, paras, text_width,
)
from briefgen.theme import CITY
from briefgen.theme import deck as D


def _box(lang: str, items):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return TextWriter(CITY, lang).box(slide, 10, 20, 300, 100, items, name="Box")


@pytest.mark.parametrize("lang, tag, alt", [("zh", "zh-CN", "en-US"), ("en", "en-US", "zh-CN")])
def test_runs_and_paragraph_ends_name_both_faces_in_schema_order(lang, tag, alt):
    shape = _box(lang, paras(["Jiangyin GDP", "second"], 18, "112233", bold=True))
    p = shape._element.txBody.findall(qn("a:p"))
    assert len(p) == 2
    for rpr in [*shape._element.iter(qn("a:rPr")), *shape._element.iter(qn("a:endParaRPr"))]:
        assert [c.tag for c in rpr] == [qn("a:solidFill"), qn("a:latin"), qn("a:ea")]
        assert rpr.find(qn("a:latin")).get("typeface") == "Arial"
        assert rpr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"
        assert (rpr.get("lang"), rpr.get("altLang"), rpr.get("sz"), rpr.get("b")) == (tag, alt, "1800", "1")


def test_text_boxes_wrap_without_autofit_and_with_exact_line_pitch():
    shape = _box("zh", paras(["一", "二"], 20, "000000", line=1.4, space=10))
    body = shape._element.txBody.find(qn("a:bodyPr"))
    assert body.get("wrap") == "square" and body.find(qn("a:noAutofit")) is not None
    assert [body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")] == ["0"] * 4
    pitches = [p.find(qn("a:lnSpc")).find(qn("a:spcPts")).get("val")
               for p in shape._element.iter(qn("a:pPr"))]
    spaces = [p.find(qn("a:spcBef")).find(qn("a:spcPts")).get("val")
              for p in shape._element.iter(qn("a:pPr"))]
    assert pitches == ["2800", "2800"] and spaces == ["0", "1000"]
    assert shape.left == emu(10) and shape.width == emu(300)


def test_bullet_paragraphs_hang_an_accent_marker():
    para = Para((Span("要点", 20, "000000"),), 28, indent=26, hang=26, marker="■",
                marker_color="C8102E")
    ppr = _box("zh", [para])._element.find(".//" + qn("a:pPr"))
    assert (ppr.get("marL"), ppr.get("indent")) == (str(emu(26)), str(-emu(26)))
    assert ppr.find(qn("a:buChar")).get("char") == "■"
    assert ppr.find(qn("a:buClr"))[0].get("val") == "C8102E"


def test_plain_paragraphs_say_no_bullet_and_letter_spacing_is_written():
    para = Para((Span("JJIP", 16, "FFFFFF", True, 2.0),), 24)
    shape = _box("en", [para])
    assert shape._element.find(".//" + qn("a:buNone")) is not None
    assert shape._element.find(".//" + qn("a:rPr")).get("spc") == "200"


def test_fit_shrinks_within_the_range_and_reports_lines():
    text = "江苏江阴—靖江工业园区成立于2003年8月29日，是全国首个跨江联动共建的开放园区。" * 3
    got = fit([text], 400, 120, D.BODY)
    assert got.fits and D.BODY.min <= got.size < D.BODY.max
    assert got.height <= 120
    assert all(text_width(line, got.size) <= 400 for line in got.lines[0])


def test_fit_or_fail_names_the_origin_and_the_overflow_at_the_floor():
    with pytest.raises(FitError) as err:
        fit_or_fail(["园区" * 400], 300, 100, D.BODY, origin=Origin("s.yaml", 3, 4), what="the box")
    assert str(err.value).startswith("s.yaml:3:4: the box overflows its box by ")
    assert str(err.value).endswith(" pt at the 14 pt floor")


def _lines(shape) -> list[list[str]]:
    """Return each paragraph's written lines (python-pptx shows a:br as a vertical tab)."""
    return [p.text.split("\v") for p in shape.text_frame.paragraphs]


def test_the_writer_breaks_display_text_at_phrases_and_writes_the_breaks():
    from briefgen.render.pptx.text import text_width

    title = "江苏江阴—靖江工业园区投资推介"
    w = text_width("江苏江阴—靖江工", 30, True) / (1 - D.WIDTH_MARGIN) + 1   # not 靖江工|业园区
    shape = _box("zh", paras([title], 30, "112233", bold=True))
    shape.width = Pt(w)
    TextWriter(CITY, "zh").fill(shape, paras([title], 30, "112233", bold=True))
    assert _lines(shape) == [["江苏江阴—靖江", "工业园区投资推介"]]
    assert len(shape._element.findall(".//" + qn("a:br"))) == 1
    br = shape._element.find(".//" + qn("a:br"))
    assert br.find(qn("a:rPr")).get("sz") == "3000"


def test_english_breaks_keep_their_space_and_leave_no_lone_last_word():
    text = "Jiangsu Jiangyin–Jingjiang Industrial Park: investor briefing"
    from briefgen.render.pptx.text import written_lines, text_width

    width = text_width("Jiangsu Jiangyin–Jingjiang Industrial Park: investor", 28, True)
    lines = written_lines(text, width / (1 - D.WIDTH_MARGIN) + 0.5, 28, True)
    assert "".join(lines) == text and len(lines) == 2
    assert lines[-1].strip() != "briefing" and lines[0].endswith(" ")


def test_chinese_marks_get_runs_of_their_own_in_the_east_asian_face():
    shape = _box("zh", paras(["打响“科创江阴”品牌"], 18, "112233"))
    runs = [(r.findtext(qn("a:t")), r.find(f"{qn('a:rPr')}/{qn('a:latin')}").get("typeface"))
            for r in shape._element.iter(qn("a:r"))]
    assert runs == [("打响", "Arial"), ("“", "Microsoft YaHei"), ("科创江阴", "Arial"),
                    ("”", "Microsoft YaHei"), ("品牌", "Arial")]
    ea = shape._element.find(".//" + qn("a:ea"))
    assert (ea.get("charset"), ea.get("pitchFamily")) == ("-122", "34")


def test_an_english_run_holding_chinese_is_tagged_chinese():
    shape = _box("en", paras(["Source: “江阴GDP破5000亿元”"], 12, "112233"))
    assert {r.get("lang") for r in shape._element.iter(qn("a:rPr"))} == {"zh-CN"}
    shape = _box("en", paras(["Jiangyin’s GDP"], 12, "112233"))
    assert {r.get("lang") for r in shape._element.iter(qn("a:rPr"))} == {"en-US"}


def _runs(shape) -> list[tuple[str, str]]:
    return [(r.findtext(qn("a:t")), r.find(qn("a:rPr")).get("sz")) for r in shape._element.iter(qn("a:r"))]


@pytest.mark.parametrize("text, anchored", [
    ("“科创江阴”目标", True),
    ("——园区简介（2024年）", True),
    ("打响“科创江阴”品牌", False),        # a mark in mid-paragraph joins the text before it
    ("“5+1”主导产业", False),             # the marks lead Latin text, not Chinese
    ("“Little giant” firms", False),
])
def test_a_paragraph_opening_with_marks_before_chinese_starts_with_a_1pt_anchor(text, anchored):
    from briefgen.render.pptx.text import ANCHOR, anchor_start

    shape = _box("zh", paras([text], 30, "112233", bold=True))
    runs = _runs(shape)
    assert (runs[0] == (ANCHOR, "100")) is anchored
    assert "".join(t for t, _ in runs) == (ANCHOR if anchored else "") + text
    assert all(sz == "3000" for _, sz in runs[1 if anchored else 0:])
    p = shape._element.find(".//" + qn("a:p"))
    assert anchor_start(p) is False                 # twice changes nothing
    assert len(_runs(shape)) == len(runs)


def test_the_writer_leaves_no_paragraph_the_anchor_pass_would_still_anchor():
    """The writer tries the anchor only on paragraphs whose written text opens with weak marks:
    whatever the breaker does with leading space and however the spans split, none is missed."""
    from briefgen.render.pptx.text import ANCHOR, anchor_start

    texts = ["  “科创江阴”目标", "\n“科创江阴”目标", "“”", "——", "…江阴", "江阴“科创”", ""]
    items = paras(texts, 30, "112233")
    items.append(Para((Span("", 30, "112233"), Span("“科创”江阴", 30, "112233", True)), 36))
    items.append(Para((Span("“", 30, "112233"), Span("科创江阴", 30, "112233", True)), 36))
    shape = _box("zh", items)
    ps = shape._element.findall(".//" + qn("a:p"))
    firsts = [p.findtext(qn("a:r") + "/" + qn("a:t")) for p in ps]
    assert [f == ANCHOR for f in firsts] == [False, False, False, False, True, False, False,
                                             True, True]
    assert [anchor_start(p) for p in ps] == [False] * len(ps)


def _gap_after_first_mark(pdf_path) -> list[float]:
    """Return, for each text line of the rendered page, the gap (pt) after its first “."""
    import pdfplumber

    gaps = []
    with pdfplumber.open(pdf_path) as pdf:
        chars = sorted(pdf.pages[0].chars, key=lambda c: (round(c["top"]), c["x0"]))
    for a, b in zip(chars, chars[1:]):
        if a["text"] == "“" and round(a["top"]) == round(b["top"]):
            gaps.append(b["x0"] - a["x1"])
    return gaps


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_sets_an_opening_quote_flush_with_the_chinese_after_it(tmp_path):
    """Measured on LibreOffice's rendering: the anchored title has no gap after its “; the same
    paragraph with its anchor taken out (the planted defect) shows LibreOffice's 1/5-line gap."""
    import subprocess

    from briefgen.render.pptx.text import ANCHOR

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    writer = TextWriter(CITY, "zh")
    writer.box(slide, 20, 20, 600, 50, paras(["“科创江阴”目标"], 30, "112233", bold=True))
    bare = writer.box(slide, 20, 120, 600, 50, paras(["“科创江阴”目标"], 30, "112233", bold=True))
    for r in list(bare._element.iter(qn("a:r"))):
        if r.findtext(qn("a:t")) == ANCHOR:
            r.getparent().remove(r)
    prs.save(tmp_path / "q.pptx")
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "q.pptx")],
                   check=True, capture_output=True, timeout=240)
    anchored, planted = _gap_after_first_mark(tmp_path / "q.pdf")
    assert abs(anchored) < 0.5
    assert planted > 5.0           # 30 pt bold: 7.2 pt here


def test_a_writer_reused_writes_each_box_as_a_fresh_writer_would_and_its_copies_stay_apart():
    from lxml import etree

    items = [Para((Span("“科创江阴”品牌", 18, "112233", True), Span(" GDP", 12, "445566")), 24, "ctr"),
             *paras(["Jiangyin GDP", "第二段"], 14, "112233", line=1.3, space=6)]
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    writer = TextWriter(CITY, "zh")
    first = writer.box(slide, 10, 20, 300, 100, items, name="A")
    second = writer.box(slide, 10, 20, 300, 100, items, name="A")
    fresh = _box("zh", items)
    fresh.name = "A"
    xml = [etree.tostring(s._element.txBody) for s in (first, second, fresh)]
    assert xml[0] == xml[1] == xml[2]
    first._element.txBody.find(f".//{qn('a:rPr')}").set("sz", "999")
    first._element.txBody.find(f".//{qn('a:pPr')}").set("algn", "r")
    assert etree.tostring(second._element.txBody) == xml[2]
    assert b"999" not in etree.tostring(writer.box(slide, 0, 0, 100, 50, items)._element.txBody)
