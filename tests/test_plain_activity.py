"""Plain activities are built without pydantic (models/inventory.py, plain_activity): whenever one
is built, it must be the model pydantic validates the same data to, and an inventory of built and
unbuilt lines must validate (or fail, with the same errors) as the data itself does."""

from __future__ import annotations

import copy
import math
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ghgcalc.models.inventory import LARGEST_AMOUNT, Activity, Inventory, _bare, plain_activity

TEXT = st.one_of(
    st.sampled_from(["electricity-grid", "kWh", "L", "line 1", "ไฟฟ้า", "", " x", "x ", "\u3000x", "x\x1f", "\ud800"]),
    st.text(max_size=6),
    st.text(alphabet=st.sampled_from(list(" \t\u00a0\u2003\x1cab")), max_size=4),
    st.integers(),
    st.none(),
)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-5, max_value=10**16),
    st.sampled_from([0, 0.0, -0.0, 1, True, False, LARGEST_AMOUNT, LARGEST_AMOUNT * 2, "12", None]),
)
AMOUNT = st.one_of(NUMBER, st.lists(NUMBER, max_size=13))
# rows as a workbook gives them, most of them plain, with the edge values a fast path could get wrong
GOOD_TEXT = st.one_of(
    st.sampled_from(["electricity-grid", "kWh", "m3", "ไฟฟ้า สำนักงาน", "a b", "x\u200by", "", "é", "a\x00 b"]),
    st.sampled_from(["\u200bx", "x\u180e", "\ufeffx", "x\u2028", "\x85x", "x\x1f", "\u3000x", "\ud800"]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Zs", "Cc"]), min_size=1, max_size=5),
)
GOOD_NUMBER = st.one_of(
    st.floats(min_value=0, max_value=LARGEST_AMOUNT),
    st.integers(min_value=0, max_value=int(LARGEST_AMOUNT)),
    st.sampled_from([0, 0.0, -0.0, 1, 1.0, LARGEST_AMOUNT, int(LARGEST_AMOUNT) + 1, 5e-324, math.nan, math.inf]),
)
GOOD_ROW = st.fixed_dictionaries(
    {
        "activity": GOOD_TEXT,
        "amount": st.one_of(GOOD_NUMBER, st.lists(GOOD_NUMBER, min_size=0, max_size=13)),
        "unit": GOOD_TEXT,
    },
    optional={
        "scope": st.sampled_from([1, 2, 3, None, 0, True]),
        "category": GOOD_TEXT,
        "label": st.one_of(GOOD_TEXT, st.none()),
        "id": st.one_of(GOOD_TEXT, st.none()),
        "gpc": GOOD_TEXT,
        "ipcc": GOOD_TEXT,
        "ncv": GOOD_TEXT,
        "density": GOOD_TEXT,
        "division": st.one_of(GOOD_TEXT, st.just("d" * 200), st.just("d" * 201)),
    },
)
ROW = st.fixed_dictionaries(
    {"activity": TEXT, "amount": AMOUNT, "unit": TEXT},
    optional={
        "scope": st.one_of(st.sampled_from([1, 2, 3, 0, 4, True, 1.0, "1", None])),
        "category": TEXT,
        "label": TEXT,
        "id": TEXT,
        "ncv": TEXT,
        "density": TEXT,
        "gpc": TEXT,
        "ipcc": TEXT,
        "division": st.one_of(TEXT, st.just("d" * 200), st.just("d" * 201)),
        "evidence": TEXT,
        "data_quality": st.just({"source": "1st"}),
        "uncertainty": st.just({"activity": 5}),
        "method": st.just("x"),
        "amount_x": st.just(1),
    },
)
ROWS = st.one_of(GOOD_ROW, ROW)


def same_model(built: Activity, validated: Activity) -> None:
    assert repr(built) == repr(validated)  # values and their types (1.0 is not 1), in field order
    assert list(built.__dict__) == list(validated.__dict__)
    assert built.model_fields_set == validated.model_fields_set
    assert built.__pydantic_extra__ == validated.__pydantic_extra__
    assert built.__pydantic_private__ == validated.__pydantic_private__
    assert built.model_dump_json() == validated.model_dump_json() and built == validated


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_a_built_activity_is_the_validated_one(row: dict[str, Any]) -> None:
    built = plain_activity(copy.deepcopy(row))
    if built is None:
        return  # pydantic validates it
    same_model(built, Activity.model_validate(row))


def inventory(activities: list[Any]) -> dict[str, Any]:
    return {"ghgcalc": 1, "name": "Town", "period": "2024", "activities": activities}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROWS, max_size=6))
def test_an_inventory_of_built_lines_validates_as_its_data(rows: list[dict[str, Any]]) -> None:
    mixed = [plain_activity(copy.deepcopy(row)) or row for row in rows]
    try:
        expected = Inventory.model_validate(inventory(rows))
    except ValidationError as exc:
        with pytest.raises(ValidationError) as found:
            Inventory.model_validate(inventory(mixed))
        assert found.value.errors(include_url=False) == exc.errors(include_url=False)
        return
    assert repr(Inventory.model_validate(inventory(mixed))) == repr(expected)


def test_the_common_rows_are_built() -> None:
    # the check can fail: the rows of a workbook (whole numbers read as int) are built
    row = {"activity": "diesel-mobile", "label": "line 0", "unit": "L", "id": "r0", "amount": [169, 163.6, 0]}
    built = plain_activity(row)
    assert built is not None and built.amount == [169.0, 163.6, 0.0]
    same_model(built, Activity.model_validate(row))
    assert plain_activity({**row, "amount": [169, -1]}) is None  # pydantic says where it is wrong
    assert plain_activity({**row, "amount": [1.0, math.nan]}) is None  # min and max do not see it
    assert plain_activity({**row, "amount": [1.0, math.inf]}) is None
    assert plain_activity({**row, "unit": " L"}) is None
    assert plain_activity({**row, "label": "\ud800"}) is None


# The one search _bare stands for: whitespace after the start or a NUL, before a NUL or the end, or
# a lone surrogate, in the texts joined by NUL.
NOT_BARE = re.compile(r"(?:\A|\x00)\s|\s(?:\x00|\Z)|[\ud800-\udfff]")
SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(alphabet=st.sampled_from([*SPACES, "\x00", "\ud800", "\udfff", "a", "ก", "\u200b", "\x1f"])),
            st.text(),
        ),
        min_size=10,
        max_size=10,
    )
)
def test_bare_texts_are_those_the_search_finds_nothing_in(texts: list[str | None]) -> None:
    joined = "\x00".join(filter(None, texts))
    assert _bare(tuple(texts)) == (NOT_BARE.search(joined) is None)
