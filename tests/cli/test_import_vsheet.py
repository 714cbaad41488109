"""`ghgcalc import`: TGO's CFO V-Sheet (TCFO_R_01, Version 04 and 07) as inventories that compute
to the totals the workbook prints.

The workbooks are generated (tests/tgo_workbooks/generate.py) with the V-Sheet's layout and
synthetic numbers; each printed total is the generator's cached value of AO45 (scopes: AO24,
AO35, AO43) of Fr-04.1 (the reporting year) or Fr-04.2 (the base year).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from ghgcalc.io.tgo_vsheet import parse_period, read_vsheet, stated_years
from tests.helpers import assert_usage_error, ghgcalc, issues, snapshot
from tests.tgo_workbooks import generate as g

# version -> (period written in Fr-01!H22, its B.E. year); the base year is the generator's default
VERSIONS = {"04": ("ม.ค.68-ธ.ค.68", 2568), "07": ("ม.ค.69-ธ.ค.69", 2569)}
BASE_YEAR = 2566  # "ม.ค.66-ธ.ค.66", the generator's default Fr-01!H24


def computed(folder: Path, name: str) -> dict[str, Any]:
    run = ghgcalc(folder, "compute", name, "-f", "json")
    assert run.code == 0, run
    assert issues(run.stderr) == [], run
    return dict(json.loads(run.stdout))


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_both_years_compute_to_the_printed_totals(tmp_path: Path, version: str) -> None:
    period, year = VERSIONS[version]
    gen = g.vsheet_cfo(tmp_path / "v.xlsx", version, period=period)
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/")
    assert run.code == 0, run
    assert sorted(os.listdir(tmp_path / "out")) == sorted([f"v-{year}.yaml", f"v-{BASE_YEAR}.yaml"])
    for sheet, y in (("Fr-04.1", year), ("Fr-04.2", BASE_YEAR)):
        result = computed(tmp_path, f"out/v-{y}.yaml")
        assert result["total_t_co2e"] == pytest.approx(gen.cached[(sheet, "AO45")], rel=1e-9)
        for scope, cell in (("1", "AO24"), ("2", "AO35"), ("3", "AO43")):
            assert result["by_scope_t_co2e"][scope] == pytest.approx(gen.cached[(sheet, cell)], rel=1e-9)
        assert result["period"]["start"] == f"{y - 543}-01-01"
        document = yaml.safe_load((tmp_path / f"out/v-{y}.yaml").read_text(encoding="utf-8"))
        assert document["name"] == "เทศบาลตำบลตัวอย่าง"  # Fr-01!B6
        # Fr-01!H23 / J23 for the reporting year, H25 for the base year
        assert document["output"] == {"amount": 120 if sheet == "Fr-04.1" else 110, "unit": "คน"}
    assumed = [p for p in issues(run.stderr) if p.code == "tgo-version-assumed"]
    assert [p.location for p in assumed] == (["v.xlsx[Fr-04.1]!AO1"] if version == "07" else [])


def test_a_row_inserted_in_fr_04_1_moves_the_blocks_sums_and_gwps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A third scope-1 row inserted at row 12 moves everything below it: the last scope-3 row (42, the
    block filled to its end here) to 43, the sums AO24... to AO25..., the GWPs AV12:AV13 to AV13:AV14.
    The reader took TGO's row numbers: the scope-3 row was dropped without a word, the GWPs said to be
    neither AR5's nor AR4's, and the audit compared no sum at all."""
    save = g._Book.save
    cached: dict[tuple[str, str], Any] = {}

    def inserted(book: Any, path: Path) -> Any:
        ws = book.wb["Fr-04.1"]
        ws["B42"], ws["C42"], ws["D42"], ws["Q42"] = "ขยะ (ฝังกลบ)", "kg", 2000.0, 2.32
        ws["AO42"] = "=D42*Q42/1000"
        book.cached[("Fr-04.1", "AO42")] = 4.64
        for cell in ("AO43", "AO45"):
            book.cached[("Fr-04.1", cell)] += 4.64
        g.shift_rows(book.wb, book.cached, "Fr-04.1", 12, 1)
        cached.update(book.cached)
        return save(book, path)

    monkeypatch.setattr(g._Book, "save", inserted)
    g.vsheet_cfo(tmp_path / "v.xlsx", "04")
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/")
    assert run.code == 0, run
    assert issues(run.stderr) == [], run
    document = yaml.safe_load((tmp_path / "out/v-2568.yaml").read_text(encoding="utf-8"))
    assert document["gwp"] == "AR5"
    assert any(a["label"] == "ขยะ (ฝังกลบ) (v.xlsx[Fr-04.1]!D43)" for a in document["activities"])
    result = computed(tmp_path, "out/v-2568.yaml")
    assert result["total_t_co2e"] == pytest.approx(cached[("Fr-04.1", "AO46")], rel=1e-9)
    audit = ghgcalc(tmp_path, "audit", "v.xlsx", "-f", "json")
    assert audit.code == 0, audit
    year = json.loads(audit.stdout)["workbooks"][0]["years"][0]
    assert (year["sheet"], year["compared"], year["findings"]) == ("Fr-04.1", 10, [])


def test_lines_cite_their_cells_and_carry_the_sheet_gases(tmp_path: Path) -> None:
    g.vsheet_cfo(tmp_path / "v.xlsx", "04")
    (tmp_path / "out").mkdir()
    assert ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/").code == 0
    document = yaml.safe_load((tmp_path / "out/v-2568.yaml").read_text(encoding="utf-8"))
    assert (document["kind"], document["period"], document["factors"], document["gwp"]) == (
        "organization",
        2568,
        "tgo-cfo",
        "AR5",
    )
    factors = {f["key"]: f for f in document["custom_factors"]}
    label, _, _, (co2, fch4, _, n2o) = g.VSHEET_SCOPE1[1]
    diesel = factors["diesel-mobile-r11"]
    assert diesel["kg"] == {"CO2": co2, "CH4_fossil": fch4, "N2O": n2o} and diesel["per"] == "L"
    assert diesel["source"].startswith("v.xlsx[Fr-04.1]!E11:J11") and "AV8:AV13" in diesel["source"]
    assert "diesel-mobile" in diesel["name"] and diesel["gwp_basis"] == "AR5"
    electricity = factors["electricity-grid-r31"]
    assert electricity["kg"] == {"CO2e": g.VSHEET_SCOPE2[0][3]} and electricity["source"] == "v.xlsx[Fr-04.1]!Q31"
    line = next(a for a in document["activities"] if a["activity"] == "diesel-mobile-r11")
    assert line["label"] == f"{label} (v.xlsx[Fr-04.1]!D11)" and line["unit"] == "L" and line["scope"] == 1
    scopes = {a["activity"]: a["scope"] for a in document["activities"]}
    assert scopes == {
        "diesel-stationary-r10": 1,
        "diesel-mobile-r11": 1,
        "electricity-grid-r31": 2,
        "paper-r36": 3,
        "tap-water-pwa-r37": 3,
    }


def test_a_fiscal_period(tmp_path: Path) -> None:
    gen = g.vsheet_cfo(tmp_path / "v.xlsx", "04", period="ต.ค.67-ก.ย.68")
    (tmp_path / "out").mkdir()
    assert ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/").code == 0
    result = computed(tmp_path, "out/v-2568.yaml")
    assert (result["period"]["start"], result["period"]["end"]) == ("2024-10-01", "2025-09-30")
    assert result["total_t_co2e"] == pytest.approx(gen.cached[("Fr-04.1", "AO45")], rel=1e-9)


def test_an_unreadable_period_is_refused_at_its_cell(tmp_path: Path) -> None:
    g.vsheet_cfo(tmp_path / "v.xlsx", "04", period="ปีนี้")
    (tmp_path / "out").mkdir()
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/")
    assert run.code == 1, run
    [problem] = [p for p in issues(run.stderr) if p.severity == "error"]
    assert (problem.location, problem.code) == ("v.xlsx[Fr-01]!H22", "tgo-period-unknown")
    assert problem.hint and "ม.ค.68-ธ.ค.68" in problem.hint
    assert "Traceback" not in run.stderr and snapshot(tmp_path) == before


def test_an_unknown_unit_is_refused_at_its_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(g, "VSHEET_SCOPE3", [("กระดาษ A4", "รีม", 290.0, 2.102)])
    g.vsheet_cfo(tmp_path / "v.xlsx", "04")
    (tmp_path / "out").mkdir()
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/")
    assert run.code == 1, run
    found = {(p.code, p.location) for p in issues(run.stderr) if p.severity == "error"}
    assert found == {("tgo-unit-unknown", "v.xlsx[Fr-04.1]!C36"), ("tgo-unit-unknown", "v.xlsx[Fr-04.2]!C36")}
    assert snapshot(tmp_path) == before


def test_a_stale_line_total_is_warned(tmp_path: Path) -> None:
    gen = g.vsheet_cfo(tmp_path / "v.xlsx", "04", stale_total=True)
    (tmp_path / "out").mkdir()
    run = ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/")
    assert run.code == 0, run
    stale = [p for p in issues(run.stderr) if p.code == "tgo-line-differs"]
    assert [(p.location, p.severity) for p in stale] == [("v.xlsx[Fr-04.1]!AO11", "warning")]
    # the import counts D x Q, so it is above the stale printed total by the 100 L left out of AO11
    _, _, _, (co2, fch4, ch4, n2o) = g.VSHEET_SCOPE1[1]
    missing = 100 * (co2 + 30 * fch4 + 28 * ch4 + 265 * n2o) / 1000
    result = computed(tmp_path, "out/v-2568.yaml")
    assert result["total_t_co2e"] == pytest.approx(gen.cached[("Fr-04.1", "AO45")] + missing, rel=1e-9)


def test_a_workbook_that_is_no_tgo_form_is_refused(tmp_path: Path) -> None:
    assert ghgcalc(tmp_path, "init", "mine.xlsx").code == 0
    before = snapshot(tmp_path)
    run = ghgcalc(tmp_path, "import", "mine.xlsx", "-o", "x.yaml")
    assert run.code == 1, run
    [problem] = [p for p in issues(run.stderr) if p.severity == "error"]
    assert (problem.location, problem.code) == ("mine.xlsx", "tgo-form-unknown")
    assert "Fr-01" in problem.message and "สรุปการคำนวณ" in problem.message
    assert problem.hint and "V-Sheet" in problem.hint
    assert run.stdout == "" and snapshot(tmp_path) == before


def test_never_writes_over_the_input_or_an_existing_file(tmp_path: Path) -> None:
    g.vsheet_cfo(tmp_path / "v.xlsx", "04")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "v-2568.yaml").write_text("mine\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert_usage_error(ghgcalc(tmp_path, "import", "v.xlsx", "-o", "v.xlsx"), "never writes over")
    run = ghgcalc(tmp_path, "import", "v.xlsx", "-o", "out/")
    assert run.code != 0 and "Traceback" not in run.stderr, run
    assert snapshot(tmp_path) == before
    # two years do not fit one YAML file
    assert_usage_error(ghgcalc(tmp_path, "import", "v.xlsx", "-o", "x.yaml"), "2 year sheets", "-o imported/")
    assert snapshot(tmp_path) == before


def test_stated_years(tmp_path: Path) -> None:
    gen = g.vsheet_cfo(tmp_path / "v.xlsx", "04", stale_total=True)
    book = read_vsheet(str(tmp_path / "v.xlsx"), "v.xlsx")
    assert book.version == "04" and book.issues == []
    current, base = stated_years(book)
    assert (current.sheet, current.year, base.sheet, base.year) == ("Fr-04.1", 2568, "Fr-04.2", BASE_YEAR)
    assert current.total.value == gen.cached[("Fr-04.1", "AO45")] and current.total.cell == "AO45"
    assert {s: (t.cell, t.value) for s, t in current.scope_totals.items()} == {
        s: (c, gen.cached[("Fr-04.1", c)]) for s, c in ((1, "AO24"), (2, "AO35"), (3, "AO43"))
    }
    assert [line.row for line in current.lines] == [10, 11, 31, 36, 37]
    diesel = current.lines[1]
    label, unit, quantity, _ = g.VSHEET_SCOPE1[1]
    assert (diesel.label, diesel.unit, diesel.scope, diesel.printed_unit) == (label, unit, 1, "tCO2e")
    assert [(q.cell, q.value) for q in diesel.quantities] == [("D11", quantity)]
    assert (diesel.factor.cell, diesel.factor.value) == ("Q11", gen.cached[("Fr-04.1", "Q11")])
    assert diesel.total == diesel.printed[0] and diesel.total.cell == "AO11"
    assert diesel.total.value == gen.cached[("Fr-04.1", "AO11")]  # the stale value, as printed
    assert diesel.key == "diesel-mobile"
    electricity = current.lines[2]
    assert (electricity.factor.cell, electricity.factor.value, electricity.scope) == ("Q31", 0.4999, 2)
    assert [q.value for q in base.lines[2].quantities] == [round(g.VSHEET_SCOPE2[0][2] * 0.9, 1)]


@pytest.mark.parametrize(
    ("written", "period", "year"),
    [
        ("ม.ค.63-ธ.ค.63", 2563, 2563),
        ("ม.ค. 2563 - ธ.ค. 2563", 2563, 2563),
        ("ต.ค.62-ก.ย.63", "FY2563", 2563),
        ("เม.ย.63-มี.ค.64", {"start": "2020-04-01", "end": "2021-03-31"}, 2564),
        ("2567", 2567, 2567),
        ("ปี ๒๕๖๗", 2567, 2567),
        ("ปีงบประมาณ 2568", "FY2568", 2568),
        ("ธ.ค.63-ม.ค.63", None, None),
        ("ม.ค.-ธ.ค.", None, None),
        ("", None, None),
    ],
)
def test_parse_period(written: str, period: Any, year: int | None) -> None:
    assert parse_period(written) == (None if period is None else (period, year))
