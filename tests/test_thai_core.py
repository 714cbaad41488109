"""The calculation core's warnings and errors in Thai (`--lang th`): the message and hint in Thai,
the issue code in English, the exit code as in English, and years as the inventory writes them
(docs/translating.md). Each case is a real file run through the CLI.

Expected numbers are worked by hand here: a month of 10,000 kWh among eleven of 1,000 is 10 times
their median, and with the default limit of 5 the expected range is 1,000 / 5 = 200 to
1,000 x 5 = 5,000 kWh; TGO's 2026 edition is in force from 1 January 2026 (B.E. 2569) and the
April 2022 grid value is allowed to 31 March 2026 (tests/cli/test_editions_straddle.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ghgcalc import i18n
from tests.helpers import Run, ghgcalc, write
from tests.tgo_workbooks import generate as g

OK, INPUT_ERRORS, USAGE = 0, 1, 2
THAI = re.compile(r"[\u0e00-\u0e7f]")
_LINE = re.compile(r"^(?P<loc>.+?): (?P<sev>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<msg>.*)$")
HINT_TH = "  คำแนะนำ: "


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The language is process-global and an in-process run leaves it as it set it: back to
    English, so that the tests after these that call the library directly read English."""
    yield
    i18n.set_language(i18n.DEFAULT)
    i18n.set_calendar("")


@dataclass(frozen=True)
class Said:
    location: str
    severity: str
    code: str
    message: str
    hint: str | None


def said(run: Run, hint_prefix: str = HINT_TH) -> list[Said]:
    """Every diagnostic on stderr, with the hint on the line after it (Thai prefix by default)."""
    lines = run.stderr.splitlines()
    found = []
    for index, line in enumerate(lines):
        match = _LINE.match(line)
        if match:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            hint = following[len(hint_prefix) :] if following.startswith(hint_prefix) else None
            found.append(Said(match["loc"], match["sev"], match["code"], match["msg"], hint))
    return found


def one(run: Run, code: str) -> Said:
    matching = [s for s in said(run) if s.code == code]
    assert len(matching) == 1, f"expected one {code}\n{run}"
    return matching[0]


def compute(folder: Path, text: str, *args: str, name: str = "town.yaml") -> Run:
    write(folder, name, text)
    return ghgcalc(folder, "compute", name, *args)


TOWN = """\
ghgcalc: 1
name: เทศบาลตำบลตัวอย่าง
period: {period}
activities:
{lines}
"""


def town(lines: str, period: str = "FY2567") -> str:
    return TOWN.format(period=period, lines=lines)


# --------------------------------------------------------------------------------------------
# factor missing: an error, exit 1


def test_a_missing_factor_is_an_error_in_thai_with_its_code_and_suggestion(tmp_path: Path) -> None:
    text = town("  - {activity: electricity-grdi, amount: 5, unit: kWh}")
    run = compute(tmp_path, text, "--lang", "th")
    assert run.code == INPUT_ERRORS, run
    error = one(run, "factor-missing")
    assert (error.severity, error.location) == ("error", "town.yaml:5:16")
    assert error.message.startswith("ไม่พบค่าการปล่อย 'electricity-grdi' ใน tgo-cfo"), run
    assert error.hint is not None and error.hint.startswith("หมายถึง 'electricity-grid'"), run
    assert error.hint.endswith("ใช่หรือไม่"), run
    assert "no factor" not in run.stderr and "did you mean" not in run.stderr
    # English is as it was: the same code, place and exit
    english = compute(tmp_path, text, "--lang", "en")
    assert english.code == INPUT_ERRORS
    assert "town.yaml:5:16: error[factor-missing]: no factor 'electricity-grdi' in tgo-cfo" in english.stderr
    assert "  hint: did you mean 'electricity-grid' or " in english.stderr


# --------------------------------------------------------------------------------------------
# the plausibility warnings: a month 10 times the others, a missing month; exit 0


MONTHS_1000 = ", ".join(["1000"] * 4 + ["10000"] + ["1000"] * 7)


def test_a_month_ten_times_the_others_is_a_warning_in_thai_with_its_numbers(tmp_path: Path) -> None:
    text = town(f"  - {{activity: electricity-grid, amount: [{MONTHS_1000}], unit: kWh}}")
    run = compute(tmp_path, text, "--lang", "th", "-f", "json")
    assert run.code == OK, run
    json.loads(run.stdout)  # the result is still written
    outlier = one(run, "amount-outlier")
    assert outlier.severity == "warning"
    assert outlier.message == (
        "เดือนที่ 5: 10,000 kWh เป็น 10 เท่าของค่ามัธยฐานของเดือนอื่น (1,000 kWh) ค่าที่คาดไว้อยู่ระหว่าง 200 ถึง 5,000 kWh"
    ), run
    assert outlier.hint is not None and "--threshold month=5" in outlier.hint and "พิมพ์ผิด" in outlier.hint
    english = compute(tmp_path, text, "--lang", "en", "-f", "json")
    assert (
        "warning[amount-outlier]: month 5: 10,000 kWh is 10 times the median of the other months (1,000 kWh); "
        "expected 200 to 5,000 kWh" in english.stderr
    ), english


def test_a_missing_month_is_a_warning_in_thai_with_the_period_in_buddhist_era(tmp_path: Path) -> None:
    eleven = ", ".join(["1000"] * 11)
    text = town(f"  - {{activity: electricity-grid, amount: [{eleven}], unit: kWh}}")
    run = compute(tmp_path, text, "--lang", "th")
    assert run.code == OK, run
    short = one(run, "amount-months-missing")
    # FY2567 runs 1 October 2023 (B.E. 2566) to 30 September 2024 (B.E. 2567)
    assert short.message == (
        "มีค่ารายเดือน 11 ค่า สำหรับช่วงเวลาการรายงาน 12 เดือน FY2567 (1 ต.ค. 2566 ถึง 30 ก.ย. 2567): "
        "ขาดไป 1 เดือน ยอดรวมของรายการนี้ (11,000 kWh) จึงอาจต่ำกว่าความจริง"
    ), run
    assert short.hint is not None and short.hint.startswith("เพิ่มเดือนที่ขาด")


def test_a_zero_month_among_steady_ones_is_a_missing_reading_in_thai(tmp_path: Path) -> None:
    months = "100, 102, 98, 0, 101, 99, 100, 100, 102, 98, 100, 101"
    run = compute(tmp_path, town(f"  - {{activity: diesel-stationary, amount: [{months}], unit: L}}"), "--lang", "th")
    assert run.code == OK, run
    zero = one(run, "amount-month-zero")
    assert zero.message == "เดือนที่ 4 เป็น 0 L ขณะที่อีก 11 เดือนของรายการนี้อยู่ระหว่าง 98 ถึง 102 L: ลืมบันทึกค่าหรือไม่"


# --------------------------------------------------------------------------------------------
# an edition overlap: which edition, and from when, in the inventory's calendar


GRID = "  - {activity: electricity-grid, amount: 1000, unit: kWh}"


def test_an_edition_overlap_is_said_in_thai_with_buddhist_era_dates(tmp_path: Path) -> None:
    run = compute(tmp_path, town(GRID, "FY2569"), "--lang", "th")
    assert run.code == OK, run
    overlap = one(run, "factor-edition-overlap")
    assert overlap.message.startswith(
        "'electricity-grid': ช่วงเวลาการรายงานเริ่มก่อนที่ tgo-cfo@2026-02 จะมีผลใช้บังคับในวันที่ 1 ม.ค. 2569 "
    ), run
    assert "ไม่ใช้ tgo-cfo@2022-04 (ใช้ได้ " in overlap.message and "ถึง 31 มี.ค. 2569)" in overlap.message
    assert overlap.message.endswith(
        "หากต้องการใช้ฉบับเดิม ให้ระบุ factors: tgo-cfo@2022-04 (ในไฟล์ Excel คือแถว factors ของชีต Inventory)"
    ), run


def test_an_inventory_written_in_ce_keeps_ce_dates_in_thai_unless_the_calendar_is_asked(tmp_path: Path) -> None:
    text = town(GRID, "{start: 2025-10-01, end: 2026-09-30}")
    run = compute(tmp_path, text, "--lang", "th")
    assert run.code == OK, run
    assert "จะมีผลใช้บังคับในวันที่ 2026-01-01 " in one(run, "factor-edition-overlap").message, run
    be = compute(tmp_path, text, "--lang", "th", "--calendar", "be")
    assert "จะมีผลใช้บังคับในวันที่ 1 ม.ค. 2569 " in one(be, "factor-edition-overlap").message, be


# --------------------------------------------------------------------------------------------
# a notation key without its explanation (community inventories)


CITY = """\
ghgcalc: 1
name: เมืองทดสอบ
kind: community
period: FY2567
notation_keys:
  I.6.1: {key: NE}
  I.4.1: {key: NO, explanation: no power plant}
activities:
  - {activity: electricity-grid, amount: 1000, unit: kWh, gpc: I.1.2}
"""


def test_a_notation_key_without_explanation_is_a_warning_in_thai(tmp_path: Path) -> None:
    run = compute(tmp_path, CITY, "--lang", "th", name="city.yaml")
    assert run.code == OK, run
    unexplained = one(run, "notation-unexplained")
    assert (unexplained.location, unexplained.message) == (
        "city.yaml:6:10",
        "I.6.1: สัญลักษณ์ NE (notation key) ต้องมีคำอธิบาย",
    )
    assert unexplained.hint == "เพิ่ม explanation: ... (GPC ให้ระบุเหตุผล และสำหรับ IE ให้ระบุว่ารวมไว้ที่ใด)"
    incomplete = one(run, "gpc-incomplete")
    assert "ยังไม่มีทั้งค่าและสัญลักษณ์" in incomplete.message
    # the YAML in the hint stays YAML; only the words change
    assert incomplete.hint.startswith(
        "ใส่สัญลักษณ์ให้แต่ละหมวดใต้ notation_keys: {I.7.1: {key: NO, explanation: ไม่มีเหมืองถ่านหิน}} (ไฟล์ Excel"
    )


# --------------------------------------------------------------------------------------------
# plan problems: the years as the base inventory writes them (B.E. here), in both languages


BASE = """\
ghgcalc: 1
name: เทศบาลตำบลตัวอย่าง
period: 2567
activities:
  - {activity: electricity-grid, amount: 120000, unit: kWh, label: street lights}
"""
PLAN = """\
ghgcalc_plan: 1
name: แผนทดสอบ
base: base.yaml
horizon: {horizon}
{measures}"""


def plan(folder: Path, horizon: str, measures: str = "", *args: str) -> Run:
    write(folder, "base.yaml", BASE)
    write(folder, "plan.yaml", PLAN.format(horizon=horizon, measures=measures))
    return ghgcalc(folder, "plan", "plan.yaml", *args)


def test_a_horizon_before_the_base_year_is_an_error_in_thai_in_buddhist_era(tmp_path: Path) -> None:
    run = plan(tmp_path, "2566", "", "--lang", "th")
    assert run.code == INPUT_ERRORS, run
    horizon = one(run, "horizon-invalid")
    assert horizon.message == "ปีสิ้นสุดแผน 2566 ไม่ได้อยู่หลังปีฐาน 2567", run
    assert horizon.hint == "ระบุปีที่หลังกว่านี้ เช่น 2030 หรือ 2573"
    # a horizon written in C.E. is still shown as the base inventory writes its years
    again = plan(tmp_path, "2023", "", "--lang", "en")
    assert again.code == INPUT_ERRORS
    assert "error[horizon-invalid]: the horizon 2566 is not after the base year 2567" in again.stderr, again


MEASURES = """\
measures:
  - {id: led, use: led-street-lighting, size: 100, start: 2567, applies_to: [{label: street lights}]}
  - {id: solar, size: 10, start: 2575, reduce: {share: 0.1}, applies_to: [{label: street light}]}
"""


def test_measure_problems_are_said_in_thai_with_the_measure_and_its_years(tmp_path: Path) -> None:
    run = plan(tmp_path, "2573", MEASURES, "--lang", "th")
    assert run.code == INPUT_ERRORS, run
    start = one(run, "measure-start-invalid")
    assert start.message == "มาตรการ 'led': เริ่มในปี 2567 ซึ่งไม่ได้อยู่หลังปีฐาน 2567", run
    late = one(run, "measure-after-horizon")
    assert late.severity == "warning"
    assert late.message == "มาตรการ 'solar' เริ่มในปี 2575 หลังปีสิ้นสุดแผน 2573: จึงไม่มีผลในแผนนี้", run
    none = one(run, "measure-applies-to-none")
    assert none.hint == "หมายถึง label: 'street lights' ใช่หรือไม่", run
    english = plan(tmp_path, "2573", MEASURES, "--lang", "en")
    assert english.code == INPUT_ERRORS
    assert "error[measure-start-invalid]: measure 'led': starts in 2567, not after the base year 2567" in english.stderr
    assert "  hint: did you mean label: 'street lights'?" in english.stderr


# --------------------------------------------------------------------------------------------
# a usage error of the core's own option, --threshold: exit 2


def test_a_wrong_threshold_is_a_usage_error_in_thai(tmp_path: Path) -> None:
    run = compute(tmp_path, town(GRID), "--threshold", "month=0.5", "--lang", "th")
    assert run.code == USAGE, run
    assert "--threshold: month=0.5 ไม่ใช่อัตราส่วนที่มากกว่า 1 เช่น month=5" in run.stderr, run
    assert "เขียนเป็น NAME=VALUE" in run.stderr


# --------------------------------------------------------------------------------------------
# the audit of a TGO workbook: a typed total that is not the sum of its months


def _number(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_audit_says_what_the_months_add_up_to_and_what_the_total_says(tmp_path: Path, lang: str) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", stale_total="typed")
    run = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "json", "--lang", lang)
    assert run.code == OK, run
    document = json.loads(run.stdout)
    [typed] = [f for book in document["workbooks"] for y in book["years"] for f in y["findings"]]
    assert typed["code"] == "audit-series-total"
    water = sum(g.synthetic_month(600.0, m, 2568) for m in range(1, 13))  # the generator's pond water
    months, total = _number(water), _number(water - 0.4)  # O3 typed 0.4 short of its months
    if lang == "th":
        assert f": 12 เดือนรวมได้ {months} m3 แต่ช่องผลรวมที่ O3 แสดง {total} m3 (ต่างกัน -0.4)" in typed["message"]
        assert "ไม่เท่ากับผลรวมรายเดือน" in typed["ask"]
    else:
        assert (
            f": the 12 months add up to {months} m3, but the total at O3 says {total} m3 (difference -0.4)"
            in (typed["message"])
        )
        assert "is not the sum of its months" in typed["ask"]


@pytest.mark.parametrize(("calendar", "year"), [((), "2568"), (("--calendar", "ce"), "2025")])
def test_an_old_factor_in_a_workbook_names_the_year_in_the_calendar_asked(
    tmp_path: Path, calendar: tuple[str, ...], year: str
) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", factors={12: 2.7446})
    run = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "json", "--lang", "th", *calendar)
    assert run.code == OK, run
    document = json.loads(run.stdout)
    [factor] = [f for book in document["workbooks"] for y in book["years"] for f in y["findings"]]
    assert factor["code"] == "audit-factor-edition"
    assert f"ที่ใช้บังคับสำหรับปี {year}" in factor["message"], factor
    assert f"ฉบับของ อบก. ที่ใช้บังคับสำหรับปี {year} (tgo-cfo@2022-04) ให้ค่า 2.7406" in factor["ask"], factor


# --------------------------------------------------------------------------------------------
# a trend's missing year, named in both calendars


def test_a_missing_year_of_a_trend_is_named_in_thai(tmp_path: Path) -> None:
    for year in ("2565", "2567"):
        write(tmp_path, f"t{year}.yaml", BASE.replace("period: 2567", f"period: {year}"))
    run = ghgcalc(tmp_path, "trend", "t2565.yaml", "t2567.yaml", "-f", "json", "--lang", "th")
    assert run.code == OK, run
    rows = {row["source"]: row for row in json.loads(run.stdout)["years"]}
    assert rows["t2567.yaml"]["missing_before"] == ["พ.ศ. 2566 (ค.ศ. 2023)"]


def test_no_core_message_is_left_in_english_in_these_thai_runs(tmp_path: Path) -> None:
    """Every diagnostic of a Thai run that sets off several core checks at once has Thai words."""
    lines = "\n".join(
        [
            f"  - {{activity: electricity-grid, amount: [{MONTHS_1000}], unit: kWh}}",
            "  - {activity: diesel-stationary, amount: [100, 102, 98, 0, 101, 99, 100, 100, 102, 98, 100, 101], "
            "unit: L}",
            "  - {activity: electricity-grdi, amount: 5, unit: kWh}",
        ]
    )
    run = compute(tmp_path, town(lines, "FY2569"), "--lang", "th")
    assert run.code == INPUT_ERRORS, run
    found = said(run)
    assert {s.code for s in found} == {
        "factor-edition-overlap",
        "amount-outlier",
        "amount-month-zero",
        "factor-missing",
    }, run
    for item in found:
        assert THAI.search(item.message), item
        assert item.hint is None or THAI.search(item.hint), item
