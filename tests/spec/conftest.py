"""Shared fixtures for the spec tests: a writable project holding the real dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import ROOT
from cli_helpers import run

BUILD_FAILED = "error: 1 of 1 spec(s) failed"     # the summary line build adds


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder (its own assets/, the real dataset linked in) as the working directory."""
    root = tmp_path / "proj"
    (root / "specs").mkdir(parents=True)
    (root / "assets" / "pics").mkdir(parents=True)
    (root / "assets" / "data").symlink_to(ROOT / "assets" / "data")
    monkeypatch.chdir(root)
    return root


def refused(spec: str, lines: list[str], project: Path) -> None:
    """Assert that validate and build each print exactly ``lines``, exit 1 and write nothing."""
    result = run("validate", spec)
    assert (result.exit_code, result.stdout, result.stderr.splitlines()) == (1, "", lines)
    result = run("build", spec, "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[: len(lines)] == lines
    rest = result.stderr.splitlines()[len(lines):]
    assert len(rest) == 1 and rest[0].startswith(BUILD_FAILED), rest
    assert "Traceback" not in result.output
    assert not (project / "out").exists()
