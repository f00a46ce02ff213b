"""The dataset's YAML files read once: their node trees kept as verified cache entries, by content.

Reading a YAML file safely (``briefgen.yamlload``: control characters, the event walk that
enforces the limits, composing, converting to located nodes) costs about 5 ms per dataset
file, some 0.05 s a build, for files that rarely change. ``read`` keeps the tree that
``yamlload`` built as JSON under a name hashing the file's bytes, the path its nodes name,
and the reading code (``yamlload``, its hints, this module, PyYAML), and gives back an
equal tree the next time. Only a file that read without a problem is kept: a broken or
hostile file is read, and refused, by ``yamlload`` every time. An entry that fails its
check (``briefgen.cache``) or does not decode into a tree is discarded and the file is read
again, so the cache changes no result. At most MAX_ENTRIES are kept.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from briefgen import cache, yamlload
from briefgen.errors import Origin
from briefgen.yamlload import Map, Node, Scalar, Seq

FORMAT = 2
MAX_ENTRIES = 64
_PLAIN = (str, int, float, bool, type(None))


@lru_cache(maxsize=1)
def _stamp() -> str:
    """Return the SHA-256 of the code whose trees the entries hold."""
    return cache.code_stamp(FORMAT, ("yamlload.py", "yamlhints.py", "yamlcache.py"), {"yaml": ("__init__.py",)})


def read(path: str) -> Node:
    """Return the root node of the YAML file at ``path``, exactly as ``yamlload.read`` does."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return yamlload.read(path)          # its own message for a missing or unreadable file
    ident = repr((_stamp(), path, hashlib.sha256(data).hexdigest()))
    entry = cache.entry("yaml", hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest())
    held = cache.load(entry)
    if held is not None:
        try:
            root = _decode(json.loads(held.decode("utf-8")), path)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            cache.discard(entry)
        else:
            cache.touch(entry)
            return root
    root = yamlload.parse(yamlload.decode(path, data), path)
    try:
        blob = json.dumps(_encode(root), ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return root                         # a value JSON cannot hold exactly: not kept
    cache.store(entry, blob.encode("utf-8"))
    cache.prune(entry.parent, keep=MAX_ENTRIES)
    return root


def _encode(node: Node) -> list:
    """Return ``node`` as JSON data: [0, line, col, value, text] ([0, line, col, text] for a
    string written as itself, most of a dataset), [1, line, col, items] or
    [2, line, col, [[key, value], …]]."""
    o = node.origin
    if isinstance(node, Scalar):
        if not isinstance(node.value, _PLAIN):
            raise TypeError(type(node.value).__name__)
        if type(node.value) is str and node.text == node.value:
            return [0, o.line, o.col, node.value]
        return [0, o.line, o.col, node.value, node.text]
    if isinstance(node, Seq):
        return [1, o.line, o.col, [_encode(n) for n in node.items]]
    return [2, o.line, o.col, [[_encode(k), _encode(v)] for k, v in node.items]]


def _decode(data: list, path: str) -> Node:
    """Return the node ``_encode`` wrote, its origins in ``path``; raise ValueError on anything else.

    Some 5,000 nodes a build: the hot path of a warm dataset load, hence the exact type tests."""
    kind, line, col = data[0], data[1], data[2]
    if type(line) is not int or type(col) is not int:
        raise ValueError("not a node")
    size = len(data)
    if kind == 0:
        value = data[3]
        if size == 4 and type(value) is str:
            return Scalar(value, Origin(path, line, col), value)
        if size == 5 and isinstance(value, _PLAIN) and type(data[4]) is str:
            return Scalar(value, Origin(path, line, col), data[4])
    elif kind == 1 and size == 4:
        return Seq(tuple([_decode(n, path) for n in data[3]]), Origin(path, line, col))
    elif kind == 2 and size == 4:
        items = []
        for k, v in data[3]:
            key = _decode(k, path)
            if type(key) is not Scalar:
                raise ValueError("not a key")
            items.append((key, _decode(v, path)))
        return Map(tuple(items), Origin(path, line, col))
    raise ValueError("not a node")
