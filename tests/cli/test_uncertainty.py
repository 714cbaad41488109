"""`compute --uncertainty`: Approach 1 against hand computations, Monte Carlo against Approach 1 and
an analytic lognormal, key categories and IPCC Table 3.2 against worked numbers (docs/uncertainty.md).

Every expected number below is computed by hand in the test from the inputs written in it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.helpers import USAGE, assert_usage_error, ghgcalc, write

HEADER = """ghgcalc: 1
name: Test town
period: 2024
"""


def inventory(lines: str, factors: str = "", name: str = "town.yaml", tmp_path: Path | None = None) -> str:
    text = HEADER + (f"custom_factors:\n{factors}" if factors else "") + f"activities:\n{lines}"
    assert tmp_path is not None
    write(tmp_path, name, text)
    return name


def analysed(tmp_path: Path, name: str, *args: str) -> dict:
    run = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--format", "json", *args)
    assert run.code == 0, run
    return json.loads(run.stdout)


# Two factors with their own ranges: 0.5 kg CO2/kWh ±5 %, 2 kg CO2/L ±4 %.
FACTORS = """  - {key: grid, per: kWh, kg: {CO2: 0.5}, source: test, uncertainty: 5}
  - {key: fuel, per: L, kg: {CO2: 2.0}, source: test, uncertainty: 4}
"""


def test_independent_lines_follow_eq_3_1_and_3_2(tmp_path: Path) -> None:
    name = inventory(
        "  - {activity: grid, amount: 200000, unit: kWh, scope: 2, uncertainty: {activity: 2}}\n"
        "  - {activity: fuel, amount: 150000, unit: L, scope: 1, uncertainty: {activity: 3}}\n",
        FACTORS,
        tmp_path=tmp_path,
    )
    first = analysed(tmp_path, name)["uncertainty"]["approach_1"]
    # Eq. 3.1 per line: sqrt(2² + 5²) and sqrt(3² + 4²)
    assert first["lines"][0]["combined_pct"] == pytest.approx(math.sqrt(29))
    assert first["lines"][1]["combined_pct"] == pytest.approx(5.0)
    # Eq. 3.2: 100 t and 300 t
    expected = math.sqrt((100 * math.sqrt(29) / 100) ** 2 + (300 * 5 / 100) ** 2) / 400 * 100
    assert first["total_pct"] == pytest.approx(expected)  # 3.98 %
    assert first["by_scope_pct"] == pytest.approx({"1": 5.0, "2": math.sqrt(29)})
    shares = [line["share_of_variance"] for line in first["lines"]]
    assert shares == pytest.approx([29 / 254, 225 / 254])


def test_lines_sharing_a_factor_are_correlated_through_it(tmp_path: Path) -> None:
    name = inventory(
        "  - {activity: grid, amount: 100000, unit: kWh, scope: 2, uncertainty: {activity: 2}}\n"
        "  - {activity: grid, amount: 100000, unit: kWh, scope: 2, uncertainty: {activity: 2}}\n",
        FACTORS,
        tmp_path=tmp_path,
    )
    result = analysed(tmp_path, name)
    # 50 t each: activity errors independent (2 x 1²), the factor's error adds up: (100 t x 5 %)²
    assert result["uncertainty"]["approach_1"]["total_pct"] == pytest.approx(math.sqrt(2 + 25))
    inputs = [i for i in result["uncertainty"]["inputs"] if i["kind"] == "factor"]
    assert len(inputs) == 1 and inputs[0]["lines"] == [1, 2] and inputs[0]["from"] == "given"


def test_a_factor_range_written_on_each_line_is_still_one_factor(tmp_path: Path) -> None:
    """The three electricity lines of docs/uncertainty.md's worked example, with the grid factor's
    ±7 % written on each line instead of taken from the grade: the same factor row, so the same
    ±13.96 % for the scope. It was ±12.83 %: each line's `factor: 7` was a factor of its own, as if
    the grid factor could be too high on one line and too low on the next."""
    lines = [(140_330, 5), (186_400, 25), (64_250, 5)]
    text = "".join(
        f"  - {{activity: electricity-grid, amount: {kwh}, unit: kWh, uncertainty: {{activity: {u}, factor: 7}}}}\n"
        for kwh, u in lines
    )
    name = inventory(text, tmp_path=tmp_path)
    write(
        tmp_path,
        name,
        (tmp_path / name)
        .read_text(encoding="utf-8")
        .replace("period: 2024\n", "period: 2024\nfactors: tgo-cfo@2022-04\n"),
    )
    result = analysed(tmp_path, name)
    tonnes = [kwh * 0.4999 / 1000 for kwh, _ in lines]
    variance = sum((t * u / 100) ** 2 for t, (_, u) in zip(tonnes, lines, strict=True)) + (sum(tonnes) * 0.07) ** 2
    assert result["uncertainty"]["approach_1"]["by_scope_pct"]["2"] == pytest.approx(
        math.sqrt(variance) / sum(tonnes) * 100
    )
    [factor] = [i for i in result["uncertainty"]["inputs"] if i["kind"] == "factor"]
    assert factor["lines"] == [1, 2, 3] and factor["from"] == "given"
    # a different range on one line is a different statement: that line's factor stays its own
    write(
        tmp_path,
        name,
        (tmp_path / name).read_text(encoding="utf-8").replace("activity: 25, factor: 7", "activity: 25, factor: 9"),
    )
    inputs = [i["lines"] for i in analysed(tmp_path, name)["uncertainty"]["inputs"] if i["kind"] == "factor"]
    assert sorted(inputs) == [[1, 3], [2]]


def test_monte_carlo_agrees_with_approach_1_on_small_symmetric_ranges(tmp_path: Path) -> None:
    name = inventory(
        "  - {activity: grid, amount: 200000, unit: kWh, scope: 2, uncertainty: {activity: 2}}\n"
        "  - {activity: fuel, amount: 150000, unit: L, scope: 1, uncertainty: {activity: 3}}\n",
        FACTORS,
        tmp_path=tmp_path,
    )
    result = analysed(tmp_path, name, "--draws", "20000")
    carlo, first = result["uncertainty"]["monte_carlo"], result["uncertainty"]["approach_1"]
    assert carlo["draws"] == 20000 and carlo["seed"] == 1
    assert carlo["mean_t_co2e"] == pytest.approx(400, rel=0.002)  # the standard error is 0.1 %
    half_width = (carlo["high_t_co2e"] - carlo["low_t_co2e"]) / 2 / 400 * 100
    # the 2.5th and 97.5th percentiles of 20,000 normal draws are within about 1 % of the exact
    # ones (standard error 0.019 sigma each); 5 % leaves room and still tells 3.98 from 4.2
    assert half_width == pytest.approx(first["total_pct"], rel=0.05)


def test_monte_carlo_matches_an_analytic_lognormal(tmp_path: Path) -> None:
    # one factor known to a factor of 3 (IPCC's "a factor of 3" for stationary CH4), exact activity
    name = inventory(
        "  - {activity: ch4, amount: 1000, unit: kg, scope: 1, uncertainty: {activity: 0}}\n",
        "  - {key: ch4, per: kg, kg: {CO2: 1.0}, source: test, uncertainty: [-66.6666667, 200]}\n",
        tmp_path=tmp_path,
    )
    result = analysed(tmp_path, name, "--draws", "40000")
    carlo = result["uncertainty"]["monte_carlo"]
    sigma = math.log(3) / 1.959964
    # median 1 t; 95 % between 1/3 and 3 t; mean exp(sigma²/2)
    assert carlo["low_t_co2e"] == pytest.approx(1 / 3, rel=0.04)
    assert carlo["high_t_co2e"] == pytest.approx(3.0, rel=0.04)
    assert carlo["mean_t_co2e"] == pytest.approx(math.exp(sigma**2 / 2), rel=0.02)
    assert result["uncertainty"]["inputs"][1]["distribution"] == "lognormal"


@pytest.mark.parametrize(("lower", "low_t"), [(-100, 0.0), (-99, 0.01), (-99.9, 0.001)])
def test_a_range_down_to_nothing_is_drawn_down_to_nothing(tmp_path: Path, lower: float, low_t: float) -> None:
    # 1 t known to be at most its value and at least `lower` % below it; an exact factor. Approach 1
    # takes the larger side, -lower %; Monte Carlo's 2.5th percentile is the lower limit, 1 + lower/100 t
    # (-100: the normal's lower half cut at zero, 0 at Z = -1.96; else the lognormal's, exp(ln(low))).
    name = inventory(
        f"  - {{activity: ch4, amount: 1000, unit: kg, scope: 1, uncertainty: {{activity: [{lower}, 0]}}}}\n",
        "  - {key: ch4, per: kg, kg: {CO2: 1.0}, source: test, uncertainty: 0}\n",
        tmp_path=tmp_path,
    )
    result = analysed(tmp_path, name, "--draws", "40000")
    carlo = result["uncertainty"]["monte_carlo"]
    assert result["uncertainty"]["approach_1"]["total_pct"] == pytest.approx(-lower)
    # the 2.5th percentile of 40,000 draws: at -100 the density there is phi(1.96) x 1.96 = 0.115
    # per t, so its standard error is sqrt(0.025 x 0.975 / 40,000) / 0.115 = 0.007 t; 0.025 t is 3.6 of them
    assert carlo["low_t_co2e"] == pytest.approx(low_t, abs=0.025)
    assert carlo["high_t_co2e"] == pytest.approx(1.0)  # half the draws are the value itself
    if lower == -100:
        # the mean: 0.5 (upper half) + E[(1 + Z/1.96)+; Z < 0] = 0.5 + 0.475 - (phi(0) - phi(1.96))/1.96
        phi = lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi)  # noqa: E731
        mean = 0.5 + 0.475 - (phi(0) - phi(1.959964)) / 1.959964
        assert carlo["mean_t_co2e"] == pytest.approx(mean, rel=0.01)


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    name = inventory(
        "  - {activity: grid, amount: 200000, unit: kWh, scope: 2, uncertainty: {activity: 2}}\n",
        FACTORS,
        tmp_path=tmp_path,
    )
    first = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--seed", "7", "--format", "json")
    again = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--seed", "7", "--format", "json")
    other = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--seed", "8", "--format", "json")
    assert first.code == again.code == other.code == 0
    assert first.stdout == again.stdout
    assert (
        json.loads(first.stdout)["uncertainty"]["monte_carlo"] != json.loads(other.stdout)["uncertainty"]["monte_carlo"]
    )


CATEGORIES = """  - {key: one, per: kg, kg: {CO2: 1.0}, source: test, uncertainty: 5}
"""


def _category_lines(amounts: dict[str, float]) -> str:
    return "".join(
        f"  - {{activity: one, amount: {t * 1000:g}, unit: kg, scope: 1, category: {name}, "
        "uncertainty: {activity: 2}}\n"
        for name, t in amounts.items()
    )


def test_key_categories_by_level_make_up_95_percent(tmp_path: Path) -> None:
    name = inventory(_category_lines({"a": 50, "b": 30, "c": 15, "d": 4, "e": 1}), CATEGORIES, tmp_path=tmp_path)
    rows = analysed(tmp_path, name)["key_categories"]
    assert [r["category"] for r in rows] == ["a", "b", "c", "d", "e"]
    assert [r["level_share"] for r in rows] == pytest.approx([0.5, 0.3, 0.15, 0.04, 0.01])
    assert [r["cumulative"] for r in rows] == pytest.approx([0.5, 0.8, 0.95, 0.99, 1.0])
    # 50 + 30 + 15 reach 95 %: those three are key by level
    assert ["level" in r["key_by"] for r in rows] == [True, True, True, False, False]


def test_trend_assessment_and_table_3_2_with_a_base_year(tmp_path: Path) -> None:
    write(
        tmp_path,
        "base.yaml",
        HEADER.replace("2024", "2019")
        + f"custom_factors:\n{CATEGORIES}activities:\n"
        + _category_lines({"a": 50, "b": 30, "c": 20}),
    )
    name = inventory(_category_lines({"a": 40, "b": 30, "c": 30}), CATEGORIES, tmp_path=tmp_path)
    result = analysed(tmp_path, name, "--base", "base.yaml")
    rows = {r["category"]: r for r in result["key_categories"]}
    # Eq. 4.2 with both totals 100 t: T = |Et - E0| / 100
    assert rows["a"]["trend_assessment"] == pytest.approx(0.10)
    assert rows["b"]["trend_assessment"] == pytest.approx(0.0)
    assert rows["c"]["trend_assessment"] == pytest.approx(0.10)
    assert "trend" in rows["a"]["key_by"] and "trend" in rows["c"]["key_by"] and "trend" not in rows["b"]["key_by"]
    table = result["uncertainty"]["table_3_2"]
    row = next(r for r in table["rows"] if r["category"] == "a")
    # one factor shared by the three categories; within a category: E = 2 %, F = 5 %
    assert (row["activity_pct"], row["factor_pct"]) == pytest.approx((2.0, 5.0))
    type_a = abs((0.01 * 40 + 100 - (0.01 * 50 + 100)) / (0.01 * 50 + 100) * 100 - 0)
    assert row["type_a_sensitivity"] == pytest.approx(type_a)  # 0.0995
    assert row["type_b_sensitivity"] == pytest.approx(0.40)
    assert row["trend_from_factor_pct"] == pytest.approx(type_a * 5)
    assert row["trend_from_activity_pct"] == pytest.approx(0.40 * 2 * math.sqrt(2))
    assert table["trend_pct"] == pytest.approx(0.0)
    assert table["base_total_t_co2e"] == pytest.approx(100)


def test_data_quality_summary_and_the_lines_a_verifier_asks_about(tmp_path: Path) -> None:
    name = inventory(
        "  - {activity: grid, amount: 200000, unit: kWh, scope: 2, evidence: PEA invoices,"
        " data_quality: {source: 1st, activity: high, factor: medium}}\n"
        "  - {activity: fuel, amount: 50000, unit: L, scope: 1, data_quality: {source: other, activity: low}}\n",
        FACTORS,
        tmp_path=tmp_path,
    )
    run = ghgcalc(tmp_path, "compute", name, "--format", "json")  # no --uncertainty: the summary alone
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert "uncertainty" not in result
    quality = result["data_quality"]
    assert quality["lines_by_source"] == {"1st": 1, "2nd": 0, "other": 1, "not given": 0}
    assert quality["lines_by_activity_grade"]["low"] == 1
    # 100 t at (3 + 2)/2 and 100 t at 1 point: (250 + 100) / 200
    assert quality["score_points"] == pytest.approx(1.75)
    assert quality["for_verifier"] == [
        {"line": 2, "name": "fuel", "why": "no evidence"},
        {"line": 2, "name": "fuel", "why": "source tier: other"},
    ]
    assert result["lines"][0]["evidence"] == "PEA invoices"
    assert result["lines"][0]["data_quality"] == {"source": "1st", "activity": "high", "factor": "medium"}


def test_a_fraction_typed_for_a_percentage_is_warned_at_its_place(tmp_path: Path) -> None:
    name = inventory(
        "  - {activity: grid, amount: 200000, unit: kWh, scope: 2, uncertainty: {activity: 0.05}}\n",
        FACTORS,
        tmp_path=tmp_path,
    )
    run = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--format", "json")
    assert run.code == 0, run
    assert "town.yaml:8:" in run.stderr and "warning[uncertainty-tiny]" in run.stderr
    assert "write 5" in run.stderr
    checked = ghgcalc(tmp_path, "validate", name)  # an officer checking the file sees it too
    assert checked.code == 0 and "town.yaml:8:" in checked.stderr and "uncertainty-tiny" in checked.stderr
    assert checked.stderr.count("uncertainty-tiny") == 1 and run.stderr.count("uncertainty-tiny") == 1


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--draws", "500"), "--draws needs --uncertainty"),
        (("--seed", "3"), "--seed needs --uncertainty"),
        (("--uncertainty", "--draws", "0"), "--draws"),
        (("--uncertainty", "--draws", "2.5"), "--draws"),
        (("--uncertainty", "--draws", "99999999"), "--draws"),
        (("--uncertainty", "--seed", "-1"), "--seed"),
        (("--uncertainty", "--base", "missing.yaml"), "--base missing.yaml: no such file"),
        (("--uncertainty", "--compare-factors", "tgo-cfo@2022-04"), "--compare-factors"),
        (("other.yaml", "--uncertainty", "--base", "town.yaml"), "--base compares one inventory"),
    ],
)
def test_usage_mistakes_are_refused_with_a_hint(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    name = inventory("  - {activity: grid, amount: 1, unit: kWh, scope: 2}\n", FACTORS, tmp_path=tmp_path)
    write(tmp_path, "other.yaml", (tmp_path / name).read_text(encoding="utf-8"))  # a second inventory
    run = ghgcalc(tmp_path, "compute", name, *args)
    assert_usage_error(run)
    assert said in run.stderr
    assert run.code == USAGE


def test_a_base_year_with_errors_stops_the_run(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", HEADER + "activities:\n  - {activity: nothing-known, amount: 1, unit: kWh}\n")
    name = inventory("  - {activity: grid, amount: 1, unit: kWh, scope: 2}\n", FACTORS, tmp_path=tmp_path)
    run = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--base", "base.yaml")
    assert run.code == 1
    assert "base.yaml:" in run.stderr and "base year's inventory" in run.stderr
    assert run.stdout == ""


def test_the_worked_example_of_the_docs_is_what_ghgcalc_computes() -> None:
    """docs/uncertainty.md works Scope 2 of examples/municipality.yaml out by hand: three lines on
    TGO's grid factor 0.4999 kgCO2e/kWh (tgo-cfo@2022-04), activity grades high, low, high (±5, ±25,
    ±5 %, docs/data-quality.md) and the factor's medium grade (±7 %) shared by the three."""
    from tests.conftest import ROOT

    tonnes = [kwh * 0.4999 / 1000 for kwh in (140_330, 186_400, 64_250)]
    variance = sum((t * u) ** 2 for t, u in zip(tonnes, (0.05, 0.25, 0.05), strict=True)) + (sum(tonnes) * 0.07) ** 2
    by_hand = math.sqrt(variance) / sum(tonnes) * 100
    result = analysed(ROOT, "examples/municipality.yaml")
    assert result["uncertainty"]["approach_1"]["by_scope_pct"]["2"] == pytest.approx(by_hand, rel=1e-12)
    doc = (ROOT / "docs" / "uncertainty.md").read_text(encoding="utf-8")
    assert f"±{by_hand:.2f} %" in doc and f"**{sum(tonnes):.6f}**" in doc


def test_the_province_example_of_the_docs_is_what_ghgcalc_computes() -> None:
    """The key-category table of docs/uncertainty.md shows what ghgcalc computes for the example
    province against its base year (the formulas themselves are tested by hand above)."""
    from tests.conftest import ROOT

    result = analysed(ROOT, "examples/province.yaml", "--base", "examples/province-2562.yaml")
    doc = (ROOT / "docs" / "uncertainty.md").read_text(encoding="utf-8")
    assert f"ΣE_t = {result['total_t_co2e']:,.2f} tCO2e" in doc
    assert f"ΣE_0 = {result['uncertainty']['table_3_2']['base_total_t_co2e']:,.2f} tCO2e" in doc
    for row in result["key_categories"][:4]:
        shown = (
            f"| {row['t_co2e']:,.2f} | {row['base_t_co2e']:,.2f} | {row['level_share']:.4f} | {row['cumulative']:.4f} |"
        )
        assert shown in doc, shown
        assert f"| {row['trend_assessment']:.5f} |" in doc
    level_keys = sum(1 for row in result["key_categories"] if "level" in row["key_by"])
    assert "Fourteen categories make up 95 % of the level" in doc and level_keys == 14


def test_method_parameters_are_drawn_inside_the_method(tmp_path: Path) -> None:
    """One rice line whose only uncertain input is EFc, 1.30 (0.80-2.20) kg CH4/ha/day (IPCC 2006
    Vol.4 Table 5.11): SFw and SFp typed as numbers carry no range, the area is exact. Emissions are
    proportional to EFc, so the 2.5th and 97.5th percentiles are the line times 0.80/1.30 and 2.20/1.30."""
    name = inventory(
        "  - method: rice-cultivation\n    gpc: V.3\n    uncertainty: {activity: 0}\n"
        "    params: {area: 1000, area_unit: ha, days: 100, sfw: 1, sfp: 1}\n",
        tmp_path=tmp_path,
    )
    text = (tmp_path / name).read_text(encoding="utf-8").replace("name: Test town", "name: Test town\nkind: community")
    write(tmp_path, name, text)
    result = analysed(tmp_path, name, "--draws", "40000")
    line = result["total_t_co2e"]
    efc = [i for i in result["uncertainty"]["inputs"] if i["kind"] == "parameter"]
    assert [i["name"] for i in efc] == ["rice-cultivation efc = 1.3"] and efc[0]["from"] == "method default"
    assert "Table 5.11" in efc[0]["source"]
    carlo = result["uncertainty"]["monte_carlo"]
    assert carlo["low_t_co2e"] == pytest.approx(line * 0.80 / 1.30, rel=0.03)
    assert carlo["high_t_co2e"] == pytest.approx(line * 2.20 / 1.30, rel=0.03)
    # Approach 1 takes the larger side of the asymmetric range: (2.20 - 1.30) / 1.30
    assert result["uncertainty"]["approach_1"]["total_pct"] == pytest.approx(0.90 / 1.30 * 100, rel=1e-6)


def test_an_all_high_inventory_whose_weighted_grade_rounds_past_3_is_high(tmp_path):
    # found by tests/properties/test_tables.py: sum(t x 3) / sum(t) came to 3.0000000000000004
    # for this line's twelve months, and the data-quality summary stopped the run with exit 3
    months = "[0.0, 0.0, 0.0, 9921.98828125, 265510.61328125, 401725.5, 501344.93532090884, 255739.0, "
    months += "738582.0, 756503.4145625968, 909036.5, 0.5]"
    write(
        tmp_path,
        "high.yaml",
        "ghgcalc: 1\nname: All high\nkind: community\nperiod: 2566\nfactors: [tgo-cfo, ipcc-2006]\n"
        f"activities:\n  - {{activity: lpg-residential, unit: kg, gpc: I.1.1, amount: {months},\n"
        "     data_quality: {activity: high}}\n",
    )
    run = ghgcalc(tmp_path, "compute", "high.yaml", "-f", "json")
    assert run.code == 0, run.stderr
    summary = json.loads(run.stdout)["data_quality"]
    assert summary["score"] == "high" and summary["score_points"] == 3.0


@pytest.mark.parametrize("kwh", [1612, 1613])
def test_a_line_graded_high_and_medium_is_high_whatever_its_amount(tmp_path: Path, kwh: int) -> None:
    """(3 + 2) / 2 = 2.5 is high (docs/data-quality.md, "2.5 and above high"). Weighted by the line's
    tCO2e, 1613 kWh x 0.4999 kg came to 2.4999999999999996, and the inventory read as medium where
    1612 kWh read as high: the grade of the typical electricity line depended on its amount."""
    write(
        tmp_path,
        "town.yaml",
        f"{HEADER}factors: tgo-cfo@2022-04\nactivities:\n  - {{activity: electricity-grid, amount: {kwh},"
        " unit: kWh, data_quality: {source: 2nd, activity: high, factor: medium}}\n",
    )
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert run.code == 0, run.stderr
    summary = json.loads(run.stdout)["data_quality"]
    assert (summary["score"], summary["score_points"]) == ("high", 2.5)


def test_a_category_gone_since_the_base_year_keeps_its_uncertainty_in_the_trend(tmp_path: Path) -> None:
    """A generator used in the base year and not since: its base-year emissions were uncertain, and
    that uncertainty is part of the trend's. Table 3.2 takes its E and F from the base year (the
    only year it has), so K = I x F counts; it was 0 with ±0 % shown."""
    factors = (
        "  - {key: grid, per: kWh, kg: {CO2: 0.5}, source: test, scope: 2, category: electricity}\n"
        "  - {key: fuel, per: L, kg: {CO2: 2.5}, source: test, scope: 1, category: generator}\n"
    )
    grid = "  - {{activity: grid, amount: {kwh}, unit: kWh, uncertainty: {{activity: 5, factor: 7}}}}\n"
    generator = "  - {activity: fuel, amount: 20000, unit: L, uncertainty: {activity: 30, factor: 10}}\n"
    write(
        tmp_path,
        "base.yaml",
        HEADER.replace("2024", "2019")
        + f"custom_factors:\n{factors}activities:\n"
        + grid.format(kwh=200000)
        + generator,
    )
    name = inventory(grid.format(kwh=220000), factors, tmp_path=tmp_path)
    result = analysed(tmp_path, name, "--base", "base.yaml", "--draws", "200")
    table = result["uncertainty"]["table_3_2"]
    rows = {r["category"]: r for r in table["rows"]}
    # C: 100 t of electricity and 50 t of the generator in the base year; D: 110 t and 0 t
    sum_c, sum_d = 150.0, 110.0
    trend = (sum_d - sum_c) / sum_c * 100

    def type_a(c: float, d: float) -> float:
        return abs((0.01 * d + sum_d - (0.01 * c + sum_c)) / (0.01 * c + sum_c) * 100 - trend)

    gone = rows["generator"]
    assert (gone["base_t_co2e"], gone["t_co2e"]) == pytest.approx((50.0, 0.0))
    assert (gone["activity_pct"], gone["factor_pct"]) == pytest.approx((30.0, 10.0))  # the base year's
    assert gone["type_a_sensitivity"] == pytest.approx(type_a(50, 0))  # 0.2436
    assert gone["type_b_sensitivity"] == pytest.approx(0.0)  # J = D / ΣC = 0
    k_gone = type_a(50, 0) * 10
    assert gone["trend_from_factor_pct"] == pytest.approx(k_gone)
    assert gone["trend_from_activity_pct"] == pytest.approx(0.0)
    k_grid, l_grid = type_a(100, 110) * 7, 110 / sum_c * 5 * math.sqrt(2)
    expected = math.sqrt((k_grid / 100) ** 2 + (l_grid / 100) ** 2 + (k_gone / 100) ** 2) * 100
    assert table["trend_uncertainty_pct"] == pytest.approx(expected)  # ±5.98 points, not ±5.46
    keys = {r["category"]: r for r in result["key_categories"]}
    assert keys["generator"]["uncertainty_pct"] == pytest.approx(math.hypot(30, 10))
    table_run = ghgcalc(
        tmp_path, "compute", name, "--uncertainty", "--base", "base.yaml", "--draws", "200", "-f", "table"
    )
    assert f"± {expected:.1f} percentage points" in table_run.stdout, table_run


def test_lines_giving_one_factor_different_ranges_are_warned(tmp_path: Path) -> None:
    """Two grid lines, one graded factor medium (±7 %), one not graded (±10 %): the analysis can only
    take them as two independent factors, though the grid factor is one value whose error moves
    both, so the total looks more certain than it is; the second line is warned."""
    lines = (
        "  - {activity: electricity-grid, amount: 100020, unit: kWh, data_quality: {activity: high, factor: medium}}\n"
        "  - {activity: electricity-grid, amount: 60000, unit: kWh, uncertainty: {activity: 5}}\n"
    )
    name = inventory(lines, tmp_path=tmp_path)
    run = ghgcalc(tmp_path, "compute", name, "--uncertainty", "--format", "json", "--draws", "200")
    assert run.code == 0, run
    warned = [w for w in json.loads(run.stdout)["warnings"] if w["code"] == "factor-range-differs"]
    assert len(warned) == 1, run
    assert "town.yaml:6:5: warning[factor-range-differs]" in run.stderr
    assert "line 1: factor grade medium" in run.stderr and "no factor grade" in run.stderr
    thai = ghgcalc(tmp_path, "compute", name, "--lang", "th", "--format", "json")
    assert "warning[factor-range-differs]" in thai.stderr and "ใช้ค่าการปล่อยเดียวกัน" in thai.stderr, thai
    # the same grade on both lines: one factor, one range, nothing to say
    write(
        tmp_path, name, (tmp_path / name).read_text().replace("uncertainty: {activity: 5}", "data_quality: {factor: m}")
    )
    assert "factor-range-differs" not in ghgcalc(tmp_path, "compute", name).stderr
