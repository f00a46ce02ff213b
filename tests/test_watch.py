"""Tests for briefgen.watch: the rebuild loop, driven by a fake stream of changes (no waiting)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from briefgen import watch
from briefgen.cli import main
from paths import ROOT

MODIFIED = 2        # watchfiles.Change.modified


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "specs").mkdir()
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "specs" / "park.yaml"
    spec.write_text((ROOT / "specs" / "park.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


class Lines:
    """Collects what the loop prints, stdout and stderr apart."""

    def __init__(self):
        self.out, self.err = [], []

    def __call__(self, text: str, err: bool = False) -> None:
        (self.err if err else self.out).append(text)


def test_affected_specs():
    a, b, out = Path("specs/a.yaml"), Path("specs/b.yaml"), Path("output")
    assert watch.affected({(MODIFIED, os.path.abspath("specs/a.yaml"))}, [a, b], out) == [a]
    assert watch.affected({(MODIFIED, os.path.abspath("assets/data/facts/park.yaml"))}, [a, b], out) == [a, b]
    assert watch.affected({(MODIFIED, os.path.abspath("assets/photos/x.png"))}, [a, b], out) == [a, b]
    assert watch.affected({(MODIFIED, os.path.abspath("output/a.pdf")),
                           (MODIFIED, os.path.abspath("specs/.a.yaml.swp")),
                           (MODIFIED, os.path.abspath("specs/notes.txt"))}, [a, b], out) == []


def test_loop_rebuilds_after_each_change_and_keeps_the_last_good_output(project):
    """Build, break the spec, fix it: the broken build prints its located problem, writes nothing."""
    spec = project / "specs" / "park.yaml"
    good = spec.read_text(encoding="utf-8")
    builder = watch.make_builder(Path("out"), ("pdf",), ["en"], None)

    def changes():
        spec.write_text(good.replace("entity: park", "entity: prak"), encoding="utf-8")
        yield {(MODIFIED, str(spec))}
        assert (project / "out" / "park.en.pdf").read_bytes() == first
        spec.write_text(good.replace("\"Founded on {park.history.founded} at", "\"Set up on {park.history.founded} at"), encoding="utf-8")
        yield {(MODIFIED, str(spec)), (MODIFIED, str(project / "out" / "park.en.pdf"))}

    lines = Lines()
    first = None

    def build_and_remember(path):
        nonlocal first
        built = builder(path)
        first = first or (project / "out" / "park.en.pdf").read_bytes()
        return built

    watch.loop([Path("specs/park.yaml")], changes(), build_and_remember, Path("out"), lines)
    assert lines.out == ["wrote out/park.en.pdf", "wrote out/park.en.pdf"]
    warnings = [line for line in lines.err if line.startswith("warning: ")]
    assert all(w.startswith("warning: specs/park.yaml:") for w in warnings)   # the dataset's, as build prints them
    assert [line for line in lines.err if line not in warnings] == [
        "watching for changes (Ctrl-C to stop)",
        "specs/park.yaml:11:9: entity: expected one of city, park but received 'prak'; did you mean 'park'?",
        "failed: specs/park.yaml; the last good output was kept",
    ]
    from pypdf import PdfReader
    text = PdfReader(project / "out" / "park.en.pdf").pages[0].extract_text()
    assert "Set up on" in text and "Founded on" not in text


def test_an_unexpected_error_does_not_end_the_loop():
    lines = Lines()

    def builder(path):
        if path.name == "bad.yaml":
            raise ValueError("boom")
        return SimpleNamespace(outputs=[Path("out/ok.pdf")], warnings=["a warning"])

    watch.loop([Path("bad.yaml"), Path("ok.yaml")], iter(()), builder, Path("out"), lines)
    assert lines.out == ["wrote out/ok.pdf"]
    assert lines.err == ["internal error: ValueError: boom (the last good output was kept)",
                         "warning: a warning", "watching for changes (Ctrl-C to stop)"]


def test_ctrl_c_exits_cleanly(project, monkeypatch):
    import watchfiles

    seen = {}

    def fake_watch(*folders, **options):
        seen["folders"] = folders
        seen["filter"] = options["watch_filter"]
        raise KeyboardInterrupt
        yield  # pragma: no cover - a generator that is interrupted at once

    monkeypatch.setattr(watchfiles, "watch", fake_watch)
    result = CliRunner().invoke(main, ["watch", "specs/park.yaml", "-o", "out", "--format", "pdf",
                                       "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/park.en.pdf\n"
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: specs/park.yaml:")]
    assert lines == ["watching for changes (Ctrl-C to stop)", "stopped watching"]
    assert Path(project / "specs") in seen["folders"] and Path(project / "assets") in seen["folders"]
    assert seen["filter"](MODIFIED, str(project / "specs" / "park.yaml"))
    assert not seen["filter"](MODIFIED, str(project / "out" / "park.en.pdf"))
