"""The data-quality columns of an inventory workbook (docs/excel-format.md, "Data quality columns"):
each read into the line as YAML writes it, in English or Thai, every bad cell an error at its cell,
a cell typed as a percentage read as the percentage it shows, and YAML -> xlsx -> YAML unchanged.

Workbooks are written with openpyxl, as a spreadsheet program would, and read by the CLI.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from python_calamine import CalamineWorkbook

from ghgcalc.models.inventory import LARGEST_RANGE_PCT
from tests.helpers import INPUT_ERRORS, USAGE, Printed, Run, ghgcalc, issues, write

ENGLISH = [
    "Data source",
    "Activity data quality",
    "Factor quality",
    "Evidence",
    "Activity uncertainty %",
    "Factor uncertainty %",
]
THAI = [
    "แหล่งข้อมูล",
    "คุณภาพข้อมูลกิจกรรม",
    "คุณภาพค่าการปล่อย",
    "หลักฐาน",
    "ความไม่แน่นอนข้อมูลกิจกรรม (%)",
    "ความไม่แน่นอนค่าการปล่อย (%)",
]
# as `ghgcalc init` writes them
BILINGUAL = [f"{english} / {thai}" for english, thai in zip(ENGLISH, THAI, strict=True)]
# columns A-C, then the six above in D-I
SOURCE, ACTIVITY_GRADE, FACTOR_GRADE, EVIDENCE, ACTIVITY_RANGE, FACTOR_RANGE = "DEFGHI"
ROW = ["electricity-grid", "kWh", 1000]
GOOD = ["1st", "high", "medium", "PEA invoices, 12 months", 2, "-10/+20"]


def workbook(
    path: Path,
    rows: list[list[Any]],
    headers: list[str] = ENGLISH,
    edit: Callable[[Any], None] | None = None,
    custom: list[list[Any]] | None = None,
) -> Path:
    """An inventory workbook: calendar year 2567, tgo-cfo; Activities with Activity, Unit, Total
    in A-C and `headers` from D on; an optional Custom factors sheet (`custom`, header first)."""
    book = openpyxl.Workbook()
    inventory = book.active
    inventory.title = "Inventory"
    inventory.append(["Field", "Value"])
    for key, value in (("ghgcalc", 1), ("name", "Town"), ("period", 2567), ("factors", "tgo-cfo")):
        inventory.append([key, value])
    activities = book.create_sheet("Activities")
    activities.append(["Activity / กิจกรรม", "Unit / หน่วย", "Total / รวม", *headers])
    for row in rows:
        activities.append(row)
    if custom is not None:
        sheet = book.create_sheet("Custom factors")
        for row in custom:
            sheet.append(row)
    if edit is not None:
        edit(book)
    book.save(path)
    return path


def computed(tmp_path: Path, name: str = "town.xlsx") -> dict[str, Any]:
    run = ghgcalc(tmp_path, "compute", name, "-f", "json")
    assert run.code == 0, run
    return dict(json.loads(run.stdout))


def converted(tmp_path: Path, name: str = "town.xlsx") -> dict[str, Any]:
    """The workbook's inventory document, as `ghgcalc convert` writes it in YAML."""
    run = ghgcalc(tmp_path, "convert", name, "back.yaml", "--force")
    assert run.code == 0, run
    return dict(yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8")))


def error_at(run: Run, code: str, where: str, hint: str | None = None) -> Printed:
    assert run.code == INPUT_ERRORS, run
    found = [p for p in issues(run.stderr) if p.code == code and p.severity == "error" and p.location == where]
    assert found, f"expected error[{code}] at {where}\n{run}"
    if hint is not None:
        assert found[0].hint and hint.lower() in found[0].hint.lower(), f"expected a hint with {hint!r}\n{run}"
    assert run.stdout.strip() in ("", "[]"), run
    return found[0]


# --------------------------------------------------------------------------------------------
# Each column is read into the line, under its English or Thai header


HEADERS = {
    "english": ENGLISH,
    "thai": THAI,
    "bilingual-as-the-template-writes": BILINGUAL,
    # as templates before the Thai terms were made one wrote the factor's columns
    "bilingual-as-a-former-template-wrote": [
        *BILINGUAL[:2],
        "Factor quality / คุณภาพค่าสัมประสิทธิ์",
        *BILINGUAL[3:5],
        "Factor uncertainty % / ความไม่แน่นอนค่าสัมประสิทธิ์ (%)",
    ],
    "english-variants": [
        "DATA SOURCE",
        "Activity quality",
        "Emission factor quality",
        "evidence",
        "Activity uncertainty (%)",
        "Factor  uncertainty ±%",
    ],
}


@pytest.mark.parametrize("headers", HEADERS.values(), ids=HEADERS.keys())
def test_each_column_is_read_into_the_line(tmp_path: Path, headers: list[str]) -> None:
    workbook(tmp_path / "town.xlsx", [[*ROW, *GOOD]], headers)
    line = converted(tmp_path)["activities"][0]
    assert line["data_quality"] == {"source": "1st", "activity": "high", "factor": "medium"}
    assert line["evidence"] == "PEA invoices, 12 months"
    assert line["uncertainty"] == {"activity": 2, "factor": [-10, 20]}
    # and the calculation uses them: ±2 % and 10 % below to 20 % above, as written
    result = computed(tmp_path)["lines"][0]
    assert result["data_quality"] == {"source": "1st", "activity": "high", "factor": "medium"}
    assert result["uncertainty_given_pct"] == {"activity": [-2.0, 2.0], "factor": [-10.0, 20.0]}


def test_empty_cells_leave_a_line_without_those_fields(tmp_path: Path) -> None:
    workbook(
        tmp_path / "town.xlsx",
        [[*ROW, None, "low", None, None, None, 7], [*ROW, None, None, None, None, None, None]],
    )
    first, second = converted(tmp_path)["activities"]
    assert first["data_quality"] == {"activity": "low"}
    assert first["uncertainty"] == {"factor": 7}
    assert "evidence" not in first
    assert not {"data_quality", "evidence", "uncertainty"} & set(second)


def test_tgo_fr_04_1_labels_and_grade_letters_are_read(tmp_path: Path) -> None:
    """Fr-04.1 prints the tiers as "1st (Self collect / Supplier)", "2nd (TH LCI DB / TGO EF /
    Thai Res. / Int. DB)" and "Other"; the GPC grades may be written H, M, L."""
    rows = [
        [*ROW, "1st (Self collect / Supplier)", "H", "m"],
        [*ROW, "2nd (TH LCI DB / TGO EF / Thai Res. / Int. DB)", "Medium", "L"],
        [*ROW, "Other", "low", "HIGH"],
    ]
    workbook(tmp_path / "town.xlsx", rows)
    quality = [line["data_quality"] for line in computed(tmp_path)["lines"]]
    assert quality == [
        {"source": "1st", "activity": "high", "factor": "medium"},
        {"source": "2nd", "activity": "medium", "factor": "low"},
        {"source": "other", "activity": "low", "factor": "high"},
    ]


def test_evidence_typed_as_a_number_is_its_text(tmp_path: Path) -> None:
    workbook(tmp_path / "town.xlsx", [[*ROW, None, None, None, 2567]])
    assert converted(tmp_path)["activities"][0]["evidence"] == "2567"


# --------------------------------------------------------------------------------------------
# Bad cells: an error at the cell, with a hint, and no result


BAD: dict[str, tuple[int, Any, str, str, str]] = {
    # name: (index in GOOD, cell value, code, column, a word of the hint)
    "third-tier": (0, "3rd", "data-quality-invalid", SOURCE, "1st, 2nd, other"),
    "tgo-label-misspelt": (0, "First hand", "data-quality-invalid", SOURCE, "1st, 2nd, other"),
    "activity-grade": (1, "good", "data-quality-invalid", ACTIVITY_GRADE, "high, medium, low"),
    "factor-grade-number": (2, 3, "data-quality-invalid", FACTOR_GRADE, "high, medium, low"),
    "comma-range": (4, "-10, 20", "uncertainty-invalid", ACTIVITY_RANGE, "-10/+20"),
    "dash-range": (4, "10-20", "uncertainty-invalid", ACTIVITY_RANGE, "-10/+20"),
    "bracket-range": (5, "[-10, 20]", "uncertainty-invalid", FACTOR_RANGE, "-10/+20"),
    "limits-swapped": (5, "20/-10", "uncertainty-invalid", FACTOR_RANGE, "-10/+20"),
    "three-parts": (5, "-10/+20/+30", "uncertainty-invalid", FACTOR_RANGE, "-10/+20"),
    "lower-below-minus-100": (5, "-150/+20", "uncertainty-invalid", FACTOR_RANGE, "-10/+20"),
    "negative-number": (4, -5, "uncertainty-invalid", ACTIVITY_RANGE, "5 for ±5 %"),
    "too-large": (5, 2 * LARGEST_RANGE_PCT, "uncertainty-invalid", FACTOR_RANGE, "5 for ±5 %"),
    "words": (4, "about five", "uncertainty-invalid", ACTIVITY_RANGE, "5 for ±5 %"),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_a_bad_cell_is_an_error_at_the_cell(tmp_path: Path, case: tuple[int, Any, str, str, str]) -> None:
    index, value, code, column, hint = case
    cells = list(GOOD)
    cells[index] = value
    workbook(tmp_path / "town.xlsx", [[*ROW, *GOOD], [*ROW, *cells]])
    error_at(ghgcalc(tmp_path, "validate", "town.xlsx"), code, f"town.xlsx[Activities]!{column}3", hint)


def test_evidence_longer_than_the_model_allows_is_an_error_at_its_cell(tmp_path: Path) -> None:
    workbook(tmp_path / "town.xlsx", [[*ROW, None, None, None, "x" * 2001]])
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == INPUT_ERRORS, run
    assert [p.location for p in issues(run.stderr) if p.severity == "error"] == [f"town.xlsx[Activities]!{EVIDENCE}2"]


def test_every_bad_cell_of_a_row_is_reported_in_one_run(tmp_path: Path) -> None:
    workbook(tmp_path / "town.xlsx", [[*ROW, "3rd", "good", "fine", None, "-10, 20", "20/-10"]])
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == INPUT_ERRORS, run
    where = sorted(p.location or "" for p in issues(run.stderr) if p.severity == "error")
    expected = [SOURCE, ACTIVITY_GRADE, FACTOR_GRADE, ACTIVITY_RANGE, FACTOR_RANGE]
    assert where == sorted(f"town.xlsx[Activities]!{column}2" for column in expected)


# --------------------------------------------------------------------------------------------
# Cells typed as percentages: 0.05 shown as 5% is 5 %


def _formatted(cell: str, number_format: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        book["Activities"][cell].number_format = number_format

    return edit


PERCENT = {
    # name: (cell value, number format, the % the cell shows, worked out by hand)
    "whole-percent": (0.05, "0%", 5),
    "one-decimal": (0.125, "0.0%", 12.5),
    "two-decimals": (0.07, "0.00%", 7),  # 0.07 * 100 is 7.000000000000001 in floating point
    "custom-with-colour": (0.3, "[Blue]0%", 30),
    "literal-percent-sign": (5, '0"%"', 5),  # shows "5%" without scaling
    "escaped-percent-sign": (5, "0\\%", 5),
    "general": (5, "General", 5),
}


@pytest.mark.parametrize("case", PERCENT.values(), ids=PERCENT.keys())
def test_a_percent_formatted_cell_is_read_as_the_percentage_it_shows(
    tmp_path: Path, case: tuple[float, str, float]
) -> None:
    value, number_format, shown = case
    cell = f"{ACTIVITY_RANGE}2"
    workbook(tmp_path / "town.xlsx", [[*ROW, None, None, None, None, value]], edit=_formatted(cell, number_format))
    assert converted(tmp_path)["activities"][0]["uncertainty"] == {"activity": shown}
    assert computed(tmp_path)["lines"][0]["uncertainty_given_pct"]["activity"] == [-shown, shown]


def test_a_percent_format_elsewhere_does_not_scale_a_plain_cell(tmp_path: Path) -> None:
    def edit(book: Any) -> None:
        book["Activities"][f"{FACTOR_RANGE}2"].number_format = "0%"

    workbook(
        tmp_path / "town.xlsx", [[*ROW, None, None, None, None, 5, 0.1], [*ROW, None, None, None, None, 5]], edit=edit
    )
    first, second = converted(tmp_path)["activities"]
    assert first["uncertainty"] == {"activity": 5, "factor": 10}
    assert second["uncertainty"] == {"activity": 5}


def test_a_range_typed_as_text_in_a_percent_cell_stays_as_written(tmp_path: Path) -> None:
    cell = f"{FACTOR_RANGE}2"
    workbook(tmp_path / "town.xlsx", [[*ROW, None, None, None, None, None, "-10/+20"]], edit=_formatted(cell, "0%"))
    assert converted(tmp_path)["activities"][0]["uncertainty"] == {"factor": [-10, 20]}


def test_a_percent_formatted_custom_factor_range_is_read_as_the_percentage(tmp_path: Path) -> None:
    custom = [
        ["Key", "Per", "Gas", "kg", "Source", "Scope", "Uncertainty %"],
        ["boiler", "L", "CO2", 2.7, "sheet", 1, 0.04],
    ]

    def edit(book: Any) -> None:
        book["Custom factors"]["G2"].number_format = "0%"

    workbook(tmp_path / "town.xlsx", [["boiler", "L", 100]], edit=edit, custom=custom)
    assert converted(tmp_path)["custom_factors"][0]["uncertainty"] == 4


def patch(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part of the zip, as another program would have written it."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, change(data) if item.filename == member else data)
    path.write_bytes(out.getvalue())


ACTIVITIES_XML = "xl/worksheets/sheet2.xml"  # openpyxl writes the sheets in order: Inventory, Activities


def test_thai_excels_built_in_percent_format_is_a_percentage(tmp_path: Path) -> None:
    """Built-in format 67 is "t0%" in the Thai list of ECMA-376 Part 1 §18.8.30; the file carries
    only its number, as Thai Excel writes it."""
    path = workbook(
        tmp_path / "town.xlsx",
        [[*ROW, None, None, None, None, 0.05]],
        edit=_formatted(f"{ACTIVITY_RANGE}2", "0%"),  # built-in 9, renumbered below
    )
    with zipfile.ZipFile(path) as archive:
        assert b'numFmtId="9"' in archive.read("xl/styles.xml")
    patch(path, "xl/styles.xml", lambda data: data.replace(b'numFmtId="9"', b'numFmtId="67"'))
    assert converted(tmp_path)["activities"][0]["uncertainty"] == {"activity": 5}


def test_a_percent_cell_the_xml_does_not_place_is_refused_not_guessed(tmp_path: Path) -> None:
    cell = f"{ACTIVITY_RANGE}2"
    path = workbook(tmp_path / "town.xlsx", [[*ROW, *GOOD[:4], 0.05]], edit=_formatted(cell, "0%"))
    patch(path, ACTIVITIES_XML, lambda data: data.replace(f'<c r="{cell}"'.encode(), b"<c"))
    # calamine places the cell after the one before it (G2), but its reference is gone
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Activities").to_python()
    assert sheet[1][7] == 0.05
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    error_at(run, "uncertainty-format-unknown", f"town.xlsx[Activities]!{cell}", "as text")


def test_a_styles_part_that_cannot_be_read_refuses_numbers_only(tmp_path: Path) -> None:
    cell = f"{ACTIVITY_RANGE}2"
    path = workbook(
        tmp_path / "town.xlsx",
        [[*ROW, None, None, None, None, 0.05, "-10/+20"]],
        edit=_formatted(cell, "0%"),
    )
    patch(path, "xl/styles.xml", lambda data: re.sub(rb'(<xf [^>]*?)numFmtId="9"', rb'\1numFmtId="nine"', data))
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    error_at(run, "uncertainty-format-unknown", f"town.xlsx[Activities]!{cell}")
    assert [p.location for p in issues(run.stderr) if p.severity == "error"] == [f"town.xlsx[Activities]!{cell}"]


# --------------------------------------------------------------------------------------------
# YAML -> xlsx -> YAML keeps every field; `init` writes the columns


ROUND_TRIP = """\
ghgcalc: 1
name: Town
period: 2567
factors: tgo-cfo
custom_factors:
  - {key: boiler, per: L, kg: {CO2: 2.7}, source: supplier sheet, scope: 1, uncertainty: [-2.0, 0.9]}
  - {key: stove, per: kg, kg: {CO2: 3.0}, source: supplier sheet, scope: 1, uncertainty: 4}
activities:
  - activity: electricity-grid
    amount: 140330
    unit: kWh
    data_quality: {source: 1st, activity: high, factor: medium}
    evidence: "PEA invoices, 12 months"
    uncertainty: {activity: 2, factor: [-10, 20]}
  - activity: boiler
    amount: [10, 20.5]
    unit: L
    data_quality: {source: other, activity: L, factor: M}
    evidence: "fuel log,\\nline two"
    uncertainty: {activity: 2.5, factor: "5%"}
  - activity: stove
    amount: 3
    unit: kg
    data_quality: {source: 2nd}
    uncertainty: {factor: [0, 12.25]}
  - {activity: electricity-grid, amount: 5, unit: kWh}
"""


def test_yaml_to_xlsx_to_yaml_keeps_data_quality_evidence_and_uncertainty(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", ROUND_TRIP)
    assert ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx").code == 0
    back = converted(tmp_path)
    before = yaml.safe_load(ROUND_TRIP)
    assert back["activities"] == before["activities"]
    assert back["custom_factors"] == before["custom_factors"]
    # the workbook computes the same, uncertainty analysis included
    original = ghgcalc(tmp_path, "compute", "town.yaml", "--uncertainty", "-f", "json")
    excel = ghgcalc(tmp_path, "compute", "town.xlsx", "--uncertainty", "-f", "json")
    assert original.code == excel.code == 0, (original, excel)
    first, second = json.loads(original.stdout), json.loads(excel.stdout)
    for data in (first, second):
        data.pop("source")
        for warning in data["warnings"]:
            warning.pop("location")  # file:line:col in YAML, file[sheet]!cell in Excel
    assert first == second


def test_the_written_range_is_text_and_the_written_number_a_number(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", ROUND_TRIP)
    assert ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx").code == 0
    sheet = openpyxl.load_workbook(tmp_path / "town.xlsx")["Activities"]
    header = [cell.value for cell in sheet[1]]
    activity, factor = header.index(BILINGUAL[4]) + 1, header.index(BILINGUAL[5]) + 1
    assert sheet.cell(row=2, column=activity).value == 2
    assert sheet.cell(row=2, column=factor).value == "-10/+20"
    assert sheet.cell(row=4, column=factor).value == "0/+12.25"


SHAPES = {
    "a-number-for-the-mapping": ("uncertainty: 5", "not a mapping"),
    "a-misspelt-key": ("uncertainty: {activty: 5}", "activty"),
    "an-unknown-data-quality-key": ("data_quality: {source: 1st, verified: yes}", "verified"),
    "a-list-for-the-mapping": ("data_quality: [1st, high]", "not a mapping"),
}


@pytest.mark.parametrize("case", SHAPES.values(), ids=SHAPES.keys())
def test_convert_refuses_what_the_columns_cannot_hold(tmp_path: Path, case: tuple[str, str]) -> None:
    field, mention = case
    line = f"  - activity: electricity-grid\n    amount: 1\n    unit: kWh\n    {field}\n"
    text = f"ghgcalc: 1\nname: T\nperiod: 2567\nactivities:\n{line}"
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx")
    assert run.code == USAGE, run
    assert mention in run.stderr and "activity 1" in run.stderr and "hint:" in run.stderr, run
    assert not (tmp_path / "town.xlsx").exists()


def test_the_init_template_has_the_columns_drop_downs_and_notes(tmp_path: Path) -> None:
    assert ghgcalc(tmp_path, "init", "town.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    sheet = book["Activities"]
    header = [cell.value for cell in sheet[1]]
    assert header[-6:] == BILINGUAL
    letter = {name: openpyxl.utils.get_column_letter(header.index(name) + 1) for name in BILINGUAL}
    checks = {str(check.sqref): check for check in sheet.data_validations.dataValidation}
    source = checks[f"{letter[BILINGUAL[0]]}2:{letter[BILINGUAL[0]]}1000"]
    assert (source.type, source.formula1) == ("list", '"1st,2nd,other"')
    assert "Self collect / Supplier" in source.prompt  # TGO's labels, in the note
    for grade in BILINGUAL[1:3]:
        check = checks[f"{letter[grade]}2:{letter[grade]}1000"]
        assert (check.type, check.formula1) == ("list", '"high,medium,low"')
    for note in BILINGUAL[3:]:
        check = checks[f"{letter[note]}2:{letter[note]}1000"]
        assert check.type is None and check.showInputMessage and check.prompt
    assert "-10/+20" in checks[f"{letter[BILINGUAL[4]]}2:{letter[BILINGUAL[4]]}1000"].prompt
    custom = [cell.value for cell in book["Custom factors"][1]]
    assert custom[-1] == "Uncertainty % / ความไม่แน่นอน (%)"


def test_the_template_filled_in_by_a_person_is_read(tmp_path: Path) -> None:
    assert ghgcalc(tmp_path, "init", "town.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    sheet = book["Activities"]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == "electricity-grid")
    sheet.cell(row=row, column=header.index("Total / รวม") + 1, value=12000)
    for name, value in zip(
        BILINGUAL, ["1st (Self collect / Supplier)", "H", "M", "PEA invoices", 0.03, "-5/+10"], strict=True
    ):
        sheet.cell(row=row, column=header.index(name) + 1, value=value)
    sheet.cell(row=row, column=header.index(BILINGUAL[4]) + 1).number_format = "0%"  # typed as 3%
    book.save(tmp_path / "town.xlsx")
    lines = [line for line in computed(tmp_path)["lines"] if line["activity"] == "electricity-grid"]
    assert len(lines) == 1
    assert lines[0]["data_quality"] == {"source": "1st", "activity": "high", "factor": "medium"}
    assert lines[0]["uncertainty_given_pct"] == {"activity": [-3.0, 3.0], "factor": [-5.0, 10.0]}


STARTER_LINES = ("    # data_quality: {source: 2nd, activity: high, factor: medium}", "    # evidence: ")


@pytest.mark.parametrize("kind", ["organization", "community"])
def test_the_yaml_starters_show_data_quality_and_evidence(tmp_path: Path, kind: str) -> None:
    assert ghgcalc(tmp_path, "init", "town.yaml", "--kind", kind).code == 0
    text = (tmp_path / "town.yaml").read_text(encoding="utf-8")
    for line in STARTER_LINES:
        assert text.count(line) == 1, line
    # uncommented, the example is valid where it stands
    for line in STARTER_LINES:
        text = text.replace(line, line.replace("# ", "", 1))
    write(tmp_path, "town.yaml", text)
    graded = [line for line in computed(tmp_path, "town.yaml")["lines"] if line.get("data_quality")]
    assert [line["data_quality"] for line in graded] == [{"source": "2nd", "activity": "high", "factor": "medium"}]
