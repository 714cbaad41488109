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
    return [*named, ("ungraded activity", quality.UNGRADED_ACTIVITY), ("ungraded factor", quality.UNGRADED_FACTOR)]


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
