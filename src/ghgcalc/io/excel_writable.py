"""What an inventory workbook cannot hold of a document's lines and custom factors, refused by name.

`ghgcalc convert` writes a document as it is, not validated, so that a workbook reports the same
problems as the YAML. A key the Activities or Custom factors sheet has no column for, an item that
is not a mapping, or a list given where one value belongs would not be reported: it would be
dropped, and the workbook would compute without the line (`ammount:`) or otherwise (`Scope: 3`).
"""

from __future__ import annotations

from typing import Any, NoReturn

from ghgcalc.errors import UsageError, visible
from ghgcalc.i18n import N_, tr

_HINT = N_("correct it in the YAML; ghgcalc validate shows the problem. Nothing was written")
# The fields that may be a list or a mapping: the writer lays them out in columns of their own.
_NESTED = {"activities": ("amount", "data_quality", "uncertainty"), "custom_factors": ("kg", "uncertainty")}


def check(document: dict[str, Any], columns: dict[str, frozenset[str]]) -> None:
    """Raise UsageError for a period of dates with other keys (a fiscal year too: which is meant?),
    or the first line or custom factor the sheets cannot hold.

    `columns` gives the fields each of `activities` and `custom_factors` has columns for; every
    field but those of _NESTED is one value."""
    period = document.get("period")
    if isinstance(period, dict) and ("start" in period or "end" in period) and not set(period) <= {"start", "end"}:
        _refuse(
            tr(
                "period has the keys {keys}; a workbook has rows for its start and end, or for a fiscal year",
                keys=", ".join(sorted(map(str, period))),
            )
        )
    for field in ("custom_factors", "activities"):
        items = document.get(field)
        if items is None:
            continue
        if not isinstance(items, list):
            _refuse(tr("{field} is {value}, not a list", field=field, value=_shown(items)))
        for number, item in enumerate(items, start=1):
            _check_item(field, number, item, columns[field])


def _check_item(field: str, number: int, item: Any, columns: frozenset[str]) -> None:
    factor = field == "custom_factors"
    what = tr("custom factor {number}", number=number) if factor else tr("activity {number}", number=number)
    if item is None:  # a '-' with nothing after it
        _refuse(tr("{item} is empty", item=what))
    if not isinstance(item, dict):
        _refuse(tr("{item} is {value}, not a mapping", item=what, value=_shown(item)))
    what = f"{what} ({visible(str(item.get('key' if factor else 'activity')))!r})"
    unknown = sorted(str(key) for key in item if key not in columns)
    if unknown:
        keys = ", ".join(repr(visible(key)) for key in unknown)
        _refuse(tr("{item} has {keys}, which a workbook has no column for", item=what, keys=keys))
    for key, value in item.items():
        if key not in _NESTED[field] and isinstance(value, list | dict):
            _refuse(tr("{item}: {field} is {value}, not one value", item=what, field=key, value=_shown(value)))


def _shown(value: Any) -> str:
    return visible(repr(value))[:60]


def _refuse(message: str) -> NoReturn:
    raise UsageError(message, tr(_HINT))
