"""Synthetic TGO workbooks with the layouts of the real, filled ones (see README.md in this folder).

Every function writes one workbook with openpyxl: the sheet names, header rows, merged ranges, row
labels and formula texts are those of TGO's form 1.5(1) and V-Sheet CFO as found; the numbers are
synthetic. openpyxl cannot compute formulas, so each formula is written together with the value the
generator computes for it, and that value is then stored as the cell's cached result (``<v>``) by
rewriting the sheet XML, as a spreadsheet program would after recalculating. ``cached`` of the
returned :class:`Generated` maps ``(sheet, cell)`` to that value, so tests can compare.

Planted mistakes (all off by default):

- ``staff_slip=(month, staff)``: the septic-tank sheet's staff count for one month (1 = Jan) is typed
  as ``staff`` (the real one: 1,122,222 in December instead of 95); all cached values follow it.
- ``stale_total="cached"``: a month of the first quantity row was corrected after the last
  recalculation: the input cell holds the corrected value, every formula that depends on it keeps
  the cached value computed from the old one. ``stale_total="typed"``: the pond sheet's typed total
  (O3, not a formula in TGO's sheet) no longer equals its twelve months.
- ``factors={row: value}``: the factor in column EF of a summary row replaced (an outdated edition).
- ``pond_input={month: m3}``: the pond sheet's water for one month differs from the summary's
  water row (two copies of one year differing by 1,033 vs 1,032.6 m3).
- ``septic_stale=(month, staff)``: the septic sheet's staff for one month was corrected after the last
  recalculation: its CH4 cell (row 4) and everything after it keep the value cached from ``staff``.
- ``septic_typed={month: kgCH4}``: the summary's septic row (16) typed over for one month instead of
  linked to the septic sheet's row 4.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string as idx
from openpyxl.utils import get_column_letter as col

THAI_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
# the comparison table (row 49 / 48) is typed with two slips of TGO's own: March as มิ.ค., "ส.ค. " with a space
THAI_MONTHS_TABLE = ["ม.ค.", "ก.พ.", "มิ.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค. ", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
ENGLISH_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FORM_TITLE = "โปรแกรมการคำนวณคาร์บอนฟุตพริ้นท์พัฒนาโดย องค์การบริหารจัดการก๊าซเรือนกระจก (องค์การมหาชน) หรือ อบก."

# Rows 6..25 of "สรุปการคำนวณ ปี 25xx": (row, label, EF, EF unit, collection unit, kind).
# kind: "head" a heading row without numbers, "typed" monthly quantities typed in, "septic"/"pond"
# quantities linked to those sheets, "no-formula" a row TGO left without formulas (R22).
# The EF values are those printed in the real sheets (TGO's published factors), not invented.
SUMMARY_ROWS: list[tuple[int, str, float | None, str | None, str | None, str]] = [
    (6, "1. การเผาไหม้แบบอยู่กับที่ (Stationary Combustion)", None, None, None, "head"),
    (7, "การใช้น้ำมันสำหรับงานอาคาร", None, None, None, "head"),
    (8, "Diesel (Generator) ", 2.7078, "kg CO2e/ลิตร", "ลิตร", "typed"),
    (9, "Diesel (Fire pump) ", 2.7078, "kg CO2e/ลิตร", "ลิตร", "typed"),
    (10, "2. การเผาไหม้แบบเคลื่อนที่ (Mobile Combustion)", None, None, None, "head"),
    (11, "การใช้น้ำมันสำหรับการเดินทาง (รถตู้  รถมอเตอร์ไซค์)", None, None, None, "head"),
    (12, "น้ำมัน Diesel ", 2.7406, "kg CO2e/ลิตร", "ลิตร", "typed"),
    (13, "น้ำมัน Gasohol 91, E20, E85", 2.2394, "kg CO2e/ลิตร", "ลิตร", "typed"),
    (14, "น้ำมัน Gasohol 95", 2.2394, "kg CO2e/ลิตร", "ลิตร", "typed"),
    (15, "3. การใช้สารดับเพลิง (CO2)", 1, "kg CO2e/kgCO2", "kg", "typed"),
    (16, "4. การปล่อยสารมีเทนจากระบบ septic tank", 28, "kg CO2e/kgCH4", "kgCH4", "septic"),
    (17, "5. การปล่อยสารมีเทนจากบ่อบำบัดน้ำเสียแบบไม่เติมอากาศ", 28, "kg CO2e/kgCH4", "kgCH4", "pond"),
    (18, "6.การใช้สารทำความเย็นชนิด R22", 1760, "kg CO2e/kgCHClF2", "kgCHClF2", "no-formula"),
    (19, "6.การใช้สารทำความเย็นชนิด R32", 677, "kg CO2e/kgCH2F2", "kgCH2F2", "typed"),
    (20, "การใช้พลังงานไฟฟ้า", 0.4999, "kg CO2e/kWh", "kWh", "typed"),
    (21, "การใช้กระดาษ A4 และ A3 (สีขาว)", 2.102, "kg CO2e/kg", "kg", "typed"),
    (22, "น้ำประปา-การประปานครหลวง", 0.7948, "kg CO2e/m3", "m3", "typed"),
    (23, "น้ำประปา-การประปาส่วนภูมิภาค", 0.541, "kg CO2e/m3", "m3", "typed"),
    (24, "ขยะของเสีย (ฝังกลบ)", 2.32, "kg CO2e/kg", "kg", "typed"),
    (25, "ขยะของเสีย (เผากำจัดโดยใช้น้ำมันดีเซล)", 2.7078, "kg CO2e/ลิตร", "ลิตร", "typed"),
]
# the comparison table's row labels (rows 50..65 of the 2568 layout, 49..64 of the 2567 layout)
TABLE_LABELS = {
    8: "Diesel (Generator) สำหรับงานอาคาร",
    9: "Diesel (Fire pump) สำหรับงานอาคาร",
    12: "น้ำมัน Diesel สำหรับการเดินทาง",
    13: "น้ำมัน Gasohol 91, E20, E85 สำหรับการเดินทาง",
    14: "น้ำมัน Gasohol 95 สำหรับการเดินทาง",
    15: "การใช้สารดับเพลิง (CO2)",
    16: "การปล่อยมีเทนจากระบบ septic tank",
    17: "การปล่อยมีเทนจากบ่อบำบัดน้ำเสียแบบไม่เติมอากาศ",
    18: "การใช้สารทำความเย็นชนิด R22",
    19: "การใช้สารทำความเย็นชนิด R32",
    20: "การใช้พลังงานไฟฟ้า",
    21: "การใช้กระดาษ A4 และ A3 (สีขาว)",
    22: "น้ำประปา-การประปานครหลวง",
    23: "น้ำประปา-การประปาส่วนภูมิภาค",
    24: "ขยะของเสีย (ฝังกลบ)",
    25: "ขยะของเสีย (เผากำจัดโดยใช้น้ำมันดีเซล)",
}
# synthetic monthly quantities: a base per row, varied by month (rows left out stay empty, as in the real ones)
SYNTHETIC_BASE = {12: 70.0, 20: 30000.0, 21: 180.0, 23: 600.0, 24: 360.0}
SEPTIC_Q2 = 0.012  # =D23*E23*F23*H23*I23 of the septic sheet: 1 x 1 x 0.3 x 40 x 0.001 kgCH4 per person-day


def synthetic_month(base: float, month: int, year: int) -> float:
    """A plausible, non-round quantity for month 1..12: base x (0.8 .. 1.2), one decimal."""
    return round(base * (1 + 0.2 * math.sin(month * 1.7 + year % 7)), 1)


@dataclass
class Generated:
    path: Path
    sheets: list[str]
    cached: dict[tuple[str, str], Any] = field(default_factory=dict)


class _Book:
    """An openpyxl workbook that remembers the cached value of every formula it writes."""

    def __init__(self) -> None:
        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)
        self.cached: dict[tuple[str, str], Any] = {}

    def sheet(self, title: str) -> Any:
        return self.wb.create_sheet(title)

    def formula(self, ws: Any, cell: str, text: str, value: Any) -> Any:
        ws[cell] = "=" + text
        self.cached[(ws.title, cell)] = value
        return value

    def save(self, path: Path) -> Generated:
        names = self.wb.sheetnames
        self.wb.save(path)
        _store_cached_values(path, names, self.cached)
        return Generated(path, names, dict(self.cached))


def _store_cached_values(path: Path, names: list[str], cached: dict[tuple[str, str], Any]) -> None:
    """Write each formula's value as its cached result (openpyxl writes ``<f>..</f><v />``)."""
    by_sheet: dict[str, dict[str, Any]] = {}
    for (sheet, cell), value in cached.items():
        by_sheet.setdefault(sheet, {})[cell] = value
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for number, name in enumerate(names, start=1):
        part = f"xl/worksheets/sheet{number}.xml"
        values = by_sheet.get(name, {})

        def fill(m: re.Match[bytes], values: dict[str, Any] = values, name: str = name) -> bytes:
            ref = m.group(2).decode()
            if ref not in values:
                raise AssertionError(f"formula without a cached value: {name}!{ref}")
            value = values[ref]
            if isinstance(value, str):
                return m.group(1) + b' t="str"' + m.group(3) + b"<v>" + _xml(value) + b"</v></c>"
            return m.group(1) + m.group(3) + b"<v>" + repr(float(value)).encode() + b"</v></c>"

        pattern = rb'(<c r="([A-Z]+[0-9]+)"[^>]*?)(>\s*<f>.*?</f>)\s*<v\s*/>\s*</c>'
        parts[part] = re.sub(pattern, fill, parts[part], flags=re.S)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


_REFERENCE = re.compile(
    r"(?P<q>(?:'[^']+'|[^\s'!(),=*+/-]+)!)?(?P<a>\$?[A-Z]{1,3}\$?)(?P<ra>\d+)"
    r"(?::(?P<b>\$?[A-Z]{1,3}\$?)(?P<rb>\d+))?(?![\d(A-Za-z])"
)


def shift_rows(wb: Any, cached: dict[tuple[str, str], Any], title: str, at: int, n: int) -> None:
    """Insert ``n`` empty rows before row ``at`` of sheet ``title`` (``n`` < 0: delete ``-n`` rows from
    ``at``), as a spreadsheet program does: cells, merged ranges, cached values and every formula that
    points into the sheet move with them; a range loses its deleted rows (SUM(AE8:AE19) without rows
    8-9 is SUM(AE8:AE17)). The cached values stay as they were: an empty row changes no total."""

    def moved(r: int) -> int | None:
        if n > 0:
            return r + n if r >= at else r
        return None if at <= r < at - n else (r + n if r >= at - n else r)

    def formula(text: str, here: str) -> str:
        def one(m: re.Match[str]) -> str:
            q = m.group("q")
            if (q[:-1].strip("'") if q else here) != title:
                return m.group(0)
            a, ra, b = m.group("a"), int(m.group("ra")), m.group("b")
            if b is None:
                r = moved(ra)
                return f"{q or ''}{a}{r}" if r else "#REF!"
            rb = int(m.group("rb"))
            first = next((moved(x) for x in range(ra, rb + 1) if moved(x)), None)
            last = next((moved(x) for x in range(rb, ra - 1, -1) if moved(x)), None)
            return f"{q or ''}{a}{first}:{b}{last}" if first and last else "#REF!"

        return _REFERENCE.sub(one, text)

    ws = wb[title]
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(m))
    if n > 0:
        ws.insert_rows(at, n)
    else:
        ws.delete_rows(at, -n)
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.value = formula(c.value, sheet.title)
    for r1, c1, r2, c2 in merged:
        first, last = moved(r1) or at, moved(r2) or at - 1
        if n > 0 and r1 < at <= r2:
            last = r2 + n
        if last >= first:
            ws.merge_cells(start_row=first, start_column=c1, end_row=last, end_column=c2)
    for sheet_name, cell in [key for key in cached if key[0] == title]:
        value = cached.pop((sheet_name, cell))
        column, r = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()  # type: ignore[union-attr]
        if (new := moved(int(r))) is not None:
            cached[(sheet_name, f"{column}{new}!")] = value
    for key in [key for key in cached if key[1].endswith("!")]:
        cached[(key[0], key[1][:-1])] = cached.pop(key)


def _xml(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


# --------------------------------------------------------------------------------------------
# แบบฟอร์ม 1.5(1)


@dataclass(frozen=True)
class SummaryLayout:
    """Where the columns of "สรุปการคำนวณ ปี 25xx" are; the two layouts differ by one column."""

    name: str
    label: str  # row labels (merged with the next column in the wide layout)
    ef: str
    ef_unit: str
    unit: str
    first_month: str  # quantity of January; CF next to it; months in pairs
    total: str  # the row total (รวม)

    def month(self, m: int) -> tuple[str, str]:
        q = idx(self.first_month) + 2 * (m - 1)
        return col(q), col(q + 1)


WIDE = SummaryLayout("wide", "B", "D", "E", "F", "G", "AE")  # the 2568 sheet and its copies
NARROW = SummaryLayout("narrow", "B", "C", "D", "E", "F", "AD")  # the older 2567 sheet


def _septic_sheet(
    book: _Book, title: str, year: int, staff_slip: tuple[int, int] | None, stale: tuple[int, int] | None = None
) -> list[float]:
    ws = book.sheet(title)
    ws["A1"], ws["B1"] = "การคำนวณ CH4 จาก Septic tank", "ข้อมูล"
    for m, name in enumerate(ENGLISH_MONTHS, start=1):
        ws.cell(1, 2 + m, name)
    ws["O1"], ws["Q1"] = "Total", "ค่า fix ห้ามแก้"
    ws["B2"], ws["B3"], ws["B4"] = "จำนวนวันเปิดบริการ/ทำการ", "จำนวนพนักงานองค์กร", "CH4 Emission"
    days = [19 + (m * 7 + year) % 4 for m in range(1, 13)]
    staff = [60] * 12
    if staff_slip:
        staff[staff_slip[0] - 1] = staff_slip[1]
    ch4 = []
    for m in range(12):
        c = col(3 + m)
        ws[f"{c}2"], ws[f"{c}3"] = days[m], staff[m]
        cached_staff = stale[1] if stale and stale[0] == m + 1 else staff[m]
        ch4.append(book.formula(ws, f"{c}4", f"{c}2*{c}3*$Q$2", days[m] * cached_staff * SEPTIC_Q2))
    book.formula(ws, "O2", "SUM(C2:N2)", sum(days))
    book.formula(ws, "O3", "SUM(C3:N3)", sum(staff))
    book.formula(ws, "O4", "SUM(C4:N4)", sum(ch4))
    book.formula(ws, "Q2", "D23*E23*F23*H23*I23", SEPTIC_Q2)
    ws["R2"] = "(มาจากแถวที่ 23)"
    for c, text in zip(
        "DEFGHIJ", ["Ui ", "Tij", "Efj", "จำนวนพนักงานเฉลี่ย", "TOW\nBOD", None, "จำนวนวัน\nทำงาน"], strict=True
    ):
        if text:
            ws[f"{c}22"] = text
    ws["I22"] = 0.001
    ws["A23"], ws["B23"] = "CH4 Emission", "kg"
    ws["D23"], ws["E23"], ws["F23"], ws["H23"] = 1, 1, 0.3, 40
    book.formula(ws, "G23", "O3", sum(staff))
    book.formula(ws, "I23", "I22", 0.001)
    book.formula(ws, "J23", "O2", sum(days))
    book.formula(ws, "C23", "D23*E23*F23*H23*I23*J23", SEPTIC_Q2 * sum(days))
    return ch4


def _pond_sheet(book: _Book, title: str, year: int, water: list[float], stale_typed: bool) -> list[float]:
    ws = book.sheet(title)
    for r in ("A1:B2", "A15:N15", "A16:N16"):
        ws.merge_cells(r)
    ws["A1"] = "สมมุติฐานถังบำบัดน้ำเสีย\nจากห้องน้ำแบบไม่เติมอากาศ  "
    for m, name in enumerate(THAI_MONTHS):
        ws.cell(2, 3 + m, name)
        ws.cell(11, 2 + m, name)
    ws["O2"], ws["N11"] = "รวม", "รวม"
    ws["A3"], ws["A4"] = "ปริมาณน้ำใช้ในรอบปี m3", "ปริมาณน้ำเสียคิดเป็น 80% m3"
    ws["A7"] = "สมการการคำนวณปริมาณมีเทนจากระบบแบบไม่เติมอากาศลึกไม่เกิน 2 เมตร "
    ws["H7"] = 0.05
    ws["A11"] = f"ปีคำนวณ {year}"
    ws["A12"], ws["A13"] = "ปริมาณน้ำเสียเฉลี่ย (ลบ.ม)", "CH4 (kgCH4)"
    typed_total = round(sum(water), 6)
    if stale_typed:
        typed_total = round(typed_total - 0.4, 6)  # the months were corrected, the typed total was not
    ws["O3"] = typed_total  # a typed number in TGO's sheet, not a formula
    ch4 = []
    for m in range(12):
        c, b = col(3 + m), col(2 + m)
        ws[f"{c}3"] = water[m]
        waste = book.formula(ws, f"{c}4", f"{c}3*0.8", water[m] * 0.8)
        book.formula(ws, f"{b}12", f"{c}4", waste)
        ch4.append(book.formula(ws, f"{b}13", f"$H$7*{b}12*0.12", 0.05 * waste * 0.12))
    book.formula(ws, "O4", "O3*0.8", typed_total * 0.8)
    book.formula(ws, "N12", "O4", typed_total * 0.8)
    book.formula(ws, "N13", "$H$7*N12*0.12", 0.05 * typed_total * 0.8 * 0.12)
    return ch4


def _summary_sheet(
    book: _Book,
    ws: Any,
    layout: SummaryLayout,
    year: int,
    septic_title: str,
    pond_title: str,
    septic: list[float],
    pond: list[float],
    quantities: dict[int, list[float]],
    factors: dict[int, float],
    stale: dict[int, list[float]] | None,
    septic_typed: dict[int, float] | None = None,
) -> dict[str, float]:
    """Rows 1..26 of the summary; returns the three scope sums (kgCO2e) as cached."""
    L = layout
    stale = stale or {}
    last_month_cf = L.month(12)[1]
    ws[f"{last_month_cf}1"] = "แบบฟอร์ม 1.5(1)"
    ws.merge_cells(f"A2:{'AE'}2")
    ws["A2"] = FORM_TITLE
    ws["A3"], ws[f"{L.label}3"], ws[f"{L.ef}3"], ws[f"{L.ef_unit}3"] = "ขอบเขตการดำเนินงาน", "รายการ", "EF", "หน่วย"
    ws[f"{L.unit}3"] = "หน่วย\nการเก็บ\nข้อมูล" if L is WIDE else "หน่วย\nการเก็บข้อมูล"
    first = L.first_month
    if L is WIDE:
        ws[f"{first}3"] = f"ปริมาณก๊าซเรือนกระจก (kgCO2e) ประจำปี {year}"
        merges = ["A3:A5", "B3:C5", "D3:D5", "E3:E5", "F3:F5", "G3:AE3", "AE4:AE5", "A6:A19", "A21:A25", "A26:F26"]
        merges += [f"B{r}:C{r}" for r in range(6, 26)]
    else:
        ws[f"{first}3"] = f"เดือน / ประจำปี {year}"
        ws["AE3"] = "หน่วย"
        merges = ["A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:E5", "F3:AD3", "AD4:AD5", "AE3:AE5", "A6:A19", "A21:A25"]
        merges += ["A26:E26"]
    for m in range(1, 13):
        q, cf = L.month(m)
        ws[f"{q}4"], ws[f"{q}5"], ws[f"{cf}5"] = THAI_MONTHS[m - 1], "ปริมาณ", "CF"
        merges.append(f"{q}4:{cf}4")
    ws[f"{L.total}4"] = "รวม"
    for r in merges:
        ws.merge_cells(r)
    ws["A6"], ws["A20"], ws["A21"], ws["A26"] = (
        "Scope 1 (ประเภท 1)",
        "Scope 2 (ประเภท 2)",
        "Scope 3 \n(ประเภท 3)",
        "รวม",
    )
    totals: dict[int, float] = {}
    for row, label, ef, ef_unit, unit, kind in SUMMARY_ROWS:
        ws[f"{L.label}{row}"] = label
        if kind == "head":
            continue
        ef = factors.get(row, ef)
        ws[f"{L.ef}{row}"], ws[f"{L.ef_unit}{row}"], ws[f"{L.unit}{row}"] = ef, ef_unit, unit
        if kind == "no-formula":
            continue
        old = stale.get(row)
        row_cf = []
        for m in range(1, 13):
            q, cf = L.month(m)
            if kind == "septic" and m in (septic_typed or {}):
                amount = ws[f"{q}{row}"] = (septic_typed or {})[m]
            elif kind == "septic":
                amount = book.formula(ws, f"{q}{row}", f"'{septic_title}'!${col(2 + m)}$4", septic[m - 1])
            elif kind == "pond":
                ref = f"'{pond_title}'" if " " in pond_title else pond_title
                amount = book.formula(ws, f"{q}{row}", f"{ref}!${col(1 + m)}$13", pond[m - 1])
            else:
                amount = quantities.get(row, [None] * 12)[m - 1]
                if amount is not None:
                    ws[f"{q}{row}"] = amount
            shown = (old[m - 1] if old else amount) or 0
            text = f"{L.ef}{row}*{q}{row}" if (L is WIDE and row == 8) else f"{q}{row}*{L.ef}{row}"
            row_cf.append(book.formula(ws, f"{cf}{row}", text, shown * ef))
        cfs = "+".join(L.month(m)[1] + str(row) for m in range(1, 13))
        totals[row] = book.formula(ws, f"{L.total}{row}", cfs, sum(row_cf))
        if L is NARROW:
            ws[f"AE{row}"] = "kgCO2e"
    for m in range(1, 13):
        cf = L.month(m)[1]
        book.formula(ws, f"{cf}26", f"SUM({cf}{6 if L is WIDE else 8}:{cf}25)", _sum_col(book, ws.title, cf))
    book.formula(ws, f"{L.total}26", f"SUM({L.total}{6 if L is WIDE else 8}:{L.total}25)", sum(totals.values()))
    return {
        "s1": sum(v for r, v in totals.items() if 8 <= r <= 19),
        "s2": totals[20],
        "s3": sum(v for r, v in totals.items() if 21 <= r <= 24),
    }


def _sum_col(book: _Book, sheet: str, c: str) -> float:
    return sum(v for (s, cell), v in book.cached.items() if s == sheet and re.fullmatch(c + r"\d+", cell))


def _scope_table(book: _Book, ws: Any, layout: SummaryLayout, year: int, s: dict[str, float], prev: Any) -> None:
    """The tCO2e summary: C37..G42 in the wide layout, B36..E41 in the narrow one."""
    T = layout.total
    if layout is NARROW:
        ws.merge_cells("B36:E36")
        ws["B36"] = f"ประจำปี {year} (เดือนมกราคม ถึง ธันวาคม)"
        ws["B37"], ws["C37"], ws["D37"], ws["E37"] = "ขอบเขตดำเนินงาน", "GHG", "%", "หน่วย"
        total = (s["s1"] + s["s2"] + s["s3"]) / 1000
        rows = [("ประเภท 1", f"(SUM({T}8:{T}19))/1000", s["s1"]), ("ประเภท 2", f"${T}$20/1000", s["s2"])]
        rows.append(("ประเภท 3", f"SUM({T}21:{T}24)/1000", s["s3"]))
        for r, (label, text, kg) in enumerate(rows, start=38):
            ws[f"B{r}"], ws[f"E{r}"] = label, "tCO2e"
            book.formula(ws, f"C{r}", text, kg / 1000)
            book.formula(ws, f"D{r}", f"(C{r}*100)/$C$41", kg / 1000 * 100 / total)
        ws["B41"], ws["E41"] = "รวม", "tCO2e"
        book.formula(ws, "C41", "SUM(C38:C40)", total)
        book.formula(ws, "D41", "(C41*100)/$C$41", 100.0)
        return
    ws.merge_cells("D37:E37")
    ws.merge_cells("F37:G37")
    ws["C37"], ws["D37"], ws["F37"] = "สรุปข้อมูลปริมาณการปลดปล่อยก๊าซเรือนกระจก ", " tCO2e", "%GHG"
    ws["C38"], ws["D38"], ws["E38"], ws["F38"], ws["G38"] = (
        "ขอบเขตดำเนินงาน",
        f"ปี {year - 1}",
        f"ปี {year}",
        f"ปี {year - 1}",
        f"ปี {year}",
    )
    this = [s["s1"] / 1000, s["s2"] / 1000, s["s3"] / 1000]
    texts = [f"(SUM({T}8:{T}19))/1000", f"${T}$20/1000", f"SUM({T}21:{T}24)/1000"]
    for i, label in enumerate(["ประเภท 1", "ประเภท 2", "ประเภท 3"]):
        r = 39 + i
        ws[f"C{r}"] = label
        if isinstance(prev[0], str):  # the previous year's sheet is in the workbook: linked
            book.formula(ws, f"D{r}", f"'{prev[0]}'!C{38 + i}", prev[1][i])
        else:  # typed, as in the 2569 copy (the previous year's figures retyped, rounded)
            ws[f"D{r}"] = prev[i]
        book.formula(ws, f"E{r}", texts[i], this[i])
    prev_values = prev[1] if isinstance(prev[0], str) else list(prev)
    pt, tt = sum(prev_values), sum(this)
    ws["C42"] = "รวม"
    if isinstance(prev[0], str):
        book.formula(ws, "D42", "SUM(D39:D41)", pt)
    else:
        ws["D42"] = round(pt, 2)
    book.formula(ws, "E42", "SUM(E39:E41)", tt)
    for i in range(4):
        r = 39 + i
        pv = (prev_values[i] if i < 3 else pt) * 100 / pt
        book.formula(ws, f"F{r}", f"D{r}*100/$D$42", pv)
        book.formula(ws, f"G{r}", f"(E{r}*100)/$E$42", (this[i] if i < 3 else tt) * 100 / tt)


def _comparison_table(book: _Book, ws: Any, layout: SummaryLayout, year: int) -> None:
    """Monthly kgCO2e per line: C47.. (wide) or B47.. (narrow), months Jan..Dec, รวม, เฉลี่ย."""
    first = "C" if layout is WIDE else "B"
    head = 49 if layout is WIDE else 48
    fc = idx(first)
    ws.merge_cells("C47:Q48" if layout is WIDE else "B47:P47")
    ws[f"{first}47"] = (
        f"สรุป การเปรียบเทียบปริมาณก๊าซเรือนกระจก (kgCO2e) ของปี {year - 1} และ {year}"
        if layout is WIDE
        else f"สรุป การเปรียบเทียบปริมาณก๊าซเรือนกระจก (kgCO2e) ของปี {year}"
    )
    ws.cell(head, fc, "รายการ")
    for m, name in enumerate(THAI_MONTHS_TABLE, start=1):
        ws.cell(head, fc + m, name)
    ws.cell(head, fc + 13, "รวม")
    ws.cell(head, fc + 14, "เฉลี่ย")
    for i, (src, label) in enumerate(TABLE_LABELS.items()):
        r = head + 1 + i
        ws.cell(r, fc, label)
        vals = []
        for m in range(1, 13):
            cf = layout.month(m)[1]
            v = book.cached.get((ws.title, f"{cf}{src}"), 0)
            vals.append(book.formula(ws, f"{col(fc + m)}{r}", f"{cf}{src}", v))
        a, b = col(fc + 1), col(fc + 12)
        book.formula(ws, f"{col(fc + 13)}{r}", f"SUM({a}{r}:{b}{r})", sum(vals))
        book.formula(ws, f"{col(fc + 14)}{r}", f"AVERAGE({a}{r}:{b}{r})", sum(vals) / 12)


def form_1_5_1(
    path: Path,
    year: int = 2568,
    *,
    with_previous_year: bool = True,
    staff_slip: tuple[int, int] | None = None,
    stale_total: str | None = None,
    factors: dict[int, float] | None = None,
    pond_input: dict[int, float] | None = None,
    septic_stale: tuple[int, int] | None = None,
    septic_typed: dict[int, float] | None = None,
    previous_typed: tuple[float, float, float] = (11.31, 213.51, 18.12),
) -> Generated:
    """TGO form 1.5(1) as filled in the 2568 workbook: a year in the wide layout, and (optionally)
    the previous year in the older narrow layout, each with its septic and pond sheets, then "EF TGO AR5".

    ``with_previous_year=False`` gives the 2569-style copy: one year sheet whose previous-year column
    (D39:D42) is typed (``previous_typed``, tCO2e) instead of linked.
    """
    if stale_total not in (None, "cached", "typed"):
        raise ValueError(stale_total)
    book = _Book()
    factors = factors or {}
    titles = [f"สรุปการคำนวณ ปี {year}", f"CH4จาก Septic tank {year}", f"CH4จากบ่อบำบัดไม่เติมอากาศ {year}"]
    prev_titles = [f"สรุปการคำนวณ ปี {year - 1}", f"CH4จาก Septic tank {year - 1}", f"CH4จากบ่อบำบัดไม่เติมอากาศ{year - 1}"]
    current = book.sheet(titles[0])
    septic = _septic_sheet(book, titles[1], year, staff_slip, septic_stale)
    quantities = {r: [synthetic_month(b, m, year) for m in range(1, 13)] for r, b in SYNTHETIC_BASE.items()}
    water = list(quantities[23])
    for m, v in (pond_input or {}).items():
        water[m - 1] = v
    pond = _pond_sheet(book, titles[2], year, water, stale_total == "typed")
    stale = None
    if stale_total == "cached":  # March diesel was typed 10 L higher, corrected later, never recalculated
        stale = {12: list(quantities[12])}
        stale[12][2] = round(stale[12][2] + 10, 1)
    prev: Any = previous_typed
    if with_previous_year:
        p = book.sheet(prev_titles[0])
        pq = {r: [synthetic_month(b, m, year - 1) for m in range(1, 13)] for r, b in SYNTHETIC_BASE.items()}
        ps = _septic_sheet(book, prev_titles[1], year - 1, None)
        pp = _pond_sheet(book, prev_titles[2], year - 1, list(pq[23]), False)
        s = _summary_sheet(book, p, NARROW, year - 1, prev_titles[1], prev_titles[2], ps, pp, pq, {}, None)
        _scope_table(book, p, NARROW, year - 1, s, None)
        _comparison_table(book, p, NARROW, year - 1)
        prev = (prev_titles[0], [s["s1"] / 1000, s["s2"] / 1000, s["s3"] / 1000])
    s = _summary_sheet(
        book, current, WIDE, year, titles[1], titles[2], septic, pond, quantities, factors, stale, septic_typed
    )
    _scope_table(book, current, WIDE, year, s, prev)
    _comparison_table(book, current, WIDE, year)
    # the sheet order of the real workbook: this year's three sheets, the previous year's three, EF
    order = titles + (prev_titles if with_previous_year else [])
    book.wb._sheets.sort(key=lambda w: order.index(w.title) if w.title in order else 99)
    _ef_sheet(book, "EF TGO AR5", "form")
    return book.save(path)


EF_HEAD = ["[kg CO2/unit]", "[kg CH4/unit]", "[kg N2O/unit]", "[kg CO2eq/unit]"]


def _ef_sheet(book: _Book, title: str, kind: str) -> None:
    """The factor sheet's header block and GWP table only (no factor rows: ghgcalc ships its own).

    kind: "form" (form 1.5(1)'s "EF TGO AR5"), "vsheet-ar5" (the V-Sheet's, with a Fossil CH4 column),
    "vsheet-ar4" (the V-Sheet's hidden "EF TGO AR4", GWPs of AR4 and AR5 side by side).
    """
    ws = book.sheet(title)
    ws["B2"], ws["C2"], ws["D2"] = "ชื่อ", "Units", "EMISSION FACTORS"
    ws["A5"] = "Stationary Combustion"
    if kind == "vsheet-ar5":
        for r in ("A2:A4", "B2:B4", "C2:C4", "D2:H2", "I2:I4", "K2:L2"):
            ws.merge_cells(r)
        for c, text in zip("DEFGH", ["CO2", "Fossil CH4 ", "CH4 ", "N2O", "Total"], strict=True):
            ws[f"{c}3"] = text
        for c, text in zip("DEFGH", [EF_HEAD[0], EF_HEAD[1], EF_HEAD[1], EF_HEAD[2], EF_HEAD[3]], strict=True):
            ws[f"{c}4"] = text
        ws["I2"], ws["K2"], ws["K3"], ws["L3"] = "แหล่งอ้างอิงข้อมูล", "GWP100", "ที่มา", "IPCC, AR5"
        for r, (gas, v) in enumerate(AR5.items(), start=4):
            ws[f"K{r}"], ws[f"L{r}"] = gas, v
        return
    merges = ("A2:A4", "B2:B4", "C2:C4", "D2:G2", "H2:H4", "J2:L2" if kind == "vsheet-ar4" else "J2:K2")
    for r in merges:
        ws.merge_cells(r)
    for c, text, unit in zip("DEFG", ["CO2", "CH4", "N2O", "Total"], EF_HEAD, strict=True):
        ws[f"{c}3"], ws[f"{c}4"] = text, unit
    ws["H2"], ws["J2"], ws["J3"] = "แหล่งอ้างอิงข้อมูล", "GWP100", "ที่มา"
    if kind == "vsheet-ar4":
        ws["K3"], ws["L3"] = "IPCC, AR4", "IPCC, AR5"
        gwp = [("CO2", 1, 1), ("CH4", 25, 28), ("N2O", 298, 265), ("SF6", 22800, 23500), ("NF3", 17200, 16100)]
        for r, (gas, a4, a5) in enumerate(gwp, start=4):
            ws[f"J{r}"], ws[f"K{r}"], ws[f"L{r}"] = gas, a4, a5
        ws.sheet_state = "hidden"
    else:
        ws["K3"] = "IPCC, AR5"
        for r, (gas, v) in enumerate(AR5.items(), start=4):
            ws[f"J{r}"], ws[f"K{r}"] = gas, v


# --------------------------------------------------------------------------------------------
# V-Sheet CFO (TCFO_R_01)

VSHEET_VERSIONS = {"04": "TCFO_R_01\nVersion 04 : 21/2/2020", "07": "TCFO_R_01\nVersion 07 : 18/02/2026"}
AR5 = {"CO2": 1, "Fossil CH4 ": 30, "CH4": 28, "N2O": 265, "SF6": 23500, "NF3": 16100}
# Fr-04.1 synthetic lines; per-gas factors from ghgcalc's tgo-cfo@2022-04 (TGO's AR5 sheet), CO2e/unit
# factors (scope 2 and 3 rows, typed in Q) likewise; quantities synthetic (annual: the V-Sheet has no months)
VSHEET_SCOPE1 = [
    ("น้ำมันดีเซล (เครื่องกำเนิดไฟฟ้า)", "ลิตร", 480.0, (2.698722, 0.00010926, 0, 0.000021852)),
    ("น้ำมันดีเซล (รถยนต์)", "ลิตร", 3150.5, (2.698722, 0.000142038, 0, 0.000142038)),
]
VSHEET_SCOPE2 = [("ไฟฟ้า (Grid mix)", "kWh", 412000.0, 0.4999)]
VSHEET_SCOPE3 = [("กระดาษ A4", "kg", 1450.0, 2.102), ("น้ำประปา-การประปาส่วนภูมิภาค", "m3", 6800.0, 0.541)]


# per form: title merge, version stamp, "องค์กร" label and its cell (with the formula), the author
# cell's formula, "หน้าที่ " label and page number cell - as in the Version 04 template
HEADERS: dict[str, tuple[str, str, str, str, str | None, str, str]] = {
    "Fr-01": ("B1:H2", "I1", "E3", "G3", None, "I3", "J3"),
    "Fr-02": ("B1:K2", "L1", "F3", "G3", "'Fr-01'!$G$4", "L3", "M3"),
    "Fr-03.1": ("B1:K2", "L1", "F3", "G3", "'Fr-01'!$G$4", "L3", "M3"),
    "Fr-03.2": ("B1:N2", "O1", "E3", "F3", "'Fr-01'!G4", "O3", "P3"),
    "Fr-04.1": ("B1:AN2", "AO1", "H3", "I3", "'Fr-01'!$G$4", "AO3", "AR3"),
    "Fr-04.2": ("B1:AN2", "AO1", "H3", "I3", "'Fr-01'!$G$4", "AO3", "AR3"),
    "Fr-05": ("B1:H2", "I1", "E3", "F3", "'Fr-01'!$G$4", "I3", "J3"),
}


def _form_header(book: _Book, ws: Any, title: str, code: str, page: int, version: str) -> None:
    merge, stamp, org_label, org, author, page_label, page_cell = HEADERS[code]
    ws.merge_cells("A1:A4")
    ws.merge_cells(merge)
    ws["B1"], ws[stamp] = title, VSHEET_VERSIONS[version]
    ws["B3"], ws["C3"], ws["B4"], ws["C4"] = "ชื่อฟอร์ม", "บัญชีรายการก๊าซเรือนกระจก", "รหัสฟอร์ม", code
    ws[org_label], ws[org_label[0] + "4"] = "องค์กร", "ผู้จัดทำ"
    name = book.wb["Fr-01"]["B6"].value
    if code == "Fr-01":
        book.formula(ws, org, "B6", name)
    else:
        book.formula(ws, org, "'Fr-01'!G3" if code == "Fr-03.2" else "'Fr-01'!$B$6", name)
        book.formula(ws, org[0] + "4", author or "", 0)
    ws[page_label], ws[page_cell] = "หน้าที่ ", page


def vsheet_cfo(
    path: Path,
    version: str = "04",
    *,
    organisation: str = "เทศบาลตำบลตัวอย่าง",
    period: str = "ม.ค.68-ธ.ค.68",
    base_year: str = "ม.ค.66-ธ.ค.66",
    electricity_factor: float | None = None,
    stale_total: bool = False,
) -> Generated:
    """The CFO V-Sheet filled with synthetic annual quantities.

    Version 04's layout is the one found (blank template, 21/2/2020). Version 07 (18/02/2026) was not
    found as a workbook: the generator writes the 04 layout with the 07 stamp and an extra factor sheet
    "EF TGO AR5 V2" (the sheet name recorded in ghgcalc's tgo-cfo@2026-02 provenance) - an assumption
    to check against a real 07 workbook. ``electricity_factor`` plants an outdated grid factor in
    Fr-04.1!Q31; ``stale_total`` leaves Fr-04.1!AO24 (scope 1 sum) cached at a value from before the
    last edit of D11.
    """
    book = _Book()
    f1 = book.sheet("Fr-01")
    f1["B6"] = organisation
    _form_header(book, f1, "รายละเอียดขององค์กร", "Fr-01", 1, version)
    f1["E4"], f1["I4"] = "ผู้จัดทำ", "วันที่จัดทำ"
    for r in ("B6:I6", "F8:J8", "F22:G22", "H22:J22", "F24:G24", "H24:J24", "H23:I23", "H25:I25"):
        f1.merge_cells(r)
    f1["A8"], f1["F8"], f1["F9"], f1["F18"], f1["F21"] = (
        "รูปขององค์กร",
        "ขอบเขตขององค์กร ",
        "ประเภท 1 ",
        "ประเภท 2",
        "ประเภท 3",
    )
    f1["F22"], f1["H22"], f1["F23"], f1["H23"], f1["J23"] = "ระยะเวลาเก็บข้อมูล", period, "ผลผลิต", 120, "คน"
    f1["F24"], f1["H24"], f1["F25"], f1["H25"] = "ปีฐาน", base_year, "ผลผลิตปีฐาน", 110
    book.formula(f1, "J25", "J23", "คน")
    f1["F26"], f1["F32"], f1["F33"] = "ข้อมูลองค์กร", "สถานที่ติดต่อ", "วันที่ขอขึ้นทะเบียน"
    for code, title, page in (
        ("Fr-02", "แผนภาพองค์กร", 2),
        ("Fr-03.1", "แผนภาพแสดงโครงสร้างขององค์กรและหน้าที่ความรับผิดชอบ", 3),
    ):
        ws = book.sheet(code)
        _form_header(book, ws, title, code, page, version)
    f32 = book.sheet("Fr-03.2")
    _form_header(book, f32, "ประเมินความมีนัยสำคัญของการปล่อยก๊าซเรือนกระจกทางอ้อม (SCOPE 3)", "Fr-03.2", 3, version)
    f32["C3"] = "ประเมินความมีนัยสำคัญ Scope3"
    totals = {}
    for code, title, page, when in (
        ("Fr-04.1", "บัญชีรายการก๊าซเรือนกระจก", 4, period),
        ("Fr-04.2", "บัญชีรายการก๊าซเรือนกระจก ปีฐาน (base year)", 5, base_year),
    ):
        ws = book.sheet(code)
        totals[code] = _fr04(
            book,
            ws,
            code,
            title,
            page,
            version,
            when,
            electricity_factor if code == "Fr-04.1" else None,
            stale_total and code == "Fr-04.1",
        )
    _fr05(book, version, totals)
    _ef_sheet(book, "EF TGO AR4", "vsheet-ar4")
    _ef_sheet(book, "EF TGO AR5", "vsheet-ar5")
    if version == "07":
        _ef_sheet(book, "EF TGO AR5 V2", "vsheet-ar5")
    log = book.sheet("บันทึกการปรับปรุง")
    log.merge_cells("A1:F1")
    log["A1"] = "บันทึกการแก้ไข"
    for c, text in zip("ABCDEF", ["วันที่", "ลำดับ", "Sheet", "Cell", "รายละเอียด", "ผู้ทำการแก้ไข"], strict=True):
        log[f"{c}2"] = text
    return book.save(path)


def _fr04(
    book: _Book,
    ws: Any,
    code: str,
    title: str,
    page: int,
    version: str,
    when: str,
    electricity: float | None,
    stale: bool,
) -> dict[str, float]:
    _form_header(book, ws, title, code, page, version)
    ws["AB3"] = "ปีที่เก็บข้อมูล" if code == "Fr-04.1" else "ปีฐาน"
    book.formula(ws, "AE3", "'Fr-01'!H22" if code == "Fr-04.1" else "'Fr-01'!H24", when)
    for r in (
        "A6:A9",
        "B6:B9",
        "C6:D8",
        "E6:N7",
        "E8:L8",
        "M8:N8",
        "O6:P7",
        "Q6:Q9",
        "AA6:AF8",
        "AG6:AN8",
        "AO6:AO7",
        "A10:A24",
        "A25:A30",
        "A31:A35",
        "A36:A43",
        "E31:P34",
        "E36:P42",
    ):
        ws.merge_cells(r)
    head = {
        "A6": "ขอบเขต",
        "B6": "รายการ",
        "C6": "ค่า LCI ",
        "E6": "GHG ที่ต้องรายงานตามข้อกำหนด",
        "O6": "GHG ที่อยู่นอกข้อกำหนด",
        "Q6": "Total (kgCO2e/หน่วย)",
        "R6": "ที่มา",
        "AA6": "ผลคูณ (Ton GHG)",
        "AG6": "ผลคูณ (TonCO2e)",
        "AO6": "Total GHG",
        "AO8": " (TonCO2e)",
        "E8": "ค่า EF (kg GHG/หน่วย)",
        "M8": "GWP100",
        "C9": "หน่วย",
        "D9": "ปริมาณ",
        "AU6": "GWP100",
        "AU7": "ที่มา",
        "AV7": "IPCC, AR5",
    }
    for cell, text in head.items():
        ws[cell] = text
    for c, gas in zip("EFGHIJKL", ["CO2", "Fossil CH4 ", "CH4", "N2O", "SF6", "NF3", "HFCs", "PFCs"], strict=True):
        ws[f"{c}9"] = gas
    for r, (gas, gwp) in enumerate(AR5.items(), start=8):
        ws[f"AU{r}"], ws[f"AV{r}"] = gas, gwp
    ws["A10"], ws["A25"], ws["A31"], ws["A36"] = "ขอบเขต 1", "การปล่อย GHG โดยตรงที่ทำการรายงานแยก", "ขอบเขต 2", "ขอบเขต 3"
    scale = 1.0 if code == "Fr-04.1" else 0.9  # the base year: 90 % of the current quantities
    s1 = 0.0
    for i, (label, unit, qty, (co2, fch4, ch4, n2o)) in enumerate(VSHEET_SCOPE1):
        r = 10 + i
        qty = round(qty * scale, 1)
        ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"] = label, unit, qty
        ws[f"E{r}"], ws[f"F{r}"], ws[f"H{r}"] = co2, fch4, n2o
        q = co2 * 1 + fch4 * 30 + ch4 * 28 + n2o * 265
        book.formula(
            ws,
            f"Q{r}",
            f"(E{r}*$AV$8)+(F{r}*$AV$9)+(G{r}*$AV$10)+(H{r}*$AV$11)+(I{r}*$AV$12)"
            f"+(J{r}*$AV$13)+(K{r}*M{r})+(L{r}*N{r})",
            q,
        )
        book.formula(ws, f"AA{r}", f"D{r}*E{r}/1000", qty * co2 / 1000)
        shown = qty - 100 if (stale and i == 1) else qty  # D11 edited after the last recalculation
        s1 += book.formula(ws, f"AO{r}", f"D{r}*Q{r}/1000", shown * q / 1000)
    book.formula(ws, "AO24", "SUM(AO10:AO23)", s1)
    book.formula(ws, "AO30", "SUM(AO25:AO29)", 0)
    s2 = 0.0
    for i, (label, unit, qty, q) in enumerate(VSHEET_SCOPE2):
        r = 31 + i
        q = electricity if electricity is not None else q
        qty = round(qty * scale, 1)
        ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"], ws[f"Q{r}"] = label, unit, qty, q
        s2 += book.formula(ws, f"AO{r}", f"D{r}*Q{r}/1000", qty * q / 1000)
    book.formula(ws, "AO35", "SUM(AO31:AO34)", s2)
    s3 = 0.0
    for i, (label, unit, qty, q) in enumerate(VSHEET_SCOPE3):
        r = 36 + i
        qty = round(qty * scale, 1)
        ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"], ws[f"Q{r}"] = label, unit, qty, q
        s3 += book.formula(ws, f"AO{r}", f"D{r}*Q{r}/1000", qty * q / 1000)
    book.formula(ws, "AO43", "SUM(AO36:AO42)", s3)
    book.formula(ws, "AO44", "AO24+AO35", s1 + s2)
    book.formula(ws, "AO45", "AO24+AO35+AO43", s1 + s2 + s3)
    ws["A46"] = "จัดทำโดย"
    return {"s1": s1, "s2": s2, "s3": s3, "other": 0.0}


def _fr05(book: _Book, version: str, totals: dict[str, dict[str, float]]) -> None:
    ws = book.sheet("Fr-05")
    _form_header(book, ws, "สรุปการปล่อยก๊าซเรือนกระจกขององค์กร", "Fr-05", 6, version)
    ws["A5"], ws["A20"] = "ปีปัจจุบัน", "ปีฐาน"
    book.formula(ws, "B5", "'Fr-01'!H22", book.wb["Fr-01"]["H22"].value)
    book.formula(ws, "B20", "'Fr-01'!H24", book.wb["Fr-01"]["H24"].value)
    # TGO's own references: "อื่น ๆ" of the current year points at AO30, of the base year at AO46
    for top, sheet, other in ((10, "Fr-04.1", "AO30"), (26, "Fr-04.2", "AO46")):
        head = top - 4
        ws[f"B{head}"], ws[f"C{head}"] = "ขอบเขต", "การปล่อยก๊าซเรือนกระจกขององค์กร"
        ws[f"D{head}"], ws[f"E{head}"] = "สัดส่วนเมื่อเทียบขอบเขต 1 และ 2", "สัดส่วนเมื่อเทียบขอบเขต 1, 2 และ 3"
        t = totals[sheet]
        vals = [math.ceil(t["s1"]), math.ceil(t["s2"]), math.ceil(t["s3"]), math.ceil(t["other"])]
        for i, (label, ref) in enumerate(
            zip(["ประเภท 1", "ประเภท 2", "ประเภท 3", "อื่น ๆ"], ["AO24", "AO35", "AO43", other], strict=True)
        ):
            ws[f"B{top + i}"] = label
            book.formula(ws, f"C{top + i}", f"ROUNDUP('{sheet}'!{ref},0)", vals[i])
        ws[f"B{top + 4}"], ws[f"B{top + 5}"] = "รวม Scope 1 & 2", "รวม Scope 1 & 2 & 3"
        book.formula(ws, f"C{top + 4}", f"SUM(C{top}:C{top + 1})", vals[0] + vals[1])
        book.formula(ws, f"C{top + 5}", f"SUM(C{top}:C{top + 2})", sum(vals[:3]))


GENERATORS: dict[str, Callable[[Path], Generated]] = {
    "form-1.5(1)": lambda p: form_1_5_1(p / "gh2568.xlsx"),
    "form-1.5(1)-single-year": lambda p: form_1_5_1(p / "gh2569.xlsx", 2569, with_previous_year=False),
    "vsheet-v04": lambda p: vsheet_cfo(p / "vsheet-v04.xlsx", "04"),
    "vsheet-v07": lambda p: vsheet_cfo(p / "vsheet-v07.xlsx", "07", period="ม.ค.69-ธ.ค.69"),
}


if __name__ == "__main__":  # python tests/tgo_workbooks/generate.py OUTDIR
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for name, make in GENERATORS.items():
        print(name, make(out).path)
