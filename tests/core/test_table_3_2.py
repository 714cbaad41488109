"""IPCC Table 3.2's formulas against IPCC's own worked example: Table 3.4, "Example of an Approach 1
uncertainty analysis for Finland (based on Statistics Finland, 2005)", 2006 IPCC Guidelines Vol.1
Ch.3, pp. 3.44-3.48. Inputs are columns C-F as printed; the totals at the foot of C and D are
47,604 and 67,730 Gg CO2e; every expected value is the printed one, to the printed rounding."""

from __future__ import annotations

import math

import pytest

from ghgcalc.core.key_categories import table_row

SUM_C, SUM_D = 47_604, 67_730

# A, B, C, D, E %, F %  ->  G %, H, I, J, K %, L %, M (as printed, p. 3.44-3.45)
PRINTED = [
    (("1.A Liquid", "CO2"), 27_232, 27_640, 2, 2, (3, 0.0001, 0.2320, 0.5806, 0.46, 1.64, 0.0003)),
    (("1.A Gas", "CO2"), 5_073, 9_350, 1, 1, (1, 0.0000, 0.0447, 0.1964, 0.04, 0.28, 0.0000)),
]
# Rows whose printed E is rounded (Solid CO2 prints 2 %, but its L = 1.08 % = J x E x sqrt 2 means
# E = 1.6 %): only the columns that do not use E are compared: I and J (from C and D) and K = I x F.
ROUNDED_E = [
    (("1.A Solid", "CO2"), 15_722, 22_753, 3, (0.0080, 0.4780, 0.02)),
    (("1.A Peat", "CO2"), 5_656, 10_676, 5, (0.0552, 0.2243, 0.28)),
    (("1.A.1 Biomass", "N2O"), 10, 80, 150, (0.0014, 0.0017, 0.21)),
    (("1.A.4 Biomass", "CH4"), 282, 307, 150, (0.0020, 0.0064, 0.30)),
]


@pytest.mark.parametrize(("category", "c", "d", "f", "printed"), ROUNDED_E, ids=[p[0][0] for p in ROUNDED_E])
def test_the_sensitivities_of_ipcc_table_3_4_are_reproduced(category, c, d, f, printed) -> None:
    i, j, k = printed
    row = table_row(category, c, d, 0.0, f, SUM_C, SUM_D)
    assert (round(row.type_a, 4), round(row.type_b, 4), round(row.trend_from_factor_pct, 2)) == (i, j, k)


@pytest.mark.parametrize(("category", "c", "d", "e", "f", "printed"), PRINTED, ids=[p[0][0] for p in PRINTED])
def test_a_row_of_ipcc_table_3_4_is_reproduced(category, c, d, e, f, printed) -> None:
    g, h, i, j, k, low, m = printed
    row = table_row(category, c, d, e, f, SUM_C, SUM_D)
    assert round(row.combined_pct) == g
    assert round(row.variance_contribution, 4) == h
    assert round(row.type_a, 4) == i
    assert round(row.type_b, 4) == j
    assert round(row.trend_from_factor_pct, 2) == k
    assert round(row.trend_from_activity_pct, 2) == low
    assert round(row.trend_variance, 4) == m  # printed as a percentage with 2 decimals: 0.03% = 0.0003


def test_the_foot_of_the_table_is_the_square_root_of_the_column_sums() -> None:
    """Printed at the foot of Table 3.4: sum H 0.0252 gives 15.9 %, sum M 0.0349 gives 18.7 %."""
    assert round(math.sqrt(0.0252) * 100, 1) == 15.9
    assert round(math.sqrt(0.0349) * 100, 1) == 18.7


def test_without_a_base_year_only_the_year_columns_are_filled() -> None:
    row = table_row(("1.A Liquid", "CO2"), None, 27_640, 2, 2, None, SUM_D)
    assert row.type_a is None and row.trend_variance is None
    assert round(row.variance_contribution, 4) == 0.0001
