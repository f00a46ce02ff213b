"""Every handout built from the repository's specs (and the stress specs), measured in the PDF.

Type sizes are each character's ``size`` as pdfplumber reads it; empty height per column
is measured from everything drawn inside the column; reading order is pdftotext's default
output, what a copy-paste or a screen reader gets.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from briefgen.build import prepare
from briefgen.errors import FitError
from briefgen.model import Bullets, Chart, KpiCards, Paragraph, Timeline
from briefgen.render.pdf import render_pdf
from briefgen.render.pdf.sources import entry_text
from briefgen.theme.page import PAGE
from paths import ROOT

SPECS = sorted((ROOT / "specs").glob("*.yaml"))
STRESS = sorted((Path(__file__).parent / "specs").glob("*.yaml"))
T = PAGE.type


def _handouts(paths) -> dict:
    """Return {(spec stem, lang): (briefing, theme, pdf bytes or FitError, warnings)}."""
    out = {}
    for path in paths:
        _, briefings, theme = prepare(path)
        for b in briefings:
            buf = io.BytesIO()
            try:
                warnings = render_pdf(b, theme, buf)
                out[(path.stem, b.lang)] = (b, theme, buf.getvalue(), warnings)
            except FitError as e:
                out[(path.stem, b.lang)] = (b, theme, e, [])
    return out


@pytest.fixture(scope="module")
def repo():
    return _handouts(SPECS)


@pytest.fixture(scope="module")
def stress():
    return _handouts(STRESS)


def built(handouts) -> list:
    return [(key, h) for key, h in sorted(handouts.items()) if isinstance(h[2], bytes)]


_PARSED: dict[int, dict] = {}


def parsed(data: bytes) -> dict:
    """Return the page's chars, rects, curves, lines and size, parsed once per PDF."""
    key = hash(data)
    if key not in _PARSED:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) == 1
            page = pdf.pages[0]
            _PARSED[key] = {"chars": list(page.chars), "rects": list(page.rects),
                            "curves": list(page.curves), "lines": list(page.lines),
                            "width": page.width, "height": page.height}
    return _PARSED[key]


def chars_of(data: bytes) -> list[dict]:
    return parsed(data)["chars"]


def sizes_of(chars: list[dict], text: str, limit: int = 12) -> list[float]:
    """Return the sizes of every occurrence of ``text``'s first characters (whitespace ignored)."""
    ink = [c for c in chars if c["text"].strip()]
    seq = "".join(c["text"] for c in ink)
    want = re.sub(r"\s+", "", text)[:limit]
    found = [i for i in range(len(seq)) if seq.startswith(want, i)]
    assert found, f"{text!r} is not on the page"
    return [ink[i + k]["size"] for i in found for k in range(len(want))]


def panels(data: bytes, theme) -> list[dict]:
    """Return the tinted side panel's rectangle(s)."""
    tint = tuple(round(int(theme.palette.tint[i:i + 2], 16) / 255, 3) for i in (0, 2, 4))
    return [r for r in parsed(data)["rects"]
            if tuple(round(c, 3) for c in r["non_stroking_color"] or ()) == tint]


def body_bottom(data: bytes, theme) -> float:
    """Return the top of the sources block (or the footer): the tinted panel's bottom edge."""
    found = panels(data, theme)
    return max(r["bottom"] for r in found) if found else parsed(data)["height"]


def test_the_repository_specs_build_every_handout_on_one_page_without_warnings(repo):
    assert {lang for _, lang in repo} == {"zh", "en"} and len(repo) == 2 * len(SPECS)
    for key, (b, theme, data, warnings) in sorted(repo.items()):
        assert isinstance(data, bytes), f"{key}: {data}"
        assert len(PdfReader(io.BytesIO(data)).pages) == 1 and warnings == [], key


def check_floors(handouts) -> None:
    """Assert every role's floor on every built handout."""
    for key, (b, theme, data, _) in built(handouts):
        chars = chars_of(data)
        assert min(c["size"] for c in chars) >= 7.0 - 1e-6, key
        bottom = body_bottom(data, theme)
        body = [c for c in chars if c["bottom"] <= bottom and c["top"] > 0]
        marks = set("0123456789,")
        small = [c for c in body if c["size"] < 7.5 - 1e-6 and c["text"] not in marks]
        assert not small, (key, small[:3])
        checks = []
        top = body_top(data, theme)
        columns = [c for c in body if c["top"] >= top]
        dropped = {w.split(": one-pager")[0] for w in warnings_of(handouts, key)}
        for s in b.onepager.sections:
            block = s.block
            if str(s.origin) in dropped:
                continue
            if isinstance(block, KpiCards):
                strip = [c for c in body if c["top"] < top]
                for f in block.items:
                    assert max(sizes_of(strip, f.number)) >= T.kpi_number.floor - 1e-6, (key, f.number)
                    assert min(sizes_of(strip, f.label)) >= T.kpi_label.floor - 1e-6, (key, f.label)
                    if f.period:
                        assert min(sizes_of(strip, f.period)) >= T.kpi_period.floor - 1e-6, (key, f.period)
            elif isinstance(block, Paragraph):
                checks.append((block.text, 9.0))
            elif isinstance(block, Bullets):
                checks += [(i.text, 8.0) for i in block.items] + [(block.heading, 9.0)] * bool(block.heading)
            elif isinstance(block, Timeline):
                for ev in block.events:
                    checks += [(ev.text, 8.0), (ev.date, 7.5)]
            elif isinstance(block, Chart):
                checks += [(block.title, 9.0)] + [(c, 7.5) for c in block.categories]
        for text, floor in checks:
            assert min(sizes_of(columns, text)) >= floor - 1e-6, (key, text, floor)
        assert min(c["size"] for c in title_chars(data)) >= 20.0


def title_chars(data: bytes) -> list[dict]:
    """Return the characters of the header band set 15 pt or larger: the title."""
    top = header_bottom(data)
    return [c for c in chars_of(data) if c["bottom"] <= top and c["size"] >= 15]


def header_bottom(data: bytes) -> float:
    """Return the bottom of the full-width header band."""
    page = parsed(data)
    return min(r["bottom"] for r in page["rects"] if r["width"] >= page["width"] - 1)


def body_top(data: bytes, theme) -> float:
    """Return the top of the body: the tinted panel's top, else the page's middle."""
    found = panels(data, theme)
    return min(r["top"] for r in found) if found else parsed(data)["height"] / 2


def warnings_of(handouts, key) -> list[str]:
    return handouts[key][3]


def test_every_character_meets_its_print_floor(repo):
    check_floors(repo)


def test_the_stress_specs_meet_the_floors_where_they_build(stress):
    check_floors(stress)


def test_the_title_is_one_size_on_every_handout_of_a_theme(repo):
    by_theme: dict[str, set] = {}
    for key, (b, theme, data, _) in built(repo):
        sizes = {round(c["size"], 2) for c in title_chars(data)}
        by_theme.setdefault(theme.name, set()).update(sizes)
    assert all(len(s) == 1 for s in by_theme.values()), by_theme


def column_gaps(data: bytes, theme) -> dict[str, float]:
    """Return the tallest empty run (pt) in each body column, its end included, from the PDF."""
    g = PAGE.grid
    main = (g.margin_x, g.margin_x + PAGE.span(g.main_span))
    side = (PAGE.size[0] - g.margin_x - PAGE.span(g.side_span), PAGE.size[0] - g.margin_x)
    tint = tuple(round(int(theme.palette.tint[i:i + 2], 16) / 255, 3) for i in (0, 2, 4))
    page = parsed(data)
    panel = [r for r in page["rects"] if tuple(round(c, 3) for c in r["non_stroking_color"] or ()) == tint]
    if not panel:
        return {}
    top, bottom = panel[0]["top"], panel[0]["bottom"]
    things = [o for o in page["chars"] if o["text"].strip()] + page["rects"] + page["curves"] + page["lines"]
    things = [o for o in things if o not in panel and o["top"] >= top - 0.5 and o["bottom"] <= bottom + 0.5]
    pad = PAGE.marks.panel_pad
    out = {}
    for name, (x0, x1), (y0, y1) in (("main", main, (top, bottom)), ("side", side, (top + pad, bottom - pad))):
        spans = sorted((o["top"], o["bottom"]) for o in things if x0 - 1 <= o["x0"] and o["x1"] <= x1 + 1)
        gap, reach = 0.0, y0
        for a, z in spans:
            gap, reach = max(gap, a - reach), max(reach, z)
        out[name] = max(gap, y1 - reach)
    return out


def test_no_column_ends_with_more_than_a_tenth_of_the_page_empty(repo, stress):
    for key, (b, theme, data, _) in built(repo) + built(stress):
        gaps = column_gaps(data, theme)
        assert gaps and max(gaps.values()) <= 0.1 * PAGE.size[1], (key, gaps)


def test_margins_are_at_least_12_mm_below_the_header_band(repo):
    mm12 = 12 * 72 / 25.4
    for key, (b, theme, data, _) in built(repo):
        page = parsed(data)
        band = header_bottom(data)
        ink = [c for c in page["chars"] if c["top"] > band] + page["curves"] + page["lines"]
        assert min(o["x0"] for o in ink) >= mm12 - 0.5, key
        assert max(o["x1"] for o in ink) <= page["width"] - mm12 + 0.5, key
        assert max(o["bottom"] for o in ink) <= page["height"] - mm12 + 0.5, key


def pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is not installed")


@needs_poppler
def test_pdftotext_reads_each_kpi_number_then_its_own_label_single_spaced(repo, stress):
    for key, (b, theme, data, _) in built(repo) + built(stress):
        text = pdftotext(data)
        assert "  " not in text, key
        flat = re.sub(r"\s+", " ", text)
        kpis = next(s.block for s in b.onepager.sections if s.role == "kpis")
        at = 0
        for fig in kpis.items:                          # in strip order, each label after its number
            drawn = fig.sep.join(x for x in (fig.prefix, fig.number, fig.suffix) if x)
            number = flat.index(drawn + "[", at)
            label = flat.index(fig.label, number)
            assert label - number <= len(drawn) + 8, (key, flat[number:label])
            at = label + len(fig.label)


@needs_poppler
def test_sources_are_cited_once_per_document_with_sorted_marks_for_printed_content_only(repo, stress):
    for key, (b, theme, data, warnings) in built(repo) + built(stress):
        flat = re.sub(r"\s+", "", pdftotext(data))
        marks = [tuple(int(n) for n in m.split(",")) for m in re.findall(r"\[(\d+(?:,\d+)*)\]", flat)]
        assert marks, key
        assert all(list(m) == sorted(set(m)) for m in marks), (key, marks)
        cited = sorted({n for m in marks for n in m})
        assert cited == list(range(1, len(cited) + 1)), (key, cited)
        titles = {n.source_id: n for n in b.onepager.notes}
        printed = [n for n in titles.values() if re.sub(r"\s+", "", entry_text(n, b.lang)) in flat]
        assert len(printed) == len(cited), (key, [n.source_id for n in printed], cited)
        for note in titles.values():
            assert flat.count(re.sub(r"\s+", "", note.source_title)) <= 1, (key, note.source_title)


@needs_poppler
def test_a_dropped_section_leaves_no_source_behind(stress):
    b, theme, data, warnings = stress[("drops_optional", "en")]
    assert isinstance(data, bytes)
    assert any("dropped the optional chart section" in w for w in warnings)
    flat = pdftotext(data)
    assert "Innovative Jiangyin" not in flat and "The Paper" not in flat
    kept = next(n for n in b.onepager.notes if n.source_id == "jy-gdp-5000")
    assert entry_text(kept, "en") in flat and "1 " + entry_text(kept, "en") in flat


def test_stress_specs_build_or_fail_saying_what_where_in_which_language_and_what_to_do(stress):
    failed = 0
    for key, (b, theme, data, _) in sorted(stress.items()):
        if isinstance(data, FitError):
            failed += 1
            message = str(data)
            language = {"zh": "Chinese", "en": "English"}[b.lang]
            assert re.match(rf".+\.yaml:\d+:\d+: one-pager \({language}, lang {b.lang}\): the content "
                            r"does not fit one A4 page even at the smallest type sizes: the .+ is "
                            r"\d+\.\d pt \(\d+\.\d mm\) too tall\. .*section.*\. To make room, shorten "
                            r"that section, mark a section 'optional: true' so it can be dropped, or "
                            r"move the detail to the deck\.$", message), message
    assert 0 < failed < len(stress)


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed")
def test_repository_handouts_are_print_ready(repo, tmp_path):
    for key, (b, theme, data, _) in built(repo):
        path = tmp_path / f"{key[0]}.{key[1]}.pdf"
        path.write_bytes(data)
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        reader = PdfReader(io.BytesIO(data))
        meta = reader.metadata
        assert (meta.title, meta.author, meta.subject) == (b.title, b.issuer, b.subject)
        assert reader.trailer["/Root"]["/Lang"] == {"zh": "zh-CN", "en": "en-US"}[b.lang]
        for ref in reader.pages[0]["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"]) and "/FontFile2" in font["/FontDescriptor"]
