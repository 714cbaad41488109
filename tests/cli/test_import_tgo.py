"""`ghgcalc import`: TGO's form 1.5(1) as inventories that compute to the totals the workbook prints.

The workbooks are generated (tests/tgo_workbooks/generate.py) with TGO's layouts and synthetic
numbers; each printed total is the generator's cached value of E42 (wide layout) or C41 (narrow).
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.helpers import assert_usage_error, ghgcalc, issues, snapshot
from tests.tgo_workbooks import generate as g

S2568, S2567, S2569 = "สรุปการคำนวณ ปี 2568", "สรุปการคำนวณ ปี 2567", "สรุปการคำนวณ ปี 2569"


def computed(folder: Path, name: str) -> dict[str, Any]:
    run = ghgcalc(folder, "compute", name, "-f", "json")
    assert run.code == 0, run
    assert issues(run.stderr) == [], run
    return dict(json.loads(run.stdout))


def test_two_years_compute_to_the_printed_totals(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh2568.xlsx")
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "gh2568.xlsx", "-o", "out/")
    assert run.code == 0, run
    assert sorted(os.listdir(tmp_path / "out")) == ["gh2568-2567.yaml", "gh2568-2568.yaml"]
    for year, sheet, cell in ((2568, S2568, "E42"), (2567, S2567, "C41")):
        result = computed(tmp_path, f"out/gh2568-{year}.yaml")
        assert result["total_t_co2e"] == pytest.approx(gen.cached[(sheet, cell)], rel=1e-9)
        assert result["period"]["start"] == f"{year - 543}-01-01"
    # the scope totals as well (E39:E41 / C38:C40)
    result = computed(tmp_path, "out/gh2568-2568.yaml")
    for scope, cell in (("1", "E39"), ("2", "E40"), ("3", "E41")):
        assert result["by_scope_t_co2e"][scope] == pytest.approx(gen.cached[(S2568, cell)], rel=1e-9)


def test_lines_cite_their_cells_and_the_sheet_ef(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    run = ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "gh2569.yaml")
    assert run.code == 0, run
    document = yaml.safe_load((tmp_path / "gh2569.yaml").read_text(encoding="utf-8"))
    assert (document["kind"], document["period"], document["factors"]) == ("organization", 2569, "tgo-cfo")
    factors = {f["key"]: f for f in document["custom_factors"]}
    diesel = factors["diesel-mobile-r12"]
    assert diesel["kg"] == {"CO2e": 2.7406} and diesel["per"] == "L"
    assert diesel["source"] == f"gh2569.xlsx[{S2569}]!D12"
    assert "diesel-mobile" in diesel["name"]
    line = next(a for a in document["activities"] if a.get("activity") == "diesel-mobile-r12")
    assert line["label"] == f"น้ำมัน Diesel (gh2569.xlsx[{S2569}]!G12:AC12)"
    assert line["scope"] == 1 and len(line["amount"]) == 12
    assert factors["electricity-grid-r20"]["kg"] == {"CO2e": 0.4999}
    scopes = {a["activity"]: a["scope"] for a in document["activities"] if "activity" in a}
    assert scopes == {
        "diesel-mobile-r12": 1,
        "electricity-grid-r20": 2,
        "paper-r21": 3,
        "tap-water-pwa-r23": 3,
        "waste-landfill-form-1-5-r24": 3,
    }


def test_single_year_to_standard_output(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    run = ghgcalc(tmp_path, "import", "gh2569.xlsx")
    assert run.code == 0, run
    (tmp_path / "one.yaml").write_text(run.stdout, encoding="utf-8")
    assert computed(tmp_path, "one.yaml")["total_t_co2e"] == pytest.approx(gen.cached[(S2569, "E42")], rel=1e-9)
    empty = [p for p in issues(run.stderr) if p.code == "tgo-rows-empty"]
    assert len(empty) == 1 and "9 rows" in empty[0].message


def test_septic_and_pond_are_the_tgo_methods(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    assert ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "x.yaml").code == 0
    document = yaml.safe_load((tmp_path / "x.yaml").read_text(encoding="utf-8"))
    methods = {a["method"]: a for a in document["activities"] if "method" in a}
    septic, pond = methods["tgo-septic-tank"], methods["tgo-anaerobic-pond"]
    septic_sheet, pond_sheet = "CH4จาก Septic tank 2569", "CH4จากบ่อบำบัดไม่เติมอากาศ 2569"
    wb = openpyxl.load_workbook(tmp_path / "gh2569.xlsx")
    assert septic["params"]["working_days"] == [wb[septic_sheet].cell(2, c).value for c in range(3, 15)]
    assert septic["params"]["employees"] == [wb[septic_sheet].cell(3, c).value for c in range(3, 15)]
    assert pond["params"] == {
        "pond_type": "anaerobic-shallow",
        "tap_water_m3": [wb[pond_sheet].cell(3, c).value for c in range(3, 15)],
    }
    assert septic["label"].endswith(f"(gh2569.xlsx[{septic_sheet}]!C2:N2, C3:N3)")
    assert pond["label"].endswith(f"(gh2569.xlsx[{pond_sheet}]!C3:N3, H7)")
    ch4 = computed(tmp_path, "x.yaml")["by_gas_t"]["CH4"]
    printed = gen.cached[(septic_sheet, "O4")] + sum(gen.cached[(pond_sheet, f"{c}13")] for c in "BCDEFGHIJKLM")
    assert ch4 * 1000 == pytest.approx(printed, rel=1e-9)


def test_a_typed_in_slip_is_imported_as_printed(tmp_path: Path) -> None:
    """The import reproduces the workbook, slips included (finding them is the audit's work)."""
    gen = g.form_1_5_1(tmp_path / "gh.xlsx", 2568, with_previous_year=False, staff_slip=(12, 1122222))
    assert ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "x.yaml").code == 0
    total = computed(tmp_path, "x.yaml")["total_t_co2e"]
    assert total == pytest.approx(gen.cached[(S2568, "E42")], rel=1e-9)
    assert total > 1000


def test_a_value_printed_before_a_correction_is_said_at_import(tmp_path: Path) -> None:
    """March's diesel corrected after the sheet was last calculated: the imported line counts the
    corrected quantity x EF, so its total is not E42; the import says so once, at the stale cell,
    and points to the audit. A workbook whose every value follows from its inputs says nothing."""
    gen = g.form_1_5_1(tmp_path / "stale.xlsx", 2568, with_previous_year=False, stale_total="cached")
    run = ghgcalc(tmp_path, "import", "stale.xlsx", "-o", "x.yaml")
    assert run.code == 0, run
    [said] = [p for p in issues(run.stderr) if p.code == "tgo-printed-differs"]
    assert said.location == f"stale.xlsx[{S2568}]!L12" and said.severity == "warning", run
    assert "E42" in said.message and "ghgcalc audit stale.xlsx" in run.stderr
    total = computed(tmp_path, "x.yaml")["total_t_co2e"]
    assert total != pytest.approx(gen.cached[(S2568, "E42")], rel=1e-9)  # as the warning says
    g.form_1_5_1(tmp_path / "clean.xlsx", 2568, with_previous_year=False)
    clean = ghgcalc(tmp_path, "import", "clean.xlsx", "-o", "y.yaml")
    assert clean.code == 0 and "tgo-printed-differs" not in clean.stderr, clean


def test_an_unknown_row_is_imported_and_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [(14, "น้ำมันหล่อลื่น", 2.5, "kg CO2e/ลิตร", "ลิตร", "typed") if r[0] == 14 else r for r in g.SUMMARY_ROWS]
    monkeypatch.setattr(g, "SUMMARY_ROWS", rows)
    monkeypatch.setattr(g, "SYNTHETIC_BASE", {**g.SYNTHETIC_BASE, 14: 30.0})
    gen = g.form_1_5_1(tmp_path / "gh.xlsx", 2568, with_previous_year=False)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "x.yaml")
    assert run.code == 0, run
    unknown = [p for p in issues(run.stderr) if p.code == "tgo-row-unknown"]
    assert [(p.location, p.severity) for p in unknown] == [(f"gh.xlsx[{S2568}]!B14", "warning")]
    assert "น้ำมันหล่อลื่น" in unknown[0].message and unknown[0].hint
    document = yaml.safe_load((tmp_path / "x.yaml").read_text(encoding="utf-8"))
    assert any(f["key"] == "form-row-r14" and f["kg"] == {"CO2e": 2.5} for f in document["custom_factors"])
    assert computed(tmp_path, "x.yaml")["total_t_co2e"] == pytest.approx(gen.cached[(S2568, "E42")], rel=1e-9)


@pytest.mark.parametrize(("at", "n"), [(13, 1), (8, -2)])
def test_rows_inserted_or_deleted_are_followed_by_their_labels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int, n: int
) -> None:
    """An office inserts a row in the middle of the form, or deletes the unused generator rows: the
    column total 'รวม', the scope table and the incineration row (outside E41) move with them, and
    are found by their labels, not at rows 26, 39-42 and 25 (where the reader looked: the landfill
    row was said to be outside the total, the total read from a heading, the audit's findings false)."""
    monkeypatch.setattr(g, "SYNTHETIC_BASE", {**g.SYNTHETIC_BASE, 25: 40.0})  # incineration, outside E41
    cached: dict[tuple[str, str], Any] = {}

    def shift(book: Any, values: dict[tuple[str, str], Any]) -> None:
        g.shift_rows(book, values, S2568, at, n)
        cached.update(values)

    _form_with(tmp_path, monkeypatch, shift)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 0, run
    said = {p.code: p for p in issues(run.stderr)}
    assert not {"tgo-row-extra", "tgo-total-not-found", "tgo-printed-differs", "tgo-printed-not-number"} & set(said)
    outside = said["tgo-row-outside-total"]
    assert outside.location == f"gh.xlsx[{S2568}]!E{41 + n}", outside
    assert f"row {25 + n} (ขยะของเสีย (เผากำจัดโดยใช้น้ำมันดีเซล))" in outside.message
    incineration = cached[(S2568, f"AE{25 + n}")] / 1000
    result = computed(tmp_path, "gh.yaml")
    assert result["total_t_co2e"] == pytest.approx(cached[(S2568, f"E{42 + n}")] + incineration, rel=1e-9)
    assert result["by_scope_t_co2e"]["1"] == pytest.approx(cached[(S2568, f"E{39 + n}")], rel=1e-9)
    audit = ghgcalc(tmp_path, "audit", "gh.xlsx", "-f", "json")
    assert audit.code == 0, audit
    [year] = json.loads(audit.stdout)["workbooks"][0]["years"]
    assert [f for f in year["findings"] if f["kind"] == "recompute"] == []


def test_a_source_added_below_the_total_row_is_said_not_to_be_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mower's petrol typed in row 28, below 'รวม': in no total the workbook prints, and not
    imported; it was dropped without a word."""

    def below(book: Any, cached: dict[tuple[str, str], Any]) -> None:
        ws = book[S2568]
        ws["B28"], ws["D28"], ws["F28"] = "น้ำมันเบนซิน (เครื่องตัดหญ้า)", 2.18, "ลิตร"
        for m in range(12):
            ws.cell(28, 7 + 2 * m).value = 20 + m

    _form_with(tmp_path, monkeypatch, below)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 0, run
    [extra] = [p for p in issues(run.stderr) if p.code == "tgo-row-extra"]
    assert (extra.location, extra.severity) == (f"gh.xlsx[{S2568}]!B28", "warning")
    assert "เครื่องตัดหญ้า" in extra.message and "รวม" in extra.hint


def test_a_rows_unit_changed_to_another_is_refused_and_thai_spellings_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Diesel's unit changed to 'kg' (its EF D12 is per litre): imported per kg without a word, before;
    now refused at F12. 'ลบ.ม.' for the water row is m3, as TGO writes it elsewhere (it was refused)."""

    def units(book: Any, cached: dict[tuple[str, str], Any]) -> None:
        book[S2568]["F12"], book[S2568]["F23"] = "kg", "ลบ.ม."

    _form_with(tmp_path, monkeypatch, units)
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 1, run
    [changed] = [p for p in issues(run.stderr) if p.severity == "error"]
    assert (changed.code, changed.location) == ("tgo-unit-changed", f"gh.xlsx[{S2568}]!F12")
    assert "'kg'" in changed.message and "ลิตร" in changed.message and "D12" in changed.message
    assert snapshot(tmp_path) == before


def test_a_workbook_that_is_not_form_1_5_1_is_refused(tmp_path: Path) -> None:
    assert ghgcalc(tmp_path, "init", "mine.xlsx").code == 0
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "mine.xlsx", "-o", "x.yaml")
    assert run.code == 1, run
    [problem] = [p for p in issues(run.stderr) if p.severity == "error"]
    assert (problem.location, problem.code) == ("mine.xlsx", "tgo-form-unknown")
    assert "สรุปการคำนวณ ปี" in problem.message and problem.hint and "convert" in problem.hint
    assert run.stdout == "" and snapshot(tmp_path) == before


def test_an_unknown_layout_is_located(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "สรุปการคำนวณ ปี 2568 "  # a trailing space: still a year sheet
    wb.active["B3"] = "รายการ"
    wb.save(tmp_path / "odd.xlsx")
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "odd.xlsx", "-o", "x.yaml")
    assert run.code == 1, run
    found = {(p.code, p.severity, p.location) for p in issues(run.stderr)}
    assert ("tgo-layout-unknown", "warning", "odd.xlsx[สรุปการคำนวณ ปี 2568 ]!D3") in found
    assert ("tgo-form-unknown", "error", "odd.xlsx") in found
    assert snapshot(tmp_path) == before


def test_several_years_need_a_folder(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    before = snapshot(tmp_path)
    for args in ((), ("-o", "x.yaml")):
        run = ghgcalc(tmp_path, "import", "gh2568.xlsx", *args)
        assert_usage_error(run, "2 year sheets", "-o imported/")
        assert snapshot(tmp_path) == before


def test_never_writes_over_the_workbook(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    os.symlink("gh2569.xlsx", tmp_path / "link.yaml")
    before = snapshot(tmp_path)
    assert_usage_error(ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "gh2569.xlsx", "--force"), "never writes over")
    assert_usage_error(ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "link.yaml", "--force"), "never writes over")
    assert snapshot(tmp_path) == before


def test_existing_files_need_force(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gh2568-2567.yaml").write_text("mine\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert_usage_error(ghgcalc(tmp_path, "import", "gh2568.xlsx", "-o", "out"), "already exists", "--force")
    assert snapshot(tmp_path) == before  # not even the other year was written
    run = ghgcalc(tmp_path, "import", "gh2568.xlsx", "-o", "out", "--force")
    assert run.code == 0, run
    assert (tmp_path / "out" / "gh2568-2567.yaml").read_text(encoding="utf-8") != "mine\n"
    assert (tmp_path / "out" / "gh2568-2568.yaml").is_file()


def test_no_file_changes_on_errors(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    (tmp_path / "gh2569.xlsx").write_bytes((tmp_path / "gh2569.xlsx").read_bytes()[:2000])  # truncated
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "x.yaml")
    assert run.code == 1, run
    assert [p.code for p in issues(run.stderr)] == ["xlsx-refused"]
    assert snapshot(tmp_path) == before
    assert_usage_error(ghgcalc(tmp_path, "import", "missing.xlsx"), "no such file")
    assert_usage_error(ghgcalc(tmp_path, "import", "gh2569.xlsx", "-o", "x.csv"), ".yaml")
    assert snapshot(tmp_path) == before


def test_base_year_sheet_takes_its_year_from_the_header(tmp_path: Path) -> None:
    """'สรุปการคำนวณ ปีฐาน' (the 1.6 files): the year of F3; a scope table naming another year is warned."""
    gen = g.form_1_5_1(tmp_path / "gen.xlsx")
    replace = [(S2567, "สรุปการคำนวณ ปีฐาน"), ("ประจำปี 2567 (เดือนมกราคม", "ประจำปี 2566 (เดือนมกราคม")]
    done = set()
    with zipfile.ZipFile(tmp_path / "gen.xlsx") as source, zipfile.ZipFile(tmp_path / "base.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            for old, new in replace:
                if old.encode() in data and name != "xl/worksheets/sheet1.xml":  # the 2568 sheet's links stay
                    data = data.replace(old.encode(), new.encode())
                    done.add(old)
            target.writestr(name, data)
    assert done == {old for old, _ in replace}
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "base.xlsx", "-o", "out/")
    assert run.code == 0, run
    unclear = [p for p in issues(run.stderr) if p.code == "tgo-year-unclear"]
    assert [(p.location, p.severity) for p in unclear] == [("base.xlsx[สรุปการคำนวณ ปีฐาน]!F3", "warning")]
    assert "2566" in unclear[0].message and "2567" in unclear[0].message
    result = computed(tmp_path, "out/base-2567.yaml")
    assert result["total_t_co2e"] == pytest.approx(gen.cached[(S2567, "C41")], rel=1e-9)


def _form_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """The 2568 workbook, changed as a person would in Excel before it is saved (its cached values kept)."""
    save = g._Book.save

    def changed(book: Any, path: Path) -> Any:
        change(book.wb, book.cached)
        return save(book, path)

    monkeypatch.setattr(g._Book, "save", changed)
    g.form_1_5_1(tmp_path / "gh.xlsx", with_previous_year=False)


def _rename(book: Any, cached: dict[tuple[str, str], Any], new: str) -> None:
    book[S2568].title = new
    for key in [k for k in cached if k[0] == S2568]:
        cached[(new, key[1])] = cached.pop(key)


def test_a_year_sheet_named_in_ce_is_said_to_be_imported_as_ce(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _form_with(tmp_path, monkeypatch, lambda book, cached: _rename(book, cached, "สรุปการคำนวณ ปี 2025"))
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    [ce] = [p for p in issues(run.stderr) if p.code == "tgo-year-ce"]
    assert "2025, a C.E. year" in ce.message and "(2568)" in ce.message, run


def test_a_sheet_whose_name_and_header_name_different_years_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Last year's sheet copied and renamed 'ปี 2568', its header still 'ประจำปี 2567': the period is the
    name's, and the disagreement is said at the header (it was imported as 2568 without a word)."""

    def old_header(book: Any, cached: dict[tuple[str, str], Any]) -> None:
        book[S2568]["G3"] = "ปริมาณก๊าซเรือนกระจก (kgCO2e) ประจำปี ๒๕๖๗"

    _form_with(tmp_path, monkeypatch, old_header)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 0, run
    [unclear] = [p for p in issues(run.stderr) if p.code == "tgo-year-unclear"]
    assert (unclear.location, unclear.severity) == (f"gh.xlsx[{S2568}]!G3", "warning")
    assert "2568" in unclear.message and "2567" in unclear.message and unclear.hint
    assert yaml.safe_load((tmp_path / "gh.yaml").read_text(encoding="utf-8"))["period"] == 2568


def test_a_copied_year_sheet_is_said_not_to_be_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def copy(book: Any, cached: dict[tuple[str, str], Any]) -> None:
        copied = book.copy_worksheet(book[S2568])
        copied.title = S2568 + " (2)"  # Excel's name for a copied sheet
        for key in [k for k in cached if k[0] == S2568]:
            cached[(copied.title, key[1])] = cached[key]

    _form_with(tmp_path, monkeypatch, copy)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    [skipped] = [p for p in issues(run.stderr) if p.code == "tgo-sheet-skipped"]
    assert skipped.location == f"gh.xlsx[{S2568} (2)]!A1", run


def test_a_row_moved_into_another_scope_block_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def swap(book: Any, cached: dict[tuple[str, str], Any]) -> None:  # electricity and paper change rows
        sheet = book[S2568]
        sheet["B20"].value, sheet["B21"].value = sheet["B21"].value, sheet["B20"].value

    _form_with(tmp_path, monkeypatch, swap)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    moved = {p.location: p.message for p in issues(run.stderr) if p.code == "tgo-scope-moved"}
    assert set(moved) == {f"gh.xlsx[{S2568}]!B20", f"gh.xlsx[{S2568}]!B21"}, run
    assert "lies under Scope 3, but TGO's form has it in Scope 2" in moved[f"gh.xlsx[{S2568}]!B21"]


def test_a_negative_quantity_or_ef_is_an_error_at_its_cell_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written to YAML, a negative quantity would only fail when the inventory is computed, at a
    line of a file the user did not write: it is an error at its cell, and no file is written."""

    def slips(book: Any, cached: dict[tuple[str, str], Any]) -> None:
        book[S2568]["G12"], book[S2568]["D20"] = -50, -0.4999

    _form_with(tmp_path, monkeypatch, slips)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 1, run
    found = {p.location: p.message for p in issues(run.stderr) if p.code == "tgo-cell-invalid"}
    assert found == {
        f"gh.xlsx[{S2568}]!G12": "G12 holds -50: a quantity or a factor is never negative",
        f"gh.xlsx[{S2568}]!D20": "D20 holds -0.4999: a quantity or a factor is never negative",
    }, run
    assert not (tmp_path / "gh.yaml").exists()


def test_a_printed_total_typed_as_text_is_a_warning_not_a_refused_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E42 is printed from the rows, never imported: '209.70 tCO2e' typed there is said, and the
    rows are imported (and audited) as ever."""

    def text_total(book: Any, cached: dict[tuple[str, str], Any]) -> None:
        book[S2568]["E42"] = "209.70 tCO2e"
        cached.pop((S2568, "E42"), None)

    _form_with(tmp_path, monkeypatch, text_total)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 0 and (tmp_path / "gh.yaml").exists(), run
    [said] = [p for p in issues(run.stderr) if p.code == "tgo-printed-not-number"]
    assert said.location == f"gh.xlsx[{S2568}]!E42" and said.severity == "warning"
    assert ghgcalc(tmp_path, "audit", "gh.xlsx", "-f", "json").code != 2
