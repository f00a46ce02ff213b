"""The park spec built on test templates that are not briefgen's own (4:3, Chinese layout names,
a logo on the master), one of them re-saved by LibreOffice Impress."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PP

from briefgen.build import build
from briefgen.theme.template import layouts, mapping, open_template
from paths import DATA, ROOT

TEMPLATES = Path(__file__).parent / "templates"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
FOUR_THREE = (9144000, 6858000)


def park_on(folder: Path, theme: str, out: str = "out", files: dict | None = None) -> Path:
    """Return the Chinese park deck built in ``folder`` with theme file ``theme`` (and ``files``)."""
    for f in TEMPLATES.iterdir():
        if f.suffix in (".pptx", ".yaml", ".png"):
            shutil.copy(f, folder / f.name)
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    (folder / "park.yaml").write_text(text.replace("\ntheme: park\n", f"\ntheme: {theme}\n"),
                                      encoding="utf-8")
    build(folder / "park.yaml", folder / out, formats=["pptx"], langs=["zh"], data_dir=DATA)
    return folder / out / "park.pptx"


@pytest.fixture(scope="module", params=["org.yaml", "org-lo.yaml"])
def theme(request):
    return request.param


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> Path:
    """Return the park deck on briefgen's own start."""
    return park_on(tmp_path_factory.mktemp("own"), "park")


@pytest.fixture(scope="module")
def slides(own) -> int:
    """Return how many slides the park deck has on briefgen's own start."""
    return len(Presentation(str(own)).slides)


@pytest.fixture(scope="module")
def deck(theme, tmp_path_factory):
    return park_on(tmp_path_factory.mktemp("tpl"), theme)


def test_the_deck_has_the_templates_size_masters_and_no_sample_slide(deck, theme, slides):
    prs = Presentation(str(deck))
    template = Presentation(str(TEMPLATES / "org43.pptx"))
    assert (prs.slide_width, prs.slide_height) == FOUR_THREE
    assert len(prs.slides) == slides > 10
    assert not any("示例" in s.shapes.title.text for s in prs.slides if s.shapes.title)
    master = prs.slide_masters[0]
    logo = [s for s in master.shapes if s.shape_type == 13]          # a picture on the master
    assert [s.image.blob for s in logo] == [(TEMPLATES / "org-logo.png").read_bytes()]
    names = [layout.name for layout in prs.slide_layouts]
    if theme == "org.yaml":                 # LibreOffice renames layouts on saving
        assert names == [layout.name for layout in template.slide_layouts]
    # each slide is on the layout its slide type maps to, matched by placeholders, not names
    chosen = mapping(layouts(open_template(TEMPLATES / _template(theme))))
    kinds = ["title", "kpis", "bullets", "section", "compare", "bullets", "timeline", "timeline",
             "table", "compare", "chart", "quote", "closing"]             # the park spec's slides
    assert [s.slide_layout.name for s in prs.slides] == [chosen[k].name for k in kinds]
    if theme == "org.yaml":
        assert [chosen[k].name for k in ("title", "bullets", "section", "compare")] == [
            "标题幻灯片", "标题和内容", "节标题", "两栏内容"]


def _template(theme: str) -> str:
    return "org43.pptx" if theme == "org.yaml" else "org43-lo.pptx"


def _scheme(pptx: Path) -> dict[str, str]:
    """Return the first theme's colours and faces: {role: value}."""
    with zipfile.ZipFile(pptx) as z:
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
    out = {slot.tag[len(A):]: slot[0].get("val", slot[0].get("lastClr", "")).upper()
           for slot in theme.find(f".//{A}clrScheme")}
    for which in ("majorFont", "minorFont"):
        for face in ("latin", "ea"):
            out[f"{which}.{face}"] = theme.find(f".//{A}{which}/{A}{face}").get("typeface")
    return out


def test_the_templates_theme_colours_and_fonts_are_kept(deck, theme):
    template = TEMPLATES / ("org43.pptx" if theme == "org.yaml" else "org43-lo.pptx")
    assert _scheme(deck) == _scheme(template)
    assert _scheme(deck)["accent1"] == "00796B"
    if theme == "org.yaml":                 # LibreOffice writes its own faces on saving
        assert (_scheme(deck)["majorFont.latin"], _scheme(deck)["minorFont.ea"]) == ("Georgia", "SimHei")


def _own_box(shape) -> bool:
    return shape._element.find(f"./{P}spPr/{A}xfrm") is not None


def _content(placeholders):
    return next(p for p in placeholders if p.placeholder_format.type == PP.OBJECT)


def test_title_list_and_footer_fill_the_layouts_placeholders(deck, theme):
    prs = Presentation(str(deck))
    slide = prs.slides[2]                            # 区位与定位: a bullet list
    title, body = slide.shapes.title, _content(slide.placeholders)
    assert title.text == "区位与定位" and body.text_frame.text.startswith("地处国家沿海经济带")
    # the list keeps no box of its own: the layout's content placeholder's, 648 pt wide at x 36
    # (LibreOffice writes its placeholders without an index, so the box is written out there)
    assert _own_box(body) == (theme == "org-lo.yaml")
    assert (body.left, body.width) == (pytest.approx(36 * 12700, abs=12700),
                                       pytest.approx(648 * 12700, abs=12700))
    # fitted from the inherited 32 pt down: every run at one size, no larger, and no smaller
    # than the deck's 14 pt floor scaled by 648 / 840
    sizes = {int(r.get("sz")) for r in body._element.iter(f"{A}rPr")}
    assert len(sizes) == 1 and 1080 <= sizes.pop() <= 3200
    # the title takes the template's look: no colour or weight of briefgen's, its inherited 44 pt
    rpr = title._element.find(f".//{A}rPr")
    assert (rpr.get("b"), rpr.find(f"{A}solidFill"), rpr.get("sz")) == (None, None, "4400")
    if theme == "org.yaml":
        assert not _own_box(title)                  # the layout's own title box
    else:                                           # LibreOffice gave it the centred title's box
        assert _own_box(title) and title.top + title.height <= body.top
        assert title.top >= 43.9 * 12700            # under the master's logo (14 + 30 pt)
    kinds = {s.placeholder_format.type: s for s in slide.placeholders}
    assert kinds[PP.DATE].text == "数据截至2025年"
    assert kinds[PP.FOOTER].text.startswith("来源：")
    field = kinds[PP.SLIDE_NUMBER]._element.find(f".//{A}fld")
    assert (field.get("type"), field.find(f"{A}t").text) == ("slidenum", "3")


def test_other_content_is_scaled_into_the_content_placeholder(deck):
    prs = Presentation(str(deck))
    slide = prs.slides[1]                            # 园区概览: KPI cards
    body = _content(slide.slide_layout.placeholders)
    cards = [s for s in slide.shapes if not s.is_placeholder]
    left = min(s.left for s in cards)
    right = max(s.left + s.width for s in cards)
    assert body.left - 2 <= left and right <= body.left + body.width + 2
    assert abs((left - body.left) - (body.left + body.width - right)) < 12700   # centred
    for shape in cards:
        assert body.top - 2 <= shape.top and shape.top + shape.height <= body.top + body.height + 2


def test_the_template_deck_validates_and_builds_byte_identical(deck, theme, tmp_path):
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(str(deck))
    assert [str(e) for e in result.errors] == []
    again = park_on(tmp_path, theme)
    assert again.read_bytes() == deck.read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_every_slide_at_4_3(deck, slides, tmp_path):
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                   check=True, capture_output=True, timeout=240)
    import pdfplumber

    with pdfplumber.open(tmp_path / "park.pdf") as pdf:
        assert len(pdf.pages) == slides
        assert {(round(p.width), round(p.height)) for p in pdf.pages} == {(720, 540)}
        assert "园区概览" in pdf.pages[1].extract_text()
        # the master's logo: 60 × 30 pt at (640, 14) from the top left
        logos = [(round(i["x0"]), round(i["top"]), round(i["width"])) for i in pdf.pages[1].images]
        assert (640, 14, 60) in logos


_EXT = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _app(pptx: Path) -> tuple[etree._Element, list[str]]:
    with zipfile.ZipFile(pptx) as z:
        return etree.fromstring(z.read("docProps/app.xml")), z.namelist()


def test_the_document_properties_name_the_decks_own_size_and_nothing_of_the_template(deck, own,
                                                                                     slides):
    app, names = _app(deck)
    assert app.findtext(f"{_EXT}PresentationFormat") == "On-screen Show (4:3)"
    assert (app.findtext(f"{_EXT}Application"), app.findtext(f"{_EXT}Slides")) == ("briefgen",
                                                                                   str(slides))
    assert app.find(f"{_EXT}TitlesOfParts") is None          # the template's part titles
    assert "docProps/thumbnail.jpeg" not in names            # a picture of its sample slide
    if "docProps/custom.xml" in names:                      # LibreOffice's own size property
        with zipfile.ZipFile(deck) as z:
            assert b"On-screen Show (4:3)" in z.read("docProps/custom.xml")
    assert _app(own)[0].findtext(f"{_EXT}PresentationFormat") == "Widescreen"


def test_every_chinese_run_names_the_templates_east_asian_face_and_a_language(deck, theme):
    from briefgen.theme.load import load_theme

    face = load_theme(TEMPLATES / theme).fonts.deck_east_asian
    if theme == "org.yaml":
        assert face == "SimHei"             # the template's, installed here or not
    seen = 0
    with zipfile.ZipFile(deck) as z:
        for name in z.namelist():
            if not (name.startswith("ppt/slides/slide") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for rpr in root.iter(f"{A}rPr", f"{A}endParaRPr"):
                assert rpr.find(f"{A}ea").get("typeface") == face, name
                assert rpr.get("lang") == "zh-CN", name
                seen += 1
    assert seen > 300


def test_the_chart_is_coloured_from_the_templates_accents(deck):
    with zipfile.ZipFile(deck) as z:
        chart = z.read("ppt/charts/chart1.xml").decode()
    # the GDP milestones: accent 1 for the bars, accent 2 for the highlighted 2024
    assert 'srgbClr val="00796B"' in chart and 'srgbClr val="C62828"' in chart
    assert 'srgbClr val="0B4F6C"' not in chart          # the park's own primary


def test_the_build_follows_the_layout_mapping_beside_the_template(tmp_path):
    deck = park_on(tmp_path, "org.yaml", files={"org43.layouts.yaml": "layouts:\n  bullets: 内容与标题\n"})
    prs = Presentation(str(deck))
    slide = prs.slides[2]                                # 区位与定位
    assert slide.slide_layout.name == "内容与标题"
    body = _content(slide.placeholders)                  # the layout's 402.5 pt wide content box
    assert body.text_frame.text.startswith("地处国家沿海经济带")
    assert (body.left, body.width) == (pytest.approx(281.5 * 12700, abs=12700),
                                       pytest.approx(402.5 * 12700, abs=12700))
    assert prs.slides[1].slide_layout.name == "标题和内容"     # kpis: briefgen's own choice


def test_a_broken_layout_mapping_stops_the_build_where_it_is_wrong(tmp_path):
    from briefgen.errors import Problems

    with pytest.raises(Problems) as caught:
        park_on(tmp_path, "org.yaml", files={"org43.layouts.yaml": "layouts:\n  bullets: 空白\n"})
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'org43.layouts.yaml'}:2:12: layouts.bullets: layout 7 “空白” of master 1 has "
        "no title placeholder; a bullets slide needs a title and a content placeholder (body, "
        "picture, chart or table)"]


def test_a_session_renders_again_when_the_template_or_its_mapping_changes(tmp_path):
    """A watch loop keeps one Session: an edited template or mapping must reach the deck."""
    import os

    from briefgen.build import Session

    deck = park_on(tmp_path, "org.yaml")
    session = Session(DATA)
    session.build(tmp_path / "park.yaml", tmp_path / "out", formats=["pptx"], langs=["zh"])
    first = deck.read_bytes()
    (tmp_path / "org43.layouts.yaml").write_text("layouts:\n  bullets: 内容与标题\n", encoding="utf-8")
    session.build(tmp_path / "park.yaml", tmp_path / "out", formats=["pptx"], langs=["zh"])
    assert Presentation(str(deck)).slides[2].slide_layout.name == "内容与标题"
    (tmp_path / "org43.layouts.yaml").unlink()
    shutil.copy(TEMPLATES / "org43-lo.pptx", tmp_path / "org43.pptx")     # the template replaced
    st = os.stat(tmp_path / "org43.pptx")
    os.utime(tmp_path / "org43.pptx", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    session.build(tmp_path / "park.yaml", tmp_path / "out", formats=["pptx"], langs=["zh"])
    assert Presentation(str(deck)).slide_layouts[0].name == "Blank Slide"   # LibreOffice's names
    assert deck.read_bytes() != first


def test_watch_follows_the_theme_files_folder(tmp_path):
    from briefgen import watch

    (tmp_path / "brand").mkdir()
    spec = tmp_path / "park.yaml"
    spec.write_text("theme: brand/ours.yaml\n", encoding="utf-8")
    assert watch.theme_folder(spec) == tmp_path / "brand"
    spec.write_text("theme: park\n", encoding="utf-8")
    assert watch.theme_folder(spec) is None
    out = tmp_path / "out"
    for changed in ("brand/ours.pptx", "brand/ours.layouts.yaml", "brand/logo.png", "brand/ours.yaml"):
        other = tmp_path / "city.yaml"
        assert watch.affected({(2, str(tmp_path / changed))}, [spec, other], out) == [spec, other]


def test_a_cover_title_is_set_as_written_where_the_layout_would_capitalise_it(deck, theme):
    slide = Presentation(str(deck)).slides[3]                   # 产业基础, a section divider
    runs = list(slide.shapes.title._element.iter(f"{A}rPr"))
    expected = "none" if theme == "org.yaml" else None          # 节标题's style is cap="all"
    assert runs and all(r.get("cap") == expected for r in runs)  # (LibreOffice dropped it)


def test_a_footer_too_small_for_the_sources_points_to_the_notes_and_warns(tmp_path):
    """The city spec cites long source titles: on the test template's footer placeholder they
    do not fit, so those slides say where the sources are (the notes cite them in full) and the
    build warns at the slide's line, in each language, instead of failing."""
    for f in TEMPLATES.iterdir():
        if f.suffix in (".pptx", ".yaml", ".png"):
            shutil.copy(f, tmp_path / f.name)
    text = (ROOT / "specs" / "city.yaml").read_text(encoding="utf-8")
    spec = tmp_path / "city.yaml"
    spec.write_text(text.replace("\ntheme: city\n", "\ntheme: org.yaml\n"), encoding="utf-8")
    built = build(spec, tmp_path / "out", formats=["pptx"], data_dir=DATA)
    lines = text.splitlines()
    table = next(i for i, line in enumerate(lines, 1) if "type: table" in line)
    warned = [w for w in built.warnings if "footer placeholder is too small" in w]
    assert any(w.startswith(f"{spec}:{table}:5: [zh] ") and w.endswith(
        "so the slide says “来源：详见演讲者备注”; widen the footer placeholder in the template to print the "
        "sources on the slide") for w in warned), warned
    assert any("[en]" in w and "“Sources: listed in the speaker notes”" in w for w in warned)
    prs = Presentation(str(tmp_path / "out" / "city.pptx"))
    footers = {slide.slide_id: [ph.text_frame.text for ph in slide.placeholders
                                if ph.placeholder_format.type == PP.FOOTER] for slide in prs.slides}
    pointed = [s for s, texts in footers.items() if texts == ["来源：详见演讲者备注"]]
    assert 1 <= len(pointed) <= len([w for w in warned if "[zh]" in w])
    for slide in prs.slides:                   # the notes of such a slide still cite every source
        if footers[slide.slide_id] == ["来源：详见演讲者备注"]:
            assert "《" in slide.notes_slide.notes_text_frame.text
