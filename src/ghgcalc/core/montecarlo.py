"""Approach 2, Monte Carlo (IPCC 2006 Vol.1 Ch.3 §3.2.3.2): every input drawn from its PDF, the
inventory recomputed for each draw, the 2.5th and 97.5th percentiles of the totals reported.

The only module that imports numpy, and only when an analysis is asked for.

PDFs (docs/uncertainty.md): the value given or chosen is the median; a range within ±60 % on both
sides is normal (each side its own standard deviation, range/1.96), cut at zero; a wider one is
lognormal (sigma = ln(1 + upper %)/1.96 above the median and -ln(1 + lower %)/1.96 below; a lower
limit of -100 % takes the upper side's sigma). A shared input is drawn once per draw, so the lines
that share it move together. Method parameters are drawn inside the methods, cut at their
physical limits (a fraction at 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ghgcalc.core.uncertainty import LineModel, Model
from ghgcalc.models.analysis import Input, MonteCarlo, Spread

Z95 = 1.959963984540054  # the standard normal's 97.5th percentile
_BLOCK = 256  # inputs drawn per call: bounds the temporary arrays, not the stream of numbers


def multipliers(inputs: list[Input], z: np.ndarray) -> np.ndarray:
    """Each input's draws as multiples of its value, from standard normal draws `z` (one row each)."""
    low = np.array([[1 + i.low_pct / 100] for i in inputs])
    high = np.array([[1 + i.high_pct / 100] for i in inputs])
    lognormal = np.array([[i.distribution == "lognormal"] for i in inputs])
    out = np.empty_like(z)
    normal_rows = ~lognormal[:, 0]
    if normal_rows.any():
        zn = z[normal_rows]
        side = np.where(zn < 0, (1 - low[normal_rows]) / Z95, (high[normal_rows] - 1) / Z95)
        out[normal_rows] = np.maximum(1 + zn * side, 0.0)
    if lognormal.any():
        rows = lognormal[:, 0]
        zl = z[rows]
        sigma_high = np.log(high[rows]) / Z95
        safe_low = np.where(low[rows] > 0, low[rows], 1.0)
        sigma_low = np.where(low[rows] > 0, -np.log(safe_low) / Z95, sigma_high)
        out[rows] = np.exp(zl * np.where(zl < 0, sigma_low, sigma_high))
    return out


def simulate(model: Model, scopes: list[str], draws: int, seed: int) -> MonteCarlo:
    rng = np.random.default_rng(seed)
    count = len(model.inputs)
    drawn = np.empty((count, draws))
    for start in range(0, count, _BLOCK):
        block = model.inputs[start : start + _BLOCK]
        drawn[start : start + len(block)] = multipliers(block, rng.standard_normal((len(block), draws)))
    by_scope = {scope: np.zeros(draws) for scope in scopes}
    for line in model.lines:
        by_scope.setdefault(str(line.line.scope), np.zeros(draws))
        by_scope[str(line.line.scope)] += _line_draws(line, drawn, model.year, draws)
    total = np.zeros(draws)
    for values in by_scope.values():
        total += values
    return MonteCarlo(
        draws=draws,
        seed=seed,
        total=_spread(total),
        by_scope={scope: _spread(values) for scope, values in by_scope.items()},
    )


def _spread(values: np.ndarray) -> Spread:
    low, high = np.percentile(values, [2.5, 97.5])
    return Spread(mean=float(values.mean()), low=float(low), high=float(high))


def _line_draws(line: LineModel, drawn: np.ndarray, year: int, draws: int) -> np.ndarray:
    """The line's tCO2e in every draw."""
    by_gas = line.line.t_co2e_by_gas
    if line.parameters:
        ratios = _method_ratios(line, drawn, year, draws)
        values = sum((tonnes * ratios[gas] for gas, tonnes in by_gas.items() if tonnes), np.zeros(draws))
    elif line.line_factor is not None:
        values = line.line.t_co2e * drawn[line.line_factor]
    else:
        values = np.zeros(draws)
        for gas, number in line.gas_inputs.items():
            values += by_gas[gas] * drawn[number]
    return np.asarray(values) * drawn[line.activity]


def _method_ratios(line: LineModel, drawn: np.ndarray, year: int, draws: int) -> dict[str, np.ndarray]:
    """Each gas of a method line in every draw, as a multiple of its central value: the method run
    with the drawn parameters (all draws at once where its arithmetic allows, else draw by draw)."""
    update: dict[str, Any] = {}
    for number, parameter in line.parameters.items():
        values = parameter.value * drawn[number]
        update[parameter.field] = np.minimum(values, parameter.limit) if parameter.limit is not None else values
    central = line.method.compute_checked(line.checked, year)
    try:
        found = line.method.compute_checked(line.checked.model_copy(update=update), year)
        arrays = {gas: np.broadcast_to(np.asarray(value, dtype=float), (draws,)) for gas, value in found.items()}
    except (TypeError, ValueError):  # arithmetic that only takes one number at a time
        arrays = _one_by_one(line, update, year, draws)
    ratios = {}
    for gas, tonnes in line.line.t_co2e_by_gas.items():
        base = central.get(gas, 0.0)
        ratios[gas] = arrays[gas] / base if base and gas in arrays else np.ones(draws) * (1.0 if tonnes else 0.0)
    return ratios


def _one_by_one(line: LineModel, update: dict[str, Any], year: int, draws: int) -> dict[str, np.ndarray]:
    arrays: dict[str, np.ndarray] = {}
    for k in range(draws):
        one = {name: float(values[k]) for name, values in update.items()}
        for gas, value in line.method.compute_checked(line.checked.model_copy(update=one), year).items():
            arrays.setdefault(gas, np.zeros(draws))[k] = value
    return arrays
