"""JSON with an indent of two, byte for byte as json.dumps(value, ensure_ascii=False, indent=2,
allow_nan=False) writes it, without json's pure-Python encoder (which any indent selects).

A container of plain values (text, numbers, booleans, null) is written by json's C encoder with
its depth's line break and indent as the separator between items; only containers that hold
containers are walked here. A value of any other kind (a key that is not text, a subclass of a
plain type) leaves the whole document to json.dumps itself. tests/io/test_json_text.py compares
the two on random documents.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

_PLAIN = frozenset({str, int, float, bool, type(None)})
_TEXT = frozenset({str})
_encoders: dict[int, Callable[[Any], str]] = {}  # depth -> C encoder of a plain container at that depth


class _Unusual(Exception):
    """A value this writer leaves to json.dumps."""


class Fixed:
    """A container written as json writes `value`, whose text at each depth is worked out once and
    reused: one value in thousands of records of a run (a factor's block in every line it gives).
    `value` must not change once it is made."""

    __slots__ = ("texts", "value")

    def __init__(self, value: dict[str, Any] | list[Any]) -> None:
        self.value = value
        self.texts: dict[int, str] = {}


def _unfixed(value: Any) -> Any:
    """json.dumps's `default` where this writer leaves a document to it: a Fixed is its value."""
    if type(value) is Fixed:
        return value.value
    return _refuse(value)


def dumps(value: Any) -> str:
    chunks: list[str] = []
    try:
        _write(value, 0, chunks, set())
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False, default=_unfixed)
    return "".join(chunks)  # once: a 100,000-line result is 130 MB of text


def dumps_item(value: Any) -> str:
    """`value` as an item of an array that `dumps` writes: the text that follows the array's "[\n  "
    or an item's ",\n  ", byte for byte (an array can so be written an item at a time)."""
    chunks: list[str] = []
    try:
        _write(value, 1, chunks, set())
    except _Unusual:  # json writes no line break inside a text: each line moves in by one indent
        text = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False, default=_unfixed)
        return text.replace("\n", "\n  ")
    return "".join(chunks)


def _plain_encoder(depth: int) -> Callable[[Any], str]:
    found = _encoders.get(depth)
    if found is None:
        separator = ",\n" + "  " * depth
        if c_make_encoder is None:  # a Python without json's C part
            found = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(separator, ": ")).encode
        else:  # as JSONEncoder.encode makes it for one call, made once
            chunks = c_make_encoder(None, _refuse, encode_basestring, None, ": ", separator, False, False, False)
            found = functools.partial(_joined, chunks)
        _encoders[depth] = found
    return found


def _joined(chunks: Callable[[Any, int], Any], value: Any) -> str:
    return "".join(chunks(value, 0))


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is float:
        if not math.isfinite(value):
            raise ValueError("Out of range float values are not JSON compliant: " + repr(value))
        return float.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    raise _Unusual


def _write(value: Any, depth: int, out: list[str], open_containers: set[int]) -> None:
    kind = type(value)
    if kind is Fixed:
        text = value.texts.get(depth)
        if text is None:
            made: list[str] = []
            _write(value.value, depth, made, open_containers)
            text = value.texts[depth] = "".join(made)
        out.append(text)
        return
    if kind is not dict and kind is not list and kind is not tuple:
        out.append(_scalar(value))
        return
    if not value:
        out.append("{}" if kind is dict else "[]")
        return
    if kind is dict and not _TEXT.issuperset(map(type, value)):
        raise _Unusual  # json turns other keys into text its own way
    if _PLAIN.issuperset(map(type, value.values() if kind is dict else value)):
        text = _plain_encoder(depth + 1)(value)
        # "{" first item ... last item "}" as json indents them: each on its line, the closing one back
        out.append(text[0] + "\n" + "  " * (depth + 1) + text[1:-1] + "\n" + "  " * depth + text[-1])
        return
    marker = id(value)
    if marker in open_containers:
        raise ValueError("Circular reference detected")
    open_containers.add(marker)
    out.append(("{" if kind is dict else "[") + "\n" + "  " * (depth + 1))
    _items(value, depth + 1, out, open_containers)
    out.append("\n" + "  " * depth + ("}" if kind is dict else "]"))
    open_containers.discard(marker)


def _items(container: Any, depth: int, out: list[str], open_containers: set[int]) -> None:
    """The items of a container at `depth` that holds containers, with json's separators: each run
    of plain items written at once by the C encoder, each container item by _write."""
    plain = _plain_encoder(depth)
    separator = ",\n" + "  " * depth
    first = True
    if type(container) is dict:
        run: dict[str, Any] = {}
        for key, item in container.items():
            if type(item) in _PLAIN:
                run[key] = item
                continue
            if run:
                if not first:
                    out.append(separator)
                out.append(plain(run)[1:-1])
                run = {}
                first = False
            if not first:
                out.append(separator)
            out.append(encode_basestring(key) + ": ")
            _write(item, depth, out, open_containers)
            first = False
        if run:
            if not first:
                out.append(separator)
            out.append(plain(run)[1:-1])
        return
    values: list[Any] = []
    for item in container:
        if type(item) in _PLAIN:
            values.append(item)
            continue
        if values:
            if not first:
                out.append(separator)
            out.append(plain(values)[1:-1])
            values = []
            first = False
        if not first:
            out.append(separator)
        _write(item, depth, out, open_containers)
        first = False
    if values:
        if not first:
            out.append(separator)
        out.append(plain(values)[1:-1])
