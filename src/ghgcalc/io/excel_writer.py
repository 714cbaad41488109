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
from ghgcalc.i18n import N_, language, tr
from ghgcalc.io import excel_keys, excel_organization, excel_writable
from ghgcalc.io.excel_labels import bilingual, english, pair, thai
from ghgcalc.io.xlsx_book import save, text_cell  # one rule for every spreadsheet ghgcalc writes
from ghgcalc.thai import BE_OFFSET

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ghgcalc.io.factor_store import FactorStore

INVENTORY_SHEET = "Inventory"
ORGANIZATION_SHEET = excel_organization.SHEET
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
# Activities columns before the months and after them: (field, header, width); a header is shown
# in both languages (excel_labels.bilingual), the reader reads either. NCV, GPC and IPCC are names
# in any language.
ACTIVITY_COLUMNS = (
    ("activity", N_("Activity"), 30),
    ("scope", N_("Scope"), 9),
    ("category", N_("Category"), 18),
    ("label", N_("Label"), 62),
    ("unit", N_("Unit"), 12),
    ("id", N_("ID"), 10),
)
AFTER_MONTHS = (
    ("amount", N_("Total"), 13),
    ("ncv", "NCV", 13),
    ("density", N_("Density"), 14),
    ("gpc", "GPC", 9),
    ("ipcc", "IPCC", 10),
    ("division", N_("Division"), 24),  # who is responsible for the line (TGO Fr-03)
    # data_quality, evidence and uncertainty (docs/data-quality.md), one column per value
    ("data_quality.source", N_("Data source"), 12),
    ("data_quality.activity", N_("Activity data quality"), 16),
    ("data_quality.factor", N_("Factor quality"), 16),
    ("evidence", N_("Evidence"), 40),
    ("uncertainty.activity", N_("Activity uncertainty %"), 16),
    ("uncertainty.factor", N_("Factor uncertainty %"), 16),
)
CUSTOM_COLUMNS = (
    ("key", N_("Key"), 22),
    ("per", N_("Per"), 10),
    ("gas", N_("Gas"), 12),
    ("kg", N_("kg"), 12),
    ("source", N_("Source"), 36),
    ("name", N_("Name"), 30),
    ("scope", N_("Scope"), 9),
    ("category", N_("Category"), 18),
    ("ncv", "NCV", 13),
    ("density", N_("Density"), 14),
    ("gwp_basis", N_("GWP basis"), 15),
    ("valid_from", N_("Valid from"), 16),
    ("valid_to", N_("Valid to"), 14),
    ("uncertainty", N_("Uncertainty %"), 16),
)
# The fields of a line and of a custom factor that have a column (a nested field's group: data_quality).
_COLUMNS = {
    "activities": frozenset(name.partition(".")[0] for name, _, _ in ACTIVITY_COLUMNS + AFTER_MONTHS),
    "custom_factors": frozenset(name for name, _, _ in CUSTOM_COLUMNS if name != "gas"),
}
# What data_quality and uncertainty hold, one column each; a mapping with other keys, or another
# value, cannot be written in these columns and is refused rather than lost.
_NESTED = {"data_quality": ("source", "activity", "factor"), "uncertainty": ("activity", "factor")}
TIERS = ("1st", "2nd", "other")  # TGO Fr-04.1's source tiers
GRADES = ("high", "medium", "low")  # the GPC's grades
LANGUAGES = ("th", "en")
_TIER_PROMPT = N_(
    "1st = Self collect / Supplier; 2nd = TH LCI DB / TGO EF / Thai Res. / Int. DB; other = Other (TGO Fr-04.1)"
)
_RANGE_PROMPT = N_("95 % range in % of the value: 5 = ±5 %; -10/+20 = 10 % below to 20 % above")
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

# Inventory sheet: key, then its description (column C in Thai, D in English; C and D are never read).
_FIELDS = (
    ("ghgcalc", N_("Format version; leave as is")),
    ("name", N_("The organisation's name: replace the example")),
    (
        "kind",
        N_("organization: the local government's own operations; community: the whole city or province"),
    ),
    (
        "period",
        N_("Fiscal year FY2568 (2024-10-01 to 2025-09-30) or calendar year 2568 (or 2025); or the next two rows"),
    ),
    ("period_start", N_("First day, when period is empty")),
    ("period_end", N_("Last day, when period is empty")),
    ("gwp", N_("Optional: SAR, AR4, AR5 or AR6; empty: the factor set's own basis")),
    ("factors", N_("Factor sets, comma-separated, searched in order")),
    ("output_amount", N_("Optional: the output of the period (TGO Fr-01), for carbon intensity")),
    ("output_unit", N_("Its unit, e.g. persons")),
    ("output_name", N_("What it is, e.g. staff")),
    ("indicators_population", N_("Optional: the population, for emissions per person")),
    ("indicators_staff", N_("Optional: the number of staff, for emissions per staff member")),
    ("indicators_gpp_million_thb", N_("Optional: gross provincial product, million THB")),
    ("indicators_area_km2", N_("Optional: area, km2")),
    ("language", N_("Optional: th or en, the language of ghgcalc's messages and reports for this inventory")),
)
_NOTES = (
    N_("How to use"),
    N_("1. Fill in the name and the period above, and the Organization sheet (Fr-01, Fr-02)."),
    N_("2. Activities: one row per activity; enter the monthly amounts, or the Total alone."),
    N_("    If you fill both the months and Total, the total must equal the sum of the months."),
    N_("    A row without an amount is skipped with a warning; delete the example rows you do not need."),
    N_("    Choose the activity from the list (its Thai name follows the key); the key is what counts."),
    N_("3. Your own factors: the Custom factors sheet, one row per gas."),
    N_(
        "4. Optional: each row's data source (1st, 2nd, other as in TGO Fr-04.1), grades (high, medium, low), "
        "evidence, uncertainty (%) and responsible division; see docs/data-quality.md"
    ),
    N_("5. Check it: ghgcalc validate FILE.xlsx"),
    N_("    Compute it: ghgcalc compute FILE.xlsx"),
    N_("หน่วย is read as kWh; write water in m3 or ลบ.ม."),
    N_("Factor keys: ghgcalc factors list --set tgo-cfo"),
)
# Example rows of the starters, as in src/ghgcalc/data/starter-*.yaml: key, label, unit, extra fields.
_ORGANIZATION_ROWS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("diesel-mobile", N_("Garbage trucks, pick-ups and other diesel vehicles (น้ำมันดีเซล)"), "L", {}),
    ("gasohol-95", N_("Cars and motorcycles, gasohol 95 (แก๊สโซฮอล์ 95)"), "ลิตร", {}),
    ("gasohol-91", N_("Cars and motorcycles, gasohol 91 (แก๊สโซฮอล์ 91)"), "ลิตร", {}),
    ("diesel-stationary", N_("Back-up generators (เครื่องกำเนิดไฟฟ้าสำรอง), diesel"), "L", {}),
    ("lpg-stationary", N_("Cooking gas, kitchens and child development centres (ก๊าซหุงต้ม LPG)"), "kg", {}),
    ("r-32", N_("Split air conditioners, R-32 (สารทำความเย็นที่เติม)"), "kg", {}),
    ("r-410a", N_("Air conditioners, R-410A"), "kg", {}),
    ("r-22", N_("Older air conditioners, R-22 (reported separately)"), "kg", {}),
    ("fire-extinguisher-co2", N_("CO2 fire extinguishers refilled (ถังดับเพลิง CO2)"), "kg", {}),
    ("septic-tank", N_("Septic tanks, staff × working days"), "person_day", {}),
    ("electricity-grid", N_("Offices and town hall (สำนักงาน)"), "kWh", {}),
    ("electricity-grid", N_("Street lighting (ไฟฟ้าส่องสว่างสาธารณะ)"), "kWh", {"category": "street-lighting"}),
    ("electricity-grid", N_("Water pumping and supply (ระบบสูบน้ำ/ประปา)"), "kWh", {"category": "water-pumping"}),
    ("tap-water-pwa", N_("Tap water, PWA (การประปาส่วนภูมิภาค)"), "ลบ.ม.", {}),
    ("paper", N_("A4 and A3 paper (กระดาษ)"), "kg", {}),
    ("waste-landfill", N_("Office waste to landfill (ขยะฝังกลบ)"), "kg", {}),
)
_COMMUNITY_ROWS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("electricity-grid", N_("Residential electricity (บ้านอยู่อาศัย)"), "MWh", {"category": "residential", "gpc": "I.1.2"}),
    (
        "electricity-grid",
        N_("Commercial and institutional electricity"),
        "MWh",
        {"category": "commercial", "gpc": "I.2.2"},
    ),
    ("electricity-grid", N_("Industrial electricity (อุตสาหกรรม)"), "MWh", {"category": "industrial", "gpc": "I.3.2"}),
    (
        "lpg-residential",
        N_("LPG for cooking in homes (ก๊าซหุงต้มครัวเรือน)"),
        "t",
        {"category": "residential", "gpc": "I.1.1"},
    ),
    ("lpg-commercial", N_("LPG in shops, restaurants and hotels"), "t", {"category": "commercial", "gpc": "I.2.1"}),
    (
        "charcoal-residential",
        N_("Charcoal for cooking in homes (ถ่านไม้)"),
        "t",
        {"category": "residential", "gpc": "I.1.1"},
    ),
    (
        "diesel-road",
        N_("Diesel sold for road transport (น้ำมันดีเซล)"),
        "ลิตร",
        {"category": "on-road-transport", "density": "0.832 kg/L", "gpc": "II.1.1"},
    ),
    (
        "motor-gasoline-road-uncontrolled",
        N_("Gasoline and gasohol sold for road transport"),
        "L",
        {"category": "on-road-transport", "gpc": "II.1.1"},
    ),
    (
        "lpg-road",
        N_("LPG sold for vehicles"),
        "L",
        {"category": "on-road-transport", "density": "0.54 kg/L", "gpc": "II.1.1"},
    ),
    ("natural-gas-road", N_("NGV/CNG sold for vehicles"), "kg", {"category": "on-road-transport", "gpc": "II.1.1"}),
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
    fiscal year when `fiscal`, else its calendar year, see `starter_period`), a blank Organization
    sheet and example activities with a total of 0. A document is written as it is: values
    keep their Python types, so text such as "12,500" stays text. The months start at the month
    the document's period starts in; `fiscal` decides only when that period cannot be read.
    `store` gives the activity keys of the drop-down list (the bundled sets by default). Labels,
    notes and prompts are in both languages, the run's first (excel_labels).
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
    excel_writable.check(document, _COLUMNS)  # a key, an item or a list no column holds: refused, not lost
    activities = [a for a in _list(document.get("activities")) if isinstance(a, dict)]
    factors = [f for f in _list(document.get("custom_factors")) if isinstance(f, dict)]
    _check_nested(activities)
    _check_months(activities, document.get("period"))
    organization = document.get("organization")
    refused = excel_organization.check(organization)
    if refused:
        raise UsageError(
            refused,
            tr("correct it in the YAML; ghgcalc validate shows the problem. Nothing was written"),
        )

    inventory = workbook.active
    assert inventory is not None  # a new workbook has one sheet
    inventory.title = INVENTORY_SHEET
    lists = _write_lists(workbook.create_sheet(LISTS_SHEET), store, factors)
    _write_inventory(inventory, document)
    _write_organization(workbook.create_sheet(ORGANIZATION_SHEET, 1), organization, lists)
    months = _month_columns(document.get("period"), activities)
    _write_activities(workbook.create_sheet(ACTIVITIES_SHEET, 2), activities, first_month, months, lists)
    _write_custom(workbook.create_sheet(CUSTOM_SHEET, 3), factors)
    workbook.active = 0
    return _save(workbook)


def _check_months(activities: list[dict[str, Any]], period: Any) -> None:
    """Refuse a line with more monthly values than the period has months: YAML reads the extra
    values (with a warning), but the workbook's month columns after the period are outside it, and
    a workbook with amounts there does not compute (month-outside-period)."""
    from ghgcalc.io.excel_month_columns import months_of_period
    from ghgcalc.models.period import parse_period

    try:
        parsed = parse_period(period)
    except (ValueError, TypeError):
        return  # written as it is: the workbook reports the period as the YAML does
    months = len(months_of_period(parsed))
    for number, item in enumerate(activities, start=1):
        amount = item.get("amount")
        if not isinstance(amount, list) or len(amount) <= months:
            continue
        raise UsageError(
            tr(
                "activity {number} ('{activity}'): {count} monthly values, but the period {period} has "
                "{months} month(s); a workbook has a column for each month of the period only",
                number=number,
                activity=visible(str(item.get("activity"))),
                count=len(amount),
                period=parsed.label,
                months=months,
            ),
            tr(
                "keep only the period's months in the YAML (or correct the period), then convert again. "
                "Nothing was written"
            ),
        )


def _check_nested(activities: list[dict[str, Any]]) -> None:
    """Refuse a data_quality or uncertainty the columns cannot hold: written, it would be lost (an
    unknown key) or change meaning (`uncertainty: 5` read back as the activity's ±5 %)."""
    for number, item in enumerate(activities, start=1):
        for group, keys in _NESTED.items():
            value = item.get(group)
            if value is None or (isinstance(value, dict) and set(value) <= set(keys)):
                continue
            name = visible(str(item.get("activity")))
            columns = ", ".join(keys)
            if isinstance(value, dict):
                message = tr(
                    "activity {number} ('{activity}'): {group} has the keys {keys}; "
                    "a workbook has a column for each of {columns} only",
                    number=number,
                    activity=name,
                    group=group,
                    keys=", ".join(sorted(map(str, value))),
                    columns=columns,
                )
            else:
                message = tr(
                    "activity {number} ('{activity}'): {group} is {value}, not a mapping; "
                    "a workbook has a column for each of {columns} only",
                    number=number,
                    activity=name,
                    group=group,
                    value=visible(repr(value)),
                    columns=columns,
                )
            raise UsageError(
                message,
                tr(
                    "correct it in the YAML ({example}); ghgcalc validate shows the problem. Nothing was written",
                    example=f"{group}: {{{keys[0]}: ...}}",
                ),
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
        # a Thai run's workbook speaks Thai to whoever computes it, as the Thai YAML starters do
        **({"language": "th"} if language() == "th" else {}),
        "activities": [
            {"activity": key, "label": tr(label), "unit": unit, **extra} for key, label, unit, extra in rows
        ],
    }


def _month_columns(period: Any, activities: list[dict[str, Any]]) -> int:
    """How many month columns to write: one for each month the period touches, as the reader places
    them in the period (an 18-month period, or twelve months from the 15th, touches more than
    twelve, and a missing month would not compute), and at least twelve (the columns outside a short
    period stay empty and are ignored). A period that cannot be read gets twelve for each twelve
    monthly values, the workbook reporting the period as the YAML does."""
    from ghgcalc.io.excel_month_columns import months_of_period
    from ghgcalc.models.period import parse_period

    try:
        return max(12, len(months_of_period(parse_period(period))))
    except (ValueError, TypeError):
        longest = max((len(a["amount"]) for a in activities if isinstance(a.get("amount"), list)), default=0)
        return 12 * max(1, -(-longest // 12))


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
        raise UsageError(
            tr(
                "{cell}: {value} holds a control character, which a workbook cannot store",
                cell=f"{sheet.title}!{cell.coordinate}",
                value=visible(repr(value))[:80],
            ),
            tr(
                "remove the control character from the YAML (an escape such as \\x01 in a quoted text); "
                "nothing was written"
            ),
        ) from exc
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
    """A drop-down list; `title`, `error` and `prompt` are msgids: the title in the run's language
    (Excel allows 32 characters), the texts in both."""
    from openpyxl.worksheet.datavalidation import DataValidation

    check = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=_short(tr(title), 32),
        error=_short(bilingual(error), 255),
        promptTitle=_short(tr(title), 32),
        prompt=_short(bilingual(prompt), 255),
        showInputMessage=True,
    )
    check.add(cells)
    sheet.add_data_validation(check)


def _short(text: str, limit: int) -> str:
    """A data validation's title (32) and texts (255 characters) as Excel allows them: past the
    limit Excel declares the file damaged. The run's language comes first, so it is what is kept."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NAMES = {"NCV", "GPC", "IPCC"}  # the same in every language


def _label(header: str) -> str:
    return header if header in _NAMES else bilingual(header)


def _write_inventory(sheet: Worksheet, document: dict[str, Any]) -> None:
    from openpyxl.styles import Font

    _header(sheet, [(bilingual(N_("Field")), 16), (bilingual(N_("Value")), 46), ("คำอธิบาย", 95), ("Description", 95)])
    values = _inventory_values(document)
    row = 1
    for key, description in _FIELDS:
        row += 1
        sheet.cell(row=row, column=1, value=key)
        _put(sheet, row, 2, values.pop(key, None))
        sheet.cell(row=row, column=3, value=thai(description))
        sheet.cell(row=row, column=4, value=english(description))
        choices = {
            "kind": ('"organization,community"', N_("Kind"), N_("Choose organization or community")),
            "gwp": ('"SAR,AR4,AR5,AR6"', N_("GWP"), N_("Choose SAR, AR4, AR5 or AR6, or leave it empty")),
            "language": ('"th,en"', N_("Language"), N_("Choose th or en, or leave it empty")),
        }
        if key in choices:
            source, title, error = choices[key]
            _validation(sheet, source, f"B{row}", title, error, error, strict=True)
    for key, value in values.items():  # keys the format does not know: kept for the reader to report
        row += 1
        _put(sheet, row, 1, key)
        _put(sheet, row, 2, value)
    row += 1  # an empty row, then notes for people (rows without a key are not read)
    for note in _NOTES:
        row += 1
        sheet.cell(row=row, column=3, value=thai(note))
        sheet.cell(row=row, column=4, value=english(note))
    for column in (3, 4):
        sheet.cell(row=row - len(_NOTES) + 1, column=column).font = Font(bold=True)


def _inventory_values(document: dict[str, Any]) -> dict[str, Any]:
    """The Inventory sheet's rows: YAML fields flattened to one value each."""
    values: dict[str, Any] = {}
    for key, value in document.items():
        key = str(key)
        if key in ("activities", "custom_factors", "organization"):
            continue
        if key in ("output", "indicators") and value is None:
            continue  # left empty: none given, as in YAML
        if key == "period" and isinstance(value, dict) and ("start" in value or "end" in value):
            values["period_start"] = value.get("start")
            values["period_end"] = value.get("end")
        elif key == "period" and isinstance(value, dict) and set(value) == {"fiscal_year"}:
            values["period"] = f"FY{value['fiscal_year']}"
        elif key == "factors" and isinstance(value, list):
            values["factors"] = ", ".join(str(v) for v in value)
        elif key in ("output", "indicators") and isinstance(value, dict):
            for name, item in value.items():
                values[f"{key}_{name}"] = item
        else:
            values[key] = value
    return values


def _write_organization(sheet: Worksheet, organization: Any, lists: dict[str, str]) -> None:
    """The Organization sheet (excel_organization), with drop-down lists for its type and consolidation."""
    rows = excel_organization.write(sheet, organization if isinstance(organization, dict) else None, _put, _header)
    _validation(
        sheet,
        lists["organization_type"],
        f"B{rows['type']}",
        N_("Type of local government"),
        N_("Not in the list: write a type of local government in Thai, or its key (e.g. subdistrict-municipality)."),
        N_("Choose the type of local government"),
    )
    _validation(
        sheet,
        f'"{",".join(excel_organization.CONSOLIDATIONS)}"',
        f"B{rows['consolidation']}",
        N_("Consolidation"),
        N_("Choose operational-control, financial-control or equity-share, or leave it empty."),
        N_("operational-control when empty (TGO's usual approach for a local government)"),
        strict=True,
    )


def _write_lists(sheet: Worksheet, store: FactorStore, factors: list[dict[str, Any]]) -> dict[str, str]:
    """The hidden sheet of drop-down values; returns the range of each list. The activity list is
    `key — name` (excel_keys), the common keys first."""
    from ghgcalc.models.inventory import LOCAL_GOVERNMENT_TH

    choices = excel_keys.choices(store, factors)
    columns: dict[str, list[Any]] = {
        "activity": [excel_keys.choice(key, name) for key, name in choices],
        "unit": list(COMMON_UNITS),
        "scope": list(SCOPES),
        "organization_type": list(LOCAL_GOVERNMENT_TH.values()),
    }
    _header(
        sheet,
        [
            (bilingual(N_("Activity keys")), 60),
            (bilingual(N_("Units")), 12),
            (bilingual(N_("Scopes")), 10),
            (bilingual(N_("Types of local government")), 30),
        ],
    )
    ranges = {}
    for column, (name, items) in enumerate(columns.items(), start=1):
        for row, item in enumerate(items, start=2):
            _put(sheet, row, column, item)
        letter = "ABCD"[column - 1]
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _write_activities(
    sheet: Worksheet, activities: list[dict[str, Any]], first_month: int, months: int, lists: dict[str, str]
) -> None:
    from openpyxl.utils import get_column_letter

    month_headers = [MONTHS[(first_month - 1 + i) % 12] for i in range(months)]
    headers = [(_label(text), width) for _, text, width in ACTIVITY_COLUMNS]
    headers += [(pair(en, th), 10) for en, th in month_headers]
    headers += [(_label(text), width) for _, text, width in AFTER_MONTHS]
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
        N_("Activity"),
        N_(
            "Not in the list: keep it if it is a factor key (e.g. electricity-grid) or a key of the "
            "Custom factors sheet."
        ),
        N_("Choose the activity by its Thai name; the key before the dash is what ghgcalc reads"),
    )
    _validation(
        sheet,
        lists["unit"],
        f"{letter('unit')}2:{letter('unit')}{last}",
        N_("Unit"),
        N_("This unit is not in the list of common units; ghgcalc reads many more (MMBtu, GWh, ...)."),
        N_("The unit of the amounts"),
    )
    _validation(
        sheet,
        lists["scope"],
        f"{letter('scope')}2:{letter('scope')}{last}",
        N_("Scope"),
        N_("The scope is 1, 2 or 3, or empty for the factor's own scope."),
        N_("1, 2, 3 or empty"),
        strict=True,
    )
    _quality_validations(sheet, letter, last)
    division = letter("division")
    _note(
        sheet,
        f"{division}2:{division}{last}",
        N_("Division"),
        N_("The division responsible for this line, e.g. the engineering division (TGO Fr-03)"),
    )


def _quality_validations(sheet: Worksheet, letter: Any, last: int) -> None:
    """Drop-down lists for the tier and the grades, and input notes for the evidence and the ranges."""
    source = letter("data_quality.source")
    _validation(
        sheet,
        f'"{",".join(TIERS)}"',
        f"{source}2:{source}{last}",
        N_("Data source"),
        N_("TGO Fr-04.1's tier: 1st, 2nd or other."),
        _TIER_PROMPT,
    )
    for name, title in (
        ("data_quality.activity", N_("Activity data quality")),
        ("data_quality.factor", N_("Factor quality")),
    ):
        column = letter(name)
        _validation(
            sheet,
            f'"{",".join(GRADES)}"',
            f"{column}2:{column}{last}",
            title,
            N_("The grade: high, medium or low (H, M, L)."),
            N_("high, medium, low (GPC); see docs/data-quality.md"),
        )
    evidence = letter("evidence")
    _note(
        sheet,
        f"{evidence}2:{evidence}{last}",
        N_("Evidence"),
        N_("What a verifier can check, e.g. 12 months of electricity invoices"),
    )
    for name in ("uncertainty.activity", "uncertainty.factor"):
        column = letter(name)
        _note(sheet, f"{column}2:{column}{last}", N_("Uncertainty (%)"), _RANGE_PROMPT)


def _note(sheet: Worksheet, cells: str, title: str, prompt: str) -> None:
    """A note shown when a cell is selected (data validation of any value, with an input message);
    `title` and `prompt` are msgids, the title in the run's language, the prompt in both."""
    from openpyxl.worksheet.datavalidation import DataValidation

    note = DataValidation(
        allow_blank=True,
        promptTitle=_short(tr(title), 32),
        prompt=_short(bilingual(prompt), 255),
        showInputMessage=True,
    )
    note.add(cells)
    sheet.add_data_validation(note)


def _write_custom(sheet: Worksheet, factors: list[dict[str, Any]]) -> None:
    from openpyxl.utils import get_column_letter

    _header(sheet, [(_label(text), width) for _, text, width in CUSTOM_COLUMNS])
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
    _note(sheet, f"{ranges}2:{ranges}{last}", N_("Uncertainty (%)"), _RANGE_PROMPT)
    _validation(
        sheet,
        f"{LISTS_SHEET}!$C$2:$C${len(SCOPES) + 1}",
        f"{scope}2:{scope}{last}",
        N_("Scope"),
        N_("The scope is 1, 2 or 3, or empty."),
        N_("1, 2, 3 or empty"),
        strict=True,
    )
    _validation(
        sheet,
        '"SAR,AR4,AR5,AR6"',
        f"{basis}2:{basis}{last}",
        N_("GWP basis"),
        N_("Choose SAR, AR4, AR5 or AR6, or leave it empty."),
        N_("The GWP set behind a CO2e value"),
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
