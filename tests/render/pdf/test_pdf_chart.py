"""Vector charts on a PDF page: labels found as text, no images, fonts embedded, same bytes twice."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas as rl_canvas

from briefgen.errors import FontError
from briefgen.fonts.measure import pdf_font
from briefgen.render.charts.style import chart_plan, chart_text
from briefgen.render.pdf.chart import draw_chart
from briefgen.theme import PARK
from model_samples import charts
from model_samples import all_charts

CHARTS = all_charts()

BOX = (40, 400, 300, 180)


@pytest.fixture(scope="module")
def fonts():
    chars = "".join(chart_text(c) for _, c in CHARTS)
    return SimpleNamespace(regular=pdf_font(400, chars), bold=pdf_font(700, chars))


def page(chart, fonts, theme=PARK, show_title=True) -> bytes:
    """Return a one-page PDF with ``chart`` drawn in BOX."""
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(595.28, 841.89), invariant=1,
                         initialFontName=fonts.regular.name)
    draw_chart(c, chart, *BOX, theme, fonts, show_title=show_title)
    c.showPage()
    c.save()
    return buf.getvalue()


def page_text(pdf: bytes) -> str:
    """Return the page's text without whitespace (labels may wrap)."""
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    return "".join(text.split())


def squeeze(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("name,chart", CHARTS, ids=[n for n, _ in CHARTS])
def test_labels_footnote_and_title_are_text_and_the_source_line_is_left_to_the_page(name, chart, fonts):
    text = page_text(page(chart, fonts))
    plan = chart_plan(chart, PARK)
    notes = [n for n in plan.notes if n != chart.source_line]
    for s in [*plan.categories, *(m.label for s in plan.series for m in s.marks), *notes, plan.title]:
        assert squeeze(s) in text
    assert not chart.source_line or squeeze(chart.source_line) not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdftotext_finds_the_labels(lang, fonts, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    gdp = charts(lang)[0]
    path = tmp_path / "chart.pdf"
    path.write_bytes(page(gdp, fonts))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for s in (*gdp.value_labels, "1993*", "2007*", "2024", gdp.footnote):
        assert squeeze(s) in squeeze(out)


def test_page_holds_no_images_and_no_unembedded_font(fonts, tmp_path):
    pdf = page(charts("zh")[0], fonts)
    resources = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]
    xobjects = resources.get("/XObject", {})
    assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    for font in resources["/Font"].values():
        font = font.get_object()
        assert font["/Subtype"] in ("/TrueType", "/Type0"), font
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()
    if shutil.which("pdffonts"):
        path = tmp_path / "chart.pdf"
        path.write_bytes(pdf)
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows)      # the emb column


def test_same_chart_gives_the_same_bytes(fonts):
    target = charts("en")[2]
    assert page(target, fonts) == page(target, fonts)


def test_matplotlib_is_imported_only_when_a_chart_is_drawn():
    code = "import sys, briefgen.render.pdf.chart; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_matplotlib_state_does_not_leak(fonts):
    import matplotlib

    before = dict(matplotlib.rcParams)
    page(charts("zh")[1], fonts)
    assert dict(matplotlib.rcParams) == before
    assert not matplotlib._pylab_helpers.Gcf.get_all_fig_managers()


def test_a_missing_glyph_names_the_chart(fonts):
    gdp = charts("zh")[0]
    thin = SimpleNamespace(regular=pdf_font(400, "0123456789"), bold=fonts.bold)
    with pytest.raises(FontError) as err:
        page(gdp, thin)
    assert str(gdp.origin) in str(err.value)
