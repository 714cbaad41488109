"""`ghgcalc audit`: generated TGO form 1.5(1) workbooks with planted mistakes (tests/tgo_workbooks/generate.py),
each mistake named at its cells; the expected numbers are the generator's inputs, worked by hand here."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import assert_usage_error, ghgcalc, snapshot
from tests.tgo_workbooks import generate as g

S2567, S2568, S2569 = "สรุปการคำนวณ ปี 2567", "สรุปการคำนวณ ปี 2568", "สรุปการคำนวณ ปี 2569"
SEPTIC, POND = "CH4จาก Septic tank 2568", "CH4จากบ่อบำบัดไม่เติมอากาศ 2568"


def audited(folder: Path, *names: str) -> dict[str, Any]:
    before = snapshot(folder)
    run = ghgcalc(folder, "audit", *names, "-f", "json")
    assert run.code == 0, run
    assert "Traceback" not in run.stderr
    assert snapshot(folder) == before  # the workbooks are never written
    return dict(json.loads(run.stdout))


def findings(document: dict[str, Any], sheet: str = S2568) -> list[dict[str, Any]]:
    return [f for book in document["workbooks"] for y in book["years"] if y["sheet"] == sheet for f in y["findings"]]


def test_a_clean_workbook_has_no_findings(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    document = audited(tmp_path, "gh2568.xlsx")
    years = document["workbooks"][0]["years"]
    assert [y["sheet"] for y in years] == [S2568, "สรุปการคำนวณ ปี 2567"]
    for year in years:
        assert year["findings"] == [] and year["ask"] == []
        assert year["matches"] == year["compared"] > 12 * 5
        assert "nothing to ask" in year["verdict"]
    assert document["findings"] == 0 and document["copies"] == []


def test_the_staff_slip_is_named_with_its_month_cell_and_typical_value(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 1122222))
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    assert len(found) == 1, found
    slip = found[0]
    assert (slip["kind"], slip["sheet"], slip["cells"], slip["month"]) == ("plausibility", SEPTIC, ["N3"], 12)
    assert slip["stated"] == 1122222
    assert slip["expected"] == 60  # the generator's staff in every other month
    assert "1,122,222" in slip["ask"] and "Dec" in slip["ask"]


def test_a_slip_a_thousand_times_too_small_is_said_as_a_fraction(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 0.06))  # 60 staff typed in thousands
    [slip] = findings(audited(tmp_path, "gh2568.xlsx"))
    assert "is 1/1,000 of the other months' typical value 60" in slip["message"], slip  # it read "0.0 times"
    thai = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "--lang", "th")
    assert "เป็น 1/1,000 ของค่าปกติของเดือนอื่น (60)" in thai.stdout + thai.stderr, thai


def test_a_stale_cached_value_is_found_at_the_input_and_the_printed_cell(tmp_path: Path) -> None:
    gen = g.form_1_5_1(tmp_path / "gh2568.xlsx", stale_total="cached")
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    assert len(found) == 1, found
    stale = found[0]
    assert stale["kind"] == "recompute" and stale["month"] == 3
    assert "K12" in stale["cells"] and stale["cells"][-1] == "L12"
    march = g.synthetic_month(70.0, 3, 2568)  # the corrected quantity in K12
    assert stale["expected"] == pytest.approx(march * 2.7406, rel=1e-12)
    assert stale["stated"] == pytest.approx(gen.cached[(S2568, "L12")]) == pytest.approx((march + 10) * 2.7406)


def test_a_typed_total_that_is_not_its_months_is_found(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", stale_total="typed")
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    assert len(found) == 1, found
    typed = found[0]
    assert (typed["kind"], typed["sheet"], typed["cells"][-1]) == ("consistency", POND, "O3")
    water = sum(g.synthetic_month(600.0, m, 2568) for m in range(1, 13))
    assert typed["expected"] == pytest.approx(water) and typed["stated"] == pytest.approx(water - 0.4)


def test_an_outdated_factor_with_its_effect(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", factors={12: 2.7446})
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    assert [f["kind"] for f in found] == ["factor"], found
    factor = found[0]
    assert (factor["cells"], factor["edition"]) == (["D12"], "tgo-cfo@2022-04")
    assert (factor["stated"], factor["expected"]) == (2.7446, 2.7406)
    litres = sum(g.synthetic_month(70.0, m, 2568) for m in range(1, 13))
    assert factor["effect_t"] == pytest.approx(litres * (2.7406 - 2.7446) / 1000, rel=1e-9)


def test_a_factor_typed_as_a_round_number_or_zero_is_found(tmp_path: Path) -> None:
    """The grid EF D20 wiped to 0 and the diesel EF D12 typed as 3, the sheet recalculated: scope 2 printed
    as 0 t. A typed 0 or 3 was taken for TGO's 0.4999 or 2.7406 rounded to no decimals (half a unit
    of 0 decimals is 0.5), and the audit said the factors were TGO's, nothing to ask."""
    g.form_1_5_1(tmp_path / "gh2568.xlsx", factors={12: 3.0, 20: 0.0})
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    by_cell = {tuple(f["cells"]): f for f in found}
    assert set(by_cell) == {("D12",), ("D20",)}, found
    assert (by_cell[("D20",)]["stated"], by_cell[("D20",)]["expected"]) == (0, 0.4999)
    assert (by_cell[("D12",)]["stated"], by_cell[("D12",)]["expected"]) == (3, 2.7406)
    assert all(f["code"] == "audit-factor-edition" for f in found)


def test_a_factor_rounded_to_four_digits_is_not_a_finding(tmp_path: Path) -> None:
    """2.74 for 2026's 2.740339134 is TGO's value rounded: not asked about (0.475 for 0.4750 neither)."""
    g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False, factors={12: 2.7403, 20: 0.475})
    found = findings(audited(tmp_path, "gh2569.xlsx"), S2569)
    assert [f for f in found if f["cells"] in (["D12"], ["D20"])] == [], found


def test_a_year_sheet_named_in_ce_is_audited_as_its_be_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'สรุปการคำนวณ ปี 2026' (its septic and pond sheets named 2569): the audit looked for the edition in
    force in C.E. 1483 and for companion sheets of 2026, compared no factor and no companion sheet, and
    said nothing to ask; the import warned that the septic and pond sheets were missing."""
    save = g._Book.save

    def renamed(book: Any, path: Path) -> Any:
        new = "สรุปการคำนวณ ปี 2026"
        book.wb[S2569].title = new
        for key in [k for k in book.cached if k[0] == S2569]:
            book.cached[(new, key[1])] = book.cached.pop(key)
        return save(book, path)

    monkeypatch.setattr(g._Book, "save", renamed)
    g.form_1_5_1(tmp_path / "gh.xlsx", 2569, with_previous_year=False, staff_slip=(12, 1122222))
    [year] = audited(tmp_path, "gh.xlsx")["workbooks"][0]["years"]
    assert (year["year"], year["factors_compared"]) == (2569, 5), year
    found = {(f["code"], tuple(f["cells"])) for f in year["findings"]}
    assert ("audit-factor-edition", ("D20",)) in found  # 0.4999 where tgo-cfo@2026-02 gives 0.475
    assert ("audit-month-outlier", ("N3",)) in found  # the septic sheet of 2569 is read
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 0 and "tgo-year-ce" in run.stderr and "tgo-sheet-missing" not in run.stderr, run


def test_the_forms_fixed_factors_changed_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The septic sheet's Q2 ('ค่า fix ห้ามแก้', 0.012) typed as 0.12, the pond factor H7 as 0.5 (none
    of TGO's pond types) and row 16's EF as 25 (not CH4's 28), every sheet recalculated with them: each
    printed value followed its inputs and none of these factors is a bundled one, so the audit said
    nothing to ask of a scope 1 six times too high, while the import warned 'ghgcalc audit compares
    the two sheets'."""
    save = g._Book.save

    def changed(book: Any, path: Path) -> Any:
        wb, cached = book.wb, book.cached
        septic, pond, summary = wb[SEPTIC], wb[POND], wb[S2568]
        septic["Q2"], pond["H7"], summary["D16"] = 0.12, 0.5, 25
        for m in range(12):
            ch4, cf = g.col(3 + m) + "4", g.col(8 + 2 * m) + "16"
            cached[(SEPTIC, ch4)] = septic.cell(2, 3 + m).value * septic.cell(3, 3 + m).value * 0.12
            cached[(S2568, g.col(7 + 2 * m) + "16")] = cached[(SEPTIC, ch4)]
            cached[(S2568, cf)] = cached[(SEPTIC, ch4)] * 25
            cached[(POND, g.col(2 + m) + "13")] = 0.5 * cached[(POND, g.col(2 + m) + "12")] * 0.12
            cached[(S2568, g.col(7 + 2 * m) + "17")] = cached[(POND, g.col(2 + m) + "13")]
            cached[(S2568, g.col(8 + 2 * m) + "17")] = cached[(POND, g.col(2 + m) + "13")] * 28
        before = cached[(S2568, "AE16")] + cached[(S2568, "AE17")]
        for r in (16, 17):
            cached[(S2568, f"AE{r}")] = sum(cached[(S2568, g.col(8 + 2 * m) + str(r))] for m in range(12))
        grown = cached[(S2568, "AE16")] + cached[(S2568, "AE17")] - before
        for cell in ("AE26", "E39", "E42"):
            cached[(S2568, cell)] += grown / (1000 if cell.startswith("E") else 1)
        return save(book, path)

    monkeypatch.setattr(g._Book, "save", changed)
    g.form_1_5_1(tmp_path / "gh.xlsx", with_previous_year=False)
    found = {(f["sheet"], tuple(f["cells"])): f for f in findings(audited(tmp_path, "gh.xlsx"))}
    septic, pond, ef = found[(SEPTIC, ("Q2",))], found[(POND, ("H7",))], found[(S2568, ("D16",))]
    assert {septic["code"], pond["code"], ef["code"]} == {"audit-factor-form"}
    assert (septic["stated"], septic["expected"], ef["stated"], ef["expected"]) == (0.12, 0.012, 25, 28)
    assert pond["stated"] == 0.5 and "0.05" in pond["message"] and "0.2" in pond["message"]
    th = ghgcalc(tmp_path, "audit", "gh.xlsx", "-f", "json", "--lang", "th")
    assert "ค่าคงที่ของแบบฟอร์ม" in th.stdout, th


def test_the_2569_grid_factor_against_the_2026_edition(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2569.xlsx", 2569, with_previous_year=False)
    found = findings(audited(tmp_path, "gh2569.xlsx"), S2569)
    grid = next(f for f in found if f["cells"] == ["D20"])
    assert (grid["kind"], grid["edition"], grid["stated"], grid["expected"]) == (
        "factor",
        "tgo-cfo@2026-02",
        0.4999,
        pytest.approx(0.4750),
    )
    kwh = sum(g.synthetic_month(30000.0, m, 2569) for m in range(1, 13))
    assert grid["effect_t"] == pytest.approx(-kwh * 0.0249 / 1000, rel=1e-9)
    assert all(f["kind"] == "factor" for f in found)  # its arithmetic is sound


def test_a_month_whose_cf_cell_was_merged_away_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """G20:H20 merged (or H20 cleared): January's electricity has no CF, so the workbook's totals, all
    recalculated and consistent, leave the month out; the audit compared printed values only and said
    nothing, the import wrote lines that compute to more than the printed E42 without a word."""
    save = g._Book.save

    def merged(book: Any, path: Path) -> Any:
        ws, gone = book.wb[S2569], book.cached.pop((S2569, "H20"))
        ws.merge_cells("G20:H20")
        for cell in ("AE20", "H26", "AE26", "E40", "E42"):
            book.cached[(S2569, cell)] -= gone / (1000 if cell.startswith("E") else 1)
        return save(book, path)

    monkeypatch.setattr(g._Book, "save", merged)
    g.form_1_5_1(tmp_path / "gh.xlsx", 2569, with_previous_year=False)
    found = findings(audited(tmp_path, "gh.xlsx"), S2569)
    [missing] = [f for f in found if f["kind"] == "recompute"]
    january = g.synthetic_month(30000.0, 1, 2569)
    assert (missing["code"], missing["cells"], missing["month"]) == ("audit-cf-missing", ["G20", "H20"], 1)
    assert missing["stated"] is None and missing["expected"] == pytest.approx(january * 0.4999)
    run = ghgcalc(tmp_path, "import", "gh.xlsx", "-o", "gh.yaml")
    assert run.code == 0, run
    assert f"gh.xlsx[{S2569}]!H20: warning[tgo-printed-differs]" in run.stderr


def test_a_year_sheet_holding_last_years_months_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2568's sheet copied from 2567 and not updated: every printed value follows from its inputs, so
    the audit said 'nothing to ask'; each row and series that repeats 2567 month by month is found."""
    monkeypatch.setattr(g, "synthetic_month", lambda base, month, year: round(base * (1 + 0.2 * (month % 5) / 5), 1))
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    document = audited(tmp_path, "gh2568.xlsx")
    repeated = [f for f in findings(document) if f["code"] == "audit-year-repeated"]
    assert [f["cells"] for f in repeated] == [[f"G{r}:AC{r}"] for r in (12, 20, 21, 23, 24)] + [["C3:N3"]]
    assert all(f["kind"] == "plausibility" for f in repeated)
    assert repeated[1]["where"] == f"gh2568.xlsx[{S2568}]!G20:AC20, gh2568.xlsx[{S2567}]!F20:AB20"
    assert "2567" in repeated[1]["message"] and "copied" in repeated[1]["ask"]
    assert [f for f in findings(document, S2567) if f["code"] == "audit-year-repeated"] == []


def test_a_repeated_series_is_said_once_against_copies_of_the_earlier_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two copies of one workbook audited together: 2568's repeated rows were said once for each
    copy of 2567 (and the real 1.6 files, four workbooks of the same office, gave each three times)."""
    monkeypatch.setattr(g, "synthetic_month", lambda base, month, year: round(base * (1 + 0.2 * (month % 5) / 5), 1))
    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    g.form_1_5_1(tmp_path / "copy.xlsx")
    document = audited(tmp_path, "gh2568.xlsx", "copy.xlsx")
    first = [f for f in document["workbooks"][0]["years"][0]["findings"] if f["code"] == "audit-year-repeated"]
    assert [f["cells"] for f in first] == [[f"G{r}:AC{r}"] for r in (12, 20, 21, 23, 24)] + [["C3:N3"]]


def test_one_sheet_serving_two_years_is_not_a_year_repeating_itself() -> None:
    """Form 1.6 keeps one septic sheet, without a year, for the year and its base year: its months
    were found to 'repeat' themselves, the same cells named as both years'."""
    from dataclasses import replace

    from ghgcalc.core.audit_input import Stated, StatedSeries, StatedYear
    from ghgcalc.core.audit_repeated import repeated_years

    days = [20, 21, 22, 19, 23, 18, 22, 21, 20, 23, 19, 16]
    months = tuple(Stated(v, "CH4จากseptic tank", f"{c}2") for c, v in zip("CDEFGHIJKLMN", days, strict=True))
    year = StatedYear(S2568, 2568, (), {}, Stated(0.0, S2568, "E42"), (StatedSeries("working days", "d", months),))
    base = replace(year, sheet="สรุปการคำนวณ ปีฐาน", year=2567)
    assert repeated_years([("gh.xlsx", "form", year), ("gh.xlsx", "form", base)]) == {}
    copied = tuple(replace(m, sheet="CH4จาก Septic tank 2567") for m in months)  # another sheet: a real repeat
    other = replace(base, series=(StatedSeries("working days", "d", copied),))
    assert list(repeated_years([("gh.xlsx", "form", year), ("gh.xlsx", "form", other)])) == [0]


def test_a_rows_unit_changed_to_another_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Diesel in 'kg' with an EF per litre: the factor check was skipped without a word."""
    save = g._Book.save

    def in_kg(book: Any, path: Path) -> Any:
        book.wb[S2569]["F12"] = "kg"
        return save(book, path)

    monkeypatch.setattr(g._Book, "save", in_kg)
    g.form_1_5_1(tmp_path / "gh.xlsx", 2569, with_previous_year=False)
    found = findings(audited(tmp_path, "gh.xlsx"), S2569)
    [unit] = [f for f in found if f["code"] == "audit-unit-differs"]
    assert (unit["kind"], unit["cells"]) == ("factor", ["D12"])
    assert "kg" in unit["message"] and "diesel-mobile" in unit["message"] and unit["ask"]


def test_pond_water_differing_from_the_summary(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", pond_input={12: 1033})
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    differ = [f for f in found if f["code"] == "audit-sheets-differ"]
    assert len(differ) == 1, found
    assert differ[0]["cells"] == ["N3", f"[{S2568}]!AC23"] and differ[0]["month"] == 12
    assert differ[0]["stated"] == 1033
    assert differ[0]["expected"] == g.synthetic_month(600.0, 12, 2568)


def test_pond_water_a_fraction_off_the_summary_is_found(tmp_path: Path) -> None:
    """The real case: the pond's December corrected to a whole 1,033 while the summary's water row
    keeps 1,032.6. Two typed inputs of one quantity are compared as typed: a whole number is not
    read as "1,033 give or take 0.5"."""
    summary = g.synthetic_month(600.0, 12, 2568)  # 714.5 m3 on the summary's water row
    assert summary % 1
    g.form_1_5_1(tmp_path / "gh2568.xlsx", pond_input={12: float(round(summary + 0.1))})  # 715
    differ = [f for f in findings(audited(tmp_path, "gh2568.xlsx")) if f["code"] == "audit-sheets-differ"]
    assert [(f["month"], f["stated"], f["expected"]) for f in differ] == [(12, 715, summary)], differ


def test_a_stale_septic_ch4_cell_is_found_at_its_inputs_and_itself(tmp_path: Path) -> None:
    # December's staff corrected from 65 to 60 after the last recalculation: N4 keeps 19 x 65 x 0.012
    g.form_1_5_1(tmp_path / "gh2568.xlsx", septic_stale=(12, 65))
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    assert len(found) == 1, found  # the summary's AC16 follows N4: not reported again
    stale = found[0]
    assert (stale["kind"], stale["sheet"], stale["cells"], stale["month"]) == (
        "recompute",
        SEPTIC,
        ["N2", "N3", "Q2", "N4"],
        12,
    )
    # December 2568 has 19 working days (19 + (12 x 7 + 2568) % 4), 60 staff, Q2 = 0.012 kgCH4 per person-day
    assert stale["stated"] == pytest.approx(19 * 65 * 0.012) == pytest.approx(14.82)
    assert stale["expected"] == pytest.approx(19 * 60 * 0.012) == pytest.approx(13.68)
    assert "14.82" in stale["message"] and "13.68" in stale["message"]


def test_the_summarys_septic_row_typed_over_is_found_at_both_sheets(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", septic_typed={3: 20.0})
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    assert len(found) == 1, found
    typed = found[0]
    assert (typed["kind"], typed["code"], typed["sheet"], typed["month"]) == (
        "consistency",
        "audit-sheets-differ",
        SEPTIC,
        3,
    )
    assert typed["cells"] == ["E4", f"[{S2568}]!K16"]  # March: the septic sheet's E4 (C is January), the summary's K16
    # March 2568: 20 working days (19 + (3 x 7 + 2568) % 4) x 60 staff x 0.012 = 14.4 kgCH4
    assert typed["stated"] == pytest.approx(14.4) and typed["expected"] == 20.0


def test_two_copies_of_one_year_whose_pond_december_differs(tmp_path: Path) -> None:
    pond = "CH4จากบ่อบำบัดไม่เติมอากาศ 2567"
    g.form_1_5_1(tmp_path / "a.xlsx", 2567, with_previous_year=False, pond_input={12: 1032.6})
    g.form_1_5_1(tmp_path / "b.xlsx", 2567, with_previous_year=False, pond_input={12: 1033})
    document = audited(tmp_path, "a.xlsx", "b.xlsx")
    [copies] = document["copies"]
    assert copies["year"] == 2567
    assert copies["copies"] == [f"a.xlsx[{S2567}]", f"b.xlsx[{S2567}]"]
    [differ] = copies["findings"]  # the pond's kgCH4 row follows the water: compared through it
    assert (differ["kind"], differ["code"], differ["month"]) == ("copies", "audit-copies-differ", 12)
    assert differ["where"] == f"a.xlsx[{pond}]!N3, b.xlsx[{pond}]!N3"
    assert (differ["stated"], differ["expected"]) == (1032.6, 1033)
    assert "1,032.6" in differ["message"] and "1,033" in differ["message"] and "0.4" in differ["message"]
    # each workbook's pond water also differs from its own summary's water row (row 23): found in each
    for book in document["workbooks"]:
        assert [f["code"] for y in book["years"] for f in y["findings"] if f["kind"] == "consistency"] == [
            "audit-sheets-differ"
        ]
    assert document["findings"] == 3 + sum(
        1 for book in document["workbooks"] for y in book["years"] for f in y["findings"] if f["kind"] != "consistency"
    )
    # every format shows it
    for fmt in ("md", "table"):
        run = ghgcalc(tmp_path, "audit", "a.xlsx", "b.xlsx", "-f", fmt)
        assert run.code == 0, run
        text = " ".join(run.stdout.split())
        assert "1,032.6" in text and "1,033" in text and "b.xlsx" in text, text
    assert ghgcalc(tmp_path, "audit", "a.xlsx", "b.xlsx", "-f", "xlsx", "-o", "audit.xlsx").code == 0
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(tmp_path / "audit.xlsx")["Findings"].iter_rows()]
    copied = [r for r in rows if r[2] == "copies"]
    assert len(copied) == 1 and copied[0][5:7] == [1032.6, 1033] and "b.xlsx" in copied[0][3]


def test_two_equal_copies_agree(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_bytes((tmp_path / "a.xlsx").read_bytes())
    document = audited(tmp_path, "a.xlsx", "b.xlsx")
    assert [(c["year"], c["findings"]) for c in document["copies"]] == [(2568, []), (2567, [])]
    assert all(c["compared"] > 12 * 6 and "agree" in c["verdict"] for c in document["copies"])
    assert document["findings"] == 0


def test_done_when_slip_stale_total_and_old_factor_in_one_workbook(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 1122222), stale_total="cached", factors={12: 2.7446})
    found = findings(audited(tmp_path, "gh2568.xlsx"))
    named = {(f["kind"], f["sheet"], f["cells"][-1]) for f in found}
    assert named == {
        ("plausibility", SEPTIC, "N3"),
        ("recompute", S2568, "L12"),
        ("factor", S2568, "D12"),
    }
    # the table names the same three, with what to ask
    run = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "table")
    assert run.code == 0, run
    for text in ("N3", "L12", "D12", "What to ask the municipality", "1,122,222"):
        assert text in run.stdout


def test_every_format_parses_or_opens(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 1122222), factors={12: 2.7446})
    json_run = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "json")
    assert json_run.code == 0 and json.loads(json_run.stdout)["findings"] == 2
    md = ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "md")
    assert md.code == 0 and md.stdout.startswith("# Audit of TGO workbooks")
    assert "| 1 | factor |" in md.stdout or "| 1 | plausibility |" in md.stdout
    assert ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "xlsx", "-o", "audit.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "audit.xlsx")
    texts = [c.value for row in book["Findings"].iter_rows() for c in row if c.value is not None]
    assert "N3" in texts and "D12" in texts
    assert any(isinstance(t, str) and t.startswith("Verdict:") for t in texts)
    # never over the workbook, never over an existing file without --force
    assert_usage_error(ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "xlsx", "-o", "gh2568.xlsx", "--force"))
    assert_usage_error(ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "xlsx", "-o", "audit.xlsx"))


def test_a_workbook_that_is_not_a_tgo_form_exits_1(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    book.save(tmp_path / "other.xlsx")
    run = ghgcalc(tmp_path, "audit", "other.xlsx", "-f", "json")
    assert run.code == 1, run
    assert "error[tgo-form-unknown]" in run.stderr and run.stdout == ""
    assert_usage_error(ghgcalc(tmp_path, "audit", "missing.xlsx"))
    assert_usage_error(ghgcalc(tmp_path, "audit", "gh.csv"))


@pytest.mark.slow
def test_the_findings_sheet_converts_to_pdf(tmp_path: Path) -> None:
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 1122222))
    assert ghgcalc(tmp_path, "audit", "gh2568.xlsx", "-f", "xlsx", "-o", "audit.xlsx").code == 0
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "audit.xlsx")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "audit.pdf").stat().st_size > 1000


def test_a_vsheet_with_an_outdated_grid_factor_and_a_stale_line(tmp_path: Path) -> None:
    pytest.importorskip("ghgcalc.io.tgo_vsheet")  # the V-Sheet reader, where it is installed
    g.vsheet_cfo(tmp_path / "v07.xlsx", "07", period="ม.ค.69-ธ.ค.69", electricity_factor=0.4999, stale_total=True)
    document = audited(tmp_path, "v07.xlsx")
    assert document["workbooks"][0]["form"] == "V-Sheet CFO"
    found = findings(document, "Fr-04.1")
    grid = next(f for f in found if f["cells"] == ["Q31"])
    assert (grid["edition"], grid["stated"], grid["expected"]) == ("tgo-cfo@2026-02", 0.4999, pytest.approx(0.4750))
    assert grid["effect_t"] == pytest.approx(-412000.0 * 0.0249 / 1000, rel=1e-9)
    stale = next(f for f in found if f["kind"] == "recompute")
    assert stale["cells"][0] == "D11" and stale["cells"][-1] == "AO11"
    assert findings(document, "Fr-04.2") == []  # the base year's factors are those TGO printed for it


@pytest.mark.parametrize("typed", [0.0, 0.6])
def test_a_vsheet_factor_typed_over_with_no_tgo_value_is_found(tmp_path: Path, typed: float) -> None:
    """Q31 (grid electricity) typed over with 0 or 0.6, AO31 recomputed from it: a factor that equals
    no bundled tgo-cfo factor had no key, so it was compared with nothing, and the audit said the
    factors were TGO's, nothing to ask, of a sheet whose scope 2 was 0 t (or 247 t for 206 t)."""
    pytest.importorskip("ghgcalc.io.tgo_vsheet")
    g.vsheet_cfo(tmp_path / "v.xlsx", electricity_factor=typed)
    for lang in ("en", "th"):
        run = ghgcalc(tmp_path, "audit", "v.xlsx", "-f", "json", "--lang", lang)
        assert run.code == 0, run
        [year] = [y for y in json.loads(run.stdout)["workbooks"][0]["years"] if y["sheet"] == "Fr-04.1"]
        [found] = year["findings"]
        assert (found["kind"], found["code"], found["cells"], found["stated"]) == (
            "factor",
            "audit-factor-unknown",
            ["Q31"],
            typed,
        )
        assert "Q31" in found["message"] and "Q31" in found["ask"]
        if lang == "th":
            assert "ไม่ตรงกับค่าใด" in found["message"], found


def test_one_workbook_holding_a_year_twice(tmp_path: Path) -> None:
    from dataclasses import replace

    from ghgcalc.core.audit import compare_copies
    from ghgcalc.io.tgo_form import read_form
    from ghgcalc.io.tgo_form_inventory import stated_years

    g.form_1_5_1(tmp_path / "gh2568.xlsx")
    year = stated_years(read_form(str(tmp_path / "gh2568.xlsx"), "gh2568.xlsx"))[0]
    staff = next(s for s in year.series if s.name == "staff")
    months = list(staff.months)
    months[4] = replace(months[4], value=61.0, sheet="copy", cell="G3")  # May's staff in the second copy
    twice = replace(
        year, sheet="copy", series=tuple(replace(s, months=tuple(months)) if s is staff else s for s in year.series)
    )
    [copies] = compare_copies([("gh2568.xlsx", "form 1.5(1)", year), ("gh2568.xlsx", "form 1.5(1)", twice)])
    assert copies.copies == (f"gh2568.xlsx[{S2568}]", "gh2568.xlsx[copy]")
    [differ] = copies.findings
    assert (differ.month, differ.stated, differ.expected) == (5, 60, 61.0)
    assert differ.where == f"gh2568.xlsx[{SEPTIC}]!G3, gh2568.xlsx[copy]!G3"
