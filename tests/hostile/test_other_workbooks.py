"""Spreadsheets that are no .xlsx workbook, as officers send them: one under a password, an Excel
97-2003 (.xls) or an OpenDocument (.ods) file, named as they are or renamed .xlsx. Each is refused
by name with how to make it one, and a folder's are counted in a batch, never left out in silence.
The files are made of the bytes that tell them apart (a compound file's signature and its
EncryptedPackage stream name; an .ods zip's first member), which real ones start with."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ghgcalc, issues

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
KINDS = {
    "password": (CFB + "EncryptedPackage".encode("utf-16-le") + bytes(512), "protected by a password"),
    "xls": (CFB + "Workbook".encode("utf-16-le") + bytes(512), "Excel 97-2003 workbook (.xls)"),
}


def _ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


KINDS["ods"] = (_ods(), "OpenDocument spreadsheet (.ods)")


OWN_SUFFIX = {"password": "xlsx", "xls": "xls", "ods": "ods"}  # a password-protected workbook is an .xlsx


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("renamed", [False, True], ids=["own-suffix", "renamed-xlsx"])
def test_a_spreadsheet_that_is_no_xlsx_is_named_for_what_it_is(tmp_path: Path, kind: str, renamed: bool) -> None:
    data, said = KINDS[kind]
    name = "town.xlsx" if renamed else f"town.{OWN_SUFFIX[kind]}"
    (tmp_path / name).write_bytes(data)
    run = ghgcalc(tmp_path, "validate", name)
    assert run.code == 1, run
    [refused] = issues(run.stderr)
    assert refused.code == ("xlsx-refused" if name.endswith(".xlsx") else "workbook-unsupported"), run
    assert said in refused.message and refused.location == name
    assert ("remove the password" if kind == "password" else "save it as Excel Workbook (.xlsx)") in run.stderr


def test_a_folders_xls_and_ods_files_are_said_not_to_be_read(tmp_path: Path) -> None:
    """Sent as .xls and .ods beside the .yaml ones, they are not read (a folder gives its .yaml,
    .yml, .xlsx and .xlsm files), and said so, by name, at the folder; a folder of nothing else is
    a usage error that names them."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "ghgcalc: 1\nname: A\nperiod: 2567\nactivities:\n  - {activity: diesel-stationary, amount: 100, unit: L}\n",
        encoding="utf-8",
    )
    (folder / "b.xls").write_bytes(KINDS["xls"][0])
    (folder / "c.ods").write_bytes(KINDS["ods"][0])
    for command in (("compute", "batch", "-f", "csv"), ("validate", "batch"), ("summary", "batch", "-f", "csv")):
        run = ghgcalc(tmp_path, *command)
        assert run.code == 0, run
        [said] = [p for p in issues(run.stderr) if p.code == "workbook-unsupported"]
        assert said.severity == "warning" and said.location == "batch", run
        assert "b.xls, c.ods" in said.message and "Excel Workbook (.xlsx)" in run.stderr
    (folder / "a.yaml").unlink()
    alone = ghgcalc(tmp_path, "compute", "batch")
    assert alone.code == 2 and "b.xls, c.ods" in alone.stderr, alone


@pytest.mark.parametrize("shape", ["unclosed-cells", "unclosed-shared-strings"])
def test_a_workbook_of_unclosed_tags_is_read_for_its_language_in_one_pass(tmp_path: Path, shape: str) -> None:
    """The language row is looked for before the run says anything: an Inventory sheet of 80,000
    unclosed cells (a 23 KB file), or shared strings of unclosed items, costs one pass over the XML,
    not one per tag (it hung for minutes), within the budget of the other bombs."""
    import openpyxl

    from tests.helpers import ALIAS_BOMB_BUDGET_S

    book = openpyxl.Workbook()
    book.active.title = "Inventory"
    book.create_sheet("Activities")
    book.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source:
        parts = {name: source.read(name) for name in source.namelist()}
    head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if shape == "unclosed-cells":
        parts["xl/worksheets/sheet1.xml"] = head + b'<sheetData><row r="1">' + b'<c r="A1">' * 80_000
    else:
        cells = b'<c r="A1" t="s"><v>70000</v></c><c r="B1" t="s"><v>1</v></c>'
        parts["xl/worksheets/sheet1.xml"] = head + b'<sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>"
        parts["xl/sharedStrings.xml"] = b"<sst>" + b"<si><t>x" * 80_000
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    run = ghgcalc(tmp_path, "validate", "bomb.xlsx")
    assert run.code == 1, run
    assert run.seconds < ALIAS_BOMB_BUDGET_S, f"the language peek took {run.seconds:.1f} s\n{run}"
