"""A batch (`compute FOLDER`, `validate FOLDER`) with two files of one inventory: a browser's second
download (`a (1).yaml`), the YAML beside the workbook `convert` made of it, one town's code written
by Excel without its leading zero. Each record of the output stays, as a batch keeps every input;
the later file is warned (`inventory-repeated`), since a total added up from the output counts the
inventory twice. Not a copy: one town's other years, its community inventory, a town of the same
name with another code."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.helpers import ghgcalc, issues, write


def town(name: str, code: str | None = "6500101", period: str = "FY2567", kind: str = "") -> str:
    organization = f', code: "{code}"' if code is not None else ""
    return (
        f"ghgcalc: 1\nname: {name}\nperiod: {period}\n{kind}"
        f'organization: {{type: subdistrict-municipality, province: "ลำปาง"{organization}}}\n'
        "activities:\n  - {activity: diesel-stationary, amount: 100, unit: L}\n"
    )


def repeats(stderr: str) -> list:
    return [p for p in issues(stderr) if p.code == "inventory-repeated"]


def test_a_second_download_of_one_file_is_warned_and_both_records_stay(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "ban-mai.yaml", town("เทศบาลตำบลบ้านใหม่"))
    write(towns, "ban-mai (1).yaml", town("เทศบาลตำบลบ้านใหม่"))
    write(towns, "ban-kao.yaml", town("เทศบาลตำบลบ้านเก่า", "6500102"))
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv", "--diagnostics", "problems.jsonl")
    assert run.code == 0, run
    [repeat] = repeats(run.stderr)
    # folders are read in name order: "ban-mai (1).yaml" comes before "ban-mai.yaml"
    assert repeat.location == "towns/ban-mai.yaml", run.stderr
    assert "towns/ban-mai (1).yaml" in repeat.message and "6500101" in repeat.message
    assert "twice" in repeat.message and "leave it out" in (repeat.hint or "")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    sources = ["towns/ban-kao.yaml", "towns/ban-mai (1).yaml", "towns/ban-mai.yaml"]
    assert sorted({row["source"] for row in rows}) == sources
    found = [json.loads(line) for line in (tmp_path / "problems.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["file"], d["code"], d["severity"]) for d in found] == [
        ("towns/ban-mai.yaml", "inventory-repeated", "warning")
    ]


def test_the_yaml_beside_its_workbook_is_one_inventory(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "ban-mai.yaml", town("เทศบาลตำบลบ้านใหม่", None))
    converted = ghgcalc(tmp_path, "convert", "towns/ban-mai.yaml", "towns/ban-mai.xlsx")
    assert converted.code == 0, converted
    run = ghgcalc(tmp_path, "validate", "towns")
    [repeat] = repeats(run.stderr)
    assert repeat.location == "towns/ban-mai.yaml" and "towns/ban-mai.xlsx" in repeat.message, run.stderr
    assert "เทศบาลตำบลบ้านใหม่" in repeat.message
    # validate counts it with the file's own problems
    assert "towns/ban-mai.yaml: ok, with warnings (1 warning(s))" in run.stderr
    assert "2 file(s): 1 ok, 1 with warnings, 0 with errors" in run.stderr


def test_a_code_without_its_leading_zero_is_the_same_town_in_thai(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("Ban Mai", "0500101"))
    write(towns, "b.yaml", town("Ban Mai", "500101"))  # an Excel cell dropped the zero
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "json", "--lang", "th")
    assert run.code == 0 and len(json.loads(run.stdout)) == 2, run
    [repeat] = repeats(run.stderr)
    assert "500101 = 0500101" in repeat.message and "towns/a.yaml" in repeat.message, run.stderr
    assert "ซ้ำ" in repeat.message or "สองครั้ง" in repeat.message, repeat.message  # said in Thai


def test_other_years_kinds_and_towns_are_not_copies(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a-2566.yaml", town("Ban Mai", period="FY2566"))
    write(towns, "a-2567.yaml", town("Ban Mai"))
    community = town("Ban Mai", kind="kind: community\n").replace("stationary, ", "stationary, gpc: I.1.1, ")
    write(towns, "a-community.yaml", community)
    write(towns, "b.yaml", town("Ban Mai", "6500199"))  # another town of the same name
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv")
    assert run.code == 0, run
    assert not repeats(run.stderr), run.stderr


def test_jobs_say_the_same_as_one_process(tmp_path: Path) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    for number in range(12):  # enough inputs for a pool of workers
        write(towns, f"t{number:02}.yaml", town(f"Town {number % 10}", f"65001{number % 10:02}"))
    one = ghgcalc(tmp_path, "compute", "towns", "-f", "jsonl", "--jobs", "1")
    two = ghgcalc(tmp_path, "compute", "towns", "-f", "jsonl", "--jobs", "2")
    assert [p.location for p in repeats(one.stderr)] == ["towns/t10.yaml", "towns/t11.yaml"], one.stderr
    assert (two.stdout, two.stderr) == (one.stdout, one.stderr)


def test_a_fiscal_year_beside_the_calendar_year_of_one_town_is_warned(tmp_path: Path) -> None:
    """FY2567 (Oct 2566 to Sep 2567) and 2567 (the calendar year) share nine months: a sum of the
    batch's output, or the summary's rollup, counts them twice. Not the same period, yet one town."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "ban-mai-2567.yaml", town("เทศบาลตำบลบ้านใหม่", period="2567"))
    write(towns, "ban-mai-fy2567.yaml", town("เทศบาลตำบลบ้านใหม่", period="FY2567"))
    write(towns, "ban-kao.yaml", town("เทศบาลตำบลบ้านเก่า", "6500102"))
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv")
    assert run.code == 0, run
    [repeat] = repeats(run.stderr)
    assert repeat.location == "towns/ban-mai-fy2567.yaml", run.stderr
    assert "towns/ban-mai-2567.yaml" in repeat.message and "6500101" in repeat.message
    assert "2024-01-01 to 2024-09-30" in repeat.message and "twice" in repeat.message
    assert "fiscal year" in (repeat.hint or "")
    summary = ghgcalc(tmp_path, "summary", "towns", "-f", "json")
    [repeat] = repeats(summary.stderr)
    assert repeat.location == "towns/ban-mai-fy2567.yaml" and "2024-01-01 to 2024-09-30" in repeat.message
    warned = [w for w in json.loads(summary.stdout)["warnings"] if w["code"] == "inventory-repeated"]
    assert len(warned) == 1, summary.stdout
    thai = ghgcalc(tmp_path, "validate", "towns", "--lang", "th")
    [repeat] = repeats(thai.stderr)
    assert "ซ้อนกัน" in repeat.message and "คำแนะนำ: ผลรวมต้องนับแต่ละวันเพียงครั้งเดียว" in thai.stderr, thai.stderr


def test_one_towns_years_and_half_years_share_no_day_and_are_not_warned(tmp_path: Path) -> None:
    """A trend's folder (one town's years, one after another), and two halves of one year: no day is
    in two files, so nothing is counted twice."""
    years = tmp_path / "years"
    years.mkdir()
    for year in ("2565", "2566", "2567"):
        write(years, f"ban-mai-{year}.yaml", town("เทศบาลตำบลบ้านใหม่", period=year))
    for year in ("FY2565", "FY2566"):
        write(years, f"ban-mai-{year}.yaml", town("เทศบาลตำบลบ้านใหม่", "6500199", period=year))
    write(years, "h1.yaml", town("Ban Kao", "6500102", period="{start: 2024-01-01, end: 2024-06-30}"))
    write(years, "h2.yaml", town("Ban Kao", "6500102", period="{start: 2024-07-01, end: 2024-12-31}"))
    for command in ("compute", "summary"):
        run = ghgcalc(tmp_path, command, "years", "-f", "csv")
        assert run.code == 0, run
        assert not repeats(run.stderr), run.stderr


def test_a_copy_without_a_code_is_found_whatever_way_its_province_is_written(tmp_path: Path) -> None:
    """`ลำปาง`, `จ.ลำปาง` and `Lampang` are one province (the summary's province-spellings says so):
    a town's file saved again with the province written otherwise is still a copy."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "a.yaml", town("Ban Mai", None))
    write(towns, "b.yaml", town("Ban Mai", None).replace('"ลำปาง"', '"จ.ลำปาง"'))
    write(towns, "c.yaml", town("Ban Mai", None).replace('"ลำปาง"', '"Lampang Province"'))
    write(towns, "d.yaml", town("Ban Mai", None).replace('"ลำปาง"', '"พะเยา"'))  # another town of the name
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "jsonl")
    assert run.code == 0, run
    assert [(p.location, "towns/a.yaml" in p.message) for p in repeats(run.stderr)] == [
        ("towns/b.yaml", True),
        ("towns/c.yaml", True),
    ], run.stderr


def test_two_parts_of_one_inventory_are_told_apart_from_a_copy(tmp_path: Path) -> None:
    """A town's scope 1 and 2 in one file and its scope 3 in another (or last week's draft beside
    this week's) are not a copy: the warning gives both totals and asks which it is, rather than
    saying the inventory is counted twice. A copy is still said as a copy."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write(towns, "ban-mai-scope12.yaml", town("เทศบาลตำบลบ้านใหม่"))
    scope3 = town("เทศบาลตำบลบ้านใหม่").replace("diesel-stationary, amount: 100, unit: L", "paper, amount: 100, unit: kg")
    write(towns, "ban-mai-scope3.yaml", scope3)
    write(towns, "ban-kao.yaml", town("เทศบาลตำบลบ้านเก่า", "6500102"))
    write(towns, "ban-kao (1).yaml", town("เทศบาลตำบลบ้านเก่า", "6500102"))
    run = ghgcalc(tmp_path, "compute", "towns", "-f", "csv")
    assert run.code == 0, run
    copy, part = repeats(run.stderr)
    assert copy.location == "towns/ban-kao.yaml" and "counts this inventory twice" in copy.message, run.stderr
    assert part.location == "towns/ban-mai-scope3.yaml", run.stderr
    assert "another total (0.2102 t CO2e here, 0.2708 there)" in part.message, part.message
    assert "twice" not in part.message and "parts of one inventory" in (part.hint or "")
    summary = ghgcalc(tmp_path, "summary", "towns", "-f", "csv", "--lang", "th")
    [_, part] = repeats(summary.stderr)
    assert "ผลรวมต่างกัน (ไฟล์นี้ 0.2102 ตัน CO2e ไฟล์นั้น 0.2708)" in part.message, summary.stderr
