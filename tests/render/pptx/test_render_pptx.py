"""Tests of the deck renderer end to end: reopen the decks and check structure, text and bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Pt

from briefgen.text.typography import polish
from briefgen.errors import FitError, Problems
from briefgen.model import Bullet, Bullets, Figure, KpiCards, Paragraph, Slide
from briefgen.render.pptx import render_pptx
from briefgen.theme import CITY, PARK
from model_samples import SPEC, briefing

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
CONTENT = {"kpis", "bullets", "chart", "timeline", "table", "compare", "image", "quote"}


def render_deck(model, theme=PARK) -> tuple[bytes, list[str]]:
    """Return the deck's bytes and the renderer's warnings."""
    buf = io.BytesIO()
    warnings = render_pptx(model, theme, buf)
    return buf.getvalue(), warnings


def open_deck(data: bytes):
    """Return the deck reopened with python-pptx."""
    return Presentation(io.BytesIO(data))


def with_slides(model, *slides: Slide):
    """Return the briefing with only ``slides``."""
    return dataclasses.replace(model, slides=tuple(slides))


def shape_named(slide, name: str):
    """Return the shapes of ``slide`` whose name is ``name``."""
    return [s for s in slide.shapes if s.name == name]


def run_sizes(shape) -> list[float]:
    """Return the point size of every run in ``shape``."""
    return [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs]


@pytest.fixture(scope="module", params=["zh", "en"])
def deck(request):
    model = briefing(request.param)
    data, warnings = render_deck(model)
    return model, data, warnings, open_deck(data)


def test_sample_deck_has_one_slide_per_model_slide_each_titled(deck):
    model, _, warnings, prs = deck
    assert warnings == []
    assert (prs.slide_width, prs.slide_height) == (Pt(960), Pt(540))
    assert [s.shapes.title.text.replace("\v", "") for s in prs.slides] == \
        [polish(s.title) for s in model.slides]
    for slide in prs.slides:
        assert slide.shapes.title.placeholder_format.type is not None


def test_kpi_slide_shows_number_label_and_period(deck):
    model, _, _, prs = deck
    kpi_model = next(s for s in model.slides if s.kind == "kpis")
    slide = prs.slides[list(model.slides).index(kpi_model)]
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    for fig in kpi_model.blocks[0].items:
        assert fig.number in text and fig.label in text and fig.period in text
    figure = shape_named(slide, "Figure 1")[0]
    assert max(run_sizes(figure)) >= 48


def test_content_slides_have_notes_with_talking_points_and_quotes(deck):
    model, _, _, prs = deck
    for slide, spec in zip(prs.slides, model.slides):
        if spec.kind not in CONTENT:
            continue
        assert slide.has_notes_slide, spec.title
        notes = slide.notes_slide.notes_text_frame.text
        for point in spec.talking_points:
            assert point in notes
        assert spec.sources, spec.title
        for note in spec.sources:
            assert polish(note.quote) in notes and polish(note.source_title) in notes and note.date in notes


def _text_parts(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if re.match(r"ppt/(slides|notesSlides)/.*\.xml$", name):
                from lxml import etree
                yield name, etree.fromstring(z.read(name))


def test_every_run_and_paragraph_end_names_latin_and_east_asian_faces(deck):
    model, data, _, _ = deck
    lang = {"zh": "zh-CN", "en": "en-US"}[model.lang]
    cjk_runs = 0
    for name, root in _text_parts(data):
        for rpr in root.iter(A + "rPr", A + "endParaRPr"):
            if name.startswith("ppt/slides/") or rpr.get("lang"):
                kids = [k.tag for k in rpr]
                assert A + "latin" in kids and A + "ea" in kids, name
                assert kids.index(A + "latin") < kids.index(A + "ea"), name
                assert rpr.find(A + "ea").get("typeface") == PARK.fonts.deck_east_asian
                para = rpr.getparent()          # a run's, a break's or the paragraph's own
                para = para if para.tag == A + "p" else para.getparent()
                text = "".join(para.itertext())
                assert rpr.get("lang") == ("zh-CN" if CJK.search(text) else lang), name
        for run in root.iter(A + "r"):
            if CJK.search(run.findtext(A + "t") or ""):
                cjk_runs += 1
                assert run.find(A + "rPr").find(A + "ea") is not None
    assert cjk_runs > 50 if model.lang == "zh" else True


def test_no_text_relies_on_autofit(deck):
    _, data, _, _ = deck
    for name, root in _text_parts(data):
        assert not list(root.iter(A + "normAutofit", A + "spAutoFit")), name
        for body in root.iter(A + "bodyPr"):
            if name.startswith("ppt/slides/") and body.get("wrap") is not None:
                assert body.get("wrap") == "square"


def test_theme_fonts_and_hans_script_face(deck):
    _, data, _, _ = deck
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        themes = [n for n in z.namelist() if n.startswith("ppt/theme/")]
        assert themes
        for name in themes:
            xml = z.read(name).decode()
            for font in ("majorFont", "minorFont"):
                block = re.search(f"<a:{font}>.*?</a:{font}>", xml).group(0)
                assert '<a:latin typeface="Arial"/>' in block
                assert '<a:ea typeface="Microsoft YaHei" ' in block
                assert '<a:font script="Hans" typeface="Microsoft YaHei"/>' in block


def test_core_properties_carry_title_author_language_and_fixed_dates(deck):
    model, _, _, prs = deck
    cp = prs.core_properties
    assert cp.title == model.title and cp.author == model.issuer
    assert cp.subject == model.subject and model.entity_name in cp.keywords
    assert cp.language == {"zh": "zh-CN", "en": "en-US"}[model.lang]
    assert cp.last_modified_by == model.issuer
    assert cp.created == cp.modified == dt.datetime(2025, 1, 1)
    assert cp.revision == 1


def test_pictures_and_charts_have_alt_text(deck):
    model, _, _, prs = deck
    frames = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(frames) == 3
    alts = [f._element.xpath("./*[1]/p:cNvPr/@descr")[0] for f in frames]
    charts = [b for s in model.slides for b in s.blocks if type(b).__name__ == "Chart"]
    assert alts == [c.alt_text for c in charts]


def test_two_renders_are_byte_identical_and_carry_no_date_of_today():
    model = briefing("zh")
    first, _ = render_deck(model, CITY)
    assert first == render_deck(model, CITY)[0]
    today = dt.date.today()
    stamps = [today.isoformat().encode(), today.strftime("%Y%m%d").encode()]

    def walk(blob: bytes):
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            for info in z.infolist():
                assert info.date_time == (2025, 1, 1, 0, 0, 0), info.filename
                part = z.read(info.filename)
                assert not any(s in part for s in stamps), info.filename
                if info.filename.endswith(".xlsx"):
                    yield info.filename
                    yield from walk(part)

    assert len(list(walk(first))) == 3           # the three chart workbooks were checked too


def _long_bullets(lang: str, n: int = 14) -> Bullets:
    zh = "江苏江阴—靖江工业园区坚持产业共进、设施共建、民生共享、生态共美，把一片江边滩涂建设成为现代化特色园区，" * 2
    en = ("For 21 years Jingjiang and Jiangyin have shared industry, infrastructure, public "
          "services and ecology, turning a riverside mudflat into a modern industrial park. ")
    return Bullets(tuple(Bullet(f"{i + 1}. " + (zh if lang == "zh" else en)) for i in range(n)),
                   origin=_origin(200))


def _origin(line: int):
    from briefgen.errors import Origin

    return Origin(SPEC, line, 5)


@pytest.mark.parametrize("lang, mark", [("zh", "（续 {n}/{total}）"),
                                        ("en", " (continued, {n} of {total})")])
def test_long_bullets_continue_on_slides_marked_continued_never_below_14pt(lang, mark):
    model = briefing(lang)
    slide = Slide("bullets", "标题" if lang == "zh" else "Title", (_long_bullets(lang),),
                  sources=model.notes[:1], origin=_origin(199))
    data, _ = render_deck(with_slides(model, slide))
    prs = open_deck(data)
    assert len(prs.slides) >= 2
    titles = [s.shapes.title.text.replace("\v", "") for s in prs.slides]
    assert titles[0] == slide.title
    total = len(titles)
    assert titles[1:] == [slide.title + mark.format(n=n, total=total) for n in range(2, total + 1)]
    texts = []
    for s in prs.slides:
        box = shape_named(s, "Bullets")[0]
        assert min(run_sizes(box)) >= 14
        texts += [p.text.replace("\v", "") for p in box.text_frame.paragraphs]
    assert texts == [b.text for b in slide.blocks[0].items]


def test_one_unsplittable_paragraph_fails_naming_origin_and_overflow():
    model = briefing("zh")
    huge = Paragraph("园区" * 1500, origin=_origin(321))
    slide = Slide("bullets", "太长", (huge,), origin=_origin(320))
    with pytest.raises(FitError) as err:
        render_deck(with_slides(model, slide))
    message = str(err.value)
    assert message.startswith(f"{SPEC}:321:5: [zh] an item of the bullet list "
                              "(“园区园区园区园区园区园区园区园区园区园区园区…”) is about ")
    lines = int(re.search(r"characters \((\d+) lines\) too long", message).group(1))
    assert 30 <= lines <= 45            # 3000 characters at 14 pt, ~60 a line in 840 pt
    assert message.endswith("too long at the 14 pt floor: shorten this item; split it into two items")


def test_a_forty_digit_number_fits_a_bullet_and_a_timeline_but_fails_on_a_kpi_card():
    from briefgen.model import Event, Timeline

    model = briefing("en")
    digits = "1234567890" * 4
    ok = (Slide("bullets", "Digits", (Bullets((Bullet(f"The number {digits} is long."),)),)),
          Slide("timeline", "Digits", (Timeline(tuple(Event(str(y), y, f"{digits} units")
                                                      for y in range(2000, 2008))),)))
    prs = open_deck(render_deck(with_slides(model, *ok))[0])
    assert digits in shape_named(prs.slides[0], "Bullets")[0].text_frame.text.replace("\v", "")
    event = shape_named(prs.slides[1], "Event 1")[0].text_frame.text.replace("\v", "")
    assert event.replace("\n", "").endswith(f"{digits} units")
    fig = Figure("x", "Digits", digits, "", digits, "", "2024", 1, None, "")
    bad = Slide("kpis", "Digits", (KpiCards((fig, fig), origin=_origin(410)),), origin=_origin(409))
    with pytest.raises(FitError) as err:
        render_deck(with_slides(model, bad))
    assert str(err.value) == (
        "specs/sample.yaml:410:5: [en] a KPI card's figure (“1234567890123456789012…”) is about "
        f"{str(err.value).split('about ')[1].split(' ')[0]} characters too wide at the 32 pt floor: "
        "give the slide fewer facts, so each card is wider; choose a fact whose figure is shorter")
    assert int(str(err.value).split("about ")[1].split(" ")[0]) > 20


def test_several_overflowing_slides_are_reported_together():
    model = briefing("zh")
    slides = [Slide("bullets", "太长", (Paragraph("园区" * 1500, origin=_origin(n)),))
              for n in (500, 510)]
    with pytest.raises(Problems) as err:
        render_deck(with_slides(model, *slides))
    assert [p.origin.line for p in err.value.problems] == [500, 510]


def test_unknown_kind_is_a_warning_naming_the_origin():
    model = briefing("en")
    odd = Slide("hologram", "Odd", origin=_origin(600))
    data, warnings = render_deck(with_slides(model, model.slides[0], odd))
    assert len(open_deck(data).slides) == 1
    assert warnings == [f"{SPEC}:600:5: slide kind: expected one of title, section, kpis, "
                        "bullets, chart, timeline, table, compare, image, quote, closing but "
                        "received 'hologram'; the slide is left out"]


def test_writes_to_a_path(tmp_path):
    target = tmp_path / "deck.pptx"
    render_pptx(briefing("en"), PARK, target)
    assert len(open_deck(target.read_bytes()).slides) == 12


def test_rendering_keeps_plotting_libraries_and_yaml_out():
    """The deck path must not pay for matplotlib, nor see YAML (speed: scripts/bench.py).

    The theme is read from its YAML file first; after that, importing yaml is made to fail."""
    code = ("import sys, io; sys.path.insert(0, 'tests');"
            "from model_samples import briefing; from briefgen.theme import PARK;"
            "theme = PARK; [sys.modules.pop(m) for m in list(sys.modules) if m.split('.')[0] == 'yaml'];"
            "sys.modules['yaml'] = None;"
            "from briefgen.render.pptx import render_pptx;"
            "render_pptx(briefing('zh'), theme, io.BytesIO());"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


@pytest.mark.skipif(not shutil.which("soffice"),
                    reason="LibreOffice (soffice) is not on PATH; it converts the deck to PDF")
def test_libreoffice_opens_the_deck_with_one_page_per_slide(tmp_path):
    from pypdf import PdfReader

    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    for lang in ("zh", "en"):
        deck_path = tmp_path / f"deck-{lang}.pptx"
        render_pptx(briefing(lang), CITY, deck_path)
        for _ in range(2):      # a first start in a fresh profile sometimes exits without output
            subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir",
                            str(tmp_path), str(deck_path)], capture_output=True, timeout=180)
            if deck_path.with_suffix(".pdf").exists():
                break
        pdf = PdfReader(str(deck_path.with_suffix(".pdf")))
        assert len(pdf.pages) == 12
        assert "园区" in pdf.pages[0].extract_text() if lang == "zh" else True
