"""Excel benchmark: `ghgcalc compute` on a 100,000-row Activities sheet against python-calamine's
raw read of the same sheet, in the same session, interleaved.

    python bench/excel.py              # 100,000 rows, 3 rounds
    python bench/excel.py --rows 20000 --rounds 5

The workbook is generated once into bench/results/ (openpyxl, write-only mode) and reused.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from interleaved import compare, ghgcalc_command, private_cache, report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results"
KEYS = [
    ("diesel-mobile", "L"),
    ("electricity-grid", "kWh"),
    ("paper", "kg"),
    ("gasohol-95", "L"),
    ("lpg-stationary", "kg"),
    ("tap-water-pwa", "m3"),
]
MONTHS = [
    "Oct / ต.ค.",
    "Nov / พ.ย.",
    "Dec / ธ.ค.",
    "Jan / ม.ค.",
    "Feb / ก.พ.",
    "Mar / มี.ค.",
    "Apr / เม.ย.",
    "May / พ.ค.",
    "Jun / มิ.ย.",
    "Jul / ก.ค.",
    "Aug / ส.ค.",
    "Sep / ก.ย.",
]


def workbook(rows: int) -> Path:
    path = OUT / f"activities-steady-{rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    OUT.mkdir(parents=True, exist_ok=True)
    book = Workbook(write_only=True)
    inventory = book.create_sheet("Inventory")
    inventory.append(["Field / รายการ", "Value / ค่า"])
    for row in (("ghgcalc", 1), ("name", "Benchmark town"), ("period", "FY2567"), ("factors", "tgo-cfo")):
        inventory.append(list(row))
    sheet = book.create_sheet("Activities")
    sheet.append(
        ["Activity / กิจกรรม", "Scope / ประเภท", "Label / รายละเอียด", "Unit / หน่วย", "ID / รหัส", *MONTHS, "Total / รวม"]
    )
    generator = random.Random(1)
    for index in range(rows):
        key, unit = KEYS[index % len(KEYS)]
        # steady like real meter readings (each month within 0.8-1.25 of the line's own level), so that
        # the run measures reading and computing, not 100,000 plausibility warnings
        level = generator.uniform(10, 1000)
        months = [round(level * generator.uniform(0.8, 1.25), 1) for _ in MONTHS]
        sheet.append([key, None, f"line {index}", unit, f"r{index}", *months, None])
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    private_cache()
    path = str(workbook(args.rows))
    cli = ghgcalc_command()
    raw = (
        "from python_calamine import CalamineWorkbook\n"
        f"CalamineWorkbook.from_path({path!r}).get_sheet_by_name('Activities').to_python()"
    )
    # What compute pays before its first row: its start-up, the guard every workbook passes before
    # calamine may lay a sheet out (the zip's limits, each sheet's range measured from its XML:
    # docs/excel-format.md) and calamine's read, in one thread (compute overlaps a little of it)
    before_rows = (
        "import ghgcalc.cli, ghgcalc.api\n"
        "from ghgcalc.io import excel_xml\n"
        f"list(excel_xml.measured({path!r}))\n"
        "from python_calamine import CalamineWorkbook\n"
        f"CalamineWorkbook.from_path({path!r}).get_sheet_by_name('Activities').to_python(skip_empty_area=False)"
    )
    runs = {
        "baseline: python-calamine raw read of Activities": [sys.executable, "-c", raw],
        "floor: ghgcalc's start-up, its workbook guard and the raw read": [sys.executable, "-c", before_rows],
        "ghgcalc compute --format csv": [*cli, "compute", path, "--format", "csv"],
        "ghgcalc validate": [*cli, "validate", path],
    }
    print(f"{args.rows:,} activity rows, {args.rounds} rounds")
    report(compare(runs, args.rounds, warm=False), unit="s")


if __name__ == "__main__":
    main()
