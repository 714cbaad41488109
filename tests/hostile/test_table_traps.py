"""Activity tables that gave a plausible wrong total in silence (a red team's findings): each is
run through `ghgcalc compute TABLE --header h.yaml` in-process, and checked against a total worked
by hand from TGO's grid factor:

    electricity-grid: 0.4999 kg CO2e per kWh (tgo-cfo 2022-04), so 1,000 kWh is 0.4999 t.

Each finding is either read right, or an error or warning at its place; never a total that leaves
rows out, counts them twice or reads them in the wrong unit without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import INPUT_ERRORS, ghgcalc, issues, run_with_file_size_limit, write
from tests.hostile.table_runs import HEAD, T_PER_KWH, failed, problem, result, run

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- the CSV dialect is fixed, never guessed -----------------------------------------------------


def test_labels_in_single_quotes_are_labels_and_no_row_is_swallowed(tmp_path):
    # ' is no quote: 1,000 + 1,000 + 2,000 + 4,000 + 8,000 = 16,000 kWh x 0.4999 kg/kWh = 7.9984 t
    write(
        tmp_path,
        "t.csv",
        "activity,amount,unit,label\n"
        "electricity-grid,1000,kWh,'Office main'\n"
        "electricity-grid,1000,kWh,'Depot\n"
        "electricity-grid,2000,kWh,x\n"
        "electricity-grid,4000,kWh,Pump'\n"
        "electricity-grid,8000,kWh,y\n",
    )
    found = result(run(tmp_path, "t.csv"))
    assert found["total_t_co2e"] == pytest.approx(16_000 * T_PER_KWH, rel=1e-12)
    assert found["tables"][0]["rows"] == 5


def test_a_comma_inside_single_quotes_is_a_line_of_too_many_fields(tmp_path):
    write(
        tmp_path,
        "t.csv",
        "activity,amount,unit,label\n"
        "electricity-grid,1000,kWh,'Office, main'\n"
        "electricity-grid,1000,kWh,'Depot\n"
        "electricity-grid,2000,kWh,x\n"
        "electricity-grid,4000,kWh,Pump'\n",
    )
    found = run(tmp_path, "t.csv")
    failed(found)
    message, hint = problem(found, "t.csv:2", "table-line-fields")
    assert "5" in message and "4" in message
    assert hint and '"12,500"' in hint


def test_a_hash_is_no_comment(tmp_path):
    # '#electricity-grid' is an activity ghgcalc does not know, at its row; 'Pump #4' keeps its '#'
    write(
        tmp_path,
        "t.csv",
        "activity,amount,unit,label\n"
        "electricity-grid,1000,kWh,a\n"
        "#electricity-grid,2000,kWh,old meter\n"
        "electricity-grid,4000,kWh,Pump #4\n",
    )
    found = run(tmp_path, "t.csv")
    failed(found)
    message, _ = problem(found, "t.csv[row 2, activity]", "factor-missing")
    assert "#electricity-grid" in message
    write(tmp_path, "t.csv", "activity,amount,unit,label\nelectricity-grid,4000,kWh,Pump #4\n")
    found = run(tmp_path, "t.csv", "--lines", "lines.csv")
    assert result(found)["total_t_co2e"] == pytest.approx(4000 * T_PER_KWH, rel=1e-12)
    assert "Pump #4" in (tmp_path / "lines.csv").read_text(encoding="utf-8")


def test_a_line_of_one_field_starting_with_a_hash_is_a_line_of_too_few_fields(tmp_path):
    write(
        tmp_path,
        "t.csv",
        "activity,amount,unit,label\nelectricity-grid,1000,kWh,a\n#electricity-grid,2000,kWh,old\n# end\n",
    )
    found = run(tmp_path, "t.csv")
    failed(found)
    message, _ = problem(found, "t.csv:4", "table-line-fields")
    assert "line 4" in message


def test_lines_ending_in_crlf_and_in_lf_are_read(tmp_path):
    # two exports put together: 1,000 + 2,000 + 4,000 = 7,000 kWh x 0.4999 kg/kWh = 3.4993 t
    write(
        tmp_path,
        "t.csv",
        b"activity,amount,unit\r\nelectricity-grid,1000,kWh\r\nelectricity-grid,2000,kWh\nelectricity-grid,4000,kWh\n",
    )
    found = result(run(tmp_path, "t.csv"))
    assert found["total_t_co2e"] == pytest.approx(7000 * T_PER_KWH, rel=1e-12)
    assert found["tables"][0]["rows"] == 3


def test_a_temporary_folder_too_full_for_the_copy_of_mixed_line_ends_keeps_nothing_and_says_so(tmp_path):
    """Lines ending in CRLF and in LF are read from a copy in the system's temporary folder: when
    that folder takes no more (a full disk, a quota, here a file size limit), the part copied was
    left there (a copy of the user's table), and the table was said to be unreadable "[Errno 27]
    File too large", with a hint about the table's format."""
    rows = b"activity,amount,unit\r\nelectricity-grid,1000,kWh\r\n" + b"electricity-grid,2000,kWh\n" * 40_000
    write(tmp_path, "t.csv", rows)
    write(tmp_path, "head.yaml", HEAD)
    temporary = tmp_path / "tmp"
    temporary.mkdir()

    code, stderr = run_with_file_size_limit(
        tmp_path, temporary, "compute", "t.csv", "--header", "head.yaml", "-f", "json"
    )
    assert code == INPUT_ERRORS and "Traceback" not in stderr, stderr
    assert list(temporary.iterdir()) == [], stderr
    assert f"cannot copy the table into the temporary folder {temporary}" in stderr and "TMPDIR" in stderr, stderr


def test_a_line_too_long_is_told_at_its_line(tmp_path):
    write(tmp_path, "t.csv", "activity,amount,unit,label\nelectricity-grid,1000,kWh," + "x" * 3_000_000 + "\n")
    found = run(tmp_path, "t.csv")
    failed(found)
    message, _ = problem(found, "t.csv:2", "table-unreadable")
    assert "line 2" in message


def test_a_quote_never_closed_is_told_at_its_line(tmp_path):
    write(tmp_path, "t.csv", 'activity,amount,unit,label\nelectricity-grid,1000,kWh,"never\nelectricity-grid,1,kWh,x\n')
    found = run(tmp_path, "t.csv")
    failed(found)
    message, _ = problem(found, "t.csv:2", "table-unreadable")
    assert "never closed" in message


# --- a unit in a number column's header ----------------------------------------------------------


@pytest.mark.parametrize("header", ["amount (MWh)", "Total (MWh)", "Total / รวม (MWh)", "ปริมาณ (MWh)"])
def test_a_unit_in_the_amounts_header_that_the_rows_unit_contradicts_is_an_error(tmp_path, header):
    # read as kWh, 1,000 kWh = 0.4999 t; as the header says, 1,000 MWh = 499.9 t: only the user knows
    write(tmp_path, "t.csv", f"activity,unit,{header}\nelectricity-grid,kWh,1000\nelectricity-grid,kWh,5\n")
    found = run(tmp_path, "t.csv")
    failed(found)
    message, hint = problem(found, f"t.csv[row 1, {header}]", "table-unit-header")
    assert "kWh" in message and "MWh" in message
    assert hint and "MWh" in hint
    problem(found, f"t.csv[row 2, {header}]", "table-unit-header")


def test_a_unit_in_a_months_header_is_checked_too(tmp_path):
    header = ",".join(f"{m} (MWh)" for m in MONTHS)
    write(tmp_path, "t.csv", f"activity,unit,{header}\nelectricity-grid,kWh,{','.join(['100'] * 12)}\n")
    found = run(tmp_path, "t.csv")
    failed(found)
    problem(found, "t.csv[row 1, Jan (MWh)]", "table-unit-header")


def test_a_unit_in_the_header_that_the_rows_share_is_read(tmp_path):
    # 1,000 MWh + 2 MWh (written mwh) = 1,002 MWh = 1,002,000 kWh x 0.4999 kg/kWh = 500.8998 t
    write(tmp_path, "t.csv", "activity,unit,amount (MWh)\nelectricity-grid,MWh,1000\nelectricity-grid,mwh,2\n")
    assert result(run(tmp_path, "t.csv"))["total_t_co2e"] == pytest.approx(1_002_000 * T_PER_KWH, rel=1e-12)


def test_a_unit_in_the_header_without_a_unit_column_asks_for_one(tmp_path):
    write(tmp_path, "t.csv", "activity,amount (MWh)\nelectricity-grid,1000\n")
    found = run(tmp_path, "t.csv")
    failed(found)
    _, hint = problem(found, "t.csv", "table-column-missing")
    assert hint and "MWh" in hint


# --- workbooks -----------------------------------------------------------------------------------


def _two_sheets(tmp_path: Path, second: str) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Activities"
    for row in (["activity", "amount", "unit"], ["electricity-grid", 1000, "kWh"]):
        first.append(row)
    other = workbook.create_sheet(second)
    for row in (["activity", "amount", "unit"], ["electricity-grid", 5000, "kWh"]):
        other.append(row)
    workbook.save(tmp_path / "b.xlsx")


def test_a_workbook_with_two_activity_sheets_is_refused(tmp_path):
    # 'Activities' (1,000 kWh) and 'กิจกรรม' (5,000 kWh): which is meant? Never 0.4999 t in silence
    _two_sheets(tmp_path, "กิจกรรม")
    found = run(tmp_path, "b.xlsx")
    failed(found)
    message, _ = problem(found, "b.xlsx[กิจกรรม]!A1", "sheet-ambiguous")
    assert "Activities" in message


def test_a_copied_sheet_of_activities_is_warned_as_not_counted(tmp_path):
    # 'Activities (2)' is not read: the total is the Activities sheet's 1,000 kWh = 0.4999 t, with a warning
    _two_sheets(tmp_path, "Activities (2)")
    found = run(tmp_path, "b.xlsx")
    assert result(found)["total_t_co2e"] == pytest.approx(1000 * T_PER_KWH, rel=1e-12)
    problem(found, "b.xlsx[Activities (2)]!A1", "sheet-ignored", "warning")


def test_ghgcalcs_own_workbook_is_a_table_and_its_uncertainty_is_said_to_be_left_out(tmp_path):
    # 1,000 kWh = 0.4999 t; the template's uncertainty columns: empty, nothing said; filled, a warning
    write(tmp_path, "i.yaml", HEAD + "activities:\n  - {activity: electricity-grid, amount: 1000, unit: kWh}\n")
    assert ghgcalc(tmp_path, "convert", "i.yaml", "own.xlsx").code == 0
    found = run(tmp_path, "own.xlsx")
    assert result(found)["total_t_co2e"] == pytest.approx(1000 * T_PER_KWH, rel=1e-12)
    assert "table-column" not in found.stderr, found
    write(
        tmp_path,
        "i.yaml",
        HEAD + "activities:\n  - {activity: electricity-grid, amount: 1000, unit: kWh, uncertainty: {activity: 2}}\n",
    )
    assert ghgcalc(tmp_path, "convert", "i.yaml", "own.xlsx", "--force").code == 0
    found = run(tmp_path, "own.xlsx")
    assert result(found)["total_t_co2e"] == pytest.approx(1000 * T_PER_KWH, rel=1e-12)
    printed = [p for p in issues(found.stderr) if p.code == "table-column-ignored"]
    assert len(printed) == 1 and printed[0].severity == "warning" and "uncertainty" in printed[0].message, found
    assert printed[0].location and printed[0].location.startswith("own.xlsx[Activities]!")


# --- the same table twice, a table without rows, a class beyond any line ------------------------


def test_the_same_table_under_two_names_is_refused_naming_both(tmp_path):
    # each holds 3,000 kWh (1.4997 t): counted twice, 2.9994 t
    rows = "activity,amount,unit\nelectricity-grid,1000,kWh\nelectricity-grid,2000,kWh\n"
    write(tmp_path, "meters.csv", rows)
    write(tmp_path, "meters (1).csv", rows)
    write(tmp_path, "other.csv", rows.replace("2000", "2001"))  # the same size, other bytes: read
    write(tmp_path, "i.yaml", HEAD + "activities_table: [meters.csv, other.csv, meters (1).csv]\n")
    found = ghgcalc(tmp_path, "compute", "i.yaml", "-f", "json")
    failed(found)
    line = "activities_table: [meters.csv, other.csv, meters (1).csv]"
    message, _ = problem(found, f"i.yaml:4:{line.index('meters (1)') + 1}", "table-duplicate")
    assert "meters (1).csv" in message and "'meters.csv'" in message
    assert "other.csv" not in found.stderr


def test_a_copy_of_the_inventorys_own_table_given_with_header_is_refused(tmp_path):
    rows = "activity,amount,unit\nelectricity-grid,1000,kWh\n"
    write(tmp_path, "meters.csv", rows)
    write(tmp_path, "copy.csv", rows)
    write(tmp_path, "i.yaml", HEAD + "activities_table: meters.csv\n")
    found = ghgcalc(tmp_path, "compute", "copy.csv", "--header", "i.yaml")
    failed(found)
    message, _ = problem(found, "i.yaml:4:19", "table-duplicate")
    assert "copy.csv" in message and "meters.csv" in message


@pytest.mark.parametrize(
    "text", ["activity,amount,unit\n", "activity,amount,unit\n,,\n , ,\n"], ids=["header", "blank"]
)
def test_a_table_without_rows_is_warned_and_its_lines_are_none(tmp_path, text):
    write(tmp_path, "t.csv", text)
    found = run(tmp_path, "t.csv")
    assert result(found)["total_t_co2e"] == 0
    problem(found, "t.csv", "table-empty", "warning")
    assert result(found)["tables"] == [{"file": "t.csv", "rows": 0, "lines": []}]


def test_a_parquet_table_without_rows_is_warned(tmp_path):
    import duckdb

    duckdb.sql(
        f"COPY (SELECT 'electricity-grid' AS activity, 1.0 AS amount, 'kWh' AS unit WHERE false) "
        f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)"
    )
    found = run(tmp_path, "t.parquet")
    assert result(found)["total_t_co2e"] == 0
    problem(found, "t.parquet", "table-empty", "warning")


def test_rows_each_within_the_limit_whose_line_is_beyond_it_are_refused(tmp_path):
    import duckdb

    # 10,000 rows of 1e15 kWh: each 5e11 t, within 1e15 t; together 1e19 kWh x 0.4999 kg/kWh = 4.999e15 t
    duckdb.sql(
        "COPY (SELECT 'electricity-grid' AS activity, 1000000000000000::BIGINT AS amount, 'kWh' AS unit "
        f"FROM range(10000)) TO '{tmp_path / 't.parquet'}' (FORMAT parquet)"
    )
    found = run(tmp_path, "t.parquet")
    failed(found)
    message, _ = problem(found, "t.parquet", "result-too-large")
    assert "10,000 rows" in message and "5e+15" in message


# --- the warnings of a file's monthly lines, on each row -----------------------------------------


def _meters(readings: list[list[int]]) -> str:
    return (
        "activity,unit,"
        + ",".join(MONTHS)
        + "\n"
        + "".join("electricity-grid,kWh," + ",".join(map(str, months)) + "\n" for months in readings)
    )


def test_one_meters_missing_month_is_warned_at_its_row_and_month(tmp_path):
    # row 1 reads 1,000 every month, row 2 all but June: 12,000 + 11,000 = 23,000 kWh = 11.4977 t
    steady, missing = [1000] * 12, [1000] * 5 + [0] + [1000] * 6
    write(tmp_path, "t.csv", _meters([steady, missing]))
    found = run(tmp_path, "t.csv")
    assert result(found)["total_t_co2e"] == pytest.approx(23_000 * T_PER_KWH, rel=1e-12)
    message, _ = problem(found, "t.csv[row 2, Jun]", "amount-month-zero", "warning")
    assert "month 6" in message
    assert [p.code for p in issues(found.stderr)] == ["amount-month-zero"]  # once, at the row; not at the class


def test_many_meters_with_a_missing_month_list_ten_and_count_the_rest(tmp_path):
    # 15 meters with June 0, one without: rows 1-10 listed, 5 counted
    missing, steady = [1000] * 5 + [0] + [1000] * 6, [1000] * 12
    write(tmp_path, "t.csv", _meters([missing] * 15 + [steady]))
    found = run(tmp_path, "t.csv")
    assert result(found)["total_t_co2e"] == pytest.approx((15 * 11_000 + 12_000) * T_PER_KWH, rel=1e-12)
    listed = [p.location for p in issues(found.stderr) if p.code == "amount-month-zero" and "more" not in p.message]
    assert listed == [f"t.csv[row {n}, Jun]" for n in range(1, 11)]
    message, _ = problem(found, "t.csv", "amount-month-zero", "warning")
    assert "5 more rows" in message


def test_a_seasonal_meter_or_a_meter_that_starts_late_is_not_warned(tmp_path):
    # zeros before the first reading (a meter installed in March) and a meter far from steady are no missing reading
    late = [0, 0] + [1000] * 10
    seasonal = [100, 5000, 0, 100, 5000, 100, 5000, 100, 5000, 100, 5000, 100]
    write(tmp_path, "t.csv", _meters([late, seasonal]))
    found = run(tmp_path, "t.csv")
    result(found)
    assert "amount-month-zero" not in found.stderr, found


def test_month_columns_in_fiscal_order_under_a_calendar_year_are_warned(tmp_path):
    # Oct..Sep read as the months they name: 100 + 101 + ... + 111 = 1,266 kWh = 0.6328734 t, with a warning
    order = MONTHS[9:] + MONTHS[:9]
    write(
        tmp_path,
        "t.csv",
        "activity,unit,"
        + ",".join(order)
        + "\nelectricity-grid,kWh,"
        + ",".join(str(100 + i) for i in range(12))
        + "\n",
    )
    found = run(tmp_path, "t.csv")
    assert result(found)["total_t_co2e"] == pytest.approx(1266 * T_PER_KWH, rel=1e-12)
    message, hint = problem(found, "t.csv", "period-months-mismatch", "warning")
    assert "October" in message and hint and "FY2566" in hint


# --- DuckDB's own words never reach the user ----------------------------------------------------


@pytest.mark.parametrize("value", ["[100, 200]", "uuid()"], ids=["list", "uuid"])
def test_a_parquet_amount_that_is_a_list_or_a_uuid_is_an_error_at_its_row(tmp_path, value):
    import duckdb

    duckdb.sql(
        f"COPY (SELECT 'electricity-grid' AS activity, {value} AS amount, 'kWh' AS unit) "
        f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)"
    )
    found = run(tmp_path, "t.parquet")
    failed(found)
    problem(found, "t.parquet[row 1, amount]", "amount-invalid")


@pytest.mark.parametrize("name", ["file_row_number", "__row"])
def test_a_column_named_as_the_engines_own_is_an_unknown_column(tmp_path, name):
    import duckdb

    duckdb.sql(
        f"COPY (SELECT 'electricity-grid' AS activity, 1000 AS amount, 'kWh' AS unit, 5 AS {name}) "
        f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet)"
    )
    found = run(tmp_path, "t.parquet")
    failed(found)
    message, _ = problem(found, "t.parquet", "table-column-unknown")
    assert f"'{name}'" in message


def test_a_class_of_one_row_is_one_row(tmp_path):
    write(tmp_path, "t.csv", "activity,amount,unit\nelectricity-grid,1000,kWh\npaper,10,kg\npaper,20,kg\n")
    labels = [line["label"] for line in result(run(tmp_path, "t.csv"))["lines"]]
    assert labels == ["t.csv: electricity-grid, 1 row", "t.csv: paper, 2 rows"]


@pytest.mark.parametrize("header", ["amount (yr)", "amount (year)", "amount (units)", "amount (2566)"])
def test_a_time_or_a_count_in_the_amount_header_is_no_unit(tmp_path, header):
    """`amount (yr)` says what the column covers, not the rows' unit: read as the rows say (1,200 kWh)."""
    write(tmp_path, "t.csv", f"activity,unit,{header}\nelectricity-grid,kWh,1200\n")
    assert result(run(tmp_path, "t.csv"))["total_t_co2e"] == pytest.approx(1200 * T_PER_KWH, rel=1e-12)
