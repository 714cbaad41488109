"""Workbooks benchmark: a programme's folder of municipal workbooks to CSV, against reading them.

Officers send their inventories as Excel workbooks. This generates N of them (default 300) in a
temporary folder: ten towns' small inventories (bench/batch.py's) converted by `ghgcalc convert`
(the template's sheets, as an officer fills them), each copied in turn under the next town's name
(a convert takes half a second). It times, interleaved in the same session so that machine load
affects them alike:

- the floor: a plain Python script that reads every sheet of each workbook with python-calamine
  (the cells as Python values: no checks, no units, no factors; the least any tool does);
- `ghgcalc compute FOLDER -f csv --jobs 1` (one process, one core);
- `ghgcalc compute FOLDER -f csv --jobs N` (one process, N workers; N: the machine's cores).

Each is reported as its median wall time, its ratio to the floor, its median CPU time (user and
system, of all its processes) and its peak memory (bench/interleaved.py, batch_report).

    python bench/workbooks.py                  # 300 workbooks, 5 rounds
    python bench/workbooks.py --files 1000 --rounds 3
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from batch import inventory
from interleaved import folder_benchmark

FLOOR = """\
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
cells = 0
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
print(cells)
"""


DISTINCT = 10  # towns converted; the others are copies of them


def generate(folder: Path, count: int, cli: list[str]) -> None:
    """`count` workbooks: DISTINCT converted from small inventories of their own, then copies."""
    sources = folder.parent / "sources"
    sources.mkdir()
    for number in range(count):
        target = folder / f"town-{number:04d}.xlsx"
        if number >= DISTINCT:
            shutil.copyfile(folder / f"town-{number % DISTINCT:04d}.xlsx", target)
            continue
        source = sources / f"town-{number:04d}.yaml"
        source.write_text(inventory(number), encoding="utf-8")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run([*cli, "convert", str(source), str(target)], check=True, **quiet)


def main() -> None:
    def made(folder: Path, count: int, cli: list[str]) -> None:
        generate(folder, count, cli)

    folder_benchmark(__doc__ or "", 300, "workbooks", made, FLOOR, "python-calamine reads every sheet")


if __name__ == "__main__":
    main()
