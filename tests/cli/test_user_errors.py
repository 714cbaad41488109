"""What a user sees when an input file or a command line is wrong: the real CLI on real files.

Every case runs the CLI in-process (`tests.helpers.ghgcalc`: the same boundary and exit codes as
the installed command) on files written to `tmp_path`, with `tmp_path` as the working folder so
messages name the file as the user typed it; the alias bomb runs in a real process, under a clock.

A case that fails here because ghgcalc misbehaves is kept as it should be: the test is the spec.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import (
    ALIAS_BOMB_BUDGET_S,
    ANY,
    INPUT_ERRORS,
    Run,
    assert_input_error,
    assert_usage_error,
    at,
    ghgcalc,
    ghgcalc_process,
    issues,
    write,
)

# --------------------------------------------------------------------------------------------
# Inventories

GOOD = """\
ghgcalc: 1
name: Test Town Municipality
period: 2567
activities:
  - activity: diesel-stationary
    amount: 100
    unit: L
"""


def inventory(
    amount: str = "100", unit: str = "L", activity: str = "diesel-stationary", period: str = "2567", extra: str = ""
) -> str:
    """A one-activity inventory with one field replaced; `extra` is appended to the activity."""
    return (
        "ghgcalc: 1\n"
        "name: Test Town Municipality\n"
        f"period: {period}\n"
        "activities:\n"
        f"  - activity: {activity}\n"
        f"    amount: {amount}\n"
        f"    unit: {unit}\n"
        f"{extra}"
    )


def custom(factor: str, activity: str = "  - activity: my-boiler\n    amount: 10\n    unit: L\n") -> str:
    return f"ghgcalc: 1\nname: Test Town\nperiod: 2567\ncustom_factors:\n{factor}activities:\n{activity}"


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "ghgcalc: 1\nname: Laughs\nperiod: 2567\nactivities: []\n" + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Bad input files: each case is (text, code, where, hint, message); `where` as in assert_input_error.


@dataclass(frozen=True)
class Case:
    text: str | bytes
    code: str | tuple[str, ...]
    where: tuple[int, int] | tuple[int, None] | str | None
    hint: str | None = None
    message: str | None = None


def _case(
    text: str,
    code: str | tuple[str, ...],
    marker: str | None,
    hint: str | None = None,
    message: str | None = None,
    occurrence: int = 1,
) -> Case:
    return Case(text, code, at(text, marker, occurrence) if marker else None, hint, message)


_SYNTAX = GOOD + "    label: generator: town hall\n"
_MULTI = "ghgcalc: 1\nname: A\nperiod: 2567\nactivities: []\n---\nghgcalc: 1\nname: B\n"
_MONTHLY_BAD_ITEM = inventory(amount="\n      - 10\n      - 20\n      - abc\n      - 40")
_DUPLICATE = "ghgcalc: 1\nname: Test Town\nperiod: 2567\nname: Other Town\nactivities: []\n"
_MERGE = (
    "ghgcalc: 1\nname: Test Town\nperiod: 2567\nactivities:\n"
    "  - &base {activity: diesel-stationary, amount: 1, unit: L}\n"
    "  - <<: *base\n    amount: 2\n"
)
_CP874 = ("ghgcalc: 1\nname: เทศบาลตำบลทดสอบ\nperiod: 2567\nactivities: []\n").encode("cp874")

YAML_CASES = {
    "yaml-syntax": _case(_SYNTAX, "yaml-syntax", ": town hall", hint="", message="mapping values"),
    "file-is-a-list": Case(
        "- activity: diesel-stationary\n- amount: 100\n", "document-invalid", (1, 1), hint="ghgcalc: 1", message="list"
    ),
    "file-is-a-scalar": Case("just a sentence, not an inventory\n", "document-invalid", (1, 1), hint="ghgcalc: 1"),
    "file-is-empty": Case("", "document-invalid", (1, 1), hint="ghgcalc: 1", message="empty"),
    # one inventory per file; the second document starts at the `---`, and the hint says so
    "multi-document": Case(_MULTI, "yaml-syntax", at(_MULTI, "---"), hint="---"),
    "python-object-apply-tag": _case(
        'ghgcalc: 1\nname: !!python/object/apply:os.system ["touch pwned"]\nperiod: 2567\nactivities: []\n',
        "yaml-tag-unsafe",
        "!!python",
        hint="remove the tag",
    ),
    "python-object-tag": _case(
        "ghgcalc: 1\nname: !!python/object:__main__.Town {title: x}\nperiod: 2567\nactivities: []\n",
        "yaml-tag-unsafe",
        "!!python",
        hint="remove the tag",
    ),
    # a tagged mapping where a mapping belongs must not slip through as plain data
    "python-object-tag-on-activity": _case(
        "ghgcalc: 1\nname: Test Town\nperiod: 2567\nactivities:\n"
        "  - !!python/object:__main__.Evil {activity: diesel-stationary, amount: 1, unit: L}\n",
        "yaml-tag-unsafe",
        "!!python",
        hint="remove the tag",
    ),
    "python-name-tag": _case(
        "ghgcalc: 1\nname: !!python/name:os.system ''\nperiod: 2567\nactivities: []\n",
        "yaml-tag-unsafe",
        "!!python",
        hint="remove the tag",
    ),
    "deep-nesting-500": Case(
        "ghgcalc: 1\nname: " + "[" * 500 + "]" * 500 + "\nperiod: 2567\nactivities: []\n", "yaml-too-deep", ANY
    ),
    "deep-nesting-100000": Case("ghgcalc: 1\nname: " + "[" * 100_000 + "]" * 100_000 + "\n", "yaml-too-deep", ANY),
    "duplicate-key": _case(_DUPLICATE, "key-duplicate", "name", hint="", message="name", occurrence=2),
    "merge-key": _case(_MERGE, "yaml-merge-key", "<<", hint=""),
    # Windows-874 (TIS-620) Thai: the first non-UTF-8 byte is the first Thai letter, line 2 column 7
    "encoding-windows-874": Case(_CP874, "encoding-invalid", (2, 7), hint="UTF-8"),
    "binary-file": Case(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "file-not-text", None),
    "hook-broken-flow": Case("activities: [\n  - {amount: 12 apples\n", "yaml-syntax", ANY),
}

SHAPE_CASES = {
    **{
        f"missing-{key}": Case(
            "".join(
                line + "\n"
                for line in GOOD.splitlines()
                if not line.startswith(key + ":") and not (key == "activities" and line.startswith("  "))
            ),
            "key-missing",
            (1, 1),
            message=f"'{key}'",
        )
        for key in ("ghgcalc", "name", "period", "activities")
    },
    "format-version-2": _case(GOOD.replace("ghgcalc: 1", "ghgcalc: 2"), "value-invalid", "2", hint="ghgcalc: 1"),
    "unknown-top-level-key": _case(
        GOOD.replace("activities:", "activites:"),
        "key-unknown",
        "activites",
        hint="did you mean 'activities'",
        message="activites",
    ),
    "organization-key-at-the-top": _case(
        GOOD.replace("period:", "province: Chiang Mai\nperiod:"),
        "key-unknown",
        "province",
        hint="'province' belongs under 'organization:'",
        message="province",
    ),
    "indicator-at-the-top": _case(
        GOOD.replace("period:", "staff: 40\nperiod:"), "key-unknown", "staff", hint="under 'indicators:'"
    ),
    # `unit` is an activity's key too: no home is guessed, the keys are listed
    "ambiguous-key-at-the-top": _case(
        GOOD.replace("period:", "unit: L\nperiod:"), "key-unknown", "unit: L", hint="the keys here are"
    ),
    "unknown-activity-key": _case(
        inventory(extra="    scpoe: 1\n"), "key-unknown", "scpoe", hint="did you mean 'scope'", message="scpoe"
    ),
    "scope-4": _case(inventory(extra="    scope: 4\n"), "value-invalid", "4\n", message="3"),
}

AMOUNT_CASES = {
    "negative": _case(inventory(amount="-5"), "amount-negative", "-5"),
    "text": _case(inventory(amount="abc"), "amount-invalid", "abc", message="abc"),
    "nan": _case(inventory(amount=".nan"), "amount-not-finite", ".nan"),
    "inf": _case(inventory(amount=".inf"), "amount-not-finite", ".inf"),
    "minus-inf": _case(inventory(amount="-.inf"), ("amount-not-finite", "amount-negative"), "-.inf"),
    "1e20": _case(inventory(amount="1e20"), "amount-too-large", "1e20"),
    "huge-integer": _case(inventory(amount="9" * 400), "amount-too-large", "999"),
    "huge-integer-month": _case(inventory(amount="[1, " + "9" * 400 + "]"), "amount-too-large", "999"),
    "bool": _case(inventory(amount="true"), "amount-invalid", "true"),
    "null": _case(inventory(amount="null"), "amount-invalid", "null"),
    "mapping": _case(inventory(amount="{value: 5}"), "amount-invalid", "{value"),
    # the location points at the bad month, not at the list
    "monthly-bad-item": _case(_MONTHLY_BAD_ITEM, "amount-invalid", "abc", message="abc"),
    "monthly-negative-item-flow": _case(inventory(amount="[10, 20, -3, 40]"), "amount-negative", "-3"),
    "monthly-empty": _case(inventory(amount="[]"), "amount-invalid", "[]"),
    "13-months-in-one-year": _case(
        inventory(amount="[" + ", ".join(["1"] * 13) + "]"), "amount-too-many-months", "[1,", message="13"
    ),
}

PERIOD_CASES = {
    "end-before-start": _case(
        inventory(period="{start: 2024-12-31, end: 2024-01-01}"), "period-invalid", "{start", message="before"
    ),
    "year-1200": _case(inventory(period="1200"), "period-invalid", "1200", message="1200"),
    "yesterday": _case(inventory(period="yesterday"), "period-invalid", "yesterday", hint="FY2567"),
    "start-only": _case(inventory(period="{start: 2024-01-01}"), "period-invalid", "{start"),
    "february-30": _case(inventory(period="{start: 2024-02-30, end: 2024-12-31}"), "period-invalid", "{start"),
}

_NO_NCV_LITRE = "  - key: my-boiler\n    per: L\n    kg: {CO2: 2.7}\n    source: Supplier data sheet 2024\n"
ACTIVITY_CASES = {
    "factor-unknown-key": _case(
        inventory(activity="diesel-stationery"),
        "factor-missing",
        "diesel-stationery",
        hint="did you mean 'diesel-stationary'",
        message="diesel-stationery",
    ),
    "unit-unknown": _case(inventory(unit="lyter"), "unit-unknown", "lyter", hint="", message="lyter"),
    "unit-kwh-for-litre-factor": _case(
        custom(_NO_NCV_LITRE, "  - activity: my-boiler\n    amount: 10\n    unit: kWh\n"),
        "unit-incompatible",
        "kWh",
        message="kWh",
    ),
    "unit-litre-for-kwh-factor": _case(
        inventory(activity="electricity-grid", unit="L"), "unit-incompatible", "L\n", message="'L'"
    ),
    "unit-kg-for-diesel-litre-factor": _case(inventory(unit="kg"), "unit-incompatible", "kg\n", message="kg"),
}

# density and ncv bridge one unit to another: zero, negative, infinite or unreadable values are
# errors at the value, never a crash and never a silently negative or zero emission
BRIDGE_CASES = {
    "density-zero": _case(inventory(unit="kg", extra='    density: "0 kg/L"\n'), "bridge-invalid", '"0 kg/L"'),
    "density-negative": _case(
        inventory(unit="kg", extra='    density: "-0.8 kg/L"\n'), "bridge-invalid", '"-0.8 kg/L"'
    ),
    "density-infinite": _case(
        inventory(unit="kg", extra='    density: "1e999 kg/L"\n'), "bridge-invalid", '"1e999 kg/L"'
    ),
    "density-tiny-is-zero": _case(
        inventory(unit="kg", extra='    density: "1e-999 kg/L"\n'), "bridge-invalid", '"1e-999 kg/L"'
    ),
    "density-no-number": _case(inventory(unit="kg", extra='    density: ". kg/L"\n'), "bridge-invalid", '". kg/L"'),
    "ncv-zero": _case(inventory(unit="MJ", extra='    ncv: "0 MJ/L"\n'), "bridge-invalid", '"0 MJ/L"'),
    "ncv-text": _case(inventory(unit="kg", extra="    ncv: garbage\n"), "bridge-invalid", "garbage", hint=""),
}

CUSTOM_FACTOR_CASES = {
    "unknown-gas": Case(
        custom("  - key: my-boiler\n    per: L\n    kg: {CO3: 2.7}\n    source: x\n"),
        "gas-unknown",
        (7, None),
        hint="CO2",
        message="CO3",
    ),
    "missing-source": _case(
        custom("  - key: my-boiler\n    per: L\n    kg: {CO2: 2.7}\n"),
        "key-missing",
        "key: my-boiler",
        message="source",
    ),
    "empty-source": _case(
        custom("  - key: my-boiler\n    per: L\n    kg: {CO2: 2.7}\n    source: ''\n"), "value-empty", "''"
    ),
    "negative-value": Case(
        custom("  - key: my-boiler\n    per: L\n    kg: {CO2: -2.7}\n    source: x\n"),
        "factor-value-invalid",
        (7, None),
        message="CO2",
    ),
    "nan-value": Case(
        custom("  - key: my-boiler\n    per: L\n    kg: {CO2: .nan}\n    source: x\n"),
        "factor-value-invalid",
        (7, None),
        message="CO2",
    ),
    "unknown-per-unit": _case(
        custom("  - key: my-boiler\n    per: lyter\n    kg: {CO2: 2.7}\n    source: x\n"), "unit-unknown", "lyter"
    ),
    "bad-key-pattern": _case(
        custom("  - key: My Boiler\n    per: L\n    kg: {CO2: 2.7}\n    source: x\n"),
        "string_pattern_mismatch" if False else ("value-invalid", "key-invalid"),
        "My Boiler",
        hint="lowercase",
    ),
}

ALL_BAD = {
    **{f"yaml/{k}": v for k, v in YAML_CASES.items()},
    **{f"shape/{k}": v for k, v in SHAPE_CASES.items()},
    **{f"amount/{k}": v for k, v in AMOUNT_CASES.items()},
    **{f"period/{k}": v for k, v in PERIOD_CASES.items()},
    **{f"activity/{k}": v for k, v in ACTIVITY_CASES.items()},
    **{f"bridge/{k}": v for k, v in BRIDGE_CASES.items()},
    **{f"custom-factor/{k}": v for k, v in CUSTOM_FACTOR_CASES.items()},
}


@pytest.mark.parametrize("case", ALL_BAD.values(), ids=ALL_BAD.keys())
def test_bad_input_file(tmp_path: Path, case: Case) -> None:
    write(tmp_path, "bad.yaml", case.text)
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--format", "json")
    assert_input_error(run, "bad.yaml", case.code, case.where, case.hint, case.message)
    assert not (tmp_path / "pwned").exists(), "a YAML tag ran code"


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    write(tmp_path, "bomb.yaml", billion_laughs())
    run = ghgcalc_process(tmp_path, "compute", "bomb.yaml", "--format", "json", timeout=30)
    assert_input_error(run, "bomb.yaml", "yaml-too-complex", ANY)
    assert run.seconds < ALIAS_BOMB_BUDGET_S, f"the alias bomb took {run.seconds:.1f} s to refuse\n{run}"


def test_validate_reports_like_compute(tmp_path: Path) -> None:
    case = AMOUNT_CASES["monthly-bad-item"]
    write(tmp_path, "bad.yaml", case.text)
    run = ghgcalc(tmp_path, "validate", "bad.yaml")
    assert_input_error(run, "bad.yaml", case.code, case.where, case.hint, case.message)
    assert run.stdout == ""


def test_every_shape_problem_in_one_run(tmp_path: Path) -> None:
    text = (
        "ghgcalc: 1\nname: Test Town\nperiod: 2567\nactivities:\n"
        "  - activity: diesel-stationary\n    amount: -5\n    unit: L\n"
        "  - activity: diesel-stationary\n    amount: 10\n    unit: L\n    scope: 4\n"
        "  - activity: diesel-stationary\n    amount: 10\n    unit: L\n    lable: x\n"
    )
    write(tmp_path, "bad.yaml", text)
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--format", "json")
    assert_input_error(run, "bad.yaml", "amount-negative", at(text, "-5"))
    assert_input_error(run, "bad.yaml", "value-invalid", at(text, "4\n"))
    assert_input_error(run, "bad.yaml", "key-unknown", at(text, "lable"), hint="did you mean 'label'")


def test_every_line_problem_in_one_run(tmp_path: Path) -> None:
    text = (
        "ghgcalc: 1\nname: Test Town\nperiod: 2567\nactivities:\n"
        "  - activity: diesel-stationery\n    amount: 1\n    unit: L\n"
        "  - activity: diesel-stationary\n    amount: 1\n    unit: lyter\n"
        "  - activity: electricity-grid\n    amount: 1\n    unit: L\n"
        "  - activity: diesel-stationary\n    amount: 1\n    unit: L\n"
    )
    write(tmp_path, "bad.yaml", text)
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--format", "json")
    assert_input_error(run, "bad.yaml", "factor-missing", at(text, "diesel-stationery"))
    assert_input_error(run, "bad.yaml", "unit-unknown", at(text, "lyter"))
    assert_input_error(run, "bad.yaml", "unit-incompatible", at(text, "L\n", 2))


# --------------------------------------------------------------------------------------------
# Inputs that look unusual but are right: one run over all of them, one check per file.

NCV_BRIDGE = """\
ghgcalc: 1
name: Gas boiler
period: 2567
custom_factors:
  - key: boiler-gas
    per: MJ
    ncv: "1.02 MJ/scf"
    kg: {CO2: 0.0561}
    source: IPCC 2006 Vol.2 Table 2.3
activities:
  - activity: boiler-gas
    amount: 1000
    unit: scf
    scope: 1
"""

THAI_NAME = "เทศบาลตำบลทดสอบ"
GOOD_FILES: dict[str, bytes] = {
    "utf8-bom.yaml": b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
    "utf16-le-bom.yaml": b"\xff\xfe" + GOOD.replace("Test Town Municipality", THAI_NAME).encode("utf-16-le"),
    "utf16-be-bom.yaml": b"\xfe\xff" + GOOD.replace("Test Town Municipality", THAI_NAME).encode("utf-16-be"),
    "amount-thai-digits.yaml": inventory(amount='"๑๒,๕๐๐"').encode(),
    "amount-commas.yaml": inventory(amount='"12,500"').encode(),
    "period-2567.yaml": inventory(period="2567").encode(),
    "period-fy2567.yaml": inventory(period="FY2567").encode(),
    "period-fiscal-year-map.yaml": inventory(period="{fiscal_year: 2567}").encode(),
    "period-be-dates.yaml": inventory(period="{start: 2566-10-01, end: 2567-09-30}").encode(),
    "period-thai-digits.yaml": inventory(period='"๒๕๖๗"').encode(),
    "period-thai-digits-unquoted.yaml": inventory(period="๒๕๖๗").encode(),
    "period-ce-2024.yaml": inventory(period="2024").encode(),
    "ncv-bridge.yaml": NCV_BRIDGE.encode(),
}


@pytest.fixture(scope="module")
def good_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, dict[str, dict]]:
    folder = tmp_path_factory.mktemp("good")
    for name, data in GOOD_FILES.items():
        write(folder, name, data)
    run = ghgcalc(folder, "compute", *GOOD_FILES, "--format", "json")
    try:
        results = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"stdout is not JSON\n{run}")
    return run, {r["source"]: r for r in results}


def _result(good_run: tuple[Run, dict[str, dict]], name: str) -> dict:
    run, by_source = good_run
    problems = [p for p in issues(run.stderr) if p.location and p.location.startswith(name) and p.severity == "error"]
    assert not problems, f"{name} was refused\n{run}"
    assert name in by_source, f"no result for {name}\n{run}"
    return by_source[name]


def test_good_files_all_pass(good_run: tuple[Run, dict[str, dict]]) -> None:
    run, by_source = good_run
    assert run.code == 0, str(run)
    assert sorted(by_source) == sorted(GOOD_FILES)


@pytest.mark.parametrize("name", ["utf8-bom.yaml", "utf16-le-bom.yaml", "utf16-be-bom.yaml"])
def test_encodings_that_work(good_run: tuple[Run, dict[str, dict]], name: str) -> None:
    result = _result(good_run, name)
    assert result["name"] == ("Test Town Municipality" if name.startswith("utf8") else THAI_NAME)
    assert result["lines"][0]["amount"] == 100


@pytest.mark.parametrize("name", ["amount-thai-digits.yaml", "amount-commas.yaml"])
def test_amount_written_by_people(good_run: tuple[Run, dict[str, dict]], name: str) -> None:
    assert _result(good_run, name)["lines"][0]["amount"] == 12500


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("period-2567.yaml", "2024-01-01", "2024-12-31"),
        ("period-fy2567.yaml", "2023-10-01", "2024-09-30"),
        ("period-fiscal-year-map.yaml", "2023-10-01", "2024-09-30"),
        ("period-be-dates.yaml", "2023-10-01", "2024-09-30"),
        ("period-thai-digits.yaml", "2024-01-01", "2024-12-31"),
        ("period-thai-digits-unquoted.yaml", "2024-01-01", "2024-12-31"),
        ("period-ce-2024.yaml", "2024-01-01", "2024-12-31"),
    ],
)
def test_periods(good_run: tuple[Run, dict[str, dict]], name: str, start: str, end: str) -> None:
    assert _result(good_run, name)["period"] == {"start": start, "end": end}


def test_custom_factor_ncv_bridge(good_run: tuple[Run, dict[str, dict]]) -> None:
    # 1000 scf x 1.02 MJ/scf x 0.0561 kg CO2/MJ / 1000 kg/t = 0.057222 t CO2
    result = _result(good_run, "ncv-bridge.yaml")
    line = result["lines"][0]
    assert line["gases_t"]["CO2"] == pytest.approx(0.057222, rel=1e-12)
    assert line["t_co2e"] == pytest.approx(0.057222, rel=1e-12)
    assert result["total_t_co2e"] == pytest.approx(0.057222, rel=1e-12)
    assert line["factor"]["set"] == "custom"


# --------------------------------------------------------------------------------------------
# Several inputs, one broken


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_one_broken_file_among_several(tmp_path: Path, output_format: str) -> None:
    write(tmp_path, "bad.yaml", inventory(amount="-5"))
    write(tmp_path, "good.yaml", GOOD)
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "good.yaml", "--format", output_format)
    assert run.code == INPUT_ERRORS, str(run)
    if output_format == "json":
        results = json.loads(run.stdout)
        assert isinstance(results, list), f"several inputs give one JSON array\n{run}"
    else:
        results = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    # every input keeps its record (docs/cli.md, "A batch keeps every input"); the failed one has
    # no result, only its status and first error
    assert [(r["source"], r["status"]) for r in results] == [("bad.yaml", "errors"), ("good.yaml", "ok")], str(run)
    assert "total_t_co2e" not in results[0] and results[0]["first_error"]["code"] == "amount-negative"
    assert results[1]["total_t_co2e"] > 0
    printed = issues(run.stderr)
    assert any(p.code == "amount-negative" and p.location == "bad.yaml:6:13" for p in printed), str(run)
    assert not any(p.location and p.location.startswith("good.yaml") for p in printed), str(run)


def test_folder_with_one_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "towns"
    folder.mkdir()
    write(folder, "a-bad.yaml", inventory(unit="lyter"))
    write(folder, "b-good.yaml", GOOD)
    run = ghgcalc(tmp_path, "compute", "towns", "--format", "json")
    assert run.code == INPUT_ERRORS, str(run)
    results = json.loads(run.stdout)
    assert [(Path(r["source"]).name, r["status"]) for r in results] == [
        ("a-bad.yaml", "errors"),
        ("b-good.yaml", "ok"),
    ], str(run)
    assert any(
        p.code == "unit-unknown" and p.location and p.location.endswith("a-bad.yaml:7:11") for p in issues(run.stderr)
    ), str(run)


# --------------------------------------------------------------------------------------------
# Usage errors: exit 2, nothing on stdout


USAGE_CASES = {
    "missing-file": (["compute", "nosuch.yaml"], ["nosuch.yaml"]),
    "no-path": (["compute"], []),
    "unknown-option": (["compute", "good.yaml", "--frobnicate"], ["--frobnicate"]),
    "unknown-format": (["compute", "good.yaml", "--format", "xml"], ["xml"]),
    "unknown-factor-set": (["compute", "good.yaml", "--factors", "nosuch"], ["nosuch", "tgo-cfo"]),
    "factor-set-empty-name": (["compute", "good.yaml", "--factors", ""], []),
    # a set id is a name, not a path: a folder inside or outside factors/ is an unknown set
    "factor-set-id-is-a-version-folder": (
        ["compute", "good.yaml", "--factors", "tgo-cfo/2022-04"],
        ["tgo-cfo/2022-04", "unknown factor set"],
    ),
    "factor-set-id-climbs-out": (["compute", "good.yaml", "--factors", "../.."], ["../..", "unknown factor set"]),
    "factor-set-id-absolute": (["factors", "list", "--set", "/etc"], ["/etc", "unknown factor set"]),
    "unknown-factor-set-version": (["compute", "good.yaml", "--factors", "tgo-cfo@1999"], ["1999", "2022-04"]),
    "unknown-gwp": (["compute", "good.yaml", "--gwp", "AR9"], ["AR9"]),
    "factors-show-unknown-key": (["factors", "show", "no-such-key"], ["no-such-key"]),
    "factors-show-did-you-mean": (["factors", "show", "diesel-stationery"], ["did you mean", "diesel-stationary"]),
    "factors-list-unknown-set": (["factors", "list", "--set", "nosuch"], ["nosuch"]),
    "empty-folder": (["compute", "empty"], ["empty"]),
    "output-is-a-folder": (["compute", "good.yaml", "-o", "empty"], ["empty", "folder"]),
    "output-folder-missing": (["compute", "good.yaml", "-o", "nodir/out.json"], ["nodir"]),
    "init-folder-missing": (["init", "nodir/town.yaml"], ["nodir"]),
    "init-existing-file": (["init", "good.yaml"], ["good.yaml", "--force"]),
}


@pytest.mark.parametrize(("args", "mentions"), USAGE_CASES.values(), ids=USAGE_CASES.keys())
def test_usage_error(tmp_path: Path, args: list[str], mentions: list[str]) -> None:
    write(tmp_path, "good.yaml", GOOD)
    (tmp_path / "empty").mkdir()
    assert_usage_error(ghgcalc(tmp_path, *args), *mentions)


@pytest.mark.parametrize(
    ("spelling", "force"), [("good.yaml", False), ("./good.yaml", True)], ids=["same-name", "other-spelling-with-force"]
)
def test_output_never_overwrites_the_input(tmp_path: Path, spelling: str, force: bool) -> None:
    original = write(tmp_path, "good.yaml", GOOD).read_bytes()
    run = ghgcalc(tmp_path, "compute", "good.yaml", "--format", "json", "-o", spelling, *(["--force"] if force else []))
    assert_usage_error(run, "good.yaml")
    assert (tmp_path / "good.yaml").read_bytes() == original


def test_output_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "out.json", "keep me\n")
    run = ghgcalc(tmp_path, "compute", "good.yaml", "--format", "json", "-o", "out.json")
    assert_usage_error(run, "out.json", "--force")
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "keep me\n"


def test_output_replaces_an_existing_file_with_force(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", GOOD)
    write(tmp_path, "out.json", "keep me\n")
    run = ghgcalc(tmp_path, "compute", "good.yaml", "--format", "json", "-o", "out.json", "--force")
    assert run.code == 0, str(run)
    assert run.stdout == "", str(run)
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert result["source"] == "good.yaml"
    assert not [p for p in (tmp_path).iterdir() if p.name.endswith(".tmp")], "a temporary file was left behind"


def test_output_of_a_failed_input_writes_no_file(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", inventory(amount="-5"))
    run = ghgcalc(tmp_path, "compute", "bad.yaml", "--format", "json", "-o", "out.json")
    assert_input_error(run, "bad.yaml", "amount-negative", (6, 13))
    assert not (tmp_path / "out.json").exists(), "a result file was written for an input that failed"


# --------------------------------------------------------------------------------------------
# Standard input


def test_stdin_good(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "compute", "-", "--format", "json", stdin=GOOD.encode())
    assert run.code == 0, str(run)
    assert json.loads(run.stdout)["source"] == "<stdin>"


def test_stdin_bad_names_stdin(tmp_path: Path) -> None:
    run = ghgcalc(tmp_path, "compute", "-", "--format", "json", stdin=inventory(amount="-5").encode())
    assert_input_error(run, "<stdin>", "amount-negative", (6, 13))


# --------------------------------------------------------------------------------------------
# The hook's check: a half-typed file is an input error, never a crash


def test_hook_half_typed_file(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", "activities: [\n  - {amount: 12 apples\n")
    run = ghgcalc(tmp_path, "compute", "broken.yaml")
    assert run.code != 0, str(run)
    assert_input_error(run, "broken.yaml", "yaml-syntax", ANY, hint="")
