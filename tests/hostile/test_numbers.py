"""Every number is read one way, everywhere (docs/inventory-format.md, "How numbers are read").

Amounts, monthly values, custom-factor `kg:`, `ncv`/`density` bridges, method parameters, plan
numbers and factor-set values all go through `ghgcalc.numbers.read_number`: Thai digits and
thousands commas are read; a decimal comma, hex/binary/octal, `1_000`, yes/no answers, dates,
infinity and absurd sizes are located errors with a hint, never a silently wrong number and never
exit 3. Each CLI case asserts the exit code, the location, the code, the hint and that no file
changed; the unit tests at the end pin the reader itself.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from ghgcalc.numbers import NumberError, read_number
from tests.helpers import (
    FACTOR_HEADER,
    INPUT_ERRORS,
    USES_OWN_SET,
    Run,
    assert_input_error,
    at,
    ghgcalc,
    issues,
    own_factor_set,
    snapshot,
    write,
)

HEAD = "ghgcalc: 1\nname: Town\nperiod: 2024\n"


def line(amount: str, unit: str = "L", activity: str = "diesel-stationary", extra: str = "") -> str:
    return f"{HEAD}activities:\n  - activity: {activity}\n    amount: {amount}\n    unit: {unit}\n{extra}"


def custom(kg: str, per: str = "L", extra: str = "", amount: str = "100", unit: str | None = None) -> str:
    return (
        f"{HEAD}custom_factors:\n"
        f"  - key: boiler-oil\n    per: {per}\n    kg: {kg}\n    scope: 1\n    source: Supplier sheet 2024\n{extra}"
        f"activities:\n  - {{activity: boiler-oil, amount: {amount}, unit: {unit or per}}}\n"
    )


def method(params: str, name: str = "landfill-fod", gpc: str = "III.1.1") -> str:
    return f"{HEAD}activities:\n  - method: {name}\n    gpc: {gpc}\n    params: {params}\n"


PLAN_BASE = (
    f"{HEAD}custom_factors:\n"
    "  - {key: grid-test, per: kWh, kg: {CO2: 0.5}, scope: 2, source: test}\n"
    "activities:\n  - {activity: grid-test, amount: 10000, unit: kWh, label: Street lighting}\n"
)
MEASURE = "  - {id: led, start: 2026, applies_to: {label: Street lighting}, reduce: {share: 0.5}"


def plan(body: str) -> str:
    return f"ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\n{body}"


@dataclass(frozen=True)
class Case:
    text: str
    code: str | tuple[str, ...]
    marker: str  # the text the error must point at
    hint: str | None = ""  # "" asks only that a hint is printed; None: no hint asked
    message: str | None = None
    kind: str = "inventory"  # inventory | plan


def run_case(tmp_path: Path, case: Case) -> tuple[Run, str]:
    name = "town.yaml" if case.kind == "inventory" else "p.yaml"
    if case.kind == "plan":
        write(tmp_path, "base.yaml", PLAN_BASE)
    write(tmp_path, name, case.text)
    before = snapshot(tmp_path)
    command = "compute" if case.kind == "inventory" else "plan"
    run = ghgcalc(tmp_path, command, name, "-f", "json")
    assert snapshot(tmp_path) == before, "a run changed a file"
    return run, name


CASES: dict[str, Case] = {
    # --- amounts -------------------------------------------------------------------------------
    "amount-decimal-comma": Case(line('"12,50"'), "amount-invalid", '"12,50"', "12.50", "decimal comma"),
    "amount-decimal-comma-european": Case(line('"1.234,5"'), "amount-invalid", '"1.234,5"', "1234.5", "decimal"),
    "amount-decimal-comma-zero": Case(line('"0,84"'), "amount-invalid", '"0,84"', "0.84", "decimal comma"),
    "amount-decimal-comma-0840": Case(line('"0,840"'), "amount-invalid", '"0,840"', "0.840", "decimal comma"),
    "amount-hex": Case(line("0x1A"), "amount-invalid", "0x1A", "decimal digits", "hexadecimal"),
    "amount-binary": Case(line("0b101"), "amount-invalid", "0b101", "decimal digits", "binary"),
    "amount-octal": Case(line("0o17"), "amount-invalid", "0o17", "decimal digits", "octal"),
    "amount-underscores": Case(line("1_000"), "amount-invalid", "1_000", "1,000", "underscores"),
    "amount-true": Case(line("true"), "amount-invalid", "true", "yes/no", "true is not a number"),
    "amount-yes": Case(line("yes"), "amount-invalid", "yes", "yes/no", "yes is not a number"),
    "amount-off": Case(line("off"), "amount-invalid", "off", "yes/no", "off is not a number"),
    "amount-date": Case(line("2024-01-05"), "amount-invalid", "2024-01-05", "", "date"),
    "amount-timestamp": Case(line("2024-01-05 10:30:00"), "amount-invalid", "2024-01-05 10", "", "date"),
    "amount-inf": Case(line(".inf"), "amount-not-finite", ".inf", "ordinary number"),
    "amount-nan": Case(line(".NaN"), "amount-not-finite", ".NaN", "ordinary number"),
    "amount-infinity-text": Case(line('"Infinity"'), "amount-not-finite", '"Infinity"', "ordinary number"),
    "amount-1e308": Case(line("1.0e+308"), "amount-too-large", "1.0e+308", "extra digits", "implausibly large"),
    "amount-overflowing-text": Case(line('"1e400"'), "amount-too-large", '"1e400"', "extra digits"),
    "amount-two-numbers-in-one-text": Case(line('"12,000, 15,000"'), "amount-invalid", '"12,000', "[ ]", "commas"),
    "month-decimal-comma": Case(line('[10, "12,5", 10]'), "amount-invalid", '"12,5"', "12.5", "month 2"),
    "month-boolean": Case(line("[10, 10, on]"), "amount-invalid", "on]", "yes/no", "month 3"),
    "month-hex": Case(line("[0x10, 10]"), "amount-invalid", "0x10", "decimal digits", "month 1"),
    "month-list-with-thousands-commas": Case(
        line("[12,000, 15,000, 11,000]"),
        "number-list-grouping",
        "[12,000",
        '["12,000", "15,000", "11,000"]',
        "6 numbers, not 3",
    ),
    "month-list-with-one-thousands-comma": Case(
        line("[9000, 12,500, 9100]"), "number-list-grouping", "[9000", '["9000", "12,500", "9100"]'
    ),
    "output-decimal-comma": Case(
        line("100").replace("activities:", "output: {amount: '1,5', unit: t}\nactivities:"),
        "amount-invalid",
        "'1,5'",
        "1.5",
    ),
    "indicator-yes": Case(
        line("100").replace("activities:", "indicators: {population: yes}\nactivities:"), "amount-invalid", "yes}"
    ),
    # --- custom factors --------------------------------------------------------------------------
    "factor-decimal-comma": Case(custom('{CO2: "2,7"}'), "factor-value-invalid", '{CO2: "2,7"}', "2.7", "CO2"),
    "factor-boolean": Case(custom("{CO2: true}"), "factor-value-invalid", "{CO2: true}", "yes/no", "CO2"),
    "factor-hex": Case(custom("{CO2: 0x1A}"), "factor-value-invalid", "{CO2: 0x1A}", "", "hexadecimal"),
    "factor-date": Case(custom("{CO2: 2024-01-01}"), "factor-value-invalid", "{CO2: 2024", "", "date"),
    "factor-beyond-any-real-factor": Case(
        custom("{CO2: 1.0e+12}"), "factor-value-invalid", "{CO2: 1.0e+12}", "", "implausibly large"
    ),
    "factor-1e9-times-amount-1e308": Case(
        custom("{CO2: 1.0e+9}", amount="1.0e+308"), "amount-too-large", "1.0e+308", "", "implausibly large"
    ),
    "result-beyond-any-real-line": Case(
        custom("{CO2: 1.0e+9}", per="kg", amount="1.0e+15", unit="t"),
        "result-too-large",
        "1.0e+15",
        "extra digits",
        "beyond any real inventory line",
    ),
    # --- bridges ---------------------------------------------------------------------------------
    "density-decimal-comma": Case(
        line("100", unit="kg", extra='    density: "0,84 kg/L"\n'),
        "bridge-invalid",
        '"0,84 kg/L"',
        "0.84 kg/L",
        "decimal comma",
    ),
    "density-decimal-comma-on-a-line-that-needs-none": Case(
        line("100", extra='    density: "0,84 kg/L"\n'), "bridge-invalid", '"0,84 kg/L"', "0.84 kg/L"
    ),
    "ncv-decimal-comma-on-a-line-that-needs-none": Case(
        line("100", extra='    ncv: "36,42 MJ/L"\n'), "bridge-invalid", '"36,42 MJ/L"', "36.42 MJ/L"
    ),
    "density-negative-on-a-line-that-needs-none": Case(
        line("100", extra='    density: "-0.84 kg/L"\n'), "bridge-invalid", '"-0.84 kg/L"', "positive number"
    ),
    "density-wrong-kind-on-a-line-that-needs-none": Case(
        line("100", extra="    density: 0.84 MJ/L\n"), "bridge-invalid", "0.84 MJ/L", "", "mass per volume"
    ),
    "custom-factor-density-decimal-comma": Case(
        custom("{CO2: 2.7}", per="kg", unit="L", extra='    density: "0,84 kg/L"\n'),
        "bridge-invalid",
        '"0,84 kg/L"',
        "0.84 kg/L",
    ),
    # --- method parameters -----------------------------------------------------------------------
    "method-param-decimal-comma": Case(
        method('{deposits: {2020: "12,5"}, climate: tropical-wet}'),
        "method-params",
        '"12,5"',
        "12.5",
        "deposits.2020",
    ),
    "method-param-boolean": Case(
        method("{animal: dairy-cattle, heads: true}", "enteric-fermentation", "V.1"),
        "method-params",
        "true}",
        "yes/no",
        "heads",
    ),
    "method-param-hex": Case(
        method("{animal: dairy-cattle, heads: 0x10}", "enteric-fermentation", "V.1"),
        "method-params",
        "0x10",
        "decimal digits",
        "hexadecimal",
    ),
    "method-param-infinite": Case(
        method("{deposits: {2020: .inf}, climate: tropical-wet}"), "method-params", ".inf", "ordinary number"
    ),
    # --- plans -----------------------------------------------------------------------------------
    "plan-price-boolean": Case(
        plan("prices: {grid-test: {thb_per_unit: true, unit: kWh}}\n"),
        "number-invalid",
        "true,",
        "yes/no",
        "thb_per_unit",
        "plan",
    ),
    "plan-size-decimal-comma": Case(
        plan(f"measures:\n{MEASURE}, size: '1,5'}}\n"), "number-decimal-comma", "'1,5'", "1.5", "size", "plan"
    ),
    "plan-rate-date": Case(plan("discount_rate_pct: 2024-01-01\n"), "number-invalid", "2024-01-01", "", "date", "plan"),
    "plan-investment-hex": Case(
        plan(f"discount_rate_pct: 3\nmeasures:\n{MEASURE}, costs: {{investment_thb: 0xFF, lifetime_years: 5}}}}\n"),
        "number-invalid",
        "0xFF",
        "decimal digits",
        "hexadecimal",
        "plan",
    ),
    "plan-start-yes": Case(
        plan(f"measures:\n{MEASURE.replace('2026', 'yes')}}}\n"), "year-invalid", "yes,", "year", None, "plan"
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_number_written_wrong_is_a_located_error(tmp_path: Path, case: Case) -> None:
    run, name = run_case(tmp_path, case)
    assert run.code == INPUT_ERRORS, run
    printed = assert_input_error(run, name, case.code, at(case.text, case.marker), case.hint, case.message)
    assert "inf" not in run.stdout.lower() and "nan" not in run.stdout.lower()
    assert printed.severity == "error"


def compute_json(tmp_path: Path, text: str, name: str = "town.yaml") -> dict:
    write(tmp_path, name, text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", name, "-f", "json")
    assert snapshot(tmp_path) == before
    assert run.code == 0, run
    return json.loads(run.stdout)


# the same number written two ways: both computed, the same result (no value copied from our output)
SAME = {
    "thai-digit-density": (
        line("100", unit="kg", extra='    density: "๐.๘๔ kg/L"\n'),
        line("100", unit="kg", extra="    density: 0.84 kg/L\n"),
    ),
    "thai-digit-density-pint-path": (
        line("100", unit="kg", extra='    density: "๐.๘๔ kg/m3"\n'),
        line("100", unit="kg", extra="    density: 0.84 kg/m3\n"),
    ),
    "thousands-in-an-ncv": (
        custom("{CO2: 2.7}", per="MJ", unit="scf", extra='    ncv: "1,020 MJ/scf"\n'),
        custom("{CO2: 2.7}", per="MJ", unit="scf", extra="    ncv: 1020 MJ/scf\n"),
    ),
    "thai-digit-amount": (line('"๑๒,๕๐๐"'), line("12500")),
    "amount-with-spaces-and-plus": (line('"\u00a0+12,500 "'), line("12500")),
    "amount-in-exponent-notation": (line("1.25e4"), line("12500")),
    "factor-as-text": (custom('{CO2: "2.7"}'), custom("{CO2: 2.7}")),
    "factor-in-thai-digits": (custom('{CO2: "๒.๗"}'), custom("{CO2: 2.7}")),
    "method-param-thai-digits": (
        method('{animal: dairy-cattle, heads: "๑,๒๐๐"}', "enteric-fermentation", "V.1"),
        method("{animal: dairy-cattle, heads: 1200}", "enteric-fermentation", "V.1"),
    ),
    "method-param-thousands": (
        method('{deposits: {2020: "12,500"}, climate: tropical-wet}'),
        method("{deposits: {2020: 12500}, climate: tropical-wet}"),
    ),
    "spaced-list-is-meant": (line("[12, 000, 15]"), line("[12, 0, 15]")),
}


@pytest.mark.parametrize("pair", SAME.values(), ids=SAME.keys())
def test_a_number_written_another_accepted_way_means_the_same(tmp_path: Path, pair: tuple[str, str]) -> None:
    written, plain = pair
    first = compute_json(tmp_path, written, "a.yaml")
    second = compute_json(tmp_path, plain, "b.yaml")
    assert first["total_t_co2e"] == second["total_t_co2e"] > 0
    assert first["lines"][0]["amount"] == second["lines"][0]["amount"]


def test_a_bad_bridge_on_a_line_that_needs_none_stops_only_that_line(tmp_path: Path) -> None:
    text = line("100", extra='    density: "0,84 kg/L"\n') + "  - {activity: diesel-stationary, amount: 5, unit: L}\n"
    write(tmp_path, "town.yaml", text)
    run = ghgcalc(tmp_path, "validate", "town.yaml")
    assert run.code == INPUT_ERRORS
    assert [p.code for p in issues(run.stderr) if p.severity == "error"] == ["bridge-invalid"]


SET_ROW = "boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,{value},,,,,,Supplier sheet 2024,\n"


@pytest.mark.parametrize("value", ['"2,7"', '"1.234,5"', "0x1A"])
def test_a_factor_set_value_written_wrong_is_refused(tmp_path: Path, value: str) -> None:
    own_factor_set(tmp_path, FACTOR_HEADER + SET_ROW.format(value=value))
    write(tmp_path, "my.yaml", USES_OWN_SET)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert snapshot(tmp_path) == before
    printed = assert_input_error(run, "my.yaml", "factor-set-invalid", (4, None))
    assert "factors.csv:2" in printed.message and value.strip('"') in printed.message


# --------------------------------------------------------------------------------------------
# The reader itself

READ = {
    "int": (12, 12.0),
    "float": (0.84, 0.84),
    "thai-digits-grouped": ("๑๒,๕๐๐", 12500.0),
    "thousands": ("12,500", 12500.0),
    "thousands-and-decimals": ("1,234,567.5", 1234567.5),
    "spaces-and-nbsp": ("\u00a0 12.5 \u00a0", 12.5),
    "leading-plus": ("+5", 5.0),
    "exponent": ("2.5e3", 2500.0),
    "exponent-in-thai-digits": ("๒.๕e๓", 2500.0),
    "space-grouped": ("12 500", 12500.0),
    "minus-zero": ("-0", 0.0),
    "unicode-minus": ("\u22123", -3.0),
}


@pytest.mark.parametrize(("value", "expected"), READ.values(), ids=READ.keys())
def test_read_number_accepts(value: object, expected: float) -> None:
    assert read_number(value) == expected


REFUSE = {
    "decimal-comma": ("0,84", "number-decimal-comma", "0.84"),
    "decimal-comma-two-places": ("12,50", "number-decimal-comma", "12.50"),
    "decimal-comma-european": ("1.234,5", "number-decimal-comma", "1234.5"),
    "hex": ("0x1A", "number-invalid", "decimal digits"),
    "binary": ("0b101", "number-invalid", "decimal digits"),
    "octal": ("0o17", "number-invalid", "decimal digits"),
    "underscores": ("1_000", "number-invalid", "1,000"),
    "bool": (True, "number-invalid", "yes/no"),
    "false-text": ("False", "number-invalid", "yes/no"),
    "no-text": ("no", "number-invalid", "yes/no"),
    "date": (dt.date(2024, 1, 5), "number-invalid", "quotes"),
    "datetime": (dt.datetime(2024, 1, 5, 10, 30), "number-invalid", "quotes"),
    "date-text": ("2024-01-05", "number-invalid", "number itself"),
    "none": (None, "number-invalid", "12.5"),
    "empty": ("  ", "number-invalid", "12.5"),
    "list": ([1, 2], "number-invalid", "one number"),
    "mapping": ({"value": 1}, "number-invalid", "one number"),
    "nan": (float("nan"), "number-not-finite", "ordinary"),
    "inf-text": (".inf", "number-not-finite", "ordinary"),
    "overflow-text": ("1e400", "number-too-large", "extra digits"),
    "huge-int": (10**400, "number-too-large", "extra digits"),
    "beyond-maximum": (1e16, "number-too-large", "at most"),
    "words": ("lots", "number-invalid", "12.5"),
    "percent": ("84%", "number-invalid", "12.5"),
    "time": ("1:30", "number-invalid", "12.5"),
    "bad-grouping": ("1,23,456", "number-invalid", ""),
    "three-space-groups": ("100 200 300", "number-invalid", "write 100,200,300 if it is one number"),
}


@pytest.mark.parametrize(("value", "code", "hint"), REFUSE.values(), ids=REFUSE.keys())
def test_read_number_refuses_with_the_fields_name_and_a_hint(value: object, code: str, hint: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_number(value, "density")
    assert caught.value.code == code
    assert "density" in caught.value.message
    assert caught.value.hint and hint in caught.value.hint


def test_the_caller_says_whether_negatives_and_zero_are_allowed() -> None:
    assert read_number("-5") == -5.0
    with pytest.raises(NumberError) as caught:
        read_number("-5", "the amount", minimum=0)
    assert caught.value.code == "number-negative"
    with pytest.raises(NumberError) as caught:
        read_number("0", "density", zero=False)
    assert caught.value.code == "number-zero"
    with pytest.raises(NumberError) as caught:
        read_number("-1e400", "the amount", minimum=0)
    assert caught.value.code == "number-negative"
    with pytest.raises(NumberError) as caught:
        read_number(2, "a share", minimum=3)
    assert caught.value.code == "number-too-small"


def test_a_list_split_by_thousands_commas_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    """The split list is one error; the file's other lines are still read and checked in the same pass,
    each at its own line (the split line is left out of the calculation, not the others)."""
    text = (
        "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities:\n"
        "  - {activity: diesel-mobile, amount: [12,000, 15,000, 11,000], unit: L}\n"
        "  - {activity: diesel-stationary, amount: '0,84', unit: L}\n"
        "  - {activity: diesel-stationery, amount: 10, unit: L}\n"
        "  - {activity: diesel-stationary, amount: 10, unit: L}\n"
    )
    write(tmp_path, "town.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert_input_error(run, "town.yaml", "number-list-grouping", at(text, "[12,000"), hint='["12,000", "15,000"')
    assert_input_error(run, "town.yaml", "amount-invalid", at(text, "'0,84'"), hint="0.84")
    assert_input_error(run, "town.yaml", "factor-missing", at(text, "diesel-stationery"))
    assert len([p for p in issues(run.stderr) if p.severity == "error"]) == 3
    assert snapshot(tmp_path) == before


def test_months_typed_with_spaces_are_not_read_as_one_number(tmp_path: Path) -> None:
    """`amount: 100 200 300` was read as 100,200,300 (spaces as thousands separators): three months
    typed with spaces became a line a million times too large. Three or more groups may be either,
    so the amount is refused with both forms; one space between two groups stays a thousands one."""
    text = (
        "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities:\n"
        "  - activity: diesel-mobile\n    amount: 100 200 300\n    unit: L\n"
        "  - activity: diesel-stationary\n    amount: 12 500\n    unit: L\n"
    )
    write(tmp_path, "town.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    assert_input_error(run, "town.yaml", "amount-invalid", at(text, "100 200 300"), hint="[100, 200, 300]")
    assert len([p for p in issues(run.stderr) if p.severity == "error"]) == 1
    assert snapshot(tmp_path) == before
