"""The `briefgen template` commands: inspect an organisation's PowerPoint template, and check it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from briefgen.errors import BriefgenError, Problems
from briefgen.theme.layout_map import mapping_path, problems
from briefgen.theme.template import (
    EMU_PER_PT, SLIDE_TYPES, layouts, mapping, need, open_template, theme_colours,
)


def _fail(error: BriefgenError) -> None:
    """Print every located problem on stderr and exit 1 (never a traceback)."""
    for p in error.problems if isinstance(error, Problems) else [error]:
        click.echo(str(p), err=True)
    sys.exit(1)


def _ratio(w: int, h: int) -> str:
    for name, r in (("16:9", 16 / 9), ("16:10", 1.6), ("4:3", 4 / 3)):
        if abs(w / h - r) < 0.01:
            return name
    return f"{w / h:.2f}:1"


@click.group()
def template() -> None:
    """Use an organisation's PowerPoint template (.pptx or .potx) for the deck.

    Name the template in a theme file (template: ours.pptx), then name that theme in the
    spec (theme: ours.yaml). See the README, "Your organisation's template".
    """


@template.command("inspect")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the layout mapping.  [default: FILE with .layouts.yaml]")
@click.option("--force", is_flag=True, help="Rewrite a mapping file that exists already.")
def inspect_cmd(file: Path, out: Path | None, force: bool) -> None:
    """List the template's masters, layouts and placeholders, and write which layout serves each slide type.

    Layouts are chosen by their placeholders (title, body, picture, …) and where they sit,
    never by their names. The mapping file (beside the template, FILE with .layouts.yaml)
    is read back by every build: edit it to choose another layout for a slide type. An
    existing mapping file is kept unless --force. It also lists the template's theme
    colours, to copy into your theme file's colours.

    \b
    Example:
      briefgen template inspect brand/ours.pptx
    """
    import yaml

    try:
        prs = open_template(file)
    except BriefgenError as e:
        _fail(e)
    w, h = prs.slide_width, prs.slide_height
    found = layouts(prs)
    click.echo(f"{file}: slides {_ratio(w, h)}, {w / EMU_PER_PT:g} × {h / EMU_PER_PT:g} pt, "
               f"{len(prs.slide_masters)} master(s), {len(found)} layout(s)")
    for layout in found:
        click.echo(f"master {layout.master + 1} layout {layout.index + 1} \"{layout.name}\" "
                   f"({layout.part})")
        for p in layout.placeholders:
            x, y, pw, ph = p.box
            click.echo(f"    {p.type:<8} idx {p.idx:<3} {pw:g} × {ph:g} pt at ({x:g}, {y:g})  \"{p.name}\"")
    chosen = mapping(found)
    doc = {"template": file.name, "slide_size_pt": [round(w / EMU_PER_PT, 2), round(h / EMU_PER_PT, 2)],
           "layouts": {kind: ({"master": chosen[kind].master + 1, "layout": chosen[kind].index + 1,
                               "name": chosen[kind].name} if chosen[kind] else None)
                       for kind in SLIDE_TYPES},
           "theme_colours": theme_colours(prs)}
    target = out or mapping_path(file)
    head = ("# Which layout of the template serves each of briefgen's slide types. Every build reads\n"
            "# this file back from beside the template: edit it to choose another layout, by its\n"
            "# name (bullets: 两栏内容) or its number (master and layout count from 1; a name given\n"
            "# with a number must be that layout's). null: no layout has what the type needs.\n")
    for kind in SLIDE_TYPES:
        layout = chosen[kind]
        click.echo(f"{kind:<9} -> " + (f"layout {layout.index + 1} \"{layout.name}\"" if layout
                                       else f"none: needs {need(kind)}"))
    if target.exists() and not force:
        click.echo(f"kept {target}: it exists (your choices); --force rewrites it")
        return
    target.write_text(head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    click.echo(f"wrote {target}")


@template.command("check")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def check_cmd(file: Path) -> None:
    """Check that the template is a presentation with a usable layout for every slide type.

    The layout mapping beside it (FILE with .layouts.yaml), when there is one, is checked
    too: every problem is located (file:line:col).

    \b
    Example:
      briefgen template check brand/ours.pptx
    """
    try:
        found = problems(file)
    except BriefgenError as e:
        _fail(e)
    if found:
        _fail(Problems(found))
    used = f" (as {mapping_path(file).name} chooses)" if mapping_path(file).is_file() else ""
    click.echo(f"{file}: ok, every slide type has a layout{used}")
