"""Frozen value classes made quickly: dataclasses that compile one method, not six.

``@dataclass(frozen=True)`` compiles ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` from source for every class, about 0.5 ms each on
Python 3.11; briefgen defines some ninety such classes and a build imports most of them.
``@frozen`` gives the same class (``dataclasses.fields``, ``replace`` and ``asdict`` work,
instances are immutable, equal by value and hashable exactly as a frozen dataclass's are)
but compiles only ``__init__``, whose speed every instance needs; the other methods are
shared functions that read a per-class attribute getter. ``__dataclass_params__`` says init,
repr, eq and frozen are False, as dataclass() did not add those methods; the class behaves as
a frozen one.
"""

from __future__ import annotations

import dataclasses
import inspect
import reprlib
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from typing import Any, Callable, TypeVar

T = TypeVar("T", bound=type)

_set = object.__setattr__


def frozen(cls: T) -> T:
    """Return ``cls`` as a frozen, hashable, equal-by-value dataclass."""
    doc = cls.__doc__
    cls.__doc__ = doc or "-"   # spares dataclass() a signature of object's __init__
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields)
    cls.__init__ = _init_fn(cls, fields)
    cls._frozen_key = staticmethod(_key_fn(names))
    cls.__repr__ = reprlib.recursive_repr()(_repr_fn(names))
    cls.__eq__ = _eq
    cls.__hash__ = _hash
    cls.__setattr__ = _setattr_fn(cls, frozenset(names), "assign to")
    cls.__delattr__ = _setattr_fn(cls, frozenset(names), "delete")
    if not doc:
        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    return cls


def _init_fn(cls: type, fields: tuple[dataclasses.Field, ...]) -> Callable[..., None]:
    """Return the compiled ``__init__`` that sets each field.

    It writes the instance's ``__dict__`` (half the time of ``object.__setattr__``, which a
    frozen dataclass calls), unless the class has slots or a field name is a descriptor.
    """
    seen_default = False
    for f in fields:                    # dataclass() says so as a TypeError, not a SyntaxError
        if f.default is MISSING and f.default_factory is MISSING and seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        seen_default = seen_default or f.default is not MISSING or f.default_factory is not MISSING
    env: dict[str, Any] = {"__bg_set": _set, "__bg_factory": _FACTORY}
    params, body = ["self"], []
    plain = "__slots__" not in cls.__dict__ and not any(
        hasattr(type(getattr(cls, f.name, None)), "__set__") for f in fields)
    if plain and fields:
        body.append("    __bg_dict = self.__dict__")
    for f in fields:
        value = f.name
        if f.default is not MISSING:
            env[f"__bg_d_{f.name}"] = f.default
            params.append(f"{f.name}=__bg_d_{f.name}")
        elif f.default_factory is not MISSING:
            env[f"__bg_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=__bg_factory")
            value = f"__bg_f_{f.name}() if {f.name} is __bg_factory else {f.name}"
        else:
            params.append(f.name)
        body.append(f"    __bg_dict[{f.name!r}] = {value}" if plain else f"    __bg_set(self, {f.name!r}, {value})")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(compile(source, f"<frozen {cls.__qualname__}>", "exec"), env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return init


class _Factory:
    """The default of a parameter whose field has a ``default_factory``."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _key_fn(names: tuple[str, ...]) -> Callable[[Any], tuple]:
    """Return a function giving an instance's field values as a tuple (what it equals and hashes by)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return lambda self: ()


def _repr_fn(names: tuple[str, ...]) -> Callable[[Any], str]:
    """Return ``__repr__`` writing ``Name(field=value, …)`` as a dataclass does."""
    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({values})"
    return __repr__


def _eq(self: Any, other: Any) -> Any:
    """Return whether two instances of one class have equal fields."""
    if other.__class__ is self.__class__:
        return self._frozen_key(self) == other._frozen_key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    """Return the hash of the field values, as a frozen dataclass has."""
    return hash(self._frozen_key(self))


def _setattr_fn(cls: type, names: frozenset[str], verb: str) -> Callable[..., None]:
    """Return ``__setattr__`` or ``__delattr__`` refusing to change a field."""
    def refuse(self: Any, name: str, *value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot {verb} field {name!r}")
        parent = super(cls, self)
        parent.__setattr__(name, *value) if value else parent.__delattr__(name)
    refuse.__name__ = refuse.__qualname__ = "__setattr__" if verb == "assign to" else "__delattr__"
    return refuse
