"""Careless and hostile activity tables (io/tables.py): Parquet, CSV and workbooks as officers and
their scripts write them, each run through `ghgcalc compute` in-process.

Every problem is an error or warning at its place (`t.csv[row 2, amount]`, `b.xlsx[Activities]!C5`,
or the table itself for a problem of its columns), with its code; never a traceback, an exit 3 or
a silently wrong number. Numbers a table may hold ("12,500", Thai digits) are checked against a
total worked by hand from the one factor of these tests:

    grid-test: 0.5 kg CO2 per kWh (a custom factor, HEAD below), so t CO2e = kWh x 0.5 / 1000.

Files that are not what they say (random bytes named .parquet or .xlsx, a CSV in Windows-874, a
line with a comma too many, empty lines, a name DuckDB would take for a pattern) are located
errors or read as a spreadsheet shows them. Misuse of the command line (a table without --header,
--lines naming the input or another output...) is exit 2 with a hint; a table the run reads is
never written over; the lines file is written whole or not at all, and never carries a formula.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import duckdb
import openpyxl
import pytest

from tests.helpers import (
    INPUT_ERRORS,
    USAGE,
    Run,
    assert_usage_error,
    at,
    ghgcalc,
    ghgcalc_process,
    issues,
    snapshot,
    write,
)

HEAD = (
    "ghgcalc: 1\nname: Town\nperiod: 2024\n"
    "custom_factors:\n  - {key: grid-test, per: kWh, kg: {CO2: 0.5}, scope: 2, source: test}\n"
)
T_PER_KWH = 0.5 / 1000  # the factor above, in tonnes per kWh
EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


# --- writing tables and running them ------------------------------------------------------------


def inventory(tmp_path: Path, table: str) -> str:
    """inv.yaml: HEAD and `activities_table: <table>`; returns its text."""
    text = f"{HEAD}activities_table: {table}\n"
    write(tmp_path, "inv.yaml", text)
    return text


def csv_table(tmp_path: Path, text: str, name: str = "t.csv") -> str:
    write(tmp_path, name, text)
    inventory(tmp_path, name)
    return name


def parquet_table(tmp_path: Path, select: str, name: str = "t.parquet") -> str:
    duckdb.sql(f"COPY ({select}) TO '{tmp_path / name}' (FORMAT parquet)")
    inventory(tmp_path, name)
    return name


def book(tmp_path: Path, rows: list[list[object]], above: int = 0, name: str = "b.xlsx") -> str:
    """A workbook whose sheet Activities holds `rows` (the header first) below `above` rows: a
    title and an empty row, as officers lay a sheet out."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    for number in range(above):
        sheet.cell(row=number + 1, column=1, value="Electricity 2567" if number == 0 else None)
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            sheet.cell(row=above + number + 1, column=column + 1, value=value)
    workbook.save(tmp_path / name)
    inventory(tmp_path, name)
    return name


def compute(tmp_path: Path, *more: str) -> Run:
    return ghgcalc(tmp_path, "compute", "inv.yaml", "-f", "json", *more)


def total(run: Run) -> float:
    assert run.code == 0, run
    return json.loads(run.stdout)["total_t_co2e"]


def problem(run: Run, where: str, code: str, severity: str = "error", hint: str | None = None) -> str:
    """The message of the problem `code` at `where` (asserted printed), and every printed problem
    has a place."""
    printed = issues(run.stderr)
    assert all(p.location for p in printed), f"a problem without a place\n{run}"
    found = [p for p in printed if p.location == where and p.code == code and p.severity == severity]
    assert found, f"expected {severity}[{code}] at {where}\n{run}"
    if hint is not None:
        assert found[0].hint and hint.lower() in found[0].hint.lower(), f"expected a hint with {hint!r}\n{run}"
    return found[0].message


def failed(run: Run) -> None:
    assert run.code == INPUT_ERRORS, f"expected exit {INPUT_ERRORS}\n{run}"
    assert run.stdout.strip() == "", f"a result of a table with errors\n{run}"


def rows_of(code: str, run: Run) -> list[str]:
    return [p.location or "" for p in issues(run.stderr) if p.code == code and "more rows" not in p.message]


# --- columns --------------------------------------------------------------------------------------


def test_an_unknown_column_is_named_with_the_column_it_resembles(tmp_path):
    csv_table(tmp_path, "activity,unit,amout\ngrid-test,kWh,5\n")
    run = compute(tmp_path)
    failed(run)
    assert "'amout'" in problem(run, "t.csv", "table-column-unknown", hint="did you mean 'amount'?")


def test_a_column_written_twice_is_said_and_not_renamed(tmp_path):
    # DuckDB reads the second header as 'amount_1': the user wrote 'amount'
    csv_table(tmp_path, "activity,unit,amount,amount\ngrid-test,kWh,5,7\n")
    run = compute(tmp_path)
    failed(run)
    assert "'amount'" in problem(run, "t.csv", "table-column-twice")
    assert "amount_1" not in run.stderr


@pytest.mark.parametrize(
    ("header", "row", "missing"),
    [
        ("unit,amount", "kWh,5", "'activity'"),
        ("activity,amount", "grid-test,5", "'unit'"),
        ("activity,unit,label", "grid-test,kWh,Town hall", "'amount'"),
    ],
)
def test_a_table_without_a_required_column_is_refused(tmp_path, header, row, missing):
    csv_table(tmp_path, f"{header}\n{row}\n")
    run = compute(tmp_path)
    failed(run)
    assert missing in problem(run, "t.csv", "table-column-missing", hint="")


def test_a_trailing_comma_on_every_line_is_no_column_but_an_untitled_column_with_values_is(tmp_path):
    csv_table(tmp_path, "activity,unit,amount,\ngrid-test,kWh,1000,\n")
    assert total(compute(tmp_path)) == pytest.approx(1000 * T_PER_KWH)
    csv_table(tmp_path, "activity,unit,amount,\ngrid-test,kWh,1000,7\n")
    run = compute(tmp_path)
    failed(run)
    assert "without a header" in problem(run, "t.csv", "table-column-unknown")


# --- numbers --------------------------------------------------------------------------------------


def test_thousands_commas_and_thai_digits_are_read(tmp_path):
    # 12,500 + ๑๒,๕๐๐ (12,500 in Thai digits) + 1,000.5 = 26,000.5 kWh; x 0.5 kg/kWh = 13.00025 t
    rows = '"12,500"', '"๑๒,๕๐๐"', '"1,000.5"'
    csv_table(tmp_path, "activity,unit,amount\n" + "".join(f"grid-test,kWh,{amount}\n" for amount in rows))
    run = compute(tmp_path)
    assert total(run) == pytest.approx(13.00025, rel=1e-12)
    assert json.loads(run.stdout)["lines"][0]["amount"] == pytest.approx(26000.5, rel=1e-12)


def test_numbers_as_people_write_them_are_read(tmp_path):
    # +5, " 5 ", .5, 5. and 1,000,000.5 kWh = 1,000,016 kWh; x 0.5 kg/kWh = 500.008 t
    rows = "+5", " 5 ", ".5", "5.", '"1,000,000.5"'
    csv_table(tmp_path, "activity,unit,amount\n" + "".join(f"grid-test,kWh,{amount}\n" for amount in rows))
    assert total(compute(tmp_path)) == pytest.approx(500.008, rel=1e-12)


def test_a_decimal_comma_is_an_error_with_the_dot_to_write(tmp_path):
    # "0,84" may be 0.84 (a European decimal comma) or 84 (a misplaced thousands comma): never guessed
    csv_table(tmp_path, 'activity,unit,amount\ngrid-test,kWh,1\ngrid-test,kWh,"0,84"\n')
    run = compute(tmp_path)
    failed(run)
    assert "0,84" in problem(run, "t.csv[row 2, amount]", "amount-invalid", hint="0.84")


BAD_NUMBERS = [
    ("abc", "amount-invalid", "not a number"),
    ("2024-01-05", "amount-invalid", "date"),
    ("NaN", "amount-not-finite", "finite"),
    ("inf", "amount-not-finite", "finite"),
    ("-5", "amount-negative", "negative"),
    ("2e15", "amount-too-large", "large"),
    ("true", "amount-invalid", "not a number"),
    ("1e309", "amount-too-large", "large"),  # beyond a double: too large, as in a YAML file
    ("5 kWh", "amount-invalid", "unit"),
    ("0x10", "amount-invalid", "hexadecimal"),
    ("1_000", "amount-invalid", "underscore"),
]


@pytest.mark.parametrize(("text", "code", "said"), BAD_NUMBERS)
def test_a_bad_number_in_a_csv_is_located_at_its_row(tmp_path, text, code, said):
    csv_table(tmp_path, f"activity,unit,amount\ngrid-test,kWh,1\ngrid-test,kWh,{text}\ngrid-test,kWh,2\n")
    run = compute(tmp_path)
    failed(run)
    assert said in problem(run, "t.csv[row 2, amount]", code, hint="").lower()
    assert rows_of(code, run) == ["t.csv[row 2, amount]"]


def test_every_bad_number_of_a_table_is_told_in_one_run(tmp_path):
    body = "".join(f"grid-test,kWh,{text}\n" for text, _, _ in BAD_NUMBERS)
    csv_table(tmp_path, "activity,unit,amount\n" + body)
    run = compute(tmp_path)
    failed(run)
    for number, (_, code, _) in enumerate(BAD_NUMBERS, start=1):
        problem(run, f"t.csv[row {number}, amount]", code)


def test_bad_numbers_typed_in_parquet_are_located(tmp_path):
    parquet_table(
        tmp_path,
        "SELECT 'grid-test' AS activity, 'kWh' AS unit, x::DOUBLE AS amount "
        "FROM (VALUES (1, '5'), (2, 'nan'), (3, 'inf'), (4, '-1'), (5, '2e15')) v(i, x) ORDER BY i",
    )
    run = compute(tmp_path)
    failed(run)
    problem(run, "t.parquet[row 2, amount]", "amount-not-finite")
    problem(run, "t.parquet[row 3, amount]", "amount-not-finite")
    problem(run, "t.parquet[row 4, amount]", "amount-negative")
    problem(run, "t.parquet[row 5, amount]", "amount-too-large")
    for kind in ("true", "DATE '2024-01-05'"):
        parquet_table(tmp_path, f"SELECT 'grid-test' AS activity, 'kWh' AS unit, {kind} AS amount")
        run = compute(tmp_path)
        failed(run)
        problem(run, "t.parquet[row 1, amount]", "amount-invalid", hint="")


def test_a_thousand_bad_rows_list_ten_and_count_the_rest(tmp_path):
    csv_table(tmp_path, "activity,unit,amount\n" + "grid-test,kWh,abc\n" * 1000)
    run = compute(tmp_path)
    failed(run)
    assert rows_of("amount-invalid", run) == [f"t.csv[row {n}, amount]" for n in range(1, 11)]
    printed = issues(run.stderr)
    more = [n for n, p in enumerate(printed) if "more rows" in p.message]
    assert len(more) == 1 and printed[more[0]].location == "t.csv", run
    assert printed[more[0]].message == "... and 990 more rows with amount-invalid"
    assert more[0] == len(printed) - 1, "the count comes after the rows it adds to"


def test_an_unknown_activity_over_many_rows_is_listed_ten_times_and_counted(tmp_path):
    # rows 1-500 name a factor that does not exist; rows 501-502 are good
    csv_table(tmp_path, "activity,unit,amount\n" + "grid-tset,kWh,1\n" * 500 + "grid-test,kWh,1\n" * 2)
    run = compute(tmp_path)
    failed(run)
    assert rows_of("factor-missing", run) == [f"t.csv[row {n}, activity]" for n in range(1, 11)]
    problem(run, "t.csv[row 1, activity]", "factor-missing", hint="did you mean 'grid-test'?")
    assert "... and 490 more rows with factor-missing" in run.stderr


def test_a_unit_of_the_wrong_kind_is_located_at_the_unit(tmp_path):
    csv_table(tmp_path, "activity,unit,amount\ngrid-test,kWh,1\ngrid-test,kg,5\n")
    run = compute(tmp_path)
    failed(run)
    assert "'kg'" in problem(run, "t.csv[row 2, unit]", "unit-incompatible", hint="")


def test_a_scope_that_is_not_1_2_or_3_is_located_at_the_scope(tmp_path):
    csv_table(tmp_path, "activity,unit,amount,scope\ngrid-test,kWh,1,7\ngrid-test,kWh,1,x\ngrid-test,kWh,1,2\n")
    run = compute(tmp_path)
    failed(run)
    assert "'7'" in problem(run, "t.csv[row 1, scope]", "scope-invalid", hint="1, 2 or 3")
    assert "'x'" in problem(run, "t.csv[row 2, scope]", "scope-invalid")
    assert len(rows_of("scope-invalid", run)) == 2


def test_a_grade_that_is_not_one_is_located_at_its_column(tmp_path):
    csv_table(
        tmp_path,
        "activity,unit,amount,data_quality_activity,data_quality_factor\n"
        "grid-test,kWh,5,high,\ngrid-test,kWh,5,,superb\n",
    )
    run = compute(tmp_path)
    failed(run)
    message = problem(run, "t.csv[row 2, data_quality_factor]", "data-quality-invalid")
    assert "'superb'" in message and "[type=" not in message


def test_blank_rows_are_no_rows(tmp_path):
    csv_table(tmp_path, "activity,unit,amount\n,,\ngrid-test,kWh,1000\n , , \n\n,,\n")
    run = compute(tmp_path)
    assert total(run) == pytest.approx(1000 * T_PER_KWH)
    assert json.loads(run.stdout)["tables"][0]["rows"] == 1
    assert run.stderr.strip() == "", run


@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_empty_lines_count_as_the_rows_a_spreadsheet_shows(tmp_path, end):
    # a spreadsheet shows line 3 (after an empty line) as row 2 of data, and a value over two
    # lines (with an empty one inside its quotes) as one row: DuckDB alone skips the empty line
    lines = ["activity,unit,amount,label", "", "grid-test,kWh,abc,x", "", "", 'grid-test,kWh,1,"a', "", 'b"']
    csv_table(tmp_path, end.join([*lines, "grid-test,kWh,-2,y", "", ""]))
    run = compute(tmp_path)
    failed(run)
    problem(run, "t.csv[row 2, amount]", "amount-invalid")
    problem(run, "t.csv[row 6, amount]", "amount-negative")
    # rows 2 and 5 (1,000 and 2,000 kWh) in the lines file as in the spreadsheet
    csv_table(tmp_path, end.join(["activity,unit,amount", "", "grid-test,kWh,1000", "", "", "grid-test,kWh,2000", ""]))
    write(tmp_path, "head.yaml", HEAD)
    run = ghgcalc(tmp_path, "compute", "t.csv", "--header", "head.yaml", "-f", "json", "--lines", "l.csv")
    assert total(run) == pytest.approx(1.5, rel=1e-12)
    assert [(r["row"], r["amount"]) for r in _lines(tmp_path / "l.csv")] == [("2", "1000.0"), ("5", "2000.0")]


# --- month columns --------------------------------------------------------------------------------


@pytest.mark.parametrize("names", [EN, TH], ids=["english", "thai"])
def test_month_columns_are_read_in_english_and_thai(tmp_path, names):
    # twelve months of 1,000 kWh = 12,000 kWh; x 0.5 kg/kWh = 6 t
    csv_table(tmp_path, f"activity,unit,{','.join(names)}\ngrid-test,kWh{',1000' * 12}\n")
    run = compute(tmp_path)
    assert total(run) == pytest.approx(6.0, rel=1e-12)
    assert json.loads(run.stdout)["lines"][0]["amount"] == pytest.approx(12000.0)


def test_a_row_with_empty_months_is_warned_at_the_first_empty_month(tmp_path):
    # row 1: twelve months of 1,000 kWh; row 2: March and October empty, ten months of 1,000 kWh.
    # 22,000 kWh x 0.5 kg/kWh = 11 t
    months = ["1000"] * 12
    months[2] = months[9] = ""
    csv_table(
        tmp_path, f"activity,unit,{','.join(EN)}\ngrid-test,kWh{',1000' * 12}\ngrid-test,kWh,{','.join(months)}\n"
    )
    run = compute(tmp_path)
    assert total(run) == pytest.approx(11.0, rel=1e-12)
    problem(run, "t.csv[row 2, Mar]", "amount-month-empty", severity="warning", hint="")
    assert not [p for p in issues(run.stderr) if p.code == "amount-month-empty" and "row 1" in (p.location or "")]


def test_a_month_outside_the_period_is_refused_at_its_column(tmp_path):
    csv_table(tmp_path, "activity,unit,Dec 2023,Jan 2024\ngrid-test,kWh,1,2\n")
    run = compute(tmp_path)
    failed(run)
    assert "'Dec 2023'" in problem(run, "t.csv", "table-month-outside", hint="period")


def test_a_half_years_workbook_given_as_a_table_computes_as_the_workbook_does(tmp_path):
    """An Excel inventory of a half year has empty month columns outside it (twelve written, six
    filled); read as an inventory they are ignored, but its Activities sheet given as a table was
    refused, table-month-outside at each empty column. Empty, they are ignored there too."""
    write(
        tmp_path,
        "half.yaml",
        "ghgcalc: 1\nname: T\nperiod: {start: 2024-01-01, end: 2024-06-30}\nactivities:\n"
        "  - {activity: electricity-grid, unit: kWh, amount: [1000, 1100, 1050, 990, 1020, 1010]}\n",
    )
    assert ghgcalc(tmp_path, "convert", "half.yaml", "half.xlsx").code == 0
    write(tmp_path, "header.yaml", "ghgcalc: 1\nname: T\nperiod: {start: 2024-01-01, end: 2024-06-30}\n")
    inventory = ghgcalc(tmp_path, "compute", "half.xlsx", "-f", "json")
    table = ghgcalc(tmp_path, "compute", "half.xlsx", "--header", "header.yaml", "-f", "json")
    assert inventory.code == 0 and table.code == 0, table
    assert json.loads(table.stdout)["total_t_co2e"] == json.loads(inventory.stdout)["total_t_co2e"]


def test_a_month_without_its_year_in_a_two_year_period_asks_for_the_year(tmp_path):
    two_years = HEAD.replace("period: 2024", "period: {start: 2023-07-01, end: 2025-06-30}")
    write(tmp_path, "head.yaml", two_years)
    write(tmp_path, "t.csv", "activity,unit,Jan,Feb\ngrid-test,kWh,1,2\n")
    run = ghgcalc(tmp_path, "compute", "t.csv", "--header", "head.yaml", "-f", "json")
    failed(run)
    assert "more than once" in problem(run, "t.csv", "table-month-ambiguous", hint="Jan 2024")
    # with their years, the 24 months are placed: 24 x 1,000 kWh = 24,000 kWh = 12 t
    months = [f"{name} {year}" for year in (2023, 2024, 2025) for name in EN]
    months = months[6:30]  # July 2023 to June 2025
    write(tmp_path, "t.csv", f"activity,unit,{','.join(months)}\ngrid-test,kWh{',1000' * 24}\n")
    run = ghgcalc(tmp_path, "compute", "t.csv", "--header", "head.yaml", "-f", "json")
    assert total(run) == pytest.approx(12.0, rel=1e-12)


def test_a_month_written_twice_is_refused(tmp_path):
    csv_table(tmp_path, "activity,unit,Jan,January,Feb\ngrid-test,kWh,1,2,3\n")
    run = compute(tmp_path)
    failed(run)
    assert "'January'" in problem(run, "t.csv", "table-column-twice")


def test_an_amount_that_is_not_the_sum_of_its_months_is_refused(tmp_path):
    # every month of the period has its column (a table that leaves one out is month-missing)
    later = ",0" * 10
    months = "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec"
    csv_table(tmp_path, f"activity,unit,amount,{months}\ngrid-test,kWh,3,1,2{later}\ngrid-test,kWh,10,1,2{later}\n")
    run = compute(tmp_path)
    failed(run)
    problem(run, "t.csv[row 2, amount]", "total-mismatch", hint="")
    assert rows_of("total-mismatch", run) == ["t.csv[row 2, amount]"]


# --- workbooks ------------------------------------------------------------------------------------


def test_a_workbook_with_its_header_on_row_3_is_located_at_its_cells(tmp_path):
    rows: list[list[object]] = [
        ["activity", "unit", "amount", "scope"],
        ["grid-test", "kWh", "abc", 2],  # row 4
        ["grid-test", "kWh", dt.datetime(2024, 1, 5), 2],  # row 5
        ["grid-test", "kWh", True, 2],  # row 6
        ["grid-test", "kWh", -3, 2],  # row 7
        ["grid-test", "kWh", "12,500", 7],  # row 8
        ["grid-test", "kg", 5, 2],  # row 9
    ]
    book(tmp_path, rows, above=2)
    run = compute(tmp_path)
    failed(run)
    problem(run, "b.xlsx[Activities]!C4", "amount-invalid")
    assert "date" in problem(run, "b.xlsx[Activities]!C5", "amount-invalid")
    problem(run, "b.xlsx[Activities]!C6", "amount-invalid")
    assert "'-3'" in problem(run, "b.xlsx[Activities]!C7", "amount-negative")
    assert "'7'" in problem(run, "b.xlsx[Activities]!D8", "scope-invalid")
    problem(run, "b.xlsx[Activities]!B9", "unit-incompatible")


def test_a_workbook_with_an_empty_column_locates_the_cells_after_it(tmp_path):
    book(tmp_path, [["activity", None, "unit", "amount"], ["grid-test", None, "kWh", "abc"]], above=2)
    run = compute(tmp_path)
    failed(run)
    problem(run, "b.xlsx[Activities]!D4", "amount-invalid")


def test_a_workbook_table_that_starts_at_c5_is_located_at_its_own_cells(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    for number, row in enumerate(
        [["activity", "unit", "amount"], ["grid-test", "kWh", 1000], ["grid-test", "kWh", "x"]]
    ):
        for column, value in enumerate(row):
            sheet.cell(row=5 + number, column=3 + column, value=value)
    workbook.save(tmp_path / "b.xlsx")
    inventory(tmp_path, "b.xlsx")
    run = compute(tmp_path)
    failed(run)
    problem(run, "b.xlsx[Activities]!E7", "amount-invalid")


def test_a_workbook_column_with_values_but_no_header_is_at_its_header_cell(tmp_path):
    book(tmp_path, [["activity", None, "unit", "amount"], ["grid-test", "a note", "kWh", 5]], above=2)
    run = compute(tmp_path)
    failed(run)
    assert "without a header" in problem(run, "b.xlsx[Activities]!B3", "table-column-unknown")


def test_a_workbook_column_problem_is_at_its_header_cell(tmp_path):
    book(tmp_path, [["activity", "unit", "amout"], ["grid-test", "kWh", 1]], above=2)
    run = compute(tmp_path)
    failed(run)
    problem(run, "b.xlsx[Activities]!C3", "table-column-unknown", hint="did you mean 'amount'?")
    book(tmp_path, [["activity", "unit", "amount", "amount"], ["grid-test", "kWh", 1, 2]], above=2)
    run = compute(tmp_path)
    failed(run)
    problem(run, "b.xlsx[Activities]!D3", "table-column-twice")


def test_a_thai_workbook_with_a_total_and_months_is_read(tmp_path):
    # Thai headers, a Total that is the months' sum (12 x 500 = 6,000 kWh = 3 t), Thai digits in a cell
    header = ["Activity / กิจกรรม", "Unit / หน่วย", "Total / รวม", *TH]
    months: list[object] = [500] * 12
    months[0] = "๕๐๐"
    book(tmp_path, [header, ["grid-test", "kWh", 6000, *months]], above=2)
    assert total(compute(tmp_path)) == pytest.approx(3.0, rel=1e-12)
    book(tmp_path, [header, ["grid-test", "kWh", 6001, *months]], above=2)
    run = compute(tmp_path)
    failed(run)
    problem(run, "b.xlsx[Activities]!C4", "total-mismatch")


# --- files that are not tables --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "said"),
    [("nothere.csv", "no such file"), ("folder.csv", "folder"), ("notes.txt", "not a table")],
)
def test_a_name_in_activities_table_that_is_not_a_table_is_located_in_the_inventory(tmp_path, name, said):
    (tmp_path / "folder.csv").mkdir()
    write(tmp_path, "notes.txt", "activity,unit,amount\n")
    text = inventory(tmp_path, name)
    run = compute(tmp_path)
    failed(run)
    line, column = at(text, name)
    assert said in problem(run, f"inv.yaml:{line}:{column}", "table-unreadable", hint="")


def test_a_table_named_twice_is_refused_not_counted_twice(tmp_path):
    # t.csv and ./t.csv are one file: 1,000 kWh, never 2,000 or 3,000
    write(tmp_path, "t.csv", "activity,unit,amount\ngrid-test,kWh,1000\n")
    text = f"{HEAD}activities_table: [t.csv, t.csv, ./t.csv]\n"
    write(tmp_path, "inv.yaml", text)
    run = compute(tmp_path)
    failed(run)
    line, column = at(text, "t.csv", 2)
    assert "count twice" in problem(run, f"inv.yaml:{line}:{column}", "table-duplicate", hint="once")
    line, column = at(text, "./t.csv")
    problem(run, f"inv.yaml:{line}:{column}", "table-duplicate")


def test_a_header_that_names_the_table_given_is_refused_and_its_own_tables_are_located(tmp_path):
    write(tmp_path, "t.csv", "activity,unit,amount\ngrid-test,kWh,1000\n")
    text = f"{HEAD}activities_table: [t.csv, nothere.csv]\n"
    write(tmp_path, "head.yaml", text)
    run = ghgcalc(tmp_path, "compute", "t.csv", "--header", "head.yaml", "-f", "json")
    failed(run)
    line, column = at(text, "t.csv")
    problem(run, f"head.yaml:{line}:{column}", "table-duplicate", hint="--header")
    line, column = at(text, "nothere.csv")
    problem(run, f"head.yaml:{line}:{column}", "table-unreadable")


@pytest.mark.skipif(os.name == "nt", reason="Windows forbids * and ? in file names")
@pytest.mark.parametrize(
    ("name", "beside"), [("a*.csv", "ab.csv"), ("x?.parquet", "xy.parquet"), ("m[1].csv", "m1.csv")]
)
def test_a_table_whose_name_looks_like_a_pattern_is_that_file_alone(tmp_path, name, beside):
    # DuckDB reads a*.csv as a pattern: ab.csv (9,000 kWh) would join the table's 1,000 kWh
    for file, amount in ((name, 1000), (beside, 9000)):
        if file.endswith(".csv"):
            write(tmp_path, file, f"activity,unit,amount\ngrid-test,kWh,{amount}\n")
        else:  # written under a plain name: DuckDB's COPY takes no pattern, but be sure
            select = f"SELECT 'grid-test' AS activity, 'kWh' AS unit, {amount}.0 AS amount"
            duckdb.sql(f"COPY ({select}) TO '{tmp_path / 'x.parquet'}'")
            os.replace(tmp_path / "x.parquet", tmp_path / file)
    write(tmp_path, "head.yaml", HEAD)
    run = ghgcalc(tmp_path, "compute", name, "--header", "head.yaml", "-f", "json", "--lines", "l.csv")
    assert total(run) == pytest.approx(1000 * T_PER_KWH, rel=1e-12)
    assert [r["row"] for r in _lines(tmp_path / "l.csv")] == ["1"]


def test_random_bytes_named_parquet_are_unreadable_not_a_crash(tmp_path):
    write(tmp_path, "t.parquet", bytes(range(256)) * 4)
    inventory(tmp_path, "t.parquet")
    run = compute(tmp_path)
    failed(run)
    problem(run, "t.parquet", "table-unreadable", hint="")


def test_an_empty_file_is_unreadable(tmp_path):
    csv_table(tmp_path, "")
    run = compute(tmp_path)
    failed(run)
    assert "empty" in problem(run, "t.csv", "table-unreadable")


def test_a_csv_in_thai_windows_encoding_is_an_encoding_error_at_its_line(tmp_path):
    text = "activity,unit,amount,label\ngrid-test,kWh,5,Town hall\ngrid-test,kWh,5,ศาลากลาง\n"
    write(tmp_path, "t.csv", text.encode("cp874"))
    inventory(tmp_path, "t.csv")
    run = compute(tmp_path)
    failed(run)
    problem(run, "t.csv:3", "encoding-invalid", hint="UTF-8")


def test_a_utf16_csv_with_its_mark_is_read_and_big_endian_is_refused(tmp_path):
    # Excel's "Unicode text" is UTF-16 little-endian with a byte-order mark: 2 x 1,000 kWh = 1 t
    text = "activity,unit,amount,label\ngrid-test,kWh,1000,ศาลากลาง\ngrid-test,kWh,1000,x\n"
    write(tmp_path, "t.csv", text.encode("utf-16"))  # Python writes the mark, little-endian here
    inventory(tmp_path, "t.csv")
    assert total(compute(tmp_path)) == pytest.approx(1.0, rel=1e-12)
    write(tmp_path, "t.csv", b"\xfe\xff" + text.encode("utf-16-be"))
    run = compute(tmp_path)
    failed(run)
    problem(run, "t.csv", "encoding-invalid", hint="UTF-8")


def test_a_value_with_an_unquoted_comma_is_told_at_its_line(tmp_path):
    # 12,500 without quotes is two fields: DuckDB alone would read the file as one column
    csv_table(tmp_path, "activity,unit,amount\n" + "grid-test,kWh,1000\n" * 9 + "grid-test,kWh,12,500\n")
    run = compute(tmp_path)
    failed(run)
    assert "4 fields" in problem(run, "t.csv:11", "table-line-fields", hint='"12,500"')
    csv_table(tmp_path, "activity,unit,amount\ngrid-test,kWh\n" + "grid-test,kWh,1000\n" * 9)
    run = compute(tmp_path)
    failed(run)
    assert "2 fields" in problem(run, "t.csv:2", "table-line-fields")


def test_a_csv_separated_by_semicolons_is_read(tmp_path):
    # as a spreadsheet in a decimal-comma locale saves it: 1,000 + 500 kWh = 0.75 t
    csv_table(tmp_path, 'activity;unit;amount\ngrid-test;kWh;"1,000"\ngrid-test;kWh;500\n')
    assert total(compute(tmp_path)) == pytest.approx(0.75, rel=1e-12)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (bytes(range(256)) * 4, "not an excel workbook"),
        (b"PK\x05\x06" + b"\x00" * 18, ""),  # an empty zip archive, no workbook in it
    ],
    ids=["random-bytes", "empty-zip"],
)
def test_a_file_named_xlsx_that_is_no_workbook_is_unreadable(tmp_path, content, said):
    write(tmp_path, "b.xlsx", content)
    inventory(tmp_path, "b.xlsx")
    run = compute(tmp_path)
    failed(run)
    assert said in problem(run, "b.xlsx", "table-unreadable", hint="").lower()


def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_opened(tmp_path):
    import zipfile

    # 300 MB of zeros in a 300 KB file: what the workbook reader's check refuses, refused here too
    with (
        zipfile.ZipFile(tmp_path / "b.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as member,
    ):
        for _ in range(300):
            member.write(b"0" * (1 << 20))
    inventory(tmp_path, "b.xlsx")
    run = compute(tmp_path)
    failed(run)
    assert "inflates" in problem(run, "b.xlsx", "table-unreadable", hint="")


def test_a_workbook_with_an_empty_sheet_is_unreadable_and_a_header_only_sheet_is_zero(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.save(tmp_path / "b.xlsx")
    inventory(tmp_path, "b.xlsx")
    run = compute(tmp_path)
    failed(run)
    assert "empty" in problem(run, "b.xlsx", "table-unreadable")
    book(tmp_path, [["activity", "unit", "amount"]])
    assert total(compute(tmp_path)) == 0


def test_a_header_only_table_computes_to_zero(tmp_path):
    csv_table(tmp_path, "activity,unit,amount\n")
    run = compute(tmp_path)
    assert total(run) == 0
    assert json.loads(run.stdout)["tables"][0]["rows"] == 0
    parquet_table(tmp_path, "SELECT 'grid-test' AS activity, 'kWh' AS unit, 5.0 AS amount WHERE false")
    assert total(compute(tmp_path)) == 0


def test_escapes_and_invisible_characters_in_a_key_are_shown_escaped(tmp_path):
    csv_table(tmp_path, "activity,unit,amount\n\x1b[31mgrid\u200b-test,kWh,5\n")
    run = compute(tmp_path)
    failed(run)
    message = problem(run, "t.csv[row 1, activity]", "factor-missing", hint="")
    assert "\\x1b[31m" in message and "\\u200b" in message
    assert "\x1b" not in run.stderr and "\u200b" not in run.stderr


# --- the command line -----------------------------------------------------------------------------


@pytest.fixture
def table_and_header(tmp_path: Path) -> Path:
    write(tmp_path, "t.csv", "activity,unit,amount\ngrid-test,kWh,5\n")
    write(tmp_path, "head.yaml", HEAD)
    write(tmp_path, "inv.yaml", HEAD + "activities:\n  - {activity: grid-test, amount: 5, unit: kWh}\n")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "said", "hint"),
    [
        (("t.csv",), "activity table", "--header"),
        (("inv.yaml", "--header", "head.yaml"), "must be tables", "activities_table"),
        (("t.csv", "--header", "missing.yaml"), "missing.yaml: no such file", "inventory"),
        (("t.csv", "--header", "head.yaml", "-f", "parquet"), "parquet", "-o lines.parquet"),
        (("t.csv", "--header", "head.yaml", "--lines", "out.json"), ".parquet or .csv", "lines.csv"),
        (("t.csv", "--header", "head.yaml", "--lines", "x.csv", "-o", "x.csv"), "same file", "its own"),
        (("t.csv", "--header", "head.yaml", "--lines", "d.csv", "--diagnostics", "./d.csv", "--force"), "same", "own"),
        (("inv.yaml", "--compare-factors", "tgo-cfo@2022-04", "--lines", "l.csv"), "comparison", "one at a time"),
        (("t.csv", "--header", "head.yaml", "-o", "t.csv"), "never writes over", "another"),
        (("t.csv", "--header", "head.yaml", "--lines", "t.csv", "--force"), "never writes over", "another"),
    ],
)
def test_misuse_is_a_usage_error_with_a_hint(table_and_header, args, said, hint):
    before = snapshot(table_and_header)
    run = ghgcalc(table_and_header, "compute", *args)
    assert_usage_error(run, said)
    assert any(line.startswith("  hint: ") and hint in line for line in run.stderr.splitlines()), run
    assert snapshot(table_and_header) == before


def test_validate_given_a_table_asks_for_its_inventory_and_checks_it_with_header(table_and_header):
    run = ghgcalc(table_and_header, "validate", "t.csv")
    assert_usage_error(run, "t.csv is an activity table", "hint: give the inventory it belongs to: --header")
    # the same table with its inventory: checked as compute checks it, every row's problem located
    write(table_and_header, "t.csv", "activity,unit,amount\ngrid-test,kWh,5\ngrid-test,kWh,-3\n")
    run = ghgcalc(table_and_header, "validate", "t.csv", "--header", "head.yaml")
    assert run.code == 1
    assert "t.csv[row 2, amount]: error[amount-negative]" in run.stderr
    assert "1 file(s): 0 ok, 0 with warnings, 1 with errors" in run.stderr


def test_a_parquet_input_without_header_is_a_usage_error(tmp_path):
    parquet_table(tmp_path, "SELECT 'grid-test' AS activity, 'kWh' AS unit, 5.0 AS amount")
    run = ghgcalc(tmp_path, "compute", "t.parquet")
    assert_usage_error(run, "t.parquet is an activity table", "--header inventory.yaml")


def _lines(path: Path) -> list[dict[str, object]]:
    found = duckdb.sql(f"SELECT * FROM read_csv('{path}', all_varchar = true) ORDER BY row").fetchall()
    names = [d[0] for d in duckdb.sql(f"SELECT * FROM read_csv('{path}', all_varchar = true)").description]
    return [dict(zip(names, row, strict=True)) for row in found]


def test_the_lines_file_is_refused_when_it_exists_and_replaced_with_force(table_and_header):
    folder = table_and_header
    args = ("compute", "t.csv", "--header", "head.yaml", "-f", "json", "--lines", "l.csv")
    assert ghgcalc(folder, *args).code == 0
    first = _lines(folder / "l.csv")
    assert [(r["row"], float(str(r["t_co2e"]))) for r in first] == [("1", pytest.approx(5 * T_PER_KWH))]
    assert first[0]["table"] == "t.csv", first  # the table as named, not a path of this machine

    write(folder, "t.csv", "activity,unit,amount\ngrid-test,kWh,5\ngrid-test,kWh,10\n")
    before = snapshot(folder)
    run = ghgcalc(folder, *args)
    assert run.code == USAGE and "already exists" in run.stderr and "--force" in run.stderr, run
    assert snapshot(folder) == before

    assert ghgcalc(folder, *args, "--force").code == 0
    again = _lines(folder / "l.csv")
    assert [float(str(r["t_co2e"])) for r in again] == [pytest.approx(5 * T_PER_KWH), pytest.approx(10 * T_PER_KWH)]


def test_parquet_lines_hold_every_row(table_and_header):
    folder = table_and_header
    run = ghgcalc(folder, "compute", "t.csv", "--header", "head.yaml", "-f", "parquet", "-o", "l.parquet")
    assert run.code == 0, run
    rows = duckdb.sql(f"SELECT row, t_co2e FROM read_parquet('{folder / 'l.parquet'}')").fetchall()
    assert rows == [(1, pytest.approx(5 * T_PER_KWH))]


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_a_run_with_errors_writes_no_lines_and_leaves_nothing_behind(table_and_header):
    folder = table_and_header
    write(folder, "t.csv", "activity,unit,amount\ngrid-test,kWh,abc\n")
    before = snapshot(folder)
    run = ghgcalc(folder, "compute", "t.csv", "--header", "head.yaml", "-f", "json", "--lines", "l.csv")
    failed(run)
    assert snapshot(folder) == before and _leftovers(folder) == []


def test_a_lines_file_that_fails_while_written_is_never_half_there(table_and_header, monkeypatch):
    """The engine fails half-way through a table's rows (a full disk): the old lines file stays
    whole, no part or temporary file is left, and the user reads why (exit 2, not a crash)."""
    import ghgcalc.io.tables as tables

    folder = table_and_header
    write(folder, "l.csv", "the lines of last month\n")

    def half_then_fail(summary, result, gases, header, part):
        Path(part).write_bytes(b"PAR1 half")
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(tables, "_table_part", half_then_fail)
    run = ghgcalc(folder, "compute", "t.csv", "--header", "head.yaml", "-f", "json", "--lines", "l.csv", "--force")
    assert run.code == USAGE, run
    assert "cannot write l.csv" in run.stderr and "No space left on device" in run.stderr, run
    assert (folder / "l.csv").read_text(encoding="utf-8") == "the lines of last month\n"
    assert _leftovers(folder) == []


def test_the_lines_csv_never_carries_a_formula(table_and_header):
    """A label, id or evidence that a spreadsheet would run (=HYPERLINK, +, -, @, full-width ＝)
    gets a leading ' in the lines CSV, as in every CSV ghgcalc writes; Parquet keeps it as it is."""
    import csv

    folder = table_and_header
    labels = ['=HYPERLINK("http://example.com","x")', "+1", "-5 kWh meter", "@SUM(A1)", "＝1", "Town hall"]
    with (folder / "t.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["activity", "unit", "amount", "label", "id", "evidence"])
        writer.writerows(["grid-test", "kWh", 1, label, f"=id{n}", "@doc"] for n, label in enumerate(labels))
    run = ghgcalc(folder, "compute", "t.csv", "--header", "head.yaml", "-f", "json", "--lines", "l.csv")
    assert run.code == 0, run
    with (folder / "l.csv").open(encoding="utf-8", newline="") as stream:
        rows = sorted(csv.DictReader(stream), key=lambda r: int(r["row"]))
    expected = ["'" + label for label in labels[:-1]] + ["Town hall"]
    assert [r["label"] for r in rows] == expected
    assert [r["id"] for r in rows] == [f"'=id{n}" for n in range(len(labels))]
    assert {r["evidence"] for r in rows} == {"'@doc"}
    run = ghgcalc(folder, "compute", "t.csv", "--header", "head.yaml", "-f", "parquet", "-o", "l.parquet")
    assert run.code == 0, run
    kept = duckdb.sql(f"SELECT label FROM read_parquet('{folder / 'l.parquet'}') ORDER BY row").fetchall()
    assert [label for (label,) in kept] == labels


# texts a spreadsheet would run as a formula or not, with the white space and full-width forms
# that tell a faithful copy of the guard from a near one
GUARD_TEXTS = (
    *("=1", "+1", "-1", "@a", "\tx", "\rx", "  =1", "\u3000=1", "\xa0+1", "\u2028@x", "\n=1", "\x1c="),
    *("\x85-", "＝1", "＋", "－", "＠", "a=1", "x", "", " ", "\u200b=1", "\v=1", "\f=1", "1-2", "ก=1"),
)


@pytest.mark.parametrize("text", GUARD_TEXTS)
def test_the_sql_formula_guard_is_the_guard_of_every_csv(text):
    from ghgcalc.io.tables import _FORMULA
    from ghgcalc.io.writers import looks_like_formula

    guarded = duckdb.connect().execute("SELECT regexp_matches(?, ?)", [text, _FORMULA]).fetchone()
    assert guarded == (looks_like_formula(text),)


@pytest.mark.parametrize(
    "args",
    [
        ("--lines", "t.csv", "--force"),
        ("-f", "csv", "-o", "t.csv", "--force"),
        ("--diagnostics", "t.csv", "--force"),
        ("-f", "parquet", "-o", "p.parquet", "--force"),
    ],
)
def test_an_inventorys_own_table_is_never_written_over(tmp_path, args):
    """The tables an inventory names are read by the run like the inventory itself: -o, --lines
    and --diagnostics refuse them, --force or not."""
    write(tmp_path, "t.csv", "activity,unit,amount\ngrid-test,kWh,5\n")
    duckdb.sql(f"COPY (SELECT 'grid-test' AS activity, 'kWh' AS unit, 5.0 AS amount) TO '{tmp_path / 'p.parquet'}'")
    write(tmp_path, "inv.yaml", f"{HEAD}activities_table: [t.csv, p.parquet]\n")
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "inv.yaml", *args)
    assert run.code == USAGE and "never writes over what it reads" in run.stderr, run
    assert snapshot(tmp_path) == before


def test_an_included_inventorys_table_is_never_written_over(tmp_path):
    write(tmp_path, "org.csv", "activity,unit,amount\ngrid-test,kWh,5\n")
    write(tmp_path, "org.yaml", f"{HEAD}activities_table: org.csv\n")
    city = "ghgcalc: 1\nname: City\nkind: community\nperiod: 2024\ninclude: org.yaml\nactivities: []\n"
    write(tmp_path, "city.yaml", city)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "city.yaml", "-f", "csv", "-o", "org.csv", "--force")
    assert run.code == USAGE and "never writes over what it reads" in run.stderr, run
    assert snapshot(tmp_path) == before


def test_only_the_first_classes_of_unknown_activities_search_for_a_did_you_mean(tmp_path, monkeypatch):
    # each search compares the key with every factor key; 1,000 distinct unknown activities would
    # make 1,000 searches for ten listed rows
    from ghgcalc.core import compute as core_compute
    from ghgcalc.core.table_classes import SUGGESTED

    searched: list[str] = []
    original = core_compute._suggest

    def counting(key, catalogue):  # type: ignore[no-untyped-def]
        searched.append(key)
        return original(key, catalogue)

    monkeypatch.setattr(core_compute, "_suggest", counting)
    csv_table(tmp_path, "activity,unit,amount\n" + "".join(f"diesel-mobil-{i},L,1\n" for i in range(1000)))
    run = compute(tmp_path)
    failed(run)
    assert len(searched) == SUGGESTED
    assert "... and 990 more rows with factor-missing" in run.stderr


def test_month_columns_that_leave_out_months_of_the_period_are_an_error(tmp_path):
    # six months given for the year 2024: the rows' totals would be half a year's, silently
    csv_table(tmp_path, "activity,unit,Jan,Feb,Mar,Apr,May,Jun\ngrid-test,kWh,1,1,1,1,1,1\n")
    run = compute(tmp_path)
    failed(run)
    said = problem(run, "t.csv", "month-missing", hint="add a column for each month of the period")
    assert "July 2024" in said and "December 2024" in said and "June" not in said


# --- what a workbook's XML says and calamine does not ----------------------------------------------


def _laid_out(tmp_path: Path, rows: list[list[object]]) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    for row in rows:
        sheet.append(row)
    return workbook


def test_a_stray_cell_at_xfd1048576_is_refused_at_it_before_the_sheet_is_laid_out(tmp_path):
    # 5 KB that asks calamine for 17 billion cells: the process aborted, out of memory, before
    workbook = _laid_out(tmp_path, [["activity", "unit", "amount"], ["grid-test", "kWh", 1000]])
    workbook.active["XFD1048576"] = 1
    workbook.save(tmp_path / "b.xlsx")
    inventory(tmp_path, "b.xlsx")
    run = ghgcalc_process(tmp_path, "compute", "inv.yaml", "-f", "json")
    failed(run)
    assert "1,048,576 rows" in problem(run, "b.xlsx[Activities]!XFD1048576", "sheet-too-large", hint="stray cells")


def test_an_error_cell_or_a_formula_without_its_result_is_an_error_at_its_cell(tmp_path):
    # calamine gives both as empty: an amount that would have been read as missing, or a month as 0
    book(tmp_path, [["activity", "unit", "amount"], ["grid-test", "kWh", 1000], ["grid-test", "kWh", "#DIV/0!"]])
    workbook = openpyxl.load_workbook(tmp_path / "b.xlsx")
    workbook.active["C4"], workbook.active["A4"], workbook.active["B4"] = "=C2*2", "grid-test", "kWh"
    workbook.save(tmp_path / "b.xlsx")
    run = compute(tmp_path)
    failed(run)
    assert "#DIV/0!" in problem(run, "b.xlsx[Activities]!C3", "cell-error", hint="division by zero")
    problem(run, "b.xlsx[Activities]!C4", "formula-no-value", hint="save it")


def test_many_error_cells_list_ten_and_count_the_rest(tmp_path):
    book(tmp_path, [["activity", "unit", "amount"], *(["grid-test", "kWh", "#N/A"] for _ in range(25))])
    run = compute(tmp_path)
    failed(run)
    assert rows_of("cell-error", run) == [f"b.xlsx[Activities]!C{row}" for row in range(2, 12)]
    assert "15 more" in problem(run, "b.xlsx", "cell-error")


def test_an_error_cell_above_the_header_is_not_the_tables(tmp_path):
    book(tmp_path, [["activity", "unit", "amount"], ["grid-test", "kWh", 1000]], above=2)
    workbook = openpyxl.load_workbook(tmp_path / "b.xlsx")
    workbook.active["B1"] = "#REF!"  # in the title row, above the table's header
    workbook.save(tmp_path / "b.xlsx")
    assert total(compute(tmp_path)) == pytest.approx(1000 * T_PER_KWH)


def test_hidden_rows_and_columns_are_counted_and_warned_at_their_cells(tmp_path):
    rows = [["activity", "unit", "amount"], ["grid-test", "kWh", 1000], ["grid-test", "kWh", 2000]]
    workbook = _laid_out(tmp_path, [*rows, ["grid-test", "kWh", 4000]])
    workbook.active.row_dimensions[3].hidden = True  # a filter hides rows too
    workbook.active.column_dimensions["C"].hidden = True
    workbook.save(tmp_path / "b.xlsx")
    inventory(tmp_path, "b.xlsx")
    run = compute(tmp_path)
    assert total(run) == pytest.approx(7000 * T_PER_KWH)  # counted, as a spreadsheet's SUM counts them
    assert "(rows 3)" in problem(run, "b.xlsx[Activities]!A3", "row-hidden", "warning", hint="unhide")
    assert "3 row(s)" in problem(run, "b.xlsx[Activities]!C2", "column-hidden", "warning", hint="unhide")


def test_many_unknown_columns_list_ten_and_count_the_rest(tmp_path):
    extra = ",".join(f"note{n}" for n in range(25))
    csv_table(tmp_path, f"activity,unit,amount,{extra}\ngrid-test,kWh,100,{',' * 24}\n")
    run = compute(tmp_path)
    failed(run)
    unknown = [p for p in issues(run.stderr) if p.code == "table-column-unknown"]
    assert len(unknown) == 11 and "'note0'" in unknown[0].message
    assert "15 more columns" in unknown[-1].message


def test_a_file_thousands_of_columns_wide_is_refused_once(tmp_path):
    # 20,000 columns in 100 KB: 20,000 errors, 10 s and 700 MB before
    csv_table(tmp_path, ",".join(f"c{n}" for n in range(5000)) + "\n" + ",".join("1" * 5000) + "\n")
    run = compute(tmp_path)
    failed(run)
    assert [p.code for p in issues(run.stderr)] == ["table-too-wide"]
    assert "5,000 columns" in problem(run, "t.csv", "table-too-wide", hint="header")


def test_a_workbook_table_whose_sheet_xml_is_cut_short_is_said_to_be_damaged(tmp_path):
    import zipfile

    book(tmp_path, [["activity", "unit", "amount"], *(["grid-test", "kWh", n] for n in range(1, 200))])
    with zipfile.ZipFile(tmp_path / "b.xlsx") as src:
        parts = {item.filename: src.read(item.filename) for item in src.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet][: len(parts[sheet]) // 2]
    with zipfile.ZipFile(tmp_path / "b.xlsx", "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    run = compute(tmp_path)
    failed(run)
    assert "damaged or cut short" in problem(run, "b.xlsx", "table-unreadable")
