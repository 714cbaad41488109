"""The Organization sheet (องค์กร), the Division column and the activity list of an inventory workbook
(docs/excel-format.md): written by `ghgcalc init` and `ghgcalc convert`, filled in by a person with a
spreadsheet program (openpyxl here), read back with every problem at its cell."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from ghgcalc.i18n import set_language
from ghgcalc.io import excel_keys
from ghgcalc.io.excel_writer import inventory_workbook
from ghgcalc.io.inventory_reader import read_inventory
from ghgcalc.models.inventory import LOCAL_GOVERNMENT_TH
from tests.helpers import USAGE, assert_usage_error, ghgcalc, issues, write

TOWN = textwrap.dedent(
    """\
    ghgcalc: 1
    name: เทศบาลตำบลตัวอย่าง
    kind: organization
    language: th
    organization:
      type: subdistrict-municipality
      code: "5110101"
      address: 99 หมู่ 1 ตำบลตัวอย่าง อำเภอเมือง
      province: ลำพูน
      base_year: FY2566
      consolidation: operational-control
      facilities:
        - {name: สำนักงานเทศบาล, address: 99 หมู่ 1}
        - {name: ศูนย์พัฒนาเด็กเล็ก, note: "อาคารเรียน 2 หลัง, โรงอาหาร"}
      excluded:
        - {what: ตลาดสดที่ให้เอกชนเช่า, why: เอกชนเป็นผู้ดำเนินการและจ่ายค่าไฟฟ้าเอง}
      preparer: {name: นางสาวสมใจ ใจดี, position: นักวิชาการสิ่งแวดล้อม, phone: "053-000-000", email: somjai@example.go.th}
      reviewer: {name: นายสมศักดิ์ ตรวจดี}
      approver: {name: นายสมชาย รักดี, position: นายกเทศมนตรี}
      contact: {name: นางสาวสมใจ ใจดี, phone: "0812345678"}
      signed: 2568-11-30
    period: FY2568
    factors: [tgo-cfo]
    activities:
      - activity: electricity-grid
        label: สำนักงาน
        unit: kWh
        amount: 12000
        division: กองช่าง
      - activity: diesel-mobile
        unit: L
        amount: [100, 120]
    """
)


@pytest.fixture(autouse=True)
def english() -> Any:
    set_language("en")
    yield
    set_language("en")


def sheet_rows(path: Path, name: str) -> list[list[Any]]:
    return [list(row) for row in openpyxl.load_workbook(path)[name].iter_rows(values_only=True)]


def fields(rows: list[list[Any]]) -> dict[str, Any]:
    """Column A -> column B of the fields (the rows above the two tables)."""
    found: dict[str, Any] = {}
    for row in rows[1:]:
        if row[0] == "facilities":
            break
        if row[0]:
            found[row[0]] = row[1]
    return found


def template(tmp_path: Path, name: str = "town.xlsx") -> Path:
    run = ghgcalc(tmp_path, "init", name)
    assert run.code == 0, run
    return tmp_path / name


def fill(path: Path, values: dict[str, Any], facilities: list[list[Any]] = (), excluded: list[list[Any]] = ()) -> None:
    """Type into the Organization sheet as a person does: values beside their keys, rows under the tables."""
    book = openpyxl.load_workbook(path)
    sheet = book["Organization"]
    rows = {sheet.cell(row=r, column=1).value: r for r in range(1, sheet.max_row + 1)}
    for key, value in values.items():
        if key not in rows:  # a key the template lacks: a new row above the tables
            sheet.insert_rows(2)
            sheet.cell(row=2, column=1, value=key)
            rows = {sheet.cell(row=r, column=1).value: r for r in range(1, sheet.max_row + 1)}
        sheet.cell(row=rows[key], column=2, value=value)
    for table, items in (("facilities", facilities), ("excluded", excluded)):
        first = rows[table] + 2  # under the table's key and its column names
        for offset, item in enumerate(items):
            for column, value in enumerate(item, start=1):
                sheet.cell(row=first + offset, column=column, value=value)
    book.save(path)


# --- the template -----------------------------------------------------------------------------------


def test_the_template_has_a_blank_organization_sheet_in_thai_and_english(tmp_path: Path) -> None:
    path = template(tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:3] == ["Inventory", "Organization", "Activities"]
    rows = sheet_rows(path, "Organization")
    assert rows[0][:2] == ["Field / รายการ", "Value / ค่า"]
    keys = list(fields(rows))
    assert keys[:6] == ["type", "code", "address", "province", "base_year", "consolidation"]
    for role in ("preparer", "reviewer", "approver", "contact"):
        assert [f"{role}.{part}" for part in ("name", "position", "phone", "email")] == [
            k for k in keys if k.startswith(f"{role}.")
        ]
    assert keys[-1] == "signed"
    # blank cells to fill in, each with a description in Thai (C) and in English (D)
    described = [row for row in rows[1:] if row[0] in keys]
    assert all(row[1] is None for row in described)
    assert all(row[2] and row[3] and row[2] != row[3] for row in described)
    by_key = {row[0]: row for row in described}
    assert by_key["preparer.phone"][2] == "ผู้จัดทำ: โทรศัพท์" and by_key["preparer.phone"][3] == "Prepared by: phone"
    assert "ปีฐาน" in by_key["base_year"][2] and "Base year" in by_key["base_year"][3]
    # the two tables, each under its key with its column names in both languages
    at = {row[0]: index for index, row in enumerate(rows) if row[0] in ("facilities", "excluded")}
    assert rows[at["facilities"] + 1][:3] == ["Name / ชื่อ", "Address / ที่อยู่", "Note / หมายเหตุ"]
    assert rows[at["excluded"] + 1][0].startswith("What is left out / ")
    assert "Fr-02" in rows[at["facilities"]][1] and "Fr-02" in rows[at["excluded"]][1]
    # a phone number typed into the template stays text, with its leading 0
    sheet = book["Organization"]
    phone_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == "contact.phone")
    assert sheet.cell(row=phone_row, column=2).number_format == "@"


def test_the_template_offers_the_types_and_the_consolidations(tmp_path: Path) -> None:
    path = template(tmp_path)
    book = openpyxl.load_workbook(path)
    checks = {str(v.sqref): v for v in book["Organization"].data_validations.dataValidation}
    assert checks["B2"].type == "list" and checks["B2"].formula1.startswith("Lists!$D$2")
    assert checks["B7"].formula1 == '"operational-control,financial-control,equity-share"'
    lists = [row[3] for row in sheet_rows(path, "Lists")[1:] if row[3]]
    assert lists == list(LOCAL_GOVERNMENT_TH.values())


def test_a_blank_organization_sheet_gives_no_organization(tmp_path: Path) -> None:
    path = template(tmp_path)
    reading = read_inventory(str(path))
    assert [i.code for i in reading.issues] == ["amount-empty"]
    assert reading.inventory is not None and reading.inventory.organization is None


def test_the_organization_a_person_fills_in_is_read(tmp_path: Path) -> None:
    path = template(tmp_path)
    fill(
        path,
        {
            "type": "เทศบาลตำบล",  # chosen from the list by its Thai name
            "code": 5110101,  # typed as a number: read as its text
            "province": "ลำพูน",
            "base_year": 2566,
            "preparer.name": "นางสาวสมใจ ใจดี",
            "preparer.phone": "0812345678",
            "approver.name": "นายสมชาย รักดี",
            "approver.position": "นายกเทศมนตรี",
            "signed": dt.datetime(2025, 11, 30),
        },
        facilities=[["สำนักงานเทศบาล", "99 หมู่ 1", None], ["ศูนย์พัฒนาเด็กเล็ก", None, "2 หลัง"]],
        excluded=[["ตลาดสดให้เช่า", "เอกชนดำเนินการ"]],
    )
    reading = read_inventory(str(path))
    assert reading.inventory is not None, [i.format() for i in reading.issues]
    org = reading.inventory.organization
    assert org is not None
    assert org.type == "subdistrict-municipality" and org.code == "5110101" and org.province == "ลำพูน"
    assert org.base_year is not None and org.base_year.start == dt.date(2023, 1, 1)  # 2566 B.E. is 2023
    assert org.preparer is not None and (org.preparer.name, org.preparer.phone) == ("นางสาวสมใจ ใจดี", "0812345678")
    assert org.approver is not None and org.approver.position == "นายกเทศมนตรี"
    assert org.reviewer is None and org.contact is None
    assert org.signed == dt.date(2025, 11, 30)
    assert [(f.name, f.address, f.note) for f in org.facilities] == [
        ("สำนักงานเทศบาล", "99 หมู่ 1", None),
        ("ศูนย์พัฒนาเด็กเล็ก", None, "2 หลัง"),
    ]
    assert [(e.what, e.why) for e in org.excluded] == [("ตลาดสดให้เช่า", "เอกชนดำเนินการ")]
    assert org.consolidation == "operational-control"  # the model's default for an empty cell


# --- problems, each at its cell ---------------------------------------------------------------------

PROBLEMS = {
    "type-unknown": ({"type": "เทศบาลหมู่บ้าน"}, [], "value-invalid", "B2", "subdistrict-municipality"),
    "person-key-misspelt": ({"preparer.nmae": "สมใจ"}, [], "key-unknown", "B2", "did you mean 'name'"),
    "consolidation-unknown": ({"consolidation": "control"}, [], "value-invalid", "B7", "operational-control"),
    "signed-not-a-date": ({"signed": "yesterday"}, [], "value-invalid", "B24", None),
    "facility-without-a-name": ({}, [[None, "99 หมู่ 1", None]], "key-missing", "A28", None),
    # a row added above the fields, then the template's own row of the same field
    "field-twice": ({"province": "ลำพูน", "province.x": "y"}, [], "key-duplicate", "A6", None),
}


@pytest.mark.parametrize("case", PROBLEMS.values(), ids=PROBLEMS.keys())
def test_organization_problems_are_errors_at_their_cell(tmp_path: Path, case: tuple[Any, ...]) -> None:
    values, facilities, code, cell, hint = case
    path = template(tmp_path)
    fill(path, values, facilities=facilities)
    run = ghgcalc(tmp_path, "validate", "town.xlsx")
    assert run.code == 1, run
    found = [p for p in issues(run.stderr) if p.code == code]
    assert found, run
    assert found[0].location == f"town.xlsx[Organization]!{cell}", run
    if hint is not None:
        assert found[0].hint and hint in found[0].hint, run
    text = run.stderr
    assert "Input should" not in text and "Value error" not in text and "Organization(" not in text


# --- convert: YAML <-> Excel keeps the organization, the division and the language -----------------


def test_yaml_to_excel_to_yaml_keeps_the_organization_exactly(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN)
    assert ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx").code == 0
    run = ghgcalc(tmp_path, "convert", "town.xlsx", "back.yaml")
    assert run.code == 0, run
    before = yaml.safe_load(TOWN)
    after = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert after["organization"] == before["organization"]
    assert after["language"] == "th"
    assert after["activities"][0]["division"] == "กองช่าง"
    assert after["activities"] == before["activities"]
    # and the workbook computes what the YAML computes
    yaml_run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    xlsx_run = ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")
    assert yaml_run.code == xlsx_run.code == 0, (yaml_run, xlsx_run)
    assert yaml.safe_load(yaml_run.stdout)["total_t_co2e"] == yaml.safe_load(xlsx_run.stdout)["total_t_co2e"]


def test_excel_to_yaml_to_excel_keeps_the_sheet(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN)
    assert ghgcalc(tmp_path, "convert", "town.yaml", "first.xlsx").code == 0
    assert ghgcalc(tmp_path, "convert", "first.xlsx", "middle.yaml").code == 0
    assert ghgcalc(tmp_path, "convert", "middle.yaml", "second.xlsx").code == 0
    first, second = (
        sheet_rows(tmp_path / "first.xlsx", "Organization"),
        sheet_rows(tmp_path / "second.xlsx", "Organization"),
    )
    assert [row[:3] for row in first] == [row[:3] for row in second]
    values = fields(first)
    assert values["preparer.phone"] == "053-000-000" and values["contact.phone"] == "0812345678"
    assert values["signed"] == dt.datetime(2568, 11, 30)  # a B.E. date as it was written
    assert values["base_year"] == "FY2566"


def test_the_division_column_and_the_language_field(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", TOWN)
    assert ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    header = [cell.value for cell in book["Activities"][1]]
    # the inventory says language: th, so convert writes the Thai first
    column = header.index("หน่วยงานที่รับผิดชอบ / Division")
    assert book["Activities"].cell(row=2, column=column + 1).value == "กองช่าง"
    inventory = {row[0].value: row[1].value for row in book["Inventory"].iter_rows() if row[0].value}
    assert inventory["language"] == "th"
    reading = read_inventory(str(tmp_path / "town.xlsx"))
    assert reading.inventory is not None
    assert [a.division for a in reading.inventory.activities] == ["กองช่าง", None]
    assert reading.inventory.language == "th"


def test_a_division_header_in_thai_alone_is_read(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ข้อมูลทั่วไป"
    for row in (["รายการ", "ค่า"], ["ghgcalc", 1], ["name", "ทดสอบ"], ["period", 2567]):
        sheet.append(row)
    activities = book.create_sheet("กิจกรรม")
    activities.append(["กิจกรรม", "หน่วย", "รวม", "หน่วยงานที่รับผิดชอบ"])
    activities.append(["electricity-grid", "kWh", 100, "กองคลัง"])
    book.save(tmp_path / "town.xlsx")
    reading = read_inventory(str(tmp_path / "town.xlsx"))
    assert reading.inventory is not None, [i.format() for i in reading.issues]
    assert reading.inventory.activities[0].division == "กองคลัง"


@pytest.mark.parametrize(
    ("organization", "mention"),
    [
        ("เทศบาลตำบล", "not a mapping"),
        ("{facilities: [สำนักงาน]}", "organization.facilities"),
        ("{excluded: [{what: x, why: y, when: z}]}", "when"),
    ],
)
def test_convert_refuses_an_organization_the_sheet_cannot_hold(tmp_path: Path, organization: str, mention: str) -> None:
    text = f"ghgcalc: 1\nname: T\nperiod: 2567\norganization: {organization}\nactivities: []\n"
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx")
    assert_usage_error(run, mention, "Nothing was written")
    assert run.code == USAGE and not (tmp_path / "town.xlsx").exists()


# --- the activity list: the common keys first, by their Thai names -----------------------------------


def test_a_key_chosen_from_the_list_by_its_thai_name_is_read_as_the_key(tmp_path: Path) -> None:
    path = template(tmp_path)
    book = openpyxl.load_workbook(path)
    lists = [row[0].value for row in book["Lists"].iter_rows(min_row=2) if row[0].value]
    chosen = next(entry for entry in lists if entry.startswith("electricity-grid — "))
    assert chosen == "electricity-grid — การใช้พลังงานไฟฟ้า (ไฟฟ้าจากระบบสายส่ง)"  # tgo-cfo 2026-02 name_th
    sheet = book["Activities"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=1, value=chosen)
    sheet.cell(row=2, column=header.index("Unit / หน่วย") + 1, value="kWh")
    sheet.cell(row=2, column=header.index("Total / รวม") + 1, value=1000)
    book.save(path)
    reading = read_inventory(str(path))
    assert reading.inventory is not None
    assert reading.inventory.activities[0].activity == "electricity-grid"
    run = ghgcalc(tmp_path, "convert", "town.xlsx", "town.yaml")
    assert run.code == 0, run
    converted = yaml.safe_load((tmp_path / "town.yaml").read_text(encoding="utf-8"))
    assert converted["activities"][0]["activity"] == "electricity-grid"  # the key, never the Thai name


def test_only_the_list_form_is_taken_apart() -> None:
    assert excel_keys.key_of("paper — การใช้กระดาษ A4 และ A3 (สีขาว)") == "paper"
    assert excel_keys.key_of("r-410a – R-410A released") == "r-410a"  # an en dash, as some keyboards type it
    assert excel_keys.key_of("electricity-grid") == "electricity-grid"
    assert excel_keys.key_of("diesel - mobile") == "diesel - mobile"  # a hyphen is no separator: reported as it is
    assert excel_keys.key_of("การใช้พลังงานไฟฟ้า") == "การใช้พลังงานไฟฟ้า"  # a Thai name alone is not guessed


# --- what Excel allows in a drop-down's texts ---------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "th"])
def test_drop_down_texts_fit_excel_s_limits_whole(language: str) -> None:
    """Excel refuses a workbook whose validation title is over 32 characters or whose texts are over
    255; none of ghgcalc's is cut to fit, in either language."""
    import io

    set_language(language)
    book = openpyxl.load_workbook(io.BytesIO(inventory_workbook(yaml.safe_load(TOWN))))
    for sheet in book.worksheets:
        for check in sheet.data_validations.dataValidation:
            for title in (check.promptTitle, check.errorTitle):
                assert title is None or (len(title) <= 32 and not title.endswith("…")), title
            for text in (check.prompt, check.error):
                assert text is None or (len(text) <= 255 and not text.endswith("…")), text


def test_convert_refuses_a_control_character_a_workbook_cannot_store(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", 'ghgcalc: 1\nname: "Town\\x01"\nperiod: 2567\nactivities: []\n')
    run = ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx")
    assert_usage_error(run, "Inventory!B3", "control character", "nothing was written")
    assert not (tmp_path / "town.xlsx").exists()
