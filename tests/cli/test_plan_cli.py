"""`ghgcalc plan` as users run it: the bundled example, every output, and their mistakes."""

from __future__ import annotations

import json
import shutil
import struct
from html.parser import HTMLParser

import pytest

from tests.conftest import ROOT
from tests.helpers import INPUT_ERRORS, USAGE, at, ghgcalc, issues

OK = 0

EXAMPLE = ROOT / "examples" / "plan.yaml"


@pytest.fixture
def example(tmp_path):
    """The example plan and its base inventory, copied so outputs can be written beside them."""
    for name in ("plan.yaml", "province.yaml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="module")
def example_result(tmp_path_factory):
    run = ghgcalc(ROOT, "plan", str(EXAMPLE), "-f", "json")
    assert run.code == OK, run
    return json.loads(run.stdout)


def test_the_example_plan_starts_from_the_computed_base_inventory(example_result):
    base = json.loads(ghgcalc(ROOT, "compute", "examples/province.yaml", "-f", "json").stdout)
    first = example_result["years"][0]
    assert first["year"] == example_result["base"]["year"] == 2023
    assert first["bau_t_co2e"] == pytest.approx(base["total_t_co2e"], rel=1e-12)
    assert first["net_t_co2e"] == first["bau_t_co2e"]  # no measure before the base year


def test_the_example_plan_adds_up(example_result):
    assert len(example_result["measures"]) >= 6
    for year in example_result["years"]:
        assert sum(year["by_measure_t_co2e"].values()) == pytest.approx(year["bau_t_co2e"] - year["net_t_co2e"])
    costs = [bar["cost_thb_per_t_co2e"] for bar in example_result["macc"]]
    assert costs == sorted(costs) and costs
    for measure in example_result["measures"]:
        for block in ("reduce", "add", "capture", "removal", "costs"):
            if measure[block]:
                assert measure[block].get("source"), (measure["id"], block)


def test_every_output_format(example):
    for fmt, name in (("md", "plan.md"), ("xlsx", "plan.xlsx"), ("json", "plan.json")):
        run = ghgcalc(example, "plan", "plan.yaml", "-f", fmt, "-o", name)
        assert run.code == OK, run
        assert (example / name).stat().st_size > 1000
    table = ghgcalc(example, "plan", "plan.yaml", "-f", "table")
    assert "BAU and plan by year" in table.stdout and "Marginal abatement cost curve" in table.stdout
    assert (example / "plan.xlsx").read_bytes()[:2] == b"PK"
    # the example's base inventory is written in B.E. (period: 2566): its years are shown so, 2030 as 2573
    assert "| 2573 |" in (example / "plan.md").read_text(encoding="utf-8")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_charts_are_written_beside_the_result(example):
    pytest.importorskip("matplotlib")
    (example / "charts").mkdir()
    run = ghgcalc(example, "plan", "plan.yaml", "-f", "json", "--charts", "charts")
    assert run.code == OK, run
    for name in ("plan-trajectory.png", "plan-macc.png"):
        width, height = _png_size((example / "charts" / name).read_bytes())
        assert width > 600 and height > 400
    again = ghgcalc(example, "plan", "plan.yaml", "-f", "json", "--charts", "charts")
    assert again.code == USAGE and "already exists" in again.stderr
    assert ghgcalc(example, "plan", "plan.yaml", "-f", "json", "--charts", "nowhere").code == USAGE


def test_outputs_never_replace_the_plan_or_its_base(example):
    before = {name: (example / name).read_bytes() for name in ("plan.yaml", "province.yaml")}
    for target in ("plan.yaml", "province.yaml"):
        run = ghgcalc(example, "plan", "plan.yaml", "-f", "json", "-o", target, "--force")
        assert run.code == USAGE, run
    assert before == {name: (example / name).read_bytes() for name in before}


BASE = """\
ghgcalc: 1
name: Test town
period: 2024
custom_factors:
  - {key: grid-test, per: kWh, kg: {CO2: 0.5}, scope: 2, source: test}
activities:
  - {activity: grid-test, amount: 10000, unit: kWh, label: Street lighting}
"""

LED = "  - {id: m, start: 2026, applies_to: {label: Street lighting}, "
MISTAKES = [
    # (plan body after the header, code, the text the error must point at)
    ("horizon: 2020\n", "horizon-invalid", "2020"),
    ("horizon: 2030\nbau: {default: people}\n", "driver-unknown", "people"),
    ("horizon: 2030\nmeasures:\n  - {id: m, use: no-such-measure, start: 2026}\n", "measure-unknown", "no-such"),
    (
        "horizon: 2030\nmeasures:\n" + LED.replace("lighting", "lights") + "reduce: {share: 0.5}}\n",
        "measure-applies-to-none",
        "{label: Street lights}",
    ),
    (
        "horizon: 2030\nmeasures:\n" + LED.replace("2026", "2024") + "reduce: {share: 1}}\n",
        "measure-start-invalid",
        "2024,",
    ),
    ("horizon: 2030\nmeasures:\n" + LED + "reduce: {share: 1.5}}\n", "value-invalid", "1.5"),
    ("horizon: 2030\nmeasures:\n" + LED + "reduce: {amount: 5, unit: L}}\n", "measure-unit-mismatch", "L}"),
    ("horizon: 2030\nmeasures:\n  - {id: m, start: 2026}\n", "measure-empty", "{id: m"),
    ("horizon: 2030\nmeasures:\n" + LED + "capture: {gas: CO3, share: 0.5}}\n", "gas-unknown", "CO3"),
    (  # at the second of the two, not the first
        "horizon: 2030\nmeasures:\n"
        + LED
        + "reduce: {share: 0.5}}\n"
        + LED.replace("2026", "2027")
        + "reduce: {share: 0.1}}\n",
        "measure-duplicate",
        "m, start: 2027",
    ),
    # costs without a figure would put the measure in the MACC as free
    (
        "horizon: 2030\nmeasures:\n" + LED + "reduce: {share: 1}, costs: {source: to be quoted}}\n",
        "measure-costs-invalid",
        "{source: to be",
    ),
    ("horizon: 2030\nmesures: []\n", "key-unknown", "mesures"),
    ("horizon: 2030\ntargets:\n  - {year: 2040, reduction_pct: 20}\n", "target-year-invalid", "2040"),
    ("horizon: 2030\ntargets:\n  - {year: 2030}\n", "target-invalid", "{year: 2030}"),
    (
        "horizon: 2030\nmeasures:\n" + LED + "reduce: {share: 1}, costs: {investment_thb: 100, lifetime_years: 5}}\n",
        "discount-rate-missing",
        "{investment_thb",
    ),
    (
        "horizon: 2030\nmeasures:\n"
        + LED
        + "reduce: {share: 1}, add: {activity: no-such-key, amount: 1, unit: kWh}}\n",
        "factor-missing",
        "{activity: no-such-key",
    ),
]


@pytest.mark.parametrize(("body", "code", "marker"), MISTAKES, ids=[m[1] for m in MISTAKES])
def test_plan_mistakes_are_located_and_explained(tmp_path, body, code, marker):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    text = f"ghgcalc_plan: 1\nname: P\nbase: base.yaml\n{body}"
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == INPUT_ERRORS, run
    assert run.stdout == ""
    found = [p for p in issues(run.stderr) if p.code == code]
    assert found, run.stderr
    line, column = at(text, marker)
    assert found[0].location == f"p.yaml:{line}:{column}", run.stderr
    assert found[0].hint or code in ("factor-missing",), run.stderr


def test_a_broken_base_inventory_is_reported_in_its_own_file(tmp_path):
    (tmp_path / "base.yaml").write_text(BASE.replace("amount: 10000", "amount: lots"), encoding="utf-8")
    (tmp_path / "p.yaml").write_text("ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\n", encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml")
    assert run.code == INPUT_ERRORS
    found = {(str(p.location).split(":")[0], p.code) for p in issues(run.stderr)}
    assert ("base.yaml", "amount-invalid") in found and ("p.yaml", "base-failed") in found


def test_missing_files(tmp_path):
    assert ghgcalc(tmp_path, "plan", "nothing.yaml").code == USAGE
    (tmp_path / "p.yaml").write_text("ghgcalc_plan: 1\nname: P\nbase: gone.yaml\nhorizon: 2030\n", encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml")
    assert run.code == INPUT_ERRORS and [p.code for p in issues(run.stderr)] == ["base-missing"]
    (tmp_path / "i.yaml").write_text(BASE, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "i.yaml")  # an inventory given where a plan belongs
    assert run.code == INPUT_ERRORS and "ghgcalc_plan: 1" in run.stderr


def test_an_own_catalogue_is_used_and_checked(tmp_path):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    entry = "  - {id: dim, name: Dimming, size_unit: street, reduce: {share: 0.25, source: council trial 2567}}\n"
    (tmp_path / "mine.yaml").write_text("ghgcalc_measures: 1\nmeasures:\n" + entry, encoding="utf-8")
    plan = (
        "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2026\ncatalogue: mine.yaml\nmeasures:\n"
        "  - {id: d, use: dim, start: 2025, applies_to: {label: Street lighting}}\n"
    )
    (tmp_path / "p.yaml").write_text(plan, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == OK, run
    measure = json.loads(run.stdout)["measures"][0]
    assert measure["reduce"]["source"] == "council trial 2567"
    assert measure["by_year"][-1]["reduction_t_co2e"] == pytest.approx(0.25 * 10000 * 0.5 / 1000)
    broken = "ghgcalc_measures: 1\nmeasures:\n" + entry.replace("0.25", "25")
    (tmp_path / "mine.yaml").write_text(broken, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == INPUT_ERRORS
    found = issues(run.stderr)[0]
    line, column = at(broken, "25,")
    assert found.location == f"mine.yaml:{line}:{column}", run.stderr
    assert found.hint and "0.3 for 30 %" in found.hint


def test_a_starter_plan_runs_on_a_starter_inventory(tmp_path):
    assert ghgcalc(tmp_path, "init", "my-town.yaml", "--fiscal").code == OK  # a calendar year may warn of two editions
    run = ghgcalc(tmp_path, "init", "plan.yaml", "--kind", "plan")
    assert run.code == OK and "ghgcalc plan plan.yaml" in run.stderr and run.stdout == ""
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json")
    assert run.code == OK, run
    # the starter inventory's amounts are all 0: the cuts have nothing to cut, the trees still grow
    assert {p.code for p in issues(run.stderr)} == {"measure-capped"}
    data = json.loads(run.stdout)
    assert [m["id"] for m in data["measures"]] == ["led", "solar", "trees"]
    assert data["years"][-1]["removals_t_co2"] == pytest.approx(1000 * 0.009)
    assert ghgcalc(tmp_path, "init", "plan.xlsx", "--kind", "plan").code == USAGE


GOLDEN = ROOT / "tests" / "golden" / "plan.json"
SAMPLE = ROOT / "tests" / "data" / "plan_sample.json"
REMAKE = "if the change is deliberate, run python scripts/make_plan_sample.py and say why in the commit"


def test_the_example_plan_json_is_unchanged():
    """tests/golden/plan.json was first written before the plan document became typed, by the
    writer that built a dict; the typed document must give the same bytes."""
    run = ghgcalc(ROOT, "plan", "examples/plan.yaml", "-f", "json")
    assert run.code == OK, run
    assert run.stdout == GOLDEN.read_text(encoding="utf-8"), REMAKE


def test_the_golden_plan_s_bau_and_removals_are_worked_by_hand():
    """tests/golden/plan.json is ghgcalc's own output; this recomputes from examples/plan.yaml, by hand, what
    it can: BAU of each sector but Waste is each base line (compute of examples/province.yaml) grown by its
    driver, (1 + r)^(year - 2023), with plan.yaml's rates (gpp 3 % for I.2, I.3 and II, 0 for V, population
    0.3 % for the rest), and the trees remove 2,000,000 x 0.009 t (DEQP's 9 kg CO2 a tree a year) ramped
    over 5 years from 2024. Waste is left out: the landfill's BAU is a first-order decay of grown deposits."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    base = json.loads(ghgcalc(ROOT, "compute", "examples/province.yaml", "-f", "json").stdout)
    sectors = {
        "I": "Stationary energy",
        "II": "Transportation",
        "IV": "Industrial processes and product use",
        "V": "Agriculture, forestry and other land use",
    }

    def rate(gpc: str) -> float:
        if gpc.startswith(("I.2", "I.3", "II")):
            return 0.03
        return 0.0 if gpc.startswith("V") else 0.003

    assert [year["year"] for year in golden["years"]] == list(range(2023, 2031))
    for year in golden["years"]:
        grown: dict[str, float] = {}
        for line in base["lines"]:
            sector = sectors.get(line["gpc"].split(".")[0])
            if sector:
                grown[sector] = grown.get(sector, 0.0) + line["t_co2e"] * (1 + rate(line["gpc"])) ** (
                    year["year"] - 2023
                )
        assert len(grown) == 4
        for sector, t_co2e in grown.items():
            assert year["bau_by_sector_t_co2e"][sector] == pytest.approx(t_co2e, rel=1e-12), (year["year"], sector)
        ramp = min(1.0, max(0, year["year"] - 2024 + 1) / 5)
        assert year["removals_t_co2"] == pytest.approx(2_000_000 * 0.009 * ramp, rel=1e-12), year["year"]
        assert year["by_measure_t_co2e"].get("trees", 0.0) == pytest.approx(2_000_000 * 0.009 * ramp, rel=1e-12)


def test_the_writers_sample_is_what_its_plan_computes():
    """tests/data/plan_sample.json feeds the writer tests; it is made by a script from
    tests/data/plan_sample.yaml, never copied by hand, and keeps up with the document."""
    run = ghgcalc(ROOT, "plan", "tests/data/plan_sample.yaml", "-f", "json")
    assert run.code == OK, run
    assert run.stdout == SAMPLE.read_text(encoding="utf-8"), REMAKE


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_json_reads_back_into_the_same_document(lang):
    from ghgcalc.models.plan_result import PlanResult
    from ghgcalc.reports.plan_output import to_json

    run = ghgcalc(ROOT, "plan", "examples/plan.yaml", "-f", "json", "--lang", lang)
    assert run.code == OK, run
    plan = PlanResult.from_dict(json.loads(run.stdout))
    assert to_json(plan) == run.stdout
    assert plan.year_text(plan.horizon) == "2573"  # province.yaml is written "period: 2566"


# --- CSV and JSON lines ---------------------------------------------------------------------------

SMALL_PLAN = """\
ghgcalc_plan: 1
name: Small plan
base: base.yaml
horizon: 2026
measures:
  - {id: led, name: "=HYPERLINK(\\"http://evil.example\\")", start: 2025, applies_to: {label: Street lighting},
     reduce: {share: 0.5}}
  - {id: trees, size: 10, start: 2025, ramp_years: 2, removal: {t_co2: 0.1}}
"""


def small_plan(tmp_path):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")


def test_plan_csv_is_one_row_per_year_and_stage(tmp_path):
    """5 t of street lighting (10,000 kWh x 0.5 kg), constant in BAU (no drivers); LED halves it
    from 2025; 10 trees x 0.1 t remove 0.5 t in 2025 (half ramped) and 1 t in 2026."""
    import csv
    import io

    small_plan(tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "csv")
    assert run.code == OK, run
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == [
        "year", "stage", "measure", "name", "t_co2e", "reduction_t_co2e", "removal_t_co2",
        "ramp", "reduced", "reduced_unit", "added", "achieved",
    ]  # fmt: skip
    assert [(r["year"], r["stage"], r["measure"]) for r in rows] == [
        (str(year), str(stage), measure)
        for year in (2024, 2025, 2026)
        for stage, measure in enumerate(("bau", "led", "trees"))
    ]
    by = {(r["year"], r["measure"]): r for r in rows}
    assert float(by["2024", "bau"]["t_co2e"]) == pytest.approx(5.0)
    assert by["2024", "bau"]["reduction_t_co2e"] == ""  # BAU cuts nothing: empty, not 0
    assert float(by["2024", "led"]["reduction_t_co2e"]) == 0.0
    led = by["2025", "led"]
    assert float(led["t_co2e"]) == pytest.approx(2.5) and float(led["reduction_t_co2e"]) == pytest.approx(2.5)
    assert (float(led["reduced"]), led["reduced_unit"], float(led["achieved"])) == (pytest.approx(5000), "kWh", 1.0)
    assert float(by["2025", "trees"]["removal_t_co2"]) == pytest.approx(0.5)
    assert float(by["2026", "trees"]["removal_t_co2"]) == pytest.approx(1.0)
    assert float(by["2026", "trees"]["t_co2e"]) == pytest.approx(2.5)  # the plan before removals
    # a name a spreadsheet would run as a formula is shown as text
    assert led["name"] == '\'=HYPERLINK("http://evil.example")'
    # the reductions and removals of a year add up to the JSON's BAU - net
    data = json.loads(ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "json").stdout)
    for year in data["years"]:
        mine = [r for r in rows if r["year"] == str(year["year"]) and r["measure"] != "bau"]
        cut = sum(float(r["reduction_t_co2e"]) + float(r["removal_t_co2"]) for r in mine)
        assert cut == pytest.approx(year["bau_t_co2e"] - year["net_t_co2e"])


def test_plan_csv_keeps_its_keys_and_years_in_thai(tmp_path):
    small_plan(tmp_path)
    english = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "csv")
    thai = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "csv", "--lang", "th", "--calendar", "be")
    assert thai.code == OK and thai.stdout == english.stdout  # headers, C.E. years and numbers unchanged


def test_plan_jsonl_is_the_json_document_on_one_line(example):
    run = ghgcalc(example, "plan", "plan.yaml", "-f", "jsonl", "-o", "plan.jsonl")
    assert run.code == OK, run
    lines = (example / "plan.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    document = json.loads(ghgcalc(example, "plan", "plan.yaml", "-f", "json").stdout)
    assert json.loads(lines[0]) == document


def test_the_trajectory_chart_can_fit_its_axis_to_the_values(example):
    pytest.importorskip("matplotlib")
    for folder in ("zero", "fit"):
        (example / folder).mkdir()
    assert ghgcalc(example, "plan", "plan.yaml", "-f", "json", "-o", "a.json", "--charts", "zero").code == OK
    run = ghgcalc(example, "plan", "plan.yaml", "-f", "json", "-o", "b.json", "--charts", "fit", "--charts-fit")
    assert run.code == OK, run
    zero, fit = ((example / folder / "plan-trajectory.png").read_bytes() for folder in ("zero", "fit"))
    assert zero != fit
    assert (example / "zero" / "plan-macc.png").read_bytes() == (example / "fit" / "plan-macc.png").read_bytes()
    alone = ghgcalc(example, "plan", "plan.yaml", "-f", "json", "--charts-fit")
    assert alone.code == USAGE and "--charts" in alone.stderr and alone.stdout == ""


# --- the web page --------------------------------------------------------------------------------


class Cells(HTMLParser):
    """The text of every cell of every table of a page, by the table's id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.table: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.table = dict(attrs).get("id") or ""
            self.tables[self.table] = []
        elif tag == "tr" and self.table is not None:
            self.tables[self.table].append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.table is not None:
            self.tables[self.table][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def page_tables(html: str) -> dict[str, list[list[str]]]:
    """Each table's body rows (its header row left out), by id."""
    reader = Cells()
    reader.feed(html)
    return {name: rows[1:] for name, rows in reader.tables.items()}


def test_plan_html_shows_the_numbers_of_the_json(example, example_result):
    from ghgcalc.reports.render_html import cell_text

    run = ghgcalc(example, "plan", "plan.yaml", "-f", "html", "-o", "plan.html")
    assert run.code == OK, run
    html = (example / "plan.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    tables = page_tables(html)
    years = tables["table-years"]
    data = example_result["years"]
    # province.yaml is written "period: 2566": the page's years are B.E.
    assert [row[0] for row in years] == [str(y["year"] + 543) for y in data]
    for row, year in zip(years, data, strict=True):
        keys = ("bau_t_co2e", "plan_t_co2e", "removals_t_co2", "net_t_co2e", "reduction_t_co2e")
        assert row[1:6] == [cell_text(year[key], "tonnes") for key in keys]
    macc = tables["table-macc"]
    assert [row[1] for row in macc] == [bar["id"] for bar in example_result["macc"]]
    costs = [round(bar["cost_thb_per_t_co2e"], 2) for bar in example_result["macc"]]  # to the satang
    assert [row[3] for row in macc] == [cell_text(cost, "number") for cost in costs]
    targets = tables["table-targets"]
    assert [row[0] for row in targets] == [t["name"] for t in example_result["targets"]]
    assert [row[-1] for row in targets] == ["met" if t["met"] else "not met" for t in example_result["targets"]]
    for chart in ("trajectory", "wedges", "macc"):
        assert f'id="chart-{chart}"' in html


def test_plan_html_in_thai_shows_names_as_text(tmp_path):
    small_plan(tmp_path)
    plan = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan.replace("name: Small plan", 'name: "<script>alert(1)</script>"'))
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "html", "--lang", "th")
    assert run.code == OK, run
    html = run.stdout
    assert '<html lang="th">' in html and "แผนลดก๊าซเรือนกระจก" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # base.yaml is written "period: 2024": C.E. years
    assert [row[0] for row in page_tables(html)["table-years"]] == ["2024", "2025", "2026"]


def test_a_share_of_lines_whose_units_do_not_add_up_is_a_located_error_not_an_internal_one(tmp_path):
    """What a measure cuts is counted in one unit: a share of a kWh line and a litre line cannot be,
    and was an internal error (exit 3); it is an error at the measure, with what to do."""
    base = BASE + "  - {activity: diesel-mobile, amount: 500, unit: L, label: Trucks}\n"
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    text = (
        "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\nmeasures:\n"
        "  - {id: m, start: 2026, applies_to: [{label: Street lighting}, {label: Trucks}], reduce: {share: 0.5}}\n"
    )
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == INPUT_ERRORS, run
    [mixed] = [p for p in issues(run.stderr) if p.code == "measure-unit-mismatch"]
    assert "'Street lighting' in kWh, 'Trucks' in L" in mixed.message and mixed.hint


def test_a_plan_given_as_an_inventory_and_the_reverse_is_one_clear_error(tmp_path):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "p.yaml").write_text("ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\n", encoding="utf-8")
    as_inventory = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json")
    assert as_inventory.code == INPUT_ERRORS, as_inventory
    assert [(p.code, p.location) for p in issues(as_inventory.stderr)] == [("document-is-plan", "p.yaml:1:1")]
    as_plan = ghgcalc(tmp_path, "plan", "base.yaml", "-f", "json")
    assert as_plan.code == INPUT_ERRORS, as_plan
    assert [(p.code, p.location) for p in issues(as_plan.stderr)] == [("document-is-inventory", "base.yaml:1:1")]


def test_a_base_that_is_a_folder_is_said_to_be_one(tmp_path):
    (tmp_path / "base").mkdir()
    (tmp_path / "p.yaml").write_text("ghgcalc_plan: 1\nname: P\nbase: base\nhorizon: 2030\n", encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    [missing] = [p for p in issues(run.stderr) if p.code == "base-missing"]
    assert missing.message == "'base' is a folder, not a file", run


def test_a_capture_of_a_gas_its_lines_do_not_emit_is_said_to_change_nothing(tmp_path):
    """The street lighting emits CO2 alone: capturing its CH4 captures nothing, which the plan's
    tables would show as a measure done in full (achieved 1.0, 0 t)."""
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    text = (
        "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\nmeasures:\n"
        + LED
        + "capture: {gas: CH4, share: 0.9}}\n"
    )
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == 0, run
    [nothing] = [p for p in issues(run.stderr) if p.code == "measure-no-effect"]
    assert "captures CH4, which its lines do not emit" in nothing.message


def test_a_measure_capped_in_its_first_years_only_is_said(tmp_path):
    """10,000 kWh growing 10 % a year hold 11,000 kWh in 2025 and 12,100 in 2026: a cut of 11,500
    kWh from 2025 is capped in 2025 only, which the horizon year would not show."""
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    text = (
        "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\n"
        "bau: {drivers: {use: {rate_pct: 10, source: test}}, default: use}\nmeasures:\n"
        "  - {id: m, start: 2025, applies_to: {label: Street lighting}, reduce: {amount: 11500, unit: kWh}}\n"
    )
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == 0, run
    [capped] = [p for p in issues(run.stderr) if p.code == "measure-capped"]
    assert "in 2025: 96 % of it could be done" in capped.message, run


def test_a_population_without_a_driver_of_its_name_is_said_to_stay_flat(tmp_path):
    """Emissions grow 10 % a year with a driver named 'pop': the population (an indicator of the
    base inventory) grows only with a driver named 'population', so the per-person figure would rise."""
    (tmp_path / "base.yaml").write_text(BASE + "indicators: {population: 10000}\n", encoding="utf-8")
    text = (
        "ghgcalc_plan: 1\nname: P\nbase: base.yaml\nhorizon: 2030\n"
        "bau: {drivers: {pop: {rate_pct: 10, source: test}}, default: pop}\n"
    )
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    run = ghgcalc(tmp_path, "plan", "p.yaml", "-f", "json")
    assert run.code == 0, run
    [flat] = [p for p in issues(run.stderr) if p.code == "indicator-not-grown"]
    assert "no driver is named population" in flat.message
