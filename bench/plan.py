"""Plan benchmark: `ghgcalc plan examples/plan.yaml` against computing its base inventory alone.

A plan recomputes its base inventory for every year and every measure (46 inventories for the
example: 8 years, 6 measures, the years before a measure starts skipped). The baseline is
`ghgcalc compute` of that base inventory, in the same session, interleaved; the ratio is what the
projection costs on top of one inventory. The Markdown and workbook lines add the writers.

    python bench/plan.py            # 20 rounds
    python bench/plan.py --rounds 50
"""

from __future__ import annotations

import argparse
from pathlib import Path

from interleaved import compare, ghgcalc_command, private_cache, report

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "plan.yaml"
BASE = ROOT / "examples" / "province.yaml"


def commands(out: Path) -> dict[str, list[str]]:
    cli = ghgcalc_command()
    return {
        "baseline: ghgcalc compute examples/province.yaml -f json": [*cli, "compute", str(BASE), "-f", "json"],
        "ghgcalc plan examples/plan.yaml -f json": [*cli, "plan", str(PLAN), "-f", "json"],
        "ghgcalc plan examples/plan.yaml -f md": [*cli, "plan", str(PLAN), "-f", "md"],
        "ghgcalc plan examples/plan.yaml -f xlsx -o plan.xlsx": [
            *cli,
            "plan",
            str(PLAN),
            "-f",
            "xlsx",
            "-o",
            str(out / "plan.xlsx"),
            "--force",
        ],
    }


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    private_cache()
    with tempfile.TemporaryDirectory() as folder:
        report(compare(commands(Path(folder)), args.rounds))


if __name__ == "__main__":
    main()
