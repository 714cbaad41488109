"""ghgcalc.records.frozen gives a class the __init__, __setattr__, __delattr__, __eq__, __hash__
and __repr__ that `@dataclass(frozen=True)` would write for it (Record's, written once, not
compiled per class at import)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

import pytest

from ghgcalc.records import Record, frozen


@dataclass(frozen=True)
class Plain:
    a: int
    b: str = "x"
    hidden: int = field(default=0, repr=False)
    ignored: dict[str, int] = field(default_factory=dict, compare=False)
    unhashed: int = field(default=0, hash=False)
    hashed_only: int = field(default=0, compare=False, hash=True)


@frozen
class Mine(Record):
    a: int
    b: str = "x"
    hidden: int = field(default=0, repr=False)
    ignored: dict[str, int] = field(default_factory=dict, compare=False)
    unhashed: int = field(default=0, hash=False)
    hashed_only: int = field(default=0, compare=False, hash=True)


@dataclass(frozen=True)
class PlainOne:
    a: object


@frozen
class MineOne(Record):
    a: object


@dataclass(frozen=True)
class PlainNone:
    pass


@frozen
class MineNone(Record):
    pass


@frozen
class MineChild(Mine):
    c: float = 1.5


@dataclass(frozen=True)
class PlainChild(Plain):
    c: float = 1.5


def shown(text: str) -> str:
    return text.replace("Mine", "Plain")


SAMPLES = [
    {"a": 1},
    {"a": 1, "b": "y"},
    {"a": 1, "hidden": 5},
    {"a": 1, "ignored": {"k": 1}},
    {"a": 1, "unhashed": 7},
    {"a": 1, "hashed_only": 3},
    {"a": 2, "b": "x", "hidden": 1, "ignored": {}, "unhashed": 2, "hashed_only": 9},
]


@pytest.mark.parametrize(("mine", "plain"), [(Mine, Plain), (MineChild, PlainChild)])
def test_equality_hash_and_repr_are_the_dataclass_own(mine, plain):
    for one in SAMPLES:
        assert shown(repr(mine(**one))) == repr(plain(**one))
        assert hash(mine(**one)) == hash(plain(**one))
        for other in SAMPLES:
            assert (mine(**one) == mine(**other)) == (plain(**one) == plain(**other))
            assert (mine(**one) != mine(**other)) == (plain(**one) != plain(**other))


def test_one_field_no_field_and_other_classes():
    for value in (1, "a", (1, 2), None, float("nan")):
        assert hash(MineOne(value)) == hash(PlainOne(value))
        assert shown(repr(MineOne(value))) == repr(PlainOne(value))
        assert (MineOne(value) == MineOne(value)) == (PlainOne(value) == PlainOne(value))
    assert hash(MineNone()) == hash(PlainNone()) and MineNone() == MineNone()
    assert shown(repr(MineNone())) == repr(PlainNone())
    assert Mine(1) != MineChild(1) and Mine(1).__eq__(MineOne(1)) is NotImplemented
    assert MineOne(1) != PlainOne(1) and MineOne(1) != 1
    with pytest.raises(TypeError):  # an unhashable field, as a dataclass's hash says
        hash(MineOne([1]))
    assert {MineOne(1), MineOne(1), MineOne(2)} == {MineOne(2), MineOne(1)}


def test_a_cycle_shows_as_dots():
    loop: list[object] = []
    mine, plain = MineOne(loop), PlainOne(loop)
    loop.append(mine)
    assert repr(mine) == "MineOne(a=[...])"
    loop[0] = plain
    assert repr(plain) == "PlainOne(a=[...])"


def test_frozen_as_before():
    from dataclasses import FrozenInstanceError, replace

    one = Mine(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'a'"):
        one.a = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'new'"):
        one.new = 2  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'b'"):
        del one.b  # type: ignore[misc]
    assert replace(one, a=2) == Mine(2) and replace(MineChild(1), c=2.5) == MineChild(1, c=2.5)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((1,), {}),
        ((1, "y", 2, {"k": 1}, 3, 4), {}),
        ((), {"a": 1, "hashed_only": 4}),
        ((1,), {"unhashed": 2, "b": "z"}),
        ((1, "y"), {"ignored": {"x": 2}}),
    ],
)
def test_made_from_its_arguments_as_a_dataclass(args, kwargs):
    """Every field in order, by position or by name, defaults and default factories filled in."""
    mine, plain = Mine(*args, **kwargs), Plain(*args, **kwargs)
    assert vars(mine) == vars(plain) and list(vars(mine)) == list(vars(plain))
    assert shown(repr(MineChild(*args, **kwargs))) == repr(PlainChild(*args, **kwargs))
    assert Mine(1).ignored is not Mine(1).ignored  # a factory's value is made for each


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, "y", 2, {}, 3, 4, 5), {}), ((1,), {"a": 2}), ((1,), {"nope": 2}), ((), {"b": "y"})],
)
def test_wrong_arguments_are_a_type_error_as_a_dataclass(args, kwargs):
    with pytest.raises(TypeError):
        Plain(*args, **kwargs)
    with pytest.raises(TypeError):
        Mine(*args, **kwargs)


def test_kept_copied_and_sent_as_a_dataclass():
    import copy
    import pickle

    one = Mine(1, ignored={"k": 1})
    for again in (pickle.loads(pickle.dumps(one)), copy.copy(one), copy.deepcopy(one)):
        assert again == one and vars(again) == vars(one)


def test_a_record_is_declared_as_one():
    from dataclasses import field

    with pytest.raises(TypeError):

        @frozen
        class NotARecord:
            a: int

    with pytest.raises(TypeError):

        @frozen
        class Later(Record):
            a: int
            b: int = field(init=False, default=0)

    with pytest.raises(TypeError):

        @frozen
        class Checked(Record):
            a: int

            def __post_init__(self) -> None:
                pass


MODULES = [
    "ghgcalc.api",
    "ghgcalc.cli.output",
    "ghgcalc.core.plausibility",
    "ghgcalc.core.resolve",
    "ghgcalc.errors",
    "ghgcalc.gpc",
    "ghgcalc.gwp",
    "ghgcalc.io.factor_store",
    "ghgcalc.io.inventory_reader",
    "ghgcalc.io.writers",
    "ghgcalc.models.data_quality",
    "ghgcalc.models.factor",
    "ghgcalc.models.period",
    "ghgcalc.models.result",
    "ghgcalc.quality",
    "ghgcalc.units",
]


def test_every_record_is_declared_frozen_and_leaves_its_methods_to_record():
    """A Record declared with @dataclass would have the dataclass's compiled methods again (and,
    not frozen, could change its hash)."""
    found = 0
    for name in MODULES:
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, type) and issubclass(value, Record) and value.__module__ == name:
                params = value.__dataclass_params__  # type: ignore[attr-defined]
                assert not (params.init or params.eq or params.repr), value
                methods = ("__init__", "__setattr__", "__delattr__", "__eq__", "__hash__", "__repr__")
                assert not set(methods) & set(vars(value)), value
                found += 1
    assert found >= 36
