"""Tests for briefgen.cli: exact messages, exit codes, no tracebacks, nothing written on failure."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from paths import ROOT



@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder holding the real dataset, as the working directory."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write(path: Path, data: str | bytes) -> str:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path.relative_to(Path.cwd()))


def test_validate_ok(project):
    spec = write(project / "specs" / "park.yaml", (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8"))
    result = run("validate", spec)
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: specs/park.yaml (13 slides; zh, en)\n"


def test_validate_prints_every_problem_located(project):
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    text = text.replace("entity: park", "entity: prak").replace("type: timeline\n", "type: timelin\n", 1)
    spec = write(project / "specs" / "park.yaml", text)
    result = run("validate", spec)
    assert result.exit_code == 1
    assert result.stderr == (
        "specs/park.yaml:11:9: entity: expected one of city, park but received 'prak'; did you mean 'park'?\n"
        "specs/park.yaml:68:11: deck[6].type: expected one of title, section, kpis, bullets, chart, "
        "timeline, table, compare, image, quote, closing but received 'timelin'; did you mean 'timeline'?\n")
    assert result.stdout == ""


HOSTILE = {
    "empty": (b"", "specs/x.yaml: the file is empty; expected a YAML mapping"),
    "list": ("- a\n- b\n", "specs/x.yaml:1:1: expected a briefing spec (a mapping) but received a list"),
    "scalar": ("hello\n", "specs/x.yaml:1:1: expected a briefing spec (a mapping) but received a single value"),
    "binary": (bytes(range(256)), "specs/x.yaml: not a text file (it contains NUL bytes)"),
    "gbk": ("title: 江阴\n".encode("gbk"), "specs/x.yaml:1:8: not UTF-8 text (byte 0xbd cannot be decoded); save the file as UTF-8"),
    "deep": ("a: " + "[" * 200 + "]" * 200 + "\n", "specs/x.yaml:1:67: nesting is deeper than 64 levels"),
    "long": ("title: " + "长" * 30000 + "\n", "specs/x.yaml:1:8: a value of 30,000 characters; the limit is 20,000"),
    "python": ("title: !!python/object/apply:os.system [ls]\n",
               "specs/x.yaml:1:8: YAML tags are not supported (found '!!python/object/apply:os.system')"),
    "bomb": ("a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, n in zip("abcdefg", "bcdefgh")),
        "specs/x.yaml:6:8: the document expands to more than 100,000 values (aliases repeat too much)"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gets_a_located_line_and_exit_1(project, name):
    data, message = HOSTILE[name]
    spec = write(project / "specs" / "x.yaml", data)
    result = run("build", spec, "-o", "out")
    assert result.exit_code == 1
    assert result.stderr == f"{message}\nerror: 1 of 1 spec(s) failed; their previous output was left untouched\n"
    assert "Traceback" not in result.output
    assert not (project / "out").exists()


def test_missing_file(project):
    result = run("validate", "specs/nope.yaml")
    assert result.exit_code == 1
    assert result.stderr == "specs/nope.yaml: cannot read file: No such file or directory\n"


def test_spec_outside_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text("title: x\n", encoding="utf-8")
    result = run("validate", "s.yaml")
    assert result.exit_code == 1
    assert "assets/data" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [("build",), ("build", "x.yaml", "--format", "docx"), ("nosuch",),
                                  ("build", "x.yaml", "--lang", "fr")])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_build_writes_both_languages_and_reports_them(project):
    spec = write(project / "specs" / "city.yaml", (ROOT / "specs" / "city.yaml").read_text(encoding="utf-8"))
    result = run("build", spec, "-o", "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/city.pdf\nwrote out/city.en.pdf\n"
    result = run("build", spec, "-o", "out", "--format", "pptx", "--lang", "en")
    assert result.stdout == "wrote out/city.en.pptx\n"
    assert sorted(os.listdir(project / "out")) == ["city.en.pdf", "city.en.pptx", "city.pdf"]


def test_readme_quotes_the_cli_help_verbatim():
    """The README's CLI reference is --help; this keeps them from drifting."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    import readme_cli

    for cmd in readme_cli.COMMANDS:
        text = CliRunner().invoke(main, [*cmd, "--help"], prog_name="briefgen").stdout
        assert text.strip() in readme, f"README is missing `briefgen {' '.join(cmd)} --help`"
    assert readme_cli.rewrite(readme) == readme, "run python scripts/readme_cli.py --write"


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    start = readme.index("## Quick start")
    block = readme[start:].split("```")[1]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith(("#", "bash", "sh"))]
    assert len(commands) == 2, commands
    assert commands[1] in ci.splitlines()
    assert "briefgen build specs/park.yaml" in commands[0]


def test_the_readme_example_spec_builds(project):
    """A writer starts from the README's example: it must validate and build as printed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing a spec"):]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = write(project / "specs" / "example.yaml", example)
    result = run("build", spec, "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(project / "out")) == ["example.en.pdf", "example.en.pptx",
                                                    "example.pdf", "example.pptx"]
