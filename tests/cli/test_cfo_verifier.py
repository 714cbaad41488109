"""The CFO workbook as a verifier reads it (docs/cfo-report.md): every number on a form can be
recomputed from what the same form shows, and the form names what the result used."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.helpers import ghgcalc, write

TOWN = """\
ghgcalc: 1
name: Test town
period: {period}
organization: {{preparer: {{name: Ann, position: officer}}, signed: 2026-11-15}}
activities:
  - {{activity: diesel-mobile, label: Trucks, unit: L, amount: 1000}}
  - {{activity: fuel-wood, label: Crematorium wood, unit: kg, amount: 12000}}
  - {{activity: r-22, label: Old air conditioners, unit: kg, amount: 3}}
"""


def _row(ws: Any, column: int, text: str) -> int:
    for (cell,) in ws.iter_rows(min_col=column, max_col=column):
        if isinstance(cell.value, str) and cell.value.startswith(text):
            return int(cell.row)
    raise AssertionError(f"no row starting {text!r} in column {column} of {ws.title}")


def _columns(ws: Any, header: int) -> dict[str, int]:
    """Each column by every line of its heading (Thai over English)."""
    return {part: int(cell.column) for cell in ws[header] if cell.value for part in str(cell.value).split("\n")}


def test_a_line_reported_separately_shows_its_quantity_and_factor_in_the_separate_block(tmp_path: Path) -> None:
    """R-22 (3 kg x 1760 = 5.28 t) and fuel wood's biogenic CO2 (12,000 kg x 1.79088 = 21.49 t) are
    outside the total: their line shows tCO2e 0 and a total EF of 0, and the block 'reported
    separately' gave 5.28 t with neither the quantity nor the factor it comes from, so the form
    itself said R-22's factor is 0 kgCO2e/kg. The block now shows each one's quantity, unit and
    kgCO2e per unit, as TGO's rows for what is reported separately do."""
    write(tmp_path, "town.yaml", TOWN.format(period="FY2567"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "xlsx", "-o", "town.xlsx", "--lang", "en")
    assert run.code == 0, run
    ws = load_workbook(tmp_path / "town.xlsx")["Fr-04.1 Inventory"]
    header = next(row for row in range(1, ws.max_row + 1) if str(ws.cell(row=row, column=1).value).endswith("\n#"))
    col = _columns(ws, header)
    block = _row(ws, 1, "Reported separately")
    found = {}
    for row in range(block + 1, ws.max_row + 1):
        label = ws.cell(row=row, column=col["Description"]).value
        if isinstance(label, str) and not label.startswith("Total") and ws.cell(row=row, column=1).value:
            found[label.split(":")[0]] = [
                ws.cell(row=row, column=col[name]).value for name in ("Quantity", "Unit", "Total EF", "Total GHG")
            ]
    assert set(found) == {"Crematorium wood", "Old air conditioners"}, found
    quantity, unit, factor, tonnes = found["Old air conditioners"]
    assert (quantity, unit) == (3, "kg")
    assert factor == pytest.approx(1760)
    assert tonnes == pytest.approx(5.28)
    quantity, unit, factor, tonnes = found["Crematorium wood"]
    assert (quantity, unit) == (12000, "kg")
    assert factor == pytest.approx(1.79088)
    assert tonnes == pytest.approx(quantity * factor / 1000)


def test_fr04_names_the_edition_s_own_gwp_beside_the_gwp_set(tmp_path: Path) -> None:
    """An FY2569 inventory on TGO's 2026 edition weighs fossil CH4 28, not AR5's 30. Fr-05 said so
    beside 'GWP set: AR5', but Fr-04.1, whose GWP column shows the 28 a verifier recomputes with,
    Fr-04.2 and Fr-04.3 (which calls the diesel line 'GWP changed' under one GWP set, AR5) said
    only AR5: the form named a set whose fossil CH4 is 30 above a column of 28."""
    write(tmp_path, "base.yaml", TOWN.format(period="FY2567"))
    write(tmp_path, "town.yaml", TOWN.format(period="FY2569"))
    run = ghgcalc(
        tmp_path, "compute", "town.yaml", "--base", "base.yaml", "-f", "xlsx", "-o", "town.xlsx", "--lang", "en"
    )
    assert run.code == 0, run
    book = load_workbook(tmp_path / "town.xlsx")
    for name in ("Fr-04.1 Inventory", "Fr-04.3 Recalculation", "Fr-05 Summary"):
        ws = book[name]
        said = [str(cell.value) for row in ws.iter_rows(max_row=12) for cell in row if "weighs" in str(cell.value)]
        assert len(said) == 1, (name, said)
        assert said[0].startswith("tgo-cfo@2026-02 weighs fossil CH4 28 (AR5: 30)"), name
    # the base year, on the April 2022 edition, weighed it 30: its form says nothing of the kind
    base = book["Fr-04.2 Base year"]
    assert not [cell for row in base.iter_rows(max_row=12) for cell in row if "weighs" in str(cell.value)]


def test_the_sign_off_dates_only_the_people_the_inventory_names(tmp_path: Path) -> None:
    """organization.signed dated every row of Fr-05's sign-off: a reviewer and an approver the
    inventory does not name (their name a shaded blank to fill by hand) were shown as having signed
    on 15 Nov 2026. Their date is now a blank to fill, like their name and signature."""
    write(tmp_path, "town.yaml", TOWN.format(period="FY2567"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "xlsx", "-o", "town.xlsx", "--lang", "en")
    assert run.code == 0, run
    ws = load_workbook(tmp_path / "town.xlsx")["Fr-05 Summary"]
    roles = ("Prepared by", "Reviewed by", "Approved by")
    sign = {row[0].value: row for row in ws.iter_rows() if row[0].value in roles}
    assert len(sign) == 3, sign
    assert sign["Prepared by"][1].value == "Ann"
    assert sign["Prepared by"][6].value == "15 Nov 2569"  # the period is a B.E. fiscal year
    for role in ("Reviewed by", "Approved by"):
        assert sign[role][1].value is None
        assert sign[role][6].value is None, role
        assert sign[role][6].fill.fgColor.rgb.endswith("FCE4D6"), role
