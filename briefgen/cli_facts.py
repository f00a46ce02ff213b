"""The `briefgen facts` commands: check the dataset against its sources, list and show facts."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

import click

from briefgen.format import units
from briefgen.data.dataset import ENTITIES, KINDS, Dataset, Fact, find_data_dir, load_dataset, suggestion
from briefgen.errors import BriefgenError, Problems


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


@click.group()
def facts() -> None:
    """Check, list and show the facts of the dataset (assets/data)."""


@facts.command()
@click.option("--sources", "sources", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of source documents (default: $BRIEFGEN_SOURCES, else "
                   "../shared/sources beside the project).")
@data_option
def check(sources: Path | None, data: Path | None) -> None:
    """Check every fact, list, series and timeline against the source documents.

    Each quote must be in its source (whitespace ignored), hold the value and unit, and the
    period must be stated or explained by 'inferred'. Prints one summary line, or every problem
    as path:line:col: message and exits 1.

    \b
    Example:
      briefgen facts check
      briefgen facts check --sources ../shared/sources --data assets/data
    """
    from briefgen.data.factcheck import check as run_check

    ds = _load(data)
    if sources is None:
        env = os.environ.get("BRIEFGEN_SOURCES")
        sources = Path(env) if env else ds.data_dir.resolve().parent.parent.parent / "shared" / "sources"
    if not sources.is_dir():
        _fail(BriefgenError(f"sources folder not found: {sources} (pass --sources DIR or set "
                            "BRIEFGEN_SOURCES)"))
    problems = run_check(ds, sources)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        _fail(Problems([*problems, BriefgenError(f"{len(problems)} {noun}")]))
    click.echo(f"ok: {len(ds.facts)} facts, {len(ds.lists)} lists, {len(ds.series)} series, "
               f"{len(ds.timelines)} timelines checked against {len(ds.sources)} sources")


@facts.command(name="list")
@click.option("--entity", type=click.Choice(ENTITIES), default=None, help="Only this entity's facts.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only facts of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@data_option
def list_facts(entity: str | None, kind: str | None, as_json: bool, data: Path | None) -> None:
    """List the facts: id, value with qualifier and unit, period and Chinese label.

    \b
    Example:
      briefgen facts list --entity park --kind target
      briefgen facts list --json > facts.json
    """
    ds = _load(data)
    chosen = [f for f in ds.facts.values()
              if (entity is None or f.entity == entity) and (kind is None or f.kind == kind)]
    if as_json:
        click.echo(json.dumps([fact_record(f) for f in chosen], ensure_ascii=False, indent=2))
        return
    rows = [("id", "value", "period", "label")]
    rows += [(f.id, figure(f), f.period or "-", f.label.zh) for f in chosen]
    widths = [max(_width(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        click.echo("  ".join(_pad(c, w) for c, w in zip(row, widths)) + "  " + row[3])


@facts.command()
@click.argument("fact_id", metavar="ID")
@data_option
def show(fact_id: str, data: Path | None) -> None:
    """Show everything about one fact, with the title and date of its source.

    \b
    Example:
      briefgen facts show city.port.cargo
    """
    ds = _load(data)
    fact = ds.facts.get(fact_id)
    if fact is None:
        raise click.ClickException(f"unknown fact '{fact_id}'{suggestion(fact_id, ds.facts)}")
    src = ds.sources.get(fact.source)
    lines = [("id", fact.id), ("entity", fact.entity), ("label", f"{fact.label.zh} / {fact.label.en}"),
             ("value", figure(fact)), ("kind", fact.kind), ("period", fact.period or "-"),
             ("inferred", fact.inferred), ("as written", fact.as_written),
             ("source", f"{fact.source}: {src.title.zh} / {src.title.en}" if src else fact.source),
             ("published", f"{src.date}, {src.publisher.zh} / {src.publisher.en}" if src else ""),
             ("file", src.file if src else ""), ("quote", fact.quote), ("note", fact.note),
             ("defined at", str(fact.origin))]
    for key, value in lines:
        if value:
            click.echo(f"{key + ':':<12}{value}")


def figure(fact: Fact) -> str:
    """Return the fact's value as the source puts it: "超5000亿元", "3至4倍", "3.3%以上"."""
    if fact.value is None:
        return "(event)"
    place = {"before": "", "number": "", "after": ""}
    for q in units.parse_qualifier(fact.qualifier):
        place[units.QUALIFIERS[q][0]] += q
    number = fact.value_text + (f"至{fact.value_max_text}" if fact.value_max is not None else "")
    unit = "" if fact.unit == units.SHARE else fact.unit
    text = place["before"] + number + place["number"] + unit + place["after"]
    return f"{text} ({fact.as_written})" if fact.as_written else text


def fact_record(fact: Fact) -> dict:
    """Return the fact as plain JSON-ready data, keys in the dataset's order."""
    return {"id": fact.id, "entity": fact.entity, "label": {"zh": fact.label.zh, "en": fact.label.en},
            "value": fact.value, "value_max": fact.value_max, "unit": fact.unit,
            "qualifier": fact.qualifier or None, "period": fact.period, "inferred": fact.inferred or None,
            "kind": fact.kind, "source": fact.source, "quote": fact.quote,
            "as_written": fact.as_written or None, "note": fact.note or None}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
