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
