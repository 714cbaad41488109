"""`ghgcalc summary`: a folder of inventories, one row each (failed ones included), the rollups by
province and by type of local government, and the outliers among peers.

Every inventory here uses one custom factor of 1,000 kg CO2 per kWh (scope 2), so an inventory of
N kWh emits exactly N tCO2e, and its intensity per staff member is N / staff: the expected
numbers below are worked out by hand from the amounts written into the files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from tests.helpers import INPUT_ERRORS, USAGE, ghgcalc

GOOD = """ghgcalc: 1
name: {name}
period: 2566
organization: {{type: {type}, province: {province}, code: "{code}"}}
indicators: {{staff: {staff}}}
custom_factors:
  - {{key: test-power, per: kWh, kg: {{CO2: 1000}}, source: a test factor, scope: 2}}
activities:
  - {{activity: {activity}, unit: {unit}, amount: {amount}}}
"""

SM, SAO, TM = "subdistrict-municipality", "subdistrict-administrative-organization", "town-municipality"
# (province, type, kWh = tCO2e, staff)
INVENTORIES = (
    # Chiang Mai, subdistrict municipalities: 1, 2, 3, 4, 5 tCO2e per staff member
    *(("Chiang Mai", SM, amount, 10) for amount in (10, 20, 30, 40, 50)),
    # Chiang Mai, subdistrict administrative organisations: 1 tCO2e per staff member each
    *(("Chiang Mai", SAO, 5, 5) for _ in range(5)),
    # Lampang, subdistrict municipalities: 2, 2, 3, 3 and 100 (the outlier) per staff member
    *(("Lampang", SM, amount, 10) for amount in (20, 20, 30, 30, 1000)),
    # Khon Kaen, town municipalities: 3.0, 3.5, ... 7.5 per staff member
    *(("Khon Kaen", TM, amount, 100) for amount in range(300, 800, 50)),
    # Khon Kaen, subdistrict administrative organisations: 1 tCO2e per staff member each
    *(("Khon Kaen", SAO, 5, 5) for _ in range(5)),
)
BAD_YAML = "ghgcalc: 1\nname: [broken\n"


def write_programme(folder) -> list[str]:
    """40 inventories: 30 that compute (one with a warning) and 10 broken ones (bad YAML, an
    unknown factor, a bad unit)."""
    names = []
    for number, (province, kind, amount, staff) in enumerate(INVENTORIES):
        name = f"lg{number:02d}.yaml"
        (folder / name).write_text(
            GOOD.format(
                name=f"LG {number}",
                type=kind,
                province=province,
                code=f"{5000 + number}",
                staff=staff,
                activity="test-power",
                unit="kWh",
                amount=amount,
            ),
            encoding="utf-8",
        )
        names.append(name)
    broken = {
        **{f"x-yaml-{i}.yaml": BAD_YAML for i in range(3)},
        **{
            f"x-factor-{i}.yaml": GOOD.format(
                name="F", type=SM, province="Lampang", code="1", staff=1, activity="no-such-fuel", unit="kWh", amount=1
            )
            for i in range(3)
        },
        **{
            f"x-unit-{i}.yaml": GOOD.format(
                name="U",
                type=SM,
                province="Lampang",
                code="1",
                staff=1,
                activity="test-power",
                unit="zorkmids",
                amount=1,
            )
            for i in range(4)
        },
    }
    # one that computes with a warning: its factor is valid from June, the period starts in January
    warned = folder / "lg25.yaml"
    warned.write_text(warned.read_text(encoding="utf-8").replace("scope: 2}", "scope: 2, valid_from: 2023-06-01}"))
    for name, text in broken.items():
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    assert len(names) == 40
    return sorted(names)


def summary_json(tmp_path, *args: str) -> tuple[dict, object]:
    run = ghgcalc(tmp_path, "summary", *args, "-f", "json")
    return json.loads(run.stdout), run


def test_one_row_per_file_with_statuses_and_first_errors(tmp_path):
    names = write_programme(tmp_path)
    data, run = summary_json(tmp_path, ".")
    assert run.code == INPUT_ERRORS, run  # some inputs have errors: exit 1, after the summary
    rows = data["inventories"]
    assert [r["file"] for r in rows] == names and data["files"] == 40
    by_file = {r["file"]: r for r in rows}
    assert {by_file[f"x-yaml-{i}.yaml"]["first_error_code"] for i in range(3)} == {"yaml-syntax"}
    assert {by_file[f"x-factor-{i}.yaml"]["first_error_code"] for i in range(3)} == {"factor-missing"}
    assert {by_file[f"x-unit-{i}.yaml"]["first_error_code"] for i in range(4)} == {"unit-unknown"}
    assert (by_file["x-unit-0.yaml"]["name"], by_file["x-unit-0.yaml"]["province"]) == ("U", "Lampang")
    failed = [r for r in rows if r["file"].startswith("x-")]
    assert all(r["status"] == "errors" and r["errors"] >= 1 and r["first_error"] and r["total"] is None for r in failed)
    assert [r["file"] for r in rows if r["status"] == "warnings"] == ["lg25.yaml"]
    assert by_file["lg25.yaml"]["warnings"] == 1 and by_file["lg25.yaml"]["total"] == pytest.approx(5)
    good = by_file["lg01.yaml"]  # Chiang Mai, 20 kWh at 1 t/kWh, 10 staff
    assert good["status"] == "ok" and good["first_error"] is None
    assert (good["province"], good["code"], good["type"], good["period"]) == ("Chiang Mai", "5001", SM, "2566")
    assert good["total"] == pytest.approx(20) and good["scope_2"] == pytest.approx(20)
    assert good["per_staff"] == pytest.approx(2) and good["gwp"] == "AR5"
    assert "summary of 40 file(s): 29 ok, 1 with warnings, 10 with errors" in run.stderr


def test_rollups_by_province_and_type_checked_by_hand(tmp_path):
    write_programme(tmp_path)
    data, _ = summary_json(tmp_path, ".")
    provinces = {r["group"]: r for r in data["by_province"]}
    chiang_mai = provinces["Chiang Mai"]
    # per staff: 1, 2, 3, 4, 5 and five times 1 -> sorted 1,1,1,1,1,1,2,3,4,5: the 5th and 6th are 1
    assert (chiang_mai["files"], chiang_mai["computed"], chiang_mai["with_errors"]) == (10, 10, 0)
    assert chiang_mai["total_t_co2e"] == pytest.approx(10 + 20 + 30 + 40 + 50 + 5 * 5)
    assert chiang_mai["intensities"]["per_staff"] == {"count": 10, "median": 1.0, "min": 1.0, "max": 5.0}
    lampang = provinces["Lampang"]  # 2, 2, 3, 3, 100: median 3
    assert lampang["total_t_co2e"] == pytest.approx(20 + 20 + 30 + 30 + 1000)
    assert lampang["intensities"]["per_staff"] == {"count": 5, "median": 3.0, "min": 2.0, "max": 100.0}
    # the 7 failed Lampang inventories (unknown factor, bad unit) are counted, not computed
    assert (lampang["files"], lampang["computed"], lampang["with_errors"]) == (12, 5, 7)
    # the files of bad YAML say no province: they are counted apart
    assert provinces[None]["files"] == 3 and provinces[None]["with_errors"] == 3
    types = {r["group"]: r for r in data["by_type"]}
    town = types[TM]  # 3.0, 3.5, ..., 7.5: median (5.0 + 5.5) / 2
    assert town["files"] == 10 and town["total_t_co2e"] == pytest.approx(sum(range(300, 800, 50)))
    assert town["intensities"]["per_staff"]["median"] == pytest.approx(5.25)
    # subdistrict municipalities: 1,2,2,2,3,3,3,4,5,100 -> median 3
    assert types[SM]["intensities"]["per_staff"]["median"] == pytest.approx(3)


def test_the_outlier_is_named_with_its_file(tmp_path):
    write_programme(tmp_path)
    data, _ = summary_json(tmp_path, ".")
    # 100 per staff against the median 3 of ten subdistrict municipalities: more than 3 times it;
    # the smallest, 1, is exactly a third of it: not "less than a third"
    assert [(o["file"], o["intensity"], o["peers"]) for o in data["outliers"]] == [("lg14.yaml", "per_staff", 10)]
    assert data["outliers"][0]["peer_median"] == pytest.approx(3)
    table = ghgcalc(tmp_path, "summary", ".", "-f", "md").stdout
    assert "lg14.yaml" in table.split("Outliers among peers", 1)[1]
    # each heading once: a table titled as its section ("By province") is not given a heading of its own
    headings = [line.lstrip("#").strip() for line in table.splitlines() if line.startswith("#")]
    assert len(headings) == len(set(headings)) and "By province" in headings, headings


def test_every_format_writes_and_csv_has_a_row_per_file(tmp_path):
    names = write_programme(tmp_path)
    for chosen in ("csv", "json", "jsonl", "md", "html", "xlsx"):
        run = ghgcalc(tmp_path, "summary", ".", "-o", f"out.{chosen}")
        assert run.code == INPUT_ERRORS and (tmp_path / f"out.{chosen}").stat().st_size > 0, run
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(names) == 40
    assert rows[0]["file"] == names[0] and rows[-1]["status"] == "errors"
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 40 and [r["file"] for r in records] == names
    assert records[names.index("x-unit-0.yaml")]["first_error_code"] == "unit-unknown"
    book = load_workbook(tmp_path / "out.xlsx")
    assert len(book.sheetnames) == 4  # the inventories, two rollups, the outliers: never one per file
    assert book[book.sheetnames[0]].max_row > 40
    # the counts at the top are numbers an officer can add up, not text
    facts = {row[0].value: row[1].value for row in book[book.sheetnames[0]].iter_rows(min_row=2, max_row=5)}
    assert facts == {
        "Files": 40,
        "Computed without problems": 29,
        "Computed with warnings": 1,
        "With errors (not computed)": 10,
    }
    assert "lg14.yaml" in (tmp_path / "out.html").read_text(encoding="utf-8")
    table = ghgcalc(tmp_path, "summary", ".", "-f", "table")
    assert table.code == INPUT_ERRORS and "Outliers among peers" in table.stdout
    # a type is told in words, which a narrow table wraps between them; the CSV keeps the key
    assert "administrative" in table.stdout and "organization" in table.stdout and "…" not in table.stdout
    assert "subdistrict-" not in table.stdout
    assert {row["type"] for row in rows} >= {SAO, SM}


def test_recursive_reads_subfolders_in_order(tmp_path):
    write_programme(tmp_path)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deeper").mkdir(parents=True)
    for folder in ("b", "a/deeper"):
        (tmp_path / folder / "one.yaml").write_text((tmp_path / "lg00.yaml").read_text(encoding="utf-8"))
    flat, _ = summary_json(tmp_path, ".")
    deep, _ = summary_json(tmp_path, ".", "--recursive")
    assert flat["files"] == 40 and deep["files"] == 42
    files = [r["file"] for r in deep["inventories"]]
    assert files.index("a/deeper/one.yaml") < files.index("b/one.yaml")
    assert files == [r["file"] for r in summary_json(tmp_path, ".", "--recursive")[0]["inventories"]]


def test_exit_codes(tmp_path):
    write_programme(tmp_path)
    assert ghgcalc(tmp_path, "summary", "lg00.yaml", "lg01.yaml", "-f", "csv").code == 0
    assert ghgcalc(tmp_path, "summary", "no-such.yaml").code == USAGE
    assert ghgcalc(tmp_path, "summary", ".", "-f", "pdf").code == USAGE
    assert ghgcalc(tmp_path, "summary", ".", "-f", "table", "-o", "x.txt").code == USAGE
    (tmp_path / "out.csv").write_text("keep", encoding="utf-8")
    assert ghgcalc(tmp_path, "summary", ".", "-o", "out.csv").code == USAGE  # never replaced without --force
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "keep"
    assert ghgcalc(tmp_path, "summary", ".", "-o", "out.csv", "--force").code == INPUT_ERRORS


def test_in_thai_the_report_is_thai_and_the_codes_stay(tmp_path):
    write_programme(tmp_path)
    run = ghgcalc(tmp_path, "--lang", "th", "summary", ".", "-f", "md")
    assert run.code == INPUT_ERRORS, run
    assert "แยกตามจังหวัด" in run.stdout and "ค่าที่ผิดปกติเมื่อเทียบกับกลุ่มเดียวกัน" in run.stdout
    assert "yaml-syntax" in run.stdout and "lg14.yaml" in run.stdout
    assert "สรุป 40 ไฟล์: ผ่าน 29 ไฟล์, มีคำเตือน 1 ไฟล์, มีข้อผิดพลาด 10 ไฟล์" in run.stderr


def test_scopes_and_every_intensity_of_one_inventory(tmp_path):
    (tmp_path / "one.yaml").write_text(
        """ghgcalc: 1
name: One
period: FY2567
organization: {type: city-municipality, province: Phuket, code: "8301"}
indicators: {staff: 23, population: 2300}
output: {amount: 46, unit: tonne of water}
custom_factors:
  - {key: test-power, per: kWh, kg: {CO2: 1000}, source: a test factor, scope: 2}
  - {key: test-fuel, per: L, kg: {CO2: 1000}, source: a test factor, scope: 1}
activities:
  - {activity: test-power, unit: kWh, amount: 20}
  - {activity: test-fuel, unit: L, amount: 3}
""",
        encoding="utf-8",
    )
    run = ghgcalc(tmp_path, "summary", "one.yaml", "-f", "jsonl")
    assert run.code == 0, run
    row = json.loads(run.stdout)
    # 20 kWh and 3 L at 1 t CO2 each: scope 2 = 20 t, scope 1 = 3 t, total 23 t
    assert (row["scope_1"], row["scope_2"], row["scope_3"], row["total"]) == pytest.approx((3, 20, 0, 23))
    # 23 t / 23 staff, / 2,300 people, / 46 tonnes of water
    assert (row["per_staff"], row["per_capita"], row["per_output"]) == pytest.approx((1, 0.01, 0.5))
    assert row["period"] == "FY2567" and row["type"] == "city-municipality" and row["code"] == "8301"


def test_two_jobs_give_what_one_job_gives_and_keep_no_results(tmp_path, monkeypatch):
    """--jobs N computes the files on N cores: the output and the messages are those of --jobs 1,
    byte for byte, and each file comes back as its row and its problems, never its result."""
    import threading

    from ghgcalc.cli import batch

    write_programme(tmp_path)
    outcomes = batch.outcomes
    seen: list[tuple[object, object]] = []

    def watched(*args, **kwargs):
        for found in outcomes(*args, **kwargs):
            seen.append(found)
            yield found

    monkeypatch.setattr(batch, "outcomes", watched)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # as in a run of the command (forked workers)
    for chosen in ("json", "csv"):
        one = ghgcalc(tmp_path, "summary", ".", "-f", chosen, "--jobs", "1")
        seen.clear()
        two = ghgcalc(tmp_path, "summary", ".", "-f", chosen, "--jobs", "2")
        assert (one.code, one.stdout, one.stderr) == (two.code, two.stdout, two.stderr)
        assert one.code == INPUT_ERRORS and "unit-unknown" in one.stderr and one.stdout
        assert len(seen) == 40 and all(outcome.result is None for outcome, _ in seen)
        assert [row.file for _, row in seen] == sorted(row.file for _, row in seen)
    run = ghgcalc(tmp_path, "summary", ".", "--jobs", "0")
    assert run.code == USAGE and "--jobs" in run.stderr


def test_a_file_named_twice_is_one_row_and_a_copy_is_named(tmp_path):
    """A file named twice (a folder and one of its files) is computed once, with a warning at the
    second name; a copy under another name is a file of its own, so both are in the rollups, and
    a warning names it with the file it repeats."""
    names = write_programme(tmp_path)
    data, _ = summary_json(tmp_path, ".")
    twice = ghgcalc(tmp_path, "summary", ".", "lg03.yaml", "-f", "json")
    assert json.loads(twice.stdout)["files"] == data["files"] == len(names)
    assert "lg03.yaml: warning[input-repeated]: named again: it is computed once" in twice.stderr
    other = ghgcalc(tmp_path, "summary", ".", "./lg03.yaml", "-f", "json")  # the same file, another name
    assert "./lg03.yaml: warning[input-repeated]: the same file as lg03.yaml, under another name" in other.stderr
    (tmp_path / "lg99-copy.yaml").write_text((tmp_path / "lg03.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    copied = ghgcalc(tmp_path, "summary", ".", "-f", "json")
    assert json.loads(copied.stdout)["files"] == len(names) + 1
    assert (
        "lg99-copy.yaml: warning[inventory-repeated]: the same local government (code 5003) and period (2566) "
        "as lg03.yaml" in copied.stderr
    )
    assert "inventory-repeated" not in twice.stderr and "input-repeated" not in copied.stderr


def test_an_inventory_without_a_code_beside_its_workbook_is_named_as_counted_twice(tmp_path):
    """A town without organization.code, sent as its YAML and as the workbook `convert` made of it:
    the province's rollup counted it twice, and no warning said so (the copy was found by the code
    only). Two towns of one name in other provinces are two local governments, and not warned."""
    town = "ghgcalc: 1\nname: เทศบาลตำบลบ้านใหม่\nperiod: 2566\norganization: {{province: {province}}}\n" + (
        "activities:\n  - {{activity: electricity-grid, unit: kWh, amount: {amount}}}\n"
    )
    (tmp_path / "ban-mai.yaml").write_text(town.format(province="ลำปาง", amount=10000), encoding="utf-8")
    assert ghgcalc(tmp_path, "convert", "ban-mai.yaml", "ban-mai.xlsx").code == 0
    (tmp_path / "other.yaml").write_text(town.format(province="ลำพูน", amount=20000), encoding="utf-8")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "json")
    assert run.code == 0, run
    data = json.loads(run.stdout)
    assert [row["file"] for row in data["inventories"]] == ["ban-mai.xlsx", "ban-mai.yaml", "other.yaml"]
    assert (
        "ban-mai.yaml: warning[inventory-repeated]: the same name (เทศบาลตำบลบ้านใหม่) and period (2566) as "
        "ban-mai.xlsx, and no organization.code: both are counted in the rollups" in run.stderr
    )
    assert [w["code"] for w in data["warnings"]].count("inventory-repeated") == 1  # not the other province's


def test_inventories_of_several_periods_are_named_as_added_together(tmp_path):
    write_programme(tmp_path)
    one = ghgcalc(tmp_path, "summary", ".", "-f", "csv")
    assert "periods-mixed" not in one.stderr  # the comparison can fail: every computed file is of 2566
    text = (tmp_path / "lg05.yaml").read_text(encoding="utf-8")
    (tmp_path / "lg05.yaml").write_text(text.replace("period: 2566", "period: 2567"), encoding="utf-8")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "csv")
    assert "warning[periods-mixed]: the computed inventories are of 2 periods (2566, 2567)" in run.stderr
    assert run.stdout.count("\n") == one.stdout.count("\n")  # the rows as before: a warning, not a refusal
    # the reader of the workbook, the page or the JSON sees it too, first
    data = json.loads(ghgcalc(tmp_path, "summary", ".", "-f", "json").stdout)
    assert [w["code"] for w in data["warnings"]] == ["periods-mixed"]
    assert ghgcalc(tmp_path, "summary", ".", "-o", "s.xlsx").code == INPUT_ERRORS
    book = load_workbook(tmp_path / "s.xlsx")
    assert book.sheetnames[0] == "warnings" and len(book.sheetnames) == 5
    cells = [str(c.value) for row in book["warnings"].iter_rows() for c in row if c.value]
    assert any("2 periods (2566, 2567)" in c for c in cells)
    markdown = ghgcalc(tmp_path, "summary", ".", "-f", "md").stdout
    assert markdown.index("## Warnings") < markdown.index("## Inventories")


def test_a_province_written_two_ways_is_named(tmp_path):
    """The rollups group provinces as written: `Lampang` and `Lampang Province` (or จ.ลำปาง and
    ลำปาง) would be two groups, so a warning names the spellings; other provinces are not named."""
    write_programme(tmp_path)
    assert "province-spellings" not in ghgcalc(tmp_path, "summary", ".", "-f", "csv").stderr
    text = (tmp_path / "lg10.yaml").read_text(encoding="utf-8")  # one of the Lampang ones
    (tmp_path / "lg10.yaml").write_text(text.replace("province: Lampang", "province: lampang province"), "utf-8")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "json")
    lampang = sum(1 for row in json.loads(run.stdout)["inventories"] if row["province"] == "Lampang")
    assert (
        f"warning[province-spellings]: one province written 2 ways: 'Lampang' ({lampang} file(s)), "
        "'lampang province' (1 file(s))" in run.stderr
    )
    assert run.stderr.count("province-spellings") == 1  # the others are written one way each


def test_a_province_in_thai_and_in_english_is_named(tmp_path):
    """`เชียงใหม่` in one file and `Chiang Mai` in another are one province, which the rollups would
    split into two groups: the warning names both (and `Chonburi` beside `จ.ชลบุรี`)."""
    write_programme(tmp_path)
    for name, province in (("lg00.yaml", "เชียงใหม่"), ("lg01.yaml", "จ.ชลบุรี"), ("lg02.yaml", "Chonburi")):
        text = (tmp_path / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("province: Chiang Mai", f"province: {province}"), "utf-8")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "json")
    assert run.code == INPUT_ERRORS  # the broken files of the programme
    assert "one province written 2 ways: 'Chiang Mai' (7 file(s)), 'เชียงใหม่' (1 file(s))" in run.stderr
    assert "one province written 2 ways: 'Chonburi' (1 file(s)), 'จ.ชลบุรี' (1 file(s))" in run.stderr
    assert run.stderr.count("province-spellings") == 2
    codes = [w["code"] for w in json.loads(run.stdout)["warnings"]]
    assert codes.count("province-spellings") == 2


def test_the_provinces_are_77_and_their_names_one_each() -> None:
    from ghgcalc.core.provinces import PROVINCES, compact, province_of

    assert len(PROVINCES) == 77
    names = [compact(n) for thai, others in PROVINCES.items() for n in (thai, *others)]
    assert len(names) == len(set(names))  # no name stands for two provinces
    assert province_of("Nakhon Si Thammarat") == province_of("nakhon-si-thammarat") == "นครศรีธรรมราช"
    assert province_of("Example Province") is None


def test_a_thai_name_cut_short_and_common_spellings_are_their_province() -> None:
    """`อุบลฯ` (ไปยาลน้อย: the name cut short) is the one province whose name starts so; a start two
    provinces share is none. Spellings in common use are known (Songkla, as Prince of Songkla
    University writes it): unknown, they would split a province's rollup in silence."""
    from ghgcalc.core.provinces import province_of
    from ghgcalc.core.summary import SummaryRow, province_spellings

    assert province_of("อุบลฯ") == province_of("Ubon") == "อุบลราชธานี"
    assert province_of("สุราษฎร์ฯ") == "สุราษฎร์ธานี" and province_of("นครศรีฯ") == "นครศรีธรรมราช"
    assert province_of("นครฯ") is None and province_of("สมุทรฯ") is None  # several provinces start so
    assert province_of("Songkla") == "สงขลา" and province_of("Phattalung") == "พัทลุง"
    rows = [SummaryRow(f"{n}.yaml", "ok", 0, 0, province=p) for n, p in enumerate(["อุบลราชธานี", "อุบลฯ"])]
    assert province_spellings(rows) == [[("อุบลราชธานี", 1), ("อุบลฯ", 1)]]


def test_thai_province_words_are_not_the_name() -> None:
    from ghgcalc.core.summary import SummaryRow, province_spellings

    rows = [
        SummaryRow(f"{n}.yaml", "ok", 0, 0, province=p)
        for n, p in enumerate(["เชียงใหม่", "จ.เชียงใหม่", "จังหวัด เชียงใหม่", "เชียงราย"])
    ]
    assert province_spellings(rows) == [[("จ.เชียงใหม่", 1), ("จังหวัด เชียงใหม่", 1), ("เชียงใหม่", 1)]]


def test_inventories_on_several_gwp_sets_are_named_and_one_set_can_be_given(tmp_path):
    write_programme(tmp_path)
    text = (tmp_path / "lg05.yaml").read_text(encoding="utf-8")
    (tmp_path / "lg05.yaml").write_text(text.replace("period: 2566", "period: 2566\ngwp: AR4"), encoding="utf-8")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "json")
    assert "warning[gwp-mixed]: the computed inventories use 2 GWP sets (AR5, AR4)" in run.stderr
    assert {row["gwp"] for row in json.loads(run.stdout)["inventories"] if row["gwp"]} == {"AR4", "AR5"}
    one = ghgcalc(tmp_path, "summary", ".", "-f", "json", "--gwp", "AR6")
    assert "gwp-mixed" not in one.stderr
    assert {row["gwp"] for row in json.loads(one.stdout)["inventories"] if row["gwp"]} == {"AR6"}


def test_folders_inside_a_folder_are_named_when_they_are_not_read(tmp_path):
    """A folder gives the inventories in it, not those of its own folders (a province's districts):
    a warning names those folders, and `--recursive` reads them; a folder of folders alone is a
    usage error whose hint names them."""
    (tmp_path / "north").mkdir()
    (tmp_path / "south").mkdir()
    write_programme(tmp_path / "north")
    (tmp_path / "south" / "s1.yaml").write_text((tmp_path / "north" / "lg00.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "top.yaml").write_text((tmp_path / "north" / "lg01.yaml").read_text("utf-8"), "utf-8")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "json")
    assert json.loads(run.stdout)["files"] == 1
    assert ".: warning[folder-not-read]: 2 folder(s) in it hold inventories, which are not read: north, south" in (
        run.stderr
    )
    assert [w["code"] for w in json.loads(run.stdout)["warnings"]] == ["folder-not-read"]
    deep = ghgcalc(tmp_path, "summary", ".", "-f", "json", "--recursive")
    assert json.loads(deep.stdout)["files"] == 42 and "folder-not-read" not in deep.stderr
    (tmp_path / "top.yaml").unlink()
    alone = ghgcalc(tmp_path, "compute", ".", "-f", "csv")
    assert alone.code == USAGE and "hint: its folders north, south hold inventories" in alone.stderr


def test_the_formats_people_read_put_the_name_status_and_total_first_and_csv_keeps_its_order(tmp_path):
    """A row of the summary's workbook, Markdown or web page began with the file, code, province,
    type and period; its total was its 15th column, off the first screen and page. People's
    formats read name, status, total first; the CSV and JSON keep SummaryRow's order for scripts."""
    write_programme(tmp_path)
    for language, first in (("en", ["Name", "Status", "Total, tCO2e"]), ("th", ["ชื่อ", "สถานะ", "รวม (tCO2e)"])):
        run = ghgcalc(tmp_path, "--lang", language, "summary", ".", "-o", f"out-{language}.xlsx")
        assert run.code == INPUT_ERRORS, run
        sheet = load_workbook(tmp_path / f"out-{language}.xlsx")["inventories"]
        header = next(row for row in sheet.iter_rows(values_only=True) if first[0] in row)
        assert list(header[:3]) == first, header
        markdown = ghgcalc(tmp_path, "--lang", language, "summary", ".", "-f", "md").stdout
        assert f"| {' | '.join(first)} |" in markdown
    page = ghgcalc(tmp_path, "summary", ".", "-f", "html").stdout
    assert page.index(">Name<") < page.index(">Status<") < page.index(">Total, tCO2e<") < page.index(">File<")
    run = ghgcalc(tmp_path, "summary", ".", "-f", "csv")
    assert run.stdout.startswith("file,status,errors,warnings,name,code,province,type,period,first_error_code,")
