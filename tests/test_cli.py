"""Tests for briefgen.cli: exact messages, exit codes, no tracebacks, nothing written on failure."""

from __future__ import annotations

import gc
import importlib.util
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from paths import ROOT
from cli_helpers import run, write


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder holding the real dataset, as the working directory."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_ok(project):
    spec = write(project / "specs" / "park.yaml", (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8"))
    result = run("validate", spec)
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: specs/park.yaml (12 spec slides → 13 deck slides; zh, en)\n"


def test_validate_prints_every_problem_located(project):
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    text = text.replace("entity: park", "entity: prak").replace("type: timeline\n", "type: timelin\n", 1)
    spec = write(project / "specs" / "park.yaml", text)
    result = run("validate", spec)
    assert result.exit_code == 1
    assert result.stderr == (
        "specs/park.yaml:11:9: entity: expected one of city, park but received 'prak'; did you mean 'park'?\n"
        "specs/park.yaml:71:11: deck[6].type: expected one of title, section, kpis, bullets, chart, "
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
    spec = importlib.util.spec_from_file_location("readme_cli", ROOT / "scripts" / "readme_cli.py")
    readme_cli = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(readme_cli)

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


def test_build_json_says_what_was_checked_and_written(project):
    import json

    spec = write(project / "specs" / "city.yaml", (ROOT / "specs" / "city.yaml").read_text(encoding="utf-8"))
    result = run("build", spec, "-o", "out", "--format", "pdf", "--lang", "en", "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert json.loads(result.stdout) == {"ok": True, "specs": [{
        "spec": "specs/city.yaml", "ok": True, "checked": [{"lang": "en", "format": "pdf"}],
        "wrote": ["out/city.en.pdf"], "warnings": [], "problems": [], "spec_slides": 15,
        "deck_slides": None}]}


def test_validate_json_lists_every_located_problem(project):
    import json

    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8").replace("entity: park", "entity: prak")
    spec = write(project / "specs" / "park.yaml", text)
    result = run("validate", spec, "--json")
    assert result.exit_code == 1
    assert result.stderr == ""
    message = "entity: expected one of city, park but received 'prak'; did you mean 'park'?"
    assert json.loads(result.stdout) == {"ok": False, "specs": [{
        "spec": "specs/park.yaml", "ok": False, "checked": [], "wrote": [], "warnings": [],
        "problems": [{"path": "specs/park.yaml", "line": 11, "col": 9, "message": message,
                      "text": f"specs/park.yaml:11:9: {message}"}]}]}


def test_validate_fails_where_build_fails_and_says_the_language(project):
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    spec = write(project / "specs" / "park.yaml",
                 text.replace("  en: \"Jiangsu Jiangyin–Jingjiang Industrial Park: investor briefing\"",
                              "  en: \"Jiangsu Jiangyin–Jingjiang Industrial Park 🚀\"", 1))
    checked, built = run("validate", spec), run("build", spec, "-o", "out", "--lang", "en")
    assert checked.exit_code == built.exit_code == 1
    assert checked.stdout == ""
    assert checked.stderr.splitlines() == built.stderr.splitlines()[:-1]
    assert all(line.startswith("specs/park.yaml:") and "English" in line and "U+1F680" in line
               for line in checked.stderr.splitlines())
    assert run("build", spec, "-o", "out", "--lang", "zh").exit_code == 0


def test_a_full_disk_changes_nothing_and_says_so(project, monkeypatch):
    import errno

    from briefgen import output

    spec = write(project / "specs" / "city.yaml", (ROOT / "specs" / "city.yaml").read_text(encoding="utf-8"))
    (project / "out").mkdir()
    (project / "out" / "city.pdf").write_bytes(b"old")
    real, calls = output._write_synced, []

    def write_synced(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(output, "_write_synced", write_synced)
    result = run("build", spec, "-o", "out", "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr == ("cannot write into the output folder out/: No space left on device; no file "
                             "in it was changed\nerror: 1 of 1 spec(s) failed; their previous output "
                             "was left untouched\n")
    assert os.listdir(project / "out") == ["city.pdf"]
    assert (project / "out" / "city.pdf").read_bytes() == b"old"


def test_a_rename_that_fails_half_way_is_reported_as_it_is(project, monkeypatch):
    import errno

    from briefgen import output

    spec = write(project / "specs" / "city.yaml", (ROOT / "specs" / "city.yaml").read_text(encoding="utf-8"))
    real = os.replace

    def replace(a, b):
        if str(b).endswith("city.en.pdf"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(a, b)

    monkeypatch.setattr(output.os, "replace", replace)
    result = run("build", spec, "-o", "out", "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr == (
        "cannot replace city.en.pdf in out/: Input/output error; 1 of 2 files were replaced, and the "
        "next build into this folder finishes the rest\nerror: 1 of 1 spec(s) failed; the output of a "
        "spec that could not be written completely is finished by its next build\n")
    monkeypatch.setattr(output.os, "replace", real)
    output.recover(project / "out")
    assert sorted(os.listdir(project / "out")) == ["city.en.pdf", "city.pdf"]


def test_a_command_line_run_exits_without_a_last_garbage_collection_but_a_test_runner_keeps_it():
    code = ("import atexit, gc, sys; atexit.register(lambda: print('collector on:', gc.isenabled())); "
            "sys.argv = ['briefgen', '--version']; from briefgen.cli import main; main()")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["briefgen, version 0.1.0", "collector on: False"]
    assert CliRunner().invoke(main, ["--version"]).exit_code == 0
    assert gc.isenabled()


def test_the_other_modules_commands_are_imported_only_when_named_or_listed():
    lazy = ["briefgen.cli_facts", "briefgen.cli_new", "briefgen.cli_schema", "briefgen.cli_template",
            "briefgen.watch"]
    probe = ("import sys, briefgen.cli; from click.testing import CliRunner; "
             f"print(sorted(m for m in {lazy!r} if m in sys.modules)); "
             "CliRunner().invoke(briefgen.cli.main, ['facts', '--help']); "
             f"print(sorted(m for m in {lazy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "['briefgen.cli_facts']"]
    listed = CliRunner().invoke(main, ["--help"]).output
    commands = [line.split()[0] for line in listed.split("Commands:\n")[1].splitlines() if line.strip()]
    assert commands == ["build", "facts", "new", "schema", "template", "validate", "watch"]
