"""Shared by the benchmarks: run commands interleaved, report medians against the first one."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time


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
