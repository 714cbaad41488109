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
