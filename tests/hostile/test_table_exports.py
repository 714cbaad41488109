"""Activity tables as programme staff and provincial offices get them from other systems (a red
team's findings, round 8): exports in another encoding or dialect, Parquet written by pandas,
millions of rows, and a table whose rows the inventory also gives by hand. Each is run through
the command line in-process and checked against a total worked by hand from TGO's grid factor:

    electricity-grid: 0.4999 kg CO2e per kWh (tgo-cfo 2022-04), so 1,000 kWh is 0.4999 t.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import ghgcalc, write
from tests.hostile.table_runs import HEAD, T_PER_KWH, failed, problem, result, run

# --- numbers with thousands commas, by the million ------------------------------------------------


def test_a_table_of_amounts_with_thousands_commas_is_read_in_seconds_and_exactly(tmp_path):
    """An export whose amounts are formatted #,##0 ("1,234,567", quoted) gave every distinct text to
    the strict reader and inserted them back into DuckDB a row at a time: 100,000 meters took 100
    seconds, 2 million over 20 minutes. They are read in SQL now, as the strict reader reads them."""
    amounts = [1_000 + 7 * number for number in range(100_000)]
    body = "".join(f'electricity-grid,"{amount:,}",kWh\n' for amount in amounts)
    # forms the strict reader reads or refuses as such: each as it says, at its row
    write(tmp_path, "t.csv", "activity,amount,unit\n" + body + 'electricity-grid,"1,000.5",kWh\n')
    found = run(tmp_path, "t.csv")
    assert found.seconds < 30, f"{found.seconds:.0f} s for 100,000 rows"
    total = result(found)["total_t_co2e"]
    assert total == pytest.approx((sum(amounts) + 1000.5) * T_PER_KWH, rel=1e-12)
    write(tmp_path, "t.csv", 'activity,amount,unit\nelectricity-grid,"1,000",kWh\nelectricity-grid,"0,840",kWh\n')
    found = run(tmp_path, "t.csv")
    failed(found)
    problem(found, "t.csv[row 2, amount]", "amount-invalid")
    write(tmp_path, "t.csv", 'activity,amount,unit\nelectricity-grid,"1,000",kWh\nelectricity-grid,"-1,000",kWh\n')
    found = run(tmp_path, "t.csv")
    failed(found)
    problem(found, "t.csv[row 2, amount]", "amount-negative")


# --- a European spreadsheet's CSV: separated by semicolons, thousands with a dot -----------------


def test_a_semicolon_table_whose_numbers_have_a_dot_before_three_digits_is_refused_not_read_as_thousandths(tmp_path):
    """A spreadsheet set to a European language saves CSV with `;` and writes 1,000 and 12,500 as
    `1.000` and `12.500`: they were read as 1 and 12.5 kWh, a thousandth of the total, in silence."""
    write(tmp_path, "t.csv", "activity;amount;unit\nelectricity-grid;1.000;kWh\nelectricity-grid;12.500;kWh\n")
    found = run(tmp_path, "t.csv")
    failed(found)
    message, hint = problem(found, "t.csv[row 1, amount]", "table-thousands-dot")
    assert "'1.000'" in message and "1,000" in message and "read 1;" in message
    assert hint and "1000" in hint
    found = run(tmp_path, "t.csv", "--lang", "th")
    failed(found)
    assert "อัฒภาค" in found.stderr
    # a dot before other than three digits is a decimal point: the table's dots are decimal points
    write(tmp_path, "t.csv", "activity;amount;unit\nelectricity-grid;1.000;kWh\nelectricity-grid;12.5;kWh\n")
    assert result(run(tmp_path, "t.csv"))["total_t_co2e"] == pytest.approx(13.5 * T_PER_KWH, rel=1e-12)
    # a table separated by commas is read as Thai spreadsheets write it: 1.000 is 1
    write(tmp_path, "t.csv", "activity,amount,unit\nelectricity-grid,1.000,kWh\n")
    assert result(run(tmp_path, "t.csv"))["total_t_co2e"] == pytest.approx(1 * T_PER_KWH, rel=1e-12)


# --- the same quantity in a table and in the inventory's own lines --------------------------------


def test_a_line_the_inventory_gives_and_its_table_gives_again_is_warned(tmp_path):
    """A province adds the meter table meant to replace its hand-typed total and leaves the total
    in: 3,500 kWh from the table and 3,500 kWh from the line were both counted, in silence."""
    write(
        tmp_path,
        "t.csv",
        "activity,amount,unit,gpc\nelectricity-grid,1000,kWh,I.1.2\nelectricity-grid,2500,kWh,I.1.2\n",
    )
    own = "  - {gpc: I.1.2, activity: electricity-grid, amount: 3.5, unit: MWh}\n"
    other = "  - {gpc: I.2.2, activity: electricity-grid, amount: 3.5, unit: MWh}\n"
    inventory = HEAD + "kind: community\nactivities_table: t.csv\nactivities:\n"
    write(tmp_path, "p.yaml", inventory + own)
    found = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json")
    assert result(found)["total_t_co2e"] == pytest.approx(7000 * T_PER_KWH, rel=1e-12)  # both are counted
    message, hint = problem(found, "p.yaml:7:5", "line-repeated", "warning")
    assert "t.csv" in message and "2 rows" in message
    assert hint and "remove the line" in hint
    # another GPC reference (commercial buildings) is another quantity: nothing is said
    write(tmp_path, "p.yaml", inventory + other)
    found = ghgcalc(tmp_path, "compute", "p.yaml", "-f", "json")
    assert result(found)["warnings"] == [] or all(w["code"] != "line-repeated" for w in result(found)["warnings"])


# --- a report's totals line left in the table --------------------------------------------------


def test_a_totals_row_left_in_a_table_is_warned_at_its_row(tmp_path):
    """A report's totals line with the activity filled in (its label รวม, or no label at all) was
    counted with the rows it adds up: 1,000 + 2,000 + 3,000 kWh came to 6,000, in silence."""
    body = "electricity-grid,1000,kWh,a\nelectricity-grid,2000,kWh,b\n"
    write(tmp_path, "t.csv", "activity,amount,unit,label\n" + body + "electricity-grid,3000,kWh,รวมทั้งสิ้น\n")
    found = run(tmp_path, "t.csv")
    assert result(found)["total_t_co2e"] == pytest.approx(6000 * T_PER_KWH, rel=1e-12)
    _, hint = problem(found, "t.csv[row 3, activity]", "subtotal-suspected", "warning")
    assert hint and "delete" in hint
    write(tmp_path, "t.csv", "activity,amount,unit,label\n" + body + "electricity-grid,3000,kWh,\n")
    problem(run(tmp_path, "t.csv"), "t.csv[row 3, activity]", "subtotal-suspected", "warning")
    # meters whose last reading is not the sum of the others: nothing is said
    write(tmp_path, "t.csv", "activity,amount,unit,label\n" + body + "electricity-grid,2999,kWh,c\n")
    assert result(run(tmp_path, "t.csv"))["warnings"] == []


# --- Parquet written by pandas -------------------------------------------------------------------


def test_the_index_pandas_writes_into_a_parquet_file_is_not_a_column_of_the_table(tmp_path):
    """`df[df.amount > 0].to_parquet(...)` keeps the filtered DataFrame's index as a column,
    `__index_level_0__`, named in the file's pandas metadata: the table was refused for a column it
    does not have (table-column-unknown), with a hint listing the columns."""
    import duckdb

    con = duckdb.connect()
    pandas_meta = json.dumps({"index_columns": ["__index_level_0__"], "columns": []})
    con.execute(
        "COPY (SELECT * FROM (VALUES ('electricity-grid', 1000.0, 'kWh', 0), ('electricity-grid', 2000.0, 'kWh', 2)) "
        "AS t(activity, amount, unit, __index_level_0__)) "
        f"TO '{tmp_path / 't.parquet'}' (FORMAT parquet, KV_METADATA {{pandas: '{pandas_meta}'}})"
    )
    con.close()
    found = run(tmp_path, "t.parquet")
    assert result(found)["total_t_co2e"] == pytest.approx(3000 * T_PER_KWH, rel=1e-12)


# --- UTF-16 without its byte-order mark -----------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_csv_in_utf16_without_its_mark_is_told_as_such_at_line_1(tmp_path, encoding):
    """A database's export in UTF-16 without a byte-order mark was told as a line of 1 field
    (little-endian) or as columns named '\\x00a\\x00c...' (big-endian): nothing said the encoding."""
    write(tmp_path, "t.csv", "activity,amount,unit\nelectricity-grid,1000,kWh\n".encode(encoding))
    found = run(tmp_path, "t.csv")
    failed(found)
    message, hint = problem(found, "t.csv:1", "encoding-invalid")
    assert "UTF-16" in message
    assert hint and "UTF-8" in hint
