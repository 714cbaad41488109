"""An inventory file read into the pydantic model, every problem located in the file."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ghgcalc.errors import Issue, Location, Severity
from ghgcalc.io import text as text_io
from ghgcalc.io.yaml_reader import Positions, parse
from ghgcalc.models.inventory import Activity, CustomFactor, Inventory

_KINDS = {list: "a list", str: "a line of text", int: "a number", float: "a number", bool: "true or false"}
_SECTION_MODELS: dict[str, type[BaseModel]] = {"activities": Activity, "custom_factors": CustomFactor}
_SHAPE_HINT = "an inventory is a YAML mapping with at least: ghgcalc: 1, name, period and activities"


def display_name(path: str) -> str:
    return "<stdin>" if path == text_io.STDIN else path


def read_inventory(path: str) -> tuple[Inventory | None, Positions | None, list[Issue]]:
    """Read and validate one inventory file. OSError propagates (the caller reports it)."""
    source = display_name(path)
    data = text_io.read_bytes(path)
    text, problem = text_io.decode(data, source)
    if problem is not None or text is None:
        return None, None, [problem] if problem else []
    return read_inventory_text(text, source)


def read_inventory_text(text: str, source: str) -> tuple[Inventory | None, Positions | None, list[Issue]]:
    document, positions, issues = parse(text, source)
    if issues:
        return None, positions, issues
    if not isinstance(document, dict):
        what = "empty" if document is None else f"{_KINDS.get(type(document), 'a single value')}, not a mapping"
        return (
            None,
            positions,
            [
                Issue(
                    "document-invalid", f"the file is {what}", Severity.ERROR, Location(source, 1, 1), hint=_SHAPE_HINT
                )
            ],
        )
    try:
        return Inventory.model_validate(document), positions, []
    except ValidationError as exc:
        return None, positions, [i for e in exc.errors(include_url=False) for i in _issues(e, positions)]


def _model_for(path: tuple[Any, ...]) -> type[BaseModel]:
    if len(path) >= 2 and path[0] in _SECTION_MODELS and isinstance(path[1], int):
        return _SECTION_MODELS[path[0]]
    return Inventory


def _issues(err: Any, positions: Positions) -> list[Issue]:
    ctx = err.get("ctx") or {}
    if err["type"] == "amount-invalid-months":
        path = positions.resolve(tuple(err["loc"]))
        return [
            Issue(
                code, f"month {index + 1}: {message}", Severity.ERROR, positions.locate((*path, index)), (*path, index)
            )
            for index, code, message in ctx["months"]
        ]
    return [_issue(err, positions)]


def _issue(err: Any, positions: Positions) -> Issue:
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    path = positions.resolve(tuple(err["loc"]))
    message: str = err["msg"]
    hint = ctx.get("hint")
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        fields = sorted(_model_for(path[:-1] if path else ()).model_fields)
        close = difflib.get_close_matches(name, fields, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the keys here are: {', '.join(fields)}"
        return Issue(
            "key-unknown", f"unknown key '{name}'", Severity.ERROR, positions.locate(path, at_key=True), path, hint
        )
    if kind == "missing":
        name = str(err["loc"][-1])
        parent = path
        return Issue(
            "key-missing",
            f"'{name}' is required",
            Severity.ERROR,
            positions.locate(parent),
            parent,
            _SHAPE_HINT if not parent else None,
        )
    code = kind if "-" in kind else _CODES.get(kind, "value-invalid")
    if kind == "literal_error" and err["loc"] and err["loc"][0] == "ghgcalc":
        hint = "this version of ghgcalc reads inventory format 1: write 'ghgcalc: 1'"
    if kind == "string_pattern_mismatch":
        message = f"{err['input']!r} is not a valid key"
        hint = "a key is lowercase letters, digits, '-', '.' and '_', e.g. 'boiler-diesel'"
    where = ".".join(str(p) for p in err["loc"] if isinstance(p, str) and p in {"period", "gwp", "kind", "ghgcalc"})
    if code == "value-invalid" and where and not message.startswith(where):
        message = f"{where}: {message}"
    return Issue(code, message, Severity.ERROR, positions.locate(path), path, hint)


_CODES = {
    "string_too_short": "value-empty",
    "too_short": "value-empty",
    "literal_error": "value-invalid",
    "string_type": "type-invalid",
    "list_type": "type-invalid",
    "dict_type": "type-invalid",
    "model_type": "type-invalid",
    "float_parsing": "type-invalid",
    "float_type": "type-invalid",
    "int_type": "type-invalid",
}
