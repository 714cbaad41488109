"""The inventory file (contract §2) as pydantic models: shape and type checks, no I/O.

Errors raised here carry a stable code (the pydantic error type) and, where the problem is inside
a monthly list, every bad month in their context so the reader can point at each one.

Without `from __future__ import annotations`: pydantic would evaluate each field's annotation
from its text, compiling it, in every run (about 2 ms); a name a field uses is defined above it.
"""

import datetime as dt
import math
import operator
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ghgcalc.errors import visible
from ghgcalc.i18n import N_, tr
from ghgcalc.models.period import PERIOD_HINT, Period, parse_date, parse_period
from ghgcalc.numbers import LARGEST_NUMBER, SMALLEST_NUMBER, NumberError, read_number

GwpSet = Literal["SAR", "AR4", "AR5", "AR6"]
KEY_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
# No inventory line is larger than this, in any unit; bigger is a typo or an attack.
LARGEST_AMOUNT = LARGEST_NUMBER
# No real factor comes near this many kg per unit: the most intense gas (SF6, GWP about 25,000) is
# 2.5e7 kg CO2e per tonne; a factor above 1e9 is a typo, or per a unit so large that the amount
# should be written in a smaller one. Bounded, amount x factor stays far from float overflow.
LARGEST_FACTOR = 1e9


class _AmountProblem(ValueError):
    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.hint = hint


# the reader's codes as the amount's own (a decimal comma, hex or a date is an unreadable amount)
_AMOUNT_CODES = {
    "number-negative": "amount-negative",
    "number-too-small": "amount-too-small",
    "number-not-finite": "amount-not-finite",
    "number-too-large": "amount-too-large",
}


def _number(value: Any, what: str | None = None) -> float:
    """One amount as a person wrote it; raises _AmountProblem with a code, a message and a hint.
    `what` names it in the message ("the amount" when None; "" leaves it to the reader)."""
    kind = type(value)
    if (kind is float or kind is int) and SMALLEST_NUMBER <= value <= LARGEST_AMOUNT:
        return float(value)  # the common case, checked first: a positive finite number
    try:
        return read_number(value, tr("the amount") if what is None else what, minimum=0, maximum=LARGEST_AMOUNT)
    except NumberError as problem:
        code = _AMOUNT_CODES.get(problem.code, "amount-invalid")
        raise _AmountProblem(code, problem.message, problem.hint) from None


# The strict reader of one amount, for the activity tables' cells (io/tables.py).
read_amount = _number
AmountProblem = _AmountProblem


def _amount(value: Any) -> Any:
    """A number or a list of monthly numbers; every bad month is reported, not only the first."""
    if not isinstance(value, list):
        return _single_amount(value)
    if not value:
        raise PydanticCustomError("amount-invalid", "{problem}", {"problem": tr("the monthly list is empty")})
    if all((type(item) is float or type(item) is int) and 0 <= item <= LARGEST_AMOUNT for item in value) and (
        _no_tiny(value)
    ):
        # the common case: numbers from a spreadsheet (whole ones read as int); as read_number gives them
        return [item + 0.0 for item in value]
    numbers, problems = [], []
    for index, item in enumerate(value):
        try:
            numbers.append(_number(item, ""))  # the reader says "month 3: ..."
        except _AmountProblem as problem:
            problems.append((index, problem.code, str(problem), problem.hint))
    if problems:
        # one error carrying every bad month; the reader turns it into one issue per month
        raise PydanticCustomError(
            "amount-invalid-months",
            tr("{count} bad monthly values"),
            {
                "count": len(problems),
                "months": problems,
            },
        )
    return numbers


def _indicator(value: Any, info: ValidationInfo) -> float:
    """An indicator (staff, population...): a single amount, named by its key in a message."""
    if (type(value) is float or type(value) is int) and SMALLEST_NUMBER <= value <= LARGEST_AMOUNT:
        return float(value)
    return _single_amount(value, info.field_name)


def _single_amount(value: Any, what: str | None = None) -> float:
    try:
        return _number(value, what)
    except _AmountProblem as problem:
        # the message is the context's, never the template: a value written in it ({x}) stays as written
        context = {"problem": str(problem), **({"hint": problem.hint} if problem.hint else {})}
        raise PydanticCustomError(problem.code, "{problem}", context) from None


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    try:
        return parse_period(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "period-invalid", "{problem}", {"problem": str(exc), "hint": tr(PERIOD_HINT)}
        ) from None


def _key_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Amount = Annotated[float | list[float], BeforeValidator(_amount)]


def _no_items() -> list[Any]:
    """An empty list, the default of a list field. Not `list` itself: pydantic reads a default
    factory's signature, and the signature of a builtin is parsed by Python's tokenizer, whose
    patterns cost about 3 ms to compile in every run (a function's signature is read directly)."""
    return []


class _Strict(BaseModel):
    # defer_build: a part of the inventory (a line, a person...) is validated inside the Inventory,
    # whose validator holds its own copy of each part's; a part's own validator, built at import,
    # was not used in a compute (it is built on first use where a part is validated alone).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


def _gwp_values(value: Any) -> Any:
    if not isinstance(value, dict):
        return value  # pydantic says it is not a mapping
    values = {}
    for name, number in value.items():
        try:
            what = tr("the GWP for {name}", name=name)
            values[name] = read_number(number, what, minimum=0, zero=False, maximum=1e6)
        except NumberError as problem:
            raise PydanticCustomError(
                "gwp-invalid", "{problem}", {"problem": problem.message, "hint": problem.hint}
            ) from None
    return values


class DeclaredGas(_Strict):
    """A gas or blend the GWP tables lack, declared with its GWP per set and where that comes from
    (a mix of ODS substitutes whose inventory gives one GWP): reported under its own name."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._()+-]*$", max_length=60)]
    gwp: Annotated[dict[GwpSet, float], BeforeValidator(_gwp_values), Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    counts: Literal["total", "separately"] = "total"  # in the total (Kyoto), or reported apart


class Output(_Strict):
    """What the organisation produces in the period (TGO Fr-01 ผลผลิต), for carbon intensity."""

    amount: Annotated[float, BeforeValidator(_single_amount)]
    unit: Annotated[str, Field(min_length=1)]
    name: str | None = None


class Indicators(_Strict):
    """Figures an intensity is computed against (Fr-01, provincial indicators); each optional."""

    population: Annotated[float, BeforeValidator(_indicator)] | None = None
    gpp_million_thb: Annotated[float, BeforeValidator(_indicator)] | None = None
    area_km2: Annotated[float, BeforeValidator(_indicator)] | None = None
    staff: Annotated[float, BeforeValidator(_indicator)] | None = None


class NotationKey(_Strict):
    """Why a GPC sub-category has no value: NO, NE, IE, C or NA, with its explanation."""

    key: Literal["NO", "NE", "IE", "C", "NA"]
    explanation: str | None = None


# --- data quality and uncertainty (docs/uncertainty.md) ----------------------------------------

# A 95 % interval as percentages of the value: (lower, upper), lower <= 0 <= upper; "±5" is (-5, 5).
Range = tuple[float, float]
# The widest 95 % range a source prints is below this (IPCC 2006 Vol.2 Table 3.2.2 gives CNG's N2O
# +2,467 %); a wider one is a slip (a fraction of a percent typed as a percentage, extra digits).
LARGEST_RANGE_PCT = 10_000.0
# shown with tr(RANGE_HINT) (its braces are YAML, not placeholders: it is never formatted)
RANGE_HINT = N_("write ±% at 95 % as one number (uncertainty: {activity: 5}) or [lower, upper] (factor: [-50, 200])")


def _range(value: Any) -> Range:
    """One number (±%) or [lower, upper] in %, read by the one number reader."""
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise PydanticCustomError(
                "uncertainty-invalid",
                tr("a range is two numbers, [lower, upper] in %, not {count}"),
                {"count": len(value), "hint": tr(RANGE_HINT)},
            )
        low, high = (_percent(item, allow_negative=True) for item in value)
        if low > 0 or high < 0:
            written = f"[{low:g}, {high:g}]"
            raise PydanticCustomError(
                "uncertainty-invalid",
                "{problem}",
                {
                    "problem": tr(
                        "{range}: the lower limit is a negative % and the upper a positive one",
                        range=written,
                    ),
                    "hint": tr("e.g. [-10, 20]: 10 % below the value to 20 % above it"),
                },
            )
        if low < -100:
            raise PydanticCustomError(
                "uncertainty-invalid",
                "{problem}",
                {
                    "problem": tr(
                        "{low} %: the lower limit cannot be more than 100 % below the value", low=format(low, "g")
                    ),
                    "hint": tr("a value cannot fall below zero: the lower limit is at least -100"),
                },
            )
        return (low, high)
    pct = _percent(value, allow_negative=False)
    return (-pct, pct)


def _percent(value: Any, allow_negative: bool) -> float:
    what = tr("the uncertainty")
    try:
        if isinstance(value, str) and value.strip().startswith(("±", "+/-")):
            value = value.strip().lstrip("±+/-").strip()
        if isinstance(value, str) and value.strip().endswith("%"):
            value = value.strip()[:-1]
        number = read_number(value, what, minimum=-100 if allow_negative else 0, maximum=LARGEST_RANGE_PCT)
    except NumberError as problem:
        hint = problem.hint or tr(RANGE_HINT)
        if problem.code == "number-too-large":
            hint = tr(
                "a 95 % range above {largest} % is a slip; {hint}",
                largest=format(LARGEST_RANGE_PCT, "g"),
                hint=tr(RANGE_HINT),
            )
        raise PydanticCustomError(
            "uncertainty-invalid", "{problem}", {"problem": problem.message, "hint": hint}
        ) from None
    return number


UncertaintyRange = Annotated[Range, BeforeValidator(_range)]


class CustomFactor(_Strict):
    """A factor defined in the inventory itself; it wins over the factor sets."""

    key: Annotated[str, Field(pattern=KEY_PATTERN)]
    per: Annotated[str, Field(min_length=1)]
    kg: Annotated[dict[str, float], Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    name: str | None = None
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    ncv: str | None = None
    density: str | None = None
    gwp_basis: GwpSet | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    uncertainty: UncertaintyRange | None = None  # 95 % range of every gas's value, in %

    @field_validator("valid_from", "valid_to", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        try:
            return parse_date(value, str(info.field_name))
        except ValueError as exc:
            raise PydanticCustomError("date-invalid", "{problem}", {"problem": str(exc)}) from None

    @model_validator(mode="after")
    def _ordered(self) -> "CustomFactor":
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError(
                "date-invalid",
                tr("valid_to ({end}) is before valid_from ({start})"),
                {"start": str(self.valid_from), "end": str(self.valid_to)},
            )
        return self

    @field_validator("kg", mode="before")
    @classmethod
    def _factor_values(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value  # pydantic says it is not a mapping
        values = {}
        for gas, number in value.items():
            try:
                values[gas] = read_number(number, "", minimum=0, maximum=LARGEST_FACTOR)
            except NumberError as problem:
                raise PydanticCustomError(
                    "factor-value-invalid",
                    tr("the value for {gas}: {problem}"),
                    {"gas": visible(str(gas)), "problem": problem.message, "hint": problem.hint},
                ) from None
        return values


Tier = Literal["1st", "2nd", "other"]
Grade = Literal["high", "medium", "low"]
# the grades as an officer writes them in Thai too: สูง high, ปานกลาง (or กลาง) medium, ต่ำ low
_GRADES = {
    **{"high": "high", "h": "high", "medium": "medium", "m": "medium", "low": "low", "l": "low"},
    **{"สูง": "high", "ปานกลาง": "medium", "กลาง": "medium", "ต่ำ": "low"},
}
_TIERS = {"1st": "1st", "1": "1st", "first": "1st", "2nd": "2nd", "2": "2nd", "second": "2nd", "other": "other"}


def _choice(table: dict[str, str], code: str, message: str, choices: str) -> Any:
    """A value among `choices`; `message` (marked with N_) has the placeholders {value} and {choices}."""

    def read(value: Any) -> Any:
        key = str(value).strip().lower() if isinstance(value, str | int) and not isinstance(value, bool) else None
        if key is None or key not in table:
            raise PydanticCustomError(
                code,
                "{problem}",
                {
                    "problem": tr(message, value=visible(str(value)), choices=choices),
                    "hint": tr("write one of {choices}", choices=choices),
                },
            )
        return table[key]

    return BeforeValidator(read)


class DataQuality(_Strict):
    """Where a line's numbers come from: TGO Fr-04.1's source tier and the GPC's grades."""

    source: (
        Annotated[
            Tier,
            _choice(
                _TIERS,
                "data-quality-invalid",
                N_("source is '{value}'; it must be one of {choices}"),
                "1st, 2nd, other",
            ),
        ]
        | None
    ) = None
    activity: (
        Annotated[
            Grade,
            _choice(
                _GRADES,
                "data-quality-invalid",
                N_("the activity grade is '{value}'; it must be one of {choices}"),
                "high, medium, low",
            ),
        ]
        | None
    ) = None
    factor: (
        Annotated[
            Grade,
            _choice(
                _GRADES,
                "data-quality-invalid",
                N_("the factor grade is '{value}'; it must be one of {choices}"),
                "high, medium, low",
            ),
        ]
        | None
    ) = None


class GivenUncertainty(_Strict):
    """A line's own 95 % ranges, in % of the value: of its activity data and of its factor (or, on a
    method line, of the method's result per unit of activity, instead of the method's parameters)."""

    activity: UncertaintyRange | None = None
    factor: UncertaintyRange | None = None


def _mapping_of(what: str, example: str) -> BeforeValidator:
    """A field that holds a mapping: anything else is refused with an example (marked with N_), not a
    class name. `what` is the field's key."""

    def read(value: Any) -> Any:
        if value is None or isinstance(value, dict | DataQuality | GivenUncertainty):
            return value
        raise PydanticCustomError(
            "value-invalid",
            "{problem}",
            {
                "problem": tr(
                    "{what} is a mapping of named values, not '{value}'", what=what, value=visible(str(value))[:40]
                ),
                "hint": tr(example),
            },
        )

    return BeforeValidator(read)


LineQuality = Annotated[
    DataQuality | None,
    _mapping_of("data_quality", N_("write e.g. data_quality: {source: 2nd, activity: high, factor: medium}")),
]
LineUncertainty = Annotated[
    GivenUncertainty | None,
    _mapping_of("uncertainty", N_("say which: uncertainty: {activity: 5} (the amount) or {factor: 5} (the factor)")),
]
Evidence = Annotated[str, Field(min_length=1, max_length=2000)] | None


class Activity(_Strict):
    """One line of the inventory: how much of what, in which unit."""

    activity: Annotated[str, Field(min_length=1)]
    amount: Amount
    unit: Annotated[str, Field(min_length=1)]
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    label: str | None = None
    id: Annotated[str, Field(min_length=1)] | None = None
    ncv: str | None = None
    density: str | None = None
    gpc: str | None = None  # GPC reference number, e.g. I.1.1 (community inventories)
    ipcc: str | None = None  # IPCC 2006 category, e.g. 1.A.4.b; default: the GPC crosswalk
    data_quality: LineQuality = None
    evidence: Evidence = None  # what a verifier checks
    uncertainty: LineUncertainty = None
    division: Annotated[str, Field(min_length=1, max_length=200)] | None = None  # responsible (Fr-03)

    @property
    def total(self) -> float:
        return math.fsum(self.amount) if isinstance(self.amount, list) else self.amount

    @property
    def monthly(self) -> list[float] | None:
        return list(self.amount) if isinstance(self.amount, list) else None


class MethodActivity(_Strict):
    """A line computed by a method beyond amount x factor (landfill FOD, rice, livestock, ...)."""

    method: Annotated[str, Field(min_length=1)]
    params: dict[str, Any] = Field(default_factory=dict)
    scope: Literal[1, 2, 3] | None = None
    category: str | None = None
    label: str | None = None
    id: Annotated[str, Field(min_length=1)] | None = None
    gpc: str | None = None
    ipcc: str | None = None
    data_quality: LineQuality = None
    evidence: Evidence = None
    uncertainty: LineUncertainty = None
    division: Annotated[str, Field(min_length=1, max_length=200)] | None = None


def _line_kind(value: Any) -> str:
    return "method" if isinstance(value, dict) and "method" in value else "factor"


AnyActivity = Annotated[
    Annotated[Activity, Tag("factor")] | Annotated[MethodActivity, Tag("method")],
    Discriminator(_line_kind),
]


# --- the organisation (TGO forms Fr-01 to Fr-03; docs/cfo-report.md) ------------------------------

# Types of local government (องค์กรปกครองส่วนท้องถิ่น), by the key an inventory writes; each also
# read by its Thai name. Their Thai names are the catalog's (i18n), shown on Fr-01.
LocalGovernment = Literal[
    "city-municipality",  # เทศบาลนคร
    "town-municipality",  # เทศบาลเมือง
    "subdistrict-municipality",  # เทศบาลตำบล
    "provincial-administrative-organization",  # องค์การบริหารส่วนจังหวัด (อบจ.)
    "subdistrict-administrative-organization",  # องค์การบริหารส่วนตำบล (อบต.)
    "bangkok",  # กรุงเทพมหานคร
    "pattaya",  # เมืองพัทยา
]
LOCAL_GOVERNMENT_TH: dict[str, str] = {
    "city-municipality": "เทศบาลนคร",
    "town-municipality": "เทศบาลเมือง",
    "subdistrict-municipality": "เทศบาลตำบล",
    "provincial-administrative-organization": "องค์การบริหารส่วนจังหวัด",
    "subdistrict-administrative-organization": "องค์การบริหารส่วนตำบล",
    "bangkok": "กรุงเทพมหานคร",
    "pattaya": "เมืองพัทยา",
}
_LOCAL_GOVERNMENT_READ = {
    **{key: key for key in LOCAL_GOVERNMENT_TH},
    **{thai: key for key, thai in LOCAL_GOVERNMENT_TH.items()},
    "อบจ.": "provincial-administrative-organization",
    "อบจ": "provincial-administrative-organization",
    "อบต.": "subdistrict-administrative-organization",
    "อบต": "subdistrict-administrative-organization",
    "กทม.": "bangkok",
    # the abbreviations of Thai official letters, and the English ones of the organisations' names
    "ทน.": "city-municipality",
    "ทม.": "town-municipality",
    "ทต.": "subdistrict-municipality",
    "pao": "provincial-administrative-organization",
    "sao": "subdistrict-administrative-organization",
}


def _local_government(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    key = _LOCAL_GOVERNMENT_READ.get(value.strip().lower()) or _LOCAL_GOVERNMENT_READ.get(value.strip())
    if key is None:
        choices = ", ".join(LOCAL_GOVERNMENT_TH)
        raise PydanticCustomError(
            "value-invalid",
            "{problem}",
            {
                "problem": tr("'{value}' is not a type of local government", value=visible(value)),
                "hint": tr("write one of {choices}", choices=choices),
            },
        )
    return key


def _signed(value: Any) -> Any:
    if value is None:
        return None
    try:
        return parse_date(value, "signed")
    except ValueError as exc:  # the message is ours, without pydantic's "Value error, "
        raise PydanticCustomError("value-invalid", "{problem}", {"problem": str(exc)}) from None


class Person(_Strict):
    """Who prepared, reviewed or approved the report, or whom to contact."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    position: Annotated[str, Field(max_length=200)] | None = None
    phone: Annotated[str, Field(max_length=100)] | None = None
    email: Annotated[str, Field(max_length=200)] | None = None


class Facility(_Strict):
    """A site or facility inside the organisational boundary (Fr-02)."""

    name: Annotated[str, Field(min_length=1, max_length=300)]
    address: Annotated[str, Field(max_length=500)] | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


class Exclusion(_Strict):
    """Something left out of the boundary or the inventory, and why (Fr-02)."""

    what: Annotated[str, Field(min_length=1, max_length=500)]
    why: Annotated[str, Field(min_length=1, max_length=1000)]


class Organization(_Strict):
    """The organisation that reports (TGO Fr-01 and Fr-02); every field optional: what is missing
    is shown as a blank to fill in, never invented."""

    type: Annotated[LocalGovernment, BeforeValidator(_local_government)] | None = None
    code: Annotated[str, Field(min_length=1, max_length=40)] | None = None  # the local government's code
    address: Annotated[str, Field(max_length=500)] | None = None
    province: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    base_year: Annotated[Period, BeforeValidator(_period)] | None = None
    consolidation: Literal["operational-control", "financial-control", "equity-share"] = "operational-control"
    facilities: list[Facility] = Field(default_factory=_no_items)
    excluded: list[Exclusion] = Field(default_factory=_no_items)
    preparer: Person | None = None
    reviewer: Person | None = None
    approver: Person | None = None
    contact: Person | None = None
    signed: Annotated[dt.date, BeforeValidator(_signed)] | None = None


class Inventory(_Strict):
    model_config = ConfigDict(defer_build=False)  # built at import: every run validates one

    ghgcalc: Literal[1]
    name: Annotated[str, Field(min_length=1)]
    kind: Literal["organization", "community"] = "organization"
    language: Literal["th", "en"] | None = None  # of everything ghgcalc says about it, unless --lang
    organization: Organization | None = None
    period: Annotated[Period, BeforeValidator(_period)]
    gwp: GwpSet | None = None
    factors: Annotated[list[str] | None, BeforeValidator(_key_list)] = None
    output: Output | None = None
    indicators: Indicators | None = None
    notation_keys: dict[str, NotationKey] = Field(default_factory=dict)
    # organisation inventories inside a community
    include: Annotated[list[str], BeforeValidator(_key_list)] = Field(default_factory=_no_items)
    gases: list[DeclaredGas] = Field(default_factory=_no_items)  # gases the GWP tables lack, for custom factors
    custom_factors: list[CustomFactor] = Field(default_factory=_no_items)
    # tables of activity rows (Parquet, CSV, xlsx), beside the file or by path (docs/tables.md)
    activities_table: Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_key_list)] = Field(
        default_factory=_no_items
    )
    activities: list[AnyActivity]

    @model_validator(mode="before")
    @classmethod
    def _lines_from_tables(cls, data: Any) -> Any:
        """An inventory whose lines are all in tables need not write `activities: []`."""
        if isinstance(data, dict) and data.get("activities_table") and "activities" not in data:
            return {**data, "activities": []}
        return data


# --- plain activities built without pydantic (100,000-row workbooks) ------------------------------

# The keys a plain activity may have, and its texts.
_TEXTS = ("activity", "unit", "category", "label", "id", "ncv", "density", "gpc", "ipcc", "division")
_PLAIN_KEYS = frozenset((*_TEXTS, "amount", "scope"))
_texts_of = operator.itemgetter(*_TEXTS)
_ACTIVITY_FIELDS = dict.fromkeys(Activity.model_fields)  # every field's default is None
# A text pydantic would change or refuse: whitespace at either end (what Python calls whitespace
# includes every character pydantic strips) or a lone surrogate. The texts of a line are joined
# by NUL and looked at at once (_bare); a NUL in a text only sends the line to pydantic.
_SURROGATE = r"[\ud800-\udfff]"  # compiled on first use (re's cache): only for a text not ASCII
_NUMBERS = frozenset((float, int))
_TEXT_TYPES = frozenset((str, type(None)))
_set = object.__setattr__


def _bare(texts: tuple[str | None, ...]) -> bool:
    """No text has whitespace at either end, nor a lone surrogate: each part of the texts joined by
    NUL is its own strip() (str.strip and a pattern's \\s take the same characters for whitespace),
    and a text of ASCII alone has no surrogate to search for."""
    joined = "\x00".join(filter(None, texts))
    parts = joined.split("\x00")
    return list(map(str.strip, parts)) == parts and (joined.isascii() or re.compile(_SURROGATE).search(joined) is None)


def _plain_amount(value: Any) -> Any:
    """The amount as `_amount` and pydantic give it, when it is plainly valid; None otherwise."""
    if type(value) is list:
        if not value or not _NUMBERS.issuperset(map(type, value)):
            return None
        # a NaN can hide from min and max, not from the sum (finite: each is at most 1e15)
        low = min(value)
        tiny = low < SMALLEST_NUMBER and (low != 0 or not _no_tiny(value))  # 1e-320: the reader refuses it
        if low >= 0 and max(value) <= LARGEST_AMOUNT and math.isfinite(sum(value)) and not tiny:
            # 0.0 + a number, as _amount gives it: -0.0 becomes 0.0, an int a float (a list
            # comprehension adds without a call per month, unlike map with float.__add__)
            return [0.0 + number for number in value]
        return None
    if (type(value) is float or type(value) is int) and SMALLEST_NUMBER <= value <= LARGEST_AMOUNT:
        return float(value)
    return None


def _no_tiny(numbers: list[Any]) -> bool:
    """Whether no number of a list of numbers of 0 or more is above 0 and below SMALLEST_NUMBER
    (which the strict reader refuses): one look at the smallest, and at each only beside a 0."""
    low = min(numbers)
    return low >= SMALLEST_NUMBER or (low == 0 and all(n == 0 or n >= SMALLEST_NUMBER for n in numbers))


def plain_activity(data: Any) -> Activity | None:
    """The Activity that pydantic would validate `data` to, built directly when `data` is plainly
    valid: a dict of known keys, texts as pydantic keeps them, a scope of 1, 2 or 3, an amount of
    numbers from 0 (a single amount above 0) to LARGEST_AMOUNT, no data quality, evidence or
    uncertainty. Anything else is None: pydantic validates it and says where it is wrong. An
    Activity in a list of activities is taken by pydantic as it is (tests/test_plain_activity.py
    proves the two equal on random rows)."""
    if type(data) is not dict or not _PLAIN_KEYS.issuperset(data):
        return None
    values = {**_ACTIVITY_FIELDS, **data}
    amount = _plain_amount(values["amount"])
    if amount is None or not values["activity"] or not values["unit"]:
        return None
    texts = _texts_of(values)
    # every text a str or None (an empty text joins as nothing: no whitespace lies beside it)
    if not _TEXT_TYPES.issuperset(map(type, texts)) or not _bare(texts):
        return None
    identifier, division, scope = values["id"], values["division"], values["scope"]
    if identifier == "" or (division is not None and not 1 <= len(division) <= 200):
        return None
    if scope is not None and (type(scope) is not int or scope not in (1, 2, 3)):
        return None
    values["amount"] = amount
    activity = Activity.__new__(Activity)
    # what BaseModel.model_construct sets, without its general handling of aliases and defaults
    _set(activity, "__dict__", values)
    _set(activity, "__pydantic_fields_set__", set(data))
    _set(activity, "__pydantic_extra__", None)
    _set(activity, "__pydantic_private__", None)
    return activity
