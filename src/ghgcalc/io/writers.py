"""Results as JSON, JSON lines and CSV; files written atomically."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ghgcalc.io.files import write_atomic  # noqa: F401 - callers import it from here too
from ghgcalc.models.factor import Factor
from ghgcalc.models.result import InventoryResult, Line

RESULT_FORMAT = 1
# A cell starting with one of these is a formula to a spreadsheet program.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def factor_dict(factor: Factor) -> dict[str, Any]:
    data: dict[str, Any] = {
        "set": factor.set_id,
        "version": factor.version,
        "key": factor.key,
        "per": factor.per,
        "source": factor.source,
    }
    if factor.name_en:
        data["name"] = factor.name_en
    data["valid_from"] = factor.valid_from.isoformat() if factor.valid_from else None
    data["valid_to"] = factor.valid_to.isoformat() if factor.valid_to else None
    data["kg_per_unit"] = {g.gas: g.kg for g in factor.gases}
    if factor.gwp_basis:
        data["gwp_basis"] = factor.gwp_basis
    return data


def line_dict(line: Line) -> dict[str, Any]:
    data: dict[str, Any] = {
        "activity": line.activity,
        "amount": line.amount,
        "unit": line.unit,
        "scope": line.scope,
        "category": line.category,
        "label": line.label,
    }
    if line.id is not None:
        data["id"] = line.id
    if line.gpc is not None:
        data["gpc"] = line.gpc
    if line.ipcc is not None:
        data["ipcc"] = line.ipcc
    if line.monthly is not None:
        data["monthly"] = list(line.monthly)
    data["gases_t"] = line.gases_t
    data["gwp"] = line.gwp
    data["t_co2e"] = line.t_co2e
    if line.separately_reported_t_co2e:
        data["separately_reported_t_co2e"] = line.separately_reported_t_co2e
    data["factor"] = factor_dict(line.factor)
    if line.conversion != 1.0:
        data["amount_in_factor_unit"] = line.amount * line.conversion
    return data


def _community(result: InventoryResult) -> dict[str, Any]:
    community = result.community
    if community is None:
        return {}
    return {
        "gpc": {
            "basic_t_co2e": community.basic_t_co2e,
            "basic_plus_t_co2e": community.basic_plus_t_co2e,
            "territorial_t_co2e": community.territorial_t_co2e,
            "by_sector_t_co2e": community.by_sector_t_co2e,
            "by_reference_t_co2e": community.by_reference_t_co2e,
            "included": [
                {
                    "source": memo.source,
                    "name": memo.name,
                    "total_t_co2e": memo.total_t_co2e,
                    "by_reference_t_co2e": memo.by_reference_t_co2e,
                    "note": "a memo: these emissions are part of the community totals, not added to them",
                }
                for memo in community.included
            ],
            "completeness": [
                {
                    "ref": row.ref,
                    "sector": row.sector,
                    "subsector": row.subsector,
                    "scope": row.scope,
                    "level": row.level,
                    "t_co2e": row.t_co2e,
                    "notation_key": row.notation_key,
                    "explanation": row.explanation,
                }
                for row in community.completeness
            ],
        },
        "ipcc_sectors_t_co2e": community.by_ipcc_sector_t_co2e,
        "outside_ipcc_territorial_t_co2e": community.outside_ipcc_t_co2e,
    }


def _intensity(result: InventoryResult) -> dict[str, Any]:
    if result.output is None:
        return {}
    amount, unit, name = result.output
    return {
        "output": {"amount": amount, "unit": unit, "name": name},
        "intensity_t_co2e_per_output": result.intensity,
    }


def result_dict(result: InventoryResult) -> dict[str, Any]:
    return {
        "ghgcalc_result": RESULT_FORMAT,
        "source": result.source,
        "name": result.name,
        "kind": result.kind,
        "period": result.period.to_dict(),
        "gwp": result.gwp,
        "factor_sets": [
            {"id": s.id, "version": s.version, "sha256": s.sha256, "title": s.title} for s in result.factor_sets
        ],
        "total_t_co2e": result.total_t_co2e,
        "by_scope_t_co2e": result.by_scope_t_co2e,
        "by_category_t_co2e": result.by_category_t_co2e,
        "by_gas_t": result.by_gas_t,
        "separately_reported_t_co2e": result.separately_reported_t_co2e,
        **_intensity(result),
        **({"indicators": result.indicators} if result.indicators else {}),
        **_community(result),
        "lines": [line_dict(line) for line in result.lines],
        "warnings": [issue.to_dict() for issue in result.warnings],
    }


def to_json(results: list[InventoryResult], as_array: bool) -> str:
    if not as_array and len(results) == 1:
        return json.dumps(result_dict(results[0]), ensure_ascii=False, indent=2) + "\n"
    return json.dumps([result_dict(r) for r in results], ensure_ascii=False, indent=2) + "\n"


def to_jsonl(results: list[InventoryResult]) -> str:
    return "".join(json.dumps(result_dict(r), ensure_ascii=False) + "\n" for r in results)


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = [
    "source",
    "name",
    "period_start",
    "period_end",
    "gwp",
    "line",
    "id",
    "activity",
    "label",
    "scope",
    "category",
    "gpc",
    "ipcc",
    "amount",
    "unit",
    "factor_set",
    "factor_version",
    "factor_key",
    "factor_per",
    "factor_source",
    "t_co2e",
    "co2_biogenic_t",
    "non_kyoto_t_co2e",
]


def to_csv(results: list[InventoryResult]) -> str:
    seen: dict[str, str] = {}  # most text repeats from line to line: guard each text once

    def safe(cell: str) -> str:
        if cell not in seen:
            seen[cell] = _safe(cell)
        return seen[cell]

    gases = sorted({gas for r in results for line in r.lines for gas in line.gases_t})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS + [f"t_{gas}" for gas in gases])
    for result in results:
        for line in result.lines:
            separate = line.separately_reported_t_co2e
            row = [
                result.source,
                result.name,
                result.period.start.isoformat(),
                result.period.end.isoformat(),
                result.gwp,
                line.index + 1,
                line.id or "",
                line.activity,
                line.label or "",
                line.scope,
                line.category or "",
                line.gpc or "",
                line.ipcc or "",
                line.amount,
                line.unit,
                line.factor.set_id,
                line.factor.version,
                line.factor.key,
                line.factor.per,
                line.factor.source,
                line.t_co2e,
                separate.get("CO2_biogenic", 0.0),
                separate.get("non_kyoto", 0.0),
            ]
            row += [line.gases_t.get(gas, "") for gas in gases]
            writer.writerow([safe(cell) if type(cell) is str else cell for cell in row])
    return buffer.getvalue()
