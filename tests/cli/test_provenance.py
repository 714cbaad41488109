"""A factor's provenance in two fields: `source` (the publisher's document) and `verified_via` (the
transcription the value was read through), from an own set's table to the result, `factors show`,
`factors list`, `factors validate` and the Excel report's factor sheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl

from ghgcalc.reports.report_xlsx import FACTORS_SHEET
from tests.helpers import FACTOR_HEADER, INPUT_ERRORS, ghgcalc, issues, own_factor_set, write

HEADER = FACTOR_HEADER.rstrip("\n") + ",verified_via\n"
SOURCE = "Supplier data sheet SDS-7, 2024 edition, p. 3, table 2"
VIA = "Provincial energy office transcription, 12 Jan 2025, row 14"
# boiler-diesel per L: CO2 and N2O, the source on both rows, the transcription on both
TABLE = HEADER + (
    f'boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,,,,,,"{SOURCE}",,"{VIA}"\n'
    f'boiler-diesel,Boiler diesel,,stationary-combustion,1,L,N2O,0.0001,,,,,,"{SOURCE}",,"{VIA}"\n'
)
INVENTORY = (
    "ghgcalc: 1\nname: T\nperiod: 2024\nfactors: [my-boilers]\nactivities:\n"
    "  - {activity: boiler-diesel, amount: 100, unit: L}\n"
)


def compute_json(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    write(tmp_path, "my.yaml", INVENTORY)
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_the_result_names_the_source_and_the_transcription_apart(tmp_path: Path) -> None:
    own_factor_set(tmp_path, TABLE)
    assert ghgcalc(tmp_path, "factors", "validate", "myf").code == 0
    [line] = compute_json(tmp_path)["lines"]
    factor = line["factor"]
    assert factor["source"] == SOURCE
    assert factor["verified_via"] == VIA
    assert list(factor).index("verified_via") == list(factor).index("source") + 1


def test_a_table_without_the_column_reads_as_before(tmp_path: Path) -> None:
    own_factor_set(tmp_path, FACTOR_HEADER + TABLE.split("\n", 1)[1].replace(f',"{VIA}"\n', "\n"))
    assert ghgcalc(tmp_path, "factors", "validate", "myf").code == 0
    [line] = compute_json(tmp_path)["lines"]
    assert line["factor"]["source"] == SOURCE
    assert "verified_via" not in line["factor"]  # results of sets without it are unchanged


def test_factors_show_and_list_give_both(tmp_path: Path) -> None:
    own_factor_set(tmp_path, TABLE)
    run = ghgcalc(
        tmp_path, "factors", "show", "boiler-diesel", "--set", "my-boilers", "--factors-dir", "myf", "-f", "json"
    )
    assert run.code == 0, run
    [entry] = json.loads(run.stdout)
    assert (entry["source"], entry["verified_via"]) == (SOURCE, VIA)
    table = ghgcalc(tmp_path, "factors", "show", "boiler-diesel", "--set", "my-boilers", "--factors-dir", "myf")
    assert table.code == 0, table
    assert "verified_via" in table.stdout and "Provincial energy office" in table.stdout
    listed = ghgcalc(tmp_path, "factors", "list", "--set", "my-boilers", "--factors-dir", "myf", "-f", "json")
    assert {row["verified_via"] for row in json.loads(listed.stdout)} == {VIA}
    rows = ghgcalc(tmp_path, "factors", "list", "--set", "my-boilers", "--factors-dir", "myf", "-f", "csv")
    assert {row["verified_via"] for row in csv.DictReader(io.StringIO(rows.stdout))} == {VIA}


def test_factors_show_of_a_set_without_the_column_gives_it_empty(tmp_path: Path) -> None:
    own_factor_set(
        tmp_path, FACTOR_HEADER + f'boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,,,,,,"{SOURCE}",\n'
    )
    run = ghgcalc(
        tmp_path, "factors", "show", "boiler-diesel", "--set", "my-boilers", "--factors-dir", "myf", "-f", "json"
    )
    assert run.code == 0, run
    [entry] = json.loads(run.stdout)
    assert entry["verified_via"] == ""


def test_rows_of_one_key_that_disagree_on_it_are_refused_with_their_line(tmp_path: Path) -> None:
    other = TABLE.replace(f'0.0001,,,,,,"{SOURCE}",,"{VIA}"', f'0.0001,,,,,,"{SOURCE}",,"another copy"')
    assert other != TABLE
    own_factor_set(tmp_path, other)
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.code == "factor-row-invalid"
    assert problem.location == "myf/my-boilers/2024/factors.csv:2"
    assert "disagree on verified_via" in problem.message
    # compute refuses the set too, with the same line
    write(tmp_path, "my.yaml", INVENTORY)
    refused = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert refused.code == INPUT_ERRORS and "factors.csv:2" in refused.stderr and not refused.stdout


def test_a_row_short_of_the_optional_column_is_refused(tmp_path: Path) -> None:
    short = TABLE.replace(f',"{VIA}"\n', "\n", 1)  # the first row lacks the 16th field
    own_factor_set(tmp_path, short)
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.code == "factor-row-invalid" and problem.location.endswith("factors.csv:2")
    assert "15 fields, the header has 16" in problem.message


def test_the_report_factor_sheet_shows_source_and_transcription(tmp_path: Path) -> None:
    own_factor_set(tmp_path, TABLE)
    write(tmp_path, "my.yaml", INVENTORY)
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "xlsx", "-o", "my.xlsx")
    assert run.code == 0, run
    sheet = openpyxl.load_workbook(tmp_path / "my.xlsx")[FACTORS_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    head = next(row for row in rows if row[0] and str(row[0]).endswith("Set"))
    source, via = head.index("แหล่งที่มา\nSource"), head.index("ตรวจสอบกับ\nVerified via")
    assert via == source + 1
    diesel = next(row for row in rows if row[2] == "boiler-diesel")
    assert (diesel[source], diesel[via]) == (SOURCE, VIA)


def test_the_report_of_factors_without_it_has_no_empty_column(tmp_path: Path) -> None:
    own_factor_set(
        tmp_path, FACTOR_HEADER + f'boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,,,,,,"{SOURCE}",\n'
    )
    write(tmp_path, "my.yaml", INVENTORY)
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "xlsx", "-o", "my.xlsx")
    assert run.code == 0, run
    rows = list(openpyxl.load_workbook(tmp_path / "my.xlsx")[FACTORS_SHEET].iter_rows(values_only=True))
    cells = {str(value) for row in rows for value in row if value is not None}
    assert "แหล่งที่มา\nSource" in cells and "ตรวจสอบกับ\nVerified via" not in cells
