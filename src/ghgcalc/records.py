"""Equality, hash and repr for ghgcalc's frozen dataclasses, written once for all of them.

`@dataclass(frozen=True)` writes an __eq__, a __hash__ and a __repr__ for each class as source
text and compiles them when its module is imported: some 0.2 ms a class, about 8 ms of a small
`ghgcalc compute` (the 40 classes it imports; runs in shell loops pay it per file). A class
declared `@dataclass(frozen=True, eq=False, repr=False)` that derives from Record gets the same
three from its fields instead: equal to an object of its own class whose compared fields are equal
(else NotImplemented), hashed on the fields the dataclass hashes, shown as the dataclass shows it.
tests/test_records.py checks them against the dataclass's own.
"""

from __future__ import annotations

import _thread
import operator
from collections.abc import Callable
from dataclasses import fields
from typing import Any

_Values = Callable[[Any], tuple[Any, ...]]
_COMPARED: dict[type, _Values] = {}
_HASHED: dict[type, _Values] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}
_SHOWING: set[tuple[int, int]] = set()  # (object, thread) whose repr is being made: a cycle shows as ...


def _values(names: list[str]) -> _Values:
    """The values of `names` of an object, as a tuple (attrgetter gives one name's value bare)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _compared(cls: type) -> _Values:
    found = _COMPARED.get(cls)
    if found is None:
        found = _COMPARED[cls] = _values([f.name for f in fields(cls) if f.compare])
    return found


def _hashed(cls: type) -> _Values:
    found = _HASHED.get(cls)
    if found is None:  # the dataclass's rule: a field's hash=, else its compare=
        chosen = [f.name for f in fields(cls) if (f.compare if f.hash is None else f.hash)]
        found = _HASHED[cls] = _values(chosen)
    return found


class Record:
    """The base of a frozen dataclass declared with eq=False and repr=False (see the module)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            values = _compared(self.__class__)
            return bool(values(self) == values(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_hashed(self.__class__)(self))

    def __repr__(self) -> str:
        key = id(self), _thread.get_ident()
        if key in _SHOWING:
            return "..."
        _SHOWING.add(key)
        try:
            cls = self.__class__
            names = _SHOWN.get(cls)
            if names is None:
                names = _SHOWN[cls] = tuple(f.name for f in fields(cls) if f.repr)  # type: ignore[arg-type]
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
            return f"{cls.__qualname__}({shown})"
        finally:
            _SHOWING.discard(key)
