"""The briefgen command line: a thin click layer over the library."""

from __future__ import annotations

import click

from briefgen import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Turn YAML briefing specs into a PowerPoint deck and a one-page PDF handout."""


def _register() -> None:
    from briefgen.cli_facts import facts

    main.add_command(facts)


try:
    _register()
except ImportError:  # the facts commands land separately
    pass
