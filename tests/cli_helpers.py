"""What the CLI tests share: running briefgen in-process and writing a file as a user would type its path."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefgen.cli import main


def run(*args):
    """Return the result of running briefgen with ``args`` (paths are turned into text)."""
    return CliRunner().invoke(main, [str(a) for a in args])


def write(path: Path, data: str | bytes) -> str:
    """Write ``data`` to ``path`` and return the path as typed from the working folder."""
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path.relative_to(Path.cwd()))
