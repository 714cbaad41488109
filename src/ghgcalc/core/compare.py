"""One inventory under two factor editions, line by line: how much of a change of total comes from
the factors (TGO's new edition), not from the activities (docs/cli.md, "--compare-factors").

The two results are of the same validated inventory, so their lines pair by position. Pure: gets
two results, returns the differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ghgcalc.errors import UsageError
from ghgcalc.i18n import tr
from ghgcalc.models.factor import FactorSet
from ghgcalc.models.result import InventoryResult, Line


@dataclass(frozen=True)
class Change:
    """A value under the inventory's own factors and under the compared ones."""

    own: float
    compared: float

    @property
    def t(self) -> float:
        return self.compared - self.own

    @property
    def pct(self) -> float | None:
        """The change in % of the own value; None where the own value is 0."""
        return None if self.own == 0 else 100.0 * (self.compared - self.own) / self.own


@dataclass(frozen=True)
class LineChange:
    own: Line
    compared: Line
    t_co2e: Change

    @property
    def factor_changed(self) -> bool:
        return (self.own.factor.ref, self.own.factor.per, self.own.factor.gases) != (
            self.compared.factor.ref,
            self.compared.factor.per,
            self.compared.factor.gases,
        )


@dataclass(frozen=True)
class Comparison:
    own: InventoryResult
    compared: InventoryResult
    total_t_co2e: Change
    by_scope_t_co2e: dict[str, Change]
    separately_reported_t_co2e: dict[str, Change]
    lines: tuple[LineChange, ...]
    named: tuple[str, ...] = ()  # the versions asked for (SET@VERSION), whether any line took a factor from them

    @property
    def changed_lines(self) -> int:
        return sum(1 for line in self.lines if line.factor_changed)

    def kept(self) -> tuple[LineChange, ...]:
        """The lines whose key the named versions do not hold: they keep their own factor."""
        return tuple(
            line for line in self.lines if not line.factor_changed and line.compared.factor.ref not in self.named
        )


def compare(own: InventoryResult, compared: InventoryResult, named: tuple[str, ...] = ()) -> Comparison:
    """The differences between two results of one inventory (the same lines, other factors);
    `named` are the versions the comparison asked for."""
    other = {line.index: line for line in compared.lines}
    lines = tuple(
        LineChange(line, other[line.index], Change(line.t_co2e, other[line.index].t_co2e))
        for line in own.lines
        if line.index in other
    )
    scopes_own, scopes_compared = own.by_scope_t_co2e, compared.by_scope_t_co2e
    scopes = sorted(set(scopes_own) | set(scopes_compared))
    separate_own, separate_compared = own.separately_reported_t_co2e, compared.separately_reported_t_co2e
    return Comparison(
        own=own,
        compared=compared,
        total_t_co2e=Change(own.total_t_co2e, compared.total_t_co2e),
        by_scope_t_co2e={s: Change(scopes_own.get(s, 0.0), scopes_compared.get(s, 0.0)) for s in scopes},
        separately_reported_t_co2e={
            name: Change(separate_own[name], separate_compared.get(name, 0.0))
            for name in separate_own
            if separate_own[name] or separate_compared.get(name, 0.0)
        },
        lines=lines,
        named=named,
    )


def kept_versions(own: InventoryResult) -> tuple[FactorSet, ...]:
    """The versions the inventory's own result used, each holding only the keys its lines took
    from it: searched after the compared versions, so that a key the compared versions do not
    hold keeps exactly the factor its line used. (Pinning the own versions whole would give such
    a key to the first of them that holds it, e.g. an older edition of the same set.)"""
    taken: dict[str, set[str]] = {}
    for line in own.lines:
        taken.setdefault(line.factor.ref, set()).add(line.factor.key)
    return tuple(
        replace(version, factors={k: v for k, v in version.factors.items() if k in taken.get(version.ref, ())})
        for version in own.factor_sets
    )


def one_version_each(refs: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The compared versions (set, version), each once, as SET@VERSION. Two versions of one set
    are a usage error: a line takes its factor from the first named version that holds its key,
    so the "compared" column would mix the editions (a fuel from one, electricity from the other)."""
    versions: dict[str, list[str]] = {}
    for set_id, version in refs:
        if version not in versions.setdefault(set_id, []):
            versions[set_id].append(version)
    for set_id, named in versions.items():
        if len(named) > 1:
            raise UsageError(
                tr(
                    "--compare-factors names {count} versions of {set}: {versions}; each line would take its "
                    "factor from the first of them that has it, mixing the editions",
                    count=len(named),
                    set=set_id,
                    versions=", ".join(named),
                ),
                tr("compare with one version of a set at a time: run once with each"),
            )
    return tuple(f"{set_id}@{version}" for set_id, named in versions.items() for version in named)
