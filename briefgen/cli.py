"""The briefgen command line: a thin click layer over the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from briefgen import __version__
from briefgen.errors import BriefgenError, Problems


def report(error: BriefgenError) -> None:
    """Print every located problem of an error, one per line, on stderr."""
    problems = error.problems if isinstance(error, Problems) else [error]
    for p in problems:
        click.echo(str(p), err=True)


def guarded(fn):
    """Run a command body so that no user ever sees a traceback (set BRIEFGEN_DEBUG=1 to see one)."""
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BriefgenError as e:
            report(e)
            sys.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except RecursionError:
            click.echo("error: the input is nested too deeply to process", err=True)
            sys.exit(1)
        except Exception as e:  # noqa: BLE001 - the edge of the program
            if os.environ.get("BRIEFGEN_DEBUG"):
                raise
            click.echo(f"internal error: {type(e).__name__}: {e} "
                       "(rerun with BRIEFGEN_DEBUG=1 to see where, and please report it)", err=True)
            sys.exit(1)
    run.__name__, run.__doc__ = fn.__name__, fn.__doc__
    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88,
                                "terminal_width": 88})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Turn YAML briefing specs into a PowerPoint deck and a one-page PDF handout."""


LANG_CHOICE = click.Choice(["zh", "en", "all"])


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write into.")
@click.option("--format", "fmt", type=click.Choice(["pptx", "pdf", "all"]), default="all",
              show_default=True, help="Which files to build.")
@click.option("--lang", type=LANG_CHOICE, default=None,
              help="zh or en: build in that language only; all: in both. "
                   "[default: the languages in the spec's lang:]")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The dataset folder (default: assets/data of the project holding the spec).")
@guarded
def build(specs: tuple[Path, ...], out_dir: Path, fmt: str, lang: str | None, data_dir: Path | None) -> None:
    """Build the deck (.pptx) and one-pager (.pdf) of each SPEC.

    Files are named after the spec: OUT/<stem>.pptx and OUT/<stem>.pdf in the spec's first
    language, OUT/<stem>.<lang>.pptx and .pdf in any other; a spec whose name ends in a
    language (visit.en.yaml) names every file's language (visit.en.pptx, visit.zh.pptx).
    Nothing is written unless every file of that spec rendered, so a failed build leaves the
    previous output in place.

    \b
    Example:
      briefgen build specs/park.yaml
      briefgen build specs/park.yaml --lang en --format pdf -o handouts/
    """
    from briefgen.build import FORMATS, build as run_build

    formats = FORMATS if fmt == "all" else (fmt,)
    langs = None if lang in (None, "all") else [lang]
    if lang == "all":
        langs = ["zh", "en"]
    failed = 0
    for spec in specs:
        try:
            built = run_build(spec, out_dir, formats, langs, data_dir)
        except BriefgenError as e:
            report(e)
            failed += 1
            continue
        for w in built.warnings:
            click.echo(f"warning: {w}", err=True)
        for path in built.outputs:
            click.echo(f"wrote {path}")
    if failed:
        click.echo(f"error: {failed} of {len(specs)} spec(s) failed; their previous output was left "
                   "untouched", err=True)
        sys.exit(1)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The dataset folder (default: assets/data of the project holding the spec).")
@guarded
def validate(specs: tuple[Path, ...], data_dir: Path | None) -> None:
    """Check each SPEC against the spec language and the dataset, in every language it builds in.

    Prints every problem as path:line:col: message, or "ok: SPEC" per valid spec.

    \b
    Example:
      briefgen validate specs/park.yaml specs/city.yaml
    """
    from briefgen.build import prepare

    failed = 0
    for spec in specs:
        try:
            _, briefings, _ = prepare(spec, None, data_dir)
        except BriefgenError as e:
            report(e)
            failed += 1
            continue
        langs = ", ".join(b.lang for b in briefings)
        click.echo(f"ok: {spec} ({len(briefings[0].slides)} slides; {langs})")
    if failed:
        sys.exit(1)


def _register() -> None:
    """Add the dataset commands (their module lands separately)."""
    try:
        from briefgen.cli_facts import facts
    except ImportError:
        return
    main.add_command(facts)


def _register_authoring() -> None:
    """Add the authoring commands: new, schema and watch."""
    from briefgen.cli_new import new
    from briefgen.cli_schema import schema
    from briefgen.watch import watch
    for command in (watch, new, schema):
        command.callback = guarded(command.callback)
        main.add_command(command)


_register()
_register_authoring()
