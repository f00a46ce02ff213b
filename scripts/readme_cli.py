"""Print the README's CLI reference (every command's --help, verbatim), or with --write put it in
the README between "## CLI reference"'s preamble and "## How it works" (tests/test_cli.py and tests/test_cli_facts.py check it)."""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import main

COMMANDS = (["build"], ["validate"], ["watch"], ["new"], ["schema"],
            ["facts", "check"], ["facts", "list"], ["facts", "search"], ["facts", "show"],
            ["template", "inspect"], ["template", "check"])
README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "\n### `briefgen ", "\n## How it works"


def help_text(cmd: list[str]) -> str:
    """Return ``briefgen CMD --help`` as printed."""
    return CliRunner().invoke(main, [*cmd, "--help"], prog_name="briefgen").stdout.strip()


def reference() -> str:
    """Return the CLI reference section's commands, as Markdown."""
    return "".join(f"### `briefgen {' '.join(cmd)}`\n\n```\n{help_text(cmd)}\n```\n\n" for cmd in COMMANDS)


def rewrite(readme: str) -> str:
    """Return ``readme`` with its command reference replaced by the current --help texts."""
    head = readme.index("## CLI reference")
    start, end = readme.index(START, head) + 1, readme.index(END, head) + 1
    return readme[:start] + reference() + readme[end:]


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(reference(), end="")
