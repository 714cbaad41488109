"""`ghgcalc factors diff OLD NEW`: two factor-set versions compared (docs/cli.md)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import FACTOR_HEADER, assert_usage_error, ghgcalc, own_factor_set, snapshot

GRID = ("tgo-cfo@2022-04", "tgo-cfo@2026-02")

# Two versions of one own set. boiler-diesel: CH4 doubled and N2O dropped (no printed total, so
# weighed with AR5: CH4 28, N2O 265); boiler-lpg: valid_to dropped; boiler-coal: alike;
# boiler-wood only in 2024; boiler-biogas only in 2025.
SRC = "Supplier sheet"
OLD_ROWS = (
    f"boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.7,,,,,,{SRC},\n"
    f"boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CH4,0.0001,,,,,,{SRC},\n"
    f"boiler-diesel,Boiler diesel,,stationary-combustion,1,L,N2O,0.00002,,,,,,{SRC},\n"
    f"boiler-lpg,Boiler LPG,,stationary-combustion,1,kg,CO2e,3.1,3.1,,2024-12-31,,,{SRC},\n"
    f"boiler-coal,Boiler coal,,stationary-combustion,1,kg,CO2,2.0,,,,,,{SRC},\n"
    f"boiler-wood,Boiler wood,,stationary-combustion,1,kg,CO2e,0.03,,,,,,{SRC},\n"
)
NEW_ROWS = (
    f"boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.7,,,,,,{SRC},\n"
    f"boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CH4,0.0002,,,,,,{SRC},\n"
    f"boiler-lpg,Boiler LPG,,stationary-combustion,1,kg,CO2e,3.1,3.1,,,,,{SRC},\n"
    f"boiler-coal,Boiler coal,,stationary-combustion,1,kg,CO2,2.0,,,,,,{SRC},\n"
    f"boiler-biogas,Boiler biogas,,stationary-combustion,1,m3,CO2e,0.5,,,,,,{SRC},\n"
)


def own_pair(tmp_path: Path, new_rows: str = NEW_ROWS) -> None:
    own_factor_set(tmp_path, FACTOR_HEADER + OLD_ROWS, version="2024")
    own_factor_set(tmp_path, FACTOR_HEADER + new_rows, version="2025")


def diff(tmp_path: Path, *args: str) -> object:
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "factors", "diff", *args)
    assert "Traceback" not in run.stderr, run
    assert snapshot(tmp_path) == before, "factors diff changed a file"
    return run


def by_key(data: dict) -> dict[tuple[str, str], dict]:
    return {(row["key"], row["per"]): row for row in data["rows"]}


def test_bundled_grid_change(tmp_path: Path) -> None:
    run = diff(tmp_path, *GRID, "-f", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert (data["old"], data["new"], data["same_set"]) == (*GRID, True)
    grid = by_key(data)["electricity-grid", "kWh"]
    assert grid["status"] == "changed"
    # TGO prints 0.4999 (grid mix 2016-2018, April 2022) and 0.4750 (2022-2024, February 2026)
    assert (grid["old_kgco2e"], grid["new_kgco2e"]) == (0.4999, 0.4750)
    assert grid["old_kgco2e_from"] == grid["new_kgco2e_from"] == "published"
    assert grid["change_kgco2e"] == pytest.approx(0.4750 - 0.4999, abs=1e-12)
    assert grid["change_pct"] == pytest.approx((0.4750 - 0.4999) / 0.4999 * 100)
    assert round(grid["change_pct"], 2) == -4.98
    assert grid["gases"] == [{"gas": "CO2e", "old_kg": 0.4999, "new_kg": 0.4750}]
    assert (grid["old_valid_to"], grid["new_valid_from"]) == ("2026-03-31", "2026-01-01")
    assert {"valid_from", "valid_to"} <= set(grid["changed_fields"])
    # the same diesel gases, a new printed total: the 2026 edition weighs fossil CH4 28, not 30
    # (TGO April 2022 prints 2.7078; "EF TGO AR5 V2" row 29 prints 2.70757206)
    diesel = by_key(data)["diesel-stationary", "L"]
    assert diesel["status"] == "changed"
    assert all(g["old_kg"] == g["new_kg"] for g in diesel["gases"])
    assert (diesel["old_kgco2e"], diesel["new_kgco2e"]) == (2.7078, 2.70757206)
    assert diesel["change_kgco2e"] == pytest.approx(2.70757206 - 2.7078, abs=1e-12)
    # the edition does not print the septic tank (TGO form 1.5(1)): not in it, and not called removed
    septic = by_key(data)["septic-tank", "person_day"]
    assert septic["status"] == "not-in-new" and septic["new_kgco2e"] is None
    assert "removed" not in data["counts"]
    assert data["counts"]["not-in-new"] == sum(1 for r in data["rows"] if r["status"] == "not-in-new") > 5
    assert "stays in force" in data["note"]


def test_bundled_grid_change_as_a_table(tmp_path: Path) -> None:
    run = diff(tmp_path, *GRID, "-f", "table")
    assert run.code == 0, run
    grid = next(line for line in run.stdout.splitlines() if "= kgCO2e" in line and "-4.98 %" in line)
    assert "0.4999" in grid and "0.475" in grid and "-0.0249" in grid
    assert "stays in force" in run.stdout
    assert "unchanged" in run.stdout


def test_own_set_pair(tmp_path: Path) -> None:
    own_pair(tmp_path)
    run = diff(tmp_path, "my-boilers@2024", "my-boilers@2025", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    rows = by_key(data)
    assert data["counts"] == {"added": 1, "changed": 2, "not-in-new": 1, "unchanged": 1}
    assert ("boiler-coal", "kg") not in rows  # counted, not listed

    assert rows["boiler-biogas", "m3"]["status"] == "added"
    assert rows["boiler-biogas", "m3"]["new_kgco2e"] == 0.5
    assert rows["boiler-wood", "kg"]["status"] == "not-in-new"
    assert rows["boiler-wood", "kg"]["old_kgco2e"] == 0.03

    diesel = rows["boiler-diesel", "L"]
    assert diesel["status"] == "changed"
    gases = {g["gas"]: (g["old_kg"], g["new_kg"]) for g in diesel["gases"]}
    assert gases == {"CO2": (2.7, 2.7), "CH4": (0.0001, 0.0002), "N2O": (0.00002, None)}
    old = 2.7 + 0.0001 * 28 + 0.00002 * 265  # AR5, by hand
    new = 2.7 + 0.0002 * 28
    assert diesel["old_kgco2e"] == pytest.approx(old) and diesel["new_kgco2e"] == pytest.approx(new)
    assert diesel["old_kgco2e_from"] == "AR5"
    assert diesel["change_kgco2e"] == pytest.approx(new - old)
    assert diesel["change_pct"] == pytest.approx((new - old) / old * 100)
    assert diesel["changed_fields"] == []

    lpg = rows["boiler-lpg", "kg"]
    assert lpg["status"] == "changed" and lpg["changed_fields"] == ["valid_to"]
    assert (lpg["old_valid_to"], lpg["new_valid_to"]) == ("2024-12-31", None)
    assert lpg["change_kgco2e"] == 0


def test_two_sets_call_rows_removed(tmp_path: Path) -> None:
    own_factor_set(tmp_path, FACTOR_HEADER + OLD_ROWS, version="2024")
    own_factor_set(tmp_path, FACTOR_HEADER + NEW_ROWS, set_id="their-boilers", version="2025")
    run = diff(tmp_path, "my-boilers@2024", "their-boilers@2025", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert data["same_set"] is False
    assert by_key(data)["boiler-wood", "kg"]["status"] == "removed"
    assert data["counts"]["removed"] == 1 and "not-in-new" not in data["counts"]


def test_csv(tmp_path: Path) -> None:
    own_pair(tmp_path)
    run = diff(tmp_path, "my-boilers@2024", "my-boilers@2025", "--factors-dir", "myf", "-f", "csv")
    assert run.code == 0, run
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0])[:6] == ["status", "key", "per", "gas", "old_kg", "new_kg"]
    diesel = {r["gas"]: r for r in rows if r["key"] == "boiler-diesel"}
    assert set(diesel) == {"CO2", "CH4", "N2O"}
    assert (diesel["CH4"]["old_kg"], diesel["CH4"]["new_kg"]) == ("0.0001", "0.0002")
    assert diesel["N2O"]["new_kg"] == ""
    old, new = 2.7 + 0.0001 * 28 + 0.00002 * 265, 2.7 + 0.0002 * 28  # AR5, by hand
    for row in diesel.values():  # the key's CO2e columns, on each of its gas rows
        assert float(row["change_pct"]) == pytest.approx((new - old) / old * 100)


def test_csv_of_the_grid_change(tmp_path: Path) -> None:
    run = diff(tmp_path, *GRID, "-f", "csv")
    assert run.code == 0, run
    grid = next(r for r in csv.DictReader(io.StringIO(run.stdout)) if r["key"] == "electricity-grid")
    assert (grid["old_kgco2e"], grid["new_kgco2e"], grid["change_kgco2e"]) == ("0.4999", "0.475", "-0.0249")


def test_csv_guards_a_formula_in_a_name(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil","x")'
    name = '"' + formula.replace('"', '""') + '"'
    own_pair(tmp_path, NEW_ROWS.replace("Boiler biogas", name))
    run = diff(tmp_path, "my-boilers@2024", "my-boilers@2025", "--factors-dir", "myf", "-f", "csv")
    assert run.code == 0, run
    cells = [cell for row in csv.reader(io.StringIO(run.stdout)) for cell in row]
    assert "'" + formula in cells and formula not in cells


def test_json_by_default_into_a_pipe(tmp_path: Path) -> None:
    run = diff(tmp_path, *GRID)
    assert run.code == 0, run
    assert json.loads(run.stdout)["new"] == GRID[1]


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("tgo-cfo", "tgo-cfo@2026-02"), ("names no version", "tgo-cfo@2022-04", "tgo-cfo@2026-02")),
        (("tgo-cfo@2022-04", "tgo-cfo"), ("names no version", "hint:", "tgo-cfo@2020-02")),
        (("tgo-cfx@2022-04", "tgo-cfo@2026-02"), ("unknown factor set", "hint:", "tgo-cfo")),
        (("tgo-cfo@2022-04", "tgo-cfo@2026-03"), ("no version '2026-03'", "hint:", "2026-02")),
        (("tgo-cfo@2022-04",), ("missing argument",)),
        ((*GRID, "-f", "xlsx"), ("xlsx",)),
    ],
    ids=["old-without-version", "new-without-version", "unknown-set", "unknown-version", "one-set", "format"],
)
def test_usage_errors(tmp_path: Path, args: tuple[str, ...], mentions: tuple[str, ...]) -> None:
    run = diff(tmp_path, *args)
    assert_usage_error(run, *mentions)


def edition_pair(tmp_path: Path, old: str, new: str, new_meta: str = "") -> dict:
    """my-boilers 2024 and 2025, each one table; `new_meta` is added to 2025's set.yaml."""
    import hashlib

    own_factor_set(tmp_path, FACTOR_HEADER + old, version="2024")
    table = FACTOR_HEADER + new
    digest = hashlib.sha256(table.encode()).hexdigest()
    meta = (
        'id: my-boilers\nversion: "2025"\ntitle: Boilers\npublisher: Example\npublished: 2025-01-01\n'
        f"gwp_basis: AR5\n{new_meta}tables:\n  - file: factors.csv\n    sha256: {digest}\n"
    )
    own_factor_set(tmp_path, table, version="2025", meta=meta)
    run = diff(tmp_path, "my-boilers@2024", "my-boilers@2025", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    return json.loads(run.stdout)


BOIL = "boiler-x,Boiler X,,stationary-combustion,1,L,{gas},{value},,,,{ncv},,Supplier sheet,\n"


def test_a_changed_ncv_or_category_is_a_changed_row(tmp_path: Path) -> None:
    """The gases are the same; 36.42 GJ is 1000 L at 36.42 MJ/L but 2000 L at 18.21 MJ/L: the
    same inventory gives 2.5 t, then 5.0 t."""
    old = BOIL.format(gas="CO2", value=2.5, ncv="36.42 MJ/L")
    new = BOIL.format(gas="CO2", value=2.5, ncv="18.21 MJ/L").replace("stationary-combustion", "off-road")
    data = edition_pair(tmp_path, old, new)
    assert data["counts"] == {"added": 0, "changed": 1, "not-in-new": 0, "unchanged": 0}
    [row] = data["rows"]
    assert row["changed_fields"] == ["category", "ncv"]
    assert (row["old_ncv"], row["new_ncv"]) == ("36.42 MJ/L", "18.21 MJ/L")
    assert (row["old_category"], row["new_category"]) == ("stationary-combustion", "off-road")
    assert row["old_kgco2e"] == row["new_kgco2e"] == 2.5
    table = diff(tmp_path, "my-boilers@2024", "my-boilers@2025", "--factors-dir", "myf", "-f", "table").stdout
    assert "ncv 36.42 MJ/L -> 18.21 MJ/L" in table


def test_the_versions_own_weights_change_the_row_and_its_kgco2e(tmp_path: Path) -> None:
    """gen-x: CO2 2.0, fossil CH4 0.1 kg/L, no printed total. AR5: 2.0 + 0.1 x 30 = 5.0 kgCO2e/L;
    with the 2025 version's own CH4_fossil 28: 2.0 + 0.1 x 28 = 4.8."""
    rows = BOIL.format(gas="CO2", value=2.0, ncv="") + BOIL.format(gas="CH4_fossil", value=0.1, ncv="")
    data = edition_pair(tmp_path, rows, rows, "gwp_overrides: {CH4_fossil: 28}\n")
    assert data["counts"]["changed"] == 1 and data["counts"]["unchanged"] == 0
    [row] = data["rows"]
    assert row["changed_fields"] == ["gwp_overrides"]
    assert (row["old_gwp_overrides"], row["new_gwp_overrides"]) == (None, "CH4_fossil 28")
    assert row["old_kgco2e"] == 5.0 and row["new_kgco2e"] == 4.8
    assert row["change_kgco2e"] == pytest.approx(-0.2)


def test_the_bundled_2026_edition_names_the_ncvs_it_drops(tmp_path: Path) -> None:
    """tgo-cfo@2026-02 prints no NCV for lignite (10.47 MJ/kg in 2022-04), anthracite (31.4 MJ/kg)
    or gasohol (31.48 MJ/L): a quantity in GJ no longer converts."""
    run = diff(tmp_path, *GRID, "-f", "json")
    rows = by_key(json.loads(run.stdout))
    for key, per, ncv in (
        ("lignite", "kg", "10.47 MJ/kg"),
        ("anthracite", "kg", "31.4 MJ/kg"),
        ("gasohol-91", "L", "31.48 MJ/L"),
        ("gasohol-e85", "L", "31.48 MJ/L"),
    ):
        row = rows[key, per]
        assert "ncv" in row["changed_fields"] and (row["old_ncv"], row["new_ncv"]) == (ncv, None), key


def test_the_bundled_diff_says_a_change_most_rows_share_once(tmp_path: Path) -> None:
    """The 2026 edition weighs CH4_fossil 28 and starts on 2026-01-01 for most of its rows: the table
    says each once, with how many rows and the first keys, not on 30 lines, and keeps each row's own
    changes (lignite's dropped NCV) on its line."""
    run = diff(tmp_path, *GRID, "-f", "table")
    assert run.code == 0, run
    text = " ".join(run.stdout.split())  # the terminal wraps long lines
    assert run.stdout.count("CH4_fossil 28") == 1, run.stdout
    assert "gwp_overrides - -> CH4_fossil 28: 28 rows (anthracite, cng, diesel-mobile," in text
    assert "and 23 more)" in text
    assert text.count("valid_from 2022-04-01 -> 2026-01-01") == 1
    assert "lignite per kg: ncv 10.47 MJ/kg -> -" in text
    thai = diff(tmp_path, *GRID, "-f", "table", "--lang", "th")
    assert "28 แถว (anthracite" in " ".join(thai.stdout.split()), thai


@pytest.mark.parametrize("width", [80, 100])
def test_on_a_narrow_terminal_every_key_and_number_is_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """On a terminal of 80 or 100 columns the table of TGO's two editions used to shrink the key
    column to "…" (which row changed could not be read) and cut numbers (`0.00022…`, `+0.2…`): now
    a terminal too narrow for the columns gets each row as `title: value` lines, as `compute` does."""
    from ghgcalc.cli import render

    monkeypatch.setattr(render._Stdout, "isatty", lambda self: True)
    monkeypatch.setenv("COLUMNS", str(width))
    run = ghgcalc(tmp_path, "factors", "diff", *GRID, "--format", "table")
    assert run.code == 0, run
    screen = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)  # the terminal's bold titles
    assert "…" not in screen, run
    for shown in ("key: electricity-grid", "key: gasohol-e10-2-stroke-agriculture", "-0.0249", "-4.98 %", "+0.25 %"):
        assert shown in screen, shown
    monkeypatch.undo()
    piped = ghgcalc(tmp_path, "factors", "diff", *GRID, "--format", "table")  # into a pipe: the table, 120 columns
    assert piped.code == 0 and "…" not in piped.stdout and "  electricity-grid  " in piped.stdout, piped
