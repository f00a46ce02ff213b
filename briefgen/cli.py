"""The briefgen command line: a thin click layer over the library."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from briefgen import __version__, collector
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


class _Command(click.Group):
    """The briefgen group; run from the command line, it leaves the process without a last
    garbage collection (see ``main``). The commands of other modules (``LAZY``) are imported
    when they are named or listed, so a build does not pay for defining them."""

    #: command name -> (module, attribute, whether to guard its callback)
    LAZY = {"facts": ("briefgen.cli_facts", "facts", False), "new": ("briefgen.cli_new", "new", True),
            "schema": ("briefgen.cli_schema", "schema", True), "watch": ("briefgen.watch", "watch", True),
            "template": ("briefgen.cli_template", "template", False)}

    def list_commands(self, ctx):
        """Return every command name, those not yet imported included."""
        return sorted({*self.commands, *self.LAZY})

    def get_command(self, ctx, name):
        """Return the command ``name``, importing its module the first time."""
        if name in self.LAZY and name not in self.commands:
            module, attr, guard = self.LAZY[name]
            command = getattr(importlib.import_module(module), attr)
            if guard:
                command.callback = guarded(command.callback)
            self.add_command(command)
        return super().get_command(ctx, name)

    def main(self, args=None, *more, **kwargs):
        """Run the command; when it parses the process's own arguments (a real command line,
        not a test's runner), its builds may hold the garbage collector off and the process
        exits without a last collection (``briefgen.collector``)."""
        if args is None:
            collector.enable_for_process()
        try:
            return super().main(args, *more, **kwargs)
        finally:
            if args is None:
                collector.before_exit()


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"],
                                             "max_content_width": 88, "terminal_width": 88})
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """Turn YAML briefing specs into a PowerPoint deck and a one-page PDF handout."""


LANG_CHOICE = click.Choice(["zh", "en", "all"])
DATA_OPTION = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=None, help="The dataset folder (default: assets/data of the "
                                              "project holding the spec).")
JSON_OPTION = click.option("--json", "as_json", is_flag=True,
                           help="Print one JSON document on stdout instead: per spec, what was "
                                "checked, what was written, the warnings and the problems.")


def problem_json(p: BriefgenError) -> dict:
    """Return a located problem as plain data."""
    o = p.origin
    return {"path": o.path if o else None, "line": o.line if o else None, "col": o.col if o else None,
            "message": p.message, "text": str(p)}


def failed_json(spec: Path, error: BriefgenError) -> dict:
    """Return a failed spec's --json entry."""
    problems = error.problems if isinstance(error, Problems) else [error]
    return {"spec": str(spec), "ok": False, "checked": [], "wrote": [], "warnings": [],
            "problems": [problem_json(p) for p in problems]}


def building(say_progress: bool) -> None:
    """Set this command up to build: the garbage collector held (``briefgen.collector``) until
    fonts are prepared, which makes garbage; ``say_progress`` prints that on stderr (first run)."""
    from briefgen.fonts.measure import set_progress

    collector.hold()

    def preparing(message: str) -> None:
        collector.release()
        if say_progress:
            click.echo(message, err=True)
    set_progress(preparing)
    click.get_current_context().call_on_close(lambda: set_progress(None))


def run_specs(specs, run, done, as_json: bool) -> list[BriefgenError]:
    """Run ``run(spec)`` for every spec, printing each result (``done(spec, built)``) or its
    problems, or with ``as_json`` one JSON document of them all; return the errors."""
    import json

    results, errors = [], []
    for number, spec in enumerate(specs):
        if number:
            collector.between()         # the last spec's garbage, before the next is built
        try:
            built = run(spec)
        except BriefgenError as e:
            errors.append(e)
            results.append(failed_json(spec, e))
            if not as_json:
                report(e)
            continue
        results.append(built.as_json())
        if not as_json:
            for w in built.warnings:
                click.echo(f"warning: {w}", err=True)
            done(spec, built)
    if as_json:
        click.echo(json.dumps({"ok": not errors, "specs": results}, ensure_ascii=False, indent=2))
    return errors


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write into.")
@click.option("--format", "fmt", type=click.Choice(["pptx", "pdf", "all"]), default="all",
              show_default=True, help="Which files to build.")
@click.option("--lang", type=LANG_CHOICE, default=None,
              help="zh or en: build (and check) that language only; all: both. "
                   "[default: the languages in the spec's lang:]")
@DATA_OPTION
@JSON_OPTION
@guarded
def build(specs: tuple[Path, ...], out_dir: Path, fmt: str, lang: str | None, data_dir: Path | None,
          as_json: bool) -> None:
    """Build the deck (.pptx) and one-pager (.pdf) of each SPEC.

    Files are named after the spec: OUT/<stem>.pptx and OUT/<stem>.pdf in the spec's first
    language, OUT/<stem>.<lang>.pptx and .pdf in any other; a spec whose name ends in a
    language (visit.en.yaml) names every file's language (visit.en.pptx, visit.zh.pptx).
    A spec's files are written all together or not at all, so a failed build leaves its
    previous output in place.

    \b
    Example:
      briefgen build specs/park.yaml
      briefgen build specs/park.yaml --lang en --format pdf -o handouts/
    """
    from briefgen.build import FORMATS, Session

    building(say_progress=True)
    formats = FORMATS if fmt == "all" else (fmt,)
    langs = {None: None, "all": ["zh", "en"]}.get(lang, [lang])
    session = Session(data_dir)

    def wrote(spec: Path, built) -> None:
        for path in built.outputs:
            click.echo(f"wrote {path}")

    errors = run_specs(specs, lambda spec: session.build(spec, out_dir, formats, langs), wrote, as_json)
    if errors and not as_json:
        kept = ("the output of a spec that could not be written completely is finished by its next build"
                if any(getattr(e, "replaced", False) for e in errors) else
                "their previous output was left untouched")
        click.echo(f"error: {len(errors)} of {len(specs)} spec(s) failed; {kept}", err=True)
    if errors:
        sys.exit(1)


@main.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@DATA_OPTION
@JSON_OPTION
@guarded
def validate(specs: tuple[Path, ...], data_dir: Path | None, as_json: bool) -> None:
    """Check each SPEC exactly as building it would, in every language it builds in.

    Resolves, lays out, fits and checks the fonts' glyphs for the deck and the one-pager in
    each language, without writing a file: "ok" means `briefgen build` will succeed. Prints
    every problem as path:line:col: message (naming its language when it is found in one),
    or per valid spec "ok: SPEC (N spec slides → M deck slides; LANGS)", where the deck
    counts the slides that continue a long list, table or timeline.

    \b
    Example:
      briefgen validate specs/park.yaml specs/city.yaml
      briefgen validate specs/park.yaml --json
    """
    from briefgen.build import Session

    building(say_progress=False)
    session = Session(data_dir)

    def ok(spec: Path, built) -> None:
        langs = ", ".join(b.lang for b in built.briefings)
        click.echo(f"ok: {spec} ({built.spec_slides} spec slides → {built.deck_slides} deck "
                   f"slides; {langs})")

    if run_specs(specs, session.validate, ok, as_json):
        sys.exit(1)
