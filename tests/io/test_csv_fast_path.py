"""csv_text writes plain rows (text, numbers, empty cells) itself, each text worked out once: the
bytes must be those of csv.writer with a formula guard on every cell, as it wrote them before."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghgcalc.io import writers
from ghgcalc.io.csv_texts import CellTexts
from ghgcalc.io.writers import csv_text
from tests.helpers import csv_writer_text

reference = csv_writer_text  # every cell through the guard and csv.writer


# texts rich in what csv and the guard look at: separators, quotes, line breaks, formula starts
TEXT = st.text(alphabet=st.sampled_from(list(",\"\n\r\t =+-@\uff1d 'ab1.ก")), max_size=8)
CELL = st.one_of(
    TEXT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from([0, 0.0, False, 1, 1.0, True, -0.0, "", "0", "1.0"]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(TEXT, min_size=0, max_size=4),
    st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=8),
)
def test_plain_rows_are_written_as_csv_writer_writes_them(header: list[str], rows: list[list[Any]]) -> None:
    assert csv_text(header, rows) == reference(header, rows)


def test_rows_of_other_cells_and_repeated_texts() -> None:
    import datetime as dt

    rows: list[list[Any]] = [
        ["=1+1", 1, 1.0, True, None, "a,b", 'say "x"'],
        ["=1+1", 1.0, 1, False, "", "a,b", 'say "x"'],  # the same texts again, numbers of other types
        [dt.date(2024, 1, 31), {"CO2": 1.5}, [1, 2], "x\ry", math.inf],
        ["only"],
        [None],
        [],
        ["line\nbreak", "-5", "+5", "@x", "\tx"],
    ]
    header = ["a", "b", "c", "d", "e", "f", "g"]
    assert csv_text(header, rows) == reference(header, rows)
    assert csv_text(header, iter(rows)) == reference(header, rows)  # rows from a generator


def test_the_reference_sees_a_changed_writer() -> None:
    # the comparison can fail: a writer that drops the guard on repeated texts is caught
    rows = [["=cmd", 1.5], ["=cmd", 2.5]]
    assert reference(["a", "b"], rows) == "a,b\n'=cmd,1.5\n'=cmd,2.5\n"
    assert csv_text(["a", "b"], rows) == reference(["a", "b"], rows)


GAS = st.sampled_from(["CO2", "CH4", "N2O", "CO2e", "HFC-32"])
WIDTHS = (5, 10, 5, 3)  # a line's cells: the result's, its own, its factor's and its amounts


def _line_record(texts: CellTexts, cells: list[Any], gases: dict[str, float]) -> tuple[str, writers.LineRecord]:
    """A record's line from 23 cells, as csv_record makes it (all quoted where a cell holds a
    carriage return), and its result's head."""
    parts, start = [], 0
    for width in WIDTHS:
        parts.append(texts.join(cells[start : start + width]))
        start += width
    if any(part is None for part in parts):
        guarded, returns = writers._guarded(cells)
        quoted = writers.QuotedLine(guarded, None, ["", "", "", ""], (returns, False, False))
        return "", writers.LineRecord("", "", "", gases, None, "", False, quoted)
    head, own, factor, amounts = parts
    return head or "", writers.LineRecord(own or "", factor or "", amounts or "", gases, None, ",,,", False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.lists(CELL, min_size=23, max_size=23), st.dictionaries(GAS, st.floats(), max_size=3)),
        min_size=1,
        max_size=4,
    ),
    st.lists(GAS, max_size=2),
)
def test_a_records_rows_made_where_it_is_computed_are_the_writers_rows(
    lines: list[tuple[list[Any], dict[str, float]]], others: list[str]
) -> None:
    """A batch record's rows, made as text where the record is computed (spooled_record, a
    worker's), are the rows csv_record_chunks writes from its parts under the layout they were
    made for; the record kept with them gives the same rows under a wider layout."""
    texts = CellTexts()
    for cells, gases in lines:  # one record per line: a record's lines share its head
        head, line = _line_record(texts, cells, gases)
        record = writers.ResultRecord([line], "ok", False, head)
        layout = writers.CsvLayout()
        layout.add(record)
        made_for, text, packed = writers.spooled_record(record, layout)
        kept = writers.unpacked(packed)
        assert writers.packed(kept) == packed  # the same record (a NaN cell is not equal to itself)
        if line.quoted is not None:  # written by csv.writer at the end, never as text made before
            assert made_for is None and text is None
            continue
        assert made_for == tuple(sorted(layout.gases)) == writers.text_gases(layout)
        written = "".join(writers.csv_record_chunks([record], layout))
        assert text is not None and writers.csv_header(layout) + text.decode() == written
        wider = writers.CsvLayout(gases={*layout.gases, *others})
        assert "".join(writers.csv_record_chunks([kept], wider)) == "".join(writers.csv_record_chunks([record], wider))


def test_rows_are_made_where_the_record_is_only_for_a_layout_of_gas_columns_alone() -> None:
    # the comparison can fail: a layout with other columns has no text made before its end
    line = writers.LineRecord("a", "f", "1.5", {"CO2": 2.0}, None, ",,,", False)
    record = writers.ResultRecord([line], "ok", False, "h")
    layout = writers.CsvLayout(gases={"CO2"})
    assert writers.spooled_record(record, layout)[:2] == (("CO2",), b"h,a,f,1.5,2.0\n")
    for other in ({"uncertainty": True}, {"quality": True}, {"failed": True}):
        wider = writers.CsvLayout(gases={"CO2"}, **other)  # type: ignore[arg-type]
        assert writers.text_gases(wider) is None
        assert writers.spooled_record(record, wider)[:2] == (None, None)
    failed = writers.FailedRecord("town.yaml", "an error", False)
    assert writers.spooled_record(failed, layout)[:2] == (None, None)
    assert writers.unpacked(writers.spooled_record(failed, layout)[2]) == failed


LINE_TEXT = st.one_of(TEXT, st.none(), st.integers(), st.sampled_from(["kWh", "line 1", "=1+1", "a,b", "x\ry"]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(LINE_TEXT, min_size=7, max_size=7),
    st.one_of(st.integers(1, 3), st.booleans(), st.none(), st.floats()),
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()),
    st.lists(st.one_of(st.floats(), st.integers()), min_size=1, max_size=3),
    st.booleans(),
)
def test_a_lines_cells_made_at_once_are_the_joined_cells(
    texts: list[Any], scope: Any, amount: Any, masses: list[Any], carriage: bool
) -> None:
    """csv_record's text of a line's own cells and of its amounts is texts.join's, carriage returns,
    odd types and all."""
    from types import SimpleNamespace

    identifier, activity, label, category, gpc, ipcc, unit = texts
    separate = dict(zip(["CO2_biogenic", "non_kyoto"], masses[1:], strict=False))
    line = SimpleNamespace(
        index=4, id=identifier, activity=activity, label=label, scope=scope, category=category, gpc=gpc, ipcc=ipcc,
        amount=amount, unit=unit, t_co2e=masses[0], separately_reported_t_co2e=separate,
    )  # fmt: skip
    made, joined = CellTexts(), CellTexts()
    if carriage:  # a text with a carriage return met before
        made["a\rb"], joined["a\rb"] = made["a\rb"], joined["a\rb"]
    assert writers._activity_text(line, made) == joined.join(writers._activity_cells(line))  # type: ignore[arg-type]
    assert writers._amount_text(line, made) == joined.join(writers._amount_cells(line))  # type: ignore[arg-type]
