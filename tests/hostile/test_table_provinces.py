"""Activity tables as a provincial working group exports them: meters by district, the same
table under two inventories of a batch, ... Each runs `ghgcalc compute` on real files; totals are
worked by hand from TGO's grid factor (tests/hostile/table_runs.py: 0.4999 kg CO2e per kWh).
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import ghgcalc, write
from tests.hostile.table_runs import HEAD, T_PER_KWH, problem, result


def test_a_provincial_total_that_is_the_sum_of_a_tables_districts_is_warned(tmp_path):
    """A province's meters by district (division) are one class of rows per district; the provincial
    total the table replaces, left in the inventory, is the sum of the classes, never one of them:
    3,000 + 3,000 kWh of the table and 6,000 kWh of the line were both counted, in silence."""
    write(
        tmp_path,
        "t.csv",
        "activity,amount,unit,gpc,division\n"
        "electricity-grid,1000,kWh,I.1.2,Mueang\nelectricity-grid,2000,kWh,I.1.2,Mueang\n"
        "electricity-grid,3000,kWh,I.1.2,Ko Kha\n",
    )
    inventory = HEAD + "kind: community\nactivities_table: t.csv\nactivities:\n"
    write(tmp_path, "p.yaml", inventory + "  - {gpc: I.1.2, activity: electricity-grid, amount: 6, unit: MWh}\n")
    found = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json")
    assert result(found)["total_t_co2e"] == pytest.approx(12000 * T_PER_KWH, rel=1e-12)  # both are counted
    message, hint = problem(found, "p.yaml:7:5", "line-repeated", "warning")
    assert "t.csv" in message and "2 lines" in message
    assert hint and "remove the line" in hint
    thai = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json", "--lang", "th")
    message, _ = problem(thai, "p.yaml:7:5", "line-repeated", "warning")
    assert "ผลรวม" in message
    # one district's amount is not the province's: nothing is said
    write(tmp_path, "p.yaml", inventory + "  - {gpc: I.1.2, activity: electricity-grid, amount: 5, unit: MWh}\n")
    found = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json")
    assert all(w["code"] != "line-repeated" for w in result(found)["warnings"])


def test_a_table_two_inventories_of_a_batch_read_is_warned_at_the_later(tmp_path):
    """District b's folder was copied from district a's, its inventory edited and a's meters left:
    each district counted a's 3,000 kWh and the output's sum held them twice, in silence."""
    table = "activity,amount,unit\nelectricity-grid,1000,kWh\nelectricity-grid,2000,kWh\n"
    for district in ("a", "b"):
        (tmp_path / "d" / district).mkdir(parents=True)
        write(tmp_path, f"d/{district}/meters.csv", table)
        write(
            tmp_path,
            f"d/{district}.yaml",
            HEAD.replace("Test town", district) + f"activities_table: {district}/meters.csv\n",
        )
    found = ghgcalc(tmp_path, "compute", "d", "-f", "json")
    assert found.code == 0, found
    assert [r["total_t_co2e"] for r in json.loads(found.stdout)] == pytest.approx([3000 * T_PER_KWH] * 2, rel=1e-12)
    message, hint = problem(found, "d/b.yaml", "table-shared", "warning")
    assert "b/meters.csv" in message and "a/meters.csv" in message and "d/a.yaml" in message
    assert hint and "its own rows" in hint
    thai = ghgcalc(tmp_path, "validate", "d", "--lang", "th")
    message, _ = problem(thai, "d/b.yaml", "table-shared", "warning")
    assert "นับซ้ำ" in message
    # each district its own meters: nothing is said
    write(tmp_path, "d/b/meters.csv", table.replace("2000", "2500"))
    found = ghgcalc(tmp_path, "compute", "d", "-f", "json")
    assert "table-shared" not in found.stderr, found


def test_a_hidden_activities_sheet_read_as_the_table_is_said_to_be_hidden(tmp_path):
    """A workbook given as a table: its sheet named Activities is read though hidden, and the sheet an
    officer sees (Meters) is not; the one read is said to be hidden, as for an inventory workbook."""
    import openpyxl

    book = openpyxl.Workbook()
    seen = book.active
    seen.title = "Meters"
    seen.append(["activity", "amount", "unit"])
    seen.append(["electricity-grid", 100, "kWh"])
    hidden = book.create_sheet("Activities")
    hidden.append(["activity", "amount", "unit"])
    hidden.append(["electricity-grid", 99999, "kWh"])
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "t.xlsx")
    write(tmp_path, "h.yaml", "ghgcalc: 1\nname: P\nperiod: 2567\n")
    run = ghgcalc(tmp_path, "compute", "t.xlsx", "--header", "h.yaml", "-f", "json")
    assert run.code == 0, run
    assert "t.xlsx[Activities]!A1: warning[sheet-hidden]" in run.stderr, run.stderr  # it was not said
    assert "warning[sheet-ignored]" in run.stderr and "'Meters'" in run.stderr
