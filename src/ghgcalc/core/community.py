"""Community inventories: GPC BASIC / BASIC+ totals, IPCC-sector totals and the completeness table."""

from __future__ import annotations

import math
import re

from ghgcalc import gpc
from ghgcalc.errors import Issue, error, visible, warning
from ghgcalc.i18n import tr
from ghgcalc.models.inventory import Inventory, NotationKey
from ghgcalc.models.result import CommunityReport, CompletenessRow, IncludedInventory, InventoryResult, Line

# Every sub-category of these levels must show a value or a notation key.
REQUIRED_LEVELS = ("basic", "basic+")


def notation_keys(inventory: Inventory) -> dict[str, tuple[str, NotationKey]]:
    """The inventory's notation keys by GPC reference as gpc.reference() reads it ("i.3.1" is
    I.3.1, as on a line), each with the reference as written (where it is in the file); of two
    spellings of one reference, the first (the second is a `notation-duplicate` warning)."""
    found: dict[str, tuple[str, NotationKey]] = {}
    for written, notation in inventory.notation_keys.items():
        ref = gpc.reference(written)
        if ref is not None:
            found.setdefault(ref.ref, (written, notation))
    return found


def check_notation_keys(inventory: Inventory) -> list[Issue]:
    issues = []
    first: dict[str, str] = {}
    for ref, notation in inventory.notation_keys.items():
        path = ("notation_keys", ref)
        found = gpc.reference(ref)
        if found is not None and first.setdefault(found.ref, ref) != ref:
            issues.append(
                warning(
                    "notation-duplicate",
                    tr(
                        "'{ref}' is {canonical}, which already has a notation key ('{first}'): this one is not used",
                        ref=ref,
                        canonical=found.ref,
                        first=first[found.ref],
                    ),
                    path,
                    tr("give each GPC reference one notation key"),
                )
            )
            continue
        if found is None:
            issues.append(
                error(
                    "gpc-unknown",
                    tr("'{ref}' is not a GPC reference number", ref=ref),
                    path,
                    tr("write it as in the GPC, e.g. I.1.1, II.5.1, III.4.1, IV.2, V.3"),
                )
            )
        elif notation.key in ("NE", "IE", "C") and not notation.explanation:
            issues.append(
                warning(
                    "notation-unexplained",
                    tr("{ref}: the notation key {key} needs an explanation", ref=ref, key=notation.key),
                    path,
                    tr("add explanation: ... (GPC asks why, and for IE where)"),
                )
            )
    return issues


def report(inventory: Inventory, lines: list[Line]) -> tuple[CommunityReport, list[Issue]]:
    references = gpc.references()
    by_ref: dict[str, list[float]] = {}
    by_sector: dict[str, list[float]] = {}
    by_ipcc: dict[str, list[float]] = {}
    outside: list[float] = []
    for line in lines:
        ref = references.get(line.gpc or "")
        if ref is None:
            continue
        by_ref.setdefault(ref.ref, []).append(line.t_co2e)
        by_sector.setdefault(ref.sector, []).append(line.t_co2e)
        sector = gpc.IPCC_SECTORS.get((line.ipcc or "")[:1]) if line.scope == 1 else None
        (by_ipcc.setdefault(sector, []) if sector else outside).append(line.t_co2e)
    totals = {ref: math.fsum(values) for ref, values in by_ref.items()}
    issues: list[Issue] = []
    rows = []
    missing = []
    keys = notation_keys(inventory)
    for ref in references.values():
        written, notation = keys.get(ref.ref, (ref.ref, None))
        value = totals.get(ref.ref)
        if value is not None and notation is not None:
            issues.append(
                warning(
                    "notation-conflict",
                    tr("{ref} has lines and the notation key {key}", ref=ref.ref, key=notation.key),
                    ("notation_keys", written),
                    tr("remove the notation key, or the lines"),
                )
            )
        if value is None and notation is None and ref.level in REQUIRED_LEVELS:
            missing.append(ref.ref)
        rows.append(
            CompletenessRow(
                ref.ref,
                ref.sector,
                ref.subsector,
                ref.scope,
                ref.level,
                value,
                notation.key if notation else None,
                notation.explanation if notation else None,
            )
        )
    if missing:
        shown = ", ".join(missing[:12]) + (", ..." if len(missing) > 12 else "")
        issues.append(
            warning(
                "gpc-incomplete",
                tr(
                    "{count} GPC sub-categories have neither a value nor a notation key: {shown}",
                    count=len(missing),
                    shown=shown,
                ),
                ("kind",),
                tr(
                    "give each a notation key under notation_keys: {I.7.1: {key: NO, explanation: no coal mining}} "
                    "(a workbook has no place for them yet: write them in the YAML that ghgcalc convert makes of it)"
                ),
            )
        )

    def level_total(levels: tuple[str, ...]) -> float:
        return math.fsum(v for r, v in totals.items() if references[r].level in levels)

    community = CommunityReport(
        basic_t_co2e=level_total(("basic",)),
        basic_plus_t_co2e=level_total(("basic", "basic+")),
        territorial_t_co2e=math.fsum(v for r, v in totals.items() if references[r].scope == 1),
        by_reference_t_co2e=dict(sorted(totals.items(), key=lambda item: list(references).index(item[0]))),
        by_sector_t_co2e={k: math.fsum(v) for k, v in by_sector.items()},
        by_ipcc_sector_t_co2e={k: math.fsum(by_ipcc[k]) for k in gpc.IPCC_SECTORS.values() if k in by_ipcc},
        outside_ipcc_t_co2e=math.fsum(outside),
        completeness=tuple(rows),
    )
    return community, issues


# The methods whose lines fit more than their default reference's sub-sector: T&D losses are the
# scope 3 row of any stationary-energy or transportation sub-sector (GPC Table 6.1, 7.1); road
# transport counted from vehicle-km is transportation, in or across the boundary.
_T_AND_D = ("Stationary energy", "Transportation")


def _method_fits(method: str, usual: gpc.Reference, ref: gpc.Reference) -> bool:
    if method == "grid-td-losses":
        return ref.scope == 3 and ref.sector in _T_AND_D
    if method == "road-distance":
        return ref.sector == "Transportation"
    return ref.sector == usual.sector and ref.subsector == usual.subsector


def _method_usual(method: str, usual: gpc.Reference) -> str:
    if method == "grid-td-losses":
        return tr("a scope 3 T&D-loss reference (I.x.3, II.x.3)")
    if method == "road-distance":
        return tr("a transportation reference (II.x)")
    return tr("GPC {ref} ({subsector})", ref=usual.ref, subsector=tr(usual.subsector))


# Which scope of GPC reference contradicts a factor's usual scope: fuel burnt (scope 1) is never
# grid energy (scope 2) and grid energy never fuel burnt in the boundary. Scope 1 fuels may sit in
# scope 3 (transboundary journeys, waste treated outside) and an organisation's scope 3 waste
# factor in a community's scope 1 (its landfill is in the city): those are the GPC's own uses.
_CONTRADICTS = {(1, 2), (2, 1), (3, 2)}


def _fitting(ref: gpc.Reference, scope: int) -> str:
    """The reference of `ref`'s sub-sector with `scope` (I.1.1 -> I.1.2 for scope 2), else the first
    of the sector, else of any sector, with that scope."""
    references = list(gpc.references().values())
    for candidates in (
        [r for r in references if r.sector == ref.sector and r.subsector == ref.subsector],
        [r for r in references if r.sector == ref.sector],
        references,
    ):
        for candidate in candidates:
            if candidate.scope == scope and candidate.level in REQUIRED_LEVELS:
                return candidate.ref
    return "VI.1"


def unusual_references(lines: list[Line]) -> list[Issue]:
    """A line whose GPC reference contradicts what its factor or method usually is: grid electricity
    under I.1.1 (scope 1), fuel under I.1.2 (scope 2), T&D losses under I.1.2 (counted in BASIC),
    road transport under V.3. The reference gives the line its scope, sector and IPCC sector, so a
    one-character slip moves it between the territorial, BASIC and BASIC+ totals without a word."""
    from ghgcalc import methods

    issues = []
    for line in lines:
        ref = gpc.references().get(line.gpc or "")
        if ref is None:
            continue
        where = ("activities", line.index, "gpc")
        if line.method_params is not None:
            method = methods.get(line.activity)
            usual = gpc.reference(method.gpc) if method is not None and method.gpc else None
            if usual is None or _method_fits(line.activity, usual, ref):
                continue
            fit = usual.ref
            if line.activity == "grid-td-losses":
                fit = next(
                    (
                        r.ref
                        for r in gpc.references().values()
                        if r.subsector == ref.subsector and r.sector == ref.sector and r.scope == 3
                    ),
                    usual.ref,
                )
            message = tr(
                "'{key}' is usually under {usual}; this line says GPC {ref} ({subsector}, scope {scope}) "
                "and is counted there",
                key=visible(line.activity),
                usual=_method_usual(line.activity, usual),
                ref=ref.ref,
                subsector=tr(ref.subsector),
                scope=ref.scope,
            )
        else:
            scope = line.factor.scope
            if scope is None or (scope, ref.scope) not in _CONTRADICTS:
                continue
            fit = _fitting(ref, scope)
            message = tr(
                "'{key}' is usually scope {usual}; this line says GPC {ref} ({subsector}, scope {scope}) "
                "and is counted as scope {scope}",
                key=visible(line.factor.key),
                usual=scope,
                ref=ref.ref,
                subsector=tr(ref.subsector),
                scope=ref.scope,
            )
        hint = tr(
            "if the line belongs under {fit}, write gpc: {fit}; if {ref} is right, ignore this warning",
            fit=fit,
            ref=ref.ref,
        )
        issues.append(warning("gpc-unusual", message, where, hint))
    return issues


# Landfill methods of which the GPC (Ch. 8) has an inventory choose one for its landfilled waste.
LANDFILL_METHODS = ("landfill-fod", "methane-commitment")


def unusual_ipcc(lines: list[Line], given: set[int]) -> list[Issue]:
    """A line's own `ipcc:` (the lines at `given`) that is no IPCC 2006 category, or one of another IPCC
    sector than its GPC reference's (enteric fermentation, V.1, written 1.A.4.b): a scope 1 line is
    counted in the IPCC sector of its category, so such a slip moves it between the Energy, IPPU, AFOLU
    and Waste totals, or out of all four, without a word."""
    issues = []
    for line in lines:
        ref = gpc.references().get(line.gpc or "")
        if line.index not in given or line.scope != 1 or not line.ipcc or ref is None or not ref.ipcc_sector:
            continue
        sector = gpc.IPCC_SECTORS.get(line.ipcc[:1]) if _IPCC_CATEGORY.match(line.ipcc) else None
        if sector == ref.ipcc_sector:
            continue
        values = {
            "ipcc": visible(line.ipcc),
            "ref": ref.ref,
            "gpc_sector": tr(ref.ipcc_sector),
            "sector": tr(sector) if sector else "",
            "usual": ref.ipcc,
        }
        message = (
            tr(
                "'{ipcc}' is no IPCC 2006 category: this scope 1 line is counted in none of the IPCC sectors",
                **values,
            )
            if sector is None
            else tr(
                "IPCC {ipcc} is in the {sector} sector, but GPC {ref} is {gpc_sector}: the line is counted under "
                "{sector} in the IPCC sectors",
                **values,
            )
        )
        hint = tr(
            "write a category of the {gpc_sector} sector (GPC {ref} is IPCC {usual}), or leave ipcc out to take "
            "the method's or the GPC crosswalk's",
            **values,
        )
        issues.append(warning("ipcc-unusual", message, ("activities", line.index, "ipcc"), hint))
    return issues


# An IPCC 2006 category code: sector 1-5, then category letter, number, letter, roman numeral (1.A.3.b.i).
_IPCC_CATEGORY = re.compile(r"^[1-5](\.[A-H](\.[0-9]{1,2}(\.[a-z](\.[ivx]+)?)?)?)?$")


def mixed_landfill_methods(lines: list[Line]) -> list[Issue]:
    """Both landfill methods under one GPC reference: the year's emissions of past deposits (FOD)
    beside the future emissions of this year's waste (methane commitment) count the same waste's
    methane twice over the years; the GPC has the inventory use one of them."""
    first: dict[str, dict[str, int]] = {}
    issues = []
    for line in lines:
        if line.method_params is None or line.activity not in LANDFILL_METHODS or line.gpc is None:
            continue
        seen = first.setdefault(line.gpc, {})
        other = next((m for m in LANDFILL_METHODS if m != line.activity), "")
        if other in seen and line.activity not in seen:
            issues.append(
                warning(
                    "landfill-methods-mixed",
                    tr(
                        "GPC {ref} has a '{method}' line and a '{other}' line (activity {number}): the GPC "
                        "has an inventory use one of the two methods for its landfilled waste",
                        ref=line.gpc,
                        method=line.activity,
                        other=other,
                        number=seen[other] + 1,
                    ),
                    ("activities", line.index, "method"),
                    tr(
                        "use one method for the waste of {ref}: landfill-fod (this year's methane from the "
                        "waste of past years) or methane-commitment (all the methane of this year's waste)",
                        ref=line.gpc,
                    ),
                )
            )
        seen.setdefault(line.activity, line.index)
    return issues


# Where a local government's own lines sit in its city's GPC inventory, by category; a line's own
# `gpc` wins. Unlisted categories go by scope: 1 -> I.2.1, 2 -> I.2.2, 3 -> VI.1.
ORGANIZATION_TO_GPC = {
    "mobile-combustion": "II.1.1",
    "off-road": "II.5.1",
    "stationary-combustion": "I.2.1",
    "biomass-combustion": "I.2.1",
    "purchased-electricity": "I.2.2",
    "refrigerants": "IV.2",
    "fire-suppression": "IV.2",
    "direct-release": "IV.2",
    "wastewater": "III.4.1",
    "waste": "III.1.1",
}
BY_SCOPE = {1: "I.2.1", 2: "I.2.2", 3: "VI.1"}


def included(result: InventoryResult) -> IncludedInventory:
    """An organisation's lines placed in the GPC: a memo ("of which") of the community totals."""
    by_ref: dict[str, list[float]] = {}
    for line in result.lines:
        ref = (
            line.gpc
            or ORGANIZATION_TO_GPC.get(line.category or "")
            or ORGANIZATION_TO_GPC.get(line.factor.category or "")
        )
        if ref is None or (line.scope == 2 and not line.gpc):
            ref = BY_SCOPE[line.scope]
        by_ref.setdefault(ref, []).append(line.t_co2e)
    return IncludedInventory(
        source=result.source,
        name=result.name,
        total_t_co2e=result.total_t_co2e,
        by_reference_t_co2e={ref: math.fsum(values) for ref, values in sorted(by_ref.items())},
    )
