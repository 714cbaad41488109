"""Which factor a line uses: custom factors first, then each set in order; within a set, the
version in force for the period; within a version, the unit variant the activity converts to."""

from __future__ import annotations

from functools import cached_property

from ghgcalc import i18n, units
from ghgcalc.core.texts import day_text, either
from ghgcalc.errors import is_visible, visible
from ghgcalc.i18n import N_, tr
from ghgcalc.models.factor import Factor, FactorSet
from ghgcalc.models.period import Period
from ghgcalc.records import Record, frozen


@frozen
class Choice(Record):
    factor: Factor
    conversion: float  # activity units -> factor.per units
    notes: tuple[tuple[str, str], ...] = ()  # (issue code, message) warnings about the choice
    unusual_bridges: tuple[tuple[str, str], ...] = ()  # (the line's field, message): bridge-unusual warnings


class ResolveError(Exception):
    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint


@frozen
class SetChoice(Record):
    """One entry of an inventory's factor list: a set id and the versions allowed (one if pinned)."""

    id: str
    versions: tuple[FactorSet, ...]  # oldest first
    pinned: bool = False
    # of a pinned version: the set's versions published after it, oldest first (what may replace it)
    later: tuple[FactorSet, ...] = ()

    @cached_property
    def scope(self) -> tuple[object, ...]:
        """What a factor choice depends on of this entry (Catalogue._run_scope): its id, whether it
        is pinned, and each version's id, version and hash; kept on the entry, which is frozen and
        which a run's inventories of one factor list share (api.Options.chosen)."""
        return (self.id, self.pinned, tuple((v.id, v.version, v.sha256) for v in (*self.versions, *self.later)))


def _gap_days(factor: Factor, period: Period) -> int:
    """How far the factor's validity lies from the period (0 when they overlap)."""
    if factor.valid_to is not None and factor.valid_to < period.start:
        return (period.start - factor.valid_to).days
    if factor.valid_from is not None and factor.valid_from > period.end:
        return (factor.valid_from - period.end).days
    return 0


def _validity(factor: Factor, period: Period) -> str:
    """`2022-04-01 to 2026-03-31`; `from 2022-04-01, with no end`; `to 2026-03-31`."""
    start = day_text(factor.valid_from, period) if factor.valid_from else None
    end = day_text(factor.valid_to, period) if factor.valid_to else None
    if start is not None and end is None:
        return tr("from {start}, with no end", start=start)
    if start is None and end is not None:
        return tr("until {end}", end=end)
    if start is None or end is None:
        return tr("at any time")
    return tr("{start} to {end}", start=start, end=end)


def _validity_notes(key: str, factor: Factor, period: Period) -> tuple[tuple[str, str], ...]:
    """A warning when the factor's validity does not cover the whole period."""
    if period.within(factor.valid_from, factor.valid_to):
        return ()
    source = tr("its custom factor") if factor.set_id == "custom" else factor.ref
    if not period.overlaps(factor.valid_from, factor.valid_to):  # not "the whole": none of it
        text = N_(
            "'{key}': {source} is valid {validity}, on no day of the period {period}: it is used outside its dates"
        )
    else:
        text = N_("'{key}': {source} is valid {validity}, which does not cover the whole period {period}")
    message = tr(  # "'{key}': ...", so that the lines it says the same of share one warning (core/compute.py)
        text,
        key=key,
        source=source,
        validity=_validity(factor, period),
        period=period.label,
    )
    return (("factor-out-of-validity", message),)


def _superseded_notes(key: str, factor: Factor, choice: SetChoice, period: Period) -> tuple[tuple[str, str], ...]:
    """A warning when a pinned version is used for a period that a later version of its set covers
    in full with other numbers for the key (last year's `tgo-cfo@2022-04` kept in FY2570): the
    pinned one is used, as asked, and the edition in force is named. Not when the later version
    comes into force inside the period (the documented way to keep the old edition for a year
    across a new one), nor for a value with its own end (the 2016-2018 grid value, allowed to 31
    Mar 2026: its validity says what is allowed), nor where the numbers are the same."""
    if not choice.pinned or factor.valid_to is not None or _gap_days(factor, period) != 0:
        return ()
    for version in reversed(choice.later):  # the newest first
        newer = next((f for f in version.factors.get(key, ()) if f.per == factor.per), None)
        if newer is None or not period.within(newer.valid_from, newer.valid_to):
            continue
        if _same_numbers(factor, newer, choice.versions, version):
            return ()
        message = tr(
            "'{key}': {set}, named in factors, is used, though {newer} (valid {validity}) is in force for the "
            "whole period and gives other numbers; to use the edition in force, give factors: {id} (in a "
            "workbook, the factors row of the Inventory sheet)",
            key=key,
            set=factor.ref,
            newer=version.ref,
            validity=_validity(newer, period),
            id=choice.id,
        )
        return (("factor-edition-superseded", message),)
    return ()


def _same_numbers(factor: Factor, newer: Factor, pinned: tuple[FactorSet, ...], version: FactorSet) -> bool:
    """The same gases, values and edition weights of those gases (the 2026 edition's fossil CH4 28
    changes its diesel, not its fuel wood)."""
    if sorted((g.gas, g.kg) for g in newer.gases) != sorted((g.gas, g.kg) for g in factor.gases):
        return False
    own = next((dict(v.gwp_overrides) for v in pinned if v.version == factor.version), {})
    weights = dict(version.gwp_overrides)
    return all(own.get(g.gas) == weights.get(g.gas) for g in factor.gases)


class Catalogue:
    """The factors an inventory may use, in the order they are searched."""

    def __init__(
        self,
        custom: dict[str, Factor],
        sets: list[SetChoice],
        broken: frozenset[str] = frozenset(),
        shared: dict[tuple[object, ...], Choice] | None = None,
    ) -> None:
        self.custom = custom
        self.sets = sets
        self.broken = broken  # custom factors already reported as wrong: lines using them say nothing more
        self._memo: dict[tuple[str, str, str | None, str | None], Choice | ResolveError | units.UnitError] = {}
        # Choices kept across the inventories of a run (a batch of thousands asks the same few
        # dozen): only for a catalogue of sets alone, keyed by the set versions' contents, the
        # period as written and the language of the messages, so a kept choice is the one this
        # catalogue would make. Errors are not kept: they are rare and raised afresh.
        self._shared = shared if not custom and not broken else None
        self._scope: tuple[object, ...] | None = None

    def keys(self) -> set[str]:
        found = set(self.custom)
        for choice in self.sets:
            for version in choice.versions:
                found.update(version.factors)
        return found

    def resolve(self, key: str, unit: str, period: Period, bridges: units.Bridges) -> Choice:
        """The factor for one line; raises ResolveError or units.UnitError. Remembered per
        (key, unit, period, bridges): an inventory of 100,000 lines has only a few dozen of those."""
        return self.resolve_line(key, unit, period, bridges.ncv, bridges.density)

    def resolve_line(self, key: str, unit: str, period: Period, ncv: str | None, density: str | None) -> Choice:
        """`resolve` of a line's own ncv and density, its bridges made only the first time; a
        choice is shared with the run's other inventories of the same sets and period."""
        memo_key = (key, unit, ncv, density)  # the period is the inventory's, one per catalogue
        if memo_key not in self._memo:
            shared_key = None if self._shared is None else (*memo_key, *self._run_scope(period))
            if shared_key is not None and self._shared is not None and shared_key in self._shared:
                self._memo[memo_key] = self._shared[shared_key]
            else:
                try:
                    choice = self._resolve(key, unit, period, units.Bridges(ncv, density))
                except (ResolveError, units.UnitError) as exc:
                    self._memo[memo_key] = exc
                else:
                    self._memo[memo_key] = choice
                    if shared_key is not None and self._shared is not None:
                        self._shared[shared_key] = choice
        found = self._memo[memo_key]
        if isinstance(found, Exception):
            raise found
        return found

    def run_scope(self, period: Period) -> tuple[object, ...] | None:
        """What a line's factor depends on besides the line, for a catalogue of sets alone (a
        key of things a run's inventories share); None for one with custom factors."""
        return None if self._shared is None else self._run_scope(period)

    def _run_scope(self, period: Period) -> tuple[object, ...]:
        """What a choice depends on besides the line: the sets' versions, the period, the language."""
        if self._scope is None:
            sets = tuple([choice.scope for choice in self.sets])
            self._scope = (sets, period.start, period.end, period.written, i18n.language(), i18n.calendar())
        return self._scope

    def _resolve(self, key: str, unit: str, period: Period, bridges: units.Bridges) -> Choice:
        if key in self.custom:
            factor = self.custom[key]
            _, conversion, bridged = _convert(unit, [factor], bridges)
            return Choice(factor, conversion, _validity_notes(key, factor, period), bridged)
        if key in self.broken:
            raise ResolveError("factor-broken", tr("custom factor '{key}' has errors", key=visible(key)))
        for choice in self.sets:
            candidates = [(v, v.factors[key]) for v in choice.versions if key in v.factors]
            if candidates:
                found = self._from_versions(key, unit, period, bridges, candidates)
                replaced = _superseded_notes(key, found.factor, choice, period)
                return Choice(found.factor, found.conversion, found.notes + replaced, found.unusual_bridges)
        raise ResolveError(
            "factor-missing",
            tr("no factor '{key}' in {searched}", key=visible(key), searched=self._searched()),
            self._lookalike(key),
        )

    def _lookalike(self, key: str) -> str | None:
        """For a key with invisible or look-alike characters: which they are, and the known key
        it passes for (compared after folding look-alikes); None for a plain key."""
        if is_visible(key):
            return None
        folded = units.fold(key).strip()
        same = sorted(k for k in self.keys() if units.fold(k).strip() == folded)
        fix = tr("did you mean '{key}'?", key=same[0]) if same else tr("retype the key with plain letters")
        return f"{units.lookalike_hint(key)}; {fix}"

    def _searched(self) -> str:
        names = [c.id + (f"@{c.versions[0].version}" if c.pinned else "") for c in self.sets]
        if self.custom:
            names.insert(0, "custom_factors")
        return ", ".join(names) if names else tr("any factor set")

    def _from_versions(
        self,
        key: str,
        unit: str,
        period: Period,
        bridges: units.Bridges,
        candidates: list[tuple[FactorSet, tuple[Factor, ...]]],
    ) -> Choice:
        in_force = [(v, f) for v, f in candidates if any(_gap_days(x, period) == 0 for x in f)]
        notes: list[tuple[str, str]] = []
        if in_force:
            version, variants = in_force[-1]  # newest in force
            starts = min((f.valid_from for f in variants if f.valid_from), default=None)
            straddles = starts is not None and starts > period.start
            # An older edition matters where the period begins before the newer one came into force
            # (FY2569 across TGO's edition of 1 Jan 2026), or where the older one's own validity runs
            # on into the period (the 2016-2018 grid value, allowed to 31 Mar 2026). Otherwise an
            # open-ended older edition is simply superseded, and nothing needs saying.
            older = [(v, f) for v, f in in_force[:-1] if straddles or any(x.valid_to for x in f)]
            if older:
                others = ", ".join(
                    tr("{set} (valid {validity})", set=v.ref, validity=_validity(f[0], period)) for v, f in older
                )
                older_ref = older[-1][0].ref
                if straddles and starts is not None:
                    message = tr(
                        "'{key}': the period starts before {set} came into force on {day}; "
                        "{set}, the newer edition, is used for the whole period, not {others}; "
                        "to use the older one, give factors: {older} (in a workbook, the factors row of the "
                        "Inventory sheet)",
                        key=key,
                        set=version.ref,
                        day=day_text(starts, period),
                        others=others,
                        older=older_ref,
                    )
                else:
                    message = tr(
                        "'{key}': {set}, the newer edition, is used for the whole period; "
                        "{others} may still be used for part of it; to use the older one, give factors: {older} "
                        "(in a workbook, the factors row of the Inventory sheet)",
                        key=key,
                        set=version.ref,
                        others=others,
                        older=older_ref,
                    )
                notes.append(("factor-edition-overlap", message))
        else:
            version, variants = min(
                candidates, key=lambda c: (min(_gap_days(f, period) for f in c[1]), -c[0].published.toordinal())
            )
        index, conversion, bridged = _convert(unit, list(variants), bridges)
        factor = variants[index]
        if notes:  # the edition warning says already that the newer one does not cover the start
            return Choice(factor, conversion, tuple(notes), bridged)
        return Choice(factor, conversion, _validity_notes(key, factor, period), bridged)


Notes = tuple[tuple[str, str], ...]
# A line's density or ncv this many times its factor's own, or less than its inverse, is more likely
# a unit slip (g/L typed for kg/L, MJ for GJ) than a fuel of its own: said, and used as given.
UNUSUAL_BRIDGE = 3.0


def _bridge_notes(bridges: units.Bridges, factor: Factor) -> Notes:
    """(field, message) for each bridge the line gives (its density, its ncv) far from its factor's own."""
    notes = []
    for field, given, own in (("density", bridges.density, factor.density), ("ncv", bridges.ncv, factor.ncv)):
        ratio = units.bridge_ratio(given, own, field) if given and own else None
        if ratio is None or 1 / UNUSUAL_BRIDGE <= ratio <= UNUSUAL_BRIDGE:
            continue
        said = {"field": field, "given": visible(given or ""), "key": visible(factor.key), "own": own}
        if ratio > 1:
            message = tr(
                "the {field} given, {given}, is {times} times the {field} of factor '{key}', {own}: a unit typed "
                "wrong (g for kg, MJ for GJ)? It is used as given",
                times=_times(ratio),
                **said,
            )
        else:
            message = tr(
                "the {field} given, {given}, is 1/{times} of the {field} of factor '{key}', {own}: a unit typed "
                "wrong (g for kg, MJ for GJ)? It is used as given",
                times=_times(1 / ratio),
                **said,
            )
        notes.append((field, message))
    return tuple(notes)


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2g}"


def _convert(unit: str, variants: list[Factor], bridges: units.Bridges) -> tuple[int, float, Notes]:
    """The first unit variant the activity's unit converts to: directly, then through bridges; with
    a warning when a bridge the line gives is far from its factor's own."""
    for index, factor in enumerate(variants):
        quick = units.quick_factor(unit, factor.per)
        if quick is not None:
            return index, quick, ()
    for index, factor in enumerate(variants):
        try:
            return index, units.conversion_factor(unit, factor.per), ()
        except units.UnitError as exc:
            if exc.code != "unit-incompatible" or exc.field:
                raise
    tried: units.UnitError | None = None
    for index, factor in enumerate(variants):
        combined = units.Bridges(bridges.ncv or factor.ncv, bridges.density or factor.density)
        if combined == units.Bridges():
            continue
        try:
            return index, units.conversion_factor(unit, factor.per, combined), _bridge_notes(bridges, factor)
        except units.UnitError as exc:
            if exc.code == "bridge-invalid":
                raise
            tried = exc
    pers = either(f"'{visible(f.per)}'" for f in variants)
    key = visible(variants[0].key)
    for factor in variants:
        counted = units.count_mismatch_hint(unit, factor.per, key)
        if counted is not None:
            kind = units.COUNT_KINDS[units.count_kind(unit) or "count"]
            raise units.UnitError(
                code="unit-incompatible",
                message=tr(
                    "'{unit}' counts {kind}, but factor '{key}' is per {per}",
                    unit=visible(unit),
                    kind=tr(kind),
                    key=key,
                    per=pers,
                ),
                hint=counted,
            )
    if tried is not None and (bridges.ncv or bridges.density):
        raise units.UnitError(
            code="unit-incompatible",
            message=tr(
                "'{unit}' cannot be converted to {per}, the unit of factor '{key}', even with the ncv/density given",
                unit=visible(unit),
                per=pers,
                key=key,
            ),
            hint=tr(
                "a density is mass per volume (0.84 kg/L), an ncv energy per mass or volume (36.42 MJ/L, 43 TJ/Gg)"
            ),
        )
    raise units.UnitError(
        code="unit-incompatible",
        message=tr(
            "'{unit}' cannot be converted to {per}, the unit of factor '{key}'", unit=visible(unit), per=pers, key=key
        ),
        hint=tr(
            "use a unit of the same kind, or give the activity a 'density' (mass per volume) "
            "or an 'ncv' (energy per mass or volume)"
        ),
    )
