"""Tests that every client opens the decks cleanly: schema-valid parts, notes Keynote keeps, a LibreOffice round trip."""

from __future__ import annotations

import collections
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator
from pptx import Presentation
from pypdf import PdfReader

from model_samples import briefing
from paths import ROOT
from repo_outputs import ALL, deck
from test_render_pptx import render_deck

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NOTES_MASTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"


def audit(path) -> list[str]:
    """Return every error the Microsoft 365 rules of openxml-audit find in the deck."""
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(str(path))
    return [f"{e.part_uri} {e.path}: {getattr(e, 'description', e)}" for e in result.errors]


@pytest.mark.parametrize("spec, lang", ALL)
def test_repository_decks_validate_with_no_errors(spec, lang):
    assert audit(deck(spec, lang)) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_deck_with_every_slide_kind_validates(lang, tmp_path):
    data, _ = render_deck(briefing(lang))
    path = tmp_path / "sample.pptx"
    path.write_bytes(data)
    assert audit(path) == []


def test_the_audit_does_report_a_negative_axis_id(tmp_path):
    """The check can fail: python-pptx's own chart template is reported."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Pt

    prs = Presentation()
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Pt(300), Pt(200), data)
    prs.save(tmp_path / "raw.pptx")
    assert any("axId" in e for e in audit(tmp_path / "raw.pptx"))


@pytest.mark.parametrize("spec, lang", ALL)
def test_the_notes_master_is_listed_in_the_presentation(spec, lang):
    with zipfile.ZipFile(deck(spec, lang)) as z:
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        rels = etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
        notes = [n for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide")]
    assert len(notes) >= 10
    target = {r.get("Id"): r.get("Target") for r in rels if r.get("Type") == NOTES_MASTER}
    ids = [n.get(R + "id") for n in pres.iterfind(f"{P}notesMasterIdLst/{P}notesMasterId")]
    assert len(ids) == 1 and target[ids[0]] == "notesMasters/notesMaster1.xml"
    order = [child.tag for child in pres]
    assert order.index(P + "notesMasterIdLst") == order.index(P + "sldMasterIdLst") + 1


def _soffice(src, fmt: str, out, profile) -> "pathlib.Path":
    """Return the file LibreOffice converts ``src`` to, run with a profile of its own (a
    shared one hands the job to whatever LibreOffice already runs, or fails beside it)."""
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=240)
    result = out / (src.stem + "." + fmt.split(":")[0])
    assert result.exists(), f"soffice wrote no {result.name}"
    return result


def _content(prs) -> dict:
    """Return what must survive a round trip: titles, notes and every chart's data."""
    titles, notes, charts = [], [], []
    for slide in prs.slides:
        titles.append(slide.shapes.title.text_frame.text.replace("\v", "").replace("\n", "")
                      if slide.shapes.title is not None else None)
        notes.append(" ".join(slide.notes_slide.notes_text_frame.text.split())
                     if slide.has_notes_slide else "")
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                charts.append([tuple(None if v is None else round(v, 6) for v in s.values)
                               for s in plot.series])   # None: an empty year of a time axis
    return {"slides": len(prs.slides), "titles": titles, "notes": notes, "charts": charts}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("spec, lang", [("park", "zh"), ("city", "en")])
def test_a_libreoffice_round_trip_keeps_slides_titles_notes_and_chart_data(spec, lang, tmp_path):
    src = tmp_path / "deck.pptx"
    shutil.copy(deck(spec, lang), src)
    profile = tmp_path / "profile"
    odp = _soffice(src, "odp", tmp_path, profile)
    back_dir = tmp_path / "back"
    back_dir.mkdir()
    back = _soffice(odp, "pptx", back_dir, profile)
    with zipfile.ZipFile(odp) as z:           # the .odp is a real presentation too
        assert b"<draw:page" in z.read("content.xml")
    before, after = _content(Presentation(src)), _content(Presentation(back))
    assert before["charts"] and sum(len(n) > 40 for n in before["notes"]) >= 10
    assert after == before


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CJK = re.compile("[\u3000-\u9fff\uff00-\uffef]")


def _faces_and_languages(path) -> tuple[collections.Counter, list]:
    """Return (latin, ea, lang) of every run and paragraph-end mark holding or ending text in
    slides, notes and charts, and the runs holding Chinese whose language is not zh-CN."""
    seen, wrong = collections.Counter(), []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.fullmatch(r"ppt/(slides|notesSlides|charts)/\w+\.xml", name):
                continue
            root = etree.fromstring(z.read(name))
            for rpr in [*root.iter(A + "rPr"), *root.iter(A + "endParaRPr"), *root.iter(A + "defRPr")]:
                if rpr.tag == A + "defRPr" and not name.startswith("ppt/charts/"):
                    continue
                latin, ea = rpr.find(A + "latin"), rpr.find(A + "ea")
                seen[(None if latin is None else latin.get("typeface"),
                      None if ea is None else ea.get("typeface"), rpr.get("lang"))] += 1
                text = "".join(rpr.getparent().itertext()) if rpr.tag == A + "rPr" else ""
                if CJK.search(text) and rpr.get("lang") != "zh-CN":
                    wrong.append((name, text[:20], rpr.get("lang")))
    return seen, wrong


@pytest.mark.parametrize("spec, lang", ALL)
def test_every_run_names_the_themes_latin_and_east_asian_faces_and_chinese_says_zh_cn(spec, lang):
    seen, wrong = _faces_and_languages(deck(spec, lang))
    main = "zh-CN" if lang == "zh" else "en-US"
    faces = {("Arial", "Microsoft YaHei"), ("Microsoft YaHei", "Microsoft YaHei")}  # marks: EA face
    assert wrong == []
    assert {(latin, ea) for latin, ea, _ in seen} <= faces
    assert {tag for *_, tag in seen} <= {"zh-CN", "en-US"}
    assert sum(n for (*_, tag), n in seen.items() if tag == main) > 100


STRESS = sorted((ROOT / "tests" / "render" / "pdf" / "specs").glob("*.yaml"))


@pytest.fixture(scope="module")
def stress_outputs(tmp_path_factory):
    """Return [(name, deck path, handout bytes or None)] for every stress spec and language."""
    from briefgen.build import prepare
    from briefgen.errors import FitError
    from briefgen.render.pdf import render_pdf
    from briefgen.render.pptx import render_pptx

    tmp, out = tmp_path_factory.mktemp("stress"), []
    for spec in STRESS:
        _, briefings, theme = prepare(spec)
        for b in briefings:
            name = f"{spec.stem}.{b.lang}"
            render_pptx(b, theme, tmp / f"{name}.pptx")
            pdf = io.BytesIO()
            try:
                render_pdf(b, theme, pdf)
            except FitError:           # some stress specs are built not to fit the page
                pdf = None
            out.append((name, tmp / f"{name}.pptx", pdf and pdf.getvalue()))
    return out


def test_the_stress_spec_decks_validate_and_tag_every_run(stress_outputs):
    assert len(stress_outputs) >= 6
    for name, path, _ in stress_outputs:
        assert audit(path) == [], name
        seen, wrong = _faces_and_languages(path)
        assert wrong == [] and {(latin, ea) for latin, ea, _ in seen} <= {
            ("Arial", "Microsoft YaHei"), ("Microsoft YaHei", "Microsoft YaHei")}, name


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed")
def test_the_stress_spec_handouts_pass_qpdf_and_embed_every_font(stress_outputs, tmp_path):
    handouts = [(name, data) for name, _, data in stress_outputs if data]
    assert len(handouts) >= 3
    for name, data in handouts:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        for font in PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, (name, font.get_object()["/BaseFont"])
