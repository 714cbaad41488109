"""Gases and factors cannot be counted twice, and a malformed factor set is a located error.

Custom factors: the same gas under two spellings, a CO2e total beside its gases (refused); a key
that replaces a bundled factor, a factor of 0 (warned). A user's own factor set, checked by
`factors validate` and loaded by `compute --factors-dir`: every malformed set.yaml or table is
an error at its file and line, never exit 3, and nothing outside the set's folder is opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

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
    own_set_yaml,
    snapshot,
    write,
)

# --------------------------------------------------------------------------------------------
# Custom factors in an inventory


def inventory(kg: str, key: str = "boiler-oil", per: str = "L", extra: str = "", factors: str = "") -> str:
    return (
        f"ghgcalc: 1\nname: Town\nperiod: 2024\n{factors}"
        "custom_factors:\n"
        f"  - key: {key}\n    per: {per}\n    kg: {kg}\n    scope: 1\n    source: Supplier sheet 2024\n{extra}"
        f"activities:\n  - {{activity: {key}, amount: 100, unit: {per}}}\n"
    )


def compute(tmp_path: Path, text: str, *args: str) -> Run:
    write(tmp_path, "town.yaml", text)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json", *args)
    assert snapshot(tmp_path) == before, "a run changed a file"
    return run


# name -> (the kg mapping, the second spelling, the first spelling)
SAME_GAS = {
    "co2-and-co2": ("{CO2: 2.7, co2: 0.1}", "co2", "CO2"),
    "ch4-fossil-space-underscore": ("{CH4 fossil: 0.1, CH4_fossil: 0.1}", "CH4_fossil", "CH4 fossil"),
    "ch4-fossil-underscore-dash": ("{CH4_fossil: 0.1, CH4-fossil: 0.1}", "CH4-fossil", "CH4_fossil"),
    "r-32-and-hfc-32": ("{R-32: 1, HFC-32: 1}", "HFC-32", "R-32"),
    "hfc134a-and-hfc-134a": ("{HFC134a: 1, HFC-134a: 1}", "HFC-134a", "HFC134a"),
    "r-744-is-co2": ("{CO2: 2.7, R-744: 0.1}", "R-744", "CO2"),
    "n2o-lowercase": ("{CO2: 2.7, N2O: 0.001, n2o: 0.001}", "n2o", "N2O"),
    "r-22-and-hcfc-22": ("{HCFC-22: 1, R22: 1}", "R22", "HCFC-22"),
}


@pytest.mark.parametrize("case", SAME_GAS.values(), ids=SAME_GAS.keys())
def test_one_gas_under_two_spellings_is_refused_at_the_second(tmp_path: Path, case: tuple[str, str, str]) -> None:
    kg, second, first = case
    text = inventory(kg)
    run = compute(tmp_path, text)
    printed = assert_input_error(
        run, "town.yaml", "gas-duplicate", at(text, second + ":"), hint="once", message="same gas"
    )
    assert f"'{first}'" in printed.message and f"'{second}'" in printed.message
    # the factor is reported once: the line that uses it says nothing more
    assert [p.code for p in issues(run.stderr) if p.severity == "error"] == ["gas-duplicate"]


def test_three_spellings_of_one_gas_give_two_errors(tmp_path: Path) -> None:
    text = inventory("{CO2: 1, co2: 1, Co2: 1}")
    run = compute(tmp_path, text)
    assert_input_error(run, "town.yaml", "gas-duplicate", at(text, "co2:"))
    assert_input_error(run, "town.yaml", "gas-duplicate", at(text, "Co2:"))


# name -> (the kg mapping, the CO2e spelling)
DOUBLE_COUNT = {
    "co2e-after-gases": ("{CO2: 2.7, CH4: 0.0001, CO2e: 2.71}", "CO2e"),
    "co2e-first": ("{CO2e: 2.71, N2O: 0.001}", "CO2e"),
    "co2e-lowercase": ("{co2e: 2.71, CO2: 2.7}", "co2e"),
    "co2e-and-a-refrigerant": ("{R-410A: 1, CO2e: 2088}", "CO2e"),
}


@pytest.mark.parametrize("case", DOUBLE_COUNT.values(), ids=DOUBLE_COUNT.keys())
def test_a_co2e_total_beside_its_gases_is_refused(tmp_path: Path, case: tuple[str, str]) -> None:
    kg, total = case
    text = inventory(kg)
    run = compute(tmp_path, text)
    assert_input_error(
        run,
        "town.yaml",
        "gas-double-count",
        at(text, total + ":"),
        hint="only " + total,
        message="counted twice",
    )


def test_biogenic_co2_beside_co2e_is_not_a_double_count(tmp_path: Path) -> None:
    run = compute(tmp_path, inventory("{CO2e: 0.1, CO2_biogenic: 1.5}"))
    assert run.code == 0, run
    assert "gas-double-count" not in run.stderr


def _shadowed(run: Run) -> str:
    [warning] = [p for p in issues(run.stderr) if p.code == "factor-shadowed"]
    assert warning.severity == "warning" and warning.hint
    return warning.message


def test_a_custom_factor_that_replaces_a_tgo_factor_warns_naming_both(tmp_path: Path) -> None:
    from ghgcalc.io.factor_store import FactorStore

    text = inventory("{CO2e: 0.5}", key="electricity-grid", per="kWh")
    run = compute(tmp_path, text)
    assert run.code == 0, run
    message = _shadowed(run)
    [warning] = [p for p in issues(run.stderr) if p.code == "factor-shadowed"]
    assert warning.location == "town.yaml:{}:{}".format(*at(text, "electricity-grid"))
    match = re.fullmatch(
        r"custom factor 'electricity-grid' replaces tgo-cfo@(\S+) electricity-grid \((.*)\) .*", message
    )
    assert match, message
    bundled = FactorStore().load("tgo-cfo", match[1]).factors["electricity-grid"]
    [kwh] = [f for f in bundled if f.per == "kWh"]
    [gas] = kwh.gases
    assert match[2] == f"{gas.kg:.10g} kg{gas.gas}/kWh"
    # the warning travels with the result, and the custom value is the one used
    result = json.loads(run.stdout)
    assert result["total_t_co2e"] == pytest.approx(0.05)
    assert any(w["code"] == "factor-shadowed" for w in result["warnings"])


def test_a_custom_factor_that_replaces_a_factor_of_another_named_set_warns(tmp_path: Path) -> None:
    text = inventory("{CO2: 70000}", key="anthracite-commercial", per="TJ", factors="factors: [ipcc-2006]\n")
    run = compute(tmp_path, text)
    assert run.code == 0, run
    assert "replaces ipcc-2006@2006 anthracite-commercial" in _shadowed(run)


def test_a_custom_factor_with_a_key_of_its_own_does_not_warn(tmp_path: Path) -> None:
    run = compute(tmp_path, inventory("{CO2: 2.7}", key="supplier-diesel-b7"))
    assert run.code == 0, run
    assert "factor-shadowed" not in run.stderr


def test_a_zero_factor_warns(tmp_path: Path) -> None:
    text = inventory("{CO2: 0, CH4: 0}")
    run = compute(tmp_path, text)
    assert run.code == 0, run
    [zero] = [p for p in issues(run.stderr) if p.code == "factor-zero"]
    assert zero.severity == "warning" and "0 for every gas" in zero.message
    assert zero.location and zero.location.startswith("town.yaml:{}:".format(at(text, "kg:")[0]))


# --------------------------------------------------------------------------------------------
# A user's own factor set

GOOD = "boiler-diesel,Boiler diesel,,stationary-combustion,1,L,CO2,2.68,2.68,,,,,Supplier sheet 2024,\n"
TABLE = "myf/my-boilers/2024/factors.csv"
META = "myf/my-boilers/2024/set.yaml"


def make_set(tmp_path: Path, table: bytes | str, meta: str | None = None) -> Path:
    """The set (own_factor_set: `meta` as given, else one that records the table's hash) and my.yaml using it."""
    folder = own_factor_set(tmp_path, table, meta=meta)
    write(tmp_path, "my.yaml", USES_OWN_SET)
    return folder


def validate(tmp_path: Path) -> Run:
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "factors", "validate", "myf")
    assert snapshot(tmp_path) == before, "validate changed a file"
    return run


def assert_located(run: Run, location: str, code: str, message: str = "") -> None:
    """`factors validate` exits 1 and prints `location: error[code]: ...message...`."""
    assert run.code == INPUT_ERRORS, run
    found = [p for p in issues(run.stderr) if p.code == code and p.severity == "error" and p.location == location]
    assert found, f"expected {location}: error[{code}]\n{run}"
    assert any(message.lower() in p.message.lower() for p in found), f"expected {message!r}\n{run}"
    assert run.stdout == ""


def assert_refused_by_compute(tmp_path: Path, location: str) -> None:
    """`compute --factors-dir` refuses the set at the inventory's factors line, naming the place."""
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert snapshot(tmp_path) == before, "compute changed a file"
    assert_input_error(run, "my.yaml", "factor-set-invalid", (4, None), hint="factors validate", message=location)


# name -> (the table's rows after the header, the line, the code, a part of the message)
BAD_ROWS = {
    "gas-twice-by-case": (GOOD + GOOD.replace(",CO2,", ",co2,"), 3, "gas-duplicate", "same gas"),
    "ch4-fossil-spellings": (
        GOOD + GOOD.replace(",CO2,2.68", ",CH4_fossil,0.1") + GOOD.replace(",CO2,2.68", ",CH4 fossil,0.1"),
        4,
        "gas-duplicate",
        "'CH4 fossil' is the same gas as 'CH4_fossil'",
    ),
    "r-32-and-hfc-32": (
        "ac,AC,,refrigerants,1,kg,R-32,1,,,,,,Sheet,\nac,AC,,refrigerants,1,kg,HFC-32,1,,,,,,Sheet,\n",
        3,
        "gas-duplicate",
        "'HFC-32' is the same gas as 'R-32'",
    ),
    "hfc134a-spellings": (
        "ac,AC,,refrigerants,1,kg,HFC134a,1,,,,,,Sheet,\nac,AC,,refrigerants,1,kg,HFC-134a,1,,,,,,Sheet,\n",
        3,
        "gas-duplicate",
        "same gas",
    ),
    "co2e-beside-gases": (
        GOOD.replace(",2.68,2.68,", ",2.68,,") + GOOD.replace(",CO2,2.68,2.68,", ",CO2e,2.7,,"),
        3,
        "gas-double-count",
        "counted twice",
    ),
    "scope-a-word": (GOOD.replace(",1,L,", ",one,L,"), 2, "factor-row-invalid", "scope 'one'"),
    "scope-a-fraction": (GOOD.replace(",1,L,", ",1.5,L,"), 2, "factor-row-invalid", "scope '1.5'"),
    "short-row": (GOOD + "boiler-lpg,LPG,,stationary-combustion,1,kg,CO2\n", 3, "factor-row-invalid", "fields"),
    "extra-fields": (GOOD.replace("2024,\n", "2024,,x,y\n"), 2, "factor-row-invalid", "17 fields"),
    "unquoted-comma-in-source": (
        GOOD.replace("Supplier sheet 2024", "Table 2, p. 4"),
        2,
        "factor-row-invalid",
        "16 fields",
    ),
    "unknown-gas": (GOOD.replace(",CO2,", ",CO3,"), 2, "factor-row-invalid", "unknown gas"),
    "field-over-the-csv-limit": (
        GOOD.replace("Boiler diesel", '"' + "x" * 200_000 + '"'),
        2,
        "factor-table-invalid",
        "cannot be read as CSV",
    ),
    "value-not-finite": (GOOD.replace(",2.68,2.68,", ",inf,,"), 2, "factor-row-invalid", "finite"),
}


@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_located_by_validate_and_refused_by_compute(
    tmp_path: Path, case: tuple[str, int, str, str]
) -> None:
    rows, line, code, message = case
    make_set(tmp_path, FACTOR_HEADER + rows)
    assert_located(validate(tmp_path), f"{TABLE}:{line}", code, message)
    assert_refused_by_compute(tmp_path, f"{TABLE}:{line}")


def test_a_zero_factor_in_a_set_warns(tmp_path: Path) -> None:
    make_set(tmp_path, FACTOR_HEADER + GOOD.replace(",2.68,2.68,", ",0,,"))
    run = validate(tmp_path)
    assert run.code == 0, run
    [zero] = [p for p in issues(run.stderr) if p.code == "factor-zero"]
    assert zero.severity == "warning" and zero.location == f"{TABLE}:2"


def meta_with(tables: str) -> str:
    return own_set_yaml("").split("tables:")[0] + tables


# name -> (set.yaml, the line, the code, a part of the message)
BAD_META = {
    "tables-a-string": (meta_with("tables: factors.csv\n"), 7, "factor-set-invalid", "'tables' is not a list"),
    "tables-a-mapping": (
        meta_with("tables:\n  file: factors.csv\n"),
        7,
        "factor-set-invalid",
        "'tables' is not a list",
    ),
    "entry-a-string": (meta_with("tables:\n  - factors.csv\n"), 8, "factor-set-invalid", "not a mapping"),
    "entry-without-file": (meta_with("tables:\n  - sha256: abc\n"), 8, "factor-table-missing", "file:"),
    "file-a-number": (meta_with("tables:\n  - file: 42\n"), 8, "factor-table-missing", "file:"),
    "missing-table": (
        meta_with("tables:\n  - file: other.csv\n"),
        8,
        "factor-table-missing",
        "'other.csv' is not there",
    ),
    "table-a-folder": (meta_with("tables:\n  - file: sub\n"), 8, "factor-table-missing", "not a regular file"),
    "published-not-a-date": (
        own_set_yaml("0" * 64).replace("published: 2024-01-01", "published: soon"),
        5,
        "factor-set-invalid",
        "published 'soon'",
    ),
    "gwp-basis-unknown": (
        own_set_yaml("0" * 64).replace("AR5", "AR9"),
        6,
        "factor-set-invalid",
        "gwp_basis 'AR9'",
    ),
}


@pytest.mark.parametrize("case", BAD_META.values(), ids=BAD_META.keys())
def test_a_bad_set_yaml_is_located_by_validate_and_refused_by_compute(
    tmp_path: Path, case: tuple[str, int, str, str]
) -> None:
    meta, line, code, message = case
    folder = make_set(tmp_path, FACTOR_HEADER + GOOD, meta)
    (folder / "sub").mkdir()
    assert_located(validate(tmp_path), f"{META}:{line}", code, message)
    assert_refused_by_compute(tmp_path, f"{META}:{line}")


# A table path out of the set's folder is refused from its name: the file it names is never opened.
OUTSIDE = {
    "parent-traversal": "../../../secret.csv",
    "deep-traversal": "../../../../../../../../etc/passwd",
    "absolute": "/etc/passwd",
    "absolute-secret": "ABS",
    "inside-then-out": "sub/../../../../secret.csv",
    "backslashes": "..\\..\\..\\secret.csv",
}


@pytest.mark.parametrize("name", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_a_table_outside_the_set_folder_is_never_read(tmp_path: Path, name: str) -> None:
    write(tmp_path, "secret.csv", FACTOR_HEADER + "secret,SECRET-VALUE,,c,1,L,CO2,1,,,,,,SECRET,\n")
    name = name.replace("ABS", str(tmp_path / "secret.csv"))
    folder = make_set(tmp_path, FACTOR_HEADER + GOOD, meta_with(f"tables:\n  - file: '{name}'\n"))
    (folder / "sub").mkdir()
    run = validate(tmp_path)
    assert_located(run, f"{META}:8", "factor-table-missing", "outside the set's folder")
    assert "SECRET" not in run.stderr and "root:" not in run.stderr
    assert_refused_by_compute(tmp_path, f"{META}:8")


def test_a_linked_table_that_leads_out_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "secret.csv", FACTOR_HEADER + "secret,SECRET-VALUE,,c,1,L,CO2,1,,,,,,SECRET,\n")
    folder = make_set(tmp_path, FACTOR_HEADER + GOOD, meta_with("tables:\n  - file: link.csv\n"))
    os.symlink(tmp_path / "secret.csv", folder / "link.csv")
    run = validate(tmp_path)
    assert_located(run, f"{META}:8", "factor-table-missing", "leads outside")
    assert "SECRET" not in run.stderr


def test_a_pipe_as_table_is_not_read(tmp_path: Path) -> None:
    folder = make_set(tmp_path, FACTOR_HEADER + GOOD, meta_with("tables:\n  - file: pipe.csv\n"))
    os.mkfifo(folder / "pipe.csv")
    assert_located(validate(tmp_path), f"{META}:8", "factor-table-missing", "not a regular file")


def test_set_yaml_that_is_a_list(tmp_path: Path) -> None:
    make_set(tmp_path, FACTOR_HEADER + GOOD, "- id: my-boilers\n- version: 2024\n")
    assert_located(validate(tmp_path), f"{META}:1", "factor-set-invalid", "not a mapping")
    assert_refused_by_compute(tmp_path, f"{META}:1")


def test_set_yaml_with_a_python_tag_runs_nothing(tmp_path: Path) -> None:
    meta = own_set_yaml("0" * 64).replace(
        "title: Our boiler factors", 'title: !!python/object/apply:os.system ["touch PWNED"]'
    )
    make_set(tmp_path, FACTOR_HEADER + GOOD, meta)
    run = validate(tmp_path)
    assert_located(run, f"{META}:3", "factor-set-invalid", "cannot be read")
    assert_refused_by_compute(tmp_path, f"{META}:3")
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "myf" / "PWNED").exists()


BOMB = "".join(f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}" if i else "x"] * 9) + "]\n" for i in range(10))


@pytest.mark.parametrize("field", ["title", "id", "sha256"])
def test_an_alias_bomb_in_set_yaml_is_refused_quickly(tmp_path: Path, field: str) -> None:
    """Ten lines that stand for a billion items, where one value belongs: refused, never expanded."""
    digest = hashlib.sha256((FACTOR_HEADER + GOOD).encode()).hexdigest()
    meta = BOMB + own_set_yaml(digest)
    if field == "sha256":
        meta = meta.replace(f"sha256: {digest}", "sha256: *b9")
        where, code, message = f"{META}:18", "factor-table-unhashed", "no sha256"
    else:
        line = {"title": 13, "id": 11}[field]
        meta = re.sub(rf"^{field}: .*$", f"{field}: *b9", meta, flags=re.M)
        where, code, message = f"{META}:{line}", "factor-set-invalid", "not a list or mapping"
    make_set(tmp_path, FACTOR_HEADER + GOOD, meta)
    run = validate(tmp_path)
    assert run.seconds < 5, run
    [printed] = [p for p in issues(run.stderr) if p.code == code]
    assert printed.location == where and message in printed.message, run
    before = snapshot(tmp_path)
    refused = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert snapshot(tmp_path) == before and refused.seconds < 5
    assert_input_error(refused, "my.yaml", "factor-set-invalid", (4, None))


def test_a_table_that_is_not_utf8(tmp_path: Path) -> None:
    make_set(tmp_path, (FACTOR_HEADER + GOOD.replace("Boiler diesel", "น้ำมัน")).encode("cp874"))
    assert_located(validate(tmp_path), TABLE, "factor-table-invalid", "not UTF-8")


def test_a_table_with_a_bom_is_read_as_excel_writes_it(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" starts the file with a BOM; the set is read as if it had none."""
    make_set(tmp_path, b"\xef\xbb\xbf" + (FACTOR_HEADER + GOOD).encode("utf-8"))
    assert validate(tmp_path).code == 0
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "-f", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout)["total_t_co2e"] == pytest.approx(100 * 2.68 / 1000)


def test_a_factors_option_on_the_command_line_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    make_set(tmp_path, FACTOR_HEADER + GOOD.replace(",1,L,", ",one,L,"))
    run = ghgcalc(tmp_path, "compute", "my.yaml", "--factors-dir", "myf", "--factors", "my-boilers", "-f", "json")
    assert run.code == 2, run
    assert f"{TABLE}:2: scope 'one' is not 1, 2 or 3" in run.stderr and "factors validate myf" in run.stderr


def test_the_bundled_sets_pass_validate() -> None:
    root = Path(__file__).resolve().parents[2]
    run = ghgcalc(root, "factors", "validate", "factors")
    assert run.code == 0, run
    assert not [p for p in issues(run.stderr) if p.severity == "error"]
