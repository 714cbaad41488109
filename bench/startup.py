"""Start-up benchmark: `ghgcalc compute` on the example against `python -c "import yaml, pydantic"`.

The CLI runs in shell loops over hundreds of files, so what counts is the wall time of one whole
process. All commands run in the same session, interleaved, so machine load affects them alike;
each is reported as the ratio of its median to the baseline's. The "floor" lines are what the
chosen stack costs before any file is read: pydantic's first model, then that and a typer command
line of one command and one option, parsed; they show how much of the ratio is ghgcalc's own.

    python bench/startup.py            # 30 rounds
    python bench/startup.py --rounds 100
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from interleaved import bytecode, compare, ghgcalc_command, private_cache, report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "municipality.yaml"
PROVINCE = ROOT / "examples" / "province.yaml"  # community: methods, ML, densities and NCVs
FLOOR = (
    "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
    "import yaml\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"
)
# The floor and a one-command typer application, parsing an argument and an option as ghgcalc's
# command line does: what any CLI on typer and pydantic pays before it reads a file.
TYPER_FLOOR = FLOOR + (
    "\nimport typer\napp = typer.Typer(add_completion=False)\n"
    "@app.command()\ndef compute(path: str, format: str = typer.Option('table', '-f')) -> None:\n    pass\n"
    "app(['x.yaml', '-f', 'json'], standalone_mode=False)"
)


def commands() -> dict[str, list[str]]:
    cli = ghgcalc_command()
    return {
        "baseline: python -c 'import yaml, pydantic'": [sys.executable, "-c", "import yaml, pydantic"],
        # What any pydantic-based reader pays before reading a file: pydantic's first model.
        "floor: yaml + one pydantic model": [sys.executable, "-c", FLOOR],
        "floor: yaml + one pydantic model + a one-command typer app": [sys.executable, "-c", TYPER_FLOOR],
        "ghgcalc compute examples/municipality.yaml --format json": [*cli, "compute", str(EXAMPLE), "-f", "json"],
        "ghgcalc compute examples/province.yaml --format json": [*cli, "compute", str(PROVINCE), "-f", "json"],
        "ghgcalc --help": [*cli, "--help"],
        "ghgcalc factors list --format json": [*cli, "factors", "list", "-f", "json"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    private_cache()
    bytecode()
    report(compare(commands(), args.rounds))


if __name__ == "__main__":
    main()
