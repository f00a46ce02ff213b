"""Tests for briefgen.resolve: golden models, zh/en parity, located translation errors."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from briefgen.format import numbers
from briefgen.build import prepare
from briefgen.data.dataset import load_dataset
from briefgen.errors import Problems
from briefgen.model import Bullets, Chart, Compare, KpiCards, Paragraph, Quote, Table, Timeline
from briefgen.resolve import resolve
from briefgen.resolve.context import Resolution
from briefgen.spec import load_spec
from paths import GOLDEN, ROOT

SPECS = ("park", "city")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT / "assets" / "data")


def briefings(name: str):
    return {b.lang: b for b in prepare(Path("specs") / f"{name}.yaml", ["zh", "en"],
                                         ROOT / "assets" / "data")[1]}


@pytest.fixture(scope="module", params=SPECS)
def pair(request):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return request.param, briefings(request.param)
    finally:
        os.chdir(cwd)


def test_golden_model(pair):
    """The resolved model is reviewed as JSON; BRIEFGEN_UPDATE_GOLDEN=1 rewrites it."""
    name, by_lang = pair
    for lang, briefing in by_lang.items():
        got = json.loads(json.dumps(dataclasses.asdict(briefing), ensure_ascii=False, default=str))
        path = GOLDEN / f"model_{name}_{lang}.json"
        if os.environ.get("BRIEFGEN_UPDATE_GOLDEN"):
            path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        assert got == json.loads(path.read_text(encoding="utf-8")), f"{path.name} differs"


def cited(block) -> list[str]:
    """Return the fact ids a block shows, in order."""
    if isinstance(block, KpiCards):
        return [f.fact_id for f in block.items]
    if isinstance(block, Timeline):
        return [e.fact_id for e in block.events]
    if isinstance(block, Bullets):
        return [n for b in block.items for n in (b.fact_ids or b.notes)]
    if isinstance(block, Compare):
        return [n for c in (block.left, block.right) for b in c.items for n in b.notes]
    if isinstance(block, (Chart,)):
        return list(block.series_ids) + list(block.notes)
    if isinstance(block, (Table, Paragraph, Quote)):
        return list(block.notes)
    return []


def test_zh_and_en_carry_the_same_facts_and_chart_data(pair, dataset):
    name, by_lang = pair
    zh, en = by_lang["zh"], by_lang["en"]
    assert len(zh.slides) == len(en.slides) >= 10
    assert [s.kind for s in zh.slides] == [s.kind for s in en.slides]
    for a, b in zip(zh.slides, en.slides):
        assert [cited(x) for x in a.blocks] == [cited(x) for x in b.blocks], a.origin
        assert [n.fact_ids for n in a.sources] == [n.fact_ids for n in b.sources]
    assert [n.fact_ids for n in zh.notes] == [n.fact_ids for n in en.notes]
    charts = [(a, b) for sa, sb in zip(zh.slides, en.slides) for a, b in zip(sa.blocks, sb.blocks)
              if isinstance(a, Chart)]
    charts += [(a.block, b.block) for a, b in zip(zh.onepager.sections, en.onepager.sections)
               if isinstance(a.block, Chart)]
    assert len(charts) >= 2
    for a, b in charts:
        assert a.series_ids == b.series_ids and len(a.categories) == len(b.categories)
        assert a.highlight == b.highlight and a.derived == b.derived
        sid = a.series_ids[0]
        facts = ([dataset.facts[p.fact] for p in dataset.series[sid].points] if sid in dataset.series
                 else [dataset.facts[f] for f in a.series_ids])
        for chart, lang in ((a, "zh"), (b, "en")):
            if chart.kind == "share":
                assert chart.series[0].values == tuple(round(f.value * 100, 1) for f in facts)
            else:
                assert chart.series[0].values == tuple(numbers.convert(f.value, f.unit, lang)[0] for f in facts)


def chinese_strings(obj, path="briefing"):
    """Yield (path, text) for every string in the model holding Chinese characters."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from chinese_strings(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, (tuple, list)):
        for i, x in enumerate(obj):
            yield from chinese_strings(x, f"{path}[{i}]")
    elif isinstance(obj, str) and re.search(r"[\u3400-\u9fff]", obj):
        yield path, obj


def test_english_has_no_chinese_but_deliberate_names(pair):
    """Only data (units as the source writes them), verbatim quotes for the speaker notes, a
    source's Chinese title in brackets beside its translation, and a glossary term's Chinese in
    brackets may hold Chinese."""
    _, by_lang = pair
    left = []
    for path, text in chinese_strings(by_lang["en"]):
        if path.endswith((".unit", ".quote", ".original_title")):
            continue
        if path.endswith(".text") and ".sources[" in path or path.startswith("briefing.notes") \
                or ".onepager.notes" in path or ".glossary[" in path:
            text = re.sub(r" \([^()]*[\u3400-\u9fff][^()]*\)", "", text)
        if re.search(r"[\u3400-\u9fff]", text):
            left.append(f"{path}: {text}")
    assert not left, "\n".join(left[:5])


def test_every_figure_cites_a_note_with_its_quote(pair, dataset):
    _, by_lang = pair
    for briefing in by_lang.values():
        numbers_used = {n.number for n in briefing.notes}
        assert sorted(numbers_used) == list(range(1, len(numbers_used) + 1))
        for note in briefing.notes:
            for fid in note.fact_ids:
                obj = dataset.facts.get(fid)
                if obj is not None:
                    assert obj.quote == note.quote
        assert [n.number for n in briefing.onepager.notes] == list(range(1, len(briefing.onepager.notes) + 1))


def test_body_text_figures_come_from_the_dataset(pair):
    _, by_lang = pair
    zh = by_lang["zh"]
    commentary = [b for s in zh.slides for b in s.blocks if isinstance(b, Paragraph)]
    assert commentary and all(p.notes for p in commentary)


def spec_file(tmp_path: Path, text: str) -> Path:
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
title: {zh: 园区, en: The park}
entity: park
deck:
  - type: kpis
    title: 园区概览
    facts: [park.history.founded, park.history.years]
onepager:
  - type: kpis
    facts: [park.history.founded, park.history.years, park.plan.sales_2026]
  - type: narrative
    text: {zh: "园区成立于{park.history.founded}。"}
"""


def test_missing_translation_names_the_key_and_place(tmp_path, dataset):
    path = spec_file(tmp_path, MINIMAL)
    spec = load_spec(path, dataset)
    zh = resolve(spec, dataset, "zh", str(path), tmp_path)
    assert zh.slides[0].blocks[0].items[0].text == "2003年8月29日"
    with pytest.raises(Problems) as e:
        resolve(spec, dataset, "en", str(path), tmp_path)
    assert str(e.value).splitlines() == [
        f"{path}:5:12: deck[0].title: no 'en' text (has zh); write title: {{zh: …, en: …}} to build in en",
        f"{path}:11:11: onepager[1].text: no 'en' text (has zh); write text: {{zh: …, en: …}} to build in en",
    ]


def test_placeholders_print_figures_and_periods(tmp_path, dataset):
    text = MINIMAL.replace('text: {zh: "园区成立于{park.history.founded}。"}',
                           'text: {zh: "到{park.plan.sales_2026.period}达到{park.plan.sales_2026}。", '
                           'en: "{park.plan.sales_2026} by {park.plan.sales_2026.period}."}').replace(
        "title: 园区概览", "title: {zh: 园区概览, en: Overview}")
    path = spec_file(tmp_path, text)
    spec = load_spec(path, dataset)
    zh, en = (resolve(spec, dataset, lang, str(path), tmp_path) for lang in ("zh", "en"))
    assert zh.onepager.sections[1].block.text == "到2026年达到达千亿元（2026年目标）。"
    assert en.onepager.sections[1].block.text == "RMB 100 billion (2026 target) by 2026."
    assert zh.onepager.sections[1].block.notes == (3,)


def narrative(tmp_path, zh: str, en: str) -> tuple:
    """Return the resolved zh and en narrative text of MINIMAL with ``zh``/``en`` as its text."""
    text = MINIMAL.replace('text: {zh: "园区成立于{park.history.founded}。"}',
                           f'text: {{zh: "{zh}", en: "{en}"}}').replace(
        "title: 园区概览", "title: {zh: 园区概览, en: Overview}")
    path = spec_file(tmp_path, text)
    spec = load_spec(path, load_dataset(ROOT / "assets" / "data"))
    return tuple(resolve(spec, spec_dataset(), lang, str(path), tmp_path).onepager.sections[1].block.text
                 for lang in ("zh", "en"))


def spec_dataset():
    return load_dataset(ROOT / "assets" / "data")


def spec_problems(tmp_path, zh: str, en: str) -> list[str]:
    text = MINIMAL.replace('text: {zh: "园区成立于{park.history.founded}。"}',
                           f'text: {{zh: "{zh}", en: "{en}"}}')
    path = spec_file(tmp_path, text)
    with pytest.raises(Problems) as e:
        load_spec(path, spec_dataset())
    return str(e.value).splitlines()


def test_a_name_with_digits_is_written_with_an_equals_sign(tmp_path):
    zh, en = narrative(tmp_path, "两所部属“{=211}”高校，锡澄{=S1线}，“{=5+1}”产业，“幸福{=2.0}”版本",
                       "two national {=211} universities, the {=S1} line, the {=5+1} industries")
    assert zh == "两所部属“211”高校，锡澄S1线，“5+1”产业，“幸福2.0”版本"
    assert en == "two national 211 universities, the S1 line, the 5+1 industries"


def test_a_figure_is_refused_even_when_marked_as_a_name(tmp_path):
    assert spec_problems(tmp_path, "园区有{=5所}学校", "five schools") == [
        f"{tmp_path / 's.yaml'}:11:11: onepager[1].text: {{=5所}}: '5所' is a figure (a number with its "
        "unit), not a name; figures come from the dataset: write {fact.id}"]


def test_an_unmarked_name_with_digits_is_still_refused(tmp_path):
    assert spec_problems(tmp_path, "锡澄S1线", "the S1 line") == [
        f"{tmp_path / 's.yaml'}:11:11: onepager[1].text: a figure typed as text ('1…' in the zh text); "
        "figures must come from the dataset: write {fact.id} in its place, or {=S1线} for a name with digits",
        f"{tmp_path / 's.yaml'}:11:11: onepager[1].text: a figure typed as text ('1…' in the en text); "
        "figures must come from the dataset: write {fact.id} in its place, or {=S1线} for a name with digits"]


def test_an_unclosed_placeholder_is_a_located_error(tmp_path):
    assert spec_problems(tmp_path, "园区成立于{park.history.founded.", "Founded {park.history.founded}") == [
        f"{tmp_path / 's.yaml'}:11:11: onepager[1].text: an unclosed placeholder '{{park.history.founded.' "
        "in the zh text; close it with '}' (e.g. {park.history.founded})"]


def test_the_bare_number_form_does_not_repeat_the_direction_word(tmp_path):
    zh, en = narrative(tmp_path, "集装箱吞吐量同比增长{city.port.container_throughput_growth.number}，"
                       "而非{city.port.container_throughput_growth}",
                       "container throughput rose {city.port.container_throughput_growth.number} "
                       "({city.port.container_throughput_growth})")
    assert zh == "集装箱吞吐量同比增长14.13%，而非增长14.13%"
    assert en == "container throughput rose 14.13% (up 14.13%)"


def test_a_fact_bullet_reads_naturally(dataset):
    res = Resolution(dataset, "zh", "s.yaml", "2025")
    assert res.fact_line("city.industry.output_growth")[0] == "规上工业产值增长5.0%（2024年）"
    assert res.fact_line("city.industry.land_renewed")[0] == "累计腾退盘活提升工业用地：3.88万亩（2021—2025年，年份推算）"
    en = Resolution(dataset, "en", "s.yaml", "2025")
    assert en.fact_line("city.industry.output_growth")[0] == \
        "Growth of industrial output above designated size: 5.0% (2024)"
    assert en.fact_line("park.plan.new_tech_smes")[0] == (
        "New national technology-based SMEs registered: 20 or more (2024 target, year inferred, "
        "outcome not reported in the sources)")
