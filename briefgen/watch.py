"""The `briefgen watch` command: rebuild specs whenever they, the dataset, the theme or a picture change.

The loop is separate from the file watcher (``loop`` takes any iterable of change sets), so it
is tested by feeding it changes instead of waiting for real ones.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import click

from briefgen.errors import BriefgenError, Problems

PICTURES = (".png", ".jpg", ".jpeg")
Builder = Callable[[Path], Any]         # spec -> what it wrote (outputs, warnings), or raises


def watched_folders(specs: Sequence[Path], data_dir: Path | None) -> list[Path]:
    """Return the folders to watch: each spec's, the project's assets/ (dataset and pictures), the
    dataset's when it lies elsewhere, and the theme's when themes are files."""
    from briefgen.data.dataset import find_data_dir

    folders = [Path(os.path.abspath(s)).parent for s in specs]
    for spec in specs:
        try:
            data = Path(data_dir) if data_dir else find_data_dir(Path(spec).resolve().parent, Path.cwd())
        except BriefgenError:
            continue                                    # the build reports it
        folders += [Path(os.path.abspath(data)), Path(os.path.abspath(data)).parent.parent / "assets"]
    theme_dir = Path(__file__).resolve().parent / "theme"
    folders.append(theme_dir)
    folders += [f for f in (theme_folder(s) for s in specs) if f is not None]
    existing = [f for f in dict.fromkeys(folders) if f.is_dir()]
    return [f for f in existing if not any(o in f.parents for o in existing)]   # no nested twice


def theme_folder(spec: Path) -> Path | None:
    """Return the folder of the theme file a spec names (its template, mapping and logo are
    there), or None for a built-in theme or a spec that cannot be read (the build says why)."""
    from briefgen.yamlload import Map, Scalar, read

    try:
        root = read(spec)
    except BriefgenError:
        return None
    node = root.get("theme") if isinstance(root, Map) else None
    if not (isinstance(node, Scalar) and isinstance(node.value, str)
            and node.value.endswith((".yaml", ".yml"))):
        return None
    return Path(os.path.abspath(Path(spec).parent / node.value)).parent


def relevant(path: str, specs: Sequence[Path], out_dir: Path) -> bool:
    """Return whether a changed file can change a build (not our own output or temporaries)."""
    p = Path(os.path.abspath(path))
    out = Path(os.path.abspath(out_dir))
    if p == out or out in p.parents or p.name.startswith(".") or p.name.endswith(("~", ".tmp")):
        return False
    if p in {Path(os.path.abspath(s)) for s in specs}:
        return True
    return p.suffix.lower() in (".yaml", ".yml", ".json", *PICTURES, ".ttf", ".otf", ".pptx", ".potx")


def affected(changes: Iterable[tuple[Any, str]], specs: Sequence[Path], out_dir: Path) -> list[Path]:
    """Return the specs a set of changes calls for rebuilding: a spec alone when only it changed,
    every spec when anything they share (dataset, picture, theme) did."""
    paths = [Path(os.path.abspath(p)) for _, p in changes if relevant(p, specs, out_dir)]
    own = {Path(os.path.abspath(s)): s for s in specs}
    if not paths:
        return []
    if all(p in own for p in paths):
        return [s for s in specs if Path(os.path.abspath(s)) in paths]
    return list(specs)


def rebuild(spec: Path, builder: Builder, echo: Callable[..., None]) -> bool:
    """Build one spec, printing what it wrote or its located problems; return whether it built."""
    try:
        built = builder(spec)
    except BriefgenError as e:
        for p in (e.problems if isinstance(e, Problems) else [e]):
            echo(str(p), err=True)
        echo(f"failed: {spec}; the last good output was kept", err=True)
        return False
    except Exception as e:  # noqa: BLE001 - a watch loop outlives one bad build
        echo(f"internal error: {type(e).__name__}: {e} (the last good output was kept)", err=True)
        return False
    for w in built.warnings:
        echo(f"warning: {w}", err=True)
    for path in built.outputs:
        echo(f"wrote {path}")
    return True


def loop(specs: Sequence[Path], changes: Iterable[Iterable[tuple[Any, str]]], builder: Builder,
         out_dir: Path, echo: Callable[..., None] = click.echo) -> None:
    """Build every spec, then rebuild the affected ones after each set of changes."""
    for spec in specs:
        rebuild(spec, builder, echo)
    echo("watching for changes (Ctrl-C to stop)", err=True)
    for batch in changes:
        for spec in affected(batch, specs, out_dir):
            rebuild(spec, builder, echo)


def make_builder(out_dir: Path, formats: Sequence[str], langs: Sequence[str] | None,
                 data_dir: Path | None) -> Builder:
    """Return a function that builds one spec in this process, keeping imports (and, where the
    build module offers a Session, the dataset) warm between rebuilds."""
    from briefgen import build as build_module

    session_type = getattr(build_module, "Session", None)
    if session_type is not None:                       # the in-process build API, when present
        session = session_type(data_dir) if data_dir else session_type()
        return lambda spec: session.build(spec, out_dir, formats, langs)
    return lambda spec: build_module.build(spec, out_dir, formats, langs, data_dir)


@click.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", default="output", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write into.")
@click.option("--format", "fmt", type=click.Choice(["pptx", "pdf", "all"]), default="all",
              show_default=True, help="Which files to build.")
@click.option("--lang", type=click.Choice(["zh", "en", "all"]), default=None,
              help="zh or en: build in that language only; all: in both. "
                   "[default: the languages in the spec's lang:]")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The dataset folder (default: assets/data of the project holding the spec).")
def watch(specs: tuple[Path, ...], out_dir: Path, fmt: str, lang: str | None,
          data_dir: Path | None) -> None:
    """Build each SPEC, then rebuild it whenever it, the dataset, the theme (its file, template,
    layout mapping or logo) or a picture changes.

    Prints what each build wrote, or its problems as path:line:col: message; a failed build
    keeps the last good output. Stop with Ctrl-C.

    \b
    Example:
      briefgen watch specs/park.yaml
      briefgen watch specs/park.yaml specs/city.yaml --format pdf
    """
    import watchfiles

    from briefgen.build import FORMATS

    formats = FORMATS if fmt == "all" else (fmt,)
    langs = ["zh", "en"] if lang == "all" else ([lang] if lang else None)
    builder = make_builder(out_dir, formats, langs, data_dir)
    folders = watched_folders(specs, data_dir)
    changes = watchfiles.watch(*folders, debounce=200, step=20,
                               watch_filter=lambda _change, path: relevant(path, specs, out_dir))
    try:
        loop(specs, changes, builder, out_dir)
    except KeyboardInterrupt:
        pass
    click.echo("stopped watching", err=True)
