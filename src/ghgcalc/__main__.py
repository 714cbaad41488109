"""The `ghgcalc` script and `python -m ghgcalc`: the command line (ghgcalc.cli), loaded here so
that a Ctrl-C while it loads is said as any other Ctrl-C is, never as Python's traceback."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from ghgcalc.cli import run as command_line
    except KeyboardInterrupt:
        from ghgcalc import i18n

        i18n.set_language(i18n.from_environment())
        if sys.stderr is not None:
            print(i18n.tr("ghgcalc: interrupted"), file=sys.stderr, flush=True)
        raise SystemExit(130) from None  # ghgcalc.cli.INTERRUPTED, which did not load
    command_line()


if __name__ == "__main__":
    run()
