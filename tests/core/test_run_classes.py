"""A run's inventories share their classes of lines (core.compute.compute): each inventory of a
batch computes and warns as it does alone."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import ghgcalc, issues, write


def grid(name: str, period: str = "2567", kind: str = "organization", extra: str = "") -> str:
    """Two lines of one class: TGO's grid electricity, a CO2e factor weighed with AR5."""
    return (
        f"ghgcalc: 1\nname: {name}\nperiod: {period}\nkind: {kind}\n{extra}activities:\n"
        "  - {activity: electricity-grid, amount: 1000, unit: kWh, gpc: I.1.2}\n"
        "  - {activity: electricity-grid, amount: 2000, unit: kWh, gpc: I.1.2}\n"
        "  - {activity: diesel-mobile, amount: 300, unit: L, gpc: II.1.1}\n"
    )


def test_a_factors_gwp_basis_warning_is_told_in_every_inventory(tmp_path: Path) -> None:
    for number in range(3):
        write(tmp_path, f"town-{number}.yaml", grid(f"Town {number}"))
    run = ghgcalc(tmp_path, "compute", ".", "-f", "csv", "--gwp", "AR6", "--jobs", "1")
    assert run.code == 0, run.stderr
    told = [(i.location, i.code) for i in issues(run.stderr)]
    # the first grid line of each (line 6; its activity at column 16), not the second
    assert told == [(f"town-{n}.yaml:6:16", "gwp-basis-mismatch") for n in range(3)]


OWN_DIESEL = "per: L, kg: {CO2: 1}, scope: 1, source: a test"


def test_each_inventory_of_a_batch_as_computed_alone(tmp_path: Path) -> None:
    texts = {
        "a.yaml": grid("A"),
        "b.yaml": grid("B", period="2023"),  # another period: the grid factor's version may differ
        "c.yaml": grid("C", extra="gwp: AR6\n"),  # another GWP set: the warning
        "d.yaml": grid("D", extra="gases:\n  - {name: X-1, gwp: {AR5: 5, AR6: 6}, source: a test}\n"),
        "e.yaml": grid("E", extra=f"custom_factors:\n  - {{key: diesel-mobile, {OWN_DIESEL}}}\n"),
        "f.yaml": grid("F", kind="community"),
        "f2.yaml": grid("F2"),
        "g.yaml": grid("G", extra="gwp: AR6\n"),
    }
    for name, text in texts.items():
        write(tmp_path, name, text)
    batch = ghgcalc(tmp_path, "compute", *texts, "-f", "jsonl", "--jobs", "1")
    alone = [ghgcalc(tmp_path, "compute", name, "-f", "jsonl") for name in texts]
    assert batch.stdout.splitlines() == [run.stdout.rstrip("\n") for run in alone]
    assert batch.stderr == "".join(run.stderr for run in alone)
    assert batch.code == max(run.code for run in alone)
    assert {json.loads(line)["name"] for line in batch.stdout.splitlines()} >= {"A", "B", "C", "F", "F2", "G"}
