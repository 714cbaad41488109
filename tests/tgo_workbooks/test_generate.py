"""The generated TGO workbooks read back, with python-calamine, as README.md describes them."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string
from python_calamine import CalamineWorkbook

from tests.tgo_workbooks import generate as g


def cell(rows: list[list[Any]], ref: str) -> Any:
    """The value calamine reads at an A1 reference ('' when outside the used range)."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    r, c = int(ref[len(letters) :]) - 1, column_index_from_string(letters) - 1
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""


def read(path: Path) -> dict[str, list[list[Any]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}


SHEETS = {
    "form-1.5(1)": [
        "สรุปการคำนวณ ปี 2568",
        "CH4จาก Septic tank 2568",
        "CH4จากบ่อบำบัดไม่เติมอากาศ 2568",
        "สรุปการคำนวณ ปี 2567",
        "CH4จาก Septic tank 2567",
        "CH4จากบ่อบำบัดไม่เติมอากาศ2567",
        "EF TGO AR5",
    ],
    "form-1.5(1)-single-year": [
        "สรุปการคำนวณ ปี 2569",
        "CH4จาก Septic tank 2569",
        "CH4จากบ่อบำบัดไม่เติมอากาศ 2569",
        "EF TGO AR5",
    ],
    "vsheet-v04": [
        *["Fr-01", "Fr-02", "Fr-03.1", "Fr-03.2", "Fr-04.1", "Fr-04.2", "Fr-05"],
        *["EF TGO AR4", "EF TGO AR5", "บันทึกการปรับปรุง"],
    ],
    "vsheet-v07": [
        *["Fr-01", "Fr-02", "Fr-03.1", "Fr-03.2", "Fr-04.1", "Fr-04.2", "Fr-05"],
        *["EF TGO AR4", "EF TGO AR5", "EF TGO AR5 V2", "บันทึกการปรับปรุง"],
    ],
}

# header cells as README.md gives them: (sheet, cell, text)
HEADERS = {
    "form-1.5(1)": [
        ("สรุปการคำนวณ ปี 2568", "AD1", "แบบฟอร์ม 1.5(1)"),
        ("สรุปการคำนวณ ปี 2568", "B3", "รายการ"),
        ("สรุปการคำนวณ ปี 2568", "D3", "EF"),
        ("สรุปการคำนวณ ปี 2568", "F3", "หน่วย\nการเก็บ\nข้อมูล"),
        ("สรุปการคำนวณ ปี 2568", "G3", "ปริมาณก๊าซเรือนกระจก (kgCO2e) ประจำปี 2568"),
        ("สรุปการคำนวณ ปี 2568", "G4", "ม.ค."),
        ("สรุปการคำนวณ ปี 2568", "AC4", "ธ.ค."),
        ("สรุปการคำนวณ ปี 2568", "AE4", "รวม"),
        ("สรุปการคำนวณ ปี 2568", "G5", "ปริมาณ"),
        ("สรุปการคำนวณ ปี 2568", "AD5", "CF"),
        ("สรุปการคำนวณ ปี 2568", "B20", "การใช้พลังงานไฟฟ้า"),
        ("สรุปการคำนวณ ปี 2568", "A26", "รวม"),
        ("สรุปการคำนวณ ปี 2568", "E38", "ปี 2568"),
        ("สรุปการคำนวณ ปี 2568", "C42", "รวม"),
        ("สรุปการคำนวณ ปี 2568", "F49", "มิ.ค."),
        ("สรุปการคำนวณ ปี 2567", "AC1", "แบบฟอร์ม 1.5(1)"),
        ("สรุปการคำนวณ ปี 2567", "C3", "EF"),
        ("สรุปการคำนวณ ปี 2567", "F3", "เดือน / ประจำปี 2567"),
        ("สรุปการคำนวณ ปี 2567", "F4", "ม.ค."),
        ("สรุปการคำนวณ ปี 2567", "AD4", "รวม"),
        ("สรุปการคำนวณ ปี 2567", "AE8", "kgCO2e"),
        ("สรุปการคำนวณ ปี 2567", "B41", "รวม"),
        ("CH4จาก Septic tank 2568", "C1", "Jan"),
        ("CH4จาก Septic tank 2568", "N1", "Dec"),
        ("CH4จาก Septic tank 2568", "B3", "จำนวนพนักงานองค์กร"),
        ("CH4จากบ่อบำบัดไม่เติมอากาศ 2568", "A3", "ปริมาณน้ำใช้ในรอบปี m3"),
        ("CH4จากบ่อบำบัดไม่เติมอากาศ 2568", "C2", "ม.ค."),
        ("CH4จากบ่อบำบัดไม่เติมอากาศ 2568", "B11", "ม.ค."),
        ("CH4จากบ่อบำบัดไม่เติมอากาศ 2568", "A13", "CH4 (kgCH4)"),
        ("EF TGO AR5", "D2", "EMISSION FACTORS"),
    ],
    "vsheet-v04": [
        ("Fr-01", "I1", "TCFO_R_01\nVersion 04 : 21/2/2020"),
        ("Fr-01", "F22", "ระยะเวลาเก็บข้อมูล"),
        ("Fr-01", "F24", "ปีฐาน"),
        ("Fr-04.1", "AO1", "TCFO_R_01\nVersion 04 : 21/2/2020"),
        ("Fr-04.1", "C4", "Fr-04.1"),
        ("Fr-04.1", "D9", "ปริมาณ"),
        ("Fr-04.1", "F9", "Fossil CH4 "),
        ("Fr-04.1", "Q6", "Total (kgCO2e/หน่วย)"),
        ("Fr-04.1", "AO6", "Total GHG"),
        ("Fr-04.1", "A31", "ขอบเขต 2"),
        ("Fr-04.2", "B1", "บัญชีรายการก๊าซเรือนกระจก ปีฐาน (base year)"),
        ("Fr-05", "B14", "รวม Scope 1 & 2"),
        ("EF TGO AR5", "E3", "Fossil CH4 "),
        ("EF TGO AR4", "K3", "IPCC, AR4"),
    ],
}
HEADERS["vsheet-v07"] = [
    (s, c, t.replace("Version 04 : 21/2/2020", "Version 07 : 18/02/2026")) for s, c, t in HEADERS["vsheet-v04"]
]
HEADERS["form-1.5(1)-single-year"] = [
    ("สรุปการคำนวณ ปี 2569", "G3", "ปริมาณก๊าซเรือนกระจก (kgCO2e) ประจำปี 2569"),
    ("สรุปการคำนวณ ปี 2569", "D38", "ปี 2568"),
]


@pytest.mark.parametrize("name", g.GENERATORS)
def test_sheets_headers_and_cached_formula_values(tmp_path: Path, name: str) -> None:
    made = g.GENERATORS[name](tmp_path)
    book = read(made.path)
    assert list(book) == SHEETS[name]
    for sheet, ref, text in HEADERS[name]:
        assert cell(book[sheet], ref) == text, (sheet, ref)
    formulas = openpyxl.load_workbook(made.path)
    assert len(made.cached) > 50
    for (sheet, ref), value in made.cached.items():
        assert str(formulas[sheet][ref].value).startswith("="), (sheet, ref)
        got = cell(book[sheet], ref)
        if isinstance(value, str):
            assert got == value, (sheet, ref)
        else:
            assert isinstance(got, float | int) and math.isclose(got, value, rel_tol=1e-12, abs_tol=1e-12), (sheet, ref)


def test_the_form_reproduces_its_own_totals(tmp_path: Path) -> None:
    """Quantity x EF summed per row and per scope equals what the sheet prints (no mistake planted)."""
    book = read(g.form_1_5_1(tmp_path / "a.xlsx").path)["สรุปการคำนวณ ปี 2568"]
    total = 0.0
    for row in (8, 9, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 24, 25):
        ef = cell(book, f"D{row}")
        line = sum((cell(book, g.WIDE.month(m)[0] + str(row)) or 0) * ef for m in range(1, 13))
        assert math.isclose(line, cell(book, f"AE{row}"), rel_tol=1e-9), row
        total += line
    assert math.isclose(total, cell(book, "AE26"), rel_tol=1e-9)
    assert math.isclose(total / 1000, cell(book, "E42"), rel_tol=1e-9)


def test_planted_mistakes_are_where_the_readme_says(tmp_path: Path) -> None:
    made = g.form_1_5_1(
        tmp_path / "bad.xlsx",
        staff_slip=(12, 1122222),
        stale_total="cached",
        factors={12: 2.7446},
        pond_input={12: 1033},
    )
    book = read(made.path)
    summary, septic = book["สรุปการคำนวณ ปี 2568"], book["CH4จาก Septic tank 2568"]
    pond = book["CH4จากบ่อบำบัดไม่เติมอากาศ 2568"]
    assert cell(septic, "N3") == 1122222 and cell(septic, "M3") == 60
    assert math.isclose(cell(summary, "AC16"), cell(septic, "N2") * 1122222 * g.SEPTIC_Q2)
    # stale: March diesel (K12) x EF (D12) is not the cached CF (L12), which still holds the old amount
    assert not math.isclose(cell(summary, "K12") * cell(summary, "D12"), cell(summary, "L12"))
    assert cell(summary, "D12") == 2.7446
    assert cell(pond, "N3") == 1033 and cell(summary, "AC23") != 1033
    typed = read(g.form_1_5_1(tmp_path / "typed.xlsx", stale_total="typed").path)
    p = typed["CH4จากบ่อบำบัดไม่เติมอากาศ 2568"]
    assert not math.isclose(sum(cell(p, f"{c}3") for c in "CDEFGHIJKLMN"), cell(p, "O3"))


def test_vsheet_planted_mistakes(tmp_path: Path) -> None:
    fr04 = read(g.vsheet_cfo(tmp_path / "v.xlsx", "07", electricity_factor=0.4999, stale_total=True).path)["Fr-04.1"]
    assert cell(fr04, "Q31") == 0.4999
    assert not math.isclose(cell(fr04, "D11") * cell(fr04, "Q11") / 1000, cell(fr04, "AO11"))
