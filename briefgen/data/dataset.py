"""The curated dataset: sources, facts, lists, series and timelines, loaded typed and validated.

The record types live in data.records, the YAML reading in data.read; this module is
the entry point (load_dataset, find_data_dir) and re-exports the types.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.data import datacache
from briefgen.data.crosscheck import cross_check
from briefgen.data.glossary import read_glossary
from briefgen.data.read import Reader, node_kind, read_file, shown_path
from briefgen.data.records import (
    ENTITIES, FILES, KINDS, SERIES_KINDS, Dataset, Fact, FactList, Label, ListItem, Series,
    SeriesPoint, Source, Timeline, parse_period, suggestion,
)
from briefgen.errors import BriefgenError, DatasetError, Origin, Problems
from briefgen.yamlload import Seq

__all__ = [
    "ENTITIES", "FILES", "KINDS", "SERIES_KINDS", "Dataset", "Fact", "FactList", "Label",
    "ListItem", "Series", "SeriesPoint", "Source", "Timeline", "find_data_dir", "load_dataset",
    "parse_period", "read_dataset", "suggestion",
]

def find_data_dir(start: Path, *more: Path) -> Path:
    """Return the assets/data folder of ``start`` or of the nearest folder above it that has one,
    else the same from each of ``more`` (e.g. the working folder) in turn."""
    heres = []
    for each in (start, *more):
        each = Path(each).resolve()
        here = each if each.is_dir() else each.parent
        heres.append(here)
        for folder in (here, *here.parents):
            if (folder / "assets" / "data").is_dir():
                return folder / "assets" / "data"
    shown = " or ".join(str(h) for h in dict.fromkeys(heres))
    raise DatasetError(f"no assets/data folder in {shown} or any folder above it; "
                       "run inside a briefgen project or pass the dataset folder with --data DIR")


def load_dataset(data_dir: Path) -> Dataset:
    """Return the dataset in ``data_dir``, or raise Problems listing everything wrong with it.

    A dataset that read without a problem is remembered by content (``data.datacache``)."""
    held = datacache.load(data_dir)
    if held is not None:
        return held
    ds, problems = read_dataset(data_dir)
    if problems:
        raise Problems(problems)
    datacache.store(data_dir, ds)
    return ds


def read_dataset(data_dir: Path) -> tuple[Dataset, list[BriefgenError]]:
    """Return the dataset in ``data_dir`` as far as it reads, and every problem, in file order."""
    data_dir = Path(data_dir)
    problems: list[BriefgenError] = []
    ds = Dataset(data_dir=data_dir)
    reader = Reader(problems)
    facts_dir = data_dir / "facts"
    fact_files = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
    if not fact_files:
        problems.append(DatasetError("expected the fact files (facts/*.yaml) but found none",
                                     Origin(shown_path(facts_dir))))
    readers = [(data_dir / "sources.yaml", "source", reader.source, ds.sources)]
    readers += [(f, "fact", reader.fact, ds.facts) for f in fact_files]
    readers += [(data_dir / "lists.yaml", "list", reader.fact_list, ds.lists),
                (data_dir / "series.yaml", "series", reader.series, ds.series),
                (data_dir / "timelines.yaml", "timeline", reader.timeline, ds.timelines)]
    for path, what, read_one, table in readers:
        root = read_file(path, problems)
        if root is None:
            continue
        if not isinstance(root, Seq):
            problems.append(DatasetError(f"expected a list of {what} entries (each starting "
                                         f"'- id:') but received {node_kind(root)}", root.origin))
            continue
        for node in root.items:
            obj = read_one(node, path.stem)
            if obj is not None:
                reader.register(obj, table)
    ds.glossary.update(read_glossary(data_dir, reader, problems))
    cross_check(ds, problems)
    return ds, sorted(problems, key=lambda p: (p.origin.path, p.origin.line, p.origin.col)
                      if p.origin else ("", 0, 0))
