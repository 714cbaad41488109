"""Whether an inventory given beside another (last year's with `--previous`, the base year's with
`--base`) is of the same organisation and kind: a file of the next town picked from a shared folder
is otherwise compared, or made the base year, without a word."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any, NamedTuple, Protocol, TypeVar

from ghgcalc.errors import Issue, visible, warning
from ghgcalc.i18n import N_, tr
from ghgcalc.models.result import InventoryResult
from ghgcalc.thai import canonical_name, thai_to_arabic_digits


def code_key(code: str) -> str:
    """A local government's code as compared: "0500101" and 500101 (typed into an Excel cell as a
    number, its leading zero dropped), "๐๕๐๐๑๐๑" and "05-00101" are one code."""
    plain = "".join(ch for ch in canonical_name(thai_to_arabic_digits(code)) if ch.isalnum()).casefold()
    return (plain.lstrip("0") or plain) if plain.isdigit() else plain


def _entity_name(name: str) -> str:
    """A name as compared, as the summary compares them: one writing of it, in one letter case."""
    return canonical_name(name).casefold()


def _code(result: InventoryResult) -> str | None:
    code = result.organization.code if result.organization else None
    return code.strip() if code and code.strip() else None


def _codes(other: InventoryResult, result: InventoryResult) -> tuple[str, str] | None:
    mine, theirs = _code(result), _code(other)
    return (theirs, mine) if mine and theirs else None


def _same(one: InventoryResult, other: InventoryResult) -> bool:
    """One organisation: the same local-government code, read as a code (0500101 and 500101 from an
    Excel cell), where both give one; else the same name, without case and extra spaces."""
    codes = _codes(other, one)
    if codes is not None:
        return code_key(codes[0]) == code_key(codes[1])
    return _entity_name(other.name) == _entity_name(one.name)


def entities(results: list[InventoryResult]) -> list[str]:
    """The name of each organisation among `results`, as its first inventory writes it (a trend of
    one organisation has one, whether a year names it in Thai or in English beside its code)."""
    found: list[InventoryResult] = []
    for result in results:
        if not any(_same(result, seen) for seen in found):
            found.append(result)
    return [result.name for result in found]


_KINDS = {
    "organization": N_("an organisation's own inventory"),
    "community": N_("a community inventory (a city or a province)"),
}


def other_entity(other: InventoryResult, result: InventoryResult, role: str) -> list[Issue]:
    """A warning when `other`, the inventory given as last year's (`role` "previous") or as the base
    year's ("base"), is of another organisation or another kind than `result`: a file of the next
    town picked from a shared folder is compared line by line, or made the base year, without a
    word. Organisations with a local-government code (`organization.code`) on both sides are the
    same when the codes are (two towns may share a name); otherwise when the names are, read
    without case and extra spaces."""
    code = "previous-year-entity" if role == "previous" else "base-entity"
    which = (
        tr("the previous year's inventory ({source})", source=other.source)
        if role == "previous"
        else tr("the base year's inventory ({source})", source=other.source)
    )
    option = "--previous" if role == "previous" else "--base"
    if other.kind != result.kind:
        message = tr(
            "{which} is {kind}, this one {own}",
            which=which,
            kind=tr(_KINDS.get(other.kind, other.kind)),
            own=tr(_KINDS.get(result.kind, result.kind)),
        )
        if role == "previous":
            message = tr("{message}: their lines were not compared", message=message)
        hint = tr("give the inventory of the same organisation and kind with {option}", option=option)
        return [warning(code, message, ("kind",), hint)]
    codes = _codes(other, result)
    if codes is not None:
        if _same(result, other):
            return []
        message = tr(
            "{which} is of local government {theirs} ({name}), this one of {mine}",
            which=which,
            theirs=visible(codes[0]),
            name=visible(other.name),
            mine=visible(codes[1]),
        )
        hint = tr("give the inventory of the same organisation with {option}", option=option)
        return [warning(code, message, ("organization", "code"), hint)]
    if _entity_name(other.name) == _entity_name(result.name):
        return []
    message = tr(
        "{which} is of '{theirs}', this one of '{mine}'",
        which=which,
        theirs=visible(other.name),
        mine=visible(result.name),
    )
    hint = tr(
        "give the inventory of the same organisation with {option}; if it is this one under another name, "
        "ignore this warning",
        option=option,
    )
    return [warning(code, message, ("name",), hint)]


class Who(NamedTuple):
    """Which local government, kind and period a computed inventory is of, as a batch tells its
    inputs apart (Repeats); a tuple, small enough to travel back from a worker with each outcome."""

    file: str
    kind: str
    name: str
    code: str | None
    province: str | None  # in one writing (thai.canonical_name), as a summary's row has it
    period: str  # as the inventory wrote it
    period_start: dt.date  # its first and last day: one period whether written 2567 or 2024
    period_end: dt.date
    total: float  # tCO2e: a copy has the same, a part or another version of it another
    tables: tuple[tuple[str, str], ...] = ()  # its activity tables: where each was read, and its name

    @classmethod
    def of(cls, result: InventoryResult) -> Who:
        organization = result.organization
        province = organization.province if organization else None
        return cls(
            result.source,
            result.kind,
            result.name,
            _code(result),
            canonical_name(province) if province else None,
            result.period.written or result.period.label,
            result.period.start,
            result.period.end,
            result.total_t_co2e,
            tuple((table.path, table.file) for table in result.tables) if result.tables else (),
        )


class Identified(Protocol):
    """An inventory as Repeats tells it apart: a Who, or a summary's row."""

    @property
    def kind(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def code(self) -> str | None: ...
    @property
    def province(self) -> str | None: ...
    @property
    def period(self) -> str | None: ...
    @property
    def period_start(self) -> dt.date | str | None: ...  # a date, or its ISO text (a summary's row)
    @property
    def period_end(self) -> dt.date | str | None: ...
    @property
    def total(self) -> float | None: ...


Row = TypeVar("Row", bound=Identified)


class Repeats:
    """The inventories of a batch or a summary, one at a time, each told whether an earlier one is
    of the same local government and kind over the same days or some of them: two files of one
    inventory (a copy under another name, the YAML beside the workbook `convert` made of it; a
    period written 2567 or 2024 is one), or one town's fiscal year beside its calendar year (nine
    months in both), whose totals a rollup or a sum of the batch's output counts twice. A local
    government is its code (code_key: 0500101 and 500101 are one); two inventories of one name and
    province (provinces.province_key: `จ.ลำปาง` and `Lampang` are one) are one local government too
    unless both give a code, and their codes differ: a copy whose code was added or left out is
    still a copy. An organisation's own inventory and its community's are two. One town's years one
    after another (a trend's folder), or its two half years, share no day and are not told."""

    def __init__(self) -> None:
        from ghgcalc.core.provinces import province_key  # only a batch or a summary needs the provinces

        self._province = province_key
        # the first inventory of each local government and period, and each local government's
        # periods (one inventory of each) for the overlaps: a copy is found without going through them
        self._same: dict[tuple[object, ...], Identified] = {}
        self._periods: dict[tuple[object, ...], list[Identified]] = {}

    def earlier(self, row: Row) -> Row | None:
        """The earlier inventory `row` repeats (of the same type as it), or None: one of the same
        period if there is one, else the first whose period shares days with its period."""
        period = (row.period_start, row.period_end) if row.period_start else (row.period,)
        keys: list[tuple[tuple[object, ...], bool]] = []  # (the local government, whether by its code)
        if row.code is not None:
            keys.append(((row.kind, code_key(row.code)), True))
        if row.name is not None:
            keys.append(((row.kind, _entity_name(row.name), self._province(row.province or "")), False))
        found: Identified | None = None
        for who, coded in keys:
            same = self._same.setdefault((*who, *period), row)
            if found is None and same is not row and (coded or same.code is None or row.code is None):
                found = same
        if found is None and row.period_start:
            found = next((e for who, coded in keys for e in self._overlapping(who, coded, row)), None)
        if found is None:
            for who, _ in keys:
                self._periods.setdefault(who, []).append(row)
        return found  # type: ignore[return-value]

    def _overlapping(self, who: tuple[object, ...], coded: bool, row: Identified) -> Iterator[Identified]:
        start: Any = row.period_start
        end: Any = row.period_end
        for other in self._periods.get(who, ()):
            by_code = coded or other.code is None or row.code is None
            if by_code and other.period_start and start <= other.period_end and other.period_start <= end:
                yield other


def other_totals(row: Identified, earlier: Identified) -> bool:
    """Whether two inventories Repeats found of one local government and period give different
    totals: not a copy (the YAML and its workbook give the same), but a part of it (scope 3 in a
    file of its own) or another version of it."""
    return (
        row.total is not None
        and earlier.total is not None
        and not math.isclose(row.total, earlier.total, rel_tol=1e-9, abs_tol=1e-12)
    )


def tonnes(value: float) -> str:
    """tCO2e as a message quotes a total: 4 significant digits, whole tonnes from 1,000 on."""
    return format(value, ",.0f") if abs(value) >= 1000 else format(value, ",.4g")
