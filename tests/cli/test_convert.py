"""`ghgcalc convert`: YAML to Excel and back computes the same, and nothing the user gave is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.helpers import INPUT_ERRORS, USAGE, ghgcalc, issues, write

RICH = """\
ghgcalc: 1
name: เทศบาลทดสอบ [test]
kind: organization
period: {start: 2566-10-01, end: 2567-09-30}
gwp: AR6
factors: [tgo-cfo, ipcc-2006]
output: {amount: 86, unit: staff, name: staff members}
indicators: {population: 12000, staff: 86}
custom_factors:
  - {key: boiler, per: L, kg: {CO2: 2.698722, CH4_fossil: 0.00010926, N2O: 0.000021852}, scope: 1,
     source: "=supplier sheet", gwp_basis: AR5, valid_from: 2023-01-01}
activities:
  - {activity: boiler, amount: [100, 200.5, "๓๐๐"], unit: ลิตร, label: "+ boiler", id: b1}
  - {activity: diesel-road, amount: "12,500", unit: L, density: 0.832 kg/L, category: fleet}
  - {activity: electricity-grid, amount: 1000, unit: kWh, scope: 2, label: "@office"}
"""


def results(run) -> dict:
    assert run.code == 0, run
    data = json.loads(run.stdout)
    data.pop("source")
    for warning in data["warnings"]:
        warning.pop("location")  # file:line:col in YAML, file[sheet]!cell in Excel
    return data


def test_round_trip_of_the_example_computes_the_same(tmp_path):
    example = ROOT / "examples" / "municipality.yaml"
    assert ghgcalc(tmp_path, "convert", str(example), "town.xlsx").code == 0
    assert ghgcalc(tmp_path, "convert", "town.xlsx", "town.yaml").code == 0
    original = results(ghgcalc(tmp_path, "compute", str(example), "-f", "json"))
    assert results(ghgcalc(tmp_path, "compute", "town.xlsx", "-f", "json")) == original
    assert results(ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")) == original


def test_round_trip_keeps_every_field(tmp_path):
    (tmp_path / "rich.yaml").write_text(RICH, encoding="utf-8")
    assert ghgcalc(tmp_path, "convert", "rich.yaml", "rich.xlsx").code == 0
    assert ghgcalc(tmp_path, "convert", "rich.xlsx", "back.yaml").code == 0
    before = yaml.safe_load(RICH)
    after = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert after["activities"] == before["activities"]
    assert after["custom_factors"] == before["custom_factors"]
    assert after["output"] == before["output"]
    assert after["indicators"] == before["indicators"]  # per person and per staff member, kept
    assert (after["name"], after["gwp"], after["factors"]) == (before["name"], "AR6", ["tgo-cfo", "ipcc-2006"])
    original = results(ghgcalc(tmp_path, "compute", "rich.yaml", "-f", "json"))
    assert results(ghgcalc(tmp_path, "compute", "rich.xlsx", "-f", "json")) == original
    assert results(ghgcalc(tmp_path, "compute", "back.yaml", "-f", "json")) == original


def test_convert_never_writes_over_its_input_and_keeps_existing_files(tmp_path):
    (tmp_path / "a.yaml").write_text(RICH, encoding="utf-8")
    run = ghgcalc(tmp_path, "convert", "a.yaml", "a.yaml")
    assert run.code == USAGE
    (tmp_path / "b.xlsx").write_bytes(b"keep")
    run = ghgcalc(tmp_path, "convert", "a.yaml", "b.xlsx")
    assert run.code == USAGE and "already exists" in run.stderr
    assert (tmp_path / "b.xlsx").read_bytes() == b"keep"
    assert ghgcalc(tmp_path, "convert", "a.yaml", "b.xlsx", "--force").code == 0
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == RICH


def test_convert_reports_a_broken_input(tmp_path):
    (tmp_path / "bad.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    run = ghgcalc(tmp_path, "convert", "bad.yaml", "out.xlsx")
    assert run.code == INPUT_ERRORS
    assert [p.code for p in issues(run.stderr)] == ["yaml-syntax"]
    assert not Path(tmp_path / "out.xlsx").exists()


def test_community_lines_keep_their_gpc_and_what_excel_cannot_hold_is_refused(tmp_path):
    community = (
        "ghgcalc: 1\nname: T\nkind: community\nperiod: 2566\nfactors: [tgo-cfo, ipcc-2006]\nactivities:\n"
        "  - {gpc: I.1.2, activity: electricity-grid, amount: 1000, unit: MWh}\n"
        "  - {gpc: II.1.1, activity: diesel-road, amount: 2, unit: ML, ipcc: 1.A.3.b}\n"
    )
    (tmp_path / "c.yaml").write_text(community, encoding="utf-8")
    assert ghgcalc(tmp_path, "convert", "c.yaml", "c.xlsx").code == 0
    assert ghgcalc(tmp_path, "convert", "c.xlsx", "back.yaml").code == 0
    assert (
        yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))["activities"]
        == yaml.safe_load(community)["activities"]
    )
    run = ghgcalc(tmp_path, "convert", str(ROOT / "examples" / "province.yaml"), "p.xlsx")
    assert run.code == USAGE and "cannot hold" in run.stderr and not (tmp_path / "p.xlsx").exists()


def test_a_field_the_workbook_has_no_place_for_is_refused_not_written_as_text(tmp_path):
    """An activity table (or any field the workbook has no row or sheet for) would be written as a
    text the workbook then refuses, or lost: convert refuses it and writes nothing."""
    town = "ghgcalc: 1\nname: T\nperiod: 2566\nactivities_table: meters.csv\nactivities: []\n"
    (tmp_path / "t.yaml").write_text(town, encoding="utf-8")
    run = ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx")
    assert run.code == USAGE and "activities_table" in run.stderr and not (tmp_path / "t.xlsx").exists(), run


@pytest.mark.parametrize(
    ("period", "values", "months"),
    [("{start: 2024-01-01, end: 2024-03-31}", 5, 3), ("{start: 2567-04-01, end: 2567-09-30}", 12, 6)],
)
def test_convert_refuses_more_monthly_values_than_the_period_has_months(
    tmp_path: Path, period: str, values: int, months: int
) -> None:
    amounts = ", ".join(str(100 * (n + 1)) for n in range(values))
    write(
        tmp_path,
        "q.yaml",
        f"ghgcalc: 1\nname: T\nperiod: {period}\nactivities:\n"
        f"  - {{activity: paper, amount: 5, unit: kg}}\n"
        f"  - {{activity: electricity-grid, label: Offices, amount: [{amounts}], unit: kWh}}\n",
    )
    assert ghgcalc(tmp_path, "compute", "q.yaml").code == 0  # YAML allows it, with a warning
    run = ghgcalc(tmp_path, "convert", "q.yaml", "q.xlsx")
    assert run.code == USAGE, run
    assert "activity 2" in run.stderr and f"{values} monthly values" in run.stderr and f"{months} month" in run.stderr
    assert not (tmp_path / "q.xlsx").exists()


@pytest.mark.parametrize(
    ("lines", "named"),
    [
        # a misspelt key: the line would be a row without an amount, skipped with only a warning
        ("  - {activity: diesel-mobile, unit: L, ammount: 100}\n", "ammount"),
        # a capitalised key: the scope meant would be lost, the factor's own used instead
        ("  - {activity: electricity-grid, unit: kWh, amount: 100, Scope: 3}\n", "Scope"),
        ("  - {activity: diesel-mobile, unit: L, amount: 100, note: from the fuel log}\n", "note"),
        # an item that is not a line, and a text given as a list
        ("  - {activity: diesel-mobile, unit: L, amount: 100}\n  - diesel-mobile 100 L\n", "activity 2"),
        ("  - {activity: diesel-mobile, unit: L, amount: 100, label: [trucks, vans]}\n", "label"),
    ],
)
def test_what_an_activities_row_cannot_hold_is_refused_not_dropped(tmp_path: Path, lines: str, named: str) -> None:
    """The YAML does not compute (key-unknown, ...); a workbook that dropped the key or the item
    would compute, without the line or with another scope: convert refuses and writes nothing."""
    write(tmp_path, "t.yaml", f"ghgcalc: 1\nname: T\nperiod: 2567\nactivities:\n{lines}")
    assert ghgcalc(tmp_path, "validate", "t.yaml").code == INPUT_ERRORS
    run = ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx")
    assert run.code == USAGE and named in run.stderr and "Nothing was written" in run.stderr, run
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize(
    "document",
    [
        # a custom factor's misspelt key, and custom factors or activities given as one mapping
        "custom_factors:\n  - {key: k, per: L, kg: {CO2: 2.7}, source: s, scope: 1, valid_form: 2024-01-01}\n"
        "activities:\n  - {activity: k, unit: L, amount: 100}\n",
        "custom_factors: {key: k, per: L, kg: {CO2: 2.7}, source: s, scope: 1}\nactivities: []\n",
        "activities: {activity: diesel-mobile, unit: L, amount: 100}\n",
        "custom_factors: [k]\nactivities: []\n",
    ],
)
def test_custom_factors_and_activities_the_workbook_cannot_hold_are_refused(tmp_path: Path, document: str) -> None:
    write(tmp_path, "t.yaml", f"ghgcalc: 1\nname: T\nperiod: 2567\n{document}")
    assert ghgcalc(tmp_path, "validate", "t.yaml").code == INPUT_ERRORS
    run = ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx")
    assert run.code == USAGE and "Nothing was written" in run.stderr, run
    assert not (tmp_path / "t.xlsx").exists()


def test_an_output_or_indicators_left_empty_is_not_written_as_an_unknown_field(tmp_path: Path) -> None:
    """`output:` left empty is no output in YAML: the workbook had it as an unknown field, an error."""
    write(
        tmp_path,
        "t.yaml",
        "ghgcalc: 1\nname: T\nperiod: 2567\noutput:\nindicators: ~\nactivities:\n"
        "  - {activity: diesel-mobile, unit: L, amount: 100}\n",
    )
    original = results(ghgcalc(tmp_path, "compute", "t.yaml", "-f", "json"))
    assert ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx").code == 0
    assert results(ghgcalc(tmp_path, "compute", "t.xlsx", "-f", "json")) == original


def test_a_period_with_both_dates_and_a_fiscal_year_is_refused(tmp_path: Path) -> None:
    """The YAML refuses the mixed period (which does it mean?); the workbook kept the dates and
    dropped the fiscal year, so it computed a period the user may not have meant."""
    write(
        tmp_path,
        "t.yaml",
        "ghgcalc: 1\nname: T\nperiod: {start: 2024-01-01, end: 2024-06-30, fiscal_year: 2567}\nactivities:\n"
        "  - {activity: diesel-mobile, unit: L, amount: 100}\n",
    )
    assert ghgcalc(tmp_path, "validate", "t.yaml").code == INPUT_ERRORS
    run = ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx")
    assert run.code == USAGE and "fiscal_year" in run.stderr and "Nothing was written" in run.stderr, run
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize(
    "period",
    [
        "{start: 2024-01-01, end: 2025-06-30}",  # 18 months
        "{start: 2566-10-01, end: 2568-09-30}",  # two fiscal years
        "{start: 2024-01-15, end: 2025-01-14}",  # twelve months from the 15th touch thirteen
    ],
)
def test_a_period_of_more_than_twelve_months_converts_to_a_workbook_that_computes_the_same(
    tmp_path: Path, period: str
) -> None:
    """The workbook had twelve month columns whatever the period; its reader wants a column for each
    month the period touches, so the converted workbook did not compute (month-missing)."""
    write(
        tmp_path,
        "t.yaml",
        f"ghgcalc: 1\nname: T\nperiod: {period}\nactivities:\n"
        "  - {activity: electricity-grid, amount: 1000, unit: kWh}\n"
        "  - {activity: diesel-mobile, amount: [120, 130, 125, 140, 135, 128], unit: L}\n",
    )
    original = results(ghgcalc(tmp_path, "compute", "t.yaml", "-f", "json"))
    assert ghgcalc(tmp_path, "convert", "t.yaml", "t.xlsx").code == 0
    assert results(ghgcalc(tmp_path, "compute", "t.xlsx", "-f", "json")) == original
    assert ghgcalc(tmp_path, "convert", "t.xlsx", "back.yaml").code == 0
    assert results(ghgcalc(tmp_path, "compute", "back.yaml", "-f", "json")) == original
