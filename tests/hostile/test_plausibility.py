"""Plausibility: the slips officers actually make are warned, at the line (or cell) and month, with
the values and the expected range; honest seasonal and steady lines stay quiet.

Each case runs the real CLI in-process and asserts exit 0 (a warning never stops a run), each
expected warning at its place with the words it must say, no other plausibility warning, and
that no file changed. The previous-year cases read a second inventory, never write it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import (
    INPUT_ERRORS,
    USAGE,
    assert_usage_error,
    at,
    ghgcalc,
    issues,
    snapshot,
    write,
)

# The warnings of core/plausibility.py: a quiet case has none of them.
PLAUSIBILITY = {
    "amount-outlier",
    "amount-month-zero",
    "amount-months-missing",
    "amount-months-extra",
    "line-dominates",
    "previous-year-change",
    "previous-year-period",
    "person-days-few",
}

# A Thai subdistrict municipality's office (kWh): the hot season, March to May, about 1.5 times the
# cool months. Its trucks' diesel (L), steady all year. A dry-season irrigation pump (kWh), three
# times as busy from February to April.
ELECTRICITY = [9800, 10400, 14200, 15600, 15100, 12300, 11200, 10900, 10600, 10200, 9700, 9500]
DIESEL = [1200, 1180, 1250, 1210, 1190, 1230, 1220, 1170, 1240, 1200, 1260, 1210]
PUMP = [2100, 5900, 6400, 6100, 2300, 1800, 1500, 1400, 1600, 1700, 1900, 2000]


def flow(values: list[object]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


def with_month(values: list[float], month: int, value: object) -> list[object]:
    changed: list[object] = list(values)
    changed[month - 1] = value
    return changed


def town(*lines: str, period: str = "2567", name: str = "Ban Khlong Subdistrict Municipality") -> str:
    return f"ghgcalc: 1\nname: {name}\nperiod: {period}\nfactors: tgo-cfo\nactivities:\n" + "".join(
        f"  - {line}\n" for line in lines
    )


def office(values: list[object] | float, unit: str = "kWh", extra: str = "") -> str:
    amount = flow(values) if isinstance(values, list) else values
    return f"{{activity: electricity-grid, label: Office, amount: {amount}, unit: {unit}{extra}}}"


def trucks(values: list[object] | float, extra: str = "") -> str:
    amount = flow(values) if isinstance(values, list) else values
    return f"{{activity: diesel-mobile, label: Trucks, amount: {amount}, unit: L{extra}}}"


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Book:
    """A workbook: the Activities rows under Activity, Label, Unit and twelve month columns (D to O)."""

    rows: list[list[object]]
    period: str = "2567"

    def save(self, path: Path) -> None:
        wb = openpyxl.Workbook()
        sheet = wb.active
        sheet.title = "Inventory"
        for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "เทศบาลทดสอบ"], ["period", self.period]):
            sheet.append(row)
        sheet.append(["factors", "tgo-cfo"])
        acts = wb.create_sheet("Activities")
        acts.append(["Activity", "Label", "Unit", *MONTHS])
        for row in self.rows:
            acts.append(row)
        wb.save(path)


@dataclass(frozen=True)
class Warned:
    """A warning expected in `file`: at the `occurrence`-th `marker` (YAML) or at `cell` (Excel),
    its message holding each of `says`."""

    code: str
    says: tuple[str, ...]
    marker: str | None = None
    occurrence: int = 1
    cell: str | None = None
    file: str = "town.yaml"


@dataclass(frozen=True)
class Case:
    files: dict[str, str | Book]
    args: tuple[str, ...] = ("compute", "town.yaml", "-f", "json")
    warned: tuple[Warned, ...] = ()  # empty: the case is quiet
    notes: list[str] = field(default_factory=list)


def slip_range(values: list[float], month: int, limit: float = 5) -> str:
    """The range the message names: the median of the line's other months, divided and multiplied by the limit."""
    typical = statistics.median(v for i, v in enumerate(values) if i != month - 1 and v > 0)
    return f"expected {typical / limit:,.0f} to {typical * limit:,.0f}"


SLIPPED_UP = with_month(ELECTRICITY, 4, 156000)  # April typed with an extra zero
SLIPPED_DOWN = with_month(DIESEL, 7, 122)  # July typed without its last digit
YEAR_IN_DECEMBER = with_month(ELECTRICITY, 12, 139500)  # the year's total typed into December
GAP = with_month(DIESEL, 5, 0)
TWO_GAPS = with_month(with_month(DIESEL, 3, 0), 9, 0)
LAST_YEAR = town(office(140000), trucks(14400), period="2566")

CASES: dict[str, Case] = {
    # ---- a month far from its line's other months: the decimal slip -------------------------
    "slip-up-ten-times": Case(
        {"town.yaml": town(office(SLIPPED_UP), trucks(DIESEL))},
        warned=(
            Warned(
                "amount-outlier",
                ("month 4", "156,000 kWh", "times the median", slip_range(SLIPPED_UP, 4)),
                "156000",
            ),
        ),
    ),
    "slip-down-a-tenth": Case(
        {"town.yaml": town(office(ELECTRICITY), trucks(SLIPPED_DOWN))},
        warned=(Warned("amount-outlier", ("month 7", "122 L", "1/9.9 of", slip_range(SLIPPED_DOWN, 7)), "122,"),),
    ),
    "year-total-typed-into-december": Case(
        {"town.yaml": town(office(YEAR_IN_DECEMBER))},
        warned=(Warned("amount-outlier", ("month 12", "139,500 kWh"), "139500"),),
    ),
    "slip-in-a-block-list": Case(
        {
            "town.yaml": town(
                "activity: electricity-grid\n    unit: kWh\n    amount:\n"
                + "".join(f"      - {v}\n" for v in SLIPPED_UP).rstrip("\n")
            )
        },
        warned=(Warned("amount-outlier", ("month 4", "156,000 kWh"), "156000"),),
    ),
    "slip-in-quoted-thousands-and-thai-digits": Case(
        {"town.yaml": town(office([*(f"'{v:,}'" for v in ELECTRICITY[:3]), "'๑๕๖,๐๐๐'", *ELECTRICITY[4:]]))},
        warned=(Warned("amount-outlier", ("month 4", "156,000 kWh"), "'๑๕๖,๐๐๐'"),),
    ),
    "slip-in-a-fiscal-year": Case(
        {"town.yaml": town(office(SLIPPED_UP), period="FY2567")},
        warned=(Warned("amount-outlier", ("month 4", "156,000 kWh"), "156000"),),
    ),
    "exactly-five-times-is-warned": Case(
        {"town.yaml": town(trucks([1000] * 11 + [5000]))},
        warned=(Warned("amount-outlier", ("month 12", "5,000 L", "5 times"), "5000"),),
    ),
    "stricter-threshold-catches-less": Case(
        {"town.yaml": town(trucks([1000] * 11 + [3500]))},
        args=("compute", "town.yaml", "-f", "json", "--threshold", "month=3"),
        warned=(Warned("amount-outlier", ("month 12", "3.5 times", "expected 333.3 to 3,000 L"), "3500"),),
    ),
    # ---- honest lines and thresholds that silence ----------------------------------------------
    "honest-seasonal-electricity-and-steady-diesel": Case({"town.yaml": town(office(ELECTRICITY), trucks(DIESEL))}),
    "honest-dry-season-pump": Case({"town.yaml": town(office(PUMP))}),
    "just-under-five-times": Case({"town.yaml": town(trucks([1000] * 11 + [4900]))}),
    "raised-threshold": Case(
        {"town.yaml": town(office(SLIPPED_UP))}, args=("compute", "town.yaml", "-f", "json", "--threshold", "month=20")
    ),
    "threshold-off": Case(
        {"town.yaml": town(office(SLIPPED_UP))},
        args=("validate", "town.yaml", "--threshold", "month=off"),
    ),
    # ---- a zero month inside a steady line: a missing reading ---------------------------------
    "zero-inside-steady-diesel": Case(
        {"town.yaml": town(trucks(GAP))},
        warned=(
            Warned(
                "amount-month-zero",
                ("month 5 is 0 L", f"other 11 months are {min(GAP[:4] + GAP[5:]):,} to {max(GAP):,} L"),
                " 0,",
            ),
        ),
    ),
    "two-zeros-inside": Case(
        {"town.yaml": town(trucks(TWO_GAPS))},
        warned=(
            Warned("amount-month-zero", ("month 3 is 0 L",), " 0,", 1),
            Warned("amount-month-zero", ("month 9 is 0 L",), " 0,", 2),
        ),
    ),
    "zeros-before-a-new-building-opened": Case({"town.yaml": town(office([0, 0, 0, *ELECTRICITY[3:]]))}),
    "refilled-every-other-month": Case({"town.yaml": town(trucks([500, 0, 480, 0, 510, 0, 490, 0, 505, 0, 495, 0]))}),
    "zeros-off": Case({"town.yaml": town(trucks(GAP))}, args=("compute", "town.yaml", "--threshold", "zeros=off")),
    # ---- a monthly list that does not cover the period -----------------------------------------
    "ten-months-for-a-year": Case(
        {"town.yaml": town(trucks(DIESEL[:10]))},
        warned=(
            Warned(
                "amount-months-missing",
                ("10 monthly value(s)", "12-month period 2567 (2024-01-01 to 2024-12-31)", "2 month(s) missing"),
                "[1200",
            ),
        ),
    ),
    "six-months-for-a-fiscal-year": Case(
        {"town.yaml": town(trucks(DIESEL[:6]), period="FY2567")},
        warned=(Warned("amount-months-missing", ("6 monthly value(s)", "6 month(s) missing"), "[1200"),),
    ),
    "twelve-months-for-a-quarter": Case(
        {"town.yaml": town(trucks(DIESEL), period="{start: 2024-01-01, end: 2024-03-31}")},
        warned=(Warned("amount-months-extra", ("12 monthly values", "3-month period", "9 more"), "[1200"),),
    ),
    "three-months-for-a-quarter": Case(
        {"town.yaml": town(trucks(DIESEL[:3]), period="{start: 2024-01-01, end: 2024-03-31}")}
    ),
    # ---- Excel: the same warnings at the sheet's cell -----------------------------------------
    "excel-slip-at-its-cell": Case(
        {"town.xlsx": Book([["electricity-grid", "Office", "kWh", *SLIPPED_UP]])},
        args=("compute", "town.xlsx", "-f", "json"),
        warned=(Warned("amount-outlier", ("month 4", "156,000 kWh"), cell="town.xlsx[Activities]!G2"),),
    ),
    "excel-blank-month-is-a-missing-reading": Case(
        {"town.xlsx": Book([["diesel-mobile", "Trucks", "L", *with_month(DIESEL, 6, None)]])},
        args=("compute", "town.xlsx", "-f", "json"),
        warned=(Warned("amount-month-zero", ("month 6 is 0 L",), cell="town.xlsx[Activities]!I2"),),
    ),
    "excel-last-months-left-blank": Case(
        {"town.xlsx": Book([["diesel-mobile", "Trucks", "L", *DIESEL[:9]]])},
        args=("validate", "town.xlsx"),
        warned=(
            Warned(
                "amount-months-missing", ("9 monthly value(s)", "3 month(s) missing"), cell="town.xlsx[Activities]!D2"
            ),
        ),
    ),
    "excel-honest-seasons": Case(
        {
            "town.xlsx": Book(
                [["electricity-grid", "Office", "kWh", *ELECTRICITY], ["diesel-mobile", "Trucks", "L", *DIESEL]]
            )
        },
        args=("compute", "town.xlsx", "-f", "json"),
    ),
    # ---- against last year's inventory (--previous) ------------------------------------------
    "ten-times-last-year": Case(
        {"town.yaml": town(office(1400000), trucks(15000)), "last.yaml": LAST_YEAR},
        args=("compute", "town.yaml", "-f", "json", "--previous", "last.yaml"),
        warned=(
            Warned(
                "previous-year-change",
                ("1,400,000 kWh is 10 times last year's 140,000 kWh", "last.yaml", "expected 46,667 to 420,000 kWh"),
                "1400000",
            ),
        ),
    ),
    "a-quarter-of-last-year": Case(
        {"town.yaml": town(office(ELECTRICITY), trucks(3600)), "last.yaml": LAST_YEAR},
        args=("validate", "town.yaml", "--previous", "last.yaml"),
        warned=(Warned("previous-year-change", ("3,600 L is 1/4 of last year's 14,400 L",), "3600"),),
    ),
    "matched-by-id-when-the-label-changed": Case(
        {
            "town.yaml": town(office(1400000, extra=", id: E-1").replace("Office", "Town hall")),
            "last.yaml": town(office(140000, extra=", id: E-1"), period="2566"),
        },
        args=("compute", "town.yaml", "--previous", "last.yaml"),
        warned=(Warned("previous-year-change", ("1,400,000 kWh is 10 times last year's 140,000 kWh",), "1400000"),),
    ),
    "matched-by-activity-when-unique": Case(
        {
            "town.yaml": town("{activity: electricity-grid, amount: 1400000, unit: kWh}"),
            "last.yaml": town(office(140000), period="2566"),
        },
        args=("compute", "town.yaml", "--previous", "last.yaml"),
        warned=(Warned("previous-year-change", ("10 times last year's 140,000 kWh",), "1400000"),),
    ),
    "other-unit-last-year-converted": Case(
        {"town.yaml": town(office(ELECTRICITY)), "last.yaml": town(office(140, unit="MWh"), period="2566")},
        args=("compute", "town.yaml", "--previous", "last.yaml"),
    ),
    "twice-last-year-is-quiet": Case(
        {"town.yaml": town(office(ELECTRICITY), trucks(28000)), "last.yaml": LAST_YEAR},
        args=("compute", "town.yaml", "--previous", "last.yaml"),
    ),
    "previous-threshold-raised": Case(
        {"town.yaml": town(office(ELECTRICITY), trucks(3600)), "last.yaml": LAST_YEAR},
        args=("compute", "town.yaml", "--previous", "last.yaml", "--threshold", "previous=5"),
    ),
    "previous-of-the-same-year": Case(
        {"town.yaml": town(office(ELECTRICITY), trucks(DIESEL)), "last.yaml": town(trucks(14400))},
        args=("compute", "town.yaml", "--previous", "last.yaml"),
        warned=(Warned("previous-year-period", ("last.yaml", "does not end before this one starts"), "2567"),),
    ),
    # ---- trend: each year against the one before it in the folder -----------------------------
    "trend-a-line-ten-times-the-year-before": Case(
        {
            "years/town-2566.yaml": LAST_YEAR,
            "years/town-2567.yaml": town(office(ELECTRICITY), trucks(144000)),
        },
        args=("trend", "years", "-f", "json"),
        warned=(
            Warned(
                "previous-year-change",
                ("144,000 L is 10 times last year's 14,400 L", "years/town-2566.yaml"),
                "144000",
                file="years/town-2567.yaml",
            ),
        ),
    ),
    "trend-honest-years": Case(
        {
            "years/town-2566.yaml": LAST_YEAR,
            "years/town-2567.yaml": town(office(ELECTRICITY), trucks(DIESEL)),
            "years/town-2568.yaml": town(office(ELECTRICITY), trucks(15100), period="2568"),
        },
        args=("trend", "years", "-f", "json"),
    ),
}


def _write(folder: Path, files: dict[str, str | Book]) -> None:
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Book):
            content.save(folder / name)
        else:
            write(folder, name, content)


def _place(case: Case, expected: Warned) -> str:
    if expected.cell is not None:
        return expected.cell
    assert expected.marker is not None
    text = case.files[expected.file]
    assert isinstance(text, str)
    line, column = at(text, expected.marker, expected.occurrence)
    if expected.marker.startswith(" "):  # a marker that starts before the value: " 0,"
        column += 1
    return f"{expected.file}:{line}:{column}"


@pytest.mark.parametrize("name", CASES)
def test_plausibility(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    _write(tmp_path, case.files)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, *case.args)
    assert run.code == 0, f"a warning must not stop the run\n{run}"
    printed = [p for p in issues(run.stderr) if p.code in PLAUSIBILITY]
    assert all(p.severity == "warning" for p in printed), run
    for expected in case.warned:
        place = _place(case, expected)
        found = [p for p in printed if p.code == expected.code and p.location == place]
        assert found, f"expected warning[{expected.code}] at {place}\n{run}"
        for words in expected.says:
            assert words in found[0].message, f"expected {words!r} in {found[0].message!r}"
        assert found[0].hint, run
    assert len(printed) == len(case.warned), f"other plausibility warnings than expected\n{run}"
    assert snapshot(tmp_path) == before


# ---- the previous file: its errors, a missing one, and never written --------------------------


def test_the_previous_years_errors_are_reported_in_that_file(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", town(office(ELECTRICITY)))
    last = write(tmp_path, "last.yaml", town("{activity: electricity-grid, amount: -5, unit: kWh}", period="2566"))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json", "--previous", "last.yaml")
    assert run.code == INPUT_ERRORS, run
    line, column = at(last.read_text(encoding="utf-8"), "-5")
    [problem] = [p for p in issues(run.stderr) if p.severity == "error"]
    assert (problem.location, problem.code) == (f"last.yaml:{line}:{column}", "amount-negative")
    assert "previous year's inventory last.yaml has errors" in run.stderr
    assert run.stdout == ""
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("previous", ["no-such.yaml", "folder"])
def test_a_previous_that_is_not_a_file_is_a_usage_error(tmp_path: Path, previous: str) -> None:
    write(tmp_path, "town.yaml", town(office(ELECTRICITY)))
    (tmp_path / "folder").mkdir()
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--previous", previous)
    assert_usage_error(run, f"--previous {previous}")


def test_the_previous_file_is_never_written(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", town(office(ELECTRICITY)))
    write(tmp_path, "last.yaml", LAST_YEAR)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--previous", "last.yaml", "-o", "last.yaml", "--force")
    assert run.code == USAGE, run
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("threshold", ["month", "month=x", "month=1", "zeros=2", "monthly=5", "previous=-3"])
def test_a_threshold_that_makes_no_sense_is_a_usage_error(tmp_path: Path, threshold: str) -> None:
    write(tmp_path, "town.yaml", town(office(ELECTRICITY)))
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--threshold", threshold)
    assert_usage_error(run, "--threshold", "month=5")


def test_organisations_a_city_includes_are_not_compared_with_the_citys_last_year(tmp_path: Path) -> None:
    write(tmp_path, "municipality.yaml", town(office(1400000), period="FY2567"))
    city = (
        "ghgcalc: 1\nname: City\nkind: community\nperiod: FY{year}\nfactors: [tgo-cfo, ipcc-2006]\n{include}"
        "activities:\n  - {{gpc: I.2.2, activity: electricity-grid, amount: {mwh}, unit: MWh}}\n"
    )
    write(tmp_path, "city.yaml", city.format(year=2567, include="include: municipality.yaml\n", mwh=10000))
    write(tmp_path, "city-2566.yaml", city.format(year=2566, include="", mwh=9000))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "city.yaml", "-f", "json", "--previous", "city-2566.yaml")
    assert run.code == 0, run
    assert [p for p in issues(run.stderr) if p.code in PLAUSIBILITY] == []
    assert snapshot(tmp_path) == before
