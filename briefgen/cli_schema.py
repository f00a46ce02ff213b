"""The `briefgen schema` command: write the spec language's JSON Schema for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from briefgen.errors import BriefgenError, Origin


@click.command()
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: print the schema).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The dataset folder (default: assets/data of the project holding the working "
                   "folder).")
def schema(out: Path | None, data_dir: Path | None) -> None:
    """Write a JSON Schema of the spec language, so an editor completes and checks specs.

    It is made from the same declarations briefgen validates with, lists every fact, list,
    series and timeline id of the dataset where an id is expected, and describes each key.
    To have VS Code's YAML extension use it, make this a spec's first line (the path is
    relative to the spec):

    \b
      # yaml-language-server: $schema=briefgen.schema.json

    Run it again after the dataset changes. `briefgen validate` stays the judge: it also
    checks figures, languages and fit.

    \b
    Example:
      briefgen schema -o specs/briefgen.schema.json
    """
    from briefgen.data.dataset import find_data_dir, load_dataset
    from briefgen.spec import context_for
    from briefgen.spec.schema import spec_schema

    dataset = load_dataset(Path(data_dir) if data_dir else find_data_dir(Path.cwd()))
    tables = (dataset.facts, dataset.lists, dataset.series, dataset.timelines)

    def label(ident: str) -> str:
        record = next(t[ident] for t in tables if ident in t)
        return " / ".join(x for x in (record.label.zh, record.label.en) if x)

    text = json.dumps(spec_schema(context_for(dataset).ids, label), ensure_ascii=False, indent=1) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as e:
        raise BriefgenError(f"cannot write the schema: {e.strerror}", Origin(str(out))) from None
    click.echo(f"wrote {out}")
