"""Batch benchmark: a programme's folder of small inventories to CSV, against a plain script.

Generates N small inventories (default 7,850, Thailand's local governments) in a temporary folder
and times, interleaved in the same session so that machine load affects them alike:

- the floor: a plain Python script that loads each file with PyYAML's C loader and multiplies each
  amount by a factor from a dict (no validation, no units, no messages: the least any tool does);
- `ghgcalc compute FOLDER -f csv --jobs 1` (one process, one core);
- `ghgcalc compute FOLDER -f csv --jobs N` (one process, N workers; N: the machine's cores).

Each is reported as its median wall time, its ratio to the floor, its median CPU time (user and
system, of all its processes: on a shared machine a steadier measure of the work than the wall
time; it includes about 0.03 s of the small process that starts and times each command) and its
peak memory (the largest resident set of any one of the command's processes, from getrusage of the
children: with --jobs N, the main process or a worker, whichever is larger).

    python bench/batch.py                  # 7,850 files, 5 rounds
    python bench/batch.py --files 1000 --rounds 3
"""

from __future__ import annotations

from pathlib import Path

from interleaved import folder_benchmark

FLOOR = """\
import sys
from pathlib import Path
import yaml
FACTORS = {"diesel-mobile": 2.7, "gasohol-95": 2.2, "lpg-stationary": 3.0, "electricity-grid": 0.5}
rows = []
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for line in data["activities"]:
        rows.append(f"{path.name},{line['activity']},{line['amount'] * FACTORS[line['activity']]}")
sys.stdout.write("\\n".join(rows) + "\\n")
"""
# The floor's factors are round stand-ins, not TGO's values: they only give it a multiplication to do.

ACTIVITIES = (("diesel-mobile", "L"), ("gasohol-95", "L"), ("lpg-stationary", "kg"), ("electricity-grid", "kWh"))


def inventory(number: int) -> str:
    """A small municipal inventory: four lines, B.E. fiscal year 2567."""
    lines = "".join(
        f"  - activity: {activity}\n    amount: {100 + (number * 37 + i * 11) % 5000}\n    unit: {unit}\n"
        for i, (activity, unit) in enumerate(ACTIVITIES)
    )
    return f"ghgcalc: 1\nname: Town {number:05d} Municipality\nperiod: 2567\nactivities:\n{lines}"


def generate(folder: Path, count: int) -> None:
    for number in range(count):
        (folder / f"town-{number:05d}.yaml").write_text(inventory(number), encoding="utf-8")


def main() -> None:
    def made(folder: Path, count: int, cli: list[str]) -> None:
        generate(folder, count)

    folder_benchmark(__doc__ or "", 7850, "files", made, FLOOR, "PyYAML C loader x factor")


if __name__ == "__main__":
    main()
