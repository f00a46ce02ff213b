"""A tape of the reportlab canvas calls that draw a chart, recorded once and replayed after.

Placing a chart's SVG costs svglib and reportlab's graphics package (about 0.07 s to import,
more than the rest of the handout) and a parse of the SVG. What they leave on the page is a
sequence of plain canvas calls (``saveState``, ``transform``, ``setFillColor``, paths,
``drawString``…), so ``Recorder`` passes each call through to the real canvas and writes it
down, as JSON-able data, and ``replay`` makes the same calls again: the canvas, which alone
writes the PDF, receives exactly what it received when the chart was drawn live, so the
file is byte for byte the same.

A tape also notes every canvas attribute the drawing code read and its value when drawing
began; ``replay`` refuses a tape (and the caller draws live) unless the canvas holds the same
values, and it decodes the whole tape before making any call, so a refused tape leaves the
canvas untouched. A call whose arguments or result cannot be written down plainly (an
object other than numbers, text, tuples, lists, RGB colours and paths) makes the drawing
unrecordable: it still draws, live, and no tape is kept.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from reportlab.lib.colors import Color

FORMAT = 1
_PLAIN = (str, int, float, bool, type(None))
# The only calls and attributes a tape may hold: drawing state, paths and text. Anything else
# (save, showPage, setAuthor, a file name…) makes a drawing unrecordable and a tape refused,
# so a cache entry can never make the canvas do more than draw.
CANVAS_CALLS = frozenset({
    "saveState", "restoreState", "transform", "translate", "scale", "rotate", "skew",
    "setFont", "setFontSize", "setFillColor", "setStrokeColor", "setFillColorRGB", "setStrokeColorRGB",
    "setFillGray", "setStrokeGray", "setFillAlpha", "setStrokeAlpha", "setFillOverprint",
    "setStrokeOverprint", "setOverprintMask", "setLineWidth", "setLineCap", "setLineJoin",
    "setMiterLimit", "setDash", "beginPath", "drawPath", "clipPath", "drawString",
    "drawRightString", "drawCentredString", "line", "lines", "rect", "circle", "ellipse",
    "roundRect", "wedge", "bezier", "arc"})
PATH_CALLS = frozenset({"moveTo", "lineTo", "curveTo", "arcTo", "arc", "close", "rect", "ellipse",
                        "circle", "roundRect"})
SETTABLE = frozenset({"_fillMode"})


class Unrecordable(Exception):
    """The drawing made a call a tape cannot hold."""


def _encode(value: Any) -> Any:
    """Return ``value`` as JSON data, or raise Unrecordable."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, _PathRecorder):
        return {"$path": value.index}
    if type(value) is tuple:
        return {"$t": [_encode(v) for v in value]}
    if type(value) is list:
        return [_encode(v) for v in value]
    if type(value) is Color:
        return {"$rgb": [value.red, value.green, value.blue, value.alpha]}
    raise Unrecordable(type(value).__name__)


def _keywords(kwargs: dict) -> dict:
    """Return keyword arguments as JSON data, or raise Unrecordable."""
    return {str(k): _encode(v) for k, v in kwargs.items()}


def _decode(value: Any, paths) -> Any:
    """Return the value ``_encode`` wrote (paths by their index in ``paths``)."""
    if isinstance(value, list):
        return [_decode(v, paths) for v in value]
    if isinstance(value, dict):
        if "$t" in value:
            return tuple(_decode(v, paths) for v in value["$t"])
        if "$rgb" in value:
            r, g, b, a = value["$rgb"]
            return Color(r, g, b, a)
        if "$path" in value:
            return paths[value["$path"]]
        raise ValueError("unknown tape value")
    return value


class _PathRecorder:
    """A canvas path that writes down what is drawn into it."""

    def __init__(self, path, index: int, tape: list):
        self._path, self.index, self._tape = path, index, tape

    def __getattr__(self, name: str):
        method = getattr(self._path, name)
        if not callable(method) or name not in PATH_CALLS:
            raise Unrecordable(f"path.{name}")

        def call(*args, **kwargs):
            self._tape.append(["p", self.index, name, _encode(list(args)), _keywords(kwargs)])
            if method(*args, **kwargs) is not None:
                raise Unrecordable(f"path.{name} returned a value")
        return call


class Recorder:
    """A stand-in for a reportlab canvas that passes every call through and records it.

    ``calls`` is the tape, ``read`` the canvas attributes read (with their values when
    recording began); ``ok`` turns False at the first call a tape cannot hold.
    """

    def __init__(self, canvas):
        d = self.__dict__
        d["_canvas"], d["calls"], d["read"], d["ok"] = canvas, [], {}, True
        d["_start"] = {k: v for k, v in vars(canvas).items() if isinstance(v, _PLAIN)}

    def __getattr__(self, name: str):
        value = getattr(self._canvas, name)
        if not callable(value):
            if not isinstance(value, _PLAIN) or name not in self._start:
                self.__dict__["ok"] = False
            else:
                self.read.setdefault(name, self._start[name])
            return value

        def call(*args, **kwargs):
            real = [a._path if isinstance(a, _PathRecorder) else a for a in args]
            try:
                if name not in CANVAS_CALLS:
                    raise Unrecordable(name)
                entry = ["c", name, _encode(list(args)), _keywords(kwargs)]
            except Unrecordable:
                self.__dict__["ok"] = False
                entry = None
            result = value(*real, **kwargs)
            if entry is not None:
                self.calls.append(entry)
            if name == "beginPath":
                return _PathRecorder(result, len(self.calls) - 1, self.calls)
            if result is not None:
                self.__dict__["ok"] = False
            return result
        return call

    def __setattr__(self, name: str, value) -> None:
        try:
            if name not in SETTABLE:
                raise Unrecordable(name)
            self.calls.append(["s", name, _encode(value)])
        except Unrecordable:
            self.__dict__["ok"] = False
        setattr(self._canvas, name, value)

    def tape(self) -> bytes | None:
        """Return the recorded tape as bytes, or None when the drawing was unrecordable."""
        if not self.ok:
            return None
        return json.dumps({"format": FORMAT, "read": self.read, "calls": self.calls},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def record(canvas, draw: Callable[[Any], None]) -> bytes | None:
    """Run ``draw`` on a Recorder of ``canvas`` (so it draws live) and return its tape, or None."""
    recorder = Recorder(canvas)
    try:
        draw(recorder)
    except Unrecordable:        # a path call gave a result: the drawing ran, but no tape
        return None
    return recorder.tape()


def replay(data: bytes, canvas) -> bool:
    """Make the calls of tape ``data`` on ``canvas``; return False, touching nothing, when the
    tape is unreadable or was recorded on a canvas in another state."""
    try:
        tape = json.loads(data.decode("utf-8"))
        if tape.get("format") != FORMAT:
            return False
        for name, value in tape["read"].items():
            if getattr(canvas, name, _Missing) != value:
                return False
        steps = _steps(tape["calls"], canvas)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return False
    paths: dict[int, Any] = {}
    for i, (kind, target, name, args, kwargs) in enumerate(steps):
        args = _decode(args, paths)
        kwargs = {k: _decode(v, paths) for k, v in kwargs.items()}
        if kind == "s":
            setattr(canvas, name, args)
        elif kind == "p":
            getattr(paths[target], name)(*args, **kwargs)
        else:
            result = getattr(canvas, name)(*args, **kwargs)
            if name == "beginPath":
                paths[i] = result
    return True


class _Missing:
    """No such attribute on the canvas."""


def _steps(calls: list, canvas) -> list[tuple]:
    """Return the calls as (kind, path index, name, args, kwargs), each checked to be one the
    canvas (or a path it made) can take and decodable; raise ValueError for anything else."""
    out, made = [], {}     # made: the paths the tape will make (None until it runs)
    for i, call in enumerate(calls):
        kind = call[0]
        if kind == "s" and len(call) == 3 and call[1] in SETTABLE:
            out.append(("s", None, str(call[1]), call[2], {}))
        elif kind == "c" and len(call) == 4 and call[1] in CANVAS_CALLS \
                and callable(getattr(canvas, call[1], None)):
            out.append(("c", None, call[1], call[2], call[3]))
            if call[1] == "beginPath":
                made[i] = None
        elif kind == "p" and len(call) == 5 and call[1] in made and call[2] in PATH_CALLS:
            out.append(("p", call[1], str(call[2]), call[3], call[4]))
        else:
            raise ValueError("not a tape call")
        kind, _, _, args, kwargs = out[-1]
        if kind != "s" and not isinstance(args, list) or not isinstance(kwargs, dict):
            raise ValueError("not a tape call")
        _decode(args, made)
        for v in kwargs.values():
            _decode(v, made)
    return out
