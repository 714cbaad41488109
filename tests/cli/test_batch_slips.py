"""What a programme's folder of many municipalities' files holds besides ghgcalc's inventories, as
files arrive by email, LINE or a shared drive: TGO's own workbooks (form 1.5(1), the CFO V-Sheet)
beside the towns' ghgcalc workbooks. Each is said at its file with a hint that works."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.helpers import ghgcalc, issues, write
from tests.tgo_workbooks import generate as g

TOWN = (
    "ghgcalc: 1\nname: เทศบาลตำบลบ้านใหม่\nperiod: 2568\n"
    'organization: {type: subdistrict-municipality, province: "ลำปาง", code: "6500101"}\n'
    "activities:\n  - {activity: diesel-stationary, amount: 100, unit: L}\n"
)


def test_tgos_own_forms_in_a_folder_point_to_ghgcalc_import(tmp_path: Path) -> None:
    """A town's TGO form 1.5(1) or V-Sheet is not an inventory of ghgcalc's: one error at the file
    that names the form and gives the command that reads it, not two sheet-missing errors with a
    template's hint (which would have the officer type the form again)."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "ban-mai.yaml", TOWN)
    g.form_1_5_1(towns / "ban-kao-1.5.xlsx")
    g.vsheet_cfo(towns / "ban-klang-vsheet.xlsx")
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv")
    assert run.code == 1, run
    found = [(p.location, p.code) for p in issues(run.stderr)]
    assert found == [
        ("towns/ban-kao-1.5.xlsx", "document-is-tgo-form"),
        ("towns/ban-klang-vsheet.xlsx", "document-is-tgo-form"),
    ], run.stderr
    form, vsheet = issues(run.stderr)
    assert "form 1.5(1)" in form.message and "V-Sheet" in vsheet.message
    assert form.hint == (
        "make ghgcalc inventories of it, one per year, and compute those: "
        "ghgcalc import towns/ban-kao-1.5.xlsx -o imported/"
    )
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert [r["status"] for r in rows] == ["errors", "errors", "ok"]
    # the hint's command reads it
    (tmp_path / "imported").mkdir()
    imported = ghgcalc(tmp_path, "import", "towns/ban-kao-1.5.xlsx", "-o", "imported/")
    assert imported.code == 0, imported
    thai = ghgcalc(tmp_path, "validate", "towns/ban-kao-1.5.xlsx", "--lang", "th")
    assert "แบบฟอร์มคำนวณ 1.5(1) ของ อบก." in thai.stderr and "ghgcalc import" in thai.stderr, thai.stderr


def test_a_zip_of_inventories_and_an_unfinished_download_are_said_not_read(tmp_path: Path) -> None:
    """Towns sent as a zip, and a workbook still downloading from LINE or a shared drive
    (`town.xlsx.crdownload`, Firefox's `town.yaml.part`), are left out of a folder's batch: their
    towns are missing from every total, so each is warned at the folder, in English and Thai. A zip
    of other things (photos) is not."""
    import zipfile

    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "ban-mai.yaml", TOWN)
    with zipfile.ZipFile(towns / "amphoe-mueang.zip", "w") as archive:
        archive.writestr("amphoe-mueang/ban-kao.yaml", TOWN.replace("6500101", "6500102"))
        archive.writestr("__MACOSX/amphoe-mueang/._ban-kao.yaml", b"")
    with zipfile.ZipFile(towns / "photos.zip", "w") as archive:
        archive.writestr("town-hall.jpg", b"\xff\xd8")
    write(towns, "ban-klang.xlsx.crdownload", b"PK\x03\x04")
    write(towns, "ban-nuea.yaml.part", "ghgcalc: 1\nname: Ban")
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv", "--jobs", "2")
    assert run.code == 0, run
    said = {p.code: p for p in issues(run.stderr)}
    assert set(said) == {"archive-not-read", "download-unfinished"}, run.stderr
    assert said["archive-not-read"].location == "towns" and "amphoe-mueang.zip" in said["archive-not-read"].message
    assert "photos.zip" not in run.stderr
    unfinished = said["download-unfinished"]
    assert "ban-klang.xlsx.crdownload, ban-nuea.yaml.part" in unfinished.message and "wait" in (unfinished.hint or "")
    summary = ghgcalc(tmp_path, "summary", "towns", "-f", "json", "--lang", "th")
    assert "ไฟล์ zip 1 ไฟล์" in summary.stderr and "ยังดาวน์โหลดไม่เสร็จ" in summary.stderr, summary.stderr
    (towns / "ban-mai.yaml").unlink()
    empty = ghgcalc(tmp_path, "validate", "towns")
    assert empty.code == 2 and "unpack each" in empty.stderr and "wait until the download ends" in empty.stderr, empty
