"""Where a factor edition weighed a gas otherwise than the inventory's GWP set (TGO's 2026 edition
weighs fossil CH4 28, where AR5 gives 30): said beside the GWP set wherever a result names it, so
that a verifier who recomputes a line with the GWP set's values is told why the result differs
(docs/factor-sets.md, "An edition's own GWP weights"). Pure: gets lines, returns words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ghgcalc.gwp import CH4_FOSSIL, gwp_value
from ghgcalc.i18n import N_, tr
from ghgcalc.models.result import InventoryResult, Line


@dataclass(frozen=True, order=True)
class EditionWeight:
    """`ref` (SET@VERSION) weighed `gas` with `weight`, where the GWP set gives `standard`."""

    ref: str
    gas: str
    weight: float
    standard: float | None


def edition_weights(lines: Iterable[Line], gwp: str) -> tuple[EditionWeight, ...]:
    """The edition weights that weighed a gas of these lines (computed with GWP set `gwp`), each once."""
    found: set[EditionWeight] = set()
    for line in lines:
        factor = line.factor
        if not factor.gwp_overrides or factor.gwp_basis != gwp:  # under another set, that set's values
            continue
        for gas, weight in factor.gwp_overrides:
            if gas in line.gwp:
                found.add(EditionWeight(factor.ref, gas, weight, gwp_value(gas, gwp)))
    return tuple(sorted(found))


def gas_words(gas: str) -> str:
    return tr("fossil CH4") if gas == CH4_FOSSIL else gas


def _number(value: float) -> str:
    return f"{value:g}"


def weights_text(weights: Iterable[EditionWeight], gwp: str) -> str:
    """'tgo-cfo@2026-02 weighs fossil CH4 28 (AR5: 30)', several joined by '; '; '' for none."""
    return "; ".join(
        tr(
            "{ref} weighs {gas} {weight} ({gwp}: {standard})",
            ref=w.ref,
            gas=gas_words(w.gas),
            weight=_number(w.weight),
            gwp=gwp,
            standard="-" if w.standard is None else _number(w.standard),
        )
        for w in weights
    )


def result_weights(result: InventoryResult) -> str:
    """weights_text of a result's lines ('' when no edition weight applied): shown beside its GWP set."""
    return weights_text(edition_weights(result.lines, result.gwp), result.gwp)


EDITION_GWP = N_("Edition's own GWP")  # the label of result_weights where a result names its GWP set
