"""Print the README's CLI reference: every command's --help, verbatim (tests/test_cli_facts.py checks it)."""

from click.testing import CliRunner

from briefgen.cli import main

COMMANDS = (["build"], ["validate"], ["facts", "check"], ["facts", "list"], ["facts", "search"],
            ["facts", "show"])


def reference() -> str:
    """Return the CLI reference section's body: one ### heading and --help block per command."""
    out = []
    for cmd in COMMANDS:
        text = CliRunner().invoke(main, [*cmd, "--help"], prog_name="briefgen").stdout
        out.append(f"### `briefgen {' '.join(cmd)}`\n\n```\n{text.strip()}\n```\n")
    return "\n".join(out)


if __name__ == "__main__":
    print(reference())
