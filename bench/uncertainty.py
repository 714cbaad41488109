"""Monte Carlo benchmark: `compute --uncertainty` on a 500-line inventory against numpy alone.

The floor is drawing the same number of standard normal variates with numpy alone (one per
uncertain input per draw), which any Monte Carlo must do; the ratio is what ghgcalc adds: turning
them into each input's PDF, the shared factors and the lines' sums by scope. Both run in the same
process, interleaved, `--rounds` times; medians are reported. The whole analysis (Approach 1, key
categories, Table 3.2 and Monte Carlo) is timed too.

    python bench/uncertainty.py              # 500 lines, 10,000 draws, 15 rounds
    python bench/uncertainty.py --lines 2000 --draws 20000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from ghgcalc import api
from ghgcalc.core.analysis import Settings, analyse
from ghgcalc.core.montecarlo import simulate
from ghgcalc.core.uncertainty import build

# Activities of TGO's 2022 factors a municipality reports, with a unit each (a mix of one-gas and
# three-gas factors, so lines share factor inputs as real inventories do).
ACTIVITIES = [
    ("electricity-grid", "kWh", 2),
    ("diesel-mobile", "L", 1),
    ("gasohol-95", "L", 1),
    ("lpg-stationary", "kg", 1),
    ("diesel-stationary", "L", 1),
]
GRADES = ["high", "medium", "low"]


def inventory(lines: int) -> str:
    rows = []
    for n in range(lines):
        activity, unit, scope = ACTIVITIES[n % len(ACTIVITIES)]
        grade = GRADES[n % len(GRADES)]
        rows.append(
            f"  - {{activity: {activity}, amount: {1000 + 37 * n}, unit: {unit}, scope: {scope}, "
            f"data_quality: {{source: 1st, activity: {grade}}}}}\n"
        )
    return "ghgcalc: 1\nname: Bench town\nperiod: 2023\nfactors: [tgo-cfo@2022-04]\nactivities:\n" + "".join(rows)


def median_seconds(runs: dict[str, object], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()  # type: ignore[operator]
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        path.write_text(inventory(args.lines), encoding="utf-8")
        outcome = api.compute_file(str(path))
    result = outcome.result
    assert result is not None, [i.format() for i in outcome.issues]
    model = build(result)
    scopes = list(result.by_scope_t_co2e)
    count = len(model.inputs)

    def floor() -> None:
        np.random.default_rng(1).standard_normal((count, args.draws))

    runs = {
        f"floor: numpy, {count:,} x {args.draws:,} standard normals": floor,
        "ghgcalc Monte Carlo (core.montecarlo.simulate)": lambda: simulate(model, scopes, args.draws, 1),
        "ghgcalc whole analysis (analyse: Approach 1, key categories, Monte Carlo)": lambda: analyse(
            result, Settings(draws=args.draws)
        ),
    }
    medians = median_seconds(runs, args.rounds)
    baseline = next(iter(medians.values()))
    print(f"{args.lines} lines, {count} uncertain inputs, {args.draws:,} draws, {args.rounds} rounds")
    width = max(len(name) for name in medians) + 2
    print(f"{'what':{width}} {'median ms':>10} {'ratio':>7}")
    for name, median in medians.items():
        print(f"{name:{width}} {median * 1000:10.1f} {median / baseline:7.2f}")


if __name__ == "__main__":
    main()
