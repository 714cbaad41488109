"""Community inventories: GPC BASIC / BASIC+ totals, IPCC-sector totals and the completeness table."""

from __future__ import annotations

import math

from ghgcalc import gpc
from ghgcalc.errors import Issue, error, warning
from ghgcalc.i18n import tr
from ghgcalc.models.inventory import Inventory
from ghgcalc.models.result import CommunityReport, CompletenessRow, IncludedInventory, InventoryResult, Line

# Every sub-category of these levels must show a value or a notation key.
REQUIRED_LEVELS = ("basic", "basic+")


def check_notation_keys(inventory: Inventory) -> list[Issue]:
    issues = []
    for ref, notation in inventory.notation_keys.items():
        path = ("notation_keys", ref)
        if gpc.reference(ref) is None:
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
    for ref in references.values():
        notation = inventory.notation_keys.get(ref.ref)
        value = totals.get(ref.ref)
        if value is not None and notation is not None:
            issues.append(
                warning(
                    "notation-conflict",
                    tr("{ref} has lines and the notation key {key}", ref=ref.ref, key=notation.key),
                    ("notation_keys", ref.ref),
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
                tr("give each a notation key under notation_keys: {I.7.1: {key: NO, explanation: no coal mining}}"),
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
