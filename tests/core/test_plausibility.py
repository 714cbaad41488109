"""Plausibility warnings: located, never fatal, and silent on ordinary inventories."""

from __future__ import annotations

from tests.conftest import inventory, run_inventory


def warnings_of(outcome):
    return [(i.code, i.location.line, i.location.column) for i in outcome.issues if not i.is_error]


def test_a_month_typed_with_extra_digits_is_flagged_at_that_month():
    text = inventory("- {activity: power, amount: [95, 98, 1122222, 97, 96], unit: kWh}", period="2025")
    outcome = run_inventory(text)
    assert outcome.result is not None  # a warning, not an error
    [(_, line, column)] = [w for w in warnings_of(outcome) if w[0] == "amount-outlier"]
    assert (line, column) == (6, 40)
    [issue] = [i for i in outcome.issues if i.code == "amount-outlier"]
    assert "month 3 (1,122,222)" in issue.message


def test_ordinary_seasonal_months_are_not_flagged():
    text = inventory(
        "- {activity: power, amount: [80, 95, 140, 210, 260, 240, 180, 120, 90, 85, 82, 79], unit: kWh}", period="2025"
    )
    assert warnings_of(run_inventory(text)) == []


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
        assert [i.code for i in outcome.issues] == [], name
