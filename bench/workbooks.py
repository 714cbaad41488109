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

Each is reported as its median wall time, its ratio to the floor and its median CPU time (user
and system, of all its processes).

    python bench/workbooks.py                  # 300 workbooks, 5 rounds
    python bench/workbooks.py --files 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch import inventory
from interleaved import bytecode, ghgcalc_command, measured, private_cache

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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    private_cache()
    cli = ghgcalc_command()
    bytecode()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "towns"
        folder.mkdir()
        started = time.perf_counter()
        generate(folder, args.files, cli)
        print(f"{args.files:,} workbooks generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        script = Path(temp) / "floor.py"
        script.write_text(FLOOR, encoding="utf-8")
        runs = {
            "floor: python-calamine reads every sheet": [sys.executable, str(script), str(folder)],
            "ghgcalc compute FOLDER -f csv --jobs 1": [*cli, "compute", str(folder), "-f", "csv", "--jobs", "1"],
            f"ghgcalc compute FOLDER -f csv --jobs {args.jobs}": [
                *cli, "compute", str(folder), "-f", "csv", "--jobs", str(args.jobs),
            ],
        }  # fmt: skip
        for command in runs.values():  # the file cache, and a check that each command succeeds
            measured(command)
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, command in runs.items():
                before = _children_cpu()
                seconds, _peak = measured(command)
                cpu[name].append(_children_cpu() - before)
                times[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = next(iter(medians.values()))
    width = max(len(name) for name in runs) + 2
    print(f"{args.files:,} workbooks, {args.rounds} rounds, {os.cpu_count()} cores")
    print(f"{'command':{width}} {'median s':>9} {'ratio':>6} {'cpu s':>6}")
    for name, median in medians.items():
        print(f"{name:{width}} {median:9.2f} {median / floor:6.2f} {statistics.median(cpu[name]):6.2f}")


def _children_cpu() -> float:
    """User and system seconds of the finished child processes (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
