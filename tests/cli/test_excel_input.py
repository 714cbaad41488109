"""Excel inventories as users make them: read through the CLI, every problem at its sheet and cell."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import INPUT_ERRORS, ghgcalc, issues

MONTHS = [
    f"{en} / {th}"
    for en, th in zip(
        ("Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"),
        ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."),
        strict=True,
    )
]


def workbook(
    path: Path,
    activities: list[list[object]],
    inventory: list[tuple[str, object]] | None = None,
    header: list[object] | None = None,
    extra_header: list[object] | None = None,
) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Inventory"
    sheet.append(["Field / รายการ", "Value / ค่า"])
    for key, value in inventory or [
        ("ghgcalc", 1),
        ("name", "เทศบาลทดสอบ"),
        ("period", "FY2567"),
        ("factors", "tgo-cfo"),
    ]:
        sheet.append([key, value])
    acts = wb.create_sheet("Activities")
    if extra_header:
        acts.append(extra_header)
    acts.append(
        header
        or [
            "Activity / กิจกรรม",
            "Scope / ประเภท",
            "Label / รายละเอียด",
            "Unit / หน่วย",
            *MONTHS,
            "Total / รวม",
        ]
    )
    for row in activities:
        # rows give Oct, Nov, Dec and the total (columns E-G, H); the template's other nine months
        # (H-P) stay empty and the total moves to Q
        acts.append(row if header else [*row[:7], *[None] * 9, *row[7:]])
    wb.save(path)
    return path


def compute(tmp_path: Path, name: str) -> tuple[object, list]:
    run = ghgcalc(tmp_path, "compute", name, "-f", "json")
    return run, issues(run.stderr)


def test_a_filled_workbook_computes_like_yaml(tmp_path):
    workbook(
        tmp_path / "town.xlsx",
        [
            ["diesel-mobile", None, "Trucks", "L", 100, "200", "๓๐๐", 600],
            ["electricity-grid", None, "Office", "kWh", None, None, None, "12,500"],
            [None, None, None, None, None, None, None, 13100],  # a subtotal row
            [],  # an empty row
            ["Total", None, None, None, None, None, None, 99],  # a labelled subtotal row
            ["paper", 3, "Paper", "kg", None, None, None, 10],
        ],
    )
    (tmp_path / "town.yaml").write_text(
        "ghgcalc: 1\nname: เทศบาลทดสอบ\nperiod: FY2567\nfactors: tgo-cfo\nactivities:\n"
        "  - {activity: diesel-mobile, label: Trucks, unit: L, amount: [100, '200', '๓๐๐']}\n"
        "  - {activity: electricity-grid, label: Office, unit: kWh, amount: '12,500'}\n"
        "  - {activity: paper, scope: 3, label: Paper, unit: kg, amount: 10}\n",
        encoding="utf-8",
    )
    run, _ = compute(tmp_path, "town.xlsx")
    assert run.code == 0, run
    from_excel = json.loads(run.stdout)
    from_yaml = json.loads(ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json").stdout)
    for result in (from_excel, from_yaml):
        result.pop("source")
        for issue in result.get("warnings", []):  # the same warnings, each at its own file's place
            issue.pop("location")
    assert from_excel == from_yaml
    assert from_excel["lines"][0]["monthly"] == [100, 200, 300]


def test_problems_are_located_by_sheet_and_cell(tmp_path):
    workbook(
        tmp_path / "bad.xlsx",
        [
            ["diesel-mobile", None, "Trucks", "L", 1, 2, None, 5],  # total is not the months' sum
            ["paper", 3, "Paper", "kg", -5, None, None, None],
            ["nosuch", None, "?", "L", None, None, None, 1],
            ["electricity-grid", None, "Office", "litres", None, None, None, 1],
        ],
    )
    run, printed = compute(tmp_path, "bad.xlsx")
    assert run.code == INPUT_ERRORS and run.stdout == ""
    assert [(p.location, p.code) for p in printed if p.severity == "error"] == [
        ("bad.xlsx[Activities]!Q2", "total-mismatch"),
        ("bad.xlsx[Activities]!E3", "amount-negative"),
        ("bad.xlsx[Activities]!A4", "factor-missing"),
        ("bad.xlsx[Activities]!D5", "unit-incompatible"),
    ]


def test_buddhist_era_dates_and_a_two_row_header(tmp_path):
    workbook(
        tmp_path / "be.xlsx",
        [["electricity-grid", None, "Office", "kWh", 10, 20]],
        inventory=[
            ("ghgcalc", 1),
            ("name", "T"),
            ("period_start", dt.datetime(2566, 10, 1)),
            ("period_end", dt.datetime(2566, 11, 30)),  # two months: a column for each
        ],
        extra_header=["Activity / กิจกรรม", None, None, "Unit / หน่วย", "Monthly quantity / ปริมาณรายเดือน"],
        header=[None, "Scope", "Label", None, "ต.ค.", "พ.ย."],
    )
    wb = openpyxl.load_workbook(tmp_path / "be.xlsx")
    wb["Activities"].merge_cells("A1:A2")
    wb["Activities"].merge_cells("D1:D2")
    wb["Activities"].merge_cells("E1:F1")
    wb.save(tmp_path / "be.xlsx")
    run, _ = compute(tmp_path, "be.xlsx")
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert result["period"] == {"start": "2023-10-01", "end": "2023-11-30"}
    assert result["lines"][0]["monthly"] == [10, 20]


def _with_cached_value(path: Path, formula: str, value: str | None) -> None:
    """openpyxl saves formulas without results; write one as a spreadsheet program would."""
    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                cached = f"<v>{value}</v>" if value is not None else ""
                content = re.sub(
                    rb"<f>" + re.escape(formula.encode()) + rb"</f><v\s*/?>(</v>)?",
                    b"<f>" + formula.encode() + b"</f>" + cached.encode(),
                    content,
                )
            dst.writestr(item, content)
    path.write_bytes(out.getvalue())


def test_formulas_count_by_their_cached_value_and_without_one_are_errors(tmp_path):
    path = workbook(tmp_path / "f.xlsx", [["paper", 3, "Paper", "kg", None, None, None, "=4+6"]])
    _with_cached_value(path, "4+6", "10")
    run, _ = compute(tmp_path, "f.xlsx")
    assert run.code == 0, run
    assert json.loads(run.stdout)["lines"][0]["amount"] == 10
    path = workbook(tmp_path / "g.xlsx", [["paper", 3, "Paper", "kg", None, None, None, "=4+6"]])
    _with_cached_value(path, "4+6", None)
    run, printed = compute(tmp_path, "g.xlsx")
    assert [(p.location, p.code) for p in printed] == [("g.xlsx[Activities]!Q2", "formula-no-value")]


def test_xlsm_is_read_for_values(tmp_path):
    workbook(tmp_path / "m.xlsx", [["paper", 3, "Paper", "kg", None, None, None, 10]])
    (tmp_path / "m.xlsx").rename(tmp_path / "m.xlsm")
    run, _ = compute(tmp_path, "m.xlsm")
    assert run.code == 0 and json.loads(run.stdout)["total_t_co2e"] == pytest.approx(0.02102)


@pytest.mark.parametrize("damage", ["truncated", "not-a-zip", "zip-bomb", "no-sheets"])
def test_damaged_or_hostile_workbooks_are_refused(tmp_path, damage):
    path = workbook(tmp_path / "x.xlsx", [["paper", 3, "Paper", "kg", None, None, None, 10]])
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    elif damage == "not-a-zip":
        path.write_bytes(b"name,amount\npaper,10\n")
    elif damage == "zip-bomb":
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    else:
        wb = openpyxl.Workbook()
        wb.active.title = "Sheet1"
        wb.save(path)
    run, printed = compute(tmp_path, "x.xlsx")
    assert run.code == INPUT_ERRORS
    assert printed and all(p.location.startswith("x.xlsx") for p in printed)
    expected = {
        "truncated": "xlsx-refused",
        "not-a-zip": "xlsx-refused",
        "zip-bomb": "xlsx-refused",
        "no-sheets": "sheet-missing",
    }[damage]
    assert printed[0].code == expected


def test_a_row_pasted_twice_is_named_at_its_row(tmp_path):
    workbook(
        tmp_path / "town.xlsx",
        [
            ["diesel-mobile", None, "Trucks", "L", 100, 200, 300, 600],
            ["electricity-grid", None, "Office", "kWh", 5000, 5100, 5200, 15300],
            ["diesel-mobile", None, "Trucks", "L", 100, 200, 300, 600],
        ],
    )
    run, found = compute(tmp_path, "town.xlsx")
    repeated = [p for p in found if p.code == "line-repeated"]
    assert run.code == 0 and len(repeated) == 1
    assert repeated[0].location == "town.xlsx[Activities]!A4" and "as activity 1" in repeated[0].message
