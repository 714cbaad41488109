"""The reports in Thai (`--lang th`): the Markdown summary with its uncertainty, key-category and
data-quality sections, the plan's Markdown, workbook and PNG charts, the factor comparison and the
audit of TGO workbooks, run through the CLI on the examples.

What is checked: every heading, column title and sentence ghgcalc writes is in Thai (only names the
user wrote, keys, codes and units stay in Latin letters); the numbers are those of the English run
(a language changes words, never numbers); years are shown as the input wrote them (B.E. for the
B.E. examples); every text of a chart is drawn with a font whose character map has its Thai letters.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import i18n
from tests.conftest import ROOT
from tests.helpers import USAGE, ghgcalc
from tests.tgo_workbooks import generate as g

EXAMPLES = ROOT / "examples"
OK = 0
BE = 543  # B.E. = C.E. + 543
THAI = re.compile(r"[\u0e01-\u0e5b]")
# Latin words that are names, not words to translate: codes, units, standards, abbreviations.
TOKENS = {
    # the GPC's reporting levels and sector numerals, the YAML key a note names, and the GPC's own
    # term kept beside its Thai (สัญลักษณ์ (notation key))
    "BASIC",
    "ghgcalc",
    "II",
    "III",
    "IV",
    "VI",
    "indicators",
    "notation",
    "tCO2e",
    "tCO2",
    "CO2e",
    "CO2",
    "IPCC",
    "GWP",
    "AR5",
    "TGO",
    "Fr",
    "GPC",
    "BAU",
    "MACC",
    "Approach",
    "seed",
    "sha256",
    "yaml",
    "xlsx",
    "docs",
    "md",
    "CH4",
    "N2O",
    "THB",
    "O&M",
    "Excel",
    "Self",
    "collect",
    "Supplier",
    "TH",
    "LCI",
    "DB",
    "EF",
    "Res",
    "Int",
    "other",
    "Other",
    "Thai",
}


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """The language is process-global: leave it as the other tests expect it."""
    yield
    i18n.set_language(i18n.DEFAULT)
    i18n.set_calendar("")


def untranslated(line: str) -> list[str]:
    """Latin words in a line that are not tokens, paths, keys, codes or set@version references."""
    words = []
    for token in line.replace("|", " ").split():
        if re.search(r"[/@_.]|\w-\w", token):  # a path, a key (diesel-mobile), a set@version, a code
            continue
        # a word with a digit is a code or a hash (AR5, FY2567, 956700631a3d)
        words += [w for w in re.findall(r"[A-Za-z0-9&]*[A-Za-z][A-Za-z0-9&]*", token) if w not in TOKENS]
        words = [w for w in words if len(w) > 1 and not re.search(r"\d", w)]
    return words


def data_strings(document: object) -> list[str]:
    """Every text of a JSON document (values and keys): the user's names, labels, units, sources,
    keys and codes, longest first."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                found.add(str(key))
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(document)
    return sorted((text for text in found if len(text) > 1), key=len, reverse=True)


def assert_thai(markdown: str, document: object) -> None:
    """Every word of `markdown` is Thai but the user's data (the texts of `document`, the same run
    as JSON) and tokens; each line with words of ghgcalc's has Thai letters."""
    from ghgcalc.reports.markdown import text

    lines = markdown.splitlines()[1:]  # the first heading is the inventory's or the plan's name
    for data in data_strings(document):
        lines = [line.replace(text(data), " ").replace(data, " ") for line in lines]
    english = {line: words for line in lines if (words := untranslated(line))}
    assert not english, "\n".join(f"{words}: {line}" for line, words in english.items())


def numbers(line: str) -> list[str]:
    return sorted(n.rstrip(",") for n in re.findall(r"[-+]?\d[\d,]*(?:\.\d+)?", line))


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|") and not line.startswith("|-")]


def run_ok(folder: Path, *args: str) -> str:
    run = ghgcalc(folder, *args)
    assert run.code == OK, run
    return run.stdout


# --- the Markdown summary ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "base"), [("municipality.yaml", None), ("province.yaml", "province-2562.yaml")], ids=["cfo", "gpc-trend"]
)
def test_the_markdown_summary_with_every_section_is_thai(name: str, base: str | None) -> None:
    args = ("compute", name, "--uncertainty", *(("--base", base) if base else ()))
    thai = run_ok(EXAMPLES, *args, "-f", "md", "--lang", "th")
    english = run_ok(EXAMPLES, *args, "-f", "md", "--lang", "en")
    as_json = json.loads(run_ok(EXAMPLES, *args, "-f", "json", "--lang", "th"))
    # the factor sets' Thai titles are data too (set.yaml's title_th, which names English documents)
    from ghgcalc.io.factor_store import FactorStore

    store = FactorStore()
    sets = [store.load(s["id"], s["version"]) for s in as_json["factor_sets"]]
    as_json["thai_titles"] = [s.title_th for s in sets] + [s.publisher for s in sets]
    assert_thai(thai, as_json)
    # the same quantities on every row as in English (rows of names and dates aside: a set's title
    # and a date follow the language and the calendar)
    pairs = list(zip(table_rows(thai), table_rows(english), strict=True))
    measured = re.compile(r"\d\.\d")
    assert [numbers(th) for th, en in pairs if measured.search(en)] == [
        numbers(en) for _, en in pairs if measured.search(en)
    ]
    assert "| Scope" not in thai and "(ประเภท 1)" not in english
    if base:  # a province: the GPC's layout (its own tests: tests/io/test_gpc_report.py)
        assert "ความไม่แน่นอน" in thai and "คุณภาพข้อมูล" in thai
        return
    for heading in ("ความไม่แน่นอน", "แหล่งปล่อยหลัก (IPCC 2006 เล่ม 1 บทที่ 4)", "คุณภาพข้อมูล"):
        assert f"\n## {heading}\n" in thai
    # TGO's words for the scopes
    assert "| ประเภทที่ 1 การปล่อยทางตรง |" in thai and "| ประเภทที่ 2 การปล่อยทางอ้อมจากการใช้พลังงาน |" in thai


def test_the_period_is_in_the_calendar_it_was_written_in() -> None:
    # FY2567 is 1 October 2566 to 30 September 2567 B.E. (2023-10-01 to 2024-09-30): with --calendar ce
    # its year too is C.E., as the table shows it, never 2567 beside C.E. days
    thai = run_ok(EXAMPLES, "compute", "municipality.yaml", "-f", "md", "--lang", "th")
    assert "- ช่วงเวลาการรายงาน: ปีงบประมาณ 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)\n" in thai
    ce = run_ok(EXAMPLES, "compute", "municipality.yaml", "-f", "md", "--lang", "th", "--calendar", "ce")
    assert "- ช่วงเวลาการรายงาน: ปีงบประมาณ 2024 (2023-10-01 – 2024-09-30)\n" in ce


def test_warnings_are_thai_and_keep_their_codes(tmp_path: Path) -> None:
    (tmp_path / "town.yaml").write_text(
        "ghgcalc: 1\nname: Town\nperiod: 2567\nactivities:\n"
        "  - {activity: electricity-grid, amount: 1000, unit: kWh, uncertainty: {activity: 0.1}}\n",
        encoding="utf-8",
    )
    thai = run_ok(tmp_path, "compute", "town.yaml", "-f", "md", "--lang", "th")
    assert "\n## คำเตือน: 1 รายการ\n" in thai
    assert re.search(r"^- warning\\\[uncertainty-tiny\\\]: \S*±0.1 ", thai, re.MULTILINE), thai
    assert "- ช่วงเวลาการรายงาน: 2567 (1 ม.ค. 2567 – 31 ธ.ค. 2567)\n" in thai


# --- the plan: Markdown and workbook ------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_json() -> dict[str, Any]:
    run = ghgcalc(EXAMPLES, "plan", "plan.yaml", "-f", "json", "--lang", "th")
    assert run.code == OK, run
    i18n.set_language(i18n.DEFAULT)
    return dict(json.loads(run.stdout))


def test_the_plan_markdown_is_thai_with_be_years(plan_json: dict[str, Any]) -> None:
    thai = run_ok(EXAMPLES, "plan", "plan.yaml", "-f", "md", "--lang", "th")
    english = run_ok(EXAMPLES, "plan", "plan.yaml", "-f", "md", "--lang", "en")
    assert_thai(thai, plan_json)
    # province.yaml, the plan's base, is written "period: 2566": every year in B.E. (C.E. + 543)
    years = [row["year"] + BE for row in plan_json["years"]]
    by_year = [row for row in table_rows(thai) if re.match(r"\| \d{4} \|", row)]
    assert [int(row.split("|")[1]) for row in by_year] == years
    assert f"- ปีฐาน: {plan_json['base']['year'] + BE} ปีสิ้นสุดแผน: {plan_json['horizon'] + BE}\n" in thai
    assert "1 ม.ค. 2566 ถึง 31 ธ.ค. 2566" in thai
    assert [numbers(row) for row in table_rows(thai)] == [numbers(row) for row in table_rows(english)]
    ce = run_ok(EXAMPLES, "plan", "plan.yaml", "-f", "md", "--lang", "th", "--calendar", "ce")
    assert f"| {plan_json['horizon']} |" in ce and f"| {plan_json['horizon'] + BE} |" not in ce


def test_the_plan_workbook_is_thai_with_be_years(tmp_path: Path, plan_json: dict[str, Any]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    shutil.copy(EXAMPLES / "plan.yaml", tmp_path)
    shutil.copy(EXAMPLES / "province.yaml", tmp_path)
    run_ok(tmp_path, "plan", "plan.yaml", "-f", "xlsx", "-o", "plan.xlsx", "--lang", "th")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    assert book["Summary"]["A1"].value.startswith("แผนลดก๊าซเรือนกระจก: ")
    ids = {m["id"] for m in plan_json["measures"]}
    for sheet in ("Years", "Measures", "MACC", "Growth", "Sources"):
        ws = book[sheet]
        assert THAI.search(ws["A1"].value), sheet
        titles = [str(c.value) for c in ws[3] if c.value is not None]
        # the measures' ids and the plan's YAML keys (reduce, costs, ...) are the plan's own words
        ours = [
            t
            for t in titles
            if t not in ids and t.split("\n")[0] not in ("reduce", "add", "capture", "removal", "costs")
        ]
        assert ours and not [w for t in ours if (w := untranslated(t))], (sheet, ours)
        assert all(THAI.search(t) or t in ("#", "GPC", "BAU\ntCO2e") for t in ours), (sheet, ours)
    years = [ws_row[0].value for ws_row in book["Years"].iter_rows(min_row=4) if ws_row[0].value is not None]
    assert years == [row["year"] + BE for row in plan_json["years"]]
    facts = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2, max_row=12)}
    assert facts["ปีสิ้นสุดแผน"] == plan_json["horizon"] + BE
    assert facts["ช่วงเวลาของปีฐาน"] == "1 ม.ค. 2566 ถึง 31 ธ.ค. 2566"


# --- the plan's charts: Thai text drawn with a font that has the Thai letters -------------------


def thai_plan(plan_json: dict[str, Any]) -> dict[str, Any]:
    """The example plan with a Thai measure name and target name, so that labels carry Thai too."""
    plan = copy.deepcopy(plan_json)
    plan["measures"][0]["name"] = "เปลี่ยนไฟถนนเป็นหลอดแอลอีดี"
    plan["targets"][0]["name"] = "ลดลงร้อยละ 20 จากกรณีปกติ"
    first = plan["measures"][0]["id"]
    for bar in plan["macc"]:
        if bar["id"] == first:
            bar["name"] = plan["measures"][0]["name"]
    return plan


@pytest.mark.parametrize("chart", ["trajectory", "macc"])
def test_every_text_of_a_thai_chart_is_drawn_with_a_font_that_has_its_letters(
    chart: str, plan_json: dict[str, Any]
) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    from ghgcalc.reports import plan_charts

    found = plan_charts.thai_font()
    assert found is not None, "no font with Thai letters: install one (sudo apt install fonts-thai-tlwg)"
    family, path = found
    i18n.set_language("th")
    seen = 0
    with plan_charts.drawn(thai_plan(plan_json), chart) as figure:
        for text in figure.findobj(Text):
            said = text.get_text()
            if not said.strip():
                continue
            families = text.get_fontproperties().get_family()
            assert families[0] == family, (said, families)  # the Thai font first, for every text
            chosen = font_manager.findfont(font_manager.FontProperties(family=families[0]), fallback_to_default=False)
            letters = {ord(char) for char in said if THAI.match(char)}
            assert letters <= set(FT2Font(str(chosen)).get_charmap()), (said, chosen)
            seen += bool(letters)
    assert seen >= 3  # the title, the axis label and a legend entry or a bar's label are Thai
    assert Path(path).is_file() and plan_charts.covers(path)


def test_drawing_thai_charts_warns_of_no_missing_glyph(plan_json: dict[str, Any]) -> None:
    pytest.importorskip("matplotlib")
    from ghgcalc.reports import plan_charts

    i18n.set_language("th")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for draw in (plan_charts.trajectory_png, plan_charts.macc_png):
            assert draw(thai_plan(plan_json))[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [str(w.message) for w in caught if "missing from" in str(w.message)]


def test_the_cli_writes_thai_charts(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    shutil.copy(EXAMPLES / "plan.yaml", tmp_path)
    shutil.copy(EXAMPLES / "province.yaml", tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-f", "md", "-o", "plan.md", "--charts", ".", "--lang", "th")
    assert run.code == OK, run
    assert "missing from" not in run.stderr
    assert (tmp_path / "plan-trajectory.png").read_bytes()[:4] == b"\x89PNG"


def test_without_a_thai_font_thai_charts_are_refused_with_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan_json: dict[str, Any]
) -> None:
    pytest.importorskip("matplotlib")
    from ghgcalc.reports import plan_charts

    monkeypatch.setattr(plan_charts, "thai_font", lambda: None)
    shutil.copy(EXAMPLES / "plan.yaml", tmp_path)
    shutil.copy(EXAMPLES / "province.yaml", tmp_path)
    run = ghgcalc(tmp_path, "plan", "plan.yaml", "-o", "plan.md", "-f", "md", "--charts", ".", "--lang", "th")
    assert run.code == USAGE, run
    assert "ไม่มีฟอนต์ที่มีตัวอักษรไทย" in run.stderr and "sudo apt install fonts-thai-tlwg" in run.stderr
    assert not list(tmp_path.glob("*.png"))
    # a chart with no Thai letter needs no Thai font
    english = copy.deepcopy(plan_json)
    english["name"] = "Example plan"
    english["method"] = "method"
    i18n.set_language("en")
    assert plan_charts.macc_png(english)[:4] == b"\x89PNG"


def test_a_thai_font_installed_after_matplotlib_made_its_list_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib's font list is a cache: a font installed later is not in it. The search reads the
    system's fonts too and adds the one it chooses."""
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from ghgcalc.reports import plan_charts

    found = plan_charts.thai_font()
    assert found is not None, "no font with Thai letters: install one (sudo apt install fonts-thai-tlwg)"
    family = found[0]
    manager = font_manager.fontManager
    monkeypatch.setattr(manager, "ttflist", [entry for entry in manager.ttflist if entry.name != family])
    plan_charts.thai_font.cache_clear()
    try:
        again = plan_charts.thai_font()
        assert again is not None and plan_charts.covers(again[1])
        assert any(entry.fname == again[1] for entry in manager.ttflist)
    finally:
        plan_charts.thai_font.cache_clear()


# --- the comparison and the audit ----------------------------------------------------------------


def test_the_factor_comparison_is_thai(tmp_path: Path) -> None:
    args = ("compute", "municipality.yaml", "--compare-factors", "tgo-cfo@2026-02")
    thai = run_ok(EXAMPLES, *args, "-f", "md", "--lang", "th")
    english = run_ok(EXAMPLES, *args, "-f", "md", "--lang", "en")
    assert_thai(thai, json.loads(run_ok(EXAMPLES, *args, "-f", "json", "--lang", "th")))
    assert "| ประเภทที่ 1 |" in thai and "| รวม |" in thai
    assert [numbers(row) for row in table_rows(thai)] == [numbers(row) for row in table_rows(english)]
    openpyxl = pytest.importorskip("openpyxl")
    run_ok(EXAMPLES, *args, "-f", "xlsx", "-o", str(tmp_path / "compare.xlsx"), "--lang", "th")
    sheet = openpyxl.load_workbook(tmp_path / "compare.xlsx")["Comparison"]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "ค่าการปล่อยของบัญชี" in texts and "ประเภทที่ 1" in texts and "ใช่" in texts


def test_the_audit_is_thai(tmp_path: Path) -> None:
    g.form_1_5_1(tmp_path / "gh2568.xlsx", staff_slip=(12, 1122222), factors={12: 2.7446})
    thai = run_ok(tmp_path, "audit", "gh2568.xlsx", "-f", "md", "--lang", "th")
    assert thai.startswith("# การตรวจสอบไฟล์ Excel ตามแบบฟอร์มของ อบก.\n")
    assert "สิ่งที่ควรสอบถามเทศบาล:" in thai and "| # | ชนิด | ตำแหน่ง | ข้อสังเกต |" in thai
    assert "ผลการตรวจ: " in thai and "(2568)" in thai  # the workbook's B.E. year, as it wrote it
    assert re.search(r"^\| 1 \| (factor|plausibility) \|", thai, re.MULTILINE)  # kinds are codes
    openpyxl = pytest.importorskip("openpyxl")
    run_ok(tmp_path, "audit", "gh2568.xlsx", "-f", "xlsx", "-o", "audit.xlsx", "--lang", "th")
    sheet = openpyxl.load_workbook(tmp_path / "audit.xlsx")["Findings"]
    assert [c.value for c in sheet[3]][:3] == ["ไฟล์ Excel", "ชีต", "ชนิด"]
    assert any(isinstance(c.value, str) and c.value.startswith("ผลการตรวจ: ") for row in sheet.iter_rows() for c in row)


def test_json_keys_stay_english_in_thai(plan_json: dict[str, Any]) -> None:
    assert {"years", "measures", "targets", "macc", "method"} <= set(plan_json)
    assert THAI.search(plan_json["method"])  # a sentence for a person, in the run's language
    assert plan_json["base"]["period"] == {"start": "2023-01-01", "end": "2023-12-31"}  # ISO, C.E.
