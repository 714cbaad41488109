"""ghgcalc's frozen dataclasses, with their methods written once for all of them.

`@dataclass(frozen=True)` writes an __init__, a __setattr__, a __delattr__, an __eq__, a __hash__
and a __repr__ for each class as source text and compiles them when its module is imported: some
2.5 million instructions a class, a tenth of a small `ghgcalc compute` (the 40 classes it imports;
runs in shell loops pay it per file). A class declared `@frozen` derives from Record and gets the
same six from its fields instead: made from its fields' values by position or by name, defaults
and default factories filled in; frozen (a field set or deleted raises FrozenInstanceError); equal
to an object of its own class whose compared fields are equal (else NotImplemented), hashed on the
fields the dataclass hashes, shown as the dataclass shows it. It is a dataclass still (fields,
replace, asdict), and the type checker sees it as a frozen one. tests/test_records.py checks them
against the dataclass's own.
"""

from __future__ import annotations

import _thread
import operator
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    from typing import dataclass_transform  # frozen_default is read by type checkers only


_Values = Callable[[Any], tuple[Any, ...]]
_COMPARED: dict[type, _Values] = {}
_HASHED: dict[type, _Values] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}
_SHOWING: set[tuple[int, int]] = set()  # (object, thread) whose repr is being made: a cycle shows as ...
# a record's fields in order, their defaults and their default factories, as its __init__ takes them
_INITS: dict[type, tuple[tuple[str, ...], dict[str, Any], dict[str, Callable[[], Any]]]] = {}
_set = object.__setattr__
_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def frozen(cls: type[_T]) -> type[_T]:
    """`@dataclass(frozen=True, eq=False, repr=False)` for a class derived from Record, whose
    methods are Record's: no method is compiled for the class."""
    made = dataclass(init=False, eq=False, repr=False)(cls)
    if not issubclass(made, Record) or hasattr(made, "__post_init__"):
        raise TypeError(f"{cls.__qualname__}: a record derives from Record and has no __post_init__")
    if any(not f.init or f.kw_only is True for f in fields(made)):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__qualname__}: a record's fields are all given to __init__, by position or name")
    return made


def _init(cls: type) -> tuple[tuple[str, ...], dict[str, Any], dict[str, Callable[[], Any]]]:
    found = _INITS.get(cls)
    if found is None:
        every = fields(cls)
        defaults = {f.name: f.default for f in every if f.default is not MISSING}
        factories = {f.name: f.default_factory for f in every if f.default_factory is not MISSING}
        found = _INITS[cls] = (tuple(f.name for f in every), defaults, factories)
    return found


def _arguments(cls: type, args: tuple[Any, ...], given: dict[str, Any]) -> list[Any]:
    """The values of every field of `cls`, in order, from the arguments of a call: what a
    dataclass's __init__ binds, with a TypeError as it gives one."""
    names, defaults, factories = _init(cls)
    if len(args) > len(names):
        raise TypeError(f"{cls.__qualname__}() takes {len(names)} arguments but {len(args)} were given")
    values = list(args)
    for name in names[len(args) :]:
        if name in given:
            values.append(given.pop(name))
        elif name in defaults:
            values.append(defaults[name])
        elif name in factories:
            values.append(factories[name]())
        else:
            raise TypeError(f"{cls.__qualname__}() missing a required argument: {name!r}")
    for name in given:  # what is left: given by position too, or no field's
        problem = "multiple values for argument" if name in names else "an unexpected keyword argument"
        raise TypeError(f"{cls.__qualname__}() got {problem} {name!r}")
    return values


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
    """The base of a class declared `@frozen` (see the module)."""

    __slots__ = ()

    def __init__(self, *args: Any, **given: Any) -> None:
        cls = self.__class__
        names = (_INITS.get(cls) or _init(cls))[0]
        values: Any = args
        if given or len(args) != len(names):
            values = None
            if not args and len(given) == len(names):  # every field by name (dataclasses.replace): no search
                try:
                    values = [given[name] for name in names]
                except KeyError:  # a name that is no field's in place of one: said below, as a dataclass says it
                    values = None
            if values is None:
                values = _arguments(cls, args, given)
        _set(self, "__dict__", dict(zip(names, values)))  # noqa: B905 - as many values as names

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

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
