"""io/json_text.dumps writes what json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
writes, byte for byte, on random documents (its plain containers through json's C encoder)."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghgcalc.io.json_text import Fixed, dumps, dumps_item


def reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e16, 1e-7, 0.1, 5e-324]),
    st.text(max_size=8),
    st.sampled_from(['"', "\\", "\n", "\x00", "\u2028", "ไฟฟ้า", "\ud800"]),
)
DOCUMENT = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=5),
    ),
    max_leaves=40,
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_random_documents_are_written_as_json_dumps_writes_them(document: Any) -> None:
    assert dumps(document) == reference(document)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCUMENT, min_size=1, max_size=4))
def test_an_array_written_an_item_at_a_time_is_the_array_written_whole(items: list[Any]) -> None:
    """A streamed batch writes its JSON array a record at a time: "[", the records with ",\n  "
    between them, "\n]"."""
    assert "[\n  " + ",\n  ".join(map(dumps_item, items)) + "\n]" == reference(items)


def test_an_item_json_writes_itself_is_moved_in_by_one_indent() -> None:
    # the comparison can fail: a key that is not text leaves the item to json.dumps
    items = [{1: "an int key", "b": [1, {"c": None}]}, {"x": "y"}]
    assert "[\n  " + ",\n  ".join(map(dumps_item, items)) + "\n]" == reference(items)
    assert dumps_item(items[0]).endswith("\n  }")


class Kind(enum.IntEnum):
    ONE = 1


@pytest.mark.parametrize(
    "document",
    [
        {"lines": [{"a": 1.5, "gases_t": {"CO2": 2.0}, "monthly": [1.0, 2.0]}, {}], "empty": [], "none": None},
        {1: "an int key", "b": [1]},  # json's own way with keys that are not text
        {"b": [Kind.ONE, True]},  # a subclass of int
        [[[[]]], [{}], ({"x": (1, 2)},)],
        "text",
        3.25,
    ],
)
def test_documents_of_every_shape(document: Any) -> None:
    assert dumps(document) == reference(document)


def test_what_json_refuses_is_refused() -> None:
    for value in ({"x": [math.nan]}, {"x": {"y": [1, math.inf]}}, [{"a": [math.nan]}]):
        with pytest.raises(ValueError):
            reference(value)
        with pytest.raises(ValueError):
            dumps(value)
    loop: list[Any] = [1]
    loop.append([loop])
    with pytest.raises(ValueError, match="Circular"):
        dumps(loop)


def _fixed(value: Any) -> Any:
    """`value` with each of its containers that holds a container made a Fixed, shared wherever it
    is met again (as a factor's block is in every line it gives)."""
    if isinstance(value, dict):
        inner = {key: _fixed(item) for key, item in value.items()}
        nested = any(isinstance(item, dict | list | tuple) for item in value.values())
        return Fixed(inner) if nested and inner else inner
    if isinstance(value, list | tuple):
        return [_fixed(item) for item in value]
    return value


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOCUMENT, min_size=1, max_size=4))
def test_a_fixed_value_is_written_as_its_value_at_every_depth_and_again(items: list[Any]) -> None:
    """A Fixed's text is made once for each depth and reused: the document written twice, and an
    item at a time, is json.dumps's of the plain document."""
    fixed = _fixed(items)
    shared = {"again": fixed, "nested": {"deeper": [fixed]}}
    expected = {"again": items, "nested": {"deeper": [items]}}
    assert dumps(shared) == dumps(shared) == reference(expected)
    assert "[\n  " + ",\n  ".join(map(dumps_item, fixed)) + "\n]" == reference(items)


def test_a_fixed_value_in_a_document_left_to_json_is_its_value() -> None:
    block = Fixed({"source": "TGO", "kg_per_unit": {"CO2": 2.7}})
    document = {1: "an int key: json.dumps writes this one", "factor": block}
    assert dumps(document) == reference({1: "an int key: json.dumps writes this one", "factor": block.value})
    assert dumps_item(document) == reference(document | {"factor": block.value}).replace("\n", "\n  ")
