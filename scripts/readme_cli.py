"""Print the README's CLI reference: every command's --help, verbatim (tests/test_cli.py checks it)."""

from click.testing import CliRunner

from briefgen.cli import main

COMMANDS = (["build"], ["validate"], ["facts", "check"], ["facts", "list"], ["facts", "show"])

for cmd in COMMANDS:
    text = CliRunner().invoke(main, [*cmd, "--help"], prog_name="briefgen").stdout
    print(f"### `briefgen {' '.join(cmd)}`\n\n```\n{text.strip()}\n```\n")
