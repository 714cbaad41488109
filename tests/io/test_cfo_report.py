"""TGO's CFO form set in the workbook (`compute -f xlsx`, docs/cfo-report.md): the sheets and their order,
how each prints (A4 landscape, titles repeated, no page wider than the paper, no text below 8 points),
the blanks Fr-01 leaves to fill, Fr-03's significance and Fr-05's ROUNDUP worked out by hand, the
base year's forms, the factors' citations, and the same numbers in Thai and in English."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import i18n
from ghgcalc.models.inventory import LOCAL_GOVERNMENT_TH
from tests.conftest import ROOT
from tests.helpers import at, ghgcalc, write

openpyxl = pytest.importorskip("openpyxl")

EXAMPLE = ROOT / "examples" / "municipality.yaml"
BASE = ROOT / "examples" / "municipality-2565.yaml"
FORMS = ["Fr-01 Organisation", "Fr-02 Boundary", "Fr-03 Sources", "Fr-04.1 Inventory"]
BASE_FORMS = ["Fr-04.2 Base year", "Fr-04.3 Recalculation"]
TO_FILL = "FCE4D6"

# One custom factor, 1 kg CO2 per kg, so that every line's tonnes are its amount / 1000.
KG = """custom_factors:
  - {{key: co2, per: kg, kg: {{CO2: {co2}}}, source: "test: 1 kg CO2 per kg"}}
"""


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """A run with --lang th leaves the process in Thai; later tests that call the library read English."""
    yield
    i18n.set_language("en")
    i18n.set_calendar("")


def book(cwd: Path, *args: str) -> Any:
    out = cwd / f"report-{len(list(cwd.glob('report-*.xlsx')))}.xlsx"
    run = ghgcalc(cwd, "compute", *args, "-f", "xlsx", "-o", str(out))
    assert run.code == 0, run
    return openpyxl.load_workbook(out)


def inventory(tmp_path: Path, name: str, lines: list[tuple[int, float]], extra: str = "", co2: float = 1) -> str:
    """An inventory of (scope, kg of CO2) lines, labelled L1, L2, ..."""
    body = "".join(
        f"  - {{activity: co2, label: L{n}, scope: {scope}, amount: {kg}, unit: kg}}\n"
        for n, (scope, kg) in enumerate(lines, start=1)
    )
    write(
        tmp_path, name, f"ghgcalc: 1\nname: Test town\nperiod: FY2567\n{extra}{KG.format(co2=co2)}activities:\n{body}"
    )
    return name


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def field(ws: Any, label: str) -> Any:
    """The cell holding the value of a form's field (the first cell right of its label)."""
    for row in ws.iter_rows():
        if row[0].value == label:
            return next(cell for cell in row[1:] if cell.value is not None or cell.fill.fgColor.rgb.endswith(TO_FILL))
    raise AssertionError(label)


# --- the sheets ------------------------------------------------------------------------------------


def test_the_forms_in_tgo_order_and_the_base_year_forms_only_with_base(tmp_path: Path) -> None:
    alone = book(tmp_path, str(EXAMPLE))
    assert alone.sheetnames == [*FORMS, "Fr-05 Summary", "Factors"]
    both = book(tmp_path, str(EXAMPLE), "--base", str(BASE))
    assert both.sheetnames == [*FORMS, *BASE_FORMS, "Fr-05 Summary", "Factors"]
    analysed = book(tmp_path, str(EXAMPLE), "--base", str(BASE), "--uncertainty")
    extra = ["Uncertainty", "Key categories", "Data quality"]
    assert analysed.sheetnames == [*FORMS, *BASE_FORMS, "Fr-05 Summary", *extra, "Factors"]


# --- printing ----------------------------------------------------------------------------------------

A4_LANDSCAPE_PT = (841.89, 595.28)


def printed_widths(ws: Any) -> list[float]:
    """The width in points at 100 % of each page across a sheet prints (its column breaks, the title
    columns repeated on every page but the first), each column 7 pixels a unit and 5 of padding."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    last = ws.max_column
    widths = {c: ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, last + 1)}
    titles: list[int] = []
    if ws.print_title_cols:
        first, end = (column_index_from_string(part.strip("$")) for part in ws.print_title_cols.split(":"))
        titles = list(range(first, end + 1))
    breaks = sorted(brk.id for brk in ws.col_breaks.brk)
    pages, start = [], 1
    for end in [*breaks, last]:
        columns = list(range(start, end + 1))
        if start > 1:
            columns = titles + columns
        pages.append(sum((7 * widths[c] + 5) * 0.75 for c in columns))
        start = end + 1
    return pages


def scale_of(ws: Any) -> float:
    """The scale a sheet prints at: its own, or the one fit-to-width gives."""
    room = A4_LANDSCAPE_PT[0] - (ws.page_margins.left + ws.page_margins.right) * 72
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        return min(1.0, room / max(printed_widths(ws)))
    return (ws.page_setup.scale or 100) / 100


@pytest.mark.parametrize("lang", ["en", "th"])
def test_every_sheet_prints_on_a4_landscape_at_8_points_or_more(tmp_path: Path, lang: str) -> None:
    workbook = book(tmp_path, "--lang", lang, str(EXAMPLE), "--base", str(BASE), "--uncertainty")
    for ws in workbook:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        scale = scale_of(ws)
        room = A4_LANDSCAPE_PT[0] - (ws.page_margins.left + ws.page_margins.right) * 72
        # each page, at the sheet's scale, fits within the margins (fit to the width of the paper)
        assert all(width * scale <= room for width in printed_widths(ws)), (ws.title, printed_widths(ws), scale)
        smallest = min(cell.font.sz for row in ws.iter_rows() for cell in row if cell.value is not None)
        assert smallest * scale >= 8, (ws.title, smallest, scale)
    for name in ["Fr-03 Sources", "Fr-04.1 Inventory", "Fr-04.2 Base year", "Factors", "Key categories"]:
        assert workbook[name].print_title_rows, name  # the headings on every page
    for name in ["Fr-04.1 Inventory", "Fr-04.2 Base year"]:
        ws = workbook[name]
        assert ws.print_title_cols == "$A:$C"  # #, scope and the source's name on every page
        assert len(ws.col_breaks.brk) >= 2  # the per-gas columns on pages of their own
        assert not ws.sheet_properties.pageSetUpPr.fitToPage  # not shrunk to one page wide


# --- Fr-01 -------------------------------------------------------------------------------------------


def test_fr01_leaves_blanks_to_fill_where_the_inventory_gives_nothing(tmp_path: Path) -> None:
    name = inventory(tmp_path, "bare.yaml", [(1, 1000)])
    ws = book(tmp_path, name)["Fr-01 Organisation"]
    assert field(ws, "Name of the organisation").value == "Test town"
    assert field(ws, "Reporting period").value == "fiscal year 2567 (1 Oct 2566 – 30 Sep 2567)"
    for label in ("Type of local government", "Local government code", "Address", "Province", "Number of staff"):
        cell = field(ws, label)
        assert cell.value is None and cell.fill.fgColor.rgb.endswith(TO_FILL), label  # never invented
    for label in ("Area (km²)", "Population served", "Base year", "Prepared by", "Contact person", "E-mail"):
        assert field(ws, label).value is None, label


def test_fr01_fills_what_the_organization_block_gives_in_thai(tmp_path: Path) -> None:
    extra = """organization:
  type: town-municipality
  province: เชียงใหม่
  preparer: {name: Somchai, position: Environment officer}
indicators: {staff: 120, population: 35000, area_km2: 12.5}
"""
    name = inventory(tmp_path, "org.yaml", [(1, 1000)], extra)
    ws = book(tmp_path, "--lang", "th", name)["Fr-01 Organisation"]
    assert field(ws, "ประเภทองค์กรปกครองส่วนท้องถิ่น").value == LOCAL_GOVERNMENT_TH["town-municipality"]
    assert field(ws, "จังหวัด").value == "เชียงใหม่"
    assert field(ws, "จำนวนบุคลากร (คน)").value == 120
    assert field(ws, "จำนวนประชากรในพื้นที่ (คน)").value == 35000
    assert field(ws, "ผู้จัดทำ").value == "Somchai ตำแหน่ง Environment officer"
    assert field(ws, "ช่วงเวลาการรายงาน").value == "ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)"


def test_every_type_of_local_government_has_its_thai_name(tmp_path: Path) -> None:
    from ghgcalc.reports.cfo_text import LOCAL_GOVERNMENT

    assert set(LOCAL_GOVERNMENT) == set(LOCAL_GOVERNMENT_TH)
    for key, english in LOCAL_GOVERNMENT.items():
        assert i18n.catalog("th")[english] == LOCAL_GOVERNMENT_TH[key]


# --- Fr-03 -------------------------------------------------------------------------------------------


def test_fr03_significance_by_hand(tmp_path: Path) -> None:
    # Scope 1+2 = 60 + 4 + 31 + 5 = 100 t: 60 % and 31 % are significant (มาก), 4 % minor (น้อย),
    # 5 % exactly is significant (5 % or more). Scope 3 = 18.1 + 1 + 0.9 = 20 t: weighed against
    # Scope 3, 90.5 % and 5 % significant, 4.5 % minor.
    lines = [(1, 60000), (1, 4000), (2, 31000), (2, 5000), (3, 18100), (3, 1000), (3, 900)]
    expected = {
        "L1": (0.60, "มาก"),
        "L2": (0.04, "น้อย"),
        "L3": (0.31, "มาก"),
        "L4": (0.05, "มาก"),
        "L5": (0.905, "มาก"),
        "L6": (0.05, "มาก"),
        "L7": (0.045, "น้อย"),
    }
    ws = book(tmp_path, "--lang", "th", inventory(tmp_path, "s.yaml", lines))["Fr-03 Sources"]
    found = {row[2]: (row[8], row[9]) for row in rows(ws) if isinstance(row[0], int)}
    assert set(found) == set(expected)
    for label, (share, mark) in expected.items():
        assert found[label][0] == pytest.approx(share, rel=1e-12), label
        assert found[label][1] == mark, label
    # the rule is written on the sheet
    assert any("ร้อยละ 5" in str(row[0]) for row in rows(ws))
    english = book(tmp_path, inventory(tmp_path, "s.yaml", lines))["Fr-03 Sources"]
    marks = [row[9] for row in rows(english) if isinstance(row[0], int)]
    assert marks == ["significant", "minor", "significant", "significant", "significant", "significant", "minor"]


def test_fr03_division_and_evidence_or_a_blank_to_fill(tmp_path: Path) -> None:
    ws = book(tmp_path, str(EXAMPLE))["Fr-03 Sources"]
    lines = [row for row in ws.iter_rows() if isinstance(row[0].value, int)]
    assert len(lines) == 16
    assert lines[0][4].value == "กองสาธารณสุขและสิ่งแวดล้อม (Public Health and Environment Division)"
    landfill = lines[-1]
    assert landfill[2].value == "Office waste sent to the landfill"
    assert landfill[6].value is None and landfill[6].fill.fgColor.rgb.endswith(TO_FILL)  # no evidence given


# --- Fr-05 -------------------------------------------------------------------------------------------


def test_fr05_rounds_each_scope_up_by_hand(tmp_path: Path) -> None:
    # Scope 1: 1,250.5 kg = 1.2505 t -> 2; Scope 2: 3,000 kg = 3 t stays 3; Scope 3: 10 kg = 0.01 t -> 1.
    # The totals are sums of the rounded scopes: 2 + 3 = 5, 2 + 3 + 1 = 6.
    name = inventory(tmp_path, "r.yaml", [(1, 1250.5), (2, 3000), (3, 10)])
    ws = book(tmp_path, name)["Fr-05 Summary"]
    table = {row[0]: row for row in rows(ws) if isinstance(row[0], str)}
    assert table["Scope 1"][1:3] == (pytest.approx(1.2505), 2)
    assert table["Scope 2"][1:3] == (pytest.approx(3.0), 3)
    assert table["Scope 3"][1:3] == (pytest.approx(0.01), 1)
    assert table["Total Scope 1 & 2"][2] == 5
    assert table["Total Scope 1 & 2 & 3"][2] == 6


def test_fr05_has_both_years_and_the_sign_off(tmp_path: Path) -> None:
    ws = book(tmp_path, "--lang", "th", str(EXAMPLE), "--base", str(BASE))["Fr-05 Summary"]
    texts = [row[0] for row in rows(ws) if isinstance(row[0], str)]
    assert any(t.startswith("ปีที่รายงาน: ปีงบประมาณ 2567") for t in texts)
    assert any(t.startswith("ปีฐาน: ปีงบประมาณ 2565") for t in texts)
    assert texts.count("ประเภทที่ 1") == 2  # each year's ROUNDUP table
    sign = {row[0].value: row for row in ws.iter_rows() if row[0].value in ("ผู้จัดทำ", "ผู้ตรวจสอบ", "ผู้อนุมัติ")}
    assert sign["ผู้จัดทำ"][1].value == "นางสาวตัวอย่าง ใจดี (illustrative)"
    assert sign["ผู้ตรวจสอบ"][1].value is None and sign["ผู้ตรวจสอบ"][1].fill.fgColor.rgb.endswith(TO_FILL)
    for row in sign.values():
        assert row[5].value is None and row[5].fill.fgColor.rgb.endswith(TO_FILL)  # signed by hand


# --- Fr-04.2 and Fr-04.3 ---------------------------------------------------------------------------------


def test_fr04_3_flags_a_changed_factor_and_works_out_its_effect(tmp_path: Path) -> None:
    # This year 1 kg CO2 per kg; the base year used 2. Base: L1 1,000 kg at 2 = 2 t, L2 (scope 2)
    # 10,000 kg at 2 = 20 t; total 22 t. With this year's factor the base year would be 1 + 10 = 11 t:
    # an effect of -11 t, 50 % of 22 t: 5 % or more, so the base year is to be recalculated.
    now = inventory(tmp_path, "now.yaml", [(1, 1200), (2, 9000)])
    base = inventory(tmp_path, "base.yaml", [(1, 1000), (2, 10000)], co2=2)
    text = (tmp_path / base).read_text(encoding="utf-8").replace("FY2567", "FY2565")
    (tmp_path / base).write_text(text, encoding="utf-8")
    workbook = book(tmp_path, now, "--base", base)
    assert [name for name in workbook.sheetnames if name in BASE_FORMS] == BASE_FORMS
    ws = workbook["Fr-04.3 Recalculation"]
    values = {row[0]: row[3] for row in rows(ws) if isinstance(row[0], str)}
    # numbers, not texts: a verifier adds them up and recomputes them
    assert values["Sources whose factor or GWP changed"] == 2
    assert values["Effect on the base year's total (tCO2e)"] == pytest.approx(-11)
    assert values["Effect, % of the base year's total"] == pytest.approx(-50)
    assert values["Finding"].startswith("5 % or more: recalculate")
    sources = [row for row in rows(ws) if isinstance(row[0], int)]
    assert [(row[1], row[9]) for row in sources] == [("L1", "factor changed"), ("L2", "factor changed")]
    assert sources[0][10] == pytest.approx(1 - 2) and sources[1][10] == pytest.approx(10 - 20)
    base_sheet = workbook["Fr-04.2 Base year"]
    header = next(row for row in rows(base_sheet) if row[0] == "ลำดับ\n#")
    total = header.index("ปริมาณก๊าซเรือนกระจกรวม\nTotal GHG\n(tCO2e)")
    assert [(row[2], row[total]) for row in rows(base_sheet) if isinstance(row[0], int)] == [("L1", 2.0), ("L2", 20.0)]


# --- the factors ---------------------------------------------------------------------------------------


def test_factors_cite_the_publishers_document_first_and_the_transcription_in_its_own_column(tmp_path: Path) -> None:
    write(
        tmp_path,
        "grid.yaml",
        "ghgcalc: 1\nname: T\nperiod: 2026\nfactors: tgo-cfo@2026-02\n"
        "activities:\n  - {activity: electricity-grid, amount: 1000, unit: kWh}\n",
    )
    ws = book(tmp_path, "grid.yaml")["Factors"]
    table = rows(ws)
    head = next(row for row in table if row[0] and str(row[0]).endswith("Set"))
    document = next(n for n, title in enumerate(head) if title and "Document" in title)
    source = head.index("แหล่งที่มา\nSource")
    via = head.index("ตรวจสอบกับ\nVerified via")
    assert document < source < via  # the publisher's document first, the transcription after it
    grid = next(row for row in table if row[2] == "electricity-grid")
    published = ROOT / "src" / "ghgcalc" / "factors" / "tgo-cfo" / "2026-02"
    with (published / "factors.csv").open(encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["key"] == "electricity-grid")
    assert grid[document].startswith("Thailand Greenhouse Gas Management Organization")
    assert "February 2026" in grid[document]
    assert grid[source] == row["source"]
    assert grid[via] == row["verified_via"]


# --- Thai and English ------------------------------------------------------------------------------------


def test_thai_labels_and_the_same_numbers_as_in_english(tmp_path: Path) -> None:
    english = book(tmp_path, str(EXAMPLE), "--base", str(BASE))
    thai = book(tmp_path, "--lang", "th", str(EXAMPLE), "--base", str(BASE))
    assert english.sheetnames == thai.sheetnames  # scripts read the sheets by name
    for name in english.sheetnames:
        numbers_en = [(c.coordinate, c.value) for r in english[name].iter_rows() for c in r if _number(c.value)]
        numbers_th = [(c.coordinate, c.value) for r in thai[name].iter_rows() for c in r if _number(c.value)]
        assert numbers_en == numbers_th, name
    assert thai["Fr-01 Organisation"]["A1"].value == "Fr-01 ข้อมูลทั่วไปขององค์กร"
    assert english["Fr-01 Organisation"]["A1"].value == "Fr-01 Organisation details"
    labels = {row[2] for row in rows(thai["Fr-04.1 Inventory"]) if isinstance(row[2], str)}
    assert "รวมประเภทที่ 1" in labels and "Scope 1 total" not in labels
    assert "Scope 1 total" in {row[2] for row in rows(english["Fr-04.1 Inventory"])}


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def test_the_workbook_lists_the_warnings_the_other_formats_give(tmp_path: Path) -> None:
    """The terminal, the Markdown and the web page name an inventory's warnings (a CO2e factor of
    another GWP set, three months of twelve); the workbook a verifier gets alone said nothing of
    them. It now ends with a Warnings sheet holding the same list; without warnings, no such sheet."""
    write(
        tmp_path,
        "town.yaml",
        "ghgcalc: 1\nname: Town\nperiod: FY2567\ngwp: AR4\nactivities:\n"
        "  - {activity: electricity-grid, amount: 12500, unit: kWh}\n"
        "  - {activity: diesel-mobile, amount: [2150, 2080, 2210], unit: L}\n",
    )
    computed = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json")
    codes = [warning["code"] for warning in json.loads(computed.stdout)["warnings"]]
    assert sorted(codes) == ["amount-months-missing", "gwp-basis-mismatch"], computed
    run = ghgcalc(tmp_path, "compute", "town.yaml", "-f", "xlsx", "-o", "report.xlsx")
    assert run.code == 0 and "Factors, Warnings)" in run.stderr, run
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames[-2:] == ["Factors", "Warnings"]
    cells = [row for row in book["Warnings"].iter_rows(values_only=True) if row[0] in codes]
    messages = {w["code"]: w["message"] for w in json.loads(computed.stdout)["warnings"]}
    assert sorted(row[0] for row in cells) == sorted(codes)
    assert all(row[1] == messages[row[0]] for row in cells)
    quiet = ghgcalc(tmp_path, "compute", str(EXAMPLE), "-f", "xlsx", "-o", "example.xlsx")
    assert quiet.code == 0 and "Warnings" not in openpyxl.load_workbook(tmp_path / "example.xlsx").sheetnames


def test_the_workbooks_warnings_say_where_each_is_and_how_to_fix_it(tmp_path: Path) -> None:
    """A verifier who gets the workbook alone finds each warning's line from it, and its hint."""
    text = (
        "ghgcalc: 1\nname: Town\nperiod: FY2567\nactivities:\n"
        "  - {activity: diesel-mobile, amount: [2150, 2080, 2210], unit: L}\n"
    )
    write(tmp_path, "town.yaml", text)
    computed = json.loads(ghgcalc(tmp_path, "compute", "town.yaml", "-f", "json").stdout)
    [warning] = computed["warnings"]
    assert ghgcalc(tmp_path, "compute", "town.yaml", "-f", "xlsx", "-o", "report.xlsx").code == 0
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx")["Warnings"]
    [row] = [row for row in sheet.iter_rows(values_only=True) if row[0] == warning["code"]]
    line, column = at(text, "[2150")
    assert row[2] == f"town.yaml:{line}:{column}" and row[3] == warning["hint"], row


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ทต.", "subdistrict-municipality"),
        ("ทม.", "town-municipality"),
        ("ทน.", "city-municipality"),
        ("SAO", "subdistrict-administrative-organization"),
        ("pao", "provincial-administrative-organization"),
        ("อบต.", "subdistrict-administrative-organization"),
    ],
)
def test_a_type_of_local_government_is_read_by_its_abbreviation(tmp_path: Path, written: str, key: str) -> None:
    """Thai official letters write ทต., ทม., ทน.; English texts SAO and PAO: each is its type."""
    write(
        tmp_path,
        "town.yaml",
        EXAMPLE.read_text(encoding="utf-8").replace("type: subdistrict-municipality", f"type: {written}"),
    )
    run = ghgcalc(tmp_path, "summary", "town.yaml", "-f", "json")
    assert run.code == 0, run
    assert json.loads(run.stdout)["inventories"][0]["type"] == key


def test_a_factor_of_more_digits_than_its_column_is_shown_to_nine_decimals_not_as_hashes() -> None:
    """LibreOffice shows General inside a format with conditions as ### where it does not fit, rather
    than shortening it (TGO's 2026 LPG, 3.113282944444448, in Fr-04.1's EF column, printed to PDF)."""
    from openpyxl import Workbook

    from ghgcalc.reports.report_xlsx import FMT_FACTOR, put

    ws = Workbook().active
    long, short = put(ws, 1, 1, 3.113282944444448, FMT_FACTOR), put(ws, 2, 1, 2.70757206, FMT_FACTOR)
    assert "General" not in long.number_format and long.number_format.endswith(";0.#########")
    assert long.value == 3.113282944444448  # the cell keeps every digit
    assert short.number_format == FMT_FACTOR  # what fits stays General (677, not 677.)
