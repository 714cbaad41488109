"""Terminal and spreadsheet safety: text from a user's file can neither fake a line of output,
colour, hide or reorder text, inject rich markup into a table, nor run as a formula in a
spreadsheet opened from any CSV or workbook ghgcalc writes.

Every case runs the CLI in-process on files in `tmp_path` and asserts the exit code and that no
input file changed. The terminal cases check every place a command prints user text (tables,
`validate`, error messages, trend, plan, `factors list/show` of one's own set); the spreadsheet
cases open every CSV and workbook writer's output (with csv and openpyxl) and look at each cell.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ghgcalc.errors import printable
from tests.helpers import FACTOR_HEADER, INPUT_ERRORS, Run, ghgcalc, issues, own_factor_set, snapshot, write

OK = 0

# --------------------------------------------------------------------------------------------
# Hostile text: each is short, so that no table wraps it and the escaped form stays on one line.

HOSTILE_TEXT = {
    "fake-ok-line": "T\n  ok",
    "carriage-return-ok": "T\r  ok",
    "ansi-clear-screen": "T\x1b[2J",
    "ansi-colour": "\x1b[31mT",
    "bidi-override": "T\u202eT",
    "rich-markup": "[bold]T[/bold]",
    "rich-link": "[link=http://evil]T[/link]",
}

# Text a spreadsheet would run as a formula; each must reach every CSV and workbook as text.
FORMULAS = {
    "hyperlink": '=HYPERLINK("http://evil","x")',
    "dde-plus": "+cmd|' /C calc'!A0",
    "at-sum": "@SUM(A1:A2)",
    "minus-sum": "-2+3",
    "full-width-equals": "\uff1d1+1",
}
# Inventories strip the spaces around a name or label; the writers' guard is tried with them directly.
LEADING = {
    "space-then-equals": " =1+1",
    "spaces-then-plus": "   +1",
    "newline-then-equals": "\n=1+1",
    "ideographic-space-then-at": "\u3000@SUM(A1)",
    "tab": "\tx",
    "carriage-return": "\rx",
    "full-width-plus": "\uff0bcmd",
    "full-width-at": "\uff20SUM(A1)",
}


def y(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON is YAML): escapes kept as escapes."""
    return json.dumps(text, ensure_ascii=True)


def inventory(
    name: str = "Town", label: str = "Boiler", amount: float = 100, activity: str = "diesel-stationary"
) -> str:
    return (
        f"ghgcalc: 1\nname: {y(name)}\nperiod: 2567\nactivities:\n"
        f"  - activity: {y(activity)}\n    amount: {amount}\n    unit: L\n    label: {y(label)}\n"
        "  - {activity: diesel-stationary, amount: 50, unit: L}\n"
    )


def own_set(folder: Path, title: str = "Own set", name_en: str = "Boiler diesel", source: str = "Supplier") -> None:
    """A valid factor set of one's own under folder/myf, with user text in its title and row."""
    row = [
        "boiler-diesel",
        name_en,
        "",
        "stationary-combustion",
        "1",
        "L",
        "CO2",
        "2.68",
        "2.68",
        "",
        "",
        "",
        "",
        source,
        "",
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    own_factor_set(folder, FACTOR_HEADER + buffer.getvalue(), set_id="my-set", title=y(title))


def plan(
    name: str = "Plan", measure: str = "LED", target: str = "Target", unit: str = "lamp", source: str = "s"
) -> str:
    return (
        f"ghgcalc_plan: 1\nname: {y(name)}\nbase: base.yaml\nhorizon: 2573\ndiscount_rate_pct: 6\nmeasures:\n"
        f"  - id: m1\n    name: {y(measure)}\n    size: 10\n    size_unit: {y(unit)}\n    size_source: {y(source)}\n"
        "    start: 2568\n    applies_to: {activity: diesel-stationary}\n"
        f"    reduce: {{amount: 10, unit: L, source: {y(source)}}}\n"
        f"    costs: {{investment_thb: 1000, lifetime_years: 10, source: {y(source)}}}\n"
        f"targets:\n  - {{year: 2030, reduction_pct: 5, name: {y(target)}}}\n"
    )


def run_unchanged(folder: Path, *args: str, code: int = OK, creates: tuple[str, ...] = ()) -> Run:
    """Run ghgcalc; assert its exit code and that no file but the expected outputs changed."""
    before = snapshot(folder)
    run = ghgcalc(folder, *args)
    assert run.code == code, run
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k not in creates} == before, f"an input file changed\n{run}"
    return run


def assert_shown_safely(output: str, value: str) -> None:
    """`value` reached `output` escaped and literal: no raw control or bidi character, no line
    that starts like a fake "ok", the markup shown as typed, the escaped text in one piece."""
    for raw in ("\x1b", "\r", "\u202e"):
        assert raw not in output, f"{raw!r} reached the terminal\n{output}"
    faked = [line for line in output.splitlines() if line.lstrip().startswith("ok")]
    assert not faked, f"a line of the file's text passes for a line of output: {faked}\n{output}"
    assert printable(value) in output, f"expected {printable(value)!r}, escaped and in one piece\n{output}"


# --------------------------------------------------------------------------------------------
# The terminal: every command that prints user text


@pytest.mark.parametrize("value", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_compute_table_shows_names_and_labels_safely(tmp_path: Path, value: str) -> None:
    write(tmp_path, "t.yaml", inventory(name=value, label=value))
    run = run_unchanged(tmp_path, "compute", "t.yaml", "-f", "table")
    assert_shown_safely(run.stdout, value)
    assert run.stdout.count(printable(value)) >= 3  # the title, the largest sources and the lines


@pytest.mark.parametrize("value", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_validate_status_line_cannot_be_faked_by_a_file_name(tmp_path: Path, value: str) -> None:
    name = value.replace("/", "_") + ".yaml"
    write(tmp_path, name, inventory())
    run = run_unchanged(tmp_path, "validate", name)
    assert_shown_safely(run.stderr, name)
    assert run.stderr.splitlines() == [
        f"{printable(name)}: ok (0 error(s), 0 warning(s))",
        "1 file(s): 1 ok, 0 with warnings, 0 with errors",  # the run's tally
    ]


@pytest.mark.parametrize("value", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_error_messages_show_a_bad_key_and_file_name_safely(tmp_path: Path, value: str) -> None:
    name = value.replace("/", "_") + ".yaml"
    write(tmp_path, name, inventory(activity=value))
    run = run_unchanged(tmp_path, "validate", name, code=INPUT_ERRORS)
    for raw in ("\x1b", "\r", "\u202e"):
        assert raw not in run.stderr, run
    assert not [line for line in run.stderr.splitlines() if line.lstrip().startswith("ok")], run
    printed = [p for p in issues(run.stderr) if p.severity == "error"]
    assert printed and all(p.location and p.location.startswith(printable(name) + ":") for p in printed), run
    assert run.stderr.splitlines()[-2].startswith(f"{printable(name)}: invalid (")  # before the tally


@pytest.mark.parametrize("value", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_trend_table_and_notes_show_names_safely(tmp_path: Path, value: str) -> None:
    write(tmp_path, "y2023.yaml", inventory(name=value).replace("period: 2567", "period: 2566"))
    write(tmp_path, "y2024.yaml", inventory(name="Other"))
    run = run_unchanged(tmp_path, "trend", "y2023.yaml", "y2024.yaml", "-f", "table")
    assert_shown_safely(run.stderr, value)  # "the inventories name different entities: ..."
    assert "Emissions by year" in run.stdout and "\x1b" not in run.stdout


@pytest.mark.parametrize("value", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_plan_tables_show_plan_and_target_names_safely(tmp_path: Path, value: str) -> None:
    write(tmp_path, "base.yaml", inventory(name=value))
    write(tmp_path, "plan.yaml", plan(name=value, target=value, unit=value))
    run = run_unchanged(tmp_path, "plan", "plan.yaml", "-f", "table")
    assert_shown_safely(run.stdout, value)
    assert run.stdout.count(printable(value)) >= 4  # the plan, its base, the size unit, the target


@pytest.mark.parametrize("value", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_factors_list_and_show_of_an_own_set_show_its_text_safely(tmp_path: Path, value: str) -> None:
    # a bare carriage return ends a row of a CSV table: it goes in the set's title only
    row_text = "x" if "\r" in value else value
    own_set(tmp_path, title=value, name_en=row_text, source=row_text)
    listed = run_unchanged(tmp_path, "factors", "list", "--factors-dir", "myf", "-f", "table")
    assert_shown_safely(listed.stdout, value)
    rows = run_unchanged(tmp_path, "factors", "list", "--factors-dir", "myf", "--set", "my-set", "-f", "table")
    assert_shown_safely(rows.stdout, row_text)
    shown = run_unchanged(tmp_path, "factors", "show", "boiler-diesel", "--factors-dir", "myf", "-f", "table")
    assert_shown_safely(shown.stdout, value)
    assert shown.stdout.count(printable(row_text)) >= 2  # name and source (and the title)


def test_markup_in_a_table_is_not_run_on_a_real_terminal(tmp_path: Path) -> None:
    """With colours on (a terminal), rich styles its own text but never the file's: no hyperlink
    escape (OSC 8), no clear-screen, the markup shown as typed."""
    from ghgcalc import api
    from ghgcalc.cli.render import results_table

    value = "[link=http://evil]T[/link] [bold red]B[/bold red] \x1b[2J"
    write(tmp_path, "t.yaml", inventory(name=value, label=value))
    before = snapshot(tmp_path)
    result = api.compute_file(str(tmp_path / "t.yaml")).result
    assert result is not None
    shown = results_table([result], terminal=True)
    assert "\x1b]8;" not in shown and "\x1b[2J" not in shown
    assert "[link=http://evil]T[/link]" in shown and "[bold red]B[/bold red]" in shown
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------------------------
# Markdown: a cell cannot be broken out of


@pytest.mark.parametrize(
    "value", ["a | b", "x\n| fake | row |", "<script>alert(1)</script>", "T\x1b[2J\u202e"], ids=str.split
)
def test_markdown_cells_hold_their_text(tmp_path: Path, value: str) -> None:
    write(tmp_path, "t.yaml", inventory(label=value))
    md = run_unchanged(tmp_path, "compute", "t.yaml", "-f", "md").stdout
    rows = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert len(rows) == 1, md  # one table row, however many lines or pipes the label has
    assert rows[0].replace("\\|", "").count("|") == 7  # six cells, none added
    assert "<script>" not in md and "\x1b" not in md and "\u202e" not in md


# --------------------------------------------------------------------------------------------
# Spreadsheets: every CSV and workbook writer, one guard


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_csv_guarded(text: str, value: str) -> None:
    """The formula is in the CSV with a leading ', and no cell of it starts like a formula."""
    cells = [cell for row in csv_cells(text) for cell in row]
    assert "'" + value in cells, f"{value!r} is not in the CSV as guarded text\n{text}"
    from ghgcalc.io.writers import looks_like_formula

    live = [cell for cell in cells if looks_like_formula(cell) and not _is_number(cell)]
    assert not live, f"cells a spreadsheet would run: {live}"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_workbook_guarded(path: Path, value: str) -> None:
    """Not one formula in the workbook; the formula-like text is a text cell Excel keeps as text."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    formulas = [f"{cell.parent.title}!{cell.coordinate}" for cell in cells if cell.data_type == "f"]
    assert formulas == [], formulas
    found = [cell for cell in cells if cell.value == value]
    assert found, f"{value!r} is not in the workbook"
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_compute_csv_guards_names_and_labels(tmp_path: Path, value: str) -> None:
    write(tmp_path, "t.yaml", inventory(name=value, label=value))
    run = run_unchanged(tmp_path, "compute", "t.yaml", "-f", "csv")
    assert_csv_guarded(run.stdout, value)
    rows = csv_cells(run.stdout)
    t_co2e = rows[0].index("t_co2e")
    assert all(float(row[t_co2e]) > 0 for row in rows[1:])  # numbers stay numbers


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_trend_csv_guards_names(tmp_path: Path, value: str) -> None:
    write(tmp_path, "y2023.yaml", inventory(name=value, amount=200).replace("period: 2567", "period: 2566"))
    write(tmp_path, "y2024.yaml", inventory(name=value))
    run = run_unchanged(tmp_path, "trend", "y2023.yaml", "y2024.yaml", "-f", "csv")
    assert_csv_guarded(run.stdout, value)
    header, _base, later = csv_cells(run.stdout)
    change = later[header.index("change_from_base_pct")]
    assert float(change) < 0 and not change.startswith("'")  # a negative number is a number, not text


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_factors_list_csv_of_an_own_set_guards_its_text(tmp_path: Path, value: str) -> None:
    own_set(tmp_path, title=value, name_en=value, source=value)
    rows = run_unchanged(tmp_path, "factors", "list", "--factors-dir", "myf", "--set", "my-set", "-f", "csv")
    assert_csv_guarded(rows.stdout, value)
    sets = run_unchanged(tmp_path, "factors", "list", "--factors-dir", "myf", "-f", "csv")
    assert_csv_guarded(sets.stdout, value)


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_compute_workbook_keeps_formulas_as_text(tmp_path: Path, value: str) -> None:
    write(tmp_path, "t.yaml", inventory(name=value, label=value))
    run_unchanged(tmp_path, "compute", "t.yaml", "-f", "xlsx", "-o", "out.xlsx", creates=("out.xlsx",))
    assert_workbook_guarded(tmp_path / "out.xlsx", value)


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_plan_workbook_keeps_formulas_as_text(tmp_path: Path, value: str) -> None:
    write(tmp_path, "base.yaml", inventory())
    write(tmp_path, "plan.yaml", plan(measure=value, target=value, source=value))
    run_unchanged(tmp_path, "plan", "plan.yaml", "-f", "xlsx", "-o", "plan.xlsx", creates=("plan.xlsx",))
    assert_workbook_guarded(tmp_path / "plan.xlsx", value)


@pytest.mark.parametrize("value", FORMULAS.values(), ids=FORMULAS.keys())
def test_convert_workbook_keeps_formulas_as_text_and_back(tmp_path: Path, value: str) -> None:
    write(tmp_path, "t.yaml", inventory(name=value, label=value))
    run_unchanged(tmp_path, "convert", "t.yaml", "t.xlsx", creates=("t.xlsx",))
    assert_workbook_guarded(tmp_path / "t.xlsx", value)
    run_unchanged(tmp_path, "convert", "t.xlsx", "back.yaml", creates=("back.yaml",))
    first = json.loads(run_unchanged(tmp_path, "compute", "t.yaml", "-f", "json").stdout)
    back = json.loads(run_unchanged(tmp_path, "compute", "back.yaml", "-f", "json").stdout)
    assert back["name"] == first["name"] == value  # the text itself is kept: no ' added
    assert [line["label"] for line in back["lines"]] == [line["label"] for line in first["lines"]]


def test_numbers_are_written_as_numbers_in_the_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    write(tmp_path, "t.yaml", inventory(label="-2+3"))
    run_unchanged(tmp_path, "compute", "t.yaml", "-f", "xlsx", "-o", "out.xlsx", creates=("out.xlsx",))
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    numbers = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "n"]
    assert 100 in numbers and 50 in numbers  # the amounts, as numbers


@pytest.mark.parametrize("value", [*FORMULAS.values(), *LEADING.values()], ids=[*FORMULAS, *LEADING])
def test_the_one_guard_of_csv_and_workbooks(value: str) -> None:
    """csv_text (every command's CSV) and xlsx_book.text_cell (every workbook) guard the same text."""
    openpyxl = pytest.importorskip("openpyxl")
    from ghgcalc.io.writers import csv_text
    from ghgcalc.io.xlsx_book import text_cell

    text = csv_text(["label", "amount"], [[value, -2.5]])
    [header, row] = list(csv.reader(io.StringIO(text, newline="")))
    assert header == ["label", "amount"] and row == ["'" + value, "-2.5"]  # guarded text, a bare number
    cell = text_cell(openpyxl.Workbook().active.cell(1, 1), value)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


@pytest.mark.parametrize("value", ["plain", "1234", "T-2", "a=b", "mail@example.org", "ผู้ใช้ =1"])
def test_text_that_cannot_run_is_left_alone(value: str) -> None:
    from ghgcalc.io.writers import csv_text

    [_header, row] = list(csv.reader(io.StringIO(csv_text(["x"], [[value]]))))
    assert row == [value]


@pytest.mark.parametrize("value", ["x\r=HYPERLINK(1)", "x\n=HYPERLINK(1)", "x\r\n@SUM(A1)"], ids=["cr", "lf", "crlf"])
def test_a_line_break_in_a_label_cannot_start_a_row_of_its_own(tmp_path: Path, value: str) -> None:
    write(tmp_path, "t.yaml", inventory(label=value))
    run = run_unchanged(tmp_path, "compute", "t.yaml", "-f", "csv")
    rows = list(csv.reader(io.StringIO(run.stdout, newline="")))
    assert len(rows) == 3, run  # the header and two lines: the label stayed in its cell
    assert not [cell for row in rows for cell in row if cell and cell[0] in "=+@"], rows


@pytest.mark.parametrize("columns", [80, 120])
def test_a_table_too_wide_for_the_terminal_is_shown_a_row_at_a_time_with_no_word_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """A summary in Thai on an 80- or 120-column terminal: its ten columns do not fit without
    breaking a Thai word inside a syllable or a number over two lines, so each file is shown as
    `title: value` lines, every value whole, no line wider than the terminal."""
    import os
    import re
    import shutil

    from rich.cells import cell_len

    from ghgcalc import api, i18n
    from ghgcalc.cli.render_document import document_text
    from ghgcalc.reports.summary_report import Summary, document

    name = "เทศบาลตำบลบ้านสวน อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่"
    write(
        tmp_path,
        "a.yaml",
        f"ghgcalc: 1\nname: {name}\nperiod: FY2567\nactivities:\n  - {{activity: paper, amount: 123456.5, unit: kg}}\n",
    )
    write(tmp_path, "b.yaml", "ghgcalc: 1\nname: [broken\n")

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(0, 0): os.terminal_size((columns, 40)))
    i18n.set_language("th")
    try:
        outcome = api.summary_files([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
        built = Summary(outcome.rows, outcome.by_province, outcome.by_type, outcome.outliers, tuple(outcome.warnings))
        text = document_text(document(built, compact=True), terminal=True)
    finally:
        i18n.set_language("en")
    plain_lines = re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines()
    assert max(cell_len(line) for line in plain_lines) <= columns
    assert f"ชื่อ: {name}" in plain_lines and "สถานะ: มีข้อผิดพลาด" in plain_lines


def test_a_lines_table_too_wide_shows_each_line_whole_never_an_edition_cut_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """compute's lines on an 80-column terminal, in Thai: a cut `tgo-cfo@20…` could be either of
    TGO's editions; each line is shown as `title: value` lines instead, every value whole."""
    import os
    import re
    import shutil

    from rich.cells import cell_len

    from ghgcalc import api, i18n
    from ghgcalc.cli.render import results_table

    label = "รถเก็บขยะ รถกระบะ และยานพาหนะอื่นที่ใช้น้ำมันดีเซล"
    line = f"  - {{activity: diesel-mobile, amount: 31740, unit: L, label: {label}}}\n"
    write(tmp_path, "t.yaml", "ghgcalc: 1\nname: T\nperiod: FY2569\nactivities:\n" + line)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(0, 0): os.terminal_size((80, 40)))
    i18n.set_language("th")
    try:
        outcome = api.compute_file(str(tmp_path / "t.yaml"))
        assert outcome.result is not None
        text = re.sub(r"\x1b\[[0-9;]*m", "", results_table([outcome.result], terminal=True))
    finally:
        i18n.set_language("en")
    printed = text.splitlines()
    assert max(cell_len(row) for row in printed) <= 80
    assert f"กิจกรรม: {label} (diesel-mobile)" in printed and "ชุด EF: tgo-cfo@2026-02" in printed


def test_a_factor_list_too_wide_is_shown_whole_on_a_terminal_and_in_a_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`factors list --set` in Thai: its factors' values were cut short (`0.000179…`) and its keys
    and names broken at 100 columns. On a narrow terminal each row is shown as `title: value`
    lines; into a pipe, one row a line, as wide as it takes, nothing cut."""
    from rich.cells import cell_len

    from ghgcalc import i18n
    from ghgcalc.cli import render

    rows = [
        {"key": "gasohol-e10-low-mileage-ldv", "gas": "N2O", "value": 0.0001614924, "name": "น้ำมันแก๊สโซฮอล์ E10"},
        {"key": "diesel-b7-mobile", "gas": "CO2_biogenic", "value": 0.11507832, "name": "น้ำมันดีเซล B7"},
    ]
    columns = [("key", "key"), ("gas", "gas"), ("value", "value"), ("name", "name")]
    monkeypatch.setenv("COLUMNS", "40")  # the width rich takes for a terminal
    i18n.set_language("th")
    try:
        monkeypatch.setattr(render._Stdout, "isatty", lambda self: True)
        render.plain_table(rows, columns, "factors")
        on_terminal = capsys.readouterr().out
        monkeypatch.setattr(render._Stdout, "isatty", lambda self: False)
        render.plain_table(rows * 40, columns, "factors")
        in_pipe = capsys.readouterr().out
    finally:
        i18n.set_language("en")
    assert "…" not in on_terminal + in_pipe
    assert max(cell_len(line) for line in on_terminal.splitlines()) <= 40
    assert "0.0001614924" in on_terminal and "gasohol-e10-low-mileage-ldv" in on_terminal
    table_rows = [line for line in in_pipe.splitlines() if "gasohol-e10-low-mileage-ldv" in line]
    assert len(table_rows) == 40 and all("0.0001614924" in line and "E10" in line for line in table_rows)
