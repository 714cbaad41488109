"""`ghgcalc trend`: several years of one municipality against its base year."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.helpers import USAGE, ghgcalc


def years(tmp_path, scale: dict[str, float], extra: dict[str, str] | None = None) -> None:
    example = (ROOT / "examples" / "municipality.yaml").read_text(encoding="utf-8")
    for year, factor in scale.items():
        text = example.replace("period: FY2567", f"period: FY{year}")
        text = text.replace("amount: 18.6\n", f"amount: {18.6 * factor}\n")  # the landfilled waste changes
        text = text.replace("factors: tgo-cfo ", (extra or {}).get(year, "factors: tgo-cfo "))
        (tmp_path / f"m{year}.yaml").write_text(text, encoding="utf-8")


def test_changes_against_the_base_year_and_year_on_year(tmp_path):
    years(tmp_path, {"2566": 1.0, "2567": 2.0, "2568": 3.0})
    run = ghgcalc(tmp_path, "trend", ".", "-f", "json")
    assert run.code == 0, run
    rows = json.loads(run.stdout)["years"]
    assert [r["period_end"] for r in rows] == ["2023-09-30", "2024-09-30", "2025-09-30"]
    waste = 18.6 * 0.7933  # t CO2e of the landfilled waste at factor 1 (tgo-cfo waste-landfill)
    base = rows[0]["total_t_co2e"]
    assert rows[1]["change_from_base_t_co2e"] == pytest.approx(waste)
    assert rows[2]["change_from_base_pct"] == pytest.approx(100 * 2 * waste / base)
    assert rows[2]["change_from_previous_t_co2e"] == pytest.approx(waste)
    assert rows[0]["base_year"] and rows[0]["change_from_previous_pct"] is None


def test_base_year_option_and_intensity(tmp_path):
    years(tmp_path, {"2566": 1.0, "2567": 1.0}, {"2567": "factors: tgo-cfo\nindicators: {staff: 86} "})
    rows = json.loads(ghgcalc(tmp_path, "trend", ".", "--base-year", "2567", "-f", "json").stdout)["years"]
    assert [r["base_year"] for r in rows] == [False, True]
    assert rows[1]["intensities"]["staff"] == pytest.approx(rows[1]["total_t_co2e"] / 86)
    assert ghgcalc(tmp_path, "trend", ".", "--base-year", "2550").code == USAGE


def test_years_computed_differently_are_flagged_and_the_base_recomputed(tmp_path):
    years(tmp_path, {"2566": 1.0, "2567": 1.0}, {"2566": "gwp: AR4\nfactors: tgo-cfo "})
    run = ghgcalc(tmp_path, "trend", ".", "-f", "json")
    data = json.loads(run.stdout)
    assert data["years"][1]["differs_from_base"] and "computed differently" in run.stderr
    rebased = data["base_year_recomputed"]
    assert rebased["gwp"] == "AR5" and rebased["total_t_co2e"] == pytest.approx(data["years"][1]["total_t_co2e"])


def test_a_province_trend_has_its_gpc_sectors(tmp_path):
    example = (ROOT / "examples" / "province.yaml").read_text(encoding="utf-8")
    for year in ("2566", "2567"):
        (tmp_path / f"p{year}.yaml").write_text(example.replace("period: 2566", f"period: {year}"), encoding="utf-8")
    rows = json.loads(ghgcalc(tmp_path, "trend", ".", "-f", "json").stdout)["years"]
    for row in rows:
        sectors = row["by_sector_t_co2e"]
        assert {"Stationary energy", "Transportation", "Waste"} <= set(sectors)
        assert sum(sectors.values()) == pytest.approx(row["total_t_co2e"])


def test_years_that_do_not_compare_are_said_so(tmp_path):
    """A half year beside whole years (a fall of about half), a community's inventory beside an
    organisation's, outputs in two units: each is a note, since the numbers would mislead."""
    body = "custom_factors:\n  - {{key: p, per: kWh, kg: {{CO2: 1}}, scope: 2, source: t}}\nactivities:\n"
    body += "  - {{activity: p, amount: 1000, unit: kWh}}\n"
    files = {
        "a.yaml": "ghgcalc: 1\nname: T\nperiod: 2024\noutput: {{amount: 10, unit: staff}}\n" + body,
        "b.yaml": "ghgcalc: 1\nname: T\nperiod: {{start: 2025-01-01, end: 2025-06-30}}\n" + body,
        "c.yaml": "ghgcalc: 1\nname: T\nkind: community\nperiod: 2026\noutput: {{amount: 5, unit: persons}}\n"
        + body.replace("activities:\n", "notation_keys: {{}}\nactivities:\n").replace(
            "{{activity: p,", "{{gpc: I.1.2, activity: p,"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text.format(), encoding="utf-8")
    run = ghgcalc(tmp_path, "trend", "a.yaml", "b.yaml", "c.yaml", "-f", "md")
    assert run.code == 0, run
    assert "not every period is a year (b.yaml: 181 days)" in run.stderr
    assert "different kinds of inventory" in run.stderr and "c.yaml: community" in run.stderr
    assert "the outputs are in different units (persons, staff)" in run.stderr
