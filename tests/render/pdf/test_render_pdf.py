"""The one-page PDF handout, reopened: one A4 page, text, sources, fonts, metadata, validity, bytes."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from briefgen.errors import FitError, FontError, Origin
from briefgen.model import Figure, KpiCards, Paragraph, Section
from briefgen.render.pdf import PDF_LANG, PRODUCER, render_pdf
from briefgen.render.pdf.blocks import ROLES
from briefgen.render.pdf.sources import doc_refs, documents, entry_text
from briefgen.theme import CITY, PARK
from model_samples import briefing
from briefgen.text.typography import polish

LANGS = ("zh", "en")


def render(b, theme=PARK) -> tuple[bytes, list[str]]:
    """Return the PDF bytes of ``b`` and the renderer's warnings."""
    buf = io.BytesIO()
    warnings = render_pdf(b, theme, buf)
    return buf.getvalue(), warnings


def text_of(data: bytes) -> str:
    """Return the page's text with all whitespace removed (lines are broken by layout).

    pdftotext -raw when installed (content order), else the characters pdfplumber reads,
    in content order too.
    """
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True,
                             check=True).stdout.decode("utf-8")
    else:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            out = "".join(c["text"] for c in pdf.pages[0].chars)
    return squash(out)


def squash(text: str) -> str:
    """Return ``text`` as the handout sets it (curly quotes), without whitespace."""
    return re.sub(r"\s+", "", polish(text))


def with_sections(b, *sections: Section, drop_roles=()):
    """Return ``b`` with ``sections`` appended to its one-pager (and roles removed)."""
    keep = tuple(s for s in b.onepager.sections if s.role not in drop_roles)
    onepager = dataclasses.replace(b.onepager, sections=keep + sections)
    return dataclasses.replace(b, onepager=onepager)


@pytest.fixture(scope="module", params=LANGS)
def sample(request):
    """Return (briefing, pdf bytes, warnings) for the sample in one language."""
    b = briefing(request.param)
    data, warnings = render(b)
    return b, data, warnings


def test_one_a4_page_and_no_warnings(sample):
    b, data, warnings = sample
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    assert warnings == []


def test_text_extracts_as_written(sample):
    b, data, _ = sample
    text = text_of(data)
    for s in (b.title, b.subtitle, b.entity_name, b.as_of):
        assert squash(s) in text
    for section in b.onepager.sections:
        block = section.block
        if isinstance(block, KpiCards):
            for fig in block.items:
                assert squash(fig.label) in text and squash(fig.number) in text
        if isinstance(block, Paragraph):
            assert squash(block.text) in text
    for chart in (s.block for s in b.onepager.sections if s.role == "chart"):
        assert squash(chart.title) in text
        assert squash(chart.alt_text) in text          # the plot reads as its data in words
        assert all(squash(c) not in text for c in chart.categories if "（" in c or "(" in c)


def printed_docs(b) -> list:
    """Return the (number, note) of each document the sample's printed sections cite."""
    sections = sorted(b.onepager.sections, key=lambda s: ("strip main side side_end".split().index(
        ROLES[s.role].zone), ROLES[s.role].rank))
    return documents(doc_refs(sections, b.onepager.notes), b.onepager.notes)


def test_each_source_document_is_cited_once_and_no_quote_is_printed(sample):
    b, data, _ = sample
    text = text_of(data)
    docs = printed_docs(b)
    assert [n for n, _ in docs] == [1, 2]
    for number, note in docs:
        assert text.count(squash(note.source_title)) == 1
        assert squash(f"{number}{entry_text(note, b.lang)}") in text
    assert all(squash(n.quote) not in text for n in b.onepager.notes)


def test_every_figure_carries_the_mark_of_its_document(sample):
    b, data, _ = sample
    text = text_of(data)
    refs = doc_refs(b.onepager.sections, b.onepager.notes)
    kpis = next(s.block for s in b.onepager.sections if s.role == "kpis")
    for fig in kpis.items:
        drawn = fig.sep.join(x for x in (fig.prefix, fig.number, fig.suffix) if x)
        assert squash(f"{drawn}[{refs[fig.note]}]") in text


def test_fonts_are_embedded_subsets_and_no_helvetica(sample):
    _, data, _ = sample
    assert b"Helvetica" not in data
    reader = PdfReader(io.BytesIO(data))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType"
        assert re.match(r"/[A-Z]{6}\+Briefgen", font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"]
        assert "/ToUnicode" in font


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts (poppler-utils) is not installed")
def test_pdffonts_shows_every_font_embedded(sample, tmp_path):
    _, data, _ = sample
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed")
def test_qpdf_check_passes(sample, tmp_path):
    _, data, _ = sample
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


def test_metadata(sample):
    b, data, _ = sample
    reader = PdfReader(io.BytesIO(data))
    meta = reader.metadata
    assert meta.title == b.title
    assert meta.author == b.issuer
    assert meta.subject == b.subject
    assert b.entity_name in meta["/Keywords"]
    assert re.fullmatch(r"briefgen \d+\.\d+\.\d+.*", meta.creator)
    assert meta.producer == PRODUCER
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20000101000000+00'00'"
    assert reader.trailer["/Root"]["/Lang"] == PDF_LANG[b.lang]


def test_two_renders_are_byte_identical_to_a_path_or_a_file(sample, tmp_path, monkeypatch):
    b, data, _ = sample
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")     # reportlab reads it: must not matter
    path = tmp_path / "again.pdf"
    render_pdf(b, PARK, str(path))
    assert path.read_bytes() == data
    assert render(b)[0] == data


def test_reportlab_writes_numbers_and_streams_with_its_c_accelerator():
    """reportlab[accel] is declared: its pure-Python fallbacks for number formatting and
    ASCII85 cost about 3 ms of every handout, and give the same bytes."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "asciiBase85Encode"} <= set(rl_accel._c_funcs)
    assert rl_accel.fp_str(595.2756, 0.5, -0.0, 12) == "595.2756 .5 0 12"


def test_the_city_theme_colours_the_header():
    data, _ = render(briefing("zh"), CITY)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fills = {tuple(round(c, 3) for c in r["non_stroking_color"]) for r in pdf.pages[0].rects}
    primary = tuple(round(int(CITY.palette.primary[i:i + 2], 16) / 255, 3) for i in (0, 2, 4))
    assert primary in fills


def test_an_overfull_page_fails_with_a_located_message_and_writes_nothing(tmp_path):
    b = briefing("en")
    long = " ".join(["The park builds on six leading industries and three innovation hubs."] * 6)
    extra = tuple(Section("narrative", Paragraph(long, (1,)), origin=Origin("specs/full.yaml", 200 + i, 5))
                  for i in range(30))
    path = tmp_path / "full.pdf"
    with pytest.raises(FitError) as e:
        render_pdf(with_sections(b, *extra), PARK, str(path))
    message = str(e.value)
    assert message.startswith("specs/full.yaml:") and "one-pager (English, lang en):" in message
    assert re.search(r"is \d+\.\d pt \(\d+\.\d mm\) too tall", message)
    assert "main column" in message and "narrative section" in message
    assert not path.exists()


def test_a_very_long_single_narrative_is_located_at_its_own_line():
    b = briefing("zh")
    long = "园区立足“5+1”主导产业，建设三大科创载体。" * 150
    bad = Section("narrative", Paragraph(long, (1,)), origin=Origin("specs/long.yaml", 42, 3))
    with pytest.raises(FitError) as e:
        render(with_sections(b, bad, drop_roles=("narrative",)))
    assert str(e.value).startswith("specs/long.yaml:42:3: one-pager (Chinese, lang zh):")


def test_an_optional_section_is_dropped_with_a_warning_naming_its_origin():
    b = briefing("en")
    long = " ".join(["Jingjiang and Jiangyin have shared industry, infrastructure and services."] * 30)
    maybe = Section("narrative", Paragraph(long, (4,)), optional=True,
                    origin=Origin("specs/opt.yaml", 77, 5))
    data, warnings = render(with_sections(b, maybe))
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert len(warnings) == 1
    assert warnings[0].startswith("specs/opt.yaml:77:5: one-pager (English): dropped the optional narrative")
    assert "infrastructure" not in text_of(data)


def test_the_optional_chart_goes_first_when_the_main_column_runs_long():
    b = briefing("zh")
    long = "江苏江阴—靖江工业园区成立于2003年，是全国首个跨江、跨行政区域联动共建的开放园区。" * 24
    more = Section("narrative", Paragraph(long, (1,)), origin=Origin("specs/more.yaml", 9, 5))
    data, warnings = render(with_sections(b, more))
    share = next(s for s in b.onepager.sections if s.optional)
    assert len(warnings) == 1 and warnings[0].startswith(f"{share.origin}: ")
    assert share.block.title in warnings[0]
    text = text_of(data)
    assert squash(share.block.title) not in text and squash(long) in text


def test_a_missing_glyph_names_the_character_and_the_origin():
    b = briefing("zh")
    kpis = next(s for s in b.onepager.sections if s.role == "kpis")
    fig = dataclasses.replace(kpis.block.items[0], label="成立时间\ue000")
    bad = dataclasses.replace(kpis, block=KpiCards((fig,) + kpis.block.items[1:], kpis.block.origin))
    b = with_sections(b, bad, drop_roles=("kpis",))
    with pytest.raises(FontError) as e:
        render(b)
    assert "U+E000" in str(e.value)
    assert str(e.value).startswith(f"{kpis.origin}: ")
    assert "park.founded" in str(e.value)


def test_a_section_it_cannot_draw_is_a_warning_not_a_crash():
    b = briefing("en")
    odd = Section("map", Paragraph("A map of the park"), origin=Origin("specs/odd.yaml", 3, 1))
    data, warnings = render(with_sections(b, odd))
    assert warnings == ["specs/odd.yaml:3:1: one-pager: cannot draw a section with role 'map' "
                        "(expected one of kpis, narrative, chart, timeline, list, contact); left out"]
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_a_figure_citing_a_note_the_page_lacks_is_reported():
    b = briefing("en")
    kpis = next(s for s in b.onepager.sections if s.role == "kpis")
    fig: Figure = dataclasses.replace(kpis.block.items[0], note=42)
    bad = dataclasses.replace(kpis, block=KpiCards((fig,), kpis.block.origin))
    _, warnings = render(with_sections(b, bad, drop_roles=("kpis",)))
    assert warnings == [f"{kpis.origin}: one-pager: kpis section cites source note 42, "
                        "which the one-pager's notes do not have"]


def test_a_page_without_figures_has_no_sources_heading():
    b = briefing("zh")
    plain = Section("narrative", Paragraph("园区坚持产业共进、设施共建、民生共享、生态共美。"),
                    origin=Origin("specs/plain.yaml", 4, 3))
    keep = tuple(s for s in b.onepager.sections if s.role == "contact") + (plain,)
    plain_page = dataclasses.replace(b.onepager, sections=keep, notes=())
    data, warnings = render(dataclasses.replace(b, onepager=plain_page, as_of=""))
    text = text_of(data)
    assert warnings == [] and squash(plain.block.text) in text
    assert squash(b.labels.sources) not in text and "《" not in text
    assert squash(b.labels.get("as_of", date="")) not in text           # no data date without data


def test_a_contact_block_without_lines_is_left_out_with_a_warning():
    b = briefing("en")
    contact = next(s for s in b.onepager.sections if s.role == "contact")
    empty = dataclasses.replace(contact, block=dataclasses.replace(contact.block, lines=()))
    data, warnings = render(with_sections(b, empty, drop_roles=("contact",)))
    assert warnings == [f"{contact.origin}: one-pager: the contact section has nothing to show; left out"]
    assert squash(contact.block.heading) not in text_of(data)
