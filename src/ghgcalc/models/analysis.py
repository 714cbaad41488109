"""How sure an inventory is and which sources matter: the uncertainty analysis (IPCC 2006 Vol.1
Ch.3), key categories (Vol.1 Ch.4) and the data-quality summary, as the writers see them."""

from __future__ import annotations

from dataclasses import dataclass

from ghgcalc.models.data_quality import DataQualitySummary

# where an input's range comes from
GIVEN = "given"  # the line's own `uncertainty:` (or a custom factor's)
TABLE = "factor table"  # the factor row's published range (uncertainty_pct)
METHOD = "method default"  # a method parameter's published range
DEFAULT = "default"  # ghgcalc's documented default for the data-quality grade (ghgcalc.quality)


@dataclass(frozen=True)
class Input:
    """One uncertain quantity: a line's activity data, a factor's value for one gas (shared by every
    line that uses it), or a method parameter (shared by the lines that use the same value)."""

    name: str
    kind: str  # activity, factor, parameter
    low_pct: float  # the 95 % interval, in % of the value
    high_pct: float
    origin: str  # GIVEN, TABLE, METHOD, DEFAULT
    source: str  # the citation of the range
    distribution: str  # normal or lognormal (Monte Carlo)
    lines: tuple[int, ...]  # the activity indexes it enters

    @property
    def half_width_pct(self) -> float:
        """The ±% Approach 1 uses: the larger side of an asymmetric range (IPCC 2006 Vol.1 Ch.3)."""
        return max(-self.low_pct, self.high_pct)


@dataclass(frozen=True)
class LineUncertainty:
    index: int  # the activity's position in the inventory
    t_co2e: float
    activity_pct: float  # ±%, Approach 1
    factor_pct: float  # ±%, the factor's (or method's) part, with the gases combined
    combined_pct: float  # Eq. 3.1
    share_of_variance: float  # this line's part of the total's variance (covariances shared out)
    origins: tuple[str, ...]  # where its ranges come from: "activity: default (high)", ...


@dataclass(frozen=True)
class Approach1:
    total_pct: float
    by_scope_pct: dict[str, float]
    by_category_pct: dict[str, float]
    lines: tuple[LineUncertainty, ...]


@dataclass(frozen=True)
class Spread:
    """A Monte Carlo result: the mean and the 2.5th and 97.5th percentiles of the draws."""

    mean: float
    low: float
    high: float

    @property
    def low_pct(self) -> float:
        return (self.low - self.mean) / self.mean * 100 if self.mean else 0.0

    @property
    def high_pct(self) -> float:
        return (self.high - self.mean) / self.mean * 100 if self.mean else 0.0


@dataclass(frozen=True)
class MonteCarlo:
    draws: int
    seed: int
    total: Spread
    by_scope: dict[str, Spread]


@dataclass(frozen=True)
class KeyCategory:
    """One category (and gas, for community inventories) in the key category analysis."""

    category: str
    gas: str | None
    t_co2e: float
    level_share: float  # Eq. 4.1
    cumulative: float
    key_level: bool  # Approach 1 level: within the 95 % of the total
    uncertainty_pct: float  # the category's Approach 1 uncertainty
    level_uncertainty_share: float  # Approach 2: level x uncertainty, as a share of the sum
    key_level_uncertainty: bool  # Approach 2 level: within 90 %
    base_t_co2e: float | None = None
    trend_assessment: float | None = None  # Eq. 4.2
    trend_share: float | None = None
    key_trend: bool = False  # Approach 1 trend: within 95 % of the sum of trend assessments
    key_trend_uncertainty: bool = False  # Approach 2 trend: within 90 %

    @property
    def key(self) -> bool:
        return self.key_level or self.key_trend or self.key_level_uncertainty or self.key_trend_uncertainty


@dataclass(frozen=True)
class Table32Row:
    """One row of IPCC 2006 Vol.1 Ch.3 Table 3.2 (columns A-M)."""

    category: str  # A
    gas: str | None  # B
    base_t_co2e: float | None  # C
    t_co2e: float  # D
    activity_pct: float  # E
    factor_pct: float  # F
    combined_pct: float  # G = sqrt(E² + F²)
    variance_contribution: float  # H = (G x D)² / (sum D)², G as a fraction (the table's units)
    type_a: float | None = None  # I, type A sensitivity
    type_b: float | None = None  # J, type B sensitivity
    trend_from_factor_pct: float | None = None  # K = I x F
    trend_from_activity_pct: float | None = None  # L = J x E x sqrt(2)
    trend_variance: float | None = None  # M = K² + L², K and L as fractions


@dataclass(frozen=True)
class Table32:
    rows: tuple[Table32Row, ...]
    total_pct: float  # sqrt(sum H)
    base_total_t_co2e: float | None = None
    trend_pct: float | None = None  # (sum D - sum C) / sum C x 100
    trend_uncertainty_pct: float | None = None  # sqrt(sum M), percentage points of the trend


@dataclass(frozen=True)
class Analysis:
    inputs: tuple[Input, ...]
    approach_1: Approach1
    monte_carlo: MonteCarlo | None
    key_categories: tuple[KeyCategory, ...]
    table_3_2: Table32
    data_quality: DataQualitySummary
    base_source: str | None = None  # the base-year inventory compared with, if any
