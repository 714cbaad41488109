"""More mistakes users make, each once a bug: numbers in odd forms, units, output, markup."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import INPUT_ERRORS, USAGE, assert_input_error, at, ghgcalc, issues

HEAD = "ghgcalc: 1\nname: Test town\nperiod: 2024\nfactors: tgo-cfo\n"


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return text


def test_every_bad_month_is_reported(tmp_path):
    text = write(
        tmp_path, HEAD + "activities:\n  - {activity: diesel-mobile, unit: L, amount: [1, x, -4, '1.234,5']}\n"
    )
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    assert run.code == INPUT_ERRORS
    printed = [(p.code, p.location) for p in issues(run.stderr)]
    assert printed == [
        ("amount-invalid", "bad.yaml:{}:{}".format(*at(text, "x"))),
        ("amount-negative", "bad.yaml:{}:{}".format(*at(text, "-4"))),
        ("amount-invalid", "bad.yaml:{}:{}".format(*at(text, "'1.234,5'"))),
    ]


def test_commas_must_separate_thousands(tmp_path):
    text = write(tmp_path, HEAD + "activities:\n  - {activity: diesel-mobile, unit: L, amount: '12,50'}\n")
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "-f", "json")
    assert_input_error(run, "bad.yaml", "amount-invalid", at(text, "'12,50'"))
    assert "thousands" in run.stderr


def test_yaml_1_1_number_forms_are_not_octal_or_base_60(tmp_path):
    write(tmp_path, HEAD + "activities:\n  - {activity: diesel-mobile, unit: L, amount: 012}\n", "ok.yaml")
    result = json.loads(ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "json").stdout)
    assert result["lines"][0]["amount"] == 12
    text = write(tmp_path, HEAD + "activities:\n  - {activity: diesel-mobile, unit: L, amount: 1:30}\n")
    assert_input_error(ghgcalc(tmp_path, "compute", "bad.yaml"), "bad.yaml", "amount-invalid", at(text, "1:30"))


def test_mt_is_the_metric_ton(tmp_path):
    write(tmp_path, HEAD + "activities:\n  - {activity: waste-landfill, unit: MT, amount: 2}\n", "ok.yaml")
    result = json.loads(ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "json").stdout)
    assert result["lines"][0]["amount_in_factor_unit"] == 2000


def test_custom_factor_outside_its_validity_is_a_warning(tmp_path):
    text = HEAD.replace("period: 2024", "period: 2567") + (
        "custom_factors:\n"
        "  - {key: boiler, per: L, kg: {CO2: 2.7}, scope: 1, source: test, valid_from: 2030-01-01}\n"
        "activities:\n  - {activity: boiler, unit: L, amount: 10}\n"
    )
    write(tmp_path, text, "ok.yaml")
    run = ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "json")
    assert run.code == 0
    assert [p.code for p in issues(run.stderr)] == ["factor-out-of-validity"]


def test_a_broken_custom_factor_is_reported_once(tmp_path):
    text = write(
        tmp_path,
        HEAD + "custom_factors:\n  - {key: mine, per: L, kg: {XYZ: 1}, scope: 1, source: test}\n"
        "activities:\n  - {activity: mine, unit: L, amount: 1}\n  - {activity: mine, unit: L, amount: 2}\n",
    )
    run = ghgcalc(tmp_path, "compute", "bad.yaml")
    assert_input_error(run, "bad.yaml", "gas-unknown", at(text, "XYZ"))
    assert [p.code for p in issues(run.stderr)] == ["gas-unknown"]


def test_a_density_of_the_wrong_kind_says_so(tmp_path):
    text = write(
        tmp_path,
        HEAD.replace("tgo-cfo", "ipcc-2006") + "activities:\n"
        "  - {activity: diesel-road, unit: L, amount: 1000, density: 0.8 kg}\n"
        "  - {activity: lpg-road, unit: L, amount: 1000, density: 0.54 MJ/L}\n",
    )
    run = ghgcalc(tmp_path, "compute", "bad.yaml")
    assert_input_error(run, "bad.yaml", "bridge-invalid", at(text, "0.8 kg"))
    printed = assert_input_error(run, "bad.yaml", "bridge-invalid", at(text, "0.54 MJ/L"))
    assert "mass per volume" in printed.message


def test_a_density_or_ncv_far_from_the_factors_own_is_said_at_it(tmp_path):
    """g/L typed for kg/L (1,000 times too little mass) and GJ/kg for MJ/kg: each said at the bridge,
    against the factor's own (ipcc-2006 diesel-road: 0.832 kg/L, 43.0 TJ/Gg), and used as given;
    a density of another fuel (LPG's 0.54 kg/L) is within reach of the factor's and not said."""
    text = write(
        tmp_path,
        HEAD.replace("tgo-cfo", "ipcc-2006") + "activities:\n"
        "  - {activity: diesel-road, unit: L, amount: 1000, density: 0.84 g/L}\n"
        "  - {activity: diesel-road, unit: kg, amount: 3000, ncv: 43 GJ/kg}\n"
        "  - {activity: diesel-road, unit: L, amount: 2000, density: 0.54 kg/L}\n",
    )
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "-f", "json")
    assert run.code == 0, run
    unusual = [p for p in issues(run.stderr) if p.code == "bridge-unusual"]
    assert [p.location for p in unusual] == ["bad.yaml:{}:{}".format(*at(text, m)) for m in ("0.84 g/L", "43 GJ/kg")]
    assert "1/990 of" in unusual[0].message and "0.832 kg/L" in unusual[0].message
    assert "1,000 times" in unusual[1].message and "43.0 TJ/Gg" in unusual[1].message
    # used as given: 1,000 L x 0.00084 kg/L = 0.84 kg of diesel, 0.84e-6 Gg x 43.0 TJ/Gg x 74,100 kg CO2/TJ
    lines = json.loads(run.stdout)["lines"]
    assert lines[0]["gases_t"]["CO2"] == pytest.approx(0.84e-6 * 43.0 * 74_100 / 1000, rel=1e-9)


def test_litres_without_a_density_ask_for_one(tmp_path):
    text = write(
        tmp_path,
        HEAD.replace("tgo-cfo", "ipcc-2006") + "activities:\n  - {activity: lpg-road, unit: L, amount: 1000}\n",
    )
    printed = assert_input_error(
        ghgcalc(tmp_path, "compute", "bad.yaml"), "bad.yaml", "unit-incompatible", at(text, "L,")
    )
    assert "even with" not in printed.message and "density" in printed.hint


def test_duplicate_activity_ids(tmp_path):
    text = write(
        tmp_path,
        HEAD + "activities:\n  - {id: a1, activity: diesel-mobile, unit: L, amount: 1}\n"
        "  - {id: a1, activity: diesel-mobile, unit: L, amount: 2}\n",
    )
    line, _ = at(text, "id: a1", 2)
    assert_input_error(ghgcalc(tmp_path, "compute", "bad.yaml"), "bad.yaml", "id-duplicate", (line, None))


def test_brackets_in_names_are_text_not_markup(tmp_path):
    write(
        tmp_path,
        HEAD.replace("Test town", "Town [test] [/x]")
        + "activities:\n  - {activity: paper, unit: kg, amount: 1, label: 'Paper [office 2]'}\n",
        "ok.yaml",
    )
    run = ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "table")
    assert run.code == 0
    assert "Town [test] [/x]" in run.stdout and "Paper [office 2]" in run.stdout
    assert "\x1b[" not in run.stdout, "no colour codes when the table goes to a pipe"


def test_output_files_get_ordinary_permissions(tmp_path):
    write(tmp_path, HEAD + "activities:\n  - {activity: paper, unit: kg, amount: 1}\n", "ok.yaml")
    assert ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "csv", "-o", "out.csv").code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o666 & ~umask


def test_init_refuses_a_folder(tmp_path):
    (tmp_path / "d.yaml").mkdir()
    run = ghgcalc(tmp_path, "init", "d.yaml", "--force")
    assert run.code == USAGE and "is a folder" in run.stderr


def test_output_is_utf8_whatever_the_locale(tmp_path):
    write(
        tmp_path,
        HEAD.replace("Test town", "เทศบาลทดสอบ") + "activities:\n  - {activity: paper, unit: kg, amount: 1}\n",
        "ok.yaml",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "ghgcalc", "compute", "ok.yaml", "-f", "csv"],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "เทศบาลทดสอบ" in proc.stdout.decode("utf-8")


def test_a_broken_workbook_in_a_folder_is_reported_not_skipped(tmp_path):
    write(tmp_path, HEAD + "activities:\n  - {activity: paper, unit: kg, amount: 1}\n", "ok.yaml")
    (tmp_path / "town.xlsx").write_bytes(b"PK\x03\x04")
    run = ghgcalc(tmp_path, "compute", ".", "-f", "json")
    assert run.code == INPUT_ERRORS
    assert [p.code for p in issues(run.stderr)] == ["xlsx-refused"]
    # the YAML inventory is still computed, and the workbook keeps its record with its status
    assert [(r["source"], r["status"]) for r in json.loads(run.stdout)] == [("ok.yaml", "ok"), ("town.xlsx", "errors")]


def test_a_bad_set_name_in_a_file_is_an_input_error_and_the_batch_goes_on(tmp_path):
    text = write(
        tmp_path,
        HEAD.replace("factors: tgo-cfo", "factors: TGO-CFO") + "activities:\n"
        "  - {activity: paper, unit: kg, amount: 1}\n",
    )
    write(tmp_path, HEAD + "activities:\n  - {activity: paper, unit: kg, amount: 1}\n", "ok.yaml")
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "ok.yaml", "-f", "json")
    assert run.code == INPUT_ERRORS
    [printed] = issues(run.stderr)
    assert printed.code == "factor-set-unknown"
    assert printed.location.startswith("bad.yaml:{}:".format(at(text, "factors:")[0]))
    assert [(r["source"], r["status"]) for r in json.loads(run.stdout)] == [("bad.yaml", "errors"), ("ok.yaml", "ok")]


def test_a_version_mark_without_a_version_is_refused(tmp_path):
    write(tmp_path, HEAD + "activities:\n  - {activity: paper, unit: kg, amount: 1}\n", "ok.yaml")
    run = ghgcalc(tmp_path, "compute", "ok.yaml", "--factors", "tgo-cfo@")
    assert run.code == USAGE and "unknown factor set" in run.stderr


def test_custom_factor_dates_are_checked(tmp_path):
    text = write(
        tmp_path,
        HEAD + "custom_factors:\n"
        "  - {key: a, per: L, kg: {CO2: 1}, scope: 1, source: s, valid_from: 2025-01-01, valid_to: 2024-01-01}\n"
        "  - {key: b, per: L, kg: {CO2: 1}, scope: 1, source: s, valid_to: soon}\n"
        "activities:\n  - {activity: a, unit: L, amount: 1}\n",
    )
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    assert_input_error(run, "bad.yaml", "date-invalid", (at(text, "key: a")[0], None))
    printed = assert_input_error(run, "bad.yaml", "date-invalid", at(text, "soon"))
    assert printed.message.startswith("valid_to:")


def test_hydrocarbon_refrigerant_and_temperature_units(tmp_path):
    text = write(
        tmp_path,
        HEAD + "custom_factors:\n"
        "  - {key: a, per: kg, kg: {R-290: 1}, scope: 1, source: s}\n"
        "  - {key: b, per: degC, kg: {CO2: 1}, scope: 1, source: s}\n"
        "activities:\n  - {activity: paper, unit: degF, amount: 1}\n",
    )
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    printed = assert_input_error(run, "bad.yaml", "gas-unknown", at(text, "R-290"))
    assert "hydrocarbon" in printed.hint
    assert_input_error(run, "bad.yaml", "unit-not-amount", at(text, "degC"))
    assert_input_error(run, "bad.yaml", "unit-not-amount", at(text, "degF"))


def test_empty_id_and_odd_amounts(tmp_path):
    text = write(
        tmp_path,
        HEAD + "activities:\n  - {id: '', activity: paper, unit: kg, amount: 1}\n"
        "  - {activity: paper, unit: kg, amount: '1e400'}\n  - {activity: paper, unit: kg, amount: true}\n",
    )
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    assert_input_error(run, "bad.yaml", "value-empty", at(text, "''"))
    assert_input_error(run, "bad.yaml", "amount-too-large", at(text, "'1e400'"))
    printed = assert_input_error(run, "bad.yaml", "amount-invalid", at(text, "true"))
    assert printed.message == "the amount: true is not a number"


def test_minus_zero_and_tiny_amounts_read_as_written(tmp_path):
    write(
        tmp_path,
        HEAD + "activities:\n  - {activity: paper, unit: kg, amount: '-0'}\n"
        "  - {activity: paper, unit: kg, amount: 0.00001}\n",
        "ok.yaml",
    )
    result = json.loads(ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "json").stdout)
    assert str(result["lines"][0]["amount"]) == "0.0"
    table = ghgcalc(tmp_path, "compute", "ok.yaml", "-f", "table").stdout
    assert "0.00001" in table


def test_an_existing_output_is_refused_before_any_work(tmp_path):
    write(tmp_path, "not: [valid", "bad.yaml")
    (tmp_path / "out.json").write_text("keep me", encoding="utf-8")
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "-o", "out.json")
    assert run.code == USAGE and "already exists" in run.stderr
    assert "yaml-syntax" not in run.stderr  # nothing was computed
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "keep me"


def test_custom_factor_bridge_is_checked_once_where_it_is_defined(tmp_path):
    text = write(
        tmp_path,
        HEAD + "custom_factors:\n"
        "  - {key: a, per: kg, kg: {CO2: 1}, scope: 1, source: s, density: 0.54 MJ/L}\n"
        "activities:\n  - {activity: a, unit: L, amount: 1}\n  - {activity: a, unit: L, amount: 2}\n"
        "  - {activity: r-290, unit: kg, amount: 1}\n  - {activity: paper, unit: kg, amount: '-1e400'}\n"
        "  - {activity: paper, unit: kg, amount: ''}\n",
    )
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    # one pass, in file order: malformed lines and the factor problems of the well-formed ones
    assert [p.code for p in issues(run.stderr)] == [
        "bridge-invalid",
        "factor-missing",
        "amount-negative",
        "amount-invalid",
    ]
    assert_input_error(run, "bad.yaml", "bridge-invalid", at(text, "0.54 MJ/L"))
    printed = assert_input_error(run, "bad.yaml", "factor-missing", at(text, "r-290"))
    assert "hydrocarbon" in printed.hint
    assert_input_error(run, "bad.yaml", "amount-negative", at(text, "'-1e400'"))
    printed = assert_input_error(run, "bad.yaml", "amount-invalid", at(text, "''"))
    assert printed.message == "the amount is empty"


def test_set_names_are_lowercase(tmp_path):
    write(
        tmp_path,
        HEAD.replace("factors: tgo-cfo", "factors: TGO-CFO") + "activities:\n"
        "  - {activity: paper, unit: kg, amount: 1}\n",
    )
    [printed] = issues(ghgcalc(tmp_path, "validate", "bad.yaml").stderr)
    assert printed.code == "factor-set-unknown" and printed.hint == "set names are lowercase: tgo-cfo"


def _limited(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in a process whose address space is capped at 1.5 GB: bounded memory, or it fails."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))

    return subprocess.run(
        [sys.executable, "-m", "ghgcalc", *args],
        cwd=tmp_path,
        capture_output=True,
        preexec_fn=cap,
        timeout=60,
        check=False,
    )


def test_a_50_mb_file_is_refused_quickly_in_bounded_memory(tmp_path):
    import time

    line = "  - {activity: paper, unit: kg, amount: 1}\n"
    (tmp_path / "huge.yaml").write_text(
        HEAD + "activities:\n" + line * (50 * 1024 * 1024 // len(line)), encoding="utf-8"
    )
    started = time.monotonic()
    proc = _limited(tmp_path, "compute", "huge.yaml", "-f", "json")
    assert time.monotonic() - started < 10
    assert proc.returncode == INPUT_ERRORS and b"file-too-large" in proc.stderr and b"Traceback" not in proc.stderr


def test_an_alias_bomb_stays_in_bounded_memory(tmp_path):
    bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        bomb.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    (tmp_path / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    proc = _limited(tmp_path, "validate", "bomb.yaml")
    assert proc.returncode == INPUT_ERRORS and b"yaml-too-complex" in proc.stderr and b"Traceback" not in proc.stderr


def test_a_key_written_with_capitals_spaces_or_no_hyphen_is_named_as_it_is(tmp_path):
    """R32 for r-32 and 'Diesel Mobile' for diesel-mobile: the hint names the one key they write
    (compared without case, spaces or hyphens), not whatever the spelling is merely close to."""
    write(
        tmp_path,
        HEAD
        + "activities:\n  - {activity: R32, amount: 1, unit: kg}\n  - {activity: Diesel Mobile, amount: 1, unit: L}\n",
    )
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    assert run.code == INPUT_ERRORS, run
    hints = [line.strip() for line in run.stderr.splitlines() if line.strip().startswith("hint:")]
    assert hints == ["hint: did you mean 'r-32'?", "hint: did you mean 'diesel-mobile'?"], run.stderr


def test_a_number_in_a_label_after_a_hash_is_said_to_be_read_as_a_comment(tmp_path):
    """`label: Pump #4` is the label 'Pump' (YAML reads ' #4' as a comment): two pumps' lines
    looked alike without a word. A comment after a number, or a quoted label, is left alone."""
    text = (
        HEAD + "activities:\n"
        "  - activity: paper\n    unit: kg\n    amount: 12 #2nd bill\n    label: Pump #4\n"
        '  - activity: paper\n    unit: kg\n    amount: 10\n    label: "Pump #5"  # 5 in the list\n'
    )
    write(tmp_path, text, "town.yaml")
    run = ghgcalc(tmp_path, "validate", "town.yaml")
    assert run.code == 0
    found = [i for i in issues(run.stderr) if i.code == "yaml-comment-in-value"]
    assert [i.location for i in found] == ["town.yaml:9:17"]
    assert "the value is 'Pump'" in found[0].message
    assert '"Pump #4"' in run.stderr


def test_a_hash_and_a_number_inside_a_block_of_text_is_text_not_a_comment(tmp_path):
    """In a block (`label: |`) a '#' is text: YAML keeps `- truck #1` in the value. It was warned as
    read as a comment, with the value 'truck', which taught the officer that the label was cut. A
    plain value continued on the next line is judged by its whole text."""
    text = (
        HEAD + "activities:\n"
        "  - activity: paper\n    unit: kg\n    amount: 12\n    label: |\n      Trucks:\n"
        "      - truck #1 and truck #2\n      - pump #4\n"
        "  - activity: paper\n    unit: kg\n    amount: 10\n    label: >\n      Generator #2\n"
        "  - activity: paper\n    unit: kg\n    amount: 11\n    label: Pump near\n      the gate #7\n"
    )
    write(tmp_path, text, "town.yaml")
    run = ghgcalc(tmp_path, "validate", "town.yaml")
    assert run.code == 0, run.stderr
    found = [i for i in issues(run.stderr) if i.code == "yaml-comment-in-value"]
    assert [i.location for i in found] == ["town.yaml:22:16"], run.stderr
    assert "the value is 'Pump near the gate'" in found[0].message


def test_a_code_typed_as_digits_is_told_to_be_quoted(tmp_path):
    """`code: 0512345` is the number 512345 to YAML, its leading 0 gone: the error said it must be
    text but not how to make it so."""
    text = HEAD.replace("name: Test town\n", "name: Test town\norganization:\n  code: 0512345\n") + "activities: []\n"
    write(tmp_path, text, "town.yaml")
    run = ghgcalc(tmp_path, "validate", "town.yaml")
    assert run.code == INPUT_ERRORS
    (found,) = [i for i in issues(run.stderr) if i.code == "type-invalid"]
    assert found.location == "town.yaml:4:9"
    assert found.hint and "quotes" in found.hint and '"0512345"' in found.hint


def test_natural_gas_in_mmbtu_on_the_ncv_factor_is_said_to_be_likely_hhv(tmp_path):
    """A gas bill's MMBtu (higher heating value) on TGO's natural-gas factor (per MJ of the lower
    heating value) made the line about 12 % high without a word; the HHV factor is quiet."""
    text = (
        "ghgcalc: 1\nname: Plant\nperiod: 2569\nactivities:\n"
        "  - {activity: natural-gas, amount: 1000, unit: MMBtu}\n"
        "  - {activity: natural-gas-hhv, amount: 1000, unit: MMBtu}\n"
        "  - {activity: natural-gas, amount: 1000, unit: MJ}\n"
    )
    write(tmp_path, text, "plant.yaml")
    run = ghgcalc(tmp_path, "validate", "plant.yaml")
    assert run.code == 0
    found = [i for i in issues(run.stderr) if i.code == "heating-value-basis"]
    assert [i.location for i in found] == ["plant.yaml:5:49"]
    assert "12 %" in found[0].message and found[0].hint and "natural-gas-hhv" in found[0].hint


def test_a_fuel_given_in_kwh_is_said_to_be_likely_a_generators_output(tmp_path):
    """A generator's meter (1,000 kWh made) typed as its diesel was read as 1,000 kWh of the fuel's
    own energy, about 100 L, a third or so of the fuel it burnt, without a word. Diesel in MJ, and
    electricity in kWh, are quiet."""
    text = (
        "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities:\n"
        "  - {activity: diesel-stationary, label: generator, amount: 1000, unit: kWh}\n"
        "  - {activity: diesel-stationary, amount: 3600, unit: MJ}\n"
        "  - {activity: electricity-grid, amount: 1000, unit: MWh}\n"
    )
    write(tmp_path, text, "gen.yaml")
    run = ghgcalc(tmp_path, "validate", "gen.yaml")
    assert run.code == 0, run
    (found,) = [i for i in issues(run.stderr) if i.code == "fuel-in-kwh"]
    assert found.location == f"gen.yaml:{at(text, 'unit: kWh')[0]}:{at(text, 'unit: kWh')[1] + len('unit: ')}"
    assert "per L" in found.message and found.hint and "MJ" in found.hint
