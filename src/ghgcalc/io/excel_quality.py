"""The data-quality columns of an inventory workbook (docs/excel-format.md, "Data quality columns").

A row's source tier (TGO Fr-04.1), its GPC grades, its evidence and its 95 % ranges become the
document's `data_quality`, `evidence` and `uncertainty`, as a YAML line writes them, and the
inventory model checks them as it checks YAML. Only what is particular to a cell is done here:

- a tier cell may hold TGO's label: "1st (Self collect / Supplier)" is `1st`;
- a range is one cell: a number is ±%, the text "-10/+20" is 10 % below to 20 % above;
- a number the workbook shows as a percentage (0.05 shown as 5%) is 5 %, not 0.05 %;
- a range the model refuses is reported here, at its cell, with a hint in the cell's own terms.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ghgcalc.i18n import N_, tr
from ghgcalc.io import pydantic_errors
from ghgcalc.io.excel_cells import SheetReader
from ghgcalc.io.excel_styles import percent_cells
from ghgcalc.models.inventory import LARGEST_RANGE_PCT, UncertaintyRange

# Header names of the columns (lower case, as excel_reader matches them; a trailing "%" or "(%)"
# is dropped before matching), by the document path they fill: "data_quality.source" is
# data_quality: {source: ...}.
COLUMNS: dict[str, tuple[str, ...]] = {
    "data_quality.source": ("data source", "source tier", "tier", "แหล่งข้อมูล"),
    "data_quality.activity": ("activity data quality", "activity quality", "คุณภาพข้อมูลกิจกรรม"),
    "data_quality.factor": (
        "factor quality",
        "factor data quality",
        "emission factor quality",
        "คุณภาพค่าสัมประสิทธิ์",
        "คุณภาพค่าการปล่อย",
    ),
    "evidence": ("evidence", "หลักฐาน"),
    "uncertainty.activity": ("activity uncertainty", "ความไม่แน่นอนข้อมูลกิจกรรม"),
    "uncertainty.factor": ("factor uncertainty", "ความไม่แน่นอนค่าสัมประสิทธิ์", "ความไม่แน่นอนค่าการปล่อย"),
}
RANGES = ("uncertainty.activity", "uncertainty.factor")
RANGE_HINT = N_("write the 95 % range in % of the value: 5 for ±5 %, or the text -10/+20 for 10 % below to 20 % above")
UNKNOWN_FORMAT_HINT = N_(
    "type the range as text (5, or -10/+20), or open and save the workbook in a spreadsheet program"
)

_TIER = re.compile(r"(1st|2nd|other)\b", re.I)  # TGO's labels start with the tier
_NUMBER = re.compile(r"[+-]?(?:\d+(\.\d*)?|(\.)\d+)([eE][+-]?\d+)?")  # groups: a fraction or an exponent
_CHECK: TypeAdapter[Any] = TypeAdapter(UncertaintyRange)


def tier(value: Any) -> Any:
    """A tier cell's value: TGO Fr-04.1's label read as its tier, anything else as written."""
    if isinstance(value, str) and (match := _TIER.match(value.strip())):
        return match.group(1).lower()
    return value


def _part(text: str) -> Any:
    """One side of "-10/+20": a plain number as a number, so that YAML -> xlsx -> YAML keeps it."""
    text = text.strip()
    number = _NUMBER.fullmatch(text)
    if number is None:
        return text
    return (
        int(text) if number.groups() == (None, None, None) else float(text)
    )  # Thai digits, "20%": the model reads them, or says why not


def range_value(value: Any, percent: bool) -> Any:
    """A range cell's value for the document: a number (times 100 when shown as a percentage),
    [lower, upper] from the text "lower/upper", or the text as written."""
    if type(value) in (int, float):
        if not percent:
            return value
        scaled = Decimal(repr(value)) * 100  # 0.05 -> 5 exactly, not 5.000000000000001
        return int(scaled) if scaled == scaled.to_integral_value() else float(scaled)
    if isinstance(value, str) and "/" in value:
        return [_part(side) for side in value.split("/")]
    return value


def _plainly_valid(value: Any) -> bool:
    """A range of plain numbers within the model's limits: most cells, accepted without asking the
    model twice (it validates the whole inventory afterwards all the same)."""
    if type(value) in (int, float):
        return bool(0 <= value <= LARGEST_RANGE_PCT)
    if type(value) is list and len(value) == 2 and type(value[0]) in (int, float) and type(value[1]) in (int, float):
        return bool(-100 <= value[0] <= 0 <= value[1] <= LARGEST_RANGE_PCT)
    return False


def read_range(value: Any, percent: bool | None) -> tuple[Any, tuple[str, str, str] | None]:
    """A range cell's value for the document, or None and its problem (code, message, hint).
    `percent`: whether the cell is shown as a percentage, None when the workbook does not say
    (a number is then refused, not guessed)."""
    if percent is None and type(value) in (int, float):
        message = tr(
            "cannot tell whether the number {value} is shown as a percentage (0.05 shown as 5%): "
            "the workbook does not say which cells are",
            value=repr(value),
        )
        return None, ("uncertainty-format-unknown", message, tr(UNKNOWN_FORMAT_HINT))
    value = range_value(value, bool(percent))
    if _plainly_valid(value):
        return value, None
    try:
        _CHECK.validate_python(value)  # the model's own check, as for a YAML range
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        message, _hint = pydantic_errors.message(dict(error))
        code = str(error["type"]) if "-" in str(error["type"]) else "uncertainty-invalid"
        return None, (code, message, tr(RANGE_HINT))
    return value, None


def line_fields(
    values: dict[str, Any], percent: set[str] | None
) -> tuple[dict[str, Any], list[tuple[str, str, str, str]]]:
    """The fields of one row (`values`: column path -> cell value), and its cells' problems as
    (path, code, message, hint). `percent` names the range cells shown as percentages, or is None
    when the workbook does not say."""
    fields: dict[str, Any] = {}
    problems: list[tuple[str, str, str, str]] = []
    for path, value in values.items():
        if value is None or path not in COLUMNS:
            continue
        if path in RANGES:
            value, problem = read_range(value, None if percent is None else path in percent)
            if problem is not None:
                problems.append((path, *problem))
                continue
        elif path == "data_quality.source":
            value = tier(value)
        elif path == "evidence" and not isinstance(value, str):
            value = str(value)  # a number or a date typed as evidence is its text
        group, _, name = path.partition(".")
        if name:
            fields.setdefault(group, {})[name] = value
        else:
            fields[group] = value
    return fields, problems


def percent_cells_in(
    reader: SheetReader, sheet: str, rows: list[list[Any]], columns: set[int], first: int, path: str | None
) -> set[tuple[int, int]] | None:
    """(row, column) of the cells in `columns` shown as percentages; None when the workbook does not
    say. The sheet's XML is read again only when one of those columns holds a number."""
    numbers = any(column < len(row) and type(row[column]) in (int, float) for row in rows[first:] for column in columns)
    if not numbers or path is None:
        return set()
    xml = reader.xml.get(sheet)
    if xml is None:
        return None
    try:
        return percent_cells(path, xml.member, columns)
    except (KeyError, zipfile.BadZipFile, zlib.error, ValueError, EOFError):
        return None
