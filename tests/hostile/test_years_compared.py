"""Inventories of other years given beside one: `--previous`, `--base`, `--compare-factors`, `trend`.

What an officer picks by mistake from a shared folder (the next town's file, a later year, a
community inventory for the municipality's own) and what a comparison that compares nothing looks
like are said, at the line of the file, never left to look like a real result.

Each case runs the CLI in-process on files in `tmp_path` and asserts the exit code, the located
message and the hint.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import ghgcalc, issues_coded, snapshot, write

OK = 0


def town(period: str, name: str = "Ban Khlong", extra: str = "", kind: str = "organization") -> str:
    gpc = (", gpc: I.2.1", ", gpc: I.2.2") if kind == "community" else ("", "")
    return (
        f"ghgcalc: 1\nname: {name}\nkind: {kind}\nperiod: {period}\nfactors: tgo-cfo\n{extra}activities:\n"
        f"  - {{activity: diesel-stationary, amount: 1000, unit: L, label: Generator{gpc[0]}}}\n"
        f"  - {{activity: electricity-grid, amount: 20000, unit: kWh, label: Offices{gpc[1]}}}\n"
    )


# --------------------------------------------------------------------------------------------
# --previous and --base of another organisation, another kind, a later year


def test_previous_of_another_town_is_warned_at_the_name(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", town("2567"))
    write(tmp_path, "next-town-2566.yaml", town("2566", name="Ban Khlong Yai"))
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "next-town-2566.yaml")
    assert run.code == OK, run
    [found] = issues_coded(run, "previous-year-entity")
    assert found.location == "town.yaml:2:7", run
    assert "'Ban Khlong Yai'" in found.message and "'Ban Khlong'" in found.message, run
    assert found.hint and "--previous" in found.hint, run
    assert snapshot(tmp_path) == before


def test_previous_of_the_same_town_written_otherwise_is_not_warned(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", town("2567"))
    write(tmp_path, "town-2566.yaml", town("2566", name="  ban   KHLONG "))
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "town-2566.yaml")
    assert run.code == OK and not issues_coded(run, "previous-year-entity"), run


def test_previous_with_the_same_name_and_another_code_is_warned(tmp_path: Path) -> None:
    """Thailand has many towns of one name: their local-government codes tell them apart."""
    write(tmp_path, "town.yaml", town("2567", extra="organization: {code: '5110101'}\n"))
    write(tmp_path, "same-name.yaml", town("2566", extra="organization: {code: '3401201'}\n"))
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "same-name.yaml")
    [found] = issues_coded(run, "previous-year-entity")
    assert "3401201" in found.message and "5110101" in found.message, run


def test_previous_of_another_kind_says_nothing_was_compared(tmp_path: Path) -> None:
    """A community's inventory is never compared line by line with an organisation's: said, not silent."""
    write(tmp_path, "town.yaml", town("2567"))
    write(tmp_path, "city-2566.yaml", town("2566", kind="community"))
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "city-2566.yaml")
    [found] = issues_coded(run, "previous-year-entity")
    assert found.location == "town.yaml:3:7", run
    assert "community" in found.message and "not compared" in found.message, run


def test_base_later_than_the_year_is_warned_without_uncertainty(tmp_path: Path) -> None:
    """The CFO report's Fr-04.2, Fr-04.3 and Fr-05 with a base year after the reporting year."""
    write(tmp_path, "town.yaml", town("2566"))
    write(tmp_path, "town-2568.yaml", town("2568"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--base", "town-2568.yaml", "-f", "json")
    assert run.code == OK, run
    [found] = issues_coded(run, "base-not-earlier")
    assert found.location == "town.yaml:4:9", run
    codes = [w["code"] for w in json.loads(run.stdout)["warnings"]]
    assert "base-not-earlier" in codes, run


def test_base_of_another_town_is_warned(tmp_path: Path) -> None:
    write(tmp_path, "town.yaml", town("2567"))
    write(tmp_path, "other-2562.yaml", town("2562", name="Nong Bua"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--base", "other-2562.yaml", "-f", "json", "--lang", "th")
    [found] = issues_coded(run, "base-entity")
    assert found.location == "town.yaml:2:7", run
    assert "Nong Bua" in found.message and "ปีฐาน" in found.message, run
    assert "คำแนะนำ: ระบุบัญชีก๊าซเรือนกระจกขององค์กรเดียวกันด้วย --base" in run.stderr, run


# --------------------------------------------------------------------------------------------
# --compare-factors with versions that hold none, or only some, of the inventory's keys


def test_compare_with_a_set_that_holds_no_key_says_nothing_was_compared(tmp_path: Path) -> None:
    """`ipcc-2006` has no `electricity-grid` nor `diesel-stationary`: a 0 % change was shown as if
    the IPCC defaults gave the same total, under the title "against tgo-cfo@2022-04"."""
    write(tmp_path, "town.yaml", town("2567").replace("factors: tgo-cfo", "factors: tgo-cfo@2022-04"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "ipcc-2006@2006", "-f", "json")
    assert run.code == OK, run
    data = json.loads(run.stdout)
    assert data["named_factor_sets"] == ["ipcc-2006@2006"], run
    assert data["changed_lines"] == 0
    [note] = data["notes"]
    assert note.startswith("ipcc-2006@2006 has a factor for no line of this inventory"), note
    assert "(tgo-cfo@2022-04)" in note, note
    md = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "ipcc-2006@2006", "-f", "md")
    assert md.stdout.startswith("# Ban Khlong: own factors against ipcc-2006@2006\n"), md


def test_compare_names_the_keys_the_other_edition_lacks(tmp_path: Path) -> None:
    """`tgo-cfo@2020-02` has no `electricity-grid`: that line keeps its own factor, and the note
    said "the compared versions do not change it", as if the 2020 value were the same."""
    write(tmp_path, "town.yaml", town("2567").replace("factors: tgo-cfo", "factors: tgo-cfo@2022-04"))
    run = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "tgo-cfo@2020-02", "-f", "json")
    notes = json.loads(run.stdout)["notes"]
    assert "1 line(s) keep their own factor: tgo-cfo@2020-02 has no factor for their key (electricity-grid)" in notes
    same = ghgcalc(tmp_path, "compute", "town.yaml", "--compare-factors", "tgo-cfo@2022-04", "-f", "json")
    assert json.loads(same.stdout)["notes"] == ["2 line(s) have the same factor in tgo-cfo@2022-04 as their own"]


# --------------------------------------------------------------------------------------------
# trend: how each year was computed, against the base year and against the year before


def test_trend_a_set_of_gases_used_in_one_year_only_is_no_difference(tmp_path: Path) -> None:
    """An air conditioner installed in the later year takes its R-410A from the `gases` set, which
    every run searches: the base year was said to be 'computed differently' and 'recomputed'."""
    write(tmp_path, "t2566.yaml", town("2566"))
    extra = "  - {activity: r-410a, amount: 2, unit: kg, label: New air conditioner}\n"
    write(tmp_path, "t2567.yaml", town("2567") + extra)
    run = ghgcalc(tmp_path, "trend", "t2566.yaml", "t2567.yaml", "-f", "json")
    assert run.code == OK, run
    data = json.loads(run.stdout)
    assert "gases@1" in data["years"][1]["factor_sets"], data
    assert data["years"][1]["differs_from_base"] == [], data
    assert "base_year_recomputed" not in data and "computed differently" not in run.stderr, run


def test_trend_change_from_a_year_on_another_gwp_set_is_said_on_the_later_row(tmp_path: Path) -> None:
    """Base AR5, then a year on AR6, then AR5 again: the last year's change 'vs previous' is partly
    the GWP set's, and its row said nothing (only the AR6 row differs from the base year)."""
    write(tmp_path, "t2565.yaml", town("2565"))
    write(tmp_path, "t2566.yaml", town("2566", extra="gwp: AR6\n"))
    write(tmp_path, "t2567.yaml", town("2567"))
    run = ghgcalc(tmp_path, "trend", "t2565.yaml", "t2566.yaml", "t2567.yaml", "-f", "json")
    years = json.loads(run.stdout)["years"]
    assert years[2]["differs_from_base"] == [] and years[2]["differs_from_previous"] == [
        "GWP AR5, previous inventory AR6"
    ], years
    assert years[1]["differs_from_previous"] == [], "the year after the base year has its base-year note"
    md = ghgcalc(tmp_path, "trend", "t2565.yaml", "t2566.yaml", "t2567.yaml", "-f", "md", "--lang", "th")
    assert "เปลี่ยนแปลงจากบัญชีก่อนหน้า: GWP AR5 แต่บัญชีก่อนหน้าใช้ AR6" in md.stdout, md


def test_last_years_json_result_as_previous_is_named_as_a_result(tmp_path: Path) -> None:
    """Last year's `compute -f json` output kept instead of its inventory: eleven 'unknown key'
    errors, none saying what the file is or which file to give."""
    write(tmp_path, "town-2566.yaml", town("2566"))
    write(tmp_path, "town.yaml", town("2567"))
    last = ghgcalc(tmp_path, "compute", "town-2566.yaml", "-f", "json", "-o", "last.json")
    assert last.code == OK, last
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "last.json")
    assert run.code == 1, run
    [found] = [p for p in issues_coded(run, "document-is-report")]
    assert found.location == "last.json:1:1" and "ghgcalc_result" in found.message, run
    assert found.hint and "town-2566.yaml" in found.hint, run
    assert "key-unknown" not in run.stderr, run


def test_previous_whose_code_lost_its_leading_zero_in_excel_is_the_same_town(tmp_path: Path) -> None:
    """A code typed into an Excel cell as a number drops its leading zero: 0500101 is 500101."""
    write(tmp_path, "town.yaml", town("2567", extra="organization: {code: '0500101'}\n"))
    write(tmp_path, "town-2566.yaml", town("2566", extra="organization: {code: '500101'}\n"))
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "town-2566.yaml")
    assert run.code == OK and not issues_coded(run, "previous-year-entity"), run


def test_a_trend_of_one_town_written_otherwise_names_no_other_entity(tmp_path: Path) -> None:
    """A trend's note on other entities reads names as --previous does (case, spaces) and, where
    the years give their local-government code, by the code: a town named in Thai one year and in
    English the next is one town."""
    code = "organization: {code: '5110101'}\n"
    write(tmp_path, "2565.yaml", town("2565", name="Ban Khlong", extra=code))
    write(tmp_path, "2566.yaml", town("2566", name="  ban   KHLONG ", extra=code))
    write(tmp_path, "2567.yaml", town("2567", name="เทศบาลตำบลบ้านคลอง", extra=code))
    run = ghgcalc(tmp_path, "trend", "2565.yaml", "2566.yaml", "2567.yaml", "-f", "md")
    assert run.code == OK, run
    assert "different entities" not in run.stdout + run.stderr, run
    write(tmp_path, "2567.yaml", town("2567", name="เทศบาลตำบลบ้านคลอง", extra="organization: {code: '3401201'}\n"))
    run = ghgcalc(tmp_path, "trend", "2565.yaml", "2566.yaml", "2567.yaml", "-f", "md")
    assert "different entities: Ban Khlong, เทศบาลตำบลบ้านคลอง" in run.stdout, run


def test_previous_of_years_before_is_warned_not_compared_as_last_years(tmp_path: Path) -> None:
    """A file of 2564 given as last year's for 2567: its lines' changes are over three years."""
    write(tmp_path, "town.yaml", town("2567"))
    write(tmp_path, "town-2564.yaml", town("2564"))
    write(tmp_path, "town-2566.yaml", town("2566"))
    write(tmp_path, "town-fy2566.yaml", town("FY2566"))
    run = ghgcalc(tmp_path, "validate", "town.yaml", "--previous", "town-2564.yaml")
    assert run.code == OK, run
    [found] = issues_coded(run, "previous-year-gap")
    assert found.location == "town.yaml:4:9", run
    assert "ends 24 month(s) before this one starts" in found.message, run
    for last in ("town-2566.yaml", "town-fy2566.yaml"):  # the year before, or the fiscal year before
        assert not issues_coded(ghgcalc(tmp_path, "validate", "town.yaml", "--previous", last), "previous-year-gap")


def test_a_trend_whose_middle_year_is_on_another_gwp_says_so_there_not_of_the_base(tmp_path: Path) -> None:
    """Base and newest year on AR5, the year between on AR6: that year's row says how it differs;
    the report does not say the base year differs from the newest and could not be recomputed."""
    write(tmp_path, "2565.yaml", town("2565"))
    write(tmp_path, "2566.yaml", town("2566", extra="gwp: AR6\n"))
    write(tmp_path, "2567.yaml", town("2567"))
    run = ghgcalc(tmp_path, "trend", "2565.yaml", "2566.yaml", "2567.yaml", "-f", "md")
    assert run.code == OK, run
    assert "GWP AR6, base year AR5" in run.stdout, run.stdout
    assert "could not be recomputed" not in run.stdout, run.stdout
