"""Issue 10's "Done when": every printed figure of every output carries the mark its fact needs.

The repository's specs are built (park and city, zh and en, deck and handout). For every figure
the resolved model prints (KPI cards, table rows, fact bullets, chart points, figures in running
text and speaker notes), the words its fact requires are worked out here from the dataset alone
(kind, qualifier, inferred, the deadline against the as-of date) and must be in the model's
strings; and every one of those strings must be in the file: the deck read back with
python-pptx (shapes, tables, chart categories and data labels, speaker notes), the handout with
pdftotext -raw (content order; pypdf when poppler is not installed).
"""

from __future__ import annotations

import re
from pathlib import Path

import shutil
import subprocess

import pypdf
import pytest
from pptx import Presentation

from briefgen.build import build
from briefgen.format import numbers
from briefgen.render.charts.style import format_value
from briefgen.model import Bullets, Chart, Compare, KpiCards, Paragraph, Quote, Table
from briefgen.spec import Text
from paths import ROOT

#: The words a mark must contain, per language (from issue 10, not from briefgen.resolve.marks).
WORDS = {"target": ("目标", "target"), "past": ("来源未载完成情况", "outcome not reported in the sources"),
         "inferred": ("推算", "inferred"), "estimate": ("预计", "estimated"), "potential": ("可", "potentially")}


def need(fact, lang: str, as_of: str, period_shown: bool) -> list[str]:
    """Return the mark words a printed figure of ``fact`` must carry."""
    i = 0 if lang == "zh" else 1
    words = []
    if fact.kind == "target":
        words.append(WORDS["target"][i])
        if fact.period and int(fact.period.split("/")[-1][:4]) < int(as_of[:4]):
            words.append(WORDS["past"][i])
    if fact.inferred and fact.period and period_shown:
        words.append(WORDS["inferred"][i])
    if "预计" in fact.qualifier:
        words.append(WORDS["estimate"][i])
    if "可" in fact.qualifier:
        words.append(WORDS["potential"][i])
    return words


def squash(text: str) -> str:
    """Return ``text`` as it is set (the typographic pass: curly quotes), without white space."""
    from briefgen.text.typography import polish
    return re.sub(r"\s+", "", polish(text))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Return {(spec, lang): (briefing, spec, deck text, handout text)} for both specs."""
    from briefgen.data.dataset import load_dataset
    from briefgen.spec import load_spec

    ds = load_dataset(ROOT / "assets" / "data")
    out = tmp_path_factory.mktemp("marks")
    got = {}
    for name in ("park", "city"):
        spec_path = ROOT / "specs" / f"{name}.yaml"
        built = build(spec_path, out)
        got[name] = built.warnings
        spec = load_spec(spec_path, ds)
        for b in built.briefings:
            stem = name if b.lang == "zh" else f"{name}.en"
            got[(name, b.lang)] = (b, spec, deck_text(out / f"{stem}.pptx"), page_text(out / f"{stem}.pdf"))
    return ds, got


def deck_text(path: Path) -> str:
    """Return every text of a deck: shapes, table cells, chart categories and labels, speaker notes."""
    texts = []

    def walk(shapes):
        for sh in shapes:
            if sh.shape_type == 6:                      # a group
                walk(sh.shapes)
            if sh.has_text_frame:
                texts.append(sh.text_frame.text)
            if getattr(sh, "has_table", False) and sh.has_table:
                texts.extend(c.text for row in sh.table.rows for c in row.cells)
            if getattr(sh, "has_chart", False) and sh.has_chart:
                plot = sh.chart.plots[0]
                texts.extend(str(c) for c in plot.categories)
                for series in plot.series:
                    codes = series._element.xpath("./c:dLbls/c:numFmt/@formatCode")
                    fmt = codes[0] if codes else "General"
                    for p, value in enumerate(series.values):
                        label = series.points[p].data_label
                        texts.append(label.text_frame.text if label.has_text_frame
                                     else format_value(fmt, value))
    for slide in Presentation(str(path)).slides:
        walk(slide.shapes)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return squash("\n".join(texts))


def page_text(path: Path) -> str:
    """Return the handout's text in the order it is drawn (columns are not interleaved)."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    else:
        text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    return squash(text)


def printed(briefing, spec, ds):
    """Yield (where, fact, model strings, period shown, in deck, in handout) for every printed figure."""
    lang = briefing.lang

    def blocks(block, where, deck, page):
        if isinstance(block, KpiCards):
            for f in block.items:
                if ds.facts[f.fact_id].kind != "event":
                    parts = [p for p in (f.prefix, f.number, f.suffix, f.period) if p]
                    yield where, ds.facts[f.fact_id], parts, True, deck, page
        elif isinstance(block, Table):
            for fid, row in zip(spec_facts(block), block.rows):
                yield where, ds.facts[fid], [row[1], row[2]], True, deck, page
        elif isinstance(block, (Bullets, Compare)):
            items = block.items if isinstance(block, Bullets) else block.left.items + block.right.items
            for b in items:
                for fid in b.fact_ids:
                    yield where, ds.facts[fid], [b.text], True, deck, page
        elif isinstance(block, Chart):
            for i, fid in enumerate(chart_facts(block, ds)):
                strings = [block.categories[i], block.value_labels[i]]
                fact = ds.facts[fid]
                year = bool(re.fullmatch(r"\d{4}\*?", block.categories[i].rstrip("*")))
                if block.derived[i]:
                    assert block.categories[i].endswith("*") and block.footnote, f"{where}: derived point unmarked"
                    strings.append(block.footnote)
                elif fact.inferred and year:
                    pytest.fail(f"{where}: {fid} is charted at an inferred year without a derived mark")
                if fact.kind == "target" and "目标" not in block.categories[i] + block.footnote \
                        and "target" not in block.categories[i]:
                    pytest.fail(f"{where}: {fid}: a target charted without its mark")
                if need(fact, lang, as_of, False)[1:2]:     # a past target's outcome note
                    strings.append(block.footnote)
                yield where, fact, strings, False, deck, page
        elif isinstance(block, (Paragraph, Quote)):
            yield from inline(block.text, where, deck, page)

    def spec_facts(table):
        return next(sl["facts"] for sl in spec["deck"] if sl["type"] == "table" and sl.at("facts") == table.origin)

    def inline(text, where, deck, page):
        for m in re.finditer(r"\{([^{}=][^{}]*)\}", raw_texts.get(where, "")):
            ref = m.group(1)
            fid, _, form = ref.rpartition(".") if ref not in ds.facts else (ref, "", "")
            fact = ds.facts[fid]
            if fact.kind == "event" or form == "number":
                continue
            yield where, fact, [text], form == "period", deck, page

    as_of = spec.get("as_of") or {"park": "2025", "city": "2025"}[spec["entity"]]
    raw_texts = {}
    for i, sl in enumerate(spec["deck"]):
        for key in ("commentary", "text"):
            if isinstance(sl.get(key), Text):
                raw_texts[f"deck[{i}].{key}"] = sl[key].get(lang) or ""
        for j, t in enumerate(sl.get("notes") or ()):
            raw_texts[f"deck[{i}].notes[{j}]"] = t.get(lang) or ""
    for i, sec in enumerate(spec["onepager"]):
        if sec["type"] == "narrative":
            raw_texts[f"onepager[{i}]"] = sec["text"].get(lang) or ""
    k = 0
    for i, (sl, model) in enumerate(zip(spec["deck"], briefing.slides)):
        for block in model.blocks:
            where = f"deck[{i}]" + (".commentary" if isinstance(block, Paragraph) and sl.get("commentary")
                                    else ".text" if isinstance(block, (Paragraph, Quote)) else "")
            yield from blocks(block, where, True, False)
        for j, point in enumerate(model.talking_points):
            yield from inline(point, f"deck[{i}].notes[{j}]", True, False)
    for i, sec in enumerate(spec["onepager"]):
        kept = [s for s in briefing.onepager.sections if s.origin == sec.origin]
        for s in kept:
            yield from blocks(s.block, f"onepager[{i}]", False, True)
        k += 1


def chart_facts(chart, ds):
    """Return the fact behind each category of a chart."""
    if len(chart.series_ids) == 1 and chart.series_ids[0] in ds.series:
        return [p.fact for p in ds.series[chart.series_ids[0]].points]
    return list(chart.series_ids)


@pytest.mark.parametrize("name, lang", [("park", "zh"), ("park", "en"), ("city", "zh"), ("city", "en")])
def test_every_printed_figure_carries_its_mark(outputs, name, lang):
    ds, got = outputs
    briefing, spec, deck, page = got[(name, lang)]
    as_of = "2025"
    seen, missing = 0, []
    for where, fact, strings, period_shown, in_deck, in_page in printed(briefing, spec, ds):
        seen += 1
        joined = " ".join(strings)
        for word in need(fact, lang, as_of, period_shown):
            if word not in joined:
                missing.append(f"{name} {lang} {where}: {fact.id} prints {strings!r} without '{word}'")
        for s in strings:
            if in_deck and squash(s) not in deck:
                missing.append(f"{name}.pptx ({lang}) {where}: {s!r} is not in the deck")
            if in_page and squash(s) not in page:
                missing.append(f"{name}.pdf ({lang}) {where}: {s!r} is not on the handout")
    assert seen >= 15
    assert not missing, "\n".join(missing)


def test_the_walk_sees_targets_estimates_and_inferred_years(outputs):
    """The walk is not vacuous: the outputs print every kind of mark."""
    ds, got = outputs
    kinds = set()
    for (name, lang), (briefing, spec, _, _) in ((k, v) for k, v in got.items() if isinstance(k, tuple)):
        for _, fact, _, shown, _, _ in printed(briefing, spec, ds):
            kinds.update(k for k, words in WORDS.items() if any(w in need(fact, lang, "2025", shown) for w in words))
    assert kinds >= {"target", "past", "inferred", "estimate"}


def test_a_target_without_its_mark_is_caught(outputs):
    """The check fails when a renderer or the resolver drops a mark."""
    ds, got = outputs
    fact = ds.facts["park.plan.sales_2026"]
    assert need(fact, "zh", "2025", True) == ["目标"]
    assert need(ds.facts["park.plan.new_tech_smes"], "en", "2025", True) == [
        "target", "outcome not reported in the sources", "inferred"]
    assert numbers.format_figure(1000, "亿元", "zh", qualifier="达", as_written="千亿").text == "达千亿元"


def test_the_build_warns_of_each_past_target_naming_the_spec_line(outputs):
    """One warning a spec place, naming every past target used there, so a long spec stays readable."""
    _, got = outputs
    lines = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8").splitlines()
    table = next(i for i, line in enumerate(lines, 1) if "facts: [" in line and "park.plan.new_tech_smes" in line)
    assert (f"{ROOT / 'specs' / 'park.yaml'}:{table}:5: 2 targets for 2024 (park.plan.new_tech_smes, "
            "park.plan.new_little_giant), before the briefing's as-of date (2025); they print as past targets "
            "whose outcomes the sources do not report" in got["park"])
    assert not any("park.plan.sales_2026" in w for w in got["park"])      # 2026: not past
    city = [w for w in got["city"] if "past target" in w]
    assert len(city) == len({w.split(": ")[0] for w in city}) == 3          # one a place, not one a fact
    assert any(w.endswith("4 targets for 2024 (city.kcjy.rd_intensity_target, city.kcjy.hightech_share_target, "
                          "city.kcjy.hightech_firms_target, city.kcjy.talent_target), before the briefing's "
                          "as-of date (2025); they print as past targets whose outcomes the sources do not report")
               for w in city)
