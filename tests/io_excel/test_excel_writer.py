"""Inventory workbooks written by ghgcalc (docs/excel-format.md), read back as a user's tools read them.

Every workbook is opened with python-calamine (what ghgcalc's reader uses) and with openpyxl (for what
calamine does not show: data validation, hidden sheets, styles, cell types).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from python_calamine import CalamineWorkbook

from ghgcalc import api
from ghgcalc.io import excel_keys
from ghgcalc.io.excel_labels import thai
from ghgcalc.io.excel_writer import FIXED_TIME, inventory_workbook
from ghgcalc.io.factor_store import FactorStore
from ghgcalc.io.inventory_reader import read_inventory, read_inventory_text

MONTHS_CALENDAR = ["Jan / ม.ค.", "Feb / ก.พ.", "Mar / มี.ค.", "Apr / เม.ย.", "May / พ.ค.", "Jun / มิ.ย."]
MONTHS_CALENDAR += ["Jul / ก.ค.", "Aug / ส.ค.", "Sep / ก.ย.", "Oct / ต.ค.", "Nov / พ.ย.", "Dec / ธ.ค."]
MONTHS_FISCAL = MONTHS_CALENDAR[9:] + MONTHS_CALENDAR[:9]


def both(english: str) -> str:
    """A header as an English run writes it: the English, then the catalog's Thai."""
    return f"{english} / {thai(english)}"


# The complete example of docs/inventory-format.md, shortened, with every kind of value a YAML file holds.
TOWN = textwrap.dedent(
    """\
    ghgcalc: 1
    name: เทศบาลตำบลตัวอย่าง (Example Subdistrict Municipality)
    kind: organization
    period: FY2567
    factors: [tgo-cfo]
    gwp: AR5
    output: {amount: 86, unit: คน, name: staff}
    custom_factors:
      - key: supplier-diesel-b7
        name: Diesel B7, supplier data sheet
        per: L
        kg: {CO2: 2.6987, CH4_fossil: 0.000142, N2O: 0.000142}
        scope: 1
        category: mobile-combustion
        source: Supplier data sheet, March 2024
        valid_from: 2566-10-01
    activities:
      - activity: diesel-mobile
        label: Garbage trucks
        unit: L
        amount: [2150, 2080, 2210, 2190, 2040, 2230, 2120, 2260, 2170, 2200, 2150, 2190]
      - activity: gasohol-95
        label: Staff cars and motorcycles
        unit: ลิตร
        amount: "๔,๘๒๐"
      - activity: supplier-diesel-b7
        label: Backhoe, fuelled by the contractor
        unit: L
        amount: 600
        id: "7"
      - activity: electricity-grid
        label: Street lighting
        category: street-lighting
        scope: 2
        unit: MWh
        amount: 186.4
      - activity: lpg-road
        unit: L
        density: 0.54 kg/L
        ncv: 47.3 TJ/Gg
        amount: ["1,250", 980.5]
    """
)


@pytest.fixture(scope="module")
def store() -> FactorStore:
    return FactorStore()


@pytest.fixture(scope="module")
def template(store: FactorStore) -> bytes:
    return inventory_workbook(None, store=store)


@pytest.fixture(scope="module")
def town(store: FactorStore) -> bytes:
    return inventory_workbook(yaml.safe_load(TOWN), store=store)


def calamine(data: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def opened(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def fields(rows: list[list[Any]]) -> dict[str, Any]:
    """The Inventory sheet as key -> value, as the reader sees it (empty keys skipped)."""
    return {row[0]: row[1] for row in rows[1:] if row and row[0] != ""}


def header(rows: list[list[Any]]) -> list[Any]:
    return [cell for cell in rows[0] if cell != ""]


def validations(sheet: Any) -> dict[str, tuple[str, str]]:
    """Cell range -> (list source, error style) of a sheet's drop-down lists."""
    return {str(v.sqref): (v.formula1, v.errorStyle) for v in sheet.data_validations.dataValidation}


# --- the template of `ghgcalc init inventory.xlsx` -----------------------------------------------------


def test_template_sheets_and_fields(template):
    sheets = calamine(template)
    assert list(sheets) == ["Inventory", "Organization", "Activities", "Custom factors", "Lists"]
    assert header(sheets["Inventory"])[:2] == ["Field / รายการ", "Value / ค่า"]
    values = fields(sheets["Inventory"])
    assert values["ghgcalc"] == 1
    assert values["name"].startswith("เทศบาล")
    assert values["kind"] == "organization"
    assert values["period"] == 2568
    assert values["factors"] == "tgo-cfo"
    for optional in ("period_start", "period_end", "gwp", "output_amount", "output_unit", "output_name", "language"):
        assert values[optional] == "", optional
    # each field has a description in Thai and in English, in columns the reader never reads
    ghgcalc_row = sheets["Inventory"][1]
    assert "ไม่ต้องแก้ไข" in ghgcalc_row[2] and "leave as is" in ghgcalc_row[3]


def test_template_activities_headers_in_english_and_thai(template):
    rows = calamine(template)["Activities"]
    assert header(rows) == [
        "Activity / กิจกรรม",
        "Scope / ประเภท",
        "Category / หมวด",
        "Label / รายละเอียด",
        "Unit / หน่วย",
        "ID / รหัส",
        *MONTHS_CALENDAR,
        "Total / รวม",
        "NCV",
        both("Density"),
        "GPC",
        "IPCC",
        "Division / หน่วยงานที่รับผิดชอบ",
        "Data source / แหล่งข้อมูล",
        "Activity data quality / คุณภาพข้อมูลกิจกรรม",
        "Factor quality / คุณภาพค่าการปล่อย",
        "Evidence / หลักฐาน",
        "Activity uncertainty % / ความไม่แน่นอนข้อมูลกิจกรรม (%)",
        "Factor uncertainty % / ความไม่แน่นอนค่าการปล่อย (%)",
    ]
    examples = {row[0]: row for row in rows[1:]}
    assert {"diesel-mobile", "electricity-grid", "paper"} <= set(examples)
    total = header(rows).index("Total / รวม")
    assert examples["diesel-mobile"][4] == "L"
    assert examples["diesel-mobile"][total] == ""  # left to fill in: the reader skips it with one warning
    assert all(cell == "" for cell in examples["diesel-mobile"][6:total])


def test_fiscal_template_starts_in_october(store):
    data = inventory_workbook(None, fiscal=True, store=store)
    sheets = calamine(data)
    assert header(sheets["Activities"])[6:18] == MONTHS_FISCAL
    assert fields(sheets["Inventory"])["period"] == "FY2568"


def test_community_template(store):
    values = fields(calamine(inventory_workbook(None, kind="community", store=store))["Inventory"])
    assert values["kind"] == "community"
    assert values["factors"] == "ipcc-2006, tgo-cfo"
    with pytest.raises(ValueError, match="organization or community"):
        inventory_workbook(None, kind="city", store=store)


def test_lists_sheet_is_hidden_and_holds_every_key_unit_and_scope(template, store):
    book = opened(template)
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    assert [ws.sheet_state for ws in book.worksheets[:4]] == ["visible"] * 4
    rows = calamine(template)["Lists"]
    entries = [row[0] for row in rows[1:] if row[0] != ""]
    keys = [excel_keys.key_of(entry) for entry in entries]
    assert len(keys) == len(set(keys))
    # the keys a local government uses first, by their Thai names, as factors.csv gives them
    assert entries[0] == "electricity-grid — การใช้พลังงานไฟฟ้า (ไฟฟ้าจากระบบสายส่ง)"  # tgo-cfo 2026-02
    assert "diesel-mobile — น้ำมันดีเซล (การเผาไหม้แบบเคลื่อนที่)" in entries[:5]
    assert "paper — การใช้กระดาษ A4 และ A3 (สีขาว)" in entries[:25]  # tgo-cfo 2022-04, the edition that has it
    common = len([key for key in excel_keys.COMMON_KEYS if key in keys])
    assert keys[common:] == sorted(keys[common:])  # then every other key, alphabetically
    assert {"diesel-mobile", "electricity-grid", "paper", "r-410a", "lpg-residential"} <= set(keys)
    every = {key for set_id in store.set_ids() for version in store.versions(set_id) for key in version.factors}
    assert set(keys) == every
    units = [row[1] for row in rows[1:] if row[1] != ""]
    assert {"L", "kg", "t", "kWh", "MWh", "m3", "MJ", "GJ", "TJ", "scf", "count", "person_day"} <= set(units)
    assert {"ลิตร", "กก.", "ตัน", "ลบ.ม."} <= set(units)
    assert [row[2] for row in rows[1:4]] == [1, 2, 3]


def test_activities_have_drop_down_lists_from_the_lists_sheet(template):
    book = opened(template)
    rows = calamine(template)["Lists"]
    last_key = 1 + sum(1 for row in rows[1:] if row[0] != "")
    last_unit = 1 + sum(1 for row in rows[1:] if row[1] != "")
    checks = validations(book["Activities"])
    assert checks["A2:A1000"] == (f"Lists!$A$2:$A${last_key}", "warning")  # a custom factor's key is allowed
    assert checks["E2:E1000"] == (f"Lists!$B$2:$B${last_unit}", "warning")  # so is any unit pint knows
    assert checks["B2:B1000"] == ("Lists!$C$2:$C$4", "stop")
    for check in book["Activities"].data_validations.dataValidation:
        if check.type is None:  # an input note (evidence, uncertainty), not a drop-down
            assert check.showInputMessage and check.prompt
            continue
        assert check.type == "list" and check.showErrorMessage and check.allow_blank
        assert re.search("[ก-๙]", check.error) and re.search("[A-Za-z]{4}", check.error)  # Thai and English
    assert '"organization,community"' in {f for f, _ in validations(book["Inventory"]).values()}


def test_headers_are_bold_frozen_and_sized(template):
    book = opened(template)
    for name in ("Inventory", "Organization", "Activities", "Custom factors"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
        assert sheet.column_dimensions["A"].width >= 16
    assert [c.value for c in book["Custom factors"][1]][:4] == [both("Key"), both("Per"), "Gas / ก๊าซ", "kg / กก."]


def test_the_template_computes_as_it_is(tmp_path, template):
    pytest.importorskip("ghgcalc.io.excel_reader")
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(template)
    outcome = api.compute_file(str(path))
    # the example rows are not filled in: one warning names them, another that the total is 0;
    # nothing is an error
    assert [issue.code for issue in outcome.issues] == ["amount-empty", "activities-none"]
    assert outcome.result is not None and outcome.result.total_t_co2e == 0


# --- an inventory document ------------------------------------------------------------------------------


def test_document_fields_and_activities_land_in_their_cells(town):
    sheets = calamine(town)
    values = fields(sheets["Inventory"])
    assert values["period"] == "FY2567"
    assert values["factors"] == "tgo-cfo"
    assert values["gwp"] == "AR5"
    assert (values["output_amount"], values["output_unit"], values["output_name"]) == (86, "คน", "staff")
    rows = sheets["Activities"]
    head = rows[0]
    assert head[6:18] == MONTHS_FISCAL  # the period starts in October
    total = head.index("Total / รวม")
    diesel, gasohol, backhoe, lighting, lpg = rows[1:6]
    assert diesel[:5] == ["diesel-mobile", "", "", "Garbage trucks", "L"]
    assert diesel[6] == 2150 and diesel[17] == 2190  # the first value in the first month column
    assert diesel[total] == ""  # no formula and no copy of the sum
    assert gasohol[total] == "๔,๘๒๐"  # text stays text
    assert backhoe[5] == "7" and backhoe[total] == 600
    assert lighting[1:3] == [2, "street-lighting"] and lighting[total] == 186.4
    assert lpg[6:9] == ["1,250", 980.5, ""]
    assert lpg[head.index("NCV")] == "47.3 TJ/Gg" and lpg[head.index(both("Density"))] == "0.54 kg/L"
    # a custom key is in the drop-down, with its name
    assert "supplier-diesel-b7 — Diesel B7, supplier data sheet" in [row[0] for row in sheets["Lists"]]


def test_custom_factors_one_row_per_gas(town):
    rows = calamine(town)["Custom factors"]
    assert [row[:4] for row in rows[1:]] == [
        ["supplier-diesel-b7", "L", "CO2", 2.6987],
        ["supplier-diesel-b7", "L", "CH4_fossil", 0.000142],
        ["supplier-diesel-b7", "L", "N2O", 0.000142],
    ]
    head = rows[0]
    first = dict(zip(head, rows[1], strict=True))
    assert first[both("Source")] == "Supplier data sheet, March 2024"
    assert first["Scope / ประเภท"] == 1
    assert first[both("Valid from")] == dt.date(2566, 10, 1)  # a B.E. date stays as written
    assert opened(town)["Custom factors"]["L2"].number_format == "yyyy-mm-dd"


def test_period_forms(store):
    def period_rows(period: Any) -> dict[str, Any]:
        data = inventory_workbook({"ghgcalc": 1, "period": period, "activities": []}, store=store)
        values = fields(calamine(data)["Inventory"])
        return {k: values[k] for k in ("period", "period_start", "period_end")}

    assert period_rows(2567) == {"period": 2567, "period_start": "", "period_end": ""}
    assert period_rows({"fiscal_year": 2567}) == {"period": "FY2567", "period_start": "", "period_end": ""}
    span = {"start": dt.date(2024, 4, 1), "end": dt.date(2025, 3, 31)}
    assert period_rows(span) == {"period": "", "period_start": dt.date(2024, 4, 1), "period_end": dt.date(2025, 3, 31)}
    data = inventory_workbook({"period": span, "activities": [{"activity": "paper", "amount": [1]}]}, store=store)
    assert calamine(data)["Activities"][0][6] == "Apr / เม.ย."  # months start where the period does


def test_a_monthly_list_longer_than_a_year_gets_more_month_columns(store):
    document = {"period": {"start": "2023-01-01", "end": "2024-12-31"}, "activities": [{"amount": list(range(24))}]}
    rows = calamine(inventory_workbook(document, store=store))["Activities"]
    assert rows[0][6:30] == MONTHS_CALENDAR * 2
    assert rows[0][30] == "Total / รวม"
    assert rows[1][6:30] == list(range(24))


def test_unknown_keys_are_kept_for_the_reader_to_report(store):
    values = fields(calamine(inventory_workbook({"ghgcalc": 1, "activites": "x"}, store=store))["Inventory"])
    assert values["activites"] == "x"


def test_formula_like_text_stays_text(store):
    document = {
        "name": '=HYPERLINK("http://x")',
        "activities": [
            {"activity": "+cmd|' /C calc'!A0", "label": "-2+3", "unit": "@SUM(A1)", "amount": ["=1+1", "\t=2"]}
        ],
        "custom_factors": [{"key": "=k", "source": "\rx", "kg": {"CO2": 1}}],
    }
    data = inventory_workbook(document, store=store)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            assert b"<f>" not in archive.read(name), name
    sheets = calamine(data)
    assert fields(sheets["Inventory"])["name"] == '=HYPERLINK("http://x")'
    assert sheets["Activities"][1][:5] == ["+cmd|' /C calc'!A0", "", "", "-2+3", "@SUM(A1)"]
    assert sheets["Activities"][1][6:8] == ["=1+1", "\t=2"]
    book = opened(data)
    cell = book["Activities"]["A2"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", "+cmd|' /C calc'!A0", True)
    assert book["Activities"]["G2"].data_type == "s"
    assert book["Custom factors"]["A2"].value == "=k" and book["Custom factors"]["A2"].data_type == "s"


def test_bytes_are_the_same_on_every_run(store, template):
    assert inventory_workbook(None, store=store) == template
    assert inventory_workbook(yaml.safe_load(TOWN), store=store) == inventory_workbook(
        yaml.safe_load(TOWN), store=store
    )
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        assert {info.date_time for info in archive.infolist()} == {FIXED_TIME.timetuple()[:6]}
    properties = opened(template).properties
    assert properties.created == properties.modified == FIXED_TIME


def test_a_document_reads_back_as_the_same_inventory(tmp_path, town):
    pytest.importorskip("ghgcalc.io.excel_reader")
    path = tmp_path / "town.xlsx"
    path.write_bytes(town)
    from_yaml = read_inventory_text(TOWN, "town.yaml")
    from_excel = read_inventory(str(path))
    assert [issue.format() for issue in from_excel.issues] == []
    assert from_excel.inventory == from_yaml.inventory


def test_importing_the_module_does_not_import_openpyxl():
    import subprocess
    import sys

    code = "import sys, ghgcalc.io.excel_writer; print('openpyxl' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).parent
    )
    assert done.stdout.strip() == "False"
