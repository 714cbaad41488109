"""Plausibility warnings: located, never fatal, and silent on ordinary inventories."""

from __future__ import annotations

import dataclasses
import statistics
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ghgcalc.core import plausibility
from ghgcalc.core.plausibility import Checks, ThresholdError, Thresholds, parse_thresholds
from tests.conftest import inventory, run_inventory

# A Thai subdistrict municipality's office: about 10,000 kWh a month, the hot season (Mar-May)
# about 1.5 times the cool months; diesel for its trucks, steady all year.
ELECTRICITY = [9800, 10400, 14200, 15600, 15100, 12300, 11200, 10900, 10600, 10200, 9700, 9500]
DIESEL = [1200, 1180, 1250, 1210, 1190, 1230, 1220, 1170, 1240, 1200, 1260, 1210]


def months(values: list[float]) -> str:
    return "[" + ", ".join(str(v) for v in values) + "]"


# The warnings of this module (the fixture sets add others, about their versions' validity).
CODES = {
    "amount-outlier",
    "amount-month-zero",
    "amount-months-missing",
    "amount-months-extra",
    "line-dominates",
    "scope-unusual",
    "previous-year-change",
    "line-repeated",
}


def warnings_of(outcome):
    return [(i.code, i.location.line, i.location.column) for i in outcome.issues if i.code in CODES]


def only(outcome, code):
    found = [i for i in outcome.issues if i.code == code]
    assert len(found) == 1, [i.format() for i in outcome.issues]
    return found[0]


def test_a_month_typed_with_extra_digits_is_flagged_at_that_month():
    text = inventory("- {activity: power, amount: [95, 98, 1122222, 97, 96], unit: kWh}", period="2025")
    outcome = run_inventory(text, checks=Checks(Thresholds(zeros=None)))
    assert outcome.result is not None  # a warning, not an error
    issue = only(outcome, "amount-outlier")
    assert (issue.location.line, issue.location.column) == (6, 40)
    assert "month 3: 1,122,222 kWh is 11,629 times the median of the other months (96.5 kWh)" in issue.message


def test_the_decimal_slip_is_caught_and_honest_seasons_are_not():
    honest = inventory(
        f"- {{activity: power, amount: {months(ELECTRICITY)}, unit: kWh}}\n"
        f"- {{activity: fuel, amount: {months(DIESEL)}, unit: L}}\n"
    )
    assert warnings_of(run_inventory(honest)) == []
    slipped = ELECTRICITY.copy()
    slipped[3] = 156000  # April typed with an extra zero: 10 times
    issue = only(
        run_inventory(inventory(f"- {{activity: power, amount: {months(slipped)}, unit: kWh}}")), "amount-outlier"
    )
    assert issue.path == ("activities", 0, "amount", 3)
    typical = statistics.median(ELECTRICITY[:3] + ELECTRICITY[4:])
    assert f"month 4: 156,000 kWh is {156000 / typical:.2g} times the median of the other months" in issue.message
    assert f"expected {typical / 5:,.0f} to {typical * 5:,.0f} kWh" in issue.message


def test_a_month_a_fifth_of_the_others_is_flagged():
    slipped = DIESEL.copy()
    slipped[6] = 122  # 1,220 typed without its last digit
    issue = only(
        run_inventory(inventory(f"- {{activity: fuel, amount: {months(slipped)}, unit: L}}")), "amount-outlier"
    )
    assert issue.path[3] == 6 and "1/9.9 of the median" in issue.message


def test_the_month_threshold_can_be_raised_or_turned_off():
    slipped = ELECTRICITY.copy()
    slipped[3] = 156000
    text = inventory(f"- {{activity: power, amount: {months(slipped)}, unit: kWh}}")
    assert warnings_of(run_inventory(text, checks=Checks(Thresholds(month=20)))) == []
    assert warnings_of(run_inventory(text, checks=Checks(Thresholds(month=None)))) == []
    assert len(warnings_of(run_inventory(text, checks=Checks(Thresholds(month=10))))) == 1


def test_a_zero_month_inside_a_steady_line_is_a_missing_reading():
    gap = DIESEL.copy()
    gap[4] = 0
    issue = only(run_inventory(inventory(f"- {{activity: fuel, amount: {months(gap)}, unit: L}}")), "amount-month-zero")
    assert issue.path == ("activities", 0, "amount", 4)
    assert "month 5 is 0 L while the line's other 11 months are 1,170 to 1,260 L" in issue.message


@pytest.mark.parametrize(
    "values",
    [
        [0, 0, 0, 1200, 1180, 1250, 1210, 1190, 1230, 1220, 1170, 1240],  # started in April: zeros at the start
        [1200, 1180, 1250, 1210, 1190, 1230, 1220, 1170, 1240, 0, 0, 0],  # stopped: zeros at the end
        [500, 0, 480, 0, 510, 0, 490, 0, 505, 0, 495, 0],  # refilled every other month
        [40, 0, 0, 90, 0, 0, 60, 0, 0, 0, 0, 30],  # used now and then: mostly zeros
    ],
)
def test_zero_months_of_lines_that_are_not_steady_are_not_flagged(values):
    assert warnings_of(run_inventory(inventory(f"- {{activity: fuel, amount: {months(values)}, unit: L}}"))) == []


def test_a_line_shorter_than_the_period_says_how_many_months_are_missing():
    issue = only(
        run_inventory(inventory(f"- {{activity: fuel, amount: {months(DIESEL[:10])}, unit: L}}")),
        "amount-months-missing",
    )
    assert issue.path == ("activities", 0, "amount")
    assert (
        "10 monthly value(s) for the 12-month period 2024 (2024-01-01 to 2024-12-31): 2 month(s) missing"
        in issue.message
    )


def test_a_fiscal_year_and_a_quarter_have_their_own_number_of_months():
    assert (
        warnings_of(run_inventory(inventory(f"- {{activity: fuel, amount: {months(DIESEL)}, unit: L}}", "FY2567")))
        == []
    )
    quarter = "{start: 2024-01-01, end: 2024-03-31}"
    assert (
        warnings_of(run_inventory(inventory("- {activity: fuel, amount: [1200, 1180, 1250], unit: L}", quarter))) == []
    )
    issue = only(
        run_inventory(inventory(f"- {{activity: fuel, amount: {months(DIESEL)}, unit: L}}", quarter)),
        "amount-months-extra",
    )
    assert "12 monthly values for the 3-month period" in issue.message and "9 more" in issue.message


def test_period_months():
    from ghgcalc.models.period import parse_period

    assert [plausibility.period_months(parse_period(p)) for p in (2024, 2023, "FY2567", 2567)] == [12, 12, 12, 12]
    assert plausibility.period_months(parse_period({"start": "2024-01-01", "end": "2025-12-31"})) == 24


def _result(text: str):
    outcome = run_inventory(text, checks=Checks(Thresholds(month=None)))
    assert outcome.result is not None, [i.format() for i in outcome.issues]
    return outcome.result


def test_a_line_ten_times_last_year_is_flagged_naming_both_values():
    last = _result(
        inventory("- {activity: power, amount: 120000, unit: kWh}\n- {activity: fuel, amount: 14000, unit: L}", "2023")
    )
    now = inventory("- {activity: power, amount: 1200000, unit: kWh}\n- {activity: fuel, amount: 15000, unit: L}")
    issue = only(run_inventory(now, checks=Checks(previous=last)), "previous-year-change")
    assert issue.path == ("activities", 0, "amount")
    assert issue.location.line == 6
    assert (
        "1,200,000 kWh is 10 times last year's 120,000 kWh in test.yaml, 2023 (2023-01-01 to 2023-12-31)"
        in issue.message
    )
    assert "expected 40,000 to 360,000 kWh" in issue.message


def test_lines_are_matched_by_id_then_activity_and_label_then_activity():
    last = _result(
        inventory(
            """
            - {activity: power, amount: 1000, unit: kWh, id: E1}
            - {activity: power, amount: 50000, unit: kWh, id: E2}
            - {activity: fuel, amount: 100, unit: L, label: trucks}
            - {activity: fuel, amount: 9000, unit: L, label: generator}
            - {activity: gas, amount: 300, unit: MJ}
            """,
            "2023",
        )
    )
    now = _result(
        inventory(
            """
            - {activity: power, amount: 51000, unit: kWh, id: E2}
            - {activity: power, amount: 1100, unit: kWh, id: E1}
            - {activity: fuel, amount: 9100, unit: L, label: generator}
            - {activity: fuel, amount: 110, unit: L, label: trucks}
            - {activity: gas, amount: 3000, unit: MJ}
            """
        )
    )
    pairs = plausibility.match_lines(last.lines, list(now.lines))
    assert [(b.index, n.index) for b, n in pairs] == [(1, 0), (0, 1), (3, 2), (2, 3), (4, 4)]
    [issue] = plausibility.compare_years(last, now)
    assert issue.path == ("activities", 4, "amount") and "3,000 MJ is 10 times last year's 300 MJ" in issue.message


def test_other_units_are_converted_and_a_shorter_period_is_scaled():
    last = _result(inventory("- {activity: power, amount: 50, unit: MWh}", "{start: 2023-07-01, end: 2023-12-31}"))
    now = _result(inventory("- {activity: power, amount: 100000, unit: kWh}"))
    assert plausibility.compare_years(last, now) == []  # 50 MWh in half a year: about 100,000 kWh a year
    now = _result(inventory("- {activity: power, amount: 400000, unit: kWh}"))
    [issue] = plausibility.compare_years(last, now)
    scaled = 50_000 * 366 / 184  # kWh: 50 MWh over 184 days, for the 366 days of 2024
    assert f"last year's 50 MWh, {scaled:,.0f} kWh for a period as long as this one" in issue.message


def test_a_previous_year_check_can_be_turned_off_and_lines_without_a_match_are_quiet():
    last = _result(
        inventory("- {activity: power, amount: 1000, unit: kWh}\n- {activity: power, amount: 5, unit: kWh}", "2023")
    )
    now = _result(inventory("- {activity: power, amount: 90000, unit: kWh}\n- {activity: fuel, amount: 5, unit: L}"))
    assert plausibility.compare_years(last, now) == []  # two power lines last year, none of them with an id
    one = _result(inventory("- {activity: power, amount: 1000, unit: kWh}", "2023"))
    assert plausibility.compare_years(one, now, limits=Thresholds(previous=None)) == []
    assert len(plausibility.compare_years(one, now, limits=Thresholds(previous=100))) == 0
    assert len(plausibility.compare_years(one, now, limits=Thresholds(previous=50))) == 1


def test_thresholds_are_read_from_the_command_line_form():
    found = parse_thresholds(["month=8,previous=2.5", "zeros=off"])
    assert found == dataclasses.replace(Thresholds(), month=8.0, previous=2.5, zeros=None)
    assert parse_thresholds([]) == Thresholds()


@pytest.mark.parametrize(
    "text",
    [
        "month",
        "month=",
        "month=x",
        "month=1",
        "month=0.5",
        "previous=-3",
        "zeros=2",
        "share=nan",
        "monthly=5",
        "month=inf",
    ],
)
def test_a_threshold_that_makes_no_sense_is_refused(text):
    with pytest.raises(ThresholdError) as caught:
        parse_thresholds([text])
    assert "month=5" in caught.value.hint


def test_a_line_that_dwarfs_the_others_is_flagged():
    text = inventory(
        """
        - {activity: power, amount: 1000, unit: kWh}
        - {activity: gas, amount: 100, unit: MJ}
        - {activity: fuel, amount: 500000, unit: L}
    """,
        period="2025",
    )
    found = [w for w in warnings_of(run_inventory(text)) if w[0] == "line-dominates"]
    assert found and found[0][1] == 9  # at the unit of the fuel line


def test_a_scope_unusual_for_the_factor_is_flagged():
    text = inventory("- {activity: power, amount: 1000, unit: kWh, scope: 1}", period="2025")
    assert [w[0] for w in warnings_of(run_inventory(text))] == ["scope-unusual"]


def test_the_examples_raise_no_plausibility_warning():
    from ghgcalc import api
    from tests.conftest import ROOT

    for name in ("municipality", "province", "city"):
        outcome = api.compute_file(str(ROOT / "examples" / f"{name}.yaml"))
        assert [i.code for i in outcome.issues if not i.is_error] == [], name


@given(st.lists(st.integers(0, 4), min_size=3, max_size=8))
def test_the_dominant_line_is_the_first_of_the_largest_and_weighed_against_the_next(values):
    # the rule: the lines as sorted(..., reverse=True) orders them (ties in their order), the
    # first against the second; limits that let every inventory with a total through
    lines = [
        SimpleNamespace(t_co2e=float(v), index=n, amount=1.0, unit="kWh", method_params=None)
        for n, v in enumerate(values)
    ]
    ranked = sorted(lines, key=lambda line: line.t_co2e, reverse=True)
    found = plausibility._dominant_line(lines, Thresholds(share=0.0, dominant=1.0))  # type: ignore[arg-type]
    if sum(values) == 0:
        assert found == []
        return
    (issue,) = found
    assert issue.path == ("activities", ranked[0].index, "unit")
    if ranked[1].t_co2e == 0:  # no ratio to a line of 0: the message says what it is
        assert issue.message.endswith("% of the total; every other line is 0")
    else:
        assert f"{ranked[0].t_co2e / ranked[1].t_co2e:,.0f} times the next largest" in issue.message


def test_a_row_entered_twice_is_named_at_the_second():
    """A line the same as an earlier one in everything typed (activity, unit, scope, label and
    every amount) is counted twice: a warning at the later one names the earlier by its number."""
    text = inventory(
        f"- {{activity: power, amount: {months(ELECTRICITY)}, unit: kWh, label: office}}\n"
        "- {activity: gas, amount: 120, unit: MJ, label: truck 1}\n"
        f"- {{activity: power, amount: {months(ELECTRICITY)}, unit: kWh, label: office}}\n",
        period="2025",
    )
    outcome = run_inventory(text)
    issue = only(outcome, "line-repeated")
    assert issue.location.line == 8 and issue.path == ("activities", 2)
    assert issue.message == "the same activity, unit, label and amounts as activity 1: both are counted"
    assert outcome.result is not None and len(outcome.result.lines) == 3  # both counted, as written


@pytest.mark.parametrize(
    "second",
    [
        "- {activity: gas, amount: 120, unit: MJ, label: truck 2}",  # another label: another source
        "- {activity: gas, amount: 121, unit: MJ, label: truck 1}",  # another amount
        "- {activity: gas, amount: 120, unit: MJ, label: truck 1, scope: 3}",  # another scope
    ],
)
def test_lines_that_differ_in_anything_typed_are_not_named(second):
    text = inventory(f"- {{activity: gas, amount: 120, unit: MJ, label: truck 1}}\n{second}\n", period="2025")
    outcome = run_inventory(text)
    assert outcome.result is not None and not [i for i in outcome.issues if i.code == "line-repeated"]


def test_lines_with_ids_or_nothing_are_not_compared():
    with_ids = inventory(
        "- {activity: gas, amount: 120, unit: MJ, id: T-1}\n- {activity: gas, amount: 120, unit: MJ, id: T-2}\n",
        period="2025",
    )
    zeros = inventory("- {activity: gas, amount: 0, unit: MJ}\n- {activity: gas, amount: 0, unit: MJ}\n", period="2025")
    for text in (with_ids, zeros):
        outcome = run_inventory(text)
        assert outcome.result is not None, [i.format() for i in outcome.issues]
        assert not [i for i in outcome.issues if i.code == "line-repeated"], [i.format() for i in outcome.issues]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["gas", "power"]),
            st.sampled_from([0.0, 1.0, 2.0]),
            st.sampled_from([None, (1.0, 1.0), (0.5, 1.5)]),
            st.sampled_from([None, "a", "b"]),
            st.sampled_from([None, "T-1"]),
        ),
        max_size=12,
    )
)
def test_repeated_lines_are_those_typed_alike_before(rows):
    """The check looks at a line's whole text only when its total came before: it finds what
    comparing every line with every earlier one finds."""
    lines = []
    for index, (activity, amount, monthly, label, identifier) in enumerate(rows):
        total = sum(monthly) if monthly is not None else amount
        lines.append(
            SimpleNamespace(
                index=index, activity=activity, amount=total, monthly=monthly, unit="u", scope=1, category=None,
                label=label, division=None, id=identifier, method_params=None,
            )
        )  # fmt: skip
    expected = []
    for line in lines:
        if line.id is not None or not line.amount:
            continue
        earlier = [
            o.index for o in lines[: line.index]
            if o.id is None and o.amount and plausibility._typed(o) == plausibility._typed(line)
        ]  # fmt: skip
        if earlier:
            expected.append((line.index, earlier[0] + 1))
    issues = plausibility._repeated_lines(lines)  # type: ignore[arg-type]
    found = [(i.path[1], int(i.message.split("activity ")[1].split(":")[0])) for i in issues]
    assert found == expected
