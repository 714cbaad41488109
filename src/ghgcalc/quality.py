"""Data quality of an inventory line and the 95 % uncertainties ghgcalc assumes from it
(docs/data-quality.md).

A line may say where its numbers come from: TGO Fr-04.1's source tier (1st, 2nd, other) and the
GPC's grades (high, medium, low) of its activity data and of its factor. When a line gives no
uncertainty of its own, the analysis takes the activity data's from ACTIVITY by grade and the
factor's from the factor row's published range, else from FACTOR by grade; an ungraded line gets
UNGRADED_ACTIVITY / UNGRADED_FACTOR. Every number is quoted from a public document; where a
source gives a range the upper end is taken, so a grade never claims more precision than its
source allows.

The factor defaults are IPCC's figures for CO2 factors of fuels; CH4 and N2O factors are far less
certain (IPCC 2006 Vol. 2 Table 2.12: 50-150 % and an order of magnitude), so rows or lines where
those gases matter should carry their own range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Grade = Literal["high", "medium", "low"]
SourceTier = Literal["1st", "2nd", "other"]


@dataclass(frozen=True)
class Default:
    pct: float  # half the 95 % confidence interval, in % of the value (±pct)
    source: str  # the full citation: document, section, table, page and the figure quoted
    rule: str  # one line: which lines get it


_IPCC = "IPCC (2006), 2006 IPCC Guidelines for National Greenhouse Gas Inventories"
_TABLE_2_15 = (
    f"{_IPCC}, Vol. 2 Energy, Ch. 2 Stationary Combustion, §2.4.2, Table 2.15, p. 2.41, "
    "row 'Commercial, institutional, residential combustion'"
)
_TABLE_2_13 = f"{_IPCC}, Vol. 2 Energy, Ch. 2 Stationary Combustion, §2.4.1, Table 2.13 (CO2 factors), p. 2.39"

# Activity data: the row of Table 2.15 for the consumers a municipality is (offices, lighting, pumps).
ACTIVITY: dict[Grade, Default] = {
    "high": Default(
        5.0,
        f"{_TABLE_2_15}, well developed statistical systems, surveys: 3-5% (upper end); the default for "
        f"fossil fuel combustion data is 'plus or minus 5 percent', {_IPCC}, Vol. 2 Energy, "
        "Ch. 1 Introduction, §1.5.2, p. 1.25",
        "activity data graded high: metered, invoiced or supplier-reported quantities",
    ),
    "medium": Default(
        10.0,
        f"{_TABLE_2_15}, well developed statistical systems, extrapolation: 5-10% (upper end); "
        f"less well-developed energy data systems 'probably about ±10 percent', {_IPCC}, Vol. 2 "
        "Energy, Ch. 2 Stationary Combustion, §2.4.2, p. 2.41",
        "activity data graded medium: partly measured, the rest filled in or extrapolated",
    ),
    "low": Default(
        25.0,
        f"{_TABLE_2_15}, less developed statistical systems, extrapolation: 15-25% (upper end)",
        "activity data graded low: estimated from proxies or assumptions",
    ),
}

FACTOR: dict[Grade, Default] = {
    "high": Default(
        2.0,
        f"{_TABLE_2_13}, oil: ± 2 (the Netherlands with country- and plant-specific factors, UK, USA); "
        f"'typically less than 2 percent when national values are used', {_IPCC}, Vol. 2 Energy, "
        "Ch. 3 Mobile Combustion, §3.2.2, p. 3.29",
        "factor graded high: specific to the fuel or electricity used (measured or from the supplier)",
    ),
    "medium": Default(
        7.0,
        f"{_IPCC}, Vol. 2 Energy, Ch. 2 Stationary Combustion, §2.4.1, p. 2.38: the IPCC 1996 "
        "Guidelines 'suggest an overall uncertainty value of 7 per cent for the CO2 emission factors "
        f"of Energy'; the largest country-specific value in {_TABLE_2_13}: ± 7 (Norway; coal, coke, gas)",
        "factor graded medium: national or country-specific (TGO, Thai research, national grid)",
    ),
    "low": Default(
        10.0,
        f"{_IPCC}, Vol. 1 General Guidance and Reporting, Ch. 3 Uncertainties, §3.2.1.2, p. 3.18: "
        "default carbon emission factors of fossil fuel combustion 'quite low (5-10 percent)' "
        "(upper end: the same passage says defaults add uncertainty where a country's fuels differ)",
        "factor graded low: an IPCC default, another country's or a general database's value, or a proxy",
    ),
}

# A line nobody graded is treated as estimated: the analysis should not credit precision that
# nobody has claimed, and a wide default is a reason to grade the line.
UNGRADED_ACTIVITY = Default(
    ACTIVITY["low"].pct,
    ACTIVITY["low"].source,
    "activity data not graded: taken as low (estimated)",
)
UNGRADED_FACTOR = Default(
    FACTOR["low"].pct,
    FACTOR["low"].source,
    "factor not graded and its row gives no range: taken as low (default factor)",
)

# TGO's CFO report template (TCFO_R_01, Fr-04.1), the data-source column's three choices.
TIER_MEANING: dict[SourceTier, str] = {
    "1st": "Self collect / Supplier: the organisation's own records or measurement, or the supplier's data",
    "2nd": "TH LCI DB / TGO EF / Thai Res. / Int. DB: Thai national LCI database, TGO emission factors, "
    "Thai research, or an international database",
    "other": "Other: any other source",
}

GRADE_POINTS: dict[Grade, int] = {"high": 3, "medium": 2, "low": 1}


def overall_grade(points: float) -> Grade:
    """The grade nearest an average of GRADE_POINTS (an emission-weighted mean over the graded
    lines): 2.5 and above is high, 1.5 up to 2.5 medium, below 1.5 low. Halves go up, as in
    ordinary rounding; the thresholds are ghgcalc's convention, no standard sets them."""
    if not (math.isfinite(points) and GRADE_POINTS["low"] <= points <= GRADE_POINTS["high"]):
        raise ValueError(f"a grade average lies between 1 and 3, not {points!r}")
    if points >= 2.5:
        return "high"
    if points >= 1.5:
        return "medium"
    return "low"
