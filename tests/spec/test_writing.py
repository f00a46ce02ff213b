"""What a writer naturally types works: the smallest spec, {zh, en} bullets, cite on handout
sections, specs outside specs/, and output names whatever the stem."""

from __future__ import annotations

import os

from pptx import Presentation

from cli_helpers import run, write
from paths import ROOT

SMALLEST = """\
title: {zh: 园区简介, en: The park}
entity: park
deck:
  - type: title
onepager:
  - type: narrative
    text: 园区跨江联动发展。
"""


def test_the_smallest_spec_builds_with_a_default_as_of(project):
    spec = write(project / "specs" / "small.yaml", SMALLEST)
    result = run("validate", spec)
    assert (result.exit_code, result.stderr) == (0, "")
    result = run("build", spec, "-o", "out", "--format", "pdf")
    assert (result.exit_code, result.stdout) == (0, "wrote out/small.pdf\n"), result.output
    newest = max(s.date for s in __import__("briefgen.data.dataset", fromlist=["x"]).load_dataset(
        ROOT / "assets" / "data").sources.values())
    from pypdf import PdfReader
    text = PdfReader(project / "out" / "small.pdf").pages[0].extract_text()
    assert f"数据截至{newest[:4]}年" in text.replace(" ", "")


def test_a_bullet_may_be_written_as_zh_en_text(project):
    text = SMALLEST.replace("  - type: title\n", "  - type: bullets\n    title: {zh: 要点, en: Points}\n"
                            "    items:\n      - {zh: 跨江联动, en: Across the river}\n"
                            "      - {zh: 融合发展, en: Growing together, sub: true}\n").replace(
        "text: 园区跨江联动发展。", "text: {zh: 园区跨江联动发展。, en: The park spans the river.}").replace(
        "entity: park\n", "entity: park\nlang: [zh, en]\n")
    spec = write(project / "specs" / "b.yaml", text)
    result = run("validate", write(project / "specs" / "b.yaml", text.replace("en: Across", "fr: Across")))
    assert result.stderr.splitlines() == [
        "specs/b.yaml:8:20: deck[0].items[0]: expected a language key (zh, en) but received 'fr'"]
    write(project / "specs" / "b.yaml", text)
    result = run("build", spec, "-o", "out", "--format", "pptx", "--lang", "en")
    assert result.exit_code == 0, result.output
    deck = Presentation(project / "out" / "b.en.pptx")
    texts = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    assert any("Across the river" in t and "Growing together" in t for t in texts)


def test_handout_sections_take_cite(project):
    text = SMALLEST.replace("    text: 园区跨江联动发展。\n",
                            "    text: 园区跨江联动发展。\n    cite: [park.list.zones]\n")
    spec = write(project / "specs" / "c.yaml", text)
    result = run("build", spec, "-o", "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader
    page = PdfReader(project / "out" / "c.pdf").pages[0].extract_text().replace(" ", "")
    assert "《江苏江阴—靖江工业园区（我的名片）》" in page    # park.list.zones' source, as a numbered note
    assert "我的名片" not in _handout(project, SMALLEST)
    result = run("validate", write(project / "specs" / "c.yaml", text.replace("park.list.zones", "park.list.zone")))
    assert result.stderr == ("specs/c.yaml:8:12: onepager[0].cite[0]: unknown fact or list 'park.list.zone'; "
                             "did you mean 'park.list.zones'?\n")


def _handout(project, text: str) -> str:
    from pypdf import PdfReader
    spec = write(project / "specs" / "plain.yaml", text)
    assert run("build", spec, "-o", "out", "--format", "pdf").exit_code == 0
    return PdfReader(project / "out" / "plain.pdf").pages[0].extract_text().replace(" ", "")


def test_a_spec_outside_specs_finds_the_project_from_the_working_folder(project, tmp_path):
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    (elsewhere / "small.yaml").write_text(SMALLEST, encoding="utf-8")
    result = run("validate", str(elsewhere / "small.yaml"))
    assert (result.exit_code, result.stdout) == (0, f"ok: {elsewhere / 'small.yaml'} (1 spec slides → 1 deck slides; zh)\n")


def test_outside_any_project_the_message_names_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.yaml").write_text(SMALLEST, encoding="utf-8")
    result = run("validate", "small.yaml")
    assert (result.exit_code, result.stderr) == (1, (
        f"no assets/data folder in {tmp_path.resolve()} or any folder above it; run inside a briefgen "
        "project or pass the dataset folder with --data DIR\n"))
    result = run("validate", "small.yaml", "--data", str(ROOT / "assets" / "data"))
    assert result.exit_code == 0, result.output


def test_a_stem_that_names_a_language_gives_every_file_its_language(project):
    text = SMALLEST.replace("entity: park\n", "entity: park\nlang: [en, zh]\n").replace(
        "text: 园区跨江联动发展。", "text: {zh: 园区跨江联动发展。, en: The park spans the river.}")
    spec = write(project / "specs" / "university-delegation.en.yaml", text)
    result = run("build", spec, "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(project / "out")) == [
        "university-delegation.en.pdf", "university-delegation.en.pptx",
        "university-delegation.zh.pdf", "university-delegation.zh.pptx"]
    from pypdf import PdfReader
    assert "spans the river" in PdfReader(project / "out" / "university-delegation.en.pdf").pages[0].extract_text()
    assert "跨江" in PdfReader(project / "out" / "university-delegation.zh.pdf").pages[0].extract_text()


def test_output_names_keep_the_plain_rule_for_other_stems():
    from pathlib import Path
    from briefgen.build import output_path
    out = Path("o")
    assert output_path(out, "park", "zh", "zh", "pdf") == out / "park.pdf"
    assert output_path(out, "park", "en", "zh", "pdf") == out / "park.en.pdf"
    assert output_path(out, "v2.final", "en", "zh", "pptx") == out / "v2.final.en.pptx"
    assert output_path(out, "visit.zh", "zh", "zh", "pptx") == out / "visit.zh.pptx"
    assert output_path(out, ".en", "zh", "zh", "pptx") == out / ".en.pptx"
