"""Trend and plan consistency, and starters that are inputs too.

- `trend`: two inventories of one period (the same year twice, a fiscal year beside the calendar
  year it overlaps, a copy left in the folder, a file named twice) are an error naming both files;
  the years missing between two inventories are said (a note, `missing_before` in JSON and CSV,
  the table's Note); a base year read from standard input is recomputed from what was read, never
  from a file named `<stdin>`.
- `plan`: a measure that starts after the horizon, or ramps past it, is warned at the measure; a
  target outside the plan, a measure in the base year, a horizon before the base year are errors;
  a base inventory that is not a year is warned.
- `init`: every kind, both formats, with and without `--fiscal`, validates (and the plan starter
  runs on the inventory starter); filled in, it computes; it is dated by the day it is written.

Each case runs the CLI in-process on files in `tmp_path` and asserts the exit code, the located
message and that no input file changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import (
    INPUT_ERRORS,
    USAGE,
    Run,
    assert_input_error,
    assert_usage_error,
    at,
    ghgcalc,
    issues,
    snapshot,
    write,
)

OK = 0


def town(period: str, amount: float = 1000, extra: str = "", name: str = "Ban Khlong") -> str:
    """A small organisation inventory: diesel, whose per-gas factor makes the GWP set matter."""
    return (
        f"ghgcalc: 1\nname: {name}\nperiod: {period}\nfactors: tgo-cfo\n{extra}activities:\n"
        f"  - {{activity: diesel-stationary, amount: {amount}, unit: L, label: Generator}}\n"
        "  - {activity: electricity-grid, amount: 20000, unit: kWh, label: Offices, category: street-lighting}\n"
    )


def unchanged(folder: Path, before: dict[str, str]) -> None:
    assert snapshot(folder) == before, "a run changed an input file"


# --------------------------------------------------------------------------------------------
# trend: two inventories of one period


@dataclass(frozen=True)
class Overlap:
    files: dict[str, str]  # name -> period
    args: tuple[str, ...]
    at: str  # the file the error is reported at
    says: tuple[str, ...]  # words of the message (the other file, the shared dates)


OVERLAPS = {
    "same-year-ce-and-be": Overlap({"a.yaml": "2024", "b.yaml": "2567"}, ("a.yaml", "b.yaml"), "b.yaml", ("a.yaml",)),
    "fiscal-beside-calendar": Overlap(
        {"cal.yaml": "2024", "fy.yaml": "FY2567"},
        ("cal.yaml", "fy.yaml"),
        "cal.yaml",
        ("fy.yaml", "2024-01-01 to 2024-09-30"),
    ),
    "copy-left-in-the-folder": Overlap(
        {"m2566.yaml": "2566", "m2567.yaml": "2567", "m2567 copy.yaml": "2567"},
        (".",),
        "m2567.yaml",
        ("m2567 copy.yaml",),
    ),
    "half-year-inside-a-year": Overlap(
        {"h1.yaml": "{start: 2024-01-01, end: 2024-06-30}", "y.yaml": "2024"},
        ("h1.yaml", "y.yaml"),
        "y.yaml",
        ("h1.yaml", "2024-01-01 to 2024-06-30"),
    ),
    "fiscal-years-b-e-and-c-e": Overlap(
        {"a.yaml": "FY2567", "b.yaml": "{fiscal_year: 2567}"}, ("a.yaml", "b.yaml"), "b.yaml", ("a.yaml", "FY2567")
    ),
    "one-file-named-twice": Overlap({"a.yaml": "2566"}, ("a.yaml", "a.yaml"), "a.yaml", ("named twice",)),
}


@pytest.mark.parametrize("case", OVERLAPS.values(), ids=OVERLAPS.keys())
def test_two_inventories_of_one_period_are_an_error_naming_both(tmp_path: Path, case: Overlap) -> None:
    for name, period in case.files.items():
        write(tmp_path, name, town(period))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", *case.args, "-f", "json")
    found = assert_input_error(run, case.at, "trend-period-overlap", None, hint="")
    for words in case.says:
        assert words in found.message, run
    assert "year on year" not in run.stdout and "%" not in run.stdout
    unchanged(tmp_path, before)


# --------------------------------------------------------------------------------------------
# trend: the years missing between two inventories


@dataclass(frozen=True)
class Gap:
    periods: dict[str, str]  # name -> period, in time order
    missing: dict[str, list[str]]  # name -> the periods missing just before it
    note: tuple[str, ...] = field(default=())  # more words on stderr


GAPS = {
    "calendar-b-e-2565-2567": Gap({"a.yaml": "2565", "b.yaml": "2567"}, {"b.yaml": ["2023 (B.E. 2566)"]}),
    "fiscal-two-years-missing": Gap(
        {"a.yaml": "FY2565", "b.yaml": "FY2568"},
        {"b.yaml": ["FY2566 (2022-10-01 to 2023-09-30)", "FY2567 (2023-10-01 to 2024-09-30)"]},
    ),
    "fiscal-then-calendar-three-months": Gap(
        {"a.yaml": "FY2566", "b.yaml": "2024"},
        {"b.yaml": ["2023-10-01 to 2023-12-31"]},
        ("fiscal and calendar years mixed",),
    ),
    "calendar-then-fiscal-nine-months": Gap(
        {"a.yaml": "2023", "b.yaml": "FY2568"},
        {"b.yaml": ["2024-01-01 to 2024-09-30"]},
        ("fiscal and calendar years mixed",),
    ),
    "fiscal-then-fiscal-by-dates": Gap(
        {"a.yaml": "FY2566", "b.yaml": "{start: 2023-10-01, end: 2024-09-30}"}, {"b.yaml": []}
    ),
    "no-gap": Gap({"a.yaml": "2566", "b.yaml": "2567", "c.yaml": "2568"}, {"b.yaml": [], "c.yaml": []}),
}


@pytest.mark.parametrize("case", GAPS.values(), ids=GAPS.keys())
def test_the_years_missing_between_inventories_are_said(tmp_path: Path, case: Gap) -> None:
    for name, period in case.periods.items():
        write(tmp_path, name, town(period))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", *case.periods, "-f", "json")
    assert run.code == OK, run
    rows = {row["source"]: row for row in json.loads(run.stdout)["years"]}
    notes = [line for line in run.stderr.splitlines() if line.startswith("note: ")]
    for name, missing in case.missing.items():
        assert rows[name]["missing_before"] == missing, run
        for period in missing:
            assert any(period in note and name in note for note in notes), run
    if not any(case.missing.values()):
        assert not any("no inventory for" in note for note in notes), run
    for words in case.note:
        assert any(words in note for note in notes), run
    unchanged(tmp_path, before)


def test_a_gap_is_said_in_csv_and_in_the_table(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", town("2565"))
    write(tmp_path, "b.yaml", town("2567"))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", "a.yaml", "b.yaml", "-f", "csv")
    assert run.code == OK, run
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [json.loads(r["missing_before"]) for r in rows] == [[], ["2023 (B.E. 2566)"]]
    table = ghgcalc(tmp_path, "trend", "a.yaml", "b.yaml", "-f", "table")
    assert table.code == OK, table
    said = " ".join(table.stdout.split())
    assert "No inventory for 2566: these years are left empty" in said, table  # B.E., as the files wrote it
    unchanged(tmp_path, before)


# --------------------------------------------------------------------------------------------
# trend: a base year read from standard input


def test_a_base_year_from_stdin_is_recomputed_from_what_was_read(tmp_path: Path) -> None:
    """The base year (AR4) differs from the newest (AR5): it is recomputed with AR5. Read from
    standard input, it is recomputed from the text read there, never from a file named `<stdin>`:
    the decoy holds a larger inventory that would give another total."""
    base = town("2566", extra="gwp: AR4\n")
    reference = tmp_path / "reference"
    reference.mkdir()
    write(reference, "base.yaml", base)
    write(reference, "latest.yaml", town("2567"))
    expected = ghgcalc(reference, "trend", "base.yaml", "latest.yaml", "-f", "json")
    assert expected.code == OK, expected

    write(tmp_path, "latest.yaml", town("2567"))
    write(tmp_path, "<stdin>", town("2566", amount=999_999, extra="gwp: AR4\n"))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", "-", "latest.yaml", "-f", "json", stdin=base.encode())
    assert run.code == OK, run
    data = json.loads(run.stdout)
    rebased, wanted = data["base_year_recomputed"], json.loads(expected.stdout)["base_year_recomputed"]
    assert rebased["gwp"] == "AR5" and rebased["source"] == "<stdin>"
    assert rebased["total_t_co2e"] == pytest.approx(wanted["total_t_co2e"], rel=1e-12)
    assert rebased["total_t_co2e"] != pytest.approx(data["years"][0]["total_t_co2e"], rel=1e-12)  # AR5, not AR4
    assert "recomputed with the newest year's GWP" in run.stderr, run
    unchanged(tmp_path, before)


def test_a_base_year_from_stdin_with_a_decoy_that_cannot_be_read(tmp_path: Path) -> None:
    write(tmp_path, "latest.yaml", town("2567"))
    write(tmp_path, "<stdin>", "activities: [unclosed\n")
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", "-", "latest.yaml", "-f", "json", stdin=town("2566", extra="gwp: AR4\n").encode())
    assert run.code == OK, run
    assert json.loads(run.stdout)["base_year_recomputed"]["gwp"] == "AR5"
    assert "could not be recomputed" not in run.stderr and "unclosed" not in run.stderr, run
    unchanged(tmp_path, before)


def test_stdin_named_twice_is_a_usage_error(tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", "-", "-", stdin=town("2566").encode())
    assert_usage_error(run, "standard input", "named twice")
    unchanged(tmp_path, before)


def test_stdin_and_a_file_of_the_same_year_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", town("2567"))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "trend", "a.yaml", "-", "-f", "json", stdin=town("2024").encode())
    found = assert_input_error(run, "<stdin>", "trend-period-overlap", None, hint="")
    assert "a.yaml" in found.message
    unchanged(tmp_path, before)


# --------------------------------------------------------------------------------------------
# plan: measures, targets and the horizon

PLAN = """\
ghgcalc_plan: 1
name: Plan
base: town.yaml
horizon: {horizon}
discount_rate_pct: 0
bau:
  default: population
  drivers:
    population: {{rate_pct: 1, source: registry}}
measures:
  - id: trees
    use: tree-planting
    size: 100
    start: {start}
    ramp_years: {ramp}
  - id: led
    use: led-street-lighting
    size: 10
    start: 2026
    applies_to: {{category: street-lighting}}
targets:
  - {{year: {target}, reduction_pct: 10}}
"""


@dataclass(frozen=True)
class PlanCase:
    code: str
    marker: str  # the text the issue is located at, in the plan
    severity: str = "warning"
    says: tuple[str, ...] = ()
    horizon: int = 2030
    start: int = 2026
    ramp: int = 1
    target: int = 2030
    base_period: str = "2024"


PLANS = {
    "measure-after-horizon": PlanCase(
        "measure-after-horizon", "start: 2035", start=2035, says=("2035", "after the horizon 2030")
    ),
    "measure-after-horizon-b-e": PlanCase(
        "measure-after-horizon", "start: 2580", start=2580, says=("2037", "no effect")
    ),
    "measure-ramps-past-horizon": PlanCase(
        "measure-ramp-after-horizon", "ramp_years: 5", start=2029, ramp=5, says=("2033", "40 %")
    ),
    "target-after-horizon": PlanCase(
        "target-year-invalid", "year: 2035", "error", target=2035, says=("2035", "outside the plan")
    ),
    "target-before-base-year": PlanCase(
        "target-year-invalid", "year: 2020", "error", target=2020, says=("2020", "2025-2030")
    ),
    "target-in-base-year": PlanCase("target-year-invalid", "year: 2024", "error", target=2024, says=("2024",)),
    "measure-in-base-year": PlanCase(
        "measure-start-invalid", "start: 2024", "error", start=2024, says=("not after the base year 2024",)
    ),
    "horizon-before-base-year": PlanCase(
        "horizon-invalid", "horizon: 2020", "error", horizon=2020, target=2020, says=("not after the base year",)
    ),
    "base-half-a-year": PlanCase(
        "base-period-not-a-year",
        "base: town.yaml",
        base_period="{start: 2024-01-01, end: 2024-06-30}",
        says=("182 days", "not a year"),
    ),
}


@pytest.mark.parametrize("case", PLANS.values(), ids=PLANS.keys())
def test_plan_consistency_is_warned_or_refused_at_its_place(tmp_path: Path, case: PlanCase) -> None:
    write(tmp_path, "town.yaml", town(case.base_period))
    text = PLAN.format(horizon=case.horizon, start=case.start, ramp=case.ramp, target=case.target)
    write(tmp_path, "plan.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    line, column = at(text, case.marker)
    column += case.marker.index(":") + 2  # the value, after "key: "
    if case.severity == "error":
        found = assert_input_error(run, "plan.yaml", case.code, (line, column))
    else:
        assert run.code == OK, run
        json.loads(run.stdout)  # the plan is still computed
        printed = [p for p in issues(run.stderr) if p.code == case.code and p.severity == "warning"]
        assert printed and printed[0].location == f"plan.yaml:{line}:{column}", run
        assert printed[0].hint, run
        found = printed[0]
    for words in case.says:
        assert words in found.message, run
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("unit", "says"),
    [("kton", "cannot convert"), ("1e308", "not a known unit"), ("kWh\u0435", "\\u0435"), ("%", "share")],
)
def test_a_price_in_a_unit_its_lines_cannot_take_is_refused(tmp_path: Path, unit: str, says: str) -> None:
    """Found by a fuzz of the example plan: a price per 'kton' for diesel in litres stopped the plan
    with an internal error when the MACC was costed."""
    write(tmp_path, "town.yaml", town("2024"))
    text = PLAN.format(horizon=2030, start=2026, ramp=1, target=2030) + (
        f"prices:\n  diesel-stationary: {{thb_per_unit: 30, unit: '{unit}', source: retail price}}\n"
    )
    write(tmp_path, "plan.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    found = assert_input_error(run, "plan.yaml", "price-unit-invalid", at(text, f"'{unit}'"), hint="L")
    assert says in found.message
    unchanged(tmp_path, before)


def test_a_plan_within_its_horizon_has_none_of_these_warnings(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", town("2024"))
    write(tmp_path, "plan.yaml", PLAN.format(horizon=2030, start=2026, ramp=5, target=2030))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    assert run.code == OK, run
    codes = {p.code for p in issues(run.stderr)}
    assert not codes & {"measure-after-horizon", "measure-ramp-after-horizon", "base-period-not-a-year"}, run
    unchanged(tmp_path, before)


@pytest.mark.parametrize(
    ("slip", "marker", "says", "hint"),
    [
        ("discount_rate_pct: 0\n", "discount_rate_pct: 0.06\n", "a rate of 0.06 % a year, not 6 %", "pct: 6;"),
        ("reduction_pct: 10}", "reduction_pct: 0.2}", "a target of -0.2 %, not -20 %", "reduction_pct: 20;"),
    ],
    ids=["discount-rate-0.06", "target-0.2"],
)
def test_a_fraction_typed_for_a_percent_is_warned_and_in_the_documents(
    tmp_path: Path, slip: str, marker: str, says: str, hint: str
) -> None:
    """discount_rate_pct: 0.06 is a rate of 0.06 % (the MACC's costs change with it), and
    reduction_pct: 0.2 a target of -0.2 %, met by any measure: both were taken as written, silently."""
    write(tmp_path, "town.yaml", town("2024"))
    text = PLAN.format(horizon=2030, start=2026, ramp=1, target=2030).replace(slip, marker)
    write(tmp_path, "plan.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    assert run.code == OK, run
    [found] = [p for p in issues(run.stderr) if p.code == "plan-percent-unusual"]
    line, column = at(text, marker)
    assert found.location == f"plan.yaml:{line}:{column + marker.index(':') + 2}"
    assert says in found.message and hint in (found.hint or "")
    assert [w["code"] for w in json.loads(run.stdout)["warnings"]] == ["plan-percent-unusual"]
    assert "plan-percent-unusual" in ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "md").stdout
    unchanged(tmp_path, before)


def test_a_whole_projects_cost_written_per_size_unit_is_warned(tmp_path: Path) -> None:
    """100,000 trees at 100 THB each: 10,000,000 written as the cost of one tree gives 37 million THB
    per tCO2e in the MACC, and 1,000,000,000,000 THB invested, without a word."""
    write(tmp_path, "town.yaml", town("2024"))
    text = PLAN.format(horizon=2030, start=2026, ramp=1, target=2030).replace(
        "    size: 100\n", "    size: 100000\n    costs: {investment_thb: 10000000, lifetime_years: 30}\n"
    )
    write(tmp_path, "plan.yaml", text)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    assert run.code == OK, run
    [found] = [p for p in issues(run.stderr) if p.code == "measure-cost-unusual"]
    assert found.location.startswith(f"plan.yaml:{at(text, 'costs:')[0]}:")
    assert "measure 'trees' comes to 37,037,037 THB per tCO2e in 2030" in found.message
    assert "per size unit (tree; the size is 100,000)" in (found.hint or "")
    assert [w["code"] for w in json.loads(run.stdout)["warnings"]] == ["measure-cost-unusual"]
    sensible = PLAN.format(horizon=2030, start=2026, ramp=1, target=2030).replace(
        "    size: 100\n", "    size: 100000\n    costs: {investment_thb: 100, lifetime_years: 30}\n"
    )
    write(tmp_path, "plan.yaml", sensible)
    assert "measure-cost-unusual" not in ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json").stderr


def test_a_measure_that_adds_more_than_it_cuts_is_warned(tmp_path: Path) -> None:
    """Electric trucks whose charging was typed with a digit too many (280,000 kWh a truck for 28,000):
    the measure adds emissions, and the MACC only said "no abatement"."""
    write(tmp_path, "town.yaml", town("2024"))
    ev = (
        "  - id: ev\n    size: 1\n    size_unit: truck\n    start: 2027\n"
        "    applies_to: {activity: diesel-stationary}\n    reduce: {amount: 900, unit: L}\n"
        "    add: {activity: electricity-grid, amount: 280000, unit: kWh}\n"
    )
    text = PLAN.format(horizon=2030, start=2026, ramp=1, target=2030).replace("targets:", ev + "targets:")
    write(tmp_path, "plan.yaml", text)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    assert run.code == OK, run
    [found] = [p for p in issues(run.stderr) if p.code == "measure-increases-emissions"]
    assert found.location.startswith(f"plan.yaml:{at(text, 'add: {activity')[0]}:")
    # 280,000 kWh x 0.4999 kg = 139.97 t added; 900 L of diesel x 2.708 kg = 2.44 t cut
    assert "measure 'ev' adds 138 tCO2e in 2030 instead of cutting" in found.message
    assert "measure-increases-emissions" in [w["code"] for w in json.loads(run.stdout)["warnings"]]
    write(tmp_path, "plan.yaml", text.replace("280000", "2800"))
    assert "measure-increases-emissions" not in ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json").stderr


def test_the_plans_warnings_are_in_its_documents_not_on_the_terminal_only(tmp_path: Path) -> None:
    """A ramp past the horizon (the plan counts 40 % of the measure) was said on stderr, but the
    JSON's warnings, the workbook and the web page to share were silent about it."""
    write(tmp_path, "town.yaml", town("2024"))
    write(tmp_path, "plan.yaml", PLAN.format(horizon=2030, start=2029, ramp=5, target=2030))
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    assert run.code == OK, run
    [warned] = json.loads(run.stdout)["warnings"]
    assert warned["code"] == "measure-ramp-after-horizon" and "40 %" in warned["message"]
    assert warned["location"] == f"plan.yaml:{at(PLAN, 'ramp_years:')[0]}:{at(PLAN, 'ramp_years:')[1] + 12}"
    assert ghgcalc(tmp_path, "plan", "plan.yaml", "-o", "plan.html").code == OK
    assert "measure-ramp-after-horizon" in (tmp_path / "plan.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# init: every starter is an input that validates

# Warnings a starter may carry: rows left to fill in, GPC sub-categories without a notation key,
# cuts of lines still at 0, and, depending on the year it is dated, what the factor data say of that
# year (two editions in force, or an edition in force for part of it); a workbook's rows left to
# fill in make an inventory of no activity (its total 0, said).
STARTER_WARNINGS = {
    "amount-empty",
    "activities-none",
    "gpc-incomplete",
    "measure-capped",
    "factor-edition-overlap",
    "factor-out-of-validity",
}
COMBINATIONS = [
    (kind, suffix, fiscal)
    for kind in ("organization", "community")
    for suffix in (".yaml", ".xlsx")
    for fiscal in (False, True)
]


def clean(run: Run) -> None:
    assert run.code == OK, run
    printed = issues(run.stderr)
    assert not [p for p in printed if p.severity == "error"], run
    assert {p.code for p in printed} <= STARTER_WARNINGS, run


@pytest.mark.parametrize(
    ("kind", "suffix", "fiscal"), COMBINATIONS, ids=[f"{k}{s}{'-fiscal' if f else ''}" for k, s, f in COMBINATIONS]
)
def test_every_inventory_starter_validates(tmp_path: Path, kind: str, suffix: str, fiscal: bool) -> None:
    name = f"starter{suffix}"
    run = ghgcalc(tmp_path, "init", name, "--kind", kind, *(["--fiscal"] if fiscal else []))
    assert run.code == OK and f"wrote {name}" in run.stderr and run.stdout == "", run
    before = snapshot(tmp_path)
    clean(ghgcalc(tmp_path, "validate", name))
    unchanged(tmp_path, before)


@pytest.mark.parametrize("fiscal", [False, True], ids=["calendar", "fiscal"])
def test_the_plan_starter_runs_on_the_inventory_starter(tmp_path: Path, fiscal: bool) -> None:
    flag = ["--fiscal"] if fiscal else []
    assert ghgcalc(tmp_path, "init", "my-town.yaml", *flag).code == OK
    assert ghgcalc(tmp_path, "init", "plan.yaml", "--kind", "plan", *flag).code == OK
    before = snapshot(tmp_path)
    clean(ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json"))
    unchanged(tmp_path, before)


def fill_yaml(text: str) -> str:
    return re.sub(r"amount: 0\b", "amount: 1200", text)


def uncomment_examples(text: str) -> str:
    """The community starter's commented waste and AFOLU examples, put to use."""
    head, _, tail = text.partition('  # Remove the "# " before a block')
    lines = [re.sub(r"^  # ", "  ", line) if line.startswith("  # ") else line for line in tail.splitlines()]
    return head + "\n".join(lines[2:]) + "\n"


@pytest.mark.parametrize(("kind", "fiscal"), [("organization", False), ("organization", True), ("community", False)])
def test_a_filled_yaml_starter_computes(tmp_path: Path, kind: str, fiscal: bool) -> None:
    assert ghgcalc(tmp_path, "init", "t.yaml", "--kind", kind, *(["--fiscal"] if fiscal else [])).code == OK
    text = fill_yaml((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    if kind == "community":
        text = uncomment_examples(text)
        assert "method: landfill-fod" in text and "method: enteric-fermentation" in text
    write(tmp_path, "t.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "t.yaml", "-f", "json")
    clean(run)
    result = json.loads(run.stdout)
    assert result["total_t_co2e"] > 0
    if kind == "community":
        assert {"Stationary energy", "Transportation", "Waste"} <= set(result["gpc"]["by_sector_t_co2e"])
        assert any(s.startswith("Agriculture") for s in result["gpc"]["by_sector_t_co2e"])
    unchanged(tmp_path, before)


@pytest.mark.parametrize("kind", ["organization", "community"])
def test_a_filled_workbook_starter_computes(tmp_path: Path, kind: str) -> None:
    assert ghgcalc(tmp_path, "init", "t.xlsx", "--kind", kind, "--fiscal").code == OK
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book["Activities"]
    header = [cell.value for cell in sheet[1]]
    total = header.index("Total / รวม") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value:
            sheet.cell(row, total).value = 1200
    book.save(tmp_path / "t.xlsx")
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "t.xlsx", "-f", "json")
    clean(run)
    assert "amount-empty" not in run.stderr and json.loads(run.stdout)["total_t_co2e"] > 0
    unchanged(tmp_path, before)


def test_the_community_starter_says_what_exists() -> None:
    from ghgcalc.cli.init import starter_yaml

    text = starter_yaml("community", False, dt.date(2026, 3, 1))
    assert "later release" not in text and "coming" not in text.lower()
    assert "gpc:" in text and "landfill-fod" in text


# --------------------------------------------------------------------------------------------
# init: dated by the day it is written (the CLI reads the clock; here a fixed day is given)

DATED = {
    # today -> (fiscal period, calendar period): the Thai fiscal year starts on 1 October and is
    # named by its later B.E. year
    "last-day-of-fy2568": (dt.date(2025, 9, 30), "FY2568", 2568),
    "first-day-of-fy2569": (dt.date(2025, 10, 1), "FY2569", 2568),
    "new-year-in-fy2569": (dt.date(2026, 1, 1), "FY2569", 2569),
    "far-future": (dt.date(2041, 11, 15), "FY2585", 2584),
}


@pytest.mark.parametrize(("today", "fiscal", "calendar"), DATED.values(), ids=DATED.keys())
def test_starters_are_dated_by_the_given_day(today: dt.date, fiscal: str, calendar: int) -> None:
    from ghgcalc.cli.init import starter_yaml
    from ghgcalc.io.excel_writer import inventory_workbook

    for kind in ("organization", "community"):
        assert re.search(rf"^period: {fiscal}$", starter_yaml(kind, True, today), re.M)
        assert re.search(rf"^period: {calendar}$", starter_yaml(kind, False, today), re.M)
        for flag, wanted in ((True, fiscal), (False, calendar)):
            book = openpyxl.load_workbook(io.BytesIO(inventory_workbook(None, kind=kind, fiscal=flag, today=today)))
            values = {row[0]: row[1] for row in book["Inventory"].iter_rows(values_only=True) if row[0]}
            assert values["period"] == wanted


@pytest.mark.parametrize("today", [d for d, _, _ in DATED.values()], ids=DATED.keys())
def test_init_on_a_given_day_writes_starters_that_plan(tmp_path: Path, monkeypatch, today: dt.date) -> None:
    """The CLI's clock replaced by a fixed day: the plan starter's years follow its base, and the
    starters validate on that day (their period is this year's, not a future one)."""
    from ghgcalc.cli import clock

    monkeypatch.setattr(clock, "today", lambda: today)
    for flag in ([], ["--fiscal"]):
        folder = tmp_path / ("fiscal" if flag else "calendar")
        folder.mkdir()
        assert ghgcalc(folder, "init", "my-town.yaml", *flag).code == OK
        assert ghgcalc(folder, "init", "plan.yaml", "--kind", "plan").code == OK
        assert ghgcalc(folder, "init", "t.xlsx", *flag).code == OK
        before = snapshot(folder)
        clean(ghgcalc(folder, "plan", "plan.yaml", "-f", "json"))
        clean(ghgcalc(folder, "validate", "t.xlsx", "my-town.yaml"))
        unchanged(folder, before)


def test_a_plan_starter_as_a_workbook_is_refused(tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "init", "plan.xlsx", "--kind", "plan")
    assert run.code == USAGE and "plan.yaml" in run.stderr, run
    unchanged(tmp_path, before)
    assert INPUT_ERRORS == 1  # the codes this corpus asserts: 0, 1 (input errors) and 2 (usage)
