"""A validated dataset kept on disk between builds, so a warm build skips parsing the YAML.

The cache key covers everything a loaded dataset depends on: each data file's path, size and
modification time, the working folder (origins are shown relative to it), briefgen's version
and the loading code itself. Any change, or an unreadable entry, loads and checks the YAML again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from briefgen import __version__
from briefgen.data.dataset import Dataset, load_dataset
from briefgen.cache import entry, store

_CODE = ("dataset.py", "records.py", "read.py", "../yamlload.py", "../format/units.py", "cache.py")


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def dataset_key(data_dir: Path) -> str:
    """Return the hex digest naming the dataset in ``data_dir`` as it is now."""
    here = Path(__file__).parent
    files = sorted(p for p in Path(data_dir).rglob("*.yaml"))
    ident = repr((__version__, os.getcwd(), str(Path(data_dir).resolve()),
                  [_stamp(p) for p in files], [_stamp(here / n) for n in _CODE]))
    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()


def load_cached(data_dir: Path) -> Dataset:
    """Return the dataset in ``data_dir``, from the cache when nothing it depends on changed."""
    path = entry("datasets", f"{dataset_key(data_dir)}.pickle")
    try:
        with open(path, "rb") as f:
            cached = pickle.load(f)
        if isinstance(cached, Dataset):
            return cached
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    dataset = load_dataset(data_dir)       # raises on any problem: nothing is cached then
    store(path, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
    return dataset
