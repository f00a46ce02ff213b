"""The `briefgen facts` commands: check the dataset against its sources; list, search and show its records."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

import click

from briefgen.data.dataset import ENTITIES, KINDS, Dataset, find_data_dir, load_dataset, suggestion
from briefgen.errors import BriefgenError, Problems

TYPES = ("fact", "list", "series", "timeline")


def _fail(error: BriefgenError) -> None:
    """Print every located problem on stderr and exit 1 (never a traceback)."""
    problems = error.problems if isinstance(error, Problems) else [error]
    for p in problems:
        click.echo(str(p), err=True)
    sys.exit(1)


def _data_dir(data: Path | None) -> Path:
    """Return the dataset folder: DATA itself when it holds sources.yaml, else the project's."""
    if data is not None and (data / "sources.yaml").is_file():
        return data
    return find_data_dir(data if data is not None else Path.cwd())


def _load(data: Path | None) -> Dataset:
    try:
        return load_dataset(_data_dir(data))
    except BriefgenError as e:
        _fail(e)
        raise  # unreachable: _fail exits


data_option = click.option(
    "--data", "data", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="The dataset folder, or a folder inside the project (default: assets/data of the "
         "project holding the working folder).")
lang_option = click.option("--lang", type=click.Choice(("zh", "en")), default="zh", show_default=True,
                           help="The language of the labels and printed figures.")


@click.group()
def facts() -> None:
    """Check, list, search and show the dataset (assets/data): facts, lists, series, timelines."""


@facts.command()
@click.option("--sources", "sources", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of source documents (default: $BRIEFGEN_SOURCES, else "
                   "../shared/sources beside the project).")
@data_option
def check(sources: Path | None, data: Path | None) -> None:
    """Check every fact, list, series and timeline against the source documents.

    Each quote must be in its source (whitespace ignored) and hold the value, unit and
    qualifier; a target must read as one; the period must be stated, or explained by
    'inferred' and agree with the source's date; list items must be whole items. Prints one
    summary line, or every problem as path:line:col: message and exits 1.

    \b
    Example:
      briefgen facts check
      briefgen facts check --sources ../shared/sources --data assets/data
    """
    from briefgen.data.factcheck import check_folder

    try:
        folder = _data_dir(data)
    except BriefgenError as e:
        _fail(e)
    if sources is None:
        env = os.environ.get("BRIEFGEN_SOURCES")
        sources = Path(env) if env else folder.resolve().parent.parent.parent / "shared" / "sources"
    if not sources.is_dir():
        _fail(BriefgenError(f"sources folder not found: {sources} (pass --sources DIR or set "
                            "BRIEFGEN_SOURCES)"))
    ds, problems = check_folder(folder, sources)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        _fail(Problems([*problems, BriefgenError(f"{len(problems)} {noun}")]))
    click.echo(f"ok: {len(ds.facts)} facts, {len(ds.lists)} lists, {len(ds.series)} series, "
               f"{len(ds.timelines)} timelines checked against {len(ds.sources)} sources")


@facts.command(name="list")
@click.option("--entity", type=click.Choice(ENTITIES), default=None, help="Only this entity's records.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only facts of this kind.")
@click.option("--type", "what", type=click.Choice(TYPES), default=None,
              help="Only facts, lists, series or timelines.  [default: all four]")
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@data_option
def list_facts(entity: str | None, kind: str | None, what: str | None, lang: str, as_json: bool,
               data: Path | None) -> None:
    """List the dataset: each record's id, how a fact prints (figure, period) and its label.

    Facts come first, then lists, series and timelines. --lang en shows the English figure
    and label, exactly as a briefing prints them.

    \b
    Example:
      briefgen facts list --entity park --kind target
      briefgen facts list --type series --lang en
      briefgen facts list --json > facts.json
    """
    ds = _load(data)
    chosen = _records(ds, entity, kind, what)
    if as_json:
        click.echo(json.dumps([record(ds, t, r) for t, r in chosen], ensure_ascii=False, indent=2))
        return
    _table(ds, chosen, lang)


@facts.command()
@click.argument("text")
@lang_option
@data_option
def search(text: str, lang: str, data: Path | None) -> None:
    """Find records whose id, label (either language), quote or items contain TEXT.

    Case is ignored. Prints the matches as `facts list` does.

    \b
    Example:
      briefgen facts search 集装箱
      briefgen facts search "little giant" --lang en
    """
    ds = _load(data)
    needle = text.casefold()
    found = [(t, r) for t, r in _records(ds, None, None, None)
             if any(needle in s.casefold() for s in _words(r))]
    if not found:
        raise click.ClickException(f"nothing in the dataset matches '{text}'")
    _table(ds, found, lang)


@facts.command()
@click.argument("record_id", metavar="ID")
@data_option
def show(record_id: str, data: Path | None) -> None:
    """Show everything about one fact, list, series or timeline, and how a fact prints.

    For a fact, the "zh:" and "en:" lines show each printed form: {id} (the figure),
    {id.number} (without its direction word), {id.period}, a {fact: id} bullet and a KPI card.

    \b
    Example:
      briefgen facts show city.port.cargo
      briefgen facts show city.series.gdp_milestones
    """
    from briefgen.cli_records import show_record

    ds = _load(data)
    try:
        kind, obj = ds.lookup(record_id)
    except BriefgenError:
        known = [*ds.facts, *ds.lists, *ds.series, *ds.timelines]
        raise click.ClickException(f"unknown id '{record_id}'{suggestion(record_id, known)}") from None
    for key, value in show_record(ds, kind, obj):
        if value:
            click.echo(f"{key + ':':<12}{value}")


def _records(ds: Dataset, entity: str | None, kind: str | None, what: str | None) -> list[tuple[str, object]]:
    """Return (type, record) pairs, facts first, filtered by entity, fact kind and type."""
    tables = (("fact", ds.facts), ("list", ds.lists), ("series", ds.series), ("timeline", ds.timelines))
    out = []
    for t, table in tables:
        if (what and t != what) or (kind and t != "fact"):
            continue
        out += [(t, r) for r in table.values() if (entity is None or r.entity == entity)
                and (kind is None or r.kind == kind)]
    return out


def _words(r) -> list[str]:
    """Return the texts `facts search` looks in."""
    words = [r.id, r.label.zh, r.label.en, getattr(r, "quote", "")]
    words += [w for it in getattr(r, "items", ()) for w in (it.zh, it.en)]
    return words


def _table(ds: Dataset, chosen: list, lang: str) -> None:
    """Print records as aligned columns: id, figure, period, label (in ``lang``)."""
    from briefgen.resolve.forms import printed_forms

    rows = [("id", "figure" if lang == "zh" else "figure (en)", "period", "label")]
    for t, r in chosen:
        if t == "fact":
            forms = printed_forms(ds, r.id, lang)
            fig = forms["cell"] if r.kind != "event" else "(event)"
            rows.append((r.id, _cut(fig), forms["status"] or "-", getattr(r.label, lang)))
        else:
            count = len(getattr(r, "items", None) or getattr(r, "points", None) or getattr(r, "events", ()))
            rows.append((r.id, f"({t}, {count})", "-", getattr(r.label, lang)))
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(_pad(c, w) for c, w in zip(row, widths)) + "  " + row[3])


def _cut(text: str, most: int = 40) -> str:
    """Return ``text`` cut to about ``most`` columns with an ellipsis (the table's figure column)."""
    if _width(text) <= most:
        return text
    while _width(text) > most - 1:
        text = text[:-1]
    return text + "…"


def record(ds: Dataset, kind: str, r) -> dict:
    """Return a record as plain JSON-ready data; a fact also has its printed forms in zh and en."""
    from briefgen.cli_records import plain

    return {"type": kind, **plain(ds, kind, r)}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
