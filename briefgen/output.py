"""Write a spec's files all or nothing: temporaries, fsync, a journal, then the renames.

Every file is first written in full to a temporary file in the output folder and flushed
to disk. Only then is a journal written (itself through a temporary file and a rename)
naming each temporary and the file it replaces, and the temporaries are renamed over the
old files (a file that already holds the same bytes is left alone). A failure before the
journal exists removes the temporaries: every old file is as it was. A process killed after it exists (kill -9 between two renames) leaves the
journal, and the next write into the folder finishes the renames: every file is new.
So a reader after any failure finds the old set or the new set, never a mix of the two,
and no temporary is left once the folder is written again. Writers of one folder take
turns (an advisory lock on the folder), so one never clears another's temporaries.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from briefgen.errors import OutputError

PREFIX = ".briefgen-"               # every name this module writes starts so (hidden files)
TEMP = PREFIX + "tmp-"
JOURNAL = ".journal"


def write_all(folder: Path, files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every (path in ``folder``, bytes) pair, or none of them; raise OutputError saying which."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the output folder {_shown(folder)}: {e.strerror}") from None
    with _locked(folder):
        recover(folder)
        files = [(p, data) for p, data in files if not _holds(folder / Path(p).name, data)]
        if not files:
            return
        token = secrets.token_hex(4)
        temps: list[Path] = []
        try:
            for path, data in files:
                if (folder / Path(path).name).is_dir():
                    raise IsADirectoryError(errno.EISDIR, f"{Path(path).name} is a folder")
                temps.append(folder / f"{TEMP}{token}-{Path(path).name}")
                _write_synced(temps[-1], data)
            journal = folder / f"{PREFIX}{token}{JOURNAL}"
            record = json.dumps({"files": [[t.name, Path(p).name] for t, (p, _) in zip(temps, files)]})
            _write_synced(folder / f"{TEMP}{token}{JOURNAL}", record.encode())
            os.replace(folder / f"{TEMP}{token}{JOURNAL}", journal)
            _sync_folder(folder)
        except BaseException as e:          # a full disk, or Ctrl-C: no temporary stays
            for t in [*temps, folder / f"{TEMP}{token}{JOURNAL}"]:
                _unlink(t)
            if not isinstance(e, OSError):
                raise
            raise OutputError(f"cannot write into the output folder {_shown(folder)}: {e.strerror}; "
                              "no file in it was changed") from None
        _commit(folder, journal, [(t, folder / Path(p).name) for t, (p, _) in zip(temps, files)])


def _commit(folder: Path, journal: Path, renames: list[tuple[Path, Path]]) -> None:
    """Rename every temporary over its file, then drop the journal."""
    failed: list[tuple[Path, OSError]] = []
    for tmp, final in renames:
        try:
            os.replace(tmp, final)
        except OSError as e:
            failed.append((final, e))
    _sync_folder(folder)
    if failed:
        names = ", ".join(p.name for p, _ in failed)
        raise OutputError(f"cannot replace {names} in {_shown(folder)}: {failed[0][1].strerror}; "
                          f"{len(renames) - len(failed)} of {len(renames)} files were replaced, and "
                          "the next build into this folder finishes the rest", replaced=True)
    _unlink(journal)
    _sync_folder(folder)


def recover(folder: Path) -> None:
    """Finish the renames a killed write left in a journal, then remove stray temporaries."""
    folder = Path(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in sorted(n for n in names if n.startswith(PREFIX) and n.endswith(JOURNAL)
                       and not n.startswith(TEMP)):
        for tmp, final in _journal(folder / name):
            try:
                os.replace(folder / tmp, folder / final)
            except OSError:
                pass
        _unlink(folder / name)
    for name in names:
        if name.startswith(TEMP):
            _unlink(folder / name)
    _sync_folder(folder)


def _journal(path: Path) -> list[tuple[str, str]]:
    """Return the (temporary, final) names a journal lists whose temporary still exists."""
    try:
        pairs = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    out = []
    for pair in pairs if isinstance(pairs, list) else []:
        if (isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, str) for n in pair)
                and pair[0].startswith(TEMP) and _plain(pair[0]) and _plain(pair[1])
                and not pair[1].startswith(".") and (path.parent / pair[0]).is_file()):
            out.append((pair[0], pair[1]))
    return out


def _holds(path: Path, data: bytes) -> bool:
    """Return whether the file at ``path`` already holds exactly ``data`` (it need not be written)."""
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _plain(name: str) -> bool:
    """Return whether ``name`` is a bare file name (no folder part)."""
    return bool(name) and os.sep not in name and "/" not in name and name not in (".", "..")


def _write_synced(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist), write ``data`` and flush it to disk."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fdatasync(fd) if hasattr(os, "fdatasync") else os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entries (the renames) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an advisory lock on ``folder`` (released by the system if the process dies)."""
    try:
        import fcntl
        fd = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        pass
    try:
        yield
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _shown(folder: Path) -> str:
    """Return the folder as the user typed it, with a trailing slash."""
    text = str(folder)
    return text if text.endswith(os.sep) else text + os.sep
