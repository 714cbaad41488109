"""Thai names of factors (docs/translating.md, "Thai names of factors"): every key of the bundled sets
has one where a person reads it, a set's own name_th wins over the display catalog, and the catalog
changes nothing a script or a verifier reads (results, hashes, `factors diff`)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from ghgcalc.io import factor_names
from tests.conftest import ROOT
from tests.helpers import FACTOR_HEADER, ghgcalc, own_factor_set

THAI = re.compile("[\u0e01-\u0e5b]")
CATALOG = ROOT / "factors" / "names.th.csv"
BUNDLED = sorted((ROOT / "factors").glob("*/*/factors.csv"))


def bundled_rows() -> list[dict[str, str]]:
    rows = []
    for table in BUNDLED:
        with table.open(encoding="utf-8", newline="") as handle:
            rows += [{**row, "set": table.parent.parent.name} for row in csv.DictReader(handle)]
    return rows


def catalog_rows() -> list[dict[str, str]]:
    with CATALOG.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_catalog_names_only_keys_a_set_ships_once_each_in_thai_with_its_basis():
    rows = catalog_rows()
    assert list(rows[0]) == ["key", "name_th", "basis"]
    keys = [row["key"] for row in rows]
    assert len(keys) == len(set(keys)), "a key twice in names.th.csv"
    shipped = {row["key"] for row in bundled_rows()}
    assert set(keys) <= shipped, f"keys no set ships: {sorted(set(keys) - shipped)}"
    for row in rows:
        assert THAI.search(row["name_th"]), row
        assert row["name_th"] == row["name_th"].strip() and "  " not in row["name_th"], row
        assert " — " not in row["name_th"], row  # the drop-down's separator between key and name
        assert row["basis"].strip(), row
    # every row of a bundled set without a Thai name of its own has one in the catalog
    lacking = {row["key"] for row in bundled_rows() if not row["name_th"]}
    assert lacking <= set(keys), f"keys without a Thai name: {sorted(lacking - set(keys))}"


def test_a_name_of_the_catalog_for_a_key_tgo_names_is_tgo_s_own():
    """gases@1 has no Thai names; its refrigerants that TGO's 2022 set names are named as TGO names them."""
    tgo = {row["key"]: row["name_th"] for row in bundled_rows() if row["name_th"]}
    for row in catalog_rows():
        if row["key"] in tgo:
            assert row["name_th"] == tgo[row["key"]], row


def test_a_set_s_own_thai_name_wins_over_the_catalog():
    for row in bundled_rows():
        shown = factor_names.row_name(row["set"], row["key"], row["name_en"], row["name_th"], thai=True)
        assert THAI.search(shown), row
        if row["name_th"]:
            assert shown == row["name_th"]
        assert factor_names.row_name(row["set"], row["key"], row["name_en"], row["name_th"], thai=False) == (
            row["name_en"] or row["name_th"]
        )


def test_factors_list_in_thai_names_every_row_of_every_set_in_thai(tmp_path):
    for set_id in ("tgo-cfo@2026-02", "tgo-cfo@2022-04", "tgo-cfo@2020-02", "ipcc-2006", "gases"):
        run = ghgcalc(tmp_path, "factors", "list", "--set", set_id, "--lang", "th", "-f", "table")
        assert run.code == 0, run
        # a row starts with its set's id; the other columns hold keys, units and numbers, the last one
        # the name: a Thai letter on the row's first line is its name's
        lines = [line for line in run.stdout.splitlines() if line.startswith("  " + set_id.split("@")[0] + " ")]
        count = len([row for row in bundled_rows() if row["set"] == set_id.split("@")[0]])
        assert lines and (len(lines) == count or "@" in set_id), run
        assert all(THAI.search(line) for line in lines), [line for line in lines if not THAI.search(line)]
    shown = ghgcalc(tmp_path, "factors", "show", "diesel-b7-mobile", "--lang", "th", "-f", "table")
    assert "น้ำมันดีเซล B7 (การเผาไหม้แบบเคลื่อนที่)" in shown.stdout, shown


def test_the_template_s_drop_down_names_every_key_in_thai(tmp_path):
    run = ghgcalc(tmp_path, "init", "x.xlsx", "--lang", "th")
    assert run.code == 0, run
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["Lists"]
    entries = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert len(entries) == len({row["key"] for row in bundled_rows()})
    assert all(" — " in entry and THAI.search(entry.split(" — ", 1)[1]) for entry in entries), [
        entry for entry in entries if not THAI.search(entry)
    ]
    assert "diesel-b7-mobile — น้ำมันดีเซล B7 (การเผาไหม้แบบเคลื่อนที่) " in "\n".join(entries)
    assert "r-410a — สารทำความเย็น R-410A" in entries


def test_an_own_set_keeps_its_own_names_and_never_takes_the_catalog_s(tmp_path):
    """A project's own set (an id no bundled set has) is named by its own table only: its key may
    mean something else than the bundled key of the same spelling."""
    rows = (
        "diesel-b7-mobile,Supplier B7,ดีเซล B7 ของผู้จำหน่าย,mobile-combustion,1,L,CO2,2.6,,,,,,Sheet 2024,\n"
        "natural-gas-hhv,Our gas,,stationary-combustion,1,MJ,CO2,0.05,,,,,,Sheet 2024,\n"
    )
    own_factor_set(tmp_path, FACTOR_HEADER + rows)
    listed = ghgcalc(
        tmp_path, "factors", "list", "--set", "my-boilers", "--factors-dir", "myf", "--lang", "th", "-f", "table"
    )
    assert listed.code == 0, listed
    assert "ดีเซล B7 ของผู้จำหน่าย" in listed.stdout and "Our gas" in listed.stdout, listed
    assert "ค่าความร้อนสูง" not in listed.stdout, listed
    shown = ghgcalc(
        tmp_path, "factors", "show", "diesel-b7-mobile", "--factors-dir", "myf", "--lang", "th", "-f", "table"
    )
    assert "ดีเซล B7 ของผู้จำหน่าย" in shown.stdout and "นับเฉพาะส่วนฟอสซิล" in shown.stdout, shown


def _outputs(tmp_path: Path) -> dict[str, str]:
    """What scripts read: results, factor lists and a diff, as JSON and CSV."""
    runs = [
        *(("compute", str(example), "-f", "json") for example in sorted((ROOT / "examples").glob("*.yaml"))),
        ("compute", str(ROOT / "examples" / "municipality.yaml"), "-f", "json", "--lang", "th"),
        ("factors", "diff", "tgo-cfo@2022-04", "tgo-cfo@2026-02", "-f", "json"),
        ("factors", "diff", "tgo-cfo@2022-04", "tgo-cfo@2026-02", "-f", "csv"),
        ("factors", "list", "--set", "tgo-cfo@2026-02", "-f", "json", "--lang", "th"),
        ("factors", "list", "--set", "gases", "-f", "csv", "--lang", "th"),
        ("factors", "show", "diesel-b7-mobile", "-f", "json", "--lang", "th"),
    ]
    return {" ".join(args): (lambda run: f"{run.code}\n{run.stdout}")(ghgcalc(tmp_path, *args)) for args in runs}


def test_the_catalog_changes_no_result_hash_or_diff(tmp_path, monkeypatch):
    with_catalog = _outputs(tmp_path)
    bundled, _ = factor_names._catalog()
    monkeypatch.setattr(factor_names, "_catalog", lambda: (bundled, {}))
    without = _outputs(tmp_path)
    assert with_catalog == without
    assert '"name_th": ""' in with_catalog["factors show diesel-b7-mobile -f json --lang th"]


def test_the_catalog_is_not_read_at_import():
    code = (
        "import ghgcalc.io.factor_names as names, ghgcalc.reports.markdown, ghgcalc.io.excel_keys\n"
        "assert names._catalog.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize("folder", sorted(p.parent for p in BUNDLED))
def test_the_catalog_lies_outside_every_set_s_folder(folder):
    assert not (folder / "names.th.csv").exists()
    assert CATALOG.parent == folder.parent.parent


B7 = """ghgcalc: 1
name: T
period: 2026
factors: [tgo-cfo]
activities:
  - {activity: diesel-b7-mobile, amount: 1000, unit: L}
  - {activity: paddy-husk, amount: 10, unit: t}
"""


def test_a_thai_report_names_a_line_without_a_label_by_its_thai_name(tmp_path):
    (tmp_path / "b7.yaml").write_text(B7, encoding="utf-8")
    thai = ghgcalc(tmp_path, "compute", "b7.yaml", "-f", "md", "--lang", "th")
    assert thai.code == 0, thai
    assert "| น้ำมันดีเซล B7 (การเผาไหม้แบบเคลื่อนที่) (นับเฉพาะส่วนฟอสซิล" in thai.stdout and "| แกลบ |" in thai.stdout
    english = ghgcalc(tmp_path, "compute", "b7.yaml", "-f", "md", "--lang", "en")
    assert "| Diesel B7, on road" in english.stdout and "แกลบ" not in english.stdout, english
    assert ghgcalc(tmp_path, "compute", "b7.yaml", "-f", "xlsx", "--lang", "th", "-o", "r.xlsx").code == 0
    factors = openpyxl.load_workbook(tmp_path / "r.xlsx")["Factors"]
    names = {cell for row in factors.iter_rows(values_only=True) for cell in row if isinstance(cell, str)}
    assert "แกลบ" in names and "Paddy husk (rice husk)" not in names
