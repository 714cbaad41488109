"""`compute --uncertainty` in every format besides JSON: the terminal table, CSV, Markdown and the
Excel report show the numbers of the JSON result (the same run, the same seed), and add nothing
when no analysis ran and no line is graded (docs/reports.md).

The examples may gain or lose data-quality grades; no test here depends on which grades they give.
Expected numbers are the JSON result's (what each format must repeat) or worked out by hand from the
inputs written in the test.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ghgcalc, write

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ("municipality.yaml", "province.yaml")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

# The columns of `compute -f csv` before this analysis existed, written out: without an analysis
# and without data quality the header must be exactly these, then the gases.
PLAIN_COLUMNS = [
    "source",
    "name",
    "period_start",
    "period_end",
    "gwp",
    "line",
    "id",
    "activity",
    "label",
    "scope",
    "category",
    "gpc",
    "ipcc",
    "amount",
    "unit",
    "factor_set",
    "factor_version",
    "factor_key",
    "factor_per",
    "factor_source",
    "t_co2e",
    "co2_biogenic_t",
    "non_kyoto_t_co2e",
]
UNCERTAINTY_COLUMNS = ["uncertainty_pct", "uncertainty_activity_pct", "uncertainty_factor_pct", "uncertainty_from"]
QUALITY_COLUMNS = ["data_quality_source", "data_quality_activity", "data_quality_factor", "evidence"]

# A small organisation of our own: custom factors with their own ranges (5 % and 4 %), so no number
# depends on a published factor set.
TOWN = """ghgcalc: 1
name: Test town
period: {year}
custom_factors:
  - {{key: grid, per: kWh, kg: {{CO2: 0.5}}, source: test, uncertainty: 5}}
  - {{key: fuel, per: L, kg: {{CO2: 2.0}}, source: test, uncertainty: 4}}
activities:
  - {{activity: grid, category: electricity, amount: {kwh}, unit: kWh, scope: 2, uncertainty: {{activity: 2}}{grid}}}
  - {{activity: fuel, category: vehicles, amount: {litres}, unit: L, scope: 1, uncertainty: {{activity: 3}}{fuel}}}
  - {{activity: fuel, category: generator, amount: {generator}, unit: L, scope: 1}}
"""
GRADES = (
    ", data_quality: {source: 1st, activity: high, factor: medium}, evidence: PEA invoices",
    ", data_quality: {source: other, activity: low}",
)


def town(
    tmp_path: Path,
    name: str = "town.yaml",
    year: int = 2024,
    litres: float = 150000,
    generator: float = 2,
    graded: bool = False,
) -> str:
    """Electricity 200,000 kWh x 0.5 kg = 100 t, vehicles `litres` x 2 kg (300 t), a generator
    `generator` x 2 kg (0.004 t)."""
    grid, fuel = GRADES if graded else ("", "")
    write(tmp_path, name, TOWN.format(year=year, kwh=200000, litres=litres, generator=generator, grid=grid, fuel=fuel))
    return name


def run_ok(cwd: Path, *args: str) -> str:
    run = ghgcalc(cwd, "compute", *args)
    assert run.code == 0, run
    return run.stdout


def as_json(cwd: Path, *args: str) -> dict[str, Any]:
    data = json.loads(run_ok(cwd, *args, "--format", "json"))
    assert isinstance(data, dict)
    return data


def example(name: str) -> str:
    return f"examples/{name}"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _close(shown: str, exact: float) -> None:
    """A number as shown equals the exact one to the last digit shown (half a unit of it)."""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    assert abs(_number(shown) - exact) <= 0.5 * 10**-decimals + 1e-9, (shown, exact)


# --- the terminal table ---------------------------------------------------------------------------

UNCERTAINTY_ROW = re.compile(
    r"^\s+(Total|Scope \d)\s+([\d,.]+)\s+± ([\d.]+) %\s+([\d,.]+) – ([\d,.]+)\s+([+-][\d.]+) % / ([+-][\d.]+) %\s*$"
)


def _section(text: str, title: str, end: str) -> list[str]:
    lines = ANSI.sub("", text).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    stop = next(i for i, line in enumerate(lines[start + 1 :], start + 1) if line.startswith(end))
    return lines[start:stop]


@pytest.mark.parametrize("name", EXAMPLES)
def test_table_shows_the_json_numbers(name: str) -> None:
    data = as_json(ROOT, example(name), "--uncertainty")
    table = run_ok(ROOT, example(name), "--uncertainty", "--format", "table")
    carlo, first = data["uncertainty"]["monte_carlo"], data["uncertainty"]["approach_1"]

    rows = {m[1]: m for m in map(UNCERTAINTY_ROW.match, _section(table, "Uncertainty (95 %)", "Key categories")) if m}
    assert set(rows) == {"Total", *(f"Scope {s}" for s in data["by_scope_t_co2e"])}
    for label, match in rows.items():
        scope = label.removeprefix("Scope ")
        spread = carlo if label == "Total" else carlo["by_scope"][scope]
        _close(match[2], data["total_t_co2e"] if label == "Total" else data["by_scope_t_co2e"][scope])
        _close(match[3], first["total_pct"] if label == "Total" else first["by_scope_pct"][scope])
        _close(match[4], spread["low_t_co2e"])
        _close(match[5], spread["high_t_co2e"])
        _close(match[6], spread["low_pct"])
        _close(match[7], spread["high_pct"])
    assert f"{carlo['draws']:,} draws, seed {carlo['seed']}" in table

    # every key category, in order, with its numbers and the assessments that make it key
    key = [row for row in data["key_categories"] if row["key"]]
    shown = [line.split() for line in _section(table, "Key categories", "Level: share")[4:] if line.strip()]
    assert len(shown) == len(key)
    for cells, row in zip(shown, key, strict=True):
        gas = [row["gas"]] if row["gas"] else []
        assert cells[: 1 + len(gas)] == [row["category"], *gas]
        numbers = cells[1 + len(gas) :]  # tCO2e, level %, cumulative %, uncertainty %, then the marks
        _close(numbers[0], row["t_co2e"])
        _close(numbers[1], 100 * row["level_share"])
        _close(numbers[3], 100 * row["cumulative"])
        _close(numbers[5], row["uncertainty_pct"])
        assert numbers[2] == numbers[4] == numbers[6] == "%"
        assert len(numbers[7:]) == len(row["key_by"])  # the trend columns are empty without a base
    not_key = len(data["key_categories"]) - len(key)
    assert f"{not_key} more categories are not key" in table

    quality = data["data_quality"]
    counts = ", ".join(f"{tier} {n}" for tier, n in quality["lines_by_source"].items() if n)
    assert f"Lines by source tier (TGO Fr-04.1): {counts}.\n" in table
    asked = len({item["line"] for item in quality["for_verifier"]})
    assert f"will ask about {asked} line" in table


def test_table_key_flags_and_trend_columns_only_with_a_base(tmp_path: Path) -> None:
    now = town(tmp_path)
    # the base year: 100 t electricity, 100 t vehicles, 50 t generator (25,000 L)
    base = town(tmp_path, "base.yaml", year=2020, litres=50000, generator=25000)
    plain = run_ok(tmp_path, now, "--uncertainty", "--format", "table")
    header = next(line for line in plain.splitlines() if line.strip().startswith("Category"))
    assert header.split() == ["Category", "tCO2e", "Level", "Cum.", "±", "L", "L×U"]
    assert "Trend since the base year" not in plain

    trend = run_ok(tmp_path, now, "--uncertainty", "--base", base, "--format", "table")
    data = as_json(tmp_path, now, "--uncertainty", "--base", base)
    header = next(line for line in trend.splitlines() if line.strip().startswith("Category"))
    assert header.split() == ["Category", "tCO2e", "Level", "Cum.", "±", "L", "T", "L×U", "T×U"]
    # by hand: 400.004 t now against 250 t in the base year: +60.0016 %
    assert data["uncertainty"]["table_3_2"]["trend_pct"] == pytest.approx((400.004 - 250) / 250 * 100)
    assert "Trend since the base year: +60.0 %, ± " in trend
    assert f"± {data['uncertainty']['table_3_2']['trend_uncertainty_pct']:.1f} percentage points" in trend
    names = {"L": "level", "L×U": "level x uncertainty", "T": "trend", "T×U": "trend x uncertainty"}
    titles = [(m.start() + len(m[0]) / 2, m[0]) for m in re.finditer(r"\S+", header) if m[0] in names]
    key = [row for row in data["key_categories"] if row["key"]]
    # by hand: the generator is 0.001 % of this year's total, below the level threshold, but it fell
    # from 50 t to almost nothing: a key category by its trend alone
    generator = next(row for row in key if row["category"] == "generator")
    assert "level" not in generator["key_by"] and "trend" in generator["key_by"]
    for row in key:
        line = next(line for line in trend.splitlines() if line.strip().startswith(row["category"] + " "))
        # each mark stands under the title of an assessment that makes the category key
        marks = [m.start() for m in re.finditer("✓", line)]
        under = [min(titles, key=lambda title: abs(title[0] - mark))[1] for mark in marks]
        assert [names[title] for title in under] == row["key_by"]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("name", "base"), [("municipality.yaml", None), ("province.yaml", "province-2562.yaml")])
def test_table_fits_the_terminal(name: str, base: str | None, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the table takes the terminal's width (COLUMNS): nothing the analysis adds is
    wider, its notes are never broken in the middle, and the widest case (a province's categories
    by gas with the four assessments) keeps one line per row."""
    from rich.cells import cell_len

    from ghgcalc import api
    from ghgcalc.cli.render import results_table
    from ghgcalc.core.analysis import Settings

    monkeypatch.setenv("COLUMNS", str(width))
    options = api.Options(analysis=Settings())
    if base:
        base_result = api.read_base(str(ROOT / "examples" / base), options).result
        options = api.Options(analysis=Settings(), base=base_result)
    result = api.compute_file(str(ROOT / "examples" / name), options).result
    assert result is not None and result.analysis is not None
    text = ANSI.sub("", results_table([result], terminal=True))
    added = _section(text, "Uncertainty (95 %)", "Largest sources")
    assert all(cell_len(line) <= width for line in added), [line for line in added if cell_len(line) > width]
    whole = [line.rstrip() for line in added]
    assert "Approach 1: error propagation (IPCC 2006 Vol.1 Ch.3, Eq. 3.1 and 3.2)." in whole
    assert "Key by L: level, 95 % (Approach 1); L×U: level × uncertainty, 90 % (Approach 2)." in whole
    assert any(re.fullmatch(r"Lines by source tier \(TGO Fr-04.1\): .*\.", line) for line in whole)
    assert any(
        re.fullmatch(r"A verifier will ask about \d+ lines?: no evidence, or source tier other\.", line)
        for line in whole
    )
    # the table of the 95 % ranges is never wrapped: one line per row
    assert sum(1 for line in added if UNCERTAINTY_ROW.match(line)) == 1 + len(result.by_scope_t_co2e)
    # nor is a key category's row: every key category, once, on a line of its own
    key = [row for row in result.analysis.key_categories if row.key]
    shown = [line for line in added if line.startswith("  ") and "%" in line and not UNCERTAINTY_ROW.match(line)]
    assert [line.split()[0] for line in shown] == [row.category for row in key]
    if base:
        assert any(
            line.split() == ["Category", "Gas", "tCO2e", "Level", "Cum.", "±", "L", "T", "L×U", "T×U"] for line in added
        )


def test_table_data_quality_without_an_analysis(tmp_path: Path) -> None:
    graded = run_ok(tmp_path, town(tmp_path, graded=True), "--format", "table")
    # by hand: line 1 is 1st with evidence; line 2 is "other" without evidence; line 3 gives nothing
    # score, weighted by tCO2e over the graded lines (high 3, medium 2, low 1): line 1 (3 + 2) / 2 on
    # 100 t, line 2 low on 300 t: (2.5 x 100 + 1 x 300) / 400 = 1.375, "low" (below 1.5)
    assert "Data quality: score low (1.38 of 3, weighted by tCO2e).\n" in graded
    assert "Lines by source tier (TGO Fr-04.1): 1st 1, other 1, not given 1.\n" in graded
    assert "A verifier will ask about 2 lines: no evidence, or source tier other." in graded
    assert "Uncertainty (95 %)" not in graded and "Key categories" not in graded
    plain = run_ok(tmp_path, town(tmp_path, "plain.yaml"), "--format", "table")
    assert "Data quality" not in plain and "Uncertainty" not in plain


# --- CSV ------------------------------------------------------------------------------------------


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _without_grades(tmp_path: Path) -> Path:
    """The examples without their data-quality grades and evidence (as they were before grades
    existed), read and written with ghgcalc's own YAML reader and writer."""
    from ghgcalc.io.yaml_reader import parse
    from ghgcalc.io.yaml_writer import inventory_yaml

    folder = tmp_path / "examples"
    folder.mkdir()
    for name in ("municipality.yaml", "province.yaml", "city.yaml"):
        document, _, problems = parse((ROOT / "examples" / name).read_text(encoding="utf-8"), name)
        assert isinstance(document, dict) and not problems
        for activity in document.get("activities", []):
            activity.pop("data_quality", None)
            activity.pop("evidence", None)
        (folder / name).write_text(inventory_yaml(document), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["municipality.yaml", "province.yaml", "city.yaml"])
def test_csv_without_analysis_or_grades_is_unchanged(name: str, tmp_path: Path) -> None:
    folder = _without_grades(tmp_path)
    plain = run_ok(folder, name, "--format", "csv")
    analysed = run_ok(folder, name, "--uncertainty", "--format", "csv")
    header = plain.splitlines()[0].split(",")
    gases = header[len(PLAIN_COLUMNS) :]
    assert header[: len(PLAIN_COLUMNS)] == PLAIN_COLUMNS
    assert gases == sorted(gases) and all(column.startswith("t_") for column in gases)
    # the analysis adds its eight columns at the end and changes nothing before them, byte for byte
    assert analysed.splitlines()[0] == ",".join([*header, *UNCERTAINTY_COLUMNS, *QUALITY_COLUMNS])
    plain_lines, analysed_lines = plain.splitlines(), analysed.splitlines()
    assert len(plain_lines) == len(analysed_lines)
    for before, after in zip(plain_lines[1:], analysed_lines[1:], strict=True):
        assert after.startswith(before + ",")
        assert next(csv.reader([after]))[: len(header)] == next(csv.reader([before]))


@pytest.mark.parametrize("name", EXAMPLES)
def test_csv_uncertainty_columns_are_the_json_line_values(name: str) -> None:
    data = as_json(ROOT, example(name), "--uncertainty")
    rows = _rows(run_ok(ROOT, example(name), "--uncertainty", "--format", "csv"))
    assert list(rows[0])[-8:] == [*UNCERTAINTY_COLUMNS, *QUALITY_COLUMNS]
    by_line = {line["line"]: line for line in data["uncertainty"]["approach_1"]["lines"]}
    assert len(rows) == len(data["lines"])
    for number, (row, line) in enumerate(zip(rows, data["lines"], strict=True), start=1):
        found = by_line.get(number)
        if found is None:  # outside the total (R-22, biogenic CO2): not in the analysis
            assert [row[c] for c in UNCERTAINTY_COLUMNS] == ["", "", "", ""]
        else:
            assert float(row["uncertainty_pct"]) == found["combined_pct"]
            assert float(row["uncertainty_activity_pct"]) == found["activity_pct"]
            assert float(row["uncertainty_factor_pct"]) == found["factor_pct"]
            assert row["uncertainty_from"] == "; ".join(found["from"])
        grades = line.get("data_quality", {})
        assert [row[f"data_quality_{k}"] for k in ("source", "activity", "factor")] == [
            grades.get(k, "") for k in ("source", "activity", "factor")
        ]
        assert row["evidence"] == line.get("evidence", "")


def test_csv_line_uncertainty_by_hand(tmp_path: Path) -> None:
    rows = _rows(run_ok(tmp_path, town(tmp_path), "--uncertainty", "--format", "csv"))
    # Eq. 3.1: sqrt(2² + 5²) for the grid line, sqrt(3² + 4²) = 5 for the fuel line
    assert float(rows[0]["uncertainty_pct"]) == pytest.approx(math.sqrt(29))
    assert float(rows[1]["uncertainty_pct"]) == pytest.approx(5.0)
    assert [float(rows[1][c]) for c in UNCERTAINTY_COLUMNS[1:3]] == pytest.approx([3.0, 4.0])
    assert list(rows[0])[-8:] == [*UNCERTAINTY_COLUMNS, *QUALITY_COLUMNS]
    assert [rows[0][c] for c in QUALITY_COLUMNS] == ["", "", "", ""]  # no grades given


def test_csv_data_quality_columns_without_an_analysis(tmp_path: Path) -> None:
    graded, plain = town(tmp_path, "graded.yaml", graded=True), town(tmp_path, "plain.yaml")
    rows = _rows(run_ok(tmp_path, graded, plain, "--format", "csv"))
    assert list(rows[0])[-5:] == ["t_CO2", *QUALITY_COLUMNS]  # no uncertainty columns without --uncertainty
    assert [rows[0][c] for c in QUALITY_COLUMNS] == ["1st", "high", "medium", "PEA invoices"]
    assert [rows[1][c] for c in QUALITY_COLUMNS] == ["other", "low", "", ""]
    assert len(rows) == 6
    assert all(row[c] == "" for row in rows[2:] for c in QUALITY_COLUMNS)  # line 3, and the ungraded file
    alone = run_ok(tmp_path, plain, "--format", "csv")
    assert alone.splitlines()[0] == ",".join([*PLAIN_COLUMNS, "t_CO2"])


# --- Markdown -------------------------------------------------------------------------------------


def _md_table(md: str, heading: str) -> tuple[list[str], list[list[str]]]:
    """The first table after `heading`: its titles and its rows, cells stripped."""
    lines = md.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    block = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        block.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return block[0], block[2:]


def _bold(cell: str) -> str:
    return cell.strip("*")


@pytest.mark.parametrize(
    ("name", "base"), [("municipality.yaml", None), ("municipality.yaml", "municipality-2565.yaml")]
)
def test_markdown_shows_the_json_numbers(name: str, base: str | None) -> None:
    extra = ("--base", example(base)) if base else ()
    data = as_json(ROOT, example(name), "--uncertainty", *extra)
    md = run_ok(ROOT, example(name), "--uncertainty", *extra, "--format", "md")
    uncertainty = data["uncertainty"]
    table = uncertainty["table_3_2"]

    titles, rows = _md_table(md, "### IPCC 2006 Table 3.2")
    letters = [title.split(":")[0] for title in titles]
    # the trend columns (and C, the base year's emissions) only with a base year
    assert letters == (list("ABCDEFGHIJKLM") if base else list("ABDEFGH"))
    column = {letter: i for i, letter in enumerate(letters)}
    assert len(rows) == len(table["rows"]) + 2  # the categories, the totals and the uncertainty rows
    keys = {"D": "t_co2e", "E": "activity_pct", "F": "factor_pct", "G": "combined_pct", "H": "variance_contribution"}
    if base:
        keys |= {
            "C": "base_t_co2e",
            "K": "trend_from_factor_pct",
            "L": "trend_from_activity_pct",
            "M": "trend_variance",
        }
    for cells, row in zip(rows, table["rows"], strict=False):
        assert cells[0] == row["category"]
        assert cells[1] == (row["gas"] or "all (CO2e)")
        for letter, key in keys.items():
            _close(cells[column[letter]], row[key])
        if base:  # I and J dimensionless, as IPCC's Table 3.4 prints them
            _close(cells[column["I"]], row["type_a_sensitivity"])
            _close(cells[column["J"]], row["type_b_sensitivity"])
    totals, uncertain = rows[-2], rows[-1]
    _close(_bold(totals[column["D"]]), math.fsum(row["t_co2e"] for row in table["rows"]))
    _close(_bold(totals[column["H"]]), math.fsum(row["variance_contribution"] for row in table["rows"]))
    _close(_bold(uncertain[column["H"]]), table["total_pct"])
    # √ΣH by hand from the rows (H in IPCC's units, squared fractions): the total's uncertainty in %
    assert table["total_pct"] == pytest.approx(
        100 * math.sqrt(math.fsum(r["variance_contribution"] for r in table["rows"]))
    )
    if base:
        _close(_bold(uncertain[column["M"]]), table["trend_uncertainty_pct"])
        assert f"±{table['trend_uncertainty_pct']:.2f} percentage points" in md

    titles, rows = _md_table(md, "### Totals at 95 %")
    first, carlo = uncertainty["approach_1"], uncertainty["monte_carlo"]
    assert _bold(rows[0][0]).startswith("Total")
    expected = [(data["total_t_co2e"], first["total_pct"], carlo)]
    expected += [
        (data["by_scope_t_co2e"][s], first["by_scope_pct"][s], carlo["by_scope"][s]) for s in data["by_scope_t_co2e"]
    ]
    assert len(rows) == len(expected)
    for cells, (tonnes, pct, spread) in zip(rows, expected, strict=True):
        _close(cells[1], tonnes)
        _close(cells[2], pct)
        for cell, key in zip(cells[3:6], ("mean_t_co2e", "low_t_co2e", "high_t_co2e"), strict=True):
            _close(cell, spread[key])
        low, high = cells[6].replace(" %", "").split(" / ")
        _close(low, spread["low_pct"])
        _close(high, spread["high_pct"])
    assert f"{carlo['draws']:,} draws, seed {carlo['seed']}" in md

    titles, rows = _md_table(md, "## Key categories")
    assert ("Trend assessment" in titles) == bool(base)
    assert len(rows) == len(data["key_categories"])
    for cells, row in zip(rows, data["key_categories"], strict=True):
        assert cells[1] == row["category"]
        _close(cells[3], row["t_co2e"])
        _close(cells[4].removesuffix(" %"), 100 * row["level_share"])
        _close(cells[6], row["uncertainty_pct"])
        shown = cells[-1].removeprefix("**key**: ").split(", ") if row["key"] else []
        assert [name.replace("×", "x") for name in shown] == row["key_by"]
        if not row["key"]:
            assert cells[-1] == "-"

    quality = data["data_quality"]
    _, rows = _md_table(md, "## Data quality")
    assert {cells[0]: int(cells[2]) for cells in rows} == quality["lines_by_source"]
    asked = {item["line"] for item in quality["for_verifier"]}
    if asked:
        _, rows = _md_table(md, "For the verifier")
        assert [(int(c[0]), c[2]) for c in rows] == [(i["line"], i["why"]) for i in quality["for_verifier"]]


def test_markdown_table_3_2_by_hand(tmp_path: Path) -> None:
    now = town(tmp_path)
    base = town(tmp_path, "base.yaml", year=2020, litres=50000, generator=25000)
    md = run_ok(tmp_path, now, "--uncertainty", "--base", base, "--format", "md")
    titles, rows = _md_table(md, "### IPCC 2006 Table 3.2")
    vehicles = dict(zip([t.split(":")[0] for t in titles], rows[0], strict=True))
    # vehicles: 300 t now, 100 t in the base year; E 3 %, F 4 % (given), G = 5 %
    assert (vehicles["A"], vehicles["C"], vehicles["D"]) == ("vehicles", "100", "300")
    assert (vehicles["E"], vehicles["F"], vehicles["G"]) == ("3.00", "4.00", "5.00")
    # J = D / ΣC = 300 / 250 = 1.2 (dimensionless, as IPCC's Table 3.4 prints it); L = J x E x √2 = 5.09 %
    assert vehicles["J"] == "1.2000" and vehicles["L"] == "5.09"


def test_markdown_without_analysis_is_unchanged_and_data_quality_is_a_section_of_its_own(tmp_path: Path) -> None:
    """The organisation's summary (a community's report is the GPC's layout: tests/io/test_gpc_report.py)."""
    folder = _without_grades(tmp_path)
    for name in ("municipality.yaml",):
        plain = run_ok(folder, name, "--format", "md")
        assert "## Data quality" not in plain and "## Uncertainty" not in plain
        graded = run_ok(ROOT / "examples", name, "--format", "md")
        if "## Data quality" not in graded:
            continue  # the example gives no grades today
        before, rest = graded.split("## Data quality\n", 1)
        after = rest[rest.index("## Factors used") :]
        assert before + after == plain  # the section is all that grades add


# --- the Excel report -----------------------------------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")


def _book(cwd: Path, tmp_path: Path, *args: str) -> Any:
    out = tmp_path / f"report-{len(list(tmp_path.glob('report-*.xlsx')))}.xlsx"
    run_ok(cwd, *args, "--format", "xlsx", "-o", str(out))
    return openpyxl.load_workbook(out)


def _same(value: object, expected: float) -> None:
    """A cell holds the result's number (openpyxl keeps the double's 16-17 digits)."""
    assert value == pytest.approx(expected, rel=1e-15, abs=1e-300), (value, expected)


def _rows_after(ws: Any, first_cell: str) -> tuple[int, list[tuple[Any, ...]]]:
    """The row whose first cell is `first_cell` (a title row) and the rows after it, as values."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(n for n, row in enumerate(rows) if row[0] == first_cell)
    return start, rows[start + 1 :]


@pytest.mark.parametrize(
    ("name", "base"), [("municipality.yaml", None), ("municipality.yaml", "municipality-2565.yaml")]
)
def test_xlsx_uncertainty_sheet_is_table_3_2_with_the_json_numbers(name: str, base: str | None, tmp_path: Path) -> None:
    extra = ("--base", example(base)) if base else ()
    data = as_json(ROOT, example(name), "--uncertainty", *extra)
    book = _book(ROOT, tmp_path, example(name), "--uncertainty", *extra)
    forms = ["Fr-01 Organisation", "Fr-02 Boundary", "Fr-03 Sources", "Fr-04.1 Inventory"]
    if base:
        forms += ["Fr-04.2 Base year", "Fr-04.3 Recalculation"]
    assert book.sheetnames == [
        *forms,
        "Fr-05 Summary",
        "Uncertainty",
        "Key categories",
        "Data quality",
        "Factors",
    ]
    ws = book["Uncertainty"]
    table = data["uncertainty"]["table_3_2"]
    letters = "ABCDEFGHIJKLM" if base else "ABCDEFGH"
    rows = list(ws.iter_rows(values_only=True))
    at = next(n for n, row in enumerate(rows) if row[:2] == ("A", "B"))
    # IPCC's letters above the titles, each in the spreadsheet column of the same letter; the trend
    # columns only with a base year
    assert "".join(cell for cell in rows[at] if cell) == letters
    assert rows[at + 1][0] == "หมวด\nCategory"
    assert ("Type A sensitivity" in str(rows[at + 1][8:9])) == bool(base)
    assert ws.print_title_rows == f"${at + 1}:${at + 2}"  # the letters and the titles on every page
    column = {letter: n for n, letter in enumerate(letters)}
    keys = {"D": "t_co2e", "E": "activity_pct", "F": "factor_pct", "G": "combined_pct", "H": "variance_contribution"}
    if base:
        keys |= {
            "C": "base_t_co2e",
            "I": "type_a_sensitivity",
            "J": "type_b_sensitivity",
            "K": "trend_from_factor_pct",
            "L": "trend_from_activity_pct",
            "M": "trend_variance",
        }
    body = rows[at + 2 : at + 2 + len(table["rows"])]
    for cells, row in zip(body, table["rows"], strict=True):
        assert cells[0] == row["category"]
        for letter, key in keys.items():
            _same(cells[column[letter]], row[key])
        if not base:
            assert cells[column["C"]] is None  # no base year: column C stays empty
    total, uncertain = rows[at + 2 + len(table["rows"])], rows[at + 3 + len(table["rows"])]
    assert str(total[0]).endswith("Total")
    _same(total[column["D"]], math.fsum(row["t_co2e"] for row in table["rows"]))
    _same(uncertain[column["H"]], table["total_pct"])
    if base:
        _same(total[column["C"]], table["base_total_t_co2e"])
        _same(uncertain[column["M"]], table["trend_uncertainty_pct"])

    _, after = _rows_after(ws, "Totals at 95 %")
    first, carlo = data["uncertainty"]["approach_1"], data["uncertainty"]["monte_carlo"]
    totals = after[1 : 2 + len(data["by_scope_t_co2e"])]
    expected = [(data["total_t_co2e"], first["total_pct"], carlo)]
    expected += [
        (data["by_scope_t_co2e"][s], first["by_scope_pct"][s], carlo["by_scope"][s]) for s in data["by_scope_t_co2e"]
    ]
    for cells, (tonnes, pct, spread) in zip(totals, expected, strict=True):
        _same(cells[1], tonnes)
        _same(cells[2], pct)
        keys_mc = ("mean_t_co2e", "low_t_co2e", "high_t_co2e", "low_pct", "high_pct")
        for cell, key in zip(cells[3:8], keys_mc, strict=True):
            _same(cell, spread[key])
    assert any(f"{carlo['draws']:,} draws, seed {carlo['seed']}" in str(cell) for row in rows for cell in row if cell)


@pytest.mark.parametrize(
    ("name", "base"), [("municipality.yaml", None), ("municipality.yaml", "municipality-2565.yaml")]
)
def test_xlsx_key_categories_and_data_quality_sheets(name: str, base: str | None, tmp_path: Path) -> None:
    extra = ("--base", example(base)) if base else ()
    data = as_json(ROOT, example(name), "--uncertainty", *extra)
    book = _book(ROOT, tmp_path, example(name), "--uncertainty", *extra)
    ws = book["Key categories"]
    start, after = _rows_after(ws, "ลำดับ\n#")
    titles = [str(cell) for cell in next(ws.iter_rows(min_row=start + 1, max_row=start + 1, values_only=True)) if cell]
    assert ("ค่าประเมินแนวโน้ม\nTrend assessment" in titles) == bool(base)
    numbered = [cells for cells in after if isinstance(cells[0], int)]
    assert [cells[0] for cells in numbered] == list(range(1, len(data["key_categories"]) + 1))
    for cells, row in zip(numbered, data["key_categories"], strict=True):
        assert cells[1] == row["category"]
        _same(cells[3], row["t_co2e"])
        _same(cells[4], row["level_share"])
        _same(cells[6], row["uncertainty_pct"])
        # a mark under each "Key by ..." title that makes the category key
        marked = [title for title, cell in zip(titles, cells, strict=False) if cell == "✓"]
        shown = [title.split("\n")[-1].removeprefix("Key by ").replace("×", "x") for title in marked]
        assert shown == row["key_by"]

    quality = data["data_quality"]
    ws = book["Data quality"]
    _, after = _rows_after(ws, "ระดับแหล่งข้อมูล\nSource tier")
    counts = {("not given" if "not given" in str(cells[0]) else cells[0]): cells[2] for cells in after[:4]}
    assert counts == quality["lines_by_source"]
    _, after = _rows_after(ws, "ลำดับ\n#") if quality["for_verifier"] else (0, [])
    listed = [(cells[0], cells[2]) for cells in after if cells[0] is not None]
    assert listed == [(item["line"], item["why"]) for item in quality["for_verifier"]]


def test_xlsx_fr_04_1_tier_evidence_and_line_uncertainty(tmp_path: Path) -> None:
    data = as_json(ROOT, example("municipality.yaml"), "--uncertainty")
    book = _book(ROOT, tmp_path, example("municipality.yaml"), "--uncertainty")
    ws = book["Fr-04.1 Inventory"]
    start, after = _rows_after(ws, "ลำดับ\n#")
    header = {
        str(title): n
        for n, title in enumerate(next(ws.iter_rows(min_row=start + 1, max_row=start + 1, values_only=True)))
        if title
    }
    tier = header["แหล่งข้อมูล\n(ระดับตาม อบก.)\nData source\n(TGO tier)"]
    evidence = header["หลักฐาน / อ้างอิง\nEvidence / reference"]
    spread = header["ความไม่แน่นอน\nUncertainty\n± % (95 %)"]
    # TGO's order: the tier after the total EF, before the tonnes of each gas
    assert header["ค่า EF รวม\n(kgCO2e/หน่วย)\nTotal EF\n(kgCO2e/unit)"] < tier < evidence
    assert evidence < min(n for t, n in header.items() if t.endswith("\n(t)"))
    by_line = {line["line"]: line for line in data["uncertainty"]["approach_1"]["lines"]}
    lines = [cells for cells in after if isinstance(cells[0], int)][: len(data["lines"])]
    assert len(lines) == len(data["lines"])
    for cells in lines:
        line = data["lines"][cells[0] - 1]
        assert cells[tier] == line.get("data_quality", {}).get("source")
        assert cells[evidence] == line.get("evidence")
        if cells[0] in by_line:
            _same(cells[spread], by_line[cells[0]]["combined_pct"])
        else:
            assert cells[spread] is None
    # the totals rows carry the scope's and the inventory's uncertainty
    rows = list(ws.iter_rows(values_only=True))
    total_row = next(row for row in rows if row[header["รายการ\nDescription"]] == "Scope 1+2+3 total")
    _same(total_row[spread], data["uncertainty"]["approach_1"]["total_pct"])
    assert ws.page_setup.orientation == "landscape" and ws.print_title_cols == "$A:$C"
    assert ws.print_title_rows == f"${start}:${start + 1}"  # the block titles and the headings


def test_xlsx_without_analysis_or_grades_has_no_new_sheet_or_column(tmp_path: Path) -> None:
    folder = _without_grades(tmp_path)
    book = _book(folder, tmp_path, "municipality.yaml")
    forms = ["Fr-01 Organisation", "Fr-02 Boundary", "Fr-03 Sources", "Fr-04.1 Inventory", "Fr-05 Summary", "Factors"]
    assert book.sheetnames == forms
    texts = {str(cell) for row in book["Fr-04.1 Inventory"].iter_rows(values_only=True) for cell in row if cell}
    assert not any("TGO tier" in t or "Evidence" in t or "Uncertainty" in t for t in texts)

    # graded lines without an analysis: TGO's tier and the evidence in Fr-04.1, no sheet more
    graded = _book(tmp_path, tmp_path, town(tmp_path, graded=True))
    assert graded.sheetnames == forms
    texts = {str(cell) for row in graded["Fr-04.1 Inventory"].iter_rows(values_only=True) for cell in row if cell}
    assert "หลักฐาน / อ้างอิง\nEvidence / reference" in texts and "PEA invoices" in texts
    assert not any("Uncertainty\n± %" in t for t in texts)


def test_hostile_text_in_the_new_columns_and_sections(tmp_path: Path) -> None:
    """Evidence and category names come from the user: never a formula, never Markdown or markup."""
    write(
        tmp_path,
        "bad.yaml",
        TOWN.format(year=2024, kwh=200000, litres=150000, generator=2, grid="", fuel="").replace(
            "category: vehicles,",
            'category: "a|b [x](y) <b>", evidence: "=HYPERLINK(\\"http://x\\")",',
        ),
    )
    rows = _rows(run_ok(tmp_path, "bad.yaml", "--uncertainty", "--format", "csv"))
    assert rows[1]["evidence"] == '\'=HYPERLINK("http://x")'
    md = run_ok(tmp_path, "bad.yaml", "--uncertainty", "--format", "md")
    assert "a\\|b \\[x\\](y) \\<b\\>" in md and "<b>" not in md
    table = run_ok(tmp_path, "bad.yaml", "--uncertainty", "--format", "table")
    assert "a|b [x](y) <b>" in table  # shown as written, not read as rich markup
    book = _book(tmp_path, tmp_path, "bad.yaml", "--uncertainty")
    cells = [cell for ws in book for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)]
    formula = [cell for cell in cells if cell.value.startswith("=")]
    assert formula and all(cell.data_type == "s" and cell.quotePrefix for cell in formula)
    assert any(cell.value == "a|b [x](y) <b>" for cell in cells if cell.parent.title == "Key categories")
