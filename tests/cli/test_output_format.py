"""Without --format, `-o FILE` writes the format its extension names: never JSON in a file named
.xlsx or .csv (docs/cli.md, "Writing to a file"); a --format the name contradicts is refused; a
workbook of too many inventories is refused before any is computed; a `wrote` line names a large
workbook's first sheets only."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import USAGE, ghgcalc, write

ROOT = Path(__file__).resolve().parents[2]
TOWN = """\
ghgcalc: 1
name: Town {number}
period: 2567
activities:
  - activity: diesel-stationary
    amount: {amount}
    unit: L
"""


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    folder = tmp_path / "towns"
    folder.mkdir()
    for number in range(3):
        write(folder, f"town-{number}.yaml", TOWN.format(number=number, amount=100 + number))
    return tmp_path


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("all.csv", b"source,name,"),
        ("all.CSV", b"source,name,"),
        ("all.xlsx", b"PK"),
        ("all.json", b"[\n  {"),
        ("all.jsonl", b'{"ghgcalc_result"'),
        ("all.ndjson", b'{"ghgcalc_result"'),
        ("all.md", b"#"),
        ("all.htm", b"<!DOCTYPE html>"),
        ("all.parquet", b"PAR1"),
        ("all.txt", b"[\n  {"),  # a name of no format: JSON, as into a pipe
        ("all", b"[\n  {"),
    ],
)
def test_a_files_extension_chooses_the_format(towns: Path, name: str, starts: bytes) -> None:
    run = ghgcalc(towns, "compute", "towns", "-o", name)
    assert run.code == 0, run.stderr
    assert (towns / name).read_bytes().startswith(starts), (towns / name).read_bytes()[:40]


@pytest.mark.parametrize(
    ("args", "fixes"),
    [
        (("compute", "towns", "-f", "json", "-o", "all.xlsx"), ("write -f xlsx", "write -o all.json")),
        (("compute", "towns", "-f", "xlsx", "-o", "all.csv"), ("write -f csv", "write -o all.xlsx")),
        (("compute", "towns", "-f", "csv", "-o", "all.JSONL"), ("write -f jsonl", "write -o all.csv")),
        (("compute", "towns", "-f", "md", "-o", "all.htm"), ("write -f html", "write -o all.md")),
        (("compute", "towns", "-f", "table", "-o", "all.md"), ("write -f md", "write -o all.txt")),
        (("compute", "towns", "-f", "csv", "-o", "all.yaml"), ("write -o all.csv",)),  # read as an inventory
        (("summary", "towns", "-f", "json", "-o", "all.xlsx"), ("write -f xlsx", "write -o all.json")),
        (("summary", "towns", "-f", "xlsx", "-o", "all.parquet"), ("write -o all.xlsx",)),  # summary has none
        (("trend", "towns", "-f", "md", "-o", "all.html"), ("write -f html", "write -o all.md")),
        (("plan", "plan.yaml", "-f", "json", "-o", "all.csv"), ("write -f csv", "write -o all.json")),
        (("audit", "form.xlsx", "-f", "md", "-o", "all.json"), ("write -f json", "write -o all.md")),
    ],
)
def test_a_format_given_that_the_files_name_contradicts_is_refused_before_any_work(
    towns: Path, args: tuple[str, ...], fixes: tuple[str, ...]
) -> None:
    """`-f json -o all.xlsx` wrote JSON into a file named .xlsx, which Excel cannot open, and `-f
    xlsx -o all.csv` a workbook named .csv: the two say different things, and which one the user
    meant cannot be told, so neither is guessed (docs/cli.md, "Writing to a file")."""
    write(towns / "towns", "town-9.yaml", TOWN.format(number=9, amount=-1))  # an error, if it were computed
    shutil.copy(ROOT / "examples" / "plan.yaml", towns / "plan.yaml")
    write(towns, "form.xlsx", b"")  # an audit reads it only after the output's checks
    name = args[-1]
    run = ghgcalc(towns, *args)
    assert run.code == USAGE, run
    given = args[args.index("-f") + 1]
    assert f"error: --format {given} writes " in run.stderr and f", but {name} is named as " in run.stderr, run
    assert "nothing was written" in run.stderr and all(fix in run.stderr for fix in fixes), run
    assert "amount" not in run.stderr and "Traceback" not in run.stderr, run  # nothing was computed
    assert not (towns / name).exists()
    thai = ghgcalc(towns, "--lang", "th", *args)
    assert thai.code == USAGE and "จึงยังไม่ได้บันทึกไฟล์ใด ๆ" in thai.stderr and "ให้ใส่ -o" in thai.stderr


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (("-f", "json", "-o", "all.txt"), b"[\n  {"),  # a name of no format ghgcalc writes: the format given
        (("-f", "xlsx", "-o", "all"), b"PK"),
        (("-f", "xlsx", "-o", "all.bin"), b"PK"),
        (("-f", "csv", "-o", "all.CSV"), b"source,name,"),  # the same format, in capitals
        (("-f", "jsonl", "-o", "all.ndjson"), b'{"ghgcalc_result"'),  # another name of the same format
        (("-f", "json", "-o", "all.yaml"), b"[\n  {"),  # JSON is YAML
    ],
)
def test_a_format_given_with_a_name_of_no_other_format_is_written(
    towns: Path, args: tuple[str, ...], starts: bytes
) -> None:
    run = ghgcalc(towns, "compute", "towns", *args)
    assert run.code == 0, run
    assert (towns / args[-1]).read_bytes().startswith(starts)


@pytest.mark.parametrize("name", ["report.pdf", "report.xls", "report.xlsm", "report.table"])
def test_a_name_of_a_format_not_written_is_refused_before_any_input_is_computed(towns: Path, name: str) -> None:
    write(towns / "towns", "town-9.yaml", TOWN.format(number=9, amount=-1))  # an error, if it were computed
    run = ghgcalc(towns, "compute", "towns", "-o", name)
    assert run.code == USAGE and f"{name}: ghgcalc does not write ." in run.stderr
    assert ".xlsx" in run.stderr and "amount" not in run.stderr
    assert not (towns / name).exists()
    thai = ghgcalc(towns, "--lang", "th", "summary", "towns", "-o", name)
    assert thai.code == USAGE and "ไม่ได้สร้างไฟล์" in thai.stderr
    given = ghgcalc(towns, "compute", "towns", "-f", "json", "-o", name)
    if name == "report.table":  # a name of no format people know: the format given is written, as asked
        assert "--format" in run.stderr
        assert given.code == 1 and json.loads((towns / name).read_text(encoding="utf-8"))
    else:  # JSON in a file named .pdf, .xls, .xlsm is no more what its name says than with --format
        assert given.code == USAGE and "is named as" in given.stderr and not (towns / name).exists(), given


def test_other_commands_choose_by_the_extension_too(tmp_path: Path) -> None:
    for name in ("plan.yaml", "province.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    assert ghgcalc(tmp_path, "plan", "plan.yaml", "-o", "plan.csv").code == 0
    assert next(csv.reader(io.StringIO((tmp_path / "plan.csv").read_text(encoding="utf-8"))))
    assert not (tmp_path / "plan.csv").read_text(encoding="utf-8").startswith("{")
    assert ghgcalc(tmp_path, "plan", "plan.yaml", "-o", "plan.xlsx").code == 0
    assert (tmp_path / "plan.xlsx").read_bytes().startswith(b"PK")


def test_a_workbook_of_too_many_inventories_is_refused_before_any_is_computed(tmp_path: Path) -> None:
    folder = tmp_path / "towns"
    folder.mkdir()
    for number in range(51):
        write(folder, f"town-{number:02d}.yaml", TOWN.format(number=number, amount=-1))  # each one an error
    for args in (("-o", "all.xlsx"), ("-f", "xlsx", "-o", "forms.bin")):
        run = ghgcalc(tmp_path, "compute", "towns", *args)
        assert run.code == USAGE and "51 inventories are more than 50" in run.stderr
        assert "ghgcalc summary" in run.stderr and "amount" not in run.stderr  # no input was computed
        assert not list(tmp_path.glob("all.xlsx")) and not list(tmp_path.glob("forms.bin"))
    thai = ghgcalc(tmp_path, "--lang", "th", "compute", "towns", "-o", "all.xlsx")
    assert thai.code == USAGE and "มากเกินกว่า 50" in thai.stderr
    (folder / "town-50.yaml").unlink()  # 50: the forms of each, in one workbook
    run = ghgcalc(tmp_path, "compute", "towns", "-o", "all.xlsx")
    assert run.code == 1 and (tmp_path / "all.xlsx").read_bytes().startswith(b"PK")


def test_a_large_workbooks_sheets_are_named_twelve_then_counted(towns: Path) -> None:
    run = ghgcalc(towns, "compute", "towns", "-o", "forms.xlsx")
    line = run.stderr.strip().splitlines()[-1]
    assert line.startswith("wrote forms.xlsx (18 sheet(s): Fr-01 Organisation (1), ")
    assert line.endswith(", Factors (2) and 6 more)") and line.count(", ") == 11
    one = ghgcalc(towns, "compute", "towns/town-0.yaml", "-o", "one.xlsx")
    assert one.stderr.strip().endswith("Fr-05 Summary, Factors)")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("compute", "towns/town-0.yaml", "-f", "csv", "-o", "results-2568/town.csv"), "choose another path with -o"),
        (("init", "2568/town.yaml"), "choose another path"),
        (("init", "2568/town.yaml", "--lang", "th"), "สร้างโฟลเดอร์นั้นก่อน"),
    ],
)
def test_a_missing_output_folder_says_how_to_go_on(towns: Path, args: tuple[str, ...], hint: str) -> None:
    """docs/cli.md: a missing folder for the file to write is a usage error that says what to do."""
    run = ghgcalc(towns, *args)
    assert run.code == USAGE, run
    assert "no such folder for the output file" in run.stderr or "ไม่พบโฟลเดอร์" in run.stderr, run
    assert "create the folder first" in run.stderr or "สร้างโฟลเดอร์นั้นก่อน" in run.stderr, run
    assert hint in run.stderr, run
    assert not (towns / "2568").exists() and not (towns / "results-2568").exists()


@pytest.mark.parametrize(
    ("given", "name"), [("xlsx", "r.xlsm"), ("xlsx", "r.xls"), ("html", "r.pdf"), (None, "r.xlsm")]
)
def test_a_name_of_a_format_ghgcalc_never_writes_is_refused(tmp_path, given, name):
    """A workbook written under .xlsm is refused by Excel ("the file format or extension is not
    valid"): with or without --format, such a name is a usage error and nothing is written."""
    write(tmp_path, "town.yaml", TOWN.format(number=1, amount=100))
    run = ghgcalc(tmp_path, "compute", "town.yaml", *(["-f", given] if given else []), "-o", name)
    assert run.code == USAGE, run
    assert not (tmp_path / name).exists()
    assert "--format" not in run.stderr.split("hint:")[-1], run  # no way out through --format
