"""compute_line keeps what it works out before a line's amount for each class of lines (activity,
unit, ncv, density, scope, GPC, IPCC: core/compute.LineClass) and computes the next lines of the
class from it. Every line, and every issue, must be what computing each line afresh gives."""

from __future__ import annotations

import dataclasses

import pytest

from ghgcalc.core import compute
from ghgcalc.models.result import InventoryResult, Line, new_line
from tests.conftest import inventory, run_inventory

# Lines of a few classes, the same class again with other amounts: zero, whole, tiny and huge
# amounts, months with zeros, a class first met with a problem (13 months in one year, a result
# beyond any real line) and then without, a scope or category of its own, an ncv of its own.
ACTIVITIES = """
- {activity: fuel, amount: 1000, unit: L}
- {activity: fuel, amount: 0, unit: L, label: none used}
- {activity: fuel, amount: 0.1, unit: L, id: a}
- {activity: fuel, amount: [1, 0, 2.5, 0, 0, 0, 0, 0, 0, 0, 0, 3], unit: L}
- {activity: fuel, amount: 3, unit: L, category: own-category}
- {activity: fuel, amount: 3, unit: m3}
- {activity: fuel, amount: 3, unit: L, scope: 1}
- {activity: wood, amount: 2, unit: t}
- {activity: wood, amount: 1e-15, unit: t}
- {activity: wood, amount: 7, unit: t}
- {activity: power, amount: 12345.678, unit: kWh}
- {activity: power, amount: 12345.678, unit: kWh, scope: 3}
- {activity: gas, amount: 10, unit: scf}
- {activity: gas, amount: 10, unit: scf, ncv: 2 MJ/scf}
- {activity: gas, amount: 11, unit: scf, ncv: 2 MJ/scf}
- {activity: paper, amount: 4, unit: kg, scope: 3}
- {activity: paper, amount: 5, unit: kg, scope: 3}
- {activity: fuel, amount: 17, unit: L}
"""
# fuel is valid to 30 June 2024 (mini@2020), wood from 2024 (mini@2024); power is in both, and
# its lines are told of the two editions
PERIOD = "{start: 2024-01-01, end: 2024-06-30}"
# lines with a problem of their own, in classes already met
PROBLEMS = """
- {activity: fuel, amount: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], unit: L}
- {activity: fuel, amount: 1000000000000000, unit: ML}
- {activity: power, amount: 1e15, unit: GWh}
- {activity: paper, amount: 4, unit: kg}
"""


def _outcome(activities: str, classes: bool):  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as patch:
        if not classes:
            patch.setattr(compute, "_class_line", lambda index, activity, known: None)
        return run_inventory(inventory(activities, period=PERIOD))


def test_lines_of_a_known_class_are_the_lines_computed_afresh() -> None:
    kept, afresh = _outcome(ACTIVITIES, classes=True), _outcome(ACTIVITIES, classes=False)
    assert kept.result is not None and afresh.result is not None
    assert [repr(line) for line in kept.result.lines] == [repr(line) for line in afresh.result.lines]
    assert [i.format() for i in kept.issues] == [i.format() for i in afresh.issues]
    assert len(kept.result.lines) == 18


def test_a_problem_of_one_line_of_a_known_class_is_found() -> None:
    kept, afresh = _outcome(ACTIVITIES + PROBLEMS, classes=True), _outcome(ACTIVITIES + PROBLEMS, classes=False)
    assert [i.format() for i in kept.issues] == [i.format() for i in afresh.issues]
    errors = [(i.code, i.path[1]) for i in kept.issues if i.is_error]
    assert errors == [
        ("amount-too-many-months", 18),
        ("result-too-large", 19),
        ("result-too-large", 20),
        ("scope-missing", 21),
    ]


def test_the_classes_are_used() -> None:
    calls = []
    real = compute._class_line

    def counted(index, activity, known):  # type: ignore[no-untyped-def]
        calls.append(index)
        return real(index, activity, known)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compute, "_class_line", counted)
        run_inventory(inventory(ACTIVITIES, period=PERIOD))
    assert 1 in calls and 0 not in calls  # the second fuel line is made from the first's class


def test_new_line_is_the_line_the_dataclass_makes() -> None:
    values = {field.name: f"value of {field.name}" for field in dataclasses.fields(Line)}
    made, built = new_line(dict(values)), Line(**values)  # type: ignore[arg-type]
    assert made == built and repr(made) == repr(built)
    assert vars(made) == vars(built) and list(vars(made)) == list(vars(built))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.index = 2  # type: ignore[misc]


def test_new_result_is_the_result_the_dataclass_makes() -> None:
    values = {field.name: f"value of {field.name}" for field in dataclasses.fields(InventoryResult)}
    made, built = InventoryResult.new(dict(values)), InventoryResult(**values)  # type: ignore[arg-type]
    assert made == built and repr(made) == repr(built)
    assert vars(made) == vars(built) and list(vars(made)) == list(vars(built))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "other"  # type: ignore[misc]
    given = []
    real = InventoryResult.new

    def recorded(values):  # type: ignore[no-untyped-def]
        given.append(list(values))
        return real(values)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(InventoryResult, "new", recorded)
        run_inventory(inventory(ACTIVITIES, period=PERIOD))
    assert given == [list(values)]  # compute gives every field, in the class's order
