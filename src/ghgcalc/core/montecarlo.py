"""Approach 2, Monte Carlo (IPCC 2006 Vol.1 Ch.3 §3.2.3.2): every input drawn from its PDF, the
inventory recomputed for each draw, the 2.5th and 97.5th percentiles of the totals reported.

The only module that imports numpy, and only when an analysis is asked for.

PDFs (docs/uncertainty.md): the value given or chosen is the median; a range within ±60 % on both
sides is normal (each side its own standard deviation, range/1.96), cut at zero; a wider one is
lognormal (sigma = ln(1 + upper %)/1.96 above the median and -ln(1 + lower %)/1.96 below; below a
lower limit of -100 %, which no lognormal reaches, the normal's lower half, cut at zero). A shared
input is drawn once per draw, so the lines that share it move together. Method parameters are
drawn inside the methods, cut at their physical limits (a fraction at 1).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ghgcalc.core.uncertainty import LineModel, Model
from ghgcalc.models.analysis import Input, MonteCarlo, Spread

Z95 = 1.959963984540054  # the standard normal's 97.5th percentile
# Draws are made in chunks of at most _CELLS numbers (inputs x draws, 16 MB), at least 100 and at
# most 10,000 draws a chunk: a 5,000-line province with 1,000,000 draws stays within memory.
_CELLS = 2_000_000
_LEAST_CHUNK, _MOST_CHUNK = 100, 10_000


def to_multipliers(row: np.ndarray, item: Input) -> None:
    """Turn one input's standard normal draws into multiples of its value, in place."""
    low, high = 1 + item.low_pct / 100, 1 + item.high_pct / 100
    if item.distribution == "normal":
        below, above = (1 - low) / Z95, (high - 1) / Z95
        if below == above:
            row *= above
        else:
            row *= np.where(row < 0, below, above)
        row += 1
        np.maximum(row, 0.0, out=row)
        return
    sigma_high = math.log(high) / Z95
    if low <= 0:
        # A lower limit of -100 %: the value may be 0, which no lognormal reaches. The lower half is
        # the normal's (sigma 100 %/1.96, cut at zero: 0 is its 2.5th percentile, as the range says),
        # the upper half the lognormal's; the value stays the median
        negative = row < 0
        lower = np.maximum(1 + row / Z95, 0.0)
        row *= sigma_high
        np.exp(row, out=row)
        np.copyto(row, lower, where=negative)
        return
    sigma_low = -math.log(low) / Z95
    if sigma_low == sigma_high:
        row *= sigma_high
    else:
        row *= np.where(row < 0, sigma_low, sigma_high)
    np.exp(row, out=row)


def simulate(model: Model, scopes: list[str], draws: int, seed: int) -> MonteCarlo:
    """`draws` draws in chunks, so memory stays bounded however many lines and draws (the chunk
    size depends only on the number of inputs: the same inventory and seed give the same numbers)."""
    rng = np.random.default_rng(seed)
    count = max(len(model.inputs), 1)
    chunk = max(_LEAST_CHUNK, min(_MOST_CHUNK, _CELLS // count))
    by_scope = {scope: np.zeros(draws) for scope in scopes}
    for line in model.lines:
        by_scope.setdefault(str(line.line.scope), np.zeros(draws))
    for first in range(0, draws, chunk):
        size = min(chunk, draws - first)
        drawn = rng.standard_normal((len(model.inputs), size))
        for row, item in zip(drawn, model.inputs, strict=True):
            to_multipliers(row, item)
        work, part = np.empty(size), np.empty(size)
        for line in model.lines:
            _line_draws(line, drawn, model.year, size, work, part)
            by_scope[str(line.line.scope)][first : first + size] += work
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


def _line_draws(line: LineModel, drawn: np.ndarray, year: int, draws: int, work: np.ndarray, part: np.ndarray) -> None:
    """The line's tCO2e in every draw, into `work` (`part` is scratch space)."""
    by_gas = line.line.t_co2e_by_gas
    if line.parameters:
        ratios = _method_ratios(line, drawn, year, draws)
        work.fill(0.0)
        for gas, tonnes in by_gas.items():
            if tonnes:
                np.multiply(ratios[gas], tonnes, out=part)
                work += part
    elif line.line_factor is not None:
        np.multiply(drawn[line.line_factor], line.line.t_co2e, out=work)
    else:
        work.fill(0.0)
        for gas, number in line.gas_inputs.items():
            np.multiply(drawn[number], by_gas[gas], out=part)
            work += part
    work *= drawn[line.activity]


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
