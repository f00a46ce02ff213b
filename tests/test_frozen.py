"""Tests of briefgen.frozen: a @frozen class behaves as the @dataclass(frozen=True) it replaces."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from briefgen.frozen import frozen


@frozen
class Note:
    """A module-level class, so that pickle can find it."""

    number: int
    text: str = ""


def test_pickled_and_copied_instances_are_equal():
    note = Note(3, "《…》")
    assert pickle.loads(pickle.dumps(note)) == note
    assert copy.deepcopy(note) == note and copy.copy(note) == note


def _pair(**defaults):
    """Return the same class made by @frozen and by @dataclass(frozen=True)."""
    made = []
    for decorate in (frozen, dataclasses.dataclass(frozen=True)):
        ns = {"__annotations__": {"a": "int", "b": "str", "c": "tuple"}, "__module__": __name__,
              "__qualname__": "Point", "__doc__": "A point."}
        ns.update(defaults)
        made.append(decorate(type("Point", (), ns)))
    return made


def test_init_repr_eq_and_hash_match_a_frozen_dataclass():
    ours, theirs = _pair(b="x", c=dataclasses.field(default_factory=lambda: (1, 2)))
    for args, kwargs in [((1,), {}), ((1, "y"), {}), ((2,), {"c": (3,)}), ((), {"a": 4, "b": ""})]:
        mine, ref = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(mine) == repr(ref)
        assert hash(mine) == hash(ref)
        assert (mine.a, mine.b, mine.c) == (ref.a, ref.b, ref.c)
    assert ours(1) == ours(1, "x", (1, 2)) and ours(1) != ours(2)
    assert ours(1) != theirs(1)             # another class is never equal, as with dataclasses
    assert len({ours(1), ours(1), ours(2)}) == 2


def test_instances_cannot_change():
    ours, _ = _pair()
    p = ours(1, "b", ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.a = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.other = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.a
    assert p.a == 1


def test_dataclass_functions_and_pickling_work():
    ours, _ = _pair(c=())
    p = ours(1, "b")
    assert [f.name for f in dataclasses.fields(ours)] == ["a", "b", "c"]
    assert dataclasses.replace(p, b="z") == ours(1, "z")
    assert dataclasses.asdict(p) == {"a": 1, "b": "b", "c": ()}
    assert ours.__match_args__ == ("a", "b", "c")


def test_missing_arguments_and_docstrings():
    ours, theirs = _pair()
    with pytest.raises(TypeError):
        ours(1)
    bare = frozen(type("Bare", (), {"__annotations__": {"x": "int"}, "__module__": __name__}))
    ref = dataclasses.dataclass(frozen=True)(type("Bare", (), {"__annotations__": {"x": "int"},
                                                                "__module__": __name__}))
    assert bare.__doc__ == ref.__doc__ == "Bare(x: 'int')"
    assert ours.__doc__ == "A point."


@pytest.mark.parametrize("defaults", [{}, {"c": ()}, {"b": "x", "c": (1,)},
                                      {"c": dataclasses.field(default_factory=tuple)}])
def test_signature_and_argument_errors_match_a_frozen_dataclass(defaults):
    import inspect

    ours, theirs = _pair(**defaults)
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs))
    assert ours.__init__.__qualname__ == "Point.__init__"
    for args, kwargs in [((1, "b", ()), {}), ((), {"a": 1, "b": "b", "c": ()}), ((1,), {"b": "b"})]:
        try:
            expected = repr(theirs(*args, **kwargs))
        except TypeError:
            with pytest.raises(TypeError):
                ours(*args, **kwargs)
        else:
            assert repr(ours(*args, **kwargs)) == expected
    with pytest.raises(TypeError):
        ours(1, "b", (), "extra")
    with pytest.raises(TypeError):
        ours(1, "b", (), d=4)


def test_a_class_without_fields_and_one_with_a_field_after_a_default():
    empty = frozen(type("Empty", (), {"__module__": __name__, "__doc__": "Nothing."}))
    assert empty() == empty() and hash(empty()) == hash(()) and repr(empty()) == "Empty()"
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):  # ours
        frozen(type("Bad", (), {"__module__": __name__, "__annotations__": {"a": "int", "b": "int"},
                                "a": 0}))
