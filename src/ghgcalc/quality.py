"""Data quality of an inventory line and the 95 % uncertainties ghgcalc assumes from it
(docs/data-quality.md).

A line may say where its numbers come from: TGO Fr-04.1's source tier (1st, 2nd, other) and the
GPC's grades (high, medium, low) of its activity data and of its factor. When a line gives no
uncertainty of its own, the analysis takes the activity data's from ACTIVITY by grade and the
factor's from the factor row's published range, else from FACTOR by grade; an ungraded line gets
UNGRADED_ACTIVITY / UNGRADED_FACTOR. Every number is quoted from a public document; where a
source gives a range the upper end is taken, so a grade never claims more precision than its
source allows.

The FACTOR defaults are IPCC's figures for CO2 factors of fuels. CH4 and N2O factors are far less
certain, so the CH4 and N2O parts of a factor whose row gives no range take GAS_FACTOR whatever the
factor's grade: ranges IPCC states as "a factor of n" (mean/n to mean x n), asymmetric about the
value.
"""

from __future__ import annotations

import math
from typing import Literal

from ghgcalc.i18n import N_
from ghgcalc.records import Record, frozen

Grade = Literal["high", "medium", "low"]
SourceTier = Literal["1st", "2nd", "other"]


@frozen
class Default(Record):
    pct: float  # the upper 95 % limit, in % above the value; with low_pct None, half the interval (±pct)
    source: str  # the full citation: document, section, table, page and the figure quoted
    rule: str  # one line: which lines get it (in English, marked with N_: tr(rule) in the language of the run)
    low_pct: float | None = None  # the lower 95 % limit, in % of the value, negative; None: -pct

    @property
    def range_pct(self) -> tuple[float, float]:
        """(lower, upper) 95 % limits in % of the value, the lower one negative."""
        return (-self.pct if self.low_pct is None else self.low_pct, self.pct)


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
        N_("activity data graded high: metered, invoiced or supplier-reported quantities"),
    ),
    "medium": Default(
        10.0,
        f"{_TABLE_2_15}, well developed statistical systems, extrapolation: 5-10% (upper end); "
        f"less well-developed energy data systems 'probably about ±10 percent', {_IPCC}, Vol. 2 "
        "Energy, Ch. 2 Stationary Combustion, §2.4.2, p. 2.41",
        N_("activity data graded medium: partly measured, the rest filled in or extrapolated"),
    ),
    "low": Default(
        25.0,
        f"{_TABLE_2_15}, less developed statistical systems, extrapolation: 15-25% (upper end)",
        N_("activity data graded low: estimated from proxies or assumptions"),
    ),
}

FACTOR: dict[Grade, Default] = {
    "high": Default(
        2.0,
        f"{_TABLE_2_13}, oil: ± 2 (the Netherlands with country- and plant-specific factors, UK, USA); "
        f"'typically less than 2 percent when national values are used', {_IPCC}, Vol. 2 Energy, "
        "Ch. 3 Mobile Combustion, §3.2.2, p. 3.29",
        N_("factor graded high: specific to the fuel or electricity used (measured or from the supplier)"),
    ),
    "medium": Default(
        7.0,
        f"{_IPCC}, Vol. 2 Energy, Ch. 2 Stationary Combustion, §2.4.1, p. 2.38: the IPCC 1996 "
        "Guidelines 'suggest an overall uncertainty value of 7 per cent for the CO2 emission factors "
        f"of Energy'; the largest country-specific value in {_TABLE_2_13}: ± 7 (Norway; coal, coke, gas)",
        N_("factor graded medium: national or country-specific (TGO, Thai research, national grid)"),
    ),
    "low": Default(
        10.0,
        f"{_IPCC}, Vol. 1 General Guidance and Reporting, Ch. 3 Uncertainties, §3.2.1.2, p. 3.18: "
        "default carbon emission factors of fossil fuel combustion 'quite low (5-10 percent)' "
        "(upper end: the same passage says defaults add uncertainty where a country's fuels differ)",
        N_("factor graded low: an IPCC default, another country's or a general database's value, or a proxy"),
    ),
}

# A line nobody graded is treated as estimated: the analysis should not credit precision that
# nobody has claimed, and a wide default is a reason to grade the line.
UNGRADED_ACTIVITY = Default(
    ACTIVITY["low"].pct,
    ACTIVITY["low"].source,
    N_("activity data not graded: taken as low (estimated)"),
)
UNGRADED_FACTOR = Default(
    FACTOR["low"].pct,
    FACTOR["low"].source,
    N_("factor not graded and its row gives no range: taken as low (default factor)"),
)


def _factor_of(n: float) -> tuple[float, float]:
    """IPCC's uncertainty of "a factor of n", the 95 % range from mean/n to mean x n, as (lower, upper)
    in % of the value: a factor of 3 is -66.7 % to +200 %, a factor of 10 -90 % to +900 %."""
    return (-100.0 * (n - 1) / n, 100.0 * (n - 1))


_FACTOR_OF_N = (
    f"{_IPCC}, Vol. 1 General Guidance and Reporting, Ch. 3 Uncertainties, §3.1.4, p. 3.9: 'the lower end "
    "of the 95 percent probability range is a half the mean, and the upper end is a multiplier of 2 larger "
    "than the mean. Such a range is commonly summarised as a “factor of 2.” An uncertainty of a “factor of "
    "n” refers to a range bounded at the low end by (mean/n) and at the high end by (mean × n).'"
)
_TABLE_2_12 = (
    "Vol. 2 Energy, Ch. 2 Stationary Combustion, §2.4.1, Table 2.12 'Default uncertainty estimates for "
    "stationary combustion emission factors', p. 2.38"
)
_CH4 = (
    f"{_IPCC}, Vol. 2 Energy, Ch. 2 Stationary Combustion, §2.3.2.1, p. 2.14, of the CH4 and N2O defaults "
    "in Tables 2.2 to 2.5: 'the uncertainty ranges are set at plus or minus a factor of three'; Vol. 2 "
    "Energy, Ch. 3 Mobile Combustion, §3.2.2, p. 3.29, road transport: the CH4 and N2O factor "
    "uncertainties 'are likely to be a factor of 2-3' (upper end: 3). A factor of 3 is -66.7 % to +200 % "
    f"by {_FACTOR_OF_N} {_TABLE_2_12} gives CH4 '50-150%' in every sector: read as ±150 % its lower "
    "limit is below zero, read as 50 % to 150 % of the value it is ±50 %; +200 % is wider either way"
)
_N2O = (
    f"{_IPCC}, {_TABLE_2_12}, N2O in every sector: 'Order of magnitude*', footnote '* i.e. having an "
    "uncertainty range from one-tenth of the mean value to ten times the mean value': -90 % to +900 %. "
    "Wider than the factor of three of Vol. 2 Ch. 2 §2.3.2.1, p. 2.14 and the factor of 2-3 of Vol. 2 "
    f"Ch. 3 §3.2.2, p. 3.29 (road transport). {_FACTOR_OF_N}"
)

# The CH4 and N2O parts of a factor whose row gives no range take these whatever the factor's grade,
# because the grades describe CO2 factors. Where IPCC's statements for a gas differ, the widest.
# Keys are ghgcalc.gwp.canonical_gas names (fossil-fuel CH4 is CH4_fossil).
GAS_FACTOR: dict[str, Default] = {
    gas: Default(high, source, rule, low)
    for gas, (low, high), source, rule in [
        ("CH4", _factor_of(3), _CH4, N_("CH4 part of a factor whose row gives no range, any grade")),
        ("CH4_fossil", _factor_of(3), _CH4, N_("CH4_fossil part of a factor whose row gives no range, any grade")),
        ("N2O", _factor_of(10), _N2O, N_("N2O part of a factor whose row gives no range, any grade")),
    ]
}

# TGO's CFO report template (TCFO_R_01, Fr-04.1), the data-source column's three choices (in
# English, marked with N_: tr(meaning) in the language of the run).
TIER_MEANING: dict[SourceTier, str] = {
    "1st": N_("Self collect / Supplier: the organisation's own records or measurement, or the supplier's data"),
    "2nd": N_(
        "TH LCI DB / TGO EF / Thai Res. / Int. DB: Thai national LCI database, TGO emission factors, "
        "Thai research, or an international database"
    ),
    "other": N_("Other: any other source"),
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
