"""Results as JSON, JSON lines and CSV; files written atomically."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ghgcalc.errors import Issue
from ghgcalc.io import json_text
from ghgcalc.io.csv_texts import FORMULA_START, CellTexts, looks_like_formula  # noqa: F401 - the one guard
from ghgcalc.io.csv_texts import cell as _cell
from ghgcalc.io.csv_texts import safe as _safe
from ghgcalc.io.files import write_atomic  # noqa: F401 - callers import it from here too
from ghgcalc.models.factor import Factor, FactorSet
from ghgcalc.models.result import BIOGENIC, NON_KYOTO, InventoryResult, Line
from ghgcalc.records import Record, frozen

if TYPE_CHECKING:
    from ghgcalc.core.editions import EditionDiff
    from ghgcalc.core.trend import Trend

RESULT_FORMAT = 1


def factor_dict(factor: Factor) -> dict[str, Any]:
    data: dict[str, Any] = {
        "set": factor.set_id,
        "version": factor.version,
        "key": factor.key,
        "per": factor.per,
        "source": factor.source,
    }
    if factor.verified_via:  # only where the set records it: results of the other sets stay as they were
        data["verified_via"] = factor.verified_via
    if factor.name_en:
        data["name"] = factor.name_en
    data["valid_from"] = factor.valid_from.isoformat() if factor.valid_from else None
    data["valid_to"] = factor.valid_to.isoformat() if factor.valid_to else None
    data["kg_per_unit"] = {g.gas: g.kg for g in factor.gases}
    if factor.gwp_basis:
        data["gwp_basis"] = factor.gwp_basis
    if factor.gwp_overrides:  # the edition's own weights (the line's "gwp" says which applied)
        data["gwp_overrides"] = dict(factor.gwp_overrides)
    return data


# A factor's block of a JSON result, made once a run: a batch's thousands of lines name a few dozen
# factors (by identity: the factor is kept, so that its id is never another's)
_FACTOR_BLOCKS: dict[int, tuple[Factor, json_text.Fixed]] = {}
_FACTOR_BLOCKS_HELD = 4096  # (an inventory's own factors are new objects in every file: bounded)


def _factor_block(factor: Factor) -> json_text.Fixed:
    found = _FACTOR_BLOCKS.get(id(factor))
    if found is not None and found[0] is factor:
        return found[1]
    if len(_FACTOR_BLOCKS) >= _FACTOR_BLOCKS_HELD:
        _FACTOR_BLOCKS.clear()
    block = json_text.Fixed(factor_dict(factor))
    _FACTOR_BLOCKS[id(factor)] = (factor, block)
    return block


def line_dict(line: Line, factor_block: Callable[[Factor], Any] = factor_dict) -> dict[str, Any]:
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
    data["factor"] = factor_block(line.factor)
    if line.conversion != 1.0:
        data["amount_in_factor_unit"] = line.amount * line.conversion
    if line.data_quality is not None:
        data["data_quality"] = line.data_quality.model_dump(exclude_none=True)
    if line.evidence is not None:
        data["evidence"] = line.evidence
    if line.uncertainty_given is not None:
        data["uncertainty_given_pct"] = {
            name: list(pct) for name, pct in line.uncertainty_given.model_dump(exclude_none=True).items()
        }
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


def _analysis(result: InventoryResult) -> dict[str, Any]:
    """The uncertainty, key categories and data quality (docs/uncertainty.md); the data-quality
    summary alone when the lines give grades or evidence but no analysis was asked for."""
    if result.analysis is not None:
        from ghgcalc.io.analysis_output import analysis_dict  # its models cost a plain run 5 ms to import

        return analysis_dict(result, result.analysis)
    if any(line.data_quality is not None or line.evidence is not None for line in result.lines):
        from ghgcalc.core.data_quality import data_quality
        from ghgcalc.io.analysis_output import data_quality_dict

        return {"data_quality": data_quality_dict(data_quality(result))}
    return {}


def result_dict(result: InventoryResult, factor_block: Callable[[Factor], Any] = factor_dict) -> dict[str, Any]:
    """A result as its JSON writes it; `factor_block` makes each line's factor (its dict, or, for
    io/json_text, a Fixed of it made once a run)."""
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
        **_analysis(result),
        **_tables(result),
        "lines": [line_dict(line, factor_block) for line in result.lines],
        "warnings": [issue.to_dict() for issue in result.warnings],
    }


def _tables(result: InventoryResult) -> dict[str, Any]:
    """The activity tables (docs/tables.md): each table's rows are the lines numbered `lines`
    (one per class of rows); every row's own result is in the lines file (--lines, -f parquet)."""
    if not result.tables:
        return {}
    return {
        "tables": [
            {"file": t.file, "rows": t.rows, "lines": [t.first_line + 1, t.first_line + t.lines] if t.lines else []}
            for t in result.tables
        ]
    }


@frozen
class FailedInput(Record):
    """An input of a batch that gave no result: it keeps its record in the batch's JSON, JSONL and
    CSV, so the records always count the inputs (docs/cli.md, "A batch keeps every input")."""

    source: str
    errors: int
    warnings: int
    first_error: Issue


Entry = InventoryResult | FailedInput


def _status(result: InventoryResult) -> str:
    return "warnings" if result.warnings else "ok"


def batch_dict(entry: Entry, factor_block: Callable[[Factor], Any] = factor_dict) -> dict[str, Any]:
    """One record of a batch: a result with its `status` after `source`, or a failed input."""
    if isinstance(entry, FailedInput):
        return {
            "source": entry.source,
            "status": "errors",
            "errors": entry.errors,
            "warnings": entry.warnings,
            "first_error": entry.first_error.to_diagnostic(entry.source),
        }
    data = result_dict(entry, factor_block)
    return {
        "ghgcalc_result": data.pop("ghgcalc_result"),
        "source": data.pop("source"),
        "status": _status(entry),
        **data,
    }


def to_json(results: Sequence[Entry], as_array: bool) -> str:
    # json.dumps(..., ensure_ascii=False, indent=2, allow_nan=False), byte for byte, with json's C
    # encoder (io/json_text.py); allow_nan=False: the last guard, no line reaches here with inf or NaN
    if not as_array and len(results) == 1 and not isinstance(results[0], FailedInput):
        return json_text.dumps(result_dict(results[0], _factor_block)) + "\n"
    return json_text.dumps([batch_dict(r, _factor_block) for r in results]) + "\n"


def json_item(entry: Entry) -> str:
    """One record of a batch's JSON array as to_json writes it there, without the separator before
    it: a streamed batch writes the array a record at a time."""
    return json_text.dumps_item(batch_dict(entry, _factor_block))


def to_jsonl(results: Sequence[Entry]) -> str:
    return "".join(jsonl_line(r) for r in results)


def jsonl_line(entry: Entry) -> str:
    """One record of a batch's JSON Lines."""
    return json.dumps(batch_dict(entry), ensure_ascii=False, allow_nan=False) + "\n"


# --- the rows of `trend` and `factors list` (JSON and CSV; the CLI only renders them) -----------


TREND_FORMAT = 1


def trend_rows(trend: Trend) -> list[dict[str, Any]]:
    """One row per year of a trend (docs/cli.md, trend): `trend -f json`'s years and `-f csv`'s rows
    (a list or mapping is JSON in its CSV cell)."""
    base = trend.years[trend.base_index]
    rows = []
    for year in trend.years:
        result = year.result
        rows.append(
            {
                "source": result.source,
                "name": result.name,
                "period_start": result.period.start.isoformat(),
                "period_end": result.period.end.isoformat(),
                "base_year": year is base,
                "gwp": result.gwp,
                "factor_sets": [s.ref for s in result.factor_sets],
                "total_t_co2e": year.total_t_co2e,
                "by_scope_t_co2e": year.by_scope_t_co2e,
                "by_sector_t_co2e": result.community.by_sector_t_co2e if result.community else None,
                "change_from_base_t_co2e": year.change_from_base_t,
                "change_from_base_pct": year.change_from_base_pct,
                "change_from_previous_t_co2e": year.change_from_previous_t,
                "change_from_previous_pct": year.change_from_previous_pct,
                "intensities": year.intensities,
                "differs_from_base": list(year.differs_from_base),
                "missing_before": list(year.missing_before),
                # last: a new column of the CSV goes after those scripts already read by position
                "differs_from_previous": list(year.differs_from_previous),
            }
        )
    return rows


def trend_dict(trend: Trend, rebased: InventoryResult | None) -> dict[str, Any]:
    """`trend -f json`: the years, and the base year recomputed with the newest year's GWP set and
    factor versions when the years were computed differently."""
    data: dict[str, Any] = {"ghgcalc_trend": TREND_FORMAT, "years": trend_rows(trend)}
    if rebased is not None:
        data["base_year_recomputed"] = {
            "source": rebased.source,
            "gwp": rebased.gwp,
            "factor_sets": [s.ref for s in rebased.factor_sets],
            "total_t_co2e": rebased.total_t_co2e,
            "by_scope_t_co2e": rebased.by_scope_t_co2e,
        }
    return data


def trend_csv(trend: Trend) -> str:
    return dicts_csv(trend_rows(trend))


# `factors list`: the columns of its CSV when there is no row to take them from
SET_COLUMNS = ["id", "version", "title", "published", "valid_from", "valid_to", "gwp_basis", "keys"]
FACTOR_COLUMNS = ["set", "version", "key", "per", "gas", "value", "scope", "category", "name_en"]


def set_rows(sets: Iterable[FactorSet]) -> list[dict[str, Any]]:
    """`factors list`: one row per factor-set version."""
    return [
        {
            "id": s.id,
            "version": s.version,
            "title": s.title,
            "publisher": s.publisher,
            "published": s.published.isoformat(),
            "valid_from": s.valid_from.isoformat() if s.valid_from else None,
            "valid_to": s.valid_to.isoformat() if s.valid_to else None,
            "gwp_basis": s.gwp_basis,
            "keys": len(s.factors),
            "rows": s.row_count,
            "sha256": s.sha256,
        }
        for s in sets
    ]


def factor_rows(sets: Iterable[FactorSet]) -> list[dict[str, Any]]:
    """`factors list --set`: one row per key, unit and gas of each set, keys in order."""
    return [
        {
            "set": s.id,
            "version": s.version,
            "key": key,
            "name_en": f.name_en,
            "name_th": f.name_th,
            "category": f.category,
            "scope": f.scope,
            "per": f.per,
            "gas": g.gas,
            "value": g.kg,
            "valid_from": f.valid_from.isoformat() if f.valid_from else None,
            "valid_to": f.valid_to.isoformat() if f.valid_to else None,
            "source": f.source,
            "verified_via": f.verified_via,
        }
        for s in sets
        for key in sorted(s.factors)
        for f in s.factors[key]
        for g in f.gases
    ]


# `factors diff`: two versions of a factor set compared (core/editions.py)

DIFF_CSV_COLUMNS = [
    "status",
    "key",
    "per",
    "gas",
    "old_kg",
    "new_kg",
    "old_kgco2e",
    "new_kgco2e",
    "change_kgco2e",
    "change_pct",
    "old_kgco2e_from",
    "new_kgco2e_from",
    "old_scope",
    "new_scope",
    "old_valid_from",
    "new_valid_from",
    "old_valid_to",
    "new_valid_to",
    "name_en",
]


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _shown_field(factor: Factor | None, name: str) -> Any:
    """A row's field as the diff shows it (core/editions.FIELDS): a date as ISO text; None without the row."""
    from ghgcalc.core.editions import field

    value = field(factor, name) if factor is not None else None
    return _day(value) if name in ("valid_from", "valid_to") else value


def factor_diff_dict(found: EditionDiff) -> dict[str, Any]:
    """`ghgcalc factors diff --format json`: the comparison, numbers exact (docs/cli.md)."""
    from ghgcalc.core import editions

    rows = []
    for row in found.rows:
        side = row.new or row.old
        rows.append(
            {
                "status": row.status,
                "key": row.key,
                "per": row.per,
                "name_en": side.name_en if side else None,  # a row has an old or a new side, or both
                "gases": [{"gas": gas, "old_kg": old, "new_kg": new} for gas, old, new in row.gases],
                "old_kgco2e": row.old_total.kgco2e if row.old_total else None,
                "new_kgco2e": row.new_total.kgco2e if row.new_total else None,
                "old_kgco2e_from": row.old_total.source if row.old_total else None,
                "new_kgco2e_from": row.new_total.source if row.new_total else None,
                "change_kgco2e": row.change_kgco2e,
                "change_pct": row.change_pct,
                **{
                    f"{side}_{name}": _shown_field(factor, name)
                    for name in editions.FIELDS
                    for side, factor in (("old", row.old), ("new", row.new))
                },
                "changed_fields": row.changed_fields,
            }
        )
    counts = {status: found.count(status) for status in ("added", "changed", found.rows_gone)}
    return {
        "old": found.old.ref,
        "new": found.new.ref,
        "old_gwp_basis": found.old.gwp_basis,
        "new_gwp_basis": found.new.gwp_basis,
        "same_set": found.layered,
        "note": found.note,
        "counts": {**counts, "unchanged": found.unchanged},
        "rows": rows,
    }


def factor_diff_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One CSV row per key, unit and gas; the CO2e columns are the whole key's, repeated per gas."""
    flat = []
    for row in data["rows"]:
        for gas in row["gases"]:
            flat.append({c: gas.get(c, row.get(c)) for c in DIFF_CSV_COLUMNS})
    return flat


def factor_diff_csv(data: dict[str, Any]) -> str:
    """`factors diff -f csv` of `factor_diff_dict`'s comparison."""
    return dicts_csv(factor_diff_rows(data), DIFF_CSV_COLUMNS)


# --- CSV: one guarded writer for every command -----------------------------------------------------


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The one CSV writer of every command (compute, trend, factors, plan): a header and rows, every
    text cell formula-guarded, None as an empty cell, a list or mapping as JSON in one cell."""
    return "".join(csv_chunks(header, rows))


CSV_CHUNK_ROWS = 2000  # rows of text at a time: a batch's CSV is written as it is made


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """csv_text's text, a few thousand rows at a time."""
    texts = CellTexts()  # most text repeats from row to row: guard and quote each text once
    buffer = io.StringIO()
    # csv.QUOTE_MINIMAL with "\n" rows leaves a bare "\r" unquoted, and a spreadsheet starts a new
    # row there (where "'\r=cmd" would become a cell "=cmd"): quote every cell that holds one too.
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    written: list[str] = []
    for count, values in enumerate(itertools.chain([header], rows), start=1):
        text = texts.join(values) if len(values) > 1 else None  # a lone empty cell is written ""
        if text is not None:
            written.append(text + "\n")
        else:
            cells = [_cell(value) for value in values]
            if any(isinstance(value, str) and "\r" in value for value in cells):
                quoted.writerow(cells)  # every text quoted; numbers as they are
            else:
                writer.writerow(cells)
            written.append(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        if count % CSV_CHUNK_ROWS == 0:
            yield "".join(written)
            written.clear()
    yield "".join(written)


def dicts_csv(rows: list[dict[str, Any]], columns: Sequence[str] = ()) -> str:
    """Rows of mappings through csv_text: the header is the first row's keys (`columns` when
    there are no rows)."""
    header = list(rows[0]) if rows else list(columns)
    return csv_text(header, ([row.get(name) for name in header] for row in rows))


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


# Added at the end, after the gases, only when a batch has them: a CSV without an analysis or data
# quality stays as it was, column for column.
UNCERTAINTY_COLUMNS = ["uncertainty_pct", "uncertainty_activity_pct", "uncertainty_factor_pct", "uncertainty_from"]
DATA_QUALITY_COLUMNS = ["data_quality_source", "data_quality_activity", "data_quality_factor", "evidence"]


# Added at the very end only when a batch has a failed input, which gets one row with its status
# and first error and empty numbers: a batch where every input computed stays as it was.
STATUS_COLUMNS = ["status", "first_error"]
_RESULT_CELLS = 5  # the first of CSV_COLUMNS, a result's own (_result_cells)


@dataclass
class CsvLayout:
    """The columns of a batch's CSV, which depend on every entry: the gases of all lines, and the
    uncertainty, data-quality and status columns when any entry has them. Taken record by record
    (`add`), so that a batch's entries need not all be held at once."""

    gases: set[str] = field(default_factory=set)
    uncertainty: bool = False
    quality: bool = False
    failed: bool = False

    def add(self, record: CsvRecord) -> None:
        if isinstance(record, FailedRecord):
            self.failed = True
            return
        for line in record.lines:
            self.gases.update(line.gases_t)
            self.quality = self.quality or line.quality_given
        self.uncertainty = self.uncertainty or record.uncertainty


class LineRecord(NamedTuple):  # a tuple: 100,000 of them are made in a blink
    """One line's cells before the layout is known, already as written (formula-guarded, None as
    empty, each part joined as CSV text): its own columns after the result's (ResultRecord.head),
    with its factor's in a text of their own (the one text of every line with that factor: a
    spooled record holds it once), its gases, its Approach 1 uncertainty cells (None: outside the
    analysis), its data-quality cells, and whether any grade or evidence was given. A line where a
    part holds a carriage return is written all quoted, by csv.writer: it keeps each part's guarded
    cells instead (`quoted`)."""

    cells: str
    factor: str
    amounts: str
    gases_t: dict[str, float]
    uncertainty: str | None
    quality: str
    quality_given: bool
    quoted: QuotedLine | None = None


@frozen
class QuotedLine(Record):
    """A line's guarded cells, all its columns (the result's too), and whether each of the three
    parts holds a carriage return."""

    cells: list[Any]
    uncertainty: list[Any] | None
    quality: list[Any]
    returns: tuple[bool, bool, bool]


@frozen
class ResultRecord(Record):
    lines: list[LineRecord]
    status: str
    uncertainty: bool  # the result has an analysis
    head: str = ""  # the cells every line of the result begins with, as CSV text


@frozen
class FailedRecord(Record):
    source: str
    first_error: str
    returns: bool = False


CsvRecord = ResultRecord | FailedRecord


def _guarded(values: list[Any]) -> tuple[list[Any], bool]:
    """Cells as the CSV writer writes them (see csv_chunks), and whether one holds a carriage return."""
    cells: list[Any] = []
    returns = False
    for value in values:
        kind = type(value)
        if kind is float or kind is int:
            cells.append(value)
            continue
        cell = _guarded_text(value) if kind is str else _cell(value)
        if isinstance(cell, str) and "\r" in cell:
            returns = True
        cells.append(cell)
    return cells, returns


# Most text of a batch's rows repeats from row to row and file to file (a factor's source, a unit).
_guarded_text = functools.lru_cache(maxsize=4096)(_safe)


def line_cells(result: InventoryResult, line: Line) -> list[Any]:
    """A line's values in the order of CSV_COLUMNS (None where it has none): the CSV's row and
    the lines file's (io/tables.write_lines)."""
    return [*_result_cells(result), *_own_cells(line)]


def _result_cells(result: InventoryResult) -> list[Any]:
    """The first of CSV_COLUMNS, the same on every line of a result."""
    return [result.source, result.name, result.period.start.isoformat(), result.period.end.isoformat(), result.gwp]


def _own_cells(line: Line) -> list[Any]:
    """The rest of CSV_COLUMNS, the line's own."""
    return [*_activity_cells(line), *_factor_cells(line.factor), *_amount_cells(line)]


def _activity_cells(line: Line) -> list[Any]:
    return [
        line.index + 1,
        line.id,
        line.activity,
        line.label,
        line.scope,
        line.category,
        line.gpc,
        line.ipcc,
        line.amount,
        line.unit,
    ]


def _factor_cells(factor: Factor) -> list[Any]:
    return [factor.set_id, factor.version, factor.key, factor.per, factor.source]


def _amount_cells(line: Line) -> list[Any]:
    separate = line.separately_reported_t_co2e
    return [line.t_co2e, separate.get(BIOGENIC, 0.0), separate.get(NON_KYOTO, 0.0)]


# Shared by a run's records: a batch's inputs repeat the same units, factor keys and sources.
_RECORD_TEXTS = CellTexts()
# A factor's cells as CSV text, by the cells, and that text in UTF-8: a batch's lines take the same
# few factors, whose source (often with Thai) is most of a row's text. Each is made once a run, one
# object that its UTF-8 is then found by without hashing its characters again; a row is written,
# and a record pickled, with the bytes, not the text encoded anew for every line.
_FACTOR_TEXTS: dict[tuple[Any, ...], str | None] = {}
_FACTOR_UTF8: dict[str, bytes] = {}
_HELD = 4096  # distinct factors kept at most (a run's are a few hundred)


def _factor_text(factor: Factor, texts: CellTexts) -> str | None:
    """texts.join(_factor_cells(factor)), once a run for each factor's cells."""
    cells = (factor.set_id, factor.version, factor.key, factor.per, factor.source)
    text = _FACTOR_TEXTS.get(cells, "")
    if text == "":  # (never a join of five cells, which has four commas)
        if len(_FACTOR_TEXTS) > _HELD:
            _FACTOR_TEXTS.clear()
        text = _FACTOR_TEXTS[cells] = texts.join(cells)
    return text


def _factor_utf8(text: str) -> bytes:
    """A factor's text (_factor_text) in UTF-8, encoded once a run."""
    data = _FACTOR_UTF8.get(text)
    if data is None:
        if len(_FACTOR_UTF8) > _HELD:
            _FACTOR_UTF8.clear()
        data = _FACTOR_UTF8[text] = text.encode("utf-8")
    return data


def csv_record(entry: Entry) -> CsvRecord:
    """What a batch's CSV needs of one entry, small and plain (no factor objects) and already
    guarded: the spool of a streamed batch keeps these, made where the entry was computed."""
    if isinstance(entry, FailedInput):
        (source, first_error), returns = _guarded([entry.source, entry.first_error.format().splitlines()[0]])
        return FailedRecord(source, first_error, returns)
    uncertainty = _uncertainty_cells(entry)
    texts = _RECORD_TEXTS  # each distinct text guarded and quoted once in a run, whatever its input
    head = texts.join(_result_cells(entry))
    lines = []
    for line in entry.lines:
        factor = _factor_text(line.factor, texts)
        given = line.data_quality is not None or line.evidence is not None
        spread = uncertainty.get(line.index)
        quality_text = texts.join(_quality_cells(line)) if given else ",,,"
        own, amounts = _activity_text(line, texts), _amount_text(line, texts)
        spread_text = texts.join(spread) if spread is not None else None
        plain = head is not None and own is not None and factor is not None and amounts is not None
        if not plain or quality_text is None or (spread is not None and spread_text is None):
            lines.append(_quoted_line(entry, line, spread, _quality_cells(line), given))
        else:
            lines.append(LineRecord(own, factor, amounts, line.gases_t, spread_text, quality_text, given))  # type: ignore[arg-type]
    if not entry.lines:  # an inventory without lines still has its row, as in the JSON records
        head = head if head is not None else _quoted_text(_guarded(_result_cells(entry))[0])
    return ResultRecord(lines, _status(entry), entry.analysis is not None, head or "")


def _quoted_text(cells: list[Any]) -> str:
    """Cells already guarded, one of which holds a carriage return, as the start of a row that
    csv.writer writes all quoted (csv_chunks): its empty cells and status are quoted too (_csv_rows)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_NONNUMERIC).writerow(cells)
    return buffer.getvalue()


_TEXT_KINDS = frozenset((str, type(None)))


def _activity_text(line: Line, texts: CellTexts) -> str | None:
    """texts.join(_activity_cells(line)), made at once for the line most are: its texts text or
    None, its scope an int and its amount a float."""
    scope, amount = line.scope, line.amount
    values = (line.id, line.activity, line.label, line.category, line.gpc, line.ipcc, line.unit)
    if type(scope) is not int or type(amount) is not float or not _TEXT_KINDS.issuperset(map(type, values)):
        return texts.join(_activity_cells(line))
    identifier, activity, label, category, reference, ipcc, unit = map(texts.__getitem__, values)
    if texts.carriage and any(value is not None and "\r" in value for value in values):
        return None  # as join: a row with a carriage return is written by csv.writer
    return f"{line.index + 1},{identifier},{activity},{label},{scope},{category},{reference},{ipcc},{amount!r},{unit}"


def _amount_text(line: Line, texts: CellTexts) -> str | None:
    """texts.join(_amount_cells(line)), made at once when the three are floats (as they are)."""
    separate, total = line.separately_reported_t_co2e, line.t_co2e
    if not separate and type(total) is float:
        return f"{total!r},0.0,0.0"  # nothing reported apart (most lines): each share is 0.0
    biogenic, non_kyoto = separate.get(BIOGENIC, 0.0), separate.get(NON_KYOTO, 0.0)
    if type(total) is float and type(biogenic) is float and type(non_kyoto) is float:
        return f"{total!r},{biogenic!r},{non_kyoto!r}"
    return texts.join(_amount_cells(line))


def _quoted_line(
    entry: InventoryResult, line: Line, spread: list[Any] | None, quality: list[Any], given: bool
) -> LineRecord:
    cells, in_cells = _guarded(line_cells(entry, line))
    spread_cells, in_spread = _guarded(spread) if spread is not None else (None, False)
    quality_cells, in_quality = _guarded(quality)
    quoted = QuotedLine(cells, spread_cells, quality_cells, (in_cells, in_spread, in_quality))
    return LineRecord("", "", "", line.gases_t, None, "", given, quoted)


def text_gases(layout: CsvLayout) -> tuple[str, ...] | None:
    """The gas columns under which a record's rows may be written as text where the record is made
    (spooled_record), before the batch's layout is known: None when `layout` adds other columns
    (uncertainty, data quality, a status), whose rows are made at the end from the record."""
    if layout.uncertainty or layout.quality or layout.failed:
        return None
    return tuple(sorted(layout.gases))


def spooled_record(record: CsvRecord, layout: CsvLayout) -> tuple[tuple[str, ...] | None, bytes | None, bytes]:
    """What a batch's spool keeps of `record`, made where the record is (a worker): the text of its
    rows (UTF-8) under `layout`, the layout of the records seen so far there, with the gas columns
    that text has (text_gases; None and None when it has none), and the record itself `packed`. The
    batch's writer copies the text when the whole batch's layout has the same columns (most
    batches), and writes the rows from the record otherwise."""
    gases = text_gases(layout)
    if gases is None or not isinstance(record, ResultRecord):
        return None, None, packed(record)
    if not record.lines:  # the one row of an inventory without lines, its own cells (a text)
        rows = _csv_rows((record,), list(gases), False, False, 0, len(CSV_COLUMNS) + len(gases))
        return gases, "".join(row for row in rows if isinstance(row, str)).encode("utf-8"), packed(record)
    # _csv_rows' rows, in UTF-8 part by part: the factor's text is encoded once a run (_factor_utf8)
    head = record.head.encode("utf-8")
    parts: list[bytes] = []
    for line in record.lines:
        if line.quoted is not None:  # a row csv.writer quotes whole (a carriage return): made at the end
            return None, None, packed(record)
        after = f",{line.amounts}{_masses(line, gases)}\n".encode()
        parts += (head, b",", line.cells.encode("utf-8"), b",", _factor_utf8(line.factor), after)
    return gases, b"".join(parts), packed(record)


def packed(record: CsvRecord) -> bytes:
    """`record` pickled as plain tuples: a named tuple and a dataclass are pickled through Python
    code of their own, line by line, which took half of a small inventory's record text's time."""
    if isinstance(record, FailedRecord):
        return pickle.dumps((record.source, record.first_error, record.returns), protocol=pickle.HIGHEST_PROTOCOL)
    # a factor's text as its UTF-8, made once a run (pickle would encode the text for every line)
    lines = [(line[0], _packed_text(line[1]), *line[2:]) for line in record.lines]
    return pickle.dumps((lines, record.status, record.uncertainty, record.head), protocol=pickle.HIGHEST_PROTOCOL)


def _packed_text(text: str) -> str | bytes:
    try:
        return _factor_utf8(text)
    except UnicodeEncodeError:  # a lone surrogate (as pickle keeps it): the text itself
        return text


def unpacked(data: bytes) -> CsvRecord:
    """The record `packed` made these bytes of (our own, made in this run)."""
    fields = pickle.loads(data)
    if len(fields) == 3:
        return FailedRecord(*fields)
    lines, status, uncertainty, head = fields
    return ResultRecord(
        [LineRecord(cells, f if type(f) is str else f.decode("utf-8"), *rest) for cells, f, *rest in lines],
        status,
        uncertainty,
        head,
    )


def to_csv(entries: Sequence[Entry]) -> str:
    records = [csv_record(entry) for entry in entries]
    layout = CsvLayout()
    for record in records:
        layout.add(record)
    return "".join(csv_record_chunks(records, layout))


def csv_record_chunks(records: Iterable[CsvRecord], layout: CsvLayout) -> Iterator[str]:
    """A batch's CSV (`to_csv`) a few thousand rows at a time, from its records and their layout:
    csv_chunks' text, from cells already guarded."""
    yield csv_header(layout)
    yield from csv_body_chunks(records, layout)


def _header(layout: CsvLayout) -> list[str]:
    header = CSV_COLUMNS + [f"t_{gas}" for gas in sorted(layout.gases)]
    quality = layout.uncertainty or layout.quality
    header += (UNCERTAINTY_COLUMNS if layout.uncertainty else []) + (DATA_QUALITY_COLUMNS if quality else [])
    return header + (STATUS_COLUMNS if layout.failed else [])


def csv_header(layout: CsvLayout) -> str:
    """The first line of a batch's CSV under `layout`."""
    buffer = io.StringIO()
    cells, returns = _guarded(_header(layout))
    if returns:  # as csv_body_chunks writes a row
        csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC).writerow(cells)
    else:
        csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def csv_body_chunks(records: Iterable[CsvRecord], layout: CsvLayout) -> Iterator[str]:
    """The rows of a batch's CSV after its header (csv_header), from the records."""
    gases = sorted(layout.gases)
    uncertainty = layout.uncertainty
    quality = uncertainty or layout.quality
    status_width = len(_header(layout)) if layout.failed else 0
    width = len(_header(layout)) - (len(STATUS_COLUMNS) if layout.failed else 0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)  # as in csv_chunks
    written: list[str] = []
    count = 0
    for row in _csv_rows(records, gases, uncertainty, quality, status_width, width):
        if isinstance(row, str):
            written.append(row)
        else:
            cells, returns = row
            (quoted if returns else writer).writerow(cells)
            written.append(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        count += 1
        if count >= CSV_CHUNK_ROWS:
            yield "".join(written)
            written.clear()
            count = 0
    yield "".join(written)


def _csv_rows(
    records: Iterable[CsvRecord],
    gases: list[str],
    uncertainty: bool,
    quality: bool,
    status_width: int,
    width: int,
) -> Iterator[str | tuple[list[Any], bool]]:
    """The rows of the records: a row's text (its line end included), or its cells and whether one
    holds a carriage return, for csv.writer; with `status_width` (the header's width, when an input
    failed) a status and first error end every row, and a failed input has a row of its own. An
    inventory without lines has one row, of its own cells (`width` columns before the status)."""
    for record in records:
        if isinstance(record, FailedRecord):
            if status_width:
                yield [record.source] + [""] * (status_width - 3) + ["errors", record.first_error], record.returns
            continue
        status = record.status if status_width else None
        ending = f",{status},\n" if status is not None else "\n"
        if not record.lines:
            if "\r" in record.head:  # (only in a quoted cell: a row csv.writer writes all quoted)
                cells = [""] * (width - _RESULT_CELLS) + ([status, ""] if status is not None else [])
                yield record.head + "".join(f',"{cell}"' for cell in cells) + "\n"
            else:
                yield record.head + "," * (width - _RESULT_CELLS) + ending
            continue
        for line in record.lines:
            if line.quoted is not None:
                yield _quoted_row(line, line.quoted, gases, uncertainty, quality, status)
                continue
            text = f"{record.head},{line.cells},{line.factor},{line.amounts}{_masses(line, gases)}"
            if uncertainty:
                text += "," + (line.uncertainty if line.uncertainty is not None else ",,,")
            if quality:
                text += "," + line.quality
            yield text + ending


def _masses(line: LineRecord, gases: Sequence[str]) -> str:
    """A plain line's cells of the gas columns, each after a comma."""
    if not gases:
        return ""
    masses = map(line.gases_t.get, gases)
    return "," + ",".join([repr(mass) if type(mass) is float else _number_text(mass) for mass in masses])


def _quoted_row(
    line: LineRecord, parts: QuotedLine, gases: list[str], uncertainty: bool, quality: bool, status: str | None
) -> tuple[list[Any], bool]:
    row = parts.cells + [line.gases_t.get(gas, "") for gas in gases]
    in_cells, in_spread, in_quality = parts.returns
    returns = in_cells
    if uncertainty:
        row += parts.uncertainty if parts.uncertainty is not None else ["", "", "", ""]
        returns = returns or in_spread
    if quality:
        row += parts.quality
        returns = returns or in_quality
    if status is not None:
        row += [status, ""]
    return row, returns


def _number_text(value: Any) -> str:
    """A gas's cell as csv.writer writes it (None: the line has no such gas, an empty cell)."""
    if value is None:
        return ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([value, ""])
    return buffer.getvalue()[:-2]


def _uncertainty_cells(result: InventoryResult) -> dict[int, list[Any]]:
    """A line's Approach 1 uncertainty (IPCC 2006 Vol.1 Ch.3 Eq. 3.1), by activity index: the ±% of
    its activity data, of its factor and combined, and where the ranges come from. A line outside the
    total (R-22, biogenic CO2 only) is not in the analysis and gets empty cells."""
    if result.analysis is None:
        return {}
    return {
        row.index: [row.combined_pct, row.activity_pct, row.factor_pct, "; ".join(row.origins)]
        for row in result.analysis.approach_1.lines
    }


def _quality_cells(line: Line) -> list[Any]:
    grades = line.data_quality
    return [
        (grades.source if grades else None) or "",
        (grades.activity if grades else None) or "",
        (grades.factor if grades else None) or "",
        line.evidence or "",
    ]
