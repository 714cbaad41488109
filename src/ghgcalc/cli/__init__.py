"""The `ghgcalc` command: a thin typer layer over ghgcalc.api.

This is the one place where exceptions become messages and exit codes (`main`). Commands import
their heavy dependencies (rich, pint through the core) inside the command, so `ghgcalc --help`
and `ghgcalc factors list` start fast.
"""

from __future__ import annotations

import os
import sys

# pydantic scans every installed distribution for plugins when it builds its first model; ghgcalc
# uses none, and in shell loops over hundreds of files that scan is a large share of the run time.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from ghgcalc import __version__
from ghgcalc.errors import ExitCode, GhgcalcError

app = typer.Typer(
    name="ghgcalc",
    help="Greenhouse-gas inventories for Thai local governments and provinces (TGO CFO, IPCC 2006).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"ghgcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for internal errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    _state["debug"] = debug


def _register() -> None:
    from ghgcalc.cli import compute, convert, factors, init, plan, trend

    compute.register(app)
    trend.register(app)
    plan.register(app)
    convert.register(app)
    factors.register(app)
    init.register(app)


_register()


def main() -> None:
    """Run the CLI; map every exception to the contract's exit codes.

    typer (in standalone mode) reports usage errors itself with exit code 2; everything that
    escapes a command arrives here.
    """
    for stream in (sys.stdout, sys.stderr):  # results and messages are UTF-8, whatever the locale says
        if (stream.encoding or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        app()
    except GhgcalcError as exc:
        print(f"ghgcalc: error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {exc.hint}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("ghgcalc: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing is wrong
        sys.exit(ExitCode.OK)
    except Exception as exc:  # the last line of defence: a bug, reported as one
        if _state["debug"]:
            raise
        print(f"ghgcalc: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("  this is a bug in ghgcalc; run again with --debug for a traceback and report it", file=sys.stderr)
        sys.exit(ExitCode.INTERNAL)
