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

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from interleaved import bytecode, ghgcalc_command, measured, private_cache

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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=7850)
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
        generate(folder, args.files)
        print(f"{args.files:,} inventories generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        script = Path(temp) / "floor.py"
        script.write_text(FLOOR, encoding="utf-8")
        runs = {
            "floor: PyYAML C loader x factor": [sys.executable, str(script), str(folder)],
            "ghgcalc compute FOLDER -f csv --jobs 1": [*cli, "compute", str(folder), "-f", "csv", "--jobs", "1"],
            f"ghgcalc compute FOLDER -f csv --jobs {args.jobs}": [
                *cli, "compute", str(folder), "-f", "csv", "--jobs", str(args.jobs),
            ],
        }  # fmt: skip
        for command in runs.values():  # the file cache, and a check that each command succeeds
            measured(command)
        times: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        peaks: dict[str, float] = {name: 0.0 for name in runs}
        for _ in range(args.rounds):
            for name, command in runs.items():
                before = _children_cpu()
                seconds, peak = measured(command)
                cpu[name].append(_children_cpu() - before)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = next(iter(medians.values()))
    width = max(len(name) for name in runs) + 2
    print(f"{args.files:,} files, {args.rounds} rounds, {os.cpu_count()} cores")
    print(f"{'command':{width}} {'median s':>9} {'ratio':>6} {'cpu s':>6} {'peak MB':>8}")
    for name, median in medians.items():
        used = statistics.median(cpu[name])
        print(f"{name:{width}} {median:9.2f} {median / floor:6.2f} {used:6.2f} {peaks[name]:8.0f}")


def _children_cpu() -> float:
    """User and system seconds of the finished child processes (and theirs) so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    main()
