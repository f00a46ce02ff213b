"""Tests for briefgen.build: naming, atomic replacement, reproducibility, failures write nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.build import build, output_path, write_atomic
from briefgen.errors import BriefgenError, FitError
from paths import ROOT



@pytest.fixture(scope="module")
def park_twice(tmp_path_factory):
    """Build specs/park.yaml twice into two folders."""
    outs = [tmp_path_factory.mktemp(f"out{i}") for i in range(2)]
    built = [build(ROOT / "specs" / "park.yaml", out) for out in outs]
    return outs, built


def test_output_names_follow_the_spec_and_its_languages(park_twice):
    outs, built = park_twice
    assert sorted(p.name for p in built[0].outputs) == ["park.en.pdf", "park.en.pptx", "park.pdf", "park.pptx"]
    assert output_path(Path("o"), "park", "en", "zh", "pdf") == Path("o/park.en.pdf")
    assert output_path(Path("o"), "park", "zh", "zh", "pptx") == Path("o/park.pptx")


def test_two_builds_are_byte_identical(park_twice):
    (a, b), _ = park_twice
    for name in ("park.pptx", "park.pdf", "park.en.pptx", "park.en.pdf"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_both_languages_have_the_same_slides(park_twice, tmp_path):
    from pptx import Presentation

    (out, _), _ = park_twice
    zh, en = (Presentation(out / name) for name in ("park.pptx", "park.en.pptx"))
    assert len(zh.slides) == len(en.slides) >= 10
    only_en = build(ROOT / "specs" / "park.yaml", tmp_path, ("pptx",), ["en"])
    assert [p.name for p in only_en.outputs] == ["park.en.pptx"]
    assert (tmp_path / "park.en.pptx").read_bytes() == (out / "park.en.pptx").read_bytes()


def test_english_notes_quote_the_source_beside_the_fact(park_twice):
    from pptx import Presentation

    (out, _), _ = park_twice
    notes = Presentation(out / "park.en.pptx").slides[1].notes_slide.notes_text_frame.text
    assert "Original (Chinese): “2003年8月29日,江阴经济开发区靖江园区正式成立”" in notes
    assert "Jiangsu Jiangyin–Jingjiang Industrial Park: Profile" in notes


def test_english_notes_explain_the_chinese_terms_a_slide_prints(park_twice):
    from pptx import Presentation

    (out, _), _ = park_twice
    en, zh = (Presentation(out / name) for name in ("park.en.pptx", "park.pptx"))
    slide = next(s for s in en.slides if any(sh.has_text_frame and sh.text_frame.text == "Targets"
                                             for sh in s.shapes))
    notes = slide.notes_slide.notes_text_frame.text.split("\n")
    terms = notes.index("Terms explained")
    assert notes[terms + 1].startswith("Technology-based SME (科技型中小企业): A small or medium-sized")
    assert notes.index("Sources") > terms
    assert not any("术语" in s.notes_slide.notes_text_frame.text for s in zh.slides)


def test_a_failed_build_leaves_the_previous_output_untouched(park_twice, tmp_path):
    (good, _), _ = park_twice
    out = tmp_path / "out"
    shutil.copytree(good, out)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    (project / "assets").symlink_to(ROOT / "assets")
    broken = project / "specs" / "park.yaml"
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("park.history.years", "park.history.yeers", 1), encoding="utf-8")
    with pytest.raises(BriefgenError):
        build(broken, out)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before


def test_a_render_failure_writes_nothing(tmp_path):
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True)
    (project / "assets").symlink_to(ROOT / "assets")
    spec = project / "specs" / "long.yaml"
    long_text = "园区立足主导产业，建设科创载体，推进民生项目。" * 80
    spec.write_text(f"""title: 园区
entity: park
deck:
  - type: title
onepager:
  - type: kpis
    facts: [park.history.founded, park.history.years, park.plan.sales_2026]
  - type: narrative
    text: {long_text}
  - type: narrative
    text: {long_text}
""", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(FitError) as e:
        build(spec, out)
    assert str(e.value).startswith(f"{spec}:10:5: one-pager: the content does not fit one A4 page")
    assert not out.exists() or not any(out.iterdir())


def test_write_atomic_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_the_folder_a_build_runs_from_does_not_change_the_files(tmp_path, monkeypatch):
    """The same spec gives the same bytes whether named by a relative or an absolute path."""
    monkeypatch.chdir(ROOT)
    build(Path("specs/city.yaml"), tmp_path / "rel", ("pdf",), ["zh"])
    build(ROOT / "specs" / "city.yaml", tmp_path / "abs", ("pdf",), ["zh"])
    assert (tmp_path / "rel" / "city.pdf").read_bytes() == (tmp_path / "abs" / "city.pdf").read_bytes()
