"""Property tests (hypothesis) of the calculation core, the readers and the writers.

Properties 1-5 compute generated inventories on the fixture factor set `mini` (tests/fixtures/factors):
linearity in the amounts, additivity of lines, invariance under the unit an amount is written in and
under the order of the activities, and monthly lists against their sum. Property 6 feeds arbitrary
and near-valid documents to the reader and the calculation: every problem must come back as an Issue
with a location, never as an exception. Property 7 checks that the CLI's output does not depend on
the string hash seed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import math
import os
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from ghgcalc import api
from ghgcalc.io.factor_store import FactorStore
from ghgcalc.io.inventory_reader import read_inventory_text
from ghgcalc.io.writers import to_csv, to_json
from ghgcalc.methods import METHODS
from ghgcalc.models.result import InventoryResult
from ghgcalc.numbers import SMALLEST_NUMBER
from tests.conftest import FIXTURE_FACTORS, ROOT, run_inventory

STORE = FactorStore(FIXTURE_FACTORS)
PERIOD = 2024  # both versions of `mini` are in force: every key of the fixture set resolves
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (activity, unit, scope) lines that compute without errors against `mini` (and the always-searched
# `gases` set) for 2024: per-unit factors, unit conversions, NCV and density bridges, biogenic CO2,
# blends, a non-Kyoto gas (HCFC-22) and a factor without a default scope.
LINES: list[tuple[str, str, int | None]] = [
    ("fuel", "L", None),
    ("fuel", "m3", None),
    ("power", "kWh", None),
    ("power", "MWh", None),
    ("wood", "kg", None),
    ("wood", "t", None),
    ("lpg", "L", None),
    ("lpg", "kg", None),
    ("oil", "L", None),
    ("oil", "kg", None),
    ("oil", "GJ", None),
    ("gas", "MJ", None),
    ("gas", "scf", None),
    ("paper", "kg", 3),
    ("r-410a", "kg", None),
    ("r-22", "kg", None),
    ("sf6", "g", None),
]

# The same quantity in two units: `amount` in the second unit is `amount * ratio` in the first.
UNIT_PAIRS: list[tuple[str, str, str, float]] = [
    ("fuel", "L", "m3", 1000.0),
    ("fuel", "L", "ลิตร", 1.0),
    ("fuel", "L", "ลบ.ม.", 1000.0),
    ("lpg", "L", "m3", 1000.0),
    ("lpg", "kg", "t", 1000.0),
    ("oil", "L", "m3", 1000.0),
    ("oil", "kg", "t", 1000.0),
    ("oil", "GJ", "TJ", 1000.0),
    ("power", "kWh", "MWh", 1000.0),
    ("power", "kWh", "GWh", 1e6),
    ("power", "kWh", "หน่วย", 1.0),
    ("wood", "kg", "t", 1000.0),
    ("wood", "kg", "กิโลกรัม", 1.0),
    ("gas", "MJ", "GJ", 1000.0),
    ("r-410a", "kg", "t", 1000.0),
    ("sf6", "g", "kg", 1000.0),
]

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# --- helpers ------------------------------------------------------------------------------------


def document(activities: list[dict[str, object]], period: object = PERIOD) -> dict[str, object]:
    return {"ghgcalc": 1, "name": "Property", "period": period, "factors": "mini", "activities": activities}


def dump(doc: object) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def compute(activities: list[dict[str, object]]) -> InventoryResult:
    """The result of an inventory that must compute without errors."""
    text = dump(document(activities))
    outcome = run_inventory(text, store=STORE)
    errors = [issue.format() for issue in outcome.issues if issue.is_error]
    assert outcome.result is not None and not errors, f"{errors}\n{text}"
    return outcome.result


def activity(line: tuple[str, str, int | None], amount: object) -> dict[str, object]:
    key, unit, scope = line
    data: dict[str, object] = {"activity": key, "amount": amount, "unit": unit}
    if scope is not None:
        data["scope"] = scope
    return data


def close(got: float, want: float, rel: float) -> bool:
    return math.isclose(got, want, rel_tol=rel, abs_tol=0.0)


def assert_close(got: float, want: float, rel: float, what: str) -> None:
    assert close(got, want, rel), f"{what}: {got!r} != {want!r} (rel {rel})"


def assert_dict_close(got: dict[str, float], want: dict[str, float], rel: float, what: str) -> None:
    assert set(got) == set(want), f"{what}: keys {sorted(got)} != {sorted(want)}"
    for name, value in want.items():
        assert_close(got[name], value, rel, f"{what}[{name}]")


def assert_totals_close(got: InventoryResult, want: InventoryResult, rel: float) -> None:
    assert_close(got.total_t_co2e, want.total_t_co2e, rel, "total_t_co2e")
    assert_dict_close(got.by_scope_t_co2e, want.by_scope_t_co2e, rel, "by_scope_t_co2e")
    assert_dict_close(got.by_gas_t, want.by_gas_t, rel, "by_gas_t")
    assert_dict_close(got.by_category_t_co2e, want.by_category_t_co2e, rel, "by_category_t_co2e")
    assert_dict_close(
        got.separately_reported_t_co2e, want.separately_reported_t_co2e, rel, "separately_reported_t_co2e"
    )


# --- strategies for valid inventories -----------------------------------------------------------

amounts = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)
monthly_amounts = st.lists(amounts, min_size=1, max_size=12)
lines = st.sampled_from(LINES)


@st.composite
def activity_lists(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[dict[str, object]]:
    chosen = draw(st.lists(lines, min_size=min_size, max_size=max_size))
    return [activity(line, draw(st.one_of(amounts, monthly_amounts))) for line in chosen]


def scaled(amount: object, factor: float) -> object:
    if isinstance(amount, list):
        return [value * factor for value in amount]
    assert isinstance(amount, float)
    return amount * factor


# --- 1. linearity -------------------------------------------------------------------------------


@FAST
@given(activities=activity_lists(), factor=st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_every_amount_scales_every_result(activities: list[dict[str, object]], factor: float) -> None:
    base = compute(activities)
    times = compute([{**a, "amount": scaled(a["amount"], factor)} for a in activities])
    assert len(times.lines) == len(base.lines)
    for index, (got, want) in enumerate(zip(times.lines, base.lines, strict=True)):
        where = f"line {index} ({want.activity} in {want.unit})"
        assert_close(got.amount, want.amount * factor, 1e-9, f"{where} amount")
        assert_close(got.t_co2e, want.t_co2e * factor, 1e-9, f"{where} t_co2e")
        assert_dict_close(got.gases_t, {g: t * factor for g, t in want.gases_t.items()}, 1e-9, f"{where} gases_t")
        assert_dict_close(
            got.separately_reported_t_co2e,
            {g: t * factor for g, t in want.separately_reported_t_co2e.items()},
            1e-9,
            f"{where} separately_reported_t_co2e",
        )
    assert_close(times.total_t_co2e, base.total_t_co2e * factor, 1e-9, "total_t_co2e")
    for name, got_dict, want_dict in [
        ("by_scope_t_co2e", times.by_scope_t_co2e, base.by_scope_t_co2e),
        ("by_gas_t", times.by_gas_t, base.by_gas_t),
        ("by_category_t_co2e", times.by_category_t_co2e, base.by_category_t_co2e),
        ("separately_reported_t_co2e", times.separately_reported_t_co2e, base.separately_reported_t_co2e),
    ]:
        assert_dict_close(got_dict, {k: v * factor for k, v in want_dict.items()}, 1e-9, name)


# --- 2. additivity ------------------------------------------------------------------------------


@FAST
@given(activities=activity_lists())
def test_total_is_the_sum_of_the_lines(activities: list[dict[str, object]]) -> None:
    result = compute(activities)
    total = math.fsum(line.t_co2e for line in result.lines)
    assert result.total_t_co2e == total
    # every breakdown adds up to the same total
    assert_close(math.fsum(result.by_scope_t_co2e.values()), total, 1e-12, "sum of by_scope_t_co2e")
    assert_close(math.fsum(result.by_category_t_co2e.values()), total, 1e-12, "sum of by_category_t_co2e")
    # and so does the written result
    written = json.loads(to_json([result], as_array=False))
    assert written["total_t_co2e"] == math.fsum(line["t_co2e"] for line in written["lines"])
    assert written["total_t_co2e"] == total


@FAST
@given(data=st.data(), activities=activity_lists(), a=amounts, b=amounts)
def test_splitting_a_line_in_two_keeps_the_totals(
    data: st.DataObject, activities: list[dict[str, object]], a: float, b: float
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(activities) - 1), label="index")
    whole = [*activities[:index], {**activities[index], "amount": a + b}, *activities[index + 1 :]]
    split = [
        *activities[:index],
        {**activities[index], "amount": a},
        {**activities[index], "amount": b},
        *activities[index + 1 :],
    ]
    one, two = compute(whole), compute(split)
    assert len(two.lines) == len(one.lines) + 1
    assert_close(two.lines[index].t_co2e + two.lines[index + 1].t_co2e, one.lines[index].t_co2e, 1e-9, "split line")
    assert_totals_close(two, one, 1e-9)


# --- 3. unit invariance -------------------------------------------------------------------------


@FAST
@given(pair=st.sampled_from(UNIT_PAIRS), amount=st.floats(min_value=1e-6, max_value=1e8))
def test_the_unit_an_amount_is_written_in_does_not_change_the_result(
    pair: tuple[str, str, str, float], amount: float
) -> None:
    key, small, large, ratio = pair
    in_small = compute([{"activity": key, "amount": amount * ratio, "unit": small}]).lines[0]
    in_large = compute([{"activity": key, "amount": amount, "unit": large}]).lines[0]
    assert_close(in_large.t_co2e, in_small.t_co2e, 1e-12, f"{key}: {amount} {large} vs {amount * ratio} {small}")
    assert_dict_close(in_large.gases_t, in_small.gases_t, 1e-12, f"{key} gases_t")


# --- 4. order invariance ------------------------------------------------------------------------


@FAST
@given(data=st.data(), activities=activity_lists(min_size=2, max_size=10))
def test_the_order_of_the_activities_does_not_change_the_totals(
    data: st.DataObject, activities: list[dict[str, object]]
) -> None:
    order = data.draw(st.permutations(range(len(activities))), label="order")
    base = compute(activities)
    shuffled = compute([activities[i] for i in order])
    assert shuffled.total_t_co2e == pytest.approx(base.total_t_co2e, rel=1e-12)
    assert shuffled.by_scope_t_co2e == pytest.approx(base.by_scope_t_co2e, rel=1e-12)
    assert shuffled.by_gas_t == pytest.approx(base.by_gas_t, rel=1e-12)
    assert shuffled.by_category_t_co2e == pytest.approx(base.by_category_t_co2e, rel=1e-12)
    assert shuffled.separately_reported_t_co2e == pytest.approx(base.separately_reported_t_co2e, rel=1e-12)
    for position, original in enumerate(order):
        got, want = shuffled.lines[position], base.lines[original]
        assert (got.index, got.activity, got.unit) == (position, want.activity, want.unit)
        assert got.t_co2e == want.t_co2e and got.gases_t == want.gases_t


# --- 5. monthly list vs its sum -----------------------------------------------------------------


def written_month(value: int | float, form: int) -> object:
    """A month as a person writes it: a number, '1,234' with separators, or Thai digits."""
    if isinstance(value, float) or form == 0:
        return value
    if form == 1:
        return f"{value:,}"
    return str(value).translate(THAI_DIGITS)


months = st.lists(
    st.tuples(
        # 0, or a number the reader takes: none above 0 is below SMALLEST_NUMBER (1e-320 is refused)
        st.one_of(
            st.just(0.0), st.floats(min_value=SMALLEST_NUMBER, max_value=1e9), st.integers(min_value=0, max_value=10**9)
        ),
        st.integers(min_value=0, max_value=2),
    ),
    min_size=1,
    max_size=12,
)


@FAST
@given(line=lines, values=months)
@example(line=LINES[0], values=[(1.0, 0), (3.0, 0), (SMALLEST_NUMBER, 0)])  # the smallest month beside others
def test_a_monthly_list_gives_the_result_of_its_sum(
    line: tuple[str, str, int | None], values: list[tuple[int | float, int]]
) -> None:
    numbers = [float(value) for value, _ in values]
    total = math.fsum(numbers)
    monthly = compute([activity(line, [written_month(value, form) for value, form in values])]).lines[0]
    single = compute([activity(line, total)]).lines[0]
    assert monthly.monthly == tuple(numbers)
    assert monthly.amount == single.amount == total
    assert_close(monthly.t_co2e, single.t_co2e, 1e-12, "t_co2e")
    assert_dict_close(monthly.gases_t, single.gases_t, 1e-12, "gases_t")


# --- 6. loader fuzz -----------------------------------------------------------------------------

SOURCE = "fuzz.yaml"


def check_no_escape(text: str) -> None:
    """Read and compute `text` as compute_file does: it must return, every problem an Issue located in the file."""
    note(f"text: {text!r}")
    reading = read_inventory_text(text, SOURCE)
    issues = list(reading.issues)
    outcomes: list[api.Outcome] = []
    if reading.positions is not None:
        options = api.Options(store=STORE)
        if reading.inventory is not None:
            outcomes.append(api.compute_inventory(reading.inventory, reading.positions, SOURCE, options))
        elif reading.partial is not None:
            outcomes.append(api.compute_inventory(reading.partial, reading.positions, SOURCE, options, reading.kept))
    for outcome in outcomes:
        issues.extend(outcome.issues)
        if outcome.result is not None:
            to_json([outcome.result], as_array=False)
            to_csv([outcome.result])
    for issue in issues:
        assert issue.location is not None, f"{issue.code}: {issue.message} has no location"
        assert issue.location.file == SOURCE, issue
        issue.format()
    if reading.inventory is None:
        assert any(issue.is_error for issue in reading.issues), "no inventory and no error"


_THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
_PUNCTUATION = st.sampled_from([*":-[]{},#&*!|>'\"%@`?~.\n\t ", "\r", "\ufeff", "\x00", "\u2028"])
fuzz_text = st.text(alphabet=st.one_of(_PUNCTUATION, _THAI, st.characters(codec="utf-8")), max_size=80)

INVENTORY_KEYS = [
    "ghgcalc",
    "name",
    "kind",
    "period",
    "gwp",
    "factors",
    "output",
    "notation_keys",
    "include",
    "custom_factors",
    "activities",
]
ACTIVITY_KEYS = ["activity", "amount", "unit", "scope", "category", "label", "id", "ncv", "density", "gpc", "ipcc"]

interesting_strings = st.sampled_from(
    [
        "",
        " ",
        "1",
        "1,000",
        "๑๒๓",
        "-1",
        "1e400",
        "nan",
        ".inf",
        "FY2567",
        "ปีงบประมาณ 2567",
        "2567-02-29",
        "2024-13-01",
        "mini",
        "mini@2020",
        "fuel",
        "power",
        "L",
        "kWh",
        "ลิตร",
        "AR5",
        "community",
        "organization",
        "I.1.1",
        "NO",
        "=cmd|' /C calc'!A0",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    fuzz_text,
    interesting_strings,
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
keys = st.one_of(st.sampled_from(INVENTORY_KEYS + ACTIVITY_KEYS), fuzz_text, st.integers(-5, 5), st.booleans())
yamlish = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=20,
)


@FUZZ
@given(doc=yamlish, flow=st.sampled_from([None, True, False]), unicode=st.booleans())
def test_arbitrary_documents_never_raise(doc: object, flow: bool | None, unicode: bool) -> None:
    text = yaml.safe_dump(doc, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)
    check_no_escape(text)


@FUZZ
@given(text=st.text(alphabet=st.one_of(_PUNCTUATION, _THAI, st.characters(codec="utf-8")), max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    check_no_escape(text)


# Pieces of YAML (tags, anchors, aliases, merge keys, directives, block scalars) put together at random.
FRAGMENTS = [
    "ghgcalc: 1\n",
    "name: Fuzz\n",
    "period: 2024\n",
    "period: FY2567\n",
    "factors: mini\n",
    "activities:\n",
    "  - activity: fuel\n",
    "    amount: 10\n",
    "    unit: L\n",
    "  - {activity: power, amount: [1, 2], unit: kWh}\n",
    "- ",
    "  ",
    "\n",
    ": ",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "? ",
    "#",
    "&a ",
    "*a",
    "*b",
    "<<: *a\n",
    "<<: ",
    "--- \n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG !e! tag:example.com,2000:\n",
    "|\n",
    ">-\n",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!str ",
    "!!timestamp ",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!python/object/apply:os.system ['true'] ",
    "!e!thing ",
    "!local ",
    '""',
    "''",
    "0x1F",
    "0o17",
    "012",
    "1:30",
    "1_000",
    "yes",
    "No",
    "~",
    ".nan",
    "-.inf",
    "1e400",
    "2567-02-29",
    "2024-01-01 10:00:00",
    "๑๒",
    "ปีงบประมาณ 2567",
    "x",
]
fragment_texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), fuzz_text.filter(lambda s: len(s) < 6)), max_size=30)


@FUZZ
@given(pieces=fragment_texts)
@example(pieces=["x: !!int ", '""'])  # SafeConstructor indexes value[0] of an empty int or float
@example(pieces=["x: !!float ", '""'])
@example(pieces=["x: !!timestamp ", "x"])  # a timestamp that does not match the regexp
def test_yaml_fragments_never_raise(pieces: list[str]) -> None:
    check_no_escape("".join(pieces))


# Near-valid inventories: a valid header and activities whose keys and values are partly plausible,
# partly junk, to reach the model, the unit conversions, the factor lookup and the methods.


def _literals(annotation: object) -> list[str]:
    return re.findall(r"'([A-Za-z0-9_.-]+)'", str(annotation))


METHOD_FIELDS: dict[str, dict[str, list[str]]] = {
    name: {
        field: _literals(info.annotation)
        for field, info in importlib.import_module(method.module).Params.model_fields.items()
    }
    for name, method in METHODS.items()
}

junk = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(fuzz_text, scalars, max_size=2))
numbers = st.one_of(
    st.floats(),
    st.integers(min_value=-10, max_value=10**6),
    st.integers(min_value=10**300, max_value=10**400),
    st.sampled_from(["1,000", "๑๒๓", "1e400", "-0", "1_000", " ", "1.2.3", "−5", "0", "12 L", "inf", "-inf"]),
)
UNITS = [
    "L",
    "m3",
    "kWh",
    "MWh",
    "kg",
    "t",
    "g",
    "MJ",
    "GJ",
    "TJ",
    "scf",
    "count",
    "rai",
    "ha",
    "person_day",
    "ลิตร",
    "หน่วย",
    "ลบ.ม.",
    "L/0",
    "kg**1000",
    "1/0",
    "exp(1)",
    "__class__",
    "kg kg",
    "degC",
    "delta_degC",
    "%",
    "percent",
    "",
    " ",
    "L)",
    "(",
    "kg^2",
    "1e400 kg",
    "nan kg",
    "inf L",
    "0 L",
    "-1 L",
    "gal",
    "bbl",
    "short_ton",
    "Wh/0",
    "kWh/kWh",
    "m**3/s",
    "1",
    "2",
    "dimensionless",
]
BRIDGES = [
    "1.0 MJ/scf",
    "0.8 kg/L",
    "43 TJ/Gg",
    "0 kg/L",
    "-1 kg/L",
    "nan kg/L",
    "inf TJ/Gg",
    "1e400 kg/L",
    "kg/L",
    "0.8",
    "0.8 L/kg",
    "1/0",
    "(",
    "1 kWh/L",
    "0.8 kg/m3",
    "1 TJ/kg",
    "0.8 kg",
    "0 MJ/scf",
    "1 degC/L",
]
ACTIVITY_NAMES = ["fuel", "power", "wood", "lpg", "oil", "gas", "paper", "r-410a", "r-22", "sf6", "co2", "nope", "FUEL"]
GASES = ["CO2", "CH4", "CH4_fossil", "N2O", "CO2e", "CO2_biogenic", "HFC-134a", "R-410A", "HCFC-22", "SF6", "nope", ""]
GPC_REFS = ["I.1.1", "I.1.2", "I.2.1", "II.1.1", "III.1.1", "III.1.2", "V.1", "X.9.9", "", "I.1"]
IPCC_REFS = ["1.A.4.b", "1.A.1", "4.A", "3.A.1", "9.Z", ""]


def mixed(
    plausible: st.SearchStrategy[object], odd: st.SearchStrategy[object] | None = None
) -> st.SearchStrategy[object]:
    """Plausible values 17 times in 20, odd ones (wrong but well-typed) 2 in 20, junk 1 in 20."""
    rare = odd if odd is not None else plausible
    return st.integers(min_value=0, max_value=19).flatmap(
        lambda roll: junk if roll == 0 else rare if roll <= 2 else plausible
    )


ACTIVITY_VALUES: dict[str, st.SearchStrategy[object]] = {
    "activity": mixed(st.sampled_from(ACTIVITY_NAMES[:10]), st.sampled_from(ACTIVITY_NAMES)),
    "amount": mixed(
        st.one_of(st.floats(min_value=0, max_value=1e9), st.lists(st.floats(min_value=0, max_value=1e6), max_size=12)),
        st.one_of(numbers, st.lists(numbers, max_size=14)),
    ),
    "unit": mixed(st.sampled_from(UNITS[:18]), st.sampled_from(UNITS)),
    "scope": mixed(st.sampled_from([1, 2, 3]), st.sampled_from([0, 4, "1", 1.0, 1.5])),
    "category": mixed(st.sampled_from(["boilers", "mobile-combustion", "ไฟฟ้า"]), fuzz_text),
    "label": mixed(st.sampled_from(["A label", "ป้าย"]), fuzz_text),
    "id": mixed(st.sampled_from(["a", "b", "line-1"]), fuzz_text),
    "ncv": mixed(st.sampled_from(BRIDGES[:3]), st.sampled_from(BRIDGES)),
    "density": mixed(st.sampled_from(BRIDGES[:3]), st.sampled_from(BRIDGES)),
    "gpc": mixed(st.sampled_from(GPC_REFS[:6]), st.sampled_from(GPC_REFS)),
    "ipcc": mixed(st.sampled_from(IPCC_REFS[:4]), st.sampled_from(IPCC_REFS)),
}


@st.composite
def factor_activities(draw: st.DrawFn) -> dict[object, object]:
    chosen = draw(st.sets(st.sampled_from(ACTIVITY_KEYS), max_size=5))
    if draw(st.integers(0, 9)):  # usually the three required keys
        chosen |= {"activity", "amount", "unit"}
    data: dict[object, object] = {key: draw(ACTIVITY_VALUES[key], label=key) for key in sorted(chosen)}
    if draw(st.integers(0, 19)) == 0:
        data[draw(keys)] = draw(junk)
    return data


def param_values(literals: list[str]) -> st.SearchStrategy[object]:
    names = st.sampled_from(literals or ["x"])
    plausible = [
        st.floats(min_value=0, max_value=1e6),
        st.floats(min_value=0, max_value=1),
        st.integers(min_value=0, max_value=10**6),
        st.lists(st.floats(min_value=0, max_value=1e4), min_size=1, max_size=12),
        st.dictionaries(names, st.floats(min_value=0, max_value=1), max_size=4),
        st.dictionaries(st.integers(min_value=1990, max_value=2024), st.floats(min_value=0, max_value=1e6), max_size=5),
        st.lists(st.dictionaries(names, st.one_of(st.floats(min_value=0, max_value=1), names), max_size=4), max_size=3),
    ]
    if literals:
        plausible += [names, names, names]
    odd = st.one_of(
        numbers,
        st.lists(numbers, max_size=14),
        st.dictionaries(names, numbers, max_size=4),
        st.dictionaries(st.integers(min_value=1790, max_value=2210), numbers, max_size=5),
    )
    return mixed(st.one_of(*plausible), odd)


@st.composite
def method_activities(draw: st.DrawFn) -> dict[object, object]:
    name = draw(st.one_of(st.sampled_from(sorted(METHODS)), st.sampled_from(sorted(METHODS)), fuzz_text))
    fields = METHOD_FIELDS.get(name, {})
    chosen = draw(st.sets(st.sampled_from(sorted(fields) or ["x"]), max_size=len(fields) or 1))
    params = {field: draw(param_values(fields.get(field, [])), label=field) for field in sorted(chosen)}
    data: dict[object, object] = {"method": name, "params": params if draw(st.integers(0, 9)) else draw(junk)}
    for key in draw(st.sets(st.sampled_from(["scope", "category", "label", "id", "gpc", "ipcc"]), max_size=3)):
        data[key] = draw(ACTIVITY_VALUES[key])
    return data


custom_factor = st.fixed_dictionaries(
    {
        "key": mixed(st.sampled_from(["fuel", "boiler-diesel", "my.key"]), st.sampled_from(["Bad Key", ""])),
        "per": mixed(st.sampled_from(UNITS[:18]), st.sampled_from(UNITS)),
        "kg": mixed(
            st.dictionaries(st.sampled_from(GASES[:9]), st.floats(min_value=0, max_value=1e4), min_size=1, max_size=3),
            st.dictionaries(st.sampled_from(GASES), st.floats(), max_size=3),
        ),
        "source": mixed(st.just("test"), st.just("")),
    },
    optional={
        "name": fuzz_text,
        "scope": mixed(st.sampled_from([1, 2, 3]), st.just(0)),
        "category": fuzz_text,
        "ncv": mixed(st.sampled_from(BRIDGES[:3]), st.sampled_from(BRIDGES)),
        "density": mixed(st.sampled_from(BRIDGES[:3]), st.sampled_from(BRIDGES)),
        "gwp_basis": mixed(st.sampled_from(["SAR", "AR4", "AR5", "AR6"]), st.just("AR7")),
        "valid_from": mixed(
            st.sampled_from([None, "2020-01-01", dt.date(2024, 1, 1), "2567-01-01"]),
            st.one_of(st.dates(min_value=dt.date(1, 1, 1)), st.just("2024-02-30")),
        ),
        "valid_to": mixed(
            st.sampled_from([None, "2025-12-31", dt.date(2024, 6, 30), "2567-12-31"]),
            st.one_of(st.dates(min_value=dt.date(1, 1, 1)), st.just("2024-13-01")),
        ),
    },
)
VALID_PERIODS: list[object] = [
    2024,
    2567,
    "2024",
    "FY2567",
    "ปีงบประมาณ 2567",
    "๒๕๖๗",
    {"fiscal_year": 2567},
    {"start": "2024-01-01", "end": "2024-12-31"},
    {"start": dt.date(2020, 1, 1), "end": dt.date(2025, 12, 31)},
    {"start": "2024-03-01", "end": "2024-03-31"},
]
periods = mixed(
    st.sampled_from(VALID_PERIODS),
    st.one_of(
        st.integers(min_value=1800, max_value=2800),
        st.sampled_from(
            ["2024-13", "FY", "2567-02-29", {"fiscal_year": 1800}, {"start": "2024-12-31", "end": "2024-01-01"}]
        ),
        st.fixed_dictionaries({"start": st.dates(), "end": st.dates()}),
    ),
)
factor_refs = mixed(
    st.sampled_from(["mini", ["mini", "gases"], "mini@2024", "mini@2020", ["mini@2020", "mini"]]),
    st.sampled_from(["gases", "mini@1999", "nope", "", "mini@", "@", "Mini", ["mini", "mini"]]),
)
NOTATION_KEYS = st.fixed_dictionaries(
    {"key": st.sampled_from(["NO", "NE", "IE", "C", "NA"])}, optional={"explanation": fuzz_text}
)
optional_header = {
    "gwp": mixed(st.sampled_from(["SAR", "AR4", "AR5", "AR6"]), st.sampled_from(["AR7", "ar5"])),
    "kind": mixed(st.sampled_from(["organization", "community"]), st.just("city")),
    "output": mixed(
        st.fixed_dictionaries(
            {"amount": st.floats(min_value=0, max_value=1e6), "unit": st.sampled_from(UNITS)},
            optional={"name": fuzz_text},
        ),
        st.fixed_dictionaries({"amount": numbers, "unit": st.sampled_from(UNITS)}),
    ),
    "notation_keys": mixed(
        st.dictionaries(st.sampled_from(GPC_REFS[:6]), NOTATION_KEYS, max_size=3),
        st.dictionaries(st.sampled_from(GPC_REFS), st.fixed_dictionaries({"key": st.just("XX")}), max_size=3),
    ),
    "include": mixed(st.just([]), st.sampled_from(["other.yaml", "../x.yaml", ""])),
    "custom_factors": mixed(st.lists(custom_factor, max_size=3)),
}


@st.composite
def near_valid_inventories(draw: st.DrawFn) -> dict[object, object]:
    doc: dict[object, object] = {
        "ghgcalc": 1,
        "name": draw(mixed(st.sampled_from(["Fuzz", "เทศบาล"]), fuzz_text), label="name"),
        "period": draw(periods, label="period"),
        "factors": draw(factor_refs, label="factors"),
    }
    for key in draw(st.sets(st.sampled_from(sorted(optional_header)), max_size=3), label="extra header keys"):
        doc[key] = draw(optional_header[key], label=key)
    doc["activities"] = draw(
        st.lists(
            mixed(st.one_of(factor_activities(), factor_activities(), method_activities())), min_size=1, max_size=6
        ),
        label="activities",
    )
    return doc


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=near_valid_inventories(), unicode=st.booleans())
def test_near_valid_inventories_never_raise(doc: dict[object, object], unicode: bool) -> None:
    text = yaml.safe_dump(doc, allow_unicode=unicode, sort_keys=False)
    check_no_escape(text)


# --- 7. determinism across hash seeds -----------------------------------------------------------

EXAMPLES = ["examples/municipality.yaml", "examples/province.yaml"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_output_does_not_depend_on_the_hash_seed(example: str, fmt: str) -> None:
    command = [sys.executable, "-m", "ghgcalc", "compute", example, "--format", fmt]
    runs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    (out0, err0), (out1, err1) = (run.communicate(timeout=60) for run in runs)
    codes = [run.returncode for run in runs]
    assert codes[0] == codes[1] == 0, (codes, err0.decode(), err1.decode())
    assert out0, "no output"
    assert out0 == out1, "the output differs between PYTHONHASHSEED=0 and 12345"
    assert err0 == err1
    if fmt == "json":
        json.loads(out0)


def test_hash_seed_property_can_fail() -> None:
    """A guard for the check above: two different results must not compare equal."""
    a = run_inventory(dump(document([activity(LINES[0], 1.0)])), store=STORE).result
    b = run_inventory(dump(document([activity(LINES[0], 2.0)])), store=STORE).result
    assert a is not None and b is not None
    assert to_csv([a]) != to_csv([b]) and to_json([a], as_array=False) != to_json([b], as_array=False)
