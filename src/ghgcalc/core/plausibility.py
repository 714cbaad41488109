"""Warnings for numbers that are possible but probably wrong: none of them stops a calculation.

Every limit is a field of `Thresholds`, documented in docs/inventory-format.md ("Warnings for
likely slips") and set on the command line with `--threshold NAME=VALUE` (`off` turns a check off).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import fields, replace

from ghgcalc import units
from ghgcalc.errors import Issue, visible, warning
from ghgcalc.i18n import N_, tr
from ghgcalc.models.period import Period
from ghgcalc.models.result import InventoryResult, Line
from ghgcalc.records import Record, frozen

# Fewer non-zero months than this say nothing about a line's usual month.
MIN_MONTHS = 3
# The length of an average month, in days: turns a period into its number of months.
MONTH_DAYS = 365.2425 / 12
# A line more than this many times the next largest is said to be "over a million times" it: a
# 34-digit ratio (next to a line of 1e-30 t) says nothing more.
MILLION = 1e6


@frozen
class Thresholds(Record):
    """The limits of the checks; None turns a check off."""

    # A month this many times the median of its line's other months (or this many times smaller)
    # is likely a decimal slip: 101,000 typed for 10,100.
    month: float | None = 5.0
    # A zero month between non-zero ones is a missing reading when at most this share of the
    # line's months are zero and its other months are steady (within `month` of their median).
    zeros: float | None = 0.25
    # A line this many times larger or smaller than the same line of the previous year.
    previous: float | None = 3.0
    # A line this share of the total, and `dominant` times the next largest, likely has a unit slip.
    share: float | None = 0.9
    dominant: float | None = 100.0
    # A method line's population this many times the inventory's own `indicators.population`: a
    # digit too many (4,520,000 for 452,000). A line may cover part of the population, never more;
    # 1.5 leaves room for a register's population beside a census's (migrant workers, students).
    population: float | None = 1.5


# What each threshold may be: (lowest allowed, why).
_LIMITS = {
    "month": (1.0, N_("a ratio above 1, e.g. month=5")),
    "zeros": (0.0, N_("a share from 0 to 1, e.g. zeros=0.25")),
    "previous": (1.0, N_("a ratio above 1, e.g. previous=3")),
    "share": (0.0, N_("a share from 0 to 1, e.g. share=0.9")),
    "dominant": (1.0, N_("a ratio above 1, e.g. dominant=100")),
    "population": (1.0, N_("a ratio above 1, e.g. population=1.5")),
}
NAMES = tuple(f.name for f in fields(Thresholds))


class ThresholdError(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def parse_thresholds(texts: list[str] | tuple[str, ...], base: Thresholds | None = None) -> Thresholds:
    """`["month=5,previous=3", "zeros=off"]` as Thresholds; raises ThresholdError."""
    found = base or Thresholds()
    hint = tr(
        "write NAME=VALUE, NAME one of {names}; VALUE a number or off (e.g. month=5,previous=3)",
        names=", ".join(NAMES),
    )
    for text in texts:
        for part in text.split(","):
            if not part.strip():
                continue
            name, equals, value = (p.strip() for p in part.partition("="))
            if name not in NAMES or not equals:
                raise ThresholdError(tr("--threshold: '{given}' is not a threshold", given=visible(part.strip())), hint)
            if value.lower() == "off":
                found = replace(found, **{name: None})
                continue
            lowest, why = _LIMITS[name]
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            shares = name in ("zeros", "share")
            if not math.isfinite(number) or number < lowest or (shares and number > 1) or (not shares and number == 1):
                raise ThresholdError(
                    tr("--threshold: {name}={value} is not {why}", name=name, value=visible(value), why=tr(why)), hint
                )
            found = replace(found, **{name: number})
    return found


@frozen
class Checks(Record):
    """What the plausibility checks of one run use: the thresholds and, if given, last year's result."""

    thresholds: Thresholds = Thresholds()
    previous: InventoryResult | None = None


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}" if abs(value) >= 1 else f"{value:.3g}"


def times_text(ratio: float) -> str:
    """A ratio in words: 10 times, 2.5 times, 1/10 of."""
    if ratio >= 1:
        return tr("{ratio} times", ratio=f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.2g}")
    return tr("1/{ratio} of", ratio=f"{1 / ratio:,.0f}" if ratio <= 0.1 else f"{1 / ratio:.2g}")


def _amount(value: float, unit: str) -> str:
    return f"{_number(value)} {visible(unit)}"


def check(
    lines: list[Line],
    period: Period | None = None,
    checks: Checks | None = None,
    kind: str | None = None,
    population: float | None = None,
) -> list[Issue]:
    """Every warning for the lines of one inventory of `kind` over `period` (whose own population,
    `indicators.population`, is `population`). Last year's result is compared only with an
    inventory of its own kind: the organisations a city includes are not."""
    checks = checks or Checks()
    limits = checks.thresholds
    monthly = [line for line in lines if line.monthly]  # the monthly checks' lines, in order
    issues = _monthly_outliers(monthly, limits) if monthly else []
    if monthly:
        issues.extend(_missing_readings(monthly, limits))
        if period is not None:
            issues.extend(_months_against_period(monthly, period))
    issues.extend(_dominant_line(lines, limits))
    if period is not None:
        issues.extend(_few_person_days(lines, period))
    issues.extend(_unusual_scope(lines))
    issues.extend(_heating_value_basis(lines))
    issues.extend(_fuel_in_kwh(lines))
    issues.extend(_repeated_lines(lines))
    if population and limits.population is not None:
        issues.extend(_populations(lines, population, limits.population))
    if checks.previous is not None and kind in (None, checks.previous.kind):
        issues.extend(compare_years(checks.previous, lines, period, limits))
    return issues


def _monthly_outliers(lines: list[Line], limits: Thresholds) -> list[Issue]:
    if limits.month is None:
        return []
    issues = []
    for line in lines:
        for position, value, typical, ratio in outlier_months(line.monthly or (), limits.month):
            times = times_text(ratio)
            issues.append(
                warning(
                    "amount-outlier",
                    tr(
                        "month {month}: {value} is {times} the median of the other months ({typical}); "
                        "expected {low} to {high}",
                        month=position + 1,
                        value=_amount(value, line.unit),
                        times=times,
                        typical=_amount(typical, line.unit),
                        low=_number(typical / limits.month),
                        high=_amount(typical * limits.month, line.unit),
                    ),
                    ("activities", line.index, "amount", position),
                    tr(
                        "check for a typing slip (a misplaced decimal point, an extra or missing digit, a "
                        "total typed into one month); if the value is right, ignore this warning "
                        "(or change the limit: --threshold month={limit})",
                        limit=_number(limits.month),
                    ),
                )
            )
    return issues


def outlier_months(months: Sequence[float], limit: float) -> list[tuple[int, float, float, float]]:
    """(0-based month, its value, the median of the line's other non-zero months, value / median)
    of each month `limit` times that median or more, or 1/`limit` of it or less.

    Exactly the months the rule flags month by month (statistics.median of the others; tests/core
    prove it on random lines), found without a median on most lines: every ratio lies between
    smallest / largest and largest / smallest (a median of the others lies between them, and a
    division rounds monotonically), so a line whose two extreme ratios are within the limits has
    no outlier."""
    if len(months) >= MIN_MONTHS and (low := min(months)) > 0:
        high = max(months)  # every month is used: the same screen, without the list below
        if high / low < limit and low / high > 1 / limit:
            return []
    used = [m for m in months if m > 0]
    if len(used) < MIN_MONTHS:
        return []
    low, high = min(used), max(used)
    if high / low < limit and low / high > 1 / limit:
        return []
    used.sort()
    found = []
    for position, value in enumerate(months):
        if value <= 0:
            continue  # a zero month is a missing reading, if anything (below)
        typical = _median_without(used, value)
        ratio = value / typical
        if ratio == 0 or ratio == float("inf"):
            continue  # denormal numbers: no typing slip makes these
        if ratio >= limit or ratio <= 1 / limit:
            found.append((position, value, typical, ratio))
    return found


def _median_without(ordered: list[float], value: float) -> float:
    """The median of `ordered` (sorted) less one occurrence of `value`, which it holds."""
    at = bisect.bisect_left(ordered, value)
    rest = ordered[:at] + ordered[at + 1 :]
    middle = len(rest) // 2
    return rest[middle] if len(rest) % 2 else (rest[middle - 1] + rest[middle]) / 2


def _steady(values: list[float], ratio: float) -> bool:
    import statistics  # only where there are values to compare: a plain run does not load it

    typical = statistics.median(values)
    return all(typical / ratio < v < typical * ratio for v in values)


def _missing_readings(lines: list[Line], limits: Thresholds) -> list[Issue]:
    """A zero month between non-zero ones, in a line whose other months are steady."""
    if limits.zeros is None or limits.month is None:
        return []
    issues = []
    for line in lines:
        months = line.monthly or ()
        if 0 not in months:
            continue  # no zero month, none missing
        used = [i for i, m in enumerate(months) if m > 0]
        if len(used) < MIN_MONTHS:
            continue
        inside = [i for i in range(used[0], used[-1]) if months[i] == 0]
        zeros = sum(1 for m in months if m == 0)
        others = [months[i] for i in used]
        if not inside or zeros > limits.zeros * len(months) or not _steady(others, limits.month):
            continue
        low, high = min(others), max(others)
        for position in inside:
            issues.append(
                warning(
                    "amount-month-zero",
                    tr(
                        "month {month} is 0 {unit} while the line's other {count} months are {low} to {high}: "
                        "a missing reading?",
                        month=position + 1,
                        unit=visible(line.unit),
                        count=len(others),
                        low=_number(low),
                        high=_amount(high, line.unit),
                    ),
                    ("activities", line.index, "amount", position),
                    tr(
                        "enter the month's reading (an empty cell is read as 0); if the month really "
                        "was 0, ignore this warning"
                    ),
                )
            )
    return issues


# Before this year no inventory is of use here: the Kyoto base year is 1990, TGO's programmes began
# in the 2010s. A period before it is a year typed in two digits (1/10/68 read as 1968) or a slip.
EARLIEST_PLAUSIBLE_YEAR = 1990
# The days from the end of a --previous inventory to the start of this one past which it is not
# last year's: a calendar year after the fiscal year before it (FY2566, then 2567) is 93
PREVIOUS_GAP_DAYS = 93


def indicator_slips(indicators: dict[str, float]) -> list[Issue]:
    """A population or a staff count that is not a whole number of people: "12.500", a dot written
    for thousands, is read as 12.5, and every intensity per person (or per staff member) is a
    thousand times too large. And any indicator of 0, which no intensity can be divided by (a blank
    cell read as 0, a figure not yet known). Said, not corrected: only the user knows what was meant."""
    issues = [
        warning(
            "indicator-zero",
            tr(
                "indicators.{name} is 0: nothing is divided by it, so this inventory has no intensity against it "
                "and is left out of the summary's medians and outliers of it",
                name=name,
            ),
            ("indicators", name),
            tr("write the figure, or leave indicators.{name} out if it is not known", name=name),
        )
        for name, value in indicators.items()
        if value == 0
    ]
    for name in ("population", "staff"):
        value = indicators.get(name)
        if value is None or value == int(value):
            continue
        issues.append(
            warning(
                "indicator-not-whole",
                tr(
                    "indicators.{name} is {value}, not a whole number of people: if a dot was written for "
                    "thousands (12.500 for 12,500), it was read as a decimal point, and the intensity divided by it "
                    "is 1,000 times too large",
                    name=name,
                    value=_number(value),
                ),
                ("indicators", name),
                tr(
                    "write the number without a dot for thousands (12500 or 12,500); if it is right, ignore this "
                    "warning"
                ),
            )
        )
    return issues


def period_plausibility(period: Period, today: dt.date | None) -> list[Issue]:
    """A period that ends after next year (2657 for 2567, a C.E. year taken for B.E.) or starts
    before EARLIEST_PLAUSIBLE_YEAR: read as written, since only the user knows, and said, since
    the year chooses the factor edition and the GWP set. `today` is given (the core has no clock);
    without it the future is not checked."""
    if today is not None and period.end.year > today.year + 1:
        message = tr(
            "the period {period} ends after next year: an inventory is of a period that has passed or is under way",
            period=period.label,
        )
        hint = tr(
            "check the year for a typing slip (this year is {be} B.E., {ce} C.E.)", be=today.year + 543, ce=today.year
        )
        return [warning("period-future", message, ("period",), hint)]
    if period.start.year < EARLIEST_PLAUSIBLE_YEAR:
        message = tr(
            "the period {period} starts before {year}: a year typed in two digits (68) is read as 19xx",
            period=period.label,
            year=EARLIEST_PLAUSIBLE_YEAR,
        )
        hint = tr("write the year in full: 2568 (B.E.) or 2025 (C.E.)")
        return [warning("period-early", message, ("period",), hint)]
    return []


def period_months(period: Period) -> int:
    """How many months a period covers: 12 for a calendar or fiscal year, 3 for a quarter."""
    return max(1, round(((period.end - period.start).days + 1) / MONTH_DAYS))


def _months_against_period(lines: list[Line], period: Period) -> list[Issue]:
    """A monthly list shorter (or longer) than the period: months left out, or a list of something else."""
    expected = period_months(period)
    issues: list[Issue] = []
    for line in lines:
        count = len(line.monthly or ())
        if not count or count == expected:
            continue
        span = tr("the {months}-month period {period}", months=expected, period=period.label)
        if count < expected:
            missing = expected - count
            issues.append(
                warning(
                    "amount-months-missing",
                    tr(
                        "{count} monthly value(s) for {span}: {missing} month(s) missing, so the line's "
                        "total ({total}) may be short",
                        count=count,
                        span=span,
                        missing=missing,
                        total=_amount(line.amount, line.unit),
                    ),
                    ("activities", line.index, "amount"),
                    tr("add the missing months (0 for a month without use), or write the period's total as one amount"),
                )
            )
        else:
            issues.append(
                warning(
                    "amount-months-extra",
                    tr(
                        "{count} monthly values for {span}: {extra} more than its months",
                        count=count,
                        span=span,
                        extra=count - expected,
                    ),
                    ("activities", line.index, "amount"),
                    tr("keep only the period's months, or correct the period"),
                )
            )
    return issues


def _dominant_line(lines: list[Line], limits: Thresholds) -> list[Issue]:
    if len(lines) < 3 or limits.share is None or limits.dominant is None:
        return []
    # the two largest, as sorted(..., reverse=True)[:2] gives them (ties in their order), in one pass
    largest, second = lines[0], lines[1]
    if second.t_co2e > largest.t_co2e:
        largest, second = second, largest
    for line in lines[2:]:
        if line.t_co2e > largest.t_co2e:
            largest, second = line, largest
        elif line.t_co2e > second.t_co2e:
            second = line
    total = sum(line.t_co2e for line in lines)
    if total <= 0 or largest.t_co2e < limits.share * total or largest.t_co2e < limits.dominant * second.t_co2e:
        return []
    share = f"{100 * largest.t_co2e / total:.1f}"
    ratio = largest.t_co2e / second.t_co2e if second.t_co2e > 0 else math.inf
    if ratio == math.inf:  # the next largest is 0 (or so small that the ratio says nothing)
        message = tr("this line is {share} % of the total; every other line is 0", share=share)
    elif ratio >= MILLION:
        message = tr("this line is {share} % of the total and over a million times the next largest", share=share)
    else:
        message = tr(
            "this line is {share} % of the total and {times} times the next largest", share=share, times=f"{ratio:,.0f}"
        )
    if largest.method_params is not None:  # a method line: its parameters are what a person typed
        names = ", ".join(visible(str(name)) for name in largest.method_params) or "-"
        return [
            warning(
                "line-dominates",
                message,
                ("activities", largest.index, "params"),
                tr(
                    "check the parameters of '{method}' ({names}) for a unit slip (t typed for kg, "
                    "a percentage for a fraction?)",
                    method=visible(largest.activity),
                    names=names,
                ),
            )
        ]
    return [
        warning(
            "line-dominates",
            message,
            ("activities", largest.index, "unit"),
            tr(
                "check its unit and amount: {amount} (t typed for kg, MWh for kWh?)",
                amount=f"{_number(largest.amount)} {visible(largest.unit)}",
            ),
        )
    ]


def _few_person_days(lines: list[Line], period: Period) -> list[Issue]:
    """A line per person-day (septic tanks: staff x working days) of fewer person-days than one
    person working half the period's days: the number of staff typed for staff x working days."""
    days = (period.end - period.start).days + 1
    issues = []
    for line in lines:
        if line.method_params is not None or units.count_kind(line.factor.per) != "person_day":
            continue
        person_days = line.amount * line.conversion
        if not 0 < person_days < days / 2:
            continue
        issues.append(
            warning(
                "person-days-few",
                tr(
                    "{amount} person-days for the {days}-day period {period}: fewer than one person working "
                    "half its days; the number of staff, not staff x working days?",
                    amount=_number(person_days),
                    days=days,
                    period=period.label,
                ),
                ("activities", line.index, "amount"),
                tr(
                    "write staff x working days (86 staff x 245 days = 21,070 person-days); "
                    "if the number is right, ignore this warning"
                ),
            )
        )
    return issues


# Btu and therms are the units of gas bills and trade, on the higher heating value (HHV, gross);
# TGO's and the IPCC's fuel factors are per MJ of the lower (NCV, net) value, which for natural gas
# is about a tenth less: an HHV figure on an NCV factor is about 12 % high.
_GROSS_UNITS = re.compile(r"(?i)(?:btu|therm)")


def _heating_value_basis(lines: list[Line]) -> list[Issue]:
    issues = []
    for line in lines:
        if line.method_params is not None or not _GROSS_UNITS.search(line.unit) or "hhv" in line.factor.key:
            continue
        issues.append(
            warning(
                "heating-value-basis",
                tr(
                    "'{key}' is given in {unit}, which gas bills state on the higher heating value (HHV); "
                    "'{key}' is per the lower heating value (NCV), about a tenth less, so an HHV figure "
                    "makes the line about 12 % high",
                    key=visible(line.factor.key),
                    unit=line.unit,
                ),
                ("activities", line.index, "unit"),
                tr(
                    "if the figure is on the HHV basis (a gas bill), use a factor on that basis "
                    "(natural-gas-hhv in tgo-cfo@2026-02); if it is on the NCV basis, ignore this warning"
                ),
            )
        )
    return issues


# The units of electricity: a fuel given in them is most often a generator's output, not its fuel.
_ELECTRICITY_UNITS = frozenset({"Wh", "kWh", "MWh", "GWh"})


def _fuel_in_kwh(lines: list[Line]) -> list[Issue]:
    """A fuel (a factor per L, kg, m3) given in kWh is converted through its heating value, as the
    fuel's own energy; a generator's meter, though, counts the electricity it made, a third or so
    of the fuel's energy, so the line would be several times too small."""
    issues = []
    for line in lines:
        if line.method_params is not None or units.normalise(line.unit) not in _ELECTRICITY_UNITS:
            continue
        if units.quick_kind(line.factor.per) in (None, "energy"):
            continue
        issues.append(
            warning(
                "fuel-in-kwh",
                tr(
                    "'{key}' is per {per} but is given in {unit}, read as the fuel's own energy: the "
                    "electricity a generator made is not the energy of the fuel it burnt, which is several "
                    "times more",
                    key=visible(line.factor.key),
                    per=visible(line.factor.per),
                    unit=visible(line.unit),
                ),
                ("activities", line.index, "unit"),
                tr(
                    "give the fuel used, in {per} (from the fuel receipts); if the figure is the fuel's own "
                    "energy, write it in MJ (1 kWh = 3.6 MJ)",
                    per=visible(line.factor.per),
                ),
            )
        )
    return issues


def _unusual_scope(lines: list[Line]) -> list[Issue]:
    issues = []
    for line in lines:
        usual = line.factor.scope
        if usual is not None and line.scope != usual and line.gpc is None:
            issues.append(
                warning(
                    "scope-unusual",
                    tr(
                        "'{key}' is usually scope {usual}; this line says scope {scope}",
                        key=visible(line.factor.key),
                        usual=usual,
                        scope=line.scope,
                    ),
                    ("activities", line.index, "scope"),
                    tr("leave scope out to use the factor's own, unless you mean it"),
                )
            )
    return issues


def _repeated_lines(lines: list[Line]) -> list[Issue]:
    """A line that repeats an earlier one in everything a person types (activity, unit, scope,
    category, label, division and every amount; a method line: its method, parameters, GPC
    reference, label and division): a row pasted twice, counted twice. Lines with an id (ids are
    unique) and lines of nothing are not compared."""
    by_amount: dict[float, Line] = {}  # the first line of each total: most totals come once
    first: dict[tuple[object, ...], int] = {}  # lines whose total came before, by all they type
    methods: dict[tuple[object, ...], int] = {}  # method lines by all they type
    issues = []
    for line in lines:
        if line.id is not None:
            continue
        if line.method_params is not None:
            typed = _typed_method(line)
            earlier = methods.setdefault(typed, line.index) if typed is not None else line.index
            if earlier != line.index:
                issues.append(
                    warning(
                        "line-repeated",
                        tr(
                            "the same method, parameters, GPC reference and label as activity {number}: "
                            "both are counted",
                            number=earlier + 1,
                        ),
                        ("activities", line.index),
                        tr("if it was entered twice, remove one; if these are two sources, give each its own label"),
                    )
                )
            continue
        if not line.amount:
            continue
        other = by_amount.setdefault(line.amount, line)
        if other is line:
            continue
        first.setdefault(_typed(other), other.index)
        earlier = first.setdefault(_typed(line), line.index)
        if earlier != line.index:
            issues.append(
                warning(
                    "line-repeated",
                    tr(
                        "the same activity, unit, label and amounts as activity {number}: both are counted",
                        number=earlier + 1,
                    ),
                    ("activities", line.index),
                    tr("if it was entered twice, remove one; if these are two sources, give each its own label"),
                )
            )
    return issues


def _typed(line: Line) -> tuple[object, ...]:
    """What a person types of a line, which two lines of two sources never have all alike."""
    amounts = line.monthly if line.monthly is not None else line.amount
    return (line.activity, line.unit, line.scope, line.category, line.label, line.division, amounts)


def _typed_method(line: Line) -> tuple[object, ...] | None:
    """What a person types of a method line, as one comparable value (its parameters in a canonical
    text: `{a: 1, b: 2}` and `{b: 2, a: 1}` are alike); None if they cannot be written so."""
    import json

    try:
        params = json.dumps(line.method_params, sort_keys=True, default=str)
    except (TypeError, ValueError):  # keys of mixed kinds (2020 beside "2021") cannot be sorted
        return None
    return (line.activity, params, line.gpc, line.scope, line.category, line.label, line.division)


def _populations(lines: list[Line], population: float, limit: float) -> list[Issue]:
    """A method line whose `population` is more than `limit` times the inventory's own."""
    from ghgcalc.numbers import NumberError, read_number

    issues = []
    for line in lines:
        written = (line.method_params or {}).get("population")
        if written is None:
            continue
        try:
            value = read_number(written, "population")
        except NumberError:  # refused where the method read it
            continue
        if not value > limit * population:
            continue
        issues.append(
            warning(
                "population-unusual",
                tr(
                    "'{method}' is for a population of {value}, {times} the inventory's own population "
                    "({population}, indicators.population)",
                    method=visible(line.activity),
                    value=_number(value),
                    times=times_text(value / population),
                    population=_number(population),
                ),
                ("activities", line.index, "params", "population"),
                tr(
                    "check the number for an extra digit: a line covers the inventory's population or a part "
                    "of it; if both numbers are right, ignore this warning (or change the limit: "
                    "--threshold population={limit})",
                    limit=_number(limit),
                ),
            )
        )
    return issues


# --------------------------------------------------------------------------------------------
# Against the previous year


def match_lines(previous: list[Line] | tuple[Line, ...], current: list[Line]) -> list[tuple[Line, Line]]:
    """Pairs (last year's line, this year's line): by `id`, else by activity and label, else by
    activity where each year has only one line of it."""

    def unique(lines: list[Line] | tuple[Line, ...], key: object) -> dict[object, Line]:
        groups: dict[object, list[Line]] = {}
        for line in lines:
            k = key(line)  # type: ignore[operator]
            if k is not None:
                groups.setdefault(k, []).append(line)
        return {k: group[0] for k, group in groups.items() if len(group) == 1}

    pairs: list[tuple[Line, Line]] = []
    used_before: set[int] = set()
    used_now: set[int] = set()
    for key in (
        lambda line: line.id,
        lambda line: (line.activity, line.label) if line.label else None,
        lambda line: line.activity,
    ):
        before = unique([line for line in previous if line.index not in used_before], key)
        now = unique([line for line in current if line.index not in used_now], key)
        for k, line in now.items():
            if k in before:
                pairs.append((before[k], line))
                used_before.add(before[k].index)
                used_now.add(line.index)
    return sorted(pairs, key=lambda pair: pair[1].index)


def _comparable(before: Line, now: Line) -> tuple[float, float, str] | None:
    """Both years' quantities in one unit: the amounts, else tCO2e (method lines, units of two kinds)."""
    methods = before.factor.set_id == "method" or now.factor.set_id == "method"
    if not methods:
        try:
            return before.amount * units.conversion_factor(before.unit, now.unit), now.amount, now.unit
        except units.UnitError:
            pass
    return before.t_co2e, now.t_co2e, "tCO2e"


def compare_years(
    previous: InventoryResult,
    current: list[Line] | InventoryResult,
    period: Period | None = None,
    limits: Thresholds | None = None,
) -> list[Issue]:
    """A warning on each line of `current` more than `limits.previous` times larger or smaller than
    the same line of `previous` (see match_lines). A period of another length is scaled to this one."""
    limits = limits or Thresholds()
    if limits.previous is None:
        return []
    result = current if isinstance(current, InventoryResult) else None
    if isinstance(current, InventoryResult):
        period = current.period
        current = list(current.lines)
    scale = 1.0
    if period is not None:
        days_before = (previous.period.end - previous.period.start).days + 1
        days_now = (period.end - period.start).days + 1
        if abs(days_now - days_before) > 0.05 * days_now:
            scale = days_now / days_before
    issues = []
    if period is not None and previous.period.end >= period.start:
        issues.append(
            warning(
                "previous-year-period",
                tr(
                    "the previous year's inventory ({source}) covers {previous}, "
                    "which does not end before this one starts: {period}",
                    source=previous.source,
                    previous=previous.period.label,
                    period=period.label,
                ),
                ("period",),
                tr("compare with the inventory of the period before this one"),
            )
        )
    elif period is not None and (period.start - previous.period.end).days > PREVIOUS_GAP_DAYS:
        months = round((period.start - previous.period.end).days / MONTH_DAYS)
        issues.append(
            warning(
                "previous-year-gap",
                tr(
                    "the previous year's inventory ({source}) covers {previous}, which ends {months} month(s) before "
                    "this one starts ({period}): its changes are over more than a year",
                    source=previous.source,
                    previous=previous.period.label,
                    months=months,
                    period=period.label,
                ),
                ("period",),
                tr("compare with the inventory of the period just before this one, if there is one"),
            )
        )
    if result is not None:
        issues.extend(_denominators(previous, result, scale, limits.previous))
    for before, now in match_lines(previous.lines, current):
        found = _comparable(before, now)
        if found is None:
            continue
        amount_before, amount_now, unit = found
        expected = amount_before * scale
        if expected <= 0 or amount_now <= 0:
            continue
        ratio = amount_now / expected
        if not (ratio > limits.previous or ratio < 1 / limits.previous):
            continue
        times = times_text(ratio)
        in_co2e = unit == "tCO2e"
        shown_before = _amount(before.t_co2e, unit) if in_co2e else _amount(before.amount, before.unit)
        if scale != 1.0:
            shown_before = tr(
                "{amount}, {scaled} for a period as long as this one",
                amount=shown_before,
                scaled=_amount(expected, unit),
            )
        field = "method" if now.factor.set_id == "method" else "amount"
        issues.append(
            warning(
                "previous-year-change",
                tr(
                    "{amount} is {times} last year's {before} in {source}, {period}; expected {low} to {high}",
                    amount=_amount(amount_now, unit),
                    times=times,
                    before=shown_before,
                    source=previous.source,
                    period=previous.period.label,
                    low=_number(expected / limits.previous),
                    high=_amount(expected * limits.previous, unit),
                ),
                ("activities", now.index, field),
                tr(
                    "check the amount and its unit against last year's (a slip of a digit, kWh for MWh?); "
                    "if the change is real, ignore this warning (or change the limit: --threshold previous={limit})",
                    limit=_number(limits.previous),
                ),
            )
        )
    return issues


# The figures an intensity is divided by, and where the inventory writes them.
_DENOMINATORS = {
    "population": ("indicators", "population"),
    "gpp_million_thb": ("indicators", "gpp_million_thb"),
    "area_km2": ("indicators", "area_km2"),
    "staff": ("indicators", "staff"),
}


def _denominators(previous: InventoryResult, current: InventoryResult, scale: float, limit: float) -> list[Issue]:
    """An intensity's denominator (a population, a GPP, an area, the staff, the output) more than
    `limit` times larger or smaller than last year's: a digit too many divides every intensity by
    ten. An output is compared when both years give it in one unit, scaled as the lines are."""
    pairs: list[tuple[tuple[str, ...], float, float]] = []
    for name, path in _DENOMINATORS.items():
        before, now = previous.indicators.get(name), current.indicators.get(name)
        if before and now:
            pairs.append((path, before, now))
    before_output, now_output = previous.output, current.output
    if before_output and now_output and before_output[1] == now_output[1] and before_output[0] and now_output[0]:
        pairs.append((("output", "amount"), before_output[0] * scale, now_output[0]))
    issues = []
    for where, before, now in pairs:
        ratio = now / before
        if not (ratio > limit or ratio < 1 / limit):
            continue
        issues.append(
            warning(
                "indicator-change",
                tr(
                    "{field} is {now}, {times} the {before} of {source}, {period}: the intensities divided by "
                    "it change as much",
                    field=".".join(where),
                    now=_number(now),
                    times=times_text(ratio),
                    before=_number(before),
                    source=previous.source,
                    period=previous.period.label,
                ),
                where,
                tr(
                    "check the number for a digit too many or too few; if the change is real, ignore this "
                    "warning (or change the limit: --threshold previous={limit})",
                    limit=_number(limit),
                ),
            )
        )
    return issues


def unusual_months(months: list[float], limits: Thresholds | None = None) -> list[tuple[int, str, float]]:
    """The same two checks as on a line's months, on a bare list (an audited workbook's row):
    (0-based month, "outlier" or "zero", the typical month: the median of the others)."""
    limits = limits or Thresholds()
    found: list[tuple[int, str, float]] = []
    used = [m for m in months if m > 0]
    if limits.month is not None:
        found.extend((position, "outlier", typical) for position, _, typical, _ in outlier_months(months, limits.month))
    if limits.zeros is not None and limits.month is not None and len(used) >= MIN_MONTHS:
        nonzero = [i for i, m in enumerate(months) if m > 0]
        inside = [i for i in range(nonzero[0], nonzero[-1]) if months[i] == 0]
        zeros = sum(1 for m in months if m == 0)
        others = [months[i] for i in nonzero]
        if inside and zeros <= limits.zeros * len(months) and _steady(others, limits.month):
            import statistics

            found.extend((i, "zero", statistics.median(others)) for i in inside)
    return sorted(found)
