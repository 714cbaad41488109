"""An inventory file read into the pydantic model, every problem located in the file."""

from __future__ import annotations

import contextlib
import difflib
import os
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from ghgcalc import units
from ghgcalc.errors import Issue, Location, Severity, is_visible, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.io import pydantic_errors
from ghgcalc.io import text as text_io
from ghgcalc.io.files import (  # noqa: F401 - re-exported
    EXCEL_SUFFIXES,
    INPUT_SUFFIXES,
    OTHER_WORKBOOK_SUFFIXES,
    YAML_SUFFIXES,
)
from ghgcalc.io.locator import Locator
from ghgcalc.io.yaml_reader import VALUE_PROBLEMS, comments_in_values, parse
from ghgcalc.models.inventory import Activity, CustomFactor, DeclaredGas, Inventory, plain_activity
from ghgcalc.records import Record, frozen

_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "activities": Activity,
    "custom_factors": CustomFactor,
    "gases": DeclaredGas,
}
SHAPE_HINT = N_("an inventory is a YAML mapping with at least: ghgcalc: 1, name, period and activities")


def display_name(path: str) -> str:
    """The name of `path` in messages and in every output: "<stdin>" for standard input, and a name
    whose bytes are not UTF-8 (a Thai name from a zip made on Windows, in TIS-620) with those bytes
    as escapes (\\xa1), since no UTF-8 output can hold them as they are."""
    if path == text_io.STDIN:
        return "<stdin>"
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by Python as lone surrogates
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


@frozen
class Reading(Record):
    """One inventory file as read: the model (None if the file has errors), positions, problems.

    When only some activities are malformed, `partial` holds the inventory of the others and
    `kept` their positions in the file, so their factors and units are checked in the same pass.
    """

    inventory: Inventory | None
    positions: Locator | None
    issues: list[Issue]
    partial: Inventory | None = None
    kept: tuple[int, ...] = ()


def read_inventory(path: str, header: bool = False) -> Reading:
    """Read and validate one inventory file, YAML or Excel. OSError propagates (the caller reports it).
    A `header` (compute table.parquet --header FILE) gets its lines from the table: it need not
    have `activities`."""
    source = display_name(path)
    if path.lower().endswith(EXCEL_SUFFIXES):
        from ghgcalc.io.excel_reader import read_workbook

        document, cells, problems = read_workbook(path, source)
        if document is None or (not document.get("activities") and any(p.is_error for p in problems)):
            return Reading(None, cells, problems)
        reading = _validated(document, cells, source)
        if cells.no_inventory:  # sheet-missing says it: not 'ghgcalc', 'name' and 'period' one by one
            found = [p for p in reading.issues if p.path or p.code != "key-missing"]
            reading = Reading(reading.inventory, reading.positions, found, reading.partial, reading.kept)
        if not any(p.is_error for p in problems):
            return Reading(reading.inventory, cells, problems + reading.issues, reading.partial, reading.kept)
        # problems only the workbook has (a total that is not its months' sum, a formula without a
        # result) are reported with the others; the rest of the file is still checked
        partial, kept = reading.partial, reading.kept
        if reading.inventory is not None:
            partial, kept = reading.inventory, tuple(range(len(reading.inventory.activities)))
        return Reading(None, cells, problems + reading.issues, partial, kept)
    try:
        # a pipe would block until something writes to it, a device (/dev/zero) never ends
        data = text_io.read_bytes(path, regular_only=True)
    except text_io.NotRegular as exc:
        refused = Issue(
            "file-not-regular",
            tr("the path is {kind}, not an inventory file", kind=tr(exc.kind)),
            Severity.ERROR,
            Location(source),
            hint=tr("give the path of the inventory file itself, or - to read standard input"),
        )
        return Reading(None, None, [refused])
    text, problem = text_io.decode(data, source)
    if problem is not None or text is None:
        return Reading(None, None, [problem] if problem else [])
    return read_inventory_text(text, source, header)


def read_document(path: str) -> dict[str, Any] | None:
    """The mapping a file holds, as written, before any field is checked (None if there is none):
    for a summary's row of a file whose fields could not be validated. OSError propagates."""
    document: object
    if path.lower().endswith(EXCEL_SUFFIXES):
        from ghgcalc.io.excel_reader import read_workbook

        document = read_workbook(path, display_name(path))[0]
    else:
        try:
            data = text_io.read_bytes(path, regular_only=True)
        except text_io.NotRegular:
            return None
        text, _problem = text_io.decode(data, display_name(path))
        document = parse(text, display_name(path))[0] if text is not None else None
    return document if isinstance(document, dict) else None


def _summary_text(text: str) -> bool:
    from ghgcalc.io.summary_file import is_summary_text  # (only for a text that starts as one may)

    return is_summary_text(text)


# the first key of each JSON document ghgcalc writes that is not an inventory (io/writers.py, reports/)
_RESULTS = ("ghgcalc_result", "ghgcalc_compare", "ghgcalc_trend", "ghgcalc_plan_result", "ghgcalc_audit")


def read_inventory_text(text: str, source: str, header: bool = False) -> Reading:
    if text.startswith(("{", "file,")) and _summary_text(text):  # a summary's JSON, JSON lines or CSV
        problem = Issue(
            "document-is-summary",
            tr("this file is a summary ghgcalc wrote (ghgcalc summary), not an inventory"),
            Severity.ERROR,
            Location(source, 1, 1),
            hint=tr("compute the inventories it summarises; write summaries outside the folder of inventories"),
        )
        return Reading(None, None, [problem])
    document, positions, issues = parse(text, source)
    if issues and all(i.code in VALUE_PROBLEMS for i in issues) and isinstance(document, dict):
        return _with_value_problems(document, positions, source, issues)
    if issues:
        return Reading(None, positions, issues)
    if not isinstance(document, dict):
        what = (
            tr("the file is empty")
            if document is None
            else tr("the file is {kind}, not a mapping", kind=pydantic_errors.kind_of(document))
        )
        problem = Issue("document-invalid", what, Severity.ERROR, Location(source, 1, 1), hint=tr(SHAPE_HINT))
        return Reading(None, positions, [problem])
    if "ghgcalc" not in document and any(key in document for key in _RESULTS):  # last year's result, not its inventory
        problem = Issue(
            "document-is-report",
            tr(
                "this file is a result ghgcalc wrote ({key}), not an inventory",
                key=next(k for k in _RESULTS if k in document),
            ),
            Severity.ERROR,
            Location(source, 1, 1),
            hint=tr(
                "give the inventory it was computed from (its source: {source}); keep results outside the folder of "
                "inventories",
                source=visible(str(document.get("source", "?"))),
            ),
        )
        return Reading(None, positions, [problem])
    if "ghgcalc_plan" in document and "ghgcalc" not in document:  # a plan given as an inventory
        problem = Issue(
            "document-is-plan",
            tr("this file is a reduction plan (ghgcalc_plan:), not an inventory"),
            Severity.ERROR,
            Location(source, 1, 1),
            hint=tr("project it with: ghgcalc plan {file}; check it with: ghgcalc validate {file}", file=source),
        )
        return Reading(None, positions, [problem])
    if header and "activities" not in document:
        document = {**document, "activities": []}
    reading = _validated(document, positions, source)
    reading.issues.extend(comments_in_values(text, source))
    return reading


def _with_value_problems(document: dict[str, Any], positions: Locator, source: str, issues: list[Issue]) -> Reading:
    """A document whose only YAML problems are in single values (a list split by thousands commas):
    the rest is validated and checked in the same pass, without the activities those values are in."""
    activities = document.get("activities")
    bad = {i.path[1] for i in issues if len(i.path) >= 3 and i.path[0] == "activities" and isinstance(i.path[1], int)}
    if not isinstance(activities, list) or len(bad) < len({i.path for i in issues}):
        return Reading(None, positions, issues)  # a problem outside the activities: nothing more to check
    # each bad value stands in as 1 so that the other fields of its line are still checked in place
    patched = [
        _patched(a, [i.path[2:] for i in issues if i.path[1] == n]) if n in bad else a for n, a in enumerate(activities)
    ]
    reading = _validated({**document, "activities": patched}, positions, source)
    usable = range(len(activities)) if reading.inventory is not None else reading.kept
    kept = tuple(n for n in usable if n not in bad)
    partial = None
    with contextlib.suppress(ValidationError):
        partial = Inventory.model_validate({**document, "activities": [activities[n] for n in kept]})
    found = sorted([*issues, *reading.issues], key=lambda i: i.location.order if i.location else ("", 0, 0))
    return Reading(None, positions, found, partial, kept if partial is not None else ())


def _patched(activity: Any, fields: list[tuple[str | int, ...]]) -> Any:
    if not isinstance(activity, dict):
        return activity
    copy = dict(activity)
    for field in fields:
        if len(field) == 1 and isinstance(field[0], str):
            copy[field[0]] = 1
    return copy


def _validated(document: dict[str, Any], positions: Locator, source: str) -> Reading:
    activities = document.get("activities")
    if type(activities) is list:
        # plainly valid lines built directly (pydantic takes them as they are); the others it validates
        built = [plain_activity(item) for item in activities]
        document = {**document, "activities": [a if b is None else b for a, b in zip(activities, built, strict=True)]}
    try:
        return Reading(Inventory.model_validate(document), positions, [])
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = [i for e in _misspelt_not_missing(errors) for i in _issues(e, positions)]
        partial, kept = _without_bad_activities(document, errors)
        return Reading(None, positions, problems, partial, kept)


def _misspelt_not_missing(errors: list[Any]) -> list[Any]:
    """pydantic's errors less "'activities' is required" where an unknown key beside it is a
    misspelling of it (`activites:`): one mistake, said once, where it is, with its "did you mean"."""
    unknown = [(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden" and e["loc"]]
    if not unknown:
        return errors

    def misspelt(err: Any) -> bool:
        if err["type"] != "missing" or not err["loc"]:
            return False
        parent, name = tuple(err["loc"][:-1]), str(err["loc"][-1])
        return any(at == parent and difflib.get_close_matches(key, [name], n=1) for at, key in unknown)

    return [e for e in errors if not misspelt(e)]


def _without_bad_activities(document: dict[str, Any], errors: list[Any]) -> tuple[Inventory | None, tuple[int, ...]]:
    """The inventory less its malformed activities, if every error lies inside an activity."""
    activities = document.get("activities")
    if not isinstance(activities, list):
        return None, ()
    bad = set()
    for err in errors:
        loc = err["loc"]
        if len(loc) < 2 or loc[0] != "activities" or not isinstance(loc[1], int):
            return None, ()
        bad.add(loc[1])
    kept = tuple(i for i in range(len(activities)) if i not in bad)
    try:
        return Inventory.model_validate({**document, "activities": [activities[i] for i in kept]}), kept
    except ValidationError:
        return None, ()


def _model_for(path: tuple[Any, ...]) -> type[BaseModel]:
    """The model whose keys are valid at `path`: a section's item, or a mapping inside it
    (`activities.3.data_quality` is a DataQuality, `organization.preparer` a Person)."""
    model: type[BaseModel] = Inventory
    names: tuple[Any, ...] = path
    if len(path) >= 2 and path[0] in _SECTION_MODELS and isinstance(path[1], int):
        model, names = _SECTION_MODELS[path[0]], path[2:]
    for name in names:
        if isinstance(name, int):
            continue  # an item of a list: its model is the list's
        inner = _inner_model(model, name)
        if inner is None:
            break
        model = inner
    return model


def _inner_model(model: type[BaseModel], name: object) -> type[BaseModel] | None:
    """The model of field `name` of `model`, if that field holds one (Optional and Annotated seen through)."""
    field = model.model_fields.get(str(name))
    if field is None:
        return None
    todo: list[Any] = [field.annotation]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
        todo.extend(typing.get_args(kind))
    return None


def _home(model: type[BaseModel], name: str) -> str | None:
    """The one field of `model` that holds a mapping where `name` is a key (Inventory's
    `organization` for `code`), or None: no such field, or `name` is also a key of another, or of
    the items of a list (`unit`, an activity's too)."""
    homes: set[str] = set()
    for field_name, field in model.model_fields.items():
        todo: list[tuple[Any, bool]] = [(field.annotation, False)]
        while todo:
            kind, in_items = todo.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                if name in kind.model_fields:
                    homes.add(field_name if not in_items else "")
                continue
            items = in_items or typing.get_origin(kind) in (list, dict)
            todo.extend((inner, items) for inner in typing.get_args(kind))
    if len(homes) != 1:
        return None
    (home,) = homes
    return home or None  # "": the items of a list


def _issues(err: Any, positions: Locator) -> list[Issue]:
    ctx = err.get("ctx") or {}
    if err["type"] == "amount-invalid-months":
        path = positions.resolve(tuple(err["loc"]))
        return [
            Issue(
                code,
                tr("month {number}: {problem}", number=index + 1, problem=message),
                Severity.ERROR,
                positions.locate((*path, index)),
                (*path, index),
                hint,
            )
            for index, code, message, hint in ctx["months"]
        ]
    return [validation_issue(err, positions)]


def validation_issue(
    err: Any, positions: Locator, model_for: Callable[[tuple[Any, ...]], type[BaseModel]] | None = None
) -> Issue:
    """One pydantic error as an issue at its place in the file, in our words (io/pydantic_errors.py)."""
    kind: str = err["type"]
    path = positions.resolve(tuple(err["loc"]))
    models = model_for or _model_for
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        fields = sorted(models(path[:-1] if path else ()).model_fields)
        close = difflib.get_close_matches(name, fields, n=1)
        home = None if close else _home(models(path[:-1] if path else ()), name)
        if close:
            hint = tr("did you mean '{name}'?", name=close[0])
        elif home is not None:  # `code:` at the top instead of under `organization:`
            hint = tr("'{name}' belongs under '{home}:': write it below '{home}:', indented", name=name, home=home)
        else:
            hint = tr("the keys here are: {keys}", keys=", ".join(fields))
        message = tr("unknown key '{name}'", name=visible(name))
        return Issue("key-unknown", message, Severity.ERROR, positions.locate(path, at_key=True), path, hint)
    if kind == "missing":
        name = str(err["loc"][-1])
        if path:
            hint = tr("add {name}: here (in a workbook, fill in its cell)", name=visible(name))
        elif hasattr(positions, "no_inventory"):  # a workbook (ExcelPositions)
            hint = tr(
                "fill in the row '{name}' of the Inventory sheet: the field in column A, its value in column B",
                name=visible(name),
            )
        else:
            hint = tr(SHAPE_HINT)
        return Issue(
            "key-missing",
            tr("'{name}' is required", name=visible(name)),
            Severity.ERROR,
            positions.locate(path),
            path,
            hint,
        )
    code = kind if "-" in kind else _CODES.get(kind, "value-invalid")
    keys = sorted(models(path).model_fields) if kind in ("model_type", "model_attributes_type") else None
    message, advice = pydantic_errors.message(err, keys)
    if kind == "literal_error" and err["loc"] and err["loc"][0] == "ghgcalc":
        advice = tr("this version of ghgcalc reads inventory format 1: write 'ghgcalc: 1'")
    if kind == "string_pattern_mismatch" and not is_visible(str(err["input"])):
        lookalike = units.lookalike_hint(str(err["input"]))
        advice = f"{lookalike}; {advice}" if advice else lookalike
    if "-" in kind:  # our models' own message: say which field it is about, where it does not
        where = ".".join(str(p) for p in err["loc"] if isinstance(p, str) and p in {"period", "gwp", "kind", "ghgcalc"})
        if code == "value-invalid" and where and not message.startswith(where):
            message = f"{where}: {message}"
    return Issue(code, message, Severity.ERROR, positions.locate(path), path, advice)


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
