"""Which TGO edition a period gets: FY2569 (Oct 2025 - Sep 2026) straddles the April 2022 edition
and the edition in force from 1 January 2026; a pinned edition gives exactly the old result.

Expected numbers are computed here by hand from what TGO prints: grid 0.4999 kgCO2e/kWh (April
2022; allowed to 31 Mar 2026) and 0.4750 (2026); stationary diesel per litre CO2 2.698722, CH4
0.00010926, N2O 0.000021852 kg in both editions, totals 2.7078 (April 2022: CH4 x 30) and
2.70757206 ("EF TGO AR5 V2" row 29: CH4 x 28).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import ghgcalc, issues, write

CO2, CH4, N2O = 2.698722, 0.00010926, 0.000021852

TOWN = """\
ghgcalc: 1
name: Test Town
period: {period}
{factors}activities:
  - {{activity: electricity-grid, amount: 1000, unit: kWh}}
  - {{activity: diesel-stationary, amount: 1, unit: L}}
"""


def compute(folder: Path, period: str, factors: str = "") -> tuple[dict, list]:
    write(folder, "town.yaml", TOWN.format(period=period, factors=factors))
    run = ghgcalc(folder, "compute", "town.yaml", "-f", "json")
    assert run.code == 0, run
    return json.loads(run.stdout), issues(run.stderr)


def versions(result: dict) -> list[str]:
    return [line["factor"]["version"] for line in result["lines"]]


def test_fiscal_2569_takes_the_2026_edition_and_says_which_it_did_not(tmp_path: Path) -> None:
    result, warned = compute(tmp_path, "FY2569")
    assert versions(result) == ["2026-02", "2026-02"]
    grid, diesel = result["lines"]
    assert grid["t_co2e"] == pytest.approx(1000 * 0.4750 / 1000)
    assert diesel["t_co2e"] == pytest.approx((CO2 + CH4 * 28 + N2O * 265) / 1000)
    assert diesel["gwp"]["CH4_fossil"] == 28
    assert [w.code for w in warned] == ["factor-edition-overlap", "factor-edition-overlap"]
    for warning in warned:
        assert "came into force on 2026-01-01" in warning.message
        assert "give factors: tgo-cfo@2022-04" in warning.message


def test_a_pinned_edition_gives_exactly_the_old_result(tmp_path: Path) -> None:
    result, warned = compute(tmp_path, "FY2569", "factors: tgo-cfo@2022-04\n")
    assert versions(result) == ["2022-04", "2022-04"]
    # the 2016-2018 grid value is allowed to 31 Mar 2026 only: said, not hidden
    [late] = warned
    assert late.code == "factor-out-of-validity" and "2026-03-31" in late.message
    grid, diesel = result["lines"]
    assert grid["t_co2e"] == 1000 * 0.4999 / 1000
    assert diesel["gwp"]["CH4_fossil"] == 30
    assert diesel["t_co2e"] == pytest.approx((CO2 + CH4 * 30 + N2O * 265) / 1000)


@pytest.mark.parametrize(("factors", "printed"), [("tgo-cfo@2022-04", "2.7078"), ("tgo-cfo@2026-02", "2.70757206")])
def test_each_edition_reproduces_its_printed_total(tmp_path: Path, factors: str, printed: str) -> None:
    """One litre of diesel, in kgCO2e, to the decimals each edition prints."""
    result, _ = compute(tmp_path, "FY2569", f"factors: {factors}\n")
    kg = Decimal(repr(result["lines"][1]["t_co2e"] * 1000))
    digits = -Decimal(printed).as_tuple().exponent
    assert round(kg, digits) == Decimal(printed)


def test_a_period_that_starts_in_the_2026_edition_is_its_alone(tmp_path: Path) -> None:
    result, warned = compute(tmp_path, "FY2570")
    assert versions(result) == ["2026-02", "2026-02"]
    assert warned == []  # the April 2022 edition is superseded: nothing to say


def test_the_grid_transition_to_31_march_2026_is_explained(tmp_path: Path) -> None:
    result, warned = compute(tmp_path, "2026")
    assert versions(result) == ["2026-02", "2026-02"]
    [grid] = warned  # the 2016-2018 grid value may still be used to 31 Mar 2026; diesel has no such rule
    assert grid.code == "factor-edition-overlap" and grid.location == "town.yaml:5:16"
    assert "2026-03-31" in grid.message and "may still be used" in grid.message


def test_a_period_before_2026_keeps_the_april_2022_edition(tmp_path: Path) -> None:
    result, warned = compute(tmp_path, "FY2568")
    assert versions(result) == ["2022-04", "2022-04"]
    assert warned == []


def test_activities_that_share_what_the_edition_warning_says_share_one_warning(tmp_path: Path) -> None:
    """Diesel, petrol and LPG of FY2569 all take the 2026 edition for the same reason: one warning,
    at the first one's line, naming the three; the grid's reason differs (its older value is allowed
    to 31 Mar 2026), so it has its own."""
    text = (
        "ghgcalc: 1\nname: Test Town\nperiod: FY2569\nactivities:\n"
        "  - {activity: diesel-stationary, amount: 1, unit: L}\n"
        "  - {activity: electricity-grid, amount: 1000, unit: kWh}\n"
        "  - {activity: gasohol-95, amount: 1, unit: L}\n"
        "  - {activity: lpg-stationary, amount: 1, unit: kg}\n"
        "  - {activity: diesel-stationary, amount: 2, unit: L}\n"
    )
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    fuels, grid = [i for i in issues(run.stderr) if i.code == "factor-edition-overlap"]
    assert fuels.location == "town.yaml:5:16", run
    assert fuels.message.startswith("'diesel-stationary', 'gasohol-95', 'lpg-stationary': the period starts before")
    assert grid.location == "town.yaml:6:16" and grid.message.startswith("'electricity-grid': ")
    assert (
        "(valid 2022-04-01 to 2026-03-31)" in grid.message and "(valid from 2022-04-01, with no end)" in fuels.message
    )


PINNED = """\
ghgcalc: 1
name: Test Town
period: {period}
factors: tgo-cfo@2022-04
activities:
  - {{activity: diesel-stationary, amount: 1, unit: L}}
  - {{activity: gasohol-95, amount: 1, unit: L}}
  - {{activity: electricity-grid, amount: 1000, unit: kWh}}
  - {{activity: septic-tank, amount: 2450, unit: person_day}}
  - {{activity: fuel-wood, amount: 1, unit: kg}}
"""


def test_a_pinned_edition_replaced_for_the_whole_period_is_said(tmp_path: Path) -> None:
    """FY2570 (Oct 2026 - Sep 2027) with last year's `factors: tgo-cfo@2022-04` kept: the fuels take
    the April 2022 values (gasohol 95 2.2394 kgCO2e/L, all fossil) though TGO's 2026 edition
    replaced them on 1 Jan 2026 (gasohol 95 2.0443693464 + 0.14967828 biogenic). Said once, naming
    the fuels; the grid says its own end (31 Mar 2026); the septic tank (not in the 2026 edition)
    and fuel wood (the same numbers in both) say nothing."""
    write(tmp_path, "town.yaml", PINNED.format(period="FY2570"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert versions(result) == ["2022-04"] * 5  # what was asked for is used
    diesel, gasohol = result["lines"][:2]
    assert diesel["t_co2e"] == pytest.approx((CO2 + CH4 * 30 + N2O * 265) / 1000)
    assert gasohol["t_co2e"] == pytest.approx((2.181564 + 0.00103884 * 30 + 0.000100736 * 265) / 1000)
    warned = issues(run.stderr)
    assert [(w.code, w.location) for w in warned] == [
        ("factor-edition-superseded", "town.yaml:6:16"),
        ("factor-out-of-validity", "town.yaml:8:16"),
    ], run
    said = warned[0].message
    assert said.startswith("'diesel-stationary', 'gasohol-95': tgo-cfo@2022-04, named in factors, is used"), said
    assert "tgo-cfo@2026-02 (valid from 2026-01-01, with no end) is in force for the whole period" in said
    assert "give factors: tgo-cfo" in said


def test_a_pinned_edition_whose_successor_starts_inside_the_period_is_not_said(tmp_path: Path) -> None:
    """FY2569 pinned to April 2022 is the documented way to keep the old edition for a year across
    1 Jan 2026, and the first quarter of 2026 may keep the 2016-2018 grid value: only the grid's own
    end is said, for FY2569, and nothing but the fuels for January to March 2026."""
    write(tmp_path, "town.yaml", PINNED.format(period="FY2569"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert [w.code for w in issues(run.stderr)] == ["factor-out-of-validity"], run
    write(tmp_path, "town.yaml", PINNED.format(period="{start: 2569-01-01, end: 2569-03-31}"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    warned = issues(run.stderr)
    assert [w.code for w in warned] == ["factor-edition-superseded"], run
    assert warned[0].message.startswith("'diesel-stationary', 'gasohol-95': "), run


def test_a_version_listed_twice_is_recorded_once(tmp_path: Path) -> None:
    """`factors: [tgo-cfo@2022-04, tgo-cfo]` searches April 2022 first and then every version: the
    result's factor_sets names the April 2022 table once, and the comparison's sets once each."""
    result, _ = compute(tmp_path, "2025", "factors: [tgo-cfo@2022-04, tgo-cfo]\n")
    assert [(s["id"], s["version"]) for s in result["factor_sets"]] == [("tgo-cfo", "2022-04")]
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "tgo-cfo@2022-04", "-f", "json")
    assert json.loads(run.stdout)["compared_factor_sets"] == ["tgo-cfo@2022-04"], run


def test_lines_whose_factors_share_a_validity_share_one_warning(tmp_path: Path) -> None:
    """A base year FY2565 (Oct 2021 - Sep 2022) on the April 2022 edition, in force from 1 April
    2022: one warning for the fuels (valid from 2022-04-01), one for the grid (to 2026-03-31 too),
    at the first line of each, not one per line; a custom factor says its own."""
    text = (
        "ghgcalc: 1\nname: Test Town\nperiod: FY2565\nfactors: tgo-cfo@2022-04\n"
        "custom_factors:\n"
        "  - {key: d, per: L, kg: {CO2: 2.7}, scope: 1, source: supplier, valid_from: 2022-06-01}\n"
        "activities:\n"
        "  - {activity: diesel-mobile, amount: 1, unit: L}\n"
        "  - {activity: electricity-grid, amount: 1000, unit: kWh}\n"
        "  - {activity: gasohol-95, amount: 1, unit: L}\n"
        "  - {activity: septic-tank, amount: 2450, unit: person_day}\n"
        "  - {activity: d, amount: 1, unit: L}\n"
    )
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    warned = issues(run.stderr)
    assert [(w.code, w.location) for w in warned] == [
        ("factor-out-of-validity", f"town.yaml:{n}:16") for n in (8, 9, 12)
    ]
    fuels, grid, own = (w.message for w in warned)
    assert fuels == (
        "'diesel-mobile', 'gasohol-95', 'septic-tank': tgo-cfo@2022-04 is valid from 2022-04-01, with no end, "
        "which does not cover the whole period FY2565 (2021-10-01 to 2022-09-30)"
    )
    assert grid.startswith("'electricity-grid': tgo-cfo@2022-04 is valid 2022-04-01 to 2026-03-31, which")
    assert own.startswith("'d': its custom factor is valid from 2022-06-01, with no end, which")
