"""The `ghgcalc` command: a thin typer layer over ghgcalc.api.

This is the one place where exceptions become messages and exit codes (`main`). Commands import
their heavy dependencies (rich, pint through the core) inside the command, so `ghgcalc --help`
and `ghgcalc factors list` start fast.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

# pydantic scans every installed distribution for plugins when it builds its first model; ghgcalc
# uses none, and in shell loops over hundreds of files that scan is a large share of the run time.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from ghgcalc import __version__
from ghgcalc.errors import ExitCode, GhgcalcError, printable

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
    from ghgcalc.cli import audit, compute, convert, factors, importer, init, plan, trend

    compute.register(app)
    trend.register(app)
    plan.register(app)
    convert.register(app)
    importer.register(app)
    audit.register(app)
    factors.register(app)
    init.register(app)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI on `argv` (default: the command line) and return the contract's exit code.

    This is the one place where exceptions become messages and exit codes. Tests call it
    in-process; the `ghgcalc` script passes its return value to sys.exit.
    """
    from typer._click.exceptions import ClickException  # typer's own click raises these

    _state["debug"] = False
    for stream in (sys.stdout, sys.stderr):  # results and messages are UTF-8, whatever the locale says
        utf8 = stream is None or (stream.encoding or "").lower().replace("-", "") == "utf8"
        if not utf8 and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        code = int(app(args=argv, prog_name="ghgcalc", standalone_mode=False) or 0)
        if code == INTERRUPTED:  # typer turns Ctrl-C into a quiet exit code 130
            _say("ghgcalc: interrupted")
        return code
    except GhgcalcError as exc:
        _say(f"ghgcalc: error: {printable(exc.message)}")
        if exc.hint:
            _say(f"  hint: {printable(exc.hint)}")
        return int(exc.exit_code)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except ClickException as exc:  # unknown option, missing argument, bad choice
        exc.show()
        return int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _say("ghgcalc: interrupted")
        return INTERRUPTED
    except OSError as exc:
        if exc.errno not in _OUTPUT_FAILURES or _state["debug"]:
            raise
        # a result printed straight to standard output: a closed pipe (`| head`), a full disk
        from ghgcalc.cli.output import silence_stdout

        silence_stdout()
        _say(f"ghgcalc: error: cannot write the result to standard output: {exc.strerror}")
        _say("  hint: the result was not written in full; to keep it whole, write it to a file (-o FILE, or > FILE)")
        return int(ExitCode.USAGE)
    except Exception as exc:  # the last line of defence: a bug, reported as one
        if _state["debug"]:
            raise
        _say(f"ghgcalc: internal error: {type(exc).__name__}: {printable(str(exc))}")
        _say("  this is a bug in ghgcalc; run again with --debug for a traceback and report it")
        return int(ExitCode.INTERNAL)


# Errors of writing, not of ghgcalc: the reader went away, the disk or the quota is full.
_OUTPUT_FAILURES = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


# The shell's convention for a command stopped by Ctrl-C (128 + SIGINT).
INTERRUPTED = 130


def _say(text: str) -> None:
    """One line on standard error, if there is one to write to."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):  # standard error closed: nothing more can be said
        print(text, file=stream, flush=True)


def run() -> None:
    """The `ghgcalc` script."""
    sys.exit(main())
