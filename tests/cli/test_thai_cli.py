"""Every command speaks Thai with --lang th (docs/translating.md): its messages, tables, titles and
notes; issue codes, JSON keys and exit codes stay as they are; years show as the input wrote them.

The Thai words checked here are the command line's own (src/ghgcalc/locale/th/cli.po); the
option parser's usage errors are ghgcalc's one line and hint in both languages, never the parser's
"Usage:", "Error:" or "Try ... for help", nor pydantic's "Input should be" or "Value error".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from ghgcalc import i18n
from tests.conftest import ROOT
from tests.helpers import FACTOR_HEADER, INPUT_ERRORS, USAGE, ghgcalc, issues, own_factor_set, snapshot, write
from tests.tgo_workbooks import generate as g

OK = 0
EXAMPLES = ROOT / "examples"
THAI = re.compile(r"[\u0e00-\u0e7f]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """The language is process-wide: a test that renders in Thai leaves the next one in English."""
    yield
    i18n.set_language(i18n.DEFAULT)
    i18n.set_calendar("")


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    for name in ("municipality.yaml", "province.yaml", "province-2562.yaml", "plan.yaml"):
        (tmp_path / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


# --- compute and validate ------------------------------------------------------------------------


def test_compute_table_in_thai_with_buddhist_era_dates(examples: Path) -> None:
    run = ghgcalc(examples, "compute", "municipality.yaml", "-f", "table", "--lang", "th")
    assert run.code == OK, run
    out = run.stdout
    for words in ("การปล่อยก๊าซเรือนกระจกแยกตามประเภท", "ประเภทที่ 1 การปล่อยทางตรง", "สัดส่วน", "รายการ", "กิจกรรม"):
        assert words in out, words
    # FY2567 named in Thai as the workbook and the web page name it, its days in B.E. with Thai month
    # names (1 Oct 2023 - 30 Sep 2024)
    assert "องค์กร, ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567), GWP AR5 (100 ปี)" in out
    for english in ("Emissions by scope", "Largest sources", "direct", "(100-year)", "2023-10-01"):
        assert english not in out, english


def test_calendar_ce_shows_the_period_in_common_era(examples: Path) -> None:
    run = ghgcalc(examples, "compute", "municipality.yaml", "-f", "table", "--lang", "th", "--calendar", "ce")
    assert run.code == OK, run
    assert "องค์กร, ปีงบประมาณ 2024 (2023-10-01 – 2024-09-30)" in run.stdout


def test_english_table_keeps_english_words_and_shows_the_year_as_written(examples: Path) -> None:
    run = ghgcalc(examples, "compute", "municipality.yaml", "-f", "table", "--lang", "en")
    assert run.code == OK, run
    assert "organization, fiscal year 2567 (1 Oct 2566 – 30 Sep 2567), GWP AR5 (100-year)" in run.stdout
    assert "Emissions by scope" in run.stdout and not THAI.search(run.stdout.split("\n", 3)[2])


@pytest.mark.parametrize("analysis", [(), ("--uncertainty",)], ids=["plain", "uncertainty"])
def test_thai_terminal_tables_fit_80_columns(examples: Path, monkeypatch: pytest.MonkeyPatch, analysis: tuple) -> None:
    """Thai vowel and tone marks take no column (rich measures them as a terminal draws them)."""
    from rich.cells import cell_len

    from ghgcalc import api
    from ghgcalc.cli.render import results_table
    from ghgcalc.core.analysis import Settings

    monkeypatch.setenv("COLUMNS", "80")
    options = api.Options(analysis=Settings()) if analysis else api.Options()
    result = api.compute_file(str(examples / "municipality.yaml"), options).result
    assert result is not None
    i18n.set_language("th")
    text = ANSI.sub("", results_table([result], terminal=True))
    wide = [line for line in text.splitlines() if cell_len(line) > 80]
    assert not wide, wide
    assert "ประเภทที่ 2 ทางอ้อมจากการใช้พลังงาน" in text
    if analysis:
        assert "ความไม่แน่นอน (95 %)" in text and "แหล่งปล่อยหลัก" in text
    # a row of the summary table is as wide as its header: the marks did not shift the columns
    rows = [line for line in text.splitlines() if "การปล่อยทางตรง" in line or re.match(r"\s+ประเภท\s+tCO2e", line)]
    assert len({cell_len(line) for line in rows}) == 1, rows


def test_validate_tally_in_thai_with_english_codes(tmp_path: Path) -> None:
    write(
        tmp_path,
        "good.yaml",
        "ghgcalc: 1\nname: T\nperiod: 2567\nactivities:\n  - {activity: electricity-grid, amount: 10, unit: kWh}\n",
    )
    write(
        tmp_path,
        "bad.yaml",
        "ghgcalc: 1\nname: T\nperiod: 2567\nactivities:\n  - {activity: nope, amount: 1, unit: kWh}\n",
    )
    run = ghgcalc(tmp_path, "validate", "good.yaml", "bad.yaml", "--lang", "th")
    assert run.code == INPUT_ERRORS, run
    assert "good.yaml: ผ่าน (ข้อผิดพลาด 0 รายการ, คำเตือน 0 รายการ)" in run.stderr
    assert "bad.yaml: ไม่ผ่าน (ข้อผิดพลาด 1 รายการ, คำเตือน 0 รายการ)" in run.stderr
    assert [p.code for p in issues(run.stderr)] == ["factor-missing"]  # the code stays English
    assert run.stdout == ""


def test_compute_with_errors_counts_them_in_thai(tmp_path: Path) -> None:
    write(
        tmp_path,
        "bad.yaml",
        "ghgcalc: 1\nname: T\nperiod: 2567\nactivities:\n  - {activity: nope, amount: 1, unit: kWh}\n",
    )
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--lang", "th")
    assert run.code == INPUT_ERRORS and "error[factor-missing]" in run.stderr
    assert "ghgcalc: ไฟล์ที่มีข้อผิดพลาด 1 จาก 1 ไฟล์" in run.stderr


@pytest.mark.parametrize("lang", ["en", "th"])
def test_compute_o_names_the_workbook_and_its_sheets_on_stderr(examples: Path, lang: str) -> None:
    run = ghgcalc(examples, "compute", "municipality.yaml", "-f", "xlsx", "-o", "report.xlsx", "--lang", lang)
    assert run.code == OK, run
    assert run.stdout == ""
    sheets = openpyxl.load_workbook(examples / "report.xlsx", read_only=True).sheetnames
    said = {
        "en": "wrote report.xlsx ({count} sheet(s): {names})",
        "th": "บันทึกไฟล์ report.xlsx แล้ว ({count} ชีต: {names})",
    }
    assert said[lang].format(count=len(sheets), names=", ".join(sheets)) in run.stderr.splitlines()


def test_compute_o_csv_names_the_file(examples: Path) -> None:
    run = ghgcalc(examples, "compute", "municipality.yaml", "-f", "csv", "-o", "out.csv", "--lang", "th")
    assert run.code == OK and run.stdout == ""
    assert run.stderr.splitlines()[-1] == "บันทึกไฟล์ out.csv แล้ว"
    assert (examples / "out.csv").read_text(encoding="utf-8").startswith("source,")  # CSV columns stay English


def test_a_usage_error_of_compute_in_thai(examples: Path) -> None:
    before = snapshot(examples)
    run = ghgcalc(examples, "compute", "municipality.yaml", "--draws", "500", "--lang", "th")
    assert run.code == USAGE and run.stdout == ""
    assert run.stderr.splitlines() == [
        "ghgcalc: ข้อผิดพลาด: --draws ใช้ได้เมื่อมี --uncertainty เท่านั้น",
        "  คำแนะนำ: เพิ่ม --uncertainty เพื่อคำนวณความไม่แน่นอนและแหล่งปล่อยหลัก",
    ]
    assert snapshot(examples) == before


# --- factors ---------------------------------------------------------------------------------------


def test_factors_list_of_a_set_shows_thai_names_and_thai_headers(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "factors", "list", "--set", "tgo-cfo@2022-04", "-f", "table", "--lang", "th")
    assert run.code == OK, run
    header = next(line for line in run.stdout.splitlines() if "รหัส" in line)
    assert header.split() == ["ชุด", "ฉบับ", "รหัส", "ต่อหน่วย", "ก๊าซ", "ค่า", "ประเภท", "หมวด", "ชื่อ"]
    diesel = [line for line in run.stdout.splitlines() if " diesel-mobile " in line]
    assert diesel and all("น้ำมันดีเซล" in line for line in diesel)  # name_th of the set's row
    assert "Gas/Diesel oil" not in run.stdout


def test_factors_list_json_keeps_its_keys_and_english_names(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "factors", "list", "--set", "tgo-cfo@2022-04", "-f", "json", "--lang", "th")
    rows = json.loads(run.stdout)
    diesel = next(r for r in rows if r["key"] == "diesel-mobile")
    assert diesel["name_en"].startswith("Gas/Diesel oil") and "น้ำมันดีเซล" in diesel["name_th"]


def test_a_row_without_a_thai_name_shows_its_english_name(tmp_path: Path) -> None:
    rows = "boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,2.68,,,,,Supplier sheet 2024,\n"
    own_factor_set(tmp_path, FACTOR_HEADER + rows)
    run = ghgcalc(
        tmp_path, "factors", "list", "--factors-dir", "myf", "--set", "my-boilers", "-f", "table", "--lang", "th"
    )
    assert run.code == OK, run
    [line] = [line for line in run.stdout.splitlines() if "boiler-diesel" in line]
    assert "Boiler diesel" in line


def test_factors_list_of_the_sets_in_thai(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "factors", "list", "-f", "table", "--lang", "th", "--calendar", "be")
    assert run.code == OK, run
    assert "รหัส" in run.stdout and "วันที่เผยแพร่" in run.stdout and "จำนวนค่าการปล่อย" in run.stdout
    # tgo-cfo@2022-04 was published 2022-04-01 (its set.yaml): 1 เม.ย. 2565 in B.E.
    assert "1 เม.ย. 2565" in run.stdout


def test_factors_show_in_thai_puts_the_thai_name_first(tmp_path: Path) -> None:
    run = ghgcalc(
        tmp_path, "factors", "show", "diesel-mobile", "--set", "tgo-cfo@2022-04", "-f", "table", "--lang", "th"
    )
    assert run.code == OK, run
    fields = [line.split()[0] for line in run.stdout.splitlines()[2:] if line.strip()]
    assert fields[:2] == ["ชื่อภาษาไทย", "ชื่อภาษาอังกฤษ"]
    first = next(line for line in run.stdout.splitlines() if "ชื่อภาษาไทย" in line)
    assert "น้ำมันดีเซล" in first


def test_an_unknown_factor_key_in_thai(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "factors", "show", "diesel-mobil", "--lang", "th")
    assert run.code == USAGE and run.stdout == ""
    assert "ไม่มีค่าการปล่อย 'diesel-mobil' ในชุดที่มากับโปรแกรม" in run.stderr
    assert "หมายถึง" in run.stderr and "diesel-mobile" in run.stderr


# --- init, convert, import, audit -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["town.yaml", "town.xlsx"])
def test_init_in_thai_says_what_it_wrote_on_stderr(tmp_path: Path, name: str) -> None:
    run = ghgcalc(tmp_path, "init", name, "--lang", "th")
    assert run.code == OK and run.stdout == "", run
    assert run.stderr == f"บันทึกไฟล์ {name} แล้ว: กรอกปริมาณให้ครบ แล้วเรียกใช้: ghgcalc compute {name}\n"
    assert (tmp_path / name).is_file()
    if name.endswith(".yaml"):  # the starter's own comments are in Thai too
        assert THAI.search((tmp_path / name).read_text(encoding="utf-8").splitlines()[0])


def test_init_refuses_an_existing_file_in_thai(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", "x")
    run = ghgcalc(tmp_path, "init", "town.yaml", "--lang", "th")
    assert run.code == USAGE
    assert run.stderr.splitlines() == [
        "ghgcalc: ข้อผิดพลาด: town.yaml มีอยู่แล้ว",
        "  คำแนะนำ: เพิ่ม --force เพื่อเขียนทับ หรือเลือกชื่ออื่น",
    ]


def test_convert_in_thai_names_the_workbook_and_its_sheets(examples: Path) -> None:
    run = ghgcalc(examples, "convert", "municipality.yaml", "town.xlsx", "--lang", "th")
    assert run.code == OK and run.stdout == "", run
    sheets = openpyxl.load_workbook(examples / "town.xlsx", read_only=True).sheetnames
    assert run.stderr.splitlines()[-1] == f"บันทึกไฟล์ town.xlsx แล้ว ({len(sheets)} ชีต: {', '.join(sheets)})"
    back = ghgcalc(examples, "convert", "town.xlsx", "again.yaml", "--lang", "th")
    assert back.code == OK and back.stderr.splitlines()[-1] == "บันทึกไฟล์ again.yaml แล้ว"


def test_convert_of_a_missing_file_in_thai(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "convert", "nothing.yaml", "out.xlsx", "--lang", "th")
    assert run.code == USAGE and run.stderr == "ghgcalc: ข้อผิดพลาด: nothing.yaml: ไม่พบไฟล์นี้\n"


def test_import_in_thai_names_each_file_and_keeps_codes(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "gh2568.xlsx", "-o", "out/", "--to", "xlsx", "--lang", "th")
    assert run.code == OK and run.stdout == "", run
    assert "หมายเหตุ: out/gh2568-2568.xlsx: tgo-septic-tank: บันทึกเป็น kgCH4 ต่อเดือน" in run.stderr
    for year in (2568, 2567):
        sheets = openpyxl.load_workbook(tmp_path / "out" / f"gh2568-{year}.xlsx", read_only=True).sheetnames
        assert f"บันทึกไฟล์ out/gh2568-{year}.xlsx แล้ว ({len(sheets)} ชีต: {', '.join(sheets)})" in run.stderr
    # two years cannot go to standard output: said in Thai, the command to run kept as it is
    one = ghgcalc(tmp_path, "import", "gh2568.xlsx", "--lang", "th")
    assert one.code == USAGE and one.stdout == ""
    assert "gh2568.xlsx มีชีตรายปี 2 ชีต (2568, 2567) แต่ไฟล์ YAML หนึ่งไฟล์เก็บได้หนึ่งบัญชี" in one.stderr
    assert "ghgcalc import gh2568.xlsx -o imported/" in one.stderr


def test_import_of_a_workbook_that_is_neither_form_in_thai(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "other.xlsx")
    run = ghgcalc(tmp_path, "import", "other.xlsx", "--lang", "th")
    assert run.code == INPUT_ERRORS and run.stdout == ""
    [problem] = [p for p in issues(run.stderr) if p.code == "tgo-form-unknown"]
    assert problem.message.startswith("ไฟล์นี้ไม่ใช่ทั้งแบบฟอร์ม 1.5(1) ของ อบก.")


def test_audit_in_thai(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 1122222))
    run = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "table", "--lang", "th")
    assert run.code == OK, run
    assert "ผลการตรวจ: " in run.stdout and "สิ่งที่ควรสอบถามเทศบาล:" in run.stdout
    assert "Verdict" not in run.stdout and "What to ask" not in run.stdout
    missing = ghgcalc(tmp_path, "audit", "nothing.xlsx", "--lang", "th")
    assert missing.code == USAGE and missing.stderr == "ghgcalc: ข้อผิดพลาด: nothing.xlsx: ไม่พบไฟล์นี้\n"


# --- trend and plan: years as the inventories wrote them (B.E.) ------------------------------------


def test_trend_in_thai_with_buddhist_era_years(examples: Path) -> None:
    run = ghgcalc(examples, "trend", "province-2562.yaml", "province.yaml", "-f", "table", "--lang", "th")
    assert run.code == OK, run
    assert "การปล่อยก๊าซเรือนกระจกรายปี" in run.stdout and "เปลี่ยนแปลงจากปีฐาน" in run.stdout
    years = [line.split()[0] for line in run.stdout.splitlines() if re.match(r"\s+25\d\d\s", line)]
    # every year from the base to the last, in B.E. as the two files wrote them; the years between
    # are rows that say there is no inventory (the report's own table: reports/trend_report.py)
    assert years[:5] == ["2562", "2563", "2564", "2565", "2566"]
    assert "ปีฐานคือปี 2562" in run.stdout and "ไม่มีบัญชีก๊าซเรือนกระจกของปี 2563, 2564, 2565" in run.stdout
    ce = ghgcalc(examples, "trend", "province-2562.yaml", "province.yaml", "-f", "table", "--calendar", "ce")
    assert "The base year is 2019." in ce.stdout and "2023" in ce.stdout and "2566" not in ce.stdout


def test_trend_json_keeps_iso_dates(examples: Path) -> None:
    run = ghgcalc(examples, "trend", "province-2562.yaml", "province.yaml", "-f", "json", "--lang", "th")
    years = json.loads(run.stdout)["years"]
    assert [y["period_start"] for y in years] == ["2019-01-01", "2023-01-01"]


def test_plan_in_thai_with_the_base_inventorys_buddhist_era(examples: Path) -> None:
    run = ghgcalc(examples, "plan", "plan.yaml", "-f", "table", "--lang", "th")
    assert run.code == OK, run
    # province.yaml, the base, is 2566 (2023); plan.yaml's horizon is 2573 (2030)
    assert "ปีสิ้นสุดแผน 2573" in run.stdout and "(2566, " in run.stdout
    years = [line.split()[0] for line in run.stdout.splitlines() if re.match(r"\s+25\d\d\s+\d", line)]
    assert years[0] == "2566" and years[-1] == "2573"
    assert "กรณีปกติ (BAU) และตามแผน รายปี (tCO2e)" in run.stdout
    ce = ghgcalc(examples, "plan", "plan.yaml", "-f", "table", "--calendar", "ce")
    assert "horizon 2030" in ce.stdout


def test_plan_o_and_charts_name_every_file(examples: Path) -> None:
    pytest.importorskip("matplotlib")
    run = ghgcalc(examples, "plan", "plan.yaml", "-f", "xlsx", "-o", "plan.xlsx", "--charts", ".", "--lang", "th")
    assert run.code == OK and run.stdout == "", run
    sheets = openpyxl.load_workbook(examples / "plan.xlsx", read_only=True).sheetnames
    said = run.stderr.splitlines()
    assert f"บันทึกไฟล์ plan.xlsx แล้ว ({len(sheets)} ชีต: {', '.join(sheets)})" in said
    assert "บันทึกไฟล์ ./plan-trajectory.png แล้ว" in said and "บันทึกไฟล์ ./plan-macc.png แล้ว" in said


# --- the option parser's usage errors ---------------------------------------------------------------

PARSER_WORDS = ("Usage:", "Error:", "Try '", "Input should be", "Value error", "Got unexpected", "No such")

USAGE_ERRORS = {
    "unknown-option": (
        ("compute", "municipality.yaml", "--colour"),
        "ghgcalc compute has no option --colour",
        "ghgcalc compute ไม่มีตัวเลือก --colour",
    ),
    "misspelt-option": (
        ("compute", "municipality.yaml", "--formt", "json"),
        "ghgcalc compute has no option --formt",
        "หมายถึง --format",
    ),
    "missing-argument": (("compute",), "ghgcalc compute: missing argument PATH", "ghgcalc compute: ยังไม่ได้ระบุ PATH"),
    "missing-second-argument": (
        ("factors", "diff", "tgo-cfo@2022-04"),
        "ghgcalc factors diff: missing argument NEW",
        "ghgcalc factors diff: ยังไม่ได้ระบุ NEW",
    ),
    "invalid-choice": (
        ("compute", "municipality.yaml", "-f", "pdf"),
        "--format pdf: the choices are table, json, jsonl, csv, xlsx, md",
        "--format pdf: ใช้ได้เฉพาะ table, json, jsonl, csv, xlsx, md",
    ),
    "invalid-number": (
        ("trend", "municipality.yaml", "--base-year", "abc"),
        "--base-year abc: give a whole number",
        "--base-year abc: ต้องเป็นตัวเลขจำนวนเต็ม",
    ),
    "extra-argument": (
        ("init", "my", "town.yaml"),
        "ghgcalc init: unexpected extra argument(s): town.yaml",
        "ghgcalc init: มีค่าเกินมา: town.yaml",
    ),
    "option-without-value": (("compute", "municipality.yaml", "-f"), "-f needs a value", "-f ต้องมีค่าต่อท้าย"),
    "flag-with-value": (
        ("compute", "municipality.yaml", "--force=yes"),
        "--force takes no value",
        "--force ไม่ต้องมีค่าต่อท้าย",
    ),
    "unknown-command": (("comput", "municipality.yaml"), "ghgcalc has no command 'comput'", "หมายถึง ghgcalc compute"),
    "unknown-subcommand": (("factors", "lst"), "ghgcalc factors has no command 'lst'", "หมายถึง ghgcalc factors list"),
}


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("case", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_usage_errors_in_the_language_of_the_run(examples: Path, case: tuple, lang: str) -> None:
    args, english, thai = case
    run = ghgcalc(examples, *args, "--lang", lang)
    assert run.code == USAGE and run.stdout == "", run
    lines = run.stderr.splitlines()
    error, hint = ("ghgcalc: error: ", "  hint: ") if lang == "en" else ("ghgcalc: ข้อผิดพลาด: ", "  คำแนะนำ: ")
    assert len(lines) == 2 and lines[0].startswith(error) and lines[1].startswith(hint), run
    assert (english if lang == "en" else thai) in run.stderr
    assert not [word for word in PARSER_WORDS if word in run.stderr], run
    assert bool(THAI.search(run.stderr)) is (lang == "th")


def test_help_lists_lang_and_calendar(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "--help")
    assert run.code == OK
    assert "--lang" in run.stdout and "--calendar" in run.stdout


HELP_COMMANDS = (
    "",
    "compute",
    "validate",
    "trend",
    "plan",
    "convert",
    "import",
    "audit",
    "init",
    "summary",
    "factors",
    "factors list",
    "factors show",
    "factors diff",
    "factors validate",
)
# an entry of the help's lists: its name (an option, an argument, a command), then its text
HELP_ENTRY = re.compile(r"^  (\S.*?)  +(\S.*)$")
PARSER_HELP = "Show this message and exit."  # the option parser's own --help entry, in English


def _help_texts(page: str) -> list[str]:
    return [match.group(2) for line in page.splitlines() if (match := HELP_ENTRY.match(line))]


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda c: c or "ghgcalc")
def test_help_in_the_language_of_the_run(tmp_path: Path, command: str) -> None:
    """`--help` speaks the run's language: each command's and option's text in Thai under --lang th
    (or a Thai locale), English after it in the same process, the option names as they are typed."""
    args = [*command.split(), "--help"]
    thai, english, again = (ghgcalc(tmp_path, "--lang", lang, *args) for lang in ("th", "en", "th"))
    assert thai.code == english.code == OK, (thai, english)
    assert again.stdout == thai.stdout, "the help kept the language of an earlier run"
    assert not THAI.search(english.stdout), english.stdout
    assert re.findall(r"--[a-z-]+", thai.stdout) == re.findall(r"--[a-z-]+", english.stdout)
    texts = [text for text in _help_texts(english.stdout) if text != PARSER_HELP]
    assert texts, english.stdout
    untranslated = [text for text in texts if text in thai.stdout]
    assert not untranslated, f"English left in the Thai help of `ghgcalc {command}`: {untranslated}"
    description = english.stdout.split("\n\n")[1].strip().split("\n")[0]  # the command's own text
    assert description not in thai.stdout and THAI.search(thai.stdout.split("\n\n")[1]), thai.stdout


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda c: c or "ghgcalc")
def test_the_thai_help_keeps_its_marks_on_their_letters_in_a_narrow_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """At 60 columns a Thai phrase longer than the help's column goes whole onto a line of its own:
    never cut, and never a vowel or tone mark cut off the letter it belongs to."""
    import unicodedata

    monkeypatch.setenv("COLUMNS", "60")
    run = ghgcalc(tmp_path, "--lang", "th", *command.split(), "--help")
    assert run.code == OK, run
    for line in run.stdout.splitlines():
        text = line.strip()
        assert not text or unicodedata.category(text[0]) not in ("Mn", "Mc"), f"a mark cut off its letter:\n{line}"
