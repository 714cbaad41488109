"""Rules of a user's own factor set that would otherwise choose a factor without a word: dates in
B.E., reversed validity, weights that never apply, a key defined twice, two versions of one day, a
bundled id, a file too large. Each is reported by `factors validate` at its file and line, and
refused (or said) by `compute --factors-dir`.

Expected numbers are computed by hand from the rows written here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.helpers import FACTOR_HEADER, INPUT_ERRORS, ghgcalc, issues, write

BOILER = "boiler-x,Boiler X,,stationary-combustion,1,L,CO2,{value},,{start},{end},,,Supplier sheet,\n"


def own_set(
    root: Path,
    set_id: str,
    version: str,
    tables: dict[str, str],
    extra: str = "",
    published: str = "2024-01-01",
) -> Path:
    """root/<set_id>/<version>: set.yaml (line 5 published, line 6 gwp_basis, then `extra`, then
    the tables) and each table (FACTOR_HEADER + its rows) with its sha256."""
    folder = root / set_id / version
    folder.mkdir(parents=True)
    entries = ""
    for name, rows in tables.items():
        data = (FACTOR_HEADER + rows).encode()
        write(folder, name, data)
        entries += f"  - file: {name}\n    sha256: {hashlib.sha256(data).hexdigest()}\n"
    write(
        folder,
        "set.yaml",
        f'id: {set_id}\nversion: "{version}"\ntitle: Test\npublisher: Supplier\npublished: {published}\n'
        f"gwp_basis: AR5\n{extra}tables:\n{entries}",
    )
    return folder


def inventory(folder: Path, period: str, factors: str, *lines: str) -> None:
    body = "".join(f"  - {{{line}}}\n" for line in lines) or "  - {activity: boiler-x, amount: 1000, unit: L}\n"
    write(folder, "town.yaml", f"ghgcalc: 1\nname: T\nperiod: {period}\nfactors: {factors}\nactivities:\n{body}")


def compute(folder: Path, *args: str):
    return ghgcalc(folder, "compute", "town.yaml", "--factors-dir", "sets", "-f", "json", *args)


# --------------------------------------------------------------------------------------------
# 3. Dates in B.E.


def test_a_buddhist_era_date_in_a_set_is_refused_with_its_ce_date(tmp_path: Path) -> None:
    """Version 2567 valid to 2567-12-31 (2.5 kg/L), version 2568 from 2568-01-01 (3.0 kg/L): read
    as C.E., 2567 would be the one in force for 2568 (2025) and give 2.5 t, not 3.0 t."""
    root = tmp_path / "sets"
    own_set(
        root, "supplier", "2567", {"factors.csv": BOILER.format(value=2.5, start="", end="")}, "valid_to: 2567-12-31\n"
    )
    own_set(root, "supplier", "2568", {"factors.csv": BOILER.format(value=3.0, start="2568-01-01", end="")})
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    found = {(p.location, p.code, p.hint) for p in issues(run.stderr)}
    assert found == {
        ("sets/supplier/2567/set.yaml:7", "factor-set-invalid", "write 2024-12-31 (the B.E. year less 543)"),
        ("sets/supplier/2568/factors.csv:2", "factor-row-invalid", "write 2025-01-01 (the B.E. year less 543)"),
    }
    inventory(tmp_path, "2568", "[supplier]")
    refused = compute(tmp_path)
    assert refused.code == INPUT_ERRORS and refused.stdout == ""
    [problem] = issues(refused.stderr)
    assert problem.code == "factor-set-invalid" and problem.location == "town.yaml:4:10"
    assert "2024-12-31" in problem.hint
    # written in C.E. as the hints say, version 2568 is the one in force for 2568: 1000 L x 3.0 kg/L
    for folder, table in (("2567", "set.yaml"), ("2568", "factors.csv")):
        path = root / "supplier" / folder / table
        path.write_text(path.read_text(encoding="utf-8").replace("2567-12-31", "2024-12-31"), encoding="utf-8")
    (root / "supplier" / "2568").rename(tmp_path / "gone")
    own_set(root, "supplier", "2568", {"factors.csv": BOILER.format(value=3.0, start="2025-01-01", end="")})
    run = compute(tmp_path)
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert result["total_t_co2e"] == pytest.approx(3.0)
    assert result["lines"][0]["factor"]["version"] == "2568"


def test_an_impossible_date_in_set_yaml_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """2023-02-29 does not exist; YAML's own date reading raised out of the checker (exit 3)."""
    own_set(
        tmp_path / "sets",
        "supplier",
        "2024",
        {"factors.csv": BOILER.format(value=2.5, start="", end="")},
        published="2023-02-29",
    )
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.location == "sets/supplier/2024/set.yaml:5" and "2023-02-29" in problem.message


# --------------------------------------------------------------------------------------------
# 10. Validity reversed, weights that never apply


def test_a_reversed_validity_is_an_error_in_set_yaml_and_in_a_row(tmp_path: Path) -> None:
    root = tmp_path / "sets"
    own_set(
        root,
        "a-set",
        "2024",
        {"factors.csv": BOILER.format(value=2.5, start="", end="")},
        "valid_from: 2025-01-01\nvalid_to: 2024-01-01\n",
    )
    own_set(root, "b-set", "2024", {"factors.csv": BOILER.format(value=2.5, start="2025-12-31", end="2025-01-01")})
    # a row's valid_to before the set's own valid_from
    own_set(
        root,
        "c-set",
        "2024",
        {"factors.csv": BOILER.format(value=2.5, start="", end="2024-06-30")},
        "valid_from: 2025-01-01\n",
    )
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    found = {(p.location, p.code, p.message) for p in issues(run.stderr)}
    assert found == {
        ("sets/a-set/2024/set.yaml:8", "factor-set-invalid", "valid_to (2024-01-01) is before valid_from (2025-01-01)"),
        (
            "sets/b-set/2024/factors.csv:2",
            "factor-row-invalid",
            "valid_to (2025-01-01) is before valid_from (2025-12-31)",
        ),
        (
            "sets/c-set/2024/factors.csv:2",
            "factor-row-invalid",
            "valid_to (2024-06-30) is before valid_from (2025-01-01)",
        ),
    }
    inventory(tmp_path, "2025", "[b-set]")
    refused = compute(tmp_path)
    assert refused.code == INPUT_ERRORS and "factor-set-invalid" in refused.stderr


def test_own_weights_without_a_gwp_basis_are_an_error(tmp_path: Path) -> None:
    folder = own_set(
        tmp_path / "sets",
        "my-gen",
        "2024",
        {"factors.csv": BOILER.format(value=2.5, start="", end="")},
        "gwp_overrides: {CH4_fossil: 28}\n",
    )
    meta = folder / "set.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("gwp_basis: AR5\n", ""), encoding="utf-8")
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.location == "sets/my-gen/2024/set.yaml:6" and problem.code == "factor-set-invalid"
    assert "gwp_basis" in problem.message and "gwp_basis: AR5" in problem.hint


# --------------------------------------------------------------------------------------------
# 5. One key and unit in two tables of one version


def test_a_key_and_unit_in_two_tables_of_one_version_is_an_error(tmp_path: Path) -> None:
    """The first table's row would be used and the second's never, without a word. Kept alone,
    the second gives 1000 L x (3.0 + 0.01 x 265) = 5.65 t."""
    second = BOILER.format(value=3.0, start="", end="") + BOILER.format(value=0.01, start="", end="").replace(
        ",CO2,", ",N2O,"
    )
    tables = {"a.csv": BOILER.format(value=2.5, start="", end=""), "b.csv": second}
    own_set(tmp_path / "sets", "ttwo", "2024", tables)
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.code == "factor-duplicate" and problem.location == "sets/ttwo/2024/b.csv:2"
    assert "boiler-x/L is defined in a.csv (line 2)" in problem.message
    inventory(tmp_path, "2024", "[ttwo]")
    refused = compute(tmp_path)
    assert refused.code == INPUT_ERRORS and refused.stdout == ""
    [at_inventory] = issues(refused.stderr)
    assert at_inventory.location == "town.yaml:4:10" and "b.csv:2" in at_inventory.message
    (tmp_path / "gone").mkdir()
    (tmp_path / "sets" / "ttwo").rename(tmp_path / "gone" / "ttwo")
    own_set(tmp_path / "sets", "ttwo", "2024", {"b.csv": second})
    run = compute(tmp_path)
    assert run.code == 0, run
    assert json.loads(run.stdout)["total_t_co2e"] == pytest.approx(5.65)


# --------------------------------------------------------------------------------------------
# 6. Two versions of one set published the same day; 9. a bundled set's id


def test_two_versions_published_the_same_day_and_in_force_together_are_an_error(tmp_path: Path) -> None:
    """Versions 9 (2.5 kg/L) and 10 (3.0 kg/L), both published 2024-01-01 and open-ended: sorted as
    text, "9" came after "10" and was used without a word. With 10 dated as published later, it is
    the newer and gives 1000 L x 3.0 = 3.0 t."""
    root = tmp_path / "sets"
    own_set(root, "sup", "9", {"factors.csv": BOILER.format(value=2.5, start="", end="")})
    newer = own_set(root, "sup", "10", {"factors.csv": BOILER.format(value=3.0, start="", end="")})
    # a version that ends before another starts may share its day of publication
    own_set(root, "other", "1", {"factors.csv": BOILER.format(value=2.5, start="", end="")}, "valid_to: 2023-12-31\n")
    own_set(root, "other", "2", {"factors.csv": BOILER.format(value=3.0, start="", end="")}, "valid_from: 2024-01-01\n")
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    found = {(p.location, p.code, p.message) for p in issues(run.stderr)}
    tie = (
        "are both published 2024-01-01 and both give 'boiler-x' for the same days: "
        "which one is newer, and so used, cannot be told"
    )
    assert found == {
        ("sets/sup/10/set.yaml:5", "factor-set-version-tie", f"sup@10 and sup@9 {tie}"),
        ("sets/sup/9/set.yaml:5", "factor-set-version-tie", f"sup@9 and sup@10 {tie}"),
    }
    inventory(tmp_path, "2024", "[sup]")
    refused = compute(tmp_path)
    assert refused.code == INPUT_ERRORS and refused.stdout == ""
    [at_inventory] = issues(refused.stderr)
    assert at_inventory.code == "factor-set-invalid" and at_inventory.location == "town.yaml:4:10"
    meta = newer / "set.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("2024-01-01", "2024-06-01"), encoding="utf-8")
    run = compute(tmp_path)
    assert run.code == 0, run
    result = json.loads(run.stdout)
    assert result["total_t_co2e"] == pytest.approx(3.0) and result["lines"][0]["factor"]["version"] == "10"


def test_validate_reports_an_own_set_named_as_a_bundled_one(tmp_path: Path) -> None:
    """Every other command refuses a folder tgo-cfo beside the bundled one: validate says so first."""
    own_set(tmp_path / "sets", "tgo-cfo", "2026-03", {"factors.csv": BOILER.format(value=2.5, start="", end="")})
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.code == "factor-set-id-bundled" and problem.location == "sets/tgo-cfo/2026-03/set.yaml:1"
    assert problem.hint == "give your own set another id (and its folder that name), e.g. my-tgo-cfo"
    inventory(tmp_path, "2026", "[tgo-cfo]")
    assert compute(tmp_path).code == INPUT_ERRORS


# --------------------------------------------------------------------------------------------
# 11. Files too large


def test_a_table_or_set_yaml_above_32_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 33 MB table (sparse: it takes no disk) is refused from its size; reading it would cost
    memory many times its size."""
    folder = own_set(tmp_path / "sets", "big", "2024", {"factors.csv": BOILER.format(value=2.5, start="", end="")})
    with (folder / "factors.csv").open("r+b") as table:
        table.truncate(33 * 1024 * 1024)
    run = ghgcalc(tmp_path, "factors", "validate", "sets")
    assert run.code == INPUT_ERRORS
    [problem] = issues(run.stderr)
    assert problem.code == "file-too-large" and problem.location == "sets/big/2024/set.yaml:8"
    assert "larger than 32 MB" in problem.message
    inventory(tmp_path, "2024", "[big]")
    refused = compute(tmp_path)
    assert refused.code == INPUT_ERRORS and "larger than 32 MB" in refused.stderr
    with (folder / "set.yaml").open("r+b") as meta:
        meta.truncate(33 * 1024 * 1024)
    [problem] = issues(ghgcalc(tmp_path, "factors", "validate", "sets").stderr)
    assert problem.code == "file-too-large" and problem.location == "sets/big/2024/set.yaml"


# --------------------------------------------------------------------------------------------
# 4. A set listed first with another gwp_basis


DIESEL_MOBILE = (2.698722, 0.000142038, 0.000142038)  # CO2, CH4 (fossil), N2O kg/L, tgo-cfo
SEPTIC_CH4 = 0.012  # kg CH4 per person-day, tgo-cfo@2022-04


@pytest.mark.parametrize("gwp", ["", "gwp: AR5\n"])
def test_a_set_listed_first_with_another_gwp_basis_is_said(tmp_path: Path, gwp: str) -> None:
    """my-boilers (AR6, one CO2 row) listed before tgo-cfo (AR5): the rule stays (the first set's
    basis, AR6, weighs every line) but is said at `factors`, with the hint to write gwp: AR5.
    By hand, AR6: 2.5 + (2.698722 + 0.000142038 x 29.8 + 0.000142038 x 273) + 1000 x 0.012 x 27 / 1000;
    AR5: 2.5 + (2.698722 + 0.000142038 x 30 + 0.000142038 x 265) + 0.336 = 5.57662321 t."""
    folder = own_set(
        tmp_path / "sets", "my-boilers", "2024", {"factors.csv": BOILER.format(value=2.5, start="", end="")}
    )
    meta = folder / "set.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("gwp_basis: AR5", "gwp_basis: AR6"), encoding="utf-8")
    write(
        tmp_path,
        "town.yaml",
        f"ghgcalc: 1\nname: T\nperiod: 2025\n{gwp}factors: [my-boilers, tgo-cfo]\nactivities:\n"
        "  - {activity: boiler-x, amount: 1000, unit: L}\n"
        "  - {activity: diesel-mobile, amount: 1000, unit: L}\n"
        "  - {activity: septic-tank, amount: 1000, unit: person_day}\n",
    )
    run = compute(tmp_path)
    assert run.code == 0, run
    result = json.loads(run.stdout)
    co2, ch4, n2o = DIESEL_MOBILE
    said = [p for p in issues(run.stderr) if p.code == "gwp-basis-mixed"]
    if gwp:
        assert result["gwp"] == "AR5" and not said
        assert result["total_t_co2e"] == pytest.approx(2.5 + (co2 + ch4 * 30 + n2o * 265) + SEPTIC_CH4 * 28)
        return
    assert result["gwp"] == "AR6"
    assert result["total_t_co2e"] == pytest.approx(2.5 + (co2 + ch4 * 29.8 + n2o * 273) + SEPTIC_CH4 * 27)
    [warning] = said
    assert warning.severity == "warning" and warning.location == "town.yaml:4:10"
    assert "weighed with AR6, the gwp_basis of my-boilers" in warning.message and "tgo-cfo (AR5)" in warning.message
    assert warning.hint == "to choose the GWP set, write gwp: AR5 (or gwp: AR6) in the inventory"
