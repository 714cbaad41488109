"""What ghgcalc says about files it reads, with --lang th (docs/translating.md): the messages and hints
in Thai, the issue codes in English, the exit codes the same as in English; and the Excel template of
a Thai run read back as any other."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import INPUT_ERRORS, USAGE, Printed, Run, ghgcalc, own_factor_set, write

THAI = re.compile(r"[\u0e00-\u0e7f]")
_ISSUE = re.compile(r"^(?:(?P<loc>.+?): )?(?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.*)$")
_HINT = re.compile(r"^  (?:hint|คำแนะนำ): (?P<hint>.*)$")


def issues(stderr: str) -> list[Printed]:
    """The issues printed, each with the hint on the next line in either language."""
    lines = stderr.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = _ISSUE.match(line)
        if match:
            hint = _HINT.match(lines[index + 1]) if index + 1 < len(lines) else None
            found.append(Printed(match["loc"], match["sev"], match["code"], match["msg"], hint and hint["hint"]))
    return found


GOOD = "ghgcalc: 1\nname: ทดสอบ\nperiod: 2567\nactivities:\n  - {activity: electricity-grid, amount: 100, unit: kWh}\n"


def both(tmp_path: Path, *args: str) -> tuple[Run, Run]:
    """The same command in English and in Thai."""
    return ghgcalc(tmp_path, "--lang", "en", *args), ghgcalc(tmp_path, "--lang", "th", *args)


def thai_issue(run: Run, code: str, message: str, hint: str | None = None) -> Printed:
    """The issue `code` as printed in Thai: the Thai message (and hint) given, the code in English."""
    found = [p for p in issues(run.stderr) if p.code == code and message in p.message]
    assert found, f"no [{code}] with {message!r}\n{run}"
    printed = found[0]
    if hint is not None:
        assert printed.hint is not None and hint in printed.hint, f"expected the hint {hint!r}\n{run}"
    return printed


def same_codes(english: Run, thai: Run) -> None:
    """The language changes the words only: the same exit code, the same codes at the same places."""
    assert english.code == thai.code, (english, thai)
    assert [(p.location, p.severity, p.code) for p in issues(english.stderr)] == [
        (p.location, p.severity, p.code) for p in issues(thai.stderr)
    ]
    assert "คำแนะนำ:" not in english.stderr and "ข้อผิดพลาด" not in english.stderr


# --- YAML inventories ----------------------------------------------------------------------------------


def test_an_inventory_s_shape_mistakes_in_thai(tmp_path: Path) -> None:
    text = GOOD.replace("unit: kWh}", "unit: kWh, scpoe: 1, scope: 4}").replace("name: ทดสอบ", "name: 5")
    write(tmp_path, "bad.yaml", text)
    english, thai = both(tmp_path, "validate", "bad.yaml")
    same_codes(english, thai)
    assert thai.code == INPUT_ERRORS
    thai_issue(thai, "key-unknown", "ไม่รู้จักคีย์ 'scpoe'", "หมายถึง 'scope' หรือไม่")
    thai_issue(thai, "value-invalid", "'scope' เป็น 4 แต่ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: 1, 2, 3")
    thai_issue(thai, "type-invalid", "'name' ต้องเป็นข้อความ ไม่ใช่ตัวเลข")
    assert "Input should" not in thai.stderr + english.stderr


def test_yaml_syntax_and_shape_problems_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "colon.yaml", "ghgcalc: 1\nname: a: b\n")
    write(tmp_path, "twice.yaml", "ghgcalc: 1\nname: A\nname: B\n")
    write(tmp_path, "commas.yaml", GOOD.replace("amount: 100", "amount: [12,000, 15,000]"))
    english, thai = both(tmp_path, "validate", "colon.yaml", "twice.yaml", "commas.yaml")
    same_codes(english, thai)
    thai_issue(thai, "yaml-syntax", "YAML ไม่ถูกต้อง: ใช้ค่าแบบคีย์: ค่า ในตำแหน่งนี้ไม่ได้", "ตรวจสอบการย่อหน้า")
    thai_issue(thai, "key-duplicate", "ระบุ 'name' ซ้ำสองครั้งในชุดค่าเดียวกัน", "เก็บไว้เพียงรายการเดียว")
    thai_issue(thai, "number-list-grouping", "รายการนี้ถูกอ่านเป็นตัวเลข 4 ค่า ไม่ใช่ 2 ค่า", '["12,000", "15,000"]')
    assert "invalid YAML: mapping values are not allowed in this context" in english.stderr


def test_a_missing_field_and_an_empty_file_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "short.yaml", "ghgcalc: 1\nname: ทดสอบ\nactivities: []\n")
    write(tmp_path, "empty.yaml", "")
    english, thai = both(tmp_path, "validate", "short.yaml", "empty.yaml")
    same_codes(english, thai)
    thai_issue(thai, "key-missing", "ต้องระบุ 'period'", "บัญชีก๊าซเรือนกระจกเป็นข้อมูล YAML")
    thai_issue(thai, "document-invalid", "ไฟล์ว่างเปล่า")


def test_a_file_that_is_not_utf8_text_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "cp874.yaml", "ghgcalc: 1\nname: เทศบาล\n".encode("cp874"))
    write(tmp_path, "binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    english, thai = both(tmp_path, "validate", "cp874.yaml", "binary.yaml")
    same_codes(english, thai)
    thai_issue(thai, "encoding-invalid", "ไม่ใช่รหัสอักขระ UTF-8", "Windows-874")
    thai_issue(thai, "file-not-text", "ไฟล์นี้ไม่ใช่ไฟล์ข้อความ")


def test_an_unknown_factor_set_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "f.yaml", GOOD.replace("period: 2567", "period: 2567\nfactors: [nope]"))
    english, thai = both(tmp_path, "validate", "f.yaml")
    same_codes(english, thai)
    thai_issue(thai, "factor-set-unknown", "ไม่รู้จักชุดค่าการปล่อย 'nope'", "ชุดค่าการปล่อยที่มีคือ")
    english, thai = both(tmp_path, "factors", "list", "--set", "nope")
    assert english.code == thai.code == USAGE
    assert "ไม่รู้จักชุดค่าการปล่อย 'nope'" in thai.stderr and "unknown factor set 'nope'" in english.stderr


def test_a_plan_that_is_not_a_mapping_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "plan.yaml", "- a\n- b\n")
    english, thai = both(tmp_path, "plan", "plan.yaml")
    same_codes(english, thai)
    thai_issue(thai, "document-invalid", "แผนไม่ใช่ข้อมูล YAML", "ghgcalc_plan: 1")


# --- factor sets ---------------------------------------------------------------------------------------

BAD_TABLE = (
    "key,name_en,name_th,category,scope,per,gas,value,published_kgco2e,valid_from,valid_to,ncv,density,source,notes\n"
    "Boiler Diesel,Boiler,,stationary,4,L,CO3,2.7,,,,,,,\n"
)


def test_a_factor_set_s_problems_in_thai(tmp_path: Path) -> None:
    own_factor_set(tmp_path, BAD_TABLE)
    english, thai = both(tmp_path, "factors", "validate", "myf")
    same_codes(english, thai)
    assert thai.code == INPUT_ERRORS
    found = [p for p in issues(thai.stderr) if p.code == "factor-row-invalid"]
    messages = " ".join(p.message for p in found)
    assert "รหัส 'Boiler Diesel'" in messages and "แถวนี้ไม่มีแหล่งที่มา" in messages
    assert "ไม่รู้จักก๊าซ 'CO3'" in messages and "ประเภท '4' ไม่ใช่ 1, 2 หรือ 3" in messages
    assert all(p.location and p.location.endswith("factors.csv:2") for p in found)


# --- Excel inventories ---------------------------------------------------------------------------------


def workbook(path: Path, headers: list[object], rows: list[list[object]], period: object = "FY2567") -> None:
    book = openpyxl.Workbook()
    inventory = book.active
    inventory.title = "Inventory"
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "ทดสอบ"], ["period", period]):
        inventory.append(row)
    activities = book.create_sheet("Activities")
    activities.append(headers)
    for row in rows:
        activities.append(row)
    book.save(path)


FISCAL = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]


def test_excel_cell_problems_in_thai_at_their_cells(tmp_path: Path) -> None:
    headers: list[object] = ["Activity", "Unit", "ต.ค. 2565", *FISCAL[1:-1], "Novembr 2024", "Total"]
    row: list[object] = ["electricity-grid", "kWh", *([100] * 12), 999]
    workbook(tmp_path / "town.xlsx", headers, [row])
    english, thai = both(tmp_path, "validate", "town.xlsx")
    same_codes(english, thai)
    assert thai.code == INPUT_ERRORS
    # a header a year early: the month by its Thai name, the year as the period is written (B.E.)
    printed = thai_issue(thai, "month-outside-period", "คอลัมน์ C1 เป็นเดือนตุลาคม 2565", "แก้ปีในหัวคอลัมน์")
    assert printed.location == "town.xlsx[Activities]!C1"
    printed = thai_issue(thai, "month-header-invalid", "อ่านหัวคอลัมน์ 'Novembr 2024' เป็นเดือนไม่ได้")
    assert printed.location == "town.xlsx[Activities]!N1"
    english_messages = " ".join(p.message for p in issues(english.stderr))
    assert "October 2565" in english_messages


def test_excel_sheets_missing_in_thai(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.save(tmp_path / "town.xlsx")
    english, thai = both(tmp_path, "validate", "town.xlsx")
    same_codes(english, thai)
    thai_issue(thai, "sheet-missing", "ไฟล์ Excel ไม่มีชีต 'Inventory'", "ghgcalc init inventory.xlsx")
    thai_issue(thai, "sheet-missing", "ไฟล์ Excel ไม่มีชีต 'Activities'")


def test_a_file_that_is_not_a_workbook_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "town.xlsx", b"not a zip at all")
    english, thai = both(tmp_path, "validate", "town.xlsx")
    same_codes(english, thai)
    thai_issue(thai, "xlsx-refused", "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)", "บันทึกจากโปรแกรมตารางคำนวณ")


def test_an_organization_sheet_s_problems_in_thai(tmp_path: Path) -> None:
    assert ghgcalc(tmp_path, "init", "town.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    sheet = book["Organization"]
    sheet["B2"] = "เทศบาลหมู่บ้าน"  # type: not a type of local government
    sheet["B7"] = "control"  # consolidation
    book.save(tmp_path / "town.xlsx")
    english, thai = both(tmp_path, "validate", "town.xlsx")
    same_codes(english, thai)
    printed = [p for p in issues(thai.stderr) if p.location == "town.xlsx[Organization]!B7"]
    assert printed and printed[0].code == "value-invalid"
    assert "'consolidation' เป็น 'control' แต่ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้" in printed[0].message
    assert [p.code for p in issues(thai.stderr) if p.location == "town.xlsx[Organization]!B2"] == ["value-invalid"]


# --- the template of a Thai run --------------------------------------------------------------------------


def test_the_template_of_a_thai_run_puts_thai_first_and_reads_back(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "--lang", "th", "init", "town.xlsx", "--fiscal")
    assert run.code == 0, run
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    assert book.sheetnames == ["Inventory", "Organization", "Activities", "Custom factors", "Lists"]
    header = [cell.value for cell in book["Activities"][1]]
    assert header[:2] == ["กิจกรรม / Activity", "ประเภท / Scope"]
    assert header[6] == "ต.ค. / Oct"
    assert "หน่วยงานที่รับผิดชอบ / Division" in header
    assert [cell.value for cell in book["Inventory"][1]][:2] == ["รายการ / Field", "ค่า / Value"]
    notes = [row[2].value for row in book["Inventory"].iter_rows() if row[2].value]
    assert "วิธีใช้" in notes and any("เลือกกิจกรรมจากรายการ" in note for note in notes)
    checks = {str(v.sqref): v for v in book["Activities"].data_validations.dataValidation}
    assert checks["A2:A1000"].promptTitle == "กิจกรรม"
    assert checks["A2:A1000"].prompt.startswith("เลือกกิจกรรมตามชื่อภาษาไทย")
    # filled in and read by an English run: the Thai-first headers are the same columns
    sheet = book["Activities"]
    sheet["A2"] = "electricity-grid — การใช้พลังงานไฟฟ้า (ไฟฟ้าจากระบบสายส่ง)"
    sheet.cell(row=2, column=header.index("รวม / Total") + 1, value=1000)
    sheet.cell(row=2, column=header.index("หน่วยงานที่รับผิดชอบ / Division") + 1, value="กองช่าง")
    organization = book["Organization"]
    organization["B2"], organization["B24"] = "เทศบาลตำบล", dt.datetime(2025, 11, 30)
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "--lang", "en", "convert", "town.xlsx", "town.yaml")
    assert run.code == 0, run
    text = (tmp_path / "town.yaml").read_text(encoding="utf-8")
    assert "activity: electricity-grid," in text and "division: กองช่าง" in text
    assert "type: เทศบาลตำบล" in text and "signed: 2025-11-30" in text


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_good_workbook_is_good_in_either_language(tmp_path: Path, lang: str) -> None:
    workbook(tmp_path / "town.xlsx", ["Activity", "Unit", "Total"], [["electricity-grid", "kWh", 100]])
    run = ghgcalc(tmp_path, "--lang", lang, "validate", "town.xlsx")
    assert run.code == 0 and not issues(run.stderr), run
