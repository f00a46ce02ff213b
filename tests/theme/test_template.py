"""`briefgen template inspect|check`: layouts matched by placeholders, located problems."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import yaml
from pptx import Presentation

from briefgen.theme.template import layouts, mapping, open_template, read_template
from cli_helpers import run

TEMPLATES = Path(__file__).parent / "templates"
ORG = TEMPLATES / "org43.pptx"


def test_layouts_are_matched_by_placeholders_not_names():
    chosen = {k: (v.index + 1 if v else None) for k, v in mapping(layouts(open_template(ORG))).items()}
    assert chosen == {"title": 1, "section": 3, "kpis": 2, "bullets": 2, "chart": 2, "timeline": 2,
                      "table": 2, "compare": 4, "image": 9, "quote": 2, "closing": 1}


def test_inspect_lists_placeholders_and_writes_an_editable_mapping(tmp_path):
    out = tmp_path / "org.layouts.yaml"
    result = run("template", "inspect", ORG, "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{ORG}: slides 4:3, 720 × 540 pt, 1 master(s), 11 layout(s)"
    assert lines[1] == 'master 1 layout 1 "标题幻灯片" (ppt/slideLayouts/slideLayout1.xml)'
    assert lines[2].split() == ["ctrTitle", "idx", "0", "612", "×", "115.8", "pt", "at", "(54,",
                                "167.8)", '"Title', '1"']
    assert 'section   -> layout 3 "节标题"' in lines
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["slide_size_pt"] == [720.0, 540.0]
    assert doc["layouts"]["compare"] == {"master": 1, "layout": 4, "name": "两栏内容"}
    assert doc["theme_colours"]["accent1"] == "00796B"


def test_a_potx_template_is_read_as_a_presentation(tmp_path):
    potx = tmp_path / "org.potx"
    with zipfile.ZipFile(ORG) as src, zipfile.ZipFile(potx, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"presentation.main+xml", b"template.main+xml")
            dst.writestr(info, blob)
    assert b"template.main+xml" in zipfile.ZipFile(potx).read("[Content_Types].xml")
    assert b"template.main+xml" not in zipfile.ZipFile(io.BytesIO(
        read_template(potx))).read("[Content_Types].xml")
    result = run("template", "check", potx)
    assert (result.exit_code, result.output) == (0, f"{potx}: ok, every slide type has a layout\n")


def test_check_names_each_slide_type_without_a_usable_layout(tmp_path):
    prs = Presentation(str(ORG))
    for layout in prs.slide_layouts:          # no layout keeps a title placeholder
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type is not None and "TITLE" in str(ph.placeholder_format.type):
                ph._element.getparent().remove(ph._element)
    broken = tmp_path / "broken.pptx"
    prs.save(broken)
    result = run("template", "check", broken)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (f"{broken}: slide type 'title': no layout of ppt/slideMasters/slideMaster1.xml "
                        "has a title placeholder")
    assert lines[2] == (f"{broken}: slide type 'kpis': no layout of ppt/slideMasters/slideMaster1.xml "
                        "has a title and a content placeholder (body, picture, chart or table)")
    assert len(lines) == 11


def test_check_refuses_a_file_that_is_not_a_presentation(tmp_path):
    text = tmp_path / "notes.pptx"
    text.write_text("hello", encoding="utf-8")
    result = run("template", "check", text)
    assert (result.exit_code, result.output) == (
        1, f"{text}: not a PowerPoint presentation (.pptx or .potx): it is not an Office Open XML package\n")
    docx = tmp_path / "letter.pptx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    result = run("template", "check", docx)
    assert result.output == f"{docx}: not a PowerPoint presentation (.pptx or .potx): it has no ppt/presentation.xml\n"


def _copy_with(tmp_path: Path, name: str, change=None, extra: dict | None = None) -> Path:
    """Return a copy of the org template with each part passed through ``change`` and ``extra`` parts."""
    out = tmp_path / name
    with zipfile.ZipFile(ORG) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, change(info.filename, data) if change else data)
        for part, data in (extra or {}).items():
            dst.writestr(part, data)
    return out


def test_a_template_that_unpacks_too_large_is_refused_before_unpacking(tmp_path):
    bomb = _copy_with(tmp_path, "bomb.pptx", extra={"ppt/media/huge.bin": b"\0" * (301 << 20)})
    assert bomb.stat().st_size < 2 << 20                    # a small file …
    result = run("template", "check", bomb)
    assert (result.exit_code, result.output) == (1, f"{bomb}: the template unpacks to 301 MB in "
            f"{len(zipfile.ZipFile(bomb).infolist())} parts, more than the 300 MB and 5000 parts briefgen "
            "reads; remove unused layouts, pictures and media from it\n")


def test_a_template_linking_a_picture_to_an_outside_file_is_refused(tmp_path):
    link = ('<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'image" Target="file:///etc/passwd" TargetMode="External"/>')

    def linked(name, data):
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            return data.replace(b"</Relationships>", link.encode() + b"</Relationships>")
        return data

    bad = _copy_with(tmp_path, "linked.pptx", linked)
    result = run("template", "check", bad)
    assert (result.exit_code, result.output) == (1, f"{bad}: the template links its image in "
            "ppt/slideMasters/slideMaster1.xml to an outside file (file:///etc/passwd), which every viewer "
            "of the deck would fetch; insert the picture or object into the template instead of linking it\n")
    hyperlink = link.replace("relationships/image", "relationships/hyperlink").replace("file:///etc/passwd",
                                                                                     "https://example.org")
    fine = _copy_with(tmp_path, "hyperlinked.pptx",
                      lambda n, d: linked(n, d).replace(link.encode(), hyperlink.encode()))
    assert run("template", "check", fine).exit_code == 0


def test_the_test_templates_pass_the_check(tmp_path):
    for name in ("org43.pptx", "org43-lo.pptx"):
        shutil.copy(TEMPLATES / name, tmp_path / name)
        result = run("template", "check", tmp_path / name)
        assert result.exit_code == 0, result.output


def _org_with_mapping(tmp_path, text: str) -> Path:
    shutil.copy(ORG, tmp_path / "org43.pptx")
    (tmp_path / "org43.layouts.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "org43.pptx"


def test_inspect_writes_the_mapping_beside_the_template_and_keeps_an_edited_one(tmp_path):
    shutil.copy(ORG, tmp_path / "org43.pptx")
    result = run("template", "inspect", tmp_path / "org43.pptx")
    target = tmp_path / "org43.layouts.yaml"
    assert result.output.splitlines()[-1] == f"wrote {target}"
    target.write_text("layouts:\n  bullets: 两栏内容\n", encoding="utf-8")
    result = run("template", "inspect", tmp_path / "org43.pptx")
    assert result.output.splitlines()[-1] == f"kept {target}: it exists (your choices); --force rewrites it"
    assert target.read_text(encoding="utf-8") == "layouts:\n  bullets: 两栏内容\n"
    run("template", "inspect", tmp_path / "org43.pptx", "--force")
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["layouts"]["bullets"]["layout"] == 2


def test_the_written_mapping_reads_back_as_briefgens_own_choice(tmp_path):
    from briefgen.theme.layout_map import read_mapping

    pptx = tmp_path / "org43.pptx"
    shutil.copy(ORG, pptx)
    run("template", "inspect", pptx)
    auto = mapping(layouts(open_template(ORG)))
    assert read_mapping(pptx) == tuple((k, 0, v.index) for k, v in auto.items())


def test_check_locates_every_problem_of_an_edited_mapping(tmp_path):
    pptx = _org_with_mapping(tmp_path, (
        "layouts:\n"
        "  bullets: 两栏内容\n"                         # fine: by name
        "  chart: 标题与内容\n"                          # no such name
        "  kpis: {master: 1, layout: 7, name: 空白}\n"  # the blank layout: no title
        "  picture: 图片与标题\n"                        # no such slide type
        "  table: {layout: 2, name: 比较}\n"             # number and name disagree
        "  quote: {layout: 12}\n"))                      # there are 11
    result = run("template", "check", pptx)
    assert result.exit_code == 1
    where = tmp_path / "org43.layouts.yaml"
    assert result.output.splitlines() == [
        f"{where}:3:10: layouts.chart: no layout of master 1 is named “标题与内容”; its layouts are "
        "“标题幻灯片”, “标题和内容”, “节标题”, “两栏内容”, “比较”, “仅标题”, “空白”, “内容与标题”, "
        "“图片与标题”, “标题和竖排文字”, “竖排标题与文本”",
        f"{where}:4:9: layouts.kpis: layout 7 “空白” of master 1 has no title placeholder; a kpis "
        "slide needs a title and a content placeholder (body, picture, chart or table)",
        f"{where}:5:3: layouts: expected a slide type (title, section, kpis, bullets, chart, "
        "timeline, table, compare, image, quote, closing) but received 'picture'",
        f"{where}:6:28: layouts.table: layout 2 of master 1 is “标题和内容”, not “比较”; give the "
        "number or the name",
        f"{where}:7:19: layouts.quote.layout: expected a number from 1 to 11 but received '12'"]


def test_check_names_the_mapping_it_followed(tmp_path):
    pptx = _org_with_mapping(tmp_path, "layouts:\n  bullets: 两栏内容\n  image: null\n")
    result = run("template", "check", pptx)
    assert (result.exit_code, result.output) == (
        0, f"{pptx}: ok, every slide type has a layout (as org43.layouts.yaml chooses)\n")


def _resized(tmp_path: Path, name: str, cx: int, cy: int) -> Path:
    """Return a copy of the org template with its slide size set to cx × cy EMU (layouts unchanged)."""
    import re

    def size(part, data):
        if part == "ppt/presentation.xml":
            return re.sub(rb'<p:sldSz [^>]*/>', f'<p:sldSz cx="{cx}" cy="{cy}"/>'.encode(), data)
        return data
    return _copy_with(tmp_path, name, size)


def test_a_template_with_slides_too_small_to_read_is_refused(tmp_path):
    tiny = _resized(tmp_path, "tiny.pptx", 914400, 685800)
    result = run("template", "check", tiny)
    assert (result.exit_code, result.output) == (1, f"{tiny}: the template's slides are 72 × 54 pt, smaller "
            "than the 288 × 216 pt (4 × 3 in) a briefing needs; set a larger slide size in the template "
            "(Design › Slide Size)\n")


def test_placeholders_off_the_slide_serve_nothing_and_check_says_so(tmp_path):
    """A portrait slide size over landscape layouts: placeholders past the slide's right edge are not
    used (what went into them would be cut off), and check says why a slide type has no layout."""
    portrait = _resized(tmp_path, "portrait.pptx", 6858000, 9144000)
    found = layouts(open_template(portrait))
    off = [p for lay in found for p in lay.placeholders if not p.inside]
    assert off and all(p.box[0] + p.box[2] > 541 for p in off)
    assert all(p.inside for lay in found for p in lay.of("title", "ctrTitle", "body", "obj", "pic"))
    result = run("template", "check", portrait)
    assert result.exit_code == 1
    assert "lie outside the 540 × 720 pt slide)" in result.output
