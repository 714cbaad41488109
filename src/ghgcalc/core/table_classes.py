"""The rows of an activity table, computed by class: every row with the same activity, unit,
placement and grades takes the same factor, conversion and weights, so one unit of each class is
computed by the same code as a line of a file (`compute_line`), and a row's result is its amount
times its class's unit line. Pure: the table engine (io/tables.py) sums and multiplies the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ghgcalc.core.compute import compute_line, declared_gases
from ghgcalc.core.resolve import Catalogue
from ghgcalc.errors import Issue
from ghgcalc.models.inventory import Activity, DataQuality, Inventory
from ghgcalc.models.result import Line

# Classes with problems that get a did-you-mean: the rows of the first ones are listed, the rest counted.
SUGGESTED = 20


@dataclass(frozen=True)
class RowClass:
    """The columns that decide how a row is computed (texts as written, None when empty)."""

    activity: str
    unit: str
    scope: int | None = None
    gpc: str | None = None
    ipcc: str | None = None
    category: str | None = None
    ncv: str | None = None
    density: str | None = None
    division: str | None = None
    quality_source: str | None = None
    quality_activity: str | None = None
    quality_factor: str | None = None

    @property
    def data_quality(self) -> DataQuality | None:
        grades = (self.quality_source, self.quality_activity, self.quality_factor)
        if not any(grades):
            return None
        return DataQuality.model_validate(
            {k: v for k, v in zip(("source", "activity", "factor"), grades, strict=True) if v}
        )


@dataclass(frozen=True)
class Coefficients:
    """What one unit of a class's amount gives (tonnes, tonnes CO2e), from its unit line."""

    line: Line  # the class's line for an amount of 1 in its unit

    @property
    def gases(self) -> dict[str, float]:
        return self.line.gases_t

    @property
    def largest(self) -> float:
        """The largest magnitude one unit gives of anything a line reports (for the size check)."""
        line = self.line
        values = [line.t_co2e, *line.gases_t.values(), *line.separately_reported_t_co2e.values()]
        return max((abs(v) for v in values), default=0.0)


def class_lines(
    classes: list[RowClass], inventory: Inventory, catalogue: Catalogue, gwp_set: str
) -> tuple[dict[int, Coefficients], dict[int, list[Issue]]]:
    """Each class's coefficients, or its problems (paths ("activities", class number, field)),
    exactly as a file's line with an amount of 1 would be computed."""
    declared, _ = declared_gases(inventory)
    warned: set[str] = set()
    memo: dict[int, Any] = {}  # each factor's gas weights, as compute() keeps them
    found: dict[int, Coefficients] = {}
    problems: dict[int, list[Issue]] = {}
    for number, row in enumerate(classes):
        issues: list[Issue] = []
        try:
            activity = Activity(
                activity=row.activity,
                amount=1.0,
                unit=row.unit,
                scope=row.scope,  # type: ignore[arg-type]  # checked by the engine: 1, 2 or 3
                gpc=row.gpc,
                ipcc=row.ipcc,
                category=row.category,
                ncv=row.ncv,
                density=row.density,
                division=row.division,
                data_quality=row.data_quality,
            )
        except ValueError as exc:  # a grade that is not one (validated by the model, as in a file)
            from ghgcalc.errors import error

            issues.append(error("data-quality-invalid", str(exc).splitlines()[-1].strip(), ("activities", number)))
            problems[number] = issues
            continue
        # a did-you-mean costs a search of every key: only the classes whose rows may be listed get one
        suggest = len(problems) < SUGGESTED
        line = compute_line(number, activity, catalogue, inventory, gwp_set, declared, warned, issues, memo, suggest)
        if issues:
            problems[number] = issues
        if line is not None:
            found[number] = Coefficients(line)
    return found, problems


@dataclass(frozen=True)
class ClassSums:
    """A class's rows summed by the engine: the count, the amount and, when every row gives
    months, the monthly sums in the period's order."""

    rows: int
    amount: float
    monthly: tuple[float, ...] | None
    first_row: int
    largest: float  # the largest amount of one row


def group_line(index: int, coefficients: Coefficients, sums: ClassSums, label: str) -> Line:
    """A class's rows as one line of the result: every mass is the class's summed amount times
    what one unit gives (mass is linear in the amount, so this is the sum of the rows' masses)."""
    unit = coefficients.line
    amount = sums.amount

    def times(values: dict[str, float]) -> dict[str, float]:
        return {key: amount * value for key, value in values.items()}

    return replace(
        unit,
        index=index,
        amount=amount,
        monthly=sums.monthly,
        label=label,
        gases_t=times(unit.gases_t),
        t_co2e=amount * unit.t_co2e,
        t_co2e_by_gas=times(unit.t_co2e_by_gas),
        separately_reported_t_co2e=times(unit.separately_reported_t_co2e),
    )
