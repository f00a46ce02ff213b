"""A helper process that draws chart SVGs, so matplotlib's import overlaps the PDF's other work.

On a cold build the one-pager converts its fonts (about 0.45 s) and then draws charts, whose
first step is importing matplotlib (about 0.8 s). When a chart's SVG is not cached yet, the
renderer forks this helper first: it imports matplotlib on the other core while the page's
fonts are converted and its layout is fitted, then draws each SVG on request. Warm builds
(every chart cached) never start it. The SVG is the same bytes whichever process draws it.
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple

from briefgen.cache import entry
from briefgen.render.charts.cache import chart_key

_helper = None          # the running helper, if any
_mine = False           # whether this process may use it (one user per helper)


class Face(NamedTuple):
    """What drawing needs of a PdfFont: its reportlab name and its TrueType file."""

    name: str
    path: str


class Faces(NamedTuple):
    regular: Face
    bold: Face


def seen_key(plan, theme, chars: str) -> str:
    """Return the size-independent name of a chart drawn in fonts of ``chars``."""
    return chart_key("seen", plan, theme, chars)


def _seen_path(key: str) -> Path:
    return entry("charts", f"{key}.seen")


def mark_seen(key: str) -> None:
    """Record that a chart was drawn (its SVG cached), so later builds skip the helper."""
    try:
        _seen_path(key).touch()
    except OSError:
        pass


def _serve(conn, parent_end) -> None:
    """Import matplotlib, then draw every requested SVG until the parent says stop."""
    parent_end.close()          # the fork copied it; holding it would hide the parent's close
    import matplotlib.backends.backend_svg  # noqa: F401 - the import is the point
    import matplotlib.figure  # noqa: F401
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from briefgen.render.pdf.chart import chart_svg

    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        plan, w, h, faces, theme = request
        try:
            for face in faces:
                if face.name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(face.name, face.path))
            conn.send(chart_svg(plan, w, h, faces, theme))
        except Exception as e:  # noqa: BLE001 - sent back and raised in the parent
            conn.send(e)


class _Helper:
    def __init__(self):
        self.owner = os.getpid()
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.conn), daemon=True)
        self.proc.start()
        child.close()

    def svg(self, plan, w, h, fonts, theme) -> bytes:
        faces = Faces(*(Face(f.name, str(f.path)) for f in (fonts.regular, fonts.bold)))
        self.conn.send((plan, w, h, faces, theme))
        result = self.conn.recv()
        if isinstance(result, Exception):
            raise result
        return result

    def close(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.conn.close()
        self.proc.join(5)
        if self.proc.is_alive():  # pragma: no cover - never seen; don't leave it behind
            self.proc.kill()


def _usable() -> bool:
    return ("fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
            and os.environ.get("BRIEFGEN_JOBS") != "1")


def start_early() -> None:
    """Start a helper now if no chart was ever cached (a cold build), before resolution."""
    global _helper, _mine
    folder = entry("charts")
    if _helper is None and _usable() and not (folder.is_dir() and any(folder.iterdir())):
        _helper, _mine = _Helper(), True


def hand_over() -> None:
    """Make this (forked) process the helper's only user; its parent draws charts itself."""
    global _mine
    _mine = _helper is not None


def give_up() -> None:
    """Stop using the helper in this process (it was handed to a worker)."""
    global _mine
    _mine = False


def stop() -> None:
    """Stop the helper this process started, if any."""
    global _helper, _mine
    if _helper is not None and _helper.owner == os.getpid():
        _helper.close()
    _helper, _mine = None, False


@contextmanager
def helping(needed: bool) -> Iterator[None]:
    """Run a block with a chart helper: the one handed to this process, else a new one when
    ``needed`` (some chart is not cached) and forking is possible."""
    global _helper, _mine
    if _helper is not None and _mine:
        yield
        return
    saved = (_helper, _mine)
    own = _Helper() if needed and _usable() else None
    _helper, _mine = (own, True) if own else saved
    try:
        yield
    finally:
        if own is not None:
            own.close()
        _helper, _mine = saved


def charts_needed(plans_and_chars: list[tuple[object, str]], theme) -> bool:
    """Return whether any chart (plan, chars) has not been drawn by an earlier build."""
    return any(not _seen_path(seen_key(plan, theme, chars)).exists() for plan, chars in plans_and_chars)


def draw_svg(plan, w: float, h: float, fonts, theme) -> bytes:
    """Return the chart's SVG, drawn by the helper when this process may use one, else here."""
    if _helper is not None and _mine:
        try:
            return _helper.svg(plan, w, h, fonts, theme)
        except (OSError, EOFError):  # a helper that died only costs speed
            pass
    from briefgen.render.pdf.chart import chart_svg

    return chart_svg(plan, w, h, fonts, theme)
