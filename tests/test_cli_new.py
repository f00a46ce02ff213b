"""Tests for briefgen.cli_new: a starter spec that validates and builds as written."""

from __future__ import annotations

import os

import pytest

from paths import ROOT
from cli_helpers import run


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "specs").mkdir()
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("entity", ["park", "city"])
def test_new_then_validate_then_build(project, entity):
    result = run("new", "--entity", entity, "visit")
    assert (result.exit_code, result.stdout) == (0, "wrote specs/visit.yaml\nnext: briefgen validate specs/visit.yaml\n")
    text = (project / "specs" / "visit.yaml").read_text(encoding="utf-8")
    assert text.startswith("# visit: a briefing spec, written by `briefgen new`.")
    assert f"entity: {entity}" in text
    result = run("validate", "specs/visit.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: specs/visit.yaml (")
    result = run("build", "specs/visit.yaml", "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(project / "out")) == ["visit.en.pdf", "visit.en.pptx", "visit.pdf", "visit.pptx"]
    # a starter is the first thing a writer builds: nothing dropped from the page, no past target
    assert "warning" not in result.stderr, result.stderr


def test_new_never_overwrites(project):
    (project / "specs" / "visit.yaml").write_text("mine\n", encoding="utf-8")
    result = run("new", "visit")
    assert (result.exit_code, result.stderr) == (
        1, "specs/visit.yaml: already exists; choose another NAME or delete the file first\n")
    assert (project / "specs" / "visit.yaml").read_text(encoding="utf-8") == "mine\n"


def test_new_takes_a_path(project):
    result = run("new", "drafts/a.yaml")
    assert (result.exit_code, result.stderr) == (1, "drafts: no such folder; create it first or choose another NAME\n")
    (project / "drafts").mkdir()
    result = run("new", "drafts/a.yaml")
    assert result.stdout == "wrote drafts/a.yaml\nnext: briefgen validate drafts/a.yaml\n"
    assert run("validate", "drafts/a.yaml").exit_code == 0


def test_new_outside_specs_writes_beside(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "visit")
    assert result.stdout == "wrote visit.yaml\nnext: briefgen validate visit.yaml\n"


def test_new_needs_a_name(project):
    result = run("new", "")
    assert (result.exit_code, result.stderr) == (1, "expected a NAME such as delegation but received ''\n")
