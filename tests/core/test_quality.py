"""The data-quality defaults (ghgcalc.quality): complete, ordered, and each number the one its
source prints. The quotes below were read in the IPCC's own PDFs (sha256 in docs/data-quality.md)."""

from __future__ import annotations

import math
import re
import typing

import pytest

from ghgcalc import quality
from tests.conftest import ROOT

GRADES = ("high", "medium", "low")


# (table, grade) -> (the figure as printed, a phrase of the source naming where it is printed).
# A printed range "a-b%" gives its upper end; a single figure gives itself.
QUOTED = {
    # IPCC 2006 Vol. 2 Ch. 2 Table 2.15, p. 2.41, row "Commercial, institutional, residential
    # combustion": "3-5% 5-10% 10-15% 15-25%" under "Well developed statistical systems: Surveys,
    # Extrapolation" and "Less developed statistical systems: Surveys, Extrapolation".
    ("activity", "high"): ("3-5%", "Table 2.15, p. 2.41"),
    ("activity", "medium"): ("5-10%", "Table 2.15, p. 2.41"),
    ("activity", "low"): ("15-25%", "Table 2.15, p. 2.41"),
    # IPCC 2006 Vol. 2 Ch. 2 Table 2.13, p. 2.39, "Oil": "The Netherlands ± 2 - T2, CS CS, PS",
    # "UK ± 2 Normal T2 CS", "USA ± 2 - T1 CS".
    ("factor", "high"): ("± 2", "Table 2.13 (CO2 factors), p. 2.39"),
    # IPCC 2006 Vol. 2 Ch. 2 §2.4.1, p. 2.38: "The IPCC 1996 Guidelines (Table A1-1, Vol. I, p. A1.4)
    # suggest an overall uncertainty value of 7 per cent for the CO2 emission factors of Energy."
    ("factor", "medium"): ("7 per cent", "§2.4.1, p. 2.38"),
    # IPCC 2006 Vol. 1 Ch. 3 §3.2.1.2, p. 3.18: "the uncertainty relating to default carbon emission
    # factors for the global population of fossil fuel combustion sources may be characterised as
    # quite low (5-10 percent) in the IPCC methodology".
    ("factor", "low"): ("5-10 percent", "§3.2.1.2, p. 3.18"),
}

# Figures the sources give besides, which agree with the defaults:
# - IPCC 2006 Vol. 2 Ch. 1 §1.5.2, p. 1.25: "If no further data are available, the recommended default
#   uncertainty range for fossil fuel combustion data should be assumed to be plus or minus 5 percent."
# - IPCC 2006 Vol. 2 Ch. 2 §2.4.2, p. 2.41: for "less well-developed energy data systems ... probably
#   about ±10 percent".
# - IPCC 2006 Vol. 2 Ch. 3 §3.2.2, p. 3.29: "For CO2, the uncertainty in the emission factor is
#   typically less than 2 percent when national values are used".
# - Table 2.13, coal, coke, gas: "Norway ± 7 Normal C CS Rypdal, 1999".
ALSO = {
    ("activity", "high"): ("plus or minus 5 percent", 5.0, "§1.5.2, p. 1.25"),
    ("activity", "medium"): ("about ±10 percent", 10.0, "§2.4.2, p. 2.41"),
    ("factor", "high"): ("less than 2 percent", 2.0, "§3.2.2, p. 3.29"),
    ("factor", "medium"): ("± 7 (Norway", 7.0, "Table 2.13"),
}


def printed(figure: str) -> float:
    """The number a quoted figure stands for: the upper end of a range, else the number."""
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", figure)]
    assert numbers, figure
    return max(numbers)


def table(kind: str) -> dict[str, quality.Default]:
    return dict(quality.ACTIVITY) if kind == "activity" else dict(quality.FACTOR)


def test_every_grade_and_tier_has_an_entry():
    assert set(typing.get_args(quality.Grade)) == set(GRADES)
    assert set(quality.ACTIVITY) == set(quality.FACTOR) == set(quality.GRADE_POINTS) == set(GRADES)
    assert set(quality.TIER_MEANING) == set(typing.get_args(quality.SourceTier)) == {"1st", "2nd", "other"}
    assert {kind for kind, _ in QUOTED} == {"activity", "factor"}
    assert {grade for _, grade in QUOTED} == set(GRADES)


@pytest.mark.parametrize("kind", ["activity", "factor"])
def test_defaults_are_positive_and_widen_as_the_grade_falls(kind):
    pcts = [table(kind)[grade].pct for grade in GRADES]
    assert all(math.isfinite(p) and p > 0 for p in pcts)
    assert pcts == sorted(pcts) and len(set(pcts)) == 3, pcts


def test_an_ungraded_line_is_taken_as_low():
    assert quality.UNGRADED_ACTIVITY.pct == quality.ACTIVITY["low"].pct
    assert quality.UNGRADED_FACTOR.pct == quality.FACTOR["low"].pct
    assert quality.UNGRADED_ACTIVITY.source == quality.ACTIVITY["low"].source
    assert "not graded" in quality.UNGRADED_ACTIVITY.rule and "not graded" in quality.UNGRADED_FACTOR.rule


def all_defaults() -> list[tuple[str, quality.Default]]:
    named = [(f"{kind} {grade}", table(kind)[grade]) for kind in ("activity", "factor") for grade in GRADES]
    gases = [(f"gas factor {gas}", default) for gas, default in quality.GAS_FACTOR.items()]
    return [
        *named,
        ("ungraded activity", quality.UNGRADED_ACTIVITY),
        ("ungraded factor", quality.UNGRADED_FACTOR),
        *gases,
    ]


@pytest.mark.parametrize(("name", "default"), all_defaults(), ids=[name for name, _ in all_defaults()])
def test_every_source_names_a_document_and_where_in_it(name, default):
    assert "2006 IPCC Guidelines for National Greenhouse Gas Inventories" in default.source, name
    assert re.search(r"Vol\. \d", default.source) and re.search(r"Ch\. \d", default.source), name
    assert re.search(r"p\. \d+\.\d+", default.source), f"{name}: no page"
    assert default.rule and "\n" not in default.rule and len(default.rule) < 100, name


@pytest.mark.parametrize(("kind", "grade"), list(QUOTED))
def test_each_default_is_the_figure_its_source_prints(kind, grade):
    figure, where = QUOTED[(kind, grade)]
    default = table(kind)[grade]
    assert figure in default.source and where in default.source, default.source
    assert default.pct == printed(figure)


@pytest.mark.parametrize(("kind", "grade"), list(ALSO))
def test_the_corroborating_figures_are_cited_and_agree(kind, grade):
    phrase, value, where = ALSO[(kind, grade)]
    default = table(kind)[grade]
    assert phrase in default.source and where in default.source, default.source
    assert default.pct == value


def test_printed_reads_a_range_as_its_upper_end():
    assert printed("15-25%") == 25.0 and printed("± 2") == 2.0 and printed("7 per cent") == 7.0


@pytest.mark.parametrize(
    ("points", "grade"),
    [(3, "high"), (2.5, "high"), (2.49, "medium"), (2, "medium"), (1.5, "medium"), (1.49, "low"), (1, "low")],
)
def test_overall_grade_is_the_nearest_grade_halves_up(points, grade):
    assert quality.overall_grade(points) == grade


def test_overall_grade_of_an_emission_weighted_mean():
    # 90 t graded high (3) and 10 t graded low (1): (90 x 3 + 10 x 1) / 100 = 2.8 -> high;
    # 50 t high and 50 t low: 2.0 -> medium; 20 t high and 80 t low: 1.4 -> low.
    for lines, grade in [([(90, "high"), (10, "low")], "high"), ([(50, "high"), (50, "low")], "medium")]:
        total = sum(t for t, _ in lines)
        mean = sum(t * quality.GRADE_POINTS[g] for t, g in lines) / total  # type: ignore[index]
        assert quality.overall_grade(mean) == grade
    assert quality.overall_grade((20 * 3 + 80 * 1) / 100) == "low"


@pytest.mark.parametrize("points", [0.99, 3.01, 0, -1, math.nan, math.inf])
def test_overall_grade_refuses_a_number_no_mean_of_grades_can_be(points):
    with pytest.raises(ValueError, match="between 1 and 3"):
        quality.overall_grade(points)


def test_the_documented_table_is_the_module_s():
    doc = (ROOT / "docs" / "data-quality.md").read_text(encoding="utf-8")
    for kind in ("activity", "factor"):
        for grade in GRADES:
            row = rf"\|\s*{kind}\s*\|\s*{grade}\s*\|\s*±{table(kind)[grade].pct:g}\s*%\s*\|"
            assert re.search(row, doc), f"docs/data-quality.md lacks the row '{kind} | {grade} | ±…'"
    for tier, meaning in quality.TIER_MEANING.items():
        assert meaning.split(":")[0] in doc, tier
    for gas, default in quality.GAS_FACTOR.items():
        low, high = default.range_pct
        row = rf"\|\s*{gas}\s*\|\s*{low:.1f}\s*%\s*\|\s*\+{high:g}\s*%\s*\|"
        assert re.search(row, doc), f"docs/data-quality.md lacks the row '{gas} | {low:.1f} % | +{high:g} % |'"
    rule = "take GAS_FACTOR regardless of the factor grade, because the grades describe CO2 factors"
    assert rule in " ".join(doc.split())


# --- CH4 and N2O parts of a factor (GAS_FACTOR) -------------------------------------------------
#
# IPCC 2006 Vol. 1 Ch. 3 §3.1.4, p. 3.9: "the lower end of the 95 percent probability range is a half
# the mean, and the upper end is a multiplier of 2 larger than the mean. Such a range is commonly
# summarised as a “factor of 2.” An uncertainty of a “factor of n” refers to a range bounded at the low
# end by (mean/n) and at the high end by (mean × n). Thus, a factor of 10 uncertainty would have a range
# of 0.1×mean to 10×mean. The factor 10 uncertainty is also often called “an order of magnitude”."
# So a factor of n is, in % of the mean, 100 × (1/n - 1) below and 100 × (n - 1) above:
#   factor of 3:  mean/3 = 33.3 % of the mean -> -66.7 %;  3 × mean = 300 % -> +200 %
#   factor of 10: mean/10 = 10 % of the mean  -> -90 %;    10 × mean = 1000 % -> +900 %
#
# gas -> (the words as printed, where, n of "a factor of n"):
GAS_QUOTED = {
    # IPCC 2006 Vol. 2 Ch. 2 §2.3.2.1, p. 2.14: "Since not many measurements of these types of emission
    # factors are available, the uncertainty ranges are set at plus or minus a factor of three." (the CH4
    # and N2O defaults of Tables 2.2 to 2.5). Vol. 2 Ch. 3 §3.2.2, p. 3.29 (road transport): "The
    # uncertainties in emission factors for CH4 and N2O are typically relatively high (especially for
    # N2O) and are likely to be a factor of 2-3." Upper end: 3, the same as stationary combustion.
    "CH4": [("plus or minus a factor of three", "§2.3.2.1, p. 2.14", 3), ("a factor of 2-3", "§3.2.2, p. 3.29", 3)],
    "CH4_fossil": [("plus or minus a factor of three", "§2.3.2.1, p. 2.14", 3)],
    # IPCC 2006 Vol. 2 Ch. 2 §2.4.1, Table 2.12 "Default uncertainty estimates for stationary combustion
    # emission factors", p. 2.38, N2O column, all three sectors: "Order of magnitude*"; footnote: "* i.e.
    # having an uncertainty range from one-tenth of the mean value to ten times the mean value."
    "N2O": [("ten times the mean value", "Table 2.12", 10), ("Order of magnitude", "p. 2.38", 10)],
}


def test_gas_defaults_are_keyed_by_ghgcalc_s_gas_names():
    from ghgcalc.gwp import canonical_gas

    assert set(quality.GAS_FACTOR) == set(GAS_QUOTED) == {"CH4", "CH4_fossil", "N2O"}
    for gas in quality.GAS_FACTOR:
        assert canonical_gas(gas) == gas
    # fossil and non-fossil CH4 differ in GWP only; the combustion factor's uncertainty is the same
    assert quality.GAS_FACTOR["CH4"].range_pct == quality.GAS_FACTOR["CH4_fossil"].range_pct


@pytest.mark.parametrize("gas", list(GAS_QUOTED))
def test_each_gas_default_is_the_factor_its_source_prints(gas):
    default = quality.GAS_FACTOR[gas]
    for words, where, n in GAS_QUOTED[gas]:
        assert words in default.source and where in default.source, (words, default.source)
        assert default.low_pct == pytest.approx(100 * (1 / n - 1))
        assert default.pct == pytest.approx(100 * (n - 1))
    assert "factor of n" in default.source and "§3.1.4, p. 3.9" in default.source


def test_gas_defaults_by_hand():
    assert quality.GAS_FACTOR["CH4"].range_pct == pytest.approx((-66.67, 200.0), abs=0.01)
    assert quality.GAS_FACTOR["N2O"].range_pct == pytest.approx((-90.0, 900.0))


@pytest.mark.parametrize("gas", list(GAS_QUOTED))
def test_gas_defaults_are_asymmetric_and_wider_than_any_co2_default(gas):
    low, high = quality.GAS_FACTOR[gas].range_pct
    assert -100 < low < 0 < high
    assert -low < high  # a factor of n reaches further above the mean than below it
    widest_co2 = max(d.pct for d in [*quality.FACTOR.values(), quality.UNGRADED_FACTOR])
    assert -low > widest_co2 and high > widest_co2


@pytest.mark.parametrize("gas", list(GAS_QUOTED))
def test_a_gas_default_could_be_written_as_a_factor_row_s_range(gas):
    # The same numbers are valid as a factor set's uncertainty_pct column ("-lower/+upper").
    from ghgcalc.io.factor_store import read_range_pct

    low, high = quality.GAS_FACTOR[gas].range_pct
    assert read_range_pct(f"{low:.1f}/+{high:g}") == pytest.approx((low, high), abs=0.05)


def test_the_other_defaults_are_symmetric():
    for name, default in all_defaults():
        if not name.startswith("gas factor"):
            assert default.low_pct is None and default.range_pct == (-default.pct, default.pct), name


def test_table_2_12_s_ch4_figure_is_narrower_than_the_factor_of_three_however_it_is_read():
    # Table 2.12, p. 2.38, CH4, all three sectors: "50-150%". Read like Table 2.15's "3-5%" (a range of
    # ± values, upper end taken) it is ±150 %, whose lower limit is below zero, impossible for an
    # emission factor; read as 50 % to 150 % of the mean it is ±50 %. The default's +200 % is wider.
    source = quality.GAS_FACTOR["CH4"].source
    assert "'50-150%'" in source and "Table 2.12" in source
    as_plus_minus, as_share_of_mean = printed("50-150%"), 150.0 - 100.0
    assert -as_plus_minus < -100
    assert quality.GAS_FACTOR["CH4"].pct > max(as_plus_minus, as_share_of_mean)


# IPCC 2006 Vol. 2 Ch. 2, the fuels a municipality burns, CH4 and N2O "Default / Lower / Upper"
# (kg per TJ): Table 2.4 (commercial/institutional) p. 2.20 and its continuation p. 2.21, Table 2.5
# (residential and agriculture/forestry/fishing) p. 2.22 and p. 2.23 print the same numbers for these:
#   Gas/Diesel Oil, Motor Gasoline, Other Kerosene   CH4 10 3 30      N2O 0.6 0.2 2
#   Liquefied Petroleum Gases, Natural Gas           CH4 5 1.5 15     N2O 0.1 0.03 0.3
#   Wood / Wood Waste                                CH4 300 100 900  N2O 4 1.5 15
#   Charcoal                                         CH4 200 70 600   N2O 1 0.3 3
# (Table 2.2, energy industries, p. 2.16, is wider for oils, e.g. Gas/Diesel Oil CH4 3 1 10, +233 %;
# such rows carry their own range in a factor set and do not take the default.)
TIER1 = {
    "CH4": [(10, 3, 30), (5, 1.5, 15), (300, 100, 900), (200, 70, 600)],
    "N2O": [(0.6, 0.2, 2), (0.1, 0.03, 0.3), (4, 1.5, 15), (1, 0.3, 3)],
}


@pytest.mark.parametrize(("default", "lower", "upper"), TIER1["CH4"])
def test_the_ch4_default_is_the_factor_of_three_the_tier_1_tables_print(default, lower, upper):
    low, high = quality.GAS_FACTOR["CH4"].range_pct
    assert upper == pytest.approx(default * (1 + high / 100))  # default × 3, exactly as printed
    # default / 3, which IPCC prints to one or two figures (0.3, 1.5, 70 for 0.33, 1.67, 66.7)
    assert lower / default == pytest.approx(1 + low / 100, abs=0.05)


@pytest.mark.parametrize(("default", "lower", "upper"), TIER1["N2O"])
def test_the_n2o_default_covers_the_tier_1_tables_ranges(default, lower, upper):
    low, high = quality.GAS_FACTOR["N2O"].range_pct
    assert default * (1 + low / 100) <= lower and upper <= default * (1 + high / 100)
