"""Two factor-set versions compared row by row: what `ghgcalc factors diff` prints.

A row is one (key, per) of a set: its gases, its CO2e per unit, its scope and validity. The
comparison is pure: it gets two FactorSet objects and reads no file.

Versions of one set are layered: a newer version may hold only some rows (tgo-cfo 2026-02 does
not print the septic tank, refrigerants or Scope 3 rows), and a factor is chosen from the newest
version in force for the activity's dates that holds its key. A row of OLD that NEW does not hold
is therefore *not in NEW*, and OLD's value stays in force while it is valid; only between two
different sets is such a row *removed*.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ghgcalc import gwp
from ghgcalc.i18n import N_, tr
from ghgcalc.models.factor import Factor, FactorSet

ADDED = "added"
CHANGED = "changed"
NOT_IN_NEW = "not-in-new"  # two versions of one set: OLD's row stays in force while it is valid
REMOVED = "removed"  # two different sets

LAYERED_NOTE = N_(
    "{old} and {new} are versions of one set: a row that is not in {new} is not withdrawn, "
    "the value of {old} stays in force while it is valid (see its valid_to)"
)
OTHER_SET_NOTE = N_("{old} and {new} are different sets: a row that is not in {new} is removed")


@dataclass(frozen=True)
class Total:
    """The CO2e of one unit of a row, and where it comes from."""

    kgco2e: float | None  # None: the row's gases cannot be weighed (no GWP basis, unknown GWP)
    source: str  # "published" (the set prints it) or "AR5" etc. (its gases weighed), or ""


@dataclass(frozen=True)
class Row:
    status: str  # ADDED, CHANGED, NOT_IN_NEW or REMOVED
    key: str
    per: str
    old: Factor | None
    new: Factor | None
    old_total: Total | None
    new_total: Total | None

    @property
    def gases(self) -> list[tuple[str, float | None, float | None]]:
        """(gas, old kg per unit, new kg per unit); None where a side does not give the gas."""
        old = {g.gas: g.kg for g in self.old.gases} if self.old else {}
        new = {g.gas: g.kg for g in self.new.gases} if self.new else {}
        order = [*old, *(gas for gas in new if gas not in old)]
        return [(gas, old.get(gas), new.get(gas)) for gas in order]

    @property
    def change_kgco2e(self) -> float | None:
        old = self.old_total.kgco2e if self.old_total else None
        new = self.new_total.kgco2e if self.new_total else None
        if old is None or new is None:
            return None
        return float(Decimal(repr(new)) - Decimal(repr(old)))  # 0.4750 - 0.4999 is -0.0249, not -0.02490000000000003

    @property
    def change_pct(self) -> float | None:
        change = self.change_kgco2e
        old = self.old_total.kgco2e if self.old_total else None
        if change is None or not old:
            return None
        return 100 * change / old

    @property
    def changed_fields(self) -> list[str]:
        """What changed besides the gases and the total: the names in FIELDS that differ."""
        if self.old is None or self.new is None:
            return []
        return [name for name in FIELDS if field(self.old, name) != field(self.new, name)]


@dataclass(frozen=True)
class EditionDiff:
    old: FactorSet
    new: FactorSet
    rows: tuple[Row, ...]  # added, changed, then not in NEW / removed; by key and unit within each
    unchanged: int  # rows alike in both (gases, total and FIELDS): counted, not listed

    @property
    def layered(self) -> bool:
        return self.old.id == self.new.id

    @property
    def rows_gone(self) -> str:
        """The status of a row of OLD that NEW does not hold: NOT_IN_NEW or REMOVED."""
        return NOT_IN_NEW if self.layered else REMOVED

    @property
    def note(self) -> str:
        return tr(LAYERED_NOTE if self.layered else OTHER_SET_NOTE, old=self.old.ref, new=self.new.ref)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)


def total(factor: Factor, gwp_basis: str | None) -> Total:
    """CO2e per unit: the set's printed total where it prints one, else the gases weighed with the
    set version's GWP basis (Kyoto gases and, as TGO prints them, Montreal-Protocol gases; never
    biogenic CO2)."""
    if factor.published_kgco2e:
        return Total(float(factor.published_kgco2e), "published")
    if gwp_basis is None:
        if all(g.gas in (gwp.CO2E, "CO2") for g in factor.gases):
            return Total(sum(g.kg for g in factor.gases), "CO2")
        return Total(None, "")
    kg = Decimal(0)  # exact sums of the printed values: 2.0 + 0.1 x 28 is 4.8, not 4.800000000000001
    for gas in factor.gases:  # with the version's own weights (gwp_overrides), as compute weighs them
        weights = gwp.edition_weights(gas.gas, gwp_basis, gwp_basis, factor.gwp_overrides)
        if weights.problems:
            return Total(None, "")
        kg += Decimal(repr(gas.kg)) * Decimal(repr(weights.in_total + weights.non_kyoto))
    return Total(float(kg), gwp_basis)


# What may change in a row besides its gases and total, each of which changes a result or its report:
# the scope and category it is counted under, its validity, its names, the ncv and density that
# convert an activity's unit to the factor's (a dropped ncv turns 100 GJ of lignite into an error),
# and the version's own GWP weights for the row's gases.
FIELDS = ("scope", "category", "valid_from", "valid_to", "ncv", "density", "name_en", "name_th", "gwp_overrides")


def field(factor: Factor, name: str) -> object:
    """One of FIELDS of a row; `gwp_overrides` is the weights of the version that apply to the
    row's own gases ("CH4_fossil 28"), None where none does."""
    if name == "gwp_overrides":
        gases = {g.gas for g in factor.gases}
        return ", ".join(f"{gas} {value:g}" for gas, value in factor.gwp_overrides if gas in gases) or None
    return getattr(factor, name) or None


def _rows(version: FactorSet) -> dict[tuple[str, str], Factor]:
    return {(f.key, f.per): f for variants in version.factors.values() for f in variants}


def _alike(old: Factor, new: Factor, old_total: Total, new_total: Total) -> bool:
    gases = sorted((g.gas, g.kg) for g in old.gases) == sorted((g.gas, g.kg) for g in new.gases)
    return (
        gases and old_total.kgco2e == new_total.kgco2e and all(field(old, name) == field(new, name) for name in FIELDS)
    )


def diff(old: FactorSet, new: FactorSet) -> EditionDiff:
    """Every (key, per) that NEW adds, changes or does not hold, compared with OLD."""
    before, after = _rows(old), _rows(new)
    gone = NOT_IN_NEW if old.id == new.id else REMOVED  # EditionDiff.rows_gone
    added, changed, missing = [], [], []
    unchanged = 0
    for where in sorted(before.keys() | after.keys()):
        was, now = before.get(where), after.get(where)
        was_total = total(was, old.gwp_basis) if was else None
        now_total = total(now, new.gwp_basis) if now else None
        if was is None:
            added.append(Row(ADDED, *where, None, now, None, now_total))
        elif now is None:
            missing.append(Row(gone, *where, was, None, was_total, None))
        elif was_total is not None and now_total is not None and _alike(was, now, was_total, now_total):
            unchanged += 1
        else:
            changed.append(Row(CHANGED, *where, was, now, was_total, now_total))
    return EditionDiff(old, new, (*added, *changed, *missing), unchanged)
