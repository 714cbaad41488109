"""`ghgcalc summary` where a programme's files differ in ways a person cannot see or would not
think of: a province typed in look-alike Thai, one year written in B.E. and in C.E., a community
inventory beside municipalities, a file broken in its shape (its row still says who it is), a
group where nothing computed (no total of 0), a divisor of 1e-320 (no infinite intensity)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT
from tests.helpers import ghgcalc, issues, write


def town(name: str, code: str, province: str, period: str = "FY2567", extra: str = "") -> str:
    return (
        f"ghgcalc: 1\nname: {name}\nperiod: {period}\n"
        f'organization: {{type: subdistrict-municipality, province: "{province}", code: "{code}"}}\n'
        f"{extra}activities:\n  - {{activity: diesel-stationary, amount: 100, unit: L}}\n"
    )


def summary(folder: Path, *args: str) -> tuple[dict, object]:
    run = ghgcalc(folder, "summary", *args, "-f", "json")
    return json.loads(run.stdout), run


def test_a_province_typed_in_look_alike_thai_is_one_group(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("A", "1", "ลำปาง"))  # sara am
    write(towns, "b.yaml", town("B", "2", "ล\u0e4d\u0e32ปาง"))  # nikhahit + sara aa: looks the same
    write(towns, "c.yaml", town("C", "3", "ลำปาง\u200b"))  # a zero-width space from a web page
    write(towns, "d.yaml", town("D", "4", "เเพร่"))  # two sara e for sara ae
    write(towns, "e.yaml", town("E", "5", "แพร่"))
    data, run = summary(tmp_path, "towns")
    groups = {group["group"]: group["files"] for group in data["by_province"]}
    assert groups == {"ลำปาง": 3, "แพร่": 2}, run
    assert not [p for p in issues(run.stderr) if p.code == "province-spellings"]


def test_one_period_written_in_be_and_in_ce_is_one_period(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a-2567.yaml", town("A", "7000002", "ลำปาง", "2567"))
    write(towns, "a-copy-2024.yaml", town("A", "7000002", "ลำปาง", "2024"))
    data, run = summary(tmp_path, "towns")
    codes = [p.code for p in issues(run.stderr)]
    assert "inventory-repeated" in codes and "periods-mixed" not in codes, run
    assert {(r["period"], r["period_start"], r["period_end"]) for r in data["inventories"]} == {
        ("2567", "2024-01-01", "2024-12-31"),
        ("2024", "2024-01-01", "2024-12-31"),
    }


def test_a_community_inventory_beside_municipalities_is_said_to_count_them_twice(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    for name in ("city.yaml", "municipality.yaml"):
        (towns / name).write_text((ROOT / "examples" / name).read_text(encoding="utf-8"), encoding="utf-8")
    data, run = summary(tmp_path, "towns")
    assert [r["kind"] for r in data["inventories"]] == ["community", "organization"], run
    [mixed] = [p for p in issues(run.stderr) if p.code == "kinds-mixed"]
    assert "twice" in mixed.message


def test_a_file_broken_in_its_shape_still_says_who_it_is(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "staff.yaml", town("Staff", "11", "ลำปาง", extra="indicators: {staff: -80}\n"))
    write(towns, "typo.yaml", town("Typo", "12", "ลำปาง").replace("activities:", "activites:"))
    write(towns, "good.yaml", town("Good", "13", "ลำปาง"))
    data, _ = summary(tmp_path, "towns")
    rows = {r["file"]: r for r in data["inventories"]}
    for name, code in (("towns/staff.yaml", "11"), ("towns/typo.yaml", "12")):
        row = rows[name]
        assert (row["status"], row["code"], row["province"], row["period_start"]) == (
            "errors",
            code,
            "ลำปาง",
            "2023-10-01",
        ), row
    assert rows["towns/staff.yaml"]["first_error"] == "staff: -80 is negative"
    # the misspelt key is the one error, at its line, not "'activities' is required" at 1:1
    assert rows["towns/typo.yaml"]["first_error_code"] == "key-unknown"
    assert rows["towns/typo.yaml"]["first_error_at"] == "towns/typo.yaml:5:1"
    [province] = data["by_province"]
    assert (province["files"], province["computed"], province["with_errors"]) == (3, 1, 2)


def test_a_group_where_nothing_computed_has_no_total_not_a_total_of_zero(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "good.yaml", town("Good", "1", "ลำปาง"))
    write(towns, "bad.yaml", town("Bad", "2", "แพร่").replace("unit: L", "unit: gallons-ish"))
    data, run = summary(tmp_path, "towns")
    totals = {group["group"]: group["total_t_co2e"] for group in data["by_province"]}
    assert totals["แพร่"] is None and totals["ลำปาง"] > 0, run
    md = ghgcalc(tmp_path, "summary", "towns", "-f", "md").stdout
    [row] = [line for line in md.splitlines() if line.startswith("| แพร่")]
    assert "0.00" not in row


def test_a_divisor_of_1e_320_is_refused_not_an_infinite_intensity(tmp_path: Path) -> None:
    write(tmp_path, "staff.yaml", town("S", "1", "ลำปาง", extra="indicators: {staff: 1.0e-320}\n"))
    write(tmp_path, "output.yaml", town("O", "2", "ลำปาง", extra="output: {amount: 1.0e-320, unit: persons}\n"))
    run = ghgcalc(tmp_path, "compute", "staff.yaml", "output.yaml", "-f", "json")
    assert run.code == 1, run
    said = {((p.location or "").split(":")[0], p.code) for p in issues(run.stderr)}
    assert said == {("staff.yaml", "amount-too-small"), ("output.yaml", "amount-too-small")}
    data, run = summary(tmp_path, "staff.yaml", "output.yaml")
    assert "Infinity" not in run.stdout and [r["status"] for r in data["inventories"]] == ["errors", "errors"]


def test_an_output_in_another_unit_is_not_an_outlier_among_outputs_in_persons(tmp_path: Path) -> None:
    """Five towns give their output in persons (9,000), one in staff (80): its tCO2e per unit of
    output, 112 times theirs, was named an outlier, and the rollups' spread mixed the two units."""
    for number in range(1, 7):
        output = "{amount: 80, unit: staff}" if number == 6 else "{amount: 9000, unit: persons}"
        write(tmp_path, f"t{number}.yaml", town(f"T{number}", str(number), "ลำปาง", extra=f"output: {output}\n"))
    data, run = summary(tmp_path, ".")
    assert run.code == 0, run
    assert data["outliers"] == []
    [mixed] = [p for p in issues(run.stderr) if p.code == "output-units-mixed"]
    assert "the outputs are in 2 units (persons, staff)" in mixed.message
    assert [w["code"] for w in data["warnings"]] == ["output-units-mixed"]
    assert [row["output_unit"] for row in data["inventories"]] == ["persons"] * 5 + ["staff"]
    # the same six in one unit: the sixth is an outlier, and nothing is mixed
    write(tmp_path, "t6.yaml", town("T6", "6", "ลำปาง", extra="output: {amount: 80, unit: persons}\n"))
    data, run = summary(tmp_path, ".")
    assert [o["file"] for o in data["outliers"]] == ["t6.yaml"]
    assert "output-units-mixed" not in run.stderr


def test_a_copy_that_gives_no_code_beside_the_file_that_gives_one_is_named(tmp_path: Path) -> None:
    """An officer adds organization.code to this year's file; last week's copy, without it, is still
    in the folder: the town would count twice, so the copy is named."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("เทศบาลตำบลบ้านใหม่", "6500101", "ลำปาง"))
    write(towns, "a-old.yaml", town("เทศบาลตำบลบ้านใหม่", "6500101", "ลำปาง").replace(', code: "6500101"', ""))
    write(towns, "b.yaml", town("B", "6500102", "ลำปาง"))
    data, run = summary(tmp_path, "towns")
    assert run.code == 0, run
    [repeat] = [p for p in issues(run.stderr) if p.code == "inventory-repeated"]
    assert repeat.location == "towns/a.yaml" and "towns/a-old.yaml" in repeat.message, run.stderr
    assert "6500101" in repeat.message
    assert [w["code"] for w in data["warnings"]] == ["inventory-repeated"]


def test_two_towns_of_one_name_and_two_codes_are_not_a_copy(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("เทศบาลตำบลบ้านใหม่", "6500101", "ลำปาง"))
    write(towns, "b.yaml", town("เทศบาลตำบลบ้านใหม่", "6500199", "ลำปาง"))
    _, run = summary(tmp_path, "towns")
    assert not [p for p in issues(run.stderr) if p.code == "inventory-repeated"], run.stderr


def test_one_code_under_two_names_is_said_as_a_code_of_two_names(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("Ban Mai", "6500101", "ลำปาง"))
    write(towns, "b.yaml", town("Ban Kao", "6500101", "ลำปาง"))
    _, run = summary(tmp_path, "towns", "--lang", "th")
    [repeat] = [p for p in issues(run.stderr) if p.code == "inventory-repeated"]
    assert "Ban Kao" in repeat.message and "Ban Mai" in repeat.message, run.stderr


def test_one_file_pinned_to_an_older_factor_edition_among_its_peers_is_said(tmp_path: Path) -> None:
    """Same period, one file pinned to tgo-cfo@2022-04 while the others take the edition in force
    (2026-02): the rollups add tonnes from two sets of factors, and the summary says so."""
    towns = tmp_path / "towns"
    towns.mkdir()
    for number in range(4):
        write(towns, f"t{number}.yaml", town(f"T{number}", f"65{number}", "ลำปาง", "2569"))
    write(towns, "pinned.yaml", town("P", "659", "ลำปาง", "2569", extra="factors: tgo-cfo@2022-04\n"))
    data, run = summary(tmp_path, "towns")
    [mixed] = [p for p in issues(run.stderr) if p.code == "editions-mixed"]
    assert "'tgo-cfo@2026-02' (4 file(s))" in mixed.message and "'tgo-cfo@2022-04' (1 file(s))" in mixed.message
    assert "editions-mixed" in [w["code"] for w in data["warnings"]]
    write(towns, "pinned.yaml", town("P", "659", "ลำปาง", "2569"))  # on the edition in force: nothing to say
    _, run = summary(tmp_path, "towns")
    assert not [p for p in issues(run.stderr) if p.code == "editions-mixed"], run.stderr


def test_a_population_written_with_a_dot_for_thousands_is_said(tmp_path: Path) -> None:
    """'12.500' (twelve thousand five hundred, as written in much of Europe) is read as 12.5 people:
    the row's tCO2e per person would be a thousand times too large, with no peers to show it."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("A", "1", "ลำปาง", extra='indicators: {population: "12.500", staff: 80}\n'))
    write(towns, "b.yaml", town("B", "2", "ลำปาง", extra="indicators: {population: 12500, staff: 80}\n"))
    data, run = summary(tmp_path, "towns")
    assert run.code == 0, run
    [said] = [p for p in issues(run.stderr) if p.code == "indicator-not-whole"]
    assert said.location == "towns/a.yaml:5:26" and "12.5" in said.message, run.stderr
    assert [r["status"] for r in data["inventories"]] == ["warnings", "ok"]


def test_a_workbook_whose_code_lost_its_leading_zero_is_named_as_the_yaml_s_copy(tmp_path: Path) -> None:
    """The officer converts the town's YAML to a workbook and retypes the code in its cell: Excel
    keeps 0500101 as the number 500101. Both files are in the folder; one town, counted twice."""
    import openpyxl

    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("เทศบาลตำบลบ้านใหม่", "0500101", "ลำปาง"))
    assert ghgcalc(tmp_path, "convert", "towns/a.yaml", "towns/b.xlsx").code == 0
    book = openpyxl.load_workbook(towns / "b.xlsx")
    [cell] = [row[1] for row in book["Organization"].iter_rows() if row[0].value == "code"]
    cell.value, cell.number_format = 500101, "General"
    book.save(towns / "b.xlsx")
    data, run = summary(tmp_path, "towns")
    assert [r["code"] for r in data["inventories"]] == ["0500101", "500101"], run
    [repeat] = [p for p in issues(run.stderr) if p.code == "inventory-repeated"]
    assert repeat.location == "towns/b.xlsx" and "500101 = 0500101" in repeat.message, run.stderr


def test_a_staff_of_zero_is_said_not_dropped_from_the_intensities_in_silence(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("A", "1", "ลำปาง", extra="indicators: {population: 12500, staff: 0}\n"))
    data, run = summary(tmp_path, "towns", "--lang", "th")
    assert run.code == 0, run
    [said] = [p for p in issues(run.stderr) if p.code == "indicator-zero"]
    assert said.location == "towns/a.yaml:5:40" and "indicators.staff" in said.message, run.stderr
    assert "ไม่" in said.message  # in Thai
    [row] = data["inventories"]
    assert row["status"] == "warnings" and row["per_staff"] is None and row["per_capita"] is not None


def test_a_quarters_intensity_is_not_an_outlier_among_years(tmp_path: Path) -> None:
    """Five towns report a fiscal year, a sixth its first quarter only, with a quarter of the diesel:
    its tCO2e per staff member, a quarter of theirs, was named an outlier. Peers are inventories of
    periods of one length; among six quarters, the one with a tenth of the others' is still named."""
    staff = "indicators: {staff: 40}\n"
    for number in range(1, 6):
        write(tmp_path, f"t{number}.yaml", town(f"T{number}", str(number), "ลำปาง", extra=staff))
    quarter = "{start: 2023-10-01, end: 2023-12-31}"
    write(tmp_path, "t6.yaml", town("T6", "6", "ลำปาง", quarter, extra=staff).replace("amount: 100", "amount: 25"))
    data, run = summary(tmp_path, ".")
    assert run.code == 0, run
    assert data["outliers"] == [], data["outliers"]
    assert "periods-mixed" in run.stderr  # the rollups still add them up: said as before
    for number in range(1, 6):
        write(tmp_path, f"t{number}.yaml", town(f"T{number}", str(number), "ลำปาง", quarter, extra=staff))
    write(tmp_path, "t6.yaml", town("T6", "6", "ลำปาง", quarter, extra=staff).replace("amount: 100", "amount: 10"))
    data, run = summary(tmp_path, ".")
    assert [o["file"] for o in data["outliers"]] == ["t6.yaml"]


def test_a_towns_community_inventory_is_not_a_copy_of_its_own(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "own.yaml", town("Ban Mai", "6500101", "ลำปาง"))
    community = town("Ban Mai", "6500101", "ลำปาง", extra="kind: community\n")
    write(towns, "community.yaml", community.replace("diesel-stationary, ", "diesel-stationary, gpc: I.1.1, "))
    data, run = summary(tmp_path, "towns")
    assert "errors" not in [r["status"] for r in data["inventories"]], run  # both computed
    codes = [p.code for p in issues(run.stderr)]
    assert "kinds-mixed" in codes and "inventory-repeated" not in codes, run.stderr
