"""The inventory's own mistakes in Thai (docs/translating.md): numbers, units, periods, method
parameters and plans, as `ghgcalc --lang th` reports them.

Each case runs the CLI on a small file with one kind of mistake and checks the Thai message and
hint (src/ghgcalc/locale/th/models.po and methods.po), that the issue code stays English, the exit
code and that the same run without --lang still prints today's English. A number written with its
unit ('1,250 kWh') blames the unit, not the comma, in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from ghgcalc import i18n
from ghgcalc.numbers import NumberError, read_number
from tests.helpers import INPUT_ERRORS, at, ghgcalc, write

THAI = re.compile(r"[\u0e00-\u0e7f]")
# one issue as printed: place, severity, the English code, the message; then its hint, if any
_ISSUE = re.compile(r"^(?:(?P<loc>.+?): )?(?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.*)$")
HINT = {"en": "  hint: ", "th": "  คำแนะนำ: "}


@dataclass(frozen=True)
class Said:
    location: str | None
    code: str
    message: str
    hint: str | None


def said(stderr: str, language: str) -> list[Said]:
    lines = stderr.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = _ISSUE.match(line)
        if match:
            after = lines[index + 1] if index + 1 < len(lines) else ""
            hint = after[len(HINT[language]) :] if after.startswith(HINT[language]) else None
            found.append(Said(match["loc"], match["code"], match["msg"], hint))
    return found


@pytest.fixture(autouse=True)
def _english_around() -> Iterator[None]:
    """The language is process-wide: each test starts and leaves it English."""
    i18n.set_language(i18n.DEFAULT)
    i18n.set_calendar("")
    yield
    i18n.set_language(i18n.DEFAULT)
    i18n.set_calendar("")


def inventory(*lines: str, period: str = "2567") -> str:
    body = "".join(f"  - {line}\n" for line in lines)
    return f"ghgcalc: 1\nname: เทศบาลตำบลตัวอย่าง\nperiod: {period}\nactivities:\n{body}"


def both(tmp_path: Path, name: str, text: str, command: str = "validate") -> tuple[list[Said], list[Said]]:
    """The issues of `text` in English (no --lang) and in Thai (--lang th); both runs exit 1 with
    nothing on stdout."""
    write(tmp_path, name, text)
    english = ghgcalc(tmp_path, command, name)
    thai = ghgcalc(tmp_path, command, name, "--lang", "th")
    for run in (english, thai):
        assert run.code == INPUT_ERRORS, run
        assert run.stdout == "", run
        assert "Traceback" not in run.stderr, run
    return said(english.stderr, "en"), said(thai.stderr, "th")


# --- a bad number --------------------------------------------------------------------------------


def test_a_number_written_with_its_unit_blames_the_unit_in_both_languages(tmp_path: Path) -> None:
    text = inventory('{activity: electricity-grid, amount: "1,250 kWh", unit: kWh}')
    (en,), (th,) = both(tmp_path, "town.yaml", text)
    assert en.code == th.code == "amount-invalid"
    line, column = at(text, '"1,250 kWh"')
    assert en.location == th.location == f"town.yaml:{line}:{column}"
    assert en.message == (
        "the amount: '1,250 kWh' is not a number: write the unit in the unit column, not with the number"
    )
    assert en.hint == "write 1,250 here and 'kWh' in the unit column"
    assert th.message == "ปริมาณ: '1,250 kWh' ไม่ใช่ตัวเลข: ให้ใส่หน่วยในคอลัมน์หน่วย ไม่ใช่เขียนรวมกับตัวเลข"
    assert th.hint == "ใส่ 1,250 ตรงนี้ แล้วใส่ 'kWh' ในคอลัมน์หน่วย"
    # the comma of 1,250 separates thousands: it is not what is wrong
    assert "comma" not in en.message + (en.hint or "") and "จุลภาค" not in th.message + (th.hint or "")


def test_a_spreadsheet_cell_with_the_unit_blames_the_unit_at_its_cell(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", inventory("{activity: electricity-grid, amount: 1250, unit: kWh}"))
    assert ghgcalc(tmp_path, "convert", "town.yaml", "town.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "town.xlsx")
    sheet = book["Activities"]
    total = next(c.column_letter for c in sheet[1] if str(c.value).startswith("Total"))
    sheet[f"{total}2"] = "1,250 kWh"
    book.save(tmp_path / "town.xlsx")
    run = ghgcalc(tmp_path, "validate", "town.xlsx", "--lang", "th")
    assert run.code == INPUT_ERRORS, run
    (th,) = said(run.stderr, "th")
    assert (th.location, th.code) == (f"town.xlsx[Activities]!{total}2", "amount-invalid")
    assert "'1,250 kWh' ไม่ใช่ตัวเลข: ให้ใส่หน่วยในคอลัมน์หน่วย" in th.message
    assert th.hint == "ใส่ 1,250 ตรงนี้ แล้วใส่ 'kWh' ในคอลัมน์หน่วย"


def test_a_decimal_comma_is_still_the_comma_in_thai(tmp_path: Path) -> None:
    (en,), (th,) = both(tmp_path, "town.yaml", inventory('{activity: diesel-mobile, amount: "12,50", unit: L}'))
    assert en.code == th.code == "amount-invalid"
    assert en.message == "the amount: '12,50' has a decimal comma; commas may only separate thousands (12,500)"
    assert th.message == "ปริมาณ: '12,50' ใช้จุลภาคเป็นจุดทศนิยม จุลภาคใช้คั่นหลักพันเท่านั้น (12,500)"
    assert th.hint == "เขียนเป็น 12.50 โดยใช้จุดเป็นจุดทศนิยม"


def test_a_negative_amount_in_thai(tmp_path: Path) -> None:
    (en,), (th,) = both(tmp_path, "town.yaml", inventory("{activity: diesel-mobile, amount: -5, unit: L}"))
    assert en.code == th.code == "amount-negative"
    assert en.message == "the amount: -5 is negative"
    assert (th.message, th.hint) == ("ปริมาณ: -5 เป็นค่าติดลบ", "ใส่ตัวเลขตั้งแต่ 0 ขึ้นไป")


@pytest.mark.parametrize(
    ("written", "number", "unit"),
    [
        ("1,250 kWh", "1,250", "kWh"),
        ("1250kWh", "1250", "kWh"),
        ("12.5 t", "12.5", "t"),
        ("๑,๒๕๐ ลิตร", "1,250", "ลิตร"),  # Thai digits and a Thai unit
        ("1 250 kWh", "1 250", "kWh"),
    ],
)
def test_the_reader_names_the_unit_written_with_a_number(written: str, number: str, unit: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_number(written, "the amount")
    assert caught.value.code == "number-invalid"
    assert caught.value.message == (
        f"the amount: {written!r} is not a number: write the unit in the unit column, not with the number"
    )
    assert caught.value.hint == f"write {number} here and {unit!r} in the unit column"


def test_a_number_that_cannot_be_read_beside_its_unit_still_blames_the_unit() -> None:
    with pytest.raises(NumberError) as caught:
        read_number("12,5 kWh", "the amount")
    assert "write the unit in the unit column" in caught.value.message
    assert caught.value.hint == "write the number alone, e.g. 12.5 or 12,500, and 'kWh' in the unit column"


@pytest.mark.parametrize("written", ["100%", "abc", "kWh 1250", "1,2,3"])
def test_text_without_a_number_and_unit_is_not_called_a_unit(written: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_number(written, "the amount")
    assert "unit column" not in caught.value.message


# --- a bad unit ----------------------------------------------------------------------------------


def test_an_unknown_unit_in_thai(tmp_path: Path) -> None:
    (en,), (th,) = both(tmp_path, "town.yaml", inventory("{activity: diesel-mobile, amount: 100, unit: litres-ish}"))
    assert en.code == th.code == "unit-unknown"
    assert (en.message, en.hint) == ("'litres-ish' is not a known unit", "did you mean 'L'?")
    assert (th.message, th.hint) == ("'litres-ish' ไม่ใช่หน่วยที่ ghgcalc รู้จัก", "หมายถึง 'L' หรือไม่")


def test_a_temperature_is_not_an_amount_in_thai(tmp_path: Path) -> None:
    (en,), (th,) = both(tmp_path, "town.yaml", inventory("{activity: diesel-mobile, amount: 100, unit: degC}"))
    assert en.code == th.code == "unit-not-amount"
    assert en.message == "'degC' is a temperature, not an amount of activity"
    assert th.message == "'degC' เป็นหน่วยอุณหภูมิ ไม่ใช่หน่วยของปริมาณกิจกรรม"


def test_a_bad_density_in_thai(tmp_path: Path) -> None:
    text = inventory('{activity: diesel-mobile, amount: 100, unit: kg, density: "0,84 kg/L"}')
    (en,), (th,) = both(tmp_path, "town.yaml", text)
    assert en.code == th.code == "bridge-invalid"
    assert en.hint == "write density: 0.84 kg/L with a dot"
    assert th.hint == "เขียนเป็น density: 0.84 kg/L โดยใช้จุดเป็นจุดทศนิยม"
    assert "density '0,84 kg/L'" in th.message and THAI.search(th.message)


# --- a bad period --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "english", "thai"),
    [
        ("FY2567x", "'FY2567x' is not a period", "'FY2567x' ไม่ใช่ช่วงเวลาการรายงาน"),
        (
            "{start: 2024-01-01, end: 2023-12-31}",
            "the period ends (2023-12-31) before it starts (2024-01-01)",
            "ช่วงเวลาการรายงานสิ้นสุด (2023-12-31) ก่อนวันเริ่มต้น (2024-01-01)",
        ),
        (
            "3000",
            "year 3000 is out of range: write a C.E. year (1900-2200) or a Buddhist-Era year (2443-2743)",
            "ปี 3000 อยู่นอกช่วงที่ใช้ได้: ใส่ปี ค.ศ. (1900-2200) หรือปี พ.ศ. (2443-2743)",
        ),
        (
            "{start: 2567-02-30, end: 2567-12-31}",
            "start: '2567-02-30' is not a valid date (day is out of range for month)",
            "start: '2567-02-30' ไม่ใช่วันที่ที่ถูกต้อง (เดือนนั้นไม่มีวันที่นี้)",
        ),
    ],
    ids=["not-a-period", "ends-before-it-starts", "year-out-of-range", "no-such-day"],
)
def test_a_bad_period_in_thai(tmp_path: Path, period: str, english: str, thai: str) -> None:
    text = inventory("{activity: diesel-mobile, amount: 100, unit: L}", period=period)
    (en,), (th,) = both(tmp_path, "town.yaml", text)
    assert en.code == th.code == "period-invalid"
    assert en.location == th.location == "town.yaml:3:9"
    assert (en.message, th.message) == (english, thai)
    assert en.hint == (
        "write a year (2024 or 2567), a fiscal year (FY2567) or {start: 2023-10-01, end: 2024-09-30} "
        "(in a workbook, the first and last days in the period_start and period_end rows)"
    )
    assert th.hint == (
        "ใส่ปี (2024 หรือ 2567) ปีงบประมาณ (FY2567) หรือ {start: 2023-10-01, end: 2024-09-30} "
        "(ในไฟล์ Excel ให้กรอกวันแรกและวันสุดท้ายในแถว period_start และ period_end)"
    )


def test_a_period_is_named_with_buddhist_era_dates_in_thai() -> None:
    from ghgcalc.models.period import parse_period

    period = parse_period("FY2567")
    assert period.label == "FY2567 (2023-10-01 to 2024-09-30)"  # English: as before, ISO dates
    i18n.set_language("th")
    assert period.label == "FY2567 (1 ต.ค. 2566 ถึง 30 ก.ย. 2567)"
    i18n.set_calendar("ce")
    assert period.label == "FY2567 (2023-10-01 ถึง 2024-09-30)"


# --- a bad method parameter ----------------------------------------------------------------------

RICE = (
    "{method: rice-cultivation, params: {area: %s, area_unit: rai, days: 120, water_regime: %s, "
    "pre_season: non-flooded-less-than-180-days}}"
)


def test_a_parameter_below_its_bound_keeps_pydantic_s_english_and_reads_in_thai(tmp_path: Path) -> None:
    text = inventory(RICE % ("-5", "continuously-flooded"))
    issues_en, issues_th = both(tmp_path, "farm.yaml", text)
    en = next(i for i in issues_en if "area:" in i.message)
    th = next(i for i in issues_th if "area:" in i.message)
    assert en.code == th.code == "method-params" and en.location == th.location
    assert en.message == "rice-cultivation: area: Input should be greater than or equal to 0"
    assert th.message.endswith("area: ต้องมากกว่าหรือเท่ากับ 0")
    assert "Input should" not in "\n".join(i.message for i in issues_th)


def test_a_parameter_choice_lists_the_choices_without_english_words_in_thai(tmp_path: Path) -> None:
    text = inventory(RICE % ("10", "swamp"))
    issues_en, issues_th = both(tmp_path, "farm.yaml", text)
    en = next(i for i in issues_en if "water_regime" in i.message)
    th = next(i for i in issues_th if "water_regime" in i.message)
    assert en.code == th.code == "method-params"
    assert "water_regime: Input should be 'upland', 'continuously-flooded', " in en.message
    assert en.message.endswith("'irrigated-aggregated' or 'rainfed-deep-water-aggregated'")
    assert "water_regime: ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: 'upland', 'continuously-flooded', " in th.message
    assert th.message.endswith("'irrigated-aggregated', 'rainfed-deep-water-aggregated'")
    assert " or " not in th.message.split(": ", 2)[-1]


def test_a_located_parameter_problem_has_its_thai_hint(tmp_path: Path) -> None:
    text = inventory(
        "{method: rice-cultivation, params: {area: 10, area_unit: rai, water_regime: continuously-flooded, "
        "pre_season: non-flooded-less-than-180-days}}"
    )
    (en,), (th,) = both(tmp_path, "farm.yaml", text)
    assert en.code == th.code == "method-params"
    assert en.message == "rice-cultivation: 'days' is missing: the cultivation period in days"
    assert th.message == "rice-cultivation: ยังไม่ได้ใส่ 'days': จำนวนวันของช่วงเพาะปลูก"
    assert th.hint == ("เพิ่ม เช่น days: 120 ตามปฏิทินการเพาะปลูกในพื้นที่ หรือใส่ ef_season (kg CH4/ha ต่อฤดูปลูก) แทน")


def test_an_area_unit_and_a_decimal_comma_in_parameters_in_thai(tmp_path: Path) -> None:
    text = inventory(
        "{method: rice-cultivation, params: {area: 10, area_unit: furlong, days: 120, water_regime: "
        "continuously-flooded, pre_season: non-flooded-less-than-180-days}}",
        '{method: landfill-fod, params: {deposits: {2020: "12,5"}, climate: tropical-wet}}',
    )
    issues_en, issues_th = both(tmp_path, "town.yaml", text)
    assert [i.code for i in issues_en] == [i.code for i in issues_th] == ["method-params", "method-params"]
    area, comma = issues_th
    assert area.message == "rice-cultivation: area_unit: 'furlong' ไม่ใช่หน่วยพื้นที่ที่ ghgcalc รู้จัก"
    assert area.hint == "ใส่ rai (ไร่), ngan (งาน), tarang-wa (ตารางวา), ha (เฮกตาร์), m2 หรือ km2 โดย 1 ไร่ = 1,600 m2"
    assert comma.message == ("landfill-fod: deposits.2020: '12,5' ใช้จุลภาคเป็นจุดทศนิยม จุลภาคใช้คั่นหลักพันเท่านั้น (12,500)")
    assert comma.hint == "เขียนเป็น 12.5 โดยใช้จุดเป็นจุดทศนิยม"
    assert issues_en[0].message == "rice-cultivation: area_unit: 'furlong' is not an area unit ghgcalc knows"


# --- the inventory's own fields and the plan ------------------------------------------------------


def test_data_quality_and_uncertainty_mistakes_in_thai(tmp_path: Path) -> None:
    text = inventory(
        "{activity: diesel-mobile, amount: 100, unit: L, data_quality: {source: 3rd}}",
        "{activity: diesel-mobile, amount: 100, unit: L, uncertainty: {activity: [20, -10]}}",
    )
    (quality_en, range_en), (quality_th, range_th) = both(tmp_path, "town.yaml", text)
    assert (quality_en.code, range_en.code) == (quality_th.code, range_th.code)
    assert (quality_th.code, range_th.code) == ("data-quality-invalid", "uncertainty-invalid")
    assert quality_en.message == "source is '3rd'; it must be one of 1st, 2nd, other"
    assert quality_th.message == "source (แหล่งที่มาของข้อมูล) เป็น '3rd' แต่ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: 1st, 2nd, other"
    assert quality_th.hint == "ใส่ค่าใดค่าหนึ่งต่อไปนี้: 1st, 2nd, other"
    assert range_th.message == "[20, -10]: ขอบล่างต้องเป็น % ติดลบ และขอบบนต้องเป็น % บวก"


def test_a_plan_s_mistakes_in_thai(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        inventory("{activity: electricity-grid, amount: 10000, unit: kWh, label: Street lighting}"),
    )
    plan = (
        "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2573\ntargets:\n  - {year: 2030}\n"
        "measures:\n  - {id: led, start: 2570, applies_to: {}, reduce: {share: 0.5}}\n"
    )
    issues_en, issues_th = both(tmp_path, "plan.yaml", plan, command="plan")
    assert [i.code for i in issues_en] == [i.code for i in issues_th]
    by_code = {i.code: i for i in issues_th}
    assert by_code["target-invalid"].message.endswith("ใส่ reduction_pct หรือ net_zero: true อย่างใดอย่างหนึ่ง")
    assert by_code["target-invalid"].hint == "เช่น {year: 2030, reduction_pct: 20} หรือ {year: 2050, net_zero: true}"
    assert by_code["match-empty"].message.endswith("ระบุว่าหมายถึงรายการใด: activity, gpc, scope, category, label หรือ id")
    english = {i.code: i for i in issues_en}
    assert english["target-invalid"].message.endswith("give either reduction_pct or net_zero: true")


def test_a_plan_year_that_is_not_whole_names_its_value(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", inventory("{activity: electricity-grid, amount: 10000, unit: kWh}"))
    plan = "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030.5\n"
    (en,), (th,) = both(tmp_path, "plan.yaml", plan, command="plan")
    assert en.code == th.code == "year-invalid"
    assert en.message.endswith("2030.5 is not a year")  # the value, not the template's {value!r}
    assert th.message.endswith("2030.5 ไม่ใช่ปี")


# --- the API's own problems ----------------------------------------------------------------------


def test_an_include_outside_the_folder_in_thai(tmp_path: Path) -> None:
    text = (
        "ghgcalc: 1\nname: เมือง\nkind: community\nperiod: 2567\ninclude: /etc/passwd\n"
        "activities:\n  - {activity: diesel-mobile, amount: 100, unit: L, gpc: II.1.1}\n"
    )
    issues_en, issues_th = both(tmp_path, "city.yaml", text)
    en = next(i for i in issues_en if i.code == "include-outside")
    th = next(i for i in issues_th if i.code == "include-outside")
    assert en.message == "'/etc/passwd' is an absolute path; an include names a file in this inventory's folder tree"
    assert th.message.startswith("'/etc/passwd' เป็นพาธแบบเต็ม (absolute path)")
    assert th.hint and THAI.search(th.hint)


def test_a_gas_without_a_gwp_is_told_in_the_language_of_each_run() -> None:
    """The weights of one unit of a gas are remembered; their problem is not served in the language
    of the run that first asked (C10F18 has no SAR value: data/gwp100.csv)."""
    from ghgcalc import gwp

    assert gwp.per_unit("C10F18", "SAR").problems == ("C10F18 has no 100-year GWP in SAR",)
    i18n.set_language("th")
    assert gwp.per_unit("C10F18", "SAR").problems == ("C10F18 ไม่มีค่า GWP 100 ปีใน SAR",)


def test_a_period_written_as_be_dates_is_shown_in_be(tmp_path) -> None:
    """{start: 2566-10-01, end: 2567-09-30}: the days in B.E., as written, in every message and
    table; a period that ends before it starts is told in the dates the user typed."""
    from tests.helpers import ghgcalc, write

    body = (
        "ghgcalc: 1\nname: T\nperiod: {{start: {start}, end: {end}}}\n"
        "activities:\n  - {{activity: paper, amount: 5, unit: kg}}\n"
    )
    write(tmp_path, "be.yaml", body.format(start="2566-10-01", end="2567-09-30"))
    write(tmp_path, "ce.yaml", body.format(start="2023-10-01", end="2024-09-30"))
    write(tmp_path, "reversed.yaml", body.format(start="2566-10-01", end="2566-09-30"))
    be = ghgcalc(tmp_path, "compute", "be.yaml", "-f", "table", "--lang", "th")
    assert "1 ต.ค. 2566 – 30 ก.ย. 2567" in be.stdout and "2023" not in be.stdout, be
    ce = ghgcalc(tmp_path, "compute", "ce.yaml", "-f", "table")
    assert "2023-10-01" in ce.stdout or "1 Oct 2023" in ce.stdout, ce
    wrong = ghgcalc(tmp_path, "validate", "reversed.yaml", "--lang", "th")
    assert "(30 ก.ย. 2566) ก่อนวันเริ่มต้น (1 ต.ค. 2566)" in wrong.stderr, wrong


@pytest.mark.parametrize(
    ("written", "full"),
    [
        ('"12.5k"', "12,500"),
        ("12.5K", "12,500"),
        ('"1.5 ล้าน"', "1,500,000"),
        ('"3 แสน"', "300,000"),
        ('"2.4M"', "2,400,000"),
        ('"4 thousand"', "4,000"),
    ],
)
def test_a_number_with_a_word_for_thousands_or_millions_is_told_in_full(
    tmp_path: Path, written: str, full: str
) -> None:
    """'12.5k' is twelve thousand five hundred: the hint gave '12.5' with 'k' in the unit column
    (no unit), which would be 12.5 L; it gives the number in full."""
    text = inventory(f"{{activity: diesel-mobile, amount: {written}, unit: L}}")
    (en,), (th,) = both(tmp_path, "town.yaml", text)
    assert en.code == th.code == "amount-invalid"
    assert "unit column" not in en.message + (en.hint or ""), en
    assert en.hint == f"write {full}", en
    assert th.hint is not None and full in th.hint and "write" not in th.hint, th
