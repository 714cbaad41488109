"""Inventory workbooks (docs/excel-format.md): the starter of `ghgcalc init inventory.xlsx`, and an
inventory document (what `yaml.safe_load` gives) written as a workbook for `ghgcalc convert`.

Pure: the function returns the bytes of an .xlsx file and prints nothing. openpyxl is imported only
when a workbook is made. The bytes depend on the arguments alone: the workbook's dates and the
dates of its zip entries are fixed.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from ghgcalc.errors import UsageError, visible
from ghgcalc.io.xlsx_book import save, text_cell  # one rule for every spreadsheet ghgcalc writes
from ghgcalc.thai import BE_OFFSET

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ghgcalc.io.factor_store import FactorStore

INVENTORY_SHEET = "Inventory"
ACTIVITIES_SHEET = "Activities"
CUSTOM_SHEET = "Custom factors"
LISTS_SHEET = "Lists"

MONTHS = (
    ("Jan", "ม.ค."),
    ("Feb", "ก.พ."),
    ("Mar", "มี.ค."),
    ("Apr", "เม.ย."),
    ("May", "พ.ค."),
    ("Jun", "มิ.ย."),
    ("Jul", "ก.ค."),
    ("Aug", "ส.ค."),
    ("Sep", "ก.ย."),
    ("Oct", "ต.ค."),
    ("Nov", "พ.ย."),
    ("Dec", "ธ.ค."),
)
# Activities columns before the months and after them: (field, header, width).
ACTIVITY_COLUMNS = (
    ("activity", "Activity / กิจกรรม", 26),
    ("scope", "Scope / ประเภท", 9),
    ("category", "Category / หมวด", 18),
    ("label", "Label / รายละเอียด", 62),
    ("unit", "Unit / หน่วย", 12),
    ("id", "ID / รหัส", 10),
)
AFTER_MONTHS = (
    ("amount", "Total / รวม", 13),
    ("ncv", "NCV", 13),
    ("density", "Density / ความหนาแน่น", 14),
    ("gpc", "GPC", 9),
    ("ipcc", "IPCC", 10),
    # data_quality, evidence and uncertainty (docs/data-quality.md), one column per value
    ("data_quality.source", "Data source / แหล่งข้อมูล", 12),
    ("data_quality.activity", "Activity data quality / คุณภาพข้อมูลกิจกรรม", 16),
    ("data_quality.factor", "Factor quality / คุณภาพค่าสัมประสิทธิ์", 16),
    ("evidence", "Evidence / หลักฐาน", 40),
    ("uncertainty.activity", "Activity uncertainty % / ความไม่แน่นอนข้อมูลกิจกรรม (%)", 16),
    ("uncertainty.factor", "Factor uncertainty % / ความไม่แน่นอนค่าสัมประสิทธิ์ (%)", 16),
)
CUSTOM_COLUMNS = (
    ("key", "Key / รหัสค่าการปล่อย", 22),
    ("per", "Per / ต่อหน่วย", 10),
    ("gas", "Gas / ก๊าซ", 12),
    ("kg", "kg / กก.", 12),
    ("source", "Source / แหล่งที่มา", 36),
    ("name", "Name / ชื่อ", 30),
    ("scope", "Scope / ประเภท", 9),
    ("category", "Category / หมวด", 18),
    ("ncv", "NCV", 13),
    ("density", "Density / ความหนาแน่น", 14),
    ("gwp_basis", "GWP basis / ฐาน GWP", 15),
    ("valid_from", "Valid from / ใช้ตั้งแต่", 16),
    ("valid_to", "Valid to / ใช้ถึง", 14),
    ("uncertainty", "Uncertainty % / ความไม่แน่นอน (%)", 16),
)
# What data_quality and uncertainty hold, one column each; a mapping with other keys, or another
# value, cannot be written in these columns and is refused rather than lost.
_NESTED = {"data_quality": ("source", "activity", "factor"), "uncertainty": ("activity", "factor")}
TIERS = ("1st", "2nd", "other")  # TGO Fr-04.1's source tiers
GRADES = ("high", "medium", "low")  # the GPC's grades
_TIER_PROMPT = (
    "1st = Self collect / Supplier; 2nd = TH LCI DB / TGO EF / Thai Res. / Int. DB; other = Other (TGO Fr-04.1)"
)
_RANGE_PROMPT = (
    "ช่วงความเชื่อมั่น 95 % เป็น % ของค่า: 5 = ±5 %; -10/+20 = ต่ำกว่า 10 % ถึงสูงกว่า 20 % "
    "/ 95 % range in % of the value: 5 = ±5 %; -10/+20 = 10 % below to 20 % above"
)
COMMON_UNITS = (
    "L",
    "kg",
    "t",
    "kWh",
    "MWh",
    "m3",
    "MJ",
    "GJ",
    "TJ",
    "scf",
    "count",
    "person",
    "person_day",
    "head",
    "vehicle",
    "room",
    "ลิตร",
    "กก.",
    "ตัน",
    "ลบ.ม.",
)
SCOPES = (1, 2, 3)
# Drop-down lists cover the data rows down to this row (or further when a document has more rows).
VALIDATED_ROWS = 1000
FIXED_TIME = dt.datetime(2024, 1, 1)  # the workbook's created and modified dates, and its zip entries'
# The day a starter is dated by when the caller gives none (FY2568, calendar 2568): `ghgcalc init`
# gives today, so that its starter is for the current year.
STARTER_DAY = dt.date(2025, 1, 1)

# Inventory sheet: key, then a description in Thai (column C) and in English (column D); C and D are never read.
_FIELDS = (
    ("ghgcalc", "รุ่นของรูปแบบไฟล์ ไม่ต้องแก้ไข", "Format version; leave as is"),
    ("name", "ชื่อองค์กร เมือง หรือจังหวัด (แทนที่ชื่อตัวอย่าง)", "The organisation's name: replace the example"),
    (
        "kind",
        "organization = การดำเนินงานของ อปท. เอง (CFO); community = ทั้งเมืองหรือจังหวัด",
        "organization: the local government's own operations; community: the whole city or province",
    ),
    (
        "period",
        "ปีงบประมาณ FY2568 (1 ต.ค. 2567 - 30 ก.ย. 2568) หรือปีปฏิทิน 2568; หรือเว้นว่างแล้วกรอก 2 แถวถัดไป",
        "Fiscal year FY2568 (2024-10-01 to 2025-09-30) or calendar year 2568 (or 2025); or the next two rows",
    ),
    ("period_start", "วันเริ่มต้น เมื่อ period ว่าง", "First day, when period is empty"),
    ("period_end", "วันสุดท้าย เมื่อ period ว่าง", "Last day, when period is empty"),
    (
        "gwp",
        "ไม่บังคับ: SAR, AR4, AR5 หรือ AR6; เว้นว่าง = ตามชุดค่าการปล่อย",
        "Optional: SAR, AR4, AR5 or AR6; empty: the factor set's own basis",
    ),
    ("factors", "ชุดค่าการปล่อย คั่นด้วยจุลภาค ค้นตามลำดับ", "Factor sets, comma-separated, searched in order"),
    (
        "output_amount",
        "ไม่บังคับ: ผลผลิตในรอบการรายงาน (Fr-01) สำหรับความเข้มข้นคาร์บอน",
        "Optional: the output of the period (TGO Fr-01), for carbon intensity",
    ),
    ("output_unit", "หน่วยของผลผลิต เช่น คน", "Its unit, e.g. persons"),
    ("output_name", "ชื่อผลผลิต เช่น จำนวนบุคลากร", "What it is, e.g. staff"),
)
_NOTES = (
    ("วิธีใช้", "How to use"),
    ("1. กรอกชื่อและรอบการรายงานด้านบน", "1. Fill in the name and the period above."),
    (
        "2. แผ่นงาน Activities: หนึ่งแถวต่อหนึ่งกิจกรรม กรอกปริมาณรายเดือน หรือเฉพาะช่อง Total / รวม",
        "2. Activities: one row per activity; enter the monthly amounts, or the Total alone.",
    ),
    (
        "    ถ้ากรอกทั้งรายเดือนและ Total ยอดรวมต้องเท่ากับผลรวมรายเดือน",
        "    If you fill both the months and Total, the total must equal the sum of the months.",
    ),
    (
        "    แถวที่ยังไม่กรอกปริมาณจะถูกข้าม (มีคำเตือน) ลบแถวตัวอย่างที่ไม่ใช้ได้",
        "    A row without an amount is skipped with a warning; delete the example rows you do not need.",
    ),
    (
        "3. ค่าการปล่อยของท่านเอง: แผ่นงาน Custom factors หนึ่งแถวต่อก๊าซ",
        "3. Your own factors: the Custom factors sheet, one row per gas.",
    ),
    (
        "4. ไม่บังคับ: แหล่งข้อมูล (1st, 2nd, other ตามแบบฟอร์ม Fr-04.1), คุณภาพข้อมูล (high, medium, low), "
        "หลักฐาน และความไม่แน่นอน (%) ของแต่ละแถว",
        "4. Optional: each row's data source (1st, 2nd, other as in TGO Fr-04.1), grades (high, medium, low), "
        "evidence and uncertainty (%); see docs/data-quality.md",
    ),
    ("5. ตรวจสอบ: ghgcalc validate FILE.xlsx", "5. Check it: ghgcalc validate FILE.xlsx"),
    ("    คำนวณ: ghgcalc compute FILE.xlsx", "    Compute it: ghgcalc compute FILE.xlsx"),
    ("หน่วย = kWh (บิลค่าไฟฟ้า); น้ำประปาให้ใช้ m3 หรือ ลบ.ม.", "หน่วย is read as kWh; write water in m3 or ลบ.ม."),
    ("รหัสกิจกรรม: ghgcalc factors list --set tgo-cfo", "Factor keys: ghgcalc factors list --set tgo-cfo"),
)
# Example rows of the starters, as in src/ghgcalc/data/starter-*.yaml: key, label, unit, extra fields.
_ORGANIZATION_ROWS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("diesel-mobile", "Garbage trucks, pick-ups and other diesel vehicles (น้ำมันดีเซล)", "L", {}),
    ("gasohol-95", "Cars and motorcycles, gasohol 95 (แก๊สโซฮอล์ 95)", "ลิตร", {}),
    ("gasohol-91", "Cars and motorcycles, gasohol 91 (แก๊สโซฮอล์ 91)", "ลิตร", {}),
    ("diesel-stationary", "Back-up generators (เครื่องกำเนิดไฟฟ้าสำรอง), diesel", "L", {}),
    ("lpg-stationary", "Cooking gas, kitchens and child development centres (ก๊าซหุงต้ม LPG)", "kg", {}),
    ("r-32", "Split air conditioners, R-32 (สารทำความเย็นที่เติม)", "kg", {}),
    ("r-410a", "Air conditioners, R-410A", "kg", {}),
    ("r-22", "Older air conditioners, R-22 (reported separately)", "kg", {}),
    ("fire-extinguisher-co2", "CO2 fire extinguishers refilled (ถังดับเพลิง CO2)", "kg", {}),
    ("septic-tank", "Septic tanks, staff × working days", "person_day", {}),
    ("electricity-grid", "Offices and town hall (สำนักงาน)", "kWh", {}),
    ("electricity-grid", "Street lighting (ไฟฟ้าส่องสว่างสาธารณะ)", "kWh", {"category": "street-lighting"}),
    ("electricity-grid", "Water pumping and supply (ระบบสูบน้ำ/ประปา)", "kWh", {"category": "water-pumping"}),
    ("tap-water-pwa", "Tap water, PWA (การประปาส่วนภูมิภาค)", "ลบ.ม.", {}),
    ("paper", "A4 and A3 paper (กระดาษ)", "kg", {}),
    ("waste-landfill", "Office waste to landfill (ขยะฝังกลบ)", "kg", {}),
)
_COMMUNITY_ROWS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("electricity-grid", "Residential electricity (บ้านอยู่อาศัย)", "MWh", {"category": "residential", "gpc": "I.1.2"}),
    ("electricity-grid", "Commercial and institutional electricity", "MWh", {"category": "commercial", "gpc": "I.2.2"}),
    ("electricity-grid", "Industrial electricity (อุตสาหกรรม)", "MWh", {"category": "industrial", "gpc": "I.3.2"}),
    ("lpg-residential", "LPG for cooking in homes (ก๊าซหุงต้มครัวเรือน)", "t", {"category": "residential", "gpc": "I.1.1"}),
    ("lpg-commercial", "LPG in shops, restaurants and hotels", "t", {"category": "commercial", "gpc": "I.2.1"}),
    ("charcoal-residential", "Charcoal for cooking in homes (ถ่านไม้)", "t", {"category": "residential", "gpc": "I.1.1"}),
    (
        "diesel-road",
        "Diesel sold for road transport (น้ำมันดีเซล)",
        "ลิตร",
        {"category": "on-road-transport", "density": "0.832 kg/L", "gpc": "II.1.1"},
    ),
    (
        "motor-gasoline-road-uncontrolled",
        "Gasoline and gasohol sold for road transport",
        "L",
        {"category": "on-road-transport", "gpc": "II.1.1"},
    ),
    (
        "lpg-road",
        "LPG sold for vehicles",
        "L",
        {"category": "on-road-transport", "density": "0.54 kg/L", "gpc": "II.1.1"},
    ),
    ("natural-gas-road", "NGV/CNG sold for vehicles", "kg", {"category": "on-road-transport", "gpc": "II.1.1"}),
)


def starter_period(today: dt.date, fiscal: bool) -> str | int:
    """The period a starter is dated with: the Thai fiscal year `today` falls in (October to
    September, named by its later B.E. year: FY2569 from 2025-10-01 to 2026-09-30), or its
    calendar year in B.E. The caller reads the clock (the CLI); this stays pure."""
    if fiscal:
        return f"FY{today.year + (1 if today.month >= 10 else 0) + BE_OFFSET}"
    return today.year + BE_OFFSET


def inventory_workbook(
    document: dict[str, Any] | None,
    *,
    kind: str = "organization",
    fiscal: bool = False,
    store: FactorStore | None = None,
    today: dt.date = STARTER_DAY,
) -> bytes:
    """The .xlsx bytes of an inventory workbook.

    `document=None` gives the starter: placeholder fields (`kind`, the period of `today`: its
    fiscal year when `fiscal`, else its calendar year, see `starter_period`) and example
    activities with a total of 0. A document is written as it is: values
    keep their Python types, so text such as "12,500" stays text. The months start at the month
    the document's period starts in; `fiscal` decides only when that period cannot be read.
    `store` gives the activity keys of the drop-down list (the bundled sets by default).
    """
    from openpyxl import Workbook

    if kind not in ("organization", "community"):
        raise ValueError(f"kind must be organization or community, not {kind!r}")
    if store is None:
        from ghgcalc.io.factor_store import FactorStore

        store = FactorStore()
    workbook = Workbook()
    if document is None:
        document = _starter(kind, starter_period(today, fiscal))
    first_month = _first_month(document.get("period"), fiscal)
    activities = [a for a in _list(document.get("activities")) if isinstance(a, dict)]
    factors = [f for f in _list(document.get("custom_factors")) if isinstance(f, dict)]
    _check_nested(activities)

    inventory = workbook.active
    assert inventory is not None  # a new workbook has one sheet
    inventory.title = INVENTORY_SHEET
    _write_inventory(inventory, document)
    lists = _write_lists(workbook.create_sheet(LISTS_SHEET), store, factors)
    longest = max((len(a["amount"]) for a in activities if isinstance(a.get("amount"), list)), default=0)
    months = 12 * max(1, -(-longest // 12))  # a longer period repeats the twelve month columns
    _write_activities(workbook.create_sheet(ACTIVITIES_SHEET, 1), activities, first_month, months, lists)
    _write_custom(workbook.create_sheet(CUSTOM_SHEET, 2), factors)
    workbook.active = 0
    return _save(workbook)


def _check_nested(activities: list[dict[str, Any]]) -> None:
    """Refuse a data_quality or uncertainty the columns cannot hold: written, it would be lost (an
    unknown key) or change meaning (`uncertainty: 5` read back as the activity's ±5 %)."""
    for number, item in enumerate(activities, start=1):
        for group, keys in _NESTED.items():
            value = item.get(group)
            if value is None or (isinstance(value, dict) and set(value) <= set(keys)):
                continue
            what = (
                f"has the keys {', '.join(sorted(map(str, value)))}"
                if isinstance(value, dict)
                else f"is {visible(repr(value))}, not a mapping"
            )
            raise UsageError(
                f"activity {number} ('{visible(str(item.get('activity')))}'): {group} {what}; "
                f"a workbook has a column for each of {', '.join(keys)} only",
                f"correct it in the YAML ({group}: {{{keys[0]}: ...}}); ghgcalc validate shows the problem. "
                "Nothing was written",
            )


def _field(item: dict[str, Any], name: str) -> Any:
    """The value of a column: `name` is a field or a nested one ("data_quality.source"); a range
    [lower, upper] is the text "lower/+upper", which the reader reads back as the same list."""
    group, _, key = name.partition(".")
    parent = item.get(group)
    value = item.get(name) if not key else parent.get(key) if isinstance(parent, dict) else None
    if group == "uncertainty" and isinstance(value, list | tuple) and len(value) == 2:
        return f"{_side(value[0])}/{_side(value[1], plus=True)}"
    if group == "uncertainty" and isinstance(value, list | tuple):
        return str(value)  # not a range: kept for the reader to report
    return value


def _side(value: Any, plus: bool = False) -> str:
    if type(value) in (int, float):
        text = repr(value)  # a float's shortest exact text: 2.5, 0.1, 1e-05
        return f"+{text}" if plus and value >= 0 else text
    return str(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _starter(kind: str, period: str | int) -> dict[str, Any]:
    community = kind == "community"
    rows = _COMMUNITY_ROWS if community else _ORGANIZATION_ROWS
    return {
        "ghgcalc": 1,
        "name": "จังหวัดตัวอย่าง (Example Province)" if community else "เทศบาลตำบลตัวอย่าง (Example Municipality)",
        "kind": kind,
        "period": period,
        # the community examples are IPCC fuels, as in starter-community.yaml
        "factors": ["ipcc-2006", "tgo-cfo"] if community else "tgo-cfo",
        "activities": [{"activity": key, "label": label, "unit": unit, **extra} for key, label, unit, extra in rows],
    }


def _first_month(period: Any, fiscal: bool) -> int:
    from ghgcalc.models.period import parse_period

    try:
        return parse_period(period).start.month
    except (ValueError, TypeError):
        return 10 if fiscal else 1


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one value with its type; text that a spreadsheet would take for a formula stays text."""
    from openpyxl.utils.exceptions import IllegalCharacterError

    if value is None:
        return
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)  # Excel has no NaN or infinity; the reader reports the text
    elif isinstance(value, dt.datetime | dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return
    elif not isinstance(value, bool | int | float | str):
        value = str(value)  # a list or mapping where a value belongs: kept for the reader to report
    try:
        cell.value = value
    except IllegalCharacterError as exc:  # control characters have no place in the file's XML
        raise ValueError(f"{sheet.title}!{cell.coordinate}: {value!r} holds a character Excel cannot store") from exc
    if isinstance(value, str):
        text_cell(cell, value)  # never a formula, and stays text when a person edits the cell


def _header(sheet: Worksheet, columns: list[tuple[str, int]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, (text, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=text)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 32  # two lines: "Scope /" and "ประเภท" in a narrow column
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _validation(
    sheet: Worksheet, source: str, cells: str, title: str, error: str, prompt: str, strict: bool = False
) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=title,
        error=error,
        promptTitle=title,
        prompt=prompt,
        showInputMessage=True,
    )
    check.add(cells)
    sheet.add_data_validation(check)


def _write_inventory(sheet: Worksheet, document: dict[str, Any]) -> None:
    from openpyxl.styles import Font

    _header(sheet, [("Field / รายการ", 16), ("Value / ค่า", 46), ("คำอธิบาย", 95), ("Description", 95)])
    values = _inventory_values(document)
    row = 1
    for key, thai, english in _FIELDS:
        row += 1
        sheet.cell(row=row, column=1, value=key)
        _put(sheet, row, 2, values.pop(key, None))
        sheet.cell(row=row, column=3, value=thai)
        sheet.cell(row=row, column=4, value=english)
        if key == "kind":
            _validation(
                sheet,
                '"organization,community"',
                f"B{row}",
                "Kind / ประเภทบัญชี",
                "เลือก organization หรือ community / Choose organization or community",
                "organization (CFO) หรือ community",
                strict=True,
            )
        elif key == "gwp":
            _validation(
                sheet,
                '"SAR,AR4,AR5,AR6"',
                f"B{row}",
                "GWP",
                "เลือก SAR, AR4, AR5 หรือ AR6 หรือเว้นว่าง / Choose SAR, AR4, AR5 or AR6, or leave it empty",
                "SAR, AR4, AR5, AR6",
                strict=True,
            )
    for key, value in values.items():  # keys the format does not know: kept for the reader to report
        row += 1
        _put(sheet, row, 1, key)
        _put(sheet, row, 2, value)
    row += 1  # an empty row, then notes for people (rows without a key are not read)
    for thai, english in _NOTES:
        row += 1
        sheet.cell(row=row, column=3, value=thai)
        sheet.cell(row=row, column=4, value=english)
    for column in (3, 4):
        sheet.cell(row=row - len(_NOTES) + 1, column=column).font = Font(bold=True)


def _inventory_values(document: dict[str, Any]) -> dict[str, Any]:
    """The Inventory sheet's rows: YAML fields flattened to one value each."""
    values: dict[str, Any] = {}
    for key, value in document.items():
        key = str(key)
        if key in ("activities", "custom_factors"):
            continue
        if key == "period" and isinstance(value, dict) and ("start" in value or "end" in value):
            values["period_start"] = value.get("start")
            values["period_end"] = value.get("end")
        elif key == "period" and isinstance(value, dict) and set(value) == {"fiscal_year"}:
            values["period"] = f"FY{value['fiscal_year']}"
        elif key == "factors" and isinstance(value, list):
            values["factors"] = ", ".join(str(v) for v in value)
        elif key == "output" and isinstance(value, dict):
            for name, item in value.items():
                values[f"output_{name}"] = item
        else:
            values[key] = value
    return values


def _write_lists(sheet: Worksheet, store: FactorStore, factors: list[dict[str, Any]]) -> dict[str, str]:
    """The hidden sheet of drop-down values; returns the range of each list."""
    keys = {key for set_id in store.set_ids() for version in store.versions(set_id) for key in version.factors}
    keys.update(str(f["key"]) for f in factors if f.get("key"))
    columns: dict[str, list[Any]] = {"activity": sorted(keys), "unit": list(COMMON_UNITS), "scope": list(SCOPES)}
    _header(sheet, [("Activity keys / รหัสกิจกรรม", 34), ("Units / หน่วย", 12), ("Scopes / ประเภท", 10)])
    ranges = {}
    for column, (name, items) in enumerate(columns.items(), start=1):
        for row, item in enumerate(items, start=2):
            _put(sheet, row, column, item)
        letter = "ABC"[column - 1]
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _write_activities(
    sheet: Worksheet, activities: list[dict[str, Any]], first_month: int, months: int, lists: dict[str, str]
) -> None:
    from openpyxl.utils import get_column_letter

    month_headers = [MONTHS[(first_month - 1 + i) % 12] for i in range(months)]
    headers = [(text, width) for _, text, width in ACTIVITY_COLUMNS]
    headers += [(f"{en} / {th}", 10) for en, th in month_headers]
    headers += [(text, width) for _, text, width in AFTER_MONTHS]
    _header(sheet, headers)
    fields = [name for name, _, _ in ACTIVITY_COLUMNS]
    after = [name for name, _, _ in AFTER_MONTHS]
    first_month_column = len(fields) + 1
    for row, item in enumerate(activities, start=2):
        for column, name in enumerate(fields, start=1):
            _put(sheet, row, column, item.get(name))
        amount = item.get("amount")
        if isinstance(amount, list):
            for offset, value in enumerate(amount):
                _put(sheet, row, first_month_column + offset, value)
        for column, name in enumerate(after, start=first_month_column + months):
            if name != "amount" or not isinstance(amount, list):
                _put(sheet, row, column, _field(item, name))
    sheet.column_dimensions[get_column_letter(fields.index("id") + 1)].number_format = "@"  # an id is text
    last = max(VALIDATED_ROWS, len(activities) + 1)

    def letter(name: str) -> str:
        if name in fields:
            return get_column_letter(fields.index(name) + 1)
        return get_column_letter(first_month_column + months + after.index(name))

    _validation(
        sheet,
        lists["activity"],
        f"{letter('activity')}2:{letter('activity')}{last}",
        "Activity / กิจกรรม",
        "รหัสนี้ไม่อยู่ในชุดค่าการปล่อยของ ghgcalc ใช้ได้เมื่อกำหนดไว้ในแผ่นงาน Custom factors"
        " / This key is in no factor set of ghgcalc; keep it only if the Custom factors sheet defines it.",
        "เลือกรหัสค่าการปล่อยจากรายการ / Choose a factor key from the list",
    )
    _validation(
        sheet,
        lists["unit"],
        f"{letter('unit')}2:{letter('unit')}{last}",
        "Unit / หน่วย",
        "หน่วยนี้ไม่อยู่ในรายการหน่วยที่ใช้บ่อย ghgcalc อ่านหน่วยอื่นได้อีกมาก (เช่น MMBtu, GWh, หน่วย)"
        " / This unit is not in the list of common units; ghgcalc reads many more (MMBtu, GWh, ...).",
        "หน่วยของปริมาณ / The unit of the amounts",
    )
    _validation(
        sheet,
        lists["scope"],
        f"{letter('scope')}2:{letter('scope')}{last}",
        "Scope / ประเภท",
        "ประเภทต้องเป็น 1, 2 หรือ 3 หรือเว้นว่างเพื่อใช้ประเภทของค่าการปล่อย"
        " / The scope is 1, 2 or 3, or empty for the factor's own scope.",
        "1, 2, 3 หรือเว้นว่าง / 1, 2, 3 or empty",
        strict=True,
    )
    _quality_validations(sheet, letter, last)


def _quality_validations(sheet: Worksheet, letter: Any, last: int) -> None:
    """Drop-down lists for the tier and the grades, and input notes for the evidence and the ranges."""
    source = letter("data_quality.source")
    _validation(
        sheet,
        f'"{",".join(TIERS)}"',
        f"{source}2:{source}{last}",
        "Data source / แหล่งข้อมูล",
        "แหล่งข้อมูลตามแบบฟอร์ม Fr-04.1: 1st, 2nd หรือ other / TGO Fr-04.1's tier: 1st, 2nd or other.",
        _TIER_PROMPT,
    )
    for name, title in (
        ("data_quality.activity", "Activity data quality"),
        ("data_quality.factor", "Factor quality"),
    ):
        column = letter(name)
        _validation(
            sheet,
            f'"{",".join(GRADES)}"',
            f"{column}2:{column}{last}",
            title,
            "คุณภาพข้อมูล: high, medium หรือ low (H, M, L) / The grade: high, medium or low (H, M, L).",
            "high, medium, low (GPC); see docs/data-quality.md",
        )
    evidence = letter("evidence")
    _note(
        sheet,
        f"{evidence}2:{evidence}{last}",
        "Evidence / หลักฐาน",
        "เอกสารที่ผู้ทวนสอบตรวจได้ เช่น ใบแจ้งหนี้ค่าไฟฟ้า 12 เดือน / What a verifier can check, e.g. "
        "12 months of electricity invoices",
    )
    for name in ("uncertainty.activity", "uncertainty.factor"):
        column = letter(name)
        _note(sheet, f"{column}2:{column}{last}", "Uncertainty (%)", _RANGE_PROMPT)


def _note(sheet: Worksheet, cells: str, title: str, prompt: str) -> None:
    """A note shown when a cell is selected (data validation of any value, with an input message)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    note = DataValidation(allow_blank=True, promptTitle=title, prompt=prompt, showInputMessage=True)
    note.add(cells)
    sheet.add_data_validation(note)


def _write_custom(sheet: Worksheet, factors: list[dict[str, Any]]) -> None:
    from openpyxl.utils import get_column_letter

    _header(sheet, [(text, width) for _, text, width in CUSTOM_COLUMNS])
    fields = [name for name, _, _ in CUSTOM_COLUMNS]
    row = 1
    for factor in factors:
        gases = factor.get("kg")
        pairs = list(gases.items()) if isinstance(gases, dict) else [(None, gases)]
        for gas, value in pairs or [(None, None)]:  # one row per gas; the factor's other fields on each
            row += 1
            for column, name in enumerate(fields, start=1):
                _put(
                    sheet, row, column, gas if name == "gas" else value if name == "kg" else _custom_field(factor, name)
                )
    last = max(VALIDATED_ROWS, row)
    scope = get_column_letter(fields.index("scope") + 1)
    basis = get_column_letter(fields.index("gwp_basis") + 1)
    ranges = get_column_letter(fields.index("uncertainty") + 1)
    _note(sheet, f"{ranges}2:{ranges}{last}", "Uncertainty (%)", _RANGE_PROMPT)
    _validation(
        sheet,
        f"{LISTS_SHEET}!$C$2:$C${len(SCOPES) + 1}",
        f"{scope}2:{scope}{last}",
        "Scope / ประเภท",
        "ประเภทต้องเป็น 1, 2 หรือ 3 หรือเว้นว่าง / The scope is 1, 2 or 3, or empty.",
        "1, 2, 3 หรือเว้นว่าง / 1, 2, 3 or empty",
        strict=True,
    )
    _validation(
        sheet,
        '"SAR,AR4,AR5,AR6"',
        f"{basis}2:{basis}{last}",
        "GWP basis / ฐาน GWP",
        "เลือก SAR, AR4, AR5 หรือ AR6 หรือเว้นว่าง / Choose SAR, AR4, AR5 or AR6, or leave it empty.",
        "ชุด GWP ของค่า CO2e / The GWP set behind a CO2e value",
        strict=True,
    )


def _custom_field(factor: dict[str, Any], name: str) -> Any:
    if name == "uncertainty":  # a range, written as on the Activities sheet
        return _field({"uncertainty": {"factor": factor.get(name)}}, "uncertainty.factor")
    return factor.get(name)


def _save(workbook: Workbook) -> bytes:
    """The workbook's bytes: the same on every run (fixed document dates and zip entry times)."""
    properties = workbook.properties
    properties.creator = "ghgcalc"
    properties.created = properties.modified = FIXED_TIME
    return save(workbook, FIXED_TIME)
