"""Excel reads what the officer sees (issue 10 §6, and the period check of §8).

Month headers as officers write them are understood, or refused at their cell; a month twice,
missing or outside the period is an error; error cells (#DIV/0!) are errors, not empty rows;
a second activity sheet, hidden rows and hidden columns are said; custom-factor rows that disagree
are errors; .xlsm counts in folders; a tiny workbook declaring a huge sheet, or a path that is not
a regular file, is refused before anything is laid out. Workbooks are built with openpyxl in
tmp_path; the hostile ones are patched at the XML level, as an attacker would write them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import INPUT_ERRORS, Printed, Run, ghgcalc, ghgcalc_process, issues, snapshot

PERIOD_ORDER = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)  # FY2567: October 2023 to September 2024
EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
TH_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
FIRST = ["Activity / กิจกรรม", "Scope / ประเภท", "Label / รายละเอียด", "Unit / หน่วย"]  # columns A-D


def fiscal_year(month: int) -> int:
    """The C.E. year of a month of FY2567."""
    return 2023 if month >= 10 else 2024


def value_of(month: int) -> int:
    return 100 + month  # each month its own amount, so a month read into the wrong place shows


@dataclass
class Book:
    """An inventory workbook: the Inventory fields, the Activities header and rows, more sheets."""

    headers: list[Any] = field(default_factory=lambda: [f"{EN[m - 1]} / {TH[m - 1]}" for m in PERIOD_ORDER])
    months: list[int] = field(default_factory=lambda: list(PERIOD_ORDER))  # the month each header names
    period: Any = "FY2567"
    rows: list[list[Any]] | None = None  # default: one electricity row with every month filled
    total: bool = True
    extra: dict[str, list[list[Any]]] = field(default_factory=dict)  # more sheets: name -> rows
    edit: Callable[[Any], None] | None = None  # a last change with openpyxl

    def save(self, path: Path) -> Path:
        wb = openpyxl.Workbook()
        inventory = wb.active
        inventory.title = "Inventory"
        inventory.append(["Field / รายการ", "Value / ค่า"])
        for key, value in (("ghgcalc", 1), ("name", "Town"), ("period", self.period), ("factors", "tgo-cfo")):
            inventory.append([key, value])
        acts = wb.create_sheet("Activities")
        acts.append([*FIRST, *self.headers, *(["Total / รวม"] if self.total else [])])
        rows = self.rows
        if rows is None:
            rows = [["electricity-grid", None, "Office", "kWh", *[value_of(m) for m in self.months]]]
        for row in rows:
            acts.append(row)
        for name, sheet_rows in self.extra.items():
            sheet = wb.create_sheet(name)
            for row in sheet_rows:
                sheet.append(row)
        if self.edit:
            self.edit(wb)
        wb.save(path)
        return path


def patch(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part of the zip, as a hostile or unusual writer would have written it."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, change(data) if item.filename == member else data)
    path.write_bytes(out.getvalue())


ACTIVITIES_XML = "xl/worksheets/sheet2.xml"  # openpyxl writes the sheets in order: Inventory, Activities


def run_on(tmp_path: Path, name: str = "town.xlsx", *, process: bool = False) -> Run:
    before = snapshot(tmp_path)
    runner = ghgcalc_process if process else ghgcalc
    run = runner(tmp_path, "compute", name, "-f", "json")
    assert snapshot(tmp_path) == before, "a run changed a file"
    return run


def expect(
    run: Run,
    code: str,
    where: str | None,
    *,
    severity: str = "error",
    hint: str | None = None,
    message: str | None = None,
) -> Printed:
    """The issue printed at `where` (file[sheet]!cell), and the exit code that goes with it."""
    assert run.code == (INPUT_ERRORS if severity == "error" else 0), run
    found = [p for p in issues(run.stderr) if p.code == code and p.severity == severity and p.location == where]
    assert found, f"expected {severity}[{code}] at {where}\n{run}"
    printed = found[0]
    if hint is not None:
        assert printed.hint and hint.lower() in printed.hint.lower(), f"expected a hint with {hint!r}\n{run}"
    if message is not None:
        assert message.lower() in printed.message.lower(), f"expected a message with {message!r}\n{run}"
    if severity == "error":
        assert run.stdout.strip() in ("", "[]"), run
    return printed


# --------------------------------------------------------------------------------------------
# Month headers that are understood: the months land where their names say


def _thai2(m: int) -> str:
    return f"{TH[m - 1]} {str(fiscal_year(m) + 543)[2:]}"


UNDERSTOOD: dict[str, Book] = {
    "thai-two-digit-be-year": Book(headers=[_thai2(m) for m in PERIOD_ORDER]),
    "thai-four-digit-be-year-no-space": Book(headers=[f"{TH[m - 1]}{fiscal_year(m) + 543}" for m in PERIOD_ORDER]),
    "thai-full-name-and-year": Book(headers=[f"{TH_FULL[m - 1]} {fiscal_year(m) + 543}" for m in PERIOD_ORDER]),
    "english-mmm-yy": Book(headers=[f"{EN[m - 1]}-{str(fiscal_year(m))[2:]}" for m in PERIOD_ORDER]),
    "english-mmm-yyyy": Book(headers=[f"{EN[m - 1]} {fiscal_year(m)}" for m in PERIOD_ORDER]),
    "numeric-mm-yyyy": Book(headers=[f"{m}/{fiscal_year(m)}" for m in PERIOD_ORDER]),
    "date-cells": Book(headers=[dt.datetime(fiscal_year(m), m, 1) for m in PERIOD_ORDER]),
    "thai-abbreviation-without-dots": Book(headers=[TH[m - 1].replace(".", "") for m in PERIOD_ORDER]),
}


@pytest.mark.parametrize("book", UNDERSTOOD.values(), ids=UNDERSTOOD.keys())
def test_month_headers_as_officers_write_them_are_read(tmp_path: Path, book: Book) -> None:
    book.save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    assert run.code == 0, run
    assert not issues(run.stderr), run
    line = json.loads(run.stdout)["lines"][0]
    assert line["monthly"] == [value_of(m) for m in PERIOD_ORDER]


def test_calendar_ordered_columns_in_a_fiscal_year_are_placed_by_name_and_warned(tmp_path: Path) -> None:
    calendar = list(range(1, 13))
    Book(headers=[f"{EN[m - 1]} / {TH[m - 1]}" for m in calendar], months=calendar).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(
        run,
        "period-months-mismatch",
        "town.xlsx[Inventory]!B4",
        severity="warning",
        hint="write 2567",
        message="January",
    )
    assert json.loads(run.stdout)["lines"][0]["monthly"] == [value_of(m) for m in PERIOD_ORDER]


def test_a_bare_year_in_a_fiscal_workbook_is_warned_with_the_fiscal_year(tmp_path: Path) -> None:
    Book(period=2567).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    printed = expect(run, "period-months-mismatch", "town.xlsx[Inventory]!B4", severity="warning", hint="FY2567")
    assert "October" in printed.message


def test_extra_empty_month_columns_outside_a_short_period_are_fine(tmp_path: Path) -> None:
    calendar = list(range(1, 13))
    rows = [["electricity-grid", None, "Office", "kWh", *[value_of(m) if m <= 6 else None for m in calendar]]]
    edit = _period_dates(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    Book(headers=[EN[m - 1] for m in calendar], months=calendar, rows=rows, edit=edit).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    assert run.code == 0, run
    assert json.loads(run.stdout)["lines"][0]["monthly"] == [value_of(m) for m in range(1, 7)]


def _period_dates(start: dt.date, end: dt.date) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        sheet = wb["Inventory"]
        sheet["A4"], sheet["B4"] = "period_start", dt.datetime(start.year, start.month, start.day)
        sheet.append(["period_end", dt.datetime(end.year, end.month, end.day)])

    return edit


# --------------------------------------------------------------------------------------------
# Month headers refused at their cell: never a column silently dropped


@dataclass(frozen=True)
class HeaderCase:
    book: Book
    code: str
    cell: str
    hint: str
    message: str = ""


def _with(header_at: int, text: Any, **extra: Any) -> Book:
    headers: list[Any] = [f"{EN[m - 1]} / {TH[m - 1]}" for m in PERIOD_ORDER]
    headers[header_at] = text
    return Book(headers=headers, **extra)


def _short_period_with_july_filled() -> Book:
    calendar = list(range(1, 13))
    rows = [["electricity-grid", None, "Office", "kWh", *[value_of(m) if m <= 7 else None for m in calendar]]]
    edit = _period_dates(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    return Book(headers=[EN[m - 1] for m in calendar], months=calendar, rows=rows, edit=edit)


def _eleven_months() -> Book:
    months = [m for m in PERIOD_ORDER if m != 3]
    return Book(headers=[f"{EN[m - 1]} / {TH[m - 1]}" for m in months], months=months)


HEADER_ERRORS: dict[str, HeaderCase] = {
    "two-digit-numeric-year": HeaderCase(_with(0, "10/23"), "month-header-invalid", "E1", "four-digit"),
    "misspelt-month": HeaderCase(_with(1, "Novembr 2023"), "month-header-invalid", "F1", "ต.ค. 2566"),
    "two-months-in-one-header": HeaderCase(_with(2, "Dec / ม.ค."), "month-header-invalid", "G1", "Oct", "2 different"),
    "month-thirteen": HeaderCase(_with(0, "13/2023"), "month-header-invalid", "E1", "10/2023"),
    "year-outside-the-period": HeaderCase(
        _with(0, "Oct 2022"),
        "month-outside-period",
        "E1",
        "correct the year",
        "October 2565",  # as FY2567 is written
    ),
    "thai-year-outside-the-period": HeaderCase(
        _with(0, "ต.ค. 2565"), "month-outside-period", "E1", "correct the year", "October 2565"
    ),
    "date-cell-a-year-early": HeaderCase(
        _with(0, dt.datetime(2022, 10, 1)), "month-outside-period", "E1", "correct the year"
    ),
    "the-same-month-twice": HeaderCase(_with(1, "Oct"), "month-duplicate", "F1", "one column per month", "E1 and F1"),
    "a-dated-month-twice": HeaderCase(
        Book(headers=[*(f"{EN[m - 1]} {fiscal_year(m)}" for m in PERIOD_ORDER), "Oct 2023"]),
        "month-duplicate",
        "Q1",
        "one column per month",
        "E1 and Q1",
    ),
    "eleven-month-columns": HeaderCase(
        _eleven_months(), "month-missing", "E1", "a column for each month", "March 2567"
    ),
    "filled-month-outside-a-short-period": HeaderCase(
        _short_period_with_july_filled(), "month-outside-period", "K1", "move the amounts", "July"
    ),
}


@pytest.mark.parametrize("case", HEADER_ERRORS.values(), ids=HEADER_ERRORS.keys())
def test_month_headers_that_cannot_be_placed_are_errors_at_their_cell(tmp_path: Path, case: HeaderCase) -> None:
    case.book.save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(run, case.code, f"town.xlsx[Activities]!{case.cell}", hint=case.hint, message=case.message or None)


# --------------------------------------------------------------------------------------------
# Error cells are errors naming the cell, not empty rows


def _error_in(cell: str, error: str, sheet: str = "Activities") -> Book:
    def edit(wb: Any) -> None:
        wb[sheet][cell] = error  # openpyxl writes an error value as Excel does: <c t="e"><v>#REF!</v></c>

    return Book(edit=edit)


ERROR_CELLS: dict[str, tuple[Book, str, str, str]] = {
    "div0-in-a-month": (_error_in("F2", "#DIV/0!"), "Activities", "F2", "division by zero"),
    "ref-in-the-total": (_error_in("Q2", "#REF!"), "Activities", "Q2", "deleted"),
    "na-in-the-activity-key": (_error_in("A2", "#N/A"), "Activities", "A2", "lookup"),
    "value-in-the-unit": (_error_in("D2", "#VALUE!"), "Activities", "D2", "arithmetic on text"),
    "ref-in-the-period": (_error_in("B4", "#REF!", "Inventory"), "Inventory", "B4", "deleted"),
}


@pytest.mark.parametrize("case", ERROR_CELLS.values(), ids=ERROR_CELLS.keys())
def test_error_cells_are_errors_naming_the_cell(tmp_path: Path, case: tuple[Book, str, str, str]) -> None:
    book, sheet, cell, hint = case
    book.save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(run, "cell-error", f"town.xlsx[{sheet}]!{cell}", hint=hint)
    assert "amount-empty" not in run.stderr


def test_an_error_cell_written_by_another_program_is_found(tmp_path: Path) -> None:
    """A formula with a cached error, attributes in another order and single quotes."""
    path = Book().save(tmp_path / "town.xlsx")
    patch(
        path,
        ACTIVITIES_XML,
        lambda x: re.sub(rb'<c r="G2"[^>]*>.*?</c>', b"<c t='e' r='G2'><f>1/0</f><v>#DIV/0!</v></c>", x),
    )
    run = run_on(tmp_path)
    expect(run, "cell-error", "town.xlsx[Activities]!G2", message="#DIV/0!")


def test_an_error_in_a_labelled_subtotal_row_is_not_read(tmp_path: Path) -> None:
    rows = [
        ["electricity-grid", None, "Office", "kWh", *[value_of(m) for m in PERIOD_ORDER]],
        ["Total", None, None, None, *[None] * 12, "#REF!"],
    ]
    Book(rows=rows).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    assert run.code == 0 and "cell-error" not in run.stderr, run


# --------------------------------------------------------------------------------------------
# Sheets, hidden rows and hidden columns


ACTIVITY_ROWS = [
    [*FIRST, "Total / รวม"],
    ["paper", 3, "Paper", "kg", 10],
]


def test_a_second_activities_sheet_in_thai_is_ambiguous(tmp_path: Path) -> None:
    Book(extra={"กิจกรรม": ACTIVITY_ROWS}).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(run, "sheet-ambiguous", "town.xlsx[กิจกรรม]!A1", hint="one sheet", message="Activities")


def test_another_sheet_with_activities_is_warned(tmp_path: Path) -> None:
    Book(extra={"Sheet2": ACTIVITY_ROWS}).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(run, "sheet-ignored", "town.xlsx[Sheet2]!A1", severity="warning", hint="move its rows")


def test_a_sheet_of_notes_is_not_mistaken_for_activities(tmp_path: Path) -> None:
    Book(extra={"Notes": [["Activity keys / รหัสกิจกรรม", "Units / หน่วย"], ["paper", "kg"]]}).save(tmp_path / "t.xlsx")
    run = run_on(tmp_path, "t.xlsx")
    assert run.code == 0 and not issues(run.stderr), run


def test_activities_on_a_sheet_with_another_name_are_pointed_at(tmp_path: Path) -> None:
    def rename(wb: Any) -> None:
        wb["Activities"].title = "Sheet1"

    Book(edit=rename).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(run, "sheet-missing", "town.xlsx", hint="'Sheet1' looks like activities")


def test_a_sheet_name_with_an_invisible_character_is_still_its_sheet(tmp_path: Path) -> None:
    """'Activities' pasted with a zero-width space looks the same in Excel's tab but was not found:
    the workbook was refused for a missing Activities sheet."""

    def rename(wb: Any) -> None:
        wb["Activities"].title = "Activities\u200b"

    Book(edit=rename).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    assert run.code == 0, run
    assert json.loads(run.stdout)["lines"][0]["amount"] == sum(value_of(m) for m in PERIOD_ORDER)


def test_a_row_of_units_under_the_header_is_the_layouts_not_a_line_without_an_activity(tmp_path: Path) -> None:
    """An office's own layout names the unit under each month, `(kWh)`: the row was warned as
    'amounts but no activity'. A row whose cells hold a number with a unit is still warned."""
    units = [None, None, None, None, *["(kWh)"] * 12]
    line = ["electricity-grid", None, "Office", "kWh", *[value_of(m) for m in PERIOD_ORDER]]
    Book(rows=[units, line]).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    assert run.code == 0 and not issues(run.stderr), run
    assert [x["amount"] for x in json.loads(run.stdout)["lines"]] == [sum(value_of(m) for m in PERIOD_ORDER)]
    typed = [None, None, None, None, *["1,200 kWh"] * 12]
    Book(rows=[typed, line]).save(tmp_path / "typed.xlsx")
    assert "activity-missing" in run_on(tmp_path, "typed.xlsx").stderr


def test_a_hidden_row_with_amounts_is_warned(tmp_path: Path) -> None:
    rows = [["electricity-grid", None, f"Office {n}", "kWh", *[value_of(m) for m in PERIOD_ORDER]] for n in range(3)]

    def hide(wb: Any) -> None:
        wb["Activities"].row_dimensions[3].hidden = True

    Book(rows=rows, edit=hide).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    printed = expect(run, "row-hidden", "town.xlsx[Activities]!A3", severity="warning", hint="unhide")
    assert "rows 3)" in printed.message
    assert len(json.loads(run.stdout)["lines"]) == 3  # counted, as the warning says


def test_a_hidden_row_written_by_another_program_is_warned(tmp_path: Path) -> None:
    path = Book().save(tmp_path / "town.xlsx")
    patch(path, ACTIVITIES_XML, lambda x: x.replace(b'<row r="2"', b"<row hidden='true' r=\"2\""))
    expect(run_on(tmp_path), "row-hidden", "town.xlsx[Activities]!A2", severity="warning")


def test_a_hidden_custom_factor_row_that_is_used_is_warned(tmp_path: Path) -> None:
    """An old supplier factor hidden on the Custom factors sheet, not deleted, still replaced the
    set's factor without a word (the Activities sheet says so of its hidden rows)."""
    rows = [["my-boiler-oil", 1, "Boiler", "L", *[value_of(m) for m in PERIOD_ORDER]]]
    custom = [
        ["Key / รหัส", "Per / ต่อหน่วย", "Gas / ก๊าซ", "kg / กก.", "Source / ที่มา"],
        ["my-boiler-oil", "L", "CO2", 2.7, "supplier sheet 2024"],
        ["old-oil", "L", "CO2", 3.1, "supplier sheet 2019"],
    ]

    def hide(wb: Any) -> None:
        wb["Custom factors"].row_dimensions[3].hidden = True

    Book(rows=rows, extra={"Custom factors": custom}, edit=hide).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    printed = expect(run, "row-hidden", "town.xlsx[Custom factors]!A3", severity="warning", hint="unhide")
    assert "rows 3)" in printed.message and "custom factors" in printed.message


def test_a_hidden_month_column_with_amounts_is_warned(tmp_path: Path) -> None:
    def hide(wb: Any) -> None:
        wb["Activities"].column_dimensions["H"].hidden = True  # January

    Book(edit=hide).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    expect(run, "column-hidden", "town.xlsx[Activities]!H2", severity="warning", message="column H")


def test_cells_keep_their_address_when_the_sheet_starts_below_row_one(tmp_path: Path) -> None:
    def shift(wb: Any) -> None:
        wb["Activities"].insert_rows(1)
        wb["Activities"]["F3"] = -5

    Book(edit=shift).save(tmp_path / "town.xlsx")
    expect(run_on(tmp_path), "amount-negative", "town.xlsx[Activities]!F3")


# --------------------------------------------------------------------------------------------
# Custom factors: rows of one key must agree


def _custom(rows: list[list[Any]]) -> Book:
    activity = [["boiler-oil", None, "Boiler", "L", *[None] * 12, 100]]
    header = ["Key", "Per / ต่อหน่วย", "Gas / ก๊าซ", "kg", "Source / แหล่งที่มา", "Scope"]
    return Book(rows=activity, extra={"Custom factors": [header, *rows]})


CUSTOM: dict[str, tuple[Book, str, str, str]] = {
    "two-units-for-one-key": (
        _custom([["boiler-oil", "L", "CO2", 2.7, "Supplier", 1], ["boiler-oil", "kg", "CH4", 0.001, "Supplier", 1]]),
        "factor-conflict",
        "B3",
        "own key",
    ),
    "two-sources-for-one-key": (
        _custom([["boiler-oil", "L", "CO2", 2.7, "Supplier", 1], ["boiler-oil", "L", "CH4", 0.001, "Other", 1]]),
        "factor-conflict",
        "E3",
        "same in every row",
    ),
    "the-same-gas-twice": (
        _custom([["boiler-oil", "L", "CO2", 2.7, "Supplier", 1], ["boiler-oil", "L", "CO2", 0.3, "Supplier", 1]]),
        "gas-duplicate",
        "D3",
        "count twice",
    ),
}


@pytest.mark.parametrize("case", CUSTOM.values(), ids=CUSTOM.keys())
def test_custom_factor_rows_that_disagree_are_errors(tmp_path: Path, case: tuple[Book, str, str, str]) -> None:
    book, code, cell, hint = case
    book.save(tmp_path / "town.xlsx")
    expect(run_on(tmp_path), code, f"town.xlsx[Custom factors]!{cell}", hint=hint)


def test_custom_factor_rows_that_agree_make_one_factor(tmp_path: Path) -> None:
    rows = [["boiler-oil", "L", "CO2", 2.7, "Supplier", 1], ["boiler-oil", None, "CH4", 0.001, None, None]]
    _custom(rows).save(tmp_path / "town.xlsx")
    run = run_on(tmp_path)
    assert run.code == 0, run
    line = json.loads(run.stdout)["lines"][0]
    assert line["factor"]["kg_per_unit"] == {"CO2": 2.7, "CH4": 0.001}
    assert line["gases_t"]["CH4"] == pytest.approx(100 * 0.001 / 1000)


# --------------------------------------------------------------------------------------------
# Files: .xlsm in folders, paths that are not regular files, sheets declared huge


def test_xlsm_counts_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    Book().save(tmp_path / "in" / "town.xlsm")
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "in", "-f", "json")
    assert snapshot(tmp_path) == before
    assert run.code == 0, run
    results = json.loads(run.stdout)
    results = results if isinstance(results, list) else [results]
    assert [Path(r["source"]).name for r in results] == ["town.xlsm"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_like_a_workbook_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "town.xlsx")
    run = ghgcalc_process(tmp_path, "compute", "town.xlsx", "-f", "json", timeout=30)
    expect(run, "file-not-regular", "town.xlsx", hint="the .xlsx file itself", message="pipe")


def test_a_device_named_like_a_workbook_is_refused(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.xlsx")
    run = run_on(tmp_path, "zero.xlsx")
    expect(run, "file-not-regular", "zero.xlsx", message="device")


def _far_cell(xml: bytes, ref: bytes = b"XFD1048576", form: str = "standard") -> bytes:
    cell = {
        "standard": b'<row r="%s"><c r="%s"><v>1</v></c></row>' % (re.sub(rb"[A-Z]", b"", ref), ref),
        "single-quotes": b"<row r='%s'><c t='n' r = '%s'><v>1</v></c></row>" % (re.sub(rb"[A-Z]", b"", ref), ref),
        # no reference on the cells: calamine places them one after another from the last known cell
        "no-references": b'<row r="%s"><c r="XFC%s"><v>1</v></c><c><v>2</v></c></row>'
        % ((re.sub(rb"[A-Z]", b"", ref),) * 2),
    }[form]
    return xml.replace(b"</sheetData>", cell + b"</sheetData>")


HUGE: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "xfd1048576-beside-a1": (ACTIVITIES_XML, _far_cell, "Activities]!XFD1048576"),
    "single-quoted-and-spaced": (
        ACTIVITIES_XML,
        lambda x: _far_cell(x, form="single-quotes"),
        "Activities]!XFD1048576",
    ),
    "cells-without-references": (
        ACTIVITIES_XML,
        lambda x: _far_cell(x, form="no-references"),
        "Activities]!XFD1048576",
    ),
    "on-the-inventory-sheet": ("xl/worksheets/sheet1.xml", _far_cell, "Inventory]!XFD1048576"),
    "prefixed-namespace": (
        ACTIVITIES_XML,
        lambda x: re.sub(rb"<(/?)(worksheet|sheetData|row|c|v|is|t)\b", rb"<\1x:\2", _far_cell(x)).replace(
            b"xmlns=", b"xmlns:x="
        ),
        "Activities]!XFD1048576",
    ),
    "wide-not-tall": (ACTIVITIES_XML, lambda x: _far_cell(x, b"ZZZ2000"), "Activities]!ZZZ2000"),
}


@pytest.mark.parametrize("case", HUGE.values(), ids=HUGE.keys())
def test_a_tiny_workbook_declaring_a_huge_sheet_is_refused_before_it_is_laid_out(
    tmp_path: Path, case: tuple[str, Callable[[bytes], bytes], str]
) -> None:
    """A real process: should the check miss, calamine aborts the process, which would kill pytest."""
    member, change, where = case
    path = Book().save(tmp_path / "town.xlsx")
    patch(path, member, change)
    assert path.stat().st_size < 20_000
    run = run_on(tmp_path, process=True)
    expect(run, "sheet-too-large", f"town.xlsx[{where}", hint="delete the stray cells", message="10,000,000")


def test_a_huge_dimension_alone_is_not_a_huge_sheet(tmp_path: Path) -> None:
    """calamine lays out the cells, not the <dimension> a program declares: the workbook reads."""
    path = Book().save(tmp_path / "town.xlsx")
    patch(path, ACTIVITIES_XML, lambda x: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', x))
    run = run_on(tmp_path, process=True)
    assert run.code == 0, run


def test_a_sheet_whose_xml_is_cut_short_is_said_to_be_damaged(tmp_path: Path) -> None:
    # calamine's own message is a fragment of the XML ("t"), which tells the officer nothing
    path = Book().save(tmp_path / "town.xlsx")
    patch(path, ACTIVITIES_XML, lambda x: x[: len(x) // 2])
    run = run_on(tmp_path)
    expect(run, "xlsx-invalid", "town.xlsx", hint="save it again", message="damaged or cut short")


def test_a_header_read_once_in_a_run_is_told_again_in_each_language(tmp_path: Path) -> None:
    """Headers are read once per text in a process (a folder of workbooks repeats them): the same
    header in the next workbook, or in a run in the other language, is told again, in its words."""
    _with(2, "Dec / ม.ค.").save(tmp_path / "town.xlsx")
    _with(2, "Dec / ม.ค.").save(tmp_path / "again.xlsx")
    for name in ("town.xlsx", "again.xlsx"):
        expect(run_on(tmp_path, name), "month-header-invalid", f"{name}[Activities]!G1", message="2 different")
    thai = ghgcalc(tmp_path, "--lang", "th", "compute", "town.xlsx", "-f", "json")
    assert "month-header-invalid" in thai.stderr and "2 เดือน" in thai.stderr, thai.stderr
