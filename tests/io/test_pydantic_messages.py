"""No pydantic English reaches a user: every error type a model can raise is put in our words
(io/pydantic_errors.py), in English and in Thai, without pydantic's phrases or a class name."""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Any, Literal

import pytest
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ghgcalc.i18n import set_language
from ghgcalc.io.inventory_reader import read_inventory_text, validation_issue
from ghgcalc.io.yaml_reader import Positions

# What pydantic writes and a user must never read.
PYDANTIC_WORDS = re.compile(
    r"Input should|Value error|Assertion failed|Field required|Extra inputs|String should|List should|"
    r"Dictionary should|Tuple should|Set should|should have at|valid dictionary|instance of|"
    r"Inner|Sample|Colour|Organization\b|Person\b|Facility|Activity\b|Inventory\b|CustomFactor|DeclaredGas"
)
THAI = re.compile(r"[\u0e00-\u0e7f]")


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


def _odd(value: int) -> int:
    if value % 2 == 0:
        raise ValueError("the number is even")  # our own words, as a model's validator writes them
    return value


def _small(value: int) -> int:
    assert value < 10, "the number is too big"
    return value


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    short: Annotated[str, Field(min_length=3)] | None = None
    long: Annotated[str, Field(max_length=3)] | None = None
    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")] | None = None
    items: Annotated[list[int], Field(min_length=2, max_length=3)] | None = None
    pair: tuple[int, int] | None = None
    bag: set[int] | None = None
    mapping: dict[str, int] | None = None
    inner: Inner | None = None
    choice: Literal["a", "b"] | None = None
    colour: Colour | None = None
    whole: int | None = None
    number: float | None = None
    finite: Annotated[float, Field(allow_inf_nan=False)] | None = None
    flag: bool | None = None
    day: dt.date | None = None
    moment: dt.datetime | None = None
    positive: Annotated[int, Field(gt=0)] | None = None
    at_least: Annotated[int, Field(ge=1)] | None = None
    below: Annotated[int, Field(lt=5)] | None = None
    at_most: Annotated[int, Field(le=5)] | None = None
    odd: Annotated[int, AfterValidator(_odd)] | None = None
    small: Annotated[int, AfterValidator(_small)] | None = None
    nothing: None = None
    keyed: dict[Literal["AR5", "AR6"], float] | None = None


# (pydantic's error type, the input that raises it)
CASES: dict[str, dict[str, Any]] = {
    "missing": {"inner": {}},
    "extra_forbidden": {"colour_name": "red"},
    "string_type": {"text": 5},
    "string_too_short": {"short": "ab"},
    "string_too_long": {"long": "abcd"},
    "string_pattern_mismatch": {"key": "My Key"},
    "too_short": {"items": [1]},
    "too_long": {"items": [1, 2, 3, 4]},
    "list_type": {"items": "x"},
    "tuple_type": {"pair": "x"},
    "set_type": {"bag": "x"},
    "dict_type": {"mapping": "x"},
    "model_type": {"inner": "x"},
    "literal_error": {"choice": "c"},
    "enum": {"colour": "blue"},
    "int_parsing": {"whole": "x"},
    "int_from_float": {"whole": 1.5},
    "int_type": {"whole": [1]},
    "float_parsing": {"number": "x"},
    "float_type": {"number": [1]},
    "finite_number": {"finite": float("inf")},
    "bool_parsing": {"flag": "x"},
    "bool_type": {"flag": [1]},
    "date_from_datetime_parsing": {"day": "x"},
    "date_type": {"day": [1]},
    "datetime_from_date_parsing": {"moment": "x"},
    "greater_than": {"positive": 0},
    "greater_than_equal": {"at_least": 0},
    "less_than": {"below": 5},
    "less_than_equal": {"at_most": 6},
    "value_error": {"odd": 2},
    "assertion_error": {"small": 11},
    "none_required": {"nothing": 1},
}


def error_of(data: dict[str, Any]) -> dict[str, Any]:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(data)
    errors = caught.value.errors(include_url=False)
    assert len(errors) == 1, errors
    return dict(errors[0])


@pytest.fixture(params=["en", "th"])
def language(request: pytest.FixtureRequest) -> Any:
    set_language(request.param)
    yield request.param
    set_language("en")


@pytest.mark.parametrize("kind", CASES)
def test_each_pydantic_error_type_is_in_our_words(kind: str, language: str) -> None:
    err = error_of(CASES[kind])
    assert err["type"] == kind, err  # the case raises the type it is named for
    issue = validation_issue(err, Positions("x.yaml"), lambda path: Sample if not path else Inner)
    printed = issue.format()
    assert not PYDANTIC_WORDS.search(printed), printed
    assert "[" + issue.code + "]" in printed and re.fullmatch(r"[a-z]+(-[a-z]+)+", issue.code)  # codes stay English
    if kind in ("value_error", "assertion_error"):
        # a validator's own words are kept as it wrote them (a model marks them with tr), one line
        assert issue.message == ("the number is even" if kind == "value_error" else "the number is too big")
    elif language == "th":
        assert THAI.search(issue.message), printed


def test_a_literal_error_lists_the_values_without_pydantic_s_or(language: str) -> None:
    err = error_of({"choice": "c"})
    issue = validation_issue(err, Positions("x.yaml"))
    assert "a, b" in issue.message and "'a' or 'b'" not in issue.message
    assert "'c'" in issue.message


def test_the_key_of_a_mapping_names_the_mapping(language: str) -> None:
    err = error_of({"keyed": {"AR9": 1}})
    assert err["type"] == "literal_error" and err["loc"][-1] == "[key]"
    message = validation_issue(err, Positions("x.yaml")).message
    assert "'AR9'" in message and "'keyed'" in message and "AR5, AR6" in message


def test_an_error_type_without_its_own_message_still_says_no_pydantic_english(language: str) -> None:
    err = {"type": "uuid_parsing", "loc": ("text",), "msg": "Input should be a valid UUID", "input": "x"}
    printed = validation_issue(err, Positions("x.yaml")).format()
    assert not PYDANTIC_WORDS.search(printed) and "UUID" not in printed, printed


# --- the same through a real inventory ---------------------------------------------------------------

INVENTORY_ERRORS = """\
ghgcalc: 1
name: 5
kind: city
language: fr
organization:
  preparer: Somchai
  facilities: x
  signed: yesterday
  consolidation: x
  code: ""
period: 2567
factors: [1]
custom_factors:
  - {key: "My Key", per: L, kg: {}, source: s}
gases:
  - {name: "x y?", gwp: {AR9: 5}, source: s}
notation_keys: {I.1: NO}
activities:
  - activity: electricity-grid
    amount: 5
    unit: [kWh]
    scope: 4
    scpoe: 1
    evidence: ""
  - just text
"""


def test_an_inventory_with_every_kind_of_mistake_reads_in_our_words(language: str) -> None:
    reading = read_inventory_text(INVENTORY_ERRORS, "bad.yaml")
    printed = "\n".join(issue.format() for issue in reading.issues)
    assert len(reading.issues) == 19, printed
    assert not PYDANTIC_WORDS.search(printed), printed
    codes = sorted({issue.code for issue in reading.issues})
    assert codes == ["key-unknown", "type-invalid", "value-empty", "value-invalid"]
    if language == "th":
        assert all(THAI.search(issue.message) for issue in reading.issues), printed
