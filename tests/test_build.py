"""Tests for briefgen.build: naming, atomic replacement, reproducibility, failures write nothing."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen import output
from briefgen.build import build, output_path, validate, write_atomic
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
    slide = next(s for s in en.slides if any(sh.has_text_frame and sh.text_frame.text.startswith(
        "Targets") for sh in s.shapes))
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
    assert str(e.value).startswith(f"{spec}:10:5: one-pager (Chinese, lang zh): the content does not fit one A4 page")
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


def _session_members(sid: int) -> list[int]:
    """Return the live processes of session ``sid`` (Linux /proc)."""
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                out.append(int(name))
    return out


KILLER = """
import json, os, random, signal, sys, time
sys.path.insert(0, TESTS)
from pathlib import Path
from briefgen import output
from briefgen.cli import main
from test_build import _session_members

def run_build():
    os.setsid()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        main(["build", SPEC, "-o", OUT])
    finally:
        os._exit(0)

def trial(delay):
    pid = os.fork()
    if pid == 0:
        run_build()
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return pid

from briefgen.build import build
build(SPEC, OUT + ".warm")                    # imports, fonts and fits ready before forking
start = time.perf_counter()
if os.fork() == 0:
    run_build()
os.wait()
whole = time.perf_counter() - start
print("one build", whole, file=sys.stderr)
rng, results = random.Random(9), []
for _ in range(20):
    for p in Path(OUT).iterdir():
        p.unlink()
    for name in NAMES:
        (Path(OUT) / name).write_bytes(b"old " + name.encode())
    pid = trial(rng.uniform(0.0, whole * 1.1))
    left = _session_members(pid)
    journal = any(p.name.endswith(output.JOURNAL) for p in Path(OUT).iterdir())
    output.recover(Path(OUT))
    results.append({"left": left, "journal": journal,
                    "files": {p.name: p.read_bytes().hex() for p in Path(OUT).iterdir()}})
print(json.dumps(results))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "fork"),
                    reason="needs Linux /proc and fork")
def test_kill_9_at_20_random_points_leaves_old_or_new_files_and_no_process(park_twice, tmp_path):
    """kill -9 of a build (the CLI in a process of its own, forked warm so that 20 runs stay
    short) at a random moment: after the next write into the folder (recover), the files are
    all old or all new, no temporary is left, and no process lives on."""
    import json

    (good, _), _ = park_twice
    new = {n: (good / n).read_bytes() for n in NAMES}
    out = tmp_path / "out"
    out.mkdir()
    code = (f"TESTS, SPEC, OUT, NAMES = {str(ROOT / 'tests')!r}, {str(ROOT / 'specs' / 'park.yaml')!r}, "
            f"{str(out)!r}, {NAMES!r}" + KILLER)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    old = {n: b"old " + n.encode() for n in NAMES}
    states = []
    for r in results:
        assert r["left"] == []
        files = {n: bytes.fromhex(h) for n, h in r["files"].items()}
        assert files in (old, new), f"mixed or stray files: {sorted(files)}"
        states.append("old" if files == old else "new")
    assert len(states) == 20 and "old" in states


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_9_of_a_fresh_briefgen_build_leaves_no_process(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "build", str(ROOT / "specs" / "park.yaml"),
                             "-o", str(out)], start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0.3, 1.0))
    proc.kill()
    proc.wait()
    assert _session_members(proc.pid) == []
    output.recover(out)
    assert not out.exists() or sorted(p.name for p in out.iterdir()) in ([], sorted(NAMES))


NAMES = ("park.pptx", "park.pdf", "park.en.pptx", "park.en.pdf")


def _project(tmp_path: Path, name: str, text: str) -> Path:
    """Return a spec written into a project that shares the real dataset."""
    project = tmp_path / "project"
    (project / "specs").mkdir(parents=True, exist_ok=True)
    if not (project / "assets").exists():
        (project / "assets").symlink_to(ROOT / "assets")
    spec = project / "specs" / name
    spec.write_text(text, encoding="utf-8")
    return spec


NARRATIVE = """  - type: narrative
    text:
      zh: 园区立足主导产业，建设科创载体。
      en: %s
""" % ("The park builds on its leading industries and its innovation hubs. " * 28)
ENGLISH_TOO_LONG = """title: {zh: 园区, en: The park}
entity: park
lang: [zh, en]
deck:
  - type: title
onepager:
  - type: kpis
    facts: [park.history.founded, park.history.years, park.plan.sales_2026]
""" + NARRATIVE * 6


def test_a_build_in_one_language_checks_only_that_language(tmp_path):
    spec = _project(tmp_path, "long.yaml", ENGLISH_TOO_LONG)
    built = build(spec, tmp_path / "out", langs=["zh"])
    assert [p.name for p in built.outputs] == ["long.pptx", "long.pdf"]
    assert built.checked == [("zh", "pptx"), ("zh", "pdf")]
    with pytest.raises(FitError) as e:
        build(spec, tmp_path / "out", langs=["en"])
    assert str(e.value).startswith(f"{spec}:17:5: ") and "English" in str(e.value)
    assert "Chinese" not in str(e.value)


def test_validate_renders_every_language_and_names_the_one_that_fails(tmp_path):
    spec = _project(tmp_path, "long.yaml", ENGLISH_TOO_LONG)
    with pytest.raises(FitError) as e:             # one problem: Chinese fits
        validate(spec)
    assert str(e.value).startswith(f"{spec}:17:5: ") and "English" in str(e.value)
    assert not (tmp_path / "project" / "output").exists()


def test_validate_refuses_a_character_the_fonts_lack_as_build_does(tmp_path):
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    spec = _project(tmp_path, "park.yaml", text.replace("  zh: 江苏江阴—靖江工业园区投资推介", "  zh: 🚀江苏江阴—靖江工业园区投资推介", 1))
    with pytest.raises(BriefgenError) as checked:
        validate(spec)
    with pytest.raises(BriefgenError) as built:
        build(spec, tmp_path / "out")
    assert str(checked.value) == str(built.value)
    assert "U+1F680" in str(checked.value)
    assert not (tmp_path / "out").exists()


def test_validate_counts_spec_slides_and_deck_slides_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    checked = validate(ROOT / "specs" / "park.yaml")
    assert (checked.spec_slides, checked.deck_slides) == (12, 13)
    assert checked.checked == [("zh", "pptx"), ("zh", "pdf"), ("en", "pptx"), ("en", "pdf")]
    assert checked.outputs == [] and list(tmp_path.iterdir()) == []


def test_each_language_s_deck_is_planned_once(tmp_path, monkeypatch):
    from briefgen.render import pptx

    made = []
    real = pptx.DeckPlan.__init__

    def counting(self, briefing, theme):
        made.append(briefing.lang)
        real(self, briefing, theme)

    monkeypatch.setattr(pptx.DeckPlan, "__init__", counting)
    build(ROOT / "specs" / "park.yaml", tmp_path, ("pptx",))
    assert sorted(made) == ["en", "zh"]


def test_a_session_rebuilds_an_edited_spec_as_a_fresh_build_would(tmp_path):
    from briefgen.build import Session

    text = (ROOT / "specs" / "city.yaml").read_text(encoding="utf-8")
    spec = _project(tmp_path, "city.yaml", text)
    session = Session()
    session.build(spec, tmp_path / "warm")
    first = session.dataset(ROOT / "assets" / "data")
    spec.write_text(text.replace("  zh: 江阴：", "  zh: 新江阴：", 1), encoding="utf-8")
    warm = session.build(spec, tmp_path / "warm")
    assert session.dataset(ROOT / "assets" / "data") is first        # not loaded again
    build(spec, tmp_path / "cold")
    for path in warm.outputs:
        assert path.read_bytes() == (tmp_path / "cold" / path.name).read_bytes(), path.name


IMPORTERS = """
import sys, traceback
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == ABSENT:
            frames = [f.filename for f in traceback.extract_stack() if "/briefgen/" in f.filename]
            print("imported by", frames[-1].split("/briefgen/")[-1] if frames else "?")
        return None
sys.meta_path.insert(0, Watch())
from briefgen.build import build
build(SPEC, OUT, (FMT,), ["zh"])
"""


@pytest.mark.parametrize("fmt, absent", [("pptx", "reportlab"), ("pdf", "pptx")])
def test_a_one_format_build_does_not_import_the_other_format_s_library(tmp_path, fmt, absent):
    """Nothing on one format's path imports the other's library; the watcher names the importer."""
    code = (f"ABSENT, FMT, SPEC, OUT = {absent!r}, {fmt!r}, {str(ROOT / 'specs' / 'park.yaml')!r}, "
            f"{str(tmp_path)!r}" + IMPORTERS)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == ""


def test_two_clones_in_different_folders_build_byte_identical_files(park_twice, tmp_path):
    """The install path and the working folder never reach the files (nor the cache keys)."""
    (good, _), _ = park_twice
    clone = tmp_path / "elsewhere" / "clone"
    for part in ("briefgen", "assets", "specs"):
        shutil.copytree(ROOT / part, clone / part, symlinks=True)
    env = dict(os.environ, PYTHONPATH=str(clone))
    code = ("import sys, briefgen; from briefgen.cli import main;"
            "print(briefgen.__file__, file=sys.stderr); main()")
    run = subprocess.run([sys.executable, "-c", code, "build", "specs/park.yaml", "-o", "out"],
                         cwd=clone, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith(str(clone / "briefgen"))
    for name in NAMES:
        assert (clone / "out" / name).read_bytes() == (good / name).read_bytes(), name


def test_a_session_re_renders_only_the_files_an_edit_changes(tmp_path, monkeypatch):
    from briefgen import build as build_module
    from briefgen.build import Session

    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    spec = _project(tmp_path, "park.yaml", text)
    session = Session()
    session.build(spec, tmp_path / "out")
    rendered = []
    real = build_module._renderer

    def renderer(fmt):
        def render(b, theme, out, **options):
            rendered.append((b.lang, fmt))
            return real(fmt)(b, theme, out, **options)
        return render

    monkeypatch.setattr(build_module, "_renderer", renderer)
    text = text.replace("Stress the location", "Stress the position", 1)
    spec.write_text(text, encoding="utf-8")
    session.build(spec, tmp_path / "out")
    assert rendered == [("en", "pptx")]                 # a deck note: the handout is unchanged
    assert "Stress the position" in _notes_text(tmp_path / "out" / "park.en.pptx")
    session.build(spec, tmp_path / "out")
    assert rendered == [("en", "pptx")]                 # nothing changed: nothing drawn
    spec.write_text(text.replace("园区立足船舶制造、特色冶金", "园区依托船舶制造、特色冶金"), encoding="utf-8")
    session.build(spec, tmp_path / "out")
    assert rendered[1:] == [("zh", "pdf")]             # a handout narrative: the deck is unchanged


def _notes_text(path: Path) -> str:
    from pptx import Presentation

    return "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(path).slides
                     if s.has_notes_slide)


def test_a_file_that_already_holds_the_bytes_is_not_rewritten(tmp_path):
    out = tmp_path / "out"
    output.write_all(out, [(out / "a.pdf", b"same"), (out / "b.pdf", b"old")])
    before = (out / "a.pdf").stat().st_ino
    output.write_all(out, [(out / "a.pdf", b"same"), (out / "b.pdf", b"new")])
    assert (out / "a.pdf").stat().st_ino == before and (out / "b.pdf").read_bytes() == b"new"


def test_an_edited_picture_changes_what_a_session_compares(tmp_path):
    from dataclasses import replace

    from briefgen.build import _pictures
    from briefgen.model import Image, Slide
    from model_samples import briefing

    picture = tmp_path / "a.png"
    picture.write_bytes(b"one")
    b = replace(briefing("en"), slides=(Slide("image", "t", (Image(str(picture), "alt"),)),))
    before = _pictures(b)
    picture.write_bytes(b"three")
    assert before != _pictures(b) and len(before) == 1


ENGLISH_QUOTE_TOO_LONG = """title: {zh: 园区, en: The park}
entity: park
lang: [zh, en]
deck:
  - type: title
  - type: quote
    title: {zh: 寄语, en: A word}
    text:
      zh: 产业共进。
      en: %s
onepager:
  - type: kpis
    facts: [park.history.founded, park.history.years, park.plan.sales_2026]
""" % ("Industry grows together across the river and the park builds its future. " * 25)


def test_a_deck_in_one_language_does_not_fail_for_another_language_s_slide(tmp_path):
    spec = _project(tmp_path, "quote.yaml", ENGLISH_QUOTE_TOO_LONG)
    built = build(spec, tmp_path / "out", ("pptx",), ["zh"])
    assert [p.name for p in built.outputs] == ["quote.pptx"]
    with pytest.raises(FitError) as e:
        validate(spec)
    assert str(e.value).startswith(f"{spec}:") and "English" in str(e.value)
