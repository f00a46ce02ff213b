"""Pictures a spec names: found only inside the allowed folders, within limits, fully decoded.

A picture may come from the project's ``assets/`` folder, the spec's own folder or the theme's
folder, never from outside them (a ``..`` or a symbolic link that leads out is refused). It
must be a PNG or JPEG of at most MAX_BYTES bytes and MAX_PIXELS pixels, and decode completely
(Pillow's ``verify()``, then a fresh ``load()``). The build embeds a private copy of exactly the
bytes that were decoded, so a picture changed or replaced after the check never reaches a deck.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import io
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Sequence

MAX_BYTES = 20_000_000          # 20 MB
MAX_PIXELS = 40_000_000         # 40 megapixels
FORMATS = ("PNG", "JPEG")

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"\x00\x00\x01\x00", "ICO"),
)


def find_image(rel: str, spec_dir: Path, root: Path, theme_dir: Path | None = None) -> tuple[Path | None, str]:
    """Return (the checked picture's path, "") or (None, what is wrong, in plain words).

    ``rel`` is looked up beside the spec, then in the project folder ``root``, then in the
    theme's folder; wherever it is found, it must lie inside one of the allowed folders."""
    folders = [("assets/", root / "assets"), ("the spec's folder", spec_dir)]
    if theme_dir is not None:
        folders.append(("the theme's folder", theme_dir))
    allowed = [(name, Path(f).resolve()) for name, f in folders]
    names = ", ".join(name for name, _ in folders)
    if Path(rel).is_absolute():
        return None, f"expected a path relative to the spec's folder or the project (in {names}) but received {rel!r}"
    for base in dict.fromkeys((spec_dir, root, *(() if theme_dir is None else (theme_dir,)))):
        candidate = Path(base) / rel
        if not candidate.exists() and not candidate.is_symlink():
            continue
        full = candidate.resolve()
        if not any(full == f or f in full.parents for _, f in allowed):
            how = " (through a symbolic link)" if _through_link(candidate, len(Path(rel).parts)) else ""
            return None, (f"{rel!r} leads outside the folders a picture may come from{how}: "
                          f"{names}; copy the picture into one of them")
        if not full.is_file():
            what = "a folder" if full.is_dir() else "not a regular file"
            return None, f"{rel!r} is {what}, expected a PNG or JPEG picture"
        stat = full.stat()
        if stat.st_size > MAX_BYTES:
            return None, (f"{rel!r} is {stat.st_size / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} "
                          "MB: save it smaller (2000 pixels across is plenty for a slide)")
        problem, copy = _checked(str(full), stat.st_mtime_ns, stat.st_size)
        if copy is not None and not os.path.isfile(copy):     # the private copy was cleaned away
            problem, copy = _checked.__wrapped__(str(full), stat.st_mtime_ns, stat.st_size)
        return (Path(copy), "") if copy else (None, f"{rel!r} {problem}")
    where = "beside the spec and in the project folder" + (" and the theme's folder" if theme_dir else "")
    return None, f"no picture at {rel!r} (looked {where}); check the name"


def _through_link(candidate: Path, depth: int) -> bool:
    """Return whether ``candidate`` or one of its last ``depth`` - 1 parents is a symbolic link."""
    return any(p.is_symlink() for p in (candidate, *candidate.parents)[:depth])


@functools.lru_cache(maxsize=64)
def _checked(path: str, mtime_ns: int, size: int) -> tuple[str, str | None]:
    """Return (what is wrong with the picture at ``path``, "") or ("", the private copy of the
    bytes that decoded). ``mtime_ns`` and ``size`` key the cache, so a changed file is checked again."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        return f"cannot be read: {e.strerror}", None
    problem = picture_problem(data, path)
    if problem:
        return problem, None
    try:
        return "", _private_copy(data)
    except OSError as e:
        return f"could not be copied for the build: {e.strerror}", None


_copies: str | None = None


def _private_copy(data: bytes) -> str:
    """Return the path of a copy of ``data`` in a folder only this process writes (0700, removed
    at exit), named by its SHA-256: what a deck embeds is then exactly what was decoded."""
    global _copies
    if _copies is None or not os.path.isdir(_copies):
        _copies = tempfile.mkdtemp(prefix="briefgen-pictures-")
        atexit.register(shutil.rmtree, _copies, True)
    ext = ".png" if data.startswith(b"\x89PNG") else ".jpg"
    path = os.path.join(_copies, hashlib.sha256(data).hexdigest() + ext)
    if not os.path.isfile(path):
        fd, tmp = tempfile.mkstemp(dir=_copies)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    return path


def picture_problem(data: bytes, name: str = "") -> str:
    """Return what is wrong with a picture file's bytes ("" when they are a sound PNG or JPEG)."""
    size = len(data)
    if size == 0:
        return "is an empty file, expected a PNG or JPEG picture"
    if size > MAX_BYTES:
        return (f"is more than {MAX_BYTES // 1_000_000} MB; the limit is {MAX_BYTES // 1_000_000} MB: "
                "save it smaller (2000 pixels across is plenty for a slide)")
    kind = next((k for magic, k in _MAGIC if data.startswith(magic)), None)
    if kind is None and (data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP"):
        kind = "WEBP"
    if kind is None:
        head = data[:1024].lstrip().lower()
        if b"<svg" in head or (head.startswith(b"<?xml") and b"svg" in data[:4096].lower()) \
                or name.lower().endswith((".svg", ".svgz")):
            return "is an SVG drawing, which a deck cannot embed; export it as PNG"
        return "is not a picture (its content is not PNG or JPEG); export it as PNG or JPEG"
    if kind not in FORMATS:
        return f"is a {kind} picture; save it as PNG or JPEG"
    return _decode_problem(data, kind)


def _decode_problem(data: bytes, kind: str) -> str:
    """Return what stops ``data`` decoding completely as a ``kind`` picture ("" if nothing)."""
    from PIL import Image, JpegImagePlugin, PngImagePlugin

    damaged = f"is a damaged or incomplete {kind} file (it does not decode); export it again"
    opener = PngImagePlugin.PngImageFile if kind == "PNG" else JpegImagePlugin.JpegImageFile
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # Pillow's own warnings: the checks below decide
        try:
            with opener(io.BytesIO(data)) as im:     # reads the header only: no pixel limit yet
                width, height = im.size
        except Exception:  # noqa: BLE001 - Pillow raises many kinds for hostile headers
            return damaged
        if width * height > MAX_PIXELS:
            return (f"is {width:,}×{height:,} pixels ({width * height / 1e6:,.0f} megapixels); the limit "
                    f"is {MAX_PIXELS // 1_000_000} megapixels: scale it down")
        try:
            with Image.open(io.BytesIO(data), formats=[kind]) as im:
                im.verify()
            with Image.open(io.BytesIO(data), formats=[kind]) as im:
                im.load()
        except Exception:  # noqa: BLE001 - truncated and corrupt data raise many kinds
            return damaged
    return ""
