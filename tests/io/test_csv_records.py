"""A computed result's CSV (to_csv, and a batch's records) joins its cells as text itself: the bytes
must be those of csv.writer with the formula guard on every cell, a row with a carriage return
written all quoted."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import api
from ghgcalc.core.analysis import Settings
from ghgcalc.io import writers
from tests.helpers import csv_writer_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "municipality.yaml"

# texts that the guard and csv.writer must each see: a formula, a separator, a quote, line breaks,
# a carriage return (the whole row quoted), a full-width formula start (the reader strips spaces)
HOSTILE = ["=cmd|' /C calc'!A0", "a,b", 'say "x"', "two\nlines", "x\ry", "  -1", "\uff1dSUM(A1)", "\t@x"]


def reference(entries: list[Any]) -> str:
    """The CSV as csv.writer writes it from every cell through the guard (writers._cell)."""
    lines = [(entry, line) for entry in entries for line in entry.lines]
    gases = sorted({gas for _, line in lines for gas in line.gases_t})
    analysed = any(entry.analysis is not None for entry in entries)
    graded = analysed or any(line.data_quality is not None or line.evidence is not None for _, line in lines)
    header = writers.CSV_COLUMNS + [f"t_{gas}" for gas in gases]
    header += (writers.UNCERTAINTY_COLUMNS if analysed else []) + (writers.DATA_QUALITY_COLUMNS if graded else [])
    rows: list[list[object]] = []
    for entry, line in lines:
        spread = {}
        if entry.analysis is not None:
            analysed_lines = entry.analysis.approach_1.lines
            spread = {
                r.index: [r.combined_pct, r.activity_pct, r.factor_pct, "; ".join(r.origins)] for r in analysed_lines
            }
        values = writers.line_cells(entry, line) + [line.gases_t.get(gas, "") for gas in gases]
        if analysed:
            values += spread.get(line.index, ["", "", "", ""])
        if graded:
            grades = line.data_quality
            values += [getattr(grades, name, None) or "" for name in ("source", "activity", "factor")]
            values += [line.evidence or ""]
        rows.append(values)
    return csv_writer_text(header, rows)


def hostile_copy(tmp_path: Path) -> Path:
    """The example with hostile labels, ids and evidence on its first lines."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for number, value in enumerate(HOSTILE):
        quoted = json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar
        text = text.replace("\n    label: ", f"\n    id: {quoted}\n    label§ {quoted}\n    note§ ", 1)
        text = text.replace("\n    evidence: ", f"\n    evidence§ {quoted}\n    #", 1) if number % 2 else text
    text = text.replace("label§", "label:").replace("evidence§", "evidence:").replace("\n    note§ ", "\n    # ")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLE.parent / "municipality-2565.yaml", tmp_path)
    return path


@pytest.mark.parametrize("analysis", [None, Settings(draws=200)])
def test_a_results_csv_is_csv_writers_with_every_cell_guarded(tmp_path: Path, analysis: Settings | None) -> None:
    options = replace(api.Options(), analysis=analysis)
    entries = [api.compute_file(str(path), options).result for path in (EXAMPLE, hostile_copy(tmp_path))]
    assert all(entry is not None for entry in entries)
    hostile = entries[1]
    assert hostile is not None and {line.label for line in hostile.lines} >= {value.strip() for value in HOSTILE}
    assert writers.to_csv(entries) == reference(entries)  # type: ignore[arg-type]
    assert "'=cmd" in writers.to_csv(entries) and '"x\ry"' in writers.to_csv(entries)  # type: ignore[arg-type]


def test_the_reference_sees_an_unguarded_cell(tmp_path: Path) -> None:
    # the comparison can fail: the same CSV with one guard dropped differs
    entry = api.compute_file(str(hostile_copy(tmp_path))).result
    assert entry is not None
    assert reference([entry]).replace("'=cmd", "=cmd", 1) != writers.to_csv([entry])
