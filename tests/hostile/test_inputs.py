"""What a folder of a programme holds besides inventories, and hostile values in one of them: every
name with an inventory's suffix gets its record (links to nothing, links in a loop, pipes), a name
that is not UTF-8 is shown escaped in every output, and no value stops a batch with an internal
error."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest

from tests.helpers import ghgcalc, ghgcalc_process, issues, write

TOWN = """\
ghgcalc: 1
name: Town
period: FY2567
activities:
  - {activity: diesel-stationary, amount: 100, unit: L}
"""


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.skipif(sys.platform == "win32", reason="links and FIFOs as POSIX makes them")
def test_links_to_nothing_link_loops_and_pipes_in_a_folder_each_get_a_row(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", TOWN)
    (towns / "loop1.yaml").symlink_to("loop2.yaml")
    (towns / "loop2.yaml").symlink_to("loop1.yaml")
    (towns / "gone.yaml").symlink_to("nowhere.yaml")
    os.mkfifo(towns / "pipe.yaml")
    write(towns, "~$a.xlsx", b"\x00" * 165)  # Excel's lock file beside an open workbook: no inventory
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv")
    assert run.code == 1, run
    rows = {row["source"]: row for row in _rows(run.stdout)}
    names = ("a.yaml", "gone.yaml", "loop1.yaml", "loop2.yaml", "pipe.yaml")
    assert sorted(rows) == [f"towns/{name}" for name in names]
    assert rows["towns/a.yaml"]["status"] == "ok"
    assert "Too many levels of symbolic links" in rows["towns/loop1.yaml"]["first_error"]
    assert "file-unreadable" in rows["towns/gone.yaml"]["first_error"]
    assert "file-not-regular" in rows["towns/pipe.yaml"]["first_error"]  # refused, never opened (it would block)
    summary = ghgcalc(tmp_path, "summary", "towns", "-f", "json")
    assert json.loads(summary.stdout)["files"] == 5, summary


def test_a_pipe_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("FIFOs are POSIX")
    os.mkfifo(tmp_path / "pipe.yaml")
    run = ghgcalc_process(tmp_path, "validate", "pipe.yaml", timeout=30)
    assert run.code == 1, run
    [problem] = issues(run.stderr)
    assert problem.code == "file-not-regular" and "pipe (FIFO)" in problem.message
    assert "- to read standard input" in run.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="a file name of bytes that are not UTF-8")
@pytest.mark.parametrize("form", ["csv", "json", "jsonl", "xlsx", "md"])
def test_a_file_name_that_is_not_utf8_is_escaped_in_every_output(tmp_path: Path, form: str) -> None:
    """A Thai name from a zip made on Windows (TIS-620 bytes): its row is written, the name with
    its bytes as escapes, and the output stays valid UTF-8 (a workbook, valid XML)."""
    towns = tmp_path / "towns"
    towns.mkdir()
    name = b"\xca\xd2\xc3.yaml"  # สาร in TIS-620
    (towns / os.fsdecode(name)).write_text(TOWN, encoding="utf-8")
    write(towns, "b.yaml", TOWN.replace("Town", "Other"))
    for command in ("compute", "summary"):
        out = tmp_path / f"{command}.{form}"
        run = ghgcalc_process(tmp_path, command, "towns", "-f", form, "-o", out.name)
        assert run.code == 0, run
        if form == "xlsx":
            from openpyxl import load_workbook

            cells = [str(c.value) for sheet in load_workbook(out) for row in sheet.iter_rows() for c in row]
            assert any("towns/\\xca\\xd2\\xc3.yaml" in cell for cell in cells), command
        else:
            text = out.read_bytes().decode("utf-8")  # strict: raises on bytes that are not UTF-8
            assert "towns/\\xca\\xd2\\xc3.yaml" in text.replace("\\\\", "\\"), command  # JSON doubles \\


def test_yaml_values_that_python_cannot_make_an_int_of_are_errors_in_the_file(tmp_path: Path) -> None:
    """`!!int 1e3`, `!!int 1.5` and a number of 5,000 digits: read as the numbers they are, or an
    error at their line, and the batch goes on; never an internal error."""
    write(tmp_path, "tagged.yaml", TOWN.replace("amount: 100", "amount: !!int 1e3"))
    write(tmp_path, "half.yaml", TOWN.replace("amount: 100", "amount: !!int 1.5"))
    write(tmp_path, "long.yaml", TOWN.replace("amount: 100", "amount: 1" + "0" * 5000))
    write(tmp_path, "year.yaml", TOWN.replace("period: FY2567", "period: 2" + "0" * 5000))
    run = ghgcalc(tmp_path, "compute", "tagged.yaml", "half.yaml", "long.yaml", "year.yaml", "-f", "json")
    assert run.code == 1, run
    records = {r["source"]: r for r in json.loads(run.stdout)}
    assert records["tagged.yaml"]["status"] == "ok" and records["tagged.yaml"]["lines"][0]["amount"] == 1000
    assert records["half.yaml"]["lines"][0]["amount"] == 1.5
    found = {((p.location or "").split(":")[0], p.code) for p in issues(run.stderr)}
    assert ("long.yaml", "amount-too-large") in found and ("year.yaml", "period-invalid") in found
    assert max(len(line) for line in run.stderr.splitlines()) < 300  # the 5,000 digits are cut short


def test_an_inventory_without_lines_keeps_its_row_in_a_batch_csv(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", TOWN)
    write(tmp_path, "b.yaml", "ghgcalc: 1\nname: Nothing yet\nperiod: FY2567\nactivities: []\n")
    write(tmp_path, "c.yaml", TOWN.replace("amount: 100", "amount: -1"))
    run = ghgcalc(tmp_path, "compute", "a.yaml", "b.yaml", "c.yaml", "-f", "csv")
    rows = _rows(run.stdout)
    assert [row["source"] for row in rows] == ["a.yaml", "b.yaml", "c.yaml"], run
    assert rows[1]["name"] == "Nothing yet" and rows[1]["status"] == "warnings" and rows[1]["line"] == ""
    assert "warning[activities-none]: the inventory has no activities" in run.stderr
    assert len({len(row) for row in csv.reader(io.StringIO(run.stdout))}) == 1  # every row as wide as the header


def test_a_summary_written_into_its_own_folder_is_not_read_on_the_next_run(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", TOWN)
    first = ghgcalc(tmp_path, "summary", "towns", "-o", "towns/summary.xlsx")
    assert first.code == 0, first
    again = ghgcalc(tmp_path, "summary", "towns", "-o", "towns/summary.xlsx", "--force")
    assert again.code == 0, again
    [note] = [p for p in issues(again.stderr) if p.code == "input-is-output"]
    assert note.location == "towns/summary.xlsx" and note.severity == "warning"
    assert "summary of 1 file(s)" in again.stderr


def test_the_files_macos_leaves_beside_each_file_are_not_inventories(tmp_path: Path) -> None:
    """A folder copied by a Mac onto a USB stick, or zipped on one, holds `._a.yaml` beside
    `a.yaml` (AppleDouble: the file's Finder data, not text): each was an input with an error, so
    a folder of 40 inventories ran as 80, half failed, exit 1. They are passed over, as Excel's lock
    files are; a file of such a name that is no AppleDouble file is still read."""
    apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(60)
    towns = tmp_path / "towns"
    (towns / "__MACOSX").mkdir(parents=True)
    write(towns, "a.yaml", TOWN)
    for name in ("._a.yaml", "._b.xlsx", "__MACOSX/._a.yaml"):
        write(towns, name, apple_double)
    write(towns, "._c.yaml", TOWN)  # a real inventory, however odd its name
    for command in ("compute", "summary"):
        run = ghgcalc(tmp_path, command, "towns", "-f", "csv")
        assert run.code == 0 and "._a.yaml" not in run.stdout + run.stderr, run
        assert "towns/._c.yaml" in run.stdout, run
    run = ghgcalc(tmp_path, "summary", "towns", "--recursive", "-f", "csv")
    assert run.code == 0 and "summary of 2 file(s)" in run.stderr and "__MACOSX" not in run.stdout, run


@pytest.mark.parametrize("name", ["b.yaml", "b.xlsx"])
def test_a_summary_never_writes_over_an_inventory_of_its_folder(tmp_path: Path, name: str) -> None:
    """`-o towns/b.yaml --force` (a slip of the tab key, a script's name that matches a town's):
    the run's own output in its folder is passed over as last run's summary only when it is one; an
    inventory there is read by the run, and is never replaced, with or without --force."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", TOWN)
    write(towns, "b.yaml", TOWN.replace("Town", "Other town"))
    if name.endswith(".xlsx"):
        assert ghgcalc(tmp_path, "convert", "towns/b.yaml", "towns/b.xlsx").code == 0
        (towns / "b.yaml").unlink()
    before = (towns / name).read_bytes()
    run = ghgcalc(tmp_path, "summary", "towns", "-o", f"towns/{name}", "--force")
    assert run.code == 2 and (towns / name).read_bytes() == before, run
    assert f"towns/{name} is an inventory in the folder read; ghgcalc never writes over what it reads" in run.stderr
    assert "summary of" not in run.stderr  # refused before any file is computed


@pytest.mark.skipif(sys.platform == "win32", reason="links to folders as POSIX makes them")
def test_a_recursive_summary_follows_links_to_folders_once(tmp_path: Path) -> None:
    province = tmp_path / "province"
    (province / "district-a").mkdir(parents=True)
    shared = tmp_path / "shared" / "district-b"
    shared.mkdir(parents=True)
    write(province / "district-a", "a.yaml", TOWN)
    write(shared, "b.yaml", TOWN.replace("Town", "Bee"))
    (province / "district-b").symlink_to(shared)
    (shared / "back").symlink_to(province)  # a loop: each folder is read once
    run = ghgcalc(tmp_path, "summary", "province", "-r", "-f", "json")
    assert run.code == 0, run
    files = [row["file"] for row in json.loads(run.stdout)["inventories"]]
    assert files == ["province/district-a/a.yaml", "province/district-b/b.yaml"]


def test_a_long_text_shared_by_thousands_of_cells_is_refused_before_it_is_laid_out(tmp_path: Path) -> None:
    """A workbook's shared string is held once in the file and once per cell in memory: one text of
    32,767 characters in 4,000 cells is 131 million characters from a file of a few KB."""
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Inventory"
    for row in (["Field", "Value"], ["ghgcalc", 1], ["name", "Town"], ["period", "FY2567"]):
        sheet.append(row)
    book.create_sheet("Activities").append(["Activity", "Unit", "Total", "Label"])
    book.save(tmp_path / "plain.xlsx")
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d" t="s"><v>1</v></c><c r="C%d"><v>1</v></c>'
        b'<c r="D%d" t="s"><v>2</v></c></row>' % ((number,) * 5)
        for number in range(2, 4_002)
    )
    strings = b"<si><t>paper</t></si><si><t>kg</t></si><si><t>" + b"x" * 32_767 + b"</t></si>"
    shared = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    relation = (
        b'<Relationship Id="rId99" Target="sharedStrings.xml" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    kind = (
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    changes = {
        "xl/worksheets/sheet2.xml": lambda data: data.replace(
            b"</row></sheetData>", b"</row>" + rows + b"</sheetData>"
        ),
        "xl/_rels/workbook.xml.rels": lambda data: data.replace(b"</Relationships>", relation),
        "[Content_Types].xml": lambda data: data.replace(b"</Types>", kind),
    }
    with (
        zipfile.ZipFile(tmp_path / "plain.xlsx") as source,
        zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for name in source.namelist():
            data = source.read(name)
            bomb.writestr(name, changes[name](data) if name in changes else data)
        bomb.writestr("xl/sharedStrings.xml", shared + strings + b"</sst>")
    assert (tmp_path / "bomb.xlsx").stat().st_size < 100_000
    run = ghgcalc(tmp_path, "validate", "bomb.xlsx")
    assert run.code == 1, run
    [refused] = issues(run.stderr)
    assert refused.code == "sheet-too-large" and refused.location == "bomb.xlsx[Activities]"
    assert "characters of text" in refused.message


def test_a_yaml_file_of_a_million_values_is_refused_before_it_is_laid_out(tmp_path: Path) -> None:
    """PyYAML holds ~400 bytes per value while it reads: a 2.4 MB list of 1.2 million ones would
    take half a gigabyte; it is refused from a count of its separators, before it is read."""
    amounts = "[" + ",".join(["1"] * 1_200_000) + "]"
    write(tmp_path, "huge.yaml", TOWN.replace("amount: 100", f"amount: {amounts}"))
    run = ghgcalc_process(tmp_path, "validate", "huge.yaml")
    assert run.code == 1, run
    [refused] = issues(run.stderr)
    assert refused.code == "yaml-too-large" and "activity table" in (refused.hint or "")
    assert run.seconds < 10
