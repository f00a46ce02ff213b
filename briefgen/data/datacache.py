"""The checked dataset remembered by content: a warm build decodes its records, not its YAML trees.

Reading the dataset (``data.read`` over ``yamlcache``'s node trees, then the cross-checks)
builds some 5,000 nodes to make about 1,500 records: 11 ms of a warm build. ``load`` gives
back, from a verified cache entry (``briefgen.cache``), a Dataset equal to the one
``read_dataset`` made, under a name hashing every file of the dataset folder (name and
bytes), the folder as given, the working folder (messages name files relative to it) and the
code that reads a dataset. Only a dataset that read without a single problem is kept, so
every problem is still found, and worded, by the reader. The entry is JSON of plain values
and the record types below (nothing is executed or unpickled); one that does not decode
into a dataset is discarded and the dataset read again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from briefgen import cache, yamlcache
from briefgen.data.records import (
    Dataset, Fact, FactList, GlossaryEntry, Label, ListItem, Series, SeriesPoint, Source, Timeline,
)
from briefgen.errors import Origin

FORMAT = 1
MAX_ENTRIES = 8
_RECORDS = {cls.__name__: cls for cls in (Dataset, Fact, FactList, GlossaryEntry, Label, ListItem,
                                          Origin, Series, SeriesPoint, Source, Timeline)}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _RECORDS.items()}
_PLAIN = (str, int, float, bool, type(None))
_TUPLE, _RECORD, _DICT, _PATH = 0, 1, 2, 3


@lru_cache(maxsize=1)
def _stamp() -> str:
    """Return the SHA-256 of the code that reads a dataset (yamlcache's stamp covers the YAML reading)."""
    here = Path(__file__).resolve().parents[1]
    own = sorted(str(p.relative_to(here)) for p in [*(here / "data").glob("*.py"), *(here / "format").glob("*.py")])
    return cache.code_stamp((FORMAT, yamlcache._stamp()), [*own, "errors.py", "frozen.py"])


def _entry(data_dir: Path) -> Path | None:
    """Return the entry of the dataset in ``data_dir`` as its files are now (None: unreadable)."""
    digest = hashlib.sha256(repr((_stamp(), str(data_dir), os.getcwd())).encode("utf-8", "surrogatepass"))
    try:
        for root, dirs, names in os.walk(data_dir):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                with open(path, "rb") as f:
                    data = f.read()
                digest.update(repr((os.path.relpath(path, data_dir), hashlib.sha256(data).hexdigest()))
                              .encode("utf-8", "surrogatepass"))
    except OSError:
        return None
    return cache.entry("datasets", digest.hexdigest())


def load(data_dir: Path) -> Dataset | None:
    """Return the dataset in ``data_dir`` from its entry, or None when there is no good one."""
    entry = _entry(Path(data_dir))
    held = cache.load(entry) if entry is not None else None
    if held is None:
        return None
    try:
        ds = _decode(json.loads(held.decode("utf-8")))
        if type(ds) is not Dataset or ds.data_dir != Path(data_dir):
            raise ValueError("not this dataset")
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        cache.discard(entry)
        return None
    cache.touch(entry)
    return ds


def store(data_dir: Path, ds: Dataset) -> None:
    """Keep ``ds``, read without a problem from ``data_dir``, for the next ``load``."""
    entry = _entry(Path(data_dir))
    if entry is None:
        return
    try:
        blob = json.dumps(_encode(ds), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return                              # a value JSON cannot hold exactly: not kept
    cache.store(entry, blob.encode("utf-8"))
    cache.prune(entry.parent, keep=MAX_ENTRIES)


def _encode(value: Any) -> Any:
    """Return ``value`` as JSON data: a plain value itself, else [kind, …] (tuple, record, dict, path)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return [_TUPLE, *map(_encode, value)]
    name = kind.__name__
    if _RECORDS.get(name) is kind:
        return [_RECORD, name, *(_encode(getattr(value, f)) for f in _FIELDS[name])]
    if kind is dict and all(type(k) is str for k in value):
        return [_DICT, *(x for k, v in value.items() for x in (k, _encode(v)))]
    if isinstance(value, PurePath):
        return [_PATH, str(value)]
    raise TypeError(f"cannot keep a {name}")


def _decode(data: Any) -> Any:
    """Return the value ``_encode`` wrote; raise ValueError (or a lookup error) on anything else."""
    if type(data) is not list:
        if type(data) in _PLAIN:
            return data
        raise ValueError("not a value")
    kind = data[0]
    if kind == _TUPLE:
        return tuple([_decode(x) for x in data[1:]])
    if kind == _RECORD:
        name = data[1]
        if len(data) - 2 != len(_FIELDS[name]):
            raise ValueError("not a record")
        return _RECORDS[name](*[_decode(x) for x in data[2:]])
    if kind == _DICT and len(data) % 2 == 1:
        keys = data[1::2]
        if not all(type(k) is str for k in keys):
            raise ValueError("not a key")
        return dict(zip(keys, [_decode(x) for x in data[2::2]]))
    if kind == _PATH and len(data) == 2 and type(data[1]) is str:
        return Path(data[1])
    raise ValueError("not a value")
