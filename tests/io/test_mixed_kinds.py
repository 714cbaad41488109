"""A municipality and a province computed in one run: each is laid out by its kind in every format
(docs/community.md), the province in the GPC's tables with its BASIC total, as it is when computed
alone, the municipality as TGO's CFO forms."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ghgcalc import i18n
from tests.conftest import ROOT
from tests.helpers import ghgcalc

openpyxl = pytest.importorskip("openpyxl")

NAMES = ("municipality.yaml", "province.yaml", "city.yaml")


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")
    i18n.set_calendar("")


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    for name in NAMES:
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    return tmp_path


def run_ok(cwd: Path, *args: str) -> str:
    run = ghgcalc(cwd, "--lang", "th", *args)
    assert run.code == 0, run
    return run.stdout


def cells(ws: Any) -> list[tuple[Any, ...]]:
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_markdown_lays_out_the_province_in_the_gpc_tables(examples: Path) -> None:
    mixed = run_ok(examples, "compute", "municipality.yaml", "province.yaml", "-f", "md")
    municipality, province = mixed.split("\n---\n\n", 1)
    assert "BASIC" in province and "BASIC" not in municipality
    assert province == run_ok(examples, "compute", "province.yaml", "-f", "md")
    assert municipality == run_ok(examples, "compute", "municipality.yaml", "-f", "md")


def test_the_workbook_lays_out_each_inventory_by_its_kind(examples: Path) -> None:
    basic = json.loads(run_ok(examples, "compute", "province.yaml", "-f", "json"))["gpc"]["basic_t_co2e"]
    run_ok(examples, "compute", *NAMES, "-f", "xlsx", "-o", "mix.xlsx")
    run_ok(examples, "compute", "province.yaml", "-f", "xlsx", "-o", "province.xlsx")
    mixed = openpyxl.load_workbook(examples / "mix.xlsx")
    alone = openpyxl.load_workbook(examples / "province.xlsx")
    assert mixed.sheetnames[0] == "Fr-01 Organisation (1)"
    assert not any(name.startswith("Fr-") and name.endswith(("(2)", "(3)")) for name in mixed.sheetnames)
    # the province's sheets, as it has them alone, suffixed (2); the city's (3)
    assert [name for name in mixed.sheetnames if name.endswith(" (2)")] == [f"{n} (2)" for n in alone.sheetnames]
    for name in alone.sheetnames:
        assert cells(mixed[f"{name} (2)"]) == cells(alone[name]), name
    summary = cells(mixed["summary (2)"])
    assert [row[1] for row in summary if row[0] == "GPC ระดับ BASIC"] == [pytest.approx(basic, rel=1e-12)]
    assert any(name.startswith("completeness") and name.endswith("(3)") for name in mixed.sheetnames)
