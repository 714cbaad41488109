"""How sure an inventory is and which sources matter: one call for the whole analysis
(`compute --uncertainty`): the inputs and Approach 1, Monte Carlo, key categories with Table 3.2,
and the data-quality summary a verifier reads first."""

from __future__ import annotations

from dataclasses import dataclass

from ghgcalc.core.data_quality import data_quality
from ghgcalc.core.key_categories import assess
from ghgcalc.core.uncertainty import approach_1, build
from ghgcalc.models.analysis import Analysis
from ghgcalc.models.result import InventoryResult

DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 1  # fixed, so the same inventory gives the same numbers on every run


@dataclass(frozen=True)
class Settings:
    draws: int = DEFAULT_DRAWS
    seed: int = DEFAULT_SEED


def analyse(result: InventoryResult, settings: Settings, base: InventoryResult | None = None) -> Analysis:
    """The analysis of a computed inventory (and its base year's, for the trend)."""
    model = build(result)
    monte_carlo = None
    if model.lines:
        from ghgcalc.core import montecarlo  # numpy: only when an analysis is asked for

        monte_carlo = montecarlo.simulate(model, list(result.by_scope_t_co2e), settings.draws, settings.seed)
    key_categories, table = assess(result, model, base, build(base) if base is not None else None)
    return Analysis(
        inputs=tuple(model.inputs),
        approach_1=approach_1(model, result),
        monte_carlo=monte_carlo,
        key_categories=key_categories,
        table_3_2=table,
        data_quality=data_quality(result),
        base_source=base.source if base is not None else None,
    )
