"""Safe YAML reading into nodes that remember their line and column.

Every hostile or broken input ends in a located SpecError, never a crash or a hang:
non-UTF-8 or binary bytes, an empty document, YAML syntax errors (with a hint in plain
words), duplicate keys, deep nesting, alias bombs, absurdly long strings and control
characters that no deck or PDF can hold. Only plain YAML types are built
(no tags, no Python objects); dates stay the strings they were written as.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Union

import yaml

from briefgen.errors import Origin, Problems, SpecError
from briefgen.frozen import frozen
from briefgen.yamlhints import RAW_CONTROL, VALUE_CONTROL, control_message, syntax_hint

try:  # libyaml is much faster; PyYAML's wheels ship it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_DEPTH = 64
MAX_NODES = 100_000
MAX_SCALAR = 20_000
MAX_ALIASES = 100
MAX_CONTROL_REPORTS = 20



@frozen
class Scalar:
    value: Any            # str, int, float, bool or None
    origin: Origin
    text: str             # the scalar as written (for messages)


@frozen
class Seq:
    items: tuple["Node", ...]
    origin: Origin


@frozen
class Map:
    items: tuple[tuple[Scalar, "Node"], ...]   # (key, value) in document order
    origin: Origin

    def keys(self) -> list[str]:
        """Return the keys as strings, in order."""
        return [str(k.value) for k, _ in self.items]

    def get(self, key: str) -> "Node | None":
        """Return the value node for ``key``, or None."""
        for k, v in self.items:
            if k.value == key:
                return v
        return None

    def __iter__(self) -> Iterator[tuple[Scalar, "Node"]]:
        return iter(self.items)


Node = Union[Scalar, Seq, Map]


def _origin(path: str, mark: Any) -> Origin:
    return Origin(path, mark.line + 1, mark.column + 1) if mark is not None else Origin(path)


def decode(path: str, data: bytes) -> str:
    """Return ``data`` as text, or raise a SpecError saying why it is not a UTF-8 text file."""
    if len(data) > MAX_BYTES:
        raise SpecError(f"file is {len(data):,} bytes; expected a text file under {MAX_BYTES:,} bytes",
                        Origin(path))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if b"\x00" in data:
            raise SpecError("not a text file (it contains NUL bytes)", Origin(path)) from None
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise SpecError(
            f"not UTF-8 text (byte 0x{data[e.start]:02x} cannot be decoded); save the file as UTF-8",
            Origin(path, line, col),
        ) from None


def read(path: str | Path) -> Node:
    """Return the root node of the YAML file at ``path``."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise SpecError("is a directory, expected a YAML file", Origin(str(path))) from None
    except OSError as e:
        raise SpecError(f"cannot read file: {e.strerror}", Origin(str(path))) from None
    return parse(decode(str(path), data), str(path))


def parse(text: str, path: str = "<string>") -> Node:
    """Return the root node of one YAML document, checking limits before building anything."""
    if not text.strip():
        raise SpecError("the file is empty; expected a YAML mapping", Origin(path))
    _check_controls(text, path)
    try:
        _check_events(text, path)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        msg = (e.problem or e.context or "invalid YAML").strip()
        ctx = e.context_mark if e.problem_mark is not None else None
        hint = syntax_hint(text, mark.line if mark is not None else -1,
                           (ctx.line, ctx.column) if ctx is not None else None)
        raise SpecError(f"YAML syntax error: {msg}; {hint}", _origin(path, mark)) from None
    except yaml.YAMLError as e:
        raise SpecError(f"YAML error: {e}", Origin(path)) from None
    if root is None:
        raise SpecError("the file is empty; expected a YAML mapping", Origin(path))
    dupes: list[SpecError] = []         # duplicate keys and escaped control characters
    node = _convert(root, path, dupes)
    if dupes:
        raise Problems(sorted(dupes, key=lambda p: (p.origin.line, p.origin.col)))
    return node


def _check_controls(text: str, path: str) -> None:
    """Raise Problems locating every control character typed into the file (the first 20)."""
    found = []
    for m in RAW_CONTROL.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        found.append(SpecError(control_message(m.group(0)), Origin(path, line, col)))
        if len(found) == MAX_CONTROL_REPORTS:
            break
    if found:
        raise Problems(found)


def _check_events(text: str, path: str) -> None:
    """Walk the event stream once, refusing deep nesting, several documents, huge values, and
    documents whose aliases would expand to too many values (counted without expanding).

    libyaml scans ahead and enforces limits of its own, in wording that changes between
    releases; when it fails, the walk is repeated with the pure-Python parser, which yields
    events one at a time, so that briefgen's own limits and messages are met first."""
    try:
        _walk_events(text, path, _Loader)
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:
            raise
        try:
            _walk_events(text, path, yaml.SafeLoader)   # raises briefgen's own limit first
        except yaml.YAMLError:
            pass
        raise                                           # a plain syntax error: libyaml's report


def _walk_events(text: str, path: str, loader: type) -> None:
    depth = docs = aliases = total = 0
    sizes: dict[str, int] = {}          # anchor -> expanded size
    open_anchors: list[tuple[str | None, int]] = []
    for ev in yaml.parse(text, Loader=loader):
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            total += 1
            open_anchors.append((ev.anchor, total))
            if depth > MAX_DEPTH:
                raise SpecError(f"nesting is deeper than {MAX_DEPTH} levels",
                                _origin(path, ev.start_mark))
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            anchor, start = open_anchors.pop()
            if anchor:
                sizes[anchor] = total - start + 1
        elif isinstance(ev, yaml.ScalarEvent):
            total += 1
            if ev.anchor:
                sizes[ev.anchor] = 1
            if len(ev.value) > MAX_SCALAR:
                raise SpecError(f"a value of {len(ev.value):,} characters; the limit is {MAX_SCALAR:,}",
                                _origin(path, ev.start_mark))
        elif isinstance(ev, yaml.AliasEvent):
            aliases += 1
            total += sizes.get(ev.anchor, 1)
            if aliases > MAX_ALIASES:
                raise SpecError(f"more than {MAX_ALIASES} aliases ('*name'); write the values out",
                                _origin(path, ev.start_mark))
        elif isinstance(ev, yaml.DocumentStartEvent):
            docs += 1
            if docs > 1:
                raise SpecError("expected one YAML document but found another ('---')",
                                _origin(path, ev.start_mark))
        if total > MAX_NODES:
            raise SpecError(f"the document expands to more than {MAX_NODES:,} values "
                            "(aliases repeat too much)", _origin(path, ev.start_mark))


_TAGS = {f"tag:yaml.org,2002:{t}" for t in
         ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")}
_BOOL = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, v = node.tag, node.value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return _BOOL[v.lower()]
    if tag.endswith(":int"):
        try:
            return int(v.replace("_", ""), 0)
        except ValueError:
            return v
    if tag.endswith(":float"):
        low = v.lower()
        if low in (".nan", ".inf", "-.inf", "+.inf"):
            return v
        return float(v.replace("_", ""))
    return v  # str, and timestamps kept as written


def _convert(node: yaml.Node, path: str, dupes: list) -> Node:
    origin = _origin(path, node.start_mark)
    tag = node.tag or ""
    if tag not in _TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise SpecError(f"YAML tags are not supported (found '{shown}')", origin)
    if isinstance(node, yaml.ScalarNode):
        bad = VALUE_CONTROL.search(node.value)
        if bad and len(dupes) < MAX_CONTROL_REPORTS:    # written as an escape such as "\x01"
            dupes.append(SpecError(control_message(bad.group(0)), origin))
        return Scalar(_scalar(node), origin, node.value)
    if isinstance(node, yaml.SequenceNode):
        return Seq(tuple(_convert(n, path, dupes) for n in node.value), origin)
    items: list[tuple[Scalar, Node]] = []
    seen: dict[Any, Origin] = {}
    for k, v in node.value:
        if tag.endswith(":map") and k.tag.endswith(":merge"):
            raise SpecError("merge keys ('<<') are not supported; write the keys out", _origin(path, k.start_mark))
        key = _convert(k, path, dupes)
        if not isinstance(key, Scalar) or isinstance(key.value, (list, dict)):
            raise SpecError("a key must be plain text", key.origin)
        hkey = key.value if not isinstance(key.value, float) else str(key.value)
        if hkey in seen:
            first = seen[hkey]
            dupes.append(SpecError(f"duplicate key '{key.text}' (first defined at line {first.line})",
                                   key.origin))
            continue
        seen[hkey] = key.origin
        items.append((key, _convert(v, path, dupes)))
    return Map(tuple(items), origin)


def plain(node: Node) -> Any:
    """Return ``node`` as plain Python data (dict, list, scalars)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [plain(n) for n in node.items]
    return {str(k.value): plain(v) for k, v in node.items}

