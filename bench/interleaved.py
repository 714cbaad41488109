"""Shared by the benchmarks: run commands interleaved, report medians against the first one."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def ghgcalc_command() -> list[str]:
    """The installed `ghgcalc`, or `python -m ghgcalc` when it is not on the PATH."""
    found = shutil.which("ghgcalc")
    return [found] if found else [sys.executable, "-m", "ghgcalc"]


def bytecode() -> None:
    """Compile ghgcalc's modules to bytecode, as pip does when it installs a package: with
    PYTHONDONTWRITEBYTECODE set (as in some CI and development shells) an editable install would
    otherwise compile every module from source in every run, a cost no installed ghgcalc pays
    (the libraries it is compared with, installed by pip, have their bytecode)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("ghgcalc")
    if spec is None or spec.origin is None:
        return
    package = Path(spec.origin).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def private_cache() -> None:
    """Give the benchmark's runs a factor cache of their own (bench/results/cache; the commands it
    starts inherit the setting): the cache of the user's folder is shared by every ghgcalc on the
    machine, and one of other code (another checkout, another version) replaces it, so that each
    run after it parses the factor tables again (about 10 ms) and the numbers would mean nothing."""
    import os
    from pathlib import Path

    folder = Path(__file__).resolve().parent / "results" / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["GHGCALC_CACHE_DIR"] = str(folder)


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one run; the peak is read in a fresh process so that
    getrusage's children maximum is this command's alone."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "took = time.perf_counter() - start\n"
        "print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, kilobytes = done.stdout.split()
    return float(seconds), int(kilobytes) / 1024  # Linux reports ru_maxrss in KB


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def compare(runs: dict[str, list[str]], rounds: int, warm: bool = True) -> dict[str, float]:
    """Median seconds of each command; the commands take turns so that load affects them alike."""
    if warm:
        for command in runs.values():  # the file cache
            wall_time(command)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, command in runs.items():
            times[name].append(wall_time(command))
    return {name: statistics.median(values) for name, values in times.items()}


def report(medians: dict[str, float], unit: str = "ms") -> None:
    """A table of medians and their ratio to the first command (the baseline)."""
    baseline = next(iter(medians.values()))
    scale = 1000 if unit == "ms" else 1
    width = max(len(name) for name in medians) + 2
    print(f"{'command':{width}} {'median ' + unit:>10} {'ratio':>7}")
    for name, median in medians.items():
        print(f"{name:{width}} {median * scale:10.2f} {median / baseline:7.2f}")


def batch_report(runs: dict[str, list[str]], rounds: int, heading: str) -> None:
    """Run each command once (the file cache, and a check that it succeeds), then `rounds` times
    interleaved, and print each one's median wall time, its ratio to the first command's (the
    floor), its median CPU time (user and system, of all its processes) and its peak memory."""
    import os

    for command in runs.values():
        measured(command)
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    peaks: dict[str, float] = {name: 0.0 for name in runs}
    for _ in range(rounds):
        for name, command in runs.items():
            before = _children_cpu()
            seconds, peak = measured(command)
            cpu[name].append(_children_cpu() - before)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = next(iter(medians.values()))
    width = max(len(name) for name in runs) + 2
    print(f"{heading}, {rounds} rounds, {os.cpu_count()} cores")
    print(f"{'command':{width}} {'median s':>9} {'ratio':>6} {'cpu s':>6} {'peak MB':>8}")
    for name, median in medians.items():
        used = statistics.median(cpu[name])
        print(f"{name:{width}} {median:9.2f} {median / floor:6.2f} {used:6.2f} {peaks[name]:8.0f}")


def _children_cpu() -> float:
    """User and system seconds of the finished child processes (and theirs) so far."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def folder_benchmark(
    doc: str, files: int, noun: str, generate: Callable[[Path, int, list[str]], None], floor: str, floor_name: str
) -> None:
    """A programme's folder of `noun` (made by `generate`) to one CSV: the `floor` script against
    `ghgcalc compute FOLDER -f csv` with --jobs 1 and a worker per core, in batch_report's table.
    The command line takes --files, --rounds and --jobs; `doc` is the benchmark's docstring."""
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--files", type=int, default=files)
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
        print(f"{args.files:,} {noun} generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        script = Path(temp) / "floor.py"
        script.write_text(floor, encoding="utf-8")
        runs = {
            f"floor: {floor_name}": [sys.executable, str(script), str(folder)],
            "ghgcalc compute FOLDER -f csv --jobs 1": [*cli, "compute", str(folder), "-f", "csv", "--jobs", "1"],
            f"ghgcalc compute FOLDER -f csv --jobs {args.jobs}": [
                *cli, "compute", str(folder), "-f", "csv", "--jobs", str(args.jobs),
            ],
        }  # fmt: skip
        batch_report(runs, args.rounds, f"{args.files:,} {noun}")
