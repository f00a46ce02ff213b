"""briefgen's on-disk cache: a private folder of verified entries that never fail a build.

Converted fonts, chart SVGs and the checked dataset are cached here, each under a name that
hashes everything the entry depends on. Every entry is written with a header holding the
SHA-256 of its data, and read back only when the data still matches it: a truncated,
emptied, garbled or planted file is discarded (and so rebuilt by its caller), never used.
Entries are plain bytes; nothing read from the cache is ever executed or unpickled.
A cache that cannot be written only costs speed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Iterable

MAGIC = b"briefgen-cache 1\n"
_DIGEST = 32
_private_tmp: str | None = None


def cache_dir() -> str:
    """Return the cache folder: $BRIEFGEN_CACHE_DIR, else $XDG_CACHE_HOME/briefgen or ~/.cache/briefgen.

    When that folder cannot be created or written, a private folder made for this process in
    the system's temporary directory is used instead (never a shared, predictable name).
    """
    explicit = os.environ.get("BRIEFGEN_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    home = os.path.join(base, "briefgen")
    if _usable(home):
        return home
    global _private_tmp
    if _private_tmp is None or not os.path.isdir(_private_tmp):
        _private_tmp = tempfile.mkdtemp(prefix="briefgen-cache-")   # 0700, unique
    return _private_tmp


def _usable(folder: str) -> bool:
    """Return whether ``folder`` exists (or can be made, private) and can be written."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def entry(*parts: str) -> Path:
    """Return the path of a cache entry, e.g. entry("charts", "<key>.svg")."""
    return Path(cache_dir(), *parts)


def store(path: Path, data: bytes) -> None:
    """Write a verified cache entry atomically (temporary file, then rename); ignore an unwritable cache."""
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + hashlib.sha256(data).digest() + data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def load(path: Path) -> bytes | None:
    """Return the data of a verified cache entry, or None (and remove the file) when it fails the check."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + _DIGEST
    if raw.startswith(MAGIC) and len(raw) >= head:
        data = raw[head:]
        if hashlib.sha256(data).digest() == raw[len(MAGIC):head]:
            return data
    discard(path)
    return None


def discard(path: Path) -> None:
    """Remove a cache entry, ignoring one that is already gone or cannot be removed."""
    try:
        path.unlink()
    except OSError:
        pass


def prune(folder: Path, keep: int, protect: frozenset[str] | set[str] = frozenset()) -> None:
    """Keep only the ``keep`` most recently used entries in ``folder`` (the cache stays bounded).

    Files named in ``protect`` (paths this process still reads, e.g. fonts it registered) are
    kept first, within the same count.
    """
    try:
        files = [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return
    if len(files) <= keep:
        return
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0
    for p in sorted(files, key=lambda p: (str(p) in protect, used(p)), reverse=True)[keep:]:
        discard(p)


def touch(path: Path) -> None:
    """Mark an entry as just used, for ``prune``."""
    try:
        os.utime(path)
    except OSError:
        pass


def code_stamp(head: object, own: Iterable[str] = (), packages: dict[str, Iterable[str]] | None = None) -> str:
    """Return the SHA-256 naming the entries some code makes: ``head`` (formats, versions: its repr),
    briefgen's own files ``own`` (paths under the ``briefgen`` folder) and the files of installed
    packages (``{"svglib": ("svglib.py",)}``, found without importing them), each by name and
    content, never by path or date, so every install names the same code alike. A package that
    is not installed, or a file that cannot be read, counts as such: a stamp never fails a build."""
    digest = hashlib.sha256(repr(head).encode("utf-8", "surrogatepass"))
    here = Path(__file__).resolve().parent
    files = [(name, here / name) for name in own]
    for package, names in sorted((packages or {}).items()):
        folder = _package_folder(package)
        files += [(f"{package}/{name}", folder / name if folder else None) for name in names]
    for name, path in files:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(path.read_bytes() if path else b"absent")
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def _package_folder(package: str) -> Path | None:
    """Return the folder of an installed package, found without importing it (None: not installed)."""
    try:
        spec = find_spec(package)
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or []) if spec else []
    return Path(folders[0]) if folders else None
